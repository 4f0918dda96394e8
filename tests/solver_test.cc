// The solver's building blocks: predicates over symbolic headers against concrete evaluation,
// the image of a header, budgets and refusals.
#include "sim/solver.h"

#include <gtest/gtest.h>

#include <random>

#include "tests/test_util.h"

namespace vpcreach::testing {
namespace {

class SolverTest : public ::testing::Test {
 protected:
  PacketSetManager manager_;
};

SymbolicHeader Remapped() {
  SymbolicHeader h = SymbolicHeader::Identity();
  h[Field::kSrcPort].kind = FieldExpr::Kind::kRemapped;
  return h;
}

// ExprInRange on a remapped port holds exactly when the concrete remapped port is in range.
TEST_F(SolverTest, RemappedPortRangesMatchConcreteEvaluation) {
  SymbolicHeader h = Remapped();
  const std::pair<int, int> ranges[] = {{0, 65535}, {1024, 65535}, {1024, 2047}, {1500, 1600},
                                        {0, 1023},   {80, 80},      {2000, 3000}, {1104, 1104}};
  for (auto [lo, hi] : ranges) {
    PacketSet set = ExprInRange(h, Field::kSrcPort, lo, hi);
    for (int protocol : {kTcp, kUdp, kIcmp}) {
      for (int port = 0; port < 4096; port += 7) {
        Packet p{1, 2, protocol, static_cast<std::uint16_t>(HasPorts(protocol) ? port : 0), 443};
        if (!HasPorts(protocol)) p.dst_port = 0;
        int seen = h.Apply(p).src_port;
        EXPECT_EQ(set.Contains(p), seen >= lo && seen <= hi)
            << ProtocolName(protocol) << " port " << p.src_port << " in " << lo << "-" << hi;
      }
    }
  }
}

TEST_F(SolverTest, ExprEqualsComparesConstantsOriginalsAndRemaps) {
  SymbolicHeader h = Remapped();
  // A remapped port equals the original port exactly when the remap is the identity.
  PacketSet same = ExprEquals(h, Field::kSrcPort, FieldExpr{FieldExpr::Kind::kOriginal, Field::kSrcPort, 0});
  EXPECT_TRUE(same.Contains(Packet{1, 2, kTcp, 5000, 443}));
  EXPECT_FALSE(same.Contains(Packet{1, 2, kTcp, 80, 443}));
  EXPECT_TRUE(same.Contains(Packet{1, 2, kIcmp, 0, 0}));
  // A constant against an original field is a value test.
  PacketSet is_nat = ExprEquals(h, Field::kSrc, FieldExpr{FieldExpr::Kind::kConstant, Field::kSrc, 7});
  EXPECT_TRUE(is_nat.Contains(Packet{7, 2, kTcp, 5000, 443}));
  EXPECT_FALSE(is_nat.Contains(Packet{8, 2, kTcp, 5000, 443}));
  EXPECT_TRUE(ExprEquals(h, Field::kDst, h[Field::kDst]).IsAll());
}

TEST_F(SolverTest, ImageIsTheSetOfRewrittenHeaders) {
  SymbolicHeader h = Remapped();
  h[Field::kSrc] = FieldExpr{FieldExpr::Kind::kConstant, Field::kSrc, *ParseIpv4("52.0.0.10")};
  PacketSet sent = PacketSet::Range(Field::kSrcPort, 0, 3000) & PacketSet::Value(Field::kProtocol, kTcp) &
                   PacketSet::Prefix(Field::kDst, *ParseCidr("151.101.0.0/16"));
  std::optional<PacketSet> image = h.Image(sent);
  ASSERT_TRUE(image);
  std::mt19937 random(7);
  for (int i = 0; i < 2000; ++i) {
    Packet preferred{static_cast<Ipv4>(random()), static_cast<Ipv4>(random()), kTcp,
                     static_cast<std::uint16_t>(random() % 3001), static_cast<std::uint16_t>(random())};
    Packet p = *sent.Witness(&preferred);
    EXPECT_TRUE(image->Contains(h.Apply(p))) << FormatPacket(p);
  }
  // Ports 0-1023 were remapped into 1024-2047, so nothing arrives below 1024.
  EXPECT_TRUE((*image & PacketSet::Range(Field::kSrcPort, 0, 1023)).IsEmpty());
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

}  // namespace
}  // namespace vpcreach::testing
