// What AWS refuses and accepts, as the scenario loader reads it (issue 10): routes more specific
// than the local route, gateway route tables (ingress routing), SageMaker's network settings,
// private NAT gateways, rules of `protocol: all` with ports, the same address in two VPCs, and
// interface endpoints in expectations. Errors are asserted whole, as scenario_loader_test does.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "model/scenario_loader.h"
#include "sim/query/model_diff.h"
#include "tests/loader_test_util.h"
#include "tests/test_util.h"

namespace vpcreach {
namespace {

using loader_testing::Get;
using loader_testing::Headlines;
using loader_testing::IndexOf;
using loader_testing::Load;
using loader_testing::LoadValid;
using loader_testing::OnlyProblem;

using testing::Edit;

std::vector<std::string> Routes(const Model& m, const std::string& table) {
  std::vector<std::string> out;
  for (const Route& r : Get(m.route_tables, table).routes) {
    std::string text = r.destination_cidr ? r.destination_cidr->ToString()
                                          : m.prefix_lists[r.destination_prefix_list].id;
    out.push_back(text + " -> " + r.target_id + (r.implicit ? " (implicit)" : ""));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Routes more specific than the local route (issue 10, point 5)

// A VPC with two blocks, two subnets, an internet gateway, a NAT gateway and an appliance ENI;
// the test adds the routes of table `rt`.
constexpr char kMiddlebox[] = R"(vpcreach: 1
vpcs: {lab: {cidrs: [10.1.0.0/16, 10.2.0.0/16]}}
internet_gateways: {igw: {vpc: lab}}
subnets:
  public-a: {vpc: lab, cidr: 10.1.0.0/24, az: a}
  private-a: {vpc: lab, cidr: 10.1.16.0/20, az: a, route_table: rt}
nat_gateways: {nat-a: {subnet: public-a, public_ip: 52.0.0.10}}
enis: {appliance: {subnet: public-a, source_dest_check: false}}
route_tables:
  rt:
    vpc: lab
    routes:
)";

TEST(RouteRulesTest, SubnetRouteToAMiddleboxIsAccepted) {
  Model m = LoadValid(std::string(kMiddlebox) +
                      "      - {destination: 10.1.0.0/24, target: appliance}\n"
                      "      - {destination: 10.1.16.0/20, target: nat-a}\n");
  EXPECT_EQ(Routes(m, "rt"),
            (std::vector<std::string>{"10.1.0.0/16 -> local (implicit)",
                                      "10.2.0.0/16 -> local (implicit)", "10.1.0.0/24 -> appliance",
                                      "10.1.16.0/20 -> nat-a"}));
}

TEST(RouteRulesTest, MiddleboxReplacesTheLocalRoutesTarget) {
  Model m = LoadValid(std::string(kMiddlebox) +
                      "      - {destination: 10.2.0.0/16, target: appliance}\n");
  EXPECT_EQ(Routes(m, "rt"), (std::vector<std::string>{"10.1.0.0/16 -> local (implicit)",
                                                       "10.2.0.0/16 -> appliance"}));
  const Route& replaced = Get(m.route_tables, "rt").routes[1];
  EXPECT_FALSE(replaced.implicit);
  EXPECT_EQ(replaced.target, RouteTarget::kEni);
  EXPECT_EQ(replaced.target_index, IndexOf(m.enis, "appliance"));
  EXPECT_EQ(replaced.location.line, 13);
  // Other tables keep their local route.
  EXPECT_EQ(Routes(m, "lab-main"), (std::vector<std::string>{"10.1.0.0/16 -> local (implicit)",
                                                             "10.2.0.0/16 -> local (implicit)"}));
}

TEST(RouteRulesTest, LocalTargetForASubnetsCidrIsAccepted) {
  // AWS restores a middlebox route to `local`; it routes as the local route does.
  Model m =
      LoadValid(std::string(kMiddlebox) + "      - {destination: 10.1.0.0/24, target: local}\n");
  EXPECT_EQ(Routes(m, "rt").back(), "10.1.0.0/24 -> local");
}

TEST(RouteRulesTest, HostRouteInsideTheVpcIsRefused) {
  EXPECT_EQ(OnlyProblem(std::string(kMiddlebox) +
                        "      - {destination: 10.1.0.5/32, target: appliance}\n"),
            "s.yaml:13:23: route_tables.rt.routes[0].destination: 10.1.0.5/32 lies inside vpc lab "
            "(10.1.0.0/16) but is not the CIDR of one of its subnets: AWS's CreateRoute accepts a "
            "route more specific than the local route only for a whole subnet's CIDR; use "
            "10.1.0.0/24 (subnet public-a) or remove the route");
}

TEST(RouteRulesTest, PieceOfABlockHoldingNoSubnetIsRefused) {
  EXPECT_EQ(OnlyProblem(std::string(kMiddlebox) +
                        "      - {destination: 10.2.128.0/17, target: nat-a}\n"),
            "s.yaml:13:23: route_tables.rt.routes[0].destination: 10.2.128.0/17 lies inside vpc "
            "lab (10.2.0.0/16) but is not the CIDR of one of its subnets: AWS's CreateRoute "
            "accepts a route more specific than the local route only for a whole subnet's CIDR; "
            "use a subnet's CIDR or remove the route");
}

TEST(RouteRulesTest, InternetGatewayInsideTheVpcIsRefused) {
  EXPECT_EQ(
      OnlyProblem(std::string(kMiddlebox) + "      - {destination: 10.1.0.0/24, target: igw}\n"),
      "s.yaml:13:44: route_tables.rt.routes[0].target: 10.1.0.0/24 lies inside vpc lab "
      "(10.1.0.0/16): a route more specific than the local route must target an ENI or a NAT "
      "gateway (a middlebox), not internet gateway igw; AWS's CreateRoute refuses it. Target the "
      "middlebox, or remove the route");
}

TEST(RouteRulesTest, BlackholeInsideTheVpcIsRefused) {
  EXPECT_EQ(OnlyProblem(std::string(kMiddlebox) +
                        "      - {destination: 10.1.16.0/20, target: blackhole}\n"),
            "s.yaml:13:45: route_tables.rt.routes[0].target: 10.1.16.0/20 lies inside vpc lab "
            "(10.1.0.0/16): a route more specific than the local route must target an ENI or a "
            "NAT gateway (a middlebox), not blackhole; AWS's CreateRoute refuses it. Target the "
            "middlebox, or remove the route");
}

TEST(RouteRulesTest, LocalRouteReplacedByAnInternetGatewayIsRefused) {
  EXPECT_EQ(
      OnlyProblem(std::string(kMiddlebox) + "      - {destination: 10.1.0.0/16, target: igw}\n"),
      "s.yaml:13:44: route_tables.rt.routes[0].target: 10.1.0.0/16 is the local route of vpc "
      "lab: AWS lets only a middlebox, an ENI or a NAT gateway, replace its target, not internet "
      "gateway igw; target the middlebox, or remove the route to keep local");
}

TEST(RouteRulesTest, RoutesAroundTheVpcStayAccepted) {
  // Less specific than the local route (the local route wins inside), or outside the VPC.
  Model m = LoadValid(std::string(kMiddlebox) +
                      "      - {destination: 10.0.0.0/8, target: nat-a}\n"
                      "      - {destination: 10.3.0.5/32, target: blackhole}\n");
  EXPECT_EQ(Routes(m, "rt").size(), 4u);
}

// ---------------------------------------------------------------------------------------------
// Gateway route tables: ingress routing (issue 10, point 3)

// A VPC with an internet gateway, a firewall subnet and an application subnet; the test adds the
// route tables.
constexpr char kIngress[] = R"(vpcreach: 1
vpcs: {lab: {cidr: 10.1.0.0/16}, other: {cidr: 10.2.0.0/16}}
internet_gateways: {igw: {vpc: lab}, igw-other: {vpc: other}}
subnets:
  firewall: {vpc: lab, cidr: 10.1.0.0/24, az: a, route_table: fw-rt}
  app: {vpc: lab, cidr: 10.1.1.0/24, az: a, route_table: app-rt}
nat_gateways: {nat: {subnet: firewall, public_ip: 52.0.0.10}}
enis: {fw: {subnet: firewall, source_dest_check: false}}
route_tables:
  fw-rt: {vpc: lab, routes: [{destination: 0.0.0.0/0, target: igw}]}
  app-rt: {vpc: lab, routes: [{destination: 0.0.0.0/0, target: fw}]}
)";

TEST(GatewayRouteTableTest, EdgeAssociationSetsBothSides) {
  Model m = LoadValid(std::string(kIngress) + R"(  edge:
    vpc: lab
    gateway: igw
    routes:
      - {destination: 10.1.1.0/24, target: fw}
)");
  const RouteTable& edge = Get(m.route_tables, "edge");
  EXPECT_EQ(edge.edge_gateway, IndexOf(m.internet_gateways, "igw"));
  EXPECT_EQ(Get(m.internet_gateways, "igw").route_table, IndexOf(m.route_tables, "edge"));
  EXPECT_EQ(Get(m.internet_gateways, "igw-other").route_table, kNone);
  EXPECT_EQ(Get(m.route_tables, "fw-rt").edge_gateway, kNone);
  EXPECT_EQ(Routes(m, "edge"),
            (std::vector<std::string>{"10.1.0.0/16 -> local (implicit)", "10.1.1.0/24 -> fw"}));
}

TEST(GatewayRouteTableTest, AnEniMayReplaceTheLocalRouteOfAGatewayTable) {
  Model m = LoadValid(std::string(kIngress) +
                      "  edge: {vpc: lab, gateway: igw, routes: [{destination: 10.1.0.0/16, "
                      "target: fw}, {destination: 10.1.1.0/24, target: local}]}\n");
  EXPECT_EQ(Routes(m, "edge"),
            (std::vector<std::string>{"10.1.0.0/16 -> fw", "10.1.1.0/24 -> local"}));
}

TEST(GatewayRouteTableTest, UnknownGateway) {
  EXPECT_EQ(OnlyProblem(std::string(kIngress) + "  edge: {vpc: lab, gateway: igw-1}\n"),
            "s.yaml:12:29: route_tables.edge.gateway: unknown internet gateway 'igw-1'; did you "
            "mean 'igw'?");
}

TEST(GatewayRouteTableTest, GatewayOfAnotherVpc) {
  EXPECT_EQ(OnlyProblem(std::string(kIngress) + "  edge: {vpc: lab, gateway: igw-other}\n"),
            "s.yaml:12:29: route_tables.edge.gateway: internet gateway igw-other is in vpc other, "
            "not in vpc lab");
}

TEST(GatewayRouteTableTest, TwoTablesOnOneGateway) {
  EXPECT_EQ(OnlyProblem(std::string(kIngress) + "  edge: {vpc: lab, gateway: igw}\n"
                                                "  edge2: {vpc: lab, gateway: igw}\n"),
            "s.yaml:13:30: route_tables.edge2.gateway: internet gateway igw is associated with "
            "route table edge already; a gateway takes one gateway route table");
}

TEST(GatewayRouteTableTest, SubnetAssociatedWithAGatewayTable) {
  EXPECT_EQ(
      OnlyProblem(Edit(kIngress, "app: {vpc: lab, cidr: 10.1.1.0/24, az: a, route_table: app-rt}",
                       "app: {vpc: lab, cidr: 10.1.1.0/24, az: a, route_table: edge}") +
                  "  edge: {vpc: lab, gateway: igw}\n"),
      "s.yaml:6:58: subnets.app.route_table: route table edge is the gateway route table of "
      "internet gateway igw; AWS associates a gateway route table with no subnet: give "
      "subnet app a table of its own");
}

TEST(GatewayRouteTableTest, MainTableUsedBySubnetsCannotBeAGatewayTable) {
  EXPECT_EQ(
      OnlyProblem(Edit(kIngress, "app: {vpc: lab, cidr: 10.1.1.0/24, az: a, route_table: app-rt}",
                       "app: {vpc: lab, cidr: 10.1.1.0/24, az: a}") +
                  "  edge: {vpc: lab, main: true, gateway: igw}\n"),
      "s.yaml:12:41: route_tables.edge.gateway: route table edge is the gateway route table "
      "of internet gateway igw and the main route table of vpc lab, which subnet app uses; "
      "AWS associates a gateway route table with no subnet: make another table main, or "
      "give the gateway a table of its own");
}

TEST(GatewayRouteTableTest, RoutesOfAGatewayTableStayInsideTheVpc) {
  LoadResult result = Load(std::string(kIngress) + R"(  edge:
    vpc: lab
    gateway: igw
    routes:
      - {destination: 0.0.0.0/0, target: fw}
      - {destination: corp, target: fw}
      - {destination: 10.1.1.0/24, target: nat}
      - {destination: 10.1.0.0/16, target: igw}
      - {destination: 10.1.0.9/32, target: fw}
prefix_lists: {corp: {cidrs: [10.1.1.0/24]}}
)");
  EXPECT_EQ(Headlines(result),
            (std::vector<std::string>{
                "s.yaml:16:23: route_tables.edge.routes[0].destination: 0.0.0.0/0 is outside vpc "
                "lab (10.1.0.0/16): route table edge is the gateway route table of internet "
                "gateway igw, which routes only the VPC's own addresses (AWS refuses routes "
                "outside the VPC there)",
                "s.yaml:17:23: route_tables.edge.routes[1].destination: route table edge is the "
                "gateway route table of internet gateway igw, which takes no prefix-list "
                "destination; route a VPC block or a subnet's CIDR",
                "s.yaml:18:44: route_tables.edge.routes[2].target: route table edge is the "
                "gateway route table of internet gateway igw: its routes target local or an ENI "
                "(a middlebox), not NAT gateway nat",
                "s.yaml:19:44: route_tables.edge.routes[3].target: route table edge is the "
                "gateway route table of internet gateway igw: its routes target local or an ENI "
                "(a middlebox), not internet gateway igw",
                "s.yaml:20:23: route_tables.edge.routes[4].destination: 10.1.0.9/32 lies inside "
                "vpc lab (10.1.0.0/16) but is not the CIDR of one of its subnets: AWS's "
                "CreateRoute accepts a route more specific than the local route only for a whole "
                "subnet's CIDR; use 10.1.0.0/24 (subnet firewall) or remove the route",
            }));
}

TEST(GatewayRouteTableTest, GatewayEndpointRoutesStayOutOfAGatewayTable) {
  EXPECT_EQ(OnlyProblem(std::string(kIngress) +
                        "  edge: {vpc: lab, gateway: igw}\n"
                        "vpc_endpoints: {s3-gw: {vpc: lab, service: s3, route_tables: [edge]}}\n"),
            "s.yaml:13:63: vpc_endpoints.s3-gw.route_tables[0]: route table edge is the gateway "
            "route table of internet gateway igw, which takes no gateway endpoint route");
}

// ---------------------------------------------------------------------------------------------
// SageMaker settings the API refuses (issue 10, point 9)

constexpr char kSageMaker[] = R"(vpcreach: 1
vpcs: {lab: {cidr: 10.1.0.0/16}}
subnets: {a: {vpc: lab, cidr: 10.1.0.0/24, az: a}, b: {vpc: lab, cidr: 10.1.1.0/24, az: b}}
security_groups: {g1: {vpc: lab}, g2: {vpc: lab}, g3: {vpc: lab}, g4: {vpc: lab}, g5: {vpc: lab}}
sagemaker:
)";

TEST(SageMakerRulesTest, DirectInternetAccessDisabledNeedsASubnet) {
  EXPECT_EQ(OnlyProblem(std::string(kSageMaker) +
                        "  notebook_instances: {nb: {direct_internet_access: disabled}}\n"),
            "s.yaml:6:53: sagemaker.notebook_instances.nb.direct_internet_access: direct internet "
            "access can be disabled only for a notebook in a subnet (CreateNotebookInstance: \"You "
            "can set the value of this parameter to Disabled only if you set a value for the "
            "SubnetId parameter.\"); add 'subnet:' and 'security_groups:', or remove this key");
}

TEST(SageMakerRulesTest, NotebookInASubnetNeedsSecurityGroups) {
  EXPECT_EQ(OnlyProblem(std::string(kSageMaker) + "  notebook_instances: {nb: {subnet: a}}\n"),
            "s.yaml:6:37: sagemaker.notebook_instances.nb.subnet: a notebook in a subnet needs "
            "security_groups, the groups SageMaker attaches to its network interface there "
            "(CreateNotebookInstance's SecurityGroupIds); add 'security_groups:'");
}

TEST(SageMakerRulesTest, NotebookTakesAtMostFiveSecurityGroups) {
  EXPECT_EQ(OnlyProblem(std::string(kSageMaker) +
                        "  notebook_instances: {nb: {subnet: a, security_groups: [g1, g2, g3, g4, "
                        "g5, lab-default-sg]}}\n"),
            "s.yaml:6:57: sagemaker.notebook_instances.nb.security_groups: expected 1 to 5 "
            "security groups, got 6 (the limit of CreateNotebookInstance's SecurityGroupIds)");
}

TEST(SageMakerRulesTest, TrainingJobSubnetsNeedSecurityGroups) {
  EXPECT_EQ(OnlyProblem(std::string(kSageMaker) +
                        "  training_jobs: {job: {subnets: [a, b], instance_count: 2}}\n"),
            "s.yaml:6:34: sagemaker.training_jobs.job.subnets: a training job's subnets need "
            "security_groups: CreateTrainingJob's VpcConfig takes both Subnets and "
            "SecurityGroupIds; add 'security_groups:'");
}

TEST(SageMakerRulesTest, TrainingJobWithAnEmptySubnetList) {
  EXPECT_EQ(OnlyProblem(std::string(kSageMaker) +
                        "  training_jobs: {job: {subnets: [], security_groups: [g1]}}\n"),
            "s.yaml:6:34: sagemaker.training_jobs.job.subnets: expected 1 to 16 subnets, got 0 (a "
            "VpcConfig's Subnets); remove 'subnets:' for a job without a VPC");
}

TEST(SageMakerRulesTest, TrainingJobTakesAtMostFiveSecurityGroups) {
  EXPECT_EQ(OnlyProblem(std::string(kSageMaker) +
                        "  training_jobs: {job: {subnets: [a], security_groups: [g1, g2, g3, g4, "
                        "g5, lab-default-sg]}}\n"),
            "s.yaml:6:56: sagemaker.training_jobs.job.security_groups: expected 1 to 5 security "
            "groups, got 6 (the limit of a VpcConfig's SecurityGroupIds)");
}

TEST(SageMakerRulesTest, TrainingJobInstanceCountBelowOne) {
  EXPECT_EQ(OnlyProblem(std::string(kSageMaker) + "  training_jobs: {job: {instance_count: -2}}\n"),
            "s.yaml:6:41: sagemaker.training_jobs.job.instance_count: instance_count must be "
            "between 1 and 10000, got -2");
}

TEST(SageMakerRulesTest, ValidSettingsLoad) {
  Model m = LoadValid(std::string(kSageMaker) + R"(  notebook_instances:
    hosted: {direct_internet_access: enabled}
    private: {subnet: a, security_groups: [g1, g2, g3, g4, g5], direct_internet_access: disabled}
  training_jobs:
    cloud: {instance_count: 2, network_isolation: true}
    vpc: {subnets: [a, b], security_groups: [g1], instance_count: 3}
)");
  EXPECT_EQ(Get(m.notebooks, "private").security_groups.size(), 5u);
  EXPECT_FALSE(Get(m.notebooks, "private").direct_internet_access);
  EXPECT_EQ(Get(m.training_jobs, "vpc").enis.size(), 3u);
  EXPECT_TRUE(Get(m.training_jobs, "cloud").enis.empty());
}

// ---------------------------------------------------------------------------------------------
// Rules of all protocols with ports: AWS ignores the ports

TEST(RuleRulesTest, PortsOfARuleForAllProtocolsAreIgnored) {
  Model m = LoadValid(R"(vpcreach: 1
vpcs: {lab: {cidr: 10.1.0.0/16}}
network_acls:
  acl:
    vpc: lab
    ingress: [{rule: 100, action: allow, protocol: all, ports: 443, cidr: 0.0.0.0/0}]
    egress: [{rule: 100, action: deny, protocol: -1, ports: 1024-65535, cidr: 10.0.0.0/8},
             {rule: 110, action: allow, protocol: 50, ports: 500, cidr: 0.0.0.0/0}]
security_groups:
  g:
    vpc: lab
    ingress: [{protocol: all, ports: 22, cidr: 10.0.0.0/8}, {protocol: 47, ports: 1-2, cidr: 10.0.0.0/8}]
    egress: [{protocol: tcp, ports: 443, cidr: 0.0.0.0/0}]
)");
  const NetworkAcl& acl = Get(m.network_acls, "acl");
  EXPECT_EQ(acl.ingress[0].protocol, kAllProtocols);
  EXPECT_TRUE(acl.ingress[0].ports.IsAll());
  EXPECT_TRUE(acl.egress[0].ports.IsAll());
  EXPECT_EQ(acl.egress[1].protocol, kEsp);
  EXPECT_TRUE(acl.egress[1].ports.IsAll());
  const SecurityGroup& g = Get(m.security_groups, "g");
  EXPECT_EQ(g.ingress[0].protocol, kAllProtocols);
  EXPECT_TRUE(g.ingress[0].ports.IsAll());
  EXPECT_EQ(g.ingress[1].protocol, 47);
  EXPECT_TRUE(g.ingress[1].ports.IsAll());
  EXPECT_EQ(g.egress[0].ports, (PortRange{443, 443}));  // tcp keeps its ports
}

// ---------------------------------------------------------------------------------------------
// Private NAT gateways

constexpr char kNat[] = R"(vpcreach: 1
vpcs: {lab: {cidr: 10.1.0.0/16}}
subnets: {a: {vpc: lab, cidr: 10.1.0.0/24, az: a}}
nat_gateways:
)";

TEST(NatRulesTest, PrivateNatGatewayHasNoPublicAddress) {
  Model m = LoadValid(std::string(kNat) +
                      "  private: {subnet: a, connectivity: private}\n"
                      "  public: {subnet: a, connectivity: public, "
                      "public_ip: 52.0.0.1}\n");
  const NatGateway& nat = Get(m.nat_gateways, "private");
  EXPECT_TRUE(nat.is_private);
  EXPECT_EQ(nat.public_ip, 0u);
  EXPECT_EQ(FormatIpv4(nat.private_ip), "10.1.0.4");
  EXPECT_FALSE(Get(m.nat_gateways, "public").is_private);
  EXPECT_EQ(FormatIpv4(Get(m.nat_gateways, "public").public_ip), "52.0.0.1");
}

TEST(NatRulesTest, PrivateNatGatewayWithAPublicAddress) {
  EXPECT_EQ(OnlyProblem(std::string(kNat) + "  nat: {subnet: a, connectivity: private, "
                                            "public_ip: 52.0.0.1}\n"),
            "s.yaml:5:54: nat_gateways.nat.public_ip: a private NAT gateway has no public "
            "address; remove public_ip, or make the gateway public (connectivity: public)");
}

TEST(NatRulesTest, UnknownConnectivity) {
  EXPECT_EQ(OnlyProblem(std::string(kNat) + "  nat: {subnet: a, connectivity: privat}\n"),
            "s.yaml:5:34: nat_gateways.nat.connectivity: expected public or private, got "
            "'privat'");
}

TEST(NatRulesTest, PublicNatGatewayStillNeedsItsAddress) {
  EXPECT_EQ(OnlyProblem(std::string(kNat) + "  nat: {subnet: a}\n"),
            "s.yaml:5:8: nat_gateways.nat: missing required key 'public_ip'");
}

// ---------------------------------------------------------------------------------------------
// Interface endpoints in expectations

constexpr char kEndpoints[] = R"(vpcreach: 1
vpcs: {lab: {cidr: 10.1.0.0/16}}
subnets: {a: {vpc: lab, cidr: 10.1.0.0/24, az: a}}
security_groups: {api-sg: {vpc: lab, ingress: [{protocol: tcp, ports: 443, cidr: 10.1.0.0/16}]}}
vpc_endpoints:
  api: {vpc: lab, service: sagemaker.api, type: interface, subnets: [a], security_groups: [api-sg]}
  s3-gw: {vpc: lab, service: s3, type: gateway, route_tables: [lab-main]}
enis: {worker: {subnet: a}}
expect:
)";

TEST(EndpointRulesTest, InterfaceEndpointIsAnExpectationEndpoint) {
  Model m = LoadValid(std::string(kEndpoints) +
                      "  - {name: to api, from: worker, to: api, port: 443, reachable: true}\n"
                      "  - {name: from api, from: api, only_to: [worker]}\n");
  ASSERT_EQ(m.expectations.size(), 2u);
  EXPECT_EQ(m.expectations[0].to, "api");
  EXPECT_EQ(m.expectations[1].from, "api");
}

TEST(EndpointRulesTest, GatewayEndpointIsADestinationOnly) {
  // Issue 12: a gateway endpoint is a destination (its service, through it), never a source.
  Model m = LoadValid(std::string(kEndpoints) +
                      "  - {name: n, from: worker, to: s3-gw, reachable: true}\n");
  EXPECT_EQ(m.expectations[0].to, "s3-gw");
  EXPECT_EQ(OnlyProblem(std::string(kEndpoints) +
                        "  - {name: n, from: s3-gw, to: worker, reachable: true}\n"),
            "s.yaml:10:21: expect[0].from: gateway endpoint s3-gw carries only connections its "
            "VPC opens to s3; ask from s3, or to s3-gw");
}

// ---------------------------------------------------------------------------------------------
// `diff` names a changed edge association or NAT connectivity

TEST(ModelDiffFieldsTest, EdgeAssociationAndConnectivityChangesAreComponentChanges) {
  const std::string before = std::string(kIngress) + "  edge: {vpc: lab}\n";
  Model b = LoadValid(before);
  Model a = LoadValid(Edit(Edit(before, "  edge: {vpc: lab}", "  edge: {vpc: lab, gateway: igw}"),
                           "nat: {subnet: firewall, public_ip: 52.0.0.10}",
                           "nat: {subnet: firewall, connectivity: private}"));
  std::vector<std::string> changes;
  for (const ComponentChange& c : DiffModels(b, a).changes) changes.push_back(c.Text());
  EXPECT_NE(std::find(changes.begin(), changes.end(), "rtb edge: gateway none -> igw"),
            changes.end())
      << ::testing::PrintToString(changes);
  EXPECT_NE(std::find(changes.begin(), changes.end(), "nat nat: connectivity public -> private"),
            changes.end())
      << ::testing::PrintToString(changes);
}

// ---------------------------------------------------------------------------------------------
// The same private address in two VPCs that are not connected

TEST(AddressRulesTest, TwoVpcsMayUseTheSameAddresses) {
  Model m = LoadValid(R"(vpcreach: 1
vpcs: {a: {cidr: 10.0.0.0/16}, b: {cidr: 10.0.0.0/16}}
subnets:
  a1: {vpc: a, cidr: 10.0.1.0/24, az: a}
  b1: {vpc: b, cidr: 10.0.1.0/24, az: a}
enis:
  web-a: {subnet: a1, private_ip: 10.0.1.10}
  web-b: {subnet: b1, private_ip: 10.0.1.10}
  auto-a: {subnet: a1}
  auto-b: {subnet: b1}
nat_gateways: {nat-b: {subnet: b1, public_ip: 52.0.0.1, private_ip: 10.0.1.11}}
sagemaker: {notebook_instances: {nb: {subnet: a1, security_groups: [a-default-sg], private_ip: 10.0.1.11}}}
)");
  EXPECT_EQ(FormatIpv4(Get(m.enis, "web-a").private_ip), "10.0.1.10");
  EXPECT_EQ(FormatIpv4(Get(m.enis, "web-b").private_ip), "10.0.1.10");
  EXPECT_EQ(FormatIpv4(Get(m.enis, "auto-a").private_ip), "10.0.1.4");
  EXPECT_EQ(FormatIpv4(Get(m.enis, "auto-b").private_ip), "10.0.1.4");
  EXPECT_EQ(m.FindEniByPrivateIp(IndexOf(m.vpcs, "b"), *ParseIpv4("10.0.1.10")),
            IndexOf(m.enis, "web-b"));
}

TEST(AddressRulesTest, OneVpcStillUsesAnAddressOnce) {
  EXPECT_EQ(OnlyProblem(R"(vpcreach: 1
vpcs: {a: {cidr: 10.0.0.0/16}, b: {cidr: 10.0.0.0/16}}
subnets:
  a1: {vpc: a, cidr: 10.0.1.0/24, az: a}
  b1: {vpc: b, cidr: 10.0.1.0/24, az: a}
enis:
  web-a: {subnet: a1, private_ip: 10.0.1.10}
  web-b: {subnet: b1, private_ip: 10.0.1.10}
nat_gateways: {nat-a: {subnet: a1, public_ip: 52.0.0.1, private_ip: 10.0.1.10}}
)"),
            "s.yaml:7:35: enis.web-a.private_ip: 10.0.1.10 is already used by NAT gateway nat-a");
}

}  // namespace
}  // namespace vpcreach
