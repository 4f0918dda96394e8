#include "model/managed_prefix_lists.h"

#include <algorithm>
#include <regex>

#include "model/diagnostics.h"

namespace vpcreach {
namespace {

constexpr char kCloudFront[] = "com.amazonaws.global.cloudfront.origin-facing";

// The regional lists filled from the snapshot: suffix of the name, service in ip-ranges.json.
struct RegionalList {
  const char* suffix;
  const char* service;
};
constexpr RegionalList kRegional[] = {
    {"s3", "S3"},
    {"dynamodb", "DYNAMODB"},
    {"ec2-instance-connect", "EC2_INSTANCE_CONNECT"},
    {"route53-healthchecks", "ROUTE53_HEALTHCHECKS"},
};

// Documented lists ip-ranges.json has no entries for.
constexpr const char* kRegionalWithoutRanges[] = {"s3express", "vpc-lattice"};
constexpr const char* kGlobalWithoutRanges[] = {"com.amazonaws.global.groundstation"};

// "aws", "aws-cn", "aws-us-gov", "aws-eusc": whose health checkers a region's list holds.
std::string PartitionOf(const std::string& region) {
  if (region.rfind("cn-", 0) == 0) return "aws-cn";
  if (region.rfind("us-gov-", 0) == 0) return "aws-us-gov";
  if (region.rfind("eusc-", 0) == 0) return "aws-eusc";
  return "aws";  // GLOBAL included
}

void SortAndDeduplicate(std::vector<Cidr>* cidrs) {
  std::sort(cidrs->begin(), cidrs->end());
  cidrs->erase(std::unique(cidrs->begin(), cidrs->end()), cidrs->end());
}

const std::map<std::string, std::vector<Cidr>>& ByRegion(const IpRanges& ranges,
                                                         const std::string& service) {
  static const std::map<std::string, std::vector<Cidr>> kNone;
  auto it = ranges.services.find(service);
  return it == ranges.services.end() ? kNone : it->second;
}

}  // namespace

std::vector<std::string> ManagedPrefixListNames(const std::string& region) {
  std::vector<std::string> names = {kCloudFront};
  for (const RegionalList& list : kRegional) {
    names.push_back("com.amazonaws." + region + "." + list.suffix);
  }
  std::sort(names.begin(), names.end());
  return names;
}

std::optional<ManagedPrefixList> FindManagedPrefixList(const std::string& name,
                                                       const std::string& region,
                                                       const IpRanges& ranges, std::string* error) {
  const std::string snapshot = DescribeIpRanges(ranges);
  if (name.find(".ipv6.") != std::string::npos) {
    *error = "'" + name + "' is an IPv6 prefix list; vpcreach models IPv4 only";
    return std::nullopt;
  }
  for (const char* global : kGlobalWithoutRanges) {
    if (name == global) {
      *error = "AWS publishes no ranges for '" + name + "' in ip-ranges.json, so vpcreach has " +
               "none; write its CIDRs under cidrs instead";
      return std::nullopt;
    }
  }
  ManagedPrefixList list;
  list.name = name;
  if (name == kCloudFront) {
    for (const auto& [where, cidrs] : ByRegion(ranges, "CLOUDFRONT_ORIGIN_FACING")) {
      list.cidrs.insert(list.cidrs.end(), cidrs.begin(), cidrs.end());
    }
    SortAndDeduplicate(&list.cidrs);
    list.origin = "the CLOUDFRONT_ORIGIN_FACING prefixes (GLOBAL and every region) in " + snapshot;
    return list;
  }
  // com.amazonaws.<region>.<suffix>
  static const std::regex kRegionalName(R"(^com\.amazonaws\.([a-z0-9-]+)\.([a-z0-9-]+)$)");
  std::smatch parts;
  if (std::regex_match(name, parts, kRegionalName) && parts[1] != "global") {
    const std::string list_region = parts[1];
    const std::string suffix = parts[2];
    for (const char* missing : kRegionalWithoutRanges) {
      if (suffix == missing) {
        *error = "AWS publishes no ranges for '" + name + "' in ip-ranges.json, so vpcreach " +
                 "has none; write its CIDRs under cidrs instead";
        return std::nullopt;
      }
    }
    auto known = std::find_if(std::begin(kRegional), std::end(kRegional),
                              [&](const RegionalList& l) { return suffix == l.suffix; });
    if (known != std::end(kRegional)) {
      if (list_region != region) {
        *error = "'" + name + "' is a prefix list of " + list_region +
                 "; a VPC of the scenario's region " + region + " uses com.amazonaws." + region +
                 "." + suffix;
        return std::nullopt;
      }
      const auto& by_region = ByRegion(ranges, known->service);
      if (suffix == std::string("route53-healthchecks")) {
        for (const auto& [where, cidrs] : by_region) {
          if (PartitionOf(where) != PartitionOf(region)) continue;
          list.cidrs.insert(list.cidrs.end(), cidrs.begin(), cidrs.end());
        }
        list.origin = "the ROUTE53_HEALTHCHECKS prefixes of partition " + PartitionOf(region) +
                      " (the health checkers of every region) in " + snapshot;
      } else {
        auto it = by_region.find(region);
        if (it != by_region.end()) list.cidrs = it->second;
        list.origin =
            "the " + std::string(known->service) + " prefixes of " + region + " in " + snapshot;
      }
      SortAndDeduplicate(&list.cidrs);
      if (list.cidrs.empty()) {
        *error = snapshot + " lists no " + known->service + " prefixes for " + region +
                 ", so vpcreach has no entries for '" + name + "'; write its CIDRs under cidrs";
        return std::nullopt;
      }
      return list;
    }
  }
  std::vector<std::string> names = ManagedPrefixListNames(region);
  std::string close = ClosestMatch(name, names);
  *error = "'" + name + "' is not an AWS-managed prefix list vpcreach knows" +
           (close.empty() ? "" : "; did you mean '" + close + "'?");
  if (close.empty()) {
    *error += " (for " + region + ": ";
    for (size_t i = 0; i < names.size(); ++i) *error += (i > 0 ? ", " : "") + names[i];
    *error += ")";
  }
  return std::nullopt;
}

bool LooksLikePrefixListId(const std::string& id) {
  static const std::regex kId("^pl-([0-9a-f]{8}|[0-9a-f]{17})$");
  return std::regex_match(id, kId);
}

std::string UndeclaredPrefixListIdHint(const std::string& id, const std::string& region) {
  std::string names;
  for (const std::string& name : ManagedPrefixListNames(region)) {
    names += (names.empty() ? "" : ", ") + name;
  }
  return "an AWS-managed prefix list has an id of its own in each region, which vpcreach cannot "
         "read back to a list; if '" +
         id + "' is one, declare it: prefix_lists: {" + id + ": {aws_managed: <name>}}, <name> " +
         "one of " + names;
}

}  // namespace vpcreach
