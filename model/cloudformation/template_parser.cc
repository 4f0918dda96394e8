#include "model/cloudformation/template_parser.h"

#include <yaml-cpp/yaml.h>

#include <map>
#include <regex>

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

  SourceLocation LocationOf(const YAML::Node& node) const {
    YAML::Mark mark = node.Mark();
    if (mark.is_null() || mark.line < 0) return SourceLocation{file_, 0, 0};
    return SourceLocation{file_, mark.line + 1, mark.column + 1};
  }

  // `fallback` locates empty values (yaml-cpp marks them badly): their key.
  CfnValue Convert(const YAML::Node& node, const std::string& path,
                   const SourceLocation& fallback) {
    SourceLocation location = node.IsNull() ? fallback : LocationOf(node);
    const std::string& tag = node.Tag();
    if (!tag.empty() && tag != "?" && tag != "!") {
      auto form = ShortForms().find(tag);
      if (form != ShortForms().end()) {
        std::string inner_path = ChildPath(path, form->second);
        CfnValue inner = ConvertUntagged(node, inner_path, location, /*explicit_string=*/false);
        return CfnValue::Map({CfnEntry{form->second, location, std::move(inner)}}, location, path);
      }
      if (tag.rfind("tag:yaml.org,2002:", 0) == 0) {
        return ConvertUntagged(node, path, location, tag == "tag:yaml.org,2002:str");
      }
      diagnostics_->Add(location, path,
                        "unknown tag '" + tag + "'; CloudFormation's short forms are !Ref, !Sub, " +
                            "!GetAtt, !ImportValue, !Select, !Split, !Join, !GetAZs, !FindInMap, " +
                            "!Cidr, !Base64, !If, !Equals, !Not, !And, !Or and !Condition");
    }
    return ConvertUntagged(node, path, location, false);
  }

 private:
  CfnValue ConvertUntagged(const YAML::Node& node, const std::string& path,
                           const SourceLocation& location, bool explicit_string) {
    switch (node.Type()) {
      case YAML::NodeType::Scalar: {
        const std::string& text = node.Scalar();
        bool plain = node.Tag() == "?";
        // Only the JSON spellings are booleans; "True" or "yes" stay strings as written.
        if (plain && !explicit_string && (text == "true" || text == "false")) {
          return CfnValue::Bool(text == "true", location, path);
        }
        if (plain && !explicit_string && IsPlainNumber(text)) {
          return CfnValue::Number(text, location, path);
        }
        return CfnValue::String(text, location, path, !plain);
      }
      case YAML::NodeType::Sequence: {
        std::vector<CfnValue> items;
        size_t i = 0;
        for (const YAML::Node& item : node) {
          items.push_back(Convert(item, ItemPath(path, i), location));
          ++i;
        }
        return CfnValue::List(std::move(items), location, path);
      }
      case YAML::NodeType::Map: {
        std::vector<CfnEntry> entries;
        std::map<std::string, SourceLocation> seen;
        for (const auto& kv : node) {
          SourceLocation key_location = LocationOf(kv.first);
          if (!kv.first.IsScalar()) {
            diagnostics_->Add(key_location, path,
                              "a mapping key must be a string, got " +
                                  std::string(kv.first.IsMap() ? "a mapping" : "a sequence"));
            continue;
          }
          const std::string& key = kv.first.Scalar();
          std::string child_path = ChildPath(path, key);
          auto [it, inserted] = seen.emplace(key, key_location);
          if (!inserted) {
            diagnostics_->Add(key_location, child_path,
                              "duplicate key '" + key + "' (first written at line " +
                                  std::to_string(it->second.line) + ")");
            continue;
          }
          entries.push_back(
              CfnEntry{key, key_location, Convert(kv.second, child_path, key_location)});
        }
        return CfnValue::Map(std::move(entries), location, path);
      }
      default:
        return CfnValue::Null(location, path);
    }
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
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::Exception& e) {
    SourceLocation location{file, 0, 0};
    if (!e.mark.is_null()) location = SourceLocation{file, e.mark.line + 1, e.mark.column + 1};
    std::string what = DetectTemplateFormat(text) == TemplateFormat::kJson ? "JSON" : "YAML";
    diagnostics->Add(location, "", "invalid " + what + ": " + e.msg);
    return std::nullopt;
  }
  Converter converter(file, diagnostics);
  return converter.Convert(root, "", SourceLocation{file, 1, 1});
}

}  // namespace vpcreach::cfn
