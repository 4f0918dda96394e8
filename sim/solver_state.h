// One path of the solver's walk (solver.cc): the requests still on it, what the path has done to
// them (the header as a function of the original one, the connections security groups and NAT
// gateways remember, the steps), and the ways to split it: by a set, or by an address interval
// of the current header, where intervals that hold the original addresses (the hulls) decide
// many splits without a set operation.
#ifndef VPCREACH_SIM_SOLVER_STATE_H_
#define VPCREACH_SIM_SOLVER_STATE_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include <boost/container/small_vector.hpp>

#include "model/ip.h"
#include "model/model.h"
#include "sim/endpoint.h"
#include "sim/packet_set.h"
#include "sim/solver.h"
#include "sim/symbolic_header.h"

namespace vpcreach::walk {

// What a NAT gateway remembers of a request it translated, to translate the reply back.
struct NatEntry {
  Index nat = kNone;
  FieldExpr inside_ip;
  FieldExpr inside_port;
  FieldExpr nat_port;  // kChosen for tcp/udp (its interval is the path's `choice` meanwhile)
  // When inside_port is itself an earlier NAT gateway's choice (two NAT gateways on the way):
  // that choice's interval, the path's `choice` again once the reply is translated back here.
  FieldRange inside_choice{0, 0};
};

// The steps of a path so far, as a chain that the paths splitting from it share: a split copies
// a pointer, not the steps.
struct StepChain {
  PathStep step;
  std::shared_ptr<const StepChain> previous;
  int length = 0;  // steps up to and including this one
};
using Steps = std::shared_ptr<const StepChain>;

inline int Length(const Steps& steps) { return steps ? steps->length : 0; }
// The steps, first to last.
std::vector<PathStep> ToVector(const Steps& steps);

// One path's state: the requests still on it and what the path has done to them.
struct State {
  PacketSet cond;
  // Intervals that hold every original source and destination address of cond (not exact: a
  // set split by something else keeps its interval). A lookup by address visits only the
  // entries inside, and skips the set operations that could only give nothing.
  FieldRange src_hull{0, 0xffffffff};
  FieldRange dst_hull{0, 0xffffffff};
  SymbolicHeader h;
  // The NAT gateway's port choices this path stands for, when a field of h is kChosen (at most
  // one is: see Walk::NatForward): every choice in the interval behaves alike on the path so
  // far, and h's representative is its lo. `nat_ports` keeps the intervals of the choices
  // already translated back, in that order.
  FieldRange choice{0, 0};
  std::vector<FieldRange> nat_ports;  // usually empty: a vector moves and copies cheaply then
  // Inline up to a few entries: a path is copied at every split.
  boost::container::small_vector<Index, 4> sg_enis;  // ENIs whose groups admitted the request
  boost::container::small_vector<NatEntry, 2> nat;
  Steps steps;  // this leg's
  boost::container::small_vector<Index, 2> nats_seen;  // this leg's
  int hops = 0;
  bool is_return = false;
  // Set when the reply leg starts.
  Steps forward_steps;
  Delivery forward_delivery;
  SymbolicHeader forward_arriving;
  // A reply from several ENIs of this subnet at once (solver.cc, LocalBatches): forward_delivery is
  // then none, and each request's ENI is the one its original destination names.
  Index batch_subnet = kNone;
};

// The reply leg of requests that arrived: the same requests, the header reversed, what the
// stateful devices remember, the request's steps and its header where it arrived.
State ReplyOf(State request);

// Splits s.cond by `pred`: the part inside as a state of its own (nullopt when empty, without
// copying the path); s keeps the rest.
std::optional<State> Take(State& s, const PacketSet& pred);

// The interval that holds the values of the current address field `f` over s.cond.
FieldRange AddressHull(const State& s, Field f);

// Take for "the current address field `f` is in [lo, hi]": without a set operation when the
// field's interval shows the answer, and the part taken knows its narrower interval.
std::optional<State> TakeAddresses(State& s, Field f, std::uint64_t lo, std::uint64_t hi);
inline std::optional<State> TakeCidr(State& s, Field f, const Cidr& c) {
  return TakeAddresses(s, f, c.First(), c.Last());
}

// For splitting s over disjoint intervals of the current address field: the part in [lo, hi] as
// a state of its own, leaving s whole (or empty, when the part is all of it). Subtracting each
// part from s would rebuild s's set once per part; the caller removes them all at once when it
// needs the rest.
std::optional<State> Part(State& s, Field f, std::uint64_t lo, std::uint64_t hi);
inline std::optional<State> PartCidr(State& s, Field f, const Cidr& c) {
  return Part(s, f, c.First(), c.Last());
}

// ---- a NAT gateway's port choice ---------------------------------------------------------------

// Whether a field of s's header is a NAT gateway's choice, and whether a filter reads it (the
// destination port: the reply on its way back to the NAT gateway).
bool HoldsChoice(const State& s);
inline bool ChoiceRead(const State& s) {
  return s.h[Field::kDstPort].kind == FieldExpr::Kind::kChosen;
}

// The pieces of `choice` that `cuts` (ports where some rule's range begins or ends) delimit,
// ascending; inside one piece every choice meets the same rules.
std::vector<FieldRange> ChoicePieces(const FieldRange& choice, std::vector<std::uint32_t> cuts);

// s, standing for the choices of `piece` only (its representative is the piece's lo).
State WithChoice(State s, const FieldRange& piece);

// Adds `t` (what a filter let through for one piece of the choices) to `out`, joined to an entry
// for the adjacent choices that came out alike (same requests, same steps, same groups): the
// pieces a filter treats alike become one path again.
void JoinAlike(std::vector<State>* out, State t);

// The requests of s whose current field `f` equals `want`, either of them possibly a NAT
// gateway's choice: equal for some choice of the path's interval. (Two choices on one path are
// never both live: they are the same one.)
PacketSet SameValue(const State& s, Field f, const FieldExpr& want);

}  // namespace vpcreach::walk

#endif  // VPCREACH_SIM_SOLVER_STATE_H_
