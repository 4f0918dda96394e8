// Site-to-Site VPN: the loader (native format and CloudFormation, and their errors), route
// propagation and its priority, the tracer's and the solver's hop (sim/hops/vpn.h), the virtual
// private gateway as an endpoint, diff; each behaviour with its opposite.
#include <gtest/gtest.h>

#include <string>

#include "sim/hops/vpn.h"
#include "sim/query/model_diff.h"
#include "sim/solver.h"
#include "tests/cloudformation/stack_test_fixture.h"
#include "tests/loader_test_util.h"
#include "tests/test_util.h"

namespace vpcreach::testing {
namespace {

// A VPC with a virtual private gateway and three connections: `dc` (static, 192.168.0.0/16),
// `branch` (BGP, a more specific 192.168.7.0/24 and 172.16.0.0/12, one tunnel down) and `old`
// (static, 10.50.0.0/16, both tunnels down). The subnet's table propagates from the gateway and
// writes no route of its own; the host's group admits https from the data centre.
constexpr char kVpn[] = R"(vpcreach: 1
vpcs: {lab: {cidr: 10.1.0.0/16}, other: {cidr: 10.2.0.0/16}}
vpn_gateways: {vgw-lab: {vpc: lab}, vgw-other: {vpc: other}}
customer_gateways: {cgw: {ip_address: 198.51.100.7}}
vpn_connections:
  dc: {vpn_gateway: vgw-lab, customer_gateway: cgw, static_routes_only: true, static_routes: [192.168.0.0/16]}
  branch: {vpn_gateway: vgw-lab, customer_gateway: cgw, bgp_prefixes: [192.168.7.0/24, 172.16.0.0/12], tunnels: [up, down]}
  old: {vpn_gateway: vgw-lab, customer_gateway: cgw, static_routes_only: true, static_routes: [10.50.0.0/16], tunnels: [down, down]}
subnets:
  app: {vpc: lab, cidr: 10.1.1.0/24, az: a, route_table: app}
  far: {vpc: other, cidr: 10.2.1.0/24, az: a, route_table: far}
route_tables:
  app: {vpc: lab, propagating_vgws: [vgw-lab]}
  far: {vpc: other}
security_groups:
  web: {vpc: lab, ingress: [{protocol: tcp, ports: 443, cidr: 192.168.0.0/16}]}
enis:
  host: {subnet: app, private_ip: 10.1.1.10, security_groups: [web]}
)";

std::string Routes(const Model& m, const std::string& table) {
  std::string out;
  for (const Route& r : loader_testing::Get(m.route_tables, table).routes) {
    out += RouteText(m, r) + "; ";
  }
  return out;
}

// ---- the loader ------------------------------------------------------------------------------

TEST(VpnLoaderTest, ATableReceivesThePrefixesOfTheConnectionsThatAreUp) {
  Model m = loader_testing::LoadValid(kVpn);
  EXPECT_EQ(m.CheckInvariants(), "");
  EXPECT_EQ(m.vpcs[loader_testing::Get(m.vpn_gateways, "vgw-lab").vpc].id, "lab");
  const VpnConnection& branch = loader_testing::Get(m.vpn_connections, "branch");
  EXPECT_FALSE(branch.static_routes_only);  // AWS's default: BGP
  EXPECT_TRUE(branch.Carries());
  EXPECT_FALSE(loader_testing::Get(m.vpn_connections, "old").Carries());
  // `old` is down: its route is withdrawn.
  EXPECT_EQ(Routes(m, "app"),
            "10.1.0.0/16 -> local; 192.168.0.0/16 -> vgw-lab (propagated); "
            "192.168.7.0/24 -> vgw-lab (propagated); 172.16.0.0/12 -> vgw-lab (propagated); ");
  EXPECT_EQ(Routes(m, "far"), "10.2.0.0/16 -> local; ");
  // Up again, it propagates.
  Model up = loader_testing::LoadValid(Edit(kVpn, "tunnels: [down, down]", "tunnels: [down, up]"));
  EXPECT_NE(Routes(up, "app").find("10.50.0.0/16 -> vgw-lab (propagated)"), std::string::npos);
}

TEST(VpnLoaderTest, APropagatedPrefixInsideTheVpcIsNotInstalled) {
  // The local route is preferred even over a more specific propagated route.
  Model m = loader_testing::LoadValid(Edit(kVpn, "static_routes: [192.168.0.0/16]",
                                           "static_routes: [192.168.0.0/16, 10.1.5.0/24]"));
  EXPECT_EQ(Routes(m, "app").find("10.1.5.0/24"), std::string::npos);
  EXPECT_EQ(loader_testing::Get(m.vpn_connections, "dc").static_routes.size(), 2u);
}

TEST(VpnLoaderTest, ARouteToTheGatewayOfAnotherVpc) {
  EXPECT_EQ(loader_testing::OnlyProblem(Edit(
                kVpn, "far: {vpc: other}",
                "far: {vpc: other, routes: [{destination: 192.168.0.0/16, target: vgw-lab}]}")),
            "s.yaml:14:68: route_tables.far.routes[0].target: virtual private gateway vgw-lab is "
            "attached to vpc lab, not vpc other; a route can target only the virtual private "
            "gateway attached to its own VPC");
}

TEST(VpnLoaderTest, AnUnknownGatewayAsRouteTargetAndInPropagation) {
  EXPECT_EQ(loader_testing::OnlyProblem(Edit(
                kVpn, "far: {vpc: other}",
                "far: {vpc: other, routes: [{destination: 192.168.0.0/16, target: vgw-lap}]}")),
            "s.yaml:14:68: route_tables.far.routes[0].target: unknown virtual private gateway "
            "'vgw-lap'; did you mean 'vgw-lab'?");
  EXPECT_EQ(loader_testing::OnlyProblem(
                Edit(kVpn, "propagating_vgws: [vgw-lab]", "propagating_vgws: [vgw-lap]")),
            "s.yaml:13:38: route_tables.app.propagating_vgws[0]: unknown virtual private gateway "
            "'vgw-lap'; did you mean 'vgw-lab'?");
}

TEST(VpnLoaderTest, PropagationFromTheGatewayOfAnotherVpc) {
  EXPECT_EQ(loader_testing::OnlyProblem(
                Edit(kVpn, "far: {vpc: other}", "far: {vpc: other, propagating_vgws: [vgw-lab]}")),
            "s.yaml:14:40: route_tables.far.propagating_vgws[0]: virtual private gateway vgw-lab "
            "is in vpc lab, not in vpc other");
}

TEST(VpnLoaderTest, AVpcTakesOneVirtualPrivateGateway) {
  EXPECT_EQ(
      loader_testing::OnlyProblem(Edit(kVpn, "vgw-other: {vpc: other}", "vgw-other: {vpc: lab}")),
      "s.yaml:3:54: vpn_gateways.vgw-other.vpc: vpc lab has virtual private gateway vgw-lab "
      "attached already; a VPC takes one virtual private gateway");
}

TEST(VpnLoaderTest, RoutingAndTunnelMistakes) {
  EXPECT_EQ(
      loader_testing::OnlyProblem(Edit(
          kVpn, "customer_gateway: cgw, static_routes_only: true, static_routes: [192.168.0.0/16]",
          "customer_gateway: cgw, static_routes: [192.168.0.0/16]")),
      "s.yaml:6:68: vpn_connections.dc.static_routes: static routes need static routing: "
      "write static_routes_only: true (AWS refuses a static route on a connection that "
      "routes by BGP), or list the prefixes the customer gateway advertises under "
      "bgp_prefixes");
  EXPECT_EQ(loader_testing::OnlyProblem(Edit(kVpn, "tunnels: [up, down]", "tunnels: [up, broken]")),
            "s.yaml:7:118: vpn_connections.branch.tunnels[1]: expected a tunnel state, up or "
            "down, got 'broken'");
  EXPECT_EQ(loader_testing::OnlyProblem(Edit(kVpn, "tunnels: [up, down]", "tunnels: [up]")),
            "s.yaml:7:113: vpn_connections.branch.tunnels: a VPN connection has two tunnels: "
            "write the state of each, as [up, up], [up, down] or [down, down]");
  EXPECT_EQ(loader_testing::OnlyProblem(
                Edit(kVpn, "customer_gateway: cgw, bgp", "customer_gateway: cgx, bgp")),
            "s.yaml:7:52: vpn_connections.branch.customer_gateway: unknown customer gateway "
            "'cgx'; did you mean 'cgw'?");
}

TEST(VpnLoaderTest, AGatewayRouteTableOfAVirtualPrivateGatewayIsNotModelled) {
  EXPECT_EQ(loader_testing::OnlyProblem(
                Edit(kVpn, "far: {vpc: other}", "far: {vpc: other, gateway: vgw-other}")),
            "s.yaml:14:30: route_tables.far.gateway: vpcreach does not model the gateway route "
            "tables of virtual private gateways yet (ingress routing of on-premises traffic); "
            "remove this edge association");
}

// ---- the tracer ----------------------------------------------------------------------------

TEST(VpnTracerTest, TheHostReachesTheDataCentreAndTheReplyComesBackByTheGateway) {
  Network n = Load(kVpn);
  TraceResult t = Trace(n, "host", "192.168.20.5");
  EXPECT_TRUE(t.delivered) << Codes(t);
  EXPECT_EQ(Path(t),
            "host:sends tcp 10.1.1.10:40000 -> 192.168.20.5:443\n"
            "web:egress all 0.0.0.0/0\n"
            "lab-default-nacl:outbound rule 100 allow\n"
            "app:192.168.0.0/16 -> vgw-lab (propagated)\n"
            "vgw-lab:receives\n"
            "dc:192.168.0.0/16 -> dc, tunnels 1 and 2 up\n"
            "on-premises (192.168.20.5):delivered\n"
            "|\n"
            "on-premises (192.168.20.5):replies\n"
            "vgw-lab:receives from on-premises by dc, tunnels 1 and 2 up\n"
            "app:enters\n"
            "lab-default-nacl:inbound rule 100 allow\n"
            "web:ingress: return traffic of an allowed connection (stateful)\n"
            "host:delivered\n");
}

TEST(VpnTracerTest, TheLongestOnPremisesPrefixPicksTheConnection) {
  Network n = Load(kVpn);
  TraceResult t = Trace(n, "host", "192.168.7.5");
  EXPECT_TRUE(t.delivered) << Codes(t);
  EXPECT_TRUE(Passes(t, "branch"));
  EXPECT_FALSE(Passes(t, "dc"));
}

TEST(VpnTracerTest, AStaticRouteBeatsAPropagatedOneOfTheSamePrefixNotALongerOne) {
  Network n = Load(Edit(kVpn, "app: {vpc: lab, propagating_vgws: [vgw-lab]}",
                        "app: {vpc: lab, propagating_vgws: [vgw-lab], routes: [{destination: "
                        "192.168.0.0/16, target: blackhole}]}"));
  TraceResult blocked = Trace(n, "host", "192.168.20.5");
  EXPECT_FALSE(blocked.delivered);
  EXPECT_EQ(Codes(blocked), "BAD_STATE_ROUTE");
  // The propagated /24 is longer than the static /16: it is used.
  EXPECT_TRUE(Trace(n, "host", "192.168.7.5").delivered);
}

TEST(VpnTracerTest, OnPremisesReachesTheHostOnlyWhereItsGroupAdmits) {
  Network n = Load(kVpn);
  TraceResult t = Trace(n, "192.168.20.0/24", "10.1.1.10", kTcp, 443, 40000, "192.168.20.5");
  EXPECT_TRUE(t.delivered) << Codes(t);
  EXPECT_TRUE(Passes(t, "vgw-lab"));
  TraceResult ssh = Trace(n, "192.168.20.0/24", "10.1.1.10", kTcp, 22, 40000, "192.168.20.5");
  EXPECT_FALSE(ssh.delivered);
  EXPECT_EQ(Codes(ssh), "ENI_SG_RULES_MISMATCH");
  // Not behind the VPN: a private destination the internet does not deliver.
  TraceResult stranger = Trace(n, "192.0.2.0/24", "10.1.1.10", kTcp, 443, 40000, "192.0.2.5");
  EXPECT_FALSE(stranger.delivered);
  EXPECT_EQ(Codes(stranger), "NO_PATH");
}

TEST(VpnTracerTest, AConnectionWithBothTunnelsDownCarriesNothing) {
  Network n = Load(kVpn);
  // Withdrawn from the table: no route.
  TraceResult out = Trace(n, "host", "10.50.0.1");
  EXPECT_EQ(Codes(out), "NO_ROUTE_TO_DESTINATION");
  // A static route to the gateway: the gateway has only the down connection for it.
  Network routed = Load(Edit(kVpn, "app: {vpc: lab, propagating_vgws: [vgw-lab]}",
                             "app: {vpc: lab, propagating_vgws: [vgw-lab], routes: [{destination: "
                             "10.50.0.0/16, target: vgw-lab}]}"));
  TraceResult down = Trace(routed, "host", "10.50.0.1");
  EXPECT_FALSE(down.delivered);
  EXPECT_EQ(Codes(down), kVpnTunnelDown);
  ASSERT_EQ(down.explanations.size(), 1u);
  EXPECT_EQ(down.explanations[0].message,
            "VPN connection old of virtual private gateway vgw-lab reaches 10.50.0.1 but both its "
            "tunnels are down, so it carries nothing");
  TraceResult in = Trace(routed, "10.50.0.0/16", "10.1.1.10", kTcp, 443, 40000, "10.50.0.1");
  EXPECT_EQ(Codes(in), kVpnTunnelDown);
  // One tunnel up carries it.
  Network up = Load(Edit(Edit(kVpn, "tunnels: [down, down]", "tunnels: [down, up]"),
                         "cidr: 192.168.0.0/16}]}", "cidr: 10.50.0.0/16}]}"));
  EXPECT_TRUE(Trace(up, "host", "10.50.0.1").delivered);
  EXPECT_TRUE(Trace(up, "10.50.0.0/16", "10.1.1.10", kTcp, 443, 40000, "10.50.0.1").delivered);
}

TEST(VpnTracerTest, TheGatewayDropsWhatNoConnectionReaches) {
  Network n = Load(Edit(kVpn, "app: {vpc: lab, propagating_vgws: [vgw-lab]}",
                        "app: {vpc: lab, routes: [{destination: 0.0.0.0/0, target: vgw-lab}]}"));
  TraceResult t = Trace(n, "host", "8.8.8.8");
  EXPECT_EQ(Codes(t), "NO_ROUTE_TO_DESTINATION");
  EXPECT_EQ(t.explanations[0].message,
            "virtual private gateway vgw-lab has no VPN connection that reaches 8.8.8.8 (no "
            "static route or BGP prefix holds it)");
  EXPECT_TRUE(Trace(n, "host", "192.168.1.1").delivered);
}

TEST(VpnTracerTest, TheGatewayAsAnEndpoint) {
  Network n = Load(kVpn);
  std::string error;
  std::optional<Endpoint> from = ResolveEndpoint(*n.model, "vgw-lab", &error, /*as_source=*/true);
  ASSERT_TRUE(from) << error;
  EXPECT_EQ(from->addresses.ToString(), "10.50.0.0/16, 172.16.0.0/12, 192.168.0.0/16");
  ASSERT_TRUE(from->entering);
  EXPECT_EQ(from->entering->reaches.ToString(), "10.1.0.0/16");
  std::optional<Endpoint> to = ResolveEndpoint(*n.model, "vgw-lab", &error);
  ASSERT_TRUE(to) << error;
  EXPECT_EQ(to->must_pass, "vgw-lab");
  EXPECT_FALSE(ResolveEndpoint(*n.model, "vgw-other", &error, true));
  EXPECT_EQ(error,
            "virtual private gateway vgw-other reaches no on-premises prefix: give its VPN "
            "connections static_routes (or bgp_prefixes)");
}

TEST(VpnTracerTest, ADiffNamesTheConnectionThatWentDown) {
  Network before = Load(kVpn);
  Network after = Load(Edit(kVpn, "tunnels: [up, down]", "tunnels: [down, down]"));
  ModelDiff diff = DiffModels(*before.model, *after.model);
  std::string changes;
  for (const ComponentChange& c : diff.changes) changes += c.Text() + "\n";
  EXPECT_EQ(changes,
            "rtb app: route 172.16.0.0/12 -> vgw-lab (propagated) removed\n"
            "rtb app: route 192.168.7.0/24 -> vgw-lab (propagated) removed\n"
            "vpn branch: tunnels up, down -> down, down\n");
}

// ---- the solver ----------------------------------------------------------------------------

TEST(VpnSolverTest, AsTheTracerHasIt) {
  Manager();
  Network n = Load(kVpn);
  Solved in = Solve(n, "192.168.0.0/16", "host");
  EXPECT_TRUE(in.delivered ==
              (PacketSet::Range(Field::kSrc, Ip("192.168.0.0"), Ip("192.168.255.255")) &
               PacketSet::Value(Field::kDst, Ip("10.1.1.10")) &
               PacketSet::Value(Field::kProtocol, kTcp) & PacketSet::Value(Field::kDstPort, 443) &
               PacketSet::Range(Field::kSrcPort, 0, 65535)));
  Solved out = Solve(n, "host", "192.168.0.0/16");
  EXPECT_FALSE(out.delivered.IsEmpty());
  EXPECT_TRUE((out.delivered - PacketSet::Value(Field::kSrc, Ip("10.1.1.10"))).IsEmpty());
  Solved down_in = Solve(n, "10.50.0.0/16", "host");
  EXPECT_TRUE(down_in.delivered.IsEmpty());
  EXPECT_EQ(down_in.refusal.code, kVpnTunnelDown);
  Solved down_out = Solve(n, "host", "10.50.0.0/16");
  EXPECT_TRUE(down_out.delivered.IsEmpty());
  EXPECT_EQ(down_out.refusal.code, "NO_ROUTE_TO_DESTINATION");
}

TEST(VpnSolverTest, ChecksProveReachAndItsOpposite) {
  std::string network = kVpn;
  EXPECT_TRUE(
      CheckOne(network,
               "{name: a, from: vgw-lab, to: host, port: 443, reachable: true, via: [vgw-lab]}")
          .passed);
  EXPECT_TRUE(
      CheckOne(network, "{name: a, from: vgw-lab, to: host, port: 22, reachable: false}").passed);
  EXPECT_FALSE(
      CheckOne(network, "{name: a, from: vgw-lab, to: host, port: 22, reachable: true}").passed);
  EXPECT_TRUE(
      CheckOne(network, "{name: a, from: host, to: vgw-lab, protocol: all, reachable: true}")
          .passed);
  EXPECT_TRUE(
      CheckOne(network, "{name: a, from: host, to: 10.50.0.0/16, protocol: all, reachable: false}")
          .passed);
}

// ---- CloudFormation ------------------------------------------------------------------------

class VpnStackTest : public StackTest {};

constexpr char kVpnTemplate[] = R"(Resources:
  Vpc: {Type: AWS::EC2::VPC, Properties: {CidrBlock: 10.1.0.0/16}}
  Subnet: {Type: AWS::EC2::Subnet, Properties: {VpcId: !Ref Vpc, CidrBlock: 10.1.1.0/24, AvailabilityZone: us-east-1a}}
  Table: {Type: AWS::EC2::RouteTable, Properties: {VpcId: !Ref Vpc}}
  Use: {Type: AWS::EC2::SubnetRouteTableAssociation, Properties: {SubnetId: !Ref Subnet, RouteTableId: !Ref Table}}
  Vgw: {Type: AWS::EC2::VPNGateway, Properties: {Type: ipsec.1}}
  Attach: {Type: AWS::EC2::VPCGatewayAttachment, Properties: {VpcId: !Ref Vpc, VpnGatewayId: !Ref Vgw}}
  Cgw: {Type: AWS::EC2::CustomerGateway, Properties: {Type: ipsec.1, BgpAsn: 65000, IpAddress: 198.51.100.7}}
  Vpn: {Type: AWS::EC2::VPNConnection, Properties: {Type: ipsec.1, StaticRoutesOnly: true, CustomerGatewayId: !Ref Cgw, VpnGatewayId: !Ref Vgw}}
  Dc: {Type: AWS::EC2::VPNConnectionRoute, Properties: {VpnConnectionId: !Ref Vpn, DestinationCidrBlock: 192.168.0.0/16}}
  Propagate: {Type: AWS::EC2::VPNGatewayRoutePropagation, DependsOn: Attach, Properties: {VpnGatewayId: !Ref Vgw, RouteTableIds: [!Ref Table]}}
  ToBranch: {Type: AWS::EC2::Route, DependsOn: Attach, Properties: {RouteTableId: !Ref Table, DestinationCidrBlock: 172.16.0.0/12, GatewayId: !Ref Vgw}}
  Sg: {Type: AWS::EC2::SecurityGroup, Properties: {GroupDescription: web, VpcId: !Ref Vpc, SecurityGroupIngress: [{IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 192.168.0.0/16}]}}
  Host: {Type: AWS::EC2::NetworkInterface, Properties: {SubnetId: !Ref Subnet, PrivateIpAddress: 10.1.1.10, GroupSet: [!Ref Sg]}}
)";

TEST_F(VpnStackTest, TheTemplatesVpnIsModelledAndDecides) {
  LoadResult loaded = LoadOne(kVpnTemplate);
  ASSERT_TRUE(loaded.ok()) << loaded.diagnostics.Format();
  const Model& m = loaded.model;
  EXPECT_EQ(m.CheckInvariants(), "");
  EXPECT_TRUE(m.Unfollowed().empty());
  EXPECT_EQ(m.vpcs[loader_testing::Get(m.vpn_gateways, "net/Vgw").vpc].id, "net/Vpc");
  const VpnConnection& vpn = loader_testing::Get(m.vpn_connections, "net/Vpn");
  EXPECT_TRUE(vpn.static_routes_only);
  ASSERT_EQ(vpn.static_routes.size(), 1u);
  EXPECT_EQ(vpn.static_routes[0].ToString(), "192.168.0.0/16");
  EXPECT_EQ(Routes(m, "net/Table"),
            "10.1.0.0/16 -> local; 172.16.0.0/12 -> net/Vgw; 192.168.0.0/16 -> net/Vgw "
            "(propagated); ");
  ForwardingGraph graph(m);
  Tracer tracer(m, graph);
  std::string error;
  Origin dc = ResolveEndpoint(m, "192.168.0.0/16", &error)->Origins(m).front();
  TraceResult t = tracer.Trace(dc, Packet{Ip("192.168.3.4"), Ip("10.1.1.10"), kTcp, 40000, 443});
  EXPECT_TRUE(t.delivered) << Codes(t);
  EXPECT_TRUE(t.Components().count("net/Vgw"));
  // The static route's 172.16.0.0/12 reaches no connection's prefix: the gateway drops it.
  Origin host = ResolveEndpoint(m, "net/Host", &error)->Origins(m).front();
  TraceResult branch =
      tracer.Trace(host, Packet{Ip("10.1.1.10"), Ip("172.16.0.5"), kTcp, 40000, 443});
  EXPECT_EQ(Codes(branch), "NO_ROUTE_TO_DESTINATION");
}

TEST_F(VpnStackTest, AStaticRouteOnABgpConnectionIsRefusedAtTheTemplate) {
  EXPECT_EQ(OnlyProblem(LoadOne(Edit(kVpnTemplate, "StaticRoutesOnly: true, ", ""))),
            "DIR/t.yaml:10:74: Resources.Dc.Properties.VpnConnectionId: VPN connection net/Vpn "
            "routes by BGP (its StaticRoutesOnly is not true); AWS accepts a VPNConnectionRoute "
            "only on a connection with static routing");
}

TEST_F(VpnStackTest, PropagationToSomethingElseThanARouteTable) {
  EXPECT_EQ(OnlyProblem(LoadOne(
                Edit(kVpnTemplate, "RouteTableIds: [!Ref Table]", "RouteTableIds: [!Ref Subnet]"))),
            "DIR/t.yaml:11:131: Resources.Propagate.Properties.RouteTableIds[0]: 'net/Subnet' is "
            "not a route table of the scenario's stacks");
}

TEST_F(VpnStackTest, ABgpConnectionAndATransitGatewayConnectionAreUnfollowed) {
  LoadResult bgp =
      LoadOne(Edit(Edit(kVpnTemplate, "StaticRoutesOnly: true, ", ""),
                   "  Dc: {Type: AWS::EC2::VPNConnectionRoute, Properties: {VpnConnectionId: !Ref "
                   "Vpn, DestinationCidrBlock: 192.168.0.0/16}}\n",
                   ""));
  ASSERT_TRUE(bgp.ok()) << bgp.diagnostics.Format();
  EXPECT_EQ(bgp.model.Unfollowed(), std::vector<std::string>{"net/Vpn"});
  EXPECT_EQ(bgp.model.ignored_resources.back().Warning(),
            "net/Vpn (AWS::EC2::VPNConnection) is not modelled (it routes by BGP, and the "
            "on-premises prefixes its customer gateway advertises are not in the template): what "
            "it reaches and what reaches it is not checked");
  EXPECT_EQ(bgp.model.vpn_connections.size(), 1u);  // its gateway and VPC are still modelled
}

}  // namespace
}  // namespace vpcreach::testing
