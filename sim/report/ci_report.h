// CI-native reports shared by `check`, `audit` and `diff`: SARIF 2.1.0 and JUnit XML.
//
// Each command turns its results into CiItems (one per expectation, finding or change), and this
// file renders them. An item that holds (`passed`) is a passing JUnit testcase and no SARIF
// result; one that does not is a failing testcase (the explanation in the element text) and a
// SARIF result at its location, with its packet path, when there is one, as a codeFlow.
// `--fail-on error|warning|never|opened` decides the exit status from the items' levels (FailOn
// below), and the JUnit report agrees with it: an item that does not fail the run (a note, a
// warning under `--fail-on error`) is a passing testcase that says what it found.
#ifndef VPCREACH_SIM_REPORT_CI_REPORT_H_
#define VPCREACH_SIM_REPORT_CI_REPORT_H_

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "model/diagnostics.h"
#include "model/model.h"
#include "sim/tracer.h"

namespace vpcreach {

enum class CiLevel { kError, kWarning, kNote };

// A rule (SARIF reportingDescriptor): what kind of item this is.
struct CiRule {
  std::string id;                 // stable: "expectation", "VPCR001", "flow-opened", ...
  std::string name;               // PascalCase short name
  std::string short_description;  // one sentence
  std::string full_description;   // a paragraph
  std::string help;               // what to do about it (one line)
  std::string help_uri;           // may be empty
  // SARIF defaultConfiguration.level: the level of most of its items.
  CiLevel default_level = CiLevel::kError;
};

// One step of a packet's path, for a SARIF codeFlow.
struct CiStep {
  std::string message;      // "sg pip: egress tcp 443 0.0.0.0/0"
  SourceLocation location;  // where the deciding rule is written (line 0: unknown)
};

struct CiItem {
  std::string rule_id;
  std::string name;     // JUnit testcase name; short
  bool passed = false;  // holds: no SARIF result, a passing testcase
  CiLevel level = CiLevel::kError;
  std::string message;       // one line
  std::string explanation;   // several lines: JUnit failure text
  SourceLocation location;   // where the item is written (expectation, rule, component)
  std::vector<CiStep> path;  // the packet path, forward then return (may be empty)
};

struct CiTool {
  std::string name = "vpcreach";
  std::string version;
  std::string information_uri;
};

// SARIF 2.1.0 log with one run. Locations are relative to `base_dir` when inside it.
//
// Only failing items become results; `ruleIndex` is the rule's place in `rules` (omitted when
// the item names no rule there). A file inside `base_dir` is written as a relative URI with
// forward slashes and `uriBaseId` "SRCROOT" (`originalUriBaseIds` says SRCROOT is base_dir), any
// other as an absolute `file://` URI; characters other than letters, digits, `-._~/` are
// percent-encoded. A location with line 0 has no region; one without a file is left out (a step
// of a codeFlow keeps its message). An empty `base_dir` means the current directory.
nlohmann::ordered_json ToSarif(const CiTool& tool, const std::vector<CiRule>& rules,
                               const std::vector<CiItem>& items, const std::string& base_dir);
enum class FailOn { kError, kWarning, kNever, kOpened };

// JUnit XML: one <testsuite name=suite> with one <testcase> per item.
//
//   <?xml version="1.0" encoding="UTF-8"?>
//   <testsuites name=CLASSNAME tests=N failures=F errors="0">
//     <testsuite name=SUITE tests=N failures=F errors="0" skipped="0">
//       <testcase name=NAME classname=CLASSNAME file=FILE line=LINE/>          (passed)
//       <testcase ...><failure message=MESSAGE type=LEVEL>EXPLANATION</failure></testcase>
//       <testcase ...><system-out>LEVEL: EXPLANATION</system-out></testcase>  (does not fail)
//
// An item fails (a <failure>) exactly when it fails the run at `fail_on` (ItemFails), so that
// failures="0" when the exit status is 0. `file` and `line` are left out when unknown; LEVEL is
// "error", "warning" or "note". Every attribute and text is escaped (XmlEscape; newlines in
// attributes as &#10;).
std::string ToJunit(const std::string& suite, const std::string& classname,
                    const std::vector<CiItem>& items, FailOn fail_on = FailOn::kWarning);

// Escapes text for XML element content and attribute values (& < > " ' and control characters,
// which XML 1.0 cannot carry at all, become '?').
std::string XmlEscape(const std::string& text);

// "error", "warning", "note".
const char* CiLevelName(CiLevel level);

// Where a hop is written: its deciding rule or route (Hop::rule_location) when the model has
// one, else the component it names, found by kind and id; line 0 (file empty) when neither is
// known (services, SageMaker's network, the Amazon-provided services).
SourceLocation HopSourceLocation(const Model& model, const Hop& hop);
// A trace as codeFlow steps: forward hops, then the reply's prefixed "return: "; each step is
// "LABEL: DECISION" (ComponentLabel) with " [BLOCKED CODE]" on a blocking hop.
std::vector<CiStep> TraceToCiSteps(const Model& model, const TraceResult& trace);

// The rule of diff's opened flows: the only items `--fail-on opened` fails on.
inline constexpr char kFlowOpenedRule[] = "flow-opened";

// "error", "warning", "never", "opened"; nullopt for anything else.
std::optional<FailOn> ParseFailOn(const std::string& text);
// Whether `item` fails the run at `threshold`: it does not hold and its level is at or above the
// threshold (kError: an error; kWarning: an error or a warning; kOpened: an item of
// kFlowOpenedRule, whatever its level; kNever: none). Notes never fail.
bool ItemFails(const CiItem& item, FailOn threshold);
// True when some item fails the run (ItemFails).
bool Fails(const std::vector<CiItem>& items, FailOn threshold);

}  // namespace vpcreach

#endif  // VPCREACH_SIM_REPORT_CI_REPORT_H_
