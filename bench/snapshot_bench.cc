// Issue 13's benchmark: loading a deployed estate (a folder of AWS CLI describe-* JSON) against
// loading the same estate as a scenario YAML.
//
// The estates are bench_estates.h's `region` (RegionEstate(1): 5,047 interfaces) and `region10`
// (a tenth). Each is generated and loaded from YAML once per process, outside the timings; its
// Model is written as describe-* outputs (snapshot_writer.h) into a temporary folder, which the
// snapshot benchmark loads; the folder is removed at exit.
//   BM_LoadYaml/<E>      LoadScenarioText of the estate's YAML (as solver_bench's BM_Load)
//   BM_LoadSnapshot/<E>  LoadScenarioFiles of the folder: read the files, parse the JSON, map it
//                        to the native document, and load that (validate and complete)
// Counters: enis (the loaded model's), bytes (of the input).
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <memory>
#include <string>

#include "bench/bench_estates.h"
#include "bench/snapshot_writer.h"
#include "model/scenario_loader.h"

namespace vpcreach::bench {
namespace {

[[noreturn]] void Die(const std::string& message) {
  std::fprintf(stderr, "bench: %s\n", message.c_str());
  std::abort();
}

struct SnapshotEstate {
  std::string file_name;
  std::string text;    // the YAML
  std::string folder;  // the same estate as describe-* JSON
  std::size_t json_bytes = 0;
  std::size_t enis = 0;

  ~SnapshotEstate() {
    std::error_code ignored;
    std::filesystem::remove_all(folder, ignored);
  }
};

const SnapshotEstate& GetSnapshotEstate(const std::string& name) {
  static std::map<std::string, std::unique_ptr<SnapshotEstate>> estates;
  std::unique_ptr<SnapshotEstate>& estate = estates[name];
  if (estate) return *estate;
  estate = std::make_unique<SnapshotEstate>();
  estate->text = EstateText(name, &estate->file_name);
  LoadResult yaml = LoadScenarioText(estate->file_name, estate->text);
  if (!yaml.ok()) Die(name + ": the scenario does not load");
  estate->folder = (std::filesystem::temp_directory_path() /
                    ("vpcreach-bench-snapshot-" + name + "-" + std::to_string(getpid())))
                       .string();
  estate->json_bytes = WriteSnapshot(yaml.model, estate->folder);
  LoadResult snapshot = LoadScenarioFiles({estate->folder});
  if (!snapshot.ok()) Die(name + ": the snapshot does not load:\n" + snapshot.diagnostics.Format());
  estate->enis = snapshot.model.enis.size();
  std::fprintf(stderr,
               "estate %s: yaml %zu bytes, %zu enis; snapshot %zu bytes of JSON, %zu enis, "
               "%zu vpcs, %zu subnets, %zu groups, %zu route tables\n",
               name.c_str(), estate->text.size(), yaml.model.enis.size(), estate->json_bytes,
               snapshot.model.enis.size(), snapshot.model.vpcs.size(),
               snapshot.model.subnets.size(), snapshot.model.security_groups.size(),
               snapshot.model.route_tables.size());
  return *estate;
}

void BM_LoadYaml(benchmark::State& state, const std::string& name) {
  const SnapshotEstate& e = GetSnapshotEstate(name);
  std::size_t enis = 0;
  for (auto _ : state) {
    LoadResult r = LoadScenarioText(e.file_name, e.text);
    if (!r.ok()) Die("BM_LoadYaml: load failed");
    enis = r.model.enis.size();
    benchmark::DoNotOptimize(r);
  }
  state.counters["enis"] = static_cast<double>(enis);
  state.counters["bytes"] = static_cast<double>(e.text.size());
}

void BM_LoadSnapshot(benchmark::State& state, const std::string& name) {
  const SnapshotEstate& e = GetSnapshotEstate(name);
  std::size_t enis = 0;
  for (auto _ : state) {
    LoadResult r = LoadScenarioFiles({e.folder});
    if (!r.ok()) Die("BM_LoadSnapshot: load failed");
    enis = r.model.enis.size();
    benchmark::DoNotOptimize(r);
  }
  state.counters["enis"] = static_cast<double>(enis);
  state.counters["bytes"] = static_cast<double>(e.json_bytes);
}

BENCHMARK_CAPTURE(BM_LoadYaml, region10, std::string("region10"))->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_LoadSnapshot, region10, std::string("region10"))
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_LoadYaml, region, std::string("region"))->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_LoadSnapshot, region, std::string("region"))->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace vpcreach::bench
