#include "sim/report/validate_report.h"

#include <algorithm>
#include <sstream>
#include <vector>

#include "model/ip_ranges.h"
#include "model/loader_messages.h"

namespace vpcreach {
namespace {

std::string CidrsText(const std::vector<Cidr>& cidrs) {
  std::string out;
  for (const Cidr& c : cidrs) out += (out.empty() ? "" : ", ") + c.ToString();
  return out;
}

// "443", "443, 8443-8444", "all".
std::string PortsText(const std::vector<PortRange>& ports) {
  if (ports.empty()) return "all";
  std::string out;
  for (const PortRange& p : ports) out += (out.empty() ? "" : ", ") + p.ToString();
  return out;
}

struct Count {
  const char* key;    // json
  const char* label;  // text
  size_t total = 0;
  std::string note;  // "" or "1 added by vpcreach"
};

template <typename T, typename Pred>
size_t CountIf(const std::vector<T>& items, Pred pred) {
  return static_cast<size_t>(std::count_if(items.begin(), items.end(), pred));
}

std::string Note(size_t n, const char* what) {
  return n == 0 ? "" : std::to_string(n) + " " + what;
}

// "2 instance, 1 rds_instance": the workloads by kind, in kind order.
std::string WorkloadKinds(const Model& m) {
  std::string out;
  for (const std::string& kind : WorkloadKindNames()) {
    size_t n = CountIf(m.workloads,
                       [&kind](const Workload& w) { return WorkloadKindName(w.kind) == kind; });
    if (n > 0) out += (out.empty() ? "" : ", ") + std::to_string(n) + " " + kind;
  }
  return out;
}

std::vector<Count> Counts(const Model& m) {
  auto synthesized = [](const auto& x) { return x.synthesized; };
  size_t managed = CountIf(m.prefix_lists, [](const PrefixList& p) { return p.aws_managed; });
  return {
      {"vpcs", "vpcs", m.vpcs.size(), ""},
      {"subnets", "subnets", m.subnets.size(),
       Note(CountIf(m.subnets, [](const Subnet& s) { return s.default_for_az; }),
            "default subnets of the default VPC")},
      {"route_tables", "route tables", m.route_tables.size(),
       Note(CountIf(m.route_tables, synthesized), "added by vpcreach")},
      {"internet_gateways", "internet gateways", m.internet_gateways.size(),
       Note(CountIf(m.internet_gateways, synthesized), "added by vpcreach")},
      {"nat_gateways", "NAT gateways", m.nat_gateways.size(), ""},
      {"peering_connections", "VPC peerings", m.peering_connections.size(), ""},
      {"transit_gateways", "transit gateways", m.transit_gateways.size(), ""},
      {"transit_gateway_attachments", "TGW attachments", m.transit_gateway_attachments.size(), ""},
      {"transit_gateway_route_tables", "TGW route tables", m.transit_gateway_route_tables.size(),
       Note(CountIf(m.transit_gateway_route_tables, synthesized), "added by vpcreach")},
      {"vpn_gateways", "VPN gateways", m.vpn_gateways.size(), ""},
      {"vpn_connections", "VPN connections", m.vpn_connections.size(), ""},
      {"vpc_endpoints", "VPC endpoints", m.vpc_endpoints.size(), ""},
      {"prefix_lists", "prefix lists", m.prefix_lists.size(), Note(managed, "AWS-managed")},
      {"network_acls", "network ACLs", m.network_acls.size(),
       Note(CountIf(m.network_acls, synthesized), "added by vpcreach")},
      {"security_groups", "security groups", m.security_groups.size(),
       Note(CountIf(m.security_groups, synthesized), "added by vpcreach")},
      {"enis", "ENIs", m.enis.size(),
       Note(CountIf(m.enis, [](const Eni& e) { return e.owner != EniOwner::kNone; }),
            "of workloads and interface endpoints")},
      {"notebook_instances", "notebook instances", m.notebooks.size(), ""},
      {"training_jobs", "training jobs", m.training_jobs.size(), ""},
      {"workloads", "workloads", m.workloads.size(), WorkloadKinds(m)},
      {"target_groups", "target groups", m.target_groups.size(), ""},
      {"services", "services", m.services.size(), ""},
      {"expectations", "expectations", m.expectations.size(), ""},
  };
}

struct Assigned {
  std::string component;
  const char* kind;
  std::string subnet;
  std::string address;
  bool is_public = false;  // a public address given on launch
};

std::vector<Assigned> AssignedAddresses(const Model& m) {
  std::vector<Assigned> out;
  for (const Eni& e : m.enis) {
    if (!e.private_ip_assigned) continue;
    out.push_back({e.id, kKindEni, m.subnets[e.subnet].id, FormatIpv4(e.private_ip)});
  }
  for (const Eni& e : m.enis) {
    for (size_t k = 0; k < e.secondary_ips.size(); ++k) {
      if (!e.secondary_ips_assigned[k]) continue;
      out.push_back({e.id + " (secondary)", kKindEni, m.subnets[e.subnet].id,
                     FormatIpv4(e.secondary_ips[k])});
    }
    if (e.public_ip_assigned) {
      out.push_back({e.id, kKindEni, m.subnets[e.subnet].id, FormatIpv4(*e.public_ip), true});
    }
  }
  for (const NatGateway& n : m.nat_gateways) {
    if (!n.private_ip_assigned) continue;
    out.push_back({n.id, kKindNatGateway, m.subnets[n.subnet].id, FormatIpv4(n.private_ip)});
  }
  return out;
}

// The ignored resources grouped by reason, reasons in order of first appearance.
std::vector<std::pair<std::string, std::vector<const IgnoredResource*>>> IgnoredByReason(
    const Model& m) {
  std::vector<std::pair<std::string, std::vector<const IgnoredResource*>>> out;
  for (const IgnoredResource& r : m.ignored_resources) {
    auto it =
        std::find_if(out.begin(), out.end(), [&](const auto& g) { return g.first == r.reason; });
    if (it == out.end()) it = out.insert(out.end(), {r.reason, {}});
    it->second.push_back(&r);
  }
  return out;
}

// One note per endpoint that carries a policy: what a policy allows is an API decision, not a
// header filter, so vpcreach's answers hold as if every endpoint allowed everything.
std::vector<std::string> PolicyNotes(const Model& model) {
  std::vector<std::string> out;
  for (const VpcEndpoint& v : model.vpc_endpoints) {
    if (!v.policy) continue;
    out.push_back(FormatLocation(*v.policy) + ": note: vpc endpoint " + v.id +
                  " has an endpoint policy, which vpcreach does not model: a policy decides "
                  "which principals, actions and resources a call through the endpoint may "
                  "use, not which packets pass; the answers treat it as allowing everything "
                  "(AWS's default full-access policy)");
  }
  return out;
}

nlohmann::ordered_json ServicesJson(const std::vector<Service>& services) {
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (const Service& s : services) {
    nlohmann::ordered_json cidrs = nlohmann::ordered_json::array();
    for (const Cidr& c : s.cidrs) cidrs.push_back(c.ToString());
    nlohmann::ordered_json excluded = nlohmann::ordered_json::array();
    for (const Cidr& c : s.excluded) excluded.push_back(c.ToString());
    out.push_back({{"name", s.name},
                   {"cidrs", std::move(cidrs)},
                   {"excluded", std::move(excluded)},
                   {"ports", PortsText(s.ports)},
                   {"origin", s.origin}});
  }
  return out;
}

}  // namespace

std::string ValidateToText(const Model& model) {
  std::ostringstream out;
  out << "scenario: " << (model.name.empty() ? "(unnamed)" : model.name) << "\n";
  out << "region: " << model.region << "\n";
  out << "files:";
  for (size_t i = 0; i < model.files.size(); ++i) out << (i == 0 ? " " : ", ") << model.files[i];
  out << "\n";
  out << "components:\n";
  std::vector<Count> counts = Counts(model);
  size_t label_width = 0;
  size_t number_width = 0;
  for (const Count& c : counts) {
    label_width = std::max(label_width, std::string(c.label).size());
    number_width = std::max(number_width, std::to_string(c.total).size());
  }
  for (const Count& c : counts) {
    std::string label = c.label;
    std::string number = std::to_string(c.total);
    out << "  " << label << std::string(label_width - label.size() + 2, ' ')
        << std::string(number_width - number.size(), ' ') << number;
    if (!c.note.empty()) out << "  (" << c.note << ")";
    out << "\n";
  }
  std::vector<Assigned> assigned = AssignedAddresses(model);
  if (assigned.empty()) {
    out << "addresses assigned by vpcreach: none\n";
  } else {
    out << "addresses assigned by vpcreach:\n";
    size_t name_width = 0;
    size_t kind_width = 0;
    size_t address_width = 0;
    for (const Assigned& a : assigned) {
      name_width = std::max(name_width, a.component.size());
      kind_width = std::max(kind_width, std::string(a.kind).size());
      address_width = std::max(address_width, a.address.size() + (a.is_public ? 9 : 0));
    }
    for (const Assigned& a : assigned) {
      std::string kind = a.kind;
      // A public address given on launch: its subnet maps one (map_public_ip_on_launch).
      std::string address = a.address + (a.is_public ? " (public)" : "");
      out << "  " << a.component << std::string(name_width - a.component.size() + 2, ' ') << kind
          << std::string(kind_width - kind.size() + 2, ' ') << address
          << std::string(address_width - address.size() + 2, ' ') << "in " << a.subnet << "\n";
    }
  }
  for (const auto& [reason, resources] : IgnoredByReason(model)) {
    out << "ignored (" << reason << "):";
    for (size_t i = 0; i < resources.size(); ++i) {
      out << (i == 0 ? " " : ", ") << resources[i]->id << " " << resources[i]->type;
    }
    out << "\n";
  }
  // One list: what the loader warned of, then the resources that shape reachability and are
  // not modelled.
  std::vector<Diagnostic> warnings = model.warnings;
  for (const IgnoredResource& r : model.ignored_resources) {
    if (r.shapes_reachability) warnings.push_back(Warning(r.location, "", r.Warning()));
  }
  if (!warnings.empty()) {
    out << "warnings:\n";
    for (const Diagnostic& d : warnings) out << "  " << Diagnostics::Headline(d) << "\n";
  }
  std::vector<std::string> notes = PolicyNotes(model);
  if (!notes.empty()) {
    out << "notes:\n";
    for (const std::string& n : notes) out << "  " << n << "\n";
  }
  out << "service ranges: " << DescribeIpRanges(ActiveIpRanges()) << "\n";
  out << "services:\n";
  for (const Service& s : model.services) {
    out << "  " << s.name << ": " << CidrsText(s.cidrs);
    if (!s.excluded.empty()) out << " less " << CidrsText(s.excluded);
    if (!s.ports.empty()) out << " (port " << PortsText(s.ports) << ")";
    out << "\n    source: " << s.origin << "\n";
  }
  if (!model.endpoint_services.empty()) {
    out << "interface endpoint services (port 443; `vpcreach names` lists them): "
        << model.endpoint_services.size() << " besides s3 and dynamodb\n    source: "
        << model.endpoint_services.front().origin << "\n";
  }
  out << "ok\n";
  return out.str();
}

nlohmann::ordered_json ValidateToJson(const Model& model) {
  nlohmann::ordered_json j;
  j["name"] = model.name;
  j["region"] = model.region;
  j["files"] = model.files;
  nlohmann::ordered_json counts;
  for (const Count& c : Counts(model)) counts[c.key] = c.total;
  j["counts"] = std::move(counts);
  j["assigned_addresses"] = nlohmann::ordered_json::array();
  for (const Assigned& a : AssignedAddresses(model)) {
    j["assigned_addresses"].push_back({{"component", a.component},
                                       {"kind", a.kind},
                                       {"subnet", a.subnet},
                                       {"address", a.address},
                                       {"public", a.is_public}});
  }
  j["ignored_resources"] = nlohmann::ordered_json::array();
  for (const IgnoredResource& r : model.ignored_resources) {
    j["ignored_resources"].push_back({{"id", r.id},
                                      {"type", r.type},
                                      {"reason", r.reason},
                                      {"file", r.location.file},
                                      {"line", r.location.line},
                                      {"shapes_reachability", r.shapes_reachability}});
  }
  j["warnings"] = nlohmann::ordered_json::array();
  for (const Diagnostic& d : model.warnings) {
    j["warnings"].push_back({{"file", d.location.file},
                             {"line", d.location.line},
                             {"column", d.location.column},
                             {"path", d.path},
                             {"message", d.message}});
  }
  j["notes"] = PolicyNotes(model);
  const IpRanges& ranges = ActiveIpRanges();
  j["service_ranges"] = {{"source", "AWS ip-ranges.json"},
                         {"create_date", ranges.create_date},
                         {"sync_token", ranges.sync_token}};
  j["services"] = ServicesJson(model.services);
  j["interface_endpoint_services"] = ServicesJson(model.endpoint_services);
  j["ok"] = true;
  return j;
}

}  // namespace vpcreach
