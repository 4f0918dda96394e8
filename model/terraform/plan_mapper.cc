#include "model/terraform/plan_mapper.h"

#include "model/terraform/default_subnet_mapper.h"
#include "model/terraform/mapper_context.h"
#include "model/terraform/network_mapper.h"
#include "model/terraform/peering_mapper.h"
#include "model/terraform/security_mapper.h"
#include "model/terraform/transit_gateway_mapper.h"
#include "model/terraform/vpn_mapper.h"
#include "model/terraform/workload_mapper.h"

namespace vpcreach::tf {
namespace {

// AWS resource types (by prefix) known to place nothing in a VPC and shape no route or filter.
const char* const kNotNetworkPrefixes[] = {
    "aws_iam_",
    "aws_s3_",
    "aws_kms_",
    "aws_cloudwatch_",
    "aws_flow_log",
    "aws_ssm_",
    "aws_secretsmanager_",
    "aws_sns_",
    "aws_sqs_",
    "aws_dynamodb_",
    "aws_ecr_",
    "aws_key_pair",
    "aws_ebs_",
    "aws_volume_attachment",
    "aws_db_subnet_group",
    "aws_db_parameter_group",
    "aws_db_option_group",
    "aws_elasticache_subnet_group",
    "aws_elasticache_parameter_group",
    "aws_cloudtrail",
    "aws_config_",
    "aws_guardduty_",
    "aws_acm_",
    "aws_lambda_permission",
    "aws_lambda_layer_version",
    "aws_ami",
    "aws_launch_template",
    "aws_launch_configuration",
    "aws_placement_group",
    "aws_sagemaker_notebook_instance_lifecycle_configuration",
    "aws_sagemaker_code_repository",
    "aws_vpc_dhcp_options",
    "aws_athena_",
    "aws_glue_",
    "aws_xray_",
    "aws_budgets_",
    "aws_organizations_",
    "aws_ecs_cluster",
    "aws_ecs_task_definition",
    "aws_cognito_",
    "aws_ses_",
    "aws_wafv2_",
    "aws_waf_",
    "aws_shield_",
    "aws_inspector",
    "aws_securityhub_",
    "aws_macie",
    "aws_lb_target_group_attachment",
    "aws_sagemaker_model",
    "aws_sagemaker_endpoint_configuration",
    "aws_eks_addon",
    "aws_db_snapshot",
};

bool StartsWith(const std::string& text, const char* prefix) { return text.rfind(prefix, 0) == 0; }

bool KnownNotNetwork(const std::string& type) {
  for (const char* prefix : kNotNetworkPrefixes) {
    if (StartsWith(type, prefix)) return true;
  }
  return false;
}

// Why a reachability-shaping type is not modelled; "" for unknown types.
std::string Reason(const std::string& type) {
  if (StartsWith(type, "aws_vpc_peering_connection") ||
      StartsWith(type, "aws_ec2_transit_gateway") || StartsWith(type, "aws_vpn_") ||
      type == "aws_customer_gateway" || StartsWith(type, "aws_dx_")) {
    return "this kind of connection between networks is not read from Terraform yet";
  }
  if (StartsWith(type, "aws_lb") || StartsWith(type, "aws_alb") || type == "aws_elb" ||
      StartsWith(type, "aws_db_") || StartsWith(type, "aws_rds_") ||
      StartsWith(type, "aws_lambda_") || StartsWith(type, "aws_autoscaling_") ||
      StartsWith(type, "aws_eks_") || StartsWith(type, "aws_ecs_") ||
      StartsWith(type, "aws_efs_") || StartsWith(type, "aws_elasticache_") ||
      StartsWith(type, "aws_sagemaker_")) {
    return "this workload is not read from Terraform yet";
  }
  return "";
}

void ListUnmodelled(MapperContext& c) {
  for (const Resource& r : c.doc().resources()) {
    if (IsNetworkType(r.type) || IsSecurityType(r.type) || IsWorkloadType(r.type) ||
        IsPeeringType(r.type) || IsTransitGatewayType(r.type) || IsVpnType(r.type) ||
        r.type == "aws_default_subnet" || r.type == "aws_internet_gateway_attachment") {
      continue;
    }
    if (!StartsWith(r.type, "aws_")) {
      c.Ignore(r, "not an AWS resource", false);
    } else if (KnownNotNetwork(r.type)) {
      c.Ignore(r, "not part of the network", false);
    } else {
      std::string reason = Reason(r.type);
      c.Ignore(r,
               reason.empty() ? "vpcreach does not know this resource type; it may place "
                                "network interfaces or shape routes and filters"
                              : reason,
               true);
      if (StartsWith(reason, "this kind of connection")) c.ignored().back().unfollowed = true;
    }
  }
}

}  // namespace

cfn::StackScenario MapPlan(const PlanDocument& doc, const std::string& region,
                           const cfn::PublicIpSource& public_ip, std::vector<Diagnostic>* sink) {
  MapperContext context(doc, region, public_ip, sink);
  MapNetworkComponents(context);
  MapDefaultSubnets(context);
  MapSecurityComponents(context);
  MapNetworkTies(context);
  MapSecurityTies(context);
  MapWorkloads(context);
  MapPeerings(context);
  MapTransitGateways(context);
  MapVpn(context);
  ListUnmodelled(context);
  cfn::StackScenario out;
  context.Write(&out);
  out.ignored = std::move(context.ignored());
  return out;
}

}  // namespace vpcreach::tf
