// ICMP types and codes, end to end: what a rule for one type admits, what a NACL deny of one type
// refuses, which messages need their reply (and the NACL's other direction), the gateway
// endpoint's echo-only restriction, and how packets, rules and header classes are written. Every
// behaviour is checked on the tracer and on the solver, which must agree.
#include <gtest/gtest.h>

#include <string>

#include "sim/header_space.h"
#include "sim/packet.h"
#include "sim/query/check.h"
#include "sim/query/header_text.h"
#include "sim/query/model_diff.h"
#include "sim/query/reach.h"
#include "sim/rules.h"
#include "sim/solver.h"
#include "tests/test_util.h"

namespace vpcreach::testing {
namespace {

// Two subnets: `client` in ops, `server` in app, each with its own NACL (allow all) and group
// (the server's admits all ICMP from the VPC and has no egress rule); tests edit them.
const char* kNetwork = R"(
vpcreach: 1
vpcs: {v: {cidr: 10.0.0.0/16}}
subnets:
  ops: {vpc: v, cidr: 10.0.1.0/24, az: a, route_table: rt, network_acl: ops-acl}
  app: {vpc: v, cidr: 10.0.2.0/24, az: a, route_table: rt, network_acl: app-acl}
route_tables: {rt: {vpc: v, routes: []}}
network_acls:
  ops-acl:
    vpc: v
    ingress: [{rule: 100, action: allow, protocol: all, cidr: 0.0.0.0/0}]
    egress: [{rule: 100, action: allow, protocol: all, cidr: 0.0.0.0/0}]
  app-acl:
    vpc: v
    ingress: [{rule: 100, action: allow, protocol: all, cidr: 0.0.0.0/0}]
    egress: [{rule: 100, action: allow, protocol: all, cidr: 0.0.0.0/0}]
security_groups:
  client-sg: {vpc: v}
  server-sg: {vpc: v, ingress: [{protocol: icmp, cidr: 10.0.0.0/16}], egress: []}
enis:
  client: {subnet: ops, private_ip: 10.0.1.10, security_groups: [client-sg]}
  server: {subnet: app, private_ip: 10.0.2.10, security_groups: [server-sg]}
)";
constexpr const char* kServer = "10.0.2.10";

// The first origin of `from`.
Origin OriginOf(const Network& n, const std::string& from) {
  std::string error;
  std::optional<Endpoint> endpoint = ResolveEndpoint(*n.model, from, &error);
  EXPECT_TRUE(endpoint.has_value()) << error;
  return endpoint->Origins(*n.model).front();
}

// What the solver delivers and answers of every request from `from`.
PacketSet SolverDelivers(const Network& n, const std::string& from) {
  Solver solver(*n.model, *n.graph);
  ReachResult r = solver.Reach(OriginOf(n, from), PacketSet::All());
  EXPECT_FALSE(r.budget_exceeded);
  return r.Delivered();
}

// Traces ICMP `type`/`code` from `from` to `dst` and checks the solver agrees; the trace.
TraceResult Agreed(const Network& n, const std::string& from, const char* dst, int type,
                   int code = 0) {
  TraceResult t = TraceIcmp(n, from, dst, type, code);
  EXPECT_EQ(SolverDelivers(n, from).Contains(t.packet), t.delivered)
      << FormatPacket(t.packet) << "\n"
      << Path(t) << Codes(t);
  return t;
}

// Each test owns the BDD table (a table that outlives the test would change the budget tests').
class IcmpTest : public ::testing::Test {
  PacketSetManager manager_;
};
using IcmpTextTest = IcmpTest;
using IcmpHeaderSpaceTest = IcmpTest;

// A group that admits echo requests only is not a group that admits all of ICMP.
TEST_F(IcmpTest, GroupForEchoRequestAdmitsEchoRequestsOnly) {
  Network n = Load(Edit(kNetwork, "ingress: [{protocol: icmp, cidr: 10.0.0.0/16}]",
                        "ingress: [{protocol: icmp, icmp_type: 8, cidr: 10.0.0.0/16}]"));
  TraceResult echo = Agreed(n, "client", kServer, kIcmpEchoRequest);
  EXPECT_TRUE(echo.delivered) << Path(echo) << Codes(echo);
  // The echo reply leaves by the group's stateful return, though the group has no egress rule.
  EXPECT_EQ(echo.reverse[1].decision, "egress: return traffic of an allowed connection (stateful)");
  TraceResult timestamp = Agreed(n, "client", kServer, 13);
  EXPECT_FALSE(timestamp.delivered);
  EXPECT_EQ(Codes(timestamp), "ENI_SG_RULES_MISMATCH");
  EXPECT_EQ(timestamp.explanations[0].message,
            "no ingress rule of security group server-sg on server allows icmp timestamp-request "
            "from 10.0.1.10");
  EXPECT_TRUE(Agreed(n, "client", kServer, kIcmpEchoRequest, 1).delivered);  // every code
  EXPECT_FALSE(Agreed(n, "client", kServer, 3, 4).delivered);
}

TEST_F(IcmpTest, GroupForOneCodeAdmitsThatCodeOnly) {
  Network n =
      Load(Edit(kNetwork, "ingress: [{protocol: icmp, cidr: 10.0.0.0/16}]",
                "ingress: [{protocol: icmp, icmp_type: 3, icmp_code: 4, cidr: 10.0.0.0/16}]"));
  EXPECT_TRUE(Agreed(n, "client", kServer, 3, 4).delivered);
  EXPECT_FALSE(Agreed(n, "client", kServer, 3, 3).delivered);
  EXPECT_FALSE(Agreed(n, "client", kServer, 4, 4).delivered);
}

// A NACL that denies echo requests before it allows all of ICMP refuses echo only: the other
// types still pass, so `reachable: false` for protocol icmp is not proved.
TEST_F(IcmpTest, NaclDenyOfOneTypeIsNotADenyOfAllIcmp) {
  std::string yaml =
      Edit(kNetwork,
           std::string("ingress: [{rule: 100, action: allow, protocol: all, cidr: 0.0.0.0/0}]\n"
                       "    egress: [{rule: 100, action: allow, protocol: all, cidr: 0.0.0.0/0}]\n"
                       "security_groups:"),
           "ingress:\n"
           "      - {rule: 10, action: deny, protocol: icmp, icmp_type: 8, cidr: 0.0.0.0/0}\n"
           "      - {rule: 20, action: allow, protocol: icmp, cidr: 0.0.0.0/0}\n"
           "    egress: [{rule: 100, action: allow, protocol: all, cidr: 0.0.0.0/0}]\n"
           "security_groups:");
  Network n = Load(yaml);
  TraceResult echo = Agreed(n, "client", kServer, kIcmpEchoRequest);
  EXPECT_FALSE(echo.delivered);
  EXPECT_EQ(Codes(echo), "SUBNET_ACL_RESTRICTION");
  EXPECT_EQ(echo.forward[5].rule, "rule 10 deny icmp type 8 (echo-request) 0.0.0.0/0");
  TraceResult timestamp = Agreed(n, "client", kServer, 13);
  EXPECT_TRUE(timestamp.delivered) << Path(timestamp) << Codes(timestamp);
  EXPECT_EQ(IcmpType(timestamp.reverse.back().packet), 14);  // answered by a timestamp reply

  Network checked = Load(yaml + R"(expect:
  - {name: no icmp at all, from: client, to: server, protocol: icmp, reachable: false}
  - {name: no echo, from: client, to: server, protocol: icmp, icmp_type: 8, reachable: false}
  - {name: timestamp, from: client, to: server, protocol: icmp, icmp_type: 13, icmp_code: 0, reachable: true}
)");
  CheckReport report = RunChecks(*checked.model, *checked.graph);
  ASSERT_EQ(report.results.size(), 3u);
  EXPECT_FALSE(report.results[0].passed);
  EXPECT_EQ(report.results[0].asked, 65536);  // every type and code, one source and destination
  EXPECT_EQ(report.results[0].delivered, 65536 - 256);
  EXPECT_TRUE(report.results[1].passed) << report.results[1].detail;
  EXPECT_EQ(report.results[1].detail,
            "unreachable: none of 256 requests is delivered and answered");
  EXPECT_EQ(Codes(*report.results[1].witness), "SUBNET_ACL_RESTRICTION");
  EXPECT_TRUE(report.results[2].passed) << report.results[2].detail;
  EXPECT_EQ(report.results[2].asked, 1);
}

// NACLs are stateless: the echo request leaves by a rule for type 8, and its reply (type 0) needs
// a rule of its own in the other direction.
TEST_F(IcmpTest, EchoReplyNeedsTheNaclsOtherDirection) {
  std::string yaml = Edit(
      kNetwork,
      "ingress: [{rule: 100, action: allow, protocol: all, cidr: 0.0.0.0/0}]\n"
      "    egress: [{rule: 100, action: allow, protocol: all, cidr: 0.0.0.0/0}]\n"
      "  app-acl:",
      "ingress: [{rule: 100, action: allow, protocol: tcp, cidr: 0.0.0.0/0}]\n"
      "    egress: [{rule: 100, action: allow, protocol: icmp, icmp_type: 8, cidr: 0.0.0.0/0}]\n"
      "  app-acl:");
  Network n = Load(yaml);
  TraceResult echo = Agreed(n, "client", kServer, kIcmpEchoRequest);
  EXPECT_TRUE(echo.forward_arrived);
  EXPECT_FALSE(echo.delivered);
  EXPECT_EQ(Codes(echo), "SUBNET_ACL_RESTRICTION");
  EXPECT_EQ(echo.explanations[0].message,
            "no inbound rule of network ACL ops-acl (subnet ops) allows icmp 10.0.2.10 -> "
            "10.0.1.10 echo-reply, so the implicit final rule denies it");
  // Admitting echo replies back fixes it.
  Network fixed = Load(
      Edit(yaml, "ingress: [{rule: 100, action: allow, protocol: tcp, cidr: 0.0.0.0/0}]",
           "ingress: [{rule: 100, action: allow, protocol: icmp, icmp_type: 0, cidr: 0.0.0.0/0}]"));
  EXPECT_TRUE(Agreed(fixed, "client", kServer, kIcmpEchoRequest).delivered);
  // Timestamp requests leave by no rule at all.
  EXPECT_FALSE(Agreed(fixed, "client", kServer, 13).delivered);
}

// A message that asks for no reply (destination unreachable, time exceeded, an echo reply sent
// on its own) is reached when it is delivered: there is no reply leg for a NACL to stop.
TEST_F(IcmpTest, OneWayMessagesAreReachedWhenDelivered) {
  Network n = Load(Edit(kNetwork,
                        "ingress: [{rule: 100, action: allow, protocol: all, cidr: 0.0.0.0/0}]\n"
                        "    egress: [{rule: 100, action: allow, protocol: all, cidr: 0.0.0.0/0}]\n"
                        "  app-acl:",
                        "ingress: []\n"
                        "    egress: [{rule: 100, action: allow, protocol: all, cidr: 0.0.0.0/0}]\n"
                        "  app-acl:"));
  for (auto [type, code] : {std::pair{3, 4}, {11, 0}, {kIcmpEchoReply, 0}, {5, 1}, {200, 7}}) {
    TraceResult t = Agreed(n, "client", kServer, type, code);
    EXPECT_TRUE(t.delivered) << type << " " << Path(t) << Codes(t);
    EXPECT_TRUE(t.reverse.empty());
  }
  // A query is not one-way: its reply meets the ops NACL, which admits nothing.
  for (int type : {kIcmpEchoRequest, 13, 15, 17}) {
    EXPECT_FALSE(Agreed(n, "client", kServer, type).delivered) << type;
  }
  // The solver's class for a one-way message has the request's path and no return.
  Solver solver(*n.model, *n.graph);
  ReachResult r = solver.Reach(OriginOf(n, "client"),
                               PacketSet::Of(IcmpPacket(Ip("10.0.1.10"), Ip(kServer), 3, 4)));
  ASSERT_EQ(r.classes.size(), 1u);
  EXPECT_FALSE(r.classes[0].forward.empty());
  EXPECT_TRUE(r.classes[0].reverse.empty());
  EXPECT_EQ(r.classes[0].delivery.kind, DeliveryKind::kEni);
}

// The gateway endpoint carries tcp and ICMP echo (request and reply), no other ICMP type.
TEST_F(IcmpTest, GatewayEndpointCarriesEchoOnly) {
  Network n = Load(Edit(kNetwork, "route_tables: {rt: {vpc: v, routes: []}}",
                        "route_tables: {rt: {vpc: v, routes: []}}\n"
                        "vpc_endpoints: {s3-gw: {vpc: v, service: s3, route_tables: [rt]}}"));
  const char* s3 = "52.216.0.1";
  TraceResult echo = Agreed(n, "client", s3, kIcmpEchoRequest);
  EXPECT_TRUE(echo.delivered) << Path(echo) << Codes(echo);
  EXPECT_TRUE(Passes(echo, "s3-gw"));
  EXPECT_TRUE(Agreed(n, "client", s3, kIcmpEchoReply).delivered);  // one-way, carried
  TraceResult timestamp = Agreed(n, "client", s3, 13);
  EXPECT_EQ(Codes(timestamp), "VPCE_GATEWAY_PROTOCOL_RESTRICTION");
  EXPECT_EQ(timestamp.explanations[0].message,
            "gateway endpoint s3-gw carries only tcp and icmp echo, not icmp timestamp-request");
  EXPECT_EQ(Codes(Agreed(n, "client", s3, 3, 4)), "VPCE_GATEWAY_PROTOCOL_RESTRICTION");
}

// The NAT gateway translates ICMP queries as it does tcp and udp: out, and the reply back.
TEST_F(IcmpTest, NatGatewayTranslatesQueries) {
  Network n = Load(R"(
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
enis: {worker: {subnet: priv}}
)");
  for (int type : {kIcmpEchoRequest, 13, 3}) {
    TraceResult t = Agreed(n, "worker", "151.101.0.1", type);
    EXPECT_TRUE(t.delivered) << type << Path(t) << Codes(t);
    EXPECT_TRUE(Passes(t, "nat"));
  }
}

// ---- how ICMP is written -------------------------------------------------------------------

TEST_F(IcmpTextTest, PacketsRulesAndHeaderClassesNameTheTypeAndCode) {
  EXPECT_EQ(FormatPacket(IcmpPacket(Ip("10.0.0.1"), Ip("10.0.0.2"), 8, 0)),
            "icmp 10.0.0.1 -> 10.0.0.2 echo-request");
  EXPECT_EQ(FormatPacket(IcmpPacket(Ip("10.0.0.1"), Ip("10.0.0.2"), 3, 4)),
            "icmp 10.0.0.1 -> 10.0.0.2 destination-unreachable code 4");
  EXPECT_EQ(FormatPacket(IcmpPacket(Ip("10.0.0.1"), Ip("10.0.0.2"), 42, 1)),
            "icmp 10.0.0.1 -> 10.0.0.2 type 42 code 1");
  EXPECT_EQ(FormatPacket(IcmpPacket(Ip("10.0.0.1"), Ip("10.0.0.2"), 17, 0).Reversed()),
            "icmp 10.0.0.2 -> 10.0.0.1 address-mask-reply");

  NaclRule deny;
  deny.number = 10;
  deny.allow = false;
  deny.protocol = kIcmp;
  deny.icmp = IcmpTypeCode{8, kAllIcmp};
  EXPECT_EQ(NaclRuleText(deny), "rule 10 deny icmp type 8 (echo-request) 0.0.0.0/0");
  deny.icmp = IcmpTypeCode{3, 4};
  EXPECT_EQ(NaclRuleText(deny),
            "rule 10 deny icmp type 3 code 4 (destination-unreachable) 0.0.0.0/0");
  deny.icmp = IcmpTypeCode{};
  EXPECT_EQ(NaclRuleText(deny), "rule 10 deny icmp 0.0.0.0/0");
  EXPECT_EQ(ProtocolAndPorts(kIcmp, PortRange{}, IcmpTypeCode{42, kAllIcmp}), "icmp type 42");

  PacketSet echo = PacketSet::Icmp(IcmpTypeCode{8, kAllIcmp});
  EXPECT_EQ(ProtocolPortPhrases(echo, 4), std::vector<std::string>{"icmp type 8 (echo-request)"});
  EXPECT_EQ(ProtocolPortPhrases(PacketSet::Icmp(IcmpTypeCode{}) - echo, 4),
            (std::vector<std::string>{"icmp types 0-7", "icmp types 9-255"}));
  Cube c;
  for (Field f : {Field::kProtocol, Field::kDst, Field::kSrc, Field::kDstPort, Field::kSrcPort}) {
    c[f] = FieldRange{0, (FieldWord{1} << FieldBits(f, Family::kIpv4)) - 1};  // an IPv4 cube
  }
  c[Field::kProtocol] = FieldRange{kIcmp, kIcmp};
  c[Field::kDst] = FieldRange{Ip("10.0.2.10"), Ip("10.0.2.10")};
  c[Field::kDstPort] = FieldRange{0x0300, 0x0304};
  EXPECT_EQ(HeaderText(c, false, true),
            "icmp type 3 codes 0-4 (destination-unreachable) to 10.0.2.10");
}

// `reach` shows ICMP classes by type, with a witness command that names the type and code.
TEST_F(IcmpTextTest, ReachGroupsIcmpByType) {
  Network n = Load(Edit(kNetwork, "ingress: [{protocol: icmp, cidr: 10.0.0.0/16}]",
                        "ingress: [{protocol: icmp, icmp_type: 8, cidr: 10.0.0.0/16}, "
                        "{protocol: icmp, icmp_type: 3, icmp_code: 4, cidr: 10.0.0.0/16}]"));
  ReachQuery q;
  q.from = "client";
  q.to = "server";
  q.protocol = kIcmp;
  std::string error;
  std::optional<ReachAnswer> a = RunReach(*n.model, *n.graph, q, &error);
  ASSERT_TRUE(a) << error;
  EXPECT_EQ(a->asked, 65536);
  EXPECT_EQ(a->delivered, 257);
  ASSERT_EQ(a->groups.size(), 1u);
  EXPECT_EQ(a->groups[0].headers,
            (std::vector<std::string>{"icmp type 3 code 4 (destination-unreachable) to 10.0.2.10",
                                      "icmp type 8 (echo-request) to 10.0.2.10"}));
  EXPECT_EQ(FormatPacket(a->groups[0].witness), "icmp 10.0.1.10 -> 10.0.2.10 echo-request");
  q.icmp = IcmpTypeCode{13, kAllIcmp};
  a = RunReach(*n.model, *n.graph, q, &error);
  ASSERT_TRUE(a) << error;
  EXPECT_EQ(a->asked, 256);
  EXPECT_TRUE(a->groups.empty());
  ASSERT_TRUE(a->refusal);
  EXPECT_EQ(FormatPacket(a->refusal->packet), "icmp 10.0.1.10 -> 10.0.2.10 timestamp-request");
}

// A changed ICMP type is a changed rule.
TEST_F(IcmpTextTest, ModelDiffSeesAChangedType) {
  std::string yaml = Edit(kNetwork, "ingress: [{protocol: icmp, cidr: 10.0.0.0/16}]",
                          "ingress: [{protocol: icmp, icmp_type: 8, cidr: 10.0.0.0/16}]");
  Network before = Load(yaml);
  Network after = Load(Edit(yaml, "icmp_type: 8", "icmp_type: 13"));
  ModelDiff d = DiffModels(*before.model, *after.model);
  std::vector<std::string> texts;
  for (const ComponentChange& c : d.changes) texts.push_back(c.Text());
  EXPECT_EQ(texts, std::vector<std::string>{
                       "sg server-sg: ingress rule icmp type 8 (echo-request) 10.0.0.0/16 changed "
                       "to icmp type 13 (timestamp-request) 10.0.0.0/16"});
}

// ---- the header space ------------------------------------------------------------------------

TEST_F(IcmpHeaderSpaceTest, RuleTypesAndCodesAndTheQueriesAreCellBoundaries) {
  Network n =
      Load(Edit(kNetwork, "ingress: [{protocol: icmp, cidr: 10.0.0.0/16}]",
                "ingress: [{protocol: icmp, icmp_type: 42, icmp_code: 7, cidr: 10.0.0.0/16}]"));
  Boundaries b = CollectBoundaries(*n.model);
  for (int cut : {0x2a07, 0x2a08, 0x0800, 0x0900, 0x0000, 0x0100, 0x1200, 0x1300, 65536}) {
    EXPECT_TRUE(std::binary_search(b.icmp.begin(), b.icmp.end(), cut)) << cut;
  }
  std::vector<Cell> cells = IcmpCells(IcmpTypeCode{}, b.icmp);
  EXPECT_EQ(cells.front().representative, IcmpField(kIcmpEchoRequest, 0));
  EXPECT_EQ(cells.size(), b.icmp.size() - 1);
  // One code of every type: a cell per type at least.
  EXPECT_GE(IcmpCells(IcmpTypeCode{kAllIcmp, 0}, b.icmp).size(), 256u);
  EXPECT_EQ(IcmpCells(IcmpTypeCode{42, kAllIcmp}, b.icmp).size(), 3u);  // 0-6, 7, 8-255

  // Every ICMP cell's representative is a well-formed packet, and the solver agrees with the
  // tracer on each.
  HeaderQuery q;
  q.sources = IpRangeSet::Of(HostCidr(Ip("10.0.1.10")));
  q.destinations = IpRangeSet::Of(HostCidr(Ip(kServer)));
  q.protocol = kIcmp;
  PacketSet delivered = SolverDelivers(n, "client");
  int visited = 0;
  ForEachClass(q, b, [&](const Packet& p) {
    ++visited;
    EXPECT_TRUE(PacketSet::Universe().Contains(p)) << FormatPacket(p);
    TraceResult t = n.tracer->Trace(OriginOf(n, "client"), p);
    EXPECT_EQ(t.delivered, delivered.Contains(p)) << FormatPacket(p);
    return true;
  });
  EXPECT_EQ(static_cast<std::uint64_t>(visited), CountClasses(q, b));
}

}  // namespace
}  // namespace vpcreach::testing
