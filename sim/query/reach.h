// `vpcreach reach`: every request from A to B that is delivered and answered, as a few readable
// classes, each with its path and a witness packet that `vpcreach trace` reproduces; or, when
// nothing is delivered, the blocking hops of the most promising refused request.
//
// Classes are the solver's paths grouped by what a person cares about: the gateways passed
// (NAT, internet gateway, endpoint, SageMaker's network, appliances) and the rewrites seen at the
// destination. Each group's requests are shown as a union of header cubes. A group whose
// requests include some delivered only for some of a NAT gateway's source-port choices
// (solver.h) has its witness picked among those and carries the witness trace's warnings.
#ifndef VPCREACH_SIM_QUERY_REACH_H_
#define VPCREACH_SIM_QUERY_REACH_H_

#include <optional>
#include <string>
#include <vector>

#include "model/model.h"
#include "sim/forwarding_graph.h"
#include "sim/packet_set.h"
#include "sim/solver.h"
#include "sim/tracer.h"

namespace vpcreach {

struct ReachQuery {
  std::string from;
  std::string to;
  int protocol = kTcp;  // or kAllProtocols
  std::optional<PortRange> ports;  // destination ports; nullopt = all
  PortRange src_ports{1024, 65535};
  IcmpTypeCode icmp;  // protocol icmp: the types and codes asked (default all)
  std::size_t max_paths = 100'000;
};

struct ReachGroup {
  std::string origin;   // origin label ("notebook", "internet", ...)
  std::string via;      // "via nat-a, igw (src rewritten to 52.0.0.10)"; "" when direct
  PacketSet packets;    // requests of the group (as sent)
  std::vector<std::string> headers;  // readable cubes: "tcp dst-port 443 to 151.101.0.0/16"
  PacketSet arriving;                // the same requests as the destination sees them
  std::vector<std::string> arriving_headers;  // readable; empty when nothing was rewritten
  bool headers_truncated = false;    // more cubes than listed
  Packet witness;
  TraceOptions witness_options;
  PacketSet intermittent;              // delivered only for some NAT gateway port choices
  std::vector<TraceWarning> warnings;  // the witness trace's, when `intermittent` is not empty
  std::vector<PathStep> forward;  // the first path of the group
};

struct ReachAnswer {
  std::vector<ReachGroup> groups;
  double asked = 0;
  double delivered = 0;
  std::size_t paths = 0;
  bool budget_exceeded = false;
  std::optional<TraceResult> refusal;  // the most promising refused request, traced
  // Model::Unfollowed: when not empty, the answer covers what vpcreach models only (IPv4, the
  // connections it follows), and an "unreachable" is no proof.
  std::vector<std::string> unfollowed;
  // ReachResult::zone_choices of the walks: when not empty, an "unreachable" is no proof either.
  std::vector<std::string> zone_choices;
};

// nullopt and `error` for unknown endpoints.
std::optional<ReachAnswer> RunReach(const Model& model, const ForwardingGraph& graph,
                                    const ReachQuery& query, std::string* error);

}  // namespace vpcreach

#endif  // VPCREACH_SIM_QUERY_REACH_H_
