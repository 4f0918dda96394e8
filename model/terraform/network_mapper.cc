#include "model/terraform/network_mapper.h"

#include <algorithm>
#include <set>

#include "model/availability_zones.h"

namespace vpcreach::tf {
namespace {

const std::set<std::string> kTypes = {
    "aws_vpc",
    "aws_default_vpc",
    "aws_vpc_ipv4_cidr_block_association",
    "aws_vpc_ipv6_cidr_block_association",
    "aws_subnet",
    "aws_internet_gateway",
    "aws_internet_gateway_attachment",
    "aws_egress_only_internet_gateway",
    "aws_nat_gateway",
    "aws_route_table",
    "aws_default_route_table",
    "aws_route",
    "aws_route_table_association",
    "aws_main_route_table_association",
    "aws_vpc_endpoint",
    "aws_vpc_endpoint_route_table_association",
    "aws_vpc_endpoint_subnet_association",
    "aws_vpc_endpoint_security_group_association",
    "aws_ec2_managed_prefix_list",
    "aws_ec2_managed_prefix_list_entry",
    "aws_flow_log",
};

// Route targets: Terraform's attribute, the types it may name, and what a target of it is.
struct TargetKind {
  const char* attribute;
  std::vector<std::string> types;  // empty: not modelled
  const char* noun;
};

const TargetKind kTargets[] = {
    {"gateway_id", {"aws_internet_gateway", "aws_vpn_gateway"}, "internet gateway"},
    {"nat_gateway_id", {"aws_nat_gateway"}, "NAT gateway"},
    {"network_interface_id", {"aws_network_interface"}, "network interface"},
    {"instance_id", {"aws_instance"}, "instance"},
    // An accepter holds its connection's id: peering_mapper.h names the connection.
    {"vpc_peering_connection_id",
     {"aws_vpc_peering_connection", "aws_vpc_peering_connection_accepter"},
     "VPC peering connection"},
    {"transit_gateway_id", {"aws_ec2_transit_gateway"}, "transit gateway"},
    {"vpc_endpoint_id", {}, "Gateway Load Balancer endpoint"},
    {"local_gateway_id", {}, "local gateway"},
    {"carrier_gateway_id", {}, "carrier gateway"},
    {"core_network_arn", {}, "Cloud WAN core network"},
};

const CfnValue* Get(const CfnValue* v, const std::string& key) { return Member(v, key); }

std::vector<const Resource*> OfType(const MapperContext& c, const std::string& type) {
  std::vector<const Resource*> out;
  for (const Resource& r : c.doc().resources()) {
    if (r.type == type) out.push_back(&r);
  }
  return out;
}

// One route, from aws_route (`block` = its values) or an inline `route` block.
void AddRoute(MapperContext& c, const Resource& r, const CfnValue* block,
              const CfnValue* expressions, const std::string& suffix, GenNode& routes) {
  auto value = [&](const char* key) { return Get(block, key); };
  auto expression = [&](const char* key) { return Get(expressions, key); };
  const CfnValue* v6 = value("destination_ipv6_cidr_block");
  if (v6 == nullptr) v6 = value("ipv6_cidr_block");
  if (v6 != nullptr || value("egress_only_gateway_id") != nullptr) {
    c.IgnoreIpv6(r, suffix + " (IPv6 route)", true);
    return;
  }
  const CfnValue* cidr = value("destination_cidr_block");
  if (cidr == nullptr) cidr = value("cidr_block");
  std::optional<GenNode> destination;
  if (cidr != nullptr) {
    destination = MapperContext::Scalar(*cidr);
  } else if (const CfnValue* list = value("destination_prefix_list_id")) {
    destination =
        c.TieValue(r, list, expression("destination_prefix_list_id"), "destination_prefix_list_id",
                   {"aws_ec2_managed_prefix_list"}, "prefix list", false);
    if (!destination) return;
  } else {
    c.Ignore(r, "its destination is unknown until apply", true, suffix);
    return;
  }
  for (const TargetKind& kind : kTargets) {
    const CfnValue* target = value(kind.attribute);
    const CfnValue* target_expression = expression(kind.attribute);
    if (target == nullptr && target_expression == nullptr) continue;
    if (target != nullptr && target->text() == "local") return;  // the implicit local route
    if (kind.types.empty()) {
      c.Ignore(r, std::string("routes to a ") + kind.noun + ", which vpcreach does not model yet",
               true, suffix);
      c.ignored().back().unfollowed = true;
      return;
    }
    std::optional<GenNode> to =
        c.TieValue(r, target, target_expression, kind.attribute, kind.types, kind.noun, false);
    if (!to) return;
    GenNode route = GenNode::Map(destination->origin);
    route.Set("destination", std::move(*destination));
    route.Set("target", std::move(*to));
    routes.items.push_back(std::move(route));
    return;
  }
  // No target known: the plan leaves it unknown (after_unknown route[i].gateway_id).
  const CfnValue& at = cidr != nullptr ? *cidr : *r.node;
  c.Warn(at, r.address + suffix +
                 ": the route's target is unknown until apply and the "
                 "configuration names no resource for it; vpcreach leaves the "
                 "route out, so what it would carry is not modelled");
  c.Ignore(r, "its target is unknown until apply", true, suffix);
}

GenNode& RoutesOf(GenNode& table) {
  if (GenNode* routes = table.Find("routes")) return *routes;
  return table.Set("routes", GenNode::List(table.origin));
}

void MapVpc(MapperContext& c, const Resource& r) {
  GenNode& vpc = c.Add("vpcs", r);
  if (auto cidr = c.Known(r, "cidr_block")) {
    vpc.Set("cidr", std::move(*cidr));
  } else if (r.type == "aws_default_vpc") {
    vpc.Set("cidr", GenNode::Scalar("172.31.0.0/16", MapperContext::OriginOf(r)));
  } else {
    c.Error(c.At(r, "cidr_block"),
            r.address +
                ": its cidr_block is unknown until apply (an IPAM allocation?); "
                "vpcreach needs the VPC's block: plan it with a literal cidr_block");
  }
  if (r.Value("ipv6_cidr_block") != nullptr ||
      IsTrue(r.Value("assign_generated_ipv6_cidr_block"))) {
    c.IgnoreIpv6(r, "ipv6_cidr_block", false);
  }
}

void MapSubnet(MapperContext& c, const Resource& r, size_t* unknown_zones) {
  GenNode& subnet = c.Add("subnets", r);
  std::optional<GenNode> cidr = c.Known(r, "cidr_block");
  if (auto vpc = c.VpcOf(r, cidr ? cidr->text : "")) subnet.Set("vpc", std::move(*vpc));
  if (cidr) {
    subnet.Set("cidr", std::move(*cidr));
  } else {
    c.Error(c.At(r, "cidr_block"),
            r.address +
                ": its cidr_block is unknown until apply; vpcreach needs the subnet's "
                "block: plan it with a literal cidr_block");
  }
  if (auto az = c.Known(r, "availability_zone")) {
    subnet.Set("az", std::move(*az));
  } else {
    // Unknown until apply: the region's zones in turn, deterministically.
    std::vector<std::string> zones = AvailabilityZones(c.region());
    std::string zone = zones.empty() ? "a" : zones[(*unknown_zones)++ % zones.size()];
    subnet.Set("az", GenNode::Scalar(zone, MapperContext::OriginOf(r)));
  }
  if (const CfnValue* map = r.Value("map_public_ip_on_launch")) {
    subnet.Set("map_public_ip_on_launch",
               GenNode::Scalar(IsTrue(map) ? "true" : "false", MapperContext::OriginOf(*map)));
  }
  // (ipv6_cidr_block is computed: unknown in every plan, so only a value or a flag says IPv6.)
  if (r.Value("ipv6_cidr_block") != nullptr || IsTrue(r.Value("assign_ipv6_address_on_creation")) ||
      IsTrue(r.Value("ipv6_native"))) {
    c.IgnoreIpv6(r, "ipv6_cidr_block", true);
  }
}

void MapRouteTable(MapperContext& c, const Resource& r) {
  GenNode& table = c.Add("route_tables", r);
  if (r.type == "aws_default_route_table") {
    std::optional<GenNode> node = c.VpcOfDefault(r, "default_route_table_id");
    if (node) table.Set("vpc", std::move(*node));
    table.Set("main", GenNode::Scalar("true", MapperContext::OriginOf(r)));
  } else if (auto vpc = c.VpcOf(r)) {
    table.Set("vpc", std::move(*vpc));
  }
  const CfnValue* routes = r.Value("route");
  if (routes != nullptr && routes->IsList()) {
    const CfnValue* expressions = r.Expression("route");
    GenNode& list = RoutesOf(table);
    for (size_t i = 0; i < routes->items().size(); ++i) {
      const CfnValue* e =
          expressions != nullptr && expressions->IsList() && i < expressions->items().size()
              ? &expressions->items()[i]
              : nullptr;
      AddRoute(c, r, &routes->items()[i], e, " route[" + std::to_string(i) + "]", list);
    }
  } else if (r.Unknown("route") && r.Expression("route") != nullptr) {
    c.Ignore(r, "its inline routes are unknown until apply", true, "route");
  } else if (r.Unknown("route")) {
    // Optional and computed: unknown whenever the configuration writes no inline route.
    c.Warn(*r.node, r.address +
                        ": its inline routes are unknown until apply and the "
                        "configuration shows none; vpcreach reads them as none (routes "
                        "of aws_route resources are added)");
  }
  // propagating_vgws: vpn_mapper.h.
}

void MapRoute(MapperContext& c, const Resource& r) {
  auto table = c.TieOne(r, "route_table_id", kRouteTableTypes, "route table", true);
  if (!table) return;
  GenNode* t = c.Component("route_tables", table->text);
  if (t == nullptr) return;
  // The route's own expressions sit in its configuration block.
  const CfnValue* expressions = r.config != nullptr ? r.config->Find("expressions") : nullptr;
  AddRoute(c, r, r.values, expressions, "", RoutesOf(*t));
}

void MapAssociation(MapperContext& c, const Resource& r) {
  auto table = c.TieOne(r, "route_table_id", kRouteTableTypes, "route table", true);
  if (!table) return;
  if (r.type == "aws_main_route_table_association") {
    if (GenNode* t = c.Component("route_tables", table->text)) {
      t->Set("main", GenNode::Scalar("true", table->origin));
    }
    return;
  }
  if (r.Value("gateway_id") != nullptr || r.Expression("gateway_id") != nullptr) {
    auto igw = c.TieOne(r, "gateway_id", {"aws_internet_gateway"}, "internet gateway", false);
    GenNode* t = c.Component("route_tables", table->text);
    if (igw && t != nullptr) t->Set("gateway", std::move(*igw));
    return;
  }
  auto subnet = c.TieOne(r, "subnet_id", kSubnetTypes, "subnet", true);
  if (!subnet) return;
  GenNode* s = c.Component("subnets", subnet->text);
  if (s == nullptr) return;
  if (GenNode* earlier = s->Find("route_table");
      earlier != nullptr && earlier->text != table->text) {
    c.Error(c.At(r, "subnet_id"), r.address + ": subnet " + subnet->text +
                                      " is already associated with route table " + earlier->text +
                                      "; a subnet has one route table");
    return;
  }
  s->Set("route_table", std::move(*table));
}

void MapInternetGateway(MapperContext& c, const Resource& r) {
  std::optional<GenNode> vpc;
  if (r.Value("vpc_id") != nullptr || r.Expression("vpc_id") != nullptr || r.Unknown("vpc_id")) {
    vpc = c.VpcOf(r);
  } else {
    // Attached by an aws_internet_gateway_attachment, or not at all.
    for (const Resource* a : OfType(c, "aws_internet_gateway_attachment")) {
      auto igw = c.ties().Resolve(*a, "internet_gateway_id", {"aws_internet_gateway"});
      if (igw.found.size() == 1 && igw.found.front() == &r) {
        vpc = c.TieOne(*a, "vpc_id", kVpcTypes, "VPC", true);
      }
    }
  }
  if (!vpc) {
    c.Ignore(r, "not attached to a VPC", false);
    return;
  }
  c.Add("internet_gateways", r).Set("vpc", std::move(*vpc));
}

void MapNatGateway(MapperContext& c, const Resource& r) {
  auto subnet = c.TieOne(r, "subnet_id", kSubnetTypes, "subnet", true);
  if (!subnet) return;
  GenNode& nat = c.Add("nat_gateways", r);
  nat.Set("subnet", std::move(*subnet));
  if (const CfnValue* connectivity = r.Value("connectivity_type");
      connectivity != nullptr && connectivity->text() == "private") {
    nat.Set("connectivity", GenNode::Scalar("private", MapperContext::OriginOf(*connectivity)));
  } else if (auto ip = c.Known(r, "public_ip")) {
    nat.Set("public_ip", std::move(*ip));
  } else {
    // The EIP's address when known, else one from the pool, for the EIP (or the gateway).
    Tie eip = c.ties().Resolve(r, "allocation_id", {"aws_eip"});
    std::string owner = eip.found.size() == 1 ? eip.found.front()->address : r.address;
    const CfnValue* known = eip.found.size() == 1 ? eip.found.front()->Value("public_ip") : nullptr;
    nat.Set("public_ip", GenNode::Scalar(known != nullptr ? known->text() : c.PublicIp(owner),
                                         MapperContext::OriginOf(r)));
  }
  if (auto ip = c.Known(r, "private_ip")) nat.Set("private_ip", std::move(*ip));
}

void MapEndpoint(MapperContext& c, const Resource& r) {
  const CfnValue* type = r.Value("vpc_endpoint_type");
  std::string kind = type != nullptr ? type->text() : "Gateway";
  if (kind == "GatewayLoadBalancer") {
    c.Ignore(r, "Gateway Load Balancer endpoints are not modelled yet", true);
    return;
  }
  auto vpc = c.TieOne(r, "vpc_id", kVpcTypes, "VPC", true);
  const CfnValue* service = r.Value("service_name");
  if (!vpc || service == nullptr) {
    if (service == nullptr) {
      c.Error(*r.node, r.address +
                           ": its service_name is unknown until apply; vpcreach needs "
                           "the service: plan it with a literal service_name");
    }
    return;
  }
  GenNode& e = c.Add("vpc_endpoints", r);
  e.Set("vpc", std::move(*vpc));
  e.Set("service",
        GenNode::Scalar(ShortServiceName(service->text()), MapperContext::OriginOf(*service)));
  bool interface = kind == "Interface";
  e.Set("type", GenNode::Scalar(
                    interface ? "interface" : "gateway",
                    type != nullptr ? MapperContext::OriginOf(*type) : MapperContext::OriginOf(r)));
  auto list = [&](const char* key, const std::vector<std::string>& types, const char* noun,
                  const char* native) {
    std::vector<GenNode> items = c.TieMany(r, key, types, noun);
    GenNode node = GenNode::List(MapperContext::OriginOf(c.At(r, key)));
    for (GenNode& item : items) node.items.push_back(std::move(item));
    if (!node.items.empty()) e.Set(native, std::move(node));
  };
  if (interface) {
    list("subnet_ids", kSubnetTypes, "subnet", "subnets");
    list("security_group_ids", kSecurityGroupTypes, "security group", "security_groups");
    if (const CfnValue* dns = r.Value("private_dns_enabled")) {
      e.Set("private_dns",
            GenNode::Scalar(IsTrue(dns) ? "true" : "false", MapperContext::OriginOf(*dns)));
    }
  } else {
    list("route_table_ids", kRouteTableTypes, "route table", "route_tables");
  }
}

// aws_vpc_endpoint_*_association: one more route table, subnet or group of an endpoint.
void MapEndpointAssociation(MapperContext& c, const Resource& r) {
  auto endpoint = c.TieOne(r, "vpc_endpoint_id", {"aws_vpc_endpoint"}, "VPC endpoint", true);
  if (!endpoint) return;
  GenNode* e = c.Component("vpc_endpoints", endpoint->text);
  if (e == nullptr) return;
  std::string key = r.type == "aws_vpc_endpoint_route_table_association" ? "route_table_id"
                    : r.type == "aws_vpc_endpoint_subnet_association"    ? "subnet_id"
                                                                         : "security_group_id";
  const std::vector<std::string>& types = key == "route_table_id" ? kRouteTableTypes
                                          : key == "subnet_id"    ? kSubnetTypes
                                                                  : kSecurityGroupTypes;
  std::string native = key == "route_table_id" ? "route_tables"
                       : key == "subnet_id"    ? "subnets"
                                               : "security_groups";
  auto item = c.TieOne(r, key, types, key.substr(0, key.size() - 3), true);
  if (!item) return;
  GenNode* list = e->Find(native);
  if (list == nullptr) list = &e->Set(native, GenNode::List(item->origin));
  list->items.push_back(std::move(*item));
}

void MapPrefixList(MapperContext& c, const Resource& r) {
  GenNode& list = c.Add("prefix_lists", r);
  GenNode cidrs = GenNode::List(MapperContext::OriginOf(r));
  auto add = [&](const CfnValue* entries) {
    if (entries == nullptr || !entries->IsList()) return;
    for (const CfnValue& entry : entries->items()) {
      if (const CfnValue* cidr = Get(&entry, "cidr")) {
        cidrs.items.push_back(MapperContext::Scalar(*cidr));
      }
    }
  };
  add(r.Value("entry"));
  for (const Resource* e : OfType(c, "aws_ec2_managed_prefix_list_entry")) {
    Tie owner = c.ties().Resolve(*e, "prefix_list_id", {"aws_ec2_managed_prefix_list"});
    if (owner.found.size() != 1 || owner.found.front() != &r) continue;
    if (const CfnValue* cidr = e->Value("cidr"))
      cidrs.items.push_back(MapperContext::Scalar(*cidr));
  }
  list.Set("cidrs", std::move(cidrs));
}

}  // namespace

bool IsNetworkType(const std::string& type) { return kTypes.count(type) > 0; }

void MapNetworkComponents(MapperContext& c) {
  size_t unknown_zones = 0;
  for (const Resource& r : c.doc().resources()) {
    if (r.type == "aws_vpc" || r.type == "aws_default_vpc") MapVpc(c, r);
    if (r.type == "aws_ec2_managed_prefix_list") MapPrefixList(c, r);
  }
  for (const Resource& r : c.doc().resources()) {
    if (r.type == "aws_vpc_ipv4_cidr_block_association") {
      auto vpc = c.TieOne(r, "vpc_id", kVpcTypes, "VPC", true);
      auto cidr = c.Known(r, "cidr_block");
      GenNode* v = vpc ? c.Component("vpcs", vpc->text) : nullptr;
      if (v == nullptr) continue;
      if (!cidr) {
        c.Ignore(r, "its block is unknown until apply (an IPAM allocation?)", true);
        continue;
      }
      GenNode cidrs = GenNode::List(v->origin);
      if (GenNode* first = v->Find("cidr")) cidrs.items.push_back(*first);
      if (GenNode* more = v->Find("cidrs")) cidrs = *more;
      cidrs.items.push_back(std::move(*cidr));
      v->entries.erase(std::remove_if(v->entries.begin(), v->entries.end(),
                                      [](const auto& e) { return e.first == "cidr"; }),
                       v->entries.end());
      v->Set("cidrs", std::move(cidrs));
    } else if (r.type == "aws_vpc_ipv6_cidr_block_association") {
      c.IgnoreIpv6(r, "", false);
    } else if (r.type == "aws_egress_only_internet_gateway") {
      c.IgnoreIpv6(r, "", true);
    } else if (r.type == "aws_internet_gateway") {
      MapInternetGateway(c, r);
    } else if (r.type == "aws_route_table" || r.type == "aws_default_route_table") {
      MapRouteTable(c, r);
    } else if (r.type == "aws_subnet") {
      MapSubnet(c, r, &unknown_zones);
    } else if (r.type == "aws_flow_log") {
      // A VPC's flow logs (audit asks for them); a subnet's or an interface's are listed.
      Tie vpc = c.ties().Resolve(r, "vpc_id", kVpcTypes);
      GenNode* v = vpc.found.size() == 1 ? c.Component("vpcs", vpc.found[0]->address) : nullptr;
      if (v != nullptr) {
        v->Set("flow_logs", GenNode::Scalar("true", MapperContext::OriginOf(r)));
      } else {
        c.Ignore(r, "not part of the network", false);
      }
    }
  }
}

void MapNetworkTies(MapperContext& c) {
  for (const Resource& r : c.doc().resources()) {
    if (r.type == "aws_route") {
      MapRoute(c, r);
    } else if (r.type == "aws_route_table_association" ||
               r.type == "aws_main_route_table_association") {
      MapAssociation(c, r);
    } else if (r.type == "aws_nat_gateway") {
      MapNatGateway(c, r);
    }
  }
  for (const Resource& r : c.doc().resources()) {
    if (r.type == "aws_vpc_endpoint") MapEndpoint(c, r);
  }
  for (const Resource& r : c.doc().resources()) {
    if (r.type.rfind("aws_vpc_endpoint_", 0) == 0 &&
        r.type.find("_association") != std::string::npos) {
      MapEndpointAssociation(c, r);
    }
  }
}

}  // namespace vpcreach::tf
