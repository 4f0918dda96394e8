#include "sim/query/names.h"

#include <sstream>

namespace vpcreach {

std::string NamesToText(const std::vector<NameKind>& kinds) {
  std::ostringstream out;
  for (const NameKind& k : kinds) {
    out << k.kind << " (" << k.use << "; " << k.note << "):\n";
    for (const std::string& n : k.names) out << "  " << n << "\n";
  }
  out << "and any IPv4 address or CIDR (from and to)\n";
  return out.str();
}

nlohmann::ordered_json NamesToJson(const std::vector<NameKind>& kinds) {
  nlohmann::ordered_json j;
  j["kinds"] = nlohmann::ordered_json::array();
  for (const NameKind& k : kinds) {
    j["kinds"].push_back({{"kind", k.kind}, {"use", k.use}, {"note", k.note}, {"names", k.names}});
  }
  j["literals"] = "any IPv4 address or CIDR";
  return j;
}

}  // namespace vpcreach
