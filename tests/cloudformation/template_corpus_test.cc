// Every real template of the corpus (../shared/fixtures/cfn-corpus: AWS's samples and widdix's
// templates) and of the workshop (../shared/fixtures/lab-templates) parses without a diagnostic,
// and every JSON one reads as a JSON parser (nlohmann::json) reads it. Skipped with a message
// where ../shared is absent. Also the tagged-block-scalar shape of issue 11 (tests/fixtures/
// cloudformation), deployed as a stack.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "model/cloudformation/template_parser.h"
#include "model/scenario_loader.h"
#include "model/text_file.h"

namespace vpcreach::cfn {
namespace {

const std::filesystem::path kShared = VPCREACH_SOURCE_DIR "/../shared/fixtures";

std::vector<std::filesystem::path> TemplatesUnder(const std::filesystem::path& dir) {
  std::vector<std::filesystem::path> out;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
    std::string extension = entry.path().extension().string();
    if (entry.is_regular_file() &&
        (extension == ".yaml" || extension == ".yml" || extension == ".json" ||
         extension == ".template")) {
      out.push_back(entry.path());
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::string Read(const std::filesystem::path& path) {
  std::string error;
  std::string text = ReadWholeFile(path.string(), &error);
  EXPECT_EQ(error, "") << path;
  return text;
}

// "" when `value` holds what `json` holds, keys in the same order; else where they part.
std::string Difference(const CfnValue& value, const nlohmann::ordered_json& json) {
  const std::string at = value.path().empty() ? "(root)" : value.path();
  switch (json.type()) {
    case nlohmann::ordered_json::value_t::object: {
      if (!value.IsMap() || value.entries().size() != json.size()) return at + ": not the object";
      size_t i = 0;
      for (const auto& [key, item] : json.items()) {
        const CfnEntry& entry = value.entries()[i++];
        if (entry.key != key) return at + ": key " + entry.key + " is not " + key;
        if (std::string d = Difference(entry.value, item); !d.empty()) return d;
      }
      return "";
    }
    case nlohmann::ordered_json::value_t::array: {
      if (!value.IsList() || value.items().size() != json.size()) return at + ": not the array";
      for (size_t i = 0; i < json.size(); ++i) {
        if (std::string d = Difference(value.items()[i], json[i]); !d.empty()) return d;
      }
      return "";
    }
    case nlohmann::ordered_json::value_t::string:
      return value.kind() == CfnValue::Kind::kString && value.text() == json.get<std::string>()
                 ? ""
                 : at + ": '" + value.text() + "' is not the string '" + json.get<std::string>() +
                       "'";
    case nlohmann::ordered_json::value_t::boolean:
      return value.kind() == CfnValue::Kind::kBool && value.text() == json.dump()
                 ? ""
                 : at + ": not " + json.dump();
    case nlohmann::ordered_json::value_t::null:
      return value.IsNull() ? "" : at + ": not null";
    default:  // numbers
      return value.kind() == CfnValue::Kind::kNumber &&
                     std::stod(value.text()) == json.get<double>()
                 ? ""
                 : at + ": '" + value.text() + "' is not the number " + json.dump();
  }
}

// corpus.tsv's templates that CloudFormation does not read (`loadable: no`: Rain sources).
std::set<std::string> NotCloudFormation() {
  std::set<std::string> out;
  std::istringstream rows(Read(kShared / "cfn-corpus/corpus.tsv"));
  for (std::string row; std::getline(rows, row);) {
    std::vector<std::string> fields;
    std::istringstream cells(row);
    for (std::string cell; std::getline(cells, cell, '\t');) fields.push_back(cell);
    if (fields.size() >= 3 && fields[2] == "no") out.insert(fields[1]);
  }
  return out;
}

TEST(TemplateCorpusTest, EveryTemplateParsesWithoutADiagnostic) {
  if (!std::filesystem::exists(kShared / "cfn-corpus")) {
    GTEST_SKIP() << "no " << kShared << " here: the corpus is not checked";
  }
  const std::set<std::string> rain = NotCloudFormation();
  EXPECT_FALSE(rain.empty());
  size_t parsed = 0;
  size_t json = 0;
  for (const char* dir : {"cfn-corpus/awscfn", "cfn-corpus/widdix", "lab-templates"}) {
    for (const std::filesystem::path& path : TemplatesUnder(kShared / dir)) {
      std::string text = Read(path);
      Diagnostics d;
      std::optional<CfnValue> root = ParseTemplate(path.string(), text, &d);
      ASSERT_TRUE(root.has_value()) << d.Format();
      std::string relative = std::filesystem::relative(path, kShared / "cfn-corpus").string();
      if (rain.count(relative) != 0) {
        // Rain's own tags (!Rain::Embed, !Rain::Module) are reported, and nothing else.
        for (const Diagnostic& item : d.Items()) {
          EXPECT_EQ(item.message.rfind("unknown tag '!Rain::", 0), 0u) << d.Format();
        }
      } else {
        EXPECT_TRUE(d.Empty()) << d.Format();
      }
      EXPECT_TRUE(root->IsMap() && root->Find("Resources") != nullptr) << path;
      ++parsed;
      if (DetectTemplateFormat(text) == TemplateFormat::kJson) {
        EXPECT_EQ(Difference(*root, nlohmann::ordered_json::parse(text)), "") << path;
        ++json;
      }
    }
  }
  // The corpus as SOURCES.md describes it: 100 templates, 30 of them JSON.
  EXPECT_GE(parsed, 100u);
  EXPECT_GE(json, 30u);
}

// A stack whose IAM policy is a `!Sub |` block on the line after `PolicyDocument:` (the shape of
// the aws-samples template of issue 11) deploys; yaml-cpp 0.7 refused the file.
TEST(TemplateCorpusTest, TaggedBlockScalarAfterItsKeyDeploys) {
  std::string fixture = VPCREACH_SOURCE_DIR "/tests/fixtures/cloudformation/tagged-block-scalar.yaml";
  LoadResult result = LoadScenarioText(
      "s.yaml",
      "vpcreach: 1\nregion: us-east-1\nstacks:\n  - {name: app, template: '" + fixture + "'}\n",
      {.allow_outside = true});  // s.yaml is in the working directory, the fixture is not
  ASSERT_TRUE(result.ok()) << result.diagnostics.Format();
  auto group = std::find_if(result.model.security_groups.begin(),
                            result.model.security_groups.end(),
                            [](const SecurityGroup& g) { return g.id == "app/AppSecurityGroup"; });
  ASSERT_NE(group, result.model.security_groups.end());
  ASSERT_EQ(group->ingress.size(), 1u);
  EXPECT_EQ(group->ingress[0].location.line, 19);  // in the template
}

}  // namespace
}  // namespace vpcreach::cfn
