// One rule or route against one packet: does it match, and how is it written for people.
//
// Shared by the tracer (which decides with these predicates and prints these texts) and the
// reports. The predicates follow AWS: a rule with protocol "all" covers every port; ports are
// matched only for tcp and udp, on the destination port of the packet in the rule's direction;
// an icmp rule's type and code (-1 = all) on the packet's type and code (packet.h); a security
// group peer is the private addresses of the ENIs that carry the group.
#ifndef VPCREACH_SIM_RULES_H_
#define VPCREACH_SIM_RULES_H_

#include <optional>
#include <string>
#include <vector>

#include "model/model.h"
#include "sim/packet.h"

namespace vpcreach {

bool MatchesProtocol(int rule_protocol, const Packet& p);
bool MatchesPorts(int rule_protocol, const PortRange& ports, const Packet& p);
bool MatchesIcmp(int rule_protocol, const IcmpTypeCode& icmp, const Packet& p);
// All three: the traffic a rule admits or denies, whatever its peer.
inline bool MatchesTraffic(int rule_protocol, const PortRange& ports, const IcmpTypeCode& icmp,
                           const Packet& p) {
  return MatchesProtocol(rule_protocol, p) && MatchesPorts(rule_protocol, ports, p) &&
         MatchesIcmp(rule_protocol, icmp, p);
}
// The destination-port field values (packet.h) of an icmp rule's type and code, an interval;
// nullopt for all types. A code without a type is not a rule (the loader refuses it).
std::optional<PortRange> IcmpFieldRange(const IcmpTypeCode& icmp);
// What a gateway endpoint carries: tcp, and ICMP echo (request and reply).
bool GatewayEndpointCarries(const Packet& p);
bool SgPeerContains(const Model& model, const SgRule& rule, const IpAddress& address);

// AWS's route priority on identical prefixes ("How route priority works", VPC guide): a static
// CIDR route (2) beats a prefix-list route (1), which beats a route propagated from a virtual
// private gateway (0).
int RoutePriority(const Route& route);

// Longest prefix match over the table's routes (prefix lists take part with each of their
// CIDRs); on identical prefixes the higher RoutePriority, then the first in table order. nullptr
// when no route matches.
const Route* LongestPrefixMatch(const Model& model, const RouteTable& table, const IpAddress& dst);

// Inside a subnet the local route decides: AWS cannot route traffic between hosts of one subnet
// through an appliance ("Routing for a middlebox"), so a packet from `subnet` to an address of the
// same subnet takes the VPC's local route whatever more specific route (or replaced local
// target) its table holds. The route as the tracer and the solver show it: the VPC block holding
// the subnet, target local, located at the table's local route for that block when it has one.
Route LocalRouteWithin(const Model& model, const Subnet& subnet);

// The ports an interface endpoint's network interfaces answer on (TCP only): the catalog
// service's ports, or 443 (HTTPS, where every AWS service API listens) when it names none.
std::vector<PortRange> InterfaceEndpointPorts(const Model& model, const VpcEndpoint& endpoint);

// What an ENI's owner lets the ENI do beyond its security groups: the requests it answers, and
// whether it opens connections. The tracer and the solver both decide with this one answer.
//  - an interface endpoint's ENI answers tcp on its service's ports (InterfaceEndpointPorts)
//    and opens nothing (codes VPCE_INTERFACE_PROTOCOL_RESTRICTION, VPCE_INTERFACE_NO_OUTBOUND);
//  - a workload's ENI answers what the workload serves (model.h, Workload::serves: a Lambda
//    function nothing) and opens connections unless the workload opens none (codes
//    WORKLOAD_PORT_RESTRICTION, WORKLOAD_NO_INBOUND when it answers nothing at all,
//    WORKLOAD_NO_OUTBOUND);
//  - every other ENI answers whatever its groups admit and opens anything.
// A request an ENI does not answer is refused on arrival, whatever its protocol (a one-way ICMP
// message included); replies are never refused.
struct EniRole {
  std::optional<std::vector<ServedTraffic>> answers;  // nullopt: every request
  bool opens_connections = true;
  // Traffic to addresses outside its VPC leaves through SageMaker's network (a notebook with
  // direct internet access, a SageMaker domain with PublicInternetOnly).
  bool sagemaker_internet = false;
  // Who decides, for hops and explanations: the endpoint or workload id, its kind (kKind* or the
  // workload kind's name) and how messages name it ("RDS instance db"). Empty for plain ENIs.
  std::string component;
  std::string kind;
  std::string owner;
  const char* answer_code = "";    // when a request is not answered
  const char* outbound_code = "";  // when it would open a connection
};
EniRole RoleOf(const Model& model, const Eni& eni);
// Whether `role` answers request `p` (protocol and destination port).
bool Answers(const EniRole& role, const Packet& p);
// "tcp 5432", "tcp 443, tcp 80", "nothing".
std::string AnswersText(const std::vector<ServedTraffic>& answers);

// "tcp 443", "udp", "all", "icmp type 8 (echo-request)".
std::string ProtocolAndPorts(int protocol, const PortRange& ports, const IcmpTypeCode& icmp);
// "0.0.0.0/0" or "pl-s3".
std::string DestinationText(const Model& model, const Route& route);
// "0.0.0.0/0 -> nat-a".
std::string RouteText(const Model& model, const Route& route);
// "rule 100 allow tcp 443 0.0.0.0/0".
std::string NaclRuleText(const NaclRule& rule);
// "10.0.0.0/16", "sg web", "pl-s3".
std::string SgPeerText(const Model& model, const SgRule& rule);
// "egress tcp 443 0.0.0.0/0".
std::string SgRuleText(const Model& model, const SgRule& rule, bool ingress);

}  // namespace vpcreach

#endif  // VPCREACH_SIM_RULES_H_
