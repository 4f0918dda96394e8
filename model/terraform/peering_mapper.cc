#include "model/terraform/peering_mapper.h"

#include <map>
#include <set>

namespace vpcreach::tf {
namespace {

constexpr const char* kConnection = "aws_vpc_peering_connection";
constexpr const char* kAccepter = "aws_vpc_peering_connection_accepter";

// The connection an accepter names. By id the accepter holds the connection's own id (both
// resources have it), so the connection is looked up among connections only.
const Resource* ConnectionOf(const MapperContext& c, const Resource& accepter) {
  const CfnValue* id = accepter.Value("vpc_peering_connection_id");
  for (const Resource& r : c.doc().resources()) {
    if (r.type != kConnection) continue;
    const CfnValue* own = r.Value("id");
    if (id != nullptr && own != nullptr && own->text() == id->text()) return &r;
  }
  Tie tie = c.ties().Resolve(accepter, "vpc_peering_connection_id", {kConnection});
  return tie.found.size() == 1 ? tie.found.front() : nullptr;
}

// Whether the connection is accepted: the state's accept_status, else auto_accept on it or on an
// accepter of it.
bool Accepted(const MapperContext& c, const Resource& r,
              const std::map<const Resource*, const Resource*>& accepters) {
  if (const CfnValue* status = r.Value("accept_status")) return status->text() == "active";
  if (IsTrue(r.Value("auto_accept"))) return true;
  auto it = accepters.find(&r);
  if (it == accepters.end()) return false;
  const CfnValue* status = it->second->Value("accept_status");
  if (status != nullptr) return status->text() == "active";
  return IsTrue(it->second->Value("auto_accept"));
}

}  // namespace

bool IsPeeringType(const std::string& type) {
  return type == kConnection || type == kAccepter || type == "aws_vpc_peering_connection_options";
}

void MapPeerings(MapperContext& c) {
  std::map<const Resource*, const Resource*> accepters;  // connection -> its accepter
  std::map<std::string, std::string> renamed;            // accepter address -> connection's
  std::set<std::string> dead;                            // addresses whose routes are blackholes
  for (const Resource& r : c.doc().resources()) {
    if (r.type == "aws_vpc_peering_connection_options") {
      c.Ignore(r, "DNS resolution options of a peering: vpcreach answers by address", false);
    }
    if (r.type != kAccepter) continue;
    const Resource* connection = ConnectionOf(c, r);
    if (connection == nullptr) {
      c.Ignore(r,
               "it accepts a peering connection whose requester is not in this Terraform "
               "document (another account or configuration): what crosses it is not followed",
               true);
      c.ignored().back().unfollowed = true;
      dead.insert(r.address);
      continue;
    }
    accepters[connection] = &r;
    renamed[r.address] = connection->address;
  }
  for (const Resource& r : c.doc().resources()) {
    if (r.type != kConnection) continue;
    const CfnValue* region = r.Value("peer_region");
    if (region != nullptr && region->text() != c.region()) {
      c.Ignore(r,
               "it peers with a VPC in " + region->text() +
                   ", another region: what crosses it "
                   "is not followed",
               true);
      c.ignored().back().unfollowed = true;
      dead.insert(r.address);
      continue;
    }
    Tie peer = c.ties().Resolve(r, "peer_vpc_id", kVpcTypes);
    if (peer.found.size() != 1) {
      c.Ignore(r,
               "its peer VPC is not in this Terraform document (another account or "
               "configuration): what crosses it is not followed",
               true);
      c.ignored().back().unfollowed = true;
      dead.insert(r.address);
      continue;
    }
    auto requester = c.TieOne(r, "vpc_id", kVpcTypes, "VPC", true);
    if (!requester) continue;
    if (!Accepted(c, r, accepters)) {
      c.Ignore(r,
               "not accepted (no auto_accept, and no aws_vpc_peering_connection_accepter with "
               "auto_accept names it): a pending connection carries nothing",
               false);
      dead.insert(r.address);
      continue;
    }
    GenNode& pcx = c.Add("peering_connections", r);
    pcx.Set("requester", std::move(*requester));
    const CfnValue* value = r.Value("peer_vpc_id");
    pcx.Set("accepter", GenNode::Scalar(peer.found.front()->address,
                                        value != nullptr ? MapperContext::OriginOf(*value)
                                                         : MapperContext::OriginOf(r)));
  }
  for (auto& [id, table] : c.Components("route_tables")) {
    GenNode* routes = table->Find("routes");
    if (routes == nullptr) continue;
    for (GenNode& route : routes->items) {
      GenNode* target = route.Find("target");
      if (target == nullptr) continue;
      if (auto it = renamed.find(target->text); it != renamed.end()) {
        target->text = dead.count(it->second) ? "blackhole" : it->second;
      } else if (dead.count(target->text)) {
        target->text = "blackhole";
      }
    }
  }
}

}  // namespace vpcreach::tf
