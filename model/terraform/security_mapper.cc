#include "model/terraform/security_mapper.h"

#include <set>

namespace vpcreach::tf {
namespace {

const std::set<std::string> kTypes = {
    "aws_security_group",
    "aws_default_security_group",
    "aws_security_group_rule",
    "aws_vpc_security_group_ingress_rule",
    "aws_vpc_security_group_egress_rule",
    "aws_network_acl",
    "aws_default_network_acl",
    "aws_network_acl_rule",
    "aws_network_acl_association",
};

const CfnValue* Get(const CfnValue* v, const std::string& key) { return Member(v, key); }

std::vector<const CfnValue*> Items(const CfnValue* v) {
  std::vector<const CfnValue*> out;
  if (v == nullptr) return out;
  if (v->IsScalar()) out.push_back(v);
  for (const CfnValue& item : v->items()) {
    if (item.IsScalar() && !item.text().empty()) out.push_back(&item);
  }
  return out;
}

// The traffic part of a rule: protocol, ports or ICMP type and code.
GenNode Traffic(const CfnValue& at, const CfnValue* protocol, const CfnValue* from,
                const CfnValue* to) {
  GenNode rule = GenNode::Map(MapperContext::OriginOf(at));
  std::string p = Protocol(protocol != nullptr ? protocol->text() : "-1");
  rule.Set("protocol",
           GenNode::Scalar(p, MapperContext::OriginOf(protocol != nullptr ? *protocol : at)));
  if (p == "icmp") {
    if (from != nullptr && from->text() != "-1") {
      rule.Set("icmp_type", MapperContext::Scalar(*from));
      if (to != nullptr && to->text() != "-1") rule.Set("icmp_code", MapperContext::Scalar(*to));
    }
  } else if (p == "tcp" || p == "udp") {
    std::string ports = PortRange(from, to);
    if (!ports.empty()) {
      rule.Set("ports",
               GenNode::Scalar(ports, MapperContext::OriginOf(from != nullptr ? *from : at)));
    }
  }
  return rule;
}

// One Terraform security group rule (`block`: an inline block or a standalone rule's values),
// as native rules appended to `out`, one per peer.
void AddSgRules(MapperContext& c, const Resource& r, const CfnValue& block,
                const std::string& group, const std::string& suffix, bool vpc_rule, GenNode& out) {
  GenNode traffic = vpc_rule ? Traffic(block, Get(&block, "ip_protocol"), Get(&block, "from_port"),
                                       Get(&block, "to_port"))
                             : Traffic(block, Get(&block, "protocol"), Get(&block, "from_port"),
                                       Get(&block, "to_port"));
  auto add = [&](const char* key, GenNode peer) {
    GenNode rule = traffic;
    rule.Set(key, std::move(peer));
    if (const CfnValue* d = Get(&block, "description")) {
      rule.Set("description", MapperContext::Scalar(*d));
    }
    out.items.push_back(std::move(rule));
  };
  bool v6 = false;
  for (const char* key : {"cidr_blocks", "cidr_ipv4"}) {
    for (const CfnValue* cidr : Items(Get(&block, key))) add("cidr", MapperContext::Scalar(*cidr));
  }
  for (const char* key : {"ipv6_cidr_blocks", "cidr_ipv6"}) {
    if (!Items(Get(&block, key)).empty()) v6 = true;
  }
  if (v6) c.IgnoreIpv6(r, suffix + " (IPv6 peer)", true);
  for (const char* key : {"prefix_list_ids", "prefix_list_id"}) {
    for (const CfnValue* id : Items(Get(&block, key))) {
      Tie tie = c.ties().ResolveValue(r, id, nullptr, {"aws_ec2_managed_prefix_list"});
      // An AWS-managed list's id passes as written: the builders know them.
      add("prefix_list", GenNode::Scalar(tie.found.empty() ? id->text() : tie.found[0]->address,
                                         MapperContext::OriginOf(*id)));
    }
  }
  if (IsTrue(Get(&block, "self"))) {
    add("security_group", GenNode::Scalar(group, MapperContext::OriginOf(*Get(&block, "self"))));
  }
  for (const char* key :
       {"security_groups", "source_security_group_id", "referenced_security_group_id"}) {
    for (const CfnValue* id : Items(Get(&block, key))) {
      Tie tie = c.ties().ResolveValue(r, id, nullptr, kSecurityGroupTypes);
      if (tie.found.empty()) {
        c.Warn(*id, r.address + suffix + " names security group '" + id->text() +
                        "', which is not in this Terraform document; vpcreach leaves this "
                        "rule's peer out, so what it admits is not modelled");
        c.Ignore(r, "its peer group is not in the document", true, suffix);
        continue;
      }
      add("security_group", GenNode::Scalar(tie.found[0]->address, MapperContext::OriginOf(*id)));
    }
  }
}

// Inline rules of direction `key` of group `r`.
void InlineSgRules(MapperContext& c, const Resource& r, const std::string& key, GenNode& group) {
  GenNode list = GenNode::List(MapperContext::OriginOf(c.At(r, key)));
  const CfnValue* rules = r.Value(key);
  if (rules != nullptr && rules->IsList()) {
    for (size_t i = 0; i < rules->items().size(); ++i) {
      AddSgRules(c, r, rules->items()[i], r.address, " " + key + "[" + std::to_string(i) + "]",
                 false, list);
    }
  } else if (r.Unknown(key) && r.Expression(key) != nullptr) {
    c.Warn(*r.node, r.address + ": its " + key +
                        " rules are unknown until apply; vpcreach reads them as allowing "
                        "everything " +
                        (key == "ingress" ? "in" : "out") +
                        ", so a reachable answer through this group may be too generous");
    GenNode all = GenNode::Map(list.origin);
    all.Set("protocol", GenNode::Scalar("all", list.origin));
    all.Set("cidr", GenNode::Scalar("0.0.0.0/0", list.origin));
    list.items.push_back(std::move(all));
  } else if (r.Unknown(key)) {
    c.Warn(*r.node, r.address + ": its " + key +
                        " rules are unknown until apply and the configuration shows none; "
                        "vpcreach reads them as none (Terraform removes AWS's default rules of "
                        "a group it creates)");
  }
  group.Set(key, std::move(list));
}

void MapSecurityGroup(MapperContext& c, const Resource& r) {
  std::optional<GenNode> vpc = c.VpcOf(r);
  if (!vpc) return;
  GenNode& group = c.Add("security_groups", r);
  group.Set("vpc", std::move(*vpc));
  if (r.type == "aws_default_security_group") {
    group.Set("default", GenNode::Scalar("true", MapperContext::OriginOf(r)));
  }
  InlineSgRules(c, r, "ingress", group);
  InlineSgRules(c, r, "egress", group);
}

void MapSgRule(MapperContext& c, const Resource& r) {
  auto group = c.TieOne(r, "security_group_id", kSecurityGroupTypes, "security group", false);
  if (!group) {
    c.Ignore(r, "its security group is not in the document", true);
    return;
  }
  GenNode* g = c.Component("security_groups", group->text);
  if (g == nullptr) return;
  bool vpc_rule = r.type != "aws_security_group_rule";
  std::string direction = r.type == "aws_vpc_security_group_egress_rule" ? "egress" : "ingress";
  if (!vpc_rule) {
    const CfnValue* type = r.Value("type");
    direction = type != nullptr && type->text() == "egress" ? "egress" : "ingress";
  }
  GenNode* list = g->Find(direction);
  if (list == nullptr) list = &g->Set(direction, GenNode::List(group->origin));
  AddSgRules(c, r, *r.values, group->text, "", vpc_rule, *list);
}

GenNode NaclRule(const CfnValue& block, const CfnValue* number, const CfnValue* action) {
  GenNode rule = GenNode::Map(MapperContext::OriginOf(block));
  if (number != nullptr) rule.Set("rule", MapperContext::Scalar(*number));
  if (action != nullptr) rule.Set("action", MapperContext::Scalar(*action));
  GenNode traffic =
      Traffic(block, Get(&block, "protocol"), Get(&block, "from_port"), Get(&block, "to_port"));
  for (auto& [k, v] : traffic.entries) {
    if (k != "icmp_type" && k != "icmp_code") rule.Set(k, v);
  }
  if (Protocol(Get(&block, "protocol") != nullptr ? Get(&block, "protocol")->text() : "") ==
      "icmp") {
    const CfnValue* type = Get(&block, "icmp_type");
    const CfnValue* code = Get(&block, "icmp_code");
    if (type != nullptr && type->text() != "-1") {
      rule.Set("icmp_type", MapperContext::Scalar(*type));
      if (code != nullptr && code->text() != "-1")
        rule.Set("icmp_code", MapperContext::Scalar(*code));
    }
  }
  if (const CfnValue* cidr = Get(&block, "cidr_block"))
    rule.Set("cidr", MapperContext::Scalar(*cidr));
  return rule;
}

void AssociateAcl(MapperContext& c, const std::string& acl, const GenNode& subnet) {
  if (GenNode* s = c.Component("subnets", subnet.text)) {
    s->Set("network_acl", GenNode::Scalar(acl, subnet.origin));
  }
}

void MapNetworkAcl(MapperContext& c, const Resource& r) {
  GenNode& acl = c.Add("network_acls", r);
  if (r.type == "aws_default_network_acl") {
    std::optional<GenNode> node = c.VpcOfDefault(r, "default_network_acl_id");
    if (node) acl.Set("vpc", std::move(*node));
    acl.Set("default", GenNode::Scalar("true", MapperContext::OriginOf(r)));
  } else if (auto vpc = c.VpcOf(r)) {
    acl.Set("vpc", std::move(*vpc));
  }
  bool unknown = false;
  for (const char* key : {"ingress", "egress"}) {
    const CfnValue* rules = r.Value(key);
    GenNode list = GenNode::List(MapperContext::OriginOf(c.At(r, key)));
    if (rules != nullptr && rules->IsList()) {
      for (size_t i = 0; i < rules->items().size(); ++i) {
        const CfnValue& block = rules->items()[i];
        if (Get(&block, "ipv6_cidr_block") != nullptr) {
          c.IgnoreIpv6(r, std::string(key) + "[" + std::to_string(i) + "] (IPv6 rule)", true);
          continue;
        }
        list.items.push_back(NaclRule(block, Get(&block, "rule_no"), Get(&block, "action")));
      }
    } else if (r.Unknown(key)) {
      unknown = true;
    }
    acl.Set(key, std::move(list));
  }
  if (unknown) {
    c.Warn(*r.node, r.address +
                        ": its rules are unknown until apply; vpcreach does not associate it with "
                        "its subnets, which keep the VPC's default network ACL (allows "
                        "everything), so a reachable answer there may be too generous");
    c.Ignore(r, "its rules are unknown until apply", true);
    return;
  }
  for (const GenNode& subnet : c.TieMany(r, "subnet_ids", kSubnetTypes, "subnet")) {
    AssociateAcl(c, r.address, subnet);
  }
}

void MapNaclRule(MapperContext& c, const Resource& r) {
  auto acl = c.TieOne(r, "network_acl_id", kNetworkAclTypes, "network ACL", true);
  if (!acl) return;
  GenNode* a = c.Component("network_acls", acl->text);
  if (a == nullptr) return;
  if (Get(r.values, "ipv6_cidr_block") != nullptr) {
    c.IgnoreIpv6(r, "", true);
    return;
  }
  std::string key = IsTrue(r.Value("egress")) ? "egress" : "ingress";
  GenNode* list = a->Find(key);
  if (list == nullptr) list = &a->Set(key, GenNode::List(acl->origin));
  list->items.push_back(NaclRule(*r.values, r.Value("rule_number"), r.Value("rule_action")));
}

}  // namespace

bool IsSecurityType(const std::string& type) { return kTypes.count(type) > 0; }

void MapSecurityComponents(MapperContext& c) {
  for (const Resource& r : c.doc().resources()) {
    if (r.type == "aws_security_group" || r.type == "aws_default_security_group") {
      MapSecurityGroup(c, r);
    } else if (r.type == "aws_network_acl" || r.type == "aws_default_network_acl") {
      MapNetworkAcl(c, r);
    }
  }
}

void MapSecurityTies(MapperContext& c) {
  for (const Resource& r : c.doc().resources()) {
    if (r.values == nullptr) continue;
    if (r.type == "aws_security_group_rule" || r.type == "aws_vpc_security_group_ingress_rule" ||
        r.type == "aws_vpc_security_group_egress_rule") {
      MapSgRule(c, r);
    } else if (r.type == "aws_network_acl_rule") {
      MapNaclRule(c, r);
    } else if (r.type == "aws_network_acl_association") {
      auto acl = c.TieOne(r, "network_acl_id", kNetworkAclTypes, "network ACL", true);
      auto subnet = c.TieOne(r, "subnet_id", kSubnetTypes, "subnet", true);
      if (acl && subnet && c.Component("network_acls", acl->text) != nullptr) {
        AssociateAcl(c, acl->text, *subnet);
      }
    }
  }
}

}  // namespace vpcreach::tf
