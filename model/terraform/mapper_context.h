// What the Terraform mappers share (network_mapper.cc, security_mapper.cc, workload_mapper.cc):
// the document and its ties, the generated scenario's sections as they grow (cfn::GenNode, written
// by cfn::WriteScenario with one template location per line), the diagnostics sink, the ignored
// list and the value helpers that turn plan values into located scenario values.
//
// Internal to model/terraform: plan_mapper.h is the interface the loader uses. Components are
// named by their Terraform address.
#ifndef VPCREACH_MODEL_TERRAFORM_MAPPER_CONTEXT_H_
#define VPCREACH_MODEL_TERRAFORM_MAPPER_CONTEXT_H_

#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "model/cloudformation/scenario_writer.h"
#include "model/cloudformation/stack_mapper.h"
#include "model/model.h"
#include "model/terraform/plan_document.h"
#include "model/terraform/ties.h"

namespace vpcreach::tf {

using cfn::GenNode;
using cfn::LineOrigin;

// The resource types of each kind of component, as references may name them.
extern const std::vector<std::string> kVpcTypes;
extern const std::vector<std::string> kSubnetTypes;
extern const std::vector<std::string> kRouteTableTypes;
extern const std::vector<std::string> kSecurityGroupTypes;
extern const std::vector<std::string> kNetworkAclTypes;

class MapperContext {
 public:
  MapperContext(const PlanDocument& doc, std::string region, const cfn::PublicIpSource& public_ip,
                std::vector<Diagnostic>* sink)
      : doc_(doc), ties_(doc), region_(std::move(region)), public_ip_(public_ip), sink_(sink) {}

  const PlanDocument& doc() const { return doc_; }
  const Ties& ties() const { return ties_; }
  const std::string& region() const { return region_; }
  std::string PublicIp(const std::string& owner) const { return public_ip_(owner); }

  // --- Diagnostics ---
  void Error(const CfnValue& at, std::string message) {
    sink_->push_back(Diagnostic{at.location(), at.path(), std::move(message)});
  }
  void Warn(const CfnValue& at, std::string message) {
    sink_->push_back(Warning(at.location(), at.path(), std::move(message)));
  }
  // Where to point at attribute `key` of `r`: its value, else the resource.
  const CfnValue& At(const Resource& r, const std::string& key) const {
    const CfnValue* v = r.Value(key);
    return v != nullptr ? *v : *r.node;
  }
  // Lists `r` (or its part `suffix`) as ignored; a warning when it shapes reachability.
  void Ignore(const Resource& r, std::string reason, bool shapes_reachability,
              const std::string& suffix = "", std::string fix = "");
  // The IPv6 part `suffix` of `r`: listed, a warning when it shapes reachability.
  void IgnoreIpv6(const Resource& r, const std::string& suffix, bool shapes_reachability);
  std::vector<IgnoredResource>& ignored() { return ignored_; }

  // --- Values ---
  static LineOrigin OriginOf(const CfnValue& v) {
    return LineOrigin{v.location(), v.path(), false};
  }
  static LineOrigin OriginOf(const Resource& r) { return OriginOf(*r.node); }
  static GenNode Scalar(const CfnValue& v) { return GenNode::Scalar(v.text(), OriginOf(v)); }
  // Attribute `key` of `r` as a scalar node, when it is a known non-empty scalar.
  std::optional<GenNode> Known(const Resource& r, const std::string& key) const;
  // The one resource of `types` that attribute `key` of `r` names, as a node holding its
  // address. nullopt after a located diagnostic (`required`: an unknown or dangling tie is an
  // error; otherwise a warning), or quietly when the attribute is absent and not `required`.
  std::optional<GenNode> TieOne(const Resource& r, const std::string& key,
                                const std::vector<std::string>& types, const std::string& noun,
                                bool required);
  // Same for a value inside a nested block.
  std::optional<GenNode> TieValue(const Resource& r, const CfnValue* value,
                                  const CfnValue* expression, const std::string& key,
                                  const std::vector<std::string>& types, const std::string& noun,
                                  bool required);
  // Every resource of `types` that list attribute `key` of `r` names, as address nodes; dangling
  // ids are warned about.
  std::vector<GenNode> TieMany(const Resource& r, const std::string& key,
                               const std::vector<std::string>& types, const std::string& noun);
  // The VPC of `r` (attribute vpc_id), with the fallback a `local.` or missing tie allows: the
  // only VPC of the resource's module, else the only VPC of the document, else the one whose
  // CIDR holds `cidr` (a subnet's). A guess among several is a warning.
  std::optional<GenNode> VpcOf(const Resource& r, const std::string& cidr = "");

  // The VPC whose default (route table, network ACL) an aws_default_* resource `r` adopts:
  // the VPC whose attribute `attribute` holds the same id, else the configuration's reference.
  std::optional<GenNode> VpcOfDefault(const Resource& r, const std::string& attribute);

  // --- Components ---
  GenNode& Add(const std::string& section, const Resource& r) {
    return AddWithId(section, r.address, OriginOf(r));
  }
  GenNode& AddWithId(const std::string& section, const std::string& id, LineOrigin origin);
  GenNode* Component(const std::string& section, const std::string& id);
  // Every component of `section`, in order, by id.
  std::vector<std::pair<std::string, GenNode*>> Components(const std::string& section);
  // Writes every section, in the builders' order, into `out`.
  void Write(cfn::StackScenario* out) const;

 private:
  struct Section {
    std::vector<std::pair<std::string, GenNode>> components;
    std::map<std::string, size_t> index;
  };

  const PlanDocument& doc_;
  Ties ties_;
  std::string region_;
  const cfn::PublicIpSource& public_ip_;
  std::vector<Diagnostic>* sink_;
  std::map<std::string, Section> sections_;
  std::vector<IgnoredResource> ignored_;
};

// "a/b" from "com.amazonaws.us-east-1.a.b": the catalog's short service name.
std::string ShortServiceName(const std::string& service_name);
// The native protocol for Terraform's ("-1" / "all" -> all, "6" -> tcp, ...), lower case.
std::string Protocol(const std::string& text);
// "443", "1024-65535"; "" for every port (both -1, or 0 and 65535 with protocol all).
std::string PortRange(const CfnValue* from, const CfnValue* to);
// Truthy: a JSON true or the text "true".
bool IsTrue(const CfnValue* v);

}  // namespace vpcreach::tf

#endif  // VPCREACH_MODEL_TERRAFORM_MAPPER_CONTEXT_H_
