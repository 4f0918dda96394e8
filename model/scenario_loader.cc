#include "model/scenario_loader.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <sstream>

#include "model/address_plan.h"
#include "model/catalog.h"
#include "model/expectation_reader.h"
#include "model/yaml_reader.h"

namespace vpcreach {
namespace {

constexpr int kFormatVersion = 1;
constexpr int kMinBlockLength = 16;  // AWS's limits for VPC and subnet blocks
constexpr int kMaxBlockLength = 28;
constexpr int kMaxSecurityGroups = 16;
constexpr int kMaxTrainingInstances = 10000;  // far above real jobs; bounds the ENIs we create

const std::vector<std::string> kTopLevelKeys = {
    "vpcreach",      "name",         "region",
    "services",      "vpcs",         "internet_gateways",
    "subnets",       "route_tables", "nat_gateways",
    "vpc_endpoints", "network_acls", "security_groups",
    "enis",          "prefix_lists", "sagemaker",
    "expect",        "stacks",       "import"};

// The component kinds that have ids. The order is the order of kKindInfo.
enum class Kind {
  kVpc,
  kInternetGateway,
  kSubnet,
  kRouteTable,
  kNatGateway,
  kVpcEndpoint,
  kNetworkAcl,
  kSecurityGroup,
  kEni,
  kPrefixList,
  kNotebook,
  kTrainingJob,
};
constexpr size_t kKindCount = 12;

struct KindInfo {
  const char* noun;     // as messages name it: "route table"
  const char* section;  // where it is written: "route_tables"
};

constexpr KindInfo kKindInfo[kKindCount] = {
    {"vpc", "vpcs"},
    {"internet gateway", "internet_gateways"},
    {"subnet", "subnets"},
    {"route table", "route_tables"},
    {"NAT gateway", "nat_gateways"},
    {"VPC endpoint", "vpc_endpoints"},
    {"network ACL", "network_acls"},
    {"security group", "security_groups"},
    {"eni", "enis"},
    {"prefix list", "prefix_lists"},
    {"notebook instance", "sagemaker.notebook_instances"},
    {"training job", "sagemaker.training_jobs"},
};

const KindInfo& Info(Kind kind) { return kKindInfo[static_cast<size_t>(kind)]; }

// Ids are unique within a kind, and the kinds an endpoint (`from:`, `--to`) can name share one
// namespace so that an endpoint id means one thing. Other kinds may share an id: a route table
// and a network ACL both called `private` is the common way to write a lab.
size_t Namespace(Kind kind) {
  switch (kind) {
    case Kind::kSubnet:
    case Kind::kEni:
    case Kind::kNotebook:
    case Kind::kTrainingJob:
      return static_cast<size_t>(Kind::kSubnet);
    default:
      return static_cast<size_t>(kind);
  }
}

// The top-level sections written as `{id: {...}}` and the kind of their entries.
constexpr std::pair<const char*, Kind> kComponentSections[] = {
    {"vpcs", Kind::kVpc},
    {"internet_gateways", Kind::kInternetGateway},
    {"subnets", Kind::kSubnet},
    {"route_tables", Kind::kRouteTable},
    {"nat_gateways", Kind::kNatGateway},
    {"vpc_endpoints", Kind::kVpcEndpoint},
    {"network_acls", Kind::kNetworkAcl},
    {"security_groups", Kind::kSecurityGroup},
    {"enis", Kind::kEni},
    {"prefix_lists", Kind::kPrefixList},
};

std::string WithArticle(const std::string& noun) {
  bool vowel = std::string("aeiou").find(noun[0]) != std::string::npos;
  return (vowel ? "an " : "a ") + noun;
}

std::string FormatLocation(const SourceLocation& l) {
  return l.file + ":" + std::to_string(l.line) + ":" + std::to_string(l.column);
}

std::string JoinCidrs(const std::vector<Cidr>& cidrs) {
  std::string out;
  for (const Cidr& c : cidrs) out += (out.empty() ? "" : ", ") + c.ToString();
  return out;
}

template <typename Map>
std::vector<std::string> KeysOf(const Map& map) {
  std::vector<std::string> keys;
  for (const auto& [key, value] : map) keys.push_back(key);
  return keys;
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool StartsWithDigit(const std::string& text) { return !text.empty() && IsDigit(text[0]); }

// One component as written: its id and its body, not yet converted.
struct Written {
  std::string id;
  YamlReader* reader;
  YamlField key;   // the id's node
  YamlField body;  // the component's mapping
};

// Who holds an id, for "already used" messages.
struct IdOwner {
  Kind kind;
  SourceLocation location;
  bool synthesized = false;
};

struct InputFile {
  std::string name;
  std::optional<std::string> text;  // nullopt: could not be read
  std::string read_error;
};

class ScenarioLoader {
 public:
  LoadResult Load(const std::vector<InputFile>& inputs);

 private:
  // Reading: syntax, the header and the ids each file declares.
  void ReadFile(const InputFile& input);
  void ReadHeader(YamlReader& r, const YamlMap& top);
  void DeclareSection(YamlReader& r, Kind kind, const YamlField& section);
  void Declare(Kind kind, const std::string& id, YamlReader& r, const YamlField& key,
               const YamlField& body);
  void ClaimSynthesizedId(Kind kind, const std::string& id, const std::string& what);

  // Building, in dependency order.
  void BuildCatalog();
  void BuildVpcs();
  void BuildPrefixLists();
  void BuildInternetGateways();
  void BuildRouteTables();
  void BuildNetworkAcls();
  void BuildSecurityGroups();
  void BuildSubnets();
  void BuildNatGateways();
  void BuildEnis();
  void BuildVpcEndpoints();
  void BuildNotebooks();
  void BuildTrainingJobs();
  void BuildRoutes();

  // Pieces.
  std::optional<Cidr> ReadBlock(YamlReader& r, const YamlField& field, const char* what);
  std::vector<NaclRule> ReadNaclRules(YamlReader& r, const YamlField& field);
  std::vector<SgRule> ReadSgRules(YamlReader& r, const YamlField& field, Index group);
  std::optional<Route> ReadRoute(YamlReader& r, const YamlField& item, const RouteTable& table);
  bool ReadRouteTarget(YamlReader& r, const YamlField& field, Index vpc, Route* route);
  std::vector<Index> ReadSecurityGroups(YamlReader& r, const std::optional<YamlField>& field,
                                        Index vpc);
  std::optional<Ipv4> ReadPublicIp(YamlReader& r, const YamlField& field, const std::string& owner);
  Index AddOwnedEni(const std::string& id, Index subnet, std::vector<Index> security_groups,
                    EniOwner owner, Index owner_index, const SourceLocation& location,
                    AddressPlan::Group group, const std::string& path);
  void RequestAddress(AddressPlan::Group group, AddressPlan::Request request);

  // References.
  Index Resolve(Kind kind, YamlReader& r, const YamlField& field);
  bool SameVpc(const YamlField& field, Kind kind, Index index, Index vpc);
  Index VpcOf(Kind kind, Index index) const;
  const std::string& IdOf(Kind kind, Index index) const;
  std::map<std::string, Index>& IdsOf(Kind kind) { return by_kind_[static_cast<size_t>(kind)]; }
  // A kind that has a component `id`, if any.
  std::optional<Kind> KindHolding(const std::string& id) const;
  std::vector<Written>& WrittenOf(Kind kind) { return written_[static_cast<size_t>(kind)]; }

  void Error(const YamlField& field, std::string message) {
    diagnostics_.push_back(Diagnostic{field.location, field.path, std::move(message)});
  }
  void Error(const SourceLocation& location, std::string path, std::string message) {
    diagnostics_.push_back(Diagnostic{location, std::move(path), std::move(message)});
  }

  Model model_;
  std::vector<Diagnostic> diagnostics_;
  std::vector<std::unique_ptr<YamlReader>> readers_;  // one per file, in order
  std::vector<std::pair<YamlReader*, YamlField>> services_sections_;
  std::vector<std::pair<YamlReader*, YamlField>> expect_sections_;
  std::optional<SourceLocation> region_location_;          // where the region was first written
  std::map<std::pair<size_t, std::string>, IdOwner> ids_;  // (namespace, id) -> its holder
  std::array<std::map<std::string, Index>, kKindCount> by_kind_;  // first component of each id
  std::array<std::vector<Written>, kKindCount> written_;
  std::vector<std::optional<YamlField>> written_routes_;  // per written route table: `routes:`
  std::vector<bool> subnet_has_cidr_;  // false: the subnet's CIDR was wrong; skip address checks
  AddressPlan addresses_;
  std::map<Ipv4, std::string> public_ips_;  // -> "eni bastion"
};

// ---------------------------------------------------------------------------------------------
// Reading files

LoadResult ScenarioLoader::Load(const std::vector<InputFile>& inputs) {
  LoadResult result;
  for (const InputFile& input : inputs) {
    model_.files.push_back(input.name);
    if (!input.text) {
      Error(SourceLocation{input.name, 0, 0}, "", "cannot read file: " + input.read_error);
      continue;
    }
    result.diagnostics.AddSource(input.name, *input.text);
    ReadFile(input);
  }
  BuildCatalog();
  BuildVpcs();
  BuildPrefixLists();
  BuildInternetGateways();
  BuildRouteTables();
  BuildNetworkAcls();
  BuildSecurityGroups();
  BuildSubnets();
  BuildNatGateways();
  BuildEnis();
  BuildVpcEndpoints();
  BuildNotebooks();
  BuildTrainingJobs();
  BuildRoutes();
  addresses_.Assign(&model_, &diagnostics_);
  ExpectationReader expectations(model_);
  for (auto& [reader, section] : expect_sections_) {
    expectations.Read(*reader, section, &model_.expectations);
  }

  // Report in file order, then by position; ties keep the order found.
  std::map<std::string, size_t> file_order;
  for (const InputFile& input : inputs) file_order.emplace(input.name, file_order.size());
  std::stable_sort(
      diagnostics_.begin(), diagnostics_.end(), [&](const Diagnostic& a, const Diagnostic& b) {
        auto key = [&](const Diagnostic& d) {
          return std::make_tuple(file_order[d.location.file], d.location.line, d.location.column);
        };
        return key(a) < key(b);
      });
  for (Diagnostic& d : diagnostics_) {
    result.diagnostics.Add(std::move(d.location), std::move(d.path), std::move(d.message));
  }
  result.model = std::move(model_);
  return result;
}

void ScenarioLoader::ReadFile(const InputFile& input) {
  readers_.push_back(std::make_unique<YamlReader>(input.name, &diagnostics_));
  YamlReader& r = *readers_.back();
  std::vector<YAML::Node> documents;
  try {
    documents = YAML::LoadAll(*input.text);
  } catch (const YAML::Exception& e) {
    SourceLocation at{input.name, e.mark.is_null() ? 0 : e.mark.line + 1, e.mark.column + 1};
    Error(at, "", "invalid YAML: " + e.msg);
    return;
  }
  if (documents.size() > 1) {
    Error(r.LocationOf(documents[1]), "",
          "a scenario file holds one YAML document; move this one into a file of its own");
  }
  YamlMap top(r, r.Root(documents.empty() ? YAML::Node() : documents[0]), kTopLevelKeys);
  if (!top.valid()) return;
  ReadHeader(r, top);
  for (const YamlMap::Entry& e : top.Entries()) {
    if (e.key == "stacks" || e.key == "import") {
      Error(e.key_field.location, "", e.key + ": is not supported yet");
    } else if (e.key == "services") {
      services_sections_.emplace_back(&r, e.value);
    } else if (e.key == "expect") {
      expect_sections_.emplace_back(&r, e.value);
    } else if (e.key == "sagemaker") {
      YamlMap sagemaker(r, e.value, {"notebook_instances", "training_jobs"});
      if (auto f = sagemaker.Get("notebook_instances")) DeclareSection(r, Kind::kNotebook, *f);
      if (auto f = sagemaker.Get("training_jobs")) DeclareSection(r, Kind::kTrainingJob, *f);
    }
    for (const auto& [section, kind] : kComponentSections) {
      if (e.key == section) DeclareSection(r, kind, e.value);
    }
  }
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

void ScenarioLoader::DeclareSection(YamlReader& r, Kind kind, const YamlField& section) {
  YamlMap map(r, section);
  for (const YamlMap::Entry& e : map.Entries()) Declare(kind, e.key, r, e.key_field, e.value);
}

void ScenarioLoader::Declare(Kind kind, const std::string& id, YamlReader& r, const YamlField& key,
                             const YamlField& body) {
  if (id.empty()) {
    Error(key, "an id must not be empty");
    return;
  }
  Index index = WrittenOf(kind).size();
  WrittenOf(kind).push_back(Written{id, &r, key, body});
  // Resolve references by kind even to a duplicate, so the duplicate is the only complaint.
  IdsOf(kind).emplace(id, index);
  auto [it, inserted] = ids_.emplace(std::pair{Namespace(kind), id}, IdOwner{kind, key.location});
  if (!inserted) {
    Error(key, "id '" + id + "' is already used by the " + Info(it->second.kind).noun + " at " +
                   FormatLocation(it->second.location));
  }
}

void ScenarioLoader::ClaimSynthesizedId(Kind kind, const std::string& id, const std::string& what) {
  auto [it, inserted] =
      ids_.emplace(std::pair{Namespace(kind), id}, IdOwner{kind, SourceLocation{}, true});
  if (!inserted && !it->second.synthesized) {
    Error(it->second.location, "",
          "id '" + id + "' is reserved for " + what + "; choose another id");
  }
}

// ---------------------------------------------------------------------------------------------
// References

Index ScenarioLoader::Resolve(Kind kind, YamlReader& r, const YamlField& field) {
  auto id = r.String(field);
  if (!id) return kNone;
  const std::map<std::string, Index>& ids = IdsOf(kind);
  if (auto it = ids.find(*id); it != ids.end()) return it->second;
  const KindInfo& info = Info(kind);
  if (auto other = KindHolding(*id)) {
    Error(field,
          "'" + *id + "' is " + WithArticle(Info(*other).noun) + ", not " + WithArticle(info.noun));
    return kNone;
  }
  std::string suggestion = ClosestMatch(*id, KeysOf(ids));
  Error(field, "unknown " + std::string(info.noun) + " '" + *id + "'; " +
                   (suggestion.empty() ? "define it under " + std::string(info.section) + ":"
                                       : "did you mean '" + suggestion + "'?"));
  return kNone;
}

std::optional<Kind> ScenarioLoader::KindHolding(const std::string& id) const {
  for (size_t k = 0; k < kKindCount; ++k) {
    if (by_kind_[k].count(id)) return static_cast<Kind>(k);
  }
  return std::nullopt;
}

Index ScenarioLoader::VpcOf(Kind kind, Index i) const {
  if (i == kNone) return kNone;
  switch (kind) {
    case Kind::kVpc:
      return i;
    case Kind::kInternetGateway:
      return model_.internet_gateways[i].vpc;
    case Kind::kSubnet:
      return model_.subnets[i].vpc;
    case Kind::kRouteTable:
      return model_.route_tables[i].vpc;
    case Kind::kNatGateway:
      return VpcOf(Kind::kSubnet, model_.nat_gateways[i].subnet);
    case Kind::kVpcEndpoint:
      return model_.vpc_endpoints[i].vpc;
    case Kind::kNetworkAcl:
      return model_.network_acls[i].vpc;
    case Kind::kSecurityGroup:
      return model_.security_groups[i].vpc;
    case Kind::kEni:
      return VpcOf(Kind::kSubnet, model_.enis[i].subnet);
    default:
      return kNone;
  }
}

const std::string& ScenarioLoader::IdOf(Kind kind, Index i) const {
  switch (kind) {
    case Kind::kInternetGateway:
      return model_.internet_gateways[i].id;
    case Kind::kSubnet:
      return model_.subnets[i].id;
    case Kind::kRouteTable:
      return model_.route_tables[i].id;
    case Kind::kNatGateway:
      return model_.nat_gateways[i].id;
    case Kind::kNetworkAcl:
      return model_.network_acls[i].id;
    case Kind::kSecurityGroup:
      return model_.security_groups[i].id;
    case Kind::kEni:
      return model_.enis[i].id;
    default:
      return model_.vpcs[i].id;
  }
}

// True when component `index` of `kind` is in `vpc`, or when either is unknown (already reported).
bool ScenarioLoader::SameVpc(const YamlField& field, Kind kind, Index index, Index vpc) {
  Index other = VpcOf(kind, index);
  if (vpc == kNone || other == kNone || other == vpc) return true;
  Error(field, std::string(Info(kind).noun) + " " + IdOf(kind, index) + " is in vpc " +
                   model_.vpcs[other].id + ", not in vpc " + model_.vpcs[vpc].id);
  return false;
}

// ---------------------------------------------------------------------------------------------
// Building the model

void ScenarioLoader::BuildCatalog() {
  model_.services = BuiltinCatalog(model_.region);
  std::map<std::string, SourceLocation> defined;
  for (auto& [reader, section] : services_sections_) {
    YamlReader& r = *reader;
    YamlMap services(r, section);
    for (const YamlMap::Entry& e : services.Entries()) {
      if (auto [it, inserted] = defined.emplace(e.key, e.key_field.location); !inserted) {
        Error(e.key_field,
              "service '" + e.key + "' is already defined at " + FormatLocation(it->second));
        continue;
      }
      YamlMap body(r, e.value, {"cidrs", "ports"});
      std::vector<Cidr> cidrs;
      if (auto f = body.Require("cidrs")) {
        auto items = r.List(*f);
        if (items && items->empty()) Error(*f, "a service needs at least one CIDR");
        for (const YamlField& item : items.value_or(std::vector<YamlField>{})) {
          if (auto c = r.CidrValue(item)) cidrs.push_back(*c);
        }
      }
      std::optional<std::vector<PortRange>> ports;
      if (auto f = body.Get("ports")) {
        ports.emplace();
        for (const YamlField& item : r.List(*f).value_or(std::vector<YamlField>{})) {
          if (auto p = r.Ports(item)) ports->push_back(*p);
        }
      }
      auto it = std::find_if(model_.services.begin(), model_.services.end(),
                             [&](const Service& s) { return s.name == e.key; });
      if (it == model_.services.end()) {
        Service added;
        added.name = e.key;
        // The two services with gateway endpoints keep that ability when a scenario supplies
        // their ranges (regions outside the built-in catalog).
        added.has_gateway_endpoint = e.key == "s3" || e.key == "dynamodb";
        model_.services.push_back(added);
        it = std::prev(model_.services.end());
      }
      it->cidrs = cidrs;
      if (ports) it->ports = *ports;
      it->origin = "defined in " + r.file();
      it->location = e.key_field.location;
    }
  }
}

std::optional<Cidr> ScenarioLoader::ReadBlock(YamlReader& r, const YamlField& field,
                                              const char* what) {
  auto cidr = r.CidrValue(field);
  if (cidr && (cidr->length < kMinBlockLength || cidr->length > kMaxBlockLength)) {
    Error(field, std::string(what) + " CIDR must be between /16 and /28, got /" +
                     std::to_string(cidr->length));
    return std::nullopt;
  }
  return cidr;
}

void ScenarioLoader::BuildVpcs() {
  for (const Written& w : WrittenOf(Kind::kVpc)) {
    YamlReader& r = *w.reader;
    Vpc& vpc = model_.vpcs.emplace_back();
    vpc.id = w.id;
    vpc.location = w.key.location;
    YamlMap m(r, w.body, {"cidr", "cidrs", "flow_logs"});
    auto cidr = m.Get("cidr");
    auto cidrs = m.Get("cidrs");
    std::vector<YamlField> blocks;
    if (cidr && cidrs) {
      Error(m.KeyLocation("cidrs"), cidrs->path, "give either cidr or cidrs, not both");
    } else if (cidr) {
      blocks.push_back(*cidr);
    } else if (cidrs) {
      auto items = r.List(*cidrs);
      if (items && items->empty()) Error(*cidrs, "a VPC needs at least one CIDR");
      blocks = items.value_or(std::vector<YamlField>{});
    } else {
      m.Require("cidr");
    }
    for (const YamlField& f : blocks) {
      auto block = ReadBlock(r, f, "a VPC");
      if (!block) continue;
      auto overlap = std::find_if(vpc.cidrs.begin(), vpc.cidrs.end(),
                                  [&](const Cidr& c) { return c.Overlaps(*block); });
      if (overlap != vpc.cidrs.end()) {
        Error(f, block->ToString() + " overlaps " + overlap->ToString() + " of the same vpc");
        continue;
      }
      vpc.cidrs.push_back(*block);
    }
    if (auto f = m.Get("flow_logs")) vpc.flow_logs = r.Bool(*f).value_or(false);
  }
}

void ScenarioLoader::BuildPrefixLists() {
  for (const Written& w : WrittenOf(Kind::kPrefixList)) {
    YamlReader& r = *w.reader;
    PrefixList& list = model_.prefix_lists.emplace_back();
    list.id = w.id;
    list.location = w.key.location;
    YamlMap m(r, w.body, {"cidrs"});
    if (auto f = m.Require("cidrs")) {
      for (const YamlField& item : r.List(*f).value_or(std::vector<YamlField>{})) {
        if (auto c = r.CidrValue(item)) list.cidrs.push_back(*c);
      }
    }
  }
  for (const Service& s : model_.services) {
    if (!s.has_gateway_endpoint) continue;
    PrefixList& list = model_.prefix_lists.emplace_back();
    list.id = "pl-" + s.name;
    list.cidrs = s.cidrs;
    list.aws_managed = true;
    list.location = s.location;
    ClaimSynthesizedId(Kind::kPrefixList, list.id, "the AWS-managed prefix list of " + s.name);
    IdsOf(Kind::kPrefixList).emplace(list.id, model_.prefix_lists.size() - 1);
  }
}

void ScenarioLoader::BuildInternetGateways() {
  for (const Written& w : WrittenOf(Kind::kInternetGateway)) {
    YamlReader& r = *w.reader;
    Index index = model_.internet_gateways.size();
    InternetGateway& igw = model_.internet_gateways.emplace_back();
    igw.id = w.id;
    igw.location = w.key.location;
    YamlMap m(r, w.body, {"vpc"});
    auto f = m.Require("vpc");
    if (!f) continue;
    igw.vpc = Resolve(Kind::kVpc, r, *f);
    if (igw.vpc == kNone) continue;
    Vpc& vpc = model_.vpcs[igw.vpc];
    if (vpc.internet_gateway != kNone) {
      Error(*f, "vpc " + vpc.id + " already has internet gateway " +
                    model_.internet_gateways[vpc.internet_gateway].id +
                    "; a vpc takes one internet gateway");
    } else {
      vpc.internet_gateway = index;
    }
  }
}

void ScenarioLoader::BuildRouteTables() {
  for (const Written& w : WrittenOf(Kind::kRouteTable)) {
    YamlReader& r = *w.reader;
    Index index = model_.route_tables.size();
    RouteTable& table = model_.route_tables.emplace_back();
    table.id = w.id;
    table.location = w.key.location;
    YamlMap m(r, w.body, {"vpc", "main", "routes"});
    if (auto f = m.Require("vpc")) table.vpc = Resolve(Kind::kVpc, r, *f);
    written_routes_.push_back(m.Get("routes"));
    auto f = m.Get("main");
    table.main = f && r.Bool(*f).value_or(false);
    if (!table.main || table.vpc == kNone) continue;
    Vpc& vpc = model_.vpcs[table.vpc];
    if (vpc.main_route_table != kNone) {
      Error(*f, "vpc " + vpc.id + " already has a main route table: " +
                    model_.route_tables[vpc.main_route_table].id);
    } else {
      vpc.main_route_table = index;
    }
  }
  for (Index v = 0; v < model_.vpcs.size(); ++v) {
    Vpc& vpc = model_.vpcs[v];
    if (vpc.main_route_table != kNone) continue;
    RouteTable table;
    table.id = vpc.id + "-main";
    table.vpc = v;
    table.main = true;
    table.synthesized = true;
    table.location = vpc.location;
    ClaimSynthesizedId(Kind::kRouteTable, table.id, "the main route table of vpc " + vpc.id);
    vpc.main_route_table = model_.route_tables.size();
    IdsOf(Kind::kRouteTable).emplace(table.id, vpc.main_route_table);
    model_.route_tables.push_back(std::move(table));
  }
  // Every table starts with the implicit local route of each VPC block.
  for (RouteTable& table : model_.route_tables) {
    if (table.vpc == kNone) continue;
    for (const Cidr& c : model_.vpcs[table.vpc].cidrs) {
      Route local;
      local.destination_cidr = c;
      local.target = RouteTarget::kLocal;
      local.target_id = "local";
      local.implicit = true;
      local.location = table.location;
      table.routes.push_back(local);
    }
  }
}

std::vector<NaclRule> ScenarioLoader::ReadNaclRules(YamlReader& r, const YamlField& field) {
  std::vector<NaclRule> rules;
  std::map<long long, SourceLocation> numbers;
  for (const YamlField& item : r.List(field).value_or(std::vector<YamlField>{})) {
    YamlMap m(r, item, {"rule", "action", "protocol", "ports", "cidr"});
    if (!m.valid()) continue;
    NaclRule rule;
    rule.location = item.location;
    bool ok = true;
    if (auto f = m.Require("rule")) {
      auto number = r.Integer(*f);
      if (number && (*number < 1 || *number > 32766)) {
        Error(*f, "rule number " + std::to_string(*number) + " is out of range 1-32766");
        number.reset();
      } else if (number && numbers.count(*number)) {
        Error(*f, "rule number " + std::to_string(*number) + " is used twice in " + field.path +
                      " (also at line " + std::to_string(numbers[*number].line) + ")");
        number.reset();
      }
      if (number) {
        numbers.emplace(*number, f->location);
        rule.number = static_cast<int>(*number);
      }
      ok = ok && number;
    } else {
      ok = false;
    }
    if (auto f = m.Require("action")) {
      auto action = r.String(*f);
      if (action && *action != "allow" && *action != "deny") {
        Error(*f, "expected allow or deny, got '" + *action + "'");
      }
      ok = ok && action && (*action == "allow" || *action == "deny");
      rule.allow = action && *action == "allow";
    } else {
      ok = false;
    }
    std::optional<int> protocol;
    if (auto f = m.Require("protocol")) protocol = r.Protocol(*f);
    ok = ok && protocol;
    rule.protocol = protocol.value_or(kAllProtocols);
    if (auto f = m.Get("ports")) {
      auto ports = r.Ports(*f);
      if (ports && protocol && !HasPorts(*protocol)) {
        Error(*f, "ports apply only to tcp and udp");
        ports.reset();
      }
      ok = ok && ports;
      rule.ports = ports.value_or(PortRange{});
    }
    std::optional<Cidr> cidr;
    if (auto f = m.Require("cidr")) cidr = r.CidrValue(*f);
    ok = ok && cidr;
    rule.cidr = cidr.value_or(Cidr{});
    if (ok) rules.push_back(rule);
  }
  std::sort(rules.begin(), rules.end(),
            [](const NaclRule& a, const NaclRule& b) { return a.number < b.number; });
  return rules;
}

void ScenarioLoader::BuildNetworkAcls() {
  for (const Written& w : WrittenOf(Kind::kNetworkAcl)) {
    YamlReader& r = *w.reader;
    Index index = model_.network_acls.size();
    NetworkAcl& acl = model_.network_acls.emplace_back();
    acl.id = w.id;
    acl.location = w.key.location;
    YamlMap m(r, w.body, {"vpc", "default", "ingress", "egress"});
    if (auto f = m.Require("vpc")) acl.vpc = Resolve(Kind::kVpc, r, *f);
    if (auto f = m.Get("ingress")) acl.ingress = ReadNaclRules(r, *f);
    if (auto f = m.Get("egress")) acl.egress = ReadNaclRules(r, *f);
    auto f = m.Get("default");
    acl.is_default = f && r.Bool(*f).value_or(false);
    if (!acl.is_default || acl.vpc == kNone) continue;
    Vpc& vpc = model_.vpcs[acl.vpc];
    if (vpc.default_network_acl != kNone) {
      Error(*f, "vpc " + vpc.id + " already has a default network ACL: " +
                    model_.network_acls[vpc.default_network_acl].id);
    } else {
      vpc.default_network_acl = index;
    }
  }
  for (Index v = 0; v < model_.vpcs.size(); ++v) {
    Vpc& vpc = model_.vpcs[v];
    if (vpc.default_network_acl != kNone) continue;
    NetworkAcl acl;
    acl.id = vpc.id + "-default-nacl";
    acl.vpc = v;
    acl.is_default = true;
    acl.synthesized = true;
    acl.location = vpc.location;
    NaclRule allow_all{100, true, kAllProtocols, PortRange{}, Cidr{0, 0}, vpc.location};
    acl.ingress = {allow_all};
    acl.egress = {allow_all};
    ClaimSynthesizedId(Kind::kNetworkAcl, acl.id, "the default network ACL of vpc " + vpc.id);
    vpc.default_network_acl = model_.network_acls.size();
    IdsOf(Kind::kNetworkAcl).emplace(acl.id, vpc.default_network_acl);
    model_.network_acls.push_back(std::move(acl));
  }
}

std::vector<SgRule> ScenarioLoader::ReadSgRules(YamlReader& r, const YamlField& field,
                                                Index group) {
  static const std::vector<std::string> kPeers = {"cidr", "security_group", "prefix_list"};
  std::vector<SgRule> rules;
  for (const YamlField& item : r.List(field).value_or(std::vector<YamlField>{})) {
    YamlMap m(r, item,
              {"protocol", "ports", "cidr", "security_group", "prefix_list", "description"});
    if (!m.valid()) continue;
    SgRule rule;
    rule.location = item.location;
    std::optional<int> protocol;
    if (auto f = m.Require("protocol")) protocol = r.Protocol(*f);
    bool ok = protocol.has_value();
    rule.protocol = protocol.value_or(kAllProtocols);
    if (auto f = m.Get("ports")) {
      auto ports = r.Ports(*f);
      if (ports && protocol && !HasPorts(*protocol)) {
        Error(*f, "ports apply only to tcp and udp");
        ports.reset();
      }
      ok = ok && ports;
      rule.ports = ports.value_or(PortRange{});
    }
    std::vector<std::string> peers;
    for (const std::string& p : kPeers) {
      if (m.Has(p)) peers.push_back(p);
    }
    if (peers.empty()) {
      Error(item, "missing the peer; give one of cidr, security_group, prefix_list");
      continue;
    }
    if (peers.size() > 1) {
      Error(m.KeyLocation(peers[1]), item.Child(peers[1]),
            "give only one of cidr, security_group, prefix_list");
      continue;
    }
    YamlField peer = *m.Get(peers[0]);
    if (peers[0] == "cidr") {
      auto cidr = r.CidrValue(peer);
      ok = ok && cidr;
      rule.cidr = cidr.value_or(Cidr{});
    } else if (peers[0] == "security_group") {
      rule.peer = PeerKind::kSecurityGroup;
      rule.peer_index = Resolve(Kind::kSecurityGroup, r, peer);
      ok = ok && rule.peer_index != kNone &&
           SameVpc(peer, Kind::kSecurityGroup, rule.peer_index, model_.security_groups[group].vpc);
    } else {
      rule.peer = PeerKind::kPrefixList;
      rule.peer_index = Resolve(Kind::kPrefixList, r, peer);
      ok = ok && rule.peer_index != kNone;
    }
    if (auto f = m.Get("description")) rule.description = r.String(*f).value_or("");
    if (ok) rules.push_back(rule);
  }
  return rules;
}

void ScenarioLoader::BuildSecurityGroups() {
  std::vector<YamlMap> bodies;
  for (const Written& w : WrittenOf(Kind::kSecurityGroup)) {
    SecurityGroup& group = model_.security_groups.emplace_back();
    group.id = w.id;
    group.location = w.key.location;
    YamlMap& m = bodies.emplace_back(*w.reader, w.body,
                                     std::vector<std::string>{"vpc", "ingress", "egress"});
    if (auto f = m.Require("vpc")) group.vpc = Resolve(Kind::kVpc, *w.reader, *f);
  }
  for (Index v = 0; v < model_.vpcs.size(); ++v) {
    Vpc& vpc = model_.vpcs[v];
    Index index = model_.security_groups.size();
    SecurityGroup group;
    group.id = vpc.id + "-default-sg";
    group.vpc = v;
    group.synthesized = true;
    group.location = vpc.location;
    SgRule from_itself;
    from_itself.peer = PeerKind::kSecurityGroup;
    from_itself.peer_index = index;
    from_itself.location = vpc.location;
    group.ingress = {from_itself};
    SgRule to_anywhere;
    to_anywhere.implicit = true;
    to_anywhere.location = vpc.location;
    group.egress = {to_anywhere};
    ClaimSynthesizedId(Kind::kSecurityGroup, group.id,
                       "the default security group of vpc " + vpc.id);
    vpc.default_security_group = index;
    IdsOf(Kind::kSecurityGroup).emplace(group.id, index);
    model_.security_groups.push_back(std::move(group));
  }
  // Rules last: they may name any group, including the defaults just made.
  for (Index i = 0; i < bodies.size(); ++i) {
    YamlReader& r = *WrittenOf(Kind::kSecurityGroup)[i].reader;
    SecurityGroup& group = model_.security_groups[i];
    if (auto f = bodies[i].Get("ingress")) group.ingress = ReadSgRules(r, *f, i);
    if (auto f = bodies[i].Get("egress")) {
      group.egress = ReadSgRules(r, *f, i);
    } else {
      // AWS gives a new group one allow-all egress rule; writing `egress:` replaces it.
      SgRule to_anywhere;
      to_anywhere.implicit = true;
      to_anywhere.location = group.location;
      group.egress = {to_anywhere};
    }
  }
}

void ScenarioLoader::BuildSubnets() {
  for (const Written& w : WrittenOf(Kind::kSubnet)) {
    YamlReader& r = *w.reader;
    Subnet& subnet = model_.subnets.emplace_back();
    subnet_has_cidr_.push_back(false);
    subnet.id = w.id;
    subnet.location = w.key.location;
    YamlMap m(r, w.body, {"cidr", "vpc", "az", "route_table", "network_acl"});
    if (auto f = m.Require("vpc")) subnet.vpc = Resolve(Kind::kVpc, r, *f);
    if (auto f = m.Require("cidr")) {
      auto cidr = ReadBlock(r, *f, "a subnet");
      if (cidr && subnet.vpc != kNone) {
        const Vpc& vpc = model_.vpcs[subnet.vpc];
        bool inside = std::any_of(vpc.cidrs.begin(), vpc.cidrs.end(),
                                  [&](const Cidr& c) { return c.Contains(*cidr); });
        if (!inside && !vpc.cidrs.empty()) {
          Error(*f, cidr->ToString() + " is not inside vpc " + vpc.id + " (" +
                        JoinCidrs(vpc.cidrs) + ")");
          cidr.reset();
        }
      }
      for (Index other = 0; cidr && other + 1 < model_.subnets.size(); ++other) {
        const Subnet& o = model_.subnets[other];
        if (subnet_has_cidr_[other] && o.vpc == subnet.vpc && o.cidr.Overlaps(*cidr)) {
          Error(*f, cidr->ToString() + " overlaps subnet " + o.id + " (" + o.cidr.ToString() + ")");
          cidr.reset();
        }
      }
      subnet.cidr = cidr.value_or(Cidr{});
      subnet_has_cidr_.back() = cidr.has_value();
    }
    if (auto f = m.Require("az")) {
      if (auto az = r.String(*f)) {
        std::vector<std::string> zones = AvailabilityZones(model_.region);
        if (az->size() == 1 && *az >= "a" && *az <= "f") {
          subnet.az = model_.region + *az;
        } else if (std::find(zones.begin(), zones.end(), *az) != zones.end()) {
          subnet.az = *az;
        } else {
          Error(*f, "expected an availability zone of " + model_.region + " (a to f, or " +
                        zones.front() + " to " + zones.back() + "), got '" + *az + "'");
        }
      }
    }
    Index vpc = subnet.vpc;
    if (auto f = m.Get("route_table")) {
      Index table = Resolve(Kind::kRouteTable, r, *f);
      if (SameVpc(*f, Kind::kRouteTable, table, vpc)) subnet.route_table = table;
    } else if (vpc != kNone) {
      subnet.route_table = model_.vpcs[vpc].main_route_table;
    }
    if (auto f = m.Get("network_acl")) {
      Index acl = Resolve(Kind::kNetworkAcl, r, *f);
      if (SameVpc(*f, Kind::kNetworkAcl, acl, vpc)) subnet.network_acl = acl;
    } else if (vpc != kNone) {
      subnet.network_acl = model_.vpcs[vpc].default_network_acl;
    }
  }
}

std::optional<Ipv4> ScenarioLoader::ReadPublicIp(YamlReader& r, const YamlField& field,
                                                 const std::string& owner) {
  auto address = r.Address(field);
  if (!address) return std::nullopt;
  if (IsRfc1918(*address)) {
    Error(field, FormatIpv4(*address) + " is a private address; a public IP lies outside " +
                     JoinCidrs(Rfc1918Blocks()));
    return std::nullopt;
  }
  if (auto [it, inserted] = public_ips_.emplace(*address, owner); !inserted) {
    Error(field, FormatIpv4(*address) + " is already used by " + it->second);
    return std::nullopt;
  }
  return address;
}

void ScenarioLoader::RequestAddress(AddressPlan::Group group, AddressPlan::Request request) {
  // No address checks in a subnet whose block was wrong: that is reported already.
  if (request.subnet != kNone && !subnet_has_cidr_[request.subnet]) request.subnet = kNone;
  addresses_.Add(group, std::move(request));
}

void ScenarioLoader::BuildNatGateways() {
  for (const Written& w : WrittenOf(Kind::kNatGateway)) {
    YamlReader& r = *w.reader;
    Index index = model_.nat_gateways.size();
    NatGateway& nat = model_.nat_gateways.emplace_back();
    nat.id = w.id;
    nat.location = w.key.location;
    YamlMap m(r, w.body, {"subnet", "public_ip", "private_ip"});
    if (auto f = m.Require("subnet")) nat.subnet = Resolve(Kind::kSubnet, r, *f);
    if (auto f = m.Require("public_ip")) {
      nat.public_ip = ReadPublicIp(r, *f, "NAT gateway " + nat.id).value_or(0);
    }
    AddressPlan::Request request{
        true, index, nat.subnet, std::nullopt, nat.location, w.key.path, "NAT gateway " + nat.id};
    if (auto f = m.Get("private_ip")) {
      request.written = r.Address(*f);
      if (!request.written) continue;
      request.location = f->location;
      request.path = f->path;
    }
    RequestAddress(AddressPlan::kNatGateway, request);
  }
}

std::vector<Index> ScenarioLoader::ReadSecurityGroups(YamlReader& r,
                                                      const std::optional<YamlField>& field,
                                                      Index vpc) {
  std::vector<Index> groups;
  if (!field) {
    if (vpc != kNone) groups.push_back(model_.vpcs[vpc].default_security_group);
    return groups;
  }
  auto names = r.StringList(*field);
  if (!names) return groups;
  if (names->empty() || names->size() > kMaxSecurityGroups) {
    Error(*field, "expected 1 to " + std::to_string(kMaxSecurityGroups) + " security groups, got " +
                      std::to_string(names->size()));
  }
  for (const auto& [name, item] : *names) {
    Index group = Resolve(Kind::kSecurityGroup, r, item);
    if (group == kNone || !SameVpc(item, Kind::kSecurityGroup, group, vpc)) continue;
    if (std::find(groups.begin(), groups.end(), group) != groups.end()) {
      Error(item, "security group " + name + " is listed twice");
      continue;
    }
    groups.push_back(group);
  }
  return groups;
}

Index ScenarioLoader::AddOwnedEni(const std::string& id, Index subnet,
                                  std::vector<Index> security_groups, EniOwner owner,
                                  Index owner_index, const SourceLocation& location,
                                  AddressPlan::Group group, const std::string& path) {
  Index index = model_.enis.size();
  Eni& eni = model_.enis.emplace_back();
  eni.id = id;
  eni.subnet = subnet;
  eni.security_groups = std::move(security_groups);
  eni.owner = owner;
  eni.owner_index = owner_index;
  eni.location = location;
  // A notebook's ENI carries the notebook's own id, which is registered already.
  if (owner != EniOwner::kNotebook) ClaimSynthesizedId(Kind::kEni, id, "an ENI vpcreach creates");
  IdsOf(Kind::kEni).emplace(id, index);
  if (group != AddressPlan::kNotebook) {
    RequestAddress(group, AddressPlan::Request{false, index, subnet, std::nullopt, location, path,
                                               "eni " + id});
  }
  return index;
}

void ScenarioLoader::BuildEnis() {
  for (const Written& w : WrittenOf(Kind::kEni)) {
    YamlReader& r = *w.reader;
    Index index = model_.enis.size();
    Eni& eni = model_.enis.emplace_back();
    eni.id = w.id;
    eni.location = w.key.location;
    YamlMap m(r, w.body,
              {"subnet", "private_ip", "public_ip", "security_groups", "source_dest_check"});
    if (auto f = m.Require("subnet")) eni.subnet = Resolve(Kind::kSubnet, r, *f);
    if (auto f = m.Get("public_ip")) eni.public_ip = ReadPublicIp(r, *f, "eni " + eni.id);
    eni.security_groups =
        ReadSecurityGroups(r, m.Get("security_groups"), VpcOf(Kind::kSubnet, eni.subnet));
    if (auto f = m.Get("source_dest_check")) eni.source_dest_check = r.Bool(*f).value_or(true);
    AddressPlan::Request request{false,        index,      eni.subnet,     std::nullopt,
                                 eni.location, w.key.path, "eni " + eni.id};
    if (auto f = m.Get("private_ip")) {
      request.written = r.Address(*f);
      if (!request.written) continue;
      request.location = f->location;
      request.path = f->path;
    }
    RequestAddress(AddressPlan::kEni, request);
  }
}

void ScenarioLoader::BuildVpcEndpoints() {
  for (const Written& w : WrittenOf(Kind::kVpcEndpoint)) {
    YamlReader& r = *w.reader;
    Index index = model_.vpc_endpoints.size();
    VpcEndpoint& endpoint = model_.vpc_endpoints.emplace_back();
    endpoint.id = w.id;
    endpoint.location = w.key.location;
    YamlMap m(r, w.body, {"vpc", "service", "type", "route_tables", "subnets", "security_groups"});
    if (auto f = m.Require("vpc")) endpoint.vpc = Resolve(Kind::kVpc, r, *f);
    if (auto f = m.Require("service")) endpoint.service = r.String(*f).value_or("");
    if (auto f = m.Get("type")) {
      auto type = r.String(*f);
      if (type == "interface") {
        endpoint.type = EndpointType::kInterface;
      } else if (type && type != "gateway") {
        Error(*f, "expected gateway or interface, got '" + *type + "'");
        continue;
      }
    }
    bool gateway = endpoint.type == EndpointType::kGateway;
    for (const char* key : {"route_tables", "subnets", "security_groups"}) {
      bool gateway_key = std::string(key) == "route_tables";
      if (m.Has(key) && gateway != gateway_key) {
        Error(m.KeyLocation(key), w.body.Child(key),
              std::string(key) + " apply only to " + (gateway_key ? "gateway" : "interface") +
                  " endpoints");
      }
    }
    if (gateway) {
      const Service* service = model_.FindService(endpoint.service);
      auto f = m.Get("service");
      if (f && !endpoint.service.empty() && !(service && service->has_gateway_endpoint)) {
        if (endpoint.service == "s3" || endpoint.service == "dynamodb") {
          Error(*f, "the built-in catalog has no " + endpoint.service + " ranges for " +
                        model_.region + "; define them under services:");
        } else {
          Error(*f, "service '" + endpoint.service +
                        "' has no gateway endpoint; gateway endpoints exist for s3 and dynamodb");
        }
        continue;
      }
      if (!service) continue;
      endpoint.prefix_list = model_.FindPrefixList("pl-" + endpoint.service);
      auto tables = m.Get("route_tables");
      if (!tables) continue;
      for (const auto& [name, item] :
           r.StringList(*tables).value_or(std::vector<std::pair<std::string, YamlField>>{})) {
        Index t = Resolve(Kind::kRouteTable, r, item);
        if (t == kNone || !SameVpc(item, Kind::kRouteTable, t, endpoint.vpc)) continue;
        RouteTable& table = model_.route_tables[t];
        auto same = std::find_if(table.routes.begin(), table.routes.end(), [&](const Route& x) {
          return x.destination_prefix_list == endpoint.prefix_list;
        });
        if (same != table.routes.end()) {
          Error(item, "route table " + table.id + " already has gateway endpoint " +
                          same->target_id + " for " + endpoint.service);
          continue;
        }
        Route route;
        route.destination_prefix_list = endpoint.prefix_list;
        route.target = RouteTarget::kGatewayEndpoint;
        route.target_index = index;
        route.target_id = endpoint.id;
        route.implicit = true;
        route.location = item.location;
        table.routes.push_back(route);
        endpoint.route_tables.push_back(t);
      }
      continue;
    }
    // An interface endpoint: one ENI in each listed subnet, at most one subnet per AZ.
    auto f = m.Require("subnets");
    if (!f) continue;
    auto names = r.StringList(*f).value_or(std::vector<std::pair<std::string, YamlField>>{});
    if (f->node.IsSequence() && names.empty()) {
      Error(*f, "an interface endpoint needs at least one subnet");
    }
    struct Placement {
      size_t position;  // in the list: the n of `<endpoint>/eni-<n>`
      Index subnet;
      YamlField item;
    };
    std::vector<Placement> placed;
    for (size_t n = 0; n < names.size(); ++n) {
      const auto& [name, item] = names[n];
      Index s = Resolve(Kind::kSubnet, r, item);
      if (s == kNone || !SameVpc(item, Kind::kSubnet, s, endpoint.vpc)) continue;
      auto same_az = std::find_if(placed.begin(), placed.end(), [&](const Placement& p) {
        return model_.subnets[p.subnet].az == model_.subnets[s].az;
      });
      if (same_az != placed.end()) {
        Error(item, "subnet " + name + " is in " + model_.subnets[s].az + " like subnet " +
                        model_.subnets[same_az->subnet].id +
                        "; an interface endpoint takes one subnet per availability zone");
        continue;
      }
      placed.push_back(Placement{n, s, item});
    }
    endpoint.security_groups = ReadSecurityGroups(r, m.Get("security_groups"), endpoint.vpc);
    for (const Placement& p : placed) {
      endpoint.subnets.push_back(p.subnet);
      endpoint.enis.push_back(AddOwnedEni(endpoint.id + "/eni-" + std::to_string(p.position),
                                          p.subnet, endpoint.security_groups,
                                          EniOwner::kInterfaceEndpoint, index, p.item.location,
                                          AddressPlan::kEndpointEni, p.item.path));
    }
  }
}

void ScenarioLoader::BuildNotebooks() {
  for (const Written& w : WrittenOf(Kind::kNotebook)) {
    YamlReader& r = *w.reader;
    Index index = model_.notebooks.size();
    NotebookInstance& nb = model_.notebooks.emplace_back();
    nb.id = w.id;
    nb.location = w.key.location;
    YamlMap m(r, w.body,
              {"subnet", "security_groups", "direct_internet_access", "root_access", "kms_key_id",
               "private_ip"});
    auto subnet = m.Get("subnet");
    if (subnet) nb.subnet = Resolve(Kind::kSubnet, r, *subnet);
    for (const char* key : {"security_groups", "private_ip"}) {
      if (!subnet && m.Has(key)) {
        Error(m.KeyLocation(key), w.body.Child(key),
              std::string(key) + " needs a subnet; add 'subnet:'");
      }
    }
    if (auto f = m.Get("direct_internet_access")) {
      nb.direct_internet_access = r.EnabledDisabled(*f).value_or(true);
    }
    if (auto f = m.Get("root_access")) nb.root_access = r.EnabledDisabled(*f).value_or(true);
    if (auto f = m.Get("kms_key_id")) nb.kms_key_id = r.String(*f).value_or("");
    if (nb.subnet == kNone) continue;
    nb.security_groups =
        ReadSecurityGroups(r, m.Get("security_groups"), VpcOf(Kind::kSubnet, nb.subnet));
    AddressPlan::Request request{false,
                                 kNone,
                                 nb.subnet,
                                 std::nullopt,
                                 nb.location,
                                 w.key.path,
                                 "notebook instance " + nb.id};
    if (auto f = m.Get("private_ip")) {
      request.written = r.Address(*f);
      if (!request.written) continue;
      request.location = f->location;
      request.path = f->path;
    }
    Index eni_index = AddOwnedEni(nb.id, nb.subnet, nb.security_groups, EniOwner::kNotebook, index,
                                  nb.location, AddressPlan::kNotebook, w.key.path);
    model_.notebooks[index].eni = eni_index;
    request.index = eni_index;
    RequestAddress(AddressPlan::kNotebook, request);
  }
}

void ScenarioLoader::BuildTrainingJobs() {
  for (const Written& w : WrittenOf(Kind::kTrainingJob)) {
    YamlReader& r = *w.reader;
    Index index = model_.training_jobs.size();
    TrainingJob& job = model_.training_jobs.emplace_back();
    job.id = w.id;
    job.location = w.key.location;
    YamlMap m(r, w.body,
              {"subnets", "security_groups", "instance_count", "network_isolation",
               "inter_container_encryption"});
    if (auto f = m.Get("instance_count")) {
      auto count = r.Integer(*f);
      if (count && (*count < 1 || *count > kMaxTrainingInstances)) {
        Error(*f, "instance_count must be between 1 and " + std::to_string(kMaxTrainingInstances) +
                      ", got " + std::to_string(*count));
        count.reset();
      }
      job.instance_count = static_cast<int>(count.value_or(1));
    }
    if (auto f = m.Get("network_isolation")) job.network_isolation = r.Bool(*f).value_or(false);
    if (auto f = m.Get("inter_container_encryption")) {
      job.inter_container_encryption = r.Bool(*f).value_or(false);
    }
    auto subnets = m.Get("subnets");
    bool placed = subnets.has_value();
    Index vpc = kNone;
    for (const auto& [name, item] :
         subnets ? r.StringList(*subnets).value_or(std::vector<std::pair<std::string, YamlField>>{})
                 : std::vector<std::pair<std::string, YamlField>>{}) {
      Index s = Resolve(Kind::kSubnet, r, item);
      Index subnet_vpc = VpcOf(Kind::kSubnet, s);
      if (s == kNone || subnet_vpc == kNone) {
        placed = false;
        continue;
      }
      if (vpc != kNone && subnet_vpc != vpc) {
        Error(item, "subnet " + name + " is in vpc " + model_.vpcs[subnet_vpc].id +
                        ", not in vpc " + model_.vpcs[vpc].id +
                        "; a training job's subnets must share one vpc");
        placed = false;
        continue;
      }
      vpc = subnet_vpc;
      job.subnets.push_back(s);
    }
    if (!subnets || job.subnets.empty()) {
      if (auto f = m.Get("security_groups"); f && (!subnets || subnets->node.size() == 0)) {
        Error(m.KeyLocation("security_groups"), f->path,
              "security_groups needs subnets; add 'subnets:'");
      }
      continue;
    }
    job.security_groups = ReadSecurityGroups(r, m.Get("security_groups"), vpc);
    if (!placed) continue;
    for (int i = 0; i < job.instance_count; ++i) {
      Index s = job.subnets[i % job.subnets.size()];
      Index eni = AddOwnedEni(job.id + "[" + std::to_string(i) + "]", s, job.security_groups,
                              EniOwner::kTrainingJob, index, job.location,
                              AddressPlan::kTrainingInstance, w.key.path);
      model_.training_jobs[index].enis.push_back(eni);
    }
  }
}

bool ScenarioLoader::ReadRouteTarget(YamlReader& r, const YamlField& field, Index vpc,
                                     Route* route) {
  auto target = r.String(field);
  if (!target) return false;
  route->target_id = *target;
  if (*target == "blackhole") {
    route->target = RouteTarget::kBlackhole;
    return true;
  }
  if (*target == "local") {
    route->target = RouteTarget::kLocal;
    bool inside =
        vpc == kNone ||
        (route->destination_cidr &&
         std::any_of(model_.vpcs[vpc].cidrs.begin(), model_.vpcs[vpc].cidrs.end(),
                     [&](const Cidr& c) { return c.Contains(*route->destination_cidr); }));
    if (!inside) {
      Error(field, "a local route must stay inside vpc " + model_.vpcs[vpc].id + " (" +
                       JoinCidrs(model_.vpcs[vpc].cidrs) + ")");
    }
    return inside;
  }
  constexpr std::pair<Kind, RouteTarget> kTargets[] = {
      {Kind::kInternetGateway, RouteTarget::kInternetGateway},
      {Kind::kNatGateway, RouteTarget::kNatGateway},
      {Kind::kEni, RouteTarget::kEni}};
  for (const auto& [kind, target_kind] : kTargets) {
    auto it = IdsOf(kind).find(*target);
    if (it == IdsOf(kind).end()) continue;
    route->target = target_kind;
    route->target_index = it->second;
    return SameVpc(field, kind, it->second, vpc);
  }
  if (auto it = IdsOf(Kind::kVpcEndpoint).find(*target); it != IdsOf(Kind::kVpcEndpoint).end()) {
    const VpcEndpoint& endpoint = model_.vpc_endpoints[it->second];
    Error(field, endpoint.type == EndpointType::kGateway
                     ? "gateway endpoint routes are added by the endpoint; list this table under "
                       "vpc_endpoints." +
                           endpoint.id + ".route_tables"
                     : "'" + endpoint.id +
                           "' is an interface endpoint; route to one of its ENIs, "
                           "such as " +
                           endpoint.id + "/eni-0");
    return false;
  }
  if (auto kind = KindHolding(*target)) {
    Error(field, "'" + *target + "' is " + WithArticle(Info(*kind).noun) +
                     "; a route target is local, blackhole, or the id of an internet gateway, "
                     "NAT gateway or ENI");
    return false;
  }
  std::vector<std::string> candidates = {"local", "blackhole"};
  for (Kind kind : {Kind::kInternetGateway, Kind::kNatGateway, Kind::kEni}) {
    for (const std::string& id : KeysOf(IdsOf(kind))) candidates.push_back(id);
  }
  std::string suggestion = ClosestMatch(*target, candidates);
  Error(field, "unknown route target '" + *target + "'; " +
                   (suggestion.empty() ? "expected local, blackhole, or the id of an internet "
                                         "gateway, NAT gateway or ENI"
                                       : "did you mean '" + suggestion + "'?"));
  return false;
}

std::optional<Route> ScenarioLoader::ReadRoute(YamlReader& r, const YamlField& item,
                                               const RouteTable& table) {
  YamlMap m(r, item, {"destination", "target"});
  auto destination = m.Require("destination");
  auto target = m.Require("target");
  if (!destination) return std::nullopt;
  auto text = r.String(*destination);
  if (!text) return std::nullopt;
  Route route;
  route.location = item.location;
  if (StartsWithDigit(*text)) {
    route.destination_cidr = r.CidrValue(*destination);
    if (!route.destination_cidr) return std::nullopt;
  } else {
    route.destination_prefix_list = Resolve(Kind::kPrefixList, r, *destination);
    if (route.destination_prefix_list == kNone) return std::nullopt;
  }
  for (const Route& other : table.routes) {
    bool same = route.destination_cidr
                    ? other.destination_cidr == route.destination_cidr
                    : other.destination_prefix_list == route.destination_prefix_list;
    if (!same) continue;
    if (other.implicit && other.target == RouteTarget::kLocal) {
      Error(*destination, *text + " is the local route of vpc " + model_.vpcs[table.vpc].id +
                              ", which every route table has; remove this route");
    } else if (other.implicit) {
      Error(*destination, *text + " is routed to gateway endpoint " + other.target_id +
                              " already; remove this route");
    } else {
      Error(*destination, "destination " + *text + " is used twice in " +
                              m.field().path.substr(0, m.field().path.rfind('[')) +
                              " (also at line " + std::to_string(other.location.line) + ")");
    }
    return std::nullopt;
  }
  if (!target || !ReadRouteTarget(r, *target, table.vpc, &route)) return std::nullopt;
  return route;
}

void ScenarioLoader::BuildRoutes() {
  for (Index t = 0; t < written_routes_.size(); ++t) {
    if (!written_routes_[t]) continue;
    YamlReader& r = *WrittenOf(Kind::kRouteTable)[t].reader;
    for (const YamlField& item : r.List(*written_routes_[t]).value_or(std::vector<YamlField>{})) {
      if (auto route = ReadRoute(r, item, model_.route_tables[t])) {
        model_.route_tables[t].routes.push_back(*route);
      }
    }
  }
}

std::string ReadWholeFile(const std::string& path, std::string* error) {
  std::error_code ignored;
  if (std::filesystem::is_directory(path, ignored)) {
    *error = std::strerror(EISDIR);  // an ifstream would read a directory as empty
    return "";
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    *error = std::strerror(errno);
    return "";
  }
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad() || (!in.eof() && in.fail())) {
    *error = std::strerror(errno ? errno : EIO);
    return "";
  }
  return text.str();
}

LoadResult LoadInputs(const std::vector<InputFile>& inputs) {
  try {
    return ScenarioLoader().Load(inputs);
  } catch (const std::exception& e) {
    // Our own bug or an unforeseen yaml-cpp throw: still a value, never an exception.
    LoadResult result;
    result.diagnostics.Add(SourceLocation{inputs.empty() ? "" : inputs.front().name, 0, 0}, "",
                           std::string("internal error while loading: ") + e.what());
    return result;
  }
}

}  // namespace

LoadResult LoadScenarioFiles(const std::vector<std::string>& paths) {
  std::vector<InputFile> inputs;
  for (const std::string& path : paths) {
    InputFile input{path, std::nullopt, ""};
    std::string error;
    std::string text = ReadWholeFile(path, &error);
    if (error.empty()) input.text = std::move(text);
    input.read_error = error;
    inputs.push_back(std::move(input));
  }
  return LoadInputs(inputs);
}

LoadResult LoadScenarioText(const std::string& file_name, const std::string& text) {
  return LoadInputs({InputFile{file_name, text, ""}});
}

LoadResult LoadScenarioTexts(const std::vector<std::pair<std::string, std::string>>& files) {
  std::vector<InputFile> inputs;
  for (const auto& [name, text] : files) inputs.push_back(InputFile{name, text, ""});
  return LoadInputs(inputs);
}

}  // namespace vpcreach
