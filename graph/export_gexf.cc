// GEXF 1.3 (https://gexf.net) for Gephi and NetworkX read_gexf.
//
// Nodes carry their name as the GEXF label; the kg label, aliases and
// properties are <attvalues> of typed node attributes. Edges keep their id
// (parallel edges stay apart), the relationship type as the edge label,
// `count` as the weight, and the properties, count and docs as attributes.
// Lists (aliases, docs, list properties) are JSON text.
//
// Time: the graph is mode="dynamic" timeformat="date", and an edge has a
// start date -- its own `date` property, or else the `date` of an Event it
// touches (the day the hosting, attending or holding happened) -- so Gephi's
// timeline can play the network's growth. Dates as precise as the text gave
// them ("2024", "2024-05") are padded to a full day ("2024-01-01").
#include "graph/export_table_schema.h"
#include "graph/export_text.h"
#include "graph/export_writers.h"

namespace kg::detail {

namespace {
std::string_view gexf_type(ColumnType t) {
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

// yyyy, yyyy-mm or yyyy-mm-dd (anything after the day is dropped); "" when
// the text is not such a date.
std::string gexf_date(std::string_view d) {
  auto digits = [&](size_t from, size_t n) {
    if (d.size() < from + n) return false;
    for (size_t i = from; i < from + n; ++i)
      if (d[i] < '0' || d[i] > '9') return false;
    return true;
  };
  if (!digits(0, 4)) return "";
  std::string out(d.substr(0, 4));
  if (d.size() >= 7 && d[4] == '-' && digits(5, 2)) {
    out += d.substr(4, 3);
    if (d.size() >= 10 && d[7] == '-' && digits(8, 2)) return out + std::string(d.substr(7, 3));
    return out + "-01";
  }
  return out + "-01-01";
}

std::string edge_date(const Graph& g, const Edge& e) {
  std::string d = gexf_date(e.props.get_string("date"));
  if (!d.empty()) return d;
  for (NodeId end : {e.target, e.source}) {
    const Node& n = g.node(end);
    if (n.label == Label::kEvent) {
      d = gexf_date(n.props.get_string("date"));
      if (!d.empty()) return d;
    }
  }
  return "";
}

void attr_decl(std::string& s, const std::string& id, std::string_view title,
               std::string_view type) {
  s += "      <attribute id=\"" + id + "\" title=\"";
  append_xml_escaped(s, title);
  s += "\" type=\"" + std::string(type) + "\"/>\n";
}

void attvalue(std::string& s, std::string_view id, std::string_view value) {
  s += "<attvalue for=\"";
  s += id;
  s += "\" value=\"";
  append_xml_escaped(s, value);
  s += "\"/>";
}
}  // namespace

void write_gexf(const Graph& g, AtomicFile& file) {
  GraphSchema schema = graph_schema(g);
  TableSchema nodes = all_node_columns(schema), edges = all_edge_columns(schema);
  OutBuffer out(file);
  std::string& s = out.raw();
  s += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
       "<gexf xmlns=\"http://gexf.net/1.3\" "
       "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
       "xsi:schemaLocation=\"http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd\" version=\"1.3\">\n"
       "  <meta><creator>kg</creator><description>knowledge graph of international cooperation "
       "in vocational education</description></meta>\n"
       "  <graph defaultedgetype=\"directed\" mode=\"dynamic\" timeformat=\"date\">\n"
       "    <attributes class=\"node\">\n";
  attr_decl(s, "kg_label", "kg_label", "string");
  attr_decl(s, "aliases", "aliases", "string");
  std::vector<std::string> node_ids, edge_ids;
  for (size_t i = 0; i < nodes.columns.size(); ++i) {
    node_ids.push_back("np" + std::to_string(i));
    attr_decl(s, node_ids.back(), nodes.columns[i].name, gexf_type(nodes.columns[i].type));
  }
  s += "    </attributes>\n    <attributes class=\"edge\">\n";
  for (size_t i = 0; i < edges.columns.size(); ++i) {
    edge_ids.push_back("ep" + std::to_string(i));
    attr_decl(s, edge_ids.back(), edges.columns[i].name, gexf_type(edges.columns[i].type));
  }
  attr_decl(s, "count", "count", "long");
  attr_decl(s, "docs", "docs", "string");
  s += "    </attributes>\n    <nodes>\n";
  out.flush();
  // Records are independent text: generated in chunks on all cores
  // (write_chunked), written in order.
  write_chunked(file, g.node_count(), [&](size_t begin, size_t end, std::string& s) {
    std::string json;
    for (NodeId id = begin; id < end; ++id) {
      const Node& n = g.node(id);
      s += "      <node id=\"";
      append_int(s, id);
      s += "\" label=\"";
      append_xml_escaped(s, n.name);
      s += "\"><attvalues>";
      attvalue(s, "kg_label", to_string(n.label));
      json.assign(1, '[');
      for (size_t a = 0; a < n.aliases.size(); ++a) {
        if (a) json.push_back(',');
        append_json_string(json, n.aliases[a]);
      }
      json.push_back(']');
      attvalue(s, "aliases", json);
      for (size_t i = 0; i < nodes.columns.size(); ++i)
        if (const Value* v = n.props.get(nodes.columns[i].key))
          attvalue(s, node_ids[i], value_text(*v));
      s += "</attvalues></node>\n";
    }
  });
  file.write("    </nodes>\n    <edges>\n");
  write_chunked(file, g.edge_count(), [&](size_t begin, size_t end, std::string& s) {
    std::vector<std::string_view> docs;
    std::string d;
    for (EdgeId id = begin; id < end; ++id) {
      const Edge& e = g.edge(id);
      edge_docs_into(g, id, docs);
      s += "      <edge id=\"";
      append_int(s, id);
      s += "\" source=\"";
      append_int(s, e.source);
      s += "\" target=\"";
      append_int(s, e.target);
      s += "\" label=\"";
      s += to_string(e.type);
      s += "\" weight=\"";
      append_int(s, static_cast<int64_t>(docs.size()));
      std::string date = edge_date(g, e);
      if (!date.empty()) s += "\" start=\"" + date;
      s += "\"><attvalues>";
      for (size_t i = 0; i < edges.columns.size(); ++i)
        if (const Value* v = e.props.get(edges.columns[i].key))
          attvalue(s, edge_ids[i], value_text(*v));
      attvalue(s, "count", std::to_string(docs.size()));
      d.clear();
      append_docs_json(d, docs);
      attvalue(s, "docs", d);
      s += "</attvalues></edge>\n";
    }
  });
  file.write("    </edges>\n  </graph>\n</gexf>\n");
}

}  // namespace kg::detail
