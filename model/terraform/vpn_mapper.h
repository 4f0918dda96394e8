// Maps Site-to-Site VPN: aws_vpn_gateway (vpc_id, or an aws_vpn_gateway_attachment),
// aws_customer_gateway, aws_vpn_connection with its aws_vpn_connection_route resources, and
// route propagation (aws_vpn_gateway_route_propagation, a route table's propagating_vgws) into
// `vpn_gateways`, `customer_gateways`, `vpn_connections` and `propagating_vgws` (vpn_builder.h),
// as model/cloudformation/vpn_mapper.h maps the same resources.
//
// A connection that routes by BGP (static_routes_only not true, AWS's default) is mapped, and is
// a warning that voids proofs: the prefixes its customer gateway advertises are in no Terraform
// document (route it statically, or write it in a scenario with its bgp_prefixes). A connection
// to a transit gateway is not modelled (a warning that voids proofs). A state's vgw_telemetry
// (two tunnels, UP or DOWN) gives the tunnels' states; a plan's tunnels are up.
#ifndef VPCREACH_MODEL_TERRAFORM_VPN_MAPPER_H_
#define VPCREACH_MODEL_TERRAFORM_VPN_MAPPER_H_

#include <string>

#include "model/terraform/mapper_context.h"

namespace vpcreach::tf {

bool IsVpnType(const std::string& type);

// After the route tables are mapped (network_mapper.h).
void MapVpn(MapperContext& context);

}  // namespace vpcreach::tf

#endif  // VPCREACH_MODEL_TERRAFORM_VPN_MAPPER_H_
