// Shared helpers for tests: load a scenario from text and trace between named endpoints.
#ifndef VPCREACH_TESTS_TEST_UTIL_H_
#define VPCREACH_TESTS_TEST_UTIL_H_

#include <gtest/gtest.h>

#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>

#include "model/scenario_loader.h"
#include "sim/endpoint.h"
#include "sim/forwarding_graph.h"
#include "sim/packet_set.h"
#include "sim/query/check.h"
#include "sim/query/reach.h"
#include "sim/solver.h"
#include "sim/tracer.h"

namespace vpcreach::testing {

// A loaded model with its forwarding graph and tracer; fails the test on load errors.
struct Network {
  std::unique_ptr<Model> model;
  std::unique_ptr<ForwardingGraph> graph;
  std::unique_ptr<Tracer> tracer;
};

inline Network Load(const std::string& yaml) {
  LoadResult loaded = LoadScenarioText("test.yaml", yaml);
  EXPECT_TRUE(loaded.ok()) << loaded.diagnostics.Format();
  Network n;
  n.model = std::make_unique<Model>(std::move(loaded.model));
  n.graph = std::make_unique<ForwardingGraph>(*n.model);
  n.tracer = std::make_unique<Tracer>(*n.model, *n.graph);
  return n;
}

// Replaces the one occurrence of `from` in `text`; fails the test when it is not there.
inline std::string Edit(std::string text, const std::string& from, const std::string& to) {
  size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << "edit target not found: " << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

inline Ipv4 Ip(const char* text) { return *ParseIpv4(text); }

// One BDD table for the whole test binary, made on first use (packet_set.h).
inline PacketSetManager& Manager() {
  static PacketSetManager manager;
  return manager;
}

// What the solver delivers from endpoint `from`'s first origin to endpoint `to` (every request
// to its addresses), and its recorded refusal.
struct Solved {
  PacketSet delivered;
  Refusal refusal;
};

inline Solved Solve(const Network& n, const std::string& from, const std::string& to) {
  Solver solver(*n.model, *n.graph);
  std::string error;
  Origin origin = ResolveEndpoint(*n.model, from, &error)->Origins(*n.model).front();
  Endpoint destination = *ResolveEndpoint(*n.model, to, &error);
  SolverOptions options;
  options.destination = &destination;
  PacketSet asked;
  for (const IpRange& r : destination.addresses.Ranges()) {
    asked |= PacketSet::Range(Field::kDst, r.lo, r.hi);
  }
  ReachResult r = solver.Reach(origin, asked, options);
  Solved out;
  for (const DeliveredClass& c : r.classes) out.delivered |= solver.DeliveredTo(c, destination);
  out.refusal = r.refusal;
  return out;
}

// `reach` from `from` to `to` on tcp 443 (an empty answer, and a test failure, when an endpoint
// is unknown).
inline ReachAnswer Reach443(const Network& n, const std::string& from, const std::string& to) {
  ReachQuery q;
  q.from = from;
  q.to = to;
  q.ports = PortRange{443, 443};
  std::string error;
  std::optional<ReachAnswer> a = RunReach(*n.model, *n.graph, q, &error);
  EXPECT_TRUE(a) << error;
  return a.value_or(ReachAnswer{});
}

// The environment variable `name` as a number, or `fallback` when unset or empty (the knobs of
// the long test runs).
inline std::uint64_t EnvNumber(const char* name, std::uint64_t fallback) {
  const char* text = std::getenv(name);
  if (text == nullptr || *text == '\0') return fallback;
  return std::strtoull(text, nullptr, 10);
}

// Traces one packet from the endpoint `from` (its first origin; the source address is the
// origin's first address unless `src` is given) to `dst`. An icmp packet is an echo request.
inline TraceResult Trace(const Network& n, const std::string& from, const char* dst,
                         int protocol = 6, int dst_port = 443, int src_port = 40000,
                         const char* src = nullptr, bool subnet_hosts = false) {
  std::string error;
  std::optional<Endpoint> endpoint = ResolveEndpoint(*n.model, from, &error);
  EXPECT_TRUE(endpoint.has_value()) << error;
  Origin origin = endpoint->Origins(*n.model).front();
  Packet p;
  p.src = src ? Ip(src) : origin.addresses.Ranges().front().lo;
  if (origin.kind == OriginKind::kOutside && !src) p.src = Ip("198.51.100.7");
  p.dst = Ip(dst);
  p.protocol = protocol;
  if (HasPorts(protocol)) {
    p.src_port = static_cast<std::uint16_t>(src_port);
    p.dst_port = static_cast<std::uint16_t>(dst_port);
  }
  if (protocol == kIcmp) p = IcmpPacket(p.src, p.dst, kIcmpEchoRequest, 0);
  TraceOptions options;
  options.deliver_to_subnet_hosts = subnet_hosts;
  return n.tracer->Trace(origin, p, options);
}

// An ICMP message of type `type` and code `code` from the first origin of `from` to `dst`.
inline TraceResult TraceIcmp(const Network& n, const std::string& from, const char* dst, int type,
                             int code = 0) {
  std::string error;
  std::optional<Endpoint> endpoint = ResolveEndpoint(*n.model, from, &error);
  EXPECT_TRUE(endpoint.has_value()) << error;
  Origin origin = endpoint->Origins(*n.model).front();
  Ipv4 src = origin.kind == OriginKind::kOutside ? Ip("198.51.100.7")
                                                 : origin.addresses.Ranges().front().lo;
  return n.tracer->Trace(origin, IcmpPacket(src, Ip(dst), type, code));
}

inline std::string Codes(const TraceResult& t) {
  std::string out;
  for (const Explanation& e : t.explanations) out += (out.empty() ? "" : " ") + e.code;
  return out;
}

// "component:decision" of every hop, forward then "|" then return, for compact assertions.
inline std::string Path(const TraceResult& t) {
  std::string out;
  for (const Hop& h : t.forward) out += h.component + ":" + h.decision + "\n";
  out += "|\n";
  for (const Hop& h : t.reverse) out += h.component + ":" + h.decision + "\n";
  return out;
}

// Loads `network` with the one expectation `expectation` (a flow map) and checks it; fails the
// test when it does not load. The result no longer points into the model.
inline ExpectationResult CheckOne(const std::string& network, const std::string& expectation) {
  Network n = Load(network + "expect:\n  - " + expectation + "\n");
  CheckReport report = RunChecks(*n.model, *n.graph);
  EXPECT_EQ(report.results.size(), 1u);
  if (report.results.empty()) return ExpectationResult{};
  ExpectationResult r = report.results.front();
  r.expectation = nullptr;
  return r;
}

inline bool Passes(const TraceResult& t, const std::string& component) {
  return t.Components().count(component) > 0;
}

}  // namespace vpcreach::testing

#endif  // VPCREACH_TESTS_TEST_UTIL_H_
