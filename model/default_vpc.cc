#include "model/default_vpc.h"

#include <vector>

#include "model/catalog.h"
#include "model/loader_messages.h"

namespace vpcreach {
namespace {

Cidr DefaultBlock() { return *ParseCidr(kDefaultVpcBlock); }

// The index of the default VPC, or kNone.
Index FindDefaultVpc(const Model& model) {
  for (Index v = 0; v < model.vpcs.size(); ++v) {
    if (model.vpcs[v].is_default) return v;
  }
  return kNone;
}

}  // namespace

std::string DefaultSubnetId(const std::string& vpc, const std::string& az) {
  return vpc + "-" + az;
}

std::string DefaultInternetGatewayId(const std::string& vpc) { return vpc + "-igw"; }

Cidr DefaultSubnetBlock(size_t zone) {
  Cidr block = DefaultBlock();
  block.base += static_cast<Ipv4>(zone) << (32 - kDefaultSubnetLength);
  block.length = kDefaultSubnetLength;
  return block;
}

std::optional<std::string> WrittenDefaultVpc(const ComponentIndex& components) {
  for (const WrittenComponent& w : components.Written(ComponentKind::kVpc)) {
    // A reader of its own: BuildVpcs reports this body's problems, once.
    std::vector<Diagnostic> ignored;
    YamlReader quiet(w.reader->file(), &ignored);
    YamlMap m(quiet, w.body);
    auto f = m.Get("default");
    if (f && quiet.Bool(*f).value_or(false)) return w.id;
  }
  return std::nullopt;
}

void MakeDefaultVpc(BuildContext& context, const YamlField& default_field,
                    const std::optional<YamlField>& first_block, Index vpc) {
  Model& model = context.model();
  Vpc& v = model.vpcs[vpc];
  if (Index other = FindDefaultVpc(model); other != kNone) {
    context.Error(default_field, "vpc " + model.vpcs[other].id + " (" +
                                     FormatLocation(model.vpcs[other].location) +
                                     ") is the default VPC of " + model.region +
                                     " already; a region has one default VPC");
    return;
  }
  if (first_block) {
    if (v.cidrs.empty()) return;  // the block was wrong: reported already
    if (v.cidrs.front() != DefaultBlock()) {
      context.Error(*first_block, "the default VPC's block is " + std::string(kDefaultVpcBlock) +
                                      ", as AWS creates it; write " + kDefaultVpcBlock +
                                      " or no block at all, or remove 'default: true' for a "
                                      "VPC of your own");
      return;
    }
  } else {
    v.cidrs = {DefaultBlock()};
  }
  v.is_default = true;
}

std::optional<DefaultSubnetOverlap> OverlappedDefaultSubnet(const Model& model, Index vpc,
                                                            const Cidr& block) {
  if (vpc == kNone || !model.vpcs[vpc].is_default) return std::nullopt;
  std::vector<std::string> zones = AvailabilityZones(model.region);
  for (size_t zone = 0; zone < zones.size(); ++zone) {
    Cidr taken = DefaultSubnetBlock(zone);
    if (!taken.Overlaps(block)) continue;
    Cidr after = DefaultSubnetBlock(zones.size());
    after.length = block.length;
    return DefaultSubnetOverlap{DefaultSubnetId(model.vpcs[vpc].id, zones[zone]), taken,
                                "the default subnets take " + DefaultSubnetBlock(0).ToString() +
                                    " to " + DefaultSubnetBlock(zones.size() - 1).ToString() +
                                    ", one per zone: use a block outside them, such as " +
                                    after.ToString()};
  }
  return std::nullopt;
}

void AddDefaultInternetGateway(BuildContext& context) {
  Model& model = context.model();
  Index vpc = FindDefaultVpc(model);
  if (vpc == kNone || model.vpcs[vpc].internet_gateway != kNone) return;
  Index index = model.internet_gateways.size();
  InternetGateway& igw = model.internet_gateways.emplace_back();
  igw.id = DefaultInternetGatewayId(model.vpcs[vpc].id);
  igw.vpc = vpc;
  igw.synthesized = true;
  igw.location = model.vpcs[vpc].location;
  model.vpcs[vpc].internet_gateway = index;
  context.components().AddSynthesized(ComponentKind::kInternetGateway, igw.id, index,
                                      "the internet gateway of default vpc " + model.vpcs[vpc].id);
}

void AddDefaultRoute(BuildContext& context) {
  Model& model = context.model();
  Index vpc = FindDefaultVpc(model);
  if (vpc == kNone) return;
  const Vpc& v = model.vpcs[vpc];
  RouteTable& main = model.route_tables[v.main_route_table];
  if (!main.synthesized || v.internet_gateway == kNone) return;
  Route to_internet;
  to_internet.destination_cidr = *ParseCidr("0.0.0.0/0");
  to_internet.target = RouteTarget::kInternetGateway;
  to_internet.target_index = v.internet_gateway;
  to_internet.target_id = model.internet_gateways[v.internet_gateway].id;
  to_internet.location = v.location;
  main.routes.push_back(to_internet);
}

void AddDefaultSubnets(BuildContext& context) {
  Model& model = context.model();
  Index vpc = FindDefaultVpc(model);
  if (vpc == kNone) return;
  std::vector<std::string> zones = AvailabilityZones(model.region);
  for (size_t zone = 0; zone < zones.size(); ++zone) {
    const Vpc& v = model.vpcs[vpc];
    Index index = model.subnets.size();
    Subnet& subnet = model.subnets.emplace_back();
    subnet.id = DefaultSubnetId(v.id, zones[zone]);
    subnet.vpc = vpc;
    subnet.cidr = DefaultSubnetBlock(zone);
    subnet.az = zones[zone];
    subnet.route_table = v.main_route_table;
    subnet.network_acl = v.default_network_acl;
    subnet.map_public_ip_on_launch = true;
    subnet.default_for_az = true;
    subnet.location = v.location;
    context.SetSubnetHasCidr(index, true);
    context.components().AddSynthesized(
        ComponentKind::kSubnet, subnet.id, index,
        "the default subnet in " + zones[zone] + " of default vpc " + v.id);
  }
}

}  // namespace vpcreach
