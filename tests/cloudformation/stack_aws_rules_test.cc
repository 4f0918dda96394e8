// What AWS refuses and accepts, through CloudFormation stacks (issue 10): routes more specific
// than the local route, gateway route tables (AWS::EC2::GatewayRouteTableAssociation), SageMaker
// notebooks' network settings, private NAT gateways and customer prefix lists
// (AWS::EC2::PrefixList). Errors are located at the template's value.
#include <gtest/gtest.h>

#include "tests/cloudformation/stack_test_fixture.h"

namespace vpcreach::testing {
namespace {

// A VPC with two subnets, an internet gateway and an appliance ENI.
const char* kNetwork = R"(Resources:
  Vpc: {Type: 'AWS::EC2::VPC', Properties: {CidrBlock: 10.0.0.0/16}}
  Public: {Type: 'AWS::EC2::Subnet', Properties: {VpcId: !Ref Vpc, CidrBlock: 10.0.1.0/24}}
  Private: {Type: 'AWS::EC2::Subnet', Properties: {VpcId: !Ref Vpc, CidrBlock: 10.0.2.0/24}}
  Igw: {Type: 'AWS::EC2::InternetGateway'}
  Attach:
    Type: AWS::EC2::VPCGatewayAttachment
    Properties: {VpcId: !Ref Vpc, InternetGatewayId: !Ref Igw}
  Appliance:
    Type: AWS::EC2::NetworkInterface
    Properties: {SubnetId: !Ref Public, SourceDestCheck: false}
  Table: {Type: 'AWS::EC2::RouteTable', Properties: {VpcId: !Ref Vpc}}
)";

// --- Routes more specific than the local route (point 5) ----------------------------------

TEST_F(StackTest, MiddleboxRoutesForASubnetAndForTheVpcAreAccepted) {
  LoadResult loaded = LoadOne(std::string(kNetwork) + R"(  ToPrivate:
    Type: AWS::EC2::Route
    Properties: {RouteTableId: !Ref Table, DestinationCidrBlock: 10.0.2.0/24, NetworkInterfaceId: !Ref Appliance}
  ReplaceLocal:
    Type: AWS::EC2::Route
    Properties: {RouteTableId: !Ref Table, DestinationCidrBlock: 10.0.0.0/16, NetworkInterfaceId: !Ref Appliance}
)");
  ASSERT_TRUE(loaded.ok()) << loaded.diagnostics.Format();
  const RouteTable& table = Named(loaded.model.route_tables, "net/Table");
  ASSERT_EQ(table.routes.size(), 2u);  // the local route's target replaced, the subnet route
  EXPECT_EQ(table.routes[0].destination_cidr->ToString(), "10.0.0.0/16");
  EXPECT_EQ(table.routes[0].target, RouteTarget::kEni);
  EXPECT_FALSE(table.routes[0].implicit);
  EXPECT_EQ(table.routes[0].location.file, Path("t.yaml"));
  EXPECT_EQ(table.routes[1].destination_cidr->ToString(), "10.0.2.0/24");
  EXPECT_EQ(table.routes[1].target_id, "net/Appliance");
}

TEST_F(StackTest, HostRouteInsideTheVpcIsRefusedAtTheTemplate) {
  EXPECT_EQ(OnlyProblem(LoadOne(std::string(kNetwork) + R"(  ToHost:
    Type: AWS::EC2::Route
    Properties: {RouteTableId: !Ref Table, DestinationCidrBlock: 10.0.2.7/32, NetworkInterfaceId: !Ref Appliance}
)")),
            "DIR/t.yaml:15:66: Resources.ToHost.Properties.DestinationCidrBlock: 10.0.2.7/32 lies "
            "inside vpc net/Vpc (10.0.0.0/16) but is not the CIDR of one of its subnets: AWS's "
            "CreateRoute accepts a route more specific than the local route only for a whole "
            "subnet's CIDR; use 10.0.2.0/24 (subnet net/Private) or remove the route");
}

TEST_F(StackTest, InternetGatewayRouteInsideTheVpcIsRefusedAtTheTemplate) {
  EXPECT_EQ(OnlyProblem(LoadOne(std::string(kNetwork) + R"(  ToSubnet:
    Type: AWS::EC2::Route
    Properties: {RouteTableId: !Ref Table, DestinationCidrBlock: 10.0.2.0/24, GatewayId: !Ref Igw}
)")),
            "DIR/t.yaml:15:90: Resources.ToSubnet.Properties.GatewayId: 10.0.2.0/24 lies inside "
            "vpc net/Vpc (10.0.0.0/16): a route more specific than the local route must target "
            "an ENI or a NAT gateway (a middlebox), not internet gateway net/Igw; AWS's "
            "CreateRoute refuses it. Target the middlebox, or remove the route");
}

// --- Gateway route tables (point 3) -------------------------------------------------------

TEST_F(StackTest, GatewayRouteTableAssociationMakesAnEdgeTable) {
  LoadResult loaded =
      LoadOne(std::string(kNetwork) +
              R"(  Edge: {Type: 'AWS::EC2::RouteTable', Properties: {VpcId: !Ref Vpc}}
  EdgeAssoc:
    Type: AWS::EC2::GatewayRouteTableAssociation
    Properties: {GatewayId: !Ref Igw, RouteTableId: !Ref Edge}
  ToFirewall:
    Type: AWS::EC2::Route
    Properties: {RouteTableId: !Ref Edge, DestinationCidrBlock: 10.0.2.0/24, NetworkInterfaceId: !Ref Appliance}
)");
  ASSERT_TRUE(loaded.ok()) << loaded.diagnostics.Format();
  const Model& m = loaded.model;
  EXPECT_EQ(Named(m.route_tables, "net/Edge").edge_gateway,
            IndexOf(m.internet_gateways, "net/Igw"));
  EXPECT_EQ(Named(m.internet_gateways, "net/Igw").route_table, IndexOf(m.route_tables, "net/Edge"));
  EXPECT_TRUE(m.ignored_resources.empty());  // no longer "not part of the network"
  EXPECT_EQ(m.CheckInvariants(), "");
}

TEST_F(StackTest, GatewayRouteTableProblemsAreLocatedInTheTemplate) {
  LoadResult loaded =
      LoadOne(std::string(kNetwork) +
              R"(  Edge: {Type: 'AWS::EC2::RouteTable', Properties: {VpcId: !Ref Vpc}}
  Loose: {Type: 'AWS::EC2::InternetGateway'}
  Vgw: {Type: 'AWS::EC2::VPNGateway', Properties: {Type: ipsec.1}}
  EdgeAssoc:
    Type: AWS::EC2::GatewayRouteTableAssociation
    Properties: {GatewayId: !Ref Igw, RouteTableId: !Ref Edge}
  Again:
    Type: AWS::EC2::GatewayRouteTableAssociation
    Properties: {GatewayId: !Ref Igw, RouteTableId: !Ref Edge}
  ToLoose:
    Type: AWS::EC2::GatewayRouteTableAssociation
    Properties: {GatewayId: !Ref Loose, RouteTableId: !Ref Table}
  ToVgw:
    Type: AWS::EC2::GatewayRouteTableAssociation
    Properties: {GatewayId: !Ref Vgw, RouteTableId: !Ref Table}
  SubnetToEdge:
    Type: AWS::EC2::SubnetRouteTableAssociation
    Properties: {SubnetId: !Ref Private, RouteTableId: !Ref Edge}
  Outward:
    Type: AWS::EC2::Route
    Properties: {RouteTableId: !Ref Edge, DestinationCidrBlock: 0.0.0.0/0, NetworkInterfaceId: !Ref Appliance}
)");
  EXPECT_EQ(Headlines(loaded),
            (std::vector<std::string>{
                "DIR/t.yaml:21:53: Resources.Again.Properties.RouteTableId: route table net/Edge "
                "is associated with gateway net/Igw already by Resources.EdgeAssoc "
                "(DIR/t.yaml:16:3); remove one of the associations",
                "DIR/t.yaml:24:29: Resources.ToLoose.Properties.GatewayId: internet gateway "
                "net/Loose is attached to no VPC (no AWS::EC2::VPCGatewayAttachment names it); "
                "attach it before associating a route table with it",
                "DIR/t.yaml:27:29: Resources.ToVgw.Properties.GatewayId: vpcreach does not model "
                "the gateway route tables of virtual private gateways yet (ingress routing of "
                "on-premises traffic)",
                "DIR/t.yaml:30:56: Resources.SubnetToEdge.Properties.RouteTableId: route table "
                "net/Edge is the gateway route table of internet gateway net/Igw; AWS associates "
                "a gateway route table with no subnet: give subnet net/Private a table of its own",
                "DIR/t.yaml:33:65: Resources.Outward.Properties.DestinationCidrBlock: 0.0.0.0/0 "
                "is outside vpc net/Vpc (10.0.0.0/16): route table net/Edge is the gateway route "
                "table of internet gateway net/Igw, which routes only the VPC's own addresses "
                "(AWS refuses routes outside the VPC there)"}));
}

// --- SageMaker notebooks (point 9) ---------------------------------------------------------

TEST_F(StackTest, NotebookSettingsSageMakerRefusesAreLocatedInTheTemplate) {
  LoadResult loaded = LoadOne(std::string(kNetwork) + R"(  Closed:
    Type: AWS::SageMaker::NotebookInstance
    Properties: {InstanceType: ml.t3.medium, RoleArn: r, DirectInternetAccess: Disabled}
  NoGroups:
    Type: AWS::SageMaker::NotebookInstance
    Properties: {InstanceType: ml.t3.medium, RoleArn: r, SubnetId: !Ref Private}
)");
  EXPECT_EQ(Headlines(loaded),
            (std::vector<std::string>{
                "DIR/t.yaml:15:80: Resources.Closed.Properties.DirectInternetAccess: direct "
                "internet access can be disabled only for a notebook in a subnet "
                "(CreateNotebookInstance: \"You can set the value of this parameter to Disabled "
                "only if you set a value for the SubnetId parameter.\"); add 'subnet:' and "
                "'security_groups:', or remove this key",
                "DIR/t.yaml:18:68: Resources.NoGroups.Properties.SubnetId: a notebook in a subnet "
                "needs security_groups, the groups SageMaker attaches to its network interface "
                "there (CreateNotebookInstance's SecurityGroupIds); add 'security_groups:'"}));
}

// --- Private NAT gateways -----------------------------------------------------------------

TEST_F(StackTest, PrivateNatGatewayIsMapped) {
  LoadResult loaded = LoadOne(std::string(kNetwork) + R"(  Nat:
    Type: AWS::EC2::NatGateway
    Properties: {SubnetId: !Ref Private, ConnectivityType: private}
  ToNat:
    Type: AWS::EC2::Route
    Properties: {RouteTableId: !Ref Table, DestinationCidrBlock: 192.168.0.0/16, NatGatewayId: !Ref Nat}
)");
  ASSERT_TRUE(loaded.ok()) << loaded.diagnostics.Format();
  const NatGateway& nat = Named(loaded.model.nat_gateways, "net/Nat");
  EXPECT_TRUE(nat.is_private);
  EXPECT_EQ(nat.public_ip, 0u);
  EXPECT_EQ(Named(loaded.model.route_tables, "net/Table").routes[1].target,
            RouteTarget::kNatGateway);
}

TEST_F(StackTest, PrivateNatGatewayWithAnAllocation) {
  EXPECT_EQ(OnlyProblem(LoadOne(std::string(kNetwork) + R"(  Ip: {Type: 'AWS::EC2::EIP'}
  Nat:
    Type: AWS::EC2::NatGateway
    Properties: {SubnetId: !Ref Private, ConnectivityType: private, AllocationId: !GetAtt Ip.AllocationId}
)")),
            "DIR/t.yaml:16:83: Resources.Nat.Properties.AllocationId: a private NAT gateway has "
            "no public address; remove public_ip, or make the gateway public (connectivity: "
            "public)");
}

// --- Customer prefix lists (AWS::EC2::PrefixList) ------------------------------------------

TEST_F(StackTest, PrefixListServesRulesAndRoutes) {
  LoadResult loaded = LoadOne(std::string(kNetwork) + R"(  Corp:
    Type: AWS::EC2::PrefixList
    Properties:
      PrefixListName: corp
      AddressFamily: IPv4
      MaxEntries: 2
      Entries: [{Cidr: 198.51.100.0/24, Description: office}, {Cidr: 203.0.113.0/24}]
  CorpV6:
    Type: AWS::EC2::PrefixList
    Properties: {PrefixListName: corp6, AddressFamily: IPv6, MaxEntries: 1, Entries: [{Cidr: '2001:db8::/32'}]}
  Ssh:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: ssh from the office
      VpcId: !Ref Vpc
      SecurityGroupIngress:
        - {IpProtocol: tcp, FromPort: 22, ToPort: 22, SourcePrefixListId: !Ref Corp}
        - {IpProtocol: tcp, FromPort: 22, ToPort: 22, SourcePrefixListId: !GetAtt CorpV6.PrefixListId}
  ToCorp:
    Type: AWS::EC2::Route
    Properties: {RouteTableId: !Ref Table, DestinationPrefixListId: !GetAtt Corp.PrefixListId, NetworkInterfaceId: !Ref Appliance}
Outputs:
  Arn: {Value: !GetAtt Corp.Arn}
  Version: {Value: !GetAtt Corp.Version}
  Owner: {Value: !GetAtt Corp.OwnerId}
)");
  ASSERT_TRUE(loaded.ok()) << loaded.diagnostics.Format();
  const Model& m = loaded.model;
  const PrefixList& corp = Named(m.prefix_lists, "net/Corp");
  EXPECT_FALSE(corp.aws_managed);
  ASSERT_EQ(corp.cidrs.size(), 2u);
  EXPECT_EQ(corp.cidrs[1].ToString(), "203.0.113.0/24");
  const SecurityGroup& ssh = Named(m.security_groups, "net/Ssh");
  ASSERT_EQ(ssh.ingress.size(), 1u);  // the IPv6 list's rule is ignored
  EXPECT_EQ(ssh.ingress[0].peer, PeerKind::kPrefixList);
  EXPECT_EQ(ssh.ingress[0].peer_index, IndexOf(m.prefix_lists, "net/Corp"));
  const RouteTable& table = Named(m.route_tables, "net/Table");
  ASSERT_EQ(table.routes.size(), 2u);
  EXPECT_EQ(table.routes[1].destination_prefix_list, IndexOf(m.prefix_lists, "net/Corp"));
  ASSERT_EQ(m.ignored_resources.size(), 2u);
  EXPECT_EQ(m.ignored_resources[0].id, "net/CorpV6");
  EXPECT_EQ(m.ignored_resources[0].reason,
            "IPv6 is not modelled yet: answers cover IPv4 traffic only");
  EXPECT_FALSE(m.ignored_resources[0].shapes_reachability);  // its rules are the warnings
  EXPECT_EQ(m.ignored_resources[1].id, "net/Ssh IPv6 rule SecurityGroupIngress[1]");
  EXPECT_TRUE(m.ignored_resources[1].shapes_reachability);
}

TEST_F(StackTest, PrefixListProblems) {
  LoadResult loaded = LoadOne(std::string(kNetwork) + R"(  Full:
    Type: AWS::EC2::PrefixList
    Properties: {PrefixListName: full, AddressFamily: IPv4, MaxEntries: 1, Entries: [{Cidr: 10.9.0.0/16}, {Cidr: 10.8.0.0/16}]}
  Bad:
    Type: AWS::EC2::PrefixList
    Properties: {PrefixListName: bad, AddressFamily: IPv4, MaxEntries: 3, Entries: [{Cidr: 10.9.0.1/33}, {Description: x}]}
  NoFamily:
    Type: AWS::EC2::PrefixList
    Properties: {PrefixListName: none, MaxEntries: 3}
)");
  EXPECT_EQ(Headlines(loaded),
            (std::vector<std::string>{
                "DIR/t.yaml:15:73: Resources.Full.Properties.MaxEntries: the prefix list has 2 "
                "entries, more than its MaxEntries 1; raise MaxEntries or remove entries",
                "DIR/t.yaml:18:92: Resources.Bad.Properties.Entries[0].Cidr: expected a CIDR "
                "such as 10.0.0.0/16, got '10.9.0.1/33'",
                "DIR/t.yaml:18:106: Resources.Bad.Properties.Entries[1]: expected an entry with a "
                "Cidr, got a mapping",
                "DIR/t.yaml:19:3: Resources.NoFamily.Properties: missing required property "
                "'AddressFamily'"}));
}

}  // namespace
}  // namespace vpcreach::testing
