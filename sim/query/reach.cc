#include "sim/query/reach.h"

#include <algorithm>
#include <map>

#include "sim/endpoint.h"
#include "sim/hops/load_balancer.h"
#include "sim/query/check.h"
#include "sim/query/header_text.h"

namespace vpcreach {
namespace {

constexpr std::size_t kHeadersPerGroup = 6;

// The gateways a path passes and the rewrites its requests show at the destination.
std::string ViaText(const Model& model, const DeliveredClass& c) {
  std::vector<std::string> via;
  for (const PathStep& s : c.forward) {
    bool notable =
        s.kind == kKindNatGateway || s.kind == kKindInternetGateway || s.kind == kKindVpcEndpoint ||
        s.kind == kKindSageMakerNetwork || s.kind == kKindVpnGateway ||
        (s.kind == kKindEni && s.decision == "receives as a route target") || IsProxyStep(s);
    if (notable && (via.empty() || via.back() != s.component)) via.push_back(s.component);
  }
  std::string out;
  for (const std::string& v : via) out += (out.empty() ? "via " : ", ") + v;
  std::vector<std::string> rewrites;
  const FieldExpr& src = c.arriving[Field::kSrc];
  if (src.kind == FieldExpr::Kind::kConstant) {
    rewrites.push_back("src rewritten to " + FormatIpv4(static_cast<Ipv4>(src.value)));
  }
  const FieldExpr& dst = c.arriving[Field::kDst];
  if (dst.kind == FieldExpr::Kind::kConstant) {
    rewrites.push_back("dst mapped to " + FormatIpv4(static_cast<Ipv4>(dst.value)));
  }
  if (!c.encapsulation.empty()) rewrites.push_back("carried as IPsec (IKE + ESP)");
  std::string joined;
  for (const std::string& r : rewrites) joined += (joined.empty() ? "" : ", ") + r;
  if (!joined.empty()) out += (out.empty() ? "" : " ") + ("(" + joined + ")");
  (void)model;
  return out;
}

PacketSet TcpUdp() {
  return PacketSet::Value(Field::kProtocol, kTcp) | PacketSet::Value(Field::kProtocol, kUdp);
}

// An ICMP packet's source-port field is its reply's type, which follows from its own (packet.h):
// forgotten, so that the cubes of a set of ICMP packets are its types and codes.
PacketSet WithoutIcmpReplyField(const PacketSet& set) {
  PacketSet icmp = PacketSet::Value(Field::kProtocol, kIcmp);
  return (set - icmp) | (set & icmp).Forget(Field::kSrcPort);
}

}  // namespace

std::optional<ReachAnswer> RunReach(const Model& model, const ForwardingGraph& graph,
                                    const ReachQuery& query, std::string* error) {
  std::optional<Endpoint> from = ResolveEndpoint(model, query.from, error, /*as_source=*/true);
  if (!from) {
    *error = "--from: " + *error;
    return std::nullopt;
  }
  std::optional<Endpoint> to = ResolveEndpoint(model, query.to, error);
  if (!to) {
    *error = "--to: " + *error;
    return std::nullopt;
  }
  PacketSetManager manager;
  PacketSetManager::ClearBudgetExceeded();
  Solver solver(model, graph);
  Tracer tracer(model, graph);
  SolverOptions options;
  options.deliver_to_subnet_hosts = to->AcceptsSubnetHosts();
  options.max_classes = query.max_paths;
  TraceOptions trace_options;
  trace_options.deliver_to_subnet_hosts = options.deliver_to_subnet_hosts;

  ReachAnswer answer;
  answer.unfollowed = model.Unfollowed();
  PacketSet delivered;
  std::map<std::pair<std::string, std::string>, size_t> group_of;  // (origin, via) -> index
  int refusal_depth = -1;
  for (const Origin& origin : from->Origins(model)) {
    // A service name leads where private DNS resolves it from this origin.
    Endpoint seen = to->SeenFrom(model, origin);
    // Nothing is delivered to a NAT gateway: follow every request, to see where it stops.
    options.destination = seen.answers_nothing ? nullptr : &seen;
    // Requests to the load balancers in front of the destination reach it through them.
    IpRangeSet destinations = seen.addresses;
    destinations.Add(ProxyAddresses(model, seen));
    PacketSet asked =
        QuerySpace(origin, destinations, query.protocol, query.ports, query.src_ports, query.icmp);
    answer.asked += asked.Count();
    ReachResult r = solver.Reach(origin, asked, options);
    answer.budget_exceeded |= r.budget_exceeded || PacketSetManager::BudgetExceeded();
    for (const std::string& a : r.zone_choices) {
      if (std::find(answer.zone_choices.begin(), answer.zone_choices.end(), a) ==
          answer.zone_choices.end()) {
        answer.zone_choices.push_back(a);
      }
    }
    PacketSet always = r.DeliveredForEveryNatPort();
    for (const DeliveredClass& c : r.classes) {
      PacketSet mine = solver.DeliveredTo(c, seen);
      if (mine.IsEmpty()) continue;
      ++answer.paths;
      delivered |= mine;
      std::string via = ViaText(model, c);
      auto [it, added] = group_of.try_emplace({origin.label, via}, answer.groups.size());
      if (added) {
        ReachGroup g;
        g.origin = origin.label;
        g.via = via;
        g.forward = c.forward;
        g.witness_options = trace_options;
        answer.groups.push_back(std::move(g));
      }
      ReachGroup& group = answer.groups[it->second];
      group.packets |= mine;
      group.intermittent |= mine - always;
      // Every delivered path here is a request path, whose header the image is defined for.
      group.arriving |= c.arriving.Image(mine).value_or(mine);
    }
    if (r.refusal.depth > refusal_depth && !r.refusal.packets.IsEmpty()) {
      refusal_depth = r.refusal.depth;
      if (std::optional<Packet> p = PreferredWitness(r.refusal.packets)) {
        answer.refusal = tracer.Trace(origin, *p, trace_options);
      }
    }
  }
  answer.delivered = delivered.Count();
  for (ReachGroup& g : answer.groups) {
    g.witness = *PreferredWitness(g.packets);
    if (!g.intermittent.IsEmpty()) {
      g.witness = *PreferredWitness(g.intermittent);
      for (const Origin& origin : from->Origins(model)) {
        if (origin.label != g.origin) continue;
        g.warnings = tracer.Trace(origin, g.witness, g.witness_options).warnings;
        break;
      }
    }
    bool single_source = g.packets.Values(Field::kSrc).size() == 1 &&
                         g.packets.Values(Field::kSrc).front().lo ==
                             g.packets.Values(Field::kSrc).front().hi;
    std::vector<FieldRange> sports = (g.packets & TcpUdp()).Values(Field::kSrcPort);
    bool all_src_ports = sports.size() == 1 && sports.front().lo == query.src_ports.from &&
                         sports.front().hi == query.src_ports.to;
    PacketSet shown = WithoutIcmpReplyField(g.packets);
    if (single_source) shown = shown.Forget(Field::kSrc);
    std::optional<std::vector<Cube>> cubes = shown.Cubes(kHeadersPerGroup);
    if (!cubes) {
      // Too many to list: list the projection of each field instead.
      cubes = shown.Forget(Field::kSrcPort).Forget(Field::kSrc).Cubes(kHeadersPerGroup);
      if (!cubes) cubes = std::vector<Cube>{};
      g.headers_truncated = true;
    }
    for (const Cube& c : *cubes) g.headers.push_back(HeaderText(c, !single_source, !all_src_ports));
    if (!(g.arriving == g.packets)) {
      std::optional<std::vector<Cube>> seen =
          WithoutIcmpReplyField(g.arriving).Cubes(kHeadersPerGroup);
      if (seen) {
        for (const Cube& c : *seen) g.arriving_headers.push_back(HeaderText(c, true, true));
      }
    }
  }
  if (!answer.groups.empty()) answer.refusal.reset();
  return answer;
}

}  // namespace vpcreach
