// How one Terraform resource names another: by an id its attribute holds (a state, or a plan of
// resources that exist), or, while ids are unknown (a plan of a network not yet deployed),
// through the `configuration` section's references.
//
// A reference `aws_subnet.public[0]` names that instance; `aws_subnet.public` with `count.index`
// (or `each.key` / `each.value`) among the same expression's references names the instance with
// the referring resource's own index, else the only instance. `var.X` continues in the module
// call's argument X (a constant is read as ids), `module.M.Y` in module M's output Y. `local.`
// values are not serialised: such a tie is left to the caller's fallback (the only VPC of the
// module, the VPC whose CIDR holds the subnet), which says when it guesses.
//
// Invariant: every Resource returned belongs to the document given to the constructor.
#ifndef VPCREACH_MODEL_TERRAFORM_TIES_H_
#define VPCREACH_MODEL_TERRAFORM_TIES_H_

#include <map>
#include <string>
#include <vector>

#include "model/terraform/plan_document.h"

namespace vpcreach::tf {

struct Tie {
  std::vector<const Resource*> found;       // distinct, in the order named
  std::vector<const CfnValue*> dangling;    // literal ids that no resource of the document holds
  std::vector<const Resource*> other_type;  // resources a literal id names, of another type
  bool unknown = false;    // the value is unknown until apply and no reference leads to it
  bool via_local = false;  // a `local.` value stood in the way
};

class Ties {
 public:
  explicit Ties(const PlanDocument& doc);

  // What attribute `key` of `r` names, among resources of `types`.
  Tie Resolve(const Resource& r, const std::string& key,
              const std::vector<std::string>& types) const;
  // Same for a value inside a nested block (`route[1].gateway_id`): its value and expression
  // (either may be nullptr).
  Tie ResolveValue(const Resource& r, const CfnValue* value, const CfnValue* expression,
                   const std::vector<std::string>& types) const;
  // The resource whose `id` (or `attribute`, when given) is `id`, or nullptr.
  const Resource* ById(const std::string& id, const std::string& attribute = "id") const;
  // The instances of resource `type.name` declared in configuration module `module`.
  std::vector<const Resource*> Instances(const std::string& module, const std::string& type,
                                         const std::string& name) const;

 private:
  void FromReferences(const CfnValue& expression, const std::string& module,
                      const std::string& index, const std::vector<std::string>& types, int depth,
                      Tie* tie, bool indexed) const;

  const PlanDocument& doc_;
  std::map<std::string, const Resource*> by_id_;
};

}  // namespace vpcreach::tf

#endif  // VPCREACH_MODEL_TERRAFORM_TIES_H_
