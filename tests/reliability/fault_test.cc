// Fault injection through the one seam for file output
// (graph/atomic_file.h: set_write_fault_for_testing): a full disk at any
// write while saving a graph or writing an export must report an IoError
// naming the file and leave the previous file exactly as it was, with no
// temporary behind.
#include <catch2/catch.hpp>

#include <map>

#include "graph/atomic_file.h"
#include "graph/error.h"
#include "graph/export.h"
#include "graph/graph_file.h"
#include "tests/export/hostile_graph.h"
#include "tests/reliability/reliability_support.h"

using kg::test::Scratch;
using kg::test::slurp;

namespace {

// Enough records that saving takes several low-level writes (the graph
// file is written in 1 MiB chunks, exports in smaller blocks), together with
// the hostile names of hostile_graph().
constexpr int kGenerated = 30000;
kg::Graph big_graph() {
  kg::Graph g = kg::testing::hostile_graph();
  size_t base = g.node_count();
  kg::Sym doc = g.intern("generated.txt"), rule = g.intern("test.rule");
  for (int i = 0; i < kGenerated; ++i) {
    kg::Node n;
    n.label = i % 2 ? kg::Label::kInstitution : kg::Label::kPerson;
    n.name = "Generated \"node\" <" + std::to_string(i) + "> & co";
    n.mentions.push_back({doc, static_cast<uint32_t>(i), static_cast<uint32_t>(i + 5), rule});
    kg::NodeId id = g.add_node(std::move(n));
    if (i > 0) {
      kg::Edge e;
      e.type = kg::RelType::kPartnersWith;
      e.source = static_cast<kg::NodeId>(id - 1);
      e.target = id;
      g.add_edge(std::move(e));
    }
  }
  REQUIRE(g.node_count() == base + kGenerated);
  return g;
}

// Every regular file under `path` (the file itself, or a csv directory).
std::map<std::string, std::string> snapshot(const std::string& path) {
  std::map<std::string, std::string> files;
  if (std::filesystem::is_directory(path)) {
    for (const auto& e : std::filesystem::recursive_directory_iterator(path))
      if (e.is_regular_file()) files[e.path().string()] = slurp(e.path().string());
  } else if (std::filesystem::exists(path)) {
    files[path] = slurp(path);
  }
  return files;
}

// Runs `write` with the n-th write failing for n = 1, 2, 3, 5, 8, ... until
// it gets through; after every failure the IoError names `path` and says
// why, and `path` is byte for byte as before. Returns the faults injected.
template <typename Write>
int inject_until_success(const Scratch& s, const std::string& path, Write write) {
  auto before = snapshot(path);
  REQUIRE_FALSE(before.empty());
  int faults = 0;
  for (long n = 1, prev = 1;; std::tie(n, prev) = std::make_pair(n + prev, n)) {
    kg::set_write_fault_for_testing(n);
    bool ok = false;
    try {
      write();
      ok = true;
    } catch (const kg::IoError& e) {
      ++faults;
      std::string what = e.what();
      INFO("write " << n << ": " << what);
      CHECK(what.find(path) != std::string::npos);
      CHECK(what.find("No space left on device") != std::string::npos);
      CHECK(snapshot(path) == before);
      CHECK(s.temporaries().empty());
    }
    kg::set_write_fault_for_testing(0);
    if (ok) break;
  }
  CHECK(s.temporaries().empty());
  return faults;
}

}  // namespace

TEST_CASE("fault: a full disk while saving a graph keeps the previous graph file", "[fault]") {
  Scratch s("fault-save");
  kg::Graph old_graph = kg::testing::hostile_graph();
  kg::Graph new_graph = big_graph();
  std::string path = s.path("g.kggraph");
  kg::save_graph(old_graph, path);
  int faults = inject_until_success(s, path, [&] { kg::save_graph(new_graph, path); });
  CHECK(faults >= 3);
  // The write that finally went through is whole.
  CHECK(kg::load_graph(path) == new_graph);
}

TEST_CASE("fault: a full disk while writing each export keeps the previous export", "[fault]") {
  Scratch s("fault-export");
  kg::Graph old_graph = kg::testing::hostile_graph();
  kg::Graph new_graph = big_graph();
  for (kg::ExportFormat format :
       {kg::ExportFormat::kJson, kg::ExportFormat::kGraphml, kg::ExportFormat::kGexf,
        kg::ExportFormat::kNtriples, kg::ExportFormat::kTurtle, kg::ExportFormat::kCypher,
        kg::ExportFormat::kDot}) {
    kg::ExportOptions o;
    o.format = format;
    std::string path = s.path("out." + std::string(kg::to_string(format)));
    INFO(path);
    kg::export_graph(old_graph, path, o);
    // dot goes out through cgraph in one write; the others in blocks.
    int faults = inject_until_success(s, path, [&] { kg::export_graph(new_graph, path, o); });
    CHECK(faults >= (format == kg::ExportFormat::kDot ? 1 : 2));
  }
}

TEST_CASE("fault: a full disk while writing a csv table keeps that table", "[fault]") {
  // The csv export is a directory of tables, each written atomically: a
  // failed export leaves every table whole -- the old one or the new one --
  // and reports the error (README "Bad input").
  Scratch s("fault-csv");
  kg::Graph old_graph = kg::testing::hostile_graph();
  kg::Graph new_graph = big_graph();
  kg::ExportOptions o;
  o.format = kg::ExportFormat::kCsv;
  std::string dir = s.path("csv");
  kg::export_graph(old_graph, dir, o);
  auto before = snapshot(dir);
  std::string tmp = s.path("fresh");
  kg::export_graph(new_graph, tmp, o);
  std::map<std::string, std::string> after;
  for (auto& [name, bytes] : snapshot(tmp))
    after[dir + name.substr(tmp.size())] = std::move(bytes);
  int faults = 0;
  for (long n = 1, prev = 1;; std::tie(n, prev) = std::make_pair(n + prev, n)) {
    kg::set_write_fault_for_testing(n);
    bool ok = false;
    try {
      kg::export_graph(new_graph, dir, o);
      ok = true;
    } catch (const kg::IoError& e) {
      ++faults;
      INFO(e.what());
      CHECK(std::string(e.what()).find("No space left on device") != std::string::npos);
      for (const auto& [name, bytes] : snapshot(dir)) {
        INFO(name);
        bool old_or_new = (before.count(name) && before[name] == bytes) ||
                          (after.count(name) && after[name] == bytes);
        CHECK(old_or_new);
      }
      CHECK(s.temporaries().empty());
    }
    kg::set_write_fault_for_testing(0);
    if (ok) break;
    // Start again from the old export each time.
    std::filesystem::remove_all(dir);
    kg::export_graph(old_graph, dir, o);
  }
  CHECK(faults >= 2);
  CHECK(snapshot(dir) == after);
}
