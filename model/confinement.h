// Reads stay inside the scenario's tree (contract.md, "Additions"; issue 15).
//
// A scenario checked on a CI runner may come from an untrusted pull request: a template path of
// `/etc/passwd` or `../../home/runner/.aws/credentials` must not be read, or a parse error would
// quote the file's lines into the build log. Every file a scenario names (templates, nested
// stacks' TemplateURLs, `import:`ed plans and snapshot folders, the JSON files inside those
// folders) must therefore lie under the root: the folder of the first FILE given on the command
// line (a snapshot folder given as the first FILE is its own root), after resolving `..` and
// symbolic links. `--allow-outside` (LoadOptions::allow_outside) lifts the rule: reading a file
// outside is then the user's choice.
//
// The loader also asks Admitted() before it echoes a file's line under a diagnostic, so that no
// message quotes a file vpcreach did not read as one of its inputs.
//
// The same gate bounds what an input may make vpcreach read (InputLimits, issue 15): the size of
// every file, the number of stacks and the depth of nested stacks, each refused with the flag
// that raises it.
#ifndef VPCREACH_MODEL_CONFINEMENT_H_
#define VPCREACH_MODEL_CONFINEMENT_H_

#include <cstdint>
#include <filesystem>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace vpcreach {

struct InputLimits {
  std::uintmax_t max_file_bytes = 64 * 1024 * 1024;  // --max-file-size: any file read
  std::size_t max_stacks = 200;                      // --max-stacks: entries of `stacks:`, in all
  int max_nested_stack_depth = 8;                    // --max-nested-stack-depth: levels below one
};

class Confinement {
 public:
  // Admits every path (no first FILE to take a root from, or --allow-outside).
  Confinement() = default;
  // Confined to the folder of `first_file` (the file as named, its folder's links resolved),
  // unless `allow_outside`.
  Confinement(const std::string& first_file, bool allow_outside, InputLimits limits = {});

  // "" when `path` may be read (and it is remembered as admitted); else why not and what to do,
  // naming `path` as a `what` ("template", "Terraform document", ...), never its content: outside
  // the tree, or larger than max_file_bytes.
  std::string Admit(const std::string& what, const std::string& path);
  // "" when the file `path` (a FILE given, which is read wherever it is) is not larger than
  // max_file_bytes; else the problem, naming the flag.
  std::string CheckSize(const std::string& path) const;
  const InputLimits& limits() const { return limits_; }
  // Whether Admit() let `path` in (or it is a FILE the user named: AdmitInput()).
  bool Admitted(const std::string& path) const;
  // A FILE given on the command line: the user named it, so it is read wherever it is (a
  // snapshot folder with everything in it).
  void AdmitInput(const std::string& path);

  bool confined() const { return root_.has_value(); }

 private:
  // `path` with `..` and links resolved, as far as it exists.
  static std::filesystem::path Resolved(const std::string& path);
  static std::string Key(const std::string& path) { return Resolved(path).string(); }

  // Whether resolved `path` lies in resolved `folder`, component by component.
  static bool Inside(const std::filesystem::path& path, const std::filesystem::path& folder);

  InputLimits limits_;
  std::optional<std::filesystem::path> root_;         // resolved; nullopt: no confinement
  std::vector<std::filesystem::path> input_folders_;  // resolved folders given as FILEs
  std::set<std::string> admitted_;                    // resolved paths
};

}  // namespace vpcreach

#endif  // VPCREACH_MODEL_CONFINEMENT_H_
