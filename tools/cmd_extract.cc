// kg extract [-o OUT] [--rules DIR]... [--jobs N] [--lenient] [--with-text]
// [--explain] INPUT...: fragments as JSON Lines, one object per document, in
// input order (extract/pipeline.h).
#include "extract/pipeline.h"
#include "graph/atomic_file.h"
#include "graph/error.h"
#include "graph/fragment_io.h"
#include "tools/commands.h"
#include "tools/extract_stats.h"
#include "tools/progress.h"

namespace kg::cli {

void add_extract_options(CLI::App* cmd, ExtractOptions& o, std::vector<std::string>& inputs,
                         std::string& stats) {
  cmd->add_option("inputs", inputs, "Articles: .txt, .html, .jsonl files, directories, - (stdin)")
      ->required();
  cmd->add_option("--rules", o.rule_dirs, "A directory of rule packs adding to the built-in ones");
  cmd->add_option("-j,--jobs", o.jobs, "Worker threads (0: one per core)")->capture_default_str();
  cmd->add_flag("--lenient", o.lenient, "Warn about bad articles and go on instead of stopping");
  cmd->add_option("--max-article-bytes", o.max_article_bytes, "Largest article read")
      ->capture_default_str();
  cmd->add_option("--stats", stats, "Write a JSON summary of the run to this file");
}

void add_extract_command(CLI::App& app) {
  struct Args {
    Args() { options.jobs = 0; }  // the command line's default: every core
    ExtractOptions options;
    std::vector<std::string> inputs;
    std::string out = "-", stats;
  };
  auto args = std::make_shared<Args>();
  CLI::App* cmd = app.add_subcommand("extract", "Extract entities and relations from articles");
  add_extract_options(cmd, args->options, args->inputs, args->stats);
  cmd->add_option("-o,--output", args->out, "Fragments file (JSON Lines); default stdout");
  cmd->add_flag("--with-text", args->options.with_text, "Include each document's cleaned text");
  cmd->add_flag("--explain", args->options.explain, "Keep every candidate match, also losers");
  cmd->callback([args] {
    AtomicFile out(args->out);
    Progress progress;
    bool with_text = args->options.with_text;
    ExtractStats stats = run_extraction(
        args->inputs, args->options,
        [&](const Document&, const Fragment& f) {
          std::string line = fragment_to_json(f, with_text);
          line += '\n';
          out.write(line);
        },
        [&](uint64_t read, uint64_t total, uint64_t docs) { progress.update(read, total, docs); });
    out.commit();
    if (!args->stats.empty()) write_stats(args->stats, stats);
  });
}

}  // namespace kg::cli
