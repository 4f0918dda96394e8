// SecurityGroups (describe-security-groups) and NetworkAcls (describe-network-acls) as native
// security_groups and network_acls (mapping.h).
#include <string>

#include "model/cloudformation/mapper_core.h"
#include "model/snapshot/mapping.h"

namespace vpcreach::snapshot {
namespace {

// EC2 writes protocols as names (tcp, udp, icmp) or numbers ("-1": all); vpcreach reads both.
std::string Protocol(const std::string& p) { return p == "-1" ? "all" : p; }
bool IsIcmp(const std::string& p) { return p == "icmp" || p == "1"; }
bool HasPorts(const std::string& p) { return p == "tcp" || p == "udp" || p == "6" || p == "17"; }

// The traffic part of a security group permission: protocol, ports or ICMP type and code.
GenNode SgTraffic(const Item& perm) {
  GenNode rule = GenNode::Map(LineOrigin{});
  std::string protocol = perm.Str("IpProtocol");
  rule.Set("protocol", GenNode::Scalar(Protocol(protocol), perm.OriginOf("IpProtocol")));
  std::string from = perm.Str("FromPort");
  std::string to = perm.Str("ToPort");
  if (HasPorts(protocol) && !from.empty() && from != "-1") {
    rule.Set("ports", GenNode::Scalar(from == to || to.empty() ? from : from + "-" + to,
                                      perm.OriginOf("FromPort")));
  } else if (IsIcmp(protocol) && !from.empty() && from != "-1") {
    rule.Set("icmp_type", GenNode::Scalar(from, perm.OriginOf("FromPort")));
    if (!to.empty() && to != "-1")
      rule.Set("icmp_code", GenNode::Scalar(to, perm.OriginOf("ToPort")));
  }
  return rule;
}

// One permission of `group` (ingress or egress) as one native rule per peer.
void MapPermission(Mapping& m, const std::string& group, const Item& perm, GenNode& rules) {
  GenNode traffic = SgTraffic(perm);
  auto add = [&](const std::string& key, const std::string& value, const LineOrigin& origin) {
    GenNode rule = traffic;
    rule.Set(key, GenNode::Scalar(value, origin));
    rules.items.push_back(std::move(rule));
  };
  for (const Item& r : perm.List("IpRanges")) add("cidr", r.Str("CidrIp"), r.OriginOf("CidrIp"));
  for (const Item& p : perm.List("PrefixListIds")) {
    add("prefix_list", p.Str("PrefixListId"), p.OriginOf("PrefixListId"));
  }
  for (const Item& g : perm.List("UserIdGroupPairs")) {
    std::string peer = g.Str("GroupId");
    if (!m.ids("security_group").count(peer)) {
      m.Ignore(g, group + " rule naming " + peer, "security group rule",
               "it names a group that is not in the snapshot (another account, or a peered "
               "VPC's not collected): vpcreach matches no address for it",
               false, "collect the peer group's account and region into the same snapshot");
      continue;
    }
    add("security_group", peer, g.OriginOf("GroupId"));
  }
  for (const Item& r : perm.List("Ipv6Ranges")) {
    m.Ignore(r, group + " rule for " + r.Str("CidrIpv6"), "IPv6 security group rule",
             cfn::kIpv6NotModelled, true, cfn::kIpv6Fix);
  }
}

void MapSecurityGroups(Mapping& m) {
  std::vector<Item> groups = m.Items("SecurityGroups");
  for (const Item& sg : groups) m.ids("security_group").insert(sg.Str("GroupId"));
  for (const Item& sg : groups) {
    auto id = m.Require(sg, "GroupId", "aws ec2 describe-security-groups");
    if (!id || !m.Require(sg, "VpcId", "aws ec2 describe-security-groups")) continue;
    GenNode& node = m.Component("security_groups", *id, sg.OriginOf("GroupId"));
    Mapping::Copy(sg, "VpcId", node, "vpc");
    GenNode ingress = GenNode::List(sg.OriginOf("IpPermissions"));
    for (const Item& p : sg.List("IpPermissions")) MapPermission(m, *id, p, ingress);
    node.Set("ingress", std::move(ingress));
    // Written even when empty: a deployed group's egress is what it lists.
    GenNode egress = GenNode::List(sg.OriginOf("IpPermissionsEgress"));
    for (const Item& p : sg.List("IpPermissionsEgress")) MapPermission(m, *id, p, egress);
    node.Set("egress", std::move(egress));
  }
}

void MapNaclEntry(Mapping& m, const std::string& acl, const Item& e, GenNode& ingress,
                  GenNode& egress) {
  std::string number = e.Str("RuleNumber");
  if (number == "32767") return;  // the default deny every NACL ends with
  if (e.Get("Ipv6CidrBlock") != nullptr) {
    m.Ignore(e, acl + " rule " + number, "IPv6 network ACL rule", cfn::kIpv6NotModelled, true,
             cfn::kIpv6Fix);
    return;
  }
  GenNode rule = GenNode::Map(LineOrigin{});
  rule.Set("rule", GenNode::Scalar(number, e.OriginOf("RuleNumber")));
  rule.Set("action", GenNode::Scalar(e.Str("RuleAction"), e.OriginOf("RuleAction")));
  std::string protocol = e.Str("Protocol");
  rule.Set("protocol", GenNode::Scalar(Protocol(protocol), e.OriginOf("Protocol")));
  Item range = e.Child("PortRange");
  if (HasPorts(protocol) && range.node != nullptr) {
    std::string from = range.Str("From");
    std::string to = range.Str("To");
    rule.Set("ports",
             GenNode::Scalar(from == to ? from : from + "-" + to, e.OriginOf("PortRange")));
  }
  Item icmp = e.Child("IcmpTypeCode");
  if (IsIcmp(protocol) && icmp.node != nullptr) {
    std::string type = icmp.Str("Type");
    std::string code = icmp.Str("Code");
    if (!type.empty() && type != "-1") {
      rule.Set("icmp_type", GenNode::Scalar(type, icmp.OriginOf("Type")));
      if (!code.empty() && code != "-1") {
        rule.Set("icmp_code", GenNode::Scalar(code, icmp.OriginOf("Code")));
      }
    }
  }
  rule.Set("cidr", GenNode::Scalar(e.Str("CidrBlock"), e.OriginOf("CidrBlock")));
  (e.Str("Egress") == "true" ? egress : ingress).items.push_back(std::move(rule));
}

void MapNetworkAcls(Mapping& m) {
  for (const Item& acl : m.Items("NetworkAcls")) {
    auto id = m.Require(acl, "NetworkAclId", "aws ec2 describe-network-acls");
    if (!id || !m.Require(acl, "VpcId", "aws ec2 describe-network-acls")) continue;
    GenNode& node = m.Component("network_acls", *id, acl.OriginOf("NetworkAclId"));
    Mapping::Copy(acl, "VpcId", node, "vpc");
    if (acl.Str("IsDefault") == "true") {
      node.Set("default", GenNode::Scalar("true", acl.OriginOf("IsDefault")));
    }
    GenNode ingress = GenNode::List(acl.OriginOf("Entries"));
    GenNode egress = GenNode::List(acl.OriginOf("Entries"));
    for (const Item& e : acl.List("Entries")) MapNaclEntry(m, *id, e, ingress, egress);
    node.Set("ingress", std::move(ingress));
    node.Set("egress", std::move(egress));
    for (const Item& a : acl.List("Associations")) {
      std::string subnet = a.Str("SubnetId");
      if (subnet.empty() || !m.Has("subnets", subnet)) continue;
      m.Component("subnets", subnet, LineOrigin{})
          .Set("network_acl", GenNode::Scalar(*id, a.OriginOf("NetworkAclId")));
    }
  }
}

}  // namespace

void MapSecurity(Mapping& m) {
  MapSecurityGroups(m);
  MapNetworkAcls(m);
}

}  // namespace vpcreach::snapshot
