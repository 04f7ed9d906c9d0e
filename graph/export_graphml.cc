// GraphML (http://graphml.graphdrawing.org/) as NetworkX read_graphml,
// igraph and Gephi read it. Every node attribute and edge attribute has a
// typed <key> (string, long, double, boolean); list values (aliases, docs,
// list properties) and keys of mixed type are strings holding JSON. Node
// ids are "n<kg id>", edge ids "e<kg id>" (NetworkX takes them as multigraph
// keys, so parallel edges stay apart). Node attributes: label, name,
// aliases, then the properties; edge attributes: type, the properties,
// count, docs.
#include "graph/export_table_schema.h"
#include "graph/export_text.h"
#include "graph/export_writers.h"

namespace kg::detail {

namespace {
std::string_view graphml_type(ColumnType t) {
  switch (t) {
    case ColumnType::kInt:
      return "long";
    case ColumnType::kDouble:
      return "double";
    case ColumnType::kBool:
      return "boolean";
    default:
      return "string";
  }
}

void key_decl(std::string& s, const std::string& id, std::string_view for_what,
              std::string_view name, std::string_view type) {
  s += "  <key id=\"" + id + "\" for=\"" + std::string(for_what) + "\" attr.name=\"";
  append_xml_escaped(s, name);
  s += "\" attr.type=\"" + std::string(type) + "\"/>\n";
}

void data(std::string& s, std::string_view key, std::string_view text) {
  s += "<data key=\"";
  s += key;
  s += "\">";
  append_xml_escaped(s, text);
  s += "</data>";
}

void prop_data(std::string& s, const TableSchema& t, const std::vector<std::string>& ids,
               const Props& props) {
  for (size_t i = 0; i < t.columns.size(); ++i) {
    const Value* v = props.get(t.columns[i].key);
    if (v != nullptr) data(s, ids[i], value_text(*v));
  }
}
}  // namespace

void write_graphml(const Graph& g, AtomicFile& file) {
  GraphSchema schema = graph_schema(g);
  TableSchema nodes = all_node_columns(schema), edges = all_edge_columns(schema);
  OutBuffer out(file);
  std::string& s = out.raw();
  s += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
       "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" "
       "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
       "xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns "
       "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n";
  key_decl(s, "label", "node", "label", "string");
  key_decl(s, "name", "node", "name", "string");
  key_decl(s, "aliases", "node", "aliases", "string");
  std::vector<std::string> node_ids, edge_ids;
  for (size_t i = 0; i < nodes.columns.size(); ++i) {
    node_ids.push_back("np" + std::to_string(i));
    key_decl(s, node_ids.back(), "node", nodes.columns[i].name,
             graphml_type(nodes.columns[i].type));
  }
  key_decl(s, "type", "edge", "type", "string");
  for (size_t i = 0; i < edges.columns.size(); ++i) {
    edge_ids.push_back("ep" + std::to_string(i));
    key_decl(s, edge_ids.back(), "edge", edges.columns[i].name,
             graphml_type(edges.columns[i].type));
  }
  key_decl(s, "count", "edge", "count", "long");
  key_decl(s, "docs", "edge", "docs", "string");
  s += "  <graph id=\"kg\" edgedefault=\"directed\">\n";
  out.flush();
  // Records are independent text: generated in chunks on all cores
  // (write_chunked), written in order.
  write_chunked(file, g.node_count(), [&](size_t begin, size_t end, std::string& s) {
    std::string json;
    for (NodeId id = begin; id < end; ++id) {
      const Node& n = g.node(id);
      s += "    <node id=\"n";
      append_int(s, id);
      s += "\">";
      data(s, "label", to_string(n.label));
      data(s, "name", n.name);
      json.assign(1, '[');
      for (size_t a = 0; a < n.aliases.size(); ++a) {
        if (a) json.push_back(',');
        append_json_string(json, n.aliases[a]);
      }
      json.push_back(']');
      data(s, "aliases", json);
      prop_data(s, nodes, node_ids, n.props);
      s += "</node>\n";
    }
  });
  write_chunked(file, g.edge_count(), [&](size_t begin, size_t end, std::string& s) {
    std::vector<std::string_view> docs;
    std::string d;
    for (EdgeId id = begin; id < end; ++id) {
      const Edge& e = g.edge(id);
      s += "    <edge id=\"e";
      append_int(s, id);
      s += "\" source=\"n";
      append_int(s, e.source);
      s += "\" target=\"n";
      append_int(s, e.target);
      s += "\">";
      data(s, "type", to_string(e.type));
      prop_data(s, edges, edge_ids, e.props);
      edge_docs_into(g, id, docs);
      data(s, "count", std::to_string(docs.size()));
      d.clear();
      append_docs_json(d, docs);
      data(s, "docs", d);
      s += "</edge>\n";
    }
  });
  file.write("  </graph>\n</graphml>\n");
}

}  // namespace kg::detail
