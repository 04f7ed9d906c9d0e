// Merging fragments and graphs (entity resolution, first version).
//
// Two entities are one node when their labels agree and their normalised
// names or any alias agree (graph/normalize.h); aliases and mentions are
// united. Two relations are one edge when type, source and target agree
// (either order for the symmetric SIGNED and PARTNERS_WITH); evidence is
// united. The result is canonical -- nodes and edges in a sorted order, lists
// sorted and deduplicated -- so merging is commutative and associative:
// any order and any grouping of the same inputs gives an equal Graph.
//
// Memory is bounded (README "Corpus scale"): records go to spill files on
// disk as they are added; only the entity-resolution keys and about 25
// bytes per record stay in memory, and finish() reads the records back in
// buckets of MergeOptions::bucket_bytes, node by node and edge by edge.
#pragma once

#include <cstdint>
#include <istream>
#include <memory>
#include <string>
#include <vector>

#include "graph/fragment.h"
#include "graph/graph.h"

namespace kg {

struct MergeOptions {
  // Where the spill files go: "" for $TMPDIR, else /tmp. They are unlinked
  // from the start, so nothing is left behind.
  std::string spill_dir;
  // How many bytes of spilled records finish() holds at once (a node or
  // edge larger than this is read whole).
  uint64_t bucket_bytes = 64ull << 20;
};

class Merger {
 public:
  explicit Merger(MergeOptions options = {});
  ~Merger();
  Merger(const Merger&) = delete;
  Merger& operator=(const Merger&) = delete;

  void add(const Fragment& fragment);
  void add(const Graph& graph);
  // Adds `graph` without the contribution of the documents `docs`: their
  // mentions, evidence, and the names and property values they gave (as far
  // as the graph records sources; see Graph::node_sources). A node or edge
  // left with no mention or evidence goes; one that never had any stays.
  void add_without(const Graph& graph, const std::vector<std::string>& docs);
  // add(load_graph(path)) without holding the graph: the file is folded in
  // as it is read, and only its string table stays until the end of the
  // call. Throws as load_graph does; the records before a problem in the
  // file have been added by then (kg merge stops and writes nothing).
  void add_graph_file(const std::string& path);
  // The canonical merged graph. The Merger is left empty.
  Graph finish();
  // The same graph written straight to a graph file, atomically: the bytes
  // of save_graph(finish(), path) without ever holding the Graph.
  void finish_to_file(const std::string& path);

  struct State;  // graph/merge_state.h

 private:
  MergeOptions options_;
  std::unique_ptr<State> state_;
};

// Adds every non-blank line of `in` (`name` in messages): a fragment, or a
// whole graph file on one line, as kg writes them. So the concatenated
// outputs of kg extract and kg merge, in any order and grouping, are one
// merge input: kg merge - is a combiner and a reducer (README "Corpus
// scale"). Trailing whitespace (the tab Hadoop Streaming appends to a key
// without a value) is ignored. Throws InputError naming the line.
void add_lines(Merger& merger, std::istream& in, const std::string& name);

// Takes the contribution of the documents `docs` out of `graph`: their
// mentions and evidence go, and a node or edge left with none goes too
// (records that never had any, such as imported ones, stay). Returns the
// canonical result.
Graph remove_documents(const Graph& graph, const std::vector<std::string>& docs);

}  // namespace kg
