#include "model/ip_ranges.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <regex>

namespace vpcreach {

// model/data/ip-ranges-prefix-lists.json, in the source CMake generates (cmake/EmbedText.cmake).
extern const char kIpRangesSnapshotJson[];

namespace {

using nlohmann::json;

bool Fail(std::string* error, std::string message) {
  if (error) *error = std::move(message);
  return false;
}

// A top-level string field such as "createDate".
bool ReadString(const json& top, const char* key, std::string* out, std::string* error) {
  auto it = top.find(key);
  if (it == top.end()) return Fail(error, std::string("missing \"") + key + "\"");
  if (!it->is_string()) return Fail(error, std::string(key) + ": expected a string");
  *out = it->get<std::string>();
  return true;
}

// One entry of "prefixes"; adds it to `ranges` when its service is one of kPrefixListServices.
bool ReadPrefix(const json& entry, size_t index, IpRanges* ranges, std::string* error) {
  std::string where = "prefixes[" + std::to_string(index) + "]";
  if (!entry.is_object()) return Fail(error, where + ": expected an object");
  auto field = [&](const char* key) -> const std::string* {
    auto it = entry.find(key);
    return it != entry.end() && it->is_string() ? it->get_ptr<const std::string*>() : nullptr;
  };
  const std::string* service = field("service");
  if (!service) return Fail(error, where + ".service: expected a string");
  std::map<std::string, std::vector<Cidr>>* by_region = nullptr;
  if (*service == "S3") by_region = &ranges->s3;
  if (*service == "DYNAMODB") by_region = &ranges->dynamodb;
  bool kept = std::any_of(std::begin(kPrefixListServices), std::end(kPrefixListServices),
                          [&](const char* s) { return *service == s; });
  if (!kept) return true;
  const std::string* prefix = field("ip_prefix");
  if (!prefix) return Fail(error, where + ".ip_prefix: expected a string");
  const std::string* region = field("region");
  if (!region) return Fail(error, where + ".region: expected a string");
  std::string why;
  std::optional<Cidr> cidr = ParseCidr(*prefix, &why);
  if (!cidr) return Fail(error, where + ".ip_prefix: " + why);
  ranges->services[*service][*region].push_back(*cidr);
  if (by_region != nullptr && *region != "GLOBAL") (*by_region)[*region].push_back(*cidr);
  return true;
}

void SortAndDeduplicate(std::map<std::string, std::vector<Cidr>>* by_region) {
  for (auto& [region, cidrs] : *by_region) {
    std::sort(cidrs.begin(), cidrs.end());
    cidrs.erase(std::unique(cidrs.begin(), cidrs.end()), cidrs.end());
  }
}

}  // namespace

std::optional<IpRanges> ParseIpRanges(std::string_view text, std::string* error) {
  json top;
  try {
    top = json::parse(text.begin(), text.end());
  } catch (const json::parse_error& e) {
    // "[json.exception.parse_error.101] parse error at line 1, ..." -> "parse error at line 1, ..."
    std::string what = e.what();
    size_t bracket = what.find("] ");
    Fail(error, "not JSON: " + (bracket == std::string::npos ? what : what.substr(bracket + 2)));
    return std::nullopt;
  }
  if (!top.is_object()) {
    Fail(error, "expected an object with syncToken, createDate and prefixes");
    return std::nullopt;
  }
  IpRanges ranges;
  if (!ReadString(top, "syncToken", &ranges.sync_token, error) ||
      !ReadString(top, "createDate", &ranges.create_date, error)) {
    return std::nullopt;
  }
  static const std::regex kDate("^[0-9]{4}-[0-9]{2}-[0-9]{2}-[0-9]{2}-[0-9]{2}-[0-9]{2}$");
  if (!std::regex_match(ranges.create_date, kDate)) {
    Fail(error, "createDate: expected YYYY-MM-DD-hh-mm-ss, got '" + ranges.create_date + "'");
    return std::nullopt;
  }
  auto prefixes = top.find("prefixes");
  if (prefixes == top.end() || !prefixes->is_array()) {
    Fail(error, "prefixes: expected an array");
    return std::nullopt;
  }
  for (size_t i = 0; i < prefixes->size(); ++i) {
    if (!ReadPrefix((*prefixes)[i], i, &ranges, error)) return std::nullopt;
  }
  SortAndDeduplicate(&ranges.s3);
  SortAndDeduplicate(&ranges.dynamodb);
  for (auto& [service, by_region] : ranges.services) SortAndDeduplicate(&by_region);
  return ranges;
}

const IpRanges& BuiltinIpRanges() {
  static const IpRanges* kRanges = [] {
    std::string error;
    std::optional<IpRanges> parsed = ParseIpRanges(kIpRangesSnapshotJson, &error);
    if (!parsed) {
      // The snapshot is part of the build and tests read it: this is vpcreach's bug, not input.
      std::fprintf(stderr, "vpcreach: the built-in ip-ranges.json snapshot is broken: %s\n",
                   error.c_str());
      std::abort();
    }
    return new IpRanges(std::move(*parsed));
  }();
  return *kRanges;
}

std::string DescribeIpRanges(const IpRanges& ranges) {
  // "2026-01-12-17-08-04" -> "2026-01-12 17:08:04 UTC" (ParseIpRanges checked the form).
  const std::string& d = ranges.create_date;
  std::string when = d.size() == 19 ? d.substr(0, 10) + " " + d.substr(11, 2) + ":" +
                                          d.substr(14, 2) + ":" + d.substr(17, 2) + " UTC"
                                    : d;
  return "AWS ip-ranges.json of " + when + " (syncToken " + ranges.sync_token + ")";
}

}  // namespace vpcreach
