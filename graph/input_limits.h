// Bounds on hostile input shared by kg's readers (issue 7): how long a JSON
// Lines line may be and how deep a JSON document may nest. A reader that
// hits one throws LimitError naming the file and position; it never reads
// an unbounded line into memory or recurses without bound.
#pragma once

#include <cstddef>
#include <cstdint>
#include <istream>
#include <string>
#include <string_view>

namespace kg {

// kg's own JSON nests at most 4 levels (graph file -> nodes -> node ->
// props -> list); node-link files and article metadata from elsewhere get
// room to spare. RapidJSON's default parser recurses once per level.
inline constexpr size_t kMaxJsonDepth = 100;

// A fragment line holds at most one article's text (16 MiB by default,
// up to 6 bytes per byte when escaped) plus its entities.
inline constexpr uint64_t kMaxFragmentLineBytes = 256ull << 20;

// The byte offset of the first '[' or '{' that opens level max_depth + 1
// (strings skipped), or npos when `json` nests no deeper than max_depth.
// Linear, no recursion; malformed JSON is left to the parser.
size_t find_json_too_deep(std::string_view json, size_t max_depth = kMaxJsonDepth);

// Reads one line (without its '\n') of at most `max_bytes` bytes into
// `line`. A longer line is consumed to its end without being kept (so a
// lenient reader can go on with the next one) and gives kTooLong with
// `line` empty. `line_bytes` receives the bytes consumed including the '\n'.
enum class LineStatus { kEnd, kLine, kTooLong };
LineStatus read_bounded_line(std::istream& in, std::string& line, uint64_t max_bytes,
                             uint64_t& line_bytes);

}  // namespace kg
