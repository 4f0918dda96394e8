// The region's default VPC in the native format (issue 11, point 3): `vpcs: {X: {default: true}}`
// completed as AWS creates it (172.31.0.0/16, a /20 default subnet per zone with public IPs on
// launch, an internet gateway and the main table's route to it, the default NACL and group), the
// located errors for what AWS refuses, and packets through it, traced and checked.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "model/loader_messages.h"
#include "model/scenario_loader.h"
#include "sim/report/validate_report.h"
#include "tests/loader_test_util.h"
#include "tests/test_util.h"

namespace vpcreach {
namespace {

using loader_testing::Get;
using loader_testing::Headlines;
using loader_testing::IndexOf;
using loader_testing::LoadValid;
using loader_testing::OnlyProblem;

std::vector<std::string> Routes(const Model& m, const std::string& table) {
  std::vector<std::string> out;
  for (const Route& r : Get(m.route_tables, table).routes) {
    out.push_back(r.destination_cidr->ToString() + " -> " + r.target_id);
  }
  return out;
}

constexpr char kDefaultVpc[] = "vpcreach: 1\nvpcs: {dv: {default: true}}\n";

TEST(DefaultVpcTest, IsCompletedAsAwsCreatesIt) {
  Model m = LoadValid(kDefaultVpc);
  ASSERT_EQ(m.vpcs.size(), 1u);
  const Vpc& vpc = m.vpcs[0];
  EXPECT_TRUE(vpc.is_default);
  EXPECT_EQ(JoinCidrs(vpc.cidrs), "172.31.0.0/16");

  // One /20 default subnet per zone of the region, in zone order, public on launch.
  std::vector<std::string> subnets;
  for (const Subnet& s : m.subnets) {
    subnets.push_back(s.id + " " + s.cidr.ToString() + " " + s.az);
    EXPECT_TRUE(s.default_for_az) << s.id;
    EXPECT_TRUE(s.map_public_ip_on_launch) << s.id;
    EXPECT_EQ(s.route_table, IndexOf(m.route_tables, "dv-main")) << s.id;
    EXPECT_EQ(s.network_acl, IndexOf(m.network_acls, "dv-default-nacl")) << s.id;
  }
  EXPECT_EQ(subnets, (std::vector<std::string>{
                         "dv-us-east-1a 172.31.0.0/20 us-east-1a",
                         "dv-us-east-1b 172.31.16.0/20 us-east-1b",
                         "dv-us-east-1c 172.31.32.0/20 us-east-1c",
                         "dv-us-east-1d 172.31.48.0/20 us-east-1d",
                         "dv-us-east-1e 172.31.64.0/20 us-east-1e",
                         "dv-us-east-1f 172.31.80.0/20 us-east-1f",
                     }));

  // An internet gateway, and the main table's route to it.
  ASSERT_EQ(m.internet_gateways.size(), 1u);
  EXPECT_EQ(m.internet_gateways[0].id, "dv-igw");
  EXPECT_TRUE(m.internet_gateways[0].synthesized);
  EXPECT_EQ(vpc.internet_gateway, 0u);
  EXPECT_EQ(Routes(m, "dv-main"),
            (std::vector<std::string>{"172.31.0.0/16 -> local", "0.0.0.0/0 -> dv-igw"}));
  const Route& to_igw = Get(m.route_tables, "dv-main").routes[1];
  EXPECT_EQ(to_igw.target, RouteTarget::kInternetGateway);
  EXPECT_EQ(to_igw.target_index, 0u);

  // The default NACL allows everything; the default group admits itself and sends anywhere.
  const NetworkAcl& acl = Get(m.network_acls, "dv-default-nacl");
  ASSERT_EQ(acl.ingress.size(), 1u);
  ASSERT_EQ(acl.egress.size(), 1u);
  EXPECT_TRUE(acl.ingress[0].allow && acl.egress[0].allow);
  EXPECT_EQ(acl.ingress[0].cidr.ToString(), "0.0.0.0/0");
  const SecurityGroup& sg = Get(m.security_groups, "dv-default-sg");
  ASSERT_EQ(sg.ingress.size(), 1u);
  EXPECT_EQ(sg.ingress[0].peer, PeerKind::kSecurityGroup);
  EXPECT_EQ(sg.ingress[0].peer_index, IndexOf(m.security_groups, "dv-default-sg"));
  ASSERT_EQ(sg.egress.size(), 1u);
  EXPECT_EQ(sg.egress[0].cidr.ToString(), "0.0.0.0/0");
  EXPECT_EQ(sg.egress[0].protocol, kAllProtocols);
}

TEST(DefaultVpcTest, ZonesAreTheRegions) {
  Model m = LoadValid("vpcreach: 1\nregion: eu-west-1\nvpcs: {dv: {default: true}}\n");
  ASSERT_FALSE(m.subnets.empty());
  EXPECT_EQ(m.subnets[0].id, "dv-eu-west-1a");
  EXPECT_EQ(m.subnets[0].az, "eu-west-1a");
  EXPECT_EQ(m.subnets[1].id, "dv-eu-west-1b");
}

TEST(DefaultVpcTest, AnOrdinaryVpcGetsNoneOfIt) {
  Model m = LoadValid("vpcreach: 1\nvpcs: {lab: {cidr: 10.1.0.0/16, default: false}}\n");
  EXPECT_FALSE(m.vpcs[0].is_default);
  EXPECT_TRUE(m.subnets.empty());
  EXPECT_TRUE(m.internet_gateways.empty());
  EXPECT_EQ(Routes(m, "lab-main"), (std::vector<std::string>{"10.1.0.0/16 -> local"}));
}

TEST(DefaultVpcTest, TheBlockMayBeWrittenAndGrown) {
  Model m = LoadValid(
      "vpcreach: 1\nvpcs: {dv: {default: true, cidrs: [172.31.0.0/16, 10.9.0.0/16]}}\n"
      "subnets: {extra: {vpc: dv, cidr: 172.31.96.0/20, az: a}}\n");
  EXPECT_EQ(JoinCidrs(m.vpcs[0].cidrs), "172.31.0.0/16, 10.9.0.0/16");
  const Subnet& extra = Get(m.subnets, "extra");
  EXPECT_FALSE(extra.default_for_az);
  EXPECT_FALSE(extra.map_public_ip_on_launch);
  // Written subnets keep the first indices; the default ones follow.
  EXPECT_EQ(m.subnets[0].id, "extra");
  EXPECT_EQ(m.subnets[1].id, "dv-us-east-1a");
}

TEST(DefaultVpcTest, AGatewayOfTheScenariosOwnReplacesTheDefaultOne) {
  Model m = LoadValid(std::string(kDefaultVpc) + "internet_gateways: {mine: {vpc: dv}}\n");
  ASSERT_EQ(m.internet_gateways.size(), 1u);
  EXPECT_EQ(m.internet_gateways[0].id, "mine");
  EXPECT_EQ(Routes(m, "dv-main"),
            (std::vector<std::string>{"172.31.0.0/16 -> local", "0.0.0.0/0 -> mine"}));
}

TEST(DefaultVpcTest, AMainTableOfTheScenariosOwnKeepsOnlyItsRoutes) {
  Model m =
      LoadValid(std::string(kDefaultVpc) + "route_tables: {private: {vpc: dv, main: true}}\n");
  EXPECT_EQ(Routes(m, "private"), (std::vector<std::string>{"172.31.0.0/16 -> local"}));
  EXPECT_EQ(Get(m.subnets, "dv-us-east-1c").route_table, IndexOf(m.route_tables, "private"));
}

// ---------------------------------------------------------------------------------------------
// Public addresses on launch

TEST(DefaultVpcTest, AnEniInADefaultSubnetGetsAPublicAddressOnLaunch) {
  Model m = LoadValid(std::string(kDefaultVpc) +
                      "enis:\n"
                      "  first: {subnet: dv-us-east-1a}\n"
                      "  chosen: {subnet: dv-us-east-1a, public_ip: 192.0.2.2}\n"
                      "  second: {subnet: dv-us-east-1b}\n"
                      "  hidden: {subnet: dv-us-east-1b, public_ip: none}\n");
  const Eni& first = Get(m.enis, "first");
  ASSERT_TRUE(first.public_ip.has_value());
  EXPECT_EQ(FormatIpv4(*first.public_ip), "192.0.2.1");
  EXPECT_TRUE(first.public_ip_assigned);
  // The first address from 192.0.2.1 upward that nothing holds: 192.0.2.2 is written.
  EXPECT_EQ(FormatIpv4(*Get(m.enis, "second").public_ip), "192.0.2.3");
  EXPECT_FALSE(Get(m.enis, "chosen").public_ip_assigned);
  EXPECT_FALSE(Get(m.enis, "hidden").public_ip.has_value());
  EXPECT_FALSE(Get(m.enis, "hidden").public_ip_assigned);
}

TEST(DefaultVpcTest, ValidateListsThePublicAddressesItGave) {
  Model m = LoadValid(std::string(kDefaultVpc) + "enis: {web: {subnet: dv-us-east-1b}}\n");
  std::string text = ValidateToText(m);
  EXPECT_NE(text.find("  subnets             6  (6 default subnets of the default VPC)\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("  internet gateways   1  (1 added by vpcreach)\n"), std::string::npos)
      << text;
  EXPECT_NE(text.find("addresses assigned by vpcreach:\n"
                      "  web  eni  172.31.16.4         in dv-us-east-1b\n"
                      "  web  eni  192.0.2.1 (public)  in dv-us-east-1b\n"),
            std::string::npos)
      << text;
}

TEST(DefaultVpcTest, OnlyWrittenEnisGetOne) {
  // An ordinary subnet gives none; SageMaker's ENIs never get one (its network carries their
  // internet traffic); a subnet written with map_public_ip_on_launch gives one too.
  Model m = LoadValid(std::string(kDefaultVpc) +
                      "subnets: {own: {vpc: dv, cidr: 172.31.96.0/24, az: a},\n"
                      "          mapped: {vpc: dv, cidr: 172.31.97.0/24, az: a, "
                      "map_public_ip_on_launch: true}}\n"
                      "enis: {plain: {subnet: own}, mapped-eni: {subnet: mapped}}\n"
                      "sagemaker:\n"
                      "  notebook_instances: {nb: {subnet: dv-us-east-1a, "
                      "security_groups: [dv-default-sg]}}\n"
                      "  training_jobs: {job: {subnets: [dv-us-east-1a], "
                      "security_groups: [dv-default-sg]}}\n");
  EXPECT_FALSE(Get(m.enis, "plain").public_ip.has_value());
  EXPECT_EQ(FormatIpv4(*Get(m.enis, "mapped-eni").public_ip), "192.0.2.1");
  EXPECT_FALSE(Get(m.enis, "nb").public_ip.has_value());
  EXPECT_FALSE(Get(m.enis, "job[0]").public_ip.has_value());
}

// ---------------------------------------------------------------------------------------------
// What AWS refuses, located

TEST(DefaultVpcTest, TheBlockIsAwss) {
  EXPECT_EQ(OnlyProblem("vpcreach: 1\nvpcs: {dv: {default: true, cidr: 10.0.0.0/16}}\n"),
            "s.yaml:2:34: vpcs.dv.cidr: the default VPC's block is 172.31.0.0/16, as AWS "
            "creates it; write 172.31.0.0/16 or no block at all, or remove 'default: true' for "
            "a VPC of your own");
  EXPECT_EQ(OnlyProblem("vpcreach: 1\nvpcs: {dv: {default: true, cidrs: [10.0.0.0/16, "
                        "172.31.0.0/16]}}\n"),
            "s.yaml:2:36: vpcs.dv.cidrs[0]: the default VPC's block is 172.31.0.0/16, as AWS "
            "creates it; write 172.31.0.0/16 or no block at all, or remove 'default: true' for "
            "a VPC of your own");
  // An ordinary VPC still needs its block.
  EXPECT_EQ(OnlyProblem("vpcreach: 1\nvpcs: {lab: {default: false}}\n"),
            "s.yaml:2:13: vpcs.lab: missing required key 'cidr'");
}

TEST(DefaultVpcTest, ARegionHasOneDefaultVpc) {
  LoadResult loaded =
      loader_testing::Load("vpcreach: 1\nvpcs:\n  one: {default: true}\n  two: {default: true}\n");
  EXPECT_EQ(Headlines(loaded),
            (std::vector<std::string>{
                "s.yaml:4:18: vpcs.two.default: vpc one (s.yaml:3:3) is the default VPC of "
                "us-east-1 already; a region has one default VPC"}));
}

TEST(DefaultVpcTest, ASubnetWrittenInItMayNotOverlapADefaultSubnet) {
  EXPECT_EQ(OnlyProblem(std::string(kDefaultVpc) +
                        "subnets: {mine: {vpc: dv, cidr: 172.31.20.0/24, az: a}}\n"),
            "s.yaml:3:33: subnets.mine.cidr: 172.31.20.0/24 overlaps default subnet "
            "dv-us-east-1b (172.31.16.0/20); the default subnets take 172.31.0.0/20 to "
            "172.31.80.0/20, one per zone: use a block outside them, such as 172.31.96.0/24");
}

TEST(DefaultVpcTest, TheIdsItCreatesAreReserved) {
  std::string text =
      "vpcreach: 1\nvpcs: {dv: {default: true}, lab: {cidr: 10.0.0.0/16}}\n"
      "subnets: {dv-us-east-1a: {vpc: lab, cidr: 10.0.0.0/24, az: a}}\n";
  EXPECT_EQ(OnlyProblem(text),
            "s.yaml:3:11: id 'dv-us-east-1a' is reserved for the default subnet in us-east-1a of "
            "default vpc dv; choose another id");
  EXPECT_EQ(OnlyProblem("vpcreach: 1\nvpcs: {dv: {default: true}, lab: {cidr: 10.0.0.0/16}}\n"
                        "internet_gateways: {dv-igw: {vpc: lab}}\n"),
            "s.yaml:3:21: id 'dv-igw' is reserved for the internet gateway of default vpc dv; "
            "choose another id");
}

TEST(DefaultVpcTest, PublicIpIsAnAddressOrNone) {
  EXPECT_EQ(OnlyProblem(std::string(kDefaultVpc) +
                        "enis: {web: {subnet: dv-us-east-1a, public_ip: nope}}\n"),
            "s.yaml:3:48: enis.web.public_ip: expected a public IPv4 address such as 54.0.0.1, "
            "or none, got 'nope'");
}

TEST(DefaultVpcTest, AGroupOfItNamedFromAnotherVpcSaysWhereItCameFrom) {
  EXPECT_EQ(OnlyProblem("vpcreach: 1\nvpcs: {dv: {default: true}, lab: {cidr: 10.0.0.0/16}}\n"
                        "subnets: {a: {vpc: lab, cidr: 10.0.0.0/24, az: a}}\n"
                        "enis: {web: {subnet: a, security_groups: [dv-default-sg]}}\n"),
            "s.yaml:4:43: enis.web.security_groups[0]: security group dv-default-sg is in vpc dv "
            "(the region's default VPC, where AWS puts what a template places without a VpcId "
            "or SubnetId), not in vpc lab");
}

// ---------------------------------------------------------------------------------------------
// Packets through it

// web answers ssh from anywhere; hidden has no public address; both in default subnets.
const std::string kHosts = std::string(kDefaultVpc) + R"(security_groups:
  ssh: {vpc: dv, ingress: [{protocol: tcp, ports: 22, cidr: 0.0.0.0/0}]}
enis:
  web: {subnet: dv-us-east-1a, security_groups: [ssh]}
  hidden: {subnet: dv-us-east-1b, public_ip: none, security_groups: [ssh]}
)";

TEST(DefaultVpcTest, AnEniInADefaultSubnetReachesTheInternetThroughTheDefaultGateway) {
  using testing::Path;
  testing::Network n = testing::Load(kHosts);
  TraceResult t = testing::Trace(n, "web", "151.101.0.1", kTcp, 443);
  EXPECT_TRUE(t.delivered) << Path(t) << testing::Codes(t);
  EXPECT_EQ(Path(t).substr(0, Path(t).find("|")),
            "web:sends tcp 172.31.0.4:40000 -> 151.101.0.1:443\n"
            "ssh:egress all 0.0.0.0/0\n"
            "dv-default-nacl:outbound rule 100 allow\n"
            "dv-main:0.0.0.0/0 -> dv-igw\n"
            "dv-igw:receives\n"
            "dv-igw:source mapped to public 192.0.2.1\n"
            "pypi (151.101.0.1):delivered\n");
  ExpectationResult r = testing::CheckOne(
      kHosts, "{name: out, from: web, to: internet, port: 443, reachable: true, via: [dv-igw]}");
  EXPECT_TRUE(r.passed) << r.detail;
  r = testing::CheckOne(kHosts, "{name: in, from: internet, to: web, port: 22, reachable: true}");
  EXPECT_TRUE(r.passed) << r.detail;
}

TEST(DefaultVpcTest, WithoutAPublicAddressItIsNotReachableFromTheInternet) {
  testing::Network n = testing::Load(kHosts);
  TraceResult t = testing::Trace(n, "hidden", "151.101.0.1", kTcp, 443);
  EXPECT_FALSE(t.delivered) << testing::Path(t);
  EXPECT_EQ(testing::Codes(t), "IGW_PUBLIC_IP_ASSOCIATION_FOR_EGRESS");
  ExpectationResult r = testing::CheckOne(
      kHosts, "{name: in, from: internet, to: hidden, protocol: all, reachable: false}");
  EXPECT_TRUE(r.passed) << r.detail;
  r = testing::CheckOne(kHosts,
                        "{name: out, from: hidden, to: internet, protocol: all, reachable: false}");
  EXPECT_TRUE(r.passed) << r.detail;
}

TEST(DefaultVpcTest, AMainTableWithoutTheRouteMakesTheDefaultSubnetsPrivate) {
  std::string text = kHosts + "route_tables: {private: {vpc: dv, main: true}}\n";
  ExpectationResult r = testing::CheckOne(
      text, "{name: out, from: web, to: internet, protocol: all, reachable: false}");
  EXPECT_TRUE(r.passed) << r.detail;
}

}  // namespace
}  // namespace vpcreach
