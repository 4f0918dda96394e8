// scenarios/sagemaker-feature-store.yaml's model behind an internal load balancer: each
// `reachable: false` of it holds for the reason its name gives. For each, a variant of the
// scenario's network that removes that reason answers reachable, and one that removes only
// another possible reason still answers unreachable (the variants live here, not in scenarios/).
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "tests/test_util.h"

namespace vpcreach::testing {
namespace {

// The scenario's network, without its expectations.
std::string Network() {
  std::ifstream in(VPCREACH_SOURCE_DIR "/scenarios/sagemaker-feature-store.yaml");
  std::stringstream text;
  text << in.rdbuf();
  std::string network = text.str();
  size_t expect = network.find("\nexpect:\n");
  EXPECT_NE(expect, std::string::npos);
  return network.substr(0, expect + 1);
}

// The answer of one expectation on `network`: true when it holds.
bool Holds(const std::string& network, const std::string& expectation) {
  ExpectationResult r = CheckOne(network, expectation);
  EXPECT_FALSE(r.vacuous) << expectation << ": " << r.detail;
  return r.passed;
}

constexpr char kNotebookToServers8080[] =
    "{name: x, from: notebook, to: model-servers, port: 8080, reachable: true}";

// Edits of the scenario: a rule added after an existing one of the same group.
std::string NotebookSends8080(const std::string& n) {
  const std::string after =
      "      - {protocol: tcp, ports: 2049, security_group: datasets, description: NFS to EFS}\n";
  return Edit(n, after,
              after + "      - {protocol: tcp, ports: 8080, security_group: model-servers}\n");
}
std::string ServersAdmitTheNotebook(const std::string& n) {
  const std::string after =
      "      - {protocol: tcp, ports: 8080, security_group: model-alb, "
      "description: the balancer only}\n";
  return Edit(n, after, after + "      - {protocol: tcp, ports: 8080, security_group: notebook}\n");
}

TEST(FeatureStoreScenarioTest, TheModelServersAdmitOnlyTheBalancer) {
  std::string n = Network();
  EXPECT_TRUE(Holds(n,
                    "{name: x, from: notebook, to: model-servers, port: 443, reachable: true, "
                    "via: [model-alb]}"));
  EXPECT_FALSE(Holds(n, kNotebookToServers8080));
  // The notebook's group sending 8080 is not enough: the servers' group refuses the notebook.
  EXPECT_FALSE(Holds(NotebookSends8080(n), kNotebookToServers8080));
  // With the servers' group admitting the notebook too, it calls them directly.
  EXPECT_TRUE(Holds(ServersAdmitTheNotebook(NotebookSends8080(n)), kNotebookToServers8080));
  EXPECT_TRUE(Holds(ServersAdmitTheNotebook(NotebookSends8080(n)),
                    "{name: x, from: notebook, to: model-servers, port: 8080, reachable: true, "
                    "avoid: [model-alb]}"));
}

// The balancer is internal, in the private subnets, and its group admits only the notebook.
std::string InternetFacing(const std::string& n) {
  return Edit(
      n,
      "    scheme: internal             # no public address\n    subnets: [private-a, private-b]\n",
      "    scheme: internet-facing\n    subnets: [public-a, public-b]\n");
}
std::string InternalInPublicSubnets(const std::string& n) {
  return Edit(n, "    subnets: [private-a, private-b]\n    security_groups: [model-alb]\n",
              "    subnets: [public-a, public-b]\n    security_groups: [model-alb]\n");
}
std::string BalancerAdmitsEveryone(const std::string& n) {
  const std::string after =
      "      - {protocol: tcp, ports: 443, security_group: notebook, "
      "description: inference requests}\n";
  return Edit(n, after, after + "      - {protocol: tcp, ports: 443, cidr: 0.0.0.0/0}\n");
}

TEST(FeatureStoreScenarioTest, TheInternetReachesNeitherTheBalancerNorTheModelServers) {
  const std::string to_alb =
      "{name: x, from: internet, to: model-alb, protocol: all, reachable: true}";
  const std::string to_servers =
      "{name: x, from: internet, to: model-servers, protocol: all, reachable: true}";
  std::string n = Network();
  EXPECT_FALSE(Holds(n, to_alb));
  EXPECT_FALSE(Holds(n, to_servers));
  // An internet-facing balancer in the public subnets whose group admits the internet: both are
  // reached, the servers through the balancer only.
  std::string open = BalancerAdmitsEveryone(InternetFacing(n));
  EXPECT_TRUE(Holds(open, to_alb));
  EXPECT_TRUE(Holds(open, to_servers));
  EXPECT_TRUE(Holds(open,
                    "{name: x, from: internet, to: model-servers, port: 443, "
                    "reachable: true, via: [model-alb]}"));
  EXPECT_TRUE(Holds(open,
                    "{name: x, from: internet, to: model-servers, port: 8080, "
                    "reachable: false}"));
  // Either half alone is not enough: internet-facing behind a group that admits only the
  // notebook, or a group that admits everyone on an internal balancer (no public address).
  EXPECT_FALSE(Holds(InternetFacing(n), to_alb));
  EXPECT_FALSE(Holds(InternetFacing(n), to_servers));
  EXPECT_FALSE(Holds(BalancerAdmitsEveryone(InternalInPublicSubnets(n)), to_alb));
  EXPECT_FALSE(Holds(BalancerAdmitsEveryone(InternalInPublicSubnets(n)), to_servers));
}

TEST(FeatureStoreScenarioTest, TheModelServersOpenNothingToTheFeatureStore) {
  const std::string to_store =
      "{name: x, from: model-servers, to: feature-store, protocol: all, reachable: true}";
  std::string n = Network();
  EXPECT_FALSE(Holds(n, to_store));
  const std::string s3 =
      "      - {protocol: tcp, ports: 443, prefix_list: pl-s3, description: "
      "model artifacts from S3}\n";
  std::string sends =
      Edit(n, s3, s3 + "      - {protocol: tcp, ports: 5432, security_group: feature-store}\n");
  // Their group sending 5432 is not enough: the feature store's group admits only the notebook
  // and the ingest function.
  EXPECT_FALSE(Holds(sends, to_store));
  const std::string ingest =
      "      - {protocol: tcp, security_group: ingest, description: ingest function}\n";
  EXPECT_TRUE(Holds(
      Edit(sends, ingest, ingest + "      - {protocol: tcp, security_group: model-servers}\n"),
      to_store));
}

}  // namespace
}  // namespace vpcreach::testing
