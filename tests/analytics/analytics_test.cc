// graph/analytics.h against NetworkX: the seed graph (built from the seed
// articles by the kg binary) and generated graphs of a few thousand nodes are
// exported with `kg export --format json`; check_analytics.py builds every
// view again from the export in Python and recomputes every algorithm with
// NetworkX. Small hand-made graphs pin down the view definitions.
#include "graph/analytics.h"

#include <rapidjson/document.h>

#include <catch2/catch.hpp>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <limits>
#include <numeric>
#include <set>

#include "graph/error.h"
#include "graph/graph_file.h"
#include "tests/analytics/random_graph.h"
#include "tests/export/export_support.h"

namespace kg {
namespace {

using testing::run;
using testing::shell_quoted;

void append_double(std::string& s, double x) {
  if (std::isinf(x)) {
    s += "null";
    return;
  }
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.17g", x);
  s += buf;
}

template <typename T>
void append_array(std::string& s, const std::vector<T>& xs) {
  s += '[';
  for (size_t i = 0; i < xs.size(); ++i) {
    if (i) s += ',';
    append_double(s, static_cast<double>(xs[i]));
  }
  s += ']';
}

std::string strings_json(const std::vector<std::string>& xs) {
  std::string s = "[";
  for (size_t i = 0; i < xs.size(); ++i) s += (i ? ",\"" : "\"") + xs[i] + "\"";
  return s + "]";
}

struct Case {
  std::string name;
  Subgraph sub;
  bool expensive = true;  // betweenness and closeness, weighted too
};

std::string subgraph_json(const Subgraph& s) {
  std::vector<std::string> labels, types;
  for (Label l : s.labels) labels.emplace_back(to_string(l));
  for (RelType t : s.types) types.emplace_back(to_string(t));
  return std::string("{\"view\":\"") + (s.view == ViewKind::kStored ? "stored" : "partners") +
         "\",\"level\":\"" + (s.level == ViewLevel::kParty ? "party" : "country") +
         "\",\"labels\":" + strings_json(labels) + ",\"types\":" + strings_json(types) +
         ",\"since\":\"" + s.since + "\",\"until\":\"" + s.until +
         "\",\"undirected\":" + (s.undirected ? "true" : "false") + "}";
}

// Every algorithm's answer on one view, as check_analytics.py reads it.
std::string case_json(const Graph& g, const Case& c) {
  View v = make_view(g, c.sub);
  const size_t n = v.nodes().size();
  std::string s = "{\"name\":\"" + c.name + "\",\"subgraph\":" + subgraph_json(c.sub);
  s += ",\"nodes\":";
  append_array(s, v.nodes());
  s += ",\"links\":[";
  for (size_t i = 0; i < v.links().size(); ++i) {
    const auto& l = v.links()[i];
    s += (i ? ",[" : "[") + std::to_string(l.source) + "," + std::to_string(l.target) + ",";
    append_double(s, l.weight);
    s += "," + std::to_string(l.reasons) + ",";
    append_array(s, std::vector<uint32_t>(l.reason_docs.begin(), l.reason_docs.end()));
    s += "]";
  }
  s += "]";
  auto field = [&](const char* key, const std::vector<double>& xs) {
    s += ",\"" + std::string(key) + "\":";
    append_array(s, xs);
  };
  field("degree", degree(v));
  field("wdegree", degree(v, true));
  field("pagerank", pagerank(v));
  PageRankOptions weighted;
  weighted.weighted = true;
  field("wpagerank", pagerank(v, weighted));
  if (c.expensive) {
    field("betweenness", betweenness(v));
    field("wbetweenness", betweenness(v, true));
    field("closeness", closeness(v));
    field("wcloseness", closeness(v, true));
  }
  s += ",\"components\":";
  append_array(s, components(v));
  // Distances from a handful of sources spread over the vertices.
  std::vector<uint32_t> sources;
  for (uint32_t k = 0; k < 5 && n; ++k) sources.push_back(static_cast<uint32_t>(k * 7919 % n));
  for (bool w : {false, true}) {
    s += w ? ",\"wdistances\":[" : ",\"distances\":[";
    for (size_t i = 0; i < sources.size(); ++i) {
      s += (i ? ",[" : "[") + std::to_string(sources[i]) + ",";
      append_array(s, distances(v, sources[i], w));
      s += "]";
    }
    s += "]";
  }
  s += ",\"paths\":[";
  for (uint32_t k = 0; k + 1 < sources.size(); ++k) {
    uint32_t to = static_cast<uint32_t>((k * 104729 + 13) % n);
    Path p = shortest_path(v, sources[k], to);
    s += (k ? ",[" : "[") + std::to_string(sources[k]) + "," + std::to_string(to) + ",";
    append_double(s, p.vertices.empty() ? std::numeric_limits<double>::infinity() : p.length);
    s += ",";
    append_array(s, p.vertices);
    s += "]";
  }
  s += "]";
  bool w = c.sub.view == ViewKind::kPartners;
  Communities comm = communities(v, w);
  s += std::string(",\"communities_weighted\":") + (w ? "true" : "false") + ",\"communities\":";
  append_array(s, comm.community);
  s += ",\"modularity\":";
  append_double(s, comm.modularity);
  return s + "}";
}

// Exports `graph_file` with the kg binary, writes kg's answers for `cases`
// and has NetworkX check them.
void check_with_networkx(const std::string& dir, const std::string& graph_file,
                         const std::vector<Case>& cases) {
  const std::string json = dir + "/export.json", results = dir + "/results.json";
  auto ex = run(std::string(KG_BINARY) + " export --format json -o " + shell_quoted(json) + " " +
                shell_quoted(graph_file));
  INFO(ex.output);
  REQUIRE(ex.rc == 0);
  Graph g = load_graph(graph_file);
  std::string out = "{\"cases\":[";
  for (size_t i = 0; i < cases.size(); ++i) out += (i ? "," : "") + case_json(g, cases[i]);
  out += "]}";
  std::ofstream(results) << out;
  auto check =
      run("/usr/bin/python3 " +
          shell_quoted(std::string(KG_SOURCE_DIR) + "/tests/analytics/check_analytics.py") + " " +
          shell_quoted(json) + " " + shell_quoted(results));
  INFO(check.output);
  CHECK(check.rc == 0);
  // The checker prints one line per case; every case must have been checked.
  CHECK(std::count(check.output.begin(), check.output.end(), '\n') >=
        static_cast<long>(cases.size()));
}

std::vector<Case> all_cases(bool expensive) {
  std::vector<Case> cases;
  auto add = [&](std::string name, Subgraph s) {
    cases.push_back({std::move(name), s, expensive});
  };
  add("stored", {});
  Subgraph s;
  s.undirected = true;
  add("stored undirected", s);
  s = {};
  s.labels = {Label::kInstitution, Label::kCountry, Label::kEvent};
  s.types = {RelType::kSigned, RelType::kHosted, RelType::kAttended, RelType::kPartnersWith};
  add("stored labels+types", s);
  s = {};
  s.view = ViewKind::kPartners;
  add("partners", s);
  s.level = ViewLevel::kCountry;
  add("partners country", s);
  s = {};
  s.view = ViewKind::kPartners;
  s.types = {RelType::kSigned, RelType::kPartnersWith};
  add("partners signed+partners", s);
  s = {};
  s.view = ViewKind::kPartners;
  s.since = "2019";
  s.until = "2024-06";
  add("partners 2019..2024-06", s);
  s = {};
  s.since = "2024-05-01";
  add("stored since 2024-05-01", s);
  return cases;
}

// The seed articles built into a graph by the kg binary, once per run.
const std::string& seed_graph() {
  static const std::string path = [] {
    std::string dir = testing::scratch_dir("analytics-seed");
    std::string graph = dir + "/seed.kggraph";
    auto b = run(std::string(KG_BINARY) + " build -o " + shell_quoted(graph) + " " +
                 shell_quoted(std::string(KG_SHARED_DIR) + "/corpus/seeds"));
    INFO(b.output);
    REQUIRE(b.rc == 0);
    return graph;
  }();
  return path;
}

TEST_CASE("analytics agree with NetworkX on the seed graph", "[analytics]") {
  std::string dir = testing::scratch_dir("analytics-seed-check");
  check_with_networkx(dir, seed_graph(), all_cases(true));
}

TEST_CASE("kg stats on the seed graph", "[analytics][stats]") {
  Graph g = load_graph(seed_graph());
  auto china = g.find(Label::kCountry, "China");
  REQUIRE(china);
  const std::string china_name = g.node(*china).name;
  auto r = run(std::string(KG_BINARY) + " stats --format json " + shell_quoted(seed_graph()));
  INFO(r.output);
  REQUIRE(r.rc == 0);
  rapidjson::Document d;
  d.Parse(r.output.c_str());
  REQUIRE(!d.HasParseError());

  // Counts agree with the graph itself.
  CHECK(d["nodes"].GetUint64() == g.node_count());
  CHECK(d["relations"].GetUint64() == g.edge_count());
  CHECK(d["documents"].GetUint64() == g.documents().size());
  size_t institutions = g.nodes_with_label(Label::kInstitution).size();
  CHECK(d["labels"]["Institution"].GetUint64() == institutions);

  // China is the hub of the partnership network and of the whole graph; the
  // seed articles pair it with Laos, the United States, Nicaragua, Vietnam.
  CHECK(std::string(d["top_degree"][0]["name"].GetString()) == china_name);
  CHECK(std::string(d["hubs_pagerank"][0]["name"].GetString()) == china_name);
  std::set<std::string> partners_of_china;
  for (const auto& p : d["country_pairs"].GetArray()) {
    std::string a = p["countries"][0].GetString(), b = p["countries"][1].GetString();
    if (a == china_name) partners_of_china.insert(b);
    if (b == china_name) partners_of_china.insert(a);
  }
  for (const char* c : {"Laos", "United States", "Nicaragua", "Vietnam"}) {
    auto id = g.find(Label::kCountry, c);
    REQUIRE(id);
    CHECK(partners_of_china.count(g.node(*id).name) == 1);
  }
  // Tianjin (in China) established the Luban Workshops; the Luban Workshop
  // in Nicaragua is in Nicaragua.
  bool luban = false, nicaragua = false;
  for (const auto& w : d["workshops"].GetArray()) {
    std::string name = w["name"].GetString(), by = w["established_by"].GetString();
    if (name == "Luban Workshops") luban = by == "Tianjin (" + china_name + ")";
    if (name == "Luban Workshop in Nicaragua")
      nicaragua = std::string(w["country"].GetString()) == "Nicaragua";
  }
  CHECK(luban);
  CHECK(nicaragua);
  // Components: their sizes add up to the partnership view's parties.
  uint64_t sum = 0;
  for (const auto& c : d["components"]["largest"].GetArray()) sum += c["size"].GetUint64();
  CHECK(sum <= d["parties"].GetUint64());
  CHECK(d["communities"]["modularity"].GetDouble() > 0.3);

  // Text and Markdown say the same things.
  for (const char* format : {"text", "md"}) {
    auto t = run(std::string(KG_BINARY) + " stats --by year --level country --format " + format +
                 " " + shell_quoted(seed_graph()));
    INFO(t.output);
    CHECK(t.rc == 0);
    CHECK(t.output.find("Tianjin (" + china_name + ")") != std::string::npos);
    CHECK(t.output.find("Luban Workshop in Nicaragua") != std::string::npos);
    // --by year: relations are dated (extract/relation_dates.h), the seed
    // articles are from 2024 and 2025.
    CHECK(t.output.find(format == std::string("md") ? "| 2024 | " : "  2024: ") !=
          std::string::npos);
    CHECK(t.output.find(format == std::string("md") ? "| 2025 | " : "  2025: ") !=
          std::string::npos);
  }
  auto bad = run(std::string(KG_BINARY) + " stats --since 24/05 " + shell_quoted(seed_graph()));
  CHECK(bad.rc == 2);
}

TEST_CASE("analytics agree with NetworkX on generated graphs", "[analytics]") {
  std::string dir = testing::scratch_dir("analytics-gen");
  for (uint32_t seed : {1u, 2u}) {
    std::string graph = dir + "/gen" + std::to_string(seed) + ".kggraph";
    save_graph(testing::random_kg_graph(2000, 5000, seed), graph);
    // Betweenness and closeness are O(nm) in Python: on the first graph only.
    auto cases = all_cases(seed == 1);
    check_with_networkx(dir, graph, cases);
  }
}

// The figures of kg stats against the same questions asked in Cypher.
TEST_CASE("kg stats agrees with Cypher on the seed graph", "[analytics][stats]") {
  const std::string kg = KG_BINARY, graph = shell_quoted(seed_graph());
  auto r = run(kg + " stats --format json " + graph);
  REQUIRE(r.rc == 0);
  rapidjson::Document d;
  d.Parse(r.output.c_str());
  REQUIRE(!d.HasParseError());
  // The single number a one-row, one-column query answers.
  auto ask = [&](const std::string& query, const std::string& param = "") -> int64_t {
    auto q = run(kg + " query --format json " + graph + " " + shell_quoted(query) +
                 (param.empty() ? "" : " --param " + shell_quoted(param)));
    INFO(query << "\n" << q.output);
    REQUIRE(q.rc == 0);
    rapidjson::Document a;
    a.Parse(q.output.c_str());
    REQUIRE(!a.HasParseError());
    REQUIRE(a["rows"].Size() == 1);
    return a["rows"][0][0].GetInt64();
  };
  for (const auto& [label, count] : d["labels"].GetObject()) {
    INFO(label.GetString());
    CHECK(ask("MATCH (n:" + std::string(label.GetString()) + ") RETURN count(n)") ==
          count.GetInt64());
  }
  for (const auto& [type, count] : d["types"].GetObject()) {
    INFO(type.GetString());
    CHECK(ask("MATCH ()-[r:" + std::string(type.GetString()) + "]->() RETURN count(r)") ==
          count.GetInt64());
  }
  // A party's partners in the partnership view are the distinct partners the
  // query engine's kg.partners finds (a separate implementation).
  REQUIRE(d["top_degree"].Size() > 0);
  for (const auto& p : d["top_degree"].GetArray()) {
    INFO(p["name"].GetString());
    CHECK(ask("CALL kg.partners($name) YIELD partner RETURN count(DISTINCT partner)",
              std::string("name=") + p["name"].GetString()) == p["partners"].GetInt64());
  }
}

// --- the view definitions on graphs small enough to read ---------------------

NodeId add(Graph& g, Label l, std::string name, std::string country = "") {
  Node n;
  n.label = l;
  n.name = std::move(name);
  if (!country.empty()) n.props.set("country", std::move(country));
  return g.add_node(std::move(n));
}

void link(Graph& g, RelType t, NodeId a, NodeId b, std::vector<std::string> docs,
          std::string date = "") {
  Edge e;
  e.type = t;
  e.source = a;
  e.target = b;
  if (!date.empty()) e.props.set("date", std::move(date));
  for (auto& d : docs) e.evidence.push_back({g.intern(d), 0, 1, g.intern("s"), g.intern("r")});
  g.add_edge(std::move(e));
}

const View::Link* find_link(const View& v, NodeId a, NodeId b) {
  auto va = v.vertex(std::min(a, b)), vb = v.vertex(std::max(a, b));
  if (!va || !vb) return nullptr;
  for (const auto& l : v.links())
    if (l.source == *va && l.target == *vb) return &l;
  return nullptr;
}

TEST_CASE("the partnership view: reasons, documents, country level", "[analytics]") {
  Graph g;
  NodeId china = add(g, Label::kCountry, "China");
  NodeId thailand = add(g, Label::kCountry, "Thailand");
  NodeId tj = add(g, Label::kInstitution, "Tianjin College", "China");
  NodeId bk = add(g, Label::kInstitution, "Bangkok College", "Thailand");
  NodeId sh = add(g, Label::kInstitution, "Shanghai College", "China");
  NodeId ws = add(g, Label::kWorkshop, "Luban Workshop in Thailand");
  NodeId forum = add(g, Label::kEvent, "2024 Forum");
  NodeId alliance = add(g, Label::kAlliance, "Mekong Alliance");
  NodeId person = add(g, Label::kPerson, "Li Bin");
  link(g, RelType::kSigned, tj, bk, {"a", "b"}, "2023-05-01");
  link(g, RelType::kEstablished, tj, ws, {"a"}, "2023-05-01");
  link(g, RelType::kEstablished, bk, ws, {"c"}, "2023-06-01");
  link(g, RelType::kHosted, tj, forum, {"d"}, "2024-05-27");
  link(g, RelType::kHosted, sh, forum, {"d"}, "2024-05-27");
  link(g, RelType::kMemberOf, bk, alliance, {"e"}, "2022-01-01");
  link(g, RelType::kMemberOf, sh, alliance, {"f"}, "2022-01-01");
  link(g, RelType::kAffiliatedWith, person, tj, {"a"});

  Subgraph s;
  s.view = ViewKind::kPartners;
  View v = make_view(g, s);
  CHECK(v.nodes() == std::vector<NodeId>{tj, bk, sh});
  const View::Link* tb = find_link(v, tj, bk);
  REQUIRE(tb != nullptr);
  CHECK(tb->reasons ==
        ((1 << int(PartnerReason::kSigned)) | (1 << int(PartnerReason::kEstablished))));
  CHECK(tb->reason_docs[int(PartnerReason::kSigned)] == 2);       // a, b
  CHECK(tb->reason_docs[int(PartnerReason::kEstablished)] == 2);  // a, c
  CHECK(tb->weight == 3);                                         // a, b, c
  const View::Link* ts = find_link(v, tj, sh);
  REQUIRE(ts != nullptr);
  CHECK(ts->reasons == (1 << int(PartnerReason::kHosted)));
  CHECK(ts->weight == 1);
  const View::Link* bs = find_link(v, bk, sh);
  REQUIRE(bs != nullptr);
  CHECK(bs->reasons == (1 << int(PartnerReason::kMember)));
  CHECK(v.links().size() == 3);

  // Country level: Tianjin and Shanghai are both China (their link drops);
  // the two China-Thailand links merge.
  s.level = ViewLevel::kCountry;
  View c = make_view(g, s);
  CHECK(c.nodes() == std::vector<NodeId>{china, thailand});
  REQUIRE(c.links().size() == 1);
  CHECK(c.links()[0].reasons ==
        ((1 << int(PartnerReason::kSigned)) | (1 << int(PartnerReason::kEstablished)) |
         (1 << int(PartnerReason::kMember))));
  CHECK(c.links()[0].weight == 5);  // a, b, c, e, f

  // A window keeps the links whose edges are dated inside it.
  s.level = ViewLevel::kParty;
  s.since = "2024";
  View y = make_view(g, s);
  CHECK(y.nodes() == std::vector<NodeId>{tj, sh});
  s.since = "";
  s.until = "2023-05";
  View early = make_view(g, s);
  CHECK(find_link(early, tj, bk) != nullptr);
  CHECK(find_link(early, tj, bk)->reasons == (1 << int(PartnerReason::kSigned)));
  CHECK(find_link(early, bk, sh) != nullptr);

  // Reasons are selected by relationship type; other types are refused.
  s = {};
  s.view = ViewKind::kPartners;
  s.types = {RelType::kHosted};
  CHECK(make_view(g, s).links().size() == 1);
  s.types = {RelType::kAttended};
  CHECK_THROWS_AS(make_view(g, s), UsageError);
  s = {};
  s.since = "May 2024";
  CHECK_THROWS_AS(make_view(g, s), UsageError);
  s = {};
  s.level = ViewLevel::kCountry;
  CHECK_THROWS_AS(make_view(g, s), UsageError);
}

TEST_CASE("algorithms on graphs with known answers", "[analytics]") {
  // Two triangles joined by one bridge, plus an isolated node.
  Graph g;
  std::vector<NodeId> n;
  for (int i = 0; i < 7; ++i) n.push_back(add(g, Label::kInstitution, "I" + std::to_string(i)));
  for (auto [a, b] : {std::pair{0, 1}, {1, 2}, {0, 2}, {3, 4}, {4, 5}, {3, 5}, {2, 3}})
    link(g, RelType::kPartnersWith, n[a], n[b], {"d"});
  Subgraph s;
  s.view = ViewKind::kPartners;
  s.labels = {Label::kInstitution};
  View v = make_view(g, s);
  REQUIRE(v.nodes().size() == 6);  // the isolated one has no partner
  Communities c = communities(v);
  CHECK(c.community == std::vector<uint32_t>{0, 0, 0, 1, 1, 1});
  // Q = 2 * (3/7 - (7/14)^2)
  CHECK(c.modularity == Approx(2 * (3.0 / 7 - 0.25)));
  auto bc = betweenness(v);
  // Vertex 2 lies inside the shortest paths from 0 and 1 to 3, 4 and 5: 6
  // pairs, 12 ordered ones; NetworkX divides by (n-1)(n-2) = 20.
  CHECK(bc[2] == Approx(12.0 / 20));
  CHECK(bc[0] == Approx(0));
  auto pr = pagerank(v);
  CHECK(std::accumulate(pr.begin(), pr.end(), 0.0) == Approx(1.0));
  CHECK(pr[2] > pr[0]);
  Path p = shortest_path(v, 0, 5);
  CHECK(p.vertices == std::vector<uint32_t>{0, 2, 3, 5});
  CHECK(p.length == 3);

  // The stored graph keeps the isolated node and follows directions; SIGNED
  // and PARTNERS_WITH count both ways, so everything reaches everything.
  View stored = make_view(g, {});
  CHECK(stored.directed());
  CHECK(stored.nodes().size() == 7);
  auto comp = components(stored);
  CHECK(comp == std::vector<uint32_t>{0, 0, 0, 0, 0, 0, 1});
  CHECK(distances(stored, 0, false)[5] == 3);
  CHECK(std::isinf(distances(stored, 0, false)[6]));
}

}  // namespace
}  // namespace kg
