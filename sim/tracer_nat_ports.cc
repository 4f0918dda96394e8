// The tracer's side of a NAT gateway's port choice (tracer.h): every choice is walked, and a
// connection that works for some choices and not for others is said so.
#include <algorithm>
#include <functional>

#include "sim/header_space.h"
#include "sim/tracer.h"

namespace vpcreach {
namespace {

// One walk of the enumeration: the NAT gateways' choices, in order, and what came of them.
struct NatPortLeaf {
  std::vector<std::uint16_t> choices;
  TraceResult result;
};

// The index of the cell of `cells` (ascending) that holds `port`.
std::size_t CellOf(const std::vector<Cell>& cells, std::uint64_t port) {
  auto it = std::upper_bound(cells.begin(), cells.end(), port,
                             [](std::uint64_t p, const Cell& c) { return p < c.lo; });
  return static_cast<std::size_t>(it - cells.begin()) - 1;
}

// The first hop that blocked the walk, forward then return; nullptr when none did (the reply
// came back another way).
const Hop* FirstBlock(const TraceResult& r) {
  for (const std::vector<Hop>* hops : {&r.forward, &r.reverse}) {
    for (const Hop& h : *hops) {
      if (h.blocked) return &h;
    }
  }
  return nullptr;
}

std::string KindName(const std::string& kind) {
  if (kind == kKindNetworkAcl) return "network ACL";
  if (kind == kKindSecurityGroup) return "security group";
  if (kind == kKindNatGateway) return "NAT gateway";
  return kind;
}

std::string PortsText(const std::vector<PortRange>& ports) {
  std::string out;
  for (const PortRange& p : ports) out += (out.empty() ? "" : ", ") + p.ToString();
  return out;
}

// The warnings of a delivered trace (`shown`, one of `leaves`) for the choices that fail: per
// NAT gateway on the path, the cells of its ports that no delivered walk chose, grouped by the
// first filter that refuses them (read on the walk that differs from `shown` only there).
std::vector<TraceWarning> NatPortWarnings(const Model& model,
                                          const std::vector<NatPortLeaf>& leaves,
                                          const NatPortLeaf& shown, const std::vector<int>& cuts) {
  std::vector<Cell> cells = PortCells(PortRange{kNatPortFirst, kNatPortLast}, cuts, 0);
  std::vector<TraceWarning> out;
  for (std::size_t k = 0; k < shown.choices.size(); ++k) {
    std::vector<TraceWarning> here;
    for (std::size_t c = 0; c < cells.size(); ++c) {
      const NatPortLeaf* failed = nullptr;
      bool works = false;
      for (const NatPortLeaf& leaf : leaves) {
        if (leaf.choices.size() <= k || CellOf(cells, leaf.choices[k]) != c) continue;
        if (leaf.result.delivered) {
          works = true;
          break;
        }
        bool like_shown = true;
        for (std::size_t j = 0; j < leaf.choices.size() && j < shown.choices.size(); ++j) {
          if (j != k && CellOf(cells, leaf.choices[j]) != CellOf(cells, shown.choices[j])) {
            like_shown = false;
          }
        }
        if (failed == nullptr || like_shown) failed = &leaf;
      }
      if (works || failed == nullptr) continue;
      const Hop* block = FirstBlock(failed->result);
      TraceWarning refusal;
      if (block != nullptr) {
        refusal.refused_by = block->component;
        refusal.refused_by_kind = block->kind;
        refusal.decision = block->decision;
        refusal.rule = block->rule;
        refusal.rule_location = block->rule_location;
      } else if (!failed->result.explanations.empty()) {
        const Explanation& e = failed->result.explanations.front();
        refusal.refused_by = e.component;
        refusal.decision = e.code;
      }
      auto same = [&](const TraceWarning& w) {
        return w.refused_by == refusal.refused_by && w.decision == refusal.decision &&
               w.rule == refusal.rule;
      };
      auto it = std::find_if(here.begin(), here.end(), same);
      if (it == here.end()) it = here.insert(here.end(), std::move(refusal));
      PortRange cell{static_cast<std::uint16_t>(cells[c].lo),
                     static_cast<std::uint16_t>(cells[c].hi)};
      if (!it->ports.empty() && it->ports.back().to + 1 == cell.from) {
        it->ports.back().to = cell.to;
      } else {
        it->ports.push_back(cell);
      }
    }
    const std::string& nat = model.nat_gateways[shown.result.nat_ports[k].nat].id;
    for (TraceWarning& w : here) {
      w.code = kNatPortsWarning;
      w.component = nat;
      std::string refused = w.refused_by_kind.empty()
                                ? "do not come back (" + w.decision + " at " + w.refused_by + ")"
                                : "are refused by " + KindName(w.refused_by_kind) + " " +
                                      w.refused_by + " (" + w.decision + ")";
      w.message = "NAT gateway " + nat + " picks source ports " +
                  PortRange{kNatPortFirst, kNatPortLast}.ToString() + "; replies to " +
                  (w.ports.size() == 1 && w.ports[0].from == w.ports[0].to ? "port " : "ports ") +
                  PortsText(w.ports) + " " + refused + ": those connections fail";
      out.push_back(std::move(w));
    }
  }
  return out;
}

}  // namespace

TraceResult Tracer::TraceOne(const Origin& origin, const Packet& packet,
                             const TraceOptions& options) const {
  std::vector<int> cuts;
  TraceResult first = TraceChoices(origin, packet, options, {}, &cuts);
  if (first.nat_ports.empty()) return first;
  // Every NAT gateway's choice, one per cell of its ports that the rules evaluated on the way
  // cut (the same rules whatever the choices: the path does not depend on the ports).
  cuts.push_back(kNatPortFirst);
  std::sort(cuts.begin(), cuts.end());
  cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
  std::vector<NatPortLeaf> leaves;
  // Depth first, the default choice's cell first at each NAT gateway: leaves[0] is `first`.
  std::function<void(std::vector<std::uint16_t>, TraceResult)> explore =
      [&](std::vector<std::uint16_t> prefix, TraceResult known) {
        std::size_t k = prefix.size();
        if (known.nat_ports.size() <= k) {
          leaves.push_back(NatPortLeaf{std::move(prefix), std::move(known)});
          return;
        }
        std::uint16_t kept = known.nat_ports[k].port;
        for (const Cell& cell : PortCells(PortRange{kNatPortFirst, kNatPortLast}, cuts, kept)) {
          std::vector<std::uint16_t> choices = prefix;
          choices.push_back(static_cast<std::uint16_t>(cell.representative));
          if (cell.representative == kept) {
            explore(std::move(choices), std::move(known));
          } else {
            TraceResult other = TraceChoices(origin, packet, options, choices, nullptr);
            explore(std::move(choices), std::move(other));
          }
        }
      };
  explore({}, std::move(first));
  const NatPortLeaf* shown = &leaves.front();
  for (const NatPortLeaf& leaf : leaves) {
    if (leaf.result.delivered) {
      shown = &leaf;
      break;
    }
  }
  TraceResult result = shown->result;
  if (result.delivered) result.warnings = NatPortWarnings(model_, leaves, *shown, cuts);
  return result;
}

}  // namespace vpcreach
