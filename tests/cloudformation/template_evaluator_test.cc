#include "model/cloudformation/template_evaluator.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "model/ip.h"
#include "tests/cloudformation/evaluation_test_util.h"

namespace vpcreach::cfn {
namespace {

using Params = std::map<std::string, ParameterValue>;

StackInput Input(std::string name, std::string file, std::string text, Params params = {}) {
  StackInput input;
  input.name = std::move(name);
  input.template_file = std::move(file);
  input.template_text = std::move(text);
  input.parameters = std::move(params);
  return input;
}

Evaluation Evaluate(const std::string& text, Params params = {}, const ExportTable& exports = {},
                    const std::string& name = "s", const std::string& file = "t.yaml") {
  Evaluation run;
  DefaultAttributeResolver resolver;
  StackInput input{name, file, text, std::move(params)};
  run.stack = EvaluateStack(input, exports, &resolver, &run.diagnostics);
  return run;
}

ParameterValue Given(const std::string& value, int line = 7, int column = 5) {
  return ParameterValue{value, SourceLocation{"scenario.yaml", line, column}};
}

// A one-resource template whose property V is `value` (written at line 4, column 10).
std::string WithValue(const std::string& value, const std::string& before = "") {
  return before + "Resources:\n  R:\n    Type: Custom::Thing\n    Properties: {V: " + value + "}\n";
}

// --- Intrinsics -------------------------------------------------------------------------------

TEST(IntrinsicTest, RefParameterAndResource) {
  Evaluation run = Evaluate(R"(Parameters:
  P: {Type: String, Default: hello}
Resources:
  A:
    Type: AWS::EC2::VPC
    Properties: {CidrBlock: 10.0.0.0/16}
  B:
    Type: AWS::EC2::Subnet
    Properties: {VpcId: !Ref A, Name: {Ref: P}}
)");
  EXPECT_EQ(run.Headlines(), std::vector<std::string>{});
  EXPECT_EQ(run.Prop("B", "VpcId"), "\"s/A\"");
  EXPECT_EQ(run.Prop("B", "Name"), "\"hello\"");
  const CfnValue& vpc_id = *run.Resource("B")->properties.Find("VpcId");
  EXPECT_EQ(vpc_id.path(), "Resources.B.Properties.VpcId");
  EXPECT_EQ(vpc_id.location().line, 9);
  EXPECT_EQ(vpc_id.location().column, 25);
}

TEST(IntrinsicTest, RefToUnknownNameSuggestsTheClosest) {
  Evaluation run = Evaluate(R"(Resources:
  Subnet: {Type: AWS::EC2::Subnet}
  R:
    Type: Custom::Thing
    Properties: {V: !Ref Subnt}
)");
  EXPECT_EQ(run.Headlines(),
            std::vector<std::string>{"t.yaml:5:21: Resources.R.Properties.V: 'Subnt' is not a "
                                     "parameter, pseudo parameter or resource of this template; "
                                     "did you mean 'Subnet'?"});
}

TEST(IntrinsicTest, RefShapeError) {
  Evaluation run = Evaluate(WithValue("{Ref: [a]}"));
  EXPECT_EQ(run.Headlines(), std::vector<std::string>{
                                 "t.yaml:4:21: Resources.R.Properties.V: Ref expects the name of a "
                                 "parameter or resource, got a list of 1 item"});
}

TEST(IntrinsicTest, SubStringForm) {
  Evaluation run = Evaluate(R"(Parameters:
  ClassB: {Type: Number, Default: 7}
Resources:
  Vpc: {Type: AWS::EC2::VPC, Properties: {CidrBlock: !Sub '10.${ClassB}.0.0/16'}}
  R:
    Type: Custom::Thing
    Properties:
      A: !Sub '${AWS::Region}-${Vpc}-${Vpc.CidrBlock}-${!Literal}'
)");
  EXPECT_EQ(run.Headlines(), std::vector<std::string>{});
  EXPECT_EQ(run.Prop("Vpc", "CidrBlock"), "\"10.7.0.0/16\"");
  EXPECT_EQ(run.Prop("R", "A"), "\"us-east-1-s/Vpc-10.7.0.0/16-${Literal}\"");
}

TEST(IntrinsicTest, SubWithVariables) {
  Evaluation run = Evaluate(WithValue("!Sub ['${A}-${B}', {A: x, B: !Join ['', [y, z]]}]"));
  EXPECT_EQ(run.Headlines(), std::vector<std::string>{});
  EXPECT_EQ(run.Prop("R", "V"), "\"x-yz\"");
}

TEST(IntrinsicTest, SubOfAListIsAnError) {
  Evaluation run = Evaluate(
      WithValue("!Sub '${L}'", "Parameters:\n  L: {Type: CommaDelimitedList, Default: 'a,b'}\n"));
  EXPECT_EQ(run.Headlines(),
            std::vector<std::string>{"t.yaml:6:21: Resources.R.Properties.V: Fn::Sub: ${L} is a "
                                     "list of 2 items; Fn::Sub inserts only strings (use Fn::Join "
                                     "for lists)"});
}

TEST(IntrinsicTest, SubShapeError) {
  Evaluation run = Evaluate(WithValue("!Sub [a, b, c]"));
  EXPECT_EQ(
      run.Headlines(),
      std::vector<std::string>{"t.yaml:4:21: Resources.R.Properties.V: Fn::Sub expects a string or "
                               "[string, {variables}], got a list of 3 items"});
}

TEST(IntrinsicTest, GetAttBothForms) {
  Evaluation run = Evaluate(R"(Resources:
  Sg: {Type: AWS::EC2::SecurityGroup, Properties: {VpcId: vpc-1}}
  R:
    Type: Custom::Thing
    Properties:
      A: !GetAtt Sg.GroupId
      B: !GetAtt [Sg, VpcId]
      C: {"Fn::GetAtt": [Sg, GroupId]}
)");
  EXPECT_EQ(run.Headlines(), std::vector<std::string>{});
  EXPECT_EQ(run.Prop("R", "A"), "\"s/Sg\"");
  EXPECT_EQ(run.Prop("R", "B"), "\"vpc-1\"");
  EXPECT_EQ(run.Prop("R", "C"), "\"s/Sg\"");
}

TEST(IntrinsicTest, GetAttUnknownAttributeAndShape) {
  Evaluation run = Evaluate(R"(Resources:
  Sg: {Type: AWS::EC2::SecurityGroup}
  R:
    Type: Custom::Thing
    Properties:
      A: !GetAtt Sg.GroupName
      B: !GetAtt Sg
)");
  EXPECT_EQ(run.Headlines(),
            (std::vector<std::string>{
                "t.yaml:6:10: Resources.R.Properties.A: resource type AWS::EC2::SecurityGroup has "
                "no attribute 'GroupName'",
                "t.yaml:7:10: Resources.R.Properties.B: Fn::GetAtt expects 'LogicalId.Attribute' "
                "or [LogicalId, Attribute], got 'Sg'"}));
}

TEST(IntrinsicTest, ImportValue) {
  ExportTable exports;
  exports["net-VPC"] = StackExport{CfnValue::String("net/VPC"), "net", "VPC"};
  Evaluation run = Evaluate(WithValue("!ImportValue net-VPC"), {}, exports);
  EXPECT_EQ(run.Headlines(), std::vector<std::string>{});
  EXPECT_EQ(run.Prop("R", "V"), "\"net/VPC\"");
}

TEST(IntrinsicTest, ImportValueOfAMissingExportNamesBoth) {
  ExportTable exports;
  exports["vpc-fnd316-VPC"] = StackExport{CfnValue::String("x"), "vpc-fnd316", "VPC"};
  exports["vpc-fnd316-AZA"] = StackExport{CfnValue::String("x"), "vpc-fnd316", "AZA"};
  Evaluation run = Evaluate(R"(Resources:
  EndpointS3:
    Type: AWS::EC2::VPCEndpoint
    Properties:
      VpcId:
        'Fn::ImportValue': !Sub 'vpc-fnd317-VPC'
)",
                            {}, exports);
  EXPECT_EQ(run.Headlines(),
            std::vector<std::string>{"t.yaml:6:9: Resources.EndpointS3.Properties.VpcId: no stack "
                                     "exports 'vpc-fnd317-VPC'; did you mean 'vpc-fnd316-VPC'? "
                                     "(exports so far: vpc-fnd316-AZA, vpc-fnd316-VPC)"});
}

TEST(IntrinsicTest, ImportValueWithNoExportsAtAll) {
  Evaluation run = Evaluate(WithValue("!ImportValue x"));
  EXPECT_EQ(run.Headlines(), std::vector<std::string>{
                                 "t.yaml:4:21: Resources.R.Properties.V: no stack exports 'x' (no "
                                 "stack exported anything before this one)"});
}

TEST(IntrinsicTest, Select) {
  Evaluation run = Evaluate(WithValue("!Select [1, [a, b, c]]"));
  EXPECT_EQ(run.Prop("R", "V"), "\"b\"");
}

TEST(IntrinsicTest, SelectIndexOutOfRange) {
  Evaluation run = Evaluate(WithValue("!Select [2, !GetAZs 'eu-west-1']").substr(0));
  EXPECT_EQ(run.Headlines(), std::vector<std::string>{});  // six AZs
  run = Evaluate(WithValue("!Select ['3', [a, b]]"));
  EXPECT_EQ(
      run.Headlines(),
      std::vector<std::string>{"t.yaml:4:21: Resources.R.Properties.V: Fn::Select: index 3 is out "
                               "of range for a list of 2 items"});
}

TEST(IntrinsicTest, SelectShapeErrors) {
  Evaluation run = Evaluate(R"(Resources:
  R:
    Type: Custom::Thing
    Properties:
      A: !Select [0]
      B: !Select [x, [a]]
      C: !Select [0, abc]
)");
  EXPECT_EQ(run.Headlines(),
            (std::vector<std::string>{
                "t.yaml:5:10: Resources.R.Properties.A: Fn::Select expects [index, list], got a "
                "list of 1 item",
                "t.yaml:6:10: Resources.R.Properties.B: Fn::Select expects an index that is a "
                "whole number 0 or more, got 'x'",
                "t.yaml:7:10: Resources.R.Properties.C: Fn::Select expects [index, list], got a "
                "string as the list"}));
}

TEST(IntrinsicTest, SplitAndJoin) {
  Evaluation run = Evaluate(R"(Resources:
  R:
    Type: Custom::Thing
    Properties:
      A: !Split [',', 'a,b,,c']
      B: !Join [':', [a, 1, true, !Select [0, !Split ['/', 'x/y']]]]
      C: !Join ['', !Split [',', 'p,q']]
)");
  EXPECT_EQ(run.Headlines(), std::vector<std::string>{});
  EXPECT_EQ(run.Prop("R", "A"), R"(["a", "b", "", "c"])");
  EXPECT_EQ(run.Prop("R", "B"), "\"a:1:true:x\"");
  EXPECT_EQ(run.Prop("R", "C"), "\"pq\"");
}

TEST(IntrinsicTest, SplitAndJoinShapeErrors) {
  Evaluation run = Evaluate(R"(Resources:
  R:
    Type: Custom::Thing
    Properties:
      A: !Split [',']
      B: !Join [',', a]
      C: !Join [',', [[a]]]
)");
  EXPECT_EQ(run.Headlines(),
            (std::vector<std::string>{
                "t.yaml:5:10: Resources.R.Properties.A: Fn::Split expects [delimiter, string], got "
                "a list of 1 item",
                "t.yaml:6:10: Resources.R.Properties.B: Fn::Join expects [delimiter, [values]], "
                "got a string as the values",
                "t.yaml:7:10: Resources.R.Properties.C: Fn::Join expects a list of strings, got a "
                "list of 1 item at item 0"}));
}

TEST(IntrinsicTest, GetAZs) {
  Evaluation run = Evaluate(R"(Resources:
  R:
    Type: Custom::Thing
    Properties:
      A: !GetAZs ''
      B: !Select [1, !GetAZs {Ref: 'AWS::Region'}]
      C: !GetAZs nowhere
      D: !GetAZs eu-west-1
      E: !GetAZs ap-northeast-1
)");
  EXPECT_EQ(
      run.Prop("R", "A"),
      R"(["us-east-1a", "us-east-1b", "us-east-1c", "us-east-1d", "us-east-1e", "us-east-1f"])");
  EXPECT_EQ(run.Prop("R", "B"), "\"us-east-1b\"");
  // Each region's own zones: three in Ireland, and Tokyo has no ap-northeast-1b.
  EXPECT_EQ(run.Prop("R", "D"), R"(["eu-west-1a", "eu-west-1b", "eu-west-1c"])");
  EXPECT_EQ(run.Prop("R", "E"), R"(["ap-northeast-1a", "ap-northeast-1c", "ap-northeast-1d"])");
  EXPECT_EQ(
      run.Headlines(),
      std::vector<std::string>{"t.yaml:7:10: Resources.R.Properties.C: Fn::GetAZs expects a region "
                               "name such as us-east-1 or '', got 'nowhere'"});
}

TEST(IntrinsicTest, FindInMap) {
  const std::string mappings =
      "Mappings:\n  RegionMap:\n    us-east-1: {Ami: ami-1, Zones: [a, b]}\n";
  Evaluation run = Evaluate(WithValue("!FindInMap [RegionMap, !Ref 'AWS::Region', Ami]", mappings));
  EXPECT_EQ(run.Headlines(), std::vector<std::string>{});
  EXPECT_EQ(run.Prop("R", "V"), "\"ami-1\"");
  run = Evaluate(WithValue("!FindInMap [RegionMap, us-east-1, Zones]", mappings));
  EXPECT_EQ(run.Prop("R", "V"), R"(["a", "b"])");
}

TEST(IntrinsicTest, FindInMapMissingKeys) {
  const std::string mappings = "Mappings:\n  RegionMap:\n    us-east-1: {Ami: ami-1}\n";
  Evaluation run = Evaluate(R"(Resources:
  R:
    Type: Custom::Thing
    Properties:
      A: !FindInMap [RegionMp, us-east-1, Ami]
      B: !FindInMap [RegionMap, us-west-2, Ami]
      C: !FindInMap [RegionMap, us-east-1, Amy]
      D: !FindInMap [RegionMap, us-east-1]
)" + mappings);
  EXPECT_EQ(run.Headlines(),
            (std::vector<std::string>{
                "t.yaml:5:10: Resources.R.Properties.A: Fn::FindInMap: no mapping 'RegionMp' in "
                "Mappings; did you mean 'RegionMap'?",
                "t.yaml:6:10: Resources.R.Properties.B: Fn::FindInMap: mapping 'RegionMap' has no "
                "key 'us-west-2'; did you mean 'us-east-1'?",
                "t.yaml:7:10: Resources.R.Properties.C: Fn::FindInMap: 'RegionMap.us-east-1' has "
                "no key 'Amy'; did you mean 'Ami'?",
                "t.yaml:8:10: Resources.R.Properties.D: Fn::FindInMap expects [MapName, "
                "TopLevelKey, SecondLevelKey], got a list of 2 items"}));
}

TEST(IntrinsicTest, Cidr) {
  Evaluation run = Evaluate(WithValue("!Cidr [10.1.0.0/16, 4, 12]"));
  EXPECT_EQ(run.Headlines(), std::vector<std::string>{});
  EXPECT_EQ(run.Prop("R", "V"),
            R"(["10.1.0.0/20", "10.1.16.0/20", "10.1.32.0/20", "10.1.48.0/20"])");
}

TEST(IntrinsicTest, CidrThatDoesNotFit) {
  Evaluation run = Evaluate(R"(Resources:
  R:
    Type: Custom::Thing
    Properties:
      A: !Cidr [10.0.0.0/24, 3, 7]
      B: !Cidr [10.0.0.0/24, 1, 9]
      C: !Cidr [10.0.0.0/33, 1, 8]
      D: !Cidr [10.0.0.0/24, 0, 8]
)");
  EXPECT_EQ(run.Headlines(),
            (std::vector<std::string>{
                "t.yaml:5:10: Resources.R.Properties.A: Fn::Cidr: 3 subnets of /25 do not fit in "
                "10.0.0.0/24 (room for 2)",
                "t.yaml:6:10: Resources.R.Properties.B: Fn::Cidr: cidrBits 9 makes /23 subnets, "
                "larger than the ipBlock 10.0.0.0/24",
                "t.yaml:7:10: Resources.R.Properties.C: Fn::Cidr: ipBlock '10.0.0.0/33' is not a "
                "CIDR: " +
                    [] {
                      std::string e;
                      ParseCidr("10.0.0.0/33", &e);
                      return e;
                    }(),
                "t.yaml:8:10: Resources.R.Properties.D: Fn::Cidr expects a count from 1 to 256, "
                "got '0'"}));
}

TEST(IntrinsicTest, Base64) {
  Evaluation run = Evaluate(R"(Resources:
  R:
    Type: Custom::Thing
    Properties: {A: !Base64 'hello', B: !Base64 'hi', C: !Base64 'abc', D: !Base64 [x]}
)");
  EXPECT_EQ(run.Prop("R", "A"), "\"aGVsbG8=\"");
  EXPECT_EQ(run.Prop("R", "B"), "\"aGk=\"");
  EXPECT_EQ(run.Prop("R", "C"), "\"YWJj\"");
  EXPECT_EQ(run.Headlines(),
            std::vector<std::string>{"t.yaml:4:76: Resources.R.Properties.D: Fn::Base64 expects a "
                                     "string, got a list of 1 item"});
}

TEST(IntrinsicTest, UnsupportedIntrinsic) {
  Evaluation run = Evaluate(WithValue("{'Fn::Length': [a]}"));
  EXPECT_EQ(
      run.Headlines(),
      std::vector<std::string>{
          "t.yaml:4:21: Resources.R.Properties.V: unsupported intrinsic function 'Fn::Length' "
          "(vpcreach evaluates Ref, Fn::Sub, Fn::GetAtt, Fn::ImportValue, Fn::Select, "
          "Fn::Split, Fn::Join, Fn::GetAZs, Fn::FindInMap, Fn::Cidr, Fn::Base64 and Fn::If)"});
}

// --- Conditions -------------------------------------------------------------------------------

const char kConditions[] = R"(Parameters:
  Env: {Type: String, Default: prod}
  Flag: {Type: String, Default: 'true', AllowedValues: ['true', 'false']}
Conditions:
  IsProd: !Equals [!Ref Env, prod]
  IsDev: !Not [!Condition IsProd]
  Flagged: !Equals [true, !Ref Flag]
  Both: !And [!Condition IsProd, !Condition Flagged]
  Either: !Or [!Condition IsDev, {Condition: Flagged}]
  Neither: {"Fn::And": [{Condition: IsDev}, {"Fn::Not": [{Condition: Flagged}]}]}
Resources:
  R:
    Type: Custom::Thing
    Properties:
      A: !If [IsProd, p, d]
      B: !If [Both, yes, no]
)";

TEST(ConditionTest, EqualsNotAndOrAndConditionReferences) {
  Evaluation run = Evaluate(kConditions);
  EXPECT_EQ(run.Headlines(), std::vector<std::string>{});
  std::map<std::string, bool> expected = {{"IsProd", true}, {"IsDev", false}, {"Flagged", true},
                                          {"Both", true},   {"Either", true}, {"Neither", false}};
  EXPECT_EQ(run.stack.conditions, expected);
  EXPECT_EQ(run.Prop("R", "A"), "\"p\"");
  EXPECT_EQ(run.Prop("R", "B"), "\"yes\"");
}

TEST(ConditionTest, BooleanParameterValuesCompareAsStrings) {
  // The scenario's YAML `false` arrives as the string "false"; the template's plain `true` in
  // Fn::Equals is the string "true".
  Evaluation run = Evaluate(kConditions, {{"Flag", Given("false")}, {"Env", Given("dev")}});
  EXPECT_EQ(run.Headlines(), std::vector<std::string>{});
  EXPECT_FALSE(run.stack.conditions.at("Flagged"));
  EXPECT_TRUE(run.stack.conditions.at("IsDev"));
  EXPECT_TRUE(run.stack.conditions.at("Either"));
  EXPECT_EQ(run.Prop("R", "A"), "\"d\"");
  EXPECT_EQ(run.Prop("R", "B"), "\"no\"");
}

TEST(ConditionTest, NumbersCompareAsWritten) {
  Evaluation run = Evaluate(R"(Parameters:
  Port: {Type: Number, Default: 443}
Conditions:
  Https: !Equals [!Ref Port, 443]
  Quoted: !Equals ['443', !Ref Port]
Resources:
  R: {Type: Custom::Thing}
)");
  EXPECT_TRUE(run.stack.conditions.at("Https"));
  EXPECT_TRUE(run.stack.conditions.at("Quoted"));
}

TEST(ConditionTest, CircularConditions) {
  Evaluation run = Evaluate(R"(Conditions:
  A: !Not [!Condition B]
  B: !And [!Condition A, !Condition A]
Resources:
  R: {Type: Custom::Thing}
)");
  EXPECT_EQ(
      run.Headlines(),
      (std::vector<std::string>{
          "t.yaml:3:12: Conditions.B.Fn::And[0]: circular reference: condition B refers to A, "
          "which refers to B",
          "t.yaml:3:26: Conditions.B.Fn::And[1]: circular reference: condition B refers to A, "
          "which refers to B"}));
}

TEST(ConditionTest, UnknownConditionAndWrongShapes) {
  Evaluation run = Evaluate(R"(Conditions:
  A: !Equals [a]
  B: !Not [!Condition IsProdd]
  C: plain
  IsProd: !Equals [a, a]
Resources:
  R:
    Type: Custom::Thing
    Properties: {V: !If [Nope, a, b], W: !If [IsProd, a]}
)");
  EXPECT_EQ(run.Headlines(),
            (std::vector<std::string>{
                "t.yaml:2:6: Conditions.A: Fn::Equals expects [value, value], got a list of 1 item",
                "t.yaml:3:12: Conditions.B.Fn::Not[0]: unknown condition 'IsProdd'; did you mean "
                "'IsProd'?",
                "t.yaml:4:6: Conditions.C: expected a condition function (Fn::Equals, Fn::Not, "
                "Fn::And, Fn::Or) or {Condition: Name}, got a string",
                "t.yaml:9:21: Resources.R.Properties.V: unknown condition 'Nope'",
                "t.yaml:9:42: Resources.R.Properties.W: Fn::If expects [ConditionName, value if "
                "true, value if false], got a list of 2 items"}));
}

TEST(ConditionTest, ConditionsCannotReferToResources) {
  Evaluation run = Evaluate(R"(Conditions:
  A: !Equals [!Ref R, x]
Resources:
  R: {Type: Custom::Thing}
)");
  EXPECT_EQ(run.Headlines(), std::vector<std::string>{
                                 "t.yaml:2:15: Conditions.A.Fn::Equals[0]: conditions can refer "
                                 "only to parameters and mappings; 'R' is a resource"});
}

TEST(ConditionTest, ExcludedResourcesVanishAndReferencesToThemAreErrors) {
  Evaluation run = Evaluate(R"(Parameters:
  Env: {Type: String, Default: dev}
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Resources:
  Nat:
    Type: AWS::EC2::NatGateway
    Condition: IsProd
  Route:
    Type: AWS::EC2::Route
    Properties:
      NatGatewayId: !Ref Nat
      Maybe: !If [IsProd, !Ref Nat, none]
Outputs:
  NatId:
    Condition: IsProd
    Value: !Ref Nat
)");
  EXPECT_EQ(run.Headlines(), std::vector<std::string>{
                                 "t.yaml:12:21: Resources.Route.Properties.NatGatewayId: refers to "
                                 "Nat, which is excluded because its condition 'IsProd' is false"});
  ASSERT_NE(run.Resource("Nat"), nullptr);
  EXPECT_FALSE(run.Resource("Nat")->condition_included);
  EXPECT_EQ(run.Resource("Nat")->condition, "IsProd");
  EXPECT_EQ(run.Prop("Route", "Maybe"), "\"none\"");
  ASSERT_EQ(run.stack.outputs.size(), 1u);
  EXPECT_FALSE(run.stack.outputs[0].condition_included);
}

// --- AWS::NoValue ---------------------------------------------------------------------------

TEST(NoValueTest, RemovesTheMapKeyAndTheListElement) {
  Evaluation run = Evaluate(R"(Conditions:
  No: !Equals [a, b]
Resources:
  R:
    Type: Custom::Thing
    Properties:
      Gone: !Ref AWS::NoValue
      AlsoGone: !If [No, x, !Ref 'AWS::NoValue']
      List: [a, !Ref AWS::NoValue, !If [No, x, {Ref: AWS::NoValue}], b]
      Kept: !If [No, x, y]
)");
  EXPECT_EQ(run.Headlines(), std::vector<std::string>{});
  EXPECT_EQ(run.Resource("R")->properties.Dump(), R"({"List": ["a", "b"], "Kept": "y"})");
}

// --- Pseudo parameters ----------------------------------------------------------------------

TEST(PseudoParameterTest, EveryPseudoParameter) {
  Evaluation run;
  DefaultAttributeResolver resolver("eu-west-1", "111122223333");
  StackInput input{"net", "t.yaml", R"(Resources:
  R:
    Type: Custom::Thing
    Properties:
      Name: !Ref AWS::StackName
      Id: !Ref AWS::StackId
      Region: !Ref AWS::Region
      Account: !Ref AWS::AccountId
      Partition: !Ref AWS::Partition
      Suffix: !Ref AWS::URLSuffix
      Topics: !Ref AWS::NotificationARNs
      Sub: !Sub 'arn:${AWS::Partition}:s3:::${AWS::StackName}-${AWS::AccountId}.${AWS::URLSuffix}'
)", {}, "eu-west-1", "111122223333"};
  run.stack = EvaluateStack(input, {}, &resolver, &run.diagnostics);
  EXPECT_EQ(run.Headlines(), std::vector<std::string>{});
  EXPECT_EQ(run.Resource("R")->properties.Dump(),
            R"({"Name": "net", "Id": "arn:aws:cloudformation:eu-west-1:111122223333:stack/net/)"
            R"(00000000-0000-0000-0000-000000000000", "Region": "eu-west-1", "Account": )"
            R"("111122223333", "Partition": "aws", "Suffix": "amazonaws.com", "Topics": [], )"
            R"("Sub": "arn:aws:s3:::net-111122223333.amazonaws.com"})");
}

// --- Parameters -----------------------------------------------------------------------------

TEST(ParameterTest, NumberAboveMaxValueIsReportedAtTheScenarioKey) {
  const std::string t =
      "Parameters:\n  ClassB:\n    Type: Number\n    Default: 0\n    MinValue: 0\n"
      "    MaxValue: 255\nResources:\n  R: {Type: Custom::Thing, Properties: {V: !Ref ClassB}}\n";
  Evaluation run = Evaluate(t, {{"ClassB", Given("300", 14, 5)}});
  EXPECT_EQ(run.Headlines(),
            std::vector<std::string>{"scenario.yaml:14:5: Parameters.ClassB: value 300 is above "
                                     "MaxValue 255"});
  EXPECT_EQ(run.Prop("R", "V"), "<none>");  // no cascade: the reference fails quietly
  run = Evaluate(t, {{"ClassB", Given("12")}});
  EXPECT_EQ(run.Headlines(), std::vector<std::string>{});
  EXPECT_EQ(run.Prop("R", "V"), "\"12\"");
  EXPECT_FALSE(run.stack.parameters[0].from_default);
}

TEST(ParameterTest, DefaultBelowMinValueIsReportedAtTheDefault) {
  Evaluation run = Evaluate(
      "Parameters:\n  N:\n    Type: Number\n    Default: -1\n    MinValue: 0\n"
      "Resources:\n  R: {Type: Custom::Thing}\n");
  EXPECT_EQ(run.Headlines(),
            std::vector<std::string>{"t.yaml:4:14: Parameters.N: value -1 is below MinValue 0"});
}

TEST(ParameterTest, NumberMustParse) {
  Evaluation run =
      Evaluate("Parameters:\n  N: {Type: Number}\nResources:\n  R: {Type: Custom::Thing}\n",
               {{"N", Given("12abc")}});
  EXPECT_EQ(run.Headlines(), std::vector<std::string>{
                                 "scenario.yaml:7:5: Parameters.N: value '12abc' is not a Number"});
  run = Evaluate("Parameters:\n  N: {Type: Number}\nResources:\n  R: {Type: Custom::Thing}\n",
                 {{"N", Given("-1.5e2")}});
  EXPECT_EQ(run.Headlines(), std::vector<std::string>{});
}

TEST(ParameterTest, AllowedValues) {
  const std::string t =
      "Parameters:\n  S:\n    Type: String\n    Default: SubnetAPublic\n"
      "    AllowedValues: [SubnetAPublic, SubnetBPublic]\n"
      "  Days:\n    Type: Number\n    Default: 14\n    AllowedValues: [1, 3, 14]\n"
      "Resources:\n  R: {Type: Custom::Thing}\n";
  EXPECT_EQ(Evaluate(t).Headlines(), std::vector<std::string>{});
  EXPECT_EQ(Evaluate(t, {{"Days", Given("14.0")}}).Headlines(), std::vector<std::string>{});
  EXPECT_EQ(Evaluate(t, {{"S", Given("SubnetCPublic")}}).Headlines(),
            std::vector<std::string>{"scenario.yaml:7:5: Parameters.S: value 'SubnetCPublic' is "
                                     "not one of the AllowedValues: SubnetAPublic, SubnetBPublic"});
}

TEST(ParameterTest, AllowedPatternAndLengths) {
  const std::string t =
      "Parameters:\n  P:\n    Type: String\n    AllowedPattern: '[a-z]+'\n    MinLength: 2\n"
      "    MaxLength: 4\nResources:\n  R: {Type: Custom::Thing}\n";
  EXPECT_EQ(Evaluate(t, {{"P", Given("abc")}}).Headlines(), std::vector<std::string>{});
  EXPECT_EQ(
      Evaluate(t, {{"P", Given("ab1")}}).Headlines(),
      std::vector<std::string>{
          "scenario.yaml:7:5: Parameters.P: value 'ab1' does not match AllowedPattern '[a-z]+'"});
  EXPECT_EQ(Evaluate(t, {{"P", Given("a")}}).Headlines(),
            std::vector<std::string>{"scenario.yaml:7:5: Parameters.P: value 'a' is shorter than "
                                     "MinLength 2"});
  EXPECT_EQ(
      Evaluate(t, {{"P", Given("abcde")}}).Headlines(),
      std::vector<std::string>{"scenario.yaml:7:5: Parameters.P: value 'abcde' is longer than "
                               "MaxLength 4"});
}

TEST(ParameterTest, ListTypes) {
  Evaluation run = Evaluate(R"(Parameters:
  Ports: {Type: 'List<Number>', Default: '80,443'}
  Names: {Type: CommaDelimitedList, Default: 'a,b,c'}
  Vpc: {Type: 'AWS::EC2::VPC::Id', Default: vpc-123}
  Subnets: {Type: 'List<AWS::EC2::Subnet::Id>', Default: 'subnet-1,subnet-2'}
Resources:
  R:
    Type: Custom::Thing
    Properties:
      Ports: !Ref Ports
      Second: !Select [1, !Ref Names]
      Vpc: !Ref Vpc
      Subnets: !Join ['+', !Ref Subnets]
)");
  EXPECT_EQ(run.Headlines(), std::vector<std::string>{});
  EXPECT_EQ(run.Prop("R", "Ports"), R"(["80", "443"])");
  EXPECT_EQ(run.Prop("R", "Second"), "\"b\"");
  EXPECT_EQ(run.Prop("R", "Vpc"), "\"vpc-123\"");
  EXPECT_EQ(run.Prop("R", "Subnets"), "\"subnet-1+subnet-2\"");
  run = Evaluate(
      "Parameters:\n  Ports: {Type: 'List<Number>', MaxValue: 1000}\n"
      "Resources:\n  R: {Type: Custom::Thing}\n",
      {{"Ports", Given("80,http,8080")}});
  EXPECT_EQ(run.Headlines(),
            (std::vector<std::string>{
                "scenario.yaml:7:5: Parameters.Ports: value 'http' is not a Number",
                "scenario.yaml:7:5: Parameters.Ports: value 8080 is above MaxValue 1000"}));
}

TEST(ParameterTest, MissingValueUnknownParameterAndUnknownType) {
  Evaluation run = Evaluate(R"(Parameters:
  ParentVPCStack: {Type: String}
  T: {Type: Strng}
Resources:
  R: {Type: Custom::Thing}
)",
                            {{"ParentVpcStack", Given("x", 3, 7)}});
  EXPECT_EQ(run.Headlines(),
            (std::vector<std::string>{
                "scenario.yaml:3:7: Parameters.ParentVpcStack: the template declares no parameter "
                "'ParentVpcStack'; did you mean 'ParentVPCStack'?",
                "t.yaml:2:3: Parameters.ParentVPCStack: no value given and no Default; give the "
                "stack a value for 'ParentVPCStack'",
                "t.yaml:3:13: Parameters.T.Type: unknown parameter type 'Strng'; did you mean "
                "'String'?"}));
}

// --- Resources: order, cycles, DependsOn ----------------------------------------------------

// Records the order in which the resolver is asked, and what it saw.
class RecordingResolver : public DefaultAttributeResolver {
 public:
  std::optional<CfnValue> Ref(const std::string& id, const std::string& type,
                              const CfnValue& properties) override {
    calls.push_back("Ref " + id + " " + properties.Dump());
    return DefaultAttributeResolver::Ref(id, type, properties);
  }
  std::vector<std::string> calls;
};

TEST(ResourceTest, EvaluatedInDependencyOrderSoTheResolverSeesEvaluatedProperties) {
  Diagnostics d;
  RecordingResolver resolver;
  StackInput input = Input("s", "t.yaml", R"(Resources:
  Route:
    Type: AWS::EC2::Route
    Properties: {NatGatewayId: !Ref Nat, Ip: !Ref Eip2}
  Nat:
    Type: AWS::EC2::NatGateway
    Properties: {AllocationId: !GetAtt Eip1.AllocationId, Ip: !Ref Eip1, Zone: !Sub '${AWS::Region}'}
  Eip2: {Type: AWS::EC2::EIP}
  Eip1: {Type: AWS::EC2::EIP}
)");
  EvaluatedStack stack = EvaluateStack(input, {}, &resolver, &d);
  EXPECT_TRUE(d.Empty()) << d.Format();
  EXPECT_EQ(resolver.calls,
            (std::vector<std::string>{
                R"(Ref s/Eip1 {})",
                R"(Ref s/Nat {"AllocationId": "s/Eip1", "Ip": "192.0.2.1", "Zone": "us-east-1"})",
                R"(Ref s/Eip2 {})"}));
  EXPECT_EQ(stack.resources[0].properties.Dump(),
            R"({"NatGatewayId": "s/Nat", "Ip": "192.0.2.2"})");
  // Template order is kept in the result.
  EXPECT_EQ(stack.resources[3].logical_id, "Eip1");
}

TEST(ResourceTest, CircularReferenceNamesBothEnds) {
  Evaluation run = Evaluate(R"(Resources:
  A:
    Type: Custom::Thing
    Properties: {X: !GetAtt B.Arn}
  B:
    Type: Custom::Thing
    Properties: {Y: !Sub '${A}'}
  C:
    Type: Custom::Thing
    Properties: {Z: !Ref C, W: !Ref A}
  D:
    Type: Custom::Thing
    Properties: {V: ok}
)");
  EXPECT_EQ(run.Headlines(),
            (std::vector<std::string>{
                "t.yaml:4:21: Resources.A.Properties.X: circular reference: A refers to B, which "
                "refers to A at Resources.B.Properties.Y",
                "t.yaml:10:21: Resources.C.Properties.Z: circular reference: C refers to itself"}));
  EXPECT_EQ(run.Prop("D", "V"), "\"ok\"");
}

TEST(ResourceTest, LongerCycleThroughDependsOn) {
  Evaluation run = Evaluate(R"(Resources:
  A: {Type: Custom::Thing, DependsOn: B}
  B: {Type: Custom::Thing, DependsOn: [C]}
  C: {Type: Custom::Thing, Properties: {P: !Ref A}}
)");
  EXPECT_EQ(run.Headlines(), std::vector<std::string>{
                                 "t.yaml:2:39: Resources.A.DependsOn: circular reference: A refers "
                                 "to B, which refers to C, which refers to A at "
                                 "Resources.C.Properties.P"});
}

TEST(ResourceTest, DeclarationErrors) {
  Evaluation run = Evaluate(R"(Resources:
  A: {Type: Custom::Thing, DependsOn: Bee, Propertes: {}}
  B: {Properties: {}}
  Bee2: {Type: Custom::Thing}
Outputs:
  O: {Value: x, Exprt: {Name: y}}
Resourcs: {}
)");
  EXPECT_EQ(run.Headlines(),
            (std::vector<std::string>{
                "t.yaml:7:1: Resourcs: unknown template section 'Resourcs'; did you mean "
                "'Resources'?",
                "t.yaml:2:44: Resources.A.Propertes: unknown resource attribute 'Propertes'; did "
                "you mean 'Properties'?",
                "t.yaml:3:6: Resources.B: missing required key 'Type'",
                "t.yaml:2:39: Resources.A.DependsOn: depends on unknown resource 'Bee'; did you "
                "mean 'Bee2'?",
                "t.yaml:6:17: Outputs.O.Exprt: unknown output attribute 'Exprt'; did you mean "
                "'Export'?"}));
}

TEST(ResourceTest, UnknownTypesAreAcceptedAndAnyAttributeIsAnArn) {
  Evaluation run = Evaluate(R"(Resources:
  Role: {Type: 'AWS::IAM::Role'}
  Log: {Type: 'AWS::Logs::LogGroup'}
  R:
    Type: Custom::Thing
    Properties: {A: !GetAtt Role.Arn, B: !GetAtt Log.Whatever}
)");
  EXPECT_EQ(run.Headlines(), std::vector<std::string>{});
  EXPECT_EQ(run.Prop("R", "A"), "\"arn:aws:iam:us-east-1:123456789012:s/Role\"");
  EXPECT_EQ(run.Prop("R", "B"), "\"arn:aws:logs:us-east-1:123456789012:s/Log/Whatever\"");
}

TEST(ResourceTest, TemplateVersionMustBeTheOnlyVersion) {
  // Unquoted, the version is a date to a YAML 1.1 parser: here it is the text written.
  EXPECT_EQ(
      Evaluate("AWSTemplateFormatVersion: 2010-09-09\nResources:\n  R: {Type: X::Y}\n").Headlines(),
      std::vector<std::string>{});
  EXPECT_EQ(
      Evaluate("AWSTemplateFormatVersion: 2012-01-01\nResources:\n  R: {Type: X::Y}\n").Headlines(),
      std::vector<std::string>{"t.yaml:1:27: AWSTemplateFormatVersion: expected '2010-09-09' "
                               "(the only version), got '2012-01-01'"});
}

// --- Default attribute resolver --------------------------------------------------------------

TEST(DefaultAttributeResolverTest, NetworkAttributes) {
  Evaluation run = Evaluate(R"(Resources:
  Vpc: {Type: 'AWS::EC2::VPC', Properties: {CidrBlock: 10.1.0.0/16}}
  Subnet: {Type: 'AWS::EC2::Subnet', Properties: {VpcId: !Ref Vpc, CidrBlock: 10.1.16.0/20}}
  Eip: {Type: 'AWS::EC2::EIP'}
  Eni: {Type: 'AWS::EC2::NetworkInterface'}
  Nb: {Type: 'AWS::SageMaker::NotebookInstance', Properties: {NotebookInstanceName: lab}}
  R:
    Type: Custom::Thing
    Properties:
      Cidr: !GetAtt Vpc.CidrBlock
      Assoc: !GetAtt Vpc.CidrBlockAssociations
      Nacl: !GetAtt Vpc.DefaultNetworkAcl
      Sg: !GetAtt Vpc.DefaultSecurityGroup
      Az: !GetAtt Subnet.AvailabilityZone
      SubnetVpc: !GetAtt Subnet.VpcId
      SubnetCidr: !GetAtt Subnet.CidrBlock
      Alloc: !GetAtt Eip.AllocationId
      Public: !GetAtt Eip.PublicIp
      EipRef: !Ref Eip
      EniIp: !GetAtt Eni.PrimaryPrivateIpAddress
      Name: !GetAtt Nb.NotebookInstanceName
)");
  EXPECT_EQ(run.Headlines(), std::vector<std::string>{});
  EXPECT_EQ(
      run.Resource("R")->properties.Dump(),
      R"({"Cidr": "10.1.0.0/16", "Assoc": ["s/Vpc/cidr-assoc"], "Nacl": "s/Vpc-default-nacl", )"
      R"("Sg": "s/Vpc-default-sg", "Az": "us-east-1a", "SubnetVpc": "s/Vpc", )"
      R"("SubnetCidr": "10.1.16.0/20", "Alloc": "s/Eip", "Public": "192.0.2.1", )"
      R"("EipRef": "192.0.2.1", "EniIp": "{{vpcreach:deferred:s/Eni.PrimaryPrivateIpAddress}}", )"
      R"("Name": "lab"})");
}

TEST(DefaultAttributeResolverTest, PublicIpsComeFromTheAllocator) {
  DefaultAttributeResolver resolver("us-east-1", "123456789012", [](const std::string& id) {
    return "52.0.0." + std::to_string(id.size());
  });
  EXPECT_EQ(resolver.Ref("s/Eip", "AWS::EC2::EIP", CfnValue::Map({}))->text(), "52.0.0.5");
  EXPECT_EQ(resolver.GetAtt("s/Eip", "AWS::EC2::EIP", CfnValue::Map({}), "PublicIp")->text(),
            "52.0.0.5");
  EXPECT_EQ(resolver.public_ips().size(), 1u);
  EXPECT_FALSE(resolver.GetAtt("s/Eip", "AWS::EC2::EIP", CfnValue::Map({}), "Arn").has_value());
}

// --- JSON templates --------------------------------------------------------------------------

TEST(JsonTemplateTest, EvaluatesLikeYaml) {
  Evaluation run = Evaluate(R"({
  "AWSTemplateFormatVersion": "2010-09-09",
  "Parameters": {"ClassB": {"Type": "Number", "Default": 1, "MaxValue": 255}},
  "Resources": {
    "VPC": {"Type": "AWS::EC2::VPC", "Properties": {"CidrBlock": {"Fn::Sub": "10.${ClassB}.0.0/16"}}},
    "Subnet": {"Type": "AWS::EC2::Subnet", "Properties": {
      "VpcId": {"Ref": "VPC"},
      "AvailabilityZone": {"Fn::Select": [0, {"Fn::GetAZs": ""}]},
      "Enabled": true,
      "Missing": {"Ref": "Nope"}}}
  }
})",
                            {}, {}, "s", "t.json");
  EXPECT_EQ(run.Headlines(), std::vector<std::string>{
                                 "t.json:10:18: Resources.Subnet.Properties.Missing: 'Nope' is not "
                                 "a parameter, pseudo parameter or resource of this template"});
  EXPECT_EQ(run.Prop("VPC", "CidrBlock"), "\"10.1.0.0/16\"");
  EXPECT_EQ(run.Prop("Subnet", "AvailabilityZone"), "\"us-east-1a\"");
  EXPECT_EQ(run.Prop("Subnet", "Enabled"), "true");
}

// --- Exports and imports across stacks ------------------------------------------------------

TEST(ExportTest, ImportExportChainAcrossTwoStacks) {
  DefaultAttributeResolver resolver;
  Diagnostics d;
  ExportTable exports;
  StackInput vpc = Input("net", "vpc.yaml", R"(Resources:
  VPC: {Type: 'AWS::EC2::VPC', Properties: {CidrBlock: 10.0.0.0/16}}
Outputs:
  VPC:
    Value: !Ref VPC
    Export: {Name: !Sub '${AWS::StackName}-VPC'}
  Cidr:
    Value: !GetAtt VPC.CidrBlock
    Export: {Name: !Sub '${AWS::StackName}-Cidr'}
)");
  EvaluatedStack first = EvaluateStack(vpc, exports, &resolver, &d);
  EXPECT_TRUE(d.Empty()) << d.Format();
  EXPECT_EQ(first.exports.size(), 2u);
  EXPECT_EQ(first.exports.at("net-VPC").value.text(), "net/VPC");
  EXPECT_EQ(first.exports.at("net-VPC").stack, "net");
  exports.insert(first.exports.begin(), first.exports.end());

  StackInput sg{"sgs",
                "sg.yaml",
                R"(Parameters:
  Parent: {Type: String}
Resources:
  Sg:
    Type: 'AWS::EC2::SecurityGroup'
    Properties:
      VpcId: {'Fn::ImportValue': !Sub '${Parent}-VPC'}
      Cidr: !ImportValue {'Fn::Join': ['-', [!Ref Parent, Cidr]]}
Outputs:
  Again:
    Value: x
    Export: {Name: net-VPC}
)",
                {{"Parent", ParameterValue{"net", {}}}}};
  EvaluatedStack second = EvaluateStack(sg, exports, &resolver, &d);
  std::vector<std::string> headlines;
  for (const Diagnostic& item : d.Items()) headlines.push_back(Diagnostics::Headline(item));
  EXPECT_EQ(headlines,
            std::vector<std::string>{
                "sg.yaml:12:20: Outputs.Again.Export.Name: export name 'net-VPC' is "
                "already exported by stack net (output VPC); export names must be unique "
                "in a region"});
  EXPECT_EQ(second.resources[0].properties.Dump(),
            R"({"VpcId": "net/VPC", "Cidr": "10.0.0.0/16"})");
  EXPECT_TRUE(second.exports.empty());
}

// --- Nested stacks ---------------------------------------------------------------------------

class NestedStackTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("cfn_nested_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_ / "children");
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string Write(const std::string& name, const std::string& text) {
    std::ofstream(dir_ / name) << text;
    return (dir_ / name).string();
  }
  std::filesystem::path dir_;
};

TEST_F(NestedStackTest, LocalTemplateIsEvaluatedWithItsParametersAndOutputs) {
  Write("children/subnet.yaml", R"(Parameters:
  VpcId: {Type: String}
  Zones: {Type: CommaDelimitedList}
Resources:
  Subnet:
    Type: 'AWS::EC2::Subnet'
    Properties: {VpcId: !Ref VpcId, AvailabilityZone: !Select [1, !Ref Zones], Name: !Ref 'AWS::StackName'}
Outputs:
  SubnetId:
    Value: !Ref Subnet
    Export: {Name: child-subnet}
)");
  std::string parent = Write("parent.yaml", R"(Resources:
  Vpc: {Type: 'AWS::EC2::VPC', Properties: {CidrBlock: 10.0.0.0/16}}
  Child:
    Type: 'AWS::CloudFormation::Stack'
    Properties:
      TemplateURL: children/subnet.yaml
      Parameters: {VpcId: !Ref Vpc, Zones: !GetAZs ''}
  Route:
    Type: 'AWS::EC2::SubnetRouteTableAssociation'
    Properties: {SubnetId: !GetAtt Child.Outputs.SubnetId}
)");
  DefaultAttributeResolver resolver;
  Diagnostics d;
  std::ifstream in(parent);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EvaluatedStack stack = EvaluateStack(Input("top", parent, text), {}, &resolver, &d);
  EXPECT_TRUE(d.Empty()) << d.Format();
  std::vector<std::string> ids;
  for (const EvaluatedResource& r : stack.resources) ids.push_back(r.logical_id);
  EXPECT_EQ(ids, (std::vector<std::string>{"Vpc", "Child", "Child/Subnet", "Route"}));
  EXPECT_EQ(stack.resources[2].properties.Dump(),
            R"({"VpcId": "top/Vpc", "AvailabilityZone": "us-east-1b", "Name": "top-Child"})");
  EXPECT_EQ(stack.resources[3].properties.Dump(), R"({"SubnetId": "top/Child/Subnet"})");
  EXPECT_EQ(stack.exports.at("child-subnet").value.text(), "top/Child/Subnet");
}

TEST_F(NestedStackTest, RemoteTemplateMissingFileAndMissingOutput) {
  Write("empty.yaml", "Resources:\n  R: {Type: Custom::Thing}\n");
  std::string text = R"(Resources:
  Remote:
    Type: 'AWS::CloudFormation::Stack'
    Properties: {TemplateURL: 'https://s3.amazonaws.com/bucket/vpc.yaml'}
  Missing:
    Type: 'AWS::CloudFormation::Stack'
    Properties: {TemplateURL: nothere.yaml}
  Empty:
    Type: 'AWS::CloudFormation::Stack'
    Properties: {TemplateURL: ./empty.yaml}
  User:
    Type: Custom::Thing
    Properties: {V: !GetAtt Empty.Outputs.Id}
)";
  std::string parent = Write("parent.yaml", text);
  DefaultAttributeResolver resolver;
  Diagnostics d;
  EvaluateStack(Input("top", parent, text), {}, &resolver, &d);
  std::vector<std::string> headlines;
  for (const Diagnostic& item : d.Items()) headlines.push_back(Diagnostics::Headline(item));
  EXPECT_EQ(headlines,
            (std::vector<std::string>{
                parent + ":4:31: Resources.Remote.Properties.TemplateURL: nested stack template "
                         "must be a local file, got 'https://s3.amazonaws.com/bucket/vpc.yaml'",
                parent +
                    ":7:31: Resources.Missing.Properties.TemplateURL: cannot read nested "
                    "stack template '" +
                    (dir_ / "nothere.yaml").string() + "': no such file",
                parent + ":13:21: Resources.User.Properties.V: nested stack Empty has no output "
                         "'Id' (it has none)"}));
}

TEST_F(NestedStackTest, ATemplateThatIncludesItselfStops) {
  std::string text = R"(Resources:
  Again:
    Type: 'AWS::CloudFormation::Stack'
    Properties: {TemplateURL: self.yaml}
)";
  std::string self = Write("self.yaml", text);
  DefaultAttributeResolver resolver;
  Diagnostics d;
  EvaluateStack(Input("top", self, text), {}, &resolver, &d);
  ASSERT_EQ(d.Size(), 1u);
  EXPECT_EQ(Diagnostics::Headline(d.Items()[0]),
            self +
                ":4:31: Resources.Again.Properties.TemplateURL: nested stacks go deeper than 8 "
                "levels; does a template include itself? If not, give --max-nested-stack-depth N "
                "to raise the limit");
  // The limit is the input's: 2 levels below the top stack, then the error.
  int two = 2;
  StackInput input = Input("top", self, text);
  input.max_nested_depth = &two;
  Diagnostics limited;
  EvaluateStack(input, {}, &resolver, &limited);
  ASSERT_EQ(limited.Size(), 1u);
  EXPECT_EQ(limited.Items()[0].message,
            "nested stacks go deeper than 2 levels; does a template include itself? If not, give "
            "--max-nested-stack-depth N to raise the limit");
}

// --- The workshop's real templates -----------------------------------------------------------

TEST(LabTemplatesTest, TheFiveWorkshopStacksEvaluateCleanly) {
  const std::filesystem::path dir = VPCREACH_SOURCE_DIR "/../shared/fixtures/lab-templates";
  if (!std::filesystem::exists(dir)) {
    GTEST_SKIP() << "the workshop templates are not here (" << dir.string()
                 << " is absent): skipping";
  }
  struct Deploy {
    std::string stack;
    std::string file;
    Params parameters;
  };
  const std::vector<Deploy> deploys = {
      {"vpc-fnd316", "vpc-2azs.yaml", {{"ClassB", Given("1")}}},
      {"vpc-fnd316-nat-gateway", "vpc-nat-gateway.yaml", {{"ParentVPCStack", Given("vpc-fnd316")}}},
      {"vpc-fnd316-s3endpoint", "vpc-endpoint-s3.yaml", {{"ParentVPCStack", Given("vpc-fnd316")}}},
      {"vpc-fnd316-flowlogs", "vpc-flow-logs.yaml", {{"ParentVPCStack", Given("vpc-fnd316")}}},
      {"vpc-fnd316-securitygroups",
       "vpc-sagemaker-sgs.yaml",
       {{"ParentVPCStack", Given("vpc-fnd316")}}},
  };
  DefaultAttributeResolver resolver;
  Diagnostics d;
  ExportTable exports;
  std::map<std::string, EvaluatedStack> stacks;
  for (const Deploy& deploy : deploys) {
    std::string path = (dir / deploy.file).string();
    std::ifstream in(path);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    EvaluatedStack stack = EvaluateStack(StackInput{deploy.stack, path, text, deploy.parameters},
                                         exports, &resolver, &d);
    exports.insert(stack.exports.begin(), stack.exports.end());
    stacks[deploy.stack] = std::move(stack);
  }
  ASSERT_TRUE(d.Empty()) << d.Format();
  auto prop = [&](const std::string& stack, const std::string& id, const std::string& key) {
    for (const EvaluatedResource& r : stacks[stack].resources) {
      if (r.logical_id != id) continue;
      const CfnValue* v = r.properties.Find(key);
      return v == nullptr ? std::string("<none>") : v->Dump();
    }
    return std::string("<no resource>");
  };
  EXPECT_EQ(prop("vpc-fnd316", "VPC", "CidrBlock"), "\"10.1.0.0/16\"");
  EXPECT_EQ(prop("vpc-fnd316", "SubnetAPrivate", "CidrBlock"), "\"10.1.16.0/20\"");
  EXPECT_EQ(prop("vpc-fnd316", "SubnetAPrivate", "AvailabilityZone"), "\"us-east-1a\"");
  EXPECT_EQ(prop("vpc-fnd316", "SubnetBPublic", "AvailabilityZone"), "\"us-east-1b\"");
  EXPECT_EQ(prop("vpc-fnd316", "NetworkAclEntryInPublicAllowAll", "Egress"), "false");
  EXPECT_EQ(prop("vpc-fnd316", "NetworkAclEntryInPublicAllowAll", "Protocol"), "-1");
  EXPECT_EQ(exports.at("vpc-fnd316-SubnetsPrivate").value.text(),
            "vpc-fnd316/SubnetAPrivate,vpc-fnd316/SubnetBPrivate");
  EXPECT_EQ(exports.at("vpc-fnd316-AZs").value.text(), "2");
  EXPECT_EQ(prop("vpc-fnd316-nat-gateway", "NatGateway", "SubnetId"),
            "\"vpc-fnd316/SubnetAPublic\"");
  EXPECT_EQ(prop("vpc-fnd316-nat-gateway", "NatGateway", "AllocationId"),
            "\"vpc-fnd316-nat-gateway/EIP\"");
  EXPECT_EQ(prop("vpc-fnd316-nat-gateway", "Route", "RouteTableId"),
            "\"vpc-fnd316/RouteTablePrivate\"");
  EXPECT_EQ(exports.at("vpc-fnd316-nat-gateway-IPAddress").value.text(), "192.0.2.1");
  EXPECT_EQ(prop("vpc-fnd316-s3endpoint", "EndpointS3", "ServiceName"),
            "\"com.amazonaws.us-east-1.s3\"");
  EXPECT_EQ(prop("vpc-fnd316-s3endpoint", "EndpointS3", "RouteTableIds"),
            R"(["vpc-fnd316/RouteTablePrivate"])");
  EXPECT_EQ(prop("vpc-fnd316-flowlogs", "FlowLog", "ResourceId"), "\"vpc-fnd316/VPC\"");
  EXPECT_EQ(prop("vpc-fnd316-flowlogs", "FlowLog", "TrafficType"), "\"REJECT\"");
  for (const char* rule : {"OutboundRule1", "OutboundRule2", "InboundRule1", "InboundRule2"}) {
    EXPECT_EQ(prop("vpc-fnd316-securitygroups", rule, "GroupId"),
              "\"vpc-fnd316-securitygroups/TrainingSecurityGroup\"")
        << rule;
  }
  EXPECT_EQ(prop("vpc-fnd316-securitygroups", "PipSecurityGroup", "VpcId"), "\"vpc-fnd316/VPC\"");
  // The located values point into the real templates.
  for (const EvaluatedResource& r : stacks["vpc-fnd316-nat-gateway"].resources) {
    if (r.logical_id != "NatGateway") continue;
    const CfnValue& subnet = *r.properties.Find("SubnetId");
    EXPECT_EQ(subnet.path(), "Resources.NatGateway.Properties.SubnetId");
    EXPECT_EQ(subnet.location().line, 38);
  }
}

}  // namespace
}  // namespace vpcreach::cfn
