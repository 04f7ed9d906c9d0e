// Merging fragments and graphs (entity resolution, first version).
//
// Two entities are one node when their labels agree and their normalised
// names or any alias agree (graph/normalize.h); aliases and mentions are
// united. Two relations are one edge when type, source and target agree
// (either order for the symmetric SIGNED and PARTNERS_WITH); evidence is
// united. The result is canonical -- nodes and edges in a sorted order, lists
// sorted and deduplicated -- so merging is commutative and associative:
// any order and any grouping of the same inputs gives an equal Graph.
#pragma once

#include <istream>
#include <string>
#include <vector>

#include "graph/fragment.h"
#include "graph/graph.h"

namespace kg {

class Merger {
 public:
  Merger();
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
  // The canonical merged graph. The Merger is left empty.
  Graph finish();

 private:
  struct State;
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
