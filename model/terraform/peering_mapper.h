// Maps VPC peering: aws_vpc_peering_connection (requester vpc_id, accepter peer_vpc_id) and
// aws_vpc_peering_connection_accepter into `peering_connections` (peering_builder.h), and the
// routes that name them.
//
// As AWS does: a connection carries traffic once accepted. It is active when the state says so
// (accept_status "active"), else when the plan accepts it: its own auto_accept, or an
// aws_vpc_peering_connection_accepter with auto_accept that names it. One not accepted is listed
// (it carries nothing) and the routes to it are blackholes, as AWS shows them. A connection with
// a VPC outside the document (another account or configuration, or another region: peer_region)
// is a warning that voids proofs (what crosses it is not followed), and its routes are blackholes
// too, as the snapshot reader makes a route to what it skips. A route that names the accepter
// resource names its connection.
#ifndef VPCREACH_MODEL_TERRAFORM_PEERING_MAPPER_H_
#define VPCREACH_MODEL_TERRAFORM_PEERING_MAPPER_H_

#include <string>

#include "model/terraform/mapper_context.h"

namespace vpcreach::tf {

bool IsPeeringType(const std::string& type);

// After the routes are mapped (network_mapper.h): their targets are rewritten here.
void MapPeerings(MapperContext& context);

}  // namespace vpcreach::tf

#endif  // VPCREACH_MODEL_TERRAFORM_PEERING_MAPPER_H_
