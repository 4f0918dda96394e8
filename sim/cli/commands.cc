#include "sim/cli/commands.h"

#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <functional>
#include <iostream>
#include <optional>
#include <sstream>
#include <tuple>

#include "model/diagnostics.h"
#include "model/id_map.h"
#include "model/ip_ranges.h"
#include "model/scenario_loader.h"
#include "sim/forwarding_graph.h"
#include "sim/query/audit.h"
#include "sim/query/check.h"
#include "sim/query/design_match.h"
#include "sim/query/diff.h"
#include "sim/query/matrix.h"
#include "sim/query/names.h"
#include "sim/query/reach.h"
#include "sim/query/trace_query.h"
#include "sim/report/audit_report.h"
#include "sim/report/check_report.h"
#include "sim/report/ci_report.h"
#include "sim/report/diff_report.h"
#include "sim/report/matrix_report.h"
#include "sim/report/reach_report.h"
#include "sim/report/trace_report.h"
#include "sim/report/validate_report.h"
#include "sim/tracer.h"

namespace vpcreach {
namespace {

constexpr int kExitOk = 0;
constexpr int kExitFailed = 1;
constexpr int kExitUsage = 2;

const std::vector<std::string>& Commands() {
  static const std::vector<std::string> kCommands = {"validate", "trace", "reach", "check",
                                                       "matrix", "diff", "audit", "names"};
  return kCommands;
}

struct Io {
  std::ostream& out;
  std::ostream& err;
  bool stdout_is_terminal = false;
  bool stderr_is_terminal = false;
};

// Flags every command takes.
struct CommonFlags {
  std::vector<std::string> files;
  std::string format = "text";
  std::string output;
  bool quiet = false;
  std::string ip_ranges;  // --ip-ranges FILE: a full ip-ranges.json instead of the built-in one
  LoadOptions load;       // --allow-outside
};

struct TraceCommand {
  CommonFlags common;
  TraceFlags flags;
  CLI::Option* port = nullptr;
  CLI::Option* src_port = nullptr;
  CLI::Option* src_ip = nullptr;
  CLI::Option* dst_ip = nullptr;
  CLI::Option* icmp_type = nullptr;
  CLI::Option* icmp_code = nullptr;
  int port_value = 0;
  int src_port_value = 0;
  int icmp_type_value = 0;
  int icmp_code_value = 0;
  std::string src_ip_value;
  std::string dst_ip_value;
};

// The header space `reach` and `matrix` ask about, as written on the command line.
struct SpaceFlags {
  std::string protocol = "tcp";
  std::string ports;  // "" = all
  std::string src_ports = "1024-65535";
  std::size_t max_paths = 100'000;
};

// The same, parsed.
struct Space {
  int protocol = kTcp;
  std::optional<PortRange> ports;
  PortRange src_ports;
};

struct ReachCommand {
  CommonFlags common;
  std::string from;
  std::string to;
  SpaceFlags space;
  CLI::Option* icmp_type = nullptr;
  CLI::Option* icmp_code = nullptr;
  int icmp_type_value = kAllIcmp;
  int icmp_code_value = kAllIcmp;
};

struct MatrixCommand {
  CommonFlags common;
  SpaceFlags space;
  std::string by = "eni";
  int jobs = 0;  // 0: one process per core
};

struct DiffCommand {
  CommonFlags common;  // files: BEFORE
  std::vector<std::string> against;  // AFTER
  std::string scope;   // comma-separated endpoint names
  std::string fail_on = "warning";
  std::string map;  // --map FILE: design names -> AWS ids (design against deployed)
};

struct AuditCommand {
  CommonFlags common;
  AuditOptions options;
  std::string fail_on = "error";
};

struct CheckCommand {
  CommonFlags common;
  CheckOptions options;
  // Failed expectations are errors, undecided ones warnings: the default fails on both, as
  // `check` always has (exit 1 when anything is not proved to hold).
  std::string fail_on = "warning";
};

std::string Join(const std::vector<std::string>& items, const std::string& separator) {
  std::string out;
  for (const std::string& s : items) out += (out.empty() ? "" : separator) + s;
  return out;
}

void AddCommon(CLI::App* command, CommonFlags* flags, const std::vector<std::string>& formats) {
  command->add_option("FILE", flags->files, "scenario files (YAML)")->required();
  command->add_option("--format", flags->format, "output format: " + Join(formats, ", "))
      ->capture_default_str();
  command->add_option("-o,--output", flags->output,
                      "write the result to FILE, not stdout (-o -: stdout)");
  command->add_flag("-q,--quiet", flags->quiet, "no progress or notes on stderr");
  command->add_option("--ip-ranges", flags->ip_ranges,
                      "AWS's ip-ranges.json to take service ranges from (default: the built-in "
                      "snapshot)");
  command->add_flag("--allow-outside", flags->load.allow_outside,
                    "read files the scenario names outside the folder of the first FILE");
  InputLimits& limits = flags->load.limits;
  command->add_option("--max-file-size", limits.max_file_bytes, "bytes of any file read")
      ->capture_default_str();
  command->add_option("--max-stacks", limits.max_stacks, "entries of stacks:, in all files")
      ->capture_default_str();
  command
      ->add_option("--max-nested-stack-depth", limits.max_nested_stack_depth,
                   "levels of nested stacks below a stack")
      ->capture_default_str()
      ->check(CLI::NonNegativeNumber);
}

bool FormatIsOneOf(const std::string& command, const std::string& format,
                   const std::vector<std::string>& formats, std::ostream& err) {
  if (std::find(formats.begin(), formats.end(), format) != formats.end()) return true;
  err << "vpcreach: " << command << " --format '" << format << "' is not one of "
      << Join(formats, ", ");
  std::string suggestion = ClosestMatch(format, formats);
  if (!suggestion.empty()) err << "; did you mean '" << suggestion << "'?";
  err << "\n";
  return false;
}

bool ColorWanted(const CommonFlags& flags, const Io& io) {
  return io.stdout_is_terminal && (flags.output.empty() || flags.output == "-") &&
         std::getenv("NO_COLOR") == nullptr;
}

// Writes a command's result to stdout or to -o FILE; false (message on stderr) when it cannot.
bool Emit(const std::string& text, const CommonFlags& flags, const Io& io) {
  if (flags.output.empty() || flags.output == "-") {  // `-o -` is stdout, as the contract says
    io.out << text;
    io.out.flush();
    return true;
  }
  std::ofstream file(flags.output, std::ios::binary | std::ios::trunc);
  if (file) file << text;
  if (!file) {
    io.err << "vpcreach: cannot write " << flags.output << ": " << std::strerror(errno) << "\n";
    return false;
  }
  return true;
}

std::string JsonText(const nlohmann::ordered_json& j) { return j.dump(2) + "\n"; }

// Loads the scenario; on any error prints every diagnostic to stderr and returns nullopt. The
// warnings of a model that loads go to stderr too (validate also lists them in its summary).
std::optional<Model> Load(const CommonFlags& flags, const Io& io) {
  // Every run chooses again (the CLI tests run many commands in one process).
  UseBuiltinIpRanges();
  if (!flags.ip_ranges.empty()) {
    std::string error;
    std::optional<IpRanges> ranges = ReadIpRangesFile(flags.ip_ranges, &error);
    if (!ranges) {
      io.err << "vpcreach: --ip-ranges: " << error << "\n";
      return std::nullopt;
    }
    UseIpRanges(std::move(*ranges));
  }
  LoadResult loaded = LoadScenarioFiles(flags.files, flags.load);
  if (!loaded.ok()) {
    io.err << loaded.diagnostics.Format();
    return std::nullopt;
  }
  io.err << loaded.diagnostics.FormatWarnings();
  return std::move(loaded.model);
}

int RunValidate(const CommonFlags& flags, const Io& io) {
  if (!FormatIsOneOf("validate", flags.format, {"text", "json"}, io.err)) return kExitUsage;
  std::optional<Model> model = Load(flags, io);
  if (!model) return kExitUsage;
  std::string text =
      flags.format == "json" ? JsonText(ValidateToJson(*model)) : ValidateToText(*model);
  return Emit(text, flags, io) ? kExitOk : kExitUsage;
}

int RunNames(const CommonFlags& flags, const Io& io) {
  if (!FormatIsOneOf("names", flags.format, {"text", "json"}, io.err)) return kExitUsage;
  std::optional<Model> model = Load(flags, io);
  if (!model) return kExitUsage;
  std::vector<NameKind> kinds = EndpointNamesByKind(*model);
  std::string text = flags.format == "json" ? JsonText(NamesToJson(kinds)) : NamesToText(kinds);
  return Emit(text, flags, io) ? kExitOk : kExitUsage;
}

int RunTrace(TraceCommand& command, const Io& io) {
  const CommonFlags& flags = command.common;
  if (!FormatIsOneOf("trace", flags.format, {"text", "json", "dot"}, io.err)) return kExitUsage;
  // CLI11 2.1 has no std::optional options: an option's count says whether it was given.
  if (*command.port) command.flags.port = command.port_value;
  if (*command.src_port) command.flags.src_port = command.src_port_value;
  if (*command.src_ip) command.flags.src_ip = command.src_ip_value;
  if (*command.dst_ip) command.flags.dst_ip = command.dst_ip_value;
  if (*command.icmp_type) command.flags.icmp_type = command.icmp_type_value;
  if (*command.icmp_code) command.flags.icmp_code = command.icmp_code_value;
  std::optional<Model> model = Load(flags, io);
  if (!model) return kExitUsage;
  std::string error;
  std::optional<TraceQuery> query = MakeTraceQuery(*model, command.flags, &error);
  if (!query) {
    io.err << "vpcreach: " << error << "\n";
    return kExitUsage;
  }
  ForwardingGraph graph(*model);
  Tracer tracer(*model, graph);
  TraceResult result = tracer.Trace(query->origin, query->packet, query->options);
  JudgeGatewayDestination(*query, &result);
  FlowNames names{command.flags.from, command.flags.to};
  std::string text;
  if (flags.format == "json") {
    text = JsonText(TraceToJson(result, names));
  } else if (flags.format == "dot") {
    text = TraceToDot(result, graph);
  } else {
    text = TraceToText(result, names, ColorWanted(flags, io));
  }
  if (!Emit(text, flags, io)) return kExitUsage;
  return result.delivered ? kExitOk : kExitFailed;
}

// "443" or "1024-65535".
std::optional<PortRange> ParsePortRange(const std::string& text) {
  size_t dash = text.find('-');
  auto number = [](const std::string& t) -> std::optional<int> {
    if (t.empty() || t.size() > 5 || t.find_first_not_of("0123456789") != std::string::npos) {
      return std::nullopt;
    }
    int v = std::stoi(t);
    if (v > 65535) return std::nullopt;
    return v;
  };
  std::optional<int> from = number(text.substr(0, dash));
  std::optional<int> to = dash == std::string::npos ? from : number(text.substr(dash + 1));
  if (!from || !to || *from > *to) return std::nullopt;
  return PortRange{static_cast<std::uint16_t>(*from), static_cast<std::uint16_t>(*to)};
}

// nullopt (message on stderr) when a flag is not a protocol, port or port range.
std::optional<Space> ParseSpace(const SpaceFlags& flags, const Io& io) {
  Space space;
  std::optional<int> protocol = ParseProtocol(flags.protocol);
  if (!protocol) {
    io.err << "vpcreach: --protocol: expected tcp, udp, icmp, all or a number 0-255, got '"
           << flags.protocol << "'\n";
    return std::nullopt;
  }
  space.protocol = *protocol;
  if (!flags.ports.empty() && !HasPorts(space.protocol)) {
    io.err << "vpcreach: --port: ports apply only to tcp and udp\n";
    return std::nullopt;
  }
  for (auto [text, flag] : {std::pair{&flags.ports, "--port"}, {&flags.src_ports, "--src-port"}}) {
    if (text->empty()) continue;
    std::optional<PortRange> range = ParsePortRange(*text);
    if (!range) {
      io.err << "vpcreach: " << flag << ": expected a port such as 443 or a range such as "
             << "1024-65535, got '" << *text << "'\n";
      return std::nullopt;
    }
    if (text == &flags.ports) {
      space.ports = range;
    } else {
      space.src_ports = *range;
    }
  }
  return space;
}

// Copies the parsed space into a query that asks about one (ReachQuery, MatrixQuery).
template <typename Query>
void SetSpace(const Space& space, const SpaceFlags& flags, Query* query) {
  query->protocol = space.protocol;
  query->ports = space.ports;
  query->src_ports = space.src_ports;
  query->max_paths = flags.max_paths;
}

void AddSpaceOptions(CLI::App* command, SpaceFlags* flags) {
  command->add_option("--protocol", flags->protocol, "tcp, udp, icmp, all or a number")
      ->capture_default_str();
  command->add_option("--port", flags->ports, "destination port or range (default: all)");
  command->add_option("--src-port", flags->src_ports, "source port or range")
      ->capture_default_str();
  command->add_option("--max-paths", flags->max_paths, "budget of delivered paths per source")
      ->capture_default_str();
}

int RunReach(const ReachCommand& command, const Io& io) {
  const CommonFlags& flags = command.common;
  if (!FormatIsOneOf("reach", flags.format, {"text", "json"}, io.err)) return kExitUsage;
  ReachQuery query;
  query.from = command.from;
  query.to = command.to;
  std::optional<Space> space = ParseSpace(command.space, io);
  if (!space) return kExitUsage;
  SetSpace(*space, command.space, &query);
  for (auto [option, flag, value, field] :
       {std::tuple{command.icmp_type, "--icmp-type", command.icmp_type_value, &query.icmp.type},
        std::tuple{command.icmp_code, "--icmp-code", command.icmp_code_value, &query.icmp.code}}) {
    if (option->count() == 0) continue;
    if (space->protocol != kIcmp) {
      io.err << "vpcreach: " << flag << ": applies to --protocol icmp only, not "
             << ProtocolName(space->protocol) << "\n";
      return kExitUsage;
    }
    if (value < kAllIcmp || value > 255) {
      io.err << "vpcreach: " << flag << ": " << value
             << " is out of range; expected 0-255, or -1 for all\n";
      return kExitUsage;
    }
    *field = value;
  }
  std::optional<Model> model = Load(flags, io);
  if (!model) return kExitUsage;
  ForwardingGraph graph(*model);
  std::string error;
  std::optional<ReachAnswer> answer = vpcreach::RunReach(*model, graph, query, &error);
  if (!answer) {
    io.err << "vpcreach: " << error << "\n";
    return kExitUsage;
  }
  std::string text = flags.format == "json"
                         ? JsonText(ReachToJson(*answer, query, flags.files))
                         : ReachToText(*answer, query, flags.files, ColorWanted(flags, io));
  if (!Emit(text, flags, io)) return kExitUsage;
  return answer->groups.empty() ? kExitFailed : kExitOk;
}

int RunMatrix(const MatrixCommand& command, const Io& io) {
  const CommonFlags& flags = command.common;
  if (!FormatIsOneOf("matrix", flags.format, {"text", "json", "csv"}, io.err)) return kExitUsage;
  MatrixQuery query;
  std::optional<MatrixBy> by = ParseMatrixBy(command.by);
  if (!by) {
    io.err << "vpcreach: --by: expected eni, subnet, security-group or workload, got '"
           << command.by << "'\n";
    return kExitUsage;
  }
  query.by = *by;
  std::optional<Space> space = ParseSpace(command.space, io);
  if (!space) return kExitUsage;
  SetSpace(*space, command.space, &query);
  std::optional<Model> model = Load(flags, io);
  if (!model) return kExitUsage;
  ForwardingGraph graph(*model);
  bool show_progress = io.stderr_is_terminal && !flags.quiet;
  query.workers = command.jobs;
  std::size_t shown = 0;
  MatrixResult m = ComputeMatrix(*model, graph, query, [&](std::size_t done, std::size_t total) {
    if (show_progress && (done >= shown + 16 || done == total)) {
      shown = done;
      io.err << "\rmatrix: " << done << "/" << total << " sources" << (done == total ? "\n" : "")
             << std::flush;
    }
  });
  std::string text;
  if (flags.format == "json") {
    text = JsonText(MatrixToJson(m, query));
  } else if (flags.format == "csv") {
    text = MatrixToCsv(m);
  } else {
    std::optional<std::string> table = MatrixToText(m, query);
    if (!table) {
      io.err << "vpcreach: the matrix has " << m.labels.size() << " rows, too many for a table ("
             << kMaxTableColumns << " at most); use --format csv or json, or a coarser --by\n";
      return kExitUsage;
    }
    text = *table;
  }
  if (!Emit(text, flags, io)) return kExitUsage;
  return m.budget_exceeded ? kExitFailed : kExitOk;
}

// nullopt (message on stderr) unless `text` is error, warning or never (or opened, for diff).
std::optional<FailOn> ParseFailOnFlag(const std::string& text, bool diff, const Io& io) {
  std::optional<FailOn> fail_on = ParseFailOn(text);
  if (fail_on == FailOn::kOpened && !diff) fail_on.reset();  // only diff opens flows
  if (!fail_on) {
    io.err << "vpcreach: --fail-on: expected error, warning" << (diff ? ", opened" : "")
           << " or never, got '" << text << "'";
    std::vector<std::string> words = {"error", "warning", "never"};
    if (diff) words.push_back("opened");
    std::string suggestion = ClosestMatch(text, words);
    if (!suggestion.empty()) io.err << "; did you mean '" << suggestion << "'?";
    io.err << "\n";
  }
  return fail_on;
}

// The result of `check`, `audit` or `diff` in the asked format; the exit status from --fail-on.
struct CiOutput {
  std::vector<CiRule> rules;
  std::vector<CiItem> items;
  std::function<std::string()> text;
  std::function<nlohmann::ordered_json()> json;
  std::function<std::string()> junit;
};

int EmitCi(const CommonFlags& flags, const Io& io, FailOn fail_on, const CiOutput& out) {
  std::string text;
  if (flags.format == "json") {
    text = JsonText(out.json());
  } else if (flags.format == "junit") {
    text = out.junit();
  } else if (flags.format == "sarif") {
    // Locations relative to the working directory: the repository root in a CI job.
    text = JsonText(ToSarif(CiTool{"vpcreach", kVersion, ""}, out.rules, out.items, ""));
  } else {
    text = out.text();
  }
  if (!Emit(text, flags, io)) return kExitUsage;
  return Fails(out.items, fail_on) ? kExitFailed : kExitOk;
}

// The flags `check`, `diff` and `audit` share: a CI format and --fail-on. nullopt (message on
// stderr) when either is wrong.
std::optional<FailOn> CiFlags(const std::string& command, const CommonFlags& flags,
                              const std::string& fail_on, const Io& io) {
  if (!FormatIsOneOf(command, flags.format, {"text", "json", "junit", "sarif"}, io.err)) {
    return std::nullopt;
  }
  return ParseFailOnFlag(fail_on, command == "diff", io);
}

int RunCheck(const CheckCommand& command, const Io& io) {
  const CommonFlags& flags = command.common;
  std::optional<FailOn> fail_on = CiFlags("check", flags, command.fail_on, io);
  if (!fail_on) return kExitUsage;
  std::optional<Model> model = Load(flags, io);
  if (!model) return kExitUsage;
  if (model->expectations.empty() && !flags.quiet) {
    io.err << "vpcreach: note: the scenario has no expectations (`expect:`); nothing to check\n";
  }
  ForwardingGraph graph(*model);
  CheckReport report = RunChecks(*model, graph, command.options);
  return EmitCi(flags, io, *fail_on,
                CiOutput{CheckCiRules(), CheckToCiItems(report, *model),
                         [&] { return CheckToText(report, ColorWanted(flags, io)); },
                         [&] { return CheckToJson(report); },
                         [&] {
                           return CheckToJunit(
                               report, model->name.empty() ? flags.files.front() : model->name,
                               *fail_on);
                         }});
}

// Design against deployed (design_match.h): when exactly one side is a deployed estate, its
// components take the other side's names. False (message on stderr) on a bad --map.
bool MatchDesignAndDeployed(const DiffCommand& command, Model* before, Model* after, const Io& io) {
  bool before_deployed = IsDeployedEstate(*before);
  bool after_deployed = IsDeployedEstate(*after);
  if (before_deployed == after_deployed) {
    if (command.map.empty()) return true;
    io.err << "vpcreach: --map: " << (before_deployed ? "both sides" : "neither side")
           << " of the diff is a deployed estate; the map names the AWS resources of the one "
              "side that is (a snapshot folder), to compare a design with it\n";
    return false;
  }
  IdMap map;
  Diagnostics diagnostics;
  if (!command.map.empty()) {
    std::optional<IdMap> read = ReadIdMap(command.map, &diagnostics);
    if (!read) {
      io.err << diagnostics.Format();
      return false;
    }
    map = std::move(*read);
  }
  Model* design = before_deployed ? after : before;
  Model* deployed = before_deployed ? before : after;
  DesignMatch match;
  if (!MatchDeployedToDesign(design, deployed, map, &diagnostics, &match)) {
    io.err << diagnostics.Format();
    return false;
  }
  if (!command.common.quiet) {
    io.err << "vpcreach: note: design against deployed: " << match.by_id
           << " components matched by id, " << match.by_map << " by the map, " << match.by_owner
           << " interfaces by their owner, " << match.by_vpc
           << " VPC defaults by their VPC; the rest are compared as added or removed\n";
  }
  return true;
}

int RunDiff(const DiffCommand& command, const Io& io) {
  const CommonFlags& flags = command.common;
  std::optional<FailOn> fail_on = CiFlags("diff", flags, command.fail_on, io);
  if (!fail_on) return kExitUsage;
  std::optional<Model> before = Load(flags, io);
  CommonFlags after_flags = flags;
  after_flags.files = command.against;
  std::optional<Model> after = Load(after_flags, io);
  if (!before || !after) return kExitUsage;
  if (!MatchDesignAndDeployed(command, &*before, &*after, io)) return kExitUsage;
  ForwardingGraph before_graph(*before);
  ForwardingGraph after_graph(*after);
  DiffOptions options;
  std::stringstream scope(command.scope);
  for (std::string name; std::getline(scope, name, ',');) {
    if (!name.empty()) options.scope.push_back(name);
  }
  if (io.stderr_is_terminal && !flags.quiet) {
    options.progress = [&](std::size_t done, std::size_t total) {
      if (done % 16 == 0 || done == total) {
        io.err << "\rdiff: " << done << "/" << total << " sources" << (done == total ? "\n" : "")
               << std::flush;
      }
    };
  }
  std::string error;
  std::optional<DiffResult> result =
      vpcreach::RunDiff(*before, before_graph, *after, after_graph, options, &error);
  if (!result) {
    io.err << "vpcreach: " << error << "\n";
    return kExitUsage;
  }
  std::vector<CiItem> items = DiffToCiItems(*result, *before, *after);
  return EmitCi(flags, io, *fail_on,
                CiOutput{DiffCiRules(), items,
                         [&] {
                           return DiffToText(*result, flags.files, command.against,
                                             ColorWanted(flags, io));
                         },
                         [&] { return DiffToJson(*result, flags.files, command.against); },
                         [&] {
                           return ToJunit("vpcreach diff", "vpcreach diff", items, *fail_on);
                         }});
}

int RunAuditCommand(const AuditCommand& command, const Io& io) {
  const CommonFlags& flags = command.common;
  std::optional<FailOn> fail_on = CiFlags("audit", flags, command.fail_on, io);
  if (!fail_on) return kExitUsage;
  std::optional<Model> model = Load(flags, io);
  if (!model) return kExitUsage;
  ForwardingGraph graph(*model);
  AuditReport report = RunAudit(*model, graph, command.options);
  AuditCi ci = AuditToCiItems(report, *model);
  return EmitCi(flags, io, *fail_on,
                CiOutput{ci.rules, ci.items,
                         [&] { return AuditToText(report, ColorWanted(flags, io)); },
                         [&] { return AuditToJson(report); },
                         [&] {
                           return ToJunit("vpcreach audit", "vpcreach audit", ci.items, *fail_on);
                         }});
}

// "vpcreach: unknown command 'chek'; did you mean 'check'?", or nothing when args[0] is fine.
bool CheckCommandName(const std::vector<std::string>& args, std::ostream& err) {
  const std::string& word = args.front();
  if (word.empty() || word[0] == '-') return true;
  const std::vector<std::string>& known = Commands();
  if (std::find(known.begin(), known.end(), word) != known.end()) return true;
  err << "vpcreach: unknown command '" << word << "'";
  std::string suggestion = ClosestMatch(word, known);
  if (suggestion.empty()) {
    err << "; the commands are " << Join(known, ", ") << "\n";
  } else {
    err << "; did you mean '" << suggestion << "'?\n";
  }
  return false;
}

int Run(const std::vector<std::string>& args, const Io& io) {
  CLI::App app{"vpcreach: an offline reachability simulator for AWS VPCs", "vpcreach"};
  app.set_version_flag("--version", std::string("vpcreach ") + kVersion);
  app.require_subcommand(1);
  app.footer("Exit status: 0 holds / delivered, 1 fails / dropped, 2 bad input or usage.");

  CommonFlags validate_flags;
  CLI::App* validate =
      app.add_subcommand("validate", "load the scenario, report every problem, summarize it");
  AddCommon(validate, &validate_flags, {"text", "json"});

  CommonFlags names_flags;
  CLI::App* names = app.add_subcommand(
      "names", "every endpoint name the model accepts in --from and --to, by kind");
  AddCommon(names, &names_flags, {"text", "json"});

  TraceCommand trace;
  CLI::App* trace_app =
      app.add_subcommand("trace", "follow one packet hop by hop, forward and return");
  AddCommon(trace_app, &trace.common, {"text", "json", "dot"});
  trace_app->add_option("--from", trace.flags.from, "source endpoint")->required();
  trace_app->add_option("--to", trace.flags.to, "destination endpoint")->required();
  trace_app->add_option("--protocol", trace.flags.protocol, "tcp, udp, icmp or a number")
      ->capture_default_str();
  trace.port = trace_app->add_option("--port", trace.port_value,
                                     "destination port (default: the service's port, else 443)");
  trace.src_port =
      trace_app->add_option("--src-port", trace.src_port_value, "source port (default 40000)");
  trace.src_ip = trace_app->add_option("--src-ip", trace.src_ip_value, "source address");
  trace.dst_ip = trace_app->add_option("--dst-ip", trace.dst_ip_value, "destination address");
  trace.icmp_type =
      trace_app->add_option("--icmp-type", trace.icmp_type_value,
                            "ICMP type, with --protocol icmp (default 8, echo request)");
  trace.icmp_code =
      trace_app->add_option("--icmp-code", trace.icmp_code_value, "ICMP code (default 0)");

  ReachCommand reach;
  CLI::App* reach_app = app.add_subcommand(
      "reach", "every packet from A to B that is delivered and answered, as readable classes");
  AddCommon(reach_app, &reach.common, {"text", "json"});
  reach_app->add_option("--from", reach.from, "source endpoint")->required();
  reach_app->add_option("--to", reach.to, "destination endpoint")->required();
  AddSpaceOptions(reach_app, &reach.space);
  reach.icmp_type = reach_app->add_option("--icmp-type", reach.icmp_type_value,
                                          "ICMP type, with --protocol icmp (default: all)");
  reach.icmp_code =
      reach_app->add_option("--icmp-code", reach.icmp_code_value, "ICMP code (default: all)");

  MatrixCommand matrix;
  CLI::App* matrix_app = app.add_subcommand("matrix", "who can reach whom");
  AddCommon(matrix_app, &matrix.common, {"text", "json", "csv"});
  AddSpaceOptions(matrix_app, &matrix.space);
  matrix.space.max_paths = 1'000'000;
  matrix_app->add_option("--by", matrix.by, "eni, subnet, security-group or workload")
      ->capture_default_str();
  matrix_app->add_option("--jobs", matrix.jobs,
                         "processes to run the solver in (default: one per core)")
      ->check(CLI::Range(1, 256));

  DiffCommand diff;
  CLI::App* diff_app = app.add_subcommand(
      "diff", "which flows a change opens or closes: diff BEFORE... --against AFTER...");
  AddCommon(diff_app, &diff.common, {"text", "json", "junit", "sarif"});
  diff_app->add_option("--against", diff.against, "the changed version's scenario files")
      ->required();
  diff_app->add_option("--scope", diff.scope,
                       "only flows between these endpoints (comma-separated names)");
  diff_app->add_option("--map", diff.map,
                       "design names -> AWS ids (YAML, or describe-stack-resources JSON), to "
                       "compare a design with a deployed estate");
  diff_app
      ->add_option("--fail-on", diff.fail_on,
                   "exit 1 when a flow opened or closed (error, or warning, the default), only "
                   "when one opened (opened), or never")
      ->capture_default_str();

  AuditCommand audit;
  CLI::App* audit_app =
      app.add_subcommand("audit", "configuration findings: what the workshop teaches to avoid");
  AddCommon(audit_app, &audit.common, {"text", "json", "junit", "sarif"});
  audit_app
      ->add_option("--fail-on", audit.fail_on,
                   "exit 1 on an error finding (error), also on a warning (warning), or never")
      ->capture_default_str();
  audit_app->add_option("--max-paths", audit.options.max_paths, "budget of the solver")
      ->capture_default_str();

  CheckCommand check;
  CLI::App* check_app = app.add_subcommand("check", "verify the scenario's expect: list");
  AddCommon(check_app, &check.common, {"text", "json", "junit", "sarif"});
  check_app
      ->add_option("--max-paths", check.options.max_paths,
                   "budget of delivered paths per origin; past it: undecided")
      ->capture_default_str();
  check_app
      ->add_option("--fail-on", check.fail_on,
                   "exit 1 on a failed expectation (error), also on an undecided one (warning), "
                   "or never")
      ->capture_default_str();

  if (args.empty()) {
    io.out << app.help();
    return kExitOk;
  }
  if (!CheckCommandName(args, io.err)) return kExitUsage;
  std::vector<std::string> reversed(args.rbegin(), args.rend());  // CLI11 parses from the back
  try {
    app.parse(reversed);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e, io.out, io.err);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e, io.out, io.err);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e, io.out, io.err);
  } catch (const CLI::ParseError& e) {
    io.err << "vpcreach: " << e.what() << "\n";
    const std::string& command = args.front();
    if (std::find(Commands().begin(), Commands().end(), command) != Commands().end()) {
      io.err << "run 'vpcreach " << command << " --help' for its options\n";
    } else {
      io.err << "run 'vpcreach --help' for the commands\n";
    }
    return kExitUsage;
  }
  if (validate->parsed()) return RunValidate(validate_flags, io);
  if (names->parsed()) return RunNames(names_flags, io);
  if (trace_app->parsed()) return RunTrace(trace, io);
  if (reach_app->parsed()) return RunReach(reach, io);
  if (matrix_app->parsed()) return RunMatrix(matrix, io);
  if (check_app->parsed()) return RunCheck(check, io);
  if (diff_app->parsed()) return RunDiff(diff, io);
  if (audit_app->parsed()) return RunAuditCommand(audit, io);
  io.err << "vpcreach: no command given; run 'vpcreach --help'\n";
  return kExitUsage;
}

}  // namespace

int RunCli(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  return Run(args, Io{out, err, /*stdout_is_terminal=*/false, /*stderr_is_terminal=*/false});
}

int RunCli(int argc, char** argv) {
  std::vector<std::string> args(argv + std::min(argc, 1), argv + argc);
  return Run(args, Io{std::cout, std::cerr, isatty(STDOUT_FILENO) == 1, isatty(STDERR_FILENO) == 1});
}

}  // namespace vpcreach
