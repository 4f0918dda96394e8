// The packet tracer: one concrete packet from an origin through the forwarding graph, forward and
// return, hop by hop, with the rule or route that decided each hop.
//
// It reproduces ../shared/reference/aws-semantics.md: security groups stateful at both ENIs, NACLs
// stateless at every subnet boundary (never inside a subnet), longest-prefix routing with prefix
// lists, the IGW's one-to-one public mapping and refusals, the NAT gateway's source rewrite and
// its own subnet's routes and NACL, gateway endpoints' protocol restriction, source/destination
// check, blackholes, ICMP types and codes (a one-way message has no return leg), and the
// SageMaker paths (direct internet access, network isolation, inter-container encryption as IKE
// udp 500 + ESP).
//
// Filters (SG, NACL) that block are recorded and the walk goes on as if they had allowed, so a
// dropped packet lists every blocking hop of the path (fix one, see the next); a routing or
// gateway refusal ends the walk. The tracer is also the oracle that the set-based solver is
// checked against, so it stays naive: no caching, no shortcuts.
//
// A NAT gateway picks the translated source port of a tcp/udp connection itself, anywhere in
// 1024-65535, whatever the client's port; the reply comes back to that port, and every filter
// on the way that reads it (a NACL, a group that is not stateful for the reply) may refuse some
// choices and admit others. The tracer tries them all: it walks once with the client's own port
// kept (1024 when the client's is lower), notes the port ranges of every NACL and group rule it
// evaluated, and walks again once per cell of 1024-65535 those ranges cut (inside one cell every
// choice meets the same rules; the path itself never depends on the port), per NAT gateway on
// the path (all combinations). The packet is delivered when some choice is: the result shown is
// the walk with the client's port when that one is delivered, else the lowest choice that is,
// else the walk with the client's port. When some choices are delivered and others are not, the
// connection works only sometimes, and `warnings` says which ports fail and which rule refuses
// them (TraceWarning).
//
// Every decision it makes is a function of the packet fields through predicates whose boundaries
// header_space.h collects (CIDR ends, rule ports, ICMP types and codes, protocol numbers); keep it
// so, or update CollectBoundaries, since the exhaustive test (tests/exhaustive_test.cc) relies on
// it.
#ifndef VPCREACH_SIM_TRACER_H_
#define VPCREACH_SIM_TRACER_H_

#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "model/model.h"
#include "sim/endpoint.h"
#include "sim/forwarding_graph.h"
#include "sim/packet.h"

namespace vpcreach {

struct Hop {
  std::string component;  // component id
  std::string kind;       // kKind* from model.h
  std::string decision;   // short, for a person: "egress tcp 443 0.0.0.0/0", "rule 99 allow"
  std::string rule;       // the rule or route that decided, as written; may be empty
  SourceLocation rule_location;  // where that rule or route is written (line 0: implicit/unknown)
  Packet packet;          // the packet as it leaves this hop
  bool blocked = false;
  std::string code;  // the explanation code when blocked (or for a notable rewrite)
};

struct Explanation {
  std::string code;  // Reachability Analyzer vocabulary, or SAGEMAKER_* / NO_PATH
  std::string component;
  std::string message;
};

// A NAT gateway's choice of source port on a trace's path.
struct NatPortChoice {
  Index nat = kNone;
  std::uint16_t inside_port = 0;  // the port the packet came with
  std::uint16_t port = 0;         // the port it leaves with
};

// A delivered trace that works only for some of a NAT gateway's port choices.
inline constexpr const char* kNatPortsWarning = "NGW_EPHEMERAL_PORTS_PARTLY_REFUSED";
struct TraceWarning {
  std::string code;       // kNatPortsWarning
  std::string component;  // the NAT gateway
  // "NAT gateway nat-a picks source ports 1024-65535; replies to ports 1024-32767 are refused by
  // network ACL pub-acl (inbound rule * deny): those connections fail"
  std::string message;
  std::vector<PortRange> ports;  // the choices whose connections fail
  // The first filter that refuses them: its component id and kind, the decision and rule text
  // (as the hop shows them) and where the rule is written (line 0: implicit).
  std::string refused_by;
  std::string refused_by_kind;
  std::string decision;
  std::string rule;
  SourceLocation rule_location;
};

struct TraceOptions {
  // Deliver to addresses in a subnet that no ENI holds (the destination names a subnet or an
  // address range, so a host there is assumed; it has no security group).
  bool deliver_to_subnet_hosts = false;
  // Hop budget per direction; a longer walk is reported as a routing loop (NO_PATH).
  int max_hops = 64;
  // Load balancers followed in a row (sim/hops/load_balancer.h): a request delivered to a
  // listener is followed to the balancer's targets; 0 stops at the balancer.
  int max_proxies = 2;
};

struct ProxiedLeg;

struct TraceResult {
  Packet packet;  // as sent
  // Forward delivered and the reply returned, nothing blocked; for an ICMP message that asks for
  // no reply (packet.h's IsOneWay), forward delivered and nothing blocked (`reverse` is empty).
  bool delivered = false;
  bool forward_arrived = false;  // the forward walk reached an end (perhaps past blocked filters)
  Delivery delivery;       // where the forward packet ended
  std::vector<Hop> forward;
  std::vector<Hop> reverse;  // the reply
  std::vector<Explanation> explanations;  // one per blocking hop, in path order
  std::vector<Vertex> forward_path;       // forwarding-graph vertices visited
  std::string encapsulation;  // "" or how the packet was carried (inter-container encryption)
  std::vector<NatPortChoice> nat_ports;  // the NAT gateways' port choices of this walk, in order
  // Set when the packet is delivered for some of a NAT gateway's port choices and not for
  // others: one per NAT gateway and refusing filter.
  std::vector<TraceWarning> warnings;
  // A request delivered to a load balancer's listener: the balancer's own connections to the
  // listener's targets, one per target address (sim/hops/load_balancer.h). They do not change
  // `delivered`: the client's connection ends at the listener.
  std::vector<ProxiedLeg> backends;

  // Component ids and kinds the request passed on its way (the forward hops, not the reply's):
  // what via:/avoid: read.
  std::set<std::string> Components() const;
};

// A load balancer's connection to one target, opened for a request delivered to its listener.
struct ProxiedLeg {
  std::string balancer;  // the load balancer's id
  std::string decision;  // "listener tcp 443 forwards to target group tg: web[0] ... on tcp 8080"
  std::string target;    // as the target group names it
  TraceResult result;    // traced from the balancer's interface that took the request
};

// The other instances' private addresses when `origin` is an instance of a training job with
// inter-container encryption: traffic to them travels as IPsec (IKE on udp 500, then ESP, IP
// protocol 50), which is what security groups and NACLs see. Empty otherwise.
std::vector<Ipv4> EncryptedPeers(const Model& model, const Origin& origin);
inline constexpr const char* kIpsecCarrier =
    "inter-container encryption: carried as IPsec, IKE on udp 500 and ESP (IP protocol 50)";

class Tracer {
 public:
  // Both must outlive the tracer.
  Tracer(const Model& model, const ForwardingGraph& graph) : model_(model), graph_(graph) {}

  TraceResult Trace(const Origin& origin, const Packet& packet,
                    const TraceOptions& options = {}) const;

  const Model& model() const { return model_; }

 private:
  // Trace without the load balancers' backend legs (sim/hops/load_balancer.h).
  TraceResult TraceDirect(const Origin& origin, const Packet& packet,
                          const TraceOptions& options) const;
  // Every NAT gateway's port choice (see above), and the result to show.
  TraceResult TraceOne(const Origin& origin, const Packet& packet,
                       const TraceOptions& options) const;
  // One walk: the k-th NAT gateway's port choice on the way is choices[k] (the default past the
  // end); the port ranges of the rules evaluated go to `port_cuts` when given.
  TraceResult TraceChoices(const Origin& origin, const Packet& packet, const TraceOptions& options,
                           const std::vector<std::uint16_t>& choices,
                           std::vector<int>* port_cuts) const;

  const Model& model_;
  const ForwardingGraph& graph_;
};

}  // namespace vpcreach

#endif  // VPCREACH_SIM_TRACER_H_
