// The built-in catalog of outside destinations for a region: the internet and the public AWS
// services a SageMaker lab talks to, with their address ranges and where they came from.
//
// `s3` and `dynamodb` take the IPv4 prefixes that AWS's ip-ranges.json lists for the region's S3
// and DYNAMODB services, from the snapshot built into vpcreach (model/ip_ranges.h; `vpcreach
// validate` prints its date). vpcreach also uses them as the entries of the AWS-managed prefix
// lists com.amazonaws.<region>.s3 / .dynamodb. Scenarios add to or override entries with
// `services:`.
#ifndef VPCREACH_MODEL_CATALOG_H_
#define VPCREACH_MODEL_CATALOG_H_

#include <string>
#include <vector>

#include "model/availability_zones.h"
#include "model/model.h"

namespace vpcreach {

// The regions of the snapshot that a scenario can name (every region it lists with S3 or DynamoDB
// prefixes, commercial, China and GovCloud alike), sorted. Any other well-formed region gets
// `internet` and `pypi` only, and scenarios must define the rest under `services:`.
const std::vector<std::string>& CatalogRegions();

// The catalog for `region`, in a stable order.
std::vector<Service> BuiltinCatalog(const std::string& region);

// True for names of the form xx-yyyy-N (us-east-1, eu-central-1, ap-southeast-2, ...).
bool IsWellFormedRegion(const std::string& region);

}  // namespace vpcreach

#endif  // VPCREACH_MODEL_CATALOG_H_
