// Builds the Model's route tables and their routes.
//
// In two steps, because a route may target any internet gateway, NAT gateway or ENI, including the
// ENIs vpcreach creates for interface endpoints, and gateway endpoints add routes of their own:
// BuildRouteTables makes the tables (the written ones, then a synthesized main table `<vpc>-main`
// for each VPC that marks none as `main: true`) and gives every table the implicit local route of
// each block of its VPC; BuildRoutes, last among the builders, reads the written `routes:`.
// A route repeating a destination of its table (written, local or a gateway endpoint's) is
// reported and left out, as is a route whose target is unknown or in another VPC, except that a
// route for a VPC block to a middlebox (an ENI or a NAT gateway) replaces that block's local
// route, as AWS allows. A route inside a VPC block (more specific than local) must target a
// middlebox (or `local`) and cover exactly one subnet's CIDR, else it is reported: CreateRoute
// refuses it.
#ifndef VPCREACH_MODEL_ROUTE_BUILDER_H_
#define VPCREACH_MODEL_ROUTE_BUILDER_H_

#include <optional>
#include <vector>

#include "model/build_context.h"
#include "model/yaml_reader.h"

namespace vpcreach {

// What BuildRoutes reads of each written route table, by table index: its `routes:` and its
// `gateway:` (the edge association), and what PropagateVpnRoutes reads, its `propagating_vgws:`;
// nullopt where not written.
struct WrittenRouteTable {
  std::optional<YamlField> routes;
  std::optional<YamlField> gateway;
  std::optional<YamlField> propagating_vgws;
};
using WrittenRoutes = std::vector<WrittenRouteTable>;

// After BuildVpcs and BuildInternetGateways: a table's `gateway:` (ingress routing) associates
// it with an internet gateway of its VPC, one table per gateway. Returns what BuildRoutes reads.
WrittenRoutes BuildRouteTables(BuildContext& context);

// After every component a route can target exists and gateway endpoints have added their routes.
// Also reports a gateway route table that a subnet uses as the VPC's main table. The routes of a
// gateway route table follow AWS's rules for them: destinations inside the VPC only (a whole
// block, replacing its local route's target, or a subnet's CIDR), targets local or an ENI.
void BuildRoutes(BuildContext& context, const WrittenRoutes& routes);

}  // namespace vpcreach

#endif  // VPCREACH_MODEL_ROUTE_BUILDER_H_
