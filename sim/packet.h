// One concrete packet header, IPv4 or IPv6: the five fields every AWS filter and route decides on,
// and the family (both addresses are of one family; the tracer never mixes them).
//
// ICMP packets carry their type and code in the port fields: the destination-port field holds
// type << 8 | code, and the source-port field the type and code of the reply the message asks
// for, as a tcp request's source port is its reply's destination port. The reply of a request is
// then always the request reversed (Reversed()): echo request 8 is answered by echo reply 0,
// timestamp 13 by 14, information 15 by 16, address mask 17 by 18, each with code 0. A message
// that asks for no reply (echo reply, destination unreachable, time exceeded, ...) is one-way and
// carries 0 there; it is delivered or not, and has no reply leg (IsOneWay).
#ifndef VPCREACH_SIM_PACKET_H_
#define VPCREACH_SIM_PACKET_H_

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>

#include "model/ip.h"
#include "model/model.h"

namespace vpcreach {

struct Packet {
  IpAddress src;
  IpAddress dst;
  int protocol = 6;
  std::uint16_t src_port = 0;  // 0 for protocols without ports; ICMP: the reply's type and code
  std::uint16_t dst_port = 0;  // ICMP: type << 8 | code

  // The reply: addresses and ports swapped.
  Packet Reversed() const { return Packet{dst, src, protocol, dst_port, src_port}; }
  Family family() const { return dst.family(); }
  friend bool operator==(const Packet&, const Packet&) = default;
};

// The source ports a NAT gateway picks from for a tcp or udp connection it translates (AWS: "NAT
// gateways use ports 1024-65535"), whatever the client's port.
inline constexpr std::uint16_t kNatPortFirst = 1024;
inline constexpr std::uint16_t kNatPortLast = 65535;

inline constexpr int kIcmpEchoReply = 0;
inline constexpr int kIcmpEchoRequest = 8;
// The ICMP query types that ask for a reply, and the reply's type (code 0).
inline constexpr std::array<std::pair<int, int>, 4> kIcmpQueries = {
    {{8, 0}, {13, 14}, {15, 16}, {17, 18}}};

// The port-field value of ICMP type `type` and code `code` (0..255 each).
constexpr std::uint16_t IcmpField(int type, int code) {
  return static_cast<std::uint16_t>((type << 8) | code);
}
// The type of the reply that ICMP type `type` asks for; nullopt for one-way messages.
std::optional<int> IcmpReplyType(int type);
inline int IcmpType(const Packet& p) { return p.dst_port >> 8; }
inline int IcmpCode(const Packet& p) { return p.dst_port & 0xff; }
// An ICMP request from `src` to `dst`, its source-port field set to its reply's type and code.
Packet IcmpPacket(IpAddress src, IpAddress dst, int type, int code);
// An ICMP message that asks for no reply: delivered is all it can be.
inline bool IsOneWay(const Packet& p) { return p.protocol == kIcmp && !IcmpReplyType(IcmpType(p)); }

// "echo-request", "destination-unreachable code 4", "type 42 code 0".
std::string IcmpText(int type, int code);
// "tcp 10.1.16.5:40000 -> 151.101.0.1:443", "esp 10.1.16.5 -> 10.1.16.6",
// "icmp 10.1.16.5 -> 10.1.16.6 echo-request", "tcp [2001:db8::5]:40000 -> [2600:1f18::1]:443"
// (an IPv6 address in brackets before a port, as URLs write it).
std::string FormatPacket(const Packet& packet);

}  // namespace vpcreach

#endif  // VPCREACH_SIM_PACKET_H_
