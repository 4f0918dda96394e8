#include "model/workload_builder.h"

#include <optional>
#include <utility>

#include "model/security_builder.h"

namespace vpcreach {
namespace {

constexpr int kMaxTrainingInstances = 10000;  // far above real jobs; bounds the ENIs we create
// SageMaker's API limits: SecurityGroupIds of a notebook or a VpcConfig hold 1 to 5 groups, a
// VpcConfig's Subnets 1 to 16 subnets.
constexpr size_t kMaxSageMakerGroups = 5;
constexpr size_t kMaxTrainingSubnets = 16;
// The most private addresses an interface takes on the largest instance types, less the primary.
constexpr long long kMaxSecondaryIps = 49;

// False (after a diagnostic) when the list `field` holds more items than SageMaker's API takes
// for `what` ("SecurityGroupIds of CreateNotebookInstance"). Fewer than one is reported by the
// reader of the list.
bool WithinSageMakerLimit(BuildContext& context, const YamlField& field, size_t limit,
                          const std::string& noun, const std::string& what) {
  if (!field.IsSequence() || field.Size() <= limit) return true;
  context.Error(field, "expected 1 to " + std::to_string(limit) + " " + noun + ", got " +
                           std::to_string(field.Size()) + " (the limit of " + what + ")");
  return false;
}

// An ENI's `public_ip`: an Elastic IP, or `none` for an ENI without a public address (also in a
// subnet that gives one on launch).
void ReadEniPublicIp(BuildContext& context, YamlReader& r, const YamlField& field, Eni* eni) {
  auto text = r.String(field);
  if (!text || *text == "none") return;
  if (!ParseIpv4(*text)) {
    context.Error(field,
                  "expected a public IPv4 address such as 54.0.0.1, or none, got '" + *text + "'");
    return;
  }
  eni->public_ip = context.ReadPublicIp(r, field, "eni " + eni->id);
}

}  // namespace

Index AddOwnedEni(BuildContext& context, const std::string& id, Index subnet,
                  std::vector<Index> security_groups, EniOwner owner, Index owner_index,
                  const SourceLocation& location, AddressPlan::Group group,
                  const std::string& path) {
  Model& model = context.model();
  Index index = model.enis.size();
  Eni& eni = model.enis.emplace_back();
  eni.id = id;
  eni.subnet = subnet;
  eni.security_groups = std::move(security_groups);
  eni.owner = owner;
  eni.owner_index = owner_index;
  eni.location = location;
  if (owner == EniOwner::kNotebook) {
    // A notebook's ENI carries the notebook's own id, which is registered already.
    context.components().AddAlias(ComponentKind::kEni, id, index);
  } else {
    context.components().AddSynthesized(ComponentKind::kEni, id, index, "an ENI vpcreach creates");
  }
  if (group != AddressPlan::kNotebook) {
    context.RequestAddress(group, AddressPlan::Request{false, index, subnet, std::nullopt, location,
                                                       path, "eni " + id});
  }
  return index;
}

void BuildEnis(BuildContext& context) {
  Model& model = context.model();
  ComponentIndex& components = context.components();
  for (const WrittenComponent& w : components.Written(ComponentKind::kEni)) {
    YamlReader& r = *w.reader;
    Index index = model.enis.size();
    Eni& eni = AddWritten(&model.enis, w);
    YamlMap m(r, w.body,
              {"subnet", "private_ip", "public_ip", "security_groups", "source_dest_check",
               "secondary_ips", "secondary_ip_count"});
    if (auto f = m.Require("subnet")) {
      eni.subnet = components.Resolve(ComponentKind::kSubnet, r, *f);
    }
    auto public_ip = m.Get("public_ip");
    if (public_ip) ReadEniPublicIp(context, r, *public_ip, &eni);
    if (!public_ip && eni.subnet != kNone && model.subnets[eni.subnet].map_public_ip_on_launch) {
      context.RequestLaunchPublicIp(index);  // `public_ip: none` opts out
    }
    eni.security_groups = ReadSecurityGroups(context, r, m.Get("security_groups"),
                                             components.VpcOf(ComponentKind::kSubnet, eni.subnet));
    if (auto f = m.Get("source_dest_check")) eni.source_dest_check = r.Bool(*f).value_or(true);
    AddressPlan::Request request{false,        index,      eni.subnet,     std::nullopt,
                                 eni.location, w.key.path, "eni " + eni.id};
    if (!context.ReadPrivateIp(r, m, &request)) continue;
    context.RequestAddress(AddressPlan::kEni, request);
    ReadSecondaryIps(context, r, m, index, AddressPlan::kEni, "eni " + eni.id);
  }
}

void ReadSecondaryIps(BuildContext& context, YamlReader& r, const YamlMap& m, Index eni,
                      AddressPlan::Group group, const std::string& owner) {
  std::vector<std::pair<std::optional<Ipv4>, YamlField>> wanted;  // nullopt: AWS assigns it
  if (auto f = m.Get("secondary_ips")) {
    for (const YamlField& item : r.List(*f).value_or(std::vector<YamlField>{})) {
      if (auto address = r.Address(item)) wanted.emplace_back(*address, item);
    }
  }
  if (auto f = m.Get("secondary_ip_count")) {
    auto count = r.Integer(*f);
    if (count && (*count < 0 || *count > kMaxSecondaryIps)) {
      context.Error(*f, "secondary_ip_count must be between 0 and " +
                            std::to_string(kMaxSecondaryIps) + ", got " + std::to_string(*count));
      count.reset();
    }
    for (long long i = 0; i < count.value_or(0); ++i) wanted.emplace_back(std::nullopt, *f);
  }
  if (static_cast<long long>(wanted.size()) > kMaxSecondaryIps) {
    context.Error(wanted[kMaxSecondaryIps].second,
                  "an interface takes at most " + std::to_string(kMaxSecondaryIps) +
                      " secondary private addresses, got " + std::to_string(wanted.size()));
    wanted.resize(kMaxSecondaryIps);
  }
  Eni& target = context.model().enis[eni];
  target.secondary_ips.assign(wanted.size(), 0);
  target.secondary_ips_assigned.assign(wanted.size(), true);
  for (size_t k = 0; k < wanted.size(); ++k) {
    AddressPlan::Request request{false,
                                 eni,
                                 target.subnet,
                                 wanted[k].first,
                                 wanted[k].second.location,
                                 wanted[k].second.path,
                                 owner};
    request.secondary = static_cast<int>(k);
    context.RequestAddress(group, request);
  }
}

void BuildNotebooks(BuildContext& context) {
  Model& model = context.model();
  ComponentIndex& components = context.components();
  for (const WrittenComponent& w : components.Written(ComponentKind::kNotebook)) {
    YamlReader& r = *w.reader;
    Index index = model.notebooks.size();
    NotebookInstance& nb = AddWritten(&model.notebooks, w);
    YamlMap m(r, w.body,
              {"subnet", "security_groups", "direct_internet_access", "root_access", "kms_key_id",
               "private_ip"});
    auto subnet = m.Get("subnet");
    if (subnet) nb.subnet = components.Resolve(ComponentKind::kSubnet, r, *subnet);
    for (const char* key : {"security_groups", "private_ip"}) {
      if (!subnet && m.Has(key)) {
        context.Error(m.KeyLocation(key), w.body.Child(key),
                      std::string(key) + " needs a subnet; add 'subnet:'");
      }
    }
    if (auto f = m.Get("direct_internet_access")) {
      nb.direct_internet_access = r.EnabledDisabled(*f).value_or(true);
      if (!nb.direct_internet_access && !subnet) {
        context.Error(*f,
                      "direct internet access can be disabled only for a notebook in a "
                      "subnet (CreateNotebookInstance: \"You can set the value of this "
                      "parameter to Disabled only if you set a value for the SubnetId "
                      "parameter.\"); add 'subnet:' and 'security_groups:', or remove "
                      "this key");
      }
    }
    if (auto f = m.Get("root_access")) nb.root_access = r.EnabledDisabled(*f).value_or(true);
    if (auto f = m.Get("kms_key_id")) nb.kms_key_id = r.String(*f).value_or("");
    if (nb.subnet == kNone) continue;
    auto groups = m.Get("security_groups");
    if (!groups) {
      // SageMaker attaches the request's groups to the notebook's ENI in the subnet.
      context.Error(*subnet,
                    "a notebook in a subnet needs security_groups, the groups SageMaker "
                    "attaches to its network interface there (CreateNotebookInstance's "
                    "SecurityGroupIds); add 'security_groups:'");
      continue;
    }
    if (!WithinSageMakerLimit(context, *groups, kMaxSageMakerGroups, "security groups",
                              "CreateNotebookInstance's SecurityGroupIds")) {
      continue;
    }
    nb.security_groups =
        ReadSecurityGroups(context, r, groups, components.VpcOf(ComponentKind::kSubnet, nb.subnet));
    AddressPlan::Request request{false,
                                 kNone,
                                 nb.subnet,
                                 std::nullopt,
                                 nb.location,
                                 w.key.path,
                                 "notebook instance " + nb.id};
    if (!context.ReadPrivateIp(r, m, &request)) continue;
    // AddOwnedEni appends to Model::enis only, so `nb` stays valid.
    Index eni_index =
        AddOwnedEni(context, nb.id, nb.subnet, nb.security_groups, EniOwner::kNotebook, index,
                    nb.location, AddressPlan::kNotebook, w.key.path);
    nb.eni = eni_index;
    request.index = eni_index;
    context.RequestAddress(AddressPlan::kNotebook, request);
  }
}

void BuildTrainingJobs(BuildContext& context) {
  Model& model = context.model();
  ComponentIndex& components = context.components();
  for (const WrittenComponent& w : components.Written(ComponentKind::kTrainingJob)) {
    YamlReader& r = *w.reader;
    Index index = model.training_jobs.size();
    TrainingJob& job = AddWritten(&model.training_jobs, w);
    YamlMap m(r, w.body,
              {"subnets", "security_groups", "instance_count", "network_isolation",
               "inter_container_encryption"});
    if (auto f = m.Get("instance_count")) {
      auto count = r.Integer(*f);
      if (count && (*count < 1 || *count > kMaxTrainingInstances)) {
        context.Error(*f, "instance_count must be between 1 and " +
                              std::to_string(kMaxTrainingInstances) + ", got " +
                              std::to_string(*count));
        count.reset();
      }
      job.instance_count = static_cast<int>(count.value_or(1));
    }
    if (auto f = m.Get("network_isolation")) job.network_isolation = r.Bool(*f).value_or(false);
    if (auto f = m.Get("inter_container_encryption")) {
      job.inter_container_encryption = r.Bool(*f).value_or(false);
    }
    auto subnets = m.Get("subnets");
    auto groups = m.Get("security_groups");
    // A VpcConfig holds both lists, each with at least one item (CreateTrainingJob).
    if (subnets && subnets->IsSequence() && subnets->Size() == 0) {
      context.Error(*subnets, "expected 1 to " + std::to_string(kMaxTrainingSubnets) +
                                  " subnets, got 0 (a VpcConfig's Subnets); remove 'subnets:' "
                                  "for a job without a VPC");
      continue;
    }
    if (subnets && !groups) {
      context.Error(*subnets,
                    "a training job's subnets need security_groups: CreateTrainingJob's "
                    "VpcConfig takes both Subnets and SecurityGroupIds; add "
                    "'security_groups:'");
      continue;
    }
    if (subnets && (!WithinSageMakerLimit(context, *subnets, kMaxTrainingSubnets, "subnets",
                                          "a VpcConfig's Subnets") ||
                    !WithinSageMakerLimit(context, *groups, kMaxSageMakerGroups, "security groups",
                                          "a VpcConfig's SecurityGroupIds"))) {
      continue;
    }
    bool placed = subnets.has_value();
    Index vpc = kNone;
    for (const auto& [name, item] :
         subnets ? r.StringList(*subnets).value_or(std::vector<std::pair<std::string, YamlField>>{})
                 : std::vector<std::pair<std::string, YamlField>>{}) {
      Index s = components.Resolve(ComponentKind::kSubnet, r, item);
      Index subnet_vpc = components.VpcOf(ComponentKind::kSubnet, s);
      if (s == kNone || subnet_vpc == kNone) {
        placed = false;
        continue;
      }
      if (vpc != kNone && subnet_vpc != vpc) {
        context.Error(item, "subnet " + name + " is in vpc " + model.vpcs[subnet_vpc].id +
                                ", not in vpc " + model.vpcs[vpc].id +
                                "; a training job's subnets must share one vpc");
        placed = false;
        continue;
      }
      vpc = subnet_vpc;
      job.subnets.push_back(s);
    }
    if (!subnets || job.subnets.empty()) {
      if (groups && !subnets) {
        context.Error(m.KeyLocation("security_groups"), groups->path,
                      "security_groups needs subnets; add 'subnets:'");
      }
      continue;
    }
    job.security_groups = ReadSecurityGroups(context, r, groups, vpc);
    if (!placed) continue;
    for (int i = 0; i < job.instance_count; ++i) {
      Index s = job.subnets[i % job.subnets.size()];
      // AddOwnedEni appends to Model::enis only, so `job` stays valid.
      job.enis.push_back(AddOwnedEni(context, job.id + "[" + std::to_string(i) + "]", s,
                                     job.security_groups, EniOwner::kTrainingJob, index,
                                     job.location, AddressPlan::kTrainingInstance, w.key.path));
    }
  }
}

}  // namespace vpcreach
