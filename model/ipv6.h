// IPv6 addresses and CIDR blocks as templates write them.
//
// The template evaluator's IPv6 (the blocks AWS assigns to VPCs, Fn::Cidr over IPv6 blocks) and
// the IPv6 half of model/ip.h's IpAddress, IpCidr and IpRangeSet.
// Addresses are 128-bit unsigned integers in host order. An Ipv6Cidr is always canonical (the
// host bits of `base` are zero); ParseIpv6Cidr refuses a block with host bits set and says which
// block was meant, as ParseCidr does for IPv4.
#ifndef VPCREACH_MODEL_IPV6_H_
#define VPCREACH_MODEL_IPV6_H_

#include <optional>
#include <string>
#include <string_view>

namespace vpcreach {

using Ipv6 = unsigned __int128;

// Parses the text forms of RFC 4291 section 2.2: eight groups of 1-4 hex digits, at most one "::"
// for a run of zero groups, and an optional dotted IPv4 address in place of the last two groups
// ("::ffff:10.0.0.1"). Case-insensitive. No zone ("%eth0") and no brackets.
std::optional<Ipv6> ParseIpv6(std::string_view text);

// RFC 5952's canonical text, as EC2 writes the blocks it assigns: lowercase, no leading zeros,
// the longest run of two or more zero groups (the first of equal runs) written "::".
// 2001:db8:0:100::, ::, 2001:db8::1:0:0:1.
std::string FormatIpv6(Ipv6 address);

// All eight groups, lowercase, no leading zeros and no "::": 2001:db8:0:100:0:0:0:0. What
// CloudFormation's Fn::Cidr returns for IPv6 blocks (the form Java's Inet6Address writes).
std::string FormatIpv6Expanded(Ipv6 address);

struct Ipv6Cidr {
  Ipv6 base = 0;
  int length = 0;  // 0..128

  // Every address with the first `length` bits of `base` (a /0 holds every address).
  Ipv6 HostMask() const { return length == 0 ? ~Ipv6{0} : (Ipv6{1} << (128 - length)) - 1; }
  std::string ToString() const { return FormatIpv6(base) + "/" + std::to_string(length); }
  friend bool operator==(const Ipv6Cidr&, const Ipv6Cidr&) = default;
};

// Parses "<address>/<n>", n from 0 to 128. On failure returns nullopt and, when `error` is given,
// a sentence saying what is wrong and what to write instead ("host bits are set in
// '2001:db8::1/64'; did you mean 2001:db8::/64?").
std::optional<Ipv6Cidr> ParseIpv6Cidr(std::string_view text, std::string* error = nullptr);

// True when `text` is written as an IPv6 address or block rather than an IPv4 one (it has a ':').
inline bool LooksLikeIpv6(std::string_view text) {
  return text.find(':') != std::string_view::npos;
}

}  // namespace vpcreach

#endif  // VPCREACH_MODEL_IPV6_H_
