// A seeded, reproducible generator of random scenario files, for property and differential tests.
//
// GenerateScenario writes YAML in the scenario format (README.md, "Scenario format") and nothing
// else, so every generated network goes through the loader like a hand-written one: the loader
// completes it (local routes, defaults, addresses) and tests load it with LoadScenarioText. The
// same options (seed included) always give the same text, on every platform: the generator draws
// from its own splitmix64 stream, never from <random>'s implementation-defined distributions.
//
// Invariant (tests/generator/network_generator_test.cc checks it for many seeds): a generated
// scenario loads with zero diagnostics. The generator therefore keeps the loader's rules itself:
// unique ids, VPC and subnet blocks /16../28, subnets inside their VPC and not overlapping, written
// private addresses inside their subnet, not reserved and unused in the whole scenario (the loader
// checks private addresses across VPCs too), enough free addresses in every subnet for what it
// places there, unique public IPs outside RFC 1918, 1..16 groups per ENI, NACL rule numbers
// unique per direction, ports only on tcp/udp rules, ICMP types and codes only on icmp rules (a
// code only with a type), route destinations unique per table, a route inside a VPC block only for
// exactly a subnet's CIDR or the block itself and only to an ENI or NAT gateway, gateway route
// tables associated with no subnet, route targets and group references inside the same VPC (or
// a peered one), peered VPCs whose blocks do not overlap and routes to a peering only outside the
// table's own VPC blocks, one
// gateway endpoint per service per table, an interface endpoint in at most one subnet per AZ.
#ifndef VPCREACH_TESTS_GENERATOR_NETWORK_GENERATOR_H_
#define VPCREACH_TESTS_GENERATOR_NETWORK_GENERATOR_H_

#include <cstdint>
#include <string>

namespace vpcreach::testing {

// What to generate. Counts are exact unless named min_/max_ (then each component draws its own
// count in [min, max]). Fractions are probabilities per component.
struct GeneratorOptions {
  std::uint64_t seed = 1;
  std::string region = "us-east-1";

  // ---- VPCs and subnets ----
  int vpcs = 1;
  bool overlapping_vpcs = false;      // VPC blocks drawn from a small pool, so they may collide
  double secondary_cidr_fraction = 0;  // VPCs with a second block
  int min_subnets_per_vpc = 2;
  int subnets_per_vpc = 4;  // max
  bool small_subnets = true;  // subnets /20 to /28 (else all /24)
  double public_subnet_fraction = 0.4;

  // ---- gateways and endpoints ----
  double igw_fraction = 0.8;      // VPCs with an internet gateway
  // VPCs written `deployed: true` (an unheld subnet address answers nothing), drawn from a
  // stream of their own so that the rest of the network does not change with it.
  double deployed_fraction = 0.0;
  bool nat_per_vpc = false;       // a NAT gateway in a public subnet of every VPC with an IGW
  double nat_fraction = 0.7;      // else: VPCs with a NAT gateway
  double nat_in_private_fraction = 0.15;  // of those NAT gateways: placed in a private subnet
  double private_nat_fraction = 0.1;      // of those NAT gateways: `connectivity: private`
  bool s3_endpoint_per_vpc = false;
  double s3_endpoint_fraction = 0.5;        // else: VPCs with an S3 gateway endpoint
  double dynamodb_endpoint_fraction = 0.25;
  double interface_endpoint_fraction = 0.2;

  // ---- routing ----
  int route_tables_per_vpc = 3;  // besides the public table (max for the small preset)
  int routes_per_table = 3;      // extra routes (max)
  double blackhole_fraction = 0.1;
  double main_table_fraction = 0.3;  // VPCs that mark one of their tables main
  double ingress_routing_fraction = 0.2;  // VPCs whose internet gateway has a gateway route table
  // Pairs of VPCs whose blocks do not overlap that are peered (`peering_connections`); each
  // route table of either VPC then routes, by chance, the peer's block or one of its subnets, a
  // third VPC's block (which does not transit) or 0.0.0.0/0 to the peering, and groups may
  // name the peer's groups. Drawn last, from a stream of their own: with 0, a seed gives the
  // network it gave before peering existed.
  double peering_fraction = 0;
  // The chance of a transit gateway (with 2 or more VPCs): most VPCs attached, each by a subnet
  // in some of its zones, the default table or two tables of its own (with a blackhole now and
  // then), and routes to it in the attached VPCs' tables. Drawn after peering, from a stream of
  // its own.
  double transit_gateway_fraction = 0;
  // The chance, per VPC, of a virtual private gateway with one or two VPN connections (static or
  // BGP, some tunnels down) to on-premises prefixes from a small pool that may overlap the VPCs'
  // blocks; its VPC's route tables propagate from it or route a prefix to it. Drawn last, from a
  // stream of its own.
  double vpn_fraction = 0;
  // With a transit gateway: every VPC attached (by a subnet in each of its zones), and every
  // route table (but gateway route tables) routing every other VPC's blocks to it.
  bool transit_gateway_all_vpcs = false;
  // Of the hub's attachments, those in appliance mode; and the chance of a second transit
  // gateway peered with the hub (tgw-far, by peering attachment tgw-peer), with a VPC the hub
  // does not hold attached, static routes both ways over the peering (a loop now and then) and
  // routes to it in that VPC's tables. Drawn from a stream of their own: with both 0, a seed
  // gives the network it gave before.
  double appliance_mode_fraction = 0;
  double transit_gateway_peering_fraction = 0;

  // ---- filters ----
  int security_groups = 4;  // over all VPCs, besides the VPCs' default groups
  int max_sg_rules = 4;     // per direction
  double sg_reference_fraction = 0.25;
  double prefix_list_peer_fraction = 0.1;
  double empty_egress_fraction = 0.1;    // `egress: []`
  double default_egress_fraction = 0.4;  // no egress key: allow-all
  int max_groups_per_eni = 3;
  int nacls_per_vpc = 2;  // max
  int min_nacl_rules = 1;
  int nacl_rules = 6;  // per direction (max)
  double deny_fraction = 0.2;
  double ephemeral_rule_fraction = 0.5;  // NACLs with an explicit inbound ephemeral-port rule
  // Of those rules: ones that admit only part of a NAT gateway's ports 1024-65535 back
  // (32768-65535 or 49152-65535), on top of the usual 1024-65535 / 32768-60999.
  double partial_ephemeral_fraction = 0;
  int customer_prefix_lists = 1;

  // ---- hosts and workloads ----
  int enis = 8;
  double public_ip_fraction = 0.3;
  double no_source_dest_check_fraction = 0.2;
  double explicit_address_fraction = 0.5;
  int notebooks = 1;
  int training_jobs = 1;
  double no_vpc_workload_fraction = 0.15;  // notebooks/jobs without a VPC
  int min_training_instances = 2;
  int max_training_instances = 3;
  // Workloads (`workloads:`): instances (some with secondary addresses, some answering only some
  // ports), RDS instances, Lambda functions (outbound only), EFS mount targets (answer 2049,
  // open nothing), load balancers with listeners, caches, Auto Scaling groups. Drawn after
  // everything else, from a stream of their own: with 0, a seed gives the network it gave
  // before workloads existed.
  int workloads = 0;  // max
};

// The differential-testing preset: 1-3 VPCs (blocks may overlap), 2-6 subnets each, public and
// private subnets, an IGW in most VPCs, NAT gateways (sometimes in a private subnet), S3/DynamoDB
// gateway endpoints, occasionally an interface endpoint, 2-8 groups with 0-4 rules each way over
// every kind of peer, NACLs with 1-6 rules and denies (inbound ephemeral rules that admit part of
// 1024-65535, so that some paths through a NAT gateway work only for some of its ports), more
// specific and blackhole routes, 3-15 ENIs, a notebook and a training job, 0-5 workloads. Counts
// are drawn from the seed.
GeneratorOptions SmallRandomNetwork(std::uint64_t seed);

// AWS's default quotas, filled: 5 VPCs x 200 subnets, 5,000 ENIs, 2,500 groups with up to 60
// rules each way (a third referencing groups), 10 NACLs per VPC with 20 rules each way, 10 route
// tables per VPC with 50 routes each, a NAT gateway and an S3 endpoint in every VPC.
GeneratorOptions RegionEstate(std::uint64_t seed);

// RegionEstate with the five VPCs on one transit gateway (its default table: every VPC's blocks
// propagated, every attachment associated), every route table routing the other VPCs' blocks
// to it (4 routes more than the quota's 50 in the full tables).
GeneratorOptions TransitRegionEstate(std::uint64_t seed);

// The scenario file (YAML) for `options`; the same options always give the same text.
std::string GenerateScenario(const GeneratorOptions& options);

}  // namespace vpcreach::testing

#endif  // VPCREACH_TESTS_GENERATOR_NETWORK_GENERATOR_H_
