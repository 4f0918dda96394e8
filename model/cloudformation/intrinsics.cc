#include "model/cloudformation/intrinsics.h"

#include <charconv>

#include "model/catalog.h"
#include "model/cloudformation/deploy_time_value.h"
#include "model/ip.h"
#include "model/ipv6.h"

namespace vpcreach::cfn {
namespace {

// Sets the location of `value` and everything in it: a result is located at its intrinsic.
void Locate(CfnValue& value, const SourceLocation& location) {
  value.set_location(location);
  for (CfnValue& item : value.mutable_items()) Locate(item, location);
  for (CfnEntry& entry : value.mutable_entries()) {
    entry.key_location = location;
    Locate(entry.value, location);
  }
}

Evaluated At(CfnValue value, const CfnValue& at) {
  Locate(value, at.location());
  return Evaluated::Value(std::move(value));
}

std::optional<long long> ParseInteger(const std::string& text) {
  long long value = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || ptr != text.data() + text.size() || text.empty()) return std::nullopt;
  return value;
}

std::string EncodeBase64(const std::string& in) {
  static const char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  size_t i = 0;
  for (; i + 2 < in.size(); i += 3) {
    unsigned n = (static_cast<unsigned char>(in[i]) << 16) |
                 (static_cast<unsigned char>(in[i + 1]) << 8) |
                 static_cast<unsigned char>(in[i + 2]);
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    out += kAlphabet[(n >> 6) & 63];
    out += kAlphabet[n & 63];
  }
  if (i + 1 == in.size()) {
    unsigned n = static_cast<unsigned char>(in[i]) << 16;
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    out += "==";
  } else if (i + 2 == in.size()) {
    unsigned n =
        (static_cast<unsigned char>(in[i]) << 16) | (static_cast<unsigned char>(in[i + 1]) << 8);
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    out += kAlphabet[(n >> 6) & 63];
    out += '=';
  }
  return out;
}

// Fn::Equals compares what CloudFormation sees: scalar texts, lists item by item.
bool SameValue(const CfnValue& a, const CfnValue& b) {
  if ((a.IsScalar() || a.IsNull()) && (b.IsScalar() || b.IsNull())) return a.text() == b.text();
  if (a.IsList() && b.IsList()) {
    if (a.items().size() != b.items().size()) return false;
    for (size_t i = 0; i < a.items().size(); ++i) {
      if (!SameValue(a.items()[i], b.items()[i])) return false;
    }
    return true;
  }
  return a == b;
}

const CfnEntry* SoleEntry(const CfnValue& value) {
  if (!value.IsMap() || value.entries().size() != 1) return nullptr;
  return &value.entries().front();
}

bool IsList(const CfnValue& value, size_t size) {
  return value.IsList() && value.items().size() == size;
}

// The unknown value `text` is, when it is one deploy-time token and nothing else: an unknown
// stands for a list as well as for a string (deploy_time_value.h).
std::optional<DeployTimeValue> Unknown(const std::string& text) {
  std::optional<DeployTimeValue> found = FindDeployTimeValue(text);
  if (found && found->Token() != text) return std::nullopt;
  return found;
}

Evaluated UnknownAt(const DeployTimeValue& value, const CfnValue& at) {
  return Evaluated::Value(CfnValue::String(value.Token(), at.location(), at.path()));
}

}  // namespace

bool IsIntrinsic(const CfnValue& value) {
  const CfnEntry* entry = SoleEntry(value);
  return entry != nullptr && (entry->key == "Ref" || entry->key.rfind("Fn::", 0) == 0);
}

std::vector<SubPiece> ParseSubTemplate(const std::string& text) {
  std::vector<SubPiece> pieces;
  std::string literal;
  size_t i = 0;
  while (i < text.size()) {
    size_t open = text.find("${", i);
    size_t close = open == std::string::npos ? std::string::npos : text.find('}', open + 2);
    if (open == std::string::npos || close == std::string::npos) {
      literal += text.substr(i);
      break;
    }
    literal += text.substr(i, open - i);
    std::string name = text.substr(open + 2, close - open - 2);
    if (!name.empty() && name[0] == '!') {
      literal += "${" + name.substr(1) + "}";  // ${!Literal} writes ${Literal}
    } else {
      if (!literal.empty()) pieces.push_back(SubPiece{false, literal});
      literal.clear();
      pieces.push_back(SubPiece{true, name});
    }
    i = close + 1;
  }
  if (!literal.empty()) pieces.push_back(SubPiece{false, literal});
  return pieces;
}

Evaluated IntrinsicEvaluator::Fail(const CfnValue& at, std::string message) {
  diagnostics_.Add(at.location(), at.path(), std::move(message));
  return Evaluated::Error();
}

Evaluated IntrinsicEvaluator::Evaluate(const CfnValue& value) {
  if (const CfnEntry* entry = SoleEntry(value); entry != nullptr && IsIntrinsic(value)) {
    return Intrinsic(entry->key, entry->value, value);
  }
  if (value.IsMap()) {
    CfnValue out = CfnValue::Map({}, value.location(), value.path());
    for (const CfnEntry& entry : value.entries()) {
      Evaluated e = Evaluate(entry.value);
      if (e.ok())
        out.mutable_entries().push_back(
            CfnEntry{entry.key, entry.key_location, std::move(e.value)});
    }
    return Evaluated::Value(std::move(out));
  }
  if (value.IsList()) {
    CfnValue out = CfnValue::List({}, value.location(), value.path());
    for (const CfnValue& item : value.items()) {
      Evaluated e = Evaluate(item);
      if (e.ok()) out.mutable_items().push_back(std::move(e.value));
    }
    return Evaluated::Value(std::move(out));
  }
  return Evaluated::Value(value);
}

Evaluated IntrinsicEvaluator::Intrinsic(const std::string& name, const CfnValue& arg,
                                        const CfnValue& at) {
  if (name == "Ref") return Ref(arg, at);
  if (name == "Fn::Sub") return Sub(arg, at);
  if (name == "Fn::GetAtt") return GetAtt(arg, at);
  if (name == "Fn::ImportValue") return ImportValue(arg, at);
  if (name == "Fn::Select") return Select(arg, at);
  if (name == "Fn::Split") return Split(arg, at);
  if (name == "Fn::Join") return Join(arg, at);
  if (name == "Fn::GetAZs") return GetAZs(arg, at);
  if (name == "Fn::FindInMap") return FindInMap(arg, at);
  if (name == "Fn::Cidr") return Cidr(arg, at);
  if (name == "Fn::Base64") return Base64(arg, at);
  if (name == "Fn::If") return If(arg, at);
  if (name == "Fn::Equals" || name == "Fn::Not" || name == "Fn::And" || name == "Fn::Or") {
    return Fail(at, name +
                        " is a condition function: use it in the Conditions section and refer "
                        "to the condition by name with Fn::If");
  }
  return Fail(at, "unsupported intrinsic function '" + name +
                      "' (vpcreach evaluates Ref, Fn::Sub, Fn::GetAtt, Fn::ImportValue, "
                      "Fn::Select, Fn::Split, Fn::Join, Fn::GetAZs, Fn::FindInMap, Fn::Cidr, "
                      "Fn::Base64 and Fn::If)");
}

std::optional<std::string> IntrinsicEvaluator::ScalarArgument(const CfnValue& value,
                                                              const std::string& function,
                                                              const std::string& what,
                                                              const CfnValue& at) {
  Evaluated e = Evaluate(value);
  if (e.state == Evaluated::State::kError) return std::nullopt;
  if (e.state == Evaluated::State::kNoValue) {
    Fail(at, function + " expects " + what + ", got AWS::NoValue");
    return std::nullopt;
  }
  if (!e.value.IsScalar()) {
    Fail(at, function + " expects " + what + ", got " + e.value.Describe());
    return std::nullopt;
  }
  return e.value.text();
}

Evaluated IntrinsicEvaluator::Ref(const CfnValue& arg, const CfnValue& at) {
  if (!arg.IsScalar() || arg.text().empty()) {
    return Fail(at, "Ref expects the name of a parameter or resource, got " +
                        (arg.IsScalar() ? std::string("an empty string") : arg.Describe()));
  }
  const std::string& name = arg.text();
  if (name == "AWS::NoValue") return Evaluated::NoValue();
  if (const CfnValue* parameter = scope_.Parameter(name)) return At(*parameter, at);
  Evaluated e = scope_.ResourceRef(name, at);
  if (e.ok()) Locate(e.value, at.location());
  return e;
}

Evaluated IntrinsicEvaluator::Sub(const CfnValue& arg, const CfnValue& at) {
  const CfnValue* text = &arg;
  const CfnValue* variables = nullptr;
  if (arg.IsList()) {
    if (arg.items().size() != 2 || !arg.items()[0].IsScalar() || !arg.items()[1].IsMap()) {
      return Fail(at, "Fn::Sub expects a string or [string, {variables}], got " + arg.Describe());
    }
    text = &arg.items()[0];
    variables = &arg.items()[1];
  } else if (!arg.IsScalar()) {
    return Fail(at, "Fn::Sub expects a string or [string, {variables}], got " + arg.Describe());
  }
  std::string out;
  bool failed = false;
  for (const SubPiece& piece : ParseSubTemplate(text->text())) {
    if (!piece.variable) {
      out += piece.text;
      continue;
    }
    Evaluated value;
    const CfnValue* given = variables != nullptr ? variables->Find(piece.text) : nullptr;
    if (given != nullptr) {
      value = Evaluate(*given);
    } else if (const CfnValue* parameter = scope_.Parameter(piece.text)) {
      value = piece.text == "AWS::NoValue" ? Evaluated::NoValue() : Evaluated::Value(*parameter);
    } else if (size_t dot = piece.text.find('.'); dot != std::string::npos) {
      value = scope_.ResourceAttribute(piece.text.substr(0, dot), piece.text.substr(dot + 1), at);
    } else {
      value = scope_.ResourceRef(piece.text, at);
    }
    if (value.state == Evaluated::State::kError) {
      failed = true;
    } else if (!value.ok() || !value.value.IsScalar()) {
      Fail(at, "Fn::Sub: ${" + piece.text + "} is " +
                   (value.ok() ? value.value.Describe() : std::string("AWS::NoValue")) +
                   "; Fn::Sub inserts only strings (use Fn::Join for lists)");
      failed = true;
    } else {
      out += value.value.text();
    }
  }
  if (failed) return Evaluated::Error();
  return Evaluated::Value(CfnValue::String(out, at.location(), at.path()));
}

Evaluated IntrinsicEvaluator::GetAtt(const CfnValue& arg, const CfnValue& at) {
  std::string logical_id;
  std::string attribute;
  if (arg.IsScalar()) {
    size_t dot = arg.text().find('.');
    if (dot == std::string::npos || dot == 0 || dot + 1 == arg.text().size()) {
      return Fail(at, "Fn::GetAtt expects 'LogicalId.Attribute' or [LogicalId, Attribute], got '" +
                          arg.text() + "'");
    }
    logical_id = arg.text().substr(0, dot);
    attribute = arg.text().substr(dot + 1);
  } else if (IsList(arg, 2) && arg.items()[0].IsScalar()) {
    logical_id = arg.items()[0].text();
    auto name = ScalarArgument(arg.items()[1], "Fn::GetAtt", "an attribute name", at);
    if (!name) return Evaluated::Error();
    attribute = *name;
  } else {
    return Fail(at, "Fn::GetAtt expects 'LogicalId.Attribute' or [LogicalId, Attribute], got " +
                        arg.Describe());
  }
  Evaluated e = scope_.ResourceAttribute(logical_id, attribute, at);
  if (e.ok()) Locate(e.value, at.location());
  return e;
}

Evaluated IntrinsicEvaluator::ImportValue(const CfnValue& arg, const CfnValue& at) {
  auto name = ScalarArgument(arg, "Fn::ImportValue", "an export name (a string)", at);
  if (!name) return Evaluated::Error();
  Evaluated e = scope_.ImportValue(*name, at);
  if (e.ok()) Locate(e.value, at.location());
  return e;
}

Evaluated IntrinsicEvaluator::Select(const CfnValue& arg, const CfnValue& at) {
  if (!IsList(arg, 2)) return Fail(at, "Fn::Select expects [index, list], got " + arg.Describe());
  auto index_text = ScalarArgument(arg.items()[0], "Fn::Select", "an index (a number)", at);
  if (!index_text) return Evaluated::Error();
  std::optional<long long> index = ParseInteger(*index_text);
  if (!index || *index < 0) {
    return Fail(at, "Fn::Select expects an index that is a whole number 0 or more, got '" +
                        *index_text + "'");
  }
  Evaluated list = Evaluate(arg.items()[1]);
  if (list.state == Evaluated::State::kError) return list;
  if (std::optional<DeployTimeValue> unknown = list.ok() ? AsDeployTimeValue(list.value)
                                                         : std::nullopt) {
    unknown->attribute += "[" + std::to_string(*index) + "]";
    return UnknownAt(*unknown, at);
  }
  if (!list.ok() || !list.value.IsList()) {
    return Fail(at, "Fn::Select expects [index, list], got " +
                        (list.ok() ? list.value.Describe() : std::string("AWS::NoValue")) +
                        " as the list");
  }
  size_t size = list.value.items().size();
  if (static_cast<unsigned long long>(*index) >= size) {
    return Fail(at, "Fn::Select: index " + std::to_string(*index) +
                        " is out of range for a list of " + std::to_string(size) +
                        (size == 1 ? " item" : " items"));
  }
  return At(list.value.items()[*index], at);
}

Evaluated IntrinsicEvaluator::Split(const CfnValue& arg, const CfnValue& at) {
  if (!IsList(arg, 2))
    return Fail(at, "Fn::Split expects [delimiter, string], got " + arg.Describe());
  auto delimiter = ScalarArgument(arg.items()[0], "Fn::Split", "a delimiter (a string)", at);
  auto text = ScalarArgument(arg.items()[1], "Fn::Split", "a string to split", at);
  if (!delimiter || !text) return Evaluated::Error();
  if (delimiter->empty()) return Fail(at, "Fn::Split expects a non-empty delimiter");
  if (std::optional<DeployTimeValue> unknown = Unknown(*text)) return UnknownAt(*unknown, at);
  CfnValue out = CfnValue::List({}, at.location(), at.path());
  size_t start = 0;
  while (true) {
    size_t found = text->find(*delimiter, start);
    out.mutable_items().push_back(
        CfnValue::String(text->substr(start, found - start), at.location()));
    if (found == std::string::npos) break;
    start = found + delimiter->size();
  }
  return Evaluated::Value(std::move(out));
}

Evaluated IntrinsicEvaluator::Join(const CfnValue& arg, const CfnValue& at) {
  if (!IsList(arg, 2))
    return Fail(at, "Fn::Join expects [delimiter, [values]], got " + arg.Describe());
  auto delimiter = ScalarArgument(arg.items()[0], "Fn::Join", "a delimiter (a string)", at);
  Evaluated list = Evaluate(arg.items()[1]);
  if (!delimiter || list.state == Evaluated::State::kError) return Evaluated::Error();
  if (std::optional<DeployTimeValue> unknown = list.ok() ? AsDeployTimeValue(list.value)
                                                         : std::nullopt) {
    return UnknownAt(*unknown, at);
  }
  if (!list.ok() || !list.value.IsList()) {
    return Fail(at, "Fn::Join expects [delimiter, [values]], got " +
                        (list.ok() ? list.value.Describe() : std::string("AWS::NoValue")) +
                        " as the values");
  }
  std::string out;
  for (size_t i = 0; i < list.value.items().size(); ++i) {
    const CfnValue& item = list.value.items()[i];
    if (!item.IsScalar()) {
      return Fail(at, "Fn::Join expects a list of strings, got " + item.Describe() + " at item " +
                          std::to_string(i));
    }
    if (i > 0) out += *delimiter;
    out += item.text();
  }
  return Evaluated::Value(CfnValue::String(out, at.location(), at.path()));
}

Evaluated IntrinsicEvaluator::GetAZs(const CfnValue& arg, const CfnValue& at) {
  // `"Fn::GetAZs": null` and a bare `!GetAZs` mean the stack's region, as '' does: CloudFormation
  // deploys them, and AWS's sample templates write them.
  std::optional<std::string> region =
      arg.IsNull() ? std::optional<std::string>("")
                   : ScalarArgument(arg, "Fn::GetAZs", "a region name or ''", at);
  if (!region) return Evaluated::Error();
  if (std::optional<DeployTimeValue> unknown = Unknown(*region)) return UnknownAt(*unknown, at);
  std::string name = region->empty() ? scope_.region() : *region;
  if (!IsWellFormedRegion(name)) {
    return Fail(at, "Fn::GetAZs expects a region name such as us-east-1 or '', got '" + name + "'");
  }
  CfnValue out = CfnValue::List({}, at.location(), at.path());
  for (const std::string& zone : AvailabilityZones(name)) {
    out.mutable_items().push_back(CfnValue::String(zone, at.location()));
  }
  return Evaluated::Value(std::move(out));
}

Evaluated IntrinsicEvaluator::FindInMap(const CfnValue& arg, const CfnValue& at) {
  if (!IsList(arg, 3)) {
    return Fail(
        at, "Fn::FindInMap expects [MapName, TopLevelKey, SecondLevelKey], got " + arg.Describe());
  }
  std::optional<std::string> keys[3];
  const char* what[3] = {"a mapping name", "a top-level key", "a second-level key"};
  for (int i = 0; i < 3; ++i)
    keys[i] = ScalarArgument(arg.items()[i], "Fn::FindInMap", what[i], at);
  if (!keys[0] || !keys[1] || !keys[2]) return Evaluated::Error();
  for (const auto& key : keys) {
    if (std::optional<DeployTimeValue> unknown = Unknown(*key)) return UnknownAt(*unknown, at);
  }
  auto keys_of = [](const CfnValue& map) {
    std::vector<std::string> out;
    for (const CfnEntry& e : map.entries()) out.push_back(e.key);
    return out;
  };
  auto missing = [&](const std::string& what_key, const std::string& key, const CfnValue& map) {
    std::string message = "Fn::FindInMap: " + what_key + " has no key '" + key + "'";
    std::string close = ClosestMatch(key, keys_of(map));
    if (!close.empty()) message += "; did you mean '" + close + "'?";
    return Fail(at, message);
  };
  const CfnValue* mappings = scope_.Mappings();
  const CfnValue* map = mappings != nullptr ? mappings->Find(*keys[0]) : nullptr;
  if (map == nullptr) {
    std::string message = "Fn::FindInMap: no mapping '" + *keys[0] + "' in Mappings";
    std::string close = mappings != nullptr ? ClosestMatch(*keys[0], keys_of(*mappings)) : "";
    if (!close.empty()) message += "; did you mean '" + close + "'?";
    return Fail(at, message);
  }
  const CfnValue* top = map->Find(*keys[1]);
  if (top == nullptr) return missing("mapping '" + *keys[0] + "'", *keys[1], *map);
  const CfnValue* value = top->Find(*keys[2]);
  if (value == nullptr) return missing("'" + *keys[0] + "." + *keys[1] + "'", *keys[2], *top);
  return At(*value, at);
}

Evaluated IntrinsicEvaluator::Cidr(const CfnValue& arg, const CfnValue& at) {
  if (!IsList(arg, 3))
    return Fail(at, "Fn::Cidr expects [ipBlock, count, cidrBits], got " + arg.Describe());
  auto block_text = ScalarArgument(arg.items()[0], "Fn::Cidr", "an ipBlock (a CIDR)", at);
  auto count_text = ScalarArgument(arg.items()[1], "Fn::Cidr", "a count (a number)", at);
  auto bits_text = ScalarArgument(arg.items()[2], "Fn::Cidr", "cidrBits (a number)", at);
  if (!block_text || !count_text || !bits_text) return Evaluated::Error();
  for (const std::string* text : {&*block_text, &*count_text, &*bits_text}) {
    if (std::optional<DeployTimeValue> unknown = Unknown(*text)) return UnknownAt(*unknown, at);
  }
  // One computation for both families, over 128-bit integers: an IPv4 block is its 32 bits.
  const bool ipv6 = LooksLikeIpv6(*block_text);
  const int width = ipv6 ? 128 : 32;
  Ipv6 base = 0;
  int block_length = 0;
  std::string block_name;
  std::string error;
  if (ipv6) {
    std::optional<Ipv6Cidr> block = ParseIpv6Cidr(*block_text, &error);
    if (!block) return Fail(at, "Fn::Cidr: ipBlock '" + *block_text + "' is not a CIDR: " + error);
    base = block->base, block_length = block->length, block_name = block->ToString();
  } else {
    std::optional<vpcreach::Cidr> block = ParseCidr(*block_text, &error);
    if (!block) return Fail(at, "Fn::Cidr: ipBlock '" + *block_text + "' is not a CIDR: " + error);
    base = block->base, block_length = block->length, block_name = block->ToString();
  }
  std::optional<long long> count = ParseInteger(*count_text);
  if (!count || *count < 1 || *count > 256) {
    return Fail(at, "Fn::Cidr expects a count from 1 to 256, got '" + *count_text + "'");
  }
  std::optional<long long> bits = ParseInteger(*bits_text);
  if (!bits || *bits < 1 || *bits > width) {
    return Fail(at, "Fn::Cidr expects cidrBits from 1 to " + std::to_string(width) +
                        (ipv6 ? " for an IPv6 ipBlock" : "") +
                        " (the host bits of each subnet), got '" + *bits_text + "'");
  }
  int length = width - static_cast<int>(*bits);
  if (length < block_length) {
    return Fail(at, "Fn::Cidr: cidrBits " + *bits_text + " makes /" + std::to_string(length) +
                        " subnets, larger than the ipBlock " + block_name);
  }
  // count <= 256, so only a room of fewer than 2^9 subnets can be too small.
  int spare_bits = length - block_length;
  if (spare_bits < 9 && *count > (1LL << spare_bits)) {
    return Fail(at, "Fn::Cidr: " + *count_text + " subnets of /" + std::to_string(length) +
                        " do not fit in " + block_name + " (room for " +
                        std::to_string(1LL << spare_bits) + ")");
  }
  CfnValue out = CfnValue::List({}, at.location(), at.path());
  for (long long i = 0; i < *count; ++i) {
    // i > 0 implies bits < width (the block has room for two), so the shift is defined.
    Ipv6 subnet = i == 0 ? base : base + (static_cast<Ipv6>(i) << *bits);
    // CloudFormation writes IPv6 results with all eight groups and no "::"
    // ("2406:da1c:a1e:1234:0:0:0:0/64"): the form its drift reports show beside EC2's canonical
    // one (cloudformation-coverage-roadmap issues 938 and 2337).
    std::string text = ipv6 ? FormatIpv6Expanded(subnet) + "/" + std::to_string(length)
                            : vpcreach::Cidr{static_cast<Ipv4>(subnet), length}.ToString();
    out.mutable_items().push_back(CfnValue::String(std::move(text), at.location()));
  }
  return Evaluated::Value(std::move(out));
}

Evaluated IntrinsicEvaluator::Base64(const CfnValue& arg, const CfnValue& at) {
  auto text = ScalarArgument(arg, "Fn::Base64", "a string", at);
  if (!text) return Evaluated::Error();
  return Evaluated::Value(CfnValue::String(EncodeBase64(*text), at.location(), at.path()));
}

Evaluated IntrinsicEvaluator::If(const CfnValue& arg, const CfnValue& at) {
  if (!IsList(arg, 3) || !arg.items()[0].IsScalar()) {
    return Fail(
        at, "Fn::If expects [ConditionName, value if true, value if false], got " + arg.Describe());
  }
  std::optional<bool> holds = scope_.Condition(arg.items()[0].text(), at);
  if (!holds) return Evaluated::Error();
  return Evaluate(arg.items()[*holds ? 1 : 2]);
}

std::optional<bool> IntrinsicEvaluator::EvaluateCondition(const CfnValue& value) {
  const CfnEntry* entry = SoleEntry(value);
  const std::string expected =
      "expected a condition function (Fn::Equals, Fn::Not, Fn::And, Fn::Or) or {Condition: "
      "Name}, got ";
  if (entry == nullptr) {
    diagnostics_.Add(value.location(), value.path(), expected + value.Describe());
    return std::nullopt;
  }
  const std::string& name = entry->key;
  const CfnValue& arg = entry->value;
  if (name == "Condition") {
    if (!arg.IsScalar()) {
      Fail(value, "Condition expects a condition name, got " + arg.Describe());
      return std::nullopt;
    }
    return scope_.Condition(arg.text(), value);
  }
  if (name == "Fn::Equals") {
    if (!IsList(arg, 2)) {
      Fail(value, "Fn::Equals expects [value, value], got " + arg.Describe());
      return std::nullopt;
    }
    Evaluated a = Evaluate(arg.items()[0]);
    Evaluated b = Evaluate(arg.items()[1]);
    if (a.state == Evaluated::State::kError || b.state == Evaluated::State::kError)
      return std::nullopt;
    if (!a.ok() || !b.ok()) {
      Fail(value, "Fn::Equals cannot compare AWS::NoValue");
      return std::nullopt;
    }
    return SameValue(a.value, b.value);
  }
  if (name == "Fn::Not") {
    if (!IsList(arg, 1)) {
      Fail(value, "Fn::Not expects [condition], got " + arg.Describe());
      return std::nullopt;
    }
    std::optional<bool> inner = EvaluateCondition(arg.items()[0]);
    if (!inner) return std::nullopt;
    return !*inner;
  }
  if (name == "Fn::And" || name == "Fn::Or") {
    if (!arg.IsList() || arg.items().size() < 2 || arg.items().size() > 10) {
      Fail(value, name + " expects a list of 2 to 10 conditions, got " + arg.Describe());
      return std::nullopt;
    }
    bool is_and = name == "Fn::And";
    bool result = is_and;
    bool failed = false;
    // Every operand is evaluated, so every problem is reported.
    for (const CfnValue& operand : arg.items()) {
      std::optional<bool> holds = EvaluateCondition(operand);
      if (!holds) {
        failed = true;
      } else if (is_and) {
        result = result && *holds;
      } else {
        result = result || *holds;
      }
    }
    if (failed) return std::nullopt;
    return result;
  }
  diagnostics_.Add(value.location(), value.path(), expected + "'" + name + "'");
  return std::nullopt;
}

namespace {

void Collect(const CfnValue& value,
             const std::function<std::optional<bool>(const std::string&)>& condition,
             std::vector<Reference>* out) {
  auto add = [&](const std::string& target) {
    if (!target.empty()) out->push_back(Reference{target, value.path(), value.location()});
  };
  if (IsIntrinsic(value)) {
    const std::string& name = value.entries()[0].key;
    const CfnValue& arg = value.entries()[0].value;
    if (name == "Ref") {
      if (arg.IsScalar()) add(arg.text());
      return;
    }
    if (name == "Fn::GetAtt") {
      if (arg.IsScalar()) {
        add(arg.text().substr(0, arg.text().find('.')));
      } else if (arg.IsList() && !arg.items().empty() && arg.items()[0].IsScalar()) {
        add(arg.items()[0].text());
        for (size_t i = 1; i < arg.items().size(); ++i) Collect(arg.items()[i], condition, out);
      }
      return;
    }
    if (name == "Fn::Sub") {
      const CfnValue* text = &arg;
      const CfnValue* variables = nullptr;
      if (arg.IsList() && arg.items().size() == 2) {
        text = &arg.items()[0];
        variables = &arg.items()[1];
        Collect(*variables, condition, out);
      }
      if (!text->IsScalar()) return;
      for (const SubPiece& piece : ParseSubTemplate(text->text())) {
        if (!piece.variable) continue;
        if (variables != nullptr && variables->Find(piece.text) != nullptr) continue;
        add(piece.text.substr(0, piece.text.find('.')));
      }
      return;
    }
    if (name == "Fn::If" && arg.IsList() && arg.items().size() == 3 && arg.items()[0].IsScalar()) {
      std::optional<bool> holds = condition(arg.items()[0].text());
      if (!holds || *holds) Collect(arg.items()[1], condition, out);
      if (!holds || !*holds) Collect(arg.items()[2], condition, out);
      return;
    }
  }
  for (const CfnValue& item : value.items()) Collect(item, condition, out);
  for (const CfnEntry& entry : value.entries()) Collect(entry.value, condition, out);
}

}  // namespace

std::vector<Reference> CollectReferences(
    const CfnValue& value,
    const std::function<std::optional<bool>(const std::string&)>& condition) {
  std::vector<Reference> out;
  Collect(value, condition, &out);
  return out;
}

}  // namespace vpcreach::cfn
