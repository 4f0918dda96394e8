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
// Every decision it makes is a function of the packet fields through predicates whose boundaries
// header_space.h collects (CIDR ends, rule ports, ICMP types and codes, protocol numbers); keep it
// so, or update CollectBoundaries, since the exhaustive test (tests/exhaustive_test.cc) relies on
// it.
#ifndef VPCREACH_SIM_TRACER_H_
#define VPCREACH_SIM_TRACER_H_

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

struct TraceOptions {
  // Deliver to addresses in a subnet that no ENI holds (the destination names a subnet or an
  // address range, so a host there is assumed; it has no security group).
  bool deliver_to_subnet_hosts = false;
  // Hop budget per direction; a longer walk is reported as a routing loop (NO_PATH).
  int max_hops = 64;
};

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

  // Component ids and kinds the request passed on its way (the forward hops, not the reply's):
  // what via:/avoid: read.
  std::set<std::string> Components() const;
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
  TraceResult TraceOne(const Origin& origin, const Packet& packet,
                       const TraceOptions& options) const;

  const Model& model_;
  const ForwardingGraph& graph_;
};

}  // namespace vpcreach

#endif  // VPCREACH_SIM_TRACER_H_
