#include "model/cloudformation/attribute_resolver.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <vector>

#include "model/catalog.h"
#include "model/cloudformation/deploy_time_value.h"
#include "model/default_vpc.h"
#include "model/ip.h"

namespace vpcreach::cfn {
namespace {

constexpr Ipv4 kFirstPublicIp = (192u << 24) | (0u << 16) | (2u << 8) | 1u;  // 192.0.2.1
// 2001:db8:0:100::, the first /56 after 2001:db8::/56 in the IPv6 documentation prefix.
constexpr Ipv6 kFirstIpv6Block = (Ipv6{0x20010db8} << 96) | (Ipv6{0x0100} << 64);
constexpr int kAmazonIpv6BlockLength = 56;  // "The IPv6 CIDR block size is fixed at /56"

enum class Source {
  kId,
  kSuffix,
  kProperty,
  kVpcOrDefault,
  kDeferred,
  kEmptyList,
  kIpv6Blocks,     // the blocks associated with the VPC or subnet (ResourceEvaluated)
  kIpv6Source,     // a VPCCidrBlock's IpSource
  kIpv6Attribute,  // a VPCCidrBlock's Ipv6AddressAttribute
  kIdList,
  kPublicIp,
  kZone,
  kArn,
  kAccountId,
  kConstant,
  kPrimaryAddress,      // an ENI's PrivateIpAddress or primary PrivateIpAddresses entry
  kSecondaryAddresses,  // its other PrivateIpAddresses entries, then one per assigned address
};

// How one attribute of one type is answered.
struct AttributeRule {
  const char* attribute;
  Source source;
  const char* detail = "";  // the suffix, property name or constant
};

struct TypeRules {
  const char* type;
  std::vector<AttributeRule> rules;
};

// The documented attributes of the types issue 4 maps. A type listed here rejects other
// attributes; a type not listed accepts any attribute (see Arn()).
const std::vector<TypeRules>& KnownTypes() {
  static const std::vector<TypeRules> types = {
      {"AWS::EC2::VPC",
       {{"CidrBlock", Source::kProperty, "CidrBlock"},
        {"CidrBlockAssociations", Source::kIdList, "/cidr-assoc"},
        {"DefaultNetworkAcl", Source::kSuffix, "-default-nacl"},
        {"DefaultSecurityGroup", Source::kSuffix, "-default-sg"},
        {"Ipv6CidrBlocks", Source::kIpv6Blocks},
        {"VpcId", Source::kId}}},
      {"AWS::EC2::VPCCidrBlock",
       {{"Id", Source::kId},
        {"IpSource", Source::kIpv6Source},
        {"Ipv6AddressAttribute", Source::kIpv6Attribute}}},
      {"AWS::EC2::Subnet",
       {{"AvailabilityZone", Source::kZone},
        {"AvailabilityZoneId", Source::kDeferred},
        {"CidrBlock", Source::kProperty, "CidrBlock"},
        {"Ipv6CidrBlocks", Source::kIpv6Blocks},
        {"NetworkAclAssociationId", Source::kSuffix, "/nacl-assoc"},
        {"OutpostArn", Source::kSuffix, "/outpost"},
        {"SubnetId", Source::kId},
        {"VpcId", Source::kProperty, "VpcId"}}},
      {"AWS::EC2::SecurityGroup", {{"GroupId", Source::kId}, {"VpcId", Source::kVpcOrDefault}}},
      {"AWS::EC2::EIP", {{"AllocationId", Source::kId}, {"PublicIp", Source::kPublicIp}}},
      {"AWS::EC2::NatGateway", {{"NatGatewayId", Source::kId}}},
      {"AWS::EC2::InternetGateway", {{"InternetGatewayId", Source::kId}}},
      {"AWS::EC2::RouteTable", {{"RouteTableId", Source::kId}}},
      {"AWS::EC2::NetworkAcl", {{"Id", Source::kId}}},
      {"AWS::EC2::VPCEndpoint",
       {{"Id", Source::kId},
        {"CreationTimestamp", Source::kDeferred},
        {"DnsEntries", Source::kEmptyList},
        {"NetworkInterfaceIds", Source::kEmptyList}}},
      {"AWS::EC2::NetworkInterface",
       {{"Id", Source::kId},
        {"PrimaryPrivateIpAddress", Source::kPrimaryAddress},
        {"SecondaryPrivateIpAddresses", Source::kSecondaryAddresses},
        {"PrimaryIpv6Address", Source::kDeferred},
        {"Ipv6Addresses", Source::kEmptyList}}},
      {"AWS::EC2::Instance",
       {{"InstanceId", Source::kId},
        {"AvailabilityZone", Source::kZone},
        {"PrivateIp", Source::kDeferred},
        {"PublicIp", Source::kDeferred},
        {"PrivateDnsName", Source::kDeferred},
        {"PublicDnsName", Source::kDeferred},
        {"VpcId", Source::kDeferred}}},
      {"AWS::EC2::PrefixList",
       {{"PrefixListId", Source::kId},
        {"Arn", Source::kArn},
        {"OwnerId", Source::kAccountId},
        {"Version", Source::kConstant, "1"}}},  // a new list's first version
      {"AWS::SageMaker::NotebookInstance",
       {{"NotebookInstanceName", Source::kProperty, "NotebookInstanceName"}}},
  };
  return types;
}

const TypeRules* FindType(const std::string& type) {
  for (const TypeRules& t : KnownTypes()) {
    if (type == t.type) return &t;
  }
  return nullptr;
}

// "AWS::IAM::Role" -> "iam"; anything unexpected -> "cloudformation".
std::string ServiceOf(const std::string& type) {
  size_t first = type.find("::");
  if (first == std::string::npos) return "cloudformation";
  size_t second = type.find("::", first + 2);
  std::string service =
      type.substr(first + 2, second == std::string::npos ? std::string::npos : second - first - 2);
  std::transform(service.begin(), service.end(), service.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return service.empty() ? "cloudformation" : service;
}

bool IsTrue(const CfnValue* value) {
  if (value == nullptr || !value->IsScalar()) return false;
  std::string text = value->text();
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text == "true";
}

bool Written(const CfnValue* value) { return value != nullptr && !value->IsNull(); }

// How an association gets its IPv6 block, as EC2's IpSource says it: "amazon", "byoip", or ""
// for an IPAM pool (public or private space, decided by the pool) and IPv4 blocks.
std::string Ipv6SourceOf(const CfnValue& properties) {
  if (IsTrue(properties.Find("AmazonProvidedIpv6CidrBlock"))) return "amazon";
  if (Written(properties.Find("Ipv6Pool"))) return "byoip";
  if (Written(properties.Find("Ipv6IpamPoolId"))) return "";
  if (Written(properties.Find("Ipv6CidrBlock"))) return "byoip";
  return "";
}

// A block as EC2 reads it back: canonical when it parses, else as written.
std::string CanonicalIpv6Block(const std::string& text) {
  std::optional<Ipv6Cidr> block = ParseIpv6Cidr(text);
  return block ? block->ToString() : text;
}

}  // namespace

std::string DeferredToken(const std::string& resource_id, const std::string& attribute) {
  return kDeferredTokenPrefix + resource_id + "." + attribute + kDeferredTokenSuffix;
}

DefaultAttributeResolver::DefaultAttributeResolver(std::string region, std::string account_id,
                                                   PublicIpAllocator allocator)
    : region_(std::move(region)),
      account_id_(std::move(account_id)),
      allocator_(std::move(allocator)),
      default_vpc_(kStackDefaultVpcId),
      next_ipv6_block_(kFirstIpv6Block) {}

std::string DefaultAttributeResolver::AssignIpv6Block(int length) {
  Ipv6Cidr block{0, length};
  Ipv6 host = block.HostMask();
  block.base = (next_ipv6_block_ + host) & ~host;  // aligned up to the block's size
  next_ipv6_block_ = block.base + host + 1;
  return block.ToString();
}

void DefaultAttributeResolver::ResourceEvaluated(const std::string& resource_id,
                                                 const std::string& type,
                                                 const CfnValue& properties) {
  const char* owner_property = type == "AWS::EC2::VPCCidrBlock"      ? "VpcId"
                               : type == "AWS::EC2::SubnetCidrBlock" ? "SubnetId"
                                                                     : nullptr;
  if (owner_property == nullptr) return;
  const CfnValue* owner = properties.Find(owner_property);
  if (owner == nullptr || !owner->IsScalar()) return;
  std::string block;
  const CfnValue* written = properties.Find("Ipv6CidrBlock");
  if (written != nullptr && written->IsScalar()) {
    block = CanonicalIpv6Block(written->text());
  } else if (type == "AWS::EC2::VPCCidrBlock" &&
             (IsTrue(properties.Find("AmazonProvidedIpv6CidrBlock")) ||
              Written(properties.Find("Ipv6Pool")) || Written(properties.Find("Ipv6IpamPoolId")))) {
    int length = kAmazonIpv6BlockLength;
    const CfnValue* netmask = properties.Find("Ipv6NetmaskLength");
    if (Written(properties.Find("Ipv6IpamPoolId")) && netmask != nullptr && netmask->IsScalar()) {
      int wanted = std::atoi(netmask->text().c_str());
      if (wanted >= 1 && wanted <= 128) length = wanted;
    }
    block = AssignIpv6Block(length);
  } else {
    return;  // an IPv4 block, or a subnet's block from an IPAM pool (no block to read)
  }
  ipv6_blocks_[owner->text()].push_back(block);
}

std::string DefaultAttributeResolver::PublicIp(const std::string& resource_id) {
  auto it = public_ips_.find(resource_id);
  if (it != public_ips_.end()) return it->second;
  std::string address =
      allocator_ ? allocator_(resource_id) : FormatIpv4(kFirstPublicIp + next_address_++);
  public_ips_.emplace(resource_id, address);
  return address;
}

std::string DefaultAttributeResolver::Arn(const std::string& resource_id,
                                          const std::string& type) const {
  return "arn:aws:" + ServiceOf(type) + ":" + region_ + ":" + account_id_ + ":" + resource_id;
}

std::optional<CfnValue> DefaultAttributeResolver::Ref(const std::string& resource_id,
                                                      const std::string& type,
                                                      const CfnValue& evaluated_properties) {
  if (type == "AWS::EC2::EIP") return CfnValue::String(PublicIp(resource_id));
  if (IsCustomResourceType(type)) return CfnValue::String(DeployTimeValue{resource_id, ""}.Token());
  return CfnValue::String(resource_id);
}

std::optional<CfnValue> DefaultAttributeResolver::GetAtt(const std::string& resource_id,
                                                         const std::string& type,
                                                         const CfnValue& properties,
                                                         const std::string& attribute) {
  if (IsCustomResourceType(type)) {
    // Whatever the custom resource's function answers at deployment: no name is wrong for it.
    return CfnValue::String(DeployTimeValue{resource_id, attribute}.Token());
  }
  const TypeRules* known = FindType(type);
  if (known == nullptr) {
    std::string arn = Arn(resource_id, type);
    return CfnValue::String(attribute == "Arn" ? arn : arn + "/" + attribute);
  }
  for (const AttributeRule& rule : known->rules) {
    if (attribute != rule.attribute) continue;
    switch (rule.source) {
      case Source::kId:
        return CfnValue::String(resource_id);
      case Source::kSuffix:
        return CfnValue::String(resource_id + rule.detail);
      case Source::kProperty: {
        const CfnValue* value = properties.Find(rule.detail);
        // A name AWS would generate (NotebookInstanceName) defaults to the resource id.
        if (value == nullptr) return CfnValue::String(resource_id);
        return *value;
      }
      case Source::kVpcOrDefault: {
        // Without a VpcId, AWS creates the group in the region's default VPC.
        const CfnValue* vpc = properties.Find("VpcId");
        if (vpc == nullptr || vpc->IsNull()) return CfnValue::String(default_vpc_);
        return *vpc;
      }
      case Source::kDeferred:
        return CfnValue::String(DeferredToken(resource_id, attribute));
      case Source::kEmptyList:
        return CfnValue::List({});
      case Source::kIpv6Blocks: {
        std::vector<CfnValue> blocks;
        const CfnValue* own = properties.Find("Ipv6CidrBlock");  // a subnet's own block
        if (own != nullptr && own->IsScalar()) {
          blocks.push_back(CfnValue::String(CanonicalIpv6Block(own->text())));
        }
        auto associated = ipv6_blocks_.find(resource_id);
        if (associated != ipv6_blocks_.end()) {
          for (const std::string& block : associated->second)
            blocks.push_back(CfnValue::String(block));
        }
        return CfnValue::List(std::move(blocks));
      }
      case Source::kIpv6Source:
      case Source::kIpv6Attribute: {
        std::string source = Ipv6SourceOf(properties);
        if (source.empty()) return CfnValue::String(DeferredToken(resource_id, attribute));
        return CfnValue::String(rule.source == Source::kIpv6Source ? source : "public");
      }
      case Source::kIdList:
        return CfnValue::List({CfnValue::String(resource_id + rule.detail)});
      case Source::kPublicIp:
        return CfnValue::String(PublicIp(resource_id));
      case Source::kArn:
        return CfnValue::String(Arn(resource_id, type));
      case Source::kAccountId:
        return CfnValue::String(account_id_);
      case Source::kConstant:
        return CfnValue::String(rule.detail);
      case Source::kPrimaryAddress:
      case Source::kSecondaryAddresses: {
        // Written addresses are known; those AWS assigns are known at deployment only.
        bool primary_wanted = rule.source == Source::kPrimaryAddress;
        const CfnValue* written = properties.Find("PrivateIpAddress");
        if (primary_wanted && written != nullptr && written->IsScalar()) return *written;
        std::vector<CfnValue> secondary;
        const CfnValue* list = properties.Find("PrivateIpAddresses");
        for (const CfnValue& item :
             list != nullptr && list->IsList() ? list->items() : std::vector<CfnValue>{}) {
          const CfnValue* address = item.Find("PrivateIpAddress");
          const CfnValue* is_primary = item.Find("Primary");
          bool primary = is_primary != nullptr && is_primary->text() == "true";
          if (address == nullptr || !address->IsScalar()) continue;
          if (primary && primary_wanted) return *address;
          if (!primary) secondary.push_back(*address);
        }
        if (primary_wanted) return CfnValue::String(DeferredToken(resource_id, attribute));
        const CfnValue* count = properties.Find("SecondaryPrivateIpAddressCount");
        long long assigned = count != nullptr ? std::atoll(count->text().c_str()) : 0;
        for (long long i = 0; i < assigned && i < 50; ++i) {
          secondary.push_back(CfnValue::String(
              DeferredToken(resource_id, attribute + "[" + std::to_string(i) + "]")));
        }
        return CfnValue::List(std::move(secondary));
      }
      case Source::kZone: {
        const CfnValue* zone = properties.Find("AvailabilityZone");
        if (zone != nullptr && zone->IsScalar()) return *zone;
        return CfnValue::String(AvailabilityZones(region_).front());
      }
    }
  }
  return std::nullopt;
}

}  // namespace vpcreach::cfn
