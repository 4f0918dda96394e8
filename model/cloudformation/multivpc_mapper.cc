#include "model/cloudformation/multivpc_mapper.h"

#include <string>

namespace vpcreach::cfn {

void MapPeeringConnection(MapperCore& core, const Res& res) {
  const CfnValue* region = res.Prop("PeerRegion");
  if (region != nullptr && region->IsScalar() && region->text() != core.region()) {
    core.Ignore(res,
                "its peer VPC is in region " + region->text() +
                    ", and vpcreach models one region",
                "", /*shapes_reachability=*/true);
    core.MarkUnmapped(res.id);
    return;
  }
  const CfnValue* peer = res.Prop("PeerVpcId");
  if (peer != nullptr && peer->IsScalar()) {
    const Res* vpc = core.FindResource(peer->text());
    if (vpc == nullptr || vpc->type() != "AWS::EC2::VPC") {
      core.Ignore(res,
                  "its peer VPC " + peer->text() +
                      " is not in the scenario's stacks (another account's or stack's)",
                  "", /*shapes_reachability=*/true);
      core.MarkUnmapped(res.id);
      return;
    }
  }
  GenNode& pcx = core.Add("peering_connections", res);
  MapperCore::SetScalar(pcx, "requester", core.Scalar(res, "VpcId", true));
  MapperCore::SetScalar(pcx, "accepter", core.Scalar(res, "PeerVpcId", true));
}

}  // namespace vpcreach::cfn
