// Turns one `terraform show -json` document (plan_document.h) into a scenario document the
// loader's builders read, as the CloudFormation front end does (cloudformation/stack_mapper.h):
// one generated document, every line with exactly one value and that value's location in the
// JSON file (line, column, JSON path), so the builders' diagnostics point into the plan.
//
// Components are named by their Terraform address (`module.vpc.aws_subnet.private[0]`,
// `aws_instance.web`). network_mapper.h, security_mapper.h and workload_mapper.h say what each
// resource type becomes. Every other resource is listed as ignored: a warning when it shapes
// reachability (a load balancer, an RDS instance, a Lambda function in a VPC, a peering
// connection, a transit gateway or VPN resource, ... and any AWS type vpcreach does not know,
// since it might), a mere listing when it is known not to (IAM, S3, CloudWatch, KMS, flow logs,
// other providers' resources).
#ifndef VPCREACH_MODEL_TERRAFORM_PLAN_MAPPER_H_
#define VPCREACH_MODEL_TERRAFORM_PLAN_MAPPER_H_

#include <string>
#include <vector>

#include "model/cloudformation/stack_mapper.h"
#include "model/diagnostics.h"
#include "model/terraform/plan_document.h"

namespace vpcreach::tf {

// Problems are appended to `*sink`, located in the document. `public_ip` gives the addresses the
// plan leaves unknown (EIPs, NAT gateways), deterministically.
cfn::StackScenario MapPlan(const PlanDocument& doc, const std::string& region,
                           const cfn::PublicIpSource& public_ip, std::vector<Diagnostic>* sink);

}  // namespace vpcreach::tf

#endif  // VPCREACH_MODEL_TERRAFORM_PLAN_MAPPER_H_
