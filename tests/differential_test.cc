// Differential test: the set-based solver (sim/solver.h) against the concrete tracer
// (sim/tracer.h), its oracle, on generated networks (tests/generator/network_generator.h).
//
// For each network (SmallRandomNetwork(seed)), kOriginsPerNetwork origins are drawn from every
// ENI, the host origin of one random subnet, `internet`, every virtual private gateway (on-
// premises entering by it) and every SageMaker workload without a
// VPC (VPCREACH_DIFF_ALL_ORIGINS=1: all of them), and for each the solver computes once the set
// of delivered-and-answered requests, Reach(origin, All), with deliver_to_subnet_hosts on for
// kSubnetHostsPercent of them (the tracer then gets the same option). Then:
//  - packets: kPacketsPerNetwork biased random packets per network, spread over its origins
//    (addresses of the model: ENI private (secondary too) and public IPs, NAT IPs, subnet
//    addresses and
//    their reserved ones, service and prefix-list ranges, rule and route CIDR ends, the VPC DNS
//    resolver, 169.254.169.254, random; ports from the rules and the usual suspects; tcp, udp,
//    icmp, esp and random protocols, ports 0 for those without ports, ICMP types and codes from
//    the rules, the queries, their replies and one-way types; the source from the origin's
//    addresses; some packets are the solver's own witnesses near a random packet, in and
//    out of the delivered set, and among those delivered only for some NAT port choices). Each
//    is traced: `trace.delivered` must equal `Delivered().Contains(packet)`, and a delivered
//    packet must carry the tracer's NAT-port warnings exactly when the solver delivers it only
//    for some of the NAT gateways' port choices (not in DeliveredForEveryNatPort()).
//  - classes: a witness of every DeliveredClass is traced; it must be delivered, to the class's
//    delivery (kind and index).
//  - destinations: for each origin, a random destination (ENI, subnet, service, public address,
//    interface endpoint, an Amazon-provided service's address) is given as
//    SolverOptions::destination; what then reaches it must equal what reaches it in the full
//    answer, with and without steps, and kPacketsPerDestination packets to its addresses are
//    traced: the tracer ends them there exactly when that answer holds them.
//  - one class per ENI (SolverOptions::one_class_per_eni, as `matrix` runs): exactly one class
//    for each ENI the full answer reaches and for no other, each holding requests to its ENI
//    that the full answer delivers there, and the same deliveries elsewhere.
// A mismatch prints the seed, origin, mode, packet, the trace's hops with codes, the solver's
// class holding the packet, and the path of a dumped copy of the scenario under /tmp.
//
// CI runs kDefaultNetworks networks: 400 Reach calls, 4,800 packets and about 2,300 class
// witnesses, about a second in a release build and about 7 s in a Debug + ASan build (the
// solver's Reach is nearly all of it). The long run scales the number of networks (about 55
// networks a second in a release build):
//
//   VPCREACH_DIFF_CASES=100000 ./build/vpcreach_tests --gtest_filter='DifferentialTest.*'
//
// and one network reproduces alone (packets are drawn from the network's seed):
//
//   VPCREACH_DIFF_FIRST_SEED=1234 VPCREACH_DIFF_CASES=1 ./build/vpcreach_tests
//   --gtest_filter='DifferentialTest.*'
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <map>
#include <memory>
#include <random>
#include <set>
#include <sstream>

#include "model/gateway_roles.h"
#include "model/scenario_loader.h"
#include "sim/endpoint.h"
#include "sim/forwarding_graph.h"
#include "sim/hops/load_balancer.h"
#include "sim/packet_set.h"
#include "sim/solver.h"
#include "sim/tracer.h"
#include "tests/generator/network_generator.h"
#include "tests/test_util.h"

namespace vpcreach::testing {
namespace {

constexpr int kDefaultNetworks = 200;
// Origins per network, drawn from every ENI, one subnet's hosts, `internet` and the SageMaker
// workloads without a VPC (each Reach costs tens of milliseconds under ASan: this is the budget).
constexpr int kOriginsPerNetwork = 2;
// The share of origins whose Reach (and traces) deliver to subnet hosts.
constexpr int kSubnetHostsPercent = 35;
// Random packets traced per network (over its origins), besides one witness per delivered class.
constexpr int kPacketsPerNetwork = 24;
// Packets traced per origin to its random destination (the question `reach` and `check` ask).
constexpr int kPacketsPerDestination = 4;
// Stop reporting after this many mismatches (each one prints a lot).
constexpr int kMaxReported = 10;

class Rand {
 public:
  explicit Rand(std::uint64_t seed) : engine_(seed) {}
  std::uint64_t Next() { return engine_(); }
  std::uint64_t Below(std::uint64_t n) { return n == 0 ? 0 : engine_() % n; }
  bool Chance(int percent) { return static_cast<int>(Below(100)) < percent; }
  template <class T>
  const T& Pick(const std::vector<T>& items) { return items[Below(items.size())]; }

 private:
  std::mt19937_64 engine_;
};

// Addresses and ports worth trying in one model.
struct Pools {
  std::vector<Ipv4> addresses;   // exact addresses
  std::vector<IpRange> ranges;   // ranges: their ends and a random inside
  std::vector<std::uint16_t> ports;
  // Source ports below the NAT gateway's (which picks its own in 1024-65535 for them too).
  std::vector<std::uint16_t> low_ports;
  // ICMP destination-port field values (packet.h): the rules' types and codes and their
  // neighbours, the queries, their replies and some one-way types.
  std::vector<std::uint16_t> icmp;
};

void AddRange(Pools* pools, const Cidr& c) { pools->ranges.push_back(IpRange{c.First(), c.Last()}); }

void AddPorts(Pools* pools, const PortRange& r) {
  for (int p : {int{r.from}, int{r.to}, r.from - 1, r.to + 1}) {
    if (p >= 0 && p <= 65535) pools->ports.push_back(static_cast<std::uint16_t>(p));
  }
}

void AddIcmp(Pools* pools, int protocol, const IcmpTypeCode& icmp) {
  if (protocol != kIcmp || icmp.type == kAllIcmp) return;
  int lo = icmp.code == kAllIcmp ? 0 : icmp.code, hi = icmp.code == kAllIcmp ? 255 : icmp.code;
  int first = IcmpField(icmp.type, lo), last = IcmpField(icmp.type, hi);
  for (int p : {first, last, first - 1, last + 1}) {
    if (p >= 0 && p <= 65535) pools->icmp.push_back(static_cast<std::uint16_t>(p));
  }
}

Pools CollectPools(const Model& m) {
  Pools pools;
  for (const Eni& e : m.enis) {
    for (Ipv4 a : e.PrivateIps()) pools.addresses.push_back(a);
    if (e.public_ip) pools.addresses.push_back(*e.public_ip);
  }
  for (const Workload& w : m.workloads) {
    for (const ServedTraffic& t : w.serves.value_or(std::vector<ServedTraffic>{})) {
      if (HasPorts(t.protocol)) AddPorts(&pools, t.ports);
    }
  }
  for (const NatGateway& n : m.nat_gateways) {
    pools.addresses.push_back(n.private_ip);
    pools.addresses.push_back(n.public_ip);
  }
  for (const Subnet& s : m.subnets) {
    for (Ipv4 k = 0; k < 4; ++k) pools.addresses.push_back(s.cidr.base + k);
    pools.addresses.push_back(s.cidr.Last());
    AddRange(&pools, s.cidr);
  }
  for (const Vpc& v : m.vpcs) {
    pools.addresses.push_back(v.DnsResolver());
    for (const Cidr& c : v.cidrs) AddRange(&pools, c);
  }
  for (const char* a : {"169.254.169.254", "169.254.169.123", "169.254.169.253", "8.8.8.8",
                        "151.101.0.1", "52.216.10.20"}) {
    pools.addresses.push_back(*ParseIpv4(a));
  }
  for (const VpnConnection& c : m.vpn_connections) {
    for (const Cidr& prefix : c.Prefixes()) AddRange(&pools, prefix);
  }
  for (const Service& s : m.services) {
    for (const Cidr& c : s.cidrs) AddRange(&pools, c);
  }
  for (const PrefixList& p : m.prefix_lists) {
    for (const Cidr& c : p.cidrs) AddRange(&pools, c);
  }
  for (const RouteTable& t : m.route_tables) {
    for (const Route& r : t.routes) {
      if (r.destination_cidr) AddRange(&pools, *r.destination_cidr);
    }
  }
  for (const NetworkAcl& a : m.network_acls) {
    for (const auto* rules : {&a.ingress, &a.egress}) {
      for (const NaclRule& r : *rules) {
        AddRange(&pools, r.cidr);
        if (HasPorts(r.protocol)) AddPorts(&pools, r.ports);
        AddIcmp(&pools, r.protocol, r.icmp);
      }
    }
  }
  for (const SecurityGroup& g : m.security_groups) {
    for (const auto* rules : {&g.ingress, &g.egress}) {
      for (const SgRule& r : *rules) {
        if (r.peer == PeerKind::kCidr) AddRange(&pools, r.cidr);
        if (HasPorts(r.protocol)) AddPorts(&pools, r.ports);
        AddIcmp(&pools, r.protocol, r.icmp);
      }
    }
  }
  for (int p : {0, 22, 80, 443, 500, 1023, 1024, 2047, 8080, 32767, 32768, 40000, 60999, 61000,
                65535}) {
    pools.ports.push_back(static_cast<std::uint16_t>(p));
  }
  for (int type : {0, 3, 5, 8, 11, 13, 14, 15, 16, 17, 18}) {
    pools.icmp.push_back(IcmpField(type, 0));
  }
  pools.low_ports = {0, 1, 22, 80, 443, 500, 1023};
  return pools;
}

Ipv4 InRange(Rand& rand, const IpRange& r) {
  switch (rand.Below(4)) {
    case 0: return r.lo;
    case 1: return r.hi;
    default: return r.lo + static_cast<Ipv4>(rand.Below(std::uint64_t{r.hi} - r.lo + 1));
  }
}

Ipv4 RandomDestination(Rand& rand, const Pools& pools) {
  switch (rand.Below(10)) {
    case 0: case 1: case 2: case 3: return rand.Pick(pools.addresses);
    case 4: case 5: case 6: case 7: return InRange(rand, rand.Pick(pools.ranges));
    default: return static_cast<Ipv4>(rand.Next());
  }
}

// A source address the origin may use, biased to the interesting ones.
Ipv4 RandomSource(Rand& rand, const Origin& origin, const Pools& pools) {
  const std::vector<IpRange>& ranges = origin.addresses.Ranges();
  for (int attempt = 0; attempt < 8 && origin.kind == OriginKind::kOutside; ++attempt) {
    Ipv4 a = RandomDestination(rand, pools);
    if (origin.addresses.Contains(a)) return a;
  }
  return InRange(rand, rand.Pick(ranges));
}

std::uint16_t RandomPort(Rand& rand, const Pools& pools) {
  return rand.Chance(80) ? rand.Pick(pools.ports) : static_cast<std::uint16_t>(rand.Below(65536));
}

Packet RandomPacket(Rand& rand, const Origin& origin, const Pools& pools) {
  Packet p;
  switch (rand.Below(20)) {
    case 0: case 1: case 2: case 3: case 4: case 5: case 6: case 7: p.protocol = kTcp; break;
    case 8: case 9: case 10: case 11: p.protocol = kUdp; break;
    case 12: case 13: case 14: p.protocol = kIcmp; break;
    case 15: case 16: p.protocol = kEsp; break;
    default: p.protocol = static_cast<int>(rand.Below(256)); break;
  }
  p.src = RandomSource(rand, origin, pools);
  p.dst = RandomDestination(rand, pools);
  if (HasPorts(p.protocol)) {
    p.dst_port = RandomPort(rand, pools);
    switch (rand.Below(4)) {
      case 0: case 1: p.src_port = 40000; break;
      case 2: p.src_port = RandomPort(rand, pools); break;
      default: p.src_port = rand.Pick(pools.low_ports); break;
    }
  }
  if (p.protocol == kIcmp) {
    std::uint16_t field =
        rand.Chance(80) ? rand.Pick(pools.icmp) : static_cast<std::uint16_t>(rand.Below(65536));
    p = IcmpPacket(p.src, p.dst, field >> 8, field & 0xff);
  }
  return p;
}

const char* DeliveryKindName(DeliveryKind kind) {
  switch (kind) {
    case DeliveryKind::kNone: return "none";
    case DeliveryKind::kEni: return "eni";
    case DeliveryKind::kSubnetHost: return "subnet-host";
    case DeliveryKind::kNat: return "nat";
    case DeliveryKind::kOutside: return "outside";
    case DeliveryKind::kAmazonProvided: return "amazon-provided";
  }
  return "?";
}

std::string DescribeDelivery(const Model& m, const Delivery& d) {
  std::string out = DeliveryKindName(d.kind);
  if (d.kind == DeliveryKind::kEni && d.index < m.enis.size()) out += " " + m.enis[d.index].id;
  if (d.kind == DeliveryKind::kSubnetHost && d.index < m.subnets.size()) {
    out += " " + m.subnets[d.index].id;
  }
  return out;
}

std::string DescribeTrace(const Model& m, const TraceResult& t) {
  std::ostringstream out;
  out << "tracer: " << (t.delivered ? "delivered" : "dropped")
      << " (forward arrived: " << (t.forward_arrived ? "yes" : "no")
      << ", delivery: " << DescribeDelivery(m, t.delivery) << ")";
  if (!t.encapsulation.empty()) out << " [" << t.encapsulation << "]";
  out << "\n";
  for (const auto& [name, hops] : {std::pair{"forward", &t.forward}, std::pair{"return", &t.reverse}}) {
    out << "  " << name << ":\n";
    for (const Hop& h : *hops) {
      out << "    " << h.component << " (" << h.kind << "): " << h.decision;
      if (!h.rule.empty() && h.rule != h.decision) out << "  [" << h.rule << "]";
      if (!h.code.empty()) out << "  {" << h.code << (h.blocked ? ", blocked" : "") << "}";
      out << "   packet " << FormatPacket(h.packet) << "\n";
    }
  }
  for (const Explanation& e : t.explanations) {
    out << "  why: " << e.code << " at " << e.component << ": " << e.message << "\n";
  }
  return out.str();
}

std::string DescribeClass(const Model& m, const DeliveredClass& c) {
  std::ostringstream out;
  out << "solver class: delivered to " << DescribeDelivery(m, c.delivery);
  if (!c.encapsulation.empty()) out << " [" << c.encapsulation << "]";
  if (auto cubes = c.packets.Cubes(4)) {
    out << "; packets:";
    for (const Cube& cube : *cubes) out << " {" << FormatCube(cube) << "}";
  } else {
    out << "; packets: more than 4 cubes";
  }
  out << "\n";
  for (const auto& [name, steps] : {std::pair{"forward", &c.forward}, std::pair{"return", &c.reverse}}) {
    out << "  " << name << ":\n";
    for (const PathStep& s : *steps) {
      out << "    " << s.component << " (" << s.kind << "): " << s.decision << "\n";
    }
  }
  return out.str();
}

std::string DumpScenario(std::uint64_t seed, const std::string& yaml) {
  std::string path = "/tmp/vpcreach-diff-seed-" + std::to_string(seed) + ".yaml";
  std::ofstream(path) << yaml;
  return path;
}

struct Totals {
  int networks = 0;
  int origins = 0;
  int packets = 0;
  int delivered = 0;
  int classes = 0;
  int intermittent = 0;  // delivered packets that work only for some NAT port choices
  int mismatches = 0;
  int proxied = 0;  // packets sent to a load balancer in front of the destination
  int proxied_reached = 0;  // of those, reaching the destination through it
  std::map<std::string, int> paths;  // delivered classes by what they pass, for the summary
};

// Everything about one network under test.
class NetworkCase {
 public:
  NetworkCase(std::uint64_t seed, Totals* totals) : seed_(seed), totals_(*totals), rand_(seed) {}

  void Run() {
    yaml_ = GenerateScenario(SmallRandomNetwork(seed_));
    LoadResult loaded = LoadScenarioText("generated.yaml", yaml_);
    if (!loaded.ok()) {
      ADD_FAILURE() << "seed " << seed_ << ": the generated scenario does not load ("
                    << DumpScenario(seed_, yaml_) << "):\n"
                    << loaded.diagnostics.Format();
      return;
    }
    model_ = std::make_unique<Model>(std::move(loaded.model));
    graph_ = std::make_unique<ForwardingGraph>(*model_);
    tracer_ = std::make_unique<Tracer>(*model_, *graph_);
    solver_ = std::make_unique<Solver>(*model_, *graph_);
    pools_ = CollectPools(*model_);
    ++totals_.networks;

    std::vector<Origin> origins = SampleOrigins(PickOrigins());
    struct Run {
      const Origin* origin;
      bool hosts;
      ReachResult result;
      PacketSet delivered;
      PacketSet always;  // delivered whatever the NAT gateways choose
    };
    std::vector<Run> runs;
    for (const Origin& origin : origins) {
      ++totals_.origins;
      SolverOptions options;
      options.deliver_to_subnet_hosts = rand_.Chance(kSubnetHostsPercent);
      ReachResult result = solver_->Reach(origin, PacketSet::All(), options);
      if (result.budget_exceeded) {
        ADD_FAILURE() << "seed " << seed_ << ": the solver ran out of budget from "
                      << origin.label;
        return;
      }
      PacketSet delivered = result.Delivered();
      PacketSet always = result.DeliveredForEveryNatPort();
      // The fast mode (no steps, each filter one precomputed set, as `matrix` runs) must
      // deliver exactly the same requests, as reliably.
      SolverOptions fast = options;
      fast.record_steps = false;
      ReachResult quick = solver_->Reach(origin, PacketSet::All(), fast);
      if (!(quick.Delivered() == delivered) || !(quick.DeliveredForEveryNatPort() == always)) {
        ADD_FAILURE() << "seed " << seed_ << ": the solver without steps delivers other "
                      << "requests from " << origin.label << " (" << DumpScenario(seed_, yaml_)
                      << ")";
        return;
      }
      if (!CheckDestinationPruning(origin, options, result)) return;
      if (!CheckOneClassPerEni(origin, options, result)) return;
      runs.push_back(Run{&origin, options.deliver_to_subnet_hosts, std::move(result),
                         std::move(delivered), std::move(always)});
    }
    for (const Run& run : runs) {
      for (const DeliveredClass& c : run.result.classes) {
        if (!CheckClass(*run.origin, run.hosts, c)) return;
      }
    }
    for (int k = 0; k < kPacketsPerNetwork && !runs.empty(); ++k) {
      const Run& run = runs[rand_.Below(runs.size())];
      Packet p = RandomPacket(rand_, *run.origin, pools_);
      // Some packets are the solver's own answer near a random one: just inside or just outside
      // the delivered set, where a wrong boundary shows.
      if (rand_.Chance(30)) {
        PacketSet valid = PacketSet::Universe() &
                          PacketSet::Addresses(Field::kSrc, run.origin->addresses);
        PacketSet sometimes = run.delivered - run.always;
        PacketSet side = !sometimes.IsEmpty() && rand_.Chance(50) ? sometimes
                         : rand_.Chance(50)                       ? run.delivered
                                                                  : valid - run.delivered;
        if (auto w = side.Witness(&p)) p = *w;
      }
      if (!CheckPacket(*run.origin, run.hosts, run.result, run.delivered, run.always, p)) return;
    }
  }

 private:
  std::vector<Origin> PickOrigins() {
    std::vector<Origin> out;
    const Model& m = *model_;
    std::string error;
    auto first_of_kind = [&](const std::string& name, OriginKind kind) -> std::optional<Origin> {
      std::optional<Endpoint> endpoint = ResolveEndpoint(m, name, &error);
      if (!endpoint) {
        ADD_FAILURE() << "seed " << seed_ << ": cannot resolve " << name << ": " << error;
        return std::nullopt;
      }
      for (Origin& o : endpoint->Origins(m)) {
        if (o.kind == kind) return std::move(o);
      }
      return std::nullopt;
    };
    for (const Eni& e : m.enis) {
      if (auto o = first_of_kind(e.id, OriginKind::kEni)) out.push_back(std::move(*o));
    }
    if (!m.subnets.empty()) {
      const Subnet& s = m.subnets[rand_.Below(m.subnets.size())];
      if (auto o = first_of_kind(s.id, OriginKind::kSubnetHost)) out.push_back(std::move(*o));
    }
    if (auto o = first_of_kind("internet", OriginKind::kOutside)) out.push_back(std::move(*o));
    // On-premises, entering by a virtual private gateway.
    for (const VpnGateway& g : m.vpn_gateways) {
      if (GatewayRoleError(m, g.id, /*as_source=*/true) != "") continue;
      if (auto o = first_of_kind(g.id, OriginKind::kOutside)) out.push_back(std::move(*o));
    }
    for (const NotebookInstance& n : m.notebooks) {
      if (n.subnet != kNone) continue;
      if (auto o = first_of_kind(n.id, OriginKind::kSageMaker)) out.push_back(std::move(*o));
    }
    for (const TrainingJob& j : m.training_jobs) {
      if (!j.subnets.empty()) continue;
      if (auto o = first_of_kind(j.id, OriginKind::kSageMaker)) out.push_back(std::move(*o));
    }
    return out;
  }

  // A destination named as users name them: an ENI, a subnet, a catalog service, or the public
  // address of an ENI or NAT gateway.
  std::optional<Endpoint> RandomDestination() {
    const Model& m = *model_;
    std::vector<std::string> names;
    for (const Eni& e : m.enis) {
      names.push_back(e.id);
      if (e.public_ip) names.push_back(FormatIpv4(*e.public_ip));
    }
    for (const Subnet& sn : m.subnets) names.push_back(sn.id);
    for (const Service& sv : m.services) names.push_back(sv.name);
    for (const NatGateway& n : m.nat_gateways) names.push_back(FormatIpv4(n.public_ip));
    for (const VpnConnection& c : m.vpn_connections) {  // on-premises, as literal prefixes
      for (const Cidr& prefix : c.Prefixes()) names.push_back(prefix.ToString());
    }
    for (const VpcEndpoint& v : m.vpc_endpoints) {
      if (v.type == EndpointType::kInterface) names.push_back(v.id);
    }
    // The Amazon-provided services, which no group or NACL filters (asked as literals).
    for (const Vpc& v : m.vpcs) names.push_back(FormatIpv4(v.DnsResolver()));
    names.push_back("169.254.169.254");
    std::string error;
    return ResolveEndpoint(m, names[rand_.Below(names.size())], &error);
  }

  // SolverOptions::destination prunes only what cannot end at the destination: what the result
  // delivers there is the same with and without it, in both modes. And the question with a
  // destination (as `reach` and `check` ask it) agrees with the tracer: a packet to the
  // destination's addresses ends there exactly when the pruned answer holds it.
  bool CheckDestinationPruning(const Origin& origin, const SolverOptions& options,
                               const ReachResult& full) {
    std::optional<Endpoint> to = RandomDestination();
    if (!to) return true;
    PacketSet expected;
    for (const DeliveredClass& c : full.classes) expected |= solver_->DeliveredTo(c, *to);
    for (bool steps : {true, false}) {
      SolverOptions pruned = options;
      pruned.destination = &*to;
      pruned.record_steps = steps;
      pruned.max_proxies = 0;  // the balancers' backend legs: CheckProxies
      PacketSet got;
      for (const DeliveredClass& c : solver_->Reach(origin, PacketSet::All(), pruned).classes) {
        got |= solver_->DeliveredTo(c, *to);
      }
      if (!(got == expected)) {
        ADD_FAILURE() << "seed " << seed_ << ": with destination " << to->name
                      << (steps ? "" : " (no steps)") << ", the solver delivers other requests from "
                      << origin.label << " there (" << DumpScenario(seed_, yaml_) << ")";
        return false;
      }
    }
    for (int k = 0; k < kPacketsPerDestination; ++k) {
      Packet p = RandomPacket(rand_, origin, pools_);
      const std::vector<IpRange>& ranges = to->addresses.Ranges();
      if (ranges.empty()) break;
      const IpRange& r = rand_.Pick(ranges);
      p.dst = static_cast<Ipv4>(r.lo + rand_.Below(std::uint64_t{r.hi} - r.lo + 1));
      ++totals_.packets;
      TraceResult trace = Trace(origin, options.deliver_to_subnet_hosts, p);
      bool traced = trace.delivered && to->Matches(*model_, trace.delivery);
      totals_.delivered += traced;
      if (traced == expected.Contains(p)) continue;
      ++totals_.mismatches;
      if (totals_.mismatches <= kMaxReported) {
        ADD_FAILURE() << "asked with destination " << to->name << ", the tracer "
                      << (traced ? "delivers the packet there" : "does not deliver it there")
                      << ", the solver " << (expected.Contains(p) ? "does" : "does not") << "\n"
                      << Context(origin, options.deliver_to_subnet_hosts, p)
                      << DescribeTrace(*model_, trace);
      }
      return false;
    }
    return CheckProxies(origin, options, *to);
  }

  // Through a load balancer in front of `to` (sim/hops/load_balancer.h): a request to one of its
  // addresses reaches `to` in the solver's answer exactly when the tracer delivers it to the
  // listener and one of the backend legs it shows (or theirs, in turn) ends at `to`.
  bool CheckProxies(const Origin& origin, const SolverOptions& options, const Endpoint& to) {
    IpRangeSet fronts = ProxyAddresses(*model_, to);
    if (fronts.Empty()) return true;
    SolverOptions asked = options;
    asked.destination = &to;
    PacketSet reached;
    for (const DeliveredClass& c : solver_->Reach(origin, PacketSet::All(), asked).classes) {
      reached |= solver_->DeliveredTo(c, to);
    }
    std::function<bool(const TraceResult&)> ends_at_to = [&](const TraceResult& t) {
      if (!t.delivered) return false;
      if (to.Matches(*model_, t.delivery)) return true;
      return std::any_of(t.backends.begin(), t.backends.end(),
                         [&](const ProxiedLeg& leg) { return ends_at_to(leg.result); });
    };
    for (int k = 0; k < kPacketsPerDestination; ++k) {
      Packet p = RandomPacket(rand_, origin, pools_);
      const IpRange& r = rand_.Pick(fronts.Ranges());
      p.dst = static_cast<Ipv4>(r.lo + rand_.Below(std::uint64_t{r.hi} - r.lo + 1));
      if (rand_.Chance(80)) {  // a listener's port (the generator's: 443, 8444), mostly
        p.protocol = rand_.Chance(80) ? kTcp : kUdp;
        p.dst_port = rand_.Pick(std::vector<std::uint16_t>{443, 443, 8444, 80});
        p.src_port = static_cast<std::uint16_t>(1024 + rand_.Below(64512));
      }
      ++totals_.packets;
      ++totals_.proxied;
      TraceResult trace = Trace(origin, options.deliver_to_subnet_hosts, p);
      bool traced = ends_at_to(trace);
      totals_.delivered += traced;
      totals_.proxied_reached += traced;
      if (traced == reached.Contains(p)) continue;
      ++totals_.mismatches;
      if (totals_.mismatches <= kMaxReported) {
        ADD_FAILURE() << "through a load balancer to " << to.name << ", the tracer "
                      << (traced ? "reaches it" : "does not reach it") << ", the solver "
                      << (reached.Contains(p) ? "does" : "does not") << "\n"
                      << Context(origin, options.deliver_to_subnet_hosts, p)
                      << DescribeTrace(*model_, trace);
      }
      return false;
    }
    return true;
  }

  // SolverOptions::one_class_per_eni (as `matrix` runs the solver) gives a class to the same ENIs
  // as the full answer, and the same deliveries elsewhere.
  bool CheckOneClassPerEni(const Origin& origin, const SolverOptions& options,
                           const ReachResult& full) {
    auto summary = [](const ReachResult& r, std::set<Index>* enis, PacketSet* elsewhere) {
      for (const DeliveredClass& c : r.classes) {
        if (c.delivery.kind == DeliveryKind::kEni) {
          enis->insert(c.delivery.index);
        } else {
          *elsewhere |= c.packets;
        }
      }
    };
    std::set<Index> want_enis, got_enis;
    PacketSet want_elsewhere, got_elsewhere;
    summary(full, &want_enis, &want_elsewhere);
    SolverOptions first = options;
    first.record_steps = false;
    first.one_class_per_eni = true;
    ReachResult r = solver_->Reach(origin, PacketSet::All(), first);
    summary(r, &got_enis, &got_elsewhere);
    std::map<Index, int> per_eni;
    for (const DeliveredClass& c : r.classes) {
      if (c.delivery.kind == DeliveryKind::kEni) ++per_eni[c.delivery.index];
    }
    bool one_each = std::all_of(per_eni.begin(), per_eni.end(), [](const auto& p) { return p.second == 1; });
    // Each class's own requests (DeliveredTo: a batch's class carries its neighbours' too) are
    // some of what reaches its ENI in the full answer.
    for (const DeliveredClass& c : r.classes) {
      if (c.delivery.kind != DeliveryKind::kEni) continue;
      std::string error;
      Endpoint eni = *ResolveEndpoint(*model_, model_->enis[c.delivery.index].id, &error);
      PacketSet own = solver_->DeliveredTo(c, eni), all;
      for (const DeliveredClass& f : full.classes) all |= solver_->DeliveredTo(f, eni);
      if (own.IsEmpty() || !own.SubsetOf(all)) {
        ADD_FAILURE() << "seed " << seed_ << ": with one class per ENI, the class of "
                      << model_->enis[c.delivery.index].id << " from " << origin.label
                      << (own.IsEmpty() ? " holds no request to it"
                                        : " holds requests the full answer does not deliver")
                      << " (" << DumpScenario(seed_, yaml_) << ")";
        return false;
      }
    }
    if (got_enis != want_enis || !(got_elsewhere == want_elsewhere) || !one_each) {
      std::string enis;
      for (Index e : want_enis) enis += got_enis.count(e) ? "" : " -" + model_->enis[e].id;
      for (Index e : got_enis) enis += want_enis.count(e) ? "" : " +" + model_->enis[e].id;
      for (const auto& [e, n] : per_eni) enis += n == 1 ? "" : " " + model_->enis[e].id + " x" + std::to_string(n);
      ADD_FAILURE() << "seed " << seed_ << ": with one class per ENI, the solver reaches other "
                    << "ENIs or deliveries from " << origin.label << " (ENIs:" << enis
                    << (got_elsewhere == want_elsewhere ? "" : "; other deliveries differ") << ") ("
                    << DumpScenario(seed_, yaml_) << ")";
      return false;
    }
    return true;
  }

  // kOriginsPerNetwork of them (all with VPCREACH_DIFF_ALL_ORIGINS=1), drawn without replacement;
  // the rarer kinds (subnet host, internet, SageMaker) weigh as much as four ENIs each.
  std::vector<Origin> SampleOrigins(std::vector<Origin> all) {
    if (EnvNumber("VPCREACH_DIFF_ALL_ORIGINS", 0) != 0) return all;
    std::vector<Origin> out;
    while (static_cast<int>(out.size()) < kOriginsPerNetwork && !all.empty()) {
      std::uint64_t total = 0;
      for (const Origin& o : all) total += o.kind == OriginKind::kEni ? 1 : 4;
      std::uint64_t pick = rand_.Below(total);
      size_t i = 0;
      for (;; ++i) {
        std::uint64_t weight = all[i].kind == OriginKind::kEni ? 1 : 4;
        if (pick < weight) break;
        pick -= weight;
      }
      out.push_back(std::move(all[i]));
      all.erase(all.begin() + static_cast<long>(i));
    }
    return out;
  }

  TraceResult Trace(const Origin& origin, bool hosts, const Packet& p) const {
    TraceOptions options;
    options.deliver_to_subnet_hosts = hosts;
    return tracer_->Trace(origin, p, options);
  }

  std::string Context(const Origin& origin, bool hosts, const Packet& p) {
    std::ostringstream out;
    out << "seed " << seed_ << ", origin " << origin.label << ", deliver_to_subnet_hosts "
        << (hosts ? "true" : "false") << ", packet " << FormatPacket(p) << " (protocol "
        << p.protocol << ")\nscenario: " << DumpScenario(seed_, yaml_)
        << "\nreproduce: VPCREACH_DIFF_FIRST_SEED=" << seed_
        << " VPCREACH_DIFF_CASES=1 vpcreach_tests --gtest_filter='DifferentialTest.*'\n";
    return out.str();
  }

  // Returns false after a mismatch (the rest of the network is skipped).
  bool CheckPacket(const Origin& origin, bool hosts, const ReachResult& result,
                   const PacketSet& delivered, const PacketSet& always, const Packet& p) {
    ++totals_.packets;
    TraceResult trace = Trace(origin, hosts, p);
    bool solver = delivered.Contains(p);
    totals_.delivered += trace.delivered;
    // Delivered only for some of the NAT gateways' port choices: the tracer warns.
    bool tracer_sometimes = trace.delivered && !trace.warnings.empty();
    bool solver_sometimes = solver && !always.Contains(p);
    totals_.intermittent += tracer_sometimes;
    if (trace.delivered == solver && tracer_sometimes == solver_sometimes) return true;
    ++totals_.mismatches;
    if (totals_.mismatches > kMaxReported) return false;
    std::string classes;
    for (const DeliveredClass& c : result.classes) {
      if (!c.packets.Contains(p)) continue;
      classes += DescribeClass(*model_, c);
      for (const FieldRange& r : c.nat_ports) {
        classes += "  nat ports " + std::to_string(static_cast<std::uint64_t>(r.lo)) + "-" +
                   std::to_string(static_cast<std::uint64_t>(r.hi)) + "\n";
      }
    }
    for (const TraceWarning& w : trace.warnings) classes += "  tracer warns: " + w.message + "\n";
    if (trace.delivered == solver) {
      ADD_FAILURE() << "tracer and solver disagree on a NAT gateway's port choices: the tracer "
                    << (tracer_sometimes ? "warns" : "does not warn") << ", the solver delivers "
                    << "the packet " << (solver_sometimes ? "for some choices only" : "for all")
                    << "\n"
                    << Context(origin, hosts, p) << DescribeTrace(*model_, trace) << classes;
      return false;
    }
    ADD_FAILURE() << "tracer and solver disagree: the tracer "
                  << (trace.delivered ? "delivers" : "drops") << " the packet, the solver "
                  << (solver ? "delivers" : "drops") << " it\n"
                  << Context(origin, hosts, p) << DescribeTrace(*model_, trace) << classes;
    return false;
  }

  bool CheckClass(const Origin& origin, bool hosts, const DeliveredClass& c) {
    ++totals_.classes;
    std::optional<Packet> witness = c.packets.Witness();
    if (!witness) {
      ++totals_.mismatches;
      if (totals_.mismatches <= kMaxReported) {
        ADD_FAILURE() << "seed " << seed_ << ", origin " << origin.label
                      << ": a delivered class holds no packet\n" << DescribeClass(*model_, c);
      }
      return false;
    }
    for (const char* kind :
         {kKindNatGateway, kKindInternetGateway, kKindVpcEndpoint, kKindSageMakerNetwork,
          kKindAmazonProvided, kKindPeeringConnection, kKindTransitGateway, kKindVpnGateway}) {
      if (c.Passes(kind)) ++totals_.paths[kind];
    }
    if (!c.encapsulation.empty()) ++totals_.paths["ipsec"];
    ++totals_.paths[std::string("to ") + DeliveryKindName(c.delivery.kind)];
    TraceResult trace = Trace(origin, hosts, *witness);
    if (trace.delivered && trace.delivery.kind == c.delivery.kind &&
        trace.delivery.index == c.delivery.index) {
      return true;
    }
    ++totals_.mismatches;
    if (totals_.mismatches > kMaxReported) return false;
    ADD_FAILURE() << "the witness of a delivered class is "
                  << (trace.delivered ? "delivered elsewhere" : "dropped") << " by the tracer\n"
                  << Context(origin, hosts, *witness) << DescribeTrace(*model_, trace)
                  << DescribeClass(*model_, c);
    return false;
  }

  std::uint64_t seed_;
  Totals& totals_;
  Rand rand_;
  std::string yaml_;
  std::unique_ptr<Model> model_;
  std::unique_ptr<ForwardingGraph> graph_;
  std::unique_ptr<Tracer> tracer_;
  std::unique_ptr<Solver> solver_;
  Pools pools_;
};

TEST(DifferentialTest, SolverAgreesWithTracerOnGeneratedNetworks) {
  Manager();
  std::uint64_t networks = EnvNumber("VPCREACH_DIFF_CASES", kDefaultNetworks);
  std::uint64_t first = EnvNumber("VPCREACH_DIFF_FIRST_SEED", 1);
  auto start = std::chrono::steady_clock::now();
  Totals totals;
  for (std::uint64_t seed = first; seed < first + networks; ++seed) {
    NetworkCase(seed, &totals).Run();
    if (totals.mismatches > kMaxReported) {
      ADD_FAILURE() << "more than " << kMaxReported << " mismatches; stopped at seed " << seed;
      break;
    }
    if (networks >= 1000 && (seed - first + 1) % 1000 == 0) {
      std::printf("[differential] %llu networks, %d packets, %d mismatches\n",
                  static_cast<unsigned long long>(seed - first + 1), totals.packets,
                  totals.mismatches);
      std::fflush(stdout);
    }
  }
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf(
      "[differential] %d networks, %d origins, %d packets (%d delivered, %d of them only "
      "for some NAT port choices), %d classes, %d mismatches, %.1f s\n",
      totals.networks, totals.origins, totals.packets, totals.delivered, totals.intermittent,
      totals.classes, totals.mismatches, seconds);
  std::string paths;
  for (const auto& [what, count] : totals.paths) {
    paths += (paths.empty() ? "" : ", ") + what + " " + std::to_string(count);
  }
  std::printf("[differential] delivered classes: %s\n", paths.c_str());
  std::printf("[differential] through load balancers: %d packets, %d reaching the destination\n",
              totals.proxied, totals.proxied_reached);
  EXPECT_EQ(totals.mismatches, 0);
  // The test means something only when both verdicts are common.
  if (totals.packets >= 1000) {
    EXPECT_GT(totals.delivered, totals.packets / 20);
    EXPECT_LT(totals.delivered, totals.packets * 19 / 20);
  }
}

}  // namespace
}  // namespace vpcreach::testing
