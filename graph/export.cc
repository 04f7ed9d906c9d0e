#include "graph/export.h"

#include <filesystem>

#include "graph/error.h"
#include "graph/export_writers.h"

namespace kg {

namespace {
struct FormatName {
  ExportFormat format;
  std::string_view name;
};
constexpr FormatName kFormats[] = {
    {ExportFormat::kJson, "json"},         {ExportFormat::kGraphml, "graphml"},
    {ExportFormat::kGexf, "gexf"},         {ExportFormat::kCsv, "csv"},
    {ExportFormat::kNtriples, "ntriples"}, {ExportFormat::kTurtle, "turtle"},
    {ExportFormat::kCypher, "cypher"},     {ExportFormat::kDot, "dot"},
};
}  // namespace

std::optional<ExportFormat> parse_export_format(std::string_view name) {
  for (const auto& f : kFormats)
    if (f.name == name) return f.format;
  return std::nullopt;
}

std::string_view to_string(ExportFormat format) {
  for (const auto& f : kFormats)
    if (f.format == format) return f.name;
  return "?";
}

std::string export_format_names() {
  std::string out;
  for (const auto& f : kFormats) {
    if (!out.empty()) out += ", ";
    out += f.name;
  }
  return out;
}

void export_graph(const Graph& graph, const std::string& path, const ExportOptions& options) {
  if (options.format == ExportFormat::kCsv) {
    if (path == "-") throw UsageError("csv export writes a directory; give -o DIR");
    detail::write_csv_dir(graph, path);
    return;
  }
  if (options.links_key != "links" && options.links_key != "edges")
    throw UsageError("--links-key must be 'links' or 'edges', not '" + options.links_key + "'");
  graph.freeze();
  AtomicFile out(path);
  switch (options.format) {
    case ExportFormat::kJson:
      detail::write_json(graph, out, options);
      break;
    case ExportFormat::kGraphml:
      detail::write_graphml(graph, out);
      break;
    case ExportFormat::kGexf:
      detail::write_gexf(graph, out);
      break;
    case ExportFormat::kNtriples:
      detail::write_ntriples(graph, out, options);
      break;
    case ExportFormat::kTurtle:
      detail::write_turtle(graph, out, options);
      break;
    case ExportFormat::kCypher:
      detail::write_cypher(graph, out, options);
      break;
    case ExportFormat::kDot:
      detail::write_dot(graph, out);
      break;
    case ExportFormat::kCsv:
      break;  // handled above
  }
  out.commit();
}

}  // namespace kg
