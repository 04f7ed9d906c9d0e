// Private to graph/: the text of a diagram's labels and attributes, shared
// by render.cc (which hands them to cgraph) and export_dot.cc (which writes
// DOT text itself), so that a name is escaped one way whichever path draws it.
//
// Every visible text is an HTML-like label (DOT's label=<...>): Graphviz
// never interprets backslashes or quotes in those, so names with quotes, <,
// &, backslashes, newlines or any script show exactly.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "graph/render_view.h"

namespace kg::detail {

// Views with more nodes (drawn only with --force) go without edge labels.
inline constexpr size_t kBigView = 2000;

// Text as the content of an HTML-like label: & < > " ' as entities, a
// newline as <BR/>, tab as a space; other control characters dropped.
void append_html_text(std::string& out, std::string_view s);
std::string html_text(std::string_view s);
// A node's label: its name, and for a collapsed node how many it stands for.
std::string node_label_html(const ViewNode& node);
// An edge's label: the type, and the count where above 1 ("SIGNED ×3").
std::string edge_label_html(const ViewEdge& edge);
// An edge's pen width: 1 + log2(count), as "%.2f".
std::string edge_penwidth(const ViewEdge& edge);
// The legend: a table of the labels and types present in `view`.
std::string legend_html(const DiagramView& view);

}  // namespace kg::detail
