// Transit gateway peering attachments, appliance mode, and private NAT gateways in front of a
// transit gateway: the loader (native format and CloudFormation, and their errors), the tracer's
// and the solver's hop (sim/hops/transit_gateway.h), each behaviour with its opposite.
#include <gtest/gtest.h>

#include <string>

#include "sim/hops/transit_gateway.h"
#include "sim/query/check.h"
#include "sim/solver.h"
#include "tests/cloudformation/stack_test_fixture.h"
#include "tests/loader_test_util.h"
#include "tests/test_util.h"

namespace vpcreach::testing {
namespace {

// Two transit gateways, each with one VPC, peered: static routes to the peering on both sides,
// each side's table associated with the peering.
constexpr char kPeered[] = R"(vpcreach: 1
vpcs: {east: {cidr: 10.1.0.0/16}, west: {cidr: 10.2.0.0/16}}
transit_gateways:
  tgw-e: {default_route_table_association: false, default_route_table_propagation: false}
  tgw-w: {default_route_table_association: false, default_route_table_propagation: false}
transit_gateway_route_tables:
  rt-e: {transit_gateway: tgw-e, routes: [{destination: 10.2.0.0/16, attachment: peer-ew}]}
  rt-w: {transit_gateway: tgw-w, routes: [{destination: 10.1.0.0/16, attachment: peer-ew}]}
transit_gateway_attachments:
  att-e: {transit_gateway: tgw-e, vpc: east, subnets: [e-a], route_table: rt-e, propagate_to: [rt-e]}
  att-w: {transit_gateway: tgw-w, vpc: west, subnets: [w-a], route_table: rt-w, propagate_to: [rt-w]}
  peer-ew: {transit_gateway: tgw-e, peer_transit_gateway: tgw-w, route_table: rt-e, peer_route_table: rt-w}
subnets:
  e-a: {vpc: east, cidr: 10.1.1.0/24, az: a, route_table: e}
  w-a: {vpc: west, cidr: 10.2.1.0/24, az: a, route_table: w}
route_tables:
  e: {vpc: east, routes: [{destination: 10.2.0.0/16, target: tgw-e}, {destination: 10.3.0.0/16, target: tgw-e}]}
  w: {vpc: west, routes: [{destination: 10.1.0.0/16, target: tgw-w}]}
security_groups:
  api: {vpc: west, ingress: [{protocol: tcp, ports: 443, cidr: 10.1.0.0/16}]}
enis:
  client: {subnet: e-a, private_ip: 10.1.1.10}
  server: {subnet: w-a, private_ip: 10.2.1.10, security_groups: [api]}
)";

// ---- peering: the loader -------------------------------------------------------------------

TEST(TransitGatewayPeeringLoaderTest, OneAttachmentTwoSidesEachWithItsTable) {
  Model m = loader_testing::LoadValid(kPeered);
  const TransitGatewayAttachment& peer =
      loader_testing::Get(m.transit_gateway_attachments, "peer-ew");
  ASSERT_TRUE(peer.IsPeering());
  EXPECT_EQ(peer.vpc, kNone);
  EXPECT_EQ(m.transit_gateways[peer.transit_gateway].id, "tgw-e");
  EXPECT_EQ(m.transit_gateways[peer.peer_transit_gateway].id, "tgw-w");
  EXPECT_EQ(m.transit_gateway_route_tables[peer.TableAt(peer.transit_gateway)].id, "rt-e");
  EXPECT_EQ(m.transit_gateway_route_tables[peer.TableAt(peer.peer_transit_gateway)].id, "rt-w");
  // Nothing propagates over the peering: each table holds its own VPC's block and the static
  // route only.
  const TransitGatewayRouteTable& w = loader_testing::Get(m.transit_gateway_route_tables, "rt-w");
  ASSERT_EQ(w.routes.size(), 2u);
  EXPECT_FALSE(w.routes[0].propagated);
  EXPECT_EQ(w.routes[0].destination.ToString(), "10.1.0.0/16");
  EXPECT_TRUE(w.routes[1].propagated);
  EXPECT_EQ(w.routes[1].destination.ToString(), "10.2.0.0/16");
  EXPECT_TRUE(m.Unfollowed().empty());
}

TEST(TransitGatewayPeeringLoaderTest, APeeringPropagatesNothing) {
  EXPECT_EQ(loader_testing::OnlyProblem(Edit(kPeered, "peer_route_table: rt-w}",
                                             "peer_route_table: rt-w, propagate_to: [rt-e]}")),
            "s.yaml:12:123: transit_gateway_attachments.peer-ew.propagate_to: a peering "
            "attachment (peer_transit_gateway) has no propagate_to: routes do not propagate over "
            "a transit gateway peering; write static routes to it");
}

TEST(TransitGatewayPeeringLoaderTest, APeeringJoinsTwoGatewaysAndTablesStayOnTheirSide) {
  // (rt-w's route to the peering then leads to another gateway's attachment, reported too.)
  std::vector<std::string> twice = loader_testing::Headlines(loader_testing::Load(
      Edit(kPeered, "peer_transit_gateway: tgw-w,", "peer_transit_gateway: tgw-e,")));
  ASSERT_EQ(twice.size(), 2u);
  EXPECT_EQ(twice[1],
            "s.yaml:12:59: transit_gateway_attachments.peer-ew.peer_transit_gateway: a peering "
            "attachment joins two transit gateways; this one names tgw-e twice");
  EXPECT_EQ(loader_testing::OnlyProblem(
                Edit(kPeered, "peer_route_table: rt-w}", "peer_route_table: rt-e}")),
            "s.yaml:12:103: transit_gateway_attachments.peer-ew.peer_route_table: transit "
            "gateway route table rt-e belongs to transit gateway tgw-e, not tgw-w");
  // A third gateway's table cannot route to the peering.
  EXPECT_EQ(loader_testing::OnlyProblem(Edit(
                Edit(kPeered, "  tgw-w: {default", "  tgw-x: {}\n  tgw-w: {default"), "  rt-w: {",
                "  rt-x: {transit_gateway: tgw-x, routes: [{destination: 10.9.0.0/16, attachment: "
                "peer-ew}]}\n  rt-w: {")),
            "s.yaml:9:82: transit_gateway_route_tables.rt-x.routes[0].attachment: attachment "
            "peer-ew is attached to transit gateways tgw-e and tgw-w, not tgw-x");
}

// ---- peering: the tracer -------------------------------------------------------------------

// kPeered with 10.3.0.0/16 routed to the peering by tgw-e and (when `back`) by tgw-w too.
std::string Looped(bool back = true) {
  std::string out = Edit(kPeered, "routes: [{destination: 10.2.0.0/16, attachment: peer-ew}]",
                         "routes: [{destination: 10.2.0.0/16, attachment: peer-ew}, "
                         "{destination: 10.3.0.0/16, attachment: peer-ew}]");
  if (!back) return out;
  return Edit(out, "routes: [{destination: 10.1.0.0/16, attachment: peer-ew}]",
              "routes: [{destination: 10.1.0.0/16, attachment: peer-ew}, "
              "{destination: 10.3.0.0/16, attachment: peer-ew}]");
}

TEST(TransitGatewayPeeringTracerTest, ThePeeringCarriesBothWaysByStaticRoutes) {
  Network n = Load(kPeered);
  TraceResult t = Trace(n, "client", "10.2.1.10");
  EXPECT_TRUE(t.delivered) << Codes(t);
  EXPECT_EQ(Path(t),
            "client:sends tcp 10.1.1.10:40000 -> 10.2.1.10:443\n"
            "east-default-sg:egress all 0.0.0.0/0\n"
            "east-default-nacl:outbound rule 100 allow\n"
            "e:10.2.0.0/16 -> tgw-e\n"
            "tgw-e:receives by attachment att-e\n"
            "rt-e:10.2.0.0/16 -> peer-ew\n"
            "peer-ew:peering to transit gateway tgw-w\n"
            "rt-w:10.2.0.0/16 -> att-w (propagated)\n"
            "att-w:to vpc west by subnet w-a\n"
            "w:10.2.0.0/16 -> local\n"
            "w-a:same subnet: no NACL\n"
            "api:ingress tcp 443 10.1.0.0/16\n"
            "server:delivered\n"
            "|\n"
            "server:replies tcp 10.2.1.10:443 -> 10.1.1.10:40000\n"
            "api:egress: return traffic of an allowed connection (stateful)\n"
            "west-default-nacl:outbound rule 100 allow\n"
            "w:10.1.0.0/16 -> tgw-w\n"
            "tgw-w:receives by attachment att-w\n"
            "rt-w:10.1.0.0/16 -> peer-ew\n"
            "peer-ew:peering to transit gateway tgw-e\n"
            "rt-e:10.1.0.0/16 -> att-e (propagated)\n"
            "att-e:to vpc east by subnet e-a\n"
            "e:10.1.0.0/16 -> local\n"
            "e-a:same subnet: no NACL\n"
            "east-default-sg:ingress: return traffic of an allowed connection (stateful)\n"
            "client:delivered\n");
}

TEST(TransitGatewayPeeringTracerTest, WithoutTheStaticRouteBackTheReplyIsDropped) {
  // Propagation does not cross the peering: without the static route, tgw-w knows no way back.
  Network n = Load(Edit(
      kPeered,
      "rt-w: {transit_gateway: tgw-w, routes: [{destination: 10.1.0.0/16, attachment: peer-ew}]}",
      "rt-w: {transit_gateway: tgw-w}"));
  TraceResult t = Trace(n, "client", "10.2.1.10");
  EXPECT_TRUE(t.forward_arrived);
  EXPECT_FALSE(t.delivered);
  EXPECT_EQ(Codes(t), "NO_ROUTE_TO_DESTINATION");
  ASSERT_FALSE(t.explanations.empty());
  EXPECT_EQ(t.explanations[0].message,
            "transit gateway route table rt-w has no route to 10.1.1.10");
}

TEST(TransitGatewayPeeringTracerTest, APeeringWithoutATableOnThePeersSide) {
  Network n = Load(Edit(kPeered, ", peer_route_table: rt-w}", "}"));
  TraceResult t = Trace(n, "client", "10.2.1.10");
  EXPECT_FALSE(t.forward_arrived);
  EXPECT_EQ(Codes(t), "NO_ROUTE_TO_DESTINATION");
  ASSERT_FALSE(t.explanations.empty());
  EXPECT_EQ(t.explanations[0].message,
            "transit gateway attachment peer-ew (peering) on transit gateway tgw-w's side is "
            "associated with no transit gateway route table");
}

TEST(TransitGatewayPeeringTracerTest, StaticRoutesThatSendThePacketBackAndForthAreALoop) {
  Network n = Load(Looped());
  TraceResult t = Trace(n, "client", "10.3.0.10");
  EXPECT_FALSE(t.forward_arrived);
  EXPECT_EQ(Codes(t), "NO_PATH");
  ASSERT_FALSE(t.explanations.empty());
  EXPECT_EQ(t.explanations[0].message,
            "the packet for 10.3.0.10 crosses peering attachment peer-ew to transit gateway tgw-w "
            "a second time: the transit gateways' static routes send it round in a loop");
  // The opposite: where tgw-w routes 10.3.0.0/16 nowhere, the packet stops there, no loop.
  Network once = Load(Looped(/*back=*/false));
  EXPECT_EQ(Codes(Trace(once, "client", "10.3.0.10")), "NO_ROUTE_TO_DESTINATION");
}

// ---- peering: the solver -------------------------------------------------------------------

TEST(TransitGatewayPeeringSolverTest, AsTheTracerHasIt) {
  Manager();
  Network n = Load(kPeered);
  Solved s = Solve(n, "client", "server");
  EXPECT_TRUE(s.delivered ==
              (PacketSet::Value(Field::kSrc, Ip("10.1.1.10")) &
               PacketSet::Value(Field::kDst, Ip("10.2.1.10")) &
               PacketSet::Value(Field::kProtocol, kTcp) & PacketSet::Value(Field::kDstPort, 443)));
  Network no_way_back = Load(Edit(
      kPeered,
      "rt-w: {transit_gateway: tgw-w, routes: [{destination: 10.1.0.0/16, attachment: peer-ew}]}",
      "rt-w: {transit_gateway: tgw-w}"));
  Solved dropped = Solve(no_way_back, "client", "server");
  EXPECT_TRUE(dropped.delivered.IsEmpty());
  EXPECT_EQ(dropped.refusal.code, "NO_ROUTE_TO_DESTINATION");
  Network loop = Load(Looped());
  Solved looped = Solve(loop, "client", "10.3.0.10");
  EXPECT_TRUE(looped.delivered.IsEmpty());
  EXPECT_EQ(looped.refusal.code, "NO_PATH");
}

// ---- peering: CloudFormation ---------------------------------------------------------------

class TransitGatewayPeeringStackTest : public StackTest {};

constexpr char kPeeredTemplate[] = R"(Resources:
  East: {Type: AWS::EC2::TransitGateway, Properties: {DefaultRouteTableAssociation: disable, DefaultRouteTablePropagation: disable}}
  West: {Type: AWS::EC2::TransitGateway, Properties: {DefaultRouteTableAssociation: disable, DefaultRouteTablePropagation: disable}}
  RtE: {Type: AWS::EC2::TransitGatewayRouteTable, Properties: {TransitGatewayId: !Ref East}}
  RtW: {Type: AWS::EC2::TransitGatewayRouteTable, Properties: {TransitGatewayId: !Ref West}}
  Peer:
    Type: AWS::EC2::TransitGatewayPeeringAttachment
    Properties: {TransitGatewayId: !Ref East, PeerTransitGatewayId: !Ref West, PeerAccountId: '123456789012', PeerRegion: us-east-1}
  AssocE:
    Type: AWS::EC2::TransitGatewayRouteTableAssociation
    Properties: {TransitGatewayAttachmentId: !Ref Peer, TransitGatewayRouteTableId: !Ref RtE}
  AssocW:
    Type: AWS::EC2::TransitGatewayRouteTableAssociation
    Properties: {TransitGatewayAttachmentId: !Ref Peer, TransitGatewayRouteTableId: !Ref RtW}
  ToWest:
    Type: AWS::EC2::TransitGatewayRoute
    Properties: {TransitGatewayRouteTableId: !Ref RtE, DestinationCidrBlock: 10.2.0.0/16, TransitGatewayAttachmentId: !Ref Peer}
  Away:
    Type: AWS::EC2::TransitGatewayPeeringAttachment
    Properties: {TransitGatewayId: !Ref East, PeerTransitGatewayId: tgw-0123456789abcdef0, PeerAccountId: '123456789012', PeerRegion: eu-west-1}
  ToAway:
    Type: AWS::EC2::TransitGatewayRoute
    Properties: {TransitGatewayRouteTableId: !Ref RtE, DestinationCidrBlock: 10.9.0.0/16, TransitGatewayAttachmentId: !Ref Away}
)";

TEST_F(TransitGatewayPeeringStackTest, APeeringInTheStacksIsModelledAndOneOutsideIsNotFollowed) {
  LoadResult loaded = LoadOne(kPeeredTemplate);
  ASSERT_TRUE(loaded.ok()) << loaded.diagnostics.Format();
  const Model& m = loaded.model;
  const TransitGatewayAttachment& peer =
      loader_testing::Get(m.transit_gateway_attachments, "net/Peer");
  ASSERT_TRUE(peer.IsPeering());
  EXPECT_EQ(m.transit_gateway_route_tables[peer.route_table].id, "net/RtE");
  EXPECT_EQ(m.transit_gateway_route_tables[peer.peer_route_table].id, "net/RtW");
  const TransitGatewayRouteTable& e =
      loader_testing::Get(m.transit_gateway_route_tables, "net/RtE");
  ASSERT_EQ(e.routes.size(), 1u);  // the route to the peering outside the model is left out
  EXPECT_EQ(m.transit_gateway_attachments[e.routes[0].attachment].id, "net/Peer");
  // The peering in another region is not followed, so it voids proofs; the modelled one does not.
  EXPECT_EQ(m.Unfollowed(), std::vector<std::string>{"net/Away"});
}

// ---- appliance mode ------------------------------------------------------------------------

// A spoke and an inspection VPC with attachment subnets in zones b (listed first) and a; the
// zone b attachment subnet's NACL refuses everything.
constexpr char kAppliance[] = R"(vpcreach: 1
vpcs: {spoke: {cidr: 10.1.0.0/16}, insp: {cidr: 10.100.0.0/16}}
transit_gateways: {tgw: {}}
transit_gateway_attachments:
  att-spoke: {transit_gateway: tgw, vpc: spoke, subnets: [sp-a]}
  att-insp: {transit_gateway: tgw, vpc: insp, subnets: [in-tgw-b, in-tgw-a]}
subnets:
  sp-a: {vpc: spoke, cidr: 10.1.1.0/24, az: a, route_table: sp}
  in-tgw-a: {vpc: insp, cidr: 10.100.0.0/28, az: a, route_table: in}
  in-tgw-b: {vpc: insp, cidr: 10.100.0.16/28, az: b, route_table: in, network_acl: closed}
  in-app-a: {vpc: insp, cidr: 10.100.1.0/24, az: a, route_table: in}
route_tables:
  sp: {vpc: spoke, routes: [{destination: 10.100.0.0/16, target: tgw}]}
  in: {vpc: insp, routes: [{destination: 10.1.0.0/16, target: tgw}]}
network_acls:
  closed: {vpc: insp, ingress: [], egress: []}
security_groups:
  svc: {vpc: insp, ingress: [{protocol: tcp, ports: 443, cidr: 10.1.0.0/16}]}
enis:
  client: {subnet: sp-a, private_ip: 10.1.1.10}
  svc: {subnet: in-app-a, private_ip: 10.100.1.10, security_groups: [svc]}
)";

TEST(ApplianceModeTest, WithoutItTheTransitGatewayKeepsTheZone) {
  Network n = Load(kAppliance);
  TraceResult t = Trace(n, "client", "10.100.1.10");
  EXPECT_TRUE(t.delivered) << Codes(t);
  EXPECT_TRUE(Passes(t, "in-tgw-a") || Path(t).find("by subnet in-tgw-a") != std::string::npos);
  EXPECT_EQ(Path(t).find("in-tgw-b"), std::string::npos);
  Manager();
  EXPECT_TRUE(Reach443(n, "client", "svc").zone_choices.empty());
}

TEST(ApplianceModeTest, WithItOneZoneIsFollowedBothWaysAndProofsAreUndecided) {
  Network n = Load(Edit(kAppliance, "subnets: [in-tgw-b, in-tgw-a]}",
                        "subnets: [in-tgw-b, in-tgw-a], appliance_mode: true}"));
  TraceResult t = Trace(n, "client", "10.100.1.10");
  // The zone vpcreach follows is the attachment's first subnet, whose NACL refuses the packet
  // on its way out of it (traffic from the transit gateway meets the attachment subnet's
  // outbound rules).
  EXPECT_FALSE(t.delivered);
  EXPECT_EQ(Codes(t), "SUBNET_ACL_RESTRICTION");
  ASSERT_FALSE(t.explanations.empty());
  EXPECT_EQ(t.explanations[0].component, "closed");
  EXPECT_NE(Path(t).find("att-insp:to vpc insp by subnet in-tgw-b (appliance mode: one of its 2 "
                         "zones per flow, both ways; vpcreach follows this one)"),
            std::string::npos);
  Manager();
  ReachAnswer a = Reach443(n, "client", "svc");
  EXPECT_EQ(a.zone_choices, std::vector<std::string>{"att-insp"});
  // So "unreachable" is no proof: another zone may carry the flow.
  ExpectationResult r =
      CheckOne(Edit(kAppliance, "subnets: [in-tgw-b, in-tgw-a]}",
                    "subnets: [in-tgw-b, in-tgw-a], appliance_mode: true}"),
               "{name: closed, from: client, to: svc, port: 443, reachable: false}");
  EXPECT_FALSE(r.passed);
  EXPECT_TRUE(r.undecided);
  EXPECT_EQ(r.detail.substr(r.detail.find("); ")),
            "); transit gateway attachment att-insp runs in appliance mode: the transit gateway "
            "picks one of an attachment's zones per flow and vpcreach follows one, so nothing is "
            "proved of the flows it sends to the others");
  // The opposite: without appliance mode the same claim fails outright (zone a delivers).
  ExpectationResult plain =
      CheckOne(kAppliance, "{name: closed, from: client, to: svc, port: 443, reachable: false}");
  EXPECT_FALSE(plain.passed);
  EXPECT_FALSE(plain.undecided);
}

TEST(ApplianceModeTest, AnAttachmentInOneZoneHasNoChoiceToMake) {
  Network n = Load(Edit(kAppliance, "subnets: [in-tgw-b, in-tgw-a]}",
                        "subnets: [in-tgw-a], appliance_mode: true}"));
  Manager();
  EXPECT_TRUE(Reach443(n, "client", "svc").zone_choices.empty());
  EXPECT_TRUE(Trace(n, "client", "10.100.1.10").delivered);
}

// ---- private NAT gateways ------------------------------------------------------------------

// A private NAT gateway whose subnet routes other VPCs to a transit gateway and the rest to an
// internet gateway.
constexpr char kPrivateNat[] = R"(vpcreach: 1
vpcs: {a: {cidr: 10.1.0.0/16}, b: {cidr: 10.2.0.0/16}}
internet_gateways: {igw: {vpc: a}}
transit_gateways: {tgw: {}}
transit_gateway_attachments:
  att-a: {transit_gateway: tgw, vpc: a, subnets: [edge]}
  att-b: {transit_gateway: tgw, vpc: b, subnets: [b1]}
subnets:
  app: {vpc: a, cidr: 10.1.1.0/24, az: a, route_table: to-nat}
  edge: {vpc: a, cidr: 10.1.2.0/24, az: a, route_table: out}
  b1: {vpc: b, cidr: 10.2.1.0/24, az: a, route_table: back}
route_tables:
  to-nat: {vpc: a, routes: [{destination: 0.0.0.0/0, target: nat-p}]}
  out: {vpc: a, routes: [{destination: 10.2.0.0/16, target: tgw}, {destination: 0.0.0.0/0, target: igw}]}
  back: {vpc: b, routes: [{destination: 10.1.0.0/16, target: tgw}]}
nat_gateways: {nat-p: {subnet: edge, connectivity: private, private_ip: 10.1.2.10}}
security_groups:
  api: {vpc: b, ingress: [{protocol: tcp, ports: 443, cidr: 10.1.2.10/32}]}
enis:
  client: {subnet: app, private_ip: 10.1.1.10}
  server: {subnet: b1, private_ip: 10.2.1.10, security_groups: [api]}
)";

TEST(PrivateNatTest, ThroughATransitGatewayTheOtherVpcSeesTheNatGatewaysAddress) {
  Network n = Load(kPrivateNat);
  TraceResult t = Trace(n, "client", "10.2.1.10", kTcp, 443, 40000);
  EXPECT_TRUE(t.delivered) << Codes(t);
  EXPECT_TRUE(Passes(t, "nat-p"));
  EXPECT_TRUE(Passes(t, "tgw"));
  EXPECT_EQ(t.forward.back().packet.src, Ip("10.1.2.10"));
  // A client port below 1024 is remapped into the NAT gateway's 1024-65535.
  TraceResult low = Trace(n, "client", "10.2.1.10", kTcp, 443, 80);
  EXPECT_TRUE(low.delivered) << Codes(low);
  EXPECT_GE(low.forward.back().packet.src_port, 1024);
  Manager();
  Solved s = Solve(n, "client", "server");
  EXPECT_TRUE(s.delivered ==
              (PacketSet::Value(Field::kSrc, Ip("10.1.1.10")) &
               PacketSet::Value(Field::kDst, Ip("10.2.1.10")) &
               PacketSet::Value(Field::kProtocol, kTcp) & PacketSet::Value(Field::kDstPort, 443)));
  // The opposite: a group that admits the client's own address refuses what the NAT sends.
  Network direct = Load(Edit(kPrivateNat, "cidr: 10.1.2.10/32}", "cidr: 10.1.1.10/32}"));
  EXPECT_EQ(Codes(Trace(direct, "client", "10.2.1.10")), "ENI_SG_RULES_MISMATCH");
  EXPECT_TRUE(Solve(direct, "client", "server").delivered.IsEmpty());
}

TEST(PrivateNatTest, AnInternetGatewayDropsWhatAPrivateNatGatewaySends) {
  Network n = Load(kPrivateNat);
  TraceResult t = Trace(n, "client", "151.101.0.1");
  EXPECT_FALSE(t.delivered);
  EXPECT_EQ(Codes(t), "IGW_PUBLIC_IP_ASSOCIATION_FOR_EGRESS");
  ASSERT_FALSE(t.explanations.empty());
  EXPECT_EQ(t.explanations[0].message,
            "NAT gateway nat-p is private (no Elastic IP), so internet gateway igw cannot send "
            "its traffic to the internet");
  Manager();
  Solved s = Solve(n, "client", "internet");
  EXPECT_TRUE(s.delivered.IsEmpty());
  EXPECT_EQ(s.refusal.code, "IGW_PUBLIC_IP_ASSOCIATION_FOR_EGRESS");
  // The opposite: the same gateway made public, with an Elastic IP, reaches the internet.
  Network pub = Load(Edit(kPrivateNat, "connectivity: private,", "public_ip: 52.0.0.10,"));
  EXPECT_TRUE(Trace(pub, "client", "151.101.0.1").delivered);
  EXPECT_FALSE(Solve(pub, "client", "internet").delivered.IsEmpty());
}

}  // namespace
}  // namespace vpcreach::testing
