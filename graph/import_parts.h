// Private to graph/: pieces shared by import_json.cc and import_csv.cc --
// reading a file, and the provenance arrays (mentions, evidence) and
// property values that both formats carry as JSON.
#pragma once

#include <rapidjson/document.h>

#include <string>
#include <string_view>
#include <vector>

#include "graph/graph.h"

namespace kg::detail {

// The whole file; throws IoError.
std::string read_whole_file(const std::string& path);

// Where a record is: "f.json: nodes[3]" (part "nodes") or "f.csv:12" (no
// part, index = line). Spelled out only when an error is thrown: millions
// of records are read without building a message each.
struct Where {
  std::string_view file;
  std::string_view part;
  size_t index = 0;
  std::string text() const;
  [[noreturn]] void fail(std::string_view field, const std::string& what) const;
};

std::vector<NodeMention> parse_mentions(const rapidjson::Value& v, Graph& g, const Where& where);
std::vector<EdgeEvidence> parse_evidence(const rapidjson::Value& v, Graph& g, const Where& where);
std::vector<std::string> parse_string_list(const rapidjson::Value& v, const Where& where,
                                           std::string_view field);
// A JSON value as a property: strings, integers, doubles, booleans, arrays
// of strings; false for null (no property). Other shapes throw.
bool parse_value(const rapidjson::Value& v, Value& out, const Where& where, std::string_view field);
// Parses `text` as JSON (the cells of csv exports); throws InputError.
void parse_json_text(rapidjson::Document& doc, std::string_view text, const Where& where,
                     std::string_view field);

}  // namespace kg::detail
