#include "sim/hops/transit_gateway.h"

#include <string>
#include <utility>

namespace vpcreach {
namespace {

std::string RouteText(const Model& model, const TransitGatewayRoute& r) {
  return r.destination.ToString() + " -> " +
         (r.blackhole ? std::string("blackhole")
                      : model.transit_gateway_attachments[r.attachment].id +
                            (r.propagated ? " (propagated)" : ""));
}

// Where the packet leaves transit gateway attachment `out`: its subnet in the zone of `entry`,
// else its first one (kNone when it has none).
Index ExitSubnet(const Model& model, const TransitGatewayAttachment& out, Index entry) {
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
  if (in.route_table == kNone) {
    walk.Refuse(HopAt(in.id, kKindTransitGatewayAttachment, "no route table", p),
                "NO_ROUTE_TO_DESTINATION",
                "transit gateway attachment " + in.id +
                    " is associated with no transit gateway route table");
    return false;
  }
  const TransitGatewayRouteTable& table = model.transit_gateway_route_tables[in.route_table];
  const TransitGatewayRoute* route = nullptr;
  for (const TransitGatewayRoute& r : table.routes) {
    if (r.destination.Contains(p.dst)) {
      route = &r;
      break;
    }
  }
  if (route == nullptr) {
    walk.Refuse(HopAt(table.id, kKindTransitGatewayRouteTable, "no route", p),
                "NO_ROUTE_TO_DESTINATION",
                "transit gateway route table " + table.id + " has no route to " +
                    FormatIpv4(p.dst));
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
  walk.MoveTo(NodeKind::kTransitGateway, tgw, decided);
  const TransitGatewayAttachment& out = model.transit_gateway_attachments[route->attachment];
  Index exit = ExitSubnet(model, out, entry);
  if (exit == kNone) return false;  // an attachment without subnets is reported by the loader
  walk.MoveTo(NodeKind::kTransitGateway, tgw,
              HopAt(out.id, kKindTransitGatewayAttachment,
                    "to vpc " + model.vpcs[out.vpc].id + " by subnet " + model.subnets[exit].id,
                    p));
  return walk.RouteFrom(exit, p, NodeKind::kTransitGateway, tgw);
}

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
  auto route = [&walk, &model, &in, entry](walk::State t) {
    if (in.route_table == kNone) {
      walk.Refuse(t, t.cond, "NO_ROUTE_TO_DESTINATION", in.id);
      return;
    }
    const TransitGatewayRouteTable& table = model.transit_gateway_route_tables[in.route_table];
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
      Index exit = ExitSubnet(model, out, entry);
      if (exit == kNone) continue;
      walk.Step(*taken, out.id, kKindTransitGatewayAttachment,
                "to vpc " + model.vpcs[out.vpc].id + " by subnet " + model.subnets[exit].id);
      walk.RouteFrom(exit, std::move(*taken));
    }
    walk.Refuse(t, t.cond, "NO_ROUTE_TO_DESTINATION", table.id);
  };
  if (entry != from_subnet) {
    walk.NaclThen(entry, std::move(s), /*ingress=*/true, route);
  } else {
    route(std::move(s));
  }
}

}  // namespace vpcreach
