// Interface endpoint services by name (issue 12, point 4): `sts`, `sagemaker.api`, ... are
// endpoints in every region; with private DNS the name resolves to the VPC's interface endpoint,
// otherwise to the service's public addresses through the NAT gateway (model/
// endpoint_services.h, Endpoint::SeenFrom). `private_dns` in both formats, and the endpoint
// policy note of `validate`.
#include <gtest/gtest.h>

#include "cloudformation/stack_test_fixture.h"
#include "loader_test_util.h"
#include "model/loader_messages.h"
#include "model/endpoint_services.h"
#include "sim/query/check.h"
#include "sim/query/reach.h"
#include "sim/report/validate_report.h"
#include "test_util.h"

namespace vpcreach {
namespace {

// A private subnet behind a NAT gateway with an STS interface endpoint (private DNS as
// written), and a second VPC without endpoints behind its own NAT gateway.
std::string Estate(const std::string& private_dns) {
  return R"(vpcreach: 1
region: eu-west-1
vpcs: {lab: {cidr: 10.1.0.0/16}, other: {cidr: 10.2.0.0/16}}
internet_gateways: {igw: {vpc: lab}, igw2: {vpc: other}}
subnets:
  public-a:  {vpc: lab, cidr: 10.1.0.0/20, az: a, route_table: public}
  private-a: {vpc: lab, cidr: 10.1.16.0/20, az: a, route_table: private}
  o-public:  {vpc: other, cidr: 10.2.0.0/20, az: a, route_table: o-public}
  o-private: {vpc: other, cidr: 10.2.16.0/20, az: a, route_table: o-private}
route_tables:
  public:    {vpc: lab, routes: [{destination: 0.0.0.0/0, target: igw}]}
  private:   {vpc: lab, routes: [{destination: 0.0.0.0/0, target: nat-a}]}
  o-public:  {vpc: other, routes: [{destination: 0.0.0.0/0, target: igw2}]}
  o-private: {vpc: other, routes: [{destination: 0.0.0.0/0, target: nat-o}]}
nat_gateways:
  nat-a: {subnet: public-a, public_ip: 52.0.0.10}
  nat-o: {subnet: o-public, public_ip: 52.0.0.20}
security_groups:
  app:  {vpc: lab}
  app2: {vpc: other}
  endpoints: {vpc: lab, ingress: [{protocol: tcp, ports: 443, cidr: 10.1.0.0/16}]}
vpc_endpoints:
  sts-ep: {vpc: lab, service: sts, type: interface, subnets: [private-a], security_groups: [endpoints])" +
         private_dns + R"(}
enis:
  app:  {subnet: private-a, security_groups: [app]}
  app2: {subnet: o-private, security_groups: [app2]}
)";
}

struct Answer {
  bool reachable = false;
  std::string via;      // the first group's gateways
  std::string witness;  // the first group's witness
};

Answer Reach(const testing::Network& n, const std::string& from, const std::string& to) {
  ReachAnswer a = testing::Reach443(n, from, to);
  Answer out;
  if (a.groups.empty()) return out;
  out.reachable = true;
  out.via = a.groups.front().via;
  out.witness = FormatPacket(a.groups.front().witness);
  return out;
}

TEST(EndpointServicesTest, PrivateDnsResolvesTheNameToTheEndpointInterfaces) {
  testing::Network n = testing::Load(Estate(", private_dns: true"));
  Answer a = Reach(n, "app", "sts");
  EXPECT_TRUE(a.reachable);
  // To the endpoint's interface (10.1.16.4), inside the VPC: no NAT gateway.
  EXPECT_EQ(a.witness, "tcp 10.1.16.5:40000 -> 10.1.16.4:443");
  EXPECT_EQ(a.via, "");
  // The opposite: never to STS's public address through the NAT gateway.
  Answer public_address = Reach(n, "app", "203.0.113.4");
  EXPECT_TRUE(public_address.reachable);  // the address itself is still reachable...
  EXPECT_NE(a.witness, public_address.witness);  // ...but the name does not lead there
}

TEST(EndpointServicesTest, WithoutPrivateDnsTheNameLeadsToThePublicAddressesThroughTheNat) {
  testing::Network n = testing::Load(Estate(", private_dns: false"));
  Answer a = Reach(n, "app", "sts");
  EXPECT_TRUE(a.reachable);
  EXPECT_EQ(a.witness, "tcp 10.1.16.5:40000 -> 203.0.113.4:443");
  EXPECT_NE(a.via.find("nat-a"), std::string::npos) << a.via;
}

TEST(EndpointServicesTest, AnotherVpcSeesThePublicAddresses) {
  testing::Network n = testing::Load(Estate(""));  // private DNS by default
  EXPECT_TRUE(n.model->vpc_endpoints[0].private_dns);
  Answer a = Reach(n, "app2", "sts");
  EXPECT_EQ(a.witness, "tcp 10.2.16.4:40000 -> 203.0.113.4:443");
  EXPECT_NE(a.via.find("nat-o"), std::string::npos) << a.via;
  // And the internet reaches STS's public address, not the endpoint.
  EXPECT_FALSE(Reach(n, "internet", "sts-ep").reachable);
}

TEST(EndpointServicesTest, EveryTableNameIsAnEndpointInEveryRegion) {
  for (const char* region : {"us-east-1", "eu-west-1", "ap-southeast-7"}) {
    testing::Network n = testing::Load(std::string("vpcreach: 1\nregion: ") + region + "\n");
    for (const EndpointServiceInfo& s : InterfaceEndpointServiceTable()) {
      std::string error;
      std::optional<Endpoint> ep = ResolveEndpoint(*n.model, s.name, &error);
      ASSERT_TRUE(ep) << region << " " << s.name << ": " << error;
      EXPECT_TRUE(ep->outside);
      EXPECT_EQ(ep->dns_service, s.name);
      EXPECT_FALSE(ep->addresses.Empty());
    }
  }
}

TEST(EndpointServicesTest, AMistypedServiceSuggestsTheClosestName) {
  testing::Network n = testing::Load(Estate(""));
  std::string error;
  EXPECT_FALSE(ResolveEndpoint(*n.model, "sagemaker.apii", &error));
  EXPECT_EQ(error, "unknown endpoint 'sagemaker.apii'; did you mean 'sagemaker.api'?");
}

TEST(EndpointServicesTest, PrivateDnsOnAGatewayEndpointIsALocatedError) {
  EXPECT_EQ(loader_testing::OnlyProblem(R"(vpcreach: 1
vpcs: {lab: {cidr: 10.1.0.0/16}}
route_tables: {rt: {vpc: lab}}
vpc_endpoints: {s3-gw: {vpc: lab, service: s3, type: gateway, route_tables: [rt], private_dns: true}}
)"),
            "s.yaml:4:83: vpc_endpoints.s3-gw.private_dns: private_dns applies only to interface "
            "endpoints");
}

TEST(EndpointServicesTest, ValidateNotesAnEndpointPolicy) {
  testing::Network n = testing::Load(testing::Edit(Estate(""), "security_groups: [endpoints]",
                                          "security_groups: [endpoints], policy: {Statement: []}"));
  std::string text = ValidateToText(*n.model);
  EXPECT_NE(text.find("notes:\n  test.yaml:23:113: note: vpc endpoint sts-ep has an endpoint "
                      "policy, which vpcreach does not model: a policy decides which principals, "
                      "actions and resources a call through the endpoint may use, not which "
                      "packets pass; the answers treat it as allowing everything (AWS's default "
                      "full-access policy)\n"),
            std::string::npos)
      << text;
  nlohmann::ordered_json j = ValidateToJson(*n.model);
  ASSERT_EQ(j["notes"].size(), 1u);
  EXPECT_EQ(j["interface_endpoint_services"][0]["name"], "sagemaker.api");
  EXPECT_EQ(j["interface_endpoint_services"][0]["cidrs"][0], "203.0.113.1/32");
  // Without a policy, no note.
  testing::Network plain = testing::Load(Estate(""));
  EXPECT_EQ(ValidateToText(*plain.model).find("notes:"), std::string::npos);
}

using EndpointServicesStackTest = testing::StackTest;

TEST_F(EndpointServicesStackTest, PrivateDnsEnabledDefaultsToFalseInCloudFormation) {
  LoadResult loaded = LoadOne(R"(Resources:
  Vpc: {Type: 'AWS::EC2::VPC', Properties: {CidrBlock: 10.0.0.0/16}}
  Subnet: {Type: 'AWS::EC2::Subnet', Properties: {VpcId: !Ref Vpc, CidrBlock: 10.0.0.0/24, AvailabilityZone: us-east-1a}}
  Sg: {Type: 'AWS::EC2::SecurityGroup', Properties: {GroupDescription: api, VpcId: !Ref Vpc}}
  Api:
    Type: AWS::EC2::VPCEndpoint
    Properties: {VpcId: !Ref Vpc, ServiceName: com.amazonaws.us-east-1.sagemaker.api, VpcEndpointType: Interface, SubnetIds: [!Ref Subnet], SecurityGroupIds: [!Ref Sg]}
  Sts:
    Type: AWS::EC2::VPCEndpoint
    Properties:
      VpcId: !Ref Vpc
      ServiceName: !Sub 'com.amazonaws.${AWS::Region}.sts'
      VpcEndpointType: Interface
      PrivateDnsEnabled: true
      SubnetIds: [!Ref Subnet]
      SecurityGroupIds: [!Ref Sg]
      PolicyDocument: {Statement: [{Effect: Allow, Principal: '*', Action: '*', Resource: '*'}]}
)");
  ASSERT_TRUE(loaded.ok()) << loaded.diagnostics.Format();
  const Model& m = loaded.model;
  EXPECT_FALSE(testing::Named(m.vpc_endpoints, "net/Api").private_dns);
  EXPECT_FALSE(testing::Named(m.vpc_endpoints, "net/Api").policy.has_value());
  const VpcEndpoint& sts = testing::Named(m.vpc_endpoints, "net/Sts");
  EXPECT_TRUE(sts.private_dns);
  ASSERT_TRUE(sts.policy.has_value());
  EXPECT_EQ(FormatLocation(*sts.policy), Path("t.yaml") + ":17:23");
}

}  // namespace
}  // namespace vpcreach
