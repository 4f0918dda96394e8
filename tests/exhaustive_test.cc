// The solver against the tracer, exhaustively: for every expectation of every bundled scenario,
// the header space is cut at every boundary the model writes (sim/header_space.h), so one packet
// per cell stands for all of its cell; each is traced, and the tracer must deliver it exactly
// when the solver's set holds it. Together with tests/differential_test.cc (random networks,
// random packets) this is the check that the fast engine answers as the naive one.
#include <gtest/gtest.h>

#include <filesystem>

#include "model/scenario_loader.h"
#include "sim/endpoint.h"
#include "sim/forwarding_graph.h"
#include "sim/header_space.h"
#include "sim/packet_set.h"
#include "sim/query/check.h"
#include "sim/solver.h"
#include "sim/tracer.h"

namespace vpcreach {
namespace {

TEST(ExhaustiveTest, SolverAgreesWithTheTracerOnEveryCellOfEveryBundledExpectation) {
  PacketSetManager manager;
  std::uint64_t cells = 0;
  for (const auto& entry : std::filesystem::directory_iterator(VPCREACH_SOURCE_DIR "/scenarios")) {
    if (entry.path().extension() != ".yaml") continue;
    LoadResult loaded = LoadScenarioFiles({entry.path().string()});
    ASSERT_TRUE(loaded.ok()) << loaded.diagnostics.Format();
    const Model& model = loaded.model;
    ForwardingGraph graph(model);
    Tracer tracer(model, graph);
    Solver solver(model, graph);
    Boundaries boundaries = CollectBoundaries(model);
    for (const Expectation& e : model.expectations) {
      std::string error;
      std::optional<Endpoint> from = ResolveEndpoint(model, e.from, &error, /*as_source=*/true);
      ASSERT_TRUE(from) << error;
      IpRangeSet destinations = IpRangeSet::All();
      bool subnet_hosts = false;
      std::optional<Endpoint> to;
      if (e.only_to.empty()) {
        to = ResolveEndpoint(model, e.to, &error);
        ASSERT_TRUE(to) << error;
        subnet_hosts = to->AcceptsSubnetHosts();
      }
      SolverOptions options;
      options.deliver_to_subnet_hosts = subnet_hosts;
      TraceOptions trace_options;
      trace_options.deliver_to_subnet_hosts = subnet_hosts;
      for (const Origin& origin : from->Origins(model)) {
        // A service name is where private DNS resolves it from this origin.
        if (to) destinations = to->SeenFrom(model, origin).addresses;
        // A gateway as the source sends only into its VPC (the question's space says so).
        if (origin.reaches) destinations = destinations.Intersect(*origin.reaches);
        PacketSet asked =
            QuerySpace(origin, destinations, e.protocol, e.ports, e.src_ports, e.icmp);
        PacketSet delivered = solver.Reach(origin, asked, options).Delivered();
        HeaderQuery query;
        query.sources = origin.addresses;
        query.destinations = destinations;
        query.protocol = e.protocol;
        query.src_ports = e.src_ports;
        query.dst_ports = e.ports.value_or(PortRange{});
        query.icmp = e.icmp;
        ForEachClass(query, boundaries, [&](const Packet& p) {
          ++cells;
          TraceResult t = tracer.Trace(origin, p, trace_options);
          EXPECT_EQ(t.delivered, delivered.Contains(p))
              << entry.path().filename() << ": " << e.name << ": " << origin.label << " "
              << FormatPacket(p);
          return !::testing::Test::HasFailure();
        });
      }
    }
  }
  EXPECT_GT(cells, 4000u);
}

// Every ENI and the internet to every address, every protocol and port, on every bundled scenario.
TEST(ExhaustiveTest, SolverAgreesWithTheTracerOnTheWholeSpaceFromEverySender) {
  PacketSetManager manager;
  std::uint64_t cells = 0;
  for (const auto& entry : std::filesystem::directory_iterator(VPCREACH_SOURCE_DIR "/scenarios")) {
    if (entry.path().extension() != ".yaml") continue;
    LoadResult loaded = LoadScenarioFiles({entry.path().string()});
    ASSERT_TRUE(loaded.ok()) << loaded.diagnostics.Format();
    const Model& model = loaded.model;
    ForwardingGraph graph(model);
    Tracer tracer(model, graph);
    Solver solver(model, graph);
    Boundaries boundaries = CollectBoundaries(model);
    std::vector<std::string> senders = {"internet"};
    for (const Eni& eni : model.enis) senders.push_back(eni.id);
    for (const std::string& name : senders) {
      std::string error;
      Origin origin = ResolveEndpoint(model, name, &error)->Origins(model).front();
      PacketSet delivered =
          solver.Reach(origin, PacketSet::Addresses(Field::kSrc, origin.addresses)).Delivered();
      HeaderQuery query;
      query.sources = origin.addresses;
      query.destinations = IpRangeSet::All();
      query.protocol = kAllProtocols;
      query.src_ports = PortRange{};
      ForEachClass(query, boundaries, [&](const Packet& p) {
        ++cells;
        TraceResult t = tracer.Trace(origin, p);
        EXPECT_EQ(t.delivered, delivered.Contains(p))
            << entry.path().filename() << ": " << name << " " << FormatPacket(p);
        return !::testing::Test::HasFailure();
      });
    }
  }
  EXPECT_GT(cells, 100000u);
}

}  // namespace
}  // namespace vpcreach
