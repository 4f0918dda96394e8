// A parsed YAML stream as a small located node tree, built from libyaml's event API.
//
// libyaml (Debian libyaml-dev) is the C parser PyYAML, and therefore cfn-lint, are built on; it
// accepts what they accept (a tagged block scalar on the line after its key, for one), streams its
// input with bounded memory, and reports a syntax error as a problem, a context and their marks.
//
// The tree: a YamlNode is a scalar (its text as written after YAML's own escaping and folding, its
// tag, its style), a sequence of nodes, or a mapping whose keys are nodes, in document order (keys
// are not deduplicated: readers report duplicates). Every node has the 1-based line and column
// where it starts: at its tag or anchor when it has one, else at its first character; an empty
// value (`key:` with nothing after it, `-` alone) is an empty plain scalar located just after its
// indicator. Lines count '\n' only and columns count bytes, as Diagnostics echoes a line and puts
// its caret (libyaml itself counts characters, and U+2028 and friends as line breaks).
//
// An alias (`*name`) is the node its anchor (`&name`) names, shared, not copied: the tree is then
// a DAG, and a reader that copies it (the CloudFormation template parser) expands it. YamlLimits
// bounds that expansion ("billion laughs") and the nesting depth, so that no input makes a reader
// allocate without bound or recurse past the stack; exceeding one is a located error.
//
// Ownership: a YamlStream owns all its nodes; node pointers stay valid as long as the stream.
#ifndef VPCREACH_MODEL_YAML_DOCUMENT_H_
#define VPCREACH_MODEL_YAML_DOCUMENT_H_

#include <cstddef>
#include <deque>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace vpcreach {

class YamlStreamBuilder;

class YamlNode {
 public:
  enum class Kind { kScalar, kSequence, kMapping };
  // How a scalar was written: plain, quoted ('...' or "..."), literal (|) or folded (>).
  enum class Style { kPlain, kQuoted, kLiteral, kFolded };
  struct Pair {
    const YamlNode* key;
    const YamlNode* value;
  };

  Kind kind() const { return kind_; }
  bool IsScalar() const { return kind_ == Kind::kScalar; }
  bool IsSequence() const { return kind_ == Kind::kSequence; }
  bool IsMapping() const { return kind_ == Kind::kMapping; }
  // A YAML 1.2 core schema null: an untagged plain scalar "", "~", "null", "Null" or "NULL", or
  // one tagged !!null.
  bool IsNull() const;

  // The scalar's text ("" for collections).
  const std::string& text() const { return text_; }
  // The tag as libyaml resolves it: "!Sub" for `!Sub`, "tag:yaml.org,2002:str" for `!!str`, "!"
  // for the non-specific `!`; "" when none is written.
  const std::string& tag() const { return tag_; }
  Style style() const { return style_; }  // kPlain for collections
  int line() const { return line_; }      // 1-based; 0 only for EmptyValue()
  int column() const { return column_; }  // 1-based, in bytes

  const std::vector<const YamlNode*>& items() const { return items_; }  // a sequence's
  const std::vector<Pair>& pairs() const { return pairs_; }              // a mapping's
  // Items of a sequence or pairs of a mapping; 0 for a scalar.
  size_t size() const { return IsMapping() ? pairs_.size() : items_.size(); }

  // The number of nodes this one stands for with every alias below it expanded.
  size_t expanded_size() const { return expanded_size_; }

  // An unlocated empty plain scalar: the value of an empty file.
  static const YamlNode& EmptyValue();

 private:
  friend class YamlStreamBuilder;

  Kind kind_ = Kind::kScalar;
  Style style_ = Style::kPlain;
  std::string text_;
  std::string tag_;
  int line_ = 0;
  int column_ = 0;
  std::vector<const YamlNode*> items_;
  std::vector<Pair> pairs_;
  size_t expanded_size_ = 1;
  int height_ = 1;  // levels of nesting, this one included, with aliases expanded
};

// The documents of one YAML text, in order; an empty text or one of comments only has none.
class YamlStream {
 public:
  const std::vector<const YamlNode*>& documents() const { return documents_; }

 private:
  friend class YamlStreamBuilder;

  std::deque<YamlNode> nodes_;  // a deque: growing it never moves a node
  std::vector<const YamlNode*> documents_;
};

// Budgets on what a stream may make readers do. Defaults hold any real template or scenario by
// a wide margin (the largest template of the CloudFormation corpus has about 10,000 nodes and
// no alias).
struct YamlLimits {
  // Nodes that aliases may add to the stream when expanded, all documents together.
  size_t max_alias_expansion = 100'000;
  // Levels of nesting (a scalar at the top is level 1), with aliases expanded.
  int max_depth = 500;
};

struct YamlError {
  int line = 0;    // 1-based; 0 when unknown
  int column = 0;  // 1-based, in bytes
  std::string message;
};

// The language of the text, which names it in syntax errors ("invalid JSON: ...").
// kJson: the text is JSON, which is YAML's flow style except for what libyaml (a YAML 1.1 parser)
// refuses or reads differently: tabs outside strings (before the first `{`, on a line of their
// own after the last `}`), surrogate-pair escapes (`\ud83d\ude00`), and U+0085 written raw inside
// a string (a YAML 1.1 line break, folded to a space). These are rewritten before parsing (tabs to
// spaces, the others to YAML's `\U` and `\N` escapes) with locations still those of the original
// text. Still refused, with a located error: a key longer than 1,024 characters, or a key and its
// colon on different lines (YAML's limits on implicit keys).
enum class YamlSyntax { kYaml, kJson };

// Parses `text` into its documents, or returns nullptr after setting `*error`: a syntax error as
// "invalid YAML: <libyaml's problem> <its context>[ at line N]" (the line where the context
// starts, when it is not the problem's) located at the problem; an alias without its anchor, an
// alias inside the node it names, or a budget of `limits` exceeded, located at the node that
// crosses it.
std::unique_ptr<YamlStream> ParseYamlStream(std::string_view text, YamlError* error,
                                            YamlSyntax syntax = YamlSyntax::kYaml,
                                            const YamlLimits& limits = {});

}  // namespace vpcreach

#endif  // VPCREACH_MODEL_YAML_DOCUMENT_H_
