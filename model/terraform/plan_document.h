// The JSON that `terraform show -json` prints, for a saved plan or for the state, as resource
// instances vpcreach can map (plan_mapper.h).
//
// ReadPlanDocument() parses the text (located: file, line, column and the JSON path of every
// value, as cfn::ParseTemplate locates JSON templates), checks that it is this format
// (`format_version` with major 0 or 1; a raw `terraform.tfstate`, `"version": 4` without
// `format_version`, is refused with the command that prints the right one), and collects the
// managed resource instances of `planned_values` (a plan) or `values` (a state, or a plan of a
// state with nothing to change: its `prior_state`), each with the `after_unknown` map of its
// `resource_changes` entry (which values only apply decides) and its block in `configuration`
// (the expressions whose `references` tie resources while their ids are unknown). Unknown keys
// are ignored, as HashiCorp asks consumers to.
//
// Invariants: every Resource's pointers point into the document's own tree, which the document
// owns and never moves (PlanDocument is neither copied nor moved: hold it by unique_ptr).
#ifndef VPCREACH_MODEL_TERRAFORM_PLAN_DOCUMENT_H_
#define VPCREACH_MODEL_TERRAFORM_PLAN_DOCUMENT_H_

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "model/cloudformation/cfn_value.h"
#include "model/diagnostics.h"

namespace vpcreach::tf {

using cfn::CfnValue;

// One managed resource instance.
struct Resource {
  std::string address;                // module.vpc.aws_subnet.private[0], as Terraform prints it
  std::string module;                 // module.vpc ("" at the root), with instance keys as printed
  std::string type;                   // aws_subnet
  std::string name;                   // private
  std::string index;                  // "0", "\"a\"" (for_each), "" without count / for_each
  const CfnValue* node = nullptr;     // the resource's object in the document
  const CfnValue* values = nullptr;   // its attribute values (a map), or nullptr
  const CfnValue* unknown = nullptr;  // resource_changes[].change.after_unknown, or nullptr
  const CfnValue* config = nullptr;   // its configuration block, or nullptr

  // The attribute `key`, or nullptr when absent, null or "" (a state's unset string).
  const CfnValue* Value(const std::string& key) const;
  // True when the plan says `key` (a top-level attribute) is only known after apply.
  bool Unknown(const std::string& key) const;
  // The configuration expression of attribute `key`, or nullptr.
  const CfnValue* Expression(const std::string& key) const;
  // The configuration module path: `module` without instance keys (module.vpc).
  std::string ConfigModule() const;
};

class PlanDocument {
 public:
  PlanDocument() = default;
  PlanDocument(const PlanDocument&) = delete;
  PlanDocument& operator=(const PlanDocument&) = delete;

  const std::string& file() const { return file_; }
  bool is_plan() const { return is_plan_; }
  const std::vector<Resource>& resources() const { return resources_; }
  // The AWS provider's region as configured (a constant), and where; nullptr when not written.
  const CfnValue* region() const { return region_; }
  // The configuration of module `path` ("" root, module.vpc, module.a.module.b), or nullptr.
  const CfnValue* ModuleConfig(const std::string& path) const;
  // The call of module `path` in its parent's configuration, or nullptr (and for the root).
  const CfnValue* ModuleCall(const std::string& path) const;
  const CfnValue& root() const { return root_; }

 private:
  friend std::unique_ptr<PlanDocument> ReadPlanDocument(const std::string&, const std::string&,
                                                        std::vector<Diagnostic>*);
  void CollectModule(const CfnValue& module);
  void CollectConfig(const CfnValue& module, const std::string& path);

  std::string file_;
  bool is_plan_ = false;
  CfnValue root_;
  std::vector<Resource> resources_;
  const CfnValue* region_ = nullptr;
  std::map<std::string, const CfnValue*> module_configs_;
  std::map<std::string, const CfnValue*> module_calls_;
};

// The member `key` of map `v`, or nullptr when `v` is not a map or the member is absent, null or
// "" (a state's unset string).
const CfnValue* Member(const CfnValue* v, const std::string& key);

// True when `text` is a JSON object whose top-level keys say it is Terraform's: `format_version`
// with `planned_values`, `values`, `resource_changes` or `terraform_version`; or a raw state
// (`version` with `terraform_version` and `resources`), so that the reader refuses it.
bool LooksLikeTerraformJson(const std::string& text);

// The document, or nullptr after located errors in `*sink`.
std::unique_ptr<PlanDocument> ReadPlanDocument(const std::string& file, const std::string& text,
                                               std::vector<Diagnostic>* sink);

}  // namespace vpcreach::tf

#endif  // VPCREACH_MODEL_TERRAFORM_PLAN_DOCUMENT_H_
