// Renders one trace (sim/tracer.h) for people (text), scripts (json) and Graphviz (dot).
//
// Text, for a person in a classroom:
//
//   trace notebook -> pypi: tcp 10.1.16.5:40000 -> 151.101.0.1:443
//   forward:
//      1  notebook      sends tcp 10.1.16.5:40000 -> 151.101.0.1:443
//      2  sg pip        egress tcp 443 0.0.0.0/0
//      3  nacl private  outbound rule 99 allow  [rule 99 allow all 0.0.0.0/0]
//      ...
//   return:
//      1  ...
//   path: notebook (10.1.16.5) -> sg pip: egress tcp 443 0.0.0.0/0 -> ... -> pypi (151.101.0.1)
//   verdict: delivered
//
// Each hop shows its component with a short kind prefix (ComponentLabel), the decision, the rule
// in brackets when it says more than the decision, and `BLOCKED CODE` when the hop dropped the
// packet. The path line is the forward walk on one line (see PathLine). A dropped trace ends with
// `why:` and one `CODE component: message` line per explanation, in path order. A delivered trace
// that works only for some of a NAT gateway's port choices (TraceResult::warnings) says
// `verdict: delivered, only for some NAT gateway source ports` and ends with `warnings:` and one
// `CODE component: message` line per warning. Colour (green delivered, yellow with warnings, red
// blocked) only when the caller asks, i.e. when writing to a terminal.
//
// JSON follows contract.md ("Machine-readable output"), plus "warnings": [{"code", "component",
// "message", "ports": ["1024-32767", ...], "refused_by", "refused_by_kind", "decision", "rule",
// "rule_location": "file:line" | null}] (always present; empty when there are none).
#ifndef VPCREACH_SIM_REPORT_TRACE_REPORT_H_
#define VPCREACH_SIM_REPORT_TRACE_REPORT_H_

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "sim/forwarding_graph.h"
#include "sim/tracer.h"

namespace vpcreach {

// The endpoint names the person asked about (`--from`, `--to`, or an expectation's); `to` may be
// empty (an `only_to` expectation).
struct FlowNames {
  std::string from;
  std::string to;
};

// "sg pip", "nacl private", "rtb private", "nat nat-a", "igw igw", "vpce s3-gw", "subnet a",
// "vpc lab", "job training"; ENIs, services, SageMaker's network and the Amazon-provided
// services go without a prefix (their ids already say what they are).
std::string ComponentLabel(const Hop& hop);

// The forward walk on one line, without the leading "path: ". The sender is written
// `name (source address)`, the arrival `name (destination address)`; a gateway's "receives" hop
// is left out when its next hop names the same component; a blocked hop ends in " [BLOCKED]".
std::string PathLine(const TraceResult& result, const FlowNames& names);

// One "CODE component: message" per explanation, in path order.
std::vector<std::string> WhyLines(const TraceResult& result);

std::string TraceToText(const TraceResult& result, const FlowNames& names, bool color);
nlohmann::ordered_json TraceToJson(const TraceResult& result, const FlowNames& names);
// The "warnings" array of the trace JSON (also in `check`'s).
nlohmann::ordered_json WarningsToJson(const std::vector<TraceWarning>& warnings);
std::string TraceToDot(const TraceResult& result, const ForwardingGraph& graph);

}  // namespace vpcreach

#endif  // VPCREACH_SIM_REPORT_TRACE_REPORT_H_
