#include "sim/endpoint.h"

#include <algorithm>
#include <regex>
#include <set>

#include "model/diagnostics.h"
#include "model/endpoint_services.h"
#include "sim/gateway_endpoints.h"

namespace vpcreach {
namespace {

constexpr char kBoth[] = "from and to";

void Add(std::vector<NameKind>* out, std::string kind, std::string use, std::string note,
         std::vector<std::string> names) {
  if (names.empty()) return;
  out->push_back(NameKind{std::move(kind), std::move(use), std::move(note), std::move(names)});
}

// An address range: the ENIs holding addresses in it, the subnets it overlaps, or the outside.
Endpoint FromRange(const Model& model, const std::string& name, const Cidr& cidr) {
  Endpoint out;
  out.name = name;
  out.addresses.Add(cidr);
  for (Index e = 0; e < model.enis.size(); ++e) {
    const Eni& eni = model.enis[e];
    std::vector<Ipv4> addresses = eni.PrivateIps();
    if (std::any_of(addresses.begin(), addresses.end(),
                    [&cidr](Ipv4 a) { return cidr.Contains(a); }) ||
        (eni.public_ip && cidr.Contains(*eni.public_ip))) {
      out.enis.push_back(e);
    }
  }
  for (Index s = 0; s < model.subnets.size(); ++s) {
    if (model.subnets[s].cidr.Overlaps(cidr)) out.subnets.push_back(s);
  }
  out.outside = model.FindVpcContaining(cidr.base) == kNone &&
                model.FindVpcContaining(cidr.Last()) == kNone;
  return out;
}

}  // namespace

Index OriginVpc(const Model& model, const Origin& origin) {
  switch (origin.kind) {
    case OriginKind::kEni:
      return model.subnets[model.enis[origin.index].subnet].vpc;
    case OriginKind::kSubnetHost:
      return model.subnets[origin.index].vpc;
    case OriginKind::kOutside:
    case OriginKind::kSageMaker:
      return kNone;
  }
  return kNone;
}

std::vector<Index> PrivateDnsEndpoints(const Model& model, Index vpc, const std::string& service) {
  std::vector<Index> out;
  if (vpc == kNone) return out;
  for (Index v = 0; v < model.vpc_endpoints.size(); ++v) {
    const VpcEndpoint& endpoint = model.vpc_endpoints[v];
    if (endpoint.vpc == vpc && endpoint.type == EndpointType::kInterface &&
        endpoint.private_dns && endpoint.service == service && !endpoint.enis.empty()) {
      out.push_back(v);
    }
  }
  return out;
}

Endpoint Endpoint::SeenFrom(const Model& model, const Origin& origin) const {
  if (dns_service.empty()) return *this;
  std::vector<Index> endpoints = PrivateDnsEndpoints(model, OriginVpc(model, origin), dns_service);
  if (endpoints.empty()) return *this;
  Endpoint out;
  out.name = name;
  out.dns_service = dns_service;
  out.default_ports = default_ports;
  for (Index v : endpoints) {
    for (Index e : model.vpc_endpoints[v].enis) AddEni(model, e, &out);
  }
  return out;
}

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
  std::vector<std::string> vgws;
  for (const GatewayName& g : GatewayNames(model)) {
    std::string kind = g.kind;
    if (kind == kKindInternetGateway) igws.push_back(g.id);
    if (kind == kKindNatGateway) nats.push_back(g.id);
    if (kind == kKindVpcEndpoint) gateway_endpoints.push_back(g.id);
    if (kind == kKindVpnGateway) vgws.push_back(g.id);
  }
  Add(&out, "internet_gateway", "from only",
      "packets entering its VPC through it; never a destination", igws);
  Add(&out, "nat_gateway", "to only",
      "its own addresses, which answer nothing (NGW_NOT_A_DESTINATION)", nats);
  Add(&out, "gateway_endpoint", "to only", "its service's addresses, reached through it only",
      gateway_endpoints);
  Add(&out, "vpn_gateway", kBoth,
      "on-premises: from, what enters its VPC through it; to, its VPN connections' prefixes, "
      "reached through it only",
      vgws);
  return out;
}

std::vector<std::string> EndpointNames(const Model& model) {
  std::vector<std::string> names;
  std::set<std::string> seen;
  for (const NameKind& k : EndpointNamesByKind(model)) {
    for (const std::string& n : k.names) {
      if (seen.insert(n).second) names.push_back(n);
    }
  }
  return names;
}

void AddEni(const Model& model, Index e, Endpoint* out) {
  out->enis.push_back(e);
  for (Ipv4 a : model.enis[e].PrivateIps()) out->addresses.Add(HostCidr(a));
  if (model.enis[e].public_ip) out->addresses.Add(HostCidr(*model.enis[e].public_ip));
}

std::optional<Endpoint> ResolveEndpoint(const Model& model, const std::string& name,
                                        std::string* error, bool as_source) {
  std::string ignored;
  if (error == nullptr) error = &ignored;  // callers that know the name exists pass none
  Endpoint out;
  out.name = name;
  // The tcp ports a workload answers are what `trace` sends to by default.
  auto default_ports = [&out](const Workload& w) {
    for (const ServedTraffic& t : w.serves.value_or(std::vector<ServedTraffic>{})) {
      if (t.protocol == kTcp && !t.ports.IsAll()) out.default_ports.push_back(t.ports);
    }
  };
  for (Index e = 0; e < model.enis.size(); ++e) {
    if (model.enis[e].id == name) {
      AddEni(model, e, &out);
      if (model.enis[e].owner == EniOwner::kWorkload) {
        default_ports(model.workloads[model.enis[e].owner_index]);
      }
      return out;
    }
  }
  for (Index n = 0; n < model.notebooks.size(); ++n) {
    const NotebookInstance& nb = model.notebooks[n];
    if (nb.id != name) continue;
    if (nb.eni == kNone) {
      out.sagemaker_notebook = n;
    } else {
      AddEni(model, nb.eni, &out);
    }
    return out;
  }
  // At most 8 digits: far above any count, and never out of range for stoul.
  static const std::regex kInstance(R"(^(.+)\[([0-9]{1,8})\]$)");
  std::smatch match;
  for (Index j = 0; j < model.training_jobs.size(); ++j) {
    const TrainingJob& job = model.training_jobs[j];
    if (job.id == name) {
      if (job.enis.empty()) out.sagemaker_job = j;
      for (Index e : job.enis) AddEni(model, e, &out);
      return out;
    }
    if (std::regex_match(name, match, kInstance) && match[1] == job.id) {
      size_t i = std::stoul(match[2]);
      if (i >= static_cast<size_t>(job.instance_count)) {
        *error = "training job " + job.id + " has " + std::to_string(job.instance_count) +
                 " instances; " + name + " does not exist";
        return std::nullopt;
      }
      if (job.enis.empty()) {
        out.sagemaker_job = j;
      } else {
        AddEni(model, job.enis[i], &out);
      }
      return out;
    }
  }
  for (const Workload& w : model.workloads) {
    if (w.id == name) {
      for (Index e : w.enis) AddEni(model, e, &out);
      default_ports(w);
      return out;
    }
    if (std::regex_match(name, match, kInstance) && match[1] == w.id) {
      size_t i = std::stoul(match[2]);
      if (i >= w.enis.size()) {
        *error = w.id + " has " + std::to_string(w.enis.size()) + " network interface" +
                 (w.enis.size() == 1 ? "" : "s") + "; " + name + " does not exist";
        return std::nullopt;
      }
      AddEni(model, w.enis[i], &out);
      default_ports(w);
      return out;
    }
  }
  if (std::optional<Endpoint> gateway = ResolveGateway(model, name, as_source, error)) {
    return gateway;
  }
  if (!error->empty()) return std::nullopt;
  for (Index v = 0; v < model.vpc_endpoints.size(); ++v) {
    if (model.vpc_endpoints[v].id != name) continue;
    for (Index e : model.vpc_endpoints[v].enis) AddEni(model, e, &out);
    if (out.enis.empty()) {
      *error = "vpc endpoint " + name + " is a gateway endpoint; name its service instead";
      return std::nullopt;
    }
    return out;
  }
  for (Index s = 0; s < model.subnets.size(); ++s) {
    if (model.subnets[s].id == name) return FromRange(model, name, model.subnets[s].cidr);
  }
  if (const Service* service = model.FindServiceOrEndpointService(name)) {
    out.addresses = service->Addresses();
    out.outside = true;
    out.default_ports = service->ports;
    if (IsInterfaceEndpointService(name)) out.dns_service = name;
    return out;
  }
  if (auto cidr = ParseCidr(name, nullptr, /*allow_bare_address=*/true)) {
    Endpoint literal = FromRange(model, name, *cidr);
    literal.literal = true;
    return literal;
  }
  std::string suggestion = ClosestMatch(name, EndpointNames(model));
  *error = "unknown endpoint '" + name + "'";
  if (!suggestion.empty()) {
    *error += "; did you mean '" + suggestion + "'?";
  } else {
    *error +=
        "; name an ENI, notebook, training job, workload, interface endpoint, subnet, service, "
        "gateway, IP address or CIDR (`vpcreach names` lists them)";
  }
  return std::nullopt;
}

std::vector<Origin> Endpoint::Origins(const Model& model) const {
  std::vector<Origin> out;
  for (Index e : enis) {
    Origin o;
    o.kind = OriginKind::kEni;
    o.index = e;
    for (Ipv4 a : model.enis[e].PrivateIps()) o.addresses.Add(HostCidr(a));
    o.label = model.enis[e].id;
    out.push_back(std::move(o));
  }
  for (Index s : subnets) {
    Origin o;
    o.kind = OriginKind::kSubnetHost;
    o.index = s;
    o.addresses = addresses.Intersect(IpRangeSet::Of(model.subnets[s].cidr));
    for (const Eni& e : model.enis) {
      for (Ipv4 a : e.PrivateIps()) o.addresses.Subtract(HostCidr(a));
    }
    for (const NatGateway& n : model.nat_gateways) o.addresses.Subtract(HostCidr(n.private_ip));
    const Cidr& c = model.subnets[s].cidr;
    o.addresses.Subtract(IpRange{c.base, c.base + 3});
    o.addresses.Subtract(HostCidr(c.Last()));
    o.label = model.subnets[s].id;
    if (!o.addresses.Empty()) out.push_back(std::move(o));
  }
  if (outside) {
    Origin o;
    o.kind = OriginKind::kOutside;
    o.addresses = addresses;
    o.label = name;
    if (entering) o.reaches = entering->reaches;
    out.push_back(std::move(o));
  }
  if (sagemaker_notebook || sagemaker_job) {
    Origin o;
    o.kind = OriginKind::kSageMaker;
    o.training_job = sagemaker_job.has_value();
    o.index = sagemaker_job ? *sagemaker_job : *sagemaker_notebook;
    o.addresses.Add(HostCidr(0));  // SageMaker's own addresses are not modelled
    o.label = name;
    out.push_back(std::move(o));
  }
  return out;
}

bool Endpoint::Matches(const Model& model, const Delivery& d) const {
  switch (d.kind) {
    case DeliveryKind::kEni:
      return std::find(enis.begin(), enis.end(), d.index) != enis.end();
    case DeliveryKind::kSubnetHost:
      return std::find(subnets.begin(), subnets.end(), d.index) != subnets.end() &&
             addresses.Contains(d.address);
    case DeliveryKind::kOutside:
      return outside && !answers_nothing && addresses.Contains(d.address);
    case DeliveryKind::kAmazonProvided:
      return literal && addresses.Contains(d.address);
    case DeliveryKind::kNat:
    case DeliveryKind::kNone:
      return false;
  }
  return false;
}

bool IsComponentKind(const std::string& name) {
  static const char* kKinds[] = {
      kKindInternetGateway,  kKindNatGateway,        kKindVpcEndpoint,    kKindEni,
      kKindSubnet,           kKindRouteTable,        kKindNetworkAcl,     kKindSecurityGroup,
      kKindSageMakerNetwork, kKindPeeringConnection, kKindTransitGateway, kKindVpnGateway,
      kKindVpnConnection};
  for (const char* k : kKinds) {
    if (name == k) return true;
  }
  return false;
}

}  // namespace vpcreach
