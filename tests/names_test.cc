// `vpcreach names` (issue 12, point 5): every endpoint name by kind; "did you mean" over all of
// them; gateways as endpoints of questions (sim/gateway_endpoints.h): an internet gateway as a
// source, a NAT gateway and a gateway endpoint as destinations.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "loader_test_util.h"
#include "sim/cli/commands.h"
#include "sim/query/check.h"
#include "sim/query/names.h"
#include "sim/query/reach.h"
#include "sim/query/trace_query.h"
#include "test_util.h"

namespace vpcreach {
namespace {

// A public subnet with a web server and a NAT gateway, a private subnet with a workload behind
// it and an S3 gateway endpoint on its table, and a second VPC with its own internet gateway.
const char* kEstate = R"(vpcreach: 1
vpcs: {lab: {cidr: 10.1.0.0/16}, other: {cidr: 10.2.0.0/16}}
internet_gateways: {igw: {vpc: lab}, igw2: {vpc: other}}
subnets:
  public-a:  {vpc: lab, cidr: 10.1.0.0/20, az: a, route_table: public}
  private-a: {vpc: lab, cidr: 10.1.16.0/20, az: a, route_table: private}
  o-public:  {vpc: other, cidr: 10.2.0.0/20, az: a, route_table: o-public}
route_tables:
  public:    {vpc: lab, routes: [{destination: 0.0.0.0/0, target: igw}]}
  private:   {vpc: lab, routes: [{destination: 0.0.0.0/0, target: nat-a}]}
  o-public:  {vpc: other, routes: [{destination: 0.0.0.0/0, target: igw2}]}
nat_gateways: {nat-a: {subnet: public-a, public_ip: 52.0.0.10}}
vpc_endpoints: {s3-gw: {vpc: lab, service: s3, type: gateway, route_tables: [private]}}
security_groups:
  web-sg: {vpc: lab, ingress: [{protocol: tcp, ports: 443, cidr: 0.0.0.0/0}]}
  o-web:  {vpc: other, ingress: [{protocol: tcp, ports: 443, cidr: 0.0.0.0/0}]}
enis:
  web:   {subnet: public-a, public_ip: 54.0.0.1, security_groups: [web-sg]}
  o-web: {subnet: o-public, public_ip: 54.0.0.2, security_groups: [o-web]}
workloads:
  app: {type: auto_scaling_group, subnet: private-a, count: 2}
sagemaker:
  training_jobs:
    train: {instance_count: 2}
)";

TEST(NamesTest, EveryNameByKind) {
  testing::Network n = testing::Load(kEstate);
  std::string text = NamesToText(EndpointNamesByKind(*n.model));
  EXPECT_EQ(text.substr(0, text.find("interface_endpoint_service")),
            "eni (from and to; a network interface: its private and public addresses):\n"
            "  web\n  o-web\n  app[0]\n  app[1]\n"
            "training_job (from and to; a SageMaker training job (every instance), JOB[i] "
            "one):\n  train\n  train[0]\n  train[1]\n"
            "workload (from and to; every interface of a workload, ID[i] one):\n"
            "  app\n  app[0]\n  app[1]\n"
            "subnet (from and to; any address of a subnet):\n"
            "  public-a\n  private-a\n  o-public\n"
            "service (from and to; a catalog service's addresses (services: adds more)):\n"
            "  internet\n  pypi\n  s3\n  dynamodb\n");
  EXPECT_NE(text.find("):\n  sagemaker.api\n  sagemaker.runtime\n"), std::string::npos) << text;
  size_t gateways = text.find("internet_gateway");
  ASSERT_NE(gateways, std::string::npos);
  EXPECT_EQ(text.substr(gateways),
            "internet_gateway (from only; packets entering its VPC through it; never a "
            "destination):\n  igw\n  igw2\n"
            "nat_gateway (to only; its own addresses, which answer nothing "
            "(NGW_NOT_A_DESTINATION)):\n  nat-a\n"
            "gateway_endpoint (to only; its service's addresses, reached through it only):\n"
            "  s3-gw\n"
            "and any IPv4 address or CIDR (from and to)\n");
}

TEST(NamesTest, TheCommandWritesTextAndJson) {
  std::string path = ::testing::TempDir() + "names.yaml";
  std::ofstream(path) << kEstate;
  std::ostringstream out, err;
  ASSERT_EQ(RunCli({"names", path, "--format", "json"}, out, err), 0) << err.str();
  nlohmann::json j = nlohmann::json::parse(out.str());
  EXPECT_EQ(j["kinds"][0]["kind"], "eni");
  EXPECT_EQ(j["kinds"][0]["use"], "from and to");
  EXPECT_EQ(j["kinds"][0]["names"], (nlohmann::json{"web", "o-web", "app[0]", "app[1]"}));
  EXPECT_EQ(j["kinds"].back()["kind"], "gateway_endpoint");
  EXPECT_EQ(j["kinds"].back()["use"], "to only");
  EXPECT_EQ(j["literals"], "any IPv4 address or CIDR");
  std::ostringstream out2, err2;
  EXPECT_EQ(RunCli({"names", path, "--format", "csv"}, out2, err2), 2);
  EXPECT_EQ(err2.str(), "vpcreach: names --format 'csv' is not one of text, json\n");
}

std::string ResolveError(const testing::Network& n, const std::string& name, bool as_source) {
  std::string error;
  EXPECT_FALSE(ResolveEndpoint(*n.model, name, &error, as_source).has_value()) << name;
  return error;
}

TEST(NamesTest, UnknownEndpointsSuggestTheClosestName) {
  testing::Network n = testing::Load(kEstate);
  EXPECT_EQ(ResolveError(n, "nat-aa", false), "unknown endpoint 'nat-aa'; did you mean 'nat-a'?");
  // Instances of a job without a VPC, and interfaces of workloads, are names too.
  EXPECT_EQ(ResolveError(n, "trian[1]", true),
            "unknown endpoint 'trian[1]'; did you mean 'train[1]'?");
  EXPECT_EQ(ResolveError(n, "sts.api", false),
            "unknown endpoint 'sts.api'; did you mean 'ecr.api'?");
}

TEST(NamesTest, AnInternetGatewayIsNeverADestination) {
  testing::Network n = testing::Load(kEstate);
  EXPECT_EQ(ResolveError(n, "igw", /*as_source=*/false),
            "internet gateway igw is never a packet's destination: it carries what enters and "
            "leaves vpc lab; ask to internet (or a service) and read the path (via: [igw]), or "
            "from igw for what enters through it");
  EXPECT_EQ(loader_testing::OnlyProblem(std::string(kEstate) +
                                        "expect:\n  - {name: n, from: web, to: igw, reachable: "
                                        "true}\n"),
            "s.yaml:26:30: expect[0].to: internet gateway igw is never a packet's destination: "
            "it carries what enters and leaves vpc lab; ask to internet (or a service) and read "
            "the path (via: [igw]), or from igw for what enters through it");
}


TEST(NamesTest, FromAnInternetGatewayIsWhatEntersItsVpcThroughIt) {
  testing::Network n = testing::Load(kEstate);
  ReachAnswer web = testing::Reach443(n, "igw", "web");
  EXPECT_GT(web.delivered, 0);
  ASSERT_FALSE(web.groups.empty());
  EXPECT_EQ(web.groups[0].witness.dst, testing::Ip("54.0.0.1"));
  // The opposite: the other VPC's server is reached from the internet, not through igw.
  EXPECT_GT(testing::Reach443(n, "internet", "o-web").delivered, 0);
  EXPECT_EQ(testing::Reach443(n, "igw", "o-web").delivered, 0);
  EXPECT_GT(testing::Reach443(n, "igw2", "o-web").delivered, 0);
  TraceFlags flags;
  flags.from = "igw";
  flags.to = "o-web";
  std::string error;
  EXPECT_FALSE(MakeTraceQuery(*n.model, flags, &error));
  EXPECT_EQ(error, "--to: igw carries packets into its VPC only, and o-web (54.0.0.2) is none of "
                   "its addresses (10.1.0.0/16, 52.0.0.10/32, 54.0.0.1/32)");
}

TEST(NamesTest, ANatGatewayAnswersNothingAndSaysWhy) {
  testing::Network n = testing::Load(kEstate);
  ReachAnswer a = testing::Reach443(n, "app", "nat-a");
  EXPECT_EQ(a.delivered, 0);
  EXPECT_GT(a.asked, 0);
  ASSERT_TRUE(a.refusal.has_value());
  ASSERT_FALSE(a.refusal->explanations.empty());
  EXPECT_EQ(a.refusal->explanations.back().code, "NGW_NOT_A_DESTINATION");
  // The opposite: the NAT gateway does carry the workload's connections out.
  ReachAnswer out = testing::Reach443(n, "app", "pypi");
  EXPECT_GT(out.delivered, 0);
  EXPECT_NE(out.groups[0].via.find("nat-a"), std::string::npos);
  EXPECT_EQ(ResolveError(n, "nat-a", /*as_source=*/true),
            "NAT gateway nat-a opens no connection of its own: it translates those the hosts "
            "of its VPC open; ask from those hosts (via: [nat-a])");
}

TEST(NamesTest, AGatewayEndpointIsItsServiceReachedThroughIt) {
  testing::Network n = testing::Load(kEstate);
  ReachAnswer through = testing::Reach443(n, "app", "s3-gw");
  EXPECT_GT(through.delivered, 0);
  // The public subnet reaches S3 through the internet gateway, never through s3-gw.
  EXPECT_GT(testing::Reach443(n, "web", "s3").delivered, 0);
  EXPECT_EQ(testing::Reach443(n, "web", "s3-gw").delivered, 0);
  // trace says why.
  TraceFlags flags;
  flags.from = "web";
  flags.to = "s3-gw";
  std::string error;
  std::optional<TraceQuery> q = MakeTraceQuery(*n.model, flags, &error);
  ASSERT_TRUE(q) << error;
  TraceResult t = n.tracer->Trace(q->origin, q->packet, q->options);
  EXPECT_TRUE(t.delivered);  // to S3, through the internet gateway
  JudgeGatewayDestination(*q, &t);
  EXPECT_FALSE(t.delivered);
  ASSERT_EQ(t.explanations.size(), 1u);
  EXPECT_EQ(t.explanations[0].code, "VPCE_GATEWAY_NOT_ON_PATH");
  EXPECT_EQ(t.explanations[0].message,
            "the request reaches 1.178.4.1 without passing gateway endpoint s3-gw: the route "
            "table on its way has no route to it");
  flags.from = "app";
  q = MakeTraceQuery(*n.model, flags, &error);
  ASSERT_TRUE(q) << error;
  t = n.tracer->Trace(q->origin, q->packet, q->options);
  JudgeGatewayDestination(*q, &t);
  EXPECT_TRUE(t.delivered);
}

}  // namespace
}  // namespace vpcreach
