// Deployed estates: folders of AWS CLI describe-* outputs (model/snapshot/).
//
// The acceptance set is ../shared/fixtures/aws-snapshots: seven snapshots of Batfish's test
// suite, each with a vpcreach-expect.yaml that imports it and states what Batfish's tests assert.
// The rest builds small snapshots in a temporary folder: what each describe maps to, what is
// skipped, and the located errors for broken input.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>

#include "model/scenario_loader.h"
#include "sim/cli/commands.h"
#include "sim/endpoint.h"
#include "sim/forwarding_graph.h"
#include "sim/query/check.h"

namespace vpcreach {
namespace {

namespace fs = std::filesystem;

const char kFixtures[] = VPCREACH_SOURCE_DIR "/../shared/fixtures/aws-snapshots";

TEST(SnapshotFixturesTest, EveryBatfishSnapshotHoldsItsExpectations) {
  if (!fs::is_directory(kFixtures)) GTEST_SKIP() << kFixtures << " is absent";
  int folders = 0;
  for (const auto& entry : fs::directory_iterator(kFixtures)) {
    fs::path expect = entry.path() / "vpcreach-expect.yaml";
    if (!fs::exists(expect)) continue;
    ++folders;
    LoadResult loaded = LoadScenarioFiles({expect.string()});
    EXPECT_TRUE(loaded.ok()) << loaded.diagnostics.Format();
    if (!loaded.ok()) continue;
    ForwardingGraph graph(loaded.model);
    CheckReport report = RunChecks(loaded.model, graph);
    EXPECT_FALSE(report.results.empty()) << expect;
    for (const ExpectationResult& r : report.results) {
      EXPECT_TRUE(r.passed) << entry.path().filename() << ": " << r.expectation->name << ": "
                            << r.detail;
    }
  }
  EXPECT_EQ(folders, 7);
}

// A temporary snapshot folder, removed at the end of the test.
class SnapshotFolder {
 public:
  SnapshotFolder() {
    path_ =
        fs::temp_directory_path() /
        ("vpcreach-snapshot-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
         "-" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  ~SnapshotFolder() { fs::remove_all(path_); }
  void Write(const std::string& name, const std::string& text) {
    fs::create_directories((path_ / name).parent_path());
    std::ofstream(path_ / name) << text;
  }
  std::string path() const { return path_.string(); }
  std::string file(const std::string& name) const { return (path_ / name).string(); }

 private:
  fs::path path_;
};

// One VPC with a public subnet, an internet gateway and an instance.
void WriteEstate(SnapshotFolder& s, const std::string& instance_state = "running") {
  s.Write("aws_configs/Vpcs.json", R"({"Vpcs": [{"VpcId": "vpc-1", "CidrBlock": "10.0.0.0/16",
  "State": "available"}]})");
  s.Write("aws_configs/Subnets.json", R"({"Subnets": [{"SubnetId": "subnet-1", "VpcId": "vpc-1",
  "CidrBlock": "10.0.0.0/24", "AvailabilityZone": "eu-west-1a", "State": "available"}]})");
  s.Write("aws_configs/InternetGateways.json", R"({"InternetGateways": [{"InternetGatewayId":
  "igw-1", "Attachments": [{"State": "available", "VpcId": "vpc-1"}]}]})");
  s.Write("aws_configs/RouteTables.json", R"({"RouteTables": [{"RouteTableId": "rtb-1",
  "VpcId": "vpc-1", "Associations": [{"Main": true, "RouteTableId": "rtb-1"}],
  "Routes": [{"DestinationCidrBlock": "10.0.0.0/16", "GatewayId": "local", "State": "active"},
             {"DestinationCidrBlock": "0.0.0.0/0", "GatewayId": "igw-1", "State": "active"}]}]})");
  s.Write("aws_configs/SecurityGroups.json", R"({"SecurityGroups": [{"GroupId": "sg-1",
  "GroupName": "web", "VpcId": "vpc-1",
  "IpPermissions": [{"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443,
                     "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}],
  "IpPermissionsEgress": [{"IpProtocol": "-1", "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}]}]})");
  s.Write("aws_configs/NetworkInterfaces.json", R"({"NetworkInterfaces": [{
  "NetworkInterfaceId": "eni-1", "SubnetId": "subnet-1", "VpcId": "vpc-1", "Status": "in-use",
  "InterfaceType": "interface", "PrivateIpAddress": "10.0.0.10",
  "Association": {"PublicIp": "203.0.113.10"}, "Groups": [{"GroupId": "sg-1"}],
  "Attachment": {"InstanceId": "i-1", "DeviceIndex": 0}}]})");
  s.Write("aws_configs/Reservations.json", R"({"Reservations": [{"Instances": [{
  "InstanceId": "i-1", "State": {"Name": ")" + instance_state +
                                               R"("},
  "NetworkInterfaces": [{"NetworkInterfaceId": "eni-1", "SubnetId": "subnet-1",
  "Attachment": {"DeviceIndex": 0}}]}]}]})");
}

TEST(SnapshotTest, FolderGivenAsFileLoadsWithAwsIdsAndItsRegion) {
  SnapshotFolder s;
  WriteEstate(s);
  LoadResult loaded = LoadScenarioFiles({s.path()});
  ASSERT_TRUE(loaded.ok()) << loaded.diagnostics.Format();
  const Model& m = loaded.model;
  EXPECT_EQ(m.region, "eu-west-1");
  ASSERT_EQ(m.vpcs.size(), 1u);
  EXPECT_EQ(m.vpcs[0].id, "vpc-1");
  EXPECT_TRUE(m.vpcs[0].deployed);
  ASSERT_EQ(m.enis.size(), 1u);
  EXPECT_EQ(m.enis[0].id, "eni-1");
  EXPECT_EQ(FormatIpv4(m.enis[0].private_ip), "10.0.0.10");
  EXPECT_EQ(FormatIpv4(*m.enis[0].public_ip), "203.0.113.10");
  // The instance names its interface.
  std::string error;
  std::optional<Endpoint> instance = ResolveEndpoint(m, "i-1", &error);
  ASSERT_TRUE(instance) << error;
  EXPECT_EQ(instance->enis, std::vector<Index>{0});
  EXPECT_EQ(m.route_tables[m.subnets[0].route_table].id, "rtb-1");
}

// The expectation file beside a snapshot, as the fixtures write it.
std::string Expect(const std::string& body) {
  return "vpcreach: 1\nimport:\n  - aws_snapshot: .\nexpect:\n" + body;
}

// Every one of the `count` expectations of `loaded` holds.
void ExpectAllPass(const LoadResult& loaded, size_t count) {
  ASSERT_TRUE(loaded.ok()) << loaded.diagnostics.Format();
  ForwardingGraph graph(loaded.model);
  CheckReport report = RunChecks(loaded.model, graph);
  ASSERT_EQ(report.results.size(), count);
  for (const ExpectationResult& r : report.results) {
    EXPECT_TRUE(r.passed) << r.expectation->name << ": " << r.detail;
  }
}

TEST(SnapshotTest, InternetReachesTheInstanceOnItsOpenPortOnly) {
  SnapshotFolder s;
  WriteEstate(s);
  s.Write(
      "e.yaml",
      Expect(R"(  - {name: https, from: internet, to: i-1, port: 443, reachable: true, via: [igw-1]}
  - {name: ssh, from: internet, to: eni-1, port: 22, reachable: false}
)"));
  LoadResult loaded = LoadScenarioFiles({s.file("e.yaml")});
  ExpectAllPass(loaded, 2);
}

// In a deployed estate an address no interface holds answers nothing; a design's would.
TEST(SnapshotTest, UnheldAddressOfADeployedSubnetAnswersNothing) {
  SnapshotFolder s;
  WriteEstate(s);
  s.Write("e.yaml",
          Expect(R"(  - {name: unheld, from: i-1, to: 10.0.0.11, protocol: all, reachable: false}
  - {name: held, from: i-1, to: 10.0.0.10, port: 443, reachable: true}
)"));
  LoadResult loaded = LoadScenarioFiles({s.file("e.yaml")});
  ExpectAllPass(loaded, 2);
  // The same address in a design VPC is a host without security groups.
  loaded.model.vpcs[0].deployed = false;
  ForwardingGraph design_graph(loaded.model);
  CheckReport design = RunChecks(loaded.model, design_graph);
  EXPECT_FALSE(design.results[0].passed);
}

TEST(SnapshotTest, StoppedInstanceAndDeletedNatGatewayAreSkippedAndListed) {
  SnapshotFolder s;
  WriteEstate(s, "stopped");
  s.Write("aws_configs/NatGateways.json", R"({"NatGateways": [{"NatGatewayId": "nat-1",
  "SubnetId": "subnet-1", "VpcId": "vpc-1", "State": "deleted"}]})");
  LoadResult loaded = LoadScenarioFiles({s.path()});
  ASSERT_TRUE(loaded.ok()) << loaded.diagnostics.Format();
  EXPECT_TRUE(loaded.model.enis.empty());
  EXPECT_TRUE(loaded.model.nat_gateways.empty());
  std::vector<std::string> skipped;
  for (const IgnoredResource& r : loaded.model.ignored_resources) {
    skipped.push_back(r.id + ": " + r.reason);
  }
  EXPECT_EQ(skipped, (std::vector<std::string>{"nat-1: state deleted: AWS routes around it",
                                               "i-1: state stopped: AWS routes around it"}));
}

TEST(SnapshotTest, Ipv6IsAWarningThatVoidsProofs) {
  SnapshotFolder s;
  WriteEstate(s);
  s.Write("aws_configs/Vpcs.json", R"({"Vpcs": [{"VpcId": "vpc-1", "CidrBlock": "10.0.0.0/16",
  "State": "available", "Ipv6CidrBlockAssociationSet": [{"Ipv6CidrBlock": "2600:1f18::/56",
  "Ipv6CidrBlockState": {"State": "associated"}}]}]})");
  LoadResult loaded = LoadScenarioFiles({s.path()});
  ASSERT_TRUE(loaded.ok()) << loaded.diagnostics.Format();
  ASSERT_EQ(loaded.model.ignored_resources.size(), 1u);
  const IgnoredResource& r = loaded.model.ignored_resources[0];
  EXPECT_EQ(r.Warning(),
            "vpc-1 2600:1f18::/56 (IPv6 CIDR block) is not modelled (IPv6 is not modelled yet: "
            "answers cover IPv4 traffic only): what it reaches and what reaches it is not "
            "checked");
  EXPECT_TRUE(r.unfollowed);
  EXPECT_EQ(loaded.model.Unfollowed(), std::vector<std::string>{"vpc-1 2600:1f18::/56"});
}

TEST(SnapshotTest, UnknownTopLevelKeyIsAWarning) {
  SnapshotFolder s;
  WriteEstate(s);
  s.Write("aws_configs/Buckets.json", "{\"Buckets\": []}\n");
  LoadResult loaded = LoadScenarioFiles({s.path()});
  ASSERT_TRUE(loaded.ok()) << loaded.diagnostics.Format();
  EXPECT_EQ(loaded.diagnostics.Format(),
            s.file("aws_configs/Buckets.json") +
                ":1:2: warning: Buckets: unknown describe output 'Buckets': this file is "
                "skipped; vpcreach reads the outputs of the EC2 network describes (Vpcs, "
                "Subnets, RouteTables, SecurityGroups, NetworkAcls, NetworkInterfaces, "
                "Reservations, ...)\n"
                "    {\"Buckets\": []}\n"
                "     ^\n");
}

TEST(SnapshotTest, TruncatedJsonIsALocatedErrorAndNothingLoads) {
  SnapshotFolder s;
  WriteEstate(s);
  s.Write("aws_configs/Subnets.json", "{\"Subnets\": [{\"SubnetId\": \"subnet-1\",\n");
  LoadResult loaded = LoadScenarioFiles({s.path()});
  ASSERT_FALSE(loaded.ok());
  EXPECT_TRUE(loaded.model.vpcs.empty());
  EXPECT_EQ(loaded.diagnostics.Format(),
            s.file("aws_configs/Subnets.json") +
                ":2:1: invalid JSON: did not find expected node content while parsing a flow "
                "node; the file is not complete JSON (a cut-off download?): collect it again "
                "with its `aws ec2 describe-...` command\n");
}

TEST(SnapshotTest, MissingVpcIdIsALocatedError) {
  SnapshotFolder s;
  WriteEstate(s);
  s.Write("aws_configs/Subnets.json", R"({"Subnets": [{"SubnetId": "subnet-1",
  "CidrBlock": "10.0.0.0/24", "AvailabilityZone": "eu-west-1a", "State": "available"}]})");
  LoadResult loaded = LoadScenarioFiles({s.path()});
  ASSERT_FALSE(loaded.ok());
  EXPECT_TRUE(loaded.model.subnets.empty());
  // Only the cause: the interface in that subnet is not also reported.
  EXPECT_EQ(loaded.diagnostics.Format(),
            s.file("aws_configs/Subnets.json") +
                ":1:14: Subnets[0]: missing VpcId; `aws ec2 describe-subnets` prints it for "
                "every element: add it, or collect this file again with that command\n"
                "    {\"Subnets\": [{\"SubnetId\": \"subnet-1\",\n"
                "                 ^\n");
}

TEST(SnapshotTest, FolderWithoutJsonIsAnError) {
  SnapshotFolder s;
  s.Write("notes.txt", "nothing here\n");
  LoadResult loaded = LoadScenarioFiles({s.path()});
  ASSERT_FALSE(loaded.ok());
  EXPECT_EQ(loaded.diagnostics.Format(),
            s.path() +
                ": cannot read file: a folder without describe-* JSON files (nor in its "
                "aws_configs/, accounts/<id>/ or <region>/ folders); collect a snapshot with "
                "scripts/collect-snapshot.sh\n");
  s.Write("e.yaml", "vpcreach: 1\nimport:\n  - aws_snapshot: .\n");
  LoadResult imported = LoadScenarioFiles({s.file("e.yaml")});
  ASSERT_FALSE(imported.ok());
  EXPECT_EQ(imported.diagnostics.Format(),
            s.file("e.yaml") + ":3:19: import[0].aws_snapshot: no describe-* JSON file in " +
                s.path() +
                "/ (nor in its aws_configs/, accounts/<id>/ or <region>/ folders); collect one "
                "with scripts/collect-snapshot.sh\n"
                "      - aws_snapshot: .\n"
                "                      ^\n");
}

// SageMaker's describes print one object each; the notebook takes over the interface SageMaker
// made for it (and its address), a stopped training job is skipped.
TEST(SnapshotTest, SageMakerNotebookAndTrainingJobFromTheirDescribes) {
  SnapshotFolder s;
  WriteEstate(s);
  s.Write("aws_configs/notebook.json", R"({"NotebookInstanceArn": "arn:aws:sagemaker:x",
  "NotebookInstanceName": "lab", "NotebookInstanceStatus": "InService", "SubnetId": "subnet-1",
  "SecurityGroups": ["sg-1"], "NetworkInterfaceId": "eni-nb", "DirectInternetAccess": "Disabled",
  "RootAccess": "Disabled"})");
  s.Write("aws_configs/job.json", R"({"TrainingJobArn": "arn:aws:sagemaker:y",
  "TrainingJobName": "train", "TrainingJobStatus": "Completed",
  "VpcConfig": {"SecurityGroupIds": ["sg-1"], "Subnets": ["subnet-1"]}})");
  s.Write("aws_configs/NetworkInterfaces.json", R"({"NetworkInterfaces": [{
  "NetworkInterfaceId": "eni-nb", "SubnetId": "subnet-1", "VpcId": "vpc-1", "Status": "in-use",
  "InterfaceType": "interface", "PrivateIpAddress": "10.0.0.77", "Groups": [{"GroupId": "sg-1"}]},
  {"NetworkInterfaceId": "eni-1", "SubnetId": "subnet-1", "VpcId": "vpc-1", "Status": "in-use",
  "InterfaceType": "interface", "PrivateIpAddress": "10.0.0.10", "Groups": [{"GroupId": "sg-1"}]}]})");
  LoadResult loaded = LoadScenarioFiles({s.path()});
  ASSERT_TRUE(loaded.ok()) << loaded.diagnostics.Format();
  const Model& m = loaded.model;
  ASSERT_EQ(m.notebooks.size(), 1u);
  EXPECT_EQ(m.notebooks[0].id, "lab");
  EXPECT_FALSE(m.notebooks[0].direct_internet_access);
  EXPECT_EQ(FormatIpv4(m.enis[m.notebooks[0].eni].private_ip), "10.0.0.77");
  EXPECT_TRUE(m.training_jobs.empty());
  std::vector<std::string> enis;
  for (const Eni& e : m.enis) enis.push_back(e.id);
  EXPECT_EQ(enis, (std::vector<std::string>{"eni-1", "lab"}));
  ASSERT_EQ(m.ignored_resources.size(), 1u);
  EXPECT_EQ(m.ignored_resources[0].id + ": " + m.ignored_resources[0].reason,
            "train: state Completed: AWS routes around it");
}

// The command line takes the folder as FILE: exit 0 when delivered, 2 (nothing run) on bad input.
TEST(SnapshotCliTest, TraceFromAnInstanceOfAFolderAndExitTwoOnBrokenJson) {
  SnapshotFolder s;
  WriteEstate(s);
  std::ostringstream out;
  std::ostringstream err;
  EXPECT_EQ(
      RunCli({"trace", s.path(), "--from", "i-1", "--to", "internet", "--port", "443"}, out, err),
      0)
      << err.str();
  EXPECT_NE(out.str().find("igw-1"), std::string::npos) << out.str();
  EXPECT_EQ(err.str(), "");
  s.Write("aws_configs/Vpcs.json", "{\"Vpcs\": [");
  std::ostringstream out2;
  std::ostringstream err2;
  EXPECT_EQ(RunCli({"validate", s.path()}, out2, err2), 2);
  EXPECT_EQ(out2.str(), "");
  EXPECT_EQ(err2.str(), s.file("aws_configs/Vpcs.json") +
                            ":1:11: invalid JSON: did not find expected node content while "
                            "parsing a flow node; the file is not complete JSON (a cut-off "
                            "download?): collect it again with its `aws ec2 describe-...` "
                            "command\n"
                            "    {\"Vpcs\": [\n"
                            "              ^\n");
}

}  // namespace
}  // namespace vpcreach
