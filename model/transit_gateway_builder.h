// Builds the Model's transit gateways, their VPC attachments and their route tables
// (`transit_gateways:`, `transit_gateway_attachments:`, `transit_gateway_route_tables:`;
// the stack mapper writes CloudFormation's AWS::EC2::TransitGateway* resources so).
//
// As AWS has it: a transit gateway with DefaultRouteTableAssociation or
// DefaultRouteTablePropagation enabled (both are by default) has a default route table,
// `<tgw>-default`; an attachment without a `route_table` is associated with it (when association
// is on), and every attachment propagates its VPC's blocks to it (when propagation is on), as
// well as to the tables its `propagate_to` lists. A VPC attachment takes one subnet per
// availability zone, all in its VPC. Static routes (`routes:` of a table: a destination and an
// attachment, or `blackhole: true`) beat propagated ones of the same prefix. Located errors: an
// unknown transit gateway, VPC, subnet, attachment or table; a subnet of another VPC or a second
// subnet in one zone; a table of another transit gateway; a route repeated in a table.
#ifndef VPCREACH_MODEL_TRANSIT_GATEWAY_BUILDER_H_
#define VPCREACH_MODEL_TRANSIT_GATEWAY_BUILDER_H_

#include "model/build_context.h"

namespace vpcreach {

// After BuildSubnets (attachment subnets), before BuildRoutes (routes to a transit gateway).
void BuildTransitGateways(BuildContext& context);

}  // namespace vpcreach

#endif  // VPCREACH_MODEL_TRANSIT_GATEWAY_BUILDER_H_
