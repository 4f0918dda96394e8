#include "sim/report/trace_report.h"

#include <algorithm>
#include <sstream>

#include "model/model.h"
#include "sim/report/color.h"

namespace vpcreach {
namespace {


// The rule is worth showing only when it says something the decision does not.
bool ShowsRule(const Hop& hop) { return !hop.rule.empty() && hop.rule != hop.decision; }

bool HasSuffix(const Hop& hop) { return ShowsRule(hop) || hop.blocked; }

struct Columns {
  size_t number = 1;
  size_t label = 0;
  size_t decision = 0;  // of the hops that have something after the decision
};

Columns Measure(const TraceResult& result) {
  Columns c;
  size_t most = std::max(result.forward.size(), result.reverse.size());
  c.number = std::to_string(std::max<size_t>(most, 1)).size();
  for (const auto* hops : {&result.forward, &result.reverse}) {
    for (const Hop& h : *hops) {
      c.label = std::max(c.label, ComponentLabel(h).size());
      if (HasSuffix(h)) c.decision = std::max(c.decision, h.decision.size());
    }
  }
  return c;
}

std::string Pad(const std::string& text, size_t width) {
  return text.size() >= width ? text : text + std::string(width - text.size(), ' ');
}

void WriteHops(const std::vector<Hop>& hops, const Columns& c, bool color, std::ostream& out) {
  for (size_t i = 0; i < hops.size(); ++i) {
    const Hop& h = hops[i];
    std::string number = std::to_string(i + 1);
    out << "  " << std::string(c.number - number.size(), ' ') << number << "  "
        << Pad(ComponentLabel(h), c.label) << "  ";
    if (!HasSuffix(h)) {
      out << h.decision << "\n";
      continue;
    }
    out << Pad(h.decision, c.decision);
    if (ShowsRule(h)) out << "  [" << h.rule << "]";
    if (h.blocked) out << "  " << Paint("BLOCKED " + h.code, kRed, color);
    out << "\n";
  }
}

bool IsSender(const Hop& hop) {
  return hop.kind == kKindEni || hop.kind == kKindSubnet || hop.kind == kKindService;
}

// One forward hop on the path line, or "" when the hop is left out.
std::string PathItem(const std::vector<Hop>& hops, size_t i, bool arrived) {
  const Hop& h = hops[i];
  bool last = i + 1 == hops.size();
  std::string text;
  if (!h.blocked && h.decision == "receives" && !last && hops[i + 1].component == h.component) {
    return "";  // the gateway's next hop says what it did
  }
  if (!h.blocked && h.kind == kKindEni && (h.decision == "receives" || h.decision == "delivered")) {
    text = h.component + " (" + h.packet.dst.ToString() + ")";
  } else if (!h.blocked && last && arrived && h.kind == kKindService) {
    text = h.component;  // already "pypi (151.101.0.1)"
  } else {
    std::string label = ComponentLabel(h);
    text = h.decision.empty() ? label : label + ": " + h.decision;
  }
  if (h.blocked) text += " [BLOCKED]";
  return text;
}

nlohmann::ordered_json HopJson(const Hop& h) {
  nlohmann::ordered_json j;
  j["component"] = h.component;
  j["kind"] = h.kind;
  j["decision"] = h.decision;
  if (!h.rule.empty()) j["rule"] = h.rule;
  j["packet"] = FormatPacket(h.packet);
  if (h.blocked) j["blocked"] = true;
  if (!h.code.empty()) j["code"] = h.code;
  return j;
}

}  // namespace

std::string ComponentLabel(const Hop& hop) {
  static const std::pair<const char*, const char*> kPrefixes[] = {
      {kKindSecurityGroup, "sg"},    {kKindNetworkAcl, "nacl"},
      {kKindRouteTable, "rtb"},      {kKindNatGateway, "nat"},
      {kKindInternetGateway, "igw"}, {kKindVpcEndpoint, "vpce"},
      {kKindSubnet, "subnet"},       {kKindVpc, "vpc"},
      {kKindTrainingJob, "job"},     {kKindNotebook, "notebook"},
      {kKindPrefixList, "pl"},       {kKindPeeringConnection, "pcx"},
      {kKindTransitGateway, "tgw"},  {kKindVpnGateway, "vgw"},
      {kKindVpnConnection, "vpn"},
  };
  for (const auto& [kind, prefix] : kPrefixes) {
    if (hop.kind == kind) return std::string(prefix) + " " + hop.component;
  }
  return hop.component;
}

std::string PathLine(const TraceResult& result, const FlowNames& names) {
  const std::vector<Hop>& hops = result.forward;
  std::vector<std::string> items;
  size_t start = 0;
  if (!hops.empty() && IsSender(hops.front()) && !hops.front().blocked) {
    items.push_back(hops.front().component + " (" + result.packet.src.ToString() + ")");
    start = 1;
  } else if (!names.from.empty()) {
    items.push_back(names.from);  // a workload in SageMaker's network: no address of its own
  }
  for (size_t i = start; i < hops.size(); ++i) {
    std::string item = PathItem(hops, i, result.forward_arrived);
    if (!item.empty()) items.push_back(std::move(item));
  }
  std::string out;
  for (const std::string& item : items) out += (out.empty() ? "" : " -> ") + item;
  return out;
}

std::vector<std::string> WhyLines(const TraceResult& result) {
  std::vector<std::string> out;
  for (const Explanation& e : result.explanations) {
    out.push_back(e.code + " " + e.component + ": " + e.message);
  }
  return out;
}

std::string TraceToText(const TraceResult& result, const FlowNames& names, bool color) {
  std::ostringstream out;
  out << "trace " << names.from << " -> " << (names.to.empty() ? "?" : names.to) << ": "
      << FormatPacket(result.packet) << "\n";
  if (!result.encapsulation.empty()) out << "carried as: " << result.encapsulation << "\n";
  Columns columns = Measure(result);
  out << "forward:\n";
  WriteHops(result.forward, columns, color, out);
  if (result.reverse.empty() && result.forward_arrived && IsOneWay(result.packet)) {
    out << "return: none (" << IcmpText(IcmpType(result.packet), IcmpCode(result.packet))
        << " is a one-way ICMP message: it asks for no reply)\n";
  } else if (result.reverse.empty()) {
    out << "return: none (the request did not arrive)\n";
  } else {
    out << "return:\n";
    WriteHops(result.reverse, columns, color, out);
  }
  out << "path: " << PathLine(result, names) << "\n";
  if (result.delivered && !result.warnings.empty()) {
    out << "verdict: " << Paint("delivered, only for some NAT gateway source ports", kYellow, color)
        << "\n";
    out << "warnings:\n";
    for (const TraceWarning& w : result.warnings) {
      out << "  " << w.code << " " << w.component << ": " << w.message << "\n";
    }
  } else if (result.delivered) {
    out << "verdict: " << Paint("delivered", kGreen, color) << "\n";
  } else {
    out << "verdict: " << Paint("dropped", kRed, color) << "\n";
    std::vector<std::string> why = WhyLines(result);
    if (!why.empty()) {
      out << "why:\n";
      for (const std::string& line : why) out << "  " << line << "\n";
    }
  }
  // A load balancer's own connections to its targets (sim/hops/load_balancer.h), indented.
  for (const ProxiedLeg& leg : result.backends) {
    out << "backend: " << leg.balancer << " " << leg.decision << "\n";
    std::istringstream nested(TraceToText(leg.result, FlowNames{leg.balancer, leg.target}, color));
    for (std::string line; std::getline(nested, line);) out << "  " << line << "\n";
  }
  return out.str();
}

nlohmann::ordered_json TraceToJson(const TraceResult& result, const FlowNames& names) {
  nlohmann::ordered_json j;
  j["verdict"] = result.delivered ? "delivered" : "dropped";
  nlohmann::ordered_json flow;
  const Packet& p = result.packet;
  flow["protocol"] = ProtocolName(p.protocol);
  flow["src"] = p.src.ToString();
  flow["dst"] = p.dst.ToString();
  // Ports are null for protocols without them, so the keys are always there.
  flow["src_port"] = HasPorts(p.protocol) ? nlohmann::ordered_json(p.src_port) : nullptr;
  flow["dst_port"] = HasPorts(p.protocol) ? nlohmann::ordered_json(p.dst_port) : nullptr;
  if (p.protocol == kIcmp) {
    flow["icmp_type"] = IcmpType(p);
    flow["icmp_code"] = IcmpCode(p);
  }
  flow["from"] = names.from;
  flow["to"] = names.to;
  j["flow"] = std::move(flow);
  if (!result.encapsulation.empty()) j["encapsulation"] = result.encapsulation;
  j["forward"] = nlohmann::ordered_json::array();
  for (const Hop& h : result.forward) j["forward"].push_back(HopJson(h));
  j["return"] = nlohmann::ordered_json::array();
  for (const Hop& h : result.reverse) j["return"].push_back(HopJson(h));
  j["explanations"] = nlohmann::ordered_json::array();
  for (const Explanation& e : result.explanations) {
    j["explanations"].push_back(
        {{"code", e.code}, {"component", e.component}, {"message", e.message}});
  }
  j["warnings"] = WarningsToJson(result.warnings);
  if (!result.backends.empty()) {
    j["backends"] = nlohmann::ordered_json::array();
    for (const ProxiedLeg& leg : result.backends) {
      j["backends"].push_back({{"balancer", leg.balancer},
                               {"decision", leg.decision},
                               {"target", leg.target},
                               {"trace", TraceToJson(leg.result, FlowNames{leg.balancer, leg.target})}});
    }
  }
  return j;
}

nlohmann::ordered_json WarningsToJson(const std::vector<TraceWarning>& warnings) {
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (const TraceWarning& w : warnings) {
    nlohmann::ordered_json j;
    j["code"] = w.code;
    j["component"] = w.component;
    j["message"] = w.message;
    j["ports"] = nlohmann::ordered_json::array();
    for (const PortRange& p : w.ports) j["ports"].push_back(p.ToString());
    j["refused_by"] = w.refused_by;
    j["refused_by_kind"] = w.refused_by_kind;
    j["decision"] = w.decision;
    j["rule"] = w.rule;
    const SourceLocation& at = w.rule_location;
    j["rule_location"] = at.line > 0
                             ? nlohmann::ordered_json(at.file + ":" + std::to_string(at.line))
                             : nlohmann::ordered_json(nullptr);
    out.push_back(std::move(j));
  }
  return out;
}

std::string TraceToDot(const TraceResult& result, const ForwardingGraph& graph) {
  return graph.ToDot(result.forward_path);
}

}  // namespace vpcreach
