// A NAT gateway's source port (issue 10, point 6): the NAT gateway picks the translated port of
// each tcp/udp connection itself, anywhere in 1024-65535, whatever the client's port, so a NACL
// on the reply's way that admits only part of that range breaks the connections whose port falls
// outside it. `trace`, `check` (with its reports) and `audit` say so; `reachable` reads "some
// connection can succeed". Each test would fail on the code before (which kept the client's port).
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "sim/cli/commands.h"
#include "sim/query/audit.h"
#include "sim/query/check.h"
#include "sim/query/reach.h"
#include "sim/report/check_report.h"
#include "sim/report/ci_report.h"
#include "sim/report/reach_report.h"
#include "sim/report/trace_report.h"
#include "sim/solver.h"
#include "tests/test_util.h"

namespace vpcreach::testing {
namespace {

// The lab's shape: the client in private-a behind nat-a in public-a. pub-acl admits everything
// from inside the VPC, and from the internet only tcp 32768-65535 (a Linux client's range).
const char* kLab = R"(vpcreach: 1
name: nat ports
vpcs: {lab: {cidr: 10.1.0.0/16}}
internet_gateways: {igw: {vpc: lab}}
subnets:
  public-a:  {vpc: lab, cidr: 10.1.0.0/20,  az: a, route_table: public-rt, network_acl: pub-acl}
  private-a: {vpc: lab, cidr: 10.1.16.0/20, az: a, route_table: private-rt, network_acl: priv-acl}
route_tables:
  public-rt:  {vpc: lab, routes: [{destination: 0.0.0.0/0, target: igw}]}
  private-rt: {vpc: lab, routes: [{destination: 0.0.0.0/0, target: nat-a}]}
nat_gateways: {nat-a: {subnet: public-a, public_ip: 52.0.0.10, private_ip: 10.1.0.5}}
network_acls:
  pub-acl:
    vpc: lab
    ingress:
      - {rule: 90, action: allow, protocol: all, cidr: 10.1.0.0/16}
      - {rule: 100, action: allow, protocol: tcp, ports: 32768-65535, cidr: 0.0.0.0/0}
    egress: [{rule: 100, action: allow, protocol: all, cidr: 0.0.0.0/0}]
  priv-acl:
    vpc: lab
    ingress: [{rule: 100, action: allow, protocol: all, cidr: 0.0.0.0/0}]
    egress: [{rule: 100, action: allow, protocol: all, cidr: 0.0.0.0/0}]
security_groups:
  pip: {vpc: lab, egress: [{protocol: tcp, ports: 443, cidr: 0.0.0.0/0}]}
enis:
  client: {subnet: private-a, private_ip: 10.1.16.10, security_groups: [pip]}
)";

constexpr const char* kPartialRule =
    "{rule: 100, action: allow, protocol: tcp, ports: 32768-65535, cidr: 0.0.0.0/0}";

std::string WithReturnRule(const std::string& rule) { return Edit(kLab, kPartialRule, rule); }

const char* kPypi = "151.101.0.1";

constexpr const char* kWarning =
    "NAT gateway nat-a picks source ports 1024-65535; replies to ports 1024-32767 are refused by "
    "network ACL pub-acl (inbound rule * deny): those connections fail";

// ---- trace -----------------------------------------------------------------------------------

TEST(NatPortsTest, ALinuxClientsPortIsDeliveredWithTheWarning) {
  Network n = Load(kLab);
  TraceResult t = Trace(n, "client", kPypi, kTcp, 443, 40000);
  EXPECT_TRUE(t.delivered) << Path(t) << Codes(t);
  // The client's own port works, so the trace keeps it.
  ASSERT_EQ(t.nat_ports.size(), 1u);
  EXPECT_EQ(t.nat_ports[0].port, 40000);
  EXPECT_EQ(t.forward[7].decision, "source rewritten to 10.1.0.5:40000");
  ASSERT_EQ(t.warnings.size(), 1u);
  const TraceWarning& w = t.warnings[0];
  EXPECT_EQ(w.code, "NGW_EPHEMERAL_PORTS_PARTLY_REFUSED");
  EXPECT_EQ(w.component, "nat-a");
  EXPECT_EQ(w.message, kWarning);
  EXPECT_EQ(w.refused_by, "pub-acl");
  EXPECT_EQ(w.refused_by_kind, kKindNetworkAcl);
  EXPECT_EQ(w.decision, "inbound rule * deny");
  ASSERT_EQ(w.ports.size(), 1u);
  EXPECT_EQ(w.ports[0].ToString(), "1024-32767");
}

TEST(NatPortsTest, AClientPortOutsideTheAdmittedRangeIsDeliveredTooForTheNatPicksItsOwn) {
  Network n = Load(kLab);
  TraceResult t = Trace(n, "client", kPypi, kTcp, 443, 2000);
  EXPECT_TRUE(t.delivered) << Path(t) << Codes(t);
  // 2000 is refused back: the lowest choice that works is shown.
  EXPECT_EQ(t.forward[7].decision, "source rewritten to 10.1.0.5:32768");
  EXPECT_EQ(t.forward[7].code, "REMAP_EPHEMERAL_PORT");
  EXPECT_EQ(t.reverse[6].decision, "destination translated back to 10.1.16.10:2000");
  ASSERT_EQ(t.warnings.size(), 1u);
  EXPECT_EQ(t.warnings[0].message, kWarning);
  // Text and JSON say so.
  std::string text = TraceToText(t, FlowNames{"client", "pypi"}, false);
  EXPECT_NE(text.find("verdict: delivered, only for some NAT gateway source ports\n"
                      "warnings:\n"
                      "  NGW_EPHEMERAL_PORTS_PARTLY_REFUSED nat-a: " +
                      std::string(kWarning) + "\n"),
            std::string::npos)
      << text;
  nlohmann::ordered_json j = TraceToJson(t, FlowNames{"client", "pypi"});
  EXPECT_EQ(j["verdict"], "delivered");
  ASSERT_EQ(j["warnings"].size(), 1u);
  EXPECT_EQ(j["warnings"][0].dump(),
            nlohmann::ordered_json({{"code", "NGW_EPHEMERAL_PORTS_PARTLY_REFUSED"},
                                    {"component", "nat-a"},
                                    {"message", kWarning},
                                    {"ports", {"1024-32767"}},
                                    {"refused_by", "pub-acl"},
                                    {"refused_by_kind", "network_acl"},
                                    {"decision", "inbound rule * deny"},
                                    {"rule", "rule * deny all 0.0.0.0/0"},
                                    {"rule_location", nullptr}})
                .dump());
}

TEST(NatPortsTest, AWrittenDenyNamesItsRuleAndItsOnePort) {
  // RDP closed to the subnet by a deny before the ephemeral allow: a connection whose port the
  // NAT gateway picks as 3389 fails.
  std::string yaml = WithReturnRule(
      "{rule: 50, action: deny, protocol: tcp, ports: 3389, cidr: 0.0.0.0/0}\n      - "
      "{rule: 100, action: allow, protocol: tcp, ports: 1024-65535, cidr: 0.0.0.0/0}");
  Network n = Load(yaml);
  TraceResult t = Trace(n, "client", kPypi);
  EXPECT_TRUE(t.delivered) << Path(t) << Codes(t);
  ASSERT_EQ(t.warnings.size(), 1u);
  EXPECT_EQ(t.warnings[0].message,
            "NAT gateway nat-a picks source ports 1024-65535; replies to port 3389 are refused by "
            "network ACL pub-acl (inbound rule 50 deny): those connections fail");
  EXPECT_EQ(t.warnings[0].rule, "rule 50 deny tcp 3389 0.0.0.0/0");
  EXPECT_EQ(t.warnings[0].rule_location.line, 17);
}

TEST(NatPortsTest, TheWholeRangeAdmittedGivesNoWarning) {
  std::string yaml = WithReturnRule(
      "{rule: 100, action: allow, protocol: tcp, ports: 1024-65535, cidr: 0.0.0.0/0}");
  Network n = Load(yaml);
  for (int port : {40000, 2000, 80}) {
    TraceResult t = Trace(n, "client", kPypi, kTcp, 443, port);
    EXPECT_TRUE(t.delivered) << port << "\n" << Path(t) << Codes(t);
    EXPECT_TRUE(t.warnings.empty()) << port;
  }
  ExpectationResult r =
      CheckOne(yaml, "{name: pypi, from: client, to: pypi, port: 443, reachable: true}");
  EXPECT_TRUE(r.passed) << r.detail;
  EXPECT_FALSE(r.PassedWithWarnings());
  EXPECT_EQ(r.intermittent, 0);
  AuditReport audit = RunAudit(*n.model, *n.graph);
  for (const AuditFinding& f : audit.findings) EXPECT_NE(f.rule_id, "VPCR009") << f.message;
}

TEST(NatPortsTest, ANaclThatAdmitsNoneOfTheNatPortsBackIsUnreachableAndNamesItsRule) {
  std::string yaml =
      WithReturnRule("{rule: 100, action: allow, protocol: tcp, ports: 80, cidr: 0.0.0.0/0}");
  Network n = Load(yaml);
  TraceResult t = Trace(n, "client", kPypi);
  EXPECT_FALSE(t.delivered);
  EXPECT_TRUE(t.warnings.empty());
  EXPECT_EQ(Codes(t), "SUBNET_ACL_RESTRICTION");
  EXPECT_EQ(t.explanations[0].component, "pub-acl");
  EXPECT_EQ(t.explanations[0].message,
            "no inbound rule of network ACL pub-acl (subnet public-a) allows tcp "
            "151.101.0.1:443 -> 10.1.0.5:40000, so the implicit final rule denies it");
  ExpectationResult r =
      CheckOne(yaml, "{name: pypi, from: client, to: pypi, port: 443, reachable: false}");
  EXPECT_TRUE(r.passed) << r.detail;
  r = CheckOne(yaml, "{name: pypi, from: client, to: pypi, port: 443, reachable: true}");
  EXPECT_FALSE(r.passed);
  ASSERT_TRUE(r.witness);
  EXPECT_EQ(WhyLines(*r.witness).at(0),
            "SUBNET_ACL_RESTRICTION pub-acl: no inbound rule of network ACL pub-acl (subnet "
            "public-a) allows tcp 151.101.0.1:443 -> 10.1.0.5:40000, so the implicit final rule "
            "denies it");
}

// ---- check -----------------------------------------------------------------------------------

TEST(NatPortsTest, ReachableFalseIsNotProvedWhileSomePortWorks) {
  ExpectationResult r =
      CheckOne(kLab, "{name: pypi, from: client, to: pypi, port: 443, reachable: false}");
  EXPECT_FALSE(r.passed);
  EXPECT_EQ(r.detail,
            "reachable: 4227858432 of 4227858432 requests (1 path) delivered, for example tcp "
            "10.1.16.10:40000 -> 151.101.0.1:443; each only for some of the source ports the NAT "
            "gateway picks");
}

TEST(NatPortsTest, ReachableTrueHoldsWithTheWarning) {
  ExpectationResult r = CheckOne(
      kLab, "{name: pypi, from: client, to: pypi, port: 443, reachable: true, via: [nat-a]}");
  EXPECT_TRUE(r.passed) << r.detail;
  EXPECT_TRUE(r.PassedWithWarnings());
  EXPECT_EQ(r.intermittent, r.delivered);
  ASSERT_EQ(r.warnings.size(), 1u);
  EXPECT_EQ(r.warnings[0].message, kWarning);
  ASSERT_TRUE(r.witness);
  EXPECT_EQ(r.witness->warnings.size(), 1u);
}

TEST(NatPortsTest, OnlySomeRequestsIntermittentStillWarnAndCount) {
  // udp comes back on every port (rule 110), tcp only on 32768-65535.
  std::string yaml =
      Edit(Edit(kLab, kPartialRule,
                std::string(kPartialRule) + "\n      - {rule: 110, action: allow, protocol: udp, "
                                            "ports: 1024-65535, cidr: 0.0.0.0/0}"),
           "pip: {vpc: lab, egress: [{protocol: tcp, ports: 443, cidr: 0.0.0.0/0}]}",
           "pip: {vpc: lab, egress: [{protocol: all, cidr: 0.0.0.0/0}]}");
  ExpectationResult r =
      CheckOne(yaml, "{name: pypi, from: client, to: pypi, protocol: all, reachable: true}");
  EXPECT_TRUE(r.PassedWithWarnings()) << r.detail;
  // tcp and udp are delivered, and the one-way ICMP messages (icmp queries are not admitted
  // back); only the tcp requests are intermittent.
  EXPECT_EQ(r.intermittent, 277076930199552.0);
  EXPECT_GT(r.delivered, r.intermittent * 2);
  EXPECT_NE(r.detail.find("; 277076930199552 of them only for some of the source ports the NAT "
                          "gateway picks"),
            std::string::npos)
      << r.detail;
  EXPECT_EQ(r.warnings.at(0).message, kWarning);
}

TEST(NatPortsTest, CheckReportsShowTheWarningAndCountIt) {
  Network n =
      Load(std::string(kLab) +
           "expect:\n  - {name: pypi, from: client, to: pypi, port: 443, reachable: true}\n");
  CheckReport report = RunChecks(*n.model, *n.graph);
  EXPECT_EQ(report.Passed(), 1);
  EXPECT_EQ(report.Failed(), 0);
  EXPECT_EQ(report.Warned(), 1);
  std::string text = CheckToText(report, false);
  EXPECT_EQ(text.substr(0, 11), "WARN       ");
  EXPECT_NE(
      text.find("\n           warning: " + std::string(kWarning) + "\n           at test.yaml:"),
      std::string::npos)
      << text;
  EXPECT_NE(text.find("\n1 passed, 0 failed, 1 with warnings\n"), std::string::npos) << text;
  nlohmann::ordered_json j = CheckToJson(report);
  EXPECT_EQ(j["passed"], 1);
  EXPECT_EQ(j["failed"], 0);
  EXPECT_EQ(j["warned"], 1);
  const nlohmann::ordered_json& result = j["results"][0];
  EXPECT_EQ(result["passed"], true);
  EXPECT_EQ(result["intermittent"], 4227858432.0);
  ASSERT_EQ(result["warnings"].size(), 1u);
  EXPECT_EQ(result["warnings"][0]["message"], kWarning);
  EXPECT_EQ(result["warnings"][0]["refused_by"], "pub-acl");
  EXPECT_EQ(result["witness"]["warnings"].size(), 1u);
  // CI: a warning, not a pass.
  std::vector<CiItem> items = CheckToCiItems(report, *n.model);
  ASSERT_EQ(items.size(), 1u);
  EXPECT_FALSE(items[0].passed);
  EXPECT_EQ(items[0].level, CiLevel::kWarning);
  EXPECT_NE(items[0].message.find("; warning: " + std::string(kWarning)), std::string::npos);
  EXPECT_TRUE(Fails(items, FailOn::kWarning));
  EXPECT_FALSE(Fails(items, FailOn::kError));
  std::string junit = CheckToJunit(report, "nat ports");
  EXPECT_NE(junit.find("<failure message=\"reachable: "), std::string::npos) << junit;
  EXPECT_NE(junit.find("type=\"warning\">"), std::string::npos) << junit;
  nlohmann::ordered_json sarif = ToSarif(CiTool{}, CheckCiRules(), items, "");
  ASSERT_EQ(sarif["runs"][0]["results"].size(), 1u);
  EXPECT_EQ(sarif["runs"][0]["results"][0]["level"], "warning");
}

TEST(NatPortsTest, CheckExitsOneOnTheWarningByDefaultAndZeroWithFailOnError) {
  char path[] = "/tmp/vpcreach-nat-ports-XXXXXX.yaml";
  int fd = mkstemps(path, 5);
  ASSERT_GE(fd, 0);
  close(fd);
  std::ofstream(path) << kLab
                      << "expect:\n  - {name: pypi, from: client, to: pypi, port: 443, "
                         "reachable: true}\n";
  std::ostringstream out, err;
  EXPECT_EQ(RunCli({"check", path}, out, err), 1) << out.str() << err.str();
  EXPECT_EQ(RunCli({"check", path, "--fail-on", "warning"}, out, err), 1);
  EXPECT_EQ(RunCli({"check", path, "--fail-on", "error"}, out, err), 0);
  out.str("");
  EXPECT_EQ(RunCli({"check", path, "--format", "json", "--fail-on", "never"}, out, err), 0);
  nlohmann::json j = nlohmann::json::parse(out.str());
  EXPECT_EQ(j["warned"], 1);
  EXPECT_EQ(j["results"][0]["warnings"][0]["code"], "NGW_EPHEMERAL_PORTS_PARTLY_REFUSED");
  // trace: delivered (exit 0), and says for which ports.
  out.str("");
  EXPECT_EQ(
      RunCli({"trace", path, "--from", "client", "--to", "pypi", "--format", "json"}, out, err), 0);
  j = nlohmann::json::parse(out.str());
  EXPECT_EQ(j["verdict"], "delivered");
  EXPECT_EQ(j["warnings"][0]["ports"], nlohmann::json::array({"1024-32767"}));
  std::remove(path);
}

TEST(NatPortsTest, ReachWarnsOnTheGroupAndTakesItsWitnessThere) {
  Network n = Load(kLab);
  ReachQuery q;
  q.from = "client";
  q.to = "pypi";
  q.ports = PortRange{443, 443};
  std::string error;
  std::optional<ReachAnswer> a = RunReach(*n.model, *n.graph, q, &error);
  ASSERT_TRUE(a) << error;
  ASSERT_EQ(a->groups.size(), 1u);
  const ReachGroup& g = a->groups[0];
  EXPECT_FALSE(g.intermittent.IsEmpty());
  ASSERT_EQ(g.warnings.size(), 1u);
  EXPECT_EQ(g.warnings[0].message, kWarning);
  std::string text = ReachToText(*a, q, {"lab.yaml"}, false);
  EXPECT_NE(text.find("\n    warning: " + std::string(kWarning) + "\n"), std::string::npos) << text;
  nlohmann::ordered_json j = ReachToJson(*a, q, {"lab.yaml"});
  EXPECT_EQ(j["groups"][0]["warnings"][0]["ports"][0], "1024-32767");
}

// ---- the solver: classes and their port choices ---------------------------------------------

TEST(NatPortsTest, TheSolversClassesCarryTheWorkingChoices) {
  PacketSetManager manager;
  for (bool steps : {true, false}) {
    SCOPED_TRACE(steps ? "steps" : "no steps");
    Network n = Load(kLab);
    Solver solver(*n.model, *n.graph);
    std::string error;
    Origin client = ResolveEndpoint(*n.model, "client", &error)->Origins(*n.model).front();
    SolverOptions options;
    options.record_steps = steps;
    PacketSet to_pypi = PacketSet::Value(Field::kDst, Ip(kPypi)) &
                        PacketSet::Value(Field::kProtocol, kTcp) &
                        PacketSet::Value(Field::kDstPort, 443);
    ReachResult r = solver.Reach(client, to_pypi, options);
    ASSERT_EQ(r.classes.size(), 1u);
    ASSERT_EQ(r.classes[0].nat_ports.size(), 1u);
    EXPECT_EQ(r.classes[0].nat_ports[0], (FieldRange{32768, 65535}));
    // Every client port is delivered (for some choice), none for every choice.
    EXPECT_TRUE(r.Delivered() == (to_pypi & PacketSet::Value(Field::kSrc, Ip("10.1.16.10"))));
    EXPECT_TRUE(r.DeliveredForEveryNatPort().IsEmpty());
  }
}

// Two NAT gateways on the way: inner (in mid, whose NACL admits only 1024-40000 back from outside
// the VPC) sends through nat-a (in public-a: pub-acl admits 32768-65535 from the internet). Each
// picks its own port; the connection works only when both choices come back.
const char* kNested = R"(vpcreach: 1
vpcs: {lab: {cidr: 10.1.0.0/16}}
internet_gateways: {igw: {vpc: lab}}
subnets:
  public-a:  {vpc: lab, cidr: 10.1.0.0/20,  az: a, route_table: public-rt, network_acl: pub-acl}
  private-a: {vpc: lab, cidr: 10.1.16.0/20, az: a, route_table: private-rt, network_acl: open}
  mid:       {vpc: lab, cidr: 10.1.32.0/20, az: a, route_table: mid-rt, network_acl: mid-acl}
route_tables:
  public-rt:  {vpc: lab, routes: [{destination: 0.0.0.0/0, target: igw}]}
  private-rt: {vpc: lab, routes: [{destination: 0.0.0.0/0, target: inner}]}
  mid-rt:     {vpc: lab, routes: [{destination: 0.0.0.0/0, target: nat-a}]}
nat_gateways:
  nat-a: {subnet: public-a, public_ip: 52.0.0.10, private_ip: 10.1.0.5}
  inner: {subnet: mid, public_ip: 52.0.0.11, private_ip: 10.1.32.5}
network_acls:
  pub-acl:
    vpc: lab
    ingress:
      - {rule: 90, action: allow, protocol: all, cidr: 10.1.0.0/16}
      - {rule: 100, action: allow, protocol: tcp, ports: 32768-65535, cidr: 0.0.0.0/0}
    egress: [{rule: 100, action: allow, protocol: all, cidr: 0.0.0.0/0}]
  mid-acl:
    vpc: lab
    ingress:
      - {rule: 100, action: allow, protocol: all, cidr: 10.1.16.0/20}
      - {rule: 110, action: allow, protocol: tcp, ports: 1024-40000, cidr: 0.0.0.0/0}
    egress: [{rule: 100, action: allow, protocol: all, cidr: 0.0.0.0/0}]
  open:
    vpc: lab
    ingress: [{rule: 100, action: allow, protocol: all, cidr: 0.0.0.0/0}]
    egress: [{rule: 100, action: allow, protocol: all, cidr: 0.0.0.0/0}]
security_groups:
  pip: {vpc: lab, egress: [{protocol: tcp, ports: 443, cidr: 0.0.0.0/0}]}
enis:
  client: {subnet: private-a, private_ip: 10.1.16.10, security_groups: [pip]}
)";

TEST(NatPortsTest, TwoNatGatewaysOnTheWayEachPickTheirOwnPort) {
  Network n = Load(kNested);
  TraceResult t = Trace(n, "client", kPypi);
  ASSERT_TRUE(t.delivered) << Path(t) << Codes(t);
  ASSERT_EQ(t.nat_ports.size(), 2u);
  EXPECT_EQ(t.nat_ports[0].port, 40000);  // inner keeps the client's port
  EXPECT_EQ(t.nat_ports[1].port, 40000);  // and nat-a inner's
  ASSERT_EQ(t.warnings.size(), 2u);
  EXPECT_EQ(t.warnings[0].message,
            "NAT gateway inner picks source ports 1024-65535; replies to ports 40001-65535 are "
            "refused by network ACL mid-acl (inbound rule * deny): those connections fail");
  EXPECT_EQ(t.warnings[1].message, kWarning);
  // The solver: delivered for some choices of both, never for every one; the tracer agrees on
  // every client port class.
  PacketSetManager manager;
  Solver solver(*n.model, *n.graph);
  std::string error;
  Origin client = ResolveEndpoint(*n.model, "client", &error)->Origins(*n.model).front();
  for (bool steps : {true, false}) {
    SCOPED_TRACE(steps ? "steps" : "no steps");
    SolverOptions options;
    options.record_steps = steps;
    ReachResult r = solver.Reach(client, PacketSet::All(), options);
    PacketSet delivered = r.Delivered();
    PacketSet always = r.DeliveredForEveryNatPort();
    for (int port : {80, 1024, 2000, 32768, 40000, 40001, 65535}) {
      Packet p{Ip("10.1.16.10"), Ip(kPypi), kTcp, static_cast<std::uint16_t>(port), 443};
      TraceResult u = n.tracer->Trace(client, p);
      EXPECT_TRUE(u.delivered) << port;
      EXPECT_EQ(delivered.Contains(p), u.delivered) << port;
      EXPECT_EQ(!always.Contains(p), !u.warnings.empty()) << port;
    }
    EXPECT_TRUE((always & PacketSet::Value(Field::kDst, Ip(kPypi))).IsEmpty());
  }
}

// A request that leaves by the NAT gateway and comes back in to a public ENI of the same VPC
// (web, in public-b): its reply leaves web's subnet towards the NAT gateway's chosen port, and
// web-acl lets only 49152-65535 out. The solver without steps answers such a request in one set
// (Walk::PublicRoundTrip) only when the NACL treats every choice alike.
TEST(NatPortsTest, AHairpinsReplyReadsTheChoiceOnTheFarSide) {
  std::string yaml = WithReturnRule(
      "{rule: 100, action: allow, protocol: tcp, ports: 1024-65535, cidr: 0.0.0.0/0}");
  yaml = Edit(yaml, "  private-a: {vpc: lab",
              "  public-b:  {vpc: lab, cidr: 10.1.48.0/20, az: b, route_table: public-rt, "
              "network_acl: web-acl}\n  private-a: {vpc: lab");
  yaml = Edit(yaml, "  priv-acl:\n",
              "  web-acl:\n    vpc: lab\n"
              "    ingress: [{rule: 100, action: allow, protocol: all, cidr: 0.0.0.0/0}]\n"
              "    egress: [{rule: 100, action: allow, protocol: tcp, ports: 49152-65535, "
              "cidr: 0.0.0.0/0}]\n  priv-acl:\n");
  yaml = Edit(yaml, "security_groups:\n",
              "security_groups:\n  web: {vpc: lab, ingress: [{protocol: tcp, ports: 443, "
              "cidr: 0.0.0.0/0}]}\n");
  yaml +=
      "  web: {subnet: public-b, private_ip: 10.1.48.10, public_ip: 54.0.0.1, "
      "security_groups: [web]}\n";
  Network n = Load(yaml);
  TraceResult t = Trace(n, "client", "54.0.0.1");
  ASSERT_TRUE(t.delivered) << Path(t) << Codes(t);
  ASSERT_EQ(t.warnings.size(), 1u);
  EXPECT_EQ(t.warnings[0].message,
            "NAT gateway nat-a picks source ports 1024-65535; replies to ports 1024-49151 are "
            "refused by network ACL web-acl (outbound rule * deny): those connections fail");
  PacketSetManager manager;
  Solver solver(*n.model, *n.graph);
  std::string error;
  Origin client = ResolveEndpoint(*n.model, "client", &error)->Origins(*n.model).front();
  PacketSet to_web = PacketSet::Value(Field::kDst, Ip("54.0.0.1"));
  SolverOptions fast;
  fast.record_steps = false;
  for (const SolverOptions& options : {SolverOptions{}, fast}) {
    ReachResult r = solver.Reach(client, to_web, options);
    EXPECT_FALSE(r.Delivered().IsEmpty());
    EXPECT_TRUE(r.DeliveredForEveryNatPort().IsEmpty());
  }
}

// ---- audit -----------------------------------------------------------------------------------

TEST(NatPortsTest, TheAuditNamesTheNaclAndTheRule) {
  Network n = Load(kLab);
  AuditReport report = RunAudit(*n.model, *n.graph);
  std::vector<const AuditFinding*> found;
  for (const AuditFinding& f : report.findings) {
    if (f.rule_id == "VPCR009") found.push_back(&f);
  }
  ASSERT_EQ(found.size(), 1u);
  const AuditFinding& f = *found[0];
  EXPECT_EQ(f.severity, Severity::kWarning);
  EXPECT_EQ(f.component, "pub-acl");
  EXPECT_EQ(f.message,
            "network ACL pub-acl of subnet public-a admits only part of NAT gateway nat-a's ports "
            "1024-65535 back: tcp replies to ports 1024-32767 are refused by inbound rule * deny "
            "(inbound rule 100 allow admits others); connections through nat-a whose translated "
            "port falls there fail");
  EXPECT_EQ(f.fix,
            "admit tcp and udp 1024-65535 inbound in network ACL pub-acl from the addresses "
            "nat-a talks to (0.0.0.0/0 for the internet)");
  // At the rule that admits only part of the range (the refusal is the implicit rule).
  EXPECT_EQ(f.location.line, 17);
  // A written deny is where the finding points.
  Network deny = Load(WithReturnRule(
      "{rule: 50, action: deny, protocol: tcp, ports: 3389, cidr: 0.0.0.0/0}\n      - "
      "{rule: 100, action: allow, protocol: tcp, ports: 1024-65535, cidr: 0.0.0.0/0}"));
  for (const AuditFinding& g : RunAudit(*deny.model, *deny.graph).findings) {
    if (g.rule_id != "VPCR009") continue;
    EXPECT_NE(g.message.find("tcp replies to port 3389 are refused by inbound rule 50 deny "
                             "(inbound rule 100 allow admits others)"),
              std::string::npos)
        << g.message;
    EXPECT_EQ(g.location.line, 17);
  }
}

}  // namespace
}  // namespace vpcreach::testing
