#include "extract/furniture.h"

#include <re2/re2.h>

#include <array>
#include <string_view>

#include "extract/dates.h"

namespace kg {

namespace {

bool has_latin(const std::string& l) {
  for (char c : l)
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')) return true;
  return false;
}

size_t word_count(const std::string& l) {
  size_t n = 0;
  bool in = false;
  for (char c : l) {
    bool space = c == ' ';
    if (!space && !in) ++n;
    in = !space;
  }
  return n;
}

// `l` with its ASCII capitals in lower case, in a buffer of the thread's:
// the keyword checks below then search it with std::string::find.
const std::string& ascii_lower(const std::string& l) {
  thread_local std::string low;
  low.assign(l);
  for (auto& c : low)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return low;
}

bool has(const std::string& s, std::string_view part) { return s.find(part) != std::string::npos; }

// Names of languages as a site's language menu shows them.
constexpr std::array<std::string_view, 10> kLanguages = {
    "中文",   "English", "Français", "Español",   "한국어",
    "日本語", "Русский", "Deutsch",  "Português", "العربية"};

bool is_language_menu(const std::string& l) {
  int n = 0;
  for (auto lang : kLanguages) n += l.find(lang) != std::string::npos;
  return n >= 2;
}

// Most lines are paragraphs of the article, and the patterns below are
// tried in the order of their cost: a pattern runs only where the cheap
// checks that it needs pass (a length, a word count, a character it must
// match), so a long paragraph meets three of them instead of nine.
bool is_furniture(const std::string& l) {
  static const RE2 nav(
      "(?i)(home|news|menu|search|search documents|print|share|download|more|login|log in|"
      "register|subscribe|next|previous|back to top|related|related news|top stories)");
  static const RE2 breadcrumb("[^.>»]{1,60}(?:\\s*[>»]\\s*[^.>»]{1,60}){1,6}");
  static const RE2 date_click("(?i)date\\s*:.*|.*\\bclick(?:s)?\\s*:\\s*\\d*");
  static const RE2 download_print(
      "(?i).{0,40}\\b(download|print|share)\\b.{0,40}\\b(print|share|font)\\b.{0,40}");
  static const RE2 caption(
      "(?i).{0,300}\\((?:photo|image|pic|picture)s?\\s*(?:/|:|by)[^)]{0,80}\\)\\s*");
  static const RE2 credit(
      "(?i)(?:photo|image|picture|pic)s?\\s*(?:source|credit|by)?\\s*[:/].{0,200}|"
      "(?:by|author|editor|editors|reporter|reporters|translator|translated by|edited by|"
      "written by|source|chinese source|english source|responsible "
      "editor|contributor|contact|contacts|tel|telephone|phone|fax|e-?mail|address|hotline)"
      "\\s*:.{0,200}|"
      "by [A-Z][A-Za-z.'-]+(?: [A-Z][A-Za-z.'-]+){0,3}(?:,? [^.]{0,60})?|"
      "this article (?:is|was) (?:from|originally|first).{0,200}");
  static const RE2 footer(
      "(?i).{0,300}(?:copyright|all rights reserved|©|icp备|icp\\b|备案|"
      "版权所有|privacy policy|terms of use).{0,300}");
  // Furniture is short; every pattern below is bounded well under this.
  if (l.size() > 700) return false;
  if (is_language_menu(l)) return true;
  size_t words = word_count(l);
  if (words == 1 && l.find('.') == std::string::npos) return true;  // "News"
  // nav: at most 16 characters, of at most 3 bytes under (?i) folding
  // ("k" also matches U+212A KELVIN SIGN).
  if (l.size() <= 48 && RE2::FullMatch(l, nav)) return true;
  // breadcrumb: needs a separator.
  bool separator = l.find('>') != std::string::npos || l.find("»") != std::string::npos;
  if (separator && words <= 12 && RE2::FullMatch(l, breadcrumb)) return true;
  if (l.size() < 80 && RE2::FullMatch(l, date_click)) return true;
  // Page metadata: "Posted: 20/05/2025 | News Office", "Published: 2026-05-15
  // Source: ... Views: 1,284".
  static const RE2 posted(
      "(?i)(?:posted|published|updated|release date)(?:\\s+on)?\\s*:\\s*\\d.{0,160}|"
      ".{0,160}\\b(?:views|hits|clicks|visits)\\s*:\\s*[\\d,]+\\s*");
  if (l.size() < 200 && l.find(':') != std::string::npos && RE2::FullMatch(l, posted)) return true;
  // download_print: needs "print", "share" or "font" at its end. Under
  // (?i) only "k" and "s" of the ASCII letters also match other characters
  // (U+212A, U+017F; checked over all of Unicode), so "print", "hare" and
  // "font" are there in ASCII.
  const std::string& low = ascii_lower(l);
  if ((has(low, "print") || has(low, "hare") || has(low, "font")) &&
      RE2::FullMatch(l, download_print))
    return true;
  // caption: needs the bracket of "(Photo: ...)".
  if (l.find('(') != std::string::npos && RE2::FullMatch(l, caption)) return true;
  // credit: "Photo: ...", "Editor: ...", "by Name", "This article is ...".
  bool credit_start = l[0] == 'b' || l[0] == 'B' || l[0] == 't' || l[0] == 'T';
  if ((credit_start || l.find_first_of(":/") != std::string::npos) && RE2::FullMatch(l, credit))
    return true;
  // footer: needs one of its words ("terms" and "all rights" checked
  // without their "s", which (?i) also lets U+017F spell).
  if (l.size() < 300) {
    bool footer_word = has(low, "copyright") || has(low, "all right") || has(low, "icp") ||
                       has(low, "privacy policy") || has(low, "term") || has(l, "©") ||
                       has(l, "备案") || has(l, "版权所有");
    if (footer_word && RE2::FullMatch(l, footer)) return true;
  }
  // A date (and perhaps a time) alone on its line.
  static const RE2 dates_only("[\\d\\s:/.,-]*");
  if (l.size() < 40 && words <= 5) {
    static const RE2 date_words("(?i)[\\d\\s:/.,-]*(?:[a-z]+\\.?)?[\\d\\s:/.,-]*");
    if (RE2::FullMatch(l, date_words) && !find_date(l).empty()) return true;
  }
  if (RE2::FullMatch(l, dates_only) && !l.empty()) return true;
  return false;
}

// Rubric tags of summary pages: "[2]" markers, "Core Viewpoint - ",
// "Group 1: Heading - " and " - " bullets become line breaks.
std::vector<std::string> split_rubrics(const std::string& line) {
  static const RE2 marker("(?:\\s*\\[\\d{1,3}\\])+");
  static const RE2 rubric(
      "(?:^|\\s+)(?:Core Viewpoint|Key Points|Summary|Group \\d{1,3}(?::[^\\n]{0,120}?)?) - ");
  static const RE2 bullet("\\s+- ([A-Z\"“])");
  if (line.find('[') == std::string::npos && line.find(" - ") == std::string::npos) return {line};
  std::string l = line;
  RE2::GlobalReplace(&l, marker, "");
  if (RE2::GlobalReplace(&l, rubric, "\n") > 0) RE2::GlobalReplace(&l, bullet, "\n\\1");
  std::vector<std::string> out;
  size_t i = 0;
  while (i <= l.size()) {
    size_t j = l.find('\n', i);
    if (j == std::string::npos) j = l.size();
    std::string part = l.substr(i, j - i);
    size_t b = part.find_first_not_of(' '), e = part.find_last_not_of(' ');
    if (b != std::string::npos) out.push_back(part.substr(b, e - b + 1));
    i = j + 1;
  }
  return out;
}

bool is_list_item(const std::string& l) {
  bool bullet = l.rfind("- ", 0) == 0 || l.rfind("• ", 0) == 0 || l.rfind("· ", 0) == 0 ||
                l.rfind("* ", 0) == 0;
  char last = l.empty() ? 0 : l.back();
  return bullet && l.size() < 160 && last != '.' && last != ';';
}

// The heading of a list of other stories: "Related news", "Read more".
bool is_related_heading(const std::string& l) {
  static const RE2 heading(
      "(?i)(?:related|more|latest|recommended|further)"
      "(?: news| articles| stories| reading| links| content| headlines)?\\s*:?|"
      "read more\\s*:?|you may also like\\s*:?|相关新闻|相关阅读|推荐阅读");
  return l.size() <= 40 && RE2::FullMatch(l, heading);
}

// A headline under such a heading: short, and no sentence ends it.
bool is_headline_like(const std::string& l) {
  static constexpr std::string_view kStops[] = {".",  "!",           "?", "\xE3\x80\x82",
                                                "\"", "\xE2\x80\x9D"};  // 。 ”
  if (l.size() >= 160 || word_count(l) > 20) return false;
  for (auto stop : kStops)
    if (l.size() >= stop.size() && l.compare(l.size() - stop.size(), stop.size(), stop) == 0)
      return false;
  return true;
}

}  // namespace

std::vector<std::string> drop_furniture(const std::vector<std::string>& lines) {
  size_t latin = 0, nonempty = 0;
  for (const auto& l : lines)
    if (!l.empty()) ++nonempty, latin += has_latin(l);
  bool mostly_latin = latin * 2 > nonempty;
  std::vector<std::string> kept;
  bool under_related = false;  // headlines follow a "Related news" heading
  for (const auto& line : lines) {
    if (line.empty()) continue;
    if (is_related_heading(line)) {
      under_related = true;
      continue;
    }
    if (under_related && is_headline_like(line)) continue;
    under_related = false;
    if (mostly_latin && !has_latin(line)) continue;
    if (is_furniture(line)) continue;
    // Most lines hold no rubric and come back whole: that line has just
    // been checked, so only parts cut out of it are checked again.
    std::vector<std::string> parts = split_rubrics(line);
    bool whole = parts.size() == 1 && parts[0] == line;
    for (auto& part : parts)
      if (!part.empty() && (whole || !is_furniture(part))) kept.push_back(std::move(part));
  }
  // A trailing list of related headlines: two or more short bullet lines
  // without a full stop at the end of the page.
  size_t run = 0;
  while (run < kept.size() && is_list_item(kept[kept.size() - 1 - run])) ++run;
  if (run >= 2) kept.resize(kept.size() - run);
  return kept;
}

std::string headline_of(const std::vector<std::string>& lines) {
  if (lines.size() < 2) return "";
  const std::string& first = lines[0];
  if (word_count(first) > 30) return "";
  // A full stop after a small letter inside the line: more than one
  // sentence ("U.S. TVET" is not one).
  for (size_t i = 1; i + 2 < first.size(); ++i)
    if (first[i] == '.' && first[i + 1] == ' ' && first[i - 1] >= 'a' && first[i - 1] <= 'z')
      return "";
  return first;
}

}  // namespace kg
