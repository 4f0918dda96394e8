#include "model/route_builder.h"

#include <algorithm>
#include <string>
#include <utility>

#include "model/loader_messages.h"

namespace vpcreach {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool StartsWithDigit(const std::string& text) { return !text.empty() && IsDigit(text[0]); }

// Sets the target of `route` from `field`; false (after a diagnostic) when it is unknown, names
// something that cannot be a target, or lies outside `vpc`.
bool ReadRouteTarget(BuildContext& context, YamlReader& r, const YamlField& field, Index vpc,
                     Route* route) {
  Model& model = context.model();
  ComponentIndex& components = context.components();
  auto target = r.String(field);
  if (!target) return false;
  route->target_id = *target;
  if (*target == "blackhole") {
    route->target = RouteTarget::kBlackhole;
    return true;
  }
  if (*target == "local") {
    route->target = RouteTarget::kLocal;
    bool inside =
        vpc == kNone ||
        (route->destination_cidr &&
         std::any_of(model.vpcs[vpc].cidrs.begin(), model.vpcs[vpc].cidrs.end(),
                     [&](const Cidr& c) { return c.Contains(*route->destination_cidr); }));
    if (!inside) {
      context.Error(field, "a local route must stay inside vpc " + model.vpcs[vpc].id + " (" +
                               JoinCidrs(model.vpcs[vpc].cidrs) + ")");
    }
    return inside;
  }
  constexpr std::pair<ComponentKind, RouteTarget> kTargets[] = {
      {ComponentKind::kInternetGateway, RouteTarget::kInternetGateway},
      {ComponentKind::kNatGateway, RouteTarget::kNatGateway},
      {ComponentKind::kEni, RouteTarget::kEni}};
  for (const auto& [kind, target_kind] : kTargets) {
    Index index = components.Find(kind, *target);
    if (index == kNone) continue;
    route->target = target_kind;
    route->target_index = index;
    return components.SameVpc(field, kind, index, vpc);
  }
  if (Index index = components.Find(ComponentKind::kPeeringConnection, *target); index != kNone) {
    const PeeringConnection& pcx = model.peering_connections[index];
    route->target = RouteTarget::kPeeringConnection;
    route->target_index = index;
    if (pcx.requester == kNone || pcx.accepter == kNone || vpc == kNone) return false;  // reported
    if (pcx.PeerOf(vpc) != kNone) return true;
    context.Error(field, "peering connection " + pcx.id + " joins vpc " +
                             model.vpcs[pcx.requester].id + " and vpc " +
                             model.vpcs[pcx.accepter].id + ", not vpc " + model.vpcs[vpc].id +
                             "; only their route tables can route to it");
    return false;
  }
  if (Index index = components.Find(ComponentKind::kTransitGateway, *target); index != kNone) {
    route->target = RouteTarget::kTransitGateway;
    route->target_index = index;
    if (vpc == kNone) return false;  // reported
    for (const TransitGatewayAttachment& a : model.transit_gateway_attachments) {
      if (a.transit_gateway == index && a.vpc == vpc) return true;
      if (a.transit_gateway == kNone && a.vpc == vpc) return false;  // its gateway is reported
    }
    context.Error(field, "vpc " + model.vpcs[vpc].id + " has no attachment to transit gateway " +
                             *target + "; attach it (transit_gateway_attachments) to route to it");
    return false;
  }
  if (Index index = components.Find(ComponentKind::kVpnGateway, *target); index != kNone) {
    route->target = RouteTarget::kVpnGateway;
    route->target_index = index;
    if (vpc == kNone) return false;  // reported
    const VpnGateway& vgw = model.vpn_gateways[index];
    if (vgw.vpc == vpc) return true;
    context.Error(field,
                  "virtual private gateway " + vgw.id + " is attached to " +
                      (vgw.vpc == kNone ? std::string("no VPC") : "vpc " + model.vpcs[vgw.vpc].id) +
                      ", not vpc " + model.vpcs[vpc].id +
                      "; a route can target only the virtual private gateway attached to "
                      "its own VPC");
    return false;
  }
  // An instance: AWS routes to its primary network interface.
  if (Index index = components.Find(ComponentKind::kWorkload, *target); index != kNone) {
    const Workload& w = model.workloads[index];
    if (w.kind == WorkloadKind::kInstance && !w.enis.empty()) {
      route->target = RouteTarget::kEni;
      route->target_index = w.enis.front();
      return components.SameVpc(field, ComponentKind::kEni, w.enis.front(), vpc);
    }
    if (w.kind == WorkloadKind::kInstance) return false;  // its placement is reported
  }
  if (Index index = components.Find(ComponentKind::kVpcEndpoint, *target); index != kNone) {
    const VpcEndpoint& endpoint = model.vpc_endpoints[index];
    context.Error(field, endpoint.type == EndpointType::kGateway
                             ? "gateway endpoint routes are added by the endpoint; list this "
                               "table under vpc_endpoints." +
                                   endpoint.id + ".route_tables"
                             : "'" + endpoint.id +
                                   "' is an interface endpoint; route to one of its ENIs, "
                                   "such as " +
                                   endpoint.id + "/eni-0");
    return false;
  }
  if (auto kind = components.KindHolding(*target)) {
    context.Error(field, "'" + *target + "' is " + WithArticle(NounOf(*kind)) +
                             "; a route target is local, blackhole, or the id of an internet "
                             "gateway, NAT gateway, ENI, instance, peering connection, transit "
                             "gateway or virtual private gateway");
    return false;
  }
  std::vector<std::string> candidates = {"local", "blackhole"};
  for (const auto& [kind, target_kind] : kTargets) {
    for (const std::string& id : components.IdsOf(kind)) candidates.push_back(id);
  }
  for (ComponentKind kind : {ComponentKind::kPeeringConnection, ComponentKind::kTransitGateway,
                             ComponentKind::kVpnGateway}) {
    for (const std::string& id : components.IdsOf(kind)) candidates.push_back(id);
  }
  // An AWS id of a gateway kind vpcreach models: say what to declare, or the closest id.
  struct IdPrefix {
    const char* prefix;
    ComponentKind kind;
    const char* declare;
  };
  constexpr IdPrefix kIdPrefixes[] = {
      {"vgw-", ComponentKind::kVpnGateway, "declare it under vpn_gateways, attached to this VPC"},
      {"tgw-", ComponentKind::kTransitGateway,
       "declare it under transit_gateways, with this VPC's attachment under "
       "transit_gateway_attachments"},
      {"pcx-", ComponentKind::kPeeringConnection,
       "declare it under peering_connections with its requester and accepter VPCs"},
  };
  for (const IdPrefix& p : kIdPrefixes) {
    if (target->rfind(p.prefix, 0) != 0) continue;
    std::string close = ClosestMatch(*target, components.IdsOf(p.kind));
    context.Error(field,
                  "unknown " + std::string(NounOf(p.kind)) + " '" + *target + "'; " +
                      (close.empty() ? std::string(p.declare) : "did you mean '" + close + "'?"));
    return false;
  }
  std::string suggestion = ClosestMatch(*target, candidates);
  context.Error(field, "unknown route target '" + *target + "'; " +
                           (suggestion.empty() ? "expected local, blackhole, or the id of an "
                                                 "internet gateway, NAT gateway or ENI"
                                               : "did you mean '" + suggestion + "'?"));
  return false;
}

// How messages name a route's target: "internet gateway igw", "ENI appliance", "blackhole".
std::string TargetNoun(const Route& route) {
  switch (route.target) {
    case RouteTarget::kLocal:
      return "local";
    case RouteTarget::kBlackhole:
      return "blackhole";
    case RouteTarget::kInternetGateway:
      return "internet gateway " + route.target_id;
    case RouteTarget::kNatGateway:
      return "NAT gateway " + route.target_id;
    case RouteTarget::kGatewayEndpoint:
      return "gateway endpoint " + route.target_id;
    case RouteTarget::kEni:
      return "ENI " + route.target_id;
    case RouteTarget::kPeeringConnection:
      return "peering connection " + route.target_id;
    case RouteTarget::kTransitGateway:
      return "transit gateway " + route.target_id;
    case RouteTarget::kVpnGateway:
      return "virtual private gateway " + route.target_id;
  }
  return route.target_id;
}

// The targets AWS accepts for a route at or inside a VPC block: a middlebox (a network interface
// or a NAT gateway; Gateway Load Balancer endpoints are not modelled).
bool IsMiddlebox(RouteTarget target) {
  return target == RouteTarget::kEni || target == RouteTarget::kNatGateway;
}

// The block of `vpc` that holds `cidr`, or nullptr.
const Cidr* BlockHolding(const Vpc& vpc, const Cidr& cidr) {
  for (const Cidr& block : vpc.cidrs) {
    if (block.Contains(cidr)) return &block;
  }
  return nullptr;
}

// AWS's rules for a route whose destination lies strictly inside a block of its VPC, more
// specific than the local route ("Route table options" in the VPC guide; CreateRoute refuses
// the rest): it targets a middlebox (or `local` again) and covers exactly one subnet's CIDR.
// False after a diagnostic.
bool CheckMoreSpecificThanLocal(BuildContext& context, const YamlField& destination,
                                const YamlField& target, const RouteTable& table, const Cidr& block,
                                const Route& route) {
  Model& model = context.model();
  const Vpc& vpc = model.vpcs[table.vpc];
  std::string inside = route.destination_cidr->ToString() + " lies inside vpc " + vpc.id + " (" +
                       block.ToString() + ")";
  if (!IsMiddlebox(route.target) && route.target != RouteTarget::kLocal) {
    context.Error(target, inside +
                              ": a route more specific than the local route must target an ENI "
                              "or a NAT gateway (a middlebox), not " +
                              TargetNoun(route) +
                              "; AWS's CreateRoute refuses it. Target the middlebox, or remove "
                              "the route");
    return false;
  }
  const Subnet* holder = nullptr;
  for (Index s = 0; s < model.subnets.size(); ++s) {
    const Subnet& subnet = model.subnets[s];
    if (subnet.vpc != table.vpc || !context.SubnetHasCidr(s)) continue;
    if (subnet.cidr == *route.destination_cidr) return true;
    if (subnet.cidr.Contains(*route.destination_cidr)) holder = &subnet;
  }
  context.Error(destination,
                inside +
                    " but is not the CIDR of one of its subnets: AWS's CreateRoute accepts a "
                    "route more specific than the local route only for a whole subnet's CIDR; " +
                    (holder != nullptr ? "use " + holder->cidr.ToString() + " (subnet " +
                                             holder->id + ") or remove the route"
                                       : "use a subnet's CIDR or remove the route"));
  return false;
}

// "route table edge is the gateway route table of internet gateway igw", for messages.
std::string GatewayTableNoun(const Model& model, const RouteTable& table) {
  return "route table " + table.id + " is the gateway route table of internet gateway " +
         model.internet_gateways[table.edge_gateway].id;
}

// AWS's rules for the routes of a gateway route table ("Gateway route tables" in the VPC guide):
// destinations inside the VPC only, targets local or a network interface (Gateway Load Balancer
// endpoints are not modelled). False after a diagnostic.
bool CheckGatewayTableRoute(BuildContext& context, const YamlField& destination,
                            const YamlField& target, const RouteTable& table, const Route& route) {
  const Model& model = context.model();
  const Vpc& vpc = model.vpcs[table.vpc];
  if (!route.destination_cidr) {
    context.Error(destination, GatewayTableNoun(model, table) +
                                   ", which takes no prefix-list destination; route a VPC block "
                                   "or a subnet's CIDR");
    return false;
  }
  if (BlockHolding(vpc, *route.destination_cidr) == nullptr) {
    context.Error(destination, route.destination_cidr->ToString() + " is outside vpc " + vpc.id +
                                   " (" + JoinCidrs(vpc.cidrs) +
                                   "): " + GatewayTableNoun(model, table) +
                                   ", which routes only the VPC's own addresses (AWS refuses "
                                   "routes outside the VPC there)");
    return false;
  }
  if (route.target != RouteTarget::kLocal && route.target != RouteTarget::kEni) {
    context.Error(target, GatewayTableNoun(model, table) +
                              ": its routes target local or an ENI (a middlebox), not " +
                              TargetNoun(route));
    return false;
  }
  return true;
}

// One written route of `table`, or nullopt after a diagnostic. A route for a VPC block (the
// destination of an implicit local route) that targets a middlebox replaces the local route's
// target, as AWS allows; BuildRoutes puts it in the local route's place.
std::optional<Route> ReadRoute(BuildContext& context, YamlReader& r, const YamlField& item,
                               const RouteTable& table) {
  YamlMap m(r, item, {"destination", "target"});
  auto destination = m.Require("destination");
  auto target = m.Require("target");
  if (!destination) return std::nullopt;
  auto text = r.String(*destination);
  if (!text) return std::nullopt;
  Route route;
  route.location = item.location;
  if (StartsWithDigit(*text)) {
    route.destination_cidr = r.CidrValue(*destination);
    if (!route.destination_cidr) return std::nullopt;
  } else {
    route.destination_prefix_list =
        context.components().Resolve(ComponentKind::kPrefixList, r, *destination);
    if (route.destination_prefix_list == kNone) return std::nullopt;
  }
  const Route* local = nullptr;  // the implicit local route of the same block, if any
  for (const Route& other : table.routes) {
    bool same = route.destination_cidr
                    ? other.destination_cidr == route.destination_cidr
                    : other.destination_prefix_list == route.destination_prefix_list;
    if (!same) continue;
    if (other.implicit && other.target == RouteTarget::kLocal) {
      local = &other;
      break;
    }
    if (other.implicit) {
      context.Error(*destination, *text + " is routed to gateway endpoint " + other.target_id +
                                      " already; remove this route");
    } else {
      context.Error(*destination, "destination " + *text + " is used twice in " +
                                      m.field().path.substr(0, m.field().path.rfind('[')) +
                                      " (also at line " + std::to_string(other.location.line) +
                                      ")");
    }
    return std::nullopt;
  }
  if (!target || !ReadRouteTarget(context, r, *target, table.vpc, &route)) return std::nullopt;
  if (table.edge_gateway != kNone && table.vpc != kNone &&
      !CheckGatewayTableRoute(context, *destination, *target, table, route)) {
    return std::nullopt;
  }
  if (local != nullptr) {
    const std::string& vpc = context.model().vpcs[table.vpc].id;
    if (route.target == RouteTarget::kLocal) {
      context.Error(*destination, *text + " is the local route of vpc " + vpc +
                                      ", which every route table has; remove this route");
      return std::nullopt;
    }
    if (!IsMiddlebox(route.target)) {
      context.Error(*target, *text + " is the local route of vpc " + vpc +
                                 ": AWS lets only a middlebox, an ENI or a NAT gateway, replace "
                                 "its target, not " +
                                 TargetNoun(route) +
                                 "; target the middlebox, or remove the route to keep local");
      return std::nullopt;
    }
    return route;
  }
  if (route.destination_cidr && table.vpc != kNone) {
    const Cidr* block = BlockHolding(context.model().vpcs[table.vpc], *route.destination_cidr);
    if (block != nullptr &&
        !CheckMoreSpecificThanLocal(context, *destination, *target, table, *block, route)) {
      return std::nullopt;
    }
  }
  return route;
}

// Associates route table `index` with the internet gateway `field` names (an edge association),
// or reports why not: an unknown gateway, one of another VPC, one that has a table already.
void AssociateWithGateway(BuildContext& context, YamlReader& r, const YamlField& field,
                          Index index) {
  Model& model = context.model();
  ComponentIndex& components = context.components();
  auto id = r.String(field);
  if (!id) return;  // reported
  if (components.Find(ComponentKind::kVpnGateway, *id) != kNone) {
    context.Error(field,
                  "vpcreach does not model the gateway route tables of virtual private "
                  "gateways yet (ingress routing of on-premises traffic); remove this "
                  "edge association");
    return;
  }
  Index igw = components.Resolve(ComponentKind::kInternetGateway, r, field);
  if (igw == kNone || !components.SameVpc(field, ComponentKind::kInternetGateway, igw,
                                          model.route_tables[index].vpc)) {
    return;
  }
  InternetGateway& gateway = model.internet_gateways[igw];
  if (gateway.route_table != kNone) {
    context.Error(field, "internet gateway " + gateway.id + " is associated with route table " +
                             model.route_tables[gateway.route_table].id +
                             " already; a gateway takes one gateway route table");
    return;
  }
  gateway.route_table = index;
  model.route_tables[index].edge_gateway = igw;
}

// Reports, at its `gateway:` field, a gateway route table that a subnet uses because it is the
// VPC's main table (an explicit association is reported at the subnet): AWS associates a gateway
// route table with no subnet.
void CheckNoSubnetUses(BuildContext& context, const YamlField& gateway, Index table) {
  const Model& model = context.model();
  const RouteTable& t = model.route_tables[table];
  if (t.edge_gateway == kNone) return;
  for (const Subnet& subnet : model.subnets) {
    if (subnet.route_table != table) continue;
    context.Error(gateway, GatewayTableNoun(model, t) + " and the main route table of vpc " +
                               model.vpcs[t.vpc].id + ", which subnet " + subnet.id +
                               " uses; AWS associates a gateway route table with no subnet: "
                               "make another table main, or give the gateway a table of its own");
    return;
  }
}

}  // namespace

WrittenRoutes BuildRouteTables(BuildContext& context) {
  Model& model = context.model();
  ComponentIndex& components = context.components();
  WrittenRoutes routes;
  for (const WrittenComponent& w : components.Written(ComponentKind::kRouteTable)) {
    YamlReader& r = *w.reader;
    Index index = model.route_tables.size();
    RouteTable& table = AddWritten(&model.route_tables, w);
    YamlMap m(r, w.body, {"vpc", "main", "routes", "gateway", "propagating_vgws"});
    if (auto f = m.Require("vpc")) table.vpc = components.Resolve(ComponentKind::kVpc, r, *f);
    routes.push_back(
        WrittenRouteTable{m.Get("routes"), m.Get("gateway"), m.Get("propagating_vgws")});
    if (auto f = m.Get("gateway")) AssociateWithGateway(context, r, *f, index);
    auto f = m.Get("main");
    table.main = f && r.Bool(*f).value_or(false);
    if (!table.main || table.vpc == kNone) continue;
    SetVpcDefault(context, *f, &Vpc::main_route_table, model.route_tables, index,
                  "main route table");
  }
  AddVpcDefaults(context, ComponentKind::kRouteTable, &model.route_tables, &Vpc::main_route_table,
                 "main route table", "-main", [](RouteTable& table, Index) { table.main = true; });
  // Every table starts with the implicit local route of each VPC block.
  for (RouteTable& table : model.route_tables) {
    if (table.vpc == kNone) continue;
    for (const Cidr& c : model.vpcs[table.vpc].cidrs) {
      Route local;
      local.destination_cidr = c;
      local.target = RouteTarget::kLocal;
      local.target_id = "local";
      local.implicit = true;
      local.location = table.location;
      table.routes.push_back(local);
    }
  }
  return routes;
}

void BuildRoutes(BuildContext& context, const WrittenRoutes& routes) {
  Model& model = context.model();
  const std::vector<WrittenComponent>& tables =
      context.components().Written(ComponentKind::kRouteTable);
  for (Index t = 0; t < routes.size(); ++t) {
    YamlReader& r = *tables[t].reader;
    if (routes[t].gateway) CheckNoSubnetUses(context, *routes[t].gateway, t);
    if (!routes[t].routes) continue;
    for (const YamlField& item : r.List(*routes[t].routes).value_or(std::vector<YamlField>{})) {
      RouteTable& table = model.route_tables[t];
      auto route = ReadRoute(context, r, item, table);
      if (!route) continue;
      auto local = std::find_if(table.routes.begin(), table.routes.end(), [&](const Route& x) {
        return x.implicit && x.target == RouteTarget::kLocal && route->destination_cidr &&
               x.destination_cidr == route->destination_cidr;
      });
      if (local != table.routes.end()) {
        *local = *route;  // a middlebox replaces the local route's target
      } else {
        table.routes.push_back(*route);
      }
    }
  }
}

}  // namespace vpcreach
