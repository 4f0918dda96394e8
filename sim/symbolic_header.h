// The header of a request as it is at some hop, as a function of the header it was sent with.
//
// The solver (solver.h) keeps sets over the requests as sent; rewrites along a path (a NAT
// gateway's source address and port, an internet gateway's public/private mapping, the swap of a
// reply, IPsec carrying) change only this description, never the set. Each field of the current
// header is an original field, a constant, or the NAT gateway's port remap of an original field
// (a port p < 1024 of a tcp/udp packet becomes 1024 + p). Conditions on the current header become
// PacketSets over the original one with ExprInRange / ExprInAddresses / ExprEquals.
#ifndef VPCREACH_SIM_SYMBOLIC_HEADER_H_
#define VPCREACH_SIM_SYMBOLIC_HEADER_H_

#include <cstdint>
#include <optional>

#include "model/ip.h"
#include "sim/packet.h"
#include "sim/packet_set.h"

namespace vpcreach {

// One field of the current header, as a function of the original header.
struct FieldExpr {
  enum class Kind { kOriginal, kConstant, kRemapped };
  Kind kind = Kind::kOriginal;
  Field field = Field::kSrc;    // kOriginal / kRemapped: the original field it reads
  std::uint64_t value = 0;      // kConstant
  static FieldExpr Original(Field f) { return FieldExpr{Kind::kOriginal, f, 0}; }
  static FieldExpr Constant(std::uint64_t v) { return FieldExpr{Kind::kConstant, Field::kSrc, v}; }
  friend bool operator==(const FieldExpr&, const FieldExpr&) = default;
};

struct SymbolicHeader {
  FieldExpr fields[kFieldCount];
  static SymbolicHeader Identity();
  const FieldExpr& operator[](Field f) const { return fields[static_cast<int>(f)]; }
  FieldExpr& operator[](Field f) { return fields[static_cast<int>(f)]; }
  SymbolicHeader Reversed() const;
  // The concrete header of original packet p.
  Packet Apply(const Packet& p) const;
  // The headers of a set of original packets, as this header has rewritten them (a set
  // operation: constants via PacketSet::Rewrite, the port remap via RemapSourcePorts). Defined
  // for the request direction, where every field is its own original, a constant, or the
  // remapped source port; nullopt for other headers.
  std::optional<PacketSet> Image(const PacketSet& originals) const;
};

// Predicates over the original header for conditions on the current one.
PacketSet ExprInRange(const SymbolicHeader& h, Field f, std::uint64_t lo, std::uint64_t hi);
PacketSet ExprInAddresses(const SymbolicHeader& h, Field f, const IpRangeSet& addresses);
PacketSet ExprEquals(const SymbolicHeader& h, Field f, const FieldExpr& other);

}  // namespace vpcreach

#endif  // VPCREACH_SIM_SYMBOLIC_HEADER_H_
