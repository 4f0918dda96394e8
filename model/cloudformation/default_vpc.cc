#include "model/cloudformation/default_vpc.h"

#include <algorithm>

#include "model/catalog.h"
#include "model/default_vpc.h"

namespace vpcreach::cfn {

DefaultVpc::DefaultVpc(std::string region, std::string vpc_id, bool scenario_writes)
    : region_(std::move(region)),
      vpc_id_(std::move(vpc_id)),
      scenario_writes_(scenario_writes),
      zones_(AvailabilityZones(region_)) {}

const std::string& DefaultVpc::Vpc(const LineOrigin& needed_by) {
  if (!first_use_) first_use_ = needed_by;
  return vpc_id_;
}

std::optional<std::string> DefaultVpc::Subnet(const std::string& az, const LineOrigin& needed_by) {
  std::string zone = az.empty() ? zones_.front() : az;
  if (std::find(zones_.begin(), zones_.end(), zone) == zones_.end()) return std::nullopt;
  return DefaultSubnetId(Vpc(needed_by), zone);
}

std::string DefaultVpc::DefaultSecurityGroup(const LineOrigin& needed_by) {
  // The id the loader gives every VPC's default group (security_builder.h).
  return Vpc(needed_by) + "-default-sg";
}

bool DefaultVpc::IsDefaultSubnet(const std::string& id) const {
  return std::any_of(zones_.begin(), zones_.end(),
                     [&](const std::string& zone) { return id == DefaultSubnetId(vpc_id_, zone); });
}

std::optional<std::pair<std::string, LineOrigin>> DefaultVpc::Declaration() const {
  if (scenario_writes_ || !first_use_) return std::nullopt;
  return std::pair{vpc_id_, *first_use_};
}

}  // namespace vpcreach::cfn
