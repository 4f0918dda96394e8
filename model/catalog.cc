#include "model/catalog.h"

#include <map>
#include <regex>

namespace vpcreach {
namespace {

std::vector<Cidr> Cidrs(std::initializer_list<const char*> texts) {
  std::vector<Cidr> out;
  for (const char* t : texts) out.push_back(*ParseCidr(t));
  return out;
}

struct RegionRanges {
  std::vector<Cidr> s3;
  std::vector<Cidr> dynamodb;
  const char* s3_list;
  const char* dynamodb_list;
};

// Entries of the AWS-managed prefix lists com.amazonaws.<region>.s3 / .dynamodb, which are the
// S3 / DYNAMODB prefixes of ip-ranges.json for the region (as published in 2024).
const std::map<std::string, RegionRanges>& Ranges() {
  static const auto* kRanges = new std::map<std::string, RegionRanges>{
      {"us-east-1",
       {Cidrs({"3.5.0.0/19", "16.182.0.0/16", "18.34.0.0/19", "52.216.0.0/15", "54.231.0.0/16"}),
        Cidrs({"3.218.180.0/22", "52.94.0.0/22", "52.119.224.0/20"}), "pl-63a5400a",
        "pl-02cd2c6b"}},
      {"us-east-2",
       {Cidrs({"3.5.128.0/21", "18.34.72.0/21", "52.219.80.0/20", "52.219.96.0/20",
               "52.92.76.0/22"}),
        Cidrs({"3.218.0.0/23", "52.94.4.0/24"}), "pl-7ba54012", "pl-4ca54025"}},
      {"us-west-2",
       {Cidrs({"3.5.76.0/22", "3.5.80.0/21", "18.34.48.0/20", "52.92.128.0/17",
               "52.218.128.0/17"}),
        Cidrs({"52.94.8.0/24", "52.119.240.0/21"}), "pl-68a54001", "pl-00a54069"}},
  };
  return *kRanges;
}

}  // namespace

const std::vector<std::string>& CatalogRegions() {
  static const std::vector<std::string> kRegions = {"us-east-1", "us-east-2", "us-west-2"};
  return kRegions;
}

bool IsWellFormedRegion(const std::string& region) {
  static const std::regex kPattern("^[a-z]{2}(-gov)?-[a-z]+-[0-9]+$");
  return std::regex_match(region, kPattern);
}

std::vector<std::string> AvailabilityZones(const std::string& region) {
  std::vector<std::string> out;
  for (char c = 'a'; c <= 'f'; ++c) out.push_back(region + c);
  return out;
}

std::vector<Service> BuiltinCatalog(const std::string& region) {
  std::vector<Service> out;
  Service internet;
  internet.name = "internet";
  internet.cidrs = Cidrs({"0.0.0.0/0"});
  // Addresses that never appear as public internet hosts (RFC 6890 special-purpose blocks).
  internet.excluded = Cidrs({"0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8",
                             "169.254.0.0/16", "172.16.0.0/12", "192.168.0.0/16", "224.0.0.0/3"});
  internet.origin = "all public IPv4 space: 0.0.0.0/0 less the RFC 6890 special-purpose blocks";
  out.push_back(internet);

  Service pypi;
  pypi.name = "pypi";
  pypi.cidrs = Cidrs({"151.101.0.0/16"});
  pypi.ports = {PortRange{443, 443}};
  pypi.origin =
      "pypi.org and files.pythonhosted.org are served by Fastly, whose anycast block "
      "151.101.0.0/16 they resolve to";
  out.push_back(pypi);

  auto it = Ranges().find(region);
  if (it == Ranges().end()) return out;
  Service s3;
  s3.name = "s3";
  s3.cidrs = it->second.s3;
  s3.ports = {PortRange{443, 443}};
  s3.has_gateway_endpoint = true;
  s3.origin = std::string("AWS-managed prefix list com.amazonaws.") + region + ".s3 (" +
              it->second.s3_list + "), the S3 prefixes of ip-ranges.json for " + region;
  out.push_back(s3);
  Service dynamodb;
  dynamodb.name = "dynamodb";
  dynamodb.cidrs = it->second.dynamodb;
  dynamodb.ports = {PortRange{443, 443}};
  dynamodb.has_gateway_endpoint = true;
  dynamodb.origin = std::string("AWS-managed prefix list com.amazonaws.") + region +
                    ".dynamodb (" + it->second.dynamodb_list +
                    "), the DYNAMODB prefixes of ip-ranges.json for " + region;
  out.push_back(dynamodb);
  return out;
}

}  // namespace vpcreach
