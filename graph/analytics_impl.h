// Private to graph/: the Boost.Graph form of an analytics View, shared by
// the algorithm files (analytics_*.cc).
#pragma once

#include <boost/graph/compressed_sparse_row_graph.hpp>
#include <cstdint>
#include <vector>

#include "graph/analytics.h"

namespace kg {

// A bidirectional CSR whose bundled edge property is the link weight. An
// undirected view stores each link in both directions, so every traversal
// (BFS, Dijkstra, Brandes) sees it from either end; a directed view stores
// each link once and reaches its in-edges through in_edges().
using ViewGraph =
    boost::compressed_sparse_row_graph<boost::bidirectionalS, boost::no_property, double,
                                       boost::no_property, uint32_t, uint32_t>;
using ViewVertex = boost::graph_traits<ViewGraph>::vertex_descriptor;
using ViewEdge = boost::graph_traits<ViewGraph>::edge_descriptor;

struct View::Impl {
  ViewGraph graph;
  // Per vertex: the sum of out-link weights and the out-link count.
  std::vector<double> out_weight;
};

// Builds the Impl for links already in `view` (called by make_view).
std::unique_ptr<View::Impl> build_view_impl(size_t n, const std::vector<View::Link>& links,
                                            bool directed);

}  // namespace kg
