#include "model/vpc_workload_builder.h"

#include <algorithm>
#include <cctype>
#include <set>
#include <utility>

#include "model/loader_messages.h"
#include "model/security_builder.h"
#include "model/workload_builder.h"
#include "model/workload_kinds.h"

namespace vpcreach {
namespace {

constexpr long long kMaxInterfaces = 10000;  // far above real fleets; bounds the ENIs we create

std::string Lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

std::string Upper(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return text;
}

std::string OrList(const std::vector<std::string>& words) {
  std::string out;
  for (size_t i = 0; i < words.size(); ++i) {
    out += (i == 0 ? "" : i + 1 == words.size() ? " or " : ", ") + words[i];
  }
  return out;
}

// A port of a listener, a database or a target: 1 to 65535.
std::optional<std::uint16_t> ReadPortNumber(BuildContext& context, YamlReader& r,
                                            const YamlField& field) {
  auto port = r.Integer(field);
  if (!port) return std::nullopt;
  if (*port < 1 || *port > 65535) {
    context.Error(field, "port " + std::to_string(*port) + " is out of range 1-65535");
    return std::nullopt;
  }
  return static_cast<std::uint16_t>(*port);
}

// The interface keys an instance writes per interface when it lists `interfaces`.
const std::vector<std::string> kInterfaceKeys = {
    "subnet",        "security_groups",    "private_ip",       "public_ip", "associate_public_ip",
    "secondary_ips", "secondary_ip_count", "source_dest_check"};

// Reads one written workload into Model::workloads[index].
class WorkloadReader {
 public:
  WorkloadReader(BuildContext& context, const WrittenComponent& written, Index index)
      : context_(context), r_(*written.reader), written_(written), index_(index) {}

  void Read() {
    YamlMap m(r_, written_.body, AllWorkloadKeys());
    if (!m.valid()) return;
    if (!ReadKind(m)) return;
    CheckKeys(m);
    Workload& w = workload();
    std::vector<std::string> keys = WorkloadKeysOf(w.kind);
    auto takes = [&keys](const char* key) {
      return std::find(keys.begin(), keys.end(), key) != keys.end();
    };
    std::optional<int> port;
    if (auto f = m.Get("port"); f && takes("port")) {
      if (auto p = ReadPortNumber(context_, r_, *f)) port = *p;
    }
    if (auto f = m.Get("engine"); f && takes("engine")) w.engine = ReadEngine(*f);
    w.opens_connections = OpensConnectionsByDefault(w.kind);
    if (auto f = m.Get("opens_connections")) w.opens_connections = r_.Bool(*f).value_or(true);
    auto ports = m.Get("ports");
    w.serves =
        ports ? std::optional(ReadPorts(*ports)) : DefaultServedTraffic(w.kind, w.engine, port);
    if (auto f = m.Get("app_network_access_type")) {
      auto text = r_.String(*f);
      if (text && *text != "public_internet_only" && *text != "vpc_only") {
        context_.Error(*f, "expected public_internet_only or vpc_only, got '" + *text + "'");
      }
      w.sagemaker_internet = text.value_or("") != "vpc_only";
    } else if (w.kind == WorkloadKind::kSageMakerDomain) {
      w.sagemaker_internet = true;  // AWS's default: PublicInternetOnly
    }
    if (w.kind == WorkloadKind::kLoadBalancer) ReadLoadBalancer(m, ports.has_value());
    if (auto f = m.Get("interfaces")) {
      ReadInterfaces(m, *f);
    } else {
      PlaceInterfaces(m);
    }
  }

 private:
  Workload& workload() { return context_.model().workloads[index_]; }
  std::string Named() { return WorkloadNounWithArticle(workload().kind); }

  bool ReadKind(YamlMap& m) {
    auto f = m.Require("type");
    if (!f) return false;
    auto type = r_.String(*f);
    if (!type) return false;
    auto kind = ParseWorkloadKind(*type);
    if (!kind) {
      std::string suggestion = ClosestMatch(*type, WorkloadKindNames());
      context_.Error(*f, "unknown workload type '" + *type + "'; " +
                             (suggestion.empty() ? "expected one of " + OrList(WorkloadKindNames())
                                                 : "did you mean '" + suggestion + "'?"));
      return false;
    }
    workload().kind = *kind;
    return true;
  }

  // Keys of other kinds (unknown keys are reported by the map).
  void CheckKeys(const YamlMap& m) {
    std::vector<std::string> mine = WorkloadKeysOf(workload().kind);
    for (const YamlMap::Entry& e : m.Entries()) {
      if (std::find(mine.begin(), mine.end(), e.key) != mine.end()) continue;
      std::vector<std::string> takers;
      for (const std::string& name : WorkloadKindNames()) {
        std::vector<std::string> keys = WorkloadKeysOf(*ParseWorkloadKind(name));
        if (std::find(keys.begin(), keys.end(), e.key) != keys.end()) takers.push_back(name);
      }
      if (takers.empty()) continue;
      context_.Error(
          e.key_field.location, e.value.path,
          "'" + e.key + "' does not apply to " + Named() + "; it is a key of " + OrList(takers));
    }
  }

  std::string ReadEngine(const YamlField& f) {
    auto text = r_.String(f);
    if (!text) return "";
    std::string engine = Lower(*text);
    std::vector<std::string> engines = EnginesOf(workload().kind);
    if (std::find(engines.begin(), engines.end(), engine) == engines.end()) {
      std::string suggestion = ClosestMatch(engine, engines);
      context_.Error(f, "unknown engine '" + *text + "' for " + Named() + "; " +
                            (suggestion.empty() ? "expected one of " + OrList(engines)
                                                : "did you mean '" + suggestion + "'?"));
      return "";
    }
    return engine;
  }

  // `ports:` a list of ports or ranges (tcp) and `{protocol, ports}` mappings; [] answers nothing.
  std::vector<ServedTraffic> ReadPorts(const YamlField& f) {
    std::vector<ServedTraffic> out;
    for (const YamlField& item : r_.List(f).value_or(std::vector<YamlField>{})) {
      if (!item.IsMapping()) {
        if (auto range = ReadRange(item)) out.push_back(ServedTraffic{kTcp, *range});
        continue;
      }
      YamlMap m(r_, item, {"protocol", "ports"});
      auto protocol_field = m.Require("protocol");
      if (!protocol_field) continue;
      auto protocol = r_.Protocol(*protocol_field);
      if (!protocol) continue;
      ServedTraffic served{*protocol, PortRange{}};
      if (auto p = m.Get("ports")) {
        if (!HasPorts(*protocol)) {
          context_.Error(*p, "ports apply to tcp and udp only, not " + ProtocolName(*protocol) +
                                 "; remove 'ports:'");
          continue;
        }
        auto range = ReadRange(*p);
        if (!range) continue;
        served.ports = *range;
      }
      out.push_back(served);
    }
    return out;
  }

  std::optional<PortRange> ReadRange(const YamlField& f) {
    auto range = r_.Ports(f);
    if (range && range->from == 0) {
      context_.Error(f, "port 0 is out of range 1-65535");
      return std::nullopt;
    }
    return range;
  }

  void ReadLoadBalancer(const YamlMap& m, bool ports_written) {
    LoadBalancerType type = LoadBalancerType::kApplication;
    if (auto f = m.Get("load_balancer_type")) {
      if (auto text = r_.String(*f)) {
        if (auto parsed = ParseLoadBalancerType(Lower(*text))) {
          type = *parsed;
        } else {
          context_.Error(*f,
                         "expected application, network, gateway or classic, got '" + *text + "'");
        }
      }
    }
    workload().load_balancer_type = type;
    workload().internet_facing = true;  // AWS's default scheme
    if (auto f = m.Get("scheme")) {
      auto text = r_.String(*f);
      if (text && *text != "internet-facing" && *text != "internal") {
        context_.Error(*f, "expected internet-facing or internal, got '" + *text + "'");
      }
      workload().internet_facing = text.value_or("") != "internal";
    }
    auto f = m.Get("listeners");
    if (!f) return;
    std::vector<YamlField> items = r_.List(*f).value_or(std::vector<YamlField>{});
    std::set<std::pair<std::uint16_t, int>> taken;  // (port, ip protocol)
    for (const YamlField& item : items) {
      YamlMap lm(r_, item, {"protocol", "port", "target_groups"});
      if (!lm.valid()) continue;
      LoadBalancerListener listener;
      listener.location = item.location;
      bool gateway = type == LoadBalancerType::kGateway;
      if (auto p = gateway ? lm.Get("protocol") : lm.Require("protocol")) {
        auto text = r_.String(*p);
        if (!text) continue;
        listener.protocol = Upper(*text);
        std::vector<std::string> allowed = ListenerProtocolsOf(type);
        if (std::find(allowed.begin(), allowed.end(), listener.protocol) == allowed.end()) {
          context_.Error(*p, WithArticle(LoadBalancerTypeName(type)) +
                                 " load balancer listens on " + OrList(allowed) + ", not '" +
                                 *text + "'");
          continue;
        }
      } else if (gateway) {
        listener.protocol = "GENEVE";
      } else {
        continue;
      }
      if (auto p = gateway ? lm.Get("port") : lm.Require("port")) {
        auto port = ReadPortNumber(context_, r_, *p);
        if (!port) continue;
        listener.port = *port;
      } else if (gateway) {
        listener.port = 6081;
      } else {
        continue;
      }
      std::vector<ServedTraffic> traffic = ListenerTraffic(listener.protocol, listener.port);
      bool twice = false;
      for (const ServedTraffic& t : traffic)
        twice |= !taken.insert({listener.port, t.protocol}).second;
      if (twice) {
        context_.Error(lm.KeyLocation("port"), item.Child("port"),
                       "port " + std::to_string(listener.port) +
                           " has a listener already; a load balancer takes one listener per port");
        continue;
      }
      if (auto groups = lm.Get("target_groups")) {
        for (const auto& [name, g] :
             r_.StringList(*groups).value_or(std::vector<std::pair<std::string, YamlField>>{})) {
          Index group = context_.components().Resolve(ComponentKind::kTargetGroup, r_, g);
          if (group != kNone) listener.target_groups.push_back(group);
        }
      }
      if (!ports_written) {
        workload().serves->insert(workload().serves->end(), traffic.begin(), traffic.end());
      }
      workload().listeners.push_back(std::move(listener));
    }
  }

  // The groups of interfaces placed from `subnets`: written, else what AWS gives the kind.
  std::vector<Index> ReadGroups(const YamlMap& m, Index vpc) {
    auto field = m.Get("security_groups");
    const Workload& w = workload();
    bool none_by_default =
        w.kind == WorkloadKind::kDirectory ||
        (w.load_balancer_type && (*w.load_balancer_type == LoadBalancerType::kNetwork ||
                                  *w.load_balancer_type == LoadBalancerType::kGateway));
    if (!field && none_by_default) return {};
    return ReadSecurityGroups(context_, r_, field, vpc, Named());
  }

  // The subnet(s) `fields` name, all in one VPC; false when one is unknown or in another VPC.
  bool ResolveSubnets(const std::vector<YamlField>& fields, std::vector<Index>* subnets,
                      Index* vpc) {
    bool ok = true;
    ComponentIndex& components = context_.components();
    const Model& model = context_.model();
    for (const YamlField& item : fields) {
      Index s = components.Resolve(ComponentKind::kSubnet, r_, item);
      Index subnet_vpc = components.VpcOf(ComponentKind::kSubnet, s);
      if (s == kNone || subnet_vpc == kNone) {
        ok = false;
        continue;
      }
      if (*vpc != kNone && subnet_vpc != *vpc) {
        context_.Error(item, "subnet " + model.subnets[s].id + " is in vpc " +
                                 model.vpcs[subnet_vpc].id + ", not in vpc " + model.vpcs[*vpc].id +
                                 "; the subnets of " + Named() + " must share one vpc");
        ok = false;
        continue;
      }
      *vpc = subnet_vpc;
      subnets->push_back(s);
    }
    return ok;
  }

  // Appends an interface of the workload in `subnet`, named `id` (the workload's own id when it
  // has one interface), and queues its address (`private_ip` of `m` when written).
  Index NewEni(const std::string& id, Index subnet, std::vector<Index> groups, const YamlMap& m,
               bool read_private_ip) {
    Model& model = context_.model();
    Index e = model.enis.size();
    Eni& eni = model.enis.emplace_back();
    eni.id = id;
    eni.subnet = subnet;
    eni.security_groups = std::move(groups);
    eni.owner = EniOwner::kWorkload;
    eni.owner_index = index_;
    eni.location = workload().location;
    if (id == workload().id) {
      context_.components().AddAlias(ComponentKind::kEni, id, e);
    } else {
      context_.components().AddSynthesized(ComponentKind::kEni, id, e,
                                           "an interface of " + Named() + " " + workload().id);
    }
    workload().enis.push_back(e);
    AddressPlan::Request request{
        false, e, subnet, std::nullopt, eni.location, written_.key.path, "eni " + id};
    if (read_private_ip && !context_.ReadPrivateIp(r_, m, &request)) return e;
    context_.RequestAddress(AddressPlan::kWorkloadEni, request);
    return e;
  }

  // Public addresses of `enis` from `m` (`public_ip`, `public_ips`, `associate_public_ip`), else
  // what AWS gives: an internet-facing load balancer one per interface, an instance one where
  // its subnet maps one on launch.
  void ReadPublicAddressing(const YamlMap& m, const std::vector<Index>& enis) {
    Model& model = context_.model();
    auto single = m.Get("public_ip");
    auto list = m.Get("public_ips");
    auto associate = m.Get("associate_public_ip");
    int written = (single ? 1 : 0) + (list ? 1 : 0) + (associate ? 1 : 0);
    if (written > 1) {
      const YamlField& at = associate ? *associate : *list;
      context_.Error(at, "write one of public_ip, public_ips and associate_public_ip");
      return;
    }
    std::vector<YamlField> addresses;
    if (single) addresses.push_back(*single);
    if (list) addresses = r_.List(*list).value_or(std::vector<YamlField>{});
    if (single || list) {
      if (addresses.size() != enis.size()) {
        context_.Error(single ? *single : *list,
                       std::to_string(addresses.size()) +
                           (addresses.size() == 1 ? " public address" : " public addresses") +
                           " for " + std::to_string(enis.size()) +
                           (enis.size() == 1 ? " interface" : " interfaces") +
                           "; give one per interface (public_ips), or associate_public_ip: true");
        return;
      }
      for (size_t i = 0; i < enis.size(); ++i) {
        Eni& eni = model.enis[enis[i]];
        eni.public_ip = context_.ReadPublicIp(r_, addresses[i], "eni " + eni.id);
      }
      return;
    }
    const Workload& w = workload();
    for (Index e : enis) {
      bool wanted = associate ? r_.Bool(*associate).value_or(false)
                    : w.kind == WorkloadKind::kLoadBalancer
                        ? w.internet_facing
                        : LaunchesInstances(w.kind) &&
                              model.subnets[model.enis[e].subnet].map_public_ip_on_launch;
      if (wanted) context_.RequestLaunchPublicIp(e);
    }
  }

  void ReadSourceDestCheck(const YamlMap& m, const std::vector<Index>& enis) {
    auto f = m.Get("source_dest_check");
    if (!f) return;
    bool check = r_.Bool(*f).value_or(true);
    for (Index e : enis) context_.model().enis[e].source_dest_check = check;
  }

  void PlaceInterfaces(const YamlMap& m) {
    auto subnet = m.Get("subnet");
    auto list = m.Get("subnets");
    if (subnet && list) {
      context_.Error(m.KeyLocation("subnets"), list->path, "write subnet or subnets, not both");
      return;
    }
    if (!subnet && !list) {
      std::string message =
          workload().kind == WorkloadKind::kAutoScalingGroup
              ? "an Auto Scaling group needs subnets to launch its instances in (its "
                "VPCZoneIdentifier); add 'subnets:'"
              : Named() + " needs subnets, where AWS places its network interfaces; add " +
                    (workload().kind == WorkloadKind::kInstance ? "'subnet:' or 'interfaces:'"
                                                                : "'subnets:'");
      message[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(message[0])));
      context_.Error(written_.key.location, written_.key.path, message);
      return;
    }
    std::vector<YamlField> fields;
    if (subnet) fields.push_back(*subnet);
    if (list) fields = r_.List(*list).value_or(std::vector<YamlField>{});
    if (list && fields.empty()) {
      context_.Error(*list, "expected at least one subnet");
      return;
    }
    Workload& w = workload();
    Index vpc = kNone;
    bool placed = ResolveSubnets(fields, &w.subnets, &vpc);
    if (w.kind == WorkloadKind::kEfsMountTarget && fields.size() > 1) {
      context_.Error(*list,
                     "an EFS mount target has one network interface, in one subnet; "
                     "give each subnet a mount target of its own");
      return;
    }
    long long count = OneInterfacePerSubnet(w.kind) ? static_cast<long long>(fields.size()) : 1;
    if (auto f = m.Get("count")) {
      auto written = r_.Integer(*f);
      if (written && (*written < 0 || *written > kMaxInterfaces)) {
        context_.Error(*f, "count must be between 0 and " + std::to_string(kMaxInterfaces) +
                               ", got " + std::to_string(*written));
        return;
      }
      if (written) count = *written;
    }
    w.security_groups = ReadGroups(m, vpc);
    for (const char* key : {"private_ip", "public_ip", "secondary_ips"}) {
      if (count != 1 && m.Has(key)) {
        context_.Error(m.KeyLocation(key), m.field().Child(key),
                       std::string(key) + " needs a single interface (count: 1); " +
                           (std::string(key) == "public_ip" ? "give public_ips, one per interface"
                                                            : "remove it"));
        placed = false;
      }
    }
    if (!placed || w.subnets.empty()) return;
    std::vector<Index> enis;
    for (long long i = 0; i < count; ++i) {
      std::string id = count == 1 ? workload().id : workload().id + "[" + std::to_string(i) + "]";
      Index s = workload().subnets[static_cast<size_t>(i) % workload().subnets.size()];
      Index e = NewEni(id, s, workload().security_groups, m, count == 1);
      ReadSecondaryIps(context_, r_, m, e, AddressPlan::kWorkloadEni, "eni " + id);
      enis.push_back(e);
    }
    ReadPublicAddressing(m, enis);
    ReadSourceDestCheck(m, enis);
  }

  // An instance's `interfaces:`, each its own subnet, groups and addresses, or a written ENI.
  void ReadInterfaces(const YamlMap& m, const YamlField& f) {
    std::vector<std::string> misplaced = kInterfaceKeys;
    misplaced.insert(misplaced.end(), {"subnets", "count", "public_ips"});
    bool clash = false;
    for (const std::string& key : misplaced) {
      if (!m.Has(key)) continue;
      context_.Error(m.KeyLocation(key), m.field().Child(key),
                     "'" + key + "' goes under each of interfaces when an instance lists them");
      clash = true;
    }
    std::vector<YamlField> items = r_.List(f).value_or(std::vector<YamlField>{});
    if (items.empty()) {
      context_.Error(f, "expected at least one interface");
      return;
    }
    if (clash) return;
    Index vpc = kNone;
    for (size_t i = 0; i < items.size(); ++i) {
      std::vector<std::string> keys = kInterfaceKeys;
      keys.push_back("eni");
      YamlMap im(r_, items[i], keys);
      if (!im.valid()) continue;
      if (auto attached = im.Get("eni")) {
        AttachEni(im, *attached, &vpc);
        continue;
      }
      auto subnet_field = im.Require("subnet");
      if (!subnet_field) continue;
      std::vector<Index> subnets;
      if (!ResolveSubnets({*subnet_field}, &subnets, &vpc)) continue;
      std::vector<Index> groups =
          ReadSecurityGroups(context_, r_, im.Get("security_groups"), vpc, Named());
      std::string id =
          items.size() == 1 ? workload().id : workload().id + "[" + std::to_string(i) + "]";
      Index e = NewEni(id, subnets.front(), groups, im, true);
      ReadSecondaryIps(context_, r_, im, e, AddressPlan::kWorkloadEni, "eni " + id);
      ReadPublicAddressing(im, {e});
      ReadSourceDestCheck(im, {e});
      if (std::find(workload().subnets.begin(), workload().subnets.end(), subnets.front()) ==
          workload().subnets.end()) {
        workload().subnets.push_back(subnets.front());
      }
    }
  }

  // `interfaces[i].eni`: a written ENI the instance takes as its own.
  void AttachEni(const YamlMap& im, const YamlField& field, Index* vpc) {
    for (const std::string& key : kInterfaceKeys) {
      if (!im.Has(key)) continue;
      context_.Error(im.KeyLocation(key), im.field().Child(key),
                     "an attached eni keeps its own settings; write '" + key + "' on the eni");
    }
    Model& model = context_.model();
    ComponentIndex& components = context_.components();
    Index e = components.Resolve(ComponentKind::kEni, r_, field);
    if (e == kNone) return;
    Eni& eni = model.enis[e];
    if (eni.owner == EniOwner::kWorkload) {
      context_.Error(field, "eni " + eni.id + " is attached to " +
                                WorkloadNounWithArticle(model.workloads[eni.owner_index].kind) +
                                " already: " + model.workloads[eni.owner_index].id);
      return;
    }
    if (eni.owner != EniOwner::kNone) {
      context_.Error(field, "eni " + eni.id + " belongs to another component already");
      return;
    }
    Index eni_vpc = components.VpcOf(ComponentKind::kEni, e);
    if (*vpc != kNone && eni_vpc != kNone && eni_vpc != *vpc) {
      context_.Error(field, "eni " + eni.id + " is in vpc " + model.vpcs[eni_vpc].id +
                                ", not in vpc " + model.vpcs[*vpc].id +
                                "; the interfaces of an instance share one vpc");
      return;
    }
    if (eni_vpc != kNone) *vpc = eni_vpc;
    eni.owner = EniOwner::kWorkload;
    eni.owner_index = index_;
    workload().enis.push_back(e);
    if (std::find(workload().subnets.begin(), workload().subnets.end(), eni.subnet) ==
        workload().subnets.end()) {
      workload().subnets.push_back(eni.subnet);
    }
  }

  BuildContext& context_;
  YamlReader& r_;
  const WrittenComponent& written_;
  Index index_;
};

// Reads one target of a target group: a workload or ENI id, or an address; `{target, port}`.
std::optional<TargetGroupTarget> ReadTarget(BuildContext& context, YamlReader& r,
                                            const YamlField& item) {
  TargetGroupTarget target;
  target.location = item.location;
  YamlField name_field = item;
  if (item.IsMapping()) {
    YamlMap m(r, item, {"target", "port"});
    auto f = m.Require("target");
    if (!f) return std::nullopt;
    name_field = *f;
    if (auto p = m.Get("port")) {
      target.port = ReadPortNumber(context, r, *p);
      if (!target.port) return std::nullopt;
    }
  }
  auto name = r.String(name_field);
  if (!name) return std::nullopt;
  target.id = *name;
  ComponentIndex& components = context.components();
  target.workload = components.Find(ComponentKind::kWorkload, *name);
  if (target.workload == kNone) target.eni = components.Find(ComponentKind::kEni, *name);
  if (target.workload == kNone && target.eni == kNone) {
    target.ip = ParseIpv4(*name);
    if (!target.ip) {
      std::vector<std::string> ids = components.IdsOf(ComponentKind::kWorkload);
      for (const std::string& id : components.IdsOf(ComponentKind::kEni)) ids.push_back(id);
      std::string suggestion = ClosestMatch(*name, ids);
      context.Error(name_field,
                    "unknown target '" + *name + "'; " +
                        (suggestion.empty() ? "a target is a workload, an ENI or an IPv4 address"
                                            : "did you mean '" + suggestion + "'?"));
      return std::nullopt;
    }
  }
  return target;
}

}  // namespace

void BuildWorkloads(BuildContext& context) {
  Model& model = context.model();
  for (const WrittenComponent& w : context.components().Written(ComponentKind::kWorkload)) {
    Index index = model.workloads.size();
    AddWritten(&model.workloads, w);
    WorkloadReader(context, w, index).Read();
  }
}

void BuildTargetGroups(BuildContext& context) {
  Model& model = context.model();
  ComponentIndex& components = context.components();
  for (const WrittenComponent& w : components.Written(ComponentKind::kTargetGroup)) {
    YamlReader& r = *w.reader;
    Index index = model.target_groups.size();
    AddWritten(&model.target_groups, w);
    YamlMap m(r, w.body, {"vpc", "protocol", "port", "targets"});
    if (auto f = m.Get("vpc")) {
      model.target_groups[index].vpc = components.Resolve(ComponentKind::kVpc, r, *f);
    }
    if (auto f = m.Get("protocol")) {
      if (auto text = r.String(*f)) model.target_groups[index].protocol = Upper(*text);
    }
    if (auto f = m.Get("port")) model.target_groups[index].port = ReadPortNumber(context, r, *f);
    auto targets = m.Get("targets");
    if (!targets) continue;
    for (const YamlField& item : r.List(*targets).value_or(std::vector<YamlField>{})) {
      auto target = ReadTarget(context, r, item);
      if (!target) continue;
      TargetGroup& group = model.target_groups[index];
      Index vpc = target->workload != kNone
                      ? components.VpcOf(ComponentKind::kWorkload, target->workload)
                  : target->eni != kNone ? components.VpcOf(ComponentKind::kEni, target->eni)
                                         : kNone;
      if (vpc != kNone && group.vpc != kNone && vpc != group.vpc) {
        context.Error(item, "target " + target->id + " is in vpc " + model.vpcs[vpc].id +
                                ", not in vpc " + model.vpcs[group.vpc].id + " of target group " +
                                group.id + "; a target group's targets are in its vpc: register " +
                                target->id + " in a target group of vpc " + model.vpcs[vpc].id);
        continue;
      }
      if (vpc != kNone) group.vpc = vpc;
      group.targets.push_back(std::move(*target));
    }
  }
  // A load balancer forwards only to target groups of its own VPC.
  for (const Workload& w : model.workloads) {
    Index vpc = components.VpcOf(ComponentKind::kWorkload, &w - model.workloads.data());
    for (size_t i = 0; i < w.listeners.size(); ++i) {
      for (Index g : w.listeners[i].target_groups) {
        TargetGroup& group = model.target_groups[g];
        if (vpc == kNone) continue;
        if (group.vpc == kNone) {
          group.vpc = vpc;
        } else if (group.vpc != vpc) {
          context.Error(w.listeners[i].location,
                        "workloads." + w.id + ".listeners[" + std::to_string(i) + "]",
                        "target group " + group.id + " is in vpc " + model.vpcs[group.vpc].id +
                            ", not in vpc " + model.vpcs[vpc].id + " of load balancer " + w.id +
                            "; a load balancer forwards within its vpc: forward to a target "
                            "group of vpc " +
                            model.vpcs[vpc].id);
        }
      }
    }
  }
}

}  // namespace vpcreach
