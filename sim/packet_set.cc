#include "sim/packet_set.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <unordered_map>
#include <utility>

#include "model/model.h"

namespace vpcreach {
namespace {

constexpr int kVarCount = 297;
constexpr int kFamilyVar = 0;
constexpr Field kFields[kFieldCount] = {Field::kProtocol, Field::kDst, Field::kSrc, Field::kDstPort,
                                        Field::kSrcPort};

int FieldIndex(Field f) { return static_cast<int>(f); }

int FieldBegin(Field f) {
  constexpr int kBegin[kFieldCount] = {1, 9, 137, 265, 281};
  return kBegin[FieldIndex(f)];
}

FieldWord Max(int bits) { return bits >= 128 ? ~FieldWord{0} : (FieldWord{1} << bits) - 1; }
FieldWord FieldMax(Field f) { return Max(FieldBits(f)); }
// The first variable (counted from the field's top) that a family's values use.
int FirstBit(Field f, Family family) { return FieldBits(f) - FieldBits(f, family); }

bdd FamilyBdd(Family family) {
  return family == Family::kIpv4 ? bdd_nithvar(kFamilyVar) : bdd_ithvar(kFamilyVar);
}

// The variable of bit `i` of field `f`, counted from the most significant bit.
int Var(Field f, int i) { return FieldBegin(f) + i; }

// The variable a node tests, kVarCount for the two terminals (they sit below every variable).
int VarOf(BDD node) { return node < 2 ? kVarCount : bdd_var(node); }

// ---- global state, shared by every manager (BuDDy's own state is global too) ----

int g_manager_count = 0;
bool g_budget_exceeded = false;

void OnBddError(int code) {
  // Running out of nodes is a budget, not a bug: BuDDy abandons the operation, returns a partial
  // result and refuses new nodes until bdd_clear_error(); the caller checks BudgetExceeded().
  if (code == BDD_NODENUM || code == BDD_NODES || code == BDD_MEMORY) {
    g_budget_exceeded = true;
    return;
  }
  // Anything else (an unknown variable, a dead node, bdd_init twice) is our bug.
  std::fprintf(stderr, "vpcreach: BuDDy error %d: %s\n", code, bdd_errstring(code));
  std::abort();
}

void QuietGc(int, bddGbcStat*) {}
void QuietResize(int, int) {}

// lo <= x <= hi over the `bits` bits of field `f` from its bit `first` (counted from the most
// significant), the other bits free: an IPv4 address, or a sub-field (an ICMP type or code).
// Built from the least significant bit up: with r the answer for the bits below, a 1 in `lo`
// requires x's bit to be 1 and the rest >= (x & r), a 0 in `lo` accepts a 1 outright and
// otherwise asks the rest (x | r); x <= hi is the mirror image. One node per bit each.
bdd SubRangeBdd(Field f, int first, int bits, FieldWord lo, FieldWord hi) {
  FieldWord max = Max(bits);
  hi = std::min(hi, max);
  if (lo > hi) return bddfalse;
  bdd at_least = bddtrue, at_most = bddtrue;
  for (int i = bits - 1; i >= 0; --i) {
    bdd var = bdd_ithvar(Var(f, first + i));
    bdd nvar = bdd_nithvar(Var(f, first + i));
    if (lo > 0) at_least = ((lo >> (bits - 1 - i)) & 1) ? (var & at_least) : (var | at_least);
    if (hi < max) at_most = ((hi >> (bits - 1 - i)) & 1) ? (nvar | at_most) : (nvar & at_most);
  }
  return at_least & at_most;
}

// A range of a field's values in `family`'s packets: for an address field, the family's packets
// only (an IPv4 address in the field's last 32 variables); for the others, either family's.
bdd RangeBdd(Field f, FieldWord lo, FieldWord hi, Family family = Family::kIpv4) {
  if (!IsAddress(f)) return SubRangeBdd(f, 0, FieldBits(f), lo, hi);
  return FamilyBdd(family) & SubRangeBdd(f, FirstBit(f, family), FieldBits(f, family), lo, hi);
}

bdd VarSet(Field f) {
  bdd set = bddtrue;
  for (int i = FieldBits(f) - 1; i >= 0; --i) set &= bdd_ithvar(Var(f, i));
  return set;
}

// Sets built once per bdd_init; they must die before bdd_done (their nodes die there).
struct Tables {
  bdd field_vars[kFieldCount];  // each field's variables (a varset for bdd_exist)
  bdd other_vars[kFieldCount];  // every variable but the field's
  bddPair* reverse = nullptr;   // src <-> dst, src port <-> dst port
  bdd universe;
  // Range(): the solver asks for the same few thousand ranges (rule ports, addresses) again and
  // again; building one costs ~2 * bits node lookups, finding it here one hash lookup.
  struct RangeKey {
    int field;
    std::uint64_t lo, hi;
    bool operator==(const RangeKey&) const = default;
  };
  struct RangeKeyHash {
    size_t operator()(const RangeKey& k) const {
      return std::hash<std::uint64_t>()(k.lo * 0x9e3779b97f4a7c15ull ^ k.hi) ^ k.field;
    }
  };
  static constexpr size_t kMaxCachedRanges = 1 << 20;
  mutable std::unordered_map<RangeKey, bdd, RangeKeyHash> ranges;

  Tables() {
    for (Field f : kFields) field_vars[FieldIndex(f)] = VarSet(f);
    for (Field f : kFields) {
      bdd others = bdd_ithvar(kFamilyVar);
      for (Field g : kFields) {
        if (g != f) others &= field_vars[FieldIndex(g)];
      }
      other_vars[FieldIndex(f)] = others;
    }
    reverse = bdd_newpair();
    auto swap = [&](Field a, Field b) {
      for (int i = 0; i < FieldBits(a); ++i) {
        bdd_setpair(reverse, Var(a, i), Var(b, i));
        bdd_setpair(reverse, Var(b, i), Var(a, i));
      }
    };
    swap(Field::kSrc, Field::kDst);
    swap(Field::kSrcPort, Field::kDstPort);
    bdd tcp_udp = RangeBdd(Field::kProtocol, kTcp, kTcp) | RangeBdd(Field::kProtocol, kUdp, kUdp);
    bdd icmp = RangeBdd(Field::kProtocol, kIcmp, kIcmp);
    // ICMP: the source-port field is the reply's type and code (packet.h), 0 for one-way types.
    bdd queries = bddfalse, icmp_fields = bddfalse;
    for (const auto& [request, reply] : kIcmpQueries) {
      bdd type = RangeBdd(Field::kDstPort, IcmpField(request, 0), IcmpField(request, 255));
      queries |= type;
      std::uint64_t answer = IcmpField(reply, 0);
      icmp_fields |= type & RangeBdd(Field::kSrcPort, answer, answer);
    }
    icmp_fields |= bdd_not(queries) & RangeBdd(Field::kSrcPort, 0, 0);
    universe = tcp_udp | (icmp & icmp_fields) |
               (bdd_not(icmp) & RangeBdd(Field::kSrcPort, 0, 0) & RangeBdd(Field::kDstPort, 0, 0));
  }
  ~Tables() {
    if (reverse != nullptr) bdd_freepair(reverse);
  }
  Tables(const Tables&) = delete;
  Tables& operator=(const Tables&) = delete;
};

std::optional<Tables> g_tables;

const Tables& GetTables() {
  assert(g_tables && "construct a PacketSetManager before using PacketSets");
  return *g_tables;
}

// ---- walking a BDD without building nodes (so no garbage collection can move anything) ----

// The node reached from `node` (whose variables are all of field `f` or later) by fixing field `f`
// to `value`; 0 when that leaves nothing.
BDD Follow(BDD node, Field f, FieldWord value) {
  int bits = FieldBits(f);
  for (int i = 0; i < bits && node >= 2; ++i) {
    if (VarOf(node) != Var(f, i)) continue;  // the set does not depend on this bit
    bool one = (value >> (bits - 1 - i)) & 1;
    node = one ? bdd_high(node) : bdd_low(node);
  }
  return node;
}

// The node reached by fixing the family.
BDD FollowFamily(BDD node, Family family) {
  if (VarOf(node) != kFamilyVar) return node;
  return family == Family::kIpv6 ? bdd_high(node) : bdd_low(node);
}

// The smallest (or largest) value of field `f` that keeps `*node` non-empty; advances `*node`
// past the field. Greedy is exact: every node but 0 has a path to 1, so choosing 0 (or 1)
// whenever that child is not 0 never leads to a dead end.
// Under `family` (an IPv4 address reads the field's last 32 variables only).
FieldWord Extreme(BDD* node, Field f, bool largest, Family family) {
  FieldWord value = 0;
  for (int i = FirstBit(f, family); i < FieldBits(f); ++i) {
    int bit = largest ? 1 : 0;
    if (VarOf(*node) == Var(f, i)) {
      BDD preferred = largest ? bdd_high(*node) : bdd_low(*node);
      if (preferred != 0) {
        *node = preferred;
      } else {
        *node = largest ? bdd_low(*node) : bdd_high(*node);
        bit = 1 - bit;
      }
    }
    value = (value << 1) | static_cast<FieldWord>(bit);
  }
  return value;
}

FieldWord Smallest(BDD* node, Field f, Family family) {
  return Extreme(node, f, /*largest=*/false, family);
}

// A range of field values and the set of remaining fields every value of it leads to.
struct Piece {
  FieldRange range;
  BDD residual;
};

// Partitions field `f`'s values under `node` (variables of `f` or later only) by the node they
// lead to past the field, as maximal ranges in increasing order: the interval with the top `bit`
// bits equal to `prefix` is split only where the BDD tests a bit, and a node past the field
// covers the whole interval at once. So the work is O(pieces * bits), whatever the range sizes.
// Pieces with the same residual that touch are merged (they arrive in order, so any two that
// could merge are consecutive). False when there would be more than `limit` pieces.
// An IPv4 address field starts at bit FirstBit (96), the variables above it free.
bool Partition(BDD node, Field f, int bit, FieldWord prefix, size_t limit,
               std::vector<Piece>* out) {
  if (node == 0) return true;
  int var = VarOf(node);
  assert(var >= Var(f, bit) && "the node tests a variable of an earlier field");
  if (var >= FieldBegin(f) + FieldBits(f)) {
    int free_bits = FieldBits(f) - bit;
    FieldWord lo = free_bits >= 128 ? 0 : prefix << free_bits;
    FieldWord hi = lo | Max(free_bits);
    if (!out->empty() && out->back().residual == node && out->back().range.hi + 1 == lo) {
      out->back().range.hi = hi;
      return true;
    }
    if (out->size() >= limit) return false;
    out->push_back(Piece{FieldRange{lo, hi}, node});
    return true;
  }
  BDD low = node, high = node;  // a bit the set ignores: both halves see the same node
  if (var == Var(f, bit)) {
    low = bdd_low(node);
    high = bdd_high(node);
  }
  return Partition(low, f, bit + 1, prefix << 1, limit, out) &&
         Partition(high, f, bit + 1, (prefix << 1) | 1, limit, out);
}

// The cube decomposition of `node` over fields kFields[k..], memoized by (k, node): the residuals
// of different branches are often the same node. Cubes' fields before k are left 0.
class CubeBuilder {
 public:
  CubeBuilder(size_t limit, Family family) : limit_(limit), family_(family) {}

  const std::vector<Cube>* Build(BDD node, int k) {
    if (k == kFieldCount) {
      static const std::vector<Cube> kOne4(1);
      static const std::vector<Cube> kOne6(1, Cube{Family::kIpv6, {}});
      return family_ == Family::kIpv4 ? &kOne4 : &kOne6;  // node is 1: the empty product
    }
    auto key = std::make_pair(k, node);
    if (auto it = memo_.find(key); it != memo_.end()) return &it->second;
    Field f = kFields[k];
    std::vector<Piece> pieces;
    if (!Partition(node, f, FirstBit(f, family_), 0, limit_, &pieces)) return nullptr;
    std::vector<Cube> cubes;
    for (const Piece& piece : pieces) {
      const std::vector<Cube>* rest = Build(piece.residual, k + 1);
      if (rest == nullptr || cubes.size() + rest->size() > limit_) return nullptr;
      for (Cube cube : *rest) {
        cube[f] = piece.range;
        cubes.push_back(cube);
      }
    }
    return &memo_.emplace(key, std::move(cubes)).first->second;
  }

 private:
  size_t limit_;
  Family family_;
  std::map<std::pair<int, BDD>, std::vector<Cube>> memo_;  // std::map: stable addresses
};

std::string PortText(const FieldRange& r) {
  auto text = [](FieldWord v) { return std::to_string(static_cast<std::uint64_t>(v)); };
  if (r.lo == r.hi) return text(r.lo);
  return text(r.lo) + "-" + text(r.hi);
}

// "2001:db8::/32" when the range is one block, else "2001:db8::1-2001:db8::5".
std::string Ipv6RangeText(FieldWord lo, FieldWord hi) {
  FieldWord size_minus_one = hi - lo;
  if ((size_minus_one & (size_minus_one + 1)) == 0 && (lo & size_minus_one) == 0) {
    int host_bits = 0;
    while (host_bits < 128 && ((size_minus_one >> host_bits) & 1)) ++host_bits;
    return FormatIpv6(lo) + "/" + std::to_string(128 - host_bits);
  }
  return FormatIpv6(lo) + "-" + FormatIpv6(hi);
}

}  // namespace

int FieldBits(Field field) {
  constexpr int kBits[kFieldCount] = {8, 128, 128, 16, 16};
  return kBits[FieldIndex(field)];
}

int FieldBits(Field field, Family family) {
  return IsAddress(field) ? AddressBits(family) : FieldBits(field);
}

bool IsAddress(Field field) { return field == Field::kDst || field == Field::kSrc; }

FieldWord FieldValue(const Packet& p, Field field) {
  switch (field) {
    case Field::kProtocol:
      return p.protocol < 0 ? ~FieldWord{0} : static_cast<FieldWord>(p.protocol);
    case Field::kDst:
      return p.dst.value();
    case Field::kSrc:
      return p.src.value();
    case Field::kDstPort:
      return p.dst_port;
    case Field::kSrcPort:
      return p.src_port;
  }
  return 0;
}

const char* FieldName(Field field) {
  constexpr const char* kNames[kFieldCount] = {"protocol", "dst", "src", "dst-port", "src-port"};
  return kNames[FieldIndex(field)];
}

// ---- PacketSetManager ----

PacketSetManager::PacketSetManager(int max_nodes) {
  if (g_manager_count++ == 0) {
    int nodes = kInitialNodes;
    int cache = kInitialCache;
    if (max_nodes > 0) {
      // Start below the limit: the table only grows, and the limit must exceed its size.
      nodes = std::min(kInitialNodes, std::max(max_nodes / 2, 256));
      cache = std::max(1000, std::min(kInitialCache, nodes / 10));
    }
    bdd_init(nodes, cache);
    bdd_error_hook(OnBddError);
    bdd_gbc_hook(QuietGc);
    bdd_resize_hook(QuietResize);
    bdd_setcacheratio(10);             // the cache grows with the table: one entry per 10 nodes
    bdd_setmaxincrease(kInitialNodes);  // BuDDy's default (50,000 per resize) is slow to grow
    bdd_setvarnum(kVarCount);
    g_budget_exceeded = false;
    g_tables.emplace();
  }
  if (max_nodes > 0) {
    previous_max_nodes_ = bdd_setmaxnodenum(std::max(max_nodes, bdd_getallocnum() + 1));
  }
}

PacketSetManager::~PacketSetManager() {
  if (previous_max_nodes_ >= 0) {
    int restore = previous_max_nodes_;
    if (restore > 0) restore = std::max(restore, bdd_getallocnum() + 1);
    bdd_setmaxnodenum(restore);
  }
  if (--g_manager_count == 0) {
    g_tables.reset();
    bdd_done();
  }
}

bool PacketSetManager::BudgetExceeded() { return g_budget_exceeded; }

void PacketSetManager::ClearBudgetExceeded() {
  g_budget_exceeded = false;
  if (g_manager_count > 0) {
    bdd_clear_error();  // also flushes caches that may hold partial results
    g_tables->ranges.clear();
  }
}

int PacketSetManager::NodesInUse() { return g_manager_count > 0 ? bdd_getnodenum() : 0; }

// ---- PacketSet: construction ----

PacketSet::PacketSet(const bdd& b) : root_(bdd_addref(b.id())) {}
PacketSet::PacketSet(const PacketSet& o) : root_(bdd_addref(o.root_)) {}
PacketSet& PacketSet::operator=(const PacketSet& o) {
  BDD old = root_;
  root_ = bdd_addref(o.root_);
  bdd_delref(old);
  return *this;
}
PacketSet::~PacketSet() { bdd_delref(root_); }

PacketSet PacketSet::Adopt(BDD root) {
  PacketSet s;
  s.root_ = bdd_addref(root);
  return s;
}

PacketSet PacketSet::Empty() { return PacketSet(bddfalse); }
PacketSet PacketSet::All() { return PacketSet(bddtrue); }
PacketSet PacketSet::Universe() { return PacketSet(GetTables().universe); }

PacketSet PacketSet::Range(Field field, std::uint64_t lo, std::uint64_t hi) {
  const Tables& tables = GetTables();
  Tables::RangeKey key{FieldIndex(field), lo, hi};
  auto it = tables.ranges.find(key);
  if (it != tables.ranges.end()) return PacketSet(it->second);
  bdd r = RangeBdd(field, lo, hi);
  if (!g_budget_exceeded) {  // never keep a result built while out of nodes
    if (tables.ranges.size() >= Tables::kMaxCachedRanges) tables.ranges.clear();
    tables.ranges.emplace(key, r);
  }
  return PacketSet(r);
}

PacketSet PacketSet::Icmp(int type_lo, int type_hi, int code_lo, int code_hi) {
  return PacketSet(RangeBdd(Field::kProtocol, kIcmp, kIcmp) &
                   SubRangeBdd(Field::kDstPort, 0, 8, static_cast<std::uint64_t>(type_lo),
                               static_cast<std::uint64_t>(type_hi)) &
                   SubRangeBdd(Field::kDstPort, 8, 8, static_cast<std::uint64_t>(code_lo),
                               static_cast<std::uint64_t>(code_hi)));
}

PacketSet PacketSet::Icmp(const IcmpTypeCode& icmp) {
  auto lo = [](int v) { return v == kAllIcmp ? 0 : v; };
  auto hi = [](int v) { return v == kAllIcmp ? 255 : v; };
  return Icmp(lo(icmp.type), hi(icmp.type), lo(icmp.code), hi(icmp.code));
}

PacketSet PacketSet::Prefix(Field field, const Cidr& cidr) { return Prefix(field, IpCidr(cidr)); }

PacketSet PacketSet::Prefix(Field field, const IpCidr& cidr) {
  assert(IsAddress(field));
  int bits = AddressBits(cidr.family);
  int first = FirstBit(field, cidr.family);
  bdd r = bddtrue;
  for (int i = cidr.length - 1; i >= 0; --i) {
    bool one = (cidr.base >> (bits - 1 - i)) & 1;
    r &= one ? bdd_ithvar(Var(field, first + i)) : bdd_nithvar(Var(field, first + i));
  }
  return PacketSet(FamilyBdd(cidr.family) & r);
}

PacketSet PacketSet::Addresses(Field field, const IpRangeSet& addresses) {
  assert(IsAddress(field));
  bdd r = bddfalse;
  for (const IpRange& range : addresses.Ranges()) r |= RangeBdd(field, range.lo, range.hi);
  for (const Ipv6Range& range : addresses.Ipv6Ranges()) {
    r |= RangeBdd(field, range.lo, range.hi, Family::kIpv6);
  }
  return PacketSet(r);
}

PacketSet PacketSet::Address(Field field, const IpAddress& address) {
  return AddressRange(field, address, address);
}

PacketSet PacketSet::AddressRange(Field field, const IpAddress& lo, const IpAddress& hi) {
  assert(IsAddress(field) && lo.family() == hi.family());
  return PacketSet(RangeBdd(field, lo.value(), hi.value(), lo.family()));
}

PacketSet PacketSet::OfFamily(Family family) { return PacketSet(FamilyBdd(family)); }

PacketSet PacketSet::Of(const Packet& packet) {
  bdd r = FamilyBdd(packet.family());
  for (Field f : kFields) {
    FieldWord v = FieldValue(packet, f);
    r &= RangeBdd(f, v, v, packet.family());
  }
  return PacketSet(r);
}

PacketSet PacketSet::Of(const Cube& cube) {
  bdd r = FamilyBdd(cube.family);
  for (Field f : kFields) r &= RangeBdd(f, cube[f].lo, cube[f].hi, cube.family);
  return PacketSet(r);
}

// ---- PacketSet: algebra ----

// The C-level operations on roots: their results carry no reference until Adopt takes one.
PacketSet PacketSet::operator&(const PacketSet& o) const { return Adopt(bdd_and(root_, o.root_)); }
PacketSet PacketSet::operator|(const PacketSet& o) const { return Adopt(bdd_or(root_, o.root_)); }
PacketSet PacketSet::operator-(const PacketSet& o) const {
  return Adopt(bdd_apply(root_, o.root_, bddop_diff));
}
PacketSet PacketSet::operator~() const { return Adopt(bdd_not(root_)); }

bool PacketSet::IsEmpty() const { return root_ == 0; }
bool PacketSet::IsAll() const { return root_ == 1; }

bool PacketSet::Contains(const Packet& p) const {
  BDD node = FollowFamily(root_, p.family());
  for (Field f : kFields) {
    FieldWord v = FieldValue(p, f);
    if (v > Max(FieldBits(f, p.family()))) return false;
    node = Follow(node, f, v);
    if (node == 0) return false;
  }
  return node == 1;
}

bool PacketSet::SubsetOf(const PacketSet& o) const { return (*this - o).IsEmpty(); }

// bdd_satcount counts over every declared variable: a node below the family variable counts it
// as free (twice), and an IPv4 half counts the 2 x 96 free upper address variables (2^192).
double PacketSet::Count() const {
  if (root_ == 0) return 0;
  BDD v4 = FollowFamily(root_, Family::kIpv4);
  BDD v6 = FollowFamily(root_, Family::kIpv6);
  return std::ldexp(bdd_satcount(v4), -193) + std::ldexp(bdd_satcount(v6), -1);
}

bool PacketSet::CheckInvariant() const {
  BDD v4 = FollowFamily(root_, Family::kIpv4);
  std::vector<BDD> stack{v4}, seen;
  while (!stack.empty()) {
    BDD node = stack.back();
    stack.pop_back();
    if (node < 2 || std::find(seen.begin(), seen.end(), node) != seen.end()) continue;
    seen.push_back(node);
    int var = VarOf(node);
    if (var == kFamilyVar) return false;
    for (Field f : {Field::kDst, Field::kSrc}) {
      if (var >= Var(f, 0) && var < Var(f, FirstBit(f, Family::kIpv4))) return false;
    }
    stack.push_back(bdd_low(node));
    stack.push_back(bdd_high(node));
  }
  return true;
}

bool PacketSet::HasFamily(Family family) const { return FollowFamily(root_, family) != 0; }

int PacketSet::NodeCount() const { return bdd_nodecount(root_); }

// ---- PacketSet: header transformations ----

PacketSet PacketSet::Forget(Field field) const {
  return Adopt(bdd_exist(root_, GetTables().field_vars[FieldIndex(field)].id()));
}

PacketSet PacketSet::Traffic() const {
  const Tables& t = GetTables();
  bdd vars = t.field_vars[FieldIndex(Field::kDst)] & t.field_vars[FieldIndex(Field::kSrc)] &
             bdd_ithvar(kFamilyVar);
  return Adopt(bdd_exist(root_, vars.id()));
}

PacketSet PacketSet::Rewrite(Field field, std::uint64_t value) const {
  PacketSet to = Range(field, value, value);
  if (IsAddress(field)) return (*this & OfFamily(Family::kIpv4)).Forget(field) & to;
  return Forget(field) & to;
}

PacketSet PacketSet::Reversed() const { return Adopt(bdd_replace(root_, GetTables().reverse)); }

// ---- PacketSet: reading ----

std::optional<Packet> PacketSet::Witness(const Packet* preferred) const {
  if (root_ == 0) return std::nullopt;
  Family family = Family::kIpv4;
  if (preferred != nullptr) family = preferred->family();
  if (FollowFamily(root_, family) == 0) {
    family = family == Family::kIpv4 ? Family::kIpv6 : Family::kIpv4;
  }
  BDD node = FollowFamily(root_, family);
  FieldWord values[kFieldCount] = {};
  for (Field f : kFields) {
    FieldWord& value = values[FieldIndex(f)];
    if (preferred != nullptr && preferred->family() == family) {
      FieldWord want = FieldValue(*preferred, f);
      if (want <= Max(FieldBits(f, family))) {
        if (BDD next = Follow(node, f, want); next != 0) {
          node = next;
          value = want;
          continue;
        }
      }
    }
    value = Smallest(&node, f, family);
  }
  assert(node == 1);
  Packet p;
  p.protocol = static_cast<int>(values[FieldIndex(Field::kProtocol)]);
  p.dst = IpAddress::Of(family, values[FieldIndex(Field::kDst)]);
  p.src = IpAddress::Of(family, values[FieldIndex(Field::kSrc)]);
  p.dst_port = static_cast<std::uint16_t>(values[FieldIndex(Field::kDstPort)]);
  p.src_port = static_cast<std::uint16_t>(values[FieldIndex(Field::kSrcPort)]);
  return p;
}

std::optional<std::vector<Cube>> PacketSet::Cubes(size_t limit) const {
  std::vector<Cube> all;
  for (Family family : {Family::kIpv4, Family::kIpv6}) {
    BDD node = FollowFamily(root_, family);
    if (node == 0) continue;
    CubeBuilder builder(limit - all.size(), family);
    const std::vector<Cube>* cubes = builder.Build(node, 0);
    if (cubes == nullptr || all.size() + cubes->size() > limit) return std::nullopt;
    for (Cube cube : *cubes) {
      cube.family = family;
      all.push_back(cube);
    }
  }
  return all;
}

std::optional<std::vector<FieldRange>> PacketSet::Values(Field field, size_t limit,
                                                         Family family) const {
  BDD root = IsAddress(field) ? FollowFamily(root_, family) : root_;
  int first = IsAddress(field) ? FirstBit(field, family) : 0;
  // Where the paths from the root enter the field (past the earlier fields' variables): when they
  // are few, the values are the union of what each entry allows, found without a new node.
  constexpr std::size_t kMaxEntries = 64;
  std::vector<BDD> entries, stack{root}, seen;
  while (!stack.empty() && entries.size() <= kMaxEntries) {
    BDD node = stack.back();
    stack.pop_back();
    if (node == 0 || std::find(seen.begin(), seen.end(), node) != seen.end()) continue;
    seen.push_back(node);
    if (VarOf(node) >= FieldBegin(field)) {
      entries.push_back(node);
    } else {
      stack.push_back(bdd_low(node));
      stack.push_back(bdd_high(node));
    }
  }
  if (entries.size() <= kMaxEntries && seen.size() <= 4 * kMaxEntries) {
    std::vector<Piece> pieces;
    bool within = true;
    for (BDD entry : entries) {
      within = within && Partition(entry, field, first, 0, limit, &pieces);
    }
    if (within) {
      std::sort(pieces.begin(), pieces.end(),
                [](const Piece& a, const Piece& b) { return a.range.lo < b.range.lo; });
      std::vector<FieldRange> ranges;
      for (const Piece& piece : pieces) {
        if (!ranges.empty() && piece.range.lo <= ranges.back().hi + 1) {
          ranges.back().hi = std::max(ranges.back().hi, piece.range.hi);
        } else {
          if (ranges.size() >= limit) return std::nullopt;
          ranges.push_back(piece.range);
        }
      }
      return ranges;
    }
  }
  // After the projection every path ends in 1 once past the field, so one residual: the pieces
  // are the ranges, already merged.
  PacketSet projected = Adopt(bdd_exist(root, GetTables().other_vars[FieldIndex(field)].id()));
  std::vector<Piece> pieces;
  if (!Partition(projected.root_, field, first, 0, limit, &pieces)) return std::nullopt;
  std::vector<FieldRange> ranges;
  ranges.reserve(pieces.size());
  for (const Piece& piece : pieces) ranges.push_back(piece.range);
  return ranges;
}

std::optional<FieldRange> PacketSet::Hull(Field field, Family family) const {
  BDD root = IsAddress(field) ? FollowFamily(root_, family) : root_;
  if (root == 0) return std::nullopt;
  PacketSet projected = Adopt(bdd_exist(root, GetTables().other_vars[FieldIndex(field)].id()));
  BDD low = projected.root_, high = projected.root_;
  Family read = IsAddress(field) ? family : Family::kIpv4;
  return FieldRange{Extreme(&low, field, /*largest=*/false, read),
                    Extreme(&high, field, /*largest=*/true, read)};
}

std::vector<FieldRange> PacketSet::Values(Field field, Family family) const {
  return *Values(field, static_cast<size_t>(-1), family);
}

// ---- formatting ----

std::string FormatCube(const Cube& cube) {
  auto whole = [&](Field f) {
    return cube[f].lo == 0 && cube[f].hi >= Max(FieldBits(f, cube.family));
  };
  std::string out;
  auto add = [&](const std::string& part) { out += (out.empty() ? "" : " ") + part; };
  // "all" when no field is restricted; an IPv6 cube says so first ("ipv6 all").
  auto done = [&out, &cube] {
    return cube.family == Family::kIpv6 ? "ipv6 " + (out.empty() ? "all" : out)
                                        : (out.empty() ? "all" : out);
  };

  const FieldRange& protocol = cube[Field::kProtocol];
  if (!whole(Field::kProtocol)) {
    add(protocol.lo == protocol.hi ? ProtocolName(static_cast<int>(protocol.lo))
                                   : "protocols " + PortText(protocol));
  }
  for (Field f : {Field::kDst, Field::kSrc}) {
    if (whole(f)) continue;
    if (cube.family == Family::kIpv6) {
      add(std::string(FieldName(f)) + " " + Ipv6RangeText(cube[f].lo, cube[f].hi));
      continue;
    }
    IpRangeSet addresses;
    addresses.Add(IpRange{static_cast<Ipv4>(cube[f].lo), static_cast<Ipv4>(cube[f].hi)});
    add(std::string(FieldName(f)) + " " + addresses.ToString());
  }
  auto includes = [&](int p) { return protocol.lo <= FieldWord(p) && FieldWord(p) <= protocol.hi; };
  bool portless = !includes(kTcp) && !includes(kUdp);
  if (protocol.lo == kIcmp && protocol.hi == kIcmp) {
    // The source-port field follows from the destination-port field (the universe).
    std::string types = IcmpFieldText(cube[Field::kDstPort]);
    if (!types.empty()) add(types);
    return done();
  }
  for (Field f : {Field::kDstPort, Field::kSrcPort}) {
    if (whole(f)) continue;
    if (portless && cube[f].lo == 0 && cube[f].hi == 0) continue;  // the universe's convention
    add(std::string(FieldName(f)) + " " + PortText(cube[f]));
  }
  return done();
}

std::string IcmpFieldText(const FieldRange& range) {
  if (range.lo == 0 && range.hi >= 0xffff) return "";
  auto named = [](int type) {
    std::string name = IcmpTypeName(type);
    return name.empty() ? std::string() : " (" + name + ")";
  };
  std::vector<std::string> parts;
  std::uint64_t at = static_cast<std::uint64_t>(range.lo);
  std::uint64_t hi = static_cast<std::uint64_t>(std::min<FieldWord>(range.hi, 0xffff));
  while (at <= hi) {
    int type = static_cast<int>(at >> 8);
    int code = static_cast<int>(at & 0xff);
    std::uint64_t type_end = (at | 0xff);
    if (code != 0 || type_end > hi) {
      // Part of one type's codes.
      int last = static_cast<int>(std::min(type_end, hi) & 0xff);
      std::string codes = code == last
                              ? " code " + std::to_string(code)
                              : " codes " + std::to_string(code) + "-" + std::to_string(last);
      if (code == 0 && last == 255) codes.clear();
      parts.push_back("type " + std::to_string(type) + codes + named(type));
      at = std::min(type_end, hi) + 1;
      continue;
    }
    // Whole types, up to the last one the range covers entirely.
    int last = static_cast<int>(((hi + 1) >> 8) - 1);
    parts.push_back(last == type ? "type " + std::to_string(type) + named(type)
                                 : "types " + std::to_string(type) + "-" + std::to_string(last));
    at = (static_cast<std::uint64_t>(last) + 1) << 8;
  }
  std::string out;
  for (const std::string& p : parts) out += (out.empty() ? "" : ", ") + p;
  return out;
}

}  // namespace vpcreach
