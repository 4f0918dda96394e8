#include "model/terraform/plan_document.h"

#include <cctype>

#include "model/cloudformation/template_parser.h"

namespace vpcreach::tf {
namespace {

const CfnValue* Get(const CfnValue* v, const std::string& key) { return Member(v, key); }

// module.a[0].module.b["x"] -> module.a.module.b
std::string StripKeys(const std::string& path) {
  std::string out;
  int depth = 0;
  for (char c : path) {
    if (c == '[') ++depth;
    if (depth == 0) out += c;
    if (c == ']' && depth > 0) --depth;
  }
  return out;
}

}  // namespace

const CfnValue* Member(const CfnValue* v, const std::string& key) {
  if (v == nullptr || !v->IsMap()) return nullptr;
  const CfnValue* found = v->Find(key);
  if (found == nullptr || found->IsNull()) return nullptr;
  return found->kind() == CfnValue::Kind::kString && found->text().empty() ? nullptr : found;
}

const CfnValue* Resource::Value(const std::string& key) const { return Member(values, key); }

bool Resource::Unknown(const std::string& key) const {
  const CfnValue* u = Get(unknown, key);
  return u != nullptr && u->kind() == CfnValue::Kind::kBool && u->text() == "true";
}

const CfnValue* Resource::Expression(const std::string& key) const {
  return Get(Get(config, "expressions"), key);
}

std::string Resource::ConfigModule() const { return StripKeys(module); }

const CfnValue* PlanDocument::ModuleConfig(const std::string& path) const {
  auto it = module_configs_.find(path);
  return it == module_configs_.end() ? nullptr : it->second;
}

const CfnValue* PlanDocument::ModuleCall(const std::string& path) const {
  auto it = module_calls_.find(path);
  return it == module_calls_.end() ? nullptr : it->second;
}

void PlanDocument::CollectModule(const CfnValue& module) {
  if (const CfnValue* list = Get(&module, "resources"); list != nullptr && list->IsList()) {
    for (const CfnValue& r : list->items()) {
      const CfnValue* mode = Get(&r, "mode");
      const CfnValue* address = Get(&r, "address");
      const CfnValue* type = Get(&r, "type");
      const CfnValue* name = Get(&r, "name");
      if (address == nullptr || type == nullptr || name == nullptr) continue;
      if (mode != nullptr && mode->text() != "managed") continue;  // data sources read only
      Resource res;
      res.address = address->text();
      res.type = type->text();
      res.name = name->text();
      res.node = &r;
      res.values = Get(&r, "values");
      if (const CfnValue* index = Get(&r, "index")) {
        res.index = index->kind() == CfnValue::Kind::kString ? cfn::QuoteString(index->text())
                                                             : index->text();
      }
      // The module is what precedes "<type>.<name>" in the address.
      std::string tail = res.type + "." + res.name;
      size_t at = res.address.rfind(tail);
      res.module = at != std::string::npos && at > 0 ? res.address.substr(0, at - 1) : "";
      resources_.push_back(std::move(res));
    }
  }
  if (const CfnValue* children = Get(&module, "child_modules");
      children != nullptr && children->IsList()) {
    for (const CfnValue& child : children->items()) CollectModule(child);
  }
}

void PlanDocument::CollectConfig(const CfnValue& module, const std::string& path) {
  module_configs_[path] = &module;
  const CfnValue* calls = Get(&module, "module_calls");
  if (calls == nullptr || !calls->IsMap()) return;
  for (const cfn::CfnEntry& e : calls->entries()) {
    std::string child = (path.empty() ? "" : path + ".") + "module." + e.key;
    module_calls_[child] = &e.value;
    if (const CfnValue* m = Get(&e.value, "module")) CollectConfig(*m, child);
  }
}

bool LooksLikeTerraformJson(const std::string& text) {
  size_t first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos || text[first] != '{') return false;
  bool versioned = text.find("\"terraform_version\"") != std::string::npos;
  if (text.find("\"format_version\"") != std::string::npos) {
    return versioned || text.find("\"planned_values\"") != std::string::npos ||
           text.find("\"resource_changes\"") != std::string::npos ||
           text.find("\"values\"") != std::string::npos;
  }
  return versioned && text.find("\"lineage\"") != std::string::npos;
}

std::unique_ptr<PlanDocument> ReadPlanDocument(const std::string& file, const std::string& text,
                                               std::vector<Diagnostic>* sink) {
  auto doc = std::make_unique<PlanDocument>();
  doc->file_ = file;
  Diagnostics problems;
  std::optional<CfnValue> root = cfn::ParseTemplate(file, text, &problems);
  if (problems.ErrorCount() > 0 || !root) {
    sink->insert(sink->end(), problems.Items().begin(), problems.Items().end());
    return nullptr;
  }
  doc->root_ = std::move(*root);
  const CfnValue& top = doc->root_;
  auto error = [&](const CfnValue& at, std::string message) {
    sink->push_back(Diagnostic{at.location(), at.path(), std::move(message)});
  };
  if (!top.IsMap()) {
    error(top,
          "expected the JSON object that `terraform show -json` prints, got " + top.Describe());
    return nullptr;
  }
  const CfnValue* format = Get(&top, "format_version");
  if (format == nullptr) {
    const CfnValue* version = Get(&top, "version");
    error(version != nullptr ? *version : top,
          "this is a raw Terraform state file (terraform.tfstate), whose format is internal to "
          "Terraform; give vpcreach what `terraform show -json` prints for it instead: "
          "terraform show -json terraform.tfstate > state.json");
    return nullptr;
  }
  const std::string& v = format->text();
  if (v.empty() || (v[0] != '0' && v[0] != '1') || (v.size() > 1 && v[1] != '.')) {
    error(*format, "unsupported format_version '" + v +
                       "'; vpcreach reads `terraform show -json` output of format 0.x and 1.x");
    return nullptr;
  }
  const CfnValue* values = Get(&top, "planned_values");
  doc->is_plan_ = values != nullptr || Get(&top, "resource_changes") != nullptr;
  if (values == nullptr) values = Get(&top, "values");
  if (values == nullptr) values = Get(Get(&top, "prior_state"), "values");
  if (const CfnValue* root_module = Get(values, "root_module")) doc->CollectModule(*root_module);

  std::map<std::string, const CfnValue*> unknown;
  if (const CfnValue* changes = Get(&top, "resource_changes");
      changes != nullptr && changes->IsList()) {
    for (const CfnValue& c : changes->items()) {
      const CfnValue* address = Get(&c, "address");
      const CfnValue* after = Get(Get(&c, "change"), "after_unknown");
      if (address != nullptr && after != nullptr) unknown[address->text()] = after;
    }
  }
  const CfnValue* configuration = Get(&top, "configuration");
  if (const CfnValue* root_module = Get(configuration, "root_module")) {
    doc->CollectConfig(*root_module, "");
  }
  // The region: the aws provider's constant `region` (the root module's, or the first written).
  if (const CfnValue* providers = Get(configuration, "provider_config");
      providers != nullptr && providers->IsMap()) {
    for (const cfn::CfnEntry& e : providers->entries()) {
      const CfnValue* name = Get(&e.value, "name");
      if (name == nullptr || name->text() != "aws" || Get(&e.value, "alias") != nullptr) continue;
      const CfnValue* region = Get(Get(Get(&e.value, "expressions"), "region"), "constant_value");
      if (region != nullptr && region->IsScalar() && doc->region_ == nullptr) {
        doc->region_ = region;
      }
    }
  }
  for (Resource& r : doc->resources_) {
    if (auto it = unknown.find(r.address); it != unknown.end()) r.unknown = it->second;
    const CfnValue* module = doc->ModuleConfig(r.ConfigModule());
    const CfnValue* list = Get(module, "resources");
    if (list == nullptr || !list->IsList()) continue;
    std::string local = r.type + "." + r.name;
    for (const CfnValue& c : list->items()) {
      const CfnValue* address = Get(&c, "address");
      const CfnValue* mode = Get(&c, "mode");
      if (address != nullptr && address->text() == local &&
          (mode == nullptr || mode->text() == "managed")) {
        r.config = &c;
        break;
      }
    }
  }

  // What vpcreach models is the AWS provider's: a plan of other providers only is not a network.
  bool aws = false;
  std::string others;
  for (const Resource& r : doc->resources_) {
    if (r.type.rfind("aws_", 0) == 0) {
      aws = true;
    } else {
      std::string provider = r.type.substr(0, r.type.find('_'));
      if (others.find(provider) == std::string::npos && others.size() < 200) {
        others += (others.empty() ? "" : ", ") + provider;
      }
    }
  }
  if (!aws) {
    const CfnValue& at = values != nullptr ? *values : top;
    error(at, doc->resources_.empty()
                  ? std::string("this Terraform document declares no resource: there is no "
                                "network to model; plan or show a configuration that uses the "
                                "AWS provider")
                  : "this Terraform document has no resource of the AWS provider (only " + others +
                        "); vpcreach models AWS networks: plan or show a configuration that "
                        "uses the AWS provider (resources aws_vpc, aws_subnet, ...)");
    return nullptr;
  }
  return doc;
}

}  // namespace vpcreach::tf
