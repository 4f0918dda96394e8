#include "model/address_plan.h"

#include <map>
#include <utility>

namespace vpcreach {

void AddressPlan::Assign(Model* model, std::vector<Diagnostic>* diagnostics) const {
  auto place = [&](const Request& request, Ipv4 address, bool assigned) {
    if (request.nat) {
      model->nat_gateways[request.index].private_ip = address;
      model->nat_gateways[request.index].private_ip_assigned = assigned;
    } else if (request.secondary >= 0) {
      Eni& eni = model->enis[request.index];
      eni.secondary_ips[request.secondary] = address;
      eni.secondary_ips_assigned[request.secondary] = assigned;
    } else {
      model->enis[request.index].private_ip = address;
      model->enis[request.index].private_ip_assigned = assigned;
    }
  };
  auto error = [&](const Request& request, std::string message) {
    diagnostics->push_back(Diagnostic{request.location, request.path, std::move(message)});
  };

  // Private addresses are unique within a VPC; VPCs that are not connected may reuse them.
  std::map<std::pair<Index, Ipv4>, std::string> used;  // (vpc, address) -> its owner
  for (const auto& group : groups_) {
    for (const Request& request : group) {
      if (!request.written || request.subnet == kNone) continue;
      const Subnet& subnet = model->subnets[request.subnet];
      Ipv4 address = *request.written;
      std::string text = FormatIpv4(address);
      if (!subnet.cidr.Contains(address)) {
        error(request,
              text + " is not inside subnet " + subnet.id + " (" + subnet.cidr.ToString() + ")");
      } else if (subnet.IsReserved(address)) {
        error(request, text + " is reserved by AWS in subnet " + subnet.id +
                           " (the first four addresses and the last are reserved)");
      } else if (auto [it, inserted] = used.emplace(std::pair{subnet.vpc, address}, request.owner);
                 !inserted) {
        error(request, text + " is already used by " + it->second);
      } else {
        place(request, address, false);
      }
    }
  }

  std::map<Index, Ipv4> next;  // per subnet: no free address below this one
  for (const auto& group : groups_) {
    for (const Request& request : group) {
      if (request.written || request.subnet == kNone) continue;
      const Subnet& subnet = model->subnets[request.subnet];
      Ipv4& candidate = next.emplace(request.subnet, subnet.cidr.First() + 4).first->second;
      while (candidate < subnet.cidr.Last() && used.count({subnet.vpc, candidate})) ++candidate;
      if (candidate >= subnet.cidr.Last()) {
        error(request, "no free address left in subnet " + subnet.id + " (" +
                           subnet.cidr.ToString() + ") for " + request.owner);
        continue;
      }
      used.emplace(std::pair{subnet.vpc, candidate}, request.owner);
      place(request, candidate, true);
    }
  }
}

}  // namespace vpcreach
