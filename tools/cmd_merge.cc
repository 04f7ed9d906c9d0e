// kg merge -o GRAPH INPUT...: fragments (JSON Lines) and graph files, in any
// mix, merged into one graph (graph/merge.h). "-" reads fragments and
// one-line graph files from stdin; -o - writes the graph to stdout.
#include <fstream>
#include <iostream>

#include "graph/error.h"
#include "graph/graph_file.h"
#include "graph/merge.h"
#include "tools/commands.h"

namespace kg::cli {

void add_merge_command(CLI::App& app) {
  struct Args {
    std::vector<std::string> inputs;
    std::string out;
  };
  auto args = std::make_shared<Args>();
  CLI::App* cmd = app.add_subcommand("merge", "Merge fragment files and graph files into one graph");
  cmd->add_option("inputs", args->inputs, "Fragment files (.jsonl), graph files, or - for stdin")
      ->required();
  cmd->add_option("-o,--output", args->out, "The graph file to write")->required();
  cmd->callback([args] {
    Merger merger;
    for (const auto& path : args->inputs) {
      if (path != "-" && looks_like_graph_file(path)) {
        merger.add(load_graph(path));
        continue;
      }
      // Fragment files and standard input may also hold graph files, one a
      // line (the output of kg merge -o -): merge is its own combiner.
      if (path == "-") {
        add_lines(merger, std::cin, "<stdin>");
        continue;
      }
      std::ifstream in(path, std::ios::binary);
      if (!in) throw IoError(path + ": cannot open for reading");
      add_lines(merger, in, path);
    }
    save_graph(merger.finish(), args->out);
  });
}

}  // namespace kg::cli
