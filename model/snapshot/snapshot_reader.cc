#include "model/snapshot/snapshot_reader.h"

#include <algorithm>
#include <filesystem>
#include <regex>
#include <set>

#include "model/catalog.h"
#include "model/snapshot/mapping.h"
#include "model/text_file.h"

namespace vpcreach::snapshot {
namespace {

namespace fs = std::filesystem;

// The top-level keys the mappers read, in the order of `describe` commands a person knows.
const std::vector<std::string> kMapped = {"Vpcs",
                                          "Subnets",
                                          "RouteTables",
                                          "InternetGateways",
                                          "EgressOnlyInternetGateways",
                                          "NatGateways",
                                          "SecurityGroups",
                                          "NetworkAcls",
                                          "NetworkInterfaces",
                                          "Reservations",
                                          "Addresses",
                                          "PrefixLists",
                                          "ManagedPrefixLists",
                                          "VpcEndpoints",
                                          "VpcPeeringConnections",
                                          "TransitGateways",
                                          "TransitGatewayAttachments",
                                          "TransitGatewayVpcAttachments",
                                          "TransitGatewayRouteTables",
                                          "TransitGatewayStaticRoutes",
                                          "TransitGatewayPropagations",
                                          "VpnGateways",
                                          "CustomerGateways",
                                          "VpnConnections"};
// Outputs that decide nothing about packets: read and passed over without a word.
const std::set<std::string> kQuiet = {
    "AvailabilityZones", "Regions", "ServiceDetails", "ServiceNames", "DhcpOptions",
    "KeyPairs",          "Tags"};
// Resources whose network interfaces describe-network-interfaces lists (and vpcreach models as
// interfaces with their security groups), but whose own forwarding it does not model.
const std::set<std::string> kInterfacesOnly = {"LoadBalancers",
                                               "LoadBalancerDescriptions",
                                               "TargetGroups",
                                               "LoadBalancerListeners",
                                               "LoadBalancerAttributes",
                                               "LoadBalancerTargetHealth",
                                               "DBInstances",
                                               "DBClusters",
                                               "DomainStatusList",
                                               "Functions",
                                               "CacheClusters",
                                               "FileSystems"};

std::vector<fs::path> JsonFiles(const fs::path& folder) {
  std::vector<fs::path> out;
  std::error_code ec;
  fs::path root = fs::is_directory(folder / "aws_configs", ec) ? folder / "aws_configs" : folder;
  for (auto it = fs::recursive_directory_iterator(root, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (it->is_regular_file(ec) && it->path().extension() == ".json") out.push_back(it->path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

// The region a path component names (`.../us-east-2/Vpcs.json`), or "".
std::string RegionInPath(const fs::path& file) {
  for (const fs::path& part : file.parent_path()) {
    if (IsWellFormedRegion(part.string())) return part.string();
  }
  return "";
}

// The region of a zone name: "us-east-2c" -> "us-east-2".
std::string RegionOfZone(const std::string& zone) {
  std::string region = zone;
  while (!region.empty() && std::isalpha(static_cast<unsigned char>(region.back()))) {
    region.pop_back();
  }
  return IsWellFormedRegion(region) ? region : "";
}

void ReadFile(const fs::path& path, Mapping& m, std::vector<Diagnostic>* sink, LineOrigin* region) {
  std::string name = path.lexically_normal().string();
  std::string error;
  std::string text = ReadWholeFile(name, &error);
  if (!error.empty()) {
    sink->push_back(Diagnostic{SourceLocation{name, 0, 0}, "", "cannot read file: " + error});
    return;
  }
  auto file = std::make_unique<JsonFile>();
  file->path = name;
  YamlError parse_error;
  file->stream = ParseYamlStream(text, &parse_error, YamlSyntax::kJson);
  if (!file->stream) {
    sink->push_back(Diagnostic{SourceLocation{name, parse_error.line, parse_error.column}, "",
                               parse_error.message +
                                   "; the file is not complete JSON (a cut-off download?): "
                                   "collect it again with its `aws ec2 describe-...` command"});
    return;
  }
  const std::vector<const YamlNode*>& docs = file->stream->documents();
  file->root = docs.empty() ? nullptr : docs.front();
  if (file->root == nullptr || !file->root->IsMapping()) {
    int line = file->root != nullptr ? file->root->line() : 1;
    int column = file->root != nullptr ? file->root->column() : 1;
    sink->push_back(Diagnostic{SourceLocation{name, line, column}, "",
                               "expected a JSON object such as `aws ec2 describe-vpcs --output "
                               "json` prints ({\"Vpcs\": [...]})"});
    return;
  }
  std::string key;
  // SageMaker's describes print one object, recognised by its ARN member.
  for (const char* arn : {"NotebookInstanceArn", "TrainingJobArn", "DomainArn"}) {
    for (const YamlNode::Pair& p : file->root->pairs()) {
      if (p.key->text() == arn) key = std::string(arn).substr(0, std::string(arn).size() - 3);
    }
  }
  bool single_object = !key.empty();
  for (const YamlNode::Pair& p : file->root->pairs()) {
    if (single_object) break;
    const std::string& k = p.key->text();
    bool mapped = std::find(kMapped.begin(), kMapped.end(), k) != kMapped.end();
    if (mapped && key.empty()) key = k;
    if (mapped || kQuiet.count(k) || k == "NextToken") continue;
    Item top{file.get(), file->root, ""};
    if (kInterfacesOnly.count(k)) {
      if (p.value->size() == 0) continue;  // none of them in the account
      m.Warn(top.Origin(p.key, k),
             k + " is read only through the network interfaces these resources hold "
                 "(NetworkInterfaces): their security groups apply; their own forwarding (a "
                 "load balancer's listeners and targets) is not modelled");
      continue;
    }
    m.Warn(top.Origin(p.key, k),
           "unknown describe output '" + k +
               "': this file is skipped; vpcreach reads the "
               "outputs of the EC2 network describes (Vpcs, Subnets, RouteTables, SecurityGroups, "
               "NetworkAcls, NetworkInterfaces, Reservations, ...)");
  }
  if (key.empty()) return;
  if (region->location.line == 0) {
    std::string in_path = RegionInPath(path);
    if (!in_path.empty()) {
      region->location = SourceLocation{name, file->root->line(), file->root->column()};
      region->path = in_path;
    }
  }
  m.AddFile(std::move(file), key);
}

}  // namespace

bool IsSnapshotFolder(const std::string& path) {
  std::error_code ec;
  return fs::is_directory(path, ec) && !JsonFiles(path).empty();
}

cfn::StackScenario ReadSnapshot(const std::string& folder, const SourceLocation& at,
                                const std::string& at_path, Confinement* confinement,
                                std::vector<Diagnostic>* sink) {
  cfn::StackScenario out;
  std::error_code ec;
  if (!fs::is_directory(folder, ec)) {
    sink->push_back(Diagnostic{at, at_path,
                               folder + " is not a folder; name the folder that "
                                        "holds the describe-* JSON files"});
    return out;
  }
  std::vector<fs::path> files = JsonFiles(folder);
  if (files.empty()) {
    sink->push_back(Diagnostic{
        at, at_path,
        "no describe-* JSON file in " + folder +
            " (nor in its aws_configs/, accounts/<id>/ or <region>/ folders); collect one with "
            "scripts/collect-snapshot.sh"});
    return out;
  }
  Mapping m(sink);
  LineOrigin region;  // path: the region the folder names
  size_t before = sink->size();
  for (const fs::path& f : files) {
    // A link in the folder may lead out of the tree: refused at the import, unread.
    std::string refusal = confinement->Admit("snapshot file", f.lexically_normal().string());
    if (!refusal.empty()) {
      sink->push_back(Diagnostic{at, at_path, refusal});
    } else {
      ReadFile(f, m, sink, &region);
    }
  }
  // A broken file leaves the snapshot out whole: nothing half-loaded.
  for (size_t i = before; i < sink->size(); ++i) {
    if (!(*sink)[i].IsWarning()) return out;
  }
  MapNetwork(m);
  MapSecurity(m);
  MapTransit(m);
  MapSageMaker(m);
  MapInterfaces(m);
  MapRouteTables(m);
  // An element left out for a missing member would make its neighbours' references fail too:
  // report the first problems only, and load nothing.
  for (size_t i = before; i < sink->size(); ++i) {
    if (!(*sink)[i].IsWarning()) return out;
  }
  GenNode root = GenNode::Map(LineOrigin{});
  root.Set("vpcreach", GenNode::Scalar("1", LineOrigin{}));
  std::string name = region.path;
  LineOrigin region_origin = region;
  if (name.empty()) {
    for (const Item& s : m.Items("Subnets")) {
      name = RegionOfZone(s.Str("AvailabilityZone"));
      region_origin = s.OriginOf("AvailabilityZone");
      if (!name.empty()) break;
    }
  }
  region_origin.path = region_origin.path == name ? "" : region_origin.path;
  if (!name.empty()) root.Set("region", GenNode::Scalar(name, region_origin));
  for (auto& [key, value] : m.root().entries) root.Set(key, std::move(value));
  cfn::WriteScenario(root, &out);
  out.ignored = m.ignored();
  return out;
}

}  // namespace vpcreach::snapshot
