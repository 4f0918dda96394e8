// What the scenario loader's component builders share while they complete one Model.
//
// The loader reads its files first, declaring every written component in the ComponentIndex; then
// the builders (network_builder.h, route_builder.h, security_builder.h, workload_builder.h,
// endpoint_builder.h, service_builder.h) run in dependency order, each converting the written
// components of its kinds into the Model through one BuildContext. Besides the Model and the
// index, the context keeps what crosses builders: which subnets have a usable block, the private
// address requests (assigned once every holder exists) and the public addresses taken so far.
//
// Ownership: the context owns the ComponentIndex, the AddressPlan and the public address table; it
// borrows the Model being built and the diagnostics sink, which must outlive it. Builders append
// to the Model's vectors only, so an index once handed out stays valid.
#ifndef VPCREACH_MODEL_BUILD_CONTEXT_H_
#define VPCREACH_MODEL_BUILD_CONTEXT_H_

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "model/address_plan.h"
#include "model/component_index.h"
#include "model/diagnostics.h"
#include "model/model.h"
#include "model/yaml_reader.h"

namespace vpcreach {

class BuildContext {
 public:
  BuildContext(Model* model, std::vector<Diagnostic>* sink);
  BuildContext(const BuildContext&) = delete;
  BuildContext& operator=(const BuildContext&) = delete;

  Model& model() { return *model_; }
  ComponentIndex& components() { return components_; }

  void Error(const YamlField& field, std::string message) {
    Error(field.location, field.path, std::move(message));
  }
  void Error(const SourceLocation& location, std::string path, std::string message);

  // Whether subnet `subnet` has a usable CIDR block: false when its block was missing or wrong
  // (reported), so that no address is checked against it. The subnet builder sets it once per
  // subnet, in order.
  void SetSubnetHasCidr(Index subnet, bool has_cidr);
  bool SubnetHasCidr(Index subnet) const;

  // Reads the `private_ip:` key of `body`, when written, into `request` (the address, and the
  // key's location and path). False when it is written but not an address (reported): the caller
  // then requests nothing.
  bool ReadPrivateIp(YamlReader& reader, const YamlMap& body, AddressPlan::Request* request);
  // Queues `request` in `group` of the address plan. A request in a subnet without a usable block
  // is queued without its subnet, so it is neither checked nor assigned.
  void RequestAddress(AddressPlan::Group group, AddressPlan::Request request);
  // Assigns the queued private addresses, then the public addresses of launch; call once, after
  // every address holder exists.
  void AssignAddresses();

  // Queues a public address that AWS assigns to ENI `eni` at launch (its subnet's
  // `map_public_ip_on_launch`, a workload's `associate_public_ip`, an internet-facing load
  // balancer). AssignAddresses gives each, in the order queued, the first address from 192.0.2.1
  // upward that no component holds (as the stacks' EIPs are numbered).
  void RequestLaunchPublicIp(Index eni) { launch_public_ips_.push_back(eni); }

  // An Elastic IP held by `owner` ("eni bastion"), or nullopt after a diagnostic when it is not
  // an address, is private (RFC 1918) or is held by another component already.
  std::optional<Ipv4> ReadPublicIp(YamlReader& reader, const YamlField& field,
                                   const std::string& owner);

 private:
  Model* model_;
  std::vector<Diagnostic>* sink_;
  ComponentIndex components_;
  std::vector<bool> subnet_has_cidr_;  // by subnet index
  AddressPlan addresses_;
  std::map<Ipv4, std::string> public_ips_;  // -> "eni bastion"
  std::vector<Index> launch_public_ips_;    // ENIs given a public address on launch
};

// Appends a component for `written` to `*components` with its id and location set, and returns it.
template <typename Component>
Component& AddWritten(std::vector<Component>* components, const WrittenComponent& written) {
  Component& component = components->emplace_back();
  component.id = written.id;
  component.location = written.key.location;
  return component;
}

// Makes component `index` of `components` (a route table marked `main`, a network ACL marked
// `default`) its VPC's `slot`, or reports at `field` that the VPC has one already ("vpc lab already
// has a main route table: public"). The component's VPC must be known.
template <typename Component>
void SetVpcDefault(BuildContext& context, const YamlField& field, Index Vpc::*slot,
                   const std::vector<Component>& components, Index index, const std::string& noun) {
  Vpc& vpc = context.model().vpcs[components[index].vpc];
  if (vpc.*slot != kNone) {
    context.Error(field,
                  "vpc " + vpc.id + " already has a " + noun + ": " + components[vpc.*slot].id);
  } else {
    vpc.*slot = index;
  }
}

// For each VPC whose `slot` is still unset, appends a synthesized component `<vpc><suffix>` of
// `kind` to `*components` (in the VPC, at its location), lets `complete(component, its index)` fill
// in the rest, makes it the VPC's `slot` and registers its id as "the <noun> of vpc <vpc>".
template <typename Component, typename Complete>
void AddVpcDefaults(BuildContext& context, ComponentKind kind, std::vector<Component>* components,
                    Index Vpc::*slot, const std::string& noun, const std::string& suffix,
                    Complete complete) {
  Model& model = context.model();
  for (Index v = 0; v < model.vpcs.size(); ++v) {
    Vpc& vpc = model.vpcs[v];
    if (vpc.*slot != kNone) continue;
    Index index = components->size();
    Component& component = components->emplace_back();
    component.id = vpc.id + suffix;
    component.vpc = v;
    component.synthesized = true;
    component.location = vpc.location;
    complete(component, index);
    vpc.*slot = index;
    context.components().AddSynthesized(kind, component.id, index,
                                        "the " + noun + " of vpc " + vpc.id);
  }
}

}  // namespace vpcreach

#endif  // VPCREACH_MODEL_BUILD_CONTEXT_H_
