// Maps what places network interfaces: aws_network_interface (and its attachments),
// aws_instance (one interface from subnet_id, or its network_interface blocks and attachments),
// the Elastic IPs that give either a public address (aws_eip instance / network_interface, and
// aws_eip_association), and SageMaker notebook instances.
//
// As AWS does: an instance without vpc_security_group_ids gets its VPC's default group; without
// a known associate_public_ip_address it follows its subnet's map_public_ip_on_launch (the
// builders apply it); a standalone interface gets no public address from the subnet. Unknown
// private addresses are left to the builders (the subnet's first free one, deterministically);
// unknown public ones come from the public address pool.
#ifndef VPCREACH_MODEL_TERRAFORM_WORKLOAD_MAPPER_H_
#define VPCREACH_MODEL_TERRAFORM_WORKLOAD_MAPPER_H_

#include "model/terraform/mapper_context.h"

namespace vpcreach::tf {

bool IsWorkloadType(const std::string& type);

void MapWorkloads(MapperContext& context);

}  // namespace vpcreach::tf

#endif  // VPCREACH_MODEL_TERRAFORM_WORKLOAD_MAPPER_H_
