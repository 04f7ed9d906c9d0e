// The scalar and aggregate functions of the query language. The binder
// resolves a call's name (case-insensitively) to an index here and checks the
// argument count; the evaluator calls through the index.
#pragma once

#include <functional>
#include <span>
#include <string_view>

#include "query/value.h"

namespace kg::query {

struct FunctionDef {
  std::string_view name;  // as documented: "toLower"
  int min_args, max_args;
  bool aggregate;
  // Scalars only. Arguments are evaluated; the graph backs node access.
  // Throws QueryError(pos) for a wrong argument type.
  std::function<QValue(std::span<const QValue>, const Graph&, size_t pos)> fn;
};

// -1 when unknown.
int find_function(std::string_view name);
const FunctionDef& function(int index);
// All names, for error suggestions and :help.
std::vector<std::string_view> function_names();

// Property access as the language shows graph data: nodes have `name`,
// `aliases` and their stored props; relationships their stored props plus
// `count` and `docs`. Null when absent.
QValue node_property(const Graph& g, NodeId id, std::string_view key);
QValue rel_property(const Graph& g, EdgeId id, std::string_view key);
// properties(x) as a map.
Map node_properties(const Graph& g, NodeId id);
Map rel_properties(const Graph& g, EdgeId id);

}  // namespace kg::query
