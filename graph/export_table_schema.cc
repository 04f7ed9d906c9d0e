#include "graph/export_table_schema.h"

#include <algorithm>
#include <map>

#include "graph/export_json_keys.h"

namespace kg::detail {

namespace {
ColumnType type_of(const Value& v) {
  switch (v.index()) {
    case 0:
      return ColumnType::kString;
    case 1:
      return ColumnType::kInt;
    case 2:
      return ColumnType::kDouble;
    case 3:
      return ColumnType::kBool;
    default:
      return ColumnType::kList;
  }
}

void note(std::map<std::string, ColumnType, std::less<>>& cols, const Props& props) {
  for (const auto& [key, value] : props) {
    ColumnType t = type_of(value);
    auto [it, added] = cols.emplace(key, t);
    if (!added && it->second != t) it->second = ColumnType::kMixed;
  }
}

TableSchema to_table(const std::map<std::string, ColumnType, std::less<>>& cols, bool is_edge) {
  TableSchema t;
  for (const auto& [key, type] : cols) {
    Column c;
    c.key = key;
    c.name = is_reserved_json_key(key, is_edge) ? "prop." + key : key;
    c.type = type;
    t.columns.push_back(std::move(c));
  }
  return t;
}
}  // namespace

GraphSchema graph_schema(const Graph& g) {
  GraphSchema s;
  std::map<std::string, ColumnType, std::less<>> node_cols[kLabelCount];
  std::map<std::string, ColumnType, std::less<>> edge_cols[kRelTypeCount];
  for (NodeId id = 0; id < g.node_count(); ++id) {
    const Node& n = g.node(id);
    s.has_label[static_cast<int>(n.label)] = true;
    note(node_cols[static_cast<int>(n.label)], n.props);
  }
  std::vector<bool> seen(kRelTypeCount * kLabelCount * kLabelCount, false);
  for (EdgeId id = 0; id < g.edge_count(); ++id) {
    const Edge& e = g.edge(id);
    int t = static_cast<int>(e.type);
    Label a = g.node(e.source).label, b = g.node(e.target).label;
    size_t slot = (t * kLabelCount + static_cast<int>(a)) * kLabelCount + static_cast<int>(b);
    if (!seen[slot]) {
      seen[slot] = true;
      s.pairs[t].emplace_back(a, b);
    }
    note(edge_cols[t], e.props);
  }
  for (int i = 0; i < kLabelCount; ++i) s.labels[i] = to_table(node_cols[i], false);
  for (int i = 0; i < kRelTypeCount; ++i) {
    s.types[i] = to_table(edge_cols[i], true);
    std::sort(s.pairs[i].begin(), s.pairs[i].end());
  }
  return s;
}

namespace {
TableSchema merge(const TableSchema* tables, int n) {
  std::map<std::string, Column, std::less<>> cols;
  for (int i = 0; i < n; ++i)
    for (const Column& c : tables[i].columns) {
      auto [it, added] = cols.emplace(c.key, c);
      if (!added && it->second.type != c.type) it->second.type = ColumnType::kMixed;
    }
  TableSchema t;
  for (auto& [k, c] : cols) t.columns.push_back(c);
  return t;
}
}  // namespace

TableSchema all_node_columns(const GraphSchema& s) { return merge(s.labels, kLabelCount); }
TableSchema all_edge_columns(const GraphSchema& s) { return merge(s.types, kRelTypeCount); }

std::string_view neo4j_type(ColumnType t) {
  switch (t) {
    case ColumnType::kInt:
      return "long";
    case ColumnType::kDouble:
      return "double";
    case ColumnType::kBool:
      return "boolean";
    case ColumnType::kList:
      return "string[]";
    case ColumnType::kString:
    case ColumnType::kMixed:
      break;
  }
  return "string";
}

std::string_view kuzu_type(ColumnType t) {
  switch (t) {
    case ColumnType::kInt:
      return "INT64";
    case ColumnType::kDouble:
      return "DOUBLE";
    case ColumnType::kBool:
      return "BOOLEAN";
    default:
      return "STRING";
  }
}

std::string backticked(std::string_view name) {
  std::string out = "`";
  for (char c : name) {
    if (c == '`') out.push_back('`');
    out.push_back(c);
  }
  out.push_back('`');
  return out;
}

std::string kuzu_ddl(const GraphSchema& s) {
  auto columns = [](const TableSchema& t) {
    std::string out;
    for (const Column& c : t.columns)
      out += ", " + backticked(c.name) + " " + std::string(kuzu_type(c.type));
    return out;
  };
  std::string ddl;
  for (Label label : kAllLabels) {
    int li = static_cast<int>(label);
    if (!s.has_label[li]) continue;
    ddl += "CREATE NODE TABLE " + backticked(to_string(label)) +
           "(`id` INT64, `name` STRING, `aliases` STRING" + columns(s.labels[li]) +
           ", `mentions` STRING, PRIMARY KEY(`id`));\n";
  }
  for (RelType type : kAllRelTypes) {
    int ti = static_cast<int>(type);
    if (s.pairs[ti].empty()) continue;
    ddl += "CREATE REL TABLE " + backticked(to_string(type)) + "(";
    for (size_t i = 0; i < s.pairs[ti].size(); ++i) {
      auto [a, b] = s.pairs[ti][i];
      if (i) ddl += ", ";
      ddl += "FROM " + backticked(to_string(a)) + " TO " + backticked(to_string(b));
    }
    ddl += ", `key` INT64" + columns(s.types[ti]) +
           ", `count` INT64, `docs` STRING, `evidence` STRING);\n";
  }
  return ddl;
}

}  // namespace kg::detail
