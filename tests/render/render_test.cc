// The seed graph (the gold annotations of the seed articles, built by
// gold_graph.py and read by kg's json import) drawn to SVG: well-formed XML,
// a node element for every graph node, every name exact; and the
// country-collapsed map.
#include "graph/render.h"

#include <catch2/catch.hpp>

#include <fstream>
#include <set>
#include <sstream>

#include "graph/atomic_file.h"
#include "graph/graph_file.h"
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
  DiagramView v = make_view(g, vo);
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

TEST_CASE("kg render -q draws exactly what a query returns", "[render][query]") {
  std::string dir = scratch_dir("render-query");
  Graph g = gold_graph(dir);
  save_graph(g, dir + "/seed.kg");
  // The Luban Workshops and who established them: paths of one step.
  RunResult r = run(std::string(KG_BINARY) + " render " + shell_quoted(dir + "/seed.kg") +
                    " -q \"MATCH p = (w:Workshop)<-[:ESTABLISHED]-(x) RETURN p\" -o " +
                    shell_quoted(dir + "/q.dot") + " 2>&1");
  INFO(r.output);
  REQUIRE(r.rc == 0);
  std::set<std::string> expected;
  size_t edges = 0;
  for (EdgeId e = 0; e < g.edge_count(); ++e) {
    const Edge& edge = g.edge(e);
    if (edge.type != RelType::kEstablished || g.node(edge.target).label != Label::kWorkshop) continue;
    expected.insert(g.node(edge.source).name);
    expected.insert(g.node(edge.target).name);
    ++edges;
  }
  REQUIRE(edges > 0);
  std::ifstream in(dir + "/q.dot");
  std::stringstream ss;
  ss << in.rdbuf();
  std::string dot = ss.str();
  for (const auto& name : expected) CHECK(dot.find(name) != std::string::npos);
  // Nothing else: no institution that only signed agreements appears.
  for (NodeId i = 0; i < g.node_count(); ++i)
    if (!expected.count(g.node(i).name) && g.node(i).name.size() > 12)
      CHECK(dot.find(">" + g.node(i).name + "<") == std::string::npos);
  // A query with a syntax error names its position.
  r = run(std::string(KG_BINARY) + " render " + shell_quoted(dir + "/seed.kg") + " -q \"MATCH (w RETURN w\" -o " +
          shell_quoted(dir + "/bad.svg") + " 2>&1");
  CHECK(r.rc == 1);
  CHECK(r.output.find("query:1:10: expected ')' after node pattern") != std::string::npos);
}
