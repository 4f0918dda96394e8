// Site-to-Site VPN: the hops a packet takes through a virtual private gateway, out of its VPC to
// an on-premises network (a route targets the gateway: RouteTarget::kVpnGateway) and in from one
// (a packet from on-premises addressed into the VPC, or the reply to a request that went out),
// in the tracer and in the solver, side by side.
//
// What AWS does (Site-to-Site VPN guide, "Route tables and VPN route priority"; aws-semantics.md,
// "VPN"), and what vpcreach decides where AWS leaves a choice:
//  - Out: the virtual private gateway sends the packet over the VPN connection whose on-premises
//    prefix holds its destination (model.h, VpnConnection::Prefixes): the longest prefix among
//    the connections that carry traffic (some tunnel up), on one prefix a static connection
//    before a BGP one, then the first connection. A destination only a connection whose tunnels
//    are all down holds is dropped (VPN_TUNNEL_DOWN): a tunnel that is down carries nothing. A
//    destination no connection holds is dropped (NO_ROUTE_TO_DESTINATION). Delivered, the packet
//    is on-premises (an outside delivery, like the internet's).
//  - In: a packet from outside every VPC whose source lies in an on-premises prefix of one of a
//    gateway's connections and whose destination lies in the gateway's VPC enters that VPC by
//    the gateway (the first such gateway in model order: the on-premises network routes the
//    VPC's blocks over its VPN), if a connection that carries traffic holds its source (else
//    VPN_TUNNEL_DOWN). It enters the subnet that holds its destination (that subnet's NACL
//    inbound, then the destination's security groups), as after the local route; an address of
//    the VPC that no subnet holds is UNKNOWN_DESTINATION. Gateway route tables (ingress routing)
//    of virtual private gateways are not modelled: the loader refuses them.
//  - The reply of a request that went out comes back in by the same gateway; the reply of a
//    request that came in is routed by its subnet's route table, which needs a route (static or
//    propagated) back to the gateway. Security groups are stateful as for any other gateway,
//    NACLs are not.
// The source of a packet the gateway sends out is not checked: AWS documents no source
// restriction for it (VPN CloudHub relays between connections), so vpcreach claims none.
#ifndef VPCREACH_SIM_HOPS_VPN_H_
#define VPCREACH_SIM_HOPS_VPN_H_

#include <vector>

#include "model/model.h"
#include "sim/hops/hop_steps.h"
#include "sim/packet.h"
#include "sim/solver_state.h"

namespace vpcreach {

inline constexpr const char* kVpnTunnelDown = "VPN_TUNNEL_DOWN";

// One on-premises prefix of a virtual private gateway, by the connection that reaches it.
struct VpnRoute {
  Cidr prefix;
  Index connection = kNone;
};

// The routes of gateway `vgw` in the order it picks them: longest prefix first, on one prefix a
// static connection before a BGP one, then model order. `carrying`: only the connections with a
// tunnel up; else only those with every tunnel down.
std::vector<VpnRoute> VpnRoutes(const Model& model, Index vgw, bool carrying);

// The gateway a packet from on-premises address `src` to `dst` enters by (see above), or kNone.
Index EntryVpnGateway(const Model& model, const IpAddress& src, const IpAddress& dst);

// Every on-premises prefix of gateway `vgw`'s connections, in whatever state.
IpRangeSet OnPremisesAddresses(const Model& model, Index vgw);

// The tracer's steps: packet `p` routed to gateway `vgw` (out), or arriving at it from
// on-premises (in). False when it does not arrive.
bool TraceVpnOut(TracerSteps& walk, const Model& model, Index vgw, const Packet& p);
bool TraceVpnIn(TracerSteps& walk, const Model& model, Index vgw, const Packet& p);

// The solver's steps: the same for the requests of path state `s`.
void SolveVpnOut(SolverSteps& walk, Index vgw, walk::State s);
void SolveVpnIn(SolverSteps& walk, Index vgw, walk::State s);
// Takes from `s` the requests from on-premises that enter a VPC by a gateway (EntryVpnGateway)
// and walks them in; leaves the rest in `s`.
void SolveOnPremisesEntry(SolverSteps& walk, walk::State& s);

}  // namespace vpcreach

#endif  // VPCREACH_SIM_HOPS_VPN_H_
