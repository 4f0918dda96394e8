// Transit gateways: the hop a packet takes when a route of a VPC targets a transit gateway
// (RouteTarget::kTransitGateway), in the tracer and in the solver, side by side.
//
// What AWS does (Transit Gateway guide, "How transit gateways work"; aws-semantics.md, "Transit
// gateways"), and what vpcreach decides where AWS leaves a choice:
//  - The packet enters by the VPC's attachment, through the attachment's subnet in the zone of
//    the subnet that routed it: "resources in Availability Zones where there is no transit
//    gateway attachment cannot reach the transit gateway" (TGW_ATTACHMENT_AZ_RESTRICTION). The
//    sending subnet's NACL applies outbound, and the attachment subnet's inbound when it is
//    another subnet.
//  - The attachment's associated route table decides: longest prefix, a static route before a
//    propagated one of the same prefix; a blackhole drops (BAD_STATE_ROUTE); no route, or an
//    attachment associated with no table, drops (NO_ROUTE_TO_DESTINATION).
//  - The packet leaves by the route's attachment, into that VPC through its attachment subnet in
//    the same zone when it has one (AWS keeps traffic in its zone), else its first subnet, and
//    that subnet's route table routes it on (its NACL outbound, the destination subnet's
//    inbound): this is why a VPC behind a transit gateway can send traffic on to an appliance.
//  - The reply is routed the same way, by the tables of its own path: without appliance mode,
//    a reply may come back through another zone's appliance than the request, as it does in AWS.
//  - Appliance mode (ApplianceModeSupport on the attachment the packet leaves by): "a transit
//    gateway selects a single network interface in the appliance VPC, using a flow hash
//    algorithm, to send traffic to for the life of the flow. The transit gateway uses the same
//    network interface for the return traffic" (Transit Gateway guide, "Example: Appliance in a
//    shared services VPC"). The hash is not known offline: vpcreach follows one of its outcomes,
//    the attachment's first subnet, for both directions of every flow (so a delivery it finds
//    is one AWS may make), and records that it did (SolverSteps::FollowsOneChoice,
//    ReachResult::zone_choices) when the attachment has subnets in several zones: `check`
//    then proves no claim about every packet of the question (reachable: false, only_to, via,
//    avoid), since another zone's subnet, route table and NACL might decide otherwise, and
//    `reach` says its answer is partial.
//  - A peering attachment (TransitGatewayAttachment::IsPeering) hands the packet to the transit
//    gateway at its other end, whose table associated with the peering decides on (static
//    routes only: nothing propagates over a peering). The zone kept is the entry's. A route
//    that sends the packet over the same peering to the same gateway a second time is a loop:
//    dropped, NO_PATH. (Chains of peerings are followed as routed: AWS documents no limit;
//    that is an inference.)
// Transit gateway VPN and Connect attachments are not modelled.
#ifndef VPCREACH_SIM_HOPS_TRANSIT_GATEWAY_H_
#define VPCREACH_SIM_HOPS_TRANSIT_GATEWAY_H_

#include "model/model.h"
#include "sim/hops/hop_steps.h"
#include "sim/packet.h"
#include "sim/solver_state.h"

namespace vpcreach {

inline constexpr const char* kTgwAzRestriction = "TGW_ATTACHMENT_AZ_RESTRICTION";

// The attachment of `vpc` to transit gateway `tgw`, or kNone.
Index AttachmentOf(const Model& model, Index tgw, Index vpc);

// The tracer's step: packet `p`, routed by subnet `from_subnet`'s table to transit gateway
// `tgw`. False when it does not arrive.
bool TraceTransitGateway(TracerSteps& walk, const Model& model, Index tgw, Index from_subnet,
                         const Packet& p);

// The solver's step: the same for the requests of path state `s`.
void SolveTransitGateway(SolverSteps& walk, Index tgw, Index from_subnet, walk::State s);

}  // namespace vpcreach

#endif  // VPCREACH_SIM_HOPS_TRANSIT_GATEWAY_H_
