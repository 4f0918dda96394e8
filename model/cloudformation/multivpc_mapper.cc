#include "model/cloudformation/multivpc_mapper.h"

#include <string>

namespace vpcreach::cfn {

namespace {

// Whether the peer that `res` names by `peer_key` (a resource of type `peer_type`, a `noun`) is
// in the scenario's region and stacks; else `res` is not followed (a warning that voids proofs)
// and references to it stay quiet.
bool PeerModelled(MapperCore& core, const Res& res, const char* peer_key, const char* peer_type,
                  const std::string& noun) {
  const CfnValue* region = res.Prop("PeerRegion");
  if (region != nullptr && region->IsScalar() && region->text() != core.region()) {
    core.IgnoreUnfollowed(res, "its peer " + noun + " is in region " + region->text() +
                                   ", and vpcreach models one region");
    core.MarkUnmapped(res.id);
    return false;
  }
  const CfnValue* peer = res.Prop(peer_key);
  if (peer != nullptr && peer->IsScalar()) {
    const Res* found = core.FindResource(peer->text());
    if (found == nullptr || found->type() != peer_type) {
      core.IgnoreUnfollowed(res, "its peer " + noun + " " + peer->text() +
                                     " is not in the scenario's stacks (another account's or "
                                     "stack's)");
      core.MarkUnmapped(res.id);
      return false;
    }
  }
  return true;
}

}  // namespace

void MapPeeringConnection(MapperCore& core, const Res& res) {
  if (!PeerModelled(core, res, "PeerVpcId", "AWS::EC2::VPC", "VPC")) return;
  GenNode& pcx = core.Add("peering_connections", res);
  MapperCore::SetScalar(pcx, "requester", core.Scalar(res, "VpcId", true));
  MapperCore::SetScalar(pcx, "accepter", core.Scalar(res, "PeerVpcId", true));
}

bool IsTransitGatewayComponent(const std::string& type) {
  return type == kTransitGateway || type == kTransitGatewayAttachment ||
         type == kTransitGatewayVpcAttachment || type == kTransitGatewayRouteTable ||
         type == kTransitGatewayPeeringAttachment;
}

bool IsTransitGatewayAttachment(const std::string& type) {
  return type == kTransitGatewayAssociation || type == kTransitGatewayPropagation ||
         type == kTransitGatewayRoute;
}

namespace {

// "enable" / "disable" as the scenario's true / false (AWS's default when absent: `fallback`).
std::string Enabled(const Res& res, const std::string& key, bool fallback) {
  const CfnValue* v = res.Prop(key);
  if (v == nullptr || !v->IsScalar()) return fallback ? "true" : "false";
  return Lower(v->text()) == "disable" ? "false" : "true";
}

// AWS::EC2::TransitGatewayPeeringAttachment: `TransitGatewayId` requests, `PeerTransitGatewayId`
// accepts; a peer in another region or outside the stacks is not followed (as a VPC peering's).
void MapTransitGatewayPeering(MapperCore& core, const Res& res) {
  if (!PeerModelled(core, res, "PeerTransitGatewayId", kTransitGateway, "transit gateway")) return;
  GenNode& attachment = core.Add("transit_gateway_attachments", res);
  MapperCore::SetScalar(attachment, "transit_gateway", core.Scalar(res, "TransitGatewayId", true));
  MapperCore::SetScalar(attachment, "peer_transit_gateway",
                        core.Scalar(res, "PeerTransitGatewayId", true));
}

}  // namespace

void MapTransitGatewayComponent(MapperCore& core, const Res& res) {
  const std::string& type = res.type();
  if (type == kTransitGateway) {
    GenNode& tgw = core.Add("transit_gateways", res);
    tgw.Set("default_route_table_association",
            GenNode::Scalar(Enabled(res, "DefaultRouteTableAssociation", true),
                            MapperCore::OriginOf(res)));
    tgw.Set("default_route_table_propagation",
            GenNode::Scalar(Enabled(res, "DefaultRouteTablePropagation", true),
                            MapperCore::OriginOf(res)));
  } else if (type == kTransitGatewayPeeringAttachment) {
    MapTransitGatewayPeering(core, res);
  } else if (type == kTransitGatewayRouteTable) {
    GenNode& table = core.Add("transit_gateway_route_tables", res);
    MapperCore::SetScalar(table, "transit_gateway", core.Scalar(res, "TransitGatewayId", true));
  } else {
    GenNode& attachment = core.Add("transit_gateway_attachments", res);
    MapperCore::SetScalar(attachment, "transit_gateway",
                          core.Scalar(res, "TransitGatewayId", true));
    MapperCore::SetScalar(attachment, "vpc", core.Scalar(res, "VpcId", true));
    if (const CfnValue* subnets = res.Prop("SubnetIds")) {
      if (auto list = core.StringList(res, subnets)) attachment.Set("subnets", std::move(*list));
    } else {
      core.Missing(res, "SubnetIds");
    }
    const CfnValue* appliance = Field(res.Prop("Options"), "ApplianceModeSupport");
    if (appliance != nullptr && appliance->IsScalar() && Lower(appliance->text()) == "enable") {
      attachment.Set("appliance_mode", GenNode::Scalar("true", MapperCore::OriginOf(res, *appliance)));
    }
  }
}

void MapTransitGatewayAttachment(MapperCore& core, const Res& res) {
  const std::string& type = res.type();
  auto table = core.StackReference(res, "TransitGatewayRouteTableId", kTransitGatewayRouteTable,
                                   "transit gateway route table");
  if (type == kTransitGatewayRoute) {
    auto destination = core.Scalar(res, "DestinationCidrBlock", true);
    if (!table || !destination) return;
    GenNode route = GenNode::Map(MapperCore::OriginOf(res));
    route.Set("destination", std::move(*destination));
    const CfnValue* blackhole = res.Prop("Blackhole");
    if (blackhole != nullptr && Lower(blackhole->text()) == "true") {
      route.Set("blackhole", GenNode::Scalar("true", MapperCore::OriginOf(res, *blackhole)));
    } else if (auto attachment = core.Scalar(res, "TransitGatewayAttachmentId", true)) {
      if (core.Unmapped(attachment->text)) return;  // reported with the attachment itself
      route.Set("attachment", std::move(*attachment));
    } else {
      return;
    }
    GenNode* component = core.Component("transit_gateway_route_tables", table->first.text);
    if (component == nullptr) return;
    GenNode* routes = component->Find("routes");
    if (routes == nullptr) routes = &component->Set("routes", GenNode::List(route.origin));
    routes->items.push_back(std::move(route));
    return;
  }
  auto attachment = core.Scalar(res, "TransitGatewayAttachmentId", true);
  if (!table || !attachment || core.Unmapped(attachment->text)) return;
  GenNode* component = core.Component("transit_gateway_attachments", attachment->text);
  if (component == nullptr) {
    core.Error(res, *res.Prop("TransitGatewayAttachmentId"),
               "'" + attachment->text + "' is not a transit gateway attachment of the "
               "scenario's stacks");
    return;
  }
  if (type == kTransitGatewayAssociation) {
    // A peering attachment is associated on each side: the table's gateway says which.
    const char* key = "route_table";
    GenNode* peer = component->Find("peer_transit_gateway");
    GenNode* owner = core.Component("transit_gateway_route_tables", table->first.text);
    if (peer != nullptr && owner != nullptr && owner->Find("transit_gateway") != nullptr &&
        owner->Find("transit_gateway")->text == peer->text) {
      key = "peer_route_table";
    }
    if (GenNode* earlier = component->Find(key)) {
      core.Error(res, *res.Prop("TransitGatewayAttachmentId"),
                 "transit gateway attachment " + attachment->text +
                     " is associated with route table " + earlier->text +
                     " already; an attachment is associated with one route table");
      return;
    }
    component->Set(key, std::move(table->first));
    return;
  }
  GenNode* list = component->Find("propagate_to");
  if (list == nullptr) list = &component->Set("propagate_to", GenNode::List(table->first.origin));
  list->items.push_back(std::move(table->first));
}

}  // namespace vpcreach::cfn
