#include "model/cloudformation/template_parameters.h"

#include <algorithm>
#include <charconv>
#include <optional>

#include "model/cloudformation/allowed_pattern.h"

namespace vpcreach::cfn {
namespace {

const std::vector<std::string>& AllowedKeys() {
  static const std::vector<std::string> keys = {
      "Type",      "Default",   "AllowedValues", "AllowedPattern",        "MinValue", "MaxValue",
      "MinLength", "MaxLength", "Description",   "ConstraintDescription", "NoEcho"};
  return keys;
}

enum class Shape { kString, kNumber, kNumberList, kStringList };

std::optional<Shape> ShapeOf(const std::string& type) {
  if (type == "String") return Shape::kString;
  if (type == "Number") return Shape::kNumber;
  if (type == "List<Number>") return Shape::kNumberList;
  if (type == "CommaDelimitedList") return Shape::kStringList;
  if (type.rfind("AWS::SSM::Parameter::Value<List<", 0) == 0) return Shape::kStringList;
  if (type == "AWS::SSM::Parameter::Value<CommaDelimitedList>") return Shape::kStringList;
  if (type.rfind("List<AWS::", 0) == 0 && type.back() == '>') return Shape::kStringList;
  if (type.rfind("AWS::", 0) == 0) return Shape::kString;
  return std::nullopt;
}

std::optional<double> ParseNumber(const std::string& text) {
  std::string_view view = text;
  if (!view.empty() && view[0] == '+') view.remove_prefix(1);
  double value = 0;
  auto [ptr, ec] = std::from_chars(view.data(), view.data() + view.size(), value);
  if (view.empty() || ec != std::errc() || ptr != view.data() + view.size()) return std::nullopt;
  return value;
}

std::vector<std::string> SplitCommas(const std::string& text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (true) {
    size_t comma = text.find(',', start);
    out.push_back(text.substr(start, comma - start));
    if (comma == std::string::npos) return out;
    start = comma + 1;
  }
}

std::string JoinWords(const std::vector<std::string>& words) {
  std::string out;
  for (const std::string& w : words) out += (out.empty() ? "" : ", ") + w;
  return out;
}

class ParameterChecker {
 public:
  ParameterChecker(const std::string& name, const CfnValue& declaration, SourceLocation at,
                   Diagnostics* diagnostics)
      : path_("Parameters." + name),
        declaration_(declaration),
        at_(std::move(at)),
        diagnostics_(*diagnostics) {}

  bool ok() const { return ok_; }

  void Error(std::string message) {
    diagnostics_.Add(at_, path_, std::move(message));
    ok_ = false;
  }

  // A numeric constraint (MinValue...), or nullopt (reported when malformed).
  std::optional<double> NumberConstraint(const std::string& key, std::string* text) {
    const CfnValue* v = declaration_.Find(key);
    if (v == nullptr) return std::nullopt;
    std::optional<double> n = v->IsScalar() ? ParseNumber(v->text()) : std::nullopt;
    if (!n) {
      diagnostics_.Add(
          v->location(), ChildPath(path_, key),
          "expected a number, got " + (v->IsScalar() ? "'" + v->text() + "'" : v->Describe()));
      return std::nullopt;
    }
    *text = v->text();
    return n;
  }

  void CheckItem(const std::string& item, Shape shape) {
    if (shape == Shape::kNumber || shape == Shape::kNumberList) {
      std::optional<double> n = ParseNumber(item);
      if (!n) {
        Error("value '" + item + "' is not a Number");
        return;
      }
      std::string text;
      if (auto min = NumberConstraint("MinValue", &text); min && *n < *min) {
        Error("value " + item + " is below MinValue " + text);
      }
      if (auto max = NumberConstraint("MaxValue", &text); max && *n > *max) {
        Error("value " + item + " is above MaxValue " + text);
      }
    } else {
      std::string text;
      if (auto min = NumberConstraint("MinLength", &text); min && item.size() < *min) {
        Error("value '" + item + "' is shorter than MinLength " + text);
      }
      if (auto max = NumberConstraint("MaxLength", &text); max && item.size() > *max) {
        Error("value '" + item + "' is longer than MaxLength " + text);
      }
      if (const CfnValue* pattern = declaration_.Find("AllowedPattern"); pattern != nullptr) {
        CheckPattern(item, *pattern);
      }
    }
    if (const CfnValue* allowed = declaration_.Find("AllowedValues"); allowed != nullptr) {
      CheckAllowed(item, *allowed, shape == Shape::kNumber || shape == Shape::kNumberList);
    }
  }

 private:
  void CheckPattern(const std::string& item, const CfnValue& pattern) {
    if (!pattern.IsScalar()) {
      diagnostics_.Add(pattern.location(), ChildPath(path_, "AllowedPattern"),
                       "expected a regular expression, got " + pattern.Describe());
      return;
    }
    if (!compiled_ && !pattern_reported_) {
      std::string error;
      compiled_ = AllowedPattern::Compile(pattern.text(), &error);
      if (!compiled_) {
        // Reported once per parameter, however many list items it checks.
        pattern_reported_ = true;
        diagnostics_.Add(pattern.location(), ChildPath(path_, "AllowedPattern"),
                         "PCRE2 cannot compile the regular expression '" + pattern.text() +
                             "': " + error);
      }
    }
    if (!compiled_) return;
    std::optional<bool> matches = compiled_->Matches(item);
    if (!matches) {
      Error("PCRE2 gave up matching value '" + item + "' against AllowedPattern '" +
            pattern.text() + "' (its backtracking limit); simplify the pattern");
    } else if (!*matches) {
      Error("value '" + item + "' does not match AllowedPattern '" + pattern.text() + "'");
    }
  }

  void CheckAllowed(const std::string& item, const CfnValue& allowed, bool numeric) {
    if (!allowed.IsList()) {
      diagnostics_.Add(allowed.location(), ChildPath(path_, "AllowedValues"),
                       "expected a list of values, got " + allowed.Describe());
      return;
    }
    std::vector<std::string> words;
    for (const CfnValue& a : allowed.items()) {
      words.push_back(a.text());
      if (a.text() == item) return;
      // 14 and 14.0 are the same Number.
      if (numeric && ParseNumber(a.text()) && ParseNumber(item) &&
          *ParseNumber(a.text()) == *ParseNumber(item)) {
        return;
      }
    }
    Error("value '" + item + "' is not one of the AllowedValues: " + JoinWords(words));
  }

  std::string path_;
  const CfnValue& declaration_;
  SourceLocation at_;
  Diagnostics& diagnostics_;
  bool ok_ = true;
  std::optional<AllowedPattern> compiled_;
  bool pattern_reported_ = false;
};

}  // namespace

std::vector<ResolvedParameter> ResolveParameters(const CfnValue* section,
                                                 const std::map<std::string, ParameterValue>& given,
                                                 Diagnostics* diagnostics) {
  std::vector<ResolvedParameter> out;
  std::vector<std::string> declared;
  if (section != nullptr && !section->IsMap() && !section->IsNull()) {
    diagnostics->Add(section->location(), "Parameters",
                     "expected a mapping of parameter declarations, got " + section->Describe());
    section = nullptr;
  }
  if (section != nullptr) {
    for (const CfnEntry& entry : section->entries()) declared.push_back(entry.key);
  }
  for (const auto& [name, value] : given) {
    if (std::find(declared.begin(), declared.end(), name) != declared.end()) continue;
    std::string message = "the template declares no parameter '" + name + "'";
    std::string close = ClosestMatch(name, declared);
    if (!close.empty()) {
      message += "; did you mean '" + close + "'?";
    } else {
      message +=
          declared.empty() ? " (it declares none)" : " (it declares " + JoinWords(declared) + ")";
    }
    diagnostics->Add(value.location, "Parameters." + name, message);
  }
  if (section == nullptr) return out;

  for (const CfnEntry& entry : section->entries()) {
    const std::string path = "Parameters." + entry.key;
    const CfnValue& declaration = entry.value;
    if (!declaration.IsMap()) {
      diagnostics->Add(
          declaration.location(), path,
          "expected a parameter declaration (a mapping with Type), got " + declaration.Describe());
      out.push_back(ResolvedParameter{entry.key, "", {}, entry.key_location, false, false});
      continue;
    }
    for (const CfnEntry& key : declaration.entries()) {
      const auto& allowed = AllowedKeys();
      if (std::find(allowed.begin(), allowed.end(), key.key) != allowed.end()) continue;
      std::string message = "unknown parameter attribute '" + key.key + "'";
      std::string close = ClosestMatch(key.key, allowed);
      if (!close.empty()) message += "; did you mean '" + close + "'?";
      diagnostics->Add(key.key_location, ChildPath(path, key.key), message);
    }
    const CfnValue* type = declaration.Find("Type");
    if (type == nullptr || !type->IsScalar()) {
      diagnostics->Add(declaration.location(), path, "missing required key 'Type'");
      out.push_back(ResolvedParameter{entry.key, "", {}, entry.key_location, false, false});
      continue;
    }
    std::optional<Shape> shape = ShapeOf(type->text());
    if (!shape) {
      std::string message = "unknown parameter type '" + type->text() + "'";
      std::string close =
          ClosestMatch(type->text(), {"String", "Number", "List<Number>", "CommaDelimitedList"});
      if (!close.empty()) message += "; did you mean '" + close + "'?";
      diagnostics->Add(type->location(), ChildPath(path, "Type"), message);
      out.push_back(
          ResolvedParameter{entry.key, type->text(), {}, entry.key_location, false, false});
      continue;
    }

    ResolvedParameter resolved;
    resolved.name = entry.key;
    resolved.type = type->text();
    std::string text;
    if (auto it = given.find(entry.key); it != given.end()) {
      text = it->second.value;
      resolved.location = it->second.location;
    } else if (const CfnValue* fallback = declaration.Find("Default")) {
      if (!fallback->IsScalar()) {
        diagnostics->Add(fallback->location(), ChildPath(path, "Default"),
                         "expected a string, got " + fallback->Describe() +
                             " (list parameters take a comma-separated string)");
        out.push_back(
            ResolvedParameter{entry.key, type->text(), {}, fallback->location(), true, false});
        continue;
      }
      text = fallback->text();
      resolved.location = fallback->location();
      resolved.from_default = true;
    } else {
      diagnostics->Add(
          entry.key_location, path,
          "no value given and no Default; give the stack a value for '" + entry.key + "'");
      out.push_back(
          ResolvedParameter{entry.key, type->text(), {}, entry.key_location, false, false});
      continue;
    }

    ParameterChecker checker(entry.key, declaration, resolved.location, diagnostics);
    if (*shape == Shape::kString || *shape == Shape::kNumber) {
      checker.CheckItem(text, *shape);
      resolved.value = CfnValue::String(text, resolved.location, path);
    } else {
      std::vector<CfnValue> items;
      for (const std::string& item : SplitCommas(text)) {
        checker.CheckItem(item, *shape);
        items.push_back(CfnValue::String(item, resolved.location));
      }
      resolved.value = CfnValue::List(std::move(items), resolved.location, path);
    }
    resolved.valid = checker.ok();
    out.push_back(std::move(resolved));
  }
  return out;
}

}  // namespace vpcreach::cfn
