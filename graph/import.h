// Import: reads the csv directory and the node-link JSON that graph/export.h
// writes -- or tables and node-link files that users bring (a partner list
// made in a spreadsheet, a NetworkX graph) -- into a Graph.
//
// Exports of kg round-trip: import(export(g)) == g (operator==), node and
// edge ids included, for every graph whose property keys each hold one type
// per label or relationship type (a key with mixed types comes back as text).
//
// What a user's files need:
//   json: "nodes" with "id" (number or string) and "label" (a kg label);
//         "name" (the id's text when missing), "aliases", other keys become
//         properties; "links" (or "edges") with "source", "target" (node
//         ids) and "type" (a kg relationship type).
//   csv:  <Label>.csv with a first column of ids (header "id" or
//         "id:ID(<Label>)") and a "name" column; <TYPE>.<From>.<To>.csv whose
//         first two columns are the endpoint ids. Header types (":long",
//         ":double", ":boolean", ":string[]") type the properties; untyped
//         columns are strings.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "graph/graph.h"

namespace kg {

enum class ImportFormat { kCsv, kJson };

std::optional<ImportFormat> parse_import_format(std::string_view name);

struct ImportOptions {
  ImportFormat format = ImportFormat::kJson;
};

// Throws InputError naming the file and line (csv) or byte offset / record
// (json) of the first problem; IoError when a file cannot be read.
Graph import_graph(const std::string& path, const ImportOptions& options);

}  // namespace kg
