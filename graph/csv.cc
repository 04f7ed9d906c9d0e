#include "graph/csv.h"

#include <array>
#include <cstring>

#include "graph/error.h"

namespace kg::csv {

namespace {
bool needs_guard(std::string_view s) {
  if (s.empty()) return false;
  switch (s[0]) {
    case '=':
    case '+':
    case '-':
    case '@':
    case '\t':
    case '\r':
    case '\'':
      return true;
    default:
      return false;
  }
}

// Whether a cell holding `text` must be quoted: empty text (told apart from
// a missing value), or a comma, quote, CR or LF in it. One pass over a table
// (find_first_of compared each byte with each of the four).
bool needs_quotes(std::string_view text) {
  static constexpr auto kSpecial = [] {
    std::array<bool, 256> t{};
    t[','] = t['"'] = t['\r'] = t['\n'] = true;
    return t;
  }();
  if (text.empty()) return true;
  for (unsigned char c : text)
    if (kSpecial[c]) return true;
  return false;
}
}  // namespace

void append_cell(std::string& out, std::string_view text, bool guard) {
  bool g = guard && needs_guard(text);
  bool quote = needs_quotes(text);
  if (!quote && !g) {
    out.append(text);
    return;
  }
  if (quote) out.push_back('"');
  if (g) out.push_back('\'');
  const char* run = text.data();
  const char* end = text.data() + text.size();
  for (const char* q;
       run != end && (q = static_cast<const char*>(std::memchr(run, '"', end - run))) != nullptr;
       run = q + 1) {
    out.append(run, q + 1 - run);
    out.push_back('"');  // doubled
  }
  out.append(run, end - run);
  if (quote) out.push_back('"');
}

std::string_view unguard(std::string_view cell) {
  if (!cell.empty() && cell[0] == '\'') cell.remove_prefix(1);
  return cell;
}

bool Reader::next(std::vector<Cell>& row) {
  // Spreadsheets save UTF-8 with a byte order mark; it is not part of the
  // first cell.
  if (pos_ == 0 && text_.starts_with("\xEF\xBB\xBF")) pos_ = 3;
  // Cells are reused from row to row: their strings keep their capacity.
  size_t used = 0;
  // Skip blank lines between rows.
  while (pos_ < text_.size() && (text_[pos_] == '\n' || text_[pos_] == '\r')) {
    if (text_[pos_] == '\n') ++line_;
    ++pos_;
  }
  if (pos_ >= text_.size()) return false;
  row_line_ = line_;
  for (;;) {
    if (used == row.size()) row.emplace_back();
    Cell& cell = row[used++];
    cell.text.clear();
    cell.quoted = false;
    if (pos_ < text_.size() && text_[pos_] == '"') {
      cell.quoted = true;
      ++pos_;
      const char* start = text_.data() + pos_;
      for (;;) {
        size_t q = text_.find('"', pos_);
        if (q == std::string_view::npos)
          throw InputError::at_line(path_, row_line_, "a quoted cell is never closed");
        cell.text.append(text_.substr(pos_, q - pos_));
        pos_ = q + 1;
        if (pos_ < text_.size() && text_[pos_] == '"') {
          cell.text.push_back('"');
          ++pos_;
          continue;
        }
        break;
      }
      // Newlines inside the cell, counted by memchr over the whole cell
      // rather than byte by byte (the cells hold long JSON texts).
      const char* stop = text_.data() + pos_;
      for (const char* nl = start;
           (nl = static_cast<const char*>(std::memchr(nl, '\n', stop - nl))) != nullptr; ++nl)
        ++line_;
      if (pos_ < text_.size() && text_[pos_] != ',' && text_[pos_] != '\n' && text_[pos_] != '\r')
        throw InputError::at_line(path_, line_, "text after the closing quote of a cell");
    } else {
      size_t end = text_.find_first_of(",\n\r", pos_);
      if (end == std::string_view::npos) end = text_.size();
      std::string_view raw = text_.substr(pos_, end - pos_);
      if (raw.find('"') != std::string_view::npos)
        throw InputError::at_line(path_, line_, "a quote inside an unquoted cell");
      cell.text.assign(raw);
      pos_ = end;
    }
    if (pos_ >= text_.size()) {
      row.resize(used);
      return true;
    }
    char c = text_[pos_];
    if (c == ',') {
      ++pos_;
      continue;
    }
    // End of row: \n, \r\n or \r.
    if (c == '\r') ++pos_;
    if (pos_ < text_.size() && text_[pos_] == '\n') {
      ++pos_;
      ++line_;
    }
    row.resize(used);
    return true;
  }
}

}  // namespace kg::csv
