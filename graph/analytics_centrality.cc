// Centralities on a View: degree, PageRank, betweenness, closeness. Each one
// reproduces NetworkX's definition (the tests compare against it), so a
// score from kg and one from a notebook mean the same thing.
//
// PageRank is a power iteration over the Boost CSR's in-edges rather than
// boost::graph::page_rank: Boost's step computes (1 - d) + d * sum(...)
// (scores summing to n, not 1) and lets the rank of dangling vertices leak
// away, so it neither sums to 1 nor agrees with NetworkX on graphs with
// sinks, and kg's graphs are full of sinks (places, events, workshops).
// Here, as in NetworkX, a dangling vertex's rank is spread evenly over all
// vertices every iteration.
#include <boost/graph/betweenness_centrality.hpp>
#include <boost/graph/breadth_first_search.hpp>
#include <boost/graph/dijkstra_shortest_paths.hpp>
#include <boost/graph/reverse_graph.hpp>
#include <boost/range/iterator_range.hpp>
#include <cmath>
#include <limits>

#include "graph/analytics_impl.h"

namespace kg {
namespace {

// Edge lengths for the weighted algorithms: 1 / weight, indexed by the CSR's
// edge index.
std::vector<double> inverse_weights(const ViewGraph& g) {
  std::vector<double> len(boost::num_edges(g));
  for (auto e : boost::make_iterator_range(boost::edges(g)))
    len[boost::get(boost::edge_index, g, e)] = 1.0 / g[e];
  return len;
}

// Distances from `s` over `g` (the view's graph or its reverse), +inf for
// the unreachable.
template <typename G>
void single_source(const G& g, uint32_t s, bool weighted, const std::vector<double>& len,
                   std::vector<double>& dist) {
  const double inf = std::numeric_limits<double>::infinity();
  std::fill(dist.begin(), dist.end(), inf);
  auto index = boost::get(boost::vertex_index, g);
  auto dmap = boost::make_iterator_property_map(dist.begin(), index);
  if (weighted) {
    auto lmap = boost::make_iterator_property_map(len.begin(), boost::get(boost::edge_index, g));
    boost::dijkstra_shortest_paths(g, s,
                                   boost::distance_map(dmap).weight_map(lmap).distance_inf(
                                       std::numeric_limits<double>::infinity()));
    return;
  }
  dist[s] = 0;
  boost::breadth_first_search(g, s,
                              boost::visitor(boost::make_bfs_visitor(
                                  boost::record_distances(dmap, boost::on_tree_edge()))));
}

}  // namespace

std::vector<double> degree(const View& v, bool weighted) {
  const ViewGraph& g = v.impl().graph;
  std::vector<double> out(v.nodes().size(), 0.0);
  for (auto e : boost::make_iterator_range(boost::edges(g))) {
    double w = weighted ? g[e] : 1.0;
    out[boost::source(e, g)] += w;
    // An undirected view holds each link twice, once from each end.
    if (v.directed()) out[boost::target(e, g)] += w;
  }
  return out;
}

namespace {

// One pass: x -> d * (x M + dangling mass / n) + (1 - d) / n. Returns the L1
// change. Each vertex's share x[u] / out_w[u] is computed once, so the pull
// over in-edges reads one array at random instead of two.
double pagerank_step(const ViewGraph& g, const std::vector<double>& out_w, double damping,
                     bool weighted, const std::vector<double>& x, std::vector<double>& share,
                     std::vector<double>& next) {
  const size_t n = x.size();
  double dangling = 0;
  for (size_t u = 0; u < n; ++u) {
    if (out_w[u] == 0) dangling += x[u];
    share[u] = out_w[u] == 0 ? 0.0 : x[u] / out_w[u];
  }
  const double base = damping * dangling / n + (1 - damping) / n;
  double change = 0;
  for (uint32_t t = 0; t < n; ++t) {
    double sum = 0;
    for (auto e : boost::make_iterator_range(boost::in_edges(t, g)))
      sum += share[boost::source(e, g)] * (weighted ? g[e] : 1.0);
    next[t] = damping * sum + base;
    change += std::abs(next[t] - x[t]);
  }
  return change;
}

std::vector<double> out_weights(const View& v, bool weighted) {
  if (weighted) return v.impl().out_weight;
  const ViewGraph& g = v.impl().graph;
  std::vector<double> w(v.nodes().size());
  for (uint32_t u = 0; u < w.size(); ++u) w[u] = boost::out_degree(u, g);
  return w;
}

}  // namespace

std::vector<double> pagerank(const View& v, const PageRankOptions& o) {
  const size_t n = v.nodes().size();
  if (n == 0) return {};
  std::vector<double> x(n, 1.0 / n), share(n), next(n);
  auto out_w = out_weights(v, o.weighted);
  for (int i = 0; i < o.max_iterations; ++i) {
    double change = pagerank_step(v.impl().graph, out_w, o.damping, o.weighted, x, share, next);
    x.swap(next);
    if (change < n * o.tolerance) break;
  }
  double total = 0;
  for (double s : x) total += s;
  for (double& s : x) s /= total;
  return x;
}

std::vector<double> pagerank_iterations(const View& v, int iterations, double damping) {
  const size_t n = v.nodes().size();
  if (n == 0) return {};
  std::vector<double> x(n, 1.0 / n), share(n), next(n);
  auto out_w = out_weights(v, false);
  for (int i = 0; i < iterations; ++i) {
    pagerank_step(v.impl().graph, out_w, damping, false, x, share, next);
    x.swap(next);
  }
  return x;
}

std::vector<double> betweenness(const View& v, bool weighted) {
  const ViewGraph& g = v.impl().graph;
  const size_t n = v.nodes().size();
  std::vector<double> c(n, 0.0);
  auto cmap = boost::make_iterator_property_map(c.begin(), boost::get(boost::vertex_index, g));
  if (weighted) {
    auto len = inverse_weights(g);
    auto lmap = boost::make_iterator_property_map(len.begin(), boost::get(boost::edge_index, g));
    boost::brandes_betweenness_centrality(g, boost::centrality_map(cmap).weight_map(lmap));
  } else {
    boost::brandes_betweenness_centrality(g, boost::centrality_map(cmap));
  }
  // Boost counts every ordered pair (an undirected view holds each link in
  // both directions), which is what NetworkX divides by (n-1)(n-2).
  if (n <= 2) return std::vector<double>(n, 0.0);
  const double scale = 1.0 / (static_cast<double>(n - 1) * static_cast<double>(n - 2));
  for (double& x : c) x *= scale;
  return c;
}

std::vector<double> closeness(const View& v, bool weighted) {
  const ViewGraph& g = v.impl().graph;
  const size_t n = v.nodes().size();
  std::vector<double> out(n, 0.0), dist(n);
  std::vector<double> len = weighted ? inverse_weights(g) : std::vector<double>{};
  auto reversed = boost::make_reverse_graph(g);
  for (uint32_t u = 0; u < n; ++u) {
    // Distances TO u: over the reversed graph when directed.
    if (v.directed())
      single_source(reversed, u, weighted, len, dist);
    else
      single_source(g, u, weighted, len, dist);
    double total = 0;
    size_t reached = 0;
    for (double d : dist)
      if (d != std::numeric_limits<double>::infinity()) {
        total += d;
        ++reached;
      }
    if (total > 0 && n > 1) {
      double r = static_cast<double>(reached - 1);
      out[u] = r / total * (r / static_cast<double>(n - 1));
    }
  }
  return out;
}

}  // namespace kg
