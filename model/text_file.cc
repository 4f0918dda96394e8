#include "model/text_file.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace vpcreach {

std::string ReadWholeFile(const std::string& path, std::string* error) {
  std::error_code ignored;
  if (std::filesystem::is_directory(path, ignored)) {
    *error = std::strerror(EISDIR);  // an ifstream would read a directory as empty
    return "";
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    *error = std::strerror(errno);
    return "";
  }
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad() || (!in.eof() && in.fail())) {
    *error = std::strerror(errno ? errno : EIO);
    return "";
  }
  return text.str();
}

}  // namespace vpcreach
