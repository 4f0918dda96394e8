// CIDRs written with host bits set (issue 11): EC2 canonicalises the CIDR of a VPC, a subnet, a
// route, a network ACL entry and a security group rule ("we modify the specified CIDR block to its
// canonical form": 100.68.0.18/18 is 100.68.0.0/18), so vpcreach reads them the same way, in the
// scenario format and in CloudFormation templates alike, with a warning that names the block
// used. What EC2 then refuses (two subnets that overlap once canonical) is still an error.
#include <gtest/gtest.h>

#include "model/ip.h"
#include "tests/cloudformation/stack_test_fixture.h"
#include "tests/loader_test_util.h"

namespace vpcreach {
namespace {

using loader_testing::Get;
using loader_testing::Headlines;
using loader_testing::Load;

TEST(ParseCidrAsEc2Test, ClearsHostBitsAndSaysSo) {
  bool normalised = true;
  std::string error;
  EXPECT_EQ(ParseCidrAsEc2("10.0.0.0/16", &error, &normalised)->ToString(), "10.0.0.0/16");
  EXPECT_FALSE(normalised);
  EXPECT_EQ(ParseCidrAsEc2("10.0.0.5/16", &error, &normalised)->ToString(), "10.0.0.0/16");
  EXPECT_TRUE(normalised);
  EXPECT_EQ(ParseCidrAsEc2("192.168.1.0/0", &error, &normalised)->ToString(), "0.0.0.0/0");
  EXPECT_TRUE(normalised);
  EXPECT_EQ(ParseCidrAsEc2("100.68.0.18/18", &error, &normalised)->ToString(), "100.68.0.0/18");
  EXPECT_FALSE(ParseCidrAsEc2("10.0.0.0/33", &error, &normalised));
  EXPECT_EQ(error, "expected a CIDR such as 10.0.0.0/16, got '10.0.0.0/33'");
  EXPECT_FALSE(ParseCidrAsEc2("10.0.0.5", &error, &normalised));
  // ParseCidr itself stays strict: ip-ranges.json and Fn::Cidr use it.
  EXPECT_FALSE(ParseCidr("10.0.0.5/16", &error));
}

const char kLab[] = "vpcreach: 1\nvpcs: {lab: {cidr: 10.1.0.0/16}}\n";

TEST(CidrHostBitsTest, EveryConfigurationCidrIsCanonicalisedWithAWarning) {
  LoadResult loaded = Load(R"(vpcreach: 1
vpcs: {lab: {cidr: 10.1.0.5/16}}
subnets: {a: {vpc: lab, cidr: 10.1.1.9/24, az: a, route_table: rt, network_acl: acl}}
internet_gateways: {igw: {vpc: lab}}
route_tables: {rt: {vpc: lab, routes: [{destination: 8.8.8.8/0, target: igw}]}}
network_acls:
  acl: {vpc: lab, ingress: [{rule: 100, action: allow, protocol: all, cidr: 172.16.3.4/12}]}
security_groups:
  sg: {vpc: lab, ingress: [{protocol: tcp, ports: 22, cidr: 192.168.1.0/0}]}
prefix_lists: {corp: {cidrs: [198.51.100.7/24]}}
)");
  ASSERT_TRUE(loaded.ok()) << loaded.diagnostics.Format();
  EXPECT_EQ(Headlines(loaded),
            (std::vector<std::string>{
                "s.yaml:2:20: warning: vpcs.lab.cidr: host bits are set in '10.1.0.5/16': EC2 "
                "reads it as 10.1.0.0/16, and so does vpcreach; write 10.1.0.0/16",
                "s.yaml:3:31: warning: subnets.a.cidr: host bits are set in '10.1.1.9/24': EC2 "
                "reads it as 10.1.1.0/24, and so does vpcreach; write 10.1.1.0/24",
                "s.yaml:5:54: warning: route_tables.rt.routes[0].destination: host bits are set "
                "in '8.8.8.8/0': EC2 reads it as 0.0.0.0/0 (every IPv4 address), and so does "
                "vpcreach; write 0.0.0.0/0",
                "s.yaml:7:77: warning: network_acls.acl.ingress[0].cidr: host bits are set in "
                "'172.16.3.4/12': EC2 reads it as 172.16.0.0/12, and so does vpcreach; write "
                "172.16.0.0/12",
                "s.yaml:9:61: warning: security_groups.sg.ingress[0].cidr: host bits are set in "
                "'192.168.1.0/0': EC2 reads it as 0.0.0.0/0 (every IPv4 address), and so does "
                "vpcreach; write 0.0.0.0/0",
                "s.yaml:10:31: warning: prefix_lists.corp.cidrs[0]: host bits are set in "
                "'198.51.100.7/24': EC2 reads it as 198.51.100.0/24, and so does vpcreach; write "
                "198.51.100.0/24"}));
  const Model& m = loaded.model;
  EXPECT_EQ(Get(m.vpcs, "lab").cidrs.front().ToString(), "10.1.0.0/16");
  EXPECT_EQ(Get(m.subnets, "a").cidr.ToString(), "10.1.1.0/24");
  EXPECT_EQ(Get(m.route_tables, "rt").routes.back().destination_cidr->ToString(), "0.0.0.0/0");
  EXPECT_EQ(Get(m.network_acls, "acl").ingress.front().cidr.ToString(), "172.16.0.0/12");
  // 192.168.1.0/0 is the whole internet, not 192.168.1.0/24 nor nothing.
  EXPECT_EQ(Get(m.security_groups, "sg").ingress.front().cidr.ToString(), "0.0.0.0/0");
  EXPECT_EQ(Get(m.prefix_lists, "corp").cidrs.front().ToString(), "198.51.100.0/24");
  EXPECT_EQ(m.warnings.size(), 6u);
}

TEST(CidrHostBitsTest, WhatEc2RefusesOnceCanonicalIsStillAnError) {
  // 10.1.0.9/24 is 10.1.0.0/24: the same block as subnet a, which CreateSubnet refuses.
  LoadResult loaded = Load(std::string(kLab) +
                           "subnets:\n  a: {vpc: lab, cidr: 10.1.0.0/24, az: a}\n"
                           "  b: {vpc: lab, cidr: 10.1.0.9/24, az: a}\n");
  EXPECT_FALSE(loaded.ok());
  std::vector<std::string> headlines = Headlines(loaded);
  ASSERT_EQ(headlines.size(), 2u);
  EXPECT_EQ(headlines[0],
            "s.yaml:5:23: warning: subnets.b.cidr: host bits are set in '10.1.0.9/24': EC2 reads "
            "it as 10.1.0.0/24, and so does vpcreach; write 10.1.0.0/24");
  EXPECT_EQ(headlines[1],
            "s.yaml:5:23: subnets.b.cidr: 10.1.0.0/24 overlaps subnet a (10.1.0.0/24)");
}

TEST(CidrHostBitsTest, MalformedCidrsAreStillErrors) {
  LoadResult loaded = Load("vpcreach: 1\nvpcs: {lab: {cidr: 10.1.0.0/33}}\n");
  EXPECT_FALSE(loaded.ok());
  EXPECT_EQ(Headlines(loaded),
            std::vector<std::string>{"s.yaml:2:20: vpcs.lab.cidr: expected a CIDR such as "
                                     "10.0.0.0/16, got '10.1.0.0/33'"});
}

}  // namespace

namespace testing {
namespace {

TEST_F(StackTest, TemplateCidrsWithHostBitsAreCanonicalisedWithAWarningAtTheTemplate) {
  // AWS's EC2InstanceWithSecurityGroupSample: SSHLocation's default written as 192.168.1.0/0.
  LoadResult loaded = LoadOne(R"(Parameters:
  SSHLocation: {Type: String, Default: 192.168.1.0/0}
Resources:
  Vpc: {Type: 'AWS::EC2::VPC', Properties: {CidrBlock: 10.0.0.5/16}}
  Sg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      VpcId: !Ref Vpc
      GroupDescription: ssh
      SecurityGroupIngress: [{IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: !Ref SSHLocation}]
)");
  ASSERT_TRUE(loaded.ok()) << loaded.diagnostics.Format();
  EXPECT_EQ(
      Headlines(loaded),
      (std::vector<std::string>{
          "DIR/t.yaml:4:56: warning: Resources.Vpc.Properties.CidrBlock: host bits are set "
          "in '10.0.0.5/16': EC2 reads it as 10.0.0.0/16, and so does vpcreach; write "
          "10.0.0.0/16",
          "DIR/t.yaml:10:82: warning: Resources.Sg.Properties.SecurityGroupIngress[0].CidrIp: "
          "host bits are set in '192.168.1.0/0': EC2 reads it as 0.0.0.0/0 (every IPv4 "
          "address), and so does vpcreach; write 0.0.0.0/0"}));
  EXPECT_EQ(Named(loaded.model.vpcs, "net/Vpc").cidrs.front().ToString(), "10.0.0.0/16");
  EXPECT_EQ(Named(loaded.model.security_groups, "net/Sg").ingress.front().cidr.ToString(),
            "0.0.0.0/0");
}

}  // namespace
}  // namespace testing
}  // namespace vpcreach
