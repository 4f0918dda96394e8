#include "model/snapshot/mapping.h"

#include <algorithm>
#include <utility>

namespace vpcreach::snapshot {
namespace {

std::string Join(const std::string& path, const std::string& key) {
  return path.empty() ? key : path + "." + key;
}

}  // namespace

const YamlNode* Item::Get(const std::string& key) const {
  if (node == nullptr || !node->IsMapping()) return nullptr;
  for (const YamlNode::Pair& p : node->pairs()) {
    if (p.key->text() == key) return p.value->IsNull() ? nullptr : p.value;
  }
  return nullptr;
}

std::string Item::Str(const std::string& key) const {
  const YamlNode* v = Get(key);
  return v != nullptr && v->IsScalar() ? v->text() : "";
}

Item Item::Child(const std::string& key) const { return Item{file, Get(key), Join(path, key)}; }

std::vector<Item> Item::List(const std::string& key) const {
  std::vector<Item> out;
  const YamlNode* v = Get(key);
  if (v == nullptr || !v->IsSequence()) return out;
  for (size_t i = 0; i < v->items().size(); ++i) {
    out.push_back(Item{file, v->items()[i], Join(path, key) + "[" + std::to_string(i) + "]"});
  }
  return out;
}

GenNode Item::Strings(const std::string& key) const {
  GenNode out = GenNode::List(OriginOf(key));
  const YamlNode* list = Get(key);
  for (size_t i = 0; list != nullptr && list->IsSequence() && i < list->items().size(); ++i) {
    out.items.push_back(
        GenNode::Scalar(list->items()[i]->text(),
                        Origin(list->items()[i], Join(path, key) + "[" + std::to_string(i) + "]")));
  }
  return out;
}

LineOrigin Item::Origin(const YamlNode* at, const std::string& at_path) const {
  LineOrigin origin;
  origin.location =
      SourceLocation{file->path, at != nullptr ? at->line() : 0, at != nullptr ? at->column() : 0};
  origin.path = at_path;
  return origin;
}

LineOrigin Item::OriginOf(const std::string& key) const {
  const YamlNode* v = Get(key);
  return v != nullptr ? Origin(v, Join(path, key)) : Origin();
}

void Mapping::AddFile(std::unique_ptr<JsonFile> file, const std::string& key) {
  by_key_[key].push_back(file.get());
  files_.push_back(std::move(file));
}

std::vector<Item> Mapping::Items(const std::string& key) const {
  std::vector<Item> out;
  auto found = by_key_.find(key);
  if (found == by_key_.end()) return out;
  for (const JsonFile* f : found->second) {
    Item top{f, f->root, ""};
    const YamlNode* list = top.Get(key);
    if (list == nullptr && top.Get(key + "Arn") != nullptr) {  // one SageMaker object
      out.push_back(top);
      continue;
    }
    if (list == nullptr || !list->IsSequence()) continue;
    for (size_t i = 0; i < list->items().size(); ++i) {
      const YamlNode* n = list->items()[i];
      if (!n->IsMapping()) continue;
      out.push_back(Item{f, n, key + "[" + std::to_string(i) + "]"});
    }
  }
  return out;
}

GenNode& Mapping::Section(const std::string& name) {
  if (GenNode* found = root_.Find(name)) return *found;
  return root_.Set(name, GenNode::Map(LineOrigin{}));
}

GenNode& Mapping::Component(const std::string& section, const std::string& id,
                            const LineOrigin& at) {
  GenNode& s = Section(section);
  if (GenNode* found = s.Find(id)) return *found;
  return s.Set(id, GenNode::Map(at));
}

bool Mapping::Has(const std::string& section, const std::string& id) {
  GenNode* s = root_.Find(section);
  return s != nullptr && s->Find(id) != nullptr;
}

void Mapping::Remove(const std::string& section, const std::string& id) {
  GenNode* s = root_.Find(section);
  if (s == nullptr) return;
  auto& entries = s->entries;
  entries.erase(
      std::remove_if(entries.begin(), entries.end(), [&](const auto& e) { return e.first == id; }),
      entries.end());
}

bool Mapping::Copy(const Item& item, const std::string& key, GenNode& target,
                   const std::string& key_out) {
  const YamlNode* v = item.Get(key);
  if (v == nullptr || !v->IsScalar()) return false;
  target.Set(key_out, GenNode::Scalar(v->text(), item.Origin(v, Join(item.path, key))));
  return true;
}

void Mapping::Error(const LineOrigin& at, const std::string& message) {
  sink_->push_back(Diagnostic{at.location, at.path, message, DiagnosticSeverity::kError});
}

void Mapping::Warn(const LineOrigin& at, const std::string& message) {
  sink_->push_back(Warning(at.location, at.path, message));
}

std::optional<std::string> Mapping::Require(const Item& item, const std::string& key,
                                            const std::string& command) {
  std::string value = item.Str(key);
  if (!value.empty()) return value;
  Error(item.Origin(), "missing " + key + "; `" + command +
                           "` prints it for every element: add it, or collect this file again "
                           "with that command");
  return std::nullopt;
}

void Mapping::Skip(const Item& item, const std::string& id, const std::string& type,
                   const std::string& state) {
  skipped_.insert(id);
  IgnoredResource r;
  r.id = id;
  r.type = type;
  r.reason = "state " + state + ": AWS routes around it";
  r.location = item.Origin().location;
  ignored_.push_back(std::move(r));
}

bool Mapping::Live(const Item& item, const std::string& id, const std::string& type,
                   const std::string& state, std::initializer_list<std::string_view> live) {
  for (std::string_view s : live) {
    if (state == s) return true;
  }
  Skip(item, id, type, state.empty() ? "unknown" : state);
  return false;
}

void Mapping::Ignore(const Item& item, const std::string& id, const std::string& type,
                     const std::string& reason, bool unfollowed, const std::string& fix) {
  IgnoredResource r;
  r.id = id;
  r.type = type;
  r.reason = reason;
  r.location = item.Origin().location;
  r.shapes_reachability = true;
  r.unfollowed = unfollowed;
  r.fix = fix;
  ignored_.push_back(std::move(r));
}

}  // namespace vpcreach::snapshot
