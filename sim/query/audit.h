// `vpcreach audit`: configuration findings that are not paths but that the SageMaker security
// workshop teaches, each with a stable rule id, a severity, the location of the offending
// component in its input file (scenario or CloudFormation template) and a one-line fix.
//
// The rules (AuditRules() lists them with their descriptions; the ids never change meaning):
//   VPCR001 warning  notebook instance with root access enabled (AWS's default)
//   VPCR002 warning  notebook instance whose storage volume has no KMS key
//   VPCR003 error    direct internet access on a notebook in a VPC: its internet and S3 traffic
//                    leave through SageMaker's network, past the VPC's groups, NACLs, NAT and
//                    endpoints;  warning  on a notebook without a VPC (there are no controls)
//   VPCR004 warning  training job without a VPC configuration
//   VPCR005 warning  training job of two or more instances without inter-container encryption
//   VPCR006 note     training job with network isolation off
//   VPCR007 warning  VPC without flow logs
//   VPCR008          security-group ingress from the internet on an administrative port, decided
//                    on paths, not rule by rule:
//                      error  some request from the internet (inside the rule's source range) on
//                             that port, tcp, client ports 1024-65535, is delivered to an ENI
//                             carrying the group and answered (the solver decides it; the
//                             finding carries the witness packet traced by the tracer);
//                      note   no ENI carrying the group is reachable that way ("open rule, not
//                             reachable"), or no ENI carries the group at all.
//   VPCR009 warning  the NACL of a NAT gateway's subnet admits only part of 1024-65535 back
//                    (the ports the NAT gateway picks for its connections) for some sender
//                    outside the subnet and tcp or udp: the connections whose translated port
//                    it refuses fail. Located at the refusing rule (or, for the implicit deny,
//                    the rule that admits the others); one per NAT gateway. Only the NAT
//                    gateway's own subnet's NACL is read here: a far end inside the VPC whose
//                    NACL outbound does the same is found by `check` and `trace` on its path.
//   VPCR010 warning  a resource that places network interfaces in a VPC or connects networks is
//                    not modelled (Model::ignored_resources with shapes_reachability)
//
// VPCR008's scope, as decided here:
//  - "From the internet": a CIDR peer (or a prefix-list entry) of prefix length <= 8 that holds
//    public addresses (the catalog's `internet` service: 0.0.0.0/0 less the RFC 6890 special
//    blocks). 0.0.0.0/0, 0.0.0.0/1 and 44.0.0.0/8 qualify; 10.0.0.0/8 and 52.0.0.0/9 do not
//    (a /9 of public space is a known provider's block, not "anyone").
//  - Administrative ports (tcp only; a rule of protocol `all` covers them all):
//    22 SSH, 23 telnet, 3389 RDP, 5985-5986 WinRM (HTTP and HTTPS).
//  - The path question is asked only for sources inside the rule's own broad ranges (a rule from
//    1.0.0.0/8 is judged on requests from 1.0.0.0/8), on the admin ports the rule admits, to the
//    private and public addresses of every ENI carrying the group. One solver call answers all
//    the rules at once (a request's fate does not depend on what else is asked), restricted
//    afterwards to each rule's sources and ports and split by the ENI each path ends at. One
//    error per (rule, reachable ENI). On the generated region estate (5,047 ENIs, 3,177 open
//    rules) that call takes ~35 s of the audit's ~36 s; the lab takes ~20 ms.
//  - A solver budget that runs out is reported as an error saying so, never as "not reachable".
//
// Findings are sorted by file (the scenario files in the order given, then other files such as
// templates, by name), line, column, rule id and message.
#ifndef VPCREACH_SIM_QUERY_AUDIT_H_
#define VPCREACH_SIM_QUERY_AUDIT_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/diagnostics.h"
#include "model/model.h"
#include "sim/forwarding_graph.h"
#include "sim/tracer.h"

namespace vpcreach {

enum class Severity { kError, kWarning, kNote };

// "error", "warning", "note".
const char* SeverityName(Severity severity);

// A rule the audit applies: what it looks for and why it matters.
struct AuditRule {
  std::string id;                 // "VPCR001"
  std::string name;               // PascalCase: "NotebookRootAccess"
  Severity severity;              // the usual severity (VPCR003 and VPCR008 vary per finding)
  std::string short_description;  // one sentence
  std::string full_description;   // a paragraph: what, why, and the severities it can have
  std::string help;               // what to do, in general
};

// Every rule, in id order.
const std::vector<AuditRule>& AuditRules();

struct AuditFinding {
  std::string rule_id;
  Severity severity = Severity::kWarning;
  SourceLocation location;  // the offending component (VPCR008: the ingress rule)
  std::string component;    // its id: notebook, training job, VPC or security group
  std::string message;      // one line, names the component
  std::string fix;          // one line, in the words of the file the component is written in
  // VPCR008 errors: the request from the internet that is delivered and answered, traced.
  std::optional<TraceResult> witness;
  std::string witness_to;  // the ENI the witness reaches (for rendering its path)
};

struct AuditOptions {
  // Delivered paths per solver question (VPCR008); past it the finding says it is undecided.
  std::uint64_t max_paths = 100'000;
};

struct AuditReport {
  std::vector<AuditFinding> findings;  // sorted as the header comment says
  int Count(Severity severity) const;
};

// Runs every rule on the model. The model and graph are only read.
AuditReport RunAudit(const Model& model, const ForwardingGraph& graph,
                     const AuditOptions& options = {});

// Administrative ports that VPCR008 looks at.
struct AdminPort {
  PortRange ports;
  const char* service;  // "SSH"
};
const std::vector<AdminPort>& AdminPorts();

// True when `cidr` counts as "the internet" for VPCR008 (prefix length <= 8 holding public space).
bool IsBroadInternetCidr(const Model& model, const Cidr& cidr);

}  // namespace vpcreach

#endif  // VPCREACH_SIM_QUERY_AUDIT_H_
