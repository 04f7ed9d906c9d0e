// Runs every case file under tests/query/cases/ against the fixture graph.
//
// A case file holds cases, each a query followed by what it must give:
//
//   -- case: partners of TVI over SIGNED
//   -- param name=TVI              (optional, repeatable; the value as --param reads it)
//   MATCH (a {name: $name}) ...
//   -- rows                        (or "-- rows ordered" when the query has ORDER BY)
//   b.name                         (the header: column names joined by " | ")
//   Nairobi Polytechnic            (one line per row, cells as the table shows them)
//
// or "-- error" followed by the exact message with its line:column, or
// "-- warning" followed by text a warning must contain (then optionally
// "-- rows" too), or "-- plan" followed by the exact --explain text.
// Every case runs twice, with the planner's rewrites on and off, and both
// runs must give the expected rows: the rewrites may not change an answer.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "graph/error.h"
#include "query/engine.h"
#include "tests/query/query_fixture.h"
#include "query/params.h"

namespace kg::query {
namespace {

struct Case {
  std::string file, name, query;
  std::vector<std::pair<std::string, std::string>> params;
  std::string expect;  // rows | error | warning | plan
  bool ordered = false;
  std::vector<std::string> lines;  // what follows the expectation
  std::vector<std::string> warnings;
};

std::vector<Case> read_cases(const std::filesystem::path& file) {
  std::ifstream in(file);
  std::vector<Case> cases;
  std::string line;
  enum { kNone, kQuery, kExpect } state = kNone;
  while (std::getline(in, line)) {
    if (line.rfind("-- case:", 0) == 0) {
      cases.push_back({file.filename().string(), line.substr(9), "", {}, "", false, {}, {}});
      state = kQuery;
    } else if (cases.empty() || (line.empty() && state != kExpect) || line.rfind("#", 0) == 0) {
      continue;
    } else if (line.rfind("-- param ", 0) == 0) {
      std::string p = line.substr(9);
      size_t eq = p.find('=');
      cases.back().params.emplace_back(p.substr(0, eq), p.substr(eq + 1));
    } else if (line.rfind("-- ", 0) == 0) {
      Case& c = cases.back();
      std::string what = line.substr(3);
      if (what == "warning") {
        state = kExpect;
        c.expect = c.expect.empty() ? "warning" : c.expect;
        c.lines.clear();
        std::getline(in, line);
        c.warnings.push_back(line);
        continue;
      }
      c.expect = what.rfind("rows", 0) == 0 ? "rows" : what;
      c.ordered = what == "rows ordered";
      c.lines.clear();
      state = kExpect;
    } else if (state == kQuery) {
      cases.back().query += line + "\n";
    } else if (state == kExpect) {
      cases.back().lines.push_back(line);
    }
  }
  for (auto& c : cases) {
    while (!c.lines.empty() && c.lines.back().empty()) c.lines.pop_back();
    while (!c.query.empty() && c.query.back() == '\n') c.query.pop_back();
  }
  return cases;
}

std::string row_text(const std::vector<QValue>& row, const Graph& g) {
  std::string out;
  for (size_t i = 0; i < row.size(); ++i) out += (i ? " | " : "") + to_text(row[i], g);
  return out;
}

std::string join(const std::vector<std::string>& xs) {
  std::string out;
  for (const auto& x : xs) out += x + "\n";
  return out;
}

void check_case(const Case& c, bool optimize) {
  const Graph& g = testing::query_fixture();
  static const Engine engine(g);
  QueryOptions options;
  options.optimize = optimize;
  for (const auto& [k, v] : c.params) options.params[k] = parse_param_value(v);
  INFO(c.file << ": " << c.name << (optimize ? "" : " (rewrites off)") << "\n" << c.query);
  if (c.expect == "error") {
    REQUIRE(c.lines.size() == 1);
    try {
      engine.run(c.query, options);
      FAIL("expected an error");
    } catch (const QueryError& e) {
      std::string text = format_query_error(c.query, e.offset(), e.what());
      CHECK(text.substr(0, text.find('\n')) == c.lines[0]);
    } catch (const LimitError& e) {
      CHECK(std::string(e.what()) == c.lines[0]);
    }
    return;
  }
  QueryResult r = engine.run(c.query, options);
  for (const auto& w : c.warnings) {
    bool found = std::any_of(r.warnings.begin(), r.warnings.end(),
                             [&](const std::string& x) { return x.find(w) != std::string::npos; });
    INFO("warnings: " << join(r.warnings));
    CHECK(found);
  }
  if (c.expect == "plan") {
    if (optimize) CHECK(r.plan == join(c.lines));
    return;
  }
  if (c.expect != "rows") return;
  REQUIRE(!c.lines.empty());
  std::string header;
  for (size_t i = 0; i < r.columns.size(); ++i) header += (i ? " | " : "") + r.columns[i];
  CHECK(header == c.lines[0]);
  std::vector<std::string> got, want(c.lines.begin() + 1, c.lines.end());
  for (const auto& row : r.rows) got.push_back(row_text(row, g));
  if (!c.ordered) {
    std::sort(got.begin(), got.end());
    std::sort(want.begin(), want.end());
  }
  CHECK(join(got) == join(want));
}

TEST_CASE("query case files") {
  std::filesystem::path dir = std::filesystem::path(KG_SOURCE_DIR) / "tests/query/cases";
  std::vector<std::filesystem::path> files;
  for (const auto& e : std::filesystem::recursive_directory_iterator(dir))
    if (e.path().extension() == ".test") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  REQUIRE(files.size() >= 8);
  size_t total = 0;
  for (const auto& f : files) {
    for (const Case& c : read_cases(f)) {
      ++total;
      check_case(c, true);
      check_case(c, false);
    }
  }
  CHECK(total >= 100);
}

}  // namespace
}  // namespace kg::query
