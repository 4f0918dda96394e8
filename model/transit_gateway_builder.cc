#include "model/transit_gateway_builder.h"

#include <algorithm>
#include <string>

#include "model/loader_messages.h"

namespace vpcreach {
namespace {

using StringItems = std::vector<std::pair<std::string, YamlField>>;

// The table `field` names, of transit gateway `tgw`; kNone after a diagnostic.
Index TableOf(BuildContext& context, YamlReader& r, const YamlField& field, Index tgw) {
  const Model& model = context.model();
  Index t = context.components().Resolve(ComponentKind::kTransitGatewayRouteTable, r, field);
  if (t == kNone || tgw == kNone) return kNone;
  Index owner = model.transit_gateway_route_tables[t].transit_gateway;
  if (owner == kNone || owner == tgw) return t;
  context.Error(field, "transit gateway route table " + model.transit_gateway_route_tables[t].id +
                           " belongs to transit gateway " + model.transit_gateways[owner].id +
                           ", not " + model.transit_gateways[tgw].id);
  return kNone;
}

// The table an attachment of transit gateway `tgw` is associated with: the one `field` names,
// else the gateway's default table when default association is on, else none.
Index AssociatedTable(BuildContext& context, YamlReader& r, const std::optional<YamlField>& field,
                      Index tgw) {
  const Model& model = context.model();
  if (field) return TableOf(context, r, *field, tgw);
  if (tgw != kNone && model.transit_gateways[tgw].default_association) {
    return model.transit_gateways[tgw].default_route_table;
  }
  return kNone;
}

// A peering attachment: `transit_gateway` to `peer` (the field), each side's association, and
// none of a VPC attachment's keys.
void BuildPeeringAttachment(BuildContext& context, YamlReader& r, YamlMap& m, const YamlField& peer,
                            TransitGatewayAttachment* a) {
  ComponentIndex& components = context.components();
  a->peer_transit_gateway = components.Resolve(ComponentKind::kTransitGateway, r, peer);
  if (a->peer_transit_gateway != kNone && a->peer_transit_gateway == a->transit_gateway) {
    context.Error(peer, "a peering attachment joins two transit gateways; this one names " +
                            context.model().transit_gateways[a->transit_gateway].id + " twice");
    a->peer_transit_gateway = kNone;
    return;
  }
  for (const char* key : {"vpc", "subnets", "propagate_to", "appliance_mode"}) {
    if (auto f = m.Get(key)) {
      context.Error(*f, std::string("a peering attachment (peer_transit_gateway) has no ") + key +
                            (std::string(key) == "propagate_to"
                                 ? ": routes do not propagate over a transit gateway peering; "
                                   "write static routes to it"
                                 : "; remove it"));
    }
  }
  a->route_table = AssociatedTable(context, r, m.Get("route_table"), a->transit_gateway);
  a->peer_route_table =
      AssociatedTable(context, r, m.Get("peer_route_table"), a->peer_transit_gateway);
}

void SortRoutes(TransitGatewayRouteTable* table) {
  std::stable_sort(table->routes.begin(), table->routes.end(),
                   [](const TransitGatewayRoute& a, const TransitGatewayRoute& b) {
                     if (a.destination.length != b.destination.length) {
                       return a.destination.length > b.destination.length;
                     }
                     return !a.propagated && b.propagated;
                   });
}

}  // namespace

void BuildTransitGateways(BuildContext& context) {
  Model& model = context.model();
  ComponentIndex& components = context.components();
  for (const WrittenComponent& w : components.Written(ComponentKind::kTransitGateway)) {
    YamlReader& r = *w.reader;
    TransitGateway& tgw = AddWritten(&model.transit_gateways, w);
    YamlMap m(r, w.body, {"default_route_table_association", "default_route_table_propagation"});
    if (auto f = m.Get("default_route_table_association")) {
      tgw.default_association = r.Bool(*f).value_or(true);
    }
    if (auto f = m.Get("default_route_table_propagation")) {
      tgw.default_propagation = r.Bool(*f).value_or(true);
    }
  }
  // Written tables first (their indices are their written order), then the default tables.
  std::vector<YamlMap> tables;
  for (const WrittenComponent& w : components.Written(ComponentKind::kTransitGatewayRouteTable)) {
    YamlReader& r = *w.reader;
    TransitGatewayRouteTable& table = AddWritten(&model.transit_gateway_route_tables, w);
    YamlMap& m = tables.emplace_back(r, w.body, std::vector<std::string>{"transit_gateway", "routes"});
    if (auto f = m.Require("transit_gateway")) {
      table.transit_gateway = components.Resolve(ComponentKind::kTransitGateway, r, *f);
    }
  }
  for (Index g = 0; g < model.transit_gateways.size(); ++g) {
    TransitGateway& tgw = model.transit_gateways[g];
    if (!tgw.default_association && !tgw.default_propagation) continue;
    Index index = model.transit_gateway_route_tables.size();
    TransitGatewayRouteTable& table = model.transit_gateway_route_tables.emplace_back();
    table.id = tgw.id + "-default";
    table.transit_gateway = g;
    table.synthesized = true;
    table.location = tgw.location;
    tgw.default_route_table = index;
    components.AddSynthesized(ComponentKind::kTransitGatewayRouteTable, table.id, index,
                              "the default route table of transit gateway " + tgw.id);
  }
  for (const WrittenComponent& w : components.Written(ComponentKind::kTransitGatewayAttachment)) {
    YamlReader& r = *w.reader;
    TransitGatewayAttachment& a = AddWritten(&model.transit_gateway_attachments, w);
    YamlMap m(r, w.body,
              {"transit_gateway", "vpc", "subnets", "route_table", "propagate_to", "appliance_mode",
               "peer_transit_gateway", "peer_route_table"});
    if (auto f = m.Require("transit_gateway")) {
      a.transit_gateway = components.Resolve(ComponentKind::kTransitGateway, r, *f);
    }
    if (auto f = m.Get("peer_transit_gateway")) {
      BuildPeeringAttachment(context, r, m, *f, &a);
      continue;
    }
    if (auto f = m.Require("vpc")) a.vpc = components.Resolve(ComponentKind::kVpc, r, *f);
    if (auto f = m.Get("appliance_mode")) a.appliance_mode = r.Bool(*f).value_or(false);
    if (auto f = m.Get("peer_route_table")) {
      context.Error(*f, "only a peering attachment (peer_transit_gateway) has a peer_route_table");
    }
    if (auto f = m.Require("subnets")) {
      auto names = r.StringList(*f).value_or(StringItems{});
      if (f->IsSequence() && names.empty()) {
        context.Error(*f, "a VPC attachment needs a subnet in at least one availability zone");
      }
      for (const auto& [name, item] : names) {
        Index s = components.Resolve(ComponentKind::kSubnet, r, item);
        if (s == kNone || !components.SameVpc(item, ComponentKind::kSubnet, s, a.vpc)) continue;
        Index same = a.SubnetIn(model.subnets, model.subnets[s].az);
        if (same != kNone) {
          context.Error(item, "subnet " + name + " is in " + model.subnets[s].az +
                                  " like subnet " + model.subnets[same].id +
                                  "; a transit gateway attachment takes one subnet per "
                                  "availability zone");
          continue;
        }
        a.subnets.push_back(s);
      }
    }
    Index tgw = a.transit_gateway;
    a.route_table = AssociatedTable(context, r, m.Get("route_table"), tgw);
    if (auto f = m.Get("propagate_to")) {
      for (const auto& [name, item] : r.StringList(*f).value_or(StringItems{})) {
        Index t = TableOf(context, r, item, tgw);
        if (t != kNone) a.propagates_to.push_back(t);
      }
    }
    if (tgw != kNone && model.transit_gateways[tgw].default_propagation &&
        std::find(a.propagates_to.begin(), a.propagates_to.end(),
                  model.transit_gateways[tgw].default_route_table) == a.propagates_to.end()) {
      a.propagates_to.push_back(model.transit_gateways[tgw].default_route_table);
    }
  }
  // Static routes, then the propagated ones.
  for (Index t = 0; t < tables.size(); ++t) {
    YamlReader& r = *components.Written(ComponentKind::kTransitGatewayRouteTable)[t].reader;
    auto f = tables[t].Get("routes");
    if (!f) continue;
    for (const YamlField& item : r.List(*f).value_or(std::vector<YamlField>{})) {
      TransitGatewayRouteTable& table = model.transit_gateway_route_tables[t];
      YamlMap m(r, item, {"destination", "attachment", "blackhole"});
      auto destination = m.Require("destination");
      if (!destination) continue;
      auto cidr = r.CidrValue(*destination);
      if (!cidr) continue;
      TransitGatewayRoute route;
      route.destination = *cidr;
      route.location = item.location;
      auto blackhole = m.Get("blackhole");
      auto attachment = m.Get("attachment");
      route.blackhole = blackhole && r.Bool(*blackhole).value_or(false);
      if (route.blackhole == attachment.has_value()) {
        context.Error(item, "give either an attachment or blackhole: true");
        continue;
      }
      if (attachment) {
        route.attachment =
            components.Resolve(ComponentKind::kTransitGatewayAttachment, r, *attachment);
        if (route.attachment == kNone) continue;
        const TransitGatewayAttachment& target =
            model.transit_gateway_attachments[route.attachment];
        Index owner = target.transit_gateway;
        if (owner != kNone && table.transit_gateway != kNone &&
            !target.EndsAt(table.transit_gateway)) {
          std::string ends = model.transit_gateways[owner].id;
          if (target.IsPeering()) {
            ends = "transit gateways " + ends + " and " +
                   model.transit_gateways[target.peer_transit_gateway].id;
          } else {
            ends = "transit gateway " + ends;
          }
          context.Error(*attachment, "attachment " + target.id + " is attached to " + ends +
                                         ", not " +
                                         model.transit_gateways[table.transit_gateway].id);
          continue;
        }
      }
      bool repeated = std::any_of(table.routes.begin(), table.routes.end(),
                                  [&](const TransitGatewayRoute& x) {
                                    return x.destination == route.destination;
                                  });
      if (repeated) {
        context.Error(*destination, "destination " + cidr->ToString() + " is routed twice in " +
                                        "transit gateway route table " + table.id);
        continue;
      }
      table.routes.push_back(route);
    }
  }
  for (Index a = 0; a < model.transit_gateway_attachments.size(); ++a) {
    const TransitGatewayAttachment& attachment = model.transit_gateway_attachments[a];
    if (attachment.vpc == kNone) continue;
    for (Index t : attachment.propagates_to) {
      if (t == kNone) continue;
      for (const Cidr& c : model.vpcs[attachment.vpc].cidrs) {
        TransitGatewayRoute route;
        route.destination = c;
        route.attachment = a;
        route.propagated = true;
        route.location = attachment.location;
        model.transit_gateway_route_tables[t].routes.push_back(route);
      }
    }
  }
  for (TransitGatewayRouteTable& table : model.transit_gateway_route_tables) SortRoutes(&table);
}

}  // namespace vpcreach
