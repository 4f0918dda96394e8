#include "sim/solver_tables.h"

#include <algorithm>

#include "sim/rules.h"

namespace vpcreach {

AddressIndex::AddressIndex(const std::vector<Ipv4>& addresses) {
  sorted_.reserve(addresses.size());
  for (std::size_t i = 0; i < addresses.size(); ++i) sorted_.emplace_back(addresses[i], i);
  std::sort(sorted_.begin(), sorted_.end());
}

std::vector<std::size_t> AddressIndex::Within(std::uint64_t lo, std::uint64_t hi) const {
  std::vector<std::size_t> out;
  if (lo > hi || lo > 0xffffffffu) return out;
  auto first = std::lower_bound(sorted_.begin(), sorted_.end(), std::make_pair(static_cast<Ipv4>(lo), std::size_t{0}));
  for (auto it = first; it != sorted_.end() && it->first <= hi; ++it) out.push_back(it->second);
  std::sort(out.begin(), out.end());
  return out;
}

const TrainingJob* IsolatedJobOf(const Model& model, const Eni& eni) {
  if (eni.owner != EniOwner::kTrainingJob) return nullptr;
  const TrainingJob& job = model.training_jobs[eni.owner_index];
  return job.network_isolation ? &job : nullptr;
}

SolverTables::SolverTables(const Model& model)
    : enis_in_subnet(model.subnets.size()),
      nats_in_subnet(model.subnets.size()),
      subnet_space(model.vpcs.size()),
      subnet_addressees(model.subnets.size()),
      sg_members(model.security_groups.size()),
      lpm(model.route_tables.size()),
      igw_mappings(model.vpcs.size()) {
  batchable.assign(model.enis.size(), true);
  for (const RouteTable& t : model.route_tables) {
    for (const Route& r : t.routes) {
      if (r.target == RouteTarget::kEni) batchable[r.target_index] = false;
    }
  }
  for (Index e = 0; e < model.enis.size(); ++e) {
    const Eni& eni = model.enis[e];
    roles.push_back(RoleOf(model, eni));
    // Isolated jobs, interface endpoints and workloads that answer only some requests admit less
    // than their groups do; a batch knows one address per ENI.
    if (IsolatedJobOf(model, eni) != nullptr || roles.back().answers ||
        !eni.secondary_ips.empty()) {
      batchable[e] = false;
    }
    enis_in_subnet[eni.subnet].push_back(e);
    for (Ipv4 a : eni.PrivateIps()) {
      subnet_addressees[eni.subnet].Add(HostCidr(a));
      for (Index g : eni.security_groups) sg_members[g].Add(HostCidr(a));
    }
    if (eni.public_ip) {
      public_targets.push_back(PublicTarget{*eni.public_ip, eni.private_ip, eni.subnet, e});
      igw_mappings[model.subnets[eni.subnet].vpc].push_back(PublicMapping{eni.private_ip, *eni.public_ip});
    }
  }
  for (Index n = 0; n < model.nat_gateways.size(); ++n) {
    const NatGateway& nat = model.nat_gateways[n];
    nats_in_subnet[nat.subnet].push_back(n);
    nat_addresses.Add(HostCidr(nat.private_ip));
    subnet_addressees[nat.subnet].Add(HostCidr(nat.private_ip));
    if (nat.is_private) continue;  // no Elastic IP: nothing maps to it at the internet gateway
    nat_public_addresses.Add(HostCidr(nat.public_ip));
    nat_addresses.Add(HostCidr(nat.public_ip));
    public_targets.push_back(PublicTarget{nat.public_ip, nat.private_ip, nat.subnet, kNone});
    igw_mappings[model.subnets[nat.subnet].vpc].push_back(PublicMapping{nat.private_ip, nat.public_ip});
  }
  std::vector<Ipv4> public_ips;
  for (const PublicTarget& t : public_targets) {
    public_addresses.Add(HostCidr(t.public_ip));
    public_ips.push_back(t.public_ip);
  }
  public_targets_by_public_ip = AddressIndex(public_ips);
  for (const std::vector<PublicMapping>& mappings : igw_mappings) {
    std::vector<Ipv4> private_ips;
    IpRangeSet& mapped = igw_mapped.emplace_back();
    for (const PublicMapping& m : mappings) {
      private_ips.push_back(m.private_ip);
      mapped.Add(HostCidr(m.private_ip));
    }
    igw_mappings_by_private_ip.emplace_back(private_ips);
  }
  if (const Service* internet = model.FindService("internet")) {
    publicly_routable = internet->Addresses();
  } else {
    publicly_routable = IpRangeSet::All();
    for (const Cidr& c : Rfc1918Blocks()) publicly_routable.Subtract(c);
  }
  for (const Subnet& subnet : model.subnets) local_within.push_back(LocalRouteWithin(model, subnet));
  subnets_by_address_.resize(model.vpcs.size());
  for (Index s = 0; s < model.subnets.size(); ++s) {
    subnet_space[model.subnets[s].vpc].Add(model.subnets[s].cidr);
    subnets_by_address_[model.subnets[s].vpc].emplace_back(model.subnets[s].cidr, s);
  }
  for (auto& subnets : subnets_by_address_) {
    std::sort(subnets.begin(), subnets.end(),
              [](const auto& a, const auto& b) { return a.first.base < b.first.base; });
  }
  lpm_picks_.resize(model.route_tables.size());
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
    std::stable_sort(
        entries.begin(), entries.end(), [&table](const LpmEntry& a, const LpmEntry& b) {
          if (a.cidr.length != b.cidr.length) return a.cidr.length > b.cidr.length;
          int ra = RoutePriority(table.routes[a.route]), rb = RoutePriority(table.routes[b.route]);
          if (ra != rb) return ra > rb;
          return a.route < b.route;
        });
  }
  // Whether what internet gateway `igw` maps to `address` goes straight to its subnet: no gateway
  // route table, or one whose match for the address is the local route (Walk::IngressRoute).
  auto ingress_local = [&](Index igw, Ipv4 address) {
    Index table = model.internet_gateways[igw].route_table;
    if (table == kNone) return true;
    std::optional<std::size_t> pick = LpmPick(table, address);
    return pick && model.route_tables[table].routes[lpm[table][*pick].route].target ==
                       RouteTarget::kLocal;
  };
  for (const PublicTarget& t : public_targets) {
    bool plain = false;
    // The round trip's precomputed set knows the ENI's groups, not what its owner answers.
    if (t.eni != kNone && IsolatedJobOf(model, model.enis[t.eni]) == nullptr &&
        !roles[t.eni].answers) {
      Index vpc = model.subnets[t.subnet].vpc;
      std::vector<std::size_t> mapped =
          igw_mappings_by_private_ip[vpc].Within(t.private_ip, t.private_ip);
      std::size_t holders = 0;  // of its private address in the subnet
      for (Index e : enis_in_subnet[t.subnet]) holders += model.enis[e].HasPrivateIp(t.private_ip);
      for (Index n : nats_in_subnet[t.subnet]) {
        holders += model.nat_gateways[n].private_ip == t.private_ip;
      }
      Index igw = model.vpcs[vpc].internet_gateway;
      plain = igw != kNone && ingress_local(igw, t.private_ip) && mapped.size() == 1 &&
              igw_mappings[vpc][mapped.front()].public_ip == t.public_ip && holders == 1;
    }
    plain_public_target.push_back(plain);
  }
}

std::vector<Index> SolverTables::SubnetsMeeting(Index vpc, std::uint64_t lo, std::uint64_t hi) const {
  const std::vector<std::pair<Cidr, Index>>& subnets = subnets_by_address_[vpc];
  // The first subnet that may meet [lo, hi]: the last one starting at or below lo.
  auto it = std::upper_bound(subnets.begin(), subnets.end(), lo,
                             [](std::uint64_t v, const auto& s) { return v < s.first.base; });
  if (it != subnets.begin()) --it;
  std::vector<Index> out;
  for (; it != subnets.end() && it->first.base <= hi; ++it) {
    if (std::uint64_t{it->first.Last()} >= lo) out.push_back(it->second);
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::optional<std::size_t> SolverTables::LpmPick(Index table, Ipv4 address) const {
  auto [it, added] = lpm_picks_[table].try_emplace(address);
  if (added) {
    const std::vector<LpmEntry>& entries = lpm[table];
    for (std::size_t i = 0; i < entries.size(); ++i) {
      if (entries[i].cidr.Contains(address)) {
        it->second = i;
        break;
      }
    }
  }
  return it->second;
}

bool SolverTables::Owns(const IpRangeSet* set) const {
  for (const std::vector<IpRangeSet>* all :
       {&subnet_space, &subnet_addressees, &sg_members, &igw_mapped}) {
    if (!all->empty() && set >= all->data() && set < all->data() + all->size()) return true;
  }
  return set == &nat_public_addresses || set == &nat_addresses || set == &public_addresses ||
         set == &publicly_routable;
}

}  // namespace vpcreach
