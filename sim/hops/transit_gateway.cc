#include "sim/hops/transit_gateway.h"

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

namespace vpcreach {
namespace {

std::string RouteText(const Model& model, const TransitGatewayRoute& r) {
  return r.destination.ToString() + " -> " +
         (r.blackhole ? std::string("blackhole")
                      : model.transit_gateway_attachments[r.attachment].id +
                            (r.propagated ? " (propagated)" : ""));
}

// Whether the transit gateway picks one of `out`'s zones per flow (appliance mode, with a
// choice to make), of which the walk follows one.
bool ZoneChoice(const TransitGatewayAttachment& out) {
  return out.appliance_mode && out.subnets.size() > 1;
}

// Where the packet leaves transit gateway attachment `out`: its subnet in the zone of `entry`,
// else its first one (kNone when it has none); in appliance mode, its first one whatever the
// entry, both ways (the header says why).
Index ExitSubnet(const Model& model, const TransitGatewayAttachment& out, Index entry) {
  if (out.appliance_mode) return out.subnets.empty() ? kNone : out.subnets.front();
  Index same = out.SubnetIn(model.subnets, model.subnets[entry].az);
  if (same != kNone) return same;
  return out.subnets.empty() ? kNone : out.subnets.front();
}

std::string AzMessage(const Model& model, const TransitGatewayAttachment& in, Index from) {
  return "transit gateway attachment " + in.id + " of vpc " + model.vpcs[in.vpc].id +
         " has no subnet in " + model.subnets[from].az + ", where subnet " +
         model.subnets[from].id + " is: resources in an availability zone without an "
         "attachment subnet cannot reach the transit gateway";
}

std::string ExitText(const Model& model, const TransitGatewayAttachment& out, Index exit) {
  std::string text = "to vpc " + model.vpcs[out.vpc].id + " by subnet " + model.subnets[exit].id;
  if (ZoneChoice(out)) {
    text += " (appliance mode: one of its " + std::to_string(out.subnets.size()) +
            " zones per flow, both ways; vpcreach follows this one)";
  }
  return text;
}

std::string NoTableMessage(const Model& model, const TransitGatewayAttachment& a, Index at) {
  std::string text = "transit gateway attachment " + a.id;
  if (a.IsPeering())
    text += " (peering) on transit gateway " + model.transit_gateways[at].id + "'s side";
  return text + " is associated with no transit gateway route table";
}

std::string LoopMessage(const Model& model, const TransitGatewayAttachment& a, Index to,
                        const Packet& p) {
  return "the packet for " + p.dst.ToString() + " crosses peering attachment " + a.id +
         " to transit gateway " + model.transit_gateways[to].id +
         " a second time: the transit gateways' static routes send it round in a loop";
}

}  // namespace

Index AttachmentOf(const Model& model, Index tgw, Index vpc) {
  for (Index a = 0; a < model.transit_gateway_attachments.size(); ++a) {
    const TransitGatewayAttachment& x = model.transit_gateway_attachments[a];
    if (x.transit_gateway == tgw && x.vpc == vpc) return a;
  }
  return kNone;
}

bool TraceTransitGateway(TracerSteps& walk, const Model& model, Index tgw, Index from_subnet,
                         const Packet& p) {
  const TransitGateway& gateway = model.transit_gateways[tgw];
  Index a = AttachmentOf(model, tgw, model.subnets[from_subnet].vpc);
  const TransitGatewayAttachment& in = model.transit_gateway_attachments[a];
  walk.MoveTo(NodeKind::kTransitGateway, tgw,
              HopAt(gateway.id, kKindTransitGateway, "receives by attachment " + in.id, p));
  Index entry = in.SubnetIn(model.subnets, model.subnets[from_subnet].az);
  if (entry == kNone) {
    walk.Refuse(HopAt(in.id, kKindTransitGatewayAttachment,
                      "no attachment subnet in " + model.subnets[from_subnet].az, p),
                kTgwAzRestriction, AzMessage(model, in, from_subnet));
    return false;
  }
  if (entry != from_subnet) walk.Nacl(entry, p, /*ingress=*/true);
  // Transit gateway `at` routes p, arrived by attachment `by`; a peering hands it on.
  Index at = tgw, by = a;
  std::vector<std::pair<Index, Index>> crossed;  // (peering attachment, gateway it led to)
  for (;;) {
    const TransitGatewayAttachment& arrived = model.transit_gateway_attachments[by];
    Index table_index = arrived.TableAt(at);
    if (table_index == kNone) {
      walk.Refuse(HopAt(arrived.id, kKindTransitGatewayAttachment, "no route table", p),
                  "NO_ROUTE_TO_DESTINATION", NoTableMessage(model, arrived, at));
      return false;
    }
    const TransitGatewayRouteTable& table = model.transit_gateway_route_tables[table_index];
    const TransitGatewayRoute* route = nullptr;
    for (const TransitGatewayRoute& r : table.routes) {
      if (r.destination.Contains(p.dst)) {
        route = &r;
        break;
      }
    }
    if (route == nullptr) {
      walk.Refuse(
          HopAt(table.id, kKindTransitGatewayRouteTable, "no route", p), "NO_ROUTE_TO_DESTINATION",
          "transit gateway route table " + table.id + " has no route to " + p.dst.ToString());
      return false;
    }
    std::string text = RouteText(model, *route);
    Hop decided = HopAt(table.id, kKindTransitGatewayRouteTable, text, p);
    decided.rule = text;
    decided.rule_location = route->location;
    if (route->blackhole) {
      walk.Refuse(decided, "BAD_STATE_ROUTE",
                  "route " + route->destination.ToString() + " in transit gateway route table " +
                      table.id + " is a blackhole, so the packet is dropped");
      return false;
    }
    walk.MoveTo(NodeKind::kTransitGateway, at, decided);
    const TransitGatewayAttachment& out = model.transit_gateway_attachments[route->attachment];
    if (out.IsPeering()) {
      Index next = out.PeerOf(at);
      std::pair<Index, Index> step{route->attachment, next};
      if (std::find(crossed.begin(), crossed.end(), step) != crossed.end()) {
        walk.Refuse(HopAt(out.id, kKindTransitGatewayAttachment, "routing loop", p), "NO_PATH",
                    LoopMessage(model, out, next, p));
        return false;
      }
      crossed.push_back(step);
      walk.MoveTo(NodeKind::kTransitGateway, next,
                  HopAt(out.id, kKindTransitGatewayAttachment,
                        "peering to transit gateway " + model.transit_gateways[next].id, p));
      at = next;
      by = route->attachment;
      continue;
    }
    Index exit = ExitSubnet(model, out, entry);
    if (exit == kNone) return false;  // an attachment without subnets is reported by the loader
    walk.MoveTo(NodeKind::kTransitGateway, at,
                HopAt(out.id, kKindTransitGatewayAttachment, ExitText(model, out, exit), p));
    return walk.RouteFrom(exit, p, NodeKind::kTransitGateway, at);
  }
}

namespace {

// The solver's lookup at transit gateway `at`, for requests that arrived by attachment `by`
// (entering the transit gateway system at attachment subnet `entry`); `crossed` as in the
// tracer.
void SolveAt(SolverSteps& walk, Index at, Index by, Index entry,
             std::vector<std::pair<Index, Index>> crossed, walk::State t) {
  const Model& model = walk.model();
  const TransitGatewayAttachment& arrived = model.transit_gateway_attachments[by];
  Index table_index = arrived.TableAt(at);
  if (table_index == kNone) {
    walk.Refuse(t, t.cond, "NO_ROUTE_TO_DESTINATION", arrived.id);
    return;
  }
  const TransitGatewayRouteTable& table = model.transit_gateway_route_tables[table_index];
  for (const TransitGatewayRoute& r : table.routes) {
    if (t.cond.IsEmpty()) return;
    std::optional<walk::State> taken = walk::TakeCidr(t, Field::kDst, r.destination);
    if (!taken) continue;
    if (r.blackhole) {
      walk.Refuse(*taken, taken->cond, "BAD_STATE_ROUTE", table.id);
      continue;
    }
    walk.Step(*taken, table.id, kKindTransitGatewayRouteTable, RouteText(model, r));
    const TransitGatewayAttachment& out = model.transit_gateway_attachments[r.attachment];
    if (out.IsPeering()) {
      Index next = out.PeerOf(at);
      std::pair<Index, Index> step{r.attachment, next};
      if (std::find(crossed.begin(), crossed.end(), step) != crossed.end()) {
        walk.Refuse(*taken, taken->cond, "NO_PATH", out.id);
        continue;
      }
      walk.Step(*taken, out.id, kKindTransitGatewayAttachment,
                "peering to transit gateway " + model.transit_gateways[next].id);
      std::vector<std::pair<Index, Index>> further = crossed;
      further.push_back(step);
      SolveAt(walk, next, r.attachment, entry, std::move(further), std::move(*taken));
      continue;
    }
    Index exit = ExitSubnet(model, out, entry);
    if (exit == kNone) continue;
    if (ZoneChoice(out)) walk.FollowsOneChoice(out.id);
    walk.Step(*taken, out.id, kKindTransitGatewayAttachment, ExitText(model, out, exit));
    walk.RouteFrom(exit, std::move(*taken));
  }
  walk.Refuse(t, t.cond, "NO_ROUTE_TO_DESTINATION", table.id);
}

}  // namespace

void SolveTransitGateway(SolverSteps& walk, Index tgw, Index from_subnet, walk::State s) {
  const Model& model = walk.model();
  const TransitGateway& gateway = model.transit_gateways[tgw];
  Index a = AttachmentOf(model, tgw, model.subnets[from_subnet].vpc);
  const TransitGatewayAttachment& in = model.transit_gateway_attachments[a];
  walk.Step(s, gateway.id, kKindTransitGateway, "receives by attachment " + in.id);
  Index entry = in.SubnetIn(model.subnets, model.subnets[from_subnet].az);
  if (entry == kNone) {
    walk.Refuse(s, s.cond, kTgwAzRestriction, in.id);
    return;
  }
  auto route = [&walk, tgw, a, entry](walk::State t) {
    SolveAt(walk, tgw, a, entry, {}, std::move(t));
  };
  if (entry != from_subnet) {
    walk.NaclThen(entry, std::move(s), /*ingress=*/true, route);
  } else {
    route(std::move(s));
  }
}

}  // namespace vpcreach
