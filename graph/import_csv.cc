// Reads a csv directory (export_csv.cc's layout, or tables a user made the
// same way) into a Graph.
//
// Node tables are read in label order, relationship tables in file-name
// order. When every node id is a non-negative integer the nodes are numbered
// by id (restoring a kg export's ids); otherwise in file order. Edges with a
// `key` column are ordered by key, the same way. Text cells lose the formula
// guard of graph/csv.h.
#include <algorithm>
#include <atomic>
#include <charconv>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <exception>
#include <filesystem>
#include <map>
#include <optional>
#include <thread>
#include <unordered_map>

#include "graph/csv.h"
#include "graph/error.h"
#include "graph/import_parts.h"

namespace kg {

namespace {
enum class Kind { kId, kStart, kEnd, kName, kAliases, kMentions, kEvidence, kKey, kSkip, kProp };
enum class Type { kString, kInt, kDouble, kBool, kList };

struct Col {
  Kind kind = Kind::kProp;
  Type type = Type::kString;
  std::string key;
  std::string label;  // for :ID(..), :START_ID(..), :END_ID(..)
};

std::string paren(std::string_view t) {
  auto a = t.find('('), b = t.rfind(')');
  if (a == std::string_view::npos || b == std::string_view::npos || b < a) return "";
  return std::string(t.substr(a + 1, b - a - 1));
}

// "name:type" as neo4j-admin spells it.
Col parse_header(std::string_view cell, bool is_rel, size_t index) {
  Col c;
  auto colon = cell.find(':');
  std::string_view name = cell.substr(0, colon);
  std::string_view type = colon == std::string_view::npos ? "" : cell.substr(colon + 1);
  if (type.starts_with("ID")) return {Kind::kId, Type::kString, "", paren(type)};
  if (type.starts_with("START_ID")) return {Kind::kStart, Type::kString, "", paren(type)};
  if (type.starts_with("END_ID")) return {Kind::kEnd, Type::kString, "", paren(type)};
  if (type == "LABEL" || type == "TYPE" || type == "IGNORE") return {Kind::kSkip};
  if (!is_rel && index == 0) return {Kind::kId};
  if (is_rel && index == 0) return {Kind::kStart};
  if (is_rel && index == 1) return {Kind::kEnd};
  if (!is_rel && name == "name") return {Kind::kName};
  if (!is_rel && name == "aliases") return {Kind::kAliases};
  if (!is_rel && name == "mentions") return {Kind::kMentions};
  if (is_rel && name == "evidence") return {Kind::kEvidence};
  if (is_rel && name == "key") return {Kind::kKey};
  if (is_rel && (name == "count" || name == "docs")) return {Kind::kSkip};  // derived
  if (name.starts_with("prop.")) name.remove_prefix(5);
  c.key = std::string(name);
  if (type == "long" || type == "int" || type == "short" || type == "byte")
    c.type = Type::kInt;
  else if (type == "double" || type == "float")
    c.type = Type::kDouble;
  else if (type == "boolean")
    c.type = Type::kBool;
  else if (type.ends_with("[]"))
    c.type = Type::kList;
  return c;
}

struct Ctx {
  const std::string& path;
  size_t line;
  detail::Where where() const { return {path, "", line}; }
  [[noreturn]] void fail(const std::string& what) const {
    throw InputError::at_line(path, line, what);
  }
};

bool parse_int(std::string_view s, int64_t& v) {
  auto r = std::from_chars(s.data(), s.data() + s.size(), v);
  return r.ec == std::errc() && r.ptr == s.data() + s.size() && !s.empty();
}

// The JSON text of a cell, its formula guard dropped, parsed in place in
// the cell's buffer (which the next row overwrites anyway).
void parse_cell_json(rapidjson::Document& doc, csv::Cell& cell, const Ctx& ctx,
                     std::string_view field) {
  std::string_view text = csv::unguard(cell.text);
  char* start = cell.text.data() + (cell.text.size() - text.size());
  detail::parse_json_in_place(doc, start, ctx.where(), field);
}

bool parse_prop(const Col& c, csv::Cell& cell, Value& out, rapidjson::Document& doc,
                const Ctx& ctx) {
  if (cell.text.empty() && (!cell.quoted || c.type != Type::kString)) return false;
  switch (c.type) {
    case Type::kString:
      out = std::string(csv::unguard(cell.text));
      return true;
    case Type::kInt: {
      int64_t v;
      if (!parse_int(cell.text, v)) ctx.fail(c.key + ": not an integer: " + cell.text);
      out = v;
      return true;
    }
    case Type::kDouble: {
      char* end = nullptr;
      double v = std::strtod(cell.text.c_str(), &end);
      if (end != cell.text.c_str() + cell.text.size()) ctx.fail(c.key + ": not a number");
      out = v;
      return true;
    }
    case Type::kBool:
      if (cell.text == "true" || cell.text == "TRUE" || cell.text == "True")
        out = true;
      else if (cell.text == "false" || cell.text == "FALSE" || cell.text == "False")
        out = false;
      else
        ctx.fail(c.key + ": not a boolean: " + cell.text);
      return true;
    case Type::kList:
      break;
  }
  std::string_view text = csv::unguard(cell.text);
  if (!text.starts_with("[")) {
    // neo4j-admin's own array form: values separated by ';'.
    std::vector<std::string> items;
    size_t start = 0;
    for (size_t p; (p = text.find(';', start)) != std::string_view::npos; start = p + 1)
      items.emplace_back(text.substr(start, p - start));
    items.emplace_back(text.substr(start));
    out = std::move(items);
    return true;
  }
  parse_cell_json(doc, cell, ctx, c.key);
  out = detail::parse_string_list(doc, ctx.where(), c.key);
  return true;
}

struct PendingNode {
  std::string id;
  Label label;
  Node node;
};
struct PendingEdge {
  int64_t key;
  bool has_key;
  Edge edge;
};

// The Document that JSON cells (aliases, mentions, evidence) are parsed
// into. RapidJSON's Document keeps every value it ever parsed in its memory
// pool, so one Document reused for 5M evidence cells grew to gigabytes; the
// pool is emptied before each row here instead, and its first block lives
// inside this object so that small cells allocate nothing.
class CellDoc {
 public:
  CellDoc() : pool_(first_, sizeof first_), doc_(&pool_) {}
  // The Document, emptied. Values parsed before are gone.
  rapidjson::Document& fresh() {
    doc_.SetNull();
    pool_.Clear();
    return doc_;
  }

 private:
  char first_[8192];
  rapidjson::MemoryPoolAllocator<> pool_;
  rapidjson::Document doc_;
};

// Lines in `text`, at least the rows it holds: the pending records are
// reserved from it (growing a vector of 5M edges by doubling moved each of
// them about twice).
size_t line_count(std::string_view text) {
  size_t n = 0;
  const char* end = text.data() + text.size();
  for (const char* p = text.data();
       p != end && (p = static_cast<const char*>(std::memchr(p, '\n', end - p))) != nullptr; ++p)
    ++n;
  return n + 1;
}

// The order of records by their numeric keys, a permutation of [0, n),
// stable for equal keys. Keys that are exactly 0..n-1 (kg's own exports)
// are placed directly; others are sorted as (key, index) pairs, which a
// sort walks in order instead of chasing each record.
std::vector<uint32_t> order_by_key(const std::vector<int64_t>& keys) {
  const size_t n = keys.size();
  std::vector<uint32_t> order(n, UINT32_MAX);
  bool dense = true;
  for (uint32_t i = 0; i < n && dense; ++i) {
    int64_t k = keys[i];
    dense = k >= 0 && static_cast<size_t>(k) < n && order[k] == UINT32_MAX;
    if (dense) order[k] = i;
  }
  if (dense) return order;
  std::vector<std::pair<int64_t, uint32_t>> pairs(n);
  for (uint32_t i = 0; i < n; ++i) pairs[i] = {keys[i], i};
  std::sort(pairs.begin(), pairs.end());  // the index breaks ties: stable
  for (uint32_t i = 0; i < n; ++i) order[i] = pairs[i].second;
  return order;
}

std::vector<Col> read_header(csv::Reader& r, bool is_rel) {
  std::vector<csv::Cell> row;
  if (!r.next(row)) throw InputError(r.path() + ": empty table (no header)");
  std::vector<Col> cols;
  for (size_t i = 0; i < row.size(); ++i) cols.push_back(parse_header(row[i].text, is_rel, i));
  return cols;
}
}  // namespace

Graph import_csv(const std::string& dir) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) throw IoError(dir + ": not a directory of CSV tables");
  std::map<std::string, Label> node_files;  // sorted by label order below
  std::vector<std::string> rel_files;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().extension() != ".csv") continue;
    std::string stem = entry.path().stem().string();
    size_t dots = std::count(stem.begin(), stem.end(), '.');
    if (dots == 0) {
      auto label = parse_label(stem);
      if (!label) throw InputError(entry.path().string() + ": not a kg label: " + stem);
      node_files.emplace(entry.path().string(), *label);
    } else {
      rel_files.push_back(entry.path().string());
    }
  }
  std::sort(rel_files.begin(), rel_files.end());
  std::vector<std::pair<std::string, Label>> ordered(node_files.begin(), node_files.end());
  std::stable_sort(ordered.begin(), ordered.end(),
                   [](const auto& a, const auto& b) { return a.second < b.second; });

  Graph g;
  CellDoc cells;
  std::vector<csv::Cell> row;
  // Every table is mapped first, so that the pending records are reserved
  // once from the total line count.
  std::deque<detail::FileText> node_texts;
  size_t lines = 0;
  for (const auto& entry : ordered)
    lines += line_count(node_texts.emplace_back(entry.first).view());
  std::vector<PendingNode> nodes;
  nodes.reserve(lines);
  for (size_t f = 0; f < ordered.size(); ++f) {
    const auto& [path, label] = ordered[f];
    csv::Reader r(node_texts[f].view(), path);
    std::vector<Col> cols = read_header(r, false);
    while (r.next(row)) {
      Ctx ctx{path, r.line()};
      if (row.size() != cols.size())
        ctx.fail("has " + std::to_string(row.size()) + " cells, the header " +
                 std::to_string(cols.size()));
      rapidjson::Document& doc = cells.fresh();
      PendingNode p{"", label, {}};
      p.node.label = label;
      bool has_name = false;
      for (size_t i = 0; i < cols.size(); ++i) {
        const Col& c = cols[i];
        csv::Cell& cell = row[i];
        switch (c.kind) {
          case Kind::kId:
            p.id = cell.text;
            break;
          case Kind::kName:
            p.node.name = csv::unguard(cell.text);
            has_name = true;
            break;
          case Kind::kAliases: {
            Value v;
            Col list{Kind::kProp, Type::kList, "aliases", ""};
            if (parse_prop(list, cell, v, doc, ctx))
              p.node.aliases = std::get<std::vector<std::string>>(v);
            break;
          }
          case Kind::kMentions:
            if (cell.text.empty()) break;
            parse_cell_json(doc, cell, ctx, "mentions");
            p.node.mentions = detail::parse_mentions(doc, g, ctx.where());
            break;
          case Kind::kProp: {
            Value v;
            if (parse_prop(c, cell, v, doc, ctx)) p.node.props.set(c.key, std::move(v));
            break;
          }
          default:
            break;
        }
      }
      if (p.id.empty()) ctx.fail("a node without an id");
      if (!has_name) p.node.name = p.id;
      nodes.push_back(std::move(p));
    }
  }
  // Numeric ids (kg's own exports) order the nodes, each node moved once.
  std::vector<int64_t> numbers(nodes.size());
  bool numeric = true;
  for (size_t i = 0; i < nodes.size() && numeric; ++i)
    numeric = parse_int(nodes[i].id, numbers[i]) && numbers[i] >= 0;
  std::vector<uint32_t> node_order;
  if (numeric) {
    node_order = order_by_key(numbers);
  } else {
    node_order.resize(nodes.size());
    for (uint32_t i = 0; i < node_order.size(); ++i) node_order[i] = i;
  }
  // Ids are looked up per label (neo4j-admin's id spaces) and, for tables
  // whose header names no id space, over all labels. Numeric ids go through
  // a dense table instead of hashing strings.
  std::unordered_map<std::string, NodeId> by_label_id, by_id;
  std::vector<NodeId> by_number;
  if (numeric && !nodes.empty()) {
    int64_t max = numbers[node_order.back()];
    if (max < static_cast<int64_t>(4 * nodes.size() + 1024)) by_number.assign(max + 1, UINT32_MAX);
  }
  g.reserve(nodes.size(), 0);
  for (uint32_t i : node_order) {
    PendingNode& p = nodes[i];
    NodeId id = static_cast<NodeId>(g.node_count());
    if (!by_number.empty()) {
      int64_t number = numbers[i];
      if (by_number[number] != UINT32_MAX) throw InputError(dir + ": duplicate id " + p.id);
      by_number[number] = id;
    } else {
      std::string k = std::string(to_string(p.label)) + '\0' + p.id;
      if (!by_label_id.emplace(k, id).second)
        throw InputError(dir + ": duplicate " + std::string(to_string(p.label)) + " id " + p.id);
      by_id.emplace(p.id, id);
    }
    g.add_node(std::move(p.node));
  }
  // Each node's label in a table of its own: checking an id's id space
  // touches one byte, not the node record (a cache miss per endpoint).
  std::vector<Label> labels(g.node_count());
  for (NodeId i = 0; i < g.node_count(); ++i) labels[i] = g.node(i).label;
  auto lookup = [&](const Col& c, const std::string& text) -> std::optional<NodeId> {
    if (!by_number.empty()) {
      int64_t number;
      if (!parse_int(text, number) || number < 0 ||
          number >= static_cast<int64_t>(by_number.size()) || by_number[number] == UINT32_MAX)
        return std::nullopt;
      NodeId id = by_number[number];
      if (!c.label.empty() && to_string(labels[id]) != c.label) return std::nullopt;
      return id;
    }
    const auto& map = c.label.empty() ? by_id : by_label_id;
    auto it = map.find(c.label.empty() ? text : c.label + '\0' + text);
    if (it == map.end()) return std::nullopt;
    return it->second;
  };
  nodes = {};
  node_texts.clear();

  std::deque<detail::FileText> rel_texts;
  for (const std::string& path : rel_files) rel_texts.emplace_back(path);
  // The relationship tables are parsed on several threads, each into a part
  // of its own: its edges, and the strings of their evidence interned in a
  // Graph used only as a string pool (the real one is not thread-safe).
  // Then, in file order, the parts' strings are interned into the graph and
  // their edges appended, so the result and the first error reported are
  // those of reading the files one after another.
  struct RelPart {
    std::vector<PendingEdge> edges;
    Graph strings;
    std::exception_ptr error;
  };
  std::vector<RelPart> parts(rel_files.size());
  auto parse_rel_file = [&](size_t f, CellDoc& cells, std::vector<csv::Cell>& row) {
    const std::string& path = rel_files[f];
    RelPart& part = parts[f];
    std::string stem = fs::path(path).stem().string();
    std::string type_name = stem.substr(0, stem.find('.'));
    auto type = parse_rel_type(type_name);
    if (!type) throw InputError(path + ": not a kg relationship type: " + type_name);
    std::string_view text = rel_texts[f].view();
    part.edges.reserve(line_count(text));
    csv::Reader r(text, path);
    std::vector<Col> cols = read_header(r, true);
    while (r.next(row)) {
      Ctx ctx{path, r.line()};
      if (row.size() != cols.size())
        ctx.fail("has " + std::to_string(row.size()) + " cells, the header " +
                 std::to_string(cols.size()));
      rapidjson::Document& doc = cells.fresh();
      PendingEdge p{0, false, {}};
      p.edge.type = *type;
      int ends = 0;
      for (size_t i = 0; i < cols.size(); ++i) {
        const Col& c = cols[i];
        csv::Cell& cell = row[i];
        switch (c.kind) {
          case Kind::kStart:
          case Kind::kEnd: {
            auto found = lookup(c, cell.text);
            if (!found)
              ctx.fail("no " + (c.label.empty() ? std::string("node") : c.label) + " with id " +
                       cell.text);
            (c.kind == Kind::kStart ? p.edge.source : p.edge.target) = *found;
            ++ends;
            break;
          }
          case Kind::kKey:
            p.has_key = parse_int(cell.text, p.key);
            if (!p.has_key) ctx.fail("key: not an integer");
            break;
          case Kind::kEvidence:
            if (cell.text.empty()) break;
            parse_cell_json(doc, cell, ctx, "evidence");
            p.edge.evidence = detail::parse_evidence(doc, part.strings, ctx.where());
            break;
          case Kind::kProp: {
            Value v;
            if (parse_prop(c, cell, v, doc, ctx)) p.edge.props.set(c.key, std::move(v));
            break;
          }
          default:
            break;
        }
      }
      if (ends != 2) ctx.fail("needs a start and an end id");
      part.edges.push_back(std::move(p));
    }
  };
  std::atomic<size_t> next_file{0};
  auto worker = [&] {
    CellDoc cells;
    std::vector<csv::Cell> cell_row;
    for (size_t f; (f = next_file++) < parts.size();) {
      try {
        parse_rel_file(f, cells, cell_row);
      } catch (...) {
        parts[f].error = std::current_exception();
      }
    }
  };
  {
    const size_t n =
        std::min<size_t>(std::clamp(std::thread::hardware_concurrency(), 1u, 8u), parts.size());
    std::vector<std::thread> threads;
    for (size_t i = 1; i < n; ++i) threads.emplace_back(worker);
    worker();
    for (auto& t : threads) t.join();
  }
  // In file order: each part's strings interned into the graph (numbered as
  // reading the files one after another would), its error thrown.
  std::vector<Sym> remap;
  std::vector<size_t> offsets{0};  // each part's first edge, in file order
  bool all_keys = true;
  for (RelPart& part : parts) {
    if (part.error) std::rethrow_exception(part.error);
    remap.clear();
    auto global = [&](Sym s) {
      if (s >= remap.size()) remap.resize(s + 1, UINT32_MAX);
      if (remap[s] == UINT32_MAX) remap[s] = g.intern(part.strings.str(s));
      return remap[s];
    };
    for (PendingEdge& p : part.edges) {
      for (EdgeEvidence& ev : p.edge.evidence) {
        ev.doc = global(ev.doc);
        ev.text = global(ev.text);
        ev.rule = global(ev.rule);
      }
      all_keys = all_keys && p.has_key;
    }
    offsets.push_back(offsets.back() + part.edges.size());
  }
  rel_texts.clear();
  // Then in key order when every edge has one, else in file order, each edge
  // moved once from its part into the graph (sorting the edges themselves
  // moved each of 5M edges some 20 times).
  const size_t total = offsets.back();
  std::vector<uint32_t> order;
  if (all_keys) {
    std::vector<int64_t> keys;
    keys.reserve(total);
    for (const RelPart& part : parts)
      for (const PendingEdge& p : part.edges) keys.push_back(p.key);
    order = order_by_key(keys);
  } else {
    order.resize(total);
    for (uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  }
  g.reserve(0, total);
  for (uint32_t i : order) {
    size_t part = std::upper_bound(offsets.begin(), offsets.end(), i) - offsets.begin() - 1;
    g.add_edge(std::move(parts[part].edges[i - offsets[part]].edge));
  }
  return g;
}

}  // namespace kg
