// Private to graph/: the topology behind Graph::out()/in(), and the Boost.Graph
// view the algorithms (analytics, layout filters) run on. Never include this
// from another module; Boost types stay inside graph/.
#pragma once

#include <boost/graph/compressed_sparse_row_graph.hpp>
#include <cstdint>
#include <memory>
#include <mutex>
#include <vector>

#include "graph/graph.h"

namespace kg {

// Bidirectional CSR with 32-bit vertex and edge indexes; each Boost edge's
// bundled property is kg's EdgeId, so algorithm results map back to records.
using BoostGraph = boost::compressed_sparse_row_graph<boost::bidirectionalS, boost::no_property,
                                                      EdgeId, boost::no_property, uint32_t, uint32_t>;

struct Graph::Topology {
  // Flat adjacency in CSR layout for the query engine's spans:
  // the out-edges of v are out_adj[out_start[v] .. out_start[v+1]).
  std::vector<uint32_t> out_start, in_start;
  std::vector<Adj> out_adj, in_adj;
  // The Boost view, built by boost_graph() on first use.
  mutable std::once_flag boost_once;
  mutable std::unique_ptr<BoostGraph> boost;
};

// The Boost.Graph view of `g`, built on first use after a change.
const BoostGraph& boost_graph(const Graph& g);

}  // namespace kg
