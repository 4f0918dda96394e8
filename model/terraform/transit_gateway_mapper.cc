#include "model/terraform/transit_gateway_mapper.h"

#include <map>
#include <set>
#include <utility>

namespace vpcreach::tf {
namespace {

constexpr const char* kGateway = "aws_ec2_transit_gateway";
constexpr const char* kTable = "aws_ec2_transit_gateway_route_table";
constexpr const char* kVpcAttachment = "aws_ec2_transit_gateway_vpc_attachment";
constexpr const char* kRoute = "aws_ec2_transit_gateway_route";
constexpr const char* kAssociation = "aws_ec2_transit_gateway_route_table_association";
constexpr const char* kPropagation = "aws_ec2_transit_gateway_route_table_propagation";

const std::set<std::string> kTypes = {kGateway, kTable,       kVpcAttachment,
                                      kRoute,   kAssociation, kPropagation};

// Every attachment type a route or association may name; only the VPC's is modelled.
const std::vector<std::string> kAttachmentTypes = {
    kVpcAttachment,
    "aws_ec2_transit_gateway_peering_attachment",
    "aws_ec2_transit_gateway_peering_attachment_accepter",
    "aws_ec2_transit_gateway_vpc_attachment_accepter",
    "aws_ec2_transit_gateway_connect",
    "aws_vpn_connection"};

// "enable" (the default) or "disable".
bool Enabled(const Resource& r, const std::string& key) {
  const CfnValue* v = r.Value(key);
  return v == nullptr || v->text() != "disable";
}

// The route table attribute `key` of `r` names: a table, or a gateway's default table.
std::optional<GenNode> TableOf(MapperContext& c, const Resource& r, const std::string& key) {
  const CfnValue* v = r.Value(key);
  LineOrigin origin = MapperContext::OriginOf(v != nullptr ? *v : *r.node);
  for (const Resource& g : c.doc().resources()) {
    if (g.type != kGateway || v == nullptr) continue;
    for (const char* attribute :
         {"association_default_route_table_id", "propagation_default_route_table_id"}) {
      const CfnValue* id = g.Value(attribute);
      if (id != nullptr && id->text() == v->text()) {
        return GenNode::Scalar(g.address + "-default", origin);
      }
    }
  }
  Tie tie = c.ties().Resolve(r, key, {kTable, kGateway});
  if (tie.found.size() == 1 && tie.found.front()->type == kGateway) {
    return GenNode::Scalar(tie.found.front()->address + "-default", origin);
  }
  return c.TieOne(r, key, {kTable}, "transit gateway route table", true);
}

// The VPC attachment attribute transit_gateway_attachment_id names; nullopt after a diagnostic,
// or (with *other set) when it names an attachment vpcreach does not model.
std::optional<GenNode> AttachmentOf(MapperContext& c, const Resource& r, bool* other) {
  *other = false;
  Tie tie = c.ties().Resolve(r, "transit_gateway_attachment_id", kAttachmentTypes);
  if (tie.found.size() == 1 && tie.found.front()->type != kVpcAttachment) {
    *other = true;
    return std::nullopt;
  }
  return c.TieOne(r, "transit_gateway_attachment_id", {kVpcAttachment},
                  "transit gateway VPC attachment", true);
}

// A VPC attachment: its gateway and whether it takes the gateway's default association and
// propagation (written at the end, once the explicit ones are known).
struct Attachment {
  std::string gateway;
  bool default_association = true;
  bool default_propagation = true;
};

void MapAttachment(MapperContext& c, const Resource& r, std::map<std::string, Attachment>* out) {
  auto tgw = c.TieOne(r, "transit_gateway_id", {kGateway}, "transit gateway", true);
  auto vpc = c.TieOne(r, "vpc_id", kVpcTypes, "VPC", true);
  if (!tgw || !vpc) return;
  Attachment& info = (*out)[r.address];
  info.gateway = tgw->text;
  GenNode& a = c.Add("transit_gateway_attachments", r);
  a.Set("transit_gateway", std::move(*tgw));
  a.Set("vpc", std::move(*vpc));
  GenNode subnets = GenNode::List(MapperContext::OriginOf(c.At(r, "subnet_ids")));
  for (GenNode& s : c.TieMany(r, "subnet_ids", kSubnetTypes, "subnet")) {
    subnets.items.push_back(std::move(s));
  }
  a.Set("subnets", std::move(subnets));
  if (const CfnValue* mode = r.Value("appliance_mode_support")) {
    a.Set("appliance_mode", GenNode::Scalar(mode->text() == "enable" ? "true" : "false",
                                            MapperContext::OriginOf(*mode)));
  }
  const CfnValue* association = r.Value("transit_gateway_default_route_table_association");
  const CfnValue* propagation = r.Value("transit_gateway_default_route_table_propagation");
  info.default_association = association == nullptr || IsTrue(association);
  info.default_propagation = propagation == nullptr || IsTrue(propagation);
}

void MapRoute(MapperContext& c, const Resource& r) {
  auto table = TableOf(c, r, "transit_gateway_route_table_id");
  if (!table) return;
  GenNode* t = c.Component("transit_gateway_route_tables", table->text);
  const CfnValue* destination = r.Value("destination_cidr_block");
  if (destination == nullptr) {
    c.Error(*r.node, r.address +
                         ": its destination_cidr_block is unknown until apply; "
                         "vpcreach needs the route's destination: plan it with a "
                         "literal block");
    return;
  }
  if (destination->text().find(':') != std::string::npos) {
    c.IgnoreIpv6(r, "", true);
    return;
  }
  if (t == nullptr) return;
  GenNode route = GenNode::Map(MapperContext::OriginOf(*destination));
  route.Set("destination", MapperContext::Scalar(*destination));
  bool other = false;
  if (IsTrue(r.Value("blackhole"))) {
    route.Set("blackhole", GenNode::Scalar("true", MapperContext::OriginOf(c.At(r, "blackhole"))));
  } else if (auto attachment = AttachmentOf(c, r, &other)) {
    route.Set("attachment", std::move(*attachment));
  } else if (other) {
    // To an attachment vpcreach does not follow (its warning voids proofs): nothing arrives.
    route.Set("blackhole", GenNode::Scalar("true", MapperContext::OriginOf(r)));
  } else {
    return;
  }
  GenNode* routes = t->Find("routes");
  if (routes == nullptr) routes = &t->Set("routes", GenNode::List(route.origin));
  routes->items.push_back(std::move(route));
}

// An association or a propagation of a VPC attachment with a table.
void MapTableLink(MapperContext& c, const Resource& r) {
  bool other = false;
  auto attachment = AttachmentOf(c, r, &other);
  auto table = TableOf(c, r, "transit_gateway_route_table_id");
  if (other) {
    c.Ignore(r, "it links a transit gateway attachment that vpcreach does not model", false);
    return;
  }
  if (!attachment || !table) return;
  GenNode* a = c.Component("transit_gateway_attachments", attachment->text);
  if (a == nullptr) return;
  if (r.type == kPropagation) {
    GenNode* list = a->Find("propagate_to");
    if (list == nullptr) list = &a->Set("propagate_to", GenNode::List(table->origin));
    list->items.push_back(std::move(*table));
    return;
  }
  if (GenNode* earlier = a->Find("route_table");
      earlier != nullptr && earlier->text != table->text) {
    c.Error(c.At(r, "transit_gateway_route_table_id"),
            r.address + ": attachment " + attachment->text +
                " is already associated with transit gateway route table " + earlier->text +
                "; an attachment is associated with one table");
    return;
  }
  a->Set("route_table", std::move(*table));
}

}  // namespace

bool IsTransitGatewayType(const std::string& type) { return kTypes.count(type) > 0; }

void MapTransitGateways(MapperContext& c) {
  // The default table is written as a table of its own (`<gateway>-default`), which the
  // attachments that take the defaults are associated with and propagate to, so that Terraform's
  // per-attachment opt-outs and static routes in the default table are what the model holds.
  std::map<std::string, std::pair<bool, bool>> defaults;  // gateway -> (association, propagation)
  for (const Resource& r : c.doc().resources()) {
    if (r.type != kGateway) continue;
    GenNode& g = c.Add("transit_gateways", r);
    bool association = Enabled(r, "default_route_table_association");
    bool propagation = Enabled(r, "default_route_table_propagation");
    defaults[r.address] = {association, propagation};
    g.Set("default_route_table_association", GenNode::Scalar("false", MapperContext::OriginOf(r)));
    g.Set("default_route_table_propagation", GenNode::Scalar("false", MapperContext::OriginOf(r)));
    if (association || propagation) {
      c.AddWithId("transit_gateway_route_tables", r.address + "-default",
                  MapperContext::OriginOf(r))
          .Set("transit_gateway", GenNode::Scalar(r.address, MapperContext::OriginOf(r)));
    }
  }
  std::map<std::string, Attachment> attachments;
  for (const Resource& r : c.doc().resources()) {
    if (r.type == kTable) {
      auto tgw = c.TieOne(r, "transit_gateway_id", {kGateway}, "transit gateway", true);
      if (tgw) c.Add("transit_gateway_route_tables", r).Set("transit_gateway", std::move(*tgw));
    } else if (r.type == kVpcAttachment) {
      MapAttachment(c, r, &attachments);
    }
  }
  for (const Resource& r : c.doc().resources()) {
    if (r.type == kRoute) MapRoute(c, r);
    if (r.type == kAssociation || r.type == kPropagation) MapTableLink(c, r);
  }
  for (const auto& [address, info] : attachments) {
    GenNode* a = c.Component("transit_gateway_attachments", address);
    auto [association, propagation] = defaults[info.gateway];
    std::string table = info.gateway + "-default";
    if (association && info.default_association && a->Find("route_table") == nullptr) {
      a->Set("route_table", GenNode::Scalar(table, a->origin));
    }
    if (propagation && info.default_propagation) {
      GenNode* list = a->Find("propagate_to");
      if (list == nullptr) list = &a->Set("propagate_to", GenNode::List(a->origin));
      bool listed = false;
      for (const GenNode& item : list->items) listed |= item.text == table;
      if (!listed) list->items.push_back(GenNode::Scalar(table, a->origin));
    }
  }
}

}  // namespace vpcreach::tf
