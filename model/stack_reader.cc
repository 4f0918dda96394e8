#include "model/stack_reader.h"

#include <filesystem>

#include "model/cloudformation/attribute_resolver.h"
#include "model/cloudformation/template_evaluator.h"
#include "model/ip.h"
#include "model/loader_messages.h"
#include "model/public_ip_pool.h"
#include "model/text_file.h"

namespace vpcreach {
namespace {

constexpr size_t kMaxStackNameLength = 128;  // CloudFormation's limit

// CloudFormation's rule: a letter, then letters, digits and hyphens.
bool IsValidStackName(const std::string& name) {
  if (name.empty() || name.size() > kMaxStackNameLength) return false;
  auto letter = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
  if (!letter(name[0])) return false;
  for (char c : name) {
    if (!letter(c) && !(c >= '0' && c <= '9') && c != '-') return false;
  }
  return true;
}

}  // namespace

void StackReader::Read(YamlReader& r, const YamlField& section) {
  for (const YamlField& item : r.List(section).value_or(std::vector<YamlField>{})) {
    // Bounded before any template is read: every file's entries count.
    if (++entries_ > confinement_->limits().max_stacks) {
      if (entries_ == confinement_->limits().max_stacks + 1) {
        Error(item, "more than " + std::to_string(confinement_->limits().max_stacks) +
                        " stacks; give --max-stacks N to raise the limit");
      }
      continue;
    }
    YamlMap m(r, item, {"name", "template", "parameters"});
    if (!m.valid()) continue;
    Stack stack;
    stack.scenario_file = r.file();
    bool ok = true;
    if (auto f = m.Require("name")) {
      auto name = r.String(*f);
      if (name && !IsValidStackName(*name)) {
        Error(*f, "stack name '" + *name +
                      "' is not valid; use letters, digits and hyphens, starting with a letter");
        name.reset();
      } else if (name) {
        auto [it, inserted] = names_.emplace(*name, f->location);
        if (!inserted) {
          Error(*f, "stack name '" + *name + "' is already used at " + FormatLocation(it->second));
          name.reset();
        }
      }
      ok = ok && name;
      stack.name = name.value_or("");
    } else {
      ok = false;
    }
    if (auto f = m.Require("template")) {
      auto written = r.String(*f);
      if (written) {
        std::filesystem::path path = *written;
        if (path.is_relative()) path = std::filesystem::path(r.file()).parent_path() / path;
        stack.template_file = path.lexically_normal().string();
        std::string error;
        std::string refusal = confinement_->Admit("template", stack.template_file);
        std::string text;
        if (!refusal.empty()) {
          Error(*f, refusal);
          written.reset();
        } else if (text = ReadWholeFile(stack.template_file, &error); !error.empty()) {
          Error(*f, "cannot read template " + stack.template_file + ": " + error);
          written.reset();
        } else {
          stack.text = std::move(text);
        }
      }
      ok = ok && written;
    } else {
      ok = false;
    }
    if (auto f = m.Get("parameters")) {
      YamlMap parameters(r, *f);
      for (const YamlMap::Entry& e : parameters.Entries()) {
        std::string value;
        if (e.value.IsSequence()) {
          // CloudFormation takes a list parameter as one comma-separated string.
          for (const auto& [text, field] :
               r.StringList(e.value).value_or(std::vector<std::pair<std::string, YamlField>>{})) {
            value += (value.empty() ? "" : ",") + text;
          }
        } else if (auto text = r.String(e.value)) {
          value = *text;
        } else {
          continue;
        }
        stack.parameters[e.key] = cfn::ParameterValue{value, e.value.location};
      }
    }
    if (ok) stacks_.push_back(std::move(stack));
  }
}

std::vector<std::pair<std::string, std::string>> StackReader::TemplateFiles() const {
  std::vector<std::pair<std::string, std::string>> out;
  for (const Stack& s : stacks_) out.emplace_back(s.scenario_file, s.template_file);
  return out;
}

cfn::StackScenario StackReader::Deploy(const std::string& region,
                                       const cfn::ScenarioNetwork& scenario, PublicIpPool* pool) {
  cfn::PublicIpSource public_ip = [pool](const std::string& owner) { return pool->Get(owner); };
  cfn::DefaultAttributeResolver resolver(region, "123456789012", public_ip);
  if (scenario.default_vpc) resolver.set_default_vpc(*scenario.default_vpc);
  cfn::ExportTable exports;
  std::vector<cfn::EvaluatedStack> evaluated;
  evaluated.reserve(stacks_.size());
  std::vector<bool> quiet;
  for (const Stack& s : stacks_) {
    cfn::StackInput input;
    input.name = s.name;
    input.template_file = s.template_file;
    input.template_text = s.text;
    input.parameters = s.parameters;
    input.region = region;
    input.confinement = confinement_;
    input.max_nested_depth = &confinement_->limits().max_nested_stack_depth;
    Diagnostics problems;
    evaluated.push_back(cfn::EvaluateStack(input, exports, &resolver, &problems));
    exports.insert(evaluated.back().exports.begin(), evaluated.back().exports.end());
    quiet.push_back(problems.ErrorCount() > 0);
    sink_->insert(sink_->end(), problems.Items().begin(), problems.Items().end());
  }
  std::vector<cfn::StackToMap> to_map;
  for (size_t i = 0; i < evaluated.size(); ++i) to_map.push_back({&evaluated[i], quiet[i]});
  return cfn::MapStacks(to_map, region, scenario, public_ip, sink_);
}

}  // namespace vpcreach
