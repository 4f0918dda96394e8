#include "model/cloudformation/cfn_value.h"

#include <gtest/gtest.h>

#include "model/cloudformation/template_parser.h"

namespace vpcreach::cfn {
namespace {

std::vector<std::string> Headlines(const Diagnostics& d) {
  std::vector<std::string> out;
  for (const Diagnostic& item : d.Items()) out.push_back(Diagnostics::Headline(item));
  return out;
}

CfnValue Parse(const std::string& text, Diagnostics* d) {
  std::optional<CfnValue> root = ParseTemplate("t.yaml", text, d);
  EXPECT_TRUE(root.has_value()) << d->Format();
  return root ? *root : CfnValue();
}

TEST(CfnValueTest, DumpAndEqualityIgnoreLocations) {
  CfnValue a = CfnValue::Map({CfnEntry{"A",
                                       {},
                                       CfnValue::List({CfnValue::String("x"), CfnValue::Number("1"),
                                                       CfnValue::Bool(true), CfnValue::Null()})}});
  EXPECT_EQ(a.Dump(), R"({"A": ["x", 1, true, null]})");
  CfnValue b = a;
  b.set_location(SourceLocation{"f", 3, 4});
  EXPECT_EQ(a, b);
  EXPECT_FALSE(a == CfnValue::String("x"));
  EXPECT_EQ(CfnValue::List({CfnValue::Null(), CfnValue::Null()}).Describe(), "a list of 2 items");
}

TEST(CfnValueTest, RepathSetsChildPaths) {
  CfnValue v = CfnValue::Map({CfnEntry{
      "Tags", {}, CfnValue::List({CfnValue::Map({CfnEntry{"Key", {}, CfnValue::String("k")}})})}});
  v.Repath("Resources.A.Properties");
  EXPECT_EQ(v.Find("Tags")->items()[0].Find("Key")->path(), "Resources.A.Properties.Tags[0].Key");
}

TEST(TemplateParserTest, ScalarsKeepTheirTextAsWritten) {
  Diagnostics d;
  CfnValue root = Parse("V: 2010-09-09\nB: true\nN: 443\nQ: '443'\nS: default\nF: 1.50\n", &d);
  EXPECT_TRUE(d.Empty());
  EXPECT_EQ(root.Find("V")->kind(), CfnValue::Kind::kString);  // an unquoted date stays a string
  EXPECT_EQ(root.Find("V")->text(), "2010-09-09");
  EXPECT_EQ(root.Find("B")->kind(), CfnValue::Kind::kBool);
  EXPECT_EQ(root.Find("B")->text(), "true");
  EXPECT_EQ(root.Find("N")->kind(), CfnValue::Kind::kNumber);
  EXPECT_EQ(root.Find("N")->text(), "443");
  EXPECT_FALSE(root.Find("N")->quoted());
  EXPECT_EQ(root.Find("Q")->kind(), CfnValue::Kind::kString);
  EXPECT_TRUE(root.Find("Q")->quoted());
  EXPECT_EQ(root.Find("F")->text(), "1.50");
}

TEST(TemplateParserTest, MapsKeepDocumentOrderAndLocations) {
  Diagnostics d;
  CfnValue root = Parse("Z: 1\nA:\n  - x\n  - {k: v}\nM: 2\n", &d);
  ASSERT_EQ(root.entries().size(), 3u);
  EXPECT_EQ(root.entries()[0].key, "Z");
  EXPECT_EQ(root.entries()[1].key, "A");
  EXPECT_EQ(root.entries()[2].key, "M");
  const CfnValue& k = *root.Find("A")->items()[1].Find("k");
  EXPECT_EQ(k.path(), "A[1].k");
  EXPECT_EQ(k.location().line, 4);
  EXPECT_EQ(k.location().column, 9);  // the value v
  EXPECT_EQ(root.entries()[1].key_location.line, 2);
}

TEST(TemplateParserTest, EveryShortFormBecomesItsLongFormLocatedAtTheTag) {
  const std::vector<std::pair<std::string, std::string>> forms = {
      {"!Ref X", R"({"Ref": "X"})"},
      {"!Condition C", R"({"Condition": "C"})"},
      {"!Sub 'a-${X}'", R"({"Fn::Sub": "a-${X}"})"},
      {"!GetAtt A.B", R"({"Fn::GetAtt": "A.B"})"},
      {"!GetAtt [A, B]", R"({"Fn::GetAtt": ["A", "B"]})"},
      {"!ImportValue n", R"({"Fn::ImportValue": "n"})"},
      {"!Select [0, !GetAZs '']", R"({"Fn::Select": [0, {"Fn::GetAZs": ""}]})"},
      {"!Split [',', 'a,b']", R"({"Fn::Split": [",", "a,b"]})"},
      {"!Join ['', [a, b]]", R"({"Fn::Join": ["", ["a", "b"]]})"},
      {"!FindInMap [M, a, b]", R"({"Fn::FindInMap": ["M", "a", "b"]})"},
      {"!Cidr [10.0.0.0/16, 2, 8]", R"({"Fn::Cidr": ["10.0.0.0/16", 2, 8]})"},
      {"!Base64 x", R"({"Fn::Base64": "x"})"},
      {"!If [C, a, b]", R"({"Fn::If": ["C", "a", "b"]})"},
      {"!Equals [a, b]", R"({"Fn::Equals": ["a", "b"]})"},
      {"!Not [!Condition C]", R"({"Fn::Not": [{"Condition": "C"}]})"},
      {"!And [!Condition C, !Condition D]",
       R"({"Fn::And": [{"Condition": "C"}, {"Condition": "D"}]})"},
      {"!Or [!Condition C, !Condition D]",
       R"({"Fn::Or": [{"Condition": "C"}, {"Condition": "D"}]})"},
  };
  for (const auto& [yaml, dump] : forms) {
    Diagnostics d;
    CfnValue root = Parse("Key:\n  V: " + yaml + "\n", &d);
    EXPECT_TRUE(d.Empty()) << yaml << "\n" << d.Format();
    const CfnValue& v = *root.Find("Key")->Find("V");
    EXPECT_EQ(v.Dump(), dump) << yaml;
    EXPECT_EQ(v.location().line, 2) << yaml;
    EXPECT_EQ(v.location().column, 6) << yaml;
    EXPECT_EQ(v.path(), "Key.V") << yaml;
    EXPECT_EQ(v.entries()[0].value.path(), "Key.V." + v.entries()[0].key) << yaml;
  }
}

TEST(TemplateParserTest, GetAttWithABlockSequenceOnTheNextLine) {
  Diagnostics d;
  CfnValue root = Parse("G: !GetAtt \n  - TrainingSecurityGroup\n  - GroupId\n", &d);
  EXPECT_EQ(root.Find("G")->Dump(), R"({"Fn::GetAtt": ["TrainingSecurityGroup", "GroupId"]})");
}

TEST(TemplateParserTest, UnknownTagIsAnError) {
  Diagnostics d;
  Parse("A:\n  B: !Reff X\n", &d);
  ASSERT_EQ(d.Size(), 1u);
  EXPECT_EQ(Diagnostics::Headline(d.Items()[0]),
            "t.yaml:2:6: A.B: unknown tag '!Reff'; CloudFormation's short forms are !Ref, !Sub, "
            "!GetAtt, !ImportValue, !Select, !Split, !Join, !GetAZs, !FindInMap, !Cidr, !Base64, "
            "!If, !Equals, !Not, !And, !Or and !Condition");
}

TEST(TemplateParserTest, DuplicateKeyIsAnError) {
  Diagnostics d;
  Parse("Resources:\n  A: 1\n  A: 2\n", &d);
  EXPECT_EQ(Headlines(d),
            std::vector<std::string>{
                "t.yaml:3:3: Resources.A: duplicate key 'A' (first written at line 2)"});
}

TEST(TemplateParserTest, EmptyValueIsNullLocatedAfterItsKey) {
  Diagnostics d;
  CfnValue root = Parse("A:\n  B:\nC: 1\n", &d);
  const CfnValue& b = *root.Find("A")->Find("B");
  EXPECT_TRUE(b.IsNull());
  EXPECT_EQ(b.location().line, 2);
  EXPECT_EQ(b.location().column, 5);  // where the value would be
}

TEST(TemplateParserTest, InvalidYamlIsReportedWithItsLocation) {
  Diagnostics d;
  EXPECT_FALSE(ParseTemplate("t.yaml", "A: [1, 2\nB: 3\n", &d).has_value());
  EXPECT_EQ(Headlines(d), std::vector<std::string>{
                              "t.yaml:2:2: invalid YAML: did not find expected ',' or ']' while "
                              "parsing a flow sequence at line 1"});
}

// Garbage is one located error, found at once (yaml-cpp 0.7 allocated without end on `, x`).
TEST(TemplateParserTest, GarbageIsALocatedError) {
  const std::pair<std::string, std::string> kCases[] = {
      {", x\n",
       "t.yaml:1:1: invalid YAML: did not find expected node content while parsing a block node"},
      {"Resources: ]\n", "t.yaml:1:12: invalid YAML: did not find expected node content while "
                          "parsing a block node"},
      {"\x7f" "ELF\x02\x01\x01\x00",
       "t.yaml:1:1: invalid YAML: control characters are not allowed (0x7F)"},
  };
  for (const auto& [text, headline] : kCases) {
    Diagnostics d;
    EXPECT_FALSE(ParseTemplate("t.yaml", text, &d).has_value()) << text;
    EXPECT_EQ(Headlines(d), std::vector<std::string>{headline});
  }
}

TEST(TemplateParserTest, TabIndentationIsALocatedError) {
  Diagnostics d;
  EXPECT_FALSE(ParseTemplate("t.yaml", "Resources:\n\tVPC:\n\t\tType: AWS::EC2::VPC\n", &d));
  EXPECT_EQ(Headlines(d), std::vector<std::string>{
                              "t.yaml:2:1: invalid YAML: found character that cannot start any "
                              "token while scanning for the next token"});
}

TEST(TemplateParserTest, JsonIsDetectedByContentAndLocated) {
  EXPECT_EQ(DetectTemplateFormat("  \n{\"a\": 1}"), TemplateFormat::kJson);
  EXPECT_EQ(DetectTemplateFormat("a: 1"), TemplateFormat::kYaml);
  Diagnostics d;
  std::optional<CfnValue> root = ParseTemplate(
      "t.json", "{\n\t\"V\": \"2010-09-09\",\n  \"R\": {\"Ref\": \"X\"},\n  \"B\": false\n}\n", &d);
  ASSERT_TRUE(root.has_value()) << d.Format();
  EXPECT_EQ(root->Dump(), R"({"V": "2010-09-09", "R": {"Ref": "X"}, "B": false})");
  EXPECT_EQ(root->Find("R")->location().line, 3);
  EXPECT_EQ(root->Find("R")->location().column, 8);
  EXPECT_TRUE(root->Find("V")->quoted());
}

TEST(TemplateParserTest, InvalidJsonIsReportedAsJson) {
  Diagnostics d;
  EXPECT_FALSE(ParseTemplate("t.json", "{\"a\": [1,\n", &d).has_value());
  EXPECT_EQ(Headlines(d), std::vector<std::string>{
                              "t.json:2:1: invalid JSON: did not find expected node content while "
                              "parsing a flow node"});
}

// Valid JSON that libyaml refuses as YAML: tabs before the template and on a line after it, and
// a surrogate pair (Python's json.dumps writes one for every character past U+FFFF).
TEST(TemplateParserTest, JsonWithTabsAndSurrogatePairs) {
  Diagnostics d;
  std::optional<CfnValue> root = ParseTemplate(
      "t.json", "\t{\n\t\"Description\": \"VPC \\ud83d\\ude80\",\t\"B\": 1\n}\n\t\n", &d);
  ASSERT_TRUE(root.has_value()) << d.Format();
  EXPECT_EQ(root->Find("Description")->text(), "VPC \xF0\x9F\x9A\x80");
  EXPECT_EQ(root->Find("B")->location().line, 2);
  EXPECT_EQ(root->Find("B")->location().column, 42);  // bytes, the escapes as written
  EXPECT_EQ(root->location().column, 2);
}

TEST(TemplateParserTest, DuplicateKeyInJsonIsAnError) {
  Diagnostics d;
  ParseTemplate("t.json", "{\"Resources\": {\"A\": 1,\n  \"A\": 2}}\n", &d);
  EXPECT_EQ(Headlines(d),
            std::vector<std::string>{
                "t.json:2:3: Resources.A: duplicate key 'A' (first written at line 1)"});
}

// The shape of the aws-samples template of issue 11, which yaml-cpp 0.7 refused with "end of map
// not found": a tagged block scalar on the line after its key. PyYAML, cfn-lint and CloudFormation
// accept it; the text is the block's, the long form located at the tag.
TEST(TemplateParserTest, TaggedBlockScalarOnTheLineAfterItsKey) {
  for (const std::string indent : {"", "  "}) {
    Diagnostics d;
    CfnValue root = Parse(
        "Resources:\n  Policy:\n    Type: AWS::IAM::Policy\n    Properties:\n"
        "      PolicyDocument:\n        !Sub |\n        " + indent + "{\n          " + indent +
            "\"Version\": \"2012-10-17\"\n        " + indent + "}\n      PolicyName: x\n",
        &d);
    EXPECT_TRUE(d.Empty()) << d.Format();
    const CfnValue* properties = root.Find("Resources")->Find("Policy")->Find("Properties");
    ASSERT_NE(properties, nullptr);
    const CfnValue& document = *properties->Find("PolicyDocument");
    EXPECT_EQ(document.Dump(), R"({"Fn::Sub": "{\n  \"Version\": \"2012-10-17\"\n}\n"})");
    EXPECT_EQ(document.location().line, 6);
    EXPECT_EQ(document.location().column, 9);
    EXPECT_EQ(document.entries()[0].value.path(), "Resources.Policy.Properties.PolicyDocument.Fn::Sub");
    EXPECT_EQ(properties->Find("PolicyName")->text(), "x");
  }
}

TEST(TemplateParserTest, SubBlockScalarsAfterTheirKey) {
  Diagnostics d;
  CfnValue root = Parse(
      "A: !Sub |\n  arn:${AWS::Partition}\nB:\n- !Sub |\n a\n b\nC: !Sub >-\n    x\n    y\n", &d);
  EXPECT_TRUE(d.Empty()) << d.Format();
  EXPECT_EQ(root.Dump(), R"({"A": {"Fn::Sub": "arn:${AWS::Partition}\n"}, )"
                         R"("B": [{"Fn::Sub": "a\nb\n"}], "C": {"Fn::Sub": "x y"}})");
  EXPECT_EQ(root.Find("B")->items()[0].location().column, 3);
}

TEST(TemplateParserTest, ShortFormsOnTheLineAfterTheirKey) {
  Diagnostics d;
  CfnValue root = Parse(R"(R:
  Join:
    !Join ['', [a, !Ref B]]
  If:
    !If
    - C
    - !GetAtt
      - X
      - Y
    - !Ref AWS::NoValue
  Sub:
    !Sub
      - '${A}-${B}'
      - B: !GetAtt X.Y
  Base64:
    !Base64
      Fn::Join: [',', [a]]
  Att:
    !GetAtt X.Y
  AttList:
    !GetAtt
    - X
    - Y.Z
)",
                        &d);
  EXPECT_TRUE(d.Empty()) << d.Format();
  const CfnValue& r = *root.Find("R");
  EXPECT_EQ(r.Find("Join")->Dump(), R"({"Fn::Join": ["", ["a", {"Ref": "B"}]]})");
  EXPECT_EQ(r.Find("If")->Dump(),
            R"({"Fn::If": ["C", {"Fn::GetAtt": ["X", "Y"]}, {"Ref": "AWS::NoValue"}]})");
  EXPECT_EQ(r.Find("Sub")->Dump(), R"({"Fn::Sub": ["${A}-${B}", {"B": {"Fn::GetAtt": "X.Y"}}]})");
  EXPECT_EQ(r.Find("Base64")->Dump(), R"({"Fn::Base64": {"Fn::Join": [",", ["a"]]}})");
  EXPECT_EQ(r.Find("Att")->Dump(), R"({"Fn::GetAtt": "X.Y"})");
  EXPECT_EQ(r.Find("AttList")->Dump(), R"({"Fn::GetAtt": ["X", "Y.Z"]})");
  for (const char* key : {"Join", "If", "Sub", "Base64", "Att", "AttList"}) {
    EXPECT_EQ(r.Find(key)->location().column, 5) << key;  // at the tag
  }
  EXPECT_EQ(r.Find("If")->location().line, 5);
}

// A short form of nothing is the function of an empty string (yaml-cpp dropped the tag: null).
TEST(TemplateParserTest, EmptyShortFormIsAnEmptyString) {
  Diagnostics d;
  CfnValue root = Parse("A: !GetAZs\nB: !Ref 443\n", &d);
  EXPECT_EQ(root.Find("A")->Dump(), R"({"Fn::GetAZs": ""})");
  EXPECT_EQ(root.Find("B")->Dump(), R"({"Ref": "443"})");
}

// An alias is a copy of its anchored value, located where the anchor wrote it and pathed where
// the alias uses it.
TEST(TemplateParserTest, AliasesAreExpanded) {
  Diagnostics d;
  CfnValue root = Parse("A:\n  Tags: &tags\n    - {Key: k, Value: !Ref V}\nB:\n  Tags: *tags\n", &d);
  EXPECT_TRUE(d.Empty()) << d.Format();
  EXPECT_EQ(root.Find("B")->Find("Tags")->Dump(), R"([{"Key": "k", "Value": {"Ref": "V"}}])");
  EXPECT_EQ(*root.Find("B")->Find("Tags"), *root.Find("A")->Find("Tags"));
  EXPECT_EQ(root.Find("B")->Find("Tags")->items()[0].Find("Key")->path(), "B.Tags[0].Key");
  EXPECT_EQ(root.Find("B")->Find("Tags")->location().line, 2);
}

TEST(TemplateParserTest, BillionLaughsIsALocatedError) {
  std::string text = "A: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n";
  for (char level = 'B'; level <= 'I'; ++level) {
    std::string previous(1, static_cast<char>(level - 'A' + 'a' - 1));
    text += std::string(1, level) + ": &" + static_cast<char>(level - 'A' + 'a') + " [";
    for (int i = 0; i < 10; ++i) text += (i ? ", *" : "*") + previous;
    text += "]\n";
  }
  Diagnostics d;
  EXPECT_FALSE(ParseTemplate("t.yaml", text, &d).has_value());
  EXPECT_EQ(Headlines(d), std::vector<std::string>{
                              "t.yaml:5:36: aliases expand to more than 100000 nodes (vpcreach's "
                              "limit); write the values out or alias less"});
}

}  // namespace
}  // namespace vpcreach::cfn
