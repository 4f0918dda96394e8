#include "sim/report/check_report.h"

#include <sstream>
#include <vector>

#include "model/loader_messages.h"
#include "sim/report/color.h"
#include "sim/report/trace_report.h"

namespace vpcreach {
namespace {

constexpr const char* kExpectationRule = "expectation";
constexpr const char* kUnmodelledRule = "unmodelled-resource";
constexpr const char* kLoadWarningRule = "load-warning";

constexpr size_t kStatusWidth = 9;  // "UNDECIDED"

const char* Status(const ExpectationResult& r) {
  if (r.undecided) return "UNDECIDED";
  if (r.vacuous) return "VACUOUS";
  if (r.PassedWithWarnings()) return "WARN";
  return r.passed ? "PASS" : "FAIL";
}

// "warning: MESSAGE", one per warning.
std::vector<std::string> WarningLines(const ExpectationResult& r) {
  std::vector<std::string> lines;
  for (const TraceWarning& w : r.warnings) lines.push_back("warning: " + w.message);
  return lines;
}

std::string Name(const ExpectationResult& r) {
  return r.expectation != nullptr ? r.expectation->name : "";
}

std::string Location(const ExpectationResult& r) {
  if (r.expectation == nullptr) return "";
  const SourceLocation& l = r.expectation->location;
  return l.file + ":" + std::to_string(l.line);
}

FlowNames NamesOf(const ExpectationResult& r) {
  if (r.expectation == nullptr) return {};
  return FlowNames{r.expectation->from, r.expectation->to};
}

// What a person needs to see under a failed expectation: where, the path, why.
std::vector<std::string> FailureLines(const ExpectationResult& r) {
  std::vector<std::string> lines;
  if (r.expectation != nullptr) lines.push_back("at " + Location(r));
  if (r.witness) {
    lines.push_back("path: " + PathLine(*r.witness, NamesOf(r)));
    std::vector<std::string> why = WhyLines(*r.witness);
    if (!why.empty()) {
      lines.push_back("why:");
      for (const std::string& w : why) lines.push_back("  " + w);
    }
  }
  return lines;
}

// One CiItem per expectation; the witness's hops as the path when the model is at hand.
std::vector<CiItem> Items(const CheckReport& report, const Model* model) {
  std::vector<CiItem> items;
  for (const ExpectationResult& r : report.results) {
    CiItem item;
    item.rule_id = kExpectationRule;
    item.name = Name(r);
    bool warned = r.PassedWithWarnings();
    item.passed = r.passed && !warned;
    // Neither held nor refuted (a budget ran out, or the question held no packet), or held only
    // for some NAT port choices.
    item.level = r.undecided || r.vacuous || warned ? CiLevel::kWarning : CiLevel::kError;
    item.message = (r.undecided ? "undecided: " : "") + r.detail;
    for (const TraceWarning& w : r.warnings) item.message += "; warning: " + w.message;
    if (!item.passed) {
      item.explanation = r.detail + "\n";
      for (const std::string& line : WarningLines(r)) item.explanation += line + "\n";
      for (const std::string& line : FailureLines(r)) item.explanation += line + "\n";
    }
    if (r.expectation != nullptr) item.location = r.expectation->location;
    if (model != nullptr && r.witness) item.path = TraceToCiSteps(*model, *r.witness);
    items.push_back(std::move(item));
  }
  // Items that are not expectations: a message at a place in the inputs.
  auto remark = [&items](const char* rule, std::string name, CiLevel level, std::string message,
                         const SourceLocation& location) {
    CiItem item;
    item.rule_id = rule;
    item.name = std::move(name);
    item.level = level;
    item.explanation = message + "\n";
    item.message = std::move(message);
    item.location = location;
    items.push_back(std::move(item));
  };
  for (const IgnoredResource& r : report.unmodelled) {
    remark(kUnmodelledRule, "unmodelled " + r.id, CiLevel::kWarning, r.Warning(), r.location);
  }
  for (const Diagnostic& d : report.load_warnings) {
    remark(kLoadWarningRule, "load warning " + d.path, CiLevel::kNote,
           (d.path.empty() ? "" : d.path + ": ") + d.message, d.location);
  }
  return items;
}

}  // namespace

std::string CheckToText(const CheckReport& report, bool color) {
  std::ostringstream out;
  std::string indent(kStatusWidth + 2, ' ');
  for (const ExpectationResult& r : report.results) {
    std::string status = Status(r);
    const char* colour =
        r.undecided || r.vacuous || r.PassedWithWarnings() ? kYellow : (r.passed ? kGreen : kRed);
    std::string padded = status + std::string(kStatusWidth - status.size(), ' ');
    out << Paint(status, colour, color) << padded.substr(status.size()) << "  "
        << Name(r);
    if (!r.detail.empty()) out << ": " << r.detail;
    out << "\n";
    for (const std::string& line : WarningLines(r)) out << indent << line << "\n";
    if (r.passed && r.warnings.empty()) continue;
    for (const std::string& line : FailureLines(r)) out << indent << line << "\n";
  }
  for (const IgnoredResource& r : report.unmodelled) {
    out << Paint("warning", kYellow, color) << ": " << FormatLocation(r.location) << ": "
        << r.Warning() << "\n";
  }
  for (const Diagnostic& d : report.load_warnings) {
    out << Paint("note", kYellow, color) << ": " << Diagnostics::Headline(d) << "\n";
  }
  out << report.Passed() << " passed, " << report.Failed() << " failed";
  if (report.Warned() > 0) out << ", " << report.Warned() << " with warnings";
  out << "\n";
  return out.str();
}

nlohmann::ordered_json CheckToJson(const CheckReport& report) {
  nlohmann::ordered_json j;
  j["passed"] = report.Passed();
  j["failed"] = report.Failed();
  j["warned"] = report.Warned();
  j["results"] = nlohmann::ordered_json::array();
  for (const ExpectationResult& r : report.results) {
    nlohmann::ordered_json item;
    item["name"] = Name(r);
    item["passed"] = r.passed;
    item["undecided"] = r.undecided;
    item["vacuous"] = r.vacuous;
    item["detail"] = r.detail;
    item["paths"] = r.paths;
    item["delivered"] = r.delivered;
    item["asked"] = r.asked;
    item["location"] = Location(r);
    item["intermittent"] = r.intermittent;
    item["warnings"] = WarningsToJson(r.warnings);
    item["witness"] = r.witness ? TraceToJson(*r.witness, NamesOf(r)) : nullptr;
    j["results"].push_back(std::move(item));
  }
  j["unmodelled"] = nlohmann::ordered_json::array();
  for (const IgnoredResource& r : report.unmodelled) {
    j["unmodelled"].push_back({{"id", r.id},
                               {"type", r.type},
                               {"reason", r.reason},
                               {"file", r.location.file},
                               {"line", r.location.line}});
  }
  j["load_warnings"] = nlohmann::ordered_json::array();
  for (const Diagnostic& d : report.load_warnings) {
    j["load_warnings"].push_back({{"file", d.location.file},
                                  {"line", d.location.line},
                                  {"column", d.location.column},
                                  {"path", d.path},
                                  {"message", d.message}});
  }
  return j;
}

std::string CheckToJunit(const CheckReport& report, const std::string& suite_name, FailOn fail_on) {
  return ToJunit(suite_name, "vpcreach check", Items(report, nullptr), fail_on);
}

std::vector<CiRule> CheckCiRules() {
  return {
      CiRule{
          kExpectationRule, "Expectation",
          "An expectation of the scenario's expect: list does not hold.",
          "vpcreach check decides every expectation exactly, over every packet of its header "
          "space. "
          "A failed expectation (level error) has a counterexample: the packet whose path breaks "
          "it, "
          "shown as the code flow with the rule or route that decided each hop. An undecided one "
          "(level warning) ran out of its --max-paths budget, and a vacuous one (level warning) "
          "asks "
          "about a header space that holds no packet: neither is proved nor refuted. A "
          "reachable one that holds only for some of the source ports a NAT gateway picks "
          "(1024-65535), because a NACL or group on the reply's way admits only part of them, is a "
          "warning: those connections fail.",
          "Fix the rule or route the path points at, or the expectation if the network is right; "
          "reproduce the packet with the vpcreach trace command; raise --max-paths when undecided; "
          "admit 1024-65535 back where a NAT gateway's replies arrive.",
          ""},
      CiRule{kUnmodelledRule, "UnmodelledResource",
             "A resource that shapes reachability is not modelled.",
             "The scenario deploys a resource that places network interfaces in a VPC or "
             "connects networks (a workload without subnets in the default VPC, a type "
             "vpcreach does not model yet), so what it reaches and what reaches it is "
             "missing from every answer. A warning: the expectations hold for the rest.",
             "Give the resource its subnets (or write it as a workload in the scenario), or "
             "check its reachability by other means.",
             "", CiLevel::kWarning},
      CiRule{kLoadWarningRule, "LoadWarning",
             "The loader made an assumption the answers rest on.",
             "Loading the scenario needed an assumption that AWS would resolve at deployment or "
             "refuse: a CIDR with host bits set read as its block, a zone a custom resource "
             "picks, an AWS-managed prefix list id vpcreach does not know read as every "
             "address, a security group without VpcId placed in the VPC of the interfaces that "
             "use it. A note: the answers hold under that assumption.",
             "Write the value the assumption stands for (the block, the zone, the VpcId) in the "
             "template or scenario.",
             "", CiLevel::kNote}};
}

std::vector<CiItem> CheckToCiItems(const CheckReport& report, const Model& model) {
  return Items(report, &model);
}

}  // namespace vpcreach
