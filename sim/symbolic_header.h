// The header of a request as it is at some hop, as a function of the header it was sent with.
//
// The solver (solver.h) keeps sets over the requests as sent; rewrites along a path (a NAT
// gateway's source address and port, an internet gateway's public/private mapping, the swap of a
// reply, IPsec carrying) change only this description, never the set. Each field of the current
// header is an original field, a constant, or the port a NAT gateway chose (kChosen: AWS's NAT
// gateway picks the translated source port of a tcp/udp connection itself, anywhere in
// 1024-65535). Conditions on the current header become PacketSets over the original one with
// ExprInRange / ExprInAddresses / ExprEquals.
//
// A chosen port is not a function of the original header: the solver keeps, per path, the
// interval of choices the path stands for (walk::State::choice) and splits a path where a filter
// would tell two choices apart, so that inside one path every choice behaves alike. Here a chosen
// port therefore reads as a constant: its `value` is the representative of that interval.
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
  enum class Kind { kOriginal, kConstant, kChosen };
  Kind kind = Kind::kOriginal;
  Field field = Field::kSrc;  // kOriginal: the original field it reads
  std::uint64_t value = 0;    // kConstant; kChosen: the representative of the choices
  static FieldExpr Original(Field f) { return FieldExpr{Kind::kOriginal, f, 0}; }
  static FieldExpr Constant(std::uint64_t v) { return FieldExpr{Kind::kConstant, Field::kSrc, v}; }
  static FieldExpr Chosen(std::uint64_t v) { return FieldExpr{Kind::kChosen, Field::kSrc, v}; }
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
  // operation: constants via PacketSet::Rewrite; a chosen source port is any of a NAT gateway's
  // ports, 1024-65535). Defined for the request direction, where every field is its own
  // original, a constant, or a chosen source port; nullopt for other headers.
  std::optional<PacketSet> Image(const PacketSet& originals) const;
};

// Predicates over the original header for conditions on the current one (a chosen port reads as
// its representative, see above).
PacketSet ExprInRange(const SymbolicHeader& h, Field f, std::uint64_t lo, std::uint64_t hi);
PacketSet ExprInAddresses(const SymbolicHeader& h, Field f, const IpRangeSet& addresses);
PacketSet ExprEquals(const SymbolicHeader& h, Field f, const FieldExpr& other);

}  // namespace vpcreach

#endif  // VPCREACH_SIM_SYMBOLIC_HEADER_H_
