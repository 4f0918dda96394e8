// Terraform's connections between networks (peering, transit gateways, Site-to-Site VPN) and
// aws_default_subnet, mapped to the model the native format and CloudFormation build. Each
// fixture (tests/fixtures/terraform/*-state.json) comes with a scenario whose expectations state
// the reachability answers, both what is delivered and what is proved not to be.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "model/scenario_loader.h"
#include "sim/forwarding_graph.h"
#include "sim/query/check.h"

namespace vpcreach {
namespace {

const std::string kDir = VPCREACH_SOURCE_DIR "/tests/fixtures/terraform/";

// Loads `scenario` and checks that each of its `count` expectations holds; returns the load (a
// proof, for the unreachable ones: nothing in these fixtures voids one).
LoadResult ExpectAllHold(const std::string& scenario, size_t count) {
  LoadResult loaded = LoadScenarioFiles({kDir + scenario});
  EXPECT_TRUE(loaded.ok()) << loaded.diagnostics.Format();
  if (!loaded.ok()) return loaded;
  EXPECT_EQ(loaded.model.Unfollowed(), std::vector<std::string>{});
  ForwardingGraph graph(loaded.model);
  CheckReport report = RunChecks(loaded.model, graph);
  EXPECT_EQ(report.results.size(), count);
  for (const ExpectationResult& r : report.results) {
    EXPECT_TRUE(r.passed) << r.expectation->name << ": " << r.detail;
  }
  return loaded;
}

template <class T>
const T& Named(const std::vector<T>& items, const std::string& id) {
  for (const T& item : items) {
    if (item.id == id) return item;
  }
  ADD_FAILURE() << "no " << id;
  static const T kNothing{};
  return kNothing;
}

LoadResult LoadState(const std::string& resources) {
  return LoadScenarioText("plan.json", R"({"format_version": "1.0", "values": {"root_module":
  {"resources": [)" + resources + "]}}}");
}

TEST(TerraformConnectionsTest, HubAndSpokeOnATransitGatewayKeepsTheSpokesApart) {
  LoadResult loaded = ExpectAllHold("tgw-hub-spoke.yaml", 5);
  ASSERT_TRUE(loaded.ok());
  const Model& m = loaded.model;
  ASSERT_EQ(m.transit_gateways.size(), 1u);
  EXPECT_EQ(m.transit_gateways[0].id, "aws_ec2_transit_gateway.tgw");
  const TransitGatewayAttachment& spoke =
      Named(m.transit_gateway_attachments, "aws_ec2_transit_gateway_vpc_attachment.spoke_a");
  EXPECT_EQ(m.transit_gateway_route_tables[spoke.route_table].id,
            "aws_ec2_transit_gateway_route_table.spokes");
  ASSERT_EQ(spoke.propagates_to.size(), 1u);
  EXPECT_EQ(m.transit_gateway_route_tables[spoke.propagates_to[0]].id,
            "aws_ec2_transit_gateway_route_table.hub");
}

// With the gateway's defaults on, an attachment takes the default table unless it opts out; a
// static route written to the default table (by the gateway's association_default_route_table_id)
// lands there.
TEST(TerraformConnectionsTest, AttachmentsTakeTheDefaultTableUnlessTheyOptOut) {
  LoadResult loaded = LoadState(R"(
    {"address": "aws_vpc.a", "mode": "managed", "type": "aws_vpc", "name": "a",
     "values": {"id": "vpc-a", "cidr_block": "10.1.0.0/16"}},
    {"address": "aws_vpc.b", "mode": "managed", "type": "aws_vpc", "name": "b",
     "values": {"id": "vpc-b", "cidr_block": "10.2.0.0/16"}},
    {"address": "aws_subnet.a", "mode": "managed", "type": "aws_subnet", "name": "a",
     "values": {"id": "subnet-a", "vpc_id": "vpc-a", "cidr_block": "10.1.0.0/24",
                "availability_zone": "us-east-1a"}},
    {"address": "aws_subnet.b", "mode": "managed", "type": "aws_subnet", "name": "b",
     "values": {"id": "subnet-b", "vpc_id": "vpc-b", "cidr_block": "10.2.0.0/24",
                "availability_zone": "us-east-1a"}},
    {"address": "aws_ec2_transit_gateway.t", "mode": "managed", "type": "aws_ec2_transit_gateway",
     "name": "t", "values": {"id": "tgw-1", "association_default_route_table_id": "tgw-rtb-d",
                            "propagation_default_route_table_id": "tgw-rtb-d"}},
    {"address": "aws_ec2_transit_gateway_vpc_attachment.a", "mode": "managed",
     "type": "aws_ec2_transit_gateway_vpc_attachment", "name": "a",
     "values": {"id": "tgw-attach-a", "transit_gateway_id": "tgw-1", "vpc_id": "vpc-a",
                "subnet_ids": ["subnet-a"]}},
    {"address": "aws_ec2_transit_gateway_vpc_attachment.b", "mode": "managed",
     "type": "aws_ec2_transit_gateway_vpc_attachment", "name": "b",
     "values": {"id": "tgw-attach-b", "transit_gateway_id": "tgw-1", "vpc_id": "vpc-b",
                "subnet_ids": ["subnet-b"],
                "transit_gateway_default_route_table_association": false,
                "transit_gateway_default_route_table_propagation": false}},
    {"address": "aws_ec2_transit_gateway_route.sink", "mode": "managed",
     "type": "aws_ec2_transit_gateway_route", "name": "sink",
     "values": {"destination_cidr_block": "10.9.0.0/16", "blackhole": true,
                "transit_gateway_route_table_id": "tgw-rtb-d"}})");
  ASSERT_TRUE(loaded.ok()) << loaded.diagnostics.Format();
  const Model& m = loaded.model;
  const TransitGatewayRouteTable& d =
      Named(m.transit_gateway_route_tables, "aws_ec2_transit_gateway.t-default");
  const TransitGatewayAttachment& a =
      Named(m.transit_gateway_attachments, "aws_ec2_transit_gateway_vpc_attachment.a");
  const TransitGatewayAttachment& b =
      Named(m.transit_gateway_attachments, "aws_ec2_transit_gateway_vpc_attachment.b");
  ASSERT_NE(a.route_table, kNone);
  EXPECT_EQ(m.transit_gateway_route_tables[a.route_table].id, d.id);
  ASSERT_EQ(a.propagates_to.size(), 1u);
  EXPECT_EQ(m.transit_gateway_route_tables[a.propagates_to[0]].id, d.id);
  EXPECT_EQ(b.route_table, kNone);
  EXPECT_TRUE(b.propagates_to.empty());
  bool sink = false;
  for (const TransitGatewayRoute& r : d.routes) {
    sink |= r.destination.ToString() == "10.9.0.0/16" && r.blackhole;
  }
  EXPECT_TRUE(sink);
}

TEST(TerraformConnectionsTest, PeeringCarriesOnceAcceptedAndNeverTransits) {
  LoadResult loaded = ExpectAllHold("peering.yaml", 4);
  ASSERT_TRUE(loaded.ok());
  const Model& m = loaded.model;
  ASSERT_EQ(m.peering_connections.size(), 1u);
  EXPECT_EQ(m.peering_connections[0].id, "aws_vpc_peering_connection.ab");
  // The route of b to c's block names the pending connection: a blackhole, as AWS shows it.
  const RouteTable& b = Named(m.route_tables, "aws_route_table.b");
  bool blackhole = false;
  for (const Route& r : b.routes) {
    if (r.destination_cidr && r.destination_cidr->ToString() == "10.3.0.0/16") {
      blackhole = r.target == RouteTarget::kBlackhole;
    }
  }
  EXPECT_TRUE(blackhole);
  const IgnoredResource& pending = Named(m.ignored_resources, "aws_vpc_peering_connection.bc");
  EXPECT_EQ(pending.reason,
            "not accepted (no auto_accept, and no aws_vpc_peering_connection_accepter with "
            "auto_accept names it): a pending connection carries nothing");
  EXPECT_FALSE(pending.shapes_reachability);
}

TEST(TerraformConnectionsTest, VpnCarriesItsStaticRoutesOverTunnelsThatAreUp) {
  LoadResult loaded = ExpectAllHold("vpn.yaml", 4);
  ASSERT_TRUE(loaded.ok());
  const Model& m = loaded.model;
  ASSERT_EQ(m.vpn_connections.size(), 2u);
  EXPECT_EQ(m.vpn_gateways[m.vpn_connections[0].vpn_gateway].id, "aws_vpn_gateway.vgw");
  EXPECT_EQ(m.vpn_connections[0].tunnels,
            (std::vector<TunnelState>{TunnelState::kUp, TunnelState::kDown}));
  const RouteTable& t = Named(m.route_tables, "aws_route_table.private");
  ASSERT_EQ(t.propagating_vgws.size(), 1u);
  // The inline route to the gateway (gateway_id) is a static route to it.
  bool to_vgw = false;
  for (const Route& r : t.routes) {
    if (r.destination_cidr && r.destination_cidr->ToString() == "172.20.0.0/16" && !r.propagated) {
      to_vgw = r.target == RouteTarget::kVpnGateway;
    }
  }
  EXPECT_TRUE(to_vgw);
}

TEST(TerraformConnectionsTest, PeeringWithAVpcOutsideTheDocumentIsAWarningThatVoidsProofs) {
  LoadResult loaded = LoadState(R"(
    {"address": "aws_vpc.a", "mode": "managed", "type": "aws_vpc", "name": "a",
     "values": {"id": "vpc-a", "cidr_block": "10.1.0.0/16"}},
    {"address": "aws_vpc_peering_connection.out", "mode": "managed",
     "type": "aws_vpc_peering_connection", "name": "out",
     "values": {"id": "pcx-1", "vpc_id": "vpc-a", "peer_vpc_id": "vpc-elsewhere",
                "accept_status": "active"}},
    {"address": "aws_route_table.a", "mode": "managed", "type": "aws_route_table", "name": "a",
     "values": {"id": "rtb-a", "vpc_id": "vpc-a",
                "route": [{"cidr_block": "10.9.0.0/16", "vpc_peering_connection_id": "pcx-1"}]}})");
  ASSERT_TRUE(loaded.ok()) << loaded.diagnostics.Format();
  EXPECT_EQ(loaded.model.Unfollowed(), std::vector<std::string>{"aws_vpc_peering_connection.out"});
  EXPECT_TRUE(loaded.model.peering_connections.empty());
  EXPECT_EQ(Named(loaded.model.route_tables, "aws_route_table.a").routes.back().target,
            RouteTarget::kBlackhole);
}

TEST(TerraformConnectionsTest, BgpVpnConnectionIsMappedAndVoidsProofs) {
  LoadResult loaded = LoadState(R"(
    {"address": "aws_vpc.a", "mode": "managed", "type": "aws_vpc", "name": "a",
     "values": {"id": "vpc-a", "cidr_block": "10.1.0.0/16"}},
    {"address": "aws_vpn_gateway.g", "mode": "managed", "type": "aws_vpn_gateway", "name": "g",
     "values": {"id": "vgw-1", "vpc_id": "vpc-a"}},
    {"address": "aws_customer_gateway.c", "mode": "managed", "type": "aws_customer_gateway",
     "name": "c", "values": {"id": "cgw-1", "ip_address": "198.51.100.1", "bgp_asn": "65000"}},
    {"address": "aws_vpn_connection.v", "mode": "managed", "type": "aws_vpn_connection",
     "name": "v", "values": {"id": "vpn-1", "vpn_gateway_id": "vgw-1",
                             "customer_gateway_id": "cgw-1", "static_routes_only": false}})");
  ASSERT_TRUE(loaded.ok()) << loaded.diagnostics.Format();
  ASSERT_EQ(loaded.model.vpn_connections.size(), 1u);
  EXPECT_EQ(loaded.model.Unfollowed(), std::vector<std::string>{"aws_vpn_connection.v"});
  const IgnoredResource& v = Named(loaded.model.ignored_resources, "aws_vpn_connection.v");
  EXPECT_EQ(v.fix,
            "route it statically (static_routes_only = true, with an aws_vpn_connection_route "
            "for each on-premises prefix), or write the connection in a scenario with its "
            "bgp_prefixes");
}

TEST(TerraformConnectionsTest, ConnectionsStillNotModelledStayWarnings) {
  LoadResult loaded = LoadState(R"(
    {"address": "aws_ec2_transit_gateway.a", "mode": "managed", "type": "aws_ec2_transit_gateway",
     "name": "a", "values": {"id": "tgw-a"}},
    {"address": "aws_ec2_transit_gateway_peering_attachment.p", "mode": "managed",
     "type": "aws_ec2_transit_gateway_peering_attachment", "name": "p",
     "values": {"id": "tgw-attach-p", "transit_gateway_id": "tgw-a",
                "peer_transit_gateway_id": "tgw-elsewhere", "peer_region": "eu-west-1"}})");
  ASSERT_TRUE(loaded.ok()) << loaded.diagnostics.Format();
  const IgnoredResource& p =
      Named(loaded.model.ignored_resources, "aws_ec2_transit_gateway_peering_attachment.p");
  EXPECT_EQ(p.Warning(),
            "aws_ec2_transit_gateway_peering_attachment.p "
            "(aws_ec2_transit_gateway_peering_attachment) is not modelled (this kind of "
            "connection between networks is not read from Terraform yet): what it reaches and "
            "what reaches it is not checked");
  EXPECT_EQ(loaded.model.Unfollowed(),
            std::vector<std::string>{"aws_ec2_transit_gateway_peering_attachment.p"});
}

TEST(TerraformConnectionsTest, DefaultSubnetTakesItsZonesBlockOfTheDefaultVpc) {
  LoadResult loaded = LoadState(R"(
    {"address": "aws_default_vpc.d", "mode": "managed", "type": "aws_default_vpc", "name": "d",
     "values": {"id": "vpc-d", "cidr_block": "172.31.0.0/16"}},
    {"address": "aws_default_subnet.b", "mode": "managed", "type": "aws_default_subnet",
     "name": "b", "values": {"availability_zone": "us-east-1b"}})");
  ASSERT_TRUE(loaded.ok()) << loaded.diagnostics.Format();
  const Subnet& b = Named(loaded.model.subnets, "aws_default_subnet.b");
  EXPECT_EQ(b.cidr.ToString(), "172.31.16.0/20");
  EXPECT_EQ(b.az, "us-east-1b");
  EXPECT_TRUE(b.map_public_ip_on_launch);
  EXPECT_EQ(loaded.model.vpcs[b.vpc].id, "aws_default_vpc.d");
}

TEST(TerraformConnectionsTest, DefaultSubnetWithoutItsDefaultVpcIsAWarning) {
  LoadResult loaded = LoadState(R"(
    {"address": "aws_default_subnet.b", "mode": "managed", "type": "aws_default_subnet",
     "name": "b", "values": {"availability_zone": "us-east-1b"}})");
  ASSERT_TRUE(loaded.ok()) << loaded.diagnostics.Format();
  EXPECT_TRUE(loaded.model.subnets.empty());
  const IgnoredResource& b = Named(loaded.model.ignored_resources, "aws_default_subnet.b");
  EXPECT_TRUE(b.shapes_reachability);
  EXPECT_EQ(b.reason,
            "its default VPC is not in this Terraform document (declare it with "
            "aws_default_vpc): the routes and gateways around the subnet are not known");
}

}  // namespace
}  // namespace vpcreach
