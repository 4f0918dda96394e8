#include "sim/packet.h"

namespace vpcreach {

std::optional<int> IcmpReplyType(int type) {
  for (const auto& [request, reply] : kIcmpQueries) {
    if (request == type) return reply;
  }
  return std::nullopt;
}

Packet IcmpPacket(IpAddress src, IpAddress dst, int type, int code) {
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
  bool ports = HasPorts(p.protocol);
  auto address = [&](const IpAddress& a, std::uint16_t port) {
    if (!ports) return a.ToString();
    std::string text = a.is_v4() ? a.ToString() : "[" + a.ToString() + "]";
    return text + ":" + std::to_string(port);
  };
  std::string out = ProtocolName(p.protocol) + " " + address(p.src, p.src_port);
  out += " -> " + address(p.dst, p.dst_port);
  if (p.protocol == kIcmp) out += " " + IcmpText(IcmpType(p), IcmpCode(p));
  return out;
}

}  // namespace vpcreach
