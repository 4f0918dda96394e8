// The stacks' resources that connect VPCs to each other (stack_mapper.cc calls these): VPC
// peering connections, written as the scenario's `peering_connections:`.
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

}  // namespace vpcreach::cfn

#endif  // VPCREACH_MODEL_CLOUDFORMATION_MULTIVPC_MAPPER_H_
