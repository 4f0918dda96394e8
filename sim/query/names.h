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
#include "sim/endpoint.h"

namespace vpcreach {

std::string NamesToText(const std::vector<NameKind>& kinds);
nlohmann::ordered_json NamesToJson(const std::vector<NameKind>& kinds);

}  // namespace vpcreach

#endif  // VPCREACH_SIM_QUERY_NAMES_H_
