// Regressions: mismatches the differential test (tests/differential_test.cc) found between the
// solver and the tracer, each hand-reduced to a small scenario. Every test asserts that the two
// agree and what the right answer is (aws-semantics.md decides when the tracer was wrong).
#include <gtest/gtest.h>

#include <string>

#include "sim/packet_set.h"
#include "sim/solver.h"
#include "tests/test_util.h"

namespace vpcreach::testing {
namespace {

struct Verdicts {
  TraceResult trace;
  bool solver = false;
  std::string Describe() const {
    return "tracer " + std::string(trace.delivered ? "delivers" : "drops") + ", solver " +
           (solver ? "delivers" : "drops") + "\n" + Path(trace) + "codes: " + Codes(trace);
  }
};

// Traces `p` from the first origin of kind `kind` of endpoint `from`, and asks the solver whether
// its delivered set holds `p`.
Verdicts Both(const Network& n, const std::string& from, OriginKind kind, const Packet& p,
              bool subnet_hosts = false) {
  Manager();
  std::string error;
  std::optional<Endpoint> endpoint = ResolveEndpoint(*n.model, from, &error);
  EXPECT_TRUE(endpoint.has_value()) << error;
  Origin origin;
  for (const Origin& o : endpoint->Origins(*n.model)) {
    if (o.kind == kind) {
      origin = o;
      break;
    }
  }
  TraceOptions trace_options;
  trace_options.deliver_to_subnet_hosts = subnet_hosts;
  SolverOptions solver_options;
  solver_options.deliver_to_subnet_hosts = subnet_hosts;
  Verdicts v;
  v.trace = n.tracer->Trace(origin, p, trace_options);
  Solver solver(*n.model, *n.graph);
  ReachResult result = solver.Reach(origin, PacketSet::All(), solver_options);
  EXPECT_FALSE(result.budget_exceeded);
  v.solver = result.Delivered().Contains(p);
  return v;
}

// A private subnet behind a NAT gateway in a public subnet; the worker's group admits everything
// (so that only the NAT gateway decides).
const char* kNatNetwork = R"(
vpcreach: 1
vpcs: {v: {cidr: 10.0.0.0/16}}
internet_gateways: {igw: {vpc: v}}
subnets:
  pub:  {vpc: v, cidr: 10.0.0.0/24, az: a, route_table: pub-rt}
  priv: {vpc: v, cidr: 10.0.1.0/24, az: a, route_table: priv-rt}
route_tables:
  pub-rt:  {vpc: v, routes: [{destination: 0.0.0.0/0, target: igw}]}
  priv-rt: {vpc: v, routes: [{destination: 0.0.0.0/0, target: nat}]}
nat_gateways: {nat: {subnet: pub, public_ip: 52.0.0.10, private_ip: 10.0.0.5}}
security_groups:
  open: {vpc: v, ingress: [{protocol: all, cidr: 0.0.0.0/0}]}
enis:
  worker: {subnet: priv, private_ip: 10.0.1.10, security_groups: [open]}
)";

// Found with seeds 1899 and 5108. A host behind the NAT gateway sends to the NAT gateway's own
// Elastic IP. The NAT translates the source to itself, the IGW maps it to the EIP and hairpins it
// back in to the NAT gateway, addressed to the NAT. The tracer's forward walk then looked the
// packet up in the connection table its own walk had just written (matching on protocol, and
// for tcp/udp on the NAT port only) and "translated it back" to the sender: the request was
// delivered to the sender itself, and likewise its reply. The solver drops it.
// Right answer: dropped. The packet reaching the NAT gateway from the IGW is a new inbound
// connection, not a reply ("Connections cannot be opened from outside through it",
// aws-semantics.md); a reply is only what the return walk carries back.
TEST(DifferentialRegressionTest, NatHairpinToItsOwnElasticIpIsNotAReply) {
  Network n = Load(kNatNetwork);
  Packet icmp = IcmpPacket(Ip("10.0.1.10"), Ip("52.0.0.10"), kIcmpEchoRequest, 0);
  Verdicts v = Both(n, "worker", OriginKind::kEni, icmp);
  EXPECT_FALSE(v.trace.delivered) << v.Describe();
  EXPECT_FALSE(v.solver) << v.Describe();
  EXPECT_EQ(v.trace.delivered, v.solver) << v.Describe();

  // tcp hits it when the source port equals the destination port (the NAT keeps the port).
  Packet tcp{Ip("10.0.1.10"), Ip("52.0.0.10"), kTcp, 40000, 40000};
  v = Both(n, "worker", OriginKind::kEni, tcp);
  EXPECT_FALSE(v.trace.delivered) << v.Describe();
  EXPECT_FALSE(v.solver) << v.Describe();

  // The same from a host of the subnet that no ENI holds (seed 5108).
  Packet host = IcmpPacket(Ip("10.0.1.50"), Ip("52.0.0.10"), kIcmpEchoRequest, 0);
  v = Both(n, "priv", OriginKind::kSubnetHost, host, /*subnet_hosts=*/true);
  EXPECT_FALSE(v.trace.delivered) << v.Describe();
  EXPECT_FALSE(v.solver) << v.Describe();
}

// The control: the same network delivers to the internet through the NAT gateway, on both sides.
TEST(DifferentialRegressionTest, NatNetworkReachesTheInternet) {
  Network n = Load(kNatNetwork);
  Packet p{Ip("10.0.1.10"), Ip("151.101.0.1"), kTcp, 40000, 443};
  Verdicts v = Both(n, "worker", OriginKind::kEni, p);
  EXPECT_TRUE(v.trace.delivered) << v.Describe();
  EXPECT_TRUE(v.solver) << v.Describe();
}

// Seed 704071: the internet reaches `web` through its public IP and the replies split over two
// routes back out (both to the internet gateway). With SolverOptions::one_class_per_eni (as
// `matrix` runs) the second reply path used to add a second class for `web`.
TEST(DifferentialRegressionTest, OneClassPerEniWhenTheReplySplits) {
  Network n = Load(R"(
vpcreach: 1
vpcs: {v: {cidr: 10.0.0.0/16}}
internet_gateways: {igw: {vpc: v}}
subnets: {pub: {vpc: v, cidr: 10.0.0.0/24, az: a, route_table: rt}}
route_tables:
  rt: {vpc: v, routes: [{destination: 0.0.0.0/0, target: igw}, {destination: 8.8.0.0/16, target: igw}]}
security_groups: {web: {vpc: v, ingress: [{protocol: tcp, ports: 443, cidr: 0.0.0.0/0}]}}
enis: {web: {subnet: pub, private_ip: 10.0.0.10, public_ip: 54.0.0.1, security_groups: [web]}}
)");
  Manager();
  Solver solver(*n.model, *n.graph);
  std::string error;
  Origin internet = ResolveEndpoint(*n.model, "internet", &error)->Origins(*n.model).front();
  auto classes_to_web = [&](const SolverOptions& options) {
    int count = 0;
    for (const DeliveredClass& c : solver.Reach(internet, PacketSet::All(), options).classes) {
      count += c.delivery.kind == DeliveryKind::kEni;
    }
    return count;
  };
  EXPECT_EQ(classes_to_web(SolverOptions{}), 2);  // one per route the replies take
  SolverOptions first;
  first.record_steps = false;
  first.one_class_per_eni = true;
  EXPECT_EQ(classes_to_web(first), 1);
}

}  // namespace
}  // namespace vpcreach::testing
