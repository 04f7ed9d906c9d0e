// kg export GRAPH --format F -o OUT: the graph in a format other tools read
// (graph/export.h lists them and the tools).
#include "graph/error.h"
#include "graph/export.h"
#include "graph/graph_file.h"
#include "tools/commands.h"

namespace kg::cli {

void add_export_command(CLI::App& app) {
  struct Args {
    std::string graph, format = "json", out;
    ExportOptions options;
    bool no_schema = false;
  };
  auto args = std::make_shared<Args>();
  CLI::App* cmd = app.add_subcommand(
      "export", "Write the graph as json, graphml, gexf, csv, ntriples, turtle, cypher or dot");
  cmd->add_option("graph", args->graph, "The graph file")->required();
  cmd->add_option("--format,-f", args->format, "One of: " + export_format_names())
      ->capture_default_str();
  cmd->add_option("-o,--output", args->out, "The output file (a directory for csv; - for stdout)")
      ->required();
  cmd->add_option("--links-key", args->options.links_key,
                  "json: the edge list's key, links (NetworkX < 3.6) or edges (>= 3.6)")
      ->capture_default_str();
  cmd->add_option("--base-iri", args->options.base_iri, "ntriples/turtle: the namespace")
      ->capture_default_str();
  cmd->add_flag("--no-schema", args->no_schema,
                "cypher: leave out Kuzu's CREATE NODE/REL TABLE statements (for Neo4j)");
  cmd->callback([args] {
    auto format = parse_export_format(args->format);
    if (!format)
      throw UsageError("--format must be one of " + export_format_names() + ", not '" +
                       args->format + "'");
    args->options.format = *format;
    args->options.cypher_schema = !args->no_schema;
    Graph g = load_graph(args->graph);
    export_graph(g, args->out, args->options);
  });
}

}  // namespace kg::cli
