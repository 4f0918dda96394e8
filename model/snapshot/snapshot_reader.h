// A deployed estate: a folder of AWS CLI `describe-*` JSON outputs (contract.md, "Additions"),
// read into a native scenario document for the loader.
//
// The folder is the one Batfish reads: the JSON files directly, or under `aws_configs/`, and
// there optionally under `accounts/<account-id>/` and `<region>/` levels; every `*.json` below
// it is read. Each file is recognised by its top-level key (`Vpcs`, `Subnets`, `RouteTables`,
// `Reservations`, ...), not by its name; a key vpcreach does not know is a warning and the file
// is skipped. The mappers (mapping.h) write the network with every component under its AWS id
// and every VPC `deployed: true` (its inventory of interfaces is complete). Resources that are
// not available (a deleted NAT gateway, a pending endpoint, a stopped instance) are skipped as
// AWS routes around them, and listed. What shapes reachability and is not modelled (IPv6 blocks,
// addresses, routes and rules; VPN and peering connections that leave the snapshot) is an
// IgnoredResource: a warning, and with `unfollowed` no proof about every packet.
//
// Problems are located in the JSON files (file:line:column, the JSON path such as
// `Subnets[2].VpcId`, what to change): a file that is not valid JSON (a truncated download), a
// required member missing, a folder with no JSON file. The region is the one the folder names
// (`us-east-1/`), else the zone of its subnets.
#ifndef VPCREACH_MODEL_SNAPSHOT_SNAPSHOT_READER_H_
#define VPCREACH_MODEL_SNAPSHOT_SNAPSHOT_READER_H_

#include <string>
#include <vector>

#include "model/cloudformation/stack_mapper.h"
#include "model/confinement.h"
#include "model/diagnostics.h"

namespace vpcreach::snapshot {

// Whether `path` is a folder that holds a snapshot (a `*.json` file below it or below its
// `aws_configs/`): how a FILE given on the command line is recognised.
bool IsSnapshotFolder(const std::string& path);

// Reads the snapshot folder `folder`; `at` locates the reference to it (the scenario's
// `import:` entry) for problems with the folder itself and for a JSON file that `confinement`
// refuses (a link out of the scenario's tree). Problems go to `*sink`.
cfn::StackScenario ReadSnapshot(const std::string& folder, const SourceLocation& at,
                                const std::string& at_path, Confinement* confinement,
                                std::vector<Diagnostic>* sink);

}  // namespace vpcreach::snapshot

#endif  // VPCREACH_MODEL_SNAPSHOT_SNAPSHOT_READER_H_
