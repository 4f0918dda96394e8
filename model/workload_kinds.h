// What each kind of workload (model.h, WorkloadKind) is, as AWS runs it: how messages name it,
// the keys of `workloads.X` that apply to it, how many network interfaces it places by default,
// what its interfaces answer and whether they open connections, and the default ports of the
// database and cache engines.
//
// The defaults follow AWS's documentation of each service; where it does not say, vpcreach
// allows (a request refused wrongly would let `reachable: false` prove something false):
//  - instances, Auto Scaling groups, ECS services (awsvpc), EKS node groups, SageMaker domains,
//    endpoints and processing jobs, DMS replication instances and directories answer every
//    request their security groups admit;
//  - RDS instances and clusters answer tcp on their port (`port`, else the engine's: 3306 for
//    MySQL, MariaDB and Aurora MySQL, 5432 for PostgreSQL, 1521 Oracle, 1433 SQL Server, 50000
//    Db2; every tcp port when neither is known), DocumentDB 27017, Neptune 8182, ElastiCache
//    6379 (Redis, Valkey) or 11211 (Memcached), OpenSearch domains 443 and 80, EFS mount
//    targets 2049 (NFS), EKS clusters' API servers 443, load balancers their listeners' ports;
//  - Lambda functions answer nothing (their interfaces carry only the connections they open);
//  - EFS mount targets open no connection; every other kind may.
#ifndef VPCREACH_MODEL_WORKLOAD_KINDS_H_
#define VPCREACH_MODEL_WORKLOAD_KINDS_H_

#include <optional>
#include <string>
#include <vector>

#include "model/model.h"

namespace vpcreach {

// How messages name a kind: "RDS instance", "Auto Scaling group".
std::string WorkloadNoun(WorkloadKind kind);
// "an RDS instance", "a Lambda function".
std::string WorkloadNounWithArticle(WorkloadKind kind);

// Interfaces one per subnet by default (load balancers, Lambda functions, OpenSearch domains,
// EKS clusters, directories, SageMaker domains); other kinds place one (their `count`).
bool OneInterfacePerSubnet(WorkloadKind kind);

// Placed on EC2 instances the customer launches (instances, Auto Scaling groups, EKS node
// groups): a public address by default where the subnet maps one on launch.
bool LaunchesInstances(WorkloadKind kind);

// The keys of `workloads.X` that apply to `kind`: the common ones (type, subnet, subnets,
// security_groups, count, private_ip, public_ip, public_ips, associate_public_ip, ports,
// opens_connections) and its own; and every key of every kind (for "unknown key" suggestions).
std::vector<std::string> WorkloadKeysOf(WorkloadKind kind);
std::vector<std::string> AllWorkloadKeys();

// The default requests a kind's interfaces answer (nullopt: all their groups admit); databases
// and caches from `engine` (lower case, "" when not written) and `port` (nullopt when not
// written). Load balancers answer their listeners' ports (ListenerTraffic).
std::optional<std::vector<ServedTraffic>> DefaultServedTraffic(WorkloadKind kind,
                                                               const std::string& engine,
                                                               std::optional<int> port);
bool OpensConnectionsByDefault(WorkloadKind kind);

// The engines `engine:` accepts for `kind` (empty: the kind takes no engine), and the default
// port of one (nullopt when the kind takes no engine or it is unknown).
std::vector<std::string> EnginesOf(WorkloadKind kind);
std::optional<int> EngineDefaultPort(WorkloadKind kind, const std::string& engine);

// What a listener's protocol (HTTP, HTTPS, TCP, TLS, SSL, UDP, TCP_UDP, GENEVE; upper case)
// carries on its port; empty for an unknown protocol. The protocols a load balancer type takes.
std::vector<ServedTraffic> ListenerTraffic(const std::string& protocol, std::uint16_t port);
std::vector<std::string> ListenerProtocolsOf(LoadBalancerType type);
const char* LoadBalancerTypeName(LoadBalancerType type);  // "application"
std::optional<LoadBalancerType> ParseLoadBalancerType(const std::string& name);

}  // namespace vpcreach

#endif  // VPCREACH_MODEL_WORKLOAD_KINDS_H_
