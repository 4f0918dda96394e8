#include "sim/solver_tables.h"

#include <algorithm>

namespace vpcreach {

SolverTables::SolverTables(const Model& model)
    : enis_in_subnet(model.subnets.size()),
      nats_in_subnet(model.subnets.size()),
      subnets_in_vpc(model.vpcs.size()),
      sg_members(model.security_groups.size()),
      lpm(model.route_tables.size()) {
  for (Index e = 0; e < model.enis.size(); ++e) {
    const Eni& eni = model.enis[e];
    enis_in_subnet[eni.subnet].push_back(e);
    for (Index g : eni.security_groups) sg_members[g].Add(HostCidr(eni.private_ip));
    if (eni.public_ip) {
      public_targets.push_back(PublicTarget{*eni.public_ip, eni.private_ip, eni.subnet});
    }
  }
  for (Index n = 0; n < model.nat_gateways.size(); ++n) {
    const NatGateway& nat = model.nat_gateways[n];
    nats_in_subnet[nat.subnet].push_back(n);
    public_targets.push_back(PublicTarget{nat.public_ip, nat.private_ip, nat.subnet});
  }
  for (const PublicTarget& t : public_targets) public_addresses.Add(HostCidr(t.public_ip));
  if (const Service* internet = model.FindService("internet")) {
    publicly_routable = internet->Addresses();
  } else {
    publicly_routable = IpRangeSet::All();
    for (const Cidr& c : Rfc1918Blocks()) publicly_routable.Subtract(c);
  }
  for (Index s = 0; s < model.subnets.size(); ++s) subnets_in_vpc[model.subnets[s].vpc].push_back(s);
  for (Index t = 0; t < model.route_tables.size(); ++t) {
    std::vector<LpmEntry>& entries = lpm[t];
    const RouteTable& table = model.route_tables[t];
    for (Index i = 0; i < table.routes.size(); ++i) {
      const Route& r = table.routes[i];
      if (r.destination_cidr) {
        entries.push_back(LpmEntry{*r.destination_cidr, true, i});
      } else {
        for (const Cidr& c : model.prefix_lists[r.destination_prefix_list].cidrs) {
          entries.push_back(LpmEntry{c, false, i});
        }
      }
    }
    std::stable_sort(entries.begin(), entries.end(), [](const LpmEntry& a, const LpmEntry& b) {
      if (a.cidr.length != b.cidr.length) return a.cidr.length > b.cidr.length;
      if (a.is_cidr != b.is_cidr) return a.is_cidr;
      return a.route < b.route;
    });
  }
}

}  // namespace vpcreach
