// The graph file loader (graph/graph_file_load.cc, a SAX state machine) and
// the compact tables behind the string pool and name index.
#include <catch2/catch.hpp>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>

#include "graph/error.h"
#include "graph/fragment_io.h"
#include "graph/graph_file.h"
#include "graph/merge.h"

using namespace kg;

namespace {

std::string tmp_path(const std::string& name) { return "/tmp/kg_test_gf_" + name; }

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), {});
}

void write_file(const std::string& path, const std::string& text) {
  std::ofstream(path, std::ios::binary | std::ios::trunc) << text;
}

// Two documents: an institution with an alias and typed properties, a
// workshop, a country; an ESTABLISHED and a PARTNERS_WITH edge.
Fragment fragment(const std::string& doc, const std::string& name) {
  Fragment f;
  f.doc = doc;
  Props props;
  props.set("kind", std::string("college"));
  props.set("founded", int64_t{1951});
  props.set("tags", std::vector<std::string>{"a", "b"});
  f.entities.push_back({"e1", Label::kInstitution, name, {"TVI"}, props, {{10, 20, "org.head"}}});
  f.entities.push_back({"e2", Label::kWorkshop, "Luban Workshop in " + doc, {}, {}, {{30, 40, "ws"}}});
  f.entities.push_back({"e3", Label::kCountry, "Thailand", {}, {}, {{50, 58, "gaz"}}});
  f.relations.push_back({RelType::kEstablished, "e1", "e2", {}, {{0, 60, "TVI built it.", "est"}}});
  f.relations.push_back({RelType::kPartnersWith, "e3", "e1", {}, {{0, 60, "With Thailand.", "pw"}}});
  return f;
}

Graph sample_graph() {
  Merger m;
  m.add(fragment("a.txt", "Tianjin Vocational Institute"));
  m.add(fragment("b.txt", "tianjin vocational institute"));
  return m.finish();
}

// Saves `g`, applies `edit` to the text, and returns what loading says.
std::string load_error(const Graph& g, const std::string& from, const std::string& to) {
  std::string path = tmp_path("edit.kggraph");
  save_graph(g, path);
  std::string text = read_file(path);
  size_t at = text.find(from);
  REQUIRE(at != std::string::npos);
  text.replace(at, from.size(), to);
  write_file(path, text);
  try {
    load_graph(path);
  } catch (const InputError& e) {
    std::remove(path.c_str());
    return e.what();
  }
  std::remove(path.c_str());
  return "(loaded)";
}

}  // namespace

TEST_CASE("a well-formed file with a bad record names the record") {
  Graph g = sample_graph();
  const std::string p = tmp_path("edit.kggraph") + ": ";
  // Nodes are sorted by label: Country (node 0), Institution (1), Workshops (2, 3).
  CHECK(load_error(g, "\"label\":\"Institution\"", "\"label\":\"College\"") ==
        p + "node 1: unknown label \"College\"");
  CHECK(load_error(g, "\"label\":\"Institution\"", "\"label\":7") ==
        p + "node 1: \"label\" must be a string");
  CHECK(load_error(g, "\"name\":\"Thailand\"", "\"nom\":\"Thailand\"") ==
        p + "node 0: missing \"name\"");
  CHECK(load_error(g, "\"aliases\":[\"TVI\"", "\"aliases\":[7") ==
        p + "node 1: an alias must be a string");
  CHECK(load_error(g, "\"founded\":1951", "\"founded\":null") ==
        p + "node 1: property \"founded\" has an unsupported type");
  CHECK(load_error(g, "\"tags\":[\"a\"", "\"tags\":[1") ==
        p + "node 1: a list element must be a string");
  CHECK(load_error(g, "\"mentions\":[[", "\"mentions\":[[0,1,2,3,4],[") ==
        p + "node 0: a mention is [doc, start, end, rule]");
  CHECK(load_error(g, "\"mentions\":[[", "\"mentions\":[[0,1,2],[") ==
        p + "node 0: a mention is [doc, start, end, rule]");
  CHECK(load_error(g, "\"mentions\":[[", "\"mentions\":[[99,1,2,0],[") ==
        p + "node 0: string index 99 out of range");
  CHECK(load_error(g, "\"mentions\":[[", "\"mentions\":[[0,-1,2,0],[") ==
        p + "node 0: start must be a non-negative integer");
  CHECK(load_error(g, "\"name\":\"Thailand\"", "\"name\":\"Thailand\",\"name\":\"X\"") ==
        p + "node 0: duplicate \"name\"");
  // Edges are sorted by type: PARTNERS_WITH (edge 0), ESTABLISHED (1).
  CHECK(load_error(g, "\"type\":\"ESTABLISHED\"", "\"type\":\"BUILT\"") ==
        p + "edge 1: unknown type \"BUILT\"");
  CHECK(load_error(g, "\"source\":", "\"source\":9,\"s\":") ==
        p + "edge 0: points at a missing node");
  CHECK(load_error(g, "\"evidence\":[[", "\"evidence\":[{},[") ==
        p + "edge 0: evidence is [doc, start, end, text, rule]");
  CHECK(load_error(g, "\"nodes\":[{", "\"nodes\":[7,{") == p + "node 0: expected an object");
  CHECK(load_error(g, "\"sources\":[[", "\"sources\":[[0,{}],[") ==
        p + "node 0: a source is [doc, [names], {props}]");
  CHECK(load_error(g, "\"sources\":[[", "\"sources\":[[0,[7],{}],[") ==
        p + "node 0: a source name must be a string");
}

TEST_CASE("header problems and bad JSON give the byte offset") {
  Graph g = sample_graph();
  const std::string p = tmp_path("edit.kggraph") + ": byte ";
  CHECK_THAT(load_error(g, "\"nodes\":4", "\"nodes\":5"),
             Catch::StartsWith(p) && Catch::Contains("\"counts\" says 5 nodes, the file has 4"));
  CHECK_THAT(load_error(g, "\"format\":\"kg-graph\"", "\"format\":\"kg-grape\""),
             Catch::StartsWith(p + "20: not a kg graph file"));
  CHECK_THAT(load_error(g, "\"version\":1", "\"version\":\"1\""),
             Catch::StartsWith(p) && Catch::Contains("unsupported graph file version"));
  CHECK_THAT(load_error(g, "\"strings\":[", "\"strings\":[7,"),
             Catch::StartsWith(p) && Catch::Contains("a string must be a string"));
  CHECK_THAT(load_error(g, "\"nodes\":[", "\"edges\":[],\"nodes\":["),
             Catch::StartsWith(p) && Catch::Contains("\"nodes\" must come before \"edges\""));
  CHECK_THAT(load_error(g, "]}\n", "]}x\n"),
             Catch::StartsWith(p) && Catch::Contains("root must not be followed"));
  // Hostile nesting inside a member the loader would otherwise skip.
  CHECK_THAT(load_error(g, "\"strings\":", "\"x\":" + std::string(100, '[') + ",\"strings\":"),
             Catch::StartsWith(p) && Catch::Contains("nested deeper than 32 levels"));
  CHECK_THAT(load_error(g, "{\"format\"", "[{\"format\""),
             Catch::StartsWith(p + "0: not a kg graph file"));
  std::string path = tmp_path("empty.kggraph");
  write_file(path, " \n");
  CHECK_THROWS_WITH(load_graph(path), path + ": byte 0: empty file, not a kg graph file");
  write_file(path, "{\"format\":\"kg-graph\",\"version\":1,\"strings\":[\"a\"");
  CHECK_THROWS_WITH(load_graph(path), Catch::EndsWith("(the file is truncated)"));
  std::remove(path.c_str());
  CHECK_THROWS_AS(load_graph(tmp_path("does-not-exist")), IoError);
}

TEST_CASE("unknown members are skipped and counts are optional") {
  Graph g = sample_graph();
  std::string path = tmp_path("extra.kggraph");
  save_graph(g, path);
  std::string text = read_file(path);
  // A version-1 file from before "counts", with members a later kg may add.
  size_t counts = text.find(",\"counts\":");
  text.erase(counts, text.find('}', counts) + 1 - counts);
  text.replace(text.find("\"strings\":"), 10, "\"later\":{\"a\":[1,{\"b\":null}]},\"strings\":");
  text.replace(text.find("\"name\":"), 7, "\"score\":[[0.5]],\"name\":");
  text.replace(text.find("\"type\":"), 7, "\"weight\":2,\"type\":");
  write_file(path, text);
  CHECK(load_graph(path) == g);
  std::remove(path.c_str());
}

TEST_CASE("long strings and many strings round-trip") {
  Merger m;
  Fragment f = fragment("a.txt", "Tianjin Vocational Institute");
  // Longer than the writer's 1 MiB chunk and the string pool's blocks.
  std::string sentence(3 << 20, 'x');
  for (size_t i = 0; i < sentence.size(); i += 997) sentence[i] = '"';
  f.relations[0].evidence[0].text = sentence;
  for (int i = 0; i < 20000; ++i)
    f.entities[1].mentions.push_back({static_cast<uint32_t>(i), static_cast<uint32_t>(i + 1),
                                      "rule." + std::to_string(i)});
  m.add(f);
  Graph g = m.finish();
  std::string path = tmp_path("long.kggraph");
  save_graph(g, path);
  Graph back = load_graph(path);
  CHECK(back == g);
  EdgeId est = g.out(*g.find(Label::kInstitution, "TVI"))[0].edge;
  CHECK(back.str(back.edge(est).evidence[0].text) == sentence);
  std::remove(path.c_str());
}

TEST_CASE("the string pool and name index hold many entries") {
  Graph g;
  std::vector<Sym> syms;
  for (int i = 0; i < 50000; ++i) syms.push_back(g.intern("s" + std::to_string(i)));
  for (int i = 0; i < 50000; ++i) {
    CHECK(g.intern("s" + std::to_string(i)) == syms[i]);
    if (g.str(syms[i]) != "s" + std::to_string(i)) FAIL("str(" << i << ")");
  }
  for (int i = 0; i < 20000; ++i)
    g.add_node({i % 2 ? Label::kInstitution : Label::kPerson, "Name " + std::to_string(i),
                {"N" + std::to_string(i), "n " + std::to_string(i)}, {}, {}});
  for (int i = 0; i < 20000; i += 7) {
    Label l = i % 2 ? Label::kInstitution : Label::kPerson;
    if (g.find(l, "name  " + std::to_string(i)) != NodeId(i)) FAIL("name " << i);
    if (g.find(l, "N" + std::to_string(i)) != NodeId(i)) FAIL("alias " << i);
    if (g.find(i % 2 ? Label::kPerson : Label::kInstitution, "N" + std::to_string(i)))
      FAIL("label " << i);
  }
  CHECK_FALSE(g.find(Label::kPerson, "Name 20000"));
  CHECK(g.find_any("n-4") == std::vector<NodeId>{4});
  // Renaming and re-indexing drops the old names.
  g.mutable_node(4).name = "Renamed Person";
  g.mutable_node(4).aliases = {};
  g.reindex_node(4);
  CHECK_FALSE(g.find(Label::kPerson, "Name 4"));
  CHECK(g.find(Label::kPerson, "renamed person") == NodeId(4));
  // Two nodes under one key: the lowest id.
  NodeId twin = g.add_node({Label::kPerson, "Renamed Person", {}, {}, {}});
  CHECK(g.find(Label::kPerson, "Renamed Person") == NodeId(4));
  CHECK(g.find_any("renamed person") == std::vector<NodeId>{4, twin});
  // A clone has its own tables and answers alike.
  Graph c = g.clone();
  CHECK(c == g);
  CHECK(c.find(Label::kInstitution, "N19999") == NodeId(19999));
  CHECK(c.intern("s123") == syms[123]);
}

TEST_CASE("merging a graph file with a new fragment file equals merging all fragments") {
  std::vector<Fragment> frags = {fragment("a.txt", "Tianjin Vocational Institute"),
                                 fragment("b.txt", "tianjin vocational institute"),
                                 fragment("c.txt", "Another College")};
  frags[2].entities[0].aliases = {"AC"};
  std::string dir = tmp_path("merge_");
  auto write_fragments = [&](const std::string& path, size_t from, size_t to) {
    std::ofstream out(path);
    for (size_t i = from; i < to; ++i) out << fragment_to_json(frags[i], false) << "\n";
  };
  write_fragments(dir + "ab.jsonl", 0, 2);
  write_fragments(dir + "c.jsonl", 2, 3);
  write_fragments(dir + "abc.jsonl", 0, 3);
  const std::string kg = KG_BINARY;
  auto run = [](const std::string& cmd) { return WEXITSTATUS(std::system(cmd.c_str())); };
  REQUIRE(run(kg + " merge -o " + dir + "ab.kggraph " + dir + "ab.jsonl") == 0);
  REQUIRE(run(kg + " merge -o " + dir + "abc1.kggraph " + dir + "ab.kggraph " + dir + "c.jsonl") == 0);
  REQUIRE(run(kg + " merge -o " + dir + "abc2.kggraph " + dir + "abc.jsonl") == 0);
  CHECK(load_graph(dir + "abc1.kggraph") == load_graph(dir + "abc2.kggraph"));
  // Byte-identical, since the result is canonical.
  CHECK(read_file(dir + "abc1.kggraph") == read_file(dir + "abc2.kggraph"));
  for (const char* f : {"ab.jsonl", "c.jsonl", "abc.jsonl", "ab.kggraph", "abc1.kggraph", "abc2.kggraph"})
    std::remove((dir + f).c_str());
}

TEST_CASE("removing a document takes back the names and values it gave") {
  Fragment a = fragment("a.txt", "Tianjin Vocational Institute");
  Fragment b = fragment("b.txt", "tianjin vocational institute");
  Fragment d = fragment("d.txt", "Tianjin Vocational Institute");
  d.entities[0].aliases = {"TVU"};
  d.entities[0].props.set("kind", std::string("academy"));  // wins over "college"
  d.entities[0].props.set("country", std::string("China"));
  d.relations[0].props.set("date", std::string("2024-05-27"));
  Merger all_m;
  for (const auto* f : {&a, &b, &d}) all_m.add(*f);
  Graph all = all_m.finish();
  NodeId tvi = *all.find(Label::kInstitution, "TVU");
  CHECK(all.node(tvi).props.get_string("kind") == "academy");
  CHECK(all.node_sources(tvi).size() == 3);
  // Through the graph file, so the sources round-trip too.
  std::string path = tmp_path("sources.kggraph");
  save_graph(all, path);
  Graph loaded = load_graph(path);
  REQUIRE(loaded == all);
  Graph without = remove_documents(loaded, {"d.txt"});
  Merger ab;
  ab.add(a);
  ab.add(b);
  Graph expect = ab.finish();
  CHECK(without == expect);
  NodeId id = *without.find(Label::kInstitution, "TVI");
  CHECK_FALSE(without.find(Label::kInstitution, "TVU"));
  CHECK(without.node(id).props.get_string("kind") == "college");
  CHECK(without.node(id).props.get("country") == nullptr);
  for (EdgeId e = 0; e < without.edge_count(); ++e) CHECK(without.edge(e).props.get("date") == nullptr);
  // And back again.
  Merger back;
  back.add(without);
  back.add(d);
  CHECK(back.finish() == all);
  std::remove(path.c_str());
}

TEST_CASE("removing the document that joined two names splits the node") {
  auto one = [](const std::string& doc, const std::string& name, std::vector<std::string> aliases) {
    Fragment f;
    f.doc = doc;
    f.entities.push_back({"e1", Label::kInstitution, name, std::move(aliases), {}, {{0, 5, "org"}}});
    return f;
  };
  Fragment p = one("p.txt", "North College", {});
  Fragment q = one("q.txt", "Northern College", {"North College"});
  Fragment r = one("r.txt", "Northern College", {});
  Merger m;
  for (const auto* f : {&p, &q, &r}) m.add(*f);
  Graph all = m.finish();
  CHECK(all.node_count() == 1);
  Graph without = remove_documents(all, {"q.txt"});
  Merger pr;
  pr.add(p);
  pr.add(r);
  CHECK(without == pr.finish());
  CHECK(without.node_count() == 2);
}

TEST_CASE("graphs without sources keep the old removal rules") {
  Graph g;
  Sym d1 = g.intern("d1"), d2 = g.intern("d2"), rule = g.intern("r"), text = g.intern("t");
  NodeId a = g.add_node({Label::kInstitution, "A College", {"AC"}, {}, {{d1, 0, 1, rule}}});
  NodeId b = g.add_node({Label::kInstitution, "B College", {}, {}, {{d1, 0, 1, rule}, {d2, 0, 1, rule}}});
  NodeId c = g.add_node({Label::kCountry, "China", {}, {}, {}});  // imported: never had mentions
  g.add_edge({RelType::kSigned, a, b, {}, {{d1, 0, 1, text, rule}}});
  g.add_edge({RelType::kLocatedIn, b, c, {}, {{d2, 0, 1, text, rule}}});
  g.add_edge({RelType::kLocatedIn, a, c, {}, {}});
  Graph without = remove_documents(g, {"d1"});
  REQUIRE(without.node_count() == 2);  // A College had only d1's mentions
  CHECK(without.find(Label::kCountry, "China"));
  CHECK(without.find(Label::kInstitution, "B College"));
  CHECK(without.edge_count() == 1);
  CHECK(without.edge(0).type == RelType::kLocatedIn);
}

TEST_CASE("on the seed articles, removing any document gives the graph built without it") {
  std::string frags = tmp_path("seeds.jsonl");
  std::string cmd = std::string(KG_BINARY) + " extract -o " + frags + " " + KG_SHARED_DIR +
                    "/corpus/seeds 2>/dev/null";
  REQUIRE(WEXITSTATUS(std::system(cmd.c_str())) == 0);
  std::vector<Fragment> all;
  FragmentReader reader(frags);
  for (Fragment f; reader.next(f);) all.push_back(f);
  std::remove(frags.c_str());
  REQUIRE(all.size() >= 5);
  Merger m;
  for (const auto& f : all) m.add(f);
  Graph full = m.finish();
  // Through the file, as kg remove does.
  std::string path = tmp_path("seeds.kggraph");
  save_graph(full, path);
  Graph loaded = load_graph(path);
  std::remove(path.c_str());
  for (const auto& gone : all) {
    Merger rest;
    for (const auto& f : all)
      if (f.doc != gone.doc) rest.add(f);
    Graph without = remove_documents(loaded, {gone.doc});
    CHECK(without == rest.finish());
    Merger back;
    back.add(without);
    back.add(gone);
    CHECK(back.finish() == full);
  }
}
