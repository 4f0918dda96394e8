#include "sim/report/check_report.h"

#include <sstream>
#include <vector>

#include "sim/report/trace_report.h"

namespace vpcreach {
namespace {

constexpr const char* kGreen = "\033[32m";
constexpr const char* kRed = "\033[31m";
constexpr const char* kYellow = "\033[33m";
constexpr const char* kReset = "\033[0m";
constexpr size_t kStatusWidth = 9;  // "UNDECIDED"

const char* Status(const ExpectationResult& r) {
  if (r.undecided) return "UNDECIDED";
  return r.passed ? "PASS" : "FAIL";
}

std::string Name(const ExpectationResult& r) {
  return r.expectation != nullptr ? r.expectation->name : "";
}

std::string Location(const ExpectationResult& r) {
  if (r.expectation == nullptr) return "";
  const SourceLocation& l = r.expectation->location;
  return l.file + ":" + std::to_string(l.line);
}

FlowNames NamesOf(const ExpectationResult& r) {
  if (r.expectation == nullptr) return {};
  return FlowNames{r.expectation->from, r.expectation->to};
}

// What a person needs to see under a failed expectation: where, the path, why.
std::vector<std::string> FailureLines(const ExpectationResult& r) {
  std::vector<std::string> lines;
  if (r.expectation != nullptr) lines.push_back("at " + Location(r));
  if (r.witness) {
    lines.push_back("path: " + PathLine(*r.witness, NamesOf(r)));
    std::vector<std::string> why = WhyLines(*r.witness);
    if (!why.empty()) {
      lines.push_back("why:");
      for (const std::string& w : why) lines.push_back("  " + w);
    }
  }
  return lines;
}

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

}  // namespace

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

std::string CheckToText(const CheckReport& report, bool color) {
  std::ostringstream out;
  std::string indent(kStatusWidth + 2, ' ');
  for (const ExpectationResult& r : report.results) {
    std::string status = Status(r);
    const char* colour = r.undecided ? kYellow : (r.passed ? kGreen : kRed);
    std::string padded = status + std::string(kStatusWidth - status.size(), ' ');
    out << (color ? colour + status + kReset + padded.substr(status.size()) : padded) << "  "
        << Name(r);
    if (!r.detail.empty()) out << ": " << r.detail;
    out << "\n";
    if (r.passed) continue;
    for (const std::string& line : FailureLines(r)) out << indent << line << "\n";
  }
  out << report.Passed() << " passed, " << report.Failed() << " failed\n";
  return out.str();
}

nlohmann::ordered_json CheckToJson(const CheckReport& report) {
  nlohmann::ordered_json j;
  j["passed"] = report.Passed();
  j["failed"] = report.Failed();
  j["results"] = nlohmann::ordered_json::array();
  for (const ExpectationResult& r : report.results) {
    nlohmann::ordered_json item;
    item["name"] = Name(r);
    item["passed"] = r.passed;
    item["undecided"] = r.undecided;
    item["detail"] = r.detail;
    item["paths"] = r.paths;
    item["delivered"] = r.delivered;
    item["asked"] = r.asked;
    item["location"] = Location(r);
    item["witness"] = r.witness ? TraceToJson(*r.witness, NamesOf(r)) : nullptr;
    j["results"].push_back(std::move(item));
  }
  return j;
}

std::string CheckToJunit(const CheckReport& report, const std::string& suite_name) {
  std::ostringstream out;
  std::string tests = std::to_string(report.results.size());
  std::string failures = std::to_string(report.Failed());
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out << "<testsuites name=\"vpcreach check\" tests=\"" << tests << "\" failures=\"" << failures
      << "\" errors=\"0\">\n";
  out << "  <testsuite name=\"" << XmlAttribute(suite_name) << "\" tests=\"" << tests
      << "\" failures=\"" << failures << "\" errors=\"0\" skipped=\"0\">\n";
  for (const ExpectationResult& r : report.results) {
    std::string file = r.expectation != nullptr ? r.expectation->location.file : "";
    out << "    <testcase name=\"" << XmlAttribute(Name(r)) << "\" classname=\""
        << XmlAttribute(file) << "\" file=\"" << XmlAttribute(file) << "\" line=\""
        << (r.expectation != nullptr ? r.expectation->location.line : 0) << "\"";
    if (r.passed) {
      out << "/>\n";
      continue;
    }
    std::string message = (r.undecided ? "undecided: " : "") + r.detail;
    std::string body = r.detail + "\n";
    for (const std::string& line : FailureLines(r)) body += line + "\n";
    out << ">\n      <failure message=\"" << XmlAttribute(message) << "\" type=\""
        << (r.undecided ? "undecided" : "failed") << "\">" << XmlEscape(body)
        << "</failure>\n    </testcase>\n";
  }
  out << "  </testsuite>\n</testsuites>\n";
  return out.str();
}

}  // namespace vpcreach
