// A parameter's AllowedPattern, matched as CloudFormation matches it.
//
// CloudFormation is written in Java and checks a value with Java's regular expressions, against
// the whole value (as String.matches does: `[a-z]+` refuses "ab1", with or without ^ and $).
// vpcreach compiles the pattern with PCRE2, whose syntax is a superset of the part of Java's that
// templates use: lookbehind, possessive quantifiers, atomic groups, \A \z \Z, inline flags such as
// (?i), \Q...\E, \p{L}-style Unicode properties. Java's POSIX classes (\p{Alpha}, \p{Digit},
// \P{Punct}, ...; ASCII only, as in Java without UNICODE_CHARACTER_CLASS) have no PCRE2 spelling
// and are rewritten to PCRE2's [[:alpha:]]-style classes first. std::regex (ECMAScript) reads
// none of these, which is why vpcreach does not use it here.
//
// Not supported, as PCRE2 has no equivalent: Java's character class intersection `[a-z&&[^e]]`
// (PCRE2 reports the pattern as invalid or reads `&&` literally).
#ifndef VPCREACH_MODEL_CLOUDFORMATION_ALLOWED_PATTERN_H_
#define VPCREACH_MODEL_CLOUDFORMATION_ALLOWED_PATTERN_H_

#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace vpcreach::cfn {

class AllowedPattern {
 public:
  // The compiled `pattern`, or nullopt with `*error` set to PCRE2's reason and where, for example
  // "missing closing parenthesis at offset 4".
  static std::optional<AllowedPattern> Compile(const std::string& pattern, std::string* error);

  // True when the whole of `value` matches, false when it does not (a value that is not valid
  // UTF-8 matches only where its valid part could: PCRE2_MATCH_INVALID_UTF); nullopt when PCRE2
  // gives up (its default match and depth limits, against runaway backtracking).
  std::optional<bool> Matches(std::string_view value) const;

 private:
  struct Code;
  explicit AllowedPattern(std::shared_ptr<const Code> code) : code_(std::move(code)) {}

  std::shared_ptr<const Code> code_;  // shared: copies match with one compiled pattern
};

// Java's POSIX character classes rewritten for PCRE2: `\p{Alpha}` -> `[[:alpha:]]`, inside a
// class `[\p{Alpha}_]` -> `[[:alpha:]_]`, `\P{Digit}` -> `[^[:digit:]]`. Everything else,
// escapes and \Q...\E quotes included, is copied as written. Exposed for tests.
std::string JavaPosixClassesForPcre2(const std::string& pattern);

}  // namespace vpcreach::cfn

#endif  // VPCREACH_MODEL_CLOUDFORMATION_ALLOWED_PATTERN_H_
