// `vpcreach audit`: every rule both ways (a scenario that triggers it, asserting the whole finding
// line: severity, rule, file:line:col, message and fix; and the smallest change that clears it),
// the path-aware VPCR008 on reachable and unreachable ENIs, the bundled lab and its variants, a
// CloudFormation stack located in its template, and the text, json and CI renderings.
#include "sim/query/audit.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "sim/report/audit_report.h"
#include "tests/test_util.h"

namespace vpcreach {
namespace {

using testing::Edit;
using testing::Load;
using testing::Network;

// Nothing fires: flow logs on, the notebook in a private subnet without direct internet access,
// root access off, a KMS key; the training job in the VPC, isolated and encrypted.
constexpr const char* kClean = R"(vpcreach: 1
name: audit base
vpcs:
  lab: {cidr: 10.1.0.0/16, flow_logs: true}
internet_gateways:
  igw: {vpc: lab}
subnets:
  public-a:  {vpc: lab, cidr: 10.1.0.0/20,  az: a, route_table: public}
  private-a: {vpc: lab, cidr: 10.1.16.0/20, az: a}
route_tables:
  public:
    vpc: lab
    routes:
      - {destination: 0.0.0.0/0, target: igw}
security_groups:
  nb: {vpc: lab, egress: [{protocol: tcp, ports: 443, cidr: 0.0.0.0/0}]}
  training:
    vpc: lab
    ingress: [{protocol: udp, ports: 500, security_group: training}, {protocol: 50, security_group: training}]
    egress: [{protocol: udp, ports: 500, security_group: training}, {protocol: 50, security_group: training}]
sagemaker:
  notebook_instances:
    notebook:
      subnet: private-a
      security_groups: [nb]
      direct_internet_access: disabled
      root_access: disabled
      kms_key_id: alias/notebooks
  training_jobs:
    training:
      subnets: [private-a]
      security_groups: [training]
      instance_count: 2
      network_isolation: true
      inter_container_encryption: true
)";

// kClean plus a bastion in the public subnet (explicit NACL allowing all) with a public IP and
// SSH open to the world.
std::string WithBastion() {
  std::string text = Edit(kClean, "security_groups:\n  nb:",
                          "security_groups:\n"
                          "  ssh:\n"
                          "    vpc: lab\n"
                          "    ingress: [{protocol: tcp, ports: 22, cidr: 0.0.0.0/0}]\n"
                          "  nb:");
  text =
      Edit(text, "az: a, route_table: public}", "az: a, route_table: public, network_acl: public}");
  return text +
         "network_acls:\n"
         "  public:\n"
         "    vpc: lab\n"
         "    ingress: [{rule: 100, action: allow, protocol: all, cidr: 0.0.0.0/0}]\n"
         "    egress:  [{rule: 100, action: allow, protocol: all, cidr: 0.0.0.0/0}]\n"
         "enis:\n"
         "  bastion: {subnet: public-a, private_ip: 10.1.0.10, public_ip: 54.0.0.1, "
         "security_groups: [ssh]}\n";
}

AuditReport Audit(const std::string& yaml) {
  Network n = Load(yaml);
  return RunAudit(*n.model, *n.graph);
}

// The text rendering's finding lines (without the counts line).
std::vector<std::string> Lines(const AuditReport& report) {
  std::vector<std::string> lines;
  std::istringstream in(AuditToText(report, false));
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  if (!lines.empty()) lines.pop_back();
  return lines;
}

std::vector<std::string> Rule(const AuditReport& report, const std::string& id) {
  std::vector<std::string> out;
  for (const std::string& line : Lines(report)) {
    if (line.find(" " + id + " ") != std::string::npos) out.push_back(line);
  }
  return out;
}

using Strings = std::vector<std::string>;

TEST(AuditTest, CleanScenarioHasNoFinding) {
  AuditReport report = Audit(kClean);
  EXPECT_EQ(Lines(report), Strings{});
  EXPECT_EQ(AuditToText(report, false), "0 errors, 0 warnings, 0 notes\n");
}

// --- VPCR001-003: notebooks ---------------------------------------------------------------

TEST(AuditTest, Vpcr001RootAccess) {
  EXPECT_EQ(Rule(Audit(Edit(kClean, "root_access: disabled", "root_access: enabled")), "VPCR001"),
            Strings{"warning VPCR001 test.yaml:23:5: notebook instance notebook has root access "
                    "enabled (fix: set root_access: disabled)"});
  // Not written: AWS's default is enabled.
  EXPECT_EQ(Rule(Audit(Edit(kClean, "      root_access: disabled\n", "")), "VPCR001").size(), 1u);
  EXPECT_EQ(Rule(Audit(kClean), "VPCR001"), Strings{});
}

TEST(AuditTest, Vpcr002NoKmsKey) {
  EXPECT_EQ(Rule(Audit(Edit(kClean, "      kms_key_id: alias/notebooks\n", "")), "VPCR002"),
            Strings{"warning VPCR002 test.yaml:23:5: notebook instance notebook has no KMS key for "
                    "its storage volume (fix: set kms_key_id to a customer-managed KMS key (key "
                    "ARN or alias/NAME))"});
  EXPECT_EQ(Rule(Audit(kClean), "VPCR002"), Strings{});
}

TEST(AuditTest, Vpcr003DirectInternetAccessInVpcIsAnError) {
  EXPECT_EQ(
      Rule(Audit(
               Edit(kClean, "direct_internet_access: disabled", "direct_internet_access: enabled")),
           "VPCR003"),
      Strings{
          "error VPCR003 test.yaml:23:5: notebook instance notebook has direct internet access "
          "enabled: its internet and S3 traffic bypass the VPC's security groups, NACLs, NAT "
          "gateway and endpoints (fix: set direct_internet_access: disabled (internet through a "
          "NAT gateway, S3 through a gateway endpoint))"});
  // Not written: AWS's default is enabled.
  EXPECT_EQ(
      Rule(Audit(Edit(kClean, "      direct_internet_access: disabled\n", "")), "VPCR003").size(),
      1u);
  EXPECT_EQ(Rule(Audit(kClean), "VPCR003"), Strings{});
}

TEST(AuditTest, Vpcr003DirectInternetAccessWithoutVpcIsAWarning) {
  std::string no_vpc = Edit(kClean,
                            "      subnet: private-a\n      security_groups: [nb]\n"
                            "      direct_internet_access: disabled\n",
                            "");
  EXPECT_EQ(
      Rule(Audit(no_vpc), "VPCR003"),
      Strings{"warning VPCR003 test.yaml:23:5: notebook instance notebook has direct internet "
              "access and no VPC: no security group, NACL or flow log of yours sees its "
              "traffic (fix: set subnet (a private subnet), security_groups and "
              "direct_internet_access: disabled)"});
  EXPECT_EQ(Rule(Audit(kClean), "VPCR003"), Strings{});
}

// --- VPCR004-006: training jobs -----------------------------------------------------------

TEST(AuditTest, Vpcr004TrainingWithoutVpc) {
  std::string no_vpc =
      Edit(kClean, "      subnets: [private-a]\n      security_groups: [training]\n", "");
  EXPECT_EQ(Rule(Audit(no_vpc), "VPCR004"),
            Strings{"warning VPCR004 test.yaml:30:5: training job training has no VPC "
                    "configuration: it runs in SageMaker's network with internet access (fix: set "
                    "subnets (private subnets with an S3 gateway endpoint) and security_groups "
                    "(VpcConfig))"});
  EXPECT_EQ(Rule(Audit(kClean), "VPCR004"), Strings{});
}

TEST(AuditTest, Vpcr005MultiInstanceWithoutEncryption) {
  std::string clear =
      Edit(kClean, "inter_container_encryption: true", "inter_container_encryption: false");
  EXPECT_EQ(Rule(Audit(clear), "VPCR005"),
            Strings{"warning VPCR005 test.yaml:30:5: training job training runs 2 instances "
                    "without inter-container encryption (fix: set inter_container_encryption: true "
                    "and allow udp 500 and protocol 50 to and from the job's security group)"});
  // One instance has no inter-container traffic to encrypt.
  EXPECT_EQ(Rule(Audit(Edit(clear, "instance_count: 2", "instance_count: 1")), "VPCR005"),
            Strings{});
  EXPECT_EQ(Rule(Audit(kClean), "VPCR005"), Strings{});
}

TEST(AuditTest, Vpcr006NetworkIsolationOff) {
  EXPECT_EQ(
      Rule(Audit(Edit(kClean, "network_isolation: true", "network_isolation: false")), "VPCR006"),
      Strings{"note VPCR006 test.yaml:30:5: training job training has network isolation "
              "off: its containers can make outbound calls (fix: set network_isolation: true "
              "when the training code needs no network (EnableNetworkIsolation))"});
  EXPECT_EQ(Rule(Audit(kClean), "VPCR006"), Strings{});
}

// --- VPCR007: flow logs -------------------------------------------------------------------

TEST(AuditTest, Vpcr007NoFlowLogs) {
  EXPECT_EQ(Rule(Audit(Edit(kClean, "flow_logs: true", "flow_logs: false")), "VPCR007"),
            Strings{"warning VPCR007 test.yaml:4:3: VPC lab has no flow logs (fix: set flow_logs: "
                    "true)"});
  EXPECT_EQ(Rule(Audit(Edit(kClean, ", flow_logs: true", "")), "VPCR007").size(), 1u);
  EXPECT_EQ(Rule(Audit(kClean), "VPCR007"), Strings{});
}

// --- VPCR008: administrative ports open to the internet, decided on paths -----------------

constexpr const char* kSshError =
    "error VPCR008 test.yaml:18:15: security group ssh admits SSH (tcp 22) from 0.0.0.0/0, and "
    "ENI bastion is reachable on SSH (tcp 22) from the internet: tcp 1.0.0.1:40000 -> "
    "54.0.0.1:22 is delivered and answered (fix: restrict the source to your administrators' "
    "range (VPN or bastion CIDR), or remove the rule and use SSM Session Manager)";

TEST(AuditTest, Vpcr008OpenSshOnPublicEniIsAnErrorWithWitness) {
  Network n = Load(WithBastion());
  AuditReport report = RunAudit(*n.model, *n.graph);
  EXPECT_EQ(Lines(report), Strings{kSshError});
  ASSERT_EQ(report.findings.size(), 1u);
  const AuditFinding& f = report.findings[0];
  EXPECT_EQ(f.component, "ssh");
  ASSERT_TRUE(f.witness.has_value());
  EXPECT_TRUE(f.witness->delivered);
  EXPECT_EQ(f.witness_to, "bastion");
  EXPECT_EQ(testing::Path(*f.witness),
            "internet:sends from 1.0.0.1\n"
            "igw:receives\n"
            "igw:destination mapped to private 10.1.0.10\n"
            "public-a:enters\n"
            "public:inbound rule 100 allow\n"
            "ssh:ingress tcp 22 0.0.0.0/0\n"
            "bastion:delivered\n"
            "|\n"
            "bastion:replies tcp 10.1.0.10:22 -> 1.0.0.1:40000\n"
            "ssh:egress: return traffic of an allowed connection (stateful)\n"
            "public:outbound rule 100 allow\n"
            "public:0.0.0.0/0 -> igw\n"
            "igw:receives\n"
            "igw:source mapped to public 54.0.0.1\n"
            "internet (1.0.0.1):delivered\n");
  // The CI item carries the witness path, each step located where its component is written.
  AuditCi ci = AuditToCiItems(report, *n.model);
  ASSERT_FALSE(ci.items.empty());
  const CiItem& item = ci.items[0];
  EXPECT_EQ(item.rule_id, "VPCR008");
  EXPECT_EQ(item.level, CiLevel::kError);
  EXPECT_FALSE(item.passed);
  EXPECT_EQ(item.location.line, 18);
  ASSERT_FALSE(item.path.empty());
  EXPECT_EQ(item.path.front().message.rfind("internet:", 0), 0u) << item.path.front().message;
}

TEST(AuditTest, Vpcr008SameRuleInPrivateSubnetIsANote) {
  std::string text = Edit(WithBastion(), "bastion: {subnet: public-a, private_ip: 10.1.0.10",
                          "bastion: {subnet: private-a, private_ip: 10.1.16.10");
  EXPECT_EQ(Lines(Audit(text)),
            Strings{"note VPCR008 test.yaml:18:15: open rule, not reachable: security group ssh "
                    "admits SSH (tcp 22) from 0.0.0.0/0, but no ENI carrying it (bastion) is "
                    "reachable on it from the internet (fix: restrict the source to your "
                    "administrators' range (VPN or bastion CIDR), or remove the rule and use SSM "
                    "Session Manager)"});
}

TEST(AuditTest, Vpcr008BlockedByNaclIsANote) {
  std::string text =
      Edit(WithBastion(), "ingress: [{rule: 100, action: allow, protocol: all, cidr: 0.0.0.0/0}]",
           "ingress: [{rule: 90, action: deny, protocol: tcp, ports: 22, cidr: "
           "0.0.0.0/0}, {rule: 100, action: allow, protocol: all, cidr: 0.0.0.0/0}]");
  EXPECT_EQ(Lines(Audit(text)),
            Strings{"note VPCR008 test.yaml:18:15: open rule, not reachable: security group ssh "
                    "admits SSH (tcp 22) from 0.0.0.0/0, but no ENI carrying it (bastion) is "
                    "reachable on it from the internet (fix: restrict the source to your "
                    "administrators' range (VPN or bastion CIDR), or remove the rule and use SSM "
                    "Session Manager)"});
}

TEST(AuditTest, Vpcr008GroupThatNoEniCarriesIsANote) {
  std::string text = Edit(WithBastion(), "security_groups: [ssh]}", "security_groups: [nb]}");
  EXPECT_EQ(Rule(Audit(text), "VPCR008"),
            Strings{"note VPCR008 test.yaml:18:15: open rule, not reachable: security group ssh "
                    "admits SSH (tcp 22) from 0.0.0.0/0, but no ENI carries the group (fix: "
                    "restrict the source to your administrators' range (VPN or bastion CIDR), or "
                    "remove the rule and use SSM Session Manager)"});
}

TEST(AuditTest, Vpcr008ClearedByNarrowingTheSourceOrThePort) {
  EXPECT_EQ(Lines(Audit(Edit(WithBastion(), "ports: 22, cidr: 0.0.0.0/0",
                             "ports: 22, cidr: 198.51.100.0/24"))),
            Strings{});
  EXPECT_EQ(Lines(Audit(
                Edit(WithBastion(), "ports: 22, cidr: 0.0.0.0/0", "ports: 443, cidr: 0.0.0.0/0"))),
            Strings{});
  // Private space, however wide, is not the internet.
  EXPECT_EQ(Lines(Audit(
                Edit(WithBastion(), "ports: 22, cidr: 0.0.0.0/0", "ports: 22, cidr: 10.0.0.0/8"))),
            Strings{});
}

TEST(AuditTest, Vpcr008BroadMeansPrefixEightOrShorterOfPublicSpace) {
  std::string slash8 =
      Edit(WithBastion(), "ports: 22, cidr: 0.0.0.0/0", "ports: 22, cidr: 1.0.0.0/8");
  Strings lines = Lines(Audit(slash8));
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_NE(lines[0].find("error VPCR008 test.yaml:18:15: security group ssh admits SSH (tcp 22) "
                          "from 1.0.0.0/8, and ENI bastion is reachable"),
            std::string::npos)
      << lines[0];
  EXPECT_EQ(
      Lines(Audit(Edit(WithBastion(), "ports: 22, cidr: 0.0.0.0/0", "ports: 22, cidr: 1.0.0.0/9"))),
      Strings{});
}

TEST(AuditTest, Vpcr008AllTrafficCoversEveryAdminPort) {
  std::string text = Edit(WithBastion(), "{protocol: tcp, ports: 22, cidr: 0.0.0.0/0}",
                          "{protocol: all, cidr: 0.0.0.0/0}");
  Strings lines = Lines(Audit(text));
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(
      lines[0].rfind("error VPCR008 test.yaml:18:15: security group ssh admits SSH (tcp 22), "
                     "telnet (tcp 23), RDP (tcp 3389), WinRM (tcp 5985-5986) from 0.0.0.0/0, "
                     "and ENI bastion is reachable on SSH (tcp 22), telnet (tcp 23), RDP (tcp "
                     "3389), WinRM (tcp 5985-5986) from the internet: tcp 1.0.0.1:40000 -> "
                     "54.0.0.1:22 is delivered and answered",
                     0),
      0u)
      << lines[0];
}

TEST(AuditTest, Vpcr008ReportsOnlyTheReachableEnisOfAGroup) {
  std::string text =
      WithBastion() +
      "  inner: {subnet: private-a, private_ip: 10.1.16.20, security_groups: [ssh]}\n";
  EXPECT_EQ(Lines(Audit(text)), Strings{kSshError});
}

// One solver question serves every rule; each rule is judged on its own sources and ports.
TEST(AuditTest, Vpcr008JudgesEachRuleOnItsOwnPorts) {
  std::string text = Edit(WithBastion(), "ingress: [{protocol: tcp, ports: 22, cidr: 0.0.0.0/0}]",
                          "ingress: [{protocol: tcp, ports: 22, cidr: 0.0.0.0/0}, {protocol: tcp, "
                          "ports: 3389, cidr: 0.0.0.0/0}]");
  text = Edit(text, "ingress: [{rule: 100, action: allow, protocol: all, cidr: 0.0.0.0/0}]",
              "ingress: [{rule: 90, action: deny, protocol: tcp, ports: 3389, cidr: 0.0.0.0/0}, "
              "{rule: 100, action: allow, protocol: all, cidr: 0.0.0.0/0}]");
  Strings lines = Lines(Audit(text));
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0], kSshError);
  EXPECT_EQ(lines[1].rfind("note VPCR008 test.yaml:18:60: open rule, not reachable: security group "
                           "ssh admits RDP (tcp 3389) from 0.0.0.0/0, but no ENI carrying it "
                           "(bastion) is reachable on it from the internet (fix: ",
                           0),
            0u)
      << lines[1];
}

// A budget that runs out is never read as "not reachable".
TEST(AuditTest, Vpcr008UndecidedIsAnError) {
  std::string text = Edit(WithBastion(), "bastion: {subnet: public-a, private_ip: 10.1.0.10",
                          "bastion: {subnet: private-a, private_ip: 10.1.16.10");
  Network n = Load(text);
  AuditOptions options;
  options.max_paths = 0;
  AuditReport report = RunAudit(*n.model, *n.graph, options);
  EXPECT_EQ(Lines(report),
            Strings{"error VPCR008 test.yaml:18:15: security group ssh admits SSH (tcp 22) from "
                    "0.0.0.0/0; whether ENI bastion can be reached on it from the internet is "
                    "undecided (the solver's path budget ran out), so it is treated as reachable "
                    "(fix: restrict the source to your administrators' range (VPN or bastion "
                    "CIDR), or remove the rule and use SSM Session Manager)"});
}

// --- The bundled lab, its variants, and the lab as CloudFormation stacks ------------------

std::string Source(const std::string& relative) {
  return std::string(VPCREACH_SOURCE_DIR) + "/" + relative;
}

AuditReport AuditFiles(const std::vector<std::string>& files, const LoadOptions& options = {}) {
  LoadResult loaded = LoadScenarioFiles(files, options);
  EXPECT_TRUE(loaded.ok()) << loaded.diagnostics.Format();
  ForwardingGraph graph(loaded.model);
  return RunAudit(loaded.model, graph);
}

std::string Vpcr006(const std::string& file, int line) {
  return "note VPCR006 " + file + ":" + std::to_string(line) +
         ":5: training job training has network isolation off: its containers can make outbound "
         "calls (fix: set network_isolation: true when the training code needs no network "
         "(EnableNetworkIsolation))";
}

// The lab has flow logs, root access disabled, a KMS key, no direct internet access, the job in
// the VPC with inter-container encryption and no open administrative port: the one finding is
// the job's network isolation being off (the workshop leaves it off).
TEST(AuditTest, LabHasOnlyTheNetworkIsolationNote) {
  std::string lab = Source("scenarios/sagemaker-lab.yaml");
  EXPECT_EQ(Lines(AuditFiles({lab})), Strings{Vpcr006(lab, 77)});
}

TEST(AuditTest, LabVariants) {
  struct Variant {
    const char* file;
    int training_line;
    Strings extra;  // findings beyond VPCR006, before it in file order
  };
  std::string dia = Source("scenarios/lab-direct-internet-access.yaml");
  const Variant variants[] = {
      {"scenarios/lab-direct-internet-access.yaml",
       71,
       {"error VPCR003 " + dia +
        ":64:5: notebook instance notebook has direct internet access enabled: its internet and "
        "S3 traffic bypass the VPC's security groups, NACLs, NAT gateway and endpoints (fix: set "
        "direct_internet_access: disabled (internet through a NAT gateway, S3 through a gateway "
        "endpoint))"}},
      // Network mistakes that no configuration rule is about: the audit sees what the lab has.
      {"scenarios/lab-nacl-no-ephemeral.yaml", 74, {}},
      {"scenarios/lab-nat-in-private-subnet.yaml", 71, {}},
      {"scenarios/lab-no-s3-endpoint.yaml", 68, {}},
      {"scenarios/lab-sg-no-egress.yaml", 69, {}},
      {"scenarios/lab-training-without-ipsec-rules.yaml", 69, {}},
  };
  for (const Variant& v : variants) {
    SCOPED_TRACE(v.file);
    std::string file = Source(v.file);
    Strings expected = v.extra;
    expected.push_back(Vpcr006(file, v.training_line));
    EXPECT_EQ(Lines(AuditFiles({file})), expected);
  }
}

TEST(AuditTest, LabStacksLikeTheLab) {
  std::string file = Source("scenarios/sagemaker-lab-stacks.yaml");
  EXPECT_EQ(Lines(AuditFiles({file})), Strings{Vpcr006(file, 39)});
}

class AuditStacksTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("audit_test_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::string Write(const std::string& name, const std::string& text) {
    std::string path = (dir_ / name).string();
    std::ofstream(path) << text;
    return path;
  }

  std::filesystem::path dir_;
};

// The lab's stacks without the flow-logs stack: VPCR007 at the VPC's resource in the template,
// with the fix in CloudFormation's words.
TEST_F(AuditStacksTest, VpcWithoutFlowLogsIsLocatedInItsTemplate) {
  // The scenarios are in a temporary folder, the templates in the source tree.
  const LoadOptions kOutside{.allow_outside = true};
  std::string templates = Source("scenarios/templates/");
  std::string scenario = Write("stacks.yaml",
                               "vpcreach: 1\nstacks:\n"
                               "  - name: vpc-fnd316\n"
                               "    template: " +
                                   templates +
                                   "network-2azs.yaml\n"
                                   "    parameters: {ClassB: 1}\n");
  std::string with_logs = Write("logged.yaml",
                                "vpcreach: 1\nstacks:\n"
                                "  - name: vpc-fnd316\n"
                                "    template: " +
                                    templates +
                                    "network-2azs.yaml\n"
                                    "    parameters: {ClassB: 1}\n"
                                    "  - name: vpc-fnd316-flowlogs\n"
                                    "    template: " +
                                    templates +
                                    "flow-logs.yaml\n"
                                    "    parameters: {ParentVPCStack: vpc-fnd316}\n");
  EXPECT_EQ(Lines(AuditFiles({scenario}, kOutside)),
            Strings{"warning VPCR007 " + templates +
                    "network-2azs.yaml:17:3: VPC vpc-fnd316/VPC has no flow logs (fix: add an "
                    "AWS::EC2::FlowLog with ResourceType: VPC and ResourceId: !Ref VPC)"});
  EXPECT_EQ(Lines(AuditFiles({with_logs}, kOutside)), Strings{});
}

// A notebook written as an AWS::SageMaker::NotebookInstance with AWS's defaults: its findings
// are located at the resource in the template and worded with the template's property names.
TEST_F(AuditStacksTest, NotebookDefinedInATemplate) {
  std::string tmpl = Write("notebook.yaml", R"(AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Notebook:
    Type: AWS::SageMaker::NotebookInstance
    Properties:
      InstanceType: ml.t3.medium
      RoleArn: arn:aws:iam::123456789012:role/notebook
)");
  std::string scenario =
      Write("s.yaml", "vpcreach: 1\nstacks:\n  - name: nb\n    template: notebook.yaml\n");
  std::string at = tmpl + ":3:3: notebook instance nb/Notebook ";
  EXPECT_EQ(
      Lines(AuditFiles({scenario})),
      (Strings{"warning VPCR001 " + at + "has root access enabled (fix: set RootAccess: Disabled)",
               "warning VPCR002 " + at +
                   "has no KMS key for its storage volume (fix: set KmsKeyId to a "
                   "customer-managed KMS key (key ARN or alias/NAME))",
               "warning VPCR003 " + at +
                   "has direct internet access and no VPC: no security group, NACL or flow "
                   "log of yours sees its traffic (fix: set SubnetId (a private subnet), "
                   "SecurityGroupIds and DirectInternetAccess: Disabled)"}));
  Write("notebook.yaml", R"(AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Notebook:
    Type: AWS::SageMaker::NotebookInstance
    Properties:
      InstanceType: ml.t3.medium
      RoleArn: arn:aws:iam::123456789012:role/notebook
      RootAccess: Disabled
      KmsKeyId: alias/notebooks
)");
  EXPECT_EQ(Lines(AuditFiles({scenario})),
            Strings{"warning VPCR003 " + at +
                    "has direct internet access and no VPC: no security group, NACL or flow log of "
                    "yours sees its traffic (fix: set SubnetId (a private subnet), "
                    "SecurityGroupIds and DirectInternetAccess: Disabled)"});
}

// --- Renderings ---------------------------------------------------------------------------

TEST(AuditTest, TextCountsAndSortOrder) {
  std::string text = Edit(Edit(WithBastion(), "flow_logs: true", "flow_logs: false"),
                          "network_isolation: true", "network_isolation: false");
  std::string out = AuditToText(Audit(text), false);
  EXPECT_EQ(out,
            "warning VPCR007 test.yaml:4:3: VPC lab has no flow logs (fix: set flow_logs: true)\n" +
                std::string(kSshError) + "\n" +
                "note VPCR006 test.yaml:33:5: training job training has network isolation "
                "off: its containers can make outbound calls (fix: set network_isolation: "
                "true when the training code needs no network (EnableNetworkIsolation))\n"
                "1 error, 1 warning, 1 note\n");
  std::string colored = AuditToText(Audit(text), true);
  EXPECT_EQ(colored.rfind("\033[33mwarning\033[0m VPCR007 ", 0), 0u) << colored;
}

TEST(AuditTest, Json) {
  Network n = Load(Edit(WithBastion(), "flow_logs: true", "flow_logs: false"));
  nlohmann::ordered_json j = AuditToJson(RunAudit(*n.model, *n.graph));
  ASSERT_EQ(j["findings"].size(), 2u);
  const auto& vpc = j["findings"][0];
  EXPECT_EQ(
      vpc.dump(),
      R"({"rule":"VPCR007","severity":"warning","file":"test.yaml","line":4,"column":3,)"
      R"("component":"lab","message":"VPC lab has no flow logs","fix":"set flow_logs: true"})");
  const auto& ssh = j["findings"][1];
  EXPECT_EQ(ssh["rule"], "VPCR008");
  EXPECT_EQ(ssh["severity"], "error");
  EXPECT_EQ(ssh["line"], 18);
  EXPECT_EQ(ssh["column"], 15);
  EXPECT_EQ(ssh["component"], "ssh");
  ASSERT_TRUE(ssh.contains("witness"));
  EXPECT_EQ(j["counts"].dump(), R"({"error":1,"warning":1,"note":0})");
}

TEST(AuditTest, CiItemsAndRules) {
  Network n = Load(Edit(kClean, "flow_logs: true", "flow_logs: false"));
  AuditCi ci = AuditToCiItems(RunAudit(*n.model, *n.graph), *n.model);
  ASSERT_EQ(ci.rules.size(), 10u);
  for (size_t i = 0; i < ci.rules.size(); ++i) {
    EXPECT_EQ(ci.rules[i].id, (i < 9 ? "VPCR00" : "VPCR0") + std::to_string(i + 1));
    EXPECT_FALSE(ci.rules[i].name.empty());
    EXPECT_FALSE(ci.rules[i].short_description.empty());
    EXPECT_FALSE(ci.rules[i].full_description.empty());
    EXPECT_FALSE(ci.rules[i].help.empty());
  }
  // The finding, then one passing item per rule that found nothing.
  ASSERT_EQ(ci.items.size(), 10u);
  const CiItem& f = ci.items[0];
  EXPECT_EQ(f.rule_id, "VPCR007");
  EXPECT_FALSE(f.passed);
  EXPECT_EQ(f.level, CiLevel::kWarning);
  EXPECT_EQ(f.name, "VPCR007 lab");
  EXPECT_EQ(f.message, "VPC lab has no flow logs");
  EXPECT_EQ(f.explanation,
            "warning at test.yaml:4:3: VPC lab has no flow logs\nfix: set flow_logs: true");
  EXPECT_EQ(f.location.line, 4);
  EXPECT_TRUE(f.path.empty());
  for (size_t i = 1; i < ci.items.size(); ++i) {
    EXPECT_TRUE(ci.items[i].passed) << ci.items[i].rule_id;
    EXPECT_NE(ci.items[i].rule_id, "VPCR007");
  }
}

}  // namespace
}  // namespace vpcreach
