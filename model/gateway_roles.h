// Which part a gateway may play in a question (aws-semantics.md, "Gateways as destinations"):
// the loader checks expectations with it, and sim/gateway_endpoints.h resolves the gateway.
// An internet gateway is a source only (what enters its VPC through it); a NAT gateway and a
// gateway endpoint are destinations only; a virtual private gateway is both (from: what enters
// the VPC from on-premises through it; to: the on-premises prefixes reached through it).
// Peering connections and transit gateways will join here as kinds of their own.
#ifndef VPCREACH_MODEL_GATEWAY_ROLES_H_
#define VPCREACH_MODEL_GATEWAY_ROLES_H_

#include <optional>
#include <string>

#include "model/model.h"

namespace vpcreach {

// nullopt when `name` is no gateway's id; "" when the gateway may be a question's source
// (`as_source`) or destination; otherwise the sentence that says why not and what to ask.
std::optional<std::string> GatewayRoleError(const Model& model, const std::string& name,
                                            bool as_source);

}  // namespace vpcreach

#endif  // VPCREACH_MODEL_GATEWAY_ROLES_H_
