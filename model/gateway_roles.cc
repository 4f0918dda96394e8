#include "model/gateway_roles.h"

namespace vpcreach {

std::optional<std::string> GatewayRoleError(const Model& model, const std::string& name,
                                            bool as_source) {
  for (const InternetGateway& igw : model.internet_gateways) {
    if (igw.id != name || igw.vpc == kNone) continue;
    if (as_source) return "";
    return "internet gateway " + name +
           " is never a packet's destination: it carries what enters and leaves vpc " +
           model.vpcs[igw.vpc].id + "; ask to internet (or a service) and read the path (via: [" +
           name + "]), or from " + name + " for what enters through it";
  }
  for (const NatGateway& n : model.nat_gateways) {
    if (n.id != name) continue;
    if (!as_source) return "";
    return "NAT gateway " + name +
           " opens no connection of its own: it translates those the hosts of its VPC open; "
           "ask from those hosts (via: [" + name + "])";
  }
  for (const VpcEndpoint& v : model.vpc_endpoints) {
    if (v.id != name || v.type != EndpointType::kGateway) continue;
    if (!as_source) return "";
    return "gateway endpoint " + name + " carries only connections its VPC opens to " +
           v.service + "; ask from " + v.service + ", or to " + name;
  }
  for (Index g = 0; g < model.vpn_gateways.size(); ++g) {
    const VpnGateway& vgw = model.vpn_gateways[g];
    if (vgw.id != name) continue;
    if (vgw.vpc == kNone) {
      return "virtual private gateway " + name +
             " is attached to no VPC: nothing enters or leaves a VPC through it";
    }
    bool reaches = false;
    for (const VpnConnection& c : model.vpn_connections) {
      reaches = reaches || (c.vpn_gateway == g && !c.Prefixes().empty());
    }
    if (reaches) return "";
    return "virtual private gateway " + name +
           " reaches no on-premises prefix: give its VPN connections static_routes (or "
           "bgp_prefixes)";
  }
  return std::nullopt;
}

}  // namespace vpcreach
