#include "sim/report/matrix_report.h"

#include <algorithm>
#include <sstream>

namespace vpcreach {
namespace {

std::string SpaceText(const MatrixQuery& q) {
  std::string out = ProtocolName(q.protocol);
  if (HasPorts(q.protocol)) out += " port " + (q.ports ? q.ports->ToString() : std::string("all"));
  return out;
}

std::string CsvField(const std::string& s) {
  if (s.find_first_of(",\"\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

}  // namespace

std::optional<std::string> MatrixToText(const MatrixResult& m, const MatrixQuery& q) {
  if (m.labels.size() > kMaxTableColumns) return std::nullopt;
  std::ostringstream out;
  out << "who reaches whom, by " << MatrixByName(q.by) << ", " << SpaceText(q)
      << " (rows reach columns; X = some request is delivered and answered)\n";
  if (m.budget_exceeded) out << "incomplete: the solver's budget ran out\n";
  if (!m.proxies.empty()) {
    std::string ids;
    for (const std::string& id : m.proxies) ids += (ids.empty() ? "" : ", ") + id;
    out << "note: connections end at load balancers (" << ids
        << "); what they open to their targets is not in the table: ask vpcreach reach --to "
           "TARGET\n";
  }
  size_t width = 0;
  for (const std::string& l : m.labels) width = std::max(width, l.size());
  // Column headers, one per line, numbered; the table uses the numbers.
  for (size_t j = 0; j < m.labels.size(); ++j) {
    out << (j + 1 < 10 ? " " : "") << j + 1 << "  " << m.labels[j] << "\n";
  }
  out << std::string(width + 2, ' ');
  for (size_t j = 0; j < m.labels.size(); ++j) out << (j + 1 < 10 ? "  " : " ") << j + 1;
  out << "\n";
  for (size_t i = 0; i < m.labels.size(); ++i) {
    out << m.labels[i] << std::string(width + 2 - m.labels[i].size(), ' ');
    for (size_t j = 0; j < m.labels.size(); ++j) out << "  " << (m.reach[i][j] ? 'X' : '.');
    out << "\n";
  }
  return out.str();
}

std::string MatrixToCsv(const MatrixResult& m) {
  std::string out = "from,to\n";
  for (size_t i = 0; i < m.labels.size(); ++i) {
    for (size_t j = 0; j < m.labels.size(); ++j) {
      if (m.reach[i][j]) out += CsvField(m.labels[i]) + "," + CsvField(m.labels[j]) + "\n";
    }
  }
  return out;
}

nlohmann::ordered_json MatrixToJson(const MatrixResult& m, const MatrixQuery& q) {
  nlohmann::ordered_json j;
  j["by"] = MatrixByName(q.by);
  j["protocol"] = ProtocolName(q.protocol);
  j["ports"] = q.ports ? q.ports->ToString() : "all";
  j["labels"] = m.labels;
  j["kinds"] = m.kinds;
  nlohmann::ordered_json pairs = nlohmann::ordered_json::array();
  for (size_t a = 0; a < m.labels.size(); ++a) {
    for (size_t b = 0; b < m.labels.size(); ++b) {
      if (m.reach[a][b]) pairs.push_back({m.labels[a], m.labels[b]});
    }
  }
  j["pairs"] = std::move(pairs);
  j["stats"] = {{"enis", m.enis}, {"eni_classes", m.eni_classes}};
  j["complete"] = !m.budget_exceeded;
  j["proxies_not_followed"] = m.proxies;
  return j;
}

}  // namespace vpcreach
