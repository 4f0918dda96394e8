// Renders the result of `vpcreach audit` (sim/query/audit.h) as text and json, and as the CI
// report's items and rules (sim/report/ci_report.h) for SARIF and JUnit.
//
// Text: one line per finding, in the report's order (file, line), then the counts:
//
//   warning VPCR007 lab.yaml:15:3: VPC lab has no flow logs (fix: set flow_logs: true)
//   error VPCR008 lab.yaml:40:9: security group ssh admits SSH (tcp 22) from 0.0.0.0/0, and ENI
//         bastion is reachable on SSH (tcp 22) from the internet: tcp 1.0.0.1:40000 -> ... (fix:
//         ...)
//   1 error, 1 warning, 0 notes
//
// (each finding is one line; wrapped here). The level is `error`, `warning` or `note`, coloured
// (red, yellow, cyan) only when the caller asks. The last line always names the three counts,
// singular for 1.
//
// JSON: {"findings": [{"rule", "severity", "file", "line", "column", "component", "message",
// "fix", "witness"?}], "counts": {"error", "warning", "note"}}; "witness" (VPCR008 errors only)
// is the trace as `vpcreach trace --format json` writes it, from `internet` to the ENI.
//
// CI: one CiRule per VPCRxxx (AuditRules), one failing CiItem per finding at the finding's
// location, with the witness's hops as its path (each step located at the component that
// decided it), and one passing CiItem per rule that found nothing, so that a JUnit report of a
// clean audit lists what was checked.
#ifndef VPCREACH_SIM_REPORT_AUDIT_REPORT_H_
#define VPCREACH_SIM_REPORT_AUDIT_REPORT_H_

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "model/model.h"
#include "sim/query/audit.h"
#include "sim/report/ci_report.h"

namespace vpcreach {

std::string AuditToText(const AuditReport& report, bool color);
nlohmann::ordered_json AuditToJson(const AuditReport& report);

// "1 error, 2 warnings, 0 notes".
std::string AuditCounts(const AuditReport& report);

struct AuditCi {
  std::vector<CiRule> rules;  // one per VPCRxxx, in id order
  std::vector<CiItem> items;  // findings in report order, then one passing item per quiet rule
};

// `model` is the audited model: it locates the witness's hops.
AuditCi AuditToCiItems(const AuditReport& report, const Model& model);

CiLevel ToCiLevel(Severity severity);

}  // namespace vpcreach

#endif  // VPCREACH_SIM_REPORT_AUDIT_REPORT_H_
