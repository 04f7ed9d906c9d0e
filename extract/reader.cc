// Plain text, JSON Lines, directories and stdin; HTML is in html_reader.cc.
#include "extract/reader.h"

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "graph/error.h"
#include "graph/input_limits.h"

namespace fs = std::filesystem;

namespace kg {

namespace {

// Length of the valid UTF-8 sequence at p, or 0 when it is not one.
size_t utf8_length(const unsigned char* p, size_t left) {
  unsigned char c = p[0];
  if (c < 0x80) return 1;
  size_t n;
  uint32_t cp;
  if ((c & 0xE0) == 0xC0)
    n = 2, cp = c & 0x1F;
  else if ((c & 0xF0) == 0xE0)
    n = 3, cp = c & 0x0F;
  else if ((c & 0xF8) == 0xF0)
    n = 4, cp = c & 0x07;
  else
    return 0;
  if (left < n) return 0;
  for (size_t i = 1; i < n; ++i) {
    if ((p[i] & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (p[i] & 0x3F);
  }
  // Overlong forms, surrogates and values past U+10FFFF are not UTF-8.
  if ((n == 2 && cp < 0x80) || (n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000)) return 0;
  if ((cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) return 0;
  return n;
}

std::string lower_ext(const fs::path& p) {
  std::string e = p.extension().string();
  std::transform(e.begin(), e.end(), e.begin(), [](unsigned char c) { return std::tolower(c); });
  return e;
}

struct Input {
  std::string path;  // "-" for stdin
  std::string id;    // relative to the directory given, or the file name
};

std::string get_string(const rapidjson::Value& obj, const char* key, const std::string& where,
                       bool required) {
  auto it = obj.FindMember(key);
  if (it == obj.MemberEnd() || it->value.IsNull()) {
    if (required) throw InputError(where + ": missing \"" + key + "\"");
    return "";
  }
  if (!it->value.IsString()) throw InputError(where + ": \"" + key + "\" is not a string");
  return std::string(it->value.GetString(), it->value.GetStringLength());
}

}  // namespace

uint64_t check_utf8(std::string& text, const std::string& source, uint64_t base, bool lenient) {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  size_t i = 0, size = text.size();
  while (i < size && utf8_length(p + i, size - i)) i += utf8_length(p + i, size - i);
  if (i == size) return 0;
  if (!lenient) throw InputError::at_offset(source, base + i, "invalid UTF-8");
  std::string out(text, 0, i);
  uint64_t replaced = 0;
  while (i < size) {
    size_t n = utf8_length(p + i, size - i);
    if (n) {
      out.append(text, i, n);
      i += n;
    } else {
      out += "\xEF\xBF\xBD";
      ++replaced, ++i;
    }
  }
  text = std::move(out);
  return replaced;
}

struct ArticleReader::State {
  ReadOptions options;
  WarningFn warn;
  std::vector<Input> inputs;
  size_t next_input = 0;
  // The JSON Lines file being read, if any.
  std::unique_ptr<std::ifstream> file;
  std::istream* lines = nullptr;
  std::string lines_path;
  uint64_t line_no = 0, line_offset = 0;
  uint64_t bytes = 0, total = 0, replaced = 0;

  // Not lenient: throws. Lenient: warns and returns false (skip it).
  bool fail(const Error& e) {
    if (!options.lenient) throw;
    warn(std::string(e.what()) + " (skipped)");
    return false;
  }
  bool read_file(const Input& in, RawArticle& out);
  bool read_line(RawArticle& out);
};

ArticleReader::ArticleReader(const std::vector<std::string>& inputs, const ReadOptions& options,
                             WarningFn warn)
    : s_(std::make_unique<State>()) {
  s_->options = options;
  s_->warn = std::move(warn);
  for (const auto& in : inputs) {
    if (in == "-") {
      s_->inputs.push_back({"-", "-"});
      continue;
    }
    std::error_code ec;
    if (fs::is_directory(in, ec)) {
      std::vector<Input> found;
      for (auto it = fs::recursive_directory_iterator(in, ec);
           !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (!it->is_regular_file(ec)) continue;
        found.push_back({it->path().string(), fs::relative(it->path(), in).generic_string()});
      }
      if (ec) throw IoError(in + ": " + ec.message());
      std::sort(found.begin(), found.end(),
                [](const Input& a, const Input& b) { return a.id < b.id; });
      for (auto& f : found) s_->inputs.push_back(std::move(f));
    } else if (fs::is_regular_file(in, ec)) {
      s_->inputs.push_back({in, fs::path(in).filename().string()});
    } else {
      throw IoError(in + ": no such file or directory");
    }
  }
  std::error_code ec;
  for (const auto& in : s_->inputs)
    if (in.path != "-") s_->total += fs::file_size(in.path, ec);
}

ArticleReader::~ArticleReader() = default;
uint64_t ArticleReader::bytes_read() const { return s_->bytes; }
uint64_t ArticleReader::total_bytes() const { return s_->total; }
uint64_t ArticleReader::replaced_bytes() const { return s_->replaced; }

bool ArticleReader::next(RawArticle& out) {
  for (;;) {
    if (s_->lines) {
      if (s_->read_line(out)) return true;
      continue;
    }
    if (s_->next_input == s_->inputs.size()) return false;
    const Input& in = s_->inputs[s_->next_input++];
    if (in.path == "-" || lower_ext(in.path) == ".jsonl") {
      s_->lines_path = in.path == "-" ? "<stdin>" : in.path;
      s_->line_no = s_->line_offset = 0;
      if (in.path == "-") {
        s_->lines = &std::cin;
      } else {
        s_->file = std::make_unique<std::ifstream>(in.path, std::ios::binary);
        if (!*s_->file) throw IoError(in.path + ": cannot open");
        s_->lines = s_->file.get();
      }
      continue;
    }
    try {
      if (s_->read_file(in, out)) return true;
    } catch (const Error& e) {
      s_->fail(e);
    }
  }
}

bool ArticleReader::State::read_file(const Input& in, RawArticle& out) {
  std::error_code ec;
  uint64_t size = fs::file_size(in.path, ec);
  if (ec) throw IoError(in.path + ": " + ec.message());
  if (size > options.max_article_bytes)
    throw LimitError(in.path + ": " + std::to_string(size) +
                     " bytes, more than the article limit " +
                     std::to_string(options.max_article_bytes) + " (--max-article-bytes)");
  std::ifstream f(in.path, std::ios::binary);
  if (!f) throw IoError(in.path + ": cannot open");
  std::string data(size, '\0');
  f.read(data.data(), static_cast<std::streamsize>(size));
  if (static_cast<uint64_t>(f.gcount()) != size) throw IoError(in.path + ": short read");
  bytes += size;
  size_t nul = data.find('\0');
  if (nul != std::string::npos)
    throw InputError::at_offset(in.path, nul, "binary file (NUL byte), not an article");
  if (uint64_t n = check_utf8(data, in.path, 0, options.lenient)) {
    replaced += n;
    warn(in.path + ": " + std::to_string(n) + " invalid UTF-8 bytes replaced by U+FFFD");
  }
  if (data.find_first_not_of(" \t\r\n\f\v") == std::string::npos)
    throw InputError(in.path + ": empty article (no text)");
  std::string ext = lower_ext(in.path);
  if (ext == ".html" || ext == ".htm") {
    out = read_html(data, in.id);
  } else {
    out = RawArticle{};
    out.id = in.id;
    out.text = std::move(data);
  }
  out.source = in.path;
  return true;
}

bool ArticleReader::State::read_line(RawArticle& out) {
  std::string line;
  // Bounded: a line longer than the article limit is skipped over, never
  // held in memory whole (a 10 GB file without a newline is one line).
  uint64_t line_bytes = 0;
  LineStatus status = read_bounded_line(*lines, line, options.max_article_bytes, line_bytes);
  if (status == LineStatus::kEnd) {
    lines = nullptr;
    file.reset();
    return false;
  }
  ++line_no;
  uint64_t offset = line_offset;
  line_offset += line_bytes;
  bytes += line_bytes;
  if (!line.empty() && line.back() == '\r') line.pop_back();
  std::string where = lines_path + ":" + std::to_string(line_no);
  if (status != LineStatus::kTooLong && line.find_first_not_of(" \t") == std::string::npos)
    return false;
  try {
    if (status == LineStatus::kTooLong)
      throw LimitError(where + ": a line of more than the article limit " +
                       std::to_string(options.max_article_bytes) + " bytes (--max-article-bytes)");
    if (size_t deep = find_json_too_deep(line); deep != std::string::npos)
      throw LimitError(where + ": byte " + std::to_string(deep) + ": JSON nested deeper than " +
                       std::to_string(kMaxJsonDepth) + " levels");
    if (line.find('\0') != std::string::npos)
      throw InputError(where + ": NUL byte in a JSON line (binary data?)");
    if (uint64_t n = check_utf8(line, lines_path, offset, options.lenient)) {
      replaced += n;
      warn(where + ": " + std::to_string(n) + " invalid UTF-8 bytes replaced by U+FFFD");
    }
    rapidjson::Document d;
    d.Parse(line.data(), line.size());
    if (d.HasParseError())
      throw InputError(where + ": bad JSON at byte " + std::to_string(d.GetErrorOffset()) + ": " +
                       rapidjson::GetParseError_En(d.GetParseError()));
    if (!d.IsObject()) throw InputError(where + ": not a JSON object");
    out = RawArticle{};
    out.id = get_string(d, "id", where, true);
    out.text = get_string(d, "text", where, true);
    out.title = get_string(d, "title", where, false);
    out.date = get_string(d, "date", where, false);
    out.url = get_string(d, "url", where, false);
    out.lang = get_string(d, "lang", where, false);
    out.source = where;
    if (out.id.empty()) throw InputError(where + ": empty \"id\"");
    if (out.text.find('\0') != std::string::npos)
      throw InputError(where + ": NUL character in \"text\"");
    if (out.text.find_first_not_of(" \t\r\n\f\v") == std::string::npos)
      throw InputError(where + ": empty article (no text)");
    return true;
  } catch (const Error& e) {
    return fail(e);
  }
}

}  // namespace kg
