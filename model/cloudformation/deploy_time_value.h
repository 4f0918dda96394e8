// Values that only a deployment decides: what a custom resource returns.
//
// A custom resource (`Custom::Name` or `AWS::CloudFormation::CustomResource`) is a function that
// CloudFormation calls at deployment; its Ref (the physical id it reports) and every attribute
// (`!GetAtt MyCustom.Whatever`) are whatever the function answers, which no template reading can
// know. vpcreach never invents them: the resolver returns an explicit unknown value, the token
// `{{vpcreach:deploy-time:<resource id>|<attribute>}}` (attribute empty for the Ref), which flows
// through the intrinsics like any string (Fn::Sub and Fn::Join keep it inside their result;
// Fn::Select, Fn::Split, Fn::Cidr and Fn::GetAZs applied to an unknown give an unknown, so an
// unknown stands for a list as well as a string). The resource mapper decides what each use
// means: an availability zone is assumed (the region's zones in order) with a warning; anything
// that decides reachability (an address, a CIDR, an id) is a located error that says what to
// write instead. Values nothing in the network reads (tags, IAM policies, outputs) stay unknown
// and harmless.
#ifndef VPCREACH_MODEL_CLOUDFORMATION_DEPLOY_TIME_VALUE_H_
#define VPCREACH_MODEL_CLOUDFORMATION_DEPLOY_TIME_VALUE_H_

#include <optional>
#include <string>
#include <vector>

#include "model/cloudformation/cfn_value.h"

namespace vpcreach::cfn {

// True for `Custom::...` and `AWS::CloudFormation::CustomResource`.
bool IsCustomResourceType(const std::string& type);

// One unknown value: which resource's answer it is.
struct DeployTimeValue {
  std::string resource_id;  // STACK/LogicalId
  std::string attribute;    // "AvailabilityZone", "Zones[0]"; "" for the resource's Ref

  // "attribute AvailabilityZone of custom resource net/InstanceAZ", "the Ref of custom resource
  // net/InstanceAZ".
  std::string Describe() const;
  // The token that stands for it in a CfnValue's text.
  std::string Token() const;
};

// The first unknown value written in `text` (anywhere in it), or nullopt.
std::optional<DeployTimeValue> FindDeployTimeValue(const std::string& text);

// The unknown value `value` is, when it is a scalar that is one token and nothing else.
std::optional<DeployTimeValue> AsDeployTimeValue(const CfnValue& value);

// The error for an unknown value where the network needs a real one: "the value is <what>, which
// CloudFormation learns only when the custom resource's function runs, at deployment; vpcreach
// needs it to decide reachability: give it as a stack parameter instead".
std::string UnknownValueError(const DeployTimeValue& value);

// Availability zones assumed for unknown values, deterministically: the first distinct unknown
// value gets the region's first zone, the next one the second, and so on (wrapping around); the
// same unknown value always gets the same zone, as CloudFormation would give one answer.
class ZoneAssumptions {
 public:
  explicit ZoneAssumptions(std::string region) : region_(std::move(region)) {}

  // The zone assumed for `value`, and the warning that says so.
  std::string Assume(const DeployTimeValue& value, std::string* warning);

 private:
  std::string region_;
  std::vector<std::string> assumed_;  // tokens, in the order first assumed
};

}  // namespace vpcreach::cfn

#endif  // VPCREACH_MODEL_CLOUDFORMATION_DEPLOY_TIME_VALUE_H_
