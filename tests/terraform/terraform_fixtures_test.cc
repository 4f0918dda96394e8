// Real Terraform plans (../shared/fixtures/terraform-plans, read in place, never copied) hold the
// expectations written beside them; the Terraform twin of the bundled lab
// (tests/fixtures/terraform/sagemaker-lab-state.json, a `terraform show -json` of the state the
// lab's network would have) answers `matrix` as the scenario does.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <set>
#include <string>

#include "model/scenario_loader.h"
#include "sim/forwarding_graph.h"
#include "sim/query/check.h"
#include "sim/query/matrix.h"

namespace vpcreach {
namespace {

const std::filesystem::path kPlans = VPCREACH_SOURCE_DIR "/../shared/fixtures/terraform-plans";

std::vector<std::string> Headlines(const LoadResult& result, bool warnings) {
  std::vector<std::string> out;
  for (const Diagnostic& d : result.diagnostics.Items()) {
    if (d.IsWarning() == warnings) out.push_back(Diagnostics::Headline(d));
  }
  return out;
}

TEST(TerraformFixturesTest, EveryPlanLoadsAndHoldsItsExpectations) {
  if (!std::filesystem::is_directory(kPlans)) {
    GTEST_SKIP() << "no Terraform plans at " << kPlans.string() << " (../shared is absent)";
  }
  int plans = 0;
  for (const auto& entry : std::filesystem::directory_iterator(kPlans)) {
    std::filesystem::path expect = entry.path() / "vpcreach-expect.yaml";
    if (!std::filesystem::exists(expect)) continue;
    ++plans;
    LoadResult loaded = LoadScenarioFiles({expect.string()});
    ASSERT_TRUE(loaded.ok()) << expect << "\n" << loaded.diagnostics.Format();
    EXPECT_EQ(loaded.model.CheckInvariants(), "") << expect;
    ForwardingGraph graph(loaded.model);
    CheckReport report = RunChecks(loaded.model, graph);
    for (const ExpectationResult& r : report.results) {
      EXPECT_TRUE(r.passed) << entry.path().filename() << ": " << r.expectation->name << ": "
                            << r.detail;
    }
  }
  EXPECT_GE(plans, 5);
}

// Validate-level facts of the plan without subnets: what it holds and the dangling rule.
TEST(TerraformFixturesTest, SecurityGroupRulePlanSaysWhatItCannotApply) {
  std::filesystem::path expect =
      kPlans / "terraform-compliance-test_issue-sgr/vpcreach-expect.yaml";
  if (!std::filesystem::exists(expect)) GTEST_SKIP() << "no plan at " << expect.string();
  LoadResult loaded = LoadScenarioFiles({expect.string()});
  ASSERT_TRUE(loaded.ok()) << loaded.diagnostics.Format();
  const Model& m = loaded.model;
  EXPECT_EQ(m.vpcs.size(), 1u);
  EXPECT_EQ(m.internet_gateways.size(), 1u);
  // allow_tls, and the VPC's default group vpcreach adds.
  ASSERT_EQ(m.security_groups.size(), 2u);
  const SecurityGroup& tls = m.security_groups[0];
  EXPECT_EQ(tls.id, "aws_security_group.allow_tls");
  EXPECT_TRUE(tls.egress.empty());  // Terraform revokes AWS's allow-all egress rule
  ASSERT_EQ(tls.ingress.size(), 1u);
  EXPECT_EQ(tls.ingress[0].ports.from, 1);
  EXPECT_EQ(tls.ingress[0].ports.to, 3000);
  std::string plan =
      (kPlans / "terraform-compliance-test_issue-sgr/plan.out.json").lexically_normal().string();
  EXPECT_EQ(Headlines(loaded, true),
            (std::vector<std::string>{
                plan + ":1:262: warning: planned_values.root_module.resources[1]: "
                       "aws_security_group.allow_tls: its egress rules are unknown until apply "
                       "and the configuration shows none; vpcreach reads them as none (Terraform "
                       "removes AWS's default rules of a group it creates)",
                plan + ":1:1054: warning: planned_values.root_module.resources[2].values."
                       "security_group_id: aws_security_group_rule.allow_all names security group "
                       "'sg-123456', which is not in this Terraform document; vpcreach models "
                       "only what the document declares: this tie is left out"}));
  ASSERT_EQ(m.ignored_resources.size(), 1u);
  EXPECT_EQ(m.ignored_resources[0].id, "aws_security_group_rule.allow_all");
  EXPECT_TRUE(m.ignored_resources[0].shapes_reachability);
}

// The lab twin: the same network written as Terraform state. Terraform has no training job
// resource (a job is not infrastructure), so the scenario's training instances are left out of
// the comparison; every other row and column must agree, cell by cell.
TEST(TerraformFixturesTest, LabTwinAnswersMatrixAsTheScenario) {
  LoadResult scenario = LoadScenarioFiles({VPCREACH_SOURCE_DIR "/scenarios/sagemaker-lab.yaml"});
  LoadResult twin =
      LoadScenarioFiles({VPCREACH_SOURCE_DIR "/tests/fixtures/terraform/sagemaker-lab-state.json"});
  ASSERT_TRUE(scenario.ok()) << scenario.diagnostics.Format();
  ASSERT_TRUE(twin.ok()) << twin.diagnostics.Format();
  EXPECT_EQ(twin.model.CheckInvariants(), "");
  // aws_flow_log on the VPC, as the scenario's `flow_logs: true` (audit reads it).
  ASSERT_EQ(twin.model.vpcs.size(), 1u);
  EXPECT_TRUE(twin.model.vpcs[0].flow_logs);
  EXPECT_EQ(Headlines(twin, true), std::vector<std::string>{});
  const std::map<std::string, std::string> names = {
      {"notebook", "aws_sagemaker_notebook_instance.notebook"},
      {"public-a", "aws_subnet.public_a"},
      {"private-a", "aws_subnet.private_a"},
      {"public-b", "aws_subnet.public_b"},
      {"private-b", "aws_subnet.private_b"},
  };
  auto translate = [&](const std::string& label) {
    auto it = names.find(label);
    return it == names.end() ? label : it->second;
  };
  // (By ENI: by subnet, the scenario's training instances put private-b in its rows too.)
  for (MatrixBy by : {MatrixBy::kEni}) {
    for (int protocol : {kAllProtocols, kTcp}) {
      MatrixQuery query;
      query.by = by;
      query.protocol = protocol;
      query.workers = 1;
      ForwardingGraph g1(scenario.model);
      ForwardingGraph g2(twin.model);
      MatrixResult a = ComputeMatrix(scenario.model, g1, query);
      MatrixResult b = ComputeMatrix(twin.model, g2, query);
      std::vector<size_t> kept;  // the scenario's rows, training instances left out
      std::vector<std::string> labels;
      for (size_t i = 0; i < a.labels.size(); ++i) {
        if (a.labels[i].rfind("training", 0) == 0) continue;
        kept.push_back(i);
        labels.push_back(translate(a.labels[i]));
      }
      ASSERT_EQ(labels, b.labels) << MatrixByName(by);
      size_t reaching = 0;
      for (size_t i = 0; i < kept.size(); ++i) {
        for (size_t j = 0; j < kept.size(); ++j) {
          EXPECT_EQ(a.reach[kept[i]][kept[j]], b.reach[i][j])
              << MatrixByName(by) << " " << labels[i] << " -> " << labels[j];
          reaching += b.reach[i][j] ? 1 : 0;
        }
      }
      EXPECT_GT(reaching, 0u);  // not a matrix of nothing
    }
  }
}

}  // namespace
}  // namespace vpcreach
