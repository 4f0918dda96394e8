// `vpcreach matrix`: who can reach whom, for one protocol and port range.
//
// Rows and columns are ENIs, subnets, security groups or workloads (`--by`), plus the catalog's
// services (the internet, pypi, s3, ...). A cell holds when some request from the row to the
// column, in the asked header space, is delivered and answered (the solver's exact answer).
// Service-to-service cells are left empty: no VPC lies between two outside destinations.
//
// Scale: ENIs that no rule, route or workload can tell apart are computed once. Two ENIs are
// equivalent when they sit in the same subnet, carry the same security groups, play the same
// role (public IP or not, source/destination check, the same SageMaker workload or interface
// endpoint, never a route target), and their addresses fall in the same atom of every CIDR the
// model writes. Swapping two equivalent ENIs maps the network onto itself, so one solver run per
// class of sources decides a whole row block, and a column block is decided by any one member:
// a region costs pairs of classes, not pairs of ENIs.
#ifndef VPCREACH_SIM_QUERY_MATRIX_H_
#define VPCREACH_SIM_QUERY_MATRIX_H_

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "model/model.h"
#include "sim/forwarding_graph.h"

namespace vpcreach {

enum class MatrixBy { kEni, kSubnet, kSecurityGroup, kWorkload };

struct MatrixQuery {
  int protocol = kTcp;             // or kAllProtocols
  std::optional<PortRange> ports;  // destination ports; nullopt = all
  PortRange src_ports{1024, 65535};
  MatrixBy by = MatrixBy::kEni;
  std::size_t max_paths = 1'000'000;  // per source class
  int workers = 0;  // processes to spread the solver runs over (parallel_jobs.h); 0: one per core
};

struct MatrixResult {
  std::vector<std::string> labels;  // rows and columns, in this order
  std::vector<std::string> kinds;   // "eni", "subnet", "security_group", "workload", "service"
  // reach[i][j]: labels[i] reaches labels[j].
  std::vector<std::vector<bool>> reach;
  std::size_t enis = 0;
  std::size_t eni_classes = 0;  // equivalence classes of ENIs (solver runs from ENIs)
  bool budget_exceeded = false;
  // Load balancers with targets: a cell counts connections to a balancer, not the ones it opens
  // to its targets (questions without a destination end at the balancer, load_balancer.h).
  std::vector<std::string> proxies;
};

// `progress(done, total)` is called after each solver run (may be empty).
MatrixResult ComputeMatrix(const Model& model, const ForwardingGraph& graph,
                           const MatrixQuery& query,
                           const std::function<void(std::size_t, std::size_t)>& progress = {});

// Equivalence classes of ENIs (see the header comment): class index per ENI.
std::vector<std::size_t> EniClasses(const Model& model, std::size_t* count);

std::optional<MatrixBy> ParseMatrixBy(const std::string& text);
const char* MatrixByName(MatrixBy by);

}  // namespace vpcreach

#endif  // VPCREACH_SIM_QUERY_MATRIX_H_
