#include "model/cloudformation/allowed_pattern.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include <map>

namespace vpcreach::cfn {

struct AllowedPattern::Code {
  pcre2_code* code = nullptr;
  ~Code() { pcre2_code_free(code); }
};

namespace {

// Java's POSIX classes and PCRE2's name for each (both ASCII only).
const std::map<std::string, std::string>& JavaPosixClasses() {
  static const std::map<std::string, std::string> kClasses = {
      {"Lower", "lower"}, {"Upper", "upper"}, {"ASCII", "ascii"}, {"Alpha", "alpha"},
      {"Digit", "digit"}, {"Alnum", "alnum"}, {"Punct", "punct"}, {"Graph", "graph"},
      {"Print", "print"}, {"Blank", "blank"}, {"Cntrl", "cntrl"}, {"XDigit", "xdigit"},
      {"Space", "space"}};
  return kClasses;
}

}  // namespace

std::string JavaPosixClassesForPcre2(const std::string& pattern) {
  std::string out;
  int class_depth = 0;  // Java nests classes: [a-z[0-9]]
  size_t i = 0;
  while (i < pattern.size()) {
    char c = pattern[i];
    if (c == '\\' && i + 1 < pattern.size()) {
      char next = pattern[i + 1];
      if (next == 'Q') {  // \Q...\E quotes everything up to \E
        size_t end = pattern.find("\\E", i + 2);
        size_t stop = end == std::string::npos ? pattern.size() : end + 2;
        out += pattern.substr(i, stop - i);
        i = stop;
        continue;
      }
      if ((next == 'p' || next == 'P') && i + 2 < pattern.size() && pattern[i + 2] == '{') {
        size_t close = pattern.find('}', i + 3);
        if (close != std::string::npos) {
          auto it = JavaPosixClasses().find(pattern.substr(i + 3, close - i - 3));
          if (it != JavaPosixClasses().end()) {
            bool negated = next == 'P';
            if (class_depth > 0) {
              out += "[:" + std::string(negated ? "^" : "") + it->second + ":]";
            } else {
              out += std::string(negated ? "[^" : "[") + "[:" + it->second + ":]]";
            }
            i = close + 1;
            continue;
          }
        }
      }
      out += pattern.substr(i, 2);  // any other escape, kept whole so `\[` opens no class
      i += 2;
      continue;
    }
    if (c == '[') {
      ++class_depth;
    } else if (c == ']' && class_depth > 0) {
      --class_depth;
    }
    out += c;
    ++i;
  }
  return out;
}

std::optional<AllowedPattern> AllowedPattern::Compile(const std::string& pattern,
                                                      std::string* error) {
  std::string translated = JavaPosixClassesForPcre2(pattern);
  int error_code = 0;
  PCRE2_SIZE error_offset = 0;
  // ANCHORED + ENDANCHORED: the whole value, as Java's String.matches.
  pcre2_code* code =
      pcre2_compile(reinterpret_cast<PCRE2_SPTR>(translated.data()), translated.size(),
                    PCRE2_UTF | PCRE2_MATCH_INVALID_UTF | PCRE2_ANCHORED | PCRE2_ENDANCHORED,
                    &error_code, &error_offset, nullptr);
  if (code == nullptr) {
    PCRE2_UCHAR buffer[256];
    int length = pcre2_get_error_message(error_code, buffer, sizeof(buffer));
    std::string message = length < 0 ? "error " + std::to_string(error_code)
                                     : std::string(reinterpret_cast<char*>(buffer), length);
    // Offsets are into the rewritten pattern; they equal the written ones unless a POSIX class
    // came before the problem.
    if (translated == pattern) message += " at offset " + std::to_string(error_offset);
    *error = message;
    return std::nullopt;
  }
  auto owned = std::make_shared<Code>();
  owned->code = code;
  return AllowedPattern(std::move(owned));
}

std::optional<bool> AllowedPattern::Matches(std::string_view value) const {
  pcre2_match_data* data = pcre2_match_data_create_from_pattern(code_->code, nullptr);
  if (data == nullptr) return std::nullopt;
  int rc = pcre2_match(code_->code, reinterpret_cast<PCRE2_SPTR>(value.data()), value.size(), 0, 0,
                       data, nullptr);
  pcre2_match_data_free(data);
  if (rc >= 0) return true;
  if (rc == PCRE2_ERROR_NOMATCH) return false;
  return std::nullopt;
}

}  // namespace vpcreach::cfn
