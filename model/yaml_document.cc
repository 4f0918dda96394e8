#include "model/yaml_document.h"

#include <yaml.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <tuple>

namespace vpcreach {
namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";
constexpr std::string_view kNullTag = "tag:yaml.org,2002:null";

// Where a stretch of the text libyaml reads starts in the original text.
struct Shift {
  size_t parsed;
  size_t original;
};

bool IsHex(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

// The surrogate half `\uXXXX` at `at` (0xD800-0xDFFF), or 0.
unsigned SurrogateAt(std::string_view text, size_t at) {
  if (at + 6 > text.size() || text[at] != '\\' || text[at + 1] != 'u') return 0;
  for (size_t i = at + 2; i < at + 6; ++i) {
    if (!IsHex(text[i])) return 0;
  }
  unsigned code = std::stoul(std::string(text.substr(at + 2, 4)), nullptr, 16);
  return code >= 0xD800 && code <= 0xDFFF ? code : 0;
}

// JSON as libyaml reads it the way a JSON parser does (see YamlSyntax::kJson). Every rewrite
// keeps or shortens the text; `shifts` records where the parsed text realigns with the original.
std::string RewriteJson(std::string_view text, std::vector<Shift>* shifts) {
  std::string out;
  out.reserve(text.size());
  bool in_string = false;
  auto replace = [&](size_t& at, size_t length, const std::string& with) {
    out += with;
    at += length;
    shifts->push_back(Shift{out.size(), at});
  };
  for (size_t at = 0; at < text.size();) {
    char c = text[at];
    if (!in_string) {
      if (c == '"') in_string = true;
      out += c == '\t' ? ' ' : c;
      ++at;
      continue;
    }
    if (c == '"') {
      in_string = false;
    } else if (c == '\\') {
      unsigned high = SurrogateAt(text, at);
      unsigned low = high != 0 ? SurrogateAt(text, at + 6) : 0;
      if (high >= 0xD800 && high <= 0xDBFF && low >= 0xDC00) {
        char escape[11];
        std::snprintf(escape, sizeof escape, "\\U%08X",
                      0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00));
        replace(at, 12, escape);
        continue;
      }
      if (at + 1 < text.size()) out += text[at++];  // keeps `\"` inside the string
    } else if (text.substr(at, 2) == "\xC2\x85") {  // U+0085, which YAML 1.1 folds to a space
      replace(at, 2, "\\N");
      continue;
    }
    out += text[at++];
  }
  return out;
}

// Turns libyaml's marks (a character index into the text it read) into 1-based lines and byte
// columns of the original text. Marks mostly come in increasing order, so both walks resume where
// the last one stopped.
class Locator {
 public:
  Locator(std::string_view original, std::string_view parsed, std::vector<Shift> shifts)
      : original_(original), parsed_(parsed), shifts_(std::move(shifts)) {
    bom_ = parsed_.substr(0, kBom.size()) == kBom ? kBom.size() : 0;
    index_byte_ = bom_;
  }

  std::pair<int, int> FromIndex(size_t index) { return FromParsedByte(ByteOfIndex(index)); }

  std::pair<int, int> FromParsedByte(size_t parsed) {
    size_t original = parsed;
    auto after = std::upper_bound(shifts_.begin(), shifts_.end(), parsed,
                                  [](size_t p, const Shift& s) { return p < s.parsed; });
    if (after != shifts_.begin()) {
      const Shift& s = *(after - 1);
      original = s.original + (parsed - s.parsed);
    }
    return LineColumn(std::min(original, original_.size()));
  }

 private:
  size_t ByteOfIndex(size_t index) {
    if (index < index_) {
      index_ = 0;
      index_byte_ = bom_;
    }
    while (index_ < index && index_byte_ < parsed_.size()) {
      unsigned char lead = static_cast<unsigned char>(parsed_[index_byte_]);
      index_byte_ += lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
      ++index_;
    }
    return std::min(index_byte_, parsed_.size());
  }

  std::pair<int, int> LineColumn(size_t offset) {
    if (offset < line_start_) {
      line_ = 1;
      line_start_ = 0;
      scanned_ = 0;
    }
    for (; scanned_ < offset; ++scanned_) {
      if (original_[scanned_] == '\n') {
        ++line_;
        line_start_ = scanned_ + 1;
      }
    }
    size_t start = line_start_ == 0 ? std::min(bom_, offset) : line_start_;
    return {line_, static_cast<int>(offset - start) + 1};
  }

  std::string_view original_;
  std::string_view parsed_;
  std::vector<Shift> shifts_;
  size_t bom_ = 0;
  size_t index_ = 0;  // libyaml's character index counts from after a byte-order mark
  size_t index_byte_ = 0;
  int line_ = 1;
  size_t line_start_ = 0;
  size_t scanned_ = 0;
};

std::string Text(const yaml_char_t* text) {
  return text == nullptr ? std::string() : std::string(reinterpret_cast<const char*>(text));
}

}  // namespace

bool YamlNode::IsNull() const {
  if (kind_ != Kind::kScalar) return false;
  if (tag_ == kNullTag) return true;
  return tag_.empty() && style_ == Style::kPlain &&
         (text_.empty() || text_ == "~" || text_ == "null" || text_ == "Null" || text_ == "NULL");
}

const YamlNode& YamlNode::EmptyValue() {
  static const YamlNode empty;
  return empty;
}

// Builds a YamlStream from libyaml's events with an explicit stack of open collections, so that
// no nesting recurses.
class YamlStreamBuilder {
 public:
  YamlStreamBuilder(std::string_view text, YamlSyntax syntax, const YamlLimits& limits,
                    YamlError* error)
      : text_(text),
        syntax_(syntax),
        limits_(limits),
        error_(error),
        parsed_(syntax == YamlSyntax::kJson ? RewriteJson(text, &shifts_) : std::string()),
        locator_(text, syntax == YamlSyntax::kJson ? std::string_view(parsed_) : text, shifts_) {}

  std::unique_ptr<YamlStream> Build() {
    std::string_view input = syntax_ == YamlSyntax::kJson ? std::string_view(parsed_) : text_;
    yaml_parser_t parser;
    if (!yaml_parser_initialize(&parser)) {
      *error_ = YamlError{0, 0, "cannot parse: out of memory"};
      return nullptr;
    }
    yaml_parser_set_input_string(&parser, reinterpret_cast<const unsigned char*>(input.data()),
                                 input.size());
    bool ok = true;
    for (bool done = false; ok && !done;) {
      yaml_event_t event;
      if (!yaml_parser_parse(&parser, &event)) {
        SyntaxError(parser);
        ok = false;
        break;
      }
      ok = OnEvent(event);
      done = event.type == YAML_STREAM_END_EVENT;
      yaml_event_delete(&event);
    }
    yaml_parser_delete(&parser);
    return ok ? std::move(stream_) : nullptr;
  }

 private:
  struct Frame {
    YamlNode* node;
    std::string anchor;
    const YamlNode* key = nullptr;  // a mapping's key waiting for its value
  };

  std::string Language() const { return syntax_ == YamlSyntax::kJson ? "JSON" : "YAML"; }

  bool Fail(const yaml_mark_t& mark, std::string message) {
    auto [line, column] = locator_.FromIndex(mark.index);
    *error_ = YamlError{line, column, std::move(message)};
    return false;
  }

  void SyntaxError(const yaml_parser_t& parser) {
    std::string problem = parser.problem != nullptr ? parser.problem : "unknown error";
    if (parser.error == YAML_MEMORY_ERROR) {
      *error_ = YamlError{0, 0, "cannot parse: out of memory"};
    } else if (parser.error == YAML_READER_ERROR) {
      // No mark: the reader says which byte it stopped at.
      if (parser.problem_value >= 0) {
        char value[16];
        std::snprintf(value, sizeof value, " (0x%X)", static_cast<unsigned>(parser.problem_value));
        problem += value;
      }
      auto [line, column] = locator_.FromParsedByte(parser.problem_offset);
      *error_ = YamlError{line, column, "invalid " + Language() + ": " + problem};
    } else {
      std::string message = "invalid " + Language() + ": " + problem;
      if (parser.context != nullptr) {
        message += std::string(" ") + parser.context;
        int context_line = locator_.FromIndex(parser.context_mark.index).first;
        if (context_line != locator_.FromIndex(parser.problem_mark.index).first) {
          message += " at line " + std::to_string(context_line);
        }
      }
      Fail(parser.problem_mark, std::move(message));
    }
  }

  YamlNode* NewNode(YamlNode::Kind kind, const yaml_mark_t& mark, const yaml_char_t* tag) {
    YamlNode& node = stream_->nodes_.emplace_back();
    node.kind_ = kind;
    node.tag_ = Text(tag);
    std::tie(node.line_, node.column_) = locator_.FromIndex(mark.index);
    return &node;
  }

  // Depth of a node about to be attached, a document's root being level 1.
  int Depth() const { return static_cast<int>(open_.size()) + 1; }

  bool CheckDepth(const yaml_mark_t& mark, int height) {
    if (Depth() - 1 + height <= limits_.max_depth) return true;
    return Fail(mark, "the " + Language() + " nests deeper than " +
                          std::to_string(limits_.max_depth) + " levels (vpcreach's limit)");
  }

  // Puts a finished node in its parent collection, or makes it the document's root.
  void Attach(const YamlNode* node) {
    if (open_.empty()) {
      stream_->documents_.push_back(node);
      return;
    }
    Frame& parent = open_.back();
    parent.node->expanded_size_ += node->expanded_size_;
    parent.node->height_ = std::max(parent.node->height_, node->height_ + 1);
    if (parent.node->IsSequence()) {
      parent.node->items_.push_back(node);
    } else if (parent.key == nullptr) {
      parent.key = node;
    } else {
      parent.node->pairs_.push_back(YamlNode::Pair{parent.key, node});
      parent.key = nullptr;
    }
  }

  void Anchor(const yaml_char_t* anchor, const YamlNode* node) {
    if (anchor != nullptr) anchors_[Text(anchor)] = node;
  }

  bool OnEvent(const yaml_event_t& event) {
    switch (event.type) {
      case YAML_DOCUMENT_START_EVENT:
        anchors_.clear();  // anchors name nodes of their own document only
        return true;
      case YAML_SCALAR_EVENT: {
        if (!CheckDepth(event.start_mark, 1)) return false;
        YamlNode* node = NewNode(YamlNode::Kind::kScalar, event.start_mark, event.data.scalar.tag);
        node->text_.assign(reinterpret_cast<const char*>(event.data.scalar.value),
                           event.data.scalar.length);
        switch (event.data.scalar.style) {
          case YAML_SINGLE_QUOTED_SCALAR_STYLE:
          case YAML_DOUBLE_QUOTED_SCALAR_STYLE:
            node->style_ = YamlNode::Style::kQuoted;
            break;
          case YAML_LITERAL_SCALAR_STYLE:
            node->style_ = YamlNode::Style::kLiteral;
            break;
          case YAML_FOLDED_SCALAR_STYLE:
            node->style_ = YamlNode::Style::kFolded;
            break;
          default:
            node->style_ = YamlNode::Style::kPlain;
        }
        Anchor(event.data.scalar.anchor, node);
        Attach(node);
        return true;
      }
      case YAML_SEQUENCE_START_EVENT:
      case YAML_MAPPING_START_EVENT: {
        if (!CheckDepth(event.start_mark, 1)) return false;
        bool sequence = event.type == YAML_SEQUENCE_START_EVENT;
        const yaml_char_t* tag =
            sequence ? event.data.sequence_start.tag : event.data.mapping_start.tag;
        const yaml_char_t* anchor =
            sequence ? event.data.sequence_start.anchor : event.data.mapping_start.anchor;
        YamlNode* node = NewNode(sequence ? YamlNode::Kind::kSequence : YamlNode::Kind::kMapping,
                                 event.start_mark, tag);
        // Named, but not yet usable: an alias inside it would make the tree a cycle.
        if (anchor != nullptr) anchors_[Text(anchor)] = nullptr;
        open_.push_back(Frame{node, Text(anchor)});
        return true;
      }
      case YAML_SEQUENCE_END_EVENT:
      case YAML_MAPPING_END_EVENT: {
        Frame frame = std::move(open_.back());
        open_.pop_back();
        if (!frame.anchor.empty()) anchors_[frame.anchor] = frame.node;
        Attach(frame.node);
        return true;
      }
      case YAML_ALIAS_EVENT: {
        std::string name = Text(event.data.alias.anchor);
        auto it = anchors_.find(name);
        if (it == anchors_.end()) {
          return Fail(event.start_mark, "alias *" + name + " names no anchor &" + name +
                                            " written before it in this document");
        }
        if (it->second == nullptr) {
          return Fail(event.start_mark, "alias *" + name + " is inside the node &" + name +
                                            " it names; a value cannot contain itself");
        }
        const YamlNode* target = it->second;
        expansion_ += target->expanded_size_;
        if (expansion_ > limits_.max_alias_expansion) {
          return Fail(event.start_mark,
                      "aliases expand to more than " + std::to_string(limits_.max_alias_expansion) +
                          " nodes (vpcreach's limit); write the values out or alias less");
        }
        if (!CheckDepth(event.start_mark, target->height_)) return false;
        Attach(target);
        return true;
      }
      default:  // stream start and end, document end: nothing to build
        return true;
    }
  }

  std::string_view text_;
  YamlSyntax syntax_;
  YamlLimits limits_;
  YamlError* error_;
  std::vector<Shift> shifts_;
  std::string parsed_;  // the rewritten JSON; empty for YAML, which libyaml reads as it is
  Locator locator_;
  std::unique_ptr<YamlStream> stream_ = std::make_unique<YamlStream>();
  std::vector<Frame> open_;
  std::map<std::string, const YamlNode*> anchors_;  // nullptr: its node is still open
  size_t expansion_ = 0;
};

std::unique_ptr<YamlStream> ParseYamlStream(std::string_view text, YamlError* error,
                                            YamlSyntax syntax, const YamlLimits& limits) {
  return YamlStreamBuilder(text, syntax, limits, error).Build();
}

}  // namespace vpcreach
