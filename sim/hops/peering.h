// VPC peering connections: the hop a packet takes when a route of one VPC targets a peering
// connection (RouteTarget::kPeeringConnection), in the tracer and in the solver, side by side.
//
// AWS's rules (VPC peering guide, "VPC peering limitations"; aws-semantics.md, "VPC peering"):
//  - The connection carries a packet from one of its VPCs to the other, and only between their
//    own addresses: "traffic must originate or terminate on a network interface in the VPC".
//    A packet whose source is not an address of the sending VPC (it entered that VPC through an
//    internet gateway, a VPN or another peering, and an appliance routes it on) is dropped:
//    no edge-to-edge routing (PCX_SOURCE_NOT_IN_VPC).
//  - Its destination must lie in the peer VPC's blocks; anything else (the internet, another VPC
//    peered with the peer, an on-premises network) is dropped: no transitive routing, and the
//    peer's internet gateway, NAT gateways, VPN and gateway endpoints are never reached through
//    the peering (PCX_DESTINATION_NOT_IN_PEER_VPC).
//  - In the peer VPC the packet enters the subnet that holds its destination (that subnet's NACL
//    inbound) and is delivered as after the local route: it never meets the peer's route tables,
//    which is why nothing transits. An address of the peer's blocks that no subnet holds is
//    UNKNOWN_DESTINATION.
//  - The reply is routed by the peer's own route table: it needs a route back to the sender's
//    VPC through the same (or another) peering connection.
// Security-group rules naming a peer VPC's groups (same region) are the loader's
// (security_builder.cc): their members are matched by address, as within a VPC.
#ifndef VPCREACH_SIM_HOPS_PEERING_H_
#define VPCREACH_SIM_HOPS_PEERING_H_

#include "model/model.h"
#include "sim/hops/hop_steps.h"
#include "sim/packet.h"
#include "sim/solver_state.h"

namespace vpcreach {

inline constexpr const char* kPcxSourceNotInVpc = "PCX_SOURCE_NOT_IN_VPC";
inline constexpr const char* kPcxDestinationNotInPeerVpc = "PCX_DESTINATION_NOT_IN_PEER_VPC";

// The tracer's step: packet `p`, routed in vpc `from_vpc` to peering connection `pcx`, crosses
// into the peer VPC and on to its destination there. False when it does not arrive.
bool TracePeering(TracerSteps& walk, const Model& model, Index pcx, Index from_vpc,
                  const Packet& p);

// The solver's step: the same for the requests of path state `s`.
void SolvePeering(SolverSteps& walk, Index pcx, Index from_vpc, walk::State s);

}  // namespace vpcreach

#endif  // VPCREACH_SIM_HOPS_PEERING_H_
