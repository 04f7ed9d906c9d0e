#include "query/ast.h"

#include <cctype>

namespace kg::query {

ExprPtr make_expr(ExprKind kind, size_t pos) {
  auto e = std::make_unique<Expr>();
  e->kind = kind;
  e->pos = pos;
  return e;
}

std::string_view binop_text(BinOp op) {
  switch (op) {
    case BinOp::kOr: return "OR";
    case BinOp::kXor: return "XOR";
    case BinOp::kAnd: return "AND";
    case BinOp::kEq: return "=";
    case BinOp::kNeq: return "<>";
    case BinOp::kLt: return "<";
    case BinOp::kGt: return ">";
    case BinOp::kLe: return "<=";
    case BinOp::kGe: return ">=";
    case BinOp::kRegex: return "=~";
    case BinOp::kIn: return "IN";
    case BinOp::kStartsWith: return "STARTS WITH";
    case BinOp::kEndsWith: return "ENDS WITH";
    case BinOp::kContains: return "CONTAINS";
    case BinOp::kAdd: return "+";
    case BinOp::kSub: return "-";
    case BinOp::kMul: return "*";
    case BinOp::kDiv: return "/";
    case BinOp::kMod: return "%";
    case BinOp::kPow: return "^";
  }
  return "?";
}

namespace {

std::string quote(std::string_view s) {
  std::string out = "'";
  for (char c : s) {
    switch (c) {
      case '\'': out += "\\'"; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      default: out += c;
    }
  }
  return out + "'";
}

// A name printed so that it lexes back as the same identifier.
std::string name_text(std::string_view s) {
  bool plain = !s.empty() && !std::isdigit((unsigned char)s[0]);
  for (unsigned char c : s)
    if (!(std::isalnum(c) || c == '_' || c >= 0x80)) plain = false;
  return plain ? std::string(s) : "`" + std::string(s) + "`";
}

std::string literal_text(const QValue& v) {
  switch (v.kind()) {
    case QValue::Kind::kNull: return "null";
    case QValue::Kind::kBool: return v.as_bool() ? "true" : "false";
    case QValue::Kind::kInt: return std::to_string(v.as_int());
    case QValue::Kind::kFloat: {
      char buf[40];
      snprintf(buf, sizeof buf, "%.17g", v.as_double());
      std::string s = buf;
      if (s.find_first_of(".eEn") == std::string::npos) s += ".0";
      return s;
    }
    case QValue::Kind::kString: return quote(v.as_string());
    default: return "?";
  }
}

std::string props_text(const std::vector<PropEntry>& props) {
  if (props.empty()) return "";
  std::string out = " {";
  for (size_t i = 0; i < props.size(); ++i) {
    if (i) out += ", ";
    out += name_text(props[i].key) + ": " + print(*props[i].value);
  }
  return out + "}";
}

std::string node_text(const NodePattern& n) {
  std::string out = "(" + (n.var.empty() ? "" : name_text(n.var));
  for (const auto& l : n.labels) out += ":" + name_text(l);
  out += props_text(n.props);
  return out + ")";
}

std::string rel_text(const RelPattern& r) {
  std::string body = r.var.empty() ? "" : name_text(r.var);
  for (size_t i = 0; i < r.types.size(); ++i) body += (i ? "|" : ":") + name_text(r.types[i]);
  if (r.var_length) {
    body += "*";
    if (r.max_hops && r.min_hops == *r.max_hops) {
      body += std::to_string(r.min_hops);
    } else {
      if (r.min_hops != 1) body += std::to_string(r.min_hops);
      if (r.max_hops || r.min_hops != 1) body += "..";
      if (r.max_hops) body += std::to_string(*r.max_hops);
    }
  }
  body += props_text(r.props);
  std::string mid = body.empty() ? "--" : "-[" + body + "]-";
  switch (r.dir) {
    case Direction::kOut: return mid + ">";
    case Direction::kIn: return "<" + mid;
    case Direction::kBoth: return mid;
  }
  return mid;
}

std::string items_text(const Clause& c) {
  std::string out = c.distinct ? "DISTINCT " : "";
  if (c.star) out += "*";
  for (size_t i = 0; i < c.items.size(); ++i) {
    if (i || c.star) out += ", ";
    out += print(*c.items[i].expr);
    if (c.items[i].has_alias) out += " AS " + name_text(c.items[i].alias);
  }
  for (size_t i = 0; i < c.order_by.size(); ++i) {
    out += i ? ", " : " ORDER BY ";
    out += print(*c.order_by[i].expr);
    if (c.order_by[i].descending) out += " DESC";
  }
  if (c.skip) out += " SKIP " + print(*c.skip);
  if (c.limit) out += " LIMIT " + print(*c.limit);
  return out;
}

}  // namespace

std::string print(const Pattern& p) {
  std::string out;
  if (!p.path_var.empty()) out += name_text(p.path_var) + " = ";
  if (p.kind == PathKind::kShortest) out += "shortestPath(";
  if (p.kind == PathKind::kAllShortest) out += "allShortestPaths(";
  for (size_t i = 0; i < p.nodes.size(); ++i) {
    if (i) out += rel_text(p.rels[i - 1]);
    out += node_text(p.nodes[i]);
  }
  if (p.kind != PathKind::kPlain) out += ")";
  return out;
}

std::string print(const Expr& e) {
  switch (e.kind) {
    case ExprKind::kLiteral: return literal_text(e.value);
    case ExprKind::kParam: return "$" + e.name;
    case ExprKind::kVar: return name_text(e.name);
    case ExprKind::kProperty: return print(*e.args[0]) + "." + name_text(e.name);
    case ExprKind::kList: {
      std::string out = "[";
      for (size_t i = 0; i < e.args.size(); ++i) out += (i ? ", " : "") + print(*e.args[i]);
      return out + "]";
    }
    case ExprKind::kMap: {
      std::string out = "{";
      for (size_t i = 0; i < e.args.size(); ++i)
        out += (i ? ", " : "") + name_text(e.keys[i]) + ": " + print(*e.args[i]);
      return out + "}";
    }
    case ExprKind::kNot: return "(NOT " + print(*e.args[0]) + ")";
    case ExprKind::kNeg: return "(-" + print(*e.args[0]) + ")";
    case ExprKind::kIsNull: return "(" + print(*e.args[0]) + " IS NULL)";
    case ExprKind::kIsNotNull: return "(" + print(*e.args[0]) + " IS NOT NULL)";
    case ExprKind::kBinary:
      return "(" + print(*e.args[0]) + " " + std::string(binop_text(e.op)) + " " +
             print(*e.args[1]) + ")";
    case ExprKind::kIndex: return print(*e.args[0]) + "[" + print(*e.args[1]) + "]";
    case ExprKind::kSlice: {
      auto bound = [](const Expr& b) {
        return b.kind == ExprKind::kLiteral && b.value.is_null() ? std::string() : print(b);
      };
      return print(*e.args[0]) + "[" + bound(*e.args[1]) + ".." + bound(*e.args[2]) + "]";
    }
    case ExprKind::kCall: {
      std::string out = e.name + "(" + (e.distinct ? "DISTINCT " : "");
      for (size_t i = 0; i < e.args.size(); ++i) out += (i ? ", " : "") + print(*e.args[i]);
      return out + ")";
    }
    case ExprKind::kCountStar: return "count(*)";
    case ExprKind::kPattern: return "exists(" + print(*e.pattern) + ")";
    case ExprKind::kCase: {
      std::string out = "CASE";
      size_t i = 0;
      if (e.case_has_subject) out += " " + print(*e.args[i++]);
      size_t end = e.args.size() - (e.case_has_else ? 1 : 0);
      for (; i + 1 < end + 1 && i < end; i += 2)
        out += " WHEN " + print(*e.args[i]) + " THEN " + print(*e.args[i + 1]);
      if (e.case_has_else) out += " ELSE " + print(*e.args.back());
      return out + " END";
    }
  }
  return "?";
}

std::string print(const Query& q) {
  std::string out;
  if (q.explain) out += "EXPLAIN ";
  if (q.profile) out += "PROFILE ";
  for (size_t ci = 0; ci < q.clauses.size(); ++ci) {
    const Clause& c = q.clauses[ci];
    if (ci) out += " ";
    switch (c.kind) {
      case ClauseKind::kMatch:
        out += c.optional ? "OPTIONAL MATCH " : "MATCH ";
        for (size_t i = 0; i < c.patterns.size(); ++i) out += (i ? ", " : "") + print(c.patterns[i]);
        if (c.where) out += " WHERE " + print(*c.where);
        break;
      case ClauseKind::kUnwind:
        out += "UNWIND " + print(*c.unwind_expr) + " AS " + name_text(c.unwind_alias);
        break;
      case ClauseKind::kWith:
        out += "WITH " + items_text(c);
        if (c.where) out += " WHERE " + print(*c.where);
        break;
      case ClauseKind::kReturn: out += "RETURN " + items_text(c); break;
      case ClauseKind::kCall: {
        out += "CALL " + c.procedure + "(";
        for (size_t i = 0; i < c.call_args.size(); ++i) out += (i ? ", " : "") + print(*c.call_args[i]);
        out += ")";
        for (size_t i = 0; i < c.yields.size(); ++i) {
          out += i ? ", " : " YIELD ";
          out += name_text(c.yields[i].column);
          if (c.yields[i].alias != c.yields[i].column) out += " AS " + name_text(c.yields[i].alias);
        }
        if (c.where) out += " WHERE " + print(*c.where);
        break;
      }
    }
  }
  return out;
}

}  // namespace kg::query
