#include "model/endpoint_services.h"

#include <algorithm>

namespace vpcreach {

const std::vector<EndpointServiceInfo>& InterfaceEndpointServiceTable() {
  static const std::vector<EndpointServiceInfo> kTable = {
      {"sagemaker.api", "SageMaker API (create and describe notebooks, jobs, endpoints)"},
      {"sagemaker.runtime", "SageMaker Runtime (InvokeEndpoint)"},
      {"sagemaker.featurestore-runtime", "SageMaker Feature Store Runtime"},
      {"sts", "AWS Security Token Service"},
      {"logs", "CloudWatch Logs"},
      {"monitoring", "CloudWatch (metrics)"},
      {"events", "EventBridge (CloudWatch Events)"},
      {"ecr.api", "ECR API (image metadata, authorisation tokens)"},
      {"ecr.dkr", "ECR Docker registry (docker pull and push)"},
      {"kms", "Key Management Service"},
      {"secretsmanager", "Secrets Manager"},
      {"ssm", "Systems Manager"},
      {"ssmmessages", "Systems Manager Session Manager messages"},
      {"ec2messages", "Systems Manager agent messages"},
      {"ec2", "EC2 API"},
      {"elasticloadbalancing", "Elastic Load Balancing API"},
      {"autoscaling", "EC2 Auto Scaling API"},
      {"lambda", "Lambda API"},
      {"sns", "Simple Notification Service"},
      {"sqs", "Simple Queue Service"},
      {"glue", "Glue"},
      {"athena", "Athena"},
      {"execute-api", "API Gateway (private APIs)"},
      {"codeartifact.api", "CodeArtifact API"},
      {"codeartifact.repositories", "CodeArtifact repositories (pip install from a mirror)"},
      {"s3", "S3 (interface endpoint; the gateway endpoint is routed instead)"},
      {"dynamodb", "DynamoDB (interface endpoint; the gateway endpoint is routed instead)"},
  };
  return kTable;
}

bool IsInterfaceEndpointService(const std::string& name) {
  const auto& table = InterfaceEndpointServiceTable();
  return std::any_of(table.begin(), table.end(),
                     [&name](const EndpointServiceInfo& s) { return name == s.name; });
}

std::vector<Service> InterfaceEndpointServices(const std::string& region, const IpRanges& ranges) {
  std::vector<Service> out;
  auto amazon = ranges.amazon.find(region);
  const auto& table = InterfaceEndpointServiceTable();
  for (size_t i = 0; i < table.size(); ++i) {
    std::string name = table[i].name;
    if (name == "s3" || name == "dynamodb") continue;
    Service service;
    service.name = name;
    service.ports = {PortRange{443, 443}};
    if (amazon != ranges.amazon.end()) {
      service.cidrs = amazon->second;
      // Less what AMAZON shares with services that are no API endpoint: S3 and DynamoDB (which
      // gateway endpoints route) and EC2 (customers' instances).
      for (const auto* by_region : {&ranges.s3, &ranges.dynamodb, &ranges.ec2}) {
        auto it = by_region->find(region);
        if (it == by_region->end()) continue;
        service.excluded.insert(service.excluded.end(), it->second.begin(), it->second.end());
      }
      service.origin = "the AMAZON prefixes of " + region + " less its S3, DYNAMODB and EC2 " +
                       "prefixes, in " + DescribeIpRanges(ranges) + " (" + name + "." + region +
                       ".amazonaws.com resolves into them)";
    } else {
      service.cidrs = {HostCidr(0xCB007100u + static_cast<Ipv4>(i + 1))};  // 203.0.113.(i+1)
      service.origin = "a stand-in public address (TEST-NET-3): " + DescribeIpRanges(ranges) +
                       " lists no AMAZON prefixes for " + region +
                       "; load a full ip-ranges.json with --ip-ranges for the real ones";
    }
    out.push_back(std::move(service));
  }
  return out;
}

}  // namespace vpcreach
