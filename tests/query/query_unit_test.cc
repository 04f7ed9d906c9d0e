// Unit tests of the query stages: lexer tokens and positions, the parser's
// printed AST (and that printing round-trips), the position and message of
// every parser error, and the binder's checks. Operators are covered by the
// case files (query_cases_test.cc), which run each case with the planner's
// rewrites on and off.
#include <catch2/catch.hpp>

#include "graph/date_window.h"
#include "graph/error.h"
#include "query/binder.h"
#include "query/engine.h"
#include "query/lexer.h"
#include "query/parser.h"
#include "tests/query/query_fixture.h"

namespace kg::query {
namespace {

std::string error_of(const std::string& q) {
  try {
    parse(q);
  } catch (const QueryError& e) {
    return format_query_error(q, e.offset(), e.what()).substr(0, format_query_error(q, e.offset(), e.what()).find('\n'));
  }
  return "";
}

TEST_CASE("lexer: tokens, positions, escapes") {
  auto t = lex("MATCH (a:`Odd Label`)-[:SIGNED*1..3]->(b {n: 'it\\'s \\u00e9'}) WHERE a.x <> 1.5e3 // c\nRETURN $p");
  std::vector<Tok> kinds;
  for (const auto& tok : t) kinds.push_back(tok.kind);
  CHECK(t[0].text == "MATCH");
  CHECK(t[0].pos == 0);
  CHECK(t[0].end == 5);
  CHECK(t[4].text == "Odd Label");
  CHECK(t[4].quoted);
  // "1..3" is an integer, a range and an integer
  auto it = std::find_if(t.begin(), t.end(), [](const Token& x) { return x.kind == Tok::kDotDot; });
  REQUIRE(it != t.end());
  CHECK((it - 1)->text == "1");
  CHECK((it + 1)->text == "3");
  auto s = std::find_if(t.begin(), t.end(), [](const Token& x) { return x.kind == Tok::kString; });
  CHECK(s->text == "it's \xc3\xa9");
  auto f = std::find_if(t.begin(), t.end(), [](const Token& x) { return x.kind == Tok::kFloat; });
  CHECK(f->text == "1.5e3");
  CHECK(t.back().kind == Tok::kEnd);
  CHECK(t[t.size() - 2].kind == Tok::kParam);
  CHECK(t[t.size() - 2].text == "p");
  CHECK_THROWS_AS(lex("RETURN 'open"), QueryError);
  CHECK_THROWS_AS(lex("RETURN 1 # 2"), QueryError);
  CHECK_THROWS_AS(lex("RETURN /* open"), QueryError);
}

TEST_CASE("parser: the printed AST") {
  struct {
    const char* in;
    const char* out;
  } cases[] = {
      {"match (a:Institution {name:'TVI'})-[r:SIGNED|PARTNERS_WITH]-(b) return b.name",
       "MATCH (a:Institution {name: 'TVI'})-[r:SIGNED|PARTNERS_WITH]-(b) RETURN b.name"},
      {"MATCH (a)<-[:HOSTED]-(b), (c)-->(d) WHERE a.x = 1 AND NOT b.y OR c.z XOR true RETURN *",
       "MATCH (a)<-[:HOSTED]-(b), (c)-->(d) WHERE (((a.x = 1) AND (NOT b.y)) OR (c.z XOR true)) RETURN *"},
      {"MATCH p = shortestPath((a)-[:SIGNED*..4]-(b)) RETURN length(p) AS n ORDER BY n DESC SKIP 1 LIMIT 2",
       "MATCH p = shortestPath((a)-[:SIGNED*..4]-(b)) RETURN length(p) AS n ORDER BY n DESC SKIP 1 LIMIT 2"},
      {"MATCH (a)-[*]->(b), (a)-[*2]->(c), (a)-[*1..3]->(d), (a)-[*2..]->(e) RETURN a",
       "MATCH (a)-[*]->(b), (a)-[*2]->(c), (a)-[*..3]->(d), (a)-[*2..]->(e) RETURN a"},
      {"UNWIND [1, 2.5, 'x', null, true] AS v WITH DISTINCT v WHERE v IS NOT NULL RETURN count(DISTINCT v), collect(v)[0..2]",
       "UNWIND [1, 2.5, 'x', null, true] AS v WITH DISTINCT v WHERE (v IS NOT NULL) RETURN count(DISTINCT v), collect(v)[0..2]"},
      {"OPTIONAL MATCH (a) WHERE (a)-[:SIGNED]-() AND a.name =~ 'T.*' RETURN a.name STARTS WITH 'T', 2 ^ 3 * -4",
       "OPTIONAL MATCH (a) WHERE (exists((a)-[:SIGNED]-()) AND (a.name =~ 'T.*')) RETURN (a.name STARTS WITH 'T'), ((2 ^ 3) * (-4))"},
      {"CALL kg.find('TVI') YIELD node AS n RETURN n", "CALL kg.find('TVI') YIELD node AS n RETURN n"},
      {"RETURN CASE WHEN 1 < 2 THEN 'a' ELSE 'b' END, {k: [1]}, $p",
       "RETURN CASE WHEN (1 < 2) THEN 'a' ELSE 'b' END, {k: [1]}, $p"},
  };
  for (const auto& c : cases) {
    INFO(c.in);
    Query q = parse(c.in);
    CHECK(print(q) == c.out);
    // and printing round-trips
    CHECK(print(parse(print(q))) == print(q));
  }
}

TEST_CASE("parser: errors point at the token and say what was expected") {
  CHECK(error_of("MATCH (a:Institution RETURN a") == "query:1:22: expected ')' after node pattern");
  CHECK(error_of("MATCH (a)-[:SIGNED->(b) RETURN a") == "query:1:19: expected ']' after relationship pattern");
  CHECK(error_of("MATCH (a) RETURN") == "query:1:17: expected an expression");
  CHECK(error_of("MATCH (a)\nWHERE a.name = \nRETURN a") == "query:3:1: expected an expression, found the keyword RETURN");
  CHECK(error_of("MATCH (a)") == "query:1:10: a query must end with RETURN");
  CHECK(error_of("CREATE (a) RETURN a") == "query:1:1: kg queries are read-only: CREATE is not supported");
  CHECK(error_of("MATCH (a) RETURN a LIMIT 1 MATCH (b)") == "query:1:28: RETURN must be the last clause");
  CHECK(error_of("MATCH (a)<-[r]->(b) RETURN a") == "query:1:10: a relationship cannot point both ways");
  CHECK(error_of("MATCH (a)-[*3..1]-(b) RETURN a") == "query:1:10: variable-length range has its upper bound below its lower bound");
  CHECK(error_of("RETURN 99999999999999999999") == "query:1:8: integer literal out of range");
  CHECK(error_of("RETURN 'a' STARTS 'b'") == "query:1:19: expected WITH after STARTS");
  CHECK(error_of("RETURN \"天津\" +") == "query:1:14: expected an expression");
  // Nesting is bounded, not a stack overflow.
  std::string deep = "RETURN " + std::string(5000, '(') + "1" + std::string(5000, ')');
  CHECK(error_of(deep).find("nests deeper than 200 levels") != std::string::npos);
}

TEST_CASE("parser: every proper prefix of a valid query is an error, never a crash") {
  const std::string q =
      "MATCH p = (a:Institution {name: 'TVI'})-[r:SIGNED*1..2]-(b) WHERE b.kind IN ['college'] "
      "WITH a, count(DISTINCT b) AS n ORDER BY n DESC LIMIT 3 RETURN a.name AS name, n";
  for (size_t i = 0; i < q.size(); ++i) {
    std::string prefix = q.substr(0, i);
    INFO(prefix);
    bool threw = false;
    try {
      parse(prefix);
    } catch (const QueryError& e) {
      threw = true;
      CHECK(e.offset() <= prefix.size());
    }
    // A few prefixes are whole queries ("... RETURN a.name"), the rest fail.
    if (!threw) CHECK(prefix.find("RETURN") != std::string::npos);
  }
}

TEST_CASE("binder: names, aggregates, procedures, parameters") {
  const Graph& g = testing::query_fixture();
  Schema schema = Schema::of(g);
  Params params{{"p", QValue(1)}};
  auto bind_error = [&](const std::string& q) -> std::string {
    try {
      query::bind(parse(q), schema, params);
    } catch (const QueryError& e) {
      std::string text = format_query_error(q, e.offset(), e.what());
      return text.substr(0, text.find('\n'));
    }
    return "";
  };
  CHECK(bind_error("MATCH (a) RETURN b") == "query:1:18: variable `b` not defined");
  CHECK(bind_error("MATCH (a) WHERE count(*) > 1 RETURN a") == "query:1:17: count(*) is not allowed here");
  CHECK(bind_error("RETURN count(count(1))") == "query:1:14: aggregates cannot be nested");
  CHECK(bind_error("RETURN nosuch(1)").rfind("query:1:8: unknown function nosuch()", 0) == 0);
  CHECK(bind_error("RETURN toLower('a', 'b')") == "query:1:8: toLower() takes 1 argument");
  CHECK(bind_error("RETURN $q") == "query:1:8: missing parameter $q (give it with --param q=VALUE)");
  CHECK(bind_error("CALL kg.nosuch() YIELD x RETURN x").rfind("query:1:1: unknown procedure kg.nosuch", 0) == 0);
  CHECK(bind_error("CALL kg.find('x') YIELD nope RETURN nope").rfind("query:1:25: kg.find has no column `nope`", 0) == 0);
  CHECK(bind_error("MATCH (a)-[r]-(b) MATCH (r) RETURN r") == "query:1:25: `r` is a relationship, not a node");
  CHECK(bind_error("MATCH (a) WITH a.name RETURN 1") == "query:1:16: an expression in WITH must be named with AS");
  CHECK(bind_error("MATCH (a) WHERE (a)-[:SIGNED]-(zz) RETURN a").rfind("query:1:31: variable `zz` not defined", 0) == 0);
  CHECK(bind_error("MATCH (a) RETURN a, a") == "query:1:21: column `a` appears twice; name one with AS");

  BoundQuery b = query::bind(parse("MATCH (a:Nonsense)-[:WHATEVER]-(b) WHERE a.nokey = 1 RETURN a"), schema, params);
  REQUIRE(b.warnings.size() == 3);
  CHECK(b.warnings[0].rfind("unknown label `Nonsense` matches nothing", 0) == 0);
  CHECK(b.warnings[1].rfind("unknown relationship type `WHATEVER` matches nothing", 0) == 0);
  CHECK(b.warnings[2].rfind("unknown node property `nokey`", 0) == 0);
}

TEST_CASE("engine: limits stop hostile queries with a clear error") {
  const Graph& g = testing::query_fixture();
  Engine engine(g);
  QueryOptions o;
  o.max_rows = 5;
  CHECK_THROWS_WITH(engine.run("UNWIND range(1, 10) AS x RETURN x", o),
                    "the query returns more than 5 rows; add LIMIT or raise --max-rows");
  QueryOptions e;
  e.max_expansions = 10;
  CHECK_THROWS_AS(engine.run("MATCH (a)-[*1..8]-(b) RETURN count(*)", e), LimitError);
  QueryOptions r;
  CHECK_THROWS_AS(engine.run("RETURN 'a' =~ '(((a{1000}){1000}){1000})'", r), QueryError);
  QueryOptions t;
  t.timeout_seconds = 1e-9;
  CHECK_THROWS_AS(engine.run("UNWIND range(1, 100000) AS x RETURN count(*)", t), LimitError);
}

}  // namespace
}  // namespace kg::query

namespace kg::query {
namespace {

TEST_CASE("kg query --since/--until: only relationships dated in the window") {
  Graph g = testing::query_fixture().clone();
  keep_date_window(g, "2024", "");
  Engine engine(g);
  QueryResult r = engine.run("MATCH (a)-[r:SIGNED]-(b) WHERE a.name < b.name RETURN a.name, b.name, r.date", {});
  REQUIRE(r.rows.size() == 1);
  CHECK(to_text(r.rows[0][2], g) == "2024-06-01");
  Graph h = testing::query_fixture().clone();
  keep_date_window(h, "", "2023-12");
  Engine e2(h);
  CHECK(e2.run("MATCH ()-[r]->() RETURN r", {}).rows.size() == 1);
  CHECK(h.node_count() == testing::query_fixture().node_count());
}

}  // namespace
}  // namespace kg::query

namespace kg::query {
namespace {

// Scan filters (PlanOp::scan_filters) and grouping by dictionary codes read
// the graph's columns (graph/node_columns.h) instead of evaluating per row.
// On a graph whose properties mix strings, numbers, lists and absence, both
// must give exactly the rows the general path (rewrites off) gives.
TEST_CASE("column scans: scan filters and coded grouping agree with the general path") {
  Graph g;
  auto add = [&](std::string name, std::vector<std::pair<std::string, Value>> props) {
    Node n;
    n.label = Label::kInstitution;
    n.name = std::move(name);
    for (auto& [k, v] : props) n.props.set(k, v);
    g.add_node(std::move(n));
  };
  add("Alpha College", {{"country", std::string("Kenya")}, {"rank", std::string("1")}});
  add("Beta Polytechnic", {{"country", std::string("Peru")}, {"rank", int64_t{1}}});
  add("Gamma College", {{"country", std::string("Kenya")}, {"rank", std::vector<std::string>{"1"}}});
  add("Delta Institute", {{"rank", 2.5}});
  add("Epsilon College", {{"country", std::string("")}, {"rank", std::string("2")}});
  Node place;
  place.label = Label::kPlace;
  place.name = "Alpha College";  // same name, other label: not scanned
  place.props.set("country", std::string("Kenya"));
  g.add_node(std::move(place));
  g.freeze();
  Engine engine(g);

  struct Case {
    std::string query;
    std::vector<std::string> rows;  // "a|b" per row, in order (each query sorts)
  };
  const std::vector<Case> cases = {
      {"MATCH (i:Institution) WHERE i.name CONTAINS 'College' RETURN i.name ORDER BY i.name",
       {"Alpha College", "Epsilon College", "Gamma College"}},
      {"MATCH (i:Institution) WHERE i.name STARTS WITH 'Beta' RETURN i.name", {"Beta Polytechnic"}},
      {"MATCH (i:Institution) WHERE i.name ENDS WITH 'ute' RETURN i.name", {"Delta Institute"}},
      {"MATCH (i:Institution) WHERE 'Alpha College' = i.name RETURN count(*)", {"1"}},
      {"MATCH (i:Institution) WHERE i.country = 'Kenya' RETURN i.name ORDER BY i.name",
       {"Alpha College", "Gamma College"}},
      {"MATCH (i:Institution) WHERE i.country CONTAINS '' RETURN count(*)", {"4"}},  // absent is null
      {"MATCH (i:Institution) WHERE i.country STARTS WITH 'K' AND i.name CONTAINS 'm' RETURN i.name", {"Gamma College"}},
      // rank is a string, an int, a list, a float: only the string can match a string.
      {"MATCH (i:Institution) WHERE i.rank = '1' RETURN i.name", {"Alpha College"}},
      {"MATCH (i:Institution) WHERE i.rank CONTAINS '1' RETURN i.name", {"Alpha College"}},
      {"MATCH (i:Institution) WHERE i.rank = $r RETURN i.name", {"Beta Polytechnic"}},    // $r = 1
      {"MATCH (i:Institution) WHERE i.rank = $l RETURN i.name", {"Gamma College"}},       // $l = ['1']
      {"MATCH (i:Institution) WHERE i.name = $n RETURN i.name", {"Alpha College"}},       // $n = 'Alpha College'
      {"MATCH (i:Institution) WHERE i.rank = $none RETURN count(*)", {"0"}},              // null
      {"MATCH (i:Institution) RETURN i.country AS c, count(*) AS n ORDER BY n DESC, c",
       {"Kenya|2", "|1", "Peru|1", "null|1"}},
      {"MATCH (i:Institution) RETURN i.rank AS r, count(*) AS n ORDER BY n DESC, r",
       {"[\"1\"]|1", "1|1", "2|1", "1|1", "2.5|1"}},  // lists, then strings, then numbers
      {"MATCH (i:Institution) RETURN i.country AS c, i.rank AS r, count(*) AS n ORDER BY c, r",
       {"|2|1", "Kenya|[\"1\"]|1", "Kenya|1|1", "Peru|1|1", "null|2.5|1"}},
      {"MATCH (p:Place) OPTIONAL MATCH (p)-[:SIGNED]-(i:Institution) RETURN i.country AS c, count(*) AS n", {"null|1"}},
      {"MATCH (i:Institution) WITH i.country AS c, i RETURN c, collect(i.name)[0] AS first, count(*) AS n ORDER BY c",
       {"|Epsilon College|1", "Kenya|Alpha College|2", "Peru|Beta Polytechnic|1", "null|Delta Institute|1"}},
  };
  QueryOptions opt;
  opt.params = {{"r", QValue(int64_t{1})},
                {"l", QValue(List{QValue(std::string("1"))})},
                {"n", QValue(std::string("Alpha College"))},
                {"none", QValue()}};
  for (const auto& c : cases) {
    INFO(c.query);
    for (bool optimize : {true, false}) {
      opt.optimize = optimize;
      QueryResult r = engine.run(c.query, opt);
      std::vector<std::string> rows;
      for (const auto& row : r.rows) {
        std::string s;
        for (size_t i = 0; i < row.size(); ++i) s += (i ? "|" : "") + to_text(row[i], g);
        rows.push_back(s);
      }
      CHECK(rows == c.rows);
    }
  }
  // The plan shows the filter inside the scan.
  opt.optimize = true;
  QueryResult plan = engine.run("EXPLAIN MATCH (i:Institution) WHERE i.name CONTAINS 'a' RETURN i", opt);
  INFO(plan.plan);
  CHECK(plan.plan.find("NodeByLabelScan (i:Institution) WHERE (i.name CONTAINS 'a')") != std::string::npos);
  CHECK(plan.plan.find("Filter") == std::string::npos);
}

}  // namespace
}  // namespace kg::query
