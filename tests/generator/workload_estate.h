// A seeded, reproducible region of three-tier applications, for the workload benchmarks
// (bench/workload_bench.cc) and their test: what a real account runs, at the scale of the
// `region` estate (network_generator.h's RegionEstate: about 5,000 interfaces).
//
// Every VPC (10.V.0.0/16, V = 0, 1, ...) is laid out as AWS's own reference architectures do:
//  - Per availability zone (a, b, c): a public subnet (route table `V-pub`: 0.0.0.0/0 to the
//    internet gateway; a NAT gateway `V-nat-Z`), `private_subnets_per_az` private subnets (route
//    table `V-priv-Z`: 0.0.0.0/0 to that zone's NAT gateway, an S3 gateway endpoint) and a
//    database subnet (route table `V-db`: no route out). Each tier has its NACL (`V-pub`, `V-priv`,
//    `V-db`): what the tier needs (listener ports and replies from anywhere into the public tier;
//    the VPC and replies into the private tier; the database ports from the VPC into the database
//    tier, replies out of it), after deny rules for blocklisted public CIDRs, `nacl_rules` each way.
//  - `applications_per_vpc` applications `V-appN`, each three tiers whose security groups
//    reference each other (balancer group -> app group -> database group):
//      `V-appN-lb`  a load_balancer: application (HTTP/HTTPS listeners) or network (TCP/TLS), half
//                   internet-facing in the public subnets, half internal in private subnets, two or
//                   three zones; its listeners forward to the target group `V-appN-tg`;
//      `V-appN-web` an auto_scaling_group of 2-12 instances spread over private subnets of those
//                   zones, the target group's only target, on the group's port (8080, 80 or 8443);
//      `V-appN-db`  an rds_instance (one interface) or an rds_cluster (2-3), PostgreSQL or MySQL
//                   (Aurora for clusters), sometimes on a port of its own, in the database
//                   subnets (its subnet group); absent for about one application in eight.
//    Groups `V-appN-lb` (listener ports from 0.0.0.0/0, or from the VPC when internal), `V-appN-app`
//    (the target port from the balancer's group, ssh from the VPC's bastion group, metrics from
//    its monitoring group, now and then another application's app group), `V-appN-db` (the
//    database port from the app group, sometimes from another application's, egress none), plus
//    up to `max_extra_rules` more rules of the kinds real groups collect (corporate prefix list,
//    office CIDRs, ICMP from the VPC, ...).
//  - A bastion instance (public address, ssh from the corporate prefix list only), a monitoring
//    instance, and `plain_enis_per_vpc` ENIs of no workload in the public and private subnets
//    (some with public addresses), each with 1-3 of the VPC's `misc_groups_per_vpc` groups, whose
//    random rules (up to `max_extra_rules` each way) reference CIDRs, the prefix list and the
//    applications' groups.
//
// Invariant (tests/generator/workload_estate_test.cc): the scenario loads with zero
// diagnostics, and the same options give the same text. Addresses are left to the loader, except
// the NAT gateways' and the plain ENIs' public IPs (54.(200+V).x.y, unique).
#ifndef VPCREACH_TESTS_GENERATOR_WORKLOAD_ESTATE_H_
#define VPCREACH_TESTS_GENERATOR_WORKLOAD_ESTATE_H_

#include <cstdint>
#include <string>

namespace vpcreach::testing {

struct WorkloadEstateOptions {
  std::uint64_t seed = 1;
  int vpcs = 5;
  int private_subnets_per_az = 4;
  int applications_per_vpc = 80;
  int plain_enis_per_vpc = 120;
  int misc_groups_per_vpc = 20;
  int max_extra_rules = 12;  // per group and direction, beyond the tiers' own
  int nacl_rules = 20;       // per NACL and direction (AWS's default quota)
};

// About 5,000 interfaces over 5 VPCs, as the `region` estate (seed 1: 4,960): 400 applications
// (400 balancers, 400 Auto Scaling groups, about 350 databases), 600 plain ENIs, about 1,150
// security groups, 90 subnets.
WorkloadEstateOptions WorkloadRegion(std::uint64_t seed);

// A tenth of it: 5 VPCs x 8 applications, 12 plain ENIs and 4 misc groups each, about 500
// interfaces (seed 1: 498).
WorkloadEstateOptions WorkloadRegion10(std::uint64_t seed);

// The scenario file (YAML); the same options always give the same text.
std::string GenerateWorkloadEstate(const WorkloadEstateOptions& options);

}  // namespace vpcreach::testing

#endif  // VPCREACH_TESTS_GENERATOR_WORKLOAD_ESTATE_H_
