// The located YAML tree built from libyaml's events (model/yaml_document.h): shapes, styles, tags
// and locations through a compact Dump(), aliases and their budgets, syntax errors in libyaml's
// words located at its mark, and JSON read as a JSON parser reads it.
#include "model/yaml_document.h"

#include <gtest/gtest.h>

#include <string>

namespace vpcreach {
namespace {

std::string Quote(const std::string& text) {
  std::string out;
  for (char c : text) out += c == '\n' ? std::string("\\n") : std::string(1, c);
  return out;
}

// `text@line:col` for a plain scalar; 'text' quoted, |text literal, >text folded; a tag before
// it; [items]@l:c and {key: value}@l:c for collections.
std::string Dump(const YamlNode& node) {
  std::string out = node.tag().empty() ? "" : node.tag() + " ";
  switch (node.kind()) {
    case YamlNode::Kind::kScalar: {
      const char* marks[] = {"", "'", "|", ">"};
      std::string mark = marks[static_cast<int>(node.style())];
      out += mark + Quote(node.text()) + (mark == "'" ? "'" : "");
      break;
    }
    case YamlNode::Kind::kSequence: {
      out += "[";
      for (size_t i = 0; i < node.items().size(); ++i) {
        out += (i ? ", " : "") + Dump(*node.items()[i]);
      }
      out += "]";
      break;
    }
    case YamlNode::Kind::kMapping: {
      out += "{";
      for (size_t i = 0; i < node.pairs().size(); ++i) {
        out += (i ? ", " : "") + Dump(*node.pairs()[i].key) + ": " + Dump(*node.pairs()[i].value);
      }
      out += "}";
      break;
    }
  }
  return out + "@" + std::to_string(node.line()) + ":" + std::to_string(node.column());
}

// The first document's dump, or "error L:C: message".
std::string Parse(const std::string& text, YamlSyntax syntax = YamlSyntax::kYaml,
                  const YamlLimits& limits = {}) {
  YamlError error;
  std::unique_ptr<YamlStream> stream = ParseYamlStream(text, &error, syntax, limits);
  if (!stream) {
    return "error " + std::to_string(error.line) + ":" + std::to_string(error.column) + ": " +
           error.message;
  }
  if (stream->documents().empty()) return "(no document)";
  return Dump(*stream->documents()[0]);
}

TEST(YamlDocumentTest, BlockAndFlowNodesInDocumentOrderWithLocations) {
  EXPECT_EQ(Parse("Z: 1\nA:\n  - x\n  - 'y'\nC: {k: v, 2: [a]}\n"),
            "{Z@1:1: 1@1:4, A@2:1: [x@3:5, 'y'@4:5]@3:3, "
            "C@5:1: {k@5:5: v@5:8, 2@5:11: [a@5:15]@5:14}@5:4}@1:1");
}

TEST(YamlDocumentTest, ScalarStylesAndTags) {
  EXPECT_EQ(Parse("a: !Sub |\n  x ${Y}\nb: >\n  y\n  z\nc: !!str 5\nd: ! 5\ne: \"q\"\n"),
            "{a@1:1: !Sub |x ${Y}\\n@1:4, b@3:1: >y z\\n@3:4, "
            "c@6:1: tag:yaml.org,2002:str 5@6:4, d@7:1: ! 5@7:4, e@8:1: 'q'@8:4}@1:1");
}

// The shape yaml-cpp 0.7 refused ("end of map not found"): a tagged block scalar on the line after
// its key, its text at the tag's indentation.
TEST(YamlDocumentTest, TaggedBlockScalarOnTheLineAfterItsKey) {
  EXPECT_EQ(Parse("P:\n  D:\n    !Sub |\n    {\n      \"V\": 1\n    }\n  N: x\n"),
            "{P@1:1: {D@2:3: !Sub |{\\n  \"V\": 1\\n}\\n@3:5, N@7:3: x@7:6}@2:3}@1:1");
  // yaml-cpp's issue 1163: a tagged block scalar in a sequence, its text indented by one.
  EXPECT_EQ(Parse("key:\n- !Sub |\n multiple\n words\nother: 1\n"),
            "{key@1:1: [!Sub |multiple\\nwords\\n@2:3]@2:1, other@5:1: 1@5:8}@1:1");
}

TEST(YamlDocumentTest, TaggedCollectionsOnTheLineAfterTheirKey) {
  EXPECT_EQ(Parse("A:\n  B:\n    !If\n    - C\n    - 1\n  F:\n    !Sub\n    X: y\n"),
            "{A@1:1: {B@2:3: !If [C@4:7, 1@5:7]@3:5, F@6:3: !Sub {X@8:5: y@8:8}@7:5}@2:3}@1:1");
}

TEST(YamlDocumentTest, EmptyValuesAreLocatedAfterTheirIndicator) {
  YamlError error;
  auto stream = ParseYamlStream("A:\nL:\n  -\n  - x\nN: ~\nS: 'null'\n", &error);
  ASSERT_TRUE(stream) << error.message;
  EXPECT_EQ(Dump(*stream->documents()[0]),
            "{A@1:1: @1:3, L@2:1: [@3:4, x@4:5]@3:3, N@5:1: ~@5:4, S@6:1: 'null'@6:4}@1:1");
  const auto& pairs = stream->documents()[0]->pairs();
  EXPECT_TRUE(pairs[0].value->IsNull());
  EXPECT_TRUE(pairs[1].value->items()[0]->IsNull());
  EXPECT_FALSE(pairs[1].value->items()[1]->IsNull());
  EXPECT_TRUE(pairs[2].value->IsNull());
  EXPECT_FALSE(pairs[3].value->IsNull());  // quoted: a string
}

TEST(YamlDocumentTest, EveryDocumentOfAStream) {
  YamlError error;
  auto stream = ParseYamlStream("a: 1\n---\nb: 2\n...\n--- c\n", &error);
  ASSERT_TRUE(stream) << error.message;
  ASSERT_EQ(stream->documents().size(), 3u);
  EXPECT_EQ(Dump(*stream->documents()[1]), "{b@3:1: 2@3:4}@3:1");
  EXPECT_EQ(Dump(*stream->documents()[2]), "c@5:5");
  EXPECT_EQ(Parse(""), "(no document)");
  EXPECT_EQ(Parse("# a comment only\n"), "(no document)");
  EXPECT_EQ(Parse("---\n"), "@2:1");
}

TEST(YamlDocumentTest, AnAliasIsTheAnchoredNode) {
  YamlError error;
  auto stream = ParseYamlStream("a: &x {k: [1, 2]}\nb: *x\nc: [*x, *x]\n", &error);
  ASSERT_TRUE(stream) << error.message;
  const YamlNode& root = *stream->documents()[0];
  EXPECT_EQ(root.pairs()[1].value, root.pairs()[0].value);
  EXPECT_EQ(root.pairs()[2].value->items()[1], root.pairs()[0].value);
  EXPECT_EQ(Dump(root), "{a@1:1: {k@1:8: [1@1:12, 2@1:15]@1:11}@1:4, b@2:1: {k@1:8: [1@1:12, "
                        "2@1:15]@1:11}@1:4, c@3:1: [{k@1:8: [1@1:12, 2@1:15]@1:11}@1:4, {k@1:8: "
                        "[1@1:12, 2@1:15]@1:11}@1:4]@3:4}@1:1");
  // a's mapping is 5 nodes; expanded, the document is the root, 3 keys, a, b, c's list and two
  // more copies of a.
  EXPECT_EQ(root.expanded_size(), 1u + 3u + 5u + 5u + 1u + 10u);
}

TEST(YamlDocumentTest, AliasesThatNameNothingOrTheirOwnNodeAreLocatedErrors) {
  EXPECT_EQ(Parse("a: *x\n"), "error 1:4: alias *x names no anchor &x written before it in this "
                              "document");
  EXPECT_EQ(Parse("a: &x [1, *x]\n"),
            "error 1:11: alias *x is inside the node &x it names; a value cannot contain itself");
  // Anchors are a document's own.
  YamlError error;
  EXPECT_FALSE(ParseYamlStream("a: &x 1\n---\nb: *x\n", &error));
  EXPECT_EQ(error.line, 3);
  EXPECT_EQ(error.column, 4);
}

TEST(YamlDocumentTest, AliasExpansionHasABudget) {
  YamlLimits limits;
  limits.max_alias_expansion = 10;
  // *x stands for 4 nodes: the third use crosses 10.
  EXPECT_EQ(Parse("a: &x [1, 2, 3]\nb: [*x, *x]\nc: *x\n", YamlSyntax::kYaml, limits),
            "error 3:4: aliases expand to more than 10 nodes (vpcreach's limit); write the values "
            "out or alias less");
}

// "Billion laughs": nine levels of ten aliases each stand for 10^9 strings. The default budget
// refuses it at the level that crosses 100,000 nodes, without building more than the text.
TEST(YamlDocumentTest, BillionLaughsIsALocatedError) {
  std::string text = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n";
  for (char level = 'b'; level <= 'i'; ++level) {
    std::string previous(1, static_cast<char>(level - 1));
    text += std::string(1, level) + ": &" + level + " [";
    for (int i = 0; i < 10; ++i) text += (i ? ", *" : "*") + previous;
    text += "]\n";
  }
  // b, c and d add 110 + 1,110 + 11,110 nodes; each *d of e adds 11,111: the eighth crosses.
  EXPECT_EQ(Parse(text), "error 5:36: aliases expand to more than 100000 nodes (vpcreach's limit); "
                         "write the values out or alias less");
}

TEST(YamlDocumentTest, NestingHasADepthLimit) {
  std::string deep = std::string(600, '[') + std::string(600, ']');
  EXPECT_EQ(Parse(deep), "error 1:501: the YAML nests deeper than 500 levels (vpcreach's limit)");
  EXPECT_EQ(Parse(std::string(500, '[') + std::string(500, ']')).substr(0, 3), "[[[");
  // With aliases expanded: *x is three levels below b's list.
  YamlLimits limits;
  limits.max_depth = 4;
  EXPECT_EQ(Parse("a: &x [[1]]\nb: [*x]\n", YamlSyntax::kYaml, limits),
            "error 2:5: the YAML nests deeper than 4 levels (vpcreach's limit)");
}

// Garbage and broken YAML: one error, in libyaml's words, at libyaml's mark, with the line where
// the broken construct starts when that is another line.
TEST(YamlDocumentTest, SyntaxErrorsAreLocatedInLibyamlsWords) {
  const std::pair<std::string, std::string> kCases[] = {
      {", x\n",
       "error 1:1: invalid YAML: did not find expected node content while parsing a block node"},
      {"]\n",
       "error 1:1: invalid YAML: did not find expected node content while parsing a block node"},
      {"@foo\n", "error 1:1: invalid YAML: found character that cannot start any token while "
                 "scanning for the next token"},
      {"{{{{\n", "error 2:1: invalid YAML: did not find expected node content while parsing a "
                 "flow node"},
      {": : :\n",
       "error 1:1: invalid YAML: did not find expected key while parsing a block mapping"},
      {"A:\n\tB: 1\n", "error 2:1: invalid YAML: found character that cannot start any token "
                       "while scanning for the next token"},
      {"a: 'unterminated\n", "error 2:1: invalid YAML: found unexpected end of stream while "
                             "scanning a quoted scalar at line 1"},
      {"key: value: x\n", "error 1:11: invalid YAML: mapping values are not allowed in this "
                          "context"},
      {"a: b\n- c\n", "error 2:1: invalid YAML: did not find expected key while parsing a block "
                      "mapping at line 1"},
      {"a:\n  - b\n  c: d\n", "error 3:3: invalid YAML: did not find expected '-' indicator "
                              "while parsing a block collection at line 2"},
      {"\"\\q\"\n", "error 1:2: invalid YAML: found unknown escape character while parsing a "
                    "quoted scalar"},
      {"a: b\x01\n", "error 1:5: invalid YAML: control characters are not allowed (0x1)"},
      {"a: \xff\n", "error 1:4: invalid YAML: invalid leading UTF-8 octet (0xFF)"},
      {std::string("a: b\0c\n", 7), "error 1:5: invalid YAML: control characters are not "
                                    "allowed (0x0)"},
  };
  for (const auto& [text, expected] : kCases) EXPECT_EQ(Parse(text), expected) << text;
}

// Lines count '\n' only and columns bytes, as Diagnostics echoes lines and places its caret;
// libyaml counts characters, and U+2028 as a line break.
TEST(YamlDocumentTest, LocationsCountBytesAndNewlinesOnly) {
  EXPECT_EQ(Parse("\xC3\xA9\xC3\xA9: x\nb: \"a\xE2\x80\xA8z\"\nc: d\n"),
            "{\xC3\xA9\xC3\xA9@1:1: x@1:7, b@2:1: 'a\xE2\x80\xA8z'@2:4, c@3:1: d@3:4}@1:1");
  // A byte-order mark is not a column.
  EXPECT_EQ(Parse("\xEF\xBB\xBF" "a: 1\n"), "{a@1:1: 1@1:4}@1:1");
  EXPECT_EQ(Parse("a: 1\r\nb: 2\r\n"), "{a@1:1: 1@1:4, b@2:1: 2@2:4}@1:1");
}

// Valid JSON that libyaml alone refuses or reads otherwise: tabs around the top-level value,
// surrogate pairs, a raw U+0085 inside a string (U+2028 needs nothing). Locations stay those of
// the text.
TEST(YamlDocumentTest, JsonIsReadAsJson) {
  std::string json = "\t{\"a\": \"x\\ud83d\\ude00y\",\t\"b\": \"\t\\\"\t\", \"c\": "
                     "\"1\xE2\x80\xA8" "2\xC2\x85" "3\", \"d\": 4}\n\t\n";
  EXPECT_EQ(Parse(json, YamlSyntax::kJson),
            "{'a'@1:3: 'x\xF0\x9F\x98\x80y'@1:8, 'b'@1:26: '\t\"\t'@1:31, "
            "'c'@1:39: '1\xE2\x80\xA8" "2\xC2\x85" "3'@1:44, 'd'@1:56: 4@1:61}@1:2");
  // As YAML, the same text is refused.
  EXPECT_EQ(Parse(json), "error 1:1: invalid YAML: found character that cannot start any token "
                         "while scanning for the next token");
  EXPECT_EQ(Parse("{\"a\": [1,\n", YamlSyntax::kJson),
            "error 2:1: invalid JSON: did not find expected node content while parsing a flow "
            "node");
  // YAML's limit on implicit keys holds in JSON too: a key and its colon on different lines.
  EXPECT_EQ(Parse("{\"a\"\n: 1}", YamlSyntax::kJson),
            "error 2:1: invalid JSON: did not find expected ',' or '}' while parsing a flow "
            "mapping at line 1");
  // A lone surrogate is left to libyaml, which refuses it.
  EXPECT_EQ(Parse("{\"a\": \"\\ud83d\"}", YamlSyntax::kJson),
            "error 1:10: invalid JSON: found invalid Unicode character escape code while parsing "
            "a quoted scalar");
}

}  // namespace
}  // namespace vpcreach
