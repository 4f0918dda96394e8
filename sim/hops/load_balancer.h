// Load balancers as the proxies they are: the hop a request takes past a balancer's listener, in
// the tracer and in the solver, side by side.
//
// A client's connection ends at a listener: an ordinary delivery to one of the balancer's
// interfaces, whose groups and NACLs filter it and which answers only its listeners' ports
// (sim/rules.h, EniRole). The balancer then opens a connection of its own, from that interface
// to each target of the listener's target groups: the backend leg, filtered by the interface's
// groups, its subnet's NACL and the target's groups and NACL, answered by the target. A request
// reaches a target through a balancer when both legs are delivered and answered.
//
// What vpcreach decides where AWS leaves a choice (each said in the README):
//  - Cross-zone: every interface of the balancer opens connections to every target (always so
//    for an Application Load Balancer; Network and Classic ones may keep to their own zone,
//    which can only take targets away, never add one).
//  - The backend leg's source is the interface's primary address and, of the ports the balancer
//    may pick in 1024-65535, the client's own (1024 when lower): deterministic, so the tracer and
//    the solver agree, and a NACL that admits only some ephemeral ports refuses some clients.
//  - A Network Load Balancer that preserves client addresses shows the targets the client's
//    address; vpcreach checks the leg from the balancer's address and says so in the hop.
//  - Protocol and port: the target group's (HTTP, HTTPS, TCP, TLS: tcp; UDP: udp; TCP_UDP or
//    none written: the request's), the port a target is registered with, else the group's, else
//    the listener's. An address target that no interface holds is a host of its subnet.
//  - A Gateway Load Balancer is not a proxy (it passes packets through appliances) and opens
//    nothing here.
//  - Questions without a destination (matrix, only_to) end at the balancer: a proxied class
//    exists only for a question whose destination holds a target (SolverOptions::destination).
// Balancers that forward to balancers are followed up to max_proxies in a row.
#ifndef VPCREACH_SIM_HOPS_LOAD_BALANCER_H_
#define VPCREACH_SIM_HOPS_LOAD_BALANCER_H_

#include <cstdint>
#include <string>
#include <vector>

#include "model/model.h"
#include "sim/endpoint.h"
#include "sim/packet.h"
#include "sim/solver.h"
#include "sim/tracer.h"

namespace vpcreach {

// One backend connection a listener opens: to one address of one target.
struct BackendLeg {
  Index balancer = kNone;  // workload index
  size_t listener = 0;     // index in Workload::listeners
  Index target_group = kNone;
  std::string target;        // the target as named: "web[0]", "10.1.16.9"
  Index target_eni = kNone;  // the ENI that holds `address`, when one does
  Ipv4 address = 0;
  int protocol = kTcp;
  std::uint16_t port = 0;
};

// The backend legs of listener `listener` of balancer `balancer` (a workload index) for
// requests of `protocol` (empty for a Gateway Load Balancer or a listener without target groups).
std::vector<BackendLeg> BackendLegs(const Model& model, Index balancer, size_t listener,
                                    int protocol);

// The hop the proxy adds between the legs: "listener tcp 443 forwards to target group tg:
// web[0] (10.1.16.5) on tcp 8080, a connection of its own".
PathStep ProxyStep(const Model& model, const BackendLeg& leg);

// The addresses of the balancers in front of `destination` (whose listeners forward to a target
// inside it, directly or through up to `max_proxies` balancers in a row): a question to the
// destination asks about the requests sent to them too.
IpRangeSet ProxyAddresses(const Model& model, const Endpoint& destination, int max_proxies = 2);

// Whether `step` is a ProxyStep.
bool IsProxyStep(const PathStep& step);

// --- The tracer's step ---
// The backend legs of a delivered client leg `client` (a request to a balancer's listener), each
// traced from the interface that took it (at most 16); empty when `client` is not such a
// request, was not delivered, or options.max_proxies is 0.
std::vector<ProxiedLeg> TraceBackends(const Tracer& tracer, const TraceResult& client,
                                      const TraceOptions& options);

// --- The solver's step ---
// Adds to `result` the classes of requests of `asked` from `origin` that reach a target inside
// options.destination through a balancer (nothing without a destination or when max_proxies is
// 0): the client leg's forward steps, the proxy step, the backend leg's; the backend leg's reply
// steps then the client leg's. A class's packets are the client's requests, its delivery the
// target's.
void AddProxiedClasses(const Solver& solver, const Origin& origin, const PacketSet& asked,
                       const SolverOptions& options, ReachResult* result);

}  // namespace vpcreach

#endif  // VPCREACH_SIM_HOPS_LOAD_BALANCER_H_
