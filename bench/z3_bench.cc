// The reach questions of solver_bench.cc answered by a straightforward SMT encoding (z3_encoding.h)
// and Z3, to put vpcreach's solver times in proportion:
//   BM_Z3ReachEni/<estate>       ENI -> ENI over the local route (BM_ReachEni's question)
//   BM_Z3ReachInternet/<estate>  ENI -> internet through the NAT and internet gateways
//   BM_Z3EmptyContext            a fresh z3::context + solver and one check (the fixed cost)
// Each iteration builds the encoding in a fresh context and calls solver.check(): both are timed.
//
// Before timing, each question is answered by both and the answers must agree, else the process
// aborts with a message: Z3 says sat exactly when the vpcreach solver delivers some request
// (for the internet question: some request on the encoded path, delivered outside through the
// NAT gateway), and Z3's witness packet, traced by the tracer, is delivered.
#include <benchmark/benchmark.h>
#include <z3++.h>

#include <cstdio>
#include <cstdlib>
#include <set>
#include <string>

#include "bench/bench_estates.h"
#include "bench/z3_encoding.h"
#include "sim/solver.h"
#include "sim/tracer.h"

namespace vpcreach::bench {
namespace {

[[noreturn]] void Disagree(const std::string& what) {
  std::fprintf(stderr, "z3_bench: Z3 and vpcreach disagree: %s\n", what.c_str());
  std::abort();
}

void CheckAgreement(const Estate& estate, bool internet, const Z3Answer& z3) {
  static std::set<std::string>* checked = new std::set<std::string>();  // once per question
  if (!checked->insert(estate.name + (internet ? "/internet" : "/eni")).second) return;
  const Model& model = estate.model();
  PacketSetManager manager;
  Solver solver(model, *estate.graph);
  Index from = internet ? estate.internet_eni : estate.eni_a;
  Origin origin = estate.OriginOf(from);
  ReachResult r =
      solver.Reach(origin, internet ? estate.EniToInternetSpace() : estate.EniToEniSpace());
  if (r.budget_exceeded) Disagree(estate.name + ": the vpcreach solver ran out of budget");
  PacketSet delivered;
  const std::string& nat = model.nat_gateways[estate.internet_nat].id;
  for (const DeliveredClass& c : r.classes) {
    if (!internet || (c.delivery.kind == DeliveryKind::kOutside && c.Passes(nat))) {
      delivered |= c.packets;
    }
  }
  std::string question = estate.name + (internet ? " eni->internet" : " eni->eni");
  std::fprintf(stderr, "%s: Z3 %s (%zu assertions), vpcreach %s\n", question.c_str(),
               z3.sat ? "sat" : "unsat", z3.constraints,
               delivered.IsEmpty() ? "nothing delivered" : "delivered");
  if (z3.sat == delivered.IsEmpty()) {
    Disagree(question + ": Z3 says " + (z3.sat ? "sat" : "unsat") + ", vpcreach " +
             (delivered.IsEmpty() ? "delivers nothing" : "delivers"));
  }
  if (z3.sat) {
    Tracer tracer(model, *estate.graph);
    TraceResult t = tracer.Trace(origin, *z3.witness);
    bool ok = t.delivered && (!internet || t.Components().count(nat));
    std::fprintf(stderr, "  Z3 witness %s: tracer %s\n", FormatPacket(*z3.witness).c_str(),
                 ok ? "delivered" : "NOT delivered");
    if (!ok) Disagree(question + ": the tracer does not deliver Z3's witness");
    if (!delivered.Contains(*z3.witness)) {
      Disagree(question + ": Z3's witness is not in vpcreach's delivered set");
    }
  }
}

void BM_Z3ReachEni(benchmark::State& state, const std::string& name) {
  const Estate& estate = GetEstate(name);
  CheckAgreement(estate, false, Z3EniToEni(estate.model(), estate.eni_a, estate.eni_b));
  bool sat = false;
  for (auto _ : state) {
    Z3Answer a = Z3EniToEni(estate.model(), estate.eni_a, estate.eni_b);
    sat = a.sat;
    benchmark::DoNotOptimize(sat);
  }
  state.SetLabel(sat ? "sat" : "unsat");
}

void BM_Z3ReachInternet(benchmark::State& state, const std::string& name) {
  const Estate& estate = GetEstate(name);
  CheckAgreement(estate, true,
                 Z3EniToInternet(estate.model(), estate.internet_eni, estate.internet_nat));
  bool sat = false;
  for (auto _ : state) {
    Z3Answer a = Z3EniToInternet(estate.model(), estate.internet_eni, estate.internet_nat);
    sat = a.sat;
    benchmark::DoNotOptimize(sat);
  }
  state.SetLabel(sat ? "sat" : "unsat");
}

// What every Z3 iteration pays before encoding anything: a fresh context and solver, one check.
void BM_Z3EmptyContext(benchmark::State& state) {
  for (auto _ : state) {
    z3::context c;
    z3::solver s(c);
    benchmark::DoNotOptimize(s.check());
  }
}

int Register() {
  benchmark::RegisterBenchmark("BM_Z3EmptyContext", BM_Z3EmptyContext)
      ->Unit(benchmark::kMillisecond);
  for (const char* estate : {"lab", "region10", "region"}) {
    std::string e = estate;
    benchmark::RegisterBenchmark(("BM_Z3ReachEni/" + e).c_str(), BM_Z3ReachEni, e)
        ->Unit(benchmark::kMillisecond);
    benchmark::RegisterBenchmark(("BM_Z3ReachInternet/" + e).c_str(), BM_Z3ReachInternet, e)
        ->Unit(benchmark::kMillisecond);
  }
  return 0;
}
const int kRegistered = Register();

}  // namespace
}  // namespace vpcreach::bench
