// What the snapshot mappers share: the parsed describe-* files of one snapshot folder, the
// generated scenario document as it grows, and the helpers that turn JSON values into located
// scenario values.
//
// A snapshot (contract.md, "Additions") is a folder of AWS CLI `describe-*` JSON outputs, each
// recognised by its top-level key, not by its name. Like model/cloudformation/, the mappers
// (network_mapper.cc, security_mapper.cc, interface_mapper.cc, transit_mapper.cc) write the
// network as a native scenario document whose every value line records where in which JSON file
// it came from (file, line, column, JSON path such as `Subnets[2].VpcId`), and the loader's
// builders then read it as they read a hand-written scenario: one source of validation. Every
// component keeps its AWS id.
//
// Internal to model/snapshot: snapshot_reader.h is the interface the loader uses.
#ifndef VPCREACH_MODEL_SNAPSHOT_MAPPING_H_
#define VPCREACH_MODEL_SNAPSHOT_MAPPING_H_

#include <functional>
#include <initializer_list>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "model/cloudformation/scenario_writer.h"
#include "model/diagnostics.h"
#include "model/model.h"
#include "model/yaml_document.h"

namespace vpcreach::snapshot {

using cfn::GenNode;
using cfn::LineOrigin;

// One parsed describe-* output.
struct JsonFile {
  std::string path;  // as diagnostics name it
  std::unique_ptr<YamlStream> stream;
  const YamlNode* root = nullptr;  // the top-level object
};

// One element of a describe output's list: `Subnets[3]` of a file.
struct Item {
  const JsonFile* file = nullptr;
  const YamlNode* node = nullptr;  // an object
  std::string path;                // `Subnets[3]`; "" for a file that is one object

  // The member `key` (nullptr when absent or null).
  const YamlNode* Get(const std::string& key) const;
  // The member `key` as text ("" when absent, null or not a scalar).
  std::string Str(const std::string& key) const;
  // The object or list member `key` as an Item (node nullptr when absent).
  Item Child(const std::string& key) const;
  // The items of the list member `key` (none when absent).
  std::vector<Item> List(const std::string& key) const;
  // The list member `key` of scalars as a native list, each located ("" path: the file).
  GenNode Strings(const std::string& key) const;
  // Where `node` of this item lies, with the JSON path `path`.
  LineOrigin Origin(const YamlNode* node, const std::string& path) const;
  LineOrigin Origin() const { return Origin(node, path); }
  // The origin of member `key` (of the item itself when the member is absent).
  LineOrigin OriginOf(const std::string& key) const;
};

class Mapping {
 public:
  Mapping(std::vector<Diagnostic>* sink) : sink_(sink) {}

  // The files read, and their items by top-level key.
  void AddFile(std::unique_ptr<JsonFile> file, const std::string& key);
  std::vector<Item> Items(const std::string& key) const;

  // A section of the generated document (`vpcs`, `sagemaker`, ...), created on first use.
  GenNode& Section(const std::string& name);
  GenNode& root() { return root_; }

  // A component `id` of `section`, created (located at `at`) on first use.
  GenNode& Component(const std::string& section, const std::string& id, const LineOrigin& at);
  bool Has(const std::string& section, const std::string& id);
  void Remove(const std::string& section, const std::string& id);

  // Scalars and lists with origins.
  static GenNode Scalar(const std::string& text, const LineOrigin& origin) {
    return GenNode::Scalar(text, origin);
  }
  // `item`'s member `key` written as `target.key_out` (nothing when absent).
  static bool Copy(const Item& item, const std::string& key, GenNode& target,
                   const std::string& key_out);

  void Error(const LineOrigin& at, const std::string& message);
  void Warn(const LineOrigin& at, const std::string& message);
  // A required member: its text, or a located error naming the describe command that prints it.
  std::optional<std::string> Require(const Item& item, const std::string& key,
                                     const std::string& command);

  // A resource not in the `available` state (or its kind's equivalent): skipped, as AWS routes
  // around it; validate lists it.
  void Skip(const Item& item, const std::string& id, const std::string& type,
            const std::string& state);
  bool Skipped(const std::string& id) const { return skipped_.count(id) != 0; }
  // Whether `state` (as the describe prints it; "" when it prints none) is one of `live`; else
  // the resource is skipped with that state ("unknown" when none is printed).
  bool Live(const Item& item, const std::string& id, const std::string& type,
            const std::string& state, std::initializer_list<std::string_view> live);
  // Something that shapes reachability and is not modelled: a warning that voids proofs when
  // `unfollowed` (IPv6, connections to networks outside the model).
  void Ignore(const Item& item, const std::string& id, const std::string& type,
              const std::string& reason, bool unfollowed, const std::string& fix = "");
  const std::vector<IgnoredResource>& ignored() const { return ignored_; }

  // Ids seen in the snapshot's describes, by kind, for references between them.
  std::set<std::string>& ids(const std::string& kind) { return ids_[kind]; }
  // The interfaces SageMaker notebooks hold: ENI id -> notebook name.
  std::map<std::string, std::string> notebook_enis;

 private:
  std::vector<Diagnostic>* sink_;
  std::vector<std::unique_ptr<JsonFile>> files_;
  std::map<std::string, std::vector<const JsonFile*>> by_key_;
  GenNode root_ = GenNode::Map(LineOrigin{});
  std::set<std::string> skipped_;
  std::vector<IgnoredResource> ignored_;
  std::map<std::string, std::set<std::string>> ids_;
};

// The mappers, each for a group of describe outputs (one file pair each).
void MapNetwork(Mapping& m);      // Vpcs, Subnets, InternetGateways, NatGateways, PrefixLists,
                                  // VpcEndpoints, VpcPeeringConnections
void MapRouteTables(Mapping& m);  // RouteTables (after the gateways: skipped targets)
void MapSecurity(Mapping& m);     // SecurityGroups, NetworkAcls
void MapInterfaces(Mapping& m);   // NetworkInterfaces, Reservations, Addresses
void MapTransit(Mapping& m);
void MapSageMaker(Mapping& m);  // describe-notebook-instance, -training-job, -domain outputs
                                // (one object each: Items("NotebookInstance"), ...)      //
                                // TransitGateway*, VpnGateways, CustomerGateways, VpnConnections

}  // namespace vpcreach::snapshot

#endif  // VPCREACH_MODEL_SNAPSHOT_MAPPING_H_
