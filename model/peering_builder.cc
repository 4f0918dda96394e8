#include "model/peering_builder.h"

#include <string>

#include "model/loader_messages.h"

namespace vpcreach {
namespace {

// The first pair of overlapping blocks of two VPCs, or nullopt.
std::optional<std::pair<Cidr, Cidr>> Overlap(const Vpc& a, const Vpc& b) {
  for (const Cidr& x : a.cidrs) {
    for (const Cidr& y : b.cidrs) {
      if (x.Overlaps(y)) return std::pair{x, y};
    }
  }
  return std::nullopt;
}

}  // namespace

void BuildPeeringConnections(BuildContext& context) {
  Model& model = context.model();
  ComponentIndex& components = context.components();
  for (const WrittenComponent& w : components.Written(ComponentKind::kPeeringConnection)) {
    YamlReader& r = *w.reader;
    PeeringConnection& pcx = AddWritten(&model.peering_connections, w);
    YamlMap m(r, w.body, {"requester", "accepter"});
    auto requester = m.Require("requester");
    auto accepter = m.Require("accepter");
    if (requester) pcx.requester = components.Resolve(ComponentKind::kVpc, r, *requester);
    if (accepter) pcx.accepter = components.Resolve(ComponentKind::kVpc, r, *accepter);
    if (pcx.requester == kNone || pcx.accepter == kNone) continue;
    const Vpc& a = model.vpcs[pcx.requester];
    const Vpc& b = model.vpcs[pcx.accepter];
    bool ok = true;
    if (pcx.requester == pcx.accepter) {
      context.Error(*accepter, "a peering connection joins two VPCs; requester and accepter are "
                               "both vpc " + a.id);
      ok = false;
    } else if (auto overlap = Overlap(a, b)) {
      context.Error(*accepter, "vpc " + a.id + " (" + overlap->first.ToString() + ") and vpc " +
                                   b.id + " (" + overlap->second.ToString() +
                                   ") overlap: AWS cannot peer VPCs whose IPv4 blocks overlap");
      ok = false;
    } else {
      for (const PeeringConnection& other : model.peering_connections) {
        if (&other == &pcx || !other.Connects(pcx.requester, pcx.accepter)) continue;
        context.Error(*accepter, "vpc " + a.id + " and vpc " + b.id +
                                     " are peered already by " + other.id + " (" +
                                     FormatLocation(other.location) +
                                     "): AWS allows one active peering connection between two "
                                     "VPCs");
        ok = false;
        break;
      }
    }
    if (!ok) pcx.requester = pcx.accepter = kNone;
  }
}

}  // namespace vpcreach
