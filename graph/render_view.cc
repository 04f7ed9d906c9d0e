#include "graph/render_view.h"

#include "graph/date_window.h"

#include <algorithm>
#include <deque>
#include <map>
#include <unordered_map>

#include "graph/error.h"

namespace kg {

namespace {
bool foldable(Label l) {
  return l == Label::kInstitution || l == Label::kWorkshop || l == Label::kPlace;
}

// The canonical name of the country `name` refers to (its node's name when
// the graph has one, so "US" and "United States" fold together).
std::string country_name(const Graph& g, std::string_view name) {
  if (name.empty()) return "";
  if (auto id = g.find(Label::kCountry, name)) return g.node(*id).name;
  return std::string(name);
}
}  // namespace

std::string country_of(const Graph& g, NodeId id) {
  const Node& n = g.node(id);
  if (n.label == Label::kCountry) return n.name;
  if (auto c = n.props.get_string("country"); !c.empty()) return country_name(g, c);
  // A LOCATED_IN edge to a country, else to a place that has a country.
  std::string via_place;
  for (const Adj& a : g.out(id)) {
    if (g.edge(a.edge).type != RelType::kLocatedIn) continue;
    const Node& o = g.node(a.other);
    if (o.label == Label::kCountry) return o.name;
    if (o.label == Label::kPlace && via_place.empty()) {
      if (auto c = o.props.get_string("country"); !c.empty()) via_place = country_name(g, c);
      for (const Adj& b : g.out(a.other))
        if (via_place.empty() && g.edge(b.edge).type == RelType::kLocatedIn &&
            g.node(b.other).label == Label::kCountry)
          via_place = g.node(b.other).name;
    }
  }
  return via_place;
}

DiagramView make_view(const Graph& g, const ViewOptions& options) {
  const size_t n = g.node_count();
  std::vector<bool> keep_node(n, true), keep_edge(g.edge_count(), true);
  // Each node's country, once; when collapsing, a folded node is drawn as
  // its country, so --labels Country keeps it.
  std::vector<std::string> countries(n);
  if (options.collapse_country || options.with_country)
    for (NodeId i = 0; i < n; ++i) countries[i] = country_of(g, i);
  auto shown_label = [&](NodeId i) {
    Label l = g.node(i).label;
    return options.collapse_country && foldable(l) && !countries[i].empty() ? Label::kCountry : l;
  };
  if (!options.labels.empty())
    for (NodeId i = 0; i < n; ++i)
      keep_node[i] = std::find(options.labels.begin(), options.labels.end(), shown_label(i)) !=
                     options.labels.end();
  for (EdgeId e = 0; e < g.edge_count(); ++e) {
    const Edge& edge = g.edge(e);
    keep_edge[e] = keep_node[edge.source] && keep_node[edge.target] &&
                   (options.types.empty() || std::find(options.types.begin(), options.types.end(),
                                                       edge.type) != options.types.end());
  }
  if (!options.since.empty() || !options.until.empty()) {
    for (EdgeId e = 0; e < g.edge_count(); ++e)
      keep_edge[e] = keep_edge[e] && date_in_window(g.edge(e).props.get_string("date"), options.since, options.until);
  }
  if (!options.types.empty() || !options.since.empty() || !options.until.empty()) {
    std::vector<bool> touched(n, false);
    for (EdgeId e = 0; e < g.edge_count(); ++e)
      if (keep_edge[e]) touched[g.edge(e).source] = touched[g.edge(e).target] = true;
    keep_node = touched;
  }
  if (!options.around.empty()) {
    auto found = g.find_any(options.around);
    if (found.empty()) throw InputError("--around: no node is named '" + options.around + "'");
    std::vector<int> dist(n, -1);
    std::deque<NodeId> queue{found[0]};
    dist[found[0]] = 0;
    while (!queue.empty()) {
      NodeId u = queue.front();
      queue.pop_front();
      if (dist[u] >= options.depth) continue;
      for (auto adj : {g.out(u), g.in(u)})
        for (const Adj& a : adj)
          if (keep_edge[a.edge] && dist[a.other] < 0) {
            dist[a.other] = dist[u] + 1;
            queue.push_back(a.other);
          }
    }
    for (NodeId i = 0; i < n; ++i) keep_node[i] = keep_node[i] && dist[i] >= 0;
    keep_node[found[0]] = true;
  }

  if (options.select) {
    std::vector<bool> chosen_node(n, false), chosen_edge(g.edge_count(), false);
    for (NodeId i : options.select_nodes) chosen_node[i] = true;
    for (EdgeId e : options.select_edges) chosen_edge[e] = true;
    for (EdgeId e = 0; e < g.edge_count(); ++e) keep_edge[e] = keep_edge[e] && chosen_edge[e];
    for (NodeId i = 0; i < n; ++i) keep_node[i] = keep_node[i] && chosen_node[i];
  }

  DiagramView view;
  std::vector<int64_t> slot(n, -1);
  std::unordered_map<std::string, uint32_t> country_slot;
  auto country_node = [&](const std::string& name) {
    auto [it, added] = country_slot.emplace(name, static_cast<uint32_t>(view.nodes.size()));
    if (added) view.nodes.push_back({Label::kCountry, name, name, 0, -1});
    return it->second;
  };
  for (NodeId i = 0; i < n; ++i) {
    if (!keep_node[i]) continue;
    const Node& node = g.node(i);
    const std::string& country = countries[i];
    if (options.collapse_country && (node.label == Label::kCountry || foldable(node.label)) &&
        !country.empty()) {
      uint32_t c = country_node(country);
      view.nodes[c].members += 1;
      if (node.label == Label::kCountry) view.nodes[c].origin = i;
      slot[i] = c;
      continue;
    }
    slot[i] = static_cast<int64_t>(view.nodes.size());
    view.nodes.push_back({node.label, node.name, country, 1, static_cast<int64_t>(i)});
  }
  // Edges; when collapsing, summed per (source, target, type) and loops dropped.
  std::map<std::tuple<uint32_t, uint32_t, int>, size_t> merged;
  for (EdgeId e = 0; e < g.edge_count(); ++e) {
    const Edge& edge = g.edge(e);
    if (!keep_edge[e] || slot[edge.source] < 0 || slot[edge.target] < 0) continue;
    ViewEdge ve{static_cast<uint32_t>(slot[edge.source]), static_cast<uint32_t>(slot[edge.target]),
                edge.type, static_cast<int64_t>(g.edge_docs(e).size())};
    if (options.collapse_country) {
      if (ve.source == ve.target) continue;
      if (is_symmetric(ve.type) && ve.source > ve.target) std::swap(ve.source, ve.target);
      auto [it, added] = merged.emplace(
          std::make_tuple(ve.source, ve.target, static_cast<int>(ve.type)), view.edges.size());
      if (!added) {
        view.edges[it->second].count += std::max<int64_t>(ve.count, 1);
        continue;
      }
      ve.count = std::max<int64_t>(ve.count, 1);
    }
    view.edges.push_back(ve);
  }
  return view;
}

}  // namespace kg
