// Where a graph is built record by record, in id order: into a Graph in
// memory, straight into a graph file (graph/graph_file_stream.h), or into a
// merge without ever holding the graph (merge.cc). The merge writes through
// this, and the graph file loader reads through it, so every path holds the
// same graph. Private to graph/.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "graph/graph.h"

namespace kg {

class GraphSink {
 public:
  virtual ~GraphSink() = default;
  // The Sym that `s` has in this sink. Called for each string of a record
  // before the record, in the order the graph file lists them.
  virtual Sym intern(std::string_view s) = 0;
  // Every node comes before the first edge.
  virtual void add_node(Node&& node, std::vector<Source>&& sources) = 0;
  virtual void add_edge(Edge&& edge, std::vector<Source>&& sources) = 0;
  // A hint: about this many more nodes or edges follow.
  virtual void reserve(size_t /*nodes*/, size_t /*edges*/) {}
};

// The in-memory sink: builds a Graph.
class GraphBuilder final : public GraphSink {
 public:
  Sym intern(std::string_view s) override { return graph.intern(s); }
  void add_node(Node&& node, std::vector<Source>&& sources) override {
    const NodeId id = graph.add_node(std::move(node));
    if (!sources.empty()) graph.set_node_sources(id, std::move(sources));
  }
  void add_edge(Edge&& edge, std::vector<Source>&& sources) override {
    const EdgeId id = graph.add_edge(std::move(edge));
    if (!sources.empty()) graph.set_edge_sources(id, std::move(sources));
  }
  void reserve(size_t nodes, size_t edges) override { graph.reserve(nodes, edges); }
  Graph graph;
};

// Reads the graph file at `path` into `sink`, record by record, with the
// checks and errors of load_graph (graph/graph_file.h). On an error the sink
// has seen the records before it.
void load_graph_into(const std::string& path, GraphSink& sink);

}  // namespace kg
