#include <catch2/catch.hpp>
#include <cstdio>
#include <cstdlib>
#include <fstream>

#include "graph/error.h"
#include "graph/graph_file.h"
#include "graph/merge.h"

using namespace kg;

namespace {

Fragment tvi_fragment(const std::string& doc, const std::string& name,
                      std::vector<std::string> aliases) {
  Fragment f;
  f.doc = doc;
  f.entities.push_back({"e1", Label::kInstitution, name, std::move(aliases), {}, {{10, 20, "org.head"}}});
  f.entities.push_back({"e2", Label::kWorkshop, "Luban Workshop in Thailand", {}, {}, {{30, 40, "ws"}}});
  f.entities.push_back({"e3", Label::kCountry, "Thailand", {}, {}, {{50, 58, "gaz"}}});
  f.relations.push_back({RelType::kEstablished, "e1", "e2", {}, {{0, 60, "TVI built it.", "est"}}});
  f.relations.push_back({RelType::kPartnersWith, "e3", "e1", {}, {{0, 60, "TVI built it.", "pw"}}});
  return f;
}

Graph merge_all(const std::vector<Fragment>& frags) {
  Merger m;
  for (const auto& f : frags) m.add(f);
  return m.finish();
}

std::string tmp_path(const char* name) { return std::string("/tmp/kg_test_") + name; }

}  // namespace

TEST_CASE("entities with the same label and normalised name or alias become one node") {
  Fragment a = tvi_fragment("a.txt", "Tianjin Vocational Institute", {"TVI"});
  Fragment b = tvi_fragment("b.txt", "tianjin vocational  institute", {});
  Graph g = merge_all({a, b});
  auto id = g.find(Label::kInstitution, "TVI");
  REQUIRE(id);
  CHECK(g.node(*id).name == "Tianjin Vocational Institute");
  CHECK(g.node(*id).mentions.size() == 2);
  CHECK(g.node_count() == 3);
  REQUIRE(g.edge_count() == 2);
  for (EdgeId e = 0; e < g.edge_count(); ++e)
    CHECK(std::get<int64_t>(*g.edge_properties(e).get("count")) == 2);
}

TEST_CASE("symmetric relations are one edge in either order; labels keep nodes apart") {
  Fragment a = tvi_fragment("a.txt", "TVI", {});
  Fragment b = tvi_fragment("b.txt", "TVI", {});
  std::swap(b.relations[1].source, b.relations[1].target);
  b.entities.push_back({"e4", Label::kPlace, "Thailand", {}, {}, {}});
  Graph g = merge_all({a, b});
  CHECK(g.node_count() == 4);
  CHECK(g.edge_count() == 2);
}

TEST_CASE("merge is order-independent and associative; graphs are merge inputs") {
  Fragment a = tvi_fragment("a.txt", "Tianjin Vocational Institute", {"TVI"});
  Fragment b = tvi_fragment("b.txt", "tianjin vocational institute", {});
  Fragment c = tvi_fragment("c.txt", "TVI", {"Tianjin Voc. Inst."});
  Fragment d = tvi_fragment("d.txt", "Another College", {});
  Graph all = merge_all({a, b, c, d});
  CHECK(merge_all({d, c, b, a}) == all);
  Merger m;
  m.add(merge_all({a, b}));
  m.add(merge_all({c, d}));
  CHECK(m.finish() == all);
  // removing a document gives the graph built without it, and back again
  Graph without_d = remove_documents(all, {"d.txt"});
  CHECK(without_d == merge_all({a, b, c}));
  Merger back;
  back.add(without_d);
  back.add(d);
  CHECK(back.finish() == all);
}

TEST_CASE("a graph file round-trips every field") {
  Fragment a = tvi_fragment("a.txt", "Tianjin Vocational Institute", {"TVI"});
  a.entities[0].props.set("kind", std::string("college"));
  a.entities[0].props.set("founded", int64_t{1951});
  a.entities[0].props.set("score", 0.5);
  a.entities[0].props.set("public", true);
  a.entities[0].props.set("tags", std::vector<std::string>{"x", "中文 \"q\""});
  a.relations[0].props.set("date", std::string("2024-05-27"));
  Graph g = merge_all({a, tvi_fragment("b.txt", "Other", {})});
  std::string path = tmp_path("roundtrip.kggraph");
  save_graph(g, path);
  CHECK(load_graph(path) == g);
  std::remove(path.c_str());
}

TEST_CASE("bad graph files give an InputError naming the file") {
  Graph g = merge_all({tvi_fragment("a.txt", "TVI", {})});
  std::string path = tmp_path("bad.kggraph");
  save_graph(g, path);
  std::ifstream in(path);
  std::string text((std::istreambuf_iterator<char>(in)), {});
  auto write = [&](const std::string& s) { std::ofstream(path, std::ios::trunc) << s; };
  for (size_t cut : {size_t{0}, size_t{1}, text.size() / 3, text.size() / 2, text.size() - 3}) {
    write(text.substr(0, cut));
    CHECK_THROWS_AS(load_graph(path), InputError);
  }
  write("not json");
  CHECK_THROWS_WITH(load_graph(path), Catch::Contains(path) && Catch::Contains("byte"));
  std::string wrong = text;
  wrong.replace(wrong.find("\"version\":1"), 11, "\"version\":9");
  write(wrong);
  CHECK_THROWS_WITH(load_graph(path), Catch::Contains("version"));
  std::string dangling = text;
  dangling.replace(dangling.find("\"target\":"), 10, "\"target\":7");
  write(dangling);
  CHECK_THROWS_WITH(load_graph(path), Catch::Contains("missing node"));
  write(std::string(100000, '[') );
  CHECK_THROWS_AS(load_graph(path), InputError);
  // through the command line: one line on stderr and exit code 1
  write(text.substr(0, text.size() / 2));
  std::string cmd = std::string(KG_BINARY) + " info " + path + " 2>" + path + ".err";
  int rc = std::system(cmd.c_str());
  CHECK(WEXITSTATUS(rc) == 1);
  std::ifstream err(path + ".err");
  std::string line;
  std::getline(err, line);
  CHECK(line.rfind("kg: " + path + ": byte ", 0) == 0);
  std::remove(path.c_str());
  std::remove((path + ".err").c_str());
}
