// kg render GRAPH -o OUT.svg|png|pdf|dot: a diagram through Graphviz's
// libraries (graph/render.h), of the whole graph or of what the filters keep.
#include "graph/error.h"
#include "graph/graph_file.h"
#include "graph/render.h"
#include "tools/commands.h"

namespace kg::cli {

namespace {
std::vector<std::string> split_list(const std::vector<std::string>& items) {
  std::vector<std::string> out;
  for (const auto& item : items) {
    size_t start = 0;
    for (size_t p; (p = item.find(',', start)) != std::string::npos; start = p + 1)
      if (p > start) out.push_back(item.substr(start, p - start));
    if (start < item.size()) out.push_back(item.substr(start));
  }
  return out;
}
}  // namespace

void add_render_command(CLI::App& app) {
  struct Args {
    std::string graph, out, collapse, cluster;
    std::vector<std::string> types, labels;
    RenderOptions options;
  };
  auto args = std::make_shared<Args>();
  CLI::App* cmd = app.add_subcommand("render", "Draw the graph or part of it (svg, png, pdf, dot)");
  cmd->add_option("graph", args->graph, "The graph file")->required();
  cmd->add_option("-o,--output", args->out, "OUT.svg, OUT.png, OUT.pdf or OUT.dot")->required();
  cmd->add_option("--around", args->options.view.around,
                  "Only the neighbourhood of this node (name or alias)");
  cmd->add_option("--depth", args->options.view.depth, "Steps from --around")
      ->capture_default_str();
  cmd->add_option("--types", args->types, "Only these relationship types (comma-separated)");
  cmd->add_option("--labels", args->labels, "Only nodes with these labels (comma-separated)");
  cmd->add_option("--collapse", args->collapse,
                  "country: fold institutions, workshops and places into their countries");
  cmd->add_option("--cluster", args->cluster, "country: group nodes in a box per country");
  cmd->add_option("--title", args->options.title, "A title drawn on top");
  cmd->add_option("--layout", args->options.layout,
                  "dot, neato, fdp, sfdp, circo or twopi (default: by size)");
  cmd->add_option("--max-nodes", args->options.max_nodes, "Refuse larger views without --force")
      ->capture_default_str();
  cmd->add_flag("--force", args->options.force, "Draw however large the view is");
  cmd->callback([args] {
    RenderOptions& o = args->options;
    for (const auto& t : split_list(args->types)) {
      auto type = parse_rel_type(t);
      if (!type) throw UsageError("--types: not a relationship type: " + t);
      o.view.types.push_back(*type);
    }
    for (const auto& l : split_list(args->labels)) {
      auto label = parse_label(l);
      if (!label) throw UsageError("--labels: not a label: " + l);
      o.view.labels.push_back(*label);
    }
    if (!args->collapse.empty() && args->collapse != "country")
      throw UsageError("--collapse supports only 'country'");
    if (!args->cluster.empty() && args->cluster != "country")
      throw UsageError("--cluster supports only 'country'");
    if (o.view.depth < 0) throw UsageError("--depth must be 0 or more");
    o.view.collapse_country = args->collapse == "country";
    o.cluster_country = args->cluster == "country";
    Graph g = load_graph(args->graph);
    render_graph(g, args->out, o);
  });
}

}  // namespace kg::cli
