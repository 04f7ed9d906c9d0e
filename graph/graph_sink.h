// Where a graph is built record by record, in id order: into a Graph in
// memory, or straight into a graph file (graph/graph_file_stream.h). The
// merge (graph/merge.h) writes through this, so both hold the same graph.
// Private to graph/.
#pragma once

#include <string_view>
#include <vector>

#include "graph/graph.h"

namespace kg {

class GraphSink {
 public:
  virtual ~GraphSink() = default;
  // The Sym that `s` has in this sink. Called for each string of a record
  // just before the record, in the order the graph file lists them.
  virtual Sym intern(std::string_view s) = 0;
  // Every node comes before the first edge.
  virtual void add_node(Node&& node, std::vector<Source>&& sources) = 0;
  virtual void add_edge(Edge&& edge, std::vector<Source>&& sources) = 0;
};

}  // namespace kg
