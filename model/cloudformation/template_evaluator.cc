#include "model/cloudformation/template_evaluator.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <optional>
#include <set>
#include <sstream>

#include "model/cloudformation/dependency_order.h"
#include "model/cloudformation/intrinsics.h"
#include "model/cloudformation/template_parser.h"

namespace vpcreach::cfn {
namespace {

const std::vector<std::string>& TopLevelSections() {
  static const std::vector<std::string> sections = {"AWSTemplateFormatVersion",
                                                    "Description",
                                                    "Metadata",
                                                    "Parameters",
                                                    "Rules",
                                                    "Mappings",
                                                    "Conditions",
                                                    "Transform",
                                                    "Resources",
                                                    "Outputs"};
  return sections;
}

// The keys a resource may have: Type and Properties, the resource attributes of CloudFormation's
// "Resource attribute reference" (CreationPolicy, Condition, DeletionPolicy, DependsOn, Metadata,
// UpdatePolicy, UpdateReplacePolicy), and Version and Description, which CloudFormation accepts
// too (the CDK writes both; custom resources carry Version). None but Type, Properties, Condition
// and DependsOn changes what is deployed into the network, so the others are read and ignored.
const std::vector<std::string>& ResourceAttributes() {
  static const std::vector<std::string> attributes = {
      "Type",           "Properties",          "DependsOn",    "Condition",      "Metadata",
      "DeletionPolicy", "UpdateReplacePolicy", "UpdatePolicy", "CreationPolicy", "Version",
      "Description"};
  return attributes;
}

const std::vector<std::string>& OutputAttributes() {
  static const std::vector<std::string> attributes = {"Value", "Export", "Condition",
                                                      "Description"};
  return attributes;
}

constexpr char kNestedStackType[] = "AWS::CloudFormation::Stack";

std::string JoinNames(const std::vector<std::string>& names, size_t limit) {
  std::string out;
  for (size_t i = 0; i < names.size() && i < limit; ++i) out += (i > 0 ? ", " : "") + names[i];
  if (names.size() > limit) out += ", ... (" + std::to_string(names.size() - limit) + " more)";
  return out;
}

std::string WithSuggestion(std::string message, const std::string& word,
                           const std::vector<std::string>& candidates) {
  std::string close = ClosestMatch(word, candidates);
  if (!close.empty()) message += "; did you mean '" + close + "'?";
  return message;
}

std::optional<std::string> ReadFile(const std::string& path, std::string* error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    *error = std::filesystem::exists(path) ? "cannot open it" : "no such file";
    return std::nullopt;
  }
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

class StackEvaluator : public StackScope {
 public:
  StackEvaluator(const StackInput& input, std::string id_prefix, int depth,
                 const ExportTable& earlier, AttributeResolver* resolver, Diagnostics* diagnostics)
      : input_(input),
        id_prefix_(std::move(id_prefix)),
        depth_(depth),
        earlier_(earlier),
        resolver_(*resolver),
        diagnostics_(*diagnostics),
        evaluator_(this, diagnostics) {}

  EvaluatedStack Run();

  // StackScope
  const std::string& region() const override { return input_.region; }
  const CfnValue* Parameter(const std::string& name) const override;
  const CfnValue* Mappings() const override { return mappings_; }
  std::optional<bool> Condition(const std::string& name, const CfnValue& at) override;
  Evaluated ResourceRef(const std::string& logical_id, const CfnValue& at) override;
  Evaluated ResourceAttribute(const std::string& logical_id, const std::string& attribute,
                              const CfnValue& at) override;
  Evaluated ImportValue(const std::string& export_name, const CfnValue& at) override;

 private:
  enum class State { kPending, kDone, kCyclic };
  struct Resource {
    std::string name;
    std::string type;
    const CfnValue* declaration = nullptr;
    SourceLocation location;
    std::string condition;
    bool included = true;
    State state = State::kPending;
    CfnValue properties = CfnValue::Map({});
    std::vector<Reference> references;  // to included resources, document order
    std::vector<EvaluatedResource> nested_resources;
    std::map<std::string, CfnValue> nested_outputs;
  };
  enum class ConditionState { kInProgress, kTrue, kFalse, kFailed };

  void Error(const SourceLocation& location, const std::string& path, std::string message) {
    diagnostics_.Add(location, path, std::move(message));
  }
  void CheckSections(const CfnValue& root);
  void SetParameters(const CfnValue* section);
  void EvaluateConditions(const CfnValue* section);
  void ReadResources(const CfnValue* section);
  void CollectDependencies(Resource& resource);
  void EvaluateResources();
  void EvaluateNestedStack(Resource& resource);
  void EvaluateOutputs(const CfnValue* section);
  void AddExport(const std::string& name, StackExport value, const CfnValue& at);
  const Resource* FindResource(const std::string& name, const CfnValue& at, bool* reported);
  std::string ResourceId(const std::string& logical_id) const {
    return id_prefix_ + "/" + logical_id;
  }
  std::vector<std::string> KnownNames() const;

  const StackInput& input_;
  std::string id_prefix_;
  int depth_;
  const ExportTable& earlier_;
  AttributeResolver& resolver_;
  Diagnostics& diagnostics_;
  IntrinsicEvaluator evaluator_;

  EvaluatedStack stack_;
  std::map<std::string, CfnValue> parameters_;  // valid declared + pseudo parameters
  std::set<std::string> invalid_parameters_;
  const CfnValue* mappings_ = nullptr;
  const CfnValue* conditions_ = nullptr;
  const CfnValue* resources_section_ = nullptr;
  std::map<std::string, ConditionState> condition_states_;
  std::vector<std::string> condition_stack_;
  bool in_conditions_ = false;
  std::vector<Resource> resources_;
  std::map<std::string, size_t> resource_index_;
  std::map<std::string, std::string> export_outputs_;  // own export name -> output
};

EvaluatedStack StackEvaluator::Run() {
  stack_.name = input_.name;
  stack_.template_file = input_.template_file;
  diagnostics_.AddSource(input_.template_file, input_.template_text);
  std::optional<CfnValue> root =
      ParseTemplate(input_.template_file, input_.template_text, &diagnostics_);
  if (!root) return std::move(stack_);
  if (!root->IsMap()) {
    Error(root->location(), "",
          "expected a template (a mapping with Resources), got " + root->Describe());
    return std::move(stack_);
  }
  CheckSections(*root);
  SetParameters(root->Find("Parameters"));
  if (const CfnValue* mappings = root->Find("Mappings")) {
    if (mappings->IsMap()) {
      mappings_ = mappings;
    } else {
      Error(mappings->location(), "Mappings",
            "expected a mapping of mappings, got " + mappings->Describe());
    }
  }
  resources_section_ = root->Find("Resources");
  EvaluateConditions(root->Find("Conditions"));
  ReadResources(root->Find("Resources"));
  EvaluateResources();
  EvaluateOutputs(root->Find("Outputs"));
  for (Resource& r : resources_) {
    EvaluatedResource out{r.name,     r.type,     std::move(r.properties),
                          r.location, r.included, r.condition};
    if (!r.included) out.properties = CfnValue::Map({});
    stack_.resources.push_back(std::move(out));
    for (EvaluatedResource& child : r.nested_resources) {
      child.logical_id = r.name + "/" + child.logical_id;
      stack_.resources.push_back(std::move(child));
    }
  }
  return std::move(stack_);
}

void StackEvaluator::CheckSections(const CfnValue& root) {
  for (const CfnEntry& entry : root.entries()) {
    const auto& sections = TopLevelSections();
    if (std::find(sections.begin(), sections.end(), entry.key) == sections.end()) {
      Error(entry.key_location, entry.key,
            WithSuggestion("unknown template section '" + entry.key + "'", entry.key, sections));
    }
  }
  if (const CfnValue* version = root.Find("AWSTemplateFormatVersion")) {
    // An unquoted 2010-09-09 is a date to a YAML 1.1 parser; here it stays the text written.
    if (!version->IsScalar() || version->text() != "2010-09-09") {
      Error(version->location(), "AWSTemplateFormatVersion",
            "expected '2010-09-09' (the only version), got " +
                (version->IsScalar() ? "'" + version->text() + "'" : version->Describe()));
    }
  }
  if (const CfnValue* transform = root.Find("Transform")) {
    Error(transform->location(), "Transform",
          "template macros (Transform) are not supported: they run inside CloudFormation; "
          "give vpcreach the processed template");
  }
}

void StackEvaluator::SetParameters(const CfnValue* section) {
  stack_.parameters = ResolveParameters(section, input_.parameters, &diagnostics_);
  for (const ResolvedParameter& p : stack_.parameters) {
    if (p.valid) {
      parameters_[p.name] = p.value;
    } else {
      invalid_parameters_.insert(p.name);
    }
  }
  const std::string& region = input_.region;
  const std::string& account = input_.account_id;
  parameters_["AWS::StackName"] = CfnValue::String(input_.name);
  parameters_["AWS::StackId"] =
      CfnValue::String("arn:aws:cloudformation:" + region + ":" + account + ":stack/" +
                       input_.name + "/00000000-0000-0000-0000-000000000000");
  parameters_["AWS::Region"] = CfnValue::String(region);
  parameters_["AWS::AccountId"] = CfnValue::String(account);
  parameters_["AWS::Partition"] = CfnValue::String("aws");
  parameters_["AWS::URLSuffix"] = CfnValue::String("amazonaws.com");
  parameters_["AWS::NotificationARNs"] = CfnValue::List({});
  parameters_["AWS::NoValue"] = CfnValue::Null();
}

const CfnValue* StackEvaluator::Parameter(const std::string& name) const {
  auto it = parameters_.find(name);
  return it == parameters_.end() ? nullptr : &it->second;
}

void StackEvaluator::EvaluateConditions(const CfnValue* section) {
  if (section == nullptr) return;
  if (!section->IsMap()) {
    Error(section->location(), "Conditions",
          "expected a mapping of conditions, got " + section->Describe());
    return;
  }
  conditions_ = section;
  for (const CfnEntry& entry : section->entries()) {
    std::optional<bool> holds = Condition(entry.key, entry.value);
    if (holds) stack_.conditions[entry.key] = *holds;
  }
}

std::optional<bool> StackEvaluator::Condition(const std::string& name, const CfnValue& at) {
  const CfnValue* definition = conditions_ != nullptr ? conditions_->Find(name) : nullptr;
  if (definition == nullptr) {
    std::vector<std::string> names;
    if (conditions_ != nullptr) {
      for (const CfnEntry& e : conditions_->entries()) names.push_back(e.key);
    }
    Error(at.location(), at.path(),
          WithSuggestion("unknown condition '" + name + "'", name, names));
    return std::nullopt;
  }
  auto state = condition_states_.find(name);
  if (state != condition_states_.end()) {
    switch (state->second) {
      case ConditionState::kTrue:
        return true;
      case ConditionState::kFalse:
        return false;
      case ConditionState::kFailed:
        return std::nullopt;
      case ConditionState::kInProgress: {
        auto from = std::find(condition_stack_.begin(), condition_stack_.end(), name);
        std::string message = "circular reference: condition " + condition_stack_.back();
        if (condition_stack_.back() == name) {
          message += " refers to itself";
        } else {
          message += " refers to " + name;
          for (auto it = from + 1; it != condition_stack_.end(); ++it) {
            message += ", which refers to " + *it;
          }
        }
        Error(at.location(), at.path(), message);
        return std::nullopt;
      }
    }
  }
  condition_states_[name] = ConditionState::kInProgress;
  condition_stack_.push_back(name);
  bool was_in_conditions = in_conditions_;
  in_conditions_ = true;
  std::optional<bool> holds = evaluator_.EvaluateCondition(*definition);
  in_conditions_ = was_in_conditions;
  condition_stack_.pop_back();
  condition_states_[name] =
      !holds ? ConditionState::kFailed : (*holds ? ConditionState::kTrue : ConditionState::kFalse);
  return holds;
}

void StackEvaluator::ReadResources(const CfnValue* section) {
  if (section == nullptr || (section->IsMap() && section->entries().empty())) {
    Error(section != nullptr ? section->location() : SourceLocation{input_.template_file, 1, 1},
          "Resources", "a template needs at least one resource in Resources");
    return;
  }
  if (!section->IsMap()) {
    Error(section->location(), "Resources",
          "expected a mapping of resources, got " + section->Describe());
    return;
  }
  for (const CfnEntry& entry : section->entries()) {
    const std::string path = "Resources." + entry.key;
    if (parameters_.count(entry.key) > 0 || invalid_parameters_.count(entry.key) > 0) {
      Error(entry.key_location, path,
            "'" + entry.key + "' is both a parameter and a resource; logical ids must be unique");
    }
    Resource r;
    r.name = entry.key;
    r.location = entry.key_location;
    r.declaration = &entry.value;
    if (!entry.value.IsMap()) {
      Error(entry.value.location(), path,
            "expected a resource (a mapping with Type), got " + entry.value.Describe());
      r.included = false;
    } else {
      for (const CfnEntry& key : entry.value.entries()) {
        const auto& known = ResourceAttributes();
        if (std::find(known.begin(), known.end(), key.key) != known.end()) continue;
        Error(key.key_location, ChildPath(path, key.key),
              WithSuggestion("unknown resource attribute '" + key.key + "'", key.key, known));
      }
      const CfnValue* type = entry.value.Find("Type");
      if (type == nullptr || !type->IsScalar() || type->text().empty()) {
        Error(entry.value.location(), path, "missing required key 'Type'");
        r.included = false;
      } else {
        r.type = type->text();
      }
      if (const CfnValue* condition = entry.value.Find("Condition")) {
        if (!condition->IsScalar()) {
          Error(condition->location(), ChildPath(path, "Condition"),
                "expected a condition name, got " + condition->Describe());
          r.included = false;
        } else {
          r.condition = condition->text();
          std::optional<bool> holds = Condition(r.condition, *condition);
          if (!holds || !*holds) r.included = false;
        }
      }
    }
    resource_index_[r.name] = resources_.size();
    resources_.push_back(std::move(r));
  }
}

// Ref, GetAtt and Sub references and DependsOn, to included resources only: a reference to an
// excluded or unknown one is reported when it is evaluated.
void StackEvaluator::CollectDependencies(Resource& resource) {
  const CfnValue& declaration = *resource.declaration;
  auto condition = [this](const std::string& name) -> std::optional<bool> {
    auto it = stack_.conditions.find(name);
    if (it == stack_.conditions.end()) return std::nullopt;
    return it->second;
  };
  if (const CfnValue* properties = declaration.Find("Properties")) {
    for (Reference& ref : CollectReferences(*properties, condition)) {
      auto it = resource_index_.find(ref.target);
      if (it != resource_index_.end() && resources_[it->second].included) {
        resource.references.push_back(std::move(ref));
      }
    }
  }
  const CfnValue* depends_on = declaration.Find("DependsOn");
  if (depends_on == nullptr) return;
  std::vector<const CfnValue*> names;
  if (depends_on->IsList()) {
    for (const CfnValue& item : depends_on->items()) names.push_back(&item);
  } else {
    names.push_back(depends_on);
  }
  for (const CfnValue* name : names) {
    std::string path = "Resources." + resource.name + ".DependsOn";
    if (!name->IsScalar()) {
      Error(name->location(), path,
            "expected a resource name or a list of them, got " + name->Describe());
      continue;
    }
    auto it = resource_index_.find(name->text());
    if (it == resource_index_.end()) {
      std::vector<std::string> names_known;
      for (const Resource& r : resources_) names_known.push_back(r.name);
      Error(name->location(), path,
            WithSuggestion("depends on unknown resource '" + name->text() + "'", name->text(),
                           names_known));
    } else if (!resources_[it->second].included) {
      Error(name->location(), path,
            "depends on " + name->text() + ", which is excluded because its condition '" +
                resources_[it->second].condition + "' is false");
    } else {
      resource.references.push_back(Reference{name->text(), path, name->location()});
    }
  }
}

void StackEvaluator::EvaluateResources() {
  std::vector<std::vector<size_t>> dependencies(resources_.size());
  for (size_t i = 0; i < resources_.size(); ++i) {
    Resource& r = resources_[i];
    if (!r.included) continue;
    CollectDependencies(r);
    for (const Reference& ref : r.references)
      dependencies[i].push_back(resource_index_[ref.target]);
  }
  DependencyOrder order = OrderByDependencies(dependencies);
  for (const std::vector<size_t>& cycle : order.cycles) {
    for (size_t c : cycle) resources_[c].state = State::kCyclic;
    const Resource& first = resources_[cycle.front()];
    const std::string& second = resources_[cycle.size() > 1 ? cycle[1] : cycle[0]].name;
    const Reference* edge = nullptr;
    for (const Reference& ref : first.references) {
      if (ref.target == second) {
        edge = &ref;
        break;
      }
    }
    std::string message = "circular reference: " + first.name;
    if (cycle.size() == 1) {
      message += " refers to itself";
    } else {
      message += " refers to " + second;
      for (size_t k = 2; k < cycle.size(); ++k)
        message += ", which refers to " + resources_[cycle[k]].name;
      const Resource& last = resources_[cycle.back()];
      std::string back_path;
      for (const Reference& ref : last.references) {
        if (ref.target == first.name) {
          back_path = ref.path;
          break;
        }
      }
      message += ", which refers to " + first.name + " at " + back_path;
    }
    if (edge != nullptr) {
      Error(edge->location, edge->path, message);
    } else {
      Error(first.location, "Resources." + first.name, message);
    }
  }
  for (size_t i : order.order) {
    Resource& r = resources_[i];
    if (!r.included) continue;
    if (const CfnValue* properties = r.declaration->Find("Properties")) {
      std::string path = "Resources." + r.name + ".Properties";
      if (!properties->IsMap() && !properties->IsNull()) {
        Error(properties->location(), path,
              "expected a mapping of properties, got " + properties->Describe());
      } else if (properties->IsMap()) {
        Evaluated e = evaluator_.Evaluate(*properties);
        if (e.ok() && e.value.IsMap()) {
          r.properties = std::move(e.value);
        } else if (e.ok()) {
          Error(properties->location(), path,
                "expected a mapping of properties, got " + e.value.Describe());
        }
        r.properties.Repath(path);
      }
    }
    resolver_.ResourceEvaluated(ResourceId(r.name), r.type, r.properties);
    if (r.type == kNestedStackType) EvaluateNestedStack(r);
    r.state = State::kDone;
  }
}

void StackEvaluator::EvaluateNestedStack(Resource& resource) {
  const std::string path = "Resources." + resource.name + ".Properties";
  const CfnValue* url = resource.properties.Find("TemplateURL");
  if (url == nullptr || !url->IsScalar()) {
    Error(url != nullptr ? url->location() : resource.location,
          url != nullptr ? ChildPath(path, "TemplateURL") : path,
          url != nullptr ? "expected a template path, got " + url->Describe()
                         : "missing required property 'TemplateURL'");
    return;
  }
  const std::string& where = url->text();
  if (where.rfind("http://", 0) == 0 || where.rfind("https://", 0) == 0 ||
      where.rfind("s3://", 0) == 0) {
    Error(url->location(), url->path(),
          "nested stack template must be a local file, got '" + where + "'");
    return;
  }
  int max_depth =
      input_.max_nested_depth != nullptr ? *input_.max_nested_depth : kMaxNestedStackDepth;
  if (depth_ >= max_depth) {
    Error(url->location(), url->path(),
          "nested stacks go deeper than " + std::to_string(max_depth) +
              " levels; does a template include itself? If not, give "
              "--max-nested-stack-depth N to raise the limit");
    return;
  }
  std::filesystem::path file = where;
  if (file.is_relative()) {
    file = std::filesystem::path(input_.template_file).parent_path() / file;
  }
  file = file.lexically_normal();
  if (input_.confinement != nullptr) {
    std::string refusal = input_.confinement->Admit("nested stack template", file.string());
    if (!refusal.empty()) {
      Error(url->location(), url->path(), refusal);
      return;
    }
  }
  std::string error;
  std::optional<std::string> text = ReadFile(file.string(), &error);
  if (!text) {
    Error(url->location(), url->path(),
          "cannot read nested stack template '" + file.string() + "': " + error);
    return;
  }
  StackInput child;
  child.name = input_.name + "-" + resource.name;
  child.template_file = file.string();
  child.template_text = *text;
  child.region = input_.region;
  child.account_id = input_.account_id;
  child.confinement = input_.confinement;
  child.max_nested_depth = input_.max_nested_depth;
  if (const CfnValue* parameters = resource.properties.Find("Parameters")) {
    if (!parameters->IsMap()) {
      Error(parameters->location(), parameters->path(),
            "expected a mapping of parameter values, got " + parameters->Describe());
    } else {
      for (const CfnEntry& entry : parameters->entries()) {
        const CfnValue& v = entry.value;
        std::string value;
        if (v.IsScalar()) {
          value = v.text();
        } else if (v.IsList() && std::all_of(v.items().begin(), v.items().end(),
                                             [](const CfnValue& i) { return i.IsScalar(); })) {
          // CloudFormation passes a list to a nested stack as a comma-separated string.
          for (size_t i = 0; i < v.items().size(); ++i)
            value += (i > 0 ? "," : "") + v.items()[i].text();
        } else {
          Error(v.location(), v.path(),
                "expected a string or a list of strings, got " + v.Describe());
          continue;
        }
        child.parameters[entry.key] = ParameterValue{value, v.location()};
      }
    }
  }
  ExportTable visible = earlier_;
  for (const auto& [name, value] : stack_.exports) visible.emplace(name, value);
  StackEvaluator nested(child, ResourceId(resource.name), depth_ + 1, visible, &resolver_,
                        &diagnostics_);
  EvaluatedStack result = nested.Run();
  resource.nested_resources = std::move(result.resources);
  for (EvaluatedOutput& output : result.outputs) {
    if (output.condition_included) resource.nested_outputs[output.name] = std::move(output.value);
  }
  for (auto& [name, value] : result.exports) {
    if (stack_.exports.count(name) == 0 && earlier_.count(name) == 0) {
      stack_.exports.emplace(name, std::move(value));
    }
  }
}

std::vector<std::string> StackEvaluator::KnownNames() const {
  std::vector<std::string> names;
  for (const auto& [name, value] : parameters_) names.push_back(name);
  for (const Resource& r : resources_) names.push_back(r.name);
  return names;
}

const StackEvaluator::Resource* StackEvaluator::FindResource(const std::string& name,
                                                             const CfnValue& at, bool* reported) {
  *reported = true;
  if (invalid_parameters_.count(name) > 0) return nullptr;  // already reported
  if (in_conditions_) {
    // Conditions are evaluated before resources are read: look the name up in the section.
    bool is_resource = resources_section_ != nullptr && resources_section_->Find(name) != nullptr;
    Error(at.location(), at.path(),
          is_resource
              ? "conditions can refer only to parameters and mappings; '" + name + "' is a resource"
              : WithSuggestion("'" + name +
                                   "' is not a parameter or pseudo parameter of "
                                   "this template",
                               name, KnownNames()));
    return nullptr;
  }
  auto it = resource_index_.find(name);
  if (it == resource_index_.end()) {
    Error(at.location(), at.path(),
          WithSuggestion("'" + name +
                             "' is not a parameter, pseudo parameter or resource of this "
                             "template",
                         name, KnownNames()));
    return nullptr;
  }
  const Resource& r = resources_[it->second];
  if (!r.included) {
    // Excluded for a condition that holds no value (unknown, circular) or a malformed
    // declaration: that is reported already.
    auto holds = stack_.conditions.find(r.condition);
    if (holds != stack_.conditions.end() && !holds->second) {
      Error(at.location(), at.path(),
            "refers to " + name + ", which is excluded because its condition '" + r.condition +
                "' is false");
    }
    return nullptr;
  }
  if (r.state != State::kDone) return nullptr;  // in a reported cycle
  *reported = false;
  return &r;
}

Evaluated StackEvaluator::ResourceRef(const std::string& logical_id, const CfnValue& at) {
  bool reported = false;
  const Resource* r = FindResource(logical_id, at, &reported);
  if (r == nullptr) return Evaluated::Error();
  std::optional<CfnValue> value = resolver_.Ref(ResourceId(r->name), r->type, r->properties);
  if (!value) {
    Error(at.location(), at.path(), "resource type " + r->type + " has no Ref value");
    return Evaluated::Error();
  }
  return Evaluated::Value(std::move(*value));
}

Evaluated StackEvaluator::ResourceAttribute(const std::string& logical_id,
                                            const std::string& attribute, const CfnValue& at) {
  bool reported = false;
  const Resource* r = FindResource(logical_id, at, &reported);
  if (r == nullptr) return Evaluated::Error();
  if (r->type == kNestedStackType) {
    if (attribute.rfind("Outputs.", 0) == 0) {
      std::string output = attribute.substr(8);
      auto it = r->nested_outputs.find(output);
      if (it != r->nested_outputs.end()) return Evaluated::Value(it->second);
      std::vector<std::string> names;
      for (const auto& [name, value] : r->nested_outputs) names.push_back(name);
      Error(at.location(), at.path(),
            WithSuggestion("nested stack " + logical_id + " has no output '" + output + "'", output,
                           names) +
                (names.empty() ? " (it has none)" : " (it has " + JoinNames(names, 10) + ")"));
      return Evaluated::Error();
    }
  }
  std::optional<CfnValue> value =
      resolver_.GetAtt(ResourceId(r->name), r->type, r->properties, attribute);
  if (!value) {
    Error(at.location(), at.path(),
          "resource type " + r->type + " has no attribute '" + attribute + "'");
    return Evaluated::Error();
  }
  return Evaluated::Value(std::move(*value));
}

Evaluated StackEvaluator::ImportValue(const std::string& export_name, const CfnValue& at) {
  auto it = earlier_.find(export_name);
  if (it != earlier_.end()) return Evaluated::Value(it->second.value);
  std::vector<std::string> names;
  for (const auto& [name, value] : earlier_) names.push_back(name);
  std::string message =
      WithSuggestion("no stack exports '" + export_name + "'", export_name, names);
  message += names.empty() ? " (no stack exported anything before this one)"
                           : " (exports so far: " + JoinNames(names, 10) + ")";
  Error(at.location(), at.path(), message);
  return Evaluated::Error();
}

void StackEvaluator::AddExport(const std::string& name, StackExport value, const CfnValue& at) {
  if (auto it = earlier_.find(name); it != earlier_.end()) {
    Error(at.location(), at.path(),
          "export name '" + name + "' is already exported by stack " + it->second.stack +
              " (output " + it->second.output + "); export names must be unique in a region");
    return;
  }
  if (auto it = stack_.exports.find(name); it != stack_.exports.end()) {
    Error(at.location(), at.path(),
          "export name '" + name + "' is already exported by stack " + it->second.stack +
              " (output " + it->second.output + "); export names must be unique in a region");
    return;
  }
  stack_.exports.emplace(name, std::move(value));
}

void StackEvaluator::EvaluateOutputs(const CfnValue* section) {
  if (section == nullptr) return;
  if (!section->IsMap()) {
    Error(section->location(), "Outputs",
          "expected a mapping of outputs, got " + section->Describe());
    return;
  }
  for (const CfnEntry& entry : section->entries()) {
    const std::string path = "Outputs." + entry.key;
    const CfnValue& declaration = entry.value;
    if (!declaration.IsMap()) {
      Error(declaration.location(), path,
            "expected an output (a mapping with Value), got " + declaration.Describe());
      continue;
    }
    for (const CfnEntry& key : declaration.entries()) {
      const auto& known = OutputAttributes();
      if (std::find(known.begin(), known.end(), key.key) != known.end()) continue;
      Error(key.key_location, ChildPath(path, key.key),
            WithSuggestion("unknown output attribute '" + key.key + "'", key.key, known));
    }
    EvaluatedOutput output;
    output.name = entry.key;
    output.location = entry.key_location;
    if (const CfnValue* condition = declaration.Find("Condition")) {
      std::optional<bool> holds =
          condition->IsScalar() ? Condition(condition->text(), *condition) : std::nullopt;
      if (!condition->IsScalar()) {
        Error(condition->location(), ChildPath(path, "Condition"),
              "expected a condition name, got " + condition->Describe());
      }
      if (!holds) continue;
      output.condition_included = *holds;
    }
    const CfnValue* value = declaration.Find("Value");
    if (value == nullptr) {
      Error(entry.key_location, path, "missing required key 'Value'");
      continue;
    }
    if (!output.condition_included) {
      stack_.outputs.push_back(std::move(output));
      continue;
    }
    Evaluated e = evaluator_.Evaluate(*value);
    if (!e.ok()) {
      if (e.state == Evaluated::State::kNoValue) {
        Error(value->location(), ChildPath(path, "Value"),
              "an output's Value cannot be AWS::NoValue");
      }
      continue;
    }
    output.value = std::move(e.value);
    output.value.Repath(ChildPath(path, "Value"));
    if (const CfnValue* export_declaration = declaration.Find("Export")) {
      const CfnValue* name = export_declaration->Find("Name");
      if (name == nullptr) {
        Error(export_declaration->location(), ChildPath(path, "Export"),
              "expected {Name: export name}, got " + export_declaration->Describe());
      } else {
        Evaluated export_name = evaluator_.Evaluate(*name);
        if (export_name.ok() && !export_name.value.IsScalar()) {
          Error(name->location(), name->path(),
                "expected an export name (a string), got " + export_name.value.Describe());
        } else if (export_name.ok() && !output.value.IsScalar()) {
          Error(value->location(), ChildPath(path, "Value"),
                "an exported value must be a string, got " + output.value.Describe() +
                    " (use Fn::Join to export a list)");
        } else if (export_name.ok()) {
          output.export_name = export_name.value.text();
          AddExport(output.export_name,
                    StackExport{CfnValue::String(output.value.text(), output.value.location(),
                                                 output.value.path()),
                                input_.name, entry.key},
                    *name);
        }
      }
    }
    stack_.outputs.push_back(std::move(output));
  }
}

}  // namespace

EvaluatedStack EvaluateStack(const StackInput& input, const ExportTable& earlier_exports,
                             AttributeResolver* resolver, Diagnostics* diagnostics) {
  StackEvaluator evaluator(input, input.name, 0, earlier_exports, resolver, diagnostics);
  return evaluator.Run();
}

}  // namespace vpcreach::cfn
