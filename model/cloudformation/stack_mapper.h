// Turns evaluated CloudFormation stacks into a scenario document the loader's builders read.
//
// MapStacks() takes the stacks of a scenario, evaluated in deployment order (template_evaluator.h),
// and writes their network resources as scenario YAML (contract.md, "Scenario file"): a document
// with `vpcreach: 1` and the sections vpcs, internet_gateways, subnets, route_tables,
// nat_gateways, vpc_endpoints, network_acls, security_groups, enis and
// sagemaker.notebook_instances, every component named by its resource id `STACK/LogicalId` (the
// value `Ref` returns). The builders then validate it as they validate a hand-written scenario, so
// there is one source of validation. Resources that attach to others are folded into them:
// VPCCidrBlock and FlowLog into the VPC, VPCGatewayAttachment into the internet gateway, Route into
// its table, the subnet associations into the subnet, NetworkAclEntry into its ACL, standalone
// SecurityGroupIngress/Egress into their group, EIPs into the NAT gateway that allocates them.
//
// Every generated line that carries a value has exactly one value, and `lines` records for each
// line the template location and dotted path (`Resources.PrivateRoute.Properties.
// DestinationCidrBlock`) of that value, so a diagnostic located in the generated document can be
// remapped exactly to the template. Scalars are written double-quoted, so YAML does not
// reinterpret them.
//
// Problems the builders cannot see (a route to a transit gateway, a value only known at deployment,
// two route table associations for one subnet, a missing required property) are reported here, in
// template terms. Because the mapper checks every property the builders require, a builder's
// "missing required key" for the generated document only repeats one of these and is dropped by
// the caller. Lines of stacks marked `quiet` (their evaluation failed) carry `quiet`: the caller
// drops the diagnostics located there, which only follow from the evaluation's own.
//
// Semantics kept from CloudFormation (aws-semantics.md): a security group without
// SecurityGroupEgress (or with an empty list) and without standalone egress keeps AWS's allow-all
// egress (no `egress` key); listing egress rules or adding any standalone SecurityGroupEgress
// replaces it. Addresses AWS assigns at deployment (EIPs, instance public IPs) come from the
// `public_ip` callback, deterministically. A security group without VpcId is in the region's
// default VPC (default_vpc.h), where rules name groups by name (a default-VPC group's `Ref`).
#ifndef VPCREACH_MODEL_CLOUDFORMATION_STACK_MAPPER_H_
#define VPCREACH_MODEL_CLOUDFORMATION_STACK_MAPPER_H_

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "model/cloudformation/template_evaluator.h"
#include "model/diagnostics.h"
#include "model/model.h"

namespace vpcreach::cfn {

// Where one generated line's value came from.
struct LineOrigin {
  SourceLocation location;  // in the template; line 0 when the line carries no value
  std::string path;         // the template's dotted path
  bool quiet = false;       // drop diagnostics here: the stack's evaluation failed already
};

struct StackScenario {
  std::string text;                      // the generated scenario document
  std::vector<LineOrigin> lines;         // lines[i]: the origin of line i + 1
  std::vector<IgnoredResource> ignored;  // accepted but not part of the network

  // The origin of 1-based `line`, or nullptr when it is outside the document.
  const LineOrigin* Origin(int line) const {
    return line >= 1 && line <= static_cast<int>(lines.size()) ? &lines[line - 1] : nullptr;
  }
};

struct StackToMap {
  const EvaluatedStack* stack;
  bool quiet = false;  // its evaluation reported problems: report nothing more about it
};

// The public IP AWS would assign to `owner` (an EIP or instance resource id); the same owner
// always gets the same address.
using PublicIpSource = std::function<std::string(const std::string& owner)>;

// What the stacks meet in the scenario that deploys them, as written there.
struct ScenarioNetwork {
  // The default VPC the scenario writes (`vpcs: {ID: {default: true}}`), if any.
  std::optional<std::string> default_vpc;
  // The scenario's subnets: id -> the id of its VPC as written.
  std::map<std::string, std::string> subnet_vpcs;
};

// Problems are appended to `*sink`, located in the templates. Resources placed without a VpcId
// (default_vpc.h) go to the default VPC the scenario writes; without one, the generated
// document declares kStackDefaultVpcId (model/default_vpc.h) when one needs it. A security group
// without VpcId that only interfaces of one other VPC carry is placed in that VPC, with a warning
// (AWS would refuse the launch; the templates that do so are written for a default VPC).
StackScenario MapStacks(const std::vector<StackToMap>& stacks, const std::string& region,
                        const ScenarioNetwork& scenario, const PublicIpSource& public_ip,
                        std::vector<Diagnostic>* sink);

}  // namespace vpcreach::cfn

#endif  // VPCREACH_MODEL_CLOUDFORMATION_STACK_MAPPER_H_
