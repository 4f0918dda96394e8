// Maps the CloudFormation resources that put network interfaces in a VPC to the scenario's
// `workloads:` and `target_groups:` (vpc_workload_builder.h reads them), for the stack mapper
// (stack_mapper.h), which hands it every resource of the types it Takes.
//
// Each workload is named by its resource id; what it folds in comes from the resources it names:
//  - AWS::EC2::Instance: every network interface (NetworkInterfaces, by DeviceIndex, an existing
//    ENI by NetworkInterfaceId, more by AWS::EC2::NetworkInterfaceAttachment), or SubnetId with
//    SecurityGroupIds and SecurityGroups, PrivateIpAddress, the secondary addresses; a public
//    address when asked for or when its only interface's subnet maps one on launch;
//  - AWS::AutoScaling::AutoScalingGroup: DesiredCapacity (else MinSize) instances over
//    VPCZoneIdentifier, with the groups and public addressing of its launch template
//    (AWS::EC2::LaunchTemplate, also under MixedInstancesPolicy) or launch configuration; its
//    TargetGroupARNs and LoadBalancerNames make it a target;
//  - load balancers (AWS::ElasticLoadBalancingV2::LoadBalancer with its Listener and
//    ListenerRule resources and TargetGroup; AWS::ElasticLoadBalancing::LoadBalancer, whose
//    listeners get a target group `<id>/port-<port>` of its Instances): one interface per subnet
//    (Subnets or SubnetMappings), public when internet-facing;
//  - databases and caches in their subnet groups (RDS DBInstance, DBCluster with its member
//    instances counted, DocumentDB, Neptune, ElastiCache CacheCluster and ReplicationGroup, DMS
//    ReplicationInstance), with their port, engine and PubliclyAccessible;
//  - EFS mount targets, ECS services in awsvpc mode (AssignPublicIp, DesiredCount, their
//    LoadBalancers as targets), Lambda functions' VpcConfig, OpenSearch / Elasticsearch domains'
//    VPCOptions, EKS clusters and node groups, Directory Service directories, SageMaker domains
//    (AppNetworkAccessType) and endpoints (their models' VpcConfig, their variants' instances).
// A resource whose subnets are not given (only availability zones, or nothing: AWS places it in
// the default VPC, not modelled) is listed as ignored with a warning, as are resources of other
// types that place interfaces in a VPC or otherwise shape reachability (IgnoreOther).
#ifndef VPCREACH_MODEL_CLOUDFORMATION_WORKLOAD_MAPPER_H_
#define VPCREACH_MODEL_CLOUDFORMATION_WORKLOAD_MAPPER_H_

#include <map>
#include <set>
#include <string>
#include <vector>

#include "model/cloudformation/mapper_core.h"

namespace vpcreach::cfn {

class WorkloadMapper {
 public:
  // `core` must outlive the mapper.
  explicit WorkloadMapper(MapperCore& core) : core_(core) {}

  // Before any resource is mapped: reads what workloads fold in from other resources
  // (listeners, attachments, target registrations).
  void Prepare();
  // The resource types it maps (workloads and what they fold in).
  bool Takes(const std::string& type) const;
  void Map(const Res& res);
  // Lists a resource of another type as ignored: with a warning when it places network
  // interfaces in a VPC or otherwise shapes reachability, else as not part of the network.
  void IgnoreOther(const Res& res);
  // After every resource is mapped: the target groups' registered targets.
  void Finish();

  // An ENI's (`res`, properties `props`) PrivateIpAddresses, SecondaryPrivateIpAddresses and
  // SecondaryPrivateIpAddressCount as `private_ip`, `secondary_ips` and `secondary_ip_count` of
  // `node` (an ENI or an instance's interface).
  void MapPrivateAddresses(const Res& res, const EvaluatedResource& props, GenNode& node);
  void MapInterfaceAddresses(const Res& res, const CfnValue& interface, GenNode& node);
  // An IPv6-only subnet of the stacks (left out of the model: it has no IPv4 addresses).
  bool IsIpv6OnlySubnet(const std::string& id) const;
  // `list` without IPv6-only subnets, each left out with an IPv6 warning on `res`; nullopt
  // (`res` unmapped) when none is left.
  std::optional<GenNode> WithoutIpv6OnlySubnets(const Res& res, std::optional<GenNode> list);
  // Lists an interface's IPv6 addresses (Ipv6AddressCount, Ipv6Addresses, ...) as ignored.
  void IgnoreIpv6Addresses(const Res& res, const CfnValue& interface);

  // Whether `id` is an instance of the stacks, and the public address of its primary interface
  // (an EIP association).
  bool HasInstance(const std::string& id) const { return instances_.count(id) > 0; }
  void SetInstancePublicIp(const std::string& id, GenNode address);

 private:
  // ---- EC2 (workload_mapper.cc) ----
  void MapInstance(const Res& res);
  void MapAutoScalingGroup(const Res& res);
  void MapLoadBalancerV2(const Res& res);
  void MapClassicLoadBalancer(const Res& res);
  void MapTargetGroup(const Res& res);
  // ---- services (workload_services_mapper.cc) ----
  void MapDbInstance(const Res& res);
  void MapDbCluster(const Res& res, const char* kind, const char* group_type);
  void MapCache(const Res& res, bool replication_group);
  void MapDms(const Res& res);
  void MapEfsMountTarget(const Res& res);
  void MapEcsService(const Res& res);
  void MapLambda(const Res& res);
  void MapOpenSearch(const Res& res);
  void MapEks(const Res& res, bool nodegroup);
  void MapDirectory(const Res& res);
  void MapSageMakerDomain(const Res& res);
  void MapSageMakerEndpoint(const Res& res);

  // A new workload of `type` for `res`.
  GenNode& NewWorkload(const Res& res, const char* type);
  // The list `value` of `res` as a `subnets` node; nullopt (after listing `res` as ignored with
  // a warning, `why` saying what is missing) when it is absent or empty, or (reported) wrong.
  std::optional<GenNode> Subnets(const Res& res, const CfnValue* value, const std::string& why);
  // The subnets of the subnet group (of `group_type`, named by `res`'s property `key`, by Ref or
  // by its `name_property`), from its `subnets_property`; every default subnet of the default VPC
  // when `key` is absent (AWS's default subnet group); nullopt (after listing `res` as ignored
  // with a warning) when `key` names no group of the stacks.
  std::optional<GenNode> GroupSubnets(const Res& res, const char* key, const char* group_type,
                                      const char* name_property, const char* subnets_property);
  // The default VPC's default subnets (default_vpc.h) of the zones that list `zones` of `res`
  // names (a zone name, or a list of them), as a `subnets` node: the one AWS picks (the region's
  // first zone) when `zones` is null and `all_when_absent` is false, every zone's when it is true
  // (a default subnet group). Nullopt after a diagnostic when a zone is not one of the region's.
  std::optional<GenNode> DefaultSubnets(const Res& res, const CfnValue* zones,
                                        bool all_when_absent);
  // A new workload of `type` for `res`, placed in `subnets`.
  GenNode& NewWorkload(const Res& res, const char* type, GenNode subnets);
  // Sets `key` of `w` to the groups of list `value` (nothing when absent or empty).
  void SetGroups(const Res& res, GenNode& w, const CfnValue* value);
  void SetCount(GenNode& w, long long count, const LineOrigin& origin);
  // `associate_public_ip` of `w` from a boolean property (`yes` is "true"), when written.
  void SetAssociate(const Res& res, GenNode& w, const CfnValue* value);
  // Registers `target` (a workload id) in target group `group` (a resource id), on `port` when
  // given.
  void AddTarget(const std::string& group, const std::string& target, const std::string& port,
                 const LineOrigin& origin);

  MapperCore& core_;
  std::set<std::string> instances_;
  std::map<std::string, std::vector<const Res*>> listeners_;        // load balancer -> listeners
  std::map<std::string, std::vector<const Res*>> rules_;            // listener -> listener rules
  std::map<std::string, std::vector<const Res*>> attachments_;      // instance -> attachments
  std::map<std::string, std::vector<GenNode>> targets_;             // target group -> targets
  std::map<std::string, std::vector<const Res*>> cluster_members_;  // cluster id -> instances
};

}  // namespace vpcreach::cfn

#endif  // VPCREACH_MODEL_CLOUDFORMATION_WORKLOAD_MAPPER_H_
