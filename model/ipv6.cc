#include "model/ipv6.h"

#include <cctype>
#include <charconv>
#include <vector>

#include "model/ip.h"

namespace vpcreach {
namespace {

constexpr char kHexDigits[] = "0123456789abcdef";

// One group: 1-4 hex digits.
std::optional<unsigned> ParseGroup(std::string_view text) {
  if (text.empty() || text.size() > 4) return std::nullopt;
  unsigned value = 0;
  for (char c : text) {
    if (!std::isxdigit(static_cast<unsigned char>(c))) return std::nullopt;
    int digit = std::isdigit(static_cast<unsigned char>(c))
                    ? c - '0'
                    : std::tolower(static_cast<unsigned char>(c)) - 'a' + 10;
    value = value * 16 + static_cast<unsigned>(digit);
  }
  return value;
}

// The groups of one side of "::" ("" has none); a dotted IPv4 address counts as two groups and
// is allowed only last (`ipv4_allowed`).
std::optional<std::vector<unsigned>> ParseGroups(std::string_view text, bool ipv4_allowed) {
  std::vector<unsigned> groups;
  if (text.empty()) return groups;
  while (true) {
    size_t colon = text.find(':');
    std::string_view part = text.substr(0, colon);
    if (colon == std::string_view::npos && ipv4_allowed && part.find('.') != part.npos) {
      std::optional<Ipv4> v4 = ParseIpv4(part);
      if (!v4) return std::nullopt;
      groups.push_back(*v4 >> 16);
      groups.push_back(*v4 & 0xffff);
      return groups;
    }
    std::optional<unsigned> group = ParseGroup(part);
    if (!group) return std::nullopt;
    groups.push_back(*group);
    if (colon == std::string_view::npos) return groups;
    text = text.substr(colon + 1);
  }
}

unsigned Group(Ipv6 address, int i) {  // i = 0 is the first (most significant) group
  return static_cast<unsigned>((address >> (16 * (7 - i))) & 0xffff);
}

std::string Hex(unsigned group) {
  std::string out;
  do {
    out.insert(out.begin(), kHexDigits[group & 15]);
    group >>= 4;
  } while (group != 0);
  return out;
}

}  // namespace

std::optional<Ipv6> ParseIpv6(std::string_view text) {
  size_t gap = text.find("::");
  std::vector<unsigned> groups;
  if (gap == std::string_view::npos) {
    auto all = ParseGroups(text, true);
    if (!all || all->size() != 8) return std::nullopt;
    groups = std::move(*all);
  } else {
    if (text.find("::", gap + 1) != std::string_view::npos) return std::nullopt;
    auto head = ParseGroups(text.substr(0, gap), false);
    auto tail = ParseGroups(text.substr(gap + 2), true);
    // "::" stands for at least one zero group.
    if (!head || !tail || head->size() + tail->size() > 7) return std::nullopt;
    groups = std::move(*head);
    groups.resize(8 - tail->size(), 0);
    groups.insert(groups.end(), tail->begin(), tail->end());
  }
  Ipv6 address = 0;
  for (unsigned g : groups) address = (address << 16) | g;
  return address;
}

std::string FormatIpv6(Ipv6 address) {
  // The longest run of zero groups, two or more long; the first of equal runs.
  int best_start = -1, best_length = 1;
  for (int i = 0; i < 8;) {
    if (Group(address, i) != 0) {
      ++i;
      continue;
    }
    int j = i;
    while (j < 8 && Group(address, j) == 0) ++j;
    if (j - i > best_length) best_start = i, best_length = j - i;
    i = j;
  }
  std::string out;
  for (int i = 0; i < 8; ++i) {
    if (i == best_start) {
      out += "::";
      i += best_length - 1;
      continue;
    }
    if (!out.empty() && out.back() != ':') out += ':';
    out += Hex(Group(address, i));
  }
  return out;
}

std::string FormatIpv6Expanded(Ipv6 address) {
  std::string out;
  for (int i = 0; i < 8; ++i) {
    if (i > 0) out += ':';
    out += Hex(Group(address, i));
  }
  return out;
}

std::optional<Ipv6Cidr> ParseIpv6Cidr(std::string_view text, std::string* error) {
  auto fail = [&](std::string message) -> std::optional<Ipv6Cidr> {
    if (error) *error = std::move(message);
    return std::nullopt;
  };
  const std::string expected =
      "expected an IPv6 CIDR such as 2001:db8::/56, got '" + std::string(text) + "'";
  size_t slash = text.find('/');
  if (slash == std::string_view::npos) return fail(expected);
  std::optional<Ipv6> address = ParseIpv6(text.substr(0, slash));
  std::string_view length_text = text.substr(slash + 1);
  int length = -1;
  bool digits_only = !length_text.empty() && length_text.size() <= 3 &&
                     (length_text.size() == 1 || length_text[0] != '0');
  for (char c : length_text) digits_only = digits_only && c >= '0' && c <= '9';
  if (digits_only) {
    std::from_chars(length_text.data(), length_text.data() + length_text.size(), length);
  }
  if (!address || !digits_only || length > 128) return fail(expected);
  Ipv6Cidr cidr{*address, length};
  if ((*address & cidr.HostMask()) != 0) {
    Ipv6Cidr fixed{*address & ~cidr.HostMask(), length};
    return fail("host bits are set in '" + std::string(text) + "'; did you mean " +
                fixed.ToString() + "?");
  }
  return cidr;
}

}  // namespace vpcreach
