// The region's default VPC as CloudFormation stacks meet it.
//
// AWS puts a resource that names no VPC in the region's default VPC: a security group without
// VpcId (whose `Ref` is then its name, which a rule's SourceSecurityGroupName or a standalone
// rule's GroupName gives back), an instance without SubnetId (in the default subnet of its
// AvailabilityZone, or of a zone AWS picks), and the workloads that launch instances or network
// interfaces the same way. A SageMaker notebook instance without SubnetId is not one of them: it
// runs in SageMaker's own network (aws-semantics.md), and no default VPC is involved.
//
// The stack mapper's resources ask one DefaultVpc (shared by every stack of the scenario) for the
// ids of the default VPC's components, which the scenario loader creates (model/default_vpc.h):
// the VPC itself, a default subnet per zone, the default security group. The first request
// makes the generated document declare the VPC (`vpcs: {default-vpc: {default: true}}`, located
// at the resource that asked), unless the scenario writes a default VPC of its own, which the
// stacks then share. Resources that name a VPC or subnet (`AWS::EC2::VPC::Id` parameters,
// `!GetAtt X.VpcId`, ...) are unaffected.
//
// The workloads ask for default subnets through WorkloadMapper::DefaultSubnets (an instance's
// AvailabilityZone, an Auto Scaling group's or Classic Load Balancer's AvailabilityZones, every
// zone for a database without a subnet group); a default subnet maps a public IP on launch.
#ifndef VPCREACH_MODEL_CLOUDFORMATION_DEFAULT_VPC_H_
#define VPCREACH_MODEL_CLOUDFORMATION_DEFAULT_VPC_H_

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "model/cloudformation/stack_mapper.h"

namespace vpcreach::cfn {

class DefaultVpc {
 public:
  // `vpc_id`: the id of the default VPC, the scenario's when it writes one (`scenario_writes`),
  // else the one the generated document declares.
  DefaultVpc(std::string region, std::string vpc_id, bool scenario_writes);

  // The default VPC's id, without asking for the VPC.
  const std::string& id() const { return vpc_id_; }
  // The default VPC's id, for a component of the resource at `needed_by`.
  const std::string& Vpc(const LineOrigin& needed_by);
  // The id of the default subnet in zone `az` (us-east-1b), or in the zone AWS picks when `az`
  // is empty (vpcreach takes the region's first, as for a stack subnet without one); nullopt
  // when `az` is not a zone of the region.
  std::optional<std::string> Subnet(const std::string& az, const LineOrigin& needed_by);
  // The default VPC's default security group: the group a default-VPC rule names `default`.
  std::string DefaultSecurityGroup(const LineOrigin& needed_by);
  // The region's zones, in order: one default subnet each.
  const std::vector<std::string>& zones() const { return zones_; }
  // True for the ids Subnet() returns: a default subnet gives instances a public IP on launch.
  bool IsDefaultSubnet(const std::string& id) const;

  // The VPC the generated document must declare (`vpcs.<id>.default: true`) and the origin of
  // the first resource that needed it; nullopt when none did or the scenario writes its own.
  std::optional<std::pair<std::string, LineOrigin>> Declaration() const;

 private:
  std::string region_;
  std::string vpc_id_;
  bool scenario_writes_;
  std::optional<LineOrigin> first_use_;
  std::vector<std::string> zones_;
};

}  // namespace vpcreach::cfn

#endif  // VPCREACH_MODEL_CLOUDFORMATION_DEFAULT_VPC_H_
