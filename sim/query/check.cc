#include "sim/query/check.h"

#include <algorithm>

#include "sim/endpoint.h"
#include "sim/header_space.h"

namespace vpcreach {
namespace {

// A concrete packet whose trace is a better illustration than `current`: prefer traces that got
// further (arrived past blocked filters) and then those with fewer blocking hops.
bool MorePromising(const TraceResult& candidate, const std::optional<TraceResult>& current) {
  if (!current) return true;
  if (candidate.forward_arrived != current->forward_arrived) return candidate.forward_arrived;
  if (candidate.explanations.size() != current->explanations.size()) {
    return candidate.explanations.size() < current->explanations.size();
  }
  return candidate.forward.size() + candidate.reverse.size() >
         current->forward.size() + current->reverse.size();
}

std::string Describe(const Packet& p) { return FormatPacket(p); }

std::string Join(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& s : items) out += (out.empty() ? "" : ", ") + s;
  return out;
}

bool IsAmazonProvidedDelivery(const TraceResult& t) {
  return t.delivery.kind == DeliveryKind::kAmazonProvided;
}

class ExpectationRunner {
 public:
  ExpectationRunner(const Model& model, const ForwardingGraph& graph, const Boundaries& boundaries,
                    const CheckOptions& options)
      : model_(model), tracer_(model, graph), boundaries_(boundaries), options_(options) {}

  ExpectationResult Run(const Expectation& e) {
    ExpectationResult result;
    result.expectation = &e;
    std::string error;
    std::optional<Endpoint> from = ResolveEndpoint(model_, e.from, &error);
    if (!from) return Fail(std::move(result), error);
    std::vector<Endpoint> targets;
    if (e.only_to.empty()) {
      std::optional<Endpoint> to = ResolveEndpoint(model_, e.to, &error);
      if (!to) return Fail(std::move(result), error);
      targets.push_back(*to);
    } else {
      for (const std::string& name : e.only_to) {
        std::optional<Endpoint> to = ResolveEndpoint(model_, name, &error);
        if (!to) return Fail(std::move(result), error);
        targets.push_back(*to);
      }
    }

    HeaderQuery query;
    query.protocol = e.protocol;
    query.src_ports = e.src_ports;
    query.dst_ports = e.ports.value_or(PortRange{});
    if (e.only_to.empty()) {
      query.destinations = targets.front().addresses;
    } else {
      query.destinations = IpRangeSet::All();  // every packet it can deliver, anywhere
    }
    TraceOptions trace_options;
    trace_options.deliver_to_subnet_hosts = e.only_to.empty() && targets.front().AcceptsSubnetHosts();

    std::vector<Origin> origins = from->Origins(model_);
    std::uint64_t total = 0;
    for (const Origin& o : origins) {
      query.sources = o.addresses;
      total += CountClasses(query, boundaries_);
    }
    if (total > options_.max_classes) {
      result.undecided = true;
      result.detail = "undecided: the header space has " + std::to_string(total) +
                      " classes, more than the budget of " +
                      std::to_string(options_.max_classes) + " (raise it with --max-classes)";
      return result;
    }

    std::optional<TraceResult> counterexample, example, promising;
    for (const Origin& o : origins) {
      query.sources = o.addresses;
      ForEachClass(query, boundaries_, [&](const Packet& p) {
        TraceResult t = tracer_.Trace(o, p, trace_options);
        ++result.classes;
        bool to_target = false;
        for (const Endpoint& target : targets) to_target = to_target || target.Matches(model_, t.delivery);
        if (!t.delivered) {
          if (e.only_to.empty() && MorePromising(t, promising)) promising = std::move(t);
          return true;
        }
        if (!e.only_to.empty()) {
          if (IsAmazonProvidedDelivery(t)) return true;  // not filterable; disregarded
          ++result.delivered;
          if (!to_target && !counterexample) counterexample = std::move(t);
          return true;
        }
        if (!to_target) return true;  // delivered somewhere else (not this endpoint)
        ++result.delivered;
        std::set<std::string> passed = t.Components();
        bool ok = true;
        for (const std::string& v : e.via) ok = ok && passed.count(v) > 0;
        for (const std::string& a : e.avoid) ok = ok && passed.count(a) == 0;
        if (!ok && !counterexample) counterexample = t;
        if (!example) example = std::move(t);
        return true;
      });
    }
    return Judge(e, std::move(result), std::move(counterexample), std::move(example),
                 std::move(promising));
  }

 private:
  ExpectationResult Fail(ExpectationResult result, const std::string& message) {
    result.passed = false;
    result.detail = message;
    return result;
  }

  ExpectationResult Judge(const Expectation& e, ExpectationResult r,
                          std::optional<TraceResult> counterexample,
                          std::optional<TraceResult> example,
                          std::optional<TraceResult> promising) {
    std::string space = std::to_string(r.classes) + " header classes";
    if (!e.only_to.empty()) {
      r.passed = !counterexample.has_value();
      if (r.passed) {
        r.detail = "all " + std::to_string(r.delivered) + " delivered classes of " + space +
                   " end at " + Join(e.only_to);
      } else {
        r.detail = "delivers outside " + Join(e.only_to) + ": " +
                   Describe(counterexample->packet);
        r.witness = std::move(counterexample);
      }
      return r;
    }
    bool reachable = r.delivered > 0;
    if (*e.reachable) {
      if (!reachable) {
        r.passed = false;
        r.detail = "unreachable: none of " + space + " is delivered and answered";
        r.witness = std::move(promising);
        return r;
      }
      if (counterexample) {
        r.passed = false;
        std::vector<std::string> missing, present;
        std::set<std::string> passed = counterexample->Components();
        for (const std::string& v : e.via) {
          if (!passed.count(v)) missing.push_back(v);
        }
        for (const std::string& a : e.avoid) {
          if (passed.count(a)) present.push_back(a);
        }
        r.detail = Describe(counterexample->packet) + " is delivered";
        if (!missing.empty()) r.detail += " without passing " + Join(missing);
        if (!present.empty()) {
          r.detail += std::string(missing.empty() ? "" : " and") + " through " + Join(present);
        }
        r.witness = std::move(counterexample);
        return r;
      }
      r.passed = true;
      r.detail = "reachable: " + std::to_string(r.delivered) + " of " + space +
                 " delivered, for example " + Describe(example->packet);
      if (!e.via.empty()) r.detail += "; every one passes " + Join(e.via);
      if (!e.avoid.empty()) r.detail += "; none passes " + Join(e.avoid);
      r.witness = std::move(example);
      return r;
    }
    if (reachable) {
      r.passed = false;
      r.detail = "reachable: " + std::to_string(r.delivered) + " of " + space +
                 " delivered, for example " + Describe(example->packet);
      r.witness = std::move(example);
      return r;
    }
    r.passed = true;
    r.detail = "unreachable: none of " + space + " is delivered and answered";
    r.witness = std::move(promising);
    return r;
  }

  const Model& model_;
  Tracer tracer_;
  const Boundaries& boundaries_;
  const CheckOptions& options_;
};

}  // namespace

int CheckReport::Passed() const {
  return static_cast<int>(std::count_if(results.begin(), results.end(),
                                        [](const ExpectationResult& r) { return r.passed; }));
}

int CheckReport::Failed() const { return static_cast<int>(results.size()) - Passed(); }

CheckReport RunChecks(const Model& model, const ForwardingGraph& graph,
                      const CheckOptions& options) {
  Boundaries boundaries = CollectBoundaries(model);
  ExpectationRunner runner(model, graph, boundaries, options);
  CheckReport report;
  for (const Expectation& e : model.expectations) report.results.push_back(runner.Run(e));
  return report;
}

}  // namespace vpcreach
