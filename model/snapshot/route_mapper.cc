// RouteTables (describe-route-tables) as native route_tables, with the subnets' and gateways'
// associations (mapping.h). Runs after the gateways are mapped, so that a route to a gateway
// skipped as not available is written as the blackhole AWS shows for it.
#include <string>

#include "model/cloudformation/mapper_core.h"
#include "model/snapshot/mapping.h"

namespace vpcreach::snapshot {
namespace {

// The members of a describe-route-tables route that name its target, in the order read.
constexpr const char* kTargets[] = {"NetworkInterfaceId",     "NatGatewayId", "TransitGatewayId",
                                    "VpcPeeringConnectionId", "GatewayId",    "InstanceId"};
// Targets that lead out of what vpcreach models.
constexpr const char* kUnfollowedTargets[] = {"CarrierGatewayId", "LocalGatewayId",
                                              "CoreNetworkArn", "EgressOnlyInternetGatewayId"};

void MapRoute(Mapping& m, const std::string& table, const Item& route, GenNode& routes) {
  if (route.Str("GatewayId") == "local") return;                   // the loader adds local routes
  if (route.Str("Origin") == "EnableVgwRoutePropagation") return;  // propagating_vgws
  if (route.Get("DestinationIpv6CidrBlock") != nullptr) {
    m.Ignore(route, table + " route " + route.Str("DestinationIpv6CidrBlock"), "IPv6 route",
             cfn::kIpv6NotModelled, true, cfn::kIpv6Fix);
    return;
  }
  bool prefix_list = route.Get("DestinationPrefixListId") != nullptr;
  // A gateway endpoint's own route: the endpoint's route_tables add it.
  if (prefix_list && route.Str("GatewayId").rfind("vpce-", 0) == 0) return;
  for (const char* key : kUnfollowedTargets) {
    if (route.Get(key) == nullptr) continue;
    m.Ignore(route, table + " route to " + route.Str(key), "route",
             std::string("routes to a ") + key + " are not followed", true);
    return;
  }
  const char* destination_key = prefix_list ? "DestinationPrefixListId" : "DestinationCidrBlock";
  if (route.Get(destination_key) == nullptr) {
    m.Error(route.Origin(),
            "a route needs DestinationCidrBlock or DestinationPrefixListId; "
            "collect this file again with `aws ec2 describe-route-tables`");
    return;
  }
  GenNode r = GenNode::Map(LineOrigin{});
  r.Set("destination",
        GenNode::Scalar(route.Str(destination_key), route.OriginOf(destination_key)));
  std::string target;
  LineOrigin target_origin;
  for (const char* key : kTargets) {
    if (route.Get(key) == nullptr) continue;
    target = route.Str(key);
    target_origin = route.OriginOf(key);
    break;
  }
  if (target.empty()) {
    m.Error(route.Origin(),
            "a route without a target (GatewayId, NatGatewayId, ...); collect "
            "this file again with `aws ec2 describe-route-tables`");
    return;
  }
  if (route.Str("State") == "blackhole" || m.Skipped(target) ||
      m.ids("unfollowed_peering").count(target)) {
    target = "blackhole";
    target_origin = route.OriginOf("State");
  }
  r.Set("target", GenNode::Scalar(target, target_origin));
  routes.items.push_back(std::move(r));
}

}  // namespace

void MapRouteTables(Mapping& m) {
  for (const Item& rt : m.Items("RouteTables")) {
    auto id = m.Require(rt, "RouteTableId", "aws ec2 describe-route-tables");
    if (!id || !m.Require(rt, "VpcId", "aws ec2 describe-route-tables")) continue;
    GenNode& node = m.Component("route_tables", *id, rt.OriginOf("RouteTableId"));
    Mapping::Copy(rt, "VpcId", node, "vpc");
    GenNode routes = GenNode::List(rt.OriginOf("Routes"));
    for (const Item& route : rt.List("Routes")) MapRoute(m, *id, route, routes);
    node.Set("routes", std::move(routes));
    GenNode vgws = GenNode::List(rt.OriginOf("PropagatingVgws"));
    for (const Item& p : rt.List("PropagatingVgws")) {
      if (m.Skipped(p.Str("GatewayId"))) continue;
      vgws.items.push_back(GenNode::Scalar(p.Str("GatewayId"), p.OriginOf("GatewayId")));
    }
    if (!vgws.items.empty()) node.Set("propagating_vgws", std::move(vgws));
    for (const Item& a : rt.List("Associations")) {
      std::string state = a.Child("AssociationState").Str("State");
      if (!state.empty() && state != "associated") continue;
      if (a.Str("Main") == "true") node.Set("main", GenNode::Scalar("true", a.OriginOf("Main")));
      std::string subnet = a.Str("SubnetId");
      if (!subnet.empty() && m.Has("subnets", subnet)) {
        m.Component("subnets", subnet, LineOrigin{})
            .Set("route_table", GenNode::Scalar(*id, a.OriginOf("RouteTableId")));
      }
      std::string gateway = a.Str("GatewayId");
      if (!gateway.empty()) node.Set("gateway", GenNode::Scalar(gateway, a.OriginOf("GatewayId")));
    }
  }
}

}  // namespace vpcreach::snapshot
