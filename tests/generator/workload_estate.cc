#include "tests/generator/workload_estate.h"

#include <sstream>
#include <vector>

#include "tests/generator/rng.h"

namespace vpcreach::testing {
namespace {

const char kZones[] = {'a', 'b', 'c'};
constexpr int kZoneCount = 3;

std::string List(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& i : items) out += (out.empty() ? "" : ", ") + i;
  return "[" + out + "]";
}

std::string Str(long long n) { return std::to_string(n); }

class WorkloadEstateGenerator {
 public:
  explicit WorkloadEstateGenerator(const WorkloadEstateOptions& o) : o_(o), rng_(o.seed) {}

  std::string Run() {
    for (int v = 0; v < o_.vpcs; ++v) MakeVpc(v);
    std::ostringstream out;
    out << "vpcreach: 1\n"
        << "name: generated workload region (seed " << o_.seed << ")\n"
        << "region: us-east-1\n"
        << "prefix_lists:\n  corp: {cidrs: [198.51.100.0/24, 203.0.113.0/25]}\n"
        << "vpcs:\n" << vpcs_ << "internet_gateways:\n" << igws_ << "subnets:\n" << subnets_
        << "route_tables:\n" << tables_ << "nat_gateways:\n" << nats_
        << "vpc_endpoints:\n" << endpoints_ << "network_acls:\n" << nacls_
        << "security_groups:\n" << groups_ << "enis:\n" << enis_ << "workloads:\n" << workloads_
        << "target_groups:\n" << target_groups_;
    return out.str();
  }

 private:
  struct App {
    std::string id;       // v0-app3
    std::string app_group;  // v0-app3-app
  };

  // ---- the network of one VPC -------------------------------------------------------------

  void MakeVpc(int v) {
    std::string vpc = "v" + Str(v);
    std::string cidr = "10." + Str(v) + ".0.0/16";
    vpcs_ += "  " + vpc + ": {cidr: " + cidr + "}\n";
    igws_ += "  " + vpc + "-igw: {vpc: " + vpc + "}\n";
    std::vector<std::string> private_tables;
    for (int z = 0; z < kZoneCount; ++z) {
      std::string zone(1, kZones[z]);
      subnets_ += "  " + PublicSubnet(vpc, z) + ": {vpc: " + vpc + ", cidr: 10." + Str(v) + "." +
                  Str(4 * z) + ".0/22, az: " + zone + ", route_table: " + vpc +
                  "-pub, network_acl: " + vpc + "-pub}\n";
      for (int k = 0; k < o_.private_subnets_per_az; ++k) {
        int i = z * o_.private_subnets_per_az + k;
        subnets_ += "  " + PrivateSubnet(vpc, z, k) + ": {vpc: " + vpc + ", cidr: 10." + Str(v) +
                    "." + Str(16 + 4 * i) + ".0/22, az: " + zone + ", route_table: " + vpc +
                    "-priv-" + zone + ", network_acl: " + vpc + "-priv}\n";
      }
      subnets_ += "  " + DbSubnet(vpc, z) + ": {vpc: " + vpc + ", cidr: 10." + Str(v) + "." +
                  Str(240 + z) + ".0/24, az: " + zone + ", route_table: " + vpc +
                  "-db, network_acl: " + vpc + "-db}\n";
      nats_ += "  " + vpc + "-nat-" + zone + ": {subnet: " + PublicSubnet(vpc, z) +
               ", public_ip: 54." + Str(200 + v) + ".250." + Str(z + 1) + "}\n";
      tables_ += "  " + vpc + "-priv-" + zone + ": {vpc: " + vpc +
                 ", routes: [{destination: 0.0.0.0/0, target: " + vpc + "-nat-" + zone + "}]}\n";
      private_tables.push_back(vpc + "-priv-" + zone);
    }
    tables_ += "  " + vpc + "-pub: {vpc: " + vpc + ", routes: [{destination: 0.0.0.0/0, target: " +
               vpc + "-igw}]}\n";
    tables_ += "  " + vpc + "-db: {vpc: " + vpc + ", routes: []}\n";
    endpoints_ += "  " + vpc + "-s3: {vpc: " + vpc + ", service: s3, type: gateway, route_tables: " +
                  List(private_tables) + "}\n";
    MakeNacls(vpc, cidr);

    // Shared groups and instances: the bastion, the monitoring host, the misc groups.
    group_ids_.clear();
    for (int g = 0; g < o_.misc_groups_per_vpc; ++g) group_ids_.push_back(vpc + "-misc" + Str(g));
    Group(vpc + "-bastion", vpc, {"{protocol: tcp, ports: 22, prefix_list: corp}"}, "");
    Group(vpc + "-monitoring", vpc, {}, "");
    workloads_ += "  " + vpc + "-bastion: {type: instance, subnet: " + PublicSubnet(vpc, 0) +
                  ", associate_public_ip: true, security_groups: [" + vpc + "-bastion]}\n";
    workloads_ += "  " + vpc + "-monitor: {type: instance, subnet: " + PrivateSubnet(vpc, 0, 0) +
                  ", security_groups: [" + vpc + "-monitoring]}\n";

    std::vector<App> apps;
    for (int a = 0; a < o_.applications_per_vpc; ++a) {
      apps.push_back(App{vpc + "-app" + Str(a), vpc + "-app" + Str(a) + "-app"});
    }
    for (const App& app : apps) group_ids_.push_back(app.app_group);
    for (int a = 0; a < o_.applications_per_vpc; ++a) MakeApplication(vpc, cidr, apps, a);

    // The misc groups (their rules may name every group of the VPC) and the plain ENIs.
    for (int g = 0; g < o_.misc_groups_per_vpc; ++g) {
      std::vector<std::string> ingress;
      int count = static_cast<int>(rng_.Int(0, o_.max_extra_rules));
      for (int k = 0; k < count; ++k) ingress.push_back(ExtraRule(cidr));
      std::string egress;
      if (rng_.Chance(0.4)) {
        std::vector<std::string> rules;
        int n = static_cast<int>(rng_.Int(1, o_.max_extra_rules));
        for (int k = 0; k < n; ++k) rules.push_back(ExtraRule(cidr));
        egress = RuleList(rules);
      }
      Group(vpc + "-misc" + Str(g), vpc, ingress, egress);
    }
    for (int e = 0; e < o_.plain_enis_per_vpc; ++e) {
      int z = static_cast<int>(rng_.Int(0, kZoneCount - 1));
      bool in_public = rng_.Chance(0.3);
      std::string line = "  " + vpc + "-eni" + Str(e) + ": {subnet: " +
                         (in_public ? PublicSubnet(vpc, z)
                                    : PrivateSubnet(vpc, z, static_cast<int>(rng_.Int(
                                                                0, o_.private_subnets_per_az - 1))));
      if (in_public && rng_.Chance(0.5)) {
        line += ", public_ip: 54." + Str(200 + v) + "." + Str(e / 250) + "." + Str(e % 250 + 1);
      }
      std::vector<std::string> groups;
      int count = static_cast<int>(rng_.Int(1, 3));
      while (static_cast<int>(groups.size()) < count && o_.misc_groups_per_vpc > 0) {
        std::string g = vpc + "-misc" + Str(rng_.Int(0, o_.misc_groups_per_vpc - 1));
        bool seen = false;
        for (const std::string& h : groups) seen |= h == g;
        if (!seen) groups.push_back(g);
        if (static_cast<int>(groups.size()) >= o_.misc_groups_per_vpc) break;
      }
      if (!groups.empty()) line += ", security_groups: " + List(groups);
      enis_ += line + "}\n";
    }
  }

  static std::string PublicSubnet(const std::string& vpc, int z) {
    return vpc + "-pub-" + std::string(1, kZones[z]);
  }
  static std::string PrivateSubnet(const std::string& vpc, int z, int k) {
    return vpc + "-priv-" + std::string(1, kZones[z]) + Str(k);
  }
  static std::string DbSubnet(const std::string& vpc, int z) {
    return vpc + "-db-" + std::string(1, kZones[z]);
  }

  // A public CIDR to block: not AWS's 54/8 (the NAT gateways' and ENIs' addresses) nor 192/8
  // (the balancers' assigned addresses).
  std::string BlockedCidr() {
    static const std::vector<int> kFirstOctets = {3, 8, 13, 18, 23, 34, 35, 44, 91, 104, 128, 185};
    int length = static_cast<int>(rng_.Int(16, 24));
    unsigned mask = 0xffffffffu << (32 - length);
    unsigned a = (static_cast<unsigned>(rng_.Pick(kFirstOctets)) << 24 |
                  static_cast<unsigned>(rng_.Next() & 0xffffff)) & mask;
    return Str(a >> 24) + "." + Str((a >> 16) & 255) + "." + Str((a >> 8) & 255) + "." +
           Str(a & 255) + "/" + Str(length);
  }

  // Denies of blocklisted CIDRs first (rules 10, 20, ...), then `needed` from rule 1000.
  std::string NaclRules(const std::vector<std::string>& needed) {
    std::vector<std::string> rules;
    int denies = o_.nacl_rules - static_cast<int>(needed.size());
    for (int k = 0; k < denies; ++k) {
      rules.push_back("{rule: " + Str(10 * (k + 1)) + ", action: deny, protocol: all, cidr: " +
                      BlockedCidr() + "}");
    }
    for (size_t k = 0; k < needed.size(); ++k) {
      rules.push_back("{rule: " + Str(1000 + 10 * static_cast<long long>(k)) + ", action: allow, " +
                      needed[k] + "}");
    }
    return RuleList(rules);
  }

  void MakeNacls(const std::string& vpc, const std::string& cidr) {
    const std::string anywhere = "cidr: 0.0.0.0/0";
    nacls_ += "  " + vpc + "-pub:\n    vpc: " + vpc + "\n    ingress:" +
              NaclRules({"protocol: tcp, ports: 80, " + anywhere,
                         "protocol: tcp, ports: 443, " + anywhere,
                         "protocol: tcp, ports: 8443, " + anywhere,
                         "protocol: tcp, ports: 1024-65535, " + anywhere,
                         "protocol: all, cidr: " + cidr}) +
              "    egress:" + NaclRules({"protocol: all, " + anywhere});
    nacls_ += "  " + vpc + "-priv:\n    vpc: " + vpc + "\n    ingress:" +
              NaclRules({"protocol: all, cidr: " + cidr,
                         "protocol: tcp, ports: 1024-65535, " + anywhere,
                         "protocol: udp, ports: 1024-65535, " + anywhere}) +
              "    egress:" + NaclRules({"protocol: all, " + anywhere});
    nacls_ += "  " + vpc + "-db:\n    vpc: " + vpc + "\n    ingress:" +
              NaclRules({"protocol: tcp, ports: 3306-3307, cidr: " + cidr,
                         "protocol: tcp, ports: 5432-5433, cidr: " + cidr}) +
              "    egress:" + NaclRules({"protocol: tcp, ports: 1024-65535, cidr: " + cidr});
  }

  // ---- security groups --------------------------------------------------------------------

  static std::string RuleList(const std::vector<std::string>& rules) {
    if (rules.empty()) return " []\n";
    std::string out = "\n";
    for (const std::string& r : rules) out += "      - " + r + "\n";
    return out;
  }

  // `egress`: a RuleList, or "" for no egress key (allow-all).
  void Group(const std::string& id, const std::string& vpc, const std::vector<std::string>& ingress,
             const std::string& egress) {
    groups_ += "  " + id + ":\n    vpc: " + vpc + "\n    ingress:" + RuleList(ingress);
    if (!egress.empty()) groups_ += "    egress:" + egress;
  }

  // A rule of the kinds real groups collect over the years.
  std::string ExtraRule(const std::string& vpc_cidr) {
    switch (rng_.Int(0, 7)) {
      case 0:
        return "{protocol: tcp, ports: " + rng_.Pick(std::vector<std::string>{"22", "3389"}) +
               ", prefix_list: corp}";
      case 1:
        return "{protocol: tcp, ports: " +
               rng_.Pick(std::vector<std::string>{"443", "8443", "9000-9100", "80-443"}) +
               ", cidr: " + BlockedCidr() + "}";
      case 2:
        return "{protocol: icmp, cidr: " + vpc_cidr + "}";
      case 3:
        return "{protocol: udp, ports: 53, cidr: " + vpc_cidr + "}";
      case 4:
      case 5:
        return "{protocol: tcp, ports: " +
               rng_.Pick(std::vector<std::string>{"443", "8080", "6379", "5432", "1024-65535"}) +
               ", security_group: " + rng_.Pick(group_ids_) + "}";
      case 6:
        return "{protocol: tcp, ports: " + Str(rng_.Int(1, 65535)) + ", cidr: 10.0.0.0/8}";
      default:
        return "{protocol: all, cidr: " + vpc_cidr.substr(0, vpc_cidr.size() - 3) + "/20}";
    }
  }

  // ---- one application: balancer -> Auto Scaling group -> database -------------------------

  void MakeApplication(const std::string& vpc, const std::string& cidr,
                       const std::vector<App>& apps, int a) {
    const App& app = apps[a];
    const std::string other = apps[rng_.Int(0, static_cast<long long>(apps.size()) - 1)].app_group;
    // The zones it spans: two or three, starting anywhere.
    int zones = rng_.Chance(0.5) ? 2 : 3;
    int first_zone = static_cast<int>(rng_.Int(0, kZoneCount - 1));
    std::vector<int> zone_list;
    for (int k = 0; k < zones; ++k) zone_list.push_back((first_zone + k) % kZoneCount);
    auto private_subnets = [&]() {
      std::vector<std::string> out;
      for (int z : zone_list) {
        out.push_back(PrivateSubnet(vpc, z, static_cast<int>(rng_.Int(0, o_.private_subnets_per_az - 1))));
      }
      return out;
    };

    // The balancer and its target group.
    bool network = rng_.Chance(0.4);
    bool internet_facing = rng_.Chance(0.5);
    bool lb_has_group = !network || rng_.Chance(0.5);
    std::vector<std::string> lb_subnets;
    if (internet_facing) {
      for (int z : zone_list) lb_subnets.push_back(PublicSubnet(vpc, z));
    } else {
      lb_subnets = private_subnets();
    }
    std::vector<std::pair<std::string, int>> listeners;  // protocol, port
    std::string tg_protocol;
    int target_port = 0;
    if (network) {
      listeners.push_back({rng_.Chance(0.5) ? "TCP" : "TLS", 443});
      if (rng_.Chance(0.3)) listeners.push_back({"TCP", 8443});
      tg_protocol = "TCP";
      target_port = rng_.Chance(0.5) ? 8080 : 8443;
    } else {
      listeners.push_back({"HTTPS", 443});
      if (rng_.Chance(0.4)) listeners.push_back({"HTTP", 80});
      target_port = static_cast<int>(rng_.Pick(std::vector<long long>{8080, 8080, 80, 8443}));
      tg_protocol = target_port == 8443 ? "HTTPS" : "HTTP";
    }
    const std::string tg = app.id + "-tg";
    std::string listener_text;
    for (const auto& [protocol, port] : listeners) {
      listener_text += std::string(listener_text.empty() ? "" : ", ") + "{protocol: " + protocol +
                       ", port: " + Str(port) + ", target_groups: [" + tg + "]}";
    }
    std::string line = "  " + app.id + "-lb: {type: load_balancer, load_balancer_type: " +
                       (network ? "network" : "application") +
                       ", scheme: " + (internet_facing ? "internet-facing" : "internal") +
                       ", subnets: " + List(lb_subnets);
    if (lb_has_group) line += ", security_groups: [" + app.id + "-lb]";
    workloads_ += line + ", listeners: [" + listener_text + "]}\n";
    target_groups_ += "  " + tg + ": {protocol: " + tg_protocol + ", port: " + Str(target_port) +
                      ", vpc: " + vpc + ", targets: [" + app.id + "-web]}\n";
    if (lb_has_group) {
      std::vector<std::string> ingress;
      for (const auto& listener : listeners) {
        ingress.push_back("{protocol: tcp, ports: " + Str(listener.second) +
                          (internet_facing ? ", cidr: 0.0.0.0/0}" : ", cidr: " + cidr + "}"));
      }
      // Best practice, followed now and then: the balancer may only call its targets.
      std::string egress;
      if (rng_.Chance(0.3)) {
        egress = RuleList({"{protocol: tcp, ports: " + Str(target_port) +
                           ", security_group: " + app.app_group + "}"});
      }
      Group(app.id + "-lb", vpc, ingress, egress);
    }

    // The Auto Scaling group and its group. A network load balancer without groups is
    // admitted by address, as AWS's documentation advises.
    std::vector<std::string> web_subnets = private_subnets();
    workloads_ += "  " + app.id + "-web: {type: auto_scaling_group, subnets: " + List(web_subnets) +
                  ", count: " + Str(rng_.Int(2, 12)) + ", security_groups: [" + app.app_group +
                  "]}\n";
    std::vector<std::string> app_ingress = {
        "{protocol: tcp, ports: " + Str(target_port) +
            (lb_has_group ? ", security_group: " + app.id + "-lb}" : ", cidr: " + cidr + "}"),
        "{protocol: tcp, ports: 22, security_group: " + vpc + "-bastion}",
        "{protocol: tcp, ports: 9100, security_group: " + vpc + "-monitoring}"};
    if (rng_.Chance(0.15) && other != app.app_group) {
      app_ingress.push_back("{protocol: tcp, ports: " + Str(target_port) +
                            ", security_group: " + other + "}");
    }
    int extra = static_cast<int>(rng_.Int(0, o_.max_extra_rules));
    for (int k = 0; k < extra; ++k) app_ingress.push_back(ExtraRule(cidr));
    Group(app.app_group, vpc, app_ingress, "");

    // The database, in its subnet group (the database subnets of the application's zones).
    if (rng_.Chance(0.125)) return;
    bool cluster = rng_.Chance(0.4);
    bool postgres = rng_.Chance(0.6);
    int port = postgres ? 5432 : 3306;
    std::string db = "  " + app.id + "-db: {type: " + (cluster ? "rds_cluster" : "rds_instance") +
                     ", engine: " +
                     (cluster ? (postgres ? "aurora-postgresql" : "aurora-mysql")
                              : (postgres ? "postgres" : "mysql"));
    if (rng_.Chance(0.15)) {
      port += 1;
      db += ", port: " + Str(port);
    }
    if (cluster) db += ", count: " + Str(rng_.Int(2, 3));
    std::vector<std::string> db_subnets;
    for (int z : zone_list) db_subnets.push_back(DbSubnet(vpc, z));
    workloads_ += db + ", subnets: " + List(db_subnets) + ", security_groups: [" + app.id +
                  "-db]}\n";
    std::vector<std::string> db_ingress = {"{protocol: tcp, ports: " + Str(port) +
                                           ", security_group: " + app.app_group + "}"};
    if (rng_.Chance(0.2) && other != app.app_group) {
      db_ingress.push_back("{protocol: tcp, ports: " + Str(port) + ", security_group: " + other +
                           "}");
    }
    if (rng_.Chance(0.1)) {
      db_ingress.push_back("{protocol: tcp, ports: " + Str(port) + ", security_group: " + vpc +
                           "-bastion}");
    }
    Group(app.id + "-db", vpc, db_ingress, rng_.Chance(0.5) ? " []\n" : "");
  }

  const WorkloadEstateOptions& o_;
  Rng rng_;
  std::vector<std::string> group_ids_;  // of the VPC being made: what extra rules may reference
  std::string vpcs_, igws_, subnets_, tables_, nats_, endpoints_, nacls_, groups_, enis_,
      workloads_, target_groups_;
};

}  // namespace

WorkloadEstateOptions WorkloadRegion(std::uint64_t seed) {
  WorkloadEstateOptions o;
  o.seed = seed;
  return o;
}

WorkloadEstateOptions WorkloadRegion10(std::uint64_t seed) {
  WorkloadEstateOptions o;
  o.seed = seed;
  o.applications_per_vpc = 8;
  o.plain_enis_per_vpc = 12;
  o.misc_groups_per_vpc = 4;
  return o;
}

std::string GenerateWorkloadEstate(const WorkloadEstateOptions& options) {
  return WorkloadEstateGenerator(options).Run();
}

}  // namespace vpcreach::testing
