// Vpcs, Subnets, InternetGateways, NatGateways, PrefixLists, VpcEndpoints and
// VpcPeeringConnections as native sections (mapping.h).
#include <string>

#include "model/cloudformation/mapper_core.h"
#include "model/snapshot/mapping.h"

namespace vpcreach::snapshot {
namespace {

GenNode List(const LineOrigin& origin) { return GenNode::List(origin); }

// A VPC's or subnet's associated IPv6 blocks: warnings that void proofs (not modelled yet).
void IgnoreIpv6Blocks(Mapping& m, const Item& item, const std::string& id) {
  for (const Item& a : item.List("Ipv6CidrBlockAssociationSet")) {
    std::string s = a.Child("Ipv6CidrBlockState").Str("State");
    if (!s.empty() && s != "associated") continue;
    m.Ignore(a, id + " " + a.Str("Ipv6CidrBlock"), "IPv6 CIDR block", cfn::kIpv6NotModelled, true,
             cfn::kIpv6Fix);
  }
}

void MapVpcs(Mapping& m) {
  for (const Item& vpc : m.Items("Vpcs")) {
    auto id = m.Require(vpc, "VpcId", "aws ec2 describe-vpcs");
    if (!id) continue;
    if (!m.Live(vpc, *id, "VPC", vpc.Str("State"), {"available", ""})) continue;
    m.ids("vpc").insert(*id);
    GenNode& node = m.Component("vpcs", *id, vpc.OriginOf("VpcId"));
    GenNode cidrs = List(vpc.Origin());
    for (const Item& a : vpc.List("CidrBlockAssociationSet")) {
      std::string s = a.Child("CidrBlockState").Str("State");
      if (!s.empty() && s != "associated") continue;  // disassociated blocks do not count
      if (a.Get("CidrBlock") == nullptr) continue;
      cidrs.items.push_back(GenNode::Scalar(a.Str("CidrBlock"), a.OriginOf("CidrBlock")));
    }
    if (cidrs.items.empty() && vpc.Get("CidrBlock") != nullptr) {
      cidrs.items.push_back(GenNode::Scalar(vpc.Str("CidrBlock"), vpc.OriginOf("CidrBlock")));
    }
    node.Set("cidrs", std::move(cidrs));
    node.Set("deployed", GenNode::Scalar("true", LineOrigin{}));
    IgnoreIpv6Blocks(m, vpc, *id);
  }
}

void MapSubnets(Mapping& m) {
  for (const Item& subnet : m.Items("Subnets")) {
    auto id = m.Require(subnet, "SubnetId", "aws ec2 describe-subnets");
    auto vpc = m.Require(subnet, "VpcId", "aws ec2 describe-subnets");
    if (!id || !vpc) continue;
    if (!m.Live(subnet, *id, "subnet", subnet.Str("State"), {"available", ""})) continue;
    m.ids("subnet").insert(*id);
    GenNode& node = m.Component("subnets", *id, subnet.OriginOf("SubnetId"));
    Mapping::Copy(subnet, "VpcId", node, "vpc");
    Mapping::Copy(subnet, "CidrBlock", node, "cidr");
    Mapping::Copy(subnet, "AvailabilityZone", node, "az");
    Mapping::Copy(subnet, "MapPublicIpOnLaunch", node, "map_public_ip_on_launch");
    IgnoreIpv6Blocks(m, subnet, *id);
  }
}

void MapInternetGateways(Mapping& m) {
  for (const Item& igw : m.Items("InternetGateways")) {
    auto id = m.Require(igw, "InternetGatewayId", "aws ec2 describe-internet-gateways");
    if (!id) continue;
    for (const Item& a : igw.List("Attachments")) {
      std::string state = a.Str("State");
      // describe-internet-gateways says "available" for an attached gateway.
      if (state != "available" && state != "attached") continue;
      GenNode& node = m.Component("internet_gateways", *id, igw.OriginOf("InternetGatewayId"));
      Mapping::Copy(a, "VpcId", node, "vpc");
      break;
    }
    if (!m.Has("internet_gateways", *id)) m.Skip(igw, *id, "internet gateway", "detached");
  }
  for (const Item& eigw : m.Items("EgressOnlyInternetGateways")) {
    m.Ignore(eigw, eigw.Str("EgressOnlyInternetGatewayId"), "egress-only internet gateway",
             cfn::kIpv6NotModelled, true, cfn::kIpv6Fix);
  }
}

void MapNatGateways(Mapping& m) {
  for (const Item& nat : m.Items("NatGateways")) {
    auto id = m.Require(nat, "NatGatewayId", "aws ec2 describe-nat-gateways");
    if (!id) continue;
    if (!m.Live(nat, *id, "NAT gateway", nat.Str("State"), {"available"})) continue;
    if (!m.Require(nat, "SubnetId", "aws ec2 describe-nat-gateways")) continue;
    GenNode& node = m.Component("nat_gateways", *id, nat.OriginOf("NatGatewayId"));
    Mapping::Copy(nat, "SubnetId", node, "subnet");
    bool is_private = nat.Str("ConnectivityType") == "private";
    if (is_private) Mapping::Copy(nat, "ConnectivityType", node, "connectivity");
    std::vector<Item> addresses = nat.List("NatGatewayAddresses");
    if (!addresses.empty()) {
      Mapping::Copy(addresses.front(), "PrivateIp", node, "private_ip");
      if (!is_private) Mapping::Copy(addresses.front(), "PublicIp", node, "public_ip");
    }
  }
}

void MapPrefixLists(Mapping& m) {
  for (const Item& pl : m.Items("PrefixLists")) {
    auto id = m.Require(pl, "PrefixListId", "aws ec2 describe-prefix-lists");
    if (!id) continue;
    GenNode& node = m.Component("prefix_lists", *id, pl.OriginOf("PrefixListId"));
    node.Set("cidrs", pl.Strings("Cidrs"));
  }
  for (const Item& pl : m.Items("ManagedPrefixLists")) {
    m.Ignore(pl, pl.Str("PrefixListId"), "managed prefix list",
             "describe-managed-prefix-lists does not print the entries", false,
             "write its entries in the scenario under prefix_lists with its id");
  }
}

// "com.amazonaws.us-east-1.sagemaker.api" -> "sagemaker.api"; "" for other owners' services.
std::string ShortServiceName(const std::string& name) {
  const std::string prefix = "com.amazonaws.";
  if (name.rfind(prefix, 0) != 0) return "";
  size_t dot = name.find('.', prefix.size());
  return dot == std::string::npos ? "" : name.substr(dot + 1);
}

void MapVpcEndpoints(Mapping& m) {
  for (const Item& vpce : m.Items("VpcEndpoints")) {
    auto id = m.Require(vpce, "VpcEndpointId", "aws ec2 describe-vpc-endpoints");
    if (!id || !m.Require(vpce, "VpcId", "aws ec2 describe-vpc-endpoints")) continue;
    if (!m.Live(vpce, *id, "VPC endpoint", vpce.Str("State"), {"available", "Available"})) {
      continue;
    }
    std::string type = vpce.Str("VpcEndpointType");
    std::string service = ShortServiceName(vpce.Str("ServiceName"));
    if ((type != "Gateway" && type != "Interface") || service.empty()) {
      m.Ignore(vpce, *id, type + " VPC endpoint",
               "endpoints of type " + type + " and services of other owners (" +
                   vpce.Str("ServiceName") + ") are not modelled",
               false);
      continue;
    }
    GenNode& node = m.Component("vpc_endpoints", *id, vpce.OriginOf("VpcEndpointId"));
    Mapping::Copy(vpce, "VpcId", node, "vpc");
    node.Set("service", GenNode::Scalar(service, vpce.OriginOf("ServiceName")));
    node.Set("type", GenNode::Scalar(type == "Gateway" ? "gateway" : "interface",
                                     vpce.OriginOf("VpcEndpointType")));
    auto ids = [&](const std::string& key, const std::string& out) {
      const YamlNode* list = vpce.Get(key);
      GenNode items = List(vpce.OriginOf(key));
      for (size_t i = 0; list != nullptr && list->IsSequence() && i < list->items().size(); ++i) {
        const YamlNode* v = list->items()[i];
        if (v->IsMapping()) {
          Item group{vpce.file, v, vpce.path + "." + key + "[" + std::to_string(i) + "]"};
          items.items.push_back(GenNode::Scalar(group.Str("GroupId"), group.OriginOf("GroupId")));
        } else {
          items.items.push_back(GenNode::Scalar(
              v->text(), vpce.Origin(v, vpce.path + "." + key + "[" + std::to_string(i) + "]")));
        }
      }
      if (!items.items.empty()) node.Set(out, std::move(items));
    };
    if (type == "Gateway") {
      ids("RouteTableIds", "route_tables");
    } else {
      ids("SubnetIds", "subnets");
      ids("Groups", "security_groups");
      Mapping::Copy(vpce, "PrivateDnsEnabled", node, "private_dns");
    }
  }
}

void MapPeerings(Mapping& m) {
  for (const Item& pcx : m.Items("VpcPeeringConnections")) {
    auto id = m.Require(pcx, "VpcPeeringConnectionId", "aws ec2 describe-vpc-peering-connections");
    if (!id) continue;
    if (!m.Live(pcx, *id, "VPC peering connection", pcx.Child("Status").Str("Code"), {"active"})) {
      continue;
    }
    Item requester = pcx.Child("RequesterVpcInfo");
    Item accepter = pcx.Child("AccepterVpcInfo");
    std::string a = requester.Str("VpcId");
    std::string b = accepter.Str("VpcId");
    if (!m.ids("vpc").count(a) || !m.ids("vpc").count(b)) {
      m.Ignore(pcx, *id, "VPC peering connection",
               "its peer VPC is not in the snapshot (another account or region)", true,
               "collect the peer's account and region into the same snapshot");
      m.ids("unfollowed_peering").insert(*id);
      continue;
    }
    GenNode& node = m.Component("peering_connections", *id, pcx.OriginOf("VpcPeeringConnectionId"));
    node.Set("requester", GenNode::Scalar(a, requester.OriginOf("VpcId")));
    node.Set("accepter", GenNode::Scalar(b, accepter.OriginOf("VpcId")));
  }
}

}  // namespace

void MapNetwork(Mapping& m) {
  MapVpcs(m);
  MapSubnets(m);
  MapInternetGateways(m);
  MapNatGateways(m);
  MapPrefixLists(m);
  MapVpcEndpoints(m);
  MapPeerings(m);
}

}  // namespace vpcreach::snapshot
