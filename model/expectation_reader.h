// Reads the `expect:` list of a scenario file against the finished Model.
//
// An expectation names endpoints (`from`, `to`, `only_to` items: an ENI, a notebook, a training job
// or one instance `job[N]`, an interface endpoint (its ENIs), a subnet, a catalog service, an IPv4
// address or a CIDR) and path
// components (`via`, `avoid`: any component id, or a kind name such as `nat_gateway`). They are
// checked here, after every component exists, so that a name may refer to a component of any file
// and to the ENIs the loader creates. Problems go to the YamlReader's diagnostics; an expectation
// with a problem is left out.
#ifndef VPCREACH_MODEL_EXPECTATION_READER_H_
#define VPCREACH_MODEL_EXPECTATION_READER_H_

#include <set>
#include <string>
#include <vector>

#include "model/model.h"
#include "model/yaml_reader.h"

namespace vpcreach {

class ExpectationReader {
 public:
  // `model` must outlive the reader.
  explicit ExpectationReader(const Model& model);

  // Appends the well-formed expectations of the list `section` to `*out`, in order.
  void Read(YamlReader& reader, const YamlField& section, std::vector<Expectation>* out) const;

 private:
  // `as_source`: the field is a `from:` (which decides what a gateway may mean).
  bool CheckEndpoint(YamlReader& reader, const YamlField& field, bool as_source) const;
  bool CheckPathComponent(YamlReader& reader, const YamlField& field) const;

  const Model& model_;
  std::set<std::string> endpoint_ids_;   // ENIs (the loader's too), notebooks, jobs, subnets,
                                         // interface endpoints
  std::set<std::string> component_ids_;  // every id of every kind
};

}  // namespace vpcreach

#endif  // VPCREACH_MODEL_EXPECTATION_READER_H_
