#include "model/cloudformation/deploy_time_value.h"

#include <algorithm>

#include "model/catalog.h"

namespace vpcreach::cfn {
namespace {

constexpr char kPrefix[] = "{{vpcreach:deploy-time:";
constexpr char kSuffix[] = "}}";

}  // namespace

bool IsCustomResourceType(const std::string& type) {
  return type.rfind("Custom::", 0) == 0 || type == "AWS::CloudFormation::CustomResource";
}

std::string DeployTimeValue::Describe() const {
  if (attribute.empty()) return "the Ref of custom resource " + resource_id;
  return "attribute " + attribute + " of custom resource " + resource_id;
}

std::string DeployTimeValue::Token() const {
  return kPrefix + resource_id + "|" + attribute + kSuffix;
}

std::optional<DeployTimeValue> FindDeployTimeValue(const std::string& text) {
  size_t start = text.find(kPrefix);
  if (start == std::string::npos) return std::nullopt;
  size_t body = start + sizeof(kPrefix) - 1;
  size_t end = text.find(kSuffix, body);
  size_t bar = text.find('|', body);
  if (end == std::string::npos || bar == std::string::npos || bar > end) return std::nullopt;
  return DeployTimeValue{text.substr(body, bar - body), text.substr(bar + 1, end - bar - 1)};
}

std::optional<DeployTimeValue> AsDeployTimeValue(const CfnValue& value) {
  if (!value.IsScalar()) return std::nullopt;
  std::optional<DeployTimeValue> found = FindDeployTimeValue(value.text());
  if (!found || found->Token() != value.text()) return std::nullopt;
  return found;
}

std::string UnknownValueError(const DeployTimeValue& value) {
  return "the value is " + value.Describe() +
         ", which CloudFormation learns only when the custom resource's function runs, at "
         "deployment; vpcreach needs it to decide reachability: give it as a stack parameter "
         "instead";
}

std::string ZoneAssumptions::Assume(const DeployTimeValue& value, std::string* warning) {
  std::string token = value.Token();
  auto it = std::find(assumed_.begin(), assumed_.end(), token);
  size_t index = static_cast<size_t>(it - assumed_.begin());
  if (it == assumed_.end()) assumed_.push_back(token);
  std::vector<std::string> zones = AvailabilityZones(region_);
  std::string zone = zones[index % zones.size()];
  *warning = "the availability zone is " + value.Describe() +
             ", known only at deployment; vpcreach assumes " + zone + " (the region's zones in " +
             "order, one per such value); give the zone as a stack parameter to choose it";
  return zone;
}

}  // namespace vpcreach::cfn
