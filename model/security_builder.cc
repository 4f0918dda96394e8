#include "model/security_builder.h"

#include <algorithm>
#include <map>
#include <string>
#include <utility>

#include "model/managed_prefix_lists.h"

namespace vpcreach {
namespace {

constexpr int kMaxSecurityGroups = 16;

// Reads the `protocol:` (required), `ports:` (tcp and udp; ignored, as AWS ignores them, for
// `all` and protocols other than icmp) and `icmp_type:` / `icmp_code:` (icmp only) of a rule into
// `*protocol`, `*ports` and `*icmp`; false when one is missing or wrong (reported).
bool ReadProtocolAndPorts(BuildContext& context, YamlReader& r, YamlMap& m, int* protocol,
                          PortRange* ports, IcmpTypeCode* icmp) {
  std::optional<int> read_protocol;
  if (auto f = m.Require("protocol")) read_protocol = r.Protocol(*f);
  bool ok = read_protocol.has_value();
  *protocol = read_protocol.value_or(kAllProtocols);
  if (auto f = m.Get("ports")) {
    auto read_ports = r.Ports(*f);
    if (read_ports && read_protocol && *read_protocol == kIcmp) {
      context.Error(*f, "ports apply only to tcp and udp");
      read_ports.reset();
    } else if (read_ports && read_protocol && !HasPorts(*read_protocol)) {
      // All protocols (-1) or one other than tcp, udp and icmp: AWS ignores the ports and the
      // rule covers the whole protocol, as the CloudFormation mapping reads it too.
      read_ports = PortRange{};
    }
    ok = ok && read_ports;
    *ports = read_ports.value_or(PortRange{});
  }
  std::optional<IcmpTypeCode> read_icmp =
      ReadIcmpTypeCode(r, m, read_protocol, /*code_needs_type=*/true);
  *icmp = read_icmp.value_or(IcmpTypeCode{});
  return ok && read_icmp;
}

std::vector<NaclRule> ReadNaclRules(BuildContext& context, YamlReader& r, const YamlField& field) {
  std::vector<NaclRule> rules;
  std::map<long long, SourceLocation> numbers;
  for (const YamlField& item : r.List(field).value_or(std::vector<YamlField>{})) {
    YamlMap m(r, item, {"rule", "action", "protocol", "ports", "icmp_type", "icmp_code", "cidr"});
    if (!m.valid()) continue;
    NaclRule rule;
    rule.location = item.location;
    bool ok = true;
    if (auto f = m.Require("rule")) {
      auto number = r.Integer(*f);
      if (number && (*number < 1 || *number > 32766)) {
        context.Error(*f, "rule number " + std::to_string(*number) + " is out of range 1-32766");
        number.reset();
      } else if (number && numbers.count(*number)) {
        context.Error(*f, "rule number " + std::to_string(*number) + " is used twice in " +
                              field.path + " (also at line " +
                              std::to_string(numbers[*number].line) + ")");
        number.reset();
      }
      if (number) {
        numbers.emplace(*number, f->location);
        rule.number = static_cast<int>(*number);
      }
      ok = ok && number;
    } else {
      ok = false;
    }
    if (auto f = m.Require("action")) {
      auto action = r.String(*f);
      if (action && *action != "allow" && *action != "deny") {
        context.Error(*f, "expected allow or deny, got '" + *action + "'");
      }
      ok = ok && action && (*action == "allow" || *action == "deny");
      rule.allow = action && *action == "allow";
    } else {
      ok = false;
    }
    bool traffic_ok = ReadProtocolAndPorts(context, r, m, &rule.protocol, &rule.ports, &rule.icmp);
    ok = ok && traffic_ok;
    std::optional<Cidr> cidr;
    if (auto f = m.Require("cidr")) cidr = r.CidrValue(*f);
    ok = ok && cidr;
    rule.cidr = cidr.value_or(Cidr{});
    if (ok) rules.push_back(rule);
  }
  std::sort(rules.begin(), rules.end(),
            [](const NaclRule& a, const NaclRule& b) { return a.number < b.number; });
  return rules;
}

// A rule's `prefix_list` that is a literal AWS id (pl-0123abcd) the scenario never declares, as
// real templates write them from a per-region mapping: the list whose addresses are unknown
// (PrefixList::unknown), created at the first rule that names it, and a warning at each rule.
// kNone for any other name (the caller resolves it as usual).
Index UndeclaredPrefixList(BuildContext& context, YamlReader& r, const YamlField& peer) {
  ComponentIndex& components = context.components();
  std::optional<std::string> id = r.String(peer);
  if (!id || !LooksLikePrefixListId(*id) || components.KindHolding(*id)) return kNone;
  Model& model = context.model();
  Index index = model.FindPrefixList(*id);
  if (index == kNone) {
    PrefixList& list = model.prefix_lists.emplace_back();
    list.id = *id;
    list.cidrs = {Cidr{0, 0}};
    list.aws_managed = true;
    list.unknown = true;
    list.location = peer.location;
    index = model.prefix_lists.size() - 1;
  }
  r.Warn(peer, "prefix list '" + *id +
                   "' is not declared, so its addresses are unknown: this rule is read as "
                   "admitting every address (0.0.0.0/0), which may show as reachable what AWS "
                   "refuses; " + UndeclaredPrefixListIdHint(*id, model.region));
  return index;
}

std::vector<SgRule> ReadSgRules(BuildContext& context, YamlReader& r, const YamlField& field,
                                Index group) {
  static const std::vector<std::string> kPeers = {"cidr", "security_group", "prefix_list"};
  ComponentIndex& components = context.components();
  std::vector<SgRule> rules;
  for (const YamlField& item : r.List(field).value_or(std::vector<YamlField>{})) {
    YamlMap m(r, item,
              {"protocol", "ports", "icmp_type", "icmp_code", "cidr", "security_group",
               "prefix_list", "description"});
    if (!m.valid()) continue;
    SgRule rule;
    rule.location = item.location;
    bool ok = ReadProtocolAndPorts(context, r, m, &rule.protocol, &rule.ports, &rule.icmp);
    std::vector<std::string> peers;
    for (const std::string& p : kPeers) {
      if (m.Has(p)) peers.push_back(p);
    }
    if (peers.empty()) {
      context.Error(item, "missing the peer; give one of cidr, security_group, prefix_list");
      continue;
    }
    if (peers.size() > 1) {
      context.Error(m.KeyLocation(peers[1]), item.Child(peers[1]),
                    "give only one of cidr, security_group, prefix_list");
      continue;
    }
    YamlField peer = *m.Get(peers[0]);
    if (peers[0] == "cidr") {
      auto cidr = r.CidrValue(peer);
      ok = ok && cidr;
      rule.cidr = cidr.value_or(Cidr{});
    } else if (peers[0] == "security_group") {
      rule.peer = PeerKind::kSecurityGroup;
      rule.peer_index = components.Resolve(ComponentKind::kSecurityGroup, r, peer);
      // A group of the same VPC, or of a VPC peered with it (same region: AWS's rule).
      const Model& model = context.model();
      ok = ok && rule.peer_index != kNone &&
           (model.ArePeered(model.security_groups[rule.peer_index].vpc,
                            model.security_groups[group].vpc) ||
            components.SameVpc(peer, ComponentKind::kSecurityGroup, rule.peer_index,
                               model.security_groups[group].vpc));
    } else {
      rule.peer = PeerKind::kPrefixList;
      rule.peer_index = UndeclaredPrefixList(context, r, peer);
      if (rule.peer_index == kNone) {
        rule.peer_index = components.Resolve(ComponentKind::kPrefixList, r, peer);
      }
      ok = ok && rule.peer_index != kNone;
    }
    if (auto f = m.Get("description")) rule.description = r.String(*f).value_or("");
    if (ok) rules.push_back(rule);
  }
  return rules;
}

// AWS's allow-all egress rule of a new security group.
SgRule AllowAllEgress(const SourceLocation& location) {
  SgRule to_anywhere;
  to_anywhere.implicit = true;
  to_anywhere.location = location;
  return to_anywhere;
}

}  // namespace

void BuildNetworkAcls(BuildContext& context) {
  Model& model = context.model();
  ComponentIndex& components = context.components();
  for (const WrittenComponent& w : components.Written(ComponentKind::kNetworkAcl)) {
    YamlReader& r = *w.reader;
    Index index = model.network_acls.size();
    NetworkAcl& acl = AddWritten(&model.network_acls, w);
    YamlMap m(r, w.body, {"vpc", "default", "ingress", "egress"});
    if (auto f = m.Require("vpc")) acl.vpc = components.Resolve(ComponentKind::kVpc, r, *f);
    if (auto f = m.Get("ingress")) acl.ingress = ReadNaclRules(context, r, *f);
    if (auto f = m.Get("egress")) acl.egress = ReadNaclRules(context, r, *f);
    auto f = m.Get("default");
    acl.is_default = f && r.Bool(*f).value_or(false);
    if (!acl.is_default || acl.vpc == kNone) continue;
    SetVpcDefault(context, *f, &Vpc::default_network_acl, model.network_acls, index,
                  "default network ACL");
  }
  AddVpcDefaults(
      context, ComponentKind::kNetworkAcl, &model.network_acls, &Vpc::default_network_acl,
      "default network ACL", "-default-nacl", [](NetworkAcl& acl, Index) {
        acl.is_default = true;
        NaclRule allow_all;  // AWS's rule 100: allow everything
        allow_all.number = 100;
        allow_all.location = acl.location;
        acl.ingress = {allow_all};
        acl.egress = {allow_all};
      });
}

void BuildSecurityGroups(BuildContext& context) {
  Model& model = context.model();
  ComponentIndex& components = context.components();
  const std::vector<WrittenComponent>& written = components.Written(ComponentKind::kSecurityGroup);
  std::vector<YamlMap> bodies;
  for (const WrittenComponent& w : written) {
    SecurityGroup& group = AddWritten(&model.security_groups, w);
    YamlMap& m = bodies.emplace_back(
        *w.reader, w.body, std::vector<std::string>{"vpc", "default", "ingress", "egress"});
    if (auto f = m.Require("vpc")) {
      group.vpc = components.Resolve(ComponentKind::kVpc, *w.reader, *f);
    }
    // `default: true`: the VPC's default group, with exactly the rules written (Terraform's
    // aws_default_security_group); without it vpcreach makes `<vpc>-default-sg`.
    auto f = m.Get("default");
    if (f && w.reader->Bool(*f).value_or(false) && group.vpc != kNone) {
      SetVpcDefault(context, *f, &Vpc::default_security_group, model.security_groups,
                    model.security_groups.size() - 1, "default security group");
    }
  }
  AddVpcDefaults(context, ComponentKind::kSecurityGroup, &model.security_groups,
                 &Vpc::default_security_group, "default security group", "-default-sg",
                 [](SecurityGroup& group, Index index) {
                   SgRule from_itself;
                   from_itself.peer = PeerKind::kSecurityGroup;
                   from_itself.peer_index = index;
                   from_itself.location = group.location;
                   group.ingress = {from_itself};
                   group.egress = {AllowAllEgress(group.location)};
                 });
  // Rules last: they may name any group, including the defaults just made.
  for (Index i = 0; i < bodies.size(); ++i) {
    YamlReader& r = *written[i].reader;
    SecurityGroup& group = model.security_groups[i];
    if (auto f = bodies[i].Get("ingress")) group.ingress = ReadSgRules(context, r, *f, i);
    if (auto f = bodies[i].Get("egress")) {
      group.egress = ReadSgRules(context, r, *f, i);
    } else {
      // AWS gives a new group one allow-all egress rule; writing `egress:` replaces it.
      group.egress = {AllowAllEgress(group.location)};
    }
  }
}

std::vector<Index> ReadSecurityGroups(BuildContext& context, YamlReader& r,
                                      const std::optional<YamlField>& field, Index vpc,
                                      const std::string& holder) {
  ComponentIndex& components = context.components();
  std::vector<Index> groups;
  if (!field) {
    if (vpc != kNone) groups.push_back(context.model().vpcs[vpc].default_security_group);
    return groups;
  }
  auto names = r.StringList(*field);
  if (!names) return groups;
  if (names->empty() || names->size() > kMaxSecurityGroups) {
    context.Error(*field, "expected 1 to " + std::to_string(kMaxSecurityGroups) +
                              " security groups, got " + std::to_string(names->size()));
  }
  for (const auto& [name, item] : *names) {
    Index group = components.Resolve(ComponentKind::kSecurityGroup, r, item);
    if (group == kNone ||
        !components.SameVpc(item, ComponentKind::kSecurityGroup, group, vpc, holder)) {
      continue;
    }
    if (std::find(groups.begin(), groups.end(), group) != groups.end()) {
      context.Error(item, "security group " + name + " is listed twice");
      continue;
    }
    groups.push_back(group);
  }
  return groups;
}

}  // namespace vpcreach
