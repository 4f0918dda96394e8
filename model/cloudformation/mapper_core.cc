#include "model/cloudformation/mapper_core.h"

#include <algorithm>
#include <cctype>

#include "model/cloudformation/attribute_resolver.h"
#include "model/loader_messages.h"

namespace vpcreach::cfn {

std::string Lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

std::optional<long long> ParseInt(const std::string& text) {
  if (text.empty() || text.size() > 12) return std::nullopt;
  size_t start = text[0] == '-' ? 1 : 0;
  if (start == text.size()) return std::nullopt;
  long long value = 0;
  for (size_t i = start; i < text.size(); ++i) {
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
    value = value * 10 + (text[i] - '0');
  }
  return start == 1 ? -value : value;
}

const CfnValue* Field(const CfnValue* v, const std::string& key) {
  if (v == nullptr || !v->IsMap()) return nullptr;
  const CfnValue* found = v->Find(key);
  return found != nullptr && !found->IsNull() ? found : nullptr;
}

std::string MapperCore::Where(const Res& res) {
  return res.Path() + " (" + FormatLocation(res.r->location) + ")";
}

GenNode& MapperCore::AddWithId(const std::string& section, const std::string& id,
                               const LineOrigin& origin) {
  Section& s = sections_[section];
  s.index[id] = s.components.size();
  s.components.emplace_back(id, GenNode::Map(origin));
  return s.components.back().second;
}

GenNode* MapperCore::Component(const std::string& section, const std::string& id) {
  auto it = sections_.find(section);
  if (it == sections_.end()) return nullptr;
  auto found = it->second.index.find(id);
  return found == it->second.index.end() ? nullptr : &it->second.components[found->second].second;
}

const Res* MapperCore::FindNamed(const std::string& text, const char* type,
                                 const char* name_property) const {
  if (const Res* res = FindResource(text); res != nullptr && res->type() == type) return res;
  // An attribute of the resource (`!GetAtt Config.EndpointConfigName`) that the evaluator
  // leaves as an ARN ending in `:<id>/<attribute>` or as a deployment-time token `<id>.<name>`.
  std::string id;
  if (text.rfind("arn:", 0) == 0) {
    size_t colon = 0;
    for (int i = 0; i < 5 && colon != std::string::npos; ++i) colon = text.find(':', colon + 1);
    if (colon != std::string::npos) id = text.substr(colon + 1);
  } else if (text.rfind(kDeferredTokenPrefix, 0) == 0) {
    id = text.substr(std::string(kDeferredTokenPrefix).size());
    id = id.substr(0, id.rfind('.'));
  }
  while (!id.empty()) {
    if (const Res* res = FindResource(id); res != nullptr && res->type() == type) return res;
    size_t slash = id.rfind('/');
    if (slash == std::string::npos) break;
    id = id.substr(0, slash);
  }
  for (const Res& res : resources_) {
    if (res.type() != type) continue;
    const CfnValue* name = res.Prop(name_property);
    if (name != nullptr && Lower(name->text()) == Lower(text)) return &res;
  }
  return nullptr;
}

std::optional<GenNode> MapperCore::ScalarOf(const Res& res, const CfnValue& v) {
  if (!v.IsScalar()) {
    Error(res, v, "expected a string, got " + v.Describe());
    return std::nullopt;
  }
  if (std::optional<DeployTimeValue> unknown = FindDeployTimeValue(v.text())) {
    Error(res, v, UnknownValueError(*unknown));
    return std::nullopt;
  }
  size_t token = v.text().find(kDeferredTokenPrefix);
  if (token != std::string::npos) {
    size_t start = token + std::string(kDeferredTokenPrefix).size();
    size_t end = v.text().find(kDeferredTokenSuffix, start);
    Error(res, v,
          v.text().substr(start, end == std::string::npos ? std::string::npos : end - start) +
              " is assigned at deployment; vpcreach cannot use it here");
    return std::nullopt;
  }
  return GenNode::Scalar(v.text(), OriginOf(res, v));
}

std::optional<GenNode> MapperCore::Scalar(const Res& res, const std::string& key, bool required,
                                          const std::string& why) {
  const CfnValue* v = res.Prop(key);
  if (v == nullptr) {
    if (required) Missing(res, key, why);
    return std::nullopt;
  }
  return ScalarOf(res, *v);
}

std::optional<GenNode> MapperCore::StringList(const Res& res, const CfnValue* value) {
  if (value == nullptr) return std::nullopt;
  if (!value->IsList()) {
    Error(res, *value, "expected a list of ids, got " + value->Describe());
    return std::nullopt;
  }
  GenNode list = GenNode::List(OriginOf(res, *value));
  for (const CfnValue& item : value->items()) {
    if (auto node = ScalarOf(res, item)) list.items.push_back(std::move(*node));
  }
  return list;
}

std::optional<std::pair<GenNode, const Res*>> MapperCore::StackReference(const Res& res,
                                                                         const std::string& key,
                                                                         const char* type,
                                                                         const std::string& noun) {
  auto node = Scalar(res, key, true);
  if (!node) return std::nullopt;
  if (unmapped_.count(node->text)) return std::nullopt;
  auto it = by_id_.find(node->text);
  if (it != by_id_.end() && it->second->type() == type) return std::pair{*node, it->second};
  const CfnValue& at = *res.Prop(key);
  if (it != by_id_.end()) {
    const std::string& other = it->second->type();
    bool vowel = std::string("AEIOUaeiou").find(other[0]) != std::string::npos;
    Error(
        res, at,
        "'" + node->text + "' is " + (vowel ? "an " : "a ") + other + ", not " + WithArticle(noun));
    return std::nullopt;
  }
  std::vector<std::string> candidates;
  for (const auto& [id, other] : by_id_) {
    if (other->type() == type) candidates.push_back(id);
  }
  std::string suggestion = ClosestMatch(node->text, candidates);
  Error(res, at,
        "'" + node->text + "' is not " + WithArticle(noun) + " of the scenario's stacks" +
            (suggestion.empty() ? "" : "; did you mean '" + suggestion + "'?"));
  return std::nullopt;
}

}  // namespace vpcreach::cfn
