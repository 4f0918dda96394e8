// PacketSet: exact examples, algebraic laws on random sets, and a naive concrete evaluator (the
// oracle) that decides membership of one packet in the same construction without any BDD.
#include "sim/packet_set.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "model/model.h"

namespace vpcreach {

// Failure messages show a set as its cubes (ADL finds this for EXPECT_EQ on PacketSets).
static void PrintTo(const PacketSet& s, std::ostream* os) {
  auto cubes = s.Cubes(8);
  if (!cubes) {
    *os << "{more than 8 cubes, " << s.NodeCount() << " nodes}";
    return;
  }
  *os << "{";
  for (size_t i = 0; i < cubes->size(); ++i) *os << (i ? " | " : "") << FormatCube((*cubes)[i]);
  *os << "}";
}

namespace {

constexpr Field kFields[] = {Field::kProtocol, Field::kDst, Field::kSrc, Field::kDstPort,
                             Field::kSrcPort};
const double kTwo = 2.0;
// Headers of each family: 8 + 2 * 32 + 2 * 16 bits of IPv4 ones, 8 + 2 * 128 + 2 * 16 of IPv6.
const double kIpv4Headers = std::pow(kTwo, 104);
const double kIpv6Headers = std::pow(kTwo, 296);
// Packets of both families that a condition on protocol and ports alone holds, `v4_count` of
// them IPv4: every IPv6 address pair for each IPv4 one.
double BothFamilies(double v4_count) { return v4_count * (1 + std::pow(kTwo, 192)); }

// The largest value of `f` in IPv4 packets (addresses: 32 bits).
std::uint64_t Max(Field f) { return (std::uint64_t{1} << FieldBits(f, Family::kIpv4)) - 1; }

void SetField(Packet* p, Field f, std::uint64_t v) {
  switch (f) {
    case Field::kProtocol:
      p->protocol = static_cast<int>(v);
      break;
    case Field::kDst:  // keeps the family: an IPv6 address's low 64 bits
      p->dst = p->dst.is_v4() ? IpAddress(static_cast<Ipv4>(v))
                              : IpAddress::V6((p->dst.v6() >> 64 << 64) | v);
      break;
    case Field::kSrc:
      p->src = p->src.is_v4() ? IpAddress(static_cast<Ipv4>(v))
                              : IpAddress::V6((p->src.v6() >> 64 << 64) | v);
      break;
    case Field::kDstPort:
      p->dst_port = static_cast<std::uint16_t>(v);
      break;
    case Field::kSrcPort:
      p->src_port = static_cast<std::uint16_t>(v);
      break;
  }
}

Packet With(Packet p, Field f, std::uint64_t v) {
  SetField(&p, f, v);
  return p;
}

// ---- random constructions and the oracle that evaluates them on one packet ----

struct Expr;
using ExprPtr = std::shared_ptr<const Expr>;

struct Expr {
  enum class Kind {
    kRange,
    kPrefix,
    kPacket,
    kCube,
    kUniverse,  // leaves
    kUnion,
    kIntersect,
    kDiff,
    kComplement,
    kReversed,
  };
  Kind kind = Kind::kUniverse;
  Field field = Field::kProtocol;
  std::uint64_t lo = 0, hi = 0;
  IpCidr cidr;
  Packet packet;
  Cube cube;
  ExprPtr a, b;
};

PacketSet Build(const Expr& e) {
  using K = Expr::Kind;
  switch (e.kind) {
    case K::kRange:
      return PacketSet::Range(e.field, e.lo, e.hi);
    case K::kPrefix:
      return PacketSet::Prefix(e.field, e.cidr);
    case K::kPacket:
      return PacketSet::Of(e.packet);
    case K::kCube:
      return PacketSet::Of(e.cube);
    case K::kUniverse:
      return PacketSet::Universe();
    case K::kUnion:
      return Build(*e.a) | Build(*e.b);
    case K::kIntersect:
      return Build(*e.a) & Build(*e.b);
    case K::kDiff:
      return Build(*e.a) - Build(*e.b);
    case K::kComplement:
      return ~Build(*e.a);
    case K::kReversed:
      return Build(*e.a).Reversed();
  }
  return PacketSet();
}

// The oracle: no BDDs, only the definitions.
bool Holds(const Expr& e, const Packet& p) {
  using K = Expr::Kind;
  switch (e.kind) {
    case K::kRange: {  // an address range speaks of IPv4 addresses: IPv4 packets only
      if (IsAddress(e.field) && p.family() != Family::kIpv4) return false;
      FieldWord v = FieldValue(p, e.field);
      return e.lo <= v && v <= e.hi;
    }
    case K::kPrefix:
      return e.cidr.Contains(e.field == Field::kSrc ? p.src : p.dst);
    case K::kPacket:
      return p == e.packet;
    case K::kCube:
      return p.family() == e.cube.family &&
             std::all_of(std::begin(kFields), std::end(kFields), [&](Field f) {
               FieldWord v = FieldValue(p, f);
               return e.cube[f].lo <= v && v <= e.cube[f].hi;
             });
    case K::kUniverse:
      if (p.protocol == kIcmp) return p == IcmpPacket(p.src, p.dst, IcmpType(p), IcmpCode(p));
      return HasPorts(p.protocol) || (p.src_port == 0 && p.dst_port == 0);
    case K::kUnion:
      return Holds(*e.a, p) || Holds(*e.b, p);
    case K::kIntersect:
      return Holds(*e.a, p) && Holds(*e.b, p);
    case K::kDiff:
      return Holds(*e.a, p) && !Holds(*e.b, p);
    case K::kComplement:
      return !Holds(*e.a, p);
    case K::kReversed:
      return Holds(*e.a, p.Reversed());
  }
  return false;
}

// Random sets and packets drawn so that they meet: packets take values at and next to the
// boundaries the sets were built from.
class Generator {
 public:
  explicit Generator(unsigned seed) : rng_(seed) {}

  std::uint64_t Uniform(std::uint64_t lo, std::uint64_t hi) {
    return std::uniform_int_distribution<std::uint64_t>(lo, hi)(rng_);
  }
  bool Chance(int percent) { return Uniform(0, 99) < static_cast<std::uint64_t>(percent); }
  Field AnyField() { return kFields[Uniform(0, 4)]; }

  // A value of `f`: a remembered boundary (or next to one), a special value, or anything.
  std::uint64_t Value(Field f) {
    std::vector<std::uint64_t>& pool = pool_[static_cast<int>(f)];
    std::uint64_t r = Uniform(0, 9);
    if (r < 5 && !pool.empty()) {
      std::uint64_t v = pool[Uniform(0, pool.size() - 1)];
      std::uint64_t d = Uniform(0, 2);
      if (d == 1 && v < Max(f)) return v + 1;
      if (d == 2 && v > 0) return v - 1;
      return v;
    }
    if (r < 8) {
      switch (f) {
        case Field::kProtocol: {
          constexpr std::uint64_t kProtocols[] = {kTcp, kUdp, kIcmp, kEsp, 0, 255};
          return kProtocols[Uniform(0, 5)];
        }
        case Field::kDstPort:
        case Field::kSrcPort: {
          constexpr std::uint64_t kPorts[] = {0, 22, 443, 1023, 1024, 1025, 2047, 2048, 65535};
          return kPorts[Uniform(0, 8)];
        }
        default:
          return Chance(50) ? 0x0a000000 + Uniform(0, 0xffff) : Max(f);
      }
    }
    return Uniform(0, Max(f));
  }

  // One packet in four is IPv6: its addresses in 2001:db8::/64, their low 64 bits drawn as
  // IPv4 ones are (so prefixes of that /64 and packets meet at their boundaries).
  Packet AnyPacket() {
    Packet p;
    if (Chance(25)) {
      p.src = IpAddress::V6(kIpv6Base);
      p.dst = IpAddress::V6(kIpv6Base);
    }
    for (Field f : kFields) SetField(&p, f, Value(f));
    return p;
  }

  ExprPtr Leaf() {
    auto e = std::make_shared<Expr>();
    using K = Expr::Kind;
    switch (Uniform(0, 5)) {
      case 0:
      case 1: {
        e->kind = K::kRange;
        e->field = AnyField();
        e->lo = Value(e->field);
        e->hi = Chance(50) ? std::min(Max(e->field), e->lo + Uniform(0, 3000)) : Value(e->field);
        if (e->lo > e->hi) std::swap(e->lo, e->hi);
        Remember(e->field, e->lo);
        Remember(e->field, e->hi);
        break;
      }
      case 2: {
        e->kind = K::kPrefix;
        e->field = Chance(50) ? Field::kSrc : Field::kDst;
        if (Chance(30)) {  // IPv6: the documentation /64 or a block inside it, or ::/0
          int length = Chance(10) ? 0 : 64 + static_cast<int>(Uniform(0, 32));
          Ipv6 low = Value(e->field);
          Ipv6 host = length == 0 ? ~Ipv6{0} : (Ipv6{1} << (128 - length)) - 1;
          e->cidr = Ipv6Cidr{length == 0 ? 0 : (kIpv6Base | low) & ~host, length};
          break;
        }
        int length = static_cast<int>(Uniform(0, 32));
        Ipv4 mask = length == 0 ? 0 : 0xffffffffu << (32 - length);
        Cidr cidr{static_cast<Ipv4>(Value(e->field)) & mask, length};
        e->cidr = cidr;
        Remember(e->field, cidr.First());
        Remember(e->field, cidr.Last());
        break;
      }
      case 3: {
        e->kind = K::kPacket;
        e->packet = AnyPacket();
        for (Field f : kFields) Remember(f, FieldValue(e->packet, f));
        break;
      }
      case 4: {
        e->kind = K::kCube;
        e->cube.family = Chance(25) ? Family::kIpv6 : Family::kIpv4;
        for (Field f : kFields) {
          if (IsAddress(f) && e->cube.family == Family::kIpv6) {  // within 2001:db8::/64
            std::uint64_t x = Value(f), y = Value(f);
            e->cube[f] = FieldRange{kIpv6Base | std::min(x, y), kIpv6Base | std::max(x, y)};
            continue;
          }
          if (Chance(40)) {
            e->cube[f] = FieldRange{0, Max(f)};
            continue;
          }
          std::uint64_t x = Value(f), y = Value(f);
          e->cube[f] = FieldRange{std::min(x, y), std::max(x, y)};
          Remember(f, x);
          Remember(f, y);
        }
        break;
      }
      default:
        e->kind = K::kUniverse;
        break;
    }
    return e;
  }

  // A random construction `depth` operators deep at most.
  ExprPtr Set(int depth) {
    if (depth == 0 || Chance(20)) return Leaf();
    auto e = std::make_shared<Expr>();
    using K = Expr::Kind;
    constexpr K kOps[] = {K::kUnion, K::kUnion, K::kIntersect, K::kDiff, K::kComplement, K::kReversed};
    e->kind = kOps[Uniform(0, std::size(kOps) - 1)];
    e->a = Set(depth - 1);
    if (e->kind == K::kUnion || e->kind == K::kIntersect || e->kind == K::kDiff)
      e->b = Set(depth - 1);
    return e;
  }

  // A union of random leaves (the "sets" of the algebraic laws).
  PacketSet Union(int n) {
    PacketSet s;
    for (int i = 0; i < n; ++i) s |= Build(*Leaf());
    return s;
  }

 private:
  static constexpr Ipv6 kIpv6Base = Ipv6{0x20010db800000000ull} << 64;  // 2001:db8::/64

  void Remember(Field f, std::uint64_t v) {
    std::vector<std::uint64_t>& pool = pool_[static_cast<int>(f)];
    if (pool.size() < 64) pool.push_back(v);
  }

  std::mt19937_64 rng_;
  std::vector<std::uint64_t> pool_[kFieldCount];
};

// Merges possibly overlapping ranges into sorted, disjoint, non-adjacent ones.
std::vector<FieldRange> Merge(std::vector<FieldRange> ranges) {
  std::sort(ranges.begin(), ranges.end(),
            [](const FieldRange& x, const FieldRange& y) { return x.lo < y.lo; });
  std::vector<FieldRange> out;
  for (const FieldRange& r : ranges) {
    if (!out.empty() && r.lo <= out.back().hi + 1) {
      out.back().hi = std::max(out.back().hi, r.hi);
    } else {
      out.push_back(r);
    }
  }
  return out;
}

class PacketSetTest : public ::testing::Test {
 protected:
  PacketSetManager manager_;
};

Packet Tcp(const char* src, int sport, const char* dst, int dport) {
  return Packet{*ParseIpv4(src), *ParseIpv4(dst), kTcp, static_cast<std::uint16_t>(sport),
                static_cast<std::uint16_t>(dport)};
}

// ---- fields ----

TEST_F(PacketSetTest, DescribesFields) {
  EXPECT_EQ(FieldBits(Field::kProtocol) + FieldBits(Field::kDst) + FieldBits(Field::kSrc) +
                FieldBits(Field::kDstPort) + FieldBits(Field::kSrcPort),
            296);
  EXPECT_EQ(FieldBits(Field::kDst, Family::kIpv4), 32);
  EXPECT_EQ(FieldBits(Field::kSrc, Family::kIpv6), 128);
  EXPECT_EQ(FieldBits(Field::kDstPort, Family::kIpv6), 16);
  EXPECT_STREQ(FieldName(Field::kDstPort), "dst-port");
  EXPECT_STREQ(FieldName(Field::kSrc), "src");
  Packet p = Tcp("10.0.0.1", 40000, "10.0.0.2", 443);
  EXPECT_EQ(FieldValue(p, Field::kProtocol), 6u);
  EXPECT_EQ(FieldValue(p, Field::kSrc), 0x0a000001u);
  EXPECT_EQ(FieldValue(p, Field::kDst), 0x0a000002u);
  EXPECT_EQ(FieldValue(p, Field::kSrcPort), 40000u);
  EXPECT_EQ(FieldValue(p, Field::kDstPort), 443u);
}

// ---- construction ----

TEST_F(PacketSetTest, EmptyAndAll) {
  EXPECT_TRUE(PacketSet().IsEmpty());
  EXPECT_TRUE(PacketSet::Empty().IsEmpty());
  EXPECT_TRUE(PacketSet::All().IsAll());
  EXPECT_EQ(~PacketSet::All(), PacketSet::Empty());
  EXPECT_EQ(PacketSet::All().Count(), kIpv4Headers + kIpv6Headers);
  EXPECT_EQ(PacketSet::OfFamily(Family::kIpv4).Count(), kIpv4Headers);
  EXPECT_EQ(PacketSet::OfFamily(Family::kIpv6).Count(), kIpv6Headers);
  EXPECT_EQ(PacketSet::OfFamily(Family::kIpv4) | PacketSet::OfFamily(Family::kIpv6),
            PacketSet::All());
  EXPECT_EQ(PacketSet::Empty().Count(), 0.0);
  EXPECT_FALSE(PacketSet::Empty().Witness());
}

TEST_F(PacketSetTest, RangeCountsAreExact) {
  EXPECT_EQ(PacketSet::Range(Field::kDstPort, 1024, 65535).Count(),
            BothFamilies(64512 * std::pow(kTwo, 88)));
  EXPECT_EQ(PacketSet::Range(Field::kProtocol, 6, 6).Count(), BothFamilies(std::pow(kTwo, 96)));
  EXPECT_EQ(PacketSet::Range(Field::kDst, 5, 0xfffffffe).Count(),
            (0xfffffffeu - 5 + 1) * std::pow(kTwo, 72));
  EXPECT_EQ(PacketSet::Range(Field::kSrcPort, 1, 65534).Count(),
            BothFamilies(65534 * std::pow(kTwo, 88)));
  EXPECT_EQ(PacketSet::Value(Field::kSrc, 0x0a000001).Count(), std::pow(kTwo, 72));

  Generator gen(1);
  for (int i = 0; i < 300; ++i) {
    Field f = gen.AnyField();
    std::uint64_t x = gen.Uniform(0, Max(f)), y = gen.Uniform(0, Max(f));
    std::uint64_t lo = std::min(x, y), hi = std::max(x, y);
    double v4 =
        static_cast<double>(hi - lo + 1) * std::pow(kTwo, 104 - FieldBits(f, Family::kIpv4));
    // An address range holds IPv4 packets only; the other fields' ranges hold both families.
    EXPECT_EQ(PacketSet::Range(f, lo, hi).Count(), IsAddress(f) ? v4 : BothFamilies(v4))
        << FieldName(f) << " " << lo << "-" << hi;
  }
}

TEST_F(PacketSetTest, RangeEdges) {
  EXPECT_EQ(PacketSet::Range(Field::kDst, 0, 0xffffffff), PacketSet::OfFamily(Family::kIpv4));
  EXPECT_TRUE(PacketSet::Range(Field::kDstPort, 0, 65535).IsAll());
  EXPECT_TRUE(PacketSet::Range(Field::kDstPort, 10, 9).IsEmpty());
  EXPECT_TRUE(PacketSet::Range(Field::kDstPort, 70000, 80000).IsEmpty());
  EXPECT_EQ(PacketSet::Range(Field::kDstPort, 1000, 1u << 20),
            PacketSet::Range(Field::kDstPort, 1000, 65535));
  EXPECT_EQ(PacketSet::Range(Field::kProtocol, 0, 5) | PacketSet::Range(Field::kProtocol, 6, 255),
            PacketSet::All());
}

// The canonical BDD of an interval is two comparison chains below a common prefix: at most
// 2 * bits + 1 nodes. (Being canonical, the node count cannot tell how a set was built, but it
// bounds what every range costs; building is O(bits) BDD operations by construction.)
TEST_F(PacketSetTest, RangesStayLinearInTheFieldWidth) {
  EXPECT_LE(PacketSet::Range(Field::kDstPort, 1, 65534).NodeCount(), 2 * 16 + 2);
  EXPECT_LE(PacketSet::Range(Field::kDst, 1, 0xfffffffe).NodeCount(), 2 * 32 + 2);
  EXPECT_EQ(PacketSet::Value(Field::kSrcPort, 443).NodeCount(), 16);
  Generator gen(2);
  for (int i = 0; i < 300; ++i) {
    Field f = gen.AnyField();
    std::uint64_t x = gen.Uniform(0, Max(f)), y = gen.Uniform(0, Max(f));
    EXPECT_LE(PacketSet::Range(f, std::min(x, y), std::max(x, y)).NodeCount(),
              2 * FieldBits(f, Family::kIpv4) + 2);
  }
}

TEST_F(PacketSetTest, PrefixesAndAddressSetsAreRanges) {
  Generator gen(3);
  for (int i = 0; i < 200; ++i) {
    int length = static_cast<int>(gen.Uniform(0, 32));
    Ipv4 mask = length == 0 ? 0 : 0xffffffffu << (32 - length);
    Cidr cidr{static_cast<Ipv4>(gen.Uniform(0, 0xffffffff)) & mask, length};
    for (Field f : {Field::kSrc, Field::kDst}) {
      EXPECT_EQ(PacketSet::Prefix(f, cidr), PacketSet::Range(f, cidr.First(), cidr.Last()))
          << cidr.ToString();
      // The family's node, then the prefix's bits.
      EXPECT_EQ(PacketSet::Prefix(f, cidr).NodeCount(), length + 1);
    }
  }
  IpRangeSet addresses;
  addresses.Add(*ParseCidr("10.0.0.0/8"));
  addresses.Add(IpRange{*ParseIpv4("192.168.0.7"), *ParseIpv4("192.168.3.1")});
  addresses.Subtract(*ParseCidr("10.1.0.0/16"));
  PacketSet s = PacketSet::Addresses(Field::kDst, addresses);
  for (Ipv4 a : {*ParseIpv4("10.0.0.1"), *ParseIpv4("10.1.0.1"), *ParseIpv4("10.2.0.0"),
                 *ParseIpv4("192.168.0.6"), *ParseIpv4("192.168.0.7"), *ParseIpv4("192.168.3.1"),
                 *ParseIpv4("192.168.3.2"), *ParseIpv4("11.0.0.0")}) {
    Packet p;
    p.dst = a;
    EXPECT_EQ(s.Contains(p), addresses.Contains(a)) << FormatIpv4(a);
  }
  EXPECT_EQ(PacketSet::Addresses(Field::kSrc, IpRangeSet()), PacketSet::Empty());
  EXPECT_EQ(PacketSet::Addresses(Field::kSrc, IpRangeSet::All()),
            PacketSet::OfFamily(Family::kIpv4));
}

TEST_F(PacketSetTest, UniverseHoldsTcpUdpIcmpAndPortlessPacketsWithZeroPorts) {
  PacketSet u = PacketSet::Universe();
  EXPECT_TRUE(u.Contains(Tcp("10.0.0.1", 40000, "10.0.0.2", 443)));
  Packet udp{1, 2, kUdp, 53, 0};
  EXPECT_TRUE(u.Contains(udp));
  Packet esp{1, 2, kEsp, 0, 0};
  EXPECT_TRUE(u.Contains(esp));
  esp.dst_port = 8;
  EXPECT_FALSE(u.Contains(esp));
  // ICMP: any type and code in the destination-port field, the reply's in the source-port field.
  EXPECT_TRUE(u.Contains(IcmpPacket(1, 2, kIcmpEchoRequest, 0)));
  EXPECT_EQ(IcmpPacket(1, 2, kIcmpEchoRequest, 0), (Packet{1, 2, kIcmp, 0x0000, 0x0800}));
  EXPECT_EQ(IcmpPacket(1, 2, 13, 7), (Packet{1, 2, kIcmp, 0x0e00, 0x0d07}));
  EXPECT_TRUE(u.Contains(IcmpPacket(1, 2, 13, 7)));
  EXPECT_TRUE(u.Contains(IcmpPacket(1, 2, 3, 4)));     // one-way: 0
  EXPECT_TRUE(u.Contains(Packet{1, 2, kIcmp, 0, 0}));  // an echo reply, one-way as a request
  EXPECT_FALSE(u.Contains(Packet{1, 2, kIcmp, 0x0e00, 0x0800}));  // echo answered by timestamp
  EXPECT_FALSE(u.Contains(Packet{1, 2, kIcmp, 0x0000, 0x0d00}));  // timestamp without its reply
  EXPECT_EQ(u.Count(), BothFamilies(2 * std::pow(kTwo, 96) + (65536 + 253) * std::pow(kTwo, 64)));
}

TEST_F(PacketSetTest, IcmpTypesAndCodesAreBitRangesOfTheDestinationPortField) {
  EXPECT_EQ(PacketSet::Icmp(IcmpTypeCode{}), PacketSet::Value(Field::kProtocol, kIcmp));
  EXPECT_EQ(PacketSet::Icmp(IcmpTypeCode{8, kAllIcmp}),
            PacketSet::Value(Field::kProtocol, kIcmp) &
                PacketSet::Range(Field::kDstPort, 0x0800, 0x08ff));
  EXPECT_EQ(PacketSet::Icmp(IcmpTypeCode{3, 4}),
            PacketSet::Value(Field::kProtocol, kIcmp) & PacketSet::Value(Field::kDstPort, 0x0304));
  // One code of every type: not an interval, 256 values.
  PacketSet code0 = PacketSet::Icmp(IcmpTypeCode{kAllIcmp, 0});
  // Any addresses (of either family) and source-port field.
  EXPECT_EQ(code0.Count(), BothFamilies(256 * std::pow(kTwo, 80)));
  EXPECT_TRUE(code0.Contains(IcmpPacket(1, 2, 13, 0)));
  EXPECT_FALSE(code0.Contains(IcmpPacket(1, 2, 13, 1)));
  EXPECT_EQ(code0.Values(Field::kDstPort).size(), 256u);
  PacketSet some = PacketSet::Icmp(3, 5, 1, 2);
  for (int type : {2, 3, 4, 5, 6}) {
    for (int code : {0, 1, 2, 3}) {
      bool inside = type >= 3 && type <= 5 && code >= 1 && code <= 2;
      EXPECT_EQ(some.Contains(IcmpPacket(1, 2, type, code)), inside) << type << " " << code;
    }
  }
  EXPECT_FALSE(some.Contains(Tcp("10.0.0.1", 0, "10.0.0.2", 0x0301)));
}

// ---- round trips ----

TEST_F(PacketSetTest, OfPacketHoldsExactlyThatPacket) {
  Generator gen(4);
  for (int i = 0; i < 300; ++i) {
    Packet p = gen.AnyPacket();
    PacketSet s = PacketSet::Of(p);
    EXPECT_TRUE(s.Contains(p)) << FormatPacket(p);
    EXPECT_EQ(s.Count(), 1.0);
    EXPECT_EQ(s.Witness(), p);
    Packet q = gen.AnyPacket();
    EXPECT_EQ(s.Witness(&q), p);
    EXPECT_EQ(s.Contains(q), q == p);
    Field f = gen.AnyField();
    Packet neighbour = With(p, f, FieldValue(p, f) ^ 1);
    EXPECT_FALSE(s.Contains(neighbour));
    for (Field g : kFields) {
      EXPECT_EQ(s.Values(g, p.family()),
                (std::vector<FieldRange>{{FieldValue(p, g), FieldValue(p, g)}}));
    }
    auto cubes = s.Cubes(10);
    ASSERT_TRUE(cubes);
    ASSERT_EQ(cubes->size(), 1u);
    EXPECT_EQ(PacketSet::Of(cubes->front()), s);
  }
  Packet bad;
  bad.protocol = 300;
  EXPECT_TRUE(PacketSet::Of(bad).IsEmpty());
  EXPECT_FALSE(PacketSet::All().Contains(bad));
}

TEST_F(PacketSetTest, OfCubeIsTheProduct) {
  Generator gen(5);
  for (int i = 0; i < 200; ++i) {
    Cube cube;
    double count = 1;
    for (Field f : kFields) {
      std::uint64_t x = gen.Value(f), y = gen.Value(f);
      cube[f] = FieldRange{std::min(x, y), std::max(x, y)};
      count *= static_cast<double>(cube[f].hi - cube[f].lo + 1);
    }
    PacketSet s = PacketSet::Of(cube);
    EXPECT_NEAR(s.Count(), count, count * 1e-12);  // doubles: exact only below 2^53
    auto cubes = s.Cubes(10);
    ASSERT_TRUE(cubes);
    ASSERT_EQ(cubes->size(), 1u);
    for (Field f : kFields) EXPECT_EQ((*cubes)[0][f], cube[f]) << FieldName(f);
  }
}

// ---- membership against the oracle ----

TEST_F(PacketSetTest, ContainsAgreesWithTheConcreteEvaluator) {
  Generator gen(6);
  int in = 0, out = 0;
  for (int round = 0; round < 300; ++round) {
    ExprPtr e = gen.Set(4);
    PacketSet s = Build(*e);
    auto check = [&](const Packet& p) {
      bool expected = Holds(*e, p);
      ASSERT_EQ(s.Contains(p), expected) << "round " << round << ": " << FormatPacket(p);
      ++(expected ? in : out);
    };
    for (int i = 0; i < 40; ++i) check(gen.AnyPacket());
    // Witnesses of the set and of its complement land on both sides of every boundary.
    for (int i = 0; i < 10; ++i) {
      Packet preferred = gen.AnyPacket();
      if (auto w = s.Witness(&preferred)) {
        ASSERT_TRUE(Holds(*e, *w)) << "round " << round << ": " << FormatPacket(*w);
        check(*w);
      }
      if (auto w = (~s).Witness(&preferred)) {
        ASSERT_FALSE(Holds(*e, *w)) << "round " << round << ": " << FormatPacket(*w);
        check(*w);
      }
    }
  }
  // The generator must exercise both answers.
  EXPECT_GT(in, 2000);
  EXPECT_GT(out, 2000);
}

// ---- algebraic laws ----

TEST_F(PacketSetTest, BooleanAlgebraLaws) {
  Generator gen(7);
  for (int i = 0; i < 200; ++i) {
    PacketSet a = gen.Union(3), b = gen.Union(3), c = gen.Union(2);
    EXPECT_EQ(a | b, b | a);
    EXPECT_EQ(a & b, b & a);
    EXPECT_EQ((a | b) | c, a | (b | c));
    EXPECT_EQ((a & b) & c, a & (b & c));
    EXPECT_EQ(a & (b | c), (a & b) | (a & c));
    EXPECT_EQ(a | (b & c), (a | b) & (a | c));
    EXPECT_EQ(~(a | b), ~a & ~b);
    EXPECT_EQ(~(a & b), ~a | ~b);
    EXPECT_EQ(a - b, a & ~b);
    EXPECT_EQ(~~a, a);
    EXPECT_EQ(a | a, a);
    EXPECT_EQ(a & (a | b), a);
    EXPECT_TRUE((a - a).IsEmpty());
    EXPECT_TRUE((a | ~a).IsAll());
    EXPECT_TRUE((a & b).SubsetOf(a));
    EXPECT_TRUE(a.SubsetOf(a | b));
    EXPECT_EQ(a.SubsetOf(b), (a - b).IsEmpty());
    PacketSet d = a;
    d |= b;
    d &= ~c;
    d -= a;
    EXPECT_EQ(d, (b - c) - a);
    // Counting: inclusion-exclusion and complement (exact in doubles within 2^-52 relative).
    double total = kIpv4Headers + kIpv6Headers;
    EXPECT_NEAR((a | b).Count() + (a & b).Count(), a.Count() + b.Count(), total * 1e-14);
    EXPECT_NEAR((~a).Count(), total - a.Count(), total * 1e-14);
  }
}

TEST_F(PacketSetTest, ReversedSwapsAddressesAndPorts) {
  Packet p = Tcp("10.0.0.1", 40000, "151.101.0.1", 443);
  EXPECT_EQ(PacketSet::Of(p).Reversed(), PacketSet::Of(p.Reversed()));
  EXPECT_EQ(PacketSet::Value(Field::kSrcPort, 22).Reversed(),
            PacketSet::Value(Field::kDstPort, 22));
  EXPECT_EQ(PacketSet::Prefix(Field::kDst, *ParseCidr("10.0.0.0/8")).Reversed(),
            PacketSet::Prefix(Field::kSrc, *ParseCidr("10.0.0.0/8")));
  // The universe is its own reversal but for ICMP, whose replies carry the reply's type in the
  // destination-port field and the request's in the source-port field (packet.h).
  PacketSet icmp = PacketSet::Value(Field::kProtocol, kIcmp);
  EXPECT_EQ((PacketSet::Universe() - icmp).Reversed(), PacketSet::Universe() - icmp);
  Packet timestamp = IcmpPacket(1, 2, 13, 5);
  EXPECT_EQ(PacketSet::Of(timestamp).Reversed(),
            PacketSet::Of(Packet{2, 1, kIcmp, 0x0d05, 0x0e00}));
  EXPECT_EQ(IcmpType(timestamp.Reversed()), 14);
  EXPECT_EQ(IcmpCode(timestamp.Reversed()), 0);
  Generator gen(8);
  for (int i = 0; i < 200; ++i) {
    PacketSet a = gen.Union(3), b = gen.Union(3);
    EXPECT_EQ(a.Reversed().Reversed(), a);
    EXPECT_EQ((a | b).Reversed(), a.Reversed() | b.Reversed());
    EXPECT_EQ((a & b).Reversed(), a.Reversed() & b.Reversed());
    EXPECT_EQ((~a).Reversed(), ~a.Reversed());
    EXPECT_NEAR(a.Reversed().Count(), a.Count(), a.Count() * 1e-12);
    Packet q = gen.AnyPacket();
    EXPECT_EQ(a.Reversed().Contains(q), a.Contains(q.Reversed()));
  }
}

TEST_F(PacketSetTest, ForgetQuantifiesOneField) {
  PacketSet web = PacketSet::Value(Field::kProtocol, kTcp) & PacketSet::Value(Field::kDstPort, 443);
  EXPECT_EQ(web.Forget(Field::kDstPort), PacketSet::Value(Field::kProtocol, kTcp));
  EXPECT_EQ(web.Forget(Field::kSrc), web);
  EXPECT_EQ(PacketSet::Empty().Forget(Field::kDst), PacketSet::Empty());
  Generator gen(9);
  for (int i = 0; i < 200; ++i) {
    PacketSet a = gen.Union(3), b = gen.Union(2);
    Field f = gen.AnyField(), g = gen.AnyField();
    PacketSet fa = a.Forget(f);
    EXPECT_EQ(fa.Forget(f), fa);                     // idempotent
    EXPECT_TRUE(a.SubsetOf(fa));                     // extensive
    EXPECT_TRUE(fa.SubsetOf((a | b).Forget(f)));     // monotone
    EXPECT_EQ((a | b).Forget(f), fa | b.Forget(f));  // keeps unions
    EXPECT_EQ(fa.Forget(g), a.Forget(g).Forget(f));  // commutes
    // Pointwise: p is in Forget(a) iff some value of f puts it in a.
    for (int j = 0; j < 20; ++j) {
      Packet p = gen.AnyPacket();
      std::uint64_t v = gen.Value(f);
      if (a.Contains(p)) {
        EXPECT_TRUE(fa.Contains(With(p, f, v)));
      }
      if (!fa.Contains(p)) {
        EXPECT_FALSE(a.Contains(With(p, f, v)));
      }
      if (fa.Contains(p)) {
        // Some packet of a differs from p in f alone.
        auto w = (a & PacketSet::Of(p).Forget(f)).Witness(&p);
        ASSERT_TRUE(w);
        EXPECT_TRUE(a.Contains(*w));
        EXPECT_EQ(With(*w, f, FieldValue(p, f)), p);
      }
    }
  }
}

TEST_F(PacketSetTest, RewriteSetsOneField) {
  Packet p = Tcp("10.0.0.1", 40000, "151.101.0.1", 443);
  Packet nat = p;
  nat.src = *ParseIpv4("54.0.0.1");
  EXPECT_EQ(PacketSet::Of(p).Rewrite(Field::kSrc, nat.src.v4()), PacketSet::Of(nat));
  Generator gen(10);
  for (int i = 0; i < 200; ++i) {
    PacketSet a = gen.Union(3);
    Field f = gen.AnyField();
    std::uint64_t v = gen.Value(f);
    PacketSet r = a.Rewrite(f, v);
    EXPECT_TRUE(r.SubsetOf(PacketSet::Value(f, v)));
    // An address is rewritten to an IPv4 one: the IPv6 packets have no image.
    PacketSet rewritten = IsAddress(f) ? a & PacketSet::OfFamily(Family::kIpv4) : a;
    EXPECT_EQ(r.Forget(f), rewritten.Forget(f));
    EXPECT_EQ(r.IsEmpty(), rewritten.IsEmpty());
    EXPECT_EQ(r.Rewrite(f, v), r);
    for (int j = 0; j < 20; ++j) {
      Packet q = gen.AnyPacket();
      if (rewritten.Contains(q)) {
        EXPECT_TRUE(r.Contains(With(q, f, v)));
      }
      if (auto w = r.Witness(&q)) {
        EXPECT_EQ(FieldValue(*w, f), v);
        EXPECT_TRUE(r.Contains(*w));
      }
    }
  }
}

// ---- witnesses ----

TEST_F(PacketSetTest, WitnessPrefersThenTakesTheSmallest) {
  PacketSet web = PacketSet::Value(Field::kProtocol, kTcp) &
                  PacketSet::Value(Field::kDstPort, 443) &
                  PacketSet::Prefix(Field::kDst, *ParseCidr("151.101.0.0/16"));
  Packet preferred{*ParseIpv4("10.0.0.5"), *ParseIpv4("151.101.7.7"), kUdp, 40000, 80};
  Packet expected{*ParseIpv4("10.0.0.5"), *ParseIpv4("151.101.7.7"), kTcp, 40000, 443};
  EXPECT_EQ(web.Witness(&preferred), expected);
  preferred.dst = *ParseIpv4("8.8.8.8");
  expected.dst = *ParseIpv4("151.101.0.0");  // the smallest the set allows
  EXPECT_EQ(web.Witness(&preferred), expected);
  EXPECT_EQ(web.Witness(), (Packet{0, *ParseIpv4("151.101.0.0"), kTcp, 0, 443}));
  EXPECT_EQ(PacketSet::All().Witness(), (Packet{0, 0, 0, 0, 0}));
  EXPECT_EQ(PacketSet::Universe().Witness(), (Packet{0, 0, 0, 0, 0}));
  EXPECT_EQ((PacketSet::Universe() - PacketSet::Range(Field::kProtocol, 0, 5)).Witness(),
            (Packet{0, 0, kTcp, 0, 0}));
}

TEST_F(PacketSetTest, WitnessIsInTheSetAndGreedyFieldByField) {
  Generator gen(12);
  for (int i = 0; i < 150; ++i) {
    PacketSet s = Build(*gen.Set(3));
    Packet preferred = gen.AnyPacket();
    for (bool use_preferred : {false, true}) {
      auto w = s.Witness(use_preferred ? &preferred : nullptr);
      ASSERT_EQ(w.has_value(), !s.IsEmpty());
      if (!w) continue;
      ASSERT_TRUE(s.Contains(*w));
      if (use_preferred && s.Contains(preferred)) {
        EXPECT_EQ(*w, preferred);
      }
      // The family first: the preferred one when the set has it, else IPv4 when it has it.
      Family family = w->family();
      if (use_preferred && s.HasFamily(preferred.family())) {
        EXPECT_EQ(family, preferred.family());
      } else if (family == Family::kIpv6) {
        EXPECT_FALSE(s.HasFamily(Family::kIpv4));
      }
      // Then field by field: the preferred value when still possible, else the smallest one.
      auto values = [family](Field f, FieldWord lo, FieldWord hi) {
        return IsAddress(f) ? PacketSet::AddressRange(f, IpAddress::Of(family, lo),
                                                      IpAddress::Of(family, hi))
                            : PacketSet::Range(f, static_cast<std::uint64_t>(lo),
                                               static_cast<std::uint64_t>(hi));
      };
      PacketSet fixed = s & PacketSet::OfFamily(family);
      for (Field f : kFields) {
        FieldWord got = FieldValue(*w, f), want = FieldValue(preferred, f);
        bool preferred_possible = use_preferred && preferred.family() == family &&
                                  !(fixed & values(f, want, want)).IsEmpty();
        if (preferred_possible) {
          EXPECT_EQ(got, want) << FieldName(f);
        } else if (got > 0) {
          EXPECT_TRUE((fixed & values(f, 0, got - 1)).IsEmpty()) << FieldName(f);
        }
        fixed &= values(f, got, got);
      }
      EXPECT_EQ(fixed, PacketSet::Of(*w));
    }
  }
}

// ---- projections ----

TEST_F(PacketSetTest, ValuesOfAllButOnePortAreTwoRanges) {
  PacketSet s = ~PacketSet::Value(Field::kDstPort, 443);
  EXPECT_EQ(s.Values(Field::kDstPort), (std::vector<FieldRange>{{0, 442}, {444, 65535}}));
  EXPECT_EQ(s.Values(Field::kDst), (std::vector<FieldRange>{{0, 0xffffffff}}));
  EXPECT_EQ(s.Values(Field::kDstPort, 1), std::nullopt);
  EXPECT_TRUE(s.Values(Field::kDstPort, 2));
  // Every address but one, and every port but the ends: no per-value work.
  PacketSet t =
      ~PacketSet::Value(Field::kSrc, 0x0a000001) & PacketSet::Range(Field::kSrcPort, 1, 65534);
  EXPECT_EQ(t.Values(Field::kSrc),
            (std::vector<FieldRange>{{0, 0x0a000000}, {0x0a000002, 0xffffffff}}));
  EXPECT_EQ(t.Values(Field::kSrcPort), (std::vector<FieldRange>{{1, 65534}}));
  EXPECT_TRUE(PacketSet::Empty().Values(Field::kDst).empty());
  // Even ports: as many ranges as values (the BDD is one node), refused under a limit.
  PacketSet evens;
  for (std::uint64_t p = 0; p < 65536; p += 2) evens |= PacketSet::Value(Field::kDstPort, p);
  EXPECT_EQ(evens.NodeCount(), 1);
  std::vector<FieldRange> values = evens.Values(Field::kDstPort);
  ASSERT_EQ(values.size(), 32768u);
  EXPECT_EQ(values[1], (FieldRange{2, 2}));
  EXPECT_EQ(values.back(), (FieldRange{65534, 65534}));
  EXPECT_EQ(evens.Values(Field::kDstPort, 100), std::nullopt);
  EXPECT_EQ(evens.Cubes(100), std::nullopt);
  // Many ways into the field (one per protocol here): the same answer through the projection.
  PacketSet by_protocol;
  for (std::uint64_t p = 0; p < 200; ++p) {
    by_protocol |=
        PacketSet::Value(Field::kProtocol, p) & PacketSet::Value(Field::kDst, 1000 + 2 * p);
  }
  std::vector<FieldRange> addresses = by_protocol.Values(Field::kDst);
  ASSERT_EQ(addresses.size(), 200u);
  EXPECT_EQ(addresses.front(), (FieldRange{1000, 1000}));
  EXPECT_EQ(addresses.back(), (FieldRange{1398, 1398}));
  EXPECT_EQ(by_protocol.Values(Field::kDst, 199), std::nullopt);
  EXPECT_EQ((by_protocol | PacketSet::Value(Field::kDst, 1001)).Values(Field::kDst).front(),
            (FieldRange{1000, 1002}));
}

TEST_F(PacketSetTest, ValuesGivesBackTheRangesMerged) {
  Generator gen(13);
  for (int i = 0; i < 200; ++i) {
    Field f = gen.AnyField();
    std::vector<FieldRange> ranges;
    PacketSet s;
    int n = static_cast<int>(gen.Uniform(1, 6));
    for (int j = 0; j < n; ++j) {
      std::uint64_t x = gen.Value(f);
      std::uint64_t y = gen.Chance(50) ? std::min(Max(f), x + gen.Uniform(0, 100)) : gen.Value(f);
      FieldRange r{std::min(x, y), std::max(x, y)};
      ranges.push_back(r);
      // Constrain other fields too, with a non-empty set that does not mention f.
      PacketSet other = gen.Union(2).Forget(f) & PacketSet::OfFamily(Family::kIpv4);
      if (other.IsEmpty()) other = PacketSet::All();
      s |= PacketSet::Range(f, r.lo, r.hi) & other;
    }
    EXPECT_EQ(s.Values(f), Merge(ranges)) << FieldName(f);
    // And the projection is the set's shadow: a value is listed iff some packet has it.
    for (const FieldRange& r : s.Values(f)) {
      EXPECT_FALSE((s & PacketSet::Range(f, r.lo, r.hi)).IsEmpty());
    }
  }
}

TEST_F(PacketSetTest, HullIsTheFirstAndLastValueOfTheProjection) {
  EXPECT_EQ(PacketSet::Empty().Hull(Field::kDst), std::nullopt);
  EXPECT_EQ(PacketSet::All().Hull(Field::kSrcPort), (FieldRange{0, 65535}));
  PacketSet two = PacketSet::Value(Field::kDst, 7) | PacketSet::Value(Field::kDst, 0x0a000001);
  EXPECT_EQ(two.Hull(Field::kDst), (FieldRange{7, 0x0a000001}));
  EXPECT_EQ(two.Hull(Field::kSrc), (FieldRange{0, 0xffffffff}));
  Generator gen(23);
  for (int i = 0; i < 300; ++i) {
    Field f = gen.AnyField();
    PacketSet s = gen.Union(3);
    std::optional<FieldRange> hull = s.Hull(f);
    // An address field's hull is of the IPv4 packets (unless asked for another family).
    if (s.IsEmpty() || (IsAddress(f) && !s.HasFamily(Family::kIpv4))) {
      EXPECT_EQ(hull, std::nullopt);
      continue;
    }
    ASSERT_TRUE(hull);
    std::vector<FieldRange> values = s.Values(f);
    EXPECT_EQ(hull->lo, values.front().lo) << FieldName(f);
    EXPECT_EQ(hull->hi, values.back().hi) << FieldName(f);
  }
}

// ---- cubes ----

void ExpectExactDisjointCover(const PacketSet& s, const std::vector<Cube>& cubes) {
  PacketSet cover;
  std::vector<PacketSet> parts;
  for (const Cube& c : cubes) {
    PacketSet part = PacketSet::Of(c);
    ASSERT_FALSE(part.IsEmpty()) << FormatCube(c);
    for (const PacketSet& other : parts) ASSERT_TRUE((part & other).IsEmpty()) << FormatCube(c);
    parts.push_back(part);
    cover |= part;
  }
  EXPECT_EQ(cover, s);
}

TEST_F(PacketSetTest, CubesAreADisjointCover) {
  Generator gen(14);
  int decomposed = 0;
  for (int i = 0; i < 200; ++i) {
    PacketSet s = i % 2 ? gen.Union(static_cast<int>(gen.Uniform(1, 4))) : Build(*gen.Set(3));
    auto cubes = s.Cubes(300);
    if (!cubes) {
      EXPECT_GT(s.Cubes(100000).value_or(std::vector<Cube>(301)).size(), 300u);
      continue;
    }
    ++decomposed;
    ExpectExactDisjointCover(s, *cubes);
    // Sorted by the first field's range, then the next, and so on.
    for (size_t j = 1; j < cubes->size(); ++j) {
      const Cube& x = (*cubes)[j - 1];
      const Cube& y = (*cubes)[j];
      bool ordered = false;
      if (x.family != y.family) {
        ordered = x.family < y.family;  // the family first: IPv4, then IPv6
      } else {
        for (Field f : kFields) {
          if (x[f] == y[f]) continue;
          ordered = x[f].hi < y[f].lo;
          break;
        }
      }
      EXPECT_TRUE(ordered) << FormatCube(x) << " / " << FormatCube(y);
    }
  }
  EXPECT_GT(decomposed, 150);
}

TEST_F(PacketSetTest, CubesRespectTheLimit) {
  EXPECT_EQ(PacketSet::Empty().Cubes(0), std::vector<Cube>());
  auto all = PacketSet::All().Cubes(2);  // one cube per family
  ASSERT_TRUE(all);
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ(FormatCube((*all)[0]), "all");
  EXPECT_EQ(FormatCube((*all)[1]), "ipv6 all");
  EXPECT_EQ(PacketSet::All().Cubes(1), std::nullopt);
  EXPECT_EQ(PacketSet::OfFamily(Family::kIpv4).Cubes(1)->size(), 1u);

  PacketSet points;
  for (int i = 0; i < 10; ++i)
    points |= PacketSet::Of(Tcp("10.0.0.1", 1000 + 7 * i, "10.0.0.2", 443));
  EXPECT_EQ(points.Cubes(9), std::nullopt);
  ASSERT_TRUE(points.Cubes(10));
  EXPECT_EQ(points.Cubes(10)->size(), 10u);

  // Ranges that touch but lead to different residuals stay apart; equal ones merge.
  PacketSet s =
      ((PacketSet::Range(Field::kDstPort, 0, 99) & PacketSet::Value(Field::kSrcPort, 1)) |
       (PacketSet::Range(Field::kDstPort, 100, 199) & PacketSet::Value(Field::kSrcPort, 2)) |
       (PacketSet::Range(Field::kDstPort, 200, 299) & PacketSet::Value(Field::kSrcPort, 2))) &
      PacketSet::OfFamily(Family::kIpv4);
  auto cubes = s.Cubes(10);
  ASSERT_TRUE(cubes);
  ASSERT_EQ(cubes->size(), 2u);
  EXPECT_EQ(FormatCube((*cubes)[0]), "dst-port 0-99 src-port 1");
  EXPECT_EQ(FormatCube((*cubes)[1]), "dst-port 100-299 src-port 2");
}

TEST_F(PacketSetTest, FormatCube) {
  PacketSet web = PacketSet::Value(Field::kProtocol, kTcp) &
                  PacketSet::Prefix(Field::kDst, *ParseCidr("151.101.0.0/16")) &
                  PacketSet::Value(Field::kDstPort, 443) &
                  PacketSet::Range(Field::kSrcPort, 1024, 65535);
  auto cubes = web.Cubes(1);
  ASSERT_TRUE(cubes);
  EXPECT_EQ(FormatCube(cubes->front()), "tcp dst 151.101.0.0/16 dst-port 443 src-port 1024-65535");

  auto format = [](std::vector<std::pair<Field, FieldRange>> fields) {
    Cube c;
    for (Field f : kFields) c[f] = FieldRange{0, Max(f)};
    for (auto& [f, r] : fields) c[f] = r;
    return FormatCube(c);
  };
  EXPECT_EQ(format({}), "all");
  EXPECT_EQ(format({{Field::kProtocol, {0, 5}}}), "protocols 0-5");
  EXPECT_EQ(format({{Field::kProtocol, {50, 50}}}), "esp");
  EXPECT_EQ(format({{Field::kProtocol, {17, 17}}}), "udp");
  EXPECT_EQ(format({{Field::kProtocol, {47, 47}}}), "47");
  EXPECT_EQ(format({{Field::kSrc, {0x0a000001, 0x0a000001}}}), "src 10.0.0.1/32");
  EXPECT_EQ(format({{Field::kDst, {0x0a000001, 0x0a000005}}}), "dst 10.0.0.1-10.0.0.5");
  EXPECT_EQ(format({{Field::kDst, {0, 0x7fffffff}}, {Field::kSrcPort, {53, 53}}}),
            "dst 0.0.0.0/1 src-port 53");
  // Ports that are 0 because the protocol has none are the universe's convention, not news.
  EXPECT_EQ(
      format({{Field::kProtocol, {50, 50}}, {Field::kDstPort, {0, 0}}, {Field::kSrcPort, {0, 0}}}),
      "esp");
  // ICMP: the types and codes, never the port fields.
  EXPECT_EQ(format({{Field::kProtocol, {1, 1}}}), "icmp");
  EXPECT_EQ(format({{Field::kProtocol, {1, 1}}, {Field::kSrcPort, {0, 0}}}), "icmp");
  EXPECT_EQ(
      format({{Field::kProtocol, {1, 1}}, {Field::kDstPort, {0, 0}}, {Field::kSrcPort, {0, 0}}}),
      "icmp type 0 code 0 (echo-reply)");
  EXPECT_EQ(format({{Field::kProtocol, {1, 1}}, {Field::kDstPort, {0x0800, 0x08ff}}}),
            "icmp type 8 (echo-request)");
  EXPECT_EQ(format({{Field::kProtocol, {1, 1}}, {Field::kDstPort, {0x0300, 0x0304}}}),
            "icmp type 3 codes 0-4 (destination-unreachable)");
  EXPECT_EQ(format({{Field::kProtocol, {1, 1}}, {Field::kDstPort, {0x0900, 0x0cff}}}),
            "icmp types 9-12");
  EXPECT_EQ(format({{Field::kProtocol, {1, 1}}, {Field::kDstPort, {0x0805, 0x0a02}}}),
            "icmp type 8 codes 5-255 (echo-request), type 9 (router-advertisement), type 10 "
            "codes 0-2 (router-solicitation)");
  EXPECT_EQ(format({{Field::kProtocol, {1, 1}}, {Field::kDstPort, {0x1300, 0xffff}}}),
            "icmp types 19-255");
  EXPECT_EQ(format({{Field::kProtocol, {6, 6}}, {Field::kDstPort, {0, 0}}}), "tcp dst-port 0");
}

// ---- the manager ----

TEST_F(PacketSetTest, NestedManagersShareTheTable) {
  PacketSet s = PacketSet::Range(Field::kDstPort, 1024, 65535);
  {
    PacketSetManager inner;
    PacketSet t = PacketSet::Range(Field::kDstPort, 1024, 65535);
    EXPECT_EQ(s, t);
  }
  EXPECT_EQ(s.Count(), BothFamilies(64512 * std::pow(kTwo, 88)));
  EXPECT_EQ(s.Reversed().Reversed(), s);  // the cached pairs survive the inner manager too
  EXPECT_GT(PacketSetManager::NodesInUse(), 0);
  EXPECT_FALSE(PacketSetManager::BudgetExceeded());
}

// No fixture: the budget is exact only when the budgeted manager creates the table.
TEST(PacketSetBudgetTest, ABlowUpTripsTheBudgetAndClearingRecovers) {
  // Another test of this process may keep the binary's shared table (test_util.h's Manager()),
  // which a budgeted manager cannot shrink; ctest runs each test in a process of its own.
  if (PacketSetManager::NodesInUse() > 0) {
    GTEST_SKIP() << "a BDD table already lives in this process; run this test alone (as ctest "
                    "does) for its budget to be exact";
  }
  PacketSetManager manager(20000);
  EXPECT_FALSE(PacketSetManager::BudgetExceeded());
  // Each random packet adds about 100 nodes that no other shares: 2,000 of them need ~200,000.
  std::mt19937 rng(15);
  PacketSet s;
  for (int i = 0; i < 2000 && !PacketSetManager::BudgetExceeded(); ++i) {
    Packet p{static_cast<Ipv4>(rng()), static_cast<Ipv4>(rng()), static_cast<int>(rng() % 256),
             static_cast<std::uint16_t>(rng()), static_cast<std::uint16_t>(rng())};
    s |= PacketSet::Of(p);
  }
  EXPECT_TRUE(PacketSetManager::BudgetExceeded());
  EXPECT_LE(PacketSetManager::NodesInUse(), 20000);
  s = PacketSet();  // drop the untrustworthy result
  PacketSetManager::ClearBudgetExceeded();
  EXPECT_FALSE(PacketSetManager::BudgetExceeded());
  Packet p = Tcp("10.0.0.1", 40000, "10.0.0.2", 443);
  PacketSet small = PacketSet::Of(p);
  EXPECT_TRUE(small.Contains(p));
  EXPECT_EQ(small.Count(), 1.0);
  EXPECT_EQ(small.Reversed(), PacketSet::Of(p.Reversed()));
  EXPECT_FALSE(PacketSetManager::BudgetExceeded());
}

TEST(PacketSetBudgetTest, ALaterManagerCannotShrinkTheTable) {
  PacketSetManager outer;
  int size_before = PacketSetManager::NodesInUse();
  {
    PacketSetManager budgeted(1000);  // below the table's size: it stays as large as it is
    PacketSet s = PacketSet::Range(Field::kDst, 7, 100000);
    EXPECT_EQ(s.Count(), (100000 - 7 + 1) * std::pow(kTwo, 72));
    EXPECT_FALSE(PacketSetManager::BudgetExceeded());
  }
  EXPECT_GE(PacketSetManager::NodesInUse(), size_before);
  // The outer limit (none) is back: a big union succeeds.
  std::mt19937 rng(16);
  PacketSet s;
  for (int i = 0; i < 2000; ++i) {
    s |=
        PacketSet::Of(Packet{static_cast<Ipv4>(rng()), static_cast<Ipv4>(rng()), kTcp,
                             static_cast<std::uint16_t>(rng()), static_cast<std::uint16_t>(rng())});
  }
  EXPECT_FALSE(PacketSetManager::BudgetExceeded());
  EXPECT_EQ(s.Count(), 2000.0);
}

}  // namespace
}  // namespace vpcreach
