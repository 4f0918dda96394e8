#include "sim/solver_state.h"

#include <algorithm>
#include <iterator>
#include <map>

namespace vpcreach::walk {
namespace {

// Part (keep_rest = false) and TakeAddresses (true).
std::optional<State> Split(State& s, Field f, std::uint64_t lo, std::uint64_t hi, bool keep_rest) {
  FieldRange hull = AddressHull(s, f);
  if (hi < hull.lo || lo > hull.hi || s.cond.IsEmpty()) return std::nullopt;
  if (lo <= hull.lo && hull.hi <= hi) {  // all of s
    State in = std::move(s);
    s.cond = PacketSet::Empty();
    return in;
  }
  PacketSet pred = ExprInRange(s.h, f, lo, hi);
  PacketSet inside = s.cond & pred;
  if (inside.IsEmpty()) return std::nullopt;
  State in = s;
  in.cond = std::move(inside);
  if (keep_rest) s.cond -= pred;
  const FieldExpr& e = s.h[f];
  if (e.kind == FieldExpr::Kind::kOriginal) {
    FieldRange& narrowed = e.field == Field::kSrc ? in.src_hull : in.dst_hull;
    narrowed = FieldRange{std::max<FieldWord>(hull.lo, lo), std::min<FieldWord>(hull.hi, hi)};
  }
  return in;
}

}  // namespace

std::vector<PathStep> ToVector(const Steps& steps) {
  std::vector<PathStep> out(static_cast<std::size_t>(Length(steps)));
  std::size_t i = out.size();
  for (const StepChain* c = steps.get(); c != nullptr; c = c->previous.get()) out[--i] = c->step;
  return out;
}

State ReplyOf(State request) {
  State r;
  r.cond = std::move(request.cond);
  r.src_hull = request.src_hull;
  r.dst_hull = request.dst_hull;
  r.h = request.h.Reversed();
  r.choice = request.choice;
  r.nat_ports = std::move(request.nat_ports);
  r.sg_enis = std::move(request.sg_enis);
  r.nat = std::move(request.nat);
  r.is_return = true;
  r.forward_steps = std::move(request.steps);
  r.forward_arriving = request.h;
  return r;
}

std::optional<State> Take(State& s, const PacketSet& pred) {
  PacketSet inside = s.cond & pred;
  if (inside.IsEmpty()) return std::nullopt;
  State in = s;
  in.cond = std::move(inside);
  s.cond = s.cond - pred;
  return in;
}

FieldRange AddressHull(const State& s, Field f) {
  const FieldExpr& e = s.h[f];
  if (e.kind == FieldExpr::Kind::kConstant) return FieldRange{e.value, e.value};
  if (e.kind == FieldExpr::Kind::kOriginal && e.field == Field::kSrc) return s.src_hull;
  if (e.kind == FieldExpr::Kind::kOriginal && e.field == Field::kDst) return s.dst_hull;
  return FieldRange{0, 0xffffffff};
}

std::optional<State> TakeAddresses(State& s, Field f, std::uint64_t lo, std::uint64_t hi) {
  return Split(s, f, lo, hi, /*keep_rest=*/true);
}

std::optional<State> Part(State& s, Field f, std::uint64_t lo, std::uint64_t hi) {
  return Split(s, f, lo, hi, /*keep_rest=*/false);
}

bool HoldsChoice(const State& s) {
  return std::any_of(std::begin(s.h.fields), std::end(s.h.fields),
                     [](const FieldExpr& e) { return e.kind == FieldExpr::Kind::kChosen; });
}

std::vector<FieldRange> ChoicePieces(const FieldRange& choice, std::vector<std::uint32_t> cuts) {
  std::sort(cuts.begin(), cuts.end());
  std::vector<FieldRange> pieces;
  std::uint64_t lo = choice.lo;
  for (std::uint32_t c : cuts) {
    if (c <= lo || c > choice.hi) continue;
    pieces.push_back(FieldRange{lo, c - 1u});
    lo = c;
  }
  pieces.push_back(FieldRange{lo, choice.hi});
  return pieces;
}

State WithChoice(State s, const FieldRange& piece) {
  s.choice = piece;
  for (FieldExpr& e : s.h.fields) {
    if (e.kind == FieldExpr::Kind::kChosen) e.value = piece.lo;
  }
  return s;
}

namespace {

bool SameSteps(const Steps& a, const Steps& b) {
  const StepChain* x = a.get();
  const StepChain* y = b.get();
  for (; x != y; x = x->previous.get(), y = y->previous.get()) {
    if (x == nullptr || y == nullptr || x->length != y->length) return false;
    const PathStep& p = x->step;
    const PathStep& q = y->step;
    if (p.component != q.component || p.kind != q.kind || p.decision != q.decision) return false;
  }
  return true;
}

}  // namespace

void JoinAlike(std::vector<State>* out, State t) {
  for (State& o : *out) {
    if (o.choice.hi + 1 == t.choice.lo && o.cond == t.cond && o.sg_enis == t.sg_enis &&
        SameSteps(o.steps, t.steps)) {
      o.choice.hi = t.choice.hi;
      return;
    }
  }
  out->push_back(std::move(t));
}

PacketSet SameValue(const State& s, Field f, const FieldExpr& want) {
  using Kind = FieldExpr::Kind;
  const FieldExpr& e = s.h[f];
  bool chosen = e.kind == Kind::kChosen;
  if (chosen && want.kind == Kind::kChosen) return PacketSet::All();
  if (want.kind == Kind::kChosen) {
    // An entry's chosen port is the live choice until the reply is translated back: cannot
    // happen.
    return PacketSet::Empty();
  }
  if (!chosen) return ExprEquals(s.h, f, want);
  SymbolicHeader h = s.h;
  h[f] = want;
  return ExprInRange(h, f, s.choice.lo, s.choice.hi);
}

}  // namespace vpcreach::walk

namespace vpcreach {

PacketSet ReachResult::DeliveredForEveryNatPort() const {
  // The classes through NAT gateways, by the number of choices on their path (a request's path,
  // and so that number, does not depend on its ports). In each group, a request is delivered for
  // every choice when every cell of the choices (cut at the ends of every class's intervals:
  // inside a cell a class holds all of it or none) has a class holding the request.
  PacketSet out;
  std::map<std::size_t, std::vector<const DeliveredClass*>> groups;
  for (const DeliveredClass& c : classes) {
    bool every = std::all_of(c.nat_ports.begin(), c.nat_ports.end(), [](const FieldRange& r) {
      return r.lo <= kNatPortFirst && r.hi >= kNatPortLast;
    });
    if (every) {
      out |= c.packets;
    } else {
      groups[c.nat_ports.size()].push_back(&c);
    }
  }
  for (const auto& [dimensions, group] : groups) {
    std::vector<std::vector<std::uint64_t>> starts(dimensions);
    for (std::size_t k = 0; k < dimensions; ++k) {
      std::vector<std::uint64_t>& s = starts[k];
      s.push_back(kNatPortFirst);
      for (const DeliveredClass* c : group) {
        s.push_back(c->nat_ports[k].lo);
        if (c->nat_ports[k].hi < kNatPortLast) s.push_back(c->nat_ports[k].hi + 1);
      }
      std::sort(s.begin(), s.end());
      s.erase(std::unique(s.begin(), s.end()), s.end());
    }
    PacketSet always;
    for (const DeliveredClass* c : group) always |= c->packets;
    always |= out;  // a request on a path that holds every choice is delivered either way
    std::vector<std::size_t> at(dimensions, 0);  // the cell: an index into each dimension's starts
    while (!always.IsEmpty()) {
      PacketSet here = out;
      for (const DeliveredClass* c : group) {
        bool holds = true;
        for (std::size_t k = 0; k < dimensions && holds; ++k) {
          std::uint64_t lo = starts[k][at[k]];
          holds = c->nat_ports[k].lo <= lo && lo <= c->nat_ports[k].hi;
        }
        if (holds) here |= c->packets;
      }
      always &= here;
      std::size_t k = 0;
      while (k < dimensions && ++at[k] == starts[k].size()) at[k++] = 0;
      if (k == dimensions) break;
    }
    out |= always;
  }
  return out;
}

}  // namespace vpcreach
