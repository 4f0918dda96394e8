// Builds the scenario's workloads (`workloads:`, model.h's Workload): instances, Auto Scaling
// groups, load balancers, databases, caches, ... every resource that puts network interfaces in
// a VPC besides SageMaker notebooks and training jobs and interface endpoints; and the load
// balancers' target groups (`target_groups:`).
//
// A workload's interfaces are placed round-robin over its `subnets` (all in one VPC): `count` of
// them (default 1, or one per subnet for the kinds workload_kinds.h names), each carrying the
// workload's security groups (the VPC's default group when none is written; none for
// directories and for network and gateway load balancers, whose groups AWS manages or which
// have none). A single interface carries the workload's id, several `<id>[<i>]`. An instance
// may list its `interfaces` instead, each with its own subnet, groups and addresses, or naming
// a written ENI (`eni:`) that it takes as its own. What the interfaces answer and whether they
// open connections is the kind's default (workload_kinds.h) unless `ports` /
// `opens_connections` say otherwise; a load balancer answers its listeners' ports. Public
// addresses: `public_ip` (one address, or one per interface), `associate_public_ip`, or, for
// kinds that launch EC2 instances, the subnet's `map_public_ip_on_launch`; an internet-facing
// load balancer has one per interface.
//
// Every input AWS would refuse is a located error: an unknown type ("did you mean"), a key of
// another kind, a port outside 1-65535, a count below 0, subnets of several VPCs, a workload
// without subnets, a listener protocol its load balancer type does not take, a target in another
// VPC than its group.
#ifndef VPCREACH_MODEL_VPC_WORKLOAD_BUILDER_H_
#define VPCREACH_MODEL_VPC_WORKLOAD_BUILDER_H_

#include "model/build_context.h"

namespace vpcreach {

// After BuildSubnets, BuildSecurityGroups, BuildEnis (a workload may take written ENIs), and
// before BuildRoutes (a route may target an instance).
void BuildWorkloads(BuildContext& context);
// After BuildWorkloads: targets name workloads and ENIs.
void BuildTargetGroups(BuildContext& context);

}  // namespace vpcreach

#endif  // VPCREACH_MODEL_VPC_WORKLOAD_BUILDER_H_
