// What `Ref` and `Fn::GetAtt` return for a resource: the values AWS would assign at deployment.
//
// The template evaluator asks an AttributeResolver for every Ref or GetAtt of a resource, after
// that resource's properties are evaluated (dependency order guarantees it). Resources are named by
// their resource id, `STACK/LogicalId` (`STACK/Nested/LogicalId` inside a nested stack), which is
// also the name issue 4 gives them everywhere else. A resolver returns nullopt when the attribute
// does not exist; the evaluator then reports "resource type T has no attribute 'X'".
//
// DefaultAttributeResolver covers the network types issue 4 maps and accepts every other type:
// - Ref: the resource id itself, except AWS::EC2::EIP, whose Ref is its public IP, and custom
//   resources (Custom::*, AWS::CloudFormation::CustomResource), whose Ref and attributes are the
//   explicit unknown values of deploy_time_value.h: only the resource's function knows them;
// - public IPs of EIPs come from an allocator callback, by default 192.0.2.1, 192.0.2.2, ... in
//   the order EIPs are first referenced (one address per EIP, remembered);
// - GetAtt: the attributes AWS documents for the network types (ids are the resource id or derived
//   from it, `CidrBlock` and `VpcId` come from the evaluated properties; a VPC's
//   DefaultSecurityGroup and DefaultNetworkAcl are `<vpc id>-default-sg` / `<vpc id>-default-nacl`,
//   the ids the scenario loader gives the defaults it synthesizes; a security group without VpcId
//   is in the default VPC, whose id set_default_vpc() gives), and for any other type, any attribute
//   reads as `arn:aws:<service>:<region>:<account>:<resource id>` (`.../<Attribute>` for attributes
//   other than Arn);
// - addresses only the mapper can assign (NetworkInterface PrimaryPrivateIpAddress, Instance
//   PrivateIp/PublicIp, ...) are deferred: the value is the token DeferredToken(id, attribute),
//   `{{vpcreach:deferred:STACK/LogicalId.Attribute}}`, which the resource mapper replaces (also
//   where it sits inside a longer string, e.g. after Fn::Sub).
#ifndef VPCREACH_MODEL_CLOUDFORMATION_ATTRIBUTE_RESOLVER_H_
#define VPCREACH_MODEL_CLOUDFORMATION_ATTRIBUTE_RESOLVER_H_

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <utility>

#include "model/cloudformation/cfn_value.h"

namespace vpcreach::cfn {

class AttributeResolver {
 public:
  virtual ~AttributeResolver() = default;
  virtual std::optional<CfnValue> Ref(const std::string& resource_id, const std::string& type,
                                      const CfnValue& evaluated_properties) = 0;
  virtual std::optional<CfnValue> GetAtt(const std::string& resource_id, const std::string& type,
                                         const CfnValue& evaluated_properties,
                                         const std::string& attribute) = 0;
};

// "{{vpcreach:deferred:<resource_id>.<attribute>}}".
std::string DeferredToken(const std::string& resource_id, const std::string& attribute);
inline constexpr const char kDeferredTokenPrefix[] = "{{vpcreach:deferred:";
inline constexpr const char kDeferredTokenSuffix[] = "}}";

class DefaultAttributeResolver : public AttributeResolver {
 public:
  // Returns the public IP of the EIP `resource_id`; called once per EIP.
  using PublicIpAllocator = std::function<std::string(const std::string& resource_id)>;

  // Without an allocator, EIPs get 192.0.2.1, 192.0.2.2, ... (TEST-NET-1, then upward).
  explicit DefaultAttributeResolver(std::string region = "us-east-1",
                                    std::string account_id = "123456789012",
                                    PublicIpAllocator allocator = nullptr);

  std::optional<CfnValue> Ref(const std::string& resource_id, const std::string& type,
                              const CfnValue& evaluated_properties) override;
  std::optional<CfnValue> GetAtt(const std::string& resource_id, const std::string& type,
                                 const CfnValue& evaluated_properties,
                                 const std::string& attribute) override;

  // The id of the region's default VPC (model/default_vpc.h), the `VpcId` of a security group
  // written without one; kStackDefaultVpcId unless set.
  void set_default_vpc(std::string id) { default_vpc_ = std::move(id); }

  // The EIP addresses handed out so far, by resource id.
  const std::map<std::string, std::string>& public_ips() const { return public_ips_; }

 private:
  std::string PublicIp(const std::string& resource_id);
  std::string Arn(const std::string& resource_id, const std::string& type) const;

  std::string region_;
  std::string account_id_;
  PublicIpAllocator allocator_;
  std::string default_vpc_;
  unsigned next_address_ = 0;
  std::map<std::string, std::string> public_ips_;
};

}  // namespace vpcreach::cfn

#endif  // VPCREACH_MODEL_CLOUDFORMATION_ATTRIBUTE_RESOLVER_H_
