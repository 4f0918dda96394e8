#include "model/cloudformation/vpn_mapper.h"

#include <utility>

namespace vpcreach::cfn {
namespace {

// Appends `item` to the list `key` of `component`, creating it.
void Append(GenNode& component, const char* key, GenNode item) {
  GenNode* list = component.Find(key);
  if (list == nullptr) list = &component.Set(key, GenNode::List(item.origin));
  list->items.push_back(std::move(item));
}

bool IsTrue(const CfnValue* v) {
  return v != nullptr && v->IsScalar() && Lower(v->text()) == "true";
}

}  // namespace

bool IsVpnComponent(const std::string& type) {
  return type == kVpnGateway || type == kCustomerGateway || type == kVpnConnection;
}

bool IsVpnAttachment(const std::string& type) {
  return type == kVpnConnectionRoute || type == kVpnGatewayRoutePropagation;
}

void MapVpnComponent(MapperCore& core, const Res& res) {
  const std::string& type = res.type();
  if (type == kVpnGateway) {
    core.Add("vpn_gateways", res);  // attached by an AWS::EC2::VPCGatewayAttachment
    return;
  }
  if (type == kCustomerGateway) {
    GenNode& cgw = core.Add("customer_gateways", res);
    MapperCore::SetScalar(cgw, "ip_address", core.Scalar(res, "IpAddress", false));
    return;
  }
  if (res.Prop("TransitGatewayId") != nullptr) {
    core.IgnoreUnfollowed(res,
                          "it connects on-premises networks to a transit gateway, and "
                          "vpcreach does not model transit gateway VPN attachments yet");
    core.MarkUnmapped(res.id);
    return;
  }
  GenNode& c = core.Add("vpn_connections", res);
  MapperCore::SetScalar(c, "vpn_gateway", core.Scalar(res, "VpnGatewayId", true));
  MapperCore::SetScalar(c, "customer_gateway", core.Scalar(res, "CustomerGatewayId", true));
  const CfnValue* routing = res.Prop("StaticRoutesOnly");
  bool static_only = IsTrue(routing);
  c.Set("static_routes_only",
        GenNode::Scalar(static_only ? "true" : "false", routing != nullptr
                                                            ? MapperCore::OriginOf(res, *routing)
                                                            : MapperCore::OriginOf(res)));
  if (!static_only) {
    core.IgnoreUnfollowed(
        res,
        "it routes by BGP, and the on-premises prefixes its customer gateway advertises are not "
        "in the template",
        "route it statically (StaticRoutesOnly: true, with an AWS::EC2::VPNConnectionRoute for "
        "each on-premises prefix), or write the connection in the scenario with its "
        "bgp_prefixes");
  }
}

void MapVpnAttachment(MapperCore& core, const Res& res) {
  if (res.type() == kVpnConnectionRoute) {
    auto connection = core.StackReference(res, "VpnConnectionId", kVpnConnection, "VPN connection");
    auto destination = core.Scalar(res, "DestinationCidrBlock", true);
    if (!connection || !destination) return;
    GenNode* component = core.Component("vpn_connections", connection->first.text);
    if (component == nullptr) return;
    if (!IsTrue(connection->second->Prop("StaticRoutesOnly"))) {
      core.Error(res, *res.Prop("VpnConnectionId"),
                 "VPN connection " + connection->first.text +
                     " routes by BGP (its StaticRoutesOnly is not true); AWS accepts a "
                     "VPNConnectionRoute only on a connection with static routing");
      return;
    }
    Append(*component, "static_routes", std::move(*destination));
    return;
  }
  auto vgw = core.StackReference(res, "VpnGatewayId", kVpnGateway, "virtual private gateway");
  const CfnValue* tables = res.Prop("RouteTableIds");
  if (tables == nullptr) {
    core.Missing(res, "RouteTableIds");
    return;
  }
  if (!tables->IsList()) {
    core.Error(res, *tables, "expected a list of route table ids, got " + tables->Describe());
    return;
  }
  if (!vgw) return;
  for (const CfnValue& item : tables->items()) {
    auto table = core.ScalarOf(res, item);
    if (!table) continue;
    GenNode* component = core.Component("route_tables", table->text);
    if (component == nullptr) {
      core.Error(res, item, "'" + table->text + "' is not a route table of the scenario's stacks");
      continue;
    }
    GenNode gateway = vgw->first;
    gateway.origin = table->origin;
    Append(*component, "propagating_vgws", std::move(gateway));
  }
}

void MapVpnGatewayAttachment(MapperCore& core, const Res& res) {
  auto vgw = core.StackReference(res, "VpnGatewayId", kVpnGateway, "virtual private gateway");
  auto vpc = core.Scalar(res, "VpcId", true);
  if (!vgw || !vpc) return;
  GenNode* component = core.Component("vpn_gateways", vgw->first.text);
  if (component == nullptr) return;
  if (GenNode* earlier = component->Find("vpc")) {
    core.Error(res, *res.Prop("VpnGatewayId"),
               "virtual private gateway " + vgw->first.text + " is attached to " + earlier->text +
                   " already; a virtual private gateway attaches to one VPC");
    return;
  }
  component->Set("vpc", std::move(*vpc));
}

}  // namespace vpcreach::cfn
