// Input problems, located in their source file, reported all at once.
//
// A Diagnostic says where (file, 1-based line and column), which key (a dotted YAML path such as
// `subnets.private-a.cidr`) and what is wrong and what to change. Diagnostics collects them in the
// order found; Format() renders each as
//
//   file:line:col: path.to.key: message
//       <the source line>
//       <spaces>^
//
// so a person can see the spot. Expected input failures travel as these values, never as
// exceptions; exit status 2 is the CLI's business.
//
// A diagnostic is an error (the input cannot be used as written) or a warning (vpcreach used the
// input, but read it in a way the person should know about: a CIDR with host bits set that AWS
// normalises, a value known only at deployment that vpcreach assumed). A warning's headline puts
// "warning: " before the path. Loading succeeds when there are only warnings.
#ifndef VPCREACH_MODEL_DIAGNOSTICS_H_
#define VPCREACH_MODEL_DIAGNOSTICS_H_

#include <functional>
#include <map>
#include <utility>
#include <string>
#include <vector>

namespace vpcreach {

struct SourceLocation {
  std::string file;
  int line = 0;    // 1-based; 0 = unknown (then no line is echoed)
  int column = 0;  // 1-based
};

enum class DiagnosticSeverity { kError, kWarning };

struct Diagnostic {
  SourceLocation location;
  std::string path;  // dotted key path; may be empty
  std::string message;
  DiagnosticSeverity severity = DiagnosticSeverity::kError;

  bool IsWarning() const { return severity == DiagnosticSeverity::kWarning; }
};

// A warning diagnostic.
inline Diagnostic Warning(SourceLocation location, std::string path, std::string message) {
  return Diagnostic{std::move(location), std::move(path), std::move(message),
                    DiagnosticSeverity::kWarning};
}

class Diagnostics {
 public:
  void Add(SourceLocation location, std::string path, std::string message,
           DiagnosticSeverity severity = DiagnosticSeverity::kError);
  // Remembers a file's text so that Format() can echo its lines.
  void AddSource(const std::string& file, const std::string& text);

  bool Empty() const { return items_.empty(); }
  size_t Size() const { return items_.size(); }
  size_t ErrorCount() const;
  size_t WarningCount() const { return items_.size() - ErrorCount(); }
  const std::vector<Diagnostic>& Items() const { return items_; }

  // Every diagnostic, in order, each with its echoed line and caret.
  std::string Format() const;
  // Same, for the warnings only (what a command that loaded the model shows).
  std::string FormatWarnings() const;
  // One diagnostic's first line only: "file:line:col: path: message", or
  // "file:line:col: warning: path: message".
  static std::string Headline(const Diagnostic& d);

 private:
  std::string FormatWhere(const std::function<bool(const Diagnostic&)>& keep) const;

  std::vector<Diagnostic> items_;
  std::map<std::string, std::vector<std::string>> sources_;
};

// Closest candidate by edit distance, or "" when none is close enough to suggest
// (distance at most a third of the word's length, at least 1, as ninja's SpellcheckString).
std::string ClosestMatch(const std::string& word, const std::vector<std::string>& candidates);

}  // namespace vpcreach

#endif  // VPCREACH_MODEL_DIAGNOSTICS_H_
