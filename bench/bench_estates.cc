#include "bench/bench_estates.h"

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>

#include "sim/query/check.h"
#include "sim/rules.h"
#include "sim/solver.h"
#include "sim/tracer.h"
#include "tests/generator/network_generator.h"

namespace vpcreach::bench {
namespace {

constexpr std::uint16_t kClientPort = 40000;
constexpr std::uint16_t kHttps = 443;
const Ipv4 kPypi = 0x97650001u;  // 151.101.0.1
constexpr int kMaxSolverTries = 300;  // ENIs asked of the solver when none reaches PyPI

[[noreturn]] void Die(const std::string& message) {
  std::fprintf(stderr, "bench: %s\n", message.c_str());
  std::abort();
}

Index EniNamed(const Model& model, const std::string& id) {
  for (Index e = 0; e < model.enis.size(); ++e) {
    if (model.enis[e].id == id) return e;
  }
  Die("no ENI " + id);
}

// The route `table` takes for `dst` is of kind `target` (and, unless kNone, to `index`).
bool RoutesTo(const Model& model, Index subnet, Ipv4 dst, RouteTarget target, Index index = kNone) {
  const Route* r =
      LongestPrefixMatch(model, model.route_tables[model.subnets[subnet].route_table], dst);
  return r != nullptr && r->target == target && (index == kNone || r->target_index == index);
}

// a and b are in different VPCs, each subnet's table routing the other's address to a transit
// gateway (see the header).
bool TransitPair(const Model& model, Index a, Index b) {
  const Eni& ea = model.enis[a];
  const Eni& eb = model.enis[b];
  return model.subnets[ea.subnet].vpc != model.subnets[eb.subnet].vpc && !eb.public_ip &&
         RoutesTo(model, ea.subnet, eb.private_ip, RouteTarget::kTransitGateway) &&
         RoutesTo(model, eb.subnet, ea.private_ip, RouteTarget::kTransitGateway);
}

bool IsTransitEstate(const std::string& name) { return name == "tgw" || name == "tgw10"; }

// Only the local path joins a and b, both ways (see the header).
bool LocalPair(const Model& model, Index a, Index b) {
  const Eni& ea = model.enis[a];
  const Eni& eb = model.enis[b];
  return ea.subnet != eb.subnet && model.subnets[ea.subnet].vpc == model.subnets[eb.subnet].vpc &&
         !eb.public_ip && RoutesTo(model, ea.subnet, eb.private_ip, RouteTarget::kLocal) &&
         RoutesTo(model, eb.subnet, ea.private_ip, RouteTarget::kLocal);
}

void ChooseQuestions(Estate* estate) {
  const Model& model = estate->model();
  Tracer tracer(model, *estate->graph);
  if (estate->name == "lab") {
    estate->eni_a = EniNamed(model, "training[0]");
    estate->eni_b = EniNamed(model, "training[1]");
    estate->internet_eni = EniNamed(model, "notebook");
  } else {
    // eni_to_eni: the first unowned local pair (across the transit gateway in the transit
    // estates) the tracer delivers tcp 443 on, else the first.
    auto pair = IsTransitEstate(estate->name) ? TransitPair : LocalPair;
    Index first_a = kNone, first_b = kNone;
    for (Index a = 0; a < model.enis.size() && estate->eni_a == kNone; ++a) {
      if (model.enis[a].owner != EniOwner::kNone) continue;
      for (Index b = 0; b < model.enis.size(); ++b) {
        if (model.enis[b].owner != EniOwner::kNone || !pair(model, a, b)) continue;
        if (first_a == kNone) first_a = a, first_b = b;
        Packet p{model.enis[a].private_ip, model.enis[b].private_ip, kTcp, kClientPort, kHttps};
        if (tracer.Trace(estate->OriginOf(a), p).delivered) {
          estate->eni_a = a;
          estate->eni_b = b;
          break;
        }
      }
      if (a > 400 && first_a != kNone) break;  // enough looking: take the first pair
    }
    if (estate->eni_a == kNone) estate->eni_a = first_a, estate->eni_b = first_b;
    // eni_to_internet: the first unowned ENI routed to a NAT that reaches PyPI on 443.
    Index first = kNone;
    for (Index e = 0; e < model.enis.size(); ++e) {
      const Eni& eni = model.enis[e];
      if (eni.owner != EniOwner::kNone ||
          !RoutesTo(model, eni.subnet, kPypi, RouteTarget::kNatGateway)) {
        continue;
      }
      if (first == kNone) first = e;
      Packet p{eni.private_ip, kPypi, kTcp, kClientPort, kHttps};
      TraceResult t = tracer.Trace(estate->OriginOf(e), p);
      if (t.delivered && t.Components().count(kKindNatGateway)) {
        estate->internet_eni = e;
        break;
      }
    }
    // Else the first whose tcp requests to `internet` (the question asked) some NAT gateway
    // delivers, whatever the port: a question with paths, not a refusal.
    if (estate->internet_eni == kNone) {
      PacketSetManager manager;
      Solver solver(model, *estate->graph);
      int tried = 0;
      for (Index e = first; e != kNone && e < model.enis.size() && tried < kMaxSolverTries; ++e) {
        const Eni& eni = model.enis[e];
        if (eni.owner != EniOwner::kNone ||
            !RoutesTo(model, eni.subnet, kPypi, RouteTarget::kNatGateway)) {
          continue;
        }
        ++tried;
        estate->internet_eni = e;
        ReachResult r = solver.Reach(estate->OriginOf(e), estate->EniToInternetSpace());
        bool through_nat = false;
        for (const DeliveredClass& c : r.classes) {
          for (const PathStep& step : c.forward) through_nat |= step.kind == kKindNatGateway;
        }
        if (through_nat) break;
        estate->internet_eni = kNone;
      }
    }
    if (estate->internet_eni == kNone) estate->internet_eni = first;
  }
  if (estate->eni_a == kNone || !(IsTransitEstate(estate->name) ? TransitPair : LocalPair)(
                                    model, estate->eni_a, estate->eni_b)) {
    Die(estate->name + ": no ENI pair joined as the estate's question needs");
  }
  if (estate->internet_eni == kNone) Die(estate->name + ": no ENI routed to a NAT gateway");
  const Route* r = LongestPrefixMatch(
      model, model.route_tables[model.subnets[model.enis[estate->internet_eni].subnet].route_table],
      kPypi);
  if (r == nullptr || r->target != RouteTarget::kNatGateway) {
    Die(estate->name + ": the internet ENI is not routed to a NAT gateway");
  }
  estate->internet_nat = r->target_index;
}

std::unique_ptr<Estate> Load(const std::string& name) {
  auto estate = std::make_unique<Estate>();
  estate->name = name;
  estate->text = EstateText(name, &estate->file_name);
  estate->loaded = LoadScenarioText(estate->file_name, estate->text);
  if (!estate->loaded.ok()) Die(name + ": the scenario does not load");
  estate->graph = std::make_unique<ForwardingGraph>(estate->loaded.model);
  ChooseQuestions(estate.get());
  const Model& m = estate->model();
  std::fprintf(stderr,
               "estate %s: %zu vpcs, %zu subnets, %zu enis, %zu groups, %zu nacls, %zu route "
               "tables; eni->eni %s -> %s; eni->internet %s via %s\n",
               name.c_str(), m.vpcs.size(), m.subnets.size(), m.enis.size(),
               m.security_groups.size(), m.network_acls.size(), m.route_tables.size(),
               m.enis[estate->eni_a].id.c_str(), m.enis[estate->eni_b].id.c_str(),
               m.enis[estate->internet_eni].id.c_str(),
               m.nat_gateways[estate->internet_nat].id.c_str());
  return estate;
}

}  // namespace

std::string EstateText(const std::string& name, std::string* file_name) {
  if (name == "lab") {
    *file_name = std::string(VPCREACH_SOURCE_DIR) + "/scenarios/sagemaker-lab.yaml";
    std::ifstream in(*file_name);
    std::stringstream text;
    text << in.rdbuf();
    if (!in) Die("cannot read " + *file_name);
    return text.str();
  }
  testing::GeneratorOptions options =
      IsTransitEstate(name) ? testing::TransitRegionEstate(1) : testing::RegionEstate(1);
  if (name == "region10" || name == "tgw10") {
    options.min_subnets_per_vpc = options.subnets_per_vpc = 20;
    options.enis = 500;
    options.security_groups = 250;
    options.notebooks = 1;
    options.training_jobs = 1;
  } else if (name != "region" && name != "tgw") {
    Die("unknown estate " + name);
  }
  *file_name = name + ".yaml";
  return testing::GenerateScenario(options);
}

const Estate& GetEstate(const std::string& name) {
  static std::map<std::string, std::unique_ptr<Estate>>* estates =
      new std::map<std::string, std::unique_ptr<Estate>>();  // never freed: lives to the end
  auto it = estates->find(name);
  if (it == estates->end()) it = estates->emplace(name, Load(name)).first;
  return *it->second;
}

Origin Estate::OriginOf(Index eni) const { return EndpointOf(eni).Origins(model()).front(); }

Endpoint Estate::EndpointOf(Index eni) const {
  std::string error;
  std::optional<Endpoint> e = ResolveEndpoint(model(), model().enis[eni].id, &error);
  if (!e) Die(error);
  return *e;
}

Packet Estate::TracePacket() const {
  return Packet{model().enis[eni_a].private_ip, model().enis[eni_b].private_ip, kTcp, kClientPort,
                kHttps};
}

PacketSet Estate::EniToEniSpace() const {
  return QuerySpace(OriginOf(eni_a), EndpointOf(eni_b).addresses, kTcp, std::nullopt,
                    PortRange{1024, 65535});
}

PacketSet Estate::EniToInternetSpace() const {
  const Service* internet = model().FindService("internet");
  if (internet == nullptr) Die("no internet service");
  return QuerySpace(OriginOf(internet_eni), internet->Addresses(), kTcp, std::nullopt,
                    PortRange{1024, 65535});
}

}  // namespace vpcreach::bench
