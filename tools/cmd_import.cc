// kg import --format csv|json IN -o GRAPH: tables or node-link JSON (kg's
// own exports, or a partner list a user made) into a graph file.
#include "graph/error.h"
#include "graph/graph_file.h"
#include "graph/import.h"
#include "tools/commands.h"

namespace kg::cli {

void add_import_command(CLI::App& app) {
  struct Args {
    std::string in, format = "json", out;
  };
  auto args = std::make_shared<Args>();
  CLI::App* cmd = app.add_subcommand(
      "import", "Read a csv directory or node-link JSON (as kg export writes them) into a graph");
  cmd->add_option("input", args->in, "The csv directory or the JSON file")->required();
  cmd->add_option("--format,-f", args->format, "csv or json")->capture_default_str();
  cmd->add_option("-o,--output", args->out, "The graph file to write")->required();
  cmd->callback([args] {
    auto format = parse_import_format(args->format);
    if (!format) throw UsageError("--format must be csv or json, not '" + args->format + "'");
    ImportOptions options;
    options.format = *format;
    Graph g = import_graph(args->in, options);
    save_graph(g, args->out);
  });
}

}  // namespace kg::cli
