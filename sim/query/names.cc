#include "sim/query/names.h"

#include <set>
#include <sstream>

#include "sim/gateway_endpoints.h"

namespace vpcreach {
namespace {

constexpr char kBoth[] = "from and to";

void Add(std::vector<NameKind>* out, std::string kind, std::string use, std::string note,
         std::vector<std::string> names) {
  if (names.empty()) return;
  out->push_back(NameKind{std::move(kind), std::move(use), std::move(note), std::move(names)});
}

}  // namespace

std::vector<NameKind> EndpointNamesByKind(const Model& model) {
  std::vector<NameKind> out;
  std::vector<std::string> enis;
  for (const Eni& e : model.enis) enis.push_back(e.id);
  Add(&out, "eni", kBoth, "a network interface: its private and public addresses", enis);

  std::vector<std::string> notebooks;
  for (const NotebookInstance& n : model.notebooks) notebooks.push_back(n.id);
  Add(&out, "notebook_instance", kBoth, "a SageMaker notebook instance", notebooks);

  std::vector<std::string> jobs;
  for (const TrainingJob& j : model.training_jobs) {
    jobs.push_back(j.id);
    for (int i = 0; i < j.instance_count; ++i) jobs.push_back(j.id + "[" + std::to_string(i) + "]");
  }
  Add(&out, "training_job", kBoth, "a SageMaker training job (every instance), JOB[i] one", jobs);

  std::vector<std::string> workloads;
  for (const Workload& w : model.workloads) {
    workloads.push_back(w.id);
    for (size_t i = 0; i < w.enis.size(); ++i) {
      workloads.push_back(w.id + "[" + std::to_string(i) + "]");
    }
  }
  Add(&out, "workload", kBoth, "every interface of a workload, ID[i] one", workloads);

  std::vector<std::string> interface_endpoints;
  for (const VpcEndpoint& v : model.vpc_endpoints) {
    if (v.type == EndpointType::kInterface) interface_endpoints.push_back(v.id);
  }
  Add(&out, "interface_endpoint", kBoth, "every network interface of an interface endpoint",
      interface_endpoints);

  std::vector<std::string> subnets;
  for (const Subnet& s : model.subnets) subnets.push_back(s.id);
  Add(&out, "subnet", kBoth, "any address of a subnet", subnets);

  // A component id comes first when it takes a service's name (ResolveEndpoint's order).
  std::set<std::string> taken;
  for (const NameKind& k : out) taken.insert(k.names.begin(), k.names.end());
  for (const GatewayName& g : GatewayNames(model)) taken.insert(g.id);
  std::vector<std::string> services;
  for (const Service& s : model.services) {
    if (!taken.count(s.name)) services.push_back(s.name);
  }
  Add(&out, "service", kBoth, "a catalog service's addresses (services: adds more)", services);

  std::vector<std::string> endpoint_services;
  for (const Service& s : model.endpoint_services) {
    if (!taken.count(s.name)) endpoint_services.push_back(s.name);
  }
  Add(&out, "interface_endpoint_service", kBoth,
      "an AWS service by its interface endpoint name: the VPC's endpoint with private DNS, "
      "else its public addresses (s3 and dynamodb are services above)",
      endpoint_services);

  std::vector<std::string> igws;
  std::vector<std::string> nats;
  std::vector<std::string> gateway_endpoints;
  for (const GatewayName& g : GatewayNames(model)) {
    std::string kind = g.kind;
    if (kind == kKindInternetGateway) igws.push_back(g.id);
    if (kind == kKindNatGateway) nats.push_back(g.id);
    if (kind == kKindVpcEndpoint) gateway_endpoints.push_back(g.id);
  }
  Add(&out, "internet_gateway", "from only",
      "packets entering its VPC through it; never a destination", igws);
  Add(&out, "nat_gateway", "to only",
      "its own addresses, which answer nothing (NGW_NOT_A_DESTINATION)", nats);
  Add(&out, "gateway_endpoint", "to only", "its service's addresses, reached through it only",
      gateway_endpoints);
  return out;
}

std::string NamesToText(const std::vector<NameKind>& kinds) {
  std::ostringstream out;
  for (const NameKind& k : kinds) {
    out << k.kind << " (" << k.use << "; " << k.note << "):\n";
    for (const std::string& n : k.names) out << "  " << n << "\n";
  }
  out << "and any IPv4 address or CIDR (from and to)\n";
  return out.str();
}

nlohmann::ordered_json NamesToJson(const std::vector<NameKind>& kinds) {
  nlohmann::ordered_json j;
  j["kinds"] = nlohmann::ordered_json::array();
  for (const NameKind& k : kinds) {
    j["kinds"].push_back({{"kind", k.kind}, {"use", k.use}, {"note", k.note}, {"names", k.names}});
  }
  j["literals"] = "any IPv4 address or CIDR";
  return j;
}

}  // namespace vpcreach
