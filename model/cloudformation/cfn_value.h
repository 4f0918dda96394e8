// A CloudFormation template as a located value tree.
//
// CfnValue is one JSON-like value (null, bool, number, string, list, map) together with where it
// was written (file, 1-based line and column) and its dotted path in the document
// (`Resources.PrivateRoute.Properties.DestinationCidrBlock`, `...Tags[0].Value`). Maps keep their
// keys in document order. Values own their children; copies are deep.
//
// Scalars keep the text as written: CloudFormation sees every scalar as a string, so a YAML plain
// `true`, `443` or `2010-09-09` is still "true", "443" and "2010-09-09" through text(). kind() is
// only the typed view a YAML 1.2 core schema (or JSON) gives that text: `true` is kBool, `443` is
// kNumber, `2010-09-09` stays kString (the parser never interprets dates). quoted() says whether the
// scalar was written quoted (always true for JSON strings).
//
// The parser (template_parser.h) turns every short-form tag into its long form (`!Ref X` becomes
// the map {Ref: X}, `!Sub s` becomes {Fn::Sub: s}), both located at the tag.
#ifndef VPCREACH_MODEL_CLOUDFORMATION_CFN_VALUE_H_
#define VPCREACH_MODEL_CLOUDFORMATION_CFN_VALUE_H_

#include <string>
#include <vector>

#include "model/diagnostics.h"

namespace vpcreach::cfn {

struct CfnEntry;

class CfnValue {
 public:
  enum class Kind { kNull, kBool, kNumber, kString, kList, kMap };

  CfnValue() = default;  // null, unlocated

  static CfnValue Null(SourceLocation location = {}, std::string path = "");
  static CfnValue Bool(bool value, SourceLocation location = {}, std::string path = "");
  // `text` as written ("443", "1.5e3").
  static CfnValue Number(std::string text, SourceLocation location = {}, std::string path = "");
  static CfnValue String(std::string text, SourceLocation location = {}, std::string path = "",
                         bool quoted = true);
  static CfnValue List(std::vector<CfnValue> items, SourceLocation location = {},
                       std::string path = "");
  static CfnValue Map(std::vector<CfnEntry> entries, SourceLocation location = {},
                      std::string path = "");

  Kind kind() const { return kind_; }
  bool IsNull() const { return kind_ == Kind::kNull; }
  bool IsScalar() const {
    return kind_ == Kind::kBool || kind_ == Kind::kNumber || kind_ == Kind::kString;
  }
  bool IsList() const { return kind_ == Kind::kList; }
  bool IsMap() const { return kind_ == Kind::kMap; }

  // The scalar as CloudFormation sees it: "true", "443", "10.1.0.0/16"; "" for null, lists, maps.
  const std::string& text() const { return text_; }
  bool quoted() const { return quoted_; }

  const std::vector<CfnValue>& items() const { return items_; }  // empty unless a list
  std::vector<CfnValue>& mutable_items() { return items_; }
  const std::vector<CfnEntry>& entries() const { return entries_; }  // empty unless a map
  std::vector<CfnEntry>& mutable_entries() { return entries_; }
  // The value of `key` in a map, or nullptr (also for non-maps).
  const CfnValue* Find(const std::string& key) const;

  const SourceLocation& location() const { return location_; }
  void set_location(SourceLocation location) { location_ = std::move(location); }
  const std::string& path() const { return path_; }
  // Sets this node's path and, recursively, its children's (`path.key`, `path[i]`).
  void Repath(const std::string& path);

  // A one-line JSON-like rendering without locations, for tests and messages:
  // {"A": ["x", 1, true, null]}. Strings are quoted; numbers and booleans are not.
  std::string Dump() const;
  // "a string", "a list of 2 items", "a mapping", "null": for "expected X, got Y" messages.
  std::string Describe() const;

  // Structural equality on kind, scalar text and children; locations, paths and quoting are
  // ignored.
  friend bool operator==(const CfnValue& a, const CfnValue& b);

 private:
  Kind kind_ = Kind::kNull;
  std::string text_;
  bool quoted_ = false;
  std::vector<CfnValue> items_;
  std::vector<CfnEntry> entries_;
  SourceLocation location_;
  std::string path_;
};

struct CfnEntry {
  std::string key;
  SourceLocation key_location;
  CfnValue value;
};

// `path.key`, or `key` at the root.
// `text` in double quotes with \" \\ \n \t and \u00XX escapes: valid JSON and YAML alike.
std::string QuoteString(const std::string& text);

std::string ChildPath(const std::string& path, const std::string& key);
std::string ItemPath(const std::string& path, size_t index);

}  // namespace vpcreach::cfn

#endif  // VPCREACH_MODEL_CLOUDFORMATION_CFN_VALUE_H_
