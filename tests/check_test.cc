// `check` is exact: expectations are decided over every packet of their header space.
#include "sim/query/check.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

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

// A dual-stack network whose IPv6 side vpcreach does not model yet: SSH is open to ::/0 over
// the internet gateway, HTTPS to 0.0.0.0/0. Claims about every packet of `internet` (which
// holds IPv6 packets) are proved for IPv4 only, so they are undecided, not passed; so is
// "nothing arrives" for a reachable claim. A claim refuted by a delivered IPv4 packet fails,
// and one shown by one holds.
const char* kDualStackTemplate = R"(AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties: {CidrBlock: 10.0.0.0/16}
  Block:
    Type: AWS::EC2::VPCCidrBlock
    Properties: {VpcId: !Ref Vpc, AmazonProvidedIpv6CidrBlock: true}
  Subnet:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref Vpc
      CidrBlock: 10.0.0.0/24
      MapPublicIpOnLaunch: true
      Ipv6CidrBlock: !Select [0, !Cidr [!Select [0, !GetAtt Vpc.Ipv6CidrBlocks], 1, 64]]
  Igw:
    Type: AWS::EC2::InternetGateway
  Attachment:
    Type: AWS::EC2::VPCGatewayAttachment
    Properties: {VpcId: !Ref Vpc, InternetGatewayId: !Ref Igw}
  Table:
    Type: AWS::EC2::RouteTable
    Properties: {VpcId: !Ref Vpc}
  Default4:
    Type: AWS::EC2::Route
    Properties: {RouteTableId: !Ref Table, DestinationCidrBlock: 0.0.0.0/0, GatewayId: !Ref Igw}
  Default6:
    Type: AWS::EC2::Route
    Properties: {RouteTableId: !Ref Table, DestinationIpv6CidrBlock: '::/0', GatewayId: !Ref Igw}
  Association:
    Type: AWS::EC2::SubnetRouteTableAssociation
    Properties: {SubnetId: !Ref Subnet, RouteTableId: !Ref Table}
  Group:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: web and ssh
      VpcId: !Ref Vpc
      SecurityGroupIngress:
        - {IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 0.0.0.0/0}
        - {IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIpv6: '::/0'}
  Web:
    Type: AWS::EC2::Instance
    Properties: {ImageId: ami-1, SubnetId: !Ref Subnet, SecurityGroupIds: [!Ref Group], Ipv6AddressCount: 1}
)";

const char* kDualStackExpectations = R"(expect:
  - {name: ssh closed, from: internet, to: st/Web, port: 22, reachable: false}
  - {name: ssh open, from: internet, to: st/Web, port: 22, reachable: true}
  - {name: https closed, from: internet, to: st/Web, port: 443, reachable: false}
  - {name: https open, from: internet, to: st/Web, port: 443, reachable: true}
)";

TEST(CheckTest, UnmodelledIpv6LeavesClaimsAboutEveryPacketUndecided) {
  std::filesystem::path dir = std::filesystem::temp_directory_path() /
                              ("check_ipv6_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "dual.yaml") << kDualStackTemplate;
  std::ofstream(dir / "s.yaml") << "vpcreach: 1\nstacks:\n  - {name: st, template: dual.yaml}\n"
                                << kDualStackExpectations;
  std::ostringstream out, err;
  EXPECT_EQ(RunCli({"check", (dir / "s.yaml").string(), "--format", "json"}, out, err), 1)
      << err.str();
  nlohmann::json j = nlohmann::json::parse(out.str());
  ASSERT_EQ(j["results"].size(), 4u) << out.str();
  const std::string ipv6 =
      "); st/Subnet Ipv6CidrBlock 2001:db8:0:100::/64, st/Group IPv6 rule "
      "SecurityGroupIngress[1] and 1 more carry traffic it does not follow (IPv6, or a "
      "connection to networks outside the model; see the warnings), so nothing is proved of "
      "that traffic";
  EXPECT_EQ(j["results"][0]["undecided"], true);
  EXPECT_EQ(j["results"][0]["passed"], false);
  EXPECT_EQ(j["results"][0]["detail"],
            "proved only over what vpcreach models (unreachable: none of 477697268514816 "
            "requests is delivered and answered" + ipv6);
  EXPECT_EQ(j["results"][1]["undecided"], true);
  EXPECT_EQ(j["results"][1]["detail"].get<std::string>().substr(0, 50),
            "proved only over what vpcreach models (unreachable");
  EXPECT_EQ(j["results"][2]["undecided"], false);
  EXPECT_EQ(j["results"][2]["passed"], false);
  EXPECT_EQ(j["results"][2]["detail"].get<std::string>().substr(0, 11), "reachable: ");
  EXPECT_EQ(j["results"][3]["undecided"], false);
  EXPECT_EQ(j["results"][3]["passed"], true);

  // `reach` says its answer is IPv4's only.
  std::ostringstream reach_out;
  EXPECT_EQ(RunCli({"reach", (dir / "s.yaml").string(), "--from", "internet", "--to", "st/Web",
                    "--port", "22"},
                   reach_out, err),
            1);
  EXPECT_EQ(reach_out.str().substr(0, reach_out.str().find('\n')),
            "reach internet -> st/Web: partial: 3 elements of this network carry traffic that "
            "vpcreach does not follow (IPv6, or a connection to networks outside the model; "
            "vpcreach validate lists them), so what follows says nothing of that traffic");

  // The opposite: the same network without its IPv6 side proves the IPv4 claims.
  std::string ipv4_only = kDualStackTemplate;
  for (const char* line :
       {"      Ipv6CidrBlock: !Select [0, !Cidr [!Select [0, !GetAtt Vpc.Ipv6CidrBlocks], 1, 64]]\n",
        "        - {IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIpv6: '::/0'}\n"}) {
    ipv4_only = Edit(ipv4_only, line, "");
  }
  ipv4_only = Edit(ipv4_only, ", Ipv6AddressCount: 1", "");
  ipv4_only = Edit(ipv4_only, R"(  Default6:
    Type: AWS::EC2::Route
    Properties: {RouteTableId: !Ref Table, DestinationIpv6CidrBlock: '::/0', GatewayId: !Ref Igw}
)", "");
  std::ofstream(dir / "dual.yaml", std::ios::trunc) << ipv4_only;
  std::ostringstream out4;
  EXPECT_EQ(RunCli({"check", (dir / "s.yaml").string(), "--format", "json"}, out4, err), 1);
  nlohmann::json k = nlohmann::json::parse(out4.str());
  EXPECT_EQ(k["results"][0]["passed"], true) << out4.str();
  EXPECT_EQ(k["results"][1]["passed"], false);
  EXPECT_EQ(k["results"][1]["undecided"], false);
  EXPECT_EQ(k["results"][2]["passed"], false);
  EXPECT_EQ(k["results"][3]["passed"], true);
  std::filesystem::remove_all(dir);
}

// A VPN connection that routes by BGP reaches on-premises prefixes no template holds: beside it
// no "unreachable" is a proof. The same connection with static routes is modelled and decides.
// A resource that only adds a place (an EMR cluster) does not void proofs: it stays a warning
// beside them.
TEST(CheckTest, AConnectionOutsideTheModelLeavesUnreachableUndecided) {
  std::filesystem::path dir = std::filesystem::temp_directory_path() /
                              ("check_vpn_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  auto run = [&](const std::string& extra) {
    std::ofstream(dir / "t.yaml", std::ios::trunc) << R"(Resources:
  Vpc: {Type: AWS::EC2::VPC, Properties: {CidrBlock: 10.20.0.0/16}}
  Private: {Type: AWS::EC2::Subnet, Properties: {VpcId: !Ref Vpc, CidrBlock: 10.20.1.0/24}}
  Host: {Type: AWS::EC2::Instance, Properties: {ImageId: ami-1, SubnetId: !Ref Private}}
)" << extra;
    std::ofstream(dir / "s.yaml", std::ios::trunc)
        << "vpcreach: 1\nstacks:\n  - {name: dc, template: t.yaml}\nexpect:\n"
           "  - {name: closed, from: 192.168.10.5, to: dc/Host, port: 22, reachable: false}\n";
    std::ostringstream out, err;
    RunCli({"check", (dir / "s.yaml").string(), "--format", "json"}, out, err);
    return nlohmann::json::parse(out.str())["results"][0];
  };
  const std::string gateways =
      "  Vgw: {Type: AWS::EC2::VPNGateway, Properties: {Type: ipsec.1}}\n"
      "  Attach: {Type: AWS::EC2::VPCGatewayAttachment, Properties: {VpcId: !Ref Vpc, "
      "VpnGatewayId: !Ref Vgw}}\n"
      "  Cgw: {Type: AWS::EC2::CustomerGateway, Properties: {Type: ipsec.1, BgpAsn: 65000, "
      "IpAddress: 198.51.100.7}}\n";
  nlohmann::json vpn = run(gateways +
                           "  Vpn: {Type: AWS::EC2::VPNConnection, Properties: {Type: ipsec.1, "
                           "CustomerGatewayId: !Ref Cgw, VpnGatewayId: !Ref Vgw}}\n");
  EXPECT_EQ(vpn["undecided"], true) << vpn.dump();
  EXPECT_EQ(vpn["detail"],
            "proved only over what vpcreach models (unreachable: none of 64512 requests is "
            "delivered and answered); dc/Vpn carry traffic it does not follow (IPv6, or a "
            "connection to networks outside the model; see the warnings), so nothing is proved "
            "of that traffic");
  nlohmann::json routed =
      run(gateways +
          "  Vpn: {Type: AWS::EC2::VPNConnection, Properties: {Type: ipsec.1, StaticRoutesOnly: "
          "true, CustomerGatewayId: !Ref Cgw, VpnGatewayId: !Ref Vgw}}\n"
          "  Dc: {Type: AWS::EC2::VPNConnectionRoute, Properties: {VpnConnectionId: !Ref Vpn, "
          "DestinationCidrBlock: 192.168.0.0/16}}\n");
  EXPECT_EQ(routed["undecided"], false) << routed.dump();
  EXPECT_EQ(routed["passed"], true);
  nlohmann::json emr = run(
      "  Emr: {Type: AWS::EMR::Cluster, Properties: {Name: x, ReleaseLabel: emr-7.0.0}}\n");
  EXPECT_EQ(emr["undecided"], false) << emr.dump();
  EXPECT_EQ(emr["passed"], true);
  nlohmann::json plain = run("");
  EXPECT_EQ(plain["passed"], true) << plain.dump();
  std::filesystem::remove_all(dir);
}

// A subnet that no interface is in, as the sender: the request leaves from a host address there
// and the reply comes back to that host, through the NAT gateway too (the tracer and the solver
// alike). A regression: both refused the reply at the subnet (UNKNOWN_DESTINATION), a wrong
// "unreachable".
constexpr char kBareSubnet[] = R"(
vpcreach: 1
vpcs: {v: {cidr: 10.0.0.0/16}}
internet_gateways: {igw: {vpc: v}}
subnets:
  pub:  {vpc: v, cidr: 10.0.0.0/24, az: a, route_table: pub-rt}
  priv: {vpc: v, cidr: 10.0.1.0/24, az: a, route_table: priv-rt}
  dark: {vpc: v, cidr: 10.0.2.0/24, az: a}
route_tables:
  pub-rt:  {vpc: v, routes: [{destination: 0.0.0.0/0, target: igw}]}
  priv-rt: {vpc: v, routes: [{destination: 0.0.0.0/0, target: nat}]}
nat_gateways: {nat: {subnet: pub, public_ip: 52.0.0.10}}
)";

TEST(CheckTest, RepliesToAHostOfTheSendingSubnetArrive) {
  ExpectationResult out = CheckOne(
      kBareSubnet, "{name: out, from: priv, to: internet, port: 443, reachable: true, via: [nat]}");
  EXPECT_TRUE(out.passed) << out.detail;
  // The opposite: the subnet on the main table (local route only) reaches nothing outside.
  ExpectationResult dark = CheckOne(
      kBareSubnet, "{name: dark, from: dark, to: internet, protocol: all, reachable: false}");
  EXPECT_TRUE(dark.passed) << dark.detail;
  Network n = Load(kBareSubnet);
  TraceResult t = Trace(n, "priv", "1.0.0.1");
  EXPECT_TRUE(t.delivered) << Codes(t) << "\n" << Path(t);
  EXPECT_EQ(t.reverse.back().component, "priv");
  TraceResult d = Trace(n, "dark", "1.0.0.1");
  EXPECT_FALSE(d.delivered);
}

}  // namespace
}  // namespace vpcreach::testing
