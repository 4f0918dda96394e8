#include "sim/solver_state.h"

#include <algorithm>

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
    narrowed = FieldRange{std::max(hull.lo, lo), std::min(hull.hi, hi)};
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

}  // namespace vpcreach::walk
