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
  // The canonical merged graph. The Merger is left empty.
  Graph finish();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

// Takes the contribution of the documents `docs` out of `graph`: their
// mentions and evidence go, and a node or edge left with none goes too
// (records that never had any, such as imported ones, stay). Returns the
// canonical result.
Graph remove_documents(const Graph& graph, const std::vector<std::string>& docs);

}  // namespace kg
