// The `stacks:` key of scenario files (contract.md): CloudFormation stacks deployed offline.
//
// The scenario loader hands each file's `stacks:` list to one StackReader, which checks every
// entry (`name`, `template` relative to the scenario file, `parameters`), reads the templates and
// queues the stacks in file and list order. Once every file is read, Deploy() evaluates the stacks
// in that order (template_evaluator.h; exports of earlier stacks feed later stacks'
// Fn::ImportValue) with one attribute resolver and one pool of public addresses, and maps them
// (stack_mapper.h) into one generated scenario document, which the loader reads like a file of its
// own and whose diagnostics it remaps to the templates.
//
// Parameter values are the strings CloudFormation sees: a YAML `1` or `true` is "1" or "true", a
// list is joined with commas; each is located at its value in the scenario, so a parameter that
// breaks a template constraint is reported there. Problems (an unknown key, a duplicate stack
// name, an unreadable template) are appended to the sink, located in the scenario; a broken entry
// is left out. Ownership: the reader borrows the sink, which must outlive it.
#ifndef VPCREACH_MODEL_STACK_READER_H_
#define VPCREACH_MODEL_STACK_READER_H_

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "model/cloudformation/stack_mapper.h"
#include "model/cloudformation/template_parameters.h"
#include "model/confinement.h"
#include "model/diagnostics.h"
#include "model/public_ip_pool.h"
#include "model/yaml_reader.h"

namespace vpcreach {

class StackReader {
 public:
  // `confinement` decides which templates may be read (model/confinement.h).
  StackReader(std::vector<Diagnostic>* sink, Confinement* confinement)
      : sink_(sink), confinement_(confinement) {}

  // Reads one `stacks:` list of the file `reader` reads.
  void Read(YamlReader& reader, const YamlField& section);
  bool empty() const { return stacks_.empty(); }
  // The scenario file of the first stack: the generated document is named after it.
  const std::string& first_scenario_file() const { return stacks_.front().scenario_file; }
  // (scenario file, template file) of every stack read, in order: diagnostics sort by it.
  std::vector<std::pair<std::string, std::string>> TemplateFiles() const;

  // Evaluates and maps every stack read, in order, for `region`, beside what `scenario` writes.
  // Resources placed without a VpcId / SubnetId go to the default VPC (model/default_vpc.h): the
  // one the scenario writes, else one the generated document declares.
  // `pool` gives the public addresses AWS would assign (shared with the model's other inputs).
  cfn::StackScenario Deploy(const std::string& region, const cfn::ScenarioNetwork& scenario,
                            PublicIpPool* pool);

 private:
  struct Stack {
    std::string name;
    std::string scenario_file;
    std::string template_file;  // as diagnostics name it: the scenario's folder joined
    std::string text;
    std::map<std::string, cfn::ParameterValue> parameters;
  };

  void Error(const YamlField& field, std::string message) {
    sink_->push_back(Diagnostic{field.location, field.path, std::move(message)});
  }

  std::vector<Diagnostic>* sink_;
  Confinement* confinement_;
  std::size_t entries_ = 0;  // entries of every `stacks:` list read, for InputLimits::max_stacks
  std::vector<Stack> stacks_;
  std::map<std::string, SourceLocation> names_;  // stack name -> where it was written
};

}  // namespace vpcreach

#endif  // VPCREACH_MODEL_STACK_READER_H_
