#include "model/availability_zones.h"

#include <map>

namespace vpcreach {
namespace {

// Region -> its zone letters. See the header for the source and its date.
const std::map<std::string, std::string>& ZoneTable() {
  static const std::map<std::string, std::string> kZones = {
      {"af-south-1", "abc"},     {"ap-east-1", "abc"},      {"ap-east-2", "abc"},
      {"ap-northeast-1", "acd"}, {"ap-northeast-2", "abcd"}, {"ap-northeast-3", "abc"},
      {"ap-south-1", "abc"},     {"ap-south-2", "abc"},     {"ap-southeast-1", "abc"},
      {"ap-southeast-2", "abc"}, {"ap-southeast-3", "abc"}, {"ap-southeast-4", "abc"},
      {"ap-southeast-5", "abc"}, {"ap-southeast-6", "abc"}, {"ap-southeast-7", "abc"},
      {"ca-central-1", "abd"},   {"ca-west-1", "abc"},      {"eu-central-1", "abc"},
      {"eu-central-2", "abc"},   {"eu-north-1", "abc"},     {"eu-south-1", "abc"},
      {"eu-south-2", "abc"},     {"eu-west-1", "abc"},      {"eu-west-2", "abc"},
      {"eu-west-3", "abc"},      {"il-central-1", "abc"},   {"me-central-1", "abc"},
      {"me-south-1", "abc"},     {"mx-central-1", "abc"},   {"sa-east-1", "abc"},
      {"us-east-1", "abcdef"},   {"us-east-2", "abc"},      {"us-west-1", "ac"},
      {"us-west-2", "abcd"},
  };
  return kZones;
}

}  // namespace

std::string AvailabilityZoneLetters(const std::string& region) {
  auto it = ZoneTable().find(region);
  return it == ZoneTable().end() ? "abcdef" : it->second;
}

std::vector<std::string> AvailabilityZones(const std::string& region) {
  std::vector<std::string> out;
  for (char c : AvailabilityZoneLetters(region)) out.push_back(region + c);
  return out;
}

bool HasKnownAvailabilityZones(const std::string& region) {
  return ZoneTable().count(region) > 0;
}

std::vector<std::string> CommercialRegions() {
  std::vector<std::string> out;
  for (const auto& [region, letters] : ZoneTable()) out.push_back(region);
  return out;
}

std::string DescribeAvailabilityZones(const std::string& region) {
  std::vector<std::string> zones = AvailabilityZones(region);
  std::string out;
  for (size_t i = 0; i < zones.size(); ++i) {
    if (i > 0) out += i + 1 == zones.size() ? " or " : ", ";
    out += zones[i];
  }
  return out;
}

}  // namespace vpcreach
