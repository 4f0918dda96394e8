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
// - IPv6 blocks (issue 12 point 1, template evaluation only: the data plane is IPv4): an
//   AWS::EC2::VPCCidrBlock with an IPv6 block adds it to its VPC's `Ipv6CidrBlocks`, and an
//   AWS::EC2::SubnetCidrBlock to its subnet's, once evaluated (as in AWS, where a subnet needs
//   `DependsOn` on the association to see the block; before it the list is empty). A written
//   `Ipv6CidrBlock` is the block; one AWS assigns (`AmazonProvidedIpv6CidrBlock: true`, an
//   `Ipv6Pool` or an `Ipv6IpamPoolId` without a block) is a /56 (`Ipv6NetmaskLength` when an IPAM
//   pool gives one) from the IPv6 documentation prefix 2001:db8::/32 (RFC 3849), as EIPs get
//   TEST-NET addresses: 2001:db8:0:100::/56, 2001:db8:0:200::/56, ... in the order the
//   associations are evaluated across the scenario's stacks (one resolver serves them all).
//   Blocks read back in EC2's canonical text (RFC 5952).
#ifndef VPCREACH_MODEL_CLOUDFORMATION_ATTRIBUTE_RESOLVER_H_
#define VPCREACH_MODEL_CLOUDFORMATION_ATTRIBUTE_RESOLVER_H_

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "model/cloudformation/cfn_value.h"
#include "model/ipv6.h"

namespace vpcreach::cfn {

class AttributeResolver {
 public:
  virtual ~AttributeResolver() = default;
  virtual std::optional<CfnValue> Ref(const std::string& resource_id, const std::string& type,
                                      const CfnValue& evaluated_properties) = 0;
  virtual std::optional<CfnValue> GetAtt(const std::string& resource_id, const std::string& type,
                                         const CfnValue& evaluated_properties,
                                         const std::string& attribute) = 0;
  // Told of every resource once its properties are evaluated, before anything that depends on it
  // is: what a resource does to another's attributes (an IPv6 block association) is learnt here.
  virtual void ResourceEvaluated(const std::string& resource_id, const std::string& type,
                                 const CfnValue& evaluated_properties) {}
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
  void ResourceEvaluated(const std::string& resource_id, const std::string& type,
                         const CfnValue& evaluated_properties) override;

  // The id of the region's default VPC (model/default_vpc.h), the `VpcId` of a security group
  // written without one; kStackDefaultVpcId unless set.
  void set_default_vpc(std::string id) { default_vpc_ = std::move(id); }

  // The EIP addresses handed out so far, by resource id.
  const std::map<std::string, std::string>& public_ips() const { return public_ips_; }
  // The IPv6 blocks associated so far, by VPC or subnet id (the association's VpcId / SubnetId).
  const std::map<std::string, std::vector<std::string>>& ipv6_blocks() const {
    return ipv6_blocks_;
  }

 private:
  std::string PublicIp(const std::string& resource_id);
  std::string Arn(const std::string& resource_id, const std::string& type) const;
  // The next block AWS would assign, of `length` bits (see the header comment).
  std::string AssignIpv6Block(int length);

  std::string region_;
  std::string account_id_;
  PublicIpAllocator allocator_;
  std::string default_vpc_;
  unsigned next_address_ = 0;
  std::map<std::string, std::string> public_ips_;
  Ipv6 next_ipv6_block_;  // the first address not yet assigned
  std::map<std::string, std::vector<std::string>> ipv6_blocks_;
};

}  // namespace vpcreach::cfn

#endif  // VPCREACH_MODEL_CLOUDFORMATION_ATTRIBUTE_RESOLVER_H_
