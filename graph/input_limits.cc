#include "graph/input_limits.h"

namespace kg {

size_t find_json_too_deep(std::string_view json, size_t max_depth) {
  size_t depth = 0;
  bool in_string = false;
  for (size_t i = 0; i < json.size(); ++i) {
    char c = json[i];
    if (in_string) {
      if (c == '\\') {
        ++i;  // the escaped character cannot end the string
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    switch (c) {
      case '"':
        in_string = true;
        break;
      case '[':
      case '{':
        if (++depth > max_depth) return i;
        break;
      case ']':
      case '}':
        // Unbalanced closers are the parser's to report.
        if (depth > 0) --depth;
        break;
      default:
        break;
    }
  }
  return std::string_view::npos;
}

LineStatus read_bounded_line(std::istream& in, std::string& line, uint64_t max_bytes,
                             uint64_t& line_bytes) {
  line.clear();
  line_bytes = 0;
  std::streambuf* buf = in.rdbuf();
  bool too_long = false;
  for (;;) {
    int ch = buf->sbumpc();
    if (ch == std::char_traits<char>::eof()) {
      in.setstate(line_bytes == 0 ? std::ios::eofbit | std::ios::failbit : std::ios::eofbit);
      if (line_bytes == 0) return LineStatus::kEnd;
      break;
    }
    ++line_bytes;
    if (ch == '\n') break;
    if (too_long) continue;
    if (line.size() == max_bytes) {
      // Drop what was kept: the rest of the line is only counted.
      too_long = true;
      line.clear();
      line.shrink_to_fit();
      continue;
    }
    line.push_back(static_cast<char>(ch));
  }
  return too_long ? LineStatus::kTooLong : LineStatus::kLine;
}

}  // namespace kg
