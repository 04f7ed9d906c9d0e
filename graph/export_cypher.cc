// A Cypher script that rebuilds the graph in Kuzu or Neo4j: Kuzu's schema
// (the csv export's tables, unless ExportOptions::cypher_schema is false),
// then the records in batches, one statement per line (unless a string
// holds a newline):
//
//   UNWIND [{id:0,name:'China',aliases:'["PRC"]',p0:'CN',mentions:'[...]'},
//           ...] AS r CREATE (:`Country` {`id`:r.id,`name`:r.name,
//           `aliases`:r.aliases,`iso2`:r.p0,`mentions`:r.mentions});
//   UNWIND [{s:2,t:0,key:5,p0:'MoU',count:2,docs:'[...]',evidence:'[...]'},
//           ...] AS r MATCH (a:`Institution` {`id`:r.s}),(b:`Country`
//           {`id`:r.t}) CREATE (a)-[:`SIGNED` {`key`:r.key,`agreement`:r.p0,
//           `count`:r.count,`docs`:r.docs,`evidence`:r.evidence}]->(b);
//
// One statement per label (nodes) or per type and endpoint labels (edges)
// and per set of properties present, for up to kBatch records: the pattern
// and the property names are written once per batch instead of once per
// record (a third of the bytes of one CREATE per record), and Kuzu needs
// every row of an UNWIND list to have the same fields (a NULL field would
// be typed STRING). Row fields p<i> are the table's columns by position
// (graph/export_table_schema.h). Nodes carry `id` (kg's node id, the key
// the relationships match on), name, aliases (JSON text), their properties
// and mentions (JSON text); relationships carry `key` (the edge id), their
// properties, count, docs and evidence (JSON text). String literals are
// single-quoted, ' and \ escaped with a backslash, other characters (newlines
// too) as they are, which both systems read.
#include <cmath>
#include <map>
#include <tuple>

#include "graph/export_table_schema.h"
#include "graph/export_text.h"
#include "graph/export_writers.h"

namespace kg::detail {

namespace {
constexpr size_t kBatch = 500;

// Single-quoted; only ' and \ are escaped. Control characters are written
// as they are: Kuzu (0.11) reads \n, \t and \uXXXX in a literal as the
// letters n, t, uXXXX, so escaping them lost every newline, while both Kuzu
// and Neo4j take them raw inside quotes. A statement can therefore span
// lines; it ends at the ';' outside quotes that ends its line.
void append_cypher_string(std::string& out, std::string_view s) {
  out.push_back('\'');
  size_t run = 0;  // start of the current run of bytes that need no escape
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '\'' && s[i] != '\\') continue;
    out.append(s.data() + run, i - run);
    out.push_back('\\');
    out.push_back(s[i]);
    run = i + 1;
  }
  out.append(s.data() + run, s.size() - run);
  out.push_back('\'');
}

void append_literal(std::string& out, const Value& v, ColumnType column) {
  if (column == ColumnType::kMixed || v.index() == 0 || v.index() == 4) {
    append_cypher_string(out, value_text(v));
    return;
  }
  out += value_text(v);
}

// The property values a record writes, by column, into `values`; null
// where it has none (a non-finite double has no Cypher literal either).
// Returns which columns are present as a string of '0'/'1': the batch key.
std::string present_values(const TableSchema& t, const Props& props,
                           std::vector<const Value*>& values) {
  values.assign(t.columns.size(), nullptr);
  std::string mask(t.columns.size(), '0');
  for (size_t i = 0; i < t.columns.size(); ++i) {
    const Value* v = props.get(t.columns[i].key);
    if (v != nullptr && v->index() == 2 && !std::isfinite(std::get<double>(*v))) v = nullptr;
    values[i] = v;
    if (v != nullptr) mask[i] = '1';
  }
  return mask;
}

void append_row_props(std::string& s, const TableSchema& t,
                      const std::vector<const Value*>& values) {
  for (size_t i = 0; i < values.size(); ++i) {
    if (values[i] == nullptr) continue;
    s += ",p";
    append_int(s, static_cast<int64_t>(i));
    s.push_back(':');
    append_literal(s, *values[i], t.columns[i].type);
  }
}

// `name`:r.p<i> for each present column.
void append_assignments(std::string& s, const TableSchema& t, const std::string& mask) {
  for (size_t i = 0; i < mask.size(); ++i) {
    if (mask[i] != '1') continue;
    s += "," + backticked(t.columns[i].name) + ":r.p";
    append_int(s, static_cast<int64_t>(i));
  }
}

// Calls emit(ids) for each batch of up to kBatch ids of each group.
template <class Key, class F>
void for_each_batch(const std::map<Key, std::vector<uint32_t>>& groups, F&& emit) {
  for (const auto& [key, ids] : groups)
    for (size_t b = 0; b < ids.size(); b += kBatch)
      emit(key, ids.data() + b, std::min(ids.size(), b + kBatch) - b);
}
}  // namespace

void write_cypher(const Graph& g, AtomicFile& file, const ExportOptions& options) {
  GraphSchema schema = graph_schema(g);
  if (options.cypher_schema) file.write(kuzu_ddl(schema));
  write_chunked(file, g.node_count(), [&](size_t begin, size_t end, std::string& s) {
    using Key = std::pair<int, std::string>;  // label, presence
    std::map<Key, std::vector<uint32_t>> groups;
    std::vector<const Value*> values;
    for (NodeId id = begin; id < end; ++id) {
      const Node& n = g.node(id);
      const int label = static_cast<int>(n.label);
      groups[{label, present_values(schema.labels[label], n.props, values)}].push_back(id);
    }
    for_each_batch(groups, [&](const Key& key, const uint32_t* ids, size_t count) {
      const TableSchema& table = schema.labels[key.first];
      s += "UNWIND [";
      for (size_t i = 0; i < count; ++i) {
        const Node& n = g.node(ids[i]);
        s += i ? ",{id:" : "{id:";
        append_int(s, ids[i]);
        s += ",name:";
        append_cypher_string(s, n.name);
        s += ",aliases:'[";
        for (size_t a = 0; a < n.aliases.size(); ++a) {
          if (a) s.push_back(',');
          append_json_string(s, n.aliases[a], JsonIn::kCypher);
        }
        s += "]'";
        present_values(table, n.props, values);
        append_row_props(s, table, values);
        s += ",mentions:'";
        append_mentions_json(s, g, n, JsonIn::kCypher);
        s += "'}";
      }
      s += "] AS r CREATE (:" + backticked(to_string(static_cast<Label>(key.first))) +
           " {`id`:r.id,`name`:r.name,`aliases`:r.aliases";
      append_assignments(s, table, key.second);
      s += ",`mentions`:r.mentions});\n";
    });
  });
  // Each node's label in a table of its own: grouping an edge by its
  // endpoints' labels reads two bytes, not two node records.
  std::vector<uint8_t> labels(g.node_count());
  for (NodeId i = 0; i < g.node_count(); ++i) labels[i] = static_cast<uint8_t>(g.node(i).label);
  write_chunked(file, g.edge_count(), [&](size_t begin, size_t end, std::string& s) {
    using Key = std::tuple<int, int, int, std::string>;  // type, from, to, presence
    std::map<Key, std::vector<uint32_t>> groups;
    std::vector<const Value*> values;
    std::vector<std::string_view> docs;
    for (EdgeId id = begin; id < end; ++id) {
      const Edge& e = g.edge(id);
      const int type = static_cast<int>(e.type);
      groups[{type, labels[e.source], labels[e.target],
              present_values(schema.types[type], e.props, values)}]
          .push_back(id);
    }
    for_each_batch(groups, [&](const Key& key, const uint32_t* ids, size_t count) {
      const auto& [type, from, to, mask] = key;
      const TableSchema& table = schema.types[type];
      s += "UNWIND [";
      for (size_t i = 0; i < count; ++i) {
        const Edge& e = g.edge(ids[i]);
        s += i ? ",{s:" : "{s:";
        append_int(s, e.source);
        s += ",t:";
        append_int(s, e.target);
        s += ",key:";
        append_int(s, ids[i]);
        present_values(table, e.props, values);
        append_row_props(s, table, values);
        edge_docs_into(g, ids[i], docs);
        s += ",count:";
        append_int(s, static_cast<int64_t>(docs.size()));
        s += ",docs:'";
        append_docs_json(s, docs, JsonIn::kCypher);
        s += "',evidence:'";
        append_evidence_json(s, g, e, JsonIn::kCypher);
        s += "'}";
      }
      s += "] AS r MATCH (a:" + backticked(to_string(static_cast<Label>(from))) +
           " {`id`:r.s}),(b:" + backticked(to_string(static_cast<Label>(to))) +
           " {`id`:r.t}) CREATE (a)-[:" + backticked(to_string(static_cast<RelType>(type))) +
           " {`key`:r.key";
      append_assignments(s, table, mask);
      s += ",`count`:r.count,`docs`:r.docs,`evidence`:r.evidence}]->(b);\n";
    });
  });
}

}  // namespace kg::detail
