// Node-link JSON as NetworkX's node_link_data writes it and node_link_graph
// reads it:
//
//   {"directed": true, "multigraph": true,
//    "graph": {"generator": "kg", "format": "kg-node-link", "version": 1},
//    "nodes": [{"id": 0, "label": "Country", "name": "China", "aliases": [...],
//               <property>: <value>, ..., "mentions": [{"doc", "start", "end", "rule"}]}],
//    "links": [{"source": 0, "target": 3, "key": 0, "type": "SIGNED",
//               <property>: <value>, ..., "count": 2, "docs": [...],
//               "evidence": [{"doc", "start", "end", "text", "rule"}]}]}
//
// Node ids are kg's node ids; a link's key is its edge id, so parallel edges
// (of different types, or imported duplicates) stay apart in a MultiDiGraph.
// Properties are flat attributes with their JSON types (lists as arrays). A
// property whose key collides with one of the fixed keys above, or starts
// with "prop.", is written as "prop.<key>" (import strips it). `count` and
// `docs` are derived from the evidence and ignored on import.
#include "graph/export_json_keys.h"
#include "graph/export_text.h"
#include "graph/export_writers.h"

namespace kg::detail {

namespace {
void append_key(std::string& s, std::string_view key, bool is_edge) {
  if (is_reserved_json_key(key, is_edge)) {
    std::string k = "prop.";
    k += key;
    append_json_string(s, k);
  } else {
    append_json_string(s, key);
  }
  s.push_back(':');
}

void append_props(std::string& s, const Props& props, bool is_edge) {
  for (const auto& [key, value] : props) {
    s.push_back(',');
    append_key(s, key, is_edge);
    append_json_value(s, value);
  }
}
}  // namespace

void write_json(const Graph& g, AtomicFile& file, const ExportOptions& options) {
  OutBuffer out(file);
  std::string& s = out.raw();
  s += "{\"directed\":true,\"multigraph\":true,";
  s += "\"graph\":{\"generator\":\"kg\",\"format\":\"kg-node-link\",\"version\":1},\n";
  s += "\"nodes\":[";
  for (NodeId id = 0; id < g.node_count(); ++id) {
    const Node& n = g.node(id);
    s += id == 0 ? "\n{\"id\":" : ",\n{\"id\":";
    out << id;
    s += ",\"label\":";
    append_json_string(s, to_string(n.label));
    s += ",\"name\":";
    append_json_string(s, n.name);
    s += ",\"aliases\":";
    append_json_value(s, n.aliases);
    append_props(s, n.props, false);
    s += ",\"mentions\":";
    append_mentions_json(s, g, n);
    out << "}";
  }
  s += "],\n";
  append_json_string(s, options.links_key);
  s += ":[";
  std::vector<std::string_view> docs;
  for (EdgeId id = 0; id < g.edge_count(); ++id) {
    const Edge& e = g.edge(id);
    s += id == 0 ? "\n{\"source\":" : ",\n{\"source\":";
    out << e.source;
    s += ",\"target\":";
    out << e.target;
    s += ",\"key\":";
    out << id;
    s += ",\"type\":";
    append_json_string(s, to_string(e.type));
    append_props(s, e.props, true);
    edge_docs_into(g, id, docs);
    s += ",\"count\":";
    out << static_cast<uint64_t>(docs.size());
    s += ",\"docs\":";
    append_docs_json(s, docs);
    s += ",\"evidence\":";
    append_evidence_json(s, g, e);
    out << "}";
  }
  s += "]}\n";
  out.flush();
}

}  // namespace kg::detail
