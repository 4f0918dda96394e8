// Builds the Model's VPC endpoints.
//
// A gateway endpoint (`type: gateway`, the default; s3 and dynamodb only) adds to each route table
// it lists a route from the service's AWS-managed prefix list `pl-<service>` to itself, one per
// service and table. An interface endpoint gets one ENI `<endpoint>/eni-<n>` in each subnet it
// lists (n = the position in the list; at most one subnet per availability zone), all with the
// endpoint's security groups. Keys of the other endpoint type are reported.
#ifndef VPCREACH_MODEL_ENDPOINT_BUILDER_H_
#define VPCREACH_MODEL_ENDPOINT_BUILDER_H_

#include "model/build_context.h"

namespace vpcreach {

// After BuildPrefixLists, BuildRouteTables, BuildSubnets, BuildSecurityGroups and BuildEnis (the
// endpoint ENIs follow the written ones), before BuildRoutes.
void BuildVpcEndpoints(BuildContext& context);

}  // namespace vpcreach

#endif  // VPCREACH_MODEL_ENDPOINT_BUILDER_H_
