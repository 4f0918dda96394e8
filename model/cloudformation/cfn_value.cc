#include "model/cloudformation/cfn_value.h"

#include <cstdio>

namespace vpcreach::cfn {
namespace {

}  // namespace

std::string QuoteString(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char buffer[8];
          std::snprintf(buffer, sizeof buffer, "\\u%04x", c);
          out += buffer;
        } else {
          out += c;
        }
    }
  }
  return out + "\"";
}

std::string ChildPath(const std::string& path, const std::string& key) {
  return path.empty() ? key : path + "." + key;
}

std::string ItemPath(const std::string& path, size_t index) {
  return path + "[" + std::to_string(index) + "]";
}

CfnValue CfnValue::Null(SourceLocation location, std::string path) {
  CfnValue v;
  v.location_ = std::move(location);
  v.path_ = std::move(path);
  return v;
}

CfnValue CfnValue::Bool(bool value, SourceLocation location, std::string path) {
  CfnValue v = Null(std::move(location), std::move(path));
  v.kind_ = Kind::kBool;
  v.text_ = value ? "true" : "false";
  return v;
}

CfnValue CfnValue::Number(std::string text, SourceLocation location, std::string path) {
  CfnValue v = Null(std::move(location), std::move(path));
  v.kind_ = Kind::kNumber;
  v.text_ = std::move(text);
  return v;
}

CfnValue CfnValue::String(std::string text, SourceLocation location, std::string path,
                          bool quoted) {
  CfnValue v = Null(std::move(location), std::move(path));
  v.kind_ = Kind::kString;
  v.text_ = std::move(text);
  v.quoted_ = quoted;
  return v;
}

CfnValue CfnValue::List(std::vector<CfnValue> items, SourceLocation location, std::string path) {
  CfnValue v = Null(std::move(location), std::move(path));
  v.kind_ = Kind::kList;
  v.items_ = std::move(items);
  return v;
}

CfnValue CfnValue::Map(std::vector<CfnEntry> entries, SourceLocation location, std::string path) {
  CfnValue v = Null(std::move(location), std::move(path));
  v.kind_ = Kind::kMap;
  v.entries_ = std::move(entries);
  return v;
}

const CfnValue* CfnValue::Find(const std::string& key) const {
  for (const CfnEntry& e : entries_) {
    if (e.key == key) return &e.value;
  }
  return nullptr;
}

void CfnValue::Repath(const std::string& path) {
  path_ = path;
  for (size_t i = 0; i < items_.size(); ++i) items_[i].Repath(ItemPath(path, i));
  for (CfnEntry& e : entries_) e.value.Repath(ChildPath(path, e.key));
}

std::string CfnValue::Dump() const {
  switch (kind_) {
    case Kind::kNull:
      return "null";
    case Kind::kBool:
    case Kind::kNumber:
      return text_;
    case Kind::kString:
      return QuoteString(text_);
    case Kind::kList: {
      std::string out = "[";
      for (size_t i = 0; i < items_.size(); ++i) {
        if (i > 0) out += ", ";
        out += items_[i].Dump();
      }
      return out + "]";
    }
    case Kind::kMap: {
      std::string out = "{";
      for (size_t i = 0; i < entries_.size(); ++i) {
        if (i > 0) out += ", ";
        out += QuoteString(entries_[i].key) + ": " + entries_[i].value.Dump();
      }
      return out + "}";
    }
  }
  return "";
}

std::string CfnValue::Describe() const {
  switch (kind_) {
    case Kind::kNull:
      return "null";
    case Kind::kBool:
      return "a boolean";
    case Kind::kNumber:
      return "a number";
    case Kind::kString:
      return "a string";
    case Kind::kList:
      return items_.size() == 1 ? "a list of 1 item"
                                : "a list of " + std::to_string(items_.size()) + " items";
    case Kind::kMap:
      return "a mapping";
  }
  return "";
}

bool operator==(const CfnValue& a, const CfnValue& b) {
  if (a.kind_ != b.kind_ || a.text_ != b.text_ || a.items_ != b.items_) return false;
  if (a.entries_.size() != b.entries_.size()) return false;
  for (size_t i = 0; i < a.entries_.size(); ++i) {
    if (a.entries_[i].key != b.entries_[i].key) return false;
    if (!(a.entries_[i].value == b.entries_[i].value)) return false;
  }
  return true;
}

}  // namespace vpcreach::cfn
