// Drawing a DiagramView with Graphviz's libraries.
//
// build() turns the DiagramView into a cgraph graph: nodes "n<index>" (SVG <title>
// and DOT ids stay plain ASCII whatever the names are), edges "e<index>" so
// parallel edges of different types stay apart. Every visible text -- names,
// edge labels, cluster names, title, legend -- is an HTML-like label
// (agstrdup_html) whose text is escaped as HTML (graph/diagram_text.h, shared
// with the dot export): Graphviz then never
// interprets backslashes (its escString rules) or quotes in them, and writes
// them escaped into DOT (label=<...>) and SVG (XML text). A newline in a name
// becomes <BR/>.
//
// Then gvLayout with the chosen engine and gvRenderData into memory; DOT
// output is agwrite of the graph before layout. cgraph and gvc report errors
// through return codes; they become kg::Error here and nowhere else.
#include "graph/render.h"

#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <memory>

#include "graph/atomic_file.h"
#include "graph/diagram_text.h"
#include "graph/error.h"
#include "graph/render_style.h"

namespace kg {

namespace {
using detail::html_text;
using detail::kBigView;

char* cs(const char* s) { return const_cast<char*>(s); }

void set(void* obj, const char* name, const std::string& value) {
  agsafeset(obj, cs(name), cs(value.c_str()), cs(""));
}

void set_html(Agraph_t* g, void* obj, const char* name, const std::string& html) {
  char* s = agstrdup_html(g, cs(html.c_str()));
  agsafeset(obj, cs(name), s, cs(""));
  agstrfree(g, s);
}

struct GraphCloser {
  void operator()(Agraph_t* g) const { agclose(g); }
};
using GraphPtr = std::unique_ptr<Agraph_t, GraphCloser>;

GraphPtr build(const DiagramView& view, const RenderOptions& options, const std::string& engine) {
  GraphPtr g(agopen(cs("kg"), Agdirected, nullptr));
  if (!g) throw Error("graphviz: cannot create a graph");
  Agraph_t* G = g.get();
  set(G, "charset", "UTF-8");
  set(G, "fontname", "Helvetica");
  set(G, "outputorder", "edgesfirst");
  // Past kBigView nodes (drawn only with --force) Graphviz's prism overlap
  // removal and edge label placement dominate the time (10,000 nodes: 52 s
  // with both, 7 s without), and neither is legible at that size anyway:
  // overlaps are removed by scaling and edges go unlabelled.
  const bool big = view.nodes.size() > kBigView;
  if (engine == "dot") {
    set(G, "rankdir", "LR");
  } else {
    set(G, "overlap", big ? "scale" : "prism");
    set(G, "splines", "false");
  }
  if (!options.title.empty()) {
    set_html(G, G, "label", "<B>" + html_text(options.title) + "</B>");
    set(G, "labelloc", "t");
    set(G, "fontsize", "20");
  }
  agattr(G, AGNODE, cs("style"), cs("filled"));
  agattr(G, AGNODE, cs("fontname"), cs("Helvetica"));
  agattr(G, AGNODE, cs("fontsize"), cs("10"));
  agattr(G, AGEDGE, cs("fontname"), cs("Helvetica"));
  agattr(G, AGEDGE, cs("fontsize"), cs("8"));

  // Clusters by country: one subgraph per country, created on first use.
  std::map<std::string, Agraph_t*> clusters;
  auto cluster_for = [&](const std::string& country) -> Agraph_t* {
    auto it = clusters.find(country);
    if (it != clusters.end()) return it->second;
    std::string name = "cluster_" + std::to_string(clusters.size());
    Agraph_t* sg = agsubg(G, cs(name.c_str()), 1);
    set_html(G, sg, "label", "<B>" + html_text(country) + "</B>");
    set(sg, "style", "rounded,dashed");
    set(sg, "color", "#999999");
    clusters.emplace(country, sg);
    return sg;
  };

  std::vector<Agnode_t*> nodes(view.nodes.size());
  for (size_t i = 0; i < view.nodes.size(); ++i) {
    const ViewNode& vn = view.nodes[i];
    Agraph_t* where = G;
    if (options.cluster_country && !vn.country.empty()) where = cluster_for(vn.country);
    std::string id = "n" + std::to_string(i);
    Agnode_t* n = agnode(where, cs(id.c_str()), 1);
    if (n == nullptr) throw Error("graphviz: cannot create node " + id);
    nodes[i] = n;
    const auto& st = detail::style_of(vn.label);
    set(n, "shape", st.shape);
    set(n, "fillcolor", st.fill);
    set_html(G, n, "label", detail::node_label_html(vn));
    set(n, "tooltip", std::string(to_string(vn.label)));
  }
  for (size_t i = 0; i < view.edges.size(); ++i) {
    const ViewEdge& ve = view.edges[i];
    std::string id = "e" + std::to_string(i);
    // Anonymous: in a non-strict graph every agedge call with no name makes a
    // new edge (parallel edges of different types stay apart), and cgraph
    // keeps no name table for them.
    Agedge_t* e = agedge(G, nodes[ve.source], nodes[ve.target], nullptr, 1);
    if (e == nullptr) throw Error("graphviz: cannot create edge " + id);
    const auto& st = detail::style_of(ve.type);
    set(e, "color", st.color);
    set(e, "fontcolor", st.color);
    set(e, "style", st.style);
    if (is_symmetric(ve.type)) set(e, "dir", "none");
    set(e, "penwidth", detail::edge_penwidth(ve));
    if (big) continue;
    set_html(G, e, "label", detail::edge_label_html(ve));
  }
  if (options.legend && !view.nodes.empty()) {
    Agnode_t* legend = agnode(G, cs("legend"), 1);
    set(legend, "shape", "plaintext");
    set(legend, "style", "");
    set_html(G, legend, "label", detail::legend_html(view));
  }
  return g;
}

std::string dot_text(Agraph_t* g) {
  char* buf = nullptr;
  size_t len = 0;
  std::FILE* f = open_memstream(&buf, &len);
  if (f == nullptr) throw Error("cannot open a memory stream for DOT output");
  int rc = agwrite(g, f);
  std::fclose(f);
  std::string out(buf, len);
  std::free(buf);
  if (rc != 0) throw Error("graphviz: agwrite failed");
  return out;
}

bool known_engine(const std::string& e) {
  return e == "dot" || e == "neato" || e == "fdp" || e == "sfdp" || e == "circo" || e == "twopi";
}
}  // namespace

std::optional<RenderFormat> render_format_for(std::string_view path) {
  auto ends = [&](std::string_view ext) { return path.ends_with(ext); };
  if (ends(".svg")) return RenderFormat::kSvg;
  if (ends(".png")) return RenderFormat::kPng;
  if (ends(".pdf")) return RenderFormat::kPdf;
  if (ends(".dot") || ends(".gv")) return RenderFormat::kDot;
  return std::nullopt;
}

std::string auto_layout(size_t nodes) { return nodes <= 150 ? "dot" : "sfdp"; }

std::string render_view(const DiagramView& view, RenderFormat format, const RenderOptions& options) {
  if (view.nodes.size() > options.max_nodes && !options.force)
    throw UsageError(std::to_string(view.nodes.size()) +
                     " nodes are too many to draw legibly (limit " +
                     std::to_string(options.max_nodes) +
                     "); narrow it with --around NAME --depth N, --types, --labels or "
                     "--collapse country, or pass --force");
  std::string engine = options.layout.empty() ? auto_layout(view.nodes.size()) : options.layout;
  if (!known_engine(engine))
    throw UsageError("--layout must be dot, neato, fdp, sfdp, circo or twopi, not '" + engine +
                     "'");
  GraphPtr g = build(view, options, engine);
  if (format == RenderFormat::kDot) return dot_text(g.get());

  // One context per call: gvc keeps global state and is not thread-safe.
  GVC_t* gvc = gvContext();
  if (gvc == nullptr) throw Error("graphviz: cannot create a context");
  std::unique_ptr<GVC_t, int (*)(GVC_t*)> ctx(gvc, gvFreeContext);
  if (gvLayout(gvc, g.get(), engine.c_str()) != 0)
    throw Error("graphviz: layout with " + engine + " failed");
  const char* fmt = format == RenderFormat::kSvg   ? "svg"
                    : format == RenderFormat::kPng ? "png"
                                                   : "pdf";
  char* data = nullptr;
  unsigned int len = 0;
  int rc = gvRenderData(gvc, g.get(), fmt, &data, &len);
  std::string out = rc == 0 && data != nullptr ? std::string(data, len) : std::string();
  if (data != nullptr) gvFreeRenderData(data);
  gvFreeLayout(gvc, g.get());
  if (rc != 0)
    throw Error(std::string("graphviz: rendering ") + fmt + " failed (is the plugin installed?)");
  return out;
}

void render_graph(const Graph& g, const std::string& path, const RenderOptions& options) {
  auto format = render_format_for(path);
  if (!format) throw UsageError("-o " + path + ": the extension must be .svg, .png, .pdf or .dot");
  g.freeze();
  ViewOptions vo = options.view;
  vo.with_country = vo.with_country || options.cluster_country;
  DiagramView view = make_view(g, vo);
  write_file_atomically(path, render_view(view, *format, options));
}

}  // namespace kg
