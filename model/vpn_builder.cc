#include "model/vpn_builder.h"

#include <algorithm>
#include <string>

#include "model/loader_messages.h"

namespace vpcreach {
namespace {

using StringItems = std::vector<std::pair<std::string, YamlField>>;

// The prefixes of `field` into `out`, each once.
void ReadPrefixes(BuildContext& context, YamlReader& r, const YamlField& field,
                  std::vector<Cidr>* out) {
  for (const YamlField& item : r.List(field).value_or(std::vector<YamlField>{})) {
    auto cidr = r.CidrValue(item);
    if (!cidr) continue;
    if (std::find(out->begin(), out->end(), *cidr) != out->end()) {
      context.Error(item, cidr->ToString() + " is listed twice; remove one");
      continue;
    }
    out->push_back(*cidr);
  }
}

void ReadTunnels(BuildContext& context, YamlReader& r, const YamlField& field,
                 std::vector<TunnelState>* out) {
  auto items = r.List(field);
  if (!items) return;
  if (items->size() != 2) {
    context.Error(field,
                  "a VPN connection has two tunnels: write the state of each, as "
                  "[up, up], [up, down] or [down, down]");
    return;
  }
  out->clear();
  for (const YamlField& item : *items) {
    auto state = r.String(item);
    if (!state) continue;
    if (*state != "up" && *state != "down") {
      context.Error(item, "expected a tunnel state, up or down, got '" + *state + "'");
      out->push_back(TunnelState::kUp);
      continue;
    }
    out->push_back(*state == "up" ? TunnelState::kUp : TunnelState::kDown);
  }
}

bool IsInsideVpc(const Vpc& vpc, const Cidr& cidr) {
  return std::any_of(vpc.cidrs.begin(), vpc.cidrs.end(),
                     [&cidr](const Cidr& block) { return block.Contains(cidr); });
}

}  // namespace

void BuildVpn(BuildContext& context) {
  Model& model = context.model();
  ComponentIndex& components = context.components();
  for (const WrittenComponent& w : components.Written(ComponentKind::kVpnGateway)) {
    YamlReader& r = *w.reader;
    Index index = model.vpn_gateways.size();
    VpnGateway& vgw = AddWritten(&model.vpn_gateways, w);
    YamlMap m(r, w.body, {"vpc"});
    auto f = m.Get("vpc");
    if (!f) continue;
    vgw.vpc = components.Resolve(ComponentKind::kVpc, r, *f);
    if (vgw.vpc == kNone) continue;
    for (Index other = 0; other < index; ++other) {
      if (model.vpn_gateways[other].vpc != vgw.vpc) continue;
      context.Error(*f, "vpc " + model.vpcs[vgw.vpc].id + " has virtual private gateway " +
                            model.vpn_gateways[other].id +
                            " attached already; a VPC takes one virtual private gateway");
      vgw.vpc = kNone;
      break;
    }
  }
  for (const WrittenComponent& w : components.Written(ComponentKind::kCustomerGateway)) {
    YamlReader& r = *w.reader;
    CustomerGateway& cgw = AddWritten(&model.customer_gateways, w);
    YamlMap m(r, w.body, {"ip_address", "bgp_asn"});
    if (auto f = m.Get("ip_address")) cgw.ip_address = r.Address(*f);
    if (auto f = m.Get("bgp_asn")) (void)r.Integer(*f);  // recorded by AWS, checked here
  }
  for (const WrittenComponent& w : components.Written(ComponentKind::kVpnConnection)) {
    YamlReader& r = *w.reader;
    VpnConnection& c = AddWritten(&model.vpn_connections, w);
    YamlMap m(r, w.body,
              {"vpn_gateway", "customer_gateway", "static_routes_only", "static_routes",
               "bgp_prefixes", "tunnels"});
    if (auto f = m.Require("vpn_gateway")) {
      c.vpn_gateway = components.Resolve(ComponentKind::kVpnGateway, r, *f);
    }
    if (auto f = m.Require("customer_gateway")) {
      c.customer_gateway = components.Resolve(ComponentKind::kCustomerGateway, r, *f);
    }
    c.static_routes_only = false;  // AWS's default: BGP
    if (auto f = m.Get("static_routes_only")) c.static_routes_only = r.Bool(*f).value_or(false);
    if (auto f = m.Get("static_routes")) {
      if (c.static_routes_only) {
        ReadPrefixes(context, r, *f, &c.static_routes);
      } else {
        context.Error(*f,
                      "static routes need static routing: write static_routes_only: true "
                      "(AWS refuses a static route on a connection that routes by BGP), or "
                      "list the prefixes the customer gateway advertises under bgp_prefixes");
      }
    }
    if (auto f = m.Get("bgp_prefixes")) {
      if (!c.static_routes_only) {
        ReadPrefixes(context, r, *f, &c.bgp_prefixes);
      } else {
        context.Error(*f,
                      "a connection with static_routes_only: true learns no BGP prefixes; "
                      "list its on-premises prefixes under static_routes");
      }
    }
    if (auto f = m.Get("tunnels")) ReadTunnels(context, r, *f, &c.tunnels);
  }
}

void PropagateVpnRoutes(BuildContext& context,
                        const std::vector<std::optional<YamlField>>& propagating) {
  Model& model = context.model();
  ComponentIndex& components = context.components();
  const std::vector<WrittenComponent>& written = components.Written(ComponentKind::kRouteTable);
  for (Index t = 0; t < propagating.size(); ++t) {
    if (!propagating[t]) continue;
    YamlReader& r = *written[t].reader;
    RouteTable& table = model.route_tables[t];
    for (const auto& [name, item] : r.StringList(*propagating[t]).value_or(StringItems{})) {
      Index g = components.Resolve(ComponentKind::kVpnGateway, r, item);
      if (g == kNone || table.vpc == kNone) continue;
      const VpnGateway& vgw = model.vpn_gateways[g];
      if (vgw.vpc == kNone) {
        context.Error(item, "virtual private gateway " + vgw.id +
                                " is attached to no VPC; attach it to vpc " +
                                model.vpcs[table.vpc].id + " (vpn_gateways." + vgw.id +
                                ".vpc) to propagate its routes here");
        continue;
      }
      if (!components.SameVpc(item, ComponentKind::kVpnGateway, g, table.vpc)) continue;
      if (std::find(table.propagating_vgws.begin(), table.propagating_vgws.end(), g) !=
          table.propagating_vgws.end()) {
        context.Error(item, "virtual private gateway " + vgw.id + " is listed twice; remove one");
        continue;
      }
      table.propagating_vgws.push_back(g);
    }
  }
  for (RouteTable& table : model.route_tables) {
    for (Index g : table.propagating_vgws) {
      for (const VpnConnection& c : model.vpn_connections) {
        if (c.vpn_gateway != g || !c.Carries()) continue;
        for (const Cidr& prefix : c.Prefixes()) {
          if (IsInsideVpc(model.vpcs[table.vpc], prefix)) continue;  // local is preferred
          bool present = std::any_of(table.routes.begin(), table.routes.end(), [&](const Route& x) {
            return x.propagated && x.target_index == g && x.destination_cidr == prefix;
          });
          if (present) continue;
          Route route;
          route.destination_cidr = prefix;
          route.target = RouteTarget::kVpnGateway;
          route.target_index = g;
          route.target_id = model.vpn_gateways[g].id;
          route.implicit = true;
          route.propagated = true;
          route.location = c.location;
          table.routes.push_back(route);
        }
      }
    }
  }
}

}  // namespace vpcreach
