// Readers: turn the inputs of kg extract (files, directories, "-") into raw
// articles, one at a time, so a corpus never has to fit in memory.
//
// By extension: .jsonl is JSON Lines (one article per line: "id", "text",
// optional "title", "date", "url", "lang"); .html/.htm is a web page (visible
// text through gumbo, block elements as line breaks, script/style/nav/footer
// dropped, title and date from <title>/<meta>); anything else is plain text.
// Directories are read recursively in sorted order; "-" is JSON Lines on
// standard input.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace kg {

struct ReadOptions {
  // Bad input (invalid UTF-8, NUL bytes, a broken JSON line, an empty or
  // oversized article) is a warning and is skipped or repaired instead of an
  // InputError. Invalid UTF-8 becomes U+FFFD. Default: off.
  bool lenient = false;
  // Largest article (a file, or a JSON line) in bytes; larger ones are a
  // LimitError (with lenient: skipped with a warning). Default: 16 MiB.
  uint64_t max_article_bytes = 16ull << 20;
};

// One article as read, before cleaning. `html` tells cleaning the line
// structure came from markup.
struct RawArticle {
  std::string id;      // file path relative to the input directory, or JSON "id"
  std::string source;  // where it came from, for messages: "path" or "path:line"
  std::string title, date, url, lang;
  std::string text;  // valid UTF-8
};

// Called with one line of warning text (no "kg: " prefix, no newline).
using WarningFn = std::function<void(const std::string&)>;

class ArticleReader {
 public:
  // Expands directories at once (sorted); throws IoError for a missing input.
  ArticleReader(const std::vector<std::string>& inputs, const ReadOptions& options, WarningFn warn);
  ~ArticleReader();
  ArticleReader(const ArticleReader&) = delete;
  ArticleReader& operator=(const ArticleReader&) = delete;

  // False at the end. Throws InputError/LimitError (not lenient) naming the
  // file and line or byte offset.
  bool next(RawArticle& out);

  uint64_t bytes_read() const;      // input bytes consumed so far
  uint64_t total_bytes() const;     // sum of file sizes (0 for stdin)
  uint64_t replaced_bytes() const;  // invalid bytes replaced by U+FFFD

 private:
  struct State;
  std::unique_ptr<State> s_;
};

// Checks `text` is UTF-8. Not lenient: throws InputError naming `source` and
// the byte offset (+ `base`) of the first bad byte. Lenient: replaces each
// bad sequence by U+FFFD and returns how many bytes were replaced.
uint64_t check_utf8(std::string& text, const std::string& source, uint64_t base, bool lenient);

// The visible text of an HTML page (see the header comment).
RawArticle read_html(const std::string& html, const std::string& id);

}  // namespace kg
