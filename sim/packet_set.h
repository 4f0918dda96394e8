// Sets of packets over (family, protocol, destination IP, source IP, destination port, source
// port), exact and canonical: a reduced ordered BDD from BuDDy (Debian libbdd-dev) over 297
// boolean variables: the address family first (0 IPv4, 1 IPv6), then each field most significant
// bit first, fields in that order, each address field 128 bits wide (variable 0 is the family,
// variable 1 the protocol's top bit, variable 296 the source port's lowest bit; no dynamic
// reordering).
//
// IPv4 addresses sit in the last 32 variables of their field. Invariant (CheckInvariant): the
// IPv4 half of every set never tests the first 96 variables of an address field; they are free
// there. So an IPv4-only set is the BDD of 104 variables under one node for the family, and
// counting divides the free variables out (bench/README.md, "how to encode IPv6", measured +2%).
// Every constructor keeps the invariant and so does every operation (and, or, complement,
// quantifying or swapping whole fields); Rewrite of an address keeps only the packets of the
// new address's family.
//
// Canonical: two PacketSets are equal exactly when they hold the same packets (== compares BDD
// roots). Port and protocol ranges are built as BDDs directly (a comparison against the bounds,
// O(bits) nodes), never expanded into prefixes.
//
// The universe of well-formed packets: an ICMP packet carries its type and code in the
// destination-port field and its reply's in the source-port field (packet.h: any type and code,
// the source-port field a function of the destination-port field); a packet of any other protocol
// without ports (anything but tcp, udp and icmp) carries 0 in both port fields, as the tracer's
// packets do. Universe() is that set, of both families; the solver intersects every query with
// it, so Count() and Witness() speak of real packets. The operations themselves work over all
// headers (All(), complement, Count()).
//
// Address fields have two ways in: Range / Value / Prefix(Cidr) speak of IPv4 addresses (the
// numbers are IPv4 addresses, and the result holds IPv4 packets only), Address / AddressRange /
// Prefix(IpCidr) / Addresses of either family. Readers of an address field (Values, Hull)
// read one family's packets, IPv4 unless asked.
//
// BuDDy keeps one global node table. PacketSetManager owns it: construct one before the first
// PacketSet (e.g. in main or a test fixture); constructing more while one lives is harmless (they
// share the table, reference counted, and the last one to go calls bdd_done()). No PacketSet may
// outlive the last manager: its nodes die with the table. Single-threaded, like BuDDy.
//
// A node budget turns a blow-up into an explicit error: when an operation runs out of nodes,
// BuDDy's error hook records it, BudgetExceeded() becomes true and every result computed since is
// not to be trusted (BuDDy hands back partial BDDs, never throws or aborts). ClearBudgetExceeded()
// clears the flag and BuDDy's error state so that new operations work again (within the budget);
// sets computed while the flag was up stay wrong and should be dropped.
#ifndef VPCREACH_SIM_PACKET_SET_H_
#define VPCREACH_SIM_PACKET_SET_H_

#include <bdd.h>

#include <cstdint>
#include <optional>
#include <utility>
#include <string>
#include <vector>

#include "model/ip.h"
#include "sim/packet.h"

namespace vpcreach {

enum class Field { kProtocol, kDst, kSrc, kDstPort, kSrcPort };
inline constexpr int kFieldCount = 5;
// A field's value: an IPv6 address needs 128 bits.
using FieldWord = unsigned __int128;
int FieldBits(Field field);  // 8, 128, 128, 16, 16: the variables of the field
// The bits a field's values have in a family's packets: addresses 32 in IPv4, 128 in IPv6.
int FieldBits(Field field, Family family);
bool IsAddress(Field field);
// The packet's value of `field` (a protocol outside 0..255 gives a value no set contains; an
// address its value within its family).
FieldWord FieldValue(const Packet& p, Field field);
const char* FieldName(Field field);  // "protocol", "dst", "src", "dst-port", "src-port"

// The first manager calls bdd_init (kInitialNodes nodes, growing as needed) and bdd_setvarnum(297)
// and silences BuDDy's garbage-collection messages; later ones only add a reference.
class PacketSetManager {
 public:
  static constexpr int kInitialNodes = 1'000'000;
  static constexpr int kInitialCache = 100'000;

  // `max_nodes` = 0: no limit beyond memory. Otherwise the most nodes BuDDy's table may grow to
  // (it counts live and not yet collected nodes). The table never shrinks, so the limit cannot be
  // below its current size: a manager that initializes the table starts it small enough for the
  // limit, but one constructed while another lives gets at least the current table size. The
  // previous limit is restored when this manager goes. Create a budgeted manager first (or alone)
  // for the limit to be exact.
  explicit PacketSetManager(int max_nodes = 0);
  ~PacketSetManager();
  PacketSetManager(const PacketSetManager&) = delete;
  PacketSetManager& operator=(const PacketSetManager&) = delete;

  static bool BudgetExceeded();
  static void ClearBudgetExceeded();
  // Nodes allocated in BuDDy's table (live plus garbage not collected yet).
  static int NodesInUse();

 private:
  int previous_max_nodes_ = -1;  // to restore; -1: this manager set no limit
};

// A closed interval of one field's values.
struct FieldRange {
  FieldWord lo = 0;
  FieldWord hi = 0;
  friend bool operator==(const FieldRange&, const FieldRange&) = default;
};

// A product of one interval per field, in one family's packets: the readable building block of a
// set. Its address ranges are of its family's addresses.
struct Cube {
  Family family = Family::kIpv4;
  FieldRange ranges[kFieldCount];
  const FieldRange& operator[](Field f) const { return ranges[static_cast<int>(f)]; }
  FieldRange& operator[](Field f) { return ranges[static_cast<int>(f)]; }
  friend bool operator==(const Cube&, const Cube&) = default;
};

class PacketSet {
 public:
  PacketSet() = default;  // empty
  PacketSet(const PacketSet& o);
  PacketSet(PacketSet&& o) noexcept : root_(o.root_) { o.root_ = 0; }
  PacketSet& operator=(const PacketSet& o);
  PacketSet& operator=(PacketSet&& o) noexcept {
    std::swap(root_, o.root_);
    return *this;
  }
  ~PacketSet();
  static PacketSet Empty();
  static PacketSet All();
  // (protocol is tcp or udp) or (icmp, the source-port field the reply's type and code) or (both
  // ports are 0).
  static PacketSet Universe();
  // ICMP packets whose type is in [type_lo, type_hi] and code in [code_lo, code_hi] (0..255): a
  // condition on the protocol and the destination-port field only (a product of two bit ranges,
  // not an interval when a code is asked of several types).
  static PacketSet Icmp(int type_lo, int type_hi, int code_lo, int code_hi);
  // The ICMP packets the question `icmp` asks about (kAllIcmp: every type or code).
  static PacketSet Icmp(const IcmpTypeCode& icmp);
  // Packets whose `field` lies in [lo, hi]; `hi` is clamped to the field's largest value, and
  // lo > hi gives the empty set. Built by comparison, at most 2 * FieldBits(field) + 2 nodes.
  // An address field's values are IPv4 addresses here: IPv4 packets only.
  static PacketSet Range(Field field, std::uint64_t lo, std::uint64_t hi);
  static PacketSet Value(Field field, std::uint64_t value) { return Range(field, value, value); }
  static PacketSet Prefix(Field field, const Cidr& cidr);                // kSrc / kDst only
  // Both families' addresses of the set (kSrc / kDst only).
  static PacketSet Addresses(Field field, const IpRangeSet& addresses);
  // Either family (kSrc / kDst only): the packets of the address's or block's family whose
  // `field` is `address`, lies in [lo, hi] (one family), or in `cidr`.
  static PacketSet Address(Field field, const IpAddress& address);
  static PacketSet AddressRange(Field field, const IpAddress& lo, const IpAddress& hi);
  static PacketSet Prefix(Field field, const IpCidr& cidr);
  // Every packet of `family`.
  static PacketSet OfFamily(Family family);
  // Exactly `packet` (empty when its protocol is outside 0..255).
  static PacketSet Of(const Packet& packet);
  static PacketSet Of(const Cube& cube);

  PacketSet operator&(const PacketSet& o) const;
  PacketSet operator|(const PacketSet& o) const;
  PacketSet operator-(const PacketSet& o) const;
  PacketSet operator~() const;  // complement within All()
  PacketSet& operator&=(const PacketSet& o) { return *this = *this & o; }
  PacketSet& operator|=(const PacketSet& o) { return *this = *this | o; }
  PacketSet& operator-=(const PacketSet& o) { return *this = *this - o; }
  friend bool operator==(const PacketSet& a, const PacketSet& b) { return a.root_ == b.root_; }

  bool IsEmpty() const;
  bool IsAll() const;
  bool Contains(const Packet& p) const;
  bool SubsetOf(const PacketSet& o) const;
  // Number of packets (2^104 IPv4 headers and 2^296 IPv6 ones; exact up to double precision).
  double Count() const;
  // The invariant of the header comment (the IPv4 half tests no upper address variable); for
  // tests. O(nodes).
  bool CheckInvariant() const;
  int NodeCount() const;

  // ---- header transformations ----
  // Every value of `field` (existential quantification): "any packet that differs from one in
  // the set only in this field".
  PacketSet Forget(Field field) const;
  // The protocols and ports of the set's packets, whatever their addresses and family: the
  // traffic a set speaks of, as reports word it (keeps the invariant: no address is tested).
  PacketSet Traffic() const;
  // Rewrites `field` to `value` in every packet (the image of the rewrite). An address field's
  // value is an IPv4 address: the IPv6 packets of the set have no image.
  PacketSet Rewrite(Field field, std::uint64_t value) const;
  // The replies: source and destination addresses and ports swapped.
  PacketSet Reversed() const;

  // ---- reading a set ----
  // Some packet of the set (nullopt when empty). The family and fields are chosen in variable
  // order (family, protocol, dst, src, dst-port, src-port); each takes the preferred value when
  // the set still allows it with the fields fixed so far, else the smallest value it allows
  // (IPv4 before IPv6). Without `preferred`: the lexicographically smallest packet. O(297) node
  // steps.
  std::optional<Packet> Witness(const Packet* preferred = nullptr) const;
  // The set as a union of pairwise disjoint cubes: the first field's values are grouped by the
  // set of remaining-field tuples they allow, each group's values as maximal ranges, and so on
  // recursively. Sorted by family, then protocol range, then dst range, and so on. nullopt when
  // more than `limit` cubes would be needed (the work stops there, so a small limit is cheap).
  std::optional<std::vector<Cube>> Cubes(size_t limit) const;
  // The values one field takes in the set (the projection), as disjoint, non-adjacent sorted
  // ranges. O(ranges * bits) after the projection; "all ports but one" is two ranges. An address
  // field's values are those of the packets of `family`; other fields' of both families.
  std::vector<FieldRange> Values(Field field, Family family = Family::kIpv4) const;
  // Same, or nullopt when there are more than `limit` ranges (even ports: 32768).
  std::optional<std::vector<FieldRange>> Values(Field field, size_t limit,
                                                Family family = Family::kIpv4) const;

  // The smallest and largest value of `field` in the set (nullopt when empty): the interval
  // that holds its projection (an address field's in the packets of `family`).
  std::optional<FieldRange> Hull(Field field, Family family = Family::kIpv4) const;
  // The families the set holds packets of.
  bool HasFamily(Family family) const;

 private:
  // BuDDy's C++ `bdd` counts references but cannot move: each move of a set through it was an
  // addref and a delref, a fifth of the solver's instructions. So a set holds its root node
  // itself, with one reference while it is not empty (0, bddfalse, needs none), and moves steal it.
  explicit PacketSet(const bdd& b);
  static PacketSet Adopt(BDD root);  // takes a reference to a root a C-level operation returned
  BDD root_ = 0;
};

// "tcp dst 151.101.0.0/16 dst-port 443 src-port 1024-65535": an IPv6 cube starts "ipv6" and
// writes its addresses in IPv6 text; the protocol by name when it is one
// value (tcp, udp, icmp, esp, else the number, as ProtocolName), "protocols 0-5" for a range;
// addresses as a CIDR when the range is exactly one, else "a.b.c.d-e.f.g.h"; ports as "443" or
// "1024-65535". Fields that cover their whole domain are left out, and so are ports that are
// exactly 0 when the protocols exclude tcp and udp (the universe's convention): "esp dst
// 10.0.0.0/8". An icmp cube shows its types and codes (IcmpFieldText), not its port fields. A
// cube with every field whole is "all".
std::string FormatCube(const Cube& cube);

// The ICMP types and codes of an interval of destination-port field values (packet.h): "type 8
// (echo-request)", "types 9-12", "type 3 code 4 (destination-unreachable)", "type 3 codes 0-4
// (...)", several joined by ", "; "" for the whole field (every type).
std::string IcmpFieldText(const FieldRange& range);

}  // namespace vpcreach

#endif  // VPCREACH_SIM_PACKET_SET_H_
