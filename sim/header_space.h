// Exact enumeration of a header space by the model's rule boundaries.
//
// Every decision the tracer makes compares a header field with a boundary written in the model:
// a CIDR's ends, an address, a rule's port range or ICMP type and code, a protocol number, the
// ICMP types that ask for a reply (tracer.h keeps it so). Cut
// each field at all of these boundaries and the tracer's answer is the same for every packet of a
// cell, so tracing one representative per cell answers for the whole space, exactly. The product
// uses this as the independent check of the solver (tests/exhaustive_test.cc traces every cell of
// every bundled expectation and of every sender's whole space and compares with the solver's
// sets); `check` itself uses the solver.
//
// Cost: the number of cells is the product of the cells per field (sources x destinations x
// protocols x source ports x destination ports, ports only for tcp/udp; for icmp the cells of its
// type and code); CountClasses says how many before anything is traced.
#ifndef VPCREACH_SIM_HEADER_SPACE_H_
#define VPCREACH_SIM_HEADER_SPACE_H_

#include <cstdint>
#include <functional>
#include <vector>

#include "model/ip.h"
#include "model/model.h"
#include "sim/packet.h"

namespace vpcreach {

// Sorted, unique cut points: a cell starts at each. Addresses are 64-bit so that 2^32 can end
// the last cell.
struct Boundaries {
  std::vector<std::uint64_t> addresses;
  std::vector<int> ports;      // 0..65536
  std::vector<int> protocols;  // 0..256
  std::vector<int> icmp;       // ICMP destination-port field values (packet.h), 0..65536
};

Boundaries CollectBoundaries(const Model& model);

// A cell of one field: closed interval [lo, hi] and the representative traced for it.
struct Cell {
  std::uint64_t lo = 0;
  std::uint64_t hi = 0;
  std::uint64_t representative = 0;
};

// Splits `space` at the cuts. Representatives prefer a non-network address (lo + 1) in cells
// of more than two addresses, for readability.
std::vector<Cell> AddressCells(const IpRangeSet& space, const std::vector<std::uint64_t>& cuts);
// Splits [range.from, range.to] at the cuts; the representative is `preferred` when inside, and
// that cell comes first.
std::vector<Cell> PortCells(const PortRange& range, const std::vector<int>& cuts, int preferred);
// Splits the asked protocol (kAllProtocols = 0..255) at the cuts; representatives are the
// well-known numbers when a cell holds one.
std::vector<Cell> ProtocolCells(int protocol, const std::vector<int>& cuts);
// Splits the ICMP types and codes asked (as destination-port field values, packet.h) at the
// cuts; the representative is echo request (type 8 code 0) when inside, and that cell comes
// first.
std::vector<Cell> IcmpCells(const IcmpTypeCode& asked, const std::vector<int>& cuts);

struct HeaderQuery {
  IpRangeSet sources;
  IpRangeSet destinations;
  int protocol = kTcp;  // or kAllProtocols
  PortRange src_ports{1024, 65535};
  PortRange dst_ports;  // all
  IcmpTypeCode icmp;    // all
};

// Number of cells of the query (saturating at UINT64_MAX).
std::uint64_t CountClasses(const HeaderQuery& query, const Boundaries& boundaries);

// Calls `visit` with the representative packet of each cell, until it returns false.
void ForEachClass(const HeaderQuery& query, const Boundaries& boundaries,
                  const std::function<bool(const Packet&)>& visit);

}  // namespace vpcreach

#endif  // VPCREACH_SIM_HEADER_SPACE_H_
