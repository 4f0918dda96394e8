// The Availability Zones of each commercial AWS region, as `!GetAZs ''` returns their names and a
// subnet's short `az: x` expands to.
//
// Source: the AWS Regions and Availability Zones guide, "AWS Availability Zones" (the AZ IDs of
// each Region; docs.aws.amazon.com/global-infrastructure/latest/regions/aws-availability-zones.html),
// consulted 2026-12-03. A region has as many zones as it has AZ IDs. Their letters are a, b, c,
// ... in order, except where AWS retired or never offered a letter to new accounts:
// us-west-1 (a and c; in this old region the letters are mapped per account), ca-central-1 (a, b,
// d) and ap-northeast-1 (a, c, d). A region that is not in the table (China, GovCloud, the
// European Sovereign Cloud, regions announced but not open, a name a scenario invents) keeps
// the letters a to f that vpcreach gave every region before the table.
#ifndef VPCREACH_MODEL_AVAILABILITY_ZONES_H_
#define VPCREACH_MODEL_AVAILABILITY_ZONES_H_

#include <string>
#include <vector>

namespace vpcreach {

// "eu-west-1" -> {"eu-west-1a", "eu-west-1b", "eu-west-1c"}; in zone order.
std::vector<std::string> AvailabilityZones(const std::string& region);

// The zone letters of `region` ("abc"): its zones without the region's name.
std::string AvailabilityZoneLetters(const std::string& region);

// True when `region` is in the table (its zones are AWS's, not the a-to-f fallback).
bool HasKnownAvailabilityZones(const std::string& region);

// The commercial regions of the table, sorted.
std::vector<std::string> CommercialRegions();

// "eu-west-1a, eu-west-1b or eu-west-1c", for messages.
std::string DescribeAvailabilityZones(const std::string& region);

}  // namespace vpcreach

#endif  // VPCREACH_MODEL_AVAILABILITY_ZONES_H_
