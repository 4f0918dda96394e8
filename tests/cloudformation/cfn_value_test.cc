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
  ASSERT_EQ(d.Size(), 1u);
  EXPECT_EQ(Diagnostics::Headline(d.Items()[0]).substr(0, 7), "t.yaml:");
  EXPECT_NE(d.Items()[0].message.find("invalid YAML: "), std::string::npos);
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
  ASSERT_EQ(d.Size(), 1u);
  EXPECT_EQ(d.Items()[0].message.rfind("invalid JSON: ", 0), 0u);
}

}  // namespace
}  // namespace vpcreach::cfn
