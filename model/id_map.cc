#include "model/id_map.h"

#include <map>
#include <memory>

#include "model/text_file.h"
#include "model/yaml_document.h"

namespace vpcreach {
namespace {

constexpr const char* kStackCommand =
    "`aws cloudformation describe-stack-resources --stack-name STACK --output json`";

SourceLocation At(const std::string& file, const YamlNode& node) {
  return SourceLocation{file, node.line(), node.column()};
}

std::string KindWord(const YamlNode& node) {
  if (node.IsMapping()) return "a mapping";
  if (node.IsSequence()) return "a list";
  return "'" + node.text() + "'";
}

class IdMapParser {
 public:
  IdMapParser(std::string file, Diagnostics* diagnostics)
      : file_(std::move(file)), diagnostics_(diagnostics) {}

  void Native(const YamlNode& root) {
    for (const YamlNode::Pair& pair : root.pairs()) {
      const YamlNode& key = *pair.key;
      const YamlNode& value = *pair.value;
      if (!key.IsScalar() || key.text().empty()) {
        Error(key, "",
              "expected a design name as the key (a component id as the design writes "
              "it: `web`, `vpc-fnd316/VPC`), got " +
                  KindWord(key));
        continue;
      }
      if (!value.IsScalar() || value.IsNull() || value.text().empty()) {
        Error(value.IsNull() ? key : value, key.text(),
              "expected the AWS id of " + key.text() + " (such as i-0abc or sg-0abc), got " +
                  (value.IsScalar() ? std::string("nothing") : KindWord(value)));
        continue;
      }
      Add(IdMapEntry{key.text(), value.text(), At(file_, key), key.text(), false});
    }
  }

  void Stack(const YamlNode& resources) {
    if (!resources.IsSequence()) {
      Error(resources, "StackResources",
            "expected the list " + std::string(kStackCommand) + " prints, got " +
                KindWord(resources));
      return;
    }
    for (size_t i = 0; i < resources.items().size(); ++i) {
      const YamlNode& r = *resources.items()[i];
      std::string path = "StackResources[" + std::to_string(i) + "]";
      if (!r.IsMapping()) {
        Error(r, path,
              "expected an object with StackName, LogicalResourceId and "
              "PhysicalResourceId, got " +
                  KindWord(r));
        continue;
      }
      const YamlNode* stack = Field(r, "StackName");
      const YamlNode* logical = Field(r, "LogicalResourceId");
      const YamlNode* physical = Field(r, "PhysicalResourceId");
      bool complete = true;
      for (auto [node, name] :
           {std::pair{stack, "StackName"}, std::pair{logical, "LogicalResourceId"}}) {
        if (node == nullptr || !node->IsScalar() || node->text().empty()) {
          Error(node != nullptr ? *node : r, path,
                std::string("missing ") + name + "; " + kStackCommand +
                    " prints it for every resource: collect the file again with that command");
          complete = false;
        }
      }
      // A resource being created, or that failed, has no physical id yet: nothing to match.
      if (!complete || physical == nullptr || !physical->IsScalar() || physical->text().empty()) {
        continue;
      }
      Add(IdMapEntry{stack->text() + "/" + logical->text(), physical->text(), At(file_, r), path,
                     true});
    }
  }

  void Error(const YamlNode& at, const std::string& path, const std::string& message) {
    diagnostics_->Add(At(file_, at), path, message);
    ok_ = false;
  }

  bool ok() const { return ok_; }
  IdMap Take() { return std::move(map_); }

 private:
  static const YamlNode* Field(const YamlNode& object, const std::string& name) {
    for (const YamlNode::Pair& p : object.pairs()) {
      if (p.key->IsScalar() && p.key->text() == name) return p.value;
    }
    return nullptr;
  }

  void Add(IdMapEntry entry) {
    if (auto it = by_name_.find(entry.design_name); it != by_name_.end()) {
      diagnostics_->Add(entry.location, entry.path,
                        entry.design_name + " is mapped twice (first at line " +
                            std::to_string(it->second) + "); keep one of them");
      ok_ = false;
      return;
    }
    if (auto it = by_id_.find(entry.aws_id); it != by_id_.end()) {
      diagnostics_->Add(entry.location, entry.path,
                        entry.aws_id + " is already the AWS id of " + it->second +
                            "; one AWS resource is one component of the design: map it once");
      ok_ = false;
      return;
    }
    by_name_[entry.design_name] = entry.location.line;
    by_id_[entry.aws_id] = entry.design_name;
    map_.entries.push_back(std::move(entry));
  }

  std::string file_;
  Diagnostics* diagnostics_;
  IdMap map_;
  std::map<std::string, int> by_name_;        // design name -> its line
  std::map<std::string, std::string> by_id_;  // AWS id -> design name
  bool ok_ = true;
};

}  // namespace

std::optional<IdMap> ParseIdMap(const std::string& path, const std::string& text,
                                Diagnostics* diagnostics) {
  diagnostics->AddSource(path, text);
  size_t first = text.find_first_not_of(" \t\r\n");
  bool json = first != std::string::npos && (text[first] == '{' || text[first] == '[');
  YamlError error;
  std::unique_ptr<YamlStream> stream =
      ParseYamlStream(text, &error, json ? YamlSyntax::kJson : YamlSyntax::kYaml);
  if (!stream) {
    diagnostics->Add(SourceLocation{path, error.line, error.column}, "",
                     error.message + "; the map is " +
                         (json ? "not complete JSON (a cut-off download?)" : "not valid YAML"));
    return std::nullopt;
  }
  const YamlNode* root = stream->documents().empty() ? nullptr : stream->documents().front();
  if (root == nullptr || !root->IsMapping() || root->pairs().empty()) {
    diagnostics->Add(SourceLocation{path, root ? root->line() : 1, root ? root->column() : 1}, "",
                     "expected a mapping of design names to AWS ids (`web: i-0abc`, one per "
                     "line), or the JSON " +
                         std::string(kStackCommand) + " prints");
    return std::nullopt;
  }
  IdMapParser parser(path, diagnostics);
  const YamlNode* stack = nullptr;
  for (const YamlNode::Pair& p : root->pairs()) {
    if (p.key->IsScalar() && p.key->text() == "StackResources") stack = p.value;
  }
  if (stack != nullptr) {
    parser.Stack(*stack);
  } else {
    parser.Native(*root);
  }
  if (!parser.ok()) return std::nullopt;
  return parser.Take();
}

std::optional<IdMap> ReadIdMap(const std::string& path, Diagnostics* diagnostics) {
  std::string error;
  std::string text = ReadWholeFile(path, &error);
  if (!error.empty()) {
    diagnostics->Add(SourceLocation{path, 0, 0}, "", "cannot read the map: " + error);
    return std::nullopt;
  }
  return ParseIdMap(path, text, diagnostics);
}

}  // namespace vpcreach
