#include "model/ip_ranges.h"

#include <algorithm>
#include <cstdio>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <memory>
#include <sstream>
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
  bool whole_region = *service == "AMAZON" || *service == "EC2";
  bool kept = whole_region ||
              std::any_of(std::begin(kPrefixListServices), std::end(kPrefixListServices),
                          [&](const char* s) { return *service == s; });
  if (!kept) return true;
  const std::string* prefix = field("ip_prefix");
  if (!prefix) return Fail(error, where + ".ip_prefix: expected a string");
  const std::string* region = field("region");
  if (!region) return Fail(error, where + ".region: expected a string");
  std::string why;
  std::optional<Cidr> cidr = ParseCidr(*prefix, &why);
  if (!cidr) return Fail(error, where + ".ip_prefix: " + why);
  if (whole_region) {
    auto& by_region = *service == "AMAZON" ? ranges->amazon : ranges->ec2;
    if (*region != "GLOBAL") by_region[*region].push_back(*cidr);
    return true;
  }
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
  SortAndDeduplicate(&ranges.amazon);
  SortAndDeduplicate(&ranges.ec2);
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

std::optional<IpRanges> ReadIpRangesFile(const std::string& path, std::string* error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    Fail(error, path + ": cannot read: " + std::strerror(errno));
    return std::nullopt;
  }
  std::ostringstream text;
  text << in.rdbuf();
  std::string why;
  std::optional<IpRanges> ranges = ParseIpRanges(text.str(), &why);
  if (ranges) return ranges;
  // "not JSON: parse error at line 2, column 5: syntax error ..." -> "FILE:2:5: not JSON: ...".
  static const std::regex kAt("^not JSON: parse error at line ([0-9]+), column ([0-9]+): (.*)$");
  std::smatch m;
  if (std::regex_match(why, m, kAt)) {
    Fail(error, path + ":" + m[1].str() + ":" + m[2].str() + ": not JSON: " + m[3].str());
  } else {
    Fail(error, path + ": " + why);
  }
  return std::nullopt;
}

namespace {
const IpRanges*& ActiveSlot() {
  static const IpRanges* active = nullptr;  // nullptr: the built-in snapshot
  return active;
}
}  // namespace

const IpRanges& ActiveIpRanges() {
  const IpRanges* active = ActiveSlot();
  return active != nullptr ? *active : BuiltinIpRanges();
}

void UseIpRanges(IpRanges ranges) {
  // Every one is kept for the life of the process: a caller may still hold a reference from
  // ActiveIpRanges() while a test swaps ranges.
  static std::vector<std::unique_ptr<IpRanges>> kept;
  kept.push_back(std::make_unique<IpRanges>(std::move(ranges)));
  ActiveSlot() = kept.back().get();
}

void UseBuiltinIpRanges() { ActiveSlot() = nullptr; }

std::string DescribeIpRanges(const IpRanges& ranges) {
  // "2026-01-12-17-08-04" -> "2026-01-12 17:08:04 UTC" (ParseIpRanges checked the form).
  const std::string& d = ranges.create_date;
  std::string when = d.size() == 19 ? d.substr(0, 10) + " " + d.substr(11, 2) + ":" +
                                          d.substr(14, 2) + ":" + d.substr(17, 2) + " UTC"
                                    : d;
  return "AWS ip-ranges.json of " + when + " (syncToken " + ranges.sync_token + ")";
}

}  // namespace vpcreach
