// The `vpcreach` command line: parses arguments, loads the scenario, runs one command, renders
// its result and returns the exit status of contract.md (0 holds / delivered, 1 fails / dropped,
// 2 bad input or usage, with the message on stderr).
//
// Commands: `validate`, `trace` and `check` (the contract's `reach`, `matrix` and `diff` are
// named as not yet available rather than "unknown"). `vpcreach` alone prints the help (exit 0);
// `vpcreach --version` prints the version. An unknown command gets "did you mean".
#ifndef VPCREACH_SIM_CLI_COMMANDS_H_
#define VPCREACH_SIM_CLI_COMMANDS_H_

#include <ostream>
#include <string>
#include <vector>

namespace vpcreach {

inline constexpr const char* kVersion = "0.1.0";  // keep in step with project() in CMakeLists.txt

// The program: argv as main() receives it; writes to std::cout / std::cerr. Colour only when
// stdout is a terminal, NO_COLOR is unset and no -o is given.
int RunCli(int argc, char** argv);

// The same, for tests: `args` without the program name; never colours.
int RunCli(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace vpcreach

#endif  // VPCREACH_SIM_CLI_COMMANDS_H_
