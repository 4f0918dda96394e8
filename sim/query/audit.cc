#include "sim/query/audit.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "sim/endpoint.h"
#include "sim/header_space.h"
#include "sim/packet_set.h"
#include "sim/query/check.h"
#include "sim/rules.h"
#include "sim/solver.h"

namespace vpcreach {
namespace {

constexpr std::size_t kEnisNamed = 3;  // in a note, before "and N more"

// A component written in a CloudFormation template rather than in a scenario file: its fix is
// worded with the template's property names. The loader records scenario files in Model::files;
// every other file a location names is a template.
bool InTemplate(const Model& model, const SourceLocation& location) {
  return !location.file.empty() &&
         std::find(model.files.begin(), model.files.end(), location.file) == model.files.end();
}

// "STACK/LogicalId" -> "LogicalId".
std::string LogicalId(const std::string& id) {
  size_t slash = id.rfind('/');
  return slash == std::string::npos ? id : id.substr(slash + 1);
}

std::string JoinNames(const std::vector<std::string>& names, std::size_t limit) {
  std::string out;
  for (std::size_t i = 0; i < names.size() && i < limit; ++i) out += (i ? ", " : "") + names[i];
  if (names.size() > limit) out += " and " + std::to_string(names.size() - limit) + " more";
  return out;
}

AuditFinding Finding(const char* rule, Severity severity, const SourceLocation& location,
                     const std::string& component, std::string message, std::string fix) {
  AuditFinding f;
  f.rule_id = rule;
  f.severity = severity;
  f.location = location;
  f.component = component;
  f.message = std::move(message);
  f.fix = std::move(fix);
  return f;
}

// --- VPCR001-003: notebook instances ------------------------------------------------------

void AuditNotebooks(const Model& model, std::vector<AuditFinding>* out) {
  for (const NotebookInstance& nb : model.notebooks) {
    bool cfn = InTemplate(model, nb.location);
    std::string name = "notebook instance " + nb.id;
    if (nb.root_access) {
      out->push_back(Finding("VPCR001", Severity::kWarning, nb.location, nb.id,
                             name + " has root access enabled",
                             cfn ? "set RootAccess: Disabled" : "set root_access: disabled"));
    }
    if (nb.kms_key_id.empty()) {
      out->push_back(
          Finding("VPCR002", Severity::kWarning, nb.location, nb.id,
                  name + " has no KMS key for its storage volume",
                  cfn ? "set KmsKeyId to a customer-managed KMS key (key ARN or alias/NAME)"
                      : "set kms_key_id to a customer-managed KMS key (key ARN or alias/NAME)"));
    }
    if (!nb.direct_internet_access) continue;
    if (nb.subnet != kNone) {
      out->push_back(Finding(
          "VPCR003", Severity::kError, nb.location, nb.id,
          name + " has direct internet access enabled: its internet and S3 traffic bypass the "
                 "VPC's security groups, NACLs, NAT gateway and endpoints",
          cfn ? "set DirectInternetAccess: Disabled (internet through a NAT gateway, S3 through "
                "a gateway endpoint)"
              : "set direct_internet_access: disabled (internet through a NAT gateway, S3 through "
                "a gateway endpoint)"));
    } else {
      out->push_back(Finding(
          "VPCR003", Severity::kWarning, nb.location, nb.id,
          name + " has direct internet access and no VPC: no security group, NACL or flow log "
                 "of yours sees its traffic",
          cfn ? "set SubnetId (a private subnet), SecurityGroupIds and DirectInternetAccess: "
                "Disabled"
              : "set subnet (a private subnet), security_groups and direct_internet_access: "
                "disabled"));
    }
  }
}

// --- VPCR004-006: training jobs -----------------------------------------------------------

void AuditTrainingJobs(const Model& model, std::vector<AuditFinding>* out) {
  for (const TrainingJob& job : model.training_jobs) {
    std::string name = "training job " + job.id;
    if (job.subnets.empty()) {
      out->push_back(Finding(
          "VPCR004", Severity::kWarning, job.location, job.id,
          name + " has no VPC configuration: it runs in SageMaker's network with internet access",
          "set subnets (private subnets with an S3 gateway endpoint) and security_groups "
          "(VpcConfig)"));
    }
    if (job.instance_count > 1 && !job.inter_container_encryption) {
      out->push_back(Finding(
          "VPCR005", Severity::kWarning, job.location, job.id,
          name + " runs " + std::to_string(job.instance_count) +
              " instances without inter-container encryption",
          "set inter_container_encryption: true and allow udp 500 and protocol 50 to and from "
          "the job's security group"));
    }
    if (!job.network_isolation) {
      out->push_back(
          Finding("VPCR006", Severity::kNote, job.location, job.id,
                  name + " has network isolation off: its containers can make outbound calls",
                  "set network_isolation: true when the training code needs no network "
                  "(EnableNetworkIsolation)"));
    }
  }
}

// --- VPCR007: flow logs -------------------------------------------------------------------

void AuditVpcs(const Model& model, std::vector<AuditFinding>* out) {
  for (const Vpc& vpc : model.vpcs) {
    if (vpc.flow_logs) continue;
    std::string fix =
        InTemplate(model, vpc.location)
            ? "add an AWS::EC2::FlowLog with ResourceType: VPC and ResourceId: !Ref " +
                  LogicalId(vpc.id)
            : "set flow_logs: true";
    out->push_back(Finding("VPCR007", Severity::kWarning, vpc.location, vpc.id,
                           "VPC " + vpc.id + " has no flow logs", fix));
  }
}

// --- VPCR010: resources that shape reachability, not modelled -------------------------------

void AuditUnmodelled(const Model& model, std::vector<AuditFinding>* out) {
  for (const IgnoredResource& r : model.ignored_resources) {
    if (!r.shapes_reachability) continue;
    out->push_back(Finding("VPCR010", Severity::kWarning, r.location, r.id, r.Warning(),
                           !r.fix.empty() ? r.fix
                                          : "give it its subnets (or write it as a workload), or "
                                            "check what it reaches by other means"));
  }
}

// --- VPCR008: administrative ports open to the internet -----------------------------------

constexpr const char* kAdminFix =
    "restrict the source to your administrators' range (VPN or bastion CIDR), or remove the rule "
    "and use SSM Session Manager";

IpRangeSet InternetAddresses(const Model& model) {
  if (const Service* internet = model.FindService("internet")) return internet->Addresses();
  IpRangeSet all = IpRangeSet::All();
  for (const Cidr& c : Rfc1918Blocks()) all.Subtract(c);
  return all;
}

// The administrative ports a rule admits (each clipped to the rule's ports), in AdminPorts order.
std::vector<AdminPort> CoveredAdminPorts(const SgRule& rule) {
  std::vector<AdminPort> covered;
  if (rule.protocol != kTcp && rule.protocol != kAllProtocols) return covered;
  for (const AdminPort& a : AdminPorts()) {
    PortRange ports = a.ports;
    if (rule.protocol == kTcp) {
      ports.from = std::max(ports.from, rule.ports.from);
      ports.to = std::min(ports.to, rule.ports.to);
      if (ports.from > ports.to) continue;
    }
    covered.push_back(AdminPort{ports, a.service});
  }
  return covered;
}

std::string PortsText(const std::vector<AdminPort>& ports) {
  std::string out;
  for (const AdminPort& p : ports) {
    out += (out.empty() ? "" : ", ") + std::string(p.service) + " (tcp " + p.ports.ToString() + ")";
  }
  return out;
}

// The rule's broad internet sources and how the rule writes them ("0.0.0.0/0",
// "prefix list corp (0.0.0.0/0)"); empty when the rule's peer is not the internet.
struct BroadSource {
  IpRangeSet addresses;
  std::string text;
};

std::optional<BroadSource> BroadSourceOf(const Model& model, const SgRule& rule) {
  BroadSource source;
  std::vector<std::string> broad;
  if (rule.peer == PeerKind::kCidr) {
    if (!IsBroadInternetCidr(model, rule.cidr)) return std::nullopt;
    source.addresses.Add(rule.cidr);
    source.text = rule.cidr.ToString();
  } else if (rule.peer == PeerKind::kPrefixList && rule.peer_index < model.prefix_lists.size()) {
    const PrefixList& list = model.prefix_lists[rule.peer_index];
    for (const Cidr& c : list.cidrs) {
      if (!IsBroadInternetCidr(model, c)) continue;
      source.addresses.Add(c);
      broad.push_back(c.ToString());
    }
    if (broad.empty()) return std::nullopt;
    source.text = "prefix list " + list.id + " (" + JoinNames(broad, kEnisNamed) + ")";
  } else {
    return std::nullopt;
  }
  source.addresses = source.addresses.Intersect(InternetAddresses(model));
  return source;
}

Endpoint EniEndpoint(const Model& model, Index e) {
  Endpoint out;
  out.name = model.enis[e].id;
  out.enis.push_back(e);
  for (Ipv4 a : model.enis[e].PrivateIps()) out.addresses.Add(HostCidr(a));
  if (model.enis[e].public_ip) out.addresses.Add(HostCidr(*model.enis[e].public_ip));
  return out;
}

// An ingress rule from the internet on administrative ports, and the ENIs carrying its group.
struct OpenRule {
  Index group = kNone;
  const SgRule* rule = nullptr;
  std::vector<AdminPort> ports;
  BroadSource source;
  std::vector<Index> carriers;
  std::string opens;  // "security group ssh admits SSH (tcp 22) from 0.0.0.0/0"
};

PacketSet PortsSet(const std::vector<AdminPort>& ports) {
  PacketSet out = PacketSet::Empty();
  for (const AdminPort& p : ports)
    out |= PacketSet::Range(Field::kDstPort, p.ports.from, p.ports.to);
  return out;
}

class AdminPortAudit {
 public:
  AdminPortAudit(const Model& model, const ForwardingGraph& graph, const AuditOptions& options)
      : model_(model), solver_(model, graph), tracer_(model, graph), options_(options) {
    std::string error;
    if (std::optional<Endpoint> internet = ResolveEndpoint(model, "internet", &error)) {
      std::vector<Origin> origins = internet->Origins(model);
      if (!origins.empty()) internet_ = origins.front();
    }
  }

  void Run(std::vector<AuditFinding>* out) {
    std::vector<OpenRule> rules = OpenRules();
    if (rules.empty()) return;
    Solve(rules);
    for (const OpenRule& r : rules) Judge(r, out);
  }

 private:
  std::vector<OpenRule> OpenRules() const {
    std::vector<std::vector<Index>> carriers(model_.security_groups.size());
    for (Index e = 0; e < model_.enis.size(); ++e) {
      for (Index g : model_.enis[e].security_groups) carriers[g].push_back(e);
    }
    std::vector<OpenRule> rules;
    for (Index g = 0; g < model_.security_groups.size(); ++g) {
      const SecurityGroup& group = model_.security_groups[g];
      for (const SgRule& rule : group.ingress) {
        std::vector<AdminPort> ports = CoveredAdminPorts(rule);
        if (ports.empty()) continue;
        std::optional<BroadSource> source = BroadSourceOf(model_, rule);
        if (!source || source->addresses.Empty()) continue;
        OpenRule r{g, &rule, ports, *source, carriers[g], ""};
        r.opens =
            "security group " + group.id + " admits " + PortsText(ports) + " from " + source->text;
        rules.push_back(std::move(r));
      }
    }
    return rules;
  }

  // One solver question for all the rules: requests from any of their sources, on any admin
  // port, to the private and public addresses of every ENI carrying one of their groups. The
  // fate of a request does not depend on what else is asked, so each rule's answer is this
  // answer restricted to its sources and ports, split by the ENI each path ends at.
  void Solve(const std::vector<OpenRule>& rules) {
    IpRangeSet sources;
    IpRangeSet destinations;
    std::set<Index> enis;
    for (const OpenRule& r : rules) {
      sources.Add(r.source.addresses);
      for (Index e : r.carriers) {
        if (!enis.insert(e).second) continue;
        endpoints_.emplace(e, EniEndpoint(model_, e));
        destinations.Add(endpoints_.at(e).addresses);
      }
    }
    if (enis.empty()) return;
    origin_ = internet_;
    origin_.addresses = origin_.addresses.Intersect(sources);
    PacketSet asked = PacketSet::Empty();
    for (const AdminPort& p : AdminPorts()) {
      asked |= QuerySpace(origin_, destinations, kTcp, p.ports, PortRange{1024, 65535});
    }
    SolverOptions solver_options;
    solver_options.max_classes = options_.max_paths;
    solver_options.record_steps = false;  // the witnesses are traced afterwards
    PacketSetManager::ClearBudgetExceeded();
    ReachResult reach = solver_.Reach(origin_, asked, solver_options);
    undecided_ = reach.budget_exceeded || PacketSetManager::BudgetExceeded();
    for (const DeliveredClass& c : reach.classes) {
      if (c.delivery.kind != DeliveryKind::kEni) continue;
      auto it = endpoints_.find(c.delivery.index);
      if (it == endpoints_.end()) continue;
      PacketSet mine = solver_.DeliveredTo(c, it->second);
      if (mine.IsEmpty()) continue;
      auto [slot, added] = delivered_.try_emplace(c.delivery.index, PacketSet::Empty());
      slot->second |= mine;
    }
  }

  void Judge(const OpenRule& r, std::vector<AuditFinding>* out) {
    const SecurityGroup& group = model_.security_groups[r.group];
    const SourceLocation& at = r.rule->location;
    if (r.carriers.empty()) {
      out->push_back(Finding(
          "VPCR008", Severity::kNote, at, group.id,
          "open rule, not reachable: " + r.opens + ", but no ENI carries the group", kAdminFix));
      return;
    }
    PacketSet mine = PacketSet::Addresses(Field::kSrc, r.source.addresses) & PortsSet(r.ports);
    std::vector<std::string> unproven;
    bool any = false;
    for (Index e : r.carriers) {
      auto it = delivered_.find(e);
      PacketSet reached = it == delivered_.end() ? PacketSet::Empty() : it->second & mine;
      if (reached.IsEmpty()) {
        unproven.push_back(model_.enis[e].id);
        continue;
      }
      any = true;
      out->push_back(Reachable(r, e, reached));
    }
    if (unproven.empty()) return;
    if (undecided_) {
      out->push_back(Finding(
          "VPCR008", Severity::kError, at, group.id,
          r.opens + "; whether " + (unproven.size() == 1 ? "ENI " : "ENIs ") +
              JoinNames(unproven, kEnisNamed) +
              " can be reached on it from the internet is undecided (the solver's path budget "
              "ran out), so it is treated as reachable",
          kAdminFix));
    } else if (!any) {
      out->push_back(Finding("VPCR008", Severity::kNote, at, group.id,
                             "open rule, not reachable: " + r.opens + ", but no ENI carrying it (" +
                                 JoinNames(unproven, kEnisNamed) +
                                 ") is reachable on it from the internet",
                             kAdminFix));
    }
  }

  AuditFinding Reachable(const OpenRule& r, Index e, const PacketSet& packets) {
    std::vector<AdminPort> open;
    std::optional<Packet> witness;
    for (const AdminPort& p : r.ports) {
      PacketSet on_port = packets & PacketSet::Range(Field::kDstPort, p.ports.from, p.ports.to);
      if (on_port.IsEmpty()) continue;
      open.push_back(p);
      if (!witness) witness = PreferredWitness(on_port);
    }
    const std::string& eni = model_.enis[e].id;
    AuditFinding f =
        Finding("VPCR008", Severity::kError, r.rule->location, model_.security_groups[r.group].id,
                r.opens + ", and ENI " + eni + " is reachable on " + PortsText(open) +
                    " from the internet: " + FormatPacket(*witness) + " is delivered and answered",
                kAdminFix);
    f.witness = tracer_.Trace(origin_, *witness);
    f.witness_to = eni;
    return f;
  }

  const Model& model_;
  Solver solver_;
  Tracer tracer_;
  AuditOptions options_;
  Origin internet_;
  Origin origin_;  // the internet, narrowed to the rules' sources
  std::map<Index, Endpoint> endpoints_;
  std::map<Index, PacketSet> delivered_;  // ENI -> requests delivered to it and answered
  bool undecided_ = false;
};

// --- VPCR009: a NAT gateway's replies partly refused by its subnet's NACL ------------------

// The rule of `acl` that decides packet p inbound (first match; nullptr: the implicit deny).
const NaclRule* DecidingRule(const NetworkAcl& acl, const Packet& p) {
  for (const NaclRule& r : acl.ingress) {
    if (MatchesProtocol(r.protocol, p) && MatchesPorts(r.protocol, r.ports, p) &&
        r.cidr.Contains(p.src)) {
      return &r;
    }
  }
  return nullptr;
}

std::string RuleName(const NaclRule* r) {
  if (r == nullptr) return "inbound rule * deny";
  return std::string("inbound rule ") + std::to_string(r->number) + (r->allow ? " allow" : " deny");
}

// Replies to a NAT gateway's translated connections come back to the port it picked, anywhere in
// 1024-65535, and cross its subnet's NACL inbound (from any address outside the subnet). A NACL
// that admits some of those ports and refuses others, for one sender and protocol, breaks the
// connections whose port falls among the refused ones: one finding per NAT gateway, for the
// first such sender (tcp before udp), naming the rule that refuses. Decided rule by rule, on
// the cells of the NACL's own boundaries (inside a cell every packet meets the same rule).
void AuditNatReplyPorts(const Model& model, std::vector<AuditFinding>* out) {
  for (const NatGateway& nat : model.nat_gateways) {
    const Subnet& subnet = model.subnets[nat.subnet];
    const NetworkAcl& acl = model.network_acls[subnet.network_acl];
    std::vector<std::uint64_t> address_cuts = {0, std::uint64_t{1} << 32};
    std::vector<int> port_cuts = {kNatPortFirst};
    for (const NaclRule& r : acl.ingress) {
      address_cuts.push_back(r.cidr.First());
      address_cuts.push_back(std::uint64_t{r.cidr.Last()} + 1);
      port_cuts.push_back(r.ports.from);
      port_cuts.push_back(r.ports.to + 1);
    }
    for (std::vector<std::uint64_t>* v : {&address_cuts}) {
      std::sort(v->begin(), v->end());
      v->erase(std::unique(v->begin(), v->end()), v->end());
    }
    std::sort(port_cuts.begin(), port_cuts.end());
    port_cuts.erase(std::unique(port_cuts.begin(), port_cuts.end()), port_cuts.end());
    IpRangeSet senders = IpRangeSet::All();
    senders.Subtract(subnet.cidr);
    std::vector<Cell> ports = PortCells(PortRange{kNatPortFirst, kNatPortLast}, port_cuts, 0);
    std::optional<AuditFinding> finding;
    for (int protocol : {kTcp, kUdp}) {
      for (const Cell& sender : AddressCells(senders, address_cuts)) {
        std::vector<PortRange> refused;
        const NaclRule* refusing = nullptr;
        const NaclRule* admitting = nullptr;
        bool any_admitted = false;
        for (const Cell& port : ports) {
          Packet reply{static_cast<Ipv4>(sender.representative), nat.private_ip, protocol, 443,
                       static_cast<std::uint16_t>(port.lo)};
          const NaclRule* rule = DecidingRule(acl, reply);
          PortRange cell{static_cast<std::uint16_t>(port.lo), static_cast<std::uint16_t>(port.hi)};
          if (rule != nullptr && rule->allow) {
            if (!any_admitted) admitting = rule;
            any_admitted = true;
            continue;
          }
          if (refused.empty()) refusing = rule;
          if (!refused.empty() && refused.back().to + 1 == cell.from) {
            refused.back().to = cell.to;
          } else {
            refused.push_back(cell);
          }
        }
        if (!any_admitted || refused.empty()) continue;
        std::string ranges;
        for (const PortRange& r : refused) ranges += (ranges.empty() ? "" : ", ") + r.ToString();
        std::string message =
            "network ACL " + acl.id + " of subnet " + subnet.id +
            " admits only part of NAT gateway " + nat.id +
            "'s ports 1024-65535 back: " + ProtocolName(protocol) + " replies to " +
            (refused.size() == 1 && refused[0].from == refused[0].to ? "port " : "ports ") +
            ranges + " are refused by " + RuleName(refusing) + " (" + RuleName(admitting) +
            " admits others); connections through " + nat.id +
            " whose translated port falls there fail";
        SourceLocation at = refusing != nullptr ? refusing->location : admitting->location;
        if (at.line == 0) at = acl.location;
        std::string fix = "admit tcp and udp 1024-65535 inbound in network ACL " + acl.id +
                          " from the addresses " + nat.id +
                          " talks to (0.0.0.0/0 for the internet)";
        finding = Finding("VPCR009", Severity::kWarning, at, acl.id, message, fix);
        break;
      }
      if (finding) break;
    }
    if (finding) out->push_back(std::move(*finding));
  }
}

int FileRank(const Model& model, const std::string& file) {
  auto it = std::find(model.files.begin(), model.files.end(), file);
  return it != model.files.end() ? static_cast<int>(it - model.files.begin())
                                 : static_cast<int>(model.files.size());
}

}  // namespace

const char* SeverityName(Severity severity) {
  switch (severity) {
    case Severity::kError:
      return "error";
    case Severity::kWarning:
      return "warning";
    case Severity::kNote:
      return "note";
  }
  return "?";
}

const std::vector<AdminPort>& AdminPorts() {
  static const std::vector<AdminPort> kPorts = {
      {PortRange{22, 22}, "SSH"},
      {PortRange{23, 23}, "telnet"},
      {PortRange{3389, 3389}, "RDP"},
      {PortRange{5985, 5986}, "WinRM"},
  };
  return kPorts;
}

bool IsBroadInternetCidr(const Model& model, const Cidr& cidr) {
  return cidr.length <= 8 && !InternetAddresses(model).Intersect(IpRangeSet::Of(cidr)).Empty();
}

int AuditReport::Count(Severity severity) const {
  return static_cast<int>(
      std::count_if(findings.begin(), findings.end(),
                    [&](const AuditFinding& f) { return f.severity == severity; }));
}

AuditReport RunAudit(const Model& model, const ForwardingGraph& graph,
                     const AuditOptions& options) {
  AuditReport report;
  AuditNotebooks(model, &report.findings);
  AuditTrainingJobs(model, &report.findings);
  AuditVpcs(model, &report.findings);
  AuditNatReplyPorts(model, &report.findings);
  AuditUnmodelled(model, &report.findings);
  {
    PacketSetManager manager;
    AdminPortAudit(model, graph, options).Run(&report.findings);
  }
  std::stable_sort(report.findings.begin(), report.findings.end(),
                   [&](const AuditFinding& a, const AuditFinding& b) {
                     auto key = [&](const AuditFinding& f) {
                       return std::make_tuple(FileRank(model, f.location.file), f.location.file,
                                              f.location.line, f.location.column, f.rule_id,
                                              f.message);
                     };
                     return key(a) < key(b);
                   });
  return report;
}

const std::vector<AuditRule>& AuditRules() {
  static const std::vector<AuditRule> kRules = {
      {"VPCR001", "NotebookRootAccess", Severity::kWarning,
       "A SageMaker notebook instance has root access enabled.",
       "Root access (AWS's default) lets every user of the notebook change its system: install "
       "software, read other users' files, reconfigure the network stack. The workshop disables "
       "it; keep it off unless a lifecycle configuration needs it.",
       "Set root_access: disabled (CloudFormation: RootAccess: Disabled)."},
      {"VPCR002", "NotebookVolumeWithoutKmsKey", Severity::kWarning,
       "A SageMaker notebook instance's storage volume has no KMS key.",
       "Without KmsKeyId the notebook's ML storage volume is encrypted with an AWS-owned key that "
       "you cannot audit, rotate or revoke. Use a customer-managed key.",
       "Set kms_key_id (CloudFormation: KmsKeyId) to a customer-managed KMS key."},
      {"VPCR003", "NotebookDirectInternetAccess", Severity::kError,
       "A SageMaker notebook instance has direct internet access.",
       "With direct internet access (AWS's default), a notebook in a VPC sends its internet and "
       "S3 traffic through SageMaker's own network: the VPC's security groups, NACLs, NAT "
       "gateway, endpoints and flow logs never see it (error). A notebook without a VPC has no "
       "controls of yours at all (warning).",
       "Place the notebook in a private subnet and set direct_internet_access: disabled "
       "(CloudFormation: DirectInternetAccess: Disabled)."},
      {"VPCR004", "TrainingJobWithoutVpc", Severity::kWarning,
       "A SageMaker training job has no VPC configuration.",
       "Without VpcConfig the job runs in SageMaker's network with internet access: its "
       "containers can send data anywhere, and no security group, NACL or flow log of yours "
       "applies.",
       "Give the job subnets and security_groups (VpcConfig), in private subnets with an S3 "
       "gateway endpoint."},
      {"VPCR005", "TrainingWithoutInterContainerEncryption", Severity::kWarning,
       "A distributed SageMaker training job does not encrypt traffic between its instances.",
       "Instances of a multi-instance job exchange model parameters and data; without "
       "EnableInterContainerTrafficEncryption that traffic is in the clear on the network.",
       "Set inter_container_encryption: true and allow udp 500 and IP protocol 50 to and from "
       "the job's security group."},
      {"VPCR006", "TrainingWithoutNetworkIsolation", Severity::kNote,
       "A SageMaker training job runs without network isolation.",
       "Without EnableNetworkIsolation the training containers can make outbound calls (within "
       "what the VPC allows); with it they can make none, and SageMaker moves the S3 data "
       "itself. A note: many jobs legitimately need the network.",
       "Set network_isolation: true when the training code needs no network."},
      {"VPCR007", "VpcWithoutFlowLogs", Severity::kWarning, "A VPC has no flow logs.",
       "Without VPC flow logs there is no record of accepted and rejected traffic to investigate "
       "an incident or to check what the notebooks and training jobs actually reach.",
       "Set flow_logs: true (CloudFormation: an AWS::EC2::FlowLog with ResourceType: VPC)."},
      {"VPCR008", "AdminPortOpenToInternet", Severity::kError,
       "A security group admits an administrative port (SSH 22, telnet 23, RDP 3389, WinRM "
       "5985-5986) from the internet.",
       "An ingress rule from 0.0.0.0/0 (or any block of prefix length 8 or less holding public "
       "addresses) on an administrative tcp port. vpcreach decides it on paths: when a request "
       "from the internet on that port is delivered to an ENI carrying the group and answered, "
       "it is an error with the witness packet and its path; when no such ENI is reachable "
       "(private subnet, NACL, no route) or no ENI carries the group, it is a note: the rule is "
       "open but not exploitable today, and becomes so with one routing change.",
       "Restrict the rule's source to your administrators' range, or remove it and use SSM "
       "Session Manager."},
      {"VPCR009", "NatGatewayReplyPortsPartlyRefused", Severity::kWarning,
       "The network ACL of a NAT gateway's subnet admits only part of 1024-65535 back.",
       "A NAT gateway picks the source port of each connection it translates itself, anywhere in "
       "1024-65535 (whatever the client's port), and the reply comes back to that port through "
       "the NACL of the NAT gateway's subnet. A NACL that admits some of those ports and refuses "
       "others (for example only 32768-65535, a Linux client's range) breaks the connections "
       "whose translated port falls among the refused ones: they work only sometimes. The "
       "finding names the rule that refuses and the ports.",
       "Admit tcp and udp 1024-65535 inbound in the NAT gateway's subnet's NACL from the "
       "addresses it talks to (0.0.0.0/0 for the internet)."},
      {"VPCR010", "UnmodelledResource", Severity::kWarning,
       "A resource that shapes reachability is not modelled.",
       "A resource of the scenario's stacks places network interfaces in a VPC or connects "
       "networks, and vpcreach does not model it: a workload whose subnets are not given (AWS "
       "places it in the default VPC), or a type vpcreach does not model yet. What it reaches and "
       "what reaches it is missing from every answer.",
       "Give the resource its subnets (or write it as a workload in the scenario), or check its "
       "reachability by other means."},
  };
  return kRules;
}

}  // namespace vpcreach
