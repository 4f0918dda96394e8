// Maps the Terraform resources of the VPC's plumbing into the generated scenario: VPCs and their
// extra CIDR blocks, subnets, internet gateways, NAT gateways (with the addresses of their EIPs),
// route tables with inline routes, aws_route, the route table associations (subnet, gateway, main),
// VPC endpoints and their association resources, and managed prefix lists.
//
// What the plan leaves unknown is handled as aws-semantics.md and the CloudFormation front end
// do: an unknown availability zone is the region's zones in turn (document order), an unknown
// EIP address comes from the public address pool, an unknown private address is left to the
// builders (the subnet's first free address). A route whose destination or target cannot be
// tied is left out with a warning (it shapes reachability). IPv6 parts are listed (warnings where
// they carry packets): the data plane is IPv4 here until IPv6 lands.
#ifndef VPCREACH_MODEL_TERRAFORM_NETWORK_MAPPER_H_
#define VPCREACH_MODEL_TERRAFORM_NETWORK_MAPPER_H_

#include "model/terraform/mapper_context.h"

namespace vpcreach::tf {

// Resource types this mapper reads (plan_mapper.cc dispatches on them).
bool IsNetworkType(const std::string& type);

// VPCs, prefix lists, internet gateways, route tables, subnets (first pass: components).
void MapNetworkComponents(MapperContext& context);
// Routes, associations, NAT gateways and endpoints (second pass: they name components).
void MapNetworkTies(MapperContext& context);

}  // namespace vpcreach::tf

#endif  // VPCREACH_MODEL_TERRAFORM_NETWORK_MAPPER_H_
