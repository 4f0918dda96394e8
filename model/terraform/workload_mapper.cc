#include "model/terraform/workload_mapper.h"

#include <algorithm>
#include <map>
#include <set>

namespace vpcreach::tf {
namespace {

const std::set<std::string> kTypes = {
    "aws_network_interface",
    "aws_network_interface_attachment",
    "aws_network_interface_sg_attachment",
    "aws_instance",
    "aws_eip",
    "aws_eip_association",
    "aws_sagemaker_notebook_instance",
};

const CfnValue* Get(const CfnValue* v, const std::string& key) { return Member(v, key); }

GenNode List(const MapperContext& c, const Resource& r, const std::string& key,
             std::vector<GenNode> items) {
  GenNode list = GenNode::List(MapperContext::OriginOf(c.At(r, key)));
  list.items = std::move(items);
  return list;
}

// An ENI attached to an instance: (instance address, device index, ENI address).
struct Attachment {
  std::string instance;
  long long device = 1;
  GenNode eni;
};

void MapEni(MapperContext& c, const Resource& r, std::vector<Attachment>* attachments) {
  auto subnet = c.TieOne(r, "subnet_id", kSubnetTypes, "subnet", true);
  if (!subnet) return;
  GenNode& eni = c.Add("enis", r);
  eni.Set("subnet", std::move(*subnet));
  std::vector<GenNode> groups =
      c.TieMany(r, "security_groups", kSecurityGroupTypes, "security group");
  if (!groups.empty()) eni.Set("security_groups", List(c, r, "security_groups", groups));
  // The primary address: private_ip, else the first of private_ips; the rest are secondary.
  std::vector<const CfnValue*> addresses;
  if (const CfnValue* ip = Get(r.values, "private_ip")) addresses.push_back(ip);
  if (const CfnValue* ips = Get(r.values, "private_ips"); ips != nullptr && ips->IsList()) {
    for (const CfnValue& ip : ips->items()) {
      bool twice = std::any_of(addresses.begin(), addresses.end(),
                               [&](const CfnValue* a) { return a->text() == ip.text(); });
      if (!twice && ip.IsScalar()) addresses.push_back(&ip);
    }
  }
  if (!addresses.empty()) eni.Set("private_ip", MapperContext::Scalar(*addresses.front()));
  if (addresses.size() > 1) {
    GenNode more = GenNode::List(MapperContext::OriginOf(*addresses[1]));
    for (size_t i = 1; i < addresses.size(); ++i) {
      more.items.push_back(MapperContext::Scalar(*addresses[i]));
    }
    eni.Set("secondary_ips", std::move(more));
  }
  if (const CfnValue* check = r.Value("source_dest_check")) {
    eni.Set("source_dest_check",
            GenNode::Scalar(IsTrue(check) ? "true" : "false", MapperContext::OriginOf(*check)));
  }
  if (const CfnValue* list = r.Value("attachment"); list != nullptr && list->IsList()) {
    for (const CfnValue& a : list->items()) {
      const CfnValue* instance = Get(&a, "instance");
      if (instance == nullptr) continue;
      Tie tie = c.ties().ResolveValue(r, instance, nullptr, {"aws_instance"});
      if (tie.found.empty()) continue;
      const CfnValue* device = Get(&a, "device_index");
      attachments->push_back({tie.found[0]->address,
                              device != nullptr ? std::atoll(device->text().c_str()) : 1,
                              GenNode::Scalar(r.address, MapperContext::OriginOf(*instance))});
    }
  }
}

void MapInstance(MapperContext& c, const Resource& r, const std::vector<Attachment>& attachments) {
  // Interfaces named by network_interface blocks, and attachments, by device index.
  std::vector<std::pair<long long, GenNode>> enis;
  if (const CfnValue* blocks = r.Value("network_interface");
      blocks != nullptr && blocks->IsList()) {
    for (const CfnValue& b : blocks->items()) {
      const CfnValue* id = Get(&b, "network_interface_id");
      const CfnValue* device = Get(&b, "device_index");
      if (id == nullptr) continue;
      Tie tie = c.ties().ResolveValue(r, id, nullptr, {"aws_network_interface"});
      if (tie.found.empty()) {
        c.Warn(*id, r.address + " attaches network interface '" + id->text() +
                        "', which is not in this Terraform document; it is left out");
        continue;
      }
      enis.emplace_back(device != nullptr ? std::atoll(device->text().c_str()) : 0,
                        GenNode::Scalar(tie.found[0]->address, MapperContext::OriginOf(*id)));
    }
  }
  for (const Attachment& a : attachments) {
    if (a.instance == r.address) enis.emplace_back(a.device, a.eni);
  }
  std::stable_sort(enis.begin(), enis.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  bool primary_eni = !enis.empty() && enis.front().first == 0;

  GenNode own = GenNode::Map(MapperContext::OriginOf(r));
  if (!primary_eni) {
    auto subnet = c.TieOne(r, "subnet_id", kSubnetTypes, "subnet", false);
    if (!subnet) {
      c.Ignore(r, "its subnet is unknown (an instance in the default VPC is not modelled)", true);
      return;
    }
    own.Set("subnet", std::move(*subnet));
    std::vector<GenNode> groups =
        c.TieMany(r, "vpc_security_group_ids", kSecurityGroupTypes, "security group");
    if (!groups.empty()) own.Set("security_groups", List(c, r, "vpc_security_group_ids", groups));
    if (auto ip = c.Known(r, "private_ip")) own.Set("private_ip", std::move(*ip));
    if (const CfnValue* associate = r.Value("associate_public_ip_address")) {
      own.Set("associate_public_ip", GenNode::Scalar(IsTrue(associate) ? "true" : "false",
                                                     MapperContext::OriginOf(*associate)));
    }
    if (const CfnValue* check = r.Value("source_dest_check")) {
      own.Set("source_dest_check",
              GenNode::Scalar(IsTrue(check) ? "true" : "false", MapperContext::OriginOf(*check)));
    }
  }
  GenNode& w = c.Add("workloads", r);
  w.Set("type", GenNode::Scalar("instance", MapperContext::OriginOf(r)));
  if (enis.empty()) {
    for (auto& [k, v] : own.entries) w.Set(k, v);
    return;
  }
  GenNode interfaces = GenNode::List(MapperContext::OriginOf(r));
  if (!primary_eni) interfaces.items.push_back(std::move(own));
  for (auto& [device, eni] : enis) {
    GenNode item = GenNode::Map(eni.origin);
    item.Set("eni", eni);
    interfaces.items.push_back(std::move(item));
  }
  w.Set("interfaces", std::move(interfaces));
}

// An Elastic IP's public address on the instance or interface it is associated with.
void AssociateEip(MapperContext& c, const Resource& holder, const Resource* eip) {
  const Resource& owner = eip != nullptr ? *eip : holder;
  std::string address = c.PublicIp(owner.address);
  LineOrigin origin = MapperContext::OriginOf(holder);
  if (const CfnValue* known = owner.Value("public_ip")) {
    address = known->text();
    origin = MapperContext::OriginOf(*known);
  }
  Tie instance = c.ties().Resolve(holder, holder.type == "aws_eip" ? "instance" : "instance_id",
                                  {"aws_instance"});
  Tie eni = c.ties().Resolve(
      holder, holder.type == "aws_eip" ? "network_interface" : "network_interface_id",
      {"aws_network_interface"});
  if (!eni.found.empty()) {
    if (GenNode* e = c.Component("enis", eni.found[0]->address)) {
      e->Set("public_ip", GenNode::Scalar(address, origin));
    }
  } else if (!instance.found.empty()) {
    GenNode* w = c.Component("workloads", instance.found[0]->address);
    if (w == nullptr) return;
    GenNode* interfaces = w->Find("interfaces");
    GenNode* target =
        interfaces != nullptr && !interfaces->items.empty() ? &interfaces->items.front() : w;
    if (GenNode* attached = target->Find("eni")) {
      if (GenNode* e = c.Component("enis", attached->text)) {
        e->Set("public_ip", GenNode::Scalar(address, origin));
      }
      return;
    }
    target->entries.erase(
        std::remove_if(target->entries.begin(), target->entries.end(),
                       [](const auto& e) { return e.first == "associate_public_ip"; }),
        target->entries.end());
    target->Set("public_ip", GenNode::Scalar(address, origin));
  }
}

void MapNotebook(MapperContext& c, const Resource& r) {
  GenNode& nb = c.Add("sagemaker.notebook_instances", r);
  if (auto subnet = c.TieOne(r, "subnet_id", kSubnetTypes, "subnet", false)) {
    nb.Set("subnet", std::move(*subnet));
    std::vector<GenNode> groups =
        c.TieMany(r, "security_groups", kSecurityGroupTypes, "security group");
    if (!groups.empty()) nb.Set("security_groups", List(c, r, "security_groups", groups));
  }
  for (const char* key : {"direct_internet_access", "root_access"}) {
    if (const CfnValue* v = r.Value(key)) {
      nb.Set(key, GenNode::Scalar(v->text() == "Disabled" ? "disabled" : "enabled",
                                  MapperContext::OriginOf(*v)));
    }
  }
  if (auto key = c.Known(r, "kms_key_id")) nb.Set("kms_key_id", std::move(*key));
}

}  // namespace

bool IsWorkloadType(const std::string& type) { return kTypes.count(type) > 0; }

void MapWorkloads(MapperContext& c) {
  std::vector<Attachment> attachments;
  for (const Resource& r : c.doc().resources()) {
    if (r.type == "aws_network_interface") MapEni(c, r, &attachments);
  }
  for (const Resource& r : c.doc().resources()) {
    if (r.type != "aws_network_interface_attachment") continue;
    auto instance = c.TieOne(r, "instance_id", {"aws_instance"}, "instance", true);
    auto eni =
        c.TieOne(r, "network_interface_id", {"aws_network_interface"}, "network interface", true);
    const CfnValue* device = r.Value("device_index");
    if (instance && eni) {
      attachments.push_back(
          {instance->text, device != nullptr ? std::atoll(device->text().c_str()) : 1, *eni});
    }
  }
  for (const Resource& r : c.doc().resources()) {
    if (r.type == "aws_instance") MapInstance(c, r, attachments);
    if (r.type == "aws_sagemaker_notebook_instance") MapNotebook(c, r);
    if (r.type == "aws_network_interface_sg_attachment") {
      auto eni =
          c.TieOne(r, "network_interface_id", {"aws_network_interface"}, "network interface", true);
      auto group = c.TieOne(r, "security_group_id", kSecurityGroupTypes, "security group", true);
      GenNode* e = eni ? c.Component("enis", eni->text) : nullptr;
      if (e == nullptr || !group) continue;
      GenNode* groups = e->Find("security_groups");
      if (groups == nullptr) groups = &e->Set("security_groups", GenNode::List(group->origin));
      groups->items.push_back(std::move(*group));
    }
  }
  for (const Resource& r : c.doc().resources()) {
    if (r.type == "aws_eip") {
      AssociateEip(c, r, nullptr);
    } else if (r.type == "aws_eip_association") {
      Tie eip = c.ties().Resolve(r, "allocation_id", {"aws_eip"});
      AssociateEip(c, r, eip.found.empty() ? nullptr : eip.found[0]);
    }
  }
}

}  // namespace vpcreach::tf
