#include "sim/header_space.h"

#include <algorithm>
#include <limits>
#include <optional>

#include "sim/rules.h"

namespace vpcreach {
namespace {

void AddRange(std::vector<std::uint64_t>* cuts, std::uint64_t lo, std::uint64_t hi) {
  cuts->push_back(lo);
  cuts->push_back(hi + 1);
}

void AddCidr(std::vector<std::uint64_t>* cuts, const Cidr& c) { AddRange(cuts, c.First(), c.Last()); }

void AddPorts(std::vector<int>* cuts, const PortRange& r) {
  cuts->push_back(r.from);
  cuts->push_back(r.to + 1);
}

void AddIcmp(std::vector<int>* cuts, int protocol, const IcmpTypeCode& icmp) {
  if (protocol != kIcmp) return;
  if (std::optional<PortRange> r = IcmpFieldRange(icmp)) AddPorts(cuts, *r);
}

template <typename T>
void SortUnique(std::vector<T>* v) {
  std::sort(v->begin(), v->end());
  v->erase(std::unique(v->begin(), v->end()), v->end());
}

}  // namespace

Boundaries CollectBoundaries(const Model& model) {
  Boundaries b;
  auto& a = b.addresses;
  for (const Vpc& v : model.vpcs) {
    for (const Cidr& c : v.cidrs) AddCidr(&a, c);
    AddCidr(&a, HostCidr(v.DnsResolver()));
  }
  for (const Subnet& s : model.subnets) {
    AddCidr(&a, s.cidr);
    AddRange(&a, s.cidr.base, s.cidr.base + 3);  // reserved addresses
    AddCidr(&a, HostCidr(s.cidr.Last()));
  }
  for (const RouteTable& t : model.route_tables) {
    for (const Route& r : t.routes) {
      if (r.destination_cidr) AddCidr(&a, *r.destination_cidr);
    }
  }
  for (const PrefixList& p : model.prefix_lists) {
    for (const Cidr& c : p.cidrs) AddCidr(&a, c);
  }
  for (const TransitGatewayRouteTable& t : model.transit_gateway_route_tables) {
    for (const TransitGatewayRoute& r : t.routes) AddCidr(&a, r.destination);
  }
  for (const NetworkAcl& n : model.network_acls) {
    for (const auto* rules : {&n.ingress, &n.egress}) {
      for (const NaclRule& r : *rules) {
        AddCidr(&a, r.cidr);
        AddPorts(&b.ports, r.ports);
        AddIcmp(&b.icmp, r.protocol, r.icmp);
        b.protocols.push_back(r.protocol);
      }
    }
  }
  for (const SecurityGroup& g : model.security_groups) {
    for (const auto* rules : {&g.ingress, &g.egress}) {
      for (const SgRule& r : *rules) {
        if (r.peer == PeerKind::kCidr) AddCidr(&a, r.cidr);
        AddPorts(&b.ports, r.ports);
        AddIcmp(&b.icmp, r.protocol, r.icmp);
        b.protocols.push_back(r.protocol);
      }
    }
  }
  for (const Eni& e : model.enis) {
    for (Ipv4 address : e.PrivateIps()) AddCidr(&a, HostCidr(address));
    if (e.public_ip) AddCidr(&a, HostCidr(*e.public_ip));
  }
  // What workloads answer (interface endpoints answer their services' ports, below).
  for (const Workload& w : model.workloads) {
    for (const ServedTraffic& t : w.serves.value_or(std::vector<ServedTraffic>{})) {
      AddPorts(&b.ports, t.ports);
      b.protocols.push_back(t.protocol);
    }
  }
  for (const NatGateway& n : model.nat_gateways) {
    AddCidr(&a, HostCidr(n.private_ip));
    AddCidr(&a, HostCidr(n.public_ip));
  }
  for (const Service& s : model.services) {
    for (const Cidr& c : s.cidrs) AddCidr(&a, c);
    for (const Cidr& c : s.excluded) AddCidr(&a, c);
    for (const PortRange& p : s.ports) AddPorts(&b.ports, p);
  }
  for (const Cidr& c : Rfc1918Blocks()) AddCidr(&a, c);
  for (const char* text : {"169.254.169.123", "169.254.169.253", "169.254.169.254", "0.0.0.0"}) {
    AddCidr(&a, HostCidr(*ParseIpv4(text)));
  }
  a.push_back(0);
  a.push_back(std::uint64_t{1} << 32);

  // Ports. A NAT gateway's own choice of source port (1024-65535) is not a field of the packet:
  // the tracer tries every choice itself (tracer.h), so the client's port needs no cut of its own.
  b.ports.push_back(0);
  b.ports.push_back(1024);
  b.ports.push_back(500);
  b.ports.push_back(501);
  b.ports.push_back(65536);

  // Protocols: each number a rule or a device decides on is its own cell.
  std::vector<int> protocols = {kIcmp, kTcp, kUdp, kEsp};
  for (int p : b.protocols) {
    if (p != kAllProtocols) protocols.push_back(p);
  }
  b.protocols.clear();
  for (int p : protocols) {
    b.protocols.push_back(p);
    b.protocols.push_back(p + 1);
  }
  b.protocols.push_back(0);
  b.protocols.push_back(256);
  // ICMP: each type that asks for a reply, and each reply type, is its own cell (the tracer
  // decides whether to answer, the gateway endpoint carries echo only, and the reply's type,
  // which rules filter, is a function of the request's type alone).
  for (const auto& [request, reply] : kIcmpQueries) {
    for (int type : {request, reply}) {
      b.icmp.push_back(IcmpField(type, 0));
      b.icmp.push_back(IcmpField(type, 0) + 256);
    }
  }
  b.icmp.push_back(0);
  b.icmp.push_back(65536);
  SortUnique(&b.addresses);
  SortUnique(&b.ports);
  SortUnique(&b.protocols);
  SortUnique(&b.icmp);
  return b;
}

namespace {

// Splits [lo, hi] at the sorted cuts.
template <typename T>
std::vector<std::pair<std::uint64_t, std::uint64_t>> Split(std::uint64_t lo, std::uint64_t hi,
                                                            const std::vector<T>& cuts) {
  std::vector<std::pair<std::uint64_t, std::uint64_t>> out;
  auto it = std::upper_bound(cuts.begin(), cuts.end(), static_cast<T>(lo));
  std::uint64_t start = lo;
  for (; it != cuts.end() && static_cast<std::uint64_t>(*it) <= hi; ++it) {
    out.push_back({start, static_cast<std::uint64_t>(*it) - 1});
    start = static_cast<std::uint64_t>(*it);
  }
  out.push_back({start, hi});
  return out;
}

}  // namespace

std::vector<Cell> AddressCells(const IpRangeSet& space, const std::vector<std::uint64_t>& cuts) {
  std::vector<Cell> out;
  for (const IpRange& r : space.Ranges()) {
    for (auto [lo, hi] : Split(r.lo, r.hi, cuts)) {
      out.push_back(Cell{lo, hi, hi - lo >= 2 ? lo + 1 : lo});
    }
  }
  return out;
}

std::vector<Cell> PortCells(const PortRange& range, const std::vector<int>& cuts, int preferred) {
  std::vector<Cell> out;
  for (auto [lo, hi] : Split(range.from, range.to, cuts)) {
    std::uint64_t p = static_cast<std::uint64_t>(preferred);
    out.push_back(Cell{lo, hi, p >= lo && p <= hi ? p : lo});
  }
  // The preferred port's cell first, so the first witness found is the most familiar packet.
  std::stable_partition(out.begin(), out.end(), [&](const Cell& c) {
    return c.representative == static_cast<std::uint64_t>(preferred);
  });
  return out;
}

std::vector<Cell> ProtocolCells(int protocol, const std::vector<int>& cuts) {
  if (protocol != kAllProtocols) {
    auto p = static_cast<std::uint64_t>(protocol);
    return {Cell{p, p, p}};
  }
  std::vector<Cell> out;
  for (auto [lo, hi] : Split(0, 255, cuts)) out.push_back(Cell{lo, hi, lo});
  return out;
}

std::vector<Cell> IcmpCells(const IcmpTypeCode& asked, const std::vector<int>& cuts) {
  // The asked values as intervals of the destination-port field: one when every code of the
  // types is asked, else one per type.
  int type_lo = asked.type == kAllIcmp ? 0 : asked.type;
  int type_hi = asked.type == kAllIcmp ? 255 : asked.type;
  std::vector<std::pair<std::uint64_t, std::uint64_t>> asked_ranges;
  if (asked.code == kAllIcmp) {
    asked_ranges.push_back({IcmpField(type_lo, 0), IcmpField(type_hi, 255)});
  } else {
    for (int t = type_lo; t <= type_hi; ++t) {
      asked_ranges.push_back({IcmpField(t, asked.code), IcmpField(t, asked.code)});
    }
  }
  constexpr std::uint64_t kEcho = IcmpField(kIcmpEchoRequest, 0);
  std::vector<Cell> out;
  for (auto [from, to] : asked_ranges) {
    for (auto [lo, hi] : Split(from, to, cuts)) {
      out.push_back(Cell{lo, hi, kEcho >= lo && kEcho <= hi ? kEcho : lo});
    }
  }
  std::stable_partition(out.begin(), out.end(),
                        [&](const Cell& c) { return c.representative == kEcho; });
  return out;
}

namespace {

constexpr int kPreferredSourcePort = 40000;  // inside Linux's ephemeral range 32768-60999

std::uint64_t SaturatingMul(std::uint64_t a, std::uint64_t b) {
  if (a != 0 && b > std::numeric_limits<std::uint64_t>::max() / a) {
    return std::numeric_limits<std::uint64_t>::max();
  }
  return a * b;
}

std::uint64_t SaturatingAdd(std::uint64_t a, std::uint64_t b) {
  return a > std::numeric_limits<std::uint64_t>::max() - b ? std::numeric_limits<std::uint64_t>::max()
                                                           : a + b;
}

}  // namespace

std::uint64_t CountClasses(const HeaderQuery& q, const Boundaries& b) {
  std::uint64_t addresses = SaturatingMul(AddressCells(q.sources, b.addresses).size(),
                                          AddressCells(q.destinations, b.addresses).size());
  std::uint64_t ports = SaturatingMul(PortCells(q.src_ports, b.ports, 0).size(),
                                      PortCells(q.dst_ports, b.ports, 0).size());
  std::uint64_t icmp = IcmpCells(q.icmp, b.icmp).size();
  std::uint64_t per_address = 0;
  for (const Cell& p : ProtocolCells(q.protocol, b.protocols)) {
    int proto = static_cast<int>(p.representative);
    per_address = SaturatingAdd(per_address, HasPorts(proto) ? ports : proto == kIcmp ? icmp : 1);
  }
  return SaturatingMul(addresses, per_address);
}

void ForEachClass(const HeaderQuery& q, const Boundaries& b,
                  const std::function<bool(const Packet&)>& visit) {
  std::vector<Cell> sources = AddressCells(q.sources, b.addresses);
  std::vector<Cell> destinations = AddressCells(q.destinations, b.addresses);
  std::vector<Cell> src_ports = PortCells(q.src_ports, b.ports, kPreferredSourcePort);
  std::vector<Cell> dst_ports = PortCells(q.dst_ports, b.ports, 443);
  std::vector<Cell> icmp = IcmpCells(q.icmp, b.icmp);
  for (const Cell& protocol : ProtocolCells(q.protocol, b.protocols)) {
    int proto = static_cast<int>(protocol.representative);
    std::vector<Cell> none = {Cell{0, 0, 0}};
    const std::vector<Cell>& sp = HasPorts(proto) ? src_ports : none;
    const std::vector<Cell>& dp = HasPorts(proto) ? dst_ports : proto == kIcmp ? icmp : none;
    for (const Cell& dport : dp) {
      for (const Cell& dst : destinations) {
        for (const Cell& src : sources) {
          for (const Cell& sport : sp) {
            Packet p{static_cast<Ipv4>(src.representative), static_cast<Ipv4>(dst.representative),
                     proto, static_cast<std::uint16_t>(sport.representative),
                     static_cast<std::uint16_t>(dport.representative)};
            if (proto == kIcmp) {  // the source-port field follows (packet.h)
              p = IcmpPacket(p.src, p.dst, IcmpType(p), IcmpCode(p));
            }
            if (!visit(p)) return;
          }
        }
      }
    }
  }
}

}  // namespace vpcreach
