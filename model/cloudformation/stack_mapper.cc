#include "model/cloudformation/stack_mapper.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>
#include <set>

#include "model/catalog.h"
#include "model/cloudformation/attribute_resolver.h"
#include "model/cloudformation/mapper_core.h"
#include "model/cloudformation/multivpc_mapper.h"
#include "model/cloudformation/scenario_writer.h"
#include "model/cloudformation/vpn_mapper.h"
#include "model/cloudformation/workload_mapper.h"
#include "model/ip.h"
#include "model/ipv6.h"
#include "model/loader_messages.h"

namespace vpcreach::cfn {
namespace {

constexpr char kVpc[] = "AWS::EC2::VPC";
constexpr char kSubnet[] = "AWS::EC2::Subnet";
constexpr char kInternetGateway[] = "AWS::EC2::InternetGateway";
constexpr char kRouteTable[] = "AWS::EC2::RouteTable";
constexpr char kNetworkAcl[] = "AWS::EC2::NetworkAcl";
constexpr char kSecurityGroup[] = "AWS::EC2::SecurityGroup";
constexpr char kEip[] = "AWS::EC2::EIP";
constexpr char kNatGateway[] = "AWS::EC2::NatGateway";
constexpr char kVpcEndpoint[] = "AWS::EC2::VPCEndpoint";
constexpr char kNetworkInterface[] = "AWS::EC2::NetworkInterface";
constexpr char kNotebook[] = "AWS::SageMaker::NotebookInstance";
constexpr char kPrefixList[] = "AWS::EC2::PrefixList";
constexpr char kGatewayRouteTableAssociation[] = "AWS::EC2::GatewayRouteTableAssociation";
constexpr char kNestedStack[] = "AWS::CloudFormation::Stack";

// Resources that become components of their own (first pass), and resources folded into them
// (second pass).
// Workloads (instances, Auto Scaling groups, load balancers, databases, ...) are the
// WorkloadMapper's.
const std::set<std::string> kComponentTypes = {
    kVpc, kSubnet,     kInternetGateway, kRouteTable,       kNetworkAcl, kSecurityGroup,
    kEip, kNatGateway, kVpcEndpoint,     kNetworkInterface, kNotebook,   kPrefixList,
    kVpcPeeringConnection};
const std::set<std::string> kAttachmentTypes = {"AWS::EC2::VPCCidrBlock",
                                                "AWS::EC2::FlowLog",
                                                "AWS::EC2::VPCGatewayAttachment",
                                                "AWS::EC2::SubnetRouteTableAssociation",
                                                "AWS::EC2::SubnetNetworkAclAssociation",
                                                kGatewayRouteTableAssociation,
                                                "AWS::EC2::Route",
                                                "AWS::EC2::NetworkAclEntry",
                                                "AWS::EC2::SecurityGroupIngress",
                                                "AWS::EC2::SecurityGroupEgress",
                                                "AWS::EC2::EIPAssociation"};

// Route targets vpcreach does not model, with the noun its message uses.
constexpr std::pair<const char*, const char*> kUnmodelledTargets[] = {
    {"CarrierGatewayId", "carrier gateway"},
    {"VpcEndpointId", "Gateway Load Balancer endpoint"},
    {"LocalGatewayId", "local gateway"},
    {"CoreNetworkArn", "core network"},
};

// What a security group or NACL accumulates before it is written.
struct RuleLists {
  std::vector<GenNode> ingress;
  std::vector<GenNode> egress;
  bool egress_replaced = false;  // security groups: egress listed, or standalone egress added
};

class Mapper : public MapperCore {
 public:
  Mapper(std::string region, const ScenarioNetwork& scenario, const PublicIpSource& public_ip,
         std::vector<Diagnostic>* sink)
      : MapperCore(std::move(region), scenario.default_vpc, public_ip, sink),
        scenario_(scenario),
        workloads_(*this) {}

  StackScenario Run(const std::vector<StackToMap>& stacks);

 private:
  void MapComponent(const Res& res);
  void MapVpc(const Res& res);
  void MapSubnet(const Res& res);
  void MapSecurityGroup(const Res& res);
  void MapNatGateway(const Res& res);
  void MapVpcEndpoint(const Res& res);
  void MapNetworkInterface(const Res& res);
  void MapNotebook(const Res& res);
  void MapPrefixList(const Res& res);

  void MapAttachment(const Res& res);
  void MapVpcCidrBlock(const Res& res);
  void MapFlowLog(const Res& res);
  void MapGatewayAttachment(const Res& res);
  void MapAssociation(const Res& res, const char* key, const char* type, const std::string& noun,
                      const char* scenario_key, std::map<std::string, const Res*>* associated);
  void MapGatewayRouteTableAssociation(const Res& res);
  void MapRoute(const Res& res);
  void MapNetworkAclEntry(const Res& res);
  void MapStandaloneRule(const Res& res, bool egress);
  void MapEipAssociation(const Res& res, const CfnValue* allocation, const CfnValue* instance,
                         const CfnValue* interface);

  // A security group rule (a property list item, or a standalone rule's properties), or nullopt
  // (reported or listed as ignored).
  std::optional<GenNode> SgRule(const Res& res, const CfnValue& rule, bool egress,
                                const std::string& ignore_suffix);
  // False (after a diagnostic) when `name`, a group name (GroupName, SourceSecurityGroupName),
  // names a stack's group that has a VpcId: AWS accepts names for default-VPC groups only, and
  // the others by id (`id_property`).
  bool NamedGroupOfDefaultVpc(const Res& res, const CfnValue& name, const char* id_property);
  // The public IP an EIP reference (AllocationId or the EIP's address) stands for.
  std::string EipAddress(const CfnValue& allocation);

  void Finish(StackScenario* out);

  // Security groups without a VpcId: moved to the one VPC of the interfaces that carry them.
  void PlaceGroupsWithoutVpc();
  // The id of the VPC subnet `id` (a stack's, the scenario's or a default subnet) lies in, or
  // "" when unknown.
  std::string SubnetVpc(const std::string& id);

  const ScenarioNetwork& scenario_;
  WorkloadMapper workloads_;
  std::set<std::string> groups_without_vpc_;
  std::vector<std::string> ipv6_rules_;      // SgRule's IPv6 rules of the resource being mapped
  std::set<std::string> ipv6_prefix_lists_;  // customer prefix lists of IPv6 CIDRs (not modelled)
  std::map<std::string, GenNode> attached_vpc_;           // internet gateway id -> VpcId value
  std::map<std::string, const Res*> attachments_;         // internet gateway id -> attachment
  std::map<std::string, const Res*> table_associations_;  // subnet id -> association
  std::map<std::string, const Res*> acl_associations_;    // subnet id -> association
  // Edge associations (ingress routing), written in Finish once attachments are known.
  struct EdgeAssociation {
    const Res* res;
    std::string table;
    GenNode gateway;  // the GatewayId value
  };
  std::vector<EdgeAssociation> edge_associations_;
  std::map<std::string, const Res*> edge_tables_;         // route table id -> its edge association
  std::map<std::string, std::vector<GenNode>> routes_;    // route table id -> routes
  std::map<std::pair<std::string, std::string>, const Res*> destinations_;  // (table, dest)
  std::map<std::string, RuleLists> acl_rules_;                              // NACL id -> entries
  std::map<std::tuple<std::string, bool, long long>, const Res*> acl_numbers_;
  std::map<std::string, RuleLists> sg_rules_;           // security group id -> rules
  std::map<std::string, std::string> default_acl_vpc_;  // "<vpc>-default-nacl" -> vpc id
  std::map<std::string, std::string> default_sg_vpc_;   // "<vpc>-default-sg" -> vpc id
};

StackScenario Mapper::Run(const std::vector<StackToMap>& stacks) {
  for (const StackToMap& s : stacks) {
    for (const EvaluatedResource& r : s.stack->resources) {
      if (!r.condition_included) continue;
      Res res;
      res.r = &r;
      res.id = s.stack->name + "/" + r.logical_id;
      size_t slash = r.logical_id.rfind('/');
      res.local = slash == std::string::npos ? r.logical_id : r.logical_id.substr(slash + 1);
      res.quiet = s.quiet;
      resources_.push_back(std::move(res));
    }
  }
  for (const Res& res : resources_) {
    by_id_[res.id] = &res;
    if (res.type() == kVpc) {
      default_acl_vpc_[res.id + "-default-nacl"] = res.id;
      default_sg_vpc_[res.id + "-default-sg"] = res.id;
    }
    if (res.type() == kPrefixList) {
      // Known before any rule or route names the list.
      const CfnValue* family = res.Prop("AddressFamily");
      if (family != nullptr && Lower(family->text()) == "ipv6") ipv6_prefix_lists_.insert(res.id);
    }
  }
  workloads_.Prepare();
  for (const Res& res : resources_) {
    if (IsTransitGatewayComponent(res.type())) {
      MapTransitGatewayComponent(*this, res);
    } else if (IsTransitGatewayAttachment(res.type()) || IsVpnAttachment(res.type())) {
      // Folded into the attachments, tables and connections, below.
    } else if (IsVpnComponent(res.type())) {
      MapVpnComponent(*this, res);
    } else if (kComponentTypes.count(res.type())) {
      MapComponent(res);
    } else if (workloads_.Takes(res.type())) {
      workloads_.Map(res);
    } else if (!kAttachmentTypes.count(res.type()) && res.type() != kNestedStack) {
      workloads_.IgnoreOther(res);
    }
  }
  for (const Res& res : resources_) {
    if (kAttachmentTypes.count(res.type())) MapAttachment(res);
    if (IsTransitGatewayAttachment(res.type())) MapTransitGatewayAttachment(*this, res);
    if (IsVpnAttachment(res.type())) MapVpnAttachment(*this, res);
    if (res.type() == kEip && res.Prop("InstanceId")) {
      MapEipAssociation(res, nullptr, res.Prop("InstanceId"), nullptr);
    }
  }
  StackScenario out;
  Finish(&out);
  return out;
}

// --- Components ---------------------------------------------------------------------------

void Mapper::MapComponent(const Res& res) {
  const std::string& type = res.type();
  if (type == kVpc) {
    MapVpc(res);
  } else if (type == kSubnet) {
    MapSubnet(res);
  } else if (type == kRouteTable) {
    GenNode& table = Add("route_tables", res);
    SetScalar(table, "vpc", Scalar(res, "VpcId", true));
  } else if (type == kNetworkAcl) {
    GenNode& acl = Add("network_acls", res);
    SetScalar(acl, "vpc", Scalar(res, "VpcId", true));
  } else if (type == kSecurityGroup) {
    MapSecurityGroup(res);
  } else if (type == kNatGateway) {
    MapNatGateway(res);
  } else if (type == kVpcEndpoint) {
    MapVpcEndpoint(res);
  } else if (type == kNetworkInterface) {
    MapNetworkInterface(res);
  } else if (type == kNotebook) {
    MapNotebook(res);
  } else if (type == kPrefixList) {
    MapPrefixList(res);
  } else if (type == kVpcPeeringConnection) {
    MapPeeringConnection(*this, res);
  }
  // Internet gateways are written once attached (Finish); EIPs live in what allocates them.
}

void Mapper::MapVpc(const Res& res) {
  GenNode& vpc = Add("vpcs", res);
  if (auto cidr = Scalar(res, "CidrBlock", true, " (vpcreach does not model IPAM pools)")) {
    GenNode cidrs = GenNode::List(cidr->origin);
    cidrs.items.push_back(std::move(*cidr));
    vpc.Set("cidrs", std::move(cidrs));
  }
}

void Mapper::MapSubnet(const Res& res) {
  const CfnValue* ipv6_block = res.Prop("Ipv6CidrBlock");
  bool ipv6 = ipv6_block != nullptr || res.Prop("Ipv6IpamPoolId") != nullptr ||
              (res.Prop("Ipv6Native") && Lower(res.Prop("Ipv6Native")->text()) == "true");
  if (ipv6 && !res.Prop("CidrBlock") && !res.Prop("Ipv4IpamPoolId")) {
    // IPv6-only: nothing of it is modelled, and what names it is left out quietly.
    IgnoreIpv6(res, "", true);
    unmapped_.insert(res.id);
    return;
  }
  if (ipv6) {
    // Dual-stack: its IPv4 side is modelled; one warning stands for its IPv6 block and for
    // AssignIpv6AddressOnCreation, EnableDns64 and the like.
    std::string block;
    if (ipv6_block != nullptr && ipv6_block->IsScalar()) {
      std::optional<Ipv6Cidr> parsed = ParseIpv6Cidr(ipv6_block->text());
      block = " " + (parsed ? parsed->ToString() : ipv6_block->text());
    }
    IgnoreIpv6(res, "Ipv6CidrBlock" + block, true);
  }
  GenNode& subnet = Add("subnets", res);
  SetScalar(subnet, "vpc", Scalar(res, "VpcId", true));
  SetScalar(subnet, "cidr", Scalar(res, "CidrBlock", true));
  const CfnValue* zone = res.Prop("AvailabilityZone");
  if (std::optional<DeployTimeValue> unknown = zone ? AsDeployTimeValue(*zone) : std::nullopt) {
    // A custom resource picks the zone (say, a lookup of where an instance type is offered): a
    // subnet needs one, so vpcreach assumes one and says so.
    std::string warning;
    std::string assumed = zones_.Assume(*unknown, &warning);
    Warn(res, *zone, std::move(warning));
    subnet.Set("az", GenNode::Scalar(assumed, OriginOf(res, *zone)));
  } else if (auto az = Scalar(res, "AvailabilityZone", false)) {
    subnet.Set("az", std::move(*az));
  } else if (!res.Prop("AvailabilityZone")) {
    // AWS picks a zone; vpcreach picks the region's first, as `!GetAZs ''` lists them.
    subnet.Set("az", GenNode::Scalar(AvailabilityZones(region_).front(), OriginOf(res)));
  }
  // Instances launched here get public addresses (the workload builder reads it).
  if (const CfnValue* map_public = res.Prop("MapPublicIpOnLaunch");
      map_public != nullptr && Lower(map_public->text()) == "true") {
    subnet.Set("map_public_ip_on_launch", GenNode::Scalar("true", OriginOf(res, *map_public)));
  }
}

void Mapper::MapSecurityGroup(const Res& res) {
  GenNode& group = Add("security_groups", res);
  if (res.Prop("VpcId")) {
    SetScalar(group, "vpc", Scalar(res, "VpcId", true));
  } else {
    // Without a VpcId, AWS creates the group in the region's default VPC: decided in Finish,
    // once the interfaces that carry it are known (PlaceGroupsWithoutVpc).
    groups_without_vpc_.insert(res.id);
  }
  RuleLists& rules = sg_rules_[res.id];
  for (bool egress : {false, true}) {
    const char* key = egress ? "SecurityGroupEgress" : "SecurityGroupIngress";
    const CfnValue* list = res.Prop(key);
    if (list == nullptr) continue;
    if (!list->IsList()) {
      Error(res, *list, "expected a list of rules, got " + list->Describe());
      continue;
    }
    // An empty SecurityGroupEgress is as good as none: the allow-all rule stays.
    if (egress && !list->items().empty()) rules.egress_replaced = true;
    for (size_t i = 0; i < list->items().size(); ++i) {
      auto rule = SgRule(res, list->items()[i], egress, ItemPath(key, i));
      if (rule) (egress ? rules.egress : rules.ingress).push_back(std::move(*rule));
    }
  }
  // One warning for the group, however many IPv6 rules it has.
  if (!ipv6_rules_.empty()) {
    std::string which;
    for (const std::string& rule : ipv6_rules_) which += (which.empty() ? "" : ", ") + rule;
    IgnoreIpv6(res,
               ipv6_rules_.size() == 1
                   ? "IPv6 rule " + which
                   : std::to_string(ipv6_rules_.size()) + " IPv6 rules (" + which + ")",
               true);
    ipv6_rules_.clear();
  }
}

std::string Mapper::EipAddress(const CfnValue& allocation) {
  auto it = by_id_.find(allocation.text());
  if (it != by_id_.end() && it->second->type() == kEip) return public_ip_(allocation.text());
  // `!Ref EIP` is the address itself; any other allocation id is an EIP made elsewhere, which
  // gets an address of its own.
  if (ParseIpv4(allocation.text())) return allocation.text();
  return public_ip_(allocation.text());
}

void Mapper::MapNatGateway(const Res& res) {
  GenNode& nat = Add("nat_gateways", res);
  SetScalar(nat, "subnet", Scalar(res, "SubnetId", true));
  // A private NAT gateway (ConnectivityType: private) takes no AllocationId; the builder reports
  // one written anyway, at its value.
  std::optional<GenNode> type = Scalar(res, "ConnectivityType", false);
  bool is_private = type && Lower(type->text) == "private";
  if (type) {
    type->text = Lower(type->text);
    nat.Set("connectivity", std::move(*type));
  }
  if (auto allocation = Scalar(res, "AllocationId", !is_private)) {
    nat.Set("public_ip",
            GenNode::Scalar(EipAddress(*res.Prop("AllocationId")), allocation->origin));
  }
  SetScalar(nat, "private_ip", Scalar(res, "PrivateIpAddress", false));
}

void Mapper::MapVpcEndpoint(const Res& res) {
  std::string type = "gateway";
  std::optional<GenNode> type_node = Scalar(res, "VpcEndpointType", false);
  if (type_node) {
    type = Lower(type_node->text);
    if (type != "gateway" && type != "interface") {
      Error(res, *res.Prop("VpcEndpointType"),
            "vpcreach does not model " + type_node->text + " endpoints yet");
      unmapped_.insert(res.id);
      return;
    }
  }
  GenNode& endpoint = Add("vpc_endpoints", res);
  SetScalar(endpoint, "vpc", Scalar(res, "VpcId", true));
  if (auto service = Scalar(res, "ServiceName", true)) {
    // com.amazonaws.<region>.<service> -> <service>, the catalog's name.
    std::string prefix = "com.amazonaws." + region_ + ".";
    if (service->text.rfind(prefix, 0) == 0) {
      service->text = service->text.substr(prefix.size());
    } else if (service->text.rfind("com.amazonaws.", 0) == 0) {
      Error(res, *res.Prop("ServiceName"),
            "service " + service->text + " is not in the scenario's region " + region_);
    }
    endpoint.Set("service", std::move(*service));
  }
  LineOrigin type_origin = type_node ? type_node->origin : OriginOf(res);
  endpoint.Set("type", GenNode::Scalar(type, type_origin));
  for (auto [property, key] :
       {std::pair{"RouteTableIds", "route_tables"}, std::pair{"SubnetIds", "subnets"},
        std::pair{"SecurityGroupIds", "security_groups"}}) {
    if (auto list = StringList(res, res.Prop(property))) endpoint.Set(key, std::move(*list));
  }
  if (type == "interface") {
    // CloudFormation's default is false (EC2's API would enable it).
    std::optional<GenNode> dns = Scalar(res, "PrivateDnsEnabled", false);
    endpoint.Set("private_dns", dns ? std::move(*dns) : GenNode::Scalar("false", type_origin));
  }
  if (const CfnValue* policy = res.Prop("PolicyDocument")) {
    endpoint.Set("policy", GenNode::Scalar("written", OriginOf(res, *policy)));
  }
}

void Mapper::MapNetworkInterface(const Res& res) {
  GenNode& eni = Add("enis", res);
  SetScalar(eni, "subnet", Scalar(res, "SubnetId", true));
  SetScalar(eni, "private_ip", Scalar(res, "PrivateIpAddress", false));
  if (auto groups = StringList(res, res.Prop("GroupSet"))) {
    eni.Set("security_groups", std::move(*groups));
  }
  SetScalar(eni, "source_dest_check", Scalar(res, "SourceDestCheck", false));
  workloads_.MapPrivateAddresses(res, *res.r, eni);
}

void Mapper::MapNotebook(const Res& res) {
  GenNode& notebook = Add("notebook_instances", res);
  SetScalar(notebook, "subnet", Scalar(res, "SubnetId", false));
  if (auto groups = StringList(res, res.Prop("SecurityGroupIds"))) {
    notebook.Set("security_groups", std::move(*groups));
  }
  SetScalar(notebook, "direct_internet_access", Scalar(res, "DirectInternetAccess", false));
  SetScalar(notebook, "root_access", Scalar(res, "RootAccess", false));
  SetScalar(notebook, "kms_key_id", Scalar(res, "KmsKeyId", false));
}

void Mapper::MapPrefixList(const Res& res) {
  auto family = Scalar(res, "AddressFamily", true);
  if (!family) {
    unmapped_.insert(res.id);
    return;
  }
  std::string name = Lower(family->text);
  if (name == "ipv6") {
    // Listed only: the routes and rules that use it are the warnings.
    Ignore(res, kIpv6NotModelled);
    unmapped_.insert(res.id);
    return;
  }
  if (name != "ipv4") {
    Error(res, *res.Prop("AddressFamily"), "expected IPv4 or IPv6, got '" + family->text + "'");
    unmapped_.insert(res.id);
    return;
  }
  GenNode& list = Add("prefix_lists", res);
  const CfnValue* entries = res.Prop("Entries");
  GenNode cidrs = GenNode::List(entries != nullptr ? OriginOf(res, *entries) : OriginOf(res));
  if (entries != nullptr && !entries->IsList()) {
    Error(res, *entries,
          "expected a list of entries ({Cidr, Description}), got " + entries->Describe());
  } else if (entries != nullptr) {
    for (const CfnValue& entry : entries->items()) {
      const CfnValue* cidr = entry.IsMap() ? entry.Find("Cidr") : nullptr;
      if (cidr == nullptr) {
        Error(res, entry, "expected an entry with a Cidr, got " + entry.Describe());
      } else if (auto node = ScalarOf(res, *cidr)) {
        cidrs.items.push_back(std::move(*node));
      }
    }
    // AWS refuses more entries than the list's MaxEntries.
    const CfnValue* max = res.Prop("MaxEntries");
    auto limit = max != nullptr ? ParseInt(max->text()) : std::nullopt;
    if (limit && static_cast<long long>(entries->items().size()) > *limit) {
      Error(res, *max,
            "the prefix list has " + std::to_string(entries->items().size()) +
                " entries, more than its MaxEntries " + max->text() +
                "; raise MaxEntries or remove entries");
    }
  }
  list.Set("cidrs", std::move(cidrs));
}

// --- Attachments --------------------------------------------------------------------------

void Mapper::MapAttachment(const Res& res) {
  const std::string& type = res.type();
  if (type == "AWS::EC2::VPCCidrBlock") {
    MapVpcCidrBlock(res);
  } else if (type == "AWS::EC2::FlowLog") {
    MapFlowLog(res);
  } else if (type == "AWS::EC2::VPCGatewayAttachment") {
    MapGatewayAttachment(res);
  } else if (type == "AWS::EC2::SubnetRouteTableAssociation") {
    MapAssociation(res, "RouteTableId", kRouteTable, "route table", "route_table",
                   &table_associations_);
  } else if (type == "AWS::EC2::SubnetNetworkAclAssociation") {
    MapAssociation(res, "NetworkAclId", kNetworkAcl, "network ACL", "network_acl",
                   &acl_associations_);
  } else if (type == kGatewayRouteTableAssociation) {
    MapGatewayRouteTableAssociation(res);
  } else if (type == "AWS::EC2::Route") {
    MapRoute(res);
  } else if (type == "AWS::EC2::NetworkAclEntry") {
    MapNetworkAclEntry(res);
  } else if (type == "AWS::EC2::SecurityGroupIngress") {
    MapStandaloneRule(res, false);
  } else if (type == "AWS::EC2::SecurityGroupEgress") {
    MapStandaloneRule(res, true);
  } else if (type == "AWS::EC2::EIPAssociation") {
    MapEipAssociation(res, res.Prop("AllocationId") ? res.Prop("AllocationId") : res.Prop("EIP"),
                      res.Prop("InstanceId"), res.Prop("NetworkInterfaceId"));
  }
}

void Mapper::MapVpcCidrBlock(const Res& res) {
  if (!res.Prop("CidrBlock")) {
    if (res.Prop("AmazonProvidedIpv6CidrBlock") || res.Prop("Ipv6CidrBlock") ||
        res.Prop("Ipv6IpamPoolId") || res.Prop("Ipv6Pool")) {
      // Listed only: a VPC's block carries no traffic until a subnet takes part of it, and each
      // such subnet is a warning.
      IgnoreIpv6(res, "", false);
      return;
    }
  }
  auto vpc = StackReference(res, "VpcId", kVpc, "VPC");
  auto cidr = Scalar(res, "CidrBlock", true, " (vpcreach does not model IPAM pools)");
  if (!vpc || !cidr) return;
  GenNode* component = Component("vpcs", vpc->first.text);
  if (component == nullptr) return;
  GenNode* cidrs = component->Find("cidrs");
  if (cidrs == nullptr) cidrs = &component->Set("cidrs", GenNode::List(cidr->origin));
  cidrs->items.push_back(std::move(*cidr));
}

void Mapper::MapFlowLog(const Res& res) {
  const CfnValue* type = res.Prop("ResourceType");
  if (type == nullptr || type->text() != "VPC") {
    Ignore(res, "flow logs of subnets and ENIs are not modelled");
    return;
  }
  const CfnValue* id = res.Prop("ResourceId");
  if (id == nullptr || Component("vpcs", id->text()) == nullptr) {
    Ignore(res, "flow logs of VPCs outside the stacks are not modelled");
    return;
  }
  Component("vpcs", id->text())->Set("flow_logs", GenNode::Scalar("true", OriginOf(res, *id)));
}

void Mapper::MapGatewayAttachment(const Res& res) {
  if (!res.Prop("InternetGatewayId")) {
    if (res.Prop("VpnGatewayId")) {
      MapVpnGatewayAttachment(*this, res);
    } else {
      Ignore(res, "not part of the network");
    }
    return;
  }
  auto igw = StackReference(res, "InternetGatewayId", kInternetGateway, "internet gateway");
  auto vpc = Scalar(res, "VpcId", true);
  if (!igw || !vpc) return;
  const std::string& id = igw->first.text;
  if (auto it = attachments_.find(id); it != attachments_.end()) {
    Error(res, *res.Prop("InternetGatewayId"),
          "internet gateway " + id + " is attached already by " + Where(*it->second) +
              "; an internet gateway attaches to one VPC");
    return;
  }
  attachments_[id] = &res;
  attached_vpc_.emplace(id, std::move(*vpc));
}

void Mapper::MapAssociation(const Res& res, const char* key, const char* type,
                            const std::string& noun, const char* scenario_key,
                            std::map<std::string, const Res*>* associated) {
  auto subnet = StackReference(res, "SubnetId", kSubnet, "subnet");
  auto target = Scalar(res, key, true);
  if (!subnet || !target) return;
  const std::string& id = subnet->first.text;
  if (auto it = associated->find(id); it != associated->end()) {
    const CfnValue* earlier = it->second->Prop(key);
    Error(res, *res.Prop("SubnetId"),
          "subnet " + id + " is associated with " + noun + " " +
              (earlier != nullptr ? earlier->text() : "?") + " already by " + Where(*it->second) +
              "; a subnet has one " + noun + " association");
    return;
  }
  (*associated)[id] = &res;
  if (GenNode* component = Component("subnets", id)) {
    component->Set(scenario_key, std::move(*target));
  }
}

void Mapper::MapGatewayRouteTableAssociation(const Res& res) {
  auto table = StackReference(res, "RouteTableId", kRouteTable, "route table");
  auto gateway = Scalar(res, "GatewayId", true);
  if (!table || !gateway) return;
  auto it = by_id_.find(gateway->text);
  if (it != by_id_.end() && it->second->type() == kVpnGateway) {
    Error(res, *res.Prop("GatewayId"),
          "vpcreach does not model the gateway route tables of virtual private gateways yet "
          "(ingress routing of on-premises traffic)");
    return;
  }
  const std::string& table_id = table->first.text;
  if (auto earlier = edge_tables_.find(table_id); earlier != edge_tables_.end()) {
    const CfnValue* other = earlier->second->Prop("GatewayId");
    Error(res, *res.Prop("RouteTableId"),
          "route table " + table_id + " is associated with gateway " +
              (other != nullptr ? other->text() : "?") + " already by " + Where(*earlier->second) +
              "; remove one of the associations");
    return;
  }
  edge_tables_[table_id] = &res;
  edge_associations_.push_back(EdgeAssociation{&res, table_id, std::move(*gateway)});
}

void Mapper::MapRoute(const Res& res) {
  auto table = StackReference(res, "RouteTableId", kRouteTable, "route table");
  std::optional<GenNode> destination;
  const CfnValue* destination_value = nullptr;
  for (const char* key : {"DestinationCidrBlock", "DestinationPrefixListId"}) {
    if ((destination_value = res.Prop(key))) {
      destination = ScalarOf(res, *destination_value);
      break;
    }
  }
  if (destination && ipv6_prefix_lists_.count(destination->text)) {
    IgnoreIpv6(res, "", true);
    return;
  }
  if (destination_value == nullptr) {
    if (res.Prop("DestinationIpv6CidrBlock")) {
      IgnoreIpv6(res, "", true);
    } else {
      Missing(res, "DestinationCidrBlock");
    }
    return;
  }
  std::optional<GenNode> target;
  bool target_written = false;
  for (const char* key : {"GatewayId", "NatGatewayId", "NetworkInterfaceId", "InstanceId",
                          "VpcPeeringConnectionId", "TransitGatewayId"}) {
    const CfnValue* v = res.Prop(key);
    if (v == nullptr) continue;
    target_written = true;
    target = ScalarOf(res, *v);
    if (!target) break;
    if (unmapped_.count(target->text)) return;  // reported with the target itself
    if (std::string(key) == "InstanceId" && instance_eni_.count(target->text)) {
      target->text = instance_eni_[target->text];
    }
    break;
  }
  if (!target_written) {
    for (const auto& [key, noun] : kUnmodelledTargets) {
      if (const CfnValue* v = res.Prop(key)) {
        Error(res, *v, std::string("vpcreach does not model ") + noun + " routes yet");
        return;
      }
    }
    if (res.Prop("EgressOnlyInternetGatewayId")) {
      IgnoreIpv6(res, "", true);
      return;
    }
    Missing(res, "GatewayId",
            " (or NatGatewayId, NetworkInterfaceId, InstanceId, VpcPeeringConnectionId, "
            "TransitGatewayId)");
    return;
  }
  if (!table || !destination || !target) return;
  const std::string& table_id = table->first.text;
  auto [it, inserted] = destinations_.emplace(std::pair{table_id, destination->text}, &res);
  if (!inserted) {
    Error(res, *destination_value,
          "destination " + destination->text + " is routed twice in route table " + table_id +
              " (also by " + Where(*it->second) + ")");
    return;
  }
  GenNode route = GenNode::Map(OriginOf(res));
  route.Set("destination", std::move(*destination));
  route.Set("target", std::move(*target));
  routes_[table_id].push_back(std::move(route));
}

void Mapper::MapNetworkAclEntry(const Res& res) {
  if (!res.Prop("CidrBlock") && res.Prop("Ipv6CidrBlock")) {
    IgnoreIpv6(res, "", true);
    return;
  }
  std::optional<GenNode> acl_id;
  if (const CfnValue* v = res.Prop("NetworkAclId"); v && default_acl_vpc_.count(v->text())) {
    // An entry in a stack VPC's default ACL: write that ACL, with AWS's allow-all rule 100.
    acl_id = ScalarOf(res, *v);
    if (acl_id && !Component("network_acls", acl_id->text)) {
      LineOrigin origin = acl_id->origin;
      GenNode& acl = AddWithId("network_acls", acl_id->text, origin);
      acl.Set("vpc", GenNode::Scalar(default_acl_vpc_[acl_id->text], origin));
      acl.Set("default", GenNode::Scalar("true", origin));
      for (bool egress : {false, true}) {
        GenNode rule = GenNode::Map(origin);
        rule.Set("rule", GenNode::Scalar("100", origin));
        rule.Set("action", GenNode::Scalar("allow", origin));
        rule.Set("protocol", GenNode::Scalar("all", origin));
        rule.Set("cidr", GenNode::Scalar("0.0.0.0/0", origin));
        (egress ? acl_rules_[acl_id->text].egress : acl_rules_[acl_id->text].ingress)
            .push_back(rule);
        acl_numbers_[{acl_id->text, egress, 100}] = &res;
      }
    }
  } else if (auto acl = StackReference(res, "NetworkAclId", kNetworkAcl, "network ACL")) {
    acl_id = acl->first;
  }
  auto number = Scalar(res, "RuleNumber", true);
  auto protocol = Scalar(res, "Protocol", true);
  auto action = Scalar(res, "RuleAction", true);
  auto cidr = Scalar(res, "CidrBlock", true);
  bool egress = false;
  if (const CfnValue* e = res.Prop("Egress")) {
    std::string text = Lower(e->text());
    if (text != "true" && text != "false") {
      Error(res, *e, "expected true or false, got '" + e->text() + "'");
      return;
    }
    egress = text == "true";
  }
  if (!acl_id || !number || !protocol || !action || !cidr) return;
  if (auto n = ParseInt(number->text)) {
    auto [it, inserted] = acl_numbers_.emplace(std::tuple{acl_id->text, egress, *n}, &res);
    if (!inserted) {
      Error(res, *res.Prop("RuleNumber"),
            "rule number " + number->text + " is used twice in the " +
                (egress ? "egress" : "ingress") + " rules of network ACL " + acl_id->text +
                " (also by " + Where(*it->second) + ")");
      return;
    }
  }
  GenNode rule = GenNode::Map(OriginOf(res));
  rule.Set("rule", std::move(*number));
  rule.Set("action", GenNode::Scalar(Lower(action->text), action->origin));
  rule.Set("protocol", *protocol);
  auto parsed = ParseProtocol(protocol->text);
  if (const CfnValue* range = res.Prop("PortRange"); range && parsed && HasPorts(*parsed)) {
    const CfnValue* from = range->Find("From");
    const CfnValue* to = range->Find("To");
    std::string from_text = from != nullptr ? from->text() : "0";
    std::string to_text = to != nullptr ? to->text() : "65535";
    rule.Set("ports", GenNode::Scalar(from_text + "-" + to_text,
                                      OriginOf(res, from != nullptr ? *from : *range)));
  }
  if (const CfnValue* icmp = res.Prop("Icmp"); icmp && parsed && *parsed == kIcmp) {
    // Icmp: {Type, Code}, -1 (or nothing) for all.
    for (auto [property, key] : {std::pair{"Type", "icmp_type"}, std::pair{"Code", "icmp_code"}}) {
      const CfnValue* v = icmp->Find(property);
      if (v == nullptr || v->IsNull() || ParseInt(v->text()) == -1) continue;
      if (auto node = ScalarOf(res, *v)) rule.Set(key, std::move(*node));
    }
  }
  rule.Set("cidr", std::move(*cidr));
  RuleLists& lists = acl_rules_[acl_id->text];
  (egress ? lists.egress : lists.ingress).push_back(std::move(rule));
}

std::optional<GenNode> Mapper::SgRule(const Res& res, const CfnValue& rule, bool egress,
                                      const std::string& ignore_suffix) {
  if (!rule.IsMap()) {
    Error(res, rule, "expected a rule (a mapping), got " + rule.Describe());
    return std::nullopt;
  }
  auto get = [&](const char* key) -> const CfnValue* {
    const CfnValue* v = rule.Find(key);
    return v != nullptr && !v->IsNull() ? v : nullptr;
  };
  const CfnValue* protocol = get("IpProtocol");
  if (protocol == nullptr) {
    Error(res, rule, "missing required property 'IpProtocol'");
    return std::nullopt;
  }
  std::string protocol_text = Lower(protocol->text());
  if (protocol_text == "icmpv6" || protocol_text == "58" || get("CidrIpv6")) {
    ipv6_rules_.push_back(ignore_suffix);
    return std::nullopt;
  }
  const char* group_key = egress ? "DestinationSecurityGroupId" : "SourceSecurityGroupId";
  const char* list_key = egress ? "DestinationPrefixListId" : "SourcePrefixListId";
  // A group of the default VPC may name its source by name (its `Ref`), vpcreach's id for it.
  std::vector<std::pair<const char*, const char*>> peers = {{"CidrIp", "cidr"},
                                                            {group_key, "security_group"},
                                                            {"SourceSecurityGroupName", nullptr},
                                                            {list_key, "prefix_list"}};
  const CfnValue* peer = nullptr;
  const char* peer_key = nullptr;
  for (const auto& [property, key] : peers) {
    if (key == nullptr && egress) continue;  // names are for ingress rules only
    if (const CfnValue* v = get(property); v && peer == nullptr) {
      peer = v;
      peer_key = key != nullptr ? key : "security_group";
    }
  }
  if (peer == nullptr) {
    Error(res, rule,
          std::string("missing the peer; give one of CidrIp, ") + group_key + ", " + list_key);
    return std::nullopt;
  }
  auto protocol_node = ScalarOf(res, *protocol);
  auto peer_node = ScalarOf(res, *peer);
  if (!protocol_node || !peer_node) return std::nullopt;
  if (peer == get("SourceSecurityGroupName")) {
    if (!NamedGroupOfDefaultVpc(res, *peer, group_key)) return std::nullopt;
    // `default` is the default VPC's default group.
    if (peer_node->text == "default") {
      peer_node->text = default_vpc_.DefaultSecurityGroup(peer_node->origin);
    }
  }
  if (ipv6_prefix_lists_.count(peer_node->text)) {
    ipv6_rules_.push_back(ignore_suffix);
    return std::nullopt;
  }
  protocol_node->text = protocol_text;
  GenNode out = GenNode::Map(OriginOf(res, rule));
  out.Set("protocol", *protocol_node);
  auto parsed = ParseProtocol(protocol_text);
  const CfnValue* from = get("FromPort");
  const CfnValue* to = get("ToPort");
  if (parsed && HasPorts(*parsed) && (from || to)) {
    // -1 (or nothing) means every port.
    auto port = [&](const CfnValue* v, const char* fallback) -> std::string {
      if (v == nullptr) return fallback;
      auto n = ParseInt(v->text());
      return n && *n == -1 ? fallback : v->text();
    };
    std::string range = port(from, "0") + "-" + port(to, "65535");
    if (range != "0-65535") {
      out.Set("ports", GenNode::Scalar(range, OriginOf(res, from != nullptr ? *from : *to)));
    }
  }
  if (parsed && *parsed == kIcmp) {
    // For ICMP, FromPort is the type and ToPort the code; -1 (or nothing) means all.
    for (auto [v, key] : {std::pair{from, "icmp_type"}, std::pair{to, "icmp_code"}}) {
      if (v == nullptr || ParseInt(v->text()) == -1) continue;
      if (auto node = ScalarOf(res, *v)) out.Set(key, std::move(*node));
    }
  }
  out.Set(peer_key, std::move(*peer_node));
  return out;
}

std::string Mapper::SubnetVpc(const std::string& id) {
  if (default_vpc_.IsDefaultSubnet(id)) return default_vpc_.id();
  if (GenNode* subnet = Component("subnets", id)) {
    GenNode* vpc = subnet->Find("vpc");
    return vpc != nullptr && vpc->kind == GenNode::Kind::kScalar ? vpc->text : "";
  }
  auto it = scenario_.subnet_vpcs.find(id);
  return it == scenario_.subnet_vpcs.end() ? "" : it->second;
}

void Mapper::PlaceGroupsWithoutVpc() {
  if (groups_without_vpc_.empty()) return;
  // group -> the VPCs of the subnets of the interfaces that carry it, and the first carrier.
  std::map<std::string, std::set<std::string>> vpcs;
  std::map<std::string, std::string> carrier;
  auto visit = [&](auto& self, GenNode& node, const std::string& component) -> void {
    for (GenNode& item : node.items) self(self, item, component);
    for (auto& [key, value] : node.entries) self(self, value, component);
    GenNode* groups = node.kind == GenNode::Kind::kMap ? node.Find("security_groups") : nullptr;
    if (groups == nullptr) return;
    std::vector<std::string> subnets;
    if (GenNode* s = node.Find("subnet"); s != nullptr && s->kind == GenNode::Kind::kScalar) {
      subnets.push_back(s->text);
    }
    if (GenNode* s = node.Find("subnets")) {
      for (const GenNode& item : s->items) subnets.push_back(item.text);
    }
    for (const GenNode& group : groups->items) {
      if (!groups_without_vpc_.count(group.text)) continue;
      carrier.emplace(group.text, component);
      for (const std::string& subnet : subnets) vpcs[group.text].insert(SubnetVpc(subnet));
    }
  };
  for (auto& [name, section] : sections_) {
    for (auto& [id, node] : section.components) visit(visit, node, id);
  }
  // A group that guards no interface: the VPCs of the groups its rules name.
  for (const std::string& id : groups_without_vpc_) {
    if (carrier.count(id)) continue;
    const RuleLists& rules = sg_rules_[id];
    for (const std::vector<GenNode>* list : {&rules.ingress, &rules.egress}) {
      for (const GenNode& rule : *list) {
        for (const auto& [key, peer] : rule.entries) {
          if (key != "security_group" || groups_without_vpc_.count(peer.text)) continue;
          GenNode* peer_group = Component("security_groups", peer.text);
          GenNode* vpc = peer_group != nullptr ? peer_group->Find("vpc") : nullptr;
          if (vpc == nullptr) continue;
          carrier.emplace(id, "its rule naming group " + peer.text);
          vpcs[id].insert(vpc->text);
        }
      }
    }
  }
  for (const std::string& id : groups_without_vpc_) {
    const Res& res = *FindResource(id);
    GenNode* group = Component("security_groups", id);
    const std::set<std::string>& found = vpcs[id];
    if (found.size() == 1 && !found.begin()->empty() && *found.begin() != default_vpc_.id()) {
      // Written for a default VPC and deployed in another: AWS refuses a group on interfaces
      // (or naming groups) of another VPC, so the deployment the scenario describes has it there.
      const std::string& vpc = *found.begin();
      group->Set("vpc", GenNode::Scalar(vpc, OriginOf(res)));
      if (!res.quiet) {
        sink_->push_back(Warning(
            res.r->location, res.Path(),
            "security group " + id + " has no VpcId, so AWS creates it in the default VPC, but " +
                carrier[id] + " puts it in vpc " + vpc +
                ", which AWS refuses (a group, the interfaces it guards and the groups it names "
                "share a VPC); vpcreach places the group in " +
                vpc + ": give it VpcId, or deploy in the default VPC"));
      }
      continue;
    }
    group->Set("vpc", GenNode::Scalar(default_vpc_.Vpc(OriginOf(res)), OriginOf(res)));
  }
}

bool Mapper::NamedGroupOfDefaultVpc(const Res& res, const CfnValue& name, const char* id_property) {
  auto it = by_id_.find(name.text());
  if (it == by_id_.end() || it->second->type() != kSecurityGroup || !it->second->Prop("VpcId")) {
    return true;
  }
  Error(res, name,
        "security group " + name.text() +
            " is in a VPC of its own (VpcId); AWS names only the default VPC's groups by name: "
            "give its id (" +
            id_property + ")");
  return false;
}

void Mapper::MapStandaloneRule(const Res& res, bool egress) {
  // A group of the default VPC may be given by its name (its `Ref`), vpcreach's id for it.
  const char* key = !res.Prop("GroupId") && res.Prop("GroupName") ? "GroupName" : "GroupId";
  const CfnValue* group = res.Prop(key);
  if (group != nullptr && std::string(key) == "GroupName" && group->text() == "default") {
    Error(res, *group,
          "vpcreach cannot add rules to the default security group of vpc " +
              default_vpc_.Vpc(OriginOf(res, *group)) + " yet; give the rule its own group");
    return;
  }
  if (group != nullptr && default_sg_vpc_.count(group->text())) {
    Error(res, *group,
          "vpcreach cannot add rules to the default security group of vpc " +
              default_sg_vpc_[group->text()] + " yet; give the rule its own group");
    return;
  }
  if (group != nullptr && std::string(key) == "GroupName" &&
      !NamedGroupOfDefaultVpc(res, *group, "GroupId")) {
    return;
  }
  auto target = StackReference(res, key, kSecurityGroup, "security group");
  auto rule = SgRule(res, res.r->properties, egress, "");
  if (!ipv6_rules_.empty()) {
    ipv6_rules_.clear();
    IgnoreIpv6(res, "", true);  // an egress one still replaces the allow-all rule below
  }
  if (!target) return;
  RuleLists& rules = sg_rules_[target->first.text];
  // CloudFormation revokes the allow-all egress rule before it adds a standalone one.
  if (egress) rules.egress_replaced = true;
  if (rule) (egress ? rules.egress : rules.ingress).push_back(std::move(*rule));
}

void Mapper::MapEipAssociation(const Res& res, const CfnValue* allocation, const CfnValue* instance,
                               const CfnValue* interface) {
  std::string eni;
  const CfnValue* at = instance != nullptr ? instance : interface;
  if (at == nullptr) {
    Ignore(res, "not associated with an instance or ENI");
    return;
  }
  if (!ScalarOf(res, *at)) return;
  if (instance != nullptr && workloads_.HasInstance(at->text())) {
    std::string address = allocation != nullptr ? EipAddress(*allocation) : public_ip_(res.id);
    workloads_.SetInstancePublicIp(at->text(), GenNode::Scalar(address, OriginOf(res, *at)));
    return;
  }
  eni = instance != nullptr && instance_eni_.count(at->text()) ? instance_eni_[at->text()]
                                                               : at->text();
  GenNode* component = Component("enis", eni);
  if (component == nullptr) {
    if (!unmapped_.count(at->text())) {
      Error(res, *at, "'" + at->text() + "' is not an instance or ENI of the scenario's stacks");
    }
    return;
  }
  std::string address = allocation != nullptr ? EipAddress(*allocation) : public_ip_(res.id);
  component->Set("public_ip", GenNode::Scalar(address, OriginOf(res, *at)));
}

// --- Writing ------------------------------------------------------------------------------

void Mapper::Finish(StackScenario* out) {
  for (const Res& res : resources_) {
    if (res.type() != kInternetGateway) continue;
    auto it = attached_vpc_.find(res.id);
    if (it == attached_vpc_.end()) {
      Ignore(res, "not attached to a VPC");
      continue;
    }
    Add("internet_gateways", res).Set("vpc", it->second);
  }
  for (EdgeAssociation& edge : edge_associations_) {
    auto gateway = by_id_.find(edge.gateway.text);
    if (gateway != by_id_.end() && gateway->second->type() == kInternetGateway &&
        !attached_vpc_.count(edge.gateway.text)) {
      Error(*edge.res, *edge.res->Prop("GatewayId"),
            "internet gateway " + edge.gateway.text +
                " is attached to no VPC (no AWS::EC2::VPCGatewayAttachment names it); attach it "
                "before associating a route table with it");
      continue;
    }
    if (GenNode* table = Component("route_tables", edge.table)) {
      table->Set("gateway", std::move(edge.gateway));
    }
  }
  workloads_.Finish();
  PlaceGroupsWithoutVpc();
  auto set_list = [](GenNode* component, const char* key, std::vector<GenNode>& items,
                     bool even_empty) {
    if (component == nullptr || (items.empty() && !even_empty)) return;
    LineOrigin origin = items.empty() ? component->origin : items.front().origin;
    GenNode list = GenNode::List(origin);
    list.items = std::move(items);
    component->Set(key, std::move(list));
  };
  for (auto& [table, routes] : routes_) {
    set_list(Component("route_tables", table), "routes", routes, false);
  }
  for (auto& [acl, rules] : acl_rules_) {
    set_list(Component("network_acls", acl), "ingress", rules.ingress, false);
    set_list(Component("network_acls", acl), "egress", rules.egress, false);
  }
  for (auto& [group, rules] : sg_rules_) {
    GenNode* component = Component("security_groups", group);
    set_list(component, "ingress", rules.ingress, false);
    // No `egress` key keeps AWS's allow-all rule; an empty list removes it.
    set_list(component, "egress", rules.egress, rules.egress_replaced);
  }

  if (auto declaration = default_vpc_.Declaration()) {
    // The region's default VPC, which the loader completes (model/default_vpc.h).
    const auto& [id, origin] = *declaration;
    AddWithId("vpcs", id, origin).Set("default", GenNode::Scalar("true", origin));
  }

  GenNode root = GenNode::Map(LineOrigin{});
  root.Set("vpcreach", GenNode::Scalar("1", LineOrigin{}));
  auto section_node = [&](const std::string& name) -> std::optional<GenNode> {
    auto it = sections_.find(name);
    if (it == sections_.end() || it->second.components.empty()) return std::nullopt;
    GenNode node = GenNode::Map(LineOrigin{});
    node.entries = std::move(it->second.components);
    return node;
  };
  for (const char* name :
       {"vpcs", "peering_connections", "internet_gateways", "subnets", "route_tables",
        "transit_gateways", "transit_gateway_route_tables", "transit_gateway_attachments",
        "vpn_gateways", "customer_gateways", "vpn_connections", "nat_gateways", "vpc_endpoints",
        "network_acls", "security_groups", "enis", "prefix_lists", "workloads", "target_groups"}) {
    if (auto node = section_node(name)) root.Set(name, std::move(*node));
  }
  if (auto notebooks = section_node("notebook_instances")) {
    GenNode sagemaker = GenNode::Map(LineOrigin{});
    sagemaker.Set("notebook_instances", std::move(*notebooks));
    root.Set("sagemaker", std::move(sagemaker));
  }
  WriteScenario(root, out);
  out->ignored = std::move(ignored_);
}

}  // namespace

StackScenario MapStacks(const std::vector<StackToMap>& stacks, const std::string& region,
                        const ScenarioNetwork& scenario, const PublicIpSource& public_ip,
                        std::vector<Diagnostic>* sink) {
  return Mapper(region, scenario, public_ip, sink).Run(stacks);
}

}  // namespace vpcreach::cfn
