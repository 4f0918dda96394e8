// Maps transit gateways: aws_ec2_transit_gateway, its VPC attachments
// (aws_ec2_transit_gateway_vpc_attachment), route tables, static routes, associations and
// propagations into `transit_gateways`, `transit_gateway_route_tables` and
// `transit_gateway_attachments` (transit_gateway_builder.h), as model/cloudformation maps the
// same resources.
//
// Terraform's spellings: the gateway's default_route_table_association / _propagation
// ("enable", AWS's default, or "disable"); an attachment's
// transit_gateway_default_route_table_association / _propagation (true by default: false keeps
// it out of the default table); appliance_mode_support "enable". A table id that is the gateway's
// association_default_route_table_id or propagation_default_route_table_id (or a reference to
// either attribute) names its default table, `<gateway>-default`, which is written as a table of
// its own (the gateway's native defaults off) that the attachments taking the defaults are
// associated with and propagate to: so an attachment's opt-out and static routes in the default
// table are what the model holds. Attachments other than a VPC's
// (peering, VPN, Connect) are not modelled: a warning that voids proofs, and a static route to one
// is a blackhole.
#ifndef VPCREACH_MODEL_TERRAFORM_TRANSIT_GATEWAY_MAPPER_H_
#define VPCREACH_MODEL_TERRAFORM_TRANSIT_GATEWAY_MAPPER_H_

#include <string>

#include "model/terraform/mapper_context.h"

namespace vpcreach::tf {

// The types mapped here (other aws_ec2_transit_gateway_* types stay warnings).
bool IsTransitGatewayType(const std::string& type);

void MapTransitGateways(MapperContext& context);

}  // namespace vpcreach::tf

#endif  // VPCREACH_MODEL_TERRAFORM_TRANSIT_GATEWAY_MAPPER_H_
