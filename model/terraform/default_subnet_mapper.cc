#include "model/terraform/default_subnet_mapper.h"

#include <algorithm>

#include "model/availability_zones.h"
#include "model/default_vpc.h"
#include "model/ip.h"

namespace vpcreach::tf {
namespace {

// The default VPC the subnet belongs to: the one its vpc_id names, else the document's only one.
const Resource* DefaultVpcOf(const MapperContext& c, const Resource& r) {
  Tie tie = c.ties().Resolve(r, "vpc_id", {"aws_default_vpc"});
  if (tie.found.size() == 1) return tie.found.front();
  const Resource* only = nullptr;
  for (const Resource& v : c.doc().resources()) {
    if (v.type != "aws_default_vpc") continue;
    if (only != nullptr) return nullptr;
    only = &v;
  }
  return only;
}

void MapDefaultSubnet(MapperContext& c, const Resource& r) {
  const Resource* vpc = DefaultVpcOf(c, r);
  if (vpc == nullptr) {
    c.Ignore(r,
             "its default VPC is not in this Terraform document (declare it with "
             "aws_default_vpc): the routes and gateways around the subnet are not known",
             true);
    return;
  }
  auto az = c.Known(r, "availability_zone");
  if (!az) {
    c.Error(c.At(r, "availability_zone"),
            r.address +
                ": its availability_zone is unknown until apply; a default subnet is "
                "the one of a zone: plan it with a literal availability_zone");
    return;
  }
  GenNode& subnet = c.Add("subnets", r);
  subnet.Set("vpc", GenNode::Scalar(vpc->address, MapperContext::OriginOf(r)));
  if (auto cidr = c.Known(r, "cidr_block")) {
    subnet.Set("cidr", std::move(*cidr));
  } else {
    std::vector<std::string> zones = AvailabilityZones(c.region());
    auto zone = std::find(zones.begin(), zones.end(), az->text);
    if (zone == zones.end()) {
      c.Error(c.At(r, "availability_zone"), r.address + ": " + az->text +
                                                " is not an availability zone of " + c.region() +
                                                " (" + DescribeAvailabilityZones(c.region()) + ")");
      return;
    }
    subnet.Set("cidr", GenNode::Scalar(
                           DefaultSubnetBlock(static_cast<size_t>(zone - zones.begin())).ToString(),
                           az->origin));
  }
  subnet.Set("az", std::move(*az));
  const CfnValue* map = r.Value("map_public_ip_on_launch");
  subnet.Set("map_public_ip_on_launch",
             GenNode::Scalar(map == nullptr || IsTrue(map) ? "true" : "false",
                             MapperContext::OriginOf(map != nullptr ? *map : *r.node)));
}

}  // namespace

void MapDefaultSubnets(MapperContext& c) {
  for (const Resource& r : c.doc().resources()) {
    if (r.type == "aws_default_subnet") MapDefaultSubnet(c, r);
  }
}

}  // namespace vpcreach::tf
