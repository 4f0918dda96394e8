// The corpus of real CloudFormation templates (../shared/fixtures/cfn-corpus, issue 11): every
// scenario of corpus.tsv is loaded as `vpcreach validate` loads it, and each error is put down to
// a cause. Skipped with a message where ../shared is absent.
//
// Two assertions:
// - no `loadable: yes` row fails for a gap of the template evaluator that issue 11 point 2 closed
//   (Fn::GetAZs null, CIDRs with host bits, the Version attribute, Java-style AllowedPattern,
//   custom resources' values, AWS-managed prefix lists vpcreach should know), or that the IPv6
//   template evaluation closed (VPC IPv6 blocks, Fn::Cidr over them);
// - every `loadable: yes` row loads, except the rows of kExpectedFailures, each listed with the
//   cause that stops it today. A row listed there that now loads, or that fails for another
//   cause, fails the test with what to change in the list: shrink it as the other points of
//   issue 11 (IPv6, the default VPC, workloads) land.
// `loadable: no` rows (not CloudFormation: Rain sources) must not load.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "model/scenario_loader.h"

namespace vpcreach {
namespace {

const std::filesystem::path kCorpus = VPCREACH_SOURCE_DIR "/../shared/fixtures/cfn-corpus";
// The corpus's scenarios (scenarios/as-user/...) name their templates through `../../../..`,
// outside their own folder: read as the user would with --allow-outside.
const LoadOptions kCorpusOptions{.allow_outside = true};

// A cause of failure, recognised in an error's headline.
struct Cause {
  const char* name;
  const char* pattern;
  bool fixed_here;  // a closed gap (issue 11 point 2, IPv6 evaluation): no loadable row may fail
                    // for it
};

const std::vector<Cause>& Causes() {
  static const std::vector<Cause> kCauses = {
      // Closed by point 2: each must never appear again.
      {"Fn::GetAZs null", R"(Fn::GetAZs expects a region name)", true},
      {"CIDR host bits", R"(host bits are set in '[^']*'; did you mean)", true},
      {"resource attribute", R"(unknown resource attribute '(Version|Description)')", true},
      {"AllowedPattern", R"(invalid regular expression|does not match AllowedPattern)", true},
      {"custom-resource value invented",
       R"(expected an availability zone of [a-z0-9-]+ .*got 'arn:)", true},
      {"AWS-managed prefix list unknown to vpcreach",
       R"(is not an AWS-managed prefix list vpcreach knows|unknown prefix list '(?!pl-))", true},
      // Closed by the IPv6 template evaluation (VPC IPv6 blocks, Fn::Cidr over them).
      {"IPv6", R"(Ipv6|IPv6|index 0 is out of range for a list of 0 items)", true},
      // Open elsewhere, or by decision (see kExpectedFailures).
      {"literal AWS-managed prefix-list id not declared", R"(an AWS-managed prefix list has an id)",
       false},
      {"custom-resource value needed", R"(which CloudFormation learns only when the custom)",
       false},
      {"default VPC", R"(does not model the default VPC|no VpcId|default VPC|vpc default-vpc)",
       false},
      {"YAML parser", R"(unknown tag|invalid YAML)", false},
      {"workloads (instances, interfaces)",
       R"(PrivateIpAddresses|SecondaryPrivateIpAddress|SecurityGroups)", false},
  };
  return kCauses;
}

// The cause of one error headline; "other: <headline>" when none matches.
std::string CauseOf(const std::string& headline) {
  for (const Cause& c : Causes()) {
    if (std::regex_search(headline, std::regex(c.pattern, std::regex::ECMAScript))) return c.name;
  }
  return "other: " + headline;
}

bool FixedHere(const std::string& cause) {
  for (const Cause& c : Causes()) {
    if (cause == c.name) return c.fixed_here;
  }
  return false;
}

// The loadable rows that do not load yet, by template, each with the one cause expected to stop
// it (the first error's cause, in file order). Shrink as issue 11's other points land: the test
// names each row that now loads, or now fails for another cause.
const std::map<std::string, std::string>& ExpectedFailures() {
  static const std::map<std::string, std::string> kExpectedFailures = {
      // Empty: every loadable row loads. The IPv6 rows (every widdix template) load since the
      // template evaluator reads IPv6 blocks (issue 12 point 1, template evaluation).
  };
  return kExpectedFailures;
}

struct Row {
  std::string scenario;
  std::string template_path;
  bool loadable = false;
};

std::vector<Row> ReadCorpus() {
  std::vector<Row> rows;
  std::ifstream in(kCorpus / "corpus.tsv");
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    std::istringstream fields(line);
    Row row;
    std::string loadable;
    std::getline(fields, row.scenario, '\t');
    std::getline(fields, row.template_path, '\t');
    std::getline(fields, loadable, '\t');
    row.loadable = loadable == "yes";
    if (!row.scenario.empty()) rows.push_back(std::move(row));
  }
  return rows;
}

// The causes of a loaded row's errors, in the order of the errors, without repeats.
std::vector<std::string> CausesOf(const LoadResult& loaded) {
  std::vector<std::string> causes;
  for (const Diagnostic& d : loaded.diagnostics.Items()) {
    if (d.IsWarning()) continue;
    std::string cause = CauseOf(Diagnostics::Headline(d));
    if (std::find(causes.begin(), causes.end(), cause) == causes.end()) causes.push_back(cause);
  }
  return causes;
}

std::string Join(const std::vector<std::string>& words) {
  std::string out;
  for (const std::string& w : words) out += (out.empty() ? "" : "; ") + w;
  return out;
}

class CorpusTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!std::filesystem::exists(kCorpus / "corpus.tsv")) {
      GTEST_SKIP() << "no corpus at " << kCorpus.string() << " (../shared is absent)";
    }
    for (const Row& row : ReadCorpus()) {
      loaded_.emplace(
          row.template_path,
          std::pair{row, LoadScenarioFiles({(kCorpus / row.scenario).string()}, kCorpusOptions)});
    }
  }

  std::map<std::string, std::pair<Row, LoadResult>> loaded_;  // by template
};

TEST_F(CorpusTest, NoLoadableTemplateFailsForAGapThisPointClosed) {
  std::vector<std::string> failures;
  for (const auto& [name, entry] : loaded_) {
    const auto& [row, loaded] = entry;
    if (!row.loadable) continue;
    for (const std::string& cause : CausesOf(loaded)) {
      if (FixedHere(cause)) failures.push_back(name + ": " + cause);
    }
  }
  EXPECT_EQ(failures, std::vector<std::string>{});
}

TEST_F(CorpusTest, EveryLoadableTemplateLoadsButTheListedOnes) {
  std::vector<std::string> unexpected;
  size_t loads = 0;
  size_t loadable = 0;
  std::map<std::string, size_t> by_cause;
  for (const auto& [name, entry] : loaded_) {
    const auto& [row, loaded] = entry;
    if (!row.loadable) continue;
    ++loadable;
    auto expected = ExpectedFailures().find(name);
    std::vector<std::string> causes = CausesOf(loaded);
    if (loaded.ok()) {
      ++loads;
      if (expected != ExpectedFailures().end()) {
        unexpected.push_back(name + " now loads: remove it from kExpectedFailures");
      }
      continue;
    }
    ++by_cause[causes.front()];
    if (expected == ExpectedFailures().end()) {
      unexpected.push_back(name + " fails: " + Join(causes));
    } else if (expected->second != causes.front()) {
      unexpected.push_back(name + " fails for '" + causes.front() + "', listed for '" +
                           expected->second + "': " + Join(causes));
    }
  }
  std::string summary = "corpus: " + std::to_string(loads) + " of " + std::to_string(loadable) +
                        " loadable templates load; failing, by first cause:";
  for (const auto& [cause, count] : by_cause) {
    summary += "\n  " + std::to_string(count) + "  " + cause;
  }
  std::cout << summary << "\n";
  std::string listed;
  for (const std::string& u : unexpected) listed += "\n  " + u;
  EXPECT_TRUE(unexpected.empty()) << unexpected.size()
                                  << " rows differ from kExpectedFailures:" << listed << "\n"
                                  << summary;
}

// widdix's dual-stack VPC loads with its IPv6 elements as warnings, one per resource: the four
// subnets' blocks, the egress-only internet gateway, the four ::/0 routes and the four IPv6 NACL
// entries; the VPC's own block is only listed (no traffic uses it but through a subnet).
TEST_F(CorpusTest, WiddixIpv6ElementsAreWarningsOnePerResource) {
  const LoadResult& loaded = loaded_.at("widdix/vpc/vpc-2azs.yaml").second;
  ASSERT_TRUE(loaded.ok());
  std::vector<std::string> warned, listed;
  for (const IgnoredResource& r : loaded.model.ignored_resources) {
    if (r.reason.find("IPv6") == std::string::npos) continue;
    EXPECT_EQ(r.reason, "IPv6 is not modelled yet: answers cover IPv4 traffic only");
    (r.shapes_reachability ? warned : listed).push_back(r.id);
  }
  EXPECT_EQ(listed, std::vector<std::string>{"stack/VPCCidrBlock"});
  EXPECT_EQ(warned, (std::vector<std::string>{
                        "stack/EgressOnlyInternetGateway",
                        "stack/SubnetAPublic Ipv6CidrBlock 2001:db8:0:100::/64",
                        "stack/SubnetAPrivate Ipv6CidrBlock 2001:db8:0:101::/64",
                        "stack/SubnetBPublic Ipv6CidrBlock 2001:db8:0:102::/64",
                        "stack/SubnetBPrivate Ipv6CidrBlock 2001:db8:0:103::/64",
                        "stack/RouteTablePublicAInternetRouteIPv6",
                        "stack/RouteTablePrivateAInternetRouteIPv6",
                        "stack/RouteTablePublicBInternetRouteIPv6",
                        "stack/RouteTablePrivateBInternetRouteIPv6",
                        "stack/NetworkAclEntryInPublicAllowAllIPv6",
                        "stack/NetworkAclEntryOutPublicAllowAllIPv6",
                        "stack/NetworkAclEntryInPrivateAllowAllIPv6",
                        "stack/NetworkAclEntryOutPrivateAllowAllIPv6",
                    }));
}

TEST_F(CorpusTest, TemplatesThatAreNotCloudFormationDoNotLoad) {
  for (const auto& [name, entry] : loaded_) {
    const auto& [row, loaded] = entry;
    if (!row.loadable) {
      EXPECT_FALSE(loaded.ok()) << name << " loads but is not CloudFormation";
    }
  }
}

}  // namespace
}  // namespace vpcreach
