// Terminal colours for the text reports (only when the caller asks: stdout is a terminal and
// NO_COLOR is unset).
#ifndef VPCREACH_SIM_REPORT_COLOR_H_
#define VPCREACH_SIM_REPORT_COLOR_H_

#include <string>

namespace vpcreach {

inline constexpr const char* kGreen = "\033[32m";
inline constexpr const char* kRed = "\033[31m";
inline constexpr const char* kYellow = "\033[33m";
inline constexpr const char* kCyan = "\033[36m";
inline constexpr const char* kReset = "\033[0m";

// `text` in `colour` when `color`, else as it is.
inline std::string Paint(const std::string& text, const char* colour, bool color) {
  return color ? colour + text + kReset : text;
}

}  // namespace vpcreach

#endif  // VPCREACH_SIM_REPORT_COLOR_H_
