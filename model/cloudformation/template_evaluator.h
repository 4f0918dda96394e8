// Evaluates one CloudFormation stack as CloudFormation would deploy it, offline.
//
// EvaluateStack() takes a template (YAML or JSON text), the parameter values a scenario gives, the
// region and account, the exports of the stacks deployed before, and an AttributeResolver, and
// returns the stack with every intrinsic resolved:
// - Parameters resolved and checked (template_parameters.h), plus the pseudo parameters
//   AWS::StackName, AWS::StackId, AWS::Region, AWS::AccountId, AWS::Partition ("aws"),
//   AWS::URLSuffix ("amazonaws.com"), AWS::NotificationARNs ([]) and AWS::NoValue;
// - Mappings, Conditions (with cycle detection) and resource and output `Condition`s: excluded
//   resources are listed with condition_included = false and no properties, and a Ref or GetAtt
//   to one is an error naming both ends;
// - Resources evaluated in dependency order (Ref, GetAtt, Sub variables, DependsOn; template order
//   among independent ones), so the resolver always sees its resource's evaluated properties; a
//   dependency cycle is reported once, naming both ends, and its resources are left unevaluated;
// - nested stacks (AWS::CloudFormation::Stack with a local TemplateURL, relative to the parent
//   template's folder) evaluated recursively: their resources follow the nested-stack resource in
//   `resources` with logical ids `Nested/Child`, their Outputs answer `Fn::GetAtt [Nested,
//   Outputs.X]`, and their exports are the parent's too;
// - Outputs (with Condition) and their Export names; exports must be unique across all stacks.
//
// Every problem is appended to `diagnostics` as `file:line:col: path: message`; the evaluation
// goes on past problems so that all of a template's problems are reported, and nothing throws.
// Resource ids (what the resolver is given, and what issue 4 names resources) are
// `STACK/LogicalId`, or `STACK/Nested/LogicalId` inside a nested stack; the caller prefixes the
// stack name to the `logical_id`s returned.
#ifndef VPCREACH_MODEL_CLOUDFORMATION_TEMPLATE_EVALUATOR_H_
#define VPCREACH_MODEL_CLOUDFORMATION_TEMPLATE_EVALUATOR_H_

#include <map>
#include <string>
#include <vector>

#include "model/cloudformation/attribute_resolver.h"
#include "model/cloudformation/cfn_value.h"
#include "model/cloudformation/template_parameters.h"
#include "model/confinement.h"
#include "model/diagnostics.h"

namespace vpcreach::cfn {

// One exported value: what Fn::ImportValue returns, and who exported it.
struct StackExport {
  CfnValue value;  // a string, located at the exporting output's Value
  std::string stack;
  std::string output;
};
// Export name -> export. Later stacks see the exports of every earlier stack.
using ExportTable = std::map<std::string, StackExport>;

struct StackInput {
  std::string name;           // the stack name (AWS::StackName)
  std::string template_file;  // as diagnostics should name it; nested TemplateURLs are relative
  std::string template_text;
  std::map<std::string, ParameterValue> parameters;
  std::string region = "us-east-1";
  std::string account_id = "123456789012";
  // Which nested templates may be read (model/confinement.h); null: any.
  Confinement* confinement = nullptr;
  // Levels of nested stacks below this one (--max-nested-stack-depth); the default, when null.
  const int* max_nested_depth = nullptr;
};

struct EvaluatedResource {
  std::string logical_id;  // `Nested/Child` for a nested stack's resources
  std::string type;
  CfnValue properties;      // a map, no intrinsics left; empty when excluded or unevaluable
  SourceLocation location;  // the logical id's key in its template
  bool condition_included = true;
  std::string condition;  // the resource's Condition, "" when none
};

struct EvaluatedOutput {
  std::string name;
  CfnValue value;           // no intrinsics left
  std::string export_name;  // "" when not exported
  SourceLocation location;
  bool condition_included = true;
};

struct EvaluatedStack {
  std::string name;
  std::string template_file;
  std::vector<ResolvedParameter> parameters;  // declared parameters, template order
  std::map<std::string, bool> conditions;     // conditions that could be evaluated
  std::vector<EvaluatedResource> resources;   // template order, nested children after their stack
  std::vector<EvaluatedOutput> outputs;       // template order
  ExportTable exports;                        // this stack's (and its nested stacks') exports
};

// `earlier_exports` are the exports of the stacks deployed before this one; merge the result's
// `exports` into it before evaluating the next stack. `resolver` and `diagnostics` must not be
// null.
EvaluatedStack EvaluateStack(const StackInput& input, const ExportTable& earlier_exports,
                             AttributeResolver* resolver, Diagnostics* diagnostics);

// Nested stacks deeper than this are an error (a template that includes itself).
inline constexpr int kMaxNestedStackDepth = 8;

}  // namespace vpcreach::cfn

#endif  // VPCREACH_MODEL_CLOUDFORMATION_TEMPLATE_EVALUATOR_H_
