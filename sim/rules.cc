#include "sim/rules.h"

#include <algorithm>

#include "model/workload_kinds.h"

namespace vpcreach {

bool MatchesProtocol(int rule_protocol, const Packet& p) {
  return rule_protocol == kAllProtocols || rule_protocol == p.protocol;
}

bool MatchesPorts(int rule_protocol, const PortRange& ports, const Packet& p) {
  // An "all protocols" rule covers all ports; ports are matched only for tcp and udp.
  return rule_protocol == kAllProtocols || !HasPorts(p.protocol) || ports.Contains(p.dst_port);
}

bool MatchesIcmp(int rule_protocol, const IcmpTypeCode& icmp, const Packet& p) {
  return rule_protocol != kIcmp || p.protocol != kIcmp || icmp.Contains(IcmpType(p), IcmpCode(p));
}

std::optional<PortRange> IcmpFieldRange(const IcmpTypeCode& icmp) {
  if (icmp.type == kAllIcmp) return std::nullopt;
  if (icmp.code == kAllIcmp) return PortRange{IcmpField(icmp.type, 0), IcmpField(icmp.type, 255)};
  return PortRange{IcmpField(icmp.type, icmp.code), IcmpField(icmp.type, icmp.code)};
}

bool GatewayEndpointCarries(const Packet& p) {
  if (p.protocol == kTcp) return true;
  return p.protocol == kIcmp && (IcmpType(p) == kIcmpEchoRequest || IcmpType(p) == kIcmpEchoReply);
}

std::string ProtocolAndPorts(int protocol, const PortRange& ports, const IcmpTypeCode& icmp) {
  std::string out = ProtocolName(protocol);
  if (HasPorts(protocol) && !ports.IsAll()) out += " " + ports.ToString();
  if (protocol == kIcmp && !icmp.IsAll()) out += " " + icmp.ToString();
  return out;
}

std::string DestinationText(const Model& model, const Route& r) {
  return r.destination_cidr ? r.destination_cidr->ToString()
                            : model.prefix_lists[r.destination_prefix_list].id;
}

std::string RouteText(const Model& model, const Route& r) {
  return DestinationText(model, r) + " -> " + r.target_id + (r.propagated ? " (propagated)" : "");
}

std::string NaclRuleText(const NaclRule& r) {
  return "rule " + std::to_string(r.number) + " " + (r.allow ? "allow " : "deny ") +
         ProtocolAndPorts(r.protocol, r.ports, r.icmp) + " " + r.cidr.ToString();
}

std::string SgPeerText(const Model& model, const SgRule& r) {
  switch (r.peer) {
    case PeerKind::kCidr: return r.cidr.ToString();
    case PeerKind::kSecurityGroup: return "sg " + model.security_groups[r.peer_index].id;
    case PeerKind::kPrefixList: return model.prefix_lists[r.peer_index].id;
  }
  return "";
}

std::string SgRuleText(const Model& model, const SgRule& r, bool ingress) {
  return std::string(ingress ? "ingress " : "egress ") +
         ProtocolAndPorts(r.protocol, r.ports, r.icmp) + " " + SgPeerText(model, r);
}

bool SgPeerContains(const Model& model, const SgRule& r, const IpAddress& address) {
  switch (r.peer) {
    case PeerKind::kCidr:
      return r.cidr.Contains(address);
    case PeerKind::kPrefixList:
      for (const Cidr& c : model.prefix_lists[r.peer_index].cidrs) {
        if (c.Contains(address)) return true;
      }
      return false;
    case PeerKind::kSecurityGroup:
      // The private addresses of every ENI that carries the referenced group.
      for (const Eni& e : model.enis) {
        if (!e.HasPrivateIp(address)) continue;
        for (Index g : e.security_groups) {
          if (g == r.peer_index) return true;
        }
      }
      return false;
  }
  return false;
}

int RoutePriority(const Route& route) {
  if (route.propagated) return 0;
  return route.destination_cidr ? 2 : 1;
}

const Route* LongestPrefixMatch(const Model& model, const RouteTable& table, const IpAddress& dst) {
  const Route* best = nullptr;
  int best_length = -1;
  int best_rank = -1;
  for (const Route& r : table.routes) {
    int length = -1;
    if (r.destination_cidr) {
      if (r.destination_cidr->Contains(dst)) length = r.destination_cidr->length;
    } else {
      for (const Cidr& c : model.prefix_lists[r.destination_prefix_list].cidrs) {
        if (c.Contains(dst)) length = std::max(length, c.length);
      }
    }
    if (length < 0) continue;
    int rank = RoutePriority(r);
    if (length > best_length || (length == best_length && rank > best_rank)) {
      best = &r;
      best_length = length;
      best_rank = rank;
    }
  }
  return best;
}

std::vector<PortRange> InterfaceEndpointPorts(const Model& model, const VpcEndpoint& endpoint) {
  const Service* service = model.FindService(endpoint.service);
  if (service != nullptr && !service->ports.empty()) return service->ports;
  return {PortRange{443, 443}};
}

EniRole RoleOf(const Model& model, const Eni& eni) {
  EniRole role;
  switch (eni.owner) {
    case EniOwner::kInterfaceEndpoint: {
      const VpcEndpoint& endpoint = model.vpc_endpoints[eni.owner_index];
      std::vector<ServedTraffic> answers;
      for (const PortRange& r : InterfaceEndpointPorts(model, endpoint)) {
        answers.push_back(ServedTraffic{kTcp, r});
      }
      role.answers = std::move(answers);
      role.opens_connections = false;
      role.component = endpoint.id;
      role.kind = kKindVpcEndpoint;
      role.owner = "interface endpoint " + endpoint.id;
      role.answer_code = "VPCE_INTERFACE_PROTOCOL_RESTRICTION";
      role.outbound_code = "VPCE_INTERFACE_NO_OUTBOUND";
      break;
    }
    case EniOwner::kWorkload: {
      const Workload& w = model.workloads[eni.owner_index];
      role.answers = w.serves;
      role.opens_connections = w.opens_connections;
      role.sagemaker_internet = w.sagemaker_internet;
      role.component = w.id;
      role.kind = WorkloadKindName(w.kind);
      role.owner = WorkloadNoun(w.kind) + " " + w.id;
      role.answer_code =
          w.serves && w.serves->empty() ? "WORKLOAD_NO_INBOUND" : "WORKLOAD_PORT_RESTRICTION";
      role.outbound_code = "WORKLOAD_NO_OUTBOUND";
      break;
    }
    case EniOwner::kNotebook:
      role.sagemaker_internet = model.notebooks[eni.owner_index].direct_internet_access;
      break;
    case EniOwner::kTrainingJob:
    case EniOwner::kNone:
      break;
  }
  return role;
}

bool Answers(const EniRole& role, const Packet& p) {
  if (!role.answers) return true;
  return std::any_of(role.answers->begin(), role.answers->end(), [&p](const ServedTraffic& t) {
    return MatchesProtocol(t.protocol, p) && MatchesPorts(t.protocol, t.ports, p);
  });
}

std::string AnswersText(const std::vector<ServedTraffic>& answers) {
  if (answers.empty()) return "nothing";
  std::string out;
  for (const ServedTraffic& t : answers) out += (out.empty() ? "" : ", ") + t.ToString();
  return out;
}

Route LocalRouteWithin(const Model& model, const Subnet& subnet) {
  Route local;
  local.destination_cidr = subnet.cidr;
  for (const Cidr& block : model.vpcs[subnet.vpc].cidrs) {
    if (block.Contains(subnet.cidr.base)) local.destination_cidr = block;
  }
  local.target = RouteTarget::kLocal;
  local.target_id = "local";
  local.implicit = true;
  for (const Route& r : model.route_tables[subnet.route_table].routes) {
    if (r.destination_cidr == local.destination_cidr && r.target == RouteTarget::kLocal) {
      local.location = r.location;
    }
  }
  return local;
}

}  // namespace vpcreach
