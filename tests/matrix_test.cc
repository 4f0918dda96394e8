// `vpcreach matrix`: the equivalence classes are sound (checked against one solver run per ENI),
// and the renderings are exact.
#include "sim/query/matrix.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "sim/packet_set.h"
#include "sim/query/check.h"
#include "sim/report/matrix_report.h"
#include "sim/solver.h"
#include "tests/generator/network_generator.h"
#include "tests/test_util.h"

namespace vpcreach::testing {
namespace {

// a1..a4 are alike (same subnet, group, role); a5 is named by a /32 rule; b1, b2 carry another
// group; r is a route target; p has a public IP.
const char* kNetwork = R"(
vpcreach: 1
vpcs: {v: {cidr: 10.0.0.0/16}}
internet_gateways: {igw: {vpc: v}}
subnets:
  a: {vpc: v, cidr: 10.0.0.0/24, az: a, route_table: rt}
  b: {vpc: v, cidr: 10.0.1.0/24, az: b, route_table: rt, network_acl: tight}
route_tables:
  rt: {vpc: v, routes: [{destination: 0.0.0.0/0, target: igw}, {destination: 10.9.0.0/16, target: r}]}
network_acls:
  tight:
    vpc: v
    ingress: [{rule: 10, action: deny, protocol: all, cidr: 10.0.0.13/32}, {rule: 20, action: allow, protocol: all, cidr: 0.0.0.0/0}]
    egress:  [{rule: 10, action: allow, protocol: all, cidr: 0.0.0.0/0}]
security_groups:
  app: {vpc: v, ingress: [{protocol: tcp, ports: 443, security_group: app}, {protocol: tcp, ports: 22, cidr: 10.0.1.0/24}]}
  db:  {vpc: v, ingress: [{protocol: tcp, ports: 5432, security_group: app}]}
enis:
  a1: {subnet: a, private_ip: 10.0.0.10, security_groups: [app]}
  a2: {subnet: a, private_ip: 10.0.0.11, security_groups: [app]}
  a3: {subnet: a, private_ip: 10.0.0.12, security_groups: [app]}
  a4: {subnet: a, private_ip: 10.0.0.13, security_groups: [app]}
  b1: {subnet: b, private_ip: 10.0.1.10, security_groups: [db]}
  b2: {subnet: b, private_ip: 10.0.1.11, security_groups: [db]}
  r:  {subnet: a, private_ip: 10.0.0.20, security_groups: [app]}
  p:  {subnet: a, private_ip: 10.0.0.30, public_ip: 54.0.0.1, security_groups: [app]}
)";

TEST(MatrixTest, EquivalentEnisShareAClass) {
  Network n = Load(kNetwork);
  std::size_t count = 0;
  std::vector<std::size_t> c = EniClasses(*n.model, &count);
  auto of = [&](const std::string& id) {
    for (Index e = 0; e < n.model->enis.size(); ++e) {
      if (n.model->enis[e].id == id) return c[e];
    }
    return std::size_t{999};
  };
  EXPECT_EQ(of("a1"), of("a2"));
  EXPECT_EQ(of("a1"), of("a3"));
  EXPECT_NE(of("a1"), of("a4"));  // the NACL names 10.0.0.13/32
  EXPECT_EQ(of("b1"), of("b2"));
  EXPECT_NE(of("a1"), of("b1"));
  EXPECT_NE(of("a1"), of("r"));  // a route target
  EXPECT_NE(of("a1"), of("p"));  // a public IP
  EXPECT_EQ(count, 5u);
}

// The class shortcut gives the same ENI matrix as one solver run per ENI, for several spaces.
TEST(MatrixTest, ClassesGiveTheSameAnswerAsOneRunPerEni) {
  Network n = Load(kNetwork);
  PacketSetManager manager;
  Solver solver(*n.model, *n.graph);
  for (int protocol : {kTcp, kAllProtocols}) {
    for (std::optional<PortRange> ports : {std::optional<PortRange>{}, std::optional<PortRange>{PortRange{443, 443}}}) {
      if (protocol != kTcp && ports) continue;
      MatrixQuery q;
      q.protocol = protocol;
      q.ports = ports;
      MatrixResult m = ComputeMatrix(*n.model, *n.graph, q);
      size_t enis = n.model->enis.size();
      for (Index x = 0; x < enis; ++x) {
        std::string error;
        Origin origin = ResolveEndpoint(*n.model, n.model->enis[x].id, &error)->Origins(*n.model).front();
        ReachResult r = solver.Reach(origin, QuerySpace(origin, IpRangeSet::All(), protocol, ports, PortRange{1024, 65535}));
        for (Index y = 0; y < enis; ++y) {
          bool reached = false;
          for (const DeliveredClass& c : r.classes) {
            reached |= c.delivery.kind == DeliveryKind::kEni && c.delivery.index == y;
          }
          EXPECT_EQ(m.reach[x][y], reached) << n.model->enis[x].id << " -> " << n.model->enis[y].id;
        }
      }
    }
  }
}

// On generated networks (NAT gateways, public IPs, hairpins, middleboxes, SageMaker, every
// service): the matrix, in one process and in two, against one full solver run per ENI and per
// service origin (every path, steps recorded).
TEST(MatrixTest, GeneratedNetworksMatchFullRunsInOneOrTwoProcesses) {
  for (std::uint64_t seed = 1; seed <= 12; ++seed) {
    Network n = Load(GenerateScenario(SmallRandomNetwork(seed)));
    const Model& m = *n.model;
    PacketSetManager manager;
    Solver solver(m, *n.graph);
    MatrixQuery q;
    q.workers = 1;
    MatrixResult one = ComputeMatrix(m, *n.graph, q);
    q.workers = 2;
    MatrixResult two = ComputeMatrix(m, *n.graph, q);
    ASSERT_EQ(one.reach, two.reach) << "seed " << seed;
    ASSERT_EQ(one.labels, two.labels) << "seed " << seed;
    auto column = [&](Index y) { return static_cast<std::size_t>(y); };
    auto row_of = [&](const std::string& label) {
      return static_cast<std::size_t>(std::find(one.labels.begin(), one.labels.end(), label) - one.labels.begin());
    };
    auto check = [&](std::size_t row, const Origin& origin, const std::string& what) {
      ReachResult r = solver.Reach(origin, QuerySpace(origin, IpRangeSet::All(), kTcp, std::nullopt, PortRange{1024, 65535}));
      std::vector<bool> reached(m.enis.size(), false);
      for (const DeliveredClass& c : r.classes) {
        if (c.delivery.kind == DeliveryKind::kEni) reached[c.delivery.index] = true;
      }
      for (Index y = 0; y < m.enis.size(); ++y) {
        bool cell = one.reach[row][column(y)];
        if (cell != reached[y]) {
          ADD_FAILURE() << "seed " << seed << ": " << what << " -> " << m.enis[y].id << ": matrix "
                        << cell << ", solver " << reached[y];
        }
      }
    };
    std::string error;
    for (Index x = 0; x < m.enis.size(); ++x) {
      check(x, ResolveEndpoint(m, m.enis[x].id, &error)->Origins(m).front(), m.enis[x].id);
    }
    for (const Service& s : m.services) {
      std::size_t row = row_of(s.name);
      ASSERT_LT(row, one.labels.size()) << s.name;
      for (const Origin& o : ResolveEndpoint(m, s.name, &error)->Origins(m)) check(row, o, s.name);
    }
  }
}

TEST(MatrixTest, TableAndCsv) {
  Network n = Load(kNetwork);
  MatrixQuery q;
  q.by = MatrixBy::kSecurityGroup;
  q.ports = PortRange{5432, 5432};
  MatrixResult m = ComputeMatrix(*n.model, *n.graph, q);
  EXPECT_EQ(*MatrixToText(m, q),
            "who reaches whom, by security-group, tcp port 5432 (rows reach columns; X = some "
            "request is delivered and answered)\n"
            " 1  app\n"
            " 2  db\n"
            " 3  internet\n"
            " 4  pypi\n"
            " 5  s3\n"
            " 6  dynamodb\n"
            "            1  2  3  4  5  6\n"
            "app         .  X  X  X  X  X\n"
            "db          .  .  .  .  .  .\n"
            "internet    .  .  .  .  .  .\n"
            "pypi        .  .  .  .  .  .\n"
            "s3          .  .  .  .  .  .\n"
            "dynamodb    .  .  .  .  .  .\n");
  EXPECT_EQ(MatrixToCsv(m),
            "from,to\napp,db\napp,internet\napp,pypi\napp,s3\napp,dynamodb\n");
}

TEST(MatrixTest, LabByWorkload) {
  LoadResult lab = LoadScenarioFiles({VPCREACH_SOURCE_DIR "/scenarios/sagemaker-lab.yaml"});
  ASSERT_TRUE(lab.ok());
  ForwardingGraph graph(lab.model);
  MatrixQuery q;
  q.by = MatrixBy::kWorkload;
  q.protocol = kAllProtocols;
  MatrixResult m = ComputeMatrix(lab.model, graph, q);
  EXPECT_EQ(MatrixToCsv(m),
            "from,to\nnotebook,internet\nnotebook,pypi\nnotebook,s3\nnotebook,dynamodb\n"
            "training,training\n");
  EXPECT_EQ(m.enis, 3u);
}

}  // namespace
}  // namespace vpcreach::testing
