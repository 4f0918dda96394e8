// The renderers of sim/report against hand-built results: exact text, JSON keys, JUnit XML.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "model/scenario_loader.h"
#include "sim/report/check_report.h"
#include "sim/report/trace_report.h"
#include "sim/report/validate_report.h"

namespace vpcreach {
namespace {

Packet Tcp(const char* src, int src_port, const char* dst, int dst_port) {
  return Packet{*ParseIpv4(src), *ParseIpv4(dst), kTcp, static_cast<std::uint16_t>(src_port),
                static_cast<std::uint16_t>(dst_port)};
}

Hop MakeHop(std::string component, const char* kind, std::string decision, std::string rule,
            const Packet& p) {
  Hop h;
  h.component = std::move(component);
  h.kind = kind;
  h.decision = std::move(decision);
  h.rule = std::move(rule);
  h.packet = p;
  return h;
}

Hop Blocked(Hop h, std::string code) {
  h.blocked = true;
  h.code = std::move(code);
  return h;
}

// notebook -> pypi through a NAT gateway and an internet gateway, delivered and answered.
TraceResult NatTrace() {
  Packet out = Tcp("10.1.16.5", 40000, "151.101.0.1", 443);
  Packet nat = Tcp("10.1.0.4", 40000, "151.101.0.1", 443);
  Packet pub = Tcp("52.0.0.10", 40000, "151.101.0.1", 443);
  TraceResult t;
  t.packet = out;
  t.delivered = true;
  t.forward_arrived = true;
  t.forward = {
      MakeHop("notebook", kKindEni, "sends tcp 10.1.16.5:40000 -> 151.101.0.1:443", "", out),
      MakeHop("pip", kKindSecurityGroup, "egress tcp 443 0.0.0.0/0", "egress tcp 443 0.0.0.0/0",
              out),
      MakeHop("private", kKindNetworkAcl, "outbound rule 99 allow", "rule 99 allow all 0.0.0.0/0",
              out),
      MakeHop("private", kKindRouteTable, "0.0.0.0/0 -> nat-a", "0.0.0.0/0 -> nat-a", out),
      MakeHop("nat-a", kKindNatGateway, "receives", "", out),
      MakeHop("nat-a", kKindNatGateway, "source rewritten to 10.1.0.4:40000", "", nat),
      MakeHop("igw", kKindInternetGateway, "receives", "", nat),
      MakeHop("igw", kKindInternetGateway, "source mapped to public 52.0.0.10", "", pub),
      MakeHop("pypi (151.101.0.1)", kKindService, "delivered", "", pub),
  };
  t.forward[5].code = "NGW_SOURCE_ADDRESS_REASSIGN";
  t.reverse = {
      MakeHop("pypi (151.101.0.1)", kKindService, "replies", "", pub.Reversed()),
      MakeHop("notebook", kKindEni, "delivered", "", out.Reversed()),
  };
  return t;
}

// The same packet refused by the security group and then by the NACL (fix one, see the next).
TraceResult BlockedTrace() {
  Packet out = Tcp("10.1.16.5", 40000, "151.101.0.1", 80);
  TraceResult t;
  t.packet = out;
  t.forward = {
      MakeHop("notebook", kKindEni, "sends tcp 10.1.16.5:40000 -> 151.101.0.1:80", "", out),
      Blocked(MakeHop("pip", kKindSecurityGroup, "no egress rule matches", "", out),
              "ENI_SG_RULES_MISMATCH"),
      Blocked(MakeHop("private", kKindNetworkAcl, "outbound rule * deny",
                      "rule * deny all 0.0.0.0/0", out),
              "SUBNET_ACL_RESTRICTION"),
      MakeHop("private", kKindRouteTable, "no route", "", out),
  };
  t.forward.back() = Blocked(t.forward.back(), "NO_ROUTE_TO_DESTINATION");
  t.explanations = {
      {"ENI_SG_RULES_MISMATCH", "pip", "no egress rule of security group pip allows tcp port 80"},
      {"SUBNET_ACL_RESTRICTION", "private", "the implicit final rule denies it"},
      {"NO_ROUTE_TO_DESTINATION", "private", "no route to 151.101.0.1"},
  };
  return t;
}

TEST(ComponentLabelTest, ShortKindPrefixes) {
  Packet p;
  EXPECT_EQ(ComponentLabel(MakeHop("pip", kKindSecurityGroup, "", "", p)), "sg pip");
  EXPECT_EQ(ComponentLabel(MakeHop("a", kKindNetworkAcl, "", "", p)), "nacl a");
  EXPECT_EQ(ComponentLabel(MakeHop("a", kKindRouteTable, "", "", p)), "rtb a");
  EXPECT_EQ(ComponentLabel(MakeHop("a", kKindNatGateway, "", "", p)), "nat a");
  EXPECT_EQ(ComponentLabel(MakeHop("a", kKindInternetGateway, "", "", p)), "igw a");
  EXPECT_EQ(ComponentLabel(MakeHop("a", kKindVpcEndpoint, "", "", p)), "vpce a");
  EXPECT_EQ(ComponentLabel(MakeHop("a", kKindSubnet, "", "", p)), "subnet a");
  EXPECT_EQ(ComponentLabel(MakeHop("a", kKindEni, "", "", p)), "a");
  EXPECT_EQ(ComponentLabel(MakeHop("pypi (1.2.3.4)", kKindService, "", "", p)), "pypi (1.2.3.4)");
  EXPECT_EQ(ComponentLabel(MakeHop("sagemaker-network", kKindSageMakerNetwork, "", "", p)),
            "sagemaker-network");
}

TEST(TraceReportTest, DeliveredTextIsAlignedAndEndsWithPathAndVerdict) {
  EXPECT_EQ(TraceToText(NatTrace(), {"notebook", "pypi"}, /*color=*/false),
            "trace notebook -> pypi: tcp 10.1.16.5:40000 -> 151.101.0.1:443\n"
            "forward:\n"
            "  1  notebook            sends tcp 10.1.16.5:40000 -> 151.101.0.1:443\n"
            "  2  sg pip              egress tcp 443 0.0.0.0/0\n"
            "  3  nacl private        outbound rule 99 allow  [rule 99 allow all 0.0.0.0/0]\n"
            "  4  rtb private         0.0.0.0/0 -> nat-a\n"
            "  5  nat nat-a           receives\n"
            "  6  nat nat-a           source rewritten to 10.1.0.4:40000\n"
            "  7  igw igw             receives\n"
            "  8  igw igw             source mapped to public 52.0.0.10\n"
            "  9  pypi (151.101.0.1)  delivered\n"
            "return:\n"
            "  1  pypi (151.101.0.1)  replies\n"
            "  2  notebook            delivered\n"
            "path: notebook (10.1.16.5) -> sg pip: egress tcp 443 0.0.0.0/0 -> nacl private: "
            "outbound rule 99 allow -> rtb private: 0.0.0.0/0 -> nat-a -> nat nat-a: source "
            "rewritten to 10.1.0.4:40000 -> igw igw: source mapped to public 52.0.0.10 -> "
            "pypi (151.101.0.1)\n"
            "verdict: delivered\n");
}

TEST(TraceReportTest, DroppedTextMarksEveryBlockedHopAndListsWhy) {
  EXPECT_EQ(TraceToText(BlockedTrace(), {"notebook", "pypi"}, /*color=*/false),
            "trace notebook -> pypi: tcp 10.1.16.5:40000 -> 151.101.0.1:80\n"
            "forward:\n"
            "  1  notebook      sends tcp 10.1.16.5:40000 -> 151.101.0.1:80\n"
            "  2  sg pip        no egress rule matches  BLOCKED ENI_SG_RULES_MISMATCH\n"
            "  3  nacl private  outbound rule * deny    [rule * deny all 0.0.0.0/0]  "
            "BLOCKED SUBNET_ACL_RESTRICTION\n"
            "  4  rtb private   no route                BLOCKED NO_ROUTE_TO_DESTINATION\n"
            "return: none (the request did not arrive)\n"
            "path: notebook (10.1.16.5) -> sg pip: no egress rule matches [BLOCKED] -> "
            "nacl private: outbound rule * deny [BLOCKED] -> rtb private: no route [BLOCKED]\n"
            "verdict: dropped\n"
            "why:\n"
            "  ENI_SG_RULES_MISMATCH pip: no egress rule of security group pip allows tcp port 80\n"
            "  SUBNET_ACL_RESTRICTION private: the implicit final rule denies it\n"
            "  NO_ROUTE_TO_DESTINATION private: no route to 151.101.0.1\n");
}

TEST(TraceReportTest, ColourOnlyWhenAsked) {
  std::string plain = TraceToText(BlockedTrace(), {"a", "b"}, false);
  std::string coloured = TraceToText(BlockedTrace(), {"a", "b"}, true);
  EXPECT_EQ(plain.find('\033'), std::string::npos);
  EXPECT_NE(coloured.find("\033[31mBLOCKED ENI_SG_RULES_MISMATCH\033[0m"), std::string::npos);
  EXPECT_NE(coloured.find("verdict: \033[31mdropped\033[0m\n"), std::string::npos);
  EXPECT_NE(TraceToText(NatTrace(), {"a", "b"}, true).find("verdict: \033[32mdelivered\033[0m"),
            std::string::npos);
}

TEST(TraceReportTest, PathLineStartsAtAWorkloadWithoutAVpc) {
  Packet p = Tcp("0.0.0.0", 40000, "151.101.0.1", 443);
  TraceResult t;
  t.packet = p;
  t.forward_arrived = true;
  t.forward = {MakeHop("sagemaker-network", kKindSageMakerNetwork,
                       "nb has no VPC configuration: it runs in SageMaker's network", "", p),
               MakeHop("pypi (151.101.0.1)", kKindService, "delivered", "", p)};
  EXPECT_EQ(PathLine(t, {"nb", "pypi"}),
            "nb -> sagemaker-network: nb has no VPC configuration: it runs in SageMaker's "
            "network -> pypi (151.101.0.1)");
}

TEST(TraceReportTest, JsonHasTheContractKeys) {
  nlohmann::json j = nlohmann::json::parse(TraceToJson(NatTrace(), {"notebook", "pypi"}).dump());
  EXPECT_EQ(j["verdict"], "delivered");
  EXPECT_EQ(j["flow"], nlohmann::json::parse(R"({"protocol": "tcp", "src": "10.1.16.5",
      "dst": "151.101.0.1", "src_port": 40000, "dst_port": 443, "from": "notebook",
      "to": "pypi"})"));
  ASSERT_EQ(j["forward"].size(), 9u);
  EXPECT_EQ(j["forward"][0], nlohmann::json::parse(R"({"component": "notebook", "kind": "eni",
      "decision": "sends tcp 10.1.16.5:40000 -> 151.101.0.1:443",
      "packet": "tcp 10.1.16.5:40000 -> 151.101.0.1:443"})"));
  EXPECT_EQ(j["forward"][2]["rule"], "rule 99 allow all 0.0.0.0/0");
  EXPECT_EQ(j["forward"][5]["code"], "NGW_SOURCE_ADDRESS_REASSIGN");
  EXPECT_FALSE(j["forward"][5].contains("blocked"));
  EXPECT_EQ(j["return"].size(), 2u);
  EXPECT_EQ(j["explanations"], nlohmann::json::array());
  EXPECT_FALSE(j.contains("encapsulation"));

  nlohmann::json d = nlohmann::json::parse(TraceToJson(BlockedTrace(), {"n", "p"}).dump());
  EXPECT_EQ(d["verdict"], "dropped");
  EXPECT_EQ(d["forward"][1]["blocked"], true);
  EXPECT_EQ(d["forward"][1]["code"], "ENI_SG_RULES_MISMATCH");
  EXPECT_EQ(d["return"], nlohmann::json::array());
  EXPECT_EQ(d["explanations"][2], nlohmann::json::parse(R"({"code": "NO_ROUTE_TO_DESTINATION",
      "component": "private", "message": "no route to 151.101.0.1"})"));
}

TEST(TraceReportTest, JsonPortsAreNullWithoutPortsAndEncapsulationIsShown) {
  TraceResult t;
  t.packet = Packet{*ParseIpv4("10.0.0.1"), *ParseIpv4("10.0.0.2"), kIcmp, 0, 0};
  t.encapsulation = "carried as IPsec";
  nlohmann::json j = nlohmann::json::parse(TraceToJson(t, {"a", ""}).dump());
  EXPECT_EQ(j["flow"]["protocol"], "icmp");
  EXPECT_TRUE(j["flow"]["src_port"].is_null());
  EXPECT_TRUE(j["flow"]["dst_port"].is_null());
  EXPECT_EQ(j["encapsulation"], "carried as IPsec");
}

// Three expectations: one passes, one fails with a witness, one runs out of budget.
struct Fixture {
  std::vector<Expectation> expectations;
  CheckReport report;
};

Fixture MakeCheckReport(const std::string& failing_name) {
  Fixture f;
  f.expectations.resize(3);
  f.expectations[0].name = "pypi over https";
  f.expectations[0].location = {"lab.yaml", 10, 5};
  f.expectations[1].name = failing_name;
  f.expectations[1].from = "notebook";
  f.expectations[1].to = "pypi";
  f.expectations[1].location = {"lab.yaml", 17, 5};
  f.expectations[2].name = "everything";
  f.expectations[2].location = {"lab.yaml", 23, 5};
  ExpectationResult pass;
  pass.expectation = &f.expectations[0];
  pass.passed = true;
  pass.detail = "reachable";
  pass.paths = 1;
  pass.delivered = 1;
  pass.witness = NatTrace();
  ExpectationResult fail;
  fail.expectation = &f.expectations[1];
  fail.detail = "unreachable: none of 1 requests is delivered";
  fail.paths = 0;
  fail.asked = 1;
  fail.witness = BlockedTrace();
  ExpectationResult undecided;
  undecided.expectation = &f.expectations[2];
  undecided.undecided = true;
  undecided.detail = "undecided: too many classes";
  f.report.results = {pass, fail, undecided};
  return f;
}

TEST(CheckReportTest, TextHasOneLinePerExpectationAndTheFailuresWitness) {
  Fixture f = MakeCheckReport("http to pypi");
  EXPECT_EQ(CheckToText(f.report, /*color=*/false),
            "PASS       pypi over https: reachable\n"
            "FAIL       http to pypi: unreachable: none of 1 requests is delivered\n"
            "           at lab.yaml:17\n"
            "           path: notebook (10.1.16.5) -> sg pip: no egress rule matches [BLOCKED] -> "
            "nacl private: outbound rule * deny [BLOCKED] -> rtb private: no route [BLOCKED]\n"
            "           why:\n"
            "             ENI_SG_RULES_MISMATCH pip: no egress rule of security group pip allows "
            "tcp port 80\n"
            "             SUBNET_ACL_RESTRICTION private: the implicit final rule denies it\n"
            "             NO_ROUTE_TO_DESTINATION private: no route to 151.101.0.1\n"
            "UNDECIDED  everything: undecided: too many classes\n"
            "           at lab.yaml:23\n"
            "1 passed, 2 failed\n");
}

TEST(CheckReportTest, ColouredStatusKeepsTheAlignment) {
  Fixture f = MakeCheckReport("x");
  std::string text = CheckToText(f.report, /*color=*/true);
  EXPECT_EQ(text.rfind("\033[32mPASS\033[0m       pypi over https: ", 0), 0u);
  EXPECT_NE(text.find("\033[31mFAIL\033[0m       x: "), std::string::npos);
  EXPECT_NE(text.find("\033[33mUNDECIDED\033[0m  everything"), std::string::npos);
}

TEST(CheckReportTest, JsonHasTheContractKeys) {
  Fixture f = MakeCheckReport("http to pypi");
  nlohmann::json j = nlohmann::json::parse(CheckToJson(f.report).dump());
  EXPECT_EQ(j["passed"], 1);
  EXPECT_EQ(j["failed"], 2);
  ASSERT_EQ(j["results"].size(), 3u);
  const nlohmann::json& r = j["results"][1];
  EXPECT_EQ(r["name"], "http to pypi");
  EXPECT_EQ(r["passed"], false);
  EXPECT_EQ(r["undecided"], false);
  EXPECT_EQ(r["detail"], "unreachable: none of 1 requests is delivered");
  EXPECT_EQ(r["paths"], 0);
  EXPECT_EQ(r["asked"], 1);
  EXPECT_EQ(r["delivered"], 0);
  EXPECT_EQ(r["location"], "lab.yaml:17");
  EXPECT_EQ(r["witness"]["verdict"], "dropped");
  EXPECT_EQ(r["witness"]["flow"]["from"], "notebook");
  EXPECT_TRUE(j["results"][2]["witness"].is_null());
  EXPECT_EQ(j["results"][2]["undecided"], true);
}

TEST(CheckReportTest, JunitIsExactAndEscaped) {
  Fixture f = MakeCheckReport("a<b & \"c\"");
  f.report.results.resize(2);
  f.report.results[1].witness.reset();
  EXPECT_EQ(CheckToJunit(f.report, "lab & <co>"),
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            "<testsuites name=\"vpcreach check\" tests=\"2\" failures=\"1\" errors=\"0\">\n"
            "  <testsuite name=\"lab &amp; &lt;co&gt;\" tests=\"2\" failures=\"1\" errors=\"0\" "
            "skipped=\"0\">\n"
            "    <testcase name=\"pypi over https\" classname=\"vpcreach check\" "
            "file=\"lab.yaml\" line=\"10\"/>\n"
            "    <testcase name=\"a&lt;b &amp; &quot;c&quot;\" classname=\"vpcreach check\" "
            "file=\"lab.yaml\" line=\"17\">\n"
            "      <failure message=\"unreachable: none of 1 requests is delivered\" "
            "type=\"error\">unreachable: none of 1 requests is delivered\n"
            "at lab.yaml:17\n"
            "</failure>\n"
            "    </testcase>\n"
            "  </testsuite>\n"
            "</testsuites>\n");
}

TEST(CheckReportTest, JunitFailureTextCarriesThePathAndWhy) {
  Fixture f = MakeCheckReport("x");
  std::string xml = CheckToJunit(f.report, "s");
  EXPECT_NE(xml.find("path: notebook (10.1.16.5) -&gt; sg pip: no egress rule matches "
                     "[BLOCKED]"),
            std::string::npos);
  EXPECT_NE(xml.find("  ENI_SG_RULES_MISMATCH pip: no egress rule"), std::string::npos);
  EXPECT_NE(xml.find("<failure message=\"undecided: undecided: too many classes\" "
                     "type=\"warning\">"),
            std::string::npos);
}

TEST(XmlEscapeTest, EscapesMarkupAndDropsForbiddenControlCharacters) {
  EXPECT_EQ(XmlEscape("<a href='x'>&\"</a>"), "&lt;a href=&apos;x&apos;&gt;&amp;&quot;&lt;/a&gt;");
  EXPECT_EQ(XmlEscape(std::string("a\x01"
                                  "b\tc\n",
                                  6)),
            "a?b\tc\n");
}

const char* kSmall = R"(vpcreach: 1
name: small
vpcs: {v: {cidr: 10.0.0.0/16}}
subnets: {a: {vpc: v, cidr: 10.0.0.0/24, az: a}}
security_groups: {web: {vpc: v}}
enis:
  fixed: {subnet: a, private_ip: 10.0.0.10, security_groups: [web]}
  auto: {subnet: a, security_groups: [web]}
expect:
  - {name: e, from: fixed, to: auto, reachable: true}
)";

TEST(ValidateReportTest, TextCountsEveryKindAndListsAssignedAddresses) {
  LoadResult loaded = LoadScenarioText("small.yaml", kSmall);
  ASSERT_TRUE(loaded.ok()) << loaded.diagnostics.Format();
  EXPECT_EQ(ValidateToText(loaded.model),
            "scenario: small\n"
            "region: us-east-1\n"
            "files: small.yaml\n"
            "components:\n"
            "  vpcs                1\n"
            "  subnets             1\n"
            "  route tables        1  (1 added by vpcreach)\n"
            "  internet gateways   0\n"
            "  NAT gateways        0\n"
            "  VPC peerings        0\n"
            "  transit gateways    0\n"
            "  TGW attachments     0\n"
            "  TGW route tables    0\n"
            "  VPN gateways        0\n"
            "  VPN connections     0\n"
            "  VPC endpoints       0\n"
            "  prefix lists        2  (2 AWS-managed)\n"
            "  network ACLs        1  (1 added by vpcreach)\n"
            "  security groups     2  (1 added by vpcreach)\n"
            "  ENIs                2\n"
            "  notebook instances  0\n"
            "  training jobs       0\n"
            "  workloads           0\n"
            "  target groups       0\n"
            "  services            4\n"
            "  expectations        1\n"
            "addresses assigned by vpcreach:\n"
            "  auto  eni  10.0.0.4  in a\n"
            "service ranges: AWS ip-ranges.json of 2026-01-12 17:08:04 UTC "
            "(syncToken 1768237684)\n"
            "services:\n"
            "  internet: 0.0.0.0/0 less 0.0.0.0/8, 10.0.0.0/8, 100.64.0.0/10, 127.0.0.0/8, "
            "169.254.0.0/16, 172.16.0.0/12, 192.168.0.0/16, 224.0.0.0/3\n"
            "    source: all public IPv4 space: 0.0.0.0/0 less the RFC 6890 special-purpose blocks\n"
            "  pypi: 151.101.0.0/16 (port 443)\n"
            "    source: pypi.org and files.pythonhosted.org are served by Fastly, whose anycast "
            "block 151.101.0.0/16 they resolve to\n"
            "  s3: 1.178.4.0/24, 1.178.5.0/24, 1.178.6.0/24, 3.5.0.0/19, 16.15.176.0/20, "
            "16.15.192.0/18, 16.182.0.0/16, 18.34.0.0/19, 18.34.232.0/21, 44.192.134.240/28, "
            "44.192.140.64/28, 52.216.0.0/15, 54.231.0.0/16 (port 443)\n"
            "    source: the S3 prefixes of us-east-1 in AWS ip-ranges.json of 2026-01-12 17:08:04 "
            "UTC (syncToken 1768237684), also taken as the AWS-managed prefix list "
            "com.amazonaws.us-east-1.s3\n"
            "  dynamodb: 3.218.180.0/22, 35.71.68.0/22, 52.94.0.0/22, 52.119.224.0/21, "
            "52.119.232.0/21 (port 443)\n"
            "    source: the DYNAMODB prefixes of us-east-1 in AWS ip-ranges.json of 2026-01-12 "
            "17:08:04 UTC (syncToken 1768237684), also taken as the AWS-managed prefix list "
            "com.amazonaws.us-east-1.dynamodb\n"
            "interface endpoint services (port 443; `vpcreach names` lists them): 25 besides "
            "s3 and dynamodb\n"
            "    source: a stand-in public address (TEST-NET-3): AWS ip-ranges.json of "
            "2026-01-12 17:08:04 UTC (syncToken 1768237684) lists no AMAZON prefixes for "
            "us-east-1; load a full ip-ranges.json with --ip-ranges for the real ones\n"
            "ok\n");
}

TEST(ValidateReportTest, JsonHasTheSameCounts) {
  LoadResult loaded = LoadScenarioText("small.yaml", kSmall);
  ASSERT_TRUE(loaded.ok()) << loaded.diagnostics.Format();
  nlohmann::json j = nlohmann::json::parse(ValidateToJson(loaded.model).dump());
  EXPECT_EQ(j["name"], "small");
  EXPECT_EQ(j["files"], nlohmann::json::parse(R"(["small.yaml"])"));
  EXPECT_EQ(j["counts"], nlohmann::json::parse(R"({"vpcs": 1, "subnets": 1, "route_tables": 1,
      "internet_gateways": 0, "nat_gateways": 0, "peering_connections": 0,
      "transit_gateways": 0, "transit_gateway_attachments": 0, "transit_gateway_route_tables": 0,
      "vpn_gateways": 0, "vpn_connections": 0,
      "vpc_endpoints": 0, "prefix_lists": 2,
      "network_acls": 1, "security_groups": 2, "enis": 2, "notebook_instances": 0,
      "training_jobs": 0, "workloads": 0, "target_groups": 0, "services": 4,
      "expectations": 1})"));
  EXPECT_EQ(j["assigned_addresses"], nlohmann::json::parse(R"([{"component": "auto",
      "kind": "eni", "subnet": "a", "address": "10.0.0.4", "public": false}])"));
  EXPECT_EQ(j["service_ranges"], nlohmann::json::parse(R"({"source": "AWS ip-ranges.json",
      "create_date": "2026-01-12-17-08-04", "sync_token": "1768237684"})"));
  ASSERT_EQ(j["services"].size(), 4u);
  EXPECT_EQ(j["services"][2]["name"], "s3");
  EXPECT_EQ(j["services"][2]["cidrs"].size(), 13u);
  EXPECT_EQ(j["ok"], true);
}

}  // namespace
}  // namespace vpcreach
