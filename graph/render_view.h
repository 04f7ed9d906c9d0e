// What a diagram shows: the step between the graph and Graphviz. A DiagramView is
// a small graph of its own -- nodes with a label and a name, edges with a
// type and a count -- cut out of the Graph by the filters of ViewOptions and
// optionally collapsed to countries. graph/render.h draws it.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "graph/graph.h"

namespace kg {

struct ViewOptions {
  // When set, only the nodes within `depth` steps (either direction) of the
  // node with this name or alias (graph/graph.h find_any; the first match).
  std::string around;
  int depth = 1;
  // When not empty, only edges of these types; nodes left without an edge go.
  std::vector<RelType> types;
  // When not empty, only nodes with these labels (with collapse_country,
  // folded nodes count as Country).
  std::vector<Label> labels;
  // Institutions, workshops and places folded into their country (their
  // `country` property, else a LOCATED_IN edge to a country, else the
  // country of the place they are located in); edges between the same ends
  // with the same type are summed, edges inside one country dropped.
  bool collapse_country = false;
  // Fill ViewNode::country (clusters need it; collapse_country implies it).
  // Off by default: it costs a name lookup per node.
  bool with_country = false;
  // When not empty, only relationships whose `date` falls in the window
  // (inclusive, compared on the common prefix: "2024" admits 2024-05-27),
  // as graph/analytics.h's Subgraph; an undated relationship goes.
  std::string since, until;
  // When set, only these nodes and relationships (kg render -q: what a
  // query returned); the filters above still apply.
  bool select = false;
  std::vector<NodeId> select_nodes;
  std::vector<EdgeId> select_edges;
};

struct ViewNode {
  Label label = Label::kCountry;
  std::string name;
  std::string country;   // the country the node belongs to, "" if unknown
  uint32_t members = 1;  // how many graph nodes it stands for (collapse)
  int64_t origin = -1;   // the graph node id, -1 for a collapsed country
};

struct ViewEdge {
  uint32_t source = 0, target = 0;  // indexes into DiagramView::nodes
  RelType type = RelType::kPartnersWith;
  int64_t count = 0;  // supporting documents (summed when collapsed)
};

struct DiagramView {
  std::vector<ViewNode> nodes;
  std::vector<ViewEdge> edges;
};

// Throws InputError when `around` names no node.
DiagramView make_view(const Graph& g, const ViewOptions& options);

// The country a node belongs to, by the rules of collapse_country; "" when
// none is known. (Countries belong to themselves.)
std::string country_of(const Graph& g, NodeId id);

}  // namespace kg
