// AWS's published IP address ranges (ip-ranges.json) as vpcreach uses them: the IPv4 prefixes of
// S3 and DynamoDB in each region (the catalog's s3 and dynamodb), those of the services behind
// the other AWS-managed prefix lists (model/managed_prefix_lists.h), and when AWS published the
// file.
//
// The built-in snapshot is model/data/ip-ranges-prefix-lists.json (its README says where it comes
// from), compiled into the binary. It keeps only those services' entries of AWS's file, in AWS's
// format, so ParseIpRanges reads a full, current ip-ranges.json the same way.
#ifndef VPCREACH_MODEL_IP_RANGES_H_
#define VPCREACH_MODEL_IP_RANGES_H_

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/ip.h"

namespace vpcreach {

struct IpRanges {
  std::string sync_token;   // "1768237684": the publication time in Unix seconds
  std::string create_date;  // "2026-01-12-17-08-04": the publication time (UTC), as AWS writes it
  // Region -> the service's IPv4 prefixes, sorted and without duplicates. Entries of the region
  // "GLOBAL" (no region) are left out; a region is present only with at least one prefix.
  std::map<std::string, std::vector<Cidr>> s3;
  std::map<std::string, std::vector<Cidr>> dynamodb;
  // Service (as AWS names it: "CLOUDFRONT_ORIGIN_FACING") -> region -> IPv4 prefixes, sorted and
  // without duplicates, for every service of kPrefixListServices; region "GLOBAL" included.
  std::map<std::string, std::map<std::string, std::vector<Cidr>>> services;
  // Region -> the IPv4 prefixes of the service AMAZON (every AWS address of the region, the
  // regional endpoints of AWS's APIs among them), sorted and without duplicates; "GLOBAL" left
  // out. Empty for the built-in snapshot, which keeps no AMAZON entry (model/data/README.md).
  std::map<std::string, std::vector<Cidr>> amazon;
  // Region -> the IPv4 prefixes of EC2 (customers' instances and Elastic IPs, inside AMAZON),
  // the same way; empty for the built-in snapshot.
  std::map<std::string, std::vector<Cidr>> ec2;
};

// The services whose entries ParseIpRanges keeps in `services`.
inline constexpr const char* kPrefixListServices[] = {
    "S3", "DYNAMODB", "CLOUDFRONT_ORIGIN_FACING", "EC2_INSTANCE_CONNECT", "ROUTE53_HEALTHCHECKS"};

// Reads the text of an ip-ranges.json: syncToken, createDate and the entries of `prefixes` whose
// service is one of kPrefixListServices (other services and `ipv6_prefixes` are skipped). On text that is not
// in AWS's format returns nullopt and sets `error` to a sentence naming the field, for example
// "prefixes[3].ip_prefix: host bits are set in '52.216.0.1/15'; did you mean 52.216.0.0/15?".
std::optional<IpRanges> ParseIpRanges(std::string_view text, std::string* error);

// The snapshot compiled into vpcreach, read once.
const IpRanges& BuiltinIpRanges();

// Reads the ip-ranges.json at `path` (`--ip-ranges FILE`). On failure returns nullopt and sets
// `error` to a located sentence: "FILE:LINE:COL: not JSON: ..." for a syntax error, "FILE:
// prefixes[3].ip_prefix: ..." (the JSON path) for a field AWS's format does not allow, "FILE:
// cannot read: ..." for a file that cannot be opened.
std::optional<IpRanges> ReadIpRangesFile(const std::string& path, std::string* error);

// The ranges every model loaded from now on uses: the built-in snapshot unless UseIpRanges
// replaced it. The CLI calls UseIpRanges once, before loading, for `--ip-ranges FILE`; the
// matrix workers are forked copies and inherit it.
const IpRanges& ActiveIpRanges();
void UseIpRanges(IpRanges ranges);
void UseBuiltinIpRanges();

// For tests: uses `ranges` while in scope, then the built-in snapshot again.
class ScopedIpRanges {
 public:
  explicit ScopedIpRanges(IpRanges ranges) { UseIpRanges(std::move(ranges)); }
  ~ScopedIpRanges() { UseBuiltinIpRanges(); }
  ScopedIpRanges(const ScopedIpRanges&) = delete;
  ScopedIpRanges& operator=(const ScopedIpRanges&) = delete;
};

// "AWS ip-ranges.json of 2026-01-12 17:08:04 UTC (syncToken 1768237684)".
std::string DescribeIpRanges(const IpRanges& ranges);

}  // namespace vpcreach

#endif  // VPCREACH_MODEL_IP_RANGES_H_
