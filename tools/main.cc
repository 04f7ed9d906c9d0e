// The kg command line: parses the arguments with CLI11, runs one command,
// and turns every kg::Error into `kg: <what went wrong>` on stderr with the
// error's exit code (1 for bad input, 2 for bad usage).
#include <CLI/CLI.hpp>
#include <iostream>

#include "graph/error.h"
#include "graph/version.h"
#include "tools/commands.h"

int main(int argc, char** argv) {
  CLI::App app{
      "kg: builds a knowledge graph of international cooperation in vocational education\n"
      "from news articles, answers Cypher queries over it, draws and exports it."};
  app.set_version_flag("--version", std::string("kg ") + kg::kVersion);
  app.require_subcommand(1);
  app.fallthrough(false);
  kg::cli::add_extract_command(app);
  kg::cli::add_eval_command(app);
  kg::cli::add_build_command(app);
  kg::cli::add_merge_command(app);
  kg::cli::add_remove_command(app);
  kg::cli::add_info_command(app);
  kg::cli::add_export_command(app);
  kg::cli::add_import_command(app);
  kg::cli::add_render_command(app);
  kg::cli::add_query_command(app);
  kg::cli::add_shell_command(app);
  kg::cli::add_partners_command(app);
  kg::cli::add_path_command(app);
  kg::cli::add_stats_command(app);



  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // --help and --version arrive here too, with exit code 0.
    if (e.get_exit_code() == 0) return app.exit(e);
    std::cerr << "kg: " << e.what() << "\n";
    std::cerr << "Run with --help for more information.\n";
    return 2;
  } catch (const kg::Error& e) {
    std::cout.flush();
    std::cerr << "kg: " << e.what() << "\n";
    return e.exit_code();
  } catch (const std::bad_alloc&) {
    std::cerr << "kg: out of memory\n";
    return 1;
  }
  return 0;
}
