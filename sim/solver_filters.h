// Conditions on the current header of a path, as sets over the original one (solver.cc): an
// address, a CIDR, an address set, a protocol, a rule's protocol and ports, a security group
// rule's peer, a training job's members; and what a whole filter admits for one shape of the
// header (an ENI's security groups, one group, a NACL, the NACLs on both sides of a crossing),
// memoized in SolverTables: the walk asks for the same few sets on every path.
#ifndef VPCREACH_SIM_SOLVER_FILTERS_H_
#define VPCREACH_SIM_SOLVER_FILTERS_H_

#include "model/ip.h"
#include "model/model.h"
#include "sim/packet_set.h"
#include "sim/solver_tables.h"
#include "sim/symbolic_header.h"

namespace vpcreach {

class HeaderSets {
 public:
  // Both must outlive this.
  HeaderSets(const Model& model, const SolverTables& tables) : model_(model), tables_(tables) {}

  // The current field `f` is in `set`, one of the tables' own sets (memoized by its address when
  // `f` is an original field: SolverTables::AddressSet; any other set: ExprInAddresses), is `a`,
  // is in `c`.
  PacketSet InSet(const SymbolicHeader& h, Field f, const IpRangeSet& set) const;
  PacketSet Is(const SymbolicHeader& h, Field f, Ipv4 a) const { return ExprInRange(h, f, a, a); }
  PacketSet InCidr(const SymbolicHeader& h, Field f, const Cidr& c) const {
    return ExprInRange(h, f, c.First(), c.Last());
  }
  PacketSet ProtocolIs(const SymbolicHeader& h, int protocol) const;
  // A rule's protocol, destination ports and ICMP type and code, as rules.h's MatchesTraffic.
  PacketSet RuleMatches(const SymbolicHeader& h, int rule_protocol, const PortRange& ports,
                        const IcmpTypeCode& icmp) const;
  // ICMP messages that ask for no reply (packet.h's IsOneWay): delivered is all they can be.
  // Memoized, like the filters below.
  const PacketSet& OneWay(const SymbolicHeader& h) const;
  // What a gateway endpoint carries, as rules.h's GatewayEndpointCarries. Memoized.
  const PacketSet& EndpointCarries(const SymbolicHeader& h) const;
  // A security group rule's peer (CIDR, prefix list or group members) on field `f`.
  PacketSet SgPeer(const SymbolicHeader& h, const SgRule& r, Field f) const;
  // The requests ENI `eni` answers (rules.h, EniRole: an interface endpoint's service ports, a
  // workload's served traffic). Memoized.
  const PacketSet& EniAnswers(Index eni, const SymbolicHeader& h) const;
  // Field `f` is the private address of one of the job's instances.
  PacketSet MemberAddresses(const SymbolicHeader& h, const TrainingJob& job, Field f) const;

  // What a filter admits, one way, for the shape of the fields it reads (protocol, destination
  // port, peer address): the security groups of ENI `eni` (any rule of any group), one group,
  // a NACL (first match wins, implicit deny), or leaving subnet `from` and entering subnet `to`
  // (the egress rules of one's NACL and the ingress rules of the other's). References into the
  // tables' memo.
  const PacketSet& SgAdmits(Index eni, bool ingress, const SymbolicHeader& h) const;
  const PacketSet& GroupAdmits(Index group, bool ingress, const SymbolicHeader& h) const;
  const PacketSet& NaclAdmits(Index acl, bool ingress, const SymbolicHeader& h) const;
  const PacketSet& CrossAdmits(Index from, Index to, const SymbolicHeader& h) const;
  // What the batchable ENIs of a subnet (SolverTables::batchable) admit, each on its own address
  // (destination = it, and its security groups inbound), as one set; `h` must have the original
  // destination.
  const PacketSet& SubnetAdmits(Index subnet, const SymbolicHeader& h) const;
  // SubnetAdmits, and when `crossing` from another subnet, the subnet's NACL inbound.
  const PacketSet& LocalAdmits(Index subnet, bool crossing, const SymbolicHeader& h) const;
  // A request from the outside, with current header `h`, to public target `t` (an ENI; see
  // SolverTables::plain_public_target): the requests that the internet gateway maps to it, that
  // its NACL and groups admit, and whose reply its NACL lets out. Kept when the sender is a NAT
  // gateway's address (shared by everything behind it), computed afresh otherwise.
  PacketSet RoundTrip(const PublicTarget& t, const SymbolicHeader& h) const;

 private:
  // The memo key: which filter, and the shape of the fields it reads (for kind 2, both
  // addresses).
  SolverTables::FilterKey KeyOf(int kind, Index index, bool ingress, const SymbolicHeader& h) const;

  const Model& model_;
  const SolverTables& tables_;
};

}  // namespace vpcreach

#endif  // VPCREACH_SIM_SOLVER_FILTERS_H_
