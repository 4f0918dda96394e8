#include "model/network_builder.h"

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "model/catalog.h"
#include "model/default_vpc.h"
#include "model/ip_ranges.h"
#include "model/loader_messages.h"
#include "model/managed_prefix_lists.h"

namespace vpcreach {
namespace {

constexpr int kMinBlockLength = 16;  // AWS's limits for VPC and subnet blocks
constexpr int kMaxBlockLength = 28;

// A VPC or subnet block; `what` is "a VPC" or "a subnet".
std::optional<Cidr> ReadBlock(BuildContext& context, YamlReader& r, const YamlField& field,
                              const char* what) {
  auto cidr = r.CidrValue(field);
  if (cidr && (cidr->length < kMinBlockLength || cidr->length > kMaxBlockLength)) {
    context.Error(field, std::string(what) + " CIDR must be between /16 and /28, got /" +
                             std::to_string(cidr->length));
    return std::nullopt;
  }
  return cidr;
}

}  // namespace

void BuildVpcs(BuildContext& context) {
  Model& model = context.model();
  for (const WrittenComponent& w : context.components().Written(ComponentKind::kVpc)) {
    YamlReader& r = *w.reader;
    Index index = model.vpcs.size();
    Vpc& vpc = AddWritten(&model.vpcs, w);
    YamlMap m(r, w.body, {"cidr", "cidrs", "flow_logs", "default", "deployed"});
    auto cidr = m.Get("cidr");
    auto cidrs = m.Get("cidrs");
    auto is_default = m.Get("default");
    bool wants_default = is_default && r.Bool(*is_default).value_or(false);
    std::vector<YamlField> blocks;
    if (cidr && cidrs) {
      context.Error(m.KeyLocation("cidrs"), cidrs->path, "give either cidr or cidrs, not both");
    } else if (cidr) {
      blocks.push_back(*cidr);
    } else if (cidrs) {
      auto items = r.List(*cidrs);
      if (items && items->empty()) context.Error(*cidrs, "a VPC needs at least one CIDR");
      blocks = items.value_or(std::vector<YamlField>{});
    } else if (!wants_default) {  // the default VPC's block is AWS's
      m.Require("cidr");
    }
    for (const YamlField& f : blocks) {
      auto block = ReadBlock(context, r, f, "a VPC");
      if (!block) continue;
      auto overlap = std::find_if(vpc.cidrs.begin(), vpc.cidrs.end(),
                                  [&](const Cidr& c) { return c.Overlaps(*block); });
      if (overlap != vpc.cidrs.end()) {
        context.Error(f,
                      block->ToString() + " overlaps " + overlap->ToString() + " of the same vpc");
        continue;
      }
      vpc.cidrs.push_back(*block);
    }
    if (auto f = m.Get("flow_logs")) vpc.flow_logs = r.Bool(*f).value_or(false);
    if (auto f = m.Get("deployed")) vpc.deployed = r.Bool(*f).value_or(false);
    if (wants_default) {
      MakeDefaultVpc(context, *is_default,
                     blocks.empty() ? std::nullopt : std::optional<YamlField>(blocks.front()),
                     index);
    }
  }
}

void BuildPrefixLists(BuildContext& context) {
  Model& model = context.model();
  ComponentIndex& components = context.components();
  for (const WrittenComponent& w : components.Written(ComponentKind::kPrefixList)) {
    YamlReader& r = *w.reader;
    PrefixList& list = AddWritten(&model.prefix_lists, w);
    YamlMap m(r, w.body, {"cidrs", "aws_managed"});
    if (auto managed = m.Get("aws_managed")) {
      // An AWS-managed list by its name, filled from the ip-ranges.json snapshot.
      if (auto cidrs = m.Get("cidrs")) {
        context.Error(m.KeyLocation("cidrs"), cidrs->path,
                      "give either cidrs or aws_managed, not both: an AWS-managed prefix list's "
                      "entries are AWS's");
      }
      auto name = r.String(*managed);
      if (!name) continue;
      std::string error;
      std::optional<ManagedPrefixList> found =
          FindManagedPrefixList(*name, model.region, ActiveIpRanges(), &error);
      if (!found) {
        context.Error(*managed, error);
        continue;
      }
      list.cidrs = found->cidrs;
      list.aws_managed = true;
      continue;
    }
    if (auto f = m.Require("cidrs")) {
      for (const YamlField& item : r.List(*f).value_or(std::vector<YamlField>{})) {
        if (auto c = r.CidrValue(item)) list.cidrs.push_back(*c);
      }
    }
  }
  for (const Service& s : model.services) {
    if (!s.has_gateway_endpoint) continue;
    PrefixList& list = model.prefix_lists.emplace_back();
    list.id = "pl-" + s.name;
    list.cidrs = s.cidrs;
    list.aws_managed = true;
    list.location = s.location;
    components.AddSynthesized(ComponentKind::kPrefixList, list.id, model.prefix_lists.size() - 1,
                              "the AWS-managed prefix list of " + s.name);
  }
}

void BuildInternetGateways(BuildContext& context) {
  Model& model = context.model();
  ComponentIndex& components = context.components();
  for (const WrittenComponent& w : components.Written(ComponentKind::kInternetGateway)) {
    YamlReader& r = *w.reader;
    Index index = model.internet_gateways.size();
    InternetGateway& igw = AddWritten(&model.internet_gateways, w);
    YamlMap m(r, w.body, {"vpc"});
    auto f = m.Require("vpc");
    if (!f) continue;
    igw.vpc = components.Resolve(ComponentKind::kVpc, r, *f);
    if (igw.vpc == kNone) continue;
    Vpc& vpc = model.vpcs[igw.vpc];
    if (vpc.internet_gateway != kNone) {
      context.Error(*f, "vpc " + vpc.id + " already has internet gateway " +
                            model.internet_gateways[vpc.internet_gateway].id +
                            "; a vpc takes one internet gateway");
    } else {
      vpc.internet_gateway = index;
    }
  }
}

void BuildSubnets(BuildContext& context) {
  Model& model = context.model();
  ComponentIndex& components = context.components();
  for (const WrittenComponent& w : components.Written(ComponentKind::kSubnet)) {
    YamlReader& r = *w.reader;
    Index index = model.subnets.size();
    Subnet& subnet = AddWritten(&model.subnets, w);
    context.SetSubnetHasCidr(index, false);
    YamlMap m(r, w.body,
              {"cidr", "vpc", "az", "route_table", "network_acl", "map_public_ip_on_launch"});
    if (auto f = m.Require("vpc")) subnet.vpc = components.Resolve(ComponentKind::kVpc, r, *f);
    if (auto f = m.Require("cidr")) {
      auto cidr = ReadBlock(context, r, *f, "a subnet");
      if (cidr && subnet.vpc != kNone) {
        const Vpc& vpc = model.vpcs[subnet.vpc];
        bool inside = std::any_of(vpc.cidrs.begin(), vpc.cidrs.end(),
                                  [&](const Cidr& c) { return c.Contains(*cidr); });
        if (!inside && !vpc.cidrs.empty()) {
          context.Error(*f, cidr->ToString() + " is not inside vpc " + vpc.id + " (" +
                                JoinCidrs(vpc.cidrs) + ")");
          cidr.reset();
        }
      }
      if (auto taken = cidr ? OverlappedDefaultSubnet(model, subnet.vpc, *cidr) : std::nullopt) {
        context.Error(*f, cidr->ToString() + " overlaps default subnet " + taken->id + " (" +
                              taken->block.ToString() + "); " + taken->hint);
        cidr.reset();
      }
      for (Index other = 0; cidr && other < index; ++other) {
        const Subnet& o = model.subnets[other];
        if (context.SubnetHasCidr(other) && o.vpc == subnet.vpc && o.cidr.Overlaps(*cidr)) {
          context.Error(
              *f, cidr->ToString() + " overlaps subnet " + o.id + " (" + o.cidr.ToString() + ")");
          cidr.reset();
        }
      }
      subnet.cidr = cidr.value_or(Cidr{});
      context.SetSubnetHasCidr(index, cidr.has_value());
    }
    if (auto f = m.Require("az")) {
      if (auto az = r.String(*f)) {
        std::vector<std::string> zones = AvailabilityZones(model.region);
        std::string letters = AvailabilityZoneLetters(model.region);
        if (az->size() == 1 && letters.find((*az)[0]) != std::string::npos) {
          subnet.az = model.region + *az;
        } else if (std::find(zones.begin(), zones.end(), *az) != zones.end()) {
          subnet.az = *az;
        } else {
          std::string short_names;
          for (size_t i = 0; i < letters.size(); ++i) {
            short_names += (i == 0 ? "" : i + 1 == letters.size() ? " or " : ", ") +
                           std::string(1, letters[i]);
          }
          context.Error(*f, "expected an availability zone of " + model.region + ": " +
                                DescribeAvailabilityZones(model.region) + " (or its letter, " +
                                short_names + "), got '" + *az + "'");
        }
      }
    }
    if (auto f = m.Get("map_public_ip_on_launch")) {
      subnet.map_public_ip_on_launch = r.Bool(*f).value_or(false);
    }
    Index vpc = subnet.vpc;
    if (auto f = m.Get("route_table")) {
      Index table = components.Resolve(ComponentKind::kRouteTable, r, *f);
      if (table != kNone && model.route_tables[table].edge_gateway != kNone) {
        const RouteTable& edge = model.route_tables[table];
        const std::string& igw = model.internet_gateways[edge.edge_gateway].id;
        context.Error(
            *f, "route table " + edge.id + " is the gateway route table of internet gateway " +
                    igw + "; AWS associates a gateway route table with no subnet: give subnet " +
                    subnet.id + " a table of its own");
      } else if (components.SameVpc(*f, ComponentKind::kRouteTable, table, vpc)) {
        subnet.route_table = table;
      }
    } else if (vpc != kNone) {
      subnet.route_table = model.vpcs[vpc].main_route_table;
    }
    if (auto f = m.Get("network_acl")) {
      Index acl = components.Resolve(ComponentKind::kNetworkAcl, r, *f);
      if (components.SameVpc(*f, ComponentKind::kNetworkAcl, acl, vpc)) subnet.network_acl = acl;
    } else if (vpc != kNone) {
      subnet.network_acl = model.vpcs[vpc].default_network_acl;
    }
  }
}

void BuildNatGateways(BuildContext& context) {
  Model& model = context.model();
  ComponentIndex& components = context.components();
  for (const WrittenComponent& w : components.Written(ComponentKind::kNatGateway)) {
    YamlReader& r = *w.reader;
    Index index = model.nat_gateways.size();
    NatGateway& nat = AddWritten(&model.nat_gateways, w);
    YamlMap m(r, w.body, {"subnet", "connectivity", "public_ip", "private_ip"});
    if (auto f = m.Require("subnet")) {
      nat.subnet = components.Resolve(ComponentKind::kSubnet, r, *f);
    }
    bool known = true;  // the connectivity is public or private
    if (auto f = m.Get("connectivity")) {
      auto connectivity = r.String(*f);
      known = connectivity == "public" || connectivity == "private";
      if (connectivity && !known) {
        context.Error(*f, "expected public or private, got '" + *connectivity + "'");
      }
      nat.is_private = connectivity == "private";
    }
    if (nat.is_private) {
      // A private NAT gateway translates to its private address only: it has no Elastic IP.
      if (auto f = m.Get("public_ip")) {
        context.Error(*f,
                      "a private NAT gateway has no public address; remove public_ip, or "
                      "make the gateway public (connectivity: public)");
      }
    } else if (known) {  // (with an unknown connectivity, whether an address is due is unknown)
      if (auto f = m.Require("public_ip")) {
        nat.public_ip = context.ReadPublicIp(r, *f, "NAT gateway " + nat.id).value_or(0);
      }
    }
    AddressPlan::Request request{
        true, index, nat.subnet, std::nullopt, nat.location, w.key.path, "NAT gateway " + nat.id};
    if (!context.ReadPrivateIp(r, m, &request)) continue;
    context.RequestAddress(AddressPlan::kNatGateway, request);
  }
}

}  // namespace vpcreach
