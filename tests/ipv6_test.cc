#include "model/ipv6.h"

#include <gtest/gtest.h>

namespace vpcreach {
namespace {

constexpr Ipv6 Address(unsigned a, unsigned b, unsigned c, unsigned d, unsigned e, unsigned f,
                       unsigned g, unsigned h) {
  Ipv6 out = 0;
  for (unsigned group : {a, b, c, d, e, f, g, h}) out = (out << 16) | group;
  return out;
}

TEST(ParseIpv6Test, AcceptsTheTextFormsOfRfc4291) {
  EXPECT_EQ(ParseIpv6("2001:db8:0:0:0:0:0:1"), Address(0x2001, 0xdb8, 0, 0, 0, 0, 0, 1));
  EXPECT_EQ(ParseIpv6("2001:DB8::1"), Address(0x2001, 0xdb8, 0, 0, 0, 0, 0, 1));
  EXPECT_EQ(ParseIpv6("2001:0db8:0000::0001"), Address(0x2001, 0xdb8, 0, 0, 0, 0, 0, 1));
  EXPECT_EQ(ParseIpv6("::"), Ipv6{0});
  EXPECT_EQ(ParseIpv6("::1"), Ipv6{1});
  EXPECT_EQ(ParseIpv6("2600:1f18::"), Address(0x2600, 0x1f18, 0, 0, 0, 0, 0, 0));
  EXPECT_EQ(ParseIpv6("1:2:3:4:5:6:7::"), Address(1, 2, 3, 4, 5, 6, 7, 0));
  EXPECT_EQ(ParseIpv6("::2:3:4:5:6:7:8"), Address(0, 2, 3, 4, 5, 6, 7, 8));
  EXPECT_EQ(ParseIpv6("::ffff:10.0.0.1"), Address(0, 0, 0, 0, 0, 0xffff, 0x0a00, 0x0001));
  EXPECT_EQ(ParseIpv6("1:2:3:4:5:6:192.0.2.1"), Address(1, 2, 3, 4, 5, 6, 0xc000, 0x0201));
}

TEST(ParseIpv6Test, RejectsMalformedAddresses) {
  for (const char* text : {"",
                           ":",
                           ":::",
                           "1::2::3",
                           "1:2:3:4:5:6:7",
                           "1:2:3:4:5:6:7:8:9",
                           "1:2:3:4:5:6:7:8::",
                           "::1:2:3:4:5:6:7:8",
                           "12345::",
                           "g::",
                           "1:2:3:4:5:6:7:",
                           ":1:2:3:4:5:6:7",
                           "10.0.0.1",
                           "::10.0.0.1:1",
                           "1.2.3.4::",
                           " ::1",
                           "::1 ",
                           "fe80::1%eth0",
                           "[::1]",
                           "2001:db8::/56"}) {
    EXPECT_EQ(ParseIpv6(text), std::nullopt) << text;
  }
}

TEST(FormatIpv6Test, WritesRfc5952sCanonicalText) {
  for (const char* text :
       {"::", "::1", "1::", "2001:db8::1", "2001:db8:0:100::", "2001:db8::1:0:0:1",
        "2001:db8:0:1:1:1:1:1", "2600:1f18:2b4:ea00::", "1:0:0:2::3",
        "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"}) {
    EXPECT_EQ(FormatIpv6(*ParseIpv6(text)), text);
  }
  // One zero group is not shortened; of equal runs the first is; leading zeros go.
  EXPECT_EQ(FormatIpv6(*ParseIpv6("2001:db8:0:1:1:1:1:1")), "2001:db8:0:1:1:1:1:1");
  EXPECT_EQ(FormatIpv6(*ParseIpv6("2001:0:0:1:0:0:1:1")), "2001::1:0:0:1:1");
  EXPECT_EQ(FormatIpv6(*ParseIpv6("2001:DB8:00AB::")), "2001:db8:ab::");
}

TEST(FormatIpv6Test, ExpandedWritesAllEightGroups) {
  EXPECT_EQ(FormatIpv6Expanded(*ParseIpv6("2406:da1c:a1e:1234::")), "2406:da1c:a1e:1234:0:0:0:0");
  EXPECT_EQ(FormatIpv6Expanded(0), "0:0:0:0:0:0:0:0");
  EXPECT_EQ(FormatIpv6Expanded(*ParseIpv6("2001:DB8::00ff")), "2001:db8:0:0:0:0:0:ff");
}

TEST(ParseIpv6CidrTest, AcceptsCanonicalBlocks) {
  auto block = ParseIpv6Cidr("2001:db8:0:100::/56");
  ASSERT_TRUE(block);
  EXPECT_EQ(block->base, Address(0x2001, 0xdb8, 0, 0x100, 0, 0, 0, 0));
  EXPECT_EQ(block->length, 56);
  EXPECT_EQ(block->ToString(), "2001:db8:0:100::/56");
  EXPECT_EQ(ParseIpv6Cidr("::/0")->ToString(), "::/0");
  EXPECT_EQ(ParseIpv6Cidr("2001:db8:0:0:0:0:0:1/128")->ToString(), "2001:db8::1/128");
  EXPECT_EQ(ParseIpv6Cidr("2406:da1c:a1e:1234:0:0:0:0/64")->ToString(), "2406:da1c:a1e:1234::/64");
}

TEST(ParseIpv6CidrTest, SaysWhatIsWrong) {
  std::string error;
  EXPECT_EQ(ParseIpv6Cidr("2001:db8::1/64", &error), std::nullopt);
  EXPECT_EQ(error, "host bits are set in '2001:db8::1/64'; did you mean 2001:db8::/64?");
  EXPECT_EQ(ParseIpv6Cidr("2001:db8:0:180::/56", &error), std::nullopt);
  EXPECT_EQ(error, "host bits are set in '2001:db8:0:180::/56'; did you mean 2001:db8:0:100::/56?");
  EXPECT_EQ(ParseIpv6Cidr("::1/0", &error), std::nullopt);
  EXPECT_EQ(error, "host bits are set in '::1/0'; did you mean ::/0?");
  for (const char* text : {"2001:db8::", "2001:db8::/129", "2001:db8::/056", "2001:db8::/",
                           "2001:db8:::/56", "10.0.0.0/16", "2001:db8::/-1", "2001:db8::/ 56"}) {
    EXPECT_EQ(ParseIpv6Cidr(text, &error), std::nullopt) << text;
    EXPECT_EQ(error,
              "expected an IPv6 CIDR such as 2001:db8::/56, got '" + std::string(text) + "'");
  }
}

TEST(Ipv6CidrTest, HostMask) {
  EXPECT_EQ((Ipv6Cidr{0, 128}.HostMask()), Ipv6{0});
  EXPECT_EQ((Ipv6Cidr{0, 64}.HostMask()), (Ipv6{1} << 64) - 1);
  EXPECT_EQ((Ipv6Cidr{0, 0}.HostMask()), ~Ipv6{0});
}

}  // namespace
}  // namespace vpcreach
