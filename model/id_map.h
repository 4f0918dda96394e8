// `diff --map FILE`: which AWS resource each component of a design is, for comparing a design with
// a deployed estate (sim/query/design_match.h).
//
// Two formats, told apart by content:
// - vpcreach's own: a YAML (or JSON) mapping of design names to AWS ids, one per component:
//     vpc-fnd316/VPC: vpc-0a1b2c3d
//     web: i-0abc
// - what `aws cloudformation describe-stack-resources --stack-name S --output json` prints:
//   {"StackResources": [{"StackName", "LogicalResourceId", "PhysicalResourceId", ...}]}; each
//   resource maps the design name `StackName/LogicalResourceId` to its PhysicalResourceId.
//   Resources without a PhysicalResourceId (not created yet, or failed) map nothing.
//
// Invariants of a read map: design names are unique, and so are AWS ids (one AWS resource is one
// design component). Every problem is a located error (file:line:column, the key's path, what to
// change); a map with any error is refused whole.
#ifndef VPCREACH_MODEL_ID_MAP_H_
#define VPCREACH_MODEL_ID_MAP_H_

#include <optional>
#include <string>
#include <vector>

#include "model/diagnostics.h"

namespace vpcreach {

struct IdMapEntry {
  std::string design_name;
  std::string aws_id;
  SourceLocation location;  // of the design name (native) or of the StackResources element
  std::string path;         // its key path: "web", "StackResources[3]"
  // From describe-stack-resources: the stack lists resources a design need not model (IAM
  // roles, log groups), so a name the design lacks is no error.
  bool from_stack = false;
};

struct IdMap {
  std::vector<IdMapEntry> entries;  // in file order
};

// Reads `path`; nullopt after adding the errors to `diagnostics` (which also gets the file's text,
// to echo lines).
std::optional<IdMap> ReadIdMap(const std::string& path, Diagnostics* diagnostics);

// The same, from text already read (tests, and the reader above).
std::optional<IdMap> ParseIdMap(const std::string& path, const std::string& text,
                                Diagnostics* diagnostics);

}  // namespace vpcreach

#endif  // VPCREACH_MODEL_ID_MAP_H_
