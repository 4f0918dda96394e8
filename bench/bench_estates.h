// The estates the issue-3 benchmarks run on, and the questions they ask of each.
//
// Two estates: `lab` (scenarios/sagemaker-lab.yaml) and `region` (tests/generator's
// RegionEstate(1): AWS's default quotas, filled), plus `region10`, the same generator at a tenth of
// the size (5 VPCs x 20 subnets, 500 ENIs, 250 groups), for when the full region's matrix is out of
// reach. Each estate is generated (region) and loaded once per process and never freed: GetEstate
// returns a reference to a function-local static.
//
// And `tgw` / `tgw10`: the same two with the five VPCs on one transit gateway
// (TransitRegionEstate(1)), where the eni_to_eni pair is in two VPCs, each subnet's table
// routing the other's address to the transit gateway.
//
// The questions are fixed per estate and chosen deterministically when the estate loads:
//  - eni_to_eni: ENI `a` to ENI `b`, same VPC, different subnets, `b` without a public IP (so its
//    endpoint addresses are its private address only), both subnets' route tables sending the
//    other's address to the local route (so the local path is the only path, and an encoding of
//    that path asks the same question as the solver). In the lab: training[0] -> training[1]
//    (inter-container encryption). In a generated estate: the first such pair, among ENIs that no
//    workload owns, whose tcp 443 packet the tracer delivers (else the first pair).
//  - eni_to_internet: an ENI whose subnet's route table sends 151.101.0.1 (PyPI) to a NAT gateway;
//    the lab's notebook; in a generated estate the first unowned ENI whose tcp 443 packet to
//    151.101.0.1 the tracer delivers through the NAT, else the first (of at most 300 asked) whose
//    question the solver answers with a path through a NAT gateway, else the first one routed
//    to a NAT.
#ifndef VPCREACH_BENCH_BENCH_ESTATES_H_
#define VPCREACH_BENCH_BENCH_ESTATES_H_

#include <memory>
#include <string>

#include "model/model.h"
#include "model/scenario_loader.h"
#include "sim/endpoint.h"
#include "sim/forwarding_graph.h"
#include "sim/packet.h"
#include "sim/packet_set.h"

namespace vpcreach::bench {

struct Estate {
  std::string name;       // "lab", "region", "region10", "tgw", "tgw10"
  std::string file_name;  // for diagnostics
  std::string text;       // the scenario YAML
  LoadResult loaded;
  std::unique_ptr<ForwardingGraph> graph;

  Index eni_a = kNone;         // eni_to_eni: from
  Index eni_b = kNone;         // eni_to_eni: to
  Index internet_eni = kNone;  // eni_to_internet: from
  Index internet_nat = kNone;  // the NAT gateway its route table sends internet traffic to

  const Model& model() const { return loaded.model; }
  Origin OriginOf(Index eni) const;      // the ENI as a packet origin
  Endpoint EndpointOf(Index eni) const;  // the ENI as a destination
  Packet TracePacket() const;            // tcp a:40000 -> b:443
  // The reach questions' header spaces (a PacketSetManager must be alive).
  PacketSet EniToEniSpace() const;       // tcp a -> b, all ports, source ports 1024-65535
  PacketSet EniToInternetSpace() const;  // tcp internet_eni -> `internet`, same ports
};

// "lab", "region", "region10", "tgw" or "tgw10"; aborts with a message on an unknown name or a load
// failure.
const Estate& GetEstate(const std::string& name);

// The YAML text of an estate (generated for the region ones), without loading it.
std::string EstateText(const std::string& name, std::string* file_name);

}  // namespace vpcreach::bench

#endif  // VPCREACH_BENCH_BENCH_ESTATES_H_
