// Endpoints: what `--from`, `--to`, `from:`, `to:` and `only_to:` name, resolved against a Model.
//
// An endpoint is an ENI, a SageMaker notebook or training job (any instance; `job[N]` one), a
// workload (`ID[N]` one interface), an interface endpoint (its ENIs), a subnet (any address in
// it), a catalog service, an interface endpoint service by name (where private DNS resolves it:
// SeenFrom), a gateway (sim/gateway_endpoints.h), or a literal IPv4 address or CIDR. Resolution yields the places packets can start from (Origins) and the test for
// "this delivery reached the endpoint".
#ifndef VPCREACH_SIM_ENDPOINT_H_
#define VPCREACH_SIM_ENDPOINT_H_

#include <optional>
#include <string>
#include <vector>

#include "model/ip.h"
#include "model/model.h"

namespace vpcreach {

// Where a packet starts. kEni: sent by an ENI (its SGs and its workload's rules apply).
// kSubnetHost: sent from an address in a subnet that no ENI holds (no SG is known: only NACLs
// and routes apply). kOutside: from the internet or a public service range. kSageMaker: from a
// SageMaker workload that has no VPC configuration (only SageMaker's network).
enum class OriginKind { kEni, kSubnetHost, kOutside, kSageMaker };

struct Origin {
  OriginKind kind = OriginKind::kOutside;
  // Packets from here may be addressed only to these (a gateway as the source: what enters its
  // VPC through it); nullopt: anywhere.
  std::optional<IpRangeSet> reaches;
  Index index = kNone;  // ENI, subnet, or (kSageMaker) notebook/job index
  bool training_job = false;  // kSageMaker: index is a training job (else a notebook)
  IpRangeSet addresses;       // source addresses this origin may use
  std::string label;          // "notebook", "training[1]", "private-a", "internet"
};

// Where a delivered packet ended.
enum class DeliveryKind { kNone, kEni, kSubnetHost, kNat, kOutside, kAmazonProvided };

struct Delivery {
  DeliveryKind kind = DeliveryKind::kNone;
  Index index = kNone;  // ENI / subnet / NAT index
  IpAddress address;    // the address the packet was delivered to
};

// A gateway as the source of a question: packets entering through it (sim/gateway_endpoints.h).
struct EntryGateway {
  std::string id;
  IpRangeSet reaches;  // the destinations it carries packets to
};

struct Endpoint {
  std::string name;
  std::vector<Index> enis;      // ENIs it names
  std::vector<Index> subnets;   // subnets whose unheld addresses it covers (kSubnetHost)
  IpRangeSet addresses;         // every address that reaches it (private and public IPs, ranges)
  bool outside = false;         // a service or an address outside every VPC
  std::optional<Index> sagemaker_notebook;  // a notebook without a VPC
  std::optional<Index> sagemaker_job;       // a training job without a VPC
  std::vector<PortRange> default_ports;     // a service's ports, for `trace` without --port
  // Named by an interface endpoint service (`sts`, `sagemaker.api`, `s3`, ...): as resolved,
  // the service's public addresses; SeenFrom() says where the name leads from one origin.
  std::string dns_service;
  // A gateway as the source: packets entering through it (Origins carry `reaches`).
  std::optional<EntryGateway> entering;
  // A NAT gateway as the destination: its own addresses, where nothing is delivered.
  bool answers_nothing = false;
  // A gateway endpoint as the destination: delivered only on paths that pass this component.
  std::string must_pass;
  std::string must_pass_kind;  // kKindVpcEndpoint or kKindVpnGateway
  // Named by a literal address or CIDR: a packet an ENI sends to the Amazon-provided services
  // (its VPC's DNS resolver, instance metadata, time sync) ends here when the address is one of
  // `addresses` (security groups and NACLs never filter it).
  bool literal = false;

  // Packets can start here from these origins.
  std::vector<Origin> Origins(const Model& model) const;
  // Does a delivery end at this endpoint?
  bool Matches(const Model& model, const Delivery& delivery) const;
  // What the endpoint is for packets from `origin`: itself, except for an interface endpoint
  // service (`dns_service`), whose name resolves, in a VPC with an interface endpoint for it
  // that has private DNS enabled, to that VPC's endpoint network interfaces (private DNS), and
  // elsewhere to the service's public addresses.
  Endpoint SeenFrom(const Model& model, const Origin& origin) const;
  // True when a subnet address that no ENI holds counts as a host here (subnets, literals).
  bool AcceptsSubnetHosts() const { return !subnets.empty(); }
};

// The VPC an origin sends from, or kNone for origins outside every VPC.
Index OriginVpc(const Model& model, const Origin& origin);

// The interface endpoints of `vpc` for `service` that have private DNS enabled.
std::vector<Index> PrivateDnsEndpoints(const Model& model, Index vpc, const std::string& service);

// Adds ENI `e` to `out`: it names the ENI, and its private and public addresses reach it.
void AddEni(const Model& model, Index e, Endpoint* out);

// Resolves `name`; on failure returns nullopt and sets `error` (with "did you mean" when close).
// `as_source`: the name is a question's source (--from, from:), which decides what a gateway
// means (sim/gateway_endpoints.h).
std::optional<Endpoint> ResolveEndpoint(const Model& model, const std::string& name,
                                        std::string* error, bool as_source = false);

// The names ResolveEndpoint accepts besides literal addresses, by kind, with the part each kind
// may play (a gateway is a source or a destination only: sim/gateway_endpoints.h).
struct NameKind {
  std::string kind;  // "eni", "training_job", "internet_gateway", ...
  std::string use;   // "from and to", "from only", "to only"
  std::string note;  // what a name of this kind stands for
  std::vector<std::string> names;
};
// The kinds that hold at least one name, in a fixed order (`vpcreach names`).
std::vector<NameKind> EndpointNamesByKind(const Model& model);

// The same names once each, in that order (job[i] and ID[i] included): "did you mean".
std::vector<std::string> EndpointNames(const Model& model);

// Names `name` as a component for via:/avoid: (any id) or a component kind.
bool IsComponentKind(const std::string& name);

}  // namespace vpcreach

#endif  // VPCREACH_SIM_ENDPOINT_H_
