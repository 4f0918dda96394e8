#include "model/cloudformation/template_parser.h"

#include <map>
#include <memory>
#include <regex>

#include "model/yaml_document.h"

namespace vpcreach::cfn {
namespace {

// Short-form tags and the long-form key each becomes.
const std::map<std::string, std::string>& ShortForms() {
  static const std::map<std::string, std::string> forms = {
      {"!Ref", "Ref"},
      {"!Condition", "Condition"},
      {"!Sub", "Fn::Sub"},
      {"!GetAtt", "Fn::GetAtt"},
      {"!ImportValue", "Fn::ImportValue"},
      {"!Select", "Fn::Select"},
      {"!Split", "Fn::Split"},
      {"!Join", "Fn::Join"},
      {"!GetAZs", "Fn::GetAZs"},
      {"!FindInMap", "Fn::FindInMap"},
      {"!Cidr", "Fn::Cidr"},
      {"!Base64", "Fn::Base64"},
      {"!If", "Fn::If"},
      {"!Equals", "Fn::Equals"},
      {"!Not", "Fn::Not"},
      {"!And", "Fn::And"},
      {"!Or", "Fn::Or"},
  };
  return forms;
}

constexpr std::string_view kCoreTag = "tag:yaml.org,2002:";

bool IsPlainNumber(const std::string& s) {
  // YAML 1.2 core schema integers and floats (decimal, octal 0o, hex 0x).
  static const std::regex number(
      R"([-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?)");
  return std::regex_match(s, number);
}

class Converter {
 public:
  Converter(std::string file, Diagnostics* diagnostics)
      : file_(std::move(file)), diagnostics_(diagnostics) {}

  SourceLocation LocationOf(const YamlNode& node) const {
    return SourceLocation{file_, node.line(), node.column()};
  }

  CfnValue Convert(const YamlNode& node, const std::string& path) {
    SourceLocation location = LocationOf(node);
    const std::string& tag = node.tag();
    if (!tag.empty() && tag != "!" && tag.rfind(kCoreTag, 0) != 0) {
      auto form = ShortForms().find(tag);
      if (form != ShortForms().end()) {
        std::string inner_path = ChildPath(path, form->second);
        CfnValue inner = ConvertUntagged(node, inner_path, location);
        return CfnValue::Map({CfnEntry{form->second, location, std::move(inner)}}, location, path);
      }
      diagnostics_->Add(location, path,
                        "unknown tag '" + tag + "'; CloudFormation's short forms are !Ref, !Sub, " +
                            "!GetAtt, !ImportValue, !Select, !Split, !Join, !GetAZs, !FindInMap, " +
                            "!Cidr, !Base64, !If, !Equals, !Not, !And, !Or and !Condition");
    }
    return ConvertUntagged(node, path, location);
  }

 private:
  // `node` without its tag, except that a tagged scalar is a string (`!Ref 443` names "443"; an
  // empty `!GetAZs` is ""): only an untagged plain scalar has a typed view.
  CfnValue ConvertUntagged(const YamlNode& node, const std::string& path,
                           const SourceLocation& location) {
    switch (node.kind()) {
      case YamlNode::Kind::kScalar: {
        const std::string& text = node.text();
        if (node.IsNull()) return CfnValue::Null(location, path);
        bool plain = node.style() == YamlNode::Style::kPlain && node.tag().empty();
        // Only the JSON spellings are booleans; "True" or "yes" stay strings as written.
        if (plain && (text == "true" || text == "false")) {
          return CfnValue::Bool(text == "true", location, path);
        }
        if (plain && IsPlainNumber(text)) return CfnValue::Number(text, location, path);
        return CfnValue::String(text, location, path, node.style() != YamlNode::Style::kPlain);
      }
      case YamlNode::Kind::kSequence: {
        std::vector<CfnValue> items;
        items.reserve(node.items().size());
        for (const YamlNode* item : node.items()) {
          items.push_back(Convert(*item, ItemPath(path, items.size())));
        }
        return CfnValue::List(std::move(items), location, path);
      }
      case YamlNode::Kind::kMapping: {
        std::vector<CfnEntry> entries;
        std::map<std::string, SourceLocation> seen;
        for (const YamlNode::Pair& pair : node.pairs()) {
          SourceLocation key_location = LocationOf(*pair.key);
          if (!pair.key->IsScalar()) {
            diagnostics_->Add(key_location, path,
                              "a mapping key must be a string, got " +
                                  std::string(pair.key->IsMapping() ? "a mapping" : "a sequence"));
            continue;
          }
          const std::string& key = pair.key->text();
          std::string child_path = ChildPath(path, key);
          auto [it, inserted] = seen.emplace(key, key_location);
          if (!inserted) {
            diagnostics_->Add(key_location, child_path,
                              "duplicate key '" + key + "' (first written at line " +
                                  std::to_string(it->second.line) + ")");
            continue;
          }
          entries.push_back(CfnEntry{key, key_location, Convert(*pair.value, child_path)});
        }
        return CfnValue::Map(std::move(entries), location, path);
      }
    }
    return CfnValue::Null(location, path);
  }

  std::string file_;
  Diagnostics* diagnostics_;
};

}  // namespace

TemplateFormat DetectTemplateFormat(const std::string& text) {
  for (char c : text) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') continue;
    return c == '{' ? TemplateFormat::kJson : TemplateFormat::kYaml;
  }
  return TemplateFormat::kYaml;
}

std::optional<CfnValue> ParseTemplate(const std::string& file, const std::string& text,
                                      Diagnostics* diagnostics) {
  YamlError error;
  std::unique_ptr<YamlStream> stream =
      ParseYamlStream(text, &error,
                      DetectTemplateFormat(text) == TemplateFormat::kJson ? YamlSyntax::kJson
                                                                          : YamlSyntax::kYaml);
  if (!stream) {
    diagnostics->Add(SourceLocation{file, error.line, error.column}, "", error.message);
    return std::nullopt;
  }
  if (stream->documents().empty()) return CfnValue::Null(SourceLocation{file, 1, 1}, "");
  // A template is one document: any after the first is not read.
  return Converter(file, diagnostics).Convert(*stream->documents()[0], "");
}

}  // namespace vpcreach::cfn
