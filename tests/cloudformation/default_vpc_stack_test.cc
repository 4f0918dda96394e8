// The default VPC in CloudFormation stacks (issue 11, point 3): a security group without VpcId is
// created in the region's default VPC, one for the whole model, shared with the scenario's when it
// writes one; default-VPC groups are named by name in rules; what does not name a VPC otherwise
// (a notebook without SubnetId, a group with a VpcId) creates none. Errors with full headlines.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "model/loader_messages.h"
#include "model/scenario_loader.h"
#include "sim/forwarding_graph.h"
#include "sim/query/check.h"
#include "sim/report/check_report.h"
#include "sim/report/ci_report.h"
#include "tests/cloudformation/stack_test_fixture.h"

namespace vpcreach {
namespace {

using testing::IndexOf;
using testing::Named;

class DefaultVpcStackTest : public testing::StackTest {};

const char* kWebGroup = R"(Resources:
  Web:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: web
      SecurityGroupIngress: [{IpProtocol: tcp, FromPort: 80, ToPort: 80, CidrIp: 0.0.0.0/0}]
)";

TEST_F(DefaultVpcStackTest, AGroupWithoutVpcIdIsInTheDefaultVpc) {
  LoadResult loaded = LoadOne(kWebGroup);
  ASSERT_TRUE(loaded.ok()) << loaded.diagnostics.Format();
  const Model& m = loaded.model;
  EXPECT_EQ(m.CheckInvariants(), "");
  ASSERT_EQ(m.vpcs.size(), 1u);
  const Vpc& vpc = m.vpcs[0];
  EXPECT_EQ(vpc.id, "default-vpc");
  EXPECT_TRUE(vpc.is_default);
  EXPECT_EQ(JoinCidrs(vpc.cidrs), "172.31.0.0/16");
  // Declared at the resource that needed it.
  EXPECT_EQ(vpc.location.file, Path("t.yaml"));
  EXPECT_EQ(vpc.location.line, 2);
  EXPECT_EQ(Named(m.security_groups, "net/Web").vpc, 0u);
  // What AWS creates with it.
  EXPECT_EQ(m.subnets.size(), 6u);
  EXPECT_EQ(Named(m.subnets, "default-vpc-us-east-1a").cidr.ToString(), "172.31.0.0/20");
  EXPECT_EQ(Named(m.internet_gateways, "default-vpc-igw").vpc, 0u);
  EXPECT_NE(IndexOf(m.security_groups, "default-vpc-default-sg"), kNone);
}

TEST_F(DefaultVpcStackTest, EveryStackSharesOne) {
  Template("a.yaml", kWebGroup);
  Template("b.yaml", kWebGroup);
  LoadResult loaded =
      Load("stacks:\n  - {name: one, template: a.yaml}\n  - {name: two, template: b.yaml}\n");
  ASSERT_TRUE(loaded.ok()) << loaded.diagnostics.Format();
  ASSERT_EQ(loaded.model.vpcs.size(), 1u);
  EXPECT_EQ(Named(loaded.model.security_groups, "one/Web").vpc, 0u);
  EXPECT_EQ(Named(loaded.model.security_groups, "two/Web").vpc, 0u);
}

TEST_F(DefaultVpcStackTest, TheScenariosDefaultVpcIsTheOneTheStacksUse) {
  LoadResult loaded =
      LoadOne(kWebGroup,
              "vpcs: {mine: {default: true}}\n"
              "enis: {box: {subnet: mine-us-east-1c, security_groups: [net/Web]}}\n");
  ASSERT_TRUE(loaded.ok()) << loaded.diagnostics.Format();
  const Model& m = loaded.model;
  ASSERT_EQ(m.vpcs.size(), 1u);
  EXPECT_EQ(m.vpcs[0].id, "mine");
  EXPECT_EQ(m.vpcs[0].location.file, Path("s.yaml"));
  EXPECT_EQ(Named(m.security_groups, "net/Web").vpc, 0u);
  EXPECT_EQ(Named(m.subnets, "mine-us-east-1c").az, "us-east-1c");
  // Written with the stacks' own id, it is still one VPC.
  loaded = LoadOne(kWebGroup, "vpcs: {default-vpc: {default: true}}\n");
  ASSERT_TRUE(loaded.ok()) << loaded.diagnostics.Format();
  EXPECT_EQ(loaded.model.vpcs.size(), 1u);
}

TEST_F(DefaultVpcStackTest, NothingThatNamesAVpcCreatesIt) {
  // A group with a VpcId, and a notebook without SubnetId, which runs in SageMaker's network.
  LoadResult loaded = LoadOne(R"(Resources:
  Vpc: {Type: 'AWS::EC2::VPC', Properties: {CidrBlock: 10.0.0.0/16}}
  Sg: {Type: 'AWS::EC2::SecurityGroup', Properties: {GroupDescription: s, VpcId: !Ref Vpc}}
  Notebook:
    Type: AWS::SageMaker::NotebookInstance
    Properties: {InstanceType: ml.t3.medium, RoleArn: arn:aws:iam::123456789012:role/r}
)");
  ASSERT_TRUE(loaded.ok()) << loaded.diagnostics.Format();
  ASSERT_EQ(loaded.model.vpcs.size(), 1u);
  EXPECT_EQ(loaded.model.vpcs[0].id, "net/Vpc");
  EXPECT_FALSE(loaded.model.vpcs[0].is_default);
  EXPECT_TRUE(loaded.model.subnets.empty());
  EXPECT_EQ(Named(loaded.model.notebooks, "net/Notebook").subnet, kNone);
}

TEST_F(DefaultVpcStackTest, GetAttVpcIdOfSuchAGroupIsTheDefaultVpc) {
  LoadResult loaded = LoadOne(std::string(kWebGroup) + R"(  Other:
    Type: AWS::EC2::SecurityGroup
    Properties: {GroupDescription: o, VpcId: !GetAtt Web.VpcId}
)");
  ASSERT_TRUE(loaded.ok()) << loaded.diagnostics.Format();
  EXPECT_EQ(Named(loaded.model.security_groups, "net/Other").vpc, 0u);
  EXPECT_EQ(loaded.model.vpcs.size(), 1u);
}

TEST_F(DefaultVpcStackTest, RulesNameDefaultVpcGroupsByName) {
  LoadResult loaded = LoadOne(std::string(kWebGroup) + R"(  App:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: app
      SecurityGroupIngress:
        - {IpProtocol: tcp, FromPort: 8080, ToPort: 8080, SourceSecurityGroupName: !Ref Web}
        - {IpProtocol: tcp, FromPort: 22, ToPort: 22, SourceSecurityGroupName: default}
  AppFromWeb:
    Type: AWS::EC2::SecurityGroupIngress
    Properties: {GroupName: !Ref App, IpProtocol: udp, FromPort: 53, ToPort: 53, CidrIp: 10.0.0.0/8}
)");
  ASSERT_TRUE(loaded.ok()) << loaded.diagnostics.Format();
  const Model& m = loaded.model;
  const SecurityGroup& app = Named(m.security_groups, "net/App");
  ASSERT_EQ(app.ingress.size(), 3u);
  EXPECT_EQ(app.ingress[0].peer, PeerKind::kSecurityGroup);
  EXPECT_EQ(app.ingress[0].peer_index, IndexOf(m.security_groups, "net/Web"));
  EXPECT_EQ(app.ingress[1].peer_index, IndexOf(m.security_groups, "default-vpc-default-sg"));
  EXPECT_EQ(app.ingress[2].protocol, kUdp);
}

TEST_F(DefaultVpcStackTest, GroupsOfAVpcAreNotNamedByName) {
  LoadResult loaded = LoadOne(R"(Resources:
  Vpc: {Type: 'AWS::EC2::VPC', Properties: {CidrBlock: 10.0.0.0/16}}
  Sg: {Type: 'AWS::EC2::SecurityGroup', Properties: {GroupDescription: s, VpcId: !Ref Vpc}}
  ByName:
    Type: AWS::EC2::SecurityGroupIngress
    Properties: {GroupName: !Ref Sg, IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 10.0.0.0/8}
  Peer:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: p
      VpcId: !Ref Vpc
      SecurityGroupIngress: [{IpProtocol: tcp, FromPort: 22, ToPort: 22, SourceSecurityGroupName: !Ref Sg}]
  ToDefault:
    Type: AWS::EC2::SecurityGroupIngress
    Properties: {GroupName: default, IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 10.0.0.0/8}
)");
  EXPECT_EQ(Headlines(loaded),
            (std::vector<std::string>{
                "DIR/t.yaml:6:29: Resources.ByName.Properties.GroupName: security group net/Sg is "
                "in a VPC of its own (VpcId); AWS names only the default VPC's groups by name: "
                "give its id (GroupId)",
                "DIR/t.yaml:12:99: Resources.Peer.Properties.SecurityGroupIngress[0]."
                "SourceSecurityGroupName: security group net/Sg is in a VPC of its own (VpcId); "
                "AWS names only the default VPC's groups by name: give its id "
                "(SourceSecurityGroupId)",
                "DIR/t.yaml:15:29: Resources.ToDefault.Properties.GroupName: vpcreach cannot add "
                "rules to the default security group of vpc default-vpc yet; give the rule its "
                "own group"}));
}

// Templates written for a default VPC, deployed with a subnet of another VPC (as 30 rows of the
// corpus are): AWS would refuse the launch ("belong to different networks"), so the deployment
// the scenario means has the group in the instance's VPC. vpcreach places it there and warns.
TEST_F(DefaultVpcStackTest, AGroupWithoutVpcIdUsedOnlyInAnotherVpcMovesThereWithAWarning) {
  LoadResult loaded = LoadOne(std::string(kWebGroup) + R"(  Box:
    Type: AWS::EC2::Instance
    Properties: {ImageId: ami-1, SubnetId: lab-a, SecurityGroupIds: [!GetAtt Web.GroupId]}
)",
                              "vpcs: {lab: {cidr: 10.0.0.0/16}}\n"
                              "subnets: {lab-a: {vpc: lab, cidr: 10.0.0.0/24, az: a}}\n");
  ASSERT_TRUE(loaded.ok()) << loaded.diagnostics.Format();
  EXPECT_EQ(OnlyProblem(loaded),
            "DIR/t.yaml:2:3: warning: Resources.Web: security group net/Web has no VpcId, so AWS "
            "creates it in the default VPC, but net/Box puts it in vpc lab, which AWS refuses (a "
            "group, the interfaces it guards and the groups it names share a VPC); vpcreach "
            "places the group in lab: give it VpcId, or deploy in the default VPC");
  const Model& m = loaded.model;
  EXPECT_EQ(m.vpcs[Named(m.security_groups, "net/Web").vpc].id, "lab");
  EXPECT_EQ(IndexOf(m.vpcs, "default-vpc"), kNone);  // nothing else needed it
  // `check` carries the assumption as a note (text, json, CI items), which fails no run.
  ForwardingGraph graph(m);
  CheckReport report = RunChecks(m, graph);
  ASSERT_EQ(report.load_warnings.size(), 1u);
  std::string headline = Path("t.yaml") + ":2:3: warning: Resources.Web: security group net/Web";
  EXPECT_NE(CheckToText(report, false).find("note: " + headline), std::string::npos)
      << CheckToText(report, false);
  EXPECT_EQ(CheckToJson(report)["load_warnings"][0]["line"], 2);
  std::vector<CiItem> items = CheckToCiItems(report, m);
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].rule_id, "load-warning");
  EXPECT_EQ(items[0].level, CiLevel::kNote);
  EXPECT_FALSE(Fails(items, FailOn::kWarning));
}

TEST_F(DefaultVpcStackTest, AGroupWithoutVpcIdUsedInTwoVpcsStaysInTheDefaultOne) {
  // One use in a default subnet, one in lab: AWS refuses the second, and so does vpcreach.
  LoadResult loaded = LoadOne(std::string(kWebGroup) + R"(  Box:
    Type: AWS::EC2::Instance
    Properties: {ImageId: ami-1, SubnetId: lab-a, SecurityGroupIds: [!GetAtt Web.GroupId]}
  Other:
    Type: AWS::EC2::Instance
    Properties: {ImageId: ami-1, SecurityGroupIds: [!GetAtt Web.GroupId]}
)",
                              "vpcs: {lab: {cidr: 10.0.0.0/16}}\n"
                              "subnets: {lab-a: {vpc: lab, cidr: 10.0.0.0/24, az: a}}\n");
  EXPECT_EQ(OnlyProblem(loaded),
            "DIR/t.yaml:9:70: Resources.Box.Properties.SecurityGroupIds[0]: security group "
            "net/Web is in vpc default-vpc (the region's default VPC, where AWS puts what a "
            "template places without a VpcId or SubnetId), not in vpc lab; the security groups "
            "of an instance are in the vpc of its subnets: name security groups of vpc lab, or "
            "subnets of vpc default-vpc");
}

TEST_F(DefaultVpcStackTest, TheStacksIdIsReservedForIt) {
  // Reported at the resource that needed the default VPC.
  LoadResult loaded = LoadOne(kWebGroup, "vpcs: {default-vpc: {cidr: 10.0.0.0/16}}\n");
  EXPECT_EQ(OnlyProblem(loaded),
            "DIR/t.yaml:2:3: Resources.Web: id 'default-vpc' is already used by the vpc at "
            "DIR/s.yaml:4:8");
}

}  // namespace
}  // namespace vpcreach
