// kg build [-o GRAPH] [--rules DIR]... [--jobs N] [--lenient] INPUT...:
// extraction and merge in one step -- the fragments of every document go
// straight into a Merger (graph/merge.h), never to disk, and the merged
// graph is saved atomically (graph/graph_file.h).
#include <chrono>

#include "extract/pipeline.h"
#include "graph/error.h"
#include "graph/graph_file.h"
#include "graph/merge.h"
#include "tools/commands.h"
#include "tools/extract_stats.h"
#include "tools/progress.h"

namespace kg::cli {

void add_extract_options(CLI::App* cmd, ExtractOptions& o, std::vector<std::string>& inputs,
                         std::string& stats);

void add_build_command(CLI::App& app) {
  struct Args {
    Args() { options.jobs = 0; }  // the command line's default: every core
    ExtractOptions options;
    std::vector<std::string> inputs;
    std::string out = "graph.kggraph", stats;
  };
  auto args = std::make_shared<Args>();
  CLI::App* cmd = app.add_subcommand("build", "Extract from articles and merge into a graph file");
  add_extract_options(cmd, args->options, args->inputs, args->stats);
  cmd->add_option("-o,--output", args->out, "The graph file to write")->capture_default_str();
  cmd->callback([args] {
    Merger merger;
    Progress progress;
    ExtractStats stats = run_extraction(
        args->inputs, args->options, [&](const Document&, const Fragment& f) { merger.add(f); },
        [&](uint64_t read, uint64_t total, uint64_t docs) { progress.update(read, total, docs); });
    auto t0 = std::chrono::steady_clock::now();
    Graph graph = merger.finish();
    auto t1 = std::chrono::steady_clock::now();
    save_graph(graph, args->out);
    auto t2 = std::chrono::steady_clock::now();
    if (!args->stats.empty())
      write_stats(args->stats, stats,
                  {{"merge", std::chrono::duration<double>(t1 - t0).count()},
                   {"save", std::chrono::duration<double>(t2 - t1).count()}});
  });
}

}  // namespace kg::cli
