// kg stats GRAPH [--format text|md|json] [--by year] [--since D] [--until D]
// [--level party|country] [--top N]: a report an analyst can paste (what each
// figure is computed on: tools/stats_report.h).
#include <iostream>

#include "graph/error.h"
#include "graph/graph_file.h"
#include "tools/commands.h"
#include "tools/stats_report.h"

namespace kg::cli {

void add_stats_command(CLI::App& app) {
  struct Args {
    std::string graph, format = "text", by, level = "party";
    StatsOptions options;
  };
  auto args = std::make_shared<Args>();
  CLI::App* cmd = app.add_subcommand(
      "stats", "Report counts, top parties, country pairs, components and communities");
  cmd->add_option("graph", args->graph, "The graph file")->required();
  cmd->add_option("--format,-f", args->format, "text, md or json")->capture_default_str();
  cmd->add_option("--by", args->by, "year: add counts and top partners per year");
  cmd->add_option("--since", args->options.since,
                  "Only relations dated on or after YYYY[-MM[-DD]]");
  cmd->add_option("--until", args->options.until,
                  "Only relations dated on or before YYYY[-MM[-DD]]");
  cmd->add_option("--level", args->level, "party, or country: lift parties to their countries")
      ->capture_default_str();
  cmd->add_option("--top", args->options.top, "Rows in each ranking")->capture_default_str();
  cmd->callback([args] {
    StatsFormat format;
    if (args->format == "text")
      format = StatsFormat::kText;
    else if (args->format == "md")
      format = StatsFormat::kMarkdown;
    else if (args->format == "json")
      format = StatsFormat::kJson;
    else
      throw UsageError("--format: expected text, md or json, not '" + args->format + "'");
    if (!args->by.empty() && args->by != "year")
      throw UsageError("--by: only 'year' is supported, not '" + args->by + "'");
    args->options.by_year = args->by == "year";
    if (args->level == "country")
      args->options.level = ViewLevel::kCountry;
    else if (args->level != "party")
      throw UsageError("--level: expected party or country, not '" + args->level + "'");
    args->options.title = args->graph;
    Graph g = load_graph(args->graph);
    std::cout << stats_report(g, args->options, format);
  });
}

}  // namespace kg::cli
