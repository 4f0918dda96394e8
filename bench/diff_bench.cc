// Issue 5's benchmark: `diff` of an estate against a copy with one security group rule changed.
//
//   BM_Diff/<estate>      RunDiff(estate, copy), restricted to the affected ENIs (the default)
//   BM_DiffFull/<estate>  the same diff re-solving every source over every request
// for the estates of bench_estates.h (`lab`, `region10`, `region`). The change: the first
// security group carried by ENIs none of which is a route target gets a new ingress rule tcp 9999
// from 0.0.0.0/0. Counters: sources,
// full_sources (re-solved over everything), solver_runs, changes (flows opened or closed).
// BM_DiffFull/region is not registered: it re-solves 10,000 sources (see bench/README.md).
#include <benchmark/benchmark.h>

#include <map>
#include <memory>
#include <string>

#include "bench/bench_estates.h"
#include "sim/query/diff.h"

namespace vpcreach::bench {
namespace {

struct Changed {
  Model model;
  std::unique_ptr<ForwardingGraph> graph;
  std::string what;
};

const Changed& ChangedCopy(const std::string& name) {
  static std::map<std::string, std::unique_ptr<Changed>> copies;
  std::unique_ptr<Changed>& slot = copies[name];
  if (slot) return *slot;
  const Estate& estate = GetEstate(name);
  slot = std::make_unique<Changed>();
  slot->model = estate.model();
  Model& m = slot->model;
  // A group carried by ENIs, none of which forwards as a route target (an appliance's group
  // makes `diff` run in full; BM_DiffFull measures that).
  std::vector<bool> carried(m.security_groups.size(), false), appliance(m.security_groups.size(), false);
  std::vector<bool> target(m.enis.size(), false);
  for (const RouteTable& t : m.route_tables) {
    for (const Route& r : t.routes) {
      if (r.target == RouteTarget::kEni) target[r.target_index] = true;
    }
  }
  for (Index e = 0; e < m.enis.size(); ++e) {
    for (Index g : m.enis[e].security_groups) {
      carried[g] = true;
      if (target[e]) appliance[g] = true;
    }
  }
  for (Index g = 0; g < m.security_groups.size() && slot->what.empty(); ++g) {
    if (!carried[g] || appliance[g]) continue;
    SgRule r;
    r.protocol = kTcp;
    r.ports = PortRange{9999, 9999};
    r.cidr = Cidr{0, 0};
    m.security_groups[g].ingress.push_back(r);
    slot->what = "sg " + m.security_groups[g].id + ": new ingress rule tcp 9999 0.0.0.0/0";
  }
  slot->graph = std::make_unique<ForwardingGraph>(slot->model);
  return *slot;
}

void Run(benchmark::State& state, const std::string& name, bool restrict) {
  const Estate& estate = GetEstate(name);
  const Changed& changed = ChangedCopy(name);
  DiffOptions options;
  options.restrict_to_affected = restrict;
  DiffResult result;
  for (auto _ : state) {
    std::string error;
    std::optional<DiffResult> r =
        RunDiff(estate.model(), *estate.graph, changed.model, *changed.graph, options, &error);
    if (!r) {
      state.SkipWithError(error.c_str());
      return;
    }
    if (r->budget_exceeded) state.SkipWithError("a solver budget ran out");
    result = std::move(*r);
  }
  state.counters["sources"] = static_cast<double>(result.sources);
  state.counters["full_sources"] = static_cast<double>(result.full_sources);
  state.counters["solver_runs"] = static_cast<double>(result.solver_runs);
  state.counters["changes"] = static_cast<double>(result.changes.size());
  state.SetLabel(changed.what + (result.restricted ? "; restricted" : "; full"));
}

void BM_Diff(benchmark::State& state, const std::string& name) { Run(state, name, true); }
void BM_DiffFull(benchmark::State& state, const std::string& name) { Run(state, name, false); }

int Register() {
  for (const char* estate : {"lab", "region10", "region"}) {
    std::string e = estate;
    auto* b = benchmark::RegisterBenchmark(("BM_Diff/" + e).c_str(), BM_Diff, e);
    if (e == "lab") {
      b->Unit(benchmark::kMillisecond);
      benchmark::RegisterBenchmark(("BM_DiffFull/" + e).c_str(), BM_DiffFull, e)
          ->Unit(benchmark::kMillisecond);
    } else {
      b->Iterations(1)->Repetitions(3)->Unit(benchmark::kSecond);
    }
    if (e == "region10") {
      benchmark::RegisterBenchmark(("BM_DiffFull/" + e).c_str(), BM_DiffFull, e)
          ->Iterations(1)->Unit(benchmark::kSecond);
    }
  }
  return 0;
}
const int kRegistered = Register();

}  // namespace
}  // namespace vpcreach::bench
