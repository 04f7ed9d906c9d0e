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

TEST_CASE("a country keeps the name its fragments give, not a longer alias") {
  auto country = [](const std::string& doc, std::vector<std::string> aliases) {
    Fragment f;
    f.doc = doc;
    f.entities.push_back({"e1", Label::kCountry, "Vietnam", std::move(aliases), {}, {{0, 7, "gaz"}}});
    f.entities.push_back({"e2", Label::kInstitution, "Hanoi College", {"Hanoi College of Technology"}, {}, {{9, 20, "org"}}});
    return f;
  };
  Fragment a = country("a.txt", {"Vietnamese"});
  Fragment b = country("b.txt", {"Socialist Republic of Vietnam"});
  Fragment c = country("c.txt", {});
  Graph all = merge_all({a, b, c});
  const auto id = all.find(Label::kCountry, "Vietnamese");
  REQUIRE(id);
  CHECK(all.node(*id).name == "Vietnam");
  CHECK(all.node(*id).aliases == std::vector<std::string>{"Socialist Republic of Vietnam", "Vietnamese"});
  // Other labels still take the best surface form: more capitals.
  CHECK(all.node(*all.find(Label::kInstitution, "Hanoi College")).name == "Hanoi College of Technology");
  // Through a graph file, in shards, and with a document taken out.
  const std::string path = tmp_path("country.kggraph");
  save_graph(merge_all({a, b}), path);
  Merger shards;
  shards.add_graph_file(path);
  shards.add(c);
  CHECK(shards.finish() == all);
  Graph without_c = remove_documents(all, {"c.txt"});
  CHECK(without_c == merge_all({a, b}));
  CHECK(without_c.node(*without_c.find(Label::kCountry, "Vietnam")).name == "Vietnam");
  std::remove(path.c_str());
}

TEST_CASE("a graph file streamed into a merge equals the loaded graph merged") {
  Fragment a = tvi_fragment("a.txt", "Tianjin Vocational Institute", {"TVI"});
  a.entities[0].props.set("kind", std::string("college"));
  a.entities[0].mentions.push_back({70, 80, "org.head"});
  Fragment b = tvi_fragment("b.txt", "TVI", {});
  b.entities[0].props.set("kind", std::string("university"));
  Graph all = merge_all({a, b, tvi_fragment("c.txt", "Other College", {})});
  const std::string path = tmp_path("streamed.kggraph");
  auto both_ways = [&] {
    Merger streamed, loaded;
    streamed.add_graph_file(path);
    loaded.add(load_graph(path));
    streamed.add(tvi_fragment("d.txt", "TVI", {}));
    loaded.add(tvi_fragment("d.txt", "TVI", {}));
    return std::pair{streamed.finish(), loaded.finish()};
  };
  // Nodes with sources from several documents, and a graph with one taken out.
  const Graph without_b = remove_documents(all, {"b.txt"});
  for (const Graph* g : {static_cast<const Graph*>(&all), &without_b}) {
    save_graph(*g, path);
    auto [streamed, loaded] = both_ways();
    CHECK(streamed == loaded);
    CHECK(streamed.node_count() == g->node_count());
  }
  // A table that spells one document twice (kg never writes one; a hand-made
  // file may): both ways see one document, as Graph::intern does.
  save_graph(merge_all({a}), path);
  std::ifstream in(path);
  std::string text((std::istreambuf_iterator<char>(in)), {});
  in.close();
  // One document gave everything: its sources are implied, not stored.
  CHECK(text.find("\"sources\"") == std::string::npos);
  const Graph plain = load_graph(path);
  const NodeId tvi = *plain.find(Label::kInstitution, "TVI");
  REQUIRE(plain.node(tvi).mentions.size() == 2);
  const std::string doc(plain.str(plain.node(tvi).mentions[1].doc));
  const size_t counts_at = text.find("\"counts\":{\"strings\":");
  REQUIRE(counts_at != std::string::npos);
  const size_t strings = std::stoul(text.substr(counts_at + 20));
  const std::string count = "\"strings\":" + std::to_string(strings) + ",";
  text.replace(text.find(count), count.size(), "\"strings\":" + std::to_string(strings + 1) + ",");
  text.replace(text.find("],\"nodes\":"), 1, ",\"" + doc + "\"]");
  // The node's second mention now names the copy.
  const size_t node_at = text.find("\"name\":\"Tianjin Vocational Institute\"");
  const size_t second = text.find("],[", text.find("\"mentions\":[[", node_at)) + 3;
  text.replace(second, text.find(',', second) - second, std::to_string(strings));
  std::ofstream(path, std::ios::trunc) << text;
  REQUIRE(load_graph(path).node(tvi).mentions[1].doc == plain.node(tvi).mentions[1].doc);
  auto [streamed, loaded] = both_ways();
  CHECK(streamed == loaded);
  // A broken file: the loader's error, naming the file and the byte.
  std::ofstream(path, std::ios::trunc) << text.substr(0, text.size() / 2);
  Merger broken;
  CHECK_THROWS_WITH(broken.add_graph_file(path), Catch::Contains(path) && Catch::Contains("byte"));
  std::remove(path.c_str());
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
