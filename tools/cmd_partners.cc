// kg partners GRAPH NAME and kg path GRAPH FROM TO: questions people ask
// most, for those who do not write Cypher. Both run a query through the
// engine (shown by --show-query), so they answer exactly as Cypher would.
#include <iostream>

#include "graph/error.h"
#include "graph/graph_file.h"
#include "tools/commands.h"
#include "tools/query_support.h"

namespace kg::cli {

namespace {

const char* kPartnersQuery =
    "CALL kg.partners($name) YIELD partner, via, count\n"
    "RETURN partner.name AS partner, labels(partner)[0] AS label, via, count AS documents\n"
    "ORDER BY documents DESC, partner, via";

}  // namespace

void add_partners_command(CLI::App& app) {
  struct Args {
    std::string graph, name;
    bool show = false;
    QueryFlags flags;
  };
  auto args = std::make_shared<Args>();
  CLI::App* cmd = app.add_subcommand(
      "partners", "Who partners with NAME (signed, partners, co-established, co-hosted, same alliance)");
  cmd->add_option("graph", args->graph, "The graph file")->required();
  cmd->add_option("name", args->name, "A name or alias")->required();
  cmd->add_flag("--show-query", args->show, "Print the Cypher query this runs");
  add_query_flags(cmd, args->flags);
  cmd->callback([args] {
    if (args->show) std::cerr << kPartnersQuery << "\n";
    auto format = query::parse_result_format(args->flags.format);
    auto options = make_query_options(args->flags);
    options.params["name"] = query::QValue(args->name);
    Graph g = load_for_query(args->graph, args->flags);
    if (g.find_any(args->name).empty()) throw InputError("no node is named or aliased '" + args->name + "'");
    query::Engine engine(g);
    run_and_print(engine, kPartnersQuery, options, format, std::cout);
  });
}

void add_path_command(CLI::App& app) {
  struct Args {
    std::string graph, from, to, types;
    bool all = false, show = false;
    QueryFlags flags;
  };
  auto args = std::make_shared<Args>();
  CLI::App* cmd = app.add_subcommand("path", "How FROM and TO are connected: the shortest paths between them");
  cmd->add_option("graph", args->graph, "The graph file")->required();
  cmd->add_option("from", args->from, "A name or alias")->required();
  cmd->add_option("to", args->to, "A name or alias")->required();
  cmd->add_option("--types", args->types, "Only these relationship types, e.g. SIGNED,PARTNERS_WITH");
  cmd->add_flag("--all", args->all, "Every shortest path, not just one");
  cmd->add_flag("--show-query", args->show, "Print the Cypher query this runs");
  add_query_flags(cmd, args->flags);
  cmd->callback([args] {
    std::string types;
    for (char c : args->types) types += c == ',' ? '|' : c;
    std::string q = "CALL kg.find($from) YIELD node AS a\nCALL kg.find($to) YIELD node AS b\nMATCH p = " +
                    std::string(args->all ? "allShortestPaths" : "shortestPath") + "((a)-[" +
                    (types.empty() ? "" : ":" + types) + "*.." + std::to_string(args->flags.max_hops) +
                    "]-(b))\nRETURN length(p) AS hops, p AS path";
    if (args->show) std::cerr << q << "\n";
    auto format = query::parse_result_format(args->flags.format);
    auto options = make_query_options(args->flags);
    options.params["from"] = query::QValue(args->from);
    options.params["to"] = query::QValue(args->to);
    Graph g = load_for_query(args->graph, args->flags);
    for (const auto& n : {args->from, args->to})
      if (g.find_any(n).empty()) throw InputError("no node is named or aliased '" + n + "'");
    query::Engine engine(g);
    auto r = run_and_print(engine, q, options, format, std::cout);
    if (r.rows.empty()) std::cerr << "kg: no path within " << args->flags.max_hops << " hops\n";
  });
}

}  // namespace kg::cli
