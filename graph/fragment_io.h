// Reading and writing fragments as JSON Lines (one Fragment per line).
#pragma once

#include <cstdint>
#include <istream>
#include <string>
#include <string_view>

#include "graph/fragment.h"

namespace kg {

// One line of JSON, without the trailing newline. `text` is written only when
// `with_text` is set (kg extract --with-text).
std::string fragment_to_json(const Fragment& fragment, bool with_text);

// Parses one line. Throws InputError naming `path`, `line_no` and, for bad
// JSON, the byte offset within the line. Relations must name entity ids of the
// same object; unknown types and labels are errors.
Fragment fragment_from_json(std::string_view line, const std::string& path, uint64_t line_no);

// Streams fragments from a JSON Lines file ("-" for standard input): one
// document in memory at a time. Blank lines are skipped.
class FragmentReader {
 public:
  // Throws IoError when the file cannot be opened.
  explicit FragmentReader(const std::string& path);
  ~FragmentReader();
  FragmentReader(const FragmentReader&) = delete;
  FragmentReader& operator=(const FragmentReader&) = delete;

  // False at the end of input. Throws InputError on a malformed line.
  bool next(Fragment& out);

 private:
  std::string path_;
  std::istream* in_;
  bool owned_;
  uint64_t line_no_ = 0;
  std::string line_;
};

}  // namespace kg
