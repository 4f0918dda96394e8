#include "model/model.h"

#include <algorithm>
#include <iterator>
#include <set>
#include <utility>

namespace vpcreach {

std::string PortRange::ToString() const {
  if (IsAll()) return "all";
  if (from == to) return std::to_string(from);
  return std::to_string(from) + "-" + std::to_string(to);
}

std::string IcmpTypeName(int type) {
  switch (type) {
    case 0: return "echo-reply";
    case 3: return "destination-unreachable";
    case 4: return "source-quench";
    case 5: return "redirect";
    case 8: return "echo-request";
    case 9: return "router-advertisement";
    case 10: return "router-solicitation";
    case 11: return "time-exceeded";
    case 12: return "parameter-problem";
    case 13: return "timestamp-request";
    case 14: return "timestamp-reply";
    case 15: return "information-request";
    case 16: return "information-reply";
    case 17: return "address-mask-request";
    case 18: return "address-mask-reply";
    default: return "";
  }
}

std::string IcmpTypeCode::ToString() const {
  if (IsAll()) return "all";
  std::string out;
  if (type != kAllIcmp) out = "type " + std::to_string(type);
  if (code != kAllIcmp) out += (out.empty() ? "code " : " code ") + std::to_string(code);
  if (type != kAllIcmp && !IcmpTypeName(type).empty()) out += " (" + IcmpTypeName(type) + ")";
  return out;
}

std::string ProtocolName(int protocol) {
  switch (protocol) {
    case kAllProtocols: return "all";
    case kIcmp: return "icmp";
    case kTcp: return "tcp";
    case kUdp: return "udp";
    case kEsp: return "esp";
    default: return std::to_string(protocol);
  }
}

std::optional<int> ParseProtocol(const std::string& text) {
  if (text == "tcp") return kTcp;
  if (text == "udp") return kUdp;
  if (text == "icmp") return kIcmp;
  if (text == "esp") return kEsp;
  if (text == "all" || text == "-1") return kAllProtocols;
  if (text.empty() || text.size() > 3) return std::nullopt;
  int value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  if (value > 255) return std::nullopt;
  return value;
}

bool Eni::HasPrivateIp(const IpAddress& address) const {
  if (address.is_v6()) {
    return std::find(ipv6_addresses.begin(), ipv6_addresses.end(), address.v6()) !=
           ipv6_addresses.end();
  }
  if (address == private_ip) return true;
  for (Ipv4 a : secondary_ips) {
    if (a == address) return true;
  }
  return false;
}

std::vector<Ipv4> Eni::PrivateIps() const {
  std::vector<Ipv4> out = {private_ip};
  out.insert(out.end(), secondary_ips.begin(), secondary_ips.end());
  return out;
}

std::string ServedTraffic::ToString() const {
  std::string out = ProtocolName(protocol);
  if (HasPorts(protocol) && !ports.IsAll()) out += " " + ports.ToString();
  return out;
}

namespace {

constexpr const char* kWorkloadKindNames[] = {
    "instance",
    "auto_scaling_group",
    "load_balancer",
    "rds_instance",
    "rds_cluster",
    "efs_mount_target",
    "ecs_service",
    "lambda_function",
    "elasticache_cluster",
    "opensearch_domain",
    "docdb_cluster",
    "neptune_cluster",
    "dms_replication_instance",
    "eks_cluster",
    "eks_nodegroup",
    "directory",
    "sagemaker_domain",
    "sagemaker_endpoint",
    "sagemaker_processing_job",
};

}  // namespace

const char* WorkloadKindName(WorkloadKind kind) {
  return kWorkloadKindNames[static_cast<size_t>(kind)];
}

std::optional<WorkloadKind> ParseWorkloadKind(const std::string& name) {
  for (size_t i = 0; i < std::size(kWorkloadKindNames); ++i) {
    if (name == kWorkloadKindNames[i]) return static_cast<WorkloadKind>(i);
  }
  return std::nullopt;
}

std::vector<std::string> WorkloadKindNames() {
  return std::vector<std::string>(std::begin(kWorkloadKindNames), std::end(kWorkloadKindNames));
}

std::string IgnoredResource::Warning() const {
  return id + " (" + type + ") is not modelled (" + reason +
         "): what it reaches and what reaches it is not checked";
}

bool Vpc::Contains(const IpAddress& address) const {
  for (const Cidr& c : cidrs) {
    if (c.Contains(address)) return true;
  }
  for (const Ipv6Cidr& c : ipv6_cidrs) {
    if (IpCidr(c).Contains(address)) return true;
  }
  return false;
}

bool VpnConnection::Carries() const {
  return std::find(tunnels.begin(), tunnels.end(), TunnelState::kUp) != tunnels.end();
}

IpRangeSet Service::Addresses() const {
  IpRangeSet set;
  for (const Cidr& c : cidrs) set.Add(c);
  for (const Cidr& c : excluded) set.Subtract(c);
  return set;
}

std::vector<std::string> Model::Unfollowed() const {
  std::vector<std::string> out;
  for (const IgnoredResource& r : ignored_resources) {
    if (r.unfollowed && r.shapes_reachability) out.push_back(r.id);
  }
  return out;
}

const Service* Model::FindService(const std::string& name) const {
  for (const Service& s : services) {
    if (s.name == name) return &s;
  }
  return nullptr;
}

const Service* Model::FindServiceOrEndpointService(const std::string& name) const {
  if (const Service* s = FindService(name)) return s;
  for (const Service& s : endpoint_services) {
    if (s.name == name) return &s;
  }
  return nullptr;
}

Index Model::FindPrefixList(const std::string& id) const {
  for (Index i = 0; i < prefix_lists.size(); ++i) {
    if (prefix_lists[i].id == id) return i;
  }
  return kNone;
}

Index Model::FindEniByPrivateIp(Index vpc, const IpAddress& address) const {
  for (Index i = 0; i < enis.size(); ++i) {
    if (enis[i].HasPrivateIp(address) && subnets[enis[i].subnet].vpc == vpc) return i;
  }
  return kNone;
}

Index Model::FindEniByPublicIp(const IpAddress& address) const {
  if (!address.is_v4()) return kNone;
  for (Index i = 0; i < enis.size(); ++i) {
    if (enis[i].public_ip == address) return i;
  }
  return kNone;
}

Index Model::FindNatByPublicIp(const IpAddress& address) const {
  if (!address.is_v4()) return kNone;
  for (Index i = 0; i < nat_gateways.size(); ++i) {
    if (!nat_gateways[i].is_private && nat_gateways[i].public_ip == address) return i;
  }
  return kNone;
}

Index Model::FindNatByPrivateIp(Index vpc, const IpAddress& address) const {
  for (Index i = 0; i < nat_gateways.size(); ++i) {
    if (nat_gateways[i].private_ip == address && subnets[nat_gateways[i].subnet].vpc == vpc) {
      return i;
    }
  }
  return kNone;
}

Index Model::FindVpcContaining(const IpAddress& address) const {
  for (Index i = 0; i < vpcs.size(); ++i) {
    if (vpcs[i].Contains(address)) return i;
  }
  return kNone;
}

bool Subnet::Contains(const IpAddress& address) const {
  return cidr.Contains(address) || (ipv6_cidr && IpCidr(*ipv6_cidr).Contains(address));
}

Index Model::FindSubnetContaining(const IpAddress& address) const {
  for (Index i = 0; i < subnets.size(); ++i) {
    if (subnets[i].Contains(address)) return i;
  }
  return kNone;
}

Index Model::FindSubnetIn(Index vpc, const IpAddress& address) const {
  for (Index i = 0; i < subnets.size(); ++i) {
    if (subnets[i].vpc == vpc && subnets[i].Contains(address)) return i;
  }
  return kNone;
}

Index TransitGatewayAttachment::SubnetIn(const std::vector<Subnet>& all,
                                         const std::string& az) const {
  for (Index s : subnets) {
    if (all[s].az == az) return s;
  }
  return kNone;
}

bool Model::ArePeered(Index a, Index b) const {
  return std::any_of(peering_connections.begin(), peering_connections.end(),
                     [a, b](const PeeringConnection& p) { return p.Connects(a, b); });
}

std::string Model::CheckInvariants() const {
  auto in = [](Index i, size_t n) { return i != kNone && i < n; };
  // Ids are unique within a kind; those an endpoint can name are unique among themselves too.
  std::set<std::string> ids;
  std::set<std::string> endpoint_ids;
  std::string kind;
  auto unique = [&](const std::string& id) { return ids.insert(kind + "/" + id).second; };
  auto unique_endpoint = [&](const std::string& id) { return endpoint_ids.insert(id).second; };
  kind = "vpc";
  for (const Vpc& v : vpcs) {
    if (!unique(v.id)) return "duplicate id " + v.id;
    if (v.cidrs.empty()) return "vpc " + v.id + " has no CIDR";
    if (!in(v.main_route_table, route_tables.size())) return "vpc " + v.id + " has no main table";
    if (!in(v.default_network_acl, network_acls.size())) return "vpc " + v.id + " has no NACL";
    if (!in(v.default_security_group, security_groups.size())) return "vpc " + v.id + " no SG";
    if (v.is_default && v.cidrs.front() != *ParseCidr("172.31.0.0/16")) {
      return "default vpc " + v.id + " is not 172.31.0.0/16";
    }
  }
  if (std::count_if(vpcs.begin(), vpcs.end(), [](const Vpc& v) { return v.is_default; }) > 1) {
    return "two default vpcs";
  }
  kind = "subnet";
  for (const Subnet& s : subnets) {
    if (!unique(s.id) || !unique_endpoint(s.id)) return "duplicate id " + s.id;
    if (!in(s.vpc, vpcs.size())) return "subnet " + s.id + " has no vpc";
    if (s.default_for_az && !vpcs[s.vpc].is_default) {
      return "default subnet " + s.id + " outside the default vpc";
    }
    if (!in(s.route_table, route_tables.size())) return "subnet " + s.id + " has no route table";
    if (!in(s.network_acl, network_acls.size())) return "subnet " + s.id + " has no NACL";
  }
  kind = "route_table";
  for (const RouteTable& t : route_tables) {
    if (!unique(t.id)) return "duplicate id " + t.id;
    for (const Route& r : t.routes) {
      if (r.destination_cidr.has_value() == (r.destination_prefix_list != kNone)) {
        return "route in " + t.id + " must have exactly one destination";
      }
      if (r.target == RouteTarget::kTransitGateway && !in(r.target_index, transit_gateways.size())) {
        return "route in " + t.id + " targets a lost transit gateway";
      }
      if (r.target == RouteTarget::kVpnGateway &&
          (!in(r.target_index, vpn_gateways.size()) || vpn_gateways[r.target_index].vpc != t.vpc)) {
        return "route in " + t.id + " targets a virtual private gateway not attached to its vpc";
      }
      if (r.propagated && r.target != RouteTarget::kVpnGateway) {
        return "route in " + t.id + " is propagated from no virtual private gateway";
      }
      if (r.target == RouteTarget::kPeeringConnection &&
          (!in(r.target_index, peering_connections.size()) ||
           peering_connections[r.target_index].PeerOf(t.vpc) == kNone)) {
        return "route in " + t.id + " targets a peering connection of another vpc";
      }
    }
  }
  for (Index i = 0; i < internet_gateways.size(); ++i) {
    Index t = internet_gateways[i].route_table;
    if (t != kNone && (!in(t, route_tables.size()) || route_tables[t].edge_gateway != i)) {
      return "internet gateway " + internet_gateways[i].id + " and its route table disagree";
    }
  }
  for (Index t = 0; t < route_tables.size(); ++t) {
    Index igw = route_tables[t].edge_gateway;
    if (igw == kNone) continue;
    if (!in(igw, internet_gateways.size()) || internet_gateways[igw].route_table != t) {
      return "route table " + route_tables[t].id + " and its internet gateway disagree";
    }
    for (const Subnet& s : subnets) {
      if (s.route_table == t) return "gateway route table " + route_tables[t].id + " has a subnet";
    }
  }
  kind = "peering_connection";
  for (const PeeringConnection& p : peering_connections) {
    if (!unique(p.id)) return "duplicate id " + p.id;
    if (!in(p.requester, vpcs.size()) || !in(p.accepter, vpcs.size()) ||
        p.requester == p.accepter) {
      return "peering connection " + p.id + " does not join two vpcs";
    }
    for (const Cidr& x : vpcs[p.requester].cidrs) {
      for (const Cidr& y : vpcs[p.accepter].cidrs) {
        if (x.Overlaps(y)) return "peering connection " + p.id + " joins overlapping vpcs";
      }
    }
  }
  kind = "vpn_gateway";
  for (const VpnGateway& g : vpn_gateways) {
    if (!unique(g.id)) return "duplicate id " + g.id;
    if (g.vpc != kNone && !in(g.vpc, vpcs.size())) return "vpn gateway " + g.id + " lost its vpc";
  }
  kind = "customer_gateway";
  for (const CustomerGateway& g : customer_gateways) {
    if (!unique(g.id)) return "duplicate id " + g.id;
  }
  kind = "vpn_connection";
  for (const VpnConnection& c : vpn_connections) {
    if (!unique(c.id)) return "duplicate id " + c.id;
    if (!in(c.vpn_gateway, vpn_gateways.size()) ||
        !in(c.customer_gateway, customer_gateways.size())) {
      return "vpn connection " + c.id + " lost its gateways";
    }
  }
  kind = "transit_gateway_attachment";
  for (const TransitGatewayAttachment& x : transit_gateway_attachments) {
    if (!unique(x.id)) return "duplicate id " + x.id;
    if (!in(x.transit_gateway, transit_gateways.size()) ||
        (x.IsPeering() ? !in(x.peer_transit_gateway, transit_gateways.size()) ||
                             x.peer_transit_gateway == x.transit_gateway || x.vpc != kNone ||
                             !x.subnets.empty() || !x.propagates_to.empty()
                       : !in(x.vpc, vpcs.size()))) {
      return "transit gateway attachment " + x.id + " lost its gateway or vpc";
    }
    for (Index s : x.subnets) {
      if (!in(s, subnets.size()) || subnets[s].vpc != x.vpc) {
        return "transit gateway attachment " + x.id + " has a subnet outside its vpc";
      }
    }
  }
  kind = "transit_gateway_route_table";
  for (const TransitGatewayRouteTable& t : transit_gateway_route_tables) {
    if (!unique(t.id)) return "duplicate id " + t.id;
    for (const TransitGatewayRoute& r : t.routes) {
      if (r.blackhole != (r.attachment == kNone) ||
          (!r.blackhole && !in(r.attachment, transit_gateway_attachments.size()))) {
        return "route in transit gateway route table " + t.id + " lost its attachment";
      }
      if (!r.blackhole && !transit_gateway_attachments[r.attachment].EndsAt(t.transit_gateway)) {
        return "route in transit gateway route table " + t.id +
               " leads to another gateway's "
               "attachment";
      }
    }
  }
  kind = "network_acl";
  for (const NetworkAcl& n : network_acls) {
    if (!unique(n.id)) return "duplicate id " + n.id;
    for (const auto* rules : {&n.ingress, &n.egress}) {
      for (size_t i = 1; i < rules->size(); ++i) {
        if ((*rules)[i - 1].number >= (*rules)[i].number) return "NACL " + n.id + " not sorted";
      }
    }
  }
  kind = "security_group";
  for (const SecurityGroup& g : security_groups) {
    if (!unique(g.id)) return "duplicate id " + g.id;
  }
  std::set<std::pair<Index, Ipv4>> addresses;  // (vpc, address): unique within a VPC
  kind = "eni";
  for (const Eni& e : enis) {
    // A notebook's ENI carries the notebook's id on purpose, as does the single ENI of a
    // workload.
    bool owners_id = e.owner == EniOwner::kNotebook ||
                     (e.owner == EniOwner::kWorkload && in(e.owner_index, workloads.size()) &&
                      workloads[e.owner_index].id == e.id);
    if (!unique(e.id) || (!owners_id && !unique_endpoint(e.id))) {
      return "duplicate id " + e.id;
    }
    if (!in(e.subnet, subnets.size())) return "eni " + e.id + " has no subnet";
    const Subnet& s = subnets[e.subnet];
    if (!s.cidr.Contains(e.private_ip) || s.IsReserved(e.private_ip)) {
      return "eni " + e.id + " address outside its subnet or reserved";
    }
    if (!addresses.insert({s.vpc, e.private_ip}).second) {
      return "eni " + e.id + " address used twice";
    }
    if (e.secondary_ips.size() != e.secondary_ips_assigned.size()) {
      return "eni " + e.id + " secondary addresses without their assigned flags";
    }
    for (Ipv4 a : e.secondary_ips) {
      if (!s.cidr.Contains(a) || s.IsReserved(a)) {
        return "eni " + e.id + " secondary address outside its subnet or reserved";
      }
      if (!addresses.insert({s.vpc, a}).second) return "eni " + e.id + " address used twice";
    }
    if (e.owner == EniOwner::kWorkload) {
      if (!in(e.owner_index, workloads.size())) return "eni " + e.id + " has no workload";
      const std::vector<Index>& mine = workloads[e.owner_index].enis;
      if (std::find(mine.begin(), mine.end(), &e - enis.data()) == mine.end()) {
        return "eni " + e.id + " is not among its workload's interfaces";
      }
    }
  }
  for (const NotebookInstance& nb : notebooks) {
    if (!unique_endpoint(nb.id)) return "duplicate id " + nb.id;
    if (nb.subnet != kNone && !in(nb.eni, enis.size())) return "notebook " + nb.id + " no ENI";
  }
  for (const TrainingJob& j : training_jobs) {
    if (!unique_endpoint(j.id)) return "duplicate id " + j.id;
    if (!j.subnets.empty() && j.enis.size() != static_cast<size_t>(j.instance_count)) {
      return "training job " + j.id + " has the wrong number of ENIs";
    }
  }
  for (Index w = 0; w < workloads.size(); ++w) {
    const Workload& workload = workloads[w];
    if (!unique_endpoint(workload.id)) return "duplicate id " + workload.id;
    for (Index e : workload.enis) {
      if (!in(e, enis.size()) || enis[e].owner != EniOwner::kWorkload || enis[e].owner_index != w) {
        return "workload " + workload.id + " and its ENI disagree";
      }
    }
    for (const LoadBalancerListener& l : workload.listeners) {
      for (Index t : l.target_groups) {
        if (!in(t, target_groups.size())) return "listener of " + workload.id + " lost its group";
      }
    }
  }
  kind = "target_group";
  for (const TargetGroup& t : target_groups) {
    if (!unique(t.id)) return "duplicate id " + t.id;
    for (const TargetGroupTarget& target : t.targets) {
      if (target.workload != kNone && !in(target.workload, workloads.size())) {
        return "target group " + t.id + " names a lost workload";
      }
      if (target.eni != kNone && !in(target.eni, enis.size())) {
        return "target group " + t.id + " names a lost ENI";
      }
    }
  }
  return "";
}

}  // namespace vpcreach
