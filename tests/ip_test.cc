#include "model/ip.h"

#include <gtest/gtest.h>

namespace vpcreach {
namespace {

TEST(ParseIpv4Test, AcceptsDottedQuads) {
  EXPECT_EQ(ParseIpv4("0.0.0.0"), 0u);
  EXPECT_EQ(ParseIpv4("10.1.2.3"), 0x0a010203u);
  EXPECT_EQ(ParseIpv4("255.255.255.255"), 0xffffffffu);
}

TEST(ParseIpv4Test, RejectsMalformedAddresses) {
  for (const char* text :
       {"", "10", "10.1.2", "10.1.2.3.4", "10.1.2.256", "10.1.2.-1", "10.01.2.3", "10.1.2.3 ",
        " 10.1.2.3", "10..2.3", "a.b.c.d", "10.1.2.3/32", "1000.1.2.3"}) {
    EXPECT_EQ(ParseIpv4(text), std::nullopt) << text;
  }
}

TEST(FormatIpv4Test, RoundTrips) {
  for (const char* text : {"0.0.0.0", "10.1.16.4", "192.168.255.1", "255.255.255.255"}) {
    EXPECT_EQ(FormatIpv4(*ParseIpv4(text)), text);
  }
}

TEST(ParseCidrTest, AcceptsCanonicalBlocks) {
  auto cidr = ParseCidr("10.1.16.0/20");
  ASSERT_TRUE(cidr);
  EXPECT_EQ(cidr->base, 0x0a011000u);
  EXPECT_EQ(cidr->length, 20);
  EXPECT_EQ(cidr->ToString(), "10.1.16.0/20");
  EXPECT_EQ(ParseCidr("0.0.0.0/0"), (Cidr{0, 0}));
  EXPECT_EQ(ParseCidr("10.1.2.3/32"), (Cidr{0x0a010203u, 32}));
}

TEST(ParseCidrTest, ExplainsHostBits) {
  std::string error;
  EXPECT_EQ(ParseCidr("10.1.0.5/16", &error), std::nullopt);
  EXPECT_EQ(error, "host bits are set in '10.1.0.5/16'; did you mean 10.1.0.0/16?");
}

TEST(ParseCidrTest, ExplainsMalformedBlocks) {
  for (const char* text : {"10.0.0.0/33", "10.0.0.0/", "10.0.0/8", "10.0.0.0/-1", "10.0.0.0/08",
                           "/8", "10.0.0.0/8/8", "tcp"}) {
    std::string error;
    EXPECT_EQ(ParseCidr(text, &error), std::nullopt) << text;
    EXPECT_EQ(error, "expected a CIDR such as 10.0.0.0/16, got '" + std::string(text) + "'");
  }
}

TEST(ParseCidrTest, BareAddressOnlyWhenAllowed) {
  std::string error;
  EXPECT_EQ(ParseCidr("10.0.0.5", &error), std::nullopt);
  EXPECT_EQ(error, "expected a CIDR such as 10.0.0.0/16, got '10.0.0.5'");
  EXPECT_EQ(ParseCidr("10.0.0.5", nullptr, true), HostCidr(0x0a000005u));
}

// IPv6 blocks and addresses are not malformed, only not modelled yet: the error says so.
TEST(ParseCidrTest, Ipv6IsNotModelledYetRatherThanMalformed) {
  for (const char* text : {"::/0", "2001:db8::/64"}) {
    std::string error;
    EXPECT_EQ(ParseCidr(text, &error), std::nullopt) << text;
    EXPECT_EQ(error, "IPv6 is not modelled yet: vpcreach checks IPv4 traffic only, got '" +
                         std::string(text) + "'; write an IPv4 block, or leave the IPv6 one out");
  }
  std::string error;
  EXPECT_EQ(ParseCidr("2001:db8::1", &error, /*allow_bare_address=*/true), std::nullopt);
  EXPECT_EQ(error.substr(0, 28), "IPv6 is not modelled yet: vp");
  // Not IPv6 either: the usual message.
  for (const char* text : {"2001:db8::1", "fe80::zz/64", "::/129"}) {
    EXPECT_EQ(ParseCidr(text, &error), std::nullopt) << text;
    EXPECT_EQ(error, "expected a CIDR such as 10.0.0.0/16, got '" + std::string(text) + "'");
  }
}

TEST(CidrTest, HostAndWholeSpaceBlocks) {
  Cidr host = HostCidr(*ParseIpv4("10.1.2.3"));
  EXPECT_EQ(host.First(), host.Last());
  EXPECT_EQ(host.Size(), 1u);
  EXPECT_TRUE(host.Contains(*ParseIpv4("10.1.2.3")));
  EXPECT_FALSE(host.Contains(*ParseIpv4("10.1.2.4")));
  EXPECT_FALSE(host.Overlaps(*ParseCidr("10.1.2.4/30")));
  EXPECT_EQ(HostCidr(0xffffffffu).Last(), 0xffffffffu);
}

TEST(CidrTest, FirstLastContainsOverlaps) {
  Cidr vpc = *ParseCidr("10.1.0.0/16");
  Cidr subnet = *ParseCidr("10.1.16.0/20");
  EXPECT_EQ(FormatIpv4(subnet.First()), "10.1.16.0");
  EXPECT_EQ(FormatIpv4(subnet.Last()), "10.1.31.255");
  EXPECT_EQ(subnet.Size(), 4096u);
  EXPECT_TRUE(vpc.Contains(subnet));
  EXPECT_FALSE(subnet.Contains(vpc));
  EXPECT_TRUE(subnet.Overlaps(vpc));
  EXPECT_FALSE(subnet.Overlaps(*ParseCidr("10.1.32.0/20")));
  EXPECT_EQ((Cidr{0, 0}).Last(), 0xffffffffu);
  EXPECT_EQ((Cidr{0, 0}).Size(), std::uint64_t{1} << 32);
}

IpRangeSet Set(std::initializer_list<const char*> cidrs) {
  IpRangeSet set;
  for (const char* c : cidrs) set.Add(*ParseCidr(c));
  return set;
}

TEST(IpRangeSetTest, AddMergesAdjacentAndOverlappingRanges) {
  IpRangeSet set = Set({"10.0.1.0/24", "10.0.0.0/24"});
  EXPECT_EQ(set.Ranges().size(), 1u);
  EXPECT_EQ(set.ToString(), "10.0.0.0/23");
  set.Add(*ParseCidr("10.0.0.128/25"));
  EXPECT_EQ(set.ToString(), "10.0.0.0/23");
  set.Add(*ParseCidr("10.0.4.0/24"));
  EXPECT_EQ(set.ToString(), "10.0.0.0/23, 10.0.4.0/24");
  // Fills the gap exactly: the three ranges become one (no two ranges are ever adjacent).
  set.Add(IpRange{*ParseIpv4("10.0.2.0"), *ParseIpv4("10.0.3.255")});
  EXPECT_EQ(set.ToString(), "10.0.0.0-10.0.4.255");
  EXPECT_EQ(set.Ranges().size(), 1u);
}

TEST(IpRangeSetTest, EqualSetsCompareEqualWhateverTheOrderOfAdds) {
  EXPECT_EQ(Set({"10.0.0.0/24", "10.0.1.0/24", "10.0.3.0/24"}),
            Set({"10.0.3.0/24", "10.0.1.0/24", "10.0.0.0/24"}));
  EXPECT_NE(Set({"10.0.0.0/24"}), Set({"10.0.1.0/24"}));
}

TEST(IpRangeSetTest, SubtractSplitsRanges) {
  IpRangeSet set = IpRangeSet::Of(*ParseCidr("10.0.0.0/8"));
  set.Subtract(*ParseCidr("10.1.0.0/16"));
  EXPECT_EQ(set.ToString(), "10.0.0.0/16, 10.2.0.0-10.255.255.255");
  EXPECT_FALSE(set.Contains(*ParseIpv4("10.1.2.3")));
  EXPECT_TRUE(set.Contains(*ParseIpv4("10.0.255.255")));
  EXPECT_TRUE(set.Contains(*ParseIpv4("10.2.0.0")));
  set.Subtract(*ParseCidr("0.0.0.0/0"));
  EXPECT_TRUE(set.Empty());
}

TEST(IpRangeSetTest, SubtractAtTheEdgesOfTheAddressSpace) {
  IpRangeSet all = IpRangeSet::All();
  all.Subtract(HostCidr(0));
  all.Subtract(HostCidr(0xffffffffu));
  EXPECT_EQ(all.ToString(), "0.0.0.1-255.255.255.254");
  EXPECT_FALSE(all.Contains(0));
  EXPECT_TRUE(all.Contains(1));
}

TEST(IpRangeSetTest, IntersectKeepsOnlyCommonAddresses) {
  IpRangeSet a = Set({"10.0.0.0/16", "192.168.0.0/16"});
  IpRangeSet b = Set({"10.0.128.0/17", "172.16.0.0/12", "192.168.1.0/24"});
  EXPECT_EQ(a.Intersect(b).ToString(), "10.0.128.0/17, 192.168.1.0/24");
  EXPECT_EQ(b.Intersect(a), a.Intersect(b));
  EXPECT_TRUE(a.Intersect(IpRangeSet()).Empty());
  EXPECT_EQ(a.Intersect(IpRangeSet::All()), a);
}

TEST(IpRangeSetTest, ToStringPrintsCidrsOnlyForAlignedPowersOfTwo) {
  IpRangeSet set;
  set.Add(IpRange{*ParseIpv4("10.0.0.1"), *ParseIpv4("10.0.0.2")});
  EXPECT_EQ(set.ToString(), "10.0.0.1-10.0.0.2");
  EXPECT_EQ(IpRangeSet::All().ToString(), "0.0.0.0/0");
  EXPECT_EQ(IpRangeSet().ToString(), "");
}

// IPv6 blocks live beside the IPv4 ones: each family merges, subtracts and intersects on its
// own, at the very ends of its space too, and never meets the other.
TEST(IpRangeSetTest, HoldsBothFamiliesApart) {
  Ipv6Cidr doc = *ParseIpv6Cidr("2001:db8::/32");
  IpRangeSet set = Set({"10.0.0.0/8"});
  set.Add(doc);
  set.Add(*ParseIpv6Cidr("2001:db9::/32"));  // adjacent: one range
  EXPECT_EQ(set.ToString(), "10.0.0.0/8, 2001:db8::/31");
  EXPECT_TRUE(set.Contains(IpAddress::V6(*ParseIpv6("2001:db9::1"))));
  EXPECT_FALSE(set.Contains(IpAddress::V6(*ParseIpv6("2001:dba::"))));
  // 10.0.0.1 as an IPv4 address is in the set; its value as an IPv6 address (::a00:1) is not.
  EXPECT_TRUE(set.Contains(IpAddress(*ParseIpv4("10.0.0.1"))));
  EXPECT_FALSE(set.Contains(IpAddress::V6(*ParseIpv4("10.0.0.1"))));
  EXPECT_TRUE(set.HasFamily(Family::kIpv4));
  EXPECT_TRUE(set.HasFamily(Family::kIpv6));

  set.Subtract(*ParseIpv6Cidr("2001:db8:0:1::/64"));
  EXPECT_EQ(set.ToString(),
            "10.0.0.0/8, 2001:db8::/64, 2001:db8:0:2::-2001:db9:ffff:ffff:ffff:ffff:ffff:ffff");
  set.Subtract(IpCidr(*ParseCidr("0.0.0.0/0")));
  EXPECT_FALSE(set.HasFamily(Family::kIpv4));
  EXPECT_EQ(set.First(), IpAddress::V6(*ParseIpv6("2001:db8::")));

  IpRangeSet all6;
  all6.Add(AllAddresses(Family::kIpv6));
  EXPECT_EQ(all6.ToString(), "::/0");
  all6.Subtract(*ParseIpv6Cidr("::/128"));
  all6.Subtract(*ParseIpv6Cidr("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128"));
  EXPECT_EQ(all6.ToString(), "::1-ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffe");
  EXPECT_EQ(all6.Intersect(set), set);
  EXPECT_TRUE(Set({"10.0.0.0/8"}).Intersect(all6).Empty());
}

TEST(Rfc1918Test, KnowsThePrivateBlocks) {
  EXPECT_TRUE(IsRfc1918(*ParseIpv4("10.255.0.1")));
  EXPECT_TRUE(IsRfc1918(*ParseIpv4("172.31.255.255")));
  EXPECT_FALSE(IsRfc1918(*ParseIpv4("172.32.0.0")));
  EXPECT_TRUE(IsRfc1918(*ParseIpv4("192.168.0.0")));
  EXPECT_FALSE(IsRfc1918(*ParseIpv4("52.0.0.10")));
  EXPECT_EQ(Rfc1918Blocks().size(), 3u);
}

}  // namespace
}  // namespace vpcreach
