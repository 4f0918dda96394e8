// CloudFormation stacks in scenarios (`stacks:`): what each resource type becomes in the Model,
// the default-egress rules of security groups, and every error with its full headline, located in
// the template (or in the scenario, for the stack entries themselves).
#include "model/cloudformation/stack_mapper.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "model/scenario_loader.h"
#include "tests/cloudformation/stack_test_fixture.h"
#include "sim/report/validate_report.h"

namespace vpcreach {
namespace {

using testing::IndexOf;
using testing::Named;

class StackMapperTest : public testing::StackTest {
 protected:
  // Every diagnostic's headline as it is (the test folder's path included).
  std::vector<std::string> Headlines(const LoadResult& loaded) {
    std::vector<std::string> out;
    for (const Diagnostic& d : loaded.diagnostics.Items()) out.push_back(Diagnostics::Headline(d));
    return out;
  }
};

// A VPC with one subnet, for the tests that need a place to put things.
const char* kNetwork = R"(Resources:
  Vpc: {Type: 'AWS::EC2::VPC', Properties: {CidrBlock: 10.0.0.0/16}}
  Subnet:
    Type: AWS::EC2::Subnet
    Properties: {VpcId: !Ref Vpc, CidrBlock: 10.0.1.0/24, AvailabilityZone: !Select [1, !GetAZs '']}
)";

// --- Resource types -----------------------------------------------------------------------

TEST_F(StackMapperTest, VpcCidrBlocksSubnetsAndFlowLogs) {
  LoadResult loaded = LoadOne(std::string(kNetwork) + R"(  Extra:
    Type: AWS::EC2::VPCCidrBlock
    Properties: {VpcId: !Ref Vpc, CidrBlock: 10.1.0.0/16}
  VpcLogs:
    Type: AWS::EC2::FlowLog
    Properties: {ResourceId: !Ref Vpc, ResourceType: VPC, TrafficType: ALL}
  NoAz:
    Type: AWS::EC2::Subnet
    Properties: {VpcId: !Ref Vpc, CidrBlock: 10.1.0.0/24}
)");
  ASSERT_TRUE(loaded.ok()) << loaded.diagnostics.Format();
  const Model& m = loaded.model;
  const Vpc& vpc = Named(m.vpcs, "net/Vpc");
  ASSERT_EQ(vpc.cidrs.size(), 2u);
  EXPECT_EQ(vpc.cidrs[0].ToString(), "10.0.0.0/16");
  EXPECT_EQ(vpc.cidrs[1].ToString(), "10.1.0.0/16");
  EXPECT_TRUE(vpc.flow_logs);
  EXPECT_EQ(vpc.location.file, Path("t.yaml"));
  EXPECT_EQ(vpc.location.line, 2);
  const Subnet& subnet = Named(m.subnets, "net/Subnet");
  EXPECT_EQ(subnet.cidr.ToString(), "10.0.1.0/24");
  EXPECT_EQ(subnet.az, "us-east-1b");
  EXPECT_EQ(m.route_tables[subnet.route_table].id, "net/Vpc-main");
  EXPECT_EQ(m.network_acls[subnet.network_acl].id, "net/Vpc-default-nacl");
  EXPECT_EQ(Named(m.subnets, "net/NoAz").az, "us-east-1a");  // AWS picks; vpcreach the first
  EXPECT_EQ(m.CheckInvariants(), "");
}

TEST_F(StackMapperTest, InternetGatewayRouteTableRoutesAndAssociations) {
  LoadResult loaded = LoadOne(std::string(kNetwork) + R"(  Igw: {Type: 'AWS::EC2::InternetGateway'}
  Loose: {Type: 'AWS::EC2::InternetGateway'}
  Attach:
    Type: AWS::EC2::VPCGatewayAttachment
    Properties: {VpcId: !Ref Vpc, InternetGatewayId: !Ref Igw}
  Table: {Type: 'AWS::EC2::RouteTable', Properties: {VpcId: !Ref Vpc}}
  Default:
    Type: AWS::EC2::Route
    Properties: {RouteTableId: !Ref Table, DestinationCidrBlock: 0.0.0.0/0, GatewayId: !Ref Igw}
  ToList:
    Type: AWS::EC2::Route
    Properties: {RouteTableId: !Ref Table, DestinationPrefixListId: corp, GatewayId: local}
  Assoc:
    Type: AWS::EC2::SubnetRouteTableAssociation
    Properties: {SubnetId: !Ref Subnet, RouteTableId: !Ref Table}
)",
                              "prefix_lists: {corp: {cidrs: [10.0.9.0/24]}}\n");
  // A `local` route to a prefix list is refused by the route builder: it is not inside the VPC.
  EXPECT_EQ(OnlyProblem(loaded),
            "DIR/t.yaml:17:86: Resources.ToList.Properties.GatewayId: a local route must stay "
            "inside vpc net/Vpc (10.0.0.0/16)");
  const Model& m = loaded.model;
  const InternetGateway& igw = Named(m.internet_gateways, "net/Igw");
  EXPECT_EQ(m.vpcs[igw.vpc].id, "net/Vpc");
  EXPECT_EQ(m.internet_gateways.size(), 1u);  // Loose is attached to nothing
  const RouteTable& table = Named(m.route_tables, "net/Table");
  ASSERT_EQ(table.routes.size(), 2u);  // local + default
  EXPECT_EQ(table.routes[1].destination_cidr->ToString(), "0.0.0.0/0");
  EXPECT_EQ(table.routes[1].target, RouteTarget::kInternetGateway);
  EXPECT_EQ(table.routes[1].target_id, "net/Igw");
  EXPECT_EQ(Named(m.subnets, "net/Subnet").route_table, IndexOf(m.route_tables, "net/Table"));
  ASSERT_EQ(m.ignored_resources.size(), 1u);
  EXPECT_EQ(m.ignored_resources[0].id, "net/Loose");
  EXPECT_EQ(m.ignored_resources[0].reason, "not attached to a VPC");
}

TEST_F(StackMapperTest, NetworkAclsAndTheirEntries) {
  LoadResult loaded =
      LoadOne(std::string(kNetwork) +
              R"(  Acl: {Type: 'AWS::EC2::NetworkAcl', Properties: {VpcId: !Ref Vpc}}
  Https:
    Type: AWS::EC2::NetworkAclEntry
    Properties: {NetworkAclId: !Ref Acl, RuleNumber: 200, Protocol: 6, RuleAction: allow, CidrBlock: 0.0.0.0/0, PortRange: {From: 443, To: 443}}
  Deny:
    Type: AWS::EC2::NetworkAclEntry
    Properties: {NetworkAclId: !Ref Acl, RuleNumber: 100, Protocol: -1, RuleAction: deny, CidrBlock: 10.9.0.0/16, PortRange: {From: 1, To: 2}}
  Out:
    Type: AWS::EC2::NetworkAclEntry
    Properties: {NetworkAclId: !Ref Acl, RuleNumber: 100, Protocol: 17, RuleAction: allow, Egress: true, CidrBlock: 0.0.0.0/0}
  Ping:
    Type: AWS::EC2::NetworkAclEntry
    Properties: {NetworkAclId: !Ref Acl, RuleNumber: 300, Protocol: 1, RuleAction: allow, CidrBlock: 0.0.0.0/0, Icmp: {Code: -1, Type: -1}}
  Echo:
    Type: AWS::EC2::NetworkAclEntry
    Properties: {NetworkAclId: !Ref Acl, RuleNumber: 250, Protocol: 1, RuleAction: deny, CidrBlock: 0.0.0.0/0, Icmp: {Type: 8, Code: -1}}
  Mtu:
    Type: AWS::EC2::NetworkAclEntry
    Properties: {NetworkAclId: !Ref Acl, RuleNumber: 260, Protocol: 1, RuleAction: allow, CidrBlock: 0.0.0.0/0, Icmp: {Type: 3, Code: 4}}
  NotIcmp:
    Type: AWS::EC2::NetworkAclEntry
    Properties: {NetworkAclId: !Ref Acl, RuleNumber: 270, Protocol: 17, RuleAction: allow, CidrBlock: 0.0.0.0/0, Icmp: {Type: 8, Code: 0}}
  V6:
    Type: AWS::EC2::NetworkAclEntry
    Properties: {NetworkAclId: !Ref Acl, RuleNumber: 400, Protocol: -1, RuleAction: allow, Ipv6CidrBlock: '::/0'}
  Assoc:
    Type: AWS::EC2::SubnetNetworkAclAssociation
    Properties: {SubnetId: !Ref Subnet, NetworkAclId: !Ref Acl}
  InDefault:
    Type: AWS::EC2::NetworkAclEntry
    Properties: {NetworkAclId: !GetAtt Vpc.DefaultNetworkAcl, RuleNumber: 50, Protocol: -1, RuleAction: deny, CidrBlock: 10.9.0.0/16}
)");
  ASSERT_TRUE(loaded.ok()) << loaded.diagnostics.Format();
  const Model& m = loaded.model;
  const NetworkAcl& acl = Named(m.network_acls, "net/Acl");
  ASSERT_EQ(acl.ingress.size(), 6u);
  EXPECT_EQ(acl.ingress[0].number, 100);
  EXPECT_FALSE(acl.ingress[0].allow);
  EXPECT_EQ(acl.ingress[0].protocol, kAllProtocols);
  EXPECT_TRUE(acl.ingress[0].ports.IsAll());  // PortRange applies to tcp and udp only
  EXPECT_EQ(acl.ingress[1].number, 200);
  EXPECT_EQ(acl.ingress[1].protocol, kTcp);
  EXPECT_EQ(acl.ingress[1].ports, (PortRange{443, 443}));
  // Icmp: {Type, Code}, -1 for all; ignored for other protocols, as PortRange is.
  EXPECT_EQ(acl.ingress[2].number, 250);
  EXPECT_EQ(acl.ingress[2].protocol, kIcmp);
  EXPECT_EQ(acl.ingress[2].icmp, (IcmpTypeCode{8, kAllIcmp}));
  EXPECT_EQ(acl.ingress[3].icmp, (IcmpTypeCode{3, 4}));
  EXPECT_EQ(acl.ingress[4].protocol, kUdp);
  EXPECT_TRUE(acl.ingress[4].icmp.IsAll());
  EXPECT_EQ(acl.ingress[5].number, 300);
  EXPECT_EQ(acl.ingress[5].protocol, kIcmp);
  EXPECT_TRUE(acl.ingress[5].icmp.IsAll());
  ASSERT_EQ(acl.egress.size(), 1u);
  EXPECT_EQ(acl.egress[0].protocol, kUdp);
  EXPECT_EQ(Named(m.subnets, "net/Subnet").network_acl, IndexOf(m.network_acls, "net/Acl"));
  // The default ACL keeps AWS's allow-all rule 100 and takes the template's entries.
  const NetworkAcl& default_acl = Named(m.network_acls, "net/Vpc-default-nacl");
  EXPECT_TRUE(default_acl.is_default);
  EXPECT_FALSE(default_acl.synthesized);
  ASSERT_EQ(default_acl.ingress.size(), 2u);
  EXPECT_EQ(default_acl.ingress[0].number, 50);
  EXPECT_EQ(default_acl.ingress[1].number, 100);
  ASSERT_EQ(m.ignored_resources.size(), 1u);
  EXPECT_EQ(m.ignored_resources[0].id, "net/V6");
  EXPECT_EQ(m.ignored_resources[0].reason,
            "IPv6 is not modelled yet: answers cover IPv4 traffic only");
  EXPECT_TRUE(m.ignored_resources[0].shapes_reachability);  // a warning: IPv6 is unchecked
}

TEST_F(StackMapperTest, NatGatewayTakesItsEipAddress) {
  LoadResult loaded =
      LoadOne(std::string(kNetwork) + R"(  Ip: {Type: 'AWS::EC2::EIP', Properties: {Domain: vpc}}
  Nat:
    Type: AWS::EC2::NatGateway
    Properties: {SubnetId: !Ref Subnet, AllocationId: !GetAtt Ip.AllocationId}
  Table: {Type: 'AWS::EC2::RouteTable', Properties: {VpcId: !Ref Vpc}}
  Out:
    Type: AWS::EC2::Route
    Properties: {RouteTableId: !Ref Table, DestinationCidrBlock: 0.0.0.0/0, NatGatewayId: !Ref Nat}
Outputs:
  Address: {Value: !Ref Ip}
)");
  ASSERT_TRUE(loaded.ok()) << loaded.diagnostics.Format();
  const Model& m = loaded.model;
  const NatGateway& nat = Named(m.nat_gateways, "net/Nat");
  EXPECT_EQ(FormatIpv4(nat.public_ip), "192.0.2.1");
  EXPECT_EQ(FormatIpv4(nat.private_ip), "10.0.1.4");
  EXPECT_EQ(Named(m.route_tables, "net/Table").routes[1].target, RouteTarget::kNatGateway);
  EXPECT_TRUE(m.ignored_resources.empty());
}

TEST_F(StackMapperTest, GatewayAndInterfaceEndpoints) {
  LoadResult loaded =
      LoadOne(std::string(kNetwork) +
              R"(  Table: {Type: 'AWS::EC2::RouteTable', Properties: {VpcId: !Ref Vpc}}
  Sg: {Type: 'AWS::EC2::SecurityGroup', Properties: {GroupDescription: api, VpcId: !Ref Vpc}}
  S3:
    Type: AWS::EC2::VPCEndpoint
    Properties: {VpcId: !Ref Vpc, ServiceName: !Sub 'com.amazonaws.${AWS::Region}.s3', RouteTableIds: [!Ref Table]}
  Api:
    Type: AWS::EC2::VPCEndpoint
    Properties:
      VpcId: !Ref Vpc
      ServiceName: com.amazonaws.us-east-1.sagemaker.api
      VpcEndpointType: Interface
      SubnetIds: [!Ref Subnet]
      SecurityGroupIds: [!GetAtt Sg.GroupId]
)");
  ASSERT_TRUE(loaded.ok()) << loaded.diagnostics.Format();
  const Model& m = loaded.model;
  const VpcEndpoint& s3 = Named(m.vpc_endpoints, "net/S3");
  EXPECT_EQ(s3.type, EndpointType::kGateway);
  EXPECT_EQ(s3.service, "s3");
  EXPECT_EQ(s3.route_tables, std::vector<Index>{IndexOf(m.route_tables, "net/Table")});
  const VpcEndpoint& api = Named(m.vpc_endpoints, "net/Api");
  EXPECT_EQ(api.type, EndpointType::kInterface);
  EXPECT_EQ(api.service, "sagemaker.api");
  ASSERT_EQ(api.enis.size(), 1u);
  EXPECT_EQ(m.enis[api.enis[0]].id, "net/Api/eni-0");
  EXPECT_EQ(api.security_groups, std::vector<Index>{IndexOf(m.security_groups, "net/Sg")});
}

TEST_F(StackMapperTest, SecurityGroupRulesAndPeers) {
  LoadResult loaded = LoadOne(std::string(kNetwork) + R"(  Web:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: web
      VpcId: !Ref Vpc
      SecurityGroupIngress:
        - {IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 0.0.0.0/0}
        - {IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIpv6: '::/0'}
        - {IpProtocol: -1, SourceSecurityGroupId: !GetAtt Vpc.DefaultSecurityGroup}
        - {IpProtocol: udp, FromPort: -1, ToPort: -1, SourcePrefixListId: corp}
        - {IpProtocol: icmp, FromPort: 8, ToPort: -1, CidrIp: 10.0.0.0/8}
        - {IpProtocol: 1, FromPort: 3, ToPort: 4, CidrIp: 10.0.0.0/8}
        - {IpProtocol: icmp, FromPort: -1, ToPort: -1, CidrIp: 10.0.0.0/8}
  Extra:
    Type: AWS::EC2::SecurityGroupIngress
    Properties: {GroupId: !Ref Web, IpProtocol: 50, SourceSecurityGroupId: !Ref Web}
)",
                              "prefix_lists: {corp: {cidrs: [198.51.100.0/24]}}\n");
  ASSERT_TRUE(loaded.ok()) << loaded.diagnostics.Format();
  const Model& m = loaded.model;
  const SecurityGroup& web = Named(m.security_groups, "net/Web");
  ASSERT_EQ(web.ingress.size(), 7u);
  EXPECT_EQ(web.ingress[0].protocol, kTcp);
  EXPECT_EQ(web.ingress[0].ports, (PortRange{443, 443}));
  EXPECT_EQ(web.ingress[0].cidr.ToString(), "0.0.0.0/0");
  EXPECT_EQ(web.ingress[1].protocol, kAllProtocols);
  EXPECT_EQ(web.ingress[1].peer, PeerKind::kSecurityGroup);
  EXPECT_EQ(m.security_groups[web.ingress[1].peer_index].id, "net/Vpc-default-sg");
  EXPECT_EQ(web.ingress[2].protocol, kUdp);
  EXPECT_TRUE(web.ingress[2].ports.IsAll());
  EXPECT_EQ(web.ingress[2].peer, PeerKind::kPrefixList);
  // For ICMP, FromPort is the type and ToPort the code; -1 is all.
  EXPECT_EQ(web.ingress[3].protocol, kIcmp);
  EXPECT_EQ(web.ingress[3].icmp, (IcmpTypeCode{8, kAllIcmp}));
  EXPECT_EQ(web.ingress[4].protocol, kIcmp);
  EXPECT_EQ(web.ingress[4].icmp, (IcmpTypeCode{3, 4}));
  EXPECT_TRUE(web.ingress[5].icmp.IsAll());
  EXPECT_EQ(web.ingress[6].protocol, kEsp);
  EXPECT_EQ(m.security_groups[web.ingress[6].peer_index].id, "net/Web");
  ASSERT_EQ(m.ignored_resources.size(), 1u);
  EXPECT_EQ(m.ignored_resources[0].id, "net/Web IPv6 rule SecurityGroupIngress[1]");
  EXPECT_EQ(m.ignored_resources[0].reason,
            "IPv6 is not modelled yet: answers cover IPv4 traffic only");
  EXPECT_TRUE(m.ignored_resources[0].shapes_reachability);
}

TEST_F(StackMapperTest, DefaultEgressRules) {
  LoadResult loaded = LoadOne(
      std::string(kNetwork) +
      R"(  Absent: {Type: 'AWS::EC2::SecurityGroup', Properties: {GroupDescription: a, VpcId: !Ref Vpc}}
  Empty:
    Type: AWS::EC2::SecurityGroup
    Properties: {GroupDescription: e, VpcId: !Ref Vpc, SecurityGroupEgress: []}
  Listed:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: l
      VpcId: !Ref Vpc
      SecurityGroupEgress: [{IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 0.0.0.0/0}]
  Standalone: {Type: 'AWS::EC2::SecurityGroup', Properties: {GroupDescription: s, VpcId: !Ref Vpc}}
  StandaloneOut:
    Type: AWS::EC2::SecurityGroupEgress
    Properties: {GroupId: !GetAtt Standalone.GroupId, IpProtocol: udp, FromPort: 500, ToPort: 500, DestinationSecurityGroupId: !Ref Standalone}
  IngressOnly: {Type: 'AWS::EC2::SecurityGroup', Properties: {GroupDescription: i, VpcId: !Ref Vpc}}
  StandaloneIn:
    Type: AWS::EC2::SecurityGroupIngress
    Properties: {GroupId: !Ref IngressOnly, IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 10.0.0.0/8}
)");
  ASSERT_TRUE(loaded.ok()) << loaded.diagnostics.Format();
  const Model& m = loaded.model;
  auto egress = [&](const std::string& id) { return Named(m.security_groups, id).egress; };
  // No SecurityGroupEgress (or an empty list), no standalone egress: AWS's allow-all rule.
  for (const char* id : {"net/Absent", "net/Empty", "net/IngressOnly"}) {
    ASSERT_EQ(egress(id).size(), 1u) << id;
    EXPECT_TRUE(egress(id)[0].implicit) << id;
  }
  // Listed rules replace it.
  ASSERT_EQ(egress("net/Listed").size(), 1u);
  EXPECT_FALSE(egress("net/Listed")[0].implicit);
  EXPECT_EQ(egress("net/Listed")[0].ports, (PortRange{443, 443}));
  // A standalone egress rule removes it too.
  ASSERT_EQ(egress("net/Standalone").size(), 1u);
  EXPECT_FALSE(egress("net/Standalone")[0].implicit);
  EXPECT_EQ(egress("net/Standalone")[0].protocol, kUdp);
  EXPECT_EQ(Named(m.security_groups, "net/IngressOnly").ingress.size(), 1u);
}

TEST_F(StackMapperTest, NetworkInterfacesAndInstances) {
  LoadResult loaded = LoadOne(std::string(kNetwork) + R"(  Public:
    Type: AWS::EC2::Subnet
    Properties: {VpcId: !Ref Vpc, CidrBlock: 10.0.0.0/24, AvailabilityZone: us-east-1a, MapPublicIpOnLaunch: true}
  Sg: {Type: 'AWS::EC2::SecurityGroup', Properties: {GroupDescription: s, VpcId: !Ref Vpc}}
  Appliance:
    Type: AWS::EC2::NetworkInterface
    Properties: {SubnetId: !Ref Subnet, PrivateIpAddress: 10.0.1.10, GroupSet: [!Ref Sg], SourceDestCheck: false}
  Web:
    Type: AWS::EC2::Instance
    Properties: {SubnetId: !Ref Public, SecurityGroupIds: [!Ref Sg], ImageId: ami-1}
  Router:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-1
      SourceDestCheck: false
      NetworkInterfaces:
        - {DeviceIndex: 0, SubnetId: !Ref Subnet, GroupSet: [!Ref Sg], PrivateIpAddress: 10.0.1.20, AssociatePublicIpAddress: true}
  Attached:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-1
      NetworkInterfaces: [{DeviceIndex: 0, NetworkInterfaceId: !Ref Appliance}]
  Table: {Type: 'AWS::EC2::RouteTable', Properties: {VpcId: !Ref Vpc}}
  ViaRouter:
    Type: AWS::EC2::Route
    Properties: {RouteTableId: !Ref Table, DestinationCidrBlock: 10.8.0.0/16, InstanceId: !Ref Router}
  ViaAttached:
    Type: AWS::EC2::Route
    Properties: {RouteTableId: !Ref Table, DestinationCidrBlock: 10.9.0.0/16, InstanceId: !Ref Attached}
)");
  ASSERT_TRUE(loaded.ok()) << loaded.diagnostics.Format();
  const Model& m = loaded.model;
  const Eni& appliance = Named(m.enis, "net/Appliance");
  EXPECT_EQ(FormatIpv4(appliance.private_ip), "10.0.1.10");
  EXPECT_FALSE(appliance.source_dest_check);
  EXPECT_EQ(appliance.security_groups, std::vector<Index>{IndexOf(m.security_groups, "net/Sg")});
  const Eni& web = Named(m.enis, "net/Web");
  EXPECT_EQ(FormatIpv4(web.private_ip), "10.0.0.4");
  EXPECT_TRUE(web.private_ip_assigned);
  ASSERT_TRUE(web.public_ip.has_value());  // the subnet maps public IPs on launch
  const Eni& router = Named(m.enis, "net/Router");
  EXPECT_EQ(FormatIpv4(router.private_ip), "10.0.1.20");
  EXPECT_FALSE(router.source_dest_check);
  ASSERT_TRUE(router.public_ip.has_value());
  EXPECT_NE(*router.public_ip, *web.public_ip);
  EXPECT_EQ(IndexOf(m.enis, "net/Attached"), kNone);  // it uses Appliance
  const RouteTable& table = Named(m.route_tables, "net/Table");
  ASSERT_EQ(table.routes.size(), 3u);
  EXPECT_EQ(table.routes[1].target_id, "net/Router");
  EXPECT_EQ(table.routes[2].target_id, "net/Appliance");
}

TEST_F(StackMapperTest, ElasticIpsAssociatedWithInstancesAndEnis) {
  LoadResult loaded = LoadOne(std::string(kNetwork) + R"(  Box:
    Type: AWS::EC2::Instance
    Properties: {SubnetId: !Ref Subnet, ImageId: ami-1}
  BoxIp: {Type: 'AWS::EC2::EIP', Properties: {InstanceId: !Ref Box}}
  Eni: {Type: 'AWS::EC2::NetworkInterface', Properties: {SubnetId: !Ref Subnet}}
  EniIp: {Type: 'AWS::EC2::EIP'}
  Assoc:
    Type: AWS::EC2::EIPAssociation
    Properties: {AllocationId: !GetAtt EniIp.AllocationId, NetworkInterfaceId: !Ref Eni}
Outputs:
  Address: {Value: !Ref EniIp}
)");
  ASSERT_TRUE(loaded.ok()) << loaded.diagnostics.Format();
  // EniIp is referenced first (by the output), so it holds the first address of the pool.
  EXPECT_EQ(FormatIpv4(*Named(loaded.model.enis, "net/Eni").public_ip), "192.0.2.1");
  EXPECT_EQ(FormatIpv4(*Named(loaded.model.enis, "net/Box").public_ip), "192.0.2.2");
}

TEST_F(StackMapperTest, NotebookInstancesAndScenarioComponentsReferToStackResources) {
  LoadResult loaded = LoadOne(
      std::string(kNetwork) +
          R"(  Sg: {Type: 'AWS::EC2::SecurityGroup', Properties: {GroupDescription: s, VpcId: !Ref Vpc}}
  Notebook:
    Type: AWS::SageMaker::NotebookInstance
    Properties:
      InstanceType: ml.t3.medium
      RoleArn: arn:aws:iam::123456789012:role/x
      SubnetId: !Ref Subnet
      SecurityGroupIds: [!Ref Sg]
      DirectInternetAccess: Disabled
      RootAccess: Disabled
      KmsKeyId: alias/nb
  Role: {Type: 'AWS::IAM::Role', Properties: {AssumeRolePolicyDocument: {}}}
)",
      R"(sagemaker:
  training_jobs:
    job: {subnets: [net/Subnet], security_groups: [net/Sg, net/Vpc-default-sg], instance_count: 2}
expect:
  - {name: n, from: 'job[0]', to: net/Notebook, reachable: false, avoid: [net/Sg]}
)");
  ASSERT_TRUE(loaded.ok()) << loaded.diagnostics.Format();
  const Model& m = loaded.model;
  const NotebookInstance& nb = Named(m.notebooks, "net/Notebook");
  EXPECT_FALSE(nb.direct_internet_access);
  EXPECT_FALSE(nb.root_access);
  EXPECT_EQ(nb.kms_key_id, "alias/nb");
  EXPECT_EQ(m.subnets[nb.subnet].id, "net/Subnet");
  EXPECT_EQ(m.enis[nb.eni].id, "net/Notebook");
  EXPECT_EQ(Named(m.training_jobs, "job").security_groups.size(), 2u);
  ASSERT_EQ(m.ignored_resources.size(), 1u);
  EXPECT_EQ(m.ignored_resources[0].id, "net/Role");
  EXPECT_EQ(m.ignored_resources[0].type, "AWS::IAM::Role");
  std::string text = ValidateToText(m);
  EXPECT_NE(text.find("ignored (not part of the network): net/Role AWS::IAM::Role\n"),
            std::string::npos)
      << text;
  EXPECT_EQ(ValidateToJson(m)["ignored_resources"][0]["id"], "net/Role");
}

TEST_F(StackMapperTest, NestedStacksAreMapped) {
  Template("child.yaml", R"(Parameters:
  VpcId: {Type: String}
Resources:
  Subnet: {Type: 'AWS::EC2::Subnet', Properties: {VpcId: !Ref VpcId, CidrBlock: 10.0.2.0/24, AvailabilityZone: us-east-1a}}
)");
  LoadResult loaded = LoadOne(R"(Resources:
  Vpc: {Type: 'AWS::EC2::VPC', Properties: {CidrBlock: 10.0.0.0/16}}
  Child:
    Type: AWS::CloudFormation::Stack
    Properties: {TemplateURL: child.yaml, Parameters: {VpcId: !Ref Vpc}}
)");
  ASSERT_TRUE(loaded.ok()) << loaded.diagnostics.Format();
  EXPECT_EQ(loaded.model.vpcs[Named(loaded.model.subnets, "net/Child/Subnet").vpc].id, "net/Vpc");
  EXPECT_TRUE(loaded.model.ignored_resources.empty());
}

TEST_F(StackMapperTest, ExportsChainIntoLaterStacksAndParametersAreStrings) {
  Template("vpc.yaml", R"(Parameters:
  ClassB: {Type: Number, MaxValue: 255}
  Logs: {Type: String, AllowedValues: ['true', 'false']}
Conditions:
  WithLogs: !Equals [!Ref Logs, 'true']
Resources:
  Vpc: {Type: 'AWS::EC2::VPC', Properties: {CidrBlock: !Sub '10.${ClassB}.0.0/16'}}
  VpcLogs:
    Type: AWS::EC2::FlowLog
    Condition: WithLogs
    Properties: {ResourceId: !Ref Vpc, ResourceType: VPC}
Outputs:
  Vpc: {Value: !Ref Vpc, Export: {Name: !Sub '${AWS::StackName}-Vpc'}}
)");
  Template("subnet.yaml", R"(Parameters:
  Parent: {Type: String}
Resources:
  Subnet:
    Type: AWS::EC2::Subnet
    Properties: {VpcId: !ImportValue {'Fn::Sub': '${Parent}-Vpc'}, CidrBlock: 10.7.0.0/24}
)");
  LoadResult loaded = Load(R"(stacks:
  - {name: a, template: vpc.yaml, parameters: {ClassB: 7, Logs: true}}
  - {name: b, template: subnet.yaml, parameters: {Parent: a}}
)");
  ASSERT_TRUE(loaded.ok()) << loaded.diagnostics.Format();
  EXPECT_TRUE(Named(loaded.model.vpcs, "a/Vpc").flow_logs);
  EXPECT_EQ(loaded.model.vpcs[Named(loaded.model.subnets, "b/Subnet").vpc].id, "a/Vpc");
}

// --- Errors, remapped to the template -----------------------------------------------------

TEST_F(StackMapperTest, BadDestinationCidrBlock) {
  EXPECT_EQ(
      OnlyProblem(LoadOne(std::string(kNetwork) +
                          R"(  Table: {Type: 'AWS::EC2::RouteTable', Properties: {VpcId: !Ref Vpc}}
  PrivateRoute:
    Type: AWS::EC2::Route
    Properties:
      RouteTableId: !Ref Table
      DestinationCidrBlock: 10.0.0.0/33
      GatewayId: local
)")),
      "DIR/t.yaml:11:29: Resources.PrivateRoute.Properties.DestinationCidrBlock: expected a "
      "CIDR such as 10.0.0.0/16, got '10.0.0.0/33'");
}

TEST_F(StackMapperTest, IcmpCodeOfAllTypesIsReportedAtToPort) {
  LoadResult loaded = LoadOne(std::string(kNetwork) + R"(  Web:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: web
      VpcId: !Ref Vpc
      SecurityGroupIngress:
        - {IpProtocol: icmp, FromPort: -1, ToPort: 4, CidrIp: 10.0.0.0/8}
)");
  EXPECT_EQ(loaded.diagnostics.Format(),
            Path("t.yaml") +
                ":12:52: Resources.Web.Properties.SecurityGroupIngress[0].ToPort: icmp_code 4 "
                "needs an icmp_type: a rule for all ICMP types is for all codes (AWS refuses a "
                "code with type -1)\n"
                "            - {IpProtocol: icmp, FromPort: -1, ToPort: 4, CidrIp: 10.0.0.0/8}\n"
                "                                                       ^\n");
}

TEST_F(StackMapperTest, IcmpTypeOutOfRange) {
  EXPECT_EQ(
      OnlyProblem(LoadOne(std::string(kNetwork) +
                          R"(  Acl: {Type: 'AWS::EC2::NetworkAcl', Properties: {VpcId: !Ref Vpc}}
  Ping:
    Type: AWS::EC2::NetworkAclEntry
    Properties:
      NetworkAclId: !Ref Acl
      RuleNumber: 100
      Protocol: 1
      RuleAction: allow
      CidrBlock: 0.0.0.0/0
      Icmp: {Type: 256, Code: -1}
)")),
      "DIR/t.yaml:15:20: Resources.Ping.Properties.Icmp.Type: ICMP type 256 is out of "
      "range; expected 0-255, or -1 for all");
  EXPECT_EQ(OnlyProblem(LoadOne(std::string(kNetwork) + R"(  Web:
    Type: AWS::EC2::SecurityGroupEgress
    Properties: {GroupId: !Ref Sg, IpProtocol: icmp, FromPort: 8, ToPort: 999, CidrIp: 10.0.0.0/8}
  Sg: {Type: 'AWS::EC2::SecurityGroup', Properties: {GroupDescription: web, VpcId: !Ref Vpc}}
)")),
            "DIR/t.yaml:8:75: Resources.Web.Properties.ToPort: ICMP code 999 is out of range; "
            "expected 0-255, or -1 for all");
}

TEST_F(StackMapperTest, RouteToATransitGateway) {
  EXPECT_EQ(
      OnlyProblem(LoadOne(std::string(kNetwork) +
                          R"(  Table: {Type: 'AWS::EC2::RouteTable', Properties: {VpcId: !Ref Vpc}}
  ToTgw:
    Type: AWS::EC2::Route
    Properties: {RouteTableId: !Ref Table, DestinationCidrBlock: 10.9.0.0/16, TransitGatewayId: tgw-1}
)")),
      "DIR/t.yaml:9:97: Resources.ToTgw.Properties.TransitGatewayId: unknown transit gateway "
      "'tgw-1'; declare it under transit_gateways, with this VPC's attachment under "
      "transit_gateway_attachments");
}

TEST_F(StackMapperTest, SubnetOutsideItsVpcIsReportedAtTheTemplatesCidrBlock) {
  EXPECT_EQ(OnlyProblem(LoadOne(R"(Parameters:
  ClassB: {Type: Number, Default: 1}
Resources:
  Vpc: {Type: 'AWS::EC2::VPC', Properties: {CidrBlock: !Sub '10.${ClassB}.0.0/16'}}
  Subnet:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref Vpc
      CidrBlock: 10.2.0.0/24
)")),
            "DIR/t.yaml:9:18: Resources.Subnet.Properties.CidrBlock: 10.2.0.0/24 is not inside "
            "vpc net/Vpc (10.1.0.0/16)");
}

TEST_F(StackMapperTest, MissingTemplateFileIsReportedAtTheTemplateKey) {
  EXPECT_EQ(OnlyProblem(Load("stacks:\n  - name: net\n    template: templates/none.yaml\n")),
            "DIR/s.yaml:4:15: stacks[0].template: cannot read template "
            "DIR/templates/none.yaml: No such file or directory");
}

TEST_F(StackMapperTest, StackEntryProblems) {
  Template("t.yaml", kNetwork);
  LoadResult loaded = Load(R"(stacks:
  - {name: net, template: t.yaml, paramters: {}}
  - {name: net, template: t.yaml}
  - {name: 9lives, template: t.yaml}
  - {template: t.yaml}
)");
  std::vector<std::string> headlines = Headlines(loaded);
  std::string s = Path("s.yaml");
  EXPECT_EQ(headlines,
            (std::vector<std::string>{
                s + ":3:35: stacks[0].paramters: unknown key 'paramters'; did you mean "
                    "'parameters'?",
                s + ":4:12: stacks[1].name: stack name 'net' is already used at " + s + ":3:12",
                s + ":5:12: stacks[2].name: stack name '9lives' is not valid; use letters, "
                    "digits and hyphens, starting with a letter",
                s + ":6:5: stacks[3]: missing required key 'name'"}));
}

TEST_F(StackMapperTest, DuplicateRouteTableAssociationNamesBoth) {
  EXPECT_EQ(
      OnlyProblem(LoadOne(std::string(kNetwork) +
                          R"(  One: {Type: 'AWS::EC2::RouteTable', Properties: {VpcId: !Ref Vpc}}
  Two: {Type: 'AWS::EC2::RouteTable', Properties: {VpcId: !Ref Vpc}}
  First:
    Type: AWS::EC2::SubnetRouteTableAssociation
    Properties: {SubnetId: !Ref Subnet, RouteTableId: !Ref One}
  Second:
    Type: AWS::EC2::SubnetRouteTableAssociation
    Properties: {SubnetId: !Ref Subnet, RouteTableId: !Ref Two}
)")),
      "DIR/t.yaml:13:28: Resources.Second.Properties.SubnetId: subnet net/Subnet is "
      "associated with route table net/One already by Resources.First (DIR/t.yaml:8:3); "
      "a subnet has one route table association");
}

TEST_F(StackMapperTest, DeferredAttributeWhereAValueIsNeeded) {
  EXPECT_EQ(OnlyProblem(LoadOne(std::string(kNetwork) + R"(  Box:
    Type: AWS::EC2::Instance
    Properties: {SubnetId: !Ref Subnet, ImageId: ami-1}
  Table: {Type: 'AWS::EC2::RouteTable', Properties: {VpcId: !Ref Vpc}}
  ToBox:
    Type: AWS::EC2::Route
    Properties:
      RouteTableId: !Ref Table
      DestinationCidrBlock: !Sub '${Box.PrivateIp}/32'
      GatewayId: local
)")),
            "DIR/t.yaml:14:29: Resources.ToBox.Properties.DestinationCidrBlock: "
            "net/Box.PrivateIp is assigned at deployment; vpcreach cannot use it here");
}

TEST_F(StackMapperTest, ReferencesToResourcesOfTheWrongKind) {
  LoadResult loaded =
      LoadOne(std::string(kNetwork) +
              R"(  Table: {Type: 'AWS::EC2::RouteTable', Properties: {VpcId: !Ref Vpc}}
  Wrong:
    Type: AWS::EC2::Route
    Properties: {RouteTableId: !Ref Subnet, DestinationCidrBlock: 0.0.0.0/0, GatewayId: local}
  Target:
    Type: AWS::EC2::Route
    Properties: {RouteTableId: !Ref Table, DestinationCidrBlock: 10.5.0.0/16, GatewayId: !Ref Subnet}
  Private:
    Type: AWS::EC2::NatGateway
    Properties: {SubnetId: !Ref Subnet, ConnectivityType: private}
)");
  std::vector<std::string> headlines = Headlines(loaded);
  std::string t = Path("t.yaml");
  EXPECT_EQ(
      headlines,
      (std::vector<std::string>{
          t + ":9:32: Resources.Wrong.Properties.RouteTableId: 'net/Subnet' is an "
              "AWS::EC2::Subnet, not a route table",
          t + ":12:90: Resources.Target.Properties.GatewayId: 'net/Subnet' is a subnet; a "
              "route target is local, blackhole, or the id of an internet gateway, NAT "
              "gateway, ENI, instance, peering connection, transit gateway or virtual private "
              "gateway"}));
}

TEST_F(StackMapperTest, TemplateProblemsAreNotRepeatedByTheMapping) {
  // The parameter is out of range: reported once, at the scenario's value; the VPC it would
  // have shaped raises nothing more.
  Template("t.yaml", R"(Parameters:
  ClassB: {Type: Number, MaxValue: 255}
Resources:
  Vpc: {Type: 'AWS::EC2::VPC', Properties: {CidrBlock: !Sub '10.${ClassB}.0.0/16'}}
  Subnet: {Type: 'AWS::EC2::Subnet', Properties: {VpcId: !Ref Vpc, CidrBlock: 10.1.0.0/24}}
)");
  LoadResult loaded =
      Load("stacks:\n  - {name: net, template: t.yaml, parameters: {ClassB: 300}}\n");
  ASSERT_EQ(loaded.diagnostics.Size(), 1u) << loaded.diagnostics.Format();
  EXPECT_EQ(loaded.diagnostics.Items()[0].location.file, Path("s.yaml"));
  EXPECT_EQ(loaded.diagnostics.Items()[0].location.line, 3);
  EXPECT_EQ(loaded.diagnostics.Items()[0].path, "Parameters.ClassB");
}

TEST_F(StackMapperTest, DiagnosticsEchoTheTemplateLine) {
  LoadResult loaded = LoadOne(R"(Resources:
  Vpc: {Type: 'AWS::EC2::VPC', Properties: {CidrBlock: 10.0.0.0/8}}
)");
  EXPECT_EQ(loaded.diagnostics.Format(),
            Path("t.yaml") +
                ":2:56: Resources.Vpc.Properties.CidrBlock: a VPC CIDR must be between /16 and "
                "/28, got /8\n"
                "      Vpc: {Type: 'AWS::EC2::VPC', Properties: {CidrBlock: 10.0.0.0/8}}\n"
                "                                                           ^\n");
}

}  // namespace
}  // namespace vpcreach
