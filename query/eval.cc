#include "query/eval.h"

#include <re2/re2.h>

#include <cmath>

#include "graph/error.h"
#include "query/functions.h"

namespace kg::query {

RegexCache::RegexCache() = default;
RegexCache::~RegexCache() = default;

const re2::RE2& RegexCache::get(std::string_view pattern, size_t pos) {
  auto it = cache_.find(std::string(pattern));
  if (it != cache_.end()) return *it->second;
  re2::RE2::Options opts;
  opts.set_max_mem(kRegexMaxMem);
  opts.set_log_errors(false);
  auto re = std::make_unique<re2::RE2>(re2::StringPiece(pattern.data(), pattern.size()), opts);
  if (!re->ok()) throw QueryError("invalid regular expression: " + re->error(), pos);
  if (cache_.size() > 1000) cache_.clear();
  return *cache_.emplace(std::string(pattern), std::move(re)).first->second;
}

QValue EvalContext::node_property(NodeId id, const std::string& key) {
  if (key == "name") return QValue::view(graph.name_column()[id]);
  if (key == "aliases") return query::node_property(graph, id, key);
  const StringColumn* column = nullptr;
  for (const auto& [k, c] : columns)
    if (k == &key) column = c;
  if (!column) {
    column = &graph.string_column(key);
    columns.emplace_back(&key, column);
  }
  uint32_t code = column->codes[id];
  if (code == StringColumn::kAbsent) return {};
  if (code != StringColumn::kNotString) return QValue::view(column->values[code - 1]);
  return query::node_property(graph, id, key);  // numbers, lists
}

bool is_true(const QValue& v) { return v.kind() == QValue::Kind::kBool && v.as_bool(); }

bool string_predicate(BinOp op, std::string_view s, std::string_view t) {
  switch (op) {
    case BinOp::kStartsWith: return s.starts_with(t);
    case BinOp::kEndsWith: return s.ends_with(t);
    default: return s.find(t) != std::string_view::npos;  // CONTAINS
  }
}

namespace {

using K = QValue::Kind;

// Kleene logic: nullopt is unknown.
std::optional<bool> truth(const QValue& v, size_t pos) {
  if (v.is_null()) return std::nullopt;
  if (v.kind() != K::kBool)
    throw QueryError("expected a boolean, got " + std::string(kind_name(v.kind())), pos);
  return v.as_bool();
}

QValue from_truth(std::optional<bool> t) { return t ? QValue(*t) : QValue(); }

QValue arithmetic(BinOp op, const QValue& a, const QValue& b, const Graph& g, size_t pos) {
  if (a.is_null() || b.is_null()) return {};
  if (op == BinOp::kAdd) {
    if (a.kind() == K::kString && b.kind() == K::kString) return QValue(std::string(a.as_string()) + std::string(b.as_string()));
    if (a.kind() == K::kList || b.kind() == K::kList) {
      List out;
      if (a.kind() == K::kList) out = a.as_list(); else out.push_back(a);
      if (b.kind() == K::kList) out.insert(out.end(), b.as_list().begin(), b.as_list().end()); else out.push_back(b);
      return QValue(std::move(out));
    }
    if (a.kind() == K::kString && b.is_number()) return QValue(std::string(a.as_string()) + to_text(b, g));
    if (a.is_number() && b.kind() == K::kString) return QValue(to_text(a, g) + std::string(b.as_string()));
  }
  if (!a.is_number() || !b.is_number())
    throw QueryError("cannot apply " + std::string(binop_text(op)) + " to " + std::string(kind_name(a.kind())) +
                         " and " + std::string(kind_name(b.kind())),
                     pos);
  if (a.kind() == K::kInt && b.kind() == K::kInt && op != BinOp::kPow) {
    int64_t x = a.as_int(), y = b.as_int(), r = 0;
    switch (op) {
      case BinOp::kAdd:
        if (__builtin_add_overflow(x, y, &r)) throw QueryError("integer overflow", pos);
        return QValue(r);
      case BinOp::kSub:
        if (__builtin_sub_overflow(x, y, &r)) throw QueryError("integer overflow", pos);
        return QValue(r);
      case BinOp::kMul:
        if (__builtin_mul_overflow(x, y, &r)) throw QueryError("integer overflow", pos);
        return QValue(r);
      case BinOp::kDiv:
        if (y == 0) throw QueryError("division by zero", pos);
        if (x == INT64_MIN && y == -1) throw QueryError("integer overflow", pos);
        return QValue(x / y);
      case BinOp::kMod:
        if (y == 0) throw QueryError("division by zero", pos);
        if (y == -1) return QValue(int64_t{0});
        return QValue(x % y);
      default: break;
    }
  }
  double x = a.as_double(), y = b.as_double();
  switch (op) {
    case BinOp::kAdd: return QValue(x + y);
    case BinOp::kSub: return QValue(x - y);
    case BinOp::kMul: return QValue(x * y);
    case BinOp::kDiv: return QValue(x / y);
    case BinOp::kMod: return QValue(std::fmod(x, y));
    case BinOp::kPow: return QValue(std::pow(x, y));
    default: return {};
  }
}

QValue string_op(BinOp op, const QValue& a, const QValue& b) {
  if (a.kind() != K::kString || b.kind() != K::kString) return {};
  return QValue(string_predicate(op, a.as_string(), b.as_string()));
}

QValue in_list(const QValue& x, const QValue& list, size_t pos) {
  if (list.is_null()) return {};
  if (list.kind() != K::kList) throw QueryError("IN expects a list on its right", pos);
  bool unknown = false;
  for (const auto& e : list.as_list()) {
    auto eq = equals(x, e);
    if (!eq) unknown = true;
    else if (*eq) return QValue(true);
  }
  return unknown ? QValue() : QValue(false);
}

QValue property(const QValue& base, const std::string& key, const Graph& g, size_t pos) {
  switch (base.kind()) {
    case K::kNull: return {};
    case K::kNode: return node_property(g, base.as_node(), key);
    case K::kRel: return rel_property(g, base.as_rel(), key);
    case K::kMap: return base.map_get(key);
    default:
      throw QueryError("cannot read property `" + key + "` of " + std::string(kind_name(base.kind())), pos);
  }
}

int64_t list_index(int64_t i, size_t n) { return i < 0 ? static_cast<int64_t>(n) + i : i; }

}  // namespace

QValue eval(const Expr& e, const Row& row, EvalContext& ctx) {
  switch (e.kind) {
    case ExprKind::kLiteral:
      // A view into the query's syntax tree, which outlives the run: no copy.
      if (e.value.kind() == K::kString) return QValue::view(e.value.as_string());
      return e.value;
    case ExprKind::kParam: return ctx.params.find(e.name)->second;
    case ExprKind::kVar: return row[e.slot];
    case ExprKind::kProperty: {
      // A variable's node is read in place: no copy of the row's value.
      const Expr& base = *e.args[0];
      if (base.kind == ExprKind::kVar && row[base.slot].kind() == K::kNode)
        return ctx.node_property(row[base.slot].as_node(), e.name);
      return property(eval(base, row, ctx), e.name, ctx.graph, e.pos);
    }
    case ExprKind::kList: {
      List out;
      out.reserve(e.args.size());
      for (const auto& a : e.args) out.push_back(eval(*a, row, ctx));
      return QValue(std::move(out));
    }
    case ExprKind::kMap: {
      Map out;
      for (size_t i = 0; i < e.args.size(); ++i) out.emplace_back(e.keys[i], eval(*e.args[i], row, ctx));
      std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
      return QValue(std::move(out));
    }
    case ExprKind::kNot: {
      auto t = truth(eval(*e.args[0], row, ctx), e.pos);
      return t ? QValue(!*t) : QValue();
    }
    case ExprKind::kNeg: {
      QValue v = eval(*e.args[0], row, ctx);
      if (v.is_null()) return {};
      if (v.kind() == K::kInt) {
        if (v.as_int() == INT64_MIN) throw QueryError("integer overflow", e.pos);
        return QValue(-v.as_int());
      }
      if (v.kind() == K::kFloat) return QValue(-v.as_double());
      throw QueryError("cannot negate " + std::string(kind_name(v.kind())), e.pos);
    }
    case ExprKind::kIsNull: return QValue(eval(*e.args[0], row, ctx).is_null());
    case ExprKind::kIsNotNull: return QValue(!eval(*e.args[0], row, ctx).is_null());
    case ExprKind::kBinary: {
      switch (e.op) {
        case BinOp::kAnd: {
          auto a = truth(eval(*e.args[0], row, ctx), e.args[0]->pos);
          if (a && !*a) return QValue(false);
          auto b = truth(eval(*e.args[1], row, ctx), e.args[1]->pos);
          if (b && !*b) return QValue(false);
          return (a && b) ? QValue(true) : QValue();
        }
        case BinOp::kOr: {
          auto a = truth(eval(*e.args[0], row, ctx), e.args[0]->pos);
          if (a && *a) return QValue(true);
          auto b = truth(eval(*e.args[1], row, ctx), e.args[1]->pos);
          if (b && *b) return QValue(true);
          return (a && b) ? QValue(false) : QValue();
        }
        case BinOp::kXor: {
          auto a = truth(eval(*e.args[0], row, ctx), e.args[0]->pos);
          auto b = truth(eval(*e.args[1], row, ctx), e.args[1]->pos);
          return (a && b) ? QValue(*a != *b) : QValue();
        }
        default: break;
      }
      QValue a = eval(*e.args[0], row, ctx);
      QValue b = eval(*e.args[1], row, ctx);
      switch (e.op) {
        case BinOp::kEq: return from_truth(equals(a, b));
        case BinOp::kNeq: {
          auto t = equals(a, b);
          return t ? QValue(!*t) : QValue();
        }
        case BinOp::kLt:
        case BinOp::kGt:
        case BinOp::kLe:
        case BinOp::kGe: {
          auto c = compare(a, b);
          if (!c) return {};
          switch (e.op) {
            case BinOp::kLt: return QValue(*c < 0);
            case BinOp::kGt: return QValue(*c > 0);
            case BinOp::kLe: return QValue(*c <= 0);
            default: return QValue(*c >= 0);
          }
        }
        case BinOp::kRegex: {
          if (a.kind() != K::kString || b.kind() != K::kString) return {};
          const re2::RE2& re = ctx.regexes.get(b.as_string(), e.args[1]->pos);
          std::string_view s = a.as_string();
          return QValue(re2::RE2::FullMatch(re2::StringPiece(s.data(), s.size()), re));
        }
        case BinOp::kIn: return in_list(a, b, e.pos);
        case BinOp::kStartsWith:
        case BinOp::kEndsWith:
        case BinOp::kContains: return string_op(e.op, a, b);
        default: return arithmetic(e.op, a, b, ctx.graph, e.pos);
      }
    }
    case ExprKind::kIndex: {
      QValue base = eval(*e.args[0], row, ctx);
      QValue idx = eval(*e.args[1], row, ctx);
      if (base.is_null() || idx.is_null()) return {};
      if (base.kind() == K::kList) {
        if (idx.kind() != K::kInt) throw QueryError("a list index must be an integer", e.args[1]->pos);
        const List& l = base.as_list();
        int64_t i = list_index(idx.as_int(), l.size());
        return (i >= 0 && i < static_cast<int64_t>(l.size())) ? l[i] : QValue();
      }
      if (idx.kind() == K::kString) return property(base, std::string(idx.as_string()), ctx.graph, e.pos);
      throw QueryError("cannot index " + std::string(kind_name(base.kind())), e.pos);
    }
    case ExprKind::kSlice: {
      QValue base = eval(*e.args[0], row, ctx);
      if (base.is_null()) return {};
      if (base.kind() != K::kList) throw QueryError("cannot slice " + std::string(kind_name(base.kind())), e.pos);
      const List& l = base.as_list();
      int64_t n = static_cast<int64_t>(l.size());
      QValue from = eval(*e.args[1], row, ctx), to = eval(*e.args[2], row, ctx);
      bool open_from = e.args[1]->kind == ExprKind::kLiteral && from.is_null();
      bool open_to = e.args[2]->kind == ExprKind::kLiteral && to.is_null();
      if ((!open_from && from.is_null()) || (!open_to && to.is_null())) return {};
      if ((!open_from && from.kind() != K::kInt) || (!open_to && to.kind() != K::kInt))
        throw QueryError("slice bounds must be integers", e.pos);
      int64_t b = open_from ? 0 : std::clamp<int64_t>(list_index(from.as_int(), l.size()), 0, n);
      int64_t t = open_to ? n : std::clamp<int64_t>(list_index(to.as_int(), l.size()), 0, n);
      return QValue(b < t ? List(l.begin() + b, l.begin() + t) : List{});
    }
    case ExprKind::kCall:
    case ExprKind::kCountStar: {
      if (e.agg >= 0) {
        if (!ctx.agg_values) throw QueryError("aggregate used outside an aggregation", e.pos);
        return (*ctx.agg_values)[e.agg];
      }
      const FunctionDef& f = function(e.function);
      QValue args[8];
      std::vector<QValue> many;
      std::span<const QValue> span;
      if (e.args.size() <= 8) {
        for (size_t i = 0; i < e.args.size(); ++i) args[i] = eval(*e.args[i], row, ctx);
        span = std::span<const QValue>(args, e.args.size());
      } else {
        for (const auto& a : e.args) many.push_back(eval(*a, row, ctx));
        span = many;
      }
      return f.fn(span, ctx.graph, e.pos);
    }
    case ExprKind::kPattern: return QValue(ctx.exists(e.subplan, row));
    case ExprKind::kCase: {
      size_t i = 0;
      QValue subject;
      if (e.case_has_subject) subject = eval(*e.args[i++], row, ctx);
      size_t end = e.args.size() - (e.case_has_else ? 1 : 0);
      for (; i + 1 < end + 1 && i < end; i += 2) {
        QValue w = eval(*e.args[i], row, ctx);
        bool hit = e.case_has_subject ? equals(subject, w).value_or(false) : is_true(w);
        if (hit) return eval(*e.args[i + 1], row, ctx);
      }
      return e.case_has_else ? eval(*e.args.back(), row, ctx) : QValue();
    }
  }
  return {};
}

}  // namespace kg::query
