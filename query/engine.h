// kg's query engine: the one public header of the query module.
//
//   Engine engine(graph);
//   QueryResult r = engine.run("MATCH (i:Institution) RETURN i.name LIMIT 5", {});
//
// run() shows the whole chain: parse -> bind -> plan -> execute. Errors are
// QueryError with the byte offset in the query (format_query_error() renders
// it with a caret), or LimitError when a bound in QueryOptions is hit.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "query/binder.h"

namespace kg::query {

struct QueryOptions {
  Params params;                   // $name values (--param name=value, --params FILE)
  double timeout_seconds = 0;      // 0: no limit (--timeout)
  uint64_t max_rows = 10'000'000;  // result rows before LimitError (--max-rows)
  int max_hops = 10;               // cap for `*` without an upper bound (--max-hops)
  uint64_t max_expansions = 50'000'000;  // relationships walked by variable-length patterns
  bool optimize = true;            // planner rewrites (tests compare both)
  bool profile = false;            // PROFILE: rows and time per operator
  bool explain = false;            // EXPLAIN: the plan, no rows (kg query --explain)
  std::string since, until;        // date window for algo.* procedures ("" = open)
};

struct QueryResult {
  std::vector<std::string> columns;
  // String values may be views of the graph's strings or of the query's own
  // literals: the result keeps the parsed query alive for as long as it lives
  // (`query`); the graph must outlive it (see Engine).
  std::vector<std::vector<QValue>> rows;
  std::vector<std::string> warnings;
  std::string plan;           // EXPLAIN / PROFILE text, else empty
  bool explain_only = false;  // EXPLAIN: the plan, no rows
  double parse_seconds = 0, plan_seconds = 0, exec_seconds = 0;
  std::shared_ptr<const void> query;  // the plan and syntax tree the rows may view
};

class Engine {
 public:
  // The graph must outlive the engine and every result it returns (results
  // hold views of its strings). Scans the graph once for its property keys.
  explicit Engine(const Graph& graph);
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  QueryResult run(std::string_view query, const QueryOptions& options) const;
  const Graph& graph() const { return graph_; }
  const Schema& schema() const { return schema_; }

 private:
  const Graph& graph_;
  Schema schema_;
};

// "query:1:23: expected ')' after node pattern" followed by the query's line
// and a caret under the column; `source` names where the query came from
// (a file given with -f).
std::string format_query_error(std::string_view query, size_t offset, std::string_view message,
                               std::string_view source = "query");

}  // namespace kg::query
