#include "sim/solver.h"

#include <algorithm>
#include <array>
#include <map>
#include <memory>
#include <tuple>

#include "sim/hops/load_balancer.h"
#include "sim/hops/peering.h"
#include "sim/hops/transit_gateway.h"
#include "sim/hops/vpn.h"
#include "sim/rules.h"
#include "sim/solver_filters.h"
#include "sim/solver_state.h"
#include "sim/solver_tables.h"
#include "sim/tracer.h"

namespace vpcreach {

// ---- symbolic headers ---------------------------------------------------------------------------

PacketSet ReachResult::Delivered() const {
  PacketSet out;
  for (const DeliveredClass& c : classes) out |= c.packets;
  return out;
}

void ReachResult::AddZoneChoices(const std::vector<std::string>& other) {
  zone_choices.insert(zone_choices.end(), other.begin(), other.end());
  std::sort(zone_choices.begin(), zone_choices.end());
  zone_choices.erase(std::unique(zone_choices.begin(), zone_choices.end()), zone_choices.end());
}

bool DeliveredClass::Passes(const std::string& name) const {
  return std::any_of(forward.begin(), forward.end(), [&name](const PathStep& s) {
    return s.component == name || s.kind == name;
  });
}

namespace {

using walk::AddressHull;
using walk::ChoicePieces;
using walk::ChoiceRead;
using walk::HoldsChoice;
using walk::JoinAlike;
using walk::Length;
using walk::NatEntry;
using walk::Part;
using walk::PartCidr;
using walk::SameValue;
using walk::State;
using walk::StepChain;
using walk::Take;
using walk::TakeAddresses;
using walk::TakeCidr;
using walk::ToVector;
using walk::WithChoice;

constexpr Ipv4 kMetadata = 0xa9fea9feu;      // 169.254.169.254
constexpr Ipv4 kTimeSync = 0xa9fea97bu;      // 169.254.169.123
constexpr Ipv4 kLinkLocalDns = 0xa9fea9fdu;  // 169.254.169.253

// The Amazon-provided services' addresses an ENI of `vpc` reaches unfiltered.
std::array<Ipv4, 4> AmazonProvided(const Vpc& vpc) {
  return {vpc.DnsResolver(), kMetadata, kTimeSync, kLinkLocalDns};
}
bool AmazonProvidedWithin(const Vpc& vpc, const FieldRange& r) {
  std::array<Ipv4, 4> all = AmazonProvided(vpc);
  return std::any_of(all.begin(), all.end(), [&r](Ipv4 a) { return r.lo <= a && a <= r.hi; });
}

class Walk : public SolverSteps {
 public:
  Walk(const Model& model, const SolverTables& tables, const SolverOptions& options,
       const Origin& origin, const SymbolicHeader& initial, ReachResult* result)
      : model_(model),
        tables_(tables),
        sets_(model, tables),
        options_(options),
        origin_(origin),
        initial_(initial),
        result_(*result) {
    if (options.one_class_per_eni) reached_.assign(model.enis.size(), false);
    if (options.destination == nullptr) return;
    const Endpoint& d = *options.destination;
    wanted_enis_.assign(model.enis.size(), false);
    wanted_subnets_.assign(model.subnets.size(), false);
    for (Index e : d.enis) {
      wanted_enis_[e] = true;
      wanted_subnets_[model.enis[e].subnet] = true;
    }
    wanted_host_subnets_.assign(model.subnets.size(), false);
    if (options.deliver_to_subnet_hosts) {
      for (Index sn : d.subnets) wanted_subnets_[sn] = wanted_host_subnets_[sn] = true;
    }
    outside_wanted_ = d.outside;
    for (std::size_t i = 0; i < tables.public_targets.size(); ++i) {
      Index e = tables.public_targets[i].eni;
      if (e == kNone || wanted_enis_[e]) wanted_targets_.push_back(i);
    }
  }

  void Start(State s) {
    switch (origin_.kind) {
      case OriginKind::kEni:
        FromEni(origin_.index, std::move(s), /*forwarding=*/false);
        return;
      case OriginKind::kSubnetHost:
        Step(s, model_.subnets[origin_.index].id, kKindSubnet, "host sends");
        Route(origin_.index, std::move(s));
        return;
      case OriginKind::kOutside:
        Step(s, origin_.label, kKindService, "sends");
        Outside(std::move(s));
        return;
      case OriginKind::kSageMaker:
        Step(s, "sagemaker-network", kKindSageMakerNetwork, "runs in SageMaker's network");
        if (origin_.training_job && model_.training_jobs[origin_.index].network_isolation) {
          Refuse(s, s.cond, "SAGEMAKER_NETWORK_ISOLATION", origin_.label);
          return;
        }
        OutsideDelivery(std::move(s), Exit::kSageMaker, kNone);
        return;
    }
  }

  // SolverSteps, for the hops of sim/hops/.
  const Model& model() const override { return model_; }
  const SolverTables& tables() const override { return tables_; }
  const HeaderSets& sets() const override { return sets_; }
  void EnterSubnet(Index subnet, State s) override {
    if (!Wanted(s, wanted_subnets_, subnet)) return;
    Step(s, model_.subnets[subnet].id, kKindSubnet, "enters");
    NetworkAcl(subnet, std::move(s), /*ingress=*/true,
               [this, subnet](State t) { InSubnet(subnet, std::move(t)); });
  }
  void NaclThen(Index subnet, State s, bool ingress,
                const std::function<void(State)>& next) override {
    NetworkAcl(subnet, std::move(s), ingress, next);
  }
  void RouteFrom(Index subnet, State s) override { Route(subnet, std::move(s)); }
  void DeliverOnPremises(Index vgw, State s) override {
    if (!OutsideWanted(s)) return;
    Step(s, "on-premises", kKindService, "delivered");
    Arrive(std::move(s), Delivery{DeliveryKind::kOutside, kNone, 0}, Exit::kVpn, vgw);
  }
  void FollowsOneChoice(const std::string& component) override {
    result_.AddZoneChoices({component});
  }

 private:
  // ---- bookkeeping ------------------------------------------------------------------------

  // With SolverOptions::destination, whether a request that would end at this ENI, in this
  // subnet or outside can still count; replies are always followed.
  bool Wanted(const State& s, const std::vector<bool>& wanted, Index i) const {
    return s.is_return || options_.destination == nullptr || wanted[i];
  }
  // With SolverOptions::one_class_per_eni: a request need not go on to ENI e once e has a class
  // (Open), nor a reply whose request reached such an ENI (Settled).
  bool Open(const State& s, Index e) const {
    return !options_.one_class_per_eni || s.is_return || !reached_[e];
  }
  bool Settled(const State& s) const {
    return options_.one_class_per_eni && s.is_return &&
           s.forward_delivery.kind == DeliveryKind::kEni && reached_[s.forward_delivery.index];
  }
  bool OutsideWanted(const State& s) const {
    return s.is_return || options_.destination == nullptr || outside_wanted_;
  }

  void Step(State& s, const std::string& component, const char* kind, std::string decision) {
    if (!options_.record_steps) return;
    int length = Length(s.steps) + 1;
    s.steps = std::make_shared<const StepChain>(
        StepChain{PathStep{component, kind, std::move(decision)}, std::move(s.steps), length});
  }

  bool OverBudget() {
    if (result_.classes.size() < options_.max_classes && !PacketSetManager::BudgetExceeded()) {
      return false;
    }
    result_.budget_exceeded = true;
    return true;
  }

  void Refuse(const State& s, const PacketSet& part, const char* code, const std::string& component) {
    if (!options_.record_steps || part.IsEmpty()) return;
    int depth = Length(s.steps) + Length(s.forward_steps);
    if (depth <= result_.refusal.depth) return;
    result_.refusal = Refusal{part, depth, code, component};
  }

  // Removes from s the requests whose current address field `f` is in `set`.
  void Remove(State& s, Field f, const IpRangeSet& set) const {
    if (!s.cond.IsEmpty()) s.cond -= sets_.InSet(s.h, f, set);
  }

  // Keeps only the part of s inside pred; refuses the rest.
  bool Keep(State& s, const PacketSet& pred, const char* code, const std::string& component) {
    if (pred.IsAll()) return !s.cond.IsEmpty();
    if (Refusable(s)) Refuse(s, s.cond - pred, code, component);
    s.cond = s.cond & pred;
    return !s.cond.IsEmpty();
  }

  // Could a refusal on this path still become the recorded one (deeper than it)? If not, the
  // refused part need not be computed.
  bool Refusable(const State& s) const {
    if (!options_.record_steps) return false;
    return Length(s.steps) + Length(s.forward_steps) > result_.refusal.depth;
  }

  template <typename List>
  static bool Contains(const List& v, Index x) {
    return std::find(v.begin(), v.end(), x) != v.end();
  }

  const TrainingJob* IsolatedJobOf(const Eni& eni) const {
    return vpcreach::IsolatedJobOf(model_, eni);
  }

  // ---- filters ------------------------------------------------------------------------------

  // The protocols of a state's requests as the current header has them (an interval that holds
  // them), computed when first asked.
  class Protocols {
   public:
    explicit Protocols(const State& s) : s_(s) {}
    bool MayBe(int rule_protocol) {
      if (rule_protocol == kAllProtocols) return true;
      if (!hull_) {
        const FieldExpr& p = s_.h[Field::kProtocol];
        hull_ = p.kind != FieldExpr::Kind::kOriginal
                    ? FieldRange{p.value, p.value}
                    : s_.cond.Hull(Field::kProtocol).value_or(FieldRange{0, 255});
      }
      auto v = static_cast<std::uint64_t>(rule_protocol);
      return hull_->lo <= v && v <= hull_->hi;
    }

   private:
    const State& s_;
    std::optional<FieldRange> hull_;
  };
  static bool Meets(const Cidr& c, const FieldRange& peers) {
    return c.First() <= peers.hi && peers.lo <= c.Last();
  }
  static bool Covers(const Cidr& c, const FieldRange& peers) {
    return c.First() <= peers.lo && peers.hi <= c.Last();
  }
  static void AddCut(const PortRange& ports, std::vector<std::uint32_t>* cuts) {
    cuts->push_back(ports.from);
    cuts->push_back(ports.to + 1u);
  }

  // Where a filter's verdict on the requests of state `s` can change with the destination port:
  // the ends of the port ranges of the rules that may match one of them (its protocols, its
  // peers' addresses `peers`), in the order the filter reads them, up to the first rule that
  // matches them all whatever the port (no later rule decides anything).
  std::vector<std::uint32_t> NaclCuts(Index acl, bool ingress, const State& s,
                                      const FieldRange& peers) const {
    std::vector<std::uint32_t> cuts;
    Protocols protocols(s);
    const struct NetworkAcl& a = model_.network_acls[acl];
    for (const NaclRule& r : ingress ? a.ingress : a.egress) {
      if (!Meets(r.cidr, peers) || !protocols.MayBe(r.protocol)) continue;
      if (r.protocol == kAllProtocols && Covers(r.cidr, peers)) break;
      if (HasPorts(r.protocol)) AddCut(r.ports, &cuts);
    }
    return cuts;
  }
  std::vector<std::uint32_t> NaclCuts(Index acl, bool ingress, const State& s) const {
    return NaclCuts(acl, ingress, s, AddressHull(s, ingress ? Field::kSrc : Field::kDst));
  }
  std::vector<std::uint32_t> GroupCuts(Index eni, bool ingress, const State& s) const {
    std::vector<std::uint32_t> cuts;
    Protocols protocols(s);
    FieldRange peers = AddressHull(s, ingress ? Field::kSrc : Field::kDst);
    for (Index g : model_.enis[eni].security_groups) {
      const SecurityGroup& sg = model_.security_groups[g];
      for (const SgRule& r : ingress ? sg.ingress : sg.egress) {
        bool cidr = r.peer == PeerKind::kCidr;
        if ((cidr && !Meets(r.cidr, peers)) || !protocols.MayBe(r.protocol)) continue;
        if (r.protocol == kAllProtocols && cidr && Covers(r.cidr, peers)) return cuts;
        if (HasPorts(r.protocol)) AddCut(r.ports, &cuts);
      }
    }
    return cuts;
  }

  // A filter that reads the destination port, when that port is a NAT gateway's choice (the
  // reply on its way back to it): `filter(piece, emit)` runs once per piece of the path's
  // choices that the filter's rules (`cuts(s)`) delimit, so that it reads one port per piece, and
  // what comes out of adjacent pieces alike is joined again (walk::JoinAlike) before `next`.
  // Otherwise `filter(s, next)`.
  template <typename Cuts, typename Filter, typename Next>
  void ByChoice(State s, Cuts cuts, Filter filter, Next next) {
    if (!ChoiceRead(s)) {
      filter(std::move(s), next);
      return;
    }
    std::vector<FieldRange> pieces = ChoicePieces(s.choice, cuts(s));
    if (pieces.size() == 1) {
      filter(std::move(s), next);
      return;
    }
    std::vector<State> out;
    for (const FieldRange& piece : pieces) {
      filter(WithChoice(s, piece), [&out](State t) { JoinAlike(&out, std::move(t)); });
    }
    for (State& t : out) next(std::move(t));  // a joined entry keeps its lo: the representative
  }

  // Security groups of ENI e: calls next() once per first-matching rule, with the requests that
  // rule admits.
  template <typename Next>
  void SecurityGroups(Index e, State s, bool ingress, Next next) {
    const Eni& eni = model_.enis[e];
    if (eni.security_groups.empty()) {
      next(std::move(s));
      return;
    }
    const std::string& first = model_.security_groups[eni.security_groups.front()].id;
    const char* direction = ingress ? "ingress" : "egress";
    if (s.is_return && Contains(s.sg_enis, e)) {
      Step(s, first, kKindSecurityGroup,
           std::string(direction) + ": return traffic of an allowed connection (stateful)");
      next(std::move(s));
      return;
    }
    ByChoice(
        std::move(s), [this, e, ingress](const State& t) { return GroupCuts(e, ingress, t); },
        [this, e, ingress](State t, auto then) { GroupRules(e, std::move(t), ingress, then); },
        next);
  }

  // SecurityGroups' rules (the request is not a reply they remember).
  template <typename Next>
  void GroupRules(Index e, State s, bool ingress, Next next) {
    const Eni& eni = model_.enis[e];
    const std::string& first = model_.security_groups[eni.security_groups.front()].id;
    if (!options_.record_steps) {
      if (!Keep(s, sets_.SgAdmits(e, ingress, s.h), "ENI_SG_RULES_MISMATCH", first)) return;
      if (!s.is_return && !Contains(s.sg_enis, e)) s.sg_enis.push_back(e);
      next(std::move(s));
      return;
    }
    Field peer = ingress ? Field::kSrc : Field::kDst;
    bool any_rule = false;
    for (Index g : eni.security_groups) {
      const SecurityGroup& sg = model_.security_groups[g];
      for (const SgRule& r : ingress ? sg.ingress : sg.egress) {
        any_rule = true;
        if (s.cond.IsEmpty()) return;
        std::optional<State> taken = Take(
            s, sets_.RuleMatches(s.h, r.protocol, r.ports, r.icmp) & sets_.SgPeer(s.h, r, peer));
        if (!taken) continue;
        Step(*taken, sg.id, kKindSecurityGroup, SgRuleText(model_, r, ingress));
        if (!taken->is_return && !Contains(taken->sg_enis, e)) taken->sg_enis.push_back(e);
        next(std::move(*taken));
      }
    }
    Refuse(s, s.cond, any_rule ? "ENI_SG_RULES_MISMATCH" : "SG_HAS_NO_RULES", first);
  }

  template <typename Next>
  void NetworkAcl(Index subnet, State s, bool ingress, Next next) {
    Index acl = model_.subnets[subnet].network_acl;
    ByChoice(
        std::move(s), [this, acl, ingress](const State& t) { return NaclCuts(acl, ingress, t); },
        [this, subnet, ingress](State t, auto then) {
          NaclRules(subnet, std::move(t), ingress, then);
        },
        next);
  }

  // NetworkAcl's rules, first match wins.
  template <typename Next>
  void NaclRules(Index subnet, State s, bool ingress, Next next) {
    Index acl_index = model_.subnets[subnet].network_acl;
    const struct NetworkAcl& acl = model_.network_acls[acl_index];
    if (!options_.record_steps) {
      if (Keep(s, sets_.NaclAdmits(acl_index, ingress, s.h), "SUBNET_ACL_RESTRICTION", acl.id)) {
        next(std::move(s));
      }
      return;
    }
    Field peer = ingress ? Field::kSrc : Field::kDst;
    const char* direction = ingress ? "inbound" : "outbound";
    for (const NaclRule& r : ingress ? acl.ingress : acl.egress) {
      if (s.cond.IsEmpty()) return;
      std::optional<State> taken = Take(
          s, sets_.RuleMatches(s.h, r.protocol, r.ports, r.icmp) & sets_.InCidr(s.h, peer, r.cidr));
      if (!taken) continue;
      if (!r.allow) {
        Refuse(*taken, taken->cond, "SUBNET_ACL_RESTRICTION", acl.id);
        continue;
      }
      Step(*taken, acl.id, kKindNetworkAcl,
           std::string(direction) + " rule " + std::to_string(r.number) + " allow");
      next(std::move(*taken));
    }
    Refuse(s, s.cond, "SUBNET_ACL_RESTRICTION", acl.id);
  }

  // Whether the addresses of `hull` are one address of `eni` (no set operation needed).
  static bool OwnAddress(const Eni& eni, const FieldRange& hull) {
    return hull.lo == hull.hi && eni.HasPrivateIp(static_cast<Ipv4>(hull.lo));
  }
  // The current field `f` is one of the ENI's private addresses.
  PacketSet OwnAddresses(const Eni& eni, const SymbolicHeader& h, Field f) const {
    PacketSet out;
    for (size_t k = 0; k < eni.PrivateIpCount(); ++k) out |= sets_.Is(h, f, eni.PrivateIp(k));
    return out;
  }

  // ---- hosts --------------------------------------------------------------------------------

  void FromEni(Index e, State s, bool forwarding) {
    const Eni& eni = model_.enis[e];
    const Subnet& subnet = model_.subnets[eni.subnet];
    if (!forwarding) Step(s, eni.id, kKindEni, s.is_return ? "replies" : "sends");
    const EniRole& role = tables_.roles[e];
    if (!role.opens_connections && !s.is_return) {
      Refuse(s, s.cond, role.outbound_code, role.component);
      return;
    }
    if (const TrainingJob* job = IsolatedJobOf(eni)) {
      if (!Keep(s, sets_.MemberAddresses(s.h, *job, Field::kDst), "SAGEMAKER_NETWORK_ISOLATION", job->id)) {
        return;
      }
    }
    const Vpc& vpc = model_.vpcs[subnet.vpc];
    FieldRange destinations = AddressHull(s, Field::kDst);
    PacketSet amazon;
    for (Ipv4 a : AmazonProvided(vpc)) {
      if (destinations.lo <= a && a <= destinations.hi) amazon |= sets_.Is(s.h, Field::kDst, a);
    }
    std::optional<State> provided = amazon.IsEmpty() ? std::nullopt : Take(s, amazon);
    if (provided &&
        (s.is_return || options_.destination == nullptr || options_.destination->literal)) {
      Step(*provided, "amazon-provided", kKindAmazonProvided,
           "Amazon-provided service (not filtered by security groups or NACLs)");
      Arrive(std::move(*provided), Delivery{DeliveryKind::kAmazonProvided, kNone, 0},
             Exit::kAmazonProvided, e);
    }
    if (s.cond.IsEmpty()) return;
    if (role.sagemaker_internet && !s.is_return) {
      PacketSet in_vpc;
      for (const Cidr& c : vpc.cidrs) in_vpc |= sets_.InCidr(s.h, Field::kDst, c);
      std::optional<State> direct = Take(s, ~in_vpc);
      if (direct) {
        Step(*direct, "sagemaker-network", kKindSageMakerNetwork,
             std::string(eni.owner == EniOwner::kNotebook ? "direct internet access"
                                                          : "public internet access") +
                 ": leaves through SageMaker's network, not the VPC");
        OutsideDelivery(std::move(*direct), Exit::kSageMaker, e);
      }
      if (s.cond.IsEmpty()) return;
    }
    if (eni.source_dest_check && !OwnAddress(eni, AddressHull(s, Field::kSrc)) &&
        !Keep(s, OwnAddresses(eni, s.h, Field::kSrc), "ENI_SOURCE_DEST_CHECK_RESTRICTION",
              eni.id)) {
      return;
    }
    Index subnet_index = eni.subnet;
    SecurityGroups(e, std::move(s), /*ingress=*/false,
                   [&](State t) { Route(subnet_index, std::move(t)); });
  }

  // ---- routing ------------------------------------------------------------------------------

  void Route(Index subnet, State s) {
    if (++s.hops > options_.max_hops) {
      Refuse(s, s.cond, "NO_PATH", model_.route_tables[model_.subnets[subnet].route_table].id);
      return;
    }
    if (OverBudget() || Settled(s)) return;
    const Subnet& sn = model_.subnets[subnet];
    const RouteTable& table = model_.route_tables[sn.route_table];
    // Inside the subnet the local route decides (rules.h, LocalRouteWithin).
    if (std::optional<State> within = TakeCidr(s, Field::kDst, sn.cidr)) {
      Follow(subnet, tables_.local_within[subnet], std::move(*within));
      if (s.cond.IsEmpty()) return;
    }
    // Longest prefix match as a partition of the destinations (SolverTables::lpm); for one
    // destination address, the route it picks.
    FieldRange destinations = AddressHull(s, Field::kDst);
    if (destinations.lo == destinations.hi) {
      std::optional<std::size_t> pick = tables_.LpmPick(sn.route_table, static_cast<Ipv4>(destinations.lo));
      if (pick) {
        Follow(subnet, table.routes[tables_.lpm[sn.route_table][*pick].route], std::move(s));
      } else {
        Refuse(s, s.cond, "NO_ROUTE_TO_DESTINATION", table.id);
      }
      return;
    }
    for (const LpmEntry& entry : tables_.lpm[sn.route_table]) {
      if (s.cond.IsEmpty()) return;
      std::optional<State> taken = TakeCidr(s, Field::kDst, entry.cidr);
      if (!taken) continue;
      Follow(subnet, table.routes[entry.route], std::move(*taken));
    }
    Refuse(s, s.cond, "NO_ROUTE_TO_DESTINATION", table.id);
  }

  void Follow(Index subnet, const struct Route& r, State s) {
    const Subnet& sn = model_.subnets[subnet];
    const RouteTable& table = model_.route_tables[sn.route_table];
    std::string text = RouteText(model_, r);
    switch (r.target) {
      case RouteTarget::kBlackhole:
        Refuse(s, s.cond, "BAD_STATE_ROUTE", table.id);
        return;
      case RouteTarget::kLocal: {
        if (Batchable(sn.vpc, s)) {
          // One-way ICMP messages have no reply to batch: they go one ENI at a time, below.
          std::optional<State> one_way = Take(s, sets_.OneWay(s.h));
          if (!s.cond.IsEmpty()) LocalBatches(subnet, std::move(s));
          if (!one_way) return;
          s = std::move(*one_way);
        }
        FieldRange destinations = AddressHull(s, Field::kDst);
        for (Index to : tables_.SubnetsMeeting(sn.vpc, destinations.lo, destinations.hi)) {
          if (!Wanted(s, wanted_subnets_, to)) continue;
          std::optional<State> taken = PartCidr(s, Field::kDst, model_.subnets[to].cidr);
          if (!taken) continue;
          Cross(subnet, to, std::move(*taken), table.id, text,
                [this, to](State t) { InSubnet(to, std::move(t)); });
        }
        if (!Refusable(s)) return;
        Remove(s, Field::kDst, tables_.subnet_space[sn.vpc]);
        Refuse(s, s.cond, "UNKNOWN_DESTINATION", model_.vpcs[sn.vpc].id);
        return;
      }
      case RouteTarget::kNatGateway: {
        Index n = r.target_index;
        Cross(subnet, model_.nat_gateways[n].subnet, std::move(s), table.id, text,
              [this, n](State t) { NatForward(n, std::move(t)); });
        return;
      }
      case RouteTarget::kEni: {
        Index e = r.target_index;
        Cross(subnet, model_.enis[e].subnet, std::move(s), table.id, text,
              [this, e](State t) { ArriveByRoute(e, std::move(t)); });
        return;
      }
      case RouteTarget::kInternetGateway: {
        Index g = r.target_index;
        Cross(subnet, kNone, std::move(s), table.id, text,
              [this, g](State t) { InternetGatewayOut(g, std::move(t)); });
        return;
      }
      case RouteTarget::kGatewayEndpoint: {
        Index v = r.target_index;
        Cross(subnet, kNone, std::move(s), table.id, text,
              [this, v](State t) { EndpointOut(v, std::move(t)); });
        return;
      }
      case RouteTarget::kPeeringConnection: {
        Index pcx = r.target_index, vpc = sn.vpc;
        Cross(subnet, kNone, std::move(s), table.id, text,
              [this, pcx, vpc](State t) { SolvePeering(*this, pcx, vpc, std::move(t)); });
        return;
      }
      case RouteTarget::kTransitGateway: {
        Index tgw = r.target_index;
        Cross(subnet, kNone, std::move(s), table.id, text, [this, tgw, subnet](State t) {
          SolveTransitGateway(*this, tgw, subnet, std::move(t));
        });
        return;
      }
      case RouteTarget::kVpnGateway: {
        Index vgw = r.target_index;
        Cross(subnet, kNone, std::move(s), table.id, text,
              [this, vgw](State t) { SolveVpnOut(*this, vgw, std::move(t)); });
        return;
      }
    }
  }

  // From `from` to subnet `to` (kNone: out of the VPC): NACLs at the boundary only.
  template <typename Next>
  void Cross(Index from, Index to, State s, const std::string& table, const std::string& route,
             Next next) {
    if (!options_.record_steps && to != kNone && to != from) {
      // Both NACLs as one precomputed set: the header does not change between them.
      auto cuts = [this, from, to](const State& t) {
        std::vector<std::uint32_t> c = NaclCuts(model_.subnets[from].network_acl, false, t);
        std::vector<std::uint32_t> in = NaclCuts(model_.subnets[to].network_acl, true, t);
        c.insert(c.end(), in.begin(), in.end());
        return c;
      };
      auto both = [this, from, to](State t, auto then) {
        if (Keep(t, sets_.CrossAdmits(from, to, t.h), "SUBNET_ACL_RESTRICTION", ""))
          then(std::move(t));
      };
      ByChoice(std::move(s), cuts, both, next);
      return;
    }
    auto after_egress = [&, to, next](State t) {
      Step(t, table, kKindRouteTable, route);
      if (to == kNone) {
        next(std::move(t));
      } else if (to == from) {
        Step(t, model_.subnets[to].id, kKindSubnet, "same subnet: no NACL");
        next(std::move(t));
      } else {
        Step(t, model_.subnets[to].id, kKindSubnet, "enters");
        NetworkAcl(to, std::move(t), /*ingress=*/true, next);
      }
    };
    if (to == from) {
      after_egress(std::move(s));
    } else {
      NetworkAcl(from, std::move(s), /*ingress=*/false, after_egress);
    }
  }

  void InSubnet(Index subnet, State s) {
    if (Settled(s)) return;
    for (Index e : tables_.enis_in_subnet[subnet]) {
      if (!Wanted(s, wanted_enis_, e) || !Open(s, e)) continue;
      const Eni& eni = model_.enis[e];
      for (size_t k = 0; k < eni.PrivateIpCount(); ++k) {
        if (!Open(s, e)) break;  // one class per ENI: an earlier address of it has one
        Ipv4 a = eni.PrivateIp(k);
        std::optional<State> taken = Part(s, Field::kDst, a, a);
        if (taken) ArriveEni(e, std::move(*taken), Filter::kFilter);
      }
    }
    for (Index n : tables_.nats_in_subnet[subnet]) {
      Ipv4 address = model_.nat_gateways[n].private_ip;
      std::optional<State> taken = Part(s, Field::kDst, address, address);
      if (taken) NatAddressed(n, std::move(*taken));
    }
    // A reply to a host of the sending subnet (a sender no interface holds) reaches that host.
    bool reply_to_host =
        s.is_return && origin_.kind == OriginKind::kSubnetHost && origin_.index == subnet;
    // In a deployed VPC an address no interface holds answers nothing (but the sender itself).
    bool hosts = reply_to_host || (options_.deliver_to_subnet_hosts &&
                                   !model_.vpcs[model_.subnets[subnet].vpc].deployed);
    if (!hosts && !Refusable(s)) return;
    Remove(s, Field::kDst, tables_.subnet_addressees[subnet]);
    if (s.cond.IsEmpty()) return;
    const Subnet& sn = model_.subnets[subnet];
    if (hosts) {
      PacketSet reserved = ExprInRange(s.h, Field::kDst, sn.cidr.base, sn.cidr.base + 3) |
                           sets_.Is(s.h, Field::kDst, sn.cidr.Last());
      std::optional<State> host = Take(s, ~reserved);
      if (host && (reply_to_host || Wanted(*host, wanted_host_subnets_, subnet))) {
        Step(*host, sn.id, kKindSubnet, "delivered to a host");
        Arrive(std::move(*host), Delivery{DeliveryKind::kSubnetHost, subnet, 0}, Exit::kHost, kNone);
      }
    }
    Refuse(s, s.cond, "UNKNOWN_DESTINATION", sn.id);
  }

  // Whether requests that the local route of a subnet of `vpc` sends on can be answered in
  // batches, a subnet's ENIs at a time (LocalBatches): without steps and with one class per ENI
  // (as `matrix` runs), without deliveries to subnet hosts, still with their original addresses,
  // and not from an Amazon-provided service's address (where the reply would go).
  bool Batchable(Index vpc, const State& s) const {
    return !options_.record_steps && options_.one_class_per_eni &&
           !options_.deliver_to_subnet_hosts && !s.is_return &&
           s.h[Field::kDst] == FieldExpr::Original(Field::kDst) &&
           s.h[Field::kSrc] == FieldExpr::Original(Field::kSrc) &&
           !AmazonProvidedWithin(model_.vpcs[vpc], s.src_hull);
  }

  // The local route of subnet `from`, in batches: for each subnet `to`, one set holds the
  // requests that its batchable ENIs (SolverTables::batchable) admit, past both NACLs
  // (HeaderSets::LocalAdmits), and their replies go back as one walk. They differ only in their
  // source address, which stays symbolic: their sender checks pass (the reply comes from the
  // address the request went to, and each ENI's groups admitted its request), and the reply
  // leaves by `to`'s route table. ReplyArrived gives each ENI its class. The other ENIs take
  // their requests one at a time, as InSubnet does; a request to a NAT gateway's address is not
  // translated and ends there, and one to any other address of `to` is refused.
  void LocalBatches(Index from, State s) {
    const Subnet& sn = model_.subnets[from];
    FieldRange destinations = AddressHull(s, Field::kDst);
    std::optional<State> out;  // s past `from`'s NACL outbound, once a subnet needs it
    for (Index to : tables_.SubnetsMeeting(sn.vpc, destinations.lo, destinations.hi)) {
      if (!Wanted(s, wanted_subnets_, to)) continue;
      bool crossing = to != from;
      if (crossing && !out) {
        out = s;
        Keep(*out, sets_.NaclAdmits(sn.network_acl, /*ingress=*/false, s.h),
             "SUBNET_ACL_RESTRICTION", "");
      }
      State& base = crossing ? *out : s;
      if (base.cond.IsEmpty()) continue;
      PacketSet admitted = base.cond & sets_.LocalAdmits(to, crossing, s.h);
      if (!admitted.IsEmpty()) {
        State batch = base;
        batch.cond = std::move(admitted);
        const Cidr& cidr = model_.subnets[to].cidr;
        batch.dst_hull = FieldRange{std::max<std::uint64_t>(batch.dst_hull.lo, cidr.First()),
                                    std::min<std::uint64_t>(batch.dst_hull.hi, cidr.Last())};
        State r = walk::ReplyOf(std::move(batch));
        r.batch_subnet = to;
        Route(to, std::move(r));
      }
      Index acl = model_.subnets[to].network_acl;
      for (Index e : tables_.enis_in_subnet[to]) {
        if (tables_.batchable[e] || !Wanted(base, wanted_enis_, e) || !Open(base, e)) continue;
        const Eni& eni = model_.enis[e];
        for (size_t k = 0; k < eni.PrivateIpCount(); ++k) {
          if (!Open(base, e)) break;
          Ipv4 a = eni.PrivateIp(k);
          std::optional<State> taken = Part(base, Field::kDst, a, a);
          if (!taken) continue;
          if (crossing && !Keep(*taken, sets_.NaclAdmits(acl, /*ingress=*/true, s.h),
                                "SUBNET_ACL_RESTRICTION", "")) {
            continue;
          }
          ArriveEni(e, std::move(*taken), Filter::kFilter);
        }
      }
    }
  }

  // How an arrival at an ENI is filtered: not at all (Amazon-provided services and SageMaker's
  // network), or by its job's isolation and its groups.
  enum class Filter { kNone, kFilter };

  void ArriveEni(Index e, State s, Filter filter) {
    const Eni& eni = model_.enis[e];
    auto deliver = [this, e, &eni](State t) {
      Step(t, eni.id, kKindEni, "delivered");
      Arrive(std::move(t), Delivery{DeliveryKind::kEni, e, 0}, Exit::kHost, e);
    };
    if (filter == Filter::kNone) {
      deliver(std::move(s));
      return;
    }
    const EniRole& role = tables_.roles[e];
    if (role.answers && !s.is_return &&
        !Keep(s, sets_.EniAnswers(e, s.h), role.answer_code, role.component)) {
      return;
    }
    if (const TrainingJob* job = IsolatedJobOf(eni)) {
      if (!Keep(s, sets_.MemberAddresses(s.h, *job, Field::kSrc), "SAGEMAKER_NETWORK_ISOLATION", job->id)) {
        return;
      }
    }
    SecurityGroups(e, std::move(s), /*ingress=*/true, deliver);
  }

  void ArriveByRoute(Index e, State s) {
    const Eni& eni = model_.enis[e];
    for (size_t k = 0; k < eni.PrivateIpCount(); ++k) {
      // Requests to its own addresses end here (one class per ENI: the first address's).
      Ipv4 a = eni.PrivateIp(k);
      std::optional<State> own = TakeAddresses(s, Field::kDst, a, a);
      if (own && Wanted(*own, wanted_enis_, e) && (a == eni.private_ip || Open(*own, e))) {
        ArriveEni(e, std::move(*own), Filter::kFilter);
      }
      if (s.cond.IsEmpty()) return;
    }
    Step(s, eni.id, kKindEni, "receives as a route target");
    SecurityGroups(e, std::move(s), /*ingress=*/true, [this, e, &eni](State t) {
      if (eni.source_dest_check) {
        Refuse(t, t.cond, "ENI_SOURCE_DEST_CHECK_RESTRICTION", eni.id);
        return;
      }
      Step(t, eni.id, kKindEni, "forwards (source/destination check off)");
      SecurityGroups(e, std::move(t), /*ingress=*/false, [this, &eni](State u) {
        Route(eni.subnet, std::move(u));
      });
    });
  }

  // ---- NAT gateway ----------------------------------------------------------------------------

  void NatForward(Index n, State s) {
    const NatGateway& nat = model_.nat_gateways[n];
    if (Contains(s.nats_seen, n)) {
      Refuse(s, s.cond, "NO_PATH", nat.id);
      return;
    }
    s.nats_seen.push_back(n);
    PacketSet carried = sets_.ProtocolIs(s.h, kTcp) | sets_.ProtocolIs(s.h, kUdp) | sets_.ProtocolIs(s.h, kIcmp);
    if (!Keep(s, carried, "PROTOCOL_RESTRICTION", nat.id)) return;
    const Vpc& vpc = model_.vpcs[model_.subnets[nat.subnet].vpc];
    PacketSet in_vpc;
    for (const Cidr& c : vpc.cidrs) in_vpc |= sets_.InCidr(s.h, Field::kSrc, c);
    if (!Keep(s, in_vpc, "NGW_REQUIRES_SOURCE_IN_VPC", nat.id)) return;
    NatEntry entry{n, s.h[Field::kSrc], s.h[Field::kSrcPort], s.h[Field::kSrcPort], s.choice};
    s.h[Field::kSrc] = FieldExpr::Constant(nat.private_ip);
    Step(s, nat.id, kKindNatGateway, "source rewritten to " + FormatIpv4(nat.private_ip));
    // A tcp or udp connection leaves with a port the NAT gateway picks, anywhere in 1024-65535
    // (as the tracer's NatForward); icmp keeps its fields.
    std::optional<State> ported =
        Take(s, sets_.ProtocolIs(s.h, kTcp) | sets_.ProtocolIs(s.h, kUdp));
    if (ported && ChoiceRead(*ported)) {
      // A reply to a request a NAT gateway translated, about to be translated as a request
      // itself: it would leave with this NAT gateway's address as its source, never the address
      // the request went to (a request to a NAT gateway's address is never delivered), so the
      // sender accepts none of it. (Not followed: a path holds one choice at a time.)
      Refuse(*ported, ported->cond, "NO_PATH", nat.id);
      ported.reset();
    }
    if (ported) {
      NatEntry translated = entry;
      translated.nat_port = FieldExpr::Chosen(kNatPortFirst);
      ported->h[Field::kSrcPort] = translated.nat_port;
      ported->choice = FieldRange{kNatPortFirst, kNatPortLast};
      ported->nat.push_back(translated);
      Route(nat.subnet, std::move(*ported));
    }
    if (s.cond.IsEmpty()) return;
    s.nat.push_back(entry);
    Route(nat.subnet, std::move(s));
  }

  void NatAddressed(Index n, State s) {
    const NatGateway& nat = model_.nat_gateways[n];
    // Only a reply is translated back (as the tracer's NatAddressed).
    for (const NatEntry& entry : s.nat) {
      if (!s.is_return || entry.nat != n || s.cond.IsEmpty()) continue;
      std::optional<State> taken = Take(s, SameValue(s, Field::kDstPort, entry.nat_port));
      if (!taken) continue;
      if (entry.nat_port.kind == FieldExpr::Kind::kChosen) {
        // The choice is settled: what it was on this path goes with the path.
        taken->nat_ports.push_back(taken->choice);
        if (entry.inside_port.kind == FieldExpr::Kind::kChosen) taken->choice = entry.inside_choice;
      }
      taken->h[Field::kDst] = entry.inside_ip;
      taken->h[Field::kDstPort] = entry.inside_port;
      Step(*taken, nat.id, kKindNatGateway, "destination translated back");
      Route(nat.subnet, std::move(*taken));
    }
    Refuse(s, s.cond, "NO_PATH", nat.id);
  }

  // ---- internet gateway and the outside ----------------------------------------------------

  void InternetGatewayOut(Index g, State s) {
    const InternetGateway& igw = model_.internet_gateways[g];
    Step(s, igw.id, kKindInternetGateway, "receives");
    PacketSet private_dst;
    for (const Cidr& c : Rfc1918Blocks()) private_dst |= sets_.InCidr(s.h, Field::kDst, c);
    if (!Keep(s, ~private_dst, "IGW_DESTINATION_ADDRESS_NOT_IN_RFC1918_EGRESS", igw.id)) return;
    FieldRange sources = AddressHull(s, Field::kSrc);
    const std::vector<PublicMapping>& mappings = tables_.igw_mappings[igw.vpc];
    for (std::size_t i : tables_.igw_mappings_by_private_ip[igw.vpc].Within(sources.lo, sources.hi)) {
      const PublicMapping& m = mappings[i];
      std::optional<State> taken = Part(s, Field::kSrc, m.private_ip, m.private_ip);
      if (!taken) continue;
      taken->h[Field::kSrc] = FieldExpr::Constant(m.public_ip);
      Step(*taken, igw.id, kKindInternetGateway, "source mapped to public " + FormatIpv4(m.public_ip));
      OutsideDelivery(std::move(*taken), Exit::kInternetGateway, g);
    }
    if (!Refusable(s)) return;
    Remove(s, Field::kSrc, tables_.igw_mapped[igw.vpc]);
    Refuse(s, s.cond, "IGW_PUBLIC_IP_ASSOCIATION_FOR_EGRESS", igw.id);
  }

  // `only_public`: s may hold requests to other addresses, which the caller delivers itself.
  void Outside(State s, bool only_public = false) {
    // From on-premises into a VPC by its virtual private gateway (as the tracer's FromOutside).
    if (!only_public && !model_.vpn_gateways.empty()) {
      SolveOnPremisesEntry(*this, s);
      if (s.cond.IsEmpty()) return;
    }
    if (++s.hops > options_.max_hops) {
      Refuse(s, s.cond, "NO_PATH", "internet");
      return;
    }
    auto enter = [&](State& from, Ipv4 public_ip, Ipv4 private_ip, Index subnet) {
      std::optional<State> taken = Part(from, Field::kDst, public_ip, public_ip);
      if (!taken) return;
      const Vpc& vpc = model_.vpcs[model_.subnets[subnet].vpc];
      if (vpc.internet_gateway == kNone) {
        Refuse(*taken, taken->cond, "NO_PATH", vpc.id);
        return;
      }
      const InternetGateway& igw = model_.internet_gateways[vpc.internet_gateway];
      Step(*taken, igw.id, kKindInternetGateway, "receives");
      taken->h[Field::kDst] = FieldExpr::Constant(private_ip);
      Step(*taken, igw.id, kKindInternetGateway, "destination mapped to private " + FormatIpv4(private_ip));
      if (igw.route_table != kNone) {
        IngressRoute(vpc.internet_gateway, std::move(*taken), private_ip, subnet);
        return;
      }
      Step(*taken, model_.subnets[subnet].id, kKindSubnet, "enters");
      NetworkAcl(subnet, std::move(*taken), /*ingress=*/true,
                 [this, subnet](State t) { InSubnet(subnet, std::move(t)); });
    };
    // The requests to public addresses of the VPCs (most have none) come back in; the rest,
    // first, is delivered outside (unless the caller does that: only_public).
    FieldRange destinations = AddressHull(s, Field::kDst);
    std::vector<std::size_t> targets =
        tables_.public_targets_by_public_ip.Within(destinations.lo, destinations.hi);
    if (targets.empty()) {
      if (!only_public) OutsideDelivery(std::move(s), Exit::kNone, kNone);
      return;
    }
    if (!only_public) {
      State rest = s;
      Remove(rest, Field::kDst, tables_.public_addresses);
      if (!rest.cond.IsEmpty()) OutsideDelivery(std::move(rest), Exit::kNone, kNone);
    }
    if (Settled(s)) return;
    // Each target takes its own address from s (no need to cut s down to the public addresses
    // first: a part is one address).
    if (!s.is_return && options_.destination != nullptr) targets = wanted_targets_;
    for (std::size_t i : targets) {
      const PublicTarget& t = tables_.public_targets[i];
      if (t.eni != kNone && !Open(s, t.eni)) continue;
      if (!PublicRoundTrip(s, i)) enter(s, t.public_ip, t.private_ip, t.subnet);
      if (Settled(s)) return;
    }
  }

  // Ingress routing (as the tracer's IngressRoute): the gateway route table of internet gateway
  // g sends what enters by g, now addressed to `private_ip` in `subnet`, to its subnet (local) or
  // to an appliance's network interface first.
  void IngressRoute(Index g, State s, Ipv4 private_ip, Index subnet) {
    Index t = model_.internet_gateways[g].route_table;
    const RouteTable& table = model_.route_tables[t];
    std::optional<std::size_t> pick = tables_.LpmPick(t, private_ip);
    if (!pick) {
      Refuse(s, s.cond, "NO_ROUTE_TO_DESTINATION", table.id);
      return;
    }
    const struct Route& r = table.routes[tables_.lpm[t][*pick].route];
    Step(s, table.id, kKindRouteTable, RouteText(model_, r));
    if (r.target == RouteTarget::kEni) {
      Index e = r.target_index;
      Index at = model_.enis[e].subnet;
      Step(s, model_.subnets[at].id, kKindSubnet, "enters");
      NetworkAcl(at, std::move(s), /*ingress=*/true,
                 [this, e](State u) { ArriveByRoute(e, std::move(u)); });
      return;
    }
    if (r.target != RouteTarget::kLocal) {
      Refuse(s, s.cond, "BAD_STATE_ROUTE", table.id);
      return;
    }
    Step(s, model_.subnets[subnet].id, kKindSubnet, "enters");
    NetworkAcl(subnet, std::move(s), /*ingress=*/true,
               [this, subnet](State u) { InSubnet(subnet, std::move(u)); });
  }

  // Without steps, a request from the outside to a plain public ENI (SolverTables::
  // plain_public_target) takes one path through the ENI's subnet, decided by where the ENI's
  // route table sends the reply (to the request's constant source):
  //  - nowhere (no route, a blackhole): nothing is answered;
  //  - a NAT gateway: the reply leaves with the NAT gateway's address as its source, never the
  //    address the request went to, so an origin that checks its replies accepts none;
  //  - the internet gateway, to an address that comes back in: what the walk would do through
  //    the subnet is one set (HeaderSets::RoundTrip), and the reply goes on from the outside.
  // Returns false, having done nothing, when the reply would go another way.
  bool PublicRoundTrip(const State& s, std::size_t target) {
    const PublicTarget& t = tables_.public_targets[target];
    const FieldExpr& sender = s.h[Field::kSrc];
    if (options_.record_steps || s.is_return || !tables_.plain_public_target[target] ||
        sender.kind != FieldExpr::Kind::kConstant || options_.max_hops < 1 ||
        !(s.cond & sets_.OneWay(s.h)).IsEmpty()) {  // one-way ICMP: no reply to go round
      return false;
    }
    Ipv4 back_to = static_cast<Ipv4>(sender.value);
    const Subnet& subnet = model_.subnets[t.subnet];
    const Vpc& vpc = model_.vpcs[subnet.vpc];
    if (AmazonProvidedWithin(vpc, FieldRange{back_to, back_to})) return false;
    std::optional<std::size_t> pick = tables_.LpmPick(subnet.route_table, back_to);
    if (!pick) return true;
    const struct Route& route = model_.route_tables[subnet.route_table]
                                    .routes[tables_.lpm[subnet.route_table][*pick].route];
    switch (route.target) {
      case RouteTarget::kBlackhole:
        return true;
      case RouteTarget::kNatGateway:
        // The reply's source ends as a NAT gateway's private or public address (SolverTables::
        // nat_addresses); the origin wants the request's destination, the ENI's public address.
        return origin_.kind != OriginKind::kSageMaker &&
               s.h[Field::kDst] == FieldExpr::Original(Field::kDst) &&
               !tables_.nat_addresses.Contains(t.public_ip);
      case RouteTarget::kInternetGateway:
        break;
      default:
        return false;
    }
    if (route.target_index != vpc.internet_gateway || IsRfc1918(back_to) ||
        !tables_.publicly_routable.Contains(back_to) ||
        !tables_.public_addresses.Contains(back_to)) {
      return false;
    }
    // The reply's destination port is the request's source port, a NAT gateway's choice when the
    // request left through one: the precomputed set reads one port, so it serves only when the
    // subnet's NACL outbound (towards the request's source) treats the path's choices alike.
    if (s.h[Field::kSrcPort].kind == FieldExpr::Kind::kChosen &&
        ChoicePieces(s.choice, NaclCuts(subnet.network_acl, false, s, FieldRange{back_to, back_to}))
                .size() > 1) {
      return false;
    }
    if (OverBudget()) return true;
    PacketSet through = sets_.RoundTrip(t, s.h);
    PacketSet answered = s.cond & through;
    if (answered.IsEmpty()) return true;
    // The request as delivered (enter, InSubnet, ArriveEni), then its reply as it leaves the
    // internet gateway (FromEni, Route, InternetGatewayOut).
    State request = s;
    request.cond = std::move(answered);
    const FieldExpr& dst = s.h[Field::kDst];
    if (dst.kind == FieldExpr::Kind::kOriginal) {
      (dst.field == Field::kSrc ? request.src_hull : request.dst_hull) =
          FieldRange{t.public_ip, t.public_ip};
    }
    request.h[Field::kDst] = FieldExpr::Constant(t.private_ip);
    if (!model_.enis[t.eni].security_groups.empty() && !Contains(request.sg_enis, t.eni)) {
      request.sg_enis.push_back(t.eni);
    }
    State reply = walk::ReplyOf(std::move(request));
    reply.forward_delivery = Delivery{DeliveryKind::kEni, t.eni, 0};
    reply.h[Field::kSrc] = FieldExpr::Constant(t.public_ip);
    reply.hops = 1;  // the reply's Route; Outside counts its own
    Outside(std::move(reply), /*only_public=*/true);
    return true;
  }

  PacketSet PubliclyRoutable(const State& s) const {
    return sets_.InSet(s.h, Field::kDst, tables_.publicly_routable);
  }

  void OutsideDelivery(State s, Exit how, Index how_index) {
    if (!Keep(s, PubliclyRoutable(s), "NO_PATH", "outside")) return;
    if (how == Exit::kInternetGateway) {
      FieldRange destinations = AddressHull(s, Field::kDst);
      if (!tables_.public_targets_by_public_ip.Within(destinations.lo, destinations.hi).empty()) {
        State hairpin = s;
        Remove(s, Field::kDst, tables_.public_addresses);
        Step(hairpin, "internet", kKindService, "public internet");
        Outside(std::move(hairpin), /*only_public=*/true);
      }
      if (s.cond.IsEmpty()) return;
    }
    if (!OutsideWanted(s)) return;
    Step(s, "outside", kKindService, "delivered");
    Arrive(std::move(s), Delivery{DeliveryKind::kOutside, kNone, 0},
           how == Exit::kNone ? Exit::kOutside : how, how_index);
  }

  // ---- gateway endpoint -----------------------------------------------------------------------

  void EndpointOut(Index v, State s) {
    if (!OutsideWanted(s)) return;
    const VpcEndpoint& endpoint = model_.vpc_endpoints[v];
    Step(s, endpoint.id, kKindVpcEndpoint, "gateway endpoint for " + endpoint.service);
    const PacketSet& carried = sets_.EndpointCarries(s.h);  // tcp and ICMP echo
    if (!Keep(s, carried, "VPCE_GATEWAY_PROTOCOL_RESTRICTION", endpoint.id)) return;
    PacketSet in_vpc;
    for (const Cidr& c : model_.vpcs[endpoint.vpc].cidrs) in_vpc |= sets_.InCidr(s.h, Field::kSrc, c);
    if (!Keep(s, in_vpc, "VPCE_GATEWAY_EGRESS_SOURCE_ADDRESS_RESTRICTION", endpoint.id)) return;
    Step(s, "outside", kKindService, "delivered over the AWS network");
    Arrive(std::move(s), Delivery{DeliveryKind::kOutside, kNone, 0}, Exit::kGatewayEndpoint, v);
  }

  void EndpointReply(Index v, State s) {
    const VpcEndpoint& endpoint = model_.vpc_endpoints[v];
    Step(s, "outside", kKindService, "replies");
    Step(s, endpoint.id, kKindVpcEndpoint, "back through the gateway endpoint");
    FieldRange destinations = AddressHull(s, Field::kDst);
    for (Index to : tables_.SubnetsMeeting(endpoint.vpc, destinations.lo, destinations.hi)) {
      std::optional<State> taken = PartCidr(s, Field::kDst, model_.subnets[to].cidr);
      if (!taken) continue;
      Step(*taken, model_.subnets[to].id, kKindSubnet, "enters");
      NetworkAcl(to, std::move(*taken), /*ingress=*/true,
                 [this, to](State t) { InSubnet(to, std::move(t)); });
    }
  }

  // ---- arrivals ------------------------------------------------------------------------------

  void Arrive(State s, Delivery d, Exit exit, Index exit_index) {
    if (s.cond.IsEmpty()) return;
    if (!s.is_return) {
      // ICMP messages that ask for no reply (packet.h) are delivered, and that is all: a class
      // with the request's path and no return.
      if (std::optional<State> one_way = Take(s, sets_.OneWay(s.h))) {
        State done = walk::ReplyOf(std::move(*one_way));
        AddClass(done, done.cond, d);
      }
      if (!s.cond.IsEmpty()) StartReply(std::move(s), d, exit, exit_index);
    } else {
      ReplyArrived(std::move(s), d);
    }
  }

  void StartReply(State s, Delivery d, Exit exit, Index exit_index) {
    State r = walk::ReplyOf(std::move(s));
    r.forward_delivery = d;
    switch (exit) {
      case Exit::kHost:
        if (d.kind == DeliveryKind::kEni) {
          FromEni(d.index, std::move(r), /*forwarding=*/false);
        } else {
          Step(r, model_.subnets[d.index].id, kKindSubnet, "host replies");
          Route(d.index, std::move(r));
        }
        return;
      case Exit::kOutside:
      case Exit::kInternetGateway:
        Step(r, "outside", kKindService, "replies");
        Outside(std::move(r));
        return;
      case Exit::kGatewayEndpoint:
        EndpointReply(exit_index, std::move(r));
        return;
      case Exit::kVpn:
        Step(r, "on-premises", kKindService, "replies");
        SolveVpnIn(*this, exit_index, std::move(r));
        return;
      case Exit::kSageMaker:
        Step(r, "sagemaker-network", kKindSageMakerNetwork, "reply through SageMaker's network");
        if (exit_index != kNone) {
          ArriveEni(exit_index, std::move(r), Filter::kNone);
        } else {
          Arrive(std::move(r), Delivery{DeliveryKind::kOutside, kNone, 0}, Exit::kOutside, kNone);
        }
        return;
      case Exit::kAmazonProvided:
        Step(r, "amazon-provided", kKindAmazonProvided, "replies");
        ArriveEni(exit_index, std::move(r), Filter::kNone);
        return;
      case Exit::kNone:
        return;
    }
  }

  // Does every request of s have `original` (an original address field) equal to `constant`
  // already? (The field's interval is that one address.)
  static bool Pinned(const State& s, const FieldExpr& constant, const FieldExpr& original) {
    if (constant.kind != FieldExpr::Kind::kConstant || original.kind != FieldExpr::Kind::kOriginal) {
      return false;
    }
    FieldRange hull = original.field == Field::kSrc   ? s.src_hull
                      : original.field == Field::kDst ? s.dst_hull
                                                      : FieldRange{0, 0xffffffffffffffffu};
    return hull.lo == constant.value && hull.hi == constant.value;
  }

  // The reply reached an end: it counts only when it is the reply to the request, at the sender.
  void ReplyArrived(State s, const Delivery& d) {
    if (Settled(s)) return;  // another path got there first
    if (origin_.kind == OriginKind::kEni &&
        !(d.kind == DeliveryKind::kEni && d.index == origin_.index)) {
      Refuse(s, s.cond, "NO_PATH", origin_.label);
      return;
    }
    if (origin_.kind != OriginKind::kSageMaker) {
      SymbolicHeader expected = initial_.Reversed();
      PacketSet same = PacketSet::All();
      for (int i = 0; i < kFieldCount; ++i) {
        const FieldExpr& want = expected.fields[i];
        if (s.h.fields[i] == want || Pinned(s, s.h.fields[i], want)) continue;
        same &= SameValue(s, static_cast<Field>(i), want);
      }
      if (!Keep(s, same, "NO_PATH", origin_.label)) return;
    }
    if (s.batch_subnet == kNone) {
      AddClass(s, s.cond, s.forward_delivery);
      return;
    }
    // A batch (LocalBatches): a class for each of its ENIs that the answered requests still
    // went to, read from the destinations they hold (the batch kept its original destination).
    // Each class carries the batch's requests (SolverOptions::one_class_per_eni).
    std::optional<std::vector<FieldRange>> held = s.cond.Values(Field::kDst, 64);
    for (Index e : tables_.enis_in_subnet[s.batch_subnet]) {
      if (!tables_.batchable[e] || reached_[e]) continue;
      if (options_.destination != nullptr && !wanted_enis_[e]) continue;
      Ipv4 a = model_.enis[e].private_ip;
      if (held) {
        auto holds = [a](const FieldRange& r) { return r.lo <= a && a <= r.hi; };
        if (std::any_of(held->begin(), held->end(), holds)) {
          AddClass(s, s.cond, Delivery{DeliveryKind::kEni, e, 0});
        }
        continue;
      }
      PacketSet to_eni = s.cond & sets_.Is(s.forward_arriving, Field::kDst, a);  // too many to list
      if (!to_eni.IsEmpty()) AddClass(s, to_eni, Delivery{DeliveryKind::kEni, e, 0});
    }
  }

  void AddClass(const State& s, const PacketSet& packets, const Delivery& delivery) {
    if (options_.one_class_per_eni && delivery.kind == DeliveryKind::kEni) {
      reached_[delivery.index] = true;
    }
    DeliveredClass c;
    c.packets = packets;
    c.delivery = delivery;
    c.arriving = s.forward_arriving;
    c.forward = ToVector(s.forward_steps);
    c.reverse = ToVector(s.steps);
    c.nat_ports.assign(s.nat_ports.begin(), s.nat_ports.end());
    if (HoldsChoice(s)) c.nat_ports.push_back(s.choice);  // never translated back
    result_.classes.push_back(std::move(c));
  }

  const Model& model_;
  const SolverTables& tables_;
  HeaderSets sets_;
  const SolverOptions& options_;
  const Origin& origin_;
  SymbolicHeader initial_;
  ReachResult& result_;
  // SolverOptions::destination: the ENIs it names, the subnets where a request can end at it,
  // and whether it is outside.
  std::vector<bool> wanted_enis_;
  std::vector<bool> wanted_subnets_;
  std::vector<bool> wanted_host_subnets_;
  std::vector<std::size_t> wanted_targets_;  // public targets a request may enter by
  std::vector<bool> reached_;  // SolverOptions::one_class_per_eni: ENIs with a class
  bool outside_wanted_ = true;
};

ReachResult Run(const Model& model, const SolverTables& tables, const Origin& origin,
                const PacketSet& packets, const SymbolicHeader& initial,
                const SolverOptions& options) {
  ReachResult result;
  State s;
  s.cond = packets;
  if (packets.IsEmpty()) return result;
  s.src_hull = *packets.Hull(Field::kSrc);
  s.dst_hull = *packets.Hull(Field::kDst);
  s.h = initial;
  Walk walk(model, tables, options, origin, initial, &result);
  walk.Start(std::move(s));
  return result;
}

}  // namespace

Solver::Solver(const Model& model, const ForwardingGraph& graph)
    : model_(model), graph_(graph), tables_(std::make_unique<SolverTables>(model)) {}

Solver::~Solver() = default;

ReachResult Solver::Reach(const Origin& origin, const PacketSet& packets,
                          const SolverOptions& options) const {
  PacketSet asked = packets & PacketSet::Universe();
  if (origin.kind != OriginKind::kSageMaker) asked &= PacketSet::Addresses(Field::kSrc, origin.addresses);
  ReachResult result = ReachDirect(origin, asked, options);
  AddProxiedClasses(*this, origin, asked, options, &result);
  return result;
}

ReachResult Solver::ReachDirect(const Origin& origin, const PacketSet& asked,
                                const SolverOptions& options) const {
  std::vector<Ipv4> peers = EncryptedPeers(model_, origin);
  if (peers.empty()) {
    return Run(model_, *tables_, origin, asked, SymbolicHeader::Identity(), options);
  }
  // Inter-container encryption: requests to the job's other instances travel as IKE (udp 500)
  // and ESP (IP protocol 50); both must be delivered and answered, and the inner header is not
  // seen on the way.
  IpRangeSet peer_addresses;
  for (Ipv4 a : peers) peer_addresses.Add(HostCidr(a));
  PacketSet to_peers = asked & PacketSet::Addresses(Field::kDst, peer_addresses);
  ReachResult result = Run(model_, *tables_, origin, asked - to_peers, SymbolicHeader::Identity(), options);
  if (to_peers.IsEmpty()) return result;
  SymbolicHeader ike = SymbolicHeader::Identity();
  ike[Field::kProtocol] = FieldExpr::Constant(kUdp);
  ike[Field::kSrcPort] = FieldExpr::Constant(500);
  ike[Field::kDstPort] = FieldExpr::Constant(500);
  SymbolicHeader esp = SymbolicHeader::Identity();
  esp[Field::kProtocol] = FieldExpr::Constant(kEsp);
  esp[Field::kSrcPort] = FieldExpr::Constant(0);
  esp[Field::kDstPort] = FieldExpr::Constant(0);
  ReachResult ike_result = Run(model_, *tables_, origin, to_peers, ike, options);
  ReachResult esp_result = Run(model_, *tables_, origin, to_peers, esp, options);
  PacketSet ike_delivered = ike_result.Delivered();
  for (DeliveredClass& c : esp_result.classes) {
    c.packets &= ike_delivered;
    if (c.packets.IsEmpty()) continue;
    c.encapsulation = kIpsecCarrier;
    result.classes.push_back(std::move(c));
  }
  result.budget_exceeded |= ike_result.budget_exceeded || esp_result.budget_exceeded;
  result.AddZoneChoices(ike_result.zone_choices);
  result.AddZoneChoices(esp_result.zone_choices);
  for (const Refusal* r : {&ike_result.refusal, &esp_result.refusal}) {
    if (r->depth > result.refusal.depth) result.refusal = *r;
  }
  return result;
}

PacketSet Solver::DeliveredTo(const DeliveredClass& c, const Endpoint& endpoint) const {
  switch (c.delivery.kind) {
    case DeliveryKind::kEni: {
      if (std::find(endpoint.enis.begin(), endpoint.enis.end(), c.delivery.index) ==
          endpoint.enis.end()) {
        return PacketSet::Empty();
      }
      // Only the requests to its addresses (a batch's class holds those to its neighbours too).
      PacketSet to_eni;
      const Eni& eni = model_.enis[c.delivery.index];
      for (size_t k = 0; k < eni.PrivateIpCount(); ++k) {
        to_eni |= ExprInRange(c.arriving, Field::kDst, eni.PrivateIp(k), eni.PrivateIp(k));
      }
      return c.packets & to_eni;
    }
    case DeliveryKind::kSubnetHost:
      if (std::find(endpoint.subnets.begin(), endpoint.subnets.end(), c.delivery.index) ==
          endpoint.subnets.end()) {
        return PacketSet::Empty();
      }
      return c.packets & ExprInAddresses(c.arriving, Field::kDst, endpoint.addresses);
    case DeliveryKind::kOutside:
      if (!endpoint.outside || endpoint.answers_nothing) return PacketSet::Empty();
      // A gateway endpoint as the destination: only what passed it.
      if (!endpoint.must_pass.empty() && !c.Passes(endpoint.must_pass)) return PacketSet::Empty();
      return c.packets & ExprInAddresses(c.arriving, Field::kDst, endpoint.addresses);
    case DeliveryKind::kAmazonProvided:
      if (!endpoint.literal) return PacketSet::Empty();
      return c.packets & ExprInAddresses(c.arriving, Field::kDst, endpoint.addresses);
    case DeliveryKind::kNat:
    case DeliveryKind::kNone:
      return PacketSet::Empty();
  }
  return PacketSet::Empty();
}

}  // namespace vpcreach
