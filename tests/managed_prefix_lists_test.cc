// AWS-managed prefix lists beyond S3 and DynamoDB (issue 11): CloudFront's origin-facing list,
// EC2 Instance Connect, Route 53 health checks, from the same ip-ranges.json snapshot, declared in
// a scenario by name; and what a template's literal pl- id needs.
#include "model/managed_prefix_lists.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "sim/endpoint.h"
#include "sim/forwarding_graph.h"
#include "sim/tracer.h"
#include "tests/cloudformation/stack_test_fixture.h"
#include "tests/loader_test_util.h"

namespace vpcreach {
namespace {

bool Has(const std::vector<Cidr>& cidrs, const std::string& text) {
  return std::find(cidrs.begin(), cidrs.end(), *ParseCidr(text)) != cidrs.end();
}

std::optional<ManagedPrefixList> Find(const std::string& name, std::string* error,
                                      const std::string& region = "us-east-1") {
  return FindManagedPrefixList(name, region, BuiltinIpRanges(), error);
}

TEST(ManagedPrefixListTest, CloudFrontOriginFacingHoldsEveryEntryOfTheService) {
  std::string error;
  std::optional<ManagedPrefixList> list =
      Find("com.amazonaws.global.cloudfront.origin-facing", &error);
  ASSERT_TRUE(list) << error;
  EXPECT_EQ(list->cidrs.size(), 45u);  // 43 GLOBAL and 2 regional entries
  EXPECT_TRUE(Has(list->cidrs, "130.176.0.0/18"));
  EXPECT_TRUE(Has(list->cidrs, "15.158.0.0/16"));
  EXPECT_TRUE(Has(list->cidrs, "13.124.199.0/24"));  // ap-northeast-2's, in every region's list
  EXPECT_FALSE(Has(list->cidrs, "0.0.0.0/0"));
  EXPECT_EQ(list->origin,
            "the CLOUDFRONT_ORIGIN_FACING prefixes (GLOBAL and every region) in AWS ip-ranges.json "
            "of 2026-01-12 17:08:04 UTC (syncToken 1768237684)");
  // The same list from any region.
  EXPECT_EQ(Find("com.amazonaws.global.cloudfront.origin-facing", &error, "eu-west-1")->cidrs,
            list->cidrs);
}

TEST(ManagedPrefixListTest, RegionalListsTakeTheRegionsEntries) {
  std::string error;
  std::optional<ManagedPrefixList> eic =
      Find("com.amazonaws.us-east-1.ec2-instance-connect", &error);
  ASSERT_TRUE(eic) << error;
  EXPECT_EQ(eic->cidrs, std::vector<Cidr>{*ParseCidr("18.206.107.24/29")});
  std::optional<ManagedPrefixList> s3 = Find("com.amazonaws.us-east-1.s3", &error);
  ASSERT_TRUE(s3) << error;
  EXPECT_EQ(s3->cidrs, BuiltinIpRanges().s3.at("us-east-1"));
  // Route 53's health checkers probe from many regions: the partition's every entry.
  std::optional<ManagedPrefixList> r53 =
      Find("com.amazonaws.us-east-1.route53-healthchecks", &error);
  ASSERT_TRUE(r53) << error;
  EXPECT_EQ(r53->cidrs.size(), 17u);  // GLOBAL 15.177.0.0/18 and 8 regions' two each
  EXPECT_TRUE(Has(r53->cidrs, "15.177.0.0/18"));
  EXPECT_TRUE(Has(r53->cidrs, "54.252.79.128/26"));  // ap-southeast-2's checkers
  EXPECT_FALSE(Has(r53->cidrs, "52.80.197.0/25"));   // China's are another partition
  EXPECT_FALSE(Has(r53->cidrs, "160.1.55.0/25"));    // and GovCloud's
  std::optional<ManagedPrefixList> gov =
      Find("com.amazonaws.us-gov-west-1.route53-healthchecks", &error, "us-gov-west-1");
  ASSERT_TRUE(gov) << error;
  EXPECT_EQ(gov->cidrs.size(), 6u);
}

TEST(ManagedPrefixListTest, WhatVpcreachHasNoEntriesForIsRefusedWithTheReason) {
  std::string error;
  EXPECT_FALSE(Find("com.amazonaws.us-east-1.vpc-lattice", &error));
  EXPECT_EQ(error,
            "AWS publishes no ranges for 'com.amazonaws.us-east-1.vpc-lattice' in ip-ranges.json, "
            "so vpcreach has none; write its CIDRs under cidrs instead");
  EXPECT_FALSE(Find("com.amazonaws.global.groundstation", &error));
  EXPECT_FALSE(Find("com.amazonaws.us-east-1.s3express", &error));
  EXPECT_FALSE(Find("com.amazonaws.global.ipv6.cloudfront.origin-facing", &error));
  EXPECT_EQ(error,
            "'com.amazonaws.global.ipv6.cloudfront.origin-facing' is an IPv6 prefix list; "
            "vpcreach models IPv4 only");
  EXPECT_FALSE(Find("com.amazonaws.eu-west-1.s3", &error));
  EXPECT_EQ(error,
            "'com.amazonaws.eu-west-1.s3' is a prefix list of eu-west-1; a VPC of the scenario's "
            "region us-east-1 uses com.amazonaws.us-east-1.s3");
  EXPECT_FALSE(Find("com.amazonaws.us-east-1.dynamo", &error));
  EXPECT_EQ(error,
            "'com.amazonaws.us-east-1.dynamo' is not an AWS-managed prefix list vpcreach knows; "
            "did you mean 'com.amazonaws.us-east-1.dynamodb'?");
}

TEST(ManagedPrefixListTest, PrefixListIds) {
  EXPECT_TRUE(LooksLikePrefixListId("pl-3b927c52"));
  EXPECT_TRUE(LooksLikePrefixListId("pl-0a25c3463226fcc61"));
  EXPECT_FALSE(LooksLikePrefixListId("pl-s3"));
  EXPECT_FALSE(LooksLikePrefixListId("corp"));
}

using loader_testing::Get;
using loader_testing::Headlines;
using loader_testing::Load;

const char kLab[] = R"(vpcreach: 1
vpcs: {lab: {cidr: 10.1.0.0/16}}
)";

TEST(ManagedPrefixListScenarioTest, AListDeclaredByNameGetsAwsEntries) {
  LoadResult loaded = Load(std::string(kLab) + R"(prefix_lists:
  pl-3b927c52: {aws_managed: com.amazonaws.global.cloudfront.origin-facing}
  eic: {aws_managed: com.amazonaws.us-east-1.ec2-instance-connect}
security_groups:
  alb: {vpc: lab, ingress: [{protocol: tcp, ports: 443, prefix_list: pl-3b927c52}]}
)");
  ASSERT_TRUE(loaded.ok()) << loaded.diagnostics.Format();
  const PrefixList& cloudfront = Get(loaded.model.prefix_lists, "pl-3b927c52");
  EXPECT_TRUE(cloudfront.aws_managed);
  EXPECT_EQ(cloudfront.cidrs.size(), 45u);
  EXPECT_EQ(Get(loaded.model.prefix_lists, "eic").cidrs.size(), 1u);
  const SgRule& rule = Get(loaded.model.security_groups, "alb").ingress.front();
  EXPECT_EQ(rule.peer, PeerKind::kPrefixList);
  EXPECT_EQ(loaded.model.prefix_lists[rule.peer_index].id, "pl-3b927c52");
}

TEST(ManagedPrefixListScenarioTest, ProblemsAreLocated) {
  LoadResult loaded = Load(std::string(kLab) + R"(prefix_lists:
  a: {aws_managed: com.amazonaws.us-east-1.vpc-lattice}
  b: {aws_managed: com.amazonaws.global.cloudfront.origin-facing, cidrs: [10.0.0.0/8]}
)");
  EXPECT_EQ(Headlines(loaded),
            (std::vector<std::string>{
                "s.yaml:4:20: prefix_lists.a.aws_managed: AWS publishes no ranges for "
                "'com.amazonaws.us-east-1.vpc-lattice' in ip-ranges.json, so vpcreach has none; "
                "write its CIDRs under cidrs instead",
                "s.yaml:5:67: prefix_lists.b.cidrs: give either cidrs or aws_managed, not both: "
                "an AWS-managed prefix list's entries are AWS's"}));
}

// The same literal id in two rules of a scenario: one list of unknown addresses, a warning at
// each rule. What the rule admits is widened in its addresses only: its ports still decide.
TEST(ManagedPrefixListScenarioTest, AnUndeclaredLiteralIdWidensAddressesNotPorts) {
  LoadResult loaded = Load(std::string(kLab) + R"(internet_gateways: {igw: {vpc: lab}}
route_tables: {public: {vpc: lab, routes: [{destination: 0.0.0.0/0, target: igw}]}}
subnets: {web-a: {vpc: lab, cidr: 10.1.0.0/24, az: a, route_table: public}}
security_groups:
  web: {vpc: lab, ingress: [{protocol: tcp, ports: 443, prefix_list: pl-0123abcd}]}
  admin: {vpc: lab, ingress: [{protocol: tcp, ports: 22, prefix_list: pl-0123abcd}]}
enis: {web: {subnet: web-a, public_ip: 54.0.0.1, security_groups: [web]}}
)");
  ASSERT_TRUE(loaded.ok()) << loaded.diagnostics.Format();
  auto warning = [](const std::string& where) {
    return where +
           ": prefix list 'pl-0123abcd' is not declared, so its addresses are unknown: this rule "
           "is read as admitting every address (0.0.0.0/0), which may show as reachable what AWS "
           "refuses; an AWS-managed prefix list has an id of its own in each region, which "
           "vpcreach cannot read back to a list; if 'pl-0123abcd' is one, declare it: "
           "prefix_lists: {pl-0123abcd: {aws_managed: <name>}}, <name> one of "
           "com.amazonaws.global.cloudfront.origin-facing, com.amazonaws.us-east-1.dynamodb, "
           "com.amazonaws.us-east-1.ec2-instance-connect, "
           "com.amazonaws.us-east-1.route53-healthchecks, com.amazonaws.us-east-1.s3";
  };
  EXPECT_EQ(Headlines(loaded),
            (std::vector<std::string>{
                warning("s.yaml:7:70: warning: security_groups.web.ingress[0].prefix_list"),
                warning("s.yaml:8:71: warning: security_groups.admin.ingress[0].prefix_list")}));
  int unknown_lists = 0;
  for (const PrefixList& list : loaded.model.prefix_lists) unknown_lists += list.unknown ? 1 : 0;
  EXPECT_EQ(unknown_lists, 1);

  Model model = std::move(loaded.model);
  ForwardingGraph graph(model);
  Tracer tracer(model, graph);
  std::string error;
  Origin internet = ResolveEndpoint(model, "internet", &error)->Origins(model).front();
  Packet https{*ParseIpv4("198.51.100.7"), *ParseIpv4("54.0.0.1"), kTcp, 40000, 443};
  EXPECT_TRUE(tracer.Trace(internet, https).delivered);
  Packet ssh = https;
  ssh.dst_port = 22;
  TraceResult refused = tracer.Trace(internet, ssh);
  EXPECT_FALSE(refused.delivered);
  ASSERT_FALSE(refused.explanations.empty());
  EXPECT_EQ(refused.explanations.front().code, "ENI_SG_RULES_MISMATCH");
}

}  // namespace

namespace testing {
namespace {

// widdix's wordpress-ha and AWS's Gitea / GitLab samples: CloudFront's list by a per-region id.
const char kCloudFrontByMapping[] = R"(Mappings:
  RegionMap:
    us-east-1: {PrefixListCloudFront: pl-3b927c52}
Resources:
  Vpc: {Type: 'AWS::EC2::VPC', Properties: {CidrBlock: 10.0.0.0/16}}
  Sg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      VpcId: !Ref Vpc
      GroupDescription: alb
      SecurityGroupIngress:
        - {IpProtocol: tcp, FromPort: 443, ToPort: 443, SourcePrefixListId: !FindInMap [RegionMap, !Ref 'AWS::Region', PrefixListCloudFront]}
)";

TEST_F(StackTest, ATemplatesLiteralPrefixListIdResolvesToTheDeclaredManagedList) {
  LoadResult loaded = LoadOne(kCloudFrontByMapping,
                              "prefix_lists: {pl-3b927c52: {aws_managed: "
                              "com.amazonaws.global.cloudfront.origin-facing}}\n");
  ASSERT_TRUE(loaded.ok()) << loaded.diagnostics.Format();
  const SgRule& rule = Named(loaded.model.security_groups, "net/Sg").ingress.front();
  ASSERT_EQ(rule.peer, PeerKind::kPrefixList);
  EXPECT_EQ(loaded.model.prefix_lists[rule.peer_index].cidrs.size(), 45u);
}

// Real templates take a region's literal id from a mapping; undeclared, its addresses are
// unknown. The rule is read as admitting every address (more than AWS may admit, never less) and
// the load warns at the rule, saying what to declare.
TEST_F(StackTest, AnUndeclaredLiteralPrefixListIdIsEveryAddressWithAWarning) {
  LoadResult loaded = LoadOne(kCloudFrontByMapping);
  ASSERT_TRUE(loaded.ok()) << loaded.diagnostics.Format();
  EXPECT_EQ(OnlyProblem(loaded),
            "DIR/t.yaml:12:77: warning: "
            "Resources.Sg.Properties.SecurityGroupIngress[0].SourcePrefixListId: prefix list "
            "'pl-3b927c52' is not declared, so its addresses are unknown: this rule is read as "
            "admitting every address (0.0.0.0/0), which may show as reachable what AWS refuses; "
            "an AWS-managed prefix list has an id of its own "
            "in each region, which vpcreach cannot read back to a list; if 'pl-3b927c52' is one, "
            "declare it: prefix_lists: {pl-3b927c52: {aws_managed: <name>}}, <name> one of "
            "com.amazonaws.global.cloudfront.origin-facing, com.amazonaws.us-east-1.dynamodb, "
            "com.amazonaws.us-east-1.ec2-instance-connect, "
            "com.amazonaws.us-east-1.route53-healthchecks, com.amazonaws.us-east-1.s3");
  const SgRule& rule = Named(loaded.model.security_groups, "net/Sg").ingress.front();
  ASSERT_EQ(rule.peer, PeerKind::kPrefixList);
  const PrefixList& list = loaded.model.prefix_lists[rule.peer_index];
  EXPECT_TRUE(list.unknown);
  EXPECT_EQ(list.cidrs, (std::vector<Cidr>{Cidr{0, 0}}));
}

}  // namespace
}  // namespace testing
}  // namespace vpcreach
