// kg build [-o GRAPH] [--rules DIR]... [--jobs N] [--lenient] INPUT...:
// extraction and merge in one step -- the fragments of every document go
// straight into a Merger (graph/merge.h), which spills them to disk and
// writes the merged graph file atomically, in bounded memory.
#include <chrono>

#include "extract/pipeline.h"
#include "graph/error.h"
#include "graph/merge.h"
#include "tools/commands.h"
#include "tools/extract_stats.h"
#include "tools/progress.h"

namespace kg::cli {

void add_extract_options(CLI::App* cmd, ExtractOptions& o, std::vector<std::string>& inputs,
                         std::string& stats);
void add_spill_option(CLI::App* cmd, MergeOptions& o);

void add_build_command(CLI::App& app) {
  struct Args {
    Args() { options.jobs = 0; }  // the command line's default: every core
    ExtractOptions options;
    std::vector<std::string> inputs;
    std::string out = "graph.kggraph", stats;
    MergeOptions merge;
  };
  auto args = std::make_shared<Args>();
  CLI::App* cmd = app.add_subcommand("build", "Extract from articles and merge into a graph file");
  add_extract_options(cmd, args->options, args->inputs, args->stats);
  cmd->add_option("-o,--output", args->out, "The graph file to write")->capture_default_str();
  add_spill_option(cmd, args->merge);
  cmd->callback([args] {
    Merger merger(args->merge);
    Progress progress;
    ExtractStats stats = run_extraction(
        args->inputs, args->options, [&](const Document&, const Fragment& f) { merger.add(f); },
        [&](uint64_t read, uint64_t total, uint64_t docs) { progress.update(read, total, docs); });
    auto t0 = std::chrono::steady_clock::now();
    merger.finish_to_file(args->out);
    auto t1 = std::chrono::steady_clock::now();
    if (!args->stats.empty())
      write_stats(args->stats, stats, {{"merge", std::chrono::duration<double>(t1 - t0).count()}});
  });
}

}  // namespace kg::cli
