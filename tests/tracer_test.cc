// The tracer against every rule of aws-semantics.md, each both ways: a network where the rule
// lets the packet through, and the smallest edit that makes the same rule refuse it.
#include "sim/tracer.h"

#include <gtest/gtest.h>

#include "tests/test_util.h"

namespace vpcreach::testing {
namespace {

// pub (10.0.0.0/24): bastion with a public IP, the NAT gateway.  priv (10.0.1.0/24): worker,
// peer.  priv2 (10.0.2.0/24): other.  priv and priv2 share priv-rt (0/0 -> nat, pl-s3 -> s3-gw).
const char* kBase = R"(
vpcreach: 1
vpcs: {v: {cidr: 10.0.0.0/16}}
internet_gateways: {igw: {vpc: v}}
subnets:
  pub:   {vpc: v, cidr: 10.0.0.0/24, az: a, route_table: pub-rt,  network_acl: open}
  priv:  {vpc: v, cidr: 10.0.1.0/24, az: a, route_table: priv-rt, network_acl: priv-acl}
  priv2: {vpc: v, cidr: 10.0.2.0/24, az: b, route_table: priv-rt, network_acl: open}
route_tables:
  pub-rt:  {vpc: v, routes: [{destination: 0.0.0.0/0, target: igw}]}
  priv-rt: {vpc: v, routes: [{destination: 0.0.0.0/0, target: nat}]}
nat_gateways: {nat: {subnet: pub, public_ip: 52.0.0.10, private_ip: 10.0.0.5}}
vpc_endpoints: {s3-gw: {vpc: v, service: s3, type: gateway, route_tables: [priv-rt]}}
network_acls:
  open:
    vpc: v
    ingress: [{rule: 100, action: allow, protocol: all, cidr: 0.0.0.0/0}]
    egress:  [{rule: 100, action: allow, protocol: all, cidr: 0.0.0.0/0}]
  priv-acl:
    vpc: v
    ingress: [{rule: 100, action: allow, protocol: all, cidr: 0.0.0.0/0}]
    egress:  [{rule: 100, action: allow, protocol: all, cidr: 0.0.0.0/0}]
security_groups:
  web:
    vpc: v
    ingress: [{protocol: tcp, ports: 443, cidr: 0.0.0.0/0}]
  app:
    vpc: v
    ingress: [{protocol: tcp, ports: 8080, security_group: web}]
    egress:  [{protocol: tcp, ports: 443, cidr: 0.0.0.0/0}, {protocol: tcp, ports: 8080, cidr: 10.0.0.0/16}]
enis:
  bastion: {subnet: pub,   private_ip: 10.0.0.10, public_ip: 54.0.0.1, security_groups: [web]}
  worker:  {subnet: priv,  private_ip: 10.0.1.10, security_groups: [app]}
  peer:    {subnet: priv,  private_ip: 10.0.1.11, security_groups: [web]}
  other:   {subnet: priv2, private_ip: 10.0.2.10, security_groups: [app]}
)";

const char* kS3 = "52.216.10.20";    // inside pl-s3 (us-east-1)
const char* kPypi = "151.101.0.1";

TEST(TracerTest, PrivateInstanceReachesTheInternetThroughTheNatGateway) {
  Network n = Load(kBase);
  TraceResult t = Trace(n, "worker", kPypi);
  EXPECT_TRUE(t.delivered) << Path(t) << Codes(t);
  EXPECT_EQ(Path(t),
            "worker:sends tcp 10.0.1.10:40000 -> 151.101.0.1:443\n"
            "app:egress tcp 443 0.0.0.0/0\n"
            "priv-acl:outbound rule 100 allow\n"
            "priv-rt:0.0.0.0/0 -> nat\n"
            "pub:enters\n"
            "open:inbound rule 100 allow\n"
            "nat:receives\n"
            "nat:source rewritten to 10.0.0.5:40000\n"
            "open:outbound rule 100 allow\n"
            "pub-rt:0.0.0.0/0 -> igw\n"
            "igw:receives\n"
            "igw:source mapped to public 52.0.0.10\n"
            "pypi (151.101.0.1):delivered\n"
            "|\n"
            "pypi (151.101.0.1):replies\n"
            "igw:receives\n"
            "igw:destination mapped to private 10.0.0.5\n"
            "pub:enters\n"
            "open:inbound rule 100 allow\n"
            "nat:receives\n"
            "nat:destination translated back to 10.0.1.10:40000\n"
            "open:outbound rule 100 allow\n"
            "pub-rt:10.0.0.0/16 -> local\n"
            "priv:enters\n"
            "priv-acl:inbound rule 100 allow\n"
            "app:ingress: return traffic of an allowed connection (stateful)\n"
            "worker:delivered\n");
  EXPECT_EQ(t.forward[7].packet, (Packet{Ip("10.0.0.5"), Ip(kPypi), 6, 40000, 443}));
  EXPECT_EQ(t.forward[11].packet, (Packet{Ip("52.0.0.10"), Ip(kPypi), 6, 40000, 443}));
}

TEST(TracerTest, SecurityGroupEgressRefusesWhatNoRuleAllows) {
  Network n = Load(kBase);
  TraceResult t = Trace(n, "worker", kPypi, 6, 80);
  EXPECT_FALSE(t.delivered);
  EXPECT_EQ(Codes(t), "ENI_SG_RULES_MISMATCH");
  EXPECT_EQ(t.explanations[0].component, "app");
  EXPECT_EQ(t.explanations[0].message,
            "no egress rule of security group app on worker allows tcp port 80 to 151.101.0.1");
  // Fix one, see the next: the walk went on to the destination.
  EXPECT_TRUE(t.forward_arrived);
}

TEST(TracerTest, SecurityGroupWithNoRulesSaysSo) {
  Network n = Load(Edit(kBase, "{protocol: tcp, ports: 443, cidr: 0.0.0.0/0}, {protocol: tcp, ports: 8080, cidr: 10.0.0.0/16}", ""));
  TraceResult t = Trace(n, "worker", kPypi);
  EXPECT_EQ(Codes(t), "SG_HAS_NO_RULES");
}

TEST(TracerTest, GroupWithoutEgressKeyAllowsAllEgress) {
  // web has no egress key: the default allow-all rule applies.
  Network n = Load(kBase);
  TraceResult t = Trace(n, "bastion", "8.8.8.8", 17, 53);
  EXPECT_TRUE(t.delivered) << Path(t) << Codes(t);
  EXPECT_EQ(t.forward[1].decision, "egress all 0.0.0.0/0");
}

TEST(TracerTest, SecurityGroupIngressAndStatefulReturn) {
  Network n = Load(kBase);
  // From the internet to the bastion's public IP on 443: web admits it; the reply needs no rule.
  TraceResult in = Trace(n, "internet", "54.0.0.1");
  EXPECT_TRUE(in.delivered) << Path(in) << Codes(in);
  EXPECT_EQ(in.delivery.kind, DeliveryKind::kEni);
  // On 22 nothing admits it.
  TraceResult ssh = Trace(n, "internet", "54.0.0.1", 6, 22);
  EXPECT_FALSE(ssh.delivered);
  EXPECT_EQ(Codes(ssh), "ENI_SG_RULES_MISMATCH");
  EXPECT_EQ(ssh.explanations[0].message,
            "no ingress rule of security group web on bastion allows tcp port 22 from "
            "198.51.100.7");
}

TEST(TracerTest, SecurityGroupReferenceMatchesMembersOnly) {
  Network n = Load(kBase);
  // app admits 8080 from members of web: peer carries web, other does not.
  TraceResult from_member = Trace(n, "peer", "10.0.1.10", 6, 8080);
  EXPECT_TRUE(from_member.delivered) << Path(from_member) << Codes(from_member);
  EXPECT_EQ(from_member.forward[from_member.forward.size() - 2].decision,
            "ingress tcp 8080 sg web");
  TraceResult from_other = Trace(n, "other", "10.0.1.10", 6, 8080);
  EXPECT_EQ(Codes(from_other), "ENI_SG_RULES_MISMATCH");
}

TEST(TracerTest, SecurityGroupPrefixListPeer) {
  std::string yaml = Edit(kBase, "egress:  [{protocol: tcp, ports: 443, cidr: 0.0.0.0/0},",
                          "egress:  [{protocol: tcp, ports: 443, prefix_list: pl-s3},");
  Network n = Load(yaml);
  TraceResult s3 = Trace(n, "worker", kS3);
  EXPECT_TRUE(s3.delivered) << Path(s3) << Codes(s3);
  EXPECT_EQ(s3.forward[1].decision, "egress tcp 443 pl-s3");
  EXPECT_EQ(Codes(Trace(n, "worker", kPypi)), "ENI_SG_RULES_MISMATCH");
}

TEST(TracerTest, NetworkAclIsNotCheckedInsideASubnet) {
  std::string deny_all = Edit(kBase, R"(  priv-acl:
    vpc: v
    ingress: [{rule: 100, action: allow, protocol: all, cidr: 0.0.0.0/0}]
    egress:  [{rule: 100, action: allow, protocol: all, cidr: 0.0.0.0/0}])",
                              "  priv-acl: {vpc: v}");
  Network n = Load(deny_all);
  // peer -> worker: same subnet, the deny-all NACL does not apply.
  TraceResult same = Trace(n, "peer", "10.0.1.10", 6, 8080);
  EXPECT_TRUE(same.delivered) << Path(same) << Codes(same);
  EXPECT_FALSE(Passes(same, "priv-acl"));
  // other (priv2) -> worker crosses into priv: refused on the way in, and the reply on the way out.
  TraceResult across = Trace(n, "bastion", "10.0.1.10", 6, 8080);
  EXPECT_EQ(Codes(across), "SUBNET_ACL_RESTRICTION SUBNET_ACL_RESTRICTION");
  EXPECT_EQ(across.explanations[0].message,
            "no inbound rule of network ACL priv-acl (subnet priv) allows tcp 10.0.0.10:40000 -> "
            "10.0.1.10:8080, so the implicit final rule denies it");
}

TEST(TracerTest, NetworkAclFirstMatchingRuleWins) {
  const char* allow_all = "ingress: [{rule: 100, action: allow, protocol: all, cidr: 0.0.0.0/0}]\n    egress:  [{rule: 100, action: allow, protocol: all, cidr: 0.0.0.0/0}]\n  priv-acl:";
  std::string deny_first = Edit(kBase, std::string(allow_all) + R"(
    vpc: v
    ingress: [{rule: 100, action: allow, protocol: all, cidr: 0.0.0.0/0}])",
                                std::string(allow_all) + R"(
    vpc: v
    ingress: [{rule: 200, action: allow, protocol: all, cidr: 0.0.0.0/0}, {rule: 50, action: deny, protocol: tcp, ports: 8080, cidr: 10.0.0.0/24}])");
  Network n = Load(deny_first);
  TraceResult t = Trace(n, "bastion", "10.0.1.10", 6, 8080);
  EXPECT_EQ(Codes(t), "SUBNET_ACL_RESTRICTION");
  EXPECT_EQ(t.explanations[0].message,
            "network ACL priv-acl of subnet priv denies inbound tcp 10.0.0.10:40000 -> "
            "10.0.1.10:8080 by rule 50 deny tcp 8080 10.0.0.0/24");
  // The same deny numbered after the allow never matches.
  Network later = Load(Edit(deny_first, "rule: 50, action: deny", "rule: 300, action: deny"));
  EXPECT_TRUE(Trace(later, "bastion", "10.0.1.10", 6, 8080).delivered);
}

TEST(TracerTest, NetworkAclIsStatelessSoRepliesNeedEphemeralPorts) {
  std::string https_only = Edit(kBase, R"(  priv-acl:
    vpc: v
    ingress: [{rule: 100, action: allow, protocol: all, cidr: 0.0.0.0/0}])",
                                R"(  priv-acl:
    vpc: v
    ingress: [{rule: 100, action: allow, protocol: tcp, ports: 443, cidr: 0.0.0.0/0}])");
  Network n = Load(https_only);
  TraceResult t = Trace(n, "worker", kPypi);
  EXPECT_FALSE(t.delivered);
  EXPECT_TRUE(t.forward_arrived);
  ASSERT_EQ(Codes(t), "SUBNET_ACL_RESTRICTION");
  bool reply_blocked_at_acl = false;
  for (const Hop& h : t.reverse) reply_blocked_at_acl |= h.blocked && h.component == "priv-acl";
  EXPECT_TRUE(reply_blocked_at_acl) << Path(t);
  EXPECT_EQ(t.explanations[0].message,
            "no inbound rule of network ACL priv-acl (subnet priv) allows tcp "
            "151.101.0.1:443 -> 10.0.1.10:40000, so the implicit final rule denies it");
  // Admitting the ephemeral range fixes it.
  Network fixed = Load(Edit(https_only, "ports: 443, cidr: 0.0.0.0/0}]",
                            "ports: 443, cidr: 0.0.0.0/0}, {rule: 110, action: allow, protocol: "
                            "tcp, ports: 1024-65535, cidr: 0.0.0.0/0}]"));
  EXPECT_TRUE(Trace(fixed, "worker", kPypi).delivered);
}

TEST(TracerTest, EveryBlockingHopIsReported) {
  std::string yaml = Edit(kBase, R"(  priv-acl:
    vpc: v
    ingress: [{rule: 100, action: allow, protocol: all, cidr: 0.0.0.0/0}]
    egress:  [{rule: 100, action: allow, protocol: all, cidr: 0.0.0.0/0}])",
                          R"(  priv-acl:
    vpc: v
    ingress: [{rule: 100, action: allow, protocol: all, cidr: 0.0.0.0/0}]
    egress:  [{rule: 100, action: deny, protocol: all, cidr: 0.0.0.0/0}])");
  Network n = Load(yaml);
  TraceResult t = Trace(n, "worker", kPypi, 6, 80);
  EXPECT_EQ(Codes(t), "ENI_SG_RULES_MISMATCH SUBNET_ACL_RESTRICTION");
  EXPECT_EQ(t.explanations[1].component, "priv-acl");
}

TEST(TracerTest, LongestPrefixMatchAndPrefixLists) {
  // pl-s3 beats 0.0.0.0/0 -> nat.
  Network n = Load(kBase);
  TraceResult s3 = Trace(n, "worker", kS3);
  EXPECT_TRUE(s3.delivered) << Path(s3) << Codes(s3);
  EXPECT_TRUE(Passes(s3, "s3-gw"));
  EXPECT_FALSE(Passes(s3, "nat"));
  EXPECT_EQ(s3.forward[3].decision, "pl-s3 -> s3-gw");
  // A more specific customer route into S3's range beats the prefix list.
  Network specific = Load(Edit(kBase, "routes: [{destination: 0.0.0.0/0, target: nat}]",
                               "routes: [{destination: 0.0.0.0/0, target: nat}, "
                               "{destination: 52.216.10.0/24, target: nat}]"));
  TraceResult via_nat = Trace(specific, "worker", kS3);
  EXPECT_TRUE(Passes(via_nat, "nat"));
  EXPECT_FALSE(Passes(via_nat, "s3-gw"));
  // On an identical prefix the explicit CIDR route wins over the prefix list.
  Network same = Load(Edit(kBase, "routes: [{destination: 0.0.0.0/0, target: nat}]",
                           "routes: [{destination: 0.0.0.0/0, target: nat}, "
                           "{destination: 52.216.0.0/15, target: nat}]"));
  TraceResult tie = Trace(same, "worker", kS3);
  EXPECT_TRUE(Passes(tie, "nat"));
  EXPECT_FALSE(Passes(tie, "s3-gw"));
}

TEST(TracerTest, NoRouteAndBlackhole) {
  Network none = Load(Edit(kBase, "routes: [{destination: 0.0.0.0/0, target: nat}]", "routes: []"));
  TraceResult t = Trace(none, "worker", kPypi);
  EXPECT_EQ(Codes(t), "NO_ROUTE_TO_DESTINATION");
  EXPECT_EQ(t.explanations[0].message,
            "route table priv-rt of subnet priv has no route to 151.101.0.1");
  EXPECT_FALSE(t.forward_arrived);
  Network hole = Load(Edit(kBase, "{destination: 0.0.0.0/0, target: nat}",
                           "{destination: 0.0.0.0/0, target: blackhole}"));
  TraceResult b = Trace(hole, "worker", kPypi);
  EXPECT_EQ(Codes(b), "BAD_STATE_ROUTE");
  // Traffic inside the VPC still follows the local route.
  EXPECT_TRUE(Trace(hole, "peer", "10.0.1.10", 6, 8080).delivered);
}

TEST(TracerTest, InternetGatewayNeedsAPublicAddress) {
  // worker's subnet routed straight to the IGW: worker has no public IP.
  Network n = Load(Edit(kBase, "{destination: 0.0.0.0/0, target: nat}",
                        "{destination: 0.0.0.0/0, target: igw}"));
  TraceResult t = Trace(n, "worker", kPypi);
  EXPECT_EQ(Codes(t), "IGW_PUBLIC_IP_ASSOCIATION_FOR_EGRESS");
  EXPECT_EQ(t.explanations[0].message,
            "10.0.1.10 has no public IP or Elastic IP, so internet gateway igw cannot send its "
            "traffic to the internet");
  // bastion has one: delivered with the source mapped one-to-one.
  TraceResult b = Trace(n, "bastion", kPypi);
  EXPECT_TRUE(b.delivered) << Path(b) << Codes(b);
  EXPECT_EQ(b.forward[b.forward.size() - 2].decision, "source mapped to public 54.0.0.1");
}

TEST(TracerTest, InternetGatewayRefusesPrivateDestinations) {
  Network n = Load(Edit(kBase, "routes: [{destination: 0.0.0.0/0, target: igw}]",
                        "routes: [{destination: 0.0.0.0/0, target: igw}, "
                        "{destination: 192.168.0.0/16, target: igw}]"));
  TraceResult t = Trace(n, "bastion", "192.168.1.1");
  EXPECT_EQ(Codes(t), "IGW_DESTINATION_ADDRESS_NOT_IN_RFC1918_EGRESS");
  EXPECT_TRUE(Trace(n, "bastion", "8.8.8.8").delivered);
}

TEST(TracerTest, InternetReachesOnlyPublicAddresses) {
  Network n = Load(kBase);
  TraceResult to_private = Trace(n, "internet", "10.0.0.10");
  EXPECT_FALSE(to_private.delivered);
  EXPECT_EQ(Codes(to_private), "NO_PATH");
  TraceResult to_public = Trace(n, "internet", "54.0.0.1");
  EXPECT_TRUE(to_public.delivered);
  EXPECT_EQ(to_public.forward[2].decision, "destination mapped to private 10.0.0.10");
}

TEST(TracerTest, NatGatewayAcceptsNoConnectionsFromOutside) {
  Network n = Load(kBase);
  TraceResult t = Trace(n, "internet", "52.0.0.10");
  EXPECT_EQ(Codes(t), "NGW_NOT_A_DESTINATION");
  // The gateway maps the Elastic IP to the NAT gateway's private address before it refuses.
  EXPECT_EQ(t.explanations[0].message,
            "NAT gateway nat answers nothing sent to its own address 10.0.0.5: it only "
            "translates connections its VPC's hosts open, and carries their replies back");
}

TEST(TracerTest, NatGatewayUsesItsOwnSubnetsNetworkAcl) {
  Network n = Load(Edit(kBase, R"(  open:
    vpc: v
    ingress: [{rule: 100, action: allow, protocol: all, cidr: 0.0.0.0/0}])",
                        R"(  open:
    vpc: v
    ingress: [{rule: 100, action: allow, protocol: all, cidr: 10.0.0.0/16}])"));
  // The request enters pub from the VPC (allowed); the reply from PyPI enters pub from outside.
  TraceResult t = Trace(n, "worker", kPypi);
  EXPECT_EQ(Codes(t), "SUBNET_ACL_RESTRICTION");
  EXPECT_EQ(t.explanations[0].component, "open");
}

TEST(TracerTest, NatGatewayInAPrivateSubnetLoops) {
  Network n = Load(Edit(kBase, "nat: {subnet: pub, public_ip: 52.0.0.10, private_ip: 10.0.0.5}",
                        "nat: {subnet: priv, public_ip: 52.0.0.10, private_ip: 10.0.1.5}"));
  TraceResult t = Trace(n, "worker", kPypi);
  EXPECT_EQ(Codes(t), "NO_PATH");
  EXPECT_EQ(t.explanations[0].component, "nat");
}

TEST(TracerTest, NatGatewayPicksItsOwnPortForWellKnownSourcePortsAndRefusesOtherProtocols) {
  Network n = Load(Edit(kBase, "egress:  [{protocol: tcp, ports: 443, cidr: 0.0.0.0/0},",
                        "egress:  [{protocol: all, cidr: 0.0.0.0/0},"));
  TraceResult t = Trace(n, "worker", kPypi, 6, 443, 80);
  EXPECT_TRUE(t.delivered) << Path(t) << Codes(t);
  // Below 1024 the client's port cannot be kept: the lowest of the NAT gateway's ports is shown.
  EXPECT_EQ(t.forward[7].decision, "source rewritten to 10.0.0.5:1024");
  EXPECT_EQ(t.forward[7].code, "REMAP_EPHEMERAL_PORT");
  ASSERT_EQ(t.nat_ports.size(), 1u);
  EXPECT_EQ(t.nat_ports[0].inside_port, 80);
  EXPECT_EQ(t.nat_ports[0].port, 1024);
  EXPECT_TRUE(t.warnings.empty());
  TraceResult esp = Trace(n, "worker", kPypi, 50);
  EXPECT_EQ(Codes(esp), "PROTOCOL_RESTRICTION");
}

TEST(TracerTest, NatGatewayRequiresASourceInItsVpc) {
  // An appliance with the check off forwards a packet whose source is outside the VPC.
  Network n = Load(Edit(kBase, "worker:  {subnet: priv,  private_ip: 10.0.1.10, security_groups: [app]}",
                        "worker:  {subnet: priv,  private_ip: 10.0.1.10, security_groups: [web], "
                        "source_dest_check: false}"));
  TraceResult t = Trace(n, "worker", kPypi, 6, 443, 40000, "192.168.7.7");
  EXPECT_EQ(Codes(t), "NGW_REQUIRES_SOURCE_IN_VPC");
  // With the check on, the ENI itself refuses to send from an address that is not its own.
  Network checked = Load(kBase);
  EXPECT_EQ(Codes(Trace(checked, "worker", kPypi, 6, 443, 40000, "192.168.7.7")),
            "ENI_SOURCE_DEST_CHECK_RESTRICTION");
}

TEST(TracerTest, RouteToAnApplianceNeedsSourceDestinationCheckOff) {
  // priv-rt sends 10.0.2.0/24 to bastion (in pub, whose table has only the local route for it).
  std::string yaml = Edit(kBase, "routes: [{destination: 0.0.0.0/0, target: nat}]",
                          "routes: [{destination: 0.0.0.0/0, target: nat}, "
                          "{destination: 10.0.2.0/24, target: bastion}]");
  yaml = Edit(yaml, "security_groups:\n",
              "security_groups:\n  fw: {vpc: v, ingress: [{protocol: all, cidr: 10.0.0.0/16}]}\n");
  Network on = Load(Edit(yaml, "public_ip: 54.0.0.1, security_groups: [web]}",
                         "public_ip: 54.0.0.1, security_groups: [fw]}"));
  TraceResult t = Trace(on, "worker", "10.0.2.10", 6, 8080);
  EXPECT_EQ(Codes(t), "ENI_SOURCE_DEST_CHECK_RESTRICTION");
  EXPECT_EQ(t.explanations[0].message,
            "bastion has source/destination check enabled, so it drops traffic for 10.0.2.10, "
            "which is not its address");
  yaml = Edit(yaml, "private_ip: 10.0.2.10, security_groups: [app]", "private_ip: 10.0.2.10, security_groups: [fw]");
  Network off = Load(Edit(yaml, "public_ip: 54.0.0.1, security_groups: [web]}",
                          "public_ip: 54.0.0.1, security_groups: [fw], source_dest_check: false}"));
  TraceResult f = Trace(off, "worker", "10.0.2.10", 6, 8080);
  EXPECT_TRUE(f.forward_arrived) << Path(f) << Codes(f);
  EXPECT_TRUE(Passes(f, "bastion"));
  EXPECT_EQ(f.delivery.kind, DeliveryKind::kEni);
  // The reply from priv2 goes straight back by the local route: the appliance sees one way only,
  // which AWS allows (SGs track connections per ENI).
  EXPECT_TRUE(f.delivered) << Path(f) << Codes(f);
}

TEST(TracerTest, GatewayEndpointCarriesOnlyTcpAndIcmp) {
  Network n = Load(Edit(kBase, "egress:  [{protocol: tcp, ports: 443, cidr: 0.0.0.0/0},",
                        "egress:  [{protocol: all, cidr: 0.0.0.0/0},"));
  EXPECT_TRUE(Trace(n, "worker", kS3).delivered);
  EXPECT_TRUE(Trace(n, "worker", kS3, 1).delivered);
  TraceResult udp = Trace(n, "worker", kS3, 17, 443);
  EXPECT_EQ(Codes(udp), "VPCE_GATEWAY_PROTOCOL_RESTRICTION");
}

TEST(TracerTest, AmazonProvidedServicesAreNotFiltered) {
  Network n = Load(Edit(kBase, "{protocol: tcp, ports: 443, cidr: 0.0.0.0/0}, {protocol: tcp, ports: 8080, cidr: 10.0.0.0/16}", ""));
  TraceResult dns = Trace(n, "worker", "10.0.0.2", 17, 53);
  EXPECT_TRUE(dns.delivered) << Path(dns) << Codes(dns);
  EXPECT_EQ(dns.delivery.kind, DeliveryKind::kAmazonProvided);
  EXPECT_TRUE(Trace(n, "worker", "169.254.169.254", 6, 80).delivered);
  // Any other address in the same place is filtered as usual.
  EXPECT_EQ(Codes(Trace(n, "worker", "10.0.0.10", 17, 53)).substr(0, 15), "SG_HAS_NO_RULES");
}

TEST(TracerTest, AsymmetricReturnPathBreaksTheConnection) {
  // bastion's subnet sends its default route to the NAT gateway: the reply to an internet
  // client leaves through the NAT, with the wrong source address.
  std::string yaml = Edit(Edit(kBase, "routes: [{destination: 0.0.0.0/0, target: igw}]",
                               "routes: [{destination: 0.0.0.0/0, target: nat}]"),
                          "nat: {subnet: pub, public_ip: 52.0.0.10, private_ip: 10.0.0.5}",
                          "nat: {subnet: priv2, public_ip: 52.0.0.10, private_ip: 10.0.2.5}");
  yaml = Edit(yaml, "priv2: {vpc: v, cidr: 10.0.2.0/24, az: b, route_table: priv-rt, network_acl: open}",
              "priv2: {vpc: v, cidr: 10.0.2.0/24, az: b, route_table: edge, network_acl: open}");
  yaml = Edit(yaml, "route_tables:\n", "route_tables:\n  edge: {vpc: v, routes: [{destination: 0.0.0.0/0, target: igw}]}\n");
  Network n = Load(yaml);
  TraceResult t = Trace(n, "internet", "54.0.0.1");
  EXPECT_FALSE(t.delivered);
  EXPECT_TRUE(t.forward_arrived);
  EXPECT_EQ(Codes(t), "NO_PATH");
  // The reply's own source port (443) is below the NAT gateway's ports: it picks one, 1024 first.
  EXPECT_EQ(t.explanations[0].message,
            "the reply arrives as tcp 52.0.0.10:1024 -> 198.51.100.7:40000, not as tcp "
            "54.0.0.1:443 -> 198.51.100.7:40000: the return path differs from the way out");
}

TEST(TracerTest, SecondaryVpcCidrHasItsOwnLocalRoute) {
  std::string yaml = Edit(kBase, "vpcs: {v: {cidr: 10.0.0.0/16}}",
                          "vpcs: {v: {cidrs: [10.0.0.0/16, 100.64.0.0/16]}}");
  yaml = Edit(yaml, "subnets:\n", "subnets:\n  extra: {vpc: v, cidr: 100.64.1.0/24, az: a, network_acl: open, route_table: priv-rt}\n");
  yaml = Edit(yaml, "enis:\n", "enis:\n  far: {subnet: extra, private_ip: 100.64.1.10, security_groups: [web]}\n");
  Network n = Load(yaml);
  TraceResult t = Trace(n, "worker", "100.64.1.10");
  EXPECT_TRUE(t.delivered) << Path(t) << Codes(t);
  EXPECT_EQ(t.forward[3].decision, "100.64.0.0/16 -> local");
}

TEST(TracerTest, DefaultSecurityGroupAdmitsItsOwnMembersOnly) {
  // ENIs without security_groups carry the VPC's default group: ingress from itself, all egress.
  std::string yaml = Edit(kBase, "enis:\n",
                          "enis:\n  d1: {subnet: priv2, private_ip: 10.0.2.20}\n"
                          "  d2: {subnet: priv2, private_ip: 10.0.2.21}\n");
  Network n = Load(yaml);
  TraceResult member = Trace(n, "d1", "10.0.2.21", 6, 22);
  EXPECT_TRUE(member.delivered) << Path(member) << Codes(member);
  EXPECT_EQ(member.forward[member.forward.size() - 2].decision, "ingress all sg v-default-sg");
  EXPECT_EQ(Codes(Trace(n, "other", "10.0.2.21", 6, 8080)), "ENI_SG_RULES_MISMATCH");
}

TEST(TracerTest, SubnetsWithoutAssociationsUseTheMainTableAndDefaultNacl) {
  // A subnet with no route_table / network_acl: the main table has only the local route, the
  // default NACL allows everything.
  std::string yaml = Edit(kBase, "subnets:\n",
                          "subnets:\n  bare: {vpc: v, cidr: 10.0.9.0/24, az: a}\n");
  yaml = Edit(yaml, "enis:\n", "enis:\n  loner: {subnet: bare, private_ip: 10.0.9.10}\n");
  Network n = Load(yaml);
  TraceResult out = Trace(n, "loner", kPypi);
  EXPECT_EQ(Codes(out), "NO_ROUTE_TO_DESTINATION");
  EXPECT_EQ(out.explanations[0].component, "v-main");
  TraceResult inside = Trace(n, "loner", "10.0.0.10", 6, 443);  // bastion admits 443
  EXPECT_TRUE(inside.delivered) << Path(inside) << Codes(inside);
  EXPECT_TRUE(Passes(inside, "v-default-nacl"));
}

TEST(TracerTest, NatGatewayCarriesIcmpAndUdp) {
  Network n = Load(Edit(kBase, "egress:  [{protocol: tcp, ports: 443, cidr: 0.0.0.0/0},",
                        "egress:  [{protocol: all, cidr: 0.0.0.0/0},"));
  EXPECT_TRUE(Trace(n, "worker", kPypi, kIcmp).delivered);
  TraceResult udp = Trace(n, "worker", "8.8.8.8", kUdp, 53);
  EXPECT_TRUE(udp.delivered) << Path(udp) << Codes(udp);
  EXPECT_TRUE(Passes(udp, "nat"));
}

TEST(TracerTest, InterfaceEndpointEnisAreFilteredByTheirOwnGroups) {
  std::string yaml = Edit(kBase, "vpc_endpoints: {s3-gw: {vpc: v, service: s3, type: gateway, route_tables: [priv-rt]}}",
                          "vpc_endpoints:\n  s3-gw: {vpc: v, service: s3, type: gateway, route_tables: [priv-rt]}\n"
                          "  api: {vpc: v, service: sagemaker.api, type: interface, subnets: [priv2], security_groups: [web]}");
  Network n = Load(yaml);
  const Eni& api = n.model->enis[n.model->FindEniByPrivateIp(0, Ip("10.0.2.4"))];
  ASSERT_EQ(api.id, "api/eni-0");
  TraceResult https = Trace(n, "worker", "10.0.2.4");  // web admits 443 from anywhere
  EXPECT_TRUE(https.delivered) << Path(https) << Codes(https);
  // The endpoint answers only the service's port, whatever its groups admit.
  EXPECT_EQ(Codes(Trace(n, "worker", "10.0.2.4", 6, 8080)), "VPCE_INTERFACE_PROTOCOL_RESTRICTION");
  Network guarded = Load(Edit(yaml, "subnets: [priv2], security_groups: [web]}",
                              "subnets: [priv2], security_groups: [app]}"));
  EXPECT_EQ(Codes(Trace(guarded, "worker", "10.0.2.4")), "ENI_SG_RULES_MISMATCH");
}

// ---- SageMaker ----------------------------------------------------------------------------

std::string WithSageMaker(const std::string& notebook, const std::string& job) {
  return std::string(kBase) + "sagemaker:\n  notebook_instances:\n    nb: {" + notebook +
         "}\n  training_jobs:\n    job: {" + job + "}\n";
}

const char* kJob = "subnets: [priv, priv2], security_groups: [ipsec], instance_count: 2";
const char* kIpsecGroup =
    "security_groups:\n  ipsec:\n    vpc: v\n"
    "    ingress: [{protocol: udp, ports: 500, security_group: ipsec}, {protocol: 50, security_group: ipsec}]\n"
    "    egress: [{protocol: udp, ports: 500, security_group: ipsec}, {protocol: 50, security_group: ipsec}]\n";

TEST(TracerTest, DirectInternetAccessBypassesTheVpc) {
  Network on = Load(WithSageMaker("subnet: priv, security_groups: [app], direct_internet_access: enabled", "instance_count: 1"));
  TraceResult t = Trace(on, "nb", kPypi, 6, 80);  // app allows only 443 out
  EXPECT_TRUE(t.delivered) << Path(t) << Codes(t);
  EXPECT_TRUE(Passes(t, "sagemaker-network"));
  EXPECT_FALSE(Passes(t, "app"));
  EXPECT_FALSE(Passes(t, "nat"));
  // Traffic for the VPC's own addresses still uses the customer ENI and its group.
  EXPECT_EQ(Codes(Trace(on, "nb", "10.0.2.10", 6, 22)), "ENI_SG_RULES_MISMATCH ENI_SG_RULES_MISMATCH");
  Network off = Load(WithSageMaker("subnet: priv, security_groups: [app], direct_internet_access: disabled", "instance_count: 1"));
  TraceResult blocked = Trace(off, "nb", kPypi, 6, 80);
  EXPECT_EQ(Codes(blocked), "ENI_SG_RULES_MISMATCH");
  TraceResult via_nat = Trace(off, "nb", kPypi);
  EXPECT_TRUE(via_nat.delivered);
  EXPECT_TRUE(Passes(via_nat, "nat"));
}

TEST(TracerTest, NetworkIsolationAllowsOnlyTheJobsOwnInstances) {
  std::string yaml = Edit(WithSageMaker("subnet: priv, security_groups: [v-default-sg]", std::string(kJob) + ", network_isolation: true, inter_container_encryption: true"),
                          "security_groups:\n", kIpsecGroup);
  Network n = Load(yaml);
  TraceResult out = Trace(n, "job[0]", kS3);
  EXPECT_EQ(Codes(out), "SAGEMAKER_NETWORK_ISOLATION");
  EXPECT_TRUE(Trace(n, "job[0]", "10.0.2.4", 6, 8080).delivered);  // job[1]
  TraceResult in = Trace(n, "worker", "10.0.1.5", 6, 443);  // worker -> job[0] (nb is .4)
  EXPECT_NE(Codes(in).find("SAGEMAKER_NETWORK_ISOLATION"), std::string::npos);
  Network open = Load(Edit(yaml, "network_isolation: true", "network_isolation: false"));
  EXPECT_EQ(Codes(Trace(open, "job[0]", kS3)), "ENI_SG_RULES_MISMATCH");
}

TEST(TracerTest, InterContainerEncryptionIsSeenAsIkeAndEsp) {
  std::string yaml = Edit(WithSageMaker("subnet: priv, security_groups: [v-default-sg]", std::string(kJob) + ", inter_container_encryption: true"),
                          "security_groups:\n", kIpsecGroup);
  Network n = Load(yaml);
  // job[0] = 10.0.1.5 (priv, after nb), job[1] = 10.0.2.4 (priv2): tcp travels as IPsec.
  TraceResult t = Trace(n, "job[0]", "10.0.2.4", 6, 8080);
  EXPECT_TRUE(t.delivered) << Path(t) << Codes(t);
  EXPECT_EQ(t.encapsulation,
            "inter-container encryption: carried as IPsec, IKE on udp 500 and ESP (IP protocol 50)");
  EXPECT_EQ(t.forward[1].decision, "ESP: egress esp sg ipsec; IKE: egress udp 500 sg ipsec");
  // Without encryption the inner tcp itself must be allowed, and the group does not allow it.
  Network plain = Load(Edit(yaml, "inter_container_encryption: true", "inter_container_encryption: false"));
  EXPECT_EQ(Codes(Trace(plain, "job[0]", "10.0.2.4", 6, 8080)),
            "ENI_SG_RULES_MISMATCH ENI_SG_RULES_MISMATCH");
  // With encryption but a group that admits tcp and not ESP/IKE, the job cannot talk.
  Network no_ipsec = Load(Edit(Edit(yaml, "ingress: [{protocol: udp, ports: 500, security_group: ipsec}, {protocol: 50, security_group: ipsec}]",
                                    "ingress: [{protocol: tcp, security_group: ipsec}]"),
                               "egress: [{protocol: udp, ports: 500, security_group: ipsec}, {protocol: 50, security_group: ipsec}]",
                               "egress: [{protocol: tcp, security_group: ipsec}]"));
  TraceResult refused = Trace(no_ipsec, "job[0]", "10.0.2.4", 6, 8080);
  EXPECT_FALSE(refused.delivered);
  EXPECT_EQ(refused.explanations.size(), 4u);  // ESP and IKE, egress and ingress
}


TEST(TracerTest, WorkloadsWithoutAVpcUseSageMakersNetwork) {
  Network n = Load(WithSageMaker("direct_internet_access: enabled", "instance_count: 1"));
  TraceResult nb = Trace(n, "nb", kPypi, 6, 8080);
  EXPECT_TRUE(nb.delivered) << Path(nb) << Codes(nb);
  EXPECT_TRUE(Passes(nb, "sagemaker-network"));
  TraceResult job = Trace(n, "job", kS3);
  EXPECT_TRUE(job.delivered) << Path(job) << Codes(job);
  // SageMaker's network does not lead into the customer's VPC.
  EXPECT_EQ(Codes(Trace(n, "nb", "10.0.1.10")), "NO_PATH");
  Network isolated = Load(WithSageMaker("direct_internet_access: enabled", "instance_count: 1, network_isolation: true"));
  EXPECT_EQ(Codes(Trace(isolated, "job", kS3)), "SAGEMAKER_NETWORK_ISOLATION");
}

}  // namespace
}  // namespace vpcreach::testing
