#include "model/gateway_roles.h"
#include "model/expectation_reader.h"

#include <algorithm>

namespace vpcreach {
namespace {

// The kind names `via:` and `avoid:` accept besides ids.
const std::vector<std::string> kPathKinds = {
    kKindInternetGateway,  kKindNatGateway,        kKindVpcEndpoint,    kKindEni,
    kKindSubnet,           kKindRouteTable,        kKindNetworkAcl,     kKindSecurityGroup,
    kKindSageMakerNetwork, kKindPeeringConnection, kKindTransitGateway, kKindVpnGateway,
    kKindVpnConnection};

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool StartsWithDigit(const std::string& text) { return !text.empty() && IsDigit(text[0]); }

template <typename T>
void AddIds(const std::vector<T>& components, std::set<std::string>* ids) {
  for (const T& c : components) ids->insert(c.id);
}

}  // namespace

ExpectationReader::ExpectationReader(const Model& model) : model_(model) {
  AddIds(model.enis, &endpoint_ids_);
  AddIds(model.notebooks, &endpoint_ids_);
  AddIds(model.training_jobs, &endpoint_ids_);
  AddIds(model.workloads, &endpoint_ids_);
  AddIds(model.subnets, &endpoint_ids_);
  // An interface endpoint stands for its network interfaces; a gateway endpoint has none.
  for (const VpcEndpoint& v : model.vpc_endpoints) {
    if (v.type == EndpointType::kInterface) endpoint_ids_.insert(v.id);
  }
  component_ids_ = endpoint_ids_;
  AddIds(model.vpcs, &component_ids_);
  AddIds(model.route_tables, &component_ids_);
  AddIds(model.internet_gateways, &component_ids_);
  AddIds(model.nat_gateways, &component_ids_);
  AddIds(model.peering_connections, &component_ids_);
  AddIds(model.transit_gateways, &component_ids_);
  AddIds(model.transit_gateway_attachments, &component_ids_);
  AddIds(model.transit_gateway_route_tables, &component_ids_);
  AddIds(model.vpn_gateways, &component_ids_);
  AddIds(model.vpn_connections, &component_ids_);
  AddIds(model.vpc_endpoints, &component_ids_);
  AddIds(model.prefix_lists, &component_ids_);
  AddIds(model.network_acls, &component_ids_);
  AddIds(model.security_groups, &component_ids_);
}

bool ExpectationReader::CheckEndpoint(YamlReader& r, const YamlField& field,
                                      bool as_source) const {
  auto text = r.String(field);
  if (!text) return false;
  if (endpoint_ids_.count(*text) || model_.FindServiceOrEndpointService(*text)) return true;
  if (std::optional<std::string> misuse = GatewayRoleError(model_, *text, as_source)) {
    if (misuse->empty()) return true;
    r.Error(field, *misuse);
    return false;
  }
  // job[N]: one instance of a training job; ID[N]: one interface of a workload.
  size_t open = text->rfind('[');
  if (open != std::string::npos && text->back() == ']') {
    std::string name = text->substr(0, open);
    auto job = std::find_if(model_.training_jobs.begin(), model_.training_jobs.end(),
                            [&](const TrainingJob& j) { return j.id == name; });
    auto workload = std::find_if(model_.workloads.begin(), model_.workloads.end(),
                                 [&](const Workload& w) { return w.id == name; });
    std::string digits = text->substr(open + 1, text->size() - open - 2);
    bool number =
        !digits.empty() && digits.size() < 9 && std::all_of(digits.begin(), digits.end(), IsDigit);
    if (job != model_.training_jobs.end() && number) {
      const TrainingJob& j = *job;
      if (std::stoi(digits) < j.instance_count) return true;
      r.Error(field, "training job " + j.id + " has " + std::to_string(j.instance_count) +
                         (j.instance_count == 1 ? " instance; " : " instances; ") + *text +
                         " does not exist");
      return false;
    }
    if (workload != model_.workloads.end() && number) {
      const Workload& w = *workload;
      if (std::stoul(digits) < w.enis.size()) return true;
      r.Error(field, w.id + " has " + std::to_string(w.enis.size()) +
                         (w.enis.size() == 1 ? " network interface; " : " network interfaces; ") +
                         *text + " does not exist");
      return false;
    }
  }
  if (StartsWithDigit(*text)) {
    std::string error;
    if (text->find('/') != std::string::npos) {
      if (ParseCidr(*text, &error)) return true;
      r.Error(field, error);
    } else {
      if (ParseIpv4(*text)) return true;
      r.Error(field, "expected an IPv4 address such as 10.0.0.5, got '" + *text + "'");
    }
    return false;
  }
  std::vector<std::string> candidates(endpoint_ids_.begin(), endpoint_ids_.end());
  for (const Service& s : model_.services) candidates.push_back(s.name);
  for (const Service& s : model_.endpoint_services) candidates.push_back(s.name);
  std::string suggestion = ClosestMatch(*text, candidates);
  r.Error(field, "unknown endpoint '" + *text + "'; " +
                     (suggestion.empty() ? "expected an ENI, notebook, training job, workload, "
                                           "interface endpoint, subnet, service, IP address or "
                                           "CIDR"
                                         : "did you mean '" + suggestion + "'?"));
  return false;
}

bool ExpectationReader::CheckPathComponent(YamlReader& r, const YamlField& field) const {
  auto text = r.String(field);
  if (!text) return false;
  if (component_ids_.count(*text) ||
      std::find(kPathKinds.begin(), kPathKinds.end(), *text) != kPathKinds.end()) {
    return true;
  }
  std::vector<std::string> candidates(component_ids_.begin(), component_ids_.end());
  candidates.insert(candidates.end(), kPathKinds.begin(), kPathKinds.end());
  std::string suggestion = ClosestMatch(*text, candidates);
  std::string kinds;
  for (const std::string& k : kPathKinds) kinds += (kinds.empty() ? "" : ", ") + k;
  r.Error(field, "unknown component '" + *text + "'; " +
                     (suggestion.empty() ? "expected a component id or one of: " + kinds
                                         : "did you mean '" + suggestion + "'?"));
  return false;
}

void ExpectationReader::Read(YamlReader& r, const YamlField& section,
                             std::vector<Expectation>* out) const {
  using StringItems = std::vector<std::pair<std::string, YamlField>>;
  {
    for (const YamlField& item : r.List(section).value_or(std::vector<YamlField>{})) {
      YamlMap m(r, item,
                {"name", "from", "to", "only_to", "protocol", "port", "src_port", "icmp_type",
                 "icmp_code", "reachable", "via", "avoid"});
      if (!m.valid()) continue;
      Expectation e;
      e.location = item.location;
      bool ok = true;
      auto keep = [&ok](auto value) {
        ok = ok && value;
        return value;
      };
      if (auto f = m.Require("name")) e.name = keep(r.String(*f)).value_or("");
      ok = ok && m.Has("name");
      if (auto f = m.Require("from")) {
        e.from = r.String(*f).value_or("");
        e.from_location = f->location;
        keep(CheckEndpoint(r, *f, /*as_source=*/true));
      }
      ok = ok && m.Has("from");
      auto to = m.Get("to");
      auto only_to = m.Get("only_to");
      if (to && only_to) {
        r.Error(m.KeyLocation("only_to"), only_to->path, "give either to or only_to, not both");
        ok = false;
      } else if (to) {
        e.to = r.String(*to).value_or("");
        e.to_location = to->location;
        keep(CheckEndpoint(r, *to, /*as_source=*/false));
        if (auto f = m.Require("reachable")) {
          e.reachable = keep(r.Bool(*f));
        }
        ok = ok && m.Has("reachable");
      } else if (only_to) {
        e.to_location = only_to->location;
        for (const auto& [name, f] : r.StringList(*only_to).value_or(StringItems{})) {
          if (keep(CheckEndpoint(r, f, /*as_source=*/false))) e.only_to.push_back(name);
        }
        if (m.Has("reachable")) {
          r.Error(m.KeyLocation("reachable"), item.Child("reachable"),
                  "reachable does not apply to only_to; remove it");
          ok = false;
        }
      } else {
        r.Error(item, "missing required key 'to' (or 'only_to')");
        ok = false;
      }
      std::optional<int> protocol = kTcp;
      if (auto f = m.Get("protocol")) protocol = keep(r.Protocol(*f));
      e.protocol = protocol.value_or(kTcp);
      e.icmp = keep(ReadIcmpTypeCode(r, m, protocol, /*code_needs_type=*/false))
                   .value_or(IcmpTypeCode{});
      for (const char* key : {"port", "src_port"}) {
        auto f = m.Get(key);
        if (!f) continue;
        auto ports = keep(r.Ports(*f));
        if (ports && !HasPorts(e.protocol)) {
          r.Error(*f, "ports apply only to tcp and udp");
          ok = false;
        }
        if (std::string(key) == "port") {
          e.ports = ports;
        } else {
          e.src_ports = ports.value_or(e.src_ports);
        }
      }
      for (auto [key, list] : {std::pair{"via", &e.via}, std::pair{"avoid", &e.avoid}}) {
        auto f = m.Get(key);
        if (!f) continue;
        for (const auto& [name, component] : r.StringList(*f).value_or(StringItems{})) {
          if (keep(CheckPathComponent(r, component))) list->push_back(name);
        }
      }
      if (ok) out->push_back(std::move(e));
    }
  }
}

}  // namespace vpcreach
