// Design against deployed (`vpcreach diff design.yaml --against snapshot/`): before the two
// models are compared (diff.h), the deployed estate's components take the design's names, so
// that `diff`, which matches components by id, compares each design component with the AWS
// resource it became, and reports every flow in the design's names.
//
// Matching, in this order:
// 1. By id: a design that names a component with its AWS id (`sg-0abc: {...}`) matches the
//    resource with that id as it is.
// 2. By the map (model/id_map.h): the resource whose id is an entry's AWS id takes its design
//    name (`vpc-fnd316/WebSg`, `web`).
// 3. Interfaces by owner: an instance, workload, notebook or training job that matched (by 1 or
//    2) lends its interfaces the names of the design's, in order (the design's `web` has the ENI
//    `web`; the deployed i-0abc has eni-0123: eni-0123 becomes `web`); an interface endpoint's by
//    subnet. An interface the map names explicitly keeps the map's name.
// 4. A matched VPC's main route table, default network ACL and default security group are
//    the design's VPC's, whatever the design calls them (often vpcreach's own `lab-main`).
// Routes name their targets by the new ids. What matches nothing keeps its AWS id and shows as
// added (or, in the design, as removed).
//
// What the design leaves to AWS, the account shows as AWS chose it, and the design takes it
// before the comparison: the public address of an interface or NAT gateway where the design has
// vpcreach's stand-in (given on launch, or from TEST-NET-1, 192.0.2.0/24, which AWS never
// assigns; the stand-in would be compared as an address on the internet), and the allow-all
// egress rule AWS gives a group (the account lists it, the design implies it: the same rule).
//
// A design's subnet addresses that no interface holds stand for hosts (model.h, Vpc::deployed);
// an account's do not. Compared with a deployed estate, the design's VPCs are read as inventories
// too, or every such address would differ. A native map entry whose design name is not a
// component of the design is an error (a typo would silently match nothing); a
// describe-stack-resources entry is not (the stack holds IAM roles and log groups).
#ifndef VPCREACH_SIM_QUERY_DESIGN_MATCH_H_
#define VPCREACH_SIM_QUERY_DESIGN_MATCH_H_

#include <cstddef>

#include "model/diagnostics.h"
#include "model/id_map.h"
#include "model/model.h"

namespace vpcreach {

// Whether `model` holds a deployed estate (a VPC of a snapshot, or written `deployed: true`).
bool IsDeployedEstate(const Model& model);

struct DesignMatch {
  std::size_t by_id = 0;     // deployed components whose AWS id the design writes
  std::size_t by_map = 0;    // renamed by a map entry
  std::size_t by_owner = 0;  // interfaces renamed after their owner
  std::size_t by_vpc = 0;    // a matched VPC's main table, default NACL and group
};

// Renames `deployed`'s components into `design`'s names and marks the design's VPCs deployed.
// False (errors added to `diagnostics`) when a native entry of `map` names no component of the
// design; nothing is renamed then.
bool MatchDeployedToDesign(Model* design, Model* deployed, const IdMap& map,
                           Diagnostics* diagnostics, DesignMatch* match);

}  // namespace vpcreach

#endif  // VPCREACH_SIM_QUERY_DESIGN_MATCH_H_
