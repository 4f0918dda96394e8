#include "model/confinement.h"

#include <algorithm>
#include <system_error>

namespace vpcreach {
namespace fs = std::filesystem;

Confinement::Confinement(const std::string& first_file, bool allow_outside, InputLimits limits)
    : limits_(limits) {
  if (allow_outside) return;
  std::error_code ec;
  fs::path named = first_file;
  // A folder given as FILE (a snapshot) is its own tree; a file's tree is its folder.
  fs::path folder = fs::is_directory(named, ec) ? named : named.parent_path();
  root_ = Resolved(folder.empty() ? "." : folder.string());
}

fs::path Confinement::Resolved(const std::string& path) {
  std::error_code ec;
  fs::path absolute = fs::absolute(path, ec);
  if (ec) return fs::path(path).lexically_normal();
  fs::path resolved = fs::weakly_canonical(absolute, ec);
  return ec ? absolute.lexically_normal() : resolved;
}

std::string Confinement::Admit(const std::string& what, const std::string& path) {
  fs::path resolved = Resolved(path);
  bool inside = !root_ || Inside(resolved, *root_) || admitted_.count(resolved.string()) > 0 ||
                std::any_of(input_folders_.begin(), input_folders_.end(),
                            [&](const fs::path& folder) { return Inside(resolved, folder); });
  if (!inside) {
    std::string shown = resolved.string() == fs::path(path).lexically_normal().string()
                            ? path
                            : path + ", which is " + resolved.string() + ",";
    return what + " " + shown + " is outside the scenario's folder " + root_->string() +
           "; move it into that folder, or give --allow-outside to read files outside it";
  }
  if (std::string size = CheckSize(path); !size.empty()) return what + " " + path + ": " + size;
  admitted_.insert(resolved.string());
  return "";
}

std::string Confinement::CheckSize(const std::string& path) const {
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) return "";  // the reader says what is wrong with it
  std::uintmax_t bytes = fs::file_size(path, ec);
  if (ec || bytes <= limits_.max_file_bytes) return "";
  return "the file is " + std::to_string(bytes) + " bytes, more than the limit of " +
         std::to_string(limits_.max_file_bytes) + "; give --max-file-size BYTES to raise it";
}

bool Confinement::Inside(const fs::path& path, const fs::path& folder) {
  // Component by component: /a/bc is not in /a/b.
  auto end = std::mismatch(folder.begin(), folder.end(), path.begin(), path.end()).first;
  return end == folder.end() || (std::next(end) == folder.end() && end->empty());  // "dir/"
}

void Confinement::AdmitInput(const std::string& path) {
  std::error_code ec;
  if (fs::is_directory(path, ec)) {
    input_folders_.push_back(Resolved(path));
  } else {
    admitted_.insert(Key(path));
  }
}

bool Confinement::Admitted(const std::string& path) const { return admitted_.count(Key(path)) > 0; }

}  // namespace vpcreach
