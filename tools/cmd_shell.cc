// kg shell GRAPH: an interactive query prompt over one loaded graph, with
// line editing and history (libedit). Queries end with ';' and may span
// lines; lines starting with ':' are shell commands. When standard input is
// not a terminal it reads the queries from it, so a script can pipe a batch
// through one load of the graph.
#include <editline/readline.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <iostream>
#include <sstream>

#include "graph/error.h"
#include "graph/graph_file.h"
#include "query/functions.h"
#include "query/params.h"
#include "query/procedures.h"
#include "tools/commands.h"
#include "tools/query_support.h"

namespace kg::cli {

namespace {

const char* kHelp =
    "Queries end with ';' and may span several lines. Commands:\n"
    "  :help              this text\n"
    "  :schema            labels, relationship types and property keys in the graph\n"
    "  :timing on|off     print parse, plan and execution time after each query\n"
    "  :format F          table, json, csv or tsv\n"
    "  :param name=value  set a query parameter ($name)\n"
    "  :quit              leave (also Ctrl-D)\n";

struct Shell {
  const query::Engine& engine;
  query::QueryOptions options;
  query::ResultFormat format;
  bool timing = false;
  bool interactive;
  int failures = 0;

  void schema() {
    const Graph& g = engine.graph();
    std::cout << "Node labels:\n";
    for (Label l : kAllLabels)
      if (auto n = g.nodes_with_label(l).size()) std::cout << "  :" << to_string(l) << "  (" << n << ")\n";
    size_t types[kRelTypeCount] = {};
    for (EdgeId e = 0; e < g.edge_count(); ++e) ++types[static_cast<int>(g.edge(e).type)];
    std::cout << "Relationship types:\n";
    for (RelType t : kAllRelTypes)
      if (types[static_cast<int>(t)]) std::cout << "  :" << to_string(t) << "  (" << types[static_cast<int>(t)] << ")\n";
    std::cout << "Node properties: ";
    for (size_t i = 0; i < engine.schema().node_keys.size(); ++i) std::cout << (i ? ", " : "") << engine.schema().node_keys[i];
    std::cout << "\nRelationship properties: ";
    for (size_t i = 0; i < engine.schema().rel_keys.size(); ++i) std::cout << (i ? ", " : "") << engine.schema().rel_keys[i];
    std::cout << "\nProcedures:\n";
    for (auto* p : query::all_procedures()) std::cout << "  " << p->signature << "\n";
  }

  // false: quit
  bool command(const std::string& line) {
    std::istringstream in(line);
    std::string cmd, arg;
    in >> cmd >> arg;
    if (cmd == ":quit" || cmd == ":exit" || cmd == ":q") return false;
    if (cmd == ":help") std::cout << kHelp;
    else if (cmd == ":schema") schema();
    else if (cmd == ":timing") timing = arg != "off";
    else if (cmd == ":format") {
      try {
        format = query::parse_result_format(arg);
      } catch (const Error& e) {
        std::cerr << "kg: " << e.what() << "\n";
      }
    } else if (cmd == ":param") {
      size_t eq = arg.find('=');
      std::string rest;
      std::getline(in, rest);
      if (eq == std::string::npos) std::cerr << "kg: :param expects name=value\n";
      else options.params[arg.substr(0, eq)] = query::parse_param_value(arg.substr(eq + 1) + rest);
    } else {
      std::cerr << "kg: unknown command " << cmd << " (:help lists them)\n";
    }
    return true;
  }

  void run(const std::string& text) {
    try {
      auto r = run_and_print(engine, text, options, format, std::cout);
      if (timing)
        std::fprintf(stderr, "parse %.3f ms, plan %.3f ms, execute %.3f ms\n", r.parse_seconds * 1e3,
                     r.plan_seconds * 1e3, r.exec_seconds * 1e3);
    } catch (const Error& e) {
      ++failures;
      std::cout.flush();
      std::cerr << "kg: " << e.what() << "\n";
    }
    std::cout.flush();
  }

  // Feeds one input line; runs every query it completes.
  bool feed(const std::string& line, std::string& pending) {
    std::string trimmed = line;
    trimmed.erase(0, trimmed.find_first_not_of(" \t\r"));
    if (pending.empty() && !trimmed.empty() && trimmed[0] == ':') return command(trimmed);
    pending += line;
    pending += '\n';
    // A query ends at a ';' outside strings and comments.
    size_t start = 0;
    char quote = 0;
    for (size_t i = 0; i < pending.size(); ++i) {
      char c = pending[i];
      if (quote) {
        if (c == '\\') ++i;
        else if (c == quote) quote = 0;
      } else if (c == '\'' || c == '"' || c == '`') {
        quote = c;
      } else if (c == ';') {
        std::string q = pending.substr(start, i - start);
        if (q.find_first_not_of(" \t\r\n") != std::string::npos) run(q);
        start = i + 1;
      }
    }
    pending.erase(0, start);
    if (pending.find_first_not_of(" \t\r\n") == std::string::npos) pending.clear();
    return true;
  }
};

std::string history_path() {
  const char* home = std::getenv("HOME");
  return home ? std::string(home) + "/.kg_history" : std::string();
}

}  // namespace

void add_shell_command(CLI::App& app) {
  struct Args {
    std::string graph;
    QueryFlags flags;
  };
  auto args = std::make_shared<Args>();
  CLI::App* cmd = app.add_subcommand("shell", "Query a graph interactively (or a batch of queries from stdin)");
  cmd->add_option("graph", args->graph, "The graph file")->required();
  add_query_flags(cmd, args->flags);
  cmd->callback([args] {
    auto format = query::parse_result_format(args->flags.format);
    query::QueryOptions options = make_query_options(args->flags);
    auto t0 = std::chrono::steady_clock::now();
    Graph g = load_for_query(args->graph, args->flags);
    query::Engine engine(g);
    Shell shell{engine, options, format, false, static_cast<bool>(isatty(0))};
    std::string pending;
    if (!shell.interactive) {
      std::string line;
      while (std::getline(std::cin, line))
        if (!shell.feed(line, pending)) break;
      if (!pending.empty()) shell.run(pending);  // a last query without ';'
      if (shell.failures) throw Error(std::to_string(shell.failures) + " of the queries failed");
      return;
    }
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::printf("kg shell: %s, %zu nodes, %zu edges (loaded in %.2f s). :help for help, :quit to leave.\n",
                args->graph.c_str(), g.node_count(), g.edge_count(), secs);
    std::string hist = history_path();
    using_history();
    if (!hist.empty()) read_history(hist.c_str());
    for (;;) {
      char* raw = readline(pending.empty() ? "kg> " : "  -> ");
      if (!raw) break;
      std::string line(raw);
      std::free(raw);
      if (line.find_first_not_of(" \t") != std::string::npos) add_history(line.c_str());
      if (!shell.feed(line, pending)) break;
    }
    if (!hist.empty()) write_history(hist.c_str());
    std::printf("\n");
  });
}

}  // namespace kg::cli
