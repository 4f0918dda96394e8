// The CI renderers (sim/report/ci_report.h) on hand-built items: exact SARIF and JUnit, URIs,
// escaping, codeFlows, --fail-on; and `check`'s items (CheckToCiItems) on a small scenario.
// That vpcreach's SARIF passes the official 2.1.0 schema is checked by the CTest test
// `sarif_schema` (tests/sarif/validate_sarif.sh).
#include "sim/report/ci_report.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "sim/cli/commands.h"
#include "sim/query/check.h"
#include "sim/report/check_report.h"
#include "tests/test_util.h"

namespace vpcreach {
namespace {

using Json = nlohmann::ordered_json;

CiRule ExampleRule() {
  return CiRule{
      "VPCR001",        "NotebookRootAccess",         "Root access is enabled on a notebook.",
      "A paragraph.",   "Set root_access: disabled.", "https://example.com/VPCR001",
      CiLevel::kWarning};
}

CiItem Failing(std::string name, SourceLocation location) {
  CiItem item;
  item.rule_id = "VPCR001";
  item.name = std::move(name);
  item.message = "root access on <notebook> & \"x\"";
  item.explanation = "line 1\nline 2 <b>";
  item.location = std::move(location);
  return item;
}

TEST(SarifTest, IsExactWithRulesRelativeUrisAndCodeFlows) {
  CiItem passing;
  passing.rule_id = "VPCR001";
  passing.name = "quiet";
  passing.passed = true;
  CiItem with_path = Failing("nb", SourceLocation{"/repo/scenarios/my lab.yaml", 12, 5});
  with_path.level = CiLevel::kWarning;
  with_path.path = {CiStep{"sg pip: egress tcp 443", {"/repo/templates/sg.yaml", 40, 0}},
                    CiStep{"pypi (151.101.0.1): delivered", {}}};
  CiItem outside = Failing("out", SourceLocation{"/elsewhere/x#1.yaml", 0, 0});
  outside.rule_id = "unknown-rule";

  Json sarif = ToSarif(CiTool{"vpcreach", "0.1.0", "https://example.com/vpcreach"}, {ExampleRule()},
                       {passing, with_path, outside}, "/repo/");
  Json expected = Json::parse(R"json({
  "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
  "version": "2.1.0",
  "runs": [{
    "tool": {"driver": {
      "name": "vpcreach", "version": "0.1.0", "informationUri": "https://example.com/vpcreach",
      "rules": [{
        "id": "VPCR001", "name": "NotebookRootAccess",
        "shortDescription": {"text": "Root access is enabled on a notebook."},
        "fullDescription": {"text": "A paragraph."},
        "helpUri": "https://example.com/VPCR001",
        "help": {"text": "Set root_access: disabled.",
                 "markdown": "Set root_access: disabled.\n\n[More about VPCR001](https://example.com/VPCR001)"},
        "defaultConfiguration": {"level": "warning"}}]}},
    "originalUriBaseIds": {"SRCROOT": {"uri": "file:///repo/"}},
    "results": [
      {"ruleId": "VPCR001", "ruleIndex": 0, "level": "warning",
       "message": {"text": "root access on <notebook> & \"x\""},
       "locations": [{"physicalLocation": {
         "artifactLocation": {"uri": "scenarios/my%20lab.yaml", "uriBaseId": "SRCROOT"},
         "region": {"startLine": 12, "startColumn": 5}}}],
       "codeFlows": [{"threadFlows": [{"locations": [
         {"location": {
           "physicalLocation": {
             "artifactLocation": {"uri": "templates/sg.yaml", "uriBaseId": "SRCROOT"},
             "region": {"startLine": 40}},
           "message": {"text": "sg pip: egress tcp 443"}}},
         {"location": {"message": {"text": "pypi (151.101.0.1): delivered"}}}]}]}]},
      {"ruleId": "unknown-rule", "level": "error",
       "message": {"text": "root access on <notebook> & \"x\""},
       "locations": [{"physicalLocation": {
         "artifactLocation": {"uri": "file:///elsewhere/x%231.yaml"}}}]}]}]})json");
  EXPECT_EQ(sarif, expected) << sarif.dump(2);
}

TEST(SarifTest, RelativeFilesResolveAgainstTheWorkingDirectoryAndDotsAreNormalized) {
  CiItem item = Failing("a", SourceLocation{"scenarios/../scenarios/lab.yaml", 3, 1});
  Json sarif = ToSarif(CiTool{}, {ExampleRule()}, {item}, "");
  const Json& location = sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"];
  EXPECT_EQ(location["artifactLocation"]["uri"], "scenarios/lab.yaml");
  EXPECT_EQ(location["artifactLocation"]["uriBaseId"], "SRCROOT");
  EXPECT_FALSE(sarif["runs"][0]["tool"]["driver"].contains("version"));
  // A sibling directory that shares the base's prefix is outside it.
  item.location.file = "/repo-other/lab.yaml";
  Json outside = ToSarif(CiTool{}, {}, {item}, "/repo");
  EXPECT_EQ(outside["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
                   ["uri"],
            "file:///repo-other/lab.yaml");
  EXPECT_EQ(outside["runs"][0]["results"][0].contains("ruleIndex"), false);
}

TEST(SarifTest, NoFailingItemsIsAValidEmptyRun) {
  Json sarif = ToSarif(CiTool{}, {ExampleRule()}, {}, "/repo");
  EXPECT_EQ(sarif["runs"][0]["results"], Json::array());
  EXPECT_EQ(sarif["runs"][0]["tool"]["driver"]["rules"].size(), 1u);
}

TEST(JunitTest, IsExactAndEscapesEverything) {
  CiItem passing;
  passing.name = "a 'quoted' <name>";
  passing.passed = true;
  passing.location = {"lab.yaml", 7, 3};
  CiItem failing = Failing("n & m", SourceLocation{"dir/\"odd\".yaml", 12, 1});
  failing.message = "two\nlines";
  CiItem nowhere = Failing("nowhere", {});
  nowhere.level = CiLevel::kWarning;
  nowhere.explanation = std::string("bell\x07", 5) + "]]>";
  EXPECT_EQ(ToJunit("lab & <co>", "vpcreach audit", {passing, failing, nowhere}),
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            "<testsuites name=\"vpcreach audit\" tests=\"3\" failures=\"2\" errors=\"0\">\n"
            "  <testsuite name=\"lab &amp; &lt;co&gt;\" tests=\"3\" failures=\"2\" errors=\"0\" "
            "skipped=\"0\">\n"
            "    <testcase name=\"a &apos;quoted&apos; &lt;name&gt;\" classname=\"vpcreach audit\" "
            "file=\"lab.yaml\" line=\"7\"/>\n"
            "    <testcase name=\"n &amp; m\" classname=\"vpcreach audit\" "
            "file=\"dir/&quot;odd&quot;.yaml\" line=\"12\">\n"
            "      <failure message=\"two&#10;lines\" type=\"error\">line 1\nline 2 &lt;b&gt;"
            "</failure>\n"
            "    </testcase>\n"
            "    <testcase name=\"nowhere\" classname=\"vpcreach audit\">\n"
            "      <failure message=\"root access on &lt;notebook&gt; &amp; &quot;x&quot;\" "
            "type=\"warning\">bell?]]&gt;</failure>\n"
            "    </testcase>\n"
            "  </testsuite>\n"
            "</testsuites>\n");
}

// A note, and a warning under --fail-on error, do not fail the run: in JUnit they are passing
// testcases that say what they found, so that failures="0" exactly when the exit status is 0.
TEST(JunitTest, ItemsThatDoNotFailTheRunArePassingTestcases) {
  CiItem note = Failing("isolation", SourceLocation{"lab.yaml", 77, 5});
  note.level = CiLevel::kNote;
  note.explanation = "network isolation is off";
  CiItem warning = Failing("undecided", {});
  warning.level = CiLevel::kWarning;
  warning.explanation = "budget ran out";
  std::string header =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<testsuites name=\"vpcreach audit\" tests=\"2\" failures=\"#\" errors=\"0\">\n"
      "  <testsuite name=\"lab\" tests=\"2\" failures=\"#\" errors=\"0\" skipped=\"0\">\n"
      "    <testcase name=\"isolation\" classname=\"vpcreach audit\" file=\"lab.yaml\" "
      "line=\"77\">\n"
      "      <system-out>note: network isolation is off</system-out>\n"
      "    </testcase>\n"
      "    <testcase name=\"undecided\" classname=\"vpcreach audit\">\n";
  auto with = [&](char failures) {
    std::string out = header;
    for (char& c : out) {
      if (c == '#') c = failures;
    }
    return out;
  };
  EXPECT_EQ(ToJunit("lab", "vpcreach audit", {note, warning}, FailOn::kError),
            with('0') +
                "      <system-out>warning: budget ran out</system-out>\n"
                "    </testcase>\n"
                "  </testsuite>\n"
                "</testsuites>\n");
  EXPECT_EQ(ToJunit("lab", "vpcreach audit", {note, warning}, FailOn::kWarning),
            with('1') +
                "      <failure message=\"root access on &lt;notebook&gt; &amp; &quot;x&quot;\" "
                "type=\"warning\">budget ran out</failure>\n"
                "    </testcase>\n"
                "  </testsuite>\n"
                "</testsuites>\n");
}

TEST(FailOnTest, ParsesTheFourThresholds) {
  EXPECT_EQ(ParseFailOn("error"), FailOn::kError);
  EXPECT_EQ(ParseFailOn("warning"), FailOn::kWarning);
  EXPECT_EQ(ParseFailOn("never"), FailOn::kNever);
  EXPECT_EQ(ParseFailOn("opened"), FailOn::kOpened);
  EXPECT_EQ(ParseFailOn("Error"), std::nullopt);
  EXPECT_EQ(ParseFailOn(""), std::nullopt);
}

TEST(FailOnTest, FailsOnFailingItemsAtOrAboveTheThreshold) {
  auto item = [](CiLevel level, bool passed, const std::string& rule = "VPCR001") {
    CiItem i;
    i.rule_id = rule;
    i.level = level;
    i.passed = passed;
    return i;
  };
  struct Case {
    std::vector<CiItem> items;
    bool error, warning, never, opened;
  };
  std::vector<Case> cases = {
      {{}, false, false, false, false},
      {{item(CiLevel::kError, true)}, false, false, false, false},
      {{item(CiLevel::kError, false)}, true, true, false, false},
      {{item(CiLevel::kWarning, false)}, false, true, false, false},
      {{item(CiLevel::kNote, false)}, false, false, false, false},
      {{item(CiLevel::kNote, false), item(CiLevel::kWarning, true), item(CiLevel::kError, false)},
       true,
       true,
       false,
       false},
      // diff: only an opened flow fails `opened`; a closed one does not.
      {{item(CiLevel::kError, false, "flow-closed")}, true, true, false, false},
      {{item(CiLevel::kError, false, "flow-opened")}, true, true, false, true},
      {{item(CiLevel::kError, true, "flow-opened")}, false, false, false, false},
  };
  for (size_t i = 0; i < cases.size(); ++i) {
    EXPECT_EQ(Fails(cases[i].items, FailOn::kError), cases[i].error) << i;
    EXPECT_EQ(Fails(cases[i].items, FailOn::kWarning), cases[i].warning) << i;
    EXPECT_EQ(Fails(cases[i].items, FailOn::kNever), cases[i].never) << i;
    EXPECT_EQ(Fails(cases[i].items, FailOn::kOpened), cases[i].opened) << i;
  }
}

// x (subnet a) to y (subnet b): the NACL of a denies tcp 443 out to b (line 12), allows the rest.
const char* kScenario = R"(vpcreach: 1
name: ci
vpcs: {v: {cidr: 10.0.0.0/16}}
subnets:
  a: {vpc: v, cidr: 10.0.0.0/24, az: a, network_acl: strict}
  b: {vpc: v, cidr: 10.0.1.0/24, az: a}
network_acls:
  strict:
    vpc: v
    ingress: [{rule: 100, action: allow, protocol: all, cidr: 0.0.0.0/0}]
    egress:
      - {rule: 100, action: deny, protocol: tcp, ports: 443, cidr: 10.0.1.0/24}
      - {rule: 200, action: allow, protocol: all, cidr: 0.0.0.0/0}
security_groups:
  web: {vpc: v, ingress: [{protocol: all, cidr: 10.0.0.0/16}]}
enis:
  x: {subnet: a, security_groups: [web]}
  y: {subnet: b, security_groups: [web]}
expect:
  - {name: x reaches y on 443, from: x, to: y, port: 443, reachable: true}
  - {name: x reaches y on 80, from: x, to: y, port: 80, reachable: true}
)";

TEST(CheckCiTest, FailedExpectationIsAnErrorAtItsLineWithThePathAtTheDecidingRules) {
  testing::Network n = testing::Load(kScenario);
  CheckReport report = RunChecks(*n.model, *n.graph);
  std::vector<CiItem> items = CheckToCiItems(report, *n.model);
  ASSERT_EQ(items.size(), 2u);
  const CiItem& failed = items[0];
  EXPECT_EQ(failed.rule_id, "expectation");
  EXPECT_EQ(failed.name, "x reaches y on 443");
  EXPECT_FALSE(failed.passed);
  EXPECT_EQ(failed.level, CiLevel::kError);
  EXPECT_EQ(failed.location.file, "test.yaml");
  EXPECT_EQ(failed.location.line, 20);
  EXPECT_EQ(failed.message, report.results[0].detail);
  EXPECT_EQ(failed.explanation.rfind(report.results[0].detail + "\nat test.yaml:20\npath: ", 0), 0u)
      << failed.explanation;
  std::vector<std::string> steps;
  for (const CiStep& s : failed.path) {
    steps.push_back(s.message + " @" + std::to_string(s.location.line));
  }
  // The ENI and group by their definitions, the NACL at its deny rule, the route table (the
  // implicit local route) by its component, synthesized here: line 0.
  std::vector<std::string> expected = {
      "x: sends tcp 10.0.0.4:40000 -> 10.0.1.4:443 @17",
      "sg web: egress all 0.0.0.0/0 @15",
      "nacl strict: outbound rule 100 deny [BLOCKED SUBNET_ACL_RESTRICTION] @12",
  };
  ASSERT_GE(steps.size(), expected.size());
  for (size_t i = 0; i < expected.size(); ++i) EXPECT_EQ(steps[i], expected[i]) << i;

  EXPECT_TRUE(items[1].passed);
  EXPECT_EQ(items[1].location.line, 21);
  EXPECT_TRUE(Fails(items, FailOn::kError));
}

TEST(CheckCiTest, UndecidedIsAWarning) {
  testing::Network n = testing::Load(kScenario);
  CheckOptions options;
  options.max_paths = 0;
  CheckReport report = RunChecks(*n.model, *n.graph, options);
  std::vector<CiItem> items = CheckToCiItems(report, *n.model);
  ASSERT_EQ(items.size(), 2u);
  ASSERT_TRUE(report.results[1].undecided);
  EXPECT_EQ(items[1].level, CiLevel::kWarning);
  EXPECT_EQ(items[1].message, "undecided: " + report.results[1].detail);
}

TEST(CheckCiTest, HopLocationPrefersTheRuleThenTheComponent) {
  testing::Network n = testing::Load(kScenario);
  Hop hop;
  hop.component = "strict";
  hop.kind = kKindNetworkAcl;
  EXPECT_EQ(HopSourceLocation(*n.model, hop).line, 8);
  hop.rule_location = {"t.yaml", 99, 4};
  EXPECT_EQ(HopSourceLocation(*n.model, hop).file, "t.yaml");
  Hop service;
  service.component = "internet";
  service.kind = kKindService;
  EXPECT_EQ(HopSourceLocation(*n.model, service).line, 0);
  EXPECT_TRUE(HopSourceLocation(*n.model, service).file.empty());
}

TEST(CheckCiTest, SarifOfCheckHasOneResultPerFailedExpectation) {
  testing::Network n = testing::Load(kScenario);
  CheckReport report = RunChecks(*n.model, *n.graph);
  Json sarif = ToSarif(CiTool{"vpcreach", "0.1.0", ""}, CheckCiRules(),
                       CheckToCiItems(report, *n.model), "");
  const Json& run = sarif["runs"][0];
  EXPECT_EQ(run["tool"]["driver"]["rules"][0]["id"], "expectation");
  ASSERT_EQ(run["results"].size(), 1u);
  EXPECT_EQ(run["results"][0]["ruleIndex"], 0);
  EXPECT_EQ(run["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"], 20);
  EXPECT_FALSE(run["results"][0]["codeFlows"][0]["threadFlows"][0]["locations"].empty());
}

// `vpcreach check --format sarif` and `--fail-on`, through the command line.
class CheckCliCiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("vpcreach_ci_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
            "_" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
    path_ = (dir_ / "ci lab.yaml").string();
    std::ofstream(path_) << kScenario;
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  int Run(std::vector<std::string> args) {
    out_.str("");
    err_.str("");
    return RunCli(args, out_, err_);
  }

  std::filesystem::path dir_;
  std::string path_;
  std::ostringstream out_;
  std::ostringstream err_;
};

TEST_F(CheckCliCiTest, SarifHasTheFailedExpectationAndExitsOne) {
  EXPECT_EQ(Run({"check", path_, "--format", "sarif"}), 1) << err_.str();
  Json sarif = Json::parse(out_.str());
  EXPECT_EQ(sarif["version"], "2.1.0");
  EXPECT_EQ(sarif["runs"][0]["tool"]["driver"]["version"], kVersion);
  ASSERT_EQ(sarif["runs"][0]["results"].size(), 1u);
  const Json& result = sarif["runs"][0]["results"][0];
  EXPECT_EQ(result["level"], "error");
  // The scenario lies outside the working directory: an absolute, percent-encoded file URI.
  std::string uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"];
  EXPECT_EQ(uri.rfind("file:///", 0), 0u) << uri;
  EXPECT_EQ(uri.substr(uri.size() - 14), "/ci%20lab.yaml");
  EXPECT_EQ(result["locations"][0]["physicalLocation"]["region"]["startLine"], 20);
  EXPECT_EQ(result["codeFlows"][0]["threadFlows"][0]["locations"][2]["location"]["physicalLocation"]
                  ["region"]["startLine"],
            12);
}

TEST_F(CheckCliCiTest, FailOnDecidesTheExitStatus) {
  EXPECT_EQ(Run({"check", path_, "--fail-on", "never"}), 0);
  EXPECT_EQ(Run({"check", path_, "--fail-on", "error"}), 1);
  EXPECT_EQ(Run({"check", path_, "--fail-on", "eror"}), 2);
  EXPECT_EQ(err_.str(),
            "vpcreach: --fail-on: expected error, warning or never, got 'eror'; did you mean "
            "'error'?\n");
  // Undecided expectations are warnings: they fail by default (as check always has), not with
  // --fail-on error.
  std::string lab = VPCREACH_SOURCE_DIR "/scenarios/sagemaker-lab.yaml";
  EXPECT_EQ(Run({"check", lab, "--max-paths", "0"}), 1);
  EXPECT_NE(out_.str().find("UNDECIDED"), std::string::npos);
  EXPECT_EQ(out_.str().find("FAIL "), std::string::npos) << out_.str();
  EXPECT_EQ(Run({"check", lab, "--max-paths", "0", "--fail-on", "error"}), 0);
  EXPECT_EQ(Run({"check", lab, "--max-paths", "0", "--fail-on", "warning"}), 1);
  // `opened` is diff's alone.
  EXPECT_EQ(Run({"check", lab, "--fail-on", "opened"}), 2);
  EXPECT_EQ(err_.str(), "vpcreach: --fail-on: expected error, warning or never, got 'opened'\n");
}

// JUnit agrees with the exit status: undecided expectations under --fail-on error, the lab's
// audit note.
TEST_F(CheckCliCiTest, JunitFailuresAgreeWithTheExitStatus) {
  std::string lab = VPCREACH_SOURCE_DIR "/scenarios/sagemaker-lab.yaml";
  EXPECT_EQ(Run({"check", lab, "--max-paths", "0", "--fail-on", "error", "--format", "junit"}), 0);
  EXPECT_NE(out_.str().find("failures=\"0\""), std::string::npos) << out_.str();
  EXPECT_NE(out_.str().find("<system-out>warning: "), std::string::npos) << out_.str();
  EXPECT_EQ(Run({"check", lab, "--max-paths", "0", "--format", "junit"}), 1);
  EXPECT_EQ(out_.str().find("failures=\"0\""), std::string::npos) << out_.str();

  EXPECT_EQ(Run({"audit", lab, "--format", "junit"}), 0);
  EXPECT_NE(out_.str().find("tests=\"10\" failures=\"0\""), std::string::npos) << out_.str();
  EXPECT_NE(out_.str().find("<system-out>note: note at " + std::string(lab) +
                            ":77:5: training job training has network isolation off"),
            std::string::npos)
      << out_.str();
}

// `diff` on the bundled lab as a CI gate: --fail-on error fails on an opened or a closed flow,
// --fail-on opened on an opened one only, and SARIF says error for both.
class DiffGateTest : public CheckCliCiTest {
 protected:
  // The lab with `from` replaced by `to` (once), written as after.yaml.
  std::string After(const std::string& from, const std::string& to) {
    std::ifstream in(kLab);
    std::stringstream text;
    text << in.rdbuf();
    std::string s = text.str();
    size_t at = s.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    if (at != std::string::npos) s.replace(at, from.size(), to);
    std::string path = (dir_ / "after.yaml").string();
    std::ofstream(path) << s;
    return path;
  }
  static constexpr const char* kLab = VPCREACH_SOURCE_DIR "/scenarios/sagemaker-lab.yaml";
  static constexpr const char* kPipRule = "{protocol: tcp, ports: 443, cidr: 0.0.0.0/0,";
};

TEST_F(DiffGateTest, AWiderSecurityGroupRuleOpensAFlowAndFailsBothGates) {
  // The pip group's egress loses its port restriction: plain HTTP to PyPI opens.
  std::string after = After(kPipRule, "{protocol: tcp, cidr: 0.0.0.0/0,");
  EXPECT_EQ(Run({"diff", kLab, "--against", after, "--fail-on", "error"}), 1) << err_.str();
  EXPECT_NE(out_.str().find("opened: notebook -> pypi"), std::string::npos) << out_.str();
  EXPECT_EQ(Run({"diff", kLab, "--against", after, "--fail-on", "opened"}), 1) << err_.str();
  EXPECT_EQ(Run({"diff", kLab, "--against", after, "--fail-on", "never"}), 0) << err_.str();
  EXPECT_EQ(Run({"diff", kLab, "--against", after, "--format", "sarif", "--fail-on", "error"}), 1);
  Json sarif = Json::parse(out_.str());
  ASSERT_FALSE(sarif["runs"][0]["results"].empty());
  for (const Json& result : sarif["runs"][0]["results"]) {
    EXPECT_EQ(result["ruleId"], "flow-opened");
    EXPECT_EQ(result["level"], "error");
  }
  EXPECT_EQ(Run({"diff", kLab, "--against", after, "--format", "junit", "--fail-on", "opened"}), 1);
  EXPECT_EQ(out_.str().find("failures=\"0\""), std::string::npos) << out_.str();
}

TEST_F(DiffGateTest, AClosingOnlyChangeFailsOnErrorButNotOnOpened) {
  // The pip group's egress narrows to PyPI's range: the rest of the internet (and S3) closes, and
  // a narrower allow-only rule cannot open anything.
  std::string after = After(kPipRule, "{protocol: tcp, ports: 443, cidr: 151.101.0.0/16,");
  EXPECT_EQ(Run({"diff", kLab, "--against", after, "--fail-on", "error"}), 1) << err_.str();
  EXPECT_NE(out_.str().find("closed: notebook -> "), std::string::npos) << out_.str();
  EXPECT_EQ(out_.str().find("opened:"), std::string::npos) << out_.str();
  EXPECT_EQ(Run({"diff", kLab, "--against", after, "--fail-on", "opened"}), 0) << err_.str();
  EXPECT_EQ(Run({"diff", kLab, "--against", after, "--format", "junit", "--fail-on", "opened"}), 0);
  EXPECT_NE(out_.str().find("failures=\"0\""), std::string::npos) << out_.str();
  EXPECT_NE(out_.str().find("<system-out>error: closed: notebook -&gt; "), std::string::npos)
      << out_.str();
  EXPECT_EQ(Run({"diff", kLab, "--against", after, "--fail-on", "opend"}), 2);
  EXPECT_EQ(err_.str(),
            "vpcreach: --fail-on: expected error, warning, opened or never, got 'opend'; did you "
            "mean 'opened'?\n");
}

// `-o -` is stdout (contract: "Outputs"); no file named `-` appears.
TEST_F(CheckCliCiTest, DashOutputIsStdout) {
  std::string lab = VPCREACH_SOURCE_DIR "/scenarios/sagemaker-lab.yaml";
  std::error_code ec;
  std::filesystem::path cwd = std::filesystem::current_path();
  std::filesystem::current_path(dir_);
  int status = Run({"check", lab, "--format", "junit", "-o", "-"});
  bool dash_file = std::filesystem::exists(dir_ / "-", ec);
  std::filesystem::current_path(cwd);
  EXPECT_EQ(status, 0) << err_.str();
  EXPECT_FALSE(dash_file);
  EXPECT_EQ(out_.str().rfind("<?xml version=\"1.0\"", 0), 0u) << out_.str();
  EXPECT_NE(out_.str().find("tests=\"8\" failures=\"0\""), std::string::npos) << out_.str();
}

}  // namespace
}  // namespace vpcreach
