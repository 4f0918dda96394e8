// Where vpcreach's answers once differed from AWS (issue 10): each case asks `check` (the solver,
// exact over the header space) and `trace` (the tracer, one packet) the same question, and holds
// both to what AWS does. Each would fail on the code before the fix.
#include <gtest/gtest.h>

#include "sim/query/check.h"
#include "tests/test_util.h"

namespace vpcreach::testing {
namespace {

// lan (10.0.1.0/24): worker, peer.
// far (10.0.2.0/24): other, silent, the interface endpoint sm-api.  pub (10.0.0.0/24): the NAT
// gateway, web (public), the appliance fw (source/destination check off).
const char* kNetwork = R"(
vpcreach: 1
vpcs: {v: {cidr: 10.0.0.0/16}}
internet_gateways: {igw: {vpc: v}}
subnets:
  pub: {vpc: v, cidr: 10.0.0.0/24, az: a, route_table: pub-rt}
  lan: {vpc: v, cidr: 10.0.1.0/24, az: a, route_table: lan-rt}
  far: {vpc: v, cidr: 10.0.2.0/24, az: b, route_table: lan-rt}
route_tables:
  pub-rt: {vpc: v, routes: [{destination: 0.0.0.0/0, target: igw}]}
  lan-rt: {vpc: v, routes: [{destination: 0.0.0.0/0, target: nat}]}
nat_gateways: {nat: {subnet: pub, public_ip: 52.0.0.10, private_ip: 10.0.0.5}}
security_groups:
  open: {vpc: v, ingress: [{protocol: all, cidr: 0.0.0.0/0}]}
  mute: {vpc: v, ingress: [{protocol: all, cidr: 0.0.0.0/0}], egress: []}
  api:  {vpc: v, ingress: [{protocol: all, cidr: 10.0.0.0/16}]}
enis:
  worker: {subnet: lan, private_ip: 10.0.1.10, security_groups: [open]}
  peer:   {subnet: lan, private_ip: 10.0.1.11, security_groups: [open]}
  fw:     {subnet: pub, private_ip: 10.0.0.20, security_groups: [open], source_dest_check: false}
  other:  {subnet: far, private_ip: 10.0.2.10, security_groups: [open]}
  silent: {subnet: far, private_ip: 10.0.2.11, security_groups: [mute]}
  web:    {subnet: pub, private_ip: 10.0.0.10, public_ip: 54.0.0.1, security_groups: [open]}
vpc_endpoints:
  sm-api: {vpc: v, service: sagemaker.api, type: interface, subnets: [far], security_groups: [api]}
)";

// ---- 1. The Amazon-provided services are reached whatever the groups and NACLs say ----------

TEST(FalseProofsTest, AnEmptyEgressGroupDoesNotBlockInstanceMetadataOrTheDnsResolver) {
  for (const char* to : {"169.254.169.254", "10.0.0.2", "169.254.169.123"}) {
    TraceResult t = Trace(Load(kNetwork), "silent", to, 6, 80);
    EXPECT_TRUE(t.delivered) << to << "\n" << Path(t) << Codes(t);
    ExpectationResult r = CheckOne(kNetwork, std::string("{name: imds, from: silent, to: ") + to +
                                                 ", port: 80, reachable: false}");
    EXPECT_FALSE(r.passed) << to << ": " << r.detail;
    r = CheckOne(kNetwork,
                 std::string("{name: imds, from: silent, to: ") + to + ", reachable: true}");
    EXPECT_TRUE(r.passed) << to << ": " << r.detail;
  }
}

TEST(FalseProofsTest, TheAmazonProvidedServicesAreNotPartOfTheSubnetTheirAddressIsIn) {
  // The resolver's address is in subnet pub, but naming the subnet asks about its hosts.
  ExpectationResult r =
      CheckOne(kNetwork, "{name: subnet, from: silent, to: pub, reachable: false}");
  EXPECT_TRUE(r.passed) << r.detail;
}

// ---- 2. Inside a subnet the local route decides --------------------------------------------

const std::string kSubnetThroughAppliance =
    Edit(kNetwork, "lan-rt: {vpc: v, routes: [{destination: 0.0.0.0/0, target: nat}]}",
         "lan-rt: {vpc: v, routes: [{destination: 0.0.0.0/0, target: nat}, "
         "{destination: 10.0.1.0/24, target: fw}]}");

TEST(FalseProofsTest, HostsOfOneSubnetTalkDirectlyWhateverTheTableSays) {
  Network n = Load(kSubnetThroughAppliance);
  TraceResult t = Trace(n, "worker", "10.0.1.11", 6, 22);
  EXPECT_TRUE(t.delivered) << Path(t) << Codes(t);
  EXPECT_FALSE(Passes(t, "fw")) << Path(t);
  EXPECT_EQ(t.forward[2].decision, "10.0.0.0/16 -> local");
  ExpectationResult r = CheckOne(kSubnetThroughAppliance,
                                 "{name: same subnet, from: worker, to: peer, reachable: true, via: [fw]}");
  EXPECT_FALSE(r.passed) << r.detail;
  r = CheckOne(kSubnetThroughAppliance,
               "{name: same subnet, from: worker, to: peer, reachable: true, avoid: [fw]}");
  EXPECT_TRUE(r.passed) << r.detail;
}

TEST(FalseProofsTest, OtherSubnetsStillTakeTheApplianceRoute) {
  Network n = Load(kSubnetThroughAppliance);
  TraceResult t = Trace(n, "other", "10.0.1.11", 6, 22);
  EXPECT_TRUE(t.delivered) << Path(t) << Codes(t);
  EXPECT_TRUE(Passes(t, "fw")) << Path(t);
  ExpectationResult r = CheckOne(kSubnetThroughAppliance,
                                 "{name: through fw, from: other, to: peer, reachable: true, via: [fw]}");
  EXPECT_TRUE(r.passed) << r.detail;
}

// ---- 3. Ingress routing: the internet gateway's route table sends inbound traffic first to an
// appliance -------------------------------------------------------------------------------------

// web's subnet pub gets a table of its own that returns through fw; the gateway route table sends
// traffic for pub to fw, which sits in its own subnet (inspect, routed by insp-rt).
const std::string kIngress =
    Edit(Edit(Edit(kNetwork, "  fw:     {subnet: pub, private_ip: 10.0.0.20,",
                   "  fw:     {subnet: insp, private_ip: 10.0.3.20,"),
              "  far: {vpc: v, cidr: 10.0.2.0/24, az: b, route_table: lan-rt}",
              "  far: {vpc: v, cidr: 10.0.2.0/24, az: b, route_table: lan-rt}\n"
              "  insp: {vpc: v, cidr: 10.0.3.0/24, az: a, route_table: insp-rt}"),
         "  pub-rt: {vpc: v, routes: [{destination: 0.0.0.0/0, target: igw}]}",
         "  pub-rt: {vpc: v, routes: [{destination: 0.0.0.0/0, target: fw}]}\n"
         "  insp-rt: {vpc: v, routes: [{destination: 0.0.0.0/0, target: igw}]}\n"
         "  edge: {vpc: v, gateway: igw, routes: [{destination: 10.0.0.0/24, target: fw}]}");

TEST(FalseProofsTest, InboundTrafficFollowsTheGatewayRouteTable) {
  Network n = Load(kIngress);
  TraceResult t = Trace(n, "internet", "54.0.0.1", 6, 443);
  EXPECT_TRUE(t.delivered) << Path(t) << Codes(t);
  EXPECT_TRUE(Passes(t, "fw")) << Path(t);
  EXPECT_EQ(Path(t).substr(0, Path(t).find("|")),
            "internet:sends from 198.51.100.7\n"
            "igw:receives\n"
            "igw:destination mapped to private 10.0.0.10\n"
            "edge:10.0.0.0/24 -> fw\n"
            "insp:enters\n"
            "v-default-nacl:inbound rule 100 allow\n"
            "fw:receives as a route target\n"
            "open:ingress all 0.0.0.0/0\n"
            "fw:forwards (source/destination check off)\n"
            "open:egress all 0.0.0.0/0\n"
            "v-default-nacl:outbound rule 100 allow\n"
            "insp-rt:10.0.0.0/16 -> local\n"
            "pub:enters\n"
            "v-default-nacl:inbound rule 100 allow\n"
            "open:ingress all 0.0.0.0/0\n"
            "web:delivered\n");
  ExpectationResult r = CheckOne(
      kIngress, "{name: inspected, from: internet, to: web, port: 443, reachable: true, via: [fw]}");
  EXPECT_TRUE(r.passed) << r.detail;
  // Without the edge association the same traffic goes straight to its subnet.
  std::string plain = Edit(kIngress, "edge: {vpc: v, gateway: igw,", "edge: {vpc: v,");
  EXPECT_FALSE(Passes(Trace(Load(plain), "internet", "54.0.0.1", 6, 443), "fw"));
  r = CheckOne(plain,
               "{name: inspected, from: internet, to: web, port: 443, reachable: true, via: [fw]}");
  EXPECT_FALSE(r.passed);
}

TEST(FalseProofsTest, RepliesComingInAreInspectedToo) {
  TraceResult t = Trace(Load(kIngress), "web", "151.101.0.1", 6, 443);
  EXPECT_TRUE(t.delivered) << Path(t) << Codes(t);
  int inspected_back = 0;
  for (const Hop& h : t.reverse) inspected_back += h.component == "edge";
  EXPECT_EQ(inspected_back, 1) << Path(t);
  EXPECT_TRUE(Passes(t, "fw")) << Path(t);
}

// ---- via and avoid read the request's path, not the reply's ---------------------------------

// far gets a table of its own; lan's sends replies to far through the appliance.
const std::string kReplyThroughAppliance = Edit(
    Edit(kNetwork, "far: {vpc: v, cidr: 10.0.2.0/24, az: b, route_table: lan-rt}",
         "far: {vpc: v, cidr: 10.0.2.0/24, az: b, route_table: far-rt}"),
    "lan-rt: {vpc: v, routes: [{destination: 0.0.0.0/0, target: nat}]}",
    "lan-rt: {vpc: v, routes: [{destination: 0.0.0.0/0, target: nat}, "
    "{destination: 10.0.2.0/24, target: fw}]}\n"
    "  far-rt: {vpc: v, routes: [{destination: 0.0.0.0/0, target: nat}]}");

TEST(FalseProofsTest, ViaAndAvoidReadTheRequestsPathOnly) {
  Network n = Load(kReplyThroughAppliance);
  TraceResult t = Trace(n, "other", "10.0.1.10", 6, 22);
  ASSERT_TRUE(t.delivered) << Path(t) << Codes(t);
  EXPECT_FALSE(Passes(t, "fw"));  // only the reply passes it
  ExpectationResult r = CheckOne(kReplyThroughAppliance,
                                 "{name: inspected, from: other, to: worker, port: 22, reachable: true, via: [fw]}");
  EXPECT_FALSE(r.passed);
  EXPECT_EQ(r.detail, "tcp 10.0.2.10:40000 -> 10.0.1.10:22 is delivered without passing fw");
  r = CheckOne(kReplyThroughAppliance,
               "{name: bypass, from: other, to: worker, port: 22, reachable: true, avoid: [fw]}");
  EXPECT_TRUE(r.passed) << r.detail;
  // The other way round the request passes the appliance.
  r = CheckOne(kReplyThroughAppliance,
               "{name: inspected, from: worker, to: other, port: 22, reachable: true, avoid: [fw]}");
  EXPECT_FALSE(r.passed);
  EXPECT_EQ(r.detail, "tcp 10.0.1.10:40000 -> 10.0.2.10:22 is delivered through fw");
}

// ---- 7. Interface endpoints only answer, tcp only, on the service's ports -------------------

TEST(FalseProofsTest, InterfaceEndpointsAnswerOnlyTcpOnTheServicesPorts) {
  Network n = Load(kNetwork);
  const Eni& endpoint_eni = n.model->enis[n.model->vpc_endpoints[0].enis[0]];
  std::string address = FormatIpv4(endpoint_eni.private_ip);
  TraceResult https = Trace(n, "worker", address.c_str(), 6, 443);
  EXPECT_TRUE(https.delivered) << Path(https) << Codes(https);
  TraceResult http = Trace(n, "worker", address.c_str(), 6, 80);
  EXPECT_FALSE(http.delivered);
  EXPECT_EQ(Codes(http), "VPCE_INTERFACE_PROTOCOL_RESTRICTION");
  EXPECT_EQ(http.explanations[0].message,
            "interface endpoint sm-api answers only tcp on port 443 (sagemaker.api), not tcp "
            "10.0.1.10:40000 -> " + address + ":80");
  TraceResult udp = Trace(n, "worker", address.c_str(), 17, 443);
  EXPECT_EQ(Codes(udp), "VPCE_INTERFACE_PROTOCOL_RESTRICTION");

  ExpectationResult r = CheckOne(kNetwork, "{name: no udp, from: worker, to: sm-api, protocol: udp, reachable: false}");
  EXPECT_TRUE(r.passed) << r.detail;
  r = CheckOne(kNetwork, "{name: not 80, from: worker, to: sm-api, port: 80, reachable: false}");
  EXPECT_TRUE(r.passed) << r.detail;
  r = CheckOne(kNetwork, "{name: 443, from: worker, to: sm-api, port: 443, reachable: true}");
  EXPECT_TRUE(r.passed) << r.detail;
}

TEST(FalseProofsTest, InterfaceEndpointsOpenNoConnections) {
  Network n = Load(kNetwork);
  TraceResult t = Trace(n, "sm-api", "10.0.1.10", 6, 22);
  EXPECT_FALSE(t.delivered);
  EXPECT_EQ(Codes(t), "VPCE_INTERFACE_NO_OUTBOUND");
  for (const char* to : {"worker", "internet", "10.0.0.2"}) {
    ExpectationResult r = CheckOne(kNetwork, std::string("{name: endpoint, from: sm-api, to: ") +
                                                 to + ", protocol: all, reachable: false}");
    EXPECT_TRUE(r.passed) << to << ": " << r.detail;
  }
}

}  // namespace
}  // namespace vpcreach::testing
