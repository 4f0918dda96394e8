// IPv4 addresses, CIDR blocks and sets of address ranges.
//
// Addresses are host-order uint32_t. A Cidr is always canonical: the host bits of `base` are zero
// (ParseCidr rejects a block with host bits set rather than silently truncating it; ParseCidrAsEc2
// clears them as EC2 does and says so). An IpRangeSet is
// a sorted list of disjoint, non-adjacent closed intervals, so two equal sets compare equal.
#ifndef VPCREACH_MODEL_IP_H_
#define VPCREACH_MODEL_IP_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vpcreach {

using Ipv4 = std::uint32_t;

// Parses dotted-quad "a.b.c.d" (no leading zeros beyond "0", each octet 0..255).
std::optional<Ipv4> ParseIpv4(std::string_view text);
std::string FormatIpv4(Ipv4 address);

struct Cidr {
  Ipv4 base = 0;
  int length = 0;  // 0..32

  Ipv4 First() const { return base; }
  // 64-bit shift: a 32-bit value shifted by 32 (a /32) is undefined behaviour.
  Ipv4 Last() const { return base | static_cast<Ipv4>(0xffffffffull >> length); }
  bool Contains(Ipv4 address) const { return address >= First() && address <= Last(); }
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

struct IpRange {
  Ipv4 lo = 0;
  Ipv4 hi = 0;
  friend bool operator==(const IpRange&, const IpRange&) = default;
};

class IpRangeSet {
 public:
  IpRangeSet() = default;
  static IpRangeSet Of(const Cidr& cidr);
  static IpRangeSet All() { return Of(Cidr{0, 0}); }

  void Add(IpRange range);
  void Add(const Cidr& cidr) { Add(IpRange{cidr.First(), cidr.Last()}); }
  void Add(const IpRangeSet& other);
  void Subtract(IpRange range);
  void Subtract(const Cidr& cidr) { Subtract(IpRange{cidr.First(), cidr.Last()}); }
  IpRangeSet Intersect(const IpRangeSet& other) const;

  bool Contains(Ipv4 address) const;
  bool Empty() const { return ranges_.empty(); }
  const std::vector<IpRange>& Ranges() const { return ranges_; }
  std::string ToString() const;  // "10.0.0.0/8, 11.0.0.0-11.0.0.5"
  friend bool operator==(const IpRangeSet&, const IpRangeSet&) = default;

 private:
  std::vector<IpRange> ranges_;
};

// The three RFC 1918 private blocks.
bool IsRfc1918(Ipv4 address);
const std::vector<Cidr>& Rfc1918Blocks();

}  // namespace vpcreach

#endif  // VPCREACH_MODEL_IP_H_
