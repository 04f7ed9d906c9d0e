// Diagrams through Graphviz's own libraries, in-process: cgraph builds the
// graph, gvc lays it out and renders it (never a `dot` child process).
//
// How a diagram looks: one shape and fill colour per label, one colour and
// line style per relationship type (symmetric types drawn without arrows),
// edge width growing with `count` (the supporting documents), an edge label
// with the type and the count where above 1, a legend of the labels and
// types present, an optional title, optional clusters by country. Names are
// HTML-like labels escaped as HTML, so quotes, <, &, backslashes, newlines
// and any script show exactly and cannot break the DOT or the SVG.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "graph/graph.h"
#include "graph/render_view.h"

namespace kg {

enum class RenderFormat { kSvg, kPng, kPdf, kDot };

// By the output file's extension: .svg .png .pdf .dot (.gv); nullopt else.
std::optional<RenderFormat> render_format_for(std::string_view path);

struct RenderOptions {
  ViewOptions view;
  // Drawn on top when not empty.
  std::string title;
  // dot, neato, fdp, sfdp, circo or twopi; empty chooses by size: dot up to
  // 150 nodes (layered, readable labels), sfdp above (scales to thousands).
  std::string layout;
  // Groups the nodes of each country in a box (graph/render_view.h country_of).
  bool cluster_country = false;
  // Views with more nodes are refused (illegible and slow) unless `force`.
  // Forced views over 2,000 nodes are drawn without edge labels and with
  // overlaps removed by scaling (prism and label placement cost minutes).
  size_t max_nodes = 2000;
  bool force = false;
  // Draw the legend (labels and types present).
  bool legend = true;
};

// The layout engine RenderOptions::layout picks for a view of `nodes` nodes.
std::string auto_layout(size_t nodes);

// Renders `view` and returns the bytes of the file in `format` (DOT text
// for kDot: the cgraph graph written by agwrite, before layout). Throws
// UsageError for an unknown engine or a view over max_nodes, Error when
// Graphviz fails.
std::string render_view(const DiagramView& view, RenderFormat format, const RenderOptions& options);

// make_view + render_view, written atomically to `path` (format from its
// extension).
void render_graph(const Graph& g, const std::string& path, const RenderOptions& options);

}  // namespace kg
