#include "sim/query/check.h"

#include <algorithm>
#include <set>
#include <cmath>
#include <cstdio>

#include "sim/endpoint.h"
#include "sim/hops/load_balancer.h"

namespace vpcreach {

PacketSet QuerySpace(const Origin& origin, const IpRangeSet& destinations, int protocol,
                     const std::optional<PortRange>& dst_ports, const PortRange& src_ports,
                     const IcmpTypeCode& icmp) {
  PacketSet space = PacketSet::Universe() & PacketSet::Addresses(Field::kDst, destinations);
  // A gateway as the source carries packets into its VPC only.
  if (origin.reaches) space &= PacketSet::Addresses(Field::kDst, *origin.reaches);
  if (origin.kind != OriginKind::kSageMaker) {
    space &= PacketSet::Addresses(Field::kSrc, origin.addresses);
  }
  if (protocol != kAllProtocols) space &= PacketSet::Value(Field::kProtocol, protocol);
  // Ports narrow tcp and udp only; other protocols carry none.
  PacketSet ported = PacketSet::Range(Field::kSrcPort, src_ports.from, src_ports.to);
  if (dst_ports) ported &= PacketSet::Range(Field::kDstPort, dst_ports->from, dst_ports->to);
  PacketSet has_ports = PacketSet::Value(Field::kProtocol, kTcp) | PacketSet::Value(Field::kProtocol, kUdp);
  space = (space & has_ports & ported) | (space - has_ports);
  // ICMP types and codes narrow icmp only.
  if (!icmp.IsAll()) space -= PacketSet::Value(Field::kProtocol, kIcmp) - PacketSet::Icmp(icmp);
  return space;
}

std::string FormatCount(double count) {
  if (count < 9007199254740992.0) {  // 2^53: exact as an integer
    char buffer[32];
    std::snprintf(buffer, sizeof(buffer), "%.0f", count);
    return buffer;
  }
  char buffer[32];
  std::snprintf(buffer, sizeof(buffer), "%.2g", count);
  return std::string("about ") + buffer;
}

std::optional<Packet> PreferredWitness(const PacketSet& set) {
  if (set.IsEmpty()) return std::nullopt;
  // An address inside a range rather than its network address: 151.101.0.1, not 151.101.0.0.
  auto pick = [&](Field f) -> Ipv4 {
    FieldRange r = set.Values(f).front();
    return static_cast<Ipv4>(r.hi - r.lo >= 2 ? r.lo + 1 : r.lo);
  };
  Packet preferred{pick(Field::kSrc), pick(Field::kDst), kTcp, 40000, 443};
  std::optional<Packet> witness = set.Witness(&preferred);
  if (witness && witness->protocol == kIcmp) {  // echo request when the set has it
    preferred = IcmpPacket(preferred.src, preferred.dst, kIcmpEchoRequest, 0);
    witness = set.Witness(&preferred);
  }
  return witness;
}

namespace {

std::string Join(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& s : items) out += (out.empty() ? "" : ", ") + s;
  return out;
}

// "a, b" for up to two items, "a, b and 3 more" beyond.
std::string FirstOf(const std::vector<std::string>& items) {
  if (items.size() <= 2) return Join(items);
  return Join({items[0], items[1]}) + " and " + std::to_string(items.size() - 2) + " more";
}

// The id of SageMaker's network as a hop, and its kind, for `via:` / `avoid:`.
constexpr const char* kSageMakerNetworkId = "sagemaker-network";

// The instances of training job `job` that endpoint name `name` means: all for the job's id, one
// for `job[i]`.
std::vector<int> InstancesNamed(const TrainingJob& job, const std::string& name) {
  std::vector<int> out;
  if (name == job.id) {
    for (int i = 0; i < job.instance_count; ++i) out.push_back(i);
  } else if (name.size() > job.id.size() + 2 && name.compare(0, job.id.size(), job.id) == 0) {
    out.push_back(std::stoi(name.substr(job.id.size() + 1)));  // resolved already: well formed
  }
  return out;
}

// What a request's path that passes `passed` (component ids and kinds) misses of the
// expectation's `via:`, and what it passes of its `avoid:`.
struct UnmetRoute {
  std::vector<std::string> missing;
  std::vector<std::string> present;
};
// The names a path's steps carry that mean `name` for `via:` / `avoid:`: the name itself, and for
// a workload each of its network interfaces (a path passes a workload where it passes one).
std::vector<std::string> PassedAs(const Model& model, const std::string& name) {
  std::vector<std::string> out = {name};
  for (const Workload& w : model.workloads) {
    if (w.id != name) continue;
    for (Index e : w.enis) out.push_back(model.enis[e].id);
  }
  // An interface endpoint is passed where one of its network interfaces is.
  for (const VpcEndpoint& v : model.vpc_endpoints) {
    if (v.id != name) continue;
    for (Index e : v.enis) out.push_back(model.enis[e].id);
  }
  return out;
}

bool PassesAny(const DeliveredClass& c, const std::vector<std::string>& names) {
  return std::any_of(names.begin(), names.end(),
                     [&c](const std::string& n) { return c.Passes(n); });
}

UnmetRoute Unmet(const Model& model, const Expectation& e, const std::set<std::string>& passed) {
  UnmetRoute out;
  auto passes = [&](const std::string& name) {
    std::vector<std::string> names = PassedAs(model, name);
    return std::any_of(names.begin(), names.end(),
                       [&passed](const std::string& n) { return passed.count(n) > 0; });
  };
  for (const std::string& v : e.via) {
    if (!passes(v)) out.missing.push_back(v);
  }
  for (const std::string& a : e.avoid) {
    if (passes(a)) out.present.push_back(a);
  }
  return out;
}

// Why an expectation's question holds no packet: `from` can send from no address, or `to` has
// none.
std::string WhyNoPacket(const Model& model, const Expectation& e, const Endpoint& from,
                        const std::vector<Endpoint>& targets) {
  if (from.Origins(model).empty()) {
    return e.from +
           " holds no address a packet can be sent from (every address of it is "
           "reserved by AWS or held by another component)";
  }
  if (e.only_to.empty() && targets.front().addresses.Empty()) {
    const Endpoint& to = targets.front();
    if (to.sagemaker_job || to.sagemaker_notebook) {
      return e.to +
             " runs in SageMaker's network without a VPC, where no address of it is "
             "known, so no packet can be addressed to it";
    }
    return e.to + " has no address a packet can be sent to";
  }
  return "the asked protocol and ports hold no packet";
}
class ExpectationRunner {
 public:
  ExpectationRunner(const Model& model, const ForwardingGraph& graph, const CheckOptions& options)
      : model_(model),
        unfollowed_(model.Unfollowed()),
        tracer_(model, graph),
        solver_(model, graph),
        options_(options) {}

  ExpectationResult Run(const Expectation& e) {
    ExpectationResult result;
    result.expectation = &e;
    std::string error;
    std::optional<Endpoint> from = ResolveEndpoint(model_, e.from, &error, /*as_source=*/true);
    if (!from) return Fail(std::move(result), error);
    std::vector<Endpoint> targets;
    for (const std::string& name : e.only_to.empty() ? std::vector<std::string>{e.to} : e.only_to) {
      std::optional<Endpoint> to = ResolveEndpoint(model_, name, &error);
      if (!to) return Fail(std::move(result), error);
      targets.push_back(*to);
    }
    bool only_to = !e.only_to.empty();
    if (!only_to && from->sagemaker_job && from->sagemaker_job == targets.front().sagemaker_job) {
      return AmongOwnInstances(e, *from->sagemaker_job, std::move(result));
    }
    SolverOptions options;
    options.deliver_to_subnet_hosts = !only_to && targets.front().AcceptsSubnetHosts();
    options.max_classes = options_.max_paths;
    TraceOptions trace_options;
    trace_options.deliver_to_subnet_hosts = options.deliver_to_subnet_hosts;

    PacketSetManager::ClearBudgetExceeded();
    for (const Origin& origin : from->Origins(model_)) {
      // A service name leads where private DNS resolves it from this origin.
      std::vector<Endpoint> seen;
      for (const Endpoint& t : targets) seen.push_back(t.SeenFrom(model_, origin));
      IpRangeSet destinations = only_to ? IpRangeSet::All() : seen.front().addresses;
      // Requests to the load balancers in front of the destination reach it through them.
      if (!only_to) destinations.Add(ProxyAddresses(model_, seen.front()));
      // Nothing is delivered to a NAT gateway: follow every request, to see where it stops.
      options.destination = only_to || seen.front().answers_nothing ? nullptr : &seen.front();
      PacketSet asked = QuerySpace(origin, destinations, e.protocol, e.ports, e.src_ports, e.icmp);
      result.asked += asked.Count();
      ReachResult reach = solver_.Reach(origin, asked, options);
      if (reach.budget_exceeded || PacketSetManager::BudgetExceeded()) {
        result.undecided = true;
        result.detail = "undecided: the solver's budget ran out (more than " +
                        std::to_string(options_.max_paths) +
                        " paths or BDD nodes); raise --max-paths";
        return result;
      }
      Collect(e, origin, seen, reach, reach.DeliveredForEveryNatPort());
      zone_choices_.AddZoneChoices(reach.zone_choices);
      if (!reach.refusal.packets.IsEmpty() && reach.refusal.depth > refusal_depth_) {
        refusal_depth_ = reach.refusal.depth;
        refusal_ = Witnessed{origin, reach.refusal.packets};
      }
    }
    result.paths = paths_;
    result.delivered = delivered_.Count();
    if (result.asked == 0) {
      result.vacuous = true;
      result.detail =
          "vacuous: the question holds no packet: " + WhyNoPacket(model_, e, *from, targets) +
          "; it proves nothing";
      return result;
    }
    return Judge(e, std::move(result), trace_options);
  }

 private:
  struct Witnessed {
    Origin origin;
    PacketSet packets;
  };

  // `always`: the requests delivered whatever the NAT gateways on their path choose.
  void Collect(const Expectation& e, const Origin& origin, const std::vector<Endpoint>& targets,
               const ReachResult& reach, const PacketSet& always) {
    for (const DeliveredClass& c : reach.classes) {
      if (!e.only_to.empty()) {
        if (c.delivery.kind == DeliveryKind::kAmazonProvided) continue;  // not filterable
        PacketSet inside;
        for (const Endpoint& t : targets) inside |= solver_.DeliveredTo(c, t);
        ++paths_;
        delivered_ |= c.packets;
        PacketSet outside = c.packets - inside;
        if (!outside.IsEmpty() && !counterexample_) counterexample_ = Witnessed{origin, outside};
        if (!example_) example_ = Witnessed{origin, c.packets};
        continue;
      }
      PacketSet to_target = solver_.DeliveredTo(c, targets.front());
      if (to_target.IsEmpty()) continue;
      ++paths_;
      delivered_ |= to_target;
      bool ok = true;
      for (const std::string& v : e.via) ok = ok && PassesAny(c, PassedAs(model_, v));
      for (const std::string& a : e.avoid) ok = ok && !PassesAny(c, PassedAs(model_, a));
      if (!ok && !counterexample_) counterexample_ = Witnessed{origin, to_target};
      if (!example_) example_ = Witnessed{origin, to_target};
      PacketSet sometimes = to_target - always;
      if (!sometimes.IsEmpty()) {
        intermittent_ |= sometimes;
        if (!intermittent_example_) intermittent_example_ = Witnessed{origin, sometimes};
      }
    }
  }

  // `from` and `to` name instances of training job `job_index`, which has no VPC. Its instances
  // reach each other in SageMaker's network, which filters nothing between them; an instance and
  // itself are no network question.
  ExpectationResult AmongOwnInstances(const Expectation& e, Index job_index,
                                      ExpectationResult result) {
    const TrainingJob& job = model_.training_jobs[job_index];
    bool pair = false;
    for (int a : InstancesNamed(job, e.from)) {
      for (int b : InstancesNamed(job, e.to)) pair = pair || a != b;
    }
    if (!pair) {
      result.vacuous = true;
      result.detail = "vacuous: the question holds no packet: " + e.from + " and " + e.to +
                      " name the same single instance of training job " + job.id +
                      ", and an instance talking to itself crosses no network; it proves nothing";
      return result;
    }
    // SageMaker's addresses are not modelled: one stands for each instance.
    Origin origin;
    origin.kind = OriginKind::kSageMaker;
    origin.training_job = true;
    origin.index = job_index;
    origin.addresses.Add(HostCidr(0));
    PacketSet space = QuerySpace(origin, origin.addresses, e.protocol, e.ports, e.src_ports) &
                      PacketSet::Addresses(Field::kSrc, origin.addresses);
    result.asked = result.delivered = space.Count();
    result.paths = 1;
    auto [missing, present] = Unmet(model_, e, {kSageMakerNetworkId, kKindSageMakerNetwork});
    std::string path = "the instances of training job " + job.id +
                       ", which has no VPC, reach each other in SageMaker's network, which "
                       "filters nothing between them: every request of the question is delivered";
    result.passed = *e.reachable && missing.empty() && present.empty();
    if (!*e.reachable) {
      result.detail = "reachable: " + path;
    } else if (!missing.empty()) {
      result.detail = path + ", without passing " + Join(missing);
    } else if (!present.empty()) {
      result.detail = path + ", through " + Join(present);
    } else {
      result.detail = "reachable: " + path;
    }
    return result;
  }

  // Traces the preferred packet of `w` with the tracer, the explainer.
  std::optional<TraceResult> Explain(const std::optional<Witnessed>& w,
                                     const TraceOptions& trace_options) const {
    if (!w) return std::nullopt;
    std::optional<Packet> p = PreferredWitness(w->packets);
    if (!p) return std::nullopt;
    return tracer_.Trace(w->origin, *p, trace_options);
  }

  ExpectationResult Fail(ExpectationResult result, const std::string& message) {
    result.passed = false;
    result.detail = message;
    return result;
  }

  std::string Volume(const ExpectationResult& r) const {
    return FormatCount(r.delivered) + " of " + FormatCount(r.asked) + " requests (" +
           std::to_string(r.paths) + (r.paths == 1 ? " path)" : " paths)");
  }

  // The witness's warnings, when some delivered requests work only for some NAT port choices
  // (the tracer says which and why; a generic one should it see none).
  void Warn(ExpectationResult& r) const {
    if (intermittent_.IsEmpty()) return;
    r.intermittent = intermittent_.Count();
    if (r.witness) r.warnings = r.witness->warnings;
    if (!r.warnings.empty()) return;
    TraceWarning w;
    w.code = kNatPortsWarning;
    w.message = FormatCount(r.intermittent) +
                " delivered requests work only for some of the source ports a NAT gateway picks "
                "(1024-65535): the others fail";
    r.warnings.push_back(std::move(w));
  }

  ExpectationResult Judge(const Expectation& e, ExpectationResult r,
                          const TraceOptions& trace_options) {
    r = JudgeModelled(e, std::move(r), trace_options);
    // A claim about every packet of the space is proved only over what vpcreach models while
    // the network carries traffic it does not follow: IPv6 (`internet` holds IPv6 packets too,
    // and an IPv6 route or rule may deliver them) or a connection to networks outside the model
    // (a VPN). So is "nothing is delivered", which fails a `reachable: true` as much as it
    // passes a `reachable: false`. A claim that fails with a delivered counterexample fails
    // whatever the rest does.
    // Likewise beside a transit gateway attachment in appliance mode that the question's
    // traffic leaves a transit gateway by: vpcreach follows one of the zones AWS picks per flow
    // (sim/hops/transit_gateway.h).
    const std::vector<std::string>& zones = zone_choices_.zone_choices;
    if (unfollowed_.empty() && zones.empty()) return r;
    bool every_packet = !e.only_to.empty() || !*e.reachable || !e.via.empty() || !e.avoid.empty();
    bool none_delivered = e.only_to.empty() && *e.reachable && r.paths == 0;
    if ((r.passed && every_packet) || (!r.passed && none_delivered)) {
      r.passed = false;
      r.undecided = true;
      if (!unfollowed_.empty()) {
        r.detail = "proved only over what vpcreach models (" + r.detail + "); " +
                   FirstOf(unfollowed_) +
                   " carry traffic it does not follow (IPv6, or a connection to networks "
                   "outside the model; see the warnings), so nothing is proved of that traffic";
      } else {
        r.detail = "proved only over the zone vpcreach follows (" + r.detail +
                   "); transit gateway " +
                   (zones.size() == 1 ? "attachment " + FirstOf(zones) + " runs"
                                      : "attachments " + FirstOf(zones) + " run") +
                   " in appliance mode: the transit gateway picks one of an attachment's zones "
                   "per flow and vpcreach follows one, so nothing is proved of the flows it "
                   "sends to the others";
      }
    }
    return r;
  }

  ExpectationResult JudgeModelled(const Expectation& e, ExpectationResult r,
                              const TraceOptions& trace_options) {
    // A request that works only sometimes makes the best example: its trace says why.
    if (intermittent_example_ && !counterexample_) example_ = intermittent_example_;
    r.witness = Explain(counterexample_ ? counterexample_ : example_, trace_options);
    std::string example = r.witness ? FormatPacket(r.witness->packet) : "";
    if (!e.only_to.empty()) {
      r.passed = !counterexample_;
      r.detail = r.passed ? "every delivered request ends at " + Join(e.only_to) + ": " + Volume(r)
                          : "delivers outside " + Join(e.only_to) + ": " + example;
      if (r.passed && r.paths == 0) r.detail = "delivers nothing, so nothing outside " + Join(e.only_to);
      return r;
    }
    bool reachable = r.paths > 0;
    if (!reachable) {
      r.passed = !*e.reachable;
      r.detail = "unreachable: none of " + FormatCount(r.asked) +
                 " requests is delivered and answered";
      r.witness = Explain(refusal_, trace_options);
      return r;
    }
    Warn(r);
    std::string sometimes;
    if (r.intermittent > 0) {
      sometimes = r.intermittent == r.delivered ? "; each"
                                                : "; " + FormatCount(r.intermittent) + " of them";
      sometimes += " only for some of the source ports the NAT gateway picks";
    }
    if (!*e.reachable) {
      r.passed = false;
      r.detail = "reachable: " + Volume(r) + " delivered, for example " + example + sometimes;
      return r;
    }
    if (counterexample_) {
      r.passed = false;
      auto [missing, present] = Unmet(model_, e, r.witness->Components());
      r.detail = example + " is delivered";
      if (!missing.empty()) r.detail += " without passing " + Join(missing);
      if (!present.empty()) r.detail += std::string(missing.empty() ? "" : " and") + " through " + Join(present);
      return r;
    }
    r.passed = true;
    r.detail = "reachable: " + Volume(r) + " delivered, for example " + example + sometimes;
    if (!e.via.empty()) r.detail += "; every one passes " + Join(e.via);
    if (!e.avoid.empty()) r.detail += "; none passes " + Join(e.avoid);
    return r;
  }

  const Model& model_;
  std::vector<std::string> unfollowed_;  // Model::Unfollowed
  Tracer tracer_;
  Solver solver_;
  const CheckOptions& options_;
  std::uint64_t paths_ = 0;
  PacketSet delivered_;
  PacketSet intermittent_;  // delivered only for some NAT port choices
  std::optional<Witnessed> counterexample_, example_, refusal_, intermittent_example_;
  int refusal_depth_ = -1;
  ReachResult zone_choices_;  // its zone_choices only: those of every origin's walk
};

}  // namespace

int CheckReport::Passed() const {
  return static_cast<int>(std::count_if(results.begin(), results.end(),
                                        [](const ExpectationResult& r) { return r.passed; }));
}

int CheckReport::Failed() const { return static_cast<int>(results.size()) - Passed(); }

int CheckReport::Warned() const {
  return static_cast<int>(
      std::count_if(results.begin(), results.end(),
                    [](const ExpectationResult& r) { return r.PassedWithWarnings(); }));
}

CheckReport RunChecks(const Model& model, const ForwardingGraph& graph,
                      const CheckOptions& options) {
  PacketSetManager manager;
  CheckReport report;
  for (const Expectation& e : model.expectations) {
    ExpectationRunner runner(model, graph, options);
    report.results.push_back(runner.Run(e));
  }
  for (const IgnoredResource& r : model.ignored_resources) {
    if (r.shapes_reachability) report.unmodelled.push_back(r);
  }
  report.load_warnings = model.warnings;
  return report;
}

}  // namespace vpcreach
