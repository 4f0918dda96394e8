// Transit gateways (describe-transit-gateways, -route-tables, -vpc-attachments, -attachments,
// their static routes and propagations) and Site-to-Site VPN (describe-vpn-gateways,
// -customer-gateways, -vpn-connections) as native sections (mapping.h).
//
// The route tables, associations and propagations are written as the describes show them, so
// the gateway's default association and propagation are off in the native document (they
// already happened in the account). Static routes and propagations are read in the shape Batfish
// collects (`TransitGatewayStaticRoutes`: a table id and the `Routes` of
// search-transit-gateway-routes; `TransitGatewayPropagations`: a table id and the output of
// get-transit-gateway-route-table-propagations).
#include <string>

#include "model/snapshot/mapping.h"

namespace vpcreach::snapshot {
namespace {

void MapTransitGateways(Mapping& m) {
  for (const Item& tgw : m.Items("TransitGateways")) {
    auto id = m.Require(tgw, "TransitGatewayId", "aws ec2 describe-transit-gateways");
    if (!id || !m.Live(tgw, *id, "transit gateway", tgw.Str("State"), {"available"})) continue;
    GenNode& node = m.Component("transit_gateways", *id, tgw.OriginOf("TransitGatewayId"));
    node.Set("default_route_table_association", GenNode::Scalar("false", LineOrigin{}));
    node.Set("default_route_table_propagation", GenNode::Scalar("false", LineOrigin{}));
  }
  for (const Item& rt : m.Items("TransitGatewayRouteTables")) {
    auto id = m.Require(rt, "TransitGatewayRouteTableId",
                        "aws ec2 describe-transit-gateway-route-tables");
    if (!id || !m.Live(rt, *id, "transit gateway route table", rt.Str("State"), {"available"}))
      continue;
    if (m.Skipped(rt.Str("TransitGatewayId"))) continue;
    GenNode& node =
        m.Component("transit_gateway_route_tables", *id, rt.OriginOf("TransitGatewayRouteTableId"));
    Mapping::Copy(rt, "TransitGatewayId", node, "transit_gateway");
  }
  for (const Item& att : m.Items("TransitGatewayVpcAttachments")) {
    auto id = m.Require(att, "TransitGatewayAttachmentId",
                        "aws ec2 describe-transit-gateway-vpc-attachments");
    if (!id || !m.Live(att, *id, "transit gateway attachment", att.Str("State"), {"available"}))
      continue;
    if (!m.Require(att, "VpcId", "aws ec2 describe-transit-gateway-vpc-attachments")) continue;
    GenNode& node =
        m.Component("transit_gateway_attachments", *id, att.OriginOf("TransitGatewayAttachmentId"));
    Mapping::Copy(att, "TransitGatewayId", node, "transit_gateway");
    Mapping::Copy(att, "VpcId", node, "vpc");
    node.Set("subnets", att.Strings("SubnetIds"));
    Item options = att.Child("Options");
    if (options.Str("ApplianceModeSupport") == "enable") {
      node.Set("appliance_mode", GenNode::Scalar("true", options.OriginOf("ApplianceModeSupport")));
    }
  }
  for (const Item& att : m.Items("TransitGatewayAttachments")) {
    std::string id = att.Str("TransitGatewayAttachmentId");
    std::string type = att.Str("ResourceType");
    if (att.Str("State") != "available") continue;  // skipped: AWS routes around it
    if (type == "vpc") {
      Item association = att.Child("Association");
      if (m.Has("transit_gateway_attachments", id) && association.Str("State") == "associated") {
        m.Component("transit_gateway_attachments", id, LineOrigin{})
            .Set("route_table",
                 GenNode::Scalar(association.Str("TransitGatewayRouteTableId"),
                                 association.OriginOf("TransitGatewayRouteTableId")));
      }
      continue;
    }
    m.Ignore(att, id, "transit gateway " + type + " attachment",
             "transit gateway attachments of type " + type + " are not followed yet", true);
    m.ids("unfollowed_attachment").insert(id);
  }
  for (const Item& p : m.Items("TransitGatewayPropagations")) {
    std::string table = p.Str("TransitGatewayRouteTableId");
    for (const Item& e : p.List("TransitGatewayRouteTablePropagations")) {
      std::string att = e.Str("TransitGatewayAttachmentId");
      if (e.Str("State") != "enabled" || !m.Has("transit_gateway_attachments", att)) continue;
      GenNode& node = m.Component("transit_gateway_attachments", att, LineOrigin{});
      GenNode* to = node.Find("propagate_to");
      if (to == nullptr) to = &node.Set("propagate_to", GenNode::List(LineOrigin{}));
      to->items.push_back(GenNode::Scalar(table, p.OriginOf("TransitGatewayRouteTableId")));
    }
  }
  for (const Item& s : m.Items("TransitGatewayStaticRoutes")) {
    std::string table = s.Str("TransitGatewayRouteTableId");
    if (!m.Has("transit_gateway_route_tables", table)) continue;
    GenNode& node = m.Component("transit_gateway_route_tables", table, LineOrigin{});
    GenNode* routes = node.Find("routes");
    if (routes == nullptr) routes = &node.Set("routes", GenNode::List(s.OriginOf("Routes")));
    for (const Item& r : s.List("Routes")) {
      if (r.Str("Type") == "propagated") continue;  // propagate_to makes these
      GenNode route = GenNode::Map(LineOrigin{});
      Mapping::Copy(r, "DestinationCidrBlock", route, "destination");
      std::vector<Item> targets = r.List("TransitGatewayAttachments");
      std::string att = targets.empty() ? "" : targets.front().Str("TransitGatewayAttachmentId");
      if (r.Str("State") == "blackhole" || att.empty() || m.Skipped(att) ||
          m.ids("unfollowed_attachment").count(att)) {
        route.Set("blackhole", GenNode::Scalar("true", r.OriginOf("State")));
      } else {
        route.Set("attachment",
                  GenNode::Scalar(att, targets.front().OriginOf("TransitGatewayAttachmentId")));
      }
      routes->items.push_back(std::move(route));
    }
  }
}

void MapVpn(Mapping& m) {
  for (const Item& vgw : m.Items("VpnGateways")) {
    auto id = m.Require(vgw, "VpnGatewayId", "aws ec2 describe-vpn-gateways");
    if (!id || !m.Live(vgw, *id, "virtual private gateway", vgw.Str("State"), {"available"}))
      continue;
    GenNode& node = m.Component("vpn_gateways", *id, vgw.OriginOf("VpnGatewayId"));
    for (const Item& a : vgw.List("VpcAttachments")) {
      if (a.Str("State") == "attached") Mapping::Copy(a, "VpcId", node, "vpc");
    }
  }
  for (const Item& cgw : m.Items("CustomerGateways")) {
    auto id = m.Require(cgw, "CustomerGatewayId", "aws ec2 describe-customer-gateways");
    if (!id || !m.Live(cgw, *id, "customer gateway", cgw.Str("State"), {"available"})) continue;
    GenNode& node = m.Component("customer_gateways", *id, cgw.OriginOf("CustomerGatewayId"));
    Mapping::Copy(cgw, "IpAddress", node, "ip_address");
    Mapping::Copy(cgw, "BgpAsn", node, "bgp_asn");
  }
  for (const Item& vpn : m.Items("VpnConnections")) {
    auto id = m.Require(vpn, "VpnConnectionId", "aws ec2 describe-vpn-connections");
    if (!id || !m.Live(vpn, *id, "VPN connection", vpn.Str("State"), {"available"})) continue;
    if (vpn.Get("VpnGatewayId") == nullptr || m.Skipped(vpn.Str("VpnGatewayId")) ||
        m.Skipped(vpn.Str("CustomerGatewayId"))) {
      m.Ignore(vpn, *id, "VPN connection",
               "only VPN connections of a virtual private gateway are followed", true);
      continue;
    }
    GenNode& node = m.Component("vpn_connections", *id, vpn.OriginOf("VpnConnectionId"));
    Mapping::Copy(vpn, "VpnGatewayId", node, "vpn_gateway");
    Mapping::Copy(vpn, "CustomerGatewayId", node, "customer_gateway");
    bool is_static = vpn.Child("Options").Str("StaticRoutesOnly") == "true";
    node.Set("static_routes_only",
             GenNode::Scalar(is_static ? "true" : "false",
                             vpn.Child("Options").OriginOf("StaticRoutesOnly")));
    std::vector<Item> telemetry = vpn.List("VgwTelemetry");
    bool any_up = false;
    if (telemetry.size() == 2) {
      GenNode tunnels = GenNode::List(vpn.OriginOf("VgwTelemetry"));
      for (const Item& t : telemetry) {
        bool up = t.Str("Status") == "UP";
        any_up = any_up || up;
        tunnels.items.push_back(GenNode::Scalar(up ? "up" : "down", t.OriginOf("Status")));
      }
      node.Set("tunnels", std::move(tunnels));
    } else {
      any_up = true;
    }
    if (is_static) {
      GenNode routes = GenNode::List(vpn.OriginOf("Routes"));
      for (const Item& r : vpn.List("Routes")) {
        if (r.Str("State") != "available") continue;
        routes.items.push_back(
            GenNode::Scalar(r.Str("DestinationCidrBlock"), r.OriginOf("DestinationCidrBlock")));
      }
      node.Set("static_routes", std::move(routes));
    } else if (!any_up) {
      // What a BGP connection would learn is not in the describes; with every tunnel down it
      // carries nothing whatever it is, and this prefix only lets questions name its gateway
      // (every answer through it is VPN_TUNNEL_DOWN).
      GenNode prefixes = GenNode::List(vpn.OriginOf("VgwTelemetry"));
      prefixes.items.push_back(GenNode::Scalar("0.0.0.0/0", vpn.OriginOf("VgwTelemetry")));
      node.Set("bgp_prefixes", std::move(prefixes));
    } else {
      m.Ignore(vpn, *id, "VPN connection",
               "it routes by BGP, and the prefixes the customer gateway advertises are not in "
               "the describe output",
               true,
               "write the on-premises prefixes in a scenario beside the snapshot (a "
               "vpn_connections entry with bgp_prefixes), or route the connection statically");
    }
  }
}

}  // namespace

void MapTransit(Mapping& m) {
  MapTransitGateways(m);
  MapVpn(m);
}

}  // namespace vpcreach::snapshot
