// The syntax tree of a query, as the parser builds it. The binder fills the
// fields marked "bound" (variable slots, aggregate indexes, resolved labels);
// the planner reads the bound tree and the executor evaluates expressions.
//
// Every node keeps the byte offset where it starts, so any error from any
// later stage points at the query text. print() gives a stable text form:
// parse(print(q)) == q, and tests assert on it.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "graph/ontology.h"
#include "query/value.h"

namespace kg::query {

struct Pattern;

enum class ExprKind : uint8_t {
  kLiteral,     // value
  kParam,       // $name
  kVar,         // name
  kProperty,    // args[0].name
  kList,        // [args...]
  kMap,         // {keys[i]: args[i]}
  kNot,         // NOT args[0]
  kNeg,         // -args[0]
  kIsNull,      // args[0] IS NULL
  kIsNotNull,   // args[0] IS NOT NULL
  kBinary,      // args[0] op args[1]
  kIndex,       // args[0][args[1]]
  kSlice,       // args[0][args[1]..args[2]] (either bound may be a null literal)
  kCall,        // name(args...), with distinct
  kCountStar,   // count(*)
  kPattern,     // a pattern used as a predicate: exists((a)-[:T]->(b))
  kCase,        // CASE [args[0]] WHEN .. THEN .. [ELSE ..] END; see case_* fields
};

enum class BinOp : uint8_t {
  kOr, kXor, kAnd,
  kEq, kNeq, kLt, kGt, kLe, kGe,
  kRegex, kIn, kStartsWith, kEndsWith, kContains,
  kAdd, kSub, kMul, kDiv, kMod, kPow,
};

struct Expr;
using ExprPtr = std::unique_ptr<Expr>;

struct Expr {
  ExprKind kind;
  size_t pos = 0;
  QValue value;                 // kLiteral
  std::string name;             // kParam, kVar, kProperty key, kCall function
  std::vector<std::string> keys;  // kMap
  std::vector<ExprPtr> args;
  BinOp op = BinOp::kAnd;       // kBinary
  bool distinct = false;        // kCall: count(DISTINCT x)
  std::shared_ptr<Pattern> pattern;  // kPattern
  bool case_has_subject = false;     // kCase: args[0] is the subject
  bool case_has_else = false;        // kCase: the last arg is the ELSE

  // bound
  int slot = -1;        // kVar: the variable's row slot
  int agg = -1;         // an aggregate call: its accumulator index
  int subplan = -1;     // kPattern: the planner's sub-plan index
  int function = -1;    // kCall: the function's index (see functions.h)
};

ExprPtr make_expr(ExprKind kind, size_t pos);

// --- patterns -------------------------------------------------------------

enum class Direction : uint8_t { kOut, kIn, kBoth };  // -> , <- , -

struct PropEntry {
  std::string key;
  ExprPtr value;
};

struct NodePattern {
  size_t pos = 0;
  std::string var;  // empty when anonymous
  std::vector<std::string> labels;
  std::vector<PropEntry> props;
  // bound
  int slot = -1;
  std::vector<Label> resolved_labels;
  bool unknown_label = false;  // a label the ontology lacks: matches nothing
};

struct RelPattern {
  size_t pos = 0;
  std::string var;
  std::vector<std::string> types;  // alternatives: [:A|B]
  std::vector<PropEntry> props;
  Direction dir = Direction::kBoth;
  bool var_length = false;
  int min_hops = 1;
  std::optional<int> max_hops;  // none: `*` or `*2..`
  // bound
  int slot = -1;
  std::vector<RelType> resolved_types;  // empty: any type
  bool unknown_type = false;
};

enum class PathKind : uint8_t { kPlain, kShortest, kAllShortest };

struct Pattern {
  size_t pos = 0;
  std::string path_var;  // p = ...
  PathKind kind = PathKind::kPlain;
  std::vector<NodePattern> nodes;  // nodes.size() == rels.size() + 1
  std::vector<RelPattern> rels;
  int path_slot = -1;  // bound
};

// --- clauses --------------------------------------------------------------

struct ReturnItem {
  size_t pos = 0;
  ExprPtr expr;
  std::string alias;  // the column name: the AS name, or the expression's text
  bool has_alias = false;
  int slot = -1;  // bound
};

struct SortItem {
  ExprPtr expr;
  bool descending = false;
};

enum class ClauseKind : uint8_t { kMatch, kUnwind, kWith, kReturn, kCall };

struct YieldItem {
  size_t pos = 0;
  std::string column;
  std::string alias;
  int slot = -1;  // bound
};

struct Clause {
  ClauseKind kind;
  size_t pos = 0;
  // kMatch
  bool optional = false;
  std::vector<Pattern> patterns;
  // kMatch, kWith, kCall: WHERE
  ExprPtr where;
  // kWith, kReturn
  bool distinct = false;
  bool star = false;  // RETURN *
  std::vector<ReturnItem> items;
  std::vector<SortItem> order_by;
  ExprPtr skip, limit;
  // kUnwind: expr AS alias
  ExprPtr unwind_expr;
  std::string unwind_alias;
  int unwind_slot = -1;
  // kCall
  std::string procedure;
  std::vector<ExprPtr> call_args;
  std::vector<YieldItem> yields;
  bool yield_all = false;  // no YIELD: every column, only as the whole query
  // bound (kWith, kReturn): an item computes an aggregate
  bool aggregates = false;
};

struct Query {
  bool explain = false;
  bool profile = false;
  std::vector<Clause> clauses;
};

// Stable text forms: the query as kg would write it back.
std::string print(const Expr& e);
std::string print(const Pattern& p);
std::string print(const Query& q);
std::string_view binop_text(BinOp op);

}  // namespace kg::query
