// Transit gateways: the loader (native format and CloudFormation, and their errors), the
// tracer's and the solver's hop (sim/hops/transit_gateway.h), each behaviour with its opposite.
#include <gtest/gtest.h>

#include <string>

#include "sim/hops/transit_gateway.h"
#include "sim/query/model_diff.h"
#include "sim/solver.h"
#include "tests/cloudformation/stack_test_fixture.h"
#include "tests/loader_test_util.h"
#include "tests/test_util.h"

namespace vpcreach::testing {
namespace {

// Hub and spoke: two spokes and a shared-services VPC on one transit gateway, without its
// default tables. The spokes' table holds what shared services propagate, the services' table
// what the spokes propagate: spokes reach shared services and not each other. Spoke 1's
// attachment has a subnet in zone a only.
constexpr char kHub[] = R"(vpcreach: 1
vpcs: {spoke1: {cidr: 10.1.0.0/16}, spoke2: {cidr: 10.2.0.0/16}, shared: {cidr: 10.100.0.0/16}}
transit_gateways:
  tgw: {default_route_table_association: false, default_route_table_propagation: false}
transit_gateway_route_tables:
  spokes: {transit_gateway: tgw}
  services: {transit_gateway: tgw}
transit_gateway_attachments:
  att-spoke1: {transit_gateway: tgw, vpc: spoke1, subnets: [s1-tgw-a], route_table: spokes, propagate_to: [services]}
  att-spoke2: {transit_gateway: tgw, vpc: spoke2, subnets: [s2-tgw-a, s2-tgw-b], route_table: spokes, propagate_to: [services]}
  att-shared: {transit_gateway: tgw, vpc: shared, subnets: [sh-tgw-a, sh-tgw-b], route_table: services, propagate_to: [spokes]}
subnets:
  s1-app-a: {vpc: spoke1, cidr: 10.1.1.0/24, az: a, route_table: s1}
  s1-app-b: {vpc: spoke1, cidr: 10.1.2.0/24, az: b, route_table: s1}
  s1-tgw-a: {vpc: spoke1, cidr: 10.1.0.0/28, az: a, route_table: s1}
  s2-app-a: {vpc: spoke2, cidr: 10.2.1.0/24, az: a, route_table: s2}
  s2-tgw-a: {vpc: spoke2, cidr: 10.2.0.0/28, az: a}
  s2-tgw-b: {vpc: spoke2, cidr: 10.2.0.16/28, az: b}
  sh-app-a: {vpc: shared, cidr: 10.100.1.0/24, az: a, route_table: sh}
  sh-tgw-a: {vpc: shared, cidr: 10.100.0.0/28, az: a}
  sh-tgw-b: {vpc: shared, cidr: 10.100.0.16/28, az: b}
route_tables:
  s1: {vpc: spoke1, routes: [{destination: 10.0.0.0/8, target: tgw}]}
  s2: {vpc: spoke2, routes: [{destination: 10.0.0.0/8, target: tgw}]}
  sh: {vpc: shared, routes: [{destination: 10.0.0.0/8, target: tgw}]}
security_groups:
  open1: {vpc: spoke1, ingress: [{protocol: all, cidr: 10.0.0.0/8}]}
  open2: {vpc: spoke2, ingress: [{protocol: all, cidr: 10.0.0.0/8}]}
  svc: {vpc: shared, ingress: [{protocol: tcp, ports: 443, cidr: 10.0.0.0/8}]}
enis:
  app1: {subnet: s1-app-a, private_ip: 10.1.1.10, security_groups: [open1]}
  app1b: {subnet: s1-app-b, private_ip: 10.1.2.10, security_groups: [open1]}
  app2: {subnet: s2-app-a, private_ip: 10.2.1.10, security_groups: [open2]}
  svc: {subnet: sh-app-a, private_ip: 10.100.1.10, security_groups: [svc]}
)";

// ---- the loader ------------------------------------------------------------------------------

TEST(TransitGatewayLoaderTest, AttachmentsTablesAndPropagatedRoutes) {
  Model m = loader_testing::LoadValid(kHub);
  ASSERT_EQ(m.transit_gateways.size(), 1u);
  EXPECT_EQ(m.transit_gateways[0].default_route_table, kNone);  // both defaults off
  const TransitGatewayRouteTable& spokes = loader_testing::Get(m.transit_gateway_route_tables, "spokes");
  ASSERT_EQ(spokes.routes.size(), 1u);
  EXPECT_EQ(spokes.routes[0].destination.ToString(), "10.100.0.0/16");
  EXPECT_TRUE(spokes.routes[0].propagated);
  EXPECT_EQ(m.transit_gateway_attachments[spokes.routes[0].attachment].id, "att-shared");
  const TransitGatewayRouteTable& services = loader_testing::Get(m.transit_gateway_route_tables, "services");
  EXPECT_EQ(services.routes.size(), 2u);
}

TEST(TransitGatewayLoaderTest, DefaultTablesAssociateAndPropagateUnlessDisabled) {
  Model m = loader_testing::LoadValid(Edit(
      kHub, "tgw: {default_route_table_association: false, default_route_table_propagation: false}",
      "tgw: {}"));
  const TransitGateway& tgw = m.transit_gateways[0];
  ASSERT_NE(tgw.default_route_table, kNone);
  const TransitGatewayRouteTable& table = m.transit_gateway_route_tables[tgw.default_route_table];
  EXPECT_EQ(table.id, "tgw-default");
  EXPECT_TRUE(table.synthesized);
  EXPECT_EQ(table.routes.size(), 3u);  // every attachment's VPC block
  // Written associations stay; propagation to the default table comes on top of written ones.
  EXPECT_EQ(m.transit_gateway_route_tables[loader_testing::Get(m.transit_gateway_attachments, "att-spoke1").route_table].id,
            "spokes");
}

TEST(TransitGatewayLoaderTest, AnAttachmentSubnetOfAnotherVpc) {
  EXPECT_EQ(loader_testing::OnlyProblem(Edit(kHub, "subnets: [s1-tgw-a]", "subnets: [sh-app-a]")),
            "s.yaml:9:61: transit_gateway_attachments.att-spoke1.subnets[0]: subnet sh-app-a is in "
            "vpc shared, not in vpc spoke1");
}

TEST(TransitGatewayLoaderTest, OneAttachmentSubnetPerZone) {
  EXPECT_EQ(loader_testing::OnlyProblem(Edit(kHub, "subnets: [s1-tgw-a]", "subnets: [s1-tgw-a, s1-app-a]")),
            "s.yaml:9:71: transit_gateway_attachments.att-spoke1.subnets[1]: subnet s1-app-a is in "
            "us-east-1a like subnet s1-tgw-a; a transit gateway attachment takes one subnet per "
            "availability zone");
}

TEST(TransitGatewayLoaderTest, ARouteToATransitGatewayTheVpcIsNotAttachedTo) {
  EXPECT_EQ(loader_testing::OnlyProblem(Edit(
                kHub, "  att-spoke2: {transit_gateway: tgw, vpc: spoke2, subnets: [s2-tgw-a, s2-tgw-b], route_table: spokes, propagate_to: [services]}\n", "")),
            "s.yaml:23:64: route_tables.s2.routes[0].target: vpc spoke2 has no attachment to transit "
            "gateway tgw; attach it (transit_gateway_attachments) to route to it");
}

TEST(TransitGatewayLoaderTest, UnknownTransitGatewayAndTableOfAnotherGateway) {
  EXPECT_EQ(loader_testing::OnlyProblem(Edit(kHub, "att-spoke1: {transit_gateway: tgw,", "att-spoke1: {transit_gateway: tgx,")),
            "s.yaml:9:33: transit_gateway_attachments.att-spoke1.transit_gateway: unknown transit "
            "gateway 'tgx'; did you mean 'tgw'?");
  std::vector<std::string> problems = loader_testing::Headlines(loader_testing::Load(
      Edit(Edit(kHub, "  tgw: {default", "  tgw2: {}\n  tgw: {default"),
           "spokes: {transit_gateway: tgw}", "spokes: {transit_gateway: tgw2}")));
  ASSERT_EQ(problems.size(), 3u);  // each attachment that names the table
  EXPECT_EQ(problems[0],
            "s.yaml:10:85: transit_gateway_attachments.att-spoke1.route_table: transit gateway "
            "route table spokes belongs to transit gateway tgw2, not tgw");
}

// ---- the tracer ----------------------------------------------------------------------------

TEST(TransitGatewayTracerTest, ASpokeReachesSharedServicesAndTheReplyComesBack) {
  Network n = Load(kHub);
  TraceResult t = Trace(n, "app1", "10.100.1.10");
  EXPECT_TRUE(t.delivered) << Codes(t);
  EXPECT_EQ(Path(t),
            "app1:sends tcp 10.1.1.10:40000 -> 10.100.1.10:443\n"
            "open1:egress all 0.0.0.0/0\n"
            "spoke1-default-nacl:outbound rule 100 allow\n"
            "s1:10.0.0.0/8 -> tgw\n"
            "tgw:receives by attachment att-spoke1\n"
            "spoke1-default-nacl:inbound rule 100 allow\n"
            "spokes:10.100.0.0/16 -> att-shared (propagated)\n"
            "att-shared:to vpc shared by subnet sh-tgw-a\n"
            "shared-default-nacl:outbound rule 100 allow\n"
            "shared-main:10.100.0.0/16 -> local\n"
            "sh-app-a:enters\n"
            "shared-default-nacl:inbound rule 100 allow\n"
            "svc:ingress tcp 443 10.0.0.0/8\n"
            "svc:delivered\n"
            "|\n"
            "svc:replies tcp 10.100.1.10:443 -> 10.1.1.10:40000\n"
            "svc:egress: return traffic of an allowed connection (stateful)\n"
            "shared-default-nacl:outbound rule 100 allow\n"
            "sh:10.0.0.0/8 -> tgw\n"
            "tgw:receives by attachment att-shared\n"
            "shared-default-nacl:inbound rule 100 allow\n"
            "services:10.1.0.0/16 -> att-spoke1 (propagated)\n"
            "att-spoke1:to vpc spoke1 by subnet s1-tgw-a\n"
            "spoke1-default-nacl:outbound rule 100 allow\n"
            "s1:10.1.0.0/16 -> local\n"
            "s1-app-a:enters\n"
            "spoke1-default-nacl:inbound rule 100 allow\n"
            "open1:ingress: return traffic of an allowed connection (stateful)\n"
            "app1:delivered\n");
}

TEST(TransitGatewayTracerTest, SpokesAreIsolatedByTheirRouteTable) {
  Network n = Load(kHub);
  TraceResult t = Trace(n, "app1", "10.2.1.10");
  EXPECT_FALSE(t.delivered);
  EXPECT_EQ(Codes(t), "NO_ROUTE_TO_DESTINATION");
  // A static route in the spokes' table (and back) connects them.
  Network joined = Load(Edit(Edit(kHub, "spokes: {transit_gateway: tgw}",
                                  "spokes: {transit_gateway: tgw, routes: [{destination: 10.0.0.0/14, attachment: att-spoke2}]}"),
                             "s2: {vpc: spoke2, routes: [{destination: 10.0.0.0/8, target: tgw}]}",
                             "s2: {vpc: spoke2, routes: [{destination: 10.0.0.0/8, target: tgw}]}"));
  EXPECT_TRUE(Trace(joined, "app1", "10.2.1.10").forward_arrived);
}

TEST(TransitGatewayTracerTest, AZoneWithoutAnAttachmentSubnetCannotReachTheGateway) {
  Network n = Load(kHub);
  TraceResult t = Trace(n, "app1b", "10.100.1.10");
  EXPECT_FALSE(t.delivered);
  EXPECT_EQ(Codes(t), kTgwAzRestriction);
  ASSERT_FALSE(t.explanations.empty());
  EXPECT_EQ(t.explanations[0].message,
            "transit gateway attachment att-spoke1 of vpc spoke1 has no subnet in us-east-1b, "
            "where subnet s1-app-b is: resources in an availability zone without an attachment "
            "subnet cannot reach the transit gateway");
  EXPECT_TRUE(Trace(n, "app1", "10.100.1.10").delivered);
}

TEST(TransitGatewayTracerTest, BlackholeAndStaticBeforePropagated) {
  // A static blackhole for spoke 1's block in the services' table beats the propagated route:
  // the request arrives, its reply is dropped.
  Network n = Load(Edit(kHub, "services: {transit_gateway: tgw}",
                        "services: {transit_gateway: tgw, routes: [{destination: 10.1.0.0/16, blackhole: true}]}"));
  TraceResult t = Trace(n, "app1", "10.100.1.10");
  EXPECT_TRUE(t.forward_arrived);
  EXPECT_FALSE(t.delivered);
  EXPECT_EQ(Codes(t), "BAD_STATE_ROUTE");
  // The opposite: a static route of the same prefix to the right attachment is used as well.
  Network fixed = Load(Edit(kHub, "services: {transit_gateway: tgw}",
                            "services: {transit_gateway: tgw, routes: [{destination: 10.1.0.0/16, attachment: att-spoke1}]}"));
  EXPECT_TRUE(Trace(fixed, "app1", "10.100.1.10").delivered);
}

TEST(TransitGatewayTracerTest, ADiffNamesTheChangedTransitGatewayTable) {
  Network before = Load(kHub);
  Network after = Load(Edit(kHub, "spokes: {transit_gateway: tgw}",
                            "spokes: {transit_gateway: tgw, routes: [{destination: 10.2.0.0/16, attachment: att-spoke2}]}"));
  ModelDiff diff = DiffModels(*before.model, *after.model);
  std::string changes;
  for (const ComponentChange& c : diff.changes) changes += c.Text() + "\n";
  EXPECT_EQ(changes,
            "tgw-rtb spokes: routes 10.100.0.0/16 to att-shared -> 10.2.0.0/16 to att-spoke2, "
            "10.100.0.0/16 to att-shared\n");
}

// ---- the solver ----------------------------------------------------------------------------


TEST(TransitGatewaySolverTest, HubAndSpokeAsTheTracerHasIt) {
  Manager();
  Network n = Load(kHub);
  Solved shared = Solve(n, "app1", "svc");
  EXPECT_TRUE(shared.delivered == (PacketSet::Value(Field::kSrc, Ip("10.1.1.10")) &
                                   PacketSet::Value(Field::kDst, Ip("10.100.1.10")) &
                                   PacketSet::Value(Field::kProtocol, kTcp) &
                                   PacketSet::Value(Field::kDstPort, 443)));
  Solved isolated = Solve(n, "app1", "app2");
  EXPECT_TRUE(isolated.delivered.IsEmpty());
  EXPECT_EQ(isolated.refusal.code, "NO_ROUTE_TO_DESTINATION");
  Solved zone = Solve(n, "app1b", "svc");
  EXPECT_TRUE(zone.delivered.IsEmpty());
  EXPECT_EQ(zone.refusal.code, kTgwAzRestriction);
  Network blackhole = Load(Edit(kHub, "services: {transit_gateway: tgw}",
                                "services: {transit_gateway: tgw, routes: [{destination: 10.1.0.0/16, blackhole: true}]}"));
  Solved dropped = Solve(blackhole, "app1", "svc");
  EXPECT_TRUE(dropped.delivered.IsEmpty());
  EXPECT_EQ(dropped.refusal.code, "BAD_STATE_ROUTE");
}


// ---- CloudFormation ------------------------------------------------------------------------

class TransitGatewayStackTest : public StackTest {};

constexpr char kTgwTemplate[] = R"(Resources:
  A: {Type: AWS::EC2::VPC, Properties: {CidrBlock: 10.1.0.0/16}}
  S: {Type: AWS::EC2::VPC, Properties: {CidrBlock: 10.100.0.0/16}}
  Tgw:
    Type: AWS::EC2::TransitGateway
    Properties: {DefaultRouteTableAssociation: disable, DefaultRouteTablePropagation: disable}
  SubnetA: {Type: AWS::EC2::Subnet, Properties: {VpcId: !Ref A, CidrBlock: 10.1.1.0/24, AvailabilityZone: us-east-1a}}
  SubnetS: {Type: AWS::EC2::Subnet, Properties: {VpcId: !Ref S, CidrBlock: 10.100.1.0/24, AvailabilityZone: us-east-1a}}
  AttA:
    Type: AWS::EC2::TransitGatewayVpcAttachment
    Properties: {TransitGatewayId: !Ref Tgw, VpcId: !Ref A, SubnetIds: [!Ref SubnetA]}
  AttS:
    Type: AWS::EC2::TransitGatewayAttachment
    Properties: {TransitGatewayId: !Ref Tgw, VpcId: !Ref S, SubnetIds: [!Ref SubnetS], Options: {ApplianceModeSupport: enable}}
  Rt: {Type: AWS::EC2::TransitGatewayRouteTable, Properties: {TransitGatewayId: !Ref Tgw}}
  AssocA:
    Type: AWS::EC2::TransitGatewayRouteTableAssociation
    Properties: {TransitGatewayAttachmentId: !Ref AttA, TransitGatewayRouteTableId: !Ref Rt}
  AssocS:
    Type: AWS::EC2::TransitGatewayRouteTableAssociation
    Properties: {TransitGatewayAttachmentId: !Ref AttS, TransitGatewayRouteTableId: !Ref Rt}
  PropA:
    Type: AWS::EC2::TransitGatewayRouteTablePropagation
    Properties: {TransitGatewayAttachmentId: !Ref AttA, TransitGatewayRouteTableId: !Ref Rt}
  ToS:
    Type: AWS::EC2::TransitGatewayRoute
    Properties: {TransitGatewayRouteTableId: !Ref Rt, DestinationCidrBlock: 10.100.0.0/16, TransitGatewayAttachmentId: !Ref AttS}
  Hole:
    Type: AWS::EC2::TransitGatewayRoute
    Properties: {TransitGatewayRouteTableId: !Ref Rt, DestinationCidrBlock: 10.200.0.0/16, Blackhole: true}
  TableA: {Type: AWS::EC2::RouteTable, Properties: {VpcId: !Ref A}}
  TableS: {Type: AWS::EC2::RouteTable, Properties: {VpcId: !Ref S}}
  UseA: {Type: AWS::EC2::SubnetRouteTableAssociation, Properties: {SubnetId: !Ref SubnetA, RouteTableId: !Ref TableA}}
  UseS: {Type: AWS::EC2::SubnetRouteTableAssociation, Properties: {SubnetId: !Ref SubnetS, RouteTableId: !Ref TableS}}
  RouteA:
    Type: AWS::EC2::Route
    Properties: {RouteTableId: !Ref TableA, DestinationCidrBlock: 10.100.0.0/16, TransitGatewayId: !Ref Tgw}
  RouteS:
    Type: AWS::EC2::Route
    Properties: {RouteTableId: !Ref TableS, DestinationCidrBlock: 10.1.0.0/16, TransitGatewayId: !Ref Tgw}
  Sg:
    Type: AWS::EC2::SecurityGroup
    Properties: {GroupDescription: api, VpcId: !Ref S, SecurityGroupIngress: [{IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 10.0.0.0/8}]}
  HostA: {Type: AWS::EC2::NetworkInterface, Properties: {SubnetId: !Ref SubnetA, PrivateIpAddress: 10.1.1.10}}
  HostS: {Type: AWS::EC2::NetworkInterface, Properties: {SubnetId: !Ref SubnetS, PrivateIpAddress: 10.100.1.10, GroupSet: [!Ref Sg]}}
)";

TEST_F(TransitGatewayStackTest, TheTemplatesTransitGatewayIsModelledAsWritten) {
  LoadResult loaded = LoadOne(kTgwTemplate);
  ASSERT_TRUE(loaded.ok()) << loaded.diagnostics.Format();
  const Model& m = loaded.model;
  EXPECT_EQ(m.CheckInvariants(), "");
  ASSERT_EQ(m.transit_gateways.size(), 1u);
  EXPECT_EQ(m.transit_gateways[0].default_route_table, kNone);
  const TransitGatewayAttachment& s = loader_testing::Get(m.transit_gateway_attachments, "net/AttS");
  EXPECT_TRUE(s.appliance_mode);
  EXPECT_EQ(m.transit_gateway_route_tables[s.route_table].id, "net/Rt");
  const TransitGatewayRouteTable& rt = loader_testing::Get(m.transit_gateway_route_tables, "net/Rt");
  std::string routes;
  for (const TransitGatewayRoute& r : rt.routes) {
    routes += r.destination.ToString() + (r.blackhole ? " blackhole" : " " + m.transit_gateway_attachments[r.attachment].id) +
              (r.propagated ? " propagated" : "") + "; ";
  }
  // Static routes first on equal prefixes, most specific first.
  EXPECT_EQ(routes,
            "10.100.0.0/16 net/AttS; 10.200.0.0/16 blackhole; 10.1.0.0/16 net/AttA propagated; ");
  ForwardingGraph graph(m);
  Tracer tracer(m, graph);
  std::string error;
  Origin host = ResolveEndpoint(m, "net/HostA", &error)->Origins(m).front();
  TraceResult t = tracer.Trace(host, Packet{Ip("10.1.1.10"), Ip("10.100.1.10"), kTcp, 40000, 443});
  EXPECT_TRUE(t.delivered) << Codes(t);
  EXPECT_TRUE(t.Components().count("net/Tgw"));
}

TEST_F(TransitGatewayStackTest, AnAttachmentSubnetOfAnotherVpcIsReportedAtTheTemplate) {
  EXPECT_EQ(OnlyProblem(LoadOne(Edit(kTgwTemplate, "VpcId: !Ref A, SubnetIds: [!Ref SubnetA]",
                                     "VpcId: !Ref A, SubnetIds: [!Ref SubnetS]"))),
            "DIR/t.yaml:11:73: Resources.AttA.Properties.SubnetIds[0]: subnet net/SubnetS is in "
            "vpc net/S, not in vpc net/A");
}

TEST_F(TransitGatewayStackTest, ARouteToATransitGatewayOutsideTheStacks) {
  EXPECT_EQ(OnlyProblem(LoadOne(Edit(kTgwTemplate, "DestinationCidrBlock: 10.100.0.0/16, TransitGatewayId: !Ref Tgw",
                                     "DestinationCidrBlock: 10.100.0.0/16, TransitGatewayId: tgw-0123456789abcdef0"))),
            "DIR/t.yaml:37:100: Resources.RouteA.Properties.TransitGatewayId: unknown transit "
            "gateway 'tgw-0123456789abcdef0'; declare it under transit_gateways, with this VPC's "
            "attachment under transit_gateway_attachments");
}

}  // namespace
}  // namespace vpcreach::testing
