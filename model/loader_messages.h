// Wording shared by the messages of the scenario loader and its component builders.
//
// Small formatting helpers only, so that every builder spells a location, a list of CIDRs or a noun
// with its article the same way. They hold no state.
#ifndef VPCREACH_MODEL_LOADER_MESSAGES_H_
#define VPCREACH_MODEL_LOADER_MESSAGES_H_

#include <string>
#include <vector>

#include "model/diagnostics.h"
#include "model/ip.h"

namespace vpcreach {

// "file:line:col", for "already used by ... at ..." messages.
std::string FormatLocation(const SourceLocation& location);

// "a subnet", "an eni": `noun` with its indefinite article (chosen by the first letter; `noun`
// must not be empty).
std::string WithArticle(const std::string& noun);

// "10.0.0.0/16, 10.1.0.0/16".
std::string JoinCidrs(const std::vector<Cidr>& cidrs);

// The warning for a CIDR written with host bits set, which EC2 (and vpcreach) reads as `block`:
// "host bits are set in '192.168.1.0/0': EC2 reads it as 0.0.0.0/0 (every IPv4 address), and so
// does vpcreach; write 0.0.0.0/0".
std::string HostBitsWarning(const std::string& written, const Cidr& block);

}  // namespace vpcreach

#endif  // VPCREACH_MODEL_LOADER_MESSAGES_H_
