#include "query/engine.h"

#include <chrono>

#include "graph/error.h"
#include "query/exec.h"
#include "query/parser.h"
#include "query/plan.h"

namespace kg::query {

Engine::Engine(const Graph& graph) : graph_(graph), schema_(Schema::of(graph)) { graph.freeze(); }

QueryResult Engine::run(std::string_view text, const QueryOptions& options) const {
  using Clock = std::chrono::steady_clock;
  auto secs = [](Clock::time_point a, Clock::time_point b) { return std::chrono::duration<double>(b - a).count(); };
  QueryResult result;
  auto t0 = Clock::now();
  Query query = parse(text);
  auto t1 = Clock::now();
  bool explain = query.explain || options.explain, profile = query.profile || options.profile;
  BoundQuery bound = bind(std::move(query), schema_, options.params);
  result.columns = bound.columns;
  result.warnings = bound.warnings;
  auto owned_plan =
      std::make_shared<const Plan>(make_plan(std::move(bound), graph_, PlanOptions{options.max_hops, options.optimize}));
  const Plan& plan = *owned_plan;
  result.query = owned_plan;
  auto t2 = Clock::now();
  result.parse_seconds = secs(t0, t1);
  result.plan_seconds = secs(t1, t2);
  if (explain) {
    result.plan = print_plan(plan);
    result.explain_only = true;
    return result;
  }
  QueryOptions exec_options = options;
  exec_options.profile = profile;
  Executor executor(plan, graph_, exec_options);
  executor.run(result.rows);
  result.exec_seconds = secs(t2, Clock::now());
  if (profile) {
    auto prof = executor.profile();
    result.plan = print_plan(plan, &prof);
  }
  return result;
}

std::string format_query_error(std::string_view query, size_t offset, std::string_view message,
                               std::string_view source) {
  offset = std::min(offset, query.size());
  size_t line = 1, line_start = 0;
  for (size_t i = 0; i < offset; ++i)
    if (query[i] == '\n') ++line, line_start = i + 1;
  size_t line_end = query.find('\n', line_start);
  if (line_end == std::string_view::npos) line_end = query.size();
  auto is_lead = [&](size_t i) { return (static_cast<unsigned char>(query[i]) & 0xC0) != 0x80; };
  // Columns count characters, not bytes, so the caret sits under the right one.
  size_t col = 1;
  for (size_t i = line_start; i < offset; ++i)
    if (is_lead(i)) ++col;
  std::string out = std::string(source) + ":" + std::to_string(line) + ":" + std::to_string(col) + ": " + std::string(message);
  // A long line is shown as a window around the caret (a hostile query can
  // be one line of a megabyte), cut at character boundaries.
  constexpr size_t kContext = 60;
  size_t from = line_start, to = line_end;
  if (offset - from > kContext) {
    from = offset - kContext;
    while (from < offset && !is_lead(from)) ++from;
  }
  if (to - offset > kContext) {
    to = offset + kContext;
    while (to > offset && to < line_end && !is_lead(to)) --to;
  }
  std::string prefix = from > line_start ? "..." : "";
  out += "\n  " + prefix + std::string(query.substr(from, to - from)) + (to < line_end ? "..." : "") + "\n  " +
         std::string(prefix.size(), ' ');
  for (size_t i = from; i < offset; ++i) {
    if (!is_lead(i)) continue;
    out += query[i] == '\t' ? '\t' : ' ';
  }
  out += "^";
  return out;
}

}  // namespace kg::query
