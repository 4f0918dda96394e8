// The stacks' resources that connect a VPC to on-premises networks (stack_mapper.cc calls
// these): virtual private gateways, customer gateways and Site-to-Site VPN connections, written
// as the scenario's `vpn_gateways:`, `customer_gateways:` and `vpn_connections:`
// (model/vpn_builder.h), and route propagation (`route_tables.X.propagating_vgws`).
//
// Internal to model/cloudformation, like mapper_core.h.
#ifndef VPCREACH_MODEL_CLOUDFORMATION_VPN_MAPPER_H_
#define VPCREACH_MODEL_CLOUDFORMATION_VPN_MAPPER_H_

#include <string>

#include "model/cloudformation/mapper_core.h"

namespace vpcreach::cfn {

inline constexpr char kVpnGateway[] = "AWS::EC2::VPNGateway";
inline constexpr char kCustomerGateway[] = "AWS::EC2::CustomerGateway";
inline constexpr char kVpnConnection[] = "AWS::EC2::VPNConnection";
inline constexpr char kVpnConnectionRoute[] = "AWS::EC2::VPNConnectionRoute";
inline constexpr char kVpnGatewayRoutePropagation[] = "AWS::EC2::VPNGatewayRoutePropagation";

// The components: AWS::EC2::VPNGateway, CustomerGateway (`IpAddress`) and VPNConnection
// (`VpnGatewayId`, `CustomerGatewayId`, `StaticRoutesOnly`, false by default). A connection to a
// transit gateway (`TransitGatewayId`) is not modelled; nor are the prefixes a BGP connection
// learns, which no template holds: both are warnings that carry traffic vpcreach does not follow
// (IgnoredResource::unfollowed), so no claim about every packet is proved beside them.
bool IsVpnComponent(const std::string& type);
void MapVpnComponent(MapperCore& core, const Res& res);
// What is folded into them, once they exist: VPNConnectionRoute (`VpnConnectionId`,
// `DestinationCidrBlock`; static connections only, as AWS has it) and
// VPNGatewayRoutePropagation (`VpnGatewayId`, `RouteTableIds`).
bool IsVpnAttachment(const std::string& type);
void MapVpnAttachment(MapperCore& core, const Res& res);
// AWS::EC2::VPCGatewayAttachment with `VpnGatewayId`: attaches the gateway to `VpcId`.
void MapVpnGatewayAttachment(MapperCore& core, const Res& res);

}  // namespace vpcreach::cfn

#endif  // VPCREACH_MODEL_CLOUDFORMATION_VPN_MAPPER_H_
