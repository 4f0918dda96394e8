// The workload estate behind bench/workload_bench.cc: it loads with zero diagnostics, holds the
// shapes it promises, and its proxied question gets the answer the header promises, the tracer
// and the solver agreeing packet by packet. So the benchmarks cannot go on timing a generator
// that rotted into an estate of errors or of empty answers.
#include "tests/generator/workload_estate.h"

#include <gtest/gtest.h>

#include <optional>
#include <set>
#include <string>

#include "model/scenario_loader.h"
#include "sim/endpoint.h"
#include "sim/forwarding_graph.h"
#include "sim/hops/load_balancer.h"
#include "sim/query/check.h"
#include "sim/solver.h"
#include "sim/tracer.h"

namespace vpcreach::testing {
namespace {

Index WorkloadNamed(const Model& model, const std::string& id) {
  for (Index w = 0; w < model.workloads.size(); ++w) {
    if (model.workloads[w].id == id) return w;
  }
  return kNone;
}

Endpoint Resolve(const Model& model, const std::string& name) {
  std::string error;
  std::optional<Endpoint> e = ResolveEndpoint(model, name, &error);
  EXPECT_TRUE(e.has_value()) << name << ": " << error;
  return e.value_or(Endpoint{});
}

TEST(WorkloadEstateTest, TheTenthLoadsWithoutDiagnosticsAndHoldsEveryShape) {
  std::string yaml = GenerateWorkloadEstate(WorkloadRegion10(1));
  EXPECT_EQ(yaml, GenerateWorkloadEstate(WorkloadRegion10(1)));
  EXPECT_NE(yaml, GenerateWorkloadEstate(WorkloadRegion10(2)));
  LoadResult loaded = LoadScenarioText("workloads10.yaml", yaml);
  ASSERT_TRUE(loaded.diagnostics.Empty()) << loaded.diagnostics.Format();
  const Model& m = loaded.model;
  ASSERT_EQ(m.CheckInvariants(), "");
  EXPECT_EQ(m.enis.size(), 498u);
  int internet_facing = 0, internal = 0, application = 0, network = 0, groups = 0, instances = 0,
      clusters = 0, forwarding = 0;
  for (const Workload& w : m.workloads) {
    switch (w.kind) {
      case WorkloadKind::kLoadBalancer:
        (w.internet_facing ? internet_facing : internal) += 1;
        (*w.load_balancer_type == LoadBalancerType::kNetwork ? network : application) += 1;
        for (const LoadBalancerListener& l : w.listeners) forwarding += !l.target_groups.empty();
        break;
      case WorkloadKind::kAutoScalingGroup:
        ++groups;
        EXPECT_GE(w.enis.size(), 2u) << w.id;
        break;
      case WorkloadKind::kRdsInstance: ++instances; break;
      case WorkloadKind::kRdsCluster: ++clusters; break;
      default: break;
    }
  }
  EXPECT_EQ(internet_facing + internal, 40);
  EXPECT_GT(internet_facing, 10);
  EXPECT_GT(internal, 10);
  EXPECT_GT(application, 10);
  EXPECT_GT(network, 5);
  EXPECT_EQ(groups, 40);
  EXPECT_GT(instances, 5);
  EXPECT_GT(clusters, 5);
  EXPECT_GE(forwarding, 40);
  EXPECT_EQ(m.target_groups.size(), 40u);
}

TEST(WorkloadEstateTest, TheFullSizeLoadsWithoutDiagnosticsAtTheRegionsSize) {
  LoadResult loaded = LoadScenarioText("workloads.yaml", GenerateWorkloadEstate(WorkloadRegion(1)));
  ASSERT_TRUE(loaded.diagnostics.Empty()) << loaded.diagnostics.Format();
  EXPECT_EQ(loaded.model.enis.size(), 4960u);  // the `region` estate has 5,047
  EXPECT_EQ(loaded.model.workloads.size(), 1156u);
}

// The benchmarks' questions, on the tenth: the internet reaches the first internet-facing
// application's Auto Scaling group through its balancer only, and the tracer and the solver agree
// on every sampled request; its database answers its instances on its port and nothing from the
// internet at all.
TEST(WorkloadEstateTest, TheProxiedQuestionIsAnsweredAndTheTracerAgrees) {
  LoadResult loaded = LoadScenarioText("workloads10.yaml", GenerateWorkloadEstate(WorkloadRegion10(1)));
  ASSERT_TRUE(loaded.ok()) << loaded.diagnostics.Format();
  const Model& m = loaded.model;
  ForwardingGraph graph(m);
  PacketSetManager manager;
  Tracer tracer(m, graph);
  Solver solver(m, graph);
  // The first internet-facing balancer with a database behind its application (v0-app0, a
  // network load balancer with TLS 443 and TCP 8443 listeners, for seed 1).
  Index lb = kNone;
  for (Index w = 0; w < m.workloads.size() && lb == kNone; ++w) {
    const Workload& x = m.workloads[w];
    if (x.kind == WorkloadKind::kLoadBalancer && x.internet_facing &&
        WorkloadNamed(m, x.id.substr(0, x.id.size() - 3) + "-db") != kNone) {
      lb = w;
    }
  }
  ASSERT_NE(lb, kNone);
  const Workload& balancer = m.workloads[lb];
  const std::string app = balancer.id.substr(0, balancer.id.size() - 3);
  Endpoint internet = Resolve(m, "internet");
  Endpoint web = Resolve(m, app + "-web");
  Origin from = internet.Origins(m).front();
  IpRangeSet destinations = web.addresses;
  destinations.Add(ProxyAddresses(m, web));
  SolverOptions options;
  options.destination = &web;
  ReachResult r = solver.Reach(
      from, QuerySpace(from, destinations, kTcp, std::nullopt, PortRange{1024, 65535}), options);
  ASSERT_FALSE(r.budget_exceeded);
  PacketSet reached;
  for (const DeliveredClass& c : r.classes) reached |= solver.DeliveredTo(c, web);
  std::set<Index> web_enis(m.workloads[WorkloadNamed(m, app + "-web")].enis.begin(),
                           m.workloads[WorkloadNamed(m, app + "-web")].enis.end());
  // Sources: anywhere, and the first address each deny rule of the balancers' NACL blocks.
  std::vector<Ipv4> sources = {0x01000001u, 0x08080808u, 0xcb007101u /* 203.0.113.1 */};
  const NetworkAcl& acl =
      m.network_acls[m.subnets[m.enis[balancer.enis.front()].subnet].network_acl];
  for (const NaclRule& rule : acl.ingress) {
    if (!rule.allow && sources.size() < 8) sources.push_back(rule.cidr.base + 1);
  }
  int through = 0, refused = 0;
  for (Index e : balancer.enis) {
    ASSERT_TRUE(m.enis[e].public_ip.has_value());
    for (Ipv4 src : sources) {
      for (int dport : {443, 8443, 80, 8080, 22}) {
        for (int sport : {1024, 40000, 65535}) {
          Packet p{src, *m.enis[e].public_ip, kTcp, static_cast<std::uint16_t>(sport),
                   static_cast<std::uint16_t>(dport)};
          TraceResult t = tracer.Trace(from, p);
          bool traced = false;
          for (const ProxiedLeg& leg : t.backends) {
            traced |= t.delivered && leg.result.delivered &&
                      leg.result.delivery.kind == DeliveryKind::kEni &&
                      web_enis.count(leg.result.delivery.index) > 0;
          }
          EXPECT_EQ(reached.Contains(p), traced)
              << FormatIpv4(src) << ":" << sport << " -> " << p.dst.ToString() << ":" << dport;
          (traced ? through : refused) += 1;
        }
      }
    }
  }
  EXPECT_GT(through, 0);
  EXPECT_GT(refused, 0);
  // Nothing reaches the instances' own addresses from the internet: every delivered request
  // went to a balancer.
  for (const DeliveredClass& c : r.classes) {
    PacketSet mine = solver.DeliveredTo(c, web);
    if (mine.IsEmpty()) continue;
    EXPECT_TRUE(c.Passes(balancer.id));
    EXPECT_TRUE((mine & PacketSet::Addresses(Field::kDst, web.addresses)).IsEmpty());
  }

  // The database: its instances reach it on its port only; the internet not at all.
  Endpoint db = Resolve(m, app + "-db");
  Endpoint web0 = Resolve(m, app + "-web[0]");
  Origin instance = web0.Origins(m).front();
  SolverOptions to_db;
  to_db.destination = &db;
  ReachResult from_app = solver.Reach(
      instance, QuerySpace(instance, db.addresses, kTcp, std::nullopt, PortRange{1024, 65535}),
      to_db);
  PacketSet app_reached;
  for (const DeliveredClass& c : from_app.classes) app_reached |= solver.DeliveredTo(c, db);
  std::vector<FieldRange> ports = app_reached.Values(Field::kDstPort);
  ASSERT_EQ(ports.size(), 1u);
  EXPECT_EQ(ports[0].lo, ports[0].hi);
  const Ipv4 db_address = m.enis[m.workloads[WorkloadNamed(m, app + "-db")].enis.front()].private_ip;
  const Ipv4 app_address = m.enis[web0.enis.front()].private_ip;
  EXPECT_TRUE(tracer
                  .Trace(instance, Packet{app_address, db_address, kTcp, 40000,
                                          static_cast<std::uint16_t>(ports[0].lo)})
                  .delivered);
  EXPECT_FALSE(tracer.Trace(instance, Packet{app_address, db_address, kTcp, 40000, 22}).delivered);
  ReachResult from_internet = solver.Reach(
      from, QuerySpace(from, db.addresses, kAllProtocols, std::nullopt, PortRange{1024, 65535}),
      to_db);
  for (const DeliveredClass& c : from_internet.classes) {
    EXPECT_TRUE(solver.DeliveredTo(c, db).IsEmpty());
  }
}

}  // namespace
}  // namespace vpcreach::testing
