#include "sim/hops/load_balancer.h"

#include <algorithm>
#include <map>
#include <tuple>
#include <utility>

#include "model/workload_kinds.h"

namespace vpcreach {
namespace {

// Backend legs a trace shows at most per request (a group may hold hundreds of instances).
constexpr size_t kMaxTracedLegs = 16;

const Workload* Balancer(const Model& model, Index eni) {
  const Eni& e = model.enis[eni];
  if (e.owner != EniOwner::kWorkload) return nullptr;
  const Workload& w = model.workloads[e.owner_index];
  if (w.kind != WorkloadKind::kLoadBalancer) return nullptr;
  if (w.load_balancer_type == LoadBalancerType::kGateway) return nullptr;
  return &w;
}

// The index of the listener of `w` that takes requests of `protocol` on `port`, or npos.
size_t ListenerFor(const Workload& w, int protocol, std::uint16_t port) {
  for (size_t i = 0; i < w.listeners.size(); ++i) {
    if (w.listeners[i].port != port) continue;
    for (const ServedTraffic& t : ListenerTraffic(w.listeners[i].protocol, w.listeners[i].port)) {
      if (t.protocol == protocol) return i;
    }
  }
  return std::string::npos;
}

Index EniHolding(const Model& model, Ipv4 address) {
  for (Index e = 0; e < model.enis.size(); ++e) {
    if (model.enis[e].HasPrivateIp(address)) return e;
  }
  return kNone;
}

Origin EniOrigin(const Model& model, Index eni) {
  Origin o;
  o.kind = OriginKind::kEni;
  o.index = eni;
  for (Ipv4 a : model.enis[eni].PrivateIps()) o.addresses.Add(HostCidr(a));
  o.label = model.enis[eni].id;
  return o;
}

bool InDestination(const Endpoint& destination, const BackendLeg& leg) {
  return (leg.target_eni != kNone &&
          std::find(destination.enis.begin(), destination.enis.end(), leg.target_eni) !=
              destination.enis.end()) ||
         destination.addresses.Contains(leg.address);
}

}  // namespace

std::vector<BackendLeg> BackendLegs(const Model& model, Index balancer, size_t listener,
                                    int protocol) {
  std::vector<BackendLeg> out;
  const Workload& w = model.workloads[balancer];
  if (w.load_balancer_type == LoadBalancerType::kGateway) return out;
  const LoadBalancerListener& l = w.listeners[listener];
  for (Index g : l.target_groups) {
    const TargetGroup& group = model.target_groups[g];
    int leg_protocol = protocol;  // TCP_UDP and unwritten protocols follow the request
    if (group.protocol == "UDP") leg_protocol = kUdp;
    if (group.protocol == "HTTP" || group.protocol == "HTTPS" || group.protocol == "TCP" ||
        group.protocol == "TLS") {
      leg_protocol = kTcp;
    }
    if (group.protocol == "GENEVE") continue;
    for (const TargetGroupTarget& t : group.targets) {
      std::uint16_t port = t.port.value_or(group.port.value_or(l.port));
      auto add = [&](Index eni, Ipv4 address, std::string name) {
        out.push_back(BackendLeg{balancer, listener, g, std::move(name), eni, address,
                                 leg_protocol, port});
      };
      if (t.workload != kNone) {
        const std::vector<Index>& enis = model.workloads[t.workload].enis;
        for (Index e : enis) add(e, model.enis[e].private_ip, model.enis[e].id);
      } else if (t.eni != kNone) {
        add(t.eni, model.enis[t.eni].private_ip, t.id);
      } else if (t.ip) {
        add(EniHolding(model, *t.ip), *t.ip, t.id);
      }
    }
  }
  return out;
}

PathStep ProxyStep(const Model& model, const BackendLeg& leg) {
  const Workload& w = model.workloads[leg.balancer];
  const LoadBalancerListener& l = w.listeners[leg.listener];
  std::string decision = "listener " + ProtocolName(leg.protocol) + " " + std::to_string(l.port) +
                         " forwards to target group " + model.target_groups[leg.target_group].id +
                         ": " + leg.target + " (" + FormatIpv4(leg.address) + ") on " +
                         ProtocolName(leg.protocol) + " " + std::to_string(leg.port) +
                         ", a connection of its own";
  if (w.load_balancer_type == LoadBalancerType::kNetwork) {
    decision +=
        " (a network load balancer may preserve the client's address, which the target's "
        "groups and NACL then see; vpcreach checks the balancer's)";
  }
  return PathStep{w.id, kKindWorkload, std::move(decision)};
}

IpRangeSet ProxyAddresses(const Model& model, const Endpoint& destination, int max_proxies) {
  IpRangeSet out;
  Endpoint front = destination;  // what the next balancer out must forward to
  for (int depth = 0; depth < max_proxies; ++depth) {
    Endpoint balancers;
    for (Index b = 0; b < model.workloads.size(); ++b) {
      const Workload& w = model.workloads[b];
      if (w.kind != WorkloadKind::kLoadBalancer) continue;
      bool forwards = false;
      for (size_t l = 0; l < w.listeners.size() && !forwards; ++l) {
        for (const ServedTraffic& t : ListenerTraffic(w.listeners[l].protocol, w.listeners[l].port)) {
          for (const BackendLeg& leg : BackendLegs(model, b, l, t.protocol)) {
            forwards = forwards || InDestination(front, leg);
          }
        }
      }
      if (!forwards) continue;
      for (Index e : w.enis) AddEni(model, e, &balancers);
    }
    if (balancers.enis.empty()) break;
    out.Add(balancers.addresses);
    front = std::move(balancers);
  }
  return out;
}

bool IsProxyStep(const PathStep& step) {
  return step.kind == kKindWorkload && step.decision.rfind("listener ", 0) == 0;
}

std::vector<ProxiedLeg> TraceBackends(const Tracer& tracer, const TraceResult& client,
                                      const TraceOptions& options) {
  std::vector<ProxiedLeg> out;
  if (!client.delivered || options.max_proxies <= 0) return out;
  if (client.delivery.kind != DeliveryKind::kEni) return out;
  const Model& model = tracer.model();
  Index eni = client.delivery.index;
  const Workload* w = Balancer(model, eni);
  if (w == nullptr) return out;
  size_t listener = ListenerFor(*w, client.packet.protocol, client.packet.dst_port);
  if (listener == std::string::npos) return out;
  Index balancer = static_cast<Index>(w - model.workloads.data());
  TraceOptions next = options;
  next.max_proxies = options.max_proxies - 1;
  next.deliver_to_subnet_hosts = true;  // an address target nobody holds is a host there
  // The balancer's source port: the client's (1024 when lower), as in AddProxiedClasses.
  std::uint16_t port = std::max<std::uint16_t>(client.packet.src_port, kNatPortFirst);
  for (const BackendLeg& leg : BackendLegs(model, balancer, listener, client.packet.protocol)) {
    if (out.size() == kMaxTracedLegs) break;
    Packet p{model.enis[eni].private_ip, leg.address, leg.protocol, port, leg.port};
    out.push_back(ProxiedLeg{w->id, ProxyStep(model, leg).decision, leg.target,
                             tracer.Trace(EniOrigin(model, eni), p, next)});
  }
  return out;
}

void AddProxiedClasses(const Solver& solver, const Origin& origin, const PacketSet& asked,
                       const SolverOptions& options, ReachResult* result) {
  const Endpoint* destination = options.destination;
  if (destination == nullptr || options.max_proxies <= 0) return;
  const Model& model = solver.model();
  SolverOptions next = options;
  next.max_proxies = options.max_proxies - 1;
  for (Index b = 0; b < model.workloads.size(); ++b) {
    const Workload& w = model.workloads[b];
    if (w.kind != WorkloadKind::kLoadBalancer || w.enis.empty()) continue;
    Endpoint balancer;
    balancer.name = w.id;
    for (Index e : w.enis) AddEni(model, e, &balancer);
    for (size_t l = 0; l < w.listeners.size(); ++l) {
      for (const ServedTraffic& t : ListenerTraffic(w.listeners[l].protocol, w.listeners[l].port)) {
        std::vector<BackendLeg> legs;
        for (BackendLeg& leg : BackendLegs(model, b, l, t.protocol)) {
          if (InDestination(*destination, leg)) legs.push_back(std::move(leg));
        }
        if (legs.empty()) continue;
        // The client's leg: requests to the listener, delivered and answered at the balancer.
        PacketSet requests = asked & PacketSet::Value(Field::kProtocol, t.protocol) &
                             PacketSet::Range(Field::kDstPort, t.ports.from, t.ports.to) &
                             PacketSet::Addresses(Field::kDst, balancer.addresses);
        if (requests.IsEmpty()) continue;
        SolverOptions backend_options = next;
        backend_options.deliver_to_subnet_hosts = true;  // as the tracer: see TraceBackends
        SolverOptions to_balancer = next;
        to_balancer.destination = &balancer;
        ReachResult client = solver.Reach(origin, requests, to_balancer);
        result->budget_exceeded |= client.budget_exceeded;
        result->AddZoneChoices(client.zone_choices);
        // The backend legs, once per interface of the balancer that took requests.
        std::map<std::tuple<Index, Ipv4, std::uint16_t>, ReachResult> backend;
        for (const DeliveredClass& c1 : client.classes) {
          PacketSet taken = solver.DeliveredTo(c1, balancer);
          if (taken.IsEmpty() || c1.delivery.kind != DeliveryKind::kEni) continue;
          Index eni = c1.delivery.index;
          for (const BackendLeg& leg : legs) {
            auto key = std::tuple{eni, leg.address, leg.port};
            auto it = backend.find(key);
            if (it == backend.end()) {
              PacketSet opened = PacketSet::Value(Field::kSrc, model.enis[eni].private_ip) &
                                 PacketSet::Value(Field::kProtocol, leg.protocol) &
                                 PacketSet::Range(Field::kSrcPort, kNatPortFirst, 65535) &
                                 PacketSet::Value(Field::kDst, leg.address) &
                                 PacketSet::Value(Field::kDstPort, leg.port);
              it = backend.emplace(key, solver.Reach(EniOrigin(model, eni), opened, backend_options))
                       .first;
              result->budget_exceeded |= it->second.budget_exceeded;
              result->AddZoneChoices(it->second.zone_choices);
            }
            for (const DeliveredClass& c2 : it->second.classes) {
              PacketSet reached = solver.DeliveredTo(c2, *destination);
              if (reached.IsEmpty()) continue;
              // The balancer's connection keeps the client's port (1024 when lower): the
              // requests this path carries on are those whose port it delivers.
              PacketSet ports = reached.Forget(Field::kSrc)
                                    .Forget(Field::kDst)
                                    .Forget(Field::kProtocol)
                                    .Forget(Field::kDstPort);
              PacketSet carried = taken & ports;
              if (ports.Contains(Packet{0, 0, 0, kNatPortFirst, 0})) {
                carried |= taken & PacketSet::Range(Field::kSrcPort, 0, kNatPortFirst - 1);
              }
              if (carried.IsEmpty()) continue;
              DeliveredClass c;
              c.packets = carried;
              c.delivery = c2.delivery;
              c.arriving = SymbolicHeader::Identity();
              c.arriving[Field::kSrc] = FieldExpr::Constant(model.enis[eni].private_ip);
              c.arriving[Field::kDst] = FieldExpr::Constant(leg.address);
              c.arriving[Field::kProtocol] = FieldExpr::Constant(leg.protocol);
              c.arriving[Field::kDstPort] = FieldExpr::Constant(leg.port);
              c.forward = c1.forward;
              if (options.record_steps) c.forward.push_back(ProxyStep(model, leg));
              c.forward.insert(c.forward.end(), c2.forward.begin(), c2.forward.end());
              c.reverse = c2.reverse;
              c.reverse.insert(c.reverse.end(), c1.reverse.begin(), c1.reverse.end());
              c.encapsulation = c1.encapsulation;
              c.nat_ports = c1.nat_ports;
              result->classes.push_back(std::move(c));
            }
          }
        }
      }
    }
  }
}

}  // namespace vpcreach
