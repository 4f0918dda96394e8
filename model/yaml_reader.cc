#include "model/yaml_reader.h"

#include <algorithm>
#include <charconv>
#include <tuple>

#include "model/loader_messages.h"

namespace vpcreach {
namespace {

bool IsDigits(std::string_view text) {
  if (text.empty()) return false;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

std::string Join(const std::vector<std::string>& words) {
  std::string out;
  for (const std::string& w : words) {
    if (!out.empty()) out += ", ";
    out += w;
  }
  return out;
}

}  // namespace

std::string DescribeNodeType(const YamlNode& node) {
  if (node.IsMapping()) return "a mapping";
  if (node.IsSequence()) return "a sequence";
  return node.IsNull() ? "an empty value" : "a scalar";
}

YamlReader::YamlReader(std::string file, std::vector<Diagnostic>* sink)
    : file_(std::move(file)), sink_(sink) {}

bool YamlReader::Parse(const std::string& text) {
  YamlError error;
  stream_ = ParseYamlStream(text, &error);
  if (stream_) return true;
  Error(SourceLocation{file_, error.line, error.column}, "", error.message);
  return false;
}

const std::vector<const YamlNode*>& YamlReader::Documents() const {
  static const std::vector<const YamlNode*> kNone;
  return stream_ ? stream_->documents() : kNone;
}

SourceLocation YamlReader::LocationOf(const YamlNode& node) const {
  return SourceLocation{file_, node.line(), node.column()};
}

YamlField YamlReader::Root(const YamlNode* document) const {
  if (document == nullptr) return YamlField(&YamlNode::EmptyValue(), "", {file_, 1, 1});
  return YamlField(document, "", LocationOf(*document));
}

void YamlReader::Error(const SourceLocation& location, const std::string& path,
                       std::string message) {
  sink_->push_back(Diagnostic{location, path, std::move(message)});
}

void YamlReader::Warn(const YamlField& field, std::string message) {
  sink_->push_back(Warning(field.location, field.path, std::move(message)));
}

std::optional<std::string> YamlReader::ScalarText(const YamlField& field, const std::string& what) {
  if (field.IsScalar()) return field.node().text();
  Error(field, "expected " + what + ", got " + DescribeNodeType(field.node()));
  return std::nullopt;
}

std::optional<std::string> YamlReader::String(const YamlField& field) {
  return ScalarText(field, "a string");
}

std::optional<long long> YamlReader::Integer(const YamlField& field) {
  auto text = ScalarText(field, "an integer");
  if (!text) return std::nullopt;
  std::string_view digits = *text;
  if (!digits.empty() && (digits[0] == '-' || digits[0] == '+')) digits.remove_prefix(1);
  long long value = 0;
  if (IsDigits(digits)) {
    auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
    if (ec == std::errc() && ptr == digits.data() + digits.size()) {
      return (*text)[0] == '-' ? -value : value;
    }
  }
  Error(field, "expected an integer, got '" + *text + "'");
  return std::nullopt;
}

std::optional<bool> YamlReader::Bool(const YamlField& field) {
  auto text = ScalarText(field, "true or false");
  if (!text) return std::nullopt;
  // The YAML 1.2 core schema spellings only: `yes`, `on` and friends are YAML 1.1 traps.
  if (*text == "true" || *text == "True" || *text == "TRUE") return true;
  if (*text == "false" || *text == "False" || *text == "FALSE") return false;
  Error(field, "expected true or false, got '" + *text + "'");
  return std::nullopt;
}

std::optional<bool> YamlReader::EnabledDisabled(const YamlField& field) {
  auto text = ScalarText(field, "enabled or disabled");
  if (!text) return std::nullopt;
  if (*text == "enabled" || *text == "Enabled") return true;
  if (*text == "disabled" || *text == "Disabled") return false;
  Error(field, "expected enabled or disabled, got '" + *text + "'");
  return std::nullopt;
}

std::optional<Cidr> YamlReader::CidrValue(const YamlField& field) {
  auto text = ScalarText(field, "a CIDR such as 10.0.0.0/16");
  if (!text) return std::nullopt;
  std::string error;
  bool normalised = false;
  auto cidr = ParseCidrAsEc2(*text, &error, &normalised);
  if (!cidr) {
    Error(field, error);
  } else if (normalised) {
    Warn(field, HostBitsWarning(*text, *cidr));
  }
  return cidr;
}

std::optional<Ipv4> YamlReader::Address(const YamlField& field) {
  auto text = ScalarText(field, "an IPv4 address such as 10.0.0.5");
  if (!text) return std::nullopt;
  auto address = ParseIpv4(*text);
  if (!address) Error(field, "expected an IPv4 address such as 10.0.0.5, got '" + *text + "'");
  return address;
}

std::optional<PortRange> YamlReader::Ports(const YamlField& field) {
  static const std::string kWhat = "a port such as 443 or a range such as 1024-65535";
  auto text = ScalarText(field, kWhat);
  if (!text) return std::nullopt;
  auto trim = [](std::string_view s) {
    while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
    while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
    return s;
  };
  std::string_view whole = trim(*text);
  size_t dash = whole.find('-');
  std::string_view first = trim(whole.substr(0, dash));
  std::string_view second = dash == std::string_view::npos ? first : trim(whole.substr(dash + 1));
  // Six digits are enough to tell "out of range" from nonsense without overflowing.
  if (!IsDigits(first) || !IsDigits(second) || first.size() > 6 || second.size() > 6) {
    Error(field, "expected " + kWhat + ", got '" + *text + "'");
    return std::nullopt;
  }
  int from = std::stoi(std::string(first));
  int to = std::stoi(std::string(second));
  for (int port : {from, to}) {
    if (port > 65535) {
      Error(field, "port " + std::to_string(port) + " is out of range 0-65535");
      return std::nullopt;
    }
  }
  if (from > to) {
    Error(field, "port range " + std::to_string(from) + "-" + std::to_string(to) +
                     " is reversed; write " + std::to_string(to) + "-" + std::to_string(from));
    return std::nullopt;
  }
  return PortRange{static_cast<std::uint16_t>(from), static_cast<std::uint16_t>(to)};
}

std::optional<int> YamlReader::Protocol(const YamlField& field) {
  static const std::string kWhat = "a protocol (tcp, udp, icmp, all, or a number 0-255)";
  auto text = ScalarText(field, kWhat);
  if (!text) return std::nullopt;
  auto protocol = ParseProtocol(*text);
  if (!protocol) {
    std::string suggestion = ClosestMatch(*text, {"tcp", "udp", "icmp", "all"});
    Error(field, suggestion.empty()
                     ? "expected " + kWhat + ", got '" + *text + "'"
                     : "unknown protocol '" + *text + "'; did you mean '" + suggestion + "'?");
  }
  return protocol;
}

std::optional<std::vector<YamlField>> YamlReader::List(const YamlField& field) {
  std::vector<YamlField> items;
  if (field.IsNull()) return items;
  if (!field.IsSequence()) {
    Error(field, "expected a list, got " + DescribeNodeType(field.node()));
    return std::nullopt;
  }
  const std::vector<const YamlNode*>& nodes = field.node().items();
  for (size_t i = 0; i < nodes.size(); ++i) {
    items.push_back(YamlField(nodes[i], field.Item(i), LocationOf(*nodes[i])));
  }
  return items;
}

std::optional<std::vector<std::pair<std::string, YamlField>>> YamlReader::StringList(
    const YamlField& field) {
  auto items = List(field);
  if (!items) return std::nullopt;
  std::vector<std::pair<std::string, YamlField>> out;
  for (const YamlField& item : *items) {
    if (auto text = String(item)) out.emplace_back(*text, item);
  }
  return out;
}

YamlMap::YamlMap(YamlReader& reader, const YamlField& field, std::vector<std::string> allowed)
    : reader_(reader), field_(field) {
  if (field.IsNull()) {
    valid_ = true;
    return;
  }
  if (!field.IsMapping()) {
    reader.Error(field, "expected a mapping, got " + DescribeNodeType(field.node()));
    return;
  }
  valid_ = true;
  for (const YamlNode::Pair& pair : field.node().pairs()) {
    const YamlNode& key = *pair.key;
    SourceLocation key_location = reader.LocationOf(key);
    if (!key.IsScalar() || key.IsNull()) {
      reader.Error(key_location, field.path,
                   "expected a key such as a name, got " + DescribeNodeType(key));
      continue;
    }
    const std::string& name = key.text();
    std::string path = field.Child(name);
    if (const Entry* first = Find(name); first && !allowed.empty()) {
      reader.Error(key_location, path,
                   "duplicate key '" + name + "' (also at line " +
                       std::to_string(first->key_field.location.line) + ")");
      continue;
    }
    if (!allowed.empty() && std::find(allowed.begin(), allowed.end(), name) == allowed.end()) {
      std::string suggestion = ClosestMatch(name, allowed);
      if (!suggestion.empty()) suggested_.push_back(suggestion);
      reader.Error(key_location, path,
                   suggestion.empty()
                       ? "unknown key '" + name + "'; expected one of: " + Join(allowed)
                       : "unknown key '" + name + "'; did you mean '" + suggestion + "'?");
      continue;
    }
    entries_.push_back(Entry{name, YamlField(&key, path, key_location),
                             YamlField(pair.value, path, reader.LocationOf(*pair.value))});
  }
}

const YamlMap::Entry* YamlMap::Find(const std::string& key) const {
  for (const Entry& e : entries_) {
    if (e.key == key) return &e;
  }
  return nullptr;
}

std::optional<YamlField> YamlMap::Get(const std::string& key) const {
  const Entry* e = Find(key);
  if (!e) return std::nullopt;
  return e->value;
}

std::optional<YamlField> YamlMap::Require(const std::string& key) {
  auto value = Get(key);
  // A misspelt key ("cider") has been reported with its suggestion; "missing 'cidr'" would repeat
  // it.
  bool misspelt = std::find(suggested_.begin(), suggested_.end(), key) != suggested_.end();
  if (!value && valid_ && !misspelt) reader_.Error(field_, "missing required key '" + key + "'");
  return value;
}

SourceLocation YamlMap::KeyLocation(const std::string& key) const {
  const Entry* e = Find(key);
  return e ? e->key_field.location : field_.location;
}

std::optional<IcmpTypeCode> ReadIcmpTypeCode(YamlReader& r, const YamlMap& m,
                                             std::optional<int> protocol, bool code_needs_type) {
  IcmpTypeCode out;
  bool ok = true;
  for (auto [key, what, value] :
       {std::tuple{"icmp_type", "type", &out.type}, std::tuple{"icmp_code", "code", &out.code}}) {
    auto f = m.Get(key);
    if (!f) continue;
    auto number = r.Integer(*f);
    if (!number) {
      ok = false;
      continue;
    }
    if (*number < kAllIcmp || *number > 255) {
      r.Error(*f, std::string("ICMP ") + what + " " + std::to_string(*number) +
                      " is out of range; expected 0-255, or -1 for all");
      ok = false;
      continue;
    }
    if (protocol && *protocol != kIcmp) {
      r.Error(*f,
              std::string(key) + " applies only to protocol icmp, not " + ProtocolName(*protocol));
      ok = false;
      continue;
    }
    *value = static_cast<int>(*number);
  }
  if (ok && code_needs_type && out.type == kAllIcmp && out.code != kAllIcmp) {
    r.Error(*m.Get("icmp_code"), "icmp_code " + std::to_string(out.code) +
                                     " needs an icmp_type: a rule for all ICMP types is for all "
                                     "codes (AWS refuses a code with type -1)");
    ok = false;
  }
  if (!ok) return std::nullopt;
  return out;
}

}  // namespace vpcreach
