// Benchmarks on the workshop lab (scenarios/sagemaker-lab.yaml):
//   BM_LoadLab        load + validate the scenario file
//   BM_TraceLabPypi   one packet notebook -> PyPI through the NAT gateway, forward and return
//   BM_TraceLabS3     one packet notebook -> S3 through the gateway endpoint
//   BM_CheckLab       every expectation of the lab, exactly (header-space enumeration)
// Inputs are the bundled scenario, so runs are reproducible; see bench/README.md for figures.
#include <benchmark/benchmark.h>

#include <string>

#include "model/scenario_loader.h"
#include "sim/endpoint.h"
#include "sim/forwarding_graph.h"
#include "sim/query/check.h"
#include "sim/tracer.h"

namespace vpcreach {
namespace {

const std::string kLab = std::string(VPCREACH_SOURCE_DIR) + "/scenarios/sagemaker-lab.yaml";

struct Lab {
  Lab() : loaded(LoadScenarioFiles({kLab})), graph(loaded.model), tracer(loaded.model, graph) {
    if (!loaded.ok()) std::abort();
  }
  Origin OriginOf(const std::string& name) const {
    std::string error;
    return ResolveEndpoint(loaded.model, name, &error)->Origins(loaded.model).front();
  }
  LoadResult loaded;
  ForwardingGraph graph;
  Tracer tracer;
};

void BM_LoadLab(benchmark::State& state) {
  for (auto _ : state) {
    LoadResult r = LoadScenarioFiles({kLab});
    benchmark::DoNotOptimize(r.model.enis.size());
  }
}
BENCHMARK(BM_LoadLab);

void TraceOne(benchmark::State& state, const char* dst) {
  Lab lab;
  Origin origin = lab.OriginOf("notebook");
  Packet p{origin.addresses.Ranges().front().lo, *ParseIpv4(dst), kTcp, 40000, 443};
  for (auto _ : state) {
    TraceResult t = lab.tracer.Trace(origin, p);
    if (!t.delivered) state.SkipWithError("the lab packet was not delivered");
    benchmark::DoNotOptimize(t.forward.size());
  }
}

void BM_TraceLabPypi(benchmark::State& state) { TraceOne(state, "151.101.0.1"); }
BENCHMARK(BM_TraceLabPypi);

void BM_TraceLabS3(benchmark::State& state) { TraceOne(state, "52.216.10.20"); }
BENCHMARK(BM_TraceLabS3);

void BM_CheckLab(benchmark::State& state) {
  Lab lab;
  for (auto _ : state) {
    CheckReport r = RunChecks(lab.loaded.model, lab.graph);
    if (r.Failed() != 0) state.SkipWithError("a lab expectation failed");
    benchmark::DoNotOptimize(r.results.size());
  }
}
BENCHMARK(BM_CheckLab)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace vpcreach
