// Deterministic private-address assignment for the loader.
//
// AWS gives an ENI or NAT gateway without a chosen address some free address of its subnet; to
// make runs repeatable vpcreach picks the first one that AWS does not reserve (network, +1 router,
// +2 DNS, +3 future use, broadcast) and nothing else uses. An AddressPlan collects one request per
// address in the order of its groups (NAT gateways, interface endpoint ENIs, ENIs, notebook ENIs,
// training instance ENIs, workload ENIs; document order within a group); an ENI's secondary
// addresses are requests of their own, after its primary one. Assign() first checks every written
// address (inside the subnet, not reserved, not taken in its VPC), so that a chosen address never
// collides with one written later in the file, then chooses addresses for the rest. An address is
// unique within a VPC only: two VPCs that are not connected may use the same one, as in AWS.
#ifndef VPCREACH_MODEL_ADDRESS_PLAN_H_
#define VPCREACH_MODEL_ADDRESS_PLAN_H_

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "model/diagnostics.h"
#include "model/model.h"

namespace vpcreach {

class AddressPlan {
 public:
  enum Group {
    kNatGateway,
    kEndpointEni,
    kEni,
    kNotebook,
    kTrainingInstance,
    kWorkloadEni,
    kGroupCount
  };

  struct Request {
    bool nat = false;  // `index` is into Model::nat_gateways, else into Model::enis
    Index index = kNone;
    Index subnet = kNone;  // kNone: the subnet is unknown or broken (reported); skip
    std::optional<Ipv4> written;
    SourceLocation location;  // of the written address, else of the component
    std::string path;
    std::string owner;  // "eni bastion", for "already used by" messages
    // -1: the primary address; k >= 0: the ENI's secondary address k (Eni::secondary_ips[k],
    // which the requester sized).
    int secondary = -1;
  };

  void Add(Group group, Request request) { groups_[group].push_back(std::move(request)); }

  // Sets private_ip and private_ip_assigned (or a secondary address and its flag) of every
  // requester in `*model`; problems (a written address outside its subnet, reserved or taken; a
  // full subnet) are appended to `*diagnostics`.
  void Assign(Model* model, std::vector<Diagnostic>* diagnostics) const;

 private:
  std::array<std::vector<Request>, kGroupCount> groups_;
};

}  // namespace vpcreach

#endif  // VPCREACH_MODEL_ADDRESS_PLAN_H_
