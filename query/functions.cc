#include "query/functions.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <unicode/unistr.h>

#include "graph/error.h"
#include "query/lexer.h"

namespace kg::query {

namespace {

using K = QValue::Kind;
using Args = std::span<const QValue>;

[[noreturn]] void type_error(std::string_view fn, const QValue& got, std::string_view want, size_t pos) {
  throw QueryError(std::string(fn) + "() expects " + std::string(want) + ", got " +
                       std::string(kind_name(got.kind())),
                   pos);
}

std::string icu_case(std::string_view s, bool upper) {
  bool ascii = std::all_of(s.begin(), s.end(), [](unsigned char c) { return c < 0x80; });
  std::string out;
  if (ascii) {
    out.reserve(s.size());
    for (unsigned char c : s) out += static_cast<char>(upper ? std::toupper(c) : std::tolower(c));
    return out;
  }
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), s.size()));
  (upper ? u.toUpper() : u.toLower()).toUTF8String(out);
  return out;
}

// Cypher counts string positions in characters; kg's strings are UTF-8.
std::vector<size_t> char_offsets(std::string_view s) {
  std::vector<size_t> offs;
  for (size_t i = 0; i < s.size(); ++i)
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) offs.push_back(i);
  offs.push_back(s.size());
  return offs;
}

QValue f_id(Args a, const Graph&, size_t pos) {
  if (a[0].kind() == K::kNode) return QValue(int64_t{a[0].as_node()});
  if (a[0].kind() == K::kRel) return QValue(int64_t{a[0].as_rel()});
  if (a[0].is_null()) return {};
  type_error("id", a[0], "a node or relationship", pos);
}

QValue f_labels(Args a, const Graph& g, size_t pos) {
  if (a[0].is_null()) return {};
  if (a[0].kind() != K::kNode) type_error("labels", a[0], "a node", pos);
  return QValue(List{QValue::view(to_string(g.node(a[0].as_node()).label))});
}

QValue f_type(Args a, const Graph& g, size_t pos) {
  if (a[0].is_null()) return {};
  if (a[0].kind() != K::kRel) type_error("type", a[0], "a relationship", pos);
  return QValue::view(to_string(g.edge(a[0].as_rel()).type));
}

QValue f_properties(Args a, const Graph& g, size_t pos) {
  switch (a[0].kind()) {
    case K::kNull: return {};
    case K::kNode: return QValue(node_properties(g, a[0].as_node()));
    case K::kRel: return QValue(rel_properties(g, a[0].as_rel()));
    case K::kMap: return a[0];
    default: type_error("properties", a[0], "a node, relationship or map", pos);
  }
}

QValue f_keys(Args a, const Graph& g, size_t pos) {
  QValue props = f_properties(a, g, pos);
  if (props.is_null()) return {};
  List out;
  for (const auto& [k, v] : props.as_map()) out.push_back(QValue(k));
  return QValue(std::move(out));
}

QValue f_length(Args a, const Graph&, size_t pos) {
  switch (a[0].kind()) {
    case K::kNull: return {};
    case K::kPath: return QValue(static_cast<int64_t>(a[0].as_path().rels.size()));
    case K::kList: return QValue(static_cast<int64_t>(a[0].as_list().size()));
    case K::kString: return QValue(static_cast<int64_t>(char_offsets(a[0].as_string()).size() - 1));
    default: type_error("length", a[0], "a path", pos);
  }
}

QValue f_size(Args a, const Graph&, size_t pos) {
  switch (a[0].kind()) {
    case K::kNull: return {};
    case K::kList: return QValue(static_cast<int64_t>(a[0].as_list().size()));
    case K::kString: return QValue(static_cast<int64_t>(char_offsets(a[0].as_string()).size() - 1));
    default: type_error("size", a[0], "a list or string", pos);
  }
}

QValue f_nodes(Args a, const Graph&, size_t pos) {
  if (a[0].is_null()) return {};
  if (a[0].kind() != K::kPath) type_error("nodes", a[0], "a path", pos);
  List out;
  for (NodeId n : a[0].as_path().nodes) out.push_back(QValue(NodeRef{n}));
  return QValue(std::move(out));
}

QValue f_relationships(Args a, const Graph&, size_t pos) {
  if (a[0].is_null()) return {};
  if (a[0].kind() != K::kPath) type_error("relationships", a[0], "a path", pos);
  List out;
  for (EdgeId r : a[0].as_path().rels) out.push_back(QValue(RelRef{r}));
  return QValue(std::move(out));
}

QValue f_start_node(Args a, const Graph& g, size_t pos) {
  if (a[0].is_null()) return {};
  if (a[0].kind() != K::kRel) type_error("startNode", a[0], "a relationship", pos);
  return QValue(NodeRef{g.edge(a[0].as_rel()).source});
}

QValue f_end_node(Args a, const Graph& g, size_t pos) {
  if (a[0].is_null()) return {};
  if (a[0].kind() != K::kRel) type_error("endNode", a[0], "a relationship", pos);
  return QValue(NodeRef{g.edge(a[0].as_rel()).target});
}

QValue f_coalesce(Args a, const Graph&, size_t) {
  for (const auto& v : a)
    if (!v.is_null()) return v;
  return {};
}

std::string_view want_string(std::string_view fn, const QValue& v, size_t pos) {
  if (v.kind() != K::kString) type_error(fn, v, "a string", pos);
  return v.as_string();
}

QValue f_to_lower(Args a, const Graph&, size_t pos) {
  if (a[0].is_null()) return {};
  return QValue(icu_case(want_string("toLower", a[0], pos), false));
}
QValue f_to_upper(Args a, const Graph&, size_t pos) {
  if (a[0].is_null()) return {};
  return QValue(icu_case(want_string("toUpper", a[0], pos), true));
}

QValue trim_impl(std::string_view fn, Args a, size_t pos, bool left, bool right) {
  if (a[0].is_null()) return {};
  std::string_view s = want_string(fn, a[0], pos);
  while (left && !s.empty() && std::isspace((unsigned char)s.front())) s.remove_prefix(1);
  while (right && !s.empty() && std::isspace((unsigned char)s.back())) s.remove_suffix(1);
  return QValue(std::string(s));
}
QValue f_trim(Args a, const Graph&, size_t pos) { return trim_impl("trim", a, pos, true, true); }
QValue f_ltrim(Args a, const Graph&, size_t pos) { return trim_impl("ltrim", a, pos, true, false); }
QValue f_rtrim(Args a, const Graph&, size_t pos) { return trim_impl("rtrim", a, pos, false, true); }

QValue f_to_string(Args a, const Graph& g, size_t pos) {
  switch (a[0].kind()) {
    case K::kNull: return {};
    case K::kString: return a[0];
    case K::kInt:
    case K::kFloat:
    case K::kBool: return QValue(to_text(a[0], g));
    default: type_error("toString", a[0], "a number, boolean or string", pos);
  }
}

QValue f_to_integer(Args a, const Graph&, size_t pos) {
  switch (a[0].kind()) {
    case K::kNull: return {};
    case K::kInt: return a[0];
    case K::kFloat: {
      double d = a[0].as_double();
      if (std::isnan(d) || std::abs(d) > 9.2e18) return {};
      return QValue(static_cast<int64_t>(std::trunc(d)));
    }
    case K::kBool: return QValue(int64_t{a[0].as_bool() ? 1 : 0});
    case K::kString: {
      std::string s(a[0].as_string());
      char* end = nullptr;
      errno = 0;
      long long v = std::strtoll(s.c_str(), &end, 10);
      if (end != s.c_str() && *end == '\0' && errno == 0) return QValue(int64_t{v});
      double d = std::strtod(s.c_str(), &end);
      if (end != s.c_str() && *end == '\0' && std::isfinite(d) && std::abs(d) < 9.2e18)
        return QValue(static_cast<int64_t>(std::trunc(d)));
      return {};
    }
    default: type_error("toInteger", a[0], "a number, boolean or string", pos);
  }
}

QValue f_to_float(Args a, const Graph&, size_t pos) {
  switch (a[0].kind()) {
    case K::kNull: return {};
    case K::kInt:
    case K::kFloat: return QValue(a[0].as_double());
    case K::kString: {
      std::string s(a[0].as_string());
      char* end = nullptr;
      double d = std::strtod(s.c_str(), &end);
      if (end != s.c_str() && *end == '\0') return QValue(d);
      return {};
    }
    default: type_error("toFloat", a[0], "a number or string", pos);
  }
}

QValue f_to_boolean(Args a, const Graph&, size_t pos) {
  switch (a[0].kind()) {
    case K::kNull: return {};
    case K::kBool: return a[0];
    case K::kString: {
      std::string s = icu_case(a[0].as_string(), false);
      if (s == "true") return QValue(true);
      if (s == "false") return QValue(false);
      return {};
    }
    default: type_error("toBoolean", a[0], "a boolean or string", pos);
  }
}

int64_t want_int(std::string_view fn, const QValue& v, size_t pos) {
  if (v.kind() != K::kInt) type_error(fn, v, "an integer", pos);
  return v.as_int();
}

QValue f_substring(Args a, const Graph&, size_t pos) {
  if (a[0].is_null()) return {};
  std::string_view s = want_string("substring", a[0], pos);
  auto offs = char_offsets(s);
  int64_t n = static_cast<int64_t>(offs.size()) - 1;
  int64_t start = want_int("substring", a[1], pos);
  if (start < 0) throw QueryError("substring() start must not be negative", pos);
  int64_t len = a.size() > 2 ? want_int("substring", a[2], pos) : n;
  if (len < 0) throw QueryError("substring() length must not be negative", pos);
  int64_t b = std::min(start, n), e = std::min(n, b + std::min(len, n));
  return QValue(std::string(s.substr(offs[b], offs[e] - offs[b])));
}

QValue f_left(Args a, const Graph& g, size_t pos) {
  if (a[0].is_null()) return {};
  QValue args[] = {a[0], QValue(int64_t{0}), a[1]};
  return f_substring(args, g, pos);
}

QValue f_right(Args a, const Graph& g, size_t pos) {
  if (a[0].is_null()) return {};
  auto offs = char_offsets(want_string("right", a[0], pos));
  int64_t n = static_cast<int64_t>(offs.size()) - 1;
  int64_t len = want_int("right", a[1], pos);
  if (len < 0) throw QueryError("right() length must not be negative", pos);
  QValue args[] = {a[0], QValue(std::max<int64_t>(0, n - len)), a[1]};
  return f_substring(args, g, pos);
}

QValue f_split(Args a, const Graph&, size_t pos) {
  if (a[0].is_null() || a[1].is_null()) return {};
  std::string_view s = want_string("split", a[0], pos);
  std::string_view d = want_string("split", a[1], pos);
  List out;
  if (d.empty()) {
    auto offs = char_offsets(s);
    for (size_t i = 0; i + 1 < offs.size(); ++i)
      out.push_back(QValue(std::string(s.substr(offs[i], offs[i + 1] - offs[i]))));
    return QValue(std::move(out));
  }
  size_t start = 0;
  for (;;) {
    size_t at = s.find(d, start);
    out.push_back(QValue(std::string(s.substr(start, at == std::string_view::npos ? s.npos : at - start))));
    if (at == std::string_view::npos) break;
    start = at + d.size();
  }
  return QValue(std::move(out));
}

QValue f_replace(Args a, const Graph&, size_t pos) {
  if (a[0].is_null() || a[1].is_null() || a[2].is_null()) return {};
  std::string s(want_string("replace", a[0], pos));
  std::string_view from = want_string("replace", a[1], pos), to = want_string("replace", a[2], pos);
  if (from.empty()) return QValue(s);
  std::string out;
  size_t start = 0;
  for (size_t at; (at = s.find(from, start)) != std::string::npos; start = at + from.size())
    out.append(s, start, at - start).append(to);
  out.append(s, start);
  return QValue(std::move(out));
}

QValue f_reverse(Args a, const Graph&, size_t pos) {
  if (a[0].is_null()) return {};
  if (a[0].kind() == K::kList) {
    List l = a[0].as_list();
    std::reverse(l.begin(), l.end());
    return QValue(std::move(l));
  }
  std::string_view s = want_string("reverse", a[0], pos);
  auto offs = char_offsets(s);
  std::string out;
  for (size_t i = offs.size() - 1; i > 0; --i) out += s.substr(offs[i - 1], offs[i] - offs[i - 1]);
  return QValue(std::move(out));
}

const List* want_list(std::string_view fn, const QValue& v, size_t pos) {
  if (v.is_null()) return nullptr;
  if (v.kind() != K::kList) type_error(fn, v, "a list", pos);
  return &v.as_list();
}

QValue f_head(Args a, const Graph&, size_t pos) {
  const List* l = want_list("head", a[0], pos);
  return l && !l->empty() ? l->front() : QValue();
}
QValue f_last(Args a, const Graph&, size_t pos) {
  const List* l = want_list("last", a[0], pos);
  return l && !l->empty() ? l->back() : QValue();
}
QValue f_tail(Args a, const Graph&, size_t pos) {
  const List* l = want_list("tail", a[0], pos);
  if (!l) return {};
  return QValue(l->empty() ? List{} : List(l->begin() + 1, l->end()));
}

QValue f_range(Args a, const Graph&, size_t pos) {
  int64_t from = want_int("range", a[0], pos), to = want_int("range", a[1], pos);
  int64_t step = a.size() > 2 ? want_int("range", a[2], pos) : 1;
  if (step == 0) throw QueryError("range() step must not be zero", pos);
  List out;
  for (int64_t i = from; step > 0 ? i <= to : i >= to; i += step) {
    if (out.size() >= 10'000'000) throw LimitError("range() longer than 10,000,000 elements");
    out.emplace_back(i);
  }
  return QValue(std::move(out));
}

double want_number(std::string_view fn, const QValue& v, size_t pos) {
  if (!v.is_number()) type_error(fn, v, "a number", pos);
  return v.as_double();
}

QValue f_abs(Args a, const Graph&, size_t pos) {
  if (a[0].is_null()) return {};
  if (a[0].kind() == K::kInt) return QValue(a[0].as_int() < 0 ? -a[0].as_int() : a[0].as_int());
  return QValue(std::abs(want_number("abs", a[0], pos)));
}
QValue f_round(Args a, const Graph&, size_t pos) {
  if (a[0].is_null()) return {};
  // Cypher rounds half up (towards positive infinity).
  return QValue(std::floor(want_number("round", a[0], pos) + 0.5));
}
QValue f_floor(Args a, const Graph&, size_t pos) {
  if (a[0].is_null()) return {};
  return QValue(std::floor(want_number("floor", a[0], pos)));
}
QValue f_ceil(Args a, const Graph&, size_t pos) {
  if (a[0].is_null()) return {};
  return QValue(std::ceil(want_number("ceil", a[0], pos)));
}
QValue f_sqrt(Args a, const Graph&, size_t pos) {
  if (a[0].is_null()) return {};
  return QValue(std::sqrt(want_number("sqrt", a[0], pos)));
}
QValue f_sign(Args a, const Graph&, size_t pos) {
  if (a[0].is_null()) return {};
  double d = want_number("sign", a[0], pos);
  return QValue(int64_t{d > 0 ? 1 : d < 0 ? -1 : 0});
}

const std::vector<FunctionDef>& table() {
  static const std::vector<FunctionDef> t = {
      {"id", 1, 1, false, f_id},
      {"labels", 1, 1, false, f_labels},
      {"type", 1, 1, false, f_type},
      {"properties", 1, 1, false, f_properties},
      {"keys", 1, 1, false, f_keys},
      {"length", 1, 1, false, f_length},
      {"nodes", 1, 1, false, f_nodes},
      {"relationships", 1, 1, false, f_relationships},
      {"startNode", 1, 1, false, f_start_node},
      {"endNode", 1, 1, false, f_end_node},
      {"size", 1, 1, false, f_size},
      {"coalesce", 1, 64, false, f_coalesce},
      {"toLower", 1, 1, false, f_to_lower},
      {"toUpper", 1, 1, false, f_to_upper},
      {"trim", 1, 1, false, f_trim},
      {"ltrim", 1, 1, false, f_ltrim},
      {"rtrim", 1, 1, false, f_rtrim},
      {"toString", 1, 1, false, f_to_string},
      {"toInteger", 1, 1, false, f_to_integer},
      {"toFloat", 1, 1, false, f_to_float},
      {"toBoolean", 1, 1, false, f_to_boolean},
      {"substring", 2, 3, false, f_substring},
      {"left", 2, 2, false, f_left},
      {"right", 2, 2, false, f_right},
      {"split", 2, 2, false, f_split},
      {"replace", 3, 3, false, f_replace},
      {"reverse", 1, 1, false, f_reverse},
      {"head", 1, 1, false, f_head},
      {"last", 1, 1, false, f_last},
      {"tail", 1, 1, false, f_tail},
      {"range", 2, 3, false, f_range},
      {"abs", 1, 1, false, f_abs},
      {"round", 1, 1, false, f_round},
      {"floor", 1, 1, false, f_floor},
      {"ceil", 1, 1, false, f_ceil},
      {"sqrt", 1, 1, false, f_sqrt},
      {"sign", 1, 1, false, f_sign},
      {"count", 1, 1, true, nullptr},
      {"collect", 1, 1, true, nullptr},
      {"min", 1, 1, true, nullptr},
      {"max", 1, 1, true, nullptr},
      {"sum", 1, 1, true, nullptr},
      {"avg", 1, 1, true, nullptr},
  };
  return t;
}

}  // namespace

int find_function(std::string_view name) {
  const auto& t = table();
  for (size_t i = 0; i < t.size(); ++i)
    if (iequals(t[i].name, name)) return static_cast<int>(i);
  return -1;
}

const FunctionDef& function(int index) { return table()[index]; }

std::vector<std::string_view> function_names() {
  std::vector<std::string_view> out;
  for (const auto& f : table()) out.push_back(f.name);
  return out;
}

QValue node_property(const Graph& g, NodeId id, std::string_view key) {
  const Node& n = g.node(id);
  if (key == "name") return QValue::view(n.name);
  if (key == "aliases") {
    List out;
    for (const auto& a : n.aliases) out.push_back(QValue::view(a));
    return QValue(std::move(out));
  }
  const Value* v = n.props.get(key);
  return v ? from_stored(*v) : QValue();
}

QValue rel_property(const Graph& g, EdgeId id, std::string_view key) {
  if (key == "count") return QValue(static_cast<int64_t>(g.edge_docs(id).size()));
  if (key == "docs") {
    List out;
    for (auto d : g.edge_docs(id)) out.push_back(QValue::view(d));
    return QValue(std::move(out));
  }
  const Value* v = g.edge(id).props.get(key);
  return v ? from_stored(*v) : QValue();
}

namespace {
void sort_map(Map& m) {
  std::sort(m.begin(), m.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
}
}  // namespace

Map node_properties(const Graph& g, NodeId id) {
  const Node& n = g.node(id);
  Map m;
  m.emplace_back("name", QValue::view(n.name));
  m.emplace_back("aliases", node_property(g, id, "aliases"));
  for (const auto& [k, v] : n.props) m.emplace_back(k, from_stored(v));
  sort_map(m);
  return m;
}

Map rel_properties(const Graph& g, EdgeId id) {
  Map m;
  m.emplace_back("count", rel_property(g, id, "count"));
  m.emplace_back("docs", rel_property(g, id, "docs"));
  for (const auto& [k, v] : g.edge(id).props) m.emplace_back(k, from_stored(v));
  sort_map(m);
  return m;
}

}  // namespace kg::query
