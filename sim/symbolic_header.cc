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

std::uint64_t Evaluate(const SymbolicHeader& h, const FieldExpr& e, const Packet& p) {
  switch (e.kind) {
    case FieldExpr::Kind::kConstant:
      return e.value;
    case FieldExpr::Kind::kOriginal:
      return FieldValue(p, e.field);
    case FieldExpr::Kind::kRemapped: {
      std::uint64_t v = FieldValue(p, e.field);
      std::uint64_t protocol = Evaluate(h, h[Field::kProtocol], p);
      bool ports = protocol == kTcp || protocol == kUdp;
      return ports && v < 1024 ? v + 1024 : v;
    }
  }
  return 0;
}

}  // namespace

Packet SymbolicHeader::Apply(const Packet& p) const {
  Packet out;
  out.protocol = static_cast<int>(Evaluate(*this, (*this)[Field::kProtocol], p));
  out.dst = static_cast<Ipv4>(Evaluate(*this, (*this)[Field::kDst], p));
  out.src = static_cast<Ipv4>(Evaluate(*this, (*this)[Field::kSrc], p));
  out.dst_port = static_cast<std::uint16_t>(Evaluate(*this, (*this)[Field::kDstPort], p));
  out.src_port = static_cast<std::uint16_t>(Evaluate(*this, (*this)[Field::kSrcPort], p));
  return out;
}

std::optional<PacketSet> SymbolicHeader::Image(const PacketSet& originals) const {
  PacketSet out = originals;
  bool remap = false;
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
      case FieldExpr::Kind::kRemapped:
        if (e.field != Field::kSrcPort || f != Field::kSrcPort) return std::nullopt;
        remap = true;
        break;
    }
  }
  // The remap reads the protocol, which constants above may have rewritten: apply it last only
  // when the protocol is the original one.
  if (remap) {
    if (fields[static_cast<int>(Field::kProtocol)].kind != FieldExpr::Kind::kOriginal) {
      return std::nullopt;
    }
    out = out.RemapSourcePorts();
  }
  return out;
}

namespace {

PacketSet HasPortsNow(const SymbolicHeader& h) {
  return ExprInRange(h, Field::kProtocol, kTcp, kTcp) | ExprInRange(h, Field::kProtocol, kUdp, kUdp);
}

// Is the remap of original field `f` the identity? (not tcp/udp, or the port is from 1024 up)
PacketSet RemapIsIdentity(const SymbolicHeader& h, Field f) {
  return ~(HasPortsNow(h) & PacketSet::Range(f, 0, 1023));
}

}  // namespace

PacketSet ExprInRange(const SymbolicHeader& h, Field f, std::uint64_t lo, std::uint64_t hi) {
  const FieldExpr& e = h[f];
  switch (e.kind) {
    case FieldExpr::Kind::kConstant:
      return e.value >= lo && e.value <= hi ? PacketSet::All() : PacketSet::Empty();
    case FieldExpr::Kind::kOriginal:
      return PacketSet::Range(e.field, lo, hi);
    case FieldExpr::Kind::kRemapped: {
      // value = p < 1024 (tcp/udp) ? p + 1024 : p
      PacketSet shifted;
      std::uint64_t from = std::max<std::uint64_t>(lo, 1024), to = std::min<std::uint64_t>(hi, 2047);
      if (from <= to) shifted = PacketSet::Range(e.field, from - 1024, to - 1024);
      PacketSet remapped = HasPortsNow(h) & PacketSet::Range(e.field, 0, 1023);
      return (remapped & shifted) | (PacketSet::Range(e.field, lo, hi) - remapped);
    }
  }
  return PacketSet::Empty();
}

PacketSet ExprInAddresses(const SymbolicHeader& h, Field f, const IpRangeSet& addresses) {
  const FieldExpr& e = h[f];
  if (e.kind == FieldExpr::Kind::kConstant) {
    return e.value <= 0xffffffffu && addresses.Contains(static_cast<Ipv4>(e.value)) ? PacketSet::All()
                                                                                    : PacketSet::Empty();
  }
  PacketSet out;
  for (const IpRange& r : addresses.Ranges()) out |= ExprInRange(h, f, r.lo, r.hi);
  return out;
}

PacketSet ExprEquals(const SymbolicHeader& h, Field f, const FieldExpr& other) {
  using Kind = FieldExpr::Kind;
  const FieldExpr& e = h[f];
  if (e == other) return PacketSet::All();
  if (other.kind == Kind::kConstant) return ExprInRange(h, f, other.value, other.value);
  SymbolicHeader swapped = h;
  swapped[f] = other;
  if (e.kind == Kind::kConstant) return ExprInRange(swapped, f, e.value, e.value);
  // Both read original fields. The solver only ever compares a field with itself, plain or
  // remapped (a reply's port with the request's); equal exactly when the remap is the identity.
  if (e.field == other.field) return RemapIsIdentity(h, e.field);
  return PacketSet::Empty();  // unreachable by construction; see Walk::Compare
}

}  // namespace vpcreach
