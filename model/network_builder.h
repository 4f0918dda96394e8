// Builds the addressing layer of the Model from the written components: VPCs, prefix lists,
// internet gateways, subnets and NAT gateways.
//
// VPC and subnet blocks must lie between /16 and /28; a VPC's blocks may not overlap each other,
// and a subnet's block must lie inside its VPC and overlap no other subnet of that VPC. A subnet
// whose block is missing or wrong is kept (so references to it resolve) but marked in the
// BuildContext, so that no address is checked against it. A subnet without `route_table:` or
// `network_acl:` takes its VPC's main table / default NACL, so BuildSubnets runs after the route
// and security builders have made those. Besides the written prefix lists, BuildPrefixLists adds
// the AWS-managed list `pl-<service>` of each service with a gateway endpoint. A VPC marked
// `default: true` is the region's default VPC (default_vpc.h: its block is AWS's, and the loader
// adds its default subnets, gateway and route); a written subnet may not overlap its default
// subnets. A subnet's `map_public_ip_on_launch` gives the ENIs written there a public address.
//
// Each function appends to its vectors of the Model, in the order the components were declared.
#ifndef VPCREACH_MODEL_NETWORK_BUILDER_H_
#define VPCREACH_MODEL_NETWORK_BUILDER_H_

#include "model/build_context.h"

namespace vpcreach {

void BuildVpcs(BuildContext& context);
// After BuildServices: the AWS-managed lists take the services' ranges.
void BuildPrefixLists(BuildContext& context);
void BuildInternetGateways(BuildContext& context);
// After BuildRouteTables and BuildNetworkAcls.
void BuildSubnets(BuildContext& context);
// Queues each NAT gateway's private address in the BuildContext's address plan.
void BuildNatGateways(BuildContext& context);

}  // namespace vpcreach

#endif  // VPCREACH_MODEL_NETWORK_BUILDER_H_
