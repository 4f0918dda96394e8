// One concrete IPv4 packet header: the five fields every AWS filter and route decides on.
#ifndef VPCREACH_SIM_PACKET_H_
#define VPCREACH_SIM_PACKET_H_

#include <cstdint>
#include <string>

#include "model/ip.h"

namespace vpcreach {

struct Packet {
  Ipv4 src = 0;
  Ipv4 dst = 0;
  int protocol = 6;
  std::uint16_t src_port = 0;  // 0 for protocols without ports
  std::uint16_t dst_port = 0;

  // The reply: addresses and ports swapped.
  Packet Reversed() const { return Packet{dst, src, protocol, dst_port, src_port}; }
  friend bool operator==(const Packet&, const Packet&) = default;
};

// The source ports a NAT gateway picks from for a tcp or udp connection it translates (AWS: "NAT
// gateways use ports 1024-65535"), whatever the client's port.
inline constexpr std::uint16_t kNatPortFirst = 1024;
inline constexpr std::uint16_t kNatPortLast = 65535;

// "tcp 10.1.16.5:40000 -> 151.101.0.1:443", "esp 10.1.16.5 -> 10.1.16.6".
std::string FormatPacket(const Packet& packet);

}  // namespace vpcreach

#endif  // VPCREACH_SIM_PACKET_H_
