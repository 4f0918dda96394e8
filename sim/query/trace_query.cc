#include "sim/query/trace_query.h"

#include <algorithm>
#include <cstdint>

namespace vpcreach {
namespace {

// The address a person would pick from a range: lo+1 when the range has more than two
// addresses (the network address reads like "the whole block"), else lo.
Ipv4 ReadableAddress(const IpRange& range) {
  return static_cast<std::uint64_t>(range.hi) - range.lo + 1 > 2 ? range.lo + 1 : range.lo;
}

std::optional<Ipv4> ParseAddressFlag(const std::string& flag, const std::string& text,
                                     std::string* error) {
  std::optional<Ipv4> address = ParseIpv4(text);
  if (!address) *error = flag + " '" + text + "' is not an IPv4 address (write a.b.c.d)";
  return address;
}

bool PortInRange(const std::string& flag, std::optional<int> port, std::string* error) {
  if (!port || (*port >= 0 && *port <= 65535)) return true;
  *error = flag + " " + std::to_string(*port) + " is out of range; a port is 0-65535";
  return false;
}

// Picks the origin and source address. Origins are in the endpoint's order; the first wins.
bool ChooseSource(const Model& model, const Endpoint& source, const TraceFlags& flags,
                  Origin* origin, Ipv4* address, std::string* error) {
  std::vector<Origin> origins = source.Origins(model);
  if (origins.empty()) {
    *error = flags.from + " has no address to send from";
    return false;
  }
  if (!flags.src_ip) {
    *origin = origins.front();
    const IpRange& first = origin->addresses.Ranges().front();
    // Subnet hosts already exclude the reserved and held addresses: their first is the one.
    *address = origin->kind == OriginKind::kOutside ? ReadableAddress(first) : first.lo;
    return true;
  }
  std::optional<Ipv4> wanted = ParseAddressFlag("--src-ip", *flags.src_ip, error);
  if (!wanted) return false;
  for (const Origin& o : origins) {
    if (o.addresses.Contains(*wanted)) {
      *origin = o;
      *address = *wanted;
      return true;
    }
  }
  // An ENI may send from an address it does not hold: the tracer's source/destination check
  // then decides, which is the point of asking.
  for (const Origin& o : origins) {
    if (o.kind == OriginKind::kEni) {
      *origin = o;
      *address = *wanted;
      return true;
    }
  }
  IpRangeSet all;
  for (const Origin& o : origins) all.Add(o.addresses);
  *error = "--src-ip " + *flags.src_ip + " is not an address of " + flags.from + " (" +
           all.ToString() + ")";
  return false;
}

// True when `destination` names ENIs themselves (an ENI, a notebook, a training job or an
// interface endpoint), not a subnet or an address range that happens to hold some.
bool IsEniDestination(const Endpoint& destination) {
  return !destination.enis.empty() && destination.subnets.empty() && !destination.outside;
}

// The first address of `addresses` from `start` on that is not `avoid` and, inside `subnet`
// (when given), not reserved by AWS; nullopt when there is none.
std::optional<Ipv4> FirstUsable(const IpRangeSet& addresses, std::uint64_t start, Ipv4 avoid,
                                const Subnet* subnet) {
  for (const IpRange& r : addresses.Ranges()) {
    // A few steps suffice: at most the reserved addresses and `avoid` are skipped.
    for (std::uint64_t a = std::max<std::uint64_t>(r.lo, start); a <= r.hi && a < start + 8; ++a) {
      Ipv4 address = static_cast<Ipv4>(a);
      if (address == avoid || (subnet != nullptr && subnet->IsReserved(address))) continue;
      return address;
    }
  }
  return std::nullopt;
}

// `source` is avoided when the destination has another address: a packet to itself teaches
// nothing.
Ipv4 DefaultDestination(const Model& model, const Endpoint& destination, const Origin& origin,
                        Ipv4 source) {
  if (IsEniDestination(destination)) {
    const Eni& eni = model.enis[destination.enis.front()];
    Index vpc = model.subnets[eni.subnet].vpc;
    if (OriginVpc(model, origin) == vpc) return eni.private_ip;
    return eni.public_ip ? *eni.public_ip : eni.private_ip;
  }
  if (!destination.subnets.empty()) {
    // The first address of the range in its first subnet that AWS does not reserve.
    const Subnet& s = model.subnets[destination.subnets.front()];
    IpRangeSet in_subnet = destination.addresses.Intersect(IpRangeSet::Of(s.cidr));
    if (!in_subnet.Empty()) {
      std::uint64_t start = std::max<std::uint64_t>(in_subnet.Ranges().front().lo, s.cidr.base + 4);
      if (auto a = FirstUsable(in_subnet, start, source, &s)) return *a;
    }
  }
  const IpRange& first = destination.addresses.Ranges().front();
  Ipv4 readable = ReadableAddress(first);
  if (readable != source) return readable;
  return FirstUsable(destination.addresses, readable, source, nullptr).value_or(readable);
}

}  // namespace

std::optional<TraceQuery> MakeTraceQuery(const Model& model, const TraceFlags& flags,
                                         std::string* error) {
  std::optional<int> protocol = ParseProtocol(flags.protocol);
  if (!protocol) {
    *error = "--protocol '" + flags.protocol +
             "' is not a protocol; write tcp, udp, icmp or a number 0-255";
    return std::nullopt;
  }
  if (*protocol == kAllProtocols) {
    *error = "trace needs one protocol, not 'all'";
    return std::nullopt;
  }
  if (!PortInRange("--port", flags.port, error) ||
      !PortInRange("--src-port", flags.src_port, error)) {
    return std::nullopt;
  }
  if (!HasPorts(*protocol) && (flags.port || flags.src_port)) {
    *error = std::string(flags.port ? "--port" : "--src-port") +
             " applies to tcp and udp only, not " + ProtocolName(*protocol);
    return std::nullopt;
  }
  for (auto [flag, value] :
       {std::pair{"--icmp-type", flags.icmp_type}, std::pair{"--icmp-code", flags.icmp_code}}) {
    if (!value) continue;
    if (*protocol != kIcmp) {
      *error = std::string(flag) + " applies to icmp only, not " + ProtocolName(*protocol);
      return std::nullopt;
    }
    if (*value < 0 || *value > 255) {
      *error = std::string(flag) + " " + std::to_string(*value) +
               " is out of range; trace sends one packet, of an ICMP type and code 0-255";
      return std::nullopt;
    }
  }

  std::string endpoint_error;
  std::optional<Endpoint> source =
      ResolveEndpoint(model, flags.from, &endpoint_error, /*as_source=*/true);
  if (!source) {
    *error = "--from: " + endpoint_error;
    return std::nullopt;
  }
  std::optional<Endpoint> destination = ResolveEndpoint(model, flags.to, &endpoint_error);
  if (!destination) {
    *error = "--to: " + endpoint_error;
    return std::nullopt;
  }
  if (destination->sagemaker_notebook || destination->sagemaker_job) {
    *error = flags.to + " has no VPC configuration; it cannot be a destination";
    return std::nullopt;
  }
  if (destination->addresses.Empty()) {
    *error = flags.to + " has no address to send to";
    return std::nullopt;
  }

  TraceQuery query;
  query.packet.protocol = *protocol;
  Ipv4 src = 0;
  if (!ChooseSource(model, *source, flags, &query.origin, &src, error)) return std::nullopt;
  query.packet.src = src;
  // A service name leads to the endpoint's interfaces where private DNS says so.
  *destination = destination->SeenFrom(model, query.origin);
  if (flags.dst_ip) {
    std::optional<Ipv4> wanted = ParseAddressFlag("--dst-ip", *flags.dst_ip, error);
    if (!wanted) return std::nullopt;
    if (!destination->addresses.Contains(*wanted)) {
      *error = "--dst-ip " + *flags.dst_ip + " is not an address of " + flags.to + " (" +
               destination->addresses.ToString() + ")";
      return std::nullopt;
    }
    query.packet.dst = *wanted;
  } else {
    query.packet.dst = DefaultDestination(model, *destination, query.origin, src);
  }
  if (query.origin.reaches && !query.origin.reaches->Contains(query.packet.dst)) {
    *error = "--to: " + flags.from + " carries packets into its VPC only, and " + flags.to + " (" +
             query.packet.dst.ToString() + ") is none of its addresses (" +
             query.origin.reaches->ToString() + ")";
    return std::nullopt;
  }
  if (HasPorts(*protocol)) {
    int dst_port = kDefaultTraceDstPort;
    if (flags.port) {
      dst_port = *flags.port;
    } else if (!destination->default_ports.empty()) {
      dst_port = destination->default_ports.front().from;
    }
    query.packet.dst_port = static_cast<std::uint16_t>(dst_port);
    query.packet.src_port =
        static_cast<std::uint16_t>(flags.src_port.value_or(kDefaultTraceSrcPort));
  }
  if (*protocol == kIcmp) {
    query.packet =
        IcmpPacket(query.packet.src, query.packet.dst, flags.icmp_type.value_or(kIcmpEchoRequest),
                   flags.icmp_code.value_or(0));
  }
  query.options.deliver_to_subnet_hosts = destination->AcceptsSubnetHosts();
  query.destination = std::move(*destination);
  return query;
}

void JudgeGatewayDestination(const TraceQuery& query, TraceResult* result) {
  const std::string& endpoint = query.destination.must_pass;
  if (endpoint.empty() || !result->delivered || result->Components().count(endpoint) > 0) return;
  result->delivered = false;
  bool vgw = query.destination.must_pass_kind == kKindVpnGateway;
  result->explanations.push_back(
      Explanation{vgw ? "VGW_NOT_ON_PATH" : "VPCE_GATEWAY_NOT_ON_PATH", endpoint,
                  "the request reaches " + query.packet.dst.ToString() + " without passing " +
                      (vgw ? "virtual private gateway " : "gateway endpoint ") + endpoint +
                      ": the route table on its way has no route to it"});
}

}  // namespace vpcreach
