// The AWS-managed prefix lists vpcreach can fill, by the names AWS gives them.
//
// AWS documents these lists ("AWS-managed prefix lists" in the Amazon VPC User Guide): CloudFront
// (com.amazonaws.global.cloudfront.origin-facing), DynamoDB (com.amazonaws.<region>.dynamodb),
// EC2 Instance Connect (com.amazonaws.<region>.ec2-instance-connect), Ground Station
// (com.amazonaws.global.groundstation), Route 53 health checks
// (com.amazonaws.<region>.route53-healthchecks), S3 (com.amazonaws.<region>.s3), S3 Express One
// Zone (com.amazonaws.<region>.s3express), VPC Lattice (com.amazonaws.<region>.vpc-lattice), and
// IPv6 twins of some. vpcreach takes their entries from the built-in ip-ranges.json snapshot
// (model/ip_ranges.h), the same dated data for all of them:
//   s3, dynamodb, ec2-instance-connect  the region's S3 / DYNAMODB / EC2_INSTANCE_CONNECT prefixes
//   route53-healthchecks                every ROUTE53_HEALTHCHECKS prefix of the region's partition
//                                       (the health checkers of all regions probe an endpoint)
//   cloudfront.origin-facing            every CLOUDFRONT_ORIGIN_FACING prefix (GLOBAL and regional)
// ip-ranges.json publishes nothing for Ground Station, S3 Express One Zone and VPC Lattice, and
// vpcreach models no IPv6 prefix list: naming one of those is an error that says so.
//
// A list's id (pl-3b927c52 is CloudFront's in us-east-1) differs by region and is not in AWS's
// documentation, so vpcreach cannot tell which list a literal id names: a scenario declares it
// (`prefix_lists: {pl-3b927c52: {aws_managed: com.amazonaws.global.cloudfront.origin-facing}}`).
#ifndef VPCREACH_MODEL_MANAGED_PREFIX_LISTS_H_
#define VPCREACH_MODEL_MANAGED_PREFIX_LISTS_H_

#include <optional>
#include <string>
#include <vector>

#include "model/ip.h"
#include "model/ip_ranges.h"

namespace vpcreach {

struct ManagedPrefixList {
  std::string name;         // "com.amazonaws.global.cloudfront.origin-facing"
  std::vector<Cidr> cidrs;  // sorted, without duplicates
  std::string origin;       // "the CLOUDFRONT_ORIGIN_FACING prefixes of every region in ..."
};

// The list AWS calls `name`, as a VPC in `region` sees it; nullopt with `*error` set to a sentence
// when vpcreach has no entries for that name (an unknown name, with a suggestion; a documented
// list that ip-ranges.json does not cover; a regional list of another region).
std::optional<ManagedPrefixList> FindManagedPrefixList(const std::string& name,
                                                       const std::string& region,
                                                       const IpRanges& ranges, std::string* error);

// The names FindManagedPrefixList answers for `region`, sorted.
std::vector<std::string> ManagedPrefixListNames(const std::string& region);

// True for what an AWS prefix list id looks like: "pl-" and 8 or 17 hexadecimal digits.
bool LooksLikePrefixListId(const std::string& id);

// What to write for a prefix list id that no component holds: "an AWS-managed prefix list has an
// id of its own in each region, which vpcreach cannot read back to a list; if 'pl-x' is one,
// declare it: prefix_lists: {pl-x: {aws_managed: <name>}}, <name> one of ...".
std::string UndeclaredPrefixListIdHint(const std::string& id, const std::string& region);

}  // namespace vpcreach

#endif  // VPCREACH_MODEL_MANAGED_PREFIX_LISTS_H_
