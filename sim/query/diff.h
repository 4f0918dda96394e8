// `vpcreach diff`: which flows a change to the network opens or closes, exactly.
//
// Sources are every ENI present in either version (matched by id), the catalog's services
// (`internet`, `pypi`, ...) as outside origins, and the SageMaker workloads without a VPC. For
// each source and each version, the solver (solver.h, without steps) computes the set of requests
// that are delivered and answered, split by destination: the ENI delivered to (by id), the
// service whose range holds the destination address (the most specific one), `amazon-provided`
// or `outside`. The sets are over request headers, so they compare across versions:
//   opened(src, dst) = after(src, dst) - before(src, dst)
//   closed(src, dst) = before(src, dst) - after(src, dst)
// Every request whose fate changed lies in exactly the changes of its source that name its old
// and new destination, and every reported change holds at least one request (no empty change).
// A source or destination that exists in one version only has all its traffic opened or closed.
//
// Each change carries a witness (PreferredWitness) traced in both versions, and the changed
// components (model_diff.h) on the witness's path: for an opened flow the AFTER trace's hops and
// the BEFORE trace's blocking hops; for a closed one the BEFORE trace's hops and the AFTER trace's
// blocking hops. An ENI's hop stands for all of its security groups.
//
// Restriction (DiffOptions::restrict_to_affected): when every component change is filters_only
// (security groups, group lists), only the ENIs whose filtering changed ("affected": those
// carrying a changed group, those whose group list changed, those carrying a group that names a
// group whose members changed) see different verdicts, unless one of them forwards as a route
// target (then the diff runs in full). Sources that are affected are re-solved over every
// request; every other source only over the requests addressed to the affected ENIs' private and
// public addresses: a request of an unaffected source to any other address meets the same
// filters, routes and gateways in both versions. The result equals the full diff (tested on
// generated networks).
#ifndef VPCREACH_SIM_QUERY_DIFF_H_
#define VPCREACH_SIM_QUERY_DIFF_H_

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "model/model.h"
#include "sim/forwarding_graph.h"
#include "sim/packet_set.h"
#include "sim/query/model_diff.h"
#include "sim/tracer.h"

namespace vpcreach {

enum class FlowChangeKind { kOpened, kClosed };

struct FlowChange {
  FlowChangeKind kind = FlowChangeKind::kOpened;
  std::string source;       // ENI id, service name, or SageMaker workload id
  std::string destination;  // ENI id, service name, "amazon-provided" or "outside"
  PacketSet packets;        // the requests (as sent) whose fate changed; never empty
  double count = 0;         // packets.Count() within the universe
  std::vector<std::string> ports;    // protocols and destination ports: "tcp 80", "all but tcp 443"
  std::vector<std::string> headers;  // readable cubes, as `reach` shows them
  bool headers_truncated = false;
  Packet witness;
  std::optional<TraceResult> before;  // the witness traced in BEFORE (nullopt: no such source)
  std::optional<TraceResult> after;   // and in AFTER
  std::vector<std::size_t> causes;    // into DiffResult::components.changes
  bool causes_on_path = false;        // false: none was on the path; `causes` lists them all

  // "opened: notebook -> internet tcp 80 (sg pip: new egress rule tcp 80 0.0.0.0/0)".
  std::string Headline(const ModelDiff& components) const;
};

struct DiffOptions {
  // Endpoint names (as --from/--to take them): sources and destinations are restricted to them.
  std::vector<std::string> scope;
  bool restrict_to_affected = true;  // see the header comment
  std::size_t max_paths = 1'000'000;  // delivered paths per solver run
  // Called after each source (done, total); may be empty.
  std::function<void(std::size_t, std::size_t)> progress;
};

struct DiffResult {
  ModelDiff components;
  std::vector<FlowChange> changes;  // by source, destination, opened before closed
  std::size_t sources = 0;          // sources compared
  std::size_t full_sources = 0;     // of them, re-solved over every request
  std::size_t affected_enis = 0;    // restricted mode: ENIs whose filtering changed
  std::size_t solver_runs = 0;
  bool restricted = false;          // the restriction applied
  bool budget_exceeded = false;     // the result is incomplete

  bool Changed() const { return !changes.empty(); }
  std::size_t Opened() const;
  std::size_t Closed() const;
};

// nullopt and `error` for a scope name that neither version knows.
std::optional<DiffResult> RunDiff(const Model& before, const ForwardingGraph& before_graph,
                                  const Model& after, const ForwardingGraph& after_graph,
                                  const DiffOptions& options, std::string* error);

// Where a delivery ends, as a destination of a FlowChange; `address` is the destination address
// the packet arrived with (Delivery::address for a trace). "" for kNone.
std::string DestinationName(const Model& model, const Delivery& delivery);

}  // namespace vpcreach

#endif  // VPCREACH_SIM_QUERY_DIFF_H_
