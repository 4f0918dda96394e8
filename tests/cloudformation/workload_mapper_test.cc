// CloudFormation resources that put network interfaces in a VPC, mapped to workloads
// (model/cloudformation/workload_mapper.h): what each folds in, where its interfaces go, what
// they answer, and what is listed as ignored (with a warning when it shapes reachability).
#include <gtest/gtest.h>

#include <string>

#include "model/scenario_loader.h"
#include "sim/forwarding_graph.h"
#include "sim/query/audit.h"
#include "sim/query/check.h"
#include "sim/report/check_report.h"
#include "sim/report/ci_report.h"
#include "sim/report/validate_report.h"
#include "sim/rules.h"
#include "tests/cloudformation/stack_test_fixture.h"

namespace vpcreach::testing {
namespace {

class WorkloadMapperTest : public StackTest {};

// A VPC with a public subnet (public IPs on launch) and two private subnets, and a second VPC.
const char* kNetwork = R"(Resources:
  Vpc: {Type: 'AWS::EC2::VPC', Properties: {CidrBlock: 10.0.0.0/16}}
  Other: {Type: 'AWS::EC2::VPC', Properties: {CidrBlock: 10.9.0.0/16}}
  Public:
    Type: AWS::EC2::Subnet
    Properties: {VpcId: !Ref Vpc, CidrBlock: 10.0.0.0/24, AvailabilityZone: us-east-1a, MapPublicIpOnLaunch: true}
  PrivateA:
    Type: AWS::EC2::Subnet
    Properties: {VpcId: !Ref Vpc, CidrBlock: 10.0.1.0/24, AvailabilityZone: us-east-1a}
  PrivateB:
    Type: AWS::EC2::Subnet
    Properties: {VpcId: !Ref Vpc, CidrBlock: 10.0.2.0/24, AvailabilityZone: us-east-1b}
  Far:
    Type: AWS::EC2::Subnet
    Properties: {VpcId: !Ref Other, CidrBlock: 10.9.0.0/24, AvailabilityZone: us-east-1a}
  Web: {Type: 'AWS::EC2::SecurityGroup', Properties: {GroupDescription: w, VpcId: !Ref Vpc}}
  Db: {Type: 'AWS::EC2::SecurityGroup', Properties: {GroupDescription: d, VpcId: !Ref Vpc}}
  Elsewhere: {Type: 'AWS::EC2::SecurityGroup', Properties: {GroupDescription: e, VpcId: !Ref Other}}
)";

std::vector<std::string> GroupIds(const Model& m, const Eni& e) {
  std::vector<std::string> out;
  for (Index g : e.security_groups) out.push_back(m.security_groups[g].id);
  return out;
}

std::vector<std::string> Placement(const Model& m, const Workload& w) {
  std::vector<std::string> out;
  for (Index e : w.enis) out.push_back(m.enis[e].id + "@" + m.subnets[m.enis[e].subnet].id);
  return out;
}

const IgnoredResource* Ignored(const Model& m, const std::string& id) {
  for (const IgnoredResource& r : m.ignored_resources) {
    if (r.id == id) return &r;
  }
  return nullptr;
}

// A whole diagnostic as Diagnostics::Format writes it: `headline`, the echoed `line` and a caret
// under `column` (the headline's own).
std::string Located(const std::string& headline, const std::string& line, int column) {
  return headline + "\n    " + line + "\n" + std::string(4 + column - 1, ' ') + "^\n";
}

// ---- EC2 -------------------------------------------------------------------------------------

TEST_F(WorkloadMapperTest, AnInstanceKeepsItsSecurityGroupsBesideItsSubnet) {
  LoadResult loaded = LoadOne(std::string(kNetwork) + R"(  Box:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-1
      SubnetId: !Ref PrivateA
      PrivateIpAddress: 10.0.1.50
      SecurityGroupIds: [!Ref Web]
      SecurityGroups: [!Ref Db, !Ref Web]
)");
  ASSERT_TRUE(loaded.ok()) << loaded.diagnostics.Format();
  const Model& m = loaded.model;
  const Eni& box = Named(m.enis, "net/Box");
  EXPECT_EQ(GroupIds(m, box), (std::vector<std::string>{"net/Web", "net/Db"}));
  EXPECT_EQ(FormatIpv4(box.private_ip), "10.0.1.50");
  EXPECT_EQ(Named(m.workloads, "net/Box").kind, WorkloadKind::kInstance);
  EXPECT_FALSE(box.public_ip.has_value());
}

TEST_F(WorkloadMapperTest, AnInstanceHasEveryInterfaceAndItsSecondaryAddresses) {
  LoadResult loaded = LoadOne(std::string(kNetwork) + R"(  Spare:
    Type: AWS::EC2::NetworkInterface
    Properties: {SubnetId: !Ref PrivateB, GroupSet: [!Ref Db]}
  Router:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-1
      SourceDestCheck: false
      NetworkInterfaces:
        - DeviceIndex: 1
          SubnetId: !Ref PrivateA
          GroupSet: [!Ref Db]
          PrivateIpAddresses:
            - {PrivateIpAddress: 10.0.1.10, Primary: true}
            - {PrivateIpAddress: 10.0.1.11, Primary: false}
          SecondaryPrivateIpAddressCount: 1
        - {DeviceIndex: 0, SubnetId: !Ref Public, GroupSet: [!Ref Web], AssociatePublicIpAddress: true}
  Attach:
    Type: AWS::EC2::NetworkInterfaceAttachment
    Properties: {InstanceId: !Ref Router, NetworkInterfaceId: !Ref Spare, DeviceIndex: 2}
  Table: {Type: 'AWS::EC2::RouteTable', Properties: {VpcId: !Ref Vpc}}
  ViaRouter:
    Type: AWS::EC2::Route
    Properties: {RouteTableId: !Ref Table, DestinationCidrBlock: 172.16.0.0/12, InstanceId: !Ref Router}
)");
  ASSERT_TRUE(loaded.ok()) << loaded.diagnostics.Format();
  const Model& m = loaded.model;
  const Workload& router = Named(m.workloads, "net/Router");
  // By device index; the attached ENI keeps its own id.
  EXPECT_EQ(Placement(m, router),
            (std::vector<std::string>{"net/Router[0]@net/Public", "net/Router[1]@net/PrivateA",
                                      "net/Spare@net/PrivateB"}));
  const Eni& primary = Named(m.enis, "net/Router[0]");
  EXPECT_TRUE(primary.public_ip.has_value());
  EXPECT_FALSE(primary.source_dest_check);
  const Eni& second = Named(m.enis, "net/Router[1]");
  EXPECT_EQ(FormatIpv4(second.private_ip), "10.0.1.10");
  ASSERT_EQ(second.secondary_ips.size(), 2u);
  EXPECT_EQ(FormatIpv4(second.secondary_ips[0]), "10.0.1.11");
  EXPECT_EQ(Named(m.enis, "net/Spare").owner, EniOwner::kWorkload);
  // A route to the instance goes to its primary interface.
  const Route& route = Named(m.route_tables, "net/Table").routes.back();
  EXPECT_EQ(m.enis[route.target_index].id, "net/Router[0]");
}

TEST_F(WorkloadMapperTest, AnEniHasItsSecondaryAddresses) {
  LoadResult loaded = LoadOne(std::string(kNetwork) + R"(  Eni:
    Type: AWS::EC2::NetworkInterface
    Properties:
      SubnetId: !Ref PrivateA
      PrivateIpAddresses:
        - {PrivateIpAddress: 10.0.1.20, Primary: true}
        - {PrivateIpAddress: 10.0.1.21, Primary: false}
      SecondaryPrivateIpAddressCount: 2
  Peer:
    Type: AWS::EC2::NetworkInterface
    Properties:
      SubnetId: !Ref PrivateA
      # Its attributes give the written addresses, and tokens for those AWS assigns.
      Description: !Join [' ', [!GetAtt Eni.PrimaryPrivateIpAddress, !Select [0, !GetAtt Eni.SecondaryPrivateIpAddresses]]]
Outputs:
  Assigned: {Value: !Select [2, !GetAtt Eni.SecondaryPrivateIpAddresses]}
)");
  ASSERT_TRUE(loaded.ok()) << loaded.diagnostics.Format();
  const Eni& eni = Named(loaded.model.enis, "net/Eni");
  EXPECT_EQ(FormatIpv4(eni.private_ip), "10.0.1.20");
  ASSERT_EQ(eni.secondary_ips.size(), 3u);
  EXPECT_EQ(FormatIpv4(eni.secondary_ips[0]), "10.0.1.21");
  EXPECT_TRUE(eni.secondary_ips_assigned[1]);
}

TEST_F(WorkloadMapperTest, AutoScalingGroupsTakeTheirLaunchTemplateAndCapacity) {
  LoadResult loaded = LoadOne(std::string(kNetwork) + R"(  Template:
    Type: AWS::EC2::LaunchTemplate
    Properties:
      LaunchTemplateData:
        ImageId: ami-1
        NetworkInterfaces: [{DeviceIndex: 0, AssociatePublicIpAddress: false, Groups: [!Ref Web]}]
  Fleet:
    Type: AWS::AutoScaling::AutoScalingGroup
    Properties:
      MinSize: '1'
      MaxSize: '5'
      DesiredCapacity: '3'
      VPCZoneIdentifier: [!Ref Public, !Ref PrivateA]
      LaunchTemplate: {LaunchTemplateId: !Ref Template, Version: !GetAtt Template.LatestVersionNumber}
      TargetGroupARNs: [!Ref Targets]
  Config:
    Type: AWS::AutoScaling::LaunchConfiguration
    Properties: {ImageId: ami-1, InstanceType: t3.micro, SecurityGroups: [!Ref Db]}
  Old:
    Type: AWS::AutoScaling::AutoScalingGroup
    Properties:
      MinSize: '2'
      MaxSize: '2'
      VPCZoneIdentifier: [!Ref Public]
      LaunchConfigurationName: !Ref Config
  Targets:
    Type: AWS::ElasticLoadBalancingV2::TargetGroup
    Properties: {Port: 8080, Protocol: HTTP, VpcId: !Ref Vpc}
  Bare:
    Type: AWS::AutoScaling::LaunchConfiguration
    Properties: {ImageId: ami-1, InstanceType: t3.micro}
  Default:
    Type: AWS::AutoScaling::AutoScalingGroup
    Properties: {MinSize: '2', MaxSize: '2', AvailabilityZones: [us-east-1b, us-east-1c], LaunchConfigurationName: !Ref Bare}
)");
  ASSERT_TRUE(loaded.ok()) << loaded.diagnostics.Format();
  const Model& m = loaded.model;
  EXPECT_EQ(Placement(m, Named(m.workloads, "net/Fleet")),
            (std::vector<std::string>{"net/Fleet[0]@net/Public", "net/Fleet[1]@net/PrivateA",
                                      "net/Fleet[2]@net/Public"}));
  // The template asks for no public address, whatever the subnet maps.
  EXPECT_FALSE(Named(m.enis, "net/Fleet[0]").public_ip.has_value());
  EXPECT_EQ(GroupIds(m, Named(m.enis, "net/Fleet[1]")), std::vector<std::string>{"net/Web"});
  // The launch configuration's groups; its subnet maps public addresses on launch.
  const Eni& old = Named(m.enis, "net/Old[1]");
  EXPECT_EQ(GroupIds(m, old), std::vector<std::string>{"net/Db"});
  EXPECT_TRUE(old.public_ip.has_value());
  // It registers in its target groups.
  const TargetGroup& targets = Named(m.target_groups, "net/Targets");
  ASSERT_EQ(targets.targets.size(), 1u);
  EXPECT_EQ(m.workloads[targets.targets[0].workload].id, "net/Fleet");
  // No VPCZoneIdentifier: the default subnets of its AvailabilityZones, which give public
  // addresses on launch; no groups: the default VPC's default group.
  const Workload& fallback = Named(m.workloads, "net/Default");
  EXPECT_EQ(Placement(m, fallback),
            (std::vector<std::string>{"net/Default[0]@default-vpc-us-east-1b",
                                      "net/Default[1]@default-vpc-us-east-1c"}));
  EXPECT_TRUE(Named(m.enis, "net/Default[0]").public_ip.has_value());
  EXPECT_EQ(GroupIds(m, Named(m.enis, "net/Default[1]")),
            std::vector<std::string>{"default-vpc-default-sg"});
  EXPECT_EQ(Ignored(m, "net/Template"), nullptr);  // read with the group that uses it
}

// TargetType alb: a network load balancer forwards to an application one, named by its ARN (its
// Ref); a target the stacks do not hold is a warning, since paths to it are missing.
TEST_F(WorkloadMapperTest, AnApplicationLoadBalancerIsATargetOfANetworkOne) {
  LoadResult loaded = LoadOne(std::string(kNetwork) + R"(  Alb:
    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
    Properties: {Scheme: internal, Subnets: [!Ref PrivateA, !Ref PrivateB]}
  Nlb:
    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
    Properties: {Type: network, Subnets: [!Ref Public]}
  Front:
    Type: AWS::ElasticLoadBalancingV2::Listener
    Properties:
      LoadBalancerArn: !Ref Nlb
      Port: 443
      Protocol: TCP
      DefaultActions: [{Type: forward, TargetGroupArn: !Ref ToAlb}]
  ToAlb:
    Type: AWS::ElasticLoadBalancingV2::TargetGroup
    Properties: {Port: 443, Protocol: TCP, VpcId: !Ref Vpc, TargetType: alb, Targets: [{Id: !Ref Alb}, {Id: i-0123456789abcdef0}]}
)");
  ASSERT_TRUE(loaded.ok()) << loaded.diagnostics.Format();
  const Model& m = loaded.model;
  const TargetGroup& to_alb = Named(m.target_groups, "net/ToAlb");
  ASSERT_EQ(to_alb.targets.size(), 1u);
  EXPECT_EQ(m.workloads[to_alb.targets[0].workload].id, "net/Alb");
  const IgnoredResource* outside = Ignored(m, "net/ToAlb Targets[1]");
  ASSERT_NE(outside, nullptr);
  EXPECT_EQ(outside->reason, "a target outside the scenario's stacks");
  EXPECT_TRUE(outside->shapes_reachability);
}

TEST_F(WorkloadMapperTest, LoadBalancersAnswerTheirListenersAndRecordTheirTargets) {
  LoadResult loaded = LoadOne(std::string(kNetwork) + R"(  App:
    Type: AWS::EC2::Instance
    Properties: {ImageId: ami-1, SubnetId: !Ref PrivateA}
  Alb:
    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
    Properties: {Subnets: [!Ref Public, !Ref PrivateA], SecurityGroups: [!Ref Web]}
  Https:
    Type: AWS::ElasticLoadBalancingV2::Listener
    Properties:
      LoadBalancerArn: !Ref Alb
      Port: 443
      Protocol: HTTPS
      DefaultActions: [{Type: forward, TargetGroupArn: !Ref Targets}]
  Rule:
    Type: AWS::ElasticLoadBalancingV2::ListenerRule
    Properties:
      ListenerArn: !Ref Https
      Priority: 1
      Conditions: []
      Actions: [{Type: forward, ForwardConfig: {TargetGroups: [{TargetGroupArn: !Ref Ips}]}}]
  Targets:
    Type: AWS::ElasticLoadBalancingV2::TargetGroup
    Properties: {Port: 8080, Protocol: HTTP, VpcId: !Ref Vpc, Targets: [{Id: !Ref App}]}
  Ips:
    Type: AWS::ElasticLoadBalancingV2::TargetGroup
    Properties: {Port: 80, Protocol: HTTP, VpcId: !Ref Vpc, TargetType: ip, Targets: [{Id: 10.0.2.9, Port: 81}]}
  Nlb:
    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
    Properties: {Type: network, Scheme: internal, SubnetMappings: [{SubnetId: !Ref PrivateB}]}
  Classic:
    Type: AWS::ElasticLoadBalancing::LoadBalancer
    Properties:
      Subnets: [!Ref Public]
      Instances: [!Ref App]
      Listeners: [{LoadBalancerPort: '80', InstancePort: '8080', Protocol: HTTP}]
)");
  ASSERT_TRUE(loaded.ok()) << loaded.diagnostics.Format();
  const Model& m = loaded.model;
  const Workload& alb = Named(m.workloads, "net/Alb");
  EXPECT_EQ(AnswersText(*alb.serves), "tcp 443");
  EXPECT_TRUE(Named(m.enis, "net/Alb[1]").public_ip.has_value());  // internet-facing
  ASSERT_EQ(alb.listeners.size(), 1u);
  std::vector<std::string> groups;
  for (Index g : alb.listeners[0].target_groups) groups.push_back(m.target_groups[g].id);
  EXPECT_EQ(groups, (std::vector<std::string>{"net/Targets", "net/Ips"}));
  const TargetGroup& ips = Named(m.target_groups, "net/Ips");
  ASSERT_EQ(ips.targets.size(), 1u);
  EXPECT_EQ(FormatIpv4(*ips.targets[0].ip), "10.0.2.9");
  EXPECT_EQ(ips.targets[0].port, 81);
  const Workload& nlb = Named(m.workloads, "net/Nlb");
  EXPECT_EQ(nlb.load_balancer_type, LoadBalancerType::kNetwork);
  EXPECT_FALSE(Named(m.enis, "net/Nlb").public_ip.has_value());
  EXPECT_TRUE(Named(m.enis, "net/Nlb").security_groups.empty());
  EXPECT_EQ(AnswersText(*nlb.serves), "nothing");  // no listener
  const Workload& classic = Named(m.workloads, "net/Classic");
  EXPECT_EQ(AnswersText(*classic.serves), "tcp 80");
  const TargetGroup& behind = Named(m.target_groups, "net/Classic/port-80");
  EXPECT_EQ(behind.port, 8080);
  ASSERT_EQ(behind.targets.size(), 1u);
  EXPECT_EQ(m.workloads[behind.targets[0].workload].id, "net/App");
}

TEST_F(WorkloadMapperTest, AListenerPortOutsideTheRangeIsLocatedInTheTemplate) {
  LoadResult loaded = LoadOne(std::string(kNetwork) + R"(  Alb:
    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
    Properties: {Subnets: [!Ref Public], SecurityGroups: [!Ref Web]}
  Bad:
    Type: AWS::ElasticLoadBalancingV2::Listener
    Properties: {LoadBalancerArn: !Ref Alb, Port: 70000, Protocol: HTTP, DefaultActions: []}
)");
  EXPECT_EQ(OnlyProblem(loaded),
            "DIR/t.yaml:24:51: Resources.Bad.Properties.Port: port 70000 is out of range 1-65535");
  EXPECT_EQ(loaded.diagnostics.Format(),
            Located(Path("t.yaml") +
                        ":24:51: Resources.Bad.Properties.Port: port 70000 is out of range 1-65535",
                    "    Properties: {LoadBalancerArn: !Ref Alb, Port: 70000, Protocol: HTTP, "
                    "DefaultActions: []}",
                    51));
}

// A listener forwards to a target group: an unknown resource is the evaluator's error, another
// kind of resource is refused, and a target group outside the stacks is a warning (its targets
// are not known), never silently dropped.
TEST_F(WorkloadMapperTest, AListenerForwardsOnlyToTargetGroups) {
  const std::string balancer = std::string(kNetwork) + R"(  Alb:
    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
    Properties: {Subnets: [!Ref PrivateA], SecurityGroups: [!Ref Web]}
  Https:
    Type: AWS::ElasticLoadBalancingV2::Listener
    Properties:
      LoadBalancerArn: !Ref Alb
      Port: 443
      Protocol: HTTPS
)";
  LoadResult loaded =
      LoadOne(balancer + "      DefaultActions: [{Type: forward, TargetGroupArn: !Ref Models}]\n");
  EXPECT_EQ(loaded.diagnostics.Format(),
            Located(Path("t.yaml") +
                        ":28:56: Resources.Https.Properties.DefaultActions[0].TargetGroupArn: "
                        "'Models' is not a parameter, pseudo parameter or resource of this "
                        "template",
                    "      DefaultActions: [{Type: forward, TargetGroupArn: !Ref Models}]", 56));
  loaded =
      LoadOne(balancer + "      DefaultActions: [{Type: forward, TargetGroupArn: !Ref Web}]\n");
  EXPECT_EQ(loaded.diagnostics.Format(),
            Located(Path("t.yaml") +
                        ":28:56: Resources.Https.Properties.DefaultActions[0].TargetGroupArn: "
                        "TargetGroupArn names net/Web, an AWS::EC2::SecurityGroup, not a target "
                        "group; forward to an AWS::ElasticLoadBalancingV2::TargetGroup",
                    "      DefaultActions: [{Type: forward, TargetGroupArn: !Ref Web}]", 56));
  loaded =
      LoadOne(balancer +
              "      DefaultActions: [{Type: forward, TargetGroupArn: "
              "'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/models/1'}]\n");
  ASSERT_TRUE(loaded.ok()) << loaded.diagnostics.Format();
  const IgnoredResource* https = Ignored(loaded.model, "net/Https");
  ASSERT_NE(https, nullptr);
  EXPECT_TRUE(https->shapes_reachability);
  EXPECT_EQ(https->reason,
            "it forwards to target group "
            "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/models/1, which is "
            "not in the scenario's stacks");
  EXPECT_TRUE(Named(loaded.model.workloads, "net/Alb").listeners.at(0).target_groups.empty());
}

TEST_F(WorkloadMapperTest, ATargetInAnotherVpcIsRefused) {
  LoadResult loaded = LoadOne(std::string(kNetwork) + R"(  App:
    Type: AWS::EC2::Instance
    Properties: {ImageId: ami-1, SubnetId: !Ref Far}
  Targets:
    Type: AWS::ElasticLoadBalancingV2::TargetGroup
    Properties: {Port: 8080, Protocol: HTTP, VpcId: !Ref Vpc, Targets: [{Id: !Ref App}]}
)");
  EXPECT_EQ(loaded.diagnostics.Format(),
            Located(Path("t.yaml") +
                        ":24:78: Resources.Targets.Properties.Targets[0].Id: target net/App is "
                        "in vpc net/Other, not in vpc net/Vpc of target group net/Targets; a "
                        "target group's targets are in its vpc: register net/App in a target "
                        "group of vpc net/Other",
                    "    Properties: {Port: 8080, Protocol: HTTP, VpcId: !Ref Vpc, Targets: [{Id: "
                    "!Ref App}]}",
                    78));
}

TEST_F(WorkloadMapperTest, AnAutoScalingGroupWithoutSubnetsIsRefused) {
  LoadResult loaded = LoadOne(std::string(kNetwork) + R"(  Config:
    Type: AWS::AutoScaling::LaunchConfiguration
    Properties: {ImageId: ami-1, InstanceType: t3.micro}
  Fleet:
    Type: AWS::AutoScaling::AutoScalingGroup
    Properties: {MinSize: '1', MaxSize: '2', LaunchConfigurationName: !Ref Config}
)");
  EXPECT_EQ(loaded.diagnostics.Format(),
            Located(Path("t.yaml") +
                        ":22:3: Resources.Fleet.Properties: missing required property "
                        "'VPCZoneIdentifier' or 'AvailabilityZones': an Auto Scaling group needs "
                        "subnets to launch in",
                    "  Fleet:", 3));
  EXPECT_EQ(IndexOf(loaded.model.workloads, "net/Fleet"), kNone);
}

// ---- databases, caches and other services -----------------------------------------------------

TEST_F(WorkloadMapperTest, DatabasesSitInTheirSubnetGroupsOnTheirPorts) {
  LoadResult loaded = LoadOne(std::string(kNetwork) + R"(  Group:
    Type: AWS::RDS::DBSubnetGroup
    Properties: {DBSubnetGroupDescription: g, SubnetIds: [!Ref PrivateA, !Ref PrivateB]}
  Store:
    Type: AWS::RDS::DBInstance
    Properties: {Engine: postgres, DBInstanceClass: db.t3.micro, DBSubnetGroupName: !Ref Group, VPCSecurityGroups: [!Ref Db], MultiAZ: true}
  Aurora:
    Type: AWS::RDS::DBCluster
    Properties: {Engine: aurora-mysql, DBSubnetGroupName: !Ref Group, VpcSecurityGroupIds: [!Ref Db], Port: 3307}
  Writer:
    Type: AWS::RDS::DBInstance
    Properties: {Engine: aurora-mysql, DBInstanceClass: db.r5.large, DBClusterIdentifier: !Ref Aurora}
  Reader:
    Type: AWS::RDS::DBInstance
    Properties: {Engine: aurora-mysql, DBInstanceClass: db.r5.large, DBClusterIdentifier: !Ref Aurora, PubliclyAccessible: true}
  Lost:
    Type: AWS::RDS::DBInstance
    Properties: {Engine: mysql, DBInstanceClass: db.t3.micro, DBSubnetGroupName: elsewhere}
  Default:
    Type: AWS::RDS::DBInstance
    Properties: {Engine: mysql, DBInstanceClass: db.t3.micro}
)");
  ASSERT_TRUE(loaded.ok()) << loaded.diagnostics.Format();
  const Model& m = loaded.model;
  const Workload& store = Named(m.workloads, "net/Store");
  EXPECT_EQ(AnswersText(*store.serves), "tcp 5432");
  EXPECT_EQ(Placement(m, store),
            (std::vector<std::string>{"net/Store[0]@net/PrivateA", "net/Store[1]@net/PrivateB"}));
  const Workload& aurora = Named(m.workloads, "net/Aurora");
  EXPECT_EQ(AnswersText(*aurora.serves), "tcp 3307");
  EXPECT_EQ(aurora.enis.size(), 2u);  // its two instances
  EXPECT_TRUE(Named(m.enis, "net/Aurora[0]").public_ip.has_value());
  EXPECT_EQ(IndexOf(m.workloads, "net/Writer"), kNone);  // counted in its cluster
  EXPECT_EQ(Ignored(m, "net/Writer"), nullptr);
  // A subnet group the stacks do not hold: not placed, a warning.
  const IgnoredResource* lost = Ignored(m, "net/Lost");
  ASSERT_NE(lost, nullptr);
  EXPECT_TRUE(lost->shapes_reachability);
  EXPECT_EQ(lost->reason, "its subnet group elsewhere is not in the scenario's stacks");
  // No subnet group: the default VPC's, every default subnet (Single-AZ: the first).
  EXPECT_EQ(Placement(m, Named(m.workloads, "net/Default")),
            std::vector<std::string>{"net/Default@default-vpc-us-east-1a"});
}

TEST_F(WorkloadMapperTest, ADatabaseInASubnetGroupOfAnotherVpcIsRefused) {
  LoadResult loaded = LoadOne(std::string(kNetwork) + R"(  Group:
    Type: AWS::RDS::DBSubnetGroup
    Properties: {DBSubnetGroupDescription: g, SubnetIds: [!Ref Far]}
  Store:
    Type: AWS::RDS::DBInstance
    Properties: {Engine: postgres, DBInstanceClass: db.t3.micro, DBSubnetGroupName: !Ref Group, VPCSecurityGroups: [!Ref Db]}
)");
  EXPECT_EQ(loaded.diagnostics.Format(),
            Located(Path("t.yaml") +
                        ":24:117: Resources.Store.Properties.VPCSecurityGroups[0]: security group "
                        "net/Db is in vpc net/Vpc, not in vpc net/Other; the security groups of "
                        "an RDS instance are in the vpc of its subnets: name security groups of "
                        "vpc net/Other, or subnets of vpc net/Vpc",
                    "    Properties: {Engine: postgres, DBInstanceClass: db.t3.micro, "
                    "DBSubnetGroupName: !Ref Group, VPCSecurityGroups: [!Ref Db]}",
                    117));
  loaded = LoadOne(std::string(kNetwork) + R"(  Group:
    Type: AWS::RDS::DBSubnetGroup
    Properties: {DBSubnetGroupDescription: g, SubnetIds: [!Ref PrivateA, !Ref Far]}
  Store:
    Type: AWS::RDS::DBInstance
    Properties: {Engine: postgres, DBInstanceClass: db.t3.micro, DBSubnetGroupName: !Ref Group}
)");
  EXPECT_EQ(loaded.diagnostics.Format(),
            Located(Path("t.yaml") +
                        ":21:74: Resources.Group.Properties.SubnetIds[1]: subnet net/Far is in "
                        "vpc net/Other, not in vpc net/Vpc; the subnets of an RDS instance must "
                        "share one vpc",
                    "    Properties: {DBSubnetGroupDescription: g, SubnetIds: [!Ref PrivateA, "
                    "!Ref Far]}",
                    74));
}

TEST_F(WorkloadMapperTest, ManagedServicesInTheVpc) {
  LoadResult loaded = LoadOne(std::string(kNetwork) + R"(  Fs: {Type: 'AWS::EFS::FileSystem'}
  Mount:
    Type: AWS::EFS::MountTarget
    Properties: {FileSystemId: !Ref Fs, SubnetId: !Ref PrivateA, SecurityGroups: [!Ref Db], IpAddress: 10.0.1.30}
  Tasks:
    Type: AWS::ECS::Service
    Properties:
      DesiredCount: 3
      NetworkConfiguration:
        AwsvpcConfiguration: {AssignPublicIp: ENABLED, Subnets: [!Ref Public], SecurityGroups: [!Ref Web]}
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Code: {ZipFile: x}
      Role: arn:aws:iam::123456789012:role/x
      VpcConfig: {SubnetIds: [!Ref PrivateA, !Ref PrivateB], SecurityGroupIds: [!Ref Db]}
  Outside:
    Type: AWS::Lambda::Function
    Properties: {Code: {ZipFile: x}, Role: arn:aws:iam::123456789012:role/x}
  CacheGroup:
    Type: AWS::ElastiCache::SubnetGroup
    Properties: {Description: c, SubnetIds: [!Ref PrivateB]}
  Cache:
    Type: AWS::ElastiCache::CacheCluster
    Properties: {Engine: memcached, CacheNodeType: cache.t3.micro, NumCacheNodes: 2, CacheSubnetGroupName: !Ref CacheGroup, VpcSecurityGroupIds: [!Ref Db]}
  Search:
    Type: AWS::OpenSearchService::Domain
    Properties: {VPCOptions: {SubnetIds: [!Ref PrivateA], SecurityGroupIds: [!Ref Db]}}
  DmsGroup:
    Type: AWS::DMS::ReplicationSubnetGroup
    Properties: {ReplicationSubnetGroupDescription: d, SubnetIds: [!Ref Public]}
  Dms:
    Type: AWS::DMS::ReplicationInstance
    Properties: {ReplicationInstanceClass: dms.t3.micro, ReplicationSubnetGroupIdentifier: !Ref DmsGroup}
  Ad:
    Type: AWS::DirectoryService::SimpleAD
    Properties: {Name: corp.example.com, Password: x, Size: Small, VpcSettings: {SubnetIds: [!Ref PrivateA, !Ref PrivateB], VpcId: !Ref Vpc}}
  Eks:
    Type: AWS::EKS::Cluster
    Properties: {RoleArn: arn:aws:iam::123456789012:role/x, ResourcesVpcConfig: {SubnetIds: [!Ref PrivateA, !Ref PrivateB]}}
  Nodes:
    Type: AWS::EKS::Nodegroup
    Properties: {ClusterName: !Ref Eks, NodeRole: arn:aws:iam::123456789012:role/x, Subnets: [!Ref PrivateA], ScalingConfig: {MinSize: 1, DesiredSize: 2, MaxSize: 3}}
  Stream:
    Type: AWS::MSK::Cluster
    Properties: {ClusterName: s, KafkaVersion: 3.5.1, NumberOfBrokerNodes: 2, BrokerNodeGroupInfo: {ClientSubnets: [!Ref PrivateA], InstanceType: kafka.t3.small}}
)");
  ASSERT_TRUE(loaded.ok()) << loaded.diagnostics.Format();
  const Model& m = loaded.model;
  auto kind = [&](const char* id) { return WorkloadKindName(Named(m.workloads, id).kind); };
  auto served = [&](const char* id) {
    const Workload& w = Named(m.workloads, id);
    return w.serves ? AnswersText(*w.serves) : std::string("everything");
  };
  EXPECT_STREQ(kind("net/Mount"), "efs_mount_target");
  EXPECT_EQ(FormatIpv4(Named(m.enis, "net/Mount").private_ip), "10.0.1.30");
  EXPECT_EQ(served("net/Mount"), "tcp 2049");
  EXPECT_FALSE(Named(m.workloads, "net/Mount").opens_connections);
  EXPECT_EQ(Named(m.workloads, "net/Tasks").enis.size(), 3u);
  EXPECT_TRUE(Named(m.enis, "net/Tasks[2]").public_ip.has_value());  // AssignPublicIp: ENABLED
  EXPECT_EQ(served("net/Fn"), "nothing");
  EXPECT_EQ(Named(m.workloads, "net/Fn").enis.size(), 2u);
  EXPECT_EQ(Ignored(m, "net/Outside")->reason,
            "not in a VPC (no VpcConfig): AWS runs it in its own network");
  EXPECT_FALSE(Ignored(m, "net/Outside")->shapes_reachability);
  EXPECT_EQ(served("net/Cache"), "tcp 11211");
  EXPECT_EQ(Named(m.workloads, "net/Cache").enis.size(), 2u);
  EXPECT_EQ(served("net/Search"), "tcp 443, tcp 80");
  // A replication instance is publicly accessible unless it says otherwise.
  EXPECT_TRUE(Named(m.enis, "net/Dms").public_ip.has_value());
  EXPECT_EQ(Named(m.workloads, "net/Ad").enis.size(), 2u);
  EXPECT_TRUE(Named(m.enis, "net/Ad[0]").security_groups.empty());
  EXPECT_EQ(served("net/Eks"), "tcp 443");
  EXPECT_EQ(Named(m.workloads, "net/Nodes").enis.size(), 2u);
  // Not modelled, and it places interfaces in the VPC: a warning.
  const IgnoredResource* stream = Ignored(m, "net/Stream");
  ASSERT_NE(stream, nullptr);
  EXPECT_TRUE(stream->shapes_reachability);
  EXPECT_FALSE(Ignored(m, "net/Fs")->shapes_reachability);
}

TEST_F(WorkloadMapperTest, SageMakerDomainsAndEndpoints) {
  LoadResult loaded = LoadOne(std::string(kNetwork) + R"(  Studio:
    Type: AWS::SageMaker::Domain
    Properties:
      DomainName: d
      AuthMode: IAM
      VpcId: !Ref Vpc
      SubnetIds: [!Ref PrivateA]
      AppNetworkAccessType: VpcOnly
      DefaultUserSettings: {ExecutionRole: arn:aws:iam::123456789012:role/x, SecurityGroups: [!Ref Web]}
  Model:
    Type: AWS::SageMaker::Model
    Properties:
      ExecutionRoleArn: arn:aws:iam::123456789012:role/x
      PrimaryContainer: {Image: x}
      VpcConfig: {Subnets: [!Ref PrivateA, !Ref PrivateB], SecurityGroupIds: [!Ref Db]}
  Config:
    Type: AWS::SageMaker::EndpointConfig
    Properties:
      ProductionVariants: [{ModelName: !GetAtt Model.ModelName, VariantName: a, InitialInstanceCount: 3, InstanceType: ml.m5.large}]
  Serving:
    Type: AWS::SageMaker::Endpoint
    Properties: {EndpointConfigName: !GetAtt Config.EndpointConfigName}
)");
  ASSERT_TRUE(loaded.ok()) << loaded.diagnostics.Format();
  const Model& m = loaded.model;
  EXPECT_FALSE(Named(m.workloads, "net/Studio").sagemaker_internet);
  const Workload& serving = Named(m.workloads, "net/Serving");
  EXPECT_EQ(serving.enis.size(), 3u);
  EXPECT_EQ(GroupIds(m, Named(m.enis, "net/Serving[1]")), std::vector<std::string>{"net/Db"});
}

// ---- reachability through a stack
// ----------------------------------------------------------------

TEST_F(WorkloadMapperTest, ANotebookReachesItsDatabaseOnlyOnItsPort) {
  LoadResult loaded = LoadOne(std::string(kNetwork) + R"(  DbIngress:
    Type: AWS::EC2::SecurityGroupIngress
    Properties: {GroupId: !Ref Db, IpProtocol: '-1', SourceSecurityGroupId: !Ref Web}
  Group:
    Type: AWS::RDS::DBSubnetGroup
    Properties: {DBSubnetGroupDescription: g, SubnetIds: [!Ref PrivateA, !Ref PrivateB]}
  Store:
    Type: AWS::RDS::DBInstance
    Properties: {Engine: postgres, DBInstanceClass: db.t3.micro, DBSubnetGroupName: !Ref Group, VPCSecurityGroups: [!Ref Db]}
  Notebook:
    Type: AWS::SageMaker::NotebookInstance
    Properties: {InstanceType: ml.t3.medium, RoleArn: arn:aws:iam::123456789012:role/x, SubnetId: !Ref PrivateB, SecurityGroupIds: [!Ref Web], DirectInternetAccess: Disabled}
)",
                              R"(expect:
  - {name: feature store, from: net/Notebook, to: net/Store, port: 5432, reachable: true}
  - {name: nothing else, from: net/Notebook, to: net/Store, port: 1-5431, reachable: false}
  - {name: the database opens none to the notebook, from: net/Store, to: net/Notebook, protocol: all, reachable: false}
)");
  ASSERT_TRUE(loaded.ok()) << loaded.diagnostics.Format();
  ForwardingGraph graph(loaded.model);
  CheckReport report = RunChecks(loaded.model, graph);
  for (const ExpectationResult& r : report.results) {
    EXPECT_TRUE(r.passed) << r.expectation->name << ": " << r.detail;
  }
}

// A workload vpcreach cannot place is never silent: validate, check (text, json, SARIF and
// JUnit items, and --fail-on warning) and audit (VPCR010) warn about it, at the resource.
TEST_F(WorkloadMapperTest, UnmodelledResourcesAreWarningsInValidateCheckAndAudit) {
  LoadResult loaded = LoadOne(std::string(kNetwork) + R"(  Nowhere:
    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
    Properties: {Type: application, Scheme: internal}
  Role: {Type: 'AWS::IAM::Role', Properties: {AssumeRolePolicyDocument: {}}}
)",
                              "expect:\n  - {name: n, from: net/PrivateA, to: net/PrivateB, "
                              "reachable: true}\n");
  ASSERT_TRUE(loaded.ok()) << loaded.diagnostics.Format();
  const Model& m = loaded.model;
  std::string warning =
      "net/Nowhere (AWS::ElasticLoadBalancingV2::LoadBalancer) is not modelled (no Subnets or "
      "SubnetMappings: vpcreach does not know where it is): what it reaches and what reaches it "
      "is not checked";
  std::string at = Path("t.yaml") + ":19:3";
  std::string text = ValidateToText(m);
  EXPECT_NE(text.find("warnings:\n  " + at + ": warning: " + warning + "\n"), std::string::npos)
      << text;
  // The IAM role is only listed.
  EXPECT_EQ(text.find(at.substr(0, at.size() - 4) + "22:3: warning"), std::string::npos);
  EXPECT_NE(text.find("ignored (not part of the network): net/Role AWS::IAM::Role"),
            std::string::npos);

  ForwardingGraph graph(m);
  CheckReport report = RunChecks(m, graph);
  ASSERT_EQ(report.unmodelled.size(), 1u);
  std::string check = CheckToText(report, false);
  EXPECT_NE(check.find("warning: " + at + ": " + warning + "\n1 passed, 0 failed\n"),
            std::string::npos)
      << check;
  EXPECT_EQ(CheckToJson(report)["unmodelled"][0]["id"], "net/Nowhere");
  std::vector<CiItem> items = CheckToCiItems(report, m);
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[1].rule_id, "unmodelled-resource");
  EXPECT_EQ(items[1].level, CiLevel::kWarning);
  EXPECT_FALSE(items[1].passed);
  EXPECT_EQ(items[1].location.line, 19);
  EXPECT_TRUE(Fails(items, FailOn::kWarning));
  EXPECT_FALSE(Fails(items, FailOn::kError));
  EXPECT_NE(CheckToJunit(report, "s").find("type=\"warning\""), std::string::npos);

  AuditReport audit = RunAudit(m, graph);
  auto found = std::find_if(audit.findings.begin(), audit.findings.end(),
                            [](const AuditFinding& f) { return f.rule_id == "VPCR010"; });
  ASSERT_NE(found, audit.findings.end());
  EXPECT_EQ(found->severity, Severity::kWarning);
  EXPECT_EQ(found->message, warning);
  EXPECT_EQ(found->location.line, 19);
}

}  // namespace
}  // namespace vpcreach::testing
