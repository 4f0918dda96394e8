#include "model/build_context.h"

#include "model/loader_messages.h"

namespace vpcreach {

BuildContext::BuildContext(Model* model, std::vector<Diagnostic>* sink)
    : model_(model), sink_(sink), components_(*model, sink) {}

void BuildContext::Error(const SourceLocation& location, std::string path, std::string message) {
  sink_->push_back(Diagnostic{location, std::move(path), std::move(message)});
}

void BuildContext::SetSubnetHasCidr(Index subnet, bool has_cidr) {
  if (subnet_has_cidr_.size() <= subnet) subnet_has_cidr_.resize(subnet + 1, false);
  subnet_has_cidr_[subnet] = has_cidr;
}

bool BuildContext::SubnetHasCidr(Index subnet) const {
  return subnet < subnet_has_cidr_.size() && subnet_has_cidr_[subnet];
}

bool BuildContext::ReadPrivateIp(YamlReader& reader, const YamlMap& body,
                                 AddressPlan::Request* request) {
  auto field = body.Get("private_ip");
  if (!field) return true;
  request->written = reader.Address(*field);
  if (!request->written) return false;
  request->location = field->location;
  request->path = field->path;
  return true;
}

void BuildContext::RequestAddress(AddressPlan::Group group, AddressPlan::Request request) {
  // No address checks in a subnet whose block was wrong: that is reported already.
  if (request.subnet != kNone && !SubnetHasCidr(request.subnet)) request.subnet = kNone;
  addresses_.Add(group, std::move(request));
}

std::optional<Ipv4> BuildContext::ReadPublicIp(YamlReader& reader, const YamlField& field,
                                               const std::string& owner) {
  auto address = reader.Address(field);
  if (!address) return std::nullopt;
  if (IsRfc1918(*address)) {
    Error(field, FormatIpv4(*address) + " is a private address; a public IP lies outside " +
                     JoinCidrs(Rfc1918Blocks()));
    return std::nullopt;
  }
  if (auto [it, inserted] = public_ips_.emplace(*address, owner); !inserted) {
    Error(field, FormatIpv4(*address) + " is already used by " + it->second);
    return std::nullopt;
  }
  return address;
}

}  // namespace vpcreach

namespace vpcreach {

void BuildContext::AssignPublicIps() {
  constexpr Ipv4 kFirst = (192u << 24) | (2u << 8) | 1u;  // TEST-NET-1, as the stack reader's
  Ipv4 next = kFirst;
  for (Index e : public_requests_) {
    while (public_ips_.count(next)) ++next;
    Eni& eni = model_->enis[e];
    public_ips_.emplace(next, "eni " + eni.id);
    eni.public_ip = next++;
  }
}

}  // namespace vpcreach
