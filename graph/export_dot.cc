// The dot export: the DOT text of the whole graph as a diagram -- the same
// graph, attributes and escaping that `kg render -o g.dot` gets from cgraph
// (graph/render.cc, labels from graph/diagram_text.h), with the dot engine's
// settings -- but written directly: building a million-node cgraph graph
// cost about 23 us an edge in its per-node edge dictionaries, writing the
// text costs well under one. Nodes come first in id order, then the edges
// in id order (agwrite groups edges by tail node; the graph is the same).
// Node ids are "n<index>", so they are plain DOT IDs whatever the names;
// every visible text is an HTML-like label, attribute values are constants
// quoted as DOT strings.
#include "graph/diagram_text.h"
#include "graph/export_text.h"
#include "graph/export_writers.h"
#include "graph/render_style.h"

namespace kg::detail {

namespace {
void append_quoted(std::string& out, std::string_view s) {
  out.push_back('"');
  out += s;  // kg's own constants: no quote or backslash in them
  out.push_back('"');
}
}  // namespace

void write_dot(const Graph& g, AtomicFile& file) {
  const DiagramView view = make_view(g, {});
  const bool big = view.nodes.size() > kBigView;
  file.write(
      "digraph kg {\n"
      "\tgraph [charset=\"UTF-8\", fontname=Helvetica, outputorder=edgesfirst, rankdir=LR];\n"
      "\tnode [fontname=Helvetica, fontsize=10, style=filled];\n"
      "\tedge [fontname=Helvetica, fontsize=8];\n");
  write_chunked(file, view.nodes.size(), [&](size_t begin, size_t end, std::string& s) {
    for (size_t i = begin; i < end; ++i) {
      const ViewNode& n = view.nodes[i];
      const auto& st = style_of(n.label);
      s += "\tn";
      append_int(s, static_cast<int64_t>(i));
      s += " [fillcolor=";
      append_quoted(s, st.fill);
      s += ", label=<";
      s += node_label_html(n);
      s += ">, shape=";
      append_quoted(s, st.shape);
      s += ", tooltip=";
      append_quoted(s, to_string(n.label));
      s += "];\n";
    }
  });
  write_chunked(file, view.edges.size(), [&](size_t begin, size_t end, std::string& s) {
    for (size_t i = begin; i < end; ++i) {
      const ViewEdge& e = view.edges[i];
      const auto& st = style_of(e.type);
      s += "\tn";
      append_int(s, e.source);
      s += " -> n";
      append_int(s, e.target);
      s += " [color=";
      append_quoted(s, st.color);
      if (is_symmetric(e.type)) s += ", dir=none";
      s += ", fontcolor=";
      append_quoted(s, st.color);
      if (!big) {
        s += ", label=<";
        s += edge_label_html(e);
        s.push_back('>');
      }
      s += ", penwidth=";
      s += edge_penwidth(e);
      s += ", style=";
      append_quoted(s, st.style);
      s += "];\n";
    }
  });
  std::string tail;
  if (!view.nodes.empty()) {
    tail = "\tlegend [label=<" + legend_html(view) + ">, shape=plaintext, style=\"\"];\n";
  }
  tail += "}\n";
  file.write(tail);
}

}  // namespace kg::detail
