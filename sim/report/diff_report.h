// Renders a `vpcreach diff` result (sim/query/diff.h).
//
// Text, for a reviewer:
//
//   diff sagemaker-lab.yaml -> lab-sg-no-egress.yaml: 0 flows opened, 3 closed
//   closed: notebook -> pypi tcp 443 (sg pip: egress rule tcp 443 0.0.0.0/0 removed)
//     example: tcp 10.1.16.4:40000 -> 151.101.0.1:443
//     before: notebook (10.1.16.4) -> sg pip: egress tcp 443 0.0.0.0/0 -> ... -> pypi (151.101.0.1)
//     after:  notebook (10.1.16.4) -> sg pip: no egress rules [BLOCKED]
//     requests: 4227858432 (tcp dst-port 443 to 151.101.0.0/16)
//   components changed:
//     sg pip: egress rule tcp 443 0.0.0.0/0 removed  (lab-sg-no-egress.yaml:50)
//
// JSON: {"before", "after", "changed", "opened", "closed", "complete", "sources", "full_sources",
// "restricted", "solver_runs", "flows": [{"change": "opened"|"closed", "source", "destination",
// "ports", "headers", "requests", "witness", "before": <trace json or null>, "after": ...,
// "causes": [{"component", "kind", "change", "location"}], "causes_on_path"}],
// "components": [{"component", "kind", "change", "before", "after"}]}.
//
// CI: one CiItem per changed flow, rules `flow-opened` and `flow-closed` (level warning), located
// at the first cause in AFTER (opened) or BEFORE (closed), with the witness's path (the version
// where it is delivered) as the codeFlow.
#ifndef VPCREACH_SIM_REPORT_DIFF_REPORT_H_
#define VPCREACH_SIM_REPORT_DIFF_REPORT_H_

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "model/model.h"
#include "sim/query/diff.h"
#include "sim/report/ci_report.h"

namespace vpcreach {

// `before_files` / `after_files` name the two versions in the header line.
std::string DiffToText(const DiffResult& result, const std::vector<std::string>& before_files,
                       const std::vector<std::string>& after_files, bool color);
nlohmann::ordered_json DiffToJson(const DiffResult& result,
                                  const std::vector<std::string>& before_files,
                                  const std::vector<std::string>& after_files);

// The rules `flow-opened` and `flow-closed`.
std::vector<CiRule> DiffCiRules();
// One failing item per changed flow. The models give the locations of the path's components.
std::vector<CiItem> DiffToCiItems(const DiffResult& result, const Model& before, const Model& after);

}  // namespace vpcreach

#endif  // VPCREACH_SIM_REPORT_DIFF_REPORT_H_
