// `vpcreach check`: runs the scenario's expectations, exactly.
//
// Each expectation names a header space (from, to or everywhere, protocol, ports). The solver
// (solver.h) computes, for every origin of `from`, the exact set of requests of that space that
// are delivered and answered, path by path; the expectation is decided on those sets, so
// `reachable: false`, `only_to`, `via` and `avoid` hold for every packet of the space, not for a
// sample. Each result carries a witness traced by the tracer (the explainer): a delivered packet
// for a reachable expectation that holds, the counterexample for one that fails, or the most
// promising refused packet, with its blocking hops, when nothing arrives.
//
// A question that holds no packet at all (no address the origin can send from, or a destination
// with no address, such as a SageMaker workload without a VPC) proves nothing: it is reported as
// vacuous, not passed, with the reason. The instances of a training job without a VPC reach each
// other in SageMaker's network, which vpcreach does not model hop by hop but which filters
// nothing between them: `from` and `to` naming two instances of such a job (or the job) is
// answered as reachable through `sagemaker_network`, every request of the space delivered.
//
// A NAT gateway picks the source port of each connection itself (1024-65535; solver.h, tracer.h).
// `reachable` reads "some connection can succeed": a request is delivered when some choice of
// the NAT gateways on its path delivers it, so `reachable: false` is never proved while one
// does. A `reachable: true` expectation whose delivered requests include some that work only for
// part of the choices (a NACL that admits only part of 1024-65535 back, say) holds with a
// warning: `warnings` names the NAT gateway, the ports that fail and the rule that refuses them,
// traced on a request that works only sometimes; CI reports count it as a warning.
#ifndef VPCREACH_SIM_QUERY_CHECK_H_
#define VPCREACH_SIM_QUERY_CHECK_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/model.h"
#include "sim/forwarding_graph.h"
#include "sim/packet_set.h"
#include "sim/solver.h"
#include "sim/tracer.h"

namespace vpcreach {

struct CheckOptions {
  // Budget of delivered paths per origin; past it the expectation is "undecided".
  std::uint64_t max_paths = 100'000;
};

struct ExpectationResult {
  const Expectation* expectation = nullptr;  // points into the Model
  bool passed = false;
  bool undecided = false;   // a budget ran out: neither held nor failed
  bool vacuous = false;     // the question holds no packet: neither held nor failed
  std::string detail;       // one or two sentences for a person
  std::optional<TraceResult> witness;
  std::uint64_t paths = 0;  // delivered paths (classes of requests sharing one path)
  double delivered = 0;     // requests delivered and answered
  double asked = 0;         // requests in the expectation's header space
  // Requests delivered only for some of the NAT gateways' port choices, and the witness's
  // warnings about them (see above; empty when every delivered request works for every choice).
  double intermittent = 0;
  std::vector<TraceWarning> warnings;

  // Holds, but only for some of the NAT gateways' port choices.
  bool PassedWithWarnings() const { return passed && !warnings.empty(); }
};

struct CheckReport {
  std::vector<ExpectationResult> results;
  // The resources that shape reachability and are not modelled (Model::ignored_resources):
  // warnings beside the results, never silent.
  std::vector<IgnoredResource> unmodelled;
  // What the loader warned of (Model::warnings): the assumptions the answers rest on (a CIDR's
  // host bits dropped, a zone assumed, a group placed in another VPC, ...), as notes.
  std::vector<Diagnostic> load_warnings;
  int Passed() const;  // includes those passed with warnings
  int Failed() const;  // includes undecided and vacuous
  int Warned() const;  // passed with warnings
};

CheckReport RunChecks(const Model& model, const ForwardingGraph& graph,
                      const CheckOptions& options = {});

// The requests an expectation (or a reach/matrix question) asks about from `origin`: source in
// the origin's addresses, destination in `destinations`, the protocol, for tcp/udp the
// destination and source ports, and for icmp the types and codes.
PacketSet QuerySpace(const Origin& origin, const IpRangeSet& destinations, int protocol,
                     const std::optional<PortRange>& dst_ports, const PortRange& src_ports,
                     const IcmpTypeCode& icmp = {});

// "64512", "1.2e+20": a count of packets for people.
std::string FormatCount(double count);

// The packet of `set` a person would pick: the origin's address, destination port 443 or the
// lowest, source port 40000 when allowed; for icmp, echo request when allowed.
std::optional<Packet> PreferredWitness(const PacketSet& set);

}  // namespace vpcreach

#endif  // VPCREACH_SIM_QUERY_CHECK_H_
