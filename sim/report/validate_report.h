// Renders the summary of `vpcreach validate`: what the loaded model holds.
//
// Text:
//
//   scenario: SageMaker notebook behind a NAT gateway
//   region: us-east-1
//   files: lab.yaml
//   components:
//     vpcs                 1
//     route tables         3  (1 added by vpcreach)
//     ...
//   addresses assigned by vpcreach:
//     notebook  eni          10.1.16.4  in private-a
//   ignored (not part of the network): vpc-fnd316-flowlogs/Role AWS::IAM::Role, ...
//   warnings:
//     t.yaml:12:17: warning: Resources.Sg.Properties.SecurityGroupIngress[0].CidrIp: ...
//   service ranges: AWS ip-ranges.json of 2026-01-12 17:08:04 UTC (syncToken 1768237684)
//   services:
//     pypi: 151.101.0.0/16 (port 443)
//       source: <where the ranges came from>
//   ok
//
// Counts include what the loader completed (main route tables, default NACLs and security
// groups, AWS-managed prefix lists, the built-in service catalog, ENIs of SageMaker workloads and
// interface endpoints); the parenthesis says how many of them vpcreach added. The address list
// names every ENI and NAT gateway whose private address vpcreach chose, so a person can write
// those addresses into rules. The resources of `stacks:` that vpcreach accepts but leaves out of
// the network are listed by reason ("ignored (...)" lines, only when there are any). "service
// ranges" names the ip-ranges.json snapshot the built-in s3 and dynamodb ranges come from. JSON
// carries the same under "counts", "assigned_addresses", "ignored_resources", "service_ranges"
// ({"source", "create_date", "sync_token"}) and "services".
// "warnings:" lists the headline of each warning the loader gave (json: "warnings", each
// {"file", "line", "column", "path", "message"}); errors are not reported here: a model with
// errors never reaches this summary.
#ifndef VPCREACH_SIM_REPORT_VALIDATE_REPORT_H_
#define VPCREACH_SIM_REPORT_VALIDATE_REPORT_H_

#include <nlohmann/json.hpp>
#include <string>

#include "model/model.h"

namespace vpcreach {

std::string ValidateToText(const Model& model);
nlohmann::ordered_json ValidateToJson(const Model& model);

}  // namespace vpcreach

#endif  // VPCREACH_SIM_REPORT_VALIDATE_REPORT_H_
