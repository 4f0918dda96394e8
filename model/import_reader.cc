#include "model/import_reader.h"

#include <filesystem>

#include "model/loader_messages.h"
#include "model/terraform/plan_document.h"
#include "model/terraform/plan_mapper.h"
#include "model/text_file.h"

namespace vpcreach {

void ImportReader::Read(YamlReader& r, const YamlField& section) {
  for (const YamlField& item : r.List(section).value_or(std::vector<YamlField>{})) {
    if (item.IsScalar()) {
      r.Error(item, "an import names its kind: write '- terraform: " + r.String(item).value_or("") +
                        "' for a `terraform show -json` document");
      continue;
    }
    YamlMap m(r, item, {"terraform", "aws_snapshot"});
    if (!m.valid()) continue;
    if (auto f = m.Get("aws_snapshot")) {
      r.Error(*f,
              "aws_snapshot: imports are not supported yet; import a Terraform plan or state "
              "(terraform: FILE) or deploy CloudFormation templates (stacks:)");
      continue;
    }
    auto f = m.Require("terraform");
    if (!f) continue;
    auto written = r.String(*f);
    if (!written) continue;
    std::filesystem::path path = *written;
    if (path.is_relative()) path = std::filesystem::path(r.file()).parent_path() / path;
    Import import{r.file(), path.lexically_normal().string(), ""};
    std::string error;
    import.text = ReadWholeFile(import.file, &error);
    if (!error.empty()) {
      r.Error(*f, "cannot read Terraform document " + import.file + ": " + error);
      continue;
    }
    imports_.push_back(std::move(import));
  }
}

void ImportReader::AddFile(const std::string& file, std::string text) {
  imports_.push_back(Import{"", file, std::move(text)});
}

std::vector<std::pair<std::string, std::string>> ImportReader::Files() const {
  std::vector<std::pair<std::string, std::string>> out;
  for (const Import& i : imports_) out.emplace_back(i.scenario_file, i.file);
  return out;
}

std::vector<ImportReader::Generated> ImportReader::Deploy(std::string* region, bool region_written,
                                                          PublicIpPool* pool) {
  std::vector<std::unique_ptr<tf::PlanDocument>> docs;
  std::optional<SourceLocation> adopted;
  for (const Import& i : imports_) {
    std::unique_ptr<tf::PlanDocument> doc = tf::ReadPlanDocument(i.file, i.text, sink_);
    if (doc == nullptr) continue;
    if (const tf::CfnValue* written = doc->region()) {
      if (!region_written && !adopted) {
        *region = written->text();
        adopted = written->location();
      } else if (written->text() != *region) {
        sink_->push_back(Diagnostic{
            written->location(), written->path(),
            "the plan's AWS provider region " + written->text() + " does not match region " +
                *region + (adopted ? " at " + FormatLocation(*adopted) : " of the scenario") +
                "; all inputs must use one region"});
        continue;
      }
    }
    docs.push_back(std::move(doc));
  }
  cfn::PublicIpSource public_ip = [pool](const std::string& owner) { return pool->Get(owner); };
  std::vector<Generated> out;
  for (const auto& doc : docs) {
    Generated g;
    g.name = doc->file() + "#terraform";
    g.scenario = tf::MapPlan(*doc, *region, public_ip, sink_);
    out.push_back(std::move(g));
  }
  return out;
}

}  // namespace vpcreach
