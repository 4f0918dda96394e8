#include "sim/query/diff.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "sim/endpoint.h"
#include "sim/query/check.h"
#include "sim/query/header_text.h"
#include "sim/solver.h"
#include "sim/symbolic_header.h"

namespace vpcreach {
namespace {

constexpr std::size_t kPortPhrases = 4;
constexpr std::size_t kHeaders = 6;
constexpr const char* kAmazonProvidedName = "amazon-provided";
constexpr const char* kOutsideName = "outside";

using SetsByDestination = std::map<std::string, PacketSet>;

// The catalog's services, most specific first (fewest addresses, then name), so that a packet
// to PyPI's range counts as `pypi`, not `internet`.
std::vector<const Service*> ServicesBySpecificity(const Model& model) {
  std::vector<std::pair<double, const Service*>> sized;
  for (const Service& s : model.services) {
    double size = 0;
    IpRangeSet addresses = s.Addresses();
    for (const IpRange& r : addresses.Ranges()) size += double(r.hi) - double(r.lo) + 1;
    sized.emplace_back(size, &s);
  }
  std::sort(sized.begin(), sized.end(), [](const auto& a, const auto& b) {
    return std::tie(a.first, a.second->name) < std::tie(b.first, b.second->name);
  });
  std::vector<const Service*> out;
  for (const auto& [size, s] : sized) out.push_back(s);
  return out;
}

// Splits a delivered class by destination name.
class Classifier {
 public:
  explicit Classifier(const Model& model) : model_(model), services_(ServicesBySpecificity(model)) {
    for (const Service* s : services_) {
      addresses_.push_back(s->Addresses());
      original_dst_.push_back(PacketSet::Addresses(Field::kDst, addresses_.back()));
    }
  }

  void Add(const DeliveredClass& c, SetsByDestination* out) const {
    switch (c.delivery.kind) {
      case DeliveryKind::kEni:
        (*out)[model_.enis[c.delivery.index].id] |= c.packets;
        return;
      case DeliveryKind::kAmazonProvided:
        (*out)[kAmazonProvidedName] |= c.packets;
        return;
      case DeliveryKind::kSubnetHost:
        (*out)[model_.subnets[c.delivery.index].id] |= c.packets;
        return;
      case DeliveryKind::kNat:
      case DeliveryKind::kNone:
        (*out)[kOutsideName] |= c.packets;
        return;
      case DeliveryKind::kOutside:
        break;
    }
    PacketSet rest = c.packets;
    const FieldExpr& dst = c.arriving[Field::kDst];
    bool original = dst.kind == FieldExpr::Kind::kOriginal && dst.field == Field::kDst;
    for (std::size_t i = 0; i < services_.size() && !rest.IsEmpty(); ++i) {
      PacketSet mine = rest & (original ? original_dst_[i]
                                        : ExprInAddresses(c.arriving, Field::kDst, addresses_[i]));
      if (mine.IsEmpty()) continue;
      (*out)[services_[i]->name] |= mine;
      rest -= mine;
    }
    if (!rest.IsEmpty()) (*out)[kOutsideName] |= rest;
  }

  std::string Of(const Delivery& d) const {
    switch (d.kind) {
      case DeliveryKind::kEni: return model_.enis[d.index].id;
      case DeliveryKind::kAmazonProvided: return kAmazonProvidedName;
      case DeliveryKind::kSubnetHost: return model_.subnets[d.index].id;
      case DeliveryKind::kNone: return "";
      case DeliveryKind::kNat: return kOutsideName;
      case DeliveryKind::kOutside: break;
    }
    for (std::size_t i = 0; i < services_.size(); ++i) {
      if (addresses_[i].Contains(d.address)) return services_[i]->name;
    }
    return kOutsideName;
  }

 private:
  const Model& model_;
  std::vector<const Service*> services_;
  std::vector<IpRangeSet> addresses_;
  std::vector<PacketSet> original_dst_;
};

// Every source of one model by label.
std::map<std::string, Origin> SourcesOf(const Model& model) {
  std::map<std::string, Origin> out;
  for (Index e = 0; e < model.enis.size(); ++e) {
    Origin o;
    o.kind = OriginKind::kEni;
    o.index = e;
    for (Ipv4 a : model.enis[e].PrivateIps()) o.addresses.Add(HostCidr(a));
    o.label = model.enis[e].id;
    out.emplace(o.label, std::move(o));
  }
  for (const Service& s : model.services) {
    Origin o;
    o.kind = OriginKind::kOutside;
    o.addresses = s.Addresses();
    o.label = s.name;
    out.emplace(o.label, std::move(o));
  }
  auto sagemaker = [&](Index i, bool job, const std::string& id) {
    Origin o;
    o.kind = OriginKind::kSageMaker;
    o.index = i;
    o.training_job = job;
    o.addresses.Add(HostCidr(0));
    o.label = id;
    out.emplace(o.label, std::move(o));
  };
  for (Index n = 0; n < model.notebooks.size(); ++n) {
    if (model.notebooks[n].eni == kNone) sagemaker(n, false, model.notebooks[n].id);
  }
  for (Index j = 0; j < model.training_jobs.size(); ++j) {
    if (model.training_jobs[j].enis.empty()) sagemaker(j, true, model.training_jobs[j].id);
  }
  return out;
}

// The ENIs (by id) whose security-group filtering differs, when the change is filters-only and
// none of them forwards as a route target; nullopt when the diff must run in full.
std::optional<std::set<std::string>> AffectedEnis(const Model& before, const Model& after,
                                                  const ModelDiff& diff) {
  if (!diff.FiltersOnly()) return std::nullopt;
  std::set<std::string> groups;  // groups whose rules changed (or that came or went)
  for (const ComponentChange& c : diff.changes) {
    if (c.kind == kKindSecurityGroup) groups.insert(c.id);
  }
  std::set<std::string> affected;
  std::set<std::string> regrouped;  // groups whose members changed
  auto group_ids = [](const Model& m, const Eni& e) {
    std::set<std::string> out;
    for (Index g : e.security_groups) out.insert(m.security_groups[g].id);
    return out;
  };
  std::map<std::string, const Eni*> after_enis;
  for (const Eni& e : after.enis) after_enis[e.id] = &e;
  for (const Eni& e : before.enis) {
    auto it = after_enis.find(e.id);
    if (it == after_enis.end()) return std::nullopt;  // not filters-only; defensive
    std::set<std::string> b = group_ids(before, e), a = group_ids(after, *it->second);
    if (b == a) continue;
    affected.insert(e.id);
    std::set_symmetric_difference(b.begin(), b.end(), a.begin(), a.end(),
                                  std::inserter(regrouped, regrouped.end()));
  }
  for (const Model* m : {&before, &after}) {
    for (const SecurityGroup& g : m->security_groups) {
      for (const auto* rules : {&g.ingress, &g.egress}) {
        for (const SgRule& r : *rules) {
          if (r.peer == PeerKind::kSecurityGroup &&
              regrouped.count(m->security_groups[r.peer_index].id)) {
            groups.insert(g.id);
          }
        }
      }
    }
  }
  for (const Model* m : {&before, &after}) {
    for (const Eni& e : m->enis) {
      for (Index g : e.security_groups) {
        if (groups.count(m->security_groups[g].id)) affected.insert(e.id);
      }
    }
  }
  for (const Model* m : {&before, &after}) {
    for (const RouteTable& t : m->route_tables) {
      for (const Route& r : t.routes) {
        if (r.target == RouteTarget::kEni && affected.count(m->enis[r.target_index].id)) {
          return std::nullopt;  // an appliance filters traffic that is not addressed to it
        }
      }
    }
  }
  return affected;
}

IpRangeSet AddressesOf(const Model& before, const Model& after, const std::set<std::string>& enis) {
  IpRangeSet out;
  for (const Model* m : {&before, &after}) {
    for (const Eni& e : m->enis) {
      if (!enis.count(e.id)) continue;
      for (Ipv4 a : e.PrivateIps()) out.Add(HostCidr(a));
      if (e.public_ip) out.Add(HostCidr(*e.public_ip));
    }
  }
  return out;
}

// The scope: which sources, which destination names, which destination addresses.
struct Scope {
  bool all = true;
  std::set<std::string> sources;
  std::set<std::string> destinations;  // ENI ids and service names
  bool outside = false;                // any non-ENI destination within `addresses`
  IpRangeSet addresses;
};

std::optional<Scope> ResolveScope(const Model& before, const Model& after,
                                  const std::vector<std::string>& names, std::string* error) {
  Scope scope;
  if (names.empty()) return scope;
  scope.all = false;
  for (const std::string& name : names) {
    bool found = false;
    std::string first_error;
    for (const Model* m : {&before, &after}) {
      std::string e;
      std::optional<Endpoint> ep = ResolveEndpoint(*m, name, &e);
      // An internet gateway is a source only: as a scope, what enters through it.
      if (!ep) ep = ResolveEndpoint(*m, name, &e, /*as_source=*/true);
      if (!ep) {
        if (first_error.empty()) first_error = e;
        continue;
      }
      found = true;
      for (const Origin& o : ep->Origins(*m)) scope.sources.insert(o.label);
      for (Index i : ep->enis) {
        scope.sources.insert(m->enis[i].id);
        scope.destinations.insert(m->enis[i].id);
      }
      if (ep->outside || !ep->subnets.empty()) scope.outside = true;
      if (m->FindService(name)) scope.destinations.insert(name);
      scope.addresses.Add(ep->addresses);
    }
    if (!found) {
      *error = "--scope: " + first_error;
      return std::nullopt;
    }
  }
  return scope;
}

// ENIs present in both versions whose addresses differ (an address vpcreach assigns shifts when
// a component takes the one before it): AFTER's sets are moved into BEFORE's addresses, so that a
// request compares by the identity of its sender and receiver, not by their addresses.
class AddressFrame {
 public:
  AddressFrame(const Model& before, const Model& after) {
    std::map<std::string, const Eni*> in_after;
    for (const Eni& e : after.enis) in_after[e.id] = &e;
    for (const Eni& b : before.enis) {
      auto it = in_after.find(b.id);
      if (it == in_after.end()) continue;
      const Eni& a = *it->second;
      std::vector<std::pair<Ipv4, Ipv4>> pairs;  // (after, before)
      if (a.private_ip != b.private_ip) pairs.emplace_back(a.private_ip, b.private_ip);
      for (size_t k = 0; k < std::min(a.secondary_ips.size(), b.secondary_ips.size()); ++k) {
        if (a.secondary_ips[k] != b.secondary_ips[k]) {
          pairs.emplace_back(a.secondary_ips[k], b.secondary_ips[k]);
        }
      }
      if (a.public_ip && b.public_ip && *a.public_ip != *b.public_ip) {
        pairs.emplace_back(*a.public_ip, *b.public_ip);
      }
      if (!pairs.empty()) moved_[b.id] = std::move(pairs);
    }
  }

  // AFTER's requests from `source` to `destination`, in BEFORE's addresses.
  PacketSet ToBefore(const std::string& source, const std::string& destination,
                     PacketSet set) const {
    if (auto it = moved_.find(source); it != moved_.end() && it->second.front().first != 0) {
      const auto& [a, b] = it->second.front();
      PacketSet from_a = set & PacketSet::Value(Field::kSrc, a);
      set = (set - from_a) | (from_a.Forget(Field::kSrc) & PacketSet::Value(Field::kSrc, b));
    }
    if (auto it = moved_.find(destination); it != moved_.end()) {
      PacketSet kept = set, moved;
      for (const auto& [a, b] : it->second) {
        PacketSet to_a = set & PacketSet::Value(Field::kDst, a);
        kept -= to_a;
        moved |= to_a.Forget(Field::kDst) & PacketSet::Value(Field::kDst, b);
      }
      set = kept | moved;
    }
    return set;
  }

  // A request in BEFORE's addresses as AFTER's network sends it.
  Packet ToAfter(const std::string& source, const std::string& destination, Packet p) const {
    if (auto it = moved_.find(source); it != moved_.end()) {
      for (const auto& [a, b] : it->second) {
        if (p.src == b) p.src = a;
      }
    }
    if (auto it = moved_.find(destination); it != moved_.end()) {
      for (const auto& [a, b] : it->second) {
        if (p.dst == b) {
          p.dst = a;
          break;
        }
      }
    }
    return p;
  }

 private:
  std::map<std::string, std::vector<std::pair<Ipv4, Ipv4>>> moved_;
};

struct Sides {
  SetsByDestination before;
  SetsByDestination after;
};

// The witness's path, as component keys ("kind id") and texts, for attribution.
struct PathKeys {
  std::set<std::pair<std::string, std::string>> components;
  std::string text;  // decisions and rules, for prefix-list references
};

void AddHops(const Model& m, const std::vector<Hop>& hops, bool blocked_only, PathKeys* keys) {
  for (const Hop& h : hops) {
    if (blocked_only && !h.blocked) continue;
    keys->components.emplace(h.kind, h.component);
    keys->text += " " + h.decision + " | " + h.rule + " |";
    if (h.kind == kKindEni) {
      // The hop stands for every group of the ENI: all of them decided.
      for (const Eni& e : m.enis) {
        if (e.id != h.component) continue;
        for (Index g : e.security_groups) {
          keys->components.emplace(kKindSecurityGroup, m.security_groups[g].id);
        }
      }
    }
  }
}

void AddTrace(const Model& m, const TraceResult& t, bool blocked_only, PathKeys* keys) {
  // A trace that was delivered elsewhere took a path of its own: all of it counts.
  bool all = !blocked_only || t.delivered;
  AddHops(m, t.forward, !all, keys);
  AddHops(m, t.reverse, !all, keys);
  for (const Explanation& e : t.explanations) {
    for (const char* kind : {kKindSecurityGroup, kKindNetworkAcl, kKindRouteTable,
                                    kKindEni, kKindSubnet, kKindNatGateway, kKindInternetGateway,
                                    kKindVpcEndpoint, kKindVpc}) {
      keys->components.emplace(kind, e.component);
    }
  }
}

bool OnPath(const ComponentChange& c, const FlowChange& f, const PathKeys& keys) {
  auto has = [&](const std::string& kind, const std::string& id) {
    return keys.components.count({kind, id}) > 0;
  };
  if (c.kind == kKindNotebook) {
    return f.source == c.id || f.destination == c.id || has(kKindEni, c.id);
  }
  if (c.kind == kKindTrainingJob) {
    auto instance = [&](const std::string& name) {
      return name == c.id || name.rfind(c.id + "[", 0) == 0;
    };
    if (instance(f.source) || instance(f.destination) || has(kKindTrainingJob, c.id)) return true;
    for (const auto& [kind, id] : keys.components) {
      if (kind == kKindEni && instance(id)) return true;
    }
    return false;
  }
  if (c.kind == kKindWorkload) {
    // A workload is on the path where one of its interfaces is, or where it refused (its hop
    // carries its kind's name, not "workload").
    auto interface = [&](const std::string& name) {
      return name == c.id || name.rfind(c.id + "[", 0) == 0;
    };
    if (interface(f.source) || interface(f.destination)) return true;
    for (const auto& [kind, id] : keys.components) {
      if (interface(id)) return true;
    }
    return false;
  }
  if (c.kind == kKindEni) return f.source == c.id || f.destination == c.id || has(kKindEni, c.id);
  if (c.kind == kKindService) return f.source == c.id || f.destination == c.id;
  if (c.kind == kKindPrefixList) return keys.text.find(" " + c.id + " ") != std::string::npos ||
                                        keys.text.find(c.id) != std::string::npos;
  return has(c.kind, c.id);
}

void Attribute(const Model& before, const Model& after, const ModelDiff& diff, FlowChange* f) {
  PathKeys keys;
  bool opened = f->kind == FlowChangeKind::kOpened;
  const std::optional<TraceResult>& main = opened ? f->after : f->before;
  const std::optional<TraceResult>& other = opened ? f->before : f->after;
  if (main) AddTrace(opened ? after : before, *main, /*blocked_only=*/false, &keys);
  if (other) AddTrace(opened ? before : after, *other, /*blocked_only=*/true, &keys);
  std::vector<std::size_t> on_path;
  for (std::size_t i = 0; i < diff.changes.size(); ++i) {
    if (OnPath(diff.changes[i], *f, keys)) on_path.push_back(i);
  }
  // Of a component's changes, keep those whose rule decided a hop of the path, when some did.
  auto met = [&](const ComponentChange& c) {
    for (const std::string& rule : c.rules) {
      if (!rule.empty() && keys.text.find(" " + rule + " ") != std::string::npos) return true;
    }
    return false;
  };
  for (std::size_t i : on_path) {
    const ComponentChange& c = diff.changes[i];
    bool sibling_met = false;
    for (std::size_t j : on_path) {
      const ComponentChange& d = diff.changes[j];
      if (d.kind == c.kind && d.id == c.id && met(d)) sibling_met = true;
    }
    if (!sibling_met || met(c)) f->causes.push_back(i);
  }
  f->causes_on_path = !f->causes.empty();
  if (!f->causes_on_path) {
    for (std::size_t i = 0; i < diff.changes.size(); ++i) f->causes.push_back(i);
  }
}

void Describe(FlowChange* f) {
  f->count = f->packets.Count();
  f->ports = ProtocolPortPhrases(f->packets, kPortPhrases);
  std::vector<FieldRange> sources = f->packets.Values(Field::kSrc);
  bool single_source = sources.size() == 1 && sources.front().lo == sources.front().hi;
  PacketSet shown = single_source ? f->packets.Forget(Field::kSrc) : f->packets;
  std::optional<std::vector<Cube>> cubes = shown.Cubes(kHeaders);
  if (!cubes) {
    cubes = shown.Forget(Field::kSrcPort).Forget(Field::kSrc).Cubes(kHeaders);
    if (!cubes) cubes = std::vector<Cube>{};
    f->headers_truncated = true;
  }
  for (const Cube& c : *cubes) f->headers.push_back(HeaderText(c, !single_source, true));
}

}  // namespace

std::string FlowChange::Headline(const ModelDiff& components) const {
  std::string out = kind == FlowChangeKind::kOpened ? "opened: " : "closed: ";
  out += source + " -> " + destination;
  for (const std::string& p : ports) out += (p == ports.front() ? " " : ", ") + p;
  std::string why;
  if (causes_on_path) {
    for (std::size_t i : causes) why += (why.empty() ? "" : "; ") + components.changes[i].Text();
  } else if (!causes.empty()) {
    why = "no changed component on the example's path";
  }
  if (!why.empty()) out += " (" + why + ")";
  return out;
}

std::size_t DiffResult::Opened() const {
  return static_cast<std::size_t>(std::count_if(changes.begin(), changes.end(), [](const FlowChange& c) {
    return c.kind == FlowChangeKind::kOpened;
  }));
}

std::size_t DiffResult::Closed() const { return changes.size() - Opened(); }

std::string DestinationName(const Model& model, const Delivery& delivery) {
  return Classifier(model).Of(delivery);
}

std::optional<DiffResult> RunDiff(const Model& before, const ForwardingGraph& before_graph,
                                  const Model& after, const ForwardingGraph& after_graph,
                                  const DiffOptions& options, std::string* error) {
  std::optional<Scope> scope = ResolveScope(before, after, options.scope, error);
  if (!scope) return std::nullopt;
  PacketSetManager manager;
  PacketSetManager::ClearBudgetExceeded();
  DiffResult result;
  result.components = DiffModels(before, after);

  std::map<std::string, Origin> before_sources = SourcesOf(before);
  std::map<std::string, Origin> after_sources = SourcesOf(after);
  std::set<std::string> labels;
  for (const auto& [label, o] : before_sources) labels.insert(label);
  for (const auto& [label, o] : after_sources) labels.insert(label);
  if (!scope->all) {
    std::set<std::string> kept;
    for (const std::string& l : labels) {
      if (scope->sources.count(l)) kept.insert(l);
    }
    labels = std::move(kept);
  }
  result.sources = labels.size();

  // Which sources are solved over everything, and where the others may differ at all.
  std::optional<std::set<std::string>> affected;
  if (options.restrict_to_affected) affected = AffectedEnis(before, after, result.components);
  result.restricted = affected.has_value();
  PacketSet everywhere = PacketSet::All();
  if (!scope->all) everywhere = PacketSet::Addresses(Field::kDst, scope->addresses);
  PacketSet towards_affected = everywhere;
  if (affected) {
    result.affected_enis = affected->size();
    towards_affected &= PacketSet::Addresses(Field::kDst, AddressesOf(before, after, *affected));
  }

  Solver before_solver(before, before_graph), after_solver(after, after_graph);
  Classifier before_classes(before), after_classes(after);
  Tracer before_tracer(before, before_graph), after_tracer(after, after_graph);
  SolverOptions solver_options;
  solver_options.record_steps = false;
  solver_options.max_classes = options.max_paths;

  auto solve = [&](const Solver& solver, const Classifier& classes, const Origin& origin,
                   const PacketSet& space) {
    SetsByDestination sets;
    if (space.IsEmpty()) return sets;
    ReachResult r = solver.Reach(origin, space, solver_options);
    ++result.solver_runs;
    result.budget_exceeded |= r.budget_exceeded || PacketSetManager::BudgetExceeded();
    for (const DeliveredClass& c : r.classes) classes.Add(c, &sets);
    return sets;
  };

  std::set<std::string> eni_ids;
  for (const Model* m : {&before, &after}) {
    for (const Eni& e : m->enis) eni_ids.insert(e.id);
  }
  // A destination is in scope when the scope names it, or names outside addresses and it is
  // not an ENI (the requests were already narrowed to the scope's addresses).
  auto InScope = [&](const Scope& s, const std::string& d) {
    return s.all || s.destinations.count(d) > 0 || (s.outside && !eni_ids.count(d));
  };

  AddressFrame frame(before, after);
  std::size_t done = 0;
  for (const std::string& label : labels) {
    auto b = before_sources.find(label);
    auto a = after_sources.find(label);
    bool full = !affected || b == before_sources.end() || a == after_sources.end() ||
                affected->count(label) > 0;
    if (full) ++result.full_sources;
    const PacketSet& space = full ? everywhere : towards_affected;
    Sides sides;
    if (b != before_sources.end()) sides.before = solve(before_solver, before_classes, b->second, space);
    if (a != after_sources.end()) sides.after = solve(after_solver, after_classes, a->second, space);

    std::set<std::string> destinations;
    for (const auto& [d, s] : sides.before) destinations.insert(d);
    for (const auto& [d, s] : sides.after) destinations.insert(d);
    for (const std::string& d : destinations) {
      if (!InScope(*scope, d)) continue;
      PacketSet was = sides.before.count(d) ? sides.before[d] : PacketSet::Empty();
      PacketSet now = sides.after.count(d) ? frame.ToBefore(label, d, sides.after[d])
                                           : PacketSet::Empty();
      for (FlowChangeKind kind : {FlowChangeKind::kOpened, FlowChangeKind::kClosed}) {
        PacketSet changed = kind == FlowChangeKind::kOpened ? now - was : was - now;
        if (changed.IsEmpty()) continue;
        FlowChange f;
        f.kind = kind;
        f.source = label;
        f.destination = d;
        f.packets = changed;
        f.witness = *PreferredWitness(changed);
        if (b != before_sources.end()) f.before = before_tracer.Trace(b->second, f.witness);
        if (a != after_sources.end()) {
          f.after = after_tracer.Trace(a->second, frame.ToAfter(label, d, f.witness));
        }
        Describe(&f);
        Attribute(before, after, result.components, &f);
        result.changes.push_back(std::move(f));
      }
    }
    if (options.progress) options.progress(++done, labels.size());
  }
  return result;
}

}  // namespace vpcreach
