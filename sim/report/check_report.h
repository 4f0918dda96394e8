// Renders the result of `vpcreach check` (sim/query/check.h) as text, json and JUnit XML.
//
// Text: one line per expectation, `PASS`, `FAIL`, `UNDECIDED` or `VACUOUS` (the question holds
// no packet) padded to one width, then the name and the detail:
//
//   PASS       notebook installs packages from PyPI: ...
//   FAIL       nothing on the internet reaches the notebook: ...
//              at lab.yaml:31
//              path: internet (1.0.0.1) -> ...
//              why:
//                ENI_SG_RULES_MISMATCH sg-web: ...
//   1 passed, 1 failed
//
// A failure (or an undecided expectation) adds, indented under the name, its location, its
// witness's path line and, when the witness was dropped, its why-list. An expectation that holds
// only for some of a NAT gateway's source ports (check.h) shows `WARN`, then `warning: MESSAGE`
// lines, its location and path. The last line is exactly `N passed, N failed` (undecided and
// vacuous count as failed, WARN as passed), followed by `, N with warnings` when there are any.
//
// JSON: {"passed", "failed", "warned", "results": [{"name", "passed", "undecided", "vacuous",
// "detail", "paths", "delivered", "asked", "location": "file:line", "intermittent", "warnings":
// [<warning json: trace_report.h>], "witness": <trace json> | null}]}.
// JUnit (ToJunit in ci_report.h): <testsuites name="vpcreach check"><testsuite name=SCENARIO>
// <testcase name=EXPECTATION classname="vpcreach check" file=FILE line=LINE>, a failed one with
// <failure message=DETAIL type="error"> (undecided: message "undecided: DETAIL", type
// "warning"; vacuous: type "warning"; held with warnings: message "DETAIL; warning: MESSAGE",
// type "warning") whose text is the detail, the warnings, the location, the path and the
// why-list.
//
// CI (CheckToCiItems): rule "expectation"; one item per expectation, level error when it fails
// and warning when undecided, vacuous or when it holds with warnings (then not `passed`, so that
// `--fail-on warning` fails on it and SARIF and JUnit show it), located at the expectation in the
// scenario (or template), its witness's hops as the path, each at the rule or route that decided
// it (HopSourceLocation).
#ifndef VPCREACH_SIM_REPORT_CHECK_REPORT_H_
#define VPCREACH_SIM_REPORT_CHECK_REPORT_H_

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "sim/query/check.h"
#include "sim/report/ci_report.h"

namespace vpcreach {

std::string CheckToText(const CheckReport& report, bool color);
nlohmann::ordered_json CheckToJson(const CheckReport& report);
// `suite_name` is the scenario's name (Model::name), or its first file when it has none.
std::string CheckToJunit(const CheckReport& report, const std::string& suite_name,
                         FailOn fail_on = FailOn::kWarning);

// The one rule of `check`, "expectation", for SARIF.
std::vector<CiRule> CheckCiRules();
std::vector<CiItem> CheckToCiItems(const CheckReport& report, const Model& model);

}  // namespace vpcreach

#endif  // VPCREACH_SIM_REPORT_CHECK_REPORT_H_
