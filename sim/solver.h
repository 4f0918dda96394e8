// The exact packet-path solver: every packet of a set, sent from one origin, pushed through the
// forwarding graph along every path at once.
//
// The solver follows the tracer's semantics step for step (tracer.h is its specification and its
// oracle: tests/differential_test.cc checks that the tracer delivers a packet exactly when the
// solver's set holds it), but on sets: at each security group, NACL, route table and gateway the
// set splits into the packets each rule or route takes, and a blocked part is dropped.
//
// Sets are kept over the packets *as sent* (the original header), and the header as it is at the
// current hop is a SymbolicHeader: each field is the original value of some field, a constant (a
// NAT or IGW rewrite), or a NAT gateway's choice of source port. A filter on the
// current header is turned into a PacketSet over the original header, so rewrites cost nothing and
// the reply, whose header is the swapped request, stays in terms of the request: "delivered and
// answered" is one set of requests. Stateful devices (security groups, NAT gateways) remember per
// path what they admitted and translated, exactly as the tracer's connection table does.
//
// A DeliveredClass is one path: the requests that take it, where they end, and the steps with the
// rule or route that decided each.
//
// A NAT gateway picks the translated port of a tcp/udp connection itself, anywhere in
// 1024-65535 (tracer.h). A path through one stands for an interval of those choices, split where
// a filter that reads the chosen port (on the reply's way back to the NAT gateway) tells choices
// apart; each class records the intervals of its path (`nat_ports`). A request is delivered when
// some choice delivers it (Delivered(): the union of the classes), and delivered whatever the NAT
// gateways choose only when its classes' intervals cover 1024-65535
// (DeliveredForEveryNatPort()); between the two, the connection works only sometimes.
//
// Budgets: BuDDy's node table (PacketSetManager) and SolverOptions::max_classes; exceeding either
// sets ReachResult::budget_exceeded, and the result must then not be read as complete.
#ifndef VPCREACH_SIM_SOLVER_H_
#define VPCREACH_SIM_SOLVER_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "model/model.h"
#include "sim/endpoint.h"
#include "sim/forwarding_graph.h"
#include "sim/packet_set.h"
#include "sim/symbolic_header.h"

namespace vpcreach {

struct PathStep {
  std::string component;
  std::string kind;      // kKind* (model.h)
  std::string decision;  // as the tracer words it: "0.0.0.0/0 -> nat-a", "egress tcp 443 ..."
};

struct DeliveredClass {
  // Requests (as sent) that take this path, delivered and answered (with one_class_per_eni, see
  // there: possibly to other ENIs of the same subnet too).
  PacketSet packets;
  Delivery delivery;        // kind and index; `address` is unused (see `arriving`)
  SymbolicHeader arriving;  // the request's header where it is delivered
  std::vector<PathStep> forward;
  std::vector<PathStep> reverse;
  std::string encapsulation;  // as TraceResult::encapsulation
  // The NAT gateways' port choices that take this path, one interval per NAT gateway that
  // translated the request, in the order they translated the reply back (empty: none did).
  std::vector<FieldRange> nat_ports;

  // Whether the request's path (`forward`: from the origin to where it is delivered, not the
  // reply's) passes a component with this id or of this kind: what `via:` and `avoid:` read.
  bool Passes(const std::string& component_or_kind) const;
};

// Where the most promising refused packets stopped: the deepest block seen.
struct Refusal {
  PacketSet packets;
  int depth = -1;  // steps walked before the block
  std::string code;
  std::string component;
};

struct SolverOptions {
  bool deliver_to_subnet_hosts = false;  // as TraceOptions
  int max_hops = 64;                     // as TraceOptions
  std::size_t max_classes = 100'000;     // delivered paths per Reach call
  // Record the steps of each path (the rule or route that decided each). Off, a path is only
  // its packets and where they end, and each filter is applied as one precomputed set (what
  // `matrix` needs, many times faster); DeliveredClass::forward/reverse are then empty and
  // ReachResult::refusal is not filled.
  bool record_steps = true;
  // When set, requests are followed only where they can still be delivered to this endpoint:
  // a request on its way to another ENI, subnet or the outside is dropped there, unexplored (and
  // not counted as refused). What is delivered to `destination` is the same with or without
  // it (Solver::DeliveredTo); the other classes are missing. Must outlive the Reach call.
  const Endpoint* destination = nullptr;
  // Stop at the first class delivered to each ENI: requests to an ENI that has a class, and
  // replies whose request reached one, are not followed further. Which ENIs get a class is the
  // same as without it (what `matrix` needs); the classes' packets are then only part of what
  // reaches them, and without steps the ENIs of a subnet are answered in batches whose classes
  // each carry the whole batch's delivered requests, its neighbours' included
  // (Solver::DeliveredTo picks an ENI's own). Deliveries outside or to subnet hosts are all
  // explored.
  bool one_class_per_eni = false;
  // Load balancers followed in a row toward `destination` (sim/hops/load_balancer.h); 0 stops
  // at a balancer.
  int max_proxies = 2;
};

struct ReachResult {
  std::vector<DeliveredClass> classes;
  Refusal refusal;
  bool budget_exceeded = false;
  // The transit gateway attachments in appliance mode, with subnets in several zones, that some
  // request or reply of the walk left a transit gateway by (sim/hops/transit_gateway.h): the
  // transit gateway picks one of their zones per flow and the walk follows one, so a claim
  // about every packet is not proved beside them. Sorted, unique.
  std::vector<std::string> zone_choices;
  // Adds the zone choices of `other` (a leg of the same question).
  void AddZoneChoices(const std::vector<std::string>& other);

  PacketSet Delivered() const;  // union of the classes' packets
  // The requests delivered whatever port the NAT gateways on their path choose (those that pass
  // none included): the others of Delivered() are delivered only for some choices.
  PacketSet DeliveredForEveryNatPort() const;
};

// Lookups the walk needs on every step, computed once per model (solver.cc).
struct SolverTables;

class Solver {
 public:
  // Both must outlive the solver; a PacketSetManager must exist.
  Solver(const Model& model, const ForwardingGraph& graph);
  ~Solver();

  // Every request of `packets` (intersected with the origin's addresses and the universe) sent
  // from `origin`: the paths on which they are delivered and their replies return.
  ReachResult Reach(const Origin& origin, const PacketSet& packets,
                    const SolverOptions& options = {}) const;

  // The requests of `c` that end at `endpoint` (by ENI, subnet host or outside address).
  PacketSet DeliveredTo(const DeliveredClass& c, const Endpoint& endpoint) const;

  const Model& model() const { return model_; }

 private:
  // Reach without the load balancers' proxied classes (sim/hops/load_balancer.h).
  ReachResult ReachDirect(const Origin& origin, const PacketSet& asked,
                          const SolverOptions& options) const;

  const Model& model_;
  const ForwardingGraph& graph_;
  std::unique_ptr<const SolverTables> tables_;
};

}  // namespace vpcreach

#endif  // VPCREACH_SIM_SOLVER_H_
