// Templates with IPv6 load, but vpcreach answers for IPv4 only until issue 12: every IPv6 element
// that shapes reachability (a subnet's block, an IPv6 route, an egress-only internet gateway, an
// IPv6 rule in a group or NACL) is a warning in validate, check and audit, one per resource; the
// rest (a VPC's block, an instance's IPv6 addresses, an IPv6 prefix list) is listed as ignored.
#include <gtest/gtest.h>

#include <sstream>

#include "sim/cli/commands.h"
#include "tests/cloudformation/stack_test_fixture.h"

namespace vpcreach {
namespace {

using testing::Named;

const char kReason[] = "IPv6 is not modelled yet: answers cover IPv4 traffic only";

const char kDualStack[] = R"(Resources:
  Vpc: {Type: 'AWS::EC2::VPC', Properties: {CidrBlock: 10.0.0.0/16}}
  VpcIpv6:
    Type: AWS::EC2::VPCCidrBlock
    Properties: {AmazonProvidedIpv6CidrBlock: true, VpcId: !Ref Vpc}
  Subnet:
    Type: AWS::EC2::Subnet
    DependsOn: VpcIpv6
    Properties:
      VpcId: !Ref Vpc
      CidrBlock: 10.0.0.0/24
      AvailabilityZone: us-east-1a
      AssignIpv6AddressOnCreation: true
      Ipv6CidrBlock: !Select [0, !Cidr [!Select [0, !GetAtt Vpc.Ipv6CidrBlocks], 2, 64]]
  Ipv6Only:
    Type: AWS::EC2::Subnet
    DependsOn: VpcIpv6
    Properties:
      VpcId: !Ref Vpc
      Ipv6Native: true
      Ipv6CidrBlock: !Select [1, !Cidr [!Select [0, !GetAtt Vpc.Ipv6CidrBlocks], 2, 64]]
  Igw: {Type: 'AWS::EC2::InternetGateway'}
  Attach:
    Type: AWS::EC2::VPCGatewayAttachment
    Properties: {VpcId: !Ref Vpc, InternetGatewayId: !Ref Igw}
  Eigw:
    Type: AWS::EC2::EgressOnlyInternetGateway
    Properties: {VpcId: !Ref Vpc}
  Table:
    Type: AWS::EC2::RouteTable
    Properties: {VpcId: !Ref Vpc}
  Ipv4Default:
    Type: AWS::EC2::Route
    Properties: {RouteTableId: !Ref Table, DestinationCidrBlock: 0.0.0.0/0, GatewayId: !Ref Igw}
  Ipv6Default:
    Type: AWS::EC2::Route
    Properties: {RouteTableId: !Ref Table, DestinationIpv6CidrBlock: '::/0', GatewayId: !Ref Igw}
  Ipv6Egress:
    Type: AWS::EC2::Route
    Properties:
      RouteTableId: !Ref Table
      DestinationIpv6CidrBlock: '2001:db8:ffff::/48'
      EgressOnlyInternetGatewayId: !Ref Eigw
  Assoc:
    Type: AWS::EC2::SubnetRouteTableAssociation
    Properties: {SubnetId: !Ref Subnet, RouteTableId: !Ref Table}
  Acl:
    Type: AWS::EC2::NetworkAcl
    Properties: {VpcId: !Ref Vpc}
  AclIpv6:
    Type: AWS::EC2::NetworkAclEntry
    Properties:
      {NetworkAclId: !Ref Acl, RuleNumber: 101, Protocol: -1, RuleAction: allow,
       Egress: false, Ipv6CidrBlock: '::/0'}
  Ipv6List:
    Type: AWS::EC2::PrefixList
    Properties: {AddressFamily: IPv6, MaxEntries: 1, PrefixListName: v6,
                 Entries: [{Cidr: '2001:db8::/32'}]}
  Web:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: web
      VpcId: !Ref Vpc
      SecurityGroupIngress:
        - {IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 0.0.0.0/0}
        - {IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIpv6: '::/0'}
        - {IpProtocol: tcp, FromPort: 22, ToPort: 22, SourcePrefixListId: !Ref Ipv6List}
      SecurityGroupEgress:
        - {IpProtocol: '-1', CidrIpv6: '::/0'}
  Ssh:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: ssh
      VpcId: !Ref Vpc
      SecurityGroupIngress: [{IpProtocol: icmpv6, FromPort: -1, ToPort: -1, CidrIpv6: '::/0'}]
  SshIpv6:
    Type: AWS::EC2::SecurityGroupIngress
    Properties: {GroupId: !Ref Ssh, IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIpv6: '::/0'}
  Box:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-1
      SubnetId: !Ref Subnet
      SecurityGroupIds: [!Ref Web]
      Ipv6AddressCount: 1
  Ipv6Box:
    Type: AWS::EC2::Instance
    Properties: {ImageId: ami-1, SubnetId: !Ref Ipv6Only}
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: python3.12
      Handler: index.handler
      Role: arn:aws:iam::123456789012:role/fn
      Code: {ZipFile: pass}
      VpcConfig: {SubnetIds: [!Ref Subnet, !Ref Ipv6Only], SecurityGroupIds: [!Ref Web]}
)";

struct Listed {
  std::string id;
  bool warning;
  friend bool operator==(const Listed&, const Listed&) = default;
};
std::ostream& operator<<(std::ostream& out, const Listed& l) {
  return out << "{" << l.id << ", " << (l.warning ? "warning" : "listed") << "}";
}

class Ipv6WarningsTest : public testing::StackTest {};

TEST_F(Ipv6WarningsTest, OneWarningPerResourceThatShapesReachability) {
  LoadResult loaded = LoadOne(kDualStack);
  ASSERT_TRUE(loaded.ok()) << loaded.diagnostics.Format();
  std::vector<Listed> ipv6;
  for (const IgnoredResource& r : loaded.model.ignored_resources) {
    if (r.reason != kReason) continue;
    ipv6.push_back({r.id, r.shapes_reachability});
  }
  EXPECT_EQ(ipv6, (std::vector<Listed>{
                      {"net/Subnet Ipv6CidrBlock 2001:db8:0:100::/64", true},
                      {"net/Ipv6Only", true},
                      {"net/Eigw", true},
                      {"net/Ipv6List", false},
                      {"net/Web 3 IPv6 rules (SecurityGroupIngress[1], SecurityGroupIngress[2], "
                       "SecurityGroupEgress[0])",
                       true},
                      {"net/Ssh IPv6 rule SecurityGroupIngress[0]", true},
                      {"net/Box Ipv6AddressCount", false},
                      {"net/Ipv6Box", true},
                      {"net/Fn in IPv6-only subnets net/Ipv6Only", true},
                      {"net/VpcIpv6", false},
                      {"net/Ipv6Default", true},
                      {"net/Ipv6Egress", true},
                      {"net/AclIpv6", true},
                      {"net/SshIpv6", true},
                  }));
  // Every other reason is another gap, not IPv6 said otherwise.
  for (const IgnoredResource& r : loaded.model.ignored_resources) {
    if (r.reason == kReason) continue;
    EXPECT_EQ(r.reason.find("IPv6"), r.reason.npos) << r.id << ": " << r.reason;
  }
}

TEST_F(Ipv6WarningsTest, TheIpv4SideIsModelledAsBefore) {
  LoadResult loaded = LoadOne(kDualStack);
  ASSERT_TRUE(loaded.ok()) << loaded.diagnostics.Format();
  const Subnet& subnet = Named(loaded.model.subnets, "net/Subnet");
  EXPECT_EQ(subnet.cidr.ToString(), "10.0.0.0/24");
  // The IPv6-only subnet is not a subnet of the model (it has no IPv4 addresses).
  EXPECT_EQ(testing::IndexOf(loaded.model.subnets, "net/Ipv6Only"), kNone);
  const RouteTable& table = Named(loaded.model.route_tables, "net/Table");
  ASSERT_EQ(table.routes.size(), 2u);  // local and 0.0.0.0/0: no IPv6 route taken as IPv4
  const SecurityGroup& web = Named(loaded.model.security_groups, "net/Web");
  ASSERT_EQ(web.ingress.size(), 1u);  // the IPv4 rule
  // AWS drops the allow-all egress rule once SecurityGroupEgress lists any rule, IPv6 ones too:
  // the group has no IPv4 egress, not the allow-all rule.
  EXPECT_TRUE(web.egress.empty());
  // The instance is modelled, with its IPv4 address; one in the IPv6-only subnet is not; the
  // function keeps its dual-stack subnet.
  EXPECT_NE(testing::IndexOf(loaded.model.workloads, "net/Box"), kNone);
  EXPECT_EQ(testing::IndexOf(loaded.model.workloads, "net/Ipv6Box"), kNone);
  EXPECT_NE(testing::IndexOf(loaded.model.workloads, "net/Fn"), kNone);
}

TEST_F(Ipv6WarningsTest, ValidateCheckAndAuditSayIt) {
  std::string path = Template("t.yaml", kDualStack);
  std::ofstream(Path("s.yaml")) << "vpcreach: 1\nstacks:\n  - {name: net, template: t.yaml}\n";
  const std::string warning =
      "DIR/t.yaml:50:3: warning: net/AclIpv6 (AWS::EC2::NetworkAclEntry) is not modelled (IPv6 "
      "is not modelled yet: answers cover IPv4 traffic only): what it reaches and what reaches "
      "it is not checked";
  auto without_dir = [&](std::string text) {
    std::string dir = dir_.string() + "/";
    for (size_t at; (at = text.find(dir)) != std::string::npos;)
      text.replace(at, dir.size(), "DIR/");
    return text;
  };
  std::ostringstream out, err;
  EXPECT_EQ(RunCli({"validate", Path("s.yaml")}, out, err), 0) << err.str();
  EXPECT_NE(without_dir(out.str()).find("  " + warning + "\n"), std::string::npos) << out.str();
  // check fails under its default --fail-on warning: IPv6 paths are not verified.
  out.str(""), err.str("");
  EXPECT_EQ(RunCli({"check", Path("s.yaml")}, out, err), 1) << out.str() << err.str();
  out.str(""), err.str("");
  EXPECT_EQ(RunCli({"audit", Path("s.yaml"), "--format", "json"}, out, err), 0) << err.str();
  const std::string fix =
      "vpcreach checks IPv4 traffic only: check what this lets through over IPv6 by other means "
      "(Reachability Analyzer)";
  EXPECT_NE(out.str().find(fix), std::string::npos) << out.str();
}

}  // namespace
}  // namespace vpcreach
