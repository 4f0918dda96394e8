#include "model/terraform/vpn_mapper.h"

#include <set>
#include <utility>

namespace vpcreach::tf {
namespace {

constexpr const char* kGateway = "aws_vpn_gateway";
constexpr const char* kCustomerGateway = "aws_customer_gateway";
constexpr const char* kConnection = "aws_vpn_connection";

const std::set<std::string> kTypes = {
    kGateway,    "aws_vpn_gateway_attachment", kCustomerGateway,
    kConnection, "aws_vpn_connection_route",   "aws_vpn_gateway_route_propagation"};

// Appends `item` to the list `key` of `component`, unless it is there already.
void Append(GenNode& component, const char* key, GenNode item) {
  GenNode* list = component.Find(key);
  if (list == nullptr) list = &component.Set(key, GenNode::List(item.origin));
  for (const GenNode& existing : list->items) {
    if (existing.text == item.text) return;
  }
  list->items.push_back(std::move(item));
}

void MapGateway(MapperContext& c, const Resource& r) {
  GenNode& vgw = c.Add("vpn_gateways", r);
  if (r.Value("vpc_id") != nullptr || r.Expression("vpc_id") != nullptr) {
    // A `local.` tie falls back on what can be proved (the module's only VPC), as for subnets.
    if (auto vpc = c.VpcOf(r)) vgw.Set("vpc", std::move(*vpc));
  }
}

void MapGatewayAttachment(MapperContext& c, const Resource& r) {
  auto vgw = c.TieOne(r, "vpn_gateway_id", {kGateway}, "virtual private gateway", true);
  auto vpc = c.TieOne(r, "vpc_id", kVpcTypes, "VPC", true);
  if (!vgw || !vpc) return;
  GenNode* component = c.Component("vpn_gateways", vgw->text);
  if (component == nullptr) return;
  if (GenNode* earlier = component->Find("vpc"); earlier != nullptr) {
    if (earlier->text == vpc->text) return;  // vpc_id and an attachment of the same VPC
    c.Error(c.At(r, "vpc_id"), r.address + ": virtual private gateway " + vgw->text +
                                   " is attached to " + earlier->text +
                                   " already; a virtual private gateway attaches to one VPC");
    return;
  }
  component->Set("vpc", std::move(*vpc));
}

void MapConnection(MapperContext& c, const Resource& r) {
  if (r.Value("transit_gateway_id") != nullptr || r.Expression("transit_gateway_id") != nullptr) {
    c.Ignore(r,
             "it connects on-premises networks to a transit gateway, and vpcreach does not "
             "model transit gateway VPN attachments yet",
             true);
    c.ignored().back().unfollowed = true;
    return;
  }
  auto vgw = c.TieOne(r, "vpn_gateway_id", {kGateway}, "virtual private gateway", true);
  auto cgw = c.TieOne(r, "customer_gateway_id", {kCustomerGateway}, "customer gateway", true);
  if (!vgw || !cgw) return;
  GenNode& connection = c.Add("vpn_connections", r);
  connection.Set("vpn_gateway", std::move(*vgw));
  connection.Set("customer_gateway", std::move(*cgw));
  const CfnValue* routing = r.Value("static_routes_only");
  bool static_only = IsTrue(routing);
  connection.Set("static_routes_only",
                 GenNode::Scalar(static_only ? "true" : "false",
                                 MapperContext::OriginOf(routing != nullptr ? *routing : *r.node)));
  const CfnValue* telemetry = r.Value("vgw_telemetry");
  if (telemetry != nullptr && telemetry->IsList() && telemetry->items().size() == 2) {
    GenNode tunnels = GenNode::List(MapperContext::OriginOf(*telemetry));
    for (const CfnValue& t : telemetry->items()) {
      const CfnValue* status = Member(&t, "status");
      bool down = status != nullptr && status->text() == "DOWN";
      tunnels.items.push_back(GenNode::Scalar(down ? "down" : "up", MapperContext::OriginOf(t)));
    }
    connection.Set("tunnels", std::move(tunnels));
  }
  if (!static_only) {
    c.Ignore(r,
             "it routes by BGP, and the on-premises prefixes its customer gateway advertises are "
             "not in the Terraform document",
             true, "",
             "route it statically (static_routes_only = true, with an aws_vpn_connection_route "
             "for each on-premises prefix), or write the connection in a scenario with its "
             "bgp_prefixes");
    c.ignored().back().unfollowed = true;
  }
}

void MapConnectionRoute(MapperContext& c, const Resource& r) {
  auto connection = c.TieOne(r, "vpn_connection_id", {kConnection}, "VPN connection", true);
  const CfnValue* destination = r.Value("destination_cidr_block");
  if (!connection) return;
  if (destination == nullptr) {
    c.Error(*r.node, r.address +
                         ": its destination_cidr_block is unknown until apply; vpcreach "
                         "needs the on-premises prefix: plan it with a literal block");
    return;
  }
  GenNode* component = c.Component("vpn_connections", connection->text);
  if (component == nullptr) return;  // not modelled (to a transit gateway): listed already
  GenNode* routing = component->Find("static_routes_only");
  if (routing == nullptr || routing->text != "true") {
    c.Error(c.At(r, "vpn_connection_id"),
            r.address + ": VPN connection " + connection->text +
                " routes by BGP (its static_routes_only is not true); AWS accepts a static "
                "route only on a connection with static routing");
    return;
  }
  Append(*component, "static_routes", MapperContext::Scalar(*destination));
}

// A propagation from `vgw` (an address node) into route table `table` (an address node).
void Propagate(MapperContext& c, GenNode vgw, const GenNode& table) {
  GenNode* component = c.Component("route_tables", table.text);
  if (component == nullptr) return;
  vgw.origin = table.origin;
  Append(*component, "propagating_vgws", std::move(vgw));
}

}  // namespace

bool IsVpnType(const std::string& type) { return kTypes.count(type) > 0; }

void MapVpn(MapperContext& c) {
  for (const Resource& r : c.doc().resources()) {
    if (r.type == kGateway) MapGateway(c, r);
    if (r.type == kCustomerGateway) {
      GenNode& cgw = c.Add("customer_gateways", r);
      if (auto ip = c.Known(r, "ip_address")) cgw.Set("ip_address", std::move(*ip));
      if (auto asn = c.Known(r, "bgp_asn")) cgw.Set("bgp_asn", std::move(*asn));
    }
  }
  for (const Resource& r : c.doc().resources()) {
    if (r.type == "aws_vpn_gateway_attachment") MapGatewayAttachment(c, r);
    if (r.type == kConnection) MapConnection(c, r);
  }
  for (const Resource& r : c.doc().resources()) {
    if (r.type == "aws_vpn_connection_route") MapConnectionRoute(c, r);
    if (r.type == "aws_vpn_gateway_route_propagation") {
      auto vgw = c.TieOne(r, "vpn_gateway_id", {kGateway}, "virtual private gateway", true);
      auto table = c.TieOne(r, "route_table_id", kRouteTableTypes, "route table", true);
      if (vgw && table) Propagate(c, std::move(*vgw), *table);
    }
    if (r.type == "aws_route_table" || r.type == "aws_default_route_table") {
      const CfnValue* v = r.Value("propagating_vgws");
      if ((v == nullptr || !v->IsList() || v->items().empty()) &&
          r.Expression("propagating_vgws") == nullptr) {
        continue;
      }
      GenNode table =
          GenNode::Scalar(r.address, MapperContext::OriginOf(c.At(r, "propagating_vgws")));
      for (GenNode& vgw : c.TieMany(r, "propagating_vgws", {kGateway}, "virtual private gateway")) {
        Propagate(c, std::move(vgw), table);
      }
    }
  }
}

}  // namespace vpcreach::tf
