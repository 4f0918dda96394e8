// `vpcreach check`: runs the scenario's expectations, exactly.
//
// Each expectation names a header space (from, to or everything, protocol, ports). The space is
// enumerated by rule boundaries (header_space.h) and every class is traced, so `reachable: false`,
// `only_to`, `via` and `avoid` hold for every packet of the space, not for a sample. Each result
// carries a witness trace: a delivered packet for a reachable expectation that holds, the
// counterexample for one that fails, or the most promising blocked packet when nothing arrives.
#ifndef VPCREACH_SIM_QUERY_CHECK_H_
#define VPCREACH_SIM_QUERY_CHECK_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/model.h"
#include "sim/forwarding_graph.h"
#include "sim/tracer.h"

namespace vpcreach {

struct CheckOptions {
  // Budget of traced header classes per expectation; past it the expectation is "undecided".
  std::uint64_t max_classes = 2'000'000;
};

struct ExpectationResult {
  const Expectation* expectation = nullptr;  // points into the Model
  bool passed = false;
  bool undecided = false;   // the budget ran out: neither held nor failed
  std::string detail;       // one or two sentences for a person
  std::optional<TraceResult> witness;
  std::uint64_t classes = 0;    // header classes traced
  std::uint64_t delivered = 0;  // of which delivered (and answered)
};

struct CheckReport {
  std::vector<ExpectationResult> results;
  int Passed() const;
  int Failed() const;  // includes undecided
};

CheckReport RunChecks(const Model& model, const ForwardingGraph& graph,
                      const CheckOptions& options = {});

}  // namespace vpcreach

#endif  // VPCREACH_SIM_QUERY_CHECK_H_
