#include "model/scenario_loader.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <tuple>

#include "model/build_context.h"
#include "model/catalog.h"
#include "model/component_index.h"
#include "model/default_vpc.h"
#include "model/endpoint_builder.h"
#include "model/expectation_reader.h"
#include "model/import_reader.h"
#include "model/loader_messages.h"
#include "model/network_builder.h"
#include "model/peering_builder.h"
#include "model/public_ip_pool.h"
#include "model/route_builder.h"
#include "model/security_builder.h"
#include "model/service_builder.h"
#include "model/snapshot/snapshot_reader.h"
#include "model/stack_reader.h"
#include "model/terraform/plan_document.h"
#include "model/text_file.h"
#include "model/transit_gateway_builder.h"
#include "model/vpc_workload_builder.h"
#include "model/vpn_builder.h"
#include "model/workload_builder.h"
#include "model/yaml_reader.h"

namespace vpcreach {
namespace {

constexpr int kFormatVersion = 1;

const std::vector<std::string> kTopLevelKeys = {
    "vpcreach",      "name",          "region",
    "services",      "vpcs",          "internet_gateways",
    "subnets",       "route_tables",  "nat_gateways",
    "vpc_endpoints", "network_acls",  "security_groups",
    "enis",          "prefix_lists",  "sagemaker",
    "workloads",     "target_groups", "expect",
    "stacks",        "import",        "peering_connections",
    "transit_gateways", "transit_gateway_attachments", "transit_gateway_route_tables",
    "vpn_gateways", "customer_gateways", "vpn_connections"};

// The top-level sections written as `{id: {...}}` and the kind of their entries.
constexpr std::pair<const char*, ComponentKind> kComponentSections[] = {
    {"vpcs", ComponentKind::kVpc},
    {"internet_gateways", ComponentKind::kInternetGateway},
    {"subnets", ComponentKind::kSubnet},
    {"route_tables", ComponentKind::kRouteTable},
    {"nat_gateways", ComponentKind::kNatGateway},
    {"vpc_endpoints", ComponentKind::kVpcEndpoint},
    {"network_acls", ComponentKind::kNetworkAcl},
    {"security_groups", ComponentKind::kSecurityGroup},
    {"enis", ComponentKind::kEni},
    {"prefix_lists", ComponentKind::kPrefixList},
    {"workloads", ComponentKind::kWorkload},
    {"target_groups", ComponentKind::kTargetGroup},
    {"peering_connections", ComponentKind::kPeeringConnection},
    {"transit_gateways", ComponentKind::kTransitGateway},
    {"transit_gateway_attachments", ComponentKind::kTransitGatewayAttachment},
    {"transit_gateway_route_tables", ComponentKind::kTransitGatewayRouteTable},
    {"vpn_gateways", ComponentKind::kVpnGateway},
    {"customer_gateways", ComponentKind::kCustomerGateway},
    {"vpn_connections", ComponentKind::kVpnConnection},
};

struct InputFile {
  std::string name;
  std::optional<std::string> text;  // nullopt: could not be read
  std::string read_error;
};

// Reads the files (syntax, header, the ids each declares), then runs the component builders in
// dependency order, assigns addresses and reads the expectations against the finished model.
class ScenarioLoader {
 public:
  ScenarioLoader(const std::vector<InputFile>& inputs, const LoadOptions& options)
      : confinement_(inputs.empty() ? Confinement()
                                    : Confinement(inputs.front().name, options.allow_outside,
                                                  options.limits)) {}
  LoadResult Load(const std::vector<InputFile>& inputs);

 private:
  void ReadFile(const InputFile& input);
  void ReadHeader(YamlReader& r, const YamlMap& top);
  void DeclareSection(YamlReader& r, ComponentKind kind, const YamlField& section);
  void Build();
  // Deploys the stacks read (if any) and reads their generated document like a file.
  void DeployStacks();
  // Maps the Terraform documents imported or given (if any) and reads each generated document.
  void DeployImports();
  // Moves every diagnostic and model location in a generated document to its source value.
  void RemapGenerated(const std::string& name, const cfn::StackScenario& generated);
  // Ranks of files for sorting diagnostics: each scenario file, then its templates.
  std::map<std::string, size_t> FileOrder(const std::vector<InputFile>& inputs) const;

  void Error(const YamlField& field, std::string message) {
    context_.Error(field, std::move(message));
  }
  void Error(const SourceLocation& location, std::string path, std::string message) {
    context_.Error(location, std::move(path), std::move(message));
  }

  Model model_;
  std::vector<Diagnostic> diagnostics_;
  BuildContext context_{&model_, &diagnostics_};
  std::vector<std::unique_ptr<YamlReader>> readers_;  // one per file, in order
  std::vector<std::pair<YamlReader*, YamlField>> services_sections_;
  std::vector<std::pair<YamlReader*, YamlField>> expect_sections_;
  std::optional<SourceLocation> region_location_;  // where the region was first written
  Confinement confinement_;                        // what the files may name (model/confinement.h)
  StackReader stacks_{&diagnostics_, &confinement_};
  ImportReader imports_{&diagnostics_, &confinement_};
  PublicIpPool public_ips_;  // one pool for every generated document
  // The generated documents ("<scenario>#stacks", "<plan>#terraform"), each with its line map.
  std::vector<std::pair<std::string, cfn::StackScenario>> generated_;
};

LoadResult ScenarioLoader::Load(const std::vector<InputFile>& inputs) {
  LoadResult result;
  for (const InputFile& input : inputs) confinement_.AdmitInput(input.name);
  for (const InputFile& input : inputs) {
    model_.files.push_back(input.name);
    if (!input.text) {
      Error(SourceLocation{input.name, 0, 0}, "", "cannot read file: " + input.read_error);
      continue;
    }
    result.diagnostics.AddSource(input.name, *input.text);
    if (tf::LooksLikeTerraformJson(*input.text)) {
      imports_.AddFile(input.name, *input.text);  // recognised by content
    } else {
      ReadFile(input);
    }
  }
  if (!stacks_.empty()) DeployStacks();
  if (!imports_.empty()) DeployImports();
  Build();
  ExpectationReader expectations(model_);
  for (auto& [reader, section] : expect_sections_) {
    expectations.Read(*reader, section, &model_.expectations);
  }
  for (const auto& [name, generated] : generated_) RemapGenerated(name, generated);

  // Report in file order, then by position; ties keep the order found.
  std::map<std::string, size_t> file_order = FileOrder(inputs);
  std::stable_sort(
      diagnostics_.begin(), diagnostics_.end(), [&](const Diagnostic& a, const Diagnostic& b) {
        auto key = [&](const Diagnostic& d) {
          auto rank = file_order.find(d.location.file);
          return std::make_tuple(rank == file_order.end() ? file_order.size() : rank->second,
                                 d.location.line, d.location.column);
        };
        return key(a) < key(b);
      });
  // Templates are echoed too: read them again (they are small) for the diagnostics that need them,
  // but only files read as inputs: no message quotes a file that is not one.
  std::set<std::string> sourced;
  for (const InputFile& input : inputs) sourced.insert(input.name);
  for (const Diagnostic& d : diagnostics_) {
    if (d.location.line <= 0 || !sourced.insert(d.location.file).second) continue;
    if (!confinement_.Admitted(d.location.file)) continue;
    std::string error;
    std::string text = ReadWholeFile(d.location.file, &error);
    if (error.empty()) result.diagnostics.AddSource(d.location.file, text);
  }
  for (const Diagnostic& d : diagnostics_) {
    if (d.IsWarning()) model_.warnings.push_back(d);
  }
  for (Diagnostic& d : diagnostics_) {
    result.diagnostics.Add(std::move(d.location), std::move(d.path), std::move(d.message),
                           d.severity);
  }
  result.model = std::move(model_);
  return result;
}

// The order matters beyond dependencies: components vpcreach creates take the indices after the
// written ones, and ties between diagnostics at one position keep the order found.
void ScenarioLoader::Build() {
  BuildServices(context_, services_sections_);
  BuildVpcs(context_);
  BuildPeeringConnections(context_);
  BuildPrefixLists(context_);
  BuildInternetGateways(context_);
  AddDefaultInternetGateway(context_);
  WrittenRoutes routes = BuildRouteTables(context_);
  AddDefaultRoute(context_);
  BuildNetworkAcls(context_);
  BuildSecurityGroups(context_);
  BuildSubnets(context_);
  AddDefaultSubnets(context_);
  BuildTransitGateways(context_);
  BuildVpn(context_);
  BuildNatGateways(context_);
  BuildEnis(context_);
  BuildVpcEndpoints(context_);
  BuildNotebooks(context_);
  BuildTrainingJobs(context_);
  BuildWorkloads(context_);
  BuildTargetGroups(context_);
  BuildRoutes(context_, routes);
  std::vector<std::optional<YamlField>> propagating;
  for (const WrittenRouteTable& t : routes) propagating.push_back(t.propagating_vgws);
  PropagateVpnRoutes(context_, propagating);
  context_.AssignAddresses();
}

void ScenarioLoader::ReadFile(const InputFile& input) {
  readers_.push_back(std::make_unique<YamlReader>(input.name, &diagnostics_));
  YamlReader& r = *readers_.back();
  if (!r.Parse(*input.text)) return;
  const std::vector<const YamlNode*>& documents = r.Documents();
  if (documents.size() > 1) {
    Error(r.LocationOf(*documents[1]), "",
          "a scenario file holds one YAML document; move this one into a file of its own");
  }
  YamlMap top(r, r.Root(documents.empty() ? nullptr : documents[0]), kTopLevelKeys);
  if (!top.valid()) return;
  ReadHeader(r, top);
  for (const YamlMap::Entry& e : top.Entries()) {
    if (e.key == "import") {
      imports_.Read(r, e.value);
    } else if (e.key == "stacks") {
      stacks_.Read(r, e.value);
    } else if (e.key == "services") {
      services_sections_.emplace_back(&r, e.value);
    } else if (e.key == "expect") {
      expect_sections_.emplace_back(&r, e.value);
    } else if (e.key == "sagemaker") {
      YamlMap sagemaker(r, e.value, {"notebook_instances", "training_jobs"});
      if (auto f = sagemaker.Get("notebook_instances")) {
        DeclareSection(r, ComponentKind::kNotebook, *f);
      }
      if (auto f = sagemaker.Get("training_jobs")) {
        DeclareSection(r, ComponentKind::kTrainingJob, *f);
      }
    }
    for (const auto& [section, kind] : kComponentSections) {
      if (e.key == section) DeclareSection(r, kind, e.value);
    }
  }
}

void ScenarioLoader::DeployStacks() {
  // One default VPC for the whole model: the scenario's, when it writes one.
  cfn::ScenarioNetwork written;
  written.default_vpc = WrittenDefaultVpc(context_.components());
  for (const WrittenComponent& w : context_.components().Written(ComponentKind::kSubnet)) {
    // A reader of its own: BuildSubnets reports this body's problems, once.
    std::vector<Diagnostic> ignored;
    YamlReader quiet(w.reader->file(), &ignored);
    YamlMap m(quiet, w.body);
    if (auto f = m.Get("vpc")) {
      if (auto vpc = quiet.String(*f)) written.subnet_vpcs[w.id] = *vpc;
    }
  }
  std::string name = stacks_.first_scenario_file() + "#stacks";
  generated_.emplace_back(name, stacks_.Deploy(model_.region, written, &public_ips_));
  ReadFile(InputFile{name, generated_.back().second.text, ""});
  const std::vector<IgnoredResource>& ignored = generated_.back().second.ignored;
  model_.ignored_resources.insert(model_.ignored_resources.end(), ignored.begin(), ignored.end());
}

void ScenarioLoader::DeployImports() {
  for (ImportReader::Generated& g :
       imports_.Deploy(&model_.region, region_location_.has_value(), &public_ips_)) {
    generated_.emplace_back(g.name, std::move(g.scenario));
    ReadFile(InputFile{g.name, generated_.back().second.text, ""});
    const std::vector<IgnoredResource>& ignored = generated_.back().second.ignored;
    model_.ignored_resources.insert(model_.ignored_resources.end(), ignored.begin(), ignored.end());
  }
}

std::map<std::string, size_t> ScenarioLoader::FileOrder(
    const std::vector<InputFile>& inputs) const {
  std::map<std::string, size_t> order;
  std::vector<std::pair<std::string, std::string>> templates = stacks_.TemplateFiles();
  std::vector<std::pair<std::string, std::string>> imports = imports_.Files();
  templates.insert(templates.end(), imports.begin(), imports.end());
  for (const InputFile& input : inputs) {
    order.emplace(input.name, order.size());
    for (const auto& [scenario, file] : templates) {
      if (scenario == input.name) order.emplace(file, order.size());
    }
  }
  return order;
}

// Replaces every "<generated>:L:C" inside `message` ("already used by the subnet at ...") with
// the template location of line L.
std::string RemapMessage(const std::string& message, const std::string& generated,
                         const cfn::StackScenario& scenario) {
  std::string out;
  size_t at = 0;
  std::string marker = generated + ":";
  for (size_t found; (found = message.find(marker, at)) != std::string::npos;) {
    out += message.substr(at, found - at);
    size_t digits = found + marker.size();
    size_t end = digits;
    while (end < message.size() &&
           (std::isdigit(static_cast<unsigned char>(message[end])) || message[end] == ':')) {
      ++end;
    }
    int line = std::atoi(message.c_str() + digits);
    const cfn::LineOrigin* origin = scenario.Origin(line);
    if (origin != nullptr && origin->location.line > 0) {
      out += FormatLocation(origin->location);
    } else {
      out += message.substr(found, end - found);
    }
    at = end;
  }
  return out + message.substr(at);
}

void ScenarioLoader::RemapGenerated(const std::string& generated_name,
                                    const cfn::StackScenario& generated) {
  std::vector<Diagnostic> kept;
  for (Diagnostic& d : diagnostics_) {
    d.message = RemapMessage(d.message, generated_name, generated);
    if (d.location.file != generated_name) {
      kept.push_back(std::move(d));
      continue;
    }
    const cfn::LineOrigin* origin = generated.Origin(d.location.line);
    // The mapper reports every property the builders require, in template terms.
    // (Stacks only: the Terraform mappers leave some to the builders, reported here remapped.)
    if (d.message.rfind("missing required key", 0) == 0 && generated_name.size() > 7 &&
        generated_name.substr(generated_name.size() - 7) == "#stacks") {
      continue;
    }
    if (origin != nullptr && origin->quiet) continue;
    if (origin != nullptr && origin->location.line > 0) {
      d.location = origin->location;
      d.path = origin->path;
    }
    kept.push_back(std::move(d));
  }
  diagnostics_ = std::move(kept);
  // Components keep their template locations too.
  auto remap = [&](SourceLocation& location) {
    if (location.file != generated_name) return;
    const cfn::LineOrigin* origin = generated.Origin(location.line);
    if (origin != nullptr && origin->location.line > 0) location = origin->location;
  };
  auto remap_all = [&](auto& components) {
    for (auto& c : components) remap(c.location);
  };
  remap_all(model_.vpcs);
  remap_all(model_.subnets);
  remap_all(model_.route_tables);
  for (RouteTable& t : model_.route_tables) remap_all(t.routes);
  remap_all(model_.internet_gateways);
  remap_all(model_.nat_gateways);
  remap_all(model_.peering_connections);
  remap_all(model_.transit_gateways);
  remap_all(model_.transit_gateway_attachments);
  remap_all(model_.transit_gateway_route_tables);
  remap_all(model_.vpn_gateways);
  remap_all(model_.customer_gateways);
  remap_all(model_.vpn_connections);
  for (TransitGatewayRouteTable& t : model_.transit_gateway_route_tables) remap_all(t.routes);
  remap_all(model_.vpc_endpoints);
  for (VpcEndpoint& v : model_.vpc_endpoints) {
    if (v.policy) remap(*v.policy);
  }
  remap_all(model_.network_acls);
  for (NetworkAcl& acl : model_.network_acls) {
    remap_all(acl.ingress);
    remap_all(acl.egress);
  }
  remap_all(model_.security_groups);
  for (SecurityGroup& g : model_.security_groups) {
    remap_all(g.ingress);
    remap_all(g.egress);
  }
  remap_all(model_.enis);
  remap_all(model_.notebooks);
  remap_all(model_.workloads);
  for (Workload& w : model_.workloads) remap_all(w.listeners);
  remap_all(model_.target_groups);
  for (TargetGroup& t : model_.target_groups) remap_all(t.targets);
}

void ScenarioLoader::ReadHeader(YamlReader& r, const YamlMap& top) {
  if (auto f = top.Get("vpcreach")) {
    if (auto version = r.Integer(*f); version && *version != kFormatVersion) {
      Error(*f, "unsupported format version " + std::to_string(*version) +
                    "; this vpcreach reads version " + std::to_string(kFormatVersion));
    }
  } else {
    Error(top.field(), "missing required key 'vpcreach' (the format version); add 'vpcreach: 1'");
  }
  if (auto f = top.Get("name")) {
    if (auto name = r.String(*f); name && model_.name.empty()) model_.name = *name;
  }
  if (auto f = top.Get("region")) {
    auto region = r.String(*f);
    if (!region) return;
    if (!IsWellFormedRegion(*region)) {
      Error(*f, "expected a region such as us-east-1, got '" + *region + "'");
    } else if (!region_location_) {
      model_.region = *region;
      region_location_ = f->location;
    } else if (*region != model_.region) {
      Error(*f, "region " + *region + " does not match region " + model_.region + " at " +
                    FormatLocation(*region_location_) + "; all files must use one region");
    }
  }
}

void ScenarioLoader::DeclareSection(YamlReader& r, ComponentKind kind, const YamlField& section) {
  YamlMap map(r, section);
  for (const YamlMap::Entry& e : map.Entries()) {
    context_.components().Declare(kind, e.key, r, e.key_field, e.value);
  }
}

LoadResult LoadInputs(const std::vector<InputFile>& inputs, const LoadOptions& options) {
  try {
    return ScenarioLoader(inputs, options).Load(inputs);
  } catch (const std::exception& e) {
    // Our own bug (or std::bad_alloc): still a value, never an exception.
    LoadResult result;
    result.diagnostics.Add(SourceLocation{inputs.empty() ? "" : inputs.front().name, 0, 0}, "",
                           std::string("internal error while loading: ") + e.what());
    return result;
  }
}

}  // namespace

LoadResult LoadScenarioFiles(const std::vector<std::string>& paths, const LoadOptions& options) {
  std::vector<InputFile> inputs;
  for (const std::string& path : paths) {
    InputFile input{path, std::nullopt, ""};
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) {
      // A snapshot folder given as FILE: a scenario that imports it (contract: "Additions").
      std::string name = (std::filesystem::path(path) / "").string();
      if (snapshot::IsSnapshotFolder(path)) {
        inputs.push_back(InputFile{name, "vpcreach: 1\nimport: [{aws_snapshot: .}]\n", ""});
      } else {
        inputs.push_back(InputFile{path, std::nullopt,
                                   "a folder without describe-* JSON files (nor in its "
                                   "aws_configs/, accounts/<id>/ or <region>/ folders); collect "
                                   "a snapshot with scripts/collect-snapshot.sh"});
      }
      continue;
    }
    // Bounded before it is read (the FILE itself may be read wherever it is).
    std::string error = Confinement("", true, options.limits).CheckSize(path);
    std::string text = error.empty() ? ReadWholeFile(path, &error) : "";
    if (error.empty()) input.text = std::move(text);
    input.read_error = error;
    inputs.push_back(std::move(input));
  }
  return LoadInputs(inputs, options);
}

LoadResult LoadScenarioText(const std::string& file_name, const std::string& text,
                            const LoadOptions& options) {
  return LoadInputs({InputFile{file_name, text, ""}}, options);
}

LoadResult LoadScenarioTexts(const std::vector<std::pair<std::string, std::string>>& files,
                             const LoadOptions& options) {
  std::vector<InputFile> inputs;
  for (const auto& [name, text] : files) inputs.push_back(InputFile{name, text, ""});
  return LoadInputs(inputs, options);
}

}  // namespace vpcreach
