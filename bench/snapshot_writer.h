// A loaded Model written back as the AWS CLI describe-* outputs of a deployed account
// (model/snapshot/snapshot_reader.h reads them), for the snapshot-load benchmark
// (bench/snapshot_bench.cc): the same generated estate, as a folder of JSON instead of YAML.
//
// One file per describe, as scripts/collect-snapshot.sh writes them: Vpcs.json, Subnets.json,
// InternetGateways.json, NatGateways.json, RouteTables.json (written routes, every subnet's
// association, the main one), SecurityGroups.json, NetworkAcls.json (the final deny rule of
// each direction too, as AWS prints it), NetworkInterfaces.json, VpcEndpoints.json and
// PrefixLists.json. What the estate's generator makes has a describe form here; the interfaces
// of notebooks, training jobs and workloads are written as plain interfaces (their owners'
// describes are not: the count of interfaces is what the benchmark is about), an interface
// endpoint's are its own (the endpoint makes them). Ids are the Model's.
#ifndef VPCREACH_BENCH_SNAPSHOT_WRITER_H_
#define VPCREACH_BENCH_SNAPSHOT_WRITER_H_

#include <string>

#include "model/model.h"

namespace vpcreach::bench {

// Writes `model`'s describe outputs into `folder` (created). Returns the bytes written.
std::size_t WriteSnapshot(const Model& model, const std::string& folder);

}  // namespace vpcreach::bench

#endif  // VPCREACH_BENCH_SNAPSHOT_WRITER_H_
