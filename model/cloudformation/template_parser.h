// Parses CloudFormation template text (YAML or JSON) into a located CfnValue tree.
//
// The format is decided by content, as CloudFormation does: a template whose first non-blank
// character is `{` is JSON, anything else YAML. Both go through libyaml (model/yaml_document.h;
// JSON is YAML's flow style, with the few things libyaml reads differently rewritten first), so
// YAML and JSON templates are located alike, and accepted as PyYAML and cfn-lint accept them.
//
// YAML specifics handled here:
// - every short-form tag (!Ref !Sub !GetAtt !ImportValue !Select !Split !Join !GetAZs !FindInMap
//   !Cidr !Base64 !If !Equals !Not !And !Or !Condition) becomes its long form, located at the tag;
//   an unknown `!Tag` is an error;
// - scalars keep their text; untagged plain `true`/`false` read as kBool, plain numbers as
//   kNumber and plain nulls (nothing, `~`, `null`) as kNull, but text() is what was written; dates stay
//   strings; a short form's scalar is a string (`!Ref 443` names "443", an empty `!GetAZs` is "");
// - aliases are expanded (within the alias budget of YamlLimits);
// - duplicate keys and non-scalar keys are errors (CloudFormation rejects them);
// - an empty value (`Key:`) is null, located just after its key's colon.
// Nothing throws: a syntax error is one located diagnostic, "invalid YAML: ..." or "invalid JSON:
// ..." in libyaml's words.
#ifndef VPCREACH_MODEL_CLOUDFORMATION_TEMPLATE_PARSER_H_
#define VPCREACH_MODEL_CLOUDFORMATION_TEMPLATE_PARSER_H_

#include <optional>
#include <string>

#include "model/cloudformation/cfn_value.h"
#include "model/diagnostics.h"

namespace vpcreach::cfn {

enum class TemplateFormat { kYaml, kJson };

TemplateFormat DetectTemplateFormat(const std::string& text);

// The document's root, or nullopt when the text cannot be parsed at all (reported). Problems inside
// a parsable document (duplicate keys, unknown tags) are reported and the rest is still returned.
std::optional<CfnValue> ParseTemplate(const std::string& file, const std::string& text,
                                      Diagnostics* diagnostics);

}  // namespace vpcreach::cfn

#endif  // VPCREACH_MODEL_CLOUDFORMATION_TEMPLATE_PARSER_H_
