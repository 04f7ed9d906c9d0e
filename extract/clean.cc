#include "extract/clean.h"

#include <re2/re2.h>
#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include <string_view>

#include "extract/dates.h"
#include "extract/furniture.h"
#include "extract/sentences.h"
#include "graph/error.h"

namespace kg {

std::string nfkc(const std::string& text) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* n = icu::Normalizer2::getNFKCInstance(status);
  if (U_FAILURE(status)) throw Error(std::string("ICU NFKC: ") + u_errorName(status));
  // Checked and normalised on the UTF-8 bytes: no UTF-16 copy.
  if (n->isNormalizedUTF8(text, status) && U_SUCCESS(status)) return text;
  status = U_ZERO_ERROR;
  std::string s;
  icu::StringByteSink<std::string> sink(&s, static_cast<int32_t>(text.size()));
  n->normalizeUTF8(0, text, sink, nullptr, status);
  if (U_FAILURE(status)) throw Error(std::string("ICU NFKC: ") + u_errorName(status));
  return s;
}

namespace {

std::vector<std::string> trimmed_lines(const std::string& text) {
  std::vector<std::string> lines;
  size_t i = 0;
  while (i <= text.size()) {
    size_t j = text.find('\n', i);
    if (j == std::string::npos) j = text.size();
    std::string line = text.substr(i, j - i);
    for (auto& c : line)
      if (c == '\t' || c == '\r' || c == '\f' || c == '\v') c = ' ';
    size_t b = line.find_first_not_of(' '), e = line.find_last_not_of(' ');
    lines.push_back(b == std::string::npos ? "" : line.substr(b, e - b + 1));
    i = j + 1;
  }
  return lines;
}

// "Zhong Guo Xin Wen Wang· 2025-08-29 08:29": a source and a date on a line
// of their own, which aggregator pages put under each headline.
bool is_dateline(const std::string& line) {
  static const RE2 re(
      "[^\\n]{0,80}?\\s*[·•|]\\s*\\d{4}-\\d{2}-\\d{2}(?: \\d{2}:\\d{2}(?::\\d{2})?)?");
  // Every line is asked; only one with a separator and a '-' can be one.
  if (line.find('-') == std::string::npos) return false;
  if (line.find('|') == std::string::npos && line.find("·") == std::string::npos &&
      line.find("•") == std::string::npos)
    return false;
  return RE2::FullMatch(line, re);
}

std::string join(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& l : lines) {
    if (l.empty()) continue;
    if (!out.empty()) out += '\n';
    out += l;
  }
  return out;
}

struct Span {
  size_t begin, end;  // lines [begin, end)
  bool headed;        // starts with a headline + dateline pair
};

}  // namespace

Cleaner::Cleaner(const std::vector<std::string>& vocabulary, const std::string& word_list)
    : glue_(word_list, vocabulary) {}

std::vector<Document> Cleaner::clean(const RawArticle& article) const {
  std::vector<std::string> lines = trimmed_lines(nfkc(article.text));
  // Article boundaries: a headline followed by a dateline, seen twice or more.
  std::vector<size_t> starts;
  for (size_t i = 1; i < lines.size(); ++i)
    if (is_dateline(lines[i]) && !lines[i - 1].empty() && !is_dateline(lines[i - 1]))
      starts.push_back(i - 1);
  std::vector<Span> spans;
  if (starts.size() >= 2) {
    for (size_t k = 0; k < starts.size(); ++k)
      spans.push_back({starts[k], k + 1 < starts.size() ? starts[k + 1] : lines.size(), true});
  } else {
    spans.push_back({0, lines.size(), false});
  }
  std::vector<Document> docs;
  for (size_t k = 0; k < spans.size(); ++k) {
    const Span& s = spans[k];
    std::vector<std::string> part(lines.begin() + s.begin, lines.begin() + s.end);
    Document d;
    d.id = spans.size() > 1 ? article.id + "#" + std::to_string(k + 1) : article.id;
    d.url = article.url;
    d.lang = article.lang;
    d.title = nfkc(article.title);
    d.date = normalize_date(article.date);
    if (s.headed) {
      if (d.title.empty()) d.title = part[0];
      if (d.date.empty()) d.date = find_date(part[1]);
      part.erase(part.begin(), part.begin() + 2);
    }
    // A page's date is near its top (header, dateline or first sentence).
    if (d.date.empty()) d.date = find_date(std::string_view(join(part)).substr(0, 4096));
    std::vector<std::string> kept = drop_furniture(part);
    for (auto& l : kept) l = glue_.repair(l);
    if (d.title.empty()) d.title = headline_of(kept);
    d.text = join(kept);
    if (d.text.empty())
      throw InputError(article.source +
                       (spans.size() > 1 ? " (article " + std::to_string(k + 1) + ")" : "") +
                       ": no article text left after dropping page furniture");
    d.sentences = split_sentences(d.text);
    docs.push_back(std::move(d));
  }
  return docs;
}

}  // namespace kg
