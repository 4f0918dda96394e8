// The scenario loader: reads scenario files (contract.md, "Scenario file") into one Model.
//
// Loading never throws and never stops at the first problem: every problem of every file becomes a
// Diagnostic (file, line, column, dotted YAML path, what to change), sorted by file (in the order
// given) and position. Problems that only follow from an earlier one (a subnet whose VPC is
// unknown is not also "outside its VPC") are not reported.
//
// Beyond reading what is written, the loader completes the model as AWS would: an implicit local
// route per VPC CIDR in every route table, a prefix-list route for each gateway endpoint in the
// tables it lists, a main route table / default NACL / default security group for each VPC that
// writes none (ids `<vpc>-main`, `<vpc>-default-nacl`, `<vpc>-default-sg`), AWS-managed prefix
// lists `pl-<service>` for S3 and DynamoDB, ENIs for interface endpoints (`<endpoint>/eni-<n>`),
// notebooks (the notebook's id) and training instances (`<job>[<i>]`, round-robin over the job's
// subnets), and the first free private address of the subnet for every ENI and NAT gateway that
// writes none. When `ok()`, the model satisfies Model::CheckInvariants().
#ifndef VPCREACH_MODEL_SCENARIO_LOADER_H_
#define VPCREACH_MODEL_SCENARIO_LOADER_H_

#include <string>
#include <utility>
#include <vector>

#include "model/confinement.h"
#include "model/diagnostics.h"
#include "model/model.h"

namespace vpcreach {

struct LoadResult {
  Model model;
  Diagnostics diagnostics;  // every problem found (errors and warnings), in file order
  // No errors: the model is usable. Warnings (diagnostics.WarningCount()) may remain.
  bool ok() const { return diagnostics.ErrorCount() == 0; }
};

struct LoadOptions {
  // Read files a scenario names outside the folder of the first file (model/confinement.h):
  // `--allow-outside`. Off by default, in tests too: a test whose scenario names a fixture
  // elsewhere (../shared, the source tree from a scenario in a temporary folder) says so.
  bool allow_outside = false;
  // Size bounds (model/confinement.h), each raised by a flag.
  InputLimits limits;
};

// Loads and merges one or more scenario files into one Model (component ids must be unique across
// all files; `region` must agree; expectations are concatenated in order). Never throws.
LoadResult LoadScenarioFiles(const std::vector<std::string>& paths,
                             const LoadOptions& options = {});

// Same, from text (the file name is used in diagnostics, and its folder confines reads). For tests.
LoadResult LoadScenarioText(const std::string& file_name, const std::string& text,
                            const LoadOptions& options = {});

// Same, from several (file name, text) pairs, merged as LoadScenarioFiles merges files.
LoadResult LoadScenarioTexts(const std::vector<std::pair<std::string, std::string>>& files,
                             const LoadOptions& options = {});

}  // namespace vpcreach

#endif  // VPCREACH_MODEL_SCENARIO_LOADER_H_
