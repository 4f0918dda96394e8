#include "model/component_index.h"

#include "model/loader_messages.h"
#include "model/managed_prefix_lists.h"

namespace vpcreach {
namespace {

struct KindInfo {
  const char* noun;     // as messages name it: "route table"
  const char* section;  // where it is written: "route_tables"
};

// In the order of ComponentKind.
constexpr KindInfo kKindInfo[kComponentKindCount] = {
    {"vpc", "vpcs"},
    {"internet gateway", "internet_gateways"},
    {"subnet", "subnets"},
    {"route table", "route_tables"},
    {"NAT gateway", "nat_gateways"},
    {"VPC endpoint", "vpc_endpoints"},
    {"network ACL", "network_acls"},
    {"security group", "security_groups"},
    {"eni", "enis"},
    {"prefix list", "prefix_lists"},
    {"notebook instance", "sagemaker.notebook_instances"},
    {"training job", "sagemaker.training_jobs"},
    {"workload", "workloads"},
    {"target group", "target_groups"},
    {"peering connection", "peering_connections"},
    {"transit gateway", "transit_gateways"},
    {"transit gateway attachment", "transit_gateway_attachments"},
    {"transit gateway route table", "transit_gateway_route_tables"},
    {"virtual private gateway", "vpn_gateways"},
    {"customer gateway", "customer_gateways"},
    {"VPN connection", "vpn_connections"},
};

// Ids are unique within a kind, and the kinds an endpoint (`from:`, `--to`) can name share one
// namespace so that an endpoint id means one thing. Other kinds may share an id: a route table
// and a network ACL both called `private` is the common way to write a lab.
size_t Namespace(ComponentKind kind) {
  switch (kind) {
    case ComponentKind::kSubnet:
    case ComponentKind::kEni:
    case ComponentKind::kNotebook:
    case ComponentKind::kTrainingJob:
    case ComponentKind::kWorkload:
      return static_cast<size_t>(ComponentKind::kSubnet);
    default:
      return static_cast<size_t>(kind);
  }
}

}  // namespace

const char* NounOf(ComponentKind kind) { return kKindInfo[static_cast<size_t>(kind)].noun; }
const char* SectionOf(ComponentKind kind) { return kKindInfo[static_cast<size_t>(kind)].section; }

ComponentIndex::ComponentIndex(const Model& model, std::vector<Diagnostic>* sink)
    : model_(model), sink_(sink) {}

void ComponentIndex::Error(const SourceLocation& location, std::string path, std::string message) {
  sink_->push_back(Diagnostic{location, std::move(path), std::move(message)});
}

void ComponentIndex::Declare(ComponentKind kind, const std::string& id, YamlReader& reader,
                             const YamlField& key, const YamlField& body) {
  if (id.empty()) {
    Error(key.location, key.path, "an id must not be empty");
    return;
  }
  std::vector<WrittenComponent>& written = written_[static_cast<size_t>(kind)];
  Index index = written.size();
  written.push_back(WrittenComponent{id, &reader, key, body});
  // Resolve references by kind even to a duplicate, so the duplicate is the only complaint.
  IdsFor(kind).emplace(id, index);
  auto [it, inserted] = ids_.emplace(std::pair{Namespace(kind), id}, IdOwner{kind, key.location});
  if (!inserted) {
    Error(key.location, key.path,
          "id '" + id + "' is already used by the " + NounOf(it->second.kind) + " at " +
              FormatLocation(it->second.location));
  }
}

void ComponentIndex::AddSynthesized(ComponentKind kind, const std::string& id, Index index,
                                    const std::string& what) {
  auto [it, inserted] =
      ids_.emplace(std::pair{Namespace(kind), id}, IdOwner{kind, SourceLocation{}, true});
  if (!inserted && !it->second.synthesized) {
    Error(it->second.location, "",
          "id '" + id + "' is reserved for " + what + "; choose another id");
  }
  AddAlias(kind, id, index);
}

void ComponentIndex::AddAlias(ComponentKind kind, const std::string& id, Index index) {
  IdsFor(kind).emplace(id, index);
}

Index ComponentIndex::Find(ComponentKind kind, const std::string& id) const {
  const std::map<std::string, Index>& ids = by_kind_[static_cast<size_t>(kind)];
  auto it = ids.find(id);
  return it == ids.end() ? kNone : it->second;
}

std::vector<std::string> ComponentIndex::IdsOf(ComponentKind kind) const {
  std::vector<std::string> ids;
  for (const auto& [id, index] : by_kind_[static_cast<size_t>(kind)]) ids.push_back(id);
  return ids;
}

std::optional<ComponentKind> ComponentIndex::KindHolding(const std::string& id) const {
  for (size_t k = 0; k < kComponentKindCount; ++k) {
    if (by_kind_[k].count(id)) return static_cast<ComponentKind>(k);
  }
  return std::nullopt;
}

Index ComponentIndex::Resolve(ComponentKind kind, YamlReader& reader, const YamlField& field) {
  auto id = reader.String(field);
  if (!id) return kNone;
  if (Index found = Find(kind, *id); found != kNone) return found;
  if (auto other = KindHolding(*id)) {
    Error(field.location, field.path,
          "'" + *id + "' is " + WithArticle(NounOf(*other)) + ", not " + WithArticle(NounOf(kind)));
    return kNone;
  }
  std::string suggestion = ClosestMatch(*id, IdsOf(kind));
  if (kind == ComponentKind::kPrefixList && suggestion.empty() && LooksLikePrefixListId(*id)) {
    Error(field.location, field.path,
          "unknown prefix list '" + *id + "'; " + UndeclaredPrefixListIdHint(*id, model_.region));
    return kNone;
  }
  Error(field.location, field.path,
        "unknown " + std::string(NounOf(kind)) + " '" + *id + "'; " +
            (suggestion.empty() ? "define it under " + std::string(SectionOf(kind)) + ":"
                                : "did you mean '" + suggestion + "'?"));
  return kNone;
}

Index ComponentIndex::VpcOf(ComponentKind kind, Index i) const {
  if (i == kNone) return kNone;
  switch (kind) {
    case ComponentKind::kVpc:
      return i;
    case ComponentKind::kInternetGateway:
      return model_.internet_gateways[i].vpc;
    case ComponentKind::kSubnet:
      return model_.subnets[i].vpc;
    case ComponentKind::kRouteTable:
      return model_.route_tables[i].vpc;
    case ComponentKind::kNatGateway:
      return VpcOf(ComponentKind::kSubnet, model_.nat_gateways[i].subnet);
    case ComponentKind::kVpcEndpoint:
      return model_.vpc_endpoints[i].vpc;
    case ComponentKind::kNetworkAcl:
      return model_.network_acls[i].vpc;
    case ComponentKind::kSecurityGroup:
      return model_.security_groups[i].vpc;
    case ComponentKind::kEni:
      return VpcOf(ComponentKind::kSubnet, model_.enis[i].subnet);
    case ComponentKind::kWorkload:
      if (i >= model_.workloads.size()) return kNone;  // not built yet
      if (!model_.workloads[i].enis.empty()) {
        return VpcOf(ComponentKind::kEni, model_.workloads[i].enis.front());
      }
      return model_.workloads[i].subnets.empty()
                 ? kNone
                 : VpcOf(ComponentKind::kSubnet, model_.workloads[i].subnets.front());
    case ComponentKind::kTargetGroup:
      return i < model_.target_groups.size() ? model_.target_groups[i].vpc : kNone;
    case ComponentKind::kTransitGatewayAttachment:
      return i < model_.transit_gateway_attachments.size()
                 ? model_.transit_gateway_attachments[i].vpc
                 : kNone;
    case ComponentKind::kVpnGateway:
      return i < model_.vpn_gateways.size() ? model_.vpn_gateways[i].vpc : kNone;
    default:
      return kNone;
  }
}

// For SameVpc's message.
const std::string& ComponentIndex::IdOf(ComponentKind kind, Index i) const {
  switch (kind) {
    case ComponentKind::kVpcEndpoint:
      return model_.vpc_endpoints[i].id;
    case ComponentKind::kPrefixList:
      return model_.prefix_lists[i].id;
    case ComponentKind::kNotebook:
      return model_.notebooks[i].id;
    case ComponentKind::kTrainingJob:
      return model_.training_jobs[i].id;
    case ComponentKind::kInternetGateway:
      return model_.internet_gateways[i].id;
    case ComponentKind::kSubnet:
      return model_.subnets[i].id;
    case ComponentKind::kRouteTable:
      return model_.route_tables[i].id;
    case ComponentKind::kNatGateway:
      return model_.nat_gateways[i].id;
    case ComponentKind::kNetworkAcl:
      return model_.network_acls[i].id;
    case ComponentKind::kSecurityGroup:
      return model_.security_groups[i].id;
    case ComponentKind::kEni:
      return model_.enis[i].id;
    case ComponentKind::kVpc:
      return model_.vpcs[i].id;
    case ComponentKind::kWorkload:
      return model_.workloads[i].id;
    case ComponentKind::kTargetGroup:
      return model_.target_groups[i].id;
    case ComponentKind::kPeeringConnection:
      return model_.peering_connections[i].id;
    case ComponentKind::kTransitGateway:
      return model_.transit_gateways[i].id;
    case ComponentKind::kTransitGatewayAttachment:
      return model_.transit_gateway_attachments[i].id;
    case ComponentKind::kTransitGatewayRouteTable:
      return model_.transit_gateway_route_tables[i].id;
    case ComponentKind::kVpnGateway:
      return model_.vpn_gateways[i].id;
    case ComponentKind::kCustomerGateway:
      return model_.customer_gateways[i].id;
    case ComponentKind::kVpnConnection:
      return model_.vpn_connections[i].id;
  }
  return model_.vpcs[i].id;  // unreachable: every kind is handled above
}

bool ComponentIndex::SameVpc(const YamlField& field, ComponentKind kind, Index index, Index vpc,
                             const std::string& holder) {
  Index other = VpcOf(kind, index);
  if (vpc == kNone || other == kNone || other == vpc) return true;
  // Templates meet the default VPC without naming it: say where the component came from.
  std::string which = model_.vpcs[other].is_default
                          ? " (the region's default VPC, where AWS puts what a template places "
                            "without a VpcId or SubnetId)"
                          : "";
  std::string fix = holder.empty() || kind != ComponentKind::kSecurityGroup
                        ? ""
                        : "; the security groups of " + holder +
                              " are in the vpc of its subnets: name security groups of vpc " +
                              model_.vpcs[vpc].id + ", or subnets of vpc " + model_.vpcs[other].id;
  Error(field.location, field.path,
        std::string(NounOf(kind)) + " " + IdOf(kind, index) + " is in vpc " +
            model_.vpcs[other].id + which + ", not in vpc " + model_.vpcs[vpc].id + fix);
  return false;
}

}  // namespace vpcreach
