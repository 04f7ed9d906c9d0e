#include "tools/query_support.h"

#include <iostream>

#include "graph/analytics.h"
#include "graph/error.h"
#include "graph/graph_file.h"
#include "query/params.h"

namespace kg::cli {

using query::QValue;

void add_query_flags(CLI::App* cmd, QueryFlags& f) {
  cmd->add_option("--param", f.params, "A query parameter, name=value (repeatable); $name in the query");
  cmd->add_option("--params", f.params_file, "Query parameters from a JSON object file");
  cmd->add_option("--format", f.format, "Output: table, json, csv or tsv")->capture_default_str();
  cmd->add_option("--timeout", f.timeout, "Stop a query after this many seconds (0: no limit)");
  cmd->add_option("--max-rows", f.max_rows, "Refuse results with more rows than this")->capture_default_str();
  cmd->add_option("--max-hops", f.max_hops, "Hop cap for * patterns without an upper bound")->capture_default_str();
  cmd->add_option("--max-expansions", f.max_expansions,
                  "Refuse a query whose variable-length patterns walk more relationships than this")
      ->capture_default_str();
  cmd->add_option("--since", f.since, "Only relations dated on or after (YYYY[-MM[-DD]]); undated ones drop");
  cmd->add_option("--until", f.until, "Only relations dated on or before (YYYY[-MM[-DD]])");
}

Graph load_for_query(const std::string& path, const QueryFlags& flags) {
  Subgraph window;
  window.since = flags.since;
  window.until = flags.until;
  check_subgraph(window);
  Graph g = load_graph(path);
  keep_date_window(g, flags.since, flags.until);
  return g;
}

query::QueryOptions make_query_options(const QueryFlags& f) {
  query::QueryOptions o;
  if (!f.params_file.empty()) query::read_params_file(f.params_file, o.params);
  for (const auto& p : f.params) {
    size_t eq = p.find('=');
    if (eq == std::string::npos || eq == 0) throw UsageError("--param expects name=value, got '" + p + "'");
    o.params[p.substr(0, eq)] = query::parse_param_value(p.substr(eq + 1));
  }
  o.timeout_seconds = f.timeout;
  o.max_rows = f.max_rows;
  o.max_hops = f.max_hops;
  o.max_expansions = f.max_expansions;
  o.since = f.since;
  o.until = f.until;
  return o;
}

query::QueryResult run_and_print(const query::Engine& engine, const std::string& text,
                                 const query::QueryOptions& options, query::ResultFormat format,
                                 std::ostream& out, std::string_view source) {
  query::QueryResult r;
  try {
    r = engine.run(text, options);
  } catch (const QueryError& e) {
    throw QueryError(query::format_query_error(text, e.offset(), e.what(), source), e.offset());
  }
  for (const auto& w : r.warnings) std::cerr << "kg: warning: " << w << "\n";
  if (r.explain_only) {
    out << r.plan;
    return r;
  }
  query::write_result(out, r, engine.graph(), format);
  if (!r.plan.empty()) std::cerr << r.plan;
  return r;
}

}  // namespace kg::cli
