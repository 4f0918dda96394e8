// Reading a whole input file (scenario files, CloudFormation templates).
#ifndef VPCREACH_MODEL_TEXT_FILE_H_
#define VPCREACH_MODEL_TEXT_FILE_H_

#include <string>

namespace vpcreach {

// The file's bytes; on failure "" and `*error` set to the system's words for it ("No such file or
// directory", "Is a directory", ...), else `*error` left empty.
std::string ReadWholeFile(const std::string& path, std::string* error);

}  // namespace vpcreach

#endif  // VPCREACH_MODEL_TEXT_FILE_H_
