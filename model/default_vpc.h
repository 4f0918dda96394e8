// The region's default VPC, as AWS creates it in every region, for the scenario loader.
//
// AWS's VPC user guide ("Default VPCs"): "When we create a default VPC, we do the following to set
// it up for you: create a VPC with a size /16 IPv4 CIDR block (172.31.0.0/16); create a size /20
// default subnet in each Availability Zone; create an internet gateway and connect it to your
// default VPC; add a route to the main route table that points all traffic (0.0.0.0/0) to the
// internet gateway; create a default security group ...; create a default network access control
// list (ACL) ...". A default subnet is public: an instance launched there gets a public IPv4
// address (the subnet's MapPublicIpOnLaunch is true).
//
// A scenario writes it as a VPC marked `default: true`, without a block (or with 172.31.0.0/16
// first): `vpcs: {default-vpc: {default: true}}`. The loader completes it, naming what it creates
// after the VPC's id V:
//  - the default subnets `V-<az>`, one per availability zone of the region in zone order
//    (AvailabilityZones(): us-east-1a, us-east-1b, ...), 172.31.0.0/20, 172.31.16.0/20,
//    172.31.32.0/20, ..., each with `map_public_ip_on_launch`, the VPC's main route table and its
//    default network ACL;
//  - the internet gateway `V-igw`, unless the scenario attaches one of its own to V;
//  - the route 0.0.0.0/0 -> that gateway in V's synthesized main table `V-main` (a main table the
//    scenario writes for V keeps only its own routes: that is how a scenario makes the default
//    subnets private);
//  - like every VPC, the default network ACL `V-default-nacl` (allow all) and the default security
//    group `V-default-sg` (all from itself, all out).
// A region has one default VPC. CloudFormation stacks that place resources without a VpcId or
// SubnetId use the scenario's default VPC, or one named kStackDefaultVpcId that their generated
// document declares (model/cloudformation/default_vpc.h); either way the whole model has one.
#ifndef VPCREACH_MODEL_DEFAULT_VPC_H_
#define VPCREACH_MODEL_DEFAULT_VPC_H_

#include <optional>
#include <string>

#include "model/build_context.h"
#include "model/component_index.h"
#include "model/ip.h"
#include "model/yaml_reader.h"

namespace vpcreach {

// The default VPC's block and the size of its default subnets.
inline constexpr char kDefaultVpcBlock[] = "172.31.0.0/16";
inline constexpr int kDefaultSubnetLength = 20;
// The id of the default VPC the stacks create when the scenario writes none.
inline constexpr char kStackDefaultVpcId[] = "default-vpc";

// "default-vpc-us-east-1a": the default subnet of `vpc` in zone `az`.
std::string DefaultSubnetId(const std::string& vpc, const std::string& az);
// "default-vpc-igw": the internet gateway vpcreach attaches to default VPC `vpc`.
std::string DefaultInternetGatewayId(const std::string& vpc);
// The block of the default subnet in the `zone`-th zone (0-based): 172.31.<16 * zone>.0/20.
Cidr DefaultSubnetBlock(size_t zone);

// The id of the first VPC the scenario files write with `default: true`, nullopt when none is:
// the default VPC the stacks share (else they declare kStackDefaultVpcId). Reads the written
// bodies quietly (BuildVpcs reports their problems); call after the files are read, before the
// stacks are deployed.
std::optional<std::string> WrittenDefaultVpc(const ComponentIndex& components);

// For BuildVpcs, once the blocks of VPC `vpc` are read: makes it the region's default VPC, as
// `default` (its `default: true` field) asks. Its block is 172.31.0.0/16: written first as
// `first_block` (else reported there), or set when none is written. A second default VPC is
// reported at `default` and stays an ordinary VPC.
void MakeDefaultVpc(BuildContext& context, const YamlField& default_field,
                    const std::optional<YamlField>& first_block, Index vpc);

// For BuildSubnets: the default subnet (its id and block) that `block`, written for a subnet of
// `vpc`, overlaps; nullopt when `vpc` is not the default VPC or none does. The default subnets are
// added after the written ones, so BuildSubnets checks this at the written block.
struct DefaultSubnetOverlap {
  std::string id;
  Cidr block;
  std::string hint;  // "the default subnets take 172.31.0.0/20 to ...: use ..., such as ..."
};
std::optional<DefaultSubnetOverlap> OverlappedDefaultSubnet(const Model& model, Index vpc,
                                                            const Cidr& block);

// After BuildInternetGateways: attaches `V-igw` to the default VPC unless one is attached.
void AddDefaultInternetGateway(BuildContext& context);
// After BuildRouteTables: the route 0.0.0.0/0 -> the default VPC's internet gateway in its main
// table, when vpcreach synthesized that table.
void AddDefaultRoute(BuildContext& context);
// After BuildSubnets (the written subnets keep the first indices, as the component index has
// them): the default subnets.
void AddDefaultSubnets(BuildContext& context);

}  // namespace vpcreach

#endif  // VPCREACH_MODEL_DEFAULT_VPC_H_
