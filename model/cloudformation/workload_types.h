// The CloudFormation resource types the workload mapper (workload_mapper.h) reads.
#ifndef VPCREACH_MODEL_CLOUDFORMATION_WORKLOAD_TYPES_H_
#define VPCREACH_MODEL_CLOUDFORMATION_WORKLOAD_TYPES_H_

namespace vpcreach::cfn {

inline constexpr char kInstance[] = "AWS::EC2::Instance";
inline constexpr char kEniAttachment[] = "AWS::EC2::NetworkInterfaceAttachment";
inline constexpr char kLaunchTemplate[] = "AWS::EC2::LaunchTemplate";
inline constexpr char kAutoScalingGroup[] = "AWS::AutoScaling::AutoScalingGroup";
inline constexpr char kLaunchConfiguration[] = "AWS::AutoScaling::LaunchConfiguration";
inline constexpr char kLoadBalancerV2[] = "AWS::ElasticLoadBalancingV2::LoadBalancer";
inline constexpr char kListener[] = "AWS::ElasticLoadBalancingV2::Listener";
inline constexpr char kListenerRule[] = "AWS::ElasticLoadBalancingV2::ListenerRule";
inline constexpr char kTargetGroup[] = "AWS::ElasticLoadBalancingV2::TargetGroup";
inline constexpr char kClassicLoadBalancer[] = "AWS::ElasticLoadBalancing::LoadBalancer";
inline constexpr char kDbInstance[] = "AWS::RDS::DBInstance";
inline constexpr char kDbCluster[] = "AWS::RDS::DBCluster";
inline constexpr char kDbSubnetGroup[] = "AWS::RDS::DBSubnetGroup";
inline constexpr char kDocDbCluster[] = "AWS::DocDB::DBCluster";
inline constexpr char kDocDbInstance[] = "AWS::DocDB::DBInstance";
inline constexpr char kDocDbSubnetGroup[] = "AWS::DocDB::DBSubnetGroup";
inline constexpr char kNeptuneCluster[] = "AWS::Neptune::DBCluster";
inline constexpr char kNeptuneInstance[] = "AWS::Neptune::DBInstance";
inline constexpr char kNeptuneSubnetGroup[] = "AWS::Neptune::DBSubnetGroup";
inline constexpr char kCacheCluster[] = "AWS::ElastiCache::CacheCluster";
inline constexpr char kReplicationGroup[] = "AWS::ElastiCache::ReplicationGroup";
inline constexpr char kCacheSubnetGroup[] = "AWS::ElastiCache::SubnetGroup";
inline constexpr char kDmsInstance[] = "AWS::DMS::ReplicationInstance";
inline constexpr char kDmsSubnetGroup[] = "AWS::DMS::ReplicationSubnetGroup";
inline constexpr char kEfsMountTarget[] = "AWS::EFS::MountTarget";
inline constexpr char kEcsService[] = "AWS::ECS::Service";
inline constexpr char kLambdaFunction[] = "AWS::Lambda::Function";
inline constexpr char kOpenSearchDomain[] = "AWS::OpenSearchService::Domain";
inline constexpr char kElasticsearchDomain[] = "AWS::Elasticsearch::Domain";
inline constexpr char kEksCluster[] = "AWS::EKS::Cluster";
inline constexpr char kEksNodegroup[] = "AWS::EKS::Nodegroup";
inline constexpr char kSimpleAd[] = "AWS::DirectoryService::SimpleAD";
inline constexpr char kMicrosoftAd[] = "AWS::DirectoryService::MicrosoftAD";
inline constexpr char kSageMakerDomain[] = "AWS::SageMaker::Domain";
inline constexpr char kSageMakerModel[] = "AWS::SageMaker::Model";
inline constexpr char kSageMakerEndpointConfig[] = "AWS::SageMaker::EndpointConfig";
inline constexpr char kSageMakerEndpoint[] = "AWS::SageMaker::Endpoint";

}  // namespace vpcreach::cfn

#endif  // VPCREACH_MODEL_CLOUDFORMATION_WORKLOAD_TYPES_H_
