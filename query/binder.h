// The binder resolves names in a parsed query: every variable gets a row slot,
// every function call its definition, every label and relationship type its
// ontology enum. It checks what the parser cannot (undefined variables,
// aggregates where they are not allowed, unknown procedures, missing
// parameters) and throws QueryError at the position. Unknown labels, types
// and property keys are warnings, not errors: they match nothing, and the
// user is told why the result is empty.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "query/ast.h"
#include "query/procedures.h"

namespace kg::query {

using Params = std::map<std::string, QValue, std::less<>>;

struct BoundQuery {
  Query query;  // annotated in place
  int slot_count = 0;
  int agg_count = 0;  // aggregate calls in the whole query (Expr::agg indexes)
  std::vector<std::string> slot_names;  // for the plan printer; hidden slots are "_anonN"
  std::vector<VarKind> slot_kinds;
  std::vector<std::string> columns;     // the result's columns
  std::vector<int> column_slots;
  std::vector<std::string> warnings;
};

// The labels, types and property keys the graph holds, for warnings.
struct Schema {
  std::vector<std::string> node_keys;  // sorted
  std::vector<std::string> rel_keys;   // sorted
  static Schema of(const Graph& g);
};

BoundQuery bind(Query query, const Schema& schema, const Params& params);

}  // namespace kg::query
