// `vpcreach diff` (sim/query/diff.h): the lab against each of its broken variants, a scenario
// against itself, --scope, the reports, and exactness on generated networks with random
// single-rule mutations, checked against the tracer (the oracle).
//
// The mutation test runs kDefaultMutations mutations in CI (a few seconds in a release build);
// more with VPCREACH_DIFF_MUTATIONS=N (first network seed VPCREACH_DIFF_MUTATION_SEED).
#include <gtest/gtest.h>

#include <cstdlib>
#include <random>
#include <set>

#include "model/scenario_loader.h"
#include "sim/endpoint.h"
#include "sim/forwarding_graph.h"
#include "sim/query/diff.h"
#include "sim/report/diff_report.h"
#include "sim/tracer.h"
#include "tests/generator/network_generator.h"
#include "tests/test_util.h"

namespace vpcreach::testing {
namespace {

constexpr int kDefaultMutations = 200;
constexpr int kPacketsPerSource = 12;

struct Version {
  Model model;
  std::unique_ptr<ForwardingGraph> graph;
};

Version LoadFile(const std::string& name) {
  LoadResult r = LoadScenarioFiles({std::string(VPCREACH_SOURCE_DIR "/scenarios/") + name});
  EXPECT_TRUE(r.ok()) << r.diagnostics.Format();
  Version v{std::move(r.model), nullptr};
  v.graph = std::make_unique<ForwardingGraph>(v.model);
  return v;
}

Version Rebuilt(Model model) {
  Version v{std::move(model), nullptr};
  v.graph = std::make_unique<ForwardingGraph>(v.model);
  return v;
}

DiffResult Diff(const Version& before, const Version& after, DiffOptions options = {}) {
  Manager();
  std::string error;
  std::optional<DiffResult> r =
      RunDiff(before.model, *before.graph, after.model, *after.graph, options, &error);
  EXPECT_TRUE(r.has_value()) << error;
  return r ? std::move(*r) : DiffResult{};
}

// "closed notebook -> pypi tcp 443 [sg pip]": kind, flow, ports and the components blamed.
std::vector<std::string> Summary(const DiffResult& r) {
  std::vector<std::string> out;
  for (const FlowChange& f : r.changes) {
    std::string line = std::string(f.kind == FlowChangeKind::kOpened ? "opened " : "closed ") +
                       f.source + " -> " + f.destination;
    for (const std::string& p : f.ports) line += (p == f.ports.front() ? " " : ", ") + p;
    std::set<std::string> blamed;
    for (std::size_t i : f.causes) blamed.insert(r.components.changes[i].Label());
    std::string causes;
    for (const std::string& b : blamed) causes += (causes.empty() ? "" : ", ") + b;
    out.push_back(line + " [" + causes + "]" + (f.causes_on_path ? "" : " (not on path)"));
  }
  return out;
}

using Lines = std::vector<std::string>;

class LabDiffTest : public ::testing::Test {
 protected:
  void SetUp() override { lab_ = LoadFile("sagemaker-lab.yaml"); }
  Version lab_;
};

TEST_F(LabDiffTest, AgainstItselfNothingChanges) {
  DiffResult r = Diff(lab_, LoadFile("sagemaker-lab.yaml"));
  EXPECT_FALSE(r.Changed());
  EXPECT_TRUE(r.components.Empty());
  EXPECT_EQ(r.sources, 7u);  // notebook, training[0], training[1] and four services
  std::string text = DiffToText(r, {"a.yaml"}, {"b.yaml"}, false);
  EXPECT_EQ(text, "diff a.yaml -> b.yaml: no flow opened or closed (7 sources compared)\n");
  EXPECT_TRUE(DiffToCiItems(r, lab_.model, lab_.model).empty());
}

TEST_F(LabDiffTest, SecurityGroupWithoutEgress) {
  DiffResult r = Diff(lab_, LoadFile("lab-sg-no-egress.yaml"));
  EXPECT_EQ(Summary(r), (Lines{"closed notebook -> dynamodb tcp 443 [sg pip]",
                               "closed notebook -> internet tcp 443 [sg pip]",
                               "closed notebook -> pypi tcp 443 [sg pip]",
                               "closed notebook -> s3 tcp 443 [sg pip]"}));
  ASSERT_EQ(r.changes.size(), 4u);
  EXPECT_EQ(r.changes[2].Headline(r.components),
            "closed: notebook -> pypi tcp 443 (sg pip: egress rule tcp 443 0.0.0.0/0 removed)");
  EXPECT_EQ(FormatPacket(r.changes[2].witness), "tcp 10.1.16.4:40000 -> 151.101.0.1:443");
  // Exactly the notebook's HTTPS to PyPI's range: every source port, 151.101.0.0/16.
  EXPECT_EQ(r.changes[2].headers, (Lines{"tcp dst-port 443 to 151.101.0.0/16 src-port 0-65535"}));
  EXPECT_TRUE(r.restricted);
  EXPECT_EQ(r.full_sources, 1u);  // only the notebook carries pip
}

TEST_F(LabDiffTest, NaclWithoutEphemeralPorts) {
  DiffResult r = Diff(lab_, LoadFile("lab-nacl-no-ephemeral.yaml"));
  EXPECT_EQ(Summary(r), (Lines{"closed notebook -> dynamodb tcp 443 [nacl private]",
                               "closed notebook -> internet tcp 443 [nacl private]",
                               "closed notebook -> pypi tcp 443 [nacl private]",
                               "closed notebook -> s3 tcp 443 [nacl private]"}));
  // The rule that decided the path, not the three new ones.
  EXPECT_EQ(r.changes[2].Headline(r.components),
            "closed: notebook -> pypi tcp 443 (nacl private: inbound rule 99 allow all 0.0.0.0/0 "
            "removed)");
  // Replies to source port 443 are still admitted (inbound rule 100 allows tcp 443): not closed.
  EXPECT_EQ(r.changes[2].headers, (Lines{"tcp dst-port 443 to 151.101.0.0/16 src-port 0-442",
                                         "tcp dst-port 443 to 151.101.0.0/16 src-port 444-65535"}));
}

TEST_F(LabDiffTest, NatGatewayInPrivateSubnet) {
  // The NAT gateway takes 10.1.16.4, so the notebook and training[0] move up one address: the
  // diff compares them by id, not by address, and only the NAT's flows close.
  DiffResult r = Diff(lab_, LoadFile("lab-nat-in-private-subnet.yaml"));
  EXPECT_EQ(Summary(r), (Lines{"closed notebook -> dynamodb tcp 443 [eni notebook, nat nat-a]",
                               "closed notebook -> internet tcp 443 [eni notebook, nat nat-a]",
                               "closed notebook -> pypi tcp 443 [eni notebook, nat nat-a]"}));
  EXPECT_FALSE(r.restricted);
}

TEST_F(LabDiffTest, DirectInternetAccess) {
  DiffResult r = Diff(lab_, LoadFile("lab-direct-internet-access.yaml"));
  EXPECT_EQ(Summary(r), (Lines{"opened notebook -> dynamodb all but tcp 443 [notebook notebook]",
                               "opened notebook -> internet all [notebook notebook]",
                               "opened notebook -> pypi all but tcp 443 [notebook notebook]",
                               "opened notebook -> s3 all but tcp 443 [notebook notebook]"}));
  EXPECT_EQ(r.changes[2].Headline(r.components),
            "opened: notebook -> pypi all but tcp 443 (notebook notebook: direct internet access "
            "disabled -> enabled)");
}

TEST_F(LabDiffTest, TrainingGroupWithoutIpsecRules) {
  DiffResult r = Diff(lab_, LoadFile("lab-training-without-ipsec-rules.yaml"));
  EXPECT_EQ(Summary(r), (Lines{"opened training[0] -> training[0] tcp [sg training]",
                               "closed training[0] -> training[0] udp 500, esp [sg training]",
                               "closed training[0] -> training[1] all [sg training]",
                               "closed training[1] -> training[0] all [sg training]",
                               "opened training[1] -> training[1] tcp [sg training]",
                               "closed training[1] -> training[1] udp 500, esp [sg training]"}));
}

TEST_F(LabDiffTest, NoS3EndpointKeepsEveryFlow) {
  // S3 still answers, through the NAT gateway instead of the endpoint: no request changes fate
  // (the path does; `diff` reports delivered traffic only), but the components changed.
  DiffResult r = Diff(lab_, LoadFile("lab-no-s3-endpoint.yaml"));
  EXPECT_FALSE(r.Changed());
  std::vector<std::string> components;
  for (const ComponentChange& c : r.components.changes) components.push_back(c.Text());
  EXPECT_EQ(components, (Lines{"rtb private: route pl-s3 -> s3-gw removed", "vpce s3-gw: removed"}));
}

TEST_F(LabDiffTest, ScopeRestrictsSourcesAndDestinations) {
  DiffOptions options;
  options.scope = {"notebook", "pypi"};
  DiffResult r = Diff(lab_, LoadFile("lab-sg-no-egress.yaml"), options);
  EXPECT_EQ(Summary(r), (Lines{"closed notebook -> pypi tcp 443 [sg pip]"}));
  options.scope = {"training"};
  EXPECT_FALSE(Diff(lab_, LoadFile("lab-sg-no-egress.yaml"), options).Changed());
  options.scope = {"nosuch"};
  std::string error;
  Version after = LoadFile("lab-sg-no-egress.yaml");
  EXPECT_FALSE(RunDiff(lab_.model, *lab_.graph, after.model, *after.graph, options, &error));
  EXPECT_EQ(error.rfind("--scope: unknown endpoint 'nosuch'", 0), 0u) << error;
}

TEST_F(LabDiffTest, RestrictedEqualsFull) {
  for (const char* variant : {"lab-sg-no-egress.yaml", "lab-training-without-ipsec-rules.yaml"}) {
    Version after = LoadFile(variant);
    DiffOptions full;
    full.restrict_to_affected = false;
    EXPECT_EQ(Summary(Diff(lab_, after)), Summary(Diff(lab_, after, full))) << variant;
  }
}

TEST_F(LabDiffTest, JsonAndCiItems) {
  DiffResult r = Diff(lab_, LoadFile("lab-sg-no-egress.yaml"));
  nlohmann::ordered_json j = DiffToJson(r, {"lab.yaml"}, {"variant.yaml"});
  EXPECT_EQ(j["changed"], true);
  EXPECT_EQ(j["opened"], 0);
  EXPECT_EQ(j["closed"], 4);
  EXPECT_EQ(j["flows"][2]["change"], "closed");
  EXPECT_EQ(j["flows"][2]["source"], "notebook");
  EXPECT_EQ(j["flows"][2]["destination"], "pypi");
  EXPECT_EQ(j["flows"][2]["ports"], nlohmann::ordered_json::array({"tcp 443"}));
  EXPECT_EQ(j["flows"][2]["witness"], "tcp 10.1.16.4:40000 -> 151.101.0.1:443");
  EXPECT_EQ(j["flows"][2]["before"]["verdict"], "delivered");
  EXPECT_EQ(j["flows"][2]["after"]["verdict"], "dropped");
  EXPECT_EQ(j["flows"][2]["causes"][0]["component"], "pip");
  EXPECT_EQ(j["components"].size(), 1u);

  std::vector<CiItem> items = DiffToCiItems(r, lab_.model, lab_.model);
  ASSERT_EQ(items.size(), 4u);
  const CiItem& item = items[2];
  EXPECT_EQ(item.rule_id, "flow-closed");
  EXPECT_EQ(item.level, CiLevel::kError);  // --fail-on error fails on it
  EXPECT_FALSE(item.passed);
  EXPECT_EQ(item.name, "closed: notebook -> pypi tcp 443");
  // A closed flow is located at the removed rule, in BEFORE.
  EXPECT_NE(item.location.file.find("sagemaker-lab.yaml"), std::string::npos);
  EXPECT_EQ(item.location.line, 58);
  ASSERT_FALSE(item.path.empty());
  EXPECT_EQ(item.path[1].message, "sg pip: egress tcp 443 0.0.0.0/0");
  EXPECT_GT(item.path[1].location.line, 0);
  std::vector<CiRule> rules = DiffCiRules();
  ASSERT_EQ(rules.size(), 2u);
  EXPECT_EQ(rules[0].id, "flow-opened");
  EXPECT_EQ(rules[1].id, "flow-closed");
}

// ---- exactness on generated networks ------------------------------------------------------

class Rand {
 public:
  explicit Rand(std::uint64_t seed) : engine_(seed) {}
  std::uint64_t Below(std::uint64_t n) { return n == 0 ? 0 : engine_() % n; }
  bool Chance(int percent) { return static_cast<int>(Below(100)) < percent; }
  template <class T>
  const T& Pick(const std::vector<T>& items) { return items[Below(items.size())]; }
  std::uint64_t Next() { return engine_(); }

 private:
  std::mt19937_64 engine_;
};

// Addresses, CIDRs and ports of a model worth trying.
struct Pools {
  std::vector<Ipv4> addresses;
  std::vector<Cidr> cidrs;
  std::vector<std::uint16_t> ports = {0, 22, 80, 443, 500, 1023, 1024, 8080, 40000, 65535};
};

Pools CollectPools(const Model& m) {
  Pools p;
  for (const Eni& e : m.enis) {
    p.addresses.push_back(e.private_ip);
    if (e.public_ip) p.addresses.push_back(*e.public_ip);
    p.cidrs.push_back(HostCidr(e.private_ip));
  }
  for (const NatGateway& n : m.nat_gateways) p.addresses.push_back(n.public_ip);
  for (const Subnet& s : m.subnets) p.cidrs.push_back(s.cidr);
  for (const Service& s : m.services) {
    for (const Cidr& c : s.cidrs) p.cidrs.push_back(c);
  }
  for (const char* c : {"0.0.0.0/0", "10.0.0.0/8", "151.101.0.0/16", "8.8.8.0/24"}) {
    p.cidrs.push_back(*ParseCidr(c));
  }
  for (const SecurityGroup& g : m.security_groups) {
    for (const auto* rules : {&g.ingress, &g.egress}) {
      for (const SgRule& r : *rules) {
        if (r.peer == PeerKind::kCidr) p.cidrs.push_back(r.cidr);
        if (HasPorts(r.protocol)) {
          p.ports.push_back(r.ports.from);
          p.ports.push_back(r.ports.to);
        }
      }
    }
  }
  for (const NetworkAcl& n : m.network_acls) {
    for (const auto* rules : {&n.ingress, &n.egress}) {
      for (const NaclRule& r : *rules) {
        p.cidrs.push_back(r.cidr);
        if (HasPorts(r.protocol)) {
          p.ports.push_back(r.ports.from);
          p.ports.push_back(r.ports.to);
        }
      }
    }
  }
  return p;
}

Ipv4 InCidr(Rand& rand, const Cidr& c) {
  std::uint64_t size = std::uint64_t{c.Last()} - c.First() + 1;
  switch (rand.Below(3)) {
    case 0: return c.First();
    case 1: return c.Last();
    default: return c.First() + static_cast<Ipv4>(rand.Below(size));
  }
}

PortRange RandomPorts(Rand& rand, const Pools& pools) {
  std::uint16_t a = rand.Pick(pools.ports), b = rand.Pick(pools.ports);
  if (rand.Chance(30)) return PortRange{};
  return PortRange{std::min(a, b), std::max(a, b)};
}

int RandomProtocol(Rand& rand) {
  static const std::vector<int> kProtocols = {kTcp, kTcp, kUdp, kIcmp, kAllProtocols, kEsp};
  return rand.Pick(kProtocols);
}

// One random edit of one SG rule, NACL rule or route, in place; "" when the model offers none.
std::string Mutate(Model& m, Rand& rand, const Pools& pools, bool* filters_only) {
  *filters_only = false;
  for (int attempt = 0; attempt < 20; ++attempt) {
    switch (rand.Below(3)) {
      case 0: {  // a security group rule
        if (m.security_groups.empty()) break;
        SecurityGroup& g = m.security_groups[rand.Below(m.security_groups.size())];
        bool ingress = rand.Chance(50);
        std::vector<SgRule>& rules = ingress ? g.ingress : g.egress;
        *filters_only = true;
        std::string where = "sg " + g.id + (ingress ? " ingress" : " egress");
        int op = static_cast<int>(rand.Below(3));
        if (op < 2 && rules.empty()) op = 2;
        if (op == 0) {
          rules.erase(rules.begin() + static_cast<long>(rand.Below(rules.size())));
          return where + ": rule removed";
        }
        SgRule rule;
        rule.protocol = RandomProtocol(rand);
        if (HasPorts(rule.protocol)) rule.ports = RandomPorts(rand, pools);
        rule.cidr = rand.Pick(pools.cidrs);
        if (op == 1) {
          rules[rand.Below(rules.size())] = rule;
          return where + ": rule altered";
        }
        rules.push_back(rule);
        return where + ": rule added";
      }
      case 1: {  // a NACL rule
        if (m.network_acls.empty()) break;
        NetworkAcl& n = m.network_acls[rand.Below(m.network_acls.size())];
        bool ingress = rand.Chance(50);
        std::vector<NaclRule>& rules = ingress ? n.ingress : n.egress;
        std::string where = "nacl " + n.id + (ingress ? " inbound" : " outbound");
        int op = static_cast<int>(rand.Below(3));
        if (op < 2 && rules.empty()) op = 2;
        if (op == 0) {
          rules.erase(rules.begin() + static_cast<long>(rand.Below(rules.size())));
          return where + ": rule removed";
        }
        if (op == 1) {
          NaclRule& r = rules[rand.Below(rules.size())];
          if (rand.Chance(50)) {
            r.allow = !r.allow;
          } else {
            r.protocol = RandomProtocol(rand);
            r.ports = HasPorts(r.protocol) ? RandomPorts(rand, pools) : PortRange{};
            r.cidr = rand.Pick(pools.cidrs);
          }
          return where + ": rule altered";
        }
        NaclRule r;
        std::set<int> used;
        for (const NaclRule& x : rules) used.insert(x.number);
        do {
          r.number = 1 + static_cast<int>(rand.Below(200));
        } while (used.count(r.number));
        r.allow = rand.Chance(60);
        r.protocol = RandomProtocol(rand);
        if (HasPorts(r.protocol)) r.ports = RandomPorts(rand, pools);
        r.cidr = rand.Pick(pools.cidrs);
        rules.push_back(r);
        std::sort(rules.begin(), rules.end(),
                  [](const NaclRule& a, const NaclRule& b) { return a.number < b.number; });
        return where + ": rule added";
      }
      default: {  // a route
        if (m.route_tables.empty()) break;
        RouteTable& t = m.route_tables[rand.Below(m.route_tables.size())];
        std::vector<std::size_t> written;
        for (std::size_t i = 0; i < t.routes.size(); ++i) {
          if (!t.routes[i].implicit) written.push_back(i);
        }
        // Targets inside the table's VPC: its internet gateway, NAT gateways, or a blackhole.
        std::vector<Route> targets;
        Route blackhole;
        blackhole.target = RouteTarget::kBlackhole;
        blackhole.target_id = "blackhole";
        targets.push_back(blackhole);
        if (Index igw = m.vpcs[t.vpc].internet_gateway; igw != kNone) {
          Route r;
          r.target = RouteTarget::kInternetGateway;
          r.target_index = igw;
          r.target_id = m.internet_gateways[igw].id;
          targets.push_back(r);
        }
        for (Index n = 0; n < m.nat_gateways.size(); ++n) {
          if (m.subnets[m.nat_gateways[n].subnet].vpc != t.vpc) continue;
          Route r;
          r.target = RouteTarget::kNatGateway;
          r.target_index = n;
          r.target_id = m.nat_gateways[n].id;
          targets.push_back(r);
        }
        std::string where = "rtb " + t.id;
        int op = static_cast<int>(rand.Below(3));
        if (op < 2 && written.empty()) op = 2;
        if (op == 0) {
          t.routes.erase(t.routes.begin() + static_cast<long>(rand.Pick(written)));
          return where + ": route removed";
        }
        Route target = rand.Pick(targets);
        if (op == 1) {
          Route& r = t.routes[rand.Pick(written)];
          r.target = target.target;
          r.target_index = target.target_index;
          r.target_id = target.target_id;
          return where + ": route target changed";
        }
        Cidr dest = rand.Pick(pools.cidrs);
        bool clash = false;
        for (const Route& r : t.routes) clash |= r.destination_cidr && *r.destination_cidr == dest;
        for (const Cidr& c : m.vpcs[t.vpc].cidrs) clash |= c.Overlaps(dest) && c.length <= dest.length;
        if (clash) break;
        target.destination_cidr = dest;
        t.routes.push_back(target);
        return where + ": route added";
      }
    }
  }
  return "";
}

// The fate of one packet per the tracer: "" (not delivered and answered) or where it ends.
std::string Fate(const Model& m, const Tracer& tracer, const Origin& origin, const Packet& p) {
  TraceResult t = tracer.Trace(origin, p);
  if (!t.delivered) return "";
  return DestinationName(m, t.delivery);
}

Packet RandomPacket(Rand& rand, const Origin& origin, const Pools& pools) {
  Packet p;
  static const std::vector<int> kProtocols = {kTcp, kTcp, kTcp, kUdp, kUdp, kIcmp, kEsp, 47};
  p.protocol = rand.Pick(kProtocols);
  const std::vector<IpRange>& ranges = origin.addresses.Ranges();
  const IpRange& r = ranges[rand.Below(ranges.size())];
  p.src = r.lo + static_cast<Ipv4>(rand.Below(std::uint64_t{r.hi} - r.lo + 1));
  p.dst = rand.Chance(50) ? rand.Pick(pools.addresses) : InCidr(rand, rand.Pick(pools.cidrs));
  if (HasPorts(p.protocol)) {
    p.dst_port = rand.Pick(pools.ports);
    p.src_port = rand.Chance(70) ? 40000 : rand.Pick(pools.ports);
  }
  return p;
}

struct Totals {
  int mutations = 0;
  int changes = 0;
  int packets = 0;
  int changed_packets = 0;
  int failures = 0;
  int restricted = 0;  // security-group mutations whose diff ran restricted (and equalled the full)
};

// Origins by source name, as diff names its sources (ENIs and services).
std::map<std::string, Origin> Origins(const Model& m) {
  std::map<std::string, Origin> out;
  std::vector<std::string> names;
  for (const Eni& e : m.enis) names.push_back(e.id);
  for (const Service& s : m.services) names.push_back(s.name);
  for (const std::string& n : names) {
    std::string error;
    std::optional<Endpoint> ep = ResolveEndpoint(m, n, &error);
    for (const Origin& o : ep->Origins(m)) {
      if (o.kind == OriginKind::kEni || o.kind == OriginKind::kOutside) out.emplace(n, o);
    }
  }
  return out;
}

void CheckMutation(std::uint64_t seed, Totals* totals) {
  std::string yaml = GenerateScenario(SmallRandomNetwork(seed));
  LoadResult loaded = LoadScenarioText("generated.yaml", yaml);
  ASSERT_TRUE(loaded.ok()) << loaded.diagnostics.Format();
  Rand rand(seed * 7919 + 17);
  Pools pools = CollectPools(loaded.model);
  Model mutated = loaded.model;
  bool filters_only = false;
  std::string what = Mutate(mutated, rand, pools, &filters_only);
  if (what.empty()) return;
  ASSERT_EQ(mutated.CheckInvariants(), "") << what;
  Version before = Rebuilt(std::move(loaded.model));
  Version after = Rebuilt(std::move(mutated));
  ++totals->mutations;
  DiffResult r = Diff(before, after);
  totals->changes += static_cast<int>(r.changes.size());
  std::string context = "seed " + std::to_string(seed) + ", " + what;
  if (filters_only) {
    DiffOptions full;
    full.restrict_to_affected = false;
    DiffResult f = Diff(before, after, full);
    totals->restricted += r.restricted;  // not when an affected ENI is a route target
    ASSERT_EQ(r.changes.size(), f.changes.size()) << context;
    for (std::size_t i = 0; i < r.changes.size(); ++i) {
      EXPECT_TRUE(r.changes[i].kind == f.changes[i].kind && r.changes[i].source == f.changes[i].source &&
                  r.changes[i].destination == f.changes[i].destination &&
                  r.changes[i].packets == f.changes[i].packets)
          << context << ": the restricted diff differs from the full one at change " << i;
    }
  }
  Tracer tb(before.model, *before.graph), ta(after.model, *after.graph);
  std::map<std::string, Origin> origins = Origins(before.model);
  auto fail = [&](const std::string& message) {
    ++totals->failures;
    ADD_FAILURE() << context << ": " << message;
  };
  // Every reported change is real: its witness changes fate as the change says.
  for (const FlowChange& c : r.changes) {
    if (c.packets.IsEmpty()) fail("an empty change " + c.source + " -> " + c.destination);
    const Origin& o = origins.at(c.source);
    std::string fb = Fate(before.model, tb, o, c.witness), fa = Fate(after.model, ta, o, c.witness);
    bool ok = c.kind == FlowChangeKind::kOpened ? (fa == c.destination && fb != c.destination)
                                                : (fb == c.destination && fa != c.destination);
    if (!ok) fail(c.Headline(r.components) + ": the tracer says " + fb + " -> " + fa);
    if (!c.causes_on_path) fail(c.Headline(r.components) + ": no cause on the path");
  }
  // Every packet whose fate changed lies in the changes of its source, and only in those.
  for (const auto& [name, origin] : origins) {
    std::vector<const FlowChange*> mine;
    for (const FlowChange& c : r.changes) {
      if (c.source == name) mine.push_back(&c);
    }
    for (int k = 0; k < kPacketsPerSource; ++k) {
      Packet p = RandomPacket(rand, origin, pools);
      if (!mine.empty() && rand.Chance(25)) {
        if (auto w = rand.Pick(mine)->packets.Witness(&p)) p = *w;  // near a change's border
      }
      ++totals->packets;
      std::string fb = Fate(before.model, tb, origin, p), fa = Fate(after.model, ta, origin, p);
      totals->changed_packets += fb != fa;
      for (const FlowChange* c : mine) {
        bool in = c->packets.Contains(p);
        bool expected = c->kind == FlowChangeKind::kOpened
                            ? (fa == c->destination && fb != c->destination)
                            : (fb == c->destination && fa != c->destination);
        if (in != expected) {
          fail("packet " + FormatPacket(p) + " from " + name + " (tracer: " + fb + " -> " + fa +
               ") is " + (in ? "" : "not ") + "in " + c->Headline(r.components));
        }
      }
      if (fb != fa) {
        bool covered = false;
        for (const FlowChange* c : mine) covered |= c->packets.Contains(p);
        if (!covered) {
          fail("packet " + FormatPacket(p) + " from " + name + " changed fate (" + fb + " -> " +
               fa + ") but no change of its source holds it");
        }
      }
    }
  }
}

TEST(DiffExactnessTest, RandomSingleRuleMutations) {
  Manager();
  std::uint64_t mutations = EnvNumber("VPCREACH_DIFF_MUTATIONS", kDefaultMutations);
  std::uint64_t first = EnvNumber("VPCREACH_DIFF_MUTATION_SEED", 1);
  Totals totals;
  for (std::uint64_t seed = first; seed < first + mutations && totals.failures < 10; ++seed) {
    CheckMutation(seed, &totals);
  }
  std::printf("[diff] %d mutations (%d restricted diffs checked against full ones), %d changed "
              "flows, %d packets traced (%d changed fate)\n",
              totals.mutations, totals.restricted, totals.changes, totals.packets,
              totals.changed_packets);
  EXPECT_EQ(totals.failures, 0);
  if (totals.mutations >= 100) {
    EXPECT_GT(totals.changes, totals.mutations / 4);  // the mutations do change traffic
    EXPECT_GT(totals.changed_packets, 0);
    EXPECT_GT(totals.restricted, totals.mutations / 10);
  }
}

}  // namespace
}  // namespace vpcreach::testing
