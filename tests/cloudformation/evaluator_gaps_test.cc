// The template evaluator's gaps that real templates found (issue 11, point 2): a bare
// `Fn::GetAZs`, the Version and Description resource attributes, AllowedPattern read as Java reads
// it (PCRE2), and custom resources' attributes as explicit unknown values.
#include <gtest/gtest.h>

#include "model/cloudformation/allowed_pattern.h"
#include "model/cloudformation/deploy_time_value.h"
#include "model/cloudformation/template_evaluator.h"
#include "tests/cloudformation/evaluation_test_util.h"
#include "tests/cloudformation/stack_test_fixture.h"

namespace vpcreach::cfn {
namespace {

Evaluation Evaluate(const std::string& text, std::map<std::string, ParameterValue> params = {},
                    const std::string& file = "t.yaml") {
  Evaluation run;
  DefaultAttributeResolver resolver;
  StackInput input{"s", file, text, std::move(params)};
  run.stack = EvaluateStack(input, {}, &resolver, &run.diagnostics);
  return run;
}

const char kZones[] =
    R"(["us-east-1a", "us-east-1b", "us-east-1c", "us-east-1d", "us-east-1e", "us-east-1f"])";

// --- Fn::GetAZs without a region ------------------------------------------------------------

TEST(GetAZsTest, JsonNullIsTheStacksRegion) {
  Evaluation run = Evaluate(R"({"Resources": {"R": {"Type": "Custom::Thing", "Properties": {
    "A": {"Fn::GetAZs": null},
    "B": {"Fn::Select": [1, {"Fn::GetAZs": null}]}}}}})",
                            {}, "t.json");
  EXPECT_EQ(run.Headlines(), std::vector<std::string>{});
  EXPECT_EQ(run.Prop("R", "A"), kZones);
  EXPECT_EQ(run.Prop("R", "B"), "\"us-east-1b\"");
}

TEST(GetAZsTest, BareYamlTagIsTheStacksRegion) {
  // As AWS's Gitea and GitLab samples write it: the tag and nothing after it.
  Evaluation run = Evaluate(R"(Resources:
  R:
    Type: Custom::Thing
    Properties:
      A: !Select
        - 0
        - !GetAZs
      B: !GetAZs
)");
  EXPECT_EQ(run.Headlines(), std::vector<std::string>{});
  EXPECT_EQ(run.Prop("R", "A"), "\"us-east-1a\"");
  EXPECT_EQ(run.Prop("R", "B"), kZones);
}

TEST(GetAZsTest, OtherShapesAreStillRefused) {
  EXPECT_EQ(
      Evaluate("Resources:\n  R:\n    Type: Custom::Thing\n    Properties: {A: !GetAZs [x]}\n")
          .Headlines(),
      std::vector<std::string>{"t.yaml:4:21: Resources.R.Properties.A: Fn::GetAZs expects a "
                               "region name or '', got a list of 1 item"});
}

// --- Resource attributes ---------------------------------------------------------------------

TEST(ResourceAttributeTest, VersionAndDescriptionAreAcceptedAndIgnored) {
  // widdix's elasticache-memcached.yaml gives its custom resource `Version: '1.0'`.
  Evaluation run = Evaluate(R"(Resources:
  Selector:
    Type: Custom::Selector
    Version: '1.0'
    Description: picks zones
    DeletionPolicy: Delete
    UpdateReplacePolicy: Retain
    Properties: {ServiceToken: arn:aws:lambda:us-east-1:123456789012:function:f}
)");
  EXPECT_EQ(run.Headlines(), std::vector<std::string>{});
  EXPECT_EQ(run.Prop("Selector", "ServiceToken"),
            "\"arn:aws:lambda:us-east-1:123456789012:function:f\"");
}

TEST(ResourceAttributeTest, AnUnknownAttributeIsStillRefused) {
  EXPECT_EQ(Evaluate("Resources:\n  R: {Type: Custom::Thing, Versio: '1.0'}\n").Headlines(),
            std::vector<std::string>{"t.yaml:2:28: Resources.R.Versio: unknown resource attribute "
                                     "'Versio'; did you mean 'Version'?"});
}

// --- AllowedPattern: Java regular expressions through PCRE2 ----------------------------------

// A template with one String parameter P that has `pattern` (a YAML single-quoted scalar).
std::string PatternTemplate(const std::string& pattern) {
  return "Parameters:\n  P:\n    Type: String\n    AllowedPattern: '" + pattern +
         "'\nResources:\n  R: {Type: Custom::Thing}\n";
}

ParameterValue Given(const std::string& value) {
  return ParameterValue{value, SourceLocation{"scenario.yaml", 7, 5}};
}

// The problems of giving P `value` under `pattern`.
std::vector<std::string> PatternProblems(const std::string& pattern, const std::string& value) {
  return Evaluate(PatternTemplate(pattern), {{"P", Given(value)}}).Headlines();
}

TEST(AllowedPatternTest, CommonTemplatePatterns) {
  const std::string name = "^[a-z][a-z0-9-]*$";
  EXPECT_EQ(PatternProblems(name, "lab-1"), std::vector<std::string>{});
  EXPECT_EQ(PatternProblems(name, "1lab"),
            std::vector<std::string>{"scenario.yaml:7:5: Parameters.P: value '1lab' does not "
                                     "match AllowedPattern '^[a-z][a-z0-9-]*$'"});
  // AWS's samples: an SSH location.
  const std::string cidr = R"((\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})/(\d{1,2}))";
  EXPECT_EQ(PatternProblems(cidr, "203.0.113.0/24"), std::vector<std::string>{});
  EXPECT_EQ(PatternProblems(cidr, "203.0.113.0"),
            std::vector<std::string>{
                "scenario.yaml:7:5: Parameters.P: value '203.0.113.0' does not match "
                "AllowedPattern '(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})/(\\d{1,2})'"});
}

TEST(AllowedPatternTest, TheWholeValueMustMatch) {
  // Java's String.matches: no partial match, with or without anchors.
  EXPECT_EQ(PatternProblems("[a-z]+", "abc1").size(), 1u);
  EXPECT_EQ(PatternProblems("[a-z]+|[0-9]+", "abc1").size(), 1u);
  EXPECT_EQ(PatternProblems("[a-z]+|[a-z]+[0-9]", "abc1"), std::vector<std::string>{});
}

TEST(AllowedPatternTest, JavaOnlySyntaxStdRegexRefuses) {
  // Each of these is valid Java (CloudFormation deploys them) and a std::regex error.
  EXPECT_EQ(PatternProblems(R"(\p{Alpha}[\p{Alnum}_]*)", "db_1"), std::vector<std::string>{});
  EXPECT_EQ(PatternProblems(R"(\p{Alpha}[\p{Alnum}_]*)", "1db").size(), 1u);
  EXPECT_EQ(PatternProblems(R"(\P{Digit}+)", "abc"), std::vector<std::string>{});
  EXPECT_EQ(PatternProblems(R"(\P{Digit}+)", "ab1").size(), 1u);
  EXPECT_EQ(PatternProblems("[a-z]++[0-9]*+", "abc12"), std::vector<std::string>{});  // possessive
  EXPECT_EQ(PatternProblems("(?i)prod|test", "PROD"), std::vector<std::string>{});    // inline flag
  EXPECT_EQ(PatternProblems("[a-z-]+(?<!-)", "my-bucket"), std::vector<std::string>{});
  EXPECT_EQ(PatternProblems("[a-z-]+(?<!-)", "my-bucket-").size(), 1u);  // lookbehind
  EXPECT_EQ(PatternProblems(R"(\A[a-z]+\z)", "abc"), std::vector<std::string>{});
  EXPECT_EQ(PatternProblems(R"((?>a+)b)", "aab"), std::vector<std::string>{});  // atomic group
  EXPECT_EQ(PatternProblems(R"(\Q1.2\E)", "1.2"), std::vector<std::string>{});
  EXPECT_EQ(PatternProblems(R"(\Q1.2\E)", "132").size(), 1u);
}

TEST(AllowedPatternTest, JavaPosixClassesAreAsciiOnly) {
  // Java's \p{Alpha} is [a-zA-Z] unless UNICODE_CHARACTER_CLASS is set: "é" is not one.
  EXPECT_EQ(PatternProblems(R"(\p{Alpha}+)", "caf\xc3\xa9").size(), 1u);
  EXPECT_EQ(PatternProblems(R"(\p{Punct}+)", "!-/"), std::vector<std::string>{});
}

TEST(AllowedPatternTest, JavaPosixClassesAreRewrittenForPcre2) {
  EXPECT_EQ(JavaPosixClassesForPcre2(R"(\p{Alpha}[\p{Alnum}_]*\P{Digit})"),
            "[[:alpha:]][[:alnum:]_]*[^[:digit:]]");
  EXPECT_EQ(JavaPosixClassesForPcre2(R"([^\P{Space}])"), "[^[:^space:]]");
  // Quoted and escaped text, and Unicode properties PCRE2 reads itself, stay as written.
  EXPECT_EQ(JavaPosixClassesForPcre2(R"(\Q\p{Alpha}\E\[\p{L}])"), R"(\Q\p{Alpha}\E\[\p{L}])");
}

TEST(AllowedPatternTest, APatternPcre2CannotCompileIsLocatedAtThePattern) {
  Evaluation run = Evaluate(PatternTemplate("(abc"), {{"P", Given("abc")}});
  EXPECT_EQ(run.Headlines(),
            std::vector<std::string>{"t.yaml:4:21: Parameters.P.AllowedPattern: PCRE2 cannot "
                                     "compile the regular expression '(abc': missing closing "
                                     "parenthesis at offset 4"});
}

TEST(AllowedPatternTest, AListParameterReportsABadPatternOnce) {
  const std::string t =
      "Parameters:\n  P:\n    Type: CommaDelimitedList\n    AllowedPattern: '[a-'\n"
      "Resources:\n  R: {Type: Custom::Thing}\n";
  EXPECT_EQ(Evaluate(t, {{"P", Given("a,b,c")}}).Headlines().size(), 1u);
}

TEST(AllowedPatternTest, EachListItemIsMatched) {
  const std::string t =
      "Parameters:\n  P:\n    Type: CommaDelimitedList\n    AllowedPattern: '\\p{Lower}+'\n"
      "Resources:\n  R: {Type: Custom::Thing}\n";
  EXPECT_EQ(Evaluate(t, {{"P", Given("ab,cd")}}).Headlines(), std::vector<std::string>{});
  EXPECT_EQ(Evaluate(t, {{"P", Given("ab,Cd")}}).Headlines(),
            std::vector<std::string>{"scenario.yaml:7:5: Parameters.P: value 'Cd' does not match "
                                     "AllowedPattern '\\p{Lower}+'"});
}

// --- Custom resources: unknown until deployment ----------------------------------------------

TEST(CustomResourceTest, RefAndAttributesAreUnknownNotInvented) {
  Evaluation run = Evaluate(R"(Resources:
  Lookup: {Type: Custom::Lookup}
  Legacy: {Type: 'AWS::CloudFormation::CustomResource'}
  R:
    Type: Custom::Thing
    Properties:
      A: !GetAtt Lookup.AvailabilityZone
      B: !Ref Lookup
      C: !GetAtt [Legacy, Anything.Nested]
      D: !Sub 'zone ${Lookup.AvailabilityZone}!'
)");
  EXPECT_EQ(run.Headlines(), std::vector<std::string>{});
  EXPECT_EQ(run.Prop("R", "A"), "\"{{vpcreach:deploy-time:s/Lookup|AvailabilityZone}}\"");
  EXPECT_EQ(run.Prop("R", "B"), "\"{{vpcreach:deploy-time:s/Lookup|}}\"");
  EXPECT_EQ(run.Prop("R", "C"), "\"{{vpcreach:deploy-time:s/Legacy|Anything.Nested}}\"");
  EXPECT_EQ(run.Prop("R", "D"), "\"zone {{vpcreach:deploy-time:s/Lookup|AvailabilityZone}}!\"");
  // Never an ARN made up for the resource (the evaluator's answer for other unknown types).
  EXPECT_EQ(run.Prop("R", "A").find("arn:"), std::string::npos);
}

TEST(CustomResourceTest, IntrinsicsOverAnUnknownGiveAnUnknown) {
  // widdix: !Split [',', !GetAtt Selector.PreferredAvailabilityZones], then items of it.
  Evaluation run = Evaluate(R"(Resources:
  Sel: {Type: Custom::Selector}
  R:
    Type: Custom::Thing
    Properties:
      Zones: !Split [',', !GetAtt Sel.Zones]
      First: !Select [0, !Split [',', !GetAtt Sel.Zones]]
      Joined: !Join [',', !GetAtt Sel.List]
      Block: !Select [2, !Cidr [!GetAtt Sel.Cidr, 4, 8]]
      AZs: !GetAZs {'Fn::GetAtt': [Sel, Region]}
)");
  EXPECT_EQ(run.Headlines(), std::vector<std::string>{});
  EXPECT_EQ(run.Prop("R", "Zones"), "\"{{vpcreach:deploy-time:s/Sel|Zones}}\"");
  EXPECT_EQ(run.Prop("R", "First"), "\"{{vpcreach:deploy-time:s/Sel|Zones[0]}}\"");
  EXPECT_EQ(run.Prop("R", "Joined"), "\"{{vpcreach:deploy-time:s/Sel|List}}\"");
  EXPECT_EQ(run.Prop("R", "Block"), "\"{{vpcreach:deploy-time:s/Sel|Cidr[2]}}\"");
  EXPECT_EQ(run.Prop("R", "AZs"), "\"{{vpcreach:deploy-time:s/Sel|Region}}\"");
}

TEST(CustomResourceTest, TokensReadBack) {
  DeployTimeValue value{"net/Az", "AvailabilityZone"};
  EXPECT_EQ(value.Describe(), "attribute AvailabilityZone of custom resource net/Az");
  EXPECT_EQ(DeployTimeValue({"net/Az", ""}).Describe(), "the Ref of custom resource net/Az");
  std::optional<DeployTimeValue> found = FindDeployTimeValue("x-" + value.Token() + "-y");
  ASSERT_TRUE(found);
  EXPECT_EQ(found->resource_id, "net/Az");
  EXPECT_EQ(found->attribute, "AvailabilityZone");
  EXPECT_FALSE(AsDeployTimeValue(CfnValue::String("x-" + value.Token())));
  EXPECT_TRUE(AsDeployTimeValue(CfnValue::String(value.Token())));
  EXPECT_TRUE(IsCustomResourceType("AWS::CloudFormation::CustomResource"));
  EXPECT_FALSE(IsCustomResourceType("AWS::CloudFormation::Stack"));
}

}  // namespace
}  // namespace vpcreach::cfn

namespace vpcreach::testing {
namespace {

// The greengrass sample's shape: a custom resource picks the subnet's zone.
const char kCustomZone[] = R"(Resources:
  InstanceAZ: {Type: Custom::InstanceAZ, Properties: {ServiceToken: arn:aws:lambda:us-east-1:1:function:f}}
  OtherAZ: {Type: Custom::InstanceAZ, Properties: {ServiceToken: arn:aws:lambda:us-east-1:1:function:f}}
  Vpc: {Type: 'AWS::EC2::VPC', Properties: {CidrBlock: 172.31.0.0/16}}
  A:
    Type: AWS::EC2::Subnet
    Properties: {VpcId: !Ref Vpc, CidrBlock: 172.31.0.0/24, AvailabilityZone: !GetAtt InstanceAZ.AvailabilityZone}
  B:
    Type: AWS::EC2::Subnet
    Properties: {VpcId: !Ref Vpc, CidrBlock: 172.31.1.0/24, AvailabilityZone: !GetAtt OtherAZ.AvailabilityZone}
  C:
    Type: AWS::EC2::Subnet
    Properties: {VpcId: !Ref Vpc, CidrBlock: 172.31.2.0/24, AvailabilityZone: !GetAtt InstanceAZ.AvailabilityZone}
)";

TEST_F(StackTest, ACustomResourcesZoneIsAssumedInOrderWithAWarning) {
  LoadResult loaded = LoadOne(kCustomZone);
  ASSERT_TRUE(loaded.ok()) << loaded.diagnostics.Format();
  EXPECT_EQ(Named(loaded.model.subnets, "net/A").az, "us-east-1a");
  EXPECT_EQ(Named(loaded.model.subnets, "net/B").az, "us-east-1b");
  EXPECT_EQ(Named(loaded.model.subnets, "net/C").az, "us-east-1a");  // the same value, one zone
  EXPECT_EQ(
      Headlines(loaded),
      (std::vector<std::string>{
          "DIR/t.yaml:7:79: warning: Resources.A.Properties.AvailabilityZone: the availability "
          "zone is attribute AvailabilityZone of custom resource net/InstanceAZ, known only at "
          "deployment; vpcreach assumes us-east-1a (the region's zones in order, one per such "
          "value); give the zone as a stack parameter to choose it",
          "DIR/t.yaml:10:79: warning: Resources.B.Properties.AvailabilityZone: the availability "
          "zone is attribute AvailabilityZone of custom resource net/OtherAZ, known only at "
          "deployment; vpcreach assumes us-east-1b (the region's zones in order, one per such "
          "value); give the zone as a stack parameter to choose it",
          "DIR/t.yaml:13:79: warning: Resources.C.Properties.AvailabilityZone: the availability "
          "zone is attribute AvailabilityZone of custom resource net/InstanceAZ, known only at "
          "deployment; vpcreach assumes us-east-1a (the region's zones in order, one per such "
          "value); give the zone as a stack parameter to choose it"}));
  EXPECT_EQ(loaded.model.warnings.size(), 3u);
}

TEST_F(StackTest, ACustomResourcesValueThatDecidesReachabilityIsALocatedError) {
  LoadResult loaded = LoadOne(R"(Resources:
  Plan: {Type: Custom::AddressPlan}
  Vpc: {Type: 'AWS::EC2::VPC', Properties: {CidrBlock: 10.0.0.0/16}}
  Subnet:
    Type: AWS::EC2::Subnet
    Properties: {VpcId: !Ref Vpc, CidrBlock: !GetAtt Plan.SubnetCidr}
  Sg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      VpcId: !Ref Vpc
      GroupDescription: x
      SecurityGroupIngress: [{IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: !Sub '${Plan.Office}/32'}]
)");
  EXPECT_FALSE(loaded.ok());
  EXPECT_EQ(Headlines(loaded),
            (std::vector<std::string>{
                "DIR/t.yaml:6:46: Resources.Subnet.Properties.CidrBlock: the value is attribute "
                "SubnetCidr of custom resource net/Plan, which CloudFormation learns only when the "
                "custom resource's function runs, at deployment; vpcreach needs it to decide "
                "reachability: give it as a stack parameter instead",
                "DIR/t.yaml:12:82: Resources.Sg.Properties.SecurityGroupIngress[0].CidrIp: the "
                "value is attribute Office of custom resource net/Plan, which CloudFormation "
                "learns only when the custom resource's function runs, at deployment; vpcreach "
                "needs it to decide reachability: give it as a stack parameter instead"}));
}

TEST_F(StackTest, WarningsAreFormattedWithTheTemplateLine) {
  LoadResult loaded = LoadOne(kCustomZone);
  ASSERT_TRUE(loaded.ok());
  EXPECT_EQ(loaded.diagnostics.ErrorCount(), 0u);
  EXPECT_EQ(loaded.diagnostics.WarningCount(), 3u);
  std::string text = loaded.diagnostics.FormatWarnings();
  EXPECT_NE(text.find(": warning: Resources.A.Properties.AvailabilityZone: the availability zone "
                      "is attribute AvailabilityZone of custom resource net/InstanceAZ"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("\n        Properties: {VpcId: !Ref Vpc, CidrBlock: 172.31.0.0/24, "
                      "AvailabilityZone: !GetAtt InstanceAZ.AvailabilityZone}\n"),
            std::string::npos)
      << text;
}

}  // namespace
}  // namespace vpcreach::testing
