// Entity candidates: gazetteer names, entity patterns, filters, overlaps.
//
// A document is scanned once by the gazetteer alternation (word-bounded
// Latin names, then CJK names). Entity patterns go sentence by sentence:
// the prefilter (rules_prefilter.h) names the patterns whose literal atoms
// occur in the sentence, and each of those runs in one left-to-right pass.
// Every pattern is compiled with longest_match, so a rule matches the longest
// phrase it can ("Department of Education of Guangxi Zhuang Autonomous
// Region", not "Department of Education"): the "then the longer match" half
// of the overlap policy within one rule. Letter classes in the packs are
// Latin ranges, not \p{L}: Unicode classes made re2's automata ten times
// slower. Filters then trim and drop what the packs' word lists say is not
// part of a name (leading "The", headline verbs, Party bodies, ...), and the
// overlap policy of entity_rules.h picks the winners.
#include "extract/entity_rules.h"

#include <re2/re2.h>

#include <algorithm>
#include <map>
#include <numeric>
#include <set>
#include <unordered_map>

#include "extract/rules_prefilter.h"
#include "graph/error.h"
#include "graph/normalize.h"

namespace kg {
namespace {

constexpr int64_t kMaxMem = 64 << 20;

RE2::Options pattern_options() {
  RE2::Options o;
  o.set_max_mem(kMaxMem);
  o.set_longest_match(true);
  o.set_log_errors(false);
  return o;
}

bool ascii_alnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// A mention must not start or end inside an ASCII word. A capital after a
// small letter starts a word: pages that lost their spaces ("ofGuangxi").
bool bounded(const std::string& text, size_t start, size_t end) {
  bool camel = start > 0 && text[start - 1] >= 'a' && text[start - 1] <= 'z' &&
               text[start] >= 'A' && text[start] <= 'Z';
  if (start > 0 && ascii_alnum(text[start - 1]) && ascii_alnum(text[start]) && !camel) return false;
  if (end < text.size() && ascii_alnum(text[end]) && end > 0 && ascii_alnum(text[end - 1]))
    return false;
  return true;
}

std::vector<std::pair<size_t, size_t>> word_spans(const std::string& s, size_t start, size_t end) {
  std::vector<std::pair<size_t, size_t>> out;
  size_t i = start;
  while (i < end) {
    while (i < end && (s[i] == ' ' || s[i] == '\n' || s[i] == '\t')) ++i;
    size_t b = i;
    while (i < end && s[i] != ' ' && s[i] != '\n' && s[i] != '\t') ++i;
    if (i > b) out.push_back({b, i});
  }
  return out;
}

// The length of a possessive ending of `w` ("'s" or "’s"), 0 if none.
size_t possessive_suffix(std::string_view w) {
  for (std::string_view suffix : {"'s", "\xE2\x80\x99s"})
    if (w.size() > suffix.size() && w.ends_with(suffix)) return suffix.size();
  return 0;
}

// True when `pat` is "(?P<name>...)" or "(?P<name>...)\\b".
bool whole_name(const std::string& pat) {
  if (pat.rfind("(?P<name>", 0) != 0) return false;
  int depth = 0;
  for (size_t i = 0; i < pat.size(); ++i) {
    if (pat[i] == '\\') {
      ++i;
    } else if (pat[i] == '[') {
      // A character class; ']' right after '[' or '[^' is literal.
      size_t j = i + 1;
      if (j < pat.size() && pat[j] == '^') ++j;
      if (j < pat.size() && pat[j] == ']') ++j;
      while (j < pat.size() && pat[j] != ']') j += pat[j] == '\\' ? 2 : 1;
      i = j;
    } else if (pat[i] == '(') {
      ++depth;
    } else if (pat[i] == ')' && --depth == 0) {
      std::string rest = pat.substr(i + 1);
      return rest.empty() || rest == "\\b";
    }
  }
  return false;
}

// The earliest head word of `list` in `name` (whole words); npos if none.
size_t find_head(std::string_view name, const rules::ListRule& list,
                 const rules::ListEntry** entry) {
  size_t best = std::string_view::npos;
  for (const auto& e : list.entries)
    for (const auto& h : e.names)
      for (size_t at = name.find(h); at != std::string_view::npos && at < best;
           at = name.find(h, at + 1)) {
        size_t after = at + h.size();
        if ((at == 0 || name[at - 1] == ' ') &&
            (after == name.size() || !ascii_alnum(name[after]))) {
          best = at;
          *entry = &e;
          break;
        }
      }
  return best;
}

}  // namespace

struct EntityMatcher::Impl {
  struct Pattern {
    const rules::EntityRule* rule;
    const RE2* re;  // owned by the prefilter
    int name_group = 0;
    int head_group = -1;
    int year_group = -1;
    int title_group = -1;
    const rules::ListRule* heads = nullptr;
    // The name is the whole match (but for a closing \b) and no group
    // other than `head` and `year` is needed: re2 then finds the match with
    // its DFA alone, and head and year are read off the name. Submatches
    // cost an NFA run per match, the largest share of extraction time.
    bool whole = false;
  };
  struct GazHit {
    const rules::ListRule* list;
    const rules::ListEntry* entry;
  };

  rules::RuleSet rules;
  std::unique_ptr<RE2> gazetteer;
  // Looked up by std::string_view (a word of the text) without a copy.
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::unordered_map<std::string, GazHit, Hash, std::equal_to<>> gaz_names;
  std::vector<Pattern> patterns;
  RulesPrefilter prefilter;
  std::vector<std::unique_ptr<RE2>> skips;
  std::set<std::string, std::less<>> name_stop, tail_stop, person_stop, heads, in_name_heads;
  // First words of the title_word list, lower case: a possessive before
  // one ends a name ("... Technology's Vice President Li Qiang").
  std::set<std::string, std::less<>> title_openers;
  std::vector<std::string> not_entity;
  std::vector<std::string> vocabulary;

  void scan_gazetteer(const std::string& text, std::vector<Candidate>& out) const;
  void scan_datelines(const std::string& text, std::vector<Candidate>& out) const;
  Candidate gazetteer_candidate(const GazHit& hit, size_t start, size_t end) const;
  // The gazetteer entry of a country or place called `name`, or null.
  const GazHit* place_named(std::string_view name) const {
    auto it = gaz_names.find(name);
    if (it == gaz_names.end() || !it->second.list->label) return nullptr;
    Label l = *it->second.list->label;
    return l == Label::kCountry || l == Label::kPlace ? &it->second : nullptr;
  }
  void scan(const Pattern& p, const std::string& text, size_t begin, size_t end,
            std::vector<Candidate>& out) const;
  // May trim `c`; sets `resume` when the scan must go on inside the match.
  bool keep(Candidate& c, const Pattern& p, const std::string& text, size_t head_start,
            size_t& resume) const;
};

EntityMatcher::EntityMatcher(const rules::RuleSet& rs) : impl_(std::make_unique<Impl>()) {
  Impl& m = *impl_;
  m.rules = rs;
  auto words_of = [&](const char* id, std::set<std::string, std::less<>>& into) {
    if (const auto* l = m.rules.find_list(id))
      for (const auto& e : l->entries)
        for (const auto& n : e.names) into.insert(n);
  };
  words_of("name_stop", m.name_stop);
  words_of("person_stop", m.person_stop);
  words_of("name_tail_stop", m.tail_stop);
  words_of("in_name_heads", m.in_name_heads);
  if (const auto* l = m.rules.find_list("title_word"))
    for (const auto& e : l->entries)
      for (const auto& n : e.names) m.title_openers.insert(lower_ascii(n.substr(0, n.find(' '))));
  for (const auto& l : m.rules.lists)
    if (l.options.count("head"))
      for (const auto& e : l.entries)
        for (const auto& n : e.names) m.heads.insert(n);
  for (const auto& l : m.rules.lists)
    if (l.options.count("not_person"))
      for (const auto& e : l.entries)
        for (const auto& n : e.names) m.person_stop.insert(n);
  if (const auto* l = m.rules.find_list("not_entity"))
    for (const auto& e : l->entries)
      for (const auto& n : e.names) m.not_entity.push_back(n);

  // Gazetteers: one alternation; the highest-priority list owns a name.
  std::vector<const rules::ListRule*> gaz;
  for (const auto& l : m.rules.lists) {
    for (const auto& e : l.entries)
      for (const auto& n : e.names) m.vocabulary.push_back(n);
    if (l.gazetteer) gaz.push_back(&l);
  }
  std::stable_sort(gaz.begin(), gaz.end(),
                   [](auto* a, auto* b) { return a->priority > b->priority; });
  // Latin names are word-bounded, which lets re2's DFA skip most starts;
  // CJK names have no word boundaries. Longest names come first in each
  // alternation, so leftmost-first matching takes the longest name.
  rules::ListRule latin, latin_open, cjk;  // latin_open: ends in '.', no \\b after
  for (const auto* l : gaz)
    for (const auto& e : l->entries)
      for (const auto& n : e.names)
        if (m.gaz_names.emplace(n, Impl::GazHit{l, &e}).second) {
          bool latin_start = static_cast<unsigned char>(n[0]) < 0x80;
          bool word_end = ascii_alnum(n.back());
          (latin_start ? (word_end ? latin : latin_open) : cjk).entries.push_back({{n}, {}});
        }
  RE2::Options gaz_options = pattern_options();
  gaz_options.set_longest_match(false);
  m.gazetteer = std::make_unique<RE2>("(\\b(?:" + rules::list_alternation(latin_open) +
                                          ")|\\b(?:" + rules::list_alternation(latin) + ")\\b|" +
                                          rules::list_alternation(cjk) + ")",
                                      gaz_options);
  if (!m.gazetteer->ok()) throw InputError("gazetteers: cannot compile: " + m.gazetteer->error());

  for (const auto& r : m.rules.entities) {
    std::string error;
    Impl::Pattern p{&r, m.prefilter.add(r.pattern, pattern_options(), &error)};
    if (!p.re) throw rules::rule_error(r.origin, r.id, "bad pattern: " + error);
    const auto& groups = p.re->NamedCapturingGroups();
    auto group = [&](const char* n) {
      auto it = groups.find(n);
      return it == groups.end() ? -1 : it->second;
    };
    p.name_group = std::max(0, group("name"));
    p.whole = whole_name(r.pattern) && group("title") < 0;
    p.head_group = group("head");
    p.year_group = group("year");
    p.title_group = group("title");
    if (auto it = r.options.find("heads"); it != r.options.end())
      p.heads = m.rules.find_list(it->second);
    m.patterns.push_back(std::move(p));
  }
  m.prefilter.compile();
  for (const auto& s : m.rules.skips) {
    m.skips.push_back(std::make_unique<RE2>(s.pattern, pattern_options()));
    if (!m.skips.back()->ok())
      throw rules::rule_error(s.origin, s.id, "bad pattern: " + m.skips.back()->error());
  }
}

EntityMatcher::~EntityMatcher() = default;

const std::vector<std::string>& EntityMatcher::vocabulary() const { return impl_->vocabulary; }

void EntityMatcher::Impl::scan_gazetteer(const std::string& text,
                                         std::vector<Candidate>& out) const {
  re2::StringPiece input(text), m;
  size_t pos = 0;
  while (pos < text.size() && gazetteer->Match(input, pos, text.size(), RE2::UNANCHORED, &m, 1)) {
    size_t start = m.data() - text.data(), end = start + m.size();
    pos = end > start ? end : start + 1;
    if (!bounded(text, start, end)) {
      pos = start + 1;
      continue;
    }
    const GazHit& hit = gaz_names.find(std::string_view(m.data(), m.size()))->second;
    out.push_back(gazetteer_candidate(hit, start, end));
  }
}

Candidate EntityMatcher::Impl::gazetteer_candidate(const GazHit& hit, size_t start,
                                                   size_t end) const {
  Candidate c;
  c.start = static_cast<uint32_t>(start);
  c.end = static_cast<uint32_t>(end);
  c.label = *hit.list->label;
  c.rule = hit.list->id;
  c.priority = hit.list->priority;
  c.canonical = hit.entry->names[0];
  c.props = hit.list->options;
  for (const auto& [k, v] : hit.entry->props) c.props[k] = v;
  c.gazetteer = true;
  c.surname = c.props.erase("surnames") > 0;
  return c;
}

// A wire dateline spells its place in capitals ("BANGKOK, June 3 --",
// "DJIBOUTI CITY, April 15 -"), which the case-sensitive gazetteer pass
// cannot see: at the start of a line, capitals before a comma are looked up
// in title case.
void EntityMatcher::Impl::scan_datelines(const std::string& text,
                                         std::vector<Candidate>& out) const {
  static const RE2 dateline(R"(([A-Z]{2,}(?:[ -][A-Z]{2,}){0,3})\s*,)");
  for (size_t line = 0; line < text.size();) {
    size_t next = text.find('\n', line);
    if (next == std::string::npos) next = text.size();
    re2::StringPiece rest(text.data() + line, next - line), caps;
    if (RE2::Consume(&rest, dateline, &caps)) {
      std::string title(caps);
      for (size_t i = 1; i < title.size(); ++i)
        if (title[i - 1] != ' ' && title[i - 1] != '-')
          title[i] = static_cast<char>(std::tolower(static_cast<unsigned char>(title[i])));
      if (const GazHit* hit = place_named(title)) {
        size_t start = caps.data() - text.data();
        out.push_back(gazetteer_candidate(*hit, start, start + caps.size()));
      }
    }
    line = next + 1;
  }
}

bool EntityMatcher::Impl::keep(Candidate& c, const Pattern& p, const std::string& text,
                               size_t head_start, size_t& resume) const {
  auto words = word_spans(text, c.start, c.end);
  auto word = [&](size_t i) {
    return std::string_view(text).substr(words[i].first, words[i].second - words[i].first);
  };
  auto acronym = [](std::string_view w) {
    return w.size() >= 2 &&
           std::all_of(
               w.begin(), w.end(),
               [](char ch) { return (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9'); }) &&
           w[0] >= 'A' && w[0] <= 'Z';
  };
  // Leading stop words ("The", "During", "Meanwhile") are not part of a name,
  // nor is a known place or country in the possessive ("Nicaragua's", "South
  // Africa's"), nor an acronym in the possessive ("HPIT's International
  // Exchange Center": the body the acronym names owns the unit).
  // An owner stands before the head word: "in China's Hunan Province" after
  // it is a tail, cut further on.
  size_t first = 0;
  for (size_t i = 0; i + 1 < words.size(); ++i) {
    std::string_view w = word(i);
    size_t n = possessive_suffix(w);
    if (n == 0 || (head_start > 0 && words[i].second > head_start)) continue;
    std::string_view stem = w.substr(0, w.size() - n);
    bool owner = i == first && acronym(stem);  // where the name starts only
    for (size_t j = first; j <= i && !owner; ++j)
      owner = gaz_names.count(std::string_view(text).substr(
                  words[j].first, words[i].second - n - words[j].first)) > 0;
    if (owner) first = i + 1;
  }
  // A personal name keeps two words ("An Yan").
  size_t min_left = c.label == Label::kPerson ? 2 : 1;
  while (first + min_left < words.size() && name_stop.count(word(first))) ++first;
  // A place or an acronym before "and" opens a list, not a name: "...
  // College in Vietnam and Kunming Railway College", "built by KIAT and
  // Changzhou Vocational Institute of ...", "Xinjiang Uygur Autonomous
  // Region and Xinjiang Tianshan ... Co., Ltd.".
  if (c.label != Label::kPerson)
    for (size_t k = first + 1; k + 1 < words.size() && k <= first + 4; ++k) {
      if (word(k) != "and") continue;
      std::string_view before = std::string_view(text).substr(
          words[first].first, words[k - 1].second - words[first].first);
      if (place_named(before) || (k == first + 1 && acronym(before))) first = k + 1;
      break;
    }
  // "Jubail-based Arabian Gulf Polymers Company": where a body is based is
  // not its name.
  if (first + 1 < words.size() && word(first).ends_with("-based")) ++first;
  // A year opens only an event's name.
  static const RE2 year(R"((?:19|20)\d\d)");
  if (c.label != Label::kEvent && first + 1 < words.size() && RE2::FullMatch(word(first), year))
    ++first;
  // A headline running on in title case ("... Alliance of X Held in Y"), or
  // a name running into a date ("College on Thursday").
  // Before the head word such a verb ends a headline's subject instead
  // ("Teachers from Seven Countries Complete Summer Seminar"): the name
  // starts after it.
  size_t last = words.size();
  for (size_t i = first; i < last; ++i)
    if (tail_stop.count(word(i))) {
      if (head_start > words[i].first)
        first = i + 1;
      else if (i > first)
        last = i;
    }
  if (first >= last) return false;
  static const std::set<std::string, std::less<>> connectors = {"of",  "for", "on",  "in",
                                                                "and", "&",   "the", "at"};
  while (last > first + 1 && connectors.count(word(last - 1))) --last;
  // Two coordinated names: "Department of Education and Department of
  // Transportation", "X Research Center and National Y Conference".
  // Also two names that each hold a head word: "Sokoine University of
  // Agriculture and Hunan Agricultural University".
  if (p.heads != nullptr) {
    auto holds_head = [&](size_t from, size_t to) {
      for (size_t k = from; k < to; ++k)
        if (heads.count(word(k))) return true;
      return false;
    };
    // "Department of Vocational and Adult Education of the Ministry of
    // Education": a unit whose name is whole ("X of Y") before a second "of
    // the" and a body with a head word ends there, and the scan goes on at
    // the body; "Office of the ... Commission" and "... of the Kyrgyz
    // Republic" stay one name.
    bool whole_before = false;
    for (size_t i = first + 1; i + 2 < last; ++i) {
      if (word(i) == "of" && word(i + 1) == "the" && whole_before && head_start < words[i].first &&
          holds_head(i + 2, last)) {
        resume = words[i + 2].first;
        last = i;
        break;
      }
      whole_before |= word(i) == "of" || word(i) == "for";
    }
    for (size_t i = first + 1; i + 1 < last; ++i) {
      if (word(i) != "and") continue;
      if (!(heads.count(word(i + 1)) || heads.count(word(i - 1)) ||
            (holds_head(first, i) && holds_head(i + 1, last))))
        continue;
      resume = words[i + 1].first;
      last = i;
      // The left part must still hold the rule's head word.
      if (head_start >= words[i - 1].second) return false;
      break;
    }
  } else if (c.label == Label::kInstitution) {
    // A rule without head words (a company: "... Co., Ltd.") that runs over
    // another name and "and" starts again after the "and"; the head word
    // rules find the first name. The other name ends in a head word
    // ("Gansu Agricultural Vocational College and Lanzhou ... Co., Ltd."),
    // or the match starts inside its tail ("... Institute of | Maritime
    // Trades and Ningbo Haiyun Shipping Co., Ltd.").
    std::string_view before = std::string_view(text).substr(0, words[first].first);
    auto kind = p.rule->options.find("kind");
    bool in_tail =
        kind != p.rule->options.end() && kind->second == "company" &&
        (before.ends_with(" of ") || before.ends_with(" for ") || before.ends_with(" of the "));
    for (size_t i = first + 1; i + 1 < last; ++i)
      if (word(i) == "and" && (in_tail || heads.count(word(i - 1)))) {
        resume = words[i + 1].first;
        return false;
      }
  }
  // A comma inside a name lists its fields ("Ministry of Labour, Invalids
  // and Social Affairs"); one before another head word lists names
  // ("Ministry of Education, Nanjing University and ..."): the name ends
  // at that comma.
  for (size_t i = first; i + 1 < last; ++i) {
    std::string_view w = word(i);
    if (w.empty() || w.back() != ',') continue;
    bool another_head = false;
    for (size_t k = i + 1; k < last && !another_head; ++k) another_head = heads.count(word(k)) > 0;
    if (another_head) {
      resume = words[i + 1].first;
      last = i + 1;  // the comma itself is trimmed below
    }
    break;
  }
  // "in <Place>" after the head word belongs to the name of an embassy or
  // an office ("Embassy of China in Thailand"), not of a university or an
  // alliance ("... University of Laos in Vientiane", "... Alliance in
  // Guangzhou"): where the head word is not one of the in_name_heads list,
  // the name ends before it.
  bool body = c.label == Label::kInstitution || c.label == Label::kAlliance ||
              c.label == Label::kInitiative;
  if (body && p.heads != nullptr && !in_name_heads.empty()) {
    size_t head = first;
    while (head < last && words[head].first < head_start) ++head;
    if (head < last && !in_name_heads.count(word(head)))
      for (size_t i = head + 1; i + 1 < last; ++i)
        if (word(i) == "in") {
          last = i;
          break;
        }
  }
  if (first >= last) return false;
  // "the college's School of Automotive Engineering", "Jinhua Polytechnic's
  // School of ...": a faculty of the body just named is not an entity of
  // its own; the possessor, when it is in the match, is.
  static const RE2 faculty(R"((?:School|Faculty|College)\s+of\s.*)");
  auto faculty_from = [&](size_t i) {
    return RE2::FullMatch(
        std::string_view(text).substr(words[i].first, words[last - 1].second - words[i].first),
        faculty);
  };
  // A possessive before a title ends the name too: the title is a post in
  // the body just named, and the person follows.
  auto title_from = [&](size_t i) { return title_openers.count(lower_ascii(word(i))) > 0; };
  size_t possessor_suffix = 0;  // trimmed from the end once the name is cut
  if ((c.label == Label::kInstitution || c.label == Label::kAlliance) && first < last) {
    std::string_view before = std::string_view(text).substr(0, words[first].first);
    if (c.label == Label::kInstitution && before.ends_with(" ") &&
        possessive_suffix(before.substr(0, before.size() - 1)) > 0 && faculty_from(first))
      return false;
    for (size_t i = first + 1; i < last; ++i)
      if (size_t n = possessive_suffix(word(i - 1));
          n > 0 && ((c.label == Label::kInstitution && faculty_from(i)) || title_from(i))) {
        last = i;
        possessor_suffix = n;
        break;
      }
  }
  c.start = words[first].first;
  c.end = words[last - 1].second;
  words = std::vector<std::pair<size_t, size_t>>(words.begin() + first, words.begin() + last);
  while (c.end > c.start && (text[c.end - 1] == ',' || text[c.end - 1] == ';')) --c.end;
  c.end -= possessor_suffix;  // "Jinhua Polytechnic's" -> "Jinhua Polytechnic"
  if (!bounded(text, c.start, c.end)) return false;
  std::string name = text.substr(c.start, c.end - c.start);
  for (const auto& bad : not_entity) {
    size_t at = name.find(bad);
    if (at != std::string::npos && bounded(name, at, at + bad.size())) {
      resume = c.start + at + bad.size();  // the scan goes on after "CPC Committee"
      return false;
    }
  }
  const auto& o = p.rule->options;
  if (auto it = o.find("min_words"); it != o.end()) {
    bool has_year = c.props.count("date") > 0;
    if (!has_year && words.size() < static_cast<size_t>(std::stoi(it->second))) return false;
  }
  if (c.label == Label::kPerson) {
    if (words.size() < 2) return false;
    for (auto [b, e] : words) {
      std::string_view w = std::string_view(text).substr(b, e - b);
      if (person_stop.count(w)) return false;
      // A known name is not part of a person's, unless its list says such
      // names are also surnames ("Juan Herrera", not Herrera province).
      if (auto g = gaz_names.find(w);
          g != gaz_names.end() && !g->second.list->options.count("surnames"))
        return false;
    }
  }
  c.canonical = name;
  return true;
}

void EntityMatcher::Impl::scan(const Pattern& p, const std::string& text, size_t begin, size_t end,
                               std::vector<Candidate>& out) const {
  int n = p.whole ? 1 : p.re->NumberOfCapturingGroups() + 1;
  std::vector<re2::StringPiece> m(n);
  re2::StringPiece input(text.data(), end);
  size_t pos = begin;
  while (pos < end && p.re->Match(input, pos, end, RE2::UNANCHORED, m.data(), n)) {
    size_t mstart = m[0].data() - text.data(), mend = mstart + m[0].size();
    pos = mend > mstart ? mend : mstart + 1;
    const re2::StringPiece& g = m[p.whole ? 0 : p.name_group];
    if (g.data() == nullptr || g.empty()) continue;
    Candidate c;
    c.start = g.data() - text.data();
    c.end = c.start + g.size();
    c.label = p.rule->label;
    c.rule = p.rule->id;
    c.priority = p.rule->priority;
    for (const auto& [k, v] : p.rule->options)
      if (k == "kind") c.props[k] = v;
    if (auto it = p.rule->options.find("anaphor"); it != p.rule->options.end()) {
      c.anaphor = true;
      c.props["anaphor"] = it->second;  // "head": same head word; "any": same label
    }
    c.nest = !(p.rule->options.count("nest") && p.rule->options.at("nest") == "no");
    size_t head_start = 0, resume = 0;
    if (p.whole) {
      std::string_view name(g.data(), g.size());
      static const RE2 year(R"(\b((?:19|20)\d\d)\b)");
      std::string y;
      if (p.year_group > 0 && RE2::PartialMatch(g, year, &y)) c.props["date"] = y;
      const rules::ListEntry* entry = nullptr;
      size_t at = p.heads ? find_head(name, *p.heads, &entry) : std::string_view::npos;
      if (entry) {
        head_start = c.start + at;
        for (const auto& [k, v] : entry->props) c.props[k] = v;
      }
    } else {
      if (p.year_group > 0 && m[p.year_group].data())
        c.props["date"] = std::string(m[p.year_group]);
      if (p.title_group > 0 && m[p.title_group].data())
        c.props["title"] = std::string(m[p.title_group]);
      if (p.head_group > 0 && m[p.head_group].data()) {
        head_start = m[p.head_group].data() - text.data();
        std::string head(m[p.head_group]);
        if (p.heads)
          for (const auto& e : p.heads->entries)
            if (std::find(e.names.begin(), e.names.end(), head) != e.names.end())
              for (const auto& [k, v] : e.props) c.props[k] = v;
      }
    }
    if (keep(c, p, text, head_start, resume)) {
      out.push_back(std::move(c));
    } else if (resume == 0) {
      // A rejected match may hide a name: go on after its first word.
      size_t next = text.find(' ', mstart);
      if (next != std::string::npos && next < mend) resume = next + 1;
    }
    if (resume > mstart) pos = resume;
  }
}

std::vector<Candidate> EntityMatcher::find(const std::string& text,
                                           const std::vector<SentenceSpan>& sentences,
                                           std::vector<Candidate>* losers) const {
  const Impl& m = *impl_;
  std::vector<Candidate> all;
  m.scan_gazetteer(text, all);
  m.scan_datelines(text, all);

  std::vector<SentenceSpan> spans = sentences;
  if (spans.empty()) spans.push_back({0, static_cast<uint32_t>(text.size())});
  std::vector<int> potential;
  for (const auto& span : spans) {
    m.prefilter.potentials(re2::StringPiece(text.data() + span.start, span.end - span.start),
                           &potential);
    for (int p : potential) m.scan(m.patterns[p], text, span.start, span.end, all);
  }

  // Regions that are not the article take no entities.
  std::vector<std::pair<size_t, size_t>> skipped;
  for (size_t i = 0; i < m.skips.size(); ++i) {
    re2::StringPiece input(text), g;
    size_t pos = 0;
    while (pos < text.size() &&
           m.skips[i]->Match(input, pos, text.size(), RE2::UNANCHORED, &g, 1)) {
      size_t s = g.data() - text.data();
      skipped.push_back({s, s + g.size()});
      pos = s + std::max<size_t>(1, g.size());
    }
  }

  // Overlap policy: priority, then length, then position, then the order
  // the candidates were found in (gazetteers first, then the patterns in
  // the order the packs list them): a total order, so a tie between two
  // rules on one span never depends on how many other candidates there are.
  // The candidates are visited through sorted indices, not moved about.
  std::vector<uint32_t> order(all.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](uint32_t i, uint32_t j) {
    const Candidate& a = all[i];
    const Candidate& b = all[j];
    if (a.priority != b.priority) return a.priority > b.priority;
    if (a.end - a.start != b.end - b.start) return a.end - a.start > b.end - b.start;
    if (a.start != b.start) return a.start < b.start;
    return i < j;
  });
  std::vector<Candidate> won;
  std::multimap<uint32_t, size_t> won_by_start;
  uint32_t longest = 0;
  for (uint32_t k : order) {
    Candidate& c = all[k];
    const Candidate* beaten = nullptr;
    // A skipped region takes what lies in it or across its edge, not a
    // longer name around it ("Latin America" is no country, but "China-Latin
    // America Port and Shipping ... Alliance" is an alliance).
    for (const auto& s : skipped)
      if (c.start < s.second && s.first < c.end &&
          !(c.start <= s.first && s.second <= c.end && c.end - c.start > s.second - s.first))
        c.lost_to = "skip";
    // Winners that may overlap c start within the longest winner's length
    // before it: an index by start keeps this linear in practice.
    auto from = won_by_start.lower_bound(c.start > longest ? c.start - longest : 0);
    for (auto it = from; it != won_by_start.end() && it->first < c.end; ++it) {
      const Candidate& w = won[it->second];
      if (c.end <= w.start || w.end <= c.start) continue;
      bool c_in_w = w.start <= c.start && c.end <= w.end && (c.end - c.start) < (w.end - w.start);
      bool w_in_c = c.start <= w.start && w.end <= c.end && (w.end - w.start) < (c.end - c.start);
      auto may_nest = [](const Candidate& inner, const Candidate& outer) {
        if (inner.surname && outer.label == Label::kPerson) return false;
        return inner.nest && !outer.anaphor && (inner.label != outer.label || inner.gazetteer);
      };
      if ((c_in_w && may_nest(c, w)) || (w_in_c && may_nest(w, c))) continue;
      beaten = &w;
      break;
    }
    if (beaten) c.lost_to = beaten->rule;
    if (c.lost_to.empty()) {
      won_by_start.emplace(c.start, won.size());
      longest = std::max(longest, c.end - c.start);
      won.push_back(std::move(c));
    } else if (losers) {
      losers->push_back(c);
    }
  }
  // Text order, through indices as above.
  order.resize(won.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](uint32_t i, uint32_t j) {
    const Candidate& a = won[i];
    const Candidate& b = won[j];
    return a.start != b.start ? a.start < b.start : a.end > b.end;
  });
  std::vector<Candidate> out;
  out.reserve(won.size());
  for (uint32_t k : order) out.push_back(std::move(won[k]));
  return out;
}

}  // namespace kg
