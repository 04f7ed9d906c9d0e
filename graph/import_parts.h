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

// `where` prefixes error messages ("f.json: nodes[3]").
std::vector<NodeMention> parse_mentions(const rapidjson::Value& v, Graph& g,
                                        const std::string& where);
std::vector<EdgeEvidence> parse_evidence(const rapidjson::Value& v, Graph& g,
                                         const std::string& where);
std::vector<std::string> parse_string_list(const rapidjson::Value& v, const std::string& where);
// A JSON value as a property: strings, integers, doubles, booleans, arrays
// of strings; false for null (no property). Other shapes throw.
bool parse_value(const rapidjson::Value& v, Value& out, const std::string& where);
// Parses `text` as JSON (the cells of csv exports); throws InputError.
void parse_json_text(rapidjson::Document& doc, std::string_view text, const std::string& where);

}  // namespace kg::detail
