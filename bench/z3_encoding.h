// A straightforward SMT encoding of two reach questions, for Z3, to compare vpcreach's solver with.
//
// The packet is five bit-vectors (src 32, dst 32, proto 8, sport 16, dport 16). The constraints
// follow sim/tracer.cc hop by hop for one path, built from the loaded Model:
//   - security groups: a disjunction over the rules of the ENI's groups (protocol, destination
//     port, peer: CIDR, prefix list, or the private addresses of the ENIs carrying a group);
//   - NACLs: the ordered rules as nested if-then-else, first match wins, implicit deny;
//   - routing: longest prefix match over the table (prefix lists with each of their CIDRs) as
//     nested if-then-else from the longest prefix down, the path's route kind required;
//   - the NAT gateway's source rewrite (src := its private address, source ports below 1024
//     remapped), its subnet's NACL both ways and its route to the internet gateway; the internet
//     gateway's refusal of RFC 1918 destinations and its public mapping (src := the NAT's Elastic
//     IP); the reply with swapped fields, NACLs again, security groups stateful (no constraint).
// Questions:
//   EniToEni:      origin ENI -> ENI b (its private address) over the local route, both ways;
//                  inter-container encryption (same job) as IKE udp 500 and ESP, both required.
//   EniToInternet: origin ENI -> an `internet` address through NAT gateway `nat` and its VPC's
//                  internet gateway, delivered outside (not hairpinned to a public IP of the VPCs).
// Both add the query space: src in the origin's addresses, tcp, sport 1024-65535, dport any.
#ifndef VPCREACH_BENCH_Z3_ENCODING_H_
#define VPCREACH_BENCH_Z3_ENCODING_H_

#include <cstddef>
#include <optional>

#include "model/model.h"
#include "sim/packet.h"

namespace vpcreach::bench {

struct Z3Answer {
  bool sat = false;
  std::optional<Packet> witness;  // when sat: Z3's model
  std::size_t constraints = 0;    // top-level assertions
};

// Is some request delivered and answered? (Encoding and solving, in a fresh z3::context.)
Z3Answer Z3EniToEni(const Model& model, Index from_eni, Index to_eni);
Z3Answer Z3EniToInternet(const Model& model, Index from_eni, Index nat);

}  // namespace vpcreach::bench

#endif  // VPCREACH_BENCH_Z3_ENCODING_H_
