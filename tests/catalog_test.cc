#include "model/catalog.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace vpcreach {
namespace {

const Service* Find(const std::vector<Service>& catalog, const std::string& name) {
  auto it = std::find_if(catalog.begin(), catalog.end(),
                         [&](const Service& s) { return s.name == name; });
  return it == catalog.end() ? nullptr : &*it;
}

std::vector<std::string> Texts(const std::vector<Cidr>& cidrs) {
  std::vector<std::string> out;
  for (const Cidr& c : cidrs) out.push_back(c.ToString());
  return out;
}

TEST(CatalogTest, RecognizesWellFormedRegions) {
  for (const char* region : {"us-east-1", "eu-west-3", "ap-southeast-2", "us-gov-west-1"}) {
    EXPECT_TRUE(IsWellFormedRegion(region)) << region;
  }
  for (const char* region :
       {"", "us-east", "useast1", "US-EAST-1", "us-east-1a", "u-east-1", "us-east-1 "}) {
    EXPECT_FALSE(IsWellFormedRegion(region)) << region;
  }
}

TEST(CatalogTest, AvailabilityZonesAreTheRegionsOwn) {
  // eu-west-3 has three zones (issue 12: vpcreach gave every region a to f before).
  EXPECT_EQ(AvailabilityZones("eu-west-3"),
            (std::vector<std::string>{"eu-west-3a", "eu-west-3b", "eu-west-3c"}));
  // A region outside the table keeps a to f.
  std::vector<std::string> zones = AvailabilityZones("zz-test-1");
  ASSERT_EQ(zones.size(), 6u);
  EXPECT_EQ(zones.front(), "zz-test-1a");
  EXPECT_EQ(zones.back(), "zz-test-1f");
}

TEST(CatalogTest, UsEast1HasS3AndDynamoDbWithGatewayEndpoints) {
  std::vector<Service> catalog = BuiltinCatalog("us-east-1");
  const Service* s3 = Find(catalog, "s3");
  ASSERT_NE(s3, nullptr);
  EXPECT_TRUE(s3->has_gateway_endpoint);
  EXPECT_TRUE(s3->Addresses().Contains(*ParseIpv4("52.216.10.1")));
  EXPECT_EQ(s3->origin,
            "the S3 prefixes of us-east-1 in AWS ip-ranges.json of 2026-01-12 17:08:04 UTC "
            "(syncToken 1768237684), also taken as the AWS-managed prefix list "
            "com.amazonaws.us-east-1.s3");
  const Service* dynamodb = Find(catalog, "dynamodb");
  ASSERT_NE(dynamodb, nullptr);
  EXPECT_TRUE(dynamodb->has_gateway_endpoint);
  EXPECT_FALSE(Find(catalog, "internet")->has_gateway_endpoint);
}

TEST(CatalogTest, UsEast1S3IsEveryS3PrefixOfTheSnapshot) {
  // The list of 2024 lacked 16.15.176.0/20, 16.15.192.0/18 and 18.34.232.0/21.
  EXPECT_EQ(Texts(Find(BuiltinCatalog("us-east-1"), "s3")->cidrs),
            (std::vector<std::string>{"1.178.4.0/24", "1.178.5.0/24", "1.178.6.0/24", "3.5.0.0/19",
                                      "16.15.176.0/20", "16.15.192.0/18", "16.182.0.0/16",
                                      "18.34.0.0/19", "18.34.232.0/21", "44.192.134.240/28",
                                      "44.192.140.64/28", "52.216.0.0/15", "54.231.0.0/16"}));
  EXPECT_EQ(Texts(Find(BuiltinCatalog("us-east-1"), "dynamodb")->cidrs),
            (std::vector<std::string>{"3.218.180.0/22", "35.71.68.0/22", "52.94.0.0/22",
                                      "52.119.224.0/21", "52.119.232.0/21"}));
}

TEST(CatalogTest, DynamoDbOfAnotherRegionIsThatRegions) {
  std::vector<Service> catalog = BuiltinCatalog("eu-central-1");
  const Service* dynamodb = Find(catalog, "dynamodb");
  ASSERT_NE(dynamodb, nullptr);
  EXPECT_EQ(Texts(dynamodb->cidrs), (std::vector<std::string>{"35.71.105.0/24", "52.94.17.0/24"}));
  EXPECT_EQ(dynamodb->ports, std::vector<PortRange>{(PortRange{443, 443})});
  EXPECT_NE(dynamodb->origin.find("DYNAMODB prefixes of eu-central-1"), std::string::npos);
  // us-west-2's, which the list of 2024 gave as 52.94.8.0/24 (ap-northeast-1's) and
  // 52.119.240.0/21 (eu-west-1's).
  EXPECT_EQ(Texts(Find(BuiltinCatalog("us-west-2"), "dynamodb")->cidrs),
            (std::vector<std::string>{"35.71.64.0/22", "52.94.10.0/24", "52.94.28.0/23",
                                      "52.119.252.0/22"}));
}

TEST(CatalogTest, EuWest1HasS3WithItsOwnRanges) {
  std::vector<Service> catalog = BuiltinCatalog("eu-west-1");
  ASSERT_EQ(catalog.size(), 4u);
  const Service* s3 = Find(catalog, "s3");
  ASSERT_NE(s3, nullptr);
  EXPECT_TRUE(s3->has_gateway_endpoint);
  EXPECT_EQ(Texts(s3->cidrs),
            (std::vector<std::string>{"1.178.7.0/24", "3.5.64.0/21", "3.5.72.0/23", "3.5.74.0/23",
                                      "3.251.110.208/28", "3.251.110.224/28", "52.92.0.0/17",
                                      "52.218.0.0/17"}));
  EXPECT_NE(Find(catalog, "dynamodb"), nullptr);
}

TEST(CatalogTest, EveryCatalogRegionHasS3AndDynamoDb) {
  for (const std::string& region : CatalogRegions()) {
    std::vector<Service> catalog = BuiltinCatalog(region);
    EXPECT_NE(Find(catalog, "s3"), nullptr) << region;
    EXPECT_NE(Find(catalog, "dynamodb"), nullptr) << region;
  }
}

TEST(CatalogTest, CatalogRegionsAreTheSnapshotsNamedRegions) {
  const std::vector<std::string>& regions = CatalogRegions();
  EXPECT_EQ(regions.size(), 40u);
  EXPECT_TRUE(std::is_sorted(regions.begin(), regions.end()));
  for (const char* region : {"us-east-1", "us-east-2", "us-west-2", "eu-west-1", "eu-west-3",
                             "ap-southeast-7", "mx-central-1", "cn-north-1", "us-gov-west-1"}) {
    EXPECT_NE(std::find(regions.begin(), regions.end(), region), regions.end()) << region;
  }
  // "GLOBAL" is no region, and vpcreach does not accept eusc-de-east-1 as a region name.
  for (const char* name : {"GLOBAL", "eusc-de-east-1"}) {
    EXPECT_EQ(std::find(regions.begin(), regions.end(), name), regions.end()) << name;
  }
}

TEST(CatalogTest, OtherRegionsHaveOnlyInternetAndPypi) {
  std::vector<Service> catalog = BuiltinCatalog("zz-test-1");
  EXPECT_EQ(Find(catalog, "s3"), nullptr);
  EXPECT_EQ(Find(catalog, "dynamodb"), nullptr);
  ASSERT_EQ(catalog.size(), 2u);
  EXPECT_EQ(catalog[0].name, "internet");
  EXPECT_EQ(catalog[1].name, "pypi");
}

TEST(CatalogTest, TheInternetExcludesPrivateSpace) {
  std::vector<Service> catalog = BuiltinCatalog("us-east-1");
  const Service* internet = Find(catalog, "internet");
  ASSERT_NE(internet, nullptr);
  IpRangeSet addresses = internet->Addresses();
  EXPECT_TRUE(addresses.Contains(*ParseIpv4("8.8.8.8")));
  EXPECT_FALSE(addresses.Contains(*ParseIpv4("10.1.2.3")));
  EXPECT_FALSE(addresses.Contains(*ParseIpv4("192.168.1.1")));
  EXPECT_FALSE(addresses.Contains(*ParseIpv4("169.254.169.254")));
}

TEST(CatalogTest, PypiAnswersOnHttps) {
  std::vector<Service> catalog = BuiltinCatalog("us-west-2");
  const Service* pypi = Find(catalog, "pypi");
  ASSERT_NE(pypi, nullptr);
  ASSERT_EQ(pypi->ports.size(), 1u);
  EXPECT_EQ(pypi->ports[0], (PortRange{443, 443}));
  EXPECT_TRUE(pypi->Addresses().Contains(*ParseIpv4("151.101.0.223")));
}

}  // namespace
}  // namespace vpcreach
