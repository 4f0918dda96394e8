// The order CloudFormation creates resources in: every resource after the ones it depends on,
// template order among independent ones; and the dependency cycles that prevent it.
#ifndef VPCREACH_MODEL_CLOUDFORMATION_DEPENDENCY_ORDER_H_
#define VPCREACH_MODEL_CLOUDFORMATION_DEPENDENCY_ORDER_H_

#include <cstddef>
#include <vector>

namespace vpcreach::cfn {

struct DependencyOrder {
  // Every node that is in no cycle, each after all of its dependencies that are in no cycle.
  std::vector<size_t> order;
  // Each cycle once, as [c0, c1, ..., ck-1] where c0 depends on c1, ..., ck-1 on c0 ([c0] for a
  // node that depends on itself). Cycle nodes are not in `order`.
  std::vector<std::vector<size_t>> cycles;
};

// `dependencies[i]` lists the nodes i depends on (duplicates allowed), in the order they are
// written; a cycle is reported starting from its lowest node reached and following the first
// written dependency that stays in the cycle. Iterative: no recursion on graph depth.
DependencyOrder OrderByDependencies(const std::vector<std::vector<size_t>>& dependencies);

}  // namespace vpcreach::cfn

#endif  // VPCREACH_MODEL_CLOUDFORMATION_DEPENDENCY_ORDER_H_
