// The VPC model: every component a packet can meet, with references resolved to indices.
//
// A Model is built by the loader (model/scenario_loader.h) and is immutable afterwards; the
// forwarding graph, tracer and checks only read it. Invariants the loader guarantees (checked by
// Model::CheckInvariants, which tests call):
//  - every index field points into its vector (or is kNone where the field is optional);
//  - ids are unique within each component kind, and the ids an endpoint can name (subnets, ENIs,
//    notebooks, training jobs) are unique among themselves (a notebook's ENI takes its id);
//  - every subnet has a resolved route table and network ACL (the VPC's main table / default NACL
//    when the scenario names none); every VPC has a main route table, a default NACL and a default
//    security group, synthesized when the scenario writes none;
//  - a gateway route table (RouteTable::edge_gateway) and its internet gateway
//    (InternetGateway::route_table) name each other, and no subnet uses a gateway route table;
//  - NACL rules are sorted by number, numbers unique per direction;
//  - every ENI address lies inside its subnet and outside the five AWS-reserved addresses, and no
//    private address is used twice within a VPC (VPCs that are not connected may reuse one);
//  - every notebook in a subnet and every training instance in a VPC has exactly one ENI here;
//  - at most one VPC is the region's default VPC; its primary block is 172.31.0.0/16, and only
//    its subnets are default subnets (one per availability zone);
//  - every ENI of a workload names the workload as its owner, and its secondary addresses obey
//    the rules of its primary one (inside its subnet, not reserved, unique within the VPC).
#ifndef VPCREACH_MODEL_MODEL_H_
#define VPCREACH_MODEL_MODEL_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/diagnostics.h"
#include "model/ip.h"

namespace vpcreach {

using Index = std::size_t;
inline constexpr Index kNone = static_cast<Index>(-1);

// IP protocol numbers; kAllProtocols (-1) is AWS's "all".
inline constexpr int kAllProtocols = -1;
inline constexpr int kIcmp = 1;
inline constexpr int kTcp = 6;
inline constexpr int kUdp = 17;
inline constexpr int kEsp = 50;

struct PortRange {
  std::uint16_t from = 0;
  std::uint16_t to = 65535;
  bool Contains(int port) const { return port >= from && port <= to; }
  bool IsAll() const { return from == 0 && to == 65535; }
  std::string ToString() const;  // "443", "1024-65535", "all"
  friend bool operator==(const PortRange&, const PortRange&) = default;
};

// An ICMP rule's or question's type and code; kAllIcmp (-1) is AWS's "all". Meaningful for
// protocol icmp only. AWS refuses a code with all types (a rule for every type is for every code);
// a question may still ask about one code of every type.
inline constexpr int kAllIcmp = -1;
struct IcmpTypeCode {
  int type = kAllIcmp;
  int code = kAllIcmp;
  bool IsAll() const { return type == kAllIcmp && code == kAllIcmp; }
  bool Contains(int packet_type, int packet_code) const {
    return (type == kAllIcmp || type == packet_type) && (code == kAllIcmp || code == packet_code);
  }
  // "type 8 (echo-request)", "type 3 code 4 (destination-unreachable)", "code 0", "all".
  std::string ToString() const;
  friend bool operator==(const IcmpTypeCode&, const IcmpTypeCode&) = default;
};
// The usual name of an ICMP type ("echo-request" for 8), "" for types without one.
std::string IcmpTypeName(int type);

// "tcp", "udp", "icmp", "all", or the number.
std::string ProtocolName(int protocol);
// Accepts the names above, "-1", and numbers 0..255.
std::optional<int> ParseProtocol(const std::string& text);
// Ports are meaningful (and matched) only for TCP and UDP.
inline bool HasPorts(int protocol) { return protocol == kTcp || protocol == kUdp; }

struct Vpc {
  std::string id;
  std::vector<Cidr> cidrs;  // first is the primary block
  std::vector<Ipv6Cidr> ipv6_cidrs;  // IPv6 blocks (Amazon-provided ones are /56)
  Index main_route_table = kNone;
  Index default_network_acl = kNone;
  Index default_security_group = kNone;
  Index internet_gateway = kNone;  // the attached IGW, if any
  bool flow_logs = false;
  // The region's default VPC (`vpcs.X.default: true`, or created for stacks that place resources
  // without a VpcId / SubnetId): model/default_vpc.h says what AWS creates in it.
  bool is_default = false;
  // A deployed estate (`vpcs.X.deployed: true`; every VPC of an imported snapshot): its
  // inventory of network interfaces is complete, so an address of a subnet that no interface
  // holds answers nothing (in a design it stands for a host there, without security groups).
  bool deployed = false;
  SourceLocation location;

  bool Contains(const IpAddress& address) const;  // in one of its blocks, of either family
  // The Amazon DNS resolver: the primary block's base + 2.
  Ipv4 DnsResolver() const { return cidrs.front().base + 2; }
};

struct Subnet {
  std::string id;
  Index vpc = kNone;
  Cidr cidr;
  std::optional<Ipv6Cidr> ipv6_cidr;  // a dual-stack subnet's /64 (inside a block of its VPC)
  std::string az;  // full AZ name, e.g. "us-east-1a"
  Index route_table = kNone;  // resolved: explicit association or the VPC's main table
  Index network_acl = kNone;  // resolved: explicit association or the VPC's default NACL
  // `map_public_ip_on_launch` (CloudFormation's MapPublicIpOnLaunch): an ENI written in the
  // subnet without `public_ip` gets a public address. True for the default VPC's subnets.
  bool map_public_ip_on_launch = false;
  bool default_for_az = false;  // a default subnet of the default VPC, synthesized
  SourceLocation location;

  // AWS reserves network, +1 (router), +2 (DNS), +3 (future) and the broadcast address.
  bool IsReserved(Ipv4 address) const {
    return address - cidr.base < 4 || address == cidr.Last();
  }
  // In its IPv4 block or its IPv6 one.
  bool Contains(const IpAddress& address) const;
  bool IsReserved(const IpAddress& address) const {
    return address.is_v4() && IsReserved(address.v4());
  }
};

enum class RouteTarget {
  kLocal,
  kInternetGateway,
  kNatGateway,
  kGatewayEndpoint,
  kEni,
  kBlackhole,
  kPeeringConnection,
  kTransitGateway,
  kVpnGateway,
};

struct Route {
  // Exactly one of the two destinations is set.
  std::optional<Cidr> destination_cidr;
  Index destination_prefix_list = kNone;
  RouteTarget target = RouteTarget::kLocal;
  Index target_index = kNone;  // into the vector of the target's kind; kNone for local/blackhole
  std::string target_id;       // as written ("local", "blackhole", "nat-a", ...)
  bool implicit = false;       // the local route, or a gateway endpoint's prefix-list route
  // Propagated from a virtual private gateway (RouteTable::propagating_vgws; implicit too): on
  // one prefix, a static or prefix-list route beats it.
  bool propagated = false;
  SourceLocation location;
};

struct RouteTable {
  std::string id;
  Index vpc = kNone;
  bool main = false;
  bool synthesized = false;  // created because the scenario wrote none
  std::vector<Route> routes;  // includes the implicit local and endpoint routes
  // Ingress routing: the internet gateway this table is associated with (an edge association,
  // `route_tables.X.gateway`, CloudFormation's AWS::EC2::GatewayRouteTableAssociation); kNone
  // for a subnet's table. Traffic entering the VPC through that gateway is routed by this table
  // (after the gateway's public-to-private mapping) before it reaches its subnet.
  Index edge_gateway = kNone;
  // Route propagation (`propagating_vgws`, CloudFormation's AWS::EC2::VPNGatewayRoutePropagation):
  // the virtual private gateways whose VPN connections' on-premises prefixes the table receives
  // as propagated routes (Route::propagated, after the written routes).
  std::vector<Index> propagating_vgws;
  SourceLocation location;
};

struct InternetGateway {
  std::string id;
  Index vpc = kNone;
  Index route_table = kNone;  // the gateway route table (edge association), if any
  bool synthesized = false;   // the default VPC's gateway, created by vpcreach
  SourceLocation location;
};

// A VPC peering connection (`peering_connections:`; CloudFormation's
// AWS::EC2::VPCPeeringConnection) between two VPCs of the region whose blocks do not overlap
// (model/peering_builder.h). Routes of either VPC may target it; sim/hops/peering.h says what
// crosses it.
struct PeeringConnection {
  std::string id;
  Index requester = kNone;  // VPC
  Index accepter = kNone;   // VPC
  SourceLocation location;

  // The VPC at the other end from `vpc`; kNone when `vpc` is neither end.
  Index PeerOf(Index vpc) const {
    return vpc == requester ? accepter : vpc == accepter ? requester : kNone;
  }
  bool Connects(Index a, Index b) const {
    return a != b && a != kNone && b != kNone && PeerOf(a) == b;
  }
};

// A transit gateway (`transit_gateways:`; CloudFormation's AWS::EC2::TransitGateway): a regional
// router between the VPCs attached to it (model/transit_gateway_builder.h; sim/hops/
// transit_gateway.h says what crosses it). With default association or propagation on (AWS's
// default), it has a default route table `<id>-default` that new attachments associate with
// and propagate to.
struct TransitGateway {
  std::string id;
  bool default_association = true;  // DefaultRouteTableAssociation: enable
  bool default_propagation = true;  // DefaultRouteTablePropagation: enable
  Index default_route_table = kNone;
  SourceLocation location;
};

// A VPC attachment: the transit gateway's network interface in one subnet per availability zone
// of the VPC. Resources in a zone without an attachment subnet cannot reach the transit gateway.
// Or a peering attachment between two transit gateways (IsPeering).
struct TransitGatewayAttachment {
  std::string id;
  Index transit_gateway = kNone;
  Index vpc = kNone;
  std::vector<Index> subnets;  // one per zone
  Index route_table = kNone;   // the associated transit gateway route table; kNone: none
  std::vector<Index> propagates_to;  // transit gateway route tables
  bool appliance_mode = false;       // ApplianceModeSupport (see sim/hops/transit_gateway.h)
  // A peering attachment (native `peer_transit_gateway`; CloudFormation's
  // AWS::EC2::TransitGatewayPeeringAttachment) joins `transit_gateway` to another transit
  // gateway instead of a VPC: `vpc` is kNone and `subnets` empty, each side associates the one
  // attachment with a table of its own (`route_table` on transit_gateway's side,
  // `peer_route_table` on the peer's), and it propagates nothing: only static routes lead to it.
  Index peer_transit_gateway = kNone;
  Index peer_route_table = kNone;
  SourceLocation location;

  bool IsPeering() const { return peer_transit_gateway != kNone; }
  // Whether it ends at transit gateway `tgw` (either side of a peering).
  bool EndsAt(Index tgw) const { return tgw == transit_gateway || tgw == peer_transit_gateway; }
  // The transit gateway at the other end of a peering from `tgw`.
  Index PeerOf(Index tgw) const {
    return tgw == transit_gateway ? peer_transit_gateway : transit_gateway;
  }
  // The table that routes what arrives at transit gateway `tgw` by this attachment.
  Index TableAt(Index tgw) const {
    return IsPeering() && tgw == peer_transit_gateway ? peer_route_table : route_table;
  }
  // The attachment's subnet in availability zone `az`, or kNone.
  Index SubnetIn(const std::vector<struct Subnet>& all, const std::string& az) const;
};

// A route of a transit gateway route table: static (written), or propagated from an
// attachment's VPC blocks. A blackhole drops.
struct TransitGatewayRoute {
  Cidr destination;
  Index attachment = kNone;  // kNone for a blackhole
  bool blackhole = false;
  bool propagated = false;
  SourceLocation location;
};

struct TransitGatewayRouteTable {
  std::string id;
  Index transit_gateway = kNone;
  bool synthesized = false;  // the transit gateway's default table
  // Most specific first; on one prefix, the static route before the propagated ones (static
  // routes beat propagated ones): the first that holds an address is the one used.
  std::vector<TransitGatewayRoute> routes;
  SourceLocation location;
};

// A virtual private gateway (`vpn_gateways:`; CloudFormation's AWS::EC2::VPNGateway, attached by
// an AWS::EC2::VPCGatewayAttachment with VpnGatewayId): the VPC's end of its Site-to-Site VPN
// connections to on-premises networks (model/vpn_builder.h; sim/hops/vpn.h says what crosses it).
struct VpnGateway {
  std::string id;
  Index vpc = kNone;  // the attached VPC; kNone: attached to none (it carries nothing)
  SourceLocation location;
};

// A customer gateway (`customer_gateways:`; AWS::EC2::CustomerGateway): the on-premises device
// at the far end of VPN connections. Its address is recorded; it decides nothing here.
struct CustomerGateway {
  std::string id;
  std::optional<Ipv4> ip_address;
  SourceLocation location;
};

enum class TunnelState { kUp, kDown };

// A Site-to-Site VPN connection (`vpn_connections:`; AWS::EC2::VPNConnection) between a virtual
// private gateway and a customer gateway. The on-premises prefixes it reaches are its static
// routes (static routing; AWS::EC2::VPNConnectionRoute) or the prefixes the customer gateway
// advertises by BGP (`bgp_prefixes`). It carries traffic while one of its tunnels is up.
struct VpnConnection {
  std::string id;
  Index vpn_gateway = kNone;
  Index customer_gateway = kNone;
  bool static_routes_only = true;
  std::vector<Cidr> static_routes;
  std::vector<Cidr> bgp_prefixes;
  std::vector<TunnelState> tunnels = {TunnelState::kUp, TunnelState::kUp};
  SourceLocation location;

  // Some tunnel is up.
  bool Carries() const;
  // The on-premises prefixes it reaches: static_routes or bgp_prefixes, by its routing.
  const std::vector<Cidr>& Prefixes() const {
    return static_routes_only ? static_routes : bgp_prefixes;
  }
};

struct NatGateway {
  std::string id;
  Index subnet = kNone;
  Ipv4 private_ip = 0;  // assigned from the subnet when not written
  Ipv4 public_ip = 0;   // the Elastic IP; 0 for a private NAT gateway
  bool private_ip_assigned = false;  // true when vpcreach chose the private address
  // `connectivity: private` (CloudFormation `ConnectivityType: private`): translates to its
  // private address only, never reaches the internet through an internet gateway.
  bool is_private = false;
  SourceLocation location;
};

enum class EndpointType { kGateway, kInterface };

struct VpcEndpoint {
  std::string id;
  Index vpc = kNone;
  std::string service;  // catalog name: "s3", "dynamodb", "sagemaker.api", ...
  EndpointType type = EndpointType::kGateway;
  std::vector<Index> route_tables;     // gateway
  Index prefix_list = kNone;           // gateway: the service's AWS-managed prefix list
  std::vector<Index> subnets;          // interface
  std::vector<Index> security_groups;  // interface
  std::vector<Index> enis;             // interface: one per subnet
  // Interface: the service's regional name resolves to `enis` inside `vpc` (native
  // `private_dns`, default true as in EC2's CreateVpcEndpoint; CloudFormation's
  // PrivateDnsEnabled, default false).
  bool private_dns = false;
  // An endpoint policy is written (native `policy`, CloudFormation's PolicyDocument): not
  // modelled, `validate` says so.
  std::optional<SourceLocation> policy;
  SourceLocation location;
};

struct PrefixList {
  std::string id;  // customer lists: the scenario id; AWS-managed: "pl-<service>"
  std::vector<Cidr> cidrs;
  bool aws_managed = false;
  // A literal AWS-managed id (`pl-0123abcd`) that a rule names and the scenario never declares:
  // its addresses are not known offline, so `cidrs` is 0.0.0.0/0. Security-group rules that name
  // it then admit more than AWS may (never less: no "unreachable" rests on a guess), and the
  // loader warns at each such rule.
  bool unknown = false;
  SourceLocation location;
};

struct NaclRule {
  int number = 0;  // 1..32766
  bool allow = true;
  int protocol = kAllProtocols;
  PortRange ports;  // meaningful for tcp/udp only
  IcmpTypeCode icmp;  // meaningful for icmp only
  Cidr cidr;
  SourceLocation location;
};

struct NetworkAcl {
  std::string id;
  Index vpc = kNone;
  bool is_default = false;
  bool synthesized = false;
  std::vector<NaclRule> ingress;  // sorted by number
  std::vector<NaclRule> egress;   // sorted by number
  SourceLocation location;
};

enum class PeerKind { kCidr, kSecurityGroup, kPrefixList };

struct SgRule {
  int protocol = kAllProtocols;
  PortRange ports;  // meaningful for tcp/udp only
  IcmpTypeCode icmp;  // meaningful for icmp only
  PeerKind peer = PeerKind::kCidr;
  Cidr cidr;                 // kCidr
  Index peer_index = kNone;  // kSecurityGroup / kPrefixList
  std::string description;
  bool implicit = false;  // the default allow-all egress rule
  SourceLocation location;
};

struct SecurityGroup {
  std::string id;
  Index vpc = kNone;
  bool synthesized = false;  // a VPC's default group created by vpcreach
  std::vector<SgRule> ingress;
  std::vector<SgRule> egress;
  SourceLocation location;
};

enum class EniOwner { kNone, kNotebook, kTrainingJob, kInterfaceEndpoint, kWorkload };

struct Eni {
  std::string id;  // for owned ENIs: "notebook", "training[0]", "vpce-x/eni-0", "web[1]"
  Index subnet = kNone;
  Ipv4 private_ip = 0;
  // Secondary private addresses (EC2's PrivateIpAddresses beyond the primary): the ENI answers
  // on them and sends from them, as from its primary one. The public IP maps to the primary.
  std::vector<Ipv4> secondary_ips;
  std::vector<bool> secondary_ips_assigned;  // per secondary address: vpcreach chose it
  std::optional<Ipv4> public_ip;
  // IPv6 addresses (in its subnet's IPv6 block): global, so the ENI is reached and sends on them
  // directly, with no translation anywhere.
  std::vector<Ipv6> ipv6_addresses;
  std::vector<Index> security_groups;
  bool source_dest_check = true;
  bool private_ip_assigned = false;  // vpcreach chose the address (no private_ip written)
  // vpcreach gave it `public_ip` on launch: no public_ip written, in a subnet that maps one.
  bool public_ip_assigned = false;
  EniOwner owner = EniOwner::kNone;
  Index owner_index = kNone;  // notebook / training job / endpoint / workload index
  SourceLocation location;

  // Whether `address` is the primary or a secondary private address, or one of its IPv6 ones.
  bool HasPrivateIp(const IpAddress& address) const;
  // The primary private address, then the secondary ones.
  std::vector<Ipv4> PrivateIps() const;
  // The same without a copy (for the solver's inner loops): address k of PrivateIpCount().
  size_t PrivateIpCount() const { return 1 + secondary_ips.size(); }
  Ipv4 PrivateIp(size_t k) const { return k == 0 ? private_ip : secondary_ips[k - 1]; }
};

struct NotebookInstance {
  std::string id;
  Index subnet = kNone;  // kNone: no VPC configured, SageMaker's network only
  std::vector<Index> security_groups;
  bool direct_internet_access = true;  // AWS's default
  bool root_access = true;             // AWS's default
  std::string kms_key_id;
  Index eni = kNone;  // the customer-subnet ENI
  SourceLocation location;
};

struct TrainingJob {
  std::string id;
  std::vector<Index> subnets;  // empty: no VpcConfig, SageMaker's network only
  std::vector<Index> security_groups;
  int instance_count = 1;
  bool network_isolation = false;
  bool inter_container_encryption = false;
  std::vector<Index> enis;  // instance i -> enis[i]; placed round-robin over subnets
  SourceLocation location;
};

// One kind of request a workload's network interfaces answer: a protocol (kAllProtocols: every
// one) and, for tcp and udp, the destination ports.
struct ServedTraffic {
  int protocol = kTcp;
  PortRange ports;
  std::string ToString() const;  // "tcp 5432", "udp 53", "all"
  friend bool operator==(const ServedTraffic&, const ServedTraffic&) = default;
};

// The resources that put network interfaces in a VPC, beyond SageMaker notebooks and training
// jobs and interface endpoints. Their names (WorkloadKindName) are the snake-case nouns of the
// scenario format's `workloads.X.type`.
enum class WorkloadKind {
  kInstance,
  kAutoScalingGroup,
  kLoadBalancer,
  kRdsInstance,
  kRdsCluster,
  kEfsMountTarget,
  kEcsService,
  kLambdaFunction,
  kElastiCacheCluster,
  kOpenSearchDomain,
  kDocDbCluster,
  kNeptuneCluster,
  kDmsReplicationInstance,
  kEksCluster,
  kEksNodegroup,
  kDirectory,
  kSageMakerDomain,
  kSageMakerEndpoint,
  kSageMakerProcessingJob,
};
const char* WorkloadKindName(WorkloadKind kind);  // "rds_instance"
std::optional<WorkloadKind> ParseWorkloadKind(const std::string& name);
std::vector<std::string> WorkloadKindNames();  // every name, in enum order

enum class LoadBalancerType { kApplication, kNetwork, kGateway, kClassic };

// A listener of a load balancer: the port and protocol a client's connection ends at, and the
// target groups the balancer forwards it to (sim/hops/load_balancer.h follows them).
struct LoadBalancerListener {
  std::string protocol;  // as AWS writes it: HTTP, HTTPS, TCP, TLS, UDP, TCP_UDP, SSL, GENEVE
  std::uint16_t port = 0;
  std::vector<Index> target_groups;
  SourceLocation location;
};

// One registered target of a target group: a workload (every interface), an ENI, or an address.
struct TargetGroupTarget {
  std::string id;  // as written: a workload or ENI id, or an address
  Index workload = kNone;
  Index eni = kNone;
  std::optional<Ipv4> ip;
  std::optional<std::uint16_t> port;  // nullopt: the target group's port
  SourceLocation location;
};

struct TargetGroup {
  std::string id;
  Index vpc = kNone;                  // kNone when no target or listener tells
  std::string protocol;               // as AWS writes it, "" when not written
  std::optional<std::uint16_t> port;  // the targets' port
  std::vector<TargetGroupTarget> targets;
  SourceLocation location;
};

// A resource with network interfaces in a VPC (WorkloadKind): its interfaces (enis, one per
// instance, node or subnet as the kind places them), and what they do beyond their security
// groups: which requests they answer and whether they open connections (sim/rules.h, EniRole).
struct Workload {
  std::string id;
  WorkloadKind kind = WorkloadKind::kInstance;
  std::vector<Index> subnets;          // where its interfaces are placed, round-robin
  std::vector<Index> security_groups;  // of the interfaces vpcreach creates from `subnets`
  std::vector<Index> enis;             // interface i -> enis[i]
  // The requests its interfaces answer: nullopt, every request their groups admit; otherwise
  // only these (empty: none at all, as a Lambda function's).
  std::optional<std::vector<ServedTraffic>> serves;
  bool opens_connections = true;
  // A SageMaker domain with PublicInternetOnly: traffic outside the VPC's CIDRs leaves through
  // SageMaker's network, as a notebook's with direct internet access.
  bool sagemaker_internet = false;
  std::string engine;  // databases and caches, as written ("postgres"); "" otherwise
  // Load balancers.
  std::optional<LoadBalancerType> load_balancer_type;
  bool internet_facing = false;
  std::vector<LoadBalancerListener> listeners;
  SourceLocation location;
};

// An outside destination: the internet, or a public AWS service's address ranges.
struct Service {
  std::string name;
  std::vector<Cidr> cidrs;
  std::vector<Cidr> excluded;  // carved out of cidrs (the internet excludes private space)
  std::vector<PortRange> ports;  // the ports it answers on; empty = all
  bool has_gateway_endpoint = false;  // S3, DynamoDB: an AWS-managed prefix list "pl-<name>"
  std::string origin;  // where the ranges came from, for people
  SourceLocation location;  // of the scenario override, if any

  IpRangeSet Addresses() const;
};

struct Expectation {
  std::string name;
  std::string from;
  std::string to;  // empty for only_to expectations
  int protocol = kTcp;
  std::optional<PortRange> ports;  // destination ports; nullopt = all
  PortRange src_ports{1024, 65535};
  IcmpTypeCode icmp;  // protocol icmp: the types and codes asked about (omitted: all)
  std::optional<bool> reachable;
  std::vector<std::string> via;
  std::vector<std::string> avoid;
  std::vector<std::string> only_to;
  SourceLocation location;        // of the list item
  SourceLocation from_location;   // of the `from` value
  SourceLocation to_location;     // of the `to` / `only_to` value
};

// A resource of a CloudFormation stack that vpcreach accepts but does not put in the network (an
// IAM role, a log group, an internet gateway attached to no VPC, an IPv6-only rule, ...), listed
// by `vpcreach validate` so that nothing is dropped silently.
struct IgnoredResource {
  std::string id;      // `STACK/LogicalId`, or `STACK/LogicalId SecurityGroupIngress[1]` for a rule
  std::string type;    // `AWS::IAM::Role`
  std::string reason;  // "not part of the network", "not attached to a VPC", ...
  SourceLocation location;
  // It places network interfaces in a VPC or otherwise shapes what is reachable, and vpcreach
  // does not model it: a warning in validate, check and audit, not a mere listing.
  bool shapes_reachability = false;
  // What to do about it (audit's fix), when the general advice (give it its subnets, or write
  // it as a workload) does not fit; "" for that advice.
  std::string fix;
  // It carries packets that vpcreach does not follow: an IPv6 element (a block, route, rule or
  // gateway; the data plane is IPv4 until issue 12 is done) or a connection to networks outside
  // the model (a VPN, a peering with a VPC outside the stacks, a transit gateway peering, ...).
  // While one that shapes reachability stands, `check` proves no claim about every packet
  // (reachable: false, only_to, via, avoid) and `reach` says its answer is partial.
  bool unfollowed = false;

  // "STACK/Db (AWS::RDS::DBInstance) is not modelled (REASON): what it reaches and what reaches
  // it is not checked", for shapes_reachability.
  std::string Warning() const;
};

struct Model {
  std::string name;
  std::string region = "us-east-1";
  std::vector<std::string> files;

  std::vector<Vpc> vpcs;
  std::vector<Subnet> subnets;
  std::vector<RouteTable> route_tables;
  std::vector<InternetGateway> internet_gateways;
  std::vector<NatGateway> nat_gateways;
  std::vector<PeeringConnection> peering_connections;
  std::vector<TransitGateway> transit_gateways;
  std::vector<TransitGatewayAttachment> transit_gateway_attachments;
  std::vector<TransitGatewayRouteTable> transit_gateway_route_tables;
  std::vector<VpnGateway> vpn_gateways;
  std::vector<CustomerGateway> customer_gateways;
  std::vector<VpnConnection> vpn_connections;
  std::vector<VpcEndpoint> vpc_endpoints;
  std::vector<PrefixList> prefix_lists;
  std::vector<NetworkAcl> network_acls;
  std::vector<SecurityGroup> security_groups;
  std::vector<Eni> enis;
  std::vector<NotebookInstance> notebooks;
  std::vector<TrainingJob> training_jobs;
  std::vector<Workload> workloads;
  std::vector<TargetGroup> target_groups;
  std::vector<Service> services;
  // The interface endpoint services other than s3 and dynamodb (model/endpoint_services.h):
  // endpoints of questions by name, kept apart from `services` (not rows of `matrix`).
  std::vector<Service> endpoint_services;
  std::vector<Expectation> expectations;
  std::vector<IgnoredResource> ignored_resources;  // from `stacks:`, in stack and template order
  // What the loader read with a warning (a CIDR it normalised, a deploy-time value it assumed),
  // in file order; `vpcreach validate` lists them.
  std::vector<Diagnostic> warnings;

  // The ids of the ignored resources that shape reachability and carry packets vpcreach does
  // not follow (IgnoredResource::unfollowed): while any exists, no answer about every packet is
  // a proof.
  std::vector<std::string> Unfollowed() const;
  const Service* FindService(const std::string& name) const;
  // `services` first, then `endpoint_services`; nullptr if neither holds `name`.
  const Service* FindServiceOrEndpointService(const std::string& name) const;
  Index FindPrefixList(const std::string& id) const;
  // Private addresses (primary or secondary) are unique within a VPC (VPCs may overlap).
  // Either family: an IPv6 address of an ENI is found here (it is its own public address too).
  Index FindEniByPrivateIp(Index vpc, const IpAddress& address) const;  // kNone if none
  // IPv4 only: the public (elastic) address an internet gateway translates.
  Index FindEniByPublicIp(const IpAddress& address) const;              // kNone if none
  Index FindNatByPublicIp(const IpAddress& address) const;              // kNone if none
  Index FindNatByPrivateIp(Index vpc, const IpAddress& address) const;  // kNone if none
  Index FindVpcContaining(const IpAddress& address) const;              // kNone if none
  Index FindSubnetContaining(const IpAddress& address) const;           // kNone if none
  Index FindSubnetIn(Index vpc, const IpAddress& address) const;  // the subnet of `vpc`, or kNone
  // Whether a peering connection joins VPCs a and b (security groups may name each other's).
  bool ArePeered(Index a, Index b) const;

  // "" when all invariants in the header comment hold, else the first violation.
  std::string CheckInvariants() const;
};

// The component kinds, as written in scenario files, `via:`/`avoid:` and hop kinds.
inline constexpr const char* kKindVpc = "vpc";
inline constexpr const char* kKindSubnet = "subnet";
inline constexpr const char* kKindRouteTable = "route_table";
inline constexpr const char* kKindInternetGateway = "internet_gateway";
inline constexpr const char* kKindNatGateway = "nat_gateway";
inline constexpr const char* kKindPeeringConnection = "peering_connection";
inline constexpr const char* kKindTransitGateway = "transit_gateway";
inline constexpr const char* kKindTransitGatewayAttachment = "transit_gateway_attachment";
inline constexpr const char* kKindTransitGatewayRouteTable = "transit_gateway_route_table";
inline constexpr const char* kKindVpnGateway = "vpn_gateway";
inline constexpr const char* kKindCustomerGateway = "customer_gateway";
inline constexpr const char* kKindVpnConnection = "vpn_connection";
inline constexpr const char* kKindVpcEndpoint = "vpc_endpoint";
inline constexpr const char* kKindPrefixList = "prefix_list";
inline constexpr const char* kKindNetworkAcl = "network_acl";
inline constexpr const char* kKindSecurityGroup = "security_group";
inline constexpr const char* kKindEni = "eni";
inline constexpr const char* kKindNotebook = "notebook_instance";
inline constexpr const char* kKindTrainingJob = "training_job";
inline constexpr const char* kKindWorkload = "workload";
inline constexpr const char* kKindTargetGroup = "target_group";
inline constexpr const char* kKindService = "service";
inline constexpr const char* kKindSageMakerNetwork = "sagemaker_network";
inline constexpr const char* kKindAmazonProvided = "amazon_provided";

}  // namespace vpcreach

#endif  // VPCREACH_MODEL_MODEL_H_
