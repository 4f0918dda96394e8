#include "sim/report/ci_report.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <sstream>

#include "sim/report/trace_report.h"

namespace vpcreach {
namespace {

namespace fs = std::filesystem;

constexpr const char* kSarifSchema = "https://json.schemastore.org/sarif-2.1.0.json";
constexpr const char* kBaseId = "SRCROOT";

bool IsXmlForbidden(unsigned char c) { return c < 0x20 && c != '\t' && c != '\n' && c != '\r'; }

// For attribute values: whitespace other than a space would be normalized away by parsers.
std::string XmlAttribute(const std::string& text) {
  std::string out;
  for (char c : XmlEscape(text)) {
    switch (c) {
      case '\n':
        out += "&#10;";
        break;
      case '\r':
        out += "&#13;";
        break;
      case '\t':
        out += "&#9;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

// RFC 3986: everything but unreserved characters and the path separator is percent-encoded, so
// a file named "my lab#2.yaml" stays one path.
std::string PercentEncode(const std::string& path) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : path) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~' || c == '/') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

fs::path Absolute(const std::string& path) {
  std::error_code error;
  fs::path p = fs::absolute(path.empty() ? fs::path(".") : fs::path(path), error);
  return p.lexically_normal();
}

// `file` relative to `base` when inside it ("" otherwise).
std::string RelativeInside(const fs::path& file, const fs::path& base) {
  fs::path relative = file.lexically_relative(base);
  if (relative.empty()) return "";
  std::string text = relative.generic_string();
  if (text == "." || text == ".." || text.rfind("../", 0) == 0) return "";
  return text;
}

nlohmann::ordered_json ArtifactLocation(const std::string& file, const fs::path& base) {
  fs::path absolute = Absolute(file);
  std::string relative = RelativeInside(absolute, base);
  if (!relative.empty()) {
    return {{"uri", PercentEncode(relative)}, {"uriBaseId", kBaseId}};
  }
  return {{"uri", "file://" + PercentEncode(absolute.generic_string())}};
}

// A SARIF physicalLocation, or null when the location names no file.
nlohmann::ordered_json PhysicalLocation(const SourceLocation& location, const fs::path& base) {
  if (location.file.empty()) return nullptr;
  nlohmann::ordered_json physical;
  physical["artifactLocation"] = ArtifactLocation(location.file, base);
  if (location.line > 0) {
    nlohmann::ordered_json region;
    region["startLine"] = location.line;
    if (location.column > 0) region["startColumn"] = location.column;
    physical["region"] = std::move(region);
  }
  return physical;
}

nlohmann::ordered_json Text(const std::string& text) { return {{"text", text}}; }

nlohmann::ordered_json Rule(const CiRule& rule) {
  nlohmann::ordered_json j;
  j["id"] = rule.id;
  if (!rule.name.empty()) j["name"] = rule.name;
  j["shortDescription"] = Text(rule.short_description);
  j["fullDescription"] =
      Text(rule.full_description.empty() ? rule.short_description : rule.full_description);
  nlohmann::ordered_json help = Text(rule.help);
  if (!rule.help_uri.empty()) {
    help["markdown"] = rule.help + "\n\n[More about " + rule.id + "](" + rule.help_uri + ")";
    j["helpUri"] = rule.help_uri;
  }
  j["help"] = std::move(help);
  j["defaultConfiguration"] = {{"level", CiLevelName(rule.default_level)}};
  return j;
}

nlohmann::ordered_json CodeFlow(const std::vector<CiStep>& path, const fs::path& base) {
  nlohmann::ordered_json locations = nlohmann::ordered_json::array();
  for (const CiStep& step : path) {
    nlohmann::ordered_json location;
    nlohmann::ordered_json physical = PhysicalLocation(step.location, base);
    if (!physical.is_null()) location["physicalLocation"] = std::move(physical);
    location["message"] = Text(step.message);
    locations.push_back({{"location", std::move(location)}});
  }
  nlohmann::ordered_json thread_flow;
  thread_flow["locations"] = std::move(locations);
  nlohmann::ordered_json flow;
  flow["threadFlows"] = nlohmann::ordered_json::array({std::move(thread_flow)});
  return flow;
}

nlohmann::ordered_json Result(const CiItem& item, const std::vector<CiRule>& rules,
                              const fs::path& base) {
  nlohmann::ordered_json j;
  j["ruleId"] = item.rule_id;
  for (size_t i = 0; i < rules.size(); ++i) {
    if (rules[i].id == item.rule_id) {
      j["ruleIndex"] = i;
      break;
    }
  }
  j["level"] = CiLevelName(item.level);
  j["message"] = Text(item.message.empty() ? item.name : item.message);
  nlohmann::ordered_json physical = PhysicalLocation(item.location, base);
  if (!physical.is_null()) {
    j["locations"] = nlohmann::ordered_json::array({{{"physicalLocation", std::move(physical)}}});
  }
  if (!item.path.empty()) {
    j["codeFlows"] = nlohmann::ordered_json::array({CodeFlow(item.path, base)});
  }
  return j;
}

template <typename T>
SourceLocation FindLocation(const std::vector<T>& components, const std::string& id) {
  for (const T& component : components) {
    if (component.id == id) return component.location;
  }
  return {};
}

}  // namespace

const char* CiLevelName(CiLevel level) {
  switch (level) {
    case CiLevel::kError:
      return "error";
    case CiLevel::kWarning:
      return "warning";
    case CiLevel::kNote:
      return "note";
  }
  return "error";
}

std::string XmlEscape(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      default:
        // XML 1.0 cannot carry these control characters at all, escaped or not.
        out += IsXmlForbidden(static_cast<unsigned char>(c)) ? '?' : c;
    }
  }
  return out;
}

nlohmann::ordered_json ToSarif(const CiTool& tool, const std::vector<CiRule>& rules,
                               const std::vector<CiItem>& items, const std::string& base_dir) {
  fs::path base = Absolute(base_dir);
  nlohmann::ordered_json driver;
  driver["name"] = tool.name;
  if (!tool.version.empty()) driver["version"] = tool.version;
  if (!tool.information_uri.empty()) driver["informationUri"] = tool.information_uri;
  driver["rules"] = nlohmann::ordered_json::array();
  for (const CiRule& rule : rules) driver["rules"].push_back(Rule(rule));

  nlohmann::ordered_json run;
  run["tool"] = {{"driver", std::move(driver)}};
  // A directory URI ends in '/', or SARIF consumers resolve relative URIs against its parent.
  std::string base_uri = PercentEncode(base.generic_string());
  if (base_uri.empty() || base_uri.back() != '/') base_uri += '/';
  run["originalUriBaseIds"] = {{kBaseId, {{"uri", "file://" + base_uri}}}};
  run["results"] = nlohmann::ordered_json::array();
  for (const CiItem& item : items) {
    if (!item.passed) run["results"].push_back(Result(item, rules, base));
  }

  nlohmann::ordered_json log;
  log["$schema"] = kSarifSchema;
  log["version"] = "2.1.0";
  log["runs"] = nlohmann::ordered_json::array({std::move(run)});
  return log;
}

std::string ToJunit(const std::string& suite, const std::string& classname,
                    const std::vector<CiItem>& items, FailOn fail_on) {
  int failures = 0;
  for (const CiItem& item : items) failures += ItemFails(item, fail_on) ? 1 : 0;
  std::string counts = "tests=\"" + std::to_string(items.size()) + "\" failures=\"" +
                       std::to_string(failures) + "\" errors=\"0\"";
  std::ostringstream out;
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out << "<testsuites name=\"" << XmlAttribute(classname) << "\" " << counts << ">\n";
  out << "  <testsuite name=\"" << XmlAttribute(suite) << "\" " << counts << " skipped=\"0\">\n";
  for (const CiItem& item : items) {
    out << "    <testcase name=\"" << XmlAttribute(item.name) << "\" classname=\""
        << XmlAttribute(classname) << "\"";
    if (!item.location.file.empty()) out << " file=\"" << XmlAttribute(item.location.file) << "\"";
    if (item.location.line > 0) out << " line=\"" << item.location.line << "\"";
    if (item.passed) {
      out << "/>\n";
      continue;
    }
    if (!ItemFails(item, fail_on)) {
      out << ">\n      <system-out>" << CiLevelName(item.level) << ": "
          << XmlEscape(item.explanation) << "</system-out>\n    </testcase>\n";
      continue;
    }
    out << ">\n      <failure message=\"" << XmlAttribute(item.message) << "\" type=\""
        << CiLevelName(item.level) << "\">" << XmlEscape(item.explanation)
        << "</failure>\n    </testcase>\n";
  }
  out << "  </testsuite>\n</testsuites>\n";
  return out.str();
}

std::optional<FailOn> ParseFailOn(const std::string& text) {
  if (text == "error") return FailOn::kError;
  if (text == "warning") return FailOn::kWarning;
  if (text == "never") return FailOn::kNever;
  if (text == "opened") return FailOn::kOpened;
  return std::nullopt;
}

bool ItemFails(const CiItem& item, FailOn threshold) {
  if (item.passed || item.level == CiLevel::kNote) return false;
  switch (threshold) {
    case FailOn::kNever:
      return false;
    case FailOn::kOpened:
      return item.rule_id == kFlowOpenedRule;
    case FailOn::kWarning:
      return true;
    case FailOn::kError:
      return item.level == CiLevel::kError;
  }
  return false;
}

bool Fails(const std::vector<CiItem>& items, FailOn threshold) {
  return std::any_of(items.begin(), items.end(),
                     [&](const CiItem& item) { return ItemFails(item, threshold); });
}

SourceLocation HopSourceLocation(const Model& model, const Hop& hop) {
  if (hop.rule_location.line > 0) return hop.rule_location;
  const std::string& kind = hop.kind;
  const std::string& id = hop.component;
  if (kind == kKindVpc) return FindLocation(model.vpcs, id);
  if (kind == kKindSubnet) return FindLocation(model.subnets, id);
  if (kind == kKindRouteTable) return FindLocation(model.route_tables, id);
  if (kind == kKindInternetGateway) return FindLocation(model.internet_gateways, id);
  if (kind == kKindNatGateway) return FindLocation(model.nat_gateways, id);
  if (kind == kKindVpcEndpoint) return FindLocation(model.vpc_endpoints, id);
  if (kind == kKindNetworkAcl) return FindLocation(model.network_acls, id);
  if (kind == kKindSecurityGroup) return FindLocation(model.security_groups, id);
  if (kind == kKindEni) return FindLocation(model.enis, id);
  if (kind == kKindNotebook) return FindLocation(model.notebooks, id);
  if (kind == kKindTrainingJob) return FindLocation(model.training_jobs, id);
  return {};
}

std::vector<CiStep> TraceToCiSteps(const Model& model, const TraceResult& trace) {
  std::vector<CiStep> steps;
  auto add = [&](const Hop& hop, const char* prefix) {
    std::string text = prefix + ComponentLabel(hop) + ": " + hop.decision;
    if (hop.blocked) text += " [BLOCKED " + hop.code + "]";
    steps.push_back(CiStep{std::move(text), HopSourceLocation(model, hop)});
  };
  for (const Hop& hop : trace.forward) add(hop, "");
  for (const Hop& hop : trace.reverse) add(hop, "return: ");
  return steps;
}

}  // namespace vpcreach
