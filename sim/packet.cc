#include "sim/packet.h"

namespace vpcreach {

std::optional<int> IcmpReplyType(int type) {
  for (const auto& [request, reply] : kIcmpQueries) {
    if (request == type) return reply;
  }
  return std::nullopt;
}

Packet IcmpPacket(Ipv4 src, Ipv4 dst, int type, int code) {
  std::optional<int> reply = IcmpReplyType(type);
  return Packet{src, dst, kIcmp, reply ? IcmpField(*reply, 0) : std::uint16_t{0},
                IcmpField(type, code)};
}

std::string IcmpText(int type, int code) {
  std::string name = IcmpTypeName(type);
  if (name.empty()) return "type " + std::to_string(type) + " code " + std::to_string(code);
  return code == 0 ? name : name + " code " + std::to_string(code);
}

std::string FormatPacket(const Packet& p) {
  std::string out = ProtocolName(p.protocol) + " " + FormatIpv4(p.src);
  if (HasPorts(p.protocol)) out += ":" + std::to_string(p.src_port);
  out += " -> " + FormatIpv4(p.dst);
  if (HasPorts(p.protocol)) out += ":" + std::to_string(p.dst_port);
  if (p.protocol == kIcmp) out += " " + IcmpText(IcmpType(p), IcmpCode(p));
  return out;
}

}  // namespace vpcreach
