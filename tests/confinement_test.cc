// Reads stay inside the scenario's tree (model/confinement.h; contract.md "Additions"): a file a
// scenario names outside the folder of the first FILE (absolute, through `..`, through a link) is
// refused at the scenario's key, never opened, so no message quotes it; --allow-outside reads it.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "model/scenario_loader.h"
#include "sim/cli/commands.h"

namespace vpcreach {
namespace {

namespace fs = std::filesystem;

// A file no scenario may quote: were it read, its YAML error would echo this line.
const char kSecret[] = "aws_secret_access_key: SECRET-1234: x\n";

const char kTemplate[] = R"(Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties: {CidrBlock: 10.0.0.0/16}
)";

// DIR/secret.yaml, DIR/ok.yaml and DIR/snap/ outside the tree DIR/a/tree, where s.yaml is.
class ConfinementTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (fs::temp_directory_path() / "vpcreach-confine-XXXXXX");
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    dir_ = fs::canonical(pattern);
    fs::create_directories(dir_ / "a/tree");
    fs::create_directories(dir_ / "snap");
    Write("secret.yaml", kSecret);
    Write("ok.yaml", kTemplate);
    Write("snap/Vpcs.json", "{\"Vpcs\": [SECRET-1234\n");
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string Write(const std::string& name, const std::string& text) {
    std::ofstream(dir_ / name) << text;
    return (dir_ / name).string();
  }
  std::string Tree() const { return (dir_ / "a/tree").string(); }
  std::string Scenario() const { return Tree() + "/s.yaml"; }

  LoadResult Load(const std::string& body, bool allow_outside = false) {
    Write("a/tree/s.yaml", "vpcreach: 1\n" + body);
    return LoadScenarioFiles({Scenario()}, {.allow_outside = allow_outside});
  }
  std::string Refused(const std::string& what) const {
    return what + " is outside the scenario's folder " + Tree() +
           "; move it into that folder, or give --allow-outside to read files outside it";
  }

  fs::path dir_;
};

TEST_F(ConfinementTest, AnAbsoluteTemplatePathIsRefusedUnread) {
  LoadResult r = Load("stacks: [{name: net, template: /etc/passwd}]\n");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.diagnostics.Format(),
            Scenario() + ":2:32: stacks[0].template: " + Refused("template /etc/passwd") +
                "\n    stacks: [{name: net, template: /etc/passwd}]\n"
                "                                   ^\n");
}

TEST_F(ConfinementTest, APathThroughDotDotOutOfTheTreeIsRefusedUnread) {
  LoadResult r = Load("stacks:\n  - {name: net, template: ../../secret.yaml}\n");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.diagnostics.Format(), Scenario() + ":3:27: stacks[0].template: " +
                                        Refused("template " + (dir_ / "secret.yaml").string()) +
                                        "\n      - {name: net, template: ../../secret.yaml}\n"
                                        "                              ^\n");
}

TEST_F(ConfinementTest, ALinkInsideTheTreeLeadingOutIsRefusedUnread) {
  fs::create_symlink(dir_ / "secret.yaml", dir_ / "a/tree/link.yaml");
  LoadResult r = Load("stacks:\n  - {name: net, template: link.yaml}\n");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.diagnostics.Format(), Scenario() + ":3:27: stacks[0].template: " +
                                        Refused("template " + Tree() + "/link.yaml, which is " +
                                                (dir_ / "secret.yaml").string() + ",") +
                                        "\n      - {name: net, template: link.yaml}\n"
                                        "                              ^\n");
}

TEST_F(ConfinementTest, ASnapshotFolderOutsideIsRefusedUnread) {
  LoadResult r = Load("import:\n  - aws_snapshot: ../../snap\n");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.diagnostics.Format(), Scenario() + ":3:19: import[0].aws_snapshot: " +
                                        Refused("snapshot folder " + (dir_ / "snap").string()) +
                                        "\n      - aws_snapshot: ../../snap\n"
                                        "                      ^\n");
}

// The folder is inside; one of its JSON files is a link out of the tree.
TEST_F(ConfinementTest, ASnapshotFileLinkedOutOfTheTreeIsRefusedUnread) {
  fs::create_directories(dir_ / "a/tree/snap");
  fs::create_symlink(dir_ / "snap/Vpcs.json", dir_ / "a/tree/snap/Vpcs.json");
  LoadResult r = Load("import:\n  - aws_snapshot: snap\n");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.diagnostics.Format(),
            Scenario() + ":3:19: import[0].aws_snapshot: " +
                Refused("snapshot file " + Tree() + "/snap/Vpcs.json, which is " +
                        (dir_ / "snap/Vpcs.json").string() + ",") +
                "\n      - aws_snapshot: snap\n"
                "                      ^\n");
}

TEST_F(ConfinementTest, ATerraformDocumentOutsideIsRefusedUnread) {
  LoadResult r = Load("import:\n  - terraform: /etc/passwd\n");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.diagnostics.Format(), Scenario() + ":3:16: import[0].terraform: " +
                                        Refused("Terraform document /etc/passwd") +
                                        "\n      - terraform: /etc/passwd\n"
                                        "                   ^\n");
}

// A template inside the tree whose nested stack leaves it: located at the TemplateURL.
TEST_F(ConfinementTest, ANestedStackTemplateOutsideIsRefusedUnread) {
  Write("a/tree/t.yaml", R"(Resources:
  Child:
    Type: AWS::CloudFormation::Stack
    Properties: {TemplateURL: ../../secret.yaml}
)");
  LoadResult r = Load("stacks: [{name: net, template: t.yaml}]\n");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.diagnostics.Format(),
            Tree() + "/t.yaml:4:31: Resources.Child.Properties.TemplateURL: " +
                Refused("nested stack template " + (dir_ / "secret.yaml").string()) +
                "\n        Properties: {TemplateURL: ../../secret.yaml}\n"
                "                                  ^\n");
}

// --allow-outside: the user's choice. The same files are read: the secret's YAML error is quoted
// (which shows that the refusals above are what kept it out), a good template deploys.
TEST_F(ConfinementTest, AllowOutsideReadsTheSameFiles) {
  LoadResult bad = Load("stacks:\n  - {name: net, template: ../../secret.yaml}\n", true);
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.diagnostics.Format().find("SECRET-1234"), std::string::npos)
      << bad.diagnostics.Format();
  EXPECT_EQ(bad.diagnostics.Format().find("outside"), std::string::npos);

  LoadResult good = Load("stacks:\n  - {name: net, template: ../../ok.yaml}\n", true);
  ASSERT_TRUE(good.ok()) << good.diagnostics.Format();
  ASSERT_EQ(good.model.vpcs.size(), 1u);
  EXPECT_EQ(good.model.vpcs[0].id, "net/Vpc");
  EXPECT_EQ(good.model.vpcs[0].location.file, (dir_ / "ok.yaml").string());

  fs::create_symlink(dir_ / "ok.yaml", dir_ / "a/tree/link.yaml");
  LoadResult linked = Load("stacks:\n  - {name: net, template: link.yaml}\n", true);
  ASSERT_TRUE(linked.ok()) << linked.diagnostics.Format();
  EXPECT_EQ(linked.model.vpcs.size(), 1u);
}

// Inside the tree, subfolders and `..` that stays in it are fine; the tree is the first FILE's
// folder only: a second FILE elsewhere is read (the user named it), not what it names.
TEST_F(ConfinementTest, InsideTheTreeIsReadAndTheFirstFileDecides) {
  fs::create_directories(dir_ / "a/tree/templates");
  Write("a/tree/templates/vpc.yaml", kTemplate);
  LoadResult r = Load("stacks:\n  - {name: net, template: templates/../templates/vpc.yaml}\n");
  ASSERT_TRUE(r.ok()) << r.diagnostics.Format();
  EXPECT_EQ(r.model.vpcs.size(), 1u);

  std::string other = Write("other.yaml", "vpcreach: 1\nstacks: [{name: b, template: ok.yaml}]\n");
  LoadResult two = LoadScenarioFiles({Scenario(), other});
  ASSERT_FALSE(two.ok());
  EXPECT_EQ(
      Diagnostics::Headline(two.diagnostics.Items().at(0)),
      other + ":2:30: stacks[0].template: " + Refused("template " + (dir_ / "ok.yaml").string()));
}

// --- Size bounds: each a located error naming the flag that raises it --------------------

TEST_F(ConfinementTest, AFileLargerThanTheLimitIsNotRead) {
  Write("a/tree/t.yaml", kTemplate);
  Write("a/tree/s.yaml", "vpcreach: 1\nstacks:\n  - {name: net, template: t.yaml}\n");
  LoadOptions small{.limits = {.max_file_bytes = 80}};
  LoadResult r = LoadScenarioFiles({Scenario()}, small);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(Diagnostics::Headline(r.diagnostics.Items().at(0)),
            Scenario() + ":3:27: stacks[0].template: template " + Tree() +
                "/t.yaml: the file is 83 bytes, more than the limit of 80; give --max-file-size "
                "BYTES to raise it");
  // The FILE itself is bounded too.
  LoadOptions tiny{.limits = {.max_file_bytes = 20}};
  LoadResult input = LoadScenarioFiles({Scenario()}, tiny);
  EXPECT_EQ(Diagnostics::Headline(input.diagnostics.Items().at(0)),
            Scenario() +
                ": cannot read file: the file is 54 bytes, more than the limit of 20; give "
                "--max-file-size BYTES to raise it");
  // At the limit: read.
  LoadOptions exact{.limits = {.max_file_bytes = 83}};
  EXPECT_TRUE(LoadScenarioFiles({Scenario()}, exact).ok());
}

TEST_F(ConfinementTest, MoreStacksThanTheLimitAreRefusedBeforeAnyIsRead) {
  Write("a/tree/t.yaml", kTemplate);
  Write("a/tree/s.yaml",
        "vpcreach: 1\nstacks:\n  - {name: one, template: t.yaml}\n  - {name: two, template: "
        "t.yaml}\n  - {name: three, template: t.yaml}\n");
  LoadResult r = LoadScenarioFiles({Scenario()}, {.limits = {.max_stacks = 1}});
  ASSERT_FALSE(r.ok());
  ASSERT_EQ(r.diagnostics.Items().size(), 1u) << r.diagnostics.Format();
  EXPECT_EQ(Diagnostics::Headline(r.diagnostics.Items()[0]),
            Scenario() +
                ":4:5: stacks[1]: more than 1 stacks; give --max-stacks N to raise the "
                "limit");
  EXPECT_TRUE(LoadScenarioFiles({Scenario()}, {.limits = {.max_stacks = 3}}).ok());
}

TEST_F(ConfinementTest, NestedStacksDeeperThanTheLimitAreRefused) {
  Write("a/tree/inner.yaml", kTemplate);
  Write("a/tree/outer.yaml", R"(Resources:
  Inner:
    Type: AWS::CloudFormation::Stack
    Properties: {TemplateURL: inner.yaml}
)");
  Write("a/tree/s.yaml", "vpcreach: 1\nstacks: [{name: net, template: outer.yaml}]\n");
  LoadResult r = LoadScenarioFiles({Scenario()}, {.limits = {.max_nested_stack_depth = 0}});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(Diagnostics::Headline(r.diagnostics.Items().at(0)),
            Tree() +
                "/outer.yaml:4:31: Resources.Inner.Properties.TemplateURL: nested stacks go "
                "deeper than 0 levels; does a template include itself? If not, give "
                "--max-nested-stack-depth N to raise the limit");
  LoadResult one = LoadScenarioFiles({Scenario()}, {.limits = {.max_nested_stack_depth = 1}});
  ASSERT_TRUE(one.ok()) << one.diagnostics.Format();
  EXPECT_EQ(one.model.vpcs.size(), 1u);
}

TEST_F(ConfinementTest, TheLimitsAreFlags) {
  Write("a/tree/t.yaml", kTemplate);
  Write("a/tree/s.yaml", "vpcreach: 1\nstacks:\n  - {name: one, template: t.yaml}\n");
  std::ostringstream out, err;
  EXPECT_EQ(RunCli({"validate", Scenario(), "--max-file-size", "80"}, out, err), 2);
  EXPECT_NE(err.str().find("the file is 83 bytes, more than the limit of 80; give "
                           "--max-file-size BYTES to raise it"),
            std::string::npos)
      << err.str();
  std::ostringstream out2, err2;
  EXPECT_EQ(RunCli({"validate", Scenario(), "--max-stacks", "0"}, out2, err2), 2);
  EXPECT_NE(err2.str().find("more than 0 stacks; give --max-stacks N"), std::string::npos)
      << err2.str();
  std::ostringstream out3, err3;
  EXPECT_EQ(RunCli({"validate", Scenario(), "--max-stacks", "1", "--max-file-size", "88",
                    "--max-nested-stack-depth", "0"},
                   out3, err3),
            0)
      << err3.str();
}

// The command line: exit 2, the message on stderr, nothing of the file; --allow-outside on every
// command that loads a model.
TEST_F(ConfinementTest, TheCommandLineRefusesAndAllowOutsideReads) {
  Write("a/tree/s.yaml", "vpcreach: 1\nstacks:\n  - {name: net, template: ../../ok.yaml}\n");
  std::ostringstream out, err;
  EXPECT_EQ(RunCli({"validate", Scenario()}, out, err), 2);
  EXPECT_EQ(err.str(), Scenario() + ":3:27: stacks[0].template: " +
                           Refused("template " + (dir_ / "ok.yaml").string()) +
                           "\n      - {name: net, template: ../../ok.yaml}\n"
                           "                              ^\n");
  for (const char* command : {"validate", "check", "names", "matrix"}) {
    std::ostringstream o, e;
    EXPECT_EQ(RunCli({command, Scenario(), "--allow-outside", "-q"}, o, e), 0)
        << command << ": " << e.str();
  }
  std::ostringstream o, e;
  EXPECT_EQ(RunCli({"diff", Scenario(), "--against", Scenario(), "--allow-outside"}, o, e), 0)
      << e.str();
}

}  // namespace
}  // namespace vpcreach
