// `vpcreach reach`: readable classes of the delivered requests, each with a witness the tracer
// reproduces, or the most promising refused request.
#include "sim/query/reach.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "model/scenario_loader.h"
#include "sim/endpoint.h"
#include "sim/report/reach_report.h"

namespace vpcreach {
namespace {

class ReachTest : public ::testing::Test {
 protected:
  void SetUp() override {
    loaded_ = LoadScenarioFiles({VPCREACH_SOURCE_DIR "/scenarios/sagemaker-lab.yaml"});
    ASSERT_TRUE(loaded_.ok()) << loaded_.diagnostics.Format();
    graph_ = std::make_unique<ForwardingGraph>(loaded_.model);
  }

  ReachAnswer Ask(const std::string& from, const std::string& to, int protocol = kTcp,
                  std::optional<PortRange> ports = std::nullopt) {
    ReachQuery q;
    q.from = from;
    q.to = to;
    q.protocol = protocol;
    q.ports = ports;
    std::string error;
    std::optional<ReachAnswer> a = RunReach(loaded_.model, *graph_, q, &error);
    EXPECT_TRUE(a) << error;
    return a.value_or(ReachAnswer{});
  }

  // Every group's witness, traced by the tracer, is delivered.
  void ExpectWitnessesDelivered(const ReachAnswer& a) {
    Tracer tracer(loaded_.model, *graph_);
    for (const ReachGroup& g : a.groups) {
      std::string error;
      std::optional<Endpoint> from = ResolveEndpoint(loaded_.model, g.origin, &error);
      ASSERT_TRUE(from) << error;
      TraceResult t = tracer.Trace(from->Origins(loaded_.model).front(), g.witness, g.witness_options);
      EXPECT_TRUE(t.delivered) << g.origin << " " << FormatPacket(g.witness);
    }
  }

  LoadResult loaded_;
  std::unique_ptr<ForwardingGraph> graph_;
};

TEST_F(ReachTest, NotebookToPypiIsOneClassThroughTheNat) {
  ReachAnswer a = Ask("notebook", "pypi");
  ASSERT_EQ(a.groups.size(), 1u);
  const ReachGroup& g = a.groups[0];
  EXPECT_EQ(g.origin, "notebook");
  EXPECT_EQ(g.via, "via nat-a, igw (src rewritten to 52.0.0.10)");
  EXPECT_EQ(g.headers, std::vector<std::string>{"tcp dst-port 443 to 151.101.0.0/16"});
  // What PyPI sees: the NAT gateway's public address, the client ports unchanged.
  EXPECT_EQ(g.arriving_headers,
            std::vector<std::string>{
                "tcp dst-port 443 to 151.101.0.0/16 from 52.0.0.10 src-port 1024-65535"});
  EXPECT_EQ(FormatPacket(g.witness), "tcp 10.1.16.4:40000 -> 151.101.0.1:443");
  // Every client port 1024-65535 to every PyPI address on 443.
  EXPECT_EQ(a.delivered, 64512.0 * 65536);
  EXPECT_EQ(a.asked, 64512.0 * 65536 * 65536);
  ExpectWitnessesDelivered(a);
}

TEST_F(ReachTest, NotebookToS3GoesThroughTheEndpointOnly) {
  ReachAnswer a = Ask("notebook", "s3");
  ASSERT_EQ(a.groups.size(), 1u);
  EXPECT_EQ(a.groups[0].via, "via s3-gw");
  // Every S3 address of us-east-1 (13 prefixes in ip-ranges.json, 10 ranges once adjacent ones
  // merge) from every client port 1024-65535, to 443 only. That is more ranges than a group lists,
  // so the headers are cut and the count is checked instead.
  IpRangeSet s3 = loaded_.model.FindService("s3")->Addresses();
  double addresses = 0;
  for (const IpRange& r : s3.Ranges()) addresses += double(r.hi) - double(r.lo) + 1;
  EXPECT_EQ(s3.Ranges().size(), 10u);
  EXPECT_EQ(addresses, 301856.0);
  EXPECT_EQ(a.delivered, 64512.0 * addresses);
  EXPECT_TRUE(a.groups[0].headers_truncated);
  ExpectWitnessesDelivered(a);
}

TEST_F(ReachTest, TrainingInstancesTalkOverIpsec) {
  ReachAnswer a = Ask("training[0]", "training[1]", kAllProtocols);
  ASSERT_EQ(a.groups.size(), 1u);
  EXPECT_EQ(a.groups[0].via, "(carried as IPsec (IKE + ESP))");
  ExpectWitnessesDelivered(a);
}

TEST_F(ReachTest, NothingDeliveredExplainsTheMostPromisingRequest) {
  ReachAnswer a = Ask("notebook", "pypi", kTcp, PortRange{80, 80});
  EXPECT_TRUE(a.groups.empty());
  EXPECT_EQ(a.delivered, 0);
  ASSERT_TRUE(a.refusal);
  EXPECT_EQ(FormatPacket(a.refusal->packet), "tcp 10.1.16.4:40000 -> 151.101.0.1:80");
  ASSERT_EQ(a.refusal->explanations.size(), 1u);
  EXPECT_EQ(a.refusal->explanations[0].code, "ENI_SG_RULES_MISMATCH");
  ReachQuery q;
  q.from = "notebook";
  q.to = "pypi";
  q.ports = PortRange{80, 80};
  std::string text = ReachToText(a, q, {"lab.yaml"}, false);
  EXPECT_EQ(text.substr(0, text.find("path: ")),
            "reach notebook -> pypi: unreachable: none of 4227858432 requests is delivered and "
            "answered\n"
            "most promising request: tcp 10.1.16.4:40000 -> 151.101.0.1:80\n");
  EXPECT_NE(text.find("\nwhy:\n  ENI_SG_RULES_MISMATCH pip: no egress rule of security group pip "
                      "on notebook allows tcp port 80 to 151.101.0.1\n"),
            std::string::npos)
      << text;
}

TEST_F(ReachTest, TextAndJson) {
  ReachQuery q;
  q.from = "notebook";
  q.to = "pypi";
  ReachAnswer a = Ask("notebook", "pypi");
  EXPECT_EQ(ReachToText(a, q, {"lab.yaml"}, false),
            "reach notebook -> pypi: 4227858432 of 277076930199552 requests delivered and "
            "answered (1 path)\n"
            "  notebook: via nat-a, igw (src rewritten to 52.0.0.10)\n"
            "    tcp dst-port 443 to 151.101.0.0/16\n"
            "    arrives as: tcp dst-port 443 to 151.101.0.0/16 from 52.0.0.10 src-port "
            "1024-65535\n"
            "    witness: tcp 10.1.16.4:40000 -> 151.101.0.1:443\n"
            "      vpcreach trace lab.yaml --from notebook --to 151.101.0.1 --protocol tcp "
            "--port 443 --src-port 40000 --src-ip 10.1.16.4\n");
  nlohmann::json j = nlohmann::json::parse(ReachToJson(a, q, {"lab.yaml"}).dump());
  EXPECT_EQ(j["reachable"], true);
  EXPECT_EQ(j["complete"], true);
  EXPECT_EQ(j["groups"][0]["via"], "via nat-a, igw (src rewritten to 52.0.0.10)");
  EXPECT_EQ(j["groups"][0]["witness"], "tcp 10.1.16.4:40000 -> 151.101.0.1:443");
  EXPECT_TRUE(j["refusal"].is_null());
}

TEST_F(ReachTest, UnknownEndpointIsAnError) {
  ReachQuery q;
  q.from = "notebok";
  q.to = "pypi";
  std::string error;
  EXPECT_FALSE(RunReach(loaded_.model, *graph_, q, &error));
  EXPECT_EQ(error, "--from: unknown endpoint 'notebok'; did you mean 'notebook'?");
}

}  // namespace
}  // namespace vpcreach
