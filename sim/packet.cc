#include "sim/packet.h"

#include "model/model.h"

namespace vpcreach {

std::string FormatPacket(const Packet& p) {
  std::string out = ProtocolName(p.protocol) + " " + FormatIpv4(p.src);
  if (HasPorts(p.protocol)) out += ":" + std::to_string(p.src_port);
  out += " -> " + FormatIpv4(p.dst);
  if (HasPorts(p.protocol)) out += ":" + std::to_string(p.dst_port);
  return out;
}

}  // namespace vpcreach
