// kg query GRAPH 'QUERY' (or -f FILE): one Cypher query over a graph file.
#include <fstream>
#include <iostream>
#include <sstream>

#include "graph/error.h"
#include "graph/graph_file.h"
#include "tools/commands.h"
#include "tools/query_support.h"

namespace kg::cli {

void add_query_command(CLI::App& app) {
  struct Args {
    std::string graph, query, file;
    bool explain = false, profile = false;
    QueryFlags flags;
  };
  auto args = std::make_shared<Args>();
  CLI::App* cmd = app.add_subcommand("query", "Answer a Cypher query over a graph (see README: Query language)");
  cmd->add_option("graph", args->graph, "The graph file")->required();
  cmd->add_option("query", args->query, "The query text");
  cmd->add_option("-f,--file", args->file, "Read the query from a file");
  cmd->add_flag("--explain", args->explain, "Print the plan instead of running the query");
  cmd->add_flag("--profile", args->profile, "Run, then print rows and time per operator to stderr");
  add_query_flags(cmd, args->flags);
  cmd->callback([args] {
    std::string text = args->query;
    if (!args->file.empty()) {
      if (!text.empty()) throw UsageError("give the query as an argument or with -f, not both");
      std::ifstream in(args->file, std::ios::binary);
      if (!in) throw IoError(args->file + ": cannot open");
      std::stringstream ss;
      ss << in.rdbuf();
      text = ss.str();
    }
    if (text.empty()) throw UsageError("no query: give it as an argument or with -f FILE");
    auto format = query::parse_result_format(args->flags.format);
    query::QueryOptions options = make_query_options(args->flags);
    options.profile = args->profile;
    options.explain = args->explain;
    Graph g = load_for_query(args->graph, args->flags);
    query::Engine engine(g);
    run_and_print(engine, text, options, format, std::cout, args->file.empty() ? "query" : args->file);
  });
}

}  // namespace kg::cli
