// Reading `terraform show -json` documents: what is recognised, what is refused (located, whole
// messages), how resources are tied while their ids are unknown, and what becomes a warning.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "model/scenario_loader.h"
#include "sim/forwarding_graph.h"
#include "sim/query/check.h"
#include "tests/loader_test_util.h"

namespace vpcreach {
namespace {

using loader_testing::Get;
using loader_testing::Headlines;

LoadResult LoadPlan(const std::string& text) { return LoadScenarioText("plan.json", text); }

std::vector<std::string> Errors(const LoadResult& result) {
  std::vector<std::string> out;
  for (const Diagnostic& d : result.diagnostics.Items()) {
    if (!d.IsWarning()) out.push_back(Diagnostics::Headline(d));
  }
  return out;
}

std::vector<std::string> Warnings(const LoadResult& result) {
  std::vector<std::string> out;
  for (const Diagnostic& d : result.diagnostics.Items()) {
    if (d.IsWarning()) out.push_back(Diagnostics::Headline(d));
  }
  return out;
}

// A plan of a network not yet deployed: every id unknown, ties only through `configuration`.
// The root calls module "net" with vpc_id = module.core.vpc_id; module core makes the VPC.
// Two subnets with count, each associated with its own route table by count.index, each table
// with a route to the NAT gateway of the same index; NAT gateways in the public subnets.
constexpr char kScratchPlan[] = R"({
  "format_version": "1.2",
  "terraform_version": "1.6.6",
  "planned_values": {"root_module": {"child_modules": [
    {"address": "module.core", "resources": [
      {"address": "module.core.aws_vpc.this", "mode": "managed", "type": "aws_vpc", "name": "this",
       "values": {"cidr_block": "10.9.0.0/16"}},
      {"address": "module.core.aws_internet_gateway.gw", "mode": "managed",
       "type": "aws_internet_gateway", "name": "gw", "values": {}},
      {"address": "module.core.aws_subnet.public[0]", "mode": "managed", "type": "aws_subnet",
       "name": "public", "index": 0,
       "values": {"cidr_block": "10.9.0.0/24", "availability_zone": "us-east-1a",
                  "map_public_ip_on_launch": true}},
      {"address": "module.core.aws_subnet.public[1]", "mode": "managed", "type": "aws_subnet",
       "name": "public", "index": 1,
       "values": {"cidr_block": "10.9.1.0/24", "map_public_ip_on_launch": true}},
      {"address": "module.core.aws_route_table.public", "mode": "managed",
       "type": "aws_route_table", "name": "public", "values": {}},
      {"address": "module.core.aws_route.public", "mode": "managed", "type": "aws_route",
       "name": "public", "values": {"destination_cidr_block": "0.0.0.0/0"}},
      {"address": "module.core.aws_route_table_association.public[0]", "mode": "managed",
       "type": "aws_route_table_association", "name": "public", "index": 0, "values": {}},
      {"address": "module.core.aws_route_table_association.public[1]", "mode": "managed",
       "type": "aws_route_table_association", "name": "public", "index": 1, "values": {}},
      {"address": "module.core.aws_nat_gateway.nat[0]", "mode": "managed",
       "type": "aws_nat_gateway", "name": "nat", "index": 0, "values": {}},
      {"address": "module.core.aws_nat_gateway.nat[1]", "mode": "managed",
       "type": "aws_nat_gateway", "name": "nat", "index": 1, "values": {}}
    ]},
    {"address": "module.net", "resources": [
      {"address": "module.net.aws_subnet.app[0]", "mode": "managed", "type": "aws_subnet",
       "name": "app", "index": 0, "values": {"cidr_block": "10.9.10.0/24"}},
      {"address": "module.net.aws_subnet.app[1]", "mode": "managed", "type": "aws_subnet",
       "name": "app", "index": 1, "values": {"cidr_block": "10.9.11.0/24"}},
      {"address": "module.net.aws_route_table.app[0]", "mode": "managed",
       "type": "aws_route_table", "name": "app", "index": 0, "values": {}},
      {"address": "module.net.aws_route_table.app[1]", "mode": "managed",
       "type": "aws_route_table", "name": "app", "index": 1, "values": {}},
      {"address": "module.net.aws_route_table_association.app[0]", "mode": "managed",
       "type": "aws_route_table_association", "name": "app", "index": 0, "values": {}},
      {"address": "module.net.aws_route_table_association.app[1]", "mode": "managed",
       "type": "aws_route_table_association", "name": "app", "index": 1, "values": {}},
      {"address": "module.net.aws_route.nat[0]", "mode": "managed", "type": "aws_route",
       "name": "nat", "index": 0, "values": {"destination_cidr_block": "0.0.0.0/0"}},
      {"address": "module.net.aws_route.nat[1]", "mode": "managed", "type": "aws_route",
       "name": "nat", "index": 1, "values": {"destination_cidr_block": "0.0.0.0/0"}}
    ]}
  ]}},
  "resource_changes": [
    {"address": "module.core.aws_subnet.public[1]",
     "change": {"actions": ["create"], "after_unknown": {"availability_zone": true, "id": true}}}
  ],
  "configuration": {
    "provider_config": {"aws": {"name": "aws", "expressions": {"region": {"constant_value": "us-east-1"}}}},
    "root_module": {"module_calls": {
      "core": {"source": "./core", "module": {
        "outputs": {"vpc_id": {"expression": {"references": ["aws_vpc.this.id", "aws_vpc.this"]}},
                    "nat_ids": {"expression": {"references": ["aws_nat_gateway.nat"]}}},
        "resources": [
          {"address": "aws_vpc.this", "mode": "managed", "type": "aws_vpc", "name": "this",
           "expressions": {"cidr_block": {"constant_value": "10.9.0.0/16"}}},
          {"address": "aws_internet_gateway.gw", "mode": "managed", "type": "aws_internet_gateway",
           "name": "gw", "expressions": {"vpc_id": {"references": ["aws_vpc.this.id", "aws_vpc.this"]}}},
          {"address": "aws_subnet.public", "mode": "managed", "type": "aws_subnet", "name": "public",
           "expressions": {"vpc_id": {"references": ["local.vpc_id"]}}},
          {"address": "aws_route_table.public", "mode": "managed", "type": "aws_route_table",
           "name": "public", "expressions": {"vpc_id": {"references": ["aws_vpc.this"]}}},
          {"address": "aws_route.public", "mode": "managed", "type": "aws_route", "name": "public",
           "expressions": {"route_table_id": {"references": ["aws_route_table.public"]},
                           "gateway_id": {"references": ["aws_internet_gateway.gw"]}}},
          {"address": "aws_route_table_association.public", "mode": "managed",
           "type": "aws_route_table_association", "name": "public",
           "expressions": {"subnet_id": {"references": ["aws_subnet.public", "count.index"]},
                           "route_table_id": {"references": ["aws_route_table.public"]}}},
          {"address": "aws_nat_gateway.nat", "mode": "managed", "type": "aws_nat_gateway",
           "name": "nat",
           "expressions": {"subnet_id": {"references": ["aws_subnet.public", "count.index"]},
                           "allocation_id": {"references": ["local.eips"]}}}
        ]}},
      "net": {"source": "./net",
        "expressions": {"vpc_id": {"references": ["module.core.vpc_id", "module.core"]},
                        "nat_ids": {"references": ["module.core.nat_ids", "module.core"]}},
        "module": {"resources": [
          {"address": "aws_subnet.app", "mode": "managed", "type": "aws_subnet", "name": "app",
           "expressions": {"vpc_id": {"references": ["var.vpc_id"]}}},
          {"address": "aws_route_table.app", "mode": "managed", "type": "aws_route_table",
           "name": "app", "expressions": {"vpc_id": {"references": ["var.vpc_id"]}}},
          {"address": "aws_route_table_association.app", "mode": "managed",
           "type": "aws_route_table_association", "name": "app",
           "expressions": {"subnet_id": {"references": ["aws_subnet.app", "count.index"]},
                           "route_table_id": {"references": ["aws_route_table.app", "count.index"]}}},
          {"address": "aws_route.nat", "mode": "managed", "type": "aws_route", "name": "nat",
           "expressions": {"route_table_id": {"references": ["aws_route_table.app", "count.index"]},
                           "nat_gateway_id": {"references": ["var.nat_ids", "count.index"]}}}
        ]}}
    }}
  }
})";

TEST(TerraformPlanTest, TiesAPlanFromScratchThroughItsConfiguration) {
  LoadResult result = LoadPlan(kScratchPlan);
  ASSERT_TRUE(result.ok()) << result.diagnostics.Format();
  EXPECT_EQ(result.model.CheckInvariants(), "");
  const Model& m = result.model;
  // module.net's var.vpc_id is module.core's output vpc_id: aws_vpc.this of module core.
  const Subnet& app1 = Get(m.subnets, "module.net.aws_subnet.app[1]");
  EXPECT_EQ(m.vpcs[app1.vpc].id, "module.core.aws_vpc.this");
  // local.vpc_id is not serialised: the module's only VPC.
  const Subnet& public1 = Get(m.subnets, "module.core.aws_subnet.public[1]");
  EXPECT_EQ(m.vpcs[public1.vpc].id, "module.core.aws_vpc.this");
  // count.index pairs subnet i with table i; table i routes to NAT i (through var.nat_ids).
  EXPECT_EQ(m.route_tables[app1.route_table].id, "module.net.aws_route_table.app[1]");
  const RouteTable& table1 = m.route_tables[app1.route_table];
  bool to_nat1 = false;
  for (const Route& r : table1.routes) {
    if (r.target == RouteTarget::kNatGateway) {
      to_nat1 = m.nat_gateways[r.target_index].id == "module.core.aws_nat_gateway.nat[1]";
    }
  }
  EXPECT_TRUE(to_nat1);
  const NatGateway& nat1 = Get(m.nat_gateways, "module.core.aws_nat_gateway.nat[1]");
  EXPECT_EQ(m.subnets[nat1.subnet].id, "module.core.aws_subnet.public[1]");
  // The unknown zone is the region's first (the first unknown one), deterministically.
  EXPECT_EQ(public1.az, "us-east-1a");
  // The unknown EIPs (allocation_id is a local) come from the pool, one per gateway.
  EXPECT_EQ(FormatIpv4(Get(m.nat_gateways, "module.core.aws_nat_gateway.nat[0]").public_ip),
            "192.0.2.1");
  EXPECT_EQ(FormatIpv4(nat1.public_ip), "192.0.2.2");
}

TEST(TerraformPlanTest, RefusesARawStateFile) {
  LoadResult result = LoadPlan(R"({
  "version": 4,
  "terraform_version": "1.6.6",
  "serial": 3,
  "lineage": "5a1c",
  "outputs": {},
  "resources": []
})");
  EXPECT_EQ(Errors(result),
            std::vector<std::string>{
                "plan.json:2:14: version: this is a raw Terraform state file (terraform.tfstate), "
                "whose format is internal to Terraform; give vpcreach what `terraform show -json` "
                "prints for it instead: terraform show -json terraform.tfstate > state.json"});
}

TEST(TerraformPlanTest, RefusesAPlanOfAnotherProviderOnly) {
  LoadResult result = LoadPlan(R"({"format_version": "1.2", "terraform_version": "1.6.6",
  "planned_values": {"root_module": {"resources": [
    {"address": "google_compute_network.vpc", "mode": "managed", "type": "google_compute_network",
     "name": "vpc", "values": {"name": "vpc"}}]}}})");
  EXPECT_EQ(Errors(result),
            std::vector<std::string>{
                "plan.json:2:21: planned_values: this Terraform document has no resource of the "
                "AWS provider (only google); vpcreach models AWS networks: plan or show a "
                "configuration that uses the AWS provider (resources aws_vpc, aws_subnet, ...)"});
}

TEST(TerraformPlanTest, RefusesAnUnknownFormatVersion) {
  LoadResult result = LoadPlan(R"({"format_version": "2.0", "terraform_version": "2.0.0"})");
  EXPECT_EQ(Errors(result),
            std::vector<std::string>{
                "plan.json:1:20: format_version: unsupported format_version '2.0'; vpcreach "
                "reads `terraform show -json` output of format 0.x and 1.x"});
}

TEST(TerraformPlanTest, ReportsATruncatedDocumentWhereItEnds) {
  std::string text = kScratchPlan;
  text = text.substr(0, text.find("\"module.net\""));
  LoadResult result = LoadPlan(text);
  std::vector<std::string> errors = Errors(result);
  ASSERT_EQ(errors.size(), 1u) << result.diagnostics.Format();
  EXPECT_EQ(errors[0],
            "plan.json:30:17: invalid JSON: did not find expected node content while parsing a "
            "flow node");
  EXPECT_TRUE(result.model.vpcs.empty());  // nothing half-loaded
}

// An inline route whose target only apply decides (Terraform 0.12 drops inline blocks from
// `configuration`): the route is left out, with a warning; never guessed.
TEST(TerraformPlanTest, LeavesOutARouteWhoseTargetIsUnknown) {
  LoadResult result = LoadPlan(R"({"format_version": "0.1", "terraform_version": "0.12.10",
  "planned_values": {"root_module": {"resources": [
    {"address": "aws_vpc.v", "mode": "managed", "type": "aws_vpc", "name": "v",
     "values": {"cidr_block": "10.0.0.0/16"}},
    {"address": "aws_internet_gateway.gw", "mode": "managed", "type": "aws_internet_gateway",
     "name": "gw", "values": {}},
    {"address": "aws_route_table.pub", "mode": "managed", "type": "aws_route_table", "name": "pub",
     "values": {"route": [{"cidr_block": "0.0.0.0/0", "gateway_id": null}]}}]}},
  "configuration": {"root_module": {"resources": [
    {"address": "aws_internet_gateway.gw", "mode": "managed", "type": "aws_internet_gateway",
     "name": "gw", "expressions": {"vpc_id": {"references": ["aws_vpc.v"]}}},
    {"address": "aws_route_table.pub", "mode": "managed", "type": "aws_route_table",
     "name": "pub", "expressions": {"vpc_id": {"references": ["aws_vpc.v"]}}}]}}})");
  ASSERT_TRUE(result.ok()) << result.diagnostics.Format();
  EXPECT_EQ(Warnings(result),
            std::vector<std::string>{
                "plan.json:8:42: warning: planned_values.root_module.resources[2].values.route[0]."
                "cidr_block: aws_route_table.pub route[0]: the route's target is unknown until "
                "apply and the configuration names no resource for it; vpcreach leaves the route "
                "out, so what it would carry is not modelled"});
  const RouteTable& pub = Get(result.model.route_tables, "aws_route_table.pub");
  for (const Route& r : pub.routes) EXPECT_EQ(r.target, RouteTarget::kLocal);
  ASSERT_FALSE(result.model.ignored_resources.empty());
  EXPECT_TRUE(result.model.ignored_resources[0].shapes_reachability);
}

// The native spelling aws_default_security_group maps to: the VPC's default group is the one
// written, with exactly its rules; an interface without groups gets it.
TEST(TerraformPlanTest, AWrittenDefaultSecurityGroupIsTheVpcsDefault) {
  LoadResult result = LoadScenarioText("s.yaml", R"(vpcreach: 1
vpcs: {v: {cidr: 10.0.0.0/16}}
subnets: {a: {vpc: v, cidr: 10.0.0.0/24, az: a}}
security_groups: {d: {vpc: v, default: true, ingress: [], egress: []}}
enis: {e: {subnet: a}}
)");
  ASSERT_TRUE(result.ok()) << result.diagnostics.Format();
  const Model& m = result.model;
  ASSERT_EQ(m.security_groups.size(), 1u);  // no <vpc>-default-sg beside it
  EXPECT_EQ(m.vpcs[0].default_security_group, 0u);
  EXPECT_TRUE(m.security_groups[0].egress.empty());  // exactly what is written
  ASSERT_EQ(Get(m.enis, "e").security_groups.size(), 1u);
  EXPECT_EQ(Get(m.enis, "e").security_groups[0], 0u);
}

// A plan of one line (minified JSON, as Terraform writes it) is echoed as a window around the
// column, not the whole document.
TEST(TerraformPlanTest, EchoesAWindowOfAVeryLongLine) {
  std::string padding(400, ' ');
  LoadResult result =
      LoadPlan("{\"format_version\": \"9.0\"," + padding + "\"terraform_version\": \"9.0.0\"}");
  std::string text = result.diagnostics.Format();
  EXPECT_EQ(text,
            "plan.json:1:20: format_version: unsupported format_version '9.0'; vpcreach reads "
            "`terraform show -json` output of format 0.x and 1.x\n"
            "    {\"format_version\": \"9.0\"," +
                std::string(160 - 25, ' ') + "...\n" + "    " + std::string(19, ' ') + "^\n");
}

// A scenario that imports a plan of another region: located at the plan's region.
TEST(TerraformPlanTest, RefusesAPlanOfAnotherRegionThanTheScenarios) {
  std::filesystem::path dir = std::filesystem::temp_directory_path() / "vpcreach-tf-region";
  std::filesystem::create_directories(dir);
  std::string plan = kScratchPlan;
  std::ofstream(dir / "plan.json") << plan;
  std::ofstream(dir / "s.yaml") << "vpcreach: 1\nregion: eu-west-1\nimport:\n"
                                   "  - terraform: plan.json\n";
  LoadResult result = LoadScenarioFiles({(dir / "s.yaml").string()});
  std::vector<std::string> errors = Errors(result);
  ASSERT_EQ(errors.size(), 1u) << result.diagnostics.Format();
  EXPECT_EQ(errors[0],
            (dir / "plan.json").string() +
                ":54:93: configuration.provider_config.aws.expressions.region."
                "constant_value: the plan's AWS provider region us-east-1 does not "
                "match region eu-west-1 of the scenario; all inputs must use one region");
  EXPECT_TRUE(result.model.subnets.empty());  // nothing half-loaded
  std::filesystem::remove_all(dir);
}

// A route whose gateway_id is a transit gateway of the state (AWS wants transit_gateway_id):
// said, not "unknown".
TEST(TerraformPlanTest, SaysWhatARouteToAnUnreadGatewayNames) {
  LoadResult result =
      LoadPlan(R"({"format_version": "1.0", "values": {"root_module": {"resources": [
    {"address": "aws_vpc.v", "mode": "managed", "type": "aws_vpc", "name": "v",
     "values": {"id": "vpc-1", "cidr_block": "10.0.0.0/16"}},
    {"address": "aws_ec2_transit_gateway.g", "mode": "managed", "type": "aws_ec2_transit_gateway",
     "name": "g", "values": {"id": "tgw-1"}},
    {"address": "aws_route_table.t", "mode": "managed", "type": "aws_route_table", "name": "t",
     "values": {"id": "rtb-1", "vpc_id": "vpc-1",
                "route": [{"cidr_block": "192.168.0.0/16", "gateway_id": "tgw-1"}]}}]}}})");
  ASSERT_TRUE(result.ok()) << result.diagnostics.Format();
  EXPECT_EQ(Warnings(result),
            std::vector<std::string>{
                "plan.json:8:74: warning: values.root_module.resources[2].values.route[0]."
                "gateway_id: aws_route_table.t names aws_ec2_transit_gateway.g "
                "(aws_ec2_transit_gateway), but vpcreach reads only internet gateways there; "
                "this tie is left out, so what depends on it is not modelled"});
}

}  // namespace
}  // namespace vpcreach
