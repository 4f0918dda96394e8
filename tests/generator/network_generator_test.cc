// The generator's invariant: every scenario it writes loads with zero diagnostics, and the same
// options give the same text.
#include "tests/generator/network_generator.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "model/scenario_loader.h"

namespace vpcreach::testing {
namespace {

TEST(NetworkGeneratorTest, SmallRandomNetworksLoadWithoutDiagnostics) {
  // Every scenario loads cleanly, and over the seeds the preset reaches each feature the
  // differential test relies on.
  int overlapping = 0, nat_in_private = 0, no_vpc_notebook = 0, interface = 0, blackhole = 0,
      public_ip = 0, no_check = 0, deny = 0, encrypted = 0, restricted = 0, outbound_only = 0,
      no_outbound = 0, secondary = 0, appliance = 0, tgw_peering = 0, private_nat = 0;
  for (std::uint64_t seed = 1; seed <= 300; ++seed) {
    std::string yaml = GenerateScenario(SmallRandomNetwork(seed));
    LoadResult loaded = LoadScenarioText("generated.yaml", yaml);
    ASSERT_TRUE(loaded.ok()) << "seed " << seed << ":\n"
                             << loaded.diagnostics.Format() << "\n"
                             << yaml;
    const Model& m = loaded.model;
    ASSERT_EQ(m.CheckInvariants(), "") << "seed " << seed << ":\n" << yaml;
    for (size_t a = 0; a < m.vpcs.size(); ++a) {
      for (size_t b = a + 1; b < m.vpcs.size(); ++b) {
        overlapping += m.vpcs[a].cidrs[0].Overlaps(m.vpcs[b].cidrs[0]);
      }
    }
    for (const NatGateway& n : m.nat_gateways) {
      const RouteTable& t = m.route_tables[m.subnets[n.subnet].route_table];
      bool to_igw = false;
      for (const Route& r : t.routes) to_igw |= r.target == RouteTarget::kInternetGateway;
      nat_in_private += !to_igw;
    }
    for (const NotebookInstance& n : m.notebooks) no_vpc_notebook += n.subnet == kNone;
    for (const VpcEndpoint& v : m.vpc_endpoints) interface += v.type == EndpointType::kInterface;
    for (const RouteTable& t : m.route_tables) {
      for (const Route& r : t.routes) blackhole += r.target == RouteTarget::kBlackhole;
    }
    for (const Eni& e : m.enis) {
      public_ip += e.public_ip.has_value();
      no_check += !e.source_dest_check;
    }
    for (const NetworkAcl& a : m.network_acls) {
      for (const NaclRule& r : a.ingress) deny += !r.allow;
    }
    for (const TrainingJob& j : m.training_jobs) encrypted += j.inter_container_encryption;
    for (const Workload& w : m.workloads) {
      restricted += w.serves && !w.serves->empty();
      outbound_only += w.serves && w.serves->empty();
      no_outbound += !w.opens_connections;
    }
    for (const Eni& e : m.enis) secondary += !e.secondary_ips.empty();
    for (const TransitGatewayAttachment& a : m.transit_gateway_attachments) {
      appliance += a.appliance_mode && a.subnets.size() > 1;
      tgw_peering += a.IsPeering();
    }
    for (const NatGateway& n : m.nat_gateways) private_nat += n.is_private;
  }
  EXPECT_GT(overlapping, 10);
  EXPECT_GT(nat_in_private, 5);
  EXPECT_GT(no_vpc_notebook, 5);
  EXPECT_GT(interface, 10);
  EXPECT_GT(blackhole, 10);
  EXPECT_GT(public_ip, 100);
  EXPECT_GT(no_check, 100);
  EXPECT_GT(deny, 50);
  EXPECT_GT(encrypted, 50);
  // Workloads that answer only some ports, none (outbound only), or open nothing; interfaces
  // with secondary addresses.
  EXPECT_GT(restricted, 100);
  EXPECT_GT(outbound_only, 30);
  EXPECT_GT(no_outbound, 30);
  EXPECT_GT(secondary, 30);
  // Appliance mode with a zone to choose, transit gateway peerings, private NAT gateways.
  EXPECT_GT(appliance, 20);
  EXPECT_GT(tgw_peering, 20);
  EXPECT_GT(private_nat, 20);
}

TEST(NetworkGeneratorTest, TransitRegionEstateAttachesEveryVpc) {
  GeneratorOptions o = TransitRegionEstate(1);
  o.min_subnets_per_vpc = o.subnets_per_vpc = 20;  // the benchmark's tgw10
  o.enis = 500;
  o.security_groups = 250;
  LoadResult loaded = LoadScenarioText("tgw10.yaml", GenerateScenario(o));
  ASSERT_TRUE(loaded.ok()) << loaded.diagnostics.Format();
  const Model& m = loaded.model;
  EXPECT_EQ(m.CheckInvariants(), "");
  ASSERT_EQ(m.transit_gateways.size(), 1u);
  EXPECT_EQ(m.transit_gateway_attachments.size(), 5u);
  EXPECT_NE(m.transit_gateways[0].default_route_table, kNone);
}

TEST(NetworkGeneratorTest, SameSeedSameText) {
  EXPECT_EQ(GenerateScenario(SmallRandomNetwork(42)), GenerateScenario(SmallRandomNetwork(42)));
  EXPECT_NE(GenerateScenario(SmallRandomNetwork(42)), GenerateScenario(SmallRandomNetwork(43)));
}

TEST(NetworkGeneratorTest, RegionEstateLoadsWithoutDiagnostics) {
  std::string yaml = GenerateScenario(RegionEstate(1));
  LoadResult loaded = LoadScenarioText("region.yaml", yaml);
  ASSERT_TRUE(loaded.ok()) << loaded.diagnostics.Format();
  const Model& m = loaded.model;
  EXPECT_EQ(m.CheckInvariants(), "");
  EXPECT_EQ(m.vpcs.size(), 5u);
  EXPECT_EQ(m.subnets.size(), 1000u);
  EXPECT_GE(m.enis.size(), 5000u);
  EXPECT_GE(m.security_groups.size(), 2500u);
  EXPECT_EQ(m.nat_gateways.size(), 5u);
  size_t most_rules = 0, most_routes = 0;
  for (const SecurityGroup& g : m.security_groups) {
    most_rules = std::max({most_rules, g.ingress.size(), g.egress.size()});
  }
  for (const RouteTable& t : m.route_tables) most_routes = std::max(most_routes, t.routes.size());
  EXPECT_LE(most_rules, 60u);
  EXPECT_GE(most_rules, 55u);
  EXPECT_GE(most_routes, 50u);
}

}  // namespace
}  // namespace vpcreach::testing
