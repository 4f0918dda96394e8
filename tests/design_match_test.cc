// Design against deployed (`vpcreach diff DESIGN --against SNAPSHOT [--map FILE]`):
// tests/fixtures/design/ holds a snapshot of a small account (snapshot/) and two designs of the
// same network (design.yaml, native, with map.yaml; cfn-design.yaml, a CloudFormation stack, with
// the stack's describe-stack-resources output), each with one difference from the account: the
// account's sg-0db admits PostgreSQL from the whole public subnet, the design from the web
// server only. public-subnet-design.yaml is the design of Batfish's public-subnet snapshot
// (../shared), by AWS ids.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "model/id_map.h"
#include "sim/cli/commands.h"

namespace vpcreach {
namespace {

namespace fs = std::filesystem;

const std::string kDir = VPCREACH_SOURCE_DIR "/tests/fixtures/design/";
const std::string kShared =
    VPCREACH_SOURCE_DIR "/../shared/fixtures/aws-snapshots/test-public-subnet";

struct CliRun {
  int exit = -1;
  std::string out;
  std::string err;
};

CliRun RunVpcreach(const std::vector<std::string>& args) {
  std::ostringstream out;
  std::ostringstream err;
  CliRun r;
  r.exit = RunCli(args, out, err);
  r.out = out.str();
  r.err = err.str();
  return r;
}

// The report without its examples and traces: the summary, each change's headline, and the
// components changed.
std::string Headlines(const std::string& text) {
  std::istringstream in(text);
  std::string out;
  for (std::string line; std::getline(in, line);) {
    bool detail = false;
    for (const char* prefix : {"  example:", "  before:", "  after:", "  requests:", "    "}) {
      detail |= line.rfind(prefix, 0) == 0;
    }
    if (!detail) out += line + "\n";
  }
  return out;
}

// The map's errors, formatted.
std::string MapErrors(const std::string& text) {
  Diagnostics d;
  EXPECT_FALSE(ParseIdMap("map.yaml", text, &d).has_value());
  return d.Format();
}

// A temporary folder, removed at the end of the test.
class TempDir {
 public:
  TempDir() {
    path_ =
        fs::temp_directory_path() /
        ("vpcreach-design-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
         "-" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  ~TempDir() { fs::remove_all(path_); }
  std::string Write(const std::string& name, const std::string& text) {
    std::ofstream(path_ / name) << text;
    return (path_ / name).string();
  }

 private:
  fs::path path_;
};

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

TEST(DesignMatchTest, NativeDesignWithMapReportsTheWidenedRuleInDesignNames) {
  CliRun r = RunVpcreach(
      {"diff", kDir + "design.yaml", "--against", kDir + "snapshot", "--map", kDir + "map.yaml"});
  EXPECT_EQ(r.exit, 1) << r.err;
  EXPECT_EQ(r.err,
            "vpcreach: note: design against deployed: 5 components matched by id, 8 by the map, 3 "
            "interfaces by their owner, 3 VPC defaults by their VPC; the rest are compared as "
            "added or removed\n");
  EXPECT_EQ(
      Headlines(r.out),
      "diff " + kDir + "design.yaml -> " + kDir +
          "snapshot: 1 flow opened, 0 closed (7 "
          "sources compared)\n"
          "opened: bastion -> db tcp 5432 (sg sg-0db: ingress rule tcp 5432 10.0.0.10/32 "
          "changed to tcp 5432 10.0.0.0/24)\n"
          "components changed:\n"
          "  sg sg-0db: ingress rule tcp 5432 10.0.0.10/32 changed to tcp 5432 10.0.0.0/24  (" +
          kDir + "snapshot/aws_configs/SecurityGroups.json:7)\n");
  // The example, and the request space: exactly PostgreSQL from the bastion to the database.
  EXPECT_NE(r.out.find("  example: tcp 10.0.0.20:40000 -> 10.0.1.30:5432\n"), std::string::npos);
  EXPECT_NE(r.out.find("\n  requests: 65536\n    tcp dst-port 5432 to 10.0.1.30 src-port "
                       "0-65535\n"),
            std::string::npos);
}

TEST(DesignMatchTest, CloudFormationDesignWithTheStacksDescribeStackResources) {
  CliRun r = RunVpcreach({"diff", kDir + "cfn-design.yaml", "--against", kDir + "snapshot", "--map",
                          kDir + "stack-resources.json"});
  EXPECT_EQ(r.exit, 1) << r.err;
  EXPECT_EQ(Headlines(r.out),
            "diff " + kDir + "cfn-design.yaml -> " + kDir +
                "snapshot: 1 flow opened, 0 closed (7 sources compared)\n"
                "opened: lab/Bastion -> lab/Db tcp 5432 (sg lab/DbSg: ingress rule tcp 5432 "
                "10.0.0.10/32 changed to tcp 5432 10.0.0.0/24)\n"
                "components changed:\n"
                "  sg lab/DbSg: ingress rule tcp 5432 10.0.0.10/32 changed to tcp 5432 "
                "10.0.0.0/24  (" +
                kDir + "snapshot/aws_configs/SecurityGroups.json:7)\n");
}

// The opposite: the same design with the account's rule reports nothing, so the change above is
// the rule's and only the rule's.
TEST(DesignMatchTest, DesignThatMatchesTheAccountReportsNoFlow) {
  TempDir dir;
  std::string text = ReadFile(kDir + "design.yaml");
  size_t at = text.find("cidr: 10.0.0.10/32");
  ASSERT_NE(at, std::string::npos);
  text.replace(at, 18, "cidr: 10.0.0.0/24");
  std::string design = dir.Write("design.yaml", text);
  CliRun r = RunVpcreach(
      {"diff", design, "--against", kDir + "snapshot", "--map", kDir + "map.yaml", "--quiet"});
  EXPECT_EQ(r.exit, 0) << r.err << r.out;
  EXPECT_EQ(Headlines(r.out), "diff " + design + " -> " + kDir +
                                  "snapshot: no flow opened or closed (7 sources compared)\n");
}

// Batfish's public-subnet snapshot against its design by AWS ids: no map.
TEST(DesignMatchTest, DesignByAwsIdsAgainstASharedSnapshot) {
  if (!fs::is_directory(kShared)) GTEST_SKIP() << kShared << " is absent";
  CliRun r = RunVpcreach({"diff", kDir + "public-subnet-design.yaml", "--against", kShared});
  EXPECT_EQ(r.exit, 1) << r.err;
  // Every outside source and the instance itself (through its public address) now reach SSH;
  // the account's default group, which the design leaves to AWS, is the only other change.
  const std::string kWidened =
      " tcp 22 (sg sg-09ccba6656672061b: ingress rule tcp 22 203.0.113.0/24 changed to tcp 22 "
      "0.0.0.0/0)\n";
  const std::string shared = fs::canonical(kShared).string();
  EXPECT_EQ(Headlines(r.out),
            "diff " + kDir + "public-subnet-design.yaml -> " + kShared +
                ": 5 flows opened, 0 closed (5 sources compared)\n"
                "opened: dynamodb -> i-06669a407b2ef3ae5" +
                kWidened + "opened: i-06669a407b2ef3ae5 -> i-06669a407b2ef3ae5" + kWidened +
                "opened: internet -> i-06669a407b2ef3ae5" + kWidened +
                "opened: pypi -> i-06669a407b2ef3ae5" + kWidened +
                "opened: s3 -> i-06669a407b2ef3ae5" + kWidened +
                "components changed:\n"
                "  sg sg-09ccba6656672061b: ingress rule tcp 22 203.0.113.0/24 changed to tcp 22 "
                "0.0.0.0/0  (" +
                shared +
                "/aws_configs/SecurityGroups.json:44)\n"
                "  sg sg-038ae1875ef3e82ec: added  (" +
                shared + "/aws_configs/SecurityGroups.json:5)\n");
}

TEST(DesignMatchTest, MapEntryNamingNoComponentOfTheDesignIsALocatedError) {
  TempDir dir;
  std::string map = dir.Write("map.yaml", "web: i-0web\ndbb: i-0db\n");
  CliRun r =
      RunVpcreach({"diff", kDir + "design.yaml", "--against", kDir + "snapshot", "--map", map});
  EXPECT_EQ(r.exit, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err, map +
                       ":2:1: dbb: dbb is not a component of the design; did you mean 'db'? "
                       "(`vpcreach names` lists the design's endpoints)\n"
                       "    dbb: i-0db\n"
                       "    ^\n");
}

TEST(DesignMatchTest, MapWithoutADeployedSideIsAUsageError) {
  CliRun r = RunVpcreach({"diff", kDir + "design.yaml", "--against", kDir + "design.yaml", "--map",
                          kDir + "map.yaml"});
  EXPECT_EQ(r.exit, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err,
            "vpcreach: --map: neither side of the diff is a deployed estate; the map names the "
            "AWS resources of the one side that is (a snapshot folder), to compare a design "
            "with it\n");
}

TEST(IdMapTest, ReadsNativeMapsAndStackResources) {
  Diagnostics d;
  std::optional<IdMap> native = ParseIdMap("map.yaml", "web: i-0web\nlab/Db: i-0db\n", &d);
  ASSERT_TRUE(native) << d.Format();
  ASSERT_EQ(native->entries.size(), 2u);
  EXPECT_EQ(native->entries[1].design_name, "lab/Db");
  EXPECT_EQ(native->entries[1].aws_id, "i-0db");
  EXPECT_FALSE(native->entries[1].from_stack);
  std::optional<IdMap> stack = ParseIdMap("s.json", R"({"StackResources": [
    {"StackName": "lab", "LogicalResourceId": "Vpc", "PhysicalResourceId": "vpc-1"},
    {"StackName": "lab", "LogicalResourceId": "Pending", "ResourceStatus": "CREATE_IN_PROGRESS"}]})",
                                          &d);
  ASSERT_TRUE(stack) << d.Format();
  ASSERT_EQ(stack->entries.size(), 1u);  // no physical id yet: nothing to match
  EXPECT_EQ(stack->entries[0].design_name, "lab/Vpc");
  EXPECT_EQ(stack->entries[0].aws_id, "vpc-1");
  EXPECT_TRUE(stack->entries[0].from_stack);
}

TEST(IdMapTest, BadMapsAreLocatedErrors) {
  EXPECT_EQ(MapErrors("- web\n- db\n"),
            "map.yaml:1:1: expected a mapping of design names to AWS ids (`web: i-0abc`, one per "
            "line), or the JSON `aws cloudformation describe-stack-resources --stack-name STACK "
            "--output json` prints\n"
            "    - web\n"
            "    ^\n");
  EXPECT_EQ(MapErrors("web: {id: i-1}\n"),
            "map.yaml:1:6: web: expected the AWS id of web (such as i-0abc or sg-0abc), got a "
            "mapping\n"
            "    web: {id: i-1}\n"
            "         ^\n");
  EXPECT_EQ(MapErrors("web:\n"),
            "map.yaml:1:1: web: expected the AWS id of web (such as i-0abc or sg-0abc), got "
            "nothing\n"
            "    web:\n"
            "    ^\n");
  EXPECT_EQ(MapErrors("web: i-1\nweb: i-2\n"),
            "map.yaml:2:1: web: web is mapped twice (first at line 1); keep one of them\n"
            "    web: i-2\n"
            "    ^\n");
  EXPECT_EQ(MapErrors("web: i-1\ndb: i-1\n"),
            "map.yaml:2:1: db: i-1 is already the AWS id of web; one AWS resource is one "
            "component of the design: map it once\n"
            "    db: i-1\n"
            "    ^\n");
  EXPECT_EQ(MapErrors(R"({"StackResources": [{"StackName": "lab", "PhysicalResourceId": "v"}]})"),
            "map.yaml:1:21: StackResources[0]: missing LogicalResourceId; `aws cloudformation "
            "describe-stack-resources --stack-name STACK --output json` prints it for every "
            "resource: collect the file again with that command\n"
            "    {\"StackResources\": [{\"StackName\": \"lab\", \"PhysicalResourceId\": \"v\"}]}\n"
            "                        ^\n");
  EXPECT_EQ(MapErrors("{\"StackResources\": ["),
            "map.yaml:1:21: invalid JSON: did not find expected node content while parsing a "
            "flow node; the map is not complete JSON (a cut-off download?)\n"
            "    {\"StackResources\": [\n"
            "                        ^\n");
}

}  // namespace
}  // namespace vpcreach
