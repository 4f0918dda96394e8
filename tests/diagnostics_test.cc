#include "model/diagnostics.h"

#include <gtest/gtest.h>

namespace vpcreach {
namespace {

TEST(DiagnosticsTest, StartsEmpty) {
  Diagnostics d;
  EXPECT_TRUE(d.Empty());
  EXPECT_EQ(d.Size(), 0u);
  EXPECT_EQ(d.Format(), "");
}

TEST(DiagnosticsTest, HeadlineHasFileLineColumnPathAndMessage) {
  Diagnostic d{SourceLocation{"s.yaml", 4, 9}, "subnets.a.cidr", "missing required key 'cidr'"};
  EXPECT_EQ(Diagnostics::Headline(d), "s.yaml:4:9: subnets.a.cidr: missing required key 'cidr'");
}

TEST(DiagnosticsTest, HeadlineLeavesOutAnUnknownLineAndAnEmptyPath) {
  Diagnostic d{SourceLocation{"gone.yaml", 0, 0}, "", "cannot read file: No such file"};
  EXPECT_EQ(Diagnostics::Headline(d), "gone.yaml: cannot read file: No such file");
}

TEST(DiagnosticsTest, FormatEchoesTheLineWithACaretUnderTheColumn) {
  Diagnostics d;
  d.AddSource("s.yaml", "vpcreach: 1\nvpcs:\n  lab: {cidr: 10.1.0.5/16}\n");
  d.Add(SourceLocation{"s.yaml", 3, 15}, "vpcs.lab.cidr", "host bits are set");
  EXPECT_EQ(d.Format(),
            "s.yaml:3:15: vpcs.lab.cidr: host bits are set\n"
            "      lab: {cidr: 10.1.0.5/16}\n"
            "                  ^\n");
}

TEST(DiagnosticsTest, FormatKeepsTabsSoTheCaretLinesUp) {
  Diagnostics d;
  d.AddSource("t.yaml", "\tkey: value\r\n");
  d.Add(SourceLocation{"t.yaml", 1, 7}, "", "bad value");
  EXPECT_EQ(d.Format(), "t.yaml:1:7: bad value\n    \tkey: value\n    \t     ^\n");
}

TEST(DiagnosticsTest, FormatEchoesNothingWithoutSourceOrOutsideIt) {
  Diagnostics d;
  d.AddSource("s.yaml", "one line\n");
  d.Add(SourceLocation{"s.yaml", 2, 1}, "", "past the end");
  d.Add(SourceLocation{"other.yaml", 1, 1}, "", "no source");
  d.Add(SourceLocation{"s.yaml", 0, 0}, "", "no line");
  EXPECT_EQ(d.Format(), "s.yaml:2:1: past the end\nother.yaml:1:1: no source\ns.yaml: no line\n");
  EXPECT_EQ(d.Size(), 3u);
  EXPECT_EQ(d.Items()[1].message, "no source");
}

TEST(ClosestMatchTest, SuggestsTheNearestCandidate) {
  EXPECT_EQ(ClosestMatch("cider", {"cidr", "vpc", "az"}), "cidr");
  EXPECT_EQ(ClosestMatch("privat", {"public", "private"}), "private");
  EXPECT_EQ(ClosestMatch("subnet", {"subnets", "vpcs"}), "subnets");
}

TEST(ClosestMatchTest, SuggestsNothingWhenNothingIsClose) {
  EXPECT_EQ(ClosestMatch("foo", {"cidr", "vpc", "az", "route_table"}), "");
  EXPECT_EQ(ClosestMatch("x", {}), "");
  // A third of the word's length: "abcdef" may be 2 edits away, not 3.
  EXPECT_EQ(ClosestMatch("abcdef", {"abcxyz"}), "");
  EXPECT_EQ(ClosestMatch("abcdef", {"abcdxy"}), "abcdxy");
}

TEST(ClosestMatchTest, PrefersTheFirstOfEquallyCloseCandidates) {
  EXPECT_EQ(ClosestMatch("nat-c", {"nat-a", "nat-b"}), "nat-a");
}

}  // namespace
}  // namespace vpcreach
