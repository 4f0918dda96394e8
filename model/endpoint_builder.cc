#include "model/endpoint_builder.h"

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "model/security_builder.h"
#include "model/workload_builder.h"

namespace vpcreach {
namespace {

using StringItems = std::vector<std::pair<std::string, YamlField>>;

// Adds the prefix-list route of gateway endpoint `index` to each table of `tables`.
void AddGatewayRoutes(BuildContext& context, YamlReader& r, const YamlField& tables, Index index) {
  Model& model = context.model();
  ComponentIndex& components = context.components();
  VpcEndpoint& endpoint = model.vpc_endpoints[index];
  for (const auto& [name, item] : r.StringList(tables).value_or(StringItems{})) {
    Index t = components.Resolve(ComponentKind::kRouteTable, r, item);
    if (t == kNone || !components.SameVpc(item, ComponentKind::kRouteTable, t, endpoint.vpc)) {
      continue;
    }
    RouteTable& table = model.route_tables[t];
    if (table.edge_gateway != kNone) {
      const std::string& igw = model.internet_gateways[table.edge_gateway].id;
      context.Error(item, "route table " + table.id +
                              " is the gateway route table of internet gateway " + igw +
                              ", which takes no gateway endpoint route");
      continue;
    }
    auto same = std::find_if(table.routes.begin(), table.routes.end(), [&](const Route& x) {
      return x.destination_prefix_list == endpoint.prefix_list;
    });
    if (same != table.routes.end()) {
      context.Error(item, "route table " + table.id + " already has gateway endpoint " +
                              same->target_id + " for " + endpoint.service);
      continue;
    }
    Route route;
    route.destination_prefix_list = endpoint.prefix_list;
    route.target = RouteTarget::kGatewayEndpoint;
    route.target_index = index;
    route.target_id = endpoint.id;
    route.implicit = true;
    route.location = item.location;
    table.routes.push_back(route);
    endpoint.route_tables.push_back(t);
  }
}

// Places interface endpoint `index` in the subnets `subnets` lists, one ENI each.
void PlaceInterfaceEndpoint(BuildContext& context, YamlReader& r, const YamlMap& m,
                            const YamlField& subnets, Index index) {
  Model& model = context.model();
  ComponentIndex& components = context.components();
  VpcEndpoint& endpoint = model.vpc_endpoints[index];
  auto names = r.StringList(subnets).value_or(StringItems{});
  if (subnets.IsSequence() && names.empty()) {
    context.Error(subnets, "an interface endpoint needs at least one subnet");
  }
  struct Placement {
    size_t position;  // in the list: the n of `<endpoint>/eni-<n>`
    Index subnet;
    YamlField item;
  };
  std::vector<Placement> placed;
  for (size_t n = 0; n < names.size(); ++n) {
    const auto& [name, item] = names[n];
    Index s = components.Resolve(ComponentKind::kSubnet, r, item);
    if (s == kNone || !components.SameVpc(item, ComponentKind::kSubnet, s, endpoint.vpc)) continue;
    auto same_az = std::find_if(placed.begin(), placed.end(), [&](const Placement& p) {
      return model.subnets[p.subnet].az == model.subnets[s].az;
    });
    if (same_az != placed.end()) {
      context.Error(item, "subnet " + name + " is in " + model.subnets[s].az + " like subnet " +
                              model.subnets[same_az->subnet].id +
                              "; an interface endpoint takes one subnet per availability zone");
      continue;
    }
    placed.push_back(Placement{n, s, item});
  }
  endpoint.security_groups = ReadSecurityGroups(context, r, m.Get("security_groups"), endpoint.vpc);
  for (const Placement& p : placed) {
    endpoint.subnets.push_back(p.subnet);
    // AddOwnedEni appends to Model::enis only, so `endpoint` stays valid.
    endpoint.enis.push_back(AddOwnedEni(context, endpoint.id + "/eni-" + std::to_string(p.position),
                                        p.subnet, endpoint.security_groups,
                                        EniOwner::kInterfaceEndpoint, index, p.item.location,
                                        AddressPlan::kEndpointEni, p.item.path));
  }
}

}  // namespace

void BuildVpcEndpoints(BuildContext& context) {
  Model& model = context.model();
  ComponentIndex& components = context.components();
  for (const WrittenComponent& w : components.Written(ComponentKind::kVpcEndpoint)) {
    YamlReader& r = *w.reader;
    Index index = model.vpc_endpoints.size();
    VpcEndpoint& endpoint = AddWritten(&model.vpc_endpoints, w);
    YamlMap m(r, w.body, {"vpc", "service", "type", "route_tables", "subnets", "security_groups",
                          "private_dns", "policy"});
    if (auto f = m.Require("vpc")) endpoint.vpc = components.Resolve(ComponentKind::kVpc, r, *f);
    if (auto f = m.Require("service")) endpoint.service = r.String(*f).value_or("");
    if (auto f = m.Get("type")) {
      auto type = r.String(*f);
      if (type == "interface") {
        endpoint.type = EndpointType::kInterface;
      } else if (type && type != "gateway") {
        context.Error(*f, "expected gateway or interface, got '" + *type + "'");
        continue;
      }
    }
    bool gateway = endpoint.type == EndpointType::kGateway;
    // Policies decide which calls succeed, not which packets pass: recorded, not modelled.
    if (auto f = m.Get("policy")) endpoint.policy = f->location;
    // EC2's CreateVpcEndpoint enables private DNS for an AWS service unless told not to.
    endpoint.private_dns = !gateway;
    if (auto f = m.Get("private_dns"); f && !gateway) {
      if (auto on = r.Bool(*f)) endpoint.private_dns = *on;
    }
    for (const char* key : {"route_tables", "subnets", "security_groups", "private_dns"}) {
      bool gateway_key = std::string(key) == "route_tables";
      if (m.Has(key) && gateway != gateway_key) {
        context.Error(m.KeyLocation(key), w.body.Child(key),
                      std::string(key) +
                          (std::string(key) == "private_dns" ? " applies" : " apply") + " only to " +
                          (gateway_key ? "gateway" : "interface") + " endpoints");
      }
    }
    if (!gateway) {
      if (auto f = m.Require("subnets")) PlaceInterfaceEndpoint(context, r, m, *f, index);
      continue;
    }
    const Service* service = model.FindService(endpoint.service);
    auto f = m.Get("service");
    if (f && !endpoint.service.empty() && !(service && service->has_gateway_endpoint)) {
      if (endpoint.service == "s3" || endpoint.service == "dynamodb") {
        context.Error(*f, "the built-in catalog has no " + endpoint.service + " ranges for " +
                              model.region + "; define them under services:");
      } else {
        context.Error(*f, "service '" + endpoint.service +
                              "' has no gateway endpoint; gateway endpoints exist for s3 and "
                              "dynamodb");
      }
      continue;
    }
    if (!service) continue;
    endpoint.prefix_list = model.FindPrefixList("pl-" + endpoint.service);
    if (auto tables = m.Get("route_tables")) AddGatewayRoutes(context, r, *tables, index);
  }
}

}  // namespace vpcreach
