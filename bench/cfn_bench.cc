// Loading CloudFormation stacks: 50 stacks of scenarios/templates/network-2azs.yaml (a VPC,
// four subnets, an internet gateway, two route tables and two network ACLs with their entries
// and associations: the size of the workshop's vpc-2azs.yaml), one per ClassB 0..49, in one
// scenario. Covers parsing, evaluation (parameters, conditions, intrinsics, exports), mapping to
// the scenario format and the builders. Issue 4 asks for well under a second.
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "model/scenario_loader.h"

namespace vpcreach {
namespace {

// Writes the scenario into a temporary folder; returns its path.
std::string WriteScenario(int stacks) {
  std::filesystem::path dir =
      std::filesystem::temp_directory_path() / ("cfn_bench_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::string templ = VPCREACH_SOURCE_DIR "/scenarios/templates/network-2azs.yaml";
  std::ofstream out(dir / "stacks.yaml");
  out << "vpcreach: 1\nname: " << stacks << " two-AZ VPC stacks\nstacks:\n";
  for (int i = 0; i < stacks; ++i) {
    out << "  - {name: net-" << i << ", template: '" << templ << "', parameters: {ClassB: " << i
        << "}}\n";
  }
  return (dir / "stacks.yaml").string();
}

void BM_LoadVpcStacks(benchmark::State& state) {
  const int stacks = static_cast<int>(state.range(0));
  std::string scenario = WriteScenario(stacks);
  for (auto _ : state) {
    LoadResult loaded = LoadScenarioFiles({scenario});
    if (!loaded.ok()) {
      state.SkipWithError(loaded.diagnostics.Format().c_str());
      break;
    }
    benchmark::DoNotOptimize(loaded.model.subnets.size());
  }
  state.counters["stacks"] = stacks;
  std::filesystem::remove_all(std::filesystem::path(scenario).parent_path());
}
BENCHMARK(BM_LoadVpcStacks)->Arg(1)->Arg(50)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace vpcreach
