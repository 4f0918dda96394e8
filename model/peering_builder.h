// Builds the Model's VPC peering connections (`peering_connections:`; CloudFormation's
// AWS::EC2::VPCPeeringConnection is written so by the stack mapper).
//
// A peering connection joins two VPCs of the scenario's region: `requester` and `accepter`. AWS
// refuses a connection of a VPC with itself, between VPCs whose IPv4 blocks overlap, and a second
// active connection between the same two VPCs; each is a located error here. Routes of either VPC
// may then target the connection (route_builder.h); what crosses it is sim/hops/peering.h's.
#ifndef VPCREACH_MODEL_PEERING_BUILDER_H_
#define VPCREACH_MODEL_PEERING_BUILDER_H_

#include "model/build_context.h"

namespace vpcreach {

// After BuildVpcs (the blocks are known), before BuildSecurityGroups (a rule may name a group of
// a peered VPC) and BuildRoutes.
void BuildPeeringConnections(BuildContext& context);

}  // namespace vpcreach

#endif  // VPCREACH_MODEL_PEERING_BUILDER_H_
