// Renders a `vpcreach reach` answer (sim/query/reach.h).
//
// Text:
//
//   reach notebook -> pypi: 64512 of 64512 requests delivered and answered (1 path)
//     notebook: via nat-a, igw (src rewritten to 52.0.0.10)
//       tcp dst-port 443 to 151.101.0.0/16
//       arrives as: tcp dst-port 443 to 151.101.0.0/16 from 52.0.0.10 src-port 1024-65535
//       witness: tcp 10.1.16.4:40000 -> 151.101.0.1:443
//         vpcreach trace FILE --from notebook --to 151.101.0.1 --port 443 --src-port 40000
//
// A group with requests delivered only for some of a NAT gateway's port choices ends with one
// `warning: MESSAGE` line per warning of its witness's trace. When nothing is delivered:
// `unreachable`, then the most promising refused request's path and `why:` lines (codes), as
// `trace` prints them. JSON carries the same:
// {"from", "to", "reachable", "asked", "delivered", "paths", "groups": [{"origin", "via",
// "headers", "arrives_as", "witness", "trace_command", "intermittent", "warnings", "path"}],
// "refusal": <trace json or null>}.
#ifndef VPCREACH_SIM_REPORT_REACH_REPORT_H_
#define VPCREACH_SIM_REPORT_REACH_REPORT_H_

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "sim/query/reach.h"

namespace vpcreach {

// `files` are the scenario files, for the reproducing trace command line.
std::string ReachToText(const ReachAnswer& answer, const ReachQuery& query,
                        const std::vector<std::string>& files, bool color);
nlohmann::ordered_json ReachToJson(const ReachAnswer& answer, const ReachQuery& query,
                                   const std::vector<std::string>& files);

// The `vpcreach trace` command that reproduces a group's witness.
std::string WitnessCommand(const ReachGroup& group, const std::vector<std::string>& files);

}  // namespace vpcreach

#endif  // VPCREACH_SIM_REPORT_REACH_REPORT_H_
