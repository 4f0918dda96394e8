// The solver's building blocks: predicates over symbolic headers, the image of a header, budgets
// and refusals.
#include "sim/solver.h"

#include <gtest/gtest.h>

#include <map>
#include <random>
#include <string>

#include "tests/test_util.h"

namespace vpcreach::testing {
namespace {

class SolverTest : public ::testing::Test {
 protected:
  PacketSetManager manager_;
};

// A request past a NAT gateway: source address constant, source port the gateway's choice.
SymbolicHeader Chosen(std::uint64_t representative) {
  SymbolicHeader h = SymbolicHeader::Identity();
  h[Field::kSrc] = FieldExpr::Constant(*ParseIpv4("10.0.0.5"));
  h[Field::kSrcPort] = FieldExpr::Chosen(representative);
  return h;
}

// A chosen port reads as its representative: the solver splits a path where a filter tells
// choices apart, so inside one path the representative stands for all of them.
TEST_F(SolverTest, AChosenPortReadsAsItsRepresentative) {
  SymbolicHeader h = Chosen(32768);
  EXPECT_TRUE(ExprInRange(h, Field::kSrcPort, 32768, 65535).IsAll());
  EXPECT_TRUE(ExprInRange(h, Field::kSrcPort, 1024, 32767).IsEmpty());
  EXPECT_EQ(h.Apply(Packet{1, 2, kTcp, 80, 443}).src_port, 32768);
  // Reversed (the reply), the choice is the destination port that the NACLs read.
  EXPECT_TRUE(ExprInRange(h.Reversed(), Field::kDstPort, 32768, 32768).IsAll());
  // Against an original port: equal exactly when that port is the representative.
  PacketSet same = ExprEquals(h, Field::kSrcPort, FieldExpr::Original(Field::kSrcPort));
  EXPECT_TRUE(same.Contains(Packet{1, 2, kTcp, 32768, 443}));
  EXPECT_FALSE(same.Contains(Packet{1, 2, kTcp, 40000, 443}));
}

TEST_F(SolverTest, ExprEqualsComparesConstantsAndOriginals) {
  SymbolicHeader h = Chosen(1024);
  // A constant against an original field is a value test.
  PacketSet is_nat = ExprEquals(SymbolicHeader::Identity(), Field::kSrc, FieldExpr::Constant(7));
  EXPECT_TRUE(is_nat.Contains(Packet{7, 2, kTcp, 5000, 443}));
  EXPECT_FALSE(is_nat.Contains(Packet{8, 2, kTcp, 5000, 443}));
  EXPECT_TRUE(ExprEquals(h, Field::kDst, h[Field::kDst]).IsAll());
  EXPECT_TRUE(ExprEquals(h, Field::kSrc, FieldExpr::Constant(*ParseIpv4("10.0.0.5"))).IsAll());
}

TEST_F(SolverTest, ImageIsTheSetOfRewrittenHeaders) {
  SymbolicHeader h = Chosen(1024);
  h[Field::kSrc] = FieldExpr::Constant(*ParseIpv4("52.0.0.10"));
  PacketSet sent = PacketSet::Range(Field::kSrcPort, 0, 3000) & PacketSet::Value(Field::kProtocol, kTcp) &
                   PacketSet::Prefix(Field::kDst, *ParseCidr("151.101.0.0/16"));
  std::optional<PacketSet> image = h.Image(sent);
  ASSERT_TRUE(image);
  // The NAT gateway may pick any port of 1024-65535, whatever the client's.
  PacketSet expected = sent.Forget(Field::kSrcPort).Forget(Field::kSrc) &
                       PacketSet::Value(Field::kSrc, *ParseIpv4("52.0.0.10")) &
                       PacketSet::Range(Field::kSrcPort, 1024, 65535);
  EXPECT_TRUE(*image == expected);
  EXPECT_EQ(image->Values(Field::kSrc).size(), 1u);
  // A reply header (swapped fields) has no image.
  EXPECT_FALSE(SymbolicHeader::Identity().Reversed().Image(sent));
}

const char* kNetwork = R"(
vpcreach: 1
vpcs: {v: {cidr: 10.0.0.0/16}}
subnets:
  a: {vpc: v, cidr: 10.0.0.0/24, az: a}
security_groups:
  web: {vpc: v, ingress: [{protocol: tcp, ports: 443, cidr: 0.0.0.0/0}]}
enis:
  client: {subnet: a, private_ip: 10.0.0.10}
  server: {subnet: a, private_ip: 10.0.0.11, security_groups: [web]}
)";

TEST_F(SolverTest, DeliveredSetAndRefusal) {
  Network n = Load(kNetwork);
  Solver solver(*n.model, *n.graph);
  std::string error;
  Origin client = ResolveEndpoint(*n.model, "client", &error)->Origins(*n.model).front();
  Endpoint server = *ResolveEndpoint(*n.model, "server", &error);
  PacketSet to_server = PacketSet::Value(Field::kDst, *ParseIpv4("10.0.0.11"));
  ReachResult r = solver.Reach(client, to_server);
  PacketSet delivered;
  for (const DeliveredClass& c : r.classes) delivered |= solver.DeliveredTo(c, server);
  // Exactly tcp 443 from the client, every source port.
  PacketSet expected = PacketSet::Value(Field::kSrc, *ParseIpv4("10.0.0.10")) & to_server &
                       PacketSet::Value(Field::kProtocol, kTcp) & PacketSet::Value(Field::kDstPort, 443);
  EXPECT_TRUE(delivered == expected);
  EXPECT_EQ(r.refusal.code, "ENI_SG_RULES_MISMATCH");
  EXPECT_EQ(r.refusal.component, "web");
}

TEST_F(SolverTest, PathBudgetIsReported) {
  Network n = Load(kNetwork);
  Solver solver(*n.model, *n.graph);
  std::string error;
  Origin client = ResolveEndpoint(*n.model, "client", &error)->Origins(*n.model).front();
  SolverOptions options;
  options.max_classes = 0;
  EXPECT_TRUE(solver.Reach(client, PacketSet::All(), options).budget_exceeded);
  EXPECT_FALSE(solver.Reach(client, PacketSet::All()).budget_exceeded);
}

// Requests that leave one VPC by a NAT gateway (or from a public ENI) and come back in to public
// ENIs of another: the reply of `open` goes straight out by its internet gateway and is answered;
// `natted` answers through its own NAT gateway, with that gateway's address as the source, which
// the sender rejects; `dead` has no route back; `closed` refuses the request. Without steps (as
// `matrix` runs) the solver takes its one-path shortcut for each (Walk::PublicRoundTrip); the
// answer must be the one it gives with steps, and the tracer's.
const char* kHairpins = R"(
vpcreach: 1
vpcs: {home: {cidr: 10.0.0.0/16}, away: {cidr: 10.1.0.0/16}}
internet_gateways: {igw-home: {vpc: home}, igw-away: {vpc: away}}
subnets:
  edge:    {vpc: home, cidr: 10.0.0.0/24, az: a, route_table: to-igw-home}
  inside:  {vpc: home, cidr: 10.0.1.0/24, az: a, route_table: to-nat-home}
  public:  {vpc: away, cidr: 10.1.0.0/24, az: a, route_table: to-igw-away}
  private: {vpc: away, cidr: 10.1.1.0/24, az: a, route_table: to-nat-away}
  cut:     {vpc: away, cidr: 10.1.2.0/24, az: a, route_table: nowhere}
route_tables:
  to-igw-home: {vpc: home, routes: [{destination: 0.0.0.0/0, target: igw-home}]}
  to-nat-home: {vpc: home, routes: [{destination: 0.0.0.0/0, target: nat-home}]}
  to-igw-away: {vpc: away, routes: [{destination: 0.0.0.0/0, target: igw-away}]}
  to-nat-away: {vpc: away, routes: [{destination: 0.0.0.0/0, target: nat-away}]}
  nowhere:     {vpc: away, routes: [{destination: 0.0.0.0/0, target: blackhole}]}
nat_gateways:
  nat-home: {subnet: edge, public_ip: 52.0.0.1}
  nat-away: {subnet: public, public_ip: 52.0.0.2}
security_groups:
  web:  {vpc: away, ingress: [{protocol: tcp, ports: 443, cidr: 0.0.0.0/0}]}
  none: {vpc: away, ingress: []}
enis:
  open:   {subnet: public, private_ip: 10.1.0.10, public_ip: 54.0.0.1, security_groups: [web]}
  closed: {subnet: public, private_ip: 10.1.0.11, public_ip: 54.0.0.2, security_groups: [none]}
  natted: {subnet: private, private_ip: 10.1.1.10, public_ip: 54.0.0.3, security_groups: [web]}
  dead:   {subnet: cut, private_ip: 10.1.2.10, public_ip: 54.0.0.4, security_groups: [web]}
  client: {subnet: inside, private_ip: 10.0.1.10}
  direct: {subnet: edge, private_ip: 10.0.0.10, public_ip: 54.0.0.9}
)";

TEST_F(SolverTest, HairpinsBackInThroughPublicEnisAnswerOnlyByTheirInternetGateway) {
  Network n = Load(kHairpins);
  Solver solver(*n.model, *n.graph);
  SolverOptions fast;
  fast.record_steps = false;
  SolverOptions as_matrix = fast;
  as_matrix.one_class_per_eni = true;
  // From behind the NAT gateway (shared source address), and from a public ENI of its own.
  Index away = n.model->subnets[n.model->enis[0].subnet].vpc;  // enis[0] is `open`
  ASSERT_EQ(n.model->enis[0].id, "open");
  for (const char* from : {"client", "direct"}) {
    SCOPED_TRACE(from);
    std::string error;
    Origin origin = ResolveEndpoint(*n.model, from, &error)->Origins(*n.model).front();
    auto reached = [&](const SolverOptions& options) {
      std::map<std::string, PacketSet> out;
      for (const DeliveredClass& c : solver.Reach(origin, PacketSet::All(), options).classes) {
        if (c.delivery.kind != DeliveryKind::kEni) continue;
        const std::string& id = n.model->enis[c.delivery.index].id;
        if (n.model->subnets[n.model->enis[c.delivery.index].subnet].vpc == away)
          out[id] |= c.packets;
      }
      return out;
    };
    std::map<std::string, PacketSet> full = reached({});
    ASSERT_EQ(full.size(), 1u);
    ASSERT_EQ(full.begin()->first, "open");
    // tcp 443 to its public address, from every source port.
    Ipv4 src = origin.addresses.Ranges().front().lo;
    PacketSet expected = PacketSet::Universe() & PacketSet::Value(Field::kSrc, src) &
                         PacketSet::Value(Field::kDst, Ip("54.0.0.1")) &
                         PacketSet::Value(Field::kProtocol, kTcp) &
                         PacketSet::Value(Field::kDstPort, 443);
    EXPECT_TRUE(full["open"] == expected);
    EXPECT_TRUE(reached(fast) == full);
    std::map<std::string, PacketSet> one = reached(as_matrix);
    ASSERT_EQ(one.size(), 1u);
    EXPECT_EQ(one.begin()->first, "open");
    EXPECT_TRUE(one["open"].SubsetOf(expected));
    EXPECT_TRUE(Trace(n, from, "54.0.0.1").delivered);
    for (const char* refused : {"54.0.0.2", "54.0.0.3", "54.0.0.4"}) {
      EXPECT_FALSE(Trace(n, from, refused).delivered) << refused;
    }
  }
}

}  // namespace
}  // namespace vpcreach::testing
