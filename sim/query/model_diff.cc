#include "sim/query/model_diff.h"

#include <algorithm>
#include <functional>
#include <map>
#include <optional>
#include <set>

#include "sim/rules.h"

namespace vpcreach {
namespace {

std::string Ids(const std::vector<std::string>& ids) {
  std::string out = "[";
  for (const std::string& id : ids) out += (out.size() == 1 ? "" : ", ") + id;
  return out + "]";
}

template <class T>
std::vector<std::string> IdsOf(const std::vector<T>& items, const std::vector<Index>& indices) {
  std::vector<std::string> out;
  for (Index i : indices) out.push_back(items[i].id);
  return out;
}

// A set of groups: the order they are written in does not matter.
std::vector<std::string> GroupIds(const Model& m, const std::vector<Index>& indices) {
  std::vector<std::string> out = IdsOf(m.security_groups, indices);
  std::sort(out.begin(), out.end());
  return out;
}

std::string OnOff(bool value) { return value ? "enabled" : "disabled"; }

std::string IdOrNone(const std::string& id) { return id.empty() ? "none" : id; }

// Collects the changes of one pair of components of the same kind and id.
class Recorder {
 public:
  Recorder(std::vector<ComponentChange>* out, std::string kind, std::string id,
           SourceLocation before, SourceLocation after)
      : out_(*out), kind_(std::move(kind)), id_(std::move(id)), before_(std::move(before)),
        after_(std::move(after)) {}

  // A setting that differs: "route table private -> public".
  template <class V>
  void Setting(const std::string& name, const V& b, const V& a,
               const std::function<std::string(const V&)>& text, bool filters_only = false) {
    if (b == a) return;
    Add(name + " " + text(b) + " -> " + text(a), before_, after_, filters_only);
  }
  void Text(const std::string& name, const std::string& b, const std::string& a,
            bool filters_only = false) {
    Setting<std::string>(name, b, a, [](const std::string& s) { return s; }, filters_only);
  }
  void Add(std::string change, SourceLocation before, SourceLocation after, bool filters_only,
           std::vector<std::string> rules = {}) {
    out_.push_back(ComponentChange{kind_, id_, std::move(change), std::move(before),
                                   std::move(after), filters_only, std::move(rules)});
  }
  const SourceLocation& before() const { return before_; }
  const SourceLocation& after() const { return after_; }

 private:
  std::vector<ComponentChange>& out_;
  std::string kind_;
  std::string id_;
  SourceLocation before_;
  SourceLocation after_;
};

// Matches the items of one kind by id: `pair` for those in both (before order), added and removed
// for the others.
template <class T>
void MatchById(const std::vector<T>& before, const std::vector<T>& after, const char* kind,
               std::vector<ComponentChange>* out, bool added_removed_filters_only,
               const std::function<void(const T&, const T&, Recorder&)>& pair) {
  std::map<std::string, const T*> in_after;
  for (const T& a : after) in_after[a.id] = &a;
  std::map<std::string, const T*> in_before;
  for (const T& b : before) in_before[b.id] = &b;
  for (const T& b : before) {
    auto it = in_after.find(b.id);
    if (it == in_after.end()) {
      out->push_back(ComponentChange{kind, b.id, "removed", b.location, {},
                                     added_removed_filters_only, {}});
      continue;
    }
    Recorder r(out, kind, b.id, b.location, it->second->location);
    pair(b, *it->second, r);
  }
  for (const T& a : after) {
    if (!in_before.count(a.id)) {
      out->push_back(ComponentChange{kind, a.id, "added", {}, a.location,
                                     added_removed_filters_only, {}});
    }
  }
}

// Rules without ids (security group rules, routes keyed by destination) compared as lists of
// texts: those only in BEFORE are removed, those only in AFTER added; one removed and one added
// in the same list read as one rule changed.
struct Written {
  std::string text;
  SourceLocation location;
  std::string traced;  // as the tracer words it
};

void DiffLists(const std::vector<Written>& before, const std::vector<Written>& after,
               const std::string& noun, Recorder& r, bool filters_only) {
  std::multiset<std::string> b_texts, a_texts;
  for (const Written& w : before) b_texts.insert(w.text);
  for (const Written& w : after) a_texts.insert(w.text);
  std::vector<const Written*> removed, added;
  std::multiset<std::string> left = a_texts;
  for (const Written& w : before) {
    auto it = left.find(w.text);
    if (it != left.end()) {
      left.erase(it);
    } else {
      removed.push_back(&w);
    }
  }
  left = b_texts;
  for (const Written& w : after) {
    auto it = left.find(w.text);
    if (it != left.end()) {
      left.erase(it);
    } else {
      added.push_back(&w);
    }
  }
  if (removed.size() == 1 && added.size() == 1) {
    r.Add(noun + " " + removed[0]->text + " changed to " + added[0]->text, removed[0]->location,
          added[0]->location, filters_only, {removed[0]->traced, added[0]->traced});
    return;
  }
  for (const Written* w : removed) {
    r.Add(noun + " " + w->text + " removed", w->location, r.after(), filters_only, {w->traced});
  }
  for (const Written* w : added) {
    r.Add("new " + noun + " " + w->text, r.before(), w->location, filters_only, {w->traced});
  }
}

std::vector<Written> SgRules(const Model& m, const std::vector<SgRule>& rules, bool ingress) {
  std::vector<Written> out;
  for (const SgRule& rule : rules) {
    std::string text =
        ProtocolAndPorts(rule.protocol, rule.ports, rule.icmp) + " " + SgPeerText(m, rule);
    if (rule.implicit) text += " (the default allow-all)";
    out.push_back(Written{text, rule.location, SgRuleText(m, rule, ingress)});
  }
  return out;
}

void DiffNaclRules(const std::vector<NaclRule>& before, const std::vector<NaclRule>& after,
                   const char* direction, Recorder& r) {
  std::map<int, const NaclRule*> b, a;
  for (const NaclRule& x : before) b[x.number] = &x;
  for (const NaclRule& x : after) a[x.number] = &x;
  for (const auto& [number, rule] : b) {
    auto it = a.find(number);
    if (it == a.end()) {
      r.Add(std::string(direction) + " " + NaclRuleText(*rule) + " removed", rule->location,
            r.after(), false, {NaclRuleText(*rule)});
    } else if (NaclRuleText(*rule) != NaclRuleText(*it->second)) {
      r.Add(std::string(direction) + " " + NaclRuleText(*rule) + " changed to " +
                NaclRuleText(*it->second),
            rule->location, it->second->location, false,
            {NaclRuleText(*rule), NaclRuleText(*it->second)});
    }
  }
  for (const auto& [number, rule] : a) {
    if (!b.count(number)) {
      r.Add(std::string("new ") + direction + " " + NaclRuleText(*rule), r.before(),
            rule->location, false, {NaclRuleText(*rule)});
    }
  }
}

std::string CidrsText(const std::vector<Cidr>& cidrs) {
  std::string out;
  for (const Cidr& c : cidrs) out += (out.empty() ? "" : ", ") + c.ToString();
  return "[" + out + "]";
}

std::string OptionalIp(const std::optional<Ipv4>& ip) { return ip ? FormatIpv4(*ip) : "none"; }

template <class T>
std::string IdAt(const std::vector<T>& items, Index i) {
  return i == kNone ? "" : items[i].id;
}

}  // namespace

std::string KindPrefix(const std::string& kind) {
  static const std::map<std::string, std::string> kPrefixes = {
      {kKindVpc, "vpc"},
      {kKindSubnet, "subnet"},
      {kKindRouteTable, "rtb"},
      {kKindInternetGateway, "igw"},
      {kKindNatGateway, "nat"},
      {kKindVpcEndpoint, "vpce"},
      {kKindPrefixList, "pl"},
      {kKindNetworkAcl, "nacl"},
      {kKindSecurityGroup, "sg"},
      {kKindEni, "eni"},
      {kKindNotebook, "notebook"},
      {kKindTrainingJob, "job"},
      {kKindService, "service"},
      {kKindPeeringConnection, "pcx"},
      {kKindTransitGatewayAttachment, "tgw-attachment"},
      {kKindVpnGateway, "vgw"},
      {kKindVpnConnection, "vpn"},
      {kKindTransitGatewayRouteTable, "tgw-rtb"}};
  auto it = kPrefixes.find(kind);
  return it == kPrefixes.end() ? kind : it->second;
}

std::string ComponentChange::Label() const { return KindPrefix(kind) + " " + id; }

bool ModelDiff::FiltersOnly() const {
  return std::all_of(changes.begin(), changes.end(),
                     [](const ComponentChange& c) { return c.filters_only; });
}

ModelDiff DiffModels(const Model& b, const Model& a) {
  ModelDiff diff;
  std::vector<ComponentChange>* out = &diff.changes;
  using Ids = std::vector<std::string>;
  auto ids_text = [](const Ids& ids) { return vpcreach::Ids(ids); };

  MatchById<Vpc>(b.vpcs, a.vpcs, kKindVpc, out, false, [&](const Vpc& x, const Vpc& y, Recorder& r) {
    r.Text("cidrs", CidrsText(x.cidrs), CidrsText(y.cidrs));
    r.Text("flow logs", OnOff(x.flow_logs), OnOff(y.flow_logs), /*filters_only=*/true);
    r.Text("main route table", IdAt(b.route_tables, x.main_route_table),
           IdAt(a.route_tables, y.main_route_table));
    r.Text("default network acl", IdAt(b.network_acls, x.default_network_acl),
           IdAt(a.network_acls, y.default_network_acl));
    r.Text("internet gateway", IdOrNone(IdAt(b.internet_gateways, x.internet_gateway)),
           IdOrNone(IdAt(a.internet_gateways, y.internet_gateway)));
  });
  MatchById<Subnet>(b.subnets, a.subnets, kKindSubnet, out, false,
                    [&](const Subnet& x, const Subnet& y, Recorder& r) {
    r.Text("vpc", IdAt(b.vpcs, x.vpc), IdAt(a.vpcs, y.vpc));
    r.Text("cidr", x.cidr.ToString(), y.cidr.ToString());
    r.Text("az", x.az, y.az);
    r.Text("route table", IdAt(b.route_tables, x.route_table), IdAt(a.route_tables, y.route_table));
    r.Text("network acl", IdAt(b.network_acls, x.network_acl), IdAt(a.network_acls, y.network_acl));
  });
  MatchById<RouteTable>(b.route_tables, a.route_tables, kKindRouteTable, out, false,
                        [&](const RouteTable& x, const RouteTable& y, Recorder& r) {
    r.Text("vpc", IdAt(b.vpcs, x.vpc), IdAt(a.vpcs, y.vpc));
    r.Text("gateway", IdOrNone(IdAt(b.internet_gateways, x.edge_gateway)),
           IdOrNone(IdAt(a.internet_gateways, y.edge_gateway)));
    r.Text("propagating vgws", ids_text(IdsOf(b.vpn_gateways, x.propagating_vgws)),
           ids_text(IdsOf(a.vpn_gateways, y.propagating_vgws)));
    // Routes are keyed by destination (unique per table); a new target is a changed route.
    // A propagated route may share its destination with a static one: keyed apart.
    auto key = [](const Model& m, const Route& route) {
      return DestinationText(m, route) + (route.propagated ? " (propagated)" : "");
    };
    std::map<std::string, const Route*> xb, ya;
    for (const Route& route : x.routes) xb[key(b, route)] = &route;
    for (const Route& route : y.routes) ya[key(a, route)] = &route;
    for (const auto& [dest, route] : xb) {
      auto it = ya.find(dest);
      if (it == ya.end()) {
        r.Add("route " + RouteText(b, *route) + " removed", route->location, r.after(), false,
              {RouteText(b, *route)});
      } else if (route->target_id != it->second->target_id) {
        r.Add("route " + RouteText(b, *route) + " changed to -> " + it->second->target_id,
              route->location, it->second->location, false,
              {RouteText(b, *route), RouteText(a, *it->second)});
      }
    }
    for (const auto& [dest, route] : ya) {
      if (!xb.count(dest)) {
        r.Add("new route " + RouteText(a, *route), r.before(), route->location, false,
              {RouteText(a, *route)});
      }
    }
  });
  MatchById<InternetGateway>(b.internet_gateways, a.internet_gateways, kKindInternetGateway, out,
                             false, [&](const InternetGateway& x, const InternetGateway& y, Recorder& r) {
    r.Text("vpc", IdOrNone(IdAt(b.vpcs, x.vpc)), IdOrNone(IdAt(a.vpcs, y.vpc)));
  });
  MatchById<PeeringConnection>(
      b.peering_connections, a.peering_connections, kKindPeeringConnection, out, false,
      [&](const PeeringConnection& x, const PeeringConnection& y, Recorder& r) {
        r.Text("requester", IdAt(b.vpcs, x.requester), IdAt(a.vpcs, y.requester));
        r.Text("accepter", IdAt(b.vpcs, x.accepter), IdAt(a.vpcs, y.accepter));
      });
  MatchById<VpnGateway>(b.vpn_gateways, a.vpn_gateways, kKindVpnGateway, out, false,
                        [&](const VpnGateway& x, const VpnGateway& y, Recorder& r) {
                          r.Text("vpc", IdOrNone(IdAt(b.vpcs, x.vpc)),
                                 IdOrNone(IdAt(a.vpcs, y.vpc)));
                        });
  MatchById<VpnConnection>(
      b.vpn_connections, a.vpn_connections, kKindVpnConnection, out, false,
      [&](const VpnConnection& x, const VpnConnection& y, Recorder& r) {
        auto tunnels = [](const VpnConnection& c) {
          std::string out;
          for (TunnelState t : c.tunnels) {
            out += std::string(out.empty() ? "" : ", ") + (t == TunnelState::kUp ? "up" : "down");
          }
          return out;
        };
        r.Text("vpn gateway", IdAt(b.vpn_gateways, x.vpn_gateway),
               IdAt(a.vpn_gateways, y.vpn_gateway));
        r.Text("routing", x.static_routes_only ? "static" : "bgp",
               y.static_routes_only ? "static" : "bgp");
        r.Text("on-premises prefixes", CidrsText(x.Prefixes()), CidrsText(y.Prefixes()));
        r.Text("tunnels", tunnels(x), tunnels(y));
      });
  MatchById<TransitGatewayAttachment>(
      b.transit_gateway_attachments, a.transit_gateway_attachments, kKindTransitGatewayAttachment,
      out, false,
      [&](const TransitGatewayAttachment& x, const TransitGatewayAttachment& y, Recorder& r) {
        r.Text("vpc", IdAt(b.vpcs, x.vpc), IdAt(a.vpcs, y.vpc));
        r.Text("peer transit gateway", IdOrNone(IdAt(b.transit_gateways, x.peer_transit_gateway)),
               IdOrNone(IdAt(a.transit_gateways, y.peer_transit_gateway)));
        r.Text("peer route table",
               IdOrNone(IdAt(b.transit_gateway_route_tables, x.peer_route_table)),
               IdOrNone(IdAt(a.transit_gateway_route_tables, y.peer_route_table)));
        r.Text("appliance mode", x.appliance_mode ? "on" : "off", y.appliance_mode ? "on" : "off");
        r.Text("subnets", ids_text(IdsOf(b.subnets, x.subnets)),
               ids_text(IdsOf(a.subnets, y.subnets)));
        r.Text("route table", IdOrNone(IdAt(b.transit_gateway_route_tables, x.route_table)),
               IdOrNone(IdAt(a.transit_gateway_route_tables, y.route_table)));
        r.Text("propagates to", ids_text(IdsOf(b.transit_gateway_route_tables, x.propagates_to)),
               ids_text(IdsOf(a.transit_gateway_route_tables, y.propagates_to)));
      });
  MatchById<TransitGatewayRouteTable>(
      b.transit_gateway_route_tables, a.transit_gateway_route_tables,
      kKindTransitGatewayRouteTable, out, false,
      [&](const TransitGatewayRouteTable& x, const TransitGatewayRouteTable& y, Recorder& r) {
        auto routes = [](const Model& m, const TransitGatewayRouteTable& t) {
          std::string out;
          for (const TransitGatewayRoute& route : t.routes) {
            out += (out.empty() ? "" : ", ") + route.destination.ToString() + " to " +
                   (route.blackhole ? std::string("blackhole")
                                    : m.transit_gateway_attachments[route.attachment].id);
          }
          return out;
        };
        r.Text("routes", routes(b, x), routes(a, y));
      });
  MatchById<NatGateway>(b.nat_gateways, a.nat_gateways, kKindNatGateway, out, false,
                        [&](const NatGateway& x, const NatGateway& y, Recorder& r) {
    r.Text("subnet", IdAt(b.subnets, x.subnet), IdAt(a.subnets, y.subnet));
    r.Text("private ip", FormatIpv4(x.private_ip), FormatIpv4(y.private_ip));
    r.Text("public ip", FormatIpv4(x.public_ip), FormatIpv4(y.public_ip));
    r.Text("connectivity", x.is_private ? "private" : "public",
           y.is_private ? "private" : "public");
  });
  MatchById<VpcEndpoint>(b.vpc_endpoints, a.vpc_endpoints, kKindVpcEndpoint, out, false,
                         [&](const VpcEndpoint& x, const VpcEndpoint& y, Recorder& r) {
    r.Text("vpc", IdAt(b.vpcs, x.vpc), IdAt(a.vpcs, y.vpc));
    r.Text("service", x.service, y.service);
    r.Text("type", x.type == EndpointType::kGateway ? "gateway" : "interface",
           y.type == EndpointType::kGateway ? "gateway" : "interface");
    r.Text("route tables", ids_text(IdsOf(b.route_tables, x.route_tables)),
           ids_text(IdsOf(a.route_tables, y.route_tables)));
    r.Text("subnets", ids_text(IdsOf(b.subnets, x.subnets)), ids_text(IdsOf(a.subnets, y.subnets)));
    r.Text("security groups", ids_text(GroupIds(b, x.security_groups)),
           ids_text(GroupIds(a, y.security_groups)), /*filters_only=*/true);
  });
  MatchById<PrefixList>(b.prefix_lists, a.prefix_lists, kKindPrefixList, out, false,
                        [&](const PrefixList& x, const PrefixList& y, Recorder& r) {
    r.Text("cidrs", CidrsText(x.cidrs), CidrsText(y.cidrs));
  });
  MatchById<NetworkAcl>(b.network_acls, a.network_acls, kKindNetworkAcl, out, false,
                        [&](const NetworkAcl& x, const NetworkAcl& y, Recorder& r) {
    r.Text("vpc", IdAt(b.vpcs, x.vpc), IdAt(a.vpcs, y.vpc));
    DiffNaclRules(x.ingress, y.ingress, "inbound", r);
    DiffNaclRules(x.egress, y.egress, "outbound", r);
  });
  MatchById<SecurityGroup>(b.security_groups, a.security_groups, kKindSecurityGroup, out,
                           /*added_removed_filters_only=*/true,
                           [&](const SecurityGroup& x, const SecurityGroup& y, Recorder& r) {
    r.Text("vpc", IdAt(b.vpcs, x.vpc), IdAt(a.vpcs, y.vpc));
    DiffLists(SgRules(b, x.ingress, true), SgRules(a, y.ingress, true), "ingress rule", r, true);
    DiffLists(SgRules(b, x.egress, false), SgRules(a, y.egress, false), "egress rule", r, true);
  });
  MatchById<Eni>(b.enis, a.enis, kKindEni, out, false, [&](const Eni& x, const Eni& y, Recorder& r) {
    r.Text("subnet", IdAt(b.subnets, x.subnet), IdAt(a.subnets, y.subnet));
    r.Text("private ip", FormatIpv4(x.private_ip), FormatIpv4(y.private_ip));
    r.Text("public ip", OptionalIp(x.public_ip), OptionalIp(y.public_ip));
    r.Text("security groups", ids_text(GroupIds(b, x.security_groups)),
           ids_text(GroupIds(a, y.security_groups)), /*filters_only=*/true);
    r.Text("source/destination check", OnOff(x.source_dest_check), OnOff(y.source_dest_check));
    auto secondary = [](const Eni& e) {
      std::string out;
      for (Ipv4 ip : e.secondary_ips) out += (out.empty() ? "" : ", ") + FormatIpv4(ip);
      return out.empty() ? std::string("none") : out;
    };
    r.Text("secondary private ips", secondary(x), secondary(y));
  });
  MatchById<Workload>(b.workloads, a.workloads, kKindWorkload, out, false,
                      [&](const Workload& x, const Workload& y, Recorder& r) {
    r.Text("type", WorkloadKindName(x.kind), WorkloadKindName(y.kind));
    r.Text("subnets", ids_text(IdsOf(b.subnets, x.subnets)), ids_text(IdsOf(a.subnets, y.subnets)));
    r.Text("interfaces", std::to_string(x.enis.size()), std::to_string(y.enis.size()));
    auto answers = [](const Workload& w) {
      return w.serves ? AnswersText(*w.serves) : std::string("every request its groups admit");
    };
    r.Text("answers", answers(x), answers(y));
    r.Text("opens connections", OnOff(x.opens_connections), OnOff(y.opens_connections));
  });
  MatchById<NotebookInstance>(b.notebooks, a.notebooks, kKindNotebook, out, false,
                              [&](const NotebookInstance& x, const NotebookInstance& y, Recorder& r) {
    r.Text("subnet", IdOrNone(IdAt(b.subnets, x.subnet)), IdOrNone(IdAt(a.subnets, y.subnet)));
    // The notebook's ENI carries its groups: the ENI's change says the same.
    r.Text("security groups", ids_text(GroupIds(b, x.security_groups)),
           ids_text(GroupIds(a, y.security_groups)), /*filters_only=*/true);
    r.Text("direct internet access", OnOff(x.direct_internet_access), OnOff(y.direct_internet_access));
    r.Text("root access", OnOff(x.root_access), OnOff(y.root_access), /*filters_only=*/true);
    r.Text("kms key", IdOrNone(x.kms_key_id), IdOrNone(y.kms_key_id), /*filters_only=*/true);
  });
  MatchById<TrainingJob>(b.training_jobs, a.training_jobs, kKindTrainingJob, out, false,
                         [&](const TrainingJob& x, const TrainingJob& y, Recorder& r) {
    r.Text("subnets", ids_text(IdsOf(b.subnets, x.subnets)), ids_text(IdsOf(a.subnets, y.subnets)));
    r.Text("security groups", ids_text(GroupIds(b, x.security_groups)),
           ids_text(GroupIds(a, y.security_groups)), /*filters_only=*/true);
    r.Text("instance count", std::to_string(x.instance_count), std::to_string(y.instance_count));
    r.Text("network isolation", OnOff(x.network_isolation), OnOff(y.network_isolation));
    r.Text("inter-container encryption", OnOff(x.inter_container_encryption),
           OnOff(y.inter_container_encryption));
  });
  // Services are keyed by name, not id.
  std::map<std::string, const Service*> services_after;
  for (const Service& s : a.services) services_after[s.name] = &s;
  std::map<std::string, const Service*> services_before;
  for (const Service& s : b.services) services_before[s.name] = &s;
  for (const Service& s : b.services) {
    auto it = services_after.find(s.name);
    if (it == services_after.end()) {
      out->push_back(ComponentChange{kKindService, s.name, "removed", s.location, {}, false, {}});
      continue;
    }
    Recorder r(out, kKindService, s.name, s.location, it->second->location);
    r.Text("cidrs", CidrsText(s.cidrs), CidrsText(it->second->cidrs));
    r.Text("excluded", CidrsText(s.excluded), CidrsText(it->second->excluded));
  }
  for (const Service& s : a.services) {
    if (!services_before.count(s.name)) {
      out->push_back(ComponentChange{kKindService, s.name, "added", {}, s.location, false, {}});
    }
  }
  return diff;
}

}  // namespace vpcreach
