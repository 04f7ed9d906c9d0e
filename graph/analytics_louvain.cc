// Louvain community detection (Blondel, Guillaume, Lambiotte, Lefebvre,
// "Fast unfolding of communities in large networks", 2008). Boost.Graph has
// no community detection, so this is the one algorithm written here; it
// works on plain adjacency lists built from the View's links.
//
// The method alternates two phases until nothing changes:
//   1. Local moves. Every vertex starts alone. Visiting vertices in order, a
//      vertex leaves its community and joins the neighbouring community with
//      the largest modularity gain, which for a vertex i of degree k_i and a
//      community C is proportional to  w(i, C) - tot(C) * k_i / 2m,  where
//      w(i, C) is the weight of i's links into C, tot(C) the degree sum of C
//      and m the total link weight. Passes repeat until no vertex moves.
//   2. Aggregation. Each community becomes one vertex; links between
//      communities add up, links inside one become a self-loop.
// The answer is the partition of the last level, projected back onto the
// view's vertices. Visiting in vertex order (NetworkX shuffles with a seed)
// makes the result deterministic; the tests hold its modularity against
// NetworkX's louvain_communities on the same graphs.
//
// The view is taken as undirected: each unordered pair once, weight 1, or
// with `weighted` the link weight (both directions added on a directed view).
#include <algorithm>
#include <numeric>
#include <unordered_map>

#include "graph/analytics_impl.h"

namespace kg {
namespace {

struct Level {
  std::vector<std::vector<std::pair<uint32_t, double>>> adj;  // no self-loops
  std::vector<double> loop;  // self-loop weight (each counted once)
};

Level undirected_level(const View& v, bool weighted) {
  const size_t n = v.nodes().size();
  std::vector<std::tuple<uint32_t, uint32_t, double>> pairs;
  for (const auto& l : v.links()) {
    uint32_t a = std::min(l.source, l.target), b = std::max(l.source, l.target);
    pairs.emplace_back(a, b, weighted ? l.weight : 1.0);
  }
  std::sort(pairs.begin(), pairs.end());
  Level lv;
  lv.adj.resize(n);
  lv.loop.assign(n, 0.0);
  for (size_t i = 0; i < pairs.size();) {
    auto [a, b, w] = pairs[i];
    size_t j = i + 1;
    for (; j < pairs.size() && std::get<0>(pairs[j]) == a && std::get<1>(pairs[j]) == b; ++j)
      if (weighted) w += std::get<2>(pairs[j]);
    lv.adj[a].emplace_back(b, w);
    lv.adj[b].emplace_back(a, w);
    i = j;
  }
  return lv;
}

// Phase 1 on one level. Returns the community of each vertex, numbered
// densely in order of first appearance, and whether anything moved.
bool local_moves(const Level& lv, std::vector<uint32_t>& comm) {
  const size_t n = lv.adj.size();
  std::vector<double> k(n), tot(n);
  double m2 = 0;
  for (size_t i = 0; i < n; ++i) {
    k[i] = 2 * lv.loop[i];
    for (auto [j, w] : lv.adj[i]) k[i] += w;
    m2 += k[i];
  }
  comm.resize(n);
  std::iota(comm.begin(), comm.end(), 0u);
  tot = k;
  if (m2 == 0) return false;
  std::vector<double> w_to(n, 0.0);
  std::vector<uint32_t> touched;
  bool any = false;
  for (int pass = 0; pass < 1000; ++pass) {
    bool moved = false;
    for (uint32_t i = 0; i < n; ++i) {
      uint32_t old = comm[i];
      touched.clear();
      for (auto [j, w] : lv.adj[i]) {
        if (w_to[comm[j]] == 0) touched.push_back(comm[j]);
        w_to[comm[j]] += w;
      }
      tot[old] -= k[i];
      uint32_t best = old;
      double best_gain = w_to[old] - tot[old] * k[i] / m2;
      for (uint32_t c : touched) {
        double gain = w_to[c] - tot[c] * k[i] / m2;
        if (gain > best_gain + 1e-12) {
          best_gain = gain;
          best = c;
        }
      }
      for (uint32_t c : touched) w_to[c] = 0;
      tot[best] += k[i];
      if (best != old) {
        comm[i] = best;
        moved = true;
        any = true;
      }
    }
    if (!moved) break;
  }
  std::vector<uint32_t> renum(n, UINT32_MAX);
  uint32_t next = 0;
  for (auto& c : comm) {
    if (renum[c] == UINT32_MAX) renum[c] = next++;
    c = renum[c];
  }
  return any;
}

Level aggregate(const Level& lv, const std::vector<uint32_t>& comm, uint32_t count) {
  Level out;
  out.adj.resize(count);
  out.loop.assign(count, 0.0);
  std::vector<std::unordered_map<uint32_t, double>> between(count);
  for (uint32_t i = 0; i < lv.adj.size(); ++i) {
    out.loop[comm[i]] += lv.loop[i];
    for (auto [j, w] : lv.adj[i]) {
      if (comm[i] == comm[j])
        out.loop[comm[i]] += w / 2;  // seen from both ends
      else
        between[comm[i]][comm[j]] += w;
    }
  }
  for (uint32_t c = 0; c < count; ++c) {
    out.adj[c].assign(between[c].begin(), between[c].end());
    std::sort(out.adj[c].begin(), out.adj[c].end());
  }
  return out;
}

}  // namespace

double modularity(const View& v, const std::vector<uint32_t>& community, bool weighted) {
  Level lv = undirected_level(v, weighted);
  uint32_t count = 0;
  for (uint32_t c : community) count = std::max(count, c + 1);
  std::vector<double> inside(count, 0.0), deg(count, 0.0);
  double m = 0;
  for (uint32_t i = 0; i < lv.adj.size(); ++i)
    for (auto [j, w] : lv.adj[i]) {
      deg[community[i]] += w;
      if (i < j) {
        m += w;
        if (community[i] == community[j]) inside[community[i]] += w;
      }
    }
  if (m == 0) return 0;
  double q = 0;
  for (uint32_t c = 0; c < count; ++c) q += inside[c] / m - (deg[c] / (2 * m)) * (deg[c] / (2 * m));
  return q;
}

Communities communities(const View& v, bool weighted) {
  const size_t n = v.nodes().size();
  Communities out;
  out.community.resize(n);
  std::iota(out.community.begin(), out.community.end(), 0u);
  Level lv = undirected_level(v, weighted);
  std::vector<uint32_t> comm;
  while (local_moves(lv, comm)) {
    uint32_t count = *std::max_element(comm.begin(), comm.end()) + 1;
    for (auto& c : out.community) c = comm[c];
    if (count == lv.adj.size()) break;
    lv = aggregate(lv, comm, count);
  }
  // Number by decreasing size, ties by lowest vertex.
  std::vector<uint32_t> size(n, 0), first(n, UINT32_MAX), order;
  for (uint32_t u = 0; u < n; ++u) {
    uint32_t c = out.community[u];
    if (size[c]++ == 0) order.push_back(c);
    first[c] = std::min(first[c], u);
  }
  std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
    return size[a] != size[b] ? size[a] > size[b] : first[a] < first[b];
  });
  std::vector<uint32_t> number(n);
  for (uint32_t i = 0; i < order.size(); ++i) number[order[i]] = i;
  for (auto& c : out.community) c = number[c];
  out.modularity = modularity(v, out.community, weighted);
  return out;
}

}  // namespace kg
