#include "sim/report/audit_report.h"

#include <set>

#include "sim/report/color.h"
#include "sim/report/trace_report.h"

namespace vpcreach {
namespace {


std::string LocationText(const SourceLocation& l) {
  if (l.file.empty()) return "";
  if (l.line == 0) return l.file;
  return l.file + ":" + std::to_string(l.line) + ":" + std::to_string(l.column);
}

const char* Color(Severity s) {
  switch (s) {
    case Severity::kError:
      return kRed;
    case Severity::kWarning:
      return kYellow;
    case Severity::kNote:
      return kCyan;
  }
  return "";
}

}  // namespace

CiLevel ToCiLevel(Severity severity) {
  switch (severity) {
    case Severity::kError:
      return CiLevel::kError;
    case Severity::kWarning:
      return CiLevel::kWarning;
    case Severity::kNote:
      return CiLevel::kNote;
  }
  return CiLevel::kError;
}

std::string AuditCounts(const AuditReport& report) {
  auto count = [&](Severity s, const std::string& noun) {
    int n = report.Count(s);
    return std::to_string(n) + " " + noun + (n == 1 ? "" : "s");
  };
  return count(Severity::kError, "error") + ", " + count(Severity::kWarning, "warning") + ", " +
         count(Severity::kNote, "note");
}

std::string AuditToText(const AuditReport& report, bool color) {
  std::string out;
  for (const AuditFinding& f : report.findings) {
    std::string level = SeverityName(f.severity);
    level = Paint(level, Color(f.severity), color);
    out += level + " " + f.rule_id + " " + LocationText(f.location) + ": " + f.message +
           " (fix: " + f.fix + ")\n";
  }
  out += AuditCounts(report) + "\n";
  return out;
}

nlohmann::ordered_json AuditToJson(const AuditReport& report) {
  nlohmann::ordered_json findings = nlohmann::ordered_json::array();
  for (const AuditFinding& f : report.findings) {
    nlohmann::ordered_json j;
    j["rule"] = f.rule_id;
    j["severity"] = SeverityName(f.severity);
    j["file"] = f.location.file;
    j["line"] = f.location.line;
    j["column"] = f.location.column;
    j["component"] = f.component;
    j["message"] = f.message;
    j["fix"] = f.fix;
    if (f.witness) j["witness"] = TraceToJson(*f.witness, FlowNames{"internet", f.witness_to});
    findings.push_back(std::move(j));
  }
  nlohmann::ordered_json out;
  out["findings"] = std::move(findings);
  out["counts"] = {{"error", report.Count(Severity::kError)},
                   {"warning", report.Count(Severity::kWarning)},
                   {"note", report.Count(Severity::kNote)}};
  return out;
}

AuditCi AuditToCiItems(const AuditReport& report, const Model& model) {
  AuditCi ci;
  std::set<std::string> fired;
  for (const AuditRule& r : AuditRules()) {
    ci.rules.push_back(CiRule{r.id, r.name, r.short_description, r.full_description, r.help, "",
                              ToCiLevel(r.severity)});
  }
  for (const AuditFinding& f : report.findings) {
    fired.insert(f.rule_id);
    CiItem item;
    item.rule_id = f.rule_id;
    item.name = f.rule_id + " " + f.component;
    item.passed = false;
    item.level = ToCiLevel(f.severity);
    item.message = f.message;
    item.location = f.location;
    item.explanation = std::string(SeverityName(f.severity)) + " at " + LocationText(f.location) +
                       ": " + f.message + "\nfix: " + f.fix;
    if (f.witness) {
      item.explanation += "\npath: " + PathLine(*f.witness, FlowNames{"internet", f.witness_to});
      item.path = TraceToCiSteps(model, *f.witness);
    }
    ci.items.push_back(std::move(item));
  }
  for (const AuditRule& r : AuditRules()) {
    if (fired.count(r.id)) continue;
    CiItem item;
    item.rule_id = r.id;
    item.name = r.id + " " + r.name;
    item.passed = true;
    item.level = ToCiLevel(r.severity);
    item.message = r.id + " " + r.name + ": no finding";
    item.explanation = item.message;
    ci.items.push_back(std::move(item));
  }
  return ci;
}

}  // namespace vpcreach
