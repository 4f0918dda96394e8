#include "model/import_reader.h"

#include <filesystem>

#include "model/loader_messages.h"
#include "model/snapshot/snapshot_reader.h"
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
    if (m.Entries().size() > 1) {
      r.Error(item, "an import names one input: {aws_snapshot: FOLDER} or {terraform: FILE}");
      continue;
    }
    if (auto f = m.Get("aws_snapshot")) {
      ReadSnapshotEntry(r, *f);
      continue;
    }
    auto f = m.Require("terraform");
    if (!f) continue;
    auto written = r.String(*f);
    if (!written) continue;
    std::filesystem::path path = *written;
    if (path.is_relative()) path = std::filesystem::path(r.file()).parent_path() / path;
    Import import{r.file(), path.lexically_normal().string(), ""};
    if (std::string refusal = confinement_->Admit("Terraform document", import.file);
        !refusal.empty()) {
      r.Error(*f, refusal);
      continue;
    }
    std::string error;
    import.text = ReadWholeFile(import.file, &error);
    if (!error.empty()) {
      r.Error(*f, "cannot read Terraform document " + import.file + ": " + error);
      continue;
    }
    imports_.push_back(std::move(import));
  }
}

void ImportReader::ReadSnapshotEntry(YamlReader& r, const YamlField& value) {
  auto written = r.String(value);
  if (!written) return;
  std::filesystem::path path = *written;
  if (path.is_relative()) path = std::filesystem::path(r.file()).parent_path() / path;
  std::string folder = path.lexically_normal().string();
  if (folder.empty()) folder = ".";
  if (std::string refusal = confinement_->Admit("snapshot folder", folder); !refusal.empty()) {
    r.Error(value, refusal);
    return;
  }
  std::string name = r.file() + "#snapshot:" + folder;
  for (const Snapshot& known : snapshots_) {
    if (known.name == name) {
      r.Error(value, "snapshot " + *written + " is imported twice; remove this entry");
      return;
    }
  }
  snapshots_.push_back(Snapshot{name, folder, value.location, value.path});
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
  for (const Snapshot& s : snapshots_) {
    Generated g;
    g.name = s.name;
    g.scenario = snapshot::ReadSnapshot(s.folder, s.at, s.at_path, confinement_, sink_);
    if (!g.scenario.text.empty()) out.push_back(std::move(g));
  }
  return out;
}

}  // namespace vpcreach
