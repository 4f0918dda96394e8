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

void IpRangeSet::Add(IpRange range) {
  std::vector<IpRange> out;
  out.reserve(ranges_.size() + 1);
  bool placed = false;
  for (const IpRange& r : ranges_) {
    // Disjoint and not adjacent: keep as is.
    if (std::uint64_t{r.hi} + 1 < range.lo) {
      out.push_back(r);
    } else if (std::uint64_t{range.hi} + 1 < r.lo) {
      if (!placed) out.push_back(range), placed = true;
      out.push_back(r);
    } else {
      range.lo = std::min(range.lo, r.lo);
      range.hi = std::max(range.hi, r.hi);
    }
  }
  if (!placed) out.push_back(range);
  ranges_ = std::move(out);
}

void IpRangeSet::Add(const IpRangeSet& other) {
  for (const IpRange& r : other.ranges_) Add(r);
}

void IpRangeSet::Subtract(IpRange cut) {
  std::vector<IpRange> out;
  for (const IpRange& r : ranges_) {
    if (r.hi < cut.lo || r.lo > cut.hi) {
      out.push_back(r);
      continue;
    }
    if (r.lo < cut.lo) out.push_back(IpRange{r.lo, cut.lo - 1});
    if (r.hi > cut.hi) out.push_back(IpRange{cut.hi + 1, r.hi});
  }
  ranges_ = std::move(out);
}

IpRangeSet IpRangeSet::Intersect(const IpRangeSet& other) const {
  IpRangeSet out;
  for (const IpRange& a : ranges_) {
    for (const IpRange& b : other.ranges_) {
      Ipv4 lo = std::max(a.lo, b.lo), hi = std::min(a.hi, b.hi);
      if (lo <= hi) out.ranges_.push_back(IpRange{lo, hi});
    }
  }
  std::sort(out.ranges_.begin(), out.ranges_.end(),
            [](const IpRange& x, const IpRange& y) { return x.lo < y.lo; });
  return out;
}

bool IpRangeSet::Contains(Ipv4 address) const {
  auto it = std::upper_bound(ranges_.begin(), ranges_.end(), address,
                             [](Ipv4 a, const IpRange& r) { return a < r.lo; });
  return it != ranges_.begin() && std::prev(it)->hi >= address;
}

std::string IpRangeSet::ToString() const {
  std::string out;
  for (const IpRange& r : ranges_) {
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

}  // namespace vpcreach
