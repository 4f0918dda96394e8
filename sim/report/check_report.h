// Renders the result of `vpcreach check` (sim/query/check.h) as text, json and JUnit XML.
//
// Text: one line per expectation, `PASS`, `FAIL` or `UNDECIDED` padded to one width, then the
// name and the detail:
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
// witness's path line and, when the witness was dropped, its why-list. The last line is exactly
// `N passed, N failed` (undecided counts as failed).
//
// JSON: {"passed", "failed", "results": [{"name", "passed", "undecided", "detail", "classes",
// "delivered", "location": "file:line", "witness": <trace json> | null}]}.
// JUnit: <testsuites><testsuite name=SCENARIO ...><testcase name=... classname=FILE> with a
// <failure message=DETAIL> whose text is the location, path and why-list.
#ifndef VPCREACH_SIM_REPORT_CHECK_REPORT_H_
#define VPCREACH_SIM_REPORT_CHECK_REPORT_H_

#include <nlohmann/json.hpp>
#include <string>

#include "sim/query/check.h"

namespace vpcreach {

std::string CheckToText(const CheckReport& report, bool color);
nlohmann::ordered_json CheckToJson(const CheckReport& report);
// `suite_name` is the scenario's name (Model::name), or its first file when it has none.
std::string CheckToJunit(const CheckReport& report, const std::string& suite_name);

// Escapes text for XML element content and attribute values (& < > " ' and control characters).
std::string XmlEscape(const std::string& text);

}  // namespace vpcreach

#endif  // VPCREACH_SIM_REPORT_CHECK_REPORT_H_
