// Issue 3's benchmarks: the symbolic solver at the workshop lab's size and at a region's.
//
// For each estate (bench_estates.h: `lab`, `region` = RegionEstate(1), `region10` = a tenth of it,
// `tgw` and `tgw10` the same with the five VPCs on a transit gateway, ENI -> ENI across it):
//   BM_Load/<estate>          LoadScenarioText: parse, validate and complete the YAML
//   BM_Trace/<estate>         one packet ENI -> ENI (another subnet, same VPC), tcp 443
//   BM_ReachEni/<estate>      Solver::Reach, the same pair: tcp, all ports, source 1024-65535
//   BM_ReachInternet/<estate> Solver::Reach, an ENI behind a NAT gateway -> `internet`, tcp
//   BM_ReachInternetAllPaths/<estate>  the same without the destination: every path, as in `matrix`
//   BM_Matrix/<estate>        ComputeMatrix(tcp, all ports, by ENI), one worker process per core
//                             (wall time); counters peak_rss_mb (this process), peak_rss_worker_mb
//   BM_MatrixSerial/<estate>  the same in this process alone
// Each estate is generated and loaded once per process (outside the timings, except BM_Load's).
// BM_Matrix/region runs one iteration; bench/run.sh runs everything (see bench/README.md).
#include <benchmark/benchmark.h>
#include <sys/resource.h>

#include <string>

#include "bench/bench_estates.h"
#include "sim/endpoint.h"
#include "sim/parallel_jobs.h"
#include "sim/query/matrix.h"
#include "sim/solver.h"
#include "sim/tracer.h"

namespace vpcreach::bench {
namespace {

// Peak resident memory of this process, or of the largest finished child (matrix workers).
double PeakRssMb(int who = RUSAGE_SELF) {
  rusage usage{};
  getrusage(who, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;  // Linux: kilobytes
}

void BM_Load(benchmark::State& state, const std::string& name) {
  std::string file_name;
  std::string text = EstateText(name, &file_name);
  for (auto _ : state) {
    LoadResult r = LoadScenarioText(file_name, text);
    if (!r.ok()) state.SkipWithError("the scenario does not load");
    benchmark::DoNotOptimize(r.model.enis.size());
  }
  state.SetLabel(std::to_string(text.size() / 1024) + " KiB of YAML");
}

void BM_Trace(benchmark::State& state, const std::string& name) {
  const Estate& estate = GetEstate(name);
  Tracer tracer(estate.model(), *estate.graph);
  Origin origin = estate.OriginOf(estate.eni_a);
  Packet packet = estate.TracePacket();
  bool delivered = false;
  for (auto _ : state) {
    TraceResult t = tracer.Trace(origin, packet);
    delivered = t.delivered;
    benchmark::DoNotOptimize(t.forward.size());
  }
  state.SetLabel(delivered ? "delivered" : "dropped");
}

// Solver::Reach as `vpcreach reach` runs it: steps recorded, and the destination given, so that
// requests on their way elsewhere are not followed (unless `all_paths`: every delivered path from
// the origin, as `matrix` needs them).
void Reach(benchmark::State& state, const Estate& estate, Index from, bool internet, bool all_paths) {
  PacketSetManager manager;
  Solver solver(estate.model(), *estate.graph);
  Origin origin = estate.OriginOf(from);
  PacketSet space = internet ? estate.EniToInternetSpace() : estate.EniToEniSpace();
  std::string error;
  Endpoint to = internet ? *ResolveEndpoint(estate.model(), "internet", &error)
                         : estate.EndpointOf(estate.eni_b);
  SolverOptions options;
  if (!all_paths) options.destination = &to;
  std::size_t paths = 0;
  bool delivered = false;
  for (auto _ : state) {
    ReachResult r = solver.Reach(origin, space, options);
    if (r.budget_exceeded) state.SkipWithError("a solver budget ran out");
    paths = r.classes.size();
    delivered = !r.Delivered().IsEmpty();
    benchmark::DoNotOptimize(paths);
  }
  state.SetLabel(std::string(delivered ? "delivered" : "nothing delivered") + ", " +
                 std::to_string(paths) + " paths");
}

void BM_ReachEni(benchmark::State& state, const std::string& name) {
  const Estate& estate = GetEstate(name);
  Reach(state, estate, estate.eni_a, /*internet=*/false, /*all_paths=*/false);
}

void BM_ReachInternet(benchmark::State& state, const std::string& name) {
  const Estate& estate = GetEstate(name);
  Reach(state, estate, estate.internet_eni, /*internet=*/true, /*all_paths=*/false);
}

void BM_ReachInternetAllPaths(benchmark::State& state, const std::string& name) {
  const Estate& estate = GetEstate(name);
  Reach(state, estate, estate.internet_eni, /*internet=*/true, /*all_paths=*/true);
}

// `workers` processes (0: one per core, as `vpcreach matrix` runs).
void Matrix(benchmark::State& state, const std::string& name, int workers) {
  const Estate& estate = GetEstate(name);
  MatrixQuery query;
  query.workers = workers;
  query.protocol = kTcp;
  query.ports = std::nullopt;
  query.src_ports = PortRange{1024, 65535};
  query.by = MatrixBy::kEni;
  MatrixResult m;
  for (auto _ : state) {
    m = ComputeMatrix(estate.model(), *estate.graph, query);
    if (m.budget_exceeded) state.SkipWithError("a solver budget ran out");
    benchmark::DoNotOptimize(m.reach.size());
  }
  std::size_t cells = 0;
  for (const auto& row : m.reach) {
    for (bool cell : row) cells += cell;
  }
  state.counters["peak_rss_mb"] = PeakRssMb();
  state.counters["peak_rss_worker_mb"] = PeakRssMb(RUSAGE_CHILDREN);
  state.counters["workers"] = workers > 0 ? workers : DefaultWorkers();
  state.counters["enis"] = static_cast<double>(m.enis);
  state.counters["eni_classes"] = static_cast<double>(m.eni_classes);
  state.counters["reachable_cells"] = static_cast<double>(cells);
}

void BM_Matrix(benchmark::State& state, const std::string& name) { Matrix(state, name, 0); }
void BM_MatrixSerial(benchmark::State& state, const std::string& name) { Matrix(state, name, 1); }

// Registered by hand so that the names read BM_Load/lab, BM_Load/region, ... for
// --benchmark_filter. The region estates load on first use, in the first benchmark that needs them.
int Register() {
  for (const char* estate : {"lab", "region10", "region", "tgw10", "tgw"}) {
    std::string e = estate;
    bool lab = e == "lab";
    auto unit = lab ? benchmark::kMicrosecond : benchmark::kMillisecond;
    benchmark::RegisterBenchmark(("BM_Load/" + e).c_str(), BM_Load, e)
        ->Unit(benchmark::kMillisecond);
    benchmark::RegisterBenchmark(("BM_Trace/" + e).c_str(), BM_Trace, e)
        ->Unit(benchmark::kMicrosecond);
    benchmark::RegisterBenchmark(("BM_ReachEni/" + e).c_str(), BM_ReachEni, e)->Unit(unit);
    benchmark::RegisterBenchmark(("BM_ReachInternet/" + e).c_str(), BM_ReachInternet, e)
        ->Unit(unit);
    benchmark::RegisterBenchmark(("BM_ReachInternetAllPaths/" + e).c_str(), BM_ReachInternetAllPaths, e)
        ->Unit(unit);
    if (e == "tgw") continue;  // its matrix: not measured (see bench/README.md)
    using Function = void (*)(benchmark::State&, const std::string&);
    for (auto [prefix, function] : {std::pair<std::string, Function>{"BM_Matrix/", BM_Matrix},
                                    std::pair<std::string, Function>{"BM_MatrixSerial/", BM_MatrixSerial}}) {
      auto* matrix = benchmark::RegisterBenchmark((prefix + e).c_str(), function, e)->UseRealTime();
      if (lab) {
        matrix->Unit(benchmark::kMillisecond);
      } else {
        matrix->Iterations(1)->Unit(benchmark::kSecond);
      }
    }
  }
  return 0;
}
const int kRegistered = Register();

}  // namespace
}  // namespace vpcreach::bench
