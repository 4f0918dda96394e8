#include "sim/query/design_match.h"

#include <map>
#include <set>
#include <string>
#include <vector>

namespace vpcreach {
namespace {

// Calls f(id) for every component id of `m` (`M` is Model or const Model).
template <class M, class F>
void ForEachId(M& m, F f) {
  auto each = [&](auto& items) {
    for (auto& item : items) f(item.id);
  };
  each(m.vpcs);
  each(m.subnets);
  each(m.route_tables);
  each(m.internet_gateways);
  each(m.nat_gateways);
  each(m.peering_connections);
  each(m.transit_gateways);
  each(m.transit_gateway_attachments);
  each(m.transit_gateway_route_tables);
  each(m.vpn_gateways);
  each(m.customer_gateways);
  each(m.vpn_connections);
  each(m.vpc_endpoints);
  each(m.prefix_lists);
  each(m.network_acls);
  each(m.security_groups);
  each(m.enis);
  each(m.notebooks);
  each(m.training_jobs);
  each(m.workloads);
  each(m.target_groups);
}

// Renames the interfaces of one owner pair, position by position, unless the map named them.
class OwnerMatcher {
 public:
  OwnerMatcher(const Model& design, Model* deployed, const std::set<Index>& mapped)
      : design_(design), deployed_(*deployed), mapped_(mapped) {}

  void Interfaces(const std::vector<Index>& design_enis, const std::vector<Index>& deployed_enis) {
    if (design_enis.size() != deployed_enis.size()) return;  // no order to trust
    for (size_t k = 0; k < design_enis.size(); ++k) Rename(design_enis[k], deployed_enis[k]);
  }

  void Rename(Index design_eni, Index deployed_eni) {
    if (design_eni == kNone || deployed_eni == kNone || mapped_.count(deployed_eni)) return;
    std::string& id = deployed_.enis[deployed_eni].id;
    if (id == design_.enis[design_eni].id) return;
    id = design_.enis[design_eni].id;
    ++renamed_;
  }

  std::size_t renamed() const { return renamed_; }

 private:
  const Model& design_;
  Model& deployed_;
  const std::set<Index>& mapped_;
  std::size_t renamed_ = 0;
};

template <class T>
std::map<std::string, const T*> ById(const std::vector<T>& items) {
  std::map<std::string, const T*> out;
  for (const T& item : items) out.emplace(item.id, &item);
  return out;
}

// A matched VPC's main route table, default network ACL and default security group are the
// account's, whatever either side calls them (a design's are often vpcreach's own,
// `lab-main`): the account's take the design's names, unless matched otherwise.
std::size_t MatchVpcDefaults(const Model& design, Model* deployed,
                             const std::set<std::string>& design_ids) {
  std::size_t renamed = 0;
  auto vpcs = ById(design.vpcs);
  for (const Vpc& v : deployed->vpcs) {
    auto it = vpcs.find(v.id);
    if (it == vpcs.end()) continue;
    const Vpc& d = *it->second;
    auto adopt = [&](std::string* id, const std::string& design_id) {
      if (design_ids.count(*id) || *id == design_id) return;
      *id = design_id;
      ++renamed;
    };
    if (v.main_route_table != kNone && d.main_route_table != kNone) {
      adopt(&deployed->route_tables[v.main_route_table].id,
            design.route_tables[d.main_route_table].id);
    }
    if (v.default_network_acl != kNone && d.default_network_acl != kNone) {
      adopt(&deployed->network_acls[v.default_network_acl].id,
            design.network_acls[d.default_network_acl].id);
    }
    if (v.default_security_group != kNone && d.default_security_group != kNone) {
      adopt(&deployed->security_groups[v.default_security_group].id,
            design.security_groups[d.default_security_group].id);
    }
  }
  return renamed;
}

// A route names its target by id too (Route::target_id): renamed with the target.
void RenameRouteTargets(Model* m) {
  for (RouteTable& t : m->route_tables) {
    for (Route& r : t.routes) {
      if (r.target_index == kNone) continue;
      switch (r.target) {
        case RouteTarget::kInternetGateway:
          r.target_id = m->internet_gateways[r.target_index].id;
          break;
        case RouteTarget::kNatGateway:
          r.target_id = m->nat_gateways[r.target_index].id;
          break;
        case RouteTarget::kEni:
          r.target_id = m->enis[r.target_index].id;
          break;
        case RouteTarget::kPeeringConnection:
          r.target_id = m->peering_connections[r.target_index].id;
          break;
        case RouteTarget::kTransitGateway:
          r.target_id = m->transit_gateways[r.target_index].id;
          break;
        case RouteTarget::kVpnGateway:
          r.target_id = m->vpn_gateways[r.target_index].id;
          break;
        case RouteTarget::kGatewayEndpoint:
          r.target_id = m->vpc_endpoints[r.target_index].id;
          break;
        default:
          break;
      }
    }
  }
}

// What the design leaves to AWS, the account shows as AWS chose it: the public address of an
// interface or a NAT gateway where the design has vpcreach's stand-in (given on launch, or from
// 192.0.2.0/24, which would otherwise be compared as somebody's address on the internet), and
// the allow-all egress rule AWS gives a group (the account lists it; the design implies it).
void AdoptDeployedValues(Model* design, const Model& deployed) {
  // The front ends' stand-ins for what AWS assigns come from TEST-NET-1 (public_ip_pool.h),
  // which AWS never assigns.
  auto stand_in = [](Ipv4 a) { return (a >> 8) == ((192u << 16) | 2u); };
  auto taken = [&](Ipv4 address) {
    for (const Eni& e : design->enis) {
      if (e.public_ip == address) return true;
    }
    for (const NatGateway& n : design->nat_gateways) {
      if (n.public_ip == address) return true;
    }
    return false;
  };
  auto enis = ById(deployed.enis);
  for (Eni& e : design->enis) {
    auto it = enis.find(e.id);
    if (it == enis.end() || !it->second->public_ip || !e.public_ip) continue;
    if (!e.public_ip_assigned && !stand_in(*e.public_ip)) continue;
    if (!taken(*it->second->public_ip)) e.public_ip = *it->second->public_ip;
  }
  auto nats = ById(deployed.nat_gateways);
  for (NatGateway& n : design->nat_gateways) {
    auto it = nats.find(n.id);
    if (it == nats.end() || it->second->public_ip == 0 || !stand_in(n.public_ip)) continue;
    if (!taken(it->second->public_ip)) n.public_ip = it->second->public_ip;
  }
  auto groups = ById(deployed.security_groups);
  for (SecurityGroup& g : design->security_groups) {
    auto it = groups.find(g.id);
    if (it == groups.end() || g.egress.size() != 1 || it->second->egress.size() != 1) continue;
    SgRule& mine = g.egress[0];
    const SgRule& theirs = it->second->egress[0];
    if (mine.protocol == theirs.protocol && mine.peer == PeerKind::kCidr &&
        theirs.peer == PeerKind::kCidr && mine.cidr == theirs.cidr && mine.cidr.length == 0) {
      mine.implicit = theirs.implicit;
      mine.location = theirs.location;
    }
  }
}

}  // namespace

bool IsDeployedEstate(const Model& model) {
  for (const Vpc& v : model.vpcs) {
    if (v.deployed) return true;
  }
  return false;
}

bool MatchDeployedToDesign(Model* design, Model* deployed, const IdMap& map,
                           Diagnostics* diagnostics, DesignMatch* match) {
  std::set<std::string> design_ids;
  ForEachId(*design, [&](const std::string& id) { design_ids.insert(id); });
  bool ok = true;
  std::map<std::string, std::string> to_design;  // AWS id -> design name
  for (const IdMapEntry& e : map.entries) {
    if (!design_ids.count(e.design_name)) {
      if (e.from_stack) continue;
      std::string suggestion = ClosestMatch(
          e.design_name, std::vector<std::string>(design_ids.begin(), design_ids.end()));
      diagnostics->Add(e.location, e.path,
                       e.design_name + " is not a component of the design" +
                           (suggestion.empty() ? "" : "; did you mean '" + suggestion + "'?") +
                           " (`vpcreach names` lists the design's endpoints)");
      ok = false;
      continue;
    }
    to_design[e.aws_id] = e.design_name;
  }
  if (!ok) return false;

  *match = DesignMatch{};
  ForEachId(*deployed, [&](std::string& id) {
    if (auto it = to_design.find(id); it != to_design.end()) {
      id = it->second;
      ++match->by_map;
    } else if (design_ids.count(id)) {
      ++match->by_id;
    }
  });
  std::set<Index> mapped_enis;
  for (Index e = 0; e < deployed->enis.size(); ++e) {
    if (design_ids.count(deployed->enis[e].id)) mapped_enis.insert(e);
  }

  OwnerMatcher owners(*design, deployed, mapped_enis);
  auto workloads = ById(design->workloads);
  for (const Workload& w : deployed->workloads) {
    if (auto it = workloads.find(w.id); it != workloads.end()) {
      owners.Interfaces(it->second->enis, w.enis);
    }
  }
  auto notebooks = ById(design->notebooks);
  for (const NotebookInstance& n : deployed->notebooks) {
    if (auto it = notebooks.find(n.id); it != notebooks.end())
      owners.Rename(it->second->eni, n.eni);
  }
  auto jobs = ById(design->training_jobs);
  for (const TrainingJob& j : deployed->training_jobs) {
    if (auto it = jobs.find(j.id); it != jobs.end()) owners.Interfaces(it->second->enis, j.enis);
  }
  // An interface endpoint has one interface per subnet: matched by the subnet's (matched) id.
  auto endpoints = ById(design->vpc_endpoints);
  for (const VpcEndpoint& v : deployed->vpc_endpoints) {
    auto it = endpoints.find(v.id);
    if (it == endpoints.end()) continue;
    for (Index d : it->second->enis) {
      for (Index e : v.enis) {
        if (deployed->subnets[deployed->enis[e].subnet].id ==
            design->subnets[design->enis[d].subnet].id) {
          owners.Rename(d, e);
        }
      }
    }
  }
  match->by_owner = owners.renamed();
  match->by_vpc = MatchVpcDefaults(*design, deployed, design_ids);
  RenameRouteTargets(deployed);
  AdoptDeployedValues(design, *deployed);
  for (Vpc& v : design->vpcs) v.deployed = true;
  return true;
}

}  // namespace vpcreach
