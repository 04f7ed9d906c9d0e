#include "extract/sentences.h"

#include <unicode/brkiter.h>
#include <unicode/unistr.h>
#include <unicode/utext.h>

#include <algorithm>
#include <array>
#include <memory>
#include <string_view>

#include "graph/error.h"

namespace kg {

namespace {

// Words that end with a period without ending the sentence. Compared
// case-sensitively with the word before the break, period included.
constexpr std::array<std::string_view, 44> kAbbreviations = {
    "Co.",  "Ltd.", "Inc.", "Corp.", "Mr.",  "Mrs.", "Ms.",  "Dr.",     "Prof.", "St.",   "No.",
    "Nos.", "Jan.", "Feb.", "Mar.",  "Apr.", "Jun.", "Jul.", "Aug.",    "Sep.",  "Sept.", "Oct.",
    "Nov.", "Dec.", "U.S.", "U.K.",  "U.N.", "E.U.", "P.R.", "vs.",     "etc.",  "e.g.",  "i.e.",
    "Gov.", "Gen.", "Sen.", "Rep.",  "Vol.", "pp.",  "Fig.", "approx.", "Dept.", "Univ.", "Jr."};

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

// True when the sentence ending at `end` (exclusive, trailing spaces
// included) ends with an abbreviation or a single capital initial ("J.").
bool ends_with_abbreviation(const std::string& text, size_t start, size_t end) {
  while (end > start && is_space(text[end - 1])) {
    if (text[end - 1] == '\n') return false;  // a line break is final
    --end;
  }
  size_t word = end;
  while (word > start && !is_space(text[word - 1])) --word;
  std::string_view w(text.data() + word, end - word);
  // Strip an opening bracket or quote: "(U.S."
  while (!w.empty() && (w.front() == '(' || w.front() == '"')) w.remove_prefix(1);
  if (w.empty() || w.back() != '.') return false;
  // "China-U.S.": the abbreviation is the last part of a hyphenated word.
  if (size_t dash = w.rfind('-'); dash != std::string_view::npos) w.remove_prefix(dash + 1);
  if (w.size() == 2 && w[0] >= 'A' && w[0] <= 'Z') return true;
  for (auto a : kAbbreviations)
    if (w == a) return true;
  return false;
}

}  // namespace

std::vector<SentenceSpan> split_sentences(const std::string& text) {
  UErrorCode status = U_ZERO_ERROR;
  // Building an iterator loads and parses ICU's rules, which cost more than
  // splitting a short article; each thread keeps one and resets its text.
  thread_local std::unique_ptr<icu::BreakIterator> it;
  if (!it) {
    it.reset(icu::BreakIterator::createSentenceInstance(icu::Locale::getEnglish(), status));
    if (U_FAILURE(status)) {
      it.reset();
      throw Error(std::string("ICU sentence iterator: ") + u_errorName(status));
    }
  }
  // Over the UTF-8 bytes through a UText: boundaries are byte offsets.
  UText* ut = utext_openUTF8(nullptr, text.data(), static_cast<int64_t>(text.size()), &status);
  if (U_FAILURE(status)) throw Error(std::string("ICU UText: ") + u_errorName(status));
  it->setText(ut, status);
  std::vector<size_t> bounds;
  for (int32_t b = it->first(); b != icu::BreakIterator::DONE; b = it->next())
    bounds.push_back(static_cast<size_t>(b));
  utext_close(ut);
  std::vector<SentenceSpan> out;
  size_t start = 0;
  for (size_t i = 1; i < bounds.size(); ++i) {
    size_t end = bounds[i];
    if (i + 1 < bounds.size() && ends_with_abbreviation(text, start, end)) continue;
    size_t s = start, e = end;
    while (s < e && is_space(text[s])) ++s;
    while (e > s && is_space(text[e - 1])) --e;
    if (e > s) out.push_back({static_cast<uint32_t>(s), static_cast<uint32_t>(e)});
    start = end;
  }
  return out;
}

}  // namespace kg
