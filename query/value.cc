#include "query/value.h"

#include <algorithm>
#include <cmath>
#include <functional>

#include "graph/ontology.h"

namespace kg::query {

QValue::Kind QValue::kind() const {
  switch (v_.index()) {
    case 0: return Kind::kNull;
    case 1: return Kind::kBool;
    case 2: return Kind::kInt;
    case 3: return Kind::kFloat;
    case 4:
    case 5: return Kind::kString;
    case 6: return Kind::kList;
    case 7: return Kind::kMap;
    case 8: return Kind::kNode;
    case 9: return Kind::kRel;
    default: return Kind::kPath;
  }
}

double QValue::as_double() const {
  if (auto* i = std::get_if<int64_t>(&v_)) return static_cast<double>(*i);
  return std::get<double>(v_);
}

std::string_view QValue::as_string() const {
  if (auto* s = std::get_if<std::string>(&v_)) return *s;
  return std::get<std::string_view>(v_);
}

QValue QValue::map_get(std::string_view key) const {
  const Map& m = as_map();
  auto it = std::lower_bound(m.begin(), m.end(), key,
                             [](const auto& e, std::string_view k) { return e.first < k; });
  return (it != m.end() && it->first == key) ? it->second : QValue();
}

namespace {

using K = QValue::Kind;

// Rank of a kind in ORDER BY's total order.
int order_rank(K k) {
  switch (k) {
    case K::kMap: return 0;
    case K::kNode: return 1;
    case K::kRel: return 2;
    case K::kList: return 3;
    case K::kPath: return 4;
    case K::kString: return 5;
    case K::kBool: return 6;
    case K::kInt:
    case K::kFloat: return 7;
    case K::kNull: return 8;
  }
  return 8;
}

int cmp_numbers(const QValue& a, const QValue& b) {
  if (a.kind() == K::kInt && b.kind() == K::kInt) {
    return a.as_int() < b.as_int() ? -1 : a.as_int() > b.as_int() ? 1 : 0;
  }
  double x = a.as_double(), y = b.as_double();
  // NaN sorts above every number, as in Neo4j.
  if (std::isnan(x) || std::isnan(y)) return std::isnan(x) - std::isnan(y);
  return x < y ? -1 : x > y ? 1 : 0;
}

template <class T>
int cmp3(T a, T b) {
  return a < b ? -1 : a > b ? 1 : 0;
}

}  // namespace

std::optional<bool> equals(const QValue& a, const QValue& b) {
  if (a.is_null() || b.is_null()) return std::nullopt;
  if (a.is_number() && b.is_number()) return cmp_numbers(a, b) == 0 && !std::isnan(a.as_double());
  if (a.kind() != b.kind()) return false;
  switch (a.kind()) {
    case K::kBool: return a.as_bool() == b.as_bool();
    case K::kString: return a.as_string() == b.as_string();
    case K::kNode: return a.as_node() == b.as_node();
    case K::kRel: return a.as_rel() == b.as_rel();
    case K::kPath:
      return a.as_path().nodes == b.as_path().nodes && a.as_path().rels == b.as_path().rels;
    case K::kList: {
      const List &x = a.as_list(), &y = b.as_list();
      if (x.size() != y.size()) return false;
      bool unknown = false;
      for (size_t i = 0; i < x.size(); ++i) {
        auto e = equals(x[i], y[i]);
        if (!e) unknown = true;
        else if (!*e) return false;
      }
      if (unknown) return std::nullopt;
      return true;
    }
    case K::kMap: {
      const Map &x = a.as_map(), &y = b.as_map();
      if (x.size() != y.size()) return false;
      bool unknown = false;
      for (size_t i = 0; i < x.size(); ++i) {
        if (x[i].first != y[i].first) return false;
        auto e = equals(x[i].second, y[i].second);
        if (!e) unknown = true;
        else if (!*e) return false;
      }
      if (unknown) return std::nullopt;
      return true;
    }
    default: return std::nullopt;
  }
}

std::optional<int> compare(const QValue& a, const QValue& b) {
  if (a.is_null() || b.is_null()) return std::nullopt;
  if (a.is_number() && b.is_number()) {
    if (std::isnan(a.as_double()) || std::isnan(b.as_double())) return std::nullopt;
    return cmp_numbers(a, b);
  }
  if (a.kind() != b.kind()) return std::nullopt;
  switch (a.kind()) {
    case K::kString: return cmp3(a.as_string(), b.as_string());
    case K::kBool: return cmp3(a.as_bool(), b.as_bool());
    case K::kList: {
      const List &x = a.as_list(), &y = b.as_list();
      for (size_t i = 0; i < x.size() && i < y.size(); ++i) {
        auto c = compare(x[i], y[i]);
        if (!c) return std::nullopt;
        if (*c) return c;
      }
      return cmp3(x.size(), y.size());
    }
    default: return std::nullopt;
  }
}

int order(const QValue& a, const QValue& b) {
  int ra = order_rank(a.kind()), rb = order_rank(b.kind());
  if (ra != rb) return ra < rb ? -1 : 1;
  switch (a.kind()) {
    case K::kNull: return 0;
    case K::kInt:
    case K::kFloat: return cmp_numbers(a, b);
    case K::kString: return cmp3(a.as_string(), b.as_string());
    case K::kBool: return cmp3(a.as_bool(), b.as_bool());
    case K::kNode: return cmp3(a.as_node(), b.as_node());
    case K::kRel: return cmp3(a.as_rel(), b.as_rel());
    case K::kList: {
      const List &x = a.as_list(), &y = b.as_list();
      for (size_t i = 0; i < x.size() && i < y.size(); ++i)
        if (int c = order(x[i], y[i])) return c;
      return cmp3(x.size(), y.size());
    }
    case K::kPath: {
      const Path &x = a.as_path(), &y = b.as_path();
      if (int c = cmp3(x.nodes, y.nodes)) return c;
      return cmp3(x.rels, y.rels);
    }
    case K::kMap: {
      const Map &x = a.as_map(), &y = b.as_map();
      for (size_t i = 0; i < x.size() && i < y.size(); ++i) {
        if (int c = cmp3(std::string_view(x[i].first), std::string_view(y[i].first))) return c;
        if (int c = order(x[i].second, y[i].second)) return c;
      }
      return cmp3(x.size(), y.size());
    }
  }
  return 0;
}

bool equivalent(const QValue& a, const QValue& b) {
  if (a.is_null() || b.is_null()) return a.is_null() && b.is_null();
  if (a.is_number() && b.is_number()) return cmp_numbers(a, b) == 0;
  return a.kind() == b.kind() && order(a, b) == 0;
}

size_t hash(const QValue& v) {
  auto mix = [](size_t h, size_t x) { return h ^ (x + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2)); };
  switch (v.kind()) {
    case K::kNull: return 0x51;
    case K::kBool: return v.as_bool() ? 0x71 : 0x70;
    case K::kInt:
    case K::kFloat: {
      // 1 and 1.0 are equivalent, so they must hash alike.
      double d = v.as_double();
      if (d == std::floor(d) && std::abs(d) < 9e18) return std::hash<int64_t>()(static_cast<int64_t>(d));
      return std::hash<double>()(d);
    }
    case K::kString: return std::hash<std::string_view>()(v.as_string());
    case K::kNode: return mix(1, v.as_node());
    case K::kRel: return mix(2, v.as_rel());
    case K::kList: {
      size_t h = 3;
      for (const auto& e : v.as_list()) h = mix(h, hash(e));
      return h;
    }
    case K::kMap: {
      size_t h = 4;
      for (const auto& [k, e] : v.as_map()) h = mix(mix(h, std::hash<std::string>()(k)), hash(e));
      return h;
    }
    case K::kPath: {
      size_t h = 5;
      for (auto n : v.as_path().nodes) h = mix(h, n);
      for (auto r : v.as_path().rels) h = mix(h, r);
      return h;
    }
  }
  return 0;
}

size_t RowHash::operator()(const std::vector<QValue>& row) const {
  size_t h = row.size();
  for (const auto& v : row) h = h * 1000003u ^ hash(v);
  return h;
}

bool RowEq::operator()(const std::vector<QValue>& a, const std::vector<QValue>& b) const {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (!equivalent(a[i], b[i])) return false;
  return true;
}

QValue from_stored(const kg::Value& v) {
  struct Visit {
    QValue operator()(const std::string& s) const { return QValue::view(s); }
    QValue operator()(int64_t i) const { return QValue(i); }
    QValue operator()(double d) const { return QValue(d); }
    QValue operator()(bool b) const { return QValue(b); }
    QValue operator()(const std::vector<std::string>& l) const {
      List out;
      out.reserve(l.size());
      for (const auto& s : l) out.push_back(QValue::view(s));
      return QValue(std::move(out));
    }
  };
  return std::visit(Visit{}, v);
}

namespace {

std::string format_double(double d) {
  if (std::isnan(d)) return "NaN";
  if (std::isinf(d)) return d > 0 ? "Infinity" : "-Infinity";
  if (d == std::floor(d) && std::abs(d) < 1e15) {
    std::string s = std::to_string(static_cast<int64_t>(d));
    return s + ".0";
  }
  char buf[32];
  snprintf(buf, sizeof buf, "%.15g", d);
  return buf;
}

void append_text(std::string& out, const QValue& v, const Graph& g, bool quote_strings) {
  switch (v.kind()) {
    case K::kNull: out += "null"; break;
    case K::kBool: out += v.as_bool() ? "true" : "false"; break;
    case K::kInt: out += std::to_string(v.as_int()); break;
    case K::kFloat: out += format_double(v.as_double()); break;
    case K::kString:
      if (quote_strings) {
        out += '"';
        for (char c : v.as_string()) {
          if (c == '"' || c == '\\') out += '\\';
          out += c;
        }
        out += '"';
      } else {
        out += v.as_string();
      }
      break;
    case K::kList: {
      out += '[';
      bool first = true;
      for (const auto& e : v.as_list()) {
        if (!first) out += ", ";
        first = false;
        append_text(out, e, g, true);
      }
      out += ']';
      break;
    }
    case K::kMap: {
      out += '{';
      bool first = true;
      for (const auto& [k, e] : v.as_map()) {
        if (!first) out += ", ";
        first = false;
        out += k;
        out += ": ";
        append_text(out, e, g, true);
      }
      out += '}';
      break;
    }
    case K::kNode: {
      const Node& n = g.node(v.as_node());
      out += "(" + std::to_string(v.as_node()) + ":" + std::string(to_string(n.label)) + " \"" +
             n.name + "\")";
      break;
    }
    case K::kRel: {
      const Edge& e = g.edge(v.as_rel());
      out += "[" + std::to_string(v.as_rel()) + ":" + std::string(to_string(e.type)) + "]";
      break;
    }
    case K::kPath: {
      const Path& p = v.as_path();
      for (size_t i = 0; i < p.nodes.size(); ++i) {
        if (i) {
          EdgeId r = p.rels[i - 1];
          bool forward = g.edge(r).target == p.nodes[i];
          out += forward ? "-" : "<-";
          append_text(out, QValue(RelRef{r}), g, true);
          out += forward ? "->" : "-";
        }
        append_text(out, QValue(NodeRef{p.nodes[i]}), g, true);
      }
      break;
    }
  }
}

}  // namespace

std::string to_text(const QValue& v, const Graph& g) {
  std::string out;
  append_text(out, v, g, false);
  return out;
}

std::string_view kind_name(QValue::Kind kind) {
  switch (kind) {
    case K::kNull: return "null";
    case K::kBool: return "boolean";
    case K::kInt: return "integer";
    case K::kFloat: return "float";
    case K::kString: return "string";
    case K::kList: return "list";
    case K::kMap: return "map";
    case K::kNode: return "node";
    case K::kRel: return "relationship";
    case K::kPath: return "path";
  }
  return "?";
}

}  // namespace kg::query
