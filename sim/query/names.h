// `vpcreach names`: every endpoint name the model accepts in --from / --to / from: / to: /
// only_to:, by kind, with the part each kind may play (a gateway is a source or a destination
// only: sim/gateway_endpoints.h). Literal IPv4 addresses and CIDRs are accepted too and are not
// listed.
#ifndef VPCREACH_SIM_QUERY_NAMES_H_
#define VPCREACH_SIM_QUERY_NAMES_H_

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "model/model.h"

namespace vpcreach {

struct NameKind {
  std::string kind;  // "eni", "training_job", "internet_gateway", ...
  std::string use;   // "from and to", "from only", "to only"
  std::string note;  // what a name of this kind stands for
  std::vector<std::string> names;
};

// The kinds that hold at least one name, in a fixed order.
std::vector<NameKind> EndpointNamesByKind(const Model& model);

std::string NamesToText(const std::vector<NameKind>& kinds);
nlohmann::ordered_json NamesToJson(const std::vector<NameKind>& kinds);

}  // namespace vpcreach

#endif  // VPCREACH_SIM_QUERY_NAMES_H_
