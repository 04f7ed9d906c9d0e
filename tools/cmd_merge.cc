// kg merge -o GRAPH INPUT...: fragments (JSON Lines) and graph files, in any
// mix, merged into one graph (graph/merge.h). "-" reads fragments and
// one-line graph files from stdin; -o - writes the graph to stdout. The
// records spill to disk (--spill-dir), so memory stays bounded.
#include <fstream>
#include <iostream>

#include "graph/error.h"
#include "graph/graph_file.h"
#include "graph/merge.h"
#include "tools/commands.h"

namespace kg::cli {

// Shared with kg build.
void add_spill_option(CLI::App* cmd, MergeOptions& o) {
  cmd->add_option("--spill-dir", o.spill_dir,
                  "Where the merge spills its records (default $TMPDIR, else /tmp)")
      ->check(CLI::ExistingDirectory);
}

void add_merge_command(CLI::App& app) {
  struct Args {
    std::vector<std::string> inputs;
    std::string out;
    MergeOptions merge;
  };
  auto args = std::make_shared<Args>();
  CLI::App* cmd = app.add_subcommand("merge", "Merge fragment files and graph files into one graph");
  cmd->add_option("inputs", args->inputs, "Fragment files (.jsonl), graph files, or - for stdin")
      ->required();
  cmd->add_option("-o,--output", args->out, "The graph file to write")->required();
  add_spill_option(cmd, args->merge);
  cmd->callback([args] {
    Merger merger(args->merge);
    for (const auto& path : args->inputs) {
      if (path != "-" && looks_like_graph_file(path)) {
        merger.add_graph_file(path);
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
    merger.finish_to_file(args->out);
  });
}

}  // namespace kg::cli
