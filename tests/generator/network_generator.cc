#include "tests/generator/network_generator.h"

#include <algorithm>
#include <optional>
#include <map>
#include <set>
#include <sstream>
#include <utility>
#include <vector>

#include "model/ip.h"
#include "tests/generator/rng.h"

namespace vpcreach::testing {
namespace {

Cidr Block(Ipv4 base, int length) {
  Ipv4 mask = length == 0 ? 0 : static_cast<Ipv4>(0xffffffffull << (32 - length));
  return Cidr{base & mask, length};
}

Cidr C(const char* text) { return *ParseCidr(text); }

struct GSubnet {
  std::string id;
  int vpc = 0;
  Cidr cidr;
  char az = 'a';
  bool is_public = false;
  std::string route_table;  // "" = the VPC's main table
  std::string network_acl;  // "" = the VPC's default NACL
  std::uint64_t room = 0;   // addresses still free for holders
};

struct GTable {
  std::string id;
  bool main = false;
  bool is_public = false;
  std::vector<std::string> routes;   // flow maps
  std::set<std::string> destinations;
  std::set<std::string> gateway_services;  // s3 / dynamodb endpoints on this table
  std::string gateway;  // an internet gateway: a gateway route table (ingress routing)
  std::vector<std::string> propagating;  // virtual private gateways propagating to it
};

struct GVpc {
  std::string id;
  std::vector<Cidr> cidrs;
  std::string igw;  // "" = none
  bool deployed = false;
  std::vector<int> subnets;
  std::vector<GTable> tables;
  std::vector<std::string> nats;
  std::vector<std::string> public_nats;  // those with an Elastic IP (not private)
  std::vector<std::string> enis;  // ids, for route targets
  std::vector<std::string> groups;  // written groups + the default group
  std::string Default() const { return id + "-default-sg"; }
};

struct GGroup {
  std::string id;
  int vpc = 0;
  std::vector<std::string> ingress;
  std::optional<std::vector<std::string>> egress;  // nullopt: no egress key (allow-all)
  bool fixed = false;  // a training job's group: rules written already
};

class Generator {
 public:
  explicit Generator(const GeneratorOptions& o)
      : o_(o),
        rng_(o.seed),
        workload_rng_(o.seed ^ 0x776f726b6c6f6164ull),
        peering_rng_(o.seed ^ 0x70656572696e67ull),
        tgw_rng_(o.seed ^ 0x7467772d68756273ull),
        vpn_rng_(o.seed ^ 0x76706e2d6463ull),
        tgw_extra_rng_(o.seed ^ 0x7467772d70656572ull) {}

  std::string Run() {
    MakeVpcs();
    MakeSubnets();
    MakePrefixLists();
    MakeGroupIds();
    MakeNatGateways();
    MakeEnis();
    MakeInterfaceEndpoints();
    MakeWorkloads();
    MakeRouteTables();
    MakeNacls();
    MakeGroupRules();
    MakeVpcWorkloads();
    MakePeerings();
    MakeTransitGateway();
    MakeVpn();
    return Emit();
  }

 private:
  // ---- address pools ----------------------------------------------------------------------

  Ipv4 RandomPublicAddress() {
    static const std::vector<int> kFirstOctets = {3,  8,  13, 18, 23, 34, 35, 44, 52,
                                                  54, 63, 91, 104, 128, 151, 185, 198, 203};
    for (;;) {
      Ipv4 a = static_cast<Ipv4>(rng_.Pick(kFirstOctets)) << 24 |
               static_cast<Ipv4>(rng_.Next() & 0xffffff);
      if (!IsRfc1918(a)) return a;
    }
  }

  // A public IP for an ENI or NAT gateway: unique, public, outside the S3/DynamoDB ranges.
  std::string NewPublicIp() {
    for (;;) {
      Ipv4 a = (static_cast<Ipv4>(rng_.Pick(std::vector<int>{34, 35, 44, 54})) << 24) |
               static_cast<Ipv4>(rng_.Int(0, 200) << 16) | static_cast<Ipv4>(rng_.Next() & 0xffff);
      if ((a & 0xffff) == 0) continue;
      if (public_ips_.insert(a).second) {
        public_pool_.push_back(a);
        return FormatIpv4(a);
      }
    }
  }

  Cidr RandomPublicCidr() { return Block(RandomPublicAddress(), static_cast<int>(rng_.Int(8, 24))); }

  // A CIDR for a rule or route destination, from the interesting ones.
  Cidr InterestingCidr(int vpc) {
    switch (rng_.Int(0, 13)) {
      case 0:
      case 1:
        return C("0.0.0.0/0");
      case 2:
        return rng_.Pick(vpcs_[vpc].cidrs);
      case 3:
        return rng_.Pick(vpcs_[rng_.Int(0, static_cast<long long>(vpcs_.size()) - 1)].cidrs);
      case 4:
        if (!vpcs_[vpc].subnets.empty()) return subnets_[rng_.Pick(vpcs_[vpc].subnets)].cidr;
        return C("10.0.0.0/8");
      case 5:
        if (!private_pool_.empty()) return HostCidr(rng_.Pick(private_pool_));
        return C("10.0.0.0/8");
      case 6:
        if (!public_pool_.empty()) return HostCidr(rng_.Pick(public_pool_));
        return RandomPublicCidr();
      case 7:
        return C("151.101.0.0/16");
      case 8:
        return rng_.Pick(std::vector<Cidr>{C("52.216.0.0/15"), C("52.216.0.0/16"),
                                           C("52.217.128.0/17"), C("3.5.0.0/19"),
                                           C("52.94.0.0/22")});
      case 9:
        return rng_.Pick(std::vector<Cidr>{C("10.0.0.0/8"), C("172.16.0.0/12"),
                                           C("192.168.0.0/16"), C("169.254.0.0/16"),
                                           C("169.254.169.254/32")});
      case 10: {
        // A random piece of a VPC block, often cutting across subnets.
        Cidr b = rng_.Pick(vpcs_[vpc].cidrs);
        int length = static_cast<int>(rng_.Int(b.length, 32));
        return Block(b.base + static_cast<Ipv4>(rng_.Next() % b.Size()), length);
      }
      default:
        return RandomPublicCidr();
    }
  }

  std::string RandomPorts() {
    switch (rng_.Int(0, 13)) {
      case 0: return "22";
      case 1: return "80";
      case 2:
      case 3: return "443";
      case 4: return "500";
      case 5: return "1024-65535";
      case 6: return "32768-60999";
      case 7: return "8080";
      case 8: return "0-1023";
      case 9: return "80-443";
      case 10: return std::to_string(rng_.Int(0, 65535));
      case 11: {
        long long a = rng_.Int(0, 65535), b = rng_.Int(0, 65535);
        return std::to_string(std::min(a, b)) + "-" + std::to_string(std::max(a, b));
      }
      case 12: return "49152-65535";
      default: return "0-65535";
    }
  }

  // "protocol: tcp, ports: 443, " (ports only for tcp/udp, and not always).
  std::string RandomTraffic() {
    std::string protocol;
    switch (rng_.Int(0, 19)) {
      case 0: case 1: case 2: case 3: case 4: case 5: case 6: protocol = "tcp"; break;
      case 7: case 8: case 9: protocol = "udp"; break;
      case 10: case 11: protocol = "icmp"; break;
      case 12: case 13: case 14: case 15: protocol = "all"; break;
      case 16: protocol = "50"; break;
      case 17: protocol = rng_.Chance(0.5) ? "-1" : "6"; break;
      default: protocol = std::to_string(rng_.Int(0, 255)); break;
    }
    std::string out = "protocol: " + protocol + ", ";
    bool ports = protocol == "tcp" || protocol == "udp" || protocol == "6" || protocol == "17";
    if (ports && rng_.Chance(0.75)) out += "ports: " + RandomPorts() + ", ";
    if (protocol == "icmp" && rng_.Chance(0.7)) out += RandomIcmp();
    return out;
  }

  // "icmp_type: 8, " or "icmp_type: 3, icmp_code: 4, ": echo and its reply, the other queries
  // and their replies, one-way types, now and then any type; a code only with a type (the
  // loader's rule), sometimes -1.
  std::string RandomIcmp() {
    static const std::vector<int> kTypes = {8, 8, 0, 0, 3, 11, 13, 14, 15, 17, 18, 5};
    int type = rng_.Chance(0.9) ? rng_.Pick(kTypes) : static_cast<int>(rng_.Int(-1, 255));
    std::string out = "icmp_type: " + std::to_string(type) + ", ";
    if (type != -1 && rng_.Chance(0.3)) {
      long long code = rng_.Chance(0.7) ? rng_.Int(0, 4) : rng_.Int(-1, 255);
      out += "icmp_code: " + std::to_string(code) + ", ";
    }
    return out;
  }

  // ---- VPCs and subnets -------------------------------------------------------------------

  void MakeVpcs() {
    static const std::vector<Cidr> kPool = {C("10.0.0.0/16"), C("10.1.0.0/16"), C("10.0.0.0/20"),
                                            C("172.16.0.0/16"), C("192.168.0.0/20"),
                                            C("10.0.128.0/17")};
    static const std::vector<Cidr> kSecondary = {C("100.64.0.0/20"), C("10.200.0.0/16"),
                                                 C("172.31.0.0/20"), C("192.168.16.0/24")};
    Rng deployed(o_.seed ^ 0xde91017edull);
    for (int v = 0; v < o_.vpcs; ++v) {
      GVpc vpc;
      vpc.id = "v" + std::to_string(v);
      vpc.deployed = o_.deployed_fraction > 0 && deployed.Chance(o_.deployed_fraction);
      if (o_.overlapping_vpcs) {
        vpc.cidrs.push_back(rng_.Pick(kPool));
      } else {
        vpc.cidrs.push_back(Cidr{(10u << 24) | (static_cast<Ipv4>(v) << 16), 16});
      }
      if (rng_.Chance(o_.secondary_cidr_fraction)) {
        Cidr second = rng_.Pick(kSecondary);
        if (!second.Overlaps(vpc.cidrs[0])) vpc.cidrs.push_back(second);
      }
      if (rng_.Chance(o_.igw_fraction)) vpc.igw = vpc.id + "-igw";
      vpcs_.push_back(std::move(vpc));
    }
  }

  void MakeSubnets() {
    for (int v = 0; v < static_cast<int>(vpcs_.size()); ++v) {
      GVpc& vpc = vpcs_[v];
      int count = static_cast<int>(rng_.Int(o_.min_subnets_per_vpc, o_.subnets_per_vpc));
      std::vector<Cidr> taken;
      for (int n = 0; n < count; ++n) {
        std::optional<Cidr> cidr;
        for (int attempt = 0; attempt < 60 && !cidr; ++attempt) {
          Cidr b = rng_.Pick(vpc.cidrs);
          int length = 24;
          if (o_.small_subnets) {
            length = rng_.Pick(std::vector<int>{20, 22, 24, 24, 24, 26, 27, 28});
          }
          length = std::clamp(length, std::max(b.length, 16), 28);
          Ipv4 slot = static_cast<Ipv4>(rng_.Int(0, (1ll << (length - b.length)) - 1));
          if (!o_.small_subnets) slot = static_cast<Ipv4>(n) % (1u << (length - b.length));
          Cidr c{b.base + (length == 32 ? slot : slot << (32 - length)), length};
          bool overlaps = std::any_of(taken.begin(), taken.end(),
                                      [&](const Cidr& t) { return t.Overlaps(c); });
          if (!overlaps) cidr = c;
        }
        if (!cidr) continue;
        taken.push_back(*cidr);
        GSubnet s;
        s.id = vpc.id + "-sn" + std::to_string(n);
        s.vpc = v;
        s.cidr = *cidr;
        s.az = static_cast<char>('a' + rng_.Int(0, 2));
        s.is_public = rng_.Chance(o_.public_subnet_fraction);
        s.room = cidr->Size() - 5;
        vpc.subnets.push_back(static_cast<int>(subnets_.size()));
        subnets_.push_back(s);
      }
      // One public subnet at least when the VPC has an internet gateway, for its NAT.
      if (!vpc.igw.empty() && !vpc.subnets.empty()) {
        bool any = std::any_of(vpc.subnets.begin(), vpc.subnets.end(),
                               [&](int s) { return subnets_[s].is_public; });
        if (!any) subnets_[vpc.subnets.front()].is_public = true;
      }
    }
  }

  // A subnet (of `vpc`, or of any VPC when -1) with room for one more address holder; -1 if none.
  int SubnetWithRoom(int vpc, int want_public = -1) {
    std::vector<int> candidates;
    for (int s = 0; s < static_cast<int>(subnets_.size()); ++s) {
      if (vpc >= 0 && subnets_[s].vpc != vpc) continue;
      if (want_public >= 0 && subnets_[s].is_public != (want_public == 1)) continue;
      if (subnets_[s].room > 0) candidates.push_back(s);
    }
    if (candidates.empty()) return -1;
    return rng_.Pick(candidates);
  }

  // Takes one address of subnet `s`; returns a written private IP, or "" to let the loader choose.
  std::string TakeAddress(int s) {
    GSubnet& subnet = subnets_[s];
    --subnet.room;
    if (!rng_.Chance(o_.explicit_address_fraction)) return "";
    for (int attempt = 0; attempt < 20; ++attempt) {
      Ipv4 a = subnet.cidr.base + 4 + static_cast<Ipv4>(rng_.Next() % (subnet.cidr.Size() - 5));
      if (used_private_.insert(a).second) {
        private_pool_.push_back(a);
        return FormatIpv4(a);
      }
    }
    return "";
  }

  void MakePrefixLists() {
    for (int i = 0; i < o_.customer_prefix_lists; ++i) {
      std::string id = "corp" + std::to_string(i);
      std::vector<Cidr> cidrs;
      int count = static_cast<int>(rng_.Int(1, 3));
      for (int k = 0; k < count; ++k) {
        Cidr c = rng_.Chance(0.3) ? InterestingCidr(0) : RandomPublicCidr();
        if (std::find(cidrs.begin(), cidrs.end(), c) == cidrs.end()) cidrs.push_back(c);
      }
      std::string text;
      for (const Cidr& c : cidrs) text += (text.empty() ? "" : ", ") + c.ToString();
      prefix_lists_.push_back(id);
      prefix_list_text_ += "  " + id + ": {cidrs: [" + text + "]}\n";
    }
  }

  void MakeGroupIds() {
    for (GVpc& vpc : vpcs_) vpc.groups.push_back(vpc.Default());
    for (int g = 0; g < o_.security_groups; ++g) {
      GGroup group;
      group.id = "sg" + std::to_string(g);
      group.vpc = static_cast<int>(g % vpcs_.size());
      if (o_.vpcs > 1 && rng_.Chance(0.3)) group.vpc = static_cast<int>(rng_.Int(0, o_.vpcs - 1));
      vpcs_[group.vpc].groups.push_back(group.id);
      groups_.push_back(std::move(group));
    }
  }

  // 1..max groups of `vpc`, or an empty list (the key left out: the default group).
  std::vector<std::string> PickGroups(int vpc) {
    std::vector<std::string> out;
    if (rng_.Chance(0.1)) return out;
    const std::vector<std::string>& all = vpcs_[vpc].groups;
    int count = static_cast<int>(rng_.Int(1, std::min<long long>(o_.max_groups_per_eni,
                                                                  static_cast<long long>(all.size()))));
    while (static_cast<int>(out.size()) < count) {
      const std::string& g = rng_.Pick(all);
      if (std::find(out.begin(), out.end(), g) == out.end()) out.push_back(g);
    }
    return out;
  }

  static std::string GroupList(const std::vector<std::string>& groups) {
    std::string out;
    for (const std::string& g : groups) out += (out.empty() ? "" : ", ") + g;
    return "[" + out + "]";
  }

  void MakeNatGateways() {
    int n = 0;
    for (int v = 0; v < static_cast<int>(vpcs_.size()); ++v) {
      GVpc& vpc = vpcs_[v];
      if (vpc.igw.empty() && !rng_.Chance(0.1)) continue;  // rarely a NAT in a VPC without IGW
      if (!(o_.nat_per_vpc || rng_.Chance(o_.nat_fraction))) continue;
      int count = o_.nat_per_vpc ? 1 : (rng_.Chance(0.2) ? 2 : 1);
      for (int k = 0; k < count; ++k) {
        bool in_private = rng_.Chance(o_.nat_in_private_fraction);
        int s = SubnetWithRoom(v, in_private ? 0 : 1);
        if (s < 0) s = SubnetWithRoom(v);
        if (s < 0) continue;
        std::string id = vpc.id + "-nat" + std::to_string(n++);
        bool is_private = rng_.Chance(o_.private_nat_fraction);
        std::string line = "  " + id + ": {subnet: " + subnets_[s].id +
                           (is_private ? ", connectivity: private" : ", public_ip: " + NewPublicIp());
        std::string ip = TakeAddress(s);
        if (!ip.empty()) line += ", private_ip: " + ip;
        nat_text_ += line + "}\n";
        vpc.nats.push_back(id);
        if (!is_private) vpc.public_nats.push_back(id);
      }
    }
  }

  void MakeEnis() {
    for (int e = 0; e < o_.enis; ++e) {
      int s = SubnetWithRoom(-1);
      if (s < 0) break;
      const GSubnet& subnet = subnets_[s];
      std::string id = "eni" + std::to_string(e);
      std::string line = "  " + id + ": {subnet: " + subnet.id;
      std::string ip = TakeAddress(s);
      if (!ip.empty()) line += ", private_ip: " + ip;
      if (rng_.Chance(o_.public_ip_fraction)) line += ", public_ip: " + NewPublicIp();
      std::vector<std::string> groups = PickGroups(subnet.vpc);
      if (!groups.empty()) line += ", security_groups: " + GroupList(groups);
      if (rng_.Chance(o_.no_source_dest_check_fraction)) line += ", source_dest_check: false";
      eni_text_ += line + "}\n";
      vpcs_[subnet.vpc].enis.push_back(id);
    }
  }

  void MakeInterfaceEndpoints() {
    for (int v = 0; v < static_cast<int>(vpcs_.size()); ++v) {
      if (!rng_.Chance(o_.interface_endpoint_fraction)) continue;
      std::vector<std::string> names;
      std::set<char> zones;
      for (int s : vpcs_[v].subnets) {
        if (subnets_[s].room == 0 || zones.count(subnets_[s].az) || !rng_.Chance(0.6)) continue;
        zones.insert(subnets_[s].az);
        --subnets_[s].room;
        names.push_back(subnets_[s].id);
      }
      if (names.empty()) continue;
      std::string line = "  " + vpcs_[v].id + "-api: {vpc: " + vpcs_[v].id +
                         ", service: sagemaker.api, type: interface, subnets: " +
                         GroupList(names);
      std::vector<std::string> groups = PickGroups(v);
      if (!groups.empty()) line += ", security_groups: " + GroupList(groups);
      interface_text_ += line + "}\n";
    }
  }

  void MakeWorkloads() {
    for (int n = 0; n < o_.notebooks; ++n) {
      std::string id = "nb" + std::to_string(n);
      std::string dia = rng_.Chance(0.5) ? "enabled" : "disabled";
      int s = rng_.Chance(o_.no_vpc_workload_fraction) ? -1 : SubnetWithRoom(-1);
      if (s < 0) {
        // SageMaker refuses to disable direct internet access without a subnet.
        notebook_text_ += "    " + id + ": {direct_internet_access: enabled}\n";
        continue;
      }
      std::string line = "    " + id + ": {subnet: " + subnets_[s].id;
      std::string ip = TakeAddress(s);
      if (!ip.empty()) line += ", private_ip: " + ip;
      std::vector<std::string> groups = PickGroups(subnets_[s].vpc);
      // A notebook in a subnet names its groups (SageMaker requires them): the default when none.
      if (groups.empty()) groups.push_back(vpcs_[subnets_[s].vpc].Default());
      line += ", security_groups: " + GroupList(groups);
      line += ", direct_internet_access: " + dia + ", root_access: disabled}\n";
      notebook_text_ += line;
    }
    for (int j = 0; j < o_.training_jobs; ++j) {
      std::string id = "job" + std::to_string(j);
      int count = static_cast<int>(rng_.Int(o_.min_training_instances, o_.max_training_instances));
      std::string flags = std::string(", network_isolation: ") +
                          (rng_.Chance(0.3) ? "true" : "false") +
                          ", inter_container_encryption: " + (rng_.Chance(0.5) ? "true" : "false");
      int first = rng_.Chance(o_.no_vpc_workload_fraction) ? -1 : SubnetWithRoom(-1);
      if (first < 0) {
        job_text_ += "    " + id + ": {instance_count: " + std::to_string(count) + flags + "}\n";
        continue;
      }
      int v = subnets_[first].vpc;
      std::vector<int> subnets = {first};
      if (rng_.Chance(0.5)) {
        int second = SubnetWithRoom(v);
        if (second >= 0 && second != first) subnets.push_back(second);
      }
      // Round-robin placement: make sure every listed subnet has room for its share.
      for (int i = 0; i < count; ++i) {
        GSubnet& s = subnets_[subnets[i % subnets.size()]];
        if (s.room == 0) {
          count = i;
          break;
        }
        --s.room;
      }
      if (count == 0) continue;
      std::vector<std::string> names;
      for (int s : subnets) names.push_back(subnets_[s].id);
      // The job's own group: the self rules distributed training needs, IPsec or plain.
      GGroup group;
      group.id = id + "-sg";
      group.vpc = v;
      bool ipsec = rng_.Chance(0.6);
      bool plain = rng_.Chance(0.6);
      std::vector<std::string> rules;
      if (ipsec) {
        rules.push_back("{protocol: udp, ports: 500, security_group: " + group.id + "}");
        rules.push_back("{protocol: 50, security_group: " + group.id + "}");
      }
      if (plain) rules.push_back("{protocol: tcp, security_group: " + group.id + "}");
      if (rng_.Chance(0.2)) rules.push_back("{protocol: all, security_group: " + group.id + "}");
      group.ingress = rules;
      group.fixed = true;
      if (rng_.Chance(0.7)) {
        if (rng_.Chance(0.5)) rules.push_back("{protocol: tcp, ports: 443, prefix_list: pl-s3}");
        group.egress = rules;
      }
      vpcs_[v].groups.push_back(group.id);
      groups_.push_back(group);
      std::vector<std::string> job_groups = {group.id};
      if (rng_.Chance(0.3)) {
        const std::string& other = rng_.Pick(vpcs_[v].groups);
        if (other != group.id) job_groups.push_back(other);
      }
      job_text_ += "    " + id + ": {subnets: " + GroupList(names) + ", security_groups: " +
                   GroupList(job_groups) + ", instance_count: " + std::to_string(count) + flags +
                   "}\n";
    }
  }

  // ---- workloads (`workloads:`) ------------------------------------------------------------

  // Each of the kinds whose interfaces do something of their own (answer some ports only, or
  // nothing, or open nothing), in a subnet with room; drawn from workload_rng_ only.
  void MakeVpcWorkloads() {
    Rng& r = workload_rng_;
    for (int i = 0; i < o_.workloads; ++i) {
      std::vector<int> roomy;
      for (int s = 0; s < static_cast<int>(subnets_.size()); ++s) {
        if (subnets_[s].room >= 4) roomy.push_back(s);
      }
      if (roomy.empty()) return;
      int first = r.Pick(roomy);
      int v = subnets_[first].vpc;
      std::vector<int> subnets = {first};
      for (int s : roomy) {
        if (s != first && subnets_[s].vpc == v && subnets.size() < 2 && r.Chance(0.4)) {
          subnets.push_back(s);
        }
      }
      std::vector<std::string> names;
      for (int s : subnets) names.push_back(subnets_[s].id);
      std::vector<std::string> groups;
      for (int k = 0; k < (r.Chance(0.3) ? 2 : 1); ++k) {
        const std::string& g = r.Pick(vpcs_[v].groups);
        if (std::find(groups.begin(), groups.end(), g) == groups.end()) groups.push_back(g);
      }
      std::string id = "wl" + std::to_string(i);
      std::string line = "  " + id + ": {";
      int interfaces = 1;
      switch (r.Int(0, 7)) {
        case 0: {
          line += "type: instance, subnet: " + names.front();
          if (r.Chance(0.5)) {
            long long extra = r.Int(1, 2);
            line += ", secondary_ip_count: " + std::to_string(extra);
            interfaces += static_cast<int>(extra);
          }
          if (r.Chance(0.3)) line += ", associate_public_ip: true";
          if (r.Chance(0.4)) line += ", ports: " + RandomServedPorts(r);
          subnets = {first};
          break;
        }
        case 1:
          line +=
              "type: rds_instance, subnets: " + GroupList(names) +
              (r.Chance(0.5) ? ", engine: " + r.Pick(std::vector<std::string>{"postgres", "mysql"})
                             : ", port: " + RandomPort(r));
          if (r.Chance(0.2)) line += ", associate_public_ip: true";
          subnets = {first};
          break;
        case 2:
          line += "type: lambda_function, subnets: " + GroupList(names);
          interfaces = static_cast<int>(names.size());
          break;
        case 3:
          line += "type: efs_mount_target, subnet: " + names.front();
          subnets = {first};
          break;
        case 4: {
          bool network = r.Chance(0.5);
          line += std::string("type: load_balancer, load_balancer_type: ") +
                  (network ? "network" : "application") + ", subnets: " + GroupList(names) +
                  ", scheme: " + (r.Chance(0.5) ? "internal" : "internet-facing") +
                  ", listeners: [";
          int listeners = static_cast<int>(r.Int(1, 2));
          for (int k = 0; k < listeners; ++k) {
            std::string protocol =
                network ? r.Pick(std::vector<std::string>{"TCP", "UDP", "TCP_UDP", "TLS"})
                        : r.Pick(std::vector<std::string>{"HTTP", "HTTPS"});
            // Distinct ports: the second listener takes the first's + 1.
            line += std::string(k == 0 ? "" : ", ") + "{protocol: " + protocol +
                    ", port: " + std::to_string(k == 0 ? 443 : 8443 + k);
            // A target group of the VPC's plain ENIs, so the balancer proxies (the
            // differential test follows its backend legs).
            if (!vpcs_[v].enis.empty() && r.Chance(0.6)) {
              std::string tg = id + "-tg" + std::to_string(k);
              line += ", target_groups: [" + tg + "]";
              std::string tg_protocol =
                  protocol == "UDP" || protocol == "TCP_UDP" ? protocol : network ? "TCP" : "HTTP";
              target_group_text_ += "  " + tg + ": {protocol: " + tg_protocol + ", port: " +
                                    r.Pick(std::vector<std::string>{"443", "8080", "22"}) +
                                    ", targets: [" + r.Pick(vpcs_[v].enis);
              if (r.Chance(0.4)) {
                target_group_text_ += ", {target: " + r.Pick(vpcs_[v].enis) + ", port: 5432}";
              }
              target_group_text_ += "]}\n";
            }
            line += "}";
          }
          line += "]";
          interfaces = static_cast<int>(names.size());
          break;
        }
        case 5: {
          long long count = r.Int(1, 2);
          line += "type: elasticache_cluster, subnets: " + GroupList(names) +
                  ", engine: " + r.Pick(std::vector<std::string>{"redis", "memcached"}) +
                  ", count: " + std::to_string(count);
          interfaces = static_cast<int>(count);
          break;
        }
        case 6: {
          long long count = r.Int(1, 3);
          line += "type: auto_scaling_group, subnets: " + GroupList(names) +
                  ", count: " + std::to_string(count);
          if (r.Chance(0.4)) line += ", ports: " + RandomServedPorts(r);
          if (r.Chance(0.3)) line += ", opens_connections: false";
          interfaces = static_cast<int>(count);
          break;
        }
        default:
          line += "type: opensearch_domain, subnets: " + GroupList(names);
          interfaces = static_cast<int>(names.size());
          break;
      }
      // Round-robin placement: every subnet takes its share (and a secondary address is room).
      bool fits = true;
      for (int k = 0; k < interfaces; ++k) {
        GSubnet& s = subnets_[subnets[static_cast<size_t>(k) % subnets.size()]];
        if (s.room == 0) fits = false;
        if (fits) --s.room;
      }
      if (!fits) continue;  // the room taken stays taken: harmless
      line += ", security_groups: " + GroupList(groups) + "}\n";
      workload_text_ += line;
    }
  }

  static std::string RandomPort(Rng& r) {
    return r.Pick(std::vector<std::string>{"22", "443", "5432", "8080", "53"});
  }

  // What an instance or Auto Scaling group answers when it says so itself.
  static std::string RandomServedPorts(Rng& r) {
    switch (r.Int(0, 6)) {
      case 0:
        return "[443]";
      case 1:
        return "[{protocol: udp, ports: 53}, 22]";
      case 2:
        return "[{protocol: all}]";
      case 3:
        return "[]";
      case 4:
        return "[{protocol: icmp}, 1024-2048]";
      case 5:
        return "[{protocol: 50}, {protocol: udp}]";
      default:
        return "[80-443, 8080]";
    }
  }

  // ---- routing ----------------------------------------------------------------------------

  std::string RandomTarget(int v, const std::string& destination, bool inside_vpc) {
    const GVpc& vpc = vpcs_[v];
    std::vector<std::string> targets;
    if (!vpc.igw.empty()) targets.push_back(vpc.igw);
    for (const std::string& n : vpc.nats) targets.push_back(n);
    for (const std::string& n : vpc.nats) targets.push_back(n);
    for (int k = 0; k < 2 && !vpc.enis.empty(); ++k) targets.push_back(rng_.Pick(vpc.enis));
    if (inside_vpc) targets.push_back("local");
    if (targets.empty() || rng_.Chance(o_.blackhole_fraction)) return "blackhole";
    return rng_.Pick(targets);
  }

  // A middlebox inside the VPC (an ENI or a NAT gateway), or "" when it has none: the only
  // targets AWS takes for a route more specific than the local route.
  std::string RandomMiddlebox(int v) {
    const GVpc& vpc = vpcs_[v];
    std::vector<std::string> targets = vpc.enis;
    for (const std::string& n : vpc.nats) targets.push_back(n);
    return targets.empty() ? "" : rng_.Pick(targets);
  }

  // A route whose destination is a VPC block replaces the local route's target (a middlebox).
  bool AddRoute(int v, GTable* table, const std::string& destination, const std::string& target) {
    for (const Cidr& c : vpcs_[v].cidrs) {
      if (destination == c.ToString() && target == "local") return false;  // the local route
    }
    if ((destination == "pl-s3" && table->gateway_services.count("s3")) ||
        (destination == "pl-dynamodb" && table->gateway_services.count("dynamodb"))) {
      return false;
    }
    if (!table->destinations.insert(destination).second) return false;
    table->routes.push_back("{destination: " + destination + ", target: " + target + "}");
    return true;
  }

  void MakeRouteTables() {
    int endpoint_count = 0;
    for (int v = 0; v < static_cast<int>(vpcs_.size()); ++v) {
      GVpc& vpc = vpcs_[v];
      std::vector<GTable>& tables = vpc.tables;
      int pub = -1;
      if (!vpc.igw.empty()) {
        GTable t;
        t.id = vpc.id + "-pub";
        t.is_public = true;
        tables.push_back(t);
        pub = 0;
      }
      int others = static_cast<int>(rng_.Int(1, std::max(1, o_.route_tables_per_vpc)));
      if (!o_.small_subnets) others = o_.route_tables_per_vpc;
      for (int k = 0; k < others; ++k) {
        GTable t;
        t.id = vpc.id + "-rt" + std::to_string(k);
        tables.push_back(t);
      }
      if (rng_.Chance(o_.main_table_fraction)) {
        (rng_.Chance(0.5) ? tables.front() : tables.back()).main = true;
      }
      // Gateway endpoints on some private tables.
      for (const char* service : {"s3", "dynamodb"}) {
        bool s3 = std::string(service) == "s3";
        bool make = s3 ? (o_.s3_endpoint_per_vpc || rng_.Chance(o_.s3_endpoint_fraction))
                       : rng_.Chance(o_.dynamodb_endpoint_fraction);
        if (!make) continue;
        std::vector<std::string> names;
        for (GTable& t : tables) {
          if (t.is_public && !rng_.Chance(0.15)) continue;
          if (!o_.s3_endpoint_per_vpc && !rng_.Chance(0.7)) continue;
          t.gateway_services.insert(service);
          names.push_back(t.id);
        }
        if (names.empty()) continue;
        endpoint_text_ += "  " + vpc.id + "-" + service + std::to_string(endpoint_count++) +
                          ": {vpc: " + vpc.id + ", service: " + service +
                          ", type: gateway, route_tables: " + GroupList(names) + "}\n";
      }
      // The default routes.
      for (GTable& t : tables) {
        if (t.is_public) {
          AddRoute(v, &t, "0.0.0.0/0", vpc.igw);
        } else if (!vpc.nats.empty() && rng_.Chance(0.8)) {
          AddRoute(v, &t, "0.0.0.0/0", rng_.Pick(vpc.nats));
        } else if (rng_.Chance(0.5)) {
          AddRoute(v, &t, "0.0.0.0/0", RandomTarget(v, "0.0.0.0/0", false));
        }
      }
      // More specific routes.
      for (GTable& t : tables) {
        int extra = static_cast<int>(rng_.Int(0, o_.routes_per_table));
        if (!o_.small_subnets) extra = o_.routes_per_table;
        for (int k = 0, attempts = 0; k < extra && attempts < extra * 4; ++attempts) {
          std::string destination;
          bool inside = false;
          int kind = static_cast<int>(rng_.Int(0, 9));
          if (kind == 0 && !prefix_lists_.empty()) {
            destination = rng_.Pick(prefix_lists_);
          } else if (kind == 1) {
            destination = rng_.Chance(0.7) ? "pl-s3" : "pl-dynamodb";
          } else {
            Cidr c = InterestingCidr(v);
            inside = std::any_of(vpc.cidrs.begin(), vpc.cidrs.end(),
                                 [&](const Cidr& b) { return b.Contains(c); });
            destination = c.ToString();
          }
          std::string target = RandomTarget(v, destination, inside);
          if (inside) {
            // AWS takes a route inside a VPC block only to a middlebox, for exactly a subnet's
            // CIDR (the table's own subnets included: the local route decides there), or for the
            // whole block (replacing the local route's target).
            target = RandomMiddlebox(v);
            if (target.empty() || vpc.subnets.empty()) continue;
            destination = rng_.Chance(0.1) ? rng_.Pick(vpc.cidrs).ToString()
                                           : subnets_[rng_.Pick(vpc.subnets)].cidr.ToString();
          }
          if (AddRoute(v, &t, destination, target)) ++k;
        }
      }
      // Ingress routing: a gateway route table on the internet gateway, sending what enters for
      // some subnets to an appliance first.
      if (!vpc.igw.empty() && !vpc.enis.empty() && rng_.Chance(o_.ingress_routing_fraction)) {
        GTable edge;
        edge.id = vpc.id + "-edge";
        edge.gateway = vpc.igw;
        for (int s : vpc.subnets) {
          if (!rng_.Chance(0.5)) continue;
          std::string target = rng_.Chance(0.8) ? rng_.Pick(vpc.enis) : "local";
          if (target == "local") continue;
          AddRoute(v, &edge, subnets_[s].cidr.ToString(), target);
        }
        tables.push_back(edge);
      }
      // Subnets pick their tables: public ones the public table, the rest any other (or main).
      for (int s : vpc.subnets) {
        GSubnet& subnet = subnets_[s];
        if (subnet.is_public && pub >= 0) {
          subnet.route_table = tables[pub].id;
        } else if (rng_.Chance(0.85)) {
          int k = static_cast<int>(rng_.Int(pub >= 0 ? 1 : 0, static_cast<long long>(tables.size()) - 1));
          if (!tables[k].gateway.empty()) continue;  // a gateway route table has no subnets
          subnet.route_table = tables[k].id;
        }
      }
    }
  }

  // ---- filters ----------------------------------------------------------------------------

  std::string NaclRules(int v, bool ingress) {
    int count = static_cast<int>(rng_.Int(o_.min_nacl_rules, o_.nacl_rules));
    std::set<int> numbers;
    std::vector<std::string> rules;
    auto number = [&]() {
      for (;;) {
        int n = rng_.Chance(0.6) ? static_cast<int>(rng_.Int(1, 40)) * 10
                                 : static_cast<int>(rng_.Int(1, 32766));
        if (rng_.Chance(0.03)) n = rng_.Chance(0.5) ? 1 : 32766;
        if (numbers.insert(n).second) return n;
      }
    };
    if (ingress && rng_.Chance(o_.ephemeral_rule_fraction)) {
      std::string ports = rng_.Chance(0.7) ? "1024-65535" : "32768-60999";
      // (No draw when off, so that presets without it keep their networks.)
      if (o_.partial_ephemeral_fraction > 0 && rng_.Chance(o_.partial_ephemeral_fraction)) {
        ports = rng_.Chance(0.5) ? "32768-65535" : "49152-65535";
      }
      rules.push_back("{rule: " + std::to_string(number()) + ", action: allow, protocol: " +
                      (rng_.Chance(0.8) ? "tcp" : "udp") + ", ports: " + ports +
                      ", cidr: 0.0.0.0/0}");
    }
    for (int k = static_cast<int>(rules.size()); k < count; ++k) {
      std::string action = rng_.Chance(o_.deny_fraction) ? "deny" : "allow";
      std::string traffic = rng_.Chance(0.25) ? "protocol: all, " : RandomTraffic();
      Cidr cidr = rng_.Chance(0.4) ? C("0.0.0.0/0") : InterestingCidr(v);
      rules.push_back("{rule: " + std::to_string(number()) + ", action: " + action + ", " +
                      traffic + "cidr: " + cidr.ToString() + "}");
    }
    std::string out;
    for (const std::string& r : rules) out += "      - " + r + "\n";
    return out.empty() ? " []\n" : "\n" + out;
  }

  void MakeNacls() {
    for (int v = 0; v < static_cast<int>(vpcs_.size()); ++v) {
      GVpc& vpc = vpcs_[v];
      int count = static_cast<int>(rng_.Int(0, o_.nacls_per_vpc));
      if (!o_.small_subnets) count = o_.nacls_per_vpc;
      std::vector<std::string> ids;
      bool has_default = false;
      for (int k = 0; k < count; ++k) {
        std::string id = vpc.id + "-acl" + std::to_string(k);
        nacl_text_ += "  " + id + ":\n    vpc: " + vpc.id + "\n";
        if (!has_default && rng_.Chance(0.15)) {
          nacl_text_ += "    default: true\n";
          has_default = true;
        }
        nacl_text_ += "    ingress:" + NaclRules(v, true);
        nacl_text_ += "    egress:" + NaclRules(v, false);
        ids.push_back(id);
      }
      if (ids.empty()) continue;
      for (int s : vpc.subnets) {
        if (rng_.Chance(0.75)) subnets_[s].network_acl = rng_.Pick(ids);
      }
    }
  }

  std::string SgRule(const GGroup& group) {
    std::string traffic = RandomTraffic();
    double r = static_cast<double>(rng_.Next() >> 11) * 0x1.0p-53;
    if (r < o_.sg_reference_fraction) {
      const std::vector<std::string>& groups = vpcs_[group.vpc].groups;
      std::string peer = rng_.Chance(0.3) ? group.id : rng_.Pick(groups);
      return "{" + traffic + "security_group: " + peer + "}";
    }
    if (r < o_.sg_reference_fraction + o_.prefix_list_peer_fraction) {
      std::vector<std::string> lists = {"pl-s3", "pl-dynamodb"};
      for (const std::string& p : prefix_lists_) lists.push_back(p);
      return "{" + traffic + "prefix_list: " + rng_.Pick(lists) + "}";
    }
    return "{" + traffic + "cidr: " + InterestingCidr(group.vpc).ToString() + "}";
  }

  void MakeGroupRules() {
    for (GGroup& group : groups_) {
      if (group.fixed) continue;
      int ingress = static_cast<int>(rng_.Int(0, o_.max_sg_rules));
      for (int k = 0; k < ingress; ++k) group.ingress.push_back(SgRule(group));
      double r = static_cast<double>(rng_.Next() >> 11) * 0x1.0p-53;
      if (r < o_.default_egress_fraction) continue;
      group.egress.emplace();
      if (r < o_.default_egress_fraction + o_.empty_egress_fraction) continue;
      int egress = static_cast<int>(rng_.Int(0, o_.max_sg_rules));
      for (int k = 0; k < egress; ++k) group.egress->push_back(SgRule(group));
    }
  }

  // ---- VPC peering -------------------------------------------------------------------------

  static bool Overlap(const GVpc& a, const GVpc& b) {
    for (const Cidr& x : a.cidrs) {
      for (const Cidr& y : b.cidrs) {
        if (x.Overlaps(y)) return true;
      }
    }
    return false;
  }

  // A destination for a route of VPC `v` to its peering with `w`: w's block or a subnet of it
  // (delivered), a third VPC's block (no transit), or everything (no edge-to-edge); "" when the
  // draw lands inside v's own blocks.
  std::string PeeringDestination(int v, int w) {
    Rng& r = peering_rng_;
    Cidr c = r.Pick(vpcs_[w].cidrs);
    int kind = static_cast<int>(r.Int(0, 9));
    if (kind < 3 && !vpcs_[w].subnets.empty()) {
      c = subnets_[r.Pick(vpcs_[w].subnets)].cidr;
    } else if (kind == 8) {
      c = r.Pick(vpcs_[r.Int(0, static_cast<long long>(vpcs_.size()) - 1)].cidrs);
    } else if (kind == 9) {
      return "0.0.0.0/0";
    }
    for (const Cidr& own : vpcs_[v].cidrs) {
      if (own.Overlaps(c)) return "";
    }
    return c.ToString();
  }

  void MakePeerings() {
    Rng& r = peering_rng_;
    for (int v = 0; v < static_cast<int>(vpcs_.size()); ++v) {
      for (int w = v + 1; w < static_cast<int>(vpcs_.size()); ++w) {
        if (Overlap(vpcs_[v], vpcs_[w]) || !r.Chance(o_.peering_fraction)) continue;
        std::string pcx = "pcx-" + vpcs_[v].id + "-" + vpcs_[w].id;
        peering_text_ += "  " + pcx + ": {requester: " + vpcs_[v].id + ", accepter: " +
                         vpcs_[w].id + "}\n";
        for (auto [from, to] : {std::pair{v, w}, std::pair{w, v}}) {
          for (GTable& t : vpcs_[from].tables) {
            if (!t.gateway.empty()) continue;  // a gateway route table routes inward only
            int routes = static_cast<int>(r.Int(0, 2));
            for (int k = 0; k < routes; ++k) {
              std::string destination = PeeringDestination(from, to);
              if (!destination.empty()) AddRoute(from, &t, destination, pcx);
            }
          }
          // A group of one side naming a group of the other, across the peering.
          std::vector<GGroup*> written;
          for (GGroup& g : groups_) {
            if (g.vpc == from && !g.fixed) written.push_back(&g);
          }
          if (written.empty() || !r.Chance(0.6)) continue;
          GGroup* group = r.Pick(written);
          std::string peer = r.Pick(vpcs_[to].groups);
          group->ingress.push_back("{protocol: all, security_group: " + peer + "}");
        }
      }
    }
  }

  // ---- a transit gateway ------------------------------------------------------------------

  void MakeTransitGateway() {
    Rng& r = tgw_rng_;
    Rng& x = tgw_extra_rng_;
    if (vpcs_.size() < 2 || !r.Chance(o_.transit_gateway_fraction)) return;
    bool custom = r.Chance(0.5) && !o_.transit_gateway_all_vpcs;
    tgw_text_ = std::string("transit_gateways:\n  tgw-hub: {") +
                (custom ? "default_route_table_association: false, "
                          "default_route_table_propagation: false"
                        : "") +
                "}\n";
    // The hub's own tables' static routes, written once the peering is known.
    std::vector<std::string> table_routes[2];
    if (custom && r.Chance(0.3))
      table_routes[0].push_back("{destination: 10.0.0.0/9, blackhole: true}");
    std::string attachments;
    std::vector<int> attached;
    bool all = o_.transit_gateway_all_vpcs;
    for (int v = 0; v < static_cast<int>(vpcs_.size()); ++v) {
      if (vpcs_[v].subnets.empty() || (!all && !r.Chance(0.8))) continue;
      std::map<char, int> by_zone;
      for (int s : vpcs_[v].subnets) by_zone.emplace(subnets_[s].az, s);
      std::vector<std::string> names;
      for (const auto& [zone, s] : by_zone) {
        if (all || r.Chance(0.75)) names.push_back(subnets_[s].id);
      }
      if (names.empty()) names.push_back(subnets_[by_zone.begin()->second].id);
      attachments += "  tgw-att-" + vpcs_[v].id + ": {transit_gateway: tgw-hub, vpc: " +
                     vpcs_[v].id + ", subnets: " + GroupList(names);
      if (custom) {
        attachments += std::string(", route_table: tgw-rt") + (r.Chance(0.5) ? "0" : "1") +
                       ", propagate_to: [tgw-rt" + (r.Chance(0.5) ? "0" : "1") + "]";
      }
      if (x.Chance(o_.appliance_mode_fraction)) attachments += ", appliance_mode: true";
      attachments += "}\n";
      attached.push_back(v);
    }
    if (attached.empty()) {
      tgw_text_.clear();
      return;
    }
    for (int v : attached) {
      for (GTable& t : vpcs_[v].tables) {
        if (all && t.gateway.empty()) {  // every other VPC's blocks
          for (int w : attached) {
            for (const Cidr& c : vpcs_[w].cidrs) {
              if (w != v && !Overlaps(v, c)) AddRoute(v, &t, c.ToString(), "tgw-hub");
            }
          }
        }
        if (all || !t.gateway.empty() || !r.Chance(0.7)) continue;
        int w = attached[static_cast<size_t>(r.Int(0, static_cast<long long>(attached.size()) - 1))];
        Cidr c = r.Chance(0.2) ? C("10.0.0.0/8") : r.Pick(vpcs_[w].cidrs);
        bool inside = false;
        for (const Cidr& own : vpcs_[v].cidrs) inside = inside || own.Contains(c);
        if (inside) continue;
        AddRoute(v, &t, c.ToString(), "tgw-hub");
      }
    }
    PeeredText far = MakePeeredTransitGateway(custom, attached, &attachments, table_routes);
    tgw_text_ += far.gateway;
    std::string tables;
    for (int k = 0; custom && k < 2; ++k) {
      tables += "  tgw-rt" + std::to_string(k) + ": {transit_gateway: tgw-hub";
      if (!table_routes[k].empty()) tables += ", routes: " + GroupList(table_routes[k]);
      tables += "}\n";
    }
    tables += far.table;
    if (!tables.empty()) tgw_text_ += "transit_gateway_route_tables:\n" + tables;
    tgw_text_ += "transit_gateway_attachments:\n" + attachments;
  }

  struct PeeredText {
    std::string gateway;  // under transit_gateways:
    std::string table;    // under transit_gateway_route_tables:
  };

  // Whether `destination` overlaps a block of VPC v (a route there would not leave it).
  bool Overlaps(int v, const Cidr& destination) const {
    for (const Cidr& own : vpcs_[v].cidrs) {
      if (own.Overlaps(destination)) return true;
    }
    return false;
  }

  // A second transit gateway, tgw-far, peered with the hub (tgw-peer), with a VPC the hub does
  // not hold attached to it: static routes both ways (more or less of them, a loop now and
  // then), and routes to tgw-far in that VPC. Returns the far gateway's and table's text (the
  // attachments go to `attachments`); empty when none is drawn.
  PeeredText MakePeeredTransitGateway(bool custom, const std::vector<int>& attached,
                                      std::string* attachments,
                                      std::vector<std::string> (&hub_routes)[2]) {
    Rng& x = tgw_extra_rng_;
    if (!x.Chance(o_.transit_gateway_peering_fraction)) return {};
    int v = -1;
    for (int w = 0; w < static_cast<int>(vpcs_.size()); ++w) {
      bool hub = std::find(attached.begin(), attached.end(), w) != attached.end();
      if (!hub && !vpcs_[w].subnets.empty()) v = w;
    }
    if (v < 0) return {};
    std::set<char> zones;
    std::vector<std::string> names;
    for (int s : vpcs_[v].subnets) {
      if (zones.insert(subnets_[s].az).second) names.push_back(subnets_[s].id);
    }
    std::string text =
        "  tgw-far: {default_route_table_association: false, "
        "default_route_table_propagation: false}\n";
    // A static route to the peering, once per destination in a table.
    auto to_peering = [](std::vector<std::string>* routes, const std::string& destination) {
      std::string prefix = "{destination: " + destination + ",";
      for (const std::string& r : *routes) {
        if (r.compare(0, prefix.size(), prefix) == 0) return;
      }
      routes->push_back(prefix + " attachment: tgw-peer}");
    };
    std::vector<std::string> far_routes;
    for (int w : attached) {
      if (x.Chance(0.6)) to_peering(&far_routes, x.Pick(vpcs_[w].cidrs).ToString());
    }
    if (x.Chance(0.2)) to_peering(&far_routes, "10.0.0.0/8");
    std::string tables = "  tgw-far-rt: {transit_gateway: tgw-far";
    if (!far_routes.empty()) tables += ", routes: " + GroupList(far_routes);
    tables += "}\n";
    *attachments += "  tgw-att-far: {transit_gateway: tgw-far, vpc: " + vpcs_[v].id +
                    ", subnets: " + GroupList(names) +
                    ", route_table: tgw-far-rt, propagate_to: [tgw-far-rt]}\n";
    *attachments += "  tgw-peer: {transit_gateway: tgw-hub, peer_transit_gateway: tgw-far";
    if (custom) *attachments += std::string(", route_table: tgw-rt") + (x.Chance(0.5) ? "0" : "1");
    *attachments += ", peer_route_table: tgw-far-rt}\n";
    if (custom) {
      for (auto& routes : hub_routes) {
        if (x.Chance(0.7)) to_peering(&routes, x.Pick(vpcs_[v].cidrs).ToString());
      }
      if (x.Chance(0.15)) to_peering(&hub_routes[1], "10.0.0.0/8");
    }
    for (GTable& t : vpcs_[v].tables) {
      if (!t.gateway.empty() || !x.Chance(0.8)) continue;
      int w = attached[static_cast<size_t>(x.Int(0, static_cast<long long>(attached.size()) - 1))];
      Cidr c = x.Chance(0.2) ? C("10.0.0.0/8") : x.Pick(vpcs_[w].cidrs);
      if (!Overlaps(v, c)) AddRoute(v, &t, c.ToString(), "tgw-far");
    }
    for (int w : attached) {
      for (GTable& t : vpcs_[w].tables) {
        Cidr c = x.Pick(vpcs_[v].cidrs);
        if (t.gateway.empty() && x.Chance(0.4) && !Overlaps(w, c)) {
          AddRoute(w, &t, c.ToString(), "tgw-hub");
        }
      }
    }
    return {text, tables};
  }

  // ---- Site-to-Site VPN ---------------------------------------------------------------------

  // Some VPCs get a virtual private gateway with one or two connections to on-premises prefixes
  // (static or BGP, tunnels sometimes down); their route tables propagate from it or route
  // on-premises prefixes to it.
  void MakeVpn() {
    Rng& r = vpn_rng_;
    static const std::vector<Cidr> kOnPremises = {C("192.168.0.0/16"), C("192.168.10.0/24"),
                                                  C("172.16.0.0/12"),  C("10.200.0.0/16"),
                                                  C("100.64.0.0/10"),  C("10.0.0.0/8")};
    for (int v = 0; v < static_cast<int>(vpcs_.size()); ++v) {
      if (!r.Chance(o_.vpn_fraction)) continue;
      std::string vgw = "vgw-" + vpcs_[v].id;
      vgw_text_ += "  " + vgw + ": {vpc: " + vpcs_[v].id + "}\n";
      std::string cgw = "cgw-" + vpcs_[v].id;
      cgw_text_ += "  " + cgw + ": {ip_address: 198.51.100." + std::to_string(v + 1) + "}\n";
      std::vector<Cidr> prefixes;
      int connections = static_cast<int>(r.Int(1, 2));
      for (int k = 0; k < connections; ++k) {
        bool static_only = r.Chance(0.6);
        std::vector<std::string> mine;
        int count = static_cast<int>(r.Int(1, 2));
        for (int i = 0; i < count; ++i) {
          Cidr c = r.Pick(kOnPremises);
          std::string text = c.ToString();
          if (std::find(mine.begin(), mine.end(), text) != mine.end()) continue;
          mine.push_back(text);
          prefixes.push_back(c);
        }
        std::string tunnels = r.Chance(0.25)  ? "[down, down]"
                              : r.Chance(0.3) ? "[up, down]"
                                              : "[up, up]";
        vpn_text_ += "  vpn-" + vpcs_[v].id + "-" + std::to_string(k) + ": {vpn_gateway: " + vgw +
                     ", customer_gateway: " + cgw +
                     ", static_routes_only: " + (static_only ? "true" : "false") + ", " +
                     (static_only ? "static_routes: " : "bgp_prefixes: ") + GroupList(mine) +
                     ", tunnels: " + tunnels + "}\n";
      }
      for (GTable& t : vpcs_[v].tables) {
        if (!t.gateway.empty()) continue;
        if (r.Chance(0.5)) t.propagating.push_back(vgw);
        if (!r.Chance(0.5)) continue;
        Cidr c = r.Chance(0.8) ? r.Pick(prefixes) : r.Pick(kOnPremises);
        bool inside = false;
        for (const Cidr& own : vpcs_[v].cidrs) inside = inside || own.Overlaps(c);
        if (!inside) AddRoute(v, &t, c.ToString(), vgw);
      }
    }
  }

  // ---- YAML -------------------------------------------------------------------------------

  static std::string RuleList(const std::vector<std::string>& rules) {
    if (rules.empty()) return " []\n";
    std::string out = "\n";
    for (const std::string& r : rules) out += "      - " + r + "\n";
    return out;
  }

  std::string Emit() {
    std::ostringstream out;
    out << "vpcreach: 1\n"
        << "name: generated network (seed " << o_.seed << ")\n"
        << "region: " << o_.region << "\n";
    out << "vpcs:\n";
    for (const GVpc& vpc : vpcs_) {
      std::string deployed = vpc.deployed ? ", deployed: true" : "";
      if (vpc.cidrs.size() == 1) {
        out << "  " << vpc.id << ": {cidr: " << vpc.cidrs[0].ToString() << deployed << "}\n";
      } else {
        out << "  " << vpc.id << ": {cidrs: [" << vpc.cidrs[0].ToString() << ", "
            << vpc.cidrs[1].ToString() << "]" << deployed << "}\n";
      }
    }
    if (!peering_text_.empty()) out << "peering_connections:\n" << peering_text_;
    out << tgw_text_;
    if (!vgw_text_.empty()) {
      out << "vpn_gateways:\n"
          << vgw_text_ << "customer_gateways:\n"
          << cgw_text_ << "vpn_connections:\n"
          << vpn_text_;
    }
    bool any_igw = std::any_of(vpcs_.begin(), vpcs_.end(), [](const GVpc& v) { return !v.igw.empty(); });
    if (any_igw) {
      out << "internet_gateways:\n";
      for (const GVpc& vpc : vpcs_) {
        if (!vpc.igw.empty()) out << "  " << vpc.igw << ": {vpc: " << vpc.id << "}\n";
      }
    }
    if (!subnets_.empty()) {
      out << "subnets:\n";
      for (const GSubnet& s : subnets_) {
        out << "  " << s.id << ": {vpc: " << vpcs_[s.vpc].id << ", cidr: " << s.cidr.ToString()
            << ", az: " << s.az;
        if (!s.route_table.empty()) out << ", route_table: " << s.route_table;
        if (!s.network_acl.empty()) out << ", network_acl: " << s.network_acl;
        out << "}\n";
      }
    }
    out << "route_tables:\n";
    for (const GVpc& vpc : vpcs_) {
      for (const GTable& t : vpc.tables) {
        out << "  " << t.id << ":\n    vpc: " << vpc.id << "\n";
        if (t.main) out << "    main: true\n";
        if (!t.gateway.empty()) out << "    gateway: " << t.gateway << "\n";
        if (!t.propagating.empty())
          out << "    propagating_vgws: " << GroupList(t.propagating) << "\n";
        out << "    routes:" << RuleList(t.routes);
      }
    }
    if (!nat_text_.empty()) out << "nat_gateways:\n" << nat_text_;
    if (!endpoint_text_.empty() || !interface_text_.empty()) {
      out << "vpc_endpoints:\n" << endpoint_text_ << interface_text_;
    }
    if (!prefix_list_text_.empty()) out << "prefix_lists:\n" << prefix_list_text_;
    if (!nacl_text_.empty()) out << "network_acls:\n" << nacl_text_;
    if (!groups_.empty()) {
      out << "security_groups:\n";
      for (const GGroup& g : groups_) {
        out << "  " << g.id << ":\n    vpc: " << vpcs_[g.vpc].id << "\n";
        out << "    ingress:" << RuleList(g.ingress);
        if (g.egress) out << "    egress:" << RuleList(*g.egress);
      }
    }
    if (!eni_text_.empty()) out << "enis:\n" << eni_text_;
    if (!workload_text_.empty()) out << "workloads:\n" << workload_text_;
    if (!target_group_text_.empty()) out << "target_groups:\n" << target_group_text_;
    if (!notebook_text_.empty() || !job_text_.empty()) {
      out << "sagemaker:\n";
      if (!notebook_text_.empty()) out << "  notebook_instances:\n" << notebook_text_;
      if (!job_text_.empty()) out << "  training_jobs:\n" << job_text_;
    }
    return out.str();
  }

  const GeneratorOptions& o_;
  Rng rng_;
  Rng workload_rng_;
  Rng peering_rng_;
  Rng tgw_rng_;
  Rng vpn_rng_;
  Rng tgw_extra_rng_;  // appliance mode and the peered transit gateway: drawn apart
  std::vector<GVpc> vpcs_;
  std::vector<GSubnet> subnets_;
  std::vector<GGroup> groups_;
  std::vector<std::string> prefix_lists_;
  std::set<Ipv4> used_private_;
  std::set<Ipv4> public_ips_;
  std::vector<Ipv4> private_pool_;  // written private addresses (for /32 peers)
  std::vector<Ipv4> public_pool_;
  std::string prefix_list_text_, nat_text_, eni_text_, endpoint_text_, interface_text_, nacl_text_,
      notebook_text_, job_text_, workload_text_, target_group_text_, peering_text_, tgw_text_,
      vgw_text_, cgw_text_, vpn_text_;
};

}  // namespace

GeneratorOptions SmallRandomNetwork(std::uint64_t seed) {
  // The counts come from their own stream so that they do not shift the network's draws.
  Rng rng(seed ^ 0x5eedc0deull);
  GeneratorOptions o;
  o.seed = seed;
  o.region = rng.Chance(0.8) ? "us-east-1" : "us-west-2";
  o.vpcs = static_cast<int>(rng.Int(1, 3));
  o.overlapping_vpcs = rng.Chance(0.6);
  o.secondary_cidr_fraction = 0.15;
  o.min_subnets_per_vpc = 2;
  o.subnets_per_vpc = 6;
  o.small_subnets = true;
  o.security_groups = static_cast<int>(rng.Int(2, 8));
  o.max_sg_rules = 4;
  o.sg_reference_fraction = 0.25;
  o.nacls_per_vpc = 2;
  o.min_nacl_rules = 1;
  o.nacl_rules = 6;
  o.route_tables_per_vpc = 2;
  o.routes_per_table = 3;
  o.enis = static_cast<int>(rng.Int(3, 15));
  o.notebooks = rng.Chance(0.8) ? 1 : 2;
  o.training_jobs = rng.Chance(0.8) ? 1 : 2;
  o.deny_fraction = 0.2;
  o.blackhole_fraction = 0.1;
  o.partial_ephemeral_fraction = 0.4;
  o.workloads = static_cast<int>(rng.Int(0, 5));
  o.peering_fraction = 0.7;
  o.transit_gateway_fraction = 0.5;
  o.vpn_fraction = 0.35;
  o.appliance_mode_fraction = 0.3;
  o.transit_gateway_peering_fraction = 0.5;
  o.deployed_fraction = 0.3;
  return o;
}

GeneratorOptions TransitRegionEstate(std::uint64_t seed) {
  GeneratorOptions o = RegionEstate(seed);
  o.transit_gateway_fraction = 1.0;
  o.transit_gateway_all_vpcs = true;
  return o;
}

GeneratorOptions RegionEstate(std::uint64_t seed) {
  GeneratorOptions o;
  o.seed = seed;
  o.vpcs = 5;
  o.overlapping_vpcs = false;
  o.min_subnets_per_vpc = 200;
  o.subnets_per_vpc = 200;
  o.small_subnets = false;
  o.public_subnet_fraction = 0.25;
  o.igw_fraction = 1.0;
  o.nat_per_vpc = true;
  o.s3_endpoint_per_vpc = true;
  o.dynamodb_endpoint_fraction = 0.5;
  o.interface_endpoint_fraction = 1.0;
  o.route_tables_per_vpc = 10;
  o.routes_per_table = 48;  // + the default route + the endpoint's prefix-list route = 50
  o.security_groups = 2500;
  o.max_sg_rules = 60;
  o.sg_reference_fraction = 1.0 / 3;
  o.max_groups_per_eni = 5;
  o.nacls_per_vpc = 10;
  o.min_nacl_rules = 20;
  o.nacl_rules = 20;
  o.customer_prefix_lists = 5;
  o.enis = 5000;
  o.notebooks = 10;
  o.training_jobs = 10;
  o.no_vpc_workload_fraction = 0.1;
  return o;
}

std::string GenerateScenario(const GeneratorOptions& options) {
  return Generator(options).Run();
}

}  // namespace vpcreach::testing
