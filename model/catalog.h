// The built-in catalog of outside destinations for a region: the internet and the public AWS
// services a SageMaker lab talks to, with representative address ranges and where they came from.
//
// Scenarios add to or override entries with `services:`. Ranges are representative, not complete:
// AWS publishes the full, changing list in ip-ranges.json; vpcreach needs ranges that fall on the
// right side of every route, prefix list and rule, which these do for the regions listed.
#ifndef VPCREACH_MODEL_CATALOG_H_
#define VPCREACH_MODEL_CATALOG_H_

#include <string>
#include <vector>

#include "model/model.h"

namespace vpcreach {

// Regions with a full built-in catalog (s3 and dynamodb ranges); any other well-formed region gets
// `internet` and `pypi` only, and scenarios must define the rest under `services:`.
const std::vector<std::string>& CatalogRegions();

// The catalog for `region`, in a stable order.
std::vector<Service> BuiltinCatalog(const std::string& region);

// "us-east-1" -> {"us-east-1a", "us-east-1b", ...}: the names `!GetAZs ''` returns and that a
// subnet's short `az: a` expands to.
std::vector<std::string> AvailabilityZones(const std::string& region);

// True for names of the form xx-yyyy-N (us-east-1, eu-central-1, ap-southeast-2, ...).
bool IsWellFormedRegion(const std::string& region);

}  // namespace vpcreach

#endif  // VPCREACH_MODEL_CATALOG_H_
