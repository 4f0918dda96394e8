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

void BuildContext::AssignAddresses() {
  addresses_.Assign(model_, sink_);
  constexpr Ipv4 kFirstPublicIp = (192u << 24) | (2u << 8) | 1u;  // 192.0.2.1, TEST-NET-1
  Ipv4 candidate = kFirstPublicIp;
  for (Index eni : launch_public_ips_) {
    while (public_ips_.count(candidate)) ++candidate;
    Eni& e = model_->enis[eni];
    public_ips_.emplace(candidate, "eni " + e.id);
    e.public_ip = candidate;
    e.public_ip_assigned = true;
  }
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
