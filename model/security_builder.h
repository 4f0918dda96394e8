// Builds the Model's filters: network ACLs and security groups, with their rules.
//
// A VPC that marks no ACL `default: true` gets a synthesized default ACL `<vpc>-default-nacl` that
// allows everything both ways (rule 100); every VPC gets its default security group
// `<vpc>-default-sg` (ingress from itself, egress anywhere). A written group without `egress:`
// keeps AWS's allow-all egress rule. Rules are kept only when every part of them is valid; NACL
// rules are sorted by number, numbers unique per direction. Security group rules are read after
// every group exists, so a rule may name any group of its VPC, the defaults included.
#ifndef VPCREACH_MODEL_SECURITY_BUILDER_H_
#define VPCREACH_MODEL_SECURITY_BUILDER_H_

#include <optional>
#include <string>
#include <vector>

#include "model/build_context.h"
#include "model/yaml_reader.h"

namespace vpcreach {

// After BuildVpcs.
void BuildNetworkAcls(BuildContext& context);
// After BuildVpcs and BuildPrefixLists.
void BuildSecurityGroups(BuildContext& context);

// The `security_groups:` list of an ENI holder in `vpc` (1 to 16 groups of that VPC, none twice),
// or the VPC's default group when `field` is absent. Problems are reported and the groups at
// fault left out; a group of another VPC with what to change when `holder` names the workload
// ("an RDS instance"; see ComponentIndex::SameVpc).
std::vector<Index> ReadSecurityGroups(BuildContext& context, YamlReader& r,
                                      const std::optional<YamlField>& field, Index vpc,
                                      const std::string& holder = "");

}  // namespace vpcreach

#endif  // VPCREACH_MODEL_SECURITY_BUILDER_H_
