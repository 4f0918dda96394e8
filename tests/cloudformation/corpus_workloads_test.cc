// The CloudFormation corpus (../shared/fixtures/cfn-corpus): in every scenario that loads, each
// resource that always puts network interfaces in a VPC is a workload, or, when vpcreach cannot
// place it (no subnets given: the default VPC), it is listed as ignored with a warning; never
// silently. Skipped with a message where ../shared is absent.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>

#include "model/cloudformation/workload_types.h"
#include "model/scenario_loader.h"

namespace vpcreach::testing {
namespace {

// Its scenarios name their templates through `../../../..` (outside their folder): the loads
// below say allow_outside, as a user would give --allow-outside.
const std::filesystem::path kCorpus = VPCREACH_SOURCE_DIR "/../shared/fixtures/cfn-corpus";

// Types whose resources always have network interfaces in a VPC (Lambda functions, ECS services
// and OpenSearch domains may run outside one).
const std::set<std::string> kAlwaysInVpc = {
    cfn::kInstance,         cfn::kAutoScalingGroup, cfn::kLoadBalancerV2, cfn::kClassicLoadBalancer,
    cfn::kDbInstance,       cfn::kDbCluster,        cfn::kEfsMountTarget, cfn::kCacheCluster,
    cfn::kReplicationGroup, cfn::kDocDbCluster,     cfn::kNeptuneCluster, cfn::kDmsInstance,
    cfn::kEksCluster,       cfn::kEksNodegroup,     cfn::kSimpleAd,       cfn::kMicrosoftAd,
    cfn::kSageMakerDomain};

TEST(CorpusWorkloadsTest, NoResourceWithNetworkInterfacesIsSilentlyIgnored) {
  std::ifstream rows(kCorpus / "corpus.tsv");
  if (!rows) GTEST_SKIP() << "the corpus is not here (" << kCorpus.string() << ")";
  std::string line;
  std::getline(rows, line);  // header
  int loaded = 0;
  std::map<std::string, int> workloads;  // by kind, over the corpus
  while (std::getline(rows, line)) {
    std::istringstream fields(line);
    std::string scenario, template_file, loadable;
    std::getline(fields, scenario, '\t');
    std::getline(fields, template_file, '\t');
    std::getline(fields, loadable, '\t');
    if (loadable != "yes") continue;
    LoadResult result = LoadScenarioFiles({(kCorpus / scenario).string()}, {.allow_outside = true});
    if (!result.ok()) continue;  // other causes (issue 11's other points)
    ++loaded;
    EXPECT_EQ(result.model.CheckInvariants(), "") << scenario;
    for (const Workload& w : result.model.workloads) ++workloads[WorkloadKindName(w.kind)];
    for (const IgnoredResource& r : result.model.ignored_resources) {
      if (!kAlwaysInVpc.count(r.type)) continue;
      EXPECT_TRUE(r.shapes_reachability)
          << scenario << ": " << r.id << " (" << r.type << ") is ignored silently: " << r.reason;
    }
  }
  EXPECT_GT(loaded, 0);
  std::string kinds;
  for (const auto& [kind, n] : workloads) kinds += " " + kind + "=" + std::to_string(n);
  std::cout << "[corpus] " << loaded << " scenarios load; workloads:" << kinds << "\n";
}

}  // namespace
}  // namespace vpcreach::testing
