// Issue 11's benchmarks: questions about workloads (load balancers in front of Auto Scaling
// groups, databases) at a region's scale.
//
// Two estates (tests/generator/workload_estate.h, seed 1): `workloads` (WorkloadRegion: 4,960
// interfaces, as many as the `region` estate's 5,047) and `workloads10` (WorkloadRegion10, a
// tenth). Each is generated and loaded once per process, outside the timings (except BM_Load's).
// The questions are chosen when the estate loads (stderr line `estate ...`): the first
// application `V-appN` whose balancer `V-appN-lb` is internet-facing, that has a database
// `V-appN-db`, and whose https request from the internet the tracer delivers through the
// balancer to an instance of `V-appN-web` (the backend leg delivered too).
//   BM_Load/<E>              LoadScenarioText: parse, validate and complete the YAML
//   BM_TraceLbTarget/<E>     one packet internet -> the balancer's first public address, tcp 443,
//                            with the backend legs to every instance of the group (the tracer)
//   BM_ReachLbTarget/<E>     Solver::Reach as `vpcreach reach --from internet --to V-appN-web`
//                            runs it: tcp, all ports, source ports 1024-65535, to the group's
//                            addresses and those of the balancers in front of it (the proxy)
//   BM_ReachDbInternet/<E>   the same to `V-appN-db` for every protocol (`--protocol all`):
//                            nothing is delivered, a proof over the whole space
//   BM_ReachAppDb/<E>        `V-appN-web[0]` -> `V-appN-db`, tcp, all ports (delivered on the
//                            database's port only)
//   BM_MatrixByWorkload/<E>  ComputeMatrix(tcp, all ports, by workload) as `vpcreach matrix
//                            --by workload` runs it, one worker process per core, wall time;
//                            counters: cpu_s_all (this process and its workers), peak memory
// bench/run.sh runs them (the full estate's matrix in its own process, under a timeout).
#include <benchmark/benchmark.h>
#include <sys/resource.h>

#include <cstdio>
#include <cstdlib>
#include <map>
#include <memory>
#include <string>

#include "model/scenario_loader.h"
#include "sim/endpoint.h"
#include "sim/forwarding_graph.h"
#include "sim/hops/load_balancer.h"
#include "sim/parallel_jobs.h"
#include "sim/query/check.h"
#include "sim/query/matrix.h"
#include "sim/solver.h"
#include "sim/tracer.h"
#include "tests/generator/workload_estate.h"

namespace vpcreach::bench {
namespace {

[[noreturn]] void Die(const std::string& message) {
  std::fprintf(stderr, "bench: %s\n", message.c_str());
  std::abort();
}

struct WorkloadEstate {
  std::string name;
  std::string text;
  LoadResult loaded;
  std::unique_ptr<ForwardingGraph> graph;
  std::string app;  // "v0-app1": the application the questions are about
  Endpoint internet, web, web0, db;

  const Model& model() const { return loaded.model; }
};

std::string EstateText(const std::string& name) {
  if (name == "workloads") return testing::GenerateWorkloadEstate(testing::WorkloadRegion(1));
  if (name == "workloads10") return testing::GenerateWorkloadEstate(testing::WorkloadRegion10(1));
  Die("unknown estate " + name);
}

Endpoint Resolve(const Model& model, const std::string& name) {
  std::string error;
  std::optional<Endpoint> e = ResolveEndpoint(model, name, &error);
  if (!e) Die(name + ": " + error);
  return *e;
}

Index WorkloadNamed(const Model& model, const std::string& id) {
  for (Index w = 0; w < model.workloads.size(); ++w) {
    if (model.workloads[w].id == id) return w;
  }
  return kNone;
}

// The first internet-facing balancer of an application with a database whose https request the
// tracer takes through to the Auto Scaling group (see the header).
void ChooseApplication(WorkloadEstate* estate) {
  const Model& m = estate->model();
  Tracer tracer(m, *estate->graph);
  Origin internet = estate->internet.Origins(m).front();
  for (const Workload& lb : m.workloads) {
    if (lb.kind != WorkloadKind::kLoadBalancer || !lb.internet_facing || lb.enis.empty()) continue;
    std::string app = lb.id.substr(0, lb.id.size() - 3);  // less "-lb"
    if (WorkloadNamed(m, app + "-db") == kNone) continue;
    const Eni& front = m.enis[lb.enis.front()];
    if (!front.public_ip) continue;
    Packet p{0x01000001u /* 1.0.0.1 */, *front.public_ip, kTcp, 40000, 443};
    TraceResult t = tracer.Trace(internet, p);
    bool through = t.delivered && !t.backends.empty();
    for (const ProxiedLeg& leg : t.backends) through &= leg.result.delivered;
    if (!through) continue;
    estate->app = app;
    return;
  }
  Die(estate->name + ": no internet-facing balancer that the tracer passes");
}

std::unique_ptr<WorkloadEstate> Load(const std::string& name) {
  auto estate = std::make_unique<WorkloadEstate>();
  estate->name = name;
  estate->text = EstateText(name);
  estate->loaded = LoadScenarioText(name + ".yaml", estate->text);
  if (!estate->loaded.ok()) Die(name + ": the scenario does not load");
  estate->graph = std::make_unique<ForwardingGraph>(estate->loaded.model);
  const Model& m = estate->model();
  estate->internet = Resolve(m, "internet");
  ChooseApplication(estate.get());
  estate->web = Resolve(m, estate->app + "-web");
  estate->web0 = Resolve(m, estate->app + "-web[0]");
  estate->db = Resolve(m, estate->app + "-db");
  std::fprintf(stderr,
               "estate %s: %zu vpcs, %zu subnets, %zu enis, %zu groups, %zu workloads, %zu target "
               "groups; application %s\n",
               name.c_str(), m.vpcs.size(), m.subnets.size(), m.enis.size(),
               m.security_groups.size(), m.workloads.size(), m.target_groups.size(),
               estate->app.c_str());
  return estate;
}

const WorkloadEstate& GetEstate(const std::string& name) {
  static auto* estates = new std::map<std::string, std::unique_ptr<WorkloadEstate>>();  // never freed
  auto it = estates->find(name);
  if (it == estates->end()) it = estates->emplace(name, Load(name)).first;
  return *it->second;
}

double CpuSeconds(int who) {
  rusage usage{};
  getrusage(who, &usage);
  return static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
         static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) * 1e-6;
}

double PeakRssMb(int who) {
  rusage usage{};
  getrusage(who, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;  // Linux: kilobytes
}

void BM_Load(benchmark::State& state, const std::string& name) {
  std::string text = EstateText(name);
  for (auto _ : state) {
    LoadResult r = LoadScenarioText(name + ".yaml", text);
    if (!r.ok()) state.SkipWithError("the scenario does not load");
    benchmark::DoNotOptimize(r.model.enis.size());
  }
  state.SetLabel(std::to_string(text.size() / 1024) + " KiB of YAML");
}

void BM_TraceLbTarget(benchmark::State& state, const std::string& name) {
  const WorkloadEstate& estate = GetEstate(name);
  const Model& m = estate.model();
  Tracer tracer(m, *estate.graph);
  Origin internet = estate.internet.Origins(m).front();
  const Workload& lb = m.workloads[WorkloadNamed(m, estate.app + "-lb")];
  Packet p{0x01000001u, *m.enis[lb.enis.front()].public_ip, kTcp, 40000, 443};
  std::size_t delivered = 0, legs = 0;
  for (auto _ : state) {
    TraceResult t = tracer.Trace(internet, p);
    legs = t.backends.size();
    delivered = 0;
    for (const ProxiedLeg& leg : t.backends) delivered += leg.result.delivered;
    benchmark::DoNotOptimize(t.forward.size());
  }
  state.SetLabel(std::to_string(delivered) + " of " + std::to_string(legs) +
                 " backend legs delivered");
}

// Solver::Reach as `vpcreach reach` runs it (sim/query/reach.cc): the destination given, its
// addresses and those of the balancers in front of it asked. Only Reach is timed; the label says
// how many paths end at the destination and which destination ports they carry.
void Reach(benchmark::State& state, const WorkloadEstate& estate, const Endpoint& from,
           const Endpoint& to, int protocol) {
  const Model& m = estate.model();
  PacketSetManager manager;
  PacketSetManager::ClearBudgetExceeded();
  Solver solver(m, *estate.graph);
  Origin origin = from.Origins(m).front();
  IpRangeSet destinations = to.addresses;
  destinations.Add(ProxyAddresses(m, to));
  PacketSet asked = QuerySpace(origin, destinations, protocol, std::nullopt, PortRange{1024, 65535});
  SolverOptions options;
  options.destination = &to;
  options.deliver_to_subnet_hosts = to.AcceptsSubnetHosts();
  ReachResult r;
  for (auto _ : state) {
    r = solver.Reach(origin, asked, options);
    if (r.budget_exceeded || PacketSetManager::BudgetExceeded()) {
      state.SkipWithError("a solver budget ran out");
    }
    benchmark::DoNotOptimize(r.classes.size());
  }
  PacketSet delivered;
  std::size_t paths = 0;
  for (const DeliveredClass& c : r.classes) {
    PacketSet mine = solver.DeliveredTo(c, to);
    if (mine.IsEmpty()) continue;
    ++paths;
    delivered |= c.arriving.Image(mine).value_or(mine);
  }
  std::string label;
  if (paths == 0) {
    label.append("nothing delivered, ").append(std::to_string(r.classes.size())).append(" classes");
  } else {
    label.append(std::to_string(paths)).append(" paths delivered, arriving on port ");
    bool first = true;
    for (const FieldRange& p : delivered.Values(Field::kDstPort)) {
      if (!first) label.append(",");
      first = false;
      label.append(std::to_string(static_cast<std::uint64_t>(p.lo)));
      if (p.hi != p.lo) label.append("-").append(std::to_string(static_cast<std::uint64_t>(p.hi)));
    }
  }
  state.SetLabel(label);
}

void BM_ReachLbTarget(benchmark::State& state, const std::string& name) {
  const WorkloadEstate& e = GetEstate(name);
  Reach(state, e, e.internet, e.web, kTcp);
}

void BM_ReachDbInternet(benchmark::State& state, const std::string& name) {
  const WorkloadEstate& e = GetEstate(name);
  Reach(state, e, e.internet, e.db, kAllProtocols);
}

void BM_ReachAppDb(benchmark::State& state, const std::string& name) {
  const WorkloadEstate& e = GetEstate(name);
  Reach(state, e, e.web0, e.db, kTcp);
}

void BM_MatrixByWorkload(benchmark::State& state, const std::string& name) {
  const WorkloadEstate& estate = GetEstate(name);
  MatrixQuery query;
  query.protocol = kTcp;
  query.ports = std::nullopt;
  query.src_ports = PortRange{1024, 65535};
  query.by = MatrixBy::kWorkload;
  MatrixResult m;
  double cpu = 0;
  for (auto _ : state) {
    double before = CpuSeconds(RUSAGE_SELF) + CpuSeconds(RUSAGE_CHILDREN);
    m = ComputeMatrix(estate.model(), *estate.graph, query);
    cpu += CpuSeconds(RUSAGE_SELF) + CpuSeconds(RUSAGE_CHILDREN) - before;
    if (m.budget_exceeded) state.SkipWithError("a solver budget ran out");
    benchmark::DoNotOptimize(m.reach.size());
  }
  std::size_t cells = 0;
  for (const auto& row : m.reach) {
    for (bool cell : row) cells += cell;
  }
  state.counters["cpu_s_all"] = cpu / static_cast<double>(state.iterations());
  state.counters["peak_rss_mb"] = PeakRssMb(RUSAGE_SELF);
  state.counters["peak_rss_worker_mb"] = PeakRssMb(RUSAGE_CHILDREN);
  state.counters["workers"] = DefaultWorkers();
  state.counters["labels"] = static_cast<double>(m.labels.size());
  state.counters["eni_classes"] = static_cast<double>(m.eni_classes);
  state.counters["reachable_cells"] = static_cast<double>(cells);
}

int Register() {
  for (const char* estate : {"workloads10", "workloads"}) {
    std::string e = estate;
    benchmark::RegisterBenchmark(("BM_Load/" + e).c_str(), BM_Load, e)
        ->Unit(benchmark::kMillisecond);
    benchmark::RegisterBenchmark(("BM_TraceLbTarget/" + e).c_str(), BM_TraceLbTarget, e)
        ->Unit(benchmark::kMicrosecond);
    benchmark::RegisterBenchmark(("BM_ReachLbTarget/" + e).c_str(), BM_ReachLbTarget, e)
        ->Unit(benchmark::kMillisecond);
    benchmark::RegisterBenchmark(("BM_ReachDbInternet/" + e).c_str(), BM_ReachDbInternet, e)
        ->Unit(benchmark::kMicrosecond);
    benchmark::RegisterBenchmark(("BM_ReachAppDb/" + e).c_str(), BM_ReachAppDb, e)
        ->Unit(benchmark::kMicrosecond);
    benchmark::RegisterBenchmark(("BM_MatrixByWorkload/" + e).c_str(), BM_MatrixByWorkload, e)
        ->UseRealTime()
        ->Iterations(1)
        ->Unit(benchmark::kSecond);
  }
  return 0;
}
const int kRegistered = Register();

}  // namespace
}  // namespace vpcreach::bench
