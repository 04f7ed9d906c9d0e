#include "graph/diagram_text.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "graph/render_style.h"

namespace kg::detail {

void append_html_text(std::string& out, std::string_view s) {
  for (unsigned char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      case '\n':
        out += "<BR/>";
        break;
      case '\r':
        break;
      case '\t':
        out += ' ';
        break;
      default:
        if (c >= 0x20) out.push_back(static_cast<char>(c));
    }
  }
}

std::string html_text(std::string_view s) {
  std::string out;
  append_html_text(out, s);
  return out;
}

std::string node_label_html(const ViewNode& node) {
  std::string label = html_text(node.name);
  if (node.members > 1)
    label += "<BR/><FONT POINT-SIZE=\"8\">" + std::to_string(node.members) + " nodes</FONT>";
  return label;
}

std::string edge_label_html(const ViewEdge& edge) {
  std::string label(to_string(edge.type));
  if (edge.count > 1) label += " \xC3\x97" + std::to_string(edge.count);  // "TYPE ×N"
  return label;
}

std::string edge_penwidth(const ViewEdge& edge) {
  char width[16];
  std::snprintf(width, sizeof width, "%.2f",
                1.0 + std::log2(static_cast<double>(std::max<int64_t>(edge.count, 1))));
  return width;
}

std::string legend_html(const DiagramView& view) {
  bool labels[kLabelCount] = {}, types[kRelTypeCount] = {};
  for (const auto& n : view.nodes) labels[static_cast<int>(n.label)] = true;
  for (const auto& e : view.edges) types[static_cast<int>(e.type)] = true;
  std::string h =
      "<TABLE BORDER=\"0\" CELLBORDER=\"1\" CELLSPACING=\"2\" CELLPADDING=\"3\">"
      "<TR><TD COLSPAN=\"2\"><B>Legend</B></TD></TR>";
  for (Label l : kAllLabels) {
    if (!labels[static_cast<int>(l)]) continue;
    const auto& st = style_of(l);
    h += "<TR><TD BGCOLOR=\"" + std::string(st.fill) + "\">" + std::string(to_string(l)) +
         "</TD><TD>" + st.shape + "</TD></TR>";
  }
  for (RelType t : kAllRelTypes) {
    if (!types[static_cast<int>(t)]) continue;
    const auto& st = style_of(t);
    h += "<TR><TD><FONT COLOR=\"" + std::string(st.color) + "\">" + std::string(to_string(t)) +
         "</FONT></TD><TD><FONT COLOR=\"" + st.color + "\">" + st.style +
         (is_symmetric(t) ? ", no arrow" : ", arrow") + "</FONT></TD></TR>";
  }
  return h + "</TABLE>";
}

}  // namespace kg::detail
