// The component-level difference of two versions of a network: what a reviewer changed.
//
// Components are matched across the two Models by kind and id (ids are what the scenario writes,
// so they survive an edit). Each ComponentChange is one atomic edit: a component added or removed,
// a rule or route added, removed or altered, a setting changed ("direct internet access disabled
// -> enabled"). `diff` (diff.h) attributes each changed flow to the changes on its witness's path.
//
// `filters_only` marks the changes whose only effect on traffic is the security-group filtering at
// the ENIs (a group's rules, a group added or removed, an ENI's or a workload's group list) or
// that have no effect on traffic at all (flow logs, root access, KMS key, descriptions). When every
// change is such, `diff` may re-solve only the sources whose filters changed (see diff.h).
#ifndef VPCREACH_SIM_QUERY_MODEL_DIFF_H_
#define VPCREACH_SIM_QUERY_MODEL_DIFF_H_

#include <string>
#include <vector>

#include "model/diagnostics.h"
#include "model/model.h"

namespace vpcreach {

struct ComponentChange {
  std::string kind;    // kKind* (model.h)
  std::string id;      // the component's id, the same in both versions
  std::string change;  // "new egress rule tcp 80 0.0.0.0/0", "route pl-s3 -> s3-gw removed", "added"
  SourceLocation before;  // where the changed part is written in BEFORE (line 0: not there)
  SourceLocation after;   // the same in AFTER
  bool filters_only = false;
  // The rules or routes involved, worded as the tracer words the hops they decide ("egress tcp
  // 443 0.0.0.0/0", "rule 99 allow all 0.0.0.0/0", "pl-s3 -> s3-gw"), to tell which of a
  // component's changes a path met.
  std::vector<std::string> rules;

  // "sg pip", "rtb private", "nacl private", "notebook notebook", "eni bastion".
  std::string Label() const;
  // "sg pip: new egress rule tcp 80 0.0.0.0/0".
  std::string Text() const { return Label() + ": " + change; }
};

struct ModelDiff {
  std::vector<ComponentChange> changes;  // by kind (model order), then id, then rule

  bool Empty() const { return changes.empty(); }
  // Every change is filters_only.
  bool FiltersOnly() const;
};

ModelDiff DiffModels(const Model& before, const Model& after);

// "sg", "nacl", "rtb", ... for a kKind*.
std::string KindPrefix(const std::string& kind);

}  // namespace vpcreach

#endif  // VPCREACH_SIM_QUERY_MODEL_DIFF_H_
