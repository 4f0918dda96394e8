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

TEST(CatalogTest, RecognizesWellFormedRegions) {
  for (const char* region : {"us-east-1", "eu-west-3", "ap-southeast-2", "us-gov-west-1"}) {
    EXPECT_TRUE(IsWellFormedRegion(region)) << region;
  }
  for (const char* region :
       {"", "us-east", "useast1", "US-EAST-1", "us-east-1a", "u-east-1", "us-east-1 "}) {
    EXPECT_FALSE(IsWellFormedRegion(region)) << region;
  }
}

TEST(CatalogTest, AvailabilityZonesAppendLettersToTheRegion) {
  std::vector<std::string> zones = AvailabilityZones("eu-west-3");
  ASSERT_EQ(zones.size(), 6u);
  EXPECT_EQ(zones.front(), "eu-west-3a");
  EXPECT_EQ(zones[1], "eu-west-3b");
  EXPECT_EQ(zones.back(), "eu-west-3f");
}

TEST(CatalogTest, UsEast1HasS3AndDynamoDbWithGatewayEndpoints) {
  std::vector<Service> catalog = BuiltinCatalog("us-east-1");
  const Service* s3 = Find(catalog, "s3");
  ASSERT_NE(s3, nullptr);
  EXPECT_TRUE(s3->has_gateway_endpoint);
  EXPECT_TRUE(s3->Addresses().Contains(*ParseIpv4("52.216.10.1")));
  EXPECT_NE(s3->origin.find("com.amazonaws.us-east-1.s3"), std::string::npos);
  const Service* dynamodb = Find(catalog, "dynamodb");
  ASSERT_NE(dynamodb, nullptr);
  EXPECT_TRUE(dynamodb->has_gateway_endpoint);
  EXPECT_FALSE(Find(catalog, "internet")->has_gateway_endpoint);
}

TEST(CatalogTest, EveryCatalogRegionHasS3) {
  for (const std::string& region : CatalogRegions()) {
    std::vector<Service> catalog = BuiltinCatalog(region);
    EXPECT_NE(Find(catalog, "s3"), nullptr) << region;
  }
}

TEST(CatalogTest, OtherRegionsHaveOnlyInternetAndPypi) {
  std::vector<Service> catalog = BuiltinCatalog("eu-west-3");
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
