#include "model/terraform/ties.h"

#include <algorithm>

namespace vpcreach::tf {
namespace {

constexpr int kMaxDepth = 16;

const CfnValue* Get(const CfnValue* v, const std::string& key) { return Member(v, key); }

void Add(const Resource* r, Tie* tie) {
  if (std::find(tie->found.begin(), tie->found.end(), r) == tie->found.end()) {
    tie->found.push_back(r);
  }
}

bool Wanted(const std::string& type, const std::vector<std::string>& types) {
  return std::find(types.begin(), types.end(), type) != types.end();
}

// "module.vpc" + "module.x" -> "module.vpc.module.x"
std::string Join(const std::string& module, const std::string& child) {
  return module.empty() ? child : module + "." + child;
}

// The first segment of `text` up to '.' or '[' (what follows `var.` or `local.`).
std::string Segment(const std::string& text) { return text.substr(0, text.find_first_of(".[")); }

}  // namespace

Ties::Ties(const PlanDocument& doc) : doc_(doc) {
  for (const Resource& r : doc.resources()) {
    const CfnValue* id = r.Value("id");
    if (id != nullptr && id->IsScalar() && !id->text().empty()) by_id_.emplace(id->text(), &r);
  }
}

const Resource* Ties::ById(const std::string& id, const std::string& attribute) const {
  if (attribute == "id") {
    auto it = by_id_.find(id);
    return it == by_id_.end() ? nullptr : it->second;
  }
  for (const Resource& r : doc_.resources()) {
    const CfnValue* v = r.Value(attribute);
    if (v != nullptr && v->IsScalar() && v->text() == id) return &r;
  }
  return nullptr;
}

std::vector<const Resource*> Ties::Instances(const std::string& module, const std::string& type,
                                             const std::string& name) const {
  std::vector<const Resource*> out;
  for (const Resource& r : doc_.resources()) {
    if (r.type == type && r.name == name && r.ConfigModule() == module) out.push_back(&r);
  }
  return out;
}

Tie Ties::Resolve(const Resource& r, const std::string& key,
                  const std::vector<std::string>& types) const {
  Tie tie = ResolveValue(r, r.Value(key), r.Expression(key), types);
  if (r.Value(key) == nullptr && !r.Unknown(key) && tie.found.empty()) tie.unknown = false;
  return tie;
}

Tie Ties::ResolveValue(const Resource& r, const CfnValue* value, const CfnValue* expression,
                       const std::vector<std::string>& types) const {
  Tie tie;
  std::vector<const CfnValue*> literals;
  if (value != nullptr && value->IsScalar()) literals.push_back(value);
  if (value != nullptr && value->IsList()) {
    for (const CfnValue& item : value->items()) {
      if (item.IsScalar()) literals.push_back(&item);
    }
  }
  for (const CfnValue* literal : literals) {
    if (literal->text().empty()) continue;
    const Resource* found = ById(literal->text());
    if (found != nullptr && Wanted(found->type, types)) {
      Add(found, &tie);
    } else if (found == nullptr) {
      tie.dangling.push_back(literal);
    } else {
      tie.other_type.push_back(found);
    }
  }
  if (!literals.empty()) return tie;
  if (expression != nullptr) {
    FromReferences(*expression, r.ConfigModule(), r.index, types, 0, &tie, false);
  }
  tie.unknown = tie.found.empty();
  return tie;
}

void Ties::FromReferences(const CfnValue& expression, const std::string& module,
                          const std::string& index, const std::vector<std::string>& types,
                          int depth, Tie* tie, bool indexed) const {
  if (depth > kMaxDepth) return;
  if (const CfnValue* constant = Get(&expression, "constant_value")) {
    std::vector<const CfnValue*> literals;
    if (constant->IsScalar()) literals.push_back(constant);
    for (const CfnValue& item : constant->items()) literals.push_back(&item);
    for (const CfnValue* literal : literals) {
      const Resource* found = literal->IsScalar() ? ById(literal->text()) : nullptr;
      if (found != nullptr && Wanted(found->type, types)) Add(found, tie);
      if (found == nullptr && literal->IsScalar()) tie->dangling.push_back(literal);
    }
    return;
  }
  const CfnValue* references = Get(&expression, "references");
  if (references == nullptr || !references->IsList()) return;
  bool per_index = indexed;  // the caller indexes what this expression names by `index`
  for (const CfnValue& ref : references->items()) {
    const std::string& t = ref.text();
    if (t == "count.index" || t.rfind("each.", 0) == 0) per_index = true;
  }
  for (const CfnValue& ref : references->items()) {
    const std::string& t = ref.text();
    if (t.rfind("var.", 0) == 0) {
      const CfnValue* call = doc_.ModuleCall(module);
      const CfnValue* argument = Get(Get(call, "expressions"), Segment(t.substr(4)));
      if (argument == nullptr) continue;
      size_t up = module.rfind(".module.");
      std::string parent = up == std::string::npos ? "" : module.substr(0, up);
      FromReferences(*argument, parent, per_index ? index : "", types, depth + 1, tie, per_index);
    } else if (t.rfind("module.", 0) == 0) {
      std::string rest = t.substr(7);
      std::string name = Segment(rest);
      std::string after = rest.substr(name.size());
      if (!after.empty() && after[0] == '[') after = after.substr(after.find(']') + 1);
      if (after.empty() || after[0] != '.') continue;
      std::string child = Join(module, "module." + name);
      const CfnValue* output = Get(
          Get(Get(doc_.ModuleConfig(child), "outputs"), Segment(after.substr(1))), "expression");
      if (output != nullptr) {
        FromReferences(*output, child, per_index ? index : "", types, depth + 1, tie, per_index);
      }
    } else if (t.rfind("local.", 0) == 0) {
      tie->via_local = true;
    } else if (t.find('.') != std::string::npos && t.rfind("data.", 0) != 0 &&
               t.rfind("count.", 0) != 0 && t.rfind("each.", 0) != 0 && t.rfind("path.", 0) != 0 &&
               t.rfind("self.", 0) != 0) {
      std::string type = t.substr(0, t.find('.'));
      if (!Wanted(type, types)) continue;
      std::string rest = t.substr(type.size() + 1);
      std::string name = Segment(rest);
      std::string key;
      if (rest.size() > name.size() && rest[name.size()] == '[') {
        size_t close = rest.find(']', name.size());
        if (close != std::string::npos) key = rest.substr(name.size() + 1, close - name.size() - 1);
      }
      std::vector<const Resource*> instances = Instances(module, type, name);
      // Terraform 0.13 and later list `aws_vpc.this[0]` and `aws_vpc.this` both: the indexed
      // reference decides.
      if (key.empty()) {
        bool indexed_too = false;
        for (const CfnValue& other : references->items()) {
          if (other.text().rfind(type + "." + name + "[", 0) == 0) indexed_too = true;
        }
        if (indexed_too) continue;
      }
      const Resource* pick = nullptr;
      if (!key.empty()) {
        for (const Resource* i : instances) {
          if (i->index == key) pick = i;
        }
      } else if (per_index && !index.empty()) {
        for (const Resource* i : instances) {
          if (i->index == index) pick = i;
        }
      }
      if (pick != nullptr) {
        Add(pick, tie);
      } else if (key.empty()) {
        for (const Resource* i : instances) Add(i, tie);
      }
    }
  }
}

}  // namespace vpcreach::tf
