#include "bench/snapshot_writer.h"

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "model/ip.h"

namespace vpcreach::bench {
namespace {

using Json = nlohmann::ordered_json;

std::string Protocol(int protocol) {
  return protocol == kAllProtocols ? "-1" : std::to_string(protocol);
}

Json Permission(const Model& m, const SgRule& r) {
  Json p = {{"IpProtocol", r.protocol == kAllProtocols ? "-1" : ProtocolName(r.protocol)}};
  if (HasPorts(r.protocol)) {
    p["FromPort"] = r.ports.from;
    p["ToPort"] = r.ports.to;
  } else if (r.protocol == kIcmp) {
    p["FromPort"] = r.icmp.type;
    p["ToPort"] = r.icmp.code;
  }
  Json cidrs = Json::array(), groups = Json::array(), lists = Json::array();
  if (r.peer == PeerKind::kCidr) cidrs.push_back({{"CidrIp", r.cidr.ToString()}});
  if (r.peer == PeerKind::kSecurityGroup) {
    groups.push_back({{"GroupId", m.security_groups[r.peer_index].id}});
  }
  if (r.peer == PeerKind::kPrefixList) {
    lists.push_back({{"PrefixListId", m.prefix_lists[r.peer_index].id}});
  }
  p["IpRanges"] = cidrs;
  p["UserIdGroupPairs"] = groups;
  p["PrefixListIds"] = lists;
  return p;
}

Json NaclEntry(const NaclRule& r, bool egress) {
  Json e = {{"CidrBlock", r.cidr.ToString()},
            {"Egress", egress},
            {"Protocol", Protocol(r.protocol)},
            {"RuleAction", r.allow ? "allow" : "deny"},
            {"RuleNumber", r.number}};
  if (HasPorts(r.protocol)) e["PortRange"] = {{"From", r.ports.from}, {"To", r.ports.to}};
  if (r.protocol == kIcmp) e["IcmpTypeCode"] = {{"Type", r.icmp.type}, {"Code", r.icmp.code}};
  return e;
}

Json Routes(const Model& m, const RouteTable& t) {
  Json routes = Json::array();
  for (const Route& r : t.routes) {
    if (r.implicit || r.propagated || r.target == RouteTarget::kLocal ||
        r.target == RouteTarget::kGatewayEndpoint) {
      continue;
    }
    Json route;
    if (r.destination_cidr) {
      route["DestinationCidrBlock"] = r.destination_cidr->ToString();
    } else {
      route["DestinationPrefixListId"] = m.prefix_lists[r.destination_prefix_list].id;
    }
    switch (r.target) {
      case RouteTarget::kInternetGateway:
        route["GatewayId"] = m.internet_gateways[r.target_index].id;
        break;
      case RouteTarget::kVpnGateway:
        route["GatewayId"] = r.target_id;
        break;
      case RouteTarget::kNatGateway:
        route["NatGatewayId"] = r.target_id;
        break;
      case RouteTarget::kEni:
        route["NetworkInterfaceId"] = m.enis[r.target_index].id;
        break;
      case RouteTarget::kPeeringConnection:
        route["VpcPeeringConnectionId"] = r.target_id;
        break;
      case RouteTarget::kTransitGateway:
        route["TransitGatewayId"] = r.target_id;
        break;
      case RouteTarget::kBlackhole:
        route["NatGatewayId"] = "nat-deleted";
        break;
      default:
        break;
    }
    route["Origin"] = "CreateRoute";
    route["State"] = r.target == RouteTarget::kBlackhole ? "blackhole" : "active";
    routes.push_back(std::move(route));
  }
  return routes;
}

}  // namespace

std::size_t WriteSnapshot(const Model& model, const std::string& folder) {
  // What the loader synthesizes (a VPC's main table, default ACL and group) has ids reserved for
  // it (`v0-main`): in an account they are AWS's own resources with ids of their own.
  Model m = model;
  for (RouteTable& t : m.route_tables) {
    if (t.synthesized) t.id = "rtb-" + t.id;
  }
  for (NetworkAcl& a : m.network_acls) {
    if (a.synthesized) a.id = "acl-" + a.id;
  }
  for (SecurityGroup& g : m.security_groups) {
    if (g.synthesized) g.id = "sg-" + g.id;
  }
  for (InternetGateway& g : m.internet_gateways) {
    if (g.synthesized) g.id = "igw-" + g.id;
  }
  std::filesystem::create_directories(folder);
  std::size_t bytes = 0;
  auto write = [&](const std::string& key, const Json& items) {
    std::string text = Json{{key, items}}.dump(2);
    std::ofstream(folder + "/" + key + ".json") << text << "\n";
    bytes += text.size() + 1;
  };

  Json vpcs = Json::array();
  for (const Vpc& v : m.vpcs) {
    Json blocks = Json::array();
    for (const Cidr& c : v.cidrs) {
      blocks.push_back(
          {{"CidrBlock", c.ToString()}, {"CidrBlockState", {{"State", "associated"}}}});
    }
    vpcs.push_back({{"VpcId", v.id},
                    {"CidrBlock", v.cidrs.front().ToString()},
                    {"State", "available"},
                    {"CidrBlockAssociationSet", blocks}});
  }
  write("Vpcs", vpcs);

  Json subnets = Json::array();
  for (const Subnet& s : m.subnets) {
    subnets.push_back({{"SubnetId", s.id},
                       {"VpcId", m.vpcs[s.vpc].id},
                       {"CidrBlock", s.cidr.ToString()},
                       {"AvailabilityZone", s.az},
                       {"MapPublicIpOnLaunch", s.map_public_ip_on_launch},
                       {"State", "available"}});
  }
  write("Subnets", subnets);

  Json igws = Json::array();
  for (const InternetGateway& g : m.internet_gateways) {
    Json attachments = Json::array();
    if (g.vpc != kNone)
      attachments.push_back({{"State", "available"}, {"VpcId", m.vpcs[g.vpc].id}});
    igws.push_back({{"InternetGatewayId", g.id}, {"Attachments", attachments}});
  }
  write("InternetGateways", igws);

  Json nats = Json::array();
  for (const NatGateway& n : m.nat_gateways) {
    Json address = {{"PrivateIp", FormatIpv4(n.private_ip)}};
    if (!n.is_private) address["PublicIp"] = FormatIpv4(n.public_ip);
    nats.push_back({{"NatGatewayId", n.id},
                    {"SubnetId", m.subnets[n.subnet].id},
                    {"VpcId", m.vpcs[m.subnets[n.subnet].vpc].id},
                    {"State", "available"},
                    {"ConnectivityType", n.is_private ? "private" : "public"},
                    {"NatGatewayAddresses", Json::array({address})}});
  }
  write("NatGateways", nats);

  Json tables = Json::array();
  for (Index t = 0; t < m.route_tables.size(); ++t) {
    const RouteTable& table = m.route_tables[t];
    if (table.edge_gateway != kNone) continue;  // the estate has none
    Json associations = Json::array();
    if (m.vpcs[table.vpc].main_route_table == t) {
      associations.push_back({{"Main", true},
                              {"RouteTableId", table.id},
                              {"AssociationState", {{"State", "associated"}}}});
    }
    for (const Subnet& s : m.subnets) {
      if (s.route_table != t) continue;
      associations.push_back({{"Main", false},
                              {"RouteTableId", table.id},
                              {"SubnetId", s.id},
                              {"AssociationState", {{"State", "associated"}}}});
    }
    Json routes = Routes(m, table);
    for (const Cidr& c : m.vpcs[table.vpc].cidrs) {
      routes.insert(routes.begin(), Json{{"DestinationCidrBlock", c.ToString()},
                                         {"GatewayId", "local"},
                                         {"Origin", "CreateRouteTable"},
                                         {"State", "active"}});
    }
    tables.push_back({{"RouteTableId", table.id},
                      {"VpcId", m.vpcs[table.vpc].id},
                      {"Routes", routes},
                      {"Associations", associations},
                      {"PropagatingVgws", Json::array()}});
  }
  write("RouteTables", tables);

  Json groups = Json::array();
  for (Index g = 0; g < m.security_groups.size(); ++g) {
    const SecurityGroup& group = m.security_groups[g];
    Json ingress = Json::array(), egress = Json::array();
    for (const SgRule& r : group.ingress) ingress.push_back(Permission(m, r));
    for (const SgRule& r : group.egress) egress.push_back(Permission(m, r));
    bool is_default = m.vpcs[group.vpc].default_security_group == g;
    groups.push_back({{"GroupId", group.id},
                      {"GroupName", is_default ? "default" : group.id},
                      {"VpcId", m.vpcs[group.vpc].id},
                      {"IpPermissions", ingress},
                      {"IpPermissionsEgress", egress}});
  }
  write("SecurityGroups", groups);

  Json acls = Json::array();
  for (Index a = 0; a < m.network_acls.size(); ++a) {
    const NetworkAcl& acl = m.network_acls[a];
    Json entries = Json::array();
    for (const NaclRule& r : acl.ingress) entries.push_back(NaclEntry(r, false));
    for (const NaclRule& r : acl.egress) entries.push_back(NaclEntry(r, true));
    for (bool egress : {false, true}) {
      NaclRule deny;
      deny.number = 32767;
      deny.allow = false;
      deny.cidr = Cidr{0, 0};
      entries.push_back(NaclEntry(deny, egress));
    }
    Json associations = Json::array();
    for (const Subnet& s : m.subnets) {
      if (s.network_acl == a) {
        associations.push_back({{"NetworkAclId", acl.id}, {"SubnetId", s.id}});
      }
    }
    acls.push_back({{"NetworkAclId", acl.id},
                    {"VpcId", m.vpcs[acl.vpc].id},
                    {"IsDefault", m.vpcs[acl.vpc].default_network_acl == a},
                    {"Entries", entries},
                    {"Associations", associations}});
  }
  write("NetworkAcls", acls);

  Json interfaces = Json::array();
  for (const Eni& e : m.enis) {
    if (e.owner == EniOwner::kInterfaceEndpoint) continue;
    Json addresses =
        Json::array({{{"PrivateIpAddress", FormatIpv4(e.private_ip)}, {"Primary", true}}});
    for (Ipv4 a : e.secondary_ips) {
      addresses.push_back({{"PrivateIpAddress", FormatIpv4(a)}, {"Primary", false}});
    }
    Json groups_of = Json::array();
    for (Index g : e.security_groups) groups_of.push_back({{"GroupId", m.security_groups[g].id}});
    Json eni = {{"NetworkInterfaceId", e.id},
                {"SubnetId", m.subnets[e.subnet].id},
                {"VpcId", m.vpcs[m.subnets[e.subnet].vpc].id},
                {"AvailabilityZone", m.subnets[e.subnet].az},
                {"Status", "in-use"},
                {"InterfaceType", "interface"},
                {"PrivateIpAddress", FormatIpv4(e.private_ip)},
                {"PrivateIpAddresses", addresses},
                {"Groups", groups_of},
                {"SourceDestCheck", e.source_dest_check}};
    if (e.public_ip) eni["Association"] = {{"PublicIp", FormatIpv4(*e.public_ip)}};
    interfaces.push_back(std::move(eni));
  }
  write("NetworkInterfaces", interfaces);

  Json endpoints = Json::array();
  for (const VpcEndpoint& v : m.vpc_endpoints) {
    Json e = {{"VpcEndpointId", v.id},
              {"VpcId", m.vpcs[v.vpc].id},
              {"State", "available"},
              {"VpcEndpointType", v.type == EndpointType::kGateway ? "Gateway" : "Interface"},
              {"ServiceName", "com.amazonaws." + m.region + "." + v.service}};
    Json ids = Json::array();
    if (v.type == EndpointType::kGateway) {
      for (Index t : v.route_tables) ids.push_back(m.route_tables[t].id);
      e["RouteTableIds"] = ids;
    } else {
      for (Index s : v.subnets) ids.push_back(m.subnets[s].id);
      e["SubnetIds"] = ids;
      Json groups_of = Json::array();
      for (Index g : v.security_groups) groups_of.push_back({{"GroupId", m.security_groups[g].id}});
      e["Groups"] = groups_of;
      e["PrivateDnsEnabled"] = v.private_dns;
    }
    endpoints.push_back(std::move(e));
  }
  write("VpcEndpoints", endpoints);

  Json lists = Json::array();
  for (const PrefixList& p : m.prefix_lists) {
    if (p.aws_managed) continue;  // the catalog's; the snapshot reader knows them
    Json cidrs = Json::array();
    for (const Cidr& c : p.cidrs) cidrs.push_back(c.ToString());
    lists.push_back({{"PrefixListId", p.id}, {"PrefixListName", p.id}, {"Cidrs", cidrs}});
  }
  write("PrefixLists", lists);
  return bytes;
}

}  // namespace vpcreach::bench
