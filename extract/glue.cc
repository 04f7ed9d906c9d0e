#include "extract/glue.h"

#include <array>
#include <fstream>

#include "graph/normalize.h"

namespace kg {

namespace {

// The shortest piece of a split made of known words alone.
constexpr size_t kLongPiece = 6;

// Closed-class words: a split must produce one of these (or happen at a
// change of case), which keeps unknown names ("Hunan" is not "Hun an") whole.
constexpr std::array<std::string_view, 34> kFunctionWords = {
    "a",    "an",   "the", "of",   "and",  "or",   "for",   "in",  "on",   "at",   "to",  "by",
    "with", "from", "as",  "is",   "was",  "were", "are",   "be",  "been", "will", "has", "have",
    "had",  "it",   "its", "into", "that", "this", "which", "who", "also", "not"};

bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
bool is_lower(char c) { return c >= 'a' && c <= 'z'; }
bool is_alpha(char c) { return is_upper(c) || is_lower(c); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

char lower_char(char c) { return is_upper(c) ? static_cast<char>(c - 'A' + 'a') : c; }

// `w` is `lower` in any case, compared without a lower-case copy: called
// for every candidate piece of every unknown word.
bool same_lower(std::string_view w, std::string_view lower) {
  if (w.size() != lower.size()) return false;
  for (size_t i = 0; i < w.size(); ++i)
    if (lower_char(w[i]) != lower[i]) return false;
  return true;
}

bool is_function_word(std::string_view w) {
  if (w.empty() || w.size() > 5) return false;  // the longest is "which"
  for (auto f : kFunctionWords)
    if (same_lower(w, f)) return true;
  return false;
}

// "a", "an", "the": an article is followed by what it introduces, never by
// another closed-class word, so a split into "an|and" is no split ("Anand").
bool is_article(std::string_view w) {
  return same_lower(w, "a") || same_lower(w, "an") || same_lower(w, "the");
}

bool article_before_function_word(std::string_view a, std::string_view b) {
  return is_article(a) && is_function_word(b);
}

bool is_acronym(std::string_view w) {
  if (w.size() < 2) return false;
  for (char c : w)
    if (!is_upper(c)) return false;
  return true;
}

bool capitalized(std::string_view w) { return w.size() >= 2 && is_upper(w[0]) && is_lower(w[1]); }

}  // namespace

GlueRepair::GlueRepair(const std::string& word_list, const std::vector<std::string>& vocabulary) {
  std::vector<std::string> all;
  std::ifstream in(word_list);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line.find('\'') != std::string::npos) continue;
    // Single letters other than "a" and "I" are list noise, not words.
    if (line.size() == 1 && line != "a" && line != "I") continue;
    all.push_back(lower_ascii(line));
  }
  for (const auto& v : vocabulary) {
    size_t i = 0;
    while (i < v.size()) {
      while (i < v.size() && !is_alpha(v[i])) ++i;
      size_t j = i;
      while (j < v.size() && is_alpha(v[j])) ++j;
      if (j > i) all.push_back(lower_ascii(std::string_view(v).substr(i, j - i)));
      i = j;
    }
  }
  build(all);
}

bool GlueRepair::known(std::string_view word) const {
  // Lower-cased on the stack; a longer word (rare) takes a heap copy.
  char buf[64];
  if (word.size() > sizeof buf) return contains(lower_ascii(word));
  for (size_t i = 0; i < word.size(); ++i) buf[i] = lower_char(word[i]);
  return contains(std::string_view(buf, word.size()));
}

void GlueRepair::build(const std::vector<std::string>& lower_words) {
  size_t cap = 16;
  while (cap < 2 * lower_words.size()) cap <<= 1;
  slots_.assign(cap, Slot{});
  mask_ = cap - 1;
  for (const auto& w : lower_words) {
    if (w.empty() || contains(w)) continue;
    size_t h = std::hash<std::string_view>{}(w);
    size_t i = h & mask_;
    while (slots_[i].size != 0) i = (i + 1) & mask_;
    slots_[i] = Slot{static_cast<uint32_t>(arena_.size()), static_cast<uint32_t>(w.size()),
                     static_cast<uint32_t>(h >> 32)};
    arena_ += w;
  }
}

bool GlueRepair::contains(std::string_view w) const {
  if (slots_.empty()) return false;
  size_t h = std::hash<std::string_view>{}(w);
  uint32_t tag = static_cast<uint32_t>(h >> 32);
  for (size_t i = h & mask_;; i = (i + 1) & mask_) {
    const Slot& s = slots_[i];
    if (s.size == 0) return false;
    if (s.tag == tag && s.size == w.size() && arena_.compare(s.offset, s.size, w) == 0) return true;
  }
}

bool GlueRepair::split_lower(std::string_view w, std::vector<std::string_view>& best) const {
  // Two or three pieces, each a known word; non-closed-class pieces at least
  // four letters; at least one closed-class piece, or three pieces of at
  // least kLongPiece letters. Fewest pieces first, then the most
  // closed-class pieces.
  //
  // What a piece is: -1 not allowed, 0 a known word, 1 a closed-class word.
  // Every prefix w[0, i) and suffix w[i, n) is looked up once here rather
  // than once per split that uses it, and a middle piece only between an
  // allowed prefix and an allowed suffix: the dictionary probes were most of
  // the time of cleaning.
  auto piece = [&](std::string_view p) -> int {
    if (is_function_word(p)) return 1;
    return p.size() >= 4 && known(p) ? 0 : -1;
  };
  const size_t n = w.size();
  std::vector<int> pre(n + 1, -1), suf(n + 1, -1);
  for (size_t i = 1; i < n; ++i) pre[i] = piece(w.substr(0, i)), suf[i] = piece(w.substr(i));
  // A capitalised word ending in "a" is far more often a name ("Banda",
  // "Angela", "Roberta") than a word glued to the article: not certain.
  if (is_upper(w[0])) suf[n - 1] = -1;
  int best_fn = 0;
  best.clear();
  std::vector<std::string_view> long_split;
  for (size_t i = 1; i < n; ++i) {
    if (pre[i] < 0 || suf[i] < 0) continue;
    if (article_before_function_word(w.substr(0, i), w.substr(i))) continue;
    int fn = pre[i] + suf[i];
    if (fn > best_fn) best = {w.substr(0, i), w.substr(i)}, best_fn = fn;
  }
  if (!best.empty()) return true;
  for (size_t i = 1; i + 1 < n; ++i) {
    if (pre[i] < 0) continue;
    for (size_t j = i + 1; j < n; ++j) {
      if (suf[j] < 0) continue;
      int mid = piece(w.substr(i, j - i));
      if (mid < 0) continue;
      if (article_before_function_word(w.substr(0, i), w.substr(i, j - i)) ||
          article_before_function_word(w.substr(i, j - i), w.substr(j)))
        continue;
      int fn = pre[i] + mid + suf[j];
      if (fn > best_fn) best = {w.substr(0, i), w.substr(i, j - i), w.substr(j)}, best_fn = fn;
      // Three long known words and no closed-class one ("Institute|jointly|
      // signed"): certain too, since no English word is three long words
      // glued. Kept only when no split with a closed-class word exists.
      if (best.empty() && i >= kLongPiece && j - i >= kLongPiece && n - j >= kLongPiece)
        long_split = {w.substr(0, i), w.substr(i, j - i), w.substr(j)};
    }
  }
  if (best.empty()) best = long_split;
  return !best.empty();
}

std::string GlueRepair::repair_word(std::string_view w, bool after_name) const {
  // Two glued words have at least five letters ("ofthe").
  if (w.size() < 5 || known(w)) return std::string(w);
  // Segments at changes of case: "theCenterfor" -> the|Centerfor,
  // "CPCCommitteeof" -> CPC|Committeeof.
  std::vector<std::string_view> segs;
  size_t start = 0;
  for (size_t i = 1; i < w.size(); ++i) {
    bool camel = is_lower(w[i - 1]) && is_upper(w[i]);
    bool acronym_end = is_upper(w[i - 1]) && is_upper(w[i]) && i + 1 < w.size() &&
                       is_lower(w[i + 1]) && i - start >= 2;
    if (camel || acronym_end) segs.push_back(w.substr(start, i - start)), start = i;
  }
  segs.push_back(w.substr(start));
  std::vector<std::string> out;
  std::vector<std::string_view> pieces;
  for (size_t k = 0; k < segs.size(); ++k) {
    auto s = segs[k];
    bool single = segs.size() == 1;
    if (!single && (known(s) || is_acronym(s)) && (s.size() >= 2 || s == "a")) {
      out.emplace_back(s);
    } else if (split_lower(s, pieces)) {
      // A capitalised word after another cut into a short word and a
      // closed-class one is a name more often than a glued pair.
      if (single && after_name && capitalized(s) && pieces.size() == 2 &&
          pieces[0].size() < kLongPiece && is_function_word(pieces[1]))
        return std::string(w);
      for (auto p : pieces) out.emplace_back(p);
    } else if (!single && capitalized(s) &&
               ((k > 0 && is_function_word(segs[k - 1])) ||
                (k + 1 < segs.size() && is_function_word(segs[k + 1])) ||
                (k > 0 && segs[k - 1].size() >= 4 && known(segs[k - 1])))) {
      // A name next to a closed-class word ("wereLi") or after a known word
      // at a change of case ("VietnamDong An").
      out.emplace_back(s);
    } else {
      return std::string(w);  // not certain: leave it as it is
    }
  }
  if (segs.size() > 1) {
    // A split purely at a change of case needs a closed-class piece or two
    // long words on each side ("VocationalTransportation"), so "YouTube" or
    // "McDonald" stay whole.
    bool fn = false, all_long = true;
    for (const auto& p : out) fn |= is_function_word(p), all_long &= p.size() >= 4;
    if (!fn && !all_long) return std::string(w);
  }
  std::string joined;
  for (const auto& p : out) joined += (joined.empty() ? "" : " ") + p;
  return joined;
}

std::string GlueRepair::repair(std::string_view line) const {
  std::string out;
  out.reserve(line.size() + 16);
  size_t i = 0;
  bool after_name = false;  // the last word was capitalised
  while (i < line.size()) {
    char c = line[i];
    if (is_alpha(c)) {
      size_t j = i;
      while (j < line.size() && is_alpha(line[j])) ++j;
      // Part of a word with non-ASCII letters ("Hà"): leave it alone.
      bool ascii_word = (j == line.size() || static_cast<unsigned char>(line[j]) < 0x80) &&
                        (i == 0 || static_cast<unsigned char>(line[i - 1]) < 0x80);
      std::string_view w = line.substr(i, j - i);
      out += ascii_word ? repair_word(w, after_name) : std::string(w);
      after_name = is_upper(w[0]);
      // "2024Forum" / "The2024": a year glued to a word.
      i = j;
      continue;
    }
    if (is_digit(c)) {
      size_t j = i;
      while (j < line.size() && is_digit(line[j])) ++j;
      bool year = j - i == 4 && (line.compare(i, 2, "19") == 0 || line.compare(i, 2, "20") == 0);
      if (year && i >= 2 && is_alpha(line[i - 1]) && is_alpha(line[i - 2])) out += ' ';
      out.append(line, i, j - i);
      if (year && j + 1 < line.size() && is_upper(line[j]) && is_lower(line[j + 1])) out += ' ';
      after_name = false;
      i = j;
      continue;
    }
    if (c != ' ') after_name = false;
    out += c;
    // "Trung,Consul", "Region;Li": punctuation glued between two words.
    if ((c == ',' || c == ';') && i > 0 && is_alpha(line[i - 1]) && i + 1 < line.size() &&
        is_alpha(line[i + 1]))
      out += ' ';
    ++i;
  }
  return out;
}

}  // namespace kg
