#include "query/binder.h"

#include <algorithm>
#include <set>
#include <unordered_map>

#include "graph/error.h"
#include "query/functions.h"

namespace kg::query {

Schema Schema::of(const Graph& g) {
  std::set<std::string, std::less<>> nk = {"name", "aliases"}, rk = {"count", "docs"};
  for (size_t i = 0; i < g.node_count(); ++i)
    for (const auto& [k, v] : g.node(i).props) nk.insert(k);
  for (size_t i = 0; i < g.edge_count(); ++i)
    for (const auto& [k, v] : g.edge(i).props) rk.insert(k);
  return {{nk.begin(), nk.end()}, {rk.begin(), rk.end()}};
}

namespace {

std::string_view kind_text(VarKind k) {
  switch (k) {
    case VarKind::kNode: return "a node";
    case VarKind::kRel: return "a relationship";
    case VarKind::kPath: return "a path";
    case VarKind::kValue: return "a value";
  }
  return "?";
}

struct Var {
  int slot;
  VarKind kind;
};
using Scope = std::unordered_map<std::string, Var>;

std::string join(const std::vector<std::string_view>& xs) {
  std::string out;
  for (size_t i = 0; i < xs.size(); ++i) out += (i ? ", " : "") + std::string(xs[i]);
  return out;
}

// Where an expression is being bound decides whether aggregates may appear.
enum class AggContext { kForbidden, kAllowed };

class Binder {
 public:
  Binder(const Schema& schema, const Params& params) : schema_(schema), params_(params) {}

  BoundQuery run(Query q) {
    for (auto& c : q.clauses) bind_clause(c);
    out_.query = std::move(q);
    out_.slot_count = static_cast<int>(out_.slot_names.size());
    out_.agg_count = agg_count_;
    return std::move(out_);
  }

 private:
  int new_slot(const std::string& name, VarKind kind) {
    out_.slot_names.push_back(name.empty() ? "_anon" + std::to_string(out_.slot_names.size()) : name);
    out_.slot_kinds.push_back(kind);
    return static_cast<int>(out_.slot_names.size()) - 1;
  }

  void warn(const std::string& w) {
    if (std::find(out_.warnings.begin(), out_.warnings.end(), w) == out_.warnings.end())
      out_.warnings.push_back(w);
  }

  // --- clauses ----------------------------------------------------------------
  void bind_clause(Clause& c) {
    switch (c.kind) {
      case ClauseKind::kMatch:
        for (auto& p : c.patterns) bind_pattern(p, /*may_define=*/true);
        if (c.where) bind_expr(*c.where, AggContext::kForbidden);
        break;
      case ClauseKind::kUnwind: {
        bind_expr(*c.unwind_expr, AggContext::kForbidden);
        c.unwind_slot = define(c.unwind_alias, VarKind::kValue, c.pos);
        break;
      }
      case ClauseKind::kWith:
      case ClauseKind::kReturn: bind_projection(c); break;
      case ClauseKind::kCall: bind_call(c); break;
    }
  }

  int define(const std::string& name, VarKind kind, size_t pos) {
    if (scope_.count(name)) throw QueryError("variable `" + name + "` is already defined", pos);
    int slot = new_slot(name, kind);
    scope_[name] = {slot, kind};
    return slot;
  }

  void bind_pattern(Pattern& p, bool may_define) {
    for (auto& n : p.nodes) {
      if (n.var.empty()) {
        n.slot = new_slot("", VarKind::kNode);
      } else if (auto it = scope_.find(n.var); it != scope_.end()) {
        if (it->second.kind != VarKind::kNode)
          throw QueryError("`" + n.var + "` is " + std::string(kind_text(it->second.kind)) + ", not a node", n.pos);
        n.slot = it->second.slot;
      } else if (!may_define) {
        throw QueryError("variable `" + n.var + "` not defined (a pattern predicate cannot introduce new variables)", n.pos);
      } else {
        n.slot = define(n.var, VarKind::kNode, n.pos);
      }
      for (const auto& l : n.labels) {
        if (auto label = parse_label(l)) {
          n.resolved_labels.push_back(*label);
        } else {
          n.unknown_label = true;
          std::vector<std::string_view> names;
          for (Label x : kAllLabels) names.push_back(to_string(x));
          warn("unknown label `" + l + "` matches nothing; the labels are " + join(names));
        }
      }
      for (auto& e : n.props) {
        bind_expr(*e.value, AggContext::kForbidden);
        check_key(e.key, VarKind::kNode);
      }
    }
    for (auto& r : p.rels) {
      VarKind kind = r.var_length ? VarKind::kValue : VarKind::kRel;
      if (r.var.empty()) {
        r.slot = new_slot("", kind);
      } else if (scope_.count(r.var)) {
        throw QueryError("relationship variable `" + r.var + "` is already bound; kg cannot reuse it in a new pattern", r.pos);
      } else if (!may_define) {
        throw QueryError("variable `" + r.var + "` not defined (a pattern predicate cannot introduce new variables)", r.pos);
      } else {
        r.slot = define(r.var, kind, r.pos);
      }
      for (const auto& t : r.types) {
        if (auto type = parse_rel_type(t)) {
          r.resolved_types.push_back(*type);
        } else {
          std::vector<std::string_view> names;
          for (RelType x : kAllRelTypes) names.push_back(to_string(x));
          warn("unknown relationship type `" + t + "` matches nothing; the types are " + join(names));
        }
      }
      // [:A|B] where no alternative is known matches nothing at all.
      if (!r.types.empty() && r.resolved_types.empty()) r.unknown_type = true;
      if (r.var_length && !r.max_hops && p.kind == PathKind::kPlain)
        warn("a variable-length pattern without an upper bound stops at --max-hops hops (default 10)");
      if (r.var_length && !r.props.empty())
        throw QueryError("properties on a variable-length relationship are not supported; filter with WHERE all(...) instead", r.pos);
      for (auto& e : r.props) {
        bind_expr(*e.value, AggContext::kForbidden);
        check_key(e.key, VarKind::kRel);
      }
    }
    if (p.kind != PathKind::kPlain) {
      const RelPattern& r = p.rels[0];
      if (r.var_length && r.min_hops > 1)
        throw QueryError("shortestPath takes a lower bound of 0 or 1", r.pos);
    }
    if (!p.path_var.empty()) {
      if (!may_define) throw QueryError("a pattern predicate cannot name a path", p.pos);
      p.path_slot = define(p.path_var, VarKind::kPath, p.pos);
    }
  }

  void check_key(const std::string& key, VarKind kind) {
    const auto& keys = kind == VarKind::kNode ? schema_.node_keys : schema_.rel_keys;
    if (!std::binary_search(keys.begin(), keys.end(), key)) {
      std::vector<std::string_view> names(keys.begin(), keys.end());
      warn("unknown " + std::string(kind == VarKind::kNode ? "node" : "relationship") +
           " property `" + key + "`: no " + (kind == VarKind::kNode ? "node" : "relationship") +
           " has it (known: " + join(names) + ")");
    }
  }

  void bind_projection(Clause& c) {
    Scope before = scope_;
    if (c.star) {
      std::vector<std::pair<std::string, Var>> vars;
      for (const auto& [name, v] : scope_) vars.emplace_back(name, v);
      if (vars.empty()) throw QueryError("RETURN * with no variables in scope", c.pos);
      std::sort(vars.begin(), vars.end(), [](auto& a, auto& b) { return a.first < b.first; });
      std::vector<ReturnItem> star_items;
      for (auto& [name, v] : vars) {
        ReturnItem item;
        item.pos = c.pos;
        item.expr = make_expr(ExprKind::kVar, c.pos);
        item.expr->name = name;
        item.alias = name;
        star_items.push_back(std::move(item));
      }
      for (auto& item : c.items) star_items.push_back(std::move(item));
      c.items = std::move(star_items);
      c.star = false;
    }
    std::set<std::string> aliases;
    for (auto& item : c.items) {
      agg_seen_ = false;
      bind_expr(*item.expr, AggContext::kAllowed);
      if (agg_seen_) c.aggregates = true;
      if (c.kind == ClauseKind::kWith && !item.has_alias && item.expr->kind != ExprKind::kVar)
        throw QueryError("an expression in WITH must be named with AS", item.pos);
      if (!aliases.insert(item.alias).second)
        throw QueryError("column `" + item.alias + "` appears twice; name one with AS", item.pos);
    }
    // The new scope: the items, keeping a carried variable's slot and kind.
    Scope next;
    for (auto& item : c.items) {
      const Expr& e = *item.expr;
      if (e.kind == ExprKind::kVar && item.alias == e.name) {
        item.slot = e.slot;
        next[item.alias] = scope_.at(e.name);
      } else {
        VarKind kind = VarKind::kValue;
        if (e.kind == ExprKind::kVar) kind = out_.slot_kinds[e.slot];
        item.slot = new_slot(item.alias, kind);
        next[item.alias] = {item.slot, kind};
      }
    }
    // ORDER BY sees the items and, unless the projection aggregates or is
    // DISTINCT, the variables from before it as well.
    bool wide = !c.aggregates && !c.distinct;
    scope_ = next;
    if (wide)
      for (const auto& [name, v] : before)
        if (!scope_.count(name)) scope_[name] = v;
    for (auto& s : c.order_by) {
      if (!wide) rewrite_to_item(s.expr, c);
      agg_seen_ = false;
      bind_expr(*s.expr, AggContext::kForbidden);
    }
    scope_ = next;
    if (c.skip) bind_constant(*c.skip, "SKIP");
    if (c.limit) bind_constant(*c.limit, "LIMIT");
    if (c.where) bind_expr(*c.where, AggContext::kForbidden);
    if (c.kind == ClauseKind::kReturn) {
      for (const auto& item : c.items) {
        out_.columns.push_back(item.alias);
        out_.column_slots.push_back(item.slot);
      }
    }
  }

  // In `RETURN n.name, count(*) ORDER BY n.name`, the sort key is a
  // projected item: refer to its column.
  void rewrite_to_item(ExprPtr& e, const Clause& c) {
    std::string text = print(*e);
    for (const auto& item : c.items) {
      if (print(*item.expr) == text || (e->kind == ExprKind::kVar && e->name == item.alias)) {
        size_t pos = e->pos;
        e = make_expr(ExprKind::kVar, pos);
        e->name = item.alias;
        return;
      }
    }
    for (auto& a : e->args) rewrite_to_item(a, c);
  }

  void bind_constant(Expr& e, std::string_view what) {
    Scope saved;
    std::swap(saved, scope_);
    bind_expr(e, AggContext::kForbidden);
    std::swap(saved, scope_);
    (void)what;
  }

  void bind_call(Clause& c) {
    const ProcedureDef* def = find_procedure(c.procedure);
    if (!def) {
      std::vector<std::string_view> names;
      for (auto* p : all_procedures()) names.push_back(p->name);
      throw QueryError("unknown procedure " + c.procedure + " (known: " + join(names) + ")", c.pos);
    }
    int n = static_cast<int>(c.call_args.size());
    if (n < def->min_args || n > def->max_args)
      throw QueryError(def->name + " takes " + arity_text(def->min_args, def->max_args) + "; usage: " + def->signature, c.pos);
    for (auto& a : c.call_args) bind_expr(*a, AggContext::kForbidden);
    if (c.yield_all) {
      for (const auto& col : def->columns) {
        YieldItem y;
        y.pos = c.pos;
        y.column = y.alias = col.name;
        c.yields.push_back(y);
      }
    }
    for (auto& y : c.yields) {
      auto it = std::find_if(def->columns.begin(), def->columns.end(),
                             [&](const ProcColumn& col) { return col.name == y.column; });
      if (it == def->columns.end()) {
        std::vector<std::string_view> names;
        for (const auto& col : def->columns) names.push_back(col.name);
        throw QueryError(def->name + " has no column `" + y.column + "` (it yields " + join(names) + ")", y.pos);
      }
      y.slot = define(y.alias, it->kind, y.pos);
      if (c.yield_all) {
        out_.columns.push_back(y.alias);
        out_.column_slots.push_back(y.slot);
      }
    }
    if (c.where) bind_expr(*c.where, AggContext::kForbidden);
  }

  static std::string arity_text(int lo, int hi) {
    if (lo == hi) return std::to_string(lo) + (lo == 1 ? " argument" : " arguments");
    return std::to_string(lo) + " to " + std::to_string(hi) + " arguments";
  }

  // --- expressions --------------------------------------------------------------
  void bind_expr(Expr& e, AggContext ctx) {
    switch (e.kind) {
      case ExprKind::kVar: {
        auto it = scope_.find(e.name);
        if (it == scope_.end()) throw QueryError("variable `" + e.name + "` not defined", e.pos);
        e.slot = it->second.slot;
        return;
      }
      case ExprKind::kParam:
        if (!params_.count(e.name))
          throw QueryError("missing parameter $" + e.name + " (give it with --param " + e.name + "=VALUE)", e.pos);
        return;
      case ExprKind::kProperty: {
        bind_expr(*e.args[0], ctx);
        const Expr& base = *e.args[0];
        if (base.kind == ExprKind::kVar) {
          VarKind k = out_.slot_kinds[base.slot];
          if (k == VarKind::kNode || k == VarKind::kRel) check_key(e.name, k);
        }
        return;
      }
      case ExprKind::kCountStar:
        if (ctx == AggContext::kForbidden) throw QueryError("count(*) is not allowed here", e.pos);
        if (in_aggregate_) throw QueryError("aggregates cannot be nested", e.pos);
        e.agg = agg_count_++;
        agg_seen_ = true;
        return;
      case ExprKind::kCall: {
        int f = find_function(e.name);
        if (f < 0) {
          if (e.name.find('.') != std::string::npos)
            throw QueryError("unknown function " + e.name + "() (procedures are called with CALL)", e.pos);
          std::string list;
          for (auto n : function_names()) list += (list.empty() ? "" : ", ") + std::string(n);
          throw QueryError("unknown function " + e.name + "() (known: " + list + ")", e.pos);
        }
        const FunctionDef& def = function(f);
        e.function = f;
        int n = static_cast<int>(e.args.size());
        if (n < def.min_args || n > def.max_args)
          throw QueryError(std::string(def.name) + "() takes " + arity_text(def.min_args, def.max_args), e.pos);
        if (e.distinct && !def.aggregate)
          throw QueryError("DISTINCT is only allowed in aggregate functions", e.pos);
        if (def.aggregate) {
          if (ctx == AggContext::kForbidden)
            throw QueryError(std::string(def.name) + "() is an aggregate and is not allowed here", e.pos);
          if (in_aggregate_) throw QueryError("aggregates cannot be nested", e.pos);
          e.agg = agg_count_++;
          agg_seen_ = true;
          in_aggregate_ = true;
          for (auto& a : e.args) bind_expr(*a, ctx);
          in_aggregate_ = false;
          return;
        }
        for (auto& a : e.args) bind_expr(*a, ctx);
        return;
      }
      case ExprKind::kPattern: bind_pattern(*e.pattern, /*may_define=*/false); return;
      default:
        for (auto& a : e.args)
          if (a) bind_expr(*a, ctx);
        return;
    }
  }

  const Schema& schema_;
  const Params& params_;
  Scope scope_;
  BoundQuery out_;
  int agg_count_ = 0;
  bool agg_seen_ = false;
  bool in_aggregate_ = false;
};

}  // namespace

BoundQuery bind(Query query, const Schema& schema, const Params& params) {
  return Binder(schema, params).run(std::move(query));
}

}  // namespace kg::query
