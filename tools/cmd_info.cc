// kg info GRAPH [--json]: counts per label and type, and documents.
#include <iostream>

#include "graph/graph_file.h"
#include "tools/commands.h"

namespace kg::cli {

void add_info_command(CLI::App& app) {
  struct Args {
    std::string graph;
    bool json = false;
  };
  auto args = std::make_shared<Args>();
  CLI::App* cmd = app.add_subcommand("info", "Summarise a graph file");
  cmd->add_option("graph", args->graph, "The graph file")->required();
  cmd->add_flag("--json", args->json, "Print {\"nodes\", \"edges\", \"documents\", \"labels\", \"types\"}");
  cmd->callback([args] {
    Graph g = load_graph(args->graph);
    size_t labels[kLabelCount] = {}, types[kRelTypeCount] = {};
    for (NodeId i = 0; i < g.node_count(); ++i) ++labels[static_cast<int>(g.node(i).label)];
    for (EdgeId i = 0; i < g.edge_count(); ++i) ++types[static_cast<int>(g.edge(i).type)];
    size_t docs = g.documents().size();
    if (args->json) {
      std::cout << "{\"nodes\": " << g.node_count() << ", \"edges\": " << g.edge_count()
                << ", \"documents\": " << docs << ", \"labels\": {";
      const char* sep = "";
      for (Label l : kAllLabels)
        if (labels[static_cast<int>(l)]) {
          std::cout << sep << '"' << to_string(l) << "\": " << labels[static_cast<int>(l)];
          sep = ", ";
        }
      std::cout << "}, \"types\": {";
      sep = "";
      for (RelType t : kAllRelTypes)
        if (types[static_cast<int>(t)]) {
          std::cout << sep << '"' << to_string(t) << "\": " << types[static_cast<int>(t)];
          sep = ", ";
        }
      std::cout << "}}\n";
      return;
    }
    std::cout << args->graph << ": " << g.node_count() << " nodes, " << g.edge_count()
              << " edges, " << docs << " documents\n";
    for (Label l : kAllLabels)
      if (labels[static_cast<int>(l)])
        std::cout << "  " << to_string(l) << ": " << labels[static_cast<int>(l)] << "\n";
    for (RelType t : kAllRelTypes)
      if (types[static_cast<int>(t)])
        std::cout << "  " << to_string(t) << ": " << types[static_cast<int>(t)] << "\n";
  });
}

}  // namespace kg::cli
