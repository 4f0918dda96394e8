// Workloads (`workloads:`, model.h's Workload) and secondary private addresses: how the loader
// places their network interfaces and what it refuses, and how the tracer and the solver treat
// what their interfaces answer and open (sim/rules.h, EniRole).
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "model/scenario_loader.h"
#include "sim/endpoint.h"
#include "sim/query/check.h"
#include "sim/query/diff.h"
#include "sim/query/matrix.h"
#include "sim/report/validate_report.h"
#include "sim/rules.h"
#include "tests/loader_test_util.h"
#include "tests/test_util.h"

namespace vpcreach::testing {
namespace {

using loader_testing::Get;
using loader_testing::LoadValid;
using loader_testing::OnlyProblem;

// Two VPCs; `lab` has a public subnet (public IPs on launch) and two private ones.
constexpr char kLab[] = R"(vpcreach: 1
vpcs: {lab: {cidr: 10.1.0.0/16}, other: {cidr: 10.2.0.0/16}}
internet_gateways: {igw: {vpc: lab}}
subnets:
  public-a: {vpc: lab, cidr: 10.1.0.0/24, az: a, route_table: public, map_public_ip_on_launch: true}
  private-a: {vpc: lab, cidr: 10.1.16.0/24, az: a}
  private-b: {vpc: lab, cidr: 10.1.17.0/24, az: b}
  far: {vpc: other, cidr: 10.2.0.0/24, az: a}
route_tables:
  public: {vpc: lab, routes: [{destination: 0.0.0.0/0, target: igw}]}
security_groups:
  open: {vpc: lab, ingress: [{protocol: all, cidr: 0.0.0.0/0}]}
  app: {vpc: lab}
  elsewhere: {vpc: other}
)";

std::string WithWorkloads(const std::string& workloads) {
  return std::string(kLab) + "workloads:\n" + workloads;
}

std::vector<std::string> EniIds(const Model& m, const Workload& w) {
  std::vector<std::string> out;
  for (Index e : w.enis) out.push_back(m.enis[e].id + "@" + m.subnets[m.enis[e].subnet].id);
  return out;
}

// ---- the loader --------------------------------------------------------------------------------

TEST(WorkloadLoaderTest, PlacesInterfacesRoundRobinAndNamesThem) {
  Model m = LoadValid(WithWorkloads(
      "  web: {type: instance, subnet: public-a, security_groups: [open]}\n"
      "  asg: {type: auto_scaling_group, subnets: [private-a, private-b], count: 3,"
      " security_groups: [app]}\n"
      "  fn: {type: lambda_function, subnets: [private-a, private-b], security_groups: [app]}\n"
      "  empty: {type: auto_scaling_group, subnets: [private-a], count: 0}\n"
      "  ad: {type: directory, subnets: [private-a, private-b]}\n"));
  EXPECT_EQ(EniIds(m, Get(m.workloads, "web")), (std::vector<std::string>{"web@public-a"}));
  EXPECT_EQ(EniIds(m, Get(m.workloads, "asg")),
            (std::vector<std::string>{"asg[0]@private-a", "asg[1]@private-b", "asg[2]@private-a"}));
  // One interface per subnet for a Lambda function, as AWS places them.
  EXPECT_EQ(EniIds(m, Get(m.workloads, "fn")),
            (std::vector<std::string>{"fn[0]@private-a", "fn[1]@private-b"}));
  EXPECT_TRUE(Get(m.workloads, "empty").enis.empty());
  const Eni& asg1 = Get(m.enis, "asg[1]");
  EXPECT_EQ(asg1.owner, EniOwner::kWorkload);
  EXPECT_EQ(m.workloads[asg1.owner_index].id, "asg");
  EXPECT_EQ(asg1.security_groups,
            std::vector<Index>{loader_testing::IndexOf(m.security_groups, "app")});
  // A directory's groups are AWS's own: none here.
  EXPECT_TRUE(Get(m.enis, "ad[0]").security_groups.empty());
}

TEST(WorkloadLoaderTest, WorkloadsWithoutGroupsTakeTheDefaultGroupButDirectoriesNone) {
  Model m = LoadValid(
      WithWorkloads("  db: {type: rds_instance, engine: mysql, subnets: [private-a]}\n"
                    "  nlb: {type: load_balancer, load_balancer_type: network, scheme: internal,"
                    " subnets: [private-a]}\n"
                    "  alb: {type: load_balancer, scheme: internal, subnets: [private-a]}\n"
                    "  ad: {type: directory, subnets: [private-a, private-b]}\n"));
  Index default_sg = m.vpcs[0].default_security_group;
  EXPECT_EQ(Get(m.enis, "db").security_groups, std::vector<Index>{default_sg});
  EXPECT_EQ(Get(m.enis, "alb").security_groups, std::vector<Index>{default_sg});
  EXPECT_TRUE(Get(m.enis, "nlb").security_groups.empty());
  EXPECT_TRUE(Get(m.enis, "ad[1]").security_groups.empty());
}

TEST(WorkloadLoaderTest, KindsAnswerTheirServicesPorts) {
  Model m = LoadValid(WithWorkloads(
      "  pg: {type: rds_instance, engine: postgres, subnets: [private-a]}\n"
      "  my: {type: rds_cluster, engine: aurora-mysql, subnets: [private-a]}\n"
      "  custom: {type: rds_instance, engine: postgres, port: 6543, subnets: [private-a]}\n"
      "  unknown: {type: rds_instance, subnets: [private-a]}\n"
      "  fs: {type: efs_mount_target, subnet: private-a, security_groups: [app]}\n"
      "  cache: {type: elasticache_cluster, engine: memcached, subnets: [private-a]}\n"
      "  search: {type: opensearch_domain, subnets: [private-a]}\n"
      "  docs: {type: docdb_cluster, subnets: [private-a]}\n"
      "  graph: {type: neptune_cluster, subnets: [private-a]}\n"
      "  k8s: {type: eks_cluster, subnets: [private-a]}\n"
      "  fn: {type: lambda_function, subnets: [private-a]}\n"
      "  web: {type: instance, subnet: private-a}\n"
      "  dns: {type: instance, subnet: private-a, ports: [{protocol: udp, ports: 53}, 80-81]}\n"
      "  lb: {type: load_balancer, load_balancer_type: network, scheme: internal,"
      " subnets: [private-a], listeners: [{protocol: TCP_UDP, port: 53}, {protocol: TLS, port: "
      "443}]}\n"));
  auto served = [&](const char* id) {
    const Workload& w = Get(m.workloads, id);
    return w.serves ? AnswersText(*w.serves) : std::string("everything");
  };
  EXPECT_EQ(served("pg"), "tcp 5432");
  EXPECT_EQ(served("my"), "tcp 3306");
  EXPECT_EQ(served("custom"), "tcp 6543");
  EXPECT_EQ(served("unknown"), "tcp");  // neither engine nor port: every tcp port
  EXPECT_EQ(served("fs"), "tcp 2049");
  EXPECT_EQ(served("cache"), "tcp 11211");
  EXPECT_EQ(served("search"), "tcp 443, tcp 80");
  EXPECT_EQ(served("docs"), "tcp 27017");
  EXPECT_EQ(served("graph"), "tcp 8182");
  EXPECT_EQ(served("k8s"), "tcp 443");
  EXPECT_EQ(served("fn"), "nothing");
  EXPECT_EQ(served("web"), "everything");
  EXPECT_EQ(served("dns"), "udp 53, tcp 80-81");
  EXPECT_EQ(served("lb"), "tcp 53, udp 53, tcp 443");
  EXPECT_FALSE(Get(m.workloads, "fs").opens_connections);
  EXPECT_TRUE(Get(m.workloads, "pg").opens_connections);
}

TEST(WorkloadLoaderTest, PublicAddressesFollowTheSubnetTheSchemeAndTheKeys) {
  Model m = LoadValid(
      WithWorkloads("  web: {type: instance, subnet: public-a}\n"
                    "  quiet: {type: instance, subnet: public-a, associate_public_ip: false}\n"
                    "  db: {type: rds_instance, engine: mysql, subnets: [public-a]}\n"
                    "  open-db: {type: rds_instance, engine: mysql, subnets: [public-a], "
                    "associate_public_ip: true}\n"
                    "  eip: {type: instance, subnet: private-a, public_ip: 54.0.0.9}\n"
                    "  pair: {type: auto_scaling_group, subnets: [private-a], count: 2,"
                    " public_ips: [54.0.0.10, 54.0.0.11]}\n"
                    "  alb: {type: load_balancer, subnets: [public-a, private-a]}\n"
                    "  inner: {type: load_balancer, scheme: internal, subnets: [public-a]}\n"));
  auto public_ip = [&](const char* eni) {
    const Eni& e = Get(m.enis, eni);
    return e.public_ip ? FormatIpv4(*e.public_ip) : std::string("none");
  };
  // The subnet maps public addresses on launch: for instances, not for databases.
  EXPECT_EQ(public_ip("web"), "192.0.2.1");
  EXPECT_EQ(public_ip("quiet"), "none");
  EXPECT_EQ(public_ip("db"), "none");
  EXPECT_EQ(public_ip("open-db"), "192.0.2.2");
  EXPECT_EQ(public_ip("eip"), "54.0.0.9");
  EXPECT_EQ(public_ip("pair[1]"), "54.0.0.11");
  // An internet-facing load balancer has a public address in every subnet; an internal none.
  EXPECT_EQ(public_ip("alb[0]"), "192.0.2.3");
  EXPECT_EQ(public_ip("alb[1]"), "192.0.2.4");
  EXPECT_EQ(public_ip("inner"), "none");
}

TEST(WorkloadLoaderTest, SecondaryAddressesAreWrittenOrAssigned) {
  Model m =
      LoadValid(std::string(kLab) +
                "enis:\n"
                "  app: {subnet: private-a, private_ip: 10.1.16.10, secondary_ips: [10.1.16.11],"
                " secondary_ip_count: 2}\n"
                "workloads:\n"
                "  web: {type: instance, subnet: private-b, secondary_ip_count: 1}\n");
  const Eni& app = Get(m.enis, "app");
  ASSERT_EQ(app.secondary_ips.size(), 3u);
  EXPECT_EQ(FormatIpv4(app.secondary_ips[0]), "10.1.16.11");
  EXPECT_FALSE(app.secondary_ips_assigned[0]);
  // Assigned after every written address, the first free ones.
  EXPECT_EQ(FormatIpv4(app.secondary_ips[1]), "10.1.16.4");
  EXPECT_EQ(FormatIpv4(app.secondary_ips[2]), "10.1.16.5");
  EXPECT_TRUE(app.secondary_ips_assigned[2]);
  const Eni& web = Get(m.enis, "web");
  EXPECT_EQ(FormatIpv4(web.private_ip), "10.1.17.4");
  EXPECT_EQ(web.PrivateIps().size(), 2u);
  EXPECT_EQ(FormatIpv4(web.secondary_ips[0]), "10.1.17.5");
  EXPECT_NE(ValidateToText(m).find("  app (secondary)  eni  10.1.16.4  in private-a\n"),
            std::string::npos)
      << ValidateToText(m);
}

TEST(WorkloadLoaderTest, SecondaryAddressesObeyThePrimarysRules) {
  EXPECT_EQ(OnlyProblem(std::string(kLab) + "enis:\n"
                                            "  app: {subnet: private-a, private_ip: 10.1.16.10,"
                                            " secondary_ips: [10.1.16.10]}\n"),
            "s.yaml:16:68: enis.app.secondary_ips[0]: 10.1.16.10 is already used by eni app");
  EXPECT_EQ(OnlyProblem(std::string(kLab) +
                        "enis:\n  app: {subnet: private-a, secondary_ips: [10.1.17.5]}\n"),
            "s.yaml:16:44: enis.app.secondary_ips[0]: 10.1.17.5 is not inside subnet private-a "
            "(10.1.16.0/24)");
  EXPECT_EQ(OnlyProblem(std::string(kLab) +
                        "enis:\n  app: {subnet: private-a, secondary_ip_count: 50}\n"),
            "s.yaml:16:48: enis.app.secondary_ip_count: secondary_ip_count must be between 0 and "
            "49, got 50");
}

TEST(WorkloadLoaderTest, LoadBalancersRecordTheirListenersAndTargetGroups) {
  Model m = LoadValid(
      WithWorkloads("  web: {type: auto_scaling_group, subnets: [private-a], count: 2}\n"
                    "  alb: {type: load_balancer, subnets: [public-a], security_groups: [open],\n"
                    "        listeners: [{protocol: https, port: 443, target_groups: [tg]}]}\n") +
      "target_groups:\n"
      "  tg: {protocol: HTTP, port: 8080, targets: [web, {target: 10.1.17.9, port: 9090}]}\n");
  const Workload& alb = Get(m.workloads, "alb");
  ASSERT_EQ(alb.listeners.size(), 1u);
  EXPECT_EQ(alb.listeners[0].protocol, "HTTPS");
  EXPECT_EQ(alb.listeners[0].port, 443);
  ASSERT_EQ(alb.listeners[0].target_groups.size(), 1u);
  const TargetGroup& tg = m.target_groups[alb.listeners[0].target_groups[0]];
  EXPECT_EQ(tg.id, "tg");
  EXPECT_EQ(tg.port, 8080);
  EXPECT_EQ(m.vpcs[tg.vpc].id, "lab");
  ASSERT_EQ(tg.targets.size(), 2u);
  EXPECT_EQ(m.workloads[tg.targets[0].workload].id, "web");
  EXPECT_EQ(FormatIpv4(*tg.targets[1].ip), "10.1.17.9");
  EXPECT_EQ(tg.targets[1].port, 9090);
  EXPECT_EQ(AnswersText(*alb.serves), "tcp 443");
  EXPECT_TRUE(alb.internet_facing);
}

TEST(WorkloadLoaderTest, InstancesListTheirInterfacesAndTakeWrittenEnis) {
  Model m = LoadValid(
      Edit(kLab, "  public: {vpc: lab, routes: [{destination: 0.0.0.0/0, target: igw}]}\n",
           "  public: {vpc: lab, routes: [{destination: 0.0.0.0/0, target: igw}]}\n"
           "  inner: {vpc: lab, routes: [{destination: 0.0.0.0/0, target: router}]}\n") +
      "enis:\n  spare: {subnet: private-b, security_groups: [app]}\n"
      "workloads:\n"
      "  router:\n"
      "    type: instance\n"
      "    interfaces:\n"
      "      - {subnet: public-a, security_groups: [open], source_dest_check: false}\n"
      "      - {subnet: private-a, private_ip: 10.1.16.20, secondary_ips: [10.1.16.21]}\n"
      "      - {eni: spare}\n");
  const Workload& router = Get(m.workloads, "router");
  EXPECT_EQ(
      EniIds(m, router),
      (std::vector<std::string>{"router[0]@public-a", "router[1]@private-a", "spare@private-b"}));
  EXPECT_FALSE(Get(m.enis, "router[0]").source_dest_check);
  EXPECT_EQ(Get(m.enis, "spare").owner, EniOwner::kWorkload);
  // A route to an instance goes to its primary interface.
  const Route& route = Get(m.route_tables, "inner").routes.back();
  EXPECT_EQ(route.target, RouteTarget::kEni);
  EXPECT_EQ(m.enis[route.target_index].id, "router[0]");
  EXPECT_EQ(route.target_id, "router");
}

// Bad input: located errors, each the only one of its scenario.
TEST(WorkloadLoaderErrorTest, RefusesWhatAwsRefuses) {
  EXPECT_EQ(OnlyProblem(WithWorkloads("  db: {type: rds_instanse, subnets: [private-a]}\n")),
            "s.yaml:16:14: workloads.db.type: unknown workload type 'rds_instanse'; did you mean "
            "'rds_instance'?");
  EXPECT_EQ(OnlyProblem(WithWorkloads("  asg: {type: auto_scaling_group, count: 2}\n")),
            "s.yaml:16:3: workloads.asg: An Auto Scaling group needs subnets to launch its "
            "instances in (its VPCZoneIdentifier); add 'subnets:'");
  EXPECT_EQ(OnlyProblem(WithWorkloads(
                "  asg: {type: auto_scaling_group, subnets: [private-a], count: -1}\n")),
            "s.yaml:16:64: workloads.asg.count: count must be between 0 and 10000, got -1");
  EXPECT_EQ(OnlyProblem(WithWorkloads(
                "  db: {type: rds_instance, engine: postgres, subnets: [private-a, far]}\n")),
            "s.yaml:16:67: workloads.db.subnets[1]: subnet far is in vpc other, not in vpc lab; "
            "the subnets of an RDS instance must share one vpc");
  EXPECT_EQ(
      OnlyProblem(WithWorkloads(
          "  db: {type: rds_instance, engine: postgres, port: 70000, subnets: [private-a]}\n")),
      "s.yaml:16:52: workloads.db.port: port 70000 is out of range 1-65535");
  EXPECT_EQ(OnlyProblem(WithWorkloads(
                "  db: {type: rds_instance, engine: postgress, subnets: [private-a]}\n")),
            "s.yaml:16:36: workloads.db.engine: unknown engine 'postgress' for an RDS instance; "
            "did you mean 'postgres'?");
  EXPECT_EQ(
      OnlyProblem(WithWorkloads("  web: {type: instance, subnet: private-a, ports: [0-80]}\n")),
      "s.yaml:16:52: workloads.web.ports[0]: port 0 is out of range 1-65535");
  EXPECT_EQ(
      OnlyProblem(WithWorkloads("  web: {type: instance, subnet: private-a, engine: mysql}\n")),
      "s.yaml:16:44: workloads.web.engine: 'engine' does not apply to an instance; it is a "
      "key of rds_instance, rds_cluster or elasticache_cluster");
  EXPECT_EQ(OnlyProblem(WithWorkloads(
                "  lb: {type: load_balancer, subnets: [public-a], listeners: [{protocol: HTTPS,"
                " port: 65536}]}\n")),
            "s.yaml:16:86: workloads.lb.listeners[0].port: port 65536 is out of range 1-65535");
  EXPECT_EQ(OnlyProblem(WithWorkloads(
                "  lb: {type: load_balancer, load_balancer_type: network, subnets: [public-a],"
                " listeners: [{protocol: HTTP, port: 80}]}\n")),
            "s.yaml:16:102: workloads.lb.listeners[0].protocol: a network load balancer listens "
            "on TCP, TLS, UDP or TCP_UDP, not 'HTTP'");
  EXPECT_EQ(
      OnlyProblem(WithWorkloads("  web: {type: auto_scaling_group, subnets: [private-a], count: 2,"
                                " private_ip: 10.1.16.9}\n")),
      "s.yaml:16:67: workloads.web.private_ip: private_ip needs a single interface (count: "
      "1); remove it");
  EXPECT_EQ(OnlyProblem(WithWorkloads("  fs: {type: efs_mount_target, subnets: [private-a, "
                                      "private-b], security_groups: [app]}\n")),
            "s.yaml:16:41: workloads.fs.subnets: an EFS mount target has one network interface, "
            "in one subnet; give each subnet a mount target of its own");
}

TEST(WorkloadLoaderErrorTest, EchoesTheLineWithACaret) {
  LoadResult result = loader_testing::Load(WithWorkloads(
      "  db:\n    type: rds_instance\n    engine: postgres\n    subnets: [private-a, far]\n"));
  EXPECT_EQ(result.diagnostics.Format(),
            "s.yaml:19:26: workloads.db.subnets[1]: subnet far is in vpc other, not in vpc lab; "
            "the subnets of an RDS instance must share one vpc\n"
            "        subnets: [private-a, far]\n"
            "                             ^\n");
  result = loader_testing::Load(WithWorkloads("  web: {type: instanse, subnet: private-a}\n"));
  EXPECT_EQ(result.diagnostics.Format(),
            "s.yaml:16:15: workloads.web.type: unknown workload type 'instanse'; did you mean "
            "'instance'?\n"
            "      web: {type: instanse, subnet: private-a}\n"
            "                  ^\n");
}

// The whole message of the only problem of `text`: headline, echoed line and caret.
std::string OnlyMessage(const std::string& text) {
  LoadResult result = loader_testing::Load(text);
  EXPECT_EQ(result.diagnostics.Size(), 1u) << result.diagnostics.Format();
  return result.diagnostics.Format();
}

TEST(WorkloadLoaderErrorTest, TargetsAndListenersStayInOneVpc) {
  EXPECT_EQ(OnlyMessage(WithWorkloads("  web: {type: instance, subnet: far}\n") +
                        "target_groups:\n  tg: {vpc: lab, targets: [web]}\n"),
            "s.yaml:18:28: target_groups.tg.targets[0]: target web is in vpc other, not in vpc "
            "lab of target group tg; a target group's targets are in its vpc: register web in a "
            "target group of vpc other\n"
            "      tg: {vpc: lab, targets: [web]}\n"
            "                               ^\n");
  EXPECT_EQ(
      OnlyProblem(WithWorkloads("  web: {type: instance, subnet: private-a}\n") +
                  "target_groups:\n  tg: {targets: [webb]}\n"),
      "s.yaml:18:18: target_groups.tg.targets[0]: unknown target 'webb'; did you mean 'web'?");
  EXPECT_EQ(OnlyMessage(
                WithWorkloads(
                    "  lb: {type: load_balancer, subnets: [public-a], listeners: [{protocol: HTTP,"
                    " port: 80, target_groups: [tg]}]}\n") +
                "target_groups:\n  tg: {vpc: other}\n"),
            "s.yaml:16:62: workloads.lb.listeners[0]: target group tg is in vpc other, not in vpc "
            "lab of load balancer lb; a load balancer forwards within its vpc: forward to a "
            "target group of vpc lab\n"
            "      lb: {type: load_balancer, subnets: [public-a], listeners: [{protocol: HTTP, "
            "port: 80, target_groups: [tg]}]}\n"
            "                                                                 ^\n");
}

// The bad workload input the issue names, each as its whole message.
TEST(WorkloadLoaderErrorTest, BadLoadBalancersDatabasesAndGroupsAreLocatedInFull) {
  EXPECT_EQ(OnlyMessage(WithWorkloads(
                "  lb: {type: load_balancer, subnets: [public-a], listeners: [{protocol: HTTPS,"
                " port: 0}]}\n")),
            "s.yaml:16:86: workloads.lb.listeners[0].port: port 0 is out of range 1-65535\n"
            "      lb: {type: load_balancer, subnets: [public-a], listeners: [{protocol: HTTPS, "
            "port: 0}]}\n"
            "                                                                                     "
            "    ^\n");
  // An RDS instance whose subnets (its DB subnet group) are in another VPC than its groups.
  EXPECT_EQ(OnlyMessage(WithWorkloads("  db: {type: rds_instance, engine: postgres, subnets: "
                                      "[far], security_groups: [app]}\n")),
            "s.yaml:16:80: workloads.db.security_groups[0]: security group app is in vpc lab, "
            "not in vpc other; the security groups of an RDS instance are in the vpc of its "
            "subnets: name security groups of vpc other, or subnets of vpc lab\n"
            "      db: {type: rds_instance, engine: postgres, subnets: [far], security_groups: "
            "[app]}\n"
            "                                                                                   "
            "^\n");
  EXPECT_EQ(OnlyMessage(WithWorkloads("  asg:\n    type: auto_scaling_group\n    count: 2\n")),
            "s.yaml:16:3: workloads.asg: An Auto Scaling group needs subnets to launch its "
            "instances in (its VPCZoneIdentifier); add 'subnets:'\n"
            "      asg:\n"
            "      ^\n");
  EXPECT_EQ(OnlyMessage(
                WithWorkloads(
                    "  lb: {type: load_balancer, subnets: [public-a], listeners: [{protocol: HTTP,"
                    " port: 80, target_groups: [modles]}]}\n") +
                "target_groups:\n  models: {port: 8080}\n"),
            "s.yaml:16:105: workloads.lb.listeners[0].target_groups[0]: unknown target group "
            "'modles'; did you mean 'models'?\n"
            "      lb: {type: load_balancer, subnets: [public-a], listeners: [{protocol: HTTP, "
            "port: 80, target_groups: [modles]}]}\n" +
                std::string(4 + 104, ' ') + "^\n");
}

TEST(WorkloadLoaderErrorTest, AnEniBelongsToOneInstance) {
  EXPECT_EQ(OnlyProblem(std::string(kLab) + "enis:\n  spare: {subnet: private-b}\n"
                                            "workloads:\n"
                                            "  a: {type: instance, interfaces: [{eni: spare}]}\n"
                                            "  b: {type: instance, interfaces: [{eni: spare}]}\n"),
            "s.yaml:19:42: workloads.b.interfaces[0].eni: eni spare is attached to an instance "
            "already: a");
}

// ---- endpoints -----------------------------------------------------------------------------

TEST(WorkloadEndpointTest, IdNamesEveryInterfaceAndIndexOne) {
  Network n = Load(WithWorkloads(
      "  fn: {type: lambda_function, subnets: [private-a, private-b], security_groups: [app]}\n"));
  std::string error;
  std::optional<Endpoint> all = ResolveEndpoint(*n.model, "fn", &error);
  ASSERT_TRUE(all) << error;
  EXPECT_EQ(all->enis.size(), 2u);
  std::optional<Endpoint> one = ResolveEndpoint(*n.model, "fn[1]", &error);
  ASSERT_TRUE(one) << error;
  ASSERT_EQ(one->enis.size(), 1u);
  EXPECT_EQ(n.model->enis[one->enis[0]].id, "fn[1]");
  EXPECT_FALSE(ResolveEndpoint(*n.model, "fn[2]", &error));
  EXPECT_EQ(error, "fn has 2 network interfaces; fn[2] does not exist");
  EXPECT_EQ(
      OnlyProblem(WithWorkloads("  fn: {type: lambda_function, subnets: [private-a]}\n") +
                  "expect:\n  - {name: x, from: \"fn[1]\", to: internet, reachable: false}\n"),
      "s.yaml:18:21: expect[0].from: fn has 1 network interface; fn[1] does not exist");
}

TEST(WorkloadEndpointTest, MatrixGroupsByWorkload) {
  Network n = Load(
      WithWorkloads("  asg: {type: auto_scaling_group, subnets: [private-a, private-b], count: 2,"
                    " security_groups: [open]}\n"
                    "  db: {type: rds_instance, engine: mysql, subnets: [private-a], "
                    "security_groups: [open]}\n"));
  MatrixQuery q;
  q.by = MatrixBy::kWorkload;
  q.workers = 1;
  MatrixResult m = ComputeMatrix(*n.model, *n.graph, q);
  auto at = [&](const std::string& label) {
    return std::find(m.labels.begin(), m.labels.end(), label) - m.labels.begin();
  };
  ASSERT_LT(static_cast<size_t>(at("asg")), m.labels.size());
  EXPECT_EQ(m.kinds[at("asg")], "auto_scaling_group");
  EXPECT_EQ(m.kinds[at("db")], "rds_instance");
  EXPECT_TRUE(m.reach[at("asg")][at("db")]);
  EXPECT_TRUE(m.reach[at("db")][at("asg")]);
}

// ---- what their interfaces answer and open -------------------------------------------------

constexpr char kServices[] = R"(workloads:
  app: {type: instance, subnet: private-a, security_groups: [open]}
  db: {type: rds_instance, engine: postgres, subnets: [private-b], security_groups: [open]}
  fn: {type: lambda_function, subnets: [private-b], security_groups: [open]}
  fs: {type: efs_mount_target, subnet: private-b, security_groups: [open]}
)";

TEST(WorkloadTraceTest, ADatabaseAnswersOnlyItsPort) {
  Network n = Load(std::string(kLab) + kServices);
  TraceResult ok = Trace(n, "app", "10.1.17.4", kTcp, 5432);
  EXPECT_TRUE(ok.delivered) << Path(ok);
  TraceResult ssh = Trace(n, "app", "10.1.17.4", kTcp, 22);
  EXPECT_FALSE(ssh.delivered);
  EXPECT_EQ(Codes(ssh), "WORKLOAD_PORT_RESTRICTION");
  ASSERT_EQ(ssh.explanations.size(), 1u);
  EXPECT_EQ(ssh.explanations[0].message,
            "RDS instance db answers only tcp 5432, not tcp 10.1.16.4:40000 -> 10.1.17.4:22");
  EXPECT_EQ(ssh.forward.back().component, "db");
  EXPECT_EQ(ssh.forward.back().kind, "rds_instance");
  // The solver agrees, over every packet.
  EXPECT_TRUE(CheckOne(std::string(kLab) + kServices,
                       "{name: x, from: app, to: db, port: 5432, reachable: true}")
                  .passed);
  EXPECT_TRUE(CheckOne(std::string(kLab) + kServices,
                       "{name: x, from: app, to: db, port: 1-5431, reachable: false}")
                  .passed);
  EXPECT_TRUE(CheckOne(std::string(kLab) + kServices,
                       "{name: x, from: app, to: db, protocol: udp, reachable: false}")
                  .passed);
}

TEST(WorkloadTraceTest, ALambdaFunctionOpensConnectionsAndAcceptsNone) {
  Network n = Load(std::string(kLab) + kServices);
  TraceResult out = Trace(n, "fn", "10.1.17.4", kTcp, 5432);
  EXPECT_TRUE(out.delivered) << Path(out);
  TraceResult in = Trace(n, "app", "10.1.17.5", kTcp, 443);
  EXPECT_FALSE(in.delivered);
  EXPECT_EQ(Codes(in), "WORKLOAD_NO_INBOUND");
  EXPECT_EQ(in.explanations[0].message,
            "Lambda function fn accepts no connections (its network interfaces carry only the "
            "connections it opens), not tcp 10.1.16.4:40000 -> 10.1.17.5:443");
  EXPECT_TRUE(CheckOne(std::string(kLab) + kServices,
                       "{name: x, from: app, to: fn, protocol: all, reachable: false}")
                  .passed);
  EXPECT_TRUE(CheckOne(std::string(kLab) + kServices,
                       "{name: x, from: fn, to: db, port: 5432, reachable: true}")
                  .passed);
}

TEST(WorkloadTraceTest, AnEfsMountTargetOpensNoConnections) {
  Network n = Load(std::string(kLab) + kServices);
  TraceResult out = Trace(n, "fs", "10.1.16.4", kTcp, 443);
  EXPECT_FALSE(out.delivered);
  EXPECT_EQ(Codes(out), "WORKLOAD_NO_OUTBOUND");
  EXPECT_EQ(out.explanations[0].message,
            "EFS mount target fs opens no connections; its network interfaces only answer "
            "requests");
  EXPECT_TRUE(Trace(n, "app", "10.1.17.6", kTcp, 2049).delivered);
  EXPECT_TRUE(CheckOne(std::string(kLab) + kServices,
                       "{name: x, from: fs, to: internet, protocol: all, reachable: false}")
                  .passed);
  EXPECT_TRUE(CheckOne(std::string(kLab) + kServices,
                       "{name: x, from: app, to: fs, port: 2049, reachable: true}")
                  .passed);
}

TEST(WorkloadTraceTest, AnInstanceAnswersWhatItsGroupsAdmit) {
  Network n = Load(std::string(kLab) + kServices);
  for (int port : {22, 443, 8080}) {
    EXPECT_TRUE(Trace(n, "db", "10.1.16.4", kTcp, port).delivered) << port;
  }
}

TEST(WorkloadTraceTest, SecondaryAddressesAnswerSendAndBelongToTheirGroups) {
  std::string network = Edit(kLab, "  app: {vpc: lab}\n",
                             "  app: {vpc: lab}\n"
                             "  members: {vpc: lab, ingress: [{protocol: tcp, ports: 443,"
                             " security_group: members}]}\n") +
                        R"(enis:
  peer: {subnet: private-b, private_ip: 10.1.17.20, security_groups: [members]}
workloads:
  web:
    type: instance
    subnet: public-a
    private_ip: 10.1.0.10
    secondary_ips: [10.1.0.11]
    security_groups: [members]
    associate_public_ip: true
)";
  Network n = Load(network);
  // Addressed to the secondary address: delivered.
  EXPECT_TRUE(Trace(n, "peer", "10.1.0.11", kTcp, 443).delivered);
  // Sent from it: the source/destination check lets it out, and the group that names the
  // sender's group admits it (a group's members are all their private addresses).
  TraceResult from_secondary = Trace(n, "web", "10.1.17.20", kTcp, 443, 40000, "10.1.0.11");
  EXPECT_TRUE(from_secondary.delivered) << Path(from_secondary);
  // Not from an address it does not hold.
  EXPECT_EQ(Codes(Trace(n, "web", "10.1.17.20", kTcp, 443, 40000, "10.1.0.12")),
            "ENI_SOURCE_DEST_CHECK_RESTRICTION");
  // The public address maps to the primary address only.
  EXPECT_TRUE(Trace(n, "web", "8.8.8.8", kTcp, 443).delivered);
  EXPECT_EQ(Codes(Trace(n, "web", "8.8.8.8", kTcp, 443, 40000, "10.1.0.11")),
            "IGW_PUBLIC_IP_ASSOCIATION_FOR_EGRESS");
  EXPECT_TRUE(
      CheckOne(network, "{name: x, from: peer, to: 10.1.0.11, port: 443, reachable: true}").passed);
  EXPECT_TRUE(
      CheckOne(network, "{name: x, from: web, to: peer, port: 443, reachable: true}").passed);
}

TEST(WorkloadTraceTest, ASageMakerDomainWithPublicInternetOnlyLeavesThroughSageMaker) {
  std::string network = std::string(kLab) +
                        "workloads:\n"
                        "  studio: {type: sagemaker_domain, subnets: [private-a],"
                        " security_groups: [open]}\n"
                        "  locked: {type: sagemaker_domain, subnets: [private-b],"
                        " security_groups: [open], app_network_access_type: vpc_only}\n";
  Network n = Load(network);
  TraceResult open = Trace(n, "studio", "151.101.0.1", kTcp, 443);
  EXPECT_TRUE(open.delivered) << Path(open);
  EXPECT_TRUE(Passes(open, kKindSageMakerNetwork));
  // Only through the VPC, which has no route out of a private subnet.
  TraceResult locked = Trace(n, "locked", "151.101.0.1", kTcp, 443);
  EXPECT_FALSE(locked.delivered);
  EXPECT_FALSE(Passes(locked, kKindSageMakerNetwork));
  EXPECT_TRUE(CheckOne(network,
                       "{name: x, from: studio, to: pypi, port: 443, reachable: true,"
                       " via: [sagemaker_network]}")
                  .passed);
  EXPECT_TRUE(
      CheckOne(network, "{name: x, from: locked, to: internet, protocol: all, reachable: false}")
          .passed);
}

TEST(WorkloadTraceTest, ViaAndAvoidNameAWorkloadByAnyOfItsInterfaces) {
  std::string network = std::string(kLab) +
                        "workloads:\n"
                        "  app: {type: instance, subnet: private-a, security_groups: [open]}\n"
                        "  db: {type: rds_cluster, engine: postgres, count: 2,"
                        " subnets: [private-a, private-b], security_groups: [open]}\n";
  EXPECT_TRUE(CheckOne(network,
                       "{name: x, from: app, to: db, port: 5432, reachable: true, "
                       "via: [db]}")
                  .passed);
  EXPECT_FALSE(CheckOne(network,
                        "{name: x, from: app, to: db, port: 5432, reachable: true, "
                        "avoid: [db]}")
                   .passed);
}

// diff names a workload whose answers changed as the cause of the flows it closes, and trace
// sends to a database's port by default.
TEST(WorkloadDiffTest, AChangedEngineClosesTheOldPortAndIsTheCause) {
  std::string before_text = std::string(kLab) + kServices;
  Network before = Load(before_text);
  Network after = Load(Edit(before_text, "engine: postgres", "engine: mysql"));
  DiffOptions options;
  options.scope = {"app", "db"};
  std::string error;
  std::optional<DiffResult> diff =
      RunDiff(*before.model, *before.graph, *after.model, *after.graph, options, &error);
  ASSERT_TRUE(diff) << error;
  ASSERT_FALSE(diff->changes.empty());
  EXPECT_EQ(diff->changes[0].Headline(diff->components),
            "opened: app -> db tcp 3306 (workload db: answers tcp 5432 -> tcp 3306)");
  std::string error2;
  EXPECT_EQ(ResolveEndpoint(*before.model, "db", &error2)->default_ports,
            std::vector<PortRange>{(PortRange{5432, 5432})});
}

}  // namespace
}  // namespace vpcreach::testing
