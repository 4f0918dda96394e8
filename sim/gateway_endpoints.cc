#include "sim/gateway_endpoints.h"

#include "model/gateway_roles.h"
#include "model/ip.h"
#include "sim/hops/vpn.h"

namespace vpcreach {
namespace {

// Packets entering VPC `vpc` through internet gateway `g`: from the internet, to the public
// addresses of the VPC's interfaces and NAT gateways, and to its own blocks (which the gateway
// never delivers: asked, they are answered with the gateway's refusal).
Endpoint EnteringThrough(const Model& model, Index g) {
  const InternetGateway& igw = model.internet_gateways[g];
  Endpoint out;
  out.name = igw.id;
  out.outside = true;
  if (const Service* internet = model.FindService("internet")) out.addresses = internet->Addresses();
  IpRangeSet reaches;
  for (const Eni& e : model.enis) {
    if (e.public_ip && model.subnets[e.subnet].vpc == igw.vpc) reaches.Add(HostCidr(*e.public_ip));
  }
  for (const NatGateway& n : model.nat_gateways) {
    if (n.public_ip != 0 && model.subnets[n.subnet].vpc == igw.vpc) {
      reaches.Add(HostCidr(n.public_ip));
    }
  }
  for (const Cidr& c : model.vpcs[igw.vpc].cidrs) reaches.Add(c);
  out.entering = EntryGateway{igw.id, reaches};
  return out;
}

}  // namespace

std::vector<GatewayName> GatewayNames(const Model& model) {
  std::vector<GatewayName> out;
  for (const InternetGateway& g : model.internet_gateways) {
    if (g.vpc != kNone) out.push_back({g.id, kKindInternetGateway});
  }
  for (const NatGateway& n : model.nat_gateways) out.push_back({n.id, kKindNatGateway});
  for (const VpcEndpoint& v : model.vpc_endpoints) {
    if (v.type == EndpointType::kGateway) out.push_back({v.id, kKindVpcEndpoint});
  }
  for (const VpnGateway& g : model.vpn_gateways) {
    if (g.vpc != kNone) out.push_back({g.id, kKindVpnGateway});
  }
  return out;
}

std::optional<Endpoint> ResolveGateway(const Model& model, const std::string& name,
                                       bool as_source, std::string* error) {
  error->clear();
  std::optional<std::string> misuse = GatewayRoleError(model, name, as_source);
  if (!misuse) return std::nullopt;
  if (!misuse->empty()) {
    *error = *misuse;
    return std::nullopt;
  }
  for (Index g = 0; g < model.internet_gateways.size(); ++g) {
    if (model.internet_gateways[g].id == name) return EnteringThrough(model, g);
  }
  for (const NatGateway& n : model.nat_gateways) {
    if (n.id != name) continue;
    // Its own addresses, which it answers nothing on (NGW_NOT_A_DESTINATION).
    Endpoint out;
    out.name = name;
    out.addresses.Add(HostCidr(n.private_ip));
    if (n.public_ip != 0) out.addresses.Add(HostCidr(n.public_ip));
    out.answers_nothing = true;
    return out;
  }
  for (const VpcEndpoint& v : model.vpc_endpoints) {
    if (v.id != name) continue;
    // The service's addresses (its prefix list), reached through this endpoint only.
    Endpoint out;
    out.name = name;
    out.outside = true;
    if (v.prefix_list != kNone) {
      for (const Cidr& c : model.prefix_lists[v.prefix_list].cidrs) out.addresses.Add(c);
    }
    if (const Service* s = model.FindService(v.service)) out.default_ports = s->ports;
    out.must_pass = name;
    out.must_pass_kind = kKindVpcEndpoint;
    return out;
  }
  for (Index g = 0; g < model.vpn_gateways.size(); ++g) {
    const VpnGateway& vgw = model.vpn_gateways[g];
    if (vgw.id != name) continue;
    // On-premises: its connections' prefixes; as the source, sent into its VPC's blocks.
    Endpoint out;
    out.name = name;
    out.outside = true;
    out.addresses = OnPremisesAddresses(model, g);
    if (as_source) {
      IpRangeSet reaches;
      for (const Cidr& c : model.vpcs[vgw.vpc].cidrs) reaches.Add(c);
      out.entering = EntryGateway{vgw.id, reaches};
    } else {
      out.must_pass = name;
      out.must_pass_kind = kKindVpnGateway;
    }
    return out;
  }
  return std::nullopt;
}

}  // namespace vpcreach
