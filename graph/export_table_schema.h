// Private to graph/: the table layout shared by the csv and cypher exports
// (and read back by import_csv.cc): which property columns each label's node
// table and each relationship type's table has, and their types.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "graph/graph.h"

namespace kg::detail {

// A column's type. kMixed: the key holds values of several types; written
// as text and read back as strings (the one lossy case, documented).
enum class ColumnType { kString, kInt, kDouble, kBool, kList, kMixed };

struct Column {
  std::string key;   // the property key
  std::string name;  // the column name: key, or "prop.<key>" when it is reserved
  ColumnType type = ColumnType::kString;
};

struct TableSchema {
  std::vector<Column> columns;  // sorted by key
};

struct GraphSchema {
  TableSchema labels[kLabelCount];
  TableSchema types[kRelTypeCount];
  // Per type, the (source label, target label) pairs that occur, sorted.
  std::vector<std::pair<Label, Label>> pairs[kRelTypeCount];
  bool has_label[kLabelCount] = {};
};

GraphSchema graph_schema(const Graph& g);
// The columns of all node tables (all relationship tables) in one, for the
// formats with one node and one edge attribute set (graphml, gexf); a key
// whose types differ between tables becomes kMixed.
TableSchema all_node_columns(const GraphSchema& s);
TableSchema all_edge_columns(const GraphSchema& s);

// Neo4j header types: "string", "long", "double", "boolean", "string[]".
std::string_view neo4j_type(ColumnType t);
// Kuzu column types: STRING, INT64, DOUBLE, BOOLEAN (lists as JSON STRING).
std::string_view kuzu_type(ColumnType t);
// Kuzu's CREATE NODE TABLE / CREATE REL TABLE statements for the tables of
// the csv export (node tables keyed by `id`; one multi-pair rel table per
// type), one per line.
std::string kuzu_ddl(const GraphSchema& s);
// A Cypher identifier in backticks (backticks inside doubled).
std::string backticked(std::string_view name);

}  // namespace kg::detail
