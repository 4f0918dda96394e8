#include "model/ip.h"

#include <algorithm>
#include <charconv>

#include "model/ipv6.h"

namespace vpcreach {
namespace {

bool ParseDecimal(std::string_view text, int max, int* out) {
  if (text.empty() || text.size() > 3) return false;
  if (text[0] < '0' || text[0] > '9') return false;     // from_chars would take "-1"
  if (text.size() > 1 && text[0] == '0') return false;  // "010" is ambiguous (octal to some tools)
  int value = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || ptr != text.data() + text.size() || value > max) return false;
  *out = value;
  return true;
}

}  // namespace

std::optional<Ipv4> ParseIpv4(std::string_view text) {
  Ipv4 result = 0;
  for (int i = 0; i < 4; ++i) {
    size_t dot = i < 3 ? text.find('.') : text.size();
    if (dot == std::string_view::npos) return std::nullopt;
    int octet = 0;
    if (!ParseDecimal(text.substr(0, dot), 255, &octet)) return std::nullopt;
    result = (result << 8) | static_cast<Ipv4>(octet);
    text = i < 3 ? text.substr(dot + 1) : std::string_view();
  }
  return result;
}

std::string FormatIpv4(Ipv4 a) {
  return std::to_string(a >> 24) + "." + std::to_string((a >> 16) & 255) + "." +
         std::to_string((a >> 8) & 255) + "." + std::to_string(a & 255);
}

std::string Cidr::ToString() const { return FormatIpv4(base) + "/" + std::to_string(length); }

Cidr HostCidr(Ipv4 address) { return Cidr{address, 32}; }

std::optional<Cidr> ParseCidr(std::string_view text, std::string* error, bool allow_bare_address) {
  auto fail = [&](std::string message) -> std::optional<Cidr> {
    if (error) *error = std::move(message);
    return std::nullopt;
  };
  if (LooksLikeIpv6(text) && (ParseIpv6Cidr(text) || (allow_bare_address && ParseIpv6(text)))) {
    return fail("IPv6 is not modelled yet: vpcreach checks IPv4 traffic only, got '" +
                std::string(text) + "'; write an IPv4 block, or leave the IPv6 one out");
  }
  size_t slash = text.find('/');
  if (slash == std::string_view::npos) {
    if (allow_bare_address) {
      if (auto a = ParseIpv4(text)) return HostCidr(*a);
    }
    return fail("expected a CIDR such as 10.0.0.0/16, got '" + std::string(text) + "'");
  }
  auto address = ParseIpv4(text.substr(0, slash));
  int length = 0;
  if (!address || !ParseDecimal(text.substr(slash + 1), 32, &length)) {
    return fail("expected a CIDR such as 10.0.0.0/16, got '" + std::string(text) + "'");
  }
  Cidr cidr{*address, length};
  Ipv4 mask = length == 0 ? 0 : 0xffffffffu << (32 - length);
  if ((*address & mask) != *address) {
    Cidr fixed{*address & mask, length};
    return fail("host bits are set in '" + std::string(text) + "'; did you mean " +
                fixed.ToString() + "?");
  }
  return cidr;
}

std::optional<Cidr> ParseCidrAsEc2(std::string_view text, std::string* error, bool* normalised) {
  *normalised = false;
  std::string why;
  if (std::optional<Cidr> cidr = ParseCidr(text, &why)) return cidr;
  size_t slash = text.find('/');
  auto address = slash == std::string_view::npos ? std::nullopt : ParseIpv4(text.substr(0, slash));
  int length = 0;
  if (!address || !ParseDecimal(text.substr(slash + 1), 32, &length)) {
    if (error) *error = why;
    return std::nullopt;
  }
  // Well formed, so only the host bits were wrong.
  Ipv4 mask = length == 0 ? 0 : 0xffffffffu << (32 - length);
  *normalised = true;
  return Cidr{*address & mask, length};
}

IpRangeSet IpRangeSet::Of(const Cidr& cidr) {
  IpRangeSet set;
  set.Add(cidr);
  return set;
}

IpRangeSet IpRangeSet::Of(const IpCidr& cidr) {
  IpRangeSet set;
  set.Add(cidr);
  return set;
}

void IpRangeSet::Add(const IpCidr& cidr) {
  if (cidr.is_v4()) {
    Add(cidr.v4());
  } else {
    Add(cidr.v6());
  }
}

void IpRangeSet::Add(const IpAddress& address) {
  if (address.is_v4()) {
    Add(IpRange{address.v4(), address.v4()});
  } else {
    Add(Ipv6Range{address.v6(), address.v6()});
  }
}

void IpRangeSet::Add(const IpRangeSet& other) {
  for (const IpRange& r : other.Ranges()) Add(r);
  for (const Ipv6Range& r : other.Ipv6Ranges()) Add(r);
}

void IpRangeSet::Subtract(const IpCidr& cidr) {
  if (cidr.is_v4()) {
    Subtract(cidr.v4());
  } else {
    Subtract(cidr.v6());
  }
}

void IpRangeSet::Subtract(const IpRangeSet& other) {
  for (const IpRange& r : other.Ranges()) Subtract(r);
  for (const Ipv6Range& r : other.Ipv6Ranges()) Subtract(r);
}

IpRangeSet IpRangeSet::Intersect(const IpRangeSet& other) const {
  IpRangeSet out;
  out.v4_ = v4_.Intersect(other.v4_);
  out.v6_ = v6_.Intersect(other.v6_);
  return out;
}

std::optional<IpAddress> IpRangeSet::First() const {
  if (!v4_.Empty()) return IpAddress(v4_.Ranges().front().lo);
  if (!v6_.Empty()) return IpAddress::V6(v6_.Ranges().front().lo);
  return std::nullopt;
}

std::string IpRangeSet::ToString() const {
  std::string out;
  for (const IpRange& r : Ranges()) {
    if (!out.empty()) out += ", ";
    // Print as a CIDR when the range is exactly one.
    std::uint64_t size = std::uint64_t{r.hi} - r.lo + 1;
    bool power = (size & (size - 1)) == 0 && (r.lo & (size - 1)) == 0;
    if (power) {
      int length = 32;
      while ((std::uint64_t{1} << (32 - length)) < size) --length;
      out += Cidr{r.lo, length}.ToString();
    } else {
      out += FormatIpv4(r.lo) + "-" + FormatIpv4(r.hi);
    }
  }
  for (const Ipv6Range& r : Ipv6Ranges()) {
    if (!out.empty()) out += ", ";
    // A CIDR when the range is exactly one: lo aligned and hi - lo all ones.
    Ipv6 span = r.hi - r.lo;
    bool block = (span & (span + 1)) == 0 && (r.lo & span) == 0;
    if (block) {
      int length = 128;
      while (length > 0 && ((span >> (128 - length)) & 1) != 0) --length;
      out += Ipv6Cidr{r.lo, length}.ToString();
    } else {
      out += FormatIpv6(r.lo) + "-" + FormatIpv6(r.hi);
    }
  }
  return out;
}

const std::vector<Cidr>& Rfc1918Blocks() {
  static const std::vector<Cidr> kBlocks = {Cidr{0x0a000000u, 8}, Cidr{0xac100000u, 12},
                                            Cidr{0xc0a80000u, 16}};
  return kBlocks;
}

bool IsRfc1918(Ipv4 address) {
  for (const Cidr& c : Rfc1918Blocks()) {
    if (c.Contains(address)) return true;
  }
  return false;
}

const char* FamilyName(Family family) { return family == Family::kIpv4 ? "IPv4" : "IPv6"; }

std::string IpAddress::ToString() const {
  return is_v4() ? FormatIpv4(static_cast<Ipv4>(value_)) : FormatIpv6(value_);
}

std::optional<IpAddress> ParseIpAddress(std::string_view text) {
  if (LooksLikeIpv6(text)) {
    if (auto v6 = ParseIpv6(text)) return IpAddress::V6(*v6);
    return std::nullopt;
  }
  if (auto v4 = ParseIpv4(text)) return IpAddress(*v4);
  return std::nullopt;
}

IpAddress IpCidr::Last() const {
  int bits = AddressBits(family);
  Ipv6 host = length >= bits
                  ? 0
                  : (length == 0 && bits == 128 ? ~Ipv6{0} : (Ipv6{1} << (bits - length)) - 1);
  return IpAddress::Of(family, base | host);
}

bool IpCidr::Contains(const IpAddress& a) const {
  return a.family() == family && a.value() >= base && a.value() <= Last().value();
}

std::string IpCidr::ToString() const { return First().ToString() + "/" + std::to_string(length); }

}  // namespace vpcreach
