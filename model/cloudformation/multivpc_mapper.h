// The stacks' resources that connect VPCs to each other (stack_mapper.cc calls these): VPC
// peering connections, written as the scenario's `peering_connections:`, and transit gateways
// with their attachments and route tables (`transit_gateways:`, `transit_gateway_attachments:`,
// `transit_gateway_route_tables:`).
//
// Internal to model/cloudformation, like mapper_core.h.
#ifndef VPCREACH_MODEL_CLOUDFORMATION_MULTIVPC_MAPPER_H_
#define VPCREACH_MODEL_CLOUDFORMATION_MULTIVPC_MAPPER_H_

#include "model/cloudformation/mapper_core.h"

namespace vpcreach::cfn {

inline constexpr char kVpcPeeringConnection[] = "AWS::EC2::VPCPeeringConnection";

// AWS::EC2::VPCPeeringConnection: `VpcId` requests, `PeerVpcId` accepts. A peer in another
// region (`PeerRegion`) or outside the stacks is not modelled: a warning (the resource shapes
// reachability), and routes to it are left out with it.
void MapPeeringConnection(MapperCore& core, const Res& res);

inline constexpr char kTransitGateway[] = "AWS::EC2::TransitGateway";
inline constexpr char kTransitGatewayAttachment[] = "AWS::EC2::TransitGatewayAttachment";
inline constexpr char kTransitGatewayVpcAttachment[] = "AWS::EC2::TransitGatewayVpcAttachment";
inline constexpr char kTransitGatewayRouteTable[] = "AWS::EC2::TransitGatewayRouteTable";
inline constexpr char kTransitGatewayAssociation[] =
    "AWS::EC2::TransitGatewayRouteTableAssociation";
inline constexpr char kTransitGatewayPropagation[] =
    "AWS::EC2::TransitGatewayRouteTablePropagation";
inline constexpr char kTransitGatewayRoute[] = "AWS::EC2::TransitGatewayRoute";
inline constexpr char kTransitGatewayPeeringAttachment[] =
    "AWS::EC2::TransitGatewayPeeringAttachment";

// The components: AWS::EC2::TransitGateway (`DefaultRouteTableAssociation` and
// `DefaultRouteTablePropagation`, enable by default), TransitGatewayAttachment and
// TransitGatewayVpcAttachment (`TransitGatewayId`, `VpcId`, `SubnetIds`,
// `Options.ApplianceModeSupport`), TransitGatewayRouteTable (`TransitGatewayId`),
// TransitGatewayPeeringAttachment (`TransitGatewayId`, `PeerTransitGatewayId`; a peer in
// another region or outside the stacks is not followed: a warning, as for a VPC peering).
bool IsTransitGatewayComponent(const std::string& type);
void MapTransitGatewayComponent(MapperCore& core, const Res& res);
// What is folded into them, once they exist: TransitGatewayRouteTableAssociation,
// TransitGatewayRouteTablePropagation and TransitGatewayRoute (`DestinationCidrBlock`,
// `TransitGatewayAttachmentId` or `Blackhole`).
bool IsTransitGatewayAttachment(const std::string& type);
void MapTransitGatewayAttachment(MapperCore& core, const Res& res);

}  // namespace vpcreach::cfn

#endif  // VPCREACH_MODEL_CLOUDFORMATION_MULTIVPC_MAPPER_H_
