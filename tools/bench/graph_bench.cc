// tools/bench-graph: graph file save and load speed, and peak memory with the
// graph loaded, on a generated graph (default 1M nodes, 5M edges). The
// reference, measured in the same run, is a plain RapidJSON parse of the same
// file into a DOM, which is the floor of what a checked load can cost.
#include <rapidjson/document.h>
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include "graph/graph_file.h"
#include "tools/bench/export_graph_gen.h"

namespace {
double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}
// CPU seconds (user + system) of this process so far: on the shared 2-core
// build machine wall time also counts waiting for a core.
double cpu_seconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}
long peak_rss_mib() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss / 1024;
}
}  // namespace

int main(int argc, char** argv) {
  if (argc >= 3 && std::string(argv[1]) == "--load-only") {
    // A separate process, so peak memory counts the loaded graph alone.
    auto t0 = std::chrono::steady_clock::now();
    double c0 = cpu_seconds();
    kg::Graph g = kg::load_graph(argv[2]);
    std::printf("load %.2f s (cpu %.2f s), %zu nodes, %zu edges, peak RSS %ld MiB\n",
                seconds_since(t0), cpu_seconds() - c0, g.node_count(), g.edge_count(),
                peak_rss_mib());
    // What a query engine holds: the graph plus its out/in adjacency lists.
    t0 = std::chrono::steady_clock::now();
    g.freeze();
    std::printf("adjacency lists %.2f s, peak RSS %ld MiB\n", seconds_since(t0), peak_rss_mib());
    std::fflush(stdout);
    // The graph's destruction is not part of the load.
    std::_Exit(0);
  }
  size_t nodes = argc > 1 ? std::stoul(argv[1]) : 1000000;
  size_t edges = argc > 2 ? std::stoul(argv[2]) : 5000000;
  std::string path = argc > 3 ? argv[3] : "/tmp/kg_bench.kggraph";
  auto t0 = std::chrono::steady_clock::now();
  kg::Graph g = kg::bench::generate_graph(nodes, edges);
  std::printf("generate %.2f s\n", seconds_since(t0));
  t0 = std::chrono::steady_clock::now();
  double c0 = cpu_seconds();
  kg::save_graph(g, path);
  std::printf("save %.2f s (cpu %.2f s)\n", seconds_since(t0), cpu_seconds() - c0);
  t0 = std::chrono::steady_clock::now();
  {
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    std::string text = std::move(ss).str();
    rapidjson::Document d;
    d.Parse(text.data(), text.size());
  }
  std::printf("reference: RapidJSON DOM parse of the same file %.2f s\n", seconds_since(t0));
  return 0;
}
