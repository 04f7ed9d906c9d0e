// Private to graph/: pieces of the importers -- reading a file, where a
// record is for errors, and the JSON cells of csv tables (provenance arrays
// and lists).
#pragma once

#include <rapidjson/document.h>

#include <string>
#include <string_view>
#include <vector>

#include "graph/graph.h"

namespace kg::detail {

// The whole file; throws IoError.
std::string read_whole_file(const std::string& path);

// The whole file as read-only bytes: mapped into memory where it can be
// (no copy into the heap, whose fresh pages the kernel would zero first --
// the csv tables of 5M edges are 1.5 GB), else read. Throws IoError.
class FileText {
 public:
  // `terminated`: view().data()[view().size()] is '\0' too (for parsers of
  // C strings; a NUL byte inside the file is the caller's to notice).
  explicit FileText(const std::string& path, bool terminated = false);
  ~FileText();
  FileText(const FileText&) = delete;
  FileText& operator=(const FileText&) = delete;
  std::string_view view() const { return view_; }

 private:
  void* map_ = nullptr;
  size_t map_size_ = 0;
  std::string read_;  // when not mapped
  std::string_view view_;
};

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
// Parses the JSON text at `text` (the cells of csv exports) in place:
// strings are unescaped into the buffer itself and the Document's strings
// point into it. REQUIRES: text is writable and ends with '\0'; it outlives
// the use of `doc`. Throws InputError.
void parse_json_in_place(rapidjson::Document& doc, char* text, const Where& where,
                         std::string_view field);

}  // namespace kg::detail
