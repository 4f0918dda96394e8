// Every commercial region (issue 12, point 3): the zones each region has (model/
// availability_zones.h) and where the loader and the template evaluator use them, S3 and
// DynamoDB everywhere, and `--ip-ranges FILE` in place of the built-in ip-ranges.json snapshot.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "loader_test_util.h"
#include "model/availability_zones.h"
#include "model/catalog.h"
#include "model/endpoint_services.h"
#include "model/ip_ranges.h"
#include "sim/cli/commands.h"

namespace vpcreach {
namespace {

using loader_testing::LoadValid;
using loader_testing::OnlyProblem;

TEST(AvailabilityZonesTest, EachRegionHasItsOwnZones) {
  EXPECT_EQ(AvailabilityZones("eu-west-1"),
            (std::vector<std::string>{"eu-west-1a", "eu-west-1b", "eu-west-1c"}));
  EXPECT_EQ(AvailabilityZones("us-east-1").size(), 6u);
  EXPECT_EQ(AvailabilityZones("us-west-2"),
            (std::vector<std::string>{"us-west-2a", "us-west-2b", "us-west-2c", "us-west-2d"}));
  // Letters AWS does not offer: ap-northeast-1b, ca-central-1c, us-west-1b.
  EXPECT_EQ(AvailabilityZoneLetters("ap-northeast-1"), "acd");
  EXPECT_EQ(AvailabilityZoneLetters("ca-central-1"), "abd");
  EXPECT_EQ(AvailabilityZoneLetters("us-west-1"), "ac");
  EXPECT_EQ(DescribeAvailabilityZones("eu-west-1"), "eu-west-1a, eu-west-1b or eu-west-1c");
}

TEST(AvailabilityZonesTest, RegionsOutsideTheTableKeepSixZones) {
  EXPECT_FALSE(HasKnownAvailabilityZones("zz-test-1"));
  EXPECT_EQ(AvailabilityZoneLetters("zz-test-1"), "abcdef");
  EXPECT_EQ(AvailabilityZoneLetters("us-gov-west-1"), "abcdef");
  EXPECT_TRUE(HasKnownAvailabilityZones("eu-west-1"));
}

TEST(AvailabilityZonesTest, EveryCommercialRegionHasS3AndDynamoDbFromTheSnapshot) {
  std::vector<std::string> regions = CommercialRegions();
  EXPECT_EQ(regions.size(), 34u);
  const std::vector<std::string>& snapshot = CatalogRegions();
  for (const std::string& region : regions) {
    EXPECT_NE(std::find(snapshot.begin(), snapshot.end(), region), snapshot.end()) << region;
    std::vector<Service> catalog = BuiltinCatalog(region);
    for (const char* name : {"s3", "dynamodb"}) {
      auto it = std::find_if(catalog.begin(), catalog.end(),
                             [&](const Service& s) { return s.name == name; });
      ASSERT_NE(it, catalog.end()) << region << " " << name;
      EXPECT_TRUE(it->has_gateway_endpoint);
      EXPECT_FALSE(it->cidrs.empty());
    }
  }
}

constexpr char kEuWest1[] =
    "vpcreach: 1\n"
    "region: eu-west-1\n"
    "vpcs: {lab: {cidr: 10.1.0.0/16}}\n";

TEST(AvailabilityZonesTest, ShortAndFullZoneNamesOfTheRegion) {
  Model m = LoadValid(std::string(kEuWest1) +
                      "subnets: {a: {vpc: lab, cidr: 10.1.0.0/24, az: c},\n"
                      "          b: {vpc: lab, cidr: 10.1.1.0/24, az: eu-west-1b}}\n");
  EXPECT_EQ(m.subnets[0].az, "eu-west-1c");
  EXPECT_EQ(m.subnets[1].az, "eu-west-1b");
}

TEST(AvailabilityZonesTest, AZoneTheRegionDoesNotHaveIsALocatedError) {
  EXPECT_EQ(OnlyProblem(std::string(kEuWest1) +
                        "subnets: {a: {vpc: lab, cidr: 10.1.0.0/24, az: d}}\n"),
            "s.yaml:4:48: subnets.a.az: expected an availability zone of eu-west-1: eu-west-1a, "
            "eu-west-1b or eu-west-1c (or its letter, a, b or c), got 'd'");
  EXPECT_EQ(OnlyProblem(std::string(kEuWest1) +
                        "subnets: {a: {vpc: lab, cidr: 10.1.0.0/24, az: eu-west-1f}}\n"),
            "s.yaml:4:48: subnets.a.az: expected an availability zone of eu-west-1: eu-west-1a, "
            "eu-west-1b or eu-west-1c (or its letter, a, b or c), got 'eu-west-1f'");
  // The opposite: a letter us-east-1 has is no error there.
  LoadValid("vpcreach: 1\nvpcs: {lab: {cidr: 10.1.0.0/16}}\n"
            "subnets: {a: {vpc: lab, cidr: 10.1.0.0/24, az: f}}\n");
}

TEST(AvailabilityZonesTest, TheDefaultVpcHasOneSubnetPerZoneOfTheRegion) {
  Model m = LoadValid("vpcreach: 1\nregion: eu-west-1\nvpcs: {dv: {default: true}}\n");
  std::vector<std::string> subnets;
  for (const Subnet& s : m.subnets) subnets.push_back(s.id + " " + s.cidr.ToString());
  EXPECT_EQ(subnets, (std::vector<std::string>{"dv-eu-west-1a 172.31.0.0/20",
                                               "dv-eu-west-1b 172.31.16.0/20",
                                               "dv-eu-west-1c 172.31.32.0/20"}));
}

// --ip-ranges FILE, through the command line.
class IpRangesFlagTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (std::filesystem::temp_directory_path() / "vpcreach-ipr-XXXXXX");
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
  }
  void TearDown() override {
    std::filesystem::remove_all(dir_);
    UseBuiltinIpRanges();
  }
  std::string Write(const std::string& name, const std::string& text) {
    std::string path = (dir_ / name).string();
    std::ofstream(path) << text;
    return path;
  }
  int Run(const std::vector<std::string>& args) {
    out_.str("");
    err_.str("");
    return RunCli(args, out_, err_);
  }
  std::filesystem::path dir_;
  std::ostringstream out_;
  std::ostringstream err_;
};

// A newer file in AWS's format: eu-west-1's S3 moved, and AMAZON prefixes for the region.
const char* kNewer = R"({
  "syncToken": "1800000000",
  "createDate": "2027-01-15-08-00-00",
  "prefixes": [
    {"ip_prefix": "18.200.0.0/16", "region": "eu-west-1", "service": "AMAZON", "network_border_group": "eu-west-1"},
    {"ip_prefix": "52.95.0.0/20", "region": "eu-west-1", "service": "AMAZON", "network_border_group": "eu-west-1"},
    {"ip_prefix": "3.5.64.0/21", "region": "eu-west-1", "service": "S3", "network_border_group": "eu-west-1"},
    {"ip_prefix": "52.94.24.0/23", "region": "eu-west-1", "service": "DYNAMODB", "network_border_group": "eu-west-1"},
    {"ip_prefix": "3.5.64.0/21", "region": "eu-west-1", "service": "AMAZON", "network_border_group": "eu-west-1"},
    {"ip_prefix": "18.200.0.0/24", "region": "eu-west-1", "service": "EC2", "network_border_group": "eu-west-1"}
  ],
  "ipv6_prefixes": []
})";

const char* kScenario = R"(vpcreach: 1
region: eu-west-1
vpcs: {lab: {cidr: 10.1.0.0/16}}
internet_gateways: {igw: {vpc: lab}}
subnets: {public-a: {vpc: lab, cidr: 10.1.0.0/20, az: a, route_table: public}}
route_tables: {public: {vpc: lab, routes: [{destination: 0.0.0.0/0, target: igw}]}}
enis: {web: {subnet: public-a, public_ip: 54.0.0.1}}
)";

TEST_F(IpRangesFlagTest, AFullFileReplacesTheSnapshot) {
  std::string scenario = Write("s.yaml", kScenario);
  std::string ranges = Write("ip-ranges.json", kNewer);
  ASSERT_EQ(Run({"validate", scenario, "--ip-ranges", ranges}), 0) << err_.str();
  std::string out = out_.str();
  EXPECT_NE(out.find("service ranges: AWS ip-ranges.json of 2027-01-15 08:00:00 UTC (syncToken "
                     "1800000000)\n"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("  s3: 3.5.64.0/21 (port 443)\n"), std::string::npos) << out;
  EXPECT_NE(out.find("  dynamodb: 52.94.24.0/23 (port 443)\n"), std::string::npos) << out;
  // Interface endpoint services stand at the region's AMAZON prefixes.
  EXPECT_NE(out.find("source: the AMAZON prefixes of eu-west-1 less its S3, DYNAMODB and EC2 "
                     "prefixes, in AWS ip-ranges.json of 2027-01-15 08:00:00 UTC (syncToken "
                     "1800000000)"),
            std::string::npos)
      << out;
  ASSERT_EQ(Run({"trace", scenario, "--from", "web", "--to", "sts", "--ip-ranges", ranges,
                 "--format", "json"}),
            0)
      << err_.str();
  nlohmann::json trace = nlohmann::json::parse(out_.str());
  // The first AMAZON address that is neither S3 (3.5.64.0/21) nor EC2 (18.200.0.0/24).
  EXPECT_EQ(trace["flow"]["dst"], "18.200.1.1");
  // Without the flag, the built-in snapshot again (its S3 of eu-west-1 is larger).
  ASSERT_EQ(Run({"validate", scenario}), 0);
  EXPECT_NE(out_.str().find("service ranges: AWS ip-ranges.json of 2026-01-12 17:08:04 UTC"),
            std::string::npos);
  EXPECT_EQ(out_.str().find("  s3: 3.5.64.0/21 (port 443)\n"), std::string::npos);
}

TEST(InterfaceEndpointServicesTest, PublicAddressesAreAmazonLessS3DynamoDbAndEc2) {
  std::string error;
  std::optional<IpRanges> ranges = ParseIpRanges(kNewer, &error);
  ASSERT_TRUE(ranges) << error;
  EXPECT_EQ(ranges->amazon.at("eu-west-1").size(), 3u);
  std::vector<Service> services = InterfaceEndpointServices("eu-west-1", *ranges);
  auto sts = std::find_if(services.begin(), services.end(),
                          [](const Service& s) { return s.name == "sts"; });
  ASSERT_NE(sts, services.end());
  IpRangeSet a = sts->Addresses();
  EXPECT_TRUE(a.Contains(*ParseIpv4("52.95.0.1")));
  EXPECT_TRUE(a.Contains(*ParseIpv4("18.200.1.1")));
  EXPECT_FALSE(a.Contains(*ParseIpv4("3.5.64.1")));    // S3: the gateway endpoint's
  EXPECT_FALSE(a.Contains(*ParseIpv4("18.200.0.9")));  // EC2: customers' instances
  // The built-in snapshot has no AMAZON entries: a stand-in address per service.
  std::vector<Service> builtin = InterfaceEndpointServices("eu-west-1", BuiltinIpRanges());
  EXPECT_EQ(builtin.front().name, "sagemaker.api");
  EXPECT_EQ(builtin.front().cidrs, std::vector<Cidr>{*ParseCidr("203.0.113.1/32")});
  // Another region of the file has no AMAZON prefixes either: the stand-in too.
  EXPECT_EQ(InterfaceEndpointServices("us-east-1", *ranges).front().cidrs,
            std::vector<Cidr>{*ParseCidr("203.0.113.1/32")});
}

TEST_F(IpRangesFlagTest, ABadFileIsALocatedErrorWithStatusTwo) {
  std::string scenario = Write("s.yaml", kScenario);
  std::string broken = Write("broken.json", "{\n  \"syncToken\": \"1\",\n  oops\n}\n");
  EXPECT_EQ(Run({"validate", scenario, "--ip-ranges", broken}), 2);
  EXPECT_EQ(err_.str(), "vpcreach: --ip-ranges: " + broken +
                            ":3:3: not JSON: syntax error while parsing object key - invalid "
                            "literal; last read: '\"1\",<U+000A>  o'; expected string literal\n");
  std::string host_bits = Write("host-bits.json", R"({"syncToken": "1", "createDate": "2027-01-15-08-00-00",
 "prefixes": [{"ip_prefix": "3.5.64.1/21", "region": "eu-west-1", "service": "S3"}]})");
  EXPECT_EQ(Run({"check", scenario, "--ip-ranges", host_bits}), 2);
  EXPECT_EQ(err_.str(), "vpcreach: --ip-ranges: " + host_bits +
                            ": prefixes[0].ip_prefix: host bits are set in '3.5.64.1/21'; did "
                            "you mean 3.5.64.0/21?\n");
  std::string missing = (dir_ / "missing.json").string();
  EXPECT_EQ(Run({"trace", scenario, "--from", "web", "--to", "s3", "--ip-ranges", missing}), 2);
  EXPECT_EQ(err_.str(),
            "vpcreach: --ip-ranges: " + missing + ": cannot read: No such file or directory\n");
  EXPECT_EQ(out_.str(), "");
}

}  // namespace
}  // namespace vpcreach
