// The export benchmark (tools/bench-export runs it): export and import
// throughput on a generated graph (1M nodes, 5M edges by default), against a
// reference measured in the same run -- writing the same bytes with plain
// fwrite, and reading them back with plain fread -- and render times for
// 100, 1,000 and 10,000-node graphs with the automatically chosen layout
// engine, against the `dot` program laying out the same DOT text.
//
//   bench_export [--nodes N] [--edges M] [--dir DIR] [--skip-render] [--skip-io]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <string>

#include "graph/atomic_file.h"
#include "graph/export.h"
#include "graph/import.h"
#include "graph/render.h"
#include "tools/bench/export_graph_gen.h"

using namespace kg;
namespace fs = std::filesystem;

namespace {
double now() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

uint64_t size_of(const std::string& path) {
  if (fs::is_directory(path)) {
    uint64_t total = 0;
    for (const auto& e : fs::directory_iterator(path)) total += e.file_size();
    return total;
  }
  return fs::file_size(path);
}

// Reference: the same bytes written with plain fwrite (and fsync, as
// AtomicFile does), then read back with plain fread.
std::pair<double, double> plain_io(const std::string& path, const std::string& scratch) {
  std::vector<std::string> files;
  if (fs::is_directory(path)) {
    for (const auto& e : fs::directory_iterator(path)) files.push_back(e.path().string());
  } else {
    files.push_back(path);
  }
  std::vector<std::string> data;
  double t0 = now();
  for (const auto& f : files) {
    std::FILE* in = std::fopen(f.c_str(), "rb");
    std::string d(fs::file_size(f), '\0');
    size_t got = std::fread(d.data(), 1, d.size(), in);
    d.resize(got);
    std::fclose(in);
    data.push_back(std::move(d));
  }
  double read = now() - t0;
  t0 = now();
  for (const auto& d : data) {
    std::FILE* out = std::fopen(scratch.c_str(), "wb");
    std::fwrite(d.data(), 1, d.size(), out);
    std::fflush(out);
    fdatasync(fileno(out));
    std::fclose(out);
  }
  double write = now() - t0;
  fs::remove(scratch);
  return {write, read};
}
}  // namespace

int main(int argc, char** argv) {
  size_t nodes = 1000000, edges = 5000000;
  std::string dir = (fs::temp_directory_path() / "kg-bench-export").string();
  bool render = true, io = true;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--nodes" && i + 1 < argc)
      nodes = std::stoul(argv[++i]);
    else if (a == "--edges" && i + 1 < argc)
      edges = std::stoul(argv[++i]);
    else if (a == "--dir" && i + 1 < argc)
      dir = argv[++i];
    else if (a == "--skip-render")
      render = false;
    else if (a == "--skip-io")
      io = false;
  }
  fs::create_directories(dir);
  if (io) {
    double t0 = now();
    Graph g = bench::generate_graph(nodes, edges);
    g.freeze();
    std::printf("generated %zu nodes, %zu edges in %.1f s\n", g.node_count(), g.edge_count(),
                now() - t0);
    // The floor of any import: building the same graph from memory.
    t0 = now();
    { Graph copy = g.clone(); }
    double build_ref = now() - t0;
    std::printf("reference: building the same graph from memory (Graph::clone) %.1f s\n\n",
                build_ref);
    std::printf("%-9s %10s %9s %9s %12s %11s %9s\n", "format", "size MB", "export s", "MB/s",
                "fwrite ref s", "ratio", "< 10 s");
    for (ExportFormat f : {ExportFormat::kJson, ExportFormat::kCsv, ExportFormat::kGraphml,
                           ExportFormat::kGexf, ExportFormat::kNtriples, ExportFormat::kTurtle,
                           ExportFormat::kCypher, ExportFormat::kDot}) {
      ExportOptions o;
      o.format = f;
      std::string path = dir + "/g." + std::string(to_string(f));
      fs::remove_all(path);
      t0 = now();
      export_graph(g, path, o);
      double t = now() - t0;
      double mb = size_of(path) / 1e6;
      auto [w, r] = plain_io(path, dir + "/plain.bin");
      std::printf("%-9s %10.0f %9.2f %9.0f %12.2f %10.1fx %9s\n", std::string(to_string(f)).c_str(),
                  mb, t, mb / t, w, t / w, t < 10 ? "yes" : "NO");
      std::fflush(stdout);
      if (f != ExportFormat::kJson && f != ExportFormat::kCsv) fs::remove_all(path);
    }
    std::printf("\n%-9s %10s %9s %9s %12s %11s %9s\n", "import", "size MB", "import s", "MB/s",
                "fread ref s", "ratio", "< 10 s");
    std::printf("(ratio against fread; building the graph alone takes %.1f s)\n", build_ref);
    for (auto [name, fmt] :
         {std::pair{"json", ImportFormat::kJson}, std::pair{"csv", ImportFormat::kCsv}}) {
      std::string path = dir + "/g." + name;
      t0 = now();
      Graph back = import_graph(path, {fmt});
      double t = now() - t0;
      double mb = size_of(path) / 1e6;
      auto [w, r] = plain_io(path, dir + "/plain.bin");
      bool same = back == g;
      std::printf("%-9s %10.0f %9.2f %9.0f %12.2f %10.1fx %9s%s\n", name, mb, t, mb / t, r, t / r,
                  t < 10 ? "yes" : "NO", same ? "" : "  (NOT EQUAL to the original!)");
      std::fflush(stdout);
    }
    fs::remove_all(dir + "/g.json");
    fs::remove_all(dir + "/g.csv");
  }
  if (render) {
    std::printf("\n%-7s %7s %-6s %9s %14s %8s\n", "nodes", "edges", "engine", "render s",
                "dot program s", "ratio");
    for (size_t n : {100, 1000, 10000}) {
      Graph g = bench::generate_graph(n, n * 3 / 2, 7);
      g.freeze();
      RenderOptions o;
      o.force = true;
      DiagramView v = make_view(g, o.view);
      double t0 = now();
      std::string svg = render_view(v, RenderFormat::kSvg, o);
      double t = now() - t0;
      std::string engine = auto_layout(v.nodes.size());
      std::string dot = dir + "/r.dot";
      write_file_atomically(dot, render_view(v, RenderFormat::kDot, o));
      t0 = now();
      std::string cmd = "dot -K" + engine + " -Tsvg " + dot + " -o " + dir + "/r.svg";
      int rc = std::system(cmd.c_str());
      double ref = now() - t0;
      std::printf("%-7zu %7zu %-6s %9.2f %14.2f %7.2fx%s\n", n, v.edges.size(), engine.c_str(), t,
                  ref, t / ref, rc == 0 ? "" : "  (dot program failed)");
      std::fflush(stdout);
    }
  }
  fs::remove_all(dir);
  return 0;
}
