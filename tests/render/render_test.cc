// The seed graph (the gold annotations of the seed articles, built by
// gold_graph.py and read by kg's json import) drawn to SVG: well-formed XML,
// a node element for every graph node, every name exact; and the
// country-collapsed map.
#include "graph/render.h"

#include <catch2/catch.hpp>

#include "graph/atomic_file.h"
#include "graph/import.h"
#include "tests/export/export_support.h"

using namespace kg;
using namespace kg::testing;

namespace {
Graph gold_graph(const std::string& dir) {
  std::string json = dir + "/gold.json";
  RunResult r =
      run("/usr/bin/python3 " + std::string(KG_SOURCE_DIR) + "/tests/render/gold_graph.py " +
          shell_quoted(std::string(KG_SHARED_DIR) + "/gold") + " " + shell_quoted(json));
  INFO(r.output);
  REQUIRE(r.rc == 0);
  return import_graph(json, {ImportFormat::kJson});
}
}  // namespace

TEST_CASE("the seed graph renders to SVG with every node and name", "[render][seed]") {
  std::string dir = scratch_dir("seed-render");
  Graph g = gold_graph(dir);
  REQUIRE(g.node_count() > 50);
  std::vector<std::string> names;
  for (NodeId i = 0; i < g.node_count(); ++i) names.push_back(g.node(i).name);
  std::string expect = dir + "/expect.json";
  write_file_atomically(expect, expectation(g, names));
  RenderOptions o;
  o.title = "Seed articles";
  render_graph(g, dir + "/seed.svg", o);
  RunResult r = run("/usr/bin/python3 " + script("check_export.py") + " svg " +
                    shell_quoted(dir + "/seed.svg") + " " + shell_quoted(expect));
  INFO(r.output);
  CHECK(r.rc == 0);
}

TEST_CASE("the seed graph collapses to a map of countries", "[render][seed]") {
  std::string dir = scratch_dir("seed-countries");
  Graph g = gold_graph(dir);
  ViewOptions vo;
  vo.collapse_country = true;
  vo.labels = {Label::kCountry};
  View v = make_view(g, vo);
  REQUIRE(!v.nodes.empty());
  std::vector<std::string> names;
  for (const auto& n : v.nodes) {
    CHECK(n.label == Label::kCountry);
    names.push_back(n.name);
  }
  CHECK(std::find(names.begin(), names.end(), "China") != names.end());
  bool china_us = false;
  for (const auto& e : v.edges) {
    CHECK(e.source != e.target);
    auto a = v.nodes[e.source].name, b = v.nodes[e.target].name;
    if ((a == "China" && b == "United States") || (a == "United States" && b == "China"))
      china_us = true;
  }
  CHECK(china_us);
  std::string expect = dir + "/expect.json";
  write_file_atomically(expect, expectation(g, names));
  RenderOptions o;
  o.view = vo;
  render_graph(g, dir + "/countries.svg", o);
  RunResult r = run("/usr/bin/python3 " + script("check_export.py") + " svg " +
                    shell_quoted(dir + "/countries.svg") + " " + shell_quoted(expect));
  INFO(r.output);
  CHECK(r.rc == 0);
}
