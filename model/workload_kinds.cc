#include "model/workload_kinds.h"

#include <algorithm>
#include <set>

namespace vpcreach {
namespace {

const std::vector<std::string> kCommonKeys = {"type",
                                              "subnet",
                                              "subnets",
                                              "security_groups",
                                              "count",
                                              "private_ip",
                                              "public_ip",
                                              "public_ips",
                                              "associate_public_ip",
                                              "ports",
                                              "opens_connections"};

ServedTraffic Tcp(int port) {
  return ServedTraffic{
      kTcp, PortRange{static_cast<std::uint16_t>(port), static_cast<std::uint16_t>(port)}};
}

struct EnginePort {
  const char* engine;
  int port;
};

// RDS's engines (CreateDBInstance's Engine) and their default ports.
constexpr EnginePort kRdsEngines[] = {
    {"mysql", 3306},
    {"mariadb", 3306},
    {"aurora", 3306},
    {"aurora-mysql", 3306},
    {"postgres", 5432},
    {"aurora-postgresql", 5432},
    {"oracle-ee", 1521},
    {"oracle-ee-cdb", 1521},
    {"oracle-se2", 1521},
    {"oracle-se2-cdb", 1521},
    {"oracle-se1", 1521},
    {"oracle-se", 1521},
    {"custom-oracle-ee", 1521},
    {"custom-oracle-ee-cdb", 1521},
    {"custom-oracle-se2", 1521},
    {"custom-oracle-se2-cdb", 1521},
    {"sqlserver-ee", 1433},
    {"sqlserver-se", 1433},
    {"sqlserver-ex", 1433},
    {"sqlserver-web", 1433},
    {"custom-sqlserver-ee", 1433},
    {"custom-sqlserver-se", 1433},
    {"custom-sqlserver-web", 1433},
    {"db2-se", 50000},
    {"db2-ae", 50000},
};
constexpr EnginePort kCacheEngines[] = {{"redis", 6379}, {"valkey", 6379}, {"memcached", 11211}};

}  // namespace

std::string WorkloadNoun(WorkloadKind kind) {
  switch (kind) {
    case WorkloadKind::kInstance:
      return "instance";
    case WorkloadKind::kAutoScalingGroup:
      return "Auto Scaling group";
    case WorkloadKind::kLoadBalancer:
      return "load balancer";
    case WorkloadKind::kRdsInstance:
      return "RDS instance";
    case WorkloadKind::kRdsCluster:
      return "RDS cluster";
    case WorkloadKind::kEfsMountTarget:
      return "EFS mount target";
    case WorkloadKind::kEcsService:
      return "ECS service";
    case WorkloadKind::kLambdaFunction:
      return "Lambda function";
    case WorkloadKind::kElastiCacheCluster:
      return "ElastiCache cluster";
    case WorkloadKind::kOpenSearchDomain:
      return "OpenSearch domain";
    case WorkloadKind::kDocDbCluster:
      return "DocumentDB cluster";
    case WorkloadKind::kNeptuneCluster:
      return "Neptune cluster";
    case WorkloadKind::kDmsReplicationInstance:
      return "DMS replication instance";
    case WorkloadKind::kEksCluster:
      return "EKS cluster";
    case WorkloadKind::kEksNodegroup:
      return "EKS node group";
    case WorkloadKind::kDirectory:
      return "directory";
    case WorkloadKind::kSageMakerDomain:
      return "SageMaker domain";
    case WorkloadKind::kSageMakerEndpoint:
      return "SageMaker endpoint";
    case WorkloadKind::kSageMakerProcessingJob:
      return "SageMaker processing job";
  }
  return "workload";
}

std::string WorkloadNounWithArticle(WorkloadKind kind) {
  switch (kind) {
    case WorkloadKind::kInstance:
    case WorkloadKind::kAutoScalingGroup:
    case WorkloadKind::kRdsInstance:
    case WorkloadKind::kRdsCluster:
    case WorkloadKind::kEfsMountTarget:
    case WorkloadKind::kEcsService:
    case WorkloadKind::kElastiCacheCluster:
    case WorkloadKind::kOpenSearchDomain:
    case WorkloadKind::kEksCluster:
    case WorkloadKind::kEksNodegroup:
      return "an " + WorkloadNoun(kind);
    default:
      return "a " + WorkloadNoun(kind);
  }
}

bool OneInterfacePerSubnet(WorkloadKind kind) {
  switch (kind) {
    case WorkloadKind::kLoadBalancer:
    case WorkloadKind::kLambdaFunction:
    case WorkloadKind::kOpenSearchDomain:
    case WorkloadKind::kEksCluster:
    case WorkloadKind::kDirectory:
    case WorkloadKind::kSageMakerDomain:
      return true;
    default:
      return false;
  }
}

bool LaunchesInstances(WorkloadKind kind) {
  return kind == WorkloadKind::kInstance || kind == WorkloadKind::kAutoScalingGroup ||
         kind == WorkloadKind::kEksNodegroup;
}

std::vector<std::string> WorkloadKeysOf(WorkloadKind kind) {
  std::vector<std::string> keys = kCommonKeys;
  auto add = [&keys](std::initializer_list<const char*> more) {
    keys.insert(keys.end(), more.begin(), more.end());
  };
  switch (kind) {
    case WorkloadKind::kInstance:
      add({"interfaces", "secondary_ips", "secondary_ip_count", "source_dest_check"});
      break;
    case WorkloadKind::kLoadBalancer:
      add({"load_balancer_type", "scheme", "listeners"});
      break;
    case WorkloadKind::kRdsInstance:
    case WorkloadKind::kRdsCluster:
    case WorkloadKind::kElastiCacheCluster:
      add({"engine", "port"});
      break;
    case WorkloadKind::kDocDbCluster:
    case WorkloadKind::kNeptuneCluster:
      add({"port"});
      break;
    case WorkloadKind::kSageMakerDomain:
      add({"app_network_access_type"});
      break;
    default:
      break;
  }
  return keys;
}

std::vector<std::string> AllWorkloadKeys() {
  std::set<std::string> all;
  for (const std::string& name : WorkloadKindNames()) {
    for (const std::string& key : WorkloadKeysOf(*ParseWorkloadKind(name))) all.insert(key);
  }
  return std::vector<std::string>(all.begin(), all.end());
}

std::vector<std::string> EnginesOf(WorkloadKind kind) {
  std::vector<std::string> out;
  if (kind == WorkloadKind::kRdsInstance || kind == WorkloadKind::kRdsCluster) {
    for (const EnginePort& e : kRdsEngines) out.push_back(e.engine);
  } else if (kind == WorkloadKind::kElastiCacheCluster) {
    for (const EnginePort& e : kCacheEngines) out.push_back(e.engine);
  }
  return out;
}

std::optional<int> EngineDefaultPort(WorkloadKind kind, const std::string& engine) {
  if (kind == WorkloadKind::kRdsInstance || kind == WorkloadKind::kRdsCluster) {
    for (const EnginePort& e : kRdsEngines) {
      if (engine == e.engine) return e.port;
    }
  } else if (kind == WorkloadKind::kElastiCacheCluster) {
    for (const EnginePort& e : kCacheEngines) {
      if (engine == e.engine) return e.port;
    }
  }
  return std::nullopt;
}

std::optional<std::vector<ServedTraffic>> DefaultServedTraffic(WorkloadKind kind,
                                                               const std::string& engine,
                                                               std::optional<int> port) {
  switch (kind) {
    case WorkloadKind::kRdsInstance:
    case WorkloadKind::kRdsCluster: {
      std::optional<int> p = port ? port : EngineDefaultPort(kind, engine);
      if (!p) return std::vector<ServedTraffic>{ServedTraffic{kTcp, PortRange{}}};
      return std::vector<ServedTraffic>{Tcp(*p)};
    }
    case WorkloadKind::kElastiCacheCluster: {
      std::optional<int> p =
          port ? port : EngineDefaultPort(kind, engine.empty() ? "redis" : engine);
      return std::vector<ServedTraffic>{Tcp(p.value_or(6379))};
    }
    case WorkloadKind::kDocDbCluster:
      return std::vector<ServedTraffic>{Tcp(port.value_or(27017))};
    case WorkloadKind::kNeptuneCluster:
      return std::vector<ServedTraffic>{Tcp(port.value_or(8182))};
    case WorkloadKind::kEfsMountTarget:
      return std::vector<ServedTraffic>{Tcp(2049)};
    case WorkloadKind::kOpenSearchDomain:
      return std::vector<ServedTraffic>{Tcp(443), Tcp(80)};
    case WorkloadKind::kEksCluster:
      return std::vector<ServedTraffic>{Tcp(443)};
    case WorkloadKind::kLambdaFunction:
    case WorkloadKind::kLoadBalancer:  // its listeners add theirs
      return std::vector<ServedTraffic>{};
    default:
      return std::nullopt;
  }
}

bool OpensConnectionsByDefault(WorkloadKind kind) { return kind != WorkloadKind::kEfsMountTarget; }

std::vector<ServedTraffic> ListenerTraffic(const std::string& protocol, std::uint16_t port) {
  PortRange ports{port, port};
  if (protocol == "HTTP" || protocol == "HTTPS" || protocol == "TCP" || protocol == "TLS" ||
      protocol == "SSL") {
    return {ServedTraffic{kTcp, ports}};
  }
  if (protocol == "UDP") return {ServedTraffic{kUdp, ports}};
  if (protocol == "TCP_UDP") return {ServedTraffic{kTcp, ports}, ServedTraffic{kUdp, ports}};
  // A Gateway Load Balancer listens for GENEVE on udp 6081 whatever its listener says.
  if (protocol == "GENEVE") return {ServedTraffic{kUdp, PortRange{6081, 6081}}};
  return {};
}

std::vector<std::string> ListenerProtocolsOf(LoadBalancerType type) {
  switch (type) {
    case LoadBalancerType::kApplication:
      return {"HTTP", "HTTPS"};
    case LoadBalancerType::kNetwork:
      return {"TCP", "TLS", "UDP", "TCP_UDP"};
    case LoadBalancerType::kGateway:
      return {"GENEVE"};
    case LoadBalancerType::kClassic:
      return {"HTTP", "HTTPS", "TCP", "SSL"};
  }
  return {};
}

const char* LoadBalancerTypeName(LoadBalancerType type) {
  switch (type) {
    case LoadBalancerType::kApplication:
      return "application";
    case LoadBalancerType::kNetwork:
      return "network";
    case LoadBalancerType::kGateway:
      return "gateway";
    case LoadBalancerType::kClassic:
      return "classic";
  }
  return "";
}

std::optional<LoadBalancerType> ParseLoadBalancerType(const std::string& name) {
  for (LoadBalancerType t : {LoadBalancerType::kApplication, LoadBalancerType::kNetwork,
                             LoadBalancerType::kGateway, LoadBalancerType::kClassic}) {
    if (name == LoadBalancerTypeName(t)) return t;
  }
  return std::nullopt;
}

}  // namespace vpcreach
