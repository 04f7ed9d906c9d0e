// tools/bench-analytics: graph/analytics.h on generated graphs, measured
// beside igraph in the same run (tools/bench/analytics_igraph.py reads the
// edge lists written here, so both sides work on exactly the same graph).
//
//   analytics_bench NODES EDGES BC_NODES BC_EDGES OUTDIR
//
// On the NODES/EDGES graph (tools/bench/export_graph_gen.h): building the
// stored view (directed, parallel edges collapsed), PageRank with exactly 20
// iterations, weak components. On the BC_NODES/BC_EDGES graph: betweenness
// (Brandes, directed). Prints one JSON object per line with wall and CPU
// seconds, and writes OUTDIR/{big,small}.edges ("source target" per link,
// the vertex count in .edges.n) and OUTDIR/{big.pagerank,small.betweenness}
// (one score per line) for the cross-check.
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <optional>
#include <string>

#include "graph/analytics.h"
#include "tools/bench/export_graph_gen.h"

namespace {

double cpu_seconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

void timed(const char* graph, const char* what, const std::function<void()>& f) {
  auto t0 = std::chrono::steady_clock::now();
  double c0 = cpu_seconds();
  f();
  double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::printf(
      "{\"engine\": \"kg\", \"graph\": \"%s\", \"what\": \"%s\", \"wall\": %.3f, \"cpu\": %.3f}\n",
      graph, what, wall, cpu_seconds() - c0);
  std::fflush(stdout);
}

void write_edges(const kg::View& v, const std::string& path) {
  std::FILE* f = std::fopen(path.c_str(), "w");
  if (!f) {
    std::perror(path.c_str());
    std::exit(1);
  }
  for (const auto& l : v.links()) std::fprintf(f, "%u %u\n", l.source, l.target);
  std::fclose(f);
  // The vertex count apart: igraph's edge-list reader takes pairs only.
  f = std::fopen((path + ".n").c_str(), "w");
  std::fprintf(f, "%zu\n", v.nodes().size());
  std::fclose(f);
}

void write_scores(const std::vector<double>& xs, const std::string& path) {
  std::FILE* f = std::fopen(path.c_str(), "w");
  for (double x : xs) std::fprintf(f, "%.17g\n", x);
  std::fclose(f);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 6) {
    std::fprintf(stderr, "usage: analytics_bench NODES EDGES BC_NODES BC_EDGES OUTDIR\n");
    return 2;
  }
  const size_t nodes = std::strtoull(argv[1], nullptr, 10);
  const size_t edges = std::strtoull(argv[2], nullptr, 10);
  const size_t bc_nodes = std::strtoull(argv[3], nullptr, 10);
  const size_t bc_edges = std::strtoull(argv[4], nullptr, 10);
  const std::string out = argv[5];

  {
    kg::Graph g = kg::bench::generate_graph(nodes, edges);
    std::optional<kg::View> v;
    timed("big", "view", [&] { v.emplace(kg::make_view(g, {})); });
    std::printf("{\"graph\": \"big\", \"nodes\": %zu, \"links\": %zu}\n", v->nodes().size(),
                v->links().size());
    std::vector<double> pr;
    timed("big", "pagerank20", [&] { pr = kg::pagerank_iterations(*v, 20); });
    std::vector<uint32_t> comp;
    timed("big", "components", [&] { comp = kg::components(*v); });
    uint32_t count = 0;
    for (uint32_t c : comp) count = std::max(count, c + 1);
    std::printf("{\"graph\": \"big\", \"components\": %u}\n", count);
    write_edges(*v, out + "/big.edges");
    write_scores(pr, out + "/big.pagerank");
  }
  {
    kg::Graph g = kg::bench::generate_graph(bc_nodes, bc_edges, 7);
    kg::View v = kg::make_view(g, {});
    std::printf("{\"graph\": \"small\", \"nodes\": %zu, \"links\": %zu}\n", v.nodes().size(),
                v.links().size());
    std::vector<double> bc;
    timed("small", "betweenness", [&] { bc = kg::betweenness(v); });
    write_edges(v, out + "/small.edges");
    write_scores(bc, out + "/small.betweenness");
  }
  return 0;
}
