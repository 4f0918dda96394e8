// The workshop's real CloudFormation templates (../shared/fixtures/lab-templates), deployed as the
// workshop deploys them, plus the notebook and the training job: `check` holds every expectation
// of the hand-written lab (scenarios/sagemaker-lab.yaml), and `matrix` on both is the same up to
// names. Skipped with a message where ../shared is absent.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>

#include "model/scenario_loader.h"
#include "sim/forwarding_graph.h"
#include "sim/query/check.h"
#include "sim/query/matrix.h"

namespace vpcreach {
namespace {

const std::filesystem::path kTemplates = VPCREACH_SOURCE_DIR "/../shared/fixtures/lab-templates";

// The workshop's stacks in order, the lab's workloads and the lab's expectations (as in
// scenarios/sagemaker-lab.yaml, with the stacks' names).
std::string LabScenario(const std::filesystem::path& templates) {
  auto stack = [&](const std::string& name, const std::string& file, const std::string& params) {
    return "  - {name: " + name + ", template: '" + (templates / file).string() +
           "', parameters: {" + params + "}}\n";
  };
  return "vpcreach: 1\nname: the workshop's own templates\nregion: us-east-1\nstacks:\n" +
         stack("vpc-fnd316", "vpc-2azs.yaml", "ClassB: 1") +
         stack("vpc-fnd316-nat-gateway", "vpc-nat-gateway.yaml", "ParentVPCStack: vpc-fnd316") +
         stack("vpc-fnd316-s3endpoint", "vpc-endpoint-s3.yaml", "ParentVPCStack: vpc-fnd316") +
         stack("vpc-fnd316-flowlogs", "vpc-flow-logs.yaml", "ParentVPCStack: vpc-fnd316") +
         stack("vpc-fnd316-securitygroups", "vpc-sagemaker-sgs.yaml",
               "ParentVPCStack: vpc-fnd316") +
         R"(sagemaker:
  notebook_instances:
    vpc-fnd316-notebook:
      subnet: vpc-fnd316/SubnetAPrivate
      security_groups: [vpc-fnd316-securitygroups/PipSecurityGroup]
      direct_internet_access: disabled
      root_access: disabled
  training_jobs:
    vpc-fnd316-training:
      subnets: [vpc-fnd316/SubnetAPrivate, vpc-fnd316/SubnetBPrivate]
      security_groups: [vpc-fnd316-securitygroups/TrainingSecurityGroup]
      instance_count: 2
      inter_container_encryption: true
expect:
  - {name: pypi over https through the NAT gateway, from: vpc-fnd316-notebook, to: pypi, port: 443, reachable: true, via: [vpc-fnd316-nat-gateway/NatGateway, vpc-fnd316/InternetGateway]}
  - {name: no plain http to pypi, from: vpc-fnd316-notebook, to: pypi, port: 80, reachable: false}
  - {name: s3 through the endpoint, from: vpc-fnd316-notebook, to: s3, port: 443, reachable: true, via: [vpc-fnd316-s3endpoint/EndpointS3], avoid: [internet_gateway, nat_gateway]}
  - {name: nothing inbound to the notebook, from: internet, to: vpc-fnd316-notebook, protocol: all, reachable: false}
  - {name: nothing inbound to training, from: internet, to: vpc-fnd316-training, protocol: all, reachable: false}
  - {name: training instances talk, from: 'vpc-fnd316-training[0]', to: 'vpc-fnd316-training[1]', reachable: true}
  - {name: training only to itself, from: vpc-fnd316-training, protocol: all, only_to: [vpc-fnd316-training]}
  - {name: training cannot reach s3, from: vpc-fnd316-training, to: s3, port: 443, reachable: false}
)";
}

// A matrix label by role: "notebook", "training[1]", or the label itself (services).
std::string Role(const Model& model, const std::string& label) {
  for (const Eni& eni : model.enis) {
    if (eni.id != label) continue;
    if (eni.owner == EniOwner::kNotebook) return "notebook";
    if (eni.owner == EniOwner::kTrainingJob) {
      const TrainingJob& job = model.training_jobs[eni.owner_index];
      for (size_t i = 0; i < job.enis.size(); ++i) {
        if (model.enis[job.enis[i]].id == label) return "training[" + std::to_string(i) + "]";
      }
    }
  }
  return label;
}

// (row role, column role) -> reachable.
std::map<std::pair<std::string, std::string>, bool> MatrixByRole(const Model& model) {
  ForwardingGraph graph(model);
  MatrixQuery query;
  query.protocol = kTcp;
  query.by = MatrixBy::kEni;
  MatrixResult result = ComputeMatrix(model, graph, query);
  EXPECT_FALSE(result.budget_exceeded);
  std::map<std::pair<std::string, std::string>, bool> out;
  for (size_t i = 0; i < result.labels.size(); ++i) {
    for (size_t j = 0; j < result.labels.size(); ++j) {
      out[{Role(model, result.labels[i]), Role(model, result.labels[j])}] = result.reach[i][j];
    }
  }
  return out;
}

TEST(LabStacksTest, TheWorkshopStacksHoldTheLabsExpectationsAndMatrix) {
  if (!std::filesystem::exists(kTemplates)) {
    GTEST_SKIP() << "the workshop templates are not here (" << kTemplates.string()
                 << " is absent): skipping";
  }
  std::filesystem::path dir =
      std::filesystem::temp_directory_path() / ("lab_templates_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::string scenario = (dir / "lab-stacks.yaml").string();
  std::ofstream(scenario) << LabScenario(std::filesystem::absolute(kTemplates));
  // The scenario is in a temporary folder, the templates in ../shared.
  LoadResult stacks = LoadScenarioFiles({scenario}, {.allow_outside = true});
  std::filesystem::remove_all(dir);
  ASSERT_TRUE(stacks.ok()) << stacks.diagnostics.Format();
  EXPECT_EQ(stacks.model.CheckInvariants(), "");

  ForwardingGraph graph(stacks.model);
  CheckReport report = RunChecks(stacks.model, graph);
  ASSERT_EQ(report.results.size(), 8u);
  for (const ExpectationResult& r : report.results) {
    EXPECT_TRUE(r.passed) << r.expectation->name << ": " << r.detail;
  }

  // The stacks build what the hand-written lab describes.
  const Model& m = stacks.model;
  EXPECT_EQ(m.vpcs.size(), 1u);
  EXPECT_TRUE(m.vpcs[0].flow_logs);
  EXPECT_EQ(m.subnets.size(), 4u);
  ASSERT_EQ(m.ignored_resources.size(), 2u);
  EXPECT_EQ(m.ignored_resources[0].id, "vpc-fnd316-flowlogs/Role");
  EXPECT_EQ(m.ignored_resources[1].id, "vpc-fnd316-flowlogs/LogGroup");

  LoadResult lab = LoadScenarioFiles({VPCREACH_SOURCE_DIR "/scenarios/sagemaker-lab.yaml"});
  ASSERT_TRUE(lab.ok()) << lab.diagnostics.Format();
  auto from_stacks = MatrixByRole(stacks.model);
  auto hand_written = MatrixByRole(lab.model);
  EXPECT_FALSE(from_stacks.empty());
  EXPECT_EQ(from_stacks, hand_written);
  EXPECT_TRUE(from_stacks.at({"notebook", "pypi"}));
  EXPECT_TRUE(from_stacks.at({"training[0]", "training[1]"}));
}

}  // namespace
}  // namespace vpcreach
