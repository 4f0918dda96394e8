// AWS services reached through interface VPC endpoints (PrivateLink), by the short name that
// follows `com.amazonaws.<region>.` in the endpoint's service name: `sagemaker.api`, `sts`,
// `logs`, `ecr.dkr`, `s3`, ... Each is an endpoint of questions in every region (`--to sts`).
//
// What a name stands for depends on where the packet starts (private DNS): from a VPC that has
// an interface endpoint for the service with private DNS enabled, the service's regional name
// resolves to that endpoint's network interfaces; from anywhere else, to the service's public
// regional addresses, reached as any outside address (through a NAT gateway or an internet
// gateway). Those addresses are the region's AMAZON prefixes of the ip-ranges.json in use (AWS
// lists its regional API endpoints under AMAZON, beside every other AWS address of the region),
// less the region's S3, DYNAMODB and EC2 prefixes (gateway endpoints route the first two, and
// the third are customers' instances);
// the built-in snapshot keeps no AMAZON entry (it would be most of AWS's file), so without
// `--ip-ranges FILE` each service stands at one address of its own in TEST-NET-3
// (203.0.113.0/24, RFC 5737), in table order, as vpcreach invents Elastic IPs in TEST-NET-1.
// Either way every such address is public and outside every VPC: what reaches it is what reaches
// the internet on tcp 443.
#ifndef VPCREACH_MODEL_ENDPOINT_SERVICES_H_
#define VPCREACH_MODEL_ENDPOINT_SERVICES_H_

#include <string>
#include <vector>

#include "model/ip_ranges.h"
#include "model/model.h"

namespace vpcreach {

struct EndpointServiceInfo {
  const char* name;  // "sagemaker.api"
  const char* what;  // "SageMaker API (CreateTrainingJob, ...)"
};

// The table, in a stable order (README.md, "Interface endpoint services").
const std::vector<EndpointServiceInfo>& InterfaceEndpointServiceTable();

// True when `name` is in the table (s3 and dynamodb included).
bool IsInterfaceEndpointService(const std::string& name);

// The table's services other than s3 and dynamodb (which the catalog already has), with their
// public regional addresses in `region` from `ranges`, port 443.
std::vector<Service> InterfaceEndpointServices(const std::string& region, const IpRanges& ranges);

}  // namespace vpcreach

#endif  // VPCREACH_MODEL_ENDPOINT_SERVICES_H_
