// What the tracer's and the solver's walks offer the hop kinds of sim/hops/ whose step sits in the
// middle of a walk (a route to a peering connection hands the packet to another VPC, ...): the
// few moves such a step makes, so that each kind's semantics live in its own file, tracer step
// and solver step side by side, and sim/tracer.cc and sim/solver.cc keep one dispatch call per
// place. The walks (tracer.cc's and solver.cc's Walk) implement these; a hop never outlives the
// call that hands it the walk.
#ifndef VPCREACH_SIM_HOPS_HOP_STEPS_H_
#define VPCREACH_SIM_HOPS_HOP_STEPS_H_

#include <functional>
#include <string>
#include <utility>

#include "model/model.h"
#include "sim/forwarding_graph.h"
#include "sim/packet.h"
#include "sim/packet_set.h"
#include "sim/solver_filters.h"
#include "sim/solver_state.h"
#include "sim/solver_tables.h"
#include "sim/tracer.h"

namespace vpcreach {

// A hop of `p` at `component` (of kind `kind`), decided as `decision`.
inline Hop HopAt(const std::string& component, const char* kind, std::string decision,
                 const Packet& p) {
  Hop h;
  h.component = component;
  h.kind = kind;
  h.decision = std::move(decision);
  h.packet = p;
  return h;
}

// How a forward walk left the VPCs (the tracer's and the solver's alike), so that the reply starts
// from the same place: a host of a subnet, the internet or a public service, an internet gateway,
// a gateway endpoint, SageMaker's own network, an Amazon-provided service (DNS, metadata, time
// sync), a VPN connection to on-premises.
enum class Exit {
  kNone,
  kHost,
  kOutside,
  kInternetGateway,
  kGatewayEndpoint,
  kSageMaker,
  kAmazonProvided,
  kVpn,
};

// The tracer's walk, one packet in one direction.
class TracerSteps {
 public:
  virtual ~TracerSteps() = default;
  // Records `hop` at vertex (kind, index), moving along the graph edge that must exist.
  virtual void MoveTo(NodeKind kind, Index index, Hop hop) = 0;
  // Records `hop` as the place where the packet is dropped, with its explanation code; a routing
  // or gateway refusal: the step returns false after it.
  virtual void Refuse(Hop hop, const std::string& code, const std::string& message) = 0;
  // The packet enters `subnet` from outside it (its NACL inbound) and goes to its destination
  // there, as after the local route. False when it does not arrive.
  virtual bool EnterSubnet(Index subnet, const Packet& p) = 0;
  // The NACL of `subnet` for `p` (a soft block: the walk goes on, as for every filter).
  virtual void Nacl(Index subnet, const Packet& p, bool ingress) = 0;
  // The packet appears in `subnet`, coming from vertex (kind, index), and the subnet's route
  // table routes it on. False when it does not arrive.
  virtual bool RouteFrom(Index subnet, const Packet& p, NodeKind kind, Index index) = 0;
  // The packet leaves virtual private gateway `vgw` for on-premises and is delivered there (its
  // reply comes back in by the same gateway).
  virtual bool DeliverOnPremises(Index vgw, const Packet& p) = 0;
};

// The solver's walk: the requests of a path state, split and pushed on.
class SolverSteps {
 public:
  virtual ~SolverSteps() = default;
  virtual const Model& model() const = 0;
  virtual const SolverTables& tables() const = 0;
  virtual const HeaderSets& sets() const = 0;
  // Records a step of the path (when steps are recorded).
  virtual void Step(walk::State& s, const std::string& component, const char* kind,
                    std::string decision) = 0;
  // Keeps the part of s inside `pred`, refusing the rest with `code` at `component`; false when
  // nothing is left.
  virtual bool Keep(walk::State& s, const PacketSet& pred, const char* code,
                    const std::string& component) = 0;
  // Whether a refusal on this path could still be the one recorded (else it need not be
  // computed), and the refusal of `part`.
  virtual bool Refusable(const walk::State& s) const = 0;
  virtual void Refuse(const walk::State& s, const PacketSet& part, const char* code,
                      const std::string& component) = 0;
  // The requests of s enter `subnet` from outside it (its NACL inbound) and go to their
  // destinations there, as after the local route; requests the question does not want there
  // are dropped unexplored.
  virtual void EnterSubnet(Index subnet, walk::State s) = 0;
  // The NACL of `subnet` splits s; what it admits goes on to `next`.
  virtual void NaclThen(Index subnet, walk::State s, bool ingress,
                        const std::function<void(walk::State)>& next) = 0;
  // The requests of s appear in `subnet` and its route table routes them on.
  virtual void RouteFrom(Index subnet, walk::State s) = 0;
  // The requests of s leave virtual private gateway `vgw` for on-premises and are delivered
  // there (requests the question does not want there are dropped unexplored).
  virtual void DeliverOnPremises(Index vgw, walk::State s) = 0;
  // The walk follows one of the choices AWS makes per flow at `component` (ReachResult::
  // zone_choices).
  virtual void FollowsOneChoice(const std::string& component) = 0;
};

}  // namespace vpcreach

#endif  // VPCREACH_SIM_HOPS_HOP_STEPS_H_
