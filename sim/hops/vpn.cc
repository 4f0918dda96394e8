#include "sim/hops/vpn.h"

#include <algorithm>
#include <string>
#include <utility>

namespace vpcreach {
namespace {

std::string TunnelText(const VpnConnection& c) {
  std::vector<std::string> up;
  for (size_t i = 0; i < c.tunnels.size(); ++i) {
    if (c.tunnels[i] == TunnelState::kUp) up.push_back(std::to_string(i + 1));
  }
  if (up.size() == 1) return "tunnel " + up[0] + " up";
  std::string out = "tunnels ";
  for (size_t i = 0; i < up.size(); ++i) {
    out += (i == 0 ? "" : i + 1 == up.size() ? " and " : ", ") + up[i];
  }
  return out + " up";
}

std::string RouteText(const Model& model, const VpnRoute& r) {
  return r.prefix.ToString() + " -> " + model.vpn_connections[r.connection].id;
}

// The first route of `routes` that holds `address`, or nullptr.
const VpnRoute* Pick(const std::vector<VpnRoute>& routes, const IpAddress& address) {
  for (const VpnRoute& r : routes) {
    if (r.prefix.Contains(address)) return &r;
  }
  return nullptr;
}

std::string DownMessage(const Model& model, const VpnConnection& c, const IpAddress& on_premises) {
  return "VPN connection " + c.id + " of virtual private gateway " +
         model.vpn_gateways[c.vpn_gateway].id + " reaches " + on_premises.ToString() +
         " but both its tunnels are down, so it carries nothing";
}

// The requests of `s` whose current field `f` lies in one of `routes`' prefixes.
PacketSet InRoutes(SolverSteps& walk, const walk::State& s, Field f,
                   const std::vector<VpnRoute>& routes) {
  PacketSet out;
  for (const VpnRoute& r : routes) out |= walk.sets().InCidr(s.h, f, r.prefix);
  return out;
}

}  // namespace

std::vector<VpnRoute> VpnRoutes(const Model& model, Index vgw, bool carrying) {
  std::vector<VpnRoute> out;
  for (Index c = 0; c < model.vpn_connections.size(); ++c) {
    const VpnConnection& connection = model.vpn_connections[c];
    if (connection.vpn_gateway != vgw || connection.Carries() != carrying) continue;
    for (const Cidr& prefix : connection.Prefixes()) out.push_back(VpnRoute{prefix, c});
  }
  std::stable_sort(out.begin(), out.end(), [&model](const VpnRoute& a, const VpnRoute& b) {
    if (a.prefix.length != b.prefix.length) return a.prefix.length > b.prefix.length;
    bool sa = model.vpn_connections[a.connection].static_routes_only;
    bool sb = model.vpn_connections[b.connection].static_routes_only;
    return sa && !sb;
  });
  return out;
}

Index EntryVpnGateway(const Model& model, const IpAddress& src, const IpAddress& dst) {
  for (Index g = 0; g < model.vpn_gateways.size(); ++g) {
    const VpnGateway& vgw = model.vpn_gateways[g];
    if (vgw.vpc == kNone || !model.vpcs[vgw.vpc].Contains(dst)) continue;
    if (OnPremisesAddresses(model, g).Contains(src)) return g;
  }
  return kNone;
}

IpRangeSet OnPremisesAddresses(const Model& model, Index vgw) {
  IpRangeSet out;
  for (const VpnConnection& c : model.vpn_connections) {
    if (c.vpn_gateway != vgw) continue;
    for (const Cidr& prefix : c.Prefixes()) out.Add(prefix);
  }
  return out;
}

bool TraceVpnOut(TracerSteps& walk, const Model& model, Index vgw, const Packet& p) {
  const VpnGateway& gateway = model.vpn_gateways[vgw];
  walk.MoveTo(NodeKind::kVpnGateway, vgw, HopAt(gateway.id, kKindVpnGateway, "receives", p));
  const std::vector<VpnRoute> routes = VpnRoutes(model, vgw, /*carrying=*/true);
  const VpnRoute* route = Pick(routes, p.dst);
  if (route == nullptr) {
    const std::vector<VpnRoute> down = VpnRoutes(model, vgw, /*carrying=*/false);
    if (const VpnRoute* dead = Pick(down, p.dst)) {
      const VpnConnection& c = model.vpn_connections[dead->connection];
      Hop hop = HopAt(c.id, kKindVpnConnection, "both tunnels down", p);
      hop.rule = RouteText(model, *dead);
      hop.rule_location = c.location;
      walk.Refuse(std::move(hop), kVpnTunnelDown, DownMessage(model, c, p.dst));
      return false;
    }
    walk.Refuse(HopAt(gateway.id, kKindVpnGateway, "no VPN route", p), "NO_ROUTE_TO_DESTINATION",
                "virtual private gateway " + gateway.id + " has no VPN connection that reaches " +
                    p.dst.ToString() + " (no static route or BGP prefix holds it)");
    return false;
  }
  const VpnConnection& c = model.vpn_connections[route->connection];
  Hop hop = HopAt(c.id, kKindVpnConnection, RouteText(model, *route) + ", " + TunnelText(c), p);
  hop.rule = RouteText(model, *route);
  hop.rule_location = c.location;
  walk.MoveTo(NodeKind::kVpnGateway, vgw, std::move(hop));
  return walk.DeliverOnPremises(vgw, p);
}

bool TraceVpnIn(TracerSteps& walk, const Model& model, Index vgw, const Packet& p) {
  const VpnGateway& gateway = model.vpn_gateways[vgw];
  const std::vector<VpnRoute> routes = VpnRoutes(model, vgw, /*carrying=*/true);
  const VpnRoute* route = Pick(routes, p.src);
  if (route == nullptr) {
    const std::vector<VpnRoute> down = VpnRoutes(model, vgw, /*carrying=*/false);
    const VpnRoute* dead = Pick(down, p.src);
    walk.MoveTo(NodeKind::kVpnGateway, vgw,
                HopAt(gateway.id, kKindVpnGateway, "receives from on-premises", p));
    if (dead == nullptr) {  // the callers pick a gateway one of whose prefixes holds p.src
      walk.Refuse(
          HopAt(gateway.id, kKindVpnGateway, "not from on-premises", p), "NO_PATH",
          p.src.ToString() + " is no on-premises address of virtual private gateway " + gateway.id);
      return false;
    }
    const VpnConnection& c = model.vpn_connections[dead->connection];
    walk.Refuse(HopAt(c.id, kKindVpnConnection, "both tunnels down", p), kVpnTunnelDown,
                DownMessage(model, c, p.src));
    return false;
  }
  const VpnConnection& c = model.vpn_connections[route->connection];
  walk.MoveTo(NodeKind::kVpnGateway, vgw,
              HopAt(gateway.id, kKindVpnGateway,
                    "receives from on-premises by " + c.id + ", " + TunnelText(c), p));
  Index subnet = model.FindSubnetIn(gateway.vpc, p.dst);
  if (subnet == kNone) {
    const Vpc& vpc = model.vpcs[gateway.vpc];
    walk.Refuse(HopAt(vpc.id, kKindVpc, "no subnet holds " + p.dst.ToString(), p),
                "UNKNOWN_DESTINATION",
                p.dst.ToString() + " is inside vpc " + vpc.id + " but no subnet holds it");
    return false;
  }
  return walk.EnterSubnet(subnet, p);
}

void SolveVpnOut(SolverSteps& walk, Index vgw, walk::State s) {
  const Model& model = walk.model();
  const VpnGateway& gateway = model.vpn_gateways[vgw];
  walk.Step(s, gateway.id, kKindVpnGateway, "receives");
  for (const VpnRoute& r : VpnRoutes(model, vgw, /*carrying=*/true)) {
    if (s.cond.IsEmpty()) return;
    std::optional<walk::State> taken = walk::TakeCidr(s, Field::kDst, r.prefix);
    if (!taken) continue;
    const VpnConnection& c = model.vpn_connections[r.connection];
    walk.Step(*taken, c.id, kKindVpnConnection, RouteText(model, r) + ", " + TunnelText(c));
    walk.DeliverOnPremises(vgw, std::move(*taken));
  }
  if (s.cond.IsEmpty() || !walk.Refusable(s)) return;
  PacketSet down = InRoutes(walk, s, Field::kDst, VpnRoutes(model, vgw, /*carrying=*/false));
  walk.Refuse(s, s.cond & down, kVpnTunnelDown, gateway.id);
  walk.Refuse(s, s.cond - down, "NO_ROUTE_TO_DESTINATION", gateway.id);
}

void SolveVpnIn(SolverSteps& walk, Index vgw, walk::State s) {
  const Model& model = walk.model();
  const VpnGateway& gateway = model.vpn_gateways[vgw];
  walk.Step(s, gateway.id, kKindVpnGateway, "receives from on-premises");
  PacketSet carried = InRoutes(walk, s, Field::kSrc, VpnRoutes(model, vgw, /*carrying=*/true));
  if (!walk.Keep(s, carried, kVpnTunnelDown, gateway.id)) return;
  FieldRange destinations = walk::AddressHull(s, Field::kDst);
  for (Index subnet : walk.tables().SubnetsMeeting(gateway.vpc, destinations.lo, destinations.hi)) {
    std::optional<walk::State> part = walk::PartCidr(s, Field::kDst, model.subnets[subnet].cidr);
    if (part) walk.EnterSubnet(subnet, std::move(*part));
  }
  if (s.cond.IsEmpty() || !walk.Refusable(s)) return;
  s.cond -= walk.sets().InSet(s.h, Field::kDst, walk.tables().subnet_space[gateway.vpc]);
  walk.Refuse(s, s.cond, "UNKNOWN_DESTINATION", model.vpcs[gateway.vpc].id);
}

void SolveOnPremisesEntry(SolverSteps& walk, walk::State& s) {
  const Model& model = walk.model();
  for (Index g = 0; g < model.vpn_gateways.size(); ++g) {
    if (s.cond.IsEmpty()) return;
    const VpnGateway& vgw = model.vpn_gateways[g];
    if (vgw.vpc == kNone) continue;
    PacketSet to_vpc;
    for (const Cidr& c : model.vpcs[vgw.vpc].cidrs)
      to_vpc |= walk.sets().InCidr(s.h, Field::kDst, c);
    // Not HeaderSets::InSet, which takes only the tables' own sets: this set is a local.
    const IpRangeSet on_premises = OnPremisesAddresses(model, g);
    PacketSet entering = ExprInAddresses(s.h, Field::kSrc, on_premises) & to_vpc;
    std::optional<walk::State> taken = walk::Take(s, entering);
    if (taken) SolveVpnIn(walk, g, std::move(*taken));
  }
}

}  // namespace vpcreach
