// Maps aws_default_subnet: Terraform adopts the default subnet AWS made in one availability zone
// of the region's default VPC (model/default_vpc.h), into a subnet of the document's
// aws_default_vpc.
//
// What AWS gives a default subnet, where the document does not say: the zone's block of the
// default VPC (172.31.0.0/20 for the region's first zone, 172.31.16.0/20 for the second, ...,
// DefaultSubnetBlock) and map_public_ip_on_launch true. A default subnet whose default VPC is
// not in the document (no aws_default_vpc) is a warning: its VPC's routes and gateways are not
// known.
#ifndef VPCREACH_MODEL_TERRAFORM_DEFAULT_SUBNET_MAPPER_H_
#define VPCREACH_MODEL_TERRAFORM_DEFAULT_SUBNET_MAPPER_H_

#include "model/terraform/mapper_context.h"

namespace vpcreach::tf {

// With the other subnets (network_mapper.h, first pass): ties name them.
void MapDefaultSubnets(MapperContext& context);

}  // namespace vpcreach::tf

#endif  // VPCREACH_MODEL_TERRAFORM_DEFAULT_SUBNET_MAPPER_H_
