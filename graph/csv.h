// CSV as RFC 4180 spells it, the dialect Kuzu's COPY FROM and neo4j-admin
// import read: comma separated, a cell quoted with '"' when it holds a comma,
// quote, CR or LF (or is empty text, to tell it from a missing value), quotes
// doubled inside, rows ended by '\n'.
//
// Spreadsheet formula injection: a text cell that starts with '=', '+', '-',
// '@', tab or CR would run as a formula when the file is opened in a
// spreadsheet. Such cells are written with a leading apostrophe ('=SUM(...)
// -> '=SUM(...)), the guard OWASP recommends; a text cell that really starts
// with an apostrophe gets one more, so read_guarded() can always undo it by
// dropping the first apostrophe. Numeric cells are never guarded (-5 stays
// -5, so typed columns load).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace kg::csv {

// Appends one cell (no separator). `guard` applies the formula guard.
void append_cell(std::string& out, std::string_view text, bool guard);
// Undoes the guard of append_cell(..., guard = true).
std::string_view unguard(std::string_view cell);

struct Cell {
  std::string text;
  bool quoted = false;  // "" (empty text) versus nothing (a missing value)
};

// Reads a whole CSV text row by row. Errors (a quote left open, text after a
// closing quote) throw InputError naming `path` and the line.
class Reader {
 public:
  Reader(std::string_view text, std::string path) : text_(text), path_(std::move(path)) {}
  // Fills `row`; false at the end of the text. Empty lines are skipped.
  bool next(std::vector<Cell>& row);
  // The line the last row started on (1-based).
  size_t line() const { return row_line_; }
  const std::string& path() const { return path_; }

 private:
  std::string_view text_;
  std::string path_;
  size_t pos_ = 0;
  size_t line_ = 1;
  size_t row_line_ = 0;
};

}  // namespace kg::csv
