// The ids of a scenario's components, for the scenario loader and its builders.
//
// While files are read, the loader declares every written component (`vpcs: {lab: {...}}`) here
// with its id, its reader and its still unconverted body; the builders then walk the written
// components of each kind in document order, and register the components vpcreach creates itself
// (a VPC's main route table, the ENIs of an interface endpoint, ...). Builders resolve references
// here, with "did you mean" suggestions, and check that a reference stays in one VPC.
//
// Ownership: the index owns the written components and the id tables; it only reads the Model
// being built (for the VPC and id of a resolved component) and appends diagnostics to a sink it
// does not own. Both must outlive it.
//
// Invariants: ids are unique within a kind, and the kinds an endpoint can name (subnets, ENIs,
// notebooks, training jobs, workloads) share one namespace; a second holder of an id is reported
// and loses, but references by kind still resolve to the first component of that kind with the id,
// so that the duplicate is the only complaint. Ids registered for a kind are indices into the
// Model's vector of that kind.
#ifndef VPCREACH_MODEL_COMPONENT_INDEX_H_
#define VPCREACH_MODEL_COMPONENT_INDEX_H_

#include <array>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "model/diagnostics.h"
#include "model/model.h"
#include "model/yaml_reader.h"

namespace vpcreach {

// The component kinds that have ids.
enum class ComponentKind {
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
  kWorkload,
  kTargetGroup,
  kPeeringConnection,
  kTransitGateway,
  kTransitGatewayAttachment,
  kTransitGatewayRouteTable,
  kVpnGateway,
  kCustomerGateway,
  kVpnConnection,
};
inline constexpr size_t kComponentKindCount = 21;

// As messages name the kind: "route table".
const char* NounOf(ComponentKind kind);
// Where the kind is written: "route_tables", "sagemaker.training_jobs".
const char* SectionOf(ComponentKind kind);

// One component as written: its id and its body, not yet converted.
struct WrittenComponent {
  std::string id;
  YamlReader* reader;  // the reader of its file, owned by the loader
  YamlField key;       // the id's node
  YamlField body;      // the component's mapping
};

class ComponentIndex {
 public:
  // `model` is the Model being built; diagnostics are appended to `*sink`.
  ComponentIndex(const Model& model, std::vector<Diagnostic>* sink);

  // Records a written component of `kind` in document order; reports an empty id and an id that
  // is already used in the kind's namespace.
  void Declare(ComponentKind kind, const std::string& id, YamlReader& reader, const YamlField& key,
               const YamlField& body);
  // Registers a component vpcreach creates, `index` into the Model's vector of `kind`; reports a
  // written component that holds `id` already ("reserved for <what>; choose another id").
  void AddSynthesized(ComponentKind kind, const std::string& id, Index index,
                      const std::string& what);
  // Makes `id` resolve to `index` for `kind` without claiming it in the namespace (a notebook's
  // ENI, whose id the notebook holds).
  void AddAlias(ComponentKind kind, const std::string& id, Index index);

  // The written components of `kind`, in the order declared.
  const std::vector<WrittenComponent>& Written(ComponentKind kind) const {
    return written_[static_cast<size_t>(kind)];
  }
  // The index of the component of `kind` with id `id`, or kNone (without a diagnostic).
  Index Find(ComponentKind kind, const std::string& id) const;
  // Every id of `kind`, sorted, for "did you mean" suggestions.
  std::vector<std::string> IdsOf(ComponentKind kind) const;
  // A kind that has a component `id`, if any (the first in kind order).
  std::optional<ComponentKind> KindHolding(const std::string& id) const;

  // The component of `kind` that `field` names, or kNone after a diagnostic ("unknown subnet
  // 'privte-a'; did you mean 'private-a'?", or "'x' is a vpc, not a subnet").
  Index Resolve(ComponentKind kind, YamlReader& reader, const YamlField& field);
  // The VPC of component `index` of `kind`; kNone when it has none or it is unknown.
  Index VpcOf(ComponentKind kind, Index index) const;
  // True when component `index` of `kind` is in `vpc`, or when either is unknown (already
  // reported); else reports "<noun> <id> is in vpc <a>, not in vpc <b>" at `field`. A security
  // group of a `holder` placed in subnets ("an RDS instance") adds what to change: "; the
  // security groups of <holder> are in the vpc of its subnets: name security groups of vpc <b>,
  // or subnets of vpc <a>".
  bool SameVpc(const YamlField& field, ComponentKind kind, Index index, Index vpc,
               const std::string& holder = "");

 private:
  // Who holds an id, for "already used" messages.
  struct IdOwner {
    ComponentKind kind;
    SourceLocation location;
    bool synthesized = false;
  };

  const std::string& IdOf(ComponentKind kind, Index index) const;
  std::map<std::string, Index>& IdsFor(ComponentKind kind) {
    return by_kind_[static_cast<size_t>(kind)];
  }
  void Error(const SourceLocation& location, std::string path, std::string message);

  const Model& model_;
  std::vector<Diagnostic>* sink_;
  std::map<std::pair<size_t, std::string>, IdOwner> ids_;  // (namespace, id) -> its holder
  std::array<std::map<std::string, Index>, kComponentKindCount> by_kind_;  // first of each id
  std::array<std::vector<WrittenComponent>, kComponentKindCount> written_;
};

}  // namespace vpcreach

#endif  // VPCREACH_MODEL_COMPONENT_INDEX_H_
