// The forwarding graph: every place a packet can be, and every move between places that the
// model allows. Built once from a Model (Boost.Graph adjacency list) and shared, read-only, by the
// tracer (one packet) and the set-based solver (all packets).
//
// Vertices: ENIs, subnets, route tables, internet gateways, NAT gateways, gateway endpoints, and
// three singletons: the outside world (internet and public AWS service ranges), SageMaker's own
// network, and the Amazon-provided services (DNS, metadata, time).
// Edges (directed):
//   ENI -> its subnet (send)              subnet -> each ENI in it (deliver)
//   NAT -> its subnet's route table       subnet -> each NAT in it (deliver to the NAT)
//   subnet -> its route table             route table -> each route's target
//   route table -> every subnet of its VPC (the local route)
//   IGW <-> outside, IGW -> every subnet of its VPC (inbound, after the public->private mapping)
//   gateway endpoint -> outside, gateway endpoint -> every subnet of its VPC (replies)
//   peering connection -> every subnet of both its VPCs (sim/hops/peering.h)
//   transit gateway -> each attachment subnet (sim/hops/transit_gateway.h)
//   virtual private gateway <-> outside (on-premises), -> every subnet of its VPC (sim/hops/vpn.h)
//   ENI of a SageMaker workload <-> SageMaker network <-> outside
//   ENI -> Amazon-provided services
// The semantics of each move (filters, rewrites) live in the tracer; the graph fixes which moves
// exist, so the tracer can never invent a path the model does not have.
#ifndef VPCREACH_SIM_FORWARDING_GRAPH_H_
#define VPCREACH_SIM_FORWARDING_GRAPH_H_

#include <map>
#include <string>
#include <utility>
#include <vector>

#include <boost/graph/adjacency_list.hpp>

#include "model/model.h"

namespace vpcreach {

enum class NodeKind {
  kEni,
  kSubnet,
  kRouteTable,
  kInternetGateway,
  kNatGateway,
  kGatewayEndpoint,
  kPeeringConnection,
  kTransitGateway,
  kVpnGateway,
  kOutside,
  kSageMakerNetwork,
  kAmazonProvided,
};

struct GraphNode {
  NodeKind kind = NodeKind::kOutside;
  Index index = 0;  // into the model vector of that kind; 0 for the singletons
  std::string id;
};

struct GraphLink {
  std::string label;  // "send", "deliver", "local", "0.0.0.0/0", ...
};

using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::bidirectionalS, GraphNode,
                                    GraphLink>;
using Vertex = Graph::vertex_descriptor;

class ForwardingGraph {
 public:
  explicit ForwardingGraph(const Model& model);

  Vertex Of(NodeKind kind, Index index = 0) const;
  bool Connected(Vertex from, Vertex to) const;
  const Graph& graph() const { return graph_; }
  const GraphNode& Node(Vertex v) const { return graph_[v]; }
  size_t VertexCount() const { return boost::num_vertices(graph_); }
  size_t EdgeCount() const { return boost::num_edges(graph_); }

  // Graphviz text of the graph; `path` (consecutive vertices) is drawn bold and red.
  std::string ToDot(const std::vector<Vertex>& path) const;

 private:
  Vertex Add(NodeKind kind, Index index, std::string id);
  void Link(Vertex from, Vertex to, std::string label);

  Graph graph_;
  std::map<std::pair<NodeKind, Index>, Vertex> vertices_;
};

}  // namespace vpcreach

#endif  // VPCREACH_SIM_FORWARDING_GRAPH_H_
