// Procedures called with CALL name(args) YIELD columns: kg.* lookups over
// the graph and algo.* analytics. Each declares its output columns up front
// so the binder can check YIELD and type the new variables.
#pragma once

#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "query/value.h"

namespace kg::query {

enum class VarKind : uint8_t { kNode, kRel, kPath, kValue };

struct ProcColumn {
  std::string name;
  VarKind kind;
};

struct ProcContext {
  const Graph& graph;
  size_t pos;  // of the CALL, for errors
  std::string_view since, until;  // a date window ("" = open), from --since/--until
};

using ProcRows = std::vector<std::vector<QValue>>;

struct ProcedureDef {
  std::string name;
  std::vector<ProcColumn> columns;
  int min_args, max_args;
  std::string signature;  // for :help, "kg.find(name) :: (node)"
  std::function<void(std::span<const QValue> args, const ProcContext& ctx, ProcRows& out)> fn;
};

// nullptr when unknown.
const ProcedureDef* find_procedure(std::string_view name);
std::vector<const ProcedureDef*> all_procedures();
// Used by procedure modules (procedures_kg.cc, procedures_algo.cc) at startup.
void register_procedure(ProcedureDef def);

}  // namespace kg::query
