#include "sim/hops/peering.h"

#include <string>
#include <utility>

#include "model/loader_messages.h"

namespace vpcreach {
namespace {

std::string SourceMessage(const Model& model, const PeeringConnection& pcx, Index from_vpc,
                          const std::string& source) {
  return "peering connection " + pcx.id + " carries only traffic from addresses of vpc " +
         model.vpcs[from_vpc].id + ", not from " + source +
         ": no edge-to-edge routing through a peering connection";
}

std::string DestinationMessage(const Model& model, const PeeringConnection& pcx, Index to_vpc,
                               const std::string& destination) {
  return "peering connection " + pcx.id + " delivers only to addresses of vpc " +
         model.vpcs[to_vpc].id + " (" + JoinCidrs(model.vpcs[to_vpc].cidrs) + "), not to " +
         destination + ": no transitive routing through a peered VPC";
}

}  // namespace

bool TracePeering(TracerSteps& walk, const Model& model, Index pcx, Index from_vpc,
                  const Packet& p) {
  const PeeringConnection& connection = model.peering_connections[pcx];
  Index to_vpc = connection.PeerOf(from_vpc);
  const Vpc& to = model.vpcs[to_vpc];
  walk.MoveTo(NodeKind::kPeeringConnection, pcx,
              HopAt(connection.id, kKindPeeringConnection, "to vpc " + to.id, p));
  if (!model.vpcs[from_vpc].Contains(p.src)) {
    walk.Refuse(HopAt(connection.id, kKindPeeringConnection,
                      "source " + p.src.ToString() + " outside vpc " + model.vpcs[from_vpc].id, p),
                kPcxSourceNotInVpc, SourceMessage(model, connection, from_vpc, p.src.ToString()));
    return false;
  }
  if (!to.Contains(p.dst)) {
    walk.Refuse(HopAt(connection.id, kKindPeeringConnection,
                      p.dst.ToString() + " is not in vpc " + to.id, p),
                kPcxDestinationNotInPeerVpc,
                DestinationMessage(model, connection, to_vpc, p.dst.ToString()));
    return false;
  }
  Index subnet = model.FindSubnetIn(to_vpc, p.dst);
  if (subnet == kNone) {
    walk.Refuse(HopAt(to.id, kKindVpc, "no subnet holds " + p.dst.ToString(), p),
                "UNKNOWN_DESTINATION",
                p.dst.ToString() + " is inside vpc " + to.id + " but no subnet holds it");
    return false;
  }
  return walk.EnterSubnet(subnet, p);
}

void SolvePeering(SolverSteps& walk, Index pcx, Index from_vpc, walk::State s) {
  const Model& model = walk.model();
  const SolverTables& tables = walk.tables();
  const HeaderSets& sets = walk.sets();
  const PeeringConnection& connection = model.peering_connections[pcx];
  Index to_vpc = connection.PeerOf(from_vpc);
  const Vpc& to = model.vpcs[to_vpc];
  walk.Step(s, connection.id, kKindPeeringConnection, "to vpc " + to.id);
  PacketSet from_sending_vpc;
  for (const Cidr& c : model.vpcs[from_vpc].cidrs) {
    from_sending_vpc |= sets.InCidr(s.h, Field::kSrc, c);
  }
  if (!walk.Keep(s, from_sending_vpc, kPcxSourceNotInVpc, connection.id)) return;
  FieldRange destinations = walk::AddressHull(s, Field::kDst);
  for (Index subnet : tables.SubnetsMeeting(to_vpc, destinations.lo, destinations.hi)) {
    std::optional<walk::State> part =
        walk::PartCidr(s, Field::kDst, model.subnets[subnet].cidr);
    if (part) walk.EnterSubnet(subnet, std::move(*part));
  }
  if (s.cond.IsEmpty() || !walk.Refusable(s)) return;
  s.cond -= sets.InSet(s.h, Field::kDst, tables.subnet_space[to_vpc]);
  PacketSet in_peer;
  for (const Cidr& c : to.cidrs) in_peer |= sets.InCidr(s.h, Field::kDst, c);
  walk.Refuse(s, s.cond & in_peer, "UNKNOWN_DESTINATION", to.id);
  walk.Refuse(s, s.cond - in_peer, kPcxDestinationNotInPeerVpc, connection.id);
}

}  // namespace vpcreach
