// Each kg subcommand lives in its own tools/cmd_<name>.cc and registers
// itself on the app here. A command's callback does the work and throws
// kg::Error on failure; main() turns that into one stderr line and an exit
// code. Options map one to one onto the library's Options structs.
#pragma once

#include <CLI/CLI.hpp>

namespace kg::cli {

// (one line per command, in the order `kg --help` lists them)
void add_extract_command(CLI::App& app);
void add_eval_command(CLI::App& app);
void add_build_command(CLI::App& app);
void add_merge_command(CLI::App& app);
void add_remove_command(CLI::App& app);
void add_info_command(CLI::App& app);
void add_export_command(CLI::App& app);
void add_import_command(CLI::App& app);
void add_render_command(CLI::App& app);
void add_query_command(CLI::App& app);
void add_shell_command(CLI::App& app);
void add_partners_command(CLI::App& app);
void add_path_command(CLI::App& app);
void add_stats_command(CLI::App& app);

}  // namespace kg::cli
