// Maps security groups and network ACLs with their rules, inline and standalone
// (aws_security_group_rule, aws_vpc_security_group_ingress_rule / _egress_rule,
// aws_network_acl_rule, aws_network_acl_association), and the aws_default_* forms.
//
// Terraform semantics kept: a group Terraform creates loses AWS's allow-all egress rule unless the
// configuration writes egress rules (so an absent `egress` is none, not allow-all);
// aws_default_security_group and aws_default_network_acl replace the VPC default's rules with
// exactly what they write. One Terraform rule with several peers (cidr_blocks, security_groups,
// self, prefix_list_ids) is one native rule per peer.
//
// Rules that a plan leaves unknown are warnings: a group whose configuration writes rules in that
// direction is read as allowing everything that way (never a wrong "unreachable"); one whose
// configuration shows none (Terraform 0.12 does not serialise blocks) is read as having none. A
// network ACL with unknown rules is not associated with its subnets: they keep the VPC's default
// ACL (which allows everything). IPv6 peers are listed (warnings): IPv4 only for now.
#ifndef VPCREACH_MODEL_TERRAFORM_SECURITY_MAPPER_H_
#define VPCREACH_MODEL_TERRAFORM_SECURITY_MAPPER_H_

#include "model/terraform/mapper_context.h"

namespace vpcreach::tf {

bool IsSecurityType(const std::string& type);

// Groups and ACLs (first pass), then their standalone rules and associations (second pass).
void MapSecurityComponents(MapperContext& context);
void MapSecurityTies(MapperContext& context);

}  // namespace vpcreach::tf

#endif  // VPCREACH_MODEL_TERRAFORM_SECURITY_MAPPER_H_
