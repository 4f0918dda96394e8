// The WorkloadMapper's managed services (workload_mapper.h): databases and caches in their subnet
// groups, EFS, ECS, Lambda, OpenSearch, EKS, Directory Service and SageMaker.
#include <algorithm>

#include "model/cloudformation/workload_mapper.h"
#include "model/cloudformation/workload_types.h"

namespace vpcreach::cfn {
namespace {

bool IsTrue(const CfnValue* v) { return v != nullptr && Lower(v->text()) == "true"; }

}  // namespace

void WorkloadMapper::MapDbInstance(const Res& res) {
  const std::string& type = res.type();
  if (const CfnValue* cluster = res.Prop("DBClusterIdentifier")) {
    // A member of a cluster: the cluster's workload counts it.
    const char* cluster_type = type == kDbInstance      ? kDbCluster
                               : type == kDocDbInstance ? kDocDbCluster
                                                        : kNeptuneCluster;
    if (core_.FindNamed(cluster->text(), cluster_type, "DBClusterIdentifier") == nullptr) {
      core_.Ignore(
          res,
          "an instance of cluster " + cluster->text() + ", which is not in the scenario's stacks",
          "", /*shapes_reachability=*/true);
    }
    return;
  }
  if (type != kDbInstance) {
    core_.Missing(res, "DBClusterIdentifier");
    return;
  }
  // A read replica in the same region lives in its source's subnet group (and, when it names
  // none, with its source's groups).
  const Res* source = nullptr;
  if (const CfnValue* s = res.Prop("SourceDBInstanceIdentifier")) {
    source = core_.FindNamed(s->text(), kDbInstance, "DBInstanceIdentifier");
  }
  const Res& placed = res.Prop("DBSubnetGroupName") == nullptr && source != nullptr ? *source : res;
  if (&placed != &res &&
      (placed.Prop("DBSubnetGroupName") == nullptr || core_.Unmapped(placed.id))) {
    core_.Ignore(res, "a read replica of " + placed.id + ", which vpcreach does not place either",
                 "", /*shapes_reachability=*/true);
    core_.MarkUnmapped(res.id);
    return;
  }
  auto subnets =
      GroupSubnets(placed, "DBSubnetGroupName", kDbSubnetGroup, "DBSubnetGroupName", "SubnetIds");
  if (!subnets) return;
  GenNode& w = NewWorkload(res, "rds_instance", std::move(*subnets));
  const Res& engine_of = res.Prop("Engine") == nullptr && source != nullptr ? *source : res;
  if (const CfnValue* engine = engine_of.Prop("Engine")) {
    if (auto node = core_.ScalarOf(engine_of, *engine)) {
      node->text = Lower(node->text);
      w.Set("engine", std::move(*node));
    }
  }
  MapperCore::SetScalar(w, "port", core_.Scalar(res, "Port", false));
  const Res& groups_of =
      res.Prop("VPCSecurityGroups") == nullptr && source != nullptr ? *source : res;
  SetGroups(groups_of, w, groups_of.Prop("VPCSecurityGroups"));
  // A Multi-AZ instance's standby has an interface too (it takes over on failover).
  if (const CfnValue* multi = res.Prop("MultiAZ"); IsTrue(multi)) {
    SetCount(w, 2, MapperCore::OriginOf(res, *multi));
  }
  SetAssociate(res, w, res.Prop("PubliclyAccessible"));
}

void WorkloadMapper::MapDbCluster(const Res& res, const char* kind, const char* group_type) {
  auto subnets =
      GroupSubnets(res, "DBSubnetGroupName", group_type, "DBSubnetGroupName", "SubnetIds");
  if (!subnets) return;
  GenNode& w = NewWorkload(res, kind, std::move(*subnets));
  if (res.type() == kDbCluster) {
    if (const CfnValue* engine = res.Prop("Engine")) {
      if (auto node = core_.ScalarOf(res, *engine)) {
        node->text = Lower(node->text);
        w.Set("engine", std::move(*node));
      }
    }
  }
  MapperCore::SetScalar(w, "port", core_.Scalar(res, "Port", false));
  SetGroups(res, w, res.Prop("VpcSecurityGroupIds"));
  // One interface per member instance; Aurora Serverless v1 has none of its own (one stands for
  // its endpoint), a Multi-AZ DB cluster three.
  const std::vector<const Res*>& members = cluster_members_[res.id];
  long long count = static_cast<long long>(members.size());
  if (count == 0) count = res.Prop("DBClusterInstanceClass") != nullptr ? 3 : 1;
  SetCount(w, count, MapperCore::OriginOf(res));
  bool open = IsTrue(res.Prop("PubliclyAccessible"));
  for (const Res* m : members) open = open || IsTrue(m->Prop("PubliclyAccessible"));
  if (open) w.Set("associate_public_ip", GenNode::Scalar("true", MapperCore::OriginOf(res)));
}

void WorkloadMapper::MapCache(const Res& res, bool replication_group) {
  auto subnets = GroupSubnets(res, "CacheSubnetGroupName", kCacheSubnetGroup,
                              "CacheSubnetGroupName", "SubnetIds");
  if (!subnets) return;
  GenNode& w = NewWorkload(res, "elasticache_cluster", std::move(*subnets));
  if (const CfnValue* engine = res.Prop("Engine")) {
    if (auto node = core_.ScalarOf(res, *engine)) {
      node->text = Lower(node->text);
      w.Set("engine", std::move(*node));
    }
  }
  MapperCore::SetScalar(w, "port", core_.Scalar(res, "Port", false));
  SetGroups(res, w, res.Prop(replication_group ? "SecurityGroupIds" : "VpcSecurityGroupIds"));
  // Its nodes: NumCacheNodes; a replication group's NumCacheClusters, else its shards times
  // their replicas and primary.
  auto number = [&](const char* key) -> std::optional<long long> {
    const CfnValue* v = res.Prop(key);
    return v != nullptr ? ParseInt(v->text()) : std::nullopt;
  };
  std::optional<long long> count;
  if (!replication_group) {
    count = number("NumCacheNodes");
  } else if (auto clusters = number("NumCacheClusters")) {
    count = clusters;
  } else if (auto shards = number("NumNodeGroups")) {
    count = *shards * (number("ReplicasPerNodeGroup").value_or(0) + 1);
  }
  if (count) SetCount(w, *count, MapperCore::OriginOf(res));
}

void WorkloadMapper::MapDms(const Res& res) {
  auto subnets = GroupSubnets(res, "ReplicationSubnetGroupIdentifier", kDmsSubnetGroup,
                              "ReplicationSubnetGroupIdentifier", "SubnetIds");
  if (!subnets) return;
  GenNode& w = NewWorkload(res, "dms_replication_instance", std::move(*subnets));
  SetGroups(res, w, res.Prop("VpcSecurityGroupIds"));
  if (const CfnValue* multi = res.Prop("MultiAZ"); IsTrue(multi)) {
    SetCount(w, 2, MapperCore::OriginOf(res, *multi));
  }
  // PubliclyAccessible defaults to true for a replication instance.
  if (const CfnValue* open = res.Prop("PubliclyAccessible")) {
    SetAssociate(res, w, open);
  } else {
    w.Set("associate_public_ip", GenNode::Scalar("true", MapperCore::OriginOf(res)));
  }
}

void WorkloadMapper::MapEfsMountTarget(const Res& res) {
  const CfnValue* subnet = res.Prop("SubnetId");
  if (subnet == nullptr) {
    core_.Missing(res, "SubnetId");
    return;
  }
  GenNode& w = NewWorkload(res, "efs_mount_target");
  MapperCore::SetScalar(w, "subnet", core_.ScalarOf(res, *subnet));
  SetGroups(res, w, res.Prop("SecurityGroups"));
  MapperCore::SetScalar(w, "private_ip", core_.Scalar(res, "IpAddress", false));
}

void WorkloadMapper::MapEcsService(const Res& res) {
  const CfnValue* awsvpc = Field(res.Prop("NetworkConfiguration"), "AwsvpcConfiguration");
  if (awsvpc == nullptr) {
    core_.Ignore(res,
                 "not in awsvpc network mode: its tasks use their container instances' network "
                 "interfaces");
    return;
  }
  auto subnets =
      Subnets(res, Field(awsvpc, "Subnets"), "an awsvpc NetworkConfiguration without Subnets");
  if (!subnets) return;
  GenNode& w = NewWorkload(res, "ecs_service", std::move(*subnets));
  SetGroups(res, w, Field(awsvpc, "SecurityGroups"));
  SetAssociate(res, w, Field(awsvpc, "AssignPublicIp"));
  // DesiredCount: 1 when not written.
  if (const CfnValue* desired = res.Prop("DesiredCount")) {
    if (auto n = ParseInt(desired->text())) SetCount(w, *n, MapperCore::OriginOf(res, *desired));
  }
  // Its tasks are the targets of its load balancers' target groups, on their container port.
  if (const CfnValue* lbs = res.Prop("LoadBalancers"); lbs && lbs->IsList()) {
    for (const CfnValue& lb : lbs->items()) {
      const CfnValue* group = Field(&lb, "TargetGroupArn");
      if (group == nullptr) continue;
      const CfnValue* port = Field(&lb, "ContainerPort");
      AddTarget(group->text(), res.id, port != nullptr ? port->text() : "",
                MapperCore::OriginOf(res, *group));
    }
  }
}

void WorkloadMapper::MapLambda(const Res& res) {
  const CfnValue* config = res.Prop("VpcConfig");
  const CfnValue* subnets = Field(config, "SubnetIds");
  if (subnets == nullptr || (subnets->IsList() && subnets->items().empty())) {
    core_.Ignore(res, "not in a VPC (no VpcConfig): AWS runs it in its own network");
    return;
  }
  auto placed = Subnets(res, subnets, "");
  if (!placed) return;
  GenNode& w = NewWorkload(res, "lambda_function", std::move(*placed));
  SetGroups(res, w, Field(config, "SecurityGroupIds"));
}

void WorkloadMapper::MapOpenSearch(const Res& res) {
  const CfnValue* options = res.Prop("VPCOptions");
  const CfnValue* subnets = Field(options, "SubnetIds");
  if (subnets == nullptr) {
    core_.Ignore(res, "no VPCOptions: a domain with a public endpoint, outside the VPCs");
    return;
  }
  auto placed = Subnets(res, subnets, "");
  if (!placed) return;
  GenNode& w = NewWorkload(res, "opensearch_domain", std::move(*placed));
  SetGroups(res, w, Field(options, "SecurityGroupIds"));
}

void WorkloadMapper::MapEks(const Res& res, bool nodegroup) {
  if (!nodegroup) {
    const CfnValue* config = res.Prop("ResourcesVpcConfig");
    auto subnets = Subnets(res, Field(config, "SubnetIds"),
                           "no ResourcesVpcConfig SubnetIds: vpcreach does not know where it is");
    if (!subnets) return;
    GenNode& w = NewWorkload(res, "eks_cluster", std::move(*subnets));
    SetGroups(res, w, Field(config, "SecurityGroupIds"));
    return;
  }
  auto subnets =
      Subnets(res, res.Prop("Subnets"), "no Subnets: vpcreach does not know where its nodes are");
  if (!subnets) return;
  GenNode& w = NewWorkload(res, "eks_nodegroup", std::move(*subnets));
  // Its nodes: DesiredSize, else MinSize (one stands for them when neither is written).
  const CfnValue* scaling = res.Prop("ScalingConfig");
  for (const char* key : {"DesiredSize", "MinSize"}) {
    const CfnValue* v = Field(scaling, key);
    auto n = v != nullptr ? ParseInt(v->text()) : std::nullopt;
    if (!n) continue;
    SetCount(w, *n, MapperCore::OriginOf(res, *v));
    break;
  }
  // The groups of its launch template, else (the cluster's own group, which EKS creates) the
  // VPC's default group stands in.
  const CfnValue* spec = res.Prop("LaunchTemplate");
  const CfnValue* id = Field(spec, "Id");
  const CfnValue* name = Field(spec, "Name");
  const Res* lt = id != nullptr ? core_.FindNamed(id->text(), kLaunchTemplate, "")
                  : name != nullptr
                      ? core_.FindNamed(name->text(), kLaunchTemplate, "LaunchTemplateName")
                      : nullptr;
  const CfnValue* data = lt != nullptr ? lt->Prop("LaunchTemplateData") : nullptr;
  if (data != nullptr) SetGroups(*lt, w, Field(data, "SecurityGroupIds"));
}

void WorkloadMapper::MapDirectory(const Res& res) {
  const CfnValue* settings = res.Prop("VpcSettings");
  auto subnets =
      Subnets(res, Field(settings, "SubnetIds"),
              "no VpcSettings SubnetIds: vpcreach does not know where its domain controllers are");
  if (subnets) NewWorkload(res, "directory", std::move(*subnets));
}

void WorkloadMapper::MapSageMakerDomain(const Res& res) {
  auto subnets = Subnets(res, res.Prop("SubnetIds"),
                         "no SubnetIds: vpcreach does not know where its apps are");
  if (!subnets) return;
  GenNode& w = NewWorkload(res, "sagemaker_domain", std::move(*subnets));
  SetGroups(res, w, Field(res.Prop("DefaultUserSettings"), "SecurityGroups"));
  if (const CfnValue* access = res.Prop("AppNetworkAccessType")) {
    w.Set("app_network_access_type",
          GenNode::Scalar(Lower(access->text()) == "vpconly" ? "vpc_only" : "public_internet_only",
                          MapperCore::OriginOf(res, *access)));
  }
}

void WorkloadMapper::MapSageMakerEndpoint(const Res& res) {
  const CfnValue* config_name = res.Prop("EndpointConfigName");
  const Res* config =
      config_name != nullptr
          ? core_.FindNamed(config_name->text(), kSageMakerEndpointConfig, "EndpointConfigName")
          : nullptr;
  if (config == nullptr) {
    core_.Ignore(res, "its endpoint configuration is not in the scenario's stacks", "",
                 /*shapes_reachability=*/true);
    return;
  }
  // The instances of its variants whose model runs in a VPC.
  const CfnValue* vpc_config = nullptr;
  const Res* model = nullptr;
  long long instances = 0;
  const CfnValue* variants = config->Prop("ProductionVariants");
  for (const CfnValue& v :
       variants != nullptr && variants->IsList() ? variants->items() : std::vector<CfnValue>{}) {
    const CfnValue* name = Field(&v, "ModelName");
    const Res* m =
        name != nullptr ? core_.FindNamed(name->text(), kSageMakerModel, "ModelName") : nullptr;
    const CfnValue* c = m != nullptr ? m->Prop("VpcConfig") : nullptr;
    if (c == nullptr) continue;
    if (vpc_config == nullptr) {
      vpc_config = c;
      model = m;
    }
    const CfnValue* count = Field(&v, "InitialInstanceCount");
    instances += count != nullptr ? ParseInt(count->text()).value_or(1) : 1;
  }
  if (vpc_config == nullptr) {
    core_.Ignore(res, "its models have no VpcConfig: it runs in SageMaker's network");
    return;
  }
  auto subnets = Subnets(*model, Field(vpc_config, "Subnets"), "a VpcConfig without Subnets");
  if (!subnets) return;
  GenNode& w = NewWorkload(res, "sagemaker_endpoint", std::move(*subnets));
  SetGroups(*model, w, Field(vpc_config, "SecurityGroupIds"));
  SetCount(w, instances, MapperCore::OriginOf(res));
}

}  // namespace vpcreach::cfn
