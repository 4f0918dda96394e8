// Load balancers as proxies (sim/hops/load_balancer.h): a client's connection ends at the
// listener, and the balancer opens its own to the targets; each leg meets its own groups and
// NACLs. The tracer shows the backend legs; the solver answers questions to a target through
// the balancer, and the two agree.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "sim/hops/load_balancer.h"
#include "sim/query/check.h"
#include "sim/query/matrix.h"
#include "sim/report/matrix_report.h"
#include "sim/report/trace_report.h"
#include "tests/loader_test_util.h"
#include "tests/test_util.h"

namespace vpcreach::testing {
namespace {

// An internet-facing ALB in the public subnets forwards https to two web servers in the private
// subnets on 8080; the web group admits only the ALB's group. An internal ALB fronts the same
// servers on 80. No route reaches the private subnets from the internet.
constexpr char kShop[] = R"(vpcreach: 1
vpcs: {shop: {cidr: 10.1.0.0/16}}
internet_gateways: {igw: {vpc: shop}}
subnets:
  public-a: {vpc: shop, cidr: 10.1.0.0/24, az: a, route_table: public}
  public-b: {vpc: shop, cidr: 10.1.1.0/24, az: b, route_table: public}
  private-a: {vpc: shop, cidr: 10.1.16.0/24, az: a, network_acl: private}
  private-b: {vpc: shop, cidr: 10.1.17.0/24, az: b, network_acl: private}
route_tables:
  public: {vpc: shop, routes: [{destination: 0.0.0.0/0, target: igw}]}
network_acls:
  private:
    vpc: shop
    ingress: [{rule: 100, action: allow, protocol: all, cidr: 10.1.0.0/16}]
    egress: [{rule: 100, action: allow, protocol: tcp, ports: 32768-65535, cidr: 10.1.0.0/16}]
security_groups:
  alb: {vpc: shop, ingress: [{protocol: tcp, ports: 443, cidr: 0.0.0.0/0}]}
  inner: {vpc: shop, ingress: [{protocol: tcp, ports: 80, cidr: 10.1.0.0/16}]}
  web: {vpc: shop, ingress: [{protocol: tcp, ports: 8080, security_group: alb},
                             {protocol: tcp, ports: 8080, security_group: inner}]}
  client: {vpc: shop}
workloads:
  web: {type: auto_scaling_group, subnets: [private-a, private-b], count: 2, security_groups: [web]}
  alb:
    type: load_balancer
    subnets: [public-a, public-b]
    security_groups: [alb]
    listeners: [{protocol: HTTPS, port: 443, target_groups: [web-tg]}]
  inner-alb:
    type: load_balancer
    scheme: internal
    subnets: [private-a, private-b]
    security_groups: [inner]
    listeners: [{protocol: HTTP, port: 80, target_groups: [web-tg]}]
  box: {type: instance, subnet: public-a, security_groups: [client]}
target_groups:
  web-tg: {protocol: HTTP, port: 8080, targets: [web]}
)";

bool Holds(const std::string& expectation) {
  ExpectationResult r = CheckOne(kShop, expectation);
  EXPECT_TRUE(r.passed) << expectation << ": " << r.detail;
  return r.passed;
}

TEST(LoadBalancerTest, TheInternetReachesTheTargetsOnlyThroughTheListener) {
  // The servers have no public address and no route from the internet: only the balancer's own
  // connection reaches them, and the question says so (a false "unreachable" before).
  Holds("{name: x, from: internet, to: web, port: 443, reachable: true, via: [alb]}");
  Holds("{name: x, from: internet, to: web, port: 8080, reachable: false}");
  Holds("{name: x, from: internet, to: 'web[1]', port: 443, reachable: true, via: [alb]}");
  // The internal balancer has no public address: nothing from the internet passes it.
  Holds("{name: x, from: internet, to: web, port: 443, reachable: true, avoid: [inner-alb]}");
  Holds("{name: x, from: internet, to: inner-alb, protocol: all, reachable: false}");
}

TEST(LoadBalancerTest, EachLegMeetsItsOwnGroups) {
  // The web group admits the balancer's group, not the client's: the client reaches the web
  // servers through the internal balancer only.
  Holds("{name: x, from: box, to: web, port: 80, reachable: true, via: [inner-alb]}");
  Holds("{name: x, from: box, to: web, port: 8080, reachable: false}");
  // Without the group reference the backend leg is refused, so the target is unreachable.
  std::string closed = Edit(kShop, "security_group: inner}", "cidr: 192.0.2.0/24}");
  ExpectationResult r =
      CheckOne(closed, "{name: x, from: box, to: web, port: 80, reachable: false}");
  EXPECT_TRUE(r.passed) << r.detail;
}

TEST(LoadBalancerTest, TheBackendLegKeepsTheClientsPortThroughTheTargetsNacl) {
  // The private NACL sends replies only to 32768-65535: the balancer's connection, from the
  // client's port, is answered only for clients on those ports.
  Holds("{name: x, from: box, to: web, port: 80, src_port: 32768-65535, reachable: true}");
  Holds("{name: x, from: box, to: web, port: 80, src_port: 1024-32767, reachable: false}");
}

TEST(LoadBalancerTest, TheTracerShowsEveryBackendLeg) {
  Network n = Load(kShop);
  const Eni& alb0 = loader_testing::Get(n.model->enis, "alb[0]");
  std::string address = FormatIpv4(*alb0.public_ip);
  TraceResult t = Trace(n, "internet", address.c_str(), kTcp, 443, 40000);
  ASSERT_TRUE(t.delivered) << Path(t);
  ASSERT_EQ(t.backends.size(), 2u);
  EXPECT_EQ(t.backends[0].balancer, "alb");
  EXPECT_EQ(t.backends[0].target, "web[0]");
  EXPECT_EQ(t.backends[0].decision,
            "listener tcp 443 forwards to target group web-tg: web[0] (10.1.16.4) on tcp 8080, a "
            "connection of its own");
  EXPECT_TRUE(t.backends[0].result.delivered) << Path(t.backends[0].result);
  EXPECT_EQ(t.backends[0].result.packet,
            (Packet{alb0.private_ip, Ip("10.1.16.4"), kTcp, 40000, 8080}));
  EXPECT_TRUE(t.backends[1].result.delivered);
  std::string text = TraceToText(t, FlowNames{"internet", address}, false);
  EXPECT_NE(text.find("backend: alb listener tcp 443 forwards to target group web-tg: web[1] "
                      "(10.1.17.4) on tcp 8080, a connection of its own\n  trace alb -> web[1]: "),
            std::string::npos)
      << text;
  // A client port the private NACL does not answer: the backend leg is dropped there, while the
  // client's own connection to the listener still is delivered.
  TraceResult low = Trace(n, "internet", address.c_str(), kTcp, 443, 2000);
  EXPECT_TRUE(low.delivered);
  ASSERT_EQ(low.backends.size(), 2u);
  EXPECT_FALSE(low.backends[0].result.delivered);
  EXPECT_EQ(Codes(low.backends[0].result), "SUBNET_ACL_RESTRICTION");
  // max_proxies 0 stops at the balancer.
  TraceOptions stop;
  stop.max_proxies = 0;
  Origin internet = ResolveEndpoint(*n.model, "internet", nullptr)->Origins(*n.model).front();
  EXPECT_TRUE(n.tracer
                  ->Trace(internet, Packet{Ip("198.51.100.7"), *alb0.public_ip, kTcp, 40000, 443},
                          stop)
                  .backends.empty());
}

TEST(LoadBalancerTest, TheSolverAgreesWithTheTracerOnEveryClientPort) {
  Network n = Load(kShop);
  PacketSetManager manager;
  Solver solver(*n.model, *n.graph);
  std::string error;
  Endpoint web = *ResolveEndpoint(*n.model, "web[0]", &error);
  Origin box = ResolveEndpoint(*n.model, "box", &error)->Origins(*n.model).front();
  SolverOptions options;
  options.destination = &web;
  ReachResult r = solver.Reach(box, PacketSet::All(), options);
  PacketSet reached;
  for (const DeliveredClass& c : r.classes) reached |= solver.DeliveredTo(c, web);
  const Eni& inner0 = loader_testing::Get(n.model->enis, "inner-alb[0]");
  Ipv4 src = loader_testing::Get(n.model->enis, "box").private_ip;
  for (int port : {1024, 20000, 32767, 32768, 50000, 65535}) {
    Packet p{src, inner0.private_ip, kTcp, static_cast<std::uint16_t>(port), 80};
    TraceResult t = n.tracer->Trace(box, p);
    bool traced = t.delivered && !t.backends.empty() && t.backends[0].result.delivered;
    EXPECT_EQ(reached.Contains(p), traced) << "client port " << port;
  }
  // The proxied class's path: the client leg, the proxy, the backend leg.
  bool found = false;
  for (const DeliveredClass& c : r.classes) {
    if (!c.Passes("inner-alb")) continue;
    found = true;
    EXPECT_TRUE(c.Passes("web"));
    EXPECT_EQ(std::count_if(c.forward.begin(), c.forward.end(), IsProxyStep), 1);
    EXPECT_EQ(c.delivery.kind, DeliveryKind::kEni);
    EXPECT_EQ(n.model->enis[c.delivery.index].id, "web[0]");
  }
  EXPECT_TRUE(found);
  // Without a destination the paths end at the balancer.
  ReachResult open = solver.Reach(box, PacketSet::All());
  for (const DeliveredClass& c : open.classes) {
    if (c.delivery.kind == DeliveryKind::kEni) {
      EXPECT_NE(n.model->enis[c.delivery.index].id.rfind("web", 0), 0u);
    }
  }
}

TEST(LoadBalancerTest, TheMatrixSaysItStopsAtTheBalancers) {
  Network n = Load(kShop);
  MatrixQuery q;
  q.by = MatrixBy::kWorkload;
  MatrixResult m = ComputeMatrix(*n.model, *n.graph, q);
  EXPECT_EQ(m.proxies, (std::vector<std::string>{"alb", "inner-alb"}));
  std::optional<std::string> text = MatrixToText(m, q);
  ASSERT_TRUE(text.has_value());
  EXPECT_NE(text->find("note: connections end at load balancers (alb, inner-alb); what they open "
                       "to their targets is not in the table: ask vpcreach reach --to TARGET\n"),
            std::string::npos)
      << *text;
}

}  // namespace
}  // namespace vpcreach::testing
