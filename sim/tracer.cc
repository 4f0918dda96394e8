#include "sim/tracer.h"

#include <algorithm>
#include <cassert>

#include "model/workload_kinds.h"
#include "sim/hops/hop_steps.h"
#include "sim/hops/load_balancer.h"
#include "sim/hops/peering.h"
#include "sim/hops/transit_gateway.h"
#include "sim/hops/vpn.h"
#include "sim/rules.h"

namespace vpcreach {
namespace {

constexpr Ipv4 kMetadata = 0xa9fea9feu;     // 169.254.169.254
constexpr Ipv4 kTimeSync = 0xa9fea97bu;     // 169.254.169.123
constexpr Ipv4 kLinkLocalDns = 0xa9fea9fdu;  // 169.254.169.253
constexpr std::uint16_t kIkePort = 500;

// A stateful device's memory of the flow, written by the forward walk, read by the reply.
struct NatEntry {
  Index nat = kNone;
  int protocol = 0;
  IpAddress inside_ip;
  std::uint16_t inside_port = 0;
  std::uint16_t nat_port = 0;
};

struct Connection {
  std::set<Index> sg_enis;  // ENIs whose security groups admitted the request
  std::vector<NatEntry> nat;
  // The NAT gateways' port choices to make, in order (the default past the end; those made go to
  // TraceResult::nat_ports), and where the port ranges of the rules evaluated on the way begin
  // and end, when wanted.
  std::vector<std::uint16_t> choices;
  std::vector<int>* port_cuts = nullptr;
};

// One direction of a trace. Functions return false when the walk ends without arriving.
class Walk : public TracerSteps {
 public:
  Walk(const Model& model, const ForwardingGraph& graph, const TraceOptions& options,
       Connection* connection, bool is_return, TraceResult* result)
      : model_(model),
        graph_(graph),
        options_(options),
        connection_(*connection),
        is_return_(is_return),
        result_(*result),
        hops_(is_return ? result->reverse : result->forward) {}

  bool arrived = false;
  Delivery delivery;
  Exit exit = Exit::kNone;
  Index exit_index = kNone;
  Packet final_packet;

  bool FromOrigin(const Origin& origin, const Packet& p) {
    switch (origin.kind) {
      case OriginKind::kEni:
        return FromEni(origin.index, p, /*forwarding=*/false);
      case OriginKind::kSubnetHost:
        Hop(NodeKind::kSubnet, origin.index,
            HopOf(model_.subnets[origin.index].id, kKindSubnet,
                  "host " + p.src.ToString() + " sends", "", p));
        return Route(origin.index, p, graph_.Of(NodeKind::kSubnet, origin.index));
      case OriginKind::kOutside:
        Hop(NodeKind::kOutside, 0,
            HopOf(origin.label, kKindService, "sends from " + p.src.ToString(), "", p));
        return FromOutside(p);
      case OriginKind::kSageMaker:
        return FromSageMakerOnly(origin, p);
    }
    return false;
  }

  // The reply's first step, from where the request ended.
  bool Reply(const Delivery& d, Exit forward_exit, Index forward_exit_index, const Packet& p) {
    switch (forward_exit) {
      case Exit::kHost:
        if (d.kind == DeliveryKind::kEni) return FromEni(d.index, p, false);
        Hop(NodeKind::kSubnet, d.index,
            HopOf(model_.subnets[d.index].id, kKindSubnet, "host " + p.src.ToString() + " replies",
                  "", p));
        return Route(d.index, p, graph_.Of(NodeKind::kSubnet, d.index));
      case Exit::kOutside:
      case Exit::kInternetGateway:
        Hop(NodeKind::kOutside, 0, HopOf(OutsideName(p.src), kKindService, "replies", "", p));
        return FromOutside(p);
      case Exit::kVpn:
        Hop(NodeKind::kOutside, 0, HopOf(OnPremisesName(p.src), kKindService, "replies", "", p));
        return TraceVpnIn(*this, model_, forward_exit_index, p);
      case Exit::kGatewayEndpoint:
        return EndpointReply(forward_exit_index, p);
      case Exit::kSageMaker:
        Hop(NodeKind::kSageMakerNetwork, 0,
            HopOf("sagemaker-network", kKindSageMakerNetwork, "reply through SageMaker's network",
                  "", p));
        if (d.kind == DeliveryKind::kOutside && forward_exit_index != kNone) {
          return ArriveEni(forward_exit_index, p, /*filtered=*/false);
        }
        return Arrive(DeliveryKind::kOutside, kNone, p);
      case Exit::kAmazonProvided:
        Hop(NodeKind::kAmazonProvided, 0,
            HopOf("amazon-provided", kKindAmazonProvided, "replies", "", p));
        return ArriveEni(forward_exit_index, p, /*filtered=*/false);
      case Exit::kNone:
        break;
    }
    return false;
  }

  // TracerSteps, for the hops of sim/hops/.
  void MoveTo(NodeKind kind, Index index, struct Hop hop) override {
    Hop(kind, index, std::move(hop));
  }
  void Refuse(struct Hop hop, const std::string& code, const std::string& message) override {
    Block(std::move(hop), code, message);
  }
  bool EnterSubnet(Index subnet, const Packet& p) override {
    Hop(NodeKind::kSubnet, subnet, HopOf(model_.subnets[subnet].id, kKindSubnet, "enters", "", p));
    NetworkAcl(subnet, p, /*ingress=*/true);
    return InSubnet(subnet, p);
  }
  void Nacl(Index subnet, const Packet& p, bool ingress) override {
    NetworkAcl(subnet, p, ingress);
  }
  bool RouteFrom(Index subnet, const Packet& p, NodeKind kind, Index index) override {
    return Route(subnet, p, graph_.Of(kind, index));
  }
  bool DeliverOnPremises(Index vgw, const Packet& p) override {
    Hop(NodeKind::kOutside, 0, HopOf(OnPremisesName(p.dst), kKindService, Delivered(), "", p));
    exit = Exit::kVpn;
    exit_index = vgw;
    return Arrive(DeliveryKind::kOutside, kNone, p);
  }

 private:
  struct Hop HopOf(std::string component, std::string kind, std::string decision,
                   std::string rule, const Packet& p) {
    struct Hop h;
    h.component = std::move(component);
    h.kind = std::move(kind);
    h.decision = std::move(decision);
    h.rule = std::move(rule);
    h.packet = p;
    return h;
  }

  // The hop `h` decided by a written rule or route: carries where that rule is written.
  static struct Hop WithRuleAt(struct Hop h, const SourceLocation& rule_location) {
    h.rule_location = rule_location;
    return h;
  }

  // Records a hop at vertex (kind, index), moving along the graph edge that must exist.
  void Hop(NodeKind kind, Index index, struct Hop hop) {
    Vertex v = graph_.Of(kind, index);
    std::vector<Vertex>* path = is_return_ ? &reverse_path_ : &result_.forward_path;
    if (!path->empty() && path->back() != v) {
      assert(graph_.Connected(path->back(), v) && "the tracer moved along a missing edge");
    }
    if (path->empty() || path->back() != v) path->push_back(v);
    hops_.push_back(std::move(hop));
  }

  // Moves along the graph without a hop of its own (a place the next hop's text already names).
  void Visit(NodeKind kind, Index index) {
    Vertex v = graph_.Of(kind, index);
    std::vector<Vertex>* path = is_return_ ? &reverse_path_ : &result_.forward_path;
    if (!path->empty() && path->back() == v) return;
    assert((path->empty() || graph_.Connected(path->back(), v)) && "missing edge");
    path->push_back(v);
  }

  // A filter hop at the current place: no move.
  void Note(struct Hop hop) { hops_.push_back(std::move(hop)); }

  void Block(struct Hop hop, const std::string& code, const std::string& message) {
    hop.blocked = true;
    hop.code = code;
    result_.explanations.push_back(Explanation{code, hop.component, message});
    hops_.push_back(std::move(hop));
  }

  bool OverBudget(const Packet& p, const std::string& component, const char* kind) {
    if (++steps_ <= options_.max_hops) return false;
    Block(HopOf(component, kind, "routing loop", "", p), "NO_PATH",
          "the packet went round more than " + std::to_string(options_.max_hops) +
              " hops without arriving: a routing loop");
    return true;
  }

  // The decision text of an arrival: a path that passed a blocked filter only gets here in the
  // "fix one, see the next" sense, and says so.
  std::string Delivered(const std::string& how = "delivered") const {
    for (const struct Hop& h : hops_) {
      if (h.blocked) return "reached past the blocked hop(s): " + how + " once they allow it";
    }
    return how;
  }

  bool Arrive(DeliveryKind kind, Index index, const Packet& p) {
    arrived = true;
    delivery = Delivery{kind, index, p.dst};
    final_packet = p;
    return true;
  }

  bool IsAmazonProvided(Index vpc, const IpAddress& dst) const {
    return dst == model_.vpcs[vpc].DnsResolver() || dst == kMetadata || dst == kTimeSync ||
           dst == kLinkLocalDns;
  }

  const TrainingJob* IsolatedJobOf(const Eni& eni) const {
    if (eni.owner != EniOwner::kTrainingJob) return nullptr;
    const TrainingJob& job = model_.training_jobs[eni.owner_index];
    return job.network_isolation ? &job : nullptr;
  }

  bool IsMemberAddress(const TrainingJob& job, const IpAddress& address) const {
    for (Index e : job.enis) {
      if (model_.enis[e].private_ip == address) return true;
    }
    return false;
  }

  // ---- hosts -------------------------------------------------------------------------------

  bool FromEni(Index e, const Packet& p, bool forwarding) {
    const Eni& eni = model_.enis[e];
    const Subnet& subnet = model_.subnets[eni.subnet];
    if (!forwarding) {
      Hop(NodeKind::kEni, e, HopOf(eni.id, kKindEni,
                                   (is_return_ ? "replies " : "sends ") + FormatPacket(p), "", p));
    }
    EniRole role = RoleOf(model_, eni);
    if (!role.opens_connections && !is_return_) {
      std::string message =
          eni.owner == EniOwner::kInterfaceEndpoint
              ? role.owner + " only answers requests sent to " +
                    model_.vpc_endpoints[eni.owner_index].service +
                    "; its network interfaces open no connections"
              : role.owner + " opens no connections; its network interfaces only answer requests";
      Block(HopOf(role.component, role.kind,
                  (eni.owner == EniOwner::kInterfaceEndpoint
                       ? "interface endpoint"
                       : WorkloadNoun(model_.workloads[eni.owner_index].kind)) +
                      ": opens no connections",
                  "", p),
            role.outbound_code, message);
      return false;
    }
    if (const TrainingJob* job = IsolatedJobOf(eni); job && !IsMemberAddress(*job, p.dst)) {
      Block(HopOf(job->id, kKindTrainingJob, "network isolation: no outbound traffic", "", p),
            "SAGEMAKER_NETWORK_ISOLATION",
            "training job " + job->id + " runs with network isolation: its containers can only "
            "talk to the job's own instances");
      return false;
    }
    if (IsAmazonProvided(subnet.vpc, p.dst)) {
      Hop(NodeKind::kAmazonProvided, 0,
          HopOf("amazon-provided", kKindAmazonProvided,
                "Amazon-provided service (not filtered by security groups or NACLs)", "", p));
      exit = Exit::kAmazonProvided;
      exit_index = e;
      return Arrive(DeliveryKind::kAmazonProvided, kNone, p);
    }
    if (role.sagemaker_internet && !is_return_ && !model_.vpcs[subnet.vpc].Contains(p.dst)) {
      return ThroughSageMaker(e, p);
    }
    if (eni.source_dest_check && !eni.HasPrivateIp(p.src)) {
      Block(HopOf(eni.id, kKindEni, "source/destination check", "", p),
            "ENI_SOURCE_DEST_CHECK_RESTRICTION",
            eni.id + " has source/destination check enabled and does not send traffic from " +
                p.src.ToString() + ", which is not its address");
      return false;
    }
    SecurityGroups(e, p, /*ingress=*/false);
    return Route(eni.subnet, p, graph_.Of(NodeKind::kEni, e));
  }

  bool ThroughSageMaker(Index e, const Packet& p) {
    const char* why = model_.enis[e].owner == EniOwner::kNotebook ? "direct internet access"
                                                                  : "public internet access";
    Hop(NodeKind::kSageMakerNetwork, 0,
        HopOf("sagemaker-network", kKindSageMakerNetwork,
              std::string(why) + ": leaves through SageMaker's network, not the VPC", "", p));
    return OutsideDelivery(p, Exit::kSageMaker, e, NodeKind::kSageMakerNetwork);
  }

  bool FromSageMakerOnly(const Origin& origin, const Packet& p) {
    Hop(NodeKind::kSageMakerNetwork, 0,
        HopOf("sagemaker-network", kKindSageMakerNetwork,
              origin.label + " has no VPC configuration: it runs in SageMaker's network", "", p));
    if (origin.training_job && model_.training_jobs[origin.index].network_isolation) {
      Block(HopOf(origin.label, kKindTrainingJob, "network isolation: no outbound traffic", "", p),
            "SAGEMAKER_NETWORK_ISOLATION",
            "training job " + origin.label + " runs with network isolation: no outbound calls");
      return false;
    }
    return OutsideDelivery(p, Exit::kSageMaker, kNone, NodeKind::kSageMakerNetwork);
  }

  // Security groups of ENI e for packet p. Records a hop; a block is soft (the walk goes on).
  void SecurityGroups(Index e, const Packet& p, bool ingress) {
    const Eni& eni = model_.enis[e];
    const char* direction = ingress ? "ingress" : "egress";
    if (eni.security_groups.empty()) return;  // owned ENIs without groups (never in practice)
    const std::string& first = model_.security_groups[eni.security_groups.front()].id;
    if (is_return_ && connection_.sg_enis.count(e)) {
      Note(HopOf(first, kKindSecurityGroup,
                 std::string(direction) + ": return traffic of an allowed connection (stateful)",
                 "", p));
      return;
    }
    IpAddress peer = ingress ? p.src : p.dst;
    for (Index g : eni.security_groups) {
      const SecurityGroup& sg = model_.security_groups[g];
      for (const SgRule& r : ingress ? sg.ingress : sg.egress) AddPortCuts(r.protocol, r.ports);
    }
    bool any_rule = false;
    for (Index g : eni.security_groups) {
      const SecurityGroup& sg = model_.security_groups[g];
      for (const SgRule& r : ingress ? sg.ingress : sg.egress) {
        any_rule = true;
        if (MatchesTraffic(r.protocol, r.ports, r.icmp, p) && SgPeerContains(model_, r, peer)) {
          std::string text = SgRuleText(model_, r, ingress);
          Note(WithRuleAt(HopOf(sg.id, kKindSecurityGroup, text, text, p), r.location));
          if (!is_return_) connection_.sg_enis.insert(e);
          return;
        }
      }
    }
    std::string groups;
    for (Index g : eni.security_groups) {
      groups += (groups.empty() ? "" : ", ") + model_.security_groups[g].id;
    }
    std::string what = ProtocolName(p.protocol) +
                       (HasPorts(p.protocol) ? " port " + std::to_string(p.dst_port) : "") +
                       (p.protocol == kIcmp ? " " + IcmpText(IcmpType(p), IcmpCode(p)) : "") +
                       (ingress ? " from " : " to ") + peer.ToString();
    if (!any_rule) {
      Block(HopOf(first, kKindSecurityGroup, std::string("no ") + direction + " rules", "", p),
            "SG_HAS_NO_RULES",
            "security group " + groups + " of " + eni.id + " has no " + direction +
                " rules, so it denies " + what);
    } else {
      Block(HopOf(first, kKindSecurityGroup, std::string("no ") + direction + " rule matches",
                  "", p),
            "ENI_SG_RULES_MISMATCH",
            "no " + std::string(direction) + " rule of security group " + groups + " on " +
                eni.id + " allows " + what);
    }
    // Fix one, see the next: the rest of the path is traced as if the group had allowed it.
    if (!is_return_) connection_.sg_enis.insert(e);
  }

  // The ports where a rule's port range begins and ends (a NAT gateway's choices are cut there).
  void AddPortCuts(int protocol, const PortRange& ports) {
    if (!HasPorts(protocol) || connection_.port_cuts == nullptr) return;
    connection_.port_cuts->push_back(ports.from);
    connection_.port_cuts->push_back(ports.to + 1);
  }

  // NACL of `subnet` for p; soft block.
  void NetworkAcl(Index subnet, const Packet& p, bool ingress) {
    const struct NetworkAcl& acl = model_.network_acls[model_.subnets[subnet].network_acl];
    const char* direction = ingress ? "inbound" : "outbound";
    IpAddress peer = ingress ? p.src : p.dst;
    for (const NaclRule& r : ingress ? acl.ingress : acl.egress) AddPortCuts(r.protocol, r.ports);
    for (const NaclRule& r : ingress ? acl.ingress : acl.egress) {
      if (!MatchesTraffic(r.protocol, r.ports, r.icmp, p) || !r.cidr.Contains(peer)) {
        continue;
      }
      std::string text = NaclRuleText(r);
      std::string decision = std::string(direction) + " rule " + std::to_string(r.number) +
                             (r.allow ? " allow" : " deny");
      if (r.allow) {
        Note(WithRuleAt(HopOf(acl.id, kKindNetworkAcl, decision, text, p), r.location));
      } else {
        Block(WithRuleAt(HopOf(acl.id, kKindNetworkAcl, decision, text, p), r.location),
              "SUBNET_ACL_RESTRICTION",
              "network ACL " + acl.id + " of subnet " + model_.subnets[subnet].id + " denies " +
                  direction + " " + FormatPacket(p) + " by " + text);
      }
      return;
    }
    Block(HopOf(acl.id, kKindNetworkAcl, std::string(direction) + " rule * deny",
                "rule * deny all 0.0.0.0/0", p),
          "SUBNET_ACL_RESTRICTION",
          "no " + std::string(direction) + " rule of network ACL " + acl.id + " (subnet " +
              model_.subnets[subnet].id + ") allows " + FormatPacket(p) +
              ", so the implicit final rule denies it");
  }

  // ---- routing ------------------------------------------------------------------------------

  // Routes p from `subnet` (sent by a host there, or forwarded by a NAT there).
  bool Route(Index subnet, const Packet& p, Vertex from) {
    if (OverBudget(p, model_.route_tables[model_.subnets[subnet].route_table].id, kKindRouteTable)) {
      return false;
    }
    if (graph_.Node(from).kind != NodeKind::kNatGateway) Visit(NodeKind::kSubnet, subnet);
    const Subnet& s = model_.subnets[subnet];
    const RouteTable& table = model_.route_tables[s.route_table];
    const struct Route within = LocalRouteWithin(model_, s);
    const struct Route* r =
        s.cidr.Contains(p.dst) ? &within : LongestPrefixMatch(model_, table, p.dst);
    if (r == nullptr) {
      Visit(NodeKind::kRouteTable, s.route_table);
      Block(HopOf(table.id, kKindRouteTable, "no route", "", p), "NO_ROUTE_TO_DESTINATION",
            "route table " + table.id + " of subnet " + s.id + " has no route to " +
                p.dst.ToString());
      return false;
    }
    std::string text = RouteText(model_, *r);
    if (r->target == RouteTarget::kBlackhole) {
      Visit(NodeKind::kRouteTable, s.route_table);
      Block(WithRuleAt(HopOf(table.id, kKindRouteTable, text, text, p), r->location),
            "BAD_STATE_ROUTE",
            "route " + DestinationText(model_, *r) + " in " + table.id +
                " is a blackhole (its target no longer exists), so the packet is dropped");
      return false;
    }
    // Where the packet goes next: a subnet of the VPC, or out of it (kNone).
    Index next = kNone;
    switch (r->target) {
      case RouteTarget::kLocal:
        for (Index i = 0; i < model_.subnets.size(); ++i) {
          if (model_.subnets[i].vpc == s.vpc && model_.subnets[i].cidr.Contains(p.dst)) next = i;
        }
        break;
      case RouteTarget::kNatGateway:
        next = model_.nat_gateways[r->target_index].subnet;
        break;
      case RouteTarget::kEni:
        next = model_.enis[r->target_index].subnet;
        break;
      case RouteTarget::kInternetGateway:
      case RouteTarget::kGatewayEndpoint:
      case RouteTarget::kBlackhole:
      case RouteTarget::kPeeringConnection:
      case RouteTarget::kTransitGateway:
      case RouteTarget::kVpnGateway:
        break;
    }
    bool nowhere = r->target == RouteTarget::kLocal && next == kNone;
    // NACLs apply at subnet boundaries only: leaving this subnet, then entering the next.
    if (next != subnet && !nowhere) NetworkAcl(subnet, p, /*ingress=*/false);
    Hop(NodeKind::kRouteTable, s.route_table,
        WithRuleAt(HopOf(table.id, kKindRouteTable, text, text, p), r->location));
    if (nowhere) {
      Block(
          HopOf(model_.vpcs[s.vpc].id, kKindVpc, "no subnet holds " + p.dst.ToString(), "", p),
          "UNKNOWN_DESTINATION",
          p.dst.ToString() + " is inside vpc " + model_.vpcs[s.vpc].id + " but no subnet holds it");
      return false;
    }
    if (next != kNone && next != subnet) {
      Hop(NodeKind::kSubnet, next, HopOf(model_.subnets[next].id, kKindSubnet, "enters", "", p));
      NetworkAcl(next, p, /*ingress=*/true);
    } else if (r->target == RouteTarget::kLocal) {
      Hop(NodeKind::kSubnet, next,
          HopOf(model_.subnets[next].id, kKindSubnet, "same subnet: no NACL", "", p));
    }
    switch (r->target) {
      case RouteTarget::kLocal:
        return InSubnet(next, p);
      case RouteTarget::kInternetGateway:
        return InternetGatewayOut(r->target_index, p);
      case RouteTarget::kNatGateway:
        return NatForward(r->target_index, p);
      case RouteTarget::kGatewayEndpoint:
        return EndpointOut(r->target_index, p);
      case RouteTarget::kEni:
        return ArriveByRoute(r->target_index, p);
      case RouteTarget::kPeeringConnection:
        return TracePeering(*this, model_, r->target_index, s.vpc, p);
      case RouteTarget::kTransitGateway:
        return TraceTransitGateway(*this, model_, r->target_index, subnet, p);
      case RouteTarget::kVpnGateway:
        return TraceVpnOut(*this, model_, r->target_index, p);
      case RouteTarget::kBlackhole:
        break;
    }
    return false;
  }

  // p is inside `subnet`, addressed to p.dst.
  bool InSubnet(Index subnet, const Packet& p) {
    Index vpc = model_.subnets[subnet].vpc;
    Index e = model_.FindEniByPrivateIp(vpc, p.dst);
    if (e != kNone && model_.enis[e].subnet == subnet) return ArriveEni(e, p, /*filtered=*/true);
    Index n = model_.FindNatByPrivateIp(vpc, p.dst);
    if (n != kNone && model_.nat_gateways[n].subnet == subnet) return NatAddressed(n, p);
    const Subnet& s = model_.subnets[subnet];
    // In a deployed VPC an address no interface holds answers nothing, but for the reply to a
    // sender no interface holds (the only hosts a reply walk delivers to).
    if (options_.deliver_to_subnet_hosts && !s.IsReserved(p.dst) &&
        (!model_.vpcs[vpc].deployed || is_return_)) {
      Note(HopOf(s.id, kKindSubnet, Delivered("delivered to host " + p.dst.ToString()), "", p));
      exit = Exit::kHost;
      return Arrive(DeliveryKind::kSubnetHost, subnet, p);
    }
    Block(HopOf(s.id, kKindSubnet, "no interface has " + p.dst.ToString(), "", p),
          "UNKNOWN_DESTINATION",
          "no network interface in subnet " + s.id + " has address " + p.dst.ToString());
    return false;
  }

  bool ArriveEni(Index e, const Packet& p, bool filtered) {
    const Eni& eni = model_.enis[e];
    if (filtered && !is_return_ && !OwnerAnswers(e, p)) return false;
    if (filtered) {
      if (const TrainingJob* job = IsolatedJobOf(eni); job && !IsMemberAddress(*job, p.src)) {
        Block(HopOf(job->id, kKindTrainingJob, "network isolation: no inbound traffic", "", p),
              "SAGEMAKER_NETWORK_ISOLATION",
              "training job " + job->id + " runs with network isolation: only its own "
              "instances can reach it");
        return false;
      }
      SecurityGroups(e, p, /*ingress=*/true);
    }
    Hop(NodeKind::kEni, e, HopOf(eni.id, kKindEni, Delivered(), "", p));
    exit = Exit::kHost;
    return Arrive(DeliveryKind::kEni, e, p);
  }

  // What the ENI's owner answers (rules.h, EniRole): an interface endpoint only the service's
  // requests (tcp, on the service's ports), a workload what it serves. Records the refusal.
  bool OwnerAnswers(Index e, const Packet& p) {
    const Eni& eni = model_.enis[e];
    EniRole role = RoleOf(model_, eni);
    if (Answers(role, p)) return true;
    if (eni.owner == EniOwner::kInterfaceEndpoint) {
      const VpcEndpoint& endpoint = model_.vpc_endpoints[eni.owner_index];
      std::string served;
      for (const PortRange& r : InterfaceEndpointPorts(model_, endpoint)) {
        served += (served.empty() ? "" : ", ") + r.ToString();
      }
      Block(HopOf(endpoint.id, kKindVpcEndpoint, "not a request to the service", "", p),
            role.answer_code,
            "interface endpoint " + endpoint.id + " answers only tcp on port " + served + " (" +
                endpoint.service + "), not " + FormatPacket(p));
      return false;
    }
    if (role.answers->empty()) {
      Block(HopOf(role.component, role.kind, "accepts no connections", "", p), role.answer_code,
            role.owner +
                " accepts no connections (its network interfaces carry only the "
                "connections it opens), not " +
                FormatPacket(p));
      return false;
    }
    std::string served = AnswersText(*role.answers);
    Block(HopOf(role.component, role.kind, "answers only " + served, "", p), role.answer_code,
          role.owner + " answers only " + served + ", not " + FormatPacket(p));
    return false;
  }

  // A route whose target is an ENI (an appliance): it forwards only with the check off.
  bool ArriveByRoute(Index e, const Packet& p) {
    const Eni& eni = model_.enis[e];
    if (eni.HasPrivateIp(p.dst)) return ArriveEni(e, p, /*filtered=*/true);
    Hop(NodeKind::kEni, e, HopOf(eni.id, kKindEni, "receives as a route target", "", p));
    SecurityGroups(e, p, /*ingress=*/true);
    if (eni.source_dest_check) {
      Block(HopOf(eni.id, kKindEni, "source/destination check", "", p),
            "ENI_SOURCE_DEST_CHECK_RESTRICTION",
            eni.id + " has source/destination check enabled, so it drops traffic for " +
                p.dst.ToString() + ", which is not its address");
      return false;
    }
    Note(HopOf(eni.id, kKindEni, "forwards (source/destination check off)", "", p));
    SecurityGroups(e, p, /*ingress=*/false);
    return Route(eni.subnet, p, graph_.Of(NodeKind::kEni, e));
  }

  // ---- NAT gateway ---------------------------------------------------------------------------

  bool NatForward(Index n, const Packet& p) {
    const NatGateway& nat = model_.nat_gateways[n];
    Hop(NodeKind::kNatGateway, n, HopOf(nat.id, kKindNatGateway, "receives", "", p));
    for (Index seen : nats_seen_) {
      if (seen == n) {
        Block(HopOf(nat.id, kKindNatGateway, "routing loop", "", p), "NO_PATH",
              "the packet comes back to " + nat.id + " after it translated it: the route table "
              "of the NAT gateway's subnet sends it back to the NAT gateway (a NAT gateway "
              "belongs in a public subnet whose route table points at an internet gateway)");
        return false;
      }
    }
    nats_seen_.push_back(n);
    if (p.protocol != kTcp && p.protocol != kUdp && p.protocol != kIcmp) {
      Block(HopOf(nat.id, kKindNatGateway, "protocol not supported", "", p),
            "PROTOCOL_RESTRICTION",
            "NAT gateway " + nat.id + " translates only tcp, udp and icmp, not " +
                ProtocolName(p.protocol));
      return false;
    }
    Index vpc = model_.subnets[nat.subnet].vpc;
    if (!model_.vpcs[vpc].Contains(p.src)) {
      Block(HopOf(nat.id, kKindNatGateway, "source outside the VPC", "", p),
            "NGW_REQUIRES_SOURCE_IN_VPC",
            "NAT gateway " + nat.id + " only translates traffic from inside vpc " +
                model_.vpcs[vpc].id + ", not from " + p.src.ToString());
      return false;
    }
    Packet out = p;
    out.src = nat.private_ip;
    if (HasPorts(p.protocol)) {
      // The NAT gateway picks the port, anywhere in 1024-65535 (Tracer::TraceOne tries them);
      // by default it keeps the client's.
      std::size_t k = result_.nat_ports.size();
      std::uint16_t kept = std::max(p.src_port, kNatPortFirst);
      out.src_port = k < connection_.choices.size() ? connection_.choices[k] : kept;
      result_.nat_ports.push_back(NatPortChoice{n, p.src_port, out.src_port});
    }
    bool remapped = out.src_port != p.src_port;
    connection_.nat.push_back(NatEntry{n, p.protocol, p.src, p.src_port, out.src_port});
    std::string decision = "source rewritten to " + out.src.ToString();
    if (HasPorts(p.protocol)) decision += ":" + std::to_string(out.src_port);
    struct Hop h = HopOf(nat.id, kKindNatGateway, decision, "", out);
    h.code = remapped ? "REMAP_EPHEMERAL_PORT" : "NGW_SOURCE_ADDRESS_REASSIGN";
    Note(std::move(h));
    return Route(nat.subnet, out, graph_.Of(NodeKind::kNatGateway, n));
  }

  // A packet addressed to the NAT gateway's own private address: a reply to translate back.
  bool NatAddressed(Index n, const Packet& p) {
    const NatGateway& nat = model_.nat_gateways[n];
    Hop(NodeKind::kNatGateway, n, HopOf(nat.id, kKindNatGateway, "receives", "", p));
    // Only a reply is translated back; a request addressed to the NAT gateway (even one that
    // went out through it and came back in, a hairpin) opens a connection from outside.
    for (const NatEntry& entry : is_return_ ? connection_.nat : std::vector<NatEntry>{}) {
      if (entry.nat != n || entry.protocol != p.protocol ||
          (HasPorts(p.protocol) && entry.nat_port != p.dst_port)) {
        continue;
      }
      Packet back = p;
      back.dst = entry.inside_ip;
      back.dst_port = entry.inside_port;
      std::string decision = "destination translated back to " + back.dst.ToString();
      if (HasPorts(p.protocol)) decision += ":" + std::to_string(back.dst_port);
      Note(HopOf(nat.id, kKindNatGateway, decision, "", back));
      return Route(nat.subnet, back, graph_.Of(NodeKind::kNatGateway, n));
    }
    // Addressed to the NAT gateway itself, and no reply: nothing there answers.
    Block(HopOf(nat.id, kKindNatGateway, "no connection to translate", "", p),
          "NGW_NOT_A_DESTINATION",
          "NAT gateway " + nat.id + " answers nothing sent to its own address " + p.dst.ToString() +
              ": it only translates connections its VPC's hosts open, and "
              "carries their replies back");
    return false;
  }

  // ---- internet gateway and the outside ------------------------------------------------------

  bool InternetGatewayOut(Index g, const Packet& p) {
    const InternetGateway& igw = model_.internet_gateways[g];
    Hop(NodeKind::kInternetGateway, g, HopOf(igw.id, kKindInternetGateway, "receives", "", p));
    if (IsRfc1918(p.dst)) {
      Block(HopOf(igw.id, kKindInternetGateway, "private destination", "", p),
            "IGW_DESTINATION_ADDRESS_NOT_IN_RFC1918_EGRESS",
            "internet gateway " + igw.id + " does not send to the private address " +
                p.dst.ToString());
      return false;
    }
    std::optional<Ipv4> public_ip;
    Index e = model_.FindEniByPrivateIp(igw.vpc, p.src);
    // The public address maps to the ENI's primary private address only.
    if (e != kNone && model_.enis[e].private_ip == p.src) public_ip = model_.enis[e].public_ip;
    Index n = model_.FindNatByPrivateIp(igw.vpc, p.src);
    if (n != kNone && !model_.nat_gateways[n].is_private) public_ip = model_.nat_gateways[n].public_ip;
    if (n != kNone && !public_ip) {
      Block(HopOf(igw.id, kKindInternetGateway, "private NAT gateway", "", p),
            "IGW_PUBLIC_IP_ASSOCIATION_FOR_EGRESS",
            "NAT gateway " + model_.nat_gateways[n].id + " is private (no Elastic IP), so "
            "internet gateway " + igw.id + " cannot send its traffic to the internet");
      return false;
    }
    if (!public_ip) {
      Block(HopOf(igw.id, kKindInternetGateway, "no public IP for " + p.src.ToString(), "", p),
            "IGW_PUBLIC_IP_ASSOCIATION_FOR_EGRESS",
            p.src.ToString() + " has no public IP or Elastic IP, so internet gateway " + igw.id +
                " cannot send its traffic to the internet");
      return false;
    }
    Packet out = p;
    out.src = *public_ip;
    Note(HopOf(igw.id, kKindInternetGateway, "source mapped to public " + out.src.ToString(), "",
               out));
    return OutsideDelivery(out, Exit::kInternetGateway, g, NodeKind::kInternetGateway);
  }

  bool PubliclyRoutable(const IpAddress& address) const {
    const Service* internet = model_.FindService("internet");
    if (internet != nullptr) return internet->Addresses().Contains(address);
    return !IsRfc1918(address);
  }

  // Sent from outside every VPC (a question's origin, or the reply to a request delivered
  // outside): from on-premises into a VPC by its virtual private gateway, else on the internet.
  bool FromOutside(const Packet& p) {
    Index vgw = EntryVpnGateway(model_, p.src, p.dst);
    if (vgw != kNone) return TraceVpnIn(*this, model_, vgw, p);
    return Outside(p);
  }

  std::string OnPremisesName(const IpAddress& address) const {
    return "on-premises (" + address.ToString() + ")";
  }

  // On the internet, addressed to p.dst: a public address of a VPC, or somewhere outside.
  bool Outside(const Packet& p) {
    if (OverBudget(p, "internet", kKindService)) return false;
    Index e = model_.FindEniByPublicIp(p.dst);
    Index n = model_.FindNatByPublicIp(p.dst);
    if (e != kNone || n != kNone) {
      Index subnet = e != kNone ? model_.enis[e].subnet : model_.nat_gateways[n].subnet;
      const Vpc& vpc = model_.vpcs[model_.subnets[subnet].vpc];
      if (vpc.internet_gateway == kNone) {
        Block(HopOf(vpc.id, kKindVpc, "no internet gateway", "", p), "NO_PATH",
              p.dst.ToString() + " belongs to vpc " + vpc.id + ", which has no internet gateway");
        return false;
      }
      return InternetGatewayIn(vpc.internet_gateway, p);
    }
    return OutsideDelivery(p, Exit::kNone, kNone, NodeKind::kOutside);
  }

  bool OutsideDelivery(const Packet& p, Exit how, Index how_index, NodeKind from) {
    if (!PubliclyRoutable(p.dst)) {
      Block(HopOf("outside", kKindService, p.dst.ToString() + " is not a public address", "", p),
            "NO_PATH",
            p.dst.ToString() +
                " is not a public address, so nothing outside the "
                "VPC delivers to it");
      return false;
    }
    if (how == Exit::kInternetGateway) {
      // The same internet may lead back into a VPC with a public address (hairpin).
      if (model_.FindEniByPublicIp(p.dst) != kNone || model_.FindNatByPublicIp(p.dst) != kNone) {
        Hop(NodeKind::kOutside, 0, HopOf("internet", kKindService, "public internet", "", p));
        return Outside(p);
      }
    }
    Hop(NodeKind::kOutside, 0, HopOf(OutsideName(p.dst), kKindService, Delivered(), "", p));
    exit = how == Exit::kNone ? Exit::kOutside : how;
    exit_index = how_index;
    (void)from;
    return Arrive(DeliveryKind::kOutside, kNone, p);
  }

  std::string OutsideName(const IpAddress& address) const {
    // The most specific catalog service holding the address, for people.
    std::string best = address.ToString();
    uint64_t best_size = ~uint64_t{0};
    for (const Service& s : model_.services) {
      if (!s.Addresses().Contains(address)) continue;
      uint64_t size = 0;
      for (const Cidr& c : s.cidrs) size += c.Size();
      if (size < best_size) {
        best_size = size;
        best = s.name + " (" + address.ToString() + ")";
      }
    }
    return best;
  }

  bool InternetGatewayIn(Index g, const Packet& p) {
    const InternetGateway& igw = model_.internet_gateways[g];
    Hop(NodeKind::kInternetGateway, g, HopOf(igw.id, kKindInternetGateway, "receives", "", p));
    Packet in = p;
    Index subnet = kNone;
    Index e = model_.FindEniByPublicIp(p.dst);
    if (e != kNone) {
      in.dst = model_.enis[e].private_ip;
      subnet = model_.enis[e].subnet;
    } else {
      Index n = model_.FindNatByPublicIp(p.dst);
      in.dst = model_.nat_gateways[n].private_ip;
      subnet = model_.nat_gateways[n].subnet;
    }
    Note(HopOf(igw.id, kKindInternetGateway, "destination mapped to private " + in.dst.ToString(),
               "", in));
    if (igw.route_table != kNone) return IngressRoute(g, in, subnet);
    Hop(NodeKind::kSubnet, subnet, HopOf(model_.subnets[subnet].id, kKindSubnet, "enters", "", in));
    NetworkAcl(subnet, in, /*ingress=*/true);
    return InSubnet(subnet, in);
  }

  // Ingress routing: the gateway route table of internet gateway g decides where traffic that
  // enters by g goes first (after the mapping to the private address in `subnet`): its subnet
  // (local), or an appliance's network interface, which forwards it by its own subnet's table.
  bool IngressRoute(Index g, const Packet& p, Index subnet) {
    const InternetGateway& igw = model_.internet_gateways[g];
    const RouteTable& table = model_.route_tables[igw.route_table];
    const struct Route* r = LongestPrefixMatch(model_, table, p.dst);
    if (r == nullptr) {
      Visit(NodeKind::kRouteTable, igw.route_table);
      Block(HopOf(table.id, kKindRouteTable, "no route", "", p), "NO_ROUTE_TO_DESTINATION",
            "gateway route table " + table.id + " of " + igw.id + " has no route to " +
                p.dst.ToString());
      return false;
    }
    std::string text = RouteText(model_, *r);
    Hop(NodeKind::kRouteTable, igw.route_table,
        WithRuleAt(HopOf(table.id, kKindRouteTable, text, text, p), r->location));
    if (r->target == RouteTarget::kEni) {
      Index e = r->target_index;
      Index at = model_.enis[e].subnet;
      Hop(NodeKind::kSubnet, at, HopOf(model_.subnets[at].id, kKindSubnet, "enters", "", p));
      NetworkAcl(at, p, /*ingress=*/true);
      return ArriveByRoute(e, p);
    }
    if (r->target != RouteTarget::kLocal) {
      Block(WithRuleAt(HopOf(table.id, kKindRouteTable, text, text, p), r->location),
            "BAD_STATE_ROUTE",
            "route " + DestinationText(model_, *r) + " in gateway route table " + table.id +
                " does not lead into the VPC, so the packet is dropped");
      return false;
    }
    Hop(NodeKind::kSubnet, subnet, HopOf(model_.subnets[subnet].id, kKindSubnet, "enters", "", p));
    NetworkAcl(subnet, p, /*ingress=*/true);
    return InSubnet(subnet, p);
  }

  // ---- gateway endpoint ----------------------------------------------------------------------

  bool EndpointOut(Index v, const Packet& p) {
    const VpcEndpoint& endpoint = model_.vpc_endpoints[v];
    Hop(NodeKind::kGatewayEndpoint, v,
        HopOf(endpoint.id, kKindVpcEndpoint, "gateway endpoint for " + endpoint.service, "", p));
    if (!GatewayEndpointCarries(p)) {
      std::string what = ProtocolName(p.protocol);
      if (p.protocol == kIcmp) what += " " + IcmpText(IcmpType(p), IcmpCode(p));
      Block(HopOf(endpoint.id, kKindVpcEndpoint, "protocol not carried", "", p),
            "VPCE_GATEWAY_PROTOCOL_RESTRICTION",
            "gateway endpoint " + endpoint.id + " carries only tcp and icmp echo, not " + what);
      return false;
    }
    if (!model_.vpcs[endpoint.vpc].Contains(p.src)) {
      Block(HopOf(endpoint.id, kKindVpcEndpoint, "source outside the VPC", "", p),
            "VPCE_GATEWAY_EGRESS_SOURCE_ADDRESS_RESTRICTION",
            "gateway endpoint " + endpoint.id + " carries traffic only from addresses of vpc " +
                model_.vpcs[endpoint.vpc].id);
      return false;
    }
    Hop(NodeKind::kOutside, 0,
        HopOf(OutsideName(p.dst), kKindService, Delivered("delivered over the AWS network"), "", p));
    exit = Exit::kGatewayEndpoint;
    exit_index = v;
    return Arrive(DeliveryKind::kOutside, kNone, p);
  }

  bool EndpointReply(Index v, const Packet& p) {
    const VpcEndpoint& endpoint = model_.vpc_endpoints[v];
    Hop(NodeKind::kOutside, 0, HopOf(OutsideName(p.src), kKindService, "replies", "", p));
    Hop(NodeKind::kGatewayEndpoint, v,
        HopOf(endpoint.id, kKindVpcEndpoint, "back through the gateway endpoint", "", p));
    Index subnet = kNone;
    for (Index i = 0; i < model_.subnets.size(); ++i) {
      if (model_.subnets[i].vpc == endpoint.vpc && model_.subnets[i].cidr.Contains(p.dst)) {
        subnet = i;
      }
    }
    if (subnet == kNone) return false;  // the request came from this VPC, so this cannot happen
    Hop(NodeKind::kSubnet, subnet, HopOf(model_.subnets[subnet].id, kKindSubnet, "enters", "", p));
    NetworkAcl(subnet, p, /*ingress=*/true);
    return InSubnet(subnet, p);
  }

  const Model& model_;
  const ForwardingGraph& graph_;
  const TraceOptions& options_;
  Connection& connection_;
  bool is_return_;
  TraceResult& result_;
  std::vector<struct Hop>& hops_;
  std::vector<Vertex> reverse_path_;
  std::vector<Index> nats_seen_;
  int steps_ = 0;
};

// Merges the hops of the IKE and ESP walks (same places, different filters) into one list.
std::vector<Hop> MergeCarrierHops(const std::vector<Hop>& ike, const std::vector<Hop>& esp) {
  if (ike.size() != esp.size()) {
    std::vector<Hop> out = esp;
    for (Hop h : ike) {
      h.decision = "IKE: " + h.decision;
      out.push_back(std::move(h));
    }
    return out;
  }
  std::vector<Hop> out;
  for (size_t i = 0; i < esp.size(); ++i) {
    Hop h = esp[i];
    if (ike[i].decision != esp[i].decision || ike[i].rule != esp[i].rule) {
      h.decision = "ESP: " + esp[i].decision + "; IKE: " + ike[i].decision;
      if (!ike[i].rule.empty()) h.rule = esp[i].rule + "; " + ike[i].rule;
    }
    if (ike[i].blocked && !h.blocked) {
      h.blocked = true;
      h.code = ike[i].code;
    }
    out.push_back(std::move(h));
  }
  return out;
}

}  // namespace

std::vector<Ipv4> EncryptedPeers(const Model& model, const Origin& origin) {
  std::vector<Ipv4> peers;
  if (origin.kind != OriginKind::kEni) return peers;
  const Eni& eni = model.enis[origin.index];
  if (eni.owner != EniOwner::kTrainingJob) return peers;
  const TrainingJob& job = model.training_jobs[eni.owner_index];
  if (!job.inter_container_encryption) return peers;
  for (Index e : job.enis) {
    if (e != origin.index) peers.push_back(model.enis[e].private_ip);
  }
  return peers;
}

std::set<std::string> TraceResult::Components() const {
  std::set<std::string> out;
  for (const Hop& h : forward) {
    out.insert(h.component);
    out.insert(h.kind);
  }
  return out;
}

TraceResult Tracer::Trace(const Origin& origin, const Packet& packet,
                          const TraceOptions& options) const {
  TraceResult result = TraceDirect(origin, packet, options);
  result.backends = TraceBackends(*this, result, options);
  return result;
}

TraceResult Tracer::TraceDirect(const Origin& origin, const Packet& packet,
                                const TraceOptions& options) const {
  std::vector<Ipv4> peers = EncryptedPeers(model_, origin);
  if (std::find(peers.begin(), peers.end(), packet.dst) == peers.end()) {
    return TraceOne(origin, packet, options);
  }
  // Inter-container encryption: on the wire (and to SGs and NACLs) the flow is an IKE exchange on
  // udp 500 and then ESP, IP protocol 50. Both must pass; the inner header is not seen.
  Packet ike{packet.src, packet.dst, kUdp, kIkePort, kIkePort};
  Packet esp{packet.src, packet.dst, kEsp, 0, 0};
  TraceResult ike_result = TraceOne(origin, ike, options);
  TraceResult result = TraceOne(origin, esp, options);
  result.packet = packet;
  result.encapsulation = kIpsecCarrier;
  result.forward = MergeCarrierHops(ike_result.forward, result.forward);
  result.reverse = MergeCarrierHops(ike_result.reverse, result.reverse);
  for (Explanation e : ike_result.explanations) {
    e.message = "IKE (udp 500): " + e.message;
    result.explanations.push_back(std::move(e));
  }
  for (TraceWarning w : ike_result.warnings) {
    w.message = "IKE (udp 500): " + w.message;
    result.warnings.push_back(std::move(w));
  }
  result.delivered = result.delivered && ike_result.delivered;
  result.forward_arrived = result.forward_arrived && ike_result.forward_arrived;
  return result;
}

TraceResult Tracer::TraceChoices(const Origin& origin, const Packet& packet,
                                 const TraceOptions& options,
                                 const std::vector<std::uint16_t>& choices,
                                 std::vector<int>* port_cuts) const {
  TraceResult result;
  result.packet = packet;
  Connection connection;
  connection.choices = choices;
  connection.port_cuts = port_cuts;
  Walk forward(model_, graph_, options, &connection, /*is_return=*/false, &result);
  forward.FromOrigin(origin, packet);
  result.forward_arrived = forward.arrived;
  result.delivery = forward.delivery;
  if (!forward.arrived) return result;
  if (IsOneWay(packet)) {  // an ICMP message that asks for no reply (packet.h): no return leg
    result.delivered = result.explanations.empty();
    return result;
  }

  // A reply to a host of a subnet (a sender no interface holds) is delivered to that host.
  TraceOptions reply_options = options;
  if (origin.kind == OriginKind::kSubnetHost) reply_options.deliver_to_subnet_hosts = true;
  Walk reply(model_, graph_, reply_options, &connection, /*is_return=*/true, &result);
  Packet answer = forward.final_packet.Reversed();
  reply.Reply(forward.delivery, forward.exit, forward.exit_index, answer);
  bool returned = reply.arrived;
  if (returned) {
    // The reply must reach the sender as the reply to what it sent, else the path is asymmetric
    // (for example a stateful NAT on one direction only) and the connection fails.
    Packet expected = packet.Reversed();
    bool at_sender = reply.final_packet == expected;
    if (origin.kind == OriginKind::kEni) {
      at_sender = at_sender && reply.delivery.kind == DeliveryKind::kEni &&
                  reply.delivery.index == origin.index;
    }
    if (origin.kind == OriginKind::kSageMaker) at_sender = true;
    if (!at_sender) {
      returned = false;
      result.explanations.push_back(Explanation{
          "NO_PATH", origin.label,
          "the reply arrives as " + FormatPacket(reply.final_packet) + ", not as " +
              FormatPacket(expected) + ": the return path differs from the way out"});
    }
  }
  result.delivered = returned && result.explanations.empty();
  return result;
}

}  // namespace vpcreach
