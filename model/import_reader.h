// The `import:` key of scenario files and the inputs recognised by content (contract.md,
// "Additions"): `terraform show -json` documents (plans and states) and deployed accounts as
// folders of AWS CLI describe-* outputs (snapshot/snapshot_reader.h).
//
// The scenario loader hands each file's `import:` list to one ImportReader (entries
// `{terraform: PATH}` and `{aws_snapshot: FOLDER}`, paths relative to the scenario file), and
// every FILE given directly whose content is a Terraform JSON document (plan_document.h,
// LooksLikeTerraformJson; a snapshot folder given directly becomes a scenario that imports it).
// Once every file is read, Deploy() parses and maps each document (terraform/plan_mapper.h) and
// reads each folder into a generated scenario document of its own, which the loader reads like a
// file and whose diagnostics it remaps to the JSON. The region: the one a scenario writes, else the
// first plan's AWS provider region; a plan whose provider region differs from the model's is an
// error located at it. Ownership: the reader borrows the sink, which must outlive it.
#ifndef VPCREACH_MODEL_IMPORT_READER_H_
#define VPCREACH_MODEL_IMPORT_READER_H_

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "model/cloudformation/stack_mapper.h"
#include "model/confinement.h"
#include "model/diagnostics.h"
#include "model/public_ip_pool.h"
#include "model/yaml_reader.h"

namespace vpcreach {

class ImportReader {
 public:
  // `confinement` decides which plans and snapshot folders may be read (model/confinement.h).
  ImportReader(std::vector<Diagnostic>* sink, Confinement* confinement)
      : sink_(sink), confinement_(confinement) {}

  // Reads one `import:` list of the file `reader` reads.
  void Read(YamlReader& reader, const YamlField& section);
  // A Terraform document given directly as a FILE.
  void AddFile(const std::string& file, std::string text);
  bool empty() const { return imports_.empty() && snapshots_.empty(); }
  // (scenario file, imported file) of every import, in order ("" for a FILE given directly).
  std::vector<std::pair<std::string, std::string>> Files() const;

  struct Generated {
    std::string name;             // "<imported file>#terraform", "<scenario>#snapshot:<folder>"
    cfn::StackScenario scenario;  // the document and its line map
  };
  // Parses and maps every import. `*region`: the model's, adopted from the first plan that names
  // one unless `region_written`.
  std::vector<Generated> Deploy(std::string* region, bool region_written, PublicIpPool* pool);

 private:
  struct Import {
    std::string scenario_file;
    std::string file;
    std::string text;
  };

  struct Snapshot {
    std::string name;  // "<scenario>#snapshot:<folder>"
    std::string folder;
    SourceLocation at;  // the import entry's value
    std::string at_path;
  };
  // An `aws_snapshot` entry: the folder, once per scenario file.
  void ReadSnapshotEntry(YamlReader& r, const YamlField& value);

  std::vector<Diagnostic>* sink_;
  Confinement* confinement_;
  std::vector<Import> imports_;
  std::vector<Snapshot> snapshots_;
};

}  // namespace vpcreach

#endif  // VPCREACH_MODEL_IMPORT_READER_H_
