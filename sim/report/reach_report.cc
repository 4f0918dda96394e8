#include "sim/report/reach_report.h"

#include <sstream>

#include "sim/query/check.h"
#include "sim/report/color.h"
#include "sim/report/trace_report.h"

namespace vpcreach {
namespace {


std::string Summary(const ReachAnswer& a) {
  return FormatCount(a.delivered) + " of " + FormatCount(a.asked) +
         " requests delivered and answered (" + std::to_string(a.paths) +
         (a.paths == 1 ? " path)" : " paths)");
}

}  // namespace

std::string WitnessCommand(const ReachGroup& g, const std::vector<std::string>& files) {
  std::string out = "vpcreach trace";
  for (const std::string& f : files) out += " " + f;
  const Packet& p = g.witness;
  out += " --from " + g.origin + " --to " + p.dst.ToString();
  out += " --protocol " + ProtocolName(p.protocol);
  if (HasPorts(p.protocol)) {
    out += " --port " + std::to_string(p.dst_port) + " --src-port " + std::to_string(p.src_port);
  }
  if (p.protocol == kIcmp) {
    out += " --icmp-type " + std::to_string(IcmpType(p)) + " --icmp-code " +
           std::to_string(IcmpCode(p));
  }
  out += " --src-ip " + p.src.ToString();
  return out;
}

std::string ReachToText(const ReachAnswer& a, const ReachQuery& q,
                        const std::vector<std::string>& files, bool color) {
  std::ostringstream out;
  out << "reach " << q.from << " -> " << q.to << ": ";
  if (a.budget_exceeded) {
    out << "incomplete: the solver's budget ran out; the classes below are not all of them\n";
  }
  if (!a.unfollowed.empty()) {
    std::size_t n = a.unfollowed.size();
    out << "partial: " << n << (n == 1 ? " element" : " elements")
        << " of this network carry traffic that vpcreach does not follow (IPv6, or a connection "
           "to networks outside the model; vpcreach validate lists them), so what follows says "
           "nothing of that traffic\n";
  }
  if (!a.zone_choices.empty()) {
    out << "partial: transit gateway attachment" << (a.zone_choices.size() == 1 ? " " : "s ");
    for (std::size_t i = 0; i < a.zone_choices.size(); ++i) {
      out << (i == 0 ? "" : ", ") << a.zone_choices[i];
    }
    out << " in appliance mode: the transit gateway picks one of an attachment's zones per flow "
           "and vpcreach follows one, so what follows says nothing of the others\n";
  }
  if (a.groups.empty()) {
    out << Paint("unreachable", kRed, color) << ": none of "
        << FormatCount(a.asked) << " requests is delivered and answered\n";
    if (a.refusal) {
      FlowNames names{q.from, q.to};
      out << "most promising request: " << FormatPacket(a.refusal->packet) << "\n";
      out << "path: " << PathLine(*a.refusal, names) << "\n";
      out << "why:\n";
      for (const std::string& line : WhyLines(*a.refusal)) out << "  " << line << "\n";
    }
    return out.str();
  }
  out << Paint(Summary(a), kGreen, color) << "\n";
  for (const ReachGroup& g : a.groups) {
    out << "  " << g.origin << ": " << (g.via.empty() ? "direct" : g.via) << "\n";
    for (const std::string& h : g.headers) out << "    " << h << "\n";
    if (g.headers_truncated) out << "    (and more header ranges: see --format json)\n";
    for (const std::string& h : g.arriving_headers) out << "    arrives as: " << h << "\n";
    out << "    witness: " << FormatPacket(g.witness) << "\n";
    out << "      " << WitnessCommand(g, files) << "\n";
    for (const TraceWarning& w : g.warnings) {
      out << "    " << Paint("warning: ", kYellow, color) << w.message << "\n";
    }
  }
  return out.str();
}

nlohmann::ordered_json ReachToJson(const ReachAnswer& a, const ReachQuery& q,
                                   const std::vector<std::string>& files) {
  nlohmann::ordered_json j;
  j["from"] = q.from;
  j["to"] = q.to;
  j["reachable"] = !a.groups.empty();
  j["complete"] = !a.budget_exceeded;
  j["unfollowed"] = a.unfollowed;
  j["zone_choices"] = a.zone_choices;
  j["asked"] = a.asked;
  j["delivered"] = a.delivered;
  j["paths"] = a.paths;
  j["groups"] = nlohmann::ordered_json::array();
  for (const ReachGroup& g : a.groups) {
    nlohmann::ordered_json item;
    item["origin"] = g.origin;
    item["via"] = g.via;
    item["headers"] = g.headers;
    item["headers_truncated"] = g.headers_truncated;
    item["arrives_as"] = g.arriving_headers;
    item["witness"] = FormatPacket(g.witness);
    item["trace_command"] = WitnessCommand(g, files);
    item["intermittent"] = g.intermittent.Count();
    item["warnings"] = WarningsToJson(g.warnings);
    nlohmann::ordered_json path = nlohmann::ordered_json::array();
    for (const PathStep& s : g.forward) {
      path.push_back({{"component", s.component}, {"kind", s.kind}, {"decision", s.decision}});
    }
    item["path"] = std::move(path);
    j["groups"].push_back(std::move(item));
  }
  j["refusal"] = a.refusal ? TraceToJson(*a.refusal, FlowNames{q.from, q.to}) : nullptr;
  return j;
}

}  // namespace vpcreach
