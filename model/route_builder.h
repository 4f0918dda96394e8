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

// The `routes:` field of each written route table (nullopt where none is written), by table index.
using WrittenRoutes = std::vector<std::optional<YamlField>>;

// After BuildVpcs. Returns the written `routes:` fields, for BuildRoutes.
WrittenRoutes BuildRouteTables(BuildContext& context);

// After every component a route can target exists and gateway endpoints have added their routes.
void BuildRoutes(BuildContext& context, const WrittenRoutes& routes);

}  // namespace vpcreach

#endif  // VPCREACH_MODEL_ROUTE_BUILDER_H_
