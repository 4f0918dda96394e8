// A small YAML tree that remembers where each value came from, and its block-style writer.
//
// The stack mapper (stack_mapper.h) builds the generated scenario as GenNodes and writes it with
// WriteScenario(), which puts at most one value on a line and records each line's LineOrigin, so
// that a diagnostic on a generated line maps back to exactly one template value. Scalars and keys
// are written double-quoted (escaped), so YAML never reinterprets them (`yes`, `0755`, `1e3`).
#ifndef VPCREACH_MODEL_CLOUDFORMATION_SCENARIO_WRITER_H_
#define VPCREACH_MODEL_CLOUDFORMATION_SCENARIO_WRITER_H_

#include <string>
#include <utility>
#include <vector>

#include "model/cloudformation/stack_mapper.h"

namespace vpcreach::cfn {

struct GenNode {
  enum class Kind { kScalar, kList, kMap };

  static GenNode Scalar(std::string text, LineOrigin origin);
  static GenNode List(LineOrigin origin);
  static GenNode Map(LineOrigin origin);

  // The entry `key` of a map, or nullptr.
  GenNode* Find(const std::string& key);
  // Replaces the entry `key` or appends it.
  GenNode& Set(const std::string& key, GenNode value);

  Kind kind = Kind::kMap;
  std::string text;   // kScalar
  LineOrigin origin;  // of the value; a map or list's origin goes on its key's line
  std::vector<std::pair<std::string, GenNode>> entries;  // kMap, in order
  std::vector<GenNode> items;                            // kList
};

// Writes the map `root` into out->text, one line per scalar, and the origin of each line into
// out->lines. Empty lists and maps are written `[]` and `{}`.
void WriteScenario(const GenNode& root, StackScenario* out);

}  // namespace vpcreach::cfn

#endif  // VPCREACH_MODEL_CLOUDFORMATION_SCENARIO_WRITER_H_
