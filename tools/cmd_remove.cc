// kg remove GRAPH --doc ID...: takes documents' contribution back out.
#include "graph/graph_file.h"
#include "graph/merge.h"
#include "tools/commands.h"

namespace kg::cli {

void add_remove_command(CLI::App& app) {
  struct Args {
    std::string graph, out;
    std::vector<std::string> docs;
  };
  auto args = std::make_shared<Args>();
  CLI::App* cmd = app.add_subcommand("remove", "Remove documents' mentions and evidence from a graph");
  cmd->add_option("graph", args->graph, "The graph file")->required();
  cmd->add_option("--doc", args->docs, "Document ids to remove")->required();
  cmd->add_option("-o,--output", args->out, "Where to write the result (default: in place)");
  cmd->callback([args] {
    Graph g = remove_documents(load_graph(args->graph), args->docs);
    save_graph(g, args->out.empty() ? args->graph : args->out);
  });
}

}  // namespace kg::cli
