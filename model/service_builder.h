// Builds the Model's services: the built-in catalog of the scenario's region (model/catalog.h),
// completed and overridden by the `services:` sections of the scenario files.
//
// A scenario service replaces the catalog entry of the same name (its CIDRs, and its ports when it
// writes them) or adds a new one; `s3` and `dynamodb` keep their gateway endpoint either way. A
// service defined twice (in one file or across files) is reported at the second definition.
// Runs first among the builders: prefix lists and gateway endpoints read the services.
#ifndef VPCREACH_MODEL_SERVICE_BUILDER_H_
#define VPCREACH_MODEL_SERVICE_BUILDER_H_

#include <utility>
#include <vector>

#include "model/build_context.h"
#include "model/yaml_reader.h"

namespace vpcreach {

// Sets `model().services` from the region's catalog and `sections`, the `services:` fields of the
// files in order with the reader of each.
void BuildServices(BuildContext& context,
                   const std::vector<std::pair<YamlReader*, YamlField>>& sections);

}  // namespace vpcreach

#endif  // VPCREACH_MODEL_SERVICE_BUILDER_H_
