#include "model/loader_messages.h"

namespace vpcreach {

std::string FormatLocation(const SourceLocation& location) {
  return location.file + ":" + std::to_string(location.line) + ":" +
         std::to_string(location.column);
}

std::string WithArticle(const std::string& noun) {
  bool vowel = std::string("aeiou").find(noun[0]) != std::string::npos;
  return (vowel ? "an " : "a ") + noun;
}

std::string JoinCidrs(const std::vector<Cidr>& cidrs) {
  std::string out;
  for (const Cidr& c : cidrs) out += (out.empty() ? "" : ", ") + c.ToString();
  return out;
}

std::string HostBitsWarning(const std::string& written, const Cidr& block) {
  std::string what = block.ToString();
  if (block.length == 0) what += " (every IPv4 address)";
  return "host bits are set in '" + written + "': EC2 reads it as " + what +
         ", and so does vpcreach; write " + block.ToString();
}

}  // namespace vpcreach
