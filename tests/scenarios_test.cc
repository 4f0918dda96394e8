// The bundled scenarios: each loads cleanly and every expectation in it holds, exactly.
// The expectations themselves state each variant's consequence (see the comment in each file);
// here we also pin the few facts a variant exists to show, so a scenario edit cannot quietly
// turn a lesson into a tautology.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>

#include "model/scenario_loader.h"
#include "sim/endpoint.h"
#include "sim/forwarding_graph.h"
#include "sim/query/check.h"
#include "sim/query/reach.h"

namespace vpcreach {
namespace {

std::string ScenarioPath(const std::string& name) {
  return std::string(VPCREACH_SOURCE_DIR) + "/scenarios/" + name;
}

struct Checked {
  LoadResult loaded;
  CheckReport report;
};

Checked RunScenario(const std::string& name) {
  Checked c;
  c.loaded = LoadScenarioFiles({ScenarioPath(name)});
  EXPECT_TRUE(c.loaded.ok()) << c.loaded.diagnostics.Format();
  ForwardingGraph graph(c.loaded.model);
  c.report = RunChecks(c.loaded.model, graph);
  return c;
}

// name of expectation -> passed
std::map<std::string, const ExpectationResult*> ByName(const CheckReport& r) {
  std::map<std::string, const ExpectationResult*> out;
  for (const ExpectationResult& e : r.results) out[e.expectation->name] = &e;
  return out;
}

TEST(ScenariosTest, EveryBundledScenarioHoldsItsExpectations) {
  int files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(VPCREACH_SOURCE_DIR "/scenarios")) {
    if (entry.path().extension() != ".yaml") continue;
    ++files;
    Checked c = RunScenario(entry.path().filename().string());
    EXPECT_FALSE(c.report.results.empty()) << entry.path();
    for (const ExpectationResult& r : c.report.results) {
      EXPECT_TRUE(r.passed) << entry.path().filename() << ": " << r.expectation->name << ": "
                            << r.detail;
      EXPECT_GT(r.asked, 0) << r.expectation->name;
    }
  }
  EXPECT_GE(files, 6);
}

TEST(ScenariosTest, LabAnswersTheWorkshopQuestions) {
  Checked c = RunScenario("sagemaker-lab.yaml");
  auto results = ByName(c.report);
  const ExpectationResult* pypi =
      results.at("the notebook installs packages from PyPI over HTTPS through the NAT gateway");
  ASSERT_TRUE(pypi->witness.has_value());
  EXPECT_TRUE(pypi->witness->delivered);
  EXPECT_EQ(pypi->witness->packet.dst_port, 443);
  const ExpectationResult* s3 =
      results.at("S3 traffic stays on the AWS backbone, through the gateway endpoint");
  EXPECT_GT(s3->delivered, 0);
  const ExpectationResult* inbound =
      results.at("nothing on the internet can open a connection to the notebook");
  EXPECT_EQ(inbound->delivered, 0);
  EXPECT_GT(inbound->asked, 1e9);  // the whole space: every source, protocol and port
}

// The feature-store scenario's lessons are the workloads' own refusals, not a group's.
TEST(ScenariosTest, FeatureStoreShowsWhatWorkloadsAnswer) {
  Checked c = RunScenario("sagemaker-feature-store.yaml");
  auto results = ByName(c.report);
  auto codes = [&](const std::string& name) {
    std::string out;
    const ExpectationResult* r = results.at(name);
    if (!r->witness) return out;
    for (const Explanation& e : r->witness->explanations) out += (out.empty() ? "" : " ") + e.code;
    return out;
  };
  EXPECT_EQ(codes("the feature store answers no other port, though the groups on the way admit "
                  "https"),
            "WORKLOAD_PORT_RESTRICTION");
  EXPECT_EQ(codes("nothing opens a connection to the ingest function (Lambda accepts none)"),
            "WORKLOAD_NO_INBOUND");
  EXPECT_EQ(codes("the mount target opens no connection"), "WORKLOAD_NO_OUTBOUND");
  EXPECT_GT(results.at("the notebook reads the feature store on PostgreSQL's port")->delivered, 0);
}

// The lab in eu-west-1: Ireland's zones and S3 ranges, and the SageMaker API by its name
// through the interface endpoint (private DNS), never through the NAT gateway.
TEST(ScenariosTest, LabInEuWest1UsesTheRegionsZonesRangesAndEndpoints) {
  Checked c = RunScenario("sagemaker-lab-eu-west-1.yaml");
  const Model& m = c.loaded.model;
  EXPECT_EQ(m.region, "eu-west-1");
  std::vector<std::string> zones;
  for (const Subnet& s : m.subnets) zones.push_back(s.az);
  EXPECT_EQ(zones, (std::vector<std::string>{"eu-west-1a", "eu-west-1a", "eu-west-1b",
                                             "eu-west-1b", "eu-west-1c", "eu-west-1c"}));
  auto results = ByName(c.report);
  const ExpectationResult* s3 = results.at(
      "S3 traffic stays on the AWS backbone, through the gateway endpoint, to eu-west-1's S3");
  ASSERT_TRUE(s3->witness.has_value());
  EXPECT_TRUE(m.FindService("s3")->Addresses().Contains(s3->witness->packet.dst));
  // Not us-east-1's S3 (52.216.0.0/15).
  EXPECT_FALSE(m.FindService("s3")->Addresses().Contains(*ParseIpv4("52.216.10.1")));
  const ExpectationResult* api = results.at(
      "the SageMaker API resolves to its interface endpoint (private DNS) and stays in the VPC");
  ASSERT_TRUE(api->witness.has_value());
  Index holder = m.FindEniByPrivateIp(0, api->witness->packet.dst);
  ASSERT_NE(holder, kNone);
  EXPECT_EQ(m.enis[holder].owner, EniOwner::kInterfaceEndpoint);
  EXPECT_EQ(m.vpc_endpoints[m.enis[holder].owner_index].id, "sagemaker-api");
  // The opposite: no request to sagemaker.api passes the NAT gateway (a `via: [nat-a]` fails).
  Expectation through_nat = *api->expectation;
  through_nat.via = {"nat-a"};
  through_nat.avoid.clear();
  Model variant = m;
  variant.expectations = {through_nat};
  ForwardingGraph graph(variant);
  CheckReport flipped = RunChecks(variant, graph);
  ASSERT_EQ(flipped.results.size(), 1u);
  EXPECT_FALSE(flipped.results[0].passed) << flipped.results[0].detail;
}

// `reach` on every expectation of every scenario: each class's witness is delivered by the
// tracer, and `reach` finds something exactly when `check` does.
TEST(ScenariosTest, ReachWitnessesAreReproducedByTheTracer) {
  int groups = 0;
  for (const auto& entry : std::filesystem::directory_iterator(VPCREACH_SOURCE_DIR "/scenarios")) {
    if (entry.path().extension() != ".yaml") continue;
    Checked c = RunScenario(entry.path().filename().string());
    ForwardingGraph graph(c.loaded.model);
    Tracer tracer(c.loaded.model, graph);
    for (const ExpectationResult& r : c.report.results) {
      const Expectation& e = *r.expectation;
      if (!e.only_to.empty()) continue;
      ReachQuery q;
      q.from = e.from;
      q.to = e.to;
      q.protocol = e.protocol;
      q.ports = e.ports;
      q.src_ports = e.src_ports;
      q.icmp = e.icmp;
      std::string error;
      std::optional<ReachAnswer> a = RunReach(c.loaded.model, graph, q, &error);
      ASSERT_TRUE(a) << error;
      EXPECT_EQ(a->groups.empty(), r.paths == 0) << e.name;
      EXPECT_EQ(a->delivered, r.delivered) << e.name;
      for (const ReachGroup& g : a->groups) {
        ++groups;
        std::optional<Endpoint> from = ResolveEndpoint(c.loaded.model, g.origin, &error);
        ASSERT_TRUE(from) << error;
        TraceResult t =
            tracer.Trace(from->Origins(c.loaded.model).front(), g.witness, g.witness_options);
        EXPECT_TRUE(t.delivered) << entry.path().filename() << ": " << e.name << ": "
                                 << FormatPacket(g.witness);
      }
      // check's own witness agrees with its verdict.
      if (r.witness && r.paths > 0 && r.passed == *e.reachable) {
        EXPECT_TRUE(r.witness->delivered) << e.name;
      }
    }
  }
  EXPECT_GE(groups, 9);  // every reachable expectation of the bundled scenarios has a class
}

// Each variant flips an answer of the lab: the lab's expectation fails on the variant.
TEST(ScenariosTest, EachVariantBreaksALabExpectation) {
  struct Case {
    const char* variant;
    const char* lab_expectation_that_fails;
  };
  const Case cases[] = {
      {"lab-nacl-no-ephemeral.yaml",
       "the notebook installs packages from PyPI over HTTPS through the NAT gateway"},
      {"lab-nat-in-private-subnet.yaml",
       "the notebook installs packages from PyPI over HTTPS through the NAT gateway"},
      {"lab-no-s3-endpoint.yaml", "S3 traffic stays on the AWS backbone, through the gateway endpoint"},
      {"lab-direct-internet-access.yaml", "plain HTTP to PyPI is refused (the pip group allows only 443)"},
      {"lab-sg-no-egress.yaml",
       "the notebook installs packages from PyPI over HTTPS through the NAT gateway"},
      {"lab-training-without-ipsec-rules.yaml", "the training instances talk to each other, encrypted"},
  };
  std::string lab = std::string(VPCREACH_SOURCE_DIR) + "/scenarios/sagemaker-lab.yaml";
  for (const Case& c : cases) {
    // The variant's network with the lab's expectations: load the variant, swap expectations in.
    LoadResult variant = LoadScenarioFiles({ScenarioPath(c.variant)});
    LoadResult base = LoadScenarioFiles({lab});
    ASSERT_TRUE(variant.ok() && base.ok());
    variant.model.expectations = base.model.expectations;
    ForwardingGraph graph(variant.model);
    CheckReport report = RunChecks(variant.model, graph);
    auto results = ByName(report);
    ASSERT_TRUE(results.count(c.lab_expectation_that_fails)) << c.variant;
    EXPECT_FALSE(results.at(c.lab_expectation_that_fails)->passed) << c.variant;
  }
}

}  // namespace
}  // namespace vpcreach
