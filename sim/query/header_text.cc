#include "sim/query/header_text.h"

#include <optional>

#include "model/ip.h"
#include "model/model.h"

namespace vpcreach {

std::string RangeText(Field f, const FieldRange& r) {
  if (f == Field::kSrc || f == Field::kDst) {
    if (r.lo == r.hi) return FormatIpv4(static_cast<Ipv4>(r.lo));
    IpRangeSet set;
    set.Add(IpRange{static_cast<Ipv4>(r.lo), static_cast<Ipv4>(r.hi)});
    return set.ToString();
  }
  auto lo = static_cast<std::uint64_t>(r.lo), hi = static_cast<std::uint64_t>(r.hi);
  if (lo == hi) return std::to_string(lo);
  return std::to_string(lo) + "-" + std::to_string(hi);
}

bool WholeRange(Field f, const FieldRange& r) {
  // An address field's whole range is of IPv4 addresses (its values: 32 bits).
  return r.lo == 0 && r.hi == (FieldWord{1} << FieldBits(f, Family::kIpv4)) - 1;
}

std::string HeaderText(const Cube& c, bool show_src, bool show_src_port) {
  std::string out;
  const FieldRange& proto = c[Field::kProtocol];
  if (WholeRange(Field::kProtocol, proto)) {
    out = "any protocol";
  } else if (proto.lo == proto.hi) {
    out = ProtocolName(static_cast<int>(proto.lo));
  } else {
    out = "protocols " + RangeText(Field::kProtocol, proto);
  }
  bool ports = proto.lo == proto.hi && HasPorts(static_cast<int>(proto.lo));
  if (ports && !WholeRange(Field::kDstPort, c[Field::kDstPort])) {
    out += " dst-port " + RangeText(Field::kDstPort, c[Field::kDstPort]);
  }
  if (proto.lo == kIcmp && proto.hi == kIcmp && !WholeRange(Field::kDstPort, c[Field::kDstPort])) {
    out += " " + IcmpFieldText(c[Field::kDstPort]);
  }
  out += " to " + RangeText(Field::kDst, c[Field::kDst]);
  if (show_src) out += " from " + RangeText(Field::kSrc, c[Field::kSrc]);
  if (ports && show_src_port) out += " src-port " + RangeText(Field::kSrcPort, c[Field::kSrcPort]);
  return out;
}

namespace {

// Only protocol and destination port left, of either family (as IPv4 packets, so once);
// non-tcp/udp packets keep port 0 (the universe).
PacketSet ProtocolsAndPorts(const PacketSet& set) {
  PacketSet universe =
      PacketSet::Universe().Traffic().Forget(Field::kSrcPort) & PacketSet::OfFamily(Family::kIpv4);
  return set.Traffic().Forget(Field::kSrcPort) & universe;
}

std::string CubePhrase(const Cube& c) {
  const FieldRange& proto = c[Field::kProtocol];
  if (WholeRange(Field::kProtocol, proto)) return "all";
  std::string out = proto.lo == proto.hi ? ProtocolName(static_cast<int>(proto.lo))
                                         : "protocols " + RangeText(Field::kProtocol, proto);
  bool ports = proto.lo == proto.hi && HasPorts(static_cast<int>(proto.lo));
  bool icmp = proto.lo == kIcmp && proto.hi == kIcmp;
  if ((ports || icmp) && !WholeRange(Field::kDstPort, c[Field::kDstPort])) {
    out += " " + (icmp ? IcmpFieldText(c[Field::kDstPort])
                       : RangeText(Field::kDstPort, c[Field::kDstPort]));
  }
  return out;
}

std::optional<std::vector<std::string>> Phrases(const PacketSet& projected, std::size_t limit) {
  std::optional<std::vector<Cube>> cubes = projected.Forget(Field::kDst).Forget(Field::kSrc)
                                               .Forget(Field::kSrcPort).Cubes(limit);
  if (!cubes) return std::nullopt;
  std::vector<std::string> out;
  for (const Cube& c : *cubes) out.push_back(CubePhrase(c));
  return out;
}

}  // namespace

std::vector<std::string> ProtocolPortPhrases(const PacketSet& set, std::size_t limit) {
  PacketSet projected = ProtocolsAndPorts(set);
  // The universe with the other fields forgotten is "all": every protocol, its ports.
  PacketSet all = ProtocolsAndPorts(PacketSet::Universe());
  if (projected == all) return {"all"};
  if (std::optional<std::vector<std::string>> direct = Phrases(projected, limit)) return *direct;
  if (std::optional<std::vector<std::string>> rest = Phrases(all - projected, 2)) {
    std::string joined;
    for (const std::string& p : *rest) joined += (joined.empty() ? "" : ", ") + p;
    return {"all but " + joined};
  }
  std::optional<std::vector<Cube>> some = projected.Forget(Field::kDst).Forget(Field::kSrc)
                                              .Forget(Field::kSrcPort).Cubes(1000);
  std::vector<std::string> out;
  if (some) {
    for (std::size_t i = 0; i < some->size() && i < limit; ++i) out.push_back(CubePhrase((*some)[i]));
  }
  out.push_back("...");
  return out;
}

}  // namespace vpcreach
