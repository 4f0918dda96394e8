// Builds the Model's virtual private gateways, customer gateways and Site-to-Site VPN
// connections (`vpn_gateways:`, `customer_gateways:`, `vpn_connections:`; the stack mapper writes
// CloudFormation's AWS::EC2::VPNGateway, CustomerGateway, VPNConnection and VPNConnectionRoute
// so), and the routes they propagate into route tables (`route_tables.X.propagating_vgws`).
//
// As AWS has it: a virtual private gateway attaches to one VPC (`vpc`; absent: attached to none,
// so it carries nothing) and a VPC takes one. A connection joins a virtual private gateway and a
// customer gateway; with static routing (`static_routes_only: true`) its on-premises prefixes
// are its `static_routes`, with BGP (AWS's default) the prefixes the customer gateway advertises
// (`bgp_prefixes`: the model needs them written, as no template holds them). It has two tunnels,
// `up` unless written `down` (`tunnels: [up, down]`). A route table that propagates from a
// virtual private gateway of its VPC receives, after its written routes, a propagated route for
// each on-premises prefix of the gateway's connections that carry traffic (some tunnel up: a
// connection that is down has withdrawn its routes), except the prefixes inside a VPC block,
// where the local route is preferred even over a more specific propagated route.
// Located errors: unknown gateways, a VPC with a second virtual private gateway, static routes
// on a BGP connection (or BGP prefixes on a static one), a prefix repeated, a tunnel state other
// than up or down, not exactly two tunnels, propagation from a gateway of another VPC or of none.
#ifndef VPCREACH_MODEL_VPN_BUILDER_H_
#define VPCREACH_MODEL_VPN_BUILDER_H_

#include <optional>
#include <vector>

#include "model/build_context.h"
#include "model/yaml_reader.h"

namespace vpcreach {

// After BuildVpcs, before BuildRoutes (routes to a virtual private gateway).
void BuildVpn(BuildContext& context);

// After BuildRoutes: each written route table's `propagating_vgws` (by table index, nullopt where
// not written) adds the gateways' propagated routes to it.
void PropagateVpnRoutes(BuildContext& context,
                        const std::vector<std::optional<YamlField>>& propagating);

}  // namespace vpcreach

#endif  // VPCREACH_MODEL_VPN_BUILDER_H_
