// IPv4 addresses, CIDR blocks and sets of address ranges; addresses and blocks of either family.
//
// Addresses are host-order uint32_t. A Cidr is always canonical: the host bits of `base` are zero
// (ParseCidr rejects a block with host bits set rather than silently truncating it; ParseCidrAsEc2
// clears them as EC2 does and says so). An IpRangeSet is
// a sorted list of disjoint, non-adjacent closed intervals, so two equal sets compare equal.
//
// An IpAddress holds its family and its value: an IPv4 address in the low 32 bits of a 128-bit
// value, the rest zero. Constructing one from an Ipv4 is implicit (most of the network is IPv4,
// and `packet.dst == eni.private_ip` then compares families too); reading one back as an Ipv4 is
// explicit (v4(), only for an IPv4 address), so every place that reads a packet's address decides
// what an IPv6 one means there. An IpCidr is a block of either family, canonical like Cidr and
// Ipv6Cidr (model/ipv6.h).
#ifndef VPCREACH_MODEL_IP_H_
#define VPCREACH_MODEL_IP_H_

#include <cassert>
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/interval_set.h"
#include "model/ipv6.h"

namespace vpcreach {

using Ipv4 = std::uint32_t;

// Parses dotted-quad "a.b.c.d" (no leading zeros beyond "0", each octet 0..255).
std::optional<Ipv4> ParseIpv4(std::string_view text);
std::string FormatIpv4(Ipv4 address);

enum class Family : unsigned char { kIpv4 = 0, kIpv6 = 1 };

// "IPv4", "IPv6".
const char* FamilyName(Family family);
// Bits of an address of the family: 32, 128.
constexpr int AddressBits(Family family) { return family == Family::kIpv4 ? 32 : 128; }

class IpAddress {
 public:
  constexpr IpAddress() = default;              // 0.0.0.0
  constexpr IpAddress(Ipv4 v4) : value_(v4) {}  // NOLINT: implicit, see the header comment
  static constexpr IpAddress V6(Ipv6 v6) { return IpAddress(Family::kIpv6, v6); }
  // The address of `family` whose value is `value` (an IPv4 value must fit in 32 bits).
  static constexpr IpAddress Of(Family family, Ipv6 value) { return IpAddress(family, value); }

  constexpr Family family() const { return family_; }
  constexpr bool is_v4() const { return family_ == Family::kIpv4; }
  constexpr bool is_v6() const { return family_ == Family::kIpv6; }
  Ipv4 v4() const {
    assert(is_v4());
    return static_cast<Ipv4>(value_);
  }
  Ipv6 v6() const {
    assert(is_v6());
    return value_;
  }
  // The value whatever the family (an IPv4 address's fits in 32 bits).
  constexpr Ipv6 value() const { return value_; }

  // Dotted quad or RFC 5952 text.
  std::string ToString() const;
  friend constexpr bool operator==(const IpAddress&, const IpAddress&) = default;
  friend constexpr auto operator<=>(const IpAddress& a, const IpAddress& b) {
    if (a.family_ != b.family_) return a.family_ <=> b.family_;
    return a.value_ == b.value_  ? std::strong_ordering::equal
           : a.value_ < b.value_ ? std::strong_ordering::less
                                 : std::strong_ordering::greater;
  }

 private:
  constexpr IpAddress(Family family, Ipv6 value) : family_(family), value_(value) {}
  Family family_ = Family::kIpv4;
  Ipv6 value_ = 0;
};

struct Cidr {
  Ipv4 base = 0;
  int length = 0;  // 0..32

  Ipv4 First() const { return base; }
  // 64-bit shift: a 32-bit value shifted by 32 (a /32) is undefined behaviour.
  Ipv4 Last() const { return base | static_cast<Ipv4>(0xffffffffull >> length); }
  bool Contains(Ipv4 address) const { return address >= First() && address <= Last(); }
  // An IPv4 block holds no IPv6 address.
  bool Contains(const IpAddress& a) const { return a.is_v4() && Contains(a.v4()); }
  bool Contains(const Cidr& other) const {
    return other.length >= length && Contains(other.base);
  }
  bool Overlaps(const Cidr& other) const {
    return First() <= other.Last() && other.First() <= Last();
  }
  std::uint64_t Size() const { return std::uint64_t{1} << (32 - length); }
  std::string ToString() const;
  friend bool operator==(const Cidr&, const Cidr&) = default;
  friend auto operator<=>(const Cidr&, const Cidr&) = default;
};

// Parses "a.b.c.d/n". On failure returns nullopt and, when `error` is given, a sentence saying what
// is wrong and what to write instead (for example "host bits are set; did you mean 10.0.0.0/16?").
// A bare address "a.b.c.d" is accepted as a /32 only when `allow_bare_address` is true.
std::optional<Cidr> ParseCidr(std::string_view text, std::string* error = nullptr,
                              bool allow_bare_address = false);

// Parses "a.b.c.d/n" as EC2 reads the CIDRs of VPCs, subnets, routes, network ACL entries and
// security group rules: host bits that are set are cleared ("we modify the specified CIDR block to
// its canonical form": 10.0.0.5/16 is 10.0.0.0/16, 192.168.1.0/0 is 0.0.0.0/0), and `*normalised`
// says whether they were. Other malformed text fails as with ParseCidr.
std::optional<Cidr> ParseCidrAsEc2(std::string_view text, std::string* error, bool* normalised);

Cidr HostCidr(Ipv4 address);

// Either family's text form: "10.0.0.1", "2001:db8::1".
std::optional<IpAddress> ParseIpAddress(std::string_view text);

// A block of either family.
struct IpCidr {
  Family family = Family::kIpv4;
  Ipv6 base = 0;   // canonical: host bits zero
  int length = 0;  // 0..AddressBits(family)

  IpCidr() = default;
  IpCidr(const Cidr& c) : family(Family::kIpv4), base(c.base), length(c.length) {}      // NOLINT
  IpCidr(const Ipv6Cidr& c) : family(Family::kIpv6), base(c.base), length(c.length) {}  // NOLINT

  bool is_v4() const { return family == Family::kIpv4; }
  Cidr v4() const {
    assert(is_v4());
    return Cidr{static_cast<Ipv4>(base), length};
  }
  Ipv6Cidr v6() const {
    assert(!is_v4());
    return Ipv6Cidr{base, length};
  }
  IpAddress First() const { return IpAddress::Of(family, base); }
  IpAddress Last() const;
  bool Contains(const IpAddress& a) const;
  bool Contains(const IpCidr& other) const {
    return other.family == family && other.length >= length && Contains(other.First());
  }
  std::string ToString() const;
  friend bool operator==(const IpCidr&, const IpCidr&) = default;
};

// "0.0.0.0/0" or "::/0".
inline IpCidr AllAddresses(Family family) {
  return family == Family::kIpv4 ? IpCidr(Cidr{0, 0}) : IpCidr(Ipv6Cidr{0, 0});
}

using IpRange = Interval<Ipv4>;
using Ipv6Range = Interval<Ipv6>;

// Addresses of both families: the IPv4 ones and the IPv6 ones, each a sorted list of disjoint,
// non-adjacent intervals (model/interval_set.h).
class IpRangeSet {
 public:
  IpRangeSet() = default;
  static IpRangeSet Of(const Cidr& cidr);
  static IpRangeSet Of(const IpCidr& cidr);
  static IpRangeSet All() { return Of(Cidr{0, 0}); }  // every IPv4 address

  void Add(IpRange range) { v4_.Add(range); }
  void Add(Ipv6Range range) { v6_.Add(range); }
  void Add(const Cidr& cidr) { Add(IpRange{cidr.First(), cidr.Last()}); }
  void Add(const Ipv6Cidr& cidr) { Add(Ipv6Range{cidr.base, cidr.base | cidr.HostMask()}); }
  void Add(const IpCidr& cidr);
  void Add(const IpAddress& address);
  void Add(const IpRangeSet& other);
  void Subtract(IpRange range) { v4_.Subtract(range); }
  void Subtract(Ipv6Range range) { v6_.Subtract(range); }
  void Subtract(const Cidr& cidr) { Subtract(IpRange{cidr.First(), cidr.Last()}); }
  void Subtract(const Ipv6Cidr& cidr) {
    Subtract(Ipv6Range{cidr.base, cidr.base | cidr.HostMask()});
  }
  void Subtract(const IpCidr& cidr);
  void Subtract(const IpRangeSet& other);
  IpRangeSet Intersect(const IpRangeSet& other) const;

  bool Contains(Ipv4 address) const { return v4_.Contains(address); }
  bool Contains(const IpAddress& a) const {
    return a.is_v4() ? v4_.Contains(a.v4()) : v6_.Contains(a.v6());
  }
  bool Empty() const { return v4_.Empty() && v6_.Empty(); }
  bool HasFamily(Family family) const {
    return family == Family::kIpv4 ? !v4_.Empty() : !v6_.Empty();
  }
  const std::vector<IpRange>& Ranges() const { return v4_.Ranges(); }  // the IPv4 ones
  const std::vector<Ipv6Range>& Ipv6Ranges() const { return v6_.Ranges(); }
  // The first address, IPv4 before IPv6 (nullopt when empty).
  std::optional<IpAddress> First() const;
  // "10.0.0.0/8, 11.0.0.0-11.0.0.5, 2001:db8::/32": IPv4 first.
  std::string ToString() const;
  friend bool operator==(const IpRangeSet&, const IpRangeSet&) = default;

 private:
  IntervalSet<Ipv4> v4_;
  IntervalSet<Ipv6> v6_;
};

// The three RFC 1918 private blocks.
bool IsRfc1918(Ipv4 address);
inline bool IsRfc1918(const IpAddress& a) { return a.is_v4() && IsRfc1918(a.v4()); }
const std::vector<Cidr>& Rfc1918Blocks();

}  // namespace vpcreach

#endif  // VPCREACH_MODEL_IP_H_
