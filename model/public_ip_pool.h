// The public addresses AWS assigns at deployment (Elastic IPs, instance and NAT gateway public
// IPs) that an offline input cannot know: 192.0.2.1, 192.0.2.2, ... (TEST-NET-1 upward), one per
// owner (a resource id or address), in the order first asked. One pool serves every generated
// document of a model (CloudFormation stacks and Terraform imports), so no two owners share one.
#ifndef VPCREACH_MODEL_PUBLIC_IP_POOL_H_
#define VPCREACH_MODEL_PUBLIC_IP_POOL_H_

#include <map>
#include <string>

#include "model/ip.h"

namespace vpcreach {

class PublicIpPool {
 public:
  std::string Get(const std::string& owner) {
    auto [it, inserted] = addresses_.emplace(owner, "");
    if (inserted) it->second = FormatIpv4(kFirst + static_cast<Ipv4>(addresses_.size() - 1));
    return it->second;
  }

 private:
  static constexpr Ipv4 kFirst = (192u << 24) | (2u << 8) | 1u;
  std::map<std::string, std::string> addresses_;
};

}  // namespace vpcreach

#endif  // VPCREACH_MODEL_PUBLIC_IP_POOL_H_
