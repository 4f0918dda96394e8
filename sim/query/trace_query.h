// `vpcreach trace`: turns the command's flags into one concrete packet and where it starts.
//
// The flags name endpoints (sim/endpoint.h); a trace needs one packet, so this file picks the
// addresses and ports a person would expect when they are not given:
//  - source: --src-ip, else the first address of the source endpoint's first origin (for an
//    outside range of more than two addresses lo+1, so 151.101.0.1 rather than 151.101.0.0).
//    --src-ip must belong to the source endpoint, except for an ENI, which may claim any
//    address: that is how a person tests the source/destination check.
//  - destination: --dst-ip (inside the destination endpoint), else for an ENI its private IP
//    from inside its VPC and its public IP (when it has one) from anywhere else, for a subnet
//    its first usable address (base+4), for anything else the first address (lo+1 rule above);
//    never the source address itself when the destination has another.
//  - ports (tcp and udp only): --port, else the destination service's first port, else 443;
//    --src-port, else 40000.
//  - ICMP type and code (icmp only): --icmp-type, else 8 (echo request); --icmp-code, else 0.
// Every refusal is a sentence in `error` naming the flag and what to change; the CLI prints it
// and exits 2.
#ifndef VPCREACH_SIM_QUERY_TRACE_QUERY_H_
#define VPCREACH_SIM_QUERY_TRACE_QUERY_H_

#include <optional>
#include <string>

#include "model/model.h"
#include "sim/endpoint.h"
#include "sim/packet.h"
#include "sim/tracer.h"

namespace vpcreach {

// The flags of `vpcreach trace`, as written (validated by MakeTraceQuery).
struct TraceFlags {
  std::string from;
  std::string to;
  std::string protocol = "tcp";
  std::optional<int> port;
  std::optional<int> src_port;
  std::optional<int> icmp_type;
  std::optional<int> icmp_code;
  std::optional<std::string> src_ip;
  std::optional<std::string> dst_ip;
};

inline constexpr int kDefaultTraceSrcPort = 40000;
inline constexpr int kDefaultTraceDstPort = 443;

// Everything Tracer::Trace needs, plus the resolved destination for the report.
struct TraceQuery {
  Origin origin;
  Packet packet;
  Endpoint destination;
  TraceOptions options;
};

// nullopt with `error` set when the flags do not make one packet between two known endpoints.
std::optional<TraceQuery> MakeTraceQuery(const Model& model, const TraceFlags& flags,
                                         std::string* error);

// A gateway endpoint or a virtual private gateway as the destination (`--to s3-gw`, `--to vgw`)
// is reached only through it: a delivered trace that did not pass it is dropped, with
// VPCE_GATEWAY_NOT_ON_PATH (VGW_NOT_ON_PATH).
void JudgeGatewayDestination(const TraceQuery& query, TraceResult* result);

}  // namespace vpcreach

#endif  // VPCREACH_SIM_QUERY_TRACE_QUERY_H_
