#include "model/ip_ranges.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <sstream>

namespace vpcreach {
namespace {

std::vector<std::string> Texts(const std::vector<Cidr>& cidrs) {
  std::vector<std::string> out;
  for (const Cidr& c : cidrs) out.push_back(c.ToString());
  return out;
}

bool Has(const std::vector<Cidr>& cidrs, const char* text) {
  return std::find(cidrs.begin(), cidrs.end(), *ParseCidr(text)) != cidrs.end();
}

std::string ParseError(const std::string& text) {
  std::string error;
  EXPECT_FALSE(ParseIpRanges(text, &error).has_value()) << text;
  return error;
}

// The shape of AWS's file, with an entry of each kind the reader must keep or skip.
const char* kSmall = R"({
  "syncToken": "1700000000",
  "createDate": "2023-11-14-22-13-20",
  "prefixes": [
    {"ip_prefix": "52.216.0.0/15", "region": "us-east-1", "service": "AMAZON",
     "network_border_group": "us-east-1"},
    {"ip_prefix": "54.231.0.0/16", "region": "us-east-1", "service": "S3",
     "network_border_group": "us-east-1"},
    {"ip_prefix": "52.216.0.0/15", "region": "us-east-1", "service": "S3",
     "network_border_group": "us-east-1"},
    {"ip_prefix": "54.231.0.0/16", "region": "us-east-1", "service": "S3",
     "network_border_group": "us-east-1"},
    {"ip_prefix": "13.248.224.0/24", "region": "GLOBAL", "service": "S3",
     "network_border_group": "GLOBAL"},
    {"ip_prefix": "52.94.24.0/23", "region": "eu-west-1", "service": "DYNAMODB",
     "network_border_group": "eu-west-1"},
    {"ip_prefix": "3.2.0.0/24", "region": "us-east-1", "service": "EC2",
     "network_border_group": "us-east-1-iah-1"}
  ],
  "ipv6_prefixes": [
    {"ipv6_prefix": "2600:1ff0:8000::/39", "region": "us-east-1", "service": "S3",
     "network_border_group": "us-east-1"}
  ]
})";

TEST(IpRangesTest, KeepsTheIpv4PrefixesOfS3AndDynamoDbByRegion) {
  std::string error;
  std::optional<IpRanges> r = ParseIpRanges(kSmall, &error);
  ASSERT_TRUE(r.has_value()) << error;
  EXPECT_EQ(r->sync_token, "1700000000");
  EXPECT_EQ(r->create_date, "2023-11-14-22-13-20");
  // Sorted, the duplicate once, AMAZON / EC2 / GLOBAL / IPv6 left out.
  ASSERT_EQ(r->s3.size(), 1u);
  EXPECT_EQ(Texts(r->s3.at("us-east-1")),
            (std::vector<std::string>{"52.216.0.0/15", "54.231.0.0/16"}));
  ASSERT_EQ(r->dynamodb.size(), 1u);
  EXPECT_EQ(Texts(r->dynamodb.at("eu-west-1")), std::vector<std::string>{"52.94.24.0/23"});
}

TEST(IpRangesTest, DescribesTheSnapshotByItsDateAndToken) {
  std::string error;
  std::optional<IpRanges> r = ParseIpRanges(kSmall, &error);
  ASSERT_TRUE(r.has_value()) << error;
  EXPECT_EQ(DescribeIpRanges(*r),
            "AWS ip-ranges.json of 2023-11-14 22:13:20 UTC (syncToken 1700000000)");
}

TEST(IpRangesTest, ReportsWhatIsWrong) {
  EXPECT_EQ(ParseError("{\"syncToken\": \"1\","),
            "not JSON: parse error at line 1, column 19: syntax error while parsing object key - "
            "unexpected end of input; expected string literal");
  EXPECT_EQ(ParseError("[]"), "expected an object with syncToken, createDate and prefixes");
  EXPECT_EQ(ParseError(R"({"syncToken": "1", "prefixes": []})"), "missing \"createDate\"");
  EXPECT_EQ(ParseError(R"({"syncToken": 1, "createDate": "2023-11-14-22-13-20"})"),
            "syncToken: expected a string");
  EXPECT_EQ(ParseError(R"({"syncToken": "1", "createDate": "2023-11-14"})"),
            "createDate: expected YYYY-MM-DD-hh-mm-ss, got '2023-11-14'");
  EXPECT_EQ(ParseError(R"({"syncToken": "1", "createDate": "2023-11-14-22-13-20"})"),
            "prefixes: expected an array");
  EXPECT_EQ(ParseError(R"({"syncToken": "1", "createDate": "2023-11-14-22-13-20",
      "prefixes": [{"ip_prefix": "3.2.0.0/24", "region": "us-east-1", "service": "EC2"}, 7]})"),
            "prefixes[1]: expected an object");
  EXPECT_EQ(ParseError(R"({"syncToken": "1", "createDate": "2023-11-14-22-13-20",
      "prefixes": [{"ip_prefix": "52.216.0.0/33", "region": "us-east-1", "service": "S3"}]})"),
            "prefixes[0].ip_prefix: expected a CIDR such as 10.0.0.0/16, got '52.216.0.0/33'");
  EXPECT_EQ(ParseError(R"({"syncToken": "1", "createDate": "2023-11-14-22-13-20",
      "prefixes": [{"ip_prefix": "52.216.0.1/15", "region": "us-east-1", "service": "S3"}]})"),
            "prefixes[0].ip_prefix: host bits are set in '52.216.0.1/15'; did you mean "
            "52.216.0.0/15?");
  EXPECT_EQ(ParseError(R"({"syncToken": "1", "createDate": "2023-11-14-22-13-20",
      "prefixes": [{"ip_prefix": "52.216.0.0/15", "service": "DYNAMODB"}]})"),
            "prefixes[0].region: expected a string");
}

TEST(IpRangesTest, TheBuiltInSnapshotIsTheOneInModelData) {
  const IpRanges& builtin = BuiltinIpRanges();
  EXPECT_EQ(builtin.create_date, "2026-01-12-17-08-04");
  EXPECT_EQ(builtin.sync_token, "1768237684");
  // The binary carries the file as it is in the repository.
  std::ifstream in(VPCREACH_SOURCE_DIR "/model/data/ip-ranges-prefix-lists.json");
  ASSERT_TRUE(in) << "model/data/ip-ranges-prefix-lists.json is missing";
  std::stringstream text;
  text << in.rdbuf();
  std::string error;
  std::optional<IpRanges> file = ParseIpRanges(text.str(), &error);
  ASSERT_TRUE(file.has_value()) << error;
  EXPECT_EQ(file->s3, builtin.s3);
  EXPECT_EQ(file->dynamodb, builtin.dynamodb);
  EXPECT_EQ(file->services, builtin.services);
}

TEST(IpRangesTest, TheSnapshotHasTheS3RangesTheOldListMissed) {
  const std::vector<Cidr>& s3 = BuiltinIpRanges().s3.at("us-east-1");
  EXPECT_TRUE(Has(s3, "16.15.176.0/20"));
  EXPECT_TRUE(Has(s3, "16.15.192.0/18"));
  EXPECT_TRUE(Has(s3, "18.34.232.0/21"));
}

}  // namespace
}  // namespace vpcreach
