// The planner turns the bound query into a pipeline, clause by clause.
//
// For a MATCH it plans one pattern at a time, always the cheapest next: a
// pattern with a node that is already bound beats one whose node can be
// looked up by name through the index, which beats the smallest label scan,
// which beats a scan of every node. From that anchor it expands along the
// adjacency lists to the right end of the pattern, then to the left. WHERE
// is split into its AND-ed parts and each part is placed right after the
// operator that binds the last variable it reads (filter pushdown). Inline
// properties {key: value} become such parts too.
//
// With PlanOptions::optimize off it anchors every pattern at its first node
// and places all filters at the end, so tests can check the rewrites change
// no answer.
#include <algorithm>
#include <functional>
#include <set>

#include "graph/error.h"
#include "query/functions.h"
#include "query/plan.h"

namespace kg::query {

namespace {

struct Conjunct {
  Expr* expr;
  std::vector<int> slots;  // variables it reads
  bool placed = false;
};

void collect_slots(const Expr& e, std::vector<int>& out) {
  if (e.kind == ExprKind::kVar) out.push_back(e.slot);
  if (e.kind == ExprKind::kPattern) {
    for (const auto& n : e.pattern->nodes)
      if (!n.var.empty()) out.push_back(n.slot);
    for (const auto& r : e.pattern->rels)
      for (const auto& p : r.props) collect_slots(*p.value, out);
    for (const auto& n : e.pattern->nodes)
      for (const auto& p : n.props) collect_slots(*p.value, out);
  }
  for (const auto& a : e.args)
    if (a) collect_slots(*a, out);
}

void split_and(Expr* e, std::vector<Expr*>& out) {
  if (e->kind == ExprKind::kBinary && e->op == BinOp::kAnd) {
    split_and(e->args[0].get(), out);
    split_and(e->args[1].get(), out);
  } else {
    out.push_back(e);
  }
}

std::string labels_text(const std::vector<std::string>& labels) {
  std::string out;
  for (const auto& l : labels) out += ":" + l;
  return out;
}

std::string types_text(const RelPattern& r) {
  std::string out;
  for (size_t i = 0; i < r.types.size(); ++i) out += (i ? "|" : ":") + r.types[i];
  return out;
}

class Planner {
 public:
  Planner(Plan& plan, const Graph& g, const PlanOptions& opt)
      : plan_(plan), g_(g), opt_(opt), bound_(plan.bound.slot_count, false) {}

  void build() {
    auto cur = make(OpKind::kStart, nullptr, "Start");
    for (auto& c : plan_.bound.query.clauses) {
      switch (c.kind) {
        case ClauseKind::kMatch:
          if (c.optional) {
            std::vector<bool> before = bound_;
            auto sub = plan_match(make(OpKind::kArgument, nullptr, "Argument"), c);
            auto opt = make(OpKind::kOptional, std::move(cur), "Optional");
            for (int s = 0; s < plan_.bound.slot_count; ++s)
              if (bound_[s] && !before[s]) opt->slots.push_back(s);
            opt->sub = std::move(sub);
            cur = std::move(opt);
          } else {
            cur = plan_match(std::move(cur), c);
          }
          break;
        case ClauseKind::kUnwind: {
          prepare(*c.unwind_expr);
          auto op = make(OpKind::kUnwind, std::move(cur), "Unwind " + print(*c.unwind_expr) + " AS " + c.unwind_alias);
          op->expr = c.unwind_expr.get();
          op->slot = c.unwind_slot;
          bound_[c.unwind_slot] = true;
          cur = std::move(op);
          break;
        }
        case ClauseKind::kWith:
        case ClauseKind::kReturn: cur = plan_projection(std::move(cur), c); break;
        case ClauseKind::kCall: {
          for (auto& a : c.call_args) prepare(*a);
          std::string args;
          for (size_t i = 0; i < c.call_args.size(); ++i) args += (i ? ", " : "") + print(*c.call_args[i]);
          auto op = make(OpKind::kCall, std::move(cur), "Call " + c.procedure + "(" + args + ")");
          op->procedure = c.procedure;
          op->pos = c.pos;
          for (auto& a : c.call_args) op->exprs.push_back(a.get());
          const ProcedureDef* def = find_procedure(c.procedure);
          for (const auto& y : c.yields) {
            op->slots.push_back(y.slot);
            bound_[y.slot] = true;
            for (size_t k = 0; k < def->columns.size(); ++k)
              if (def->columns[k].name == y.column) op->yield_columns.push_back(static_cast<int>(k));
          }
          cur = std::move(op);
          if (c.where) cur = filter(std::move(cur), c.where.get());
          break;
        }
      }
    }
    plan_.root = std::move(cur);
    if (opt_.optimize) mark_distinct_ends(plan_.root.get());
  }

 private:
  std::unique_ptr<PlanOp> make(OpKind k, std::unique_ptr<PlanOp> child, std::string detail) {
    auto op = std::make_unique<PlanOp>();
    op->kind = k;
    op->child = std::move(child);
    op->detail = std::move(detail);
    return op;
  }

  std::unique_ptr<PlanOp> filter(std::unique_ptr<PlanOp> cur, Expr* e) {
    prepare(*e);
    auto op = make(OpKind::kFilter, std::move(cur), "Filter " + print(*e));
    op->expr = e;
    return op;
  }

  // Plans the sub-plans of pattern predicates inside `e`.
  void prepare(Expr& e) {
    if (e.kind == ExprKind::kPattern && e.subplan < 0) {
      // The sub-plan is planned on its own: save the enclosing MATCH's state.
      std::vector<bool> saved = bound_;
      auto saved_conjuncts = std::move(conjuncts_);
      auto saved_rels = std::move(clause_rels_), saved_lists = std::move(clause_lists_);
      for (const auto& n : e.pattern->nodes)
        if (!n.var.empty()) bound_[n.slot] = true;
      auto sub = plan_pattern_list(make(OpKind::kArgument, nullptr, "Argument"), {e.pattern.get()}, {});
      bound_ = saved;
      conjuncts_ = std::move(saved_conjuncts);
      clause_rels_ = std::move(saved_rels);
      clause_lists_ = std::move(saved_lists);
      e.subplan = static_cast<int>(plan_.predicates.size());
      plan_.predicates.push_back(std::move(sub));
    }
    for (auto& a : e.args)
      if (a) prepare(*a);
  }

  std::unique_ptr<PlanOp> plan_match(std::unique_ptr<PlanOp> cur, Clause& c) {
    std::vector<Expr*> parts;
    if (c.where) split_and(c.where.get(), parts);
    std::vector<Pattern*> patterns;
    for (auto& p : c.patterns) patterns.push_back(&p);
    return plan_pattern_list(std::move(cur), patterns, parts);
  }

  // Inline {key: value} properties become equality conjuncts.
  void add_inline(std::vector<Expr*>& parts, int slot, const std::string& var, std::vector<PropEntry>& props, size_t pos) {
    for (auto& p : props) {
      auto lhs = make_expr(ExprKind::kProperty, pos);
      lhs->name = p.key;
      auto v = make_expr(ExprKind::kVar, pos);
      v->name = var.empty() ? plan_.bound.slot_names[slot] : var;
      v->slot = slot;
      lhs->args.push_back(std::move(v));
      auto eq = make_expr(ExprKind::kBinary, pos);
      eq->op = BinOp::kEq;
      eq->args.push_back(std::move(lhs));
      eq->args.push_back(std::move(p.value));
      parts.push_back(eq.get());
      plan_.owned.push_back(std::move(eq));
    }
    props.clear();
  }

  std::unique_ptr<PlanOp> plan_pattern_list(std::unique_ptr<PlanOp> cur, std::vector<Pattern*> patterns,
                                            std::vector<Expr*> parts) {
    for (Pattern* p : patterns) {
      for (auto& n : p->nodes) add_inline(parts, n.slot, n.var, n.props, n.pos);
      for (auto& r : p->rels) add_inline(parts, r.slot, r.var, r.props, r.pos);
    }
    for (Expr* e : parts) prepare(*e);
    conjuncts_.clear();
    for (Expr* e : parts) {
      Conjunct c{e, {}};
      collect_slots(*e, c.slots);
      conjuncts_.push_back(std::move(c));
    }
    clause_rels_.clear();
    clause_lists_.clear();
    cur = place_filters(std::move(cur));
    while (!patterns.empty()) {
      size_t best = 0, best_anchor = 0;
      double best_cost = -1;
      for (size_t i = 0; i < patterns.size(); ++i) {
        auto [anchor, cost] = choose_anchor(*patterns[i]);
        if (best_cost < 0 || cost < best_cost) best = i, best_anchor = anchor, best_cost = cost;
        if (!opt_.optimize) break;
      }
      Pattern* p = patterns[best];
      patterns.erase(patterns.begin() + best);
      cur = plan_pattern(std::move(cur), *p, best_anchor);
    }
    for (auto& c : conjuncts_)
      if (!c.placed) {
        cur = filter(std::move(cur), c.expr);
        c.placed = true;
      }
    return cur;
  }

  // The value of a `var.name = value` conjunct, when value can be computed
  // before any row exists (a literal or a parameter).
  const Expr* name_equality(int slot) {
    if (!opt_.optimize) return nullptr;
    for (auto& c : conjuncts_) {
      const Expr& e = *c.expr;
      if (e.kind != ExprKind::kBinary || e.op != BinOp::kEq) continue;
      for (int side = 0; side < 2; ++side) {
        const Expr& prop = *e.args[side];
        const Expr& value = *e.args[1 - side];
        if (prop.kind == ExprKind::kProperty && prop.name == "name" && prop.args[0]->kind == ExprKind::kVar &&
            prop.args[0]->slot == slot &&
            ((value.kind == ExprKind::kLiteral && value.value.kind() == QValue::Kind::kString) ||
             value.kind == ExprKind::kParam))
          return &value;
      }
    }
    return nullptr;
  }

  // Whether conjunct `e` can be tested inside the scan of `slot`: the
  // property of the scanned node on the left (either side for =), a string
  // literal or a parameter on the other. (Aliases are a list: not a column.)
  static bool scan_filter(const Expr& e, int slot) {
    if (e.kind != ExprKind::kBinary) return false;
    bool string_op = e.op == BinOp::kStartsWith || e.op == BinOp::kEndsWith || e.op == BinOp::kContains;
    if (!string_op && e.op != BinOp::kEq) return false;
    for (int side = 0; side < (string_op ? 1 : 2); ++side) {
      const Expr& prop = *e.args[side];
      const Expr& value = *e.args[1 - side];
      if (prop.kind == ExprKind::kProperty && prop.name != "aliases" && prop.args[0]->kind == ExprKind::kVar &&
          prop.args[0]->slot == slot &&
          ((value.kind == ExprKind::kLiteral && value.value.kind() == QValue::Kind::kString) ||
           value.kind == ExprKind::kParam))
        return true;
    }
    return false;
  }

  // Moves the conjuncts scan_filter() accepts into the scan `op`.
  void absorb_scan_filters(PlanOp& op) {
    for (auto& c : conjuncts_) {
      if (c.placed || !scan_filter(*c.expr, op.slot)) continue;
      op.detail += (op.scan_filters.empty() ? " WHERE " : " AND ") + print(*c.expr);
      op.scan_filters.push_back(c.expr);
      c.placed = true;
    }
  }

  double node_cost(const NodePattern& n) {
    if (bound_[n.slot]) return 1;
    if (n.unknown_label) return 0;
    if (name_equality(n.slot)) return 2;
    double cost = static_cast<double>(g_.node_count()) + 3;
    for (Label l : n.resolved_labels) cost = std::min(cost, static_cast<double>(g_.nodes_with_label(l).size()) + 3);
    return cost;
  }

  std::pair<size_t, double> choose_anchor(const Pattern& p) {
    if (p.kind != PathKind::kPlain) {
      // Both ends must be bound before the search: the cost is theirs.
      return {0, node_cost(p.nodes[0]) * node_cost(p.nodes[1])};
    }
    if (!opt_.optimize) return {0, 0};
    size_t best = 0;
    double best_cost = node_cost(p.nodes[0]);
    for (size_t i = 1; i < p.nodes.size(); ++i) {
      double c = node_cost(p.nodes[i]);
      if (c < best_cost) best = i, best_cost = c;
    }
    return {best, best_cost};
  }

  std::unique_ptr<PlanOp> place_filters(std::unique_ptr<PlanOp> cur) {
    if (!opt_.optimize) return cur;
    for (auto& c : conjuncts_) {
      if (c.placed) continue;
      bool ready = std::all_of(c.slots.begin(), c.slots.end(), [&](int s) { return bound_[s]; });
      if (ready) {
        cur = filter(std::move(cur), c.expr);
        c.placed = true;
      }
    }
    return cur;
  }

  std::string node_text(const NodePattern& n) {
    return "(" + plan_.bound.slot_names[n.slot] + labels_text(n.labels) + ")";
  }

  std::unique_ptr<PlanOp> bind_node(std::unique_ptr<PlanOp> cur, const NodePattern& n) {
    if (bound_[n.slot]) {
      if (n.labels.empty()) return cur;
      auto op = make(OpKind::kLabelFilter, std::move(cur), "LabelFilter " + node_text(n));
      op->slot = n.slot;
      op->labels = n.resolved_labels;
      op->match_nothing = n.unknown_label;
      return op;
    }
    std::unique_ptr<PlanOp> op;
    if (const Expr* value = name_equality(n.slot)) {
      op = make(OpKind::kNodeSeek, std::move(cur), "NodeSeek " + node_text(n) + " name = " + print(*value));
      op->expr = value;
    } else {
      op = make(OpKind::kNodeScan, std::move(cur), (n.labels.empty() ? "AllNodesScan " : "NodeByLabelScan ") + node_text(n));
      if (opt_.optimize && n.resolved_labels.size() > 1) {
        // scan the smallest label
        auto labels = n.resolved_labels;
        std::sort(labels.begin(), labels.end(), [&](Label a, Label b) {
          return g_.nodes_with_label(a).size() < g_.nodes_with_label(b).size();
        });
        op->labels = labels;
      }
    }
    op->slot = n.slot;
    if (op->labels.empty()) op->labels = n.resolved_labels;
    op->match_nothing = n.unknown_label;
    bound_[n.slot] = true;
    if (opt_.optimize && op->kind == OpKind::kNodeScan) absorb_scan_filters(*op);
    return place_filters(std::move(op));
  }

  static Direction flip(Direction d) {
    return d == Direction::kOut ? Direction::kIn : d == Direction::kIn ? Direction::kOut : Direction::kBoth;
  }

  std::unique_ptr<PlanOp> expand(std::unique_ptr<PlanOp> cur, const NodePattern& from, const RelPattern& r,
                                 const NodePattern& to, bool leftwards) {
    Direction dir = leftwards ? flip(r.dir) : r.dir;
    std::string arrow_l = dir == Direction::kIn ? "<-" : "-", arrow_r = dir == Direction::kOut ? "->" : "-";
    std::string range;
    if (r.var_length) range = "*" + std::to_string(r.min_hops) + ".." + std::to_string(r.max_hops.value_or(opt_.max_hops));
    auto op = make(r.var_length ? OpKind::kVarExpand : OpKind::kExpand, std::move(cur),
                   std::string(r.var_length ? "VarExpand " : "Expand ") + (bound_[to.slot] ? "(into) " : "") +
                       node_text(from) + arrow_l + "[" + plan_.bound.slot_names[r.slot] + types_text(r) + range + "]" +
                       arrow_r + node_text(to));
    op->from = from.slot;
    op->rel = r.slot;
    op->to = to.slot;
    op->dir = dir;
    op->types = r.resolved_types;
    op->match_nothing = r.unknown_type || to.unknown_label;
    op->labels = to.resolved_labels;
    op->to_bound = bound_[to.slot];
    op->unique_rels = clause_rels_;
    op->unique_lists = clause_lists_;
    if (r.var_length) {
      op->min_hops = r.min_hops;
      op->max_hops = r.max_hops.value_or(opt_.max_hops);
      op->reverse_list = leftwards;
      clause_lists_.push_back(r.slot);
    } else {
      clause_rels_.push_back(r.slot);
    }
    bound_[r.slot] = true;
    bound_[to.slot] = true;
    return place_filters(std::move(op));
  }

  std::unique_ptr<PlanOp> plan_pattern(std::unique_ptr<PlanOp> cur, Pattern& p, size_t anchor) {
    if (p.kind != PathKind::kPlain) {
      cur = bind_node(std::move(cur), p.nodes[0]);
      cur = bind_node(std::move(cur), p.nodes[1]);
      const RelPattern& r = p.rels[0];
      bool all = p.kind == PathKind::kAllShortest;
      auto op = make(OpKind::kShortestPath, std::move(cur),
                     std::string(all ? "AllShortestPaths " : "ShortestPath ") + node_text(p.nodes[0]) + "-[" +
                         plan_.bound.slot_names[r.slot] + types_text(r) + "*]-" + node_text(p.nodes[1]));
      op->from = p.nodes[0].slot;
      op->to = p.nodes[1].slot;
      op->rel = r.slot;
      op->dir = r.dir;
      op->types = r.resolved_types;
      op->match_nothing = r.unknown_type;
      op->min_hops = r.var_length ? r.min_hops : 1;
      op->max_hops = r.var_length ? r.max_hops.value_or(opt_.max_hops) : 1;
      op->all_shortest = all;
      op->path_rel_is_list = {r.var_length};
      op->slot = p.path_slot;
      bound_[r.slot] = true;
      if (p.path_slot >= 0) bound_[p.path_slot] = true;
      return place_filters(std::move(op));
    }
    cur = bind_node(std::move(cur), p.nodes[anchor]);
    for (size_t i = anchor; i + 1 < p.nodes.size(); ++i)
      cur = expand(std::move(cur), p.nodes[i], p.rels[i], p.nodes[i + 1], false);
    for (size_t i = anchor; i > 0; --i)
      cur = expand(std::move(cur), p.nodes[i], p.rels[i - 1], p.nodes[i - 1], true);
    if (p.path_slot >= 0) {
      auto op = make(OpKind::kBuildPath, std::move(cur), "BuildPath " + p.path_var);
      op->slot = p.path_slot;
      for (const auto& n : p.nodes) op->path_nodes.push_back(n.slot);
      for (const auto& r : p.rels) {
        op->path_rels.push_back(r.slot);
        op->path_rel_is_list.push_back(r.var_length);
      }
      bound_[p.path_slot] = true;
      cur = place_filters(std::move(op));
    }
    return cur;
  }

  void collect_aggregates(const Expr& e, std::vector<const Expr*>& out) {
    if (e.agg >= 0) {
      out.push_back(&e);
      return;
    }
    for (const auto& a : e.args)
      if (a) collect_aggregates(*a, out);
  }

  std::unique_ptr<PlanOp> plan_projection(std::unique_ptr<PlanOp> cur, Clause& c) {
    std::string items;
    for (auto& item : c.items) {
      prepare(*item.expr);
      items += (items.empty() ? "" : ", ") + print(*item.expr) + (item.has_alias ? " AS " + item.alias : "");
    }
    auto op = make(c.aggregates ? OpKind::kAggregate : OpKind::kProject, std::move(cur),
                   std::string(c.aggregates ? "Aggregate " : "Project ") + items);
    for (auto& item : c.items) {
      op->exprs.push_back(item.expr.get());
      op->slots.push_back(item.slot);
      std::vector<const Expr*> aggs;
      collect_aggregates(*item.expr, aggs);
      op->is_aggregate.push_back(!aggs.empty());
      op->aggregates.insert(op->aggregates.end(), aggs.begin(), aggs.end());
    }
    // After WITH only the items stay in scope.
    std::fill(bound_.begin(), bound_.end(), false);
    for (int s : op->slots) bound_[s] = true;
    cur = std::move(op);
    if (c.distinct) {
      auto d = make(OpKind::kDistinct, std::move(cur), "Distinct");
      for (auto& item : c.items) d->slots.push_back(item.slot);
      cur = std::move(d);
    }
    if (!c.order_by.empty()) {
      std::string keys;
      for (auto& s : c.order_by) {
        prepare(*s.expr);
        keys += (keys.empty() ? "" : ", ") + print(*s.expr) + (s.descending ? " DESC" : "");
      }
      auto s = make(OpKind::kSort, std::move(cur), "Sort " + keys);
      for (auto& k : c.order_by) {
        s->exprs.push_back(k.expr.get());
        s->descending.push_back(k.descending);
      }
      cur = std::move(s);
    }
    if (c.skip) {
      auto s = make(OpKind::kSkip, std::move(cur), "Skip " + print(*c.skip));
      s->expr = c.skip.get();
      cur = std::move(s);
    }
    if (c.limit) {
      auto s = make(OpKind::kLimit, std::move(cur), "Limit " + print(*c.limit));
      s->expr = c.limit.get();
      cur = std::move(s);
    }
    if (c.where) cur = filter(std::move(cur), c.where.get());
    return cur;
  }

  // Rewrite: a variable-length expansion whose rows only feed DISTINCT (or
  // min, max and DISTINCT aggregates), whose relationships nothing reads,
  // needs each end node once, not once per trail. Walking from the root
  // down, `free` says the rows' multiplicity cannot change the answer;
  // `read` collects the slots operators above read besides expressions.
  void mark_distinct_ends(PlanOp* root) {
    bool free = false;
    std::set<int> read;
    for (PlanOp* op = root; op; op = op->child.get()) {
      for (int s : op->unique_rels) read.insert(s);
      for (int s : op->unique_lists) read.insert(s);
      for (int s : op->path_rels) read.insert(s);
      switch (op->kind) {
        case OpKind::kDistinct: free = true; break;
        case OpKind::kAggregate: {
          free = true;
          for (const Expr* a : op->aggregates) {
            std::string_view fn = a->kind == ExprKind::kCountStar ? "count" : function(a->function).name;
            bool blind = fn == "min" || fn == "max" || ((fn == "count" || fn == "collect") && a->distinct);
            if (!blind || a->kind == ExprKind::kCountStar) free = false;
          }
          break;
        }
        case OpKind::kFilter:
        case OpKind::kLabelFilter:
        case OpKind::kExpand:
        case OpKind::kNodeScan:
        case OpKind::kNodeSeek:
        case OpKind::kProject:
        case OpKind::kSort:
        case OpKind::kStart:
        case OpKind::kArgument: break;
        case OpKind::kVarExpand:
          if (free && op->min_hops <= 1 && op->unique_rels.empty() && op->unique_lists.empty() &&
              !read.count(op->rel) && plan_.bound.slot_names[op->rel].rfind("_anon", 0) == 0) {
            op->distinct_ends = true;
            op->detail += " (distinct ends, BFS)";
          }
          break;
        default: free = false;
      }
    }
  }

  Plan& plan_;
  const Graph& g_;
  const PlanOptions& opt_;
  std::vector<bool> bound_;
  std::vector<Conjunct> conjuncts_;
  std::vector<int> clause_rels_, clause_lists_;
};

void print_op(const PlanOp& op, int depth, std::string& out,
              const std::vector<std::pair<const PlanOp*, OpProfile>>* profile) {
  out += std::string(depth * 2, ' ') + op.detail;
  if (profile) {
    for (const auto& [p, prof] : *profile)
      if (p == &op) {
        char buf[96];
        snprintf(buf, sizeof buf, "  [rows=%llu, %.3f ms]", static_cast<unsigned long long>(prof.rows),
                 prof.seconds * 1e3);
        out += buf;
      }
  }
  out += "\n";
  if (op.sub) {
    out += std::string(depth * 2 + 2, ' ') + "(optional branch)\n";
    print_op(*op.sub, depth + 2, out, profile);
  }
  if (op.child) print_op(*op.child, depth + 1, out, profile);
}

}  // namespace

Plan make_plan(BoundQuery bound, const Graph& g, const PlanOptions& options) {
  Plan plan;
  plan.bound = std::move(bound);
  Planner(plan, g, options).build();
  return plan;
}

std::string print_plan(const Plan& plan, const std::vector<std::pair<const PlanOp*, OpProfile>>* profile) {
  std::string out;
  print_op(*plan.root, 0, out, profile);
  for (size_t i = 0; i < plan.predicates.size(); ++i) {
    out += "pattern predicate #" + std::to_string(i) + ":\n";
    print_op(*plan.predicates[i], 1, out, profile);
  }
  return out;
}

}  // namespace kg::query
