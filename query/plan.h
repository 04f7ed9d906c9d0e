// The physical plan: a tree of operators, each reading rows from its child
// (a pipeline; OPTIONAL MATCH and pattern predicates run a sub-plan per row).
// Every row is one vector of slots laid out by the binder; an operator writes
// only the slots it binds. The plan prints itself for --explain and PROFILE.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "query/binder.h"

namespace kg::query {

enum class OpKind : uint8_t {
  kStart,         // one empty row
  kArgument,      // the outer row of a sub-plan, once
  kNodeScan,      // every node, or every node of one label
  kNodeSeek,      // nodes by name or alias through the index: `value`
  kExpand,        // one hop from `from` over `rel` to `to`
  kVarExpand,     // min..max hops, trail semantics; `rel` holds the list
  kShortestPath,  // BFS between two bound nodes
  kBuildPath,     // a named path from its pattern's slots
  kFilter,        // `predicate` is true
  kLabelFilter,   // a node already bound has `labels`
  kOptional,      // `sub` per row, or the row with sub's slots null
  kProject,       // items into slots
  kAggregate,     // group by the non-aggregate items
  kDistinct,      // on `slots`
  kSort,          // `sort` keys
  kSkip,
  kLimit,
  kUnwind,
  kCall,          // a procedure
};

struct PlanOp {
  OpKind kind;
  std::unique_ptr<PlanOp> child;
  std::unique_ptr<PlanOp> sub;  // kOptional

  // scans, expands, paths
  int slot = -1;                 // kNodeScan/kNodeSeek: the node; kUnwind: the element
  int from = -1, rel = -1, to = -1;
  bool has_label = false;
  std::vector<Label> labels;     // nodes must carry all (kNodeScan uses labels[0] to scan)
  bool match_nothing = false;    // an unknown label or type
  std::vector<RelType> types;    // empty: any
  Direction dir = Direction::kBoth;
  bool to_bound = false;         // `to` was bound before: check, do not bind
  int min_hops = 1, max_hops = 1;
  bool reverse_list = false;     // kVarExpand walking right-to-left in the pattern
  // kVarExpand: only which nodes are reached matters (the rows feed DISTINCT
  // or multiplicity-blind aggregates, the relationships are never read), so
  // each end is produced once per input row, found by breadth-first search.
  bool distinct_ends = false;
  // kNodeScan: WHERE conjuncts of the form `node.key OP value` (OP one of =,
  // STARTS WITH, ENDS WITH, CONTAINS; value a string literal or a parameter),
  // tested inside the scan against the graph's columns (graph/node_columns.h)
  // instead of by a Filter per row. See scan_filter() in planner.cc.
  std::vector<const Expr*> scan_filters;
  bool all_shortest = false;
  std::vector<int> unique_rels;  // earlier relationship slots of the MATCH: trail semantics
  std::vector<int> unique_lists; // earlier variable-length lists of the MATCH
  // kBuildPath: node slots and rel slots in pattern order; which rels are lists
  std::vector<int> path_nodes, path_rels;
  std::vector<bool> path_rel_is_list;

  // expressions (owned by the BoundQuery or the Plan)
  const Expr* expr = nullptr;    // kFilter predicate, kNodeSeek name, kUnwind list, kSkip/kLimit count
  std::vector<const Expr*> exprs;  // kProject/kAggregate items; kCall args
  std::vector<int> slots;          // kProject/kAggregate item slots; kDistinct keys; kOptional's sub slots; kCall yields
  std::vector<bool> is_aggregate;  // kAggregate: per item
  std::vector<const Expr*> aggregates;  // kAggregate: the aggregate calls
  std::vector<bool> descending;    // kSort
  std::vector<int> yield_columns;  // kCall: procedure column per yield
  std::string procedure;           // kCall
  size_t pos = 0;                  // kCall: for errors

  std::string detail;  // one line for --explain
};

struct Plan {
  BoundQuery bound;
  std::unique_ptr<PlanOp> root;
  // Sub-plans of pattern predicates, indexed by Expr::subplan.
  std::vector<std::unique_ptr<PlanOp>> predicates;
  std::vector<ExprPtr> owned;  // expressions the planner made (inline property filters)
};

struct PlanOptions {
  // The hop cap for `*` and `*n..` without an upper bound.
  int max_hops = 10;
  // Off: plain scans and expansions in pattern order, filters at the end;
  // tests run every case both ways and require the same rows.
  bool optimize = true;
};

Plan make_plan(BoundQuery bound, const Graph& g, const PlanOptions& options);

// The plan as indented text, root first. With `rows` (PROFILE), each line
// also shows the rows the operator produced and its time.
struct OpProfile {
  uint64_t rows = 0;
  double seconds = 0;
};
std::string print_plan(const Plan& plan,
                       const std::vector<std::pair<const PlanOp*, OpProfile>>* profile = nullptr);

}  // namespace kg::query
