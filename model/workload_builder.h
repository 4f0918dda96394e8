// Builds what runs in the subnets: written ENIs, SageMaker notebook instances and training jobs,
// and the ENIs vpcreach creates for them and for interface endpoints (the other workloads:
// vpc_workload_builder.h).
//
// A notebook with a `subnet:` gets one ENI that carries the notebook's own id; a training job with
// `subnets:` (all in one VPC) gets one ENI per instance, `<job>[<i>]`, placed round-robin over its
// subnets; without a subnet they live in SageMaker's network only and have no ENI. ENIs without
// `security_groups:` take their VPC's default group; a notebook in a subnet and a training job
// with subnets must list theirs (1 to 5, as SageMaker's API requires), and a notebook's direct
// internet access can be disabled only in a subnet: the settings SageMaker's API refuses are
// reported. Every ENI's private address is queued in the BuildContext's address plan (written
// ones are checked there), in the plan's group order; so are its secondary addresses
// (`secondary_ips:` written, `secondary_ip_count:` assigned). A written ENI without `public_ip` in a
// subnet with `map_public_ip_on_launch` gets a public address on launch (queued in the
// BuildContext); `public_ip: none` opts out. SageMaker's and endpoints' ENIs never get one.
#ifndef VPCREACH_MODEL_WORKLOAD_BUILDER_H_
#define VPCREACH_MODEL_WORKLOAD_BUILDER_H_

#include <string>
#include <vector>

#include "model/address_plan.h"
#include "model/build_context.h"

namespace vpcreach {

// After BuildSubnets and BuildSecurityGroups.
void BuildEnis(BuildContext& context);
void BuildNotebooks(BuildContext& context);
void BuildTrainingJobs(BuildContext& context);

// Appends an ENI that vpcreach creates for component `owner_index` of kind `owner`, registers its
// id, and (except for notebooks, whose caller queues the written address itself) queues its
// private address in `group`. Returns its index into Model::enis.
Index AddOwnedEni(BuildContext& context, const std::string& id, Index subnet,
                  std::vector<Index> security_groups, EniOwner owner, Index owner_index,
                  const SourceLocation& location, AddressPlan::Group group,
                  const std::string& path);

// Reads `secondary_ips:` (addresses) and `secondary_ip_count:` (how many more AWS assigns) of
// `m`, the body of ENI `eni` or of what creates it, sizes the ENI's secondary addresses and
// queues each in `group` after the primary. At most 49 in all (AWS's most per interface, less
// the primary).
void ReadSecondaryIps(BuildContext& context, YamlReader& r, const YamlMap& m, Index eni,
                      AddressPlan::Group group, const std::string& owner);

}  // namespace vpcreach

#endif  // VPCREACH_MODEL_WORKLOAD_BUILDER_H_
