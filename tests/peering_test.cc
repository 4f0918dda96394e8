// VPC peering connections: the loader (native format and CloudFormation, and their errors), the
// tracer's and the solver's hop (sim/hops/peering.h), each behaviour with its opposite.
#include <gtest/gtest.h>

#include <string>

#include "sim/hops/peering.h"
#include "sim/query/model_diff.h"
#include "sim/report/trace_report.h"
#include "sim/solver.h"
#include "tests/cloudformation/stack_test_fixture.h"
#include "tests/loader_test_util.h"
#include "tests/test_util.h"

namespace vpcreach::testing {
namespace {

// A peering triangle with a gap: a-b and b-c are peered, a-c is not. Every table routes the
// other two VPCs' blocks (a and c through b), and a sends everything else to its peering too;
// b has a NAT gateway and an internet gateway a must not reach through the peering.
constexpr char kTriangle[] = R"(vpcreach: 1
vpcs: {a: {cidr: 10.1.0.0/16}, b: {cidr: 10.2.0.0/16}, c: {cidr: 10.3.0.0/16}}
peering_connections:
  pcx-ab: {requester: a, accepter: b}
  pcx-bc: {requester: b, accepter: c}
internet_gateways: {igw-b: {vpc: b}}
subnets:
  a1: {vpc: a, cidr: 10.1.1.0/24, az: a, route_table: rt-a}
  b1: {vpc: b, cidr: 10.2.1.0/24, az: a, route_table: rt-b}
  bpub: {vpc: b, cidr: 10.2.0.0/24, az: a, route_table: rt-bpub}
  c1: {vpc: c, cidr: 10.3.1.0/24, az: a, route_table: rt-c}
route_tables:
  rt-a: {vpc: a, routes: [{destination: 10.2.0.0/16, target: pcx-ab}, {destination: 10.3.0.0/16, target: pcx-ab}, {destination: 0.0.0.0/0, target: pcx-ab}]}
  rt-b: {vpc: b, routes: [{destination: 10.1.0.0/16, target: pcx-ab}, {destination: 10.3.0.0/16, target: pcx-bc}, {destination: 0.0.0.0/0, target: nat-b}]}
  rt-bpub: {vpc: b, routes: [{destination: 0.0.0.0/0, target: igw-b}, {destination: 10.1.0.0/16, target: pcx-ab}]}
  rt-c: {vpc: c, routes: [{destination: 10.2.0.0/16, target: pcx-bc}, {destination: 10.1.0.0/16, target: pcx-bc}]}
nat_gateways: {nat-b: {subnet: bpub, public_ip: 52.0.0.2}}
security_groups:
  app-a: {vpc: a}
  app-b: {vpc: b, ingress: [{protocol: tcp, ports: 443, security_group: app-a}]}
  app-c: {vpc: c, ingress: [{protocol: tcp, ports: 443, cidr: 10.0.0.0/8}]}
enis:
  host-a: {subnet: a1, private_ip: 10.1.1.10, security_groups: [app-a]}
  host-b: {subnet: b1, private_ip: 10.2.1.10, security_groups: [app-b]}
  host-c: {subnet: c1, private_ip: 10.3.1.10, security_groups: [app-c]}
  router-a: {subnet: a1, private_ip: 10.1.1.20, source_dest_check: false}
)";

// ---- the loader ------------------------------------------------------------------------------

TEST(PeeringLoaderTest, PeeringConnectionsAndTheirRoutesLoad) {
  Model m = loader_testing::LoadValid(kTriangle);
  ASSERT_EQ(m.peering_connections.size(), 2u);
  const PeeringConnection& ab = loader_testing::Get(m.peering_connections, "pcx-ab");
  EXPECT_EQ(m.vpcs[ab.requester].id, "a");
  EXPECT_EQ(m.vpcs[ab.accepter].id, "b");
  EXPECT_EQ(ab.PeerOf(ab.requester), ab.accepter);
  EXPECT_EQ(ab.PeerOf(ab.accepter), ab.requester);
  EXPECT_TRUE(m.ArePeered(ab.requester, ab.accepter));
  EXPECT_FALSE(m.ArePeered(ab.requester, loader_testing::IndexOf(m.vpcs, "c")));
  const RouteTable& rt = loader_testing::Get(m.route_tables, "rt-a");
  int to_pcx = 0;
  for (const Route& r : rt.routes) {
    if (r.target != RouteTarget::kPeeringConnection) continue;
    ++to_pcx;
    EXPECT_EQ(m.peering_connections[r.target_index].id, "pcx-ab");
  }
  EXPECT_EQ(to_pcx, 3);
}

TEST(PeeringLoaderTest, UnknownVpcOfAPeeringConnection) {
  EXPECT_EQ(loader_testing::Load(Edit(kTriangle, "{requester: b, accepter: c}",
                                      "{requester: b, accepter: d}"))
                .diagnostics.Format(),
            "s.yaml:5:36: peering_connections.pcx-bc.accepter: unknown vpc 'd'; did you mean "
            "'a'?\n"
            "      pcx-bc: {requester: b, accepter: d}\n"
            "                                       ^\n");
}

TEST(PeeringLoaderTest, APeeringConnectionJoinsTwoVpcs) {
  EXPECT_EQ(loader_testing::Load(Edit(kTriangle, "{requester: b, accepter: c}",
                                      "{requester: b, accepter: b}"))
                .diagnostics.Format(),
            "s.yaml:5:36: peering_connections.pcx-bc.accepter: a peering connection joins two "
            "VPCs; requester and accepter are both vpc b\n"
            "      pcx-bc: {requester: b, accepter: b}\n"
            "                                       ^\n");
}

TEST(PeeringLoaderTest, OverlappingVpcsCannotBePeered) {
  EXPECT_EQ(loader_testing::OnlyProblem(
                Edit(kTriangle, "c: {cidr: 10.3.0.0/16}", "c: {cidrs: [10.3.0.0/16, 10.2.128.0/17]}")),
            "s.yaml:5:36: peering_connections.pcx-bc.accepter: vpc b (10.2.0.0/16) and vpc c "
            "(10.2.128.0/17) overlap: AWS cannot peer VPCs whose IPv4 blocks overlap");
}

TEST(PeeringLoaderTest, OnePeeringConnectionBetweenTwoVpcs) {
  EXPECT_EQ(loader_testing::OnlyProblem(Edit(kTriangle, "  pcx-bc: {requester: b, accepter: c}\n",
                                             "  pcx-bc: {requester: b, accepter: c}\n"
                                             "  pcx-cb: {requester: c, accepter: b}\n")),
            "s.yaml:6:36: peering_connections.pcx-cb.accepter: vpc c and vpc b are peered already "
            "by pcx-bc (s.yaml:5:3): AWS allows one active peering connection between two VPCs");
}

TEST(PeeringLoaderTest, UnknownPeeringConnectionAsARouteTarget) {
  EXPECT_EQ(loader_testing::OnlyProblem(
                Edit(kTriangle, "{destination: 10.2.0.0/16, target: pcx-bc}",
                     "{destination: 10.2.0.0/16, target: pcx-ca}")),
            "s.yaml:16:62: route_tables.rt-c.routes[0].target: unknown peering connection "
            "'pcx-ca'; did you mean 'pcx-ab'?");
  EXPECT_EQ(loader_testing::OnlyProblem(
                Edit(kTriangle, "{destination: 10.2.0.0/16, target: pcx-bc}",
                     "{destination: 10.2.0.0/16, target: pcx-0123456789abcdef0}")),
            "s.yaml:16:62: route_tables.rt-c.routes[0].target: unknown peering connection "
            "'pcx-0123456789abcdef0'; declare it under peering_connections with its requester "
            "and accepter VPCs");
}

TEST(PeeringLoaderTest, OnlyThePeeredVpcsRouteToAPeeringConnection) {
  EXPECT_EQ(loader_testing::OnlyProblem(
                Edit(kTriangle, "{destination: 10.2.0.0/16, target: pcx-bc}",
                     "{destination: 10.2.0.0/16, target: pcx-ab}")),
            "s.yaml:16:62: route_tables.rt-c.routes[0].target: peering connection pcx-ab joins "
            "vpc a and vpc b, not vpc c; only their route tables can route to it");
}

TEST(PeeringLoaderTest, SecurityGroupsNameGroupsOfAPeeredVpcOnly) {
  // app-b names app-a across pcx-ab: loads. app-c naming app-a (c and a are not peered) does not.
  loader_testing::LoadValid(kTriangle);
  EXPECT_EQ(loader_testing::OnlyProblem(
                Edit(kTriangle, "ports: 443, cidr: 10.0.0.0/8}", "ports: 443, security_group: app-a}")),
            "s.yaml:21:73: security_groups.app-c.ingress[0].security_group: security group app-a "
            "is in vpc a, not in vpc c");
}

// ---- the tracer ----------------------------------------------------------------------------

TEST(PeeringTracerTest, APacketCrossesIntoThePeerVpcAndItsReplyComesBack) {
  Network n = Load(kTriangle);
  TraceResult t = Trace(n, "host-a", "10.2.1.10");
  EXPECT_TRUE(t.delivered) << Codes(t);
  EXPECT_TRUE(Passes(t, "pcx-ab"));
  EXPECT_TRUE(Passes(t, kKindPeeringConnection));
  EXPECT_EQ(Path(t),
            "host-a:sends tcp 10.1.1.10:40000 -> 10.2.1.10:443\n"
            "app-a:egress all 0.0.0.0/0\n"
            "a-default-nacl:outbound rule 100 allow\n"
            "rt-a:10.2.0.0/16 -> pcx-ab\n"
            "pcx-ab:to vpc b\n"
            "b1:enters\n"
            "b-default-nacl:inbound rule 100 allow\n"
            "app-b:ingress tcp 443 sg app-a\n"
            "host-b:delivered\n"
            "|\n"
            "host-b:replies tcp 10.2.1.10:443 -> 10.1.1.10:40000\n"
            "app-b:egress: return traffic of an allowed connection (stateful)\n"
            "b-default-nacl:outbound rule 100 allow\n"
            "rt-b:10.1.0.0/16 -> pcx-ab\n"
            "pcx-ab:to vpc a\n"
            "a1:enters\n"
            "a-default-nacl:inbound rule 100 allow\n"
            "app-a:ingress: return traffic of an allowed connection (stateful)\n"
            "host-a:delivered\n");
  // The reply takes b's route back through the same peering.
  bool back = false;
  for (const Hop& h : t.reverse) back = back || h.component == "pcx-ab";
  EXPECT_TRUE(back);
  // The group of b admits a's group across the peering, and only it: b's own host is refused.
  EXPECT_FALSE(Trace(n, "router-a", "10.2.1.10").delivered);
  EXPECT_EQ(Codes(Trace(n, "router-a", "10.2.1.10")), "ENI_SG_RULES_MISMATCH");
}

TEST(PeeringTracerTest, NoTransitiveRoutingThroughThePeeredVpc) {
  Network n = Load(kTriangle);
  // b reaches c ...
  EXPECT_TRUE(Trace(n, "host-b", "10.3.1.10").delivered);
  // ... and a reaches b, but a does not reach c through b.
  TraceResult t = Trace(n, "host-a", "10.3.1.10");
  EXPECT_FALSE(t.delivered);
  EXPECT_EQ(Codes(t), kPcxDestinationNotInPeerVpc);
  ASSERT_FALSE(t.explanations.empty());
  EXPECT_EQ(t.explanations[0].message,
            "peering connection pcx-ab delivers only to addresses of vpc b (10.2.0.0/16), not to "
            "10.3.1.10: no transitive routing through a peered VPC");
  // Nor from c to a.
  EXPECT_EQ(Codes(Trace(n, "host-c", "10.1.1.10")), kPcxDestinationNotInPeerVpc);
}

TEST(PeeringTracerTest, NoEdgeToEdgeThroughThePeersGateways) {
  Network n = Load(kTriangle);
  // b's own host reaches the internet through its NAT gateway ...
  EXPECT_TRUE(Trace(n, "host-b", "151.101.0.1").delivered);
  // ... a's default route to the peering does not lead through it.
  TraceResult t = Trace(n, "host-a", "151.101.0.1");
  EXPECT_FALSE(t.delivered);
  EXPECT_EQ(Codes(t), kPcxDestinationNotInPeerVpc);
  EXPECT_FALSE(Passes(t, "nat-b"));
  // A packet that does not come from a's addresses (an appliance forwarding someone else's)
  // does not cross either.
  TraceResult spoofed = Trace(n, "router-a", "10.2.1.10", kTcp, 443, 40000, "203.0.113.5");
  EXPECT_FALSE(spoofed.delivered);
  EXPECT_EQ(Codes(spoofed), kPcxSourceNotInVpc);
}

TEST(PeeringTracerTest, TheReplyNeedsThePeersRouteBack) {
  Network n = Load(Edit(kTriangle, "{destination: 10.1.0.0/16, target: pcx-ab}, {destination: 10.3",
                        "{destination: 10.1.0.0/16, target: blackhole}, {destination: 10.3"));
  TraceResult t = Trace(n, "host-a", "10.2.1.10");
  EXPECT_TRUE(t.forward_arrived);
  EXPECT_FALSE(t.delivered);
  EXPECT_EQ(Codes(t), "BAD_STATE_ROUTE");
}

TEST(PeeringTracerTest, AnAddressOfThePeerThatNoSubnetHolds) {
  Network n = Load(kTriangle);
  TraceResult t = Trace(n, "host-a", "10.2.200.1");
  EXPECT_FALSE(t.delivered);
  EXPECT_EQ(Codes(t), "UNKNOWN_DESTINATION");
}

// A private NAT gateway in front of a peering: what crosses carries the NAT gateway's address,
// which the peer's group must admit (and the reply is translated back on its way home).
constexpr char kPrivateNat[] = R"(vpcreach: 1
vpcs: {a: {cidr: 10.1.0.0/16}, b: {cidr: 10.2.0.0/16}}
peering_connections: {pcx-ab: {requester: a, accepter: b}}
subnets:
  app: {vpc: a, cidr: 10.1.1.0/24, az: a, route_table: to-nat}
  edge: {vpc: a, cidr: 10.1.2.0/24, az: a, route_table: to-pcx}
  b1: {vpc: b, cidr: 10.2.1.0/24, az: a, route_table: back}
route_tables:
  to-nat: {vpc: a, routes: [{destination: 10.2.0.0/16, target: nat-p}]}
  to-pcx: {vpc: a, routes: [{destination: 10.2.0.0/16, target: pcx-ab}]}
  back: {vpc: b, routes: [{destination: 10.1.0.0/16, target: pcx-ab}]}
nat_gateways: {nat-p: {subnet: edge, connectivity: private, private_ip: 10.1.2.10}}
security_groups:
  api: {vpc: b, ingress: [{protocol: tcp, ports: 443, cidr: 10.1.2.0/24}]}
enis:
  client: {subnet: app, private_ip: 10.1.1.10}
  server: {subnet: b1, private_ip: 10.2.1.10, security_groups: [api]}
)";

TEST(PeeringTracerTest, APrivateNatGatewayTranslatesWhatCrossesThePeering) {
  Network n = Load(kPrivateNat);
  TraceResult t = Trace(n, "client", "10.2.1.10");
  EXPECT_TRUE(t.delivered) << Codes(t);
  EXPECT_TRUE(Passes(t, "nat-p"));
  EXPECT_TRUE(Passes(t, "pcx-ab"));
  EXPECT_EQ(t.forward.back().packet.src, Ip("10.1.2.10"));
  // A group that admits the client's own subnet refuses it: the packet carries the NAT's address.
  Network direct = Load(Edit(kPrivateNat, "cidr: 10.1.2.0/24}]}", "cidr: 10.1.1.0/24}]}"));
  EXPECT_EQ(Codes(Trace(direct, "client", "10.2.1.10")), "ENI_SG_RULES_MISMATCH");
}

TEST(PeeringTracerTest, TheTraceAndTheDiffNameThePeeringConnection) {
  Network n = Load(kTriangle);
  TraceResult t = Trace(n, "host-a", "10.2.1.10");
  bool labelled = false;
  for (const Hop& h : t.forward) labelled = labelled || ComponentLabel(h) == "pcx pcx-ab";
  EXPECT_TRUE(labelled);
  // A peering connection removed (its routes now blackholes) is a component change.
  Network after = Load(Edit(Edit(Edit(kTriangle, "  pcx-bc: {requester: b, accepter: c}\n", ""),
                                 "{destination: 10.3.0.0/16, target: pcx-bc}",
                                 "{destination: 10.3.0.0/16, target: blackhole}"),
                            "routes: [{destination: 10.2.0.0/16, target: pcx-bc}, "
                            "{destination: 10.1.0.0/16, target: pcx-bc}]",
                            "routes: []"));
  ModelDiff diff = DiffModels(*n.model, *after.model);
  bool removed = false;
  for (const ComponentChange& c : diff.changes) {
    removed = removed || (c.kind == kKindPeeringConnection && c.id == "pcx-bc" &&
                          c.Label() == "pcx pcx-bc");
  }
  EXPECT_TRUE(removed);
}

// ---- the solver ----------------------------------------------------------------------------


TEST(PeeringSolverTest, DeliversAcrossThePeeringExactlyWhatTheGroupsAdmit) {
  Manager();
  Network n = Load(kTriangle);
  Solved s = Solve(n, "host-a", "host-b");
  PacketSet expected = PacketSet::Value(Field::kSrc, Ip("10.1.1.10")) &
                       PacketSet::Value(Field::kDst, Ip("10.2.1.10")) &
                       PacketSet::Value(Field::kProtocol, kTcp) &
                       PacketSet::Value(Field::kDstPort, 443);
  EXPECT_TRUE(s.delivered == expected);
  // Without the route back, nothing.
  Network cut = Load(Edit(kTriangle, "{destination: 10.1.0.0/16, target: pcx-ab}, {destination: 10.3",
                          "{destination: 10.1.0.0/16, target: blackhole}, {destination: 10.3"));
  Solved none = Solve(cut, "host-a", "host-b");
  EXPECT_TRUE(none.delivered.IsEmpty());
  EXPECT_EQ(none.refusal.code, "BAD_STATE_ROUTE");
}

TEST(PeeringSolverTest, NothingTransitsThePeeredVpc) {
  Manager();
  Network n = Load(kTriangle);
  EXPECT_FALSE(Solve(n, "host-b", "host-c").delivered.IsEmpty());
  Solved s = Solve(n, "host-a", "host-c");
  EXPECT_TRUE(s.delivered.IsEmpty());
  EXPECT_EQ(s.refusal.code, kPcxDestinationNotInPeerVpc);
  EXPECT_EQ(s.refusal.component, "pcx-ab");
  Solved internet = Solve(n, "host-a", "internet");
  EXPECT_TRUE(internet.delivered.IsEmpty());
  EXPECT_EQ(internet.refusal.code, kPcxDestinationNotInPeerVpc);
  EXPECT_FALSE(Solve(n, "host-b", "internet").delivered.IsEmpty());
}

TEST(PeeringSolverTest, AgreesWithTheTracerOnEveryRefusal) {
  Manager();
  Network n = Load(kTriangle);
  Solver solver(*n.model, *n.graph);
  std::string error;
  Origin router = ResolveEndpoint(*n.model, "router-a", &error)->Origins(*n.model).front();
  // The appliance may send from any address (its check is off): someone else's do not cross.
  PacketSet asked = PacketSet::Value(Field::kDst, Ip("10.2.1.10")) &
                    PacketSet::Prefix(Field::kSrc, *ParseCidr("203.0.113.0/24")) &
                    PacketSet::Value(Field::kProtocol, kTcp) &
                    PacketSet::Value(Field::kDstPort, 443);
  router.addresses = IpRangeSet();
  router.addresses.Add(*ParseCidr("0.0.0.0/0"));
  ReachResult r = solver.Reach(router, asked);
  EXPECT_TRUE(r.classes.empty());
  EXPECT_EQ(r.refusal.code, kPcxSourceNotInVpc);
  EXPECT_EQ(r.refusal.component, "pcx-ab");
  // The same requests from the appliance's own address cross (and meet b's group).
  PacketSet own = PacketSet::Value(Field::kDst, Ip("10.2.1.10")) &
                  PacketSet::Value(Field::kSrc, Ip("10.1.1.20"));
  ReachResult mine = solver.Reach(router, own);
  EXPECT_TRUE(mine.classes.empty());
  EXPECT_NE(mine.refusal.code, kPcxSourceNotInVpc);
}

TEST(PeeringSolverTest, APrivateNatGatewayTranslatesWhatCrossesThePeering) {
  Manager();
  Network n = Load(kPrivateNat);
  Solved s = Solve(n, "client", "server");
  EXPECT_TRUE(s.delivered == (PacketSet::Value(Field::kSrc, Ip("10.1.1.10")) &
                              PacketSet::Value(Field::kDst, Ip("10.2.1.10")) &
                              PacketSet::Value(Field::kProtocol, kTcp) &
                              PacketSet::Value(Field::kDstPort, 443)));
  Network direct = Load(Edit(kPrivateNat, "cidr: 10.1.2.0/24}]}", "cidr: 10.1.1.0/24}]}"));
  EXPECT_TRUE(Solve(direct, "client", "server").delivered.IsEmpty());
}

// ---- CloudFormation ------------------------------------------------------------------------

class PeeringStackTest : public StackTest {};

constexpr char kPeeringTemplate[] = R"(Resources:
  A: {Type: AWS::EC2::VPC, Properties: {CidrBlock: 10.1.0.0/16}}
  B: {Type: AWS::EC2::VPC, Properties: {CidrBlock: 10.2.0.0/16}}
  AB:
    Type: AWS::EC2::VPCPeeringConnection
    Properties: {VpcId: !Ref A, PeerVpcId: !Ref B}
  SubnetA: {Type: AWS::EC2::Subnet, Properties: {VpcId: !Ref A, CidrBlock: 10.1.1.0/24}}
  SubnetB: {Type: AWS::EC2::Subnet, Properties: {VpcId: !Ref B, CidrBlock: 10.2.1.0/24}}
  TableA: {Type: AWS::EC2::RouteTable, Properties: {VpcId: !Ref A}}
  TableB: {Type: AWS::EC2::RouteTable, Properties: {VpcId: !Ref B}}
  AssocA: {Type: AWS::EC2::SubnetRouteTableAssociation, Properties: {SubnetId: !Ref SubnetA, RouteTableId: !Ref TableA}}
  AssocB: {Type: AWS::EC2::SubnetRouteTableAssociation, Properties: {SubnetId: !Ref SubnetB, RouteTableId: !Ref TableB}}
  ToB:
    Type: AWS::EC2::Route
    Properties: {RouteTableId: !Ref TableA, DestinationCidrBlock: 10.2.0.0/16, VpcPeeringConnectionId: !Ref AB}
  ToA:
    Type: AWS::EC2::Route
    Properties: {RouteTableId: !Ref TableB, DestinationCidrBlock: 10.1.0.0/16, VpcPeeringConnectionId: !Ref AB}
  HostA: {Type: AWS::EC2::NetworkInterface, Properties: {SubnetId: !Ref SubnetA, PrivateIpAddress: 10.1.1.10}}
  HostB: {Type: AWS::EC2::NetworkInterface, Properties: {SubnetId: !Ref SubnetB, PrivateIpAddress: 10.2.1.10}}
)";

// The same network in the native format, with the stack's ids.
constexpr char kPeeringNative[] = R"(vpcreach: 1
vpcs: {net/A: {cidr: 10.1.0.0/16}, net/B: {cidr: 10.2.0.0/16}}
peering_connections: {net/AB: {requester: net/A, accepter: net/B}}
subnets:
  net/SubnetA: {vpc: net/A, cidr: 10.1.1.0/24, az: us-east-1a, route_table: net/TableA}
  net/SubnetB: {vpc: net/B, cidr: 10.2.1.0/24, az: us-east-1a, route_table: net/TableB}
route_tables:
  net/TableA: {vpc: net/A, routes: [{destination: 10.2.0.0/16, target: net/AB}]}
  net/TableB: {vpc: net/B, routes: [{destination: 10.1.0.0/16, target: net/AB}]}
enis:
  net/HostA: {subnet: net/SubnetA, private_ip: 10.1.1.10}
  net/HostB: {subnet: net/SubnetB, private_ip: 10.2.1.10}
)";

TEST_F(PeeringStackTest, TheStackAndTheNativeFormatGiveTheSameModel) {
  LoadResult stack = LoadOne(kPeeringTemplate);
  ASSERT_TRUE(stack.ok()) << stack.diagnostics.Format();
  LoadResult native = LoadScenarioText("n.yaml", kPeeringNative);
  ASSERT_TRUE(native.ok()) << native.diagnostics.Format();
  EXPECT_EQ(stack.model.CheckInvariants(), "");
  for (const Model* m : {&stack.model, &native.model}) {
    ASSERT_EQ(m->peering_connections.size(), 1u);
    const PeeringConnection& pcx = m->peering_connections[0];
    EXPECT_EQ(pcx.id, "net/AB");
    EXPECT_EQ(m->vpcs[pcx.requester].id, "net/A");
    EXPECT_EQ(m->vpcs[pcx.accepter].id, "net/B");
  }
  ASSERT_EQ(stack.model.route_tables.size(), native.model.route_tables.size());
  for (Index t = 0; t < stack.model.route_tables.size(); ++t) {
    const RouteTable& a = stack.model.route_tables[t];
    const RouteTable& b = native.model.route_tables[t];
    EXPECT_EQ(a.id, b.id);
    ASSERT_EQ(a.routes.size(), b.routes.size()) << a.id;
    for (size_t k = 0; k < a.routes.size(); ++k) {
      EXPECT_EQ(a.routes[k].destination_cidr, b.routes[k].destination_cidr);
      EXPECT_EQ(a.routes[k].target, b.routes[k].target);
      EXPECT_EQ(a.routes[k].target_index, b.routes[k].target_index);
    }
  }
  ForwardingGraph graph(stack.model);
  Tracer tracer(stack.model, graph);
  std::string error;
  Origin host = ResolveEndpoint(stack.model, "net/HostA", &error)->Origins(stack.model).front();
  TraceResult t = tracer.Trace(host, Packet{Ip("10.1.1.10"), Ip("10.2.1.10"), kTcp, 40000, 443});
  // Across the peering to b's default group, which admits only its own members.
  EXPECT_TRUE(t.forward_arrived);
  EXPECT_TRUE(t.Components().count("net/AB"));
  EXPECT_EQ(Codes(t), "ENI_SG_RULES_MISMATCH");
}

TEST_F(PeeringStackTest, ARouteToAPeeringConnectionOutsideTheStacksIsAnError) {
  std::string text = Edit(kPeeringTemplate, "VpcPeeringConnectionId: !Ref AB}\n  ToA",
                          "VpcPeeringConnectionId: pcx-0123456789abcdef0}\n  ToA");
  EXPECT_EQ(OnlyProblem(LoadOne(text)),
            "DIR/t.yaml:15:104: Resources.ToB.Properties.VpcPeeringConnectionId: unknown peering "
            "connection 'pcx-0123456789abcdef0'; declare it under peering_connections with its "
            "requester and accepter VPCs");
}

TEST_F(PeeringStackTest, APeerOutsideTheStacksIsAWarningAndItsRoutesAreLeftOut) {
  std::string text = Edit(kPeeringTemplate, "PeerVpcId: !Ref B}", "PeerVpcId: vpc-0a1b2c3d}");
  LoadResult loaded = LoadOne(text);
  ASSERT_TRUE(loaded.ok()) << loaded.diagnostics.Format();
  EXPECT_TRUE(loaded.model.peering_connections.empty());
  bool warned = false;
  for (const IgnoredResource& r : loaded.model.ignored_resources) {
    if (r.id != "net/AB") continue;
    warned = true;
    EXPECT_TRUE(r.shapes_reachability);
    EXPECT_EQ(r.Warning(),
              "net/AB (AWS::EC2::VPCPeeringConnection) is not modelled (its peer VPC "
              "vpc-0a1b2c3d is not in the scenario's stacks (another account's or stack's)): "
              "what it reaches and what reaches it is not checked");
  }
  EXPECT_TRUE(warned);
}

TEST_F(PeeringStackTest, OverlappingVpcsAreReportedAtTheTemplate) {
  std::string text = Edit(kPeeringTemplate, "{CidrBlock: 10.2.0.0/16}", "{CidrBlock: 10.1.0.0/16}");
  text = Edit(text, "CidrBlock: 10.2.1.0/24", "CidrBlock: 10.1.2.0/24");
  text = Edit(text, "PrivateIpAddress: 10.2.1.10", "PrivateIpAddress: 10.1.2.10");
  EXPECT_EQ(OnlyProblem(LoadOne(text)),
            "DIR/t.yaml:6:44: Resources.AB.Properties.PeerVpcId: vpc net/A (10.1.0.0/16) and vpc "
            "net/B (10.1.0.0/16) overlap: AWS cannot peer VPCs whose IPv4 blocks overlap");
}

}  // namespace
}  // namespace vpcreach::testing
