// What one evaluated stack gave, for the template evaluator's tests: its resources' properties
// and outputs dumped, and its diagnostics' headlines.
#ifndef VPCREACH_TESTS_CLOUDFORMATION_EVALUATION_TEST_UTIL_H_
#define VPCREACH_TESTS_CLOUDFORMATION_EVALUATION_TEST_UTIL_H_

#include <string>
#include <vector>

#include "model/cloudformation/template_evaluator.h"
#include "model/diagnostics.h"

namespace vpcreach::cfn {

struct Evaluation {
  EvaluatedStack stack;
  Diagnostics diagnostics;

  std::vector<std::string> Headlines() const {
    std::vector<std::string> out;
    for (const Diagnostic& d : diagnostics.Items()) out.push_back(Diagnostics::Headline(d));
    return out;
  }
  const EvaluatedResource* Resource(const std::string& id) const {
    for (const EvaluatedResource& r : stack.resources) {
      if (r.logical_id == id) return &r;
    }
    return nullptr;
  }
  // The evaluated property, dumped; "<none>" when absent.
  std::string Prop(const std::string& id, const std::string& property) const {
    const EvaluatedResource* r = Resource(id);
    if (r == nullptr) return "<no resource>";
    const CfnValue* v = r->properties.Find(property);
    return v == nullptr ? "<none>" : v->Dump();
  }
  std::string Output(const std::string& name) const {
    for (const EvaluatedOutput& o : stack.outputs) {
      if (o.name == name) return o.value.Dump();
    }
    return "<no output>";
  }
};

}  // namespace vpcreach::cfn

#endif  // VPCREACH_TESTS_CLOUDFORMATION_EVALUATION_TEST_UTIL_H_
