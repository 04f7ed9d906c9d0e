// A Cypher script that rebuilds the graph in Kuzu or Neo4j: Kuzu's schema
// (the csv export's tables, unless ExportOptions::cypher_schema is false),
// then one CREATE per node and one MATCH ... CREATE per relationship, one
// statement per line. Nodes carry `id` (kg's node id, the key the
// relationships match on), name, aliases (JSON text), their properties and
// mentions (JSON text); relationships carry `key` (the edge id), their
// properties, count, docs and evidence (JSON text). String literals are
// single-quoted with backslash escapes, which both systems read.
#include <cmath>

#include "graph/export_table_schema.h"
#include "graph/export_text.h"
#include "graph/export_writers.h"

namespace kg::detail {

namespace {
void append_cypher_string(std::string& out, std::string_view s) {
  static const char kHex[] = "0123456789ABCDEF";
  out.push_back('\'');
  for (unsigned char c : s) {
    switch (c) {
      case '\'':
        out += "\\'";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (c < 0x20) {
          out += "\\u00";
          out.push_back(kHex[c >> 4]);
          out.push_back(kHex[c & 15]);
        } else {
          out.push_back(static_cast<char>(c));
        }
    }
  }
  out.push_back('\'');
}

void append_literal(std::string& out, const Value& v, ColumnType column) {
  if (column == ColumnType::kMixed || v.index() == 0 || v.index() == 4) {
    append_cypher_string(out, value_text(v));
    return;
  }
  out += value_text(v);
}

void append_props(std::string& out, const TableSchema& t, const Props& props) {
  for (const Column& c : t.columns) {
    const Value* v = props.get(c.key);
    if (v == nullptr) continue;
    if (v->index() == 2 && !std::isfinite(std::get<double>(*v))) continue;  // no literal for it
    out += ", " + backticked(c.name) + ": ";
    append_literal(out, *v, c.type);
  }
}
}  // namespace

void write_cypher(const Graph& g, AtomicFile& file, const ExportOptions& options) {
  GraphSchema schema = graph_schema(g);
  if (options.cypher_schema) file.write(kuzu_ddl(schema));
  write_chunked(file, g.node_count(), [&](size_t begin, size_t end, std::string& s) {
    std::string json;
    for (NodeId id = begin; id < end; ++id) {
      const Node& n = g.node(id);
      s += "CREATE (:" + backticked(to_string(n.label)) + " {`id`: ";
      append_int(s, id);
      s += ", `name`: ";
      append_cypher_string(s, n.name);
      s += ", `aliases`: ";
      append_cypher_string(s, json_value(n.aliases));
      append_props(s, schema.labels[static_cast<int>(n.label)], n.props);
      json.clear();
      append_mentions_json(json, g, n);
      s += ", `mentions`: ";
      append_cypher_string(s, json);
      s += "});\n";
    }
  });
  write_chunked(file, g.edge_count(), [&](size_t begin, size_t end, std::string& s) {
    std::string json;
    for (EdgeId id = begin; id < end; ++id) {
      const Edge& e = g.edge(id);
      s += "MATCH (a:" + backticked(to_string(g.node(e.source).label)) + " {`id`: ";
      append_int(s, e.source);
      s += "}), (b:" + backticked(to_string(g.node(e.target).label)) + " {`id`: ";
      append_int(s, e.target);
      s += "}) CREATE (a)-[:" + backticked(to_string(e.type)) + " {`key`: ";
      append_int(s, id);
      append_props(s, schema.types[static_cast<int>(e.type)], e.props);
      auto docs = g.edge_docs(id);
      s += ", `count`: " + std::to_string(docs.size()) + ", `docs`: ";
      json.clear();
      append_docs_json(json, docs);
      append_cypher_string(s, json);
      json.clear();
      append_evidence_json(json, g, e);
      s += ", `evidence`: ";
      append_cypher_string(s, json);
      s += "}]->(b);\n";
    }
  });
}

}  // namespace kg::detail
