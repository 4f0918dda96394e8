// The `vpcreach` command line end to end: scenarios written to a fresh temp dir, RunCli with
// string streams, exit statuses, exact error lines, and the shape of every output format.
// Also MakeTraceQuery's choice of addresses and ports (sim/query/trace_query.h).
#include <gtest/gtest.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "model/scenario_loader.h"
#include "sim/cli/commands.h"
#include "sim/query/trace_query.h"

namespace vpcreach {
namespace {

// A private subnet behind a NAT gateway (the notebook, 10.1.16.4), a public subnet with an
// internet gateway (bastion, 10.1.0.10 / 54.0.0.1), and a notebook without a VPC.
const char* kLab = R"(vpcreach: 1
name: cli lab
vpcs: {lab: {cidr: 10.1.0.0/16}}
internet_gateways: {igw: {vpc: lab}}
subnets:
  public-a:  {vpc: lab, cidr: 10.1.0.0/20,  az: a, route_table: public-rt}
  private-a: {vpc: lab, cidr: 10.1.16.0/20, az: a, route_table: private-rt}
route_tables:
  public-rt:  {vpc: lab, routes: [{destination: 0.0.0.0/0, target: igw}]}
  private-rt: {vpc: lab, routes: [{destination: 0.0.0.0/0, target: nat-a}]}
nat_gateways: {nat-a: {subnet: public-a, public_ip: 52.0.0.10}}
security_groups:
  pip:    {vpc: lab, egress: [{protocol: tcp, ports: 443, cidr: 0.0.0.0/0}]}
  web-sg: {vpc: lab, ingress: [{protocol: tcp, ports: 443, cidr: 0.0.0.0/0}]}
enis:
  bastion: {subnet: public-a, private_ip: 10.1.0.10, public_ip: 54.0.0.1, security_groups: [web-sg]}
sagemaker:
  notebook_instances:
    notebook: {subnet: private-a, security_groups: [pip], direct_internet_access: disabled}
    hosted: {}
expect:
  - name: the notebook installs packages from pypi
    from: notebook
    to: pypi
    port: 443
    reachable: true
    via: [nat-a]
)";

const char* kFailing = R"(  - name: plain <http> & "pypi"
    from: notebook
    to: pypi
    port: 80
    reachable: true
)";

class CliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (std::filesystem::temp_directory_path() / "vpcreach-cli-XXXXXX");
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::string Write(const std::string& name, const std::string& text) {
    std::string path = (dir_ / name).string();
    std::ofstream(path) << text;
    return path;
  }

  int Run(const std::vector<std::string>& args) {
    out_.str("");
    err_.str("");
    return RunCli(args, out_, err_);
  }

  std::string out() const { return out_.str(); }
  std::string err() const { return err_.str(); }

  int Trace(std::vector<std::string> extra) {
    std::vector<std::string> args = {"trace", Write("lab.yaml", kLab)};
    args.insert(args.end(), extra.begin(), extra.end());
    return Run(args);
  }

  nlohmann::json TraceJson(std::vector<std::string> extra) {
    extra.push_back("--format");
    extra.push_back("json");
    Trace(extra);
    return nlohmann::json::parse(out());
  }

  std::filesystem::path dir_;
  std::ostringstream out_;
  std::ostringstream err_;
};

// Checks what a JUnit consumer's parser needs: declaration, balanced and properly nested
// elements, quoted attributes, and no raw '<' or stray '&' in text or attribute values.
bool WellFormedXml(const std::string& xml, std::string* why) {
  std::vector<std::string> open;
  size_t i = 0;
  if (xml.rfind("<?xml ", 0) != 0) return *why = "no XML declaration", false;
  i = xml.find("?>") + 2;
  while (i < xml.size()) {
    if (xml[i] == '&') {
      size_t semicolon = xml.find(';', i);
      std::string entity = xml.substr(i, semicolon - i + 1);
      if (entity != "&amp;" && entity != "&lt;" && entity != "&gt;" && entity != "&quot;" &&
          entity != "&apos;" && entity.rfind("&#", 0) != 0) {
        return *why = "bad entity at " + std::to_string(i), false;
      }
      i = semicolon + 1;
      continue;
    }
    if (xml[i] != '<') {
      if (xml[i] == '>') return *why = "raw > at " + std::to_string(i), false;
      ++i;
      continue;
    }
    size_t end = i + 1;
    bool quoted = false;
    for (; end < xml.size() && (quoted || xml[end] != '>'); ++end) {
      if (xml[end] == '"') quoted = !quoted;
      if (quoted && (xml[end] == '<')) return *why = "raw < in attribute", false;
    }
    if (end >= xml.size()) return *why = "unterminated tag", false;
    std::string tag = xml.substr(i + 1, end - i - 1);
    if (tag.empty()) return *why = "empty tag", false;
    if (tag[0] == '/') {
      if (open.empty() || open.back() != tag.substr(1)) {
        return *why = "mismatched </" + tag.substr(1) + ">", false;
      }
      open.pop_back();
    } else if (tag.back() != '/') {
      open.push_back(tag.substr(0, tag.find(' ')));
    }
    i = end + 1;
  }
  if (!open.empty()) return *why = "unclosed <" + open.back() + ">", false;
  return true;
}

size_t Count(const std::string& text, const std::string& what) {
  size_t n = 0;
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

TEST_F(CliTest, NoArgumentsPrintsTheHelpWithTheCommands) {
  EXPECT_EQ(Run({}), 0);
  EXPECT_NE(out().find("Usage: vpcreach"), std::string::npos);
  for (const char* command : {"validate", "trace", "check"}) {
    EXPECT_NE(out().find(std::string("  ") + command), std::string::npos) << command;
  }
  EXPECT_EQ(err(), "");
}

TEST_F(CliTest, VersionAndHelp) {
  EXPECT_EQ(Run({"--version"}), 0);
  EXPECT_EQ(out(), "vpcreach 0.1.0\n");
  EXPECT_EQ(Run({"trace", "--help"}), 0);
  EXPECT_NE(out().find("--src-ip"), std::string::npos);
}

TEST_F(CliTest, UnknownCommandSuggestsTheClosest) {
  EXPECT_EQ(Run({"chek", "lab.yaml"}), 2);
  EXPECT_EQ(err(), "vpcreach: unknown command 'chek'; did you mean 'check'?\n");
  EXPECT_EQ(out(), "");
  EXPECT_EQ(Run({"frobnicate"}), 2);
  EXPECT_EQ(err(),
            "vpcreach: unknown command 'frobnicate'; the commands are validate, trace, reach, "
            "check, matrix, diff, audit, names\n");
  EXPECT_EQ(Run({"diff", "lab.yaml"}), 2);
  EXPECT_EQ(err(), "vpcreach: --against is required\nrun 'vpcreach diff --help' for its options\n");
}

TEST_F(CliTest, MatrixJobsGiveTheSameAnswerAndMustBePositive) {
  std::string lab = Write("lab.yaml", kLab);
  EXPECT_EQ(Run({"matrix", lab, "--format", "csv", "--jobs", "1"}), 0);
  std::string one = out();
  EXPECT_NE(one.find("notebook"), std::string::npos);
  EXPECT_EQ(Run({"matrix", lab, "--format", "csv", "--jobs", "2"}), 0);
  EXPECT_EQ(out(), one);
  EXPECT_EQ(Run({"matrix", lab, "--jobs", "0"}), 2);
  EXPECT_EQ(out(), "");
  EXPECT_EQ(err(), "vpcreach: --jobs: Value 0 not in range 1 to 256\n"
                   "run 'vpcreach matrix --help' for its options\n");
}

TEST_F(CliTest, MissingFileIsBadInput) {
  std::string path = (dir_ / "nope.yaml").string();
  EXPECT_EQ(Run({"validate", path}), 2);
  EXPECT_EQ(err(), path + ": cannot read file: No such file or directory\n");
  EXPECT_EQ(out(), "");
}

TEST_F(CliTest, DiagnosticsGoToStderrWithStatusTwo) {
  std::string path = Write("bad.yaml", "vpcreach: 1\nvpcs: {lab: {cidr: 10.1.0.0/33}}\n");
  EXPECT_EQ(Run({"check", path}), 2);
  EXPECT_EQ(err().rfind(path + ":2:", 0), 0u) << err();
  EXPECT_EQ(out(), "");
}

// Bad workloads, in the native format and in a template: every problem located on stderr, with
// its line and caret, and status 2.
TEST_F(CliTest, ValidateRefusesBadWorkloadsWithStatusTwo) {
  std::string path = Write("workloads.yaml", R"(vpcreach: 1
vpcs: {lab: {cidr: 10.1.0.0/16}, other: {cidr: 10.2.0.0/16}}
subnets:
  private-a: {vpc: lab, cidr: 10.1.16.0/24, az: a}
  far: {vpc: other, cidr: 10.2.0.0/24, az: a}
security_groups:
  app: {vpc: lab}
workloads:
  models: {type: auto_scaling_group, count: 2}
  db: {type: rds_instance, engine: postgres, subnets: [far], security_groups: [app]}
  box: {type: instance, subnet: far}
  alb:
    type: load_balancer
    scheme: internal
    subnets: [private-a]
    listeners:
      - {protocol: HTTPS, port: 70000, target_groups: [model-tg]}
      - {protocol: HTTP, port: 80, target_groups: [model-gt]}
target_groups:
  model-tg: {port: 8080, vpc: lab, targets: [box]}
)");
  EXPECT_EQ(Run({"validate", path}), 2);
  EXPECT_EQ(out(), "");
  EXPECT_EQ(err(), path +
                       ":9:3: workloads.models: An Auto Scaling group needs subnets to launch its "
                       "instances in (its VPCZoneIdentifier); add 'subnets:'\n"
                       "      models: {type: auto_scaling_group, count: 2}\n"
                       "      ^\n" +
                       path +
                       ":10:80: workloads.db.security_groups[0]: security group app is in vpc "
                       "lab, not in vpc other; the security groups of an RDS instance are in the "
                       "vpc of its subnets: name security groups of vpc other, or subnets of vpc "
                       "lab\n"
                       "      db: {type: rds_instance, engine: postgres, subnets: [far], "
                       "security_groups: [app]}\n"
                       "                                                                          "
                       "         ^\n" +
                       path +
                       ":17:33: workloads.alb.listeners[0].port: port 70000 is out of range "
                       "1-65535\n"
                       "          - {protocol: HTTPS, port: 70000, target_groups: [model-tg]}\n"
                       "                                    ^\n" +
                       path +
                       ":18:52: workloads.alb.listeners[1].target_groups[0]: unknown target group "
                       "'model-gt'; did you mean 'model-tg'?\n"
                       "          - {protocol: HTTP, port: 80, target_groups: [model-gt]}\n"
                       "                                                       ^\n" +
                       path +
                       ":20:46: target_groups.model-tg.targets[0]: target box is in vpc other, "
                       "not in vpc lab of target group model-tg; a target group's targets are in "
                       "its vpc: register box in a target group of vpc other\n"
                       "      model-tg: {port: 8080, vpc: lab, targets: [box]}\n"
                       "                                                 ^\n");
  std::string stack = Write("stack.yaml", R"(Resources:
  Vpc: {Type: 'AWS::EC2::VPC', Properties: {CidrBlock: 10.0.0.0/16}}
  Web: {Type: 'AWS::EC2::SecurityGroup', Properties: {GroupDescription: w, VpcId: !Ref Vpc}}
  Config:
    Type: AWS::AutoScaling::LaunchConfiguration
    Properties: {ImageId: ami-1, InstanceType: t3.micro}
  Fleet:
    Type: AWS::AutoScaling::AutoScalingGroup
    Properties: {MinSize: '1', MaxSize: '2', LaunchConfigurationName: !Ref Config}
)");
  path = Write("stacks.yaml", "vpcreach: 1\nstacks: [{name: net, template: stack.yaml}]\n");
  EXPECT_EQ(Run({"validate", path}), 2);
  EXPECT_EQ(out(), "");
  EXPECT_EQ(err(), stack +
                       ":7:3: Resources.Fleet.Properties: missing required property "
                       "'VPCZoneIdentifier' or 'AvailabilityZones': an Auto Scaling group "
                       "needs subnets to launch in\n"
                       "      Fleet:\n"
                       "      ^\n");
}

TEST_F(CliTest, ValidateSummarizes) {
  std::string path = Write("lab.yaml", kLab);
  EXPECT_EQ(Run({"validate", path}), 0) << err();
  EXPECT_EQ(out().rfind("scenario: cli lab\nregion: us-east-1\nfiles: " + path + "\n", 0), 0u);
  EXPECT_NE(out().find("  notebook  eni          10.1.16.4  in private-a\n"), std::string::npos)
      << out();
  EXPECT_EQ(out().substr(out().size() - 3), "ok\n");
  EXPECT_EQ(Run({"validate", path, "--format", "json"}), 0);
  nlohmann::json j = nlohmann::json::parse(out());
  EXPECT_EQ(j["counts"]["notebook_instances"], 2);
  EXPECT_EQ(j["counts"]["nat_gateways"], 1);
  EXPECT_EQ(j["ok"], true);
}

// The shapes a mutation run of `validate` produced (a flow list followed by `: `, a key that
// swallowed a CIDR, an unknown endpoint, a subnet named as a NACL): each is a located error and
// exit status 2, never a crash or an allocation without bound.
TEST_F(CliTest, ValidateRefusesMutatedScenariosWithLocatedErrors) {
  auto edit = [](std::string text, const std::string& from, const std::string& to) {
    size_t at = text.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    return at == std::string::npos ? text : text.replace(at, from.size(), to);
  };
  const std::pair<std::string, std::string> kCases[] = {
      {edit(kLab, "    via: [nat-a]\n", "    via: [nat-a]: \n"),
       "bad.yaml:27:17: invalid YAML: mapping values are not allowed in this context"},
      {std::string(kLab) + "::/0    reachable: false\n",
       "bad.yaml:28:1: ::/0    reachable: unknown key '::/0    reachable'; expected one of: "
       "vpcreach, name, region, services, vpcs, internet_gateways, subnets, route_tables, "
       "nat_gateways, vpc_endpoints, network_acls, security_groups, enis, prefix_lists, sagemaker, "
       "workloads, target_groups, expect, stacks, import, peering_connections, transit_gateways, "
       "transit_gateway_attachments, transit_gateway_route_tables, vpn_gateways, "
       "customer_gateways, vpn_connections"},
      {edit(kLab, "    from: notebook\n", "    from: training\n"),
       "bad.yaml:23:11: expect[0].from: unknown endpoint 'training'; expected an ENI, notebook, "
       "training job, workload, interface endpoint, subnet, service, IP address or CIDR"},
      {edit(kLab, "route_table: public-rt}", "route_table: public-rt, network_acl: private-a}"),
       "bad.yaml:6:89: subnets.public-a.network_acl: 'private-a' is a subnet, not a network ACL"},
  };
  for (const auto& [text, headline] : kCases) {
    std::string path = Write("bad.yaml", text);
    EXPECT_EQ(Run({"validate", path}), 2) << headline;
    std::string first = err().substr(0, err().find('\n'));
    EXPECT_EQ(first, path.substr(0, path.size() - 8) + headline) << err();
  }
}

TEST_F(CliTest, ValidateNamesTheServiceRangesSnapshot) {
  std::string path = Write("lab.yaml", kLab);
  EXPECT_EQ(Run({"validate", path}), 0) << err();
  EXPECT_NE(out().find("\nservice ranges: AWS ip-ranges.json of 2026-01-12 17:08:04 UTC "
                       "(syncToken 1768237684)\nservices:\n"),
            std::string::npos)
      << out();
  EXPECT_EQ(Run({"validate", path, "--format", "json"}), 0);
  nlohmann::json j = nlohmann::json::parse(out());
  EXPECT_EQ(j["service_ranges"]["create_date"], "2026-01-12-17-08-04");
  EXPECT_EQ(j["service_ranges"]["sync_token"], "1768237684");
}

TEST_F(CliTest, WarningsGoToStderrAndIntoTheValidateSummaryAndTheExitStatusStaysZero) {
  // Issue 11: a CIDR with host bits set is read as EC2 reads it, with a warning.
  std::string text = kLab;
  const std::string from = "ports: 443, cidr: 0.0.0.0/0}]}\n  web-sg";
  text.replace(text.find(from), from.size(), "ports: 443, cidr: 192.168.1.0/0}]}\n  web-sg");
  std::string path = Write("lab.yaml", text);
  const std::string headline =
      path + ":13:65: warning: security_groups.pip.egress[0].cidr: host bits are set in "
             "'192.168.1.0/0': EC2 reads it as 0.0.0.0/0 (every IPv4 address), and so does "
             "vpcreach; write 0.0.0.0/0";
  EXPECT_EQ(Run({"validate", path}), 0) << err();
  EXPECT_EQ(err(), headline + "\n      pip:    {vpc: lab, egress: [{protocol: tcp, ports: 443, "
                              "cidr: 192.168.1.0/0}]}\n" +
                       std::string(4 + 64, ' ') + "^\n");
  EXPECT_NE(out().find("\nwarnings:\n  " + headline + "\nservice ranges: "), std::string::npos)
      << out();
  EXPECT_EQ(Run({"validate", path, "--format", "json"}), 0);
  nlohmann::json j = nlohmann::json::parse(out());
  ASSERT_EQ(j["warnings"].size(), 1u);
  EXPECT_EQ(j["warnings"][0]["line"], 13);
  EXPECT_EQ(j["warnings"][0]["path"], "security_groups.pip.egress[0].cidr");
  // The rule is the whole internet: the notebook still reaches pypi.
  EXPECT_EQ(Run({"check", path}), 0) << out() << err();
  EXPECT_EQ(err().substr(0, err().find('\n')), headline);
}

// The binary carries the snapshot: it needs no file beside it, whatever the working directory.
TEST_F(CliTest, TheBuiltBinaryHasTheRangesFromAnyDirectory) {
  Write("lab.yaml", std::string(kLab) + "region: eu-west-1\n");
  std::string command = "cd '" + dir_.string() + "' && '" VPCREACH_BINARY "' validate lab.yaml";
  FILE* pipe = popen(command.c_str(), "r");
  ASSERT_NE(pipe, nullptr);
  std::string output;
  char buffer[4096];
  while (size_t n = fread(buffer, 1, sizeof buffer, pipe)) output.append(buffer, n);
  EXPECT_EQ(pclose(pipe), 0) << output;
  EXPECT_NE(output.find("  s3: 1.178.7.0/24, 3.5.64.0/21, 3.5.72.0/23, 3.5.74.0/23, "
                        "3.251.110.208/28, 3.251.110.224/28, 52.92.0.0/17, 52.218.0.0/17 "
                        "(port 443)\n"),
            std::string::npos)
      << output;
}

// Files that are not YAML at all, for the built binary: each is one located error and exit
// status 2, at once and within a memory limit (yaml-cpp 0.7 allocated without end on `, x`
// until killed). The limit is left out under AddressSanitizer, which reserves terabytes.
TEST_F(CliTest, GarbageFilesAreLocatedErrorsWithinTimeAndMemory) {
  const std::pair<std::string, std::string> kCases[] = {
      {", x\n", "garbage.yaml:1:1: invalid YAML: did not find expected node content while "
                "parsing a block node"},
      {"vpcreach: 1\n- , x\n",
       "garbage.yaml:2:1: invalid YAML: did not find expected key while parsing a block mapping "
       "at line 1"},
      {"[[[[{{{{\n", "garbage.yaml:2:1: invalid YAML: did not find expected node content while "
                     "parsing a flow node"},
      {"\x1f\x8b\x08\x00", "garbage.yaml:1:1: invalid YAML: control characters are not "
                            "allowed (0x1F)"},
  };
#if defined(__SANITIZE_ADDRESS__)
  const std::string limit = "";
#else
  const std::string limit = "ulimit -v 1048576; ";  // 1 GiB
#endif
  for (const auto& [text, headline] : kCases) {
    Write("garbage.yaml", text);
    std::string command = "cd '" + dir_.string() + "' && " + limit +
                          "timeout 20 '" VPCREACH_BINARY "' validate garbage.yaml 2>&1";
    FILE* pipe = popen(command.c_str(), "r");
    ASSERT_NE(pipe, nullptr);
    std::string output;
    char buffer[4096];
    while (size_t n = fread(buffer, 1, sizeof buffer, pipe)) output.append(buffer, n);
    int status = pclose(pipe);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 2) << status << "\n" << output;
    EXPECT_EQ(output.substr(0, output.find('\n')), headline);
  }
}

TEST_F(CliTest, BadFormatIsAUsageError) {
  std::string path = Write("lab.yaml", kLab);
  EXPECT_EQ(Run({"validate", path, "--format", "dot"}), 2);
  EXPECT_EQ(err(), "vpcreach: validate --format 'dot' is not one of text, json\n");
  EXPECT_EQ(Run({"check", path, "--format", "jnuit"}), 2);
  EXPECT_EQ(err(),
            "vpcreach: check --format 'jnuit' is not one of text, json, junit, sarif; did you "
            "mean 'junit'?\n");
}

TEST_F(CliTest, TraceDeliveredIsStatusZeroWithPathAndVerdict) {
  EXPECT_EQ(Trace({"--from", "notebook", "--to", "pypi"}), 0) << err();
  EXPECT_EQ(out().rfind("trace notebook -> pypi: tcp 10.1.16.4:40000 -> 151.101.0.1:443\n", 0), 0u)
      << out();
  EXPECT_NE(out().find("\npath: notebook (10.1.16.4) -> sg pip: egress tcp 443 0.0.0.0/0 -> "),
            std::string::npos)
      << out();
  EXPECT_NE(out().find(" -> nat nat-a: source rewritten to 10.1.0.4:40000 -> "), std::string::npos);
  EXPECT_EQ(out().substr(out().size() - 19), "verdict: delivered\n");
  EXPECT_EQ(out().find('\033'), std::string::npos);
}

TEST_F(CliTest, TraceDroppedIsStatusOneAndSaysWhy) {
  EXPECT_EQ(Trace({"--from", "notebook", "--to", "pypi", "--port", "80"}), 1);
  EXPECT_NE(out().find("BLOCKED ENI_SG_RULES_MISMATCH"), std::string::npos) << out();
  EXPECT_NE(out().find("\nverdict: dropped\nwhy:\n  ENI_SG_RULES_MISMATCH pip: "),
            std::string::npos)
      << out();
}

TEST_F(CliTest, TraceJsonFollowsTheContract) {
  nlohmann::json j = TraceJson({"--from", "notebook", "--to", "pypi"});
  EXPECT_EQ(j["verdict"], "delivered");
  EXPECT_EQ(j["flow"], nlohmann::json::parse(R"({"protocol": "tcp", "src": "10.1.16.4",
      "dst": "151.101.0.1", "src_port": 40000, "dst_port": 443, "from": "notebook",
      "to": "pypi"})"));
  ASSERT_FALSE(j["forward"].empty());
  for (const char* key : {"component", "kind", "decision", "packet"}) {
    EXPECT_TRUE(j["forward"][0].contains(key)) << key;
  }
  EXPECT_FALSE(j["return"].empty());
  EXPECT_TRUE(j["explanations"].is_array());
}

TEST_F(CliTest, TraceDotIsAGraph) {
  EXPECT_EQ(Trace({"--from", "notebook", "--to", "pypi", "--format", "dot"}), 0);
  EXPECT_EQ(out().rfind("digraph", 0), 0u);
}

TEST_F(CliTest, OutputFlagWritesTheFile) {
  std::string target = (dir_ / "trace.json").string();
  EXPECT_EQ(Trace({"--from", "notebook", "--to", "pypi", "--format", "json", "-o", target}), 0);
  EXPECT_EQ(out(), "");
  std::ifstream file(target);
  std::stringstream text;
  text << file.rdbuf();
  EXPECT_EQ(nlohmann::json::parse(text.str())["verdict"], "delivered");

  std::string unwritable = (dir_ / "no-such-dir" / "x.txt").string();
  EXPECT_EQ(Trace({"--from", "notebook", "--to", "pypi", "-o", unwritable}), 2);
  EXPECT_EQ(err(), "vpcreach: cannot write " + unwritable + ": No such file or directory\n");
}

TEST_F(CliTest, TraceUsageErrors) {
  EXPECT_EQ(Trace({"--from", "notebook", "--to", "pypy"}), 2);
  EXPECT_EQ(err(), "vpcreach: --to: unknown endpoint 'pypy'; did you mean 'pypi'?\n");
  EXPECT_EQ(Trace({"--from", "notebook", "--to", "pypi", "--protocol", "all"}), 2);
  EXPECT_EQ(err(), "vpcreach: trace needs one protocol, not 'all'\n");
  EXPECT_EQ(Trace({"--from", "notebook", "--to", "pypi", "--port", "70000"}), 2);
  EXPECT_EQ(err(), "vpcreach: --port 70000 is out of range; a port is 0-65535\n");
  EXPECT_EQ(Trace({"--from", "notebook", "--to", "pypi", "--port", "https"}), 2);
  EXPECT_EQ(err().rfind("vpcreach: ", 0), 0u);
  EXPECT_EQ(Trace({"--to", "pypi"}), 2);
  EXPECT_EQ(err(), "vpcreach: --from is required\nrun 'vpcreach trace --help' for its options\n");
  EXPECT_EQ(Trace({"--from", "notebook", "--to", "hosted"}), 2);
  EXPECT_EQ(err(), "vpcreach: hosted has no VPC configuration; it cannot be a destination\n");
  EXPECT_EQ(Trace({"--from", "notebook", "--to", "pypi", "--dst-ip", "8.8.8.8"}), 2);
  EXPECT_EQ(err(), "vpcreach: --dst-ip 8.8.8.8 is not an address of pypi (151.101.0.0/16)\n");
  EXPECT_EQ(Trace({"--from", "pypi", "--to", "bastion", "--src-ip", "8.8.8.8"}), 2);
  EXPECT_EQ(err(), "vpcreach: --src-ip 8.8.8.8 is not an address of pypi (151.101.0.0/16)\n");
}

TEST_F(CliTest, TraceFromAnEniMayClaimAnotherAddress) {
  // On purpose: the source/destination check is what refuses it.
  nlohmann::json j = TraceJson({"--from", "bastion", "--to", "pypi", "--src-ip", "10.1.0.99"});
  EXPECT_EQ(j["flow"]["src"], "10.1.0.99");
  EXPECT_EQ(j["verdict"], "dropped");
  EXPECT_EQ(j["explanations"][0]["code"], "ENI_SOURCE_DEST_CHECK_RESTRICTION");
}

TEST_F(CliTest, TraceDefaultAddresses) {
  // An ENI with a public IP: its public address from outside its VPC, private from inside.
  nlohmann::json in = TraceJson({"--from", "internet", "--to", "bastion"});
  EXPECT_EQ(in["flow"]["src"], "1.0.0.1");  // lo+1 of the first public range
  EXPECT_EQ(in["flow"]["dst"], "54.0.0.1");
  EXPECT_EQ(in["verdict"], "delivered") << in.dump(2);
  nlohmann::json inside = TraceJson({"--from", "notebook", "--to", "bastion"});
  EXPECT_EQ(inside["flow"]["dst"], "10.1.0.10");
  // A subnet: its first address AWS does not reserve.
  nlohmann::json subnet = TraceJson({"--from", "bastion", "--to", "private-a", "--port", "22"});
  EXPECT_EQ(subnet["flow"]["dst"], "10.1.16.4");
  EXPECT_EQ(subnet["flow"]["dst_port"], 22);
  // No ports for icmp; the default ports otherwise.
  nlohmann::json icmp = TraceJson({"--from", "bastion", "--to", "8.8.8.8", "--protocol", "icmp"});
  EXPECT_EQ(icmp["flow"]["dst"], "8.8.8.8");
  EXPECT_TRUE(icmp["flow"]["dst_port"].is_null());
  nlohmann::json ports = TraceJson({"--from", "bastion", "--to", "internet", "--src-port", "5000"});
  EXPECT_EQ(ports["flow"]["src_port"], 5000);
  EXPECT_EQ(ports["flow"]["dst_port"], 443);
}

TEST_F(CliTest, IcmpTypeAndCodeFlags) {
  // trace: echo request unless told, the type and code in the flow.
  nlohmann::json echo = TraceJson({"--from", "bastion", "--to", "8.8.8.8", "--protocol", "icmp"});
  EXPECT_EQ(echo["flow"]["icmp_type"], 8);
  EXPECT_EQ(echo["flow"]["icmp_code"], 0);
  EXPECT_EQ(echo["verdict"], "delivered") << echo.dump(2);
  EXPECT_FALSE(echo["return"].empty());  // the echo reply's way back
  nlohmann::json mtu = TraceJson({"--from", "bastion", "--to", "8.8.8.8", "--protocol", "icmp",
                                  "--icmp-type", "3", "--icmp-code", "4"});
  EXPECT_EQ(mtu["flow"]["icmp_type"], 3);
  EXPECT_EQ(mtu["flow"]["icmp_code"], 4);
  EXPECT_EQ(mtu["return"], nlohmann::json::array());  // one-way: no reply leg
  EXPECT_EQ(Trace({"--from", "bastion", "--to", "8.8.8.8", "--icmp-type", "8"}), 2);
  EXPECT_EQ(err(), "vpcreach: --icmp-type applies to icmp only, not tcp\n");
  EXPECT_EQ(
      Trace({"--from", "bastion", "--to", "8.8.8.8", "--protocol", "icmp", "--icmp-code", "256"}),
      2);
  EXPECT_EQ(err(),
            "vpcreach: --icmp-code 256 is out of range; trace sends one packet, of an ICMP "
            "type and code 0-255\n");

  // reach: all types and codes unless told; the witness command names them.
  std::string lab = Write("lab.yaml", kLab);
  EXPECT_EQ(Run({"reach", lab, "--from", "bastion", "--to", "8.8.8.8", "--protocol", "icmp",
                 "--icmp-type", "8"}),
            0)
      << err();
  EXPECT_NE(out().find("icmp type 8 (echo-request) to 8.8.8.8"), std::string::npos) << out();
  EXPECT_NE(out().find("--protocol icmp --icmp-type 8 --icmp-code 0 --src-ip 10.1.0.10"),
            std::string::npos)
      << out();
  EXPECT_EQ(Run({"reach", lab, "--from", "bastion", "--to", "8.8.8.8", "--icmp-code", "0"}), 2);
  EXPECT_EQ(err(), "vpcreach: --icmp-code: applies to --protocol icmp only, not tcp\n");
  EXPECT_EQ(Run({"reach", lab, "--from", "bastion", "--to", "8.8.8.8", "--protocol", "icmp",
                 "--icmp-type", "-2"}),
            2);
  EXPECT_EQ(err(), "vpcreach: --icmp-type: -2 is out of range; expected 0-255, or -1 for all\n");
}

TEST(TraceQueryTest, ChoosesOriginPacketAndOptions) {
  LoadResult loaded = LoadScenarioText("lab.yaml", kLab);
  ASSERT_TRUE(loaded.ok()) << loaded.diagnostics.Format();
  TraceFlags flags;
  flags.from = "notebook";
  flags.to = "private-a";
  flags.protocol = "udp";
  flags.port = 53;
  std::string error;
  std::optional<TraceQuery> q = MakeTraceQuery(loaded.model, flags, &error);
  ASSERT_TRUE(q.has_value()) << error;
  EXPECT_EQ(q->origin.kind, OriginKind::kEni);
  // base+4 is the notebook itself, the sender: the next address is chosen.
  EXPECT_EQ(FormatPacket(q->packet), "udp 10.1.16.4:40000 -> 10.1.16.5:53");
  EXPECT_TRUE(q->options.deliver_to_subnet_hosts);
  flags.to = "pypi";
  flags.port.reset();
  q = MakeTraceQuery(loaded.model, flags, &error);
  ASSERT_TRUE(q.has_value()) << error;
  EXPECT_EQ(FormatPacket(q->packet), "udp 10.1.16.4:40000 -> 151.101.0.1:443");
  EXPECT_FALSE(q->options.deliver_to_subnet_hosts);
  flags.protocol = "icmp";
  flags.src_port = 1;
  EXPECT_FALSE(MakeTraceQuery(loaded.model, flags, &error).has_value());
  EXPECT_EQ(error, "--src-port applies to tcp and udp only, not icmp");
}

TEST_F(CliTest, CheckPassesWithStatusZero) {
  std::string path = Write("lab.yaml", kLab);
  EXPECT_EQ(Run({"check", path}), 0) << err() << out();
  EXPECT_EQ(out().rfind("PASS       the notebook installs packages from pypi: ", 0), 0u) << out();
  EXPECT_EQ(out().substr(out().size() - 19), "1 passed, 0 failed\n");
}

TEST_F(CliTest, CheckFailureIsStatusOneWithTheWitness) {
  std::string path = Write("lab.yaml", std::string(kLab) + kFailing);
  EXPECT_EQ(Run({"check", path}), 1);
  EXPECT_NE(out().find("\nFAIL       plain <http> & \"pypi\": "), std::string::npos) << out();
  EXPECT_NE(out().find("\n           at " + path +
                       ":28\n           path: notebook (10.1.16.4) "
                       "-> sg pip: no egress rule matches [BLOCKED]"),
            std::string::npos)
      << out();
  EXPECT_NE(out().find("\n           why:\n             ENI_SG_RULES_MISMATCH pip: "),
            std::string::npos);
  EXPECT_EQ(out().substr(out().size() - 19), "1 passed, 1 failed\n");
}

TEST_F(CliTest, CheckJsonAndJunit) {
  std::string path = Write("lab.yaml", std::string(kLab) + kFailing);
  EXPECT_EQ(Run({"check", path, "--format", "json"}), 1);
  nlohmann::json j = nlohmann::json::parse(out());
  EXPECT_EQ(j["passed"], 1);
  EXPECT_EQ(j["failed"], 1);
  ASSERT_EQ(j["results"].size(), 2u);
  for (const char* key :
       {"name", "passed", "detail", "paths", "delivered", "asked", "location", "witness"}) {
    EXPECT_TRUE(j["results"][1].contains(key)) << key;
  }
  EXPECT_EQ(j["results"][1]["location"], path + ":28");
  EXPECT_EQ(j["results"][1]["witness"]["verdict"], "dropped");

  EXPECT_EQ(Run({"check", path, "--format", "junit"}), 1);
  std::string why;
  EXPECT_TRUE(WellFormedXml(out(), &why)) << why << "\n" << out();
  EXPECT_EQ(Count(out(), "<testcase "), 2u);
  EXPECT_EQ(Count(out(), "</testcase>"), 1u);  // the passing one is self-closing
  EXPECT_EQ(Count(out(), "<failure "), 1u);
  EXPECT_NE(out().find("<testsuite name=\"cli lab\" tests=\"2\" failures=\"1\""),
            std::string::npos);
  EXPECT_NE(
      out().find("name=\"plain &lt;http&gt; &amp; &quot;pypi&quot;\" classname=\"vpcreach check\" "
                 "file=\"" + path + "\""),
      std::string::npos)
      << out();
}

TEST_F(CliTest, CheckOverBudgetIsUndecidedAndFails) {
  std::string path = Write("lab.yaml", kLab);
  EXPECT_EQ(Run({"check", path, "--max-paths", "0"}), 1);
  EXPECT_EQ(out().rfind("UNDECIDED  the notebook installs packages from pypi: ", 0), 0u) << out();
  EXPECT_EQ(out().substr(out().size() - 19), "0 passed, 1 failed\n");
}

}  // namespace
}  // namespace vpcreach
