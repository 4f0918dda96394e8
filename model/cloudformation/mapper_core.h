// What the mappers of a scenario's stacks share (stack_mapper.cc maps the network,
// workload_mapper.cc the workloads): the stacks' included resources by id, the generated
// scenario's sections as they grow, the diagnostics sink and the ignored list, and the value
// helpers that turn template values into located scenario values (scenario_writer.h).
//
// Internal to model/cloudformation: stack_mapper.h is the interface the loader uses.
#ifndef VPCREACH_MODEL_CLOUDFORMATION_MAPPER_CORE_H_
#define VPCREACH_MODEL_CLOUDFORMATION_MAPPER_CORE_H_

#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "model/cloudformation/default_vpc.h"
#include "model/cloudformation/deploy_time_value.h"
#include "model/cloudformation/scenario_writer.h"
#include "model/cloudformation/stack_mapper.h"
#include "model/default_vpc.h"

namespace vpcreach::cfn {

// One included resource of a stack.
struct Res {
  const EvaluatedResource* r = nullptr;
  std::string id;     // STACK/LogicalId
  std::string local;  // LogicalId in its own template (nested stacks: the last segment)
  bool quiet = false;

  const std::string& type() const { return r->type; }
  // The property `key`, or nullptr when absent or null.
  const CfnValue* Prop(const std::string& key) const {
    const CfnValue* v = r->properties.Find(key);
    return v != nullptr && !v->IsNull() ? v : nullptr;
  }
  std::string Path() const { return "Resources." + local; }
  std::string PropertiesPath() const { return Path() + ".Properties"; }
};

std::string Lower(std::string text);
// A decimal integer (optionally negative, at most 12 characters), else nullopt.
std::optional<long long> ParseInt(const std::string& text);
// The value of `key` in map `v` (nullptr when `v` is null, not a map, or the value is null).
const CfnValue* Field(const CfnValue* v, const std::string& key);

// The reason every IPv6 element is listed with: templates with IPv6 load, but the data plane is
// IPv4 only until issue 12, so an IPv6 element that shapes reachability is a warning.
inline constexpr char kIpv6NotModelled[] =
    "IPv6 is not modelled yet: answers cover IPv4 traffic only";
inline constexpr char kIpv6Fix[] =
    "vpcreach checks IPv4 traffic only: check what this lets through over IPv6 by other means "
    "(Reachability Analyzer)";

class MapperCore {
 public:
  // `scenario_default_vpc`: the id of the default VPC the scenario writes, if any.
  MapperCore(std::string region, const std::optional<std::string>& scenario_default_vpc,
             const PublicIpSource& public_ip, std::vector<Diagnostic>* sink)
      : region_(std::move(region)),
        public_ip_(public_ip),
        sink_(sink),
        default_vpc_(region_, scenario_default_vpc.value_or(kStackDefaultVpcId),
                     scenario_default_vpc.has_value()),
        zones_(region_) {}

  // --- Diagnostics and origins ---
  void Error(const Res& res, const SourceLocation& at, std::string path, std::string message) {
    if (res.quiet) return;
    sink_->push_back(Diagnostic{at, std::move(path), std::move(message)});
  }
  void Error(const Res& res, const CfnValue& at, std::string message) {
    Error(res, at.location(), at.path(), std::move(message));
  }
  void Warn(const Res& res, const CfnValue& at, std::string message) {
    if (res.quiet) return;
    sink_->push_back(Warning(at.location(), at.path(), std::move(message)));
  }
  void Missing(const Res& res, const std::string& property, const std::string& why = "") {
    Error(res, res.r->location, res.PropertiesPath(),
          "missing required property '" + property + "'" + why);
  }
  // Lists `res` (or a part of it, `suffix`) as ignored; `shapes_reachability` makes it a
  // warning: it places network interfaces or otherwise shapes what is reachable.
  void Ignore(const Res& res, std::string reason, const std::string& suffix = "",
              bool shapes_reachability = false) {
    ignored_.push_back(IgnoredResource{suffix.empty() ? res.id : res.id + " " + suffix, res.type(),
                                       std::move(reason), res.r->location, shapes_reachability,
                                       ""});
  }
  // Lists the IPv6 part of `res` named by `suffix` (the whole resource when ""), with
  // kIpv6NotModelled; a warning when `shapes_reachability` (a subnet's block, an IPv6 route,
  // rule or gateway), a mere listing otherwise (a VPC's block, an instance's addresses).
  // Lists `res` as a warning that also carries traffic vpcreach does not follow (a connection to
  // networks outside the model): IgnoredResource::unfollowed.
  // `fix`: what to do about it (IgnoredResource::fix), "" for the general advice.
  void IgnoreUnfollowed(const Res& res, std::string reason, std::string fix = "") {
    Ignore(res, std::move(reason), "", /*shapes_reachability=*/true);
    ignored_.back().unfollowed = true;
    ignored_.back().fix = std::move(fix);
  }
  void IgnoreIpv6(const Res& res, const std::string& suffix, bool shapes_reachability) {
    Ignore(res, kIpv6NotModelled, suffix, shapes_reachability);
    ignored_.back().unfollowed = true;
    if (shapes_reachability) ignored_.back().fix = kIpv6Fix;
  }
  static LineOrigin OriginOf(const Res& res, const CfnValue& v) {
    return LineOrigin{v.location(), v.path(), res.quiet};
  }
  static LineOrigin OriginOf(const Res& res) {
    return LineOrigin{res.r->location, res.Path(), res.quiet};
  }
  // "where: Resources.X (file:line:col)", naming another resource in a message.
  static std::string Where(const Res& res);

  // --- Values ---
  // `v` as a scalar node; nullopt after a diagnostic when it is not a scalar or only known at
  // deployment.
  std::optional<GenNode> ScalarOf(const Res& res, const CfnValue& v);
  // Property `key` as a scalar node; nullopt when absent (reported when `required`) or wrong.
  std::optional<GenNode> Scalar(const Res& res, const std::string& key, bool required,
                                const std::string& why = "");
  // `value` (a list of strings) as a list node; nullopt when absent or wrong (reported).
  std::optional<GenNode> StringList(const Res& res, const CfnValue* value);
  // The stack resource of `type` that property `key` names; nullopt after a diagnostic ("'x' is
  // not a route table of the scenario's stacks"), or quietly when it names a resource that could
  // not be mapped (already reported).
  std::optional<std::pair<GenNode, const Res*>> StackReference(const Res& res,
                                                               const std::string& key,
                                                               const char* type,
                                                               const std::string& noun);

  // --- Components ---
  GenNode& Add(const std::string& section, const Res& res) {
    return AddWithId(section, res.id, OriginOf(res));
  }
  GenNode& AddWithId(const std::string& section, const std::string& id, const LineOrigin& origin);
  GenNode* Component(const std::string& section, const std::string& id);
  static void SetScalar(GenNode& component, const std::string& key, std::optional<GenNode> value) {
    if (value) component.Set(key, std::move(*value));
  }

  // --- The stacks ---
  const std::vector<Res>& resources() const { return resources_; }
  // The included resource with id `id`, or nullptr.
  const Res* FindResource(const std::string& id) const {
    auto it = by_id_.find(id);
    return it == by_id_.end() ? nullptr : it->second;
  }
  // The resource of `type` that `text` names: by its id (what Ref returns), else by the value
  // of its property `name_property` (a name AWS compares case-insensitively); nullptr if none.
  const Res* FindNamed(const std::string& text, const char* type, const char* name_property) const;
  bool Unmapped(const std::string& id) const { return unmapped_.count(id) > 0; }
  void MarkUnmapped(const std::string& id) { unmapped_.insert(id); }
  const std::string& region() const { return region_; }
  std::string PublicIp(const std::string& owner) const { return public_ip_(owner); }
  // Routes and EIP associations name an instance: the id of its primary network interface.
  void SetInstanceEni(const std::string& instance, const std::string& eni) {
    instance_eni_[instance] = eni;
  }
  // The region's default VPC, where resources placed without a VpcId / SubnetId go.
  DefaultVpc& default_vpc() { return default_vpc_; }

 protected:
  struct Section {
    std::vector<std::pair<std::string, GenNode>> components;
    std::map<std::string, size_t> index;
  };

  std::string region_;
  const PublicIpSource& public_ip_;
  std::vector<Diagnostic>* sink_;
  std::vector<Res> resources_;
  std::map<std::string, const Res*> by_id_;
  std::set<std::string> unmapped_;  // resources reported as not mappable: references stay quiet
  std::map<std::string, Section> sections_;
  std::map<std::string, std::string> instance_eni_;  // instance id -> its primary ENI's id
  std::vector<IgnoredResource> ignored_;
  DefaultVpc default_vpc_;
  ZoneAssumptions zones_;  // zones assumed for custom resources' unknown answers
};

}  // namespace vpcreach::cfn

#endif  // VPCREACH_MODEL_CLOUDFORMATION_MAPPER_CORE_H_
