// kg render GRAPH -o OUT.svg|png|pdf|dot: a diagram through Graphviz's
// libraries (graph/render.h), of the whole graph or of what the filters keep.
#include "graph/error.h"
#include "graph/graph_file.h"
#include "graph/render.h"
#include "tools/commands.h"
#include "tools/query_support.h"

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
// Everything a query returned that can be drawn: nodes, relationships (with
// their ends) and paths, also inside lists.
void collect(const query::QValue& v, const Graph& g, ViewOptions& view) {
  using K = query::QValue::Kind;
  switch (v.kind()) {
    case K::kNode: view.select_nodes.push_back(v.as_node()); break;
    case K::kRel: {
      EdgeId e = v.as_rel();
      view.select_edges.push_back(e);
      view.select_nodes.push_back(g.edge(e).source);
      view.select_nodes.push_back(g.edge(e).target);
      break;
    }
    case K::kPath:
      for (NodeId n : v.as_path().nodes) view.select_nodes.push_back(n);
      for (EdgeId e : v.as_path().rels) view.select_edges.push_back(e);
      break;
    case K::kList:
      for (const auto& x : v.as_list()) collect(x, g, view);
      break;
    default: break;
  }
}
}  // namespace

void add_render_command(CLI::App& app) {
  struct Args {
    std::string graph, out, collapse, cluster;
    std::vector<std::string> types, labels;
    std::string query;
    QueryFlags flags;
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
  cmd->add_option("-q,--query", args->query,
                  "Draw what this Cypher query returns (nodes, relationships, paths)");
  cmd->add_option("--param", args->flags.params, "A parameter of -q, name=value (repeatable)");
  cmd->add_option("--since", args->options.view.since,
                  "Only relations dated on or after (YYYY[-MM[-DD]]); also for -q's algo.* calls");
  cmd->add_option("--until", args->options.view.until, "Only relations dated on or before");
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
    args->flags.since = o.view.since;
    args->flags.until = o.view.until;
    if (!args->query.empty()) {
      query::Engine engine(g);
      query::QueryResult r;
      try {
        r = engine.run(args->query, make_query_options(args->flags));
      } catch (const QueryError& e) {
        throw QueryError(query::format_query_error(args->query, e.offset(), e.what()), e.offset());
      }
      o.view.select = true;
      for (const auto& row : r.rows)
        for (const auto& v : row) collect(v, g, o.view);
      if (o.view.select_nodes.empty())
        throw InputError("-q returned no nodes, relationships or paths to draw");
    }
    render_graph(g, args->out, o);
  });
}

}  // namespace kg::cli
