#include "model/cloudformation/scenario_writer.h"

#include <cstdio>

#include "model/cloudformation/cfn_value.h"

namespace vpcreach::cfn {
namespace {

class Writer {
 public:
  explicit Writer(StackScenario* out) : out_(out) {}

  void Line(int indent, const std::string& text, const LineOrigin& origin) {
    out_->text.append(indent, ' ');
    out_->text += text;
    out_->text += '\n';
    out_->lines.push_back(origin);
  }

  // `prefix` is "key: " or "- ": what precedes the value on its first line.
  void Value(int indent, const std::string& prefix, const GenNode& node) {
    switch (node.kind) {
      case GenNode::Kind::kScalar:
        Line(indent, prefix + QuoteString(node.text), node.origin);
        return;
      case GenNode::Kind::kList:
        if (node.items.empty()) {
          Line(indent, prefix + "[]", node.origin);
          return;
        }
        Line(indent, TrimRight(prefix), node.origin);
        for (const GenNode& item : node.items) Item(indent + 2, item);
        return;
      case GenNode::Kind::kMap:
        if (node.entries.empty()) {
          Line(indent, prefix + "{}", node.origin);
          return;
        }
        Line(indent, TrimRight(prefix), node.origin);
        Entries(indent + 2, node);
        return;
    }
  }

  void Entries(int indent, const GenNode& map) {
    for (const auto& [key, value] : map.entries) Value(indent, Key(key) + ": ", value);
  }

  // A list item: a scalar on the dash line; a map with its first entry on the dash line.
  void Item(int indent, const GenNode& item) {
    if (item.kind != GenNode::Kind::kMap || item.entries.empty()) {
      Value(indent, "- ", item);
      return;
    }
    const auto& [first_key, first_value] = item.entries.front();
    Value(indent, "- " + Key(first_key) + ": ", first_value);
    for (size_t i = 1; i < item.entries.size(); ++i) {
      Value(indent + 2, Key(item.entries[i].first) + ": ", item.entries[i].second);
    }
  }

 private:
  static std::string TrimRight(std::string text) {
    while (!text.empty() && text.back() == ' ') text.pop_back();
    return text;
  }
  // Plain for our own keys (letters and underscores), quoted for ids.
  static std::string Key(const std::string& key) {
    for (char c : key) {
      bool plain = (c >= 'a' && c <= 'z') || c == '_';
      if (!plain) return QuoteString(key);
    }
    return key.empty() ? "\"\"" : key;
  }

  StackScenario* out_;
};

}  // namespace

GenNode GenNode::Scalar(std::string text, LineOrigin origin) {
  GenNode node;
  node.kind = Kind::kScalar;
  node.text = std::move(text);
  node.origin = std::move(origin);
  return node;
}

GenNode GenNode::List(LineOrigin origin) {
  GenNode node;
  node.kind = Kind::kList;
  node.origin = std::move(origin);
  return node;
}

GenNode GenNode::Map(LineOrigin origin) {
  GenNode node;
  node.kind = Kind::kMap;
  node.origin = std::move(origin);
  return node;
}

GenNode* GenNode::Find(const std::string& key) {
  for (auto& [k, v] : entries) {
    if (k == key) return &v;
  }
  return nullptr;
}

GenNode& GenNode::Set(const std::string& key, GenNode value) {
  if (GenNode* existing = Find(key)) {
    *existing = std::move(value);
    return *existing;
  }
  entries.emplace_back(key, std::move(value));
  return entries.back().second;
}


void WriteScenario(const GenNode& root, StackScenario* out) {
  Writer writer(out);
  writer.Entries(0, root);
}

}  // namespace vpcreach::cfn
