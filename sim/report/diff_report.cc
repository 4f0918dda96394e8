#include "sim/report/diff_report.h"

#include <sstream>

#include "sim/query/check.h"
#include "sim/report/color.h"
#include "sim/report/trace_report.h"

namespace vpcreach {
namespace {


std::string Files(const std::vector<std::string>& files) {
  std::string out;
  for (const std::string& f : files) out += (out.empty() ? "" : " ") + f;
  return out.empty() ? "-" : out;
}

std::string LocationText(const SourceLocation& l) {
  if (l.file.empty()) return "";
  return l.file + (l.line > 0 ? ":" + std::to_string(l.line) : "");
}

std::string Joined(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& s : items) out += (out.empty() ? "" : ", ") + s;
  return out;
}

std::string TracePath(const std::optional<TraceResult>& t, const FlowChange& f) {
  if (!t) return "(no such source in this version)";
  std::string line = PathLine(*t, FlowNames{f.source, f.destination});
  if (!t->delivered) {
    std::vector<std::string> why = WhyLines(*t);
    if (!why.empty()) line += "  why: " + Joined(why);
  }
  return line;
}

// Where the change's first cause is written in the version that shows it.
SourceLocation CauseLocation(const DiffResult& r, const FlowChange& f) {
  for (std::size_t i : f.causes) {
    const ComponentChange& c = r.components.changes[i];
    const SourceLocation& primary = f.kind == FlowChangeKind::kOpened ? c.after : c.before;
    const SourceLocation& secondary = f.kind == FlowChangeKind::kOpened ? c.before : c.after;
    if (!primary.file.empty()) return primary;
    if (!secondary.file.empty()) return secondary;
  }
  return {};
}

nlohmann::ordered_json ChangeJson(const ComponentChange& c) {
  return {{"component", c.id},
          {"kind", c.kind},
          {"change", c.change},
          {"before", LocationText(c.before)},
          {"after", LocationText(c.after)}};
}

}  // namespace

std::string DiffToText(const DiffResult& r, const std::vector<std::string>& before_files,
                       const std::vector<std::string>& after_files, bool color) {
  std::ostringstream out;
  out << "diff " << Files(before_files) << " -> " << Files(after_files) << ": ";
  if (r.budget_exceeded) {
    out << "incomplete: the solver's budget ran out; the changes below are not all of them\n";
  }
  if (!r.Changed()) {
    out << Paint("no flow opened or closed", kGreen, color) << " (" << r.sources
        << " sources compared)\n";
  } else {
    std::string counts = std::to_string(r.Opened()) + (r.Opened() == 1 ? " flow" : " flows") +
                         " opened, " + std::to_string(r.Closed()) + " closed";
    out << Paint(counts, kRed, color) << " (" << r.sources << " sources compared)\n";
  }
  for (const FlowChange& f : r.changes) {
    out << f.Headline(r.components) << "\n";
    out << "  example: " << FormatPacket(f.witness) << "\n";
    out << "  before: " << TracePath(f.before, f) << "\n";
    out << "  after:  " << TracePath(f.after, f) << "\n";
    out << "  requests: " << FormatCount(f.count) << "\n";
    for (const std::string& h : f.headers) out << "    " << h << "\n";
    if (f.headers_truncated) out << "    (and more header ranges: see --format json)\n";
    if (!f.causes_on_path) {
      out << "  changed components (none on the example's path):";
      for (std::size_t i : f.causes) out << " " << r.components.changes[i].Text() << ";";
      out << "\n";
    }
  }
  if (!r.components.Empty()) {
    out << "components changed:\n";
    for (const ComponentChange& c : r.components.changes) {
      std::string where = LocationText(c.after.file.empty() ? c.before : c.after);
      out << "  " << c.Text() << (where.empty() ? "" : "  (" + where + ")") << "\n";
    }
  }
  return out.str();
}

nlohmann::ordered_json DiffToJson(const DiffResult& r, const std::vector<std::string>& before_files,
                                  const std::vector<std::string>& after_files) {
  nlohmann::ordered_json j;
  j["before"] = before_files;
  j["after"] = after_files;
  j["changed"] = r.Changed();
  j["opened"] = r.Opened();
  j["closed"] = r.Closed();
  j["complete"] = !r.budget_exceeded;
  j["sources"] = r.sources;
  j["full_sources"] = r.full_sources;
  j["restricted"] = r.restricted;
  j["solver_runs"] = r.solver_runs;
  j["flows"] = nlohmann::ordered_json::array();
  for (const FlowChange& f : r.changes) {
    nlohmann::ordered_json item;
    item["change"] = f.kind == FlowChangeKind::kOpened ? "opened" : "closed";
    item["source"] = f.source;
    item["destination"] = f.destination;
    item["summary"] = f.Headline(r.components);
    item["ports"] = f.ports;
    item["headers"] = f.headers;
    item["headers_truncated"] = f.headers_truncated;
    item["requests"] = f.count;
    item["witness"] = FormatPacket(f.witness);
    FlowNames names{f.source, f.destination};
    item["before"] = f.before ? TraceToJson(*f.before, names) : nullptr;
    item["after"] = f.after ? TraceToJson(*f.after, names) : nullptr;
    item["causes"] = nlohmann::ordered_json::array();
    for (std::size_t i : f.causes) item["causes"].push_back(ChangeJson(r.components.changes[i]));
    item["causes_on_path"] = f.causes_on_path;
    j["flows"].push_back(std::move(item));
  }
  j["components"] = nlohmann::ordered_json::array();
  for (const ComponentChange& c : r.components.changes) j["components"].push_back(ChangeJson(c));
  return j;
}

std::vector<CiRule> DiffCiRules() {
  return {
      CiRule{"flow-opened", "FlowOpened", "The change opens a flow that was not delivered before.",
             "Some requests from this source to this destination are delivered and answered after "
             "the change and were not before (computed exactly over every request by the solver). "
             "The result names the changed component on the example packet's path.",
             "If the flow should stay closed, revert or narrow the changed component; otherwise "
             "accept the change.",
             ""},
      CiRule{"flow-closed", "FlowClosed", "The change closes a flow that was delivered before.",
             "Some requests from this source to this destination were delivered and answered before "
             "the change and are not after (computed exactly over every request by the solver). "
             "The result names the changed component on the example packet's path.",
             "If the flow is still needed, restore the rule or route the change removed; otherwise "
             "accept the change.",
             ""},
  };
}

std::vector<CiItem> DiffToCiItems(const DiffResult& r, const Model& before, const Model& after) {
  std::vector<CiItem> items;
  for (const FlowChange& f : r.changes) {
    bool opened = f.kind == FlowChangeKind::kOpened;
    CiItem item;
    item.rule_id = opened ? kFlowOpenedRule : "flow-closed";
    item.name = (opened ? "opened: " : "closed: ") + f.source + " -> " + f.destination + " " +
                Joined(f.ports);
    item.passed = false;
    // Errors, as the rules say: `--fail-on error`, the gate a CI copies, fails on a changed flow.
    item.level = CiLevel::kError;
    item.message = f.Headline(r.components);
    std::ostringstream explanation;
    explanation << item.message << "\n"
                << "example: " << FormatPacket(f.witness) << "\n"
                << "before: " << TracePath(f.before, f) << "\n"
                << "after: " << TracePath(f.after, f) << "\n"
                << "requests: " << FormatCount(f.count) << "\n";
    item.explanation = explanation.str();
    item.location = CauseLocation(r, f);
    // The path where the example is delivered: AFTER for an opened flow, BEFORE for a closed one.
    const std::optional<TraceResult>& t = opened ? f.after : f.before;
    const Model& m = opened ? after : before;
    if (t) item.path = TraceToCiSteps(m, *t);
    items.push_back(std::move(item));
  }
  return items;
}

}  // namespace vpcreach
