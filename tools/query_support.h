// What kg query, kg shell, kg partners and kg path share: the options that
// map onto QueryOptions, parameter parsing, and running one query with its
// errors rendered against the query text.
#pragma once

#include <CLI/CLI.hpp>
#include <iosfwd>
#include <string>
#include <vector>

#include "query/engine.h"
#include "query/format.h"

namespace kg::cli {

struct QueryFlags {
  std::vector<std::string> params;  // name=value
  std::string params_file;          // a JSON object
  std::string format = "table";
  double timeout = 0;
  uint64_t max_rows = query::QueryOptions{}.max_rows;
  int max_hops = query::QueryOptions{}.max_hops;
  uint64_t max_expansions = query::QueryOptions{}.max_expansions;
  std::string since, until;
};

// Adds --param, --params, --format, --timeout, --max-rows, --max-hops,
// --max-expansions, --since and --until to `cmd`.
void add_query_flags(CLI::App* cmd, QueryFlags& flags);

// Loads the graph file, keeping only the relationships dated inside
// --since/--until when either is given (graph/analytics.h's window rules).
Graph load_for_query(const std::string& path, const QueryFlags& flags);

// --param values are read by query/params.h.
query::QueryOptions make_query_options(const QueryFlags& flags);

struct RunOutcome {
  query::QueryResult result;
  bool ok = false;
};

// Runs `text` and prints the result (or the plan) to `out` in `format`,
// warnings to stderr. A QueryError is rethrown as a kg::QueryError whose
// message names `source` (the -f file, else "query"), shows the query line
// and a caret.
query::QueryResult run_and_print(const query::Engine& engine, const std::string& text,
                                 const query::QueryOptions& options, query::ResultFormat format,
                                 std::ostream& out, std::string_view source = "query");

}  // namespace kg::cli
