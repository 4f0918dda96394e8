#include "bench/z3_encoding.h"

#include <z3++.h>

#include <algorithm>
#include <cassert>
#include <map>
#include <tuple>
#include <vector>

namespace vpcreach::bench {
namespace {

constexpr Ipv4 kMetadata = 0xa9fea9feu;      // 169.254.169.254
constexpr Ipv4 kTimeSync = 0xa9fea97bu;      // 169.254.169.123
constexpr Ipv4 kLinkLocalDns = 0xa9fea9fdu;  // 169.254.169.253

// The header at some hop, as expressions over the request's five variables.
struct Header {
  z3::expr src, dst, proto, sport, dport;
  Header Reversed() const { return Header{dst, src, proto, dport, sport}; }
};

class Encoder {
 public:
  Encoder(const Model& model, z3::context& c) : m_(model), c_(c) {}

  z3::expr Bool(bool b) { return c_.bool_val(b); }
  z3::expr Bv(std::uint64_t v, unsigned bits) { return c_.bv_val(v, bits); }

  z3::expr InCidr(const z3::expr& a, const Cidr& cidr) {
    if (cidr.length == 0) return Bool(true);
    unsigned lo = 32 - cidr.length;
    return a.extract(31, lo) == Bv(cidr.base >> lo, cidr.length);
  }
  z3::expr InRange(const z3::expr& a, std::uint64_t lo, std::uint64_t hi, unsigned bits) {
    return z3::uge(a, Bv(lo, bits)) && z3::ule(a, Bv(hi, bits));
  }
  z3::expr InAddresses(const z3::expr& a, const IpRangeSet& set) {
    z3::expr_vector any(c_);
    for (const IpRange& r : set.Ranges()) any.push_back(InRange(a, r.lo, r.hi, 32));
    return z3::mk_or(any);
  }
  z3::expr InVpc(const z3::expr& a, Index vpc) {
    z3::expr_vector any(c_);
    for (const Cidr& cidr : m_.vpcs[vpc].cidrs) any.push_back(InCidr(a, cidr));
    return z3::mk_or(any);
  }
  z3::expr OneOf(const z3::expr& a, const std::vector<Ipv4>& addresses) {
    z3::expr_vector any(c_);
    for (Ipv4 x : addresses) any.push_back(a == Bv(x, 32));
    return z3::mk_or(any);
  }
  z3::expr HasPorts(const Header& h) { return h.proto == Bv(kTcp, 8) || h.proto == Bv(kUdp, 8); }

  // rules.cc: MatchesProtocol && MatchesPorts (on the packet's destination port).
  z3::expr RuleMatches(int protocol, const PortRange& ports, const Header& h) {
    if (protocol == kAllProtocols) return Bool(true);
    z3::expr proto = h.proto == Bv(static_cast<std::uint64_t>(protocol), 8);
    if (ports.IsAll()) return proto;
    return proto && (!HasPorts(h) || InRange(h.dport, ports.from, ports.to, 16));
  }

  // A security group reference: the private addresses of the ENIs that carry the group.
  const std::vector<Ipv4>& Members(Index group) {
    if (members_.empty()) {
      for (const Eni& e : m_.enis) {
        for (Index g : e.security_groups) members_[g].push_back(e.private_ip);
      }
    }
    return members_[group];
  }

  z3::expr SgPeer(const SgRule& r, const z3::expr& peer) {
    switch (r.peer) {
      case PeerKind::kCidr:
        return InCidr(peer, r.cidr);
      case PeerKind::kPrefixList: {
        z3::expr_vector any(c_);
        for (const Cidr& cidr : m_.prefix_lists[r.peer_index].cidrs) {
          any.push_back(InCidr(peer, cidr));
        }
        return z3::mk_or(any);
      }
      case PeerKind::kSecurityGroup:
        return OneOf(peer, Members(r.peer_index));
    }
    return Bool(false);
  }

  // Some rule of some group of the ENI admits h (a disjunction); no groups: no filter.
  z3::expr SecurityGroups(Index eni, const Header& h, bool ingress) {
    const Eni& e = m_.enis[eni];
    if (e.security_groups.empty()) return Bool(true);
    const z3::expr& peer = ingress ? h.src : h.dst;
    z3::expr_vector any(c_);
    for (Index g : e.security_groups) {
      const SecurityGroup& sg = m_.security_groups[g];
      for (const SgRule& r : ingress ? sg.ingress : sg.egress) {
        any.push_back(RuleMatches(r.protocol, r.ports, h) && SgPeer(r, peer));
      }
    }
    return z3::mk_or(any);
  }

  // The subnet's NACL: first matching rule decides, nested if-then-else, implicit deny.
  z3::expr NetworkAcl(Index subnet, const Header& h, bool ingress) {
    const struct NetworkAcl& acl = m_.network_acls[m_.subnets[subnet].network_acl];
    const std::vector<NaclRule>& rules = ingress ? acl.ingress : acl.egress;
    const z3::expr& peer = ingress ? h.src : h.dst;
    z3::expr decision = Bool(false);
    for (auto it = rules.rbegin(); it != rules.rend(); ++it) {
      decision = z3::ite(RuleMatches(it->protocol, it->ports, h) && InCidr(peer, it->cidr),
                         Bool(it->allow), decision);
    }
    return decision;
  }

  // Leaving `from` for `to` (kNone: out of the VPC): NACLs at subnet boundaries only.
  z3::expr Boundary(Index from, Index to, const Header& h) {
    if (from == to) return Bool(true);
    z3::expr out = NetworkAcl(from, h, /*ingress=*/false);
    if (to != kNone) out = out && NetworkAcl(to, h, /*ingress=*/true);
    return out;
  }

  // Longest prefix match over the subnet's table for dst, as nested if-then-else from the longest
  // prefix down (an explicit CIDR before a prefix list of the same length, then table order):
  // true when the route taken satisfies `wanted`; no route matching: false.
  template <typename Wanted>
  z3::expr RouteTaken(Index subnet, const z3::expr& dst, Wanted wanted) {
    const RouteTable& table = m_.route_tables[m_.subnets[subnet].route_table];
    // (length, explicit CIDR, route index, prefix)
    std::vector<std::tuple<int, bool, std::size_t, Cidr>> entries;
    for (std::size_t i = 0; i < table.routes.size(); ++i) {
      const Route& r = table.routes[i];
      if (r.destination_cidr) {
        entries.emplace_back(r.destination_cidr->length, true, i, *r.destination_cidr);
      } else {
        for (const Cidr& cidr : m_.prefix_lists[r.destination_prefix_list].cidrs) {
          entries.emplace_back(cidr.length, false, i, cidr);
        }
      }
    }
    std::stable_sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) {
      if (std::get<0>(a) != std::get<0>(b)) return std::get<0>(a) > std::get<0>(b);
      if (std::get<1>(a) != std::get<1>(b)) return std::get<1>(a);
      return std::get<2>(a) < std::get<2>(b);
    });
    z3::expr taken = Bool(false);
    for (auto it = entries.rbegin(); it != entries.rend(); ++it) {
      taken = z3::ite(InCidr(dst, std::get<3>(*it)), Bool(wanted(table.routes[std::get<2>(*it)])),
                      taken);
    }
    return taken;
  }

  const TrainingJob* IsolatedJob(Index eni) const {
    const Eni& e = m_.enis[eni];
    if (e.owner != EniOwner::kTrainingJob) return nullptr;
    const TrainingJob& job = m_.training_jobs[e.owner_index];
    return job.network_isolation ? &job : nullptr;
  }
  std::vector<Ipv4> JobAddresses(const TrainingJob& job, Index except = kNone) const {
    std::vector<Ipv4> out;
    for (Index e : job.enis) {
      if (e != except) out.push_back(m_.enis[e].private_ip);
    }
    return out;
  }

  // tracer.cc FromEni, for a packet that stays on the VPC path (not Amazon-provided, not through
  // SageMaker's direct internet access). Security groups only when sending a request.
  z3::expr FromEni(Index eni, const Header& h, bool is_return) {
    const Eni& e = m_.enis[eni];
    const Subnet& subnet = m_.subnets[e.subnet];
    z3::expr out = Bool(true);
    if (const TrainingJob* job = IsolatedJob(eni)) out = out && OneOf(h.dst, JobAddresses(*job));
    out = out &&
          !OneOf(h.dst, {m_.vpcs[subnet.vpc].DnsResolver(), kMetadata, kTimeSync, kLinkLocalDns});
    if (e.owner == EniOwner::kNotebook && !is_return &&
        m_.notebooks[e.owner_index].direct_internet_access) {
      out = out && InVpc(h.dst, subnet.vpc);
    }
    if (e.source_dest_check) out = out && h.src == Bv(e.private_ip, 32);
    if (!is_return) out = out && SecurityGroups(eni, h, /*ingress=*/false);
    return out;
  }

  // tracer.cc InSubnet + ArriveEni: delivered to ENI `eni` of `subnet`, filtered.
  z3::expr ArriveEni(Index eni, const Header& h, bool is_return) {
    z3::expr out = h.dst == Bv(m_.enis[eni].private_ip, 32);
    if (const TrainingJob* job = IsolatedJob(eni)) out = out && OneOf(h.src, JobAddresses(*job));
    if (!is_return) out = out && SecurityGroups(eni, h, /*ingress=*/true);
    return out;
  }

  // ENI a -> ENI b over the local route, and b's reply back the same way.
  z3::expr EniToEniPath(Index a, Index b, const Header& h) {
    Index sa = m_.enis[a].subnet;
    Index sb = m_.enis[b].subnet;
    auto local = [](const Route& r) { return r.target == RouteTarget::kLocal; };
    z3::expr forward = FromEni(a, h, false) && RouteTaken(sa, h.dst, local) &&
                       InCidr(h.dst, m_.subnets[sb].cidr) && Boundary(sa, sb, h) &&
                       ArriveEni(b, h, false);
    Header r = h.Reversed();
    z3::expr reply = FromEni(b, r, true) && RouteTaken(sb, r.dst, local) &&
                     InCidr(r.dst, m_.subnets[sa].cidr) && Boundary(sb, sa, r) &&
                     ArriveEni(a, r, true);
    return forward && reply;
  }

  // ENI a -> the internet through NAT gateway n, its subnet's route to the internet gateway, the
  // gateway's public mapping; the reply in through the gateway, translated back by the NAT.
  z3::expr EniToInternetPath(Index a, Index n, const Header& h) {
    const NatGateway& nat = m_.nat_gateways[n];
    Index sa = m_.enis[a].subnet;
    Index sn = nat.subnet;
    Index vpc = m_.subnets[sn].vpc;
    Index igw = m_.vpcs[vpc].internet_gateway;
    if (igw == kNone) return Bool(false);
    // The internet gateway maps the NAT's private address to its Elastic IP (no ENI holds it).
    assert(m_.FindEniByPrivateIp(vpc, nat.private_ip) == kNone);
    auto to_nat = [n](const Route& r) {
      return r.target == RouteTarget::kNatGateway && r.target_index == n;
    };
    auto to_igw = [igw](const Route& r) {
      return r.target == RouteTarget::kInternetGateway && r.target_index == igw;
    };
    auto local = [](const Route& r) { return r.target == RouteTarget::kLocal; };

    z3::expr forward = FromEni(a, h, false) && RouteTaken(sa, h.dst, to_nat) && Boundary(sa, sn, h);
    // The NAT gateway: tcp, udp or icmp, from its VPC; source rewritten, low ports remapped.
    forward = forward &&
              (h.proto == Bv(kTcp, 8) || h.proto == Bv(kUdp, 8) || h.proto == Bv(kIcmp, 8)) &&
              InVpc(h.src, vpc);
    z3::expr nat_port =
        z3::ite(HasPorts(h) && z3::ult(h.sport, Bv(1024, 16)), h.sport + Bv(1024, 16), h.sport);
    Header out{Bv(nat.private_ip, 32), h.dst, h.proto, nat_port, h.dport};
    forward = forward && RouteTaken(sn, out.dst, to_igw) && Boundary(sn, kNone, out);
    // The internet gateway: no private destinations; the source mapped to the Elastic IP.
    z3::expr_vector rfc1918(c_);
    for (const Cidr& cidr : Rfc1918Blocks()) rfc1918.push_back(InCidr(out.dst, cidr));
    forward = forward && !z3::mk_or(rfc1918);
    Header mapped{Bv(nat.public_ip, 32), out.dst, out.proto, out.sport, out.dport};
    // Delivered outside: a public address, and not one of the VPCs' own (that would hairpin).
    const Service* internet = m_.FindService("internet");
    if (internet != nullptr) forward = forward && InAddresses(mapped.dst, internet->Addresses());
    std::vector<Ipv4> public_ips;
    for (const Eni& e : m_.enis) {
      if (e.public_ip) public_ips.push_back(*e.public_ip);
    }
    for (const NatGateway& g : m_.nat_gateways) public_ips.push_back(g.public_ip);
    forward = forward && !OneOf(mapped.dst, public_ips);

    // The reply: to the Elastic IP, in through the internet gateway to the NAT's private address,
    // the NAT subnet's NACL inbound, translated back (the connection's entry matches its port).
    Header r = mapped.Reversed();
    Header in{r.src, Bv(nat.private_ip, 32), r.proto, r.sport, r.dport};
    z3::expr reply = NetworkAcl(sn, in, /*ingress=*/true);
    Header back{in.src, h.src, in.proto, in.sport, h.sport};
    reply = reply && RouteTaken(sn, back.dst, local) && InCidr(back.dst, m_.subnets[sa].cidr) &&
            Boundary(sn, sa, back) && ArriveEni(a, back, true);
    return forward && reply;
  }

  // The query space: src in the origin's addresses, tcp, sport 1024-65535, dport any; and the
  // universe (no ports on protocols without them).
  void AddQuery(z3::solver& s, Index from, const Header& h) {
    s.add(h.src == Bv(m_.enis[from].private_ip, 32));
    s.add(h.proto == Bv(kTcp, 8));
    s.add(InRange(h.sport, 1024, 65535, 16));
    s.add(HasPorts(h) || (h.sport == Bv(0, 16) && h.dport == Bv(0, 16)));
  }

 private:
  const Model& m_;
  z3::context& c_;
  std::map<Index, std::vector<Ipv4>> members_;
};

Header Variables(z3::context& c) {
  return Header{c.bv_const("src", 32), c.bv_const("dst", 32), c.bv_const("proto", 8),
                c.bv_const("sport", 16), c.bv_const("dport", 16)};
}

Z3Answer Solve(z3::context& c, z3::solver& s, const Header& h) {
  Z3Answer answer;
  answer.constraints = s.assertions().size();
  answer.sat = s.check() == z3::sat;
  if (answer.sat) {
    z3::model m = s.get_model();
    auto value = [&](const z3::expr& e) { return m.eval(e, true).get_numeral_uint64(); };
    answer.witness =
        Packet{static_cast<Ipv4>(value(h.src)), static_cast<Ipv4>(value(h.dst)),
               static_cast<int>(value(h.proto)), static_cast<std::uint16_t>(value(h.sport)),
               static_cast<std::uint16_t>(value(h.dport))};
  }
  return answer;
}

}  // namespace

Z3Answer Z3EniToEni(const Model& model, Index from_eni, Index to_eni) {
  z3::context c;
  Encoder enc(model, c);
  Header h = Variables(c);
  z3::solver s(c);
  enc.AddQuery(s, from_eni, h);
  s.add(h.dst == c.bv_val(model.enis[to_eni].private_ip, 32));
  // Inter-container encryption: between instances of one job the wire carries IKE (udp 500) and
  // ESP (protocol 50) instead of the request; both must pass (tracer.cc SameJobEncrypted).
  const Eni& from = model.enis[from_eni];
  std::vector<Ipv4> peers;
  if (from.owner == EniOwner::kTrainingJob &&
      model.training_jobs[from.owner_index].inter_container_encryption) {
    peers = enc.JobAddresses(model.training_jobs[from.owner_index], from_eni);
  }
  Header ike{h.src, h.dst, c.bv_val(kUdp, 8), c.bv_val(500, 16), c.bv_val(500, 16)};
  Header esp{h.src, h.dst, c.bv_val(kEsp, 8), c.bv_val(0, 16), c.bv_val(0, 16)};
  s.add(z3::ite(enc.OneOf(h.dst, peers),
                enc.EniToEniPath(from_eni, to_eni, ike) && enc.EniToEniPath(from_eni, to_eni, esp),
                enc.EniToEniPath(from_eni, to_eni, h)));
  return Solve(c, s, h);
}

Z3Answer Z3EniToInternet(const Model& model, Index from_eni, Index nat) {
  z3::context c;
  Encoder enc(model, c);
  Header h = Variables(c);
  z3::solver s(c);
  enc.AddQuery(s, from_eni, h);
  const Service* internet = model.FindService("internet");
  if (internet != nullptr) s.add(enc.InAddresses(h.dst, internet->Addresses()));
  s.add(enc.EniToInternetPath(from_eni, nat, h));
  return Solve(c, s, h);
}

}  // namespace vpcreach::bench
