// What the solver looks up on every step, computed once per model: the ENIs and NAT gateways of
// each subnet, the subnets of each VPC, each security group's members, every route table's
// longest-prefix-match order, the public addresses the internet can reach; and the sets built
// from them, memoized (address sets, and what each filter admits per header shape), so that a hop
// costs a few BDD operations instead of rebuilding the same sets again and again.
//
// Owned by one Solver; its PacketSets must be destroyed before the last PacketSetManager.
#ifndef VPCREACH_SIM_SOLVER_TABLES_H_
#define VPCREACH_SIM_SOLVER_TABLES_H_

#include <array>
#include <cassert>
#include <cstdint>
#include <map>
#include <optional>
#include <tuple>
#include <unordered_map>
#include <utility>
#include <vector>

#include "model/ip.h"
#include "model/model.h"
#include "sim/packet_set.h"
#include "sim/rules.h"

namespace vpcreach {

// One destination prefix of a route table, for longest-prefix match as a partition.
struct LpmEntry {
  Cidr cidr;
  bool is_cidr;
  Index route;
};

// A public address the internet can reach, and where it leads.
struct PublicTarget {
  Ipv4 public_ip;
  Ipv4 private_ip;
  Index subnet;
  Index eni;  // kNone: a NAT gateway's Elastic IP
};

// An internet gateway's one-to-one mapping of a private address to its public one.
struct PublicMapping {
  Ipv4 private_ip;
  Ipv4 public_ip;
};

// The positions of a list's entries by address, to find those within an interval without
// looking at the others.
class AddressIndex {
 public:
  AddressIndex() = default;
  explicit AddressIndex(const std::vector<Ipv4>& addresses);
  // Positions (ascending, so in list order) of the entries whose address is in [lo, hi].
  std::vector<std::size_t> Within(std::uint64_t lo, std::uint64_t hi) const;

 private:
  std::vector<std::pair<Ipv4, std::size_t>> sorted_;
};

// The training job of `eni` when that job runs with network isolation, else null.
const TrainingJob* IsolatedJobOf(const Model& model, const Eni& eni);

struct SolverTables {
  explicit SolverTables(const Model& model);

  std::vector<std::vector<Index>> enis_in_subnet;
  // Per ENI: what its owner lets it answer and open (rules.h, RoleOf).
  std::vector<EniRole> roles;
  // Per subnet: the route that decides inside it (rules.h, LocalRouteWithin).
  std::vector<Route> local_within;
  // Per ENI: whether its replies can be answered in a batch with its subnet's (solver.cc,
  // LocalBatches): not in an isolated training job, answering every request its groups admit,
  // with one private address, and not a route target (a batch's reply does not remember which
  // of its ENIs' groups admitted each request, which matters only if the reply passes through
  // one of them again).
  std::vector<bool> batchable;
  std::vector<std::vector<Index>> nats_in_subnet;
  std::vector<IpRangeSet> subnet_space;        // per VPC: its subnets' CIDRs
  // The subnets of VPC `vpc` whose CIDR meets [lo, hi], in model order (a VPC's subnets do not
  // overlap).
  std::vector<Index> SubnetsMeeting(Index vpc, std::uint64_t lo, std::uint64_t hi) const;
  std::vector<IpRangeSet> subnet_addressees;   // per subnet: its ENIs' and NAT gateways' addresses
  std::vector<IpRangeSet> sg_members;  // private addresses of the ENIs carrying each group
  // Per route table: every (prefix, route), most specific first, an explicit CIDR before a
  // prefix list of the same length, then table order (as LongestPrefixMatch in rules.cc).
  std::vector<std::vector<LpmEntry>> lpm;
  // The position in lpm[table] of the route that longest prefix match picks for `address`
  // (nullopt: none), memoized.
  std::optional<std::size_t> LpmPick(Index table, Ipv4 address) const;
  std::vector<PublicTarget> public_targets;  // ENIs' public IPs, then NAT gateways' EIPs
  // Per public target: an ENI outside isolated training jobs, in a VPC with an internet gateway
  // that maps its private address to its public one and to nothing else, and sends what it maps
  // there straight to the subnet (no gateway route table, or one whose match for the address is
  // the local route): a request coming in from the outside reaches it by one path (solver.cc,
  // PublicRoundTrip).
  std::vector<bool> plain_public_target;
  // The NAT gateways' Elastic IPs (the source address that all the requests from behind a NAT
  // gateway share once outside), and those with their private addresses.
  IpRangeSet nat_public_addresses;
  IpRangeSet nat_addresses;
  AddressIndex public_targets_by_public_ip;
  // Per VPC: what its internet gateway maps (ENIs with a public IP, then NAT gateways), and the
  // index of that list by private address.
  std::vector<std::vector<PublicMapping>> igw_mappings;
  std::vector<AddressIndex> igw_mappings_by_private_ip;
  std::vector<IpRangeSet> igw_mapped;  // per VPC: the private addresses in igw_mappings
  IpRangeSet public_addresses;
  IpRangeSet publicly_routable;  // the `internet` service's addresses (else all but RFC 1918)

  // `*set` on original field `f`, built once: the walk asks for the same few sets (a group's
  // members, the internet, the VPCs' public addresses) on every path. The memo is keyed by the
  // set's address, so `set` must be one of these tables' own sets (a temporary's address would
  // be reused by a later one, which would get its set): asserted.
  const PacketSet& AddressSet(const IpRangeSet* set, Field f) const {
    assert(Owns(set));
    auto [it, added] = address_sets.try_emplace({set, f});
    if (added) it->second = PacketSet::Addresses(f, *set);
    return it->second;
  }
  mutable std::map<std::pair<const IpRangeSet*, Field>, PacketSet> address_sets;
  // Whether `set` is one of the address sets above.
  bool Owns(const IpRangeSet* set) const;

  // The requests a filter admits, for one shape of the fields it reads: which filter (kind and
  // index, as HeaderSets in solver_filters.cc numbers them), the direction, and the shape.
  // A shape is up to five fields of the header, each packed into one number (HeaderSets::KeyOf).
  using FilterKey = std::tuple<int, Index, bool, std::array<std::uint64_t, 5>>;
  struct FilterKeyHash {
    std::size_t operator()(const FilterKey& k) const {
      std::uint64_t h = static_cast<std::uint64_t>(std::get<0>(k)) * 0x9e3779b97f4a7c15u;
      auto mix = [&h](std::uint64_t v) { h = (h ^ v) * 0x100000001b3u + (h >> 29); };
      mix(std::get<1>(k));
      mix(std::get<2>(k) ? 1 : 0);
      for (std::uint64_t v : std::get<3>(k)) mix(v);
      return static_cast<std::size_t>(h);
    }
  };
  // Node-based: a reference to a set stays valid while others are added.
  mutable std::unordered_map<FilterKey, PacketSet, FilterKeyHash> filters;

 private:
  std::vector<std::vector<std::pair<Cidr, Index>>> subnets_by_address_;  // per VPC, sorted
  mutable std::vector<std::unordered_map<Ipv4, std::optional<std::size_t>>> lpm_picks_;
};

}  // namespace vpcreach

#endif  // VPCREACH_SIM_SOLVER_TABLES_H_
