// Gateways as endpoints of questions, as Reachability Analyzer allows them
// (aws-semantics.md, "Gateways as destinations"):
//
//   kind              --from                                   --to
//   internet gateway  packets entering its VPC through it:     never a packet's destination:
//                     the internet's addresses, sent to the    an error that says what to ask
//                     public addresses of its VPC (and its     instead
//                     blocks, which it never delivers)
//   NAT gateway       an error: it opens no connection of its  its own private and public
//                     own                                      addresses, which answer nothing
//                                                              (NGW_NOT_A_DESTINATION)
//   gateway endpoint  an error: it carries only what its VPC   its service's addresses, reached
//                     opens                                    through it only
//   virtual private   packets entering its VPC from on-        its connections' on-premises
//   gateway           premises: its connections' on-premises   prefixes, reached through it
//                     prefixes, sent to its VPC's blocks       only
//
// A kind of gateway is one row of GatewayKinds() and one case in ResolveGateway(): peering
// connections, transit gateways and virtual private gateways join the table the same way (a
// transit gateway, like an internet gateway, is never a destination; a virtual private gateway
// as a source is the on-premises side entering the VPC).
#ifndef VPCREACH_SIM_GATEWAY_ENDPOINTS_H_
#define VPCREACH_SIM_GATEWAY_ENDPOINTS_H_

#include <optional>
#include <string>
#include <vector>

#include "model/model.h"
#include "sim/endpoint.h"

namespace vpcreach {

struct GatewayName {
  std::string id;
  const char* kind;  // kKindInternetGateway, kKindNatGateway, kKindVpcEndpoint
};

// Every gateway of the model that names an endpoint, in model order by kind.
std::vector<GatewayName> GatewayNames(const Model& model);

// Resolves `name` when it is a gateway's id: the endpoint, or nullopt with `error` set when the
// gateway cannot play that part (`as_source`: --from, else --to). Returns nullopt with `error`
// empty when `name` is no gateway.
std::optional<Endpoint> ResolveGateway(const Model& model, const std::string& name,
                                       bool as_source, std::string* error);

}  // namespace vpcreach

#endif  // VPCREACH_SIM_GATEWAY_ENDPOINTS_H_
