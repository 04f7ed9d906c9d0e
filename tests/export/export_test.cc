// Every export read back by the tool it is for, and the round trips of
// import. Tools missing is a failure with the command that installs them,
// never a skip.
#include "graph/export.h"

#include <graphviz/cgraph.h>

#include <catch2/catch.hpp>

#include <cstring>
#include <fstream>
#include <map>
#include <set>

#include "graph/atomic_file.h"
#include "graph/error.h"
#include "graph/import.h"
#include "graph/render.h"
#include "tests/export/export_support.h"
#include "tests/export/hostile_graph.h"

using namespace kg;
using namespace kg::testing;

namespace {
std::string read_file(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(f), {});
}

void export_to(const Graph& g, ExportFormat format, const std::string& path) {
  ExportOptions o;
  o.format = format;
  export_graph(g, path, o);
}

std::string write_expectation(const Graph& g, const std::string& dir,
                              const std::vector<std::string>& view = {}) {
  std::string path = dir + "/expect.json";
  write_file_atomically(path, expectation(g, view));
  return path;
}

void check_with_python(const std::string& kind, const std::string& file, const std::string& expect,
                       const std::string& extra = "") {
  RunResult r = run("/usr/bin/python3 " + script("check_export.py") + " " + kind + " " +
                    shell_quoted(file) + " " + shell_quoted(expect) + " " + extra);
  INFO(r.output);
  REQUIRE(r.rc != 3);  // the module is missing: tools/install-deps --test installs it
  CHECK(r.rc == 0);
}
}  // namespace

TEST_CASE("json export imports back into an equal graph", "[export][json]") {
  Graph g = hostile_graph();
  std::string dir = scratch_dir("json-rt");
  for (std::string key : {"links", "edges"}) {
    ExportOptions o;
    o.links_key = key;
    export_graph(g, dir + "/g.json", o);
    Graph back = import_graph(dir + "/g.json", {ImportFormat::kJson});
    CHECK(back == g);
  }
}

// Numbers are read as text and converted with std::from_chars (RapidJSON
// 1.1.0's full-precision strtod reads outside its buffer on some inputs):
// every double must come back bit for bit, integers keep their type, and a
// number past a double's range is an error at its byte.
TEST_CASE("json import reads every number exactly", "[import][json]") {
  Graph g;
  Node n;
  n.label = Label::kCountry;
  n.name = "Numbers";
  const std::vector<double> doubles = {0.1, 1.0 / 3, 2.2250738585072014e-308, 4.9e-324, 1.7976931348623157e308,
                                       -0.0, 123456789.123456789, 5e-324 * 3};
  for (size_t i = 0; i < doubles.size(); ++i) n.props.set("d" + std::to_string(i), doubles[i]);
  n.props.set("big", int64_t{INT64_MAX});
  n.props.set("small", int64_t{INT64_MIN});
  n.props.set("zero", int64_t{0});
  g.add_node(std::move(n));
  std::string dir = scratch_dir("json-numbers");
  export_graph(g, dir + "/g.json", {});
  Graph back = import_graph(dir + "/g.json", {ImportFormat::kJson});
  CHECK(back == g);
  for (size_t i = 0; i < doubles.size(); ++i) {
    const double d = std::get<double>(*back.node(0).props.get("d" + std::to_string(i)));
    CHECK(std::memcmp(&d, &doubles[i], sizeof d) == 0);
  }
  write_file_atomically(dir + "/big.json",
                        "{\"nodes\": [{\"id\": 0, \"label\": \"Country\", \"x\": 222e308}], \"links\": []}");
  CHECK_THROWS_WITH(import_graph(dir + "/big.json", {ImportFormat::kJson}),
                    Catch::Contains("big.json: byte 46: number too big for a double: 222e308"));
}

TEST_CASE("csv export imports back into an equal graph, formulas guarded", "[export][csv]") {
  Graph g = hostile_graph();
  std::string dir = scratch_dir("csv-rt") + "/tables";
  export_to(g, ExportFormat::kCsv, dir);
  Graph back = import_graph(dir, {ImportFormat::kCsv});
  CHECK(back == g);
  std::string inst = read_file(dir + "/Institution.csv");
  CHECK(inst.find(",'=cmd|' /C calc'!A0,") != std::string::npos);  // guarded kind
  CHECK(inst.find("\\\"=SUM(A1)\\\"") == std::string::npos);       // aliases are JSON text
  CHECK(inst.find(",-7,") != std::string::npos);                   // numbers never guarded
  CHECK(read_file(dir + "/load.cypher")
            .find("CREATE REL TABLE `LOCATED_IN`(FROM `Institution` TO `Country`, FROM "
                  "`Institution` TO `Place`") != std::string::npos);
}

TEST_CASE("NetworkX reads json, graphml and gexf with kg's nodes, edges and properties",
          "[export][networkx]") {
  Graph g = hostile_graph();
  std::string dir = scratch_dir("nx");
  std::string expect = write_expectation(g, dir);
  export_to(g, ExportFormat::kJson, dir + "/g.json");
  check_with_python("json", dir + "/g.json", expect, "links");
  ExportOptions o;
  o.links_key = "edges";
  export_graph(g, dir + "/g36.json", o);
  check_with_python("json", dir + "/g36.json", expect, "edges");
  export_to(g, ExportFormat::kGraphml, dir + "/g.graphml");
  check_with_python("graphml", dir + "/g.graphml", expect);
  export_to(g, ExportFormat::kGexf, dir + "/g.gexf");
  check_with_python("gexf", dir + "/g.gexf", expect);
  std::string gexf = read_file(dir + "/g.gexf");
  CHECK(gexf.find("label=\"SIGNED\" weight=\"2\" start=\"2023-11-02\"") != std::string::npos);
  CHECK(gexf.find("label=\"HOSTED\" weight=\"1\" start=\"2024-05-01\"") != std::string::npos);
}

TEST_CASE("rdflib parses ntriples and turtle; SPARQL class counts equal kg's", "[export][rdf]") {
  Graph g = hostile_graph();
  std::string dir = scratch_dir("rdf");
  std::string expect = write_expectation(g, dir);
  export_to(g, ExportFormat::kNtriples, dir + "/g.nt");
  check_with_python("nt", dir + "/g.nt", expect);
  export_to(g, ExportFormat::kTurtle, dir + "/g.ttl");
  check_with_python("ttl", dir + "/g.ttl", expect);
}

TEST_CASE("Kuzu loads the csv export and runs the cypher export", "[export][kuzu]") {
  Graph g = hostile_graph();
  std::string dir = scratch_dir("kuzu");
  std::string want = "{\"nodes\":" + std::to_string(g.node_count()) +
                     ",\"edges\":" + std::to_string(g.edge_count()) + "}";
  export_to(g, ExportFormat::kCsv, dir + "/csv");
  RunResult r = run("node " + script("kuzu_load.js") + " csv " + shell_quoted(dir + "/csv") + " " +
                    shell_quoted(dir + "/db1"));
  INFO(r.output);
  REQUIRE(r.rc != 3);
  CHECK(r.rc == 0);
  CHECK(r.output.find(want) != std::string::npos);
  export_to(g, ExportFormat::kCypher, dir + "/g.cypher");
  RunResult c = run("node " + script("kuzu_load.js") + " cypher " +
                    shell_quoted(dir + "/g.cypher") + " " + shell_quoted(dir + "/db2"));
  INFO(c.output);
  CHECK(c.rc == 0);
  CHECK(c.output.find(want) != std::string::npos);
  // Both databases hold the same records with the same property values
  // (names with newlines, quotes and backslashes included).
  auto contents = [](const std::string& out) {
    size_t p = out.find("contents ");
    return p == std::string::npos ? std::string("none") : out.substr(p, 9 + 64);
  };
  CHECK(contents(r.output) != "none");
  CHECK(contents(c.output) == contents(r.output));
}

TEST_CASE("dot accepts the dot export and draws every name exactly", "[export][dot]") {
  Graph g = hostile_graph();
  std::string dir = scratch_dir("dot");
  export_to(g, ExportFormat::kDot, dir + "/g.dot");
  RunResult r =
      run("dot -Tsvg " + shell_quoted(dir + "/g.dot") + " -o " + shell_quoted(dir + "/g.svg"));
  INFO(r.output);
  REQUIRE(r.rc != 127);  // no `dot`: tools/install-deps --test installs graphviz
  REQUIRE(r.rc == 0);
  std::string dot = read_file(dir + "/g.dot");
  size_t parallel = 0;  // SIGNED and PARTNERS_WITH between nodes 2 and 3
  for (size_t p = 0; (p = dot.find("n2 -> n3", p)) != std::string::npos; ++p) ++parallel;
  CHECK(parallel == 2);
  std::vector<std::string> names;
  for (NodeId i = 0; i < g.node_count(); ++i) names.push_back(g.node(i).name);
  check_with_python("svg", dir + "/g.svg", write_expectation(g, dir, names));
}

namespace {
// A DOT text as cgraph reads it: every node's attributes (by node name) and
// the multiset of edges with theirs, HTML-like strings marked, so that two
// texts compare equal when Graphviz sees the same graph in them.
struct DotGraph {
  std::map<std::string, std::map<std::string, std::string>> nodes;
  std::multiset<std::pair<std::string, std::map<std::string, std::string>>> edges;
  std::map<std::string, std::string> graph;
  bool operator==(const DotGraph&) const = default;
};

DotGraph read_dot(const std::string& text) {
  Agraph_t* g = agmemread(text.c_str());
  REQUIRE(g != nullptr);
  auto attrs = [&](void* obj, int kind) {
    std::map<std::string, std::string> out;
    for (Agsym_t* a = agnxtattr(g, kind, nullptr); a != nullptr; a = agnxtattr(g, kind, a)) {
      char* v = agxget(obj, a);
      out[a->name] = std::string(aghtmlstr(v) ? "html:" : "") + v;
    }
    return out;
  };
  DotGraph d;
  d.graph = attrs(g, AGRAPH);
  for (Agnode_t* n = agfstnode(g); n != nullptr; n = agnxtnode(g, n)) {
    d.nodes[agnameof(n)] = attrs(n, AGNODE);
    for (Agedge_t* e = agfstout(g, n); e != nullptr; e = agnxtout(g, e))
      d.edges.emplace(std::string(agnameof(agtail(e))) + " -> " + agnameof(aghead(e)),
                      attrs(e, AGEDGE));
  }
  agclose(g);
  return d;
}
}  // namespace

TEST_CASE("the dot export is the graph kg render builds with cgraph", "[export][dot]") {
  // export_dot.cc writes the text itself; render.cc builds the diagram with
  // cgraph and agwrite. Both must give Graphviz the same graph, names full
  // of quotes, <, & and backslashes included, edge labels and all (small
  // graph) and without edge labels (past detail::kBigView nodes).
  RenderOptions o;
  o.force = true;
  o.layout = "dot";
  std::string dir = scratch_dir("dot_same");
  Graph hostile = hostile_graph();
  export_to(hostile, ExportFormat::kDot, dir + "/g.dot");
  DotGraph written = read_dot(read_file(dir + "/g.dot"));
  CHECK(written.nodes.size() == hostile.node_count() + 1);  // and the legend
  CHECK(written.edges.size() == hostile.edge_count());
  CHECK(written == read_dot(render_view(make_view(hostile, {}), RenderFormat::kDot, o)));
  Graph big = hostile_graph();
  for (int i = 0; i < 2100; ++i) {
    Node n;
    n.label = Label::kPerson;
    n.name = "P\"" + std::to_string(i);
    NodeId id = big.add_node(std::move(n));
    Edge e;
    e.type = RelType::kAttended;
    e.source = id;
    e.target = 0;
    big.add_edge(std::move(e));
  }
  export_to(big, ExportFormat::kDot, dir + "/big.dot");
  CHECK(read_dot(read_file(dir + "/big.dot")) ==
        read_dot(render_view(make_view(big, {}), RenderFormat::kDot, o)));
}

TEST_CASE("render draws well-formed SVG with every node and exact names", "[render]") {
  Graph g = hostile_graph();
  std::string dir = scratch_dir("render");
  std::vector<std::string> names;
  for (NodeId i = 0; i < g.node_count(); ++i) names.push_back(g.node(i).name);
  std::string expect = write_expectation(g, dir, names);
  for (std::string layout : {"", "dot", "neato", "fdp", "sfdp", "circo", "twopi"}) {
    RenderOptions o;
    o.layout = layout;
    o.title = "Title with <tags> & \"quotes\"";
    o.cluster_country = layout == "dot";
    render_graph(g, dir + "/g.svg", o);
    INFO("layout " << layout);
    check_with_python("svg", dir + "/g.svg", expect);
  }
  // The DOT of a render goes through dot again with the same names.
  render_graph(g, dir + "/g.dot", RenderOptions{});
  RunResult r =
      run("dot -Tsvg " + shell_quoted(dir + "/g.dot") + " -o " + shell_quoted(dir + "/g2.svg"));
  INFO(r.output);
  REQUIRE(r.rc == 0);
  check_with_python("svg", dir + "/g2.svg", expect);
  render_graph(g, dir + "/g.png", RenderOptions{});
  CHECK(read_file(dir + "/g.png").substr(1, 3) == "PNG");
  render_graph(g, dir + "/g.pdf", RenderOptions{});
  CHECK(read_file(dir + "/g.pdf").substr(0, 4) == "%PDF");
}

TEST_CASE("views: around, types, labels, collapse to countries", "[render][view]") {
  Graph g = hostile_graph();
  ViewOptions o;
  o.collapse_country = true;
  DiagramView v = make_view(g, o);
  // China and United States absorb the two institutions and Tianjin.
  std::vector<std::string> names;
  for (const auto& n : v.nodes) names.push_back(n.name);
  CHECK(std::count(names.begin(), names.end(), "China") == 1);
  CHECK(std::count(names.begin(), names.end(), "Tianjin") == 0);
  int64_t partners = 0, signed_count = 0;
  for (const auto& e : v.edges) {
    CHECK(e.source != e.target);
    if (e.type == RelType::kPartnersWith) partners += e.count;
    if (e.type == RelType::kSigned) signed_count += e.count;
  }
  CHECK(partners == 4);  // China-US 3 documents + the institutions' 1
  CHECK(signed_count == 2);

  ViewOptions around;
  around.around = "天津职业技术师范大学, Tianjin";
  around.depth = 1;
  DiagramView a = make_view(g, around);
  CHECK(a.nodes.size() == 4);  // itself, the quoted college, the person, the US
  around.types = {RelType::kAffiliatedWith};
  CHECK(make_view(g, around).nodes.size() == 2);
  around.around = "no such node";
  CHECK_THROWS_AS(make_view(g, around), InputError);

  ViewOptions labels;
  labels.labels = {Label::kCountry};
  DiagramView c = make_view(g, labels);
  CHECK(c.nodes.size() == 2);
  CHECK(c.edges.size() == 1);

  RenderOptions ro;
  ro.max_nodes = 3;
  CHECK_THROWS_AS(render_view(make_view(g, {}), RenderFormat::kSvg, ro), UsageError);
  ro.force = true;
  CHECK_NOTHROW(render_view(make_view(g, {}), RenderFormat::kSvg, ro));
}

TEST_CASE("json import reads node-link JSON in any member order", "[import][json]") {
  // The reader streams (SAX): links may come before the nodes they name,
  // ids may be strings, unknown members at any depth are skipped.
  std::string dir = scratch_dir("json_order");
  write_file_atomically(
      dir + "/g.json",
      "{\"links\": [{\"type\": \"SIGNED\", \"source\": \"b\", \"target\": \"a\", "
      "\"date\": \"2024\", \"count\": 9, \"docs\": [\"d\"]}],"
      " \"graph\": {\"name\": [1, 2, {\"nodes\": 3}]}, \"directed\": true,"
      " \"nodes\": [{\"label\": \"Country\", \"id\": \"a\", \"aliases\": [\"A\"],"
      " \"n\": 5, \"f\": 2.5, \"b\": false, \"none\": null, \"mentions\": [{\"doc\": \"d\","
      " \"extra\": {\"deep\": [[1], {\"x\": null}]}, \"start\": 1, \"end\": 2, \"rule\": \"r\"}]},"
      " {\"id\": \"b\", \"name\": \"Bee\", \"label\": \"Institution\", \"tags\": [\"x\", "
      "\"y\"]}]}");
  Graph g = import_graph(dir + "/g.json", {ImportFormat::kJson});
  REQUIRE(g.node_count() == 2);
  CHECK(g.node(0).name == "a");
  CHECK(g.node(0).aliases == std::vector<std::string>{"A"});
  CHECK(std::get<int64_t>(*g.node(0).props.get("n")) == 5);
  CHECK(std::get<double>(*g.node(0).props.get("f")) == 2.5);
  CHECK(std::get<bool>(*g.node(0).props.get("b")) == false);
  CHECK(g.node(0).props.get("none") == nullptr);
  CHECK(g.node(1).name == "Bee");
  CHECK(std::get<std::vector<std::string>>(*g.node(1).props.get("tags")) ==
        std::vector<std::string>{"x", "y"});
  REQUIRE(g.edge_count() == 1);
  CHECK(g.edge(0).source == 1);
  CHECK(g.edge(0).target == 0);
  CHECK(g.edge(0).props.get_string("date") == "2024");
  CHECK(g.edge(0).props.get("count") == nullptr);  // derived, not a property
  CHECK(g.edge(0).props.get("docs") == nullptr);
  REQUIRE(g.node(0).mentions.size() == 1);
  CHECK(g.str(g.node(0).mentions[0].doc) == "d");
  CHECK(g.node(0).mentions[0].end == 2);
  write_file_atomically(dir + "/null_links.json", "{\"nodes\": [], \"links\": null}");
  CHECK_THROWS_WITH(import_graph(dir + "/null_links.json", {ImportFormat::kJson}),
                    Catch::Contains("\"links\" must be an array"));
  write_file_atomically(dir + "/missing.json",
                        "{\"nodes\": [{\"id\": 0, \"label\": \"Country\"}],"
                        " \"links\": [{\"source\": 0, \"target\": 7, \"type\": \"SIGNED\"}]}");
  CHECK_THROWS_WITH(import_graph(dir + "/missing.json", {ImportFormat::kJson}),
                    Catch::Contains("links[0]: target: 7 is not a node"));
  // The file is read as a C string: a NUL byte after a complete value is
  // binary data, not the end.
  write_file_atomically(dir + "/nul.json", std::string("{\"nodes\": []}\0{", 15));
  CHECK_THROWS_WITH(import_graph(dir + "/nul.json", {ImportFormat::kJson}),
                    Catch::Contains("nul.json: byte 13: a NUL byte"));
  write_file_atomically(dir + "/prov.json",
                        "{\"nodes\": [{\"id\": 0, \"label\": \"Country\", \"mentions\":"
                        " [{\"doc\": \"d\", \"start\": 1, \"rule\": \"r\"}]}]}");
  CHECK_THROWS_WITH(import_graph(dir + "/prov.json", {ImportFormat::kJson}),
                    Catch::Contains("nodes[0]: mentions[0]: \"end\" must be a non-negative"));
}

TEST_CASE("csv import reads relationship tables in parallel, reports them in file order",
          "[import][csv]") {
  // Tables are parsed on several threads; the graph and the first error
  // must still be those of reading them one after another.
  std::string dir = scratch_dir("csv_order");
  write_file_atomically(dir + "/Country.csv", "id,name\n0,China\n1,Laos\n2,Vietnam\n");
  write_file_atomically(dir + "/PARTNERS_WITH.Country.Country.csv",
                        ":START_ID(Country),:END_ID(Country),evidence\n"
                        "0,1,\"[{\"\"doc\"\":\"\"b\"\",\"\"start\"\":1,\"\"end\"\":2,\"\"text\"\":"
                        "\"\"t2\"\",\"\"rule\"\":\"\"r\"\"}]\"\n");
  write_file_atomically(dir + "/SIGNED.Country.Country.csv",
                        ":START_ID(Country),:END_ID(Country),evidence\n"
                        "1,2,\"[{\"\"doc\"\":\"\"a\"\",\"\"start\"\":1,\"\"end\"\":2,\"\"text\"\":"
                        "\"\"t1\"\",\"\"rule\"\":\"\"r\"\"}]\"\n2,0,\n");
  Graph g = import_graph(dir, {ImportFormat::kCsv});
  REQUIRE(g.edge_count() == 3);
  CHECK(g.edge(0).type == RelType::kPartnersWith);
  CHECK(g.str(g.edge(0).evidence[0].doc) == "b");
  CHECK(g.str(g.edge(0).evidence[0].text) == "t2");
  CHECK(g.edge(1).type == RelType::kSigned);
  CHECK(g.str(g.edge(1).evidence[0].doc) == "a");
  CHECK(g.str(g.edge(1).evidence[0].text) == "t1");
  CHECK(g.edge(2).evidence.empty());
  write_file_atomically(dir + "/ATTENDED.Country.Country.csv",
                        ":START_ID(Country),:END_ID(Country)\n0,1\n0,9\n");
  write_file_atomically(dir + "/SIGNED.Country.Country.csv",
                        ":START_ID(Country),:END_ID(Country)\n7,1\n");
  CHECK_THROWS_WITH(
      import_graph(dir, {ImportFormat::kCsv}),
      Catch::Contains("ATTENDED.Country.Country.csv:3") && Catch::Contains("no Country with id 9"));
}

TEST_CASE("import names the file and place of bad input", "[import]") {
  std::string dir = scratch_dir("bad");
  write_file_atomically(dir + "/bad.json", "{\"nodes\": [{\"id\": 1, \"label\": \"Country\"},]}");
  try {
    import_graph(dir + "/bad.json", {ImportFormat::kJson});
    FAIL("no error");
  } catch (const InputError& e) {
    CHECK(std::string(e.what()).find("bad.json: byte ") != std::string::npos);
  }
  write_file_atomically(dir + "/label.json", "{\"nodes\": [{\"id\": 1, \"label\": \"Planet\"}]}");
  CHECK_THROWS_WITH(import_graph(dir + "/label.json", {ImportFormat::kJson}),
                    Catch::Contains("nodes[0]") && Catch::Contains("label"));
  std::filesystem::create_directories(dir + "/csv");
  write_file_atomically(dir + "/csv/Country.csv", "id,name\n1,China\n2,\"Open\n");
  CHECK_THROWS_WITH(import_graph(dir + "/csv", {ImportFormat::kCsv}),
                    Catch::Contains("Country.csv:3"));
  // A partner list made by hand: string ids, untyped columns, neo4j arrays.
  std::filesystem::remove_all(dir + "/csv");
  std::filesystem::create_directories(dir + "/csv");
  write_file_atomically(
      dir + "/csv/Institution.csv",
      "\xEF\xBB\xBFid:ID(Institution),name,country,aliases:string[],founded:long\n"
      "gp,Guangzhou Polytechnic,China,GP;Guangzhou Poly,1980\n"
      "vn,\"Hanoi College, Vietnam\",Vietnam,,\n");
  write_file_atomically(dir + "/csv/PARTNERS_WITH.Institution.Institution.csv",
                        ":START_ID(Institution),:END_ID(Institution)\ngp,vn\n");
  Graph g = import_graph(dir + "/csv", {ImportFormat::kCsv});
  REQUIRE(g.node_count() == 2);
  CHECK(g.node(1).name == "Hanoi College, Vietnam");
  CHECK(g.node(0).props.get_string("country") == "China");
  CHECK(g.node(0).aliases == std::vector<std::string>{"GP", "Guangzhou Poly"});
  CHECK(std::get<int64_t>(*g.node(0).props.get("founded")) == 1980);
  CHECK(g.node(1).props.get("founded") == nullptr);
  REQUIRE(g.edge_count() == 1);
  CHECK(g.edge(0).source == 0);
  CHECK(g.edge(0).target == 1);
}

TEST_CASE("export formats by name", "[export]") {
  for (auto f :
       {ExportFormat::kJson, ExportFormat::kGraphml, ExportFormat::kGexf, ExportFormat::kCsv,
        ExportFormat::kNtriples, ExportFormat::kTurtle, ExportFormat::kCypher, ExportFormat::kDot})
    CHECK(parse_export_format(to_string(f)) == f);
  CHECK_FALSE(parse_export_format("xml"));
}

TEST_CASE("truncated or corrupted imports fail with kg errors, never crash", "[import]") {
  Graph g = hostile_graph();
  std::string dir = scratch_dir("corrupt");
  export_to(g, ExportFormat::kJson, dir + "/g.json");
  export_to(g, ExportFormat::kCsv, dir + "/csv");
  std::string json = read_file(dir + "/g.json");
  std::string table = read_file(dir + "/csv/Institution.csv");
  int errors = 0;
  for (size_t cut = 0; cut < json.size(); cut += 7) {
    write_file_atomically(dir + "/cut.json", json.substr(0, cut));
    try {
      import_graph(dir + "/cut.json", {ImportFormat::kJson});
    } catch (const Error&) {
      ++errors;
    }
  }
  CHECK(errors == static_cast<int>((json.size() + 6) / 7));  // every prefix is incomplete JSON
  for (size_t cut = 1; cut < table.size(); cut += 5) {
    std::string bad = table;
    bad[cut] = bad[cut] == '"' ? ',' : '"';  // a stray or missing quote
    write_file_atomically(dir + "/csv/Institution.csv", bad);
    try {
      Graph back = import_graph(dir + "/csv", {ImportFormat::kCsv});
      CHECK(back.node_count() <= g.node_count() + 2);
    } catch (const Error&) {
    }
  }
}
