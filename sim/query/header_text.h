// Header classes for people: the readable texts `reach` and `diff` show for sets of requests.
//
// A PacketSet (packet_set.h) is shown as a few cubes; these functions word one cube, or the
// protocols and destination ports of a set, leaving out what the question fixed anyway.
#ifndef VPCREACH_SIM_QUERY_HEADER_TEXT_H_
#define VPCREACH_SIM_QUERY_HEADER_TEXT_H_

#include <cstddef>
#include <string>
#include <vector>

#include "sim/packet_set.h"

namespace vpcreach {

// One field's range: addresses as "10.1.16.4", "10.1.0.0/16" or "a-b"; numbers as "443", "0-442".
std::string RangeText(Field f, const FieldRange& r);

// True when `r` is the whole domain of `f`.
bool WholeRange(Field f, const FieldRange& r);

// "tcp dst-port 443 to 151.101.0.0/16 from 10.1.16.4 src-port 1024-65535", "icmp type 8
// (echo-request) to 10.0.0.5", the source and the source port only when asked for.
std::string HeaderText(const Cube& c, bool show_src, bool show_src_port);

// The protocols and destination ports of `set` (every other field forgotten), as at most
// `limit` phrases: "tcp 80", "tcp 1024-65535", "udp", "icmp", "icmp type 8 (echo-request)",
// "protocols 7-16", "all". When the set needs more phrases than `limit` but its complement
// (within the universe) needs few, one phrase "all but tcp 443" is returned; otherwise the first
// `limit` phrases and "...".
std::vector<std::string> ProtocolPortPhrases(const PacketSet& set, std::size_t limit);

}  // namespace vpcreach

#endif  // VPCREACH_SIM_QUERY_HEADER_TEXT_H_
