#include "model/terraform/mapper_context.h"

#include <algorithm>

#include "model/cloudformation/mapper_core.h"
#include "model/ip.h"

namespace vpcreach::tf {

const std::vector<std::string> kVpcTypes = {"aws_vpc", "aws_default_vpc"};
const std::vector<std::string> kSubnetTypes = {"aws_subnet", "aws_default_subnet"};
const std::vector<std::string> kRouteTableTypes = {"aws_route_table", "aws_default_route_table"};
const std::vector<std::string> kSecurityGroupTypes = {"aws_security_group",
                                                      "aws_default_security_group"};
const std::vector<std::string> kNetworkAclTypes = {"aws_network_acl", "aws_default_network_acl"};

namespace {

// The order the builders read sections in; a generated document writes them so.
const char* const kSectionOrder[] = {"vpcs",
                                     "prefix_lists",
                                     "internet_gateways",
                                     "route_tables",
                                     "network_acls",
                                     "security_groups",
                                     "subnets",
                                     "nat_gateways",
                                     "enis",
                                     "vpc_endpoints",
                                     "peering_connections",
                                     "transit_gateways",
                                     "transit_gateway_route_tables",
                                     "transit_gateway_attachments",
                                     "vpn_gateways",
                                     "customer_gateways",
                                     "vpn_connections",
                                     "sagemaker.notebook_instances",
                                     "workloads"};

}  // namespace

void MapperContext::Ignore(const Resource& r, std::string reason, bool shapes_reachability,
                           const std::string& suffix, std::string fix) {
  std::string part = suffix.substr(std::min(suffix.size(), suffix.find_first_not_of(' ')));
  ignored_.push_back(IgnoredResource{part.empty() ? r.address : r.address + " " + part, r.type,
                                     std::move(reason), r.node->location(), shapes_reachability,
                                     std::move(fix)});
}

void MapperContext::IgnoreIpv6(const Resource& r, const std::string& suffix,
                               bool shapes_reachability) {
  Ignore(r, cfn::kIpv6NotModelled, shapes_reachability, suffix,
         shapes_reachability ? cfn::kIpv6Fix : "");
  ignored_.back().unfollowed = true;
}

std::optional<GenNode> MapperContext::Known(const Resource& r, const std::string& key) const {
  const CfnValue* v = r.Value(key);
  if (v == nullptr || !v->IsScalar() || v->text().empty()) return std::nullopt;
  return Scalar(*v);
}

std::optional<GenNode> MapperContext::TieOne(const Resource& r, const std::string& key,
                                             const std::vector<std::string>& types,
                                             const std::string& noun, bool required) {
  return TieValue(r, r.Value(key), r.Expression(key), key, types, noun, required);
}

std::optional<GenNode> MapperContext::TieValue(const Resource& r, const CfnValue* value,
                                               const CfnValue* expression, const std::string& key,
                                               const std::vector<std::string>& types,
                                               const std::string& noun, bool required) {
  Tie tie = ties_.ResolveValue(r, value, expression, types);
  const CfnValue& at = value != nullptr ? *value : *r.node;
  std::string where = value != nullptr ? "" : " (" + key + ")";
  if (!tie.dangling.empty()) {
    std::string message = r.address + where + " names " + noun + " '" +
                          tie.dangling.front()->text() +
                          "', which is not in this Terraform document; vpcreach models only "
                          "what the document declares";
    if (required) {
      Error(*tie.dangling.front(), message + ": show the plan or state that declares it too");
    } else {
      Warn(*tie.dangling.front(), message + ": this tie is left out");
    }
    return std::nullopt;
  }
  if (tie.found.empty() && !tie.other_type.empty()) {
    const Resource& other = *tie.other_type.front();
    std::string message = r.address + where + " names " + other.address + " (" + other.type +
                          "), but vpcreach reads only " + noun + "s there";
    if (required) {
      Error(at, message);
    } else {
      Warn(at, message + "; this tie is left out, so what depends on it is not modelled");
    }
    return std::nullopt;
  }
  if (tie.found.empty()) {
    if (value == nullptr && expression == nullptr && !r.Unknown(key) && !required) {
      return std::nullopt;
    }
    std::string why = tie.via_local
                          ? "its " + key + " is a `local.` value, which the plan does not record"
                          : "its " + key +
                                " is unknown until apply and the configuration names "
                                "no resource of this document for it";
    if (required) {
      Error(at, r.address + where + ": cannot tell which " + noun + " it belongs to: " + why +
                    "; plan it with the " + noun + " as a resource reference");
    } else {
      Warn(at, r.address + where + ": cannot tell which " + noun + " it names: " + why +
                   "; vpcreach leaves this tie out, so what depends on it is not modelled");
    }
    return std::nullopt;
  }
  if (tie.found.size() > 1) {
    Warn(at, r.address + where + " names one " + noun + " of several (" + tie.found[0]->address +
                 ", " + tie.found[1]->address + (tie.found.size() > 2 ? ", ..." : "") +
                 ") and the plan does not say which; vpcreach guesses " + tie.found[0]->address);
  }
  return GenNode::Scalar(tie.found.front()->address,
                         value != nullptr ? OriginOf(*value) : OriginOf(r));
}

std::vector<GenNode> MapperContext::TieMany(const Resource& r, const std::string& key,
                                            const std::vector<std::string>& types,
                                            const std::string& noun) {
  Tie tie = ties_.Resolve(r, key, types);
  for (const CfnValue* d : tie.dangling) {
    Warn(*d, r.address + " names " + noun + " '" + d->text() +
                 "', which is not in this Terraform document; this tie is left out");
  }
  std::vector<GenNode> out;
  const CfnValue* value = r.Value(key);
  for (const Resource* found : tie.found) {
    out.push_back(
        GenNode::Scalar(found->address, value != nullptr ? OriginOf(*value) : OriginOf(r)));
  }
  return out;
}

std::optional<GenNode> MapperContext::VpcOf(const Resource& r, const std::string& cidr) {
  const CfnValue* value = r.Value("vpc_id");
  Tie tie = ties_.Resolve(r, "vpc_id", kVpcTypes);
  if (!tie.found.empty() || !tie.dangling.empty() || value != nullptr) {
    return TieOne(r, "vpc_id", kVpcTypes, "VPC", true);
  }
  // A `local.` (or no) reference: what can be proved.
  std::vector<const Resource*> vpcs;
  for (const Resource& v : doc_.resources()) {
    if (v.type == "aws_vpc" && v.ConfigModule() == r.ConfigModule()) vpcs.push_back(&v);
  }
  if (vpcs.size() != 1) {
    vpcs.clear();
    for (const Resource& v : doc_.resources()) {
      if (v.type == "aws_vpc") vpcs.push_back(&v);
    }
  }
  if (vpcs.size() > 1 && !cidr.empty()) {
    std::string error;
    std::optional<Cidr> block = ParseCidr(cidr, &error);
    std::vector<const Resource*> holding;
    for (const Resource* v : vpcs) {
      const CfnValue* c = v->Value("cidr_block");
      std::optional<Cidr> vb = c != nullptr ? ParseCidr(c->text(), &error) : std::nullopt;
      if (block && vb && vb->Contains(*block)) holding.push_back(v);
    }
    vpcs = holding;
  }
  if (vpcs.size() == 1) return GenNode::Scalar(vpcs.front()->address, OriginOf(r));
  Error(At(r, "vpc_id"),
        r.address + ": cannot tell which VPC it belongs to: its vpc_id is " +
            (tie.via_local ? "a `local.` value, which the plan does not record"
                           : "unknown until apply") +
            ", and " +
            (vpcs.empty() ? "no VPC of the document fits" : "several VPCs of the document fit") +
            "; plan it with the VPC as a resource reference");
  return std::nullopt;
}

std::optional<GenNode> MapperContext::VpcOfDefault(const Resource& r,
                                                   const std::string& attribute) {
  const CfnValue* id = r.Value(attribute);
  const Resource* vpc = id != nullptr ? ties_.ById(id->text(), attribute) : nullptr;
  if (vpc != nullptr) return GenNode::Scalar(vpc->address, OriginOf(*id));
  return TieOne(r, attribute, kVpcTypes, "VPC", true);
}

GenNode& MapperContext::AddWithId(const std::string& section, const std::string& id,
                                  LineOrigin origin) {
  Section& s = sections_[section];
  s.index[id] = s.components.size();
  s.components.emplace_back(id, GenNode::Map(std::move(origin)));
  return s.components.back().second;
}

GenNode* MapperContext::Component(const std::string& section, const std::string& id) {
  auto it = sections_.find(section);
  if (it == sections_.end()) return nullptr;
  auto found = it->second.index.find(id);
  return found == it->second.index.end() ? nullptr : &it->second.components[found->second].second;
}

std::vector<std::pair<std::string, GenNode*>> MapperContext::Components(
    const std::string& section) {
  std::vector<std::pair<std::string, GenNode*>> out;
  auto it = sections_.find(section);
  if (it == sections_.end()) return out;
  for (auto& [id, body] : it->second.components) out.emplace_back(id, &body);
  return out;
}

void MapperContext::Write(cfn::StackScenario* out) const {
  LineOrigin none;
  GenNode root = GenNode::Map(none);
  root.Set("vpcreach", GenNode::Scalar("1", none));
  for (const char* name : kSectionOrder) {
    auto it = sections_.find(name);
    if (it == sections_.end() || it->second.components.empty()) continue;
    GenNode section = GenNode::Map(none);
    for (const auto& [id, body] : it->second.components) section.entries.emplace_back(id, body);
    std::string key = name;
    if (size_t dot = key.find('.'); dot != std::string::npos) {
      GenNode outer = GenNode::Map(none);
      outer.Set(key.substr(dot + 1), std::move(section));
      root.Set(key.substr(0, dot), std::move(outer));
    } else {
      root.Set(key, std::move(section));
    }
  }
  cfn::WriteScenario(root, out);
}

std::string ShortServiceName(const std::string& service_name) {
  const std::string prefix = "com.amazonaws.";
  if (service_name.rfind(prefix, 0) != 0) return service_name;
  std::string rest = service_name.substr(prefix.size());
  size_t dot = rest.find('.');
  return dot == std::string::npos ? rest : rest.substr(dot + 1);
}

std::string Protocol(const std::string& text) {
  std::string p = cfn::Lower(text);
  if (p == "-1" || p == "all") return "all";
  if (p == "6") return "tcp";
  if (p == "17") return "udp";
  if (p == "1") return "icmp";
  return p;
}

std::string PortRange(const CfnValue* from, const CfnValue* to) {
  std::string a = from != nullptr ? from->text() : "";
  std::string b = to != nullptr ? to->text() : "";
  if (a.empty() && b.empty()) return "";
  if (a == "-1" || b == "-1") return "";
  if (a.empty()) a = b;
  if (b.empty()) b = a;
  if (a == "0" && b == "65535") return "";
  return a == b ? a : a + "-" + b;
}

bool IsTrue(const CfnValue* v) { return v != nullptr && cfn::Lower(v->text()) == "true"; }

}  // namespace vpcreach::tf
