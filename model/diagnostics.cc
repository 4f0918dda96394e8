#include "model/diagnostics.h"

#include <algorithm>
#include <functional>
#include <sstream>

namespace vpcreach {

void Diagnostics::Add(SourceLocation location, std::string path, std::string message,
                      DiagnosticSeverity severity) {
  items_.push_back(Diagnostic{std::move(location), std::move(path), std::move(message), severity});
}

size_t Diagnostics::ErrorCount() const {
  return std::count_if(items_.begin(), items_.end(),
                       [](const Diagnostic& d) { return !d.IsWarning(); });
}

void Diagnostics::AddSource(const std::string& file, const std::string& text) {
  std::vector<std::string>& lines = sources_[file];
  lines.clear();
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(line);
  }
}

std::string Diagnostics::Headline(const Diagnostic& d) {
  std::string out = d.location.file;
  if (d.location.line > 0) {
    out += ":" + std::to_string(d.location.line) + ":" + std::to_string(d.location.column);
  }
  out += ": ";
  if (d.IsWarning()) out += "warning: ";
  if (!d.path.empty()) out += d.path + ": ";
  out += d.message;
  return out;
}

std::string Diagnostics::Format() const { return FormatWhere([](const Diagnostic&) { return true; }); }

std::string Diagnostics::FormatWarnings() const {
  return FormatWhere([](const Diagnostic& d) { return d.IsWarning(); });
}

std::string Diagnostics::FormatWhere(const std::function<bool(const Diagnostic&)>& keep) const {
  std::string out;
  for (const Diagnostic& d : items_) {
    if (!keep(d)) continue;
    out += Headline(d) + "\n";
    auto it = sources_.find(d.location.file);
    if (it == sources_.end() || d.location.line <= 0 ||
        d.location.line > static_cast<int>(it->second.size())) {
      continue;
    }
    std::string line = it->second[d.location.line - 1];
    int column = d.location.column;
    // A very long line (minified JSON: a whole Terraform plan on line 1) is echoed as a window
    // around the column, marked with "..." on the sides cut.
    constexpr int kWidth = 160;
    if (static_cast<int>(line.size()) > kWidth) {
      int start = std::max(0, column - 1 - kWidth / 2);
      std::string window = line.substr(start, kWidth);
      bool cut_end = start + kWidth < static_cast<int>(line.size());
      line = (start > 0 ? "..." : "") + window + (cut_end ? "..." : "");
      column = column - start + (start > 0 ? 3 : 0);
    }
    out += "    " + line + "\n";
    std::string pad;
    for (int i = 0; i + 1 < column && i < static_cast<int>(line.size()); ++i) {
      pad += line[i] == '\t' ? '\t' : ' ';
    }
    out += "    " + pad + "^\n";
  }
  return out;
}

namespace {

size_t EditDistance(const std::string& a, const std::string& b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = up;
    }
  }
  return row[b.size()];
}

}  // namespace

std::string ClosestMatch(const std::string& word, const std::vector<std::string>& candidates) {
  size_t limit = std::max<size_t>(1, (word.size() + 2) / 3);
  std::string best;
  size_t best_distance = limit + 1;
  for (const std::string& c : candidates) {
    size_t d = EditDistance(word, c);
    if (d < best_distance) {
      best_distance = d;
      best = c;
    }
  }
  return best;
}

}  // namespace vpcreach
