#include "model/scenario_loader.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "tests/loader_test_util.h"

namespace vpcreach {
namespace {

// ---------------------------------------------------------------------------------------------
// Helpers

using loader_testing::Get;
using loader_testing::Headlines;
using loader_testing::IndexOf;
using loader_testing::Load;
using loader_testing::LoadValid;
using loader_testing::OnlyProblem;

std::string Ip(Ipv4 address) { return FormatIpv4(address); }

std::string Describe(const Route& r, const Model& m) {
  std::string out = r.destination_cidr ? r.destination_cidr->ToString()
                                       : m.prefix_lists[r.destination_prefix_list].id;
  return out + " -> " + r.target_id + (r.implicit ? " (implicit)" : "");
}

std::vector<std::string> Routes(const Model& m, const std::string& table) {
  std::vector<std::string> out;
  for (const Route& r : Get(m.route_tables, table).routes) out.push_back(Describe(r, m));
  return out;
}

// ---------------------------------------------------------------------------------------------
// A valid scenario with every section

constexpr char kFull[] = R"(vpcreach: 1
name: full lab
region: us-east-1
services:
  pypi: {cidrs: [151.101.0.0/16, 199.232.0.0/16]}
  github: {cidrs: [140.82.112.0/20], ports: [443, "9418", 1024-2048]}
vpcs:
  lab: {cidrs: [10.1.0.0/16, 10.2.0.0/16], flow_logs: true}
  other: {cidr: 10.9.0.0/16}
internet_gateways:
  igw: {vpc: lab}
subnets:
  public-a: {vpc: lab, cidr: 10.1.0.0/24, az: a, route_table: public}
  private-a: {vpc: lab, cidr: 10.1.16.0/20, az: us-east-1a, route_table: private, network_acl: private-nacl}
  private-b: {vpc: lab, cidr: 10.2.0.0/20, az: b, route_table: private}
  other-a: {vpc: other, cidr: 10.9.0.0/24, az: c}
route_tables:
  public:
    vpc: lab
    routes:
      - {destination: 0.0.0.0/0, target: igw}
      - {destination: corp, target: appliance}
      - {destination: 192.0.2.0/24, target: blackhole}
  private:
    vpc: lab
    routes:
      - {destination: 0.0.0.0/0, target: nat-a}
      - {destination: 10.1.0.0/24, target: local}
  lab-main-table: {vpc: lab, main: true}
nat_gateways:
  nat-a: {subnet: public-a, public_ip: 52.0.0.10}
vpc_endpoints:
  s3-gw: {vpc: lab, service: s3, route_tables: [private, lab-main-table]}
  api: {vpc: lab, service: sagemaker.api, type: interface, subnets: [private-a, private-b],
        security_groups: [endpoints]}
network_acls:
  private-nacl:
    vpc: lab
    ingress:
      - {rule: 200, action: deny, protocol: udp, ports: 53, cidr: 0.0.0.0/0}
      - {rule: 100, action: allow, protocol: tcp, ports: "1024-65535", cidr: 0.0.0.0/0}
    egress:
      - {rule: 100, action: allow, protocol: all, cidr: 0.0.0.0/0}
  locked: {vpc: other, default: true}
security_groups:
  pip: {vpc: lab, egress: [{protocol: tcp, ports: 443, cidr: 0.0.0.0/0, description: https out}]}
  silent: {vpc: lab, egress: []}
  endpoints: {vpc: lab, ingress: [{protocol: tcp, ports: 443, security_group: pip}]}
  ssh: {vpc: lab, ingress: [{protocol: tcp, ports: 22, prefix_list: corp},
                            {protocol: icmp, security_group: ssh}]}
  training-sg: {vpc: lab, ingress: [{protocol: 50, security_group: training-sg},
                                    {protocol: -1, prefix_list: pl-s3}]}
enis:
  appliance: {subnet: public-a, private_ip: 10.1.0.5, security_groups: [ssh], source_dest_check: false}
  bastion: {subnet: public-a, public_ip: 54.0.0.1, security_groups: [ssh, pip]}
  plain: {subnet: other-a}
prefix_lists:
  corp: {cidrs: [198.51.100.0/24, 203.0.113.0/24]}
sagemaker:
  notebook_instances:
    notebook: {subnet: private-a, security_groups: [pip], direct_internet_access: disabled,
               root_access: disabled, kms_key_id: alias/lab}
    hosted: {}
  training_jobs:
    training: {subnets: [private-a, private-b], security_groups: [training-sg], instance_count: 3,
               network_isolation: true, inter_container_encryption: true}
    solo: {}
expect:
  - name: notebook reaches pypi
    from: notebook
    to: pypi
    port: 443
    reachable: true
    via: [nat-a, nat_gateway]
    avoid: [s3-gw]
  - name: training stays home
    from: training[2]
    only_to: [training, 10.1.0.0/16, 10.1.0.5]
    protocol: all
)";

TEST(ScenarioLoaderTest, FullScenarioHeaderAndVpcs) {
  Model m = LoadValid(kFull);
  EXPECT_EQ(m.name, "full lab");
  EXPECT_EQ(m.region, "us-east-1");
  EXPECT_EQ(m.files, std::vector<std::string>{"s.yaml"});
  ASSERT_EQ(m.vpcs.size(), 2u);
  const Vpc& lab = m.vpcs[0];
  EXPECT_EQ(lab.id, "lab");
  ASSERT_EQ(lab.cidrs.size(), 2u);
  EXPECT_EQ(lab.cidrs[1].ToString(), "10.2.0.0/16");
  EXPECT_TRUE(lab.flow_logs);
  EXPECT_FALSE(m.vpcs[1].flow_logs);
  EXPECT_EQ(lab.location.line, 8);
  EXPECT_EQ(lab.location.column, 3);
  EXPECT_EQ(lab.internet_gateway, IndexOf(m.internet_gateways, "igw"));
  EXPECT_EQ(m.vpcs[1].internet_gateway, kNone);
  EXPECT_EQ(m.internet_gateways[0].vpc, 0u);
}

TEST(ScenarioLoaderTest, FullScenarioMainTablesAndDefaultsAreWrittenOrSynthesized) {
  Model m = LoadValid(kFull);
  const Vpc& lab = Get(m.vpcs, "lab");
  const Vpc& other = Get(m.vpcs, "other");
  // lab writes its main table; other gets one.
  EXPECT_EQ(lab.main_route_table, IndexOf(m.route_tables, "lab-main-table"));
  EXPECT_FALSE(m.route_tables[lab.main_route_table].synthesized);
  EXPECT_EQ(other.main_route_table, IndexOf(m.route_tables, "other-main"));
  EXPECT_TRUE(m.route_tables[other.main_route_table].synthesized);
  EXPECT_TRUE(m.route_tables[other.main_route_table].main);
  EXPECT_TRUE(std::none_of(m.route_tables.begin(), m.route_tables.end(),
                           [](const RouteTable& t) { return t.id == "lab-main"; }));
  // other writes its default NACL; lab gets the allow-all one.
  EXPECT_EQ(other.default_network_acl, IndexOf(m.network_acls, "locked"));
  const NetworkAcl& lab_default = m.network_acls[lab.default_network_acl];
  EXPECT_EQ(lab_default.id, "lab-default-nacl");
  EXPECT_TRUE(lab_default.synthesized);
  EXPECT_TRUE(lab_default.is_default);
  ASSERT_EQ(lab_default.ingress.size(), 1u);
  EXPECT_EQ(lab_default.ingress[0].number, 100);
  EXPECT_TRUE(lab_default.ingress[0].allow);
  EXPECT_EQ(lab_default.ingress[0].protocol, kAllProtocols);
  EXPECT_EQ(lab_default.ingress[0].cidr, (Cidr{0, 0}));
  EXPECT_EQ(lab_default.egress.size(), 1u);
  EXPECT_TRUE(Get(m.network_acls, "locked").ingress.empty());
  EXPECT_TRUE(Get(m.network_acls, "locked").egress.empty());
  EXPECT_EQ(m.network_acls.size(), 3u);
  // Every VPC gets its default security group.
  const SecurityGroup& sg = m.security_groups[lab.default_security_group];
  EXPECT_EQ(sg.id, "lab-default-sg");
  EXPECT_TRUE(sg.synthesized);
  ASSERT_EQ(sg.ingress.size(), 1u);
  EXPECT_EQ(sg.ingress[0].peer, PeerKind::kSecurityGroup);
  EXPECT_EQ(sg.ingress[0].peer_index, lab.default_security_group);
  EXPECT_EQ(sg.ingress[0].protocol, kAllProtocols);
  ASSERT_EQ(sg.egress.size(), 1u);
  EXPECT_TRUE(sg.egress[0].implicit);
  EXPECT_EQ(sg.egress[0].cidr, (Cidr{0, 0}));
  EXPECT_EQ(m.security_groups[other.default_security_group].id, "other-default-sg");
}

TEST(ScenarioLoaderTest, FullScenarioSubnetsResolveTablesAndAcls) {
  Model m = LoadValid(kFull);
  const Subnet& public_a = Get(m.subnets, "public-a");
  EXPECT_EQ(public_a.vpc, IndexOf(m.vpcs, "lab"));
  EXPECT_EQ(public_a.az, "us-east-1a");
  EXPECT_EQ(public_a.route_table, IndexOf(m.route_tables, "public"));
  EXPECT_EQ(public_a.network_acl, IndexOf(m.network_acls, "lab-default-nacl"));
  const Subnet& private_a = Get(m.subnets, "private-a");
  EXPECT_EQ(private_a.az, "us-east-1a");
  EXPECT_EQ(private_a.cidr.ToString(), "10.1.16.0/20");
  EXPECT_EQ(private_a.network_acl, IndexOf(m.network_acls, "private-nacl"));
  EXPECT_EQ(Get(m.subnets, "private-b").az, "us-east-1b");
  const Subnet& other_a = Get(m.subnets, "other-a");
  EXPECT_EQ(other_a.route_table, IndexOf(m.route_tables, "other-main"));
  EXPECT_EQ(other_a.network_acl, IndexOf(m.network_acls, "locked"));
}

TEST(ScenarioLoaderTest, FullScenarioRoutesIncludeImplicitLocalAndEndpointRoutes) {
  Model m = LoadValid(kFull);
  EXPECT_EQ(Routes(m, "public"),
            (std::vector<std::string>{"10.1.0.0/16 -> local (implicit)",
                                      "10.2.0.0/16 -> local (implicit)", "0.0.0.0/0 -> igw",
                                      "corp -> appliance", "192.0.2.0/24 -> blackhole"}));
  EXPECT_EQ(Routes(m, "private"),
            (std::vector<std::string>{
                "10.1.0.0/16 -> local (implicit)", "10.2.0.0/16 -> local (implicit)",
                "pl-s3 -> s3-gw (implicit)", "0.0.0.0/0 -> nat-a", "10.1.0.0/24 -> local"}));
  EXPECT_EQ(
      Routes(m, "lab-main-table"),
      (std::vector<std::string>{"10.1.0.0/16 -> local (implicit)",
                                "10.2.0.0/16 -> local (implicit)", "pl-s3 -> s3-gw (implicit)"}));
  EXPECT_EQ(Routes(m, "other-main"), std::vector<std::string>{"10.9.0.0/16 -> local (implicit)"});

  const std::vector<Route>& pub = Get(m.route_tables, "public").routes;
  EXPECT_EQ(pub[2].target, RouteTarget::kInternetGateway);
  EXPECT_EQ(pub[2].target_index, IndexOf(m.internet_gateways, "igw"));
  EXPECT_EQ(pub[3].target, RouteTarget::kEni);
  EXPECT_EQ(pub[3].target_index, IndexOf(m.enis, "appliance"));
  EXPECT_EQ(pub[3].destination_prefix_list, m.FindPrefixList("corp"));
  EXPECT_EQ(pub[4].target, RouteTarget::kBlackhole);
  EXPECT_EQ(pub[4].target_index, kNone);
  EXPECT_EQ(pub[2].location.line, 21);
  const std::vector<Route>& priv = Get(m.route_tables, "private").routes;
  EXPECT_EQ(priv[0].target, RouteTarget::kLocal);
  EXPECT_EQ(priv[2].target, RouteTarget::kGatewayEndpoint);
  EXPECT_EQ(priv[2].target_index, IndexOf(m.vpc_endpoints, "s3-gw"));
  EXPECT_EQ(priv[2].destination_prefix_list, m.FindPrefixList("pl-s3"));
  EXPECT_EQ(priv[3].target, RouteTarget::kNatGateway);
  EXPECT_EQ(priv[3].target_index, IndexOf(m.nat_gateways, "nat-a"));
}

TEST(ScenarioLoaderTest, FullScenarioEndpointsAndPrefixLists) {
  Model m = LoadValid(kFull);
  const VpcEndpoint& gw = Get(m.vpc_endpoints, "s3-gw");
  EXPECT_EQ(gw.type, EndpointType::kGateway);
  EXPECT_EQ(gw.service, "s3");
  EXPECT_EQ(gw.prefix_list, m.FindPrefixList("pl-s3"));
  EXPECT_EQ(gw.route_tables, (std::vector<Index>{IndexOf(m.route_tables, "private"),
                                                 IndexOf(m.route_tables, "lab-main-table")}));
  const VpcEndpoint& api = Get(m.vpc_endpoints, "api");
  EXPECT_EQ(api.type, EndpointType::kInterface);
  EXPECT_EQ(api.service, "sagemaker.api");
  EXPECT_EQ(api.subnets,
            (std::vector<Index>{IndexOf(m.subnets, "private-a"), IndexOf(m.subnets, "private-b")}));
  EXPECT_EQ(api.security_groups, std::vector<Index>{IndexOf(m.security_groups, "endpoints")});
  ASSERT_EQ(api.enis.size(), 2u);
  const Eni& eni1 = m.enis[api.enis[1]];
  EXPECT_EQ(eni1.id, "api/eni-1");
  EXPECT_EQ(eni1.owner, EniOwner::kInterfaceEndpoint);
  EXPECT_EQ(eni1.owner_index, IndexOf(m.vpc_endpoints, "api"));
  EXPECT_EQ(eni1.subnet, IndexOf(m.subnets, "private-b"));
  EXPECT_EQ(eni1.security_groups, api.security_groups);

  const PrefixList& corp = Get(m.prefix_lists, "corp");
  EXPECT_FALSE(corp.aws_managed);
  EXPECT_EQ(corp.cidrs.size(), 2u);
  const PrefixList& s3 = Get(m.prefix_lists, "pl-s3");
  EXPECT_TRUE(s3.aws_managed);
  EXPECT_EQ(s3.cidrs, m.FindService("s3")->cidrs);
  EXPECT_TRUE(Get(m.prefix_lists, "pl-dynamodb").aws_managed);
  EXPECT_EQ(m.prefix_lists.size(), 3u);
}

TEST(ScenarioLoaderTest, FullScenarioNaclRulesAreSortedByNumber) {
  Model m = LoadValid(kFull);
  const NetworkAcl& acl = Get(m.network_acls, "private-nacl");
  EXPECT_FALSE(acl.is_default);
  ASSERT_EQ(acl.ingress.size(), 2u);
  EXPECT_EQ(acl.ingress[0].number, 100);
  EXPECT_EQ(acl.ingress[0].protocol, kTcp);
  EXPECT_EQ(acl.ingress[0].ports, (PortRange{1024, 65535}));
  EXPECT_EQ(acl.ingress[0].location.line, 41);
  EXPECT_EQ(acl.ingress[1].number, 200);
  EXPECT_FALSE(acl.ingress[1].allow);
  EXPECT_EQ(acl.ingress[1].protocol, kUdp);
  EXPECT_EQ(acl.ingress[1].ports, (PortRange{53, 53}));
  ASSERT_EQ(acl.egress.size(), 1u);
  EXPECT_TRUE(acl.egress[0].ports.IsAll());
}

TEST(ScenarioLoaderTest, FullScenarioSecurityGroupRules) {
  Model m = LoadValid(kFull);
  const SecurityGroup& pip = Get(m.security_groups, "pip");
  EXPECT_TRUE(pip.ingress.empty());
  ASSERT_EQ(pip.egress.size(), 1u);
  EXPECT_FALSE(pip.egress[0].implicit);
  EXPECT_EQ(pip.egress[0].ports, (PortRange{443, 443}));
  EXPECT_EQ(pip.egress[0].description, "https out");
  // `egress: []` means no egress at all; no `egress:` key means AWS's allow-all rule.
  EXPECT_TRUE(Get(m.security_groups, "silent").egress.empty());
  const SecurityGroup& endpoints = Get(m.security_groups, "endpoints");
  ASSERT_EQ(endpoints.egress.size(), 1u);
  EXPECT_TRUE(endpoints.egress[0].implicit);
  EXPECT_EQ(endpoints.egress[0].protocol, kAllProtocols);
  EXPECT_EQ(endpoints.egress[0].peer, PeerKind::kCidr);
  EXPECT_EQ(endpoints.egress[0].cidr, (Cidr{0, 0}));
  EXPECT_EQ(endpoints.ingress[0].peer_index, IndexOf(m.security_groups, "pip"));
  const SecurityGroup& ssh = Get(m.security_groups, "ssh");
  ASSERT_EQ(ssh.ingress.size(), 2u);
  EXPECT_EQ(ssh.ingress[0].peer, PeerKind::kPrefixList);
  EXPECT_EQ(ssh.ingress[0].peer_index, m.FindPrefixList("corp"));
  EXPECT_EQ(ssh.ingress[1].protocol, kIcmp);
  EXPECT_EQ(ssh.ingress[1].peer_index, IndexOf(m.security_groups, "ssh"));
  const SecurityGroup& training = Get(m.security_groups, "training-sg");
  EXPECT_EQ(training.ingress[0].protocol, kEsp);
  EXPECT_EQ(training.ingress[1].protocol, kAllProtocols);
  EXPECT_EQ(training.ingress[1].peer_index, m.FindPrefixList("pl-s3"));
}

TEST(ScenarioLoaderTest, FullScenarioEnisAndSageMaker) {
  Model m = LoadValid(kFull);
  const Eni& appliance = Get(m.enis, "appliance");
  EXPECT_FALSE(appliance.source_dest_check);
  EXPECT_EQ(appliance.owner, EniOwner::kNone);
  EXPECT_EQ(appliance.security_groups, std::vector<Index>{IndexOf(m.security_groups, "ssh")});
  const Eni& bastion = Get(m.enis, "bastion");
  EXPECT_TRUE(bastion.source_dest_check);
  ASSERT_TRUE(bastion.public_ip);
  EXPECT_EQ(Ip(*bastion.public_ip), "54.0.0.1");
  EXPECT_EQ(bastion.security_groups.size(), 2u);
  EXPECT_FALSE(Get(m.enis, "plain").public_ip);
  EXPECT_EQ(Get(m.enis, "plain").security_groups,
            std::vector<Index>{IndexOf(m.security_groups, "other-default-sg")});

  const NotebookInstance& notebook = Get(m.notebooks, "notebook");
  EXPECT_FALSE(notebook.direct_internet_access);
  EXPECT_FALSE(notebook.root_access);
  EXPECT_EQ(notebook.kms_key_id, "alias/lab");
  EXPECT_EQ(notebook.subnet, IndexOf(m.subnets, "private-a"));
  ASSERT_NE(notebook.eni, kNone);
  EXPECT_EQ(m.enis[notebook.eni].id, "notebook");
  EXPECT_EQ(m.enis[notebook.eni].owner, EniOwner::kNotebook);
  EXPECT_EQ(m.enis[notebook.eni].security_groups, notebook.security_groups);
  const NotebookInstance& hosted = Get(m.notebooks, "hosted");
  EXPECT_TRUE(hosted.direct_internet_access);
  EXPECT_TRUE(hosted.root_access);
  EXPECT_EQ(hosted.subnet, kNone);
  EXPECT_EQ(hosted.eni, kNone);

  const TrainingJob& training = Get(m.training_jobs, "training");
  EXPECT_EQ(training.instance_count, 3);
  EXPECT_TRUE(training.network_isolation);
  EXPECT_TRUE(training.inter_container_encryption);
  ASSERT_EQ(training.enis.size(), 3u);
  // Round-robin over the job's subnets.
  std::vector<std::string> placement;
  for (Index e : training.enis) {
    placement.push_back(m.enis[e].id + "@" + m.subnets[m.enis[e].subnet].id);
    EXPECT_EQ(m.enis[e].owner, EniOwner::kTrainingJob);
    EXPECT_EQ(m.enis[e].security_groups,
              std::vector<Index>{IndexOf(m.security_groups, "training-sg")});
  }
  EXPECT_EQ(placement, (std::vector<std::string>{"training[0]@private-a", "training[1]@private-b",
                                                 "training[2]@private-a"}));
  const TrainingJob& solo = Get(m.training_jobs, "solo");
  EXPECT_EQ(solo.instance_count, 1);
  EXPECT_TRUE(solo.subnets.empty());
  EXPECT_TRUE(solo.enis.empty());
}

TEST(ScenarioLoaderTest, FullScenarioAddressesSkipReservedAndWrittenOnes) {
  Model m = LoadValid(kFull);
  // Order: NAT gateways, interface endpoint ENIs, ENIs, notebooks, training instances.
  EXPECT_EQ(Ip(Get(m.nat_gateways, "nat-a").private_ip), "10.1.0.4");
  EXPECT_TRUE(Get(m.nat_gateways, "nat-a").private_ip_assigned);
  EXPECT_EQ(Ip(Get(m.nat_gateways, "nat-a").public_ip), "52.0.0.10");
  EXPECT_EQ(Ip(Get(m.enis, "api/eni-0").private_ip), "10.1.16.4");
  EXPECT_EQ(Ip(Get(m.enis, "api/eni-1").private_ip), "10.2.0.4");
  EXPECT_EQ(Ip(Get(m.enis, "appliance").private_ip), "10.1.0.5");
  EXPECT_FALSE(Get(m.enis, "appliance").private_ip_assigned);
  EXPECT_EQ(Ip(Get(m.enis, "bastion").private_ip), "10.1.0.6");  // .4 NAT, .5 written
  EXPECT_TRUE(Get(m.enis, "bastion").private_ip_assigned);
  EXPECT_EQ(Ip(Get(m.enis, "plain").private_ip), "10.9.0.4");
  EXPECT_EQ(Ip(Get(m.enis, "notebook").private_ip), "10.1.16.5");
  EXPECT_EQ(Ip(Get(m.enis, "training[0]").private_ip), "10.1.16.6");
  EXPECT_EQ(Ip(Get(m.enis, "training[1]").private_ip), "10.2.0.5");
  EXPECT_EQ(Ip(Get(m.enis, "training[2]").private_ip), "10.1.16.7");
}

TEST(ScenarioLoaderTest, FullScenarioServicesOverrideAndAdd) {
  Model m = LoadValid(kFull);
  const Service* pypi = m.FindService("pypi");
  ASSERT_NE(pypi, nullptr);
  EXPECT_EQ(pypi->cidrs.size(), 2u);
  EXPECT_EQ(pypi->cidrs[1].ToString(), "199.232.0.0/16");
  EXPECT_EQ(pypi->ports, std::vector<PortRange>{(PortRange{443, 443})}) << "ports kept";
  EXPECT_EQ(pypi->origin, "defined in s.yaml");
  EXPECT_EQ(pypi->location.line, 5);
  const Service* github = m.FindService("github");
  ASSERT_NE(github, nullptr);
  EXPECT_FALSE(github->has_gateway_endpoint);
  EXPECT_EQ(github->ports, (std::vector<PortRange>{{443, 443}, {9418, 9418}, {1024, 2048}}));
  EXPECT_NE(m.FindService("s3"), nullptr);
  EXPECT_EQ(m.FindService("s3")->origin,
            "the S3 prefixes of us-east-1 in AWS ip-ranges.json of 2026-01-12 17:08:04 UTC "
            "(syncToken 1768237684), also taken as the AWS-managed prefix list "
            "com.amazonaws.us-east-1.s3");
}

TEST(ScenarioLoaderTest, FullScenarioExpectations) {
  Model m = LoadValid(kFull);
  ASSERT_EQ(m.expectations.size(), 2u);
  const Expectation& first = m.expectations[0];
  EXPECT_EQ(first.name, "notebook reaches pypi");
  EXPECT_EQ(first.from, "notebook");
  EXPECT_EQ(first.to, "pypi");
  EXPECT_EQ(first.protocol, kTcp);
  EXPECT_EQ(first.ports, (PortRange{443, 443}));
  EXPECT_EQ(first.src_ports, (PortRange{1024, 65535}));
  EXPECT_EQ(first.reachable, true);
  EXPECT_EQ(first.via, (std::vector<std::string>{"nat-a", "nat_gateway"}));
  EXPECT_EQ(first.avoid, std::vector<std::string>{"s3-gw"});
  EXPECT_EQ(first.location.line, 69);
  EXPECT_EQ(first.location.column, 5);
  EXPECT_EQ(first.from_location.line, 70);
  EXPECT_EQ(first.from_location.column, 11);
  EXPECT_EQ(first.to_location.line, 71);
  const Expectation& second = m.expectations[1];
  EXPECT_EQ(second.from, "training[2]");
  EXPECT_EQ(second.to, "");
  EXPECT_EQ(second.only_to, (std::vector<std::string>{"training", "10.1.0.0/16", "10.1.0.5"}));
  EXPECT_EQ(second.reachable, std::nullopt);
  EXPECT_EQ(second.protocol, kAllProtocols);
  EXPECT_EQ(second.ports, std::nullopt);
  EXPECT_EQ(second.to_location.line, 78);
}

TEST(ScenarioLoaderTest, IcmpTypesAndCodesOfRulesAndExpectations) {
  Model m = LoadValid(R"(vpcreach: 1
vpcs: {lab: {cidr: 10.1.0.0/16}}
subnets: {a: {vpc: lab, cidr: 10.1.0.0/24, az: a}}
network_acls:
  acl:
    vpc: lab
    ingress:
      - {rule: 10, action: deny, protocol: icmp, icmp_type: 8, cidr: 0.0.0.0/0}
      - {rule: 20, action: allow, protocol: icmp, icmp_type: 3, icmp_code: 4, cidr: 0.0.0.0/0}
      - {rule: 30, action: allow, protocol: 1, icmp_type: -1, icmp_code: -1, cidr: 0.0.0.0/0}
security_groups:
  web:
    vpc: lab
    ingress:
      - {protocol: icmp, icmp_type: 8, cidr: 10.0.0.0/8}
      - {protocol: icmp, cidr: 10.0.0.0/8}
enis: {web: {subnet: a, security_groups: [web]}}
expect:
  - {name: ping, from: a, to: web, protocol: icmp, icmp_type: 8, icmp_code: 0, reachable: true}
  - {name: any echo, from: a, to: web, protocol: icmp, icmp_type: 8, reachable: true}
  - {name: code 0 of any type, from: a, to: web, protocol: icmp, icmp_code: 0, reachable: true}
  - {name: all icmp, from: a, to: web, protocol: icmp, reachable: true}
)");
  const NetworkAcl& acl = Get(m.network_acls, "acl");
  ASSERT_EQ(acl.ingress.size(), 3u);
  EXPECT_EQ(acl.ingress[0].icmp, (IcmpTypeCode{8, kAllIcmp}));
  EXPECT_EQ(acl.ingress[1].icmp, (IcmpTypeCode{3, 4}));
  EXPECT_EQ(acl.ingress[2].protocol, kIcmp);
  EXPECT_TRUE(acl.ingress[2].icmp.IsAll());
  const SecurityGroup& web = Get(m.security_groups, "web");
  EXPECT_EQ(web.ingress[0].icmp, (IcmpTypeCode{8, kAllIcmp}));
  EXPECT_TRUE(web.ingress[1].icmp.IsAll());
  ASSERT_EQ(m.expectations.size(), 4u);
  EXPECT_EQ(m.expectations[0].icmp, (IcmpTypeCode{8, 0}));
  EXPECT_EQ(m.expectations[1].icmp, (IcmpTypeCode{8, kAllIcmp}));
  EXPECT_EQ(m.expectations[2].icmp, (IcmpTypeCode{kAllIcmp, 0}));  // a question may ask this
  EXPECT_TRUE(m.expectations[3].icmp.IsAll());
}

// ---------------------------------------------------------------------------------------------
// Smaller valid scenarios

TEST(ScenarioLoaderTest, MinimalScenarioHasDefaults) {
  Model m = LoadValid("vpcreach: 1\n");
  EXPECT_EQ(m.region, "us-east-1");
  EXPECT_EQ(m.name, "");
  EXPECT_TRUE(m.vpcs.empty());
  EXPECT_NE(m.FindService("s3"), nullptr);
  EXPECT_EQ(m.FindPrefixList("pl-s3"), 0u);
}

TEST(ScenarioLoaderTest, EmptySectionsAreAllowed) {
  Model m = LoadValid("vpcreach: 1\nvpcs:\nsubnets: {}\nexpect: []\n");
  EXPECT_TRUE(m.subnets.empty());
}

TEST(ScenarioLoaderTest, RegionDecidesAzsAndCatalog) {
  Model m = LoadValid(R"(vpcreach: 1
region: eu-west-3
vpcs: {lab: {cidr: 10.1.0.0/16}}
subnets: {a: {vpc: lab, cidr: 10.1.0.0/24, az: eu-west-3c}, b: {vpc: lab, cidr: 10.1.1.0/24, az: b}}
)");
  EXPECT_EQ(m.subnets[0].az, "eu-west-3c");
  EXPECT_EQ(m.subnets[1].az, "eu-west-3b");
  // eu-west-3's own S3 ranges (ip-ranges.json), not us-east-1's, also as its prefix list.
  const Service* s3 = m.FindService("s3");
  ASSERT_NE(s3, nullptr);
  EXPECT_TRUE(s3->Addresses().Contains(*ParseIpv4("52.95.154.1")));
  EXPECT_FALSE(s3->Addresses().Contains(*ParseIpv4("52.216.10.20")));
  Index pl = m.FindPrefixList("pl-s3");
  ASSERT_NE(pl, kNone);
  EXPECT_EQ(m.prefix_lists[pl].cidrs, s3->cidrs);
}

TEST(ScenarioLoaderTest, ARegionTheSnapshotDoesNotListHasNoS3) {
  Model m = LoadValid(R"(vpcreach: 1
region: zz-test-1
vpcs: {lab: {cidr: 10.1.0.0/16}}
subnets: {a: {vpc: lab, cidr: 10.1.0.0/24, az: c}}
)");
  EXPECT_EQ(m.subnets[0].az, "zz-test-1c");
  EXPECT_EQ(m.FindService("s3"), nullptr);
  EXPECT_EQ(m.FindService("dynamodb"), nullptr);
  EXPECT_EQ(m.FindPrefixList("pl-s3"), kNone);
}

TEST(ScenarioLoaderTest, S3DefinedInARegionWithoutCatalogGetsAGatewayEndpoint) {
  Model m = LoadValid(R"(vpcreach: 1
region: zz-test-1
services: {s3: {cidrs: [52.95.154.0/23]}}
vpcs: {lab: {cidr: 10.1.0.0/16}}
vpc_endpoints: {s3-gw: {vpc: lab, service: s3, route_tables: [lab-main]}}
)");
  EXPECT_TRUE(m.FindService("s3")->has_gateway_endpoint);
  Index pl = m.FindPrefixList("pl-s3");
  ASSERT_NE(pl, kNone);
  EXPECT_EQ(m.prefix_lists[pl].cidrs[0].ToString(), "52.95.154.0/23");
  EXPECT_EQ(m.route_tables[0].routes.back().destination_prefix_list, pl);
}

TEST(ScenarioLoaderTest, WrittenAddressesAreReservedBeforeAnyIsChosen) {
  // The notebook writes .4, which the ENI written earlier in the file must not take.
  Model m = LoadValid(R"(vpcreach: 1
vpcs: {lab: {cidr: 10.1.0.0/16}}
subnets: {a: {vpc: lab, cidr: 10.1.0.0/28, az: a}}
enis: {first: {subnet: a}}
sagemaker: {notebook_instances: {nb: {subnet: a, security_groups: [lab-default-sg], private_ip: 10.1.0.4}}}
)");
  EXPECT_EQ(Ip(Get(m.enis, "first").private_ip), "10.1.0.5");
  EXPECT_EQ(Ip(Get(m.enis, "nb").private_ip), "10.1.0.4");
  EXPECT_FALSE(Get(m.enis, "nb").private_ip_assigned);
}

TEST(ScenarioLoaderTest, MultipleFilesMergeIntoOneModel) {
  LoadResult result = LoadScenarioTexts({
      {"network.yaml",
       "vpcreach: 1\nname: lab\nregion: us-west-2\n"
       "vpcs: {lab: {cidr: 10.1.0.0/16}}\n"
       "expect: [{name: one, from: a, to: internet, reachable: true}]\n"},
      {"workloads.yaml",
       "vpcreach: 1\nname: ignored\n"
       "subnets: {a: {vpc: lab, cidr: 10.1.0.0/24, az: b}}\n"
       "expect: [{name: two, from: a, to: s3, reachable: false}]\n"},
  });
  ASSERT_TRUE(result.ok()) << result.diagnostics.Format();
  const Model& m = result.model;
  EXPECT_EQ(m.CheckInvariants(), "");
  EXPECT_EQ(m.files, (std::vector<std::string>{"network.yaml", "workloads.yaml"}));
  EXPECT_EQ(m.name, "lab");
  EXPECT_EQ(m.region, "us-west-2");
  EXPECT_EQ(m.subnets[0].az, "us-west-2b");
  ASSERT_EQ(m.expectations.size(), 2u);
  EXPECT_EQ(m.expectations[0].name, "one");
  EXPECT_EQ(m.expectations[1].name, "two");
  EXPECT_EQ(m.expectations[1].location.file, "workloads.yaml");
}

TEST(ScenarioLoaderTest, LoadsFilesFromDisk) {
  std::string dir = std::string(VPCREACH_SOURCE_DIR) + "/tests/fixtures/loader/";
  LoadResult result = LoadScenarioFiles({dir + "network.yaml", dir + "workloads.yaml"});
  ASSERT_TRUE(result.ok()) << result.diagnostics.Format();
  EXPECT_EQ(result.model.CheckInvariants(), "");
  EXPECT_EQ(result.model.files.size(), 2u);
  EXPECT_EQ(Ip(Get(result.model.enis, "worker").private_ip), "10.1.0.4");
}

// ---------------------------------------------------------------------------------------------
// File-level problems

TEST(ScenarioLoaderErrorTest, UnreadableFile) {
  LoadResult result = LoadScenarioFiles({"/nonexistent/scenario.yaml"});
  EXPECT_EQ(Headlines(result),
            std::vector<std::string>{"/nonexistent/scenario.yaml: cannot read file: No such file "
                                     "or directory"});
}

TEST(ScenarioLoaderErrorTest, DirectoryIsNotAFile) {
  std::string dir = std::string(VPCREACH_SOURCE_DIR) + "/tests/fixtures/loader";
  EXPECT_EQ(Headlines(LoadScenarioFiles({dir})),
            std::vector<std::string>{
                dir + ": cannot read file: a folder without describe-* JSON files (nor in its "
                      "aws_configs/, accounts/<id>/ or <region>/ folders); collect a snapshot "
                      "with scripts/collect-snapshot.sh"});
}

TEST(ScenarioLoaderErrorTest, YamlSyntaxErrorHasLineAndColumn) {
  EXPECT_EQ(OnlyProblem("vpcreach: 1\nvpcs: {lab: {cidr: 10.1.0.0/16}\nsubnets: {}\n"),
            "s.yaml:3:1: invalid YAML: did not find expected ',' or '}' while parsing a flow "
            "mapping at line 2");
}

TEST(ScenarioLoaderErrorTest, BadIndentation) {
  EXPECT_EQ(OnlyProblem("vpcreach: 1\nvpcs:\n  lab:\n    cidr: 10.1.0.0/16\n   flow_logs: true\n"),
            "s.yaml:5:4: invalid YAML: did not find expected key while parsing a block mapping at "
            "line 3");
}

// YAML forbids tabs in indentation; the caret points at the tab.
TEST(ScenarioLoaderErrorTest, TabIndentation) {
  LoadResult result = Load("vpcreach: 1\nvpcs:\n\tlab: {cidr: 10.1.0.0/16}\n");
  EXPECT_EQ(result.diagnostics.Format(),
            "s.yaml:3:1: invalid YAML: found character that cannot start any token while "
            "scanning for the next token\n"
            "    \tlab: {cidr: 10.1.0.0/16}\n"
            "    ^\n");
}

// Not YAML at all: one located error each (yaml-cpp 0.7 allocated without end on `, x`).
TEST(ScenarioLoaderErrorTest, GarbageIsALocatedError) {
  EXPECT_EQ(OnlyProblem(", x\n"),
            "s.yaml:1:1: invalid YAML: did not find expected node content "
            "while parsing a block node");
  EXPECT_EQ(OnlyProblem("vpcreach: 1\n}\n"),
            "s.yaml:2:1: invalid YAML: did not find expected key while parsing a block mapping at "
            "line 1");
  EXPECT_EQ(OnlyProblem("\x89PNG\r\n\x1a\n"),
            "s.yaml:1:1: invalid YAML: invalid leading UTF-8 octet (0x89)");
}

// The shapes a mutation run of the bundled scenarios produced: a byte mangled inside a key or a
// value (invalid UTF-8, located at the byte), a brace inside a flow value, a flow mapping left
// open. Each is one located error (an ASan build could not start under the run's 2 GB address
// limit; the release binary answered each with exit 2).
TEST(ScenarioLoaderErrorTest, MutatedScenariosAreLocatedErrors) {
  EXPECT_EQ(OnlyProblem("vpcreach: 1\nvpcs:\n  lab: {c\xa4"
                        "dr: 10.1.0.0/16}\n"),
            "s.yaml:3:10: invalid YAML: invalid leading UTF-8 octet (0xA4)");
  EXPECT_EQ(
      OnlyProblem("vpcreach: 1\nnetwork_acls:\n  a: {ingress: [{rule: 99, action: all{ow}]}\n"),
      "s.yaml:3:39: invalid YAML: did not find expected ',' or '}' while parsing a flow "
      "mapping");
  EXPECT_EQ(OnlyProblem("vpcreach: 1\nsecurity_groups:\n  pip: {vpc: lab,\n  web:\n"),
            "s.yaml:5:1: invalid YAML: did not find expected node content while parsing a flow "
            "node");
  // A flow mapping opened where a block key belongs; a flow sequence left open over block lines.
  EXPECT_EQ(OnlyProblem("vpcreach: 1\nroute_tables:\n  private:\n    vpc: lab\n    {routes:\n"
                        "      - {destination: 0.0.0.0/0, target: nat-a}\n"),
            "s.yaml:6:7: invalid YAML: could not find expected ':' while scanning a simple key at "
            "line 5");
  EXPECT_EQ(OnlyProblem("vpcreach: 1\nvpc_endpoints:\n  s3-gw: {vpc: lab, route_tables: [prils:\n"
                        "  public:\n    vpc: lab\n"),
            "s.yaml:4:9: invalid YAML: did not find expected ',' or ']' while parsing a flow "
            "sequence at line 3");
}

// An alias reads as the value its anchor names, located where the anchor wrote it.
TEST(ScenarioLoaderTest, AliasesReuseValues) {
  Model m = LoadValid(
      "vpcreach: 1\nvpcs: {lab: {cidr: 10.1.0.0/16}}\nsecurity_groups:\n"
      "  a: {vpc: lab, egress: &web [{protocol: tcp, ports: 443, cidr: 0.0.0.0/0}]}\n"
      "  b: {vpc: lab, egress: *web}\n");
  const SecurityGroup& b = Get(m.security_groups, "b");
  ASSERT_EQ(b.egress.size(), 1u);
  EXPECT_EQ(b.egress[0].ports.from, 443);
  EXPECT_EQ(b.egress[0].location.line, 4);
}

TEST(ScenarioLoaderErrorTest, AliasWithoutAnchor) {
  EXPECT_EQ(OnlyProblem("vpcreach: 1\nvpcs: {lab: {cidr: 10.1.0.0/16}}\nsecurity_groups:\n"
                        "  b: {vpc: lab, egress: *web}\n"),
            "s.yaml:4:25: alias *web names no anchor &web written before it in this document");
}

TEST(ScenarioLoaderErrorTest, SecondDocument) {
  EXPECT_EQ(OnlyProblem("vpcreach: 1\n---\nvpcreach: 1\n"),
            "s.yaml:3:1: a scenario file holds one YAML document; move this one into a file of "
            "its own");
}

TEST(ScenarioLoaderErrorTest, DocumentIsNotAMapping) {
  EXPECT_EQ(OnlyProblem("- vpcreach: 1\n"), "s.yaml:1:1: expected a mapping, got a sequence");
}

TEST(ScenarioLoaderErrorTest, MissingVersion) {
  EXPECT_EQ(OnlyProblem("# nothing but a name\nname: lab\n"),
            "s.yaml:2:1: missing required key 'vpcreach' (the format version); add 'vpcreach: 1'");
}

TEST(ScenarioLoaderErrorTest, EmptyFileMissesTheVersion) {
  EXPECT_EQ(OnlyProblem(""),
            "s.yaml:1:1: missing required key 'vpcreach' (the format version); add 'vpcreach: 1'");
}

TEST(ScenarioLoaderErrorTest, UnsupportedVersion) {
  EXPECT_EQ(OnlyProblem("vpcreach: 2\n"),
            "s.yaml:1:11: vpcreach: unsupported format version 2; this vpcreach reads version 1");
}

TEST(ScenarioLoaderErrorTest, VersionIsNotAnInteger) {
  EXPECT_EQ(OnlyProblem("vpcreach: one\n"),
            "s.yaml:1:11: vpcreach: expected an integer, got 'one'");
}

// `stacks:` is read (tests/cloudformation/stack_mapper_test.cc); an entry needs its template.
TEST(ScenarioLoaderErrorTest, StackEntryNeedsATemplate) {
  EXPECT_EQ(OnlyProblem("vpcreach: 1\nstacks:\n  - name: vpc\n"),
            "s.yaml:3:5: stacks[0]: missing required key 'template'");
}

TEST(ScenarioLoaderErrorTest, ImportEntryNamesOneInput) {
  EXPECT_EQ(OnlyProblem("vpcreach: 1\nimport: [{aws_snapshot: a, terraform: b}]\n"),
            "s.yaml:2:10: import[0]: an import names one input: {aws_snapshot: FOLDER} or "
            "{terraform: FILE}");
}

TEST(ScenarioLoaderErrorTest, ImportEntriesNameWhatTheyImport) {
  EXPECT_EQ(OnlyProblem("vpcreach: 1\nimport: [plan.json]\n"),
            "s.yaml:2:10: import[0]: an import names its kind: write '- terraform: plan.json' "
            "for a `terraform show -json` document");
  EXPECT_EQ(OnlyProblem("vpcreach: 1\nimport:\n  - terraform: missing-plan.json\n"),
            "s.yaml:3:16: import[0].terraform: cannot read Terraform document missing-plan.json: "
            "No such file or directory");
}

TEST(ScenarioLoaderErrorTest, UnknownTopLevelKeySuggests) {
  EXPECT_EQ(OnlyProblem("vpcreach: 1\nsubnet: {}\n"),
            "s.yaml:2:1: subnet: unknown key 'subnet'; did you mean 'subnets'?");
}

TEST(ScenarioLoaderErrorTest, BadRegion) {
  EXPECT_EQ(OnlyProblem("vpcreach: 1\nregion: useast1\n"),
            "s.yaml:2:9: region: expected a region such as us-east-1, got 'useast1'");
}

TEST(ScenarioLoaderErrorTest, RegionsOfFilesMustAgree) {
  LoadResult result = LoadScenarioTexts({{"a.yaml", "vpcreach: 1\nregion: us-east-1\n"},
                                         {"b.yaml", "vpcreach: 1\nregion: eu-west-1\n"}});
  EXPECT_EQ(Headlines(result),
            std::vector<std::string>{"b.yaml:2:9: region: region eu-west-1 does not match region "
                                     "us-east-1 at a.yaml:2:9; all files must use one region"});
}

TEST(ScenarioLoaderErrorTest, DuplicateIdAcrossFiles) {
  LoadResult result =
      LoadScenarioTexts({{"a.yaml", "vpcreach: 1\nvpcs: {lab: {cidr: 10.1.0.0/16}}\n"},
                         {"b.yaml", "vpcreach: 1\nvpcs:\n  lab: {cidr: 10.2.0.0/16}\n"}});
  EXPECT_EQ(Headlines(result),
            std::vector<std::string>{
                "b.yaml:3:3: vpcs.lab: id 'lab' is already used by the vpc at a.yaml:2:8"});
}

// ---------------------------------------------------------------------------------------------
// Structure: keys and types

constexpr char kLab[] = "vpcreach: 1\nvpcs: {lab: {cidr: 10.1.0.0/16}}\n";

TEST(ScenarioLoaderErrorTest, UnknownKeySuggestsAndDoesNotAlsoReportItMissing) {
  EXPECT_EQ(
      OnlyProblem(std::string(kLab) + "subnets:\n  a: {vpc: lab, cider: 10.1.0.0/24, az: a}\n"),
      "s.yaml:4:17: subnets.a.cider: unknown key 'cider'; did you mean 'cidr'?");
}

TEST(ScenarioLoaderErrorTest, UnknownKeyListsTheAllowedKeys) {
  EXPECT_EQ(OnlyProblem(std::string(kLab) +
                        "subnets:\n  a: {vpc: lab, cidr: 10.1.0.0/24, az: a, foo: 1}\n"),
            "s.yaml:4:43: subnets.a.foo: unknown key 'foo'; expected one of: cidr, vpc, az, "
            "route_table, network_acl, map_public_ip_on_launch");
}

TEST(ScenarioLoaderErrorTest, DuplicateKey) {
  EXPECT_EQ(
      OnlyProblem("vpcreach: 1\nvpcs:\n  lab:\n    cidr: 10.1.0.0/16\n    cidr: 10.2.0.0/16\n"),
      "s.yaml:5:5: vpcs.lab.cidr: duplicate key 'cidr' (also at line 4)");
}

TEST(ScenarioLoaderErrorTest, MissingRequiredKey) {
  EXPECT_EQ(OnlyProblem(std::string(kLab) + "subnets:\n  a: {vpc: lab, az: a}\n"),
            "s.yaml:4:6: subnets.a: missing required key 'cidr'");
}

TEST(ScenarioLoaderErrorTest, MissingRequiredKeyOfABlockMapping) {
  EXPECT_EQ(OnlyProblem("vpcreach: 1\nvpcs:\n  lab:\n    flow_logs: true\n"),
            "s.yaml:4:5: vpcs.lab: missing required key 'cidr'");
}

TEST(ScenarioLoaderErrorTest, ExpectedAMappingGotASequence) {
  EXPECT_EQ(OnlyProblem("vpcreach: 1\nvpcs:\n  - lab\n"),
            "s.yaml:3:3: vpcs: expected a mapping, got a sequence");
}

TEST(ScenarioLoaderErrorTest, ExpectedAListGotAScalar) {
  EXPECT_EQ(OnlyProblem("vpcreach: 1\nvpcs: {lab: {cidrs: 10.1.0.0/16}}\n"),
            "s.yaml:2:21: vpcs.lab.cidrs: expected a list, got a scalar");
}

TEST(ScenarioLoaderErrorTest, ExpectedAnInteger) {
  EXPECT_EQ(OnlyProblem(std::string(kLab) +
                        "network_acls:\n  n:\n    vpc: lab\n    ingress:\n"
                        "      - {rule: abc, action: allow, protocol: all, cidr: 0.0.0.0/0}\n"),
            "s.yaml:7:16: network_acls.n.ingress[0].rule: expected an integer, got 'abc'");
}

TEST(ScenarioLoaderErrorTest, ExpectedTrueOrFalse) {
  EXPECT_EQ(OnlyProblem("vpcreach: 1\nvpcs: {lab: {cidr: 10.1.0.0/16, flow_logs: yes please}}\n"),
            "s.yaml:2:44: vpcs.lab.flow_logs: expected true or false, got 'yes please'");
}

TEST(ScenarioLoaderErrorTest, YamlOneOneBooleansAreNotBooleans) {
  EXPECT_EQ(OnlyProblem("vpcreach: 1\nvpcs: {lab: {cidr: 10.1.0.0/16, flow_logs: yes}}\n"),
            "s.yaml:2:44: vpcs.lab.flow_logs: expected true or false, got 'yes'");
}

TEST(ScenarioLoaderErrorTest, ExpectedEnabledOrDisabled) {
  EXPECT_EQ(OnlyProblem("vpcreach: 1\nsagemaker:\n  notebook_instances:\n"
                        "    nb: {direct_internet_access: on}\n"),
            "s.yaml:4:34: sagemaker.notebook_instances.nb.direct_internet_access: expected "
            "enabled or disabled, got 'on'");
}

TEST(ScenarioLoaderErrorTest, ExpectedAStringGotAMapping) {
  EXPECT_EQ(OnlyProblem("vpcreach: 1\nname: {first: lab}\n"),
            "s.yaml:2:7: name: expected a string, got a mapping");
}

// Where the value would be: just after the colon (yaml-cpp marked an empty value past the line,
// so it was located at its key).
TEST(ScenarioLoaderErrorTest, EmptyValueIsLocatedAfterItsKey) {
  EXPECT_EQ(Load("vpcreach: 1\nvpcs:\n  lab:\n    cidr:\n").diagnostics.Format(),
            "s.yaml:4:10: vpcs.lab.cidr: expected a CIDR such as 10.0.0.0/16, got an empty value\n"
            "        cidr:\n"
            "             ^\n");
  // An empty item: after its dash (it was located at the list).
  EXPECT_EQ(OnlyProblem("vpcreach: 1\nvpcs:\n  lab:\n    cidrs:\n      - 10.1.0.0/16\n      -\n"),
            "s.yaml:6:8: vpcs.lab.cidrs[1]: expected a CIDR such as 10.0.0.0/16, got an empty "
            "value");
}

TEST(ScenarioLoaderErrorTest, EmptyId) {
  EXPECT_EQ(OnlyProblem("vpcreach: 1\nvpcs: {'': {cidr: 10.1.0.0/16}}\n"),
            "s.yaml:2:8: vpcs.: an id must not be empty");
}

// ---------------------------------------------------------------------------------------------
// Ids and references

TEST(ScenarioLoaderErrorTest, DuplicateIdAmongEndpointKinds) {
  // Subnets, ENIs, notebooks and training jobs share one namespace: `from: web` must mean one
  // thing.
  EXPECT_EQ(
      OnlyProblem(std::string(kLab) + "subnets:\n  web: {vpc: lab, cidr: 10.1.0.0/24, az: a}\n"
                                      "sagemaker:\n  notebook_instances:\n    web: {}\n"),
      "s.yaml:7:5: sagemaker.notebook_instances.web: id 'web' is already used by the subnet "
      "at s.yaml:4:3");
}

TEST(ScenarioLoaderErrorTest, DuplicateIdWithinAKind) {
  EXPECT_EQ(
      OnlyProblem(std::string(kLab) + "route_tables:\n  rt: {vpc: lab}\n  rt: {vpc: lab}\n"),
      "s.yaml:5:3: route_tables.rt: id 'rt' is already used by the route table at s.yaml:4:3");
}

TEST(ScenarioLoaderTest, OtherKindsMayShareAnId) {
  // As the contract's example does: a route table and a network ACL `private`, a security group
  // and a training job `training`.
  Model m = LoadValid(std::string(kLab) + R"(route_tables: {private: {vpc: lab}}
network_acls: {private: {vpc: lab}}
security_groups: {training: {vpc: lab}}
subnets: {a: {vpc: lab, cidr: 10.1.0.0/24, az: a, route_table: private, network_acl: private}}
sagemaker: {training_jobs: {training: {subnets: [a], security_groups: [training]}}}
expect: [{name: n, from: training, only_to: [training], via: [private]}]
)");
  EXPECT_EQ(m.subnets[0].route_table, IndexOf(m.route_tables, "private"));
  EXPECT_EQ(m.subnets[0].network_acl, IndexOf(m.network_acls, "private"));
  EXPECT_EQ(m.enis[m.training_jobs[0].enis[0]].security_groups,
            std::vector<Index>{IndexOf(m.security_groups, "training")});
}

TEST(ScenarioLoaderErrorTest, SynthesizedIdTakenByTheScenario) {
  EXPECT_EQ(OnlyProblem(std::string(kLab) + "security_groups: {lab-default-sg: {vpc: lab}}\n"),
            "s.yaml:3:19: id 'lab-default-sg' is reserved for the default security group of vpc "
            "lab; choose another id");
}

TEST(ScenarioLoaderErrorTest, UnknownReferenceSuggests) {
  EXPECT_EQ(
      OnlyProblem(std::string(kLab) +
                  "route_tables: {private: {vpc: lab}}\n"
                  "subnets: {a: {vpc: lab, cidr: 10.1.0.0/24, az: a, route_table: privat}}\n"),
      "s.yaml:4:64: subnets.a.route_table: unknown route table 'privat'; did you mean "
      "'private'?");
}

TEST(ScenarioLoaderErrorTest, UnknownReferenceSaysWhereToDefineIt) {
  EXPECT_EQ(OnlyProblem(std::string(kLab) +
                        "subnets: {a: {vpc: lab, cidr: 10.1.0.0/24, az: a, route_table: x}}\n"),
            "s.yaml:3:64: subnets.a.route_table: unknown route table 'x'; define it under "
            "route_tables:");
}

TEST(ScenarioLoaderErrorTest, ReferenceToAComponentOfAnotherKind) {
  EXPECT_EQ(OnlyProblem(std::string(kLab) +
                        "route_tables: {rt: {vpc: lab}}\n"
                        "subnets: {a: {vpc: lab, cidr: 10.1.0.0/24, az: a, network_acl: rt}}\n"),
            "s.yaml:4:64: subnets.a.network_acl: 'rt' is a route table, not a network ACL");
}

TEST(ScenarioLoaderErrorTest, UnknownVpcIsReportedOnceNotAlsoAsOutsideIt) {
  EXPECT_EQ(
      OnlyProblem(std::string(kLab) + "subnets: {a: {vpc: labb, cidr: 10.200.0.0/24, az: a}}\n"),
      "s.yaml:3:20: subnets.a.vpc: unknown vpc 'labb'; did you mean 'lab'?");
}

TEST(ScenarioLoaderErrorTest, RouteTableOfAnotherVpc) {
  EXPECT_EQ(
      OnlyProblem("vpcreach: 1\nvpcs: {lab: {cidr: 10.1.0.0/16}, other: {cidr: 10.2.0.0/16}}\n"
                  "route_tables: {rt: {vpc: other}}\n"
                  "subnets: {a: {vpc: lab, cidr: 10.1.0.0/24, az: a, route_table: rt}}\n"),
      "s.yaml:4:64: subnets.a.route_table: route table rt is in vpc other, not in vpc lab");
}

TEST(ScenarioLoaderErrorTest, SecondInternetGateway) {
  EXPECT_EQ(OnlyProblem(std::string(kLab) + "internet_gateways: {a: {vpc: lab}, b: {vpc: lab}}\n"),
            "s.yaml:3:45: internet_gateways.b.vpc: vpc lab already has internet gateway a; a vpc "
            "takes one internet gateway");
}

TEST(ScenarioLoaderErrorTest, SecondMainRouteTable) {
  EXPECT_EQ(OnlyProblem(std::string(kLab) + "route_tables:\n  a: {vpc: lab, main: true}\n"
                                            "  b: {vpc: lab, main: true}\n"),
            "s.yaml:5:23: route_tables.b.main: vpc lab already has a main route table: a");
}

TEST(ScenarioLoaderErrorTest, SecondDefaultNetworkAcl) {
  EXPECT_EQ(OnlyProblem(std::string(kLab) + "network_acls:\n  a: {vpc: lab, default: true}\n"
                                            "  b: {vpc: lab, default: true}\n"),
            "s.yaml:5:26: network_acls.b.default: vpc lab already has a default network ACL: a");
}

// ---------------------------------------------------------------------------------------------
// Addresses and blocks

TEST(ScenarioLoaderErrorTest, HostBitsSetAreClearedAsEc2ClearsThemWithAWarning) {
  // Issue 11: EC2 canonicalises the CIDR (tests/cidr_host_bits_test.cc has every kind).
  EXPECT_EQ(OnlyProblem("vpcreach: 1\nvpcs: {lab: {cidr: 10.1.0.5/16}}\n"),
            "s.yaml:2:20: warning: vpcs.lab.cidr: host bits are set in '10.1.0.5/16': EC2 reads "
            "it as 10.1.0.0/16, and so does vpcreach; write 10.1.0.0/16");
}

TEST(ScenarioLoaderErrorTest, MalformedCidr) {
  EXPECT_EQ(OnlyProblem("vpcreach: 1\nvpcs: {lab: {cidrs: [10.1.0.0/16, 10.0.0.0/33]}}\n"),
            "s.yaml:2:35: vpcs.lab.cidrs[1]: expected a CIDR such as 10.0.0.0/16, got "
            "'10.0.0.0/33'");
}

TEST(ScenarioLoaderErrorTest, MalformedAddress) {
  EXPECT_EQ(OnlyProblem(std::string(kLab) + "subnets: {a: {vpc: lab, cidr: 10.1.0.0/24, az: a}}\n"
                                            "enis: {e: {subnet: a, private_ip: 10.0.0.256}}\n"),
            "s.yaml:4:35: enis.e.private_ip: expected an IPv4 address such as 10.0.0.5, got "
            "'10.0.0.256'");
}

TEST(ScenarioLoaderErrorTest, VpcBlockTooLarge) {
  EXPECT_EQ(OnlyProblem("vpcreach: 1\nvpcs: {lab: {cidr: 10.0.0.0/8}}\n"),
            "s.yaml:2:20: vpcs.lab.cidr: a VPC CIDR must be between /16 and /28, got /8");
}

TEST(ScenarioLoaderErrorTest, SubnetBlockTooSmall) {
  EXPECT_EQ(OnlyProblem(std::string(kLab) + "subnets: {a: {vpc: lab, cidr: 10.1.0.0/29, az: a}}\n"),
            "s.yaml:3:31: subnets.a.cidr: a subnet CIDR must be between /16 and /28, got /29");
}

TEST(ScenarioLoaderErrorTest, VpcBlocksOverlap) {
  EXPECT_EQ(OnlyProblem("vpcreach: 1\nvpcs: {lab: {cidrs: [10.1.0.0/16, 10.1.0.0/20]}}\n"),
            "s.yaml:2:35: vpcs.lab.cidrs[1]: 10.1.0.0/20 overlaps 10.1.0.0/16 of the same vpc");
}

TEST(ScenarioLoaderErrorTest, CidrAndCidrsTogether) {
  EXPECT_EQ(OnlyProblem("vpcreach: 1\nvpcs: {lab: {cidr: 10.1.0.0/16, cidrs: [10.2.0.0/16]}}\n"),
            "s.yaml:2:33: vpcs.lab.cidrs: give either cidr or cidrs, not both");
}

TEST(ScenarioLoaderErrorTest, SubnetOutsideItsVpc) {
  EXPECT_EQ(OnlyProblem(std::string(kLab) + "subnets: {a: {vpc: lab, cidr: 10.2.0.0/20, az: a}}\n"),
            "s.yaml:3:31: subnets.a.cidr: 10.2.0.0/20 is not inside vpc lab (10.1.0.0/16)");
}

TEST(ScenarioLoaderErrorTest, OverlappingSubnets) {
  EXPECT_EQ(
      OnlyProblem(std::string(kLab) + "subnets:\n  public-a: {vpc: lab, cidr: 10.1.0.0/20, az: a}\n"
                                      "  public-b: {vpc: lab, cidr: 10.1.0.0/20, az: b}\n"),
      "s.yaml:5:30: subnets.public-b.cidr: 10.1.0.0/20 overlaps subnet public-a (10.1.0.0/20)");
}

TEST(ScenarioLoaderErrorTest, BadAvailabilityZone) {
  EXPECT_EQ(OnlyProblem(std::string(kLab) +
                        "subnets: {a: {vpc: lab, cidr: 10.1.0.0/24, az: us-west-2a}}\n"),
            "s.yaml:3:48: subnets.a.az: expected an availability zone of us-east-1: us-east-1a, "
            "us-east-1b, us-east-1c, us-east-1d, us-east-1e or us-east-1f (or its letter, a, b, "
            "c, d, e or f), got 'us-west-2a'");
}

constexpr char kSubnet[] =
    "vpcreach: 1\n"
    "vpcs: {lab: {cidr: 10.1.0.0/16}}\n"
    "subnets: {private-a: {vpc: lab, cidr: 10.1.16.0/20, az: a}}\n";

TEST(ScenarioLoaderErrorTest, EniAddressOutsideItsSubnet) {
  EXPECT_EQ(
      OnlyProblem(std::string(kSubnet) + "enis: {e: {subnet: private-a, private_ip: 10.1.99.5}}\n"),
      "s.yaml:4:43: enis.e.private_ip: 10.1.99.5 is not inside subnet private-a "
      "(10.1.16.0/20)");
}

TEST(ScenarioLoaderErrorTest, EniAddressReservedByAws) {
  EXPECT_EQ(
      OnlyProblem(std::string(kSubnet) + "enis: {e: {subnet: private-a, private_ip: 10.1.16.3}}\n"),
      "s.yaml:4:43: enis.e.private_ip: 10.1.16.3 is reserved by AWS in subnet private-a (the "
      "first four addresses and the last are reserved)");
}

TEST(ScenarioLoaderErrorTest, BroadcastAddressReservedByAws) {
  EXPECT_EQ(OnlyProblem(std::string(kSubnet) +
                        "nat_gateways: {n: {subnet: private-a, public_ip: 52.0.0.1, "
                        "private_ip: 10.1.31.255}}\n"),
            "s.yaml:4:72: nat_gateways.n.private_ip: 10.1.31.255 is reserved by AWS in subnet "
            "private-a (the first four addresses and the last are reserved)");
}

TEST(ScenarioLoaderErrorTest, EniAddressUsedTwice) {
  EXPECT_EQ(OnlyProblem(std::string(kSubnet) +
                        "enis:\n  bastion: {subnet: private-a, private_ip: 10.1.16.10}\n"
                        "  other: {subnet: private-a, private_ip: 10.1.16.10}\n"),
            "s.yaml:6:42: enis.other.private_ip: 10.1.16.10 is already used by eni bastion");
}

TEST(ScenarioLoaderErrorTest, PublicIpUsedTwice) {
  EXPECT_EQ(OnlyProblem(std::string(kSubnet) +
                        "nat_gateways: {n: {subnet: private-a, public_ip: 52.0.0.1}}\n"
                        "enis: {e: {subnet: private-a, public_ip: 52.0.0.1}}\n"),
            "s.yaml:5:42: enis.e.public_ip: 52.0.0.1 is already used by NAT gateway n");
}

TEST(ScenarioLoaderErrorTest, PublicIpInPrivateSpace) {
  EXPECT_EQ(
      OnlyProblem(std::string(kSubnet) + "enis: {e: {subnet: private-a, public_ip: 10.0.0.1}}\n"),
      "s.yaml:4:42: enis.e.public_ip: 10.0.0.1 is a private address; a public IP lies "
      "outside 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16");
}

TEST(ScenarioLoaderErrorTest, SubnetFull) {
  // A /28 has 16 addresses, 5 reserved: 11 ENIs fit, the twelfth does not.
  EXPECT_EQ(OnlyProblem(R"(vpcreach: 1
vpcs: {lab: {cidr: 10.1.0.0/16}}
subnets: {tiny: {vpc: lab, cidr: 10.1.0.0/28, az: a}}
sagemaker:
  training_jobs:
    big: {subnets: [tiny], security_groups: [lab-default-sg], instance_count: 12}
)"),
            "s.yaml:6:5: sagemaker.training_jobs.big: no free address left in subnet tiny "
            "(10.1.0.0/28) for eni big[11]");
}

// ---------------------------------------------------------------------------------------------
// Rules and ports

constexpr char kAcl[] =
    "vpcreach: 1\nvpcs: {lab: {cidr: 10.1.0.0/16}}\n"
    "network_acls:\n  private:\n    vpc: lab\n    ingress:\n";

TEST(ScenarioLoaderErrorTest, DuplicateNaclRuleNumber) {
  EXPECT_EQ(OnlyProblem(std::string(kAcl) +
                        "      - {rule: 100, action: allow, protocol: all, cidr: 0.0.0.0/0}\n"
                        "      - {rule: 100, action: deny, protocol: all, cidr: 10.0.0.0/8}\n"),
            "s.yaml:8:16: network_acls.private.ingress[1].rule: rule number 100 is used twice in "
            "network_acls.private.ingress (also at line 7)");
}

TEST(ScenarioLoaderErrorTest, NaclRuleNumberOutOfRange) {
  EXPECT_EQ(OnlyProblem(std::string(kAcl) +
                        "      - {rule: 32767, action: allow, protocol: all, cidr: 0.0.0.0/0}\n"),
            "s.yaml:7:16: network_acls.private.ingress[0].rule: rule number 32767 is out of range "
            "1-32766");
}

TEST(ScenarioLoaderErrorTest, NaclBadAction) {
  EXPECT_EQ(OnlyProblem(std::string(kAcl) +
                        "      - {rule: 1, action: permit, protocol: all, cidr: 0.0.0.0/0}\n"),
            "s.yaml:7:27: network_acls.private.ingress[0].action: expected allow or deny, got "
            "'permit'");
}

TEST(ScenarioLoaderErrorTest, ReversedPortRange) {
  EXPECT_EQ(OnlyProblem(std::string(kAcl) + "      - {rule: 1, action: allow, protocol: tcp, "
                                            "ports: 443-80, cidr: 0.0.0.0/0}\n"),
            "s.yaml:7:56: network_acls.private.ingress[0].ports: port range 443-80 is reversed; "
            "write 80-443");
}

TEST(ScenarioLoaderErrorTest, PortOutOfRange) {
  EXPECT_EQ(OnlyProblem(std::string(kAcl) + "      - {rule: 1, action: allow, protocol: udp, "
                                            "ports: 70000, cidr: 0.0.0.0/0}\n"),
            "s.yaml:7:56: network_acls.private.ingress[0].ports: port 70000 is out of range "
            "0-65535");
}

TEST(ScenarioLoaderErrorTest, MalformedPort) {
  EXPECT_EQ(OnlyProblem(std::string(kAcl) + "      - {rule: 1, action: allow, protocol: udp, "
                                            "ports: https, cidr: 0.0.0.0/0}\n"),
            "s.yaml:7:56: network_acls.private.ingress[0].ports: expected a port such as 443 or a "
            "range such as 1024-65535, got 'https'");
}

TEST(ScenarioLoaderErrorTest, PortsOnlyForTcpAndUdp) {
  EXPECT_EQ(OnlyProblem(std::string(kAcl) + "      - {rule: 1, action: allow, protocol: icmp, "
                                            "ports: 8, cidr: 0.0.0.0/0}\n"),
            "s.yaml:7:57: network_acls.private.ingress[0].ports: ports apply only to tcp and udp");
}

TEST(ScenarioLoaderErrorTest, IcmpTypeOnlyForIcmp) {
  EXPECT_EQ(OnlyProblem(std::string(kAcl) + "      - {rule: 1, action: allow, protocol: tcp, "
                                            "icmp_type: 8, cidr: 0.0.0.0/0}\n"),
            "s.yaml:7:60: network_acls.private.ingress[0].icmp_type: icmp_type applies only to "
            "protocol icmp, not tcp");
  EXPECT_EQ(OnlyProblem(std::string(kAcl) + "      - {rule: 1, action: allow, protocol: all, "
                                            "icmp_code: 0, cidr: 0.0.0.0/0}\n"),
            "s.yaml:7:60: network_acls.private.ingress[0].icmp_code: icmp_code applies only to "
            "protocol icmp, not all");
}

TEST(ScenarioLoaderErrorTest, IcmpTypeAndCodeOutOfRange) {
  EXPECT_EQ(OnlyProblem(std::string(kAcl) + "      - {rule: 1, action: allow, protocol: icmp, "
                                            "icmp_type: 256, cidr: 0.0.0.0/0}\n"),
            "s.yaml:7:61: network_acls.private.ingress[0].icmp_type: ICMP type 256 is out of "
            "range; expected 0-255, or -1 for all");
  EXPECT_EQ(OnlyProblem(std::string(kAcl) + "      - {rule: 1, action: allow, protocol: icmp, "
                                            "icmp_type: 3, icmp_code: -2, cidr: 0.0.0.0/0}\n"),
            "s.yaml:7:75: network_acls.private.ingress[0].icmp_code: ICMP code -2 is out of "
            "range; expected 0-255, or -1 for all");
  EXPECT_EQ(OnlyProblem(std::string(kAcl) + "      - {rule: 1, action: allow, protocol: icmp, "
                                            "icmp_type: echo, cidr: 0.0.0.0/0}\n"),
            "s.yaml:7:61: network_acls.private.ingress[0].icmp_type: expected an integer, got "
            "'echo'");
}

TEST(ScenarioLoaderErrorTest, UnknownProtocolSuggests) {
  EXPECT_EQ(OnlyProblem(std::string(kAcl) +
                        "      - {rule: 1, action: allow, protocol: tcpp, cidr: 0.0.0.0/0}\n"),
            "s.yaml:7:44: network_acls.private.ingress[0].protocol: unknown protocol 'tcpp'; did "
            "you mean 'tcp'?");
}

TEST(ScenarioLoaderErrorTest, ProtocolNumberOutOfRange) {
  EXPECT_EQ(OnlyProblem(std::string(kAcl) +
                        "      - {rule: 1, action: allow, protocol: 256, cidr: 0.0.0.0/0}\n"),
            "s.yaml:7:44: network_acls.private.ingress[0].protocol: expected a protocol (tcp, "
            "udp, icmp, all, or a number 0-255), got '256'");
}

constexpr char kGroups[] =
    "vpcreach: 1\nvpcs: {lab: {cidr: 10.1.0.0/16}, other: {cidr: 10.2.0.0/16}}\n"
    "security_groups:\n  far: {vpc: other}\n  web:\n    vpc: lab\n"
    "    ingress:\n";

TEST(ScenarioLoaderErrorTest, IcmpCodeOfAllTypesIsNotARule) {
  LoadResult result =
      Load(std::string(kGroups) + "      - {protocol: icmp, icmp_code: 4, cidr: 10.0.0.0/8}\n");
  EXPECT_EQ(result.diagnostics.Format(),
            "s.yaml:8:37: security_groups.web.ingress[0].icmp_code: icmp_code 4 needs an "
            "icmp_type: a rule for all ICMP types is for all codes (AWS refuses a code with type "
            "-1)\n"
            "          - {protocol: icmp, icmp_code: 4, cidr: 10.0.0.0/8}\n"
            "                                        ^\n");
  EXPECT_EQ(
      OnlyProblem(std::string(kGroups) +
                  "      - {protocol: icmp, icmp_type: -1, icmp_code: 0, cidr: 10.0.0.0/8}\n"),
      "s.yaml:8:52: security_groups.web.ingress[0].icmp_code: icmp_code 0 needs an "
      "icmp_type: a rule for all ICMP types is for all codes (AWS refuses a code with type "
      "-1)");
}

TEST(ScenarioLoaderErrorTest, SecurityGroupRuleWithoutPeer) {
  EXPECT_EQ(OnlyProblem(std::string(kGroups) + "      - {protocol: tcp, ports: 443}\n"),
            "s.yaml:8:9: security_groups.web.ingress[0]: missing the peer; give one of cidr, "
            "security_group, prefix_list");
}

TEST(ScenarioLoaderErrorTest, SecurityGroupRuleWithTwoPeers) {
  EXPECT_EQ(OnlyProblem(std::string(kGroups) +
                        "      - {protocol: tcp, cidr: 0.0.0.0/0, security_group: web}\n"),
            "s.yaml:8:42: security_groups.web.ingress[0].security_group: give only one of cidr, "
            "security_group, prefix_list");
}

TEST(ScenarioLoaderErrorTest, SecurityGroupPeerInAnotherVpc) {
  EXPECT_EQ(OnlyProblem(std::string(kGroups) + "      - {protocol: tcp, security_group: far}\n"),
            "s.yaml:8:41: security_groups.web.ingress[0].security_group: security group far is in "
            "vpc other, not in vpc lab");
}

TEST(ScenarioLoaderErrorTest, UnknownPrefixList) {
  EXPECT_EQ(OnlyProblem(std::string(kGroups) + "      - {protocol: tcp, prefix_list: pl-s4}\n"),
            "s.yaml:8:38: security_groups.web.ingress[0].prefix_list: unknown prefix list "
            "'pl-s4'; did you mean 'pl-s3'?");
}

TEST(ScenarioLoaderErrorTest, EniWithoutSecurityGroups) {
  EXPECT_EQ(
      OnlyProblem(std::string(kSubnet) + "enis: {e: {subnet: private-a, security_groups: []}}\n"),
      "s.yaml:4:48: enis.e.security_groups: expected 1 to 16 security groups, got 0");
}

TEST(ScenarioLoaderErrorTest, EniSecurityGroupOfAnotherVpc) {
  EXPECT_EQ(
      OnlyProblem("vpcreach: 1\nvpcs: {lab: {cidr: 10.1.0.0/16}, other: {cidr: 10.2.0.0/16}}\n"
                  "subnets: {a: {vpc: lab, cidr: 10.1.0.0/24, az: a}}\n"
                  "enis: {e: {subnet: a, security_groups: [other-default-sg]}}\n"),
      "s.yaml:4:41: enis.e.security_groups[0]: security group other-default-sg is in vpc "
      "other, not in vpc lab");
}

// ---------------------------------------------------------------------------------------------
// Routes and endpoints

constexpr char kRoutes[] =
    "vpcreach: 1\nvpcs: {lab: {cidr: 10.1.0.0/16}}\n"
    "vpc_endpoints: {s3-gw: {vpc: lab, service: s3, route_tables: [rt]}}\n"
    "route_tables:\n  rt:\n    vpc: lab\n    routes:\n";

TEST(ScenarioLoaderErrorTest, GatewayEndpointAsRouteTarget) {
  EXPECT_EQ(OnlyProblem(std::string(kRoutes) + "      - {destination: 0.0.0.0/0, target: s3-gw}\n"),
            "s.yaml:8:42: route_tables.rt.routes[0].target: gateway endpoint routes are added by "
            "the endpoint; list this table under vpc_endpoints.s3-gw.route_tables");
}

TEST(ScenarioLoaderErrorTest, UnknownRouteTargetSuggests) {
  EXPECT_EQ(
      OnlyProblem(std::string(kRoutes) + "      - {destination: 0.0.0.0/0, target: blackhol}\n"),
      "s.yaml:8:42: route_tables.rt.routes[0].target: unknown route target 'blackhol'; did "
      "you mean 'blackhole'?");
}

TEST(ScenarioLoaderErrorTest, RouteTargetOfTheWrongKind) {
  EXPECT_EQ(OnlyProblem(std::string(kRoutes) + "      - {destination: 0.0.0.0/0, target: rt}\n"),
            "s.yaml:8:42: route_tables.rt.routes[0].target: 'rt' is a route table; a route "
            "target is local, blackhole, or the id of an internet gateway, NAT gateway, ENI, "
            "instance, peering connection, transit gateway or virtual private gateway");
}

TEST(ScenarioLoaderErrorTest, DuplicateRouteDestination) {
  EXPECT_EQ(
      OnlyProblem(std::string(kRoutes) + "      - {destination: 0.0.0.0/0, target: blackhole}\n"
                                         "      - {destination: 0.0.0.0/0, target: blackhole}\n"),
      "s.yaml:9:23: route_tables.rt.routes[1].destination: destination 0.0.0.0/0 is used "
      "twice in route_tables.rt.routes (also at line 8)");
}

TEST(ScenarioLoaderErrorTest, RouteToTheVpcBlockDuplicatesTheLocalRoute) {
  EXPECT_EQ(
      OnlyProblem(std::string(kRoutes) + "      - {destination: 10.1.0.0/16, target: local}\n"),
      "s.yaml:8:23: route_tables.rt.routes[0].destination: 10.1.0.0/16 is the local route of "
      "vpc lab, which every route table has; remove this route");
}

TEST(ScenarioLoaderErrorTest, RouteDuplicatesTheEndpointRoute) {
  EXPECT_EQ(OnlyProblem(std::string(kRoutes) + "      - {destination: pl-s3, target: blackhole}\n"),
            "s.yaml:8:23: route_tables.rt.routes[0].destination: pl-s3 is routed to gateway "
            "endpoint s3-gw already; remove this route");
}

TEST(ScenarioLoaderErrorTest, LocalRouteOutsideTheVpc) {
  EXPECT_EQ(
      OnlyProblem(std::string(kRoutes) + "      - {destination: 10.2.0.0/24, target: local}\n"),
      "s.yaml:8:44: route_tables.rt.routes[0].target: a local route must stay inside vpc lab "
      "(10.1.0.0/16)");
}

TEST(ScenarioLoaderErrorTest, NatGatewayOfAnotherVpcAsTarget) {
  EXPECT_EQ(OnlyProblem(R"(vpcreach: 1
vpcs: {lab: {cidr: 10.1.0.0/16}, other: {cidr: 10.2.0.0/16}}
subnets: {o: {vpc: other, cidr: 10.2.0.0/24, az: a}}
nat_gateways: {nat-o: {subnet: o, public_ip: 52.0.0.1}}
route_tables: {rt: {vpc: lab, routes: [{destination: 0.0.0.0/0, target: nat-o}]}}
)"),
            "s.yaml:5:73: route_tables.rt.routes[0].target: NAT gateway nat-o is in vpc other, not "
            "in vpc lab");
}

TEST(ScenarioLoaderErrorTest, GatewayEndpointForAServiceWithoutOne) {
  EXPECT_EQ(OnlyProblem(std::string(kLab) + "vpc_endpoints: {x: {vpc: lab, service: pypi}}\n"),
            "s.yaml:3:40: vpc_endpoints.x.service: service 'pypi' has no gateway endpoint; "
            "gateway endpoints exist for s3 and dynamodb");
}

TEST(ScenarioLoaderErrorTest, GatewayEndpointForS3OutsideTheCatalog) {
  EXPECT_EQ(OnlyProblem("vpcreach: 1\nregion: zz-test-1\nvpcs: {lab: {cidr: 10.1.0.0/16}}\n"
                        "vpc_endpoints: {x: {vpc: lab, service: s3}}\n"),
            "s.yaml:4:40: vpc_endpoints.x.service: the built-in catalog has no s3 ranges for "
            "zz-test-1; define them under services:");
}

TEST(ScenarioLoaderErrorTest, SecondGatewayEndpointForTheSameServiceInATable) {
  EXPECT_EQ(OnlyProblem(std::string(kLab) +
                        "vpc_endpoints:\n  a: {vpc: lab, service: s3, route_tables: [lab-main]}\n"
                        "  b: {vpc: lab, service: s3, route_tables: [lab-main]}\n"),
            "s.yaml:5:45: vpc_endpoints.b.route_tables[0]: route table lab-main already has "
            "gateway endpoint a for s3");
}

TEST(ScenarioLoaderErrorTest, InterfaceEndpointKeysOnAGatewayEndpoint) {
  EXPECT_EQ(OnlyProblem(std::string(kSubnet) +
                        "vpc_endpoints: {x: {vpc: lab, service: s3, subnets: [private-a]}}\n"),
            "s.yaml:4:44: vpc_endpoints.x.subnets: subnets apply only to interface endpoints");
}

TEST(ScenarioLoaderErrorTest, InterfaceEndpointTakesOneSubnetPerAz) {
  EXPECT_EQ(OnlyProblem(R"(vpcreach: 1
vpcs: {lab: {cidr: 10.1.0.0/16}}
subnets: {a1: {vpc: lab, cidr: 10.1.0.0/24, az: a}, a2: {vpc: lab, cidr: 10.1.1.0/24, az: a}}
vpc_endpoints: {api: {vpc: lab, service: sagemaker.api, type: interface, subnets: [a1, a2]}}
)"),
            "s.yaml:4:88: vpc_endpoints.api.subnets[1]: subnet a2 is in us-east-1a like subnet a1; "
            "an interface endpoint takes one subnet per availability zone");
}

TEST(ScenarioLoaderErrorTest, BadEndpointType) {
  EXPECT_EQ(OnlyProblem(std::string(kLab) +
                        "vpc_endpoints: {x: {vpc: lab, service: s3, type: gatewy}}\n"),
            "s.yaml:3:50: vpc_endpoints.x.type: expected gateway or interface, got 'gatewy'");
}

// ---------------------------------------------------------------------------------------------
// SageMaker

TEST(ScenarioLoaderErrorTest, NotebookSecurityGroupsNeedASubnet) {
  EXPECT_EQ(OnlyProblem("vpcreach: 1\nsagemaker:\n  notebook_instances:\n"
                        "    nb: {security_groups: [x]}\n"),
            "s.yaml:4:10: sagemaker.notebook_instances.nb.security_groups: security_groups needs "
            "a subnet; add 'subnet:'");
}

TEST(ScenarioLoaderErrorTest, TrainingJobSecurityGroupsNeedSubnets) {
  EXPECT_EQ(OnlyProblem("vpcreach: 1\nsagemaker:\n  training_jobs:\n"
                        "    job: {security_groups: [x], instance_count: 2}\n"),
            "s.yaml:4:11: sagemaker.training_jobs.job.security_groups: security_groups needs "
            "subnets; add 'subnets:'");
}

TEST(ScenarioLoaderErrorTest, TrainingJobSubnetsInTwoVpcs) {
  EXPECT_EQ(OnlyProblem(R"(vpcreach: 1
vpcs: {lab: {cidr: 10.1.0.0/16}, other: {cidr: 10.2.0.0/16}}
subnets: {a: {vpc: lab, cidr: 10.1.0.0/24, az: a}, b: {vpc: other, cidr: 10.2.0.0/24, az: a}}
sagemaker: {training_jobs: {job: {subnets: [a, b], security_groups: [lab-default-sg]}}}
)"),
            "s.yaml:4:48: sagemaker.training_jobs.job.subnets[1]: subnet b is in vpc other, not in "
            "vpc lab; a training job's subnets must share one vpc");
}

TEST(ScenarioLoaderErrorTest, TrainingJobInstanceCount) {
  EXPECT_EQ(OnlyProblem("vpcreach: 1\nsagemaker: {training_jobs: {job: {instance_count: 0}}}\n"),
            "s.yaml:2:51: sagemaker.training_jobs.job.instance_count: instance_count must be "
            "between 1 and 10000, got 0");
}

// ---------------------------------------------------------------------------------------------
// Expectations

constexpr char kExpect[] = R"(vpcreach: 1
vpcs: {lab: {cidr: 10.1.0.0/16}}
subnets: {private-a: {vpc: lab, cidr: 10.1.16.0/20, az: a}}
sagemaker:
  notebook_instances: {notebook: {subnet: private-a, security_groups: [lab-default-sg]}}
  training_jobs: {training: {subnets: [private-a], security_groups: [lab-default-sg], instance_count: 2}}
expect:
)";

TEST(ScenarioLoaderErrorTest, UnknownEndpointSuggests) {
  EXPECT_EQ(OnlyProblem(std::string(kExpect) +
                        "  - {name: n, from: notebok, to: internet, reachable: true}\n"),
            "s.yaml:8:21: expect[0].from: unknown endpoint 'notebok'; did you mean 'notebook'?");
}

TEST(ScenarioLoaderErrorTest, UnknownEndpointListsWhatIsAccepted) {
  EXPECT_EQ(OnlyProblem(std::string(kExpect) +
                        "  - {name: n, from: notebook, to: the-world, reachable: true}\n"),
            "s.yaml:8:35: expect[0].to: unknown endpoint 'the-world'; expected an ENI, notebook, "
            "training job, workload, interface endpoint, subnet, service, IP address or CIDR");
}

TEST(ScenarioLoaderErrorTest, TrainingInstanceOutOfRange) {
  EXPECT_EQ(OnlyProblem(std::string(kExpect) +
                        "  - {name: n, from: 'training[2]', to: 'training[1]', reachable: true}\n"),
            "s.yaml:8:21: expect[0].from: training job training has 2 instances; training[2] does "
            "not exist");
}

TEST(ScenarioLoaderErrorTest, EndpointAddressMalformed) {
  EXPECT_EQ(
      OnlyProblem(std::string(kExpect) + "  - {name: n, from: notebook, only_to: [10.1.0.0/33]}\n"),
      "s.yaml:8:41: expect[0].only_to[0]: expected a CIDR such as 10.0.0.0/16, got "
      "'10.1.0.0/33'");
}

TEST(ScenarioLoaderErrorTest, ExpectationWithoutTo) {
  EXPECT_EQ(OnlyProblem(std::string(kExpect) + "  - {name: n, from: notebook}\n"),
            "s.yaml:8:5: expect[0]: missing required key 'to' (or 'only_to')");
}

TEST(ScenarioLoaderErrorTest, ExpectationWithToAndOnlyTo) {
  EXPECT_EQ(OnlyProblem(std::string(kExpect) +
                        "  - {name: n, from: notebook, to: s3, reachable: true, only_to: [s3]}\n"),
            "s.yaml:8:56: expect[0].only_to: give either to or only_to, not both");
}

TEST(ScenarioLoaderErrorTest, ExpectationWithoutReachable) {
  EXPECT_EQ(OnlyProblem(std::string(kExpect) + "  - {name: n, from: notebook, to: s3}\n"),
            "s.yaml:8:5: expect[0]: missing required key 'reachable'");
}

TEST(ScenarioLoaderErrorTest, ReachableWithOnlyTo) {
  EXPECT_EQ(OnlyProblem(std::string(kExpect) +
                        "  - {name: n, from: notebook, only_to: [s3], reachable: false}\n"),
            "s.yaml:8:46: expect[0].reachable: reachable does not apply to only_to; remove it");
}

TEST(ScenarioLoaderErrorTest, ExpectationPortForIcmp) {
  EXPECT_EQ(OnlyProblem(std::string(kExpect) + "  - {name: n, from: notebook, to: s3, "
                                               "reachable: true, protocol: icmp, port: 443}\n"),
            "s.yaml:8:78: expect[0].port: ports apply only to tcp and udp");
}

TEST(ScenarioLoaderErrorTest, ExpectationIcmpTypeAndCode) {
  // The protocol defaults to tcp, which has no ICMP type.
  EXPECT_EQ(OnlyProblem(std::string(kExpect) + "  - {name: n, from: notebook, to: s3, "
                                               "reachable: true, icmp_type: 8}\n"),
            "s.yaml:8:67: expect[0].icmp_type: icmp_type applies only to protocol icmp, not tcp");
  EXPECT_EQ(
      OnlyProblem(std::string(kExpect) + "  - {name: n, from: notebook, to: s3, "
                                         "reachable: true, protocol: icmp, icmp_code: 300}\n"),
      "s.yaml:8:83: expect[0].icmp_code: ICMP code 300 is out of range; expected 0-255, or "
      "-1 for all");
}

TEST(ScenarioLoaderErrorTest, UnknownViaComponent) {
  EXPECT_EQ(OnlyProblem(std::string(kExpect) + "  - {name: n, from: notebook, to: s3, "
                                               "reachable: true, via: [nat_gatway]}\n"),
            "s.yaml:8:62: expect[0].via[0]: unknown component 'nat_gatway'; did you mean "
            "'nat_gateway'?");
}

TEST(ScenarioLoaderErrorTest, UnknownAvoidComponentListsTheKinds) {
  EXPECT_EQ(OnlyProblem(std::string(kExpect) + "  - {name: n, from: notebook, to: s3, "
                                               "reachable: true, avoid: [firewall]}\n"),
            "s.yaml:8:64: expect[0].avoid[0]: unknown component 'firewall'; expected a component "
            "id or one of: internet_gateway, nat_gateway, vpc_endpoint, eni, subnet, route_table, "
            "network_acl, security_group, sagemaker_network, peering_connection, "
            "transit_gateway, vpn_gateway, vpn_connection");
}

// ---------------------------------------------------------------------------------------------
// Reporting

TEST(ScenarioLoaderErrorTest, FormatEchoesTheLineWithACaret) {
  LoadResult result =
      Load(std::string(kLab) + "subnets:\n  private-a: {vpc: lab, cidr: 10.2.0.0/20, az: a}\n");
  EXPECT_EQ(result.diagnostics.Format(),
            "s.yaml:4:31: subnets.private-a.cidr: 10.2.0.0/20 is not inside vpc lab (10.1.0.0/16)\n"
            "      private-a: {vpc: lab, cidr: 10.2.0.0/20, az: a}\n"
            "                                  ^\n");
}

TEST(ScenarioLoaderErrorTest, ReportsEveryProblemOfEveryFileInFileOrder) {
  LoadResult result = LoadScenarioTexts({
      {"a.yaml", R"(vpcreach: 1
vpcs:
  lab: {cidr: 10.1.0.0/16}
subnets:
  a: {vpc: lab, cidr: 10.1.0.0/24, az: z, route_table: nope}
  b: {vpc: lab, cidr: 10.1.0.0/25, az: a}
enis:
  e: {subnet: a, private_ip: 10.1.0.1, source_dest_check: maybe}
)"},
      {"b.yaml", R"(vpcreach: 3
vpcs: [oops]
expect:
  - {name: x, from: e, to: nowhere, reachable: true}
)"},
  });
  EXPECT_EQ(
      Headlines(result),
      (std::vector<std::string>{
          "a.yaml:5:40: subnets.a.az: expected an availability zone of us-east-1: us-east-1a, "
          "us-east-1b, us-east-1c, us-east-1d, us-east-1e or us-east-1f (or its letter, a, b, c, "
          "d, e or f), got 'z'",
          "a.yaml:5:56: subnets.a.route_table: unknown route table 'nope'; define it under "
          "route_tables:",
          "a.yaml:6:23: subnets.b.cidr: 10.1.0.0/25 overlaps subnet a (10.1.0.0/24)",
          "a.yaml:8:30: enis.e.private_ip: 10.1.0.1 is reserved by AWS in subnet a (the "
          "first four addresses and the last are reserved)",
          "a.yaml:8:59: enis.e.source_dest_check: expected true or false, got 'maybe'",
          "b.yaml:1:11: vpcreach: unsupported format version 3; this vpcreach reads version 1",
          "b.yaml:2:7: vpcs: expected a mapping, got a sequence",
          "b.yaml:4:28: expect[0].to: unknown endpoint 'nowhere'; expected an ENI, notebook, "
          "training job, workload, interface endpoint, subnet, service, IP address or CIDR",
      }));
  EXPECT_FALSE(result.ok());
}

TEST(ScenarioLoaderErrorTest, NeverThrowsOnDeeplyNestedInput) {
  std::string text = "vpcreach: 1\nname: " + std::string(5000, '[') + "\n";
  LoadResult result = Load(text);
  EXPECT_FALSE(result.ok());
  EXPECT_EQ(result.diagnostics.Items()[0].location.file, "s.yaml");
}

}  // namespace
}  // namespace vpcreach
