// Connectivity on a View: weakly connected components (Boost's
// incremental_components over a disjoint-set forest, which ignores edge
// direction, so it is "weak" on directed views without building a second
// graph), single-source distances and one shortest path (BFS, or Dijkstra
// over 1 / weight).
#include <boost/graph/breadth_first_search.hpp>
#include <boost/graph/dijkstra_shortest_paths.hpp>
#include <boost/graph/incremental_components.hpp>
#include <boost/pending/disjoint_sets.hpp>
#include <boost/range/iterator_range.hpp>
#include <limits>
#include <numeric>

#include "graph/analytics_impl.h"
#include "graph/error.h"

namespace kg {

std::vector<uint32_t> components(const View& v) {
  const ViewGraph& g = v.impl().graph;
  const size_t n = v.nodes().size();
  std::vector<uint32_t> rank(n), parent(n);
  boost::disjoint_sets<uint32_t*, uint32_t*> ds(rank.data(), parent.data());
  boost::initialize_incremental_components(g, ds);
  boost::incremental_components(g, ds);

  // Number the components by decreasing size, ties by lowest vertex.
  std::vector<uint32_t> root(n), size(n, 0), first(n, UINT32_MAX);
  for (uint32_t u = 0; u < n; ++u) {
    root[u] = ds.find_set(u);
    ++size[root[u]];
    first[root[u]] = std::min(first[root[u]], u);
  }
  std::vector<uint32_t> roots;
  for (uint32_t u = 0; u < n; ++u)
    if (root[u] == u) roots.push_back(u);
  std::sort(roots.begin(), roots.end(), [&](uint32_t a, uint32_t b) {
    return size[a] != size[b] ? size[a] > size[b] : first[a] < first[b];
  });
  std::vector<uint32_t> number(n);
  for (uint32_t i = 0; i < roots.size(); ++i) number[roots[i]] = i;
  std::vector<uint32_t> out(n);
  for (uint32_t u = 0; u < n; ++u) out[u] = number[root[u]];
  return out;
}

namespace {

// Distances and BFS/Dijkstra predecessors from `source`.
void search(const View& v, uint32_t source, bool weighted, std::vector<double>& dist,
            std::vector<uint32_t>& pred) {
  const ViewGraph& g = v.impl().graph;
  const size_t n = v.nodes().size();
  if (source >= n)
    throw UsageError("shortest path: vertex " + std::to_string(source) + " is not in the view");
  dist.assign(n, std::numeric_limits<double>::infinity());
  pred.resize(n);
  std::iota(pred.begin(), pred.end(), 0u);
  auto index = boost::get(boost::vertex_index, g);
  auto dmap = boost::make_iterator_property_map(dist.begin(), index);
  auto pmap = boost::make_iterator_property_map(pred.begin(), index);
  if (weighted) {
    std::vector<double> len(boost::num_edges(g));
    for (auto e : boost::make_iterator_range(boost::edges(g)))
      len[boost::get(boost::edge_index, g, e)] = 1.0 / g[e];
    auto lmap = boost::make_iterator_property_map(len.begin(), boost::get(boost::edge_index, g));
    boost::dijkstra_shortest_paths(
        g, source,
        boost::distance_map(dmap).predecessor_map(pmap).weight_map(lmap).distance_inf(
            std::numeric_limits<double>::infinity()));
    return;
  }
  dist[source] = 0;
  boost::breadth_first_search(g, source,
                              boost::visitor(boost::make_bfs_visitor(std::make_pair(
                                  boost::record_distances(dmap, boost::on_tree_edge()),
                                  boost::record_predecessors(pmap, boost::on_tree_edge())))));
}

}  // namespace

std::vector<double> distances(const View& v, uint32_t source, bool weighted) {
  std::vector<double> dist;
  std::vector<uint32_t> pred;
  search(v, source, weighted, dist, pred);
  return dist;
}

Path shortest_path(const View& v, uint32_t from, uint32_t to, bool weighted) {
  std::vector<double> dist;
  std::vector<uint32_t> pred;
  search(v, from, weighted, dist, pred);
  Path p;
  if (to >= dist.size() || dist[to] == std::numeric_limits<double>::infinity()) return p;
  p.length = dist[to];
  for (uint32_t u = to;; u = pred[u]) {
    p.vertices.push_back(u);
    if (u == from) break;
  }
  std::reverse(p.vertices.begin(), p.vertices.end());
  return p;
}

}  // namespace kg
