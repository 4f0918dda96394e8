#include "model/catalog.h"

#include <map>
#include <optional>
#include <regex>
#include <set>

#include "model/ip_ranges.h"

namespace vpcreach {
namespace {

std::vector<Cidr> Cidrs(std::initializer_list<const char*> texts) {
  std::vector<Cidr> out;
  for (const char* t : texts) out.push_back(*ParseCidr(t));
  return out;
}

// The snapshot's prefixes of `service` (its name in ip-ranges.json: "S3", "DYNAMODB") for
// `region`, as a catalog entry with a gateway endpoint on HTTPS; nullopt when it lists none.
std::optional<Service> SnapshotService(const std::map<std::string, std::vector<Cidr>>& by_region,
                                       const std::string& region, const std::string& name,
                                       const std::string& aws_name) {
  auto it = by_region.find(region);
  if (it == by_region.end()) return std::nullopt;
  Service service;
  service.name = name;
  service.cidrs = it->second;
  service.ports = {PortRange{443, 443}};
  service.has_gateway_endpoint = true;
  service.origin =
      "the " + aws_name + " prefixes of " + region + " in " + DescribeIpRanges(ActiveIpRanges()) +
      ", also taken as the AWS-managed prefix list com.amazonaws." + region + "." + name;
  return service;
}

}  // namespace

const std::vector<std::string>& CatalogRegions() {
  static const std::vector<std::string> kRegions = [] {
    std::set<std::string> regions;
    for (const auto* by_region : {&BuiltinIpRanges().s3, &BuiltinIpRanges().dynamodb}) {
      for (const auto& [region, cidrs] : *by_region) {
        if (IsWellFormedRegion(region)) regions.insert(region);
      }
    }
    return std::vector<std::string>(regions.begin(), regions.end());
  }();
  return kRegions;
}

bool IsWellFormedRegion(const std::string& region) {
  static const std::regex kPattern("^[a-z]{2}(-gov)?-[a-z]+-[0-9]+$");
  return std::regex_match(region, kPattern);
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

  const IpRanges& ranges = ActiveIpRanges();
  if (auto s3 = SnapshotService(ranges.s3, region, "s3", "S3")) out.push_back(*s3);
  if (auto dynamodb = SnapshotService(ranges.dynamodb, region, "dynamodb", "DYNAMODB")) {
    out.push_back(*dynamodb);
  }
  return out;
}

}  // namespace vpcreach
