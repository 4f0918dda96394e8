// `check` is exact: expectations are decided over every packet of their header space.
#include "sim/query/check.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "sim/cli/commands.h"
#include "sim/report/check_report.h"
#include "tests/test_util.h"

namespace vpcreach::testing {
namespace {

const char* kNetwork = R"(
vpcreach: 1
vpcs: {v: {cidr: 10.0.0.0/16}}
internet_gateways: {igw: {vpc: v}}
subnets:
  pub:  {vpc: v, cidr: 10.0.0.0/24, az: a, route_table: pub-rt}
  priv: {vpc: v, cidr: 10.0.1.0/24, az: a, route_table: priv-rt}
route_tables:
  pub-rt:  {vpc: v, routes: [{destination: 0.0.0.0/0, target: igw}]}
  priv-rt: {vpc: v, routes: [{destination: 0.0.0.0/0, target: nat}]}
nat_gateways: {nat: {subnet: pub, public_ip: 52.0.0.10}}
vpc_endpoints: {s3-gw: {vpc: v, service: s3, route_tables: [priv-rt]}}
security_groups:
  out: {vpc: v, egress: [{protocol: tcp, ports: 443, cidr: 0.0.0.0/0}, {protocol: tcp, ports: 8443, cidr: 151.101.0.0/16}]}
  web: {vpc: v, ingress: [{protocol: tcp, ports: 443, cidr: 0.0.0.0/0}]}
enis:
  worker: {subnet: priv, security_groups: [out]}
  server: {subnet: pub, public_ip: 54.0.0.1, security_groups: [web]}
)";

CheckReport Check(const std::string& expect, std::uint64_t max_paths = 100'000) {
  Network n = Load(std::string(kNetwork) + "expect:\n" + expect);
  CheckOptions options;
  options.max_paths = max_paths;
  CheckReport report = RunChecks(*n.model, *n.graph, options);
  // The report points into the model; keep what the tests read.
  for (ExpectationResult& r : report.results) r.expectation = nullptr;
  return report;
}

TEST(CheckTest, ReachableTrueHoldsWithADeliveredWitness) {
  CheckReport r = Check("  - {name: pypi, from: worker, to: pypi, port: 443, reachable: true, via: [nat]}\n");
  ASSERT_EQ(r.results.size(), 1u);
  EXPECT_TRUE(r.results[0].passed) << r.results[0].detail;
  ASSERT_TRUE(r.results[0].witness);
  EXPECT_TRUE(r.results[0].witness->delivered);
  EXPECT_EQ(FormatPacket(r.results[0].witness->packet), "tcp 10.0.1.4:40000 -> 151.101.0.1:443");
  EXPECT_EQ(r.results[0].detail.substr(0, 11), "reachable: ");
}

TEST(CheckTest, ReachableTrueFailsWithTheMostPromisingBlockedPath) {
  CheckReport r = Check("  - {name: ssh, from: worker, to: pypi, port: 22, reachable: true}\n");
  EXPECT_FALSE(r.results[0].passed);
  EXPECT_EQ(r.results[0].delivered, 0);
  EXPECT_EQ(r.results[0].detail, "unreachable: none of " + FormatCount(r.results[0].asked) +
                                     " requests is delivered and answered");
  EXPECT_EQ(r.results[0].asked, 64512 * 65536.0);  // src ports x PyPI's /16
  ASSERT_TRUE(r.results[0].witness);
  EXPECT_EQ(Codes(*r.results[0].witness), "ENI_SG_RULES_MISMATCH");
}

TEST(CheckTest, ReachableFalseFindsASinglePortHoleAmongAllPorts) {
  // `out` allows 8443 to PyPI's range only: one port of 65,536, to one /16 of the internet.
  CheckReport r = Check(
      "  - {name: only https, from: worker, to: internet, port: 0-65535, reachable: false}\n"
      "  - {name: not pypi, from: worker, to: pypi, port: 1-442, reachable: false}\n");
  EXPECT_FALSE(r.results[0].passed);
  ASSERT_TRUE(r.results[0].witness);
  // The first delivered class is 443 (to anywhere); 8443 to PyPI is delivered as well.
  EXPECT_GT(r.results[0].delivered, 0);
  EXPECT_TRUE(r.results[1].passed) << r.results[1].detail;
  CheckReport hole = Check("  - {name: hole, from: worker, to: pypi, port: 444-65535, reachable: false}\n");
  EXPECT_FALSE(hole.results[0].passed);
  EXPECT_EQ(hole.results[0].witness->packet.dst_port, 8443);
  EXPECT_EQ(hole.results[0].delivered, 64512 * 65536.0);  // 8443 only, to all of PyPI's /16
}

TEST(CheckTest, ReachableFalseFindsASingleSourceAddress) {
  std::string network = Edit(kNetwork, "  pub:  {vpc: v, cidr: 10.0.0.0/24, az: a, route_table: pub-rt}",
                             "  pub:  {vpc: v, cidr: 10.0.0.0/24, az: a, route_table: pub-rt, network_acl: strict}");
  network += R"(network_acls:
  strict:
    vpc: v
    ingress: [{rule: 10, action: allow, protocol: tcp, ports: 443, cidr: 203.0.113.77/32}]
    egress:  [{rule: 10, action: allow, protocol: all, cidr: 0.0.0.0/0}]
expect:
  - {name: closed, from: internet, to: server, protocol: all, reachable: false}
)";
  Network n = Load(network);
  CheckReport r = RunChecks(*n.model, *n.graph);
  EXPECT_FALSE(r.results[0].passed);
  // Exactly one source address, every client port, one destination port.
  EXPECT_EQ(r.results[0].delivered, 64512);
  EXPECT_EQ(FormatPacket(r.results[0].witness->packet), "tcp 203.0.113.77:40000 -> 54.0.0.1:443");
  EXPECT_EQ(r.results[0].detail,
            "reachable: 64512 of " + FormatCount(r.results[0].asked) +
                " requests (1 path) delivered, for example tcp 203.0.113.77:40000 -> 54.0.0.1:443");
}

TEST(CheckTest, ViaAndAvoidHoldForEveryDeliveredPacket) {
  CheckReport r = Check(
      "  - {name: s3, from: worker, to: s3, port: 443, reachable: true, via: [s3-gw], avoid: [nat_gateway, internet_gateway]}\n"
      "  - {name: web via endpoint, from: worker, to: internet, port: 443, reachable: true, via: [s3-gw]}\n"
      "  - {name: web avoids nat, from: worker, to: internet, port: 443, reachable: true, avoid: [nat]}\n");
  EXPECT_TRUE(r.results[0].passed) << r.results[0].detail;
  EXPECT_FALSE(r.results[1].passed);
  EXPECT_NE(r.results[1].detail.find(" is delivered without passing s3-gw"), std::string::npos)
      << r.results[1].detail;
  EXPECT_FALSE(r.results[2].passed);
  EXPECT_NE(r.results[2].detail.find(" is delivered through nat"), std::string::npos)
      << r.results[2].detail;
}

TEST(CheckTest, OnlyToHoldsWhenEveryDeliveredPacketEndsThere) {
  CheckReport r = Check(
      "  - {name: web and s3, from: worker, protocol: all, only_to: [internet, server]}\n"
      "  - {name: s3 only, from: worker, protocol: all, only_to: [s3]}\n");
  EXPECT_TRUE(r.results[0].passed) << r.results[0].detail;
  EXPECT_FALSE(r.results[1].passed);
  EXPECT_EQ(r.results[1].detail.substr(0, 22), "delivers outside s3: t");
}

TEST(CheckTest, BudgetExhaustionIsUndecidedNotAnAnswer) {
  CheckReport r = Check("  - {name: big, from: internet, to: server, protocol: all, reachable: false}\n", 0);
  EXPECT_FALSE(r.results[0].passed);
  EXPECT_TRUE(r.results[0].undecided);
  EXPECT_EQ(r.results[0].detail,
            "undecided: the solver's budget ran out (more than 0 paths or BDD nodes); raise "
            "--max-paths");
}

TEST(CheckTest, InterfaceEndpointNamesItsNetworkInterfaces) {
  // The README lets an endpoint name an interface endpoint: every one of its ENIs.
  const char* yaml = R"(vpcreach: 1
vpcs: {lab: {cidr: 10.1.0.0/16}}
subnets: {a: {vpc: lab, cidr: 10.1.0.0/24, az: a}, b: {vpc: lab, cidr: 10.1.1.0/24, az: b}}
security_groups: {api-sg: {vpc: lab, ingress: [{protocol: tcp, ports: 443, cidr: 10.1.0.0/16}]}}
vpc_endpoints:
  api: {vpc: lab, service: sagemaker.api, type: interface, subnets: [a, b], security_groups: [api-sg]}
enis: {worker: {subnet: a}}
expect:
  - {name: to api, from: worker, to: api, port: 443, reachable: true}
  - {name: not 80, from: worker, to: api, port: 80, reachable: false}
  - {name: from api, from: api, to: worker, port: 443, reachable: false}
)";
  Network n = Load(yaml);
  CheckReport r = RunChecks(*n.model, *n.graph);
  ASSERT_EQ(r.results.size(), 3u);
  EXPECT_TRUE(r.results[0].passed) << r.results[0].detail;
  EXPECT_EQ(r.results[0].paths, 2u);  // one ENI per subnet
  EXPECT_TRUE(r.results[1].passed) << r.results[1].detail;
  EXPECT_TRUE(r.results[2].passed) << r.results[2].detail;
  EXPECT_EQ(r.results[2].asked, 2 * 64512.0);  // from both ENIs
  // The command line's --from / --to take it too.
  std::string path = (std::filesystem::temp_directory_path() /
                      ("check_test_" + std::to_string(::getpid()) + ".yaml"))
                         .string();
  std::ofstream(path) << yaml;
  std::ostringstream out, err;
  EXPECT_EQ(RunCli({"reach", path, "--from", "worker", "--to", "api", "--port", "443"}, out, err),
            0)
      << err.str();
  EXPECT_NE(out.str().find("reach worker -> api: 129024 of 129024 requests"), std::string::npos)
      << out.str();
  EXPECT_EQ(RunCli({"trace", path, "--from", "worker", "--to", "api"}, out, err), 0) << err.str();
  // worker's default group admits only itself: the endpoint is accepted, its packets refused.
  EXPECT_EQ(RunCli({"reach", path, "--from", "api", "--to", "worker"}, out, err), 1) << err.str();
  EXPECT_EQ(err.str(), "");
  std::filesystem::remove(path);
}

// ---- Questions that hold no packet, and a training job without a VPC (issue 10, point 8) ----

const char* kSageMakerNetwork = R"(vpcreach: 1
vpcs: {lab: {cidr: 10.1.0.0/16}}
subnets: {a: {vpc: lab, cidr: 10.1.0.0/24, az: a}}
enis: {worker: {subnet: a}}
sagemaker:
  notebook_instances: {hosted: {}}
  training_jobs:
    job: {instance_count: 2, network_isolation: true}
    solo: {instance_count: 1}
expect:
)";

CheckReport CheckSageMaker(const std::string& expect) {
  Network n = Load(std::string(kSageMakerNetwork) + expect);
  CheckReport report = RunChecks(*n.model, *n.graph);
  for (ExpectationResult& r : report.results) r.expectation = nullptr;
  return report;
}

TEST(CheckTest, InstancesOfAJobWithoutAVpcReachEachOther) {
  // Before: `reachable: false` held over an empty set of requests, a false proof.
  CheckReport r = CheckSageMaker(
      "  - {name: isolated, from: job, to: job, protocol: all, reachable: false}\n"
      "  - {name: talk, from: 'job[0]', to: 'job[1]', port: 443, reachable: true, via: "
      "[sagemaker_network]}\n"
      "  - {name: avoid, from: job, to: 'job[0]', reachable: true, avoid: [sagemaker_network]}\n");
  ASSERT_EQ(r.results.size(), 3u);
  const std::string path =
      "the instances of training job job, which has no VPC, reach each other in SageMaker's "
      "network, which filters nothing between them: every request of the question is delivered";
  EXPECT_FALSE(r.results[0].passed);
  EXPECT_FALSE(r.results[0].vacuous);
  EXPECT_EQ(r.results[0].detail, "reachable: " + path);
  EXPECT_GT(r.results[0].delivered, 0);
  EXPECT_TRUE(r.results[1].passed) << r.results[1].detail;
  EXPECT_EQ(r.results[1].paths, 1u);
  EXPECT_EQ(r.results[1].delivered, 64512);  // client ports, to port 443, one address each
  EXPECT_FALSE(r.results[2].passed);
  EXPECT_EQ(r.results[2].detail, path + ", through sagemaker_network");
}

TEST(CheckTest, QuestionsWithoutAPacketAreVacuousNotProofs) {
  CheckReport r = CheckSageMaker(
      "  - {name: self, from: 'job[1]', to: 'job[1]', reachable: false}\n"
      "  - {name: solo, from: solo, to: solo, reachable: false}\n"
      "  - {name: hosted, from: internet, to: hosted, protocol: all, reachable: false}\n"
      "  - {name: router, from: 10.1.0.1, to: internet, reachable: false}\n");
  ASSERT_EQ(r.results.size(), 4u);
  for (const ExpectationResult& x : r.results) {
    EXPECT_FALSE(x.passed);
    EXPECT_TRUE(x.vacuous) << x.detail;
    EXPECT_FALSE(x.undecided);
    EXPECT_EQ(x.asked, 0);
  }
  EXPECT_EQ(r.results[0].detail,
            "vacuous: the question holds no packet: job[1] and job[1] name the same single "
            "instance of training job job, and an instance talking to itself crosses no network; "
            "it proves nothing");
  EXPECT_EQ(r.results[2].detail,
            "vacuous: the question holds no packet: hosted runs in SageMaker's network without a "
            "VPC, where no address of it is known, so no packet can be addressed to it; it proves "
            "nothing");
  EXPECT_EQ(r.results[3].detail,
            "vacuous: the question holds no packet: 10.1.0.1 holds no address a packet can be "
            "sent from (every address of it is reserved by AWS or held by another component); it "
            "proves nothing");
  EXPECT_EQ(r.Passed(), 0);
  EXPECT_EQ(r.Failed(), 4);
}

TEST(CheckTest, VacuousIsAWarningInEveryFormat) {
  Network n = Load(std::string(kSageMakerNetwork) +
                   "  - {name: self, from: 'job[1]', to: 'job[1]', reachable: false}\n");
  CheckReport r = RunChecks(*n.model, *n.graph);
  std::string text = CheckToText(r, false);
  EXPECT_EQ(text.substr(0, 17), "VACUOUS    self: ") << text;
  EXPECT_NE(text.find("0 passed, 1 failed"), std::string::npos) << text;
  EXPECT_EQ(CheckToJson(r)["results"][0]["vacuous"], true);
  EXPECT_NE(CheckToJunit(r, "s").find("type=\"warning\""), std::string::npos);
  std::vector<CiItem> items = CheckToCiItems(r, *n.model);
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].level, CiLevel::kWarning);
  // The command line: a warning fails the default --fail-on warning, not --fail-on error.
  std::string path = (std::filesystem::temp_directory_path() /
                      ("check_vacuous_" + std::to_string(::getpid()) + ".yaml"))
                         .string();
  std::ofstream(path) << kSageMakerNetwork
                      << "  - {name: self, from: 'job[1]', to: 'job[1]', reachable: false}\n";
  std::ostringstream out, err;
  EXPECT_EQ(RunCli({"check", path}, out, err), 1) << err.str();
  EXPECT_EQ(RunCli({"check", path, "--fail-on", "error"}, out, err), 0) << err.str();
  std::filesystem::remove(path);
}

}  // namespace
}  // namespace vpcreach::testing
