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
  // Records are independent text: generated in chunks on all cores
  // (write_chunked), written in order.
  file.write(
      "{\"directed\":true,\"multigraph\":true,"
      "\"graph\":{\"generator\":\"kg\",\"format\":\"kg-node-link\",\"version\":1},\n"
      "\"nodes\":[");
  write_chunked(file, g.node_count(), [&](size_t begin, size_t end, std::string& s) {
    for (NodeId id = begin; id < end; ++id) {
      const Node& n = g.node(id);
      s += id == 0 ? "\n{\"id\":" : ",\n{\"id\":";
      append_int(s, id);
      s += ",\"label\":";
      append_json_string(s, to_string(n.label));
      s += ",\"name\":";
      append_json_string(s, n.name);
      s += ",\"aliases\":[";
      for (size_t a = 0; a < n.aliases.size(); ++a) {
        if (a) s.push_back(',');
        append_json_string(s, n.aliases[a]);
      }
      s.push_back(']');
      append_props(s, n.props, false);
      s += ",\"mentions\":";
      append_mentions_json(s, g, n);
      s.push_back('}');
    }
  });
  file.write("],\n" + json_string(options.links_key) + ":[");
  write_chunked(file, g.edge_count(), [&](size_t begin, size_t end, std::string& s) {
    std::vector<std::string_view> docs;
    for (EdgeId id = begin; id < end; ++id) {
      const Edge& e = g.edge(id);
      s += id == 0 ? "\n{\"source\":" : ",\n{\"source\":";
      append_int(s, e.source);
      s += ",\"target\":";
      append_int(s, e.target);
      s += ",\"key\":";
      append_int(s, id);
      s += ",\"type\":";
      append_json_string(s, to_string(e.type));
      append_props(s, e.props, true);
      edge_docs_into(g, id, docs);
      s += ",\"count\":";
      append_int(s, static_cast<int64_t>(docs.size()));
      s += ",\"docs\":";
      append_docs_json(s, docs);
      s += ",\"evidence\":";
      append_evidence_json(s, g, e);
      s.push_back('}');
    }
  });
  file.write("]}\n");
}

}  // namespace kg::detail
