#include "model/cloudformation/workload_mapper.h"

#include <algorithm>

#include "model/cloudformation/workload_types.h"
#include "model/ip.h"

namespace vpcreach::cfn {
namespace {

// Resources that place network interfaces in a VPC, or connect networks, that vpcreach does not
// model yet; and the properties that betray one of another type.
const std::set<std::string> kShapingTypes = {
    "AWS::EC2::TransitGatewayConnect",
    "AWS::EC2::ClientVpnEndpoint",
    "AWS::EC2::CarrierGateway",
    "AWS::EC2::SpotFleet",
    "AWS::EC2::EC2Fleet",
    "AWS::NetworkFirewall::Firewall",
    "AWS::Batch::ComputeEnvironment",
    "AWS::EMR::Cluster",
    "AWS::MSK::Cluster",
    "AWS::Glue::Connection",
    "AWS::Transfer::Server",
    "AWS::ElasticBeanstalk::Environment",
};
// Of those, the ones that connect a VPC to networks outside the model (or filter on the way):
// traffic vpcreach does not follow, so no answer about every packet is a proof beside them.
const std::set<std::string> kConnectorTypes = {
    "AWS::EC2::TransitGatewayConnect",
    "AWS::EC2::ClientVpnEndpoint",
    "AWS::EC2::CarrierGateway",
    "AWS::NetworkFirewall::Firewall",
};

const char* const kShapingProperties[] = {
    "VpcConfig",       "VpcConfiguration",     "VPCConfig",         "VpcSettings",
    "VPCOptions",      "NetworkConfiguration", "SubnetIds",         "Subnets",
    "SubnetId",        "SubnetMappings",       "SecurityGroupIds",  "VpcSecurityGroupIds",
    "VpcSubnetIds",    "ResourcesVpcConfig",   "VPCZoneIdentifier", "ClusterSubnetGroupName",
    "SubnetGroupName", "NetworkInterfaces",
};

// The folded resources: read with the workloads that name them, not workloads themselves.
const std::set<std::string> kFoldedTypes = {
    kLaunchTemplate,   kLaunchConfiguration,     kListener,
    kListenerRule,     kDbSubnetGroup,           kCacheSubnetGroup,
    kDocDbSubnetGroup, kNeptuneSubnetGroup,      kDmsSubnetGroup,
    kSageMakerModel,   kSageMakerEndpointConfig, kEniAttachment,
};

// The target groups a listener's or rule's actions forward to.
void ForwardedGroups(const CfnValue* actions, std::vector<const CfnValue*>* out) {
  if (actions == nullptr || !actions->IsList()) return;
  for (const CfnValue& action : actions->items()) {
    if (const CfnValue* group = Field(&action, "TargetGroupArn")) out->push_back(group);
    const CfnValue* groups = Field(Field(&action, "ForwardConfig"), "TargetGroups");
    if (groups == nullptr || !groups->IsList()) continue;
    for (const CfnValue& g : groups->items()) {
      if (const CfnValue* arn = Field(&g, "TargetGroupArn")) out->push_back(arn);
    }
  }
}

}  // namespace

void WorkloadMapper::Prepare() {
  for (const Res& res : core_.resources()) {
    const std::string& type = res.type();
    if (type == kInstance) instances_.insert(res.id);
    if (type == kListener) {
      if (const CfnValue* lb = res.Prop("LoadBalancerArn")) listeners_[lb->text()].push_back(&res);
    } else if (type == kListenerRule) {
      if (const CfnValue* l = res.Prop("ListenerArn")) rules_[l->text()].push_back(&res);
    } else if (type == kEniAttachment) {
      if (const CfnValue* i = res.Prop("InstanceId")) attachments_[i->text()].push_back(&res);
    }
    for (auto [instance_type, cluster_type] :
         {std::pair{kDbInstance, kDbCluster}, std::pair{kDocDbInstance, kDocDbCluster},
          std::pair{kNeptuneInstance, kNeptuneCluster}}) {
      if (type != instance_type) continue;
      const CfnValue* cluster = res.Prop("DBClusterIdentifier");
      if (cluster == nullptr) continue;
      const Res* found = core_.FindNamed(cluster->text(), cluster_type, "DBClusterIdentifier");
      cluster_members_[found != nullptr ? found->id : ""].push_back(&res);
    }
  }
}

bool WorkloadMapper::Takes(const std::string& type) const {
  static const std::set<std::string> kWorkloadTypes = {
      kInstance,         kAutoScalingGroup,    kLoadBalancerV2,
      kTargetGroup,      kClassicLoadBalancer, kDbInstance,
      kDbCluster,        kEfsMountTarget,      kEcsService,
      kLambdaFunction,   kCacheCluster,        kReplicationGroup,
      kOpenSearchDomain, kElasticsearchDomain, kDocDbCluster,
      kDocDbInstance,    kNeptuneCluster,      kNeptuneInstance,
      kDmsInstance,      kEksCluster,          kEksNodegroup,
      kSimpleAd,         kMicrosoftAd,         kSageMakerDomain,
      kSageMakerEndpoint};
  return kWorkloadTypes.count(type) > 0 || kFoldedTypes.count(type) > 0;
}

void WorkloadMapper::Map(const Res& res) {
  const std::string& type = res.type();
  if (type == kInstance) {
    MapInstance(res);
  } else if (type == kAutoScalingGroup) {
    MapAutoScalingGroup(res);
  } else if (type == kLoadBalancerV2) {
    MapLoadBalancerV2(res);
  } else if (type == kClassicLoadBalancer) {
    MapClassicLoadBalancer(res);
  } else if (type == kTargetGroup) {
    MapTargetGroup(res);
  } else if (type == kDbInstance || type == kDocDbInstance || type == kNeptuneInstance) {
    MapDbInstance(res);
  } else if (type == kDbCluster) {
    MapDbCluster(res, "rds_cluster", kDbSubnetGroup);
  } else if (type == kDocDbCluster) {
    MapDbCluster(res, "docdb_cluster", kDocDbSubnetGroup);
  } else if (type == kNeptuneCluster) {
    MapDbCluster(res, "neptune_cluster", kNeptuneSubnetGroup);
  } else if (type == kCacheCluster || type == kReplicationGroup) {
    MapCache(res, type == kReplicationGroup);
  } else if (type == kDmsInstance) {
    MapDms(res);
  } else if (type == kEfsMountTarget) {
    MapEfsMountTarget(res);
  } else if (type == kEcsService) {
    MapEcsService(res);
  } else if (type == kLambdaFunction) {
    MapLambda(res);
  } else if (type == kOpenSearchDomain || type == kElasticsearchDomain) {
    MapOpenSearch(res);
  } else if (type == kEksCluster || type == kEksNodegroup) {
    MapEks(res, type == kEksNodegroup);
  } else if (type == kSimpleAd || type == kMicrosoftAd) {
    MapDirectory(res);
  } else if (type == kSageMakerDomain) {
    MapSageMakerDomain(res);
  } else if (type == kSageMakerEndpoint) {
    MapSageMakerEndpoint(res);
  }
  // Folded types are read by the workloads that name them.
}

void WorkloadMapper::IgnoreOther(const Res& res) {
  if (res.type() == "AWS::EC2::EgressOnlyInternetGateway" ||
      res.type() == "AWS::EC2::SubnetCidrBlock") {
    // An IPv6 exit, or an IPv6 block for a subnet (an IPv4 one needs no resource of its own).
    core_.IgnoreIpv6(res, "", true);
    return;
  }
  bool shapes = kShapingTypes.count(res.type()) > 0;
  for (const char* property : kShapingProperties) shapes = shapes || res.Prop(property);
  if (!shapes) {
    core_.Ignore(res, "not part of the network");
    return;
  }
  std::string reason =
      "it places network interfaces in a VPC or connects networks, and vpcreach does not model " +
      res.type() + " yet";
  if (kConnectorTypes.count(res.type()) > 0) {
    core_.IgnoreUnfollowed(res, std::move(reason));
  } else {
    core_.Ignore(res, std::move(reason), "", /*shapes_reachability=*/true);
  }
}

void WorkloadMapper::Finish() {
  for (auto& [group, targets] : targets_) {
    GenNode* component = core_.Component("target_groups", group);
    if (component == nullptr || targets.empty()) continue;
    GenNode list = GenNode::List(targets.front().origin);
    list.items = std::move(targets);
    component->Set("targets", std::move(list));
  }
}

// ---- helpers ------------------------------------------------------------------------------

GenNode& WorkloadMapper::NewWorkload(const Res& res, const char* type) {
  GenNode& w = core_.Add("workloads", res);
  w.Set("type", GenNode::Scalar(type, MapperCore::OriginOf(res)));
  return w;
}

GenNode& WorkloadMapper::NewWorkload(const Res& res, const char* type, GenNode subnets) {
  GenNode& w = NewWorkload(res, type);
  w.Set("subnets", std::move(subnets));
  return w;
}

std::optional<GenNode> WorkloadMapper::Subnets(const Res& res, const CfnValue* value,
                                               const std::string& why) {
  if (value == nullptr || (value->IsList() && value->items().empty())) {
    core_.Ignore(res, why, "", /*shapes_reachability=*/true);
    core_.MarkUnmapped(res.id);
    return std::nullopt;
  }
  auto list = core_.StringList(res, value);
  if (!list) core_.MarkUnmapped(res.id);
  return WithoutIpv6OnlySubnets(res, std::move(list));
}

bool WorkloadMapper::IsIpv6OnlySubnet(const std::string& id) const {
  const Res* subnet = core_.FindResource(id);
  return subnet != nullptr && subnet->type() == "AWS::EC2::Subnet" && core_.Unmapped(id) &&
         !subnet->Prop("CidrBlock") && !subnet->Prop("Ipv4IpamPoolId");
}

std::optional<GenNode> WorkloadMapper::WithoutIpv6OnlySubnets(const Res& res,
                                                             std::optional<GenNode> list) {
  if (!list) return list;
  std::string left_out;
  auto& items = list->items;
  for (auto it = items.begin(); it != items.end();) {
    if (!IsIpv6OnlySubnet(it->text)) {
      ++it;
      continue;
    }
    left_out += (left_out.empty() ? "" : ", ") + it->text;
    it = items.erase(it);
  }
  if (left_out.empty()) return list;
  // Its interfaces there have no IPv4 address: IPv6 is all they carry.
  core_.IgnoreIpv6(res, items.empty() ? "" : "in IPv6-only subnets " + left_out, true);
  if (!items.empty()) return list;
  core_.MarkUnmapped(res.id);
  return std::nullopt;
}

std::optional<GenNode> WorkloadMapper::GroupSubnets(const Res& res, const char* key,
                                                    const char* group_type,
                                                    const char* name_property,
                                                    const char* subnets_property) {
  const CfnValue* name = res.Prop(key);
  // Without a subnet group AWS uses the default VPC's, of every default subnet.
  if (name == nullptr) return DefaultSubnets(res, nullptr, /*all_when_absent=*/true);
  const Res* group = core_.FindNamed(name->text(), group_type, name_property);
  if (group == nullptr) {
    core_.Ignore(res, "its subnet group " + name->text() + " is not in the scenario's stacks", "",
                 /*shapes_reachability=*/true);
    core_.MarkUnmapped(res.id);
    return std::nullopt;
  }
  const CfnValue* subnets = group->Prop(subnets_property);
  if (subnets == nullptr) {
    core_.Missing(*group, subnets_property);
    core_.MarkUnmapped(res.id);
    return std::nullopt;
  }
  auto list = core_.StringList(*group, subnets);
  if (!list) core_.MarkUnmapped(res.id);
  return WithoutIpv6OnlySubnets(res, std::move(list));
}

std::optional<GenNode> WorkloadMapper::DefaultSubnets(const Res& res, const CfnValue* zones,
                                                      bool all_when_absent) {
  DefaultVpc& vpc = core_.default_vpc();
  LineOrigin origin = zones != nullptr ? MapperCore::OriginOf(res, *zones) : MapperCore::OriginOf(res);
  GenNode list = GenNode::List(origin);
  if (zones == nullptr) {
    for (const std::string& zone : vpc.zones()) {
      list.items.push_back(GenNode::Scalar(*vpc.Subnet(zone, origin), origin));
      if (!all_when_absent) break;
    }
    return list;
  }
  std::vector<const CfnValue*> names;
  if (zones->IsList()) {
    for (const CfnValue& zone : zones->items()) names.push_back(&zone);
  } else {
    names.push_back(zones);
  }
  bool ok = true;
  for (const CfnValue* zone : names) {
    auto name = core_.ScalarOf(res, *zone);
    if (!name) {
      ok = false;
      continue;
    }
    std::optional<std::string> subnet = vpc.Subnet(name->text, name->origin);
    if (!subnet) {
      core_.Error(res, *zone,
                  "'" + name->text + "' is not an availability zone of " + core_.region() + " (" +
                      vpc.zones().front() + " to " + vpc.zones().back() + ")");
      ok = false;
      continue;
    }
    list.items.push_back(GenNode::Scalar(*subnet, name->origin));
  }
  if (!ok || list.items.empty()) {
    if (ok) core_.Error(res, *zones, "expected at least one availability zone, got none");
    core_.MarkUnmapped(res.id);
    return std::nullopt;
  }
  return list;
}

void WorkloadMapper::SetGroups(const Res& res, GenNode& w, const CfnValue* value) {
  if (value == nullptr || (value->IsList() && value->items().empty())) return;
  if (auto list = core_.StringList(res, value)) w.Set("security_groups", std::move(*list));
}

void WorkloadMapper::SetCount(GenNode& w, long long count, const LineOrigin& origin) {
  w.Set("count", GenNode::Scalar(std::to_string(count), origin));
}

void WorkloadMapper::SetAssociate(const Res& res, GenNode& w, const CfnValue* value) {
  if (value == nullptr) return;
  std::string text = Lower(value->text());
  w.Set("associate_public_ip",
        GenNode::Scalar(text == "true" || text == "enabled" ? "true" : "false",
                        MapperCore::OriginOf(res, *value)));
}

void WorkloadMapper::AddTarget(const std::string& group, const std::string& target,
                               const std::string& port, const LineOrigin& origin) {
  if (port.empty()) {
    targets_[group].push_back(GenNode::Scalar(target, origin));
    return;
  }
  GenNode item = GenNode::Map(origin);
  item.Set("target", GenNode::Scalar(target, origin));
  item.Set("port", GenNode::Scalar(port, origin));
  targets_[group].push_back(std::move(item));
}

// ---- addresses ----------------------------------------------------------------------------

void WorkloadMapper::MapPrivateAddresses(const Res& res, const EvaluatedResource& props,
                                         GenNode& node) {
  MapInterfaceAddresses(res, props.properties, node);
}

void WorkloadMapper::MapInterfaceAddresses(const Res& res, const CfnValue& interface,
                                           GenNode& node) {
  GenNode secondary = GenNode::List(MapperCore::OriginOf(res));
  // PrivateIpAddresses: [{PrivateIpAddress, Primary}], the primary one besides the others.
  if (const CfnValue* list = Field(&interface, "PrivateIpAddresses"); list && list->IsList()) {
    secondary.origin = MapperCore::OriginOf(res, *list);
    for (const CfnValue& item : list->items()) {
      const CfnValue* address = Field(&item, "PrivateIpAddress");
      if (address == nullptr) {
        core_.Error(res, item, "missing required property 'PrivateIpAddress'");
        continue;
      }
      auto scalar = core_.ScalarOf(res, *address);
      if (!scalar) continue;
      const CfnValue* primary = Field(&item, "Primary");
      if (primary != nullptr && Lower(primary->text()) == "true") {
        if (GenNode* written = node.Find("private_ip")) {
          if (written->text != scalar->text) {
            core_.Error(res, *address,
                        "the primary address " + scalar->text + " differs from PrivateIpAddress " +
                            written->text + "; an interface has one primary address");
          }
          continue;
        }
        node.Set("private_ip", std::move(*scalar));
      } else {
        secondary.items.push_back(std::move(*scalar));
      }
    }
  }
  // SecondaryPrivateIpAddresses (a list of addresses), as some templates write it.
  if (const CfnValue* list = Field(&interface, "SecondaryPrivateIpAddresses")) {
    if (auto more = core_.StringList(res, list)) {
      for (GenNode& item : more->items) secondary.items.push_back(std::move(item));
    }
  }
  if (!secondary.items.empty()) node.Set("secondary_ips", std::move(secondary));
  if (const CfnValue* count = Field(&interface, "SecondaryPrivateIpAddressCount")) {
    MapperCore::SetScalar(node, "secondary_ip_count", core_.ScalarOf(res, *count));
  }
  IgnoreIpv6Addresses(res, interface);
}

void WorkloadMapper::IgnoreIpv6Addresses(const Res& res, const CfnValue& interface) {
  // Listed, not warnings: an address carries IPv6 only in a subnet with an IPv6 block, and that
  // subnet is the warning.
  for (const char* key : {"Ipv6AddressCount", "Ipv6Addresses", "Ipv6PrefixCount", "Ipv6Prefixes",
                          "PrimaryIpv6", "EnablePrimaryIpv6"}) {
    if (Field(&interface, key) != nullptr) core_.IgnoreIpv6(res, key, false);
  }
}

// ---- EC2 instances ------------------------------------------------------------------------

void WorkloadMapper::MapInstance(const Res& res) {
  const CfnValue* interfaces = res.Prop("NetworkInterfaces");
  if (interfaces != nullptr && (!interfaces->IsList() || interfaces->items().empty() ||
                                !std::all_of(interfaces->items().begin(), interfaces->items().end(),
                                             [](const CfnValue& v) { return v.IsMap(); }))) {
    core_.Error(res, *interfaces,
                "expected a list of network interfaces, got " + interfaces->Describe());
    core_.MarkUnmapped(res.id);
    return;
  }
  // Every interface with its device index: the instance's own (NetworkInterfaces, or SubnetId
  // as device 0) and the attached ENIs.
  struct Interface {
    long long device;
    const CfnValue* spec;   // an item of NetworkInterfaces; nullptr for SubnetId / attached
    const Res* attachment;  // an AWS::EC2::NetworkInterfaceAttachment
  };
  std::vector<Interface> all;
  if (interfaces != nullptr) {
    for (size_t i = 0; i < interfaces->items().size(); ++i) {
      const CfnValue& item = interfaces->items()[i];
      const CfnValue* device = Field(&item, "DeviceIndex");
      all.push_back({device ? ParseInt(device->text()).value_or(static_cast<long long>(i))
                            : static_cast<long long>(i),
                     &item, nullptr});
    }
  } else {
    all.push_back({0, nullptr, nullptr});
  }
  for (const Res* attachment : attachments_[res.id]) {
    const CfnValue* device = attachment->Prop("DeviceIndex");
    all.push_back({device ? ParseInt(device->text()).value_or(1) : 1, nullptr, attachment});
  }
  std::stable_sort(all.begin(), all.end(),
                   [](const Interface& a, const Interface& b) { return a.device < b.device; });

  // In IPv6-only subnets only: nothing of it carries IPv4.
  if (std::all_of(all.begin(), all.end(), [&](const Interface& it) {
        const CfnValue* subnet = it.attachment != nullptr ? nullptr
                                 : it.spec != nullptr     ? Field(it.spec, "SubnetId")
                                                          : res.Prop("SubnetId");
        return subnet != nullptr && IsIpv6OnlySubnet(subnet->text());
      })) {
    core_.IgnoreIpv6(res, "", true);
    core_.MarkUnmapped(res.id);
    return;
  }
  GenNode& w = NewWorkload(res, "instance");
  GenNode list = GenNode::List(interfaces != nullptr ? MapperCore::OriginOf(res, *interfaces)
                                                     : MapperCore::OriginOf(res));
  bool single = all.size() == 1;
  for (size_t i = 0; i < all.size(); ++i) {
    const Interface& it = all[i];
    std::string eni_id = single ? res.id : res.id + "[" + std::to_string(i) + "]";
    const CfnValue* existing =
        it.attachment != nullptr
            ? it.attachment->Prop("NetworkInterfaceId")
            : (it.spec != nullptr ? Field(it.spec, "NetworkInterfaceId") : nullptr);
    if (existing != nullptr) {
      const Res& owner = it.attachment != nullptr ? *it.attachment : res;
      auto id = core_.ScalarOf(owner, *existing);
      if (!id) continue;
      GenNode item = GenNode::Map(id->origin);
      eni_id = id->text;
      item.Set("eni", std::move(*id));
      list.items.push_back(std::move(item));
      if (i == 0) core_.SetInstanceEni(res.id, eni_id);
      continue;
    }
    if (it.attachment != nullptr) {
      core_.Missing(*it.attachment, "NetworkInterfaceId");
      continue;
    }
    // From NetworkInterfaces[k], or from the instance's own properties (SubnetId form).
    auto value = [&](const char* key) -> const CfnValue* {
      return it.spec != nullptr ? Field(it.spec, key) : res.Prop(key);
    };
    GenNode item = GenNode::Map(it.spec != nullptr ? MapperCore::OriginOf(res, *it.spec)
                                                   : MapperCore::OriginOf(res));
    const CfnValue* subnet = value("SubnetId");
    std::optional<GenNode> subnet_node;
    if (subnet != nullptr && IsIpv6OnlySubnet(subnet->text())) {
      // An interface with no IPv4 address: IPv6 is all it carries.
      core_.IgnoreIpv6(res, "interface in IPv6-only subnet " + subnet->text(), true);
      continue;
    } else if (subnet != nullptr) {
      subnet_node = core_.ScalarOf(res, *subnet);
    } else if (auto placed = DefaultSubnets(res, res.Prop("AvailabilityZone"), false)) {
      // Without a subnet AWS launches it in the default subnet of its zone (or of one it picks).
      subnet_node = std::move(placed->items.front());
    }
    if (!subnet_node) continue;
    item.Set("subnet", *subnet_node);
    // GroupSet per interface; SecurityGroupIds and SecurityGroups (ids in a VPC) beside SubnetId.
    GenNode groups = GenNode::List(item.origin);
    for (const char* key : it.spec != nullptr
                               ? std::vector<const char*>{"GroupSet"}
                               : std::vector<const char*>{"SecurityGroupIds", "SecurityGroups"}) {
      const CfnValue* v = value(key);
      if (v == nullptr) continue;
      auto more = core_.StringList(res, v);
      if (!more) continue;
      if (groups.items.empty()) groups.origin = more->origin;
      for (GenNode& g : more->items) {
        bool twice = std::any_of(groups.items.begin(), groups.items.end(),
                                 [&g](const GenNode& h) { return h.text == g.text; });
        if (!twice) groups.items.push_back(std::move(g));
      }
    }
    if (!groups.items.empty()) item.Set("security_groups", std::move(groups));
    if (const CfnValue* ip = value("PrivateIpAddress")) {
      MapperCore::SetScalar(item, "private_ip", core_.ScalarOf(res, *ip));
    }
    if (it.spec != nullptr) {
      MapInterfaceAddresses(res, *it.spec, item);
    } else {
      IgnoreIpv6Addresses(res, res.r->properties);
    }
    if (i == 0) {
      MapperCore::SetScalar(item, "source_dest_check", core_.Scalar(res, "SourceDestCheck", false));
    }
    // A public address when asked for, or when the only interface's subnet maps one on launch.
    const CfnValue* associate =
        it.spec != nullptr ? Field(it.spec, "AssociatePublicIpAddress") : nullptr;
    bool wants_public = false;
    if (associate != nullptr) {
      wants_public = Lower(associate->text()) == "true";
    } else if (single) {
      const Res* s = core_.FindResource(subnet_node->text);
      const CfnValue* map_public = s != nullptr ? s->Prop("MapPublicIpOnLaunch") : nullptr;
      wants_public = (map_public != nullptr && Lower(map_public->text()) == "true") ||
                     core_.default_vpc().IsDefaultSubnet(subnet_node->text);
    }
    if (wants_public) {
      LineOrigin origin =
          associate != nullptr ? MapperCore::OriginOf(res, *associate) : subnet_node->origin;
      item.Set("public_ip",
               GenNode::Scalar(core_.PublicIp(single || i == 0 ? res.id : eni_id), origin));
    } else {
      item.Set("associate_public_ip", GenNode::Scalar("false", item.origin));
    }
    list.items.push_back(std::move(item));
    if (i == 0) core_.SetInstanceEni(res.id, eni_id);
  }
  w.Set("interfaces", std::move(list));
}

void WorkloadMapper::SetInstancePublicIp(const std::string& id, GenNode address) {
  GenNode* w = core_.Component("workloads", id);
  GenNode* interfaces = w != nullptr ? w->Find("interfaces") : nullptr;
  if (interfaces == nullptr || interfaces->items.empty()) return;
  GenNode& primary = interfaces->items.front();
  if (GenNode* eni = primary.Find("eni")) {
    if (GenNode* component = core_.Component("enis", eni->text)) {
      component->Set("public_ip", std::move(address));
    }
    return;
  }
  primary.entries.erase(
      std::remove_if(primary.entries.begin(), primary.entries.end(),
                     [](const auto& e) { return e.first == "associate_public_ip"; }),
      primary.entries.end());
  primary.Set("public_ip", std::move(address));
}

// ---- Auto Scaling groups --------------------------------------------------------------------

void WorkloadMapper::MapAutoScalingGroup(const Res& res) {
  std::optional<GenNode> subnets;
  if (res.Prop("VPCZoneIdentifier") != nullptr) {
    subnets = Subnets(res, res.Prop("VPCZoneIdentifier"),
                      "an empty VPCZoneIdentifier: vpcreach does not know where it launches");
  } else if (const CfnValue* zones = res.Prop("AvailabilityZones")) {
    // Without VPCZoneIdentifier AWS launches in the default subnets of AvailabilityZones.
    subnets = DefaultSubnets(res, zones, false);
  } else {
    core_.Error(res, res.r->location, res.PropertiesPath(),
                "missing required property 'VPCZoneIdentifier' or 'AvailabilityZones': an Auto "
                "Scaling group needs subnets to launch in");
    core_.MarkUnmapped(res.id);
    return;
  }
  if (!subnets) return;
  GenNode& w = NewWorkload(res, "auto_scaling_group", std::move(*subnets));
  // The instances it runs: DesiredCapacity, else MinSize.
  for (const char* key : {"DesiredCapacity", "MinSize"}) {
    const CfnValue* v = res.Prop(key);
    auto n = v != nullptr ? ParseInt(v->text()) : std::nullopt;
    if (!n) continue;
    SetCount(w, *n, MapperCore::OriginOf(res, *v));
    break;
  }
  // Groups and public addressing from the launch template or configuration.
  const CfnValue* spec = res.Prop("LaunchTemplate");
  if (spec == nullptr) {
    spec = Field(Field(res.Prop("MixedInstancesPolicy"), "LaunchTemplate"),
                 "LaunchTemplateSpecification");
  }
  if (spec != nullptr) {
    const CfnValue* id = Field(spec, "LaunchTemplateId");
    const CfnValue* name = Field(spec, "LaunchTemplateName");
    const Res* lt = id != nullptr ? core_.FindNamed(id->text(), kLaunchTemplate, "")
                    : name != nullptr
                        ? core_.FindNamed(name->text(), kLaunchTemplate, "LaunchTemplateName")
                        : nullptr;
    const CfnValue* data = lt != nullptr ? lt->Prop("LaunchTemplateData") : nullptr;
    if (data != nullptr) {
      const CfnValue* groups = Field(data, "SecurityGroupIds");
      if (groups == nullptr) groups = Field(data, "SecurityGroups");
      const CfnValue* interfaces = Field(data, "NetworkInterfaces");
      const CfnValue* primary =
          interfaces != nullptr && interfaces->IsList() && !interfaces->items().empty()
              ? &interfaces->items().front()
              : nullptr;
      if (groups == nullptr) groups = Field(primary, "Groups");
      SetGroups(*lt, w, groups);
      SetAssociate(*lt, w, Field(primary, "AssociatePublicIpAddress"));
      if (primary != nullptr) IgnoreIpv6Addresses(*lt, *primary);
    }
  } else if (const CfnValue* config = res.Prop("LaunchConfigurationName")) {
    const Res* lc =
        core_.FindNamed(config->text(), kLaunchConfiguration, "LaunchConfigurationName");
    if (lc != nullptr) {
      SetGroups(*lc, w, lc->Prop("SecurityGroups"));
      SetAssociate(*lc, w, lc->Prop("AssociatePublicIpAddress"));
    }
  }
  // It registers its instances as targets.
  if (const CfnValue* groups = res.Prop("TargetGroupARNs"); groups && groups->IsList()) {
    for (const CfnValue& g : groups->items()) {
      AddTarget(g.text(), res.id, "", MapperCore::OriginOf(res, g));
    }
  }
  if (const CfnValue* names = res.Prop("LoadBalancerNames"); names && names->IsList()) {
    for (const CfnValue& n : names->items()) {
      const Res* lb = core_.FindNamed(n.text(), kClassicLoadBalancer, "LoadBalancerName");
      const CfnValue* listeners = lb != nullptr ? lb->Prop("Listeners") : nullptr;
      if (listeners == nullptr || !listeners->IsList()) continue;
      for (const CfnValue& l : listeners->items()) {
        const CfnValue* port = Field(&l, "LoadBalancerPort");
        if (port == nullptr) continue;
        AddTarget(lb->id + "/port-" + port->text(), res.id, "", MapperCore::OriginOf(res, n));
      }
    }
  }
}

// ---- load balancers -------------------------------------------------------------------------

void WorkloadMapper::MapLoadBalancerV2(const Res& res) {
  std::string type = "application";
  if (const CfnValue* t = res.Prop("Type")) type = Lower(t->text());
  // Subnets, or SubnetMappings' SubnetId.
  const CfnValue* subnets = res.Prop("Subnets");
  CfnValue from_mappings;
  if (subnets == nullptr) {
    if (const CfnValue* mappings = res.Prop("SubnetMappings"); mappings && mappings->IsList()) {
      std::vector<CfnValue> ids;
      for (const CfnValue& m : mappings->items()) {
        if (const CfnValue* id = Field(&m, "SubnetId")) ids.push_back(*id);
      }
      from_mappings = CfnValue::List(std::move(ids), mappings->location(), mappings->path());
      subnets = &from_mappings;
    }
  }
  auto placed =
      Subnets(res, subnets, "no Subnets or SubnetMappings: vpcreach does not know where it is");
  if (!placed) return;
  GenNode& w = NewWorkload(res, "load_balancer", std::move(*placed));
  LineOrigin origin =
      res.Prop("Type") ? MapperCore::OriginOf(res, *res.Prop("Type")) : MapperCore::OriginOf(res);
  w.Set("load_balancer_type", GenNode::Scalar(type, origin));
  if (const CfnValue* scheme = res.Prop("Scheme")) {
    w.Set("scheme", GenNode::Scalar(Lower(scheme->text()), MapperCore::OriginOf(res, *scheme)));
  }
  SetGroups(res, w, res.Prop("SecurityGroups"));
  GenNode listeners = GenNode::List(MapperCore::OriginOf(res));
  for (const Res* listener : listeners_[res.id]) {
    GenNode item = GenNode::Map(MapperCore::OriginOf(*listener));
    bool gateway = type == "gateway";
    for (auto [property, key] : {std::pair{"Protocol", "protocol"}, std::pair{"Port", "port"}}) {
      MapperCore::SetScalar(item, key, core_.Scalar(*listener, property, !gateway));
    }
    std::vector<const CfnValue*> forwarded;
    ForwardedGroups(listener->Prop("DefaultActions"), &forwarded);
    for (const Res* rule : rules_[listener->id]) ForwardedGroups(rule->Prop("Actions"), &forwarded);
    GenNode groups = GenNode::List(item.origin);
    for (const CfnValue* g : forwarded) {
      const Res* group = core_.FindNamed(g->text(), kTargetGroup, "Name");
      if (group == nullptr) {
        if (const Res* other = core_.FindResource(g->text())) {
          core_.Error(*listener, *g,
                      "TargetGroupArn names " + other->id + ", an " + other->type() +
                          ", not a target group; forward to an " + kTargetGroup);
        } else {
          // An ARN or import of a target group the stacks do not hold: its targets are unknown.
          core_.Ignore(*listener,
                       "it forwards to target group " + g->text() +
                           ", which is not in the scenario's stacks",
                       "", true);
        }
        continue;
      }
      if (core_.Unmapped(group->id)) continue;
      bool twice = std::any_of(groups.items.begin(), groups.items.end(),
                               [&](const GenNode& h) { return h.text == group->id; });
      if (!twice)
        groups.items.push_back(GenNode::Scalar(group->id, MapperCore::OriginOf(*listener, *g)));
    }
    if (!groups.items.empty()) item.Set("target_groups", std::move(groups));
    listeners.items.push_back(std::move(item));
  }
  if (!listeners.items.empty()) w.Set("listeners", std::move(listeners));
}

void WorkloadMapper::MapClassicLoadBalancer(const Res& res) {
  // Without Subnets, a Classic Load Balancer sits in the default subnets of AvailabilityZones.
  auto subnets = res.Prop("Subnets") == nullptr
                     ? DefaultSubnets(res, res.Prop("AvailabilityZones"), true)
                     : Subnets(res, res.Prop("Subnets"),
                               "empty Subnets: vpcreach does not know where it is");
  if (!subnets) return;
  GenNode& w = NewWorkload(res, "load_balancer", std::move(*subnets));
  w.Set("load_balancer_type", GenNode::Scalar("classic", MapperCore::OriginOf(res)));
  if (const CfnValue* scheme = res.Prop("Scheme")) {
    w.Set("scheme", GenNode::Scalar(Lower(scheme->text()), MapperCore::OriginOf(res, *scheme)));
  }
  SetGroups(res, w, res.Prop("SecurityGroups"));
  const CfnValue* listeners = res.Prop("Listeners");
  if (listeners == nullptr || !listeners->IsList()) return;
  GenNode list = GenNode::List(MapperCore::OriginOf(res, *listeners));
  for (const CfnValue& l : listeners->items()) {
    const CfnValue* port = Field(&l, "LoadBalancerPort");
    const CfnValue* protocol = Field(&l, "Protocol");
    if (port == nullptr || protocol == nullptr) {
      core_.Error(res, l, "missing required property 'LoadBalancerPort' or 'Protocol'");
      continue;
    }
    LineOrigin origin = MapperCore::OriginOf(res, l);
    GenNode item = GenNode::Map(origin);
    MapperCore::SetScalar(item, "protocol", core_.ScalarOf(res, *protocol));
    MapperCore::SetScalar(item, "port", core_.ScalarOf(res, *port));
    // Its instances behind this listener, as a target group of their own.
    std::string group = res.id + "/port-" + port->text();
    GenNode& tg = core_.AddWithId("target_groups", group, origin);
    const CfnValue* instance_protocol = Field(&l, "InstanceProtocol");
    MapperCore::SetScalar(tg, "protocol",
                          core_.ScalarOf(res, instance_protocol ? *instance_protocol : *protocol));
    if (const CfnValue* instance_port = Field(&l, "InstancePort")) {
      MapperCore::SetScalar(tg, "port", core_.ScalarOf(res, *instance_port));
    }
    GenNode groups = GenNode::List(origin);
    groups.items.push_back(GenNode::Scalar(group, origin));
    item.Set("target_groups", std::move(groups));
    list.items.push_back(std::move(item));
    if (const CfnValue* instances = res.Prop("Instances"); instances && instances->IsList()) {
      for (const CfnValue& i : instances->items()) {
        AddTarget(group, i.text(), "", MapperCore::OriginOf(res, i));
      }
    }
  }
  w.Set("listeners", std::move(list));
}

void WorkloadMapper::MapTargetGroup(const Res& res) {
  if (const CfnValue* type = res.Prop("TargetType"); type && Lower(type->text()) == "lambda") {
    core_.Ignore(res, "a target group of Lambda functions, which it invokes outside the VPCs");
    core_.MarkUnmapped(res.id);
    return;
  }
  GenNode& tg = core_.Add("target_groups", res);
  MapperCore::SetScalar(tg, "protocol", core_.Scalar(res, "Protocol", false));
  MapperCore::SetScalar(tg, "port", core_.Scalar(res, "Port", false));
  MapperCore::SetScalar(tg, "vpc", core_.Scalar(res, "VpcId", false));
  const CfnValue* targets = res.Prop("Targets");
  if (targets == nullptr || !targets->IsList()) return;
  for (size_t i = 0; i < targets->items().size(); ++i) {
    const CfnValue& t = targets->items()[i];
    const CfnValue* id = Field(&t, "Id");
    if (id == nullptr) continue;
    // An instance (its id), an address, or an Application Load Balancer behind a network one
    // (TargetType alb: its ARN, the balancer's Ref).
    const Res* instance = core_.FindResource(id->text());
    const Res* balancer = core_.FindNamed(id->text(), kLoadBalancerV2, "");
    std::string target = balancer != nullptr ? balancer->id : id->text();
    bool known = (instance != nullptr && instance->type() == kInstance) || balancer != nullptr ||
                 ParseIpv4(id->text()).has_value();
    if (!known) {
      // Whatever answers there is not in the model: paths through the group to it are missing.
      core_.Ignore(res, "a target outside the scenario's stacks", ItemPath("Targets", i),
                   /*shapes_reachability=*/true);
      continue;
    }
    const CfnValue* port = Field(&t, "Port");
    AddTarget(res.id, target, port != nullptr ? port->text() : "", MapperCore::OriginOf(res, *id));
  }
}

}  // namespace vpcreach::cfn
