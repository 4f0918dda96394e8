#include "sim/symbolic_header.h"

#include <algorithm>

#include "model/model.h"

namespace vpcreach {

SymbolicHeader SymbolicHeader::Identity() {
  SymbolicHeader h;
  for (int i = 0; i < kFieldCount; ++i) {
    h.fields[i] = FieldExpr::Original(static_cast<Field>(i));
  }
  return h;
}

SymbolicHeader SymbolicHeader::Reversed() const {
  SymbolicHeader r = *this;
  std::swap(r[Field::kSrc], r[Field::kDst]);
  std::swap(r[Field::kSrcPort], r[Field::kDstPort]);
  return r;
}

namespace {

std::uint64_t Evaluate(const FieldExpr& e, const Packet& p) {
  switch (e.kind) {
    case FieldExpr::Kind::kConstant:
    case FieldExpr::Kind::kChosen:
      return e.value;
    case FieldExpr::Kind::kOriginal:
      return FieldValue(p, e.field);
  }
  return 0;
}

}  // namespace

Packet SymbolicHeader::Apply(const Packet& p) const {
  Packet out;
  out.protocol = static_cast<int>(Evaluate((*this)[Field::kProtocol], p));
  out.dst = static_cast<Ipv4>(Evaluate((*this)[Field::kDst], p));
  out.src = static_cast<Ipv4>(Evaluate((*this)[Field::kSrc], p));
  out.dst_port = static_cast<std::uint16_t>(Evaluate((*this)[Field::kDstPort], p));
  out.src_port = static_cast<std::uint16_t>(Evaluate((*this)[Field::kSrcPort], p));
  return out;
}

std::optional<PacketSet> SymbolicHeader::Image(const PacketSet& originals) const {
  PacketSet out = originals;
  for (int i = 0; i < kFieldCount; ++i) {
    const FieldExpr& e = fields[i];
    Field f = static_cast<Field>(i);
    switch (e.kind) {
      case FieldExpr::Kind::kOriginal:
        if (e.field != f) return std::nullopt;
        break;
      case FieldExpr::Kind::kConstant:
        out = out.Rewrite(f, e.value);
        break;
      case FieldExpr::Kind::kChosen:
        // On the way to the destination nothing has read the choice yet: any of the ports.
        if (f != Field::kSrcPort) return std::nullopt;
        out = out.Forget(f) & PacketSet::Range(f, kNatPortFirst, kNatPortLast);
        break;
    }
  }
  return out;
}

PacketSet ExprInRange(const SymbolicHeader& h, Field f, std::uint64_t lo, std::uint64_t hi) {
  const FieldExpr& e = h[f];
  switch (e.kind) {
    case FieldExpr::Kind::kConstant:
    case FieldExpr::Kind::kChosen:
      return e.value >= lo && e.value <= hi ? PacketSet::All() : PacketSet::Empty();
    case FieldExpr::Kind::kOriginal:
      return PacketSet::Range(e.field, lo, hi);
  }
  return PacketSet::Empty();
}

PacketSet ExprInAddresses(const SymbolicHeader& h, Field f, const IpRangeSet& addresses) {
  const FieldExpr& e = h[f];
  if (e.kind != FieldExpr::Kind::kOriginal) {
    return e.value <= 0xffffffffu && addresses.Contains(static_cast<Ipv4>(e.value)) ? PacketSet::All()
                                                                                    : PacketSet::Empty();
  }
  return PacketSet::Addresses(e.field, addresses);
}

PacketSet ExprEquals(const SymbolicHeader& h, Field f, const FieldExpr& other) {
  using Kind = FieldExpr::Kind;
  const FieldExpr& e = h[f];
  if (e == other) return PacketSet::All();
  if (other.kind != Kind::kOriginal) return ExprInRange(h, f, other.value, other.value);
  SymbolicHeader swapped = h;
  swapped[f] = other;
  if (e.kind != Kind::kOriginal) return ExprInRange(swapped, f, e.value, e.value);
  // Two different original fields: the solver never compares those (a reply's field is compared
  // with the request's own), see Walk::ReplyArrived.
  return PacketSet::Empty();
}

}  // namespace vpcreach
