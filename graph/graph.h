// The property graph. Nodes and edges live in compact side tables indexed by
// dense ids; the topology is a Boost compressed_sparse_row_graph built from
// the edge table on first use after a change (see graph/topology.h, private
// to graph/). Other modules see plain ids and spans, never Boost types.
//
// Strings that repeat across millions of records (document ids, rule ids,
// evidence sentences) are interned: a Sym indexes the graph's string pool.
//
// Thread safety: const methods may be called from many threads once the
// topology is built (call freeze() after the last mutation); mutations need
// exclusive access.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "graph/node_columns.h"
#include "graph/ontology.h"
#include "graph/value.h"

namespace kg {

using NodeId = uint32_t;
using EdgeId = uint32_t;
using Sym = uint32_t;  // an interned string; see Graph::str()

struct NodeMention {
  Sym doc;
  uint32_t start, end;
  Sym rule;
  friend bool operator==(const NodeMention&, const NodeMention&) = default;
};

struct EdgeEvidence {
  Sym doc;
  uint32_t start, end;
  Sym text;  // the sentence
  Sym rule;
  friend bool operator==(const EdgeEvidence&, const EdgeEvidence&) = default;
};

struct Node {
  Label label = Label::kInstitution;
  std::string name;
  std::vector<std::string> aliases;
  Props props;
  std::vector<NodeMention> mentions;
};

struct Edge {
  RelType type = RelType::kPartnersWith;
  NodeId source = 0;
  NodeId target = 0;
  Props props;
  std::vector<EdgeEvidence> evidence;
};

// What one document contributed to a node or an edge: the surface names it
// gave a node (name and aliases, as written) and the property values it gave.
// Merging records these so that removing a document takes its names and
// values back out (merge.h); records without provenance (imported or built
// by hand) have none.
struct Source {
  Sym doc;
  std::vector<std::string> names;  // nodes only
  Props props;
};

// One step along an edge: the edge and the node at its other end.
struct Adj {
  EdgeId edge;
  NodeId other;
  // A copy of edge(edge).type: traversals filter by type without touching
  // the edge table (one cache miss saved per step).
  RelType type;
};

class Graph {
 public:
  Graph();
  ~Graph();
  Graph(Graph&&) noexcept;
  Graph& operator=(Graph&&) noexcept;
  // A graph can hold millions of records: copies are explicit (clone()).
  Graph(const Graph&) = delete;
  Graph& operator=(const Graph&) = delete;
  Graph clone() const;

  // --- strings --------------------------------------------------------
  Sym intern(std::string_view s);
  std::string_view str(Sym s) const;

  // --- building ---------------------------------------------------------
  // Room for `nodes` more nodes and `edges` more edges, so that a loader that
  // knows its sizes builds without regrowing (and without the slack).
  void reserve(size_t nodes, size_t edges);
  // Appends as given: no entity resolution (merge.h does that).
  NodeId add_node(Node node);
  // REQUIRES: source and target are existing node ids.
  EdgeId add_edge(Edge edge);
  // For edits that keep the node's label; re-indexes its name and aliases.
  // The reference is valid until the next add_node.
  Node& mutable_node(NodeId id);
  void reindex_node(NodeId id);
  Edge& mutable_edge(EdgeId id);
  // Drops the nodes and edges whose flag is set, with every edge of a dropped
  // node, and renumbers the rest densely in their old order.
  void erase(const std::vector<bool>& drop_nodes, const std::vector<bool>& drop_edges);
  // Builds the topology now, so that later const calls are thread-safe.
  void freeze() const;

  // --- reading ---------------------------------------------------------
  size_t node_count() const { return nodes_.size(); }
  size_t edge_count() const { return edges_.size(); }
  const Node& node(NodeId id) const { return nodes_[id]; }
  const Edge& edge(EdgeId id) const { return edges_[id]; }

  // Nodes with `label`, in id order.
  std::span<const NodeId> nodes_with_label(Label label) const;
  // The node whose normalised name or alias equals normalize_name(name), in
  // O(1). When several match, the lowest id.
  std::optional<NodeId> find(Label label, std::string_view name) const;
  // The same over every label, in label order then id order.
  std::vector<NodeId> find_any(std::string_view name) const;

  // Out-edges and in-edges of a node, in edge-id order.
  std::span<const Adj> out(NodeId id) const;
  std::span<const Adj> in(NodeId id) const;

  // The edge's properties as users see them: the stored ones plus the derived
  // `count` (distinct supporting documents) and `docs` (their ids, sorted).
  // Both are derived from the evidence, so they can never go stale.
  Props edge_properties(EdgeId id) const;
  // Distinct documents that support the edge, sorted by id string.
  std::vector<std::string_view> edge_docs(EdgeId id) const;
  // Every document id that contributed a mention or evidence, sorted.
  std::vector<std::string_view> documents() const;

  // Provenance, sorted by document id; empty when unknown. Edges keep only
  // the documents that gave properties (evidence says the rest).
  std::span<const Source> node_sources(NodeId id) const;
  std::span<const Source> edge_sources(EdgeId id) const;
  void set_node_sources(NodeId id, std::vector<Source> sources);
  void set_edge_sources(EdgeId id, std::vector<Source> sources);

  // --- columns for scans (graph/node_columns.h) -------------------------
  // Built on first use after a change, under a lock; the references stay
  // valid until the next change. Thread-safe once built, like out()/in().
  const NameColumn& name_column() const;
  // Property `key` of every node; a key no node has gives all kAbsent.
  const StringColumn& string_column(std::string_view key) const;

  // Exact equality of every record, field and source, string ids compared by
  // their text. Node and edge ids must agree (merge is canonical; see merge.h).
  friend bool operator==(const Graph& a, const Graph& b);

 private:
  struct Index;
  struct Topology;
  struct Columns;
  // Drops the derived read structures (topology, columns) after a change.
  void changed();
  void index_node(NodeId id);
  const Topology& topology() const;
  // graph/topology.h's boost_graph() reads the topology.
  friend const Topology& topology_of(const Graph& g);

  std::vector<Node> nodes_;
  std::vector<Edge> edges_;
  std::unique_ptr<Index> index_;
  mutable std::unique_ptr<Topology> topology_;  // null when stale
  mutable std::unique_ptr<Columns> columns_;    // null when stale
};

}  // namespace kg
