// Typed, located access to a parsed YAML document, for the scenario loader.
//
// A YamlField is one YAML value (a node of a YamlStream, model/yaml_document.h) together with its
// dotted path (`subnets.private-a.cidr`, `expect[0].from`) and its 1-based source location.
// YamlReader parses one file and keeps its documents, converts fields to the types the model uses
// (integers, booleans, CIDRs, addresses, ports, protocols, lists); YamlMap reads one mapping and
// checks its keys. Every value that does not fit becomes a Diagnostic appended to the reader's
// sink, and the conversion returns nullopt, so the caller simply skips what it cannot use and goes
// on checking the rest of the file. Nothing here throws.
//
// An empty YAML value (`key:` with nothing after it) reads as an empty mapping or an empty list
// where one of those is expected, and is an error where a scalar is expected; it is located where
// the value would be, just after the key's colon (or the item's dash). Tags are ignored: `!x 5`
// reads as 5.
#ifndef VPCREACH_MODEL_YAML_READER_H_
#define VPCREACH_MODEL_YAML_READER_H_

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "model/diagnostics.h"
#include "model/ip.h"
#include "model/model.h"
#include "model/yaml_document.h"

namespace vpcreach {

// One value of a document, which must outlive the field (a YamlReader keeps its file's documents
// for its own life). Copies are cheap: the node is shared, not copied.
class YamlField {
 public:
  YamlField() = default;  // an empty value, unlocated
  YamlField(const YamlNode* node, std::string path, SourceLocation location)
      : path(std::move(path)), location(std::move(location)), node_(node) {}

  const YamlNode& node() const { return *node_; }
  bool IsNull() const { return node_->IsNull(); }  // an empty value, `~` or `null`
  bool IsScalar() const { return node_->IsScalar() && !node_->IsNull(); }
  bool IsSequence() const { return node_->IsSequence(); }
  bool IsMapping() const { return node_->IsMapping(); }
  // Items of a sequence or entries of a mapping as written; 0 for a scalar.
  size_t Size() const { return node_->size(); }

  // The path of a key below this field, or of a list item.
  std::string Child(const std::string& key) const { return path.empty() ? key : path + "." + key; }
  std::string Item(size_t index) const { return path + "[" + std::to_string(index) + "]"; }

  std::string path;
  SourceLocation location;

 private:
  const YamlNode* node_ = &YamlNode::EmptyValue();  // never null
};

class YamlReader {
 public:
  // Diagnostics are appended to `*sink`, which must outlive the reader.
  YamlReader(std::string file, std::vector<Diagnostic>* sink);

  const std::string& file() const { return file_; }

  // Parses `text`, the whole file (once), and keeps its documents for the reader's life. A syntax
  // error is reported ("invalid YAML: ...", located) and leaves no documents; false then.
  bool Parse(const std::string& text);
  // The documents parsed, in order; an empty file has none.
  const std::vector<const YamlNode*>& Documents() const;

  // 1-based location of `node`; line 0 for the value of an empty file.
  SourceLocation LocationOf(const YamlNode& node) const;
  // A document's root as a field with an empty path; an empty value at 1:1 for nullptr.
  YamlField Root(const YamlNode* document) const;

  void Error(const SourceLocation& location, const std::string& path, std::string message);
  void Error(const YamlField& field, std::string message) {
    Error(field.location, field.path, std::move(message));
  }
  void Warn(const YamlField& field, std::string message);

  // Scalar conversions. Each returns nullopt after recording "expected ..., got ..." when the value
  // does not fit.
  std::optional<std::string> String(const YamlField& field);
  std::optional<long long> Integer(const YamlField& field);
  std::optional<bool> Bool(const YamlField& field);             // true / false
  std::optional<bool> EnabledDisabled(const YamlField& field);  // enabled / disabled
  // a.b.c.d/n. Host bits that are set are cleared, as EC2 clears them in every CIDR of a VPC's
  // configuration, with a warning that names the block EC2 uses.
  std::optional<Cidr> CidrValue(const YamlField& field);
  std::optional<Ipv4> Address(const YamlField& field);          // a.b.c.d
  std::optional<PortRange> Ports(const YamlField& field);       // N or "A-B"
  std::optional<int> Protocol(const YamlField& field);          // tcp, udp, icmp, all, N

  // The items of a list, with paths `path[i]`; nullopt (after a diagnostic) when not a list.
  std::optional<std::vector<YamlField>> List(const YamlField& field);
  // A list of strings; items that are not strings are reported and left out.
  std::optional<std::vector<std::pair<std::string, YamlField>>> StringList(const YamlField& field);

 private:
  // The scalar text of `field`, or nullopt after "expected <what>, got <a mapping|...>".
  std::optional<std::string> ScalarText(const YamlField& field, const std::string& what);

  std::string file_;
  std::vector<Diagnostic>* sink_;
  std::unique_ptr<YamlStream> stream_;  // what Parse() read; every field points into it
};

// One YAML mapping, read once in document order. The constructor records "expected a mapping, got
// ..." when the node is something else, and, for each key: keys that are not scalars, keys written
// twice, and keys outside `allowed` ("unknown key 'cider'; did you mean 'cidr'?"). An empty
// `allowed` list accepts every key (for mappings whose keys are ids).
class YamlMap {
 public:
  struct Entry {
    std::string key;
    YamlField key_field;  // the key node; path = the entry's path
    YamlField value;
  };

  YamlMap(YamlReader& reader, const YamlField& field, std::vector<std::string> allowed = {});

  // False when the node is not a mapping (already reported); the map then has no entries.
  bool valid() const { return valid_; }
  const YamlField& field() const { return field_; }
  const std::vector<Entry>& Entries() const { return entries_; }

  bool Has(const std::string& key) const { return Find(key) != nullptr; }
  // The value of `key`, or nullopt when the key is absent.
  std::optional<YamlField> Get(const std::string& key) const;
  // Same, recording "missing required key 'key'" (located at the mapping) when absent, unless an
  // unknown key was already reported with `key` as its suggestion.
  std::optional<YamlField> Require(const std::string& key);
  // The location of the key node itself, or of the mapping when absent.
  SourceLocation KeyLocation(const std::string& key) const;

 private:
  const Entry* Find(const std::string& key) const;

  YamlReader& reader_;
  YamlField field_;
  bool valid_ = false;
  std::vector<Entry> entries_;
  std::vector<std::string> suggested_;  // keys suggested for unknown ones
};

// The `icmp_type` and `icmp_code` keys of a rule or a question read by `m`, whose protocol is
// `protocol` (nullopt: not readable, already reported; then only the values are checked). Each
// is -1 (all) or 0..255 and applies only to protocol icmp; with `code_needs_type` (rules, as AWS
// has it) a code needs a type. Both absent: all types and codes. nullopt after reporting a problem.
std::optional<IcmpTypeCode> ReadIcmpTypeCode(YamlReader& r, const YamlMap& m,
                                             std::optional<int> protocol, bool code_needs_type);

// "a mapping", "a sequence", "a scalar", "an empty value": for "expected X, got Y" messages.
std::string DescribeNodeType(const YamlNode& node);

}  // namespace vpcreach

#endif  // VPCREACH_MODEL_YAML_READER_H_
