#include "model/cloudformation/dependency_order.h"

#include <algorithm>
#include <map>
#include <set>

namespace vpcreach::cfn {

DependencyOrder OrderByDependencies(const std::vector<std::vector<size_t>>& dependencies) {
  const size_t n = dependencies.size();
  std::vector<std::vector<size_t>> unique(n);
  std::vector<std::vector<size_t>> dependents(n);
  std::vector<size_t> waiting(n, 0);  // unfinished dependencies
  for (size_t i = 0; i < n; ++i) {
    for (size_t d : dependencies[i]) {
      if (std::find(unique[i].begin(), unique[i].end(), d) != unique[i].end()) continue;
      unique[i].push_back(d);
      dependents[d].push_back(i);
      ++waiting[i];
    }
  }
  DependencyOrder out;
  std::vector<bool> finished(n, false);
  std::set<size_t> ready;
  for (size_t i = 0; i < n; ++i) {
    if (waiting[i] == 0) ready.insert(i);
  }
  auto finish = [&](size_t node) {
    finished[node] = true;
    for (size_t dependent : dependents[node]) {
      if (--waiting[dependent] == 0 && !finished[dependent]) ready.insert(dependent);
    }
  };
  size_t done = 0;
  while (done < n) {
    if (!ready.empty()) {
      size_t node = *ready.begin();
      ready.erase(ready.begin());
      out.order.push_back(node);
      finish(node);
      ++done;
      continue;
    }
    // Stalled: every unfinished node waits on another unfinished one, so walking first unfinished
    // dependencies from the lowest unfinished node must come back to a node already seen.
    size_t start = 0;
    while (finished[start]) ++start;
    std::vector<size_t> walk;
    std::map<size_t, size_t> seen;  // node -> position in walk
    size_t node = start;
    while (seen.find(node) == seen.end()) {
      seen[node] = walk.size();
      walk.push_back(node);
      for (size_t d : unique[node]) {
        if (!finished[d]) {
          node = d;
          break;
        }
      }
    }
    std::vector<size_t> cycle(walk.begin() + seen[node], walk.end());
    for (size_t c : cycle) {
      finish(c);
      ++done;
    }
    // Nodes made ready only by the cycle's removal must not wait for themselves.
    for (size_t c : cycle) ready.erase(c);
    out.cycles.push_back(std::move(cycle));
  }
  return out;
}

}  // namespace vpcreach::cfn
