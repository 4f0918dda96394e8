#include "sim/query/matrix.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "sim/endpoint.h"
#include "sim/hops/load_balancer.h"
#include "sim/packet_set.h"
#include "sim/parallel_jobs.h"
#include "sim/query/check.h"
#include "sim/solver.h"

namespace vpcreach {
namespace {

// Every address boundary the model writes, but not the ENIs' own addresses (unless a rule,
// route or list writes them): ENIs whose addresses share an atom are told apart by nothing.
std::vector<std::uint64_t> WrittenCuts(const Model& model) {
  std::vector<std::uint64_t> cuts = {0, std::uint64_t{1} << 32};
  auto add = [&](const Cidr& c) {
    cuts.push_back(c.First());
    cuts.push_back(std::uint64_t{c.Last()} + 1);
  };
  for (const Vpc& v : model.vpcs) {
    for (const Cidr& c : v.cidrs) add(c);
    add(HostCidr(v.DnsResolver()));
  }
  for (const Subnet& s : model.subnets) {
    add(s.cidr);
    add(Cidr{s.cidr.base, 30});  // the reserved first four
    add(HostCidr(s.cidr.Last()));
  }
  for (const RouteTable& t : model.route_tables) {
    for (const Route& r : t.routes) {
      if (r.destination_cidr) add(*r.destination_cidr);
    }
  }
  for (const PrefixList& p : model.prefix_lists) {
    for (const Cidr& c : p.cidrs) add(c);
  }
  for (const NetworkAcl& n : model.network_acls) {
    for (const auto* rules : {&n.ingress, &n.egress}) {
      for (const NaclRule& r : *rules) add(r.cidr);
    }
  }
  for (const SecurityGroup& g : model.security_groups) {
    for (const auto* rules : {&g.ingress, &g.egress}) {
      for (const SgRule& r : *rules) {
        if (r.peer == PeerKind::kCidr) add(r.cidr);
      }
    }
  }
  for (const NatGateway& n : model.nat_gateways) {
    add(HostCidr(n.private_ip));
    add(HostCidr(n.public_ip));
  }
  for (const Service& s : model.services) {
    for (const Cidr& c : s.cidrs) add(c);
    for (const Cidr& c : s.excluded) add(c);
  }
  for (const Cidr& c : Rfc1918Blocks()) add(c);
  for (const char* text : {"169.254.169.123", "169.254.169.253", "169.254.169.254"}) {
    add(HostCidr(*ParseIpv4(text)));
  }
  std::sort(cuts.begin(), cuts.end());
  cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
  return cuts;
}

std::size_t AtomOf(const std::vector<std::uint64_t>& cuts, Ipv4 address) {
  return static_cast<std::size_t>(std::upper_bound(cuts.begin(), cuts.end(), address) - cuts.begin());
}

}  // namespace

std::vector<std::size_t> EniClasses(const Model& model, std::size_t* count) {
  std::vector<std::uint64_t> cuts = WrittenCuts(model);
  std::set<Index> route_targets;
  for (const RouteTable& t : model.route_tables) {
    for (const Route& r : t.routes) {
      if (r.target == RouteTarget::kEni) route_targets.insert(r.target_index);
    }
  }
  using Key = std::tuple<Index, std::vector<Index>, bool, std::size_t, std::size_t, bool, int,
                         Index, Index, std::vector<std::size_t>>;
  std::map<Key, std::size_t> class_of_key;
  std::vector<std::size_t> out(model.enis.size());
  for (Index e = 0; e < model.enis.size(); ++e) {
    const Eni& eni = model.enis[e];
    std::vector<Index> groups = eni.security_groups;
    std::sort(groups.begin(), groups.end());
    Index owner = eni.owner == EniOwner::kNone ? kNone : eni.owner_index;
    if (eni.owner == EniOwner::kNotebook) owner = e;  // one ENI per notebook anyway
    std::vector<std::size_t> secondary;
    for (Ipv4 a : eni.secondary_ips) secondary.push_back(AtomOf(cuts, a));
    Key key{eni.subnet,
            groups,
            eni.public_ip.has_value(),
            eni.public_ip ? AtomOf(cuts, *eni.public_ip) : 0,
            AtomOf(cuts, eni.private_ip),
            eni.source_dest_check,
            static_cast<int>(eni.owner),
            owner,
            route_targets.count(e) ? e : kNone,
            std::move(secondary)};
    auto [it, added] = class_of_key.try_emplace(std::move(key), class_of_key.size());
    out[e] = it->second;
  }
  *count = class_of_key.size();
  return out;
}

std::optional<MatrixBy> ParseMatrixBy(const std::string& text) {
  if (text == "eni") return MatrixBy::kEni;
  if (text == "subnet") return MatrixBy::kSubnet;
  if (text == "security-group") return MatrixBy::kSecurityGroup;
  if (text == "workload") return MatrixBy::kWorkload;
  return std::nullopt;
}

const char* MatrixByName(MatrixBy by) {
  switch (by) {
    case MatrixBy::kEni: return "eni";
    case MatrixBy::kSubnet: return "subnet";
    case MatrixBy::kSecurityGroup: return "security-group";
    case MatrixBy::kWorkload: return "workload";
  }
  return "";
}

namespace {

// The groups (rows/columns) ENIs fall into for `by`: label, kind and member ENIs.
struct Group {
  std::string label;
  std::string kind;
  std::vector<Index> enis;
};

std::vector<Group> GroupsOf(const Model& model, MatrixBy by) {
  std::vector<Group> groups;
  std::map<std::string, std::size_t> index;
  auto add = [&](const std::string& label, const char* kind, Index e) {
    auto [it, added] = index.try_emplace(label, groups.size());
    if (added) groups.push_back(Group{label, kind, {}});
    groups[it->second].enis.push_back(e);
  };
  switch (by) {
    case MatrixBy::kEni:
      for (Index e = 0; e < model.enis.size(); ++e) add(model.enis[e].id, kKindEni, e);
      break;
    case MatrixBy::kSubnet:
      for (Index e = 0; e < model.enis.size(); ++e) {
        add(model.subnets[model.enis[e].subnet].id, kKindSubnet, e);
      }
      break;
    case MatrixBy::kSecurityGroup:
      for (Index e = 0; e < model.enis.size(); ++e) {
        for (Index g : model.enis[e].security_groups) add(model.security_groups[g].id, kKindSecurityGroup, e);
      }
      break;
    case MatrixBy::kWorkload:
      for (Index e = 0; e < model.enis.size(); ++e) {
        const Eni& eni = model.enis[e];
        switch (eni.owner) {
          case EniOwner::kNotebook: add(model.notebooks[eni.owner_index].id, kKindNotebook, e); break;
          case EniOwner::kTrainingJob: add(model.training_jobs[eni.owner_index].id, kKindTrainingJob, e); break;
          case EniOwner::kInterfaceEndpoint: add(model.vpc_endpoints[eni.owner_index].id, kKindVpcEndpoint, e); break;
          case EniOwner::kWorkload: {
            const Workload& w = model.workloads[eni.owner_index];
            add(w.id, WorkloadKindName(w.kind), e);
            break;
          }
          case EniOwner::kNone: add(eni.id, kKindEni, e); break;
        }
      }
      break;
  }
  return groups;
}

}  // namespace

MatrixResult ComputeMatrix(const Model& model, const ForwardingGraph& graph,
                           const MatrixQuery& query,
                           const std::function<void(std::size_t, std::size_t)>& progress) {
  PacketSetManager manager;
  PacketSetManager::ClearBudgetExceeded();
  Solver solver(model, graph);
  SolverOptions options;
  options.max_classes = query.max_paths;
  options.record_steps = false;  // a cell needs the delivered packets, not their hops
  options.one_class_per_eni = true;  // and an ENI cell only one of them

  MatrixResult result;
  result.enis = model.enis.size();
  for (Index b = 0; b < model.workloads.size(); ++b) {
    const Workload& w = model.workloads[b];
    for (size_t l = 0; l < w.listeners.size(); ++l) {
      if (!BackendLegs(model, b, l, kTcp).empty() || !BackendLegs(model, b, l, kUdp).empty()) {
        result.proxies.push_back(w.id);
        break;
      }
    }
  }
  std::vector<std::size_t> class_of = EniClasses(model, &result.eni_classes);
  std::size_t classes = result.eni_classes;
  std::vector<Index> rep(classes, kNone);
  for (Index e = 0; e < model.enis.size(); ++e) {
    if (rep[class_of[e]] == kNone) rep[class_of[e]] = e;
  }
  std::vector<Endpoint> services;
  for (const Service& s : model.services) {
    std::string error;
    if (std::optional<Endpoint> ep = ResolveEndpoint(model, s.name, &error)) services.push_back(*ep);
  }
  std::size_t n_services = services.size();

  // Class-level answers. class_reach[X][Y]: a member of X reaches another member of Y (for X == Y,
  // another member than itself); self[X]: a member reaches itself.
  std::vector<std::vector<bool>> class_reach(classes, std::vector<bool>(classes, false));
  std::vector<bool> self(classes, false);
  std::vector<std::vector<bool>> to_service(classes, std::vector<bool>(n_services, false));
  std::vector<std::vector<bool>> from_service(n_services, std::vector<bool>(classes, false));

  // One job per service (first: they are the longest), then one per source class: its row of
  // `classes` cells (ENI classes reached), `n_services` cells (services reached), whether the
  // source reached itself, and whether a budget ran out.
  std::size_t row = classes + n_services + 2;
  std::size_t self_at = classes + n_services, budget_at = self_at + 1;
  auto source_of = [&](std::size_t job) { return job - n_services; };  // for job >= n_services
  auto run = [&](std::size_t job, std::uint8_t* out) {
    bool from_eni = job >= n_services;
    Index sender = from_eni ? rep[source_of(job)] : kNone;
    std::string error;
    std::vector<Origin> origins =
        from_eni ? std::vector<Origin>{ResolveEndpoint(model, model.enis[sender].id, &error)->Origins(model).front()}
                 : services[job].Origins(model);
    for (const Origin& o : origins) {
      PacketSet asked = QuerySpace(o, IpRangeSet::All(), query.protocol, query.ports, query.src_ports);
      ReachResult r = solver.Reach(o, asked, options);
      if (r.budget_exceeded || PacketSetManager::BudgetExceeded()) out[budget_at] = 1;
      for (const DeliveredClass& c : r.classes) {
        if (c.delivery.kind == DeliveryKind::kEni) {
          out[c.delivery.index == sender ? self_at : class_of[c.delivery.index]] = 1;
        } else if (c.delivery.kind == DeliveryKind::kOutside && from_eni) {
          for (std::size_t s = 0; s < n_services; ++s) {
            if (!out[classes + s] && !solver.DeliveredTo(c, services[s]).IsEmpty()) out[classes + s] = 1;
          }
        }
      }
    }
  };
  std::size_t total = classes + n_services;
  int workers = query.workers > 0 ? query.workers : DefaultWorkers();
  std::vector<std::uint8_t> rows = RunJobs(total, row, workers, run, [&](std::size_t done) {
    if (progress) progress(done, total);
  });
  for (std::size_t job = 0; job < total; ++job) {
    const std::uint8_t* r = rows.data() + job * row;
    result.budget_exceeded |= r[budget_at] != 0;
    for (std::size_t y = 0; y < classes; ++y) {
      if (r[y] == 0) continue;
      if (job >= n_services) {
        class_reach[source_of(job)][y] = true;
      } else {
        from_service[job][y] = true;
      }
    }
    if (job >= n_services) {
      self[source_of(job)] = r[self_at] != 0;
      for (std::size_t s = 0; s < n_services; ++s) to_service[source_of(job)][s] = r[classes + s] != 0;
    }
  }
  std::vector<Group> groups = GroupsOf(model, query.by);
  std::size_t n = groups.size() + n_services;
  result.reach.assign(n, std::vector<bool>(n, false));
  for (const Group& g : groups) {
    result.labels.push_back(g.label);
    result.kinds.push_back(g.kind);
  }
  for (const Endpoint& s : services) {
    result.labels.push_back(s.name);
    result.kinds.push_back(kKindService);
  }
  auto eni_reaches = [&](Index x, Index y) {
    if (x == y) return static_cast<bool>(self[class_of[x]]);
    return static_cast<bool>(class_reach[class_of[x]][class_of[y]]);
  };
  for (std::size_t i = 0; i < groups.size(); ++i) {
    for (std::size_t j = 0; j < groups.size(); ++j) {
      bool any = false;
      for (Index x : groups[i].enis) {
        for (Index y : groups[j].enis) {
          if (eni_reaches(x, y)) {
            any = true;
            break;
          }
        }
        if (any) break;
      }
      result.reach[i][j] = any;
    }
    for (std::size_t s = 0; s < n_services; ++s) {
      for (Index x : groups[i].enis) {
        if (to_service[class_of[x]][s]) result.reach[i][groups.size() + s] = true;
      }
    }
  }
  for (std::size_t s = 0; s < n_services; ++s) {
    for (std::size_t j = 0; j < groups.size(); ++j) {
      for (Index y : groups[j].enis) {
        if (from_service[s][class_of[y]]) result.reach[groups.size() + s][j] = true;
      }
    }
  }
  return result;
}

}  // namespace vpcreach
