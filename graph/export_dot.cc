// The dot export: the DOT text of the whole graph, built as a diagram by
// graph/render.cc (the same cgraph graph `kg render` lays out) and written
// by Graphviz's agwrite, so names are escaped exactly as Graphviz itself
// escapes them. No node limit: DOT text of any size is fine to write.
#include "graph/export_writers.h"
#include "graph/render.h"

namespace kg::detail {

void write_dot(const Graph& g, AtomicFile& out) {
  RenderOptions options;
  options.force = true;
  options.layout = "dot";
  DiagramView view = make_view(g, options.view);
  out.write(render_view(view, RenderFormat::kDot, options));
}

}  // namespace kg::detail
