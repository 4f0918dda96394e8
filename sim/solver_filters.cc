#include "sim/solver_filters.h"

#include <array>
#include <cstdint>

#include "sim/rules.h"

namespace vpcreach {
namespace {

// SolverTables::FilterKey kinds.
enum FilterKind : int {
  kEniGroups,
  kNacl,
  kNaclPair,
  kGroup,
  kSubnetEnis,
  kRoundTrip,
  kLocalBatch,
  kOneWay,
  kEndpointCarries,
  kEniAnswers,
};

// One field of a shape as one number: its kind, the original field it reads, its constant.
std::uint64_t Packed(const FieldExpr& e) {
  return (static_cast<std::uint64_t>(e.kind) << 56) | (static_cast<std::uint64_t>(e.field) << 48) |
         e.value;
}

}  // namespace

PacketSet HeaderSets::InSet(const SymbolicHeader& h, Field f, const IpRangeSet& set) const {
  const FieldExpr& e = h[f];
  if (e.kind != FieldExpr::Kind::kOriginal) return ExprInAddresses(h, f, set);
  return tables_.AddressSet(&set, e.field);
}

PacketSet HeaderSets::ProtocolIs(const SymbolicHeader& h, int protocol) const {
  return ExprInRange(h, Field::kProtocol, static_cast<std::uint64_t>(protocol),
                     static_cast<std::uint64_t>(protocol));
}

PacketSet HeaderSets::RuleMatches(const SymbolicHeader& h, int rule_protocol,
                                  const PortRange& ports, const IcmpTypeCode& icmp) const {
  if (rule_protocol == kAllProtocols) return PacketSet::All();
  PacketSet protocol = ProtocolIs(h, rule_protocol);
  if (rule_protocol == kIcmp) {
    std::optional<PortRange> types = IcmpFieldRange(icmp);
    if (!types) return protocol;
    return protocol & ExprInRange(h, Field::kDstPort, types->from, types->to);
  }
  if (!HasPorts(rule_protocol)) return protocol;
  return protocol & ExprInRange(h, Field::kDstPort, ports.from, ports.to);
}

const PacketSet& HeaderSets::EniAnswers(Index eni, const SymbolicHeader& h) const {
  // Reads the protocol and the destination port; the key's third field (the peer) keys a few
  // more entries than needed, each computed once.
  auto [it, added] = tables_.filters.try_emplace(KeyOf(kEniAnswers, eni, /*ingress=*/true, h));
  if (added) {
    const EniRole& role = tables_.roles[eni];
    if (!role.answers) {
      it->second = PacketSet::All();
    } else {
      for (const ServedTraffic& t : *role.answers) {
        it->second |= RuleMatches(h, t.protocol, t.ports, IcmpTypeCode{});
      }
    }
  }
  return it->second;
}

const PacketSet& HeaderSets::OneWay(const SymbolicHeader& h) const {
  // Reads the protocol and the destination-port field only; the key's third field is the
  // destination's shape, which keys a few more entries than needed, each computed once.
  auto [it, added] = tables_.filters.try_emplace(KeyOf(kOneWay, 0, /*ingress=*/false, h));
  if (added) {
    PacketSet queries;
    for (const auto& [request, reply] : kIcmpQueries) {
      queries |= ExprInRange(h, Field::kDstPort, IcmpField(request, 0), IcmpField(request, 255));
    }
    it->second = ProtocolIs(h, kIcmp) - queries;
  }
  return it->second;
}

const PacketSet& HeaderSets::EndpointCarries(const SymbolicHeader& h) const {
  auto [it, added] = tables_.filters.try_emplace(KeyOf(kEndpointCarries, 0, /*ingress=*/false, h));
  if (added) {
    PacketSet echo = ExprInRange(h, Field::kDstPort, IcmpField(kIcmpEchoRequest, 0),
                                 IcmpField(kIcmpEchoRequest, 255)) |
                     ExprInRange(h, Field::kDstPort, IcmpField(kIcmpEchoReply, 0),
                                 IcmpField(kIcmpEchoReply, 255));
    it->second = ProtocolIs(h, kTcp) | (ProtocolIs(h, kIcmp) & echo);
  }
  return it->second;
}

PacketSet HeaderSets::SgPeer(const SymbolicHeader& h, const SgRule& r, Field f) const {
  switch (r.peer) {
    case PeerKind::kCidr:
      return InCidr(h, f, r.cidr);
    case PeerKind::kPrefixList: {
      PacketSet out;
      for (const Cidr& c : model_.prefix_lists[r.peer_index].cidrs) out |= InCidr(h, f, c);
      return out;
    }
    case PeerKind::kSecurityGroup:
      return InSet(h, f, tables_.sg_members[r.peer_index]);
  }
  return PacketSet::Empty();
}

PacketSet HeaderSets::MemberAddresses(const SymbolicHeader& h, const TrainingJob& job, Field f) const {
  PacketSet out;
  for (Index e : job.enis) {
    for (Ipv4 a : model_.enis[e].PrivateIps()) out |= Is(h, f, a);
  }
  return out;
}

SolverTables::FilterKey HeaderSets::KeyOf(int kind, Index index, bool ingress,
                                          const SymbolicHeader& h) const {
  std::array<std::uint64_t, 5> shape{};
  Field peer = ingress ? Field::kSrc : Field::kDst;
  shape[0] = Packed(h[Field::kProtocol]);
  shape[1] = Packed(h[Field::kDstPort]);
  shape[2] = Packed(h[peer]);
  if (kind == kNaclPair) shape[3] = Packed(h[Field::kSrc]);  // both addresses for a pair of NACLs
  if (kind == kRoundTrip || kind == kLocalBatch) {           // these read every field
    for (int i = 0; i < kFieldCount; ++i) shape[i] = Packed(h.fields[i]);
  }
  return {kind, index, ingress, shape};
}

const PacketSet& HeaderSets::SgAdmits(Index eni, bool ingress, const SymbolicHeader& h) const {
  auto [it, added] = tables_.filters.try_emplace(KeyOf(kEniGroups, eni, ingress, h));
  PacketSet& admits = it->second;  // stays valid while GroupAdmits adds entries
  if (added) {
    for (Index g : model_.enis[eni].security_groups) admits |= GroupAdmits(g, ingress, h);
  }
  return admits;
}

const PacketSet& HeaderSets::GroupAdmits(Index group, bool ingress, const SymbolicHeader& h) const {
  auto [it, added] = tables_.filters.try_emplace(KeyOf(kGroup, group, ingress, h));
  PacketSet& admits = it->second;
  if (added) {
    Field peer = ingress ? Field::kSrc : Field::kDst;
    const SecurityGroup& sg = model_.security_groups[group];
    for (const SgRule& r : ingress ? sg.ingress : sg.egress) {
      admits |= RuleMatches(h, r.protocol, r.ports, r.icmp) & SgPeer(h, r, peer);
    }
  }
  return admits;
}

const PacketSet& HeaderSets::NaclAdmits(Index acl, bool ingress, const SymbolicHeader& h) const {
  auto [it, added] = tables_.filters.try_emplace(KeyOf(kNacl, acl, ingress, h));
  PacketSet& admits = it->second;
  if (added) {
    const NetworkAcl& nacl = model_.network_acls[acl];
    Field peer = ingress ? Field::kSrc : Field::kDst;
    PacketSet decided;
    for (const NaclRule& r : ingress ? nacl.ingress : nacl.egress) {
      PacketSet match = RuleMatches(h, r.protocol, r.ports, r.icmp) & InCidr(h, peer, r.cidr);
      if (r.allow) admits |= match - decided;
      decided |= match;
    }
  }
  return admits;
}

const PacketSet& HeaderSets::CrossAdmits(Index from, Index to, const SymbolicHeader& h) const {
  Index from_acl = model_.subnets[from].network_acl, to_acl = model_.subnets[to].network_acl;
  Index pair = from_acl * model_.network_acls.size() + to_acl;
  auto [it, added] = tables_.filters.try_emplace(KeyOf(kNaclPair, pair, /*ingress=*/false, h));
  PacketSet& admits = it->second;
  if (added) admits = NaclAdmits(from_acl, /*ingress=*/false, h) & NaclAdmits(to_acl, /*ingress=*/true, h);
  return admits;
}

const PacketSet& HeaderSets::SubnetAdmits(Index subnet, const SymbolicHeader& h) const {
  auto [it, added] = tables_.filters.try_emplace(KeyOf(kSubnetEnis, subnet, /*ingress=*/true, h));
  PacketSet& admits = it->second;
  if (!added) return admits;
  for (Index e : tables_.enis_in_subnet[subnet]) {
    if (!tables_.batchable[e]) continue;
    const Eni& eni = model_.enis[e];
    PacketSet entry = Is(h, Field::kDst, eni.private_ip);
    if (!eni.security_groups.empty()) entry &= SgAdmits(e, /*ingress=*/true, h);
    admits |= entry;
  }
  return admits;
}

const PacketSet& HeaderSets::LocalAdmits(Index subnet, bool crossing,
                                         const SymbolicHeader& h) const {
  auto [it, added] = tables_.filters.try_emplace(
      KeyOf(kLocalBatch, subnet * 2 + (crossing ? 1 : 0), /*ingress=*/true, h));
  PacketSet& admits = it->second;
  if (added) {
    admits = SubnetAdmits(subnet, h);
    if (crossing) admits &= NaclAdmits(model_.subnets[subnet].network_acl, /*ingress=*/true, h);
  }
  return admits;
}

PacketSet HeaderSets::RoundTrip(const PublicTarget& t, const SymbolicHeader& h) const {
  auto compute = [&] {
    const Eni& eni = model_.enis[t.eni];
    Index acl = model_.subnets[t.subnet].network_acl;
    SymbolicHeader at = h;
    at[Field::kDst] = FieldExpr::Constant(t.private_ip);
    PacketSet through = ExprInRange(h, Field::kDst, t.public_ip, t.public_ip) &
                        NaclAdmits(acl, /*ingress=*/true, at);
    if (!eni.security_groups.empty() && !through.IsEmpty()) {
      through &= SgAdmits(t.eni, /*ingress=*/true, at);
    }
    if (!through.IsEmpty()) through &= NaclAdmits(acl, /*ingress=*/false, at.Reversed());
    return through;
  };
  const FieldExpr& sender = h[Field::kSrc];
  if (sender.kind != FieldExpr::Kind::kConstant ||
      !tables_.nat_public_addresses.Contains(static_cast<Ipv4>(sender.value))) {
    return compute();  // a sender of its own: not worth keeping
  }
  auto [it, added] = tables_.filters.try_emplace(KeyOf(kRoundTrip, t.eni, /*ingress=*/true, h));
  if (added) it->second = compute();
  return it->second;
}

}  // namespace vpcreach
