// CloudFormation's intrinsic functions and condition functions over a CfnValue tree.
//
// IntrinsicEvaluator replaces every intrinsic in a value (long form: the parser already turned
// short forms into long ones) by its result: Ref, Fn::Sub, Fn::GetAtt, Fn::ImportValue,
// Fn::Select, Fn::Split, Fn::Join, Fn::GetAZs, Fn::FindInMap, Fn::Cidr, Fn::Base64 and Fn::If;
// EvaluateCondition() evaluates Fn::Equals, Fn::Not, Fn::And, Fn::Or and {Condition: name}.
// What the functions see of the stack (parameters, mappings, conditions, resources, exports) comes
// through a StackScope, which the template evaluator implements.
//
// AWS::NoValue removes the map key or list element where it appears (also through Fn::If). An
// intrinsic that fails is reported once, at the intrinsic's location and path, with the shape it
// expects; the map or list around it drops the failed part and evaluation goes on, so every
// problem of a template is reported and none is reported twice. Results are located at the
// intrinsic that produced them. A custom resource's Ref or attribute is an explicit unknown value
// (deploy_time_value.h); Fn::Select, Fn::Split, Fn::Join, Fn::Cidr, Fn::GetAZs and Fn::FindInMap
// applied to an unknown give an unknown instead of failing on its shape.
#ifndef VPCREACH_MODEL_CLOUDFORMATION_INTRINSICS_H_
#define VPCREACH_MODEL_CLOUDFORMATION_INTRINSICS_H_

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "model/cloudformation/cfn_value.h"
#include "model/diagnostics.h"

namespace vpcreach::cfn {

// The result of evaluating a value: a value, nothing (AWS::NoValue), or an error already reported.
struct Evaluated {
  enum class State { kValue, kNoValue, kError };
  State state = State::kError;
  CfnValue value;

  static Evaluated Value(CfnValue v) { return Evaluated{State::kValue, std::move(v)}; }
  static Evaluated NoValue() { return Evaluated{State::kNoValue, {}}; }
  static Evaluated Error() { return Evaluated{State::kError, {}}; }
  bool ok() const { return state == State::kValue; }
};

class StackScope {
 public:
  virtual ~StackScope() = default;
  virtual const std::string& region() const = 0;
  // A declared or pseudo parameter (AWS::NoValue included), or nullptr.
  virtual const CfnValue* Parameter(const std::string& name) const = 0;
  // The Mappings section, or nullptr when the template has none.
  virtual const CfnValue* Mappings() const = 0;
  // The following report their own problems at `at` (the intrinsic) before returning an error.
  virtual std::optional<bool> Condition(const std::string& name, const CfnValue& at) = 0;
  virtual Evaluated ResourceRef(const std::string& logical_id, const CfnValue& at) = 0;
  virtual Evaluated ResourceAttribute(const std::string& logical_id, const std::string& attribute,
                                      const CfnValue& at) = 0;
  virtual Evaluated ImportValue(const std::string& export_name, const CfnValue& at) = 0;
};

class IntrinsicEvaluator {
 public:
  // Both must outlive the evaluator.
  IntrinsicEvaluator(StackScope* scope, Diagnostics* diagnostics)
      : scope_(*scope), diagnostics_(*diagnostics) {}

  Evaluated Evaluate(const CfnValue& value);
  // A condition function; nullopt after reporting.
  std::optional<bool> EvaluateCondition(const CfnValue& value);

 private:
  Evaluated Intrinsic(const std::string& name, const CfnValue& arg, const CfnValue& at);
  Evaluated Ref(const CfnValue& arg, const CfnValue& at);
  Evaluated Sub(const CfnValue& arg, const CfnValue& at);
  Evaluated GetAtt(const CfnValue& arg, const CfnValue& at);
  Evaluated ImportValue(const CfnValue& arg, const CfnValue& at);
  Evaluated Select(const CfnValue& arg, const CfnValue& at);
  Evaluated Split(const CfnValue& arg, const CfnValue& at);
  Evaluated Join(const CfnValue& arg, const CfnValue& at);
  Evaluated GetAZs(const CfnValue& arg, const CfnValue& at);
  Evaluated FindInMap(const CfnValue& arg, const CfnValue& at);
  Evaluated Cidr(const CfnValue& arg, const CfnValue& at);
  Evaluated Base64(const CfnValue& arg, const CfnValue& at);
  Evaluated If(const CfnValue& arg, const CfnValue& at);

  // Evaluates `value` and requires a scalar; nullopt after reporting "<function> expects <what>".
  std::optional<std::string> ScalarArgument(const CfnValue& value, const std::string& function,
                                            const std::string& what, const CfnValue& at);
  Evaluated Fail(const CfnValue& at, std::string message);

  StackScope& scope_;
  Diagnostics& diagnostics_;
};

// A name a value refers to (Ref, Fn::GetAtt, a Fn::Sub variable), with where the reference is.
// Parameters and pseudo parameters are included; callers keep the names they care about.
struct Reference {
  std::string target;
  std::string path;
  SourceLocation location;
};

// Every reference in `value`, in document order. Fn::If branches whose condition `condition`
// decides are skipped when not taken (a reference there creates no dependency).
std::vector<Reference> CollectReferences(
    const CfnValue& value, const std::function<std::optional<bool>(const std::string&)>& condition);

// "a-${X}-${!Y}" -> literal "a-", variable "X", literal "-${Y}".
struct SubPiece {
  bool variable = false;
  std::string text;
};
std::vector<SubPiece> ParseSubTemplate(const std::string& text);

// True for {"Ref": ...} and {"Fn::...": ...} (one key).
bool IsIntrinsic(const CfnValue& value);

}  // namespace vpcreach::cfn

#endif  // VPCREACH_MODEL_CLOUDFORMATION_INTRINSICS_H_
