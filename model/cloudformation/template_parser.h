// Parses CloudFormation template text (YAML or JSON) into a located CfnValue tree.
//
// The format is decided by content, as CloudFormation does: a template whose first non-blank
// character is `{` is JSON, anything else YAML. Both go through yaml-cpp (JSON is YAML's flow
// style), so locations are yaml-cpp's marks made 1-based.
//
// YAML specifics handled here:
// - every short-form tag (!Ref !Sub !GetAtt !ImportValue !Select !Split !Join !GetAZs !FindInMap
//   !Cidr !Base64 !If !Equals !Not !And !Or !Condition) becomes its long form, located at the tag;
//   an unknown `!Tag` is an error;
// - scalars keep their text; plain `true`/`false` (any YAML 1.2 core spelling) read as kBool and
//   plain numbers as kNumber, but text() is what was written; dates stay strings;
// - duplicate keys and non-scalar keys are errors (CloudFormation rejects them);
// - an empty value (`Key:`) is null, located at its key (yaml-cpp marks it past the line).
// Nothing throws: yaml-cpp's exceptions become diagnostics.
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
