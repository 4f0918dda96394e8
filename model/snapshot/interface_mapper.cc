// NetworkInterfaces (describe-network-interfaces), Reservations (describe-instances) and
// Addresses (describe-addresses) as native enis and instance workloads (mapping.h).
//
// Every network interface in use keeps its id (`eni-...`); an instance is a workload of type
// instance whose interfaces are those ENIs in device order, so its id (`i-...`) names them all.
// Interfaces that a modelled component owns (a NAT gateway's, an interface endpoint's, a transit
// gateway attachment's) are that component's and not written again.
#include <algorithm>
#include <map>
#include <string>

#include "model/cloudformation/mapper_core.h"
#include "model/snapshot/mapping.h"

namespace vpcreach::snapshot {
namespace {

constexpr const char* kOwnedInterfaceTypes[] = {"nat_gateway", "vpc_endpoint", "transit_gateway",
                                                "gateway_load_balancer_endpoint"};

// Writes one interface (the shape describe-network-interfaces and describe-instances share).
void MapEni(Mapping& m, const Item& eni, const std::string& id) {
  if (!m.Require(eni, "SubnetId", "aws ec2 describe-network-interfaces")) return;
  GenNode& node = m.Component("enis", id, eni.OriginOf("NetworkInterfaceId"));
  Mapping::Copy(eni, "SubnetId", node, "subnet");
  Mapping::Copy(eni, "PrivateIpAddress", node, "private_ip");
  GenNode secondary = GenNode::List(eni.OriginOf("PrivateIpAddresses"));
  for (const Item& a : eni.List("PrivateIpAddresses")) {
    if (a.Str("Primary") == "true") continue;
    secondary.items.push_back(
        GenNode::Scalar(a.Str("PrivateIpAddress"), a.OriginOf("PrivateIpAddress")));
    if (a.Child("Association").node != nullptr) {
      m.Ignore(a, id + " " + a.Str("PrivateIpAddress"), "Elastic IP of a secondary address",
               "only the primary address's public IP is modelled", false);
    }
  }
  if (!secondary.items.empty()) node.Set("secondary_ips", std::move(secondary));
  Item association = eni.Child("Association");
  if (association.node != nullptr && association.Get("PublicIp") != nullptr) {
    Mapping::Copy(association, "PublicIp", node, "public_ip");
  } else {
    // A deployed interface has the public address it shows, or none: no launch-time choice.
    node.Set("public_ip", GenNode::Scalar("none", LineOrigin{}));
  }
  GenNode groups = GenNode::List(eni.OriginOf("Groups"));
  for (const Item& g : eni.List("Groups")) {
    groups.items.push_back(GenNode::Scalar(g.Str("GroupId"), g.OriginOf("GroupId")));
  }
  node.Set("security_groups", std::move(groups));
  Mapping::Copy(eni, "SourceDestCheck", node, "source_dest_check");
  for (const Item& a : eni.List("Ipv6Addresses")) {
    m.Ignore(a, id + " " + a.Str("Ipv6Address"), "IPv6 address", cfn::kIpv6NotModelled, true,
             cfn::kIpv6Fix);
  }
}

bool Owned(const Item& eni) {
  std::string type = eni.Str("InterfaceType");
  return std::find(std::begin(kOwnedInterfaceTypes), std::end(kOwnedInterfaceTypes), type) !=
         std::end(kOwnedInterfaceTypes);
}

void MapNetworkInterfaces(Mapping& m) {
  for (const Item& eni : m.Items("NetworkInterfaces")) {
    auto id = m.Require(eni, "NetworkInterfaceId", "aws ec2 describe-network-interfaces");
    if (!id || Owned(eni)) continue;
    if (auto nb = m.notebook_enis.find(*id); nb != m.notebook_enis.end()) {
      // The notebook's own interface: its address is the notebook's.
      GenNode& notebooks = *m.Section("sagemaker").Find("notebook_instances");
      Mapping::Copy(eni, "PrivateIpAddress", *notebooks.Find(nb->second), "private_ip");
      continue;
    }
    if (!m.Live(eni, *id, "network interface", eni.Str("Status"), {"in-use"})) continue;
    MapEni(m, eni, *id);
  }
}

void MapInstances(Mapping& m) {
  for (const Item& reservation : m.Items("Reservations")) {
    for (const Item& instance : reservation.List("Instances")) {
      auto id = m.Require(instance, "InstanceId", "aws ec2 describe-instances");
      if (!id) continue;
      std::vector<Item> interfaces = instance.List("NetworkInterfaces");
      if (!m.Live(instance, *id, "EC2 instance", instance.Child("State").Str("Name"),
                  {"running"})) {
        // Its interfaces stay attached while it is stopped, and answer nothing.
        for (const Item& eni : interfaces) m.Remove("enis", eni.Str("NetworkInterfaceId"));
        continue;
      }
      std::stable_sort(interfaces.begin(), interfaces.end(), [](const Item& a, const Item& b) {
        return std::stoi("0" + a.Child("Attachment").Str("DeviceIndex")) <
               std::stoi("0" + b.Child("Attachment").Str("DeviceIndex"));
      });
      if (interfaces.empty()) continue;
      GenNode& node = m.Component("workloads", *id, instance.OriginOf("InstanceId"));
      node.Set("type", GenNode::Scalar("instance", LineOrigin{}));
      GenNode list = GenNode::List(instance.OriginOf("NetworkInterfaces"));
      for (const Item& eni : interfaces) {
        std::string eni_id = eni.Str("NetworkInterfaceId");
        if (eni_id.empty()) continue;
        // Without describe-network-interfaces, the instance's own description of it.
        if (!m.Has("enis", eni_id)) MapEni(m, eni, eni_id);
        GenNode item = GenNode::Map(LineOrigin{});
        item.Set("eni", GenNode::Scalar(eni_id, eni.OriginOf("NetworkInterfaceId")));
        list.items.push_back(std::move(item));
      }
      node.Set("interfaces", std::move(list));
    }
  }
}

// Elastic IPs the interfaces do not show (describe-addresses): the primary address's only.
void MapAddresses(Mapping& m) {
  for (const Item& address : m.Items("Addresses")) {
    std::string eni = address.Str("NetworkInterfaceId");
    if (eni.empty() || !m.Has("enis", eni)) continue;
    GenNode& node = m.Component("enis", eni, LineOrigin{});
    GenNode* current = node.Find("public_ip");
    GenNode* primary = node.Find("private_ip");
    if (current == nullptr || current->text != "none" || primary == nullptr ||
        primary->text != address.Str("PrivateIpAddress")) {
      continue;
    }
    Mapping::Copy(address, "PublicIp", node, "public_ip");
  }
}

}  // namespace

void MapInterfaces(Mapping& m) {
  MapNetworkInterfaces(m);
  MapInstances(m);
  MapAddresses(m);
}

}  // namespace vpcreach::snapshot
