// Evaluates bound expressions against a row, with Cypher's three-valued
// logic (null propagates; AND/OR short-circuit as Kleene logic says).
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "query/ast.h"
#include "query/binder.h"

namespace re2 {
class RE2;
}

namespace kg::query {

using Row = std::vector<QValue>;

// Compiled `=~` patterns, each once per query, with bounded memory.
class RegexCache {
 public:
  RegexCache();
  ~RegexCache();
  // Throws QueryError(pos) for a pattern re2 rejects or one too large.
  const re2::RE2& get(std::string_view pattern, size_t pos);

 private:
  std::unordered_map<std::string, std::unique_ptr<re2::RE2>> cache_;
};

inline constexpr int64_t kRegexMaxMem = 8 << 20;

struct EvalContext {
  const Graph& graph;
  const Params& params;
  RegexCache regexes;
  // Set while an Aggregate operator computes its items: the value of each
  // aggregate call, by Expr::agg.
  const std::vector<QValue>* agg_values = nullptr;
  // Runs pattern predicate `subplan` on a copy of `row`: does it match?
  std::function<bool(int subplan, const Row& row)> exists;
  // The graph's string column of each property key the query reads, found
  // once (by the address of the key in the syntax tree) rather than per row.
  std::vector<std::pair<const std::string*, const StringColumn*>> columns;

  // `n.key` through the graph's columns (graph/node_columns.h).
  QValue node_property(NodeId id, const std::string& key);
};

QValue eval(const Expr& e, const Row& row, EvalContext& ctx);

// A predicate's value: only true passes a filter; false and null do not.
bool is_true(const QValue& v);

// `s STARTS WITH t`, `s ENDS WITH t` or `s CONTAINS t` (`op` one of those).
bool string_predicate(BinOp op, std::string_view s, std::string_view t);

}  // namespace kg::query
