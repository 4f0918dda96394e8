#include "sim/forwarding_graph.h"

#include <cassert>
#include <set>

namespace vpcreach {

ForwardingGraph::ForwardingGraph(const Model& model) {
  Vertex outside = Add(NodeKind::kOutside, 0, "outside");
  Vertex sagemaker = Add(NodeKind::kSageMakerNetwork, 0, "sagemaker-network");
  Vertex amazon = Add(NodeKind::kAmazonProvided, 0, "amazon-provided");
  Link(sagemaker, outside, "direct internet access");
  Link(outside, sagemaker, "reply");

  for (Index i = 0; i < model.subnets.size(); ++i) Add(NodeKind::kSubnet, i, model.subnets[i].id);
  for (Index i = 0; i < model.route_tables.size(); ++i) {
    Add(NodeKind::kRouteTable, i, model.route_tables[i].id);
  }
  for (Index i = 0; i < model.enis.size(); ++i) Add(NodeKind::kEni, i, model.enis[i].id);
  for (Index i = 0; i < model.internet_gateways.size(); ++i) {
    Add(NodeKind::kInternetGateway, i, model.internet_gateways[i].id);
  }
  for (Index i = 0; i < model.nat_gateways.size(); ++i) {
    Add(NodeKind::kNatGateway, i, model.nat_gateways[i].id);
  }
  for (Index i = 0; i < model.vpc_endpoints.size(); ++i) {
    if (model.vpc_endpoints[i].type == EndpointType::kGateway) {
      Add(NodeKind::kGatewayEndpoint, i, model.vpc_endpoints[i].id);
    }
  }

  for (Index i = 0; i < model.peering_connections.size(); ++i) {
    Add(NodeKind::kPeeringConnection, i, model.peering_connections[i].id);
  }

  for (Index i = 0; i < model.transit_gateways.size(); ++i) {
    Add(NodeKind::kTransitGateway, i, model.transit_gateways[i].id);
  }
  for (const TransitGatewayAttachment& a : model.transit_gateway_attachments) {
    if (a.transit_gateway == kNone) continue;
    if (a.IsPeering()) {
      Vertex x = Of(NodeKind::kTransitGateway, a.transit_gateway);
      Vertex y = Of(NodeKind::kTransitGateway, a.peer_transit_gateway);
      Link(x, y, "peering attachment " + a.id);
      Link(y, x, "peering attachment " + a.id);
      continue;
    }
    for (Index s : a.subnets) {
      Link(Of(NodeKind::kTransitGateway, a.transit_gateway), Of(NodeKind::kSubnet, s),
           "attachment " + a.id);
    }
  }

  for (Index i = 0; i < model.vpn_gateways.size(); ++i) {
    Add(NodeKind::kVpnGateway, i, model.vpn_gateways[i].id);
  }

  auto subnets_of = [&](Index vpc) {
    std::vector<Index> out;
    for (Index s = 0; s < model.subnets.size(); ++s) {
      if (model.subnets[s].vpc == vpc) out.push_back(s);
    }
    return out;
  };

  for (Index s = 0; s < model.subnets.size(); ++s) {
    Link(Of(NodeKind::kSubnet, s), Of(NodeKind::kRouteTable, model.subnets[s].route_table),
         "route");
  }
  for (Index e = 0; e < model.enis.size(); ++e) {
    const Eni& eni = model.enis[e];
    Link(Of(NodeKind::kEni, e), Of(NodeKind::kSubnet, eni.subnet), "send");
    Link(Of(NodeKind::kSubnet, eni.subnet), Of(NodeKind::kEni, e), "deliver");
    Link(Of(NodeKind::kEni, e), amazon, "amazon-provided");
    Link(amazon, Of(NodeKind::kEni, e), "reply");
    if (eni.owner == EniOwner::kNotebook || eni.owner == EniOwner::kTrainingJob ||
        (eni.owner == EniOwner::kWorkload && model.workloads[eni.owner_index].sagemaker_internet)) {
      Link(Of(NodeKind::kEni, e), sagemaker, "sagemaker");
      Link(sagemaker, Of(NodeKind::kEni, e), "reply");
    }
  }
  for (Index n = 0; n < model.nat_gateways.size(); ++n) {
    Index subnet = model.nat_gateways[n].subnet;
    Link(Of(NodeKind::kSubnet, subnet), Of(NodeKind::kNatGateway, n), "deliver");
    Link(Of(NodeKind::kNatGateway, n),
         Of(NodeKind::kRouteTable, model.subnets[subnet].route_table), "route");
  }
  for (Index t = 0; t < model.route_tables.size(); ++t) {
    const RouteTable& table = model.route_tables[t];
    Vertex from = Of(NodeKind::kRouteTable, t);
    for (Index s : subnets_of(table.vpc)) Link(from, Of(NodeKind::kSubnet, s), "local");
    for (const Route& r : table.routes) {
      std::string label = r.destination_cidr ? r.destination_cidr->ToString()
                                             : model.prefix_lists[r.destination_prefix_list].id;
      switch (r.target) {
        case RouteTarget::kInternetGateway:
          Link(from, Of(NodeKind::kInternetGateway, r.target_index), label);
          break;
        case RouteTarget::kNatGateway:
          Link(from, Of(NodeKind::kNatGateway, r.target_index), label);
          break;
        case RouteTarget::kGatewayEndpoint:
          Link(from, Of(NodeKind::kGatewayEndpoint, r.target_index), label);
          break;
        case RouteTarget::kEni:
          Link(from, Of(NodeKind::kEni, r.target_index), label);
          break;
        case RouteTarget::kPeeringConnection:
          Link(from, Of(NodeKind::kPeeringConnection, r.target_index), label);
          break;
        case RouteTarget::kTransitGateway:
          Link(from, Of(NodeKind::kTransitGateway, r.target_index), label);
          break;
        case RouteTarget::kVpnGateway:
          Link(from, Of(NodeKind::kVpnGateway, r.target_index), label);
          break;
        case RouteTarget::kLocal:
        case RouteTarget::kBlackhole:
          break;
      }
    }
  }
  for (Index g = 0; g < model.vpn_gateways.size(); ++g) {
    Vertex vgw = Of(NodeKind::kVpnGateway, g);
    Link(vgw, outside, "on-premises");
    Link(outside, vgw, "on-premises");
    for (Index s : subnets_of(model.vpn_gateways[g].vpc)) {
      Link(vgw, Of(NodeKind::kSubnet, s), "inbound");
    }
  }
  for (Index g = 0; g < model.internet_gateways.size(); ++g) {
    Vertex igw = Of(NodeKind::kInternetGateway, g);
    Link(igw, outside, "internet");
    Link(outside, igw, "public address");
    for (Index s : subnets_of(model.internet_gateways[g].vpc)) {
      Link(igw, Of(NodeKind::kSubnet, s), "inbound");
    }
    if (model.internet_gateways[g].route_table != kNone) {
      Link(igw, Of(NodeKind::kRouteTable, model.internet_gateways[g].route_table),
           "ingress routing");
    }
  }
  for (Index p = 0; p < model.peering_connections.size(); ++p) {
    const PeeringConnection& pcx = model.peering_connections[p];
    for (Index vpc : {pcx.requester, pcx.accepter}) {
      for (Index s : subnets_of(vpc)) {
        Link(Of(NodeKind::kPeeringConnection, p), Of(NodeKind::kSubnet, s), "peer");
      }
    }
  }
  for (Index e = 0; e < model.vpc_endpoints.size(); ++e) {
    const VpcEndpoint& endpoint = model.vpc_endpoints[e];
    if (endpoint.type != EndpointType::kGateway) continue;
    Vertex v = Of(NodeKind::kGatewayEndpoint, e);
    Link(v, outside, "aws network");
    Link(outside, v, "reply");
    for (Index s : subnets_of(endpoint.vpc)) Link(v, Of(NodeKind::kSubnet, s), "reply");
  }
}

Vertex ForwardingGraph::Add(NodeKind kind, Index index, std::string id) {
  Vertex v = boost::add_vertex(GraphNode{kind, index, std::move(id)}, graph_);
  vertices_[{kind, index}] = v;
  return v;
}

void ForwardingGraph::Link(Vertex from, Vertex to, std::string label) {
  if (!Connected(from, to)) boost::add_edge(from, to, GraphLink{std::move(label)}, graph_);
}

Vertex ForwardingGraph::Of(NodeKind kind, Index index) const {
  auto it = vertices_.find({kind, index});
  assert(it != vertices_.end());
  return it->second;
}

bool ForwardingGraph::Connected(Vertex from, Vertex to) const {
  return boost::edge(from, to, graph_).second;
}

std::string ForwardingGraph::ToDot(const std::vector<Vertex>& path) const {
  std::set<std::pair<Vertex, Vertex>> on_path;
  std::set<Vertex> on_path_vertices(path.begin(), path.end());
  for (size_t i = 1; i < path.size(); ++i) on_path.insert({path[i - 1], path[i]});
  auto shape = [](NodeKind k) {
    switch (k) {
      case NodeKind::kEni: return "ellipse";
      case NodeKind::kSubnet: return "box";
      case NodeKind::kRouteTable: return "note";
      case NodeKind::kOutside: return "doublecircle";
      default: return "hexagon";
    }
  };
  std::string out = "digraph vpcreach {\n  rankdir=LR;\n  node [fontname=\"Helvetica\"];\n";
  for (Vertex v : boost::make_iterator_range(boost::vertices(graph_))) {
    if (!path.empty() && !on_path_vertices.count(v)) continue;  // with a path, draw only the path
    out += "  n" + std::to_string(v) + " [label=\"" + graph_[v].id + "\", shape=" +
           shape(graph_[v].kind);
    if (!path.empty()) out += ", color=red, penwidth=2";
    out += "];\n";
  }
  for (auto e : boost::make_iterator_range(boost::edges(graph_))) {
    Vertex a = boost::source(e, graph_), b = boost::target(e, graph_);
    bool hot = on_path.count({a, b}) > 0;
    if (!hot && !path.empty()) continue;
    out += "  n" + std::to_string(a) + " -> n" + std::to_string(b) + " [label=\"" +
           graph_[e].label + "\"";
    if (hot) out += ", color=red, penwidth=2";
    out += "];\n";
  }
  out += "}\n";
  return out;
}

}  // namespace vpcreach
