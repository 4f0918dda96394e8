// A template's Parameters section resolved against the values a scenario gives.
//
// Each declared parameter takes the given value, else its Default, and must satisfy its Type and
// constraints as CloudFormation checks them: `String`, `Number` (the value parses as a number),
// `List<Number>`, `CommaDelimitedList`, the AWS-specific types `AWS::EC2::...` (strings) and
// `List<AWS::EC2::...>` (lists), and `AWS::SSM::Parameter::Value<T>` (the given value is taken as
// the parameter's resolved value: there is no Parameter Store offline); AllowedValues,
// AllowedPattern (a Java regular expression matched against the whole value, through PCRE2: see
// allowed_pattern.h), MinLength/MaxLength, MinValue/MaxValue (list types check each item). A
// pattern PCRE2 cannot compile is reported at the pattern. A problem is
// reported at the scenario's key when the value came from the scenario, else at the Default, with
// the path `Parameters.Name`. Given values for undeclared parameters are errors too.
#ifndef VPCREACH_MODEL_CLOUDFORMATION_TEMPLATE_PARAMETERS_H_
#define VPCREACH_MODEL_CLOUDFORMATION_TEMPLATE_PARAMETERS_H_

#include <map>
#include <string>
#include <vector>

#include "model/cloudformation/cfn_value.h"
#include "model/diagnostics.h"

namespace vpcreach::cfn {

// A parameter value as the scenario gives it: always a string (a YAML 1 or true is "1", "true"),
// located at the scenario's key so that problems point there.
struct ParameterValue {
  std::string value;
  SourceLocation location;
};

struct ResolvedParameter {
  std::string name;
  std::string type;
  CfnValue value;           // a string, or a list of strings for list types
  SourceLocation location;  // the scenario's key, or the template's Default
  bool from_default = false;
  // False when the parameter has no usable value (reported): references to it fail quietly.
  bool valid = true;
};

// `section` is the template's Parameters value (nullptr when absent). Every declared parameter is
// in the result, in template order; those that cannot be resolved are reported and marked invalid.
std::vector<ResolvedParameter> ResolveParameters(const CfnValue* section,
                                                 const std::map<std::string, ParameterValue>& given,
                                                 Diagnostics* diagnostics);

}  // namespace vpcreach::cfn

#endif  // VPCREACH_MODEL_CLOUDFORMATION_TEMPLATE_PARAMETERS_H_
