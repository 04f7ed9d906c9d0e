#include <catch2/catch.hpp>

#include "graph/graph.h"
#include "graph/normalize.h"

using namespace kg;

TEST_CASE("normalize_name follows the ontology's scoring rules") {
  CHECK(normalize_name("Tianjin Vocational Institute") == "tianjin vocational institute");
  CHECK(normalize_name("  tianjin vocational   institute ") == "tianjin vocational institute");
  CHECK(normalize_name("The Ministry of Education") == "ministry of education");
  CHECK(normalize_name("Research & Development") == "research and development");
  CHECK(normalize_name("China-ASEAN (CAMCI)") == "china asean camci");
  CHECK(normalize_name("U.S.") == "u s");
  CHECK(normalize_name("ＴＶＩ") == "tvi");  // NFKC folds full-width letters
  CHECK(normalize_name("中国 教育") == "中国 教育");
  CHECK(normalize_name("Straße") == "strasse");  // full case folding
  CHECK(normalize_name("theatre") == "theatre");  // only a leading word "the"
}

TEST_CASE("nodes are found by label and normalised name or alias") {
  Graph g;
  NodeId tvi = g.add_node({Label::kInstitution, "Tianjin Vocational Institute", {"TVI"}, {}, {}});
  NodeId cn = g.add_node({Label::kCountry, "China", {"PRC"}, {}, {}});
  CHECK(g.find(Label::kInstitution, "tianjin  vocational institute") == tvi);
  CHECK(g.find(Label::kInstitution, "TVI") == tvi);
  CHECK_FALSE(g.find(Label::kCountry, "TVI"));
  CHECK(g.find(Label::kCountry, "prc") == cn);
  CHECK(g.find_any("tvi") == std::vector<NodeId>{tvi});
  CHECK(g.nodes_with_label(Label::kCountry).size() == 1);
}

TEST_CASE("adjacency lists follow edges both ways and stay current after changes") {
  Graph g;
  NodeId a = g.add_node({Label::kInstitution, "A College", {}, {}, {}});
  NodeId b = g.add_node({Label::kInstitution, "B College", {}, {}, {}});
  EdgeId e = g.add_edge({RelType::kSigned, a, b, {}, {}});
  REQUIRE(g.out(a).size() == 1);
  CHECK(g.out(a)[0].edge == e);
  CHECK(g.out(a)[0].other == b);
  CHECK(g.in(b)[0].other == a);
  CHECK(g.out(b).empty());
  NodeId c = g.add_node({Label::kCountry, "China", {}, {}, {}});
  g.add_edge({RelType::kLocatedIn, a, c, {}, {}});
  CHECK(g.out(a).size() == 2);
  CHECK(g.in(c).size() == 1);
  g.erase({false, true, false}, {});
  CHECK(g.node_count() == 2);
  CHECK(g.edge_count() == 1);
  CHECK(g.edge(0).type == RelType::kLocatedIn);
  CHECK(g.edge(0).target == 1);
  CHECK(g.find(Label::kCountry, "China") == 1);
}

TEST_CASE("edge count and docs are derived from evidence") {
  Graph g;
  NodeId a = g.add_node({Label::kInstitution, "A", {}, {}, {}});
  NodeId b = g.add_node({Label::kInstitution, "B", {}, {}, {}});
  Sym d1 = g.intern("doc1"), d2 = g.intern("doc2"), s = g.intern("A signed with B."),
      r = g.intern("signed.with");
  EdgeId e = g.add_edge({RelType::kSigned, a, b, {}, {{d2, 0, 5, s, r}, {d1, 0, 5, s, r}, {d2, 9, 12, s, r}}});
  Props p = g.edge_properties(e);
  CHECK(std::get<int64_t>(*p.get("count")) == 2);
  CHECK(std::get<std::vector<std::string>>(*p.get("docs")) == std::vector<std::string>{"doc1", "doc2"});
}
