// The bad-input table of README "Bad input" (issue 7), row by row, against
// the real kg binary: each row checks the exit code, that the message names
// the file and the position, and that nothing is half written (the output
// is absent or unchanged, no temporary is left behind).
#include <catch2/catch.hpp>

#include "graph/graph_file.h"
#include "graph/version.h"
#include "tests/export/hostile_graph.h"
#include "tests/reliability/reliability_support.h"

using kg::test::run_kg;
using kg::test::quote;
using kg::test::Scratch;
using kg::test::slurp;

namespace {

const char* const kArticle =
    "Nanjing Vocational University signed a cooperation agreement with the Kenya Technical "
    "Trainers College on Monday.\n";

std::string jsonl_article(const std::string& id, const std::string& text) {
  std::string escaped;
  for (char c : text) {
    if (c == '\n') escaped += "\\n";
    else if (c == '"') escaped += "\\\"";
    else escaped += c;
  }
  return "{\"id\":\"" + id + "\",\"text\":\"" + escaped + "\"}\n";
}

// `kg extract` of `input` must fail with exit 1, name `where` in its message,
// and leave no output file and no temporary.
void extract_fails(const Scratch& s, const std::string& input, const std::string& where,
                   const std::string& what, const std::string& extra = "") {
  std::string out = s.path("out.jsonl");
  // Options after the input: --rules takes several values.
  auto r = run_kg("extract " + quote(input) + " -o " + quote(out) + " " + extra);
  INFO(r.out);
  CHECK(r.code == 1);
  CHECK(r.out.find(where) != std::string::npos);
  CHECK(r.out.find(what) != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(out));
  CHECK(s.temporaries().empty());
}

// `kg info` of a bad graph file: exit 1, the message names it and `what`.
void graph_file_fails(const Scratch& s, const std::string& graph, const std::string& what) {
  auto r = run_kg("info " + quote(graph));
  INFO(r.out);
  CHECK(r.code == 1);
  CHECK(r.out.find(graph) != std::string::npos);
  CHECK(r.out.find(what) != std::string::npos);
  // And a command that writes refuses before writing anything.
  std::string out = s.path("exported.json");
  auto e = run_kg("export " + quote(graph) + " -f json -o " + quote(out));
  CHECK(e.code == 1);
  CHECK_FALSE(std::filesystem::exists(out));
  CHECK(s.temporaries().empty());
}

std::string minimal_graph(int version, const std::string& edges) {
  return std::string("{\"format\":\"") + kg::kGraphFormatName + "\",\"version\":" +
         std::to_string(version) +
         ",\"strings\":[],\"nodes\":[{\"label\":\"Country\",\"name\":\"Kenya\",\"aliases\":[],"
         "\"props\":{},\"mentions\":[]}],\"edges\":[" +
         edges + "]}\n";
}

}  // namespace

TEST_CASE("bad input: a binary file", "[bad_input]") {
  Scratch s("binary");
  std::string bytes("Text then\0binary\x01\x02\xff", 20);
  extract_fails(s, s.write("blob.txt", bytes), "blob.txt: byte 9", "binary file");
  // As a graph file and as an import it is malformed JSON at a byte offset.
  graph_file_fails(s, s.write("blob.kggraph", bytes), "byte 0");
  auto r = run_kg("import " + quote(s.write("blob.json", bytes)) + " -f json -o " + quote(s.path("g")));
  CHECK(r.code == 1);
  CHECK(r.out.find("blob.json: byte 0") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(s.path("g")));
}

TEST_CASE("bad input: invalid UTF-8", "[bad_input]") {
  Scratch s("utf8");
  std::string text = std::string(kArticle) + "Caf\xc3 au lait \xff.\n";
  std::string offset = std::to_string(std::string(kArticle).size() + 3);
  extract_fails(s, s.write("bad.txt", text), "bad.txt: byte " + offset, "UTF-8");
  // In JSON Lines the offset is the file's, the line is named too.
  std::string lines = jsonl_article("a", kArticle) + jsonl_article("b", "Caf\xc3 au lait");
  extract_fails(s, s.write("bad.jsonl", lines), "bad.jsonl", "UTF-8");
  // Lenient: replaced by U+FFFD with a warning, the article is extracted.
  auto r = run_kg("extract --lenient " + quote(s.path("bad.txt")) + " -o " + quote(s.path("ok.jsonl")));
  INFO(r.out);
  CHECK(r.code == 0);
  CHECK(r.out.find("invalid UTF-8 bytes replaced") != std::string::npos);
  CHECK(slurp(s.path("ok.jsonl")).find("Nanjing Vocational University") != std::string::npos);
}

TEST_CASE("bad input: an empty file and a whitespace-only file", "[bad_input]") {
  Scratch s("empty");
  for (const std::string& bytes : {std::string(), std::string(" \n\t\r\n  \n")}) {
    extract_fails(s, s.write("empty.txt", bytes), "empty.txt", "empty article");
    graph_file_fails(s, s.write("empty.kggraph", bytes), "empty file");
    // An empty JSON Lines file has no articles: an empty, valid output.
    auto r = run_kg("extract " + quote(s.write("empty.jsonl", bytes)) + " -o " + quote(s.path("f")));
    INFO(r.out);
    CHECK(r.code == 0);
    CHECK(slurp(s.path("f")).empty());
    // And merging no fragments gives an empty graph that loads.
    auto m = run_kg("merge " + quote(s.path("empty.jsonl")) + " -o " + quote(s.path("g")));
    CHECK(m.code == 0);
    CHECK(kg::load_graph(s.path("g")).node_count() == 0);
  }
}

TEST_CASE("bad input: a 50 MB single line", "[bad_input]") {
  Scratch s("longline");
  std::string text(50u << 20, 'x');
  // As one JSON Lines article: over the 16 MiB article limit, never read whole.
  std::string line = "{\"id\":\"big\",\"text\":\"" + text + "\"}\n";
  std::string lines = line + jsonl_article("small", kArticle);
  std::string jsonl = s.write("big.jsonl", lines);
  extract_fails(s, jsonl, "big.jsonl:1", "more than the article limit");
  // Lenient: the long line is skipped and the next article still read.
  auto r = run_kg("extract --lenient " + quote(jsonl) + " -o " + quote(s.path("ok.jsonl")));
  INFO(r.out.substr(0, 2000));
  CHECK(r.code == 0);
  CHECK(r.out.find("big.jsonl:1") != std::string::npos);
  CHECK(slurp(s.path("ok.jsonl")).find("\"doc\":\"small\"") != std::string::npos);
  // As a text article.
  extract_fails(s, s.write("big.txt", text), "big.txt", "more than the article limit");
  // As a fragment file: one line of bad JSON, the position given.
  auto m = run_kg("merge " + quote(s.write("big_fragments.jsonl", text)) + " -o " + quote(s.path("g")));
  CHECK(m.code == 1);
  CHECK(m.out.find("big_fragments.jsonl:1") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(s.path("g")));
}

TEST_CASE("bad input: a JSON Lines file with one broken line", "[bad_input]") {
  Scratch s("broken");
  std::string lines = jsonl_article("a", kArticle) + "{\"id\":\"b\",\"text\":\"unterminated\n" +
                      jsonl_article("c", kArticle);
  std::string jsonl = s.write("broken.jsonl", lines);
  extract_fails(s, jsonl, "broken.jsonl:2", "bad JSON at byte");
  // kg build too: the previous graph file stays as it was.
  std::string graph = s.path("g.kggraph");
  REQUIRE(run_kg("build " + quote(s.write("one.txt", kArticle)) + " -o " + quote(graph)).code == 0);
  std::string before = slurp(graph);
  auto b = run_kg("build " + quote(jsonl) + " -o " + quote(graph));
  CHECK(b.code == 1);
  CHECK(b.out.find("broken.jsonl:2") != std::string::npos);
  CHECK(slurp(graph) == before);
  // Lenient: the broken line is skipped with a warning; a and c are read.
  auto r = run_kg("extract --lenient " + quote(jsonl) + " -o " + quote(s.path("ok.jsonl")));
  CHECK(r.code == 0);
  CHECK(r.out.find("broken.jsonl:2") != std::string::npos);
  std::string out = slurp(s.path("ok.jsonl"));
  CHECK(out.find("\"doc\":\"a\"") != std::string::npos);
  CHECK(out.find("\"doc\":\"c\"") != std::string::npos);
  // The same broken line in a fragment file.
  std::string frag = s.write("frag.jsonl", "{\"doc\":\"x\",\"entities\":[],\"relations\":[]}\n{\"doc\":\n");
  auto m = run_kg("merge " + quote(frag) + " -o " + quote(s.path("m")));
  CHECK(m.code == 1);
  CHECK(m.out.find("frag.jsonl:2") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(s.path("m")));
}

TEST_CASE("bad input: a truncated graph file", "[bad_input]") {
  Scratch s("truncated");
  std::string graph = s.path("g.kggraph");
  auto b = run_kg("build " + quote(kg::test::samples_dir()) + " -o " + quote(graph));
  REQUIRE(b.code == 0);
  std::string whole = slurp(graph);
  REQUIRE(whole.size() > 100);
  for (size_t cut : {whole.size() / 3, whole.size() / 2, whole.size() - 2}) {
    std::string part = s.write("cut.kggraph", whole.substr(0, cut));
    graph_file_fails(s, part, "truncated");
    CHECK(run_kg("info " + quote(part)).out.find("byte ") != std::string::npos);
  }
}

TEST_CASE("bad input: a graph file of the wrong version", "[bad_input]") {
  Scratch s("version");
  graph_file_fails(s, s.write("v.kggraph", minimal_graph(kg::kGraphFormatVersion + 1, "")),
                   "unsupported graph file version");
  // The right version of the same file loads.
  auto r = run_kg("info " + quote(s.write("ok.kggraph", minimal_graph(kg::kGraphFormatVersion, ""))));
  INFO(r.out);
  CHECK(r.code == 0);
}

TEST_CASE("bad input: a graph file whose edges point at missing nodes", "[bad_input]") {
  Scratch s("dangling");
  std::string edge =
      "{\"type\":\"LOCATED_IN\",\"source\":0,\"target\":7,\"props\":{},\"evidence\":[]}";
  std::string text = minimal_graph(kg::kGraphFormatVersion, edge);
  std::string path = s.write("d.kggraph", text);
  graph_file_fails(s, path, "edge 0: points at a missing node");
}

TEST_CASE("bad input: rule packs", "[bad_input]") {
  Scratch s("rules");
  std::string article = s.write("a.txt", kArticle);
  struct Row {
    std::string pack, where, what;
  };
  std::vector<Row> rows = {
      {"pack bad 1\nentity bad.regex 50 Institution : (?P<name>unclosed(\n",
       "x.rules:2: rule bad.regex", "bad pattern: missing )"},
      {"pack skip 1\nskip skip.bad 100 : \\((?:Photo\n", "x.rules:2: rule skip.bad",
       "bad pattern: missing )"},
      {"pack rel 1\nrelation rel.regex 50 SIGNED : (?P<src>⟪I\\d+⟫ signed\n",
       "x.rules:2: rule rel.regex", "bad pattern: missing )"},
      {"pack dup 1\nentity dup.one 50 Institution : (?P<name>Alpha)\n"
       "entity dup.one 50 Institution : (?P<name>Beta)\n",
       "x.rules:3: rule dup.one", "duplicate rule id"},
      {"pack rel 1\nrelation rel.bad 50 LIKES : (?P<src>⟪I\\d+⟫) likes (?P<dst>⟪I\\d+⟫)\n",
       "x.rules:2: rule rel.bad", "unknown relation type 'LIKES'"},
  };
  for (const auto& row : rows) {
    s.write("pack/x.rules", row.pack);
    extract_fails(s, article, row.where, row.what, "--rules " + quote(s.path("pack")));
  }
}

TEST_CASE("bad input: hostile names through every export", "[bad_input]") {
  // tests/export reads every format back with its reference reader; here the
  // kg binary writes each one whole, escaping what the format cannot hold.
  Scratch s("hostile");
  kg::Graph g = kg::testing::hostile_graph();
  std::string graph = s.path("h.kggraph");
  kg::save_graph(g, graph);
  const std::string raw_newline = "Sons \\ Co.\nLine two";  // as in hostile_graph()
  for (const std::string format :
       {"json", "graphml", "gexf", "csv", "ntriples", "turtle", "cypher", "dot"}) {
    std::string out = s.path("out." + format);
    auto r = run_kg("export " + quote(graph) + " -f " + format + " -o " + quote(out));
    INFO(format << ": " << r.out);
    CHECK(r.code == 0);
    REQUIRE(std::filesystem::exists(out));
    if (format != "csv") {
      std::string text = slurp(out);
      CHECK(text.find("Quoted") != std::string::npos);
      // One record a line, or a string syntax without raw newlines.
      if (format == "json" || format == "ntriples" || format == "cypher")
        CHECK(text.find(raw_newline) == std::string::npos);
      // XML: markup characters in names are escaped.
      if (format == "graphml" || format == "gexf")
        CHECK(text.find("<College>") == std::string::npos);
    }
    CHECK(s.temporaries().empty());
  }
  // json and csv come back equal through kg import.
  for (const std::string format : {"json", "csv"}) {
    std::string back = s.path("back_" + format + ".kggraph");
    auto r = run_kg("import " + quote(s.path("out." + format)) + " -f " + format + " -o " + quote(back));
    INFO(r.out);
    REQUIRE(r.code == 0);
    CHECK(kg::load_graph(back) == g);
  }
}

TEST_CASE("bad input: JSON nested a million levels deep", "[bad_input]") {
  Scratch s("deep");
  std::string deep = std::string(1000000, '[') + std::string(1000000, ']');
  // A graph file: the loader refuses it by shape at the first bracket, and
  // nesting the loader would skip stops at 32 levels, before any deep recursion.
  graph_file_fails(s, s.write("deep.kggraph", deep), "not a kg graph file");
  std::string in_props = minimal_graph(kg::kGraphFormatVersion, "");
  in_props.replace(in_props.find("\"props\":{}"), 10, "\"props\":{\"x\":" + deep + "}");
  graph_file_fails(s, s.write("deep_props.kggraph", in_props), "node 0: ");
  // Node-link JSON, fragments and JSON Lines articles: refused before parsing,
  // with the offset of the bracket that goes one level too deep.
  auto r = run_kg("import " + quote(s.write("deep.json", "{\"nodes\":" + deep + "}")) +
              " -f json -o " + quote(s.path("g")));
  INFO(r.out);
  CHECK(r.code == 1);
  CHECK(r.out.find("deep.json: byte 108: JSON nested deeper than 100 levels") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(s.path("g")));
  auto m = run_kg("merge " + quote(s.write("deep.jsonl", "\n" + deep + "\n")) + " -o " + quote(s.path("g")));
  CHECK(m.code == 1);
  CHECK(m.out.find("deep.jsonl:2: byte 100: JSON nested deeper") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(s.path("g")));
  extract_fails(s, s.write("articles.jsonl", "{\"id\":\"a\",\"text\":\"x\",\"meta\":" + deep + "}\n"),
                "articles.jsonl:1: byte 127", "JSON nested deeper than 100 levels");
}

TEST_CASE("bad input: a rule pattern beyond re2's memory bound", "[bad_input]") {
  Scratch s("re2mem");
  std::string article = s.write("a.txt", kArticle);
  // 1000 copies of a Unicode class compile to a program larger than max_mem.
  std::string big = "pack big 1\nentity big.mem 50 Institution : (?P<name>(?:\\pL\\pN){1000}" +
                    std::string("(?:\\pL\\pN){1000}(?:\\pL\\pN){1000}(?:\\pL\\pN){1000})\n");
  s.write("pack/x.rules", big);
  extract_fails(s, article, "x.rules:2: rule big.mem", "pattern too large",
                "--rules " + quote(s.path("pack")));
  // Macros that use each other many times cannot expand without bound.
  std::string boom = "pack boom 1\ndefine A0 ab\n";
  for (int i = 1; i <= 15; ++i) {
    std::string p = "{A" + std::to_string(i - 1) + "}";
    boom += "define A" + std::to_string(i) + " " + p + p + p + p + p + p + p + p + "\n";
  }
  boom += "entity boom.e 50 Institution : (?P<name>{A15})\n";
  s.write("pack/x.rules", boom);
  extract_fails(s, article, "x.rules:18: rule boom.e", "after macro expansion",
                "--rules " + quote(s.path("pack")));
}

// Queries: every error names where the query came from (the -f file, or
// "query"), its line and column, shows the line with a caret under the
// spot, and exits 1; limits stop hostile queries with a message saying which
// flag raises them. (Every proper prefix of a valid query failing cleanly is
// checked in-process by tests/query/query_unit_test.cc.)
TEST_CASE("bad input: queries", "[bad_input]") {
  Scratch s("query");
  std::string g = s.path("g.kg");
  REQUIRE(run_kg("merge -o " + quote(g) + " " + quote(std::string(KG_SOURCE_DIR) + "/tests/query/fixture.jsonl")).code == 0);
  auto fails = [&](const std::string& args, const std::string& what) {
    auto r = run_kg("query " + quote(g) + " " + args);
    INFO(args << "\n" << r.out);
    CHECK(r.code == 1);
    CHECK(r.out.find(what) != std::string::npos);
  };
  fails(quote("MATCH (n RETURN n"), "query:1:10: expected ')' after node pattern\n  MATCH (n RETURN n\n           ^");
  fails("--explain " + quote("MATCH (n RETURN n"), "query:1:10: expected ')'");
  std::string file = s.write("q.cypher", "MATCH (n)\nWHERE n.name =\nRETURN n\n");
  fails("-f " + quote(file), file + ":3:1: expected an expression, found the keyword RETURN\n  RETURN n\n  ^");
  fails(quote("RETURN frobnicate(1)"), "query:1:8: unknown function frobnicate()");
  fails(quote("RETURN $who"), "query:1:8: missing parameter $who (give it with --param who=VALUE)");
  fails(quote("RETURN 'a' =~ '(((a{1000}){1000}){1000})'"), "query:1:15: invalid regular expression");
  fails(quote("RETURN " + std::string(300, '(') + "1" + std::string(300, ')')), "query nests deeper than 200 levels");
  std::string long_query = s.write("long.cypher", "RETURN '" + std::string(2 << 20, 'x') + "'");
  fails("-f " + quote(long_query), "long.cypher:1:1048577: query longer than 1048576 bytes\n  ...xxx");
  // The line shown is a window around the caret, not the 2 MiB line.
  CHECK(run_kg("query " + quote(g) + " -f " + quote(long_query)).out.size() < 1000);
  fails(quote("UNWIND range(1, 100) AS x RETURN x") + " --max-rows 10",
        "the query returns more than 10 rows; add LIMIT or raise --max-rows");
  fails(quote("MATCH (a)-[*1..8]-(b) RETURN count(*)") + " --max-expansions 100",
        "a variable-length pattern walked more than 100 relationships");
  fails(quote("UNWIND range(1, 10000000) AS x UNWIND range(1, 10000000) AS y RETURN count(*)") + " --timeout 0.2",
        "the query ran longer than --timeout 0.2 s");
  // Unknown labels, types and properties are warnings, not errors: the query
  // runs and matches nothing, and the warning lists what the graph has.
  auto r = run_kg("query " + quote(g) + " " + quote("MATCH (n:Robot)-[:LIKES]->(m) RETURN n.colour"));
  INFO(r.out);
  CHECK(r.code == 0);
  CHECK(r.out.find("kg: warning: unknown label `Robot` matches nothing; the labels are Country") != std::string::npos);
  CHECK(r.out.find("unknown relationship type `LIKES` matches nothing") != std::string::npos);
  CHECK(r.out.find("unknown node property `colour`") != std::string::npos);
}
