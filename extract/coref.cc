// Mentions to entities; see coref.h for the rules. Grouping is a union-find
// over mentions, joined by equal keys, acronym definitions and resolved
// short forms.
#include "extract/coref.h"

#include <re2/re2.h>

#include <algorithm>
#include <map>
#include <numeric>
#include <set>

#include "graph/normalize.h"

namespace kg {
namespace {

struct UnionFind {
  std::vector<int> parent;
  explicit UnionFind(size_t n) : parent(n) { std::iota(parent.begin(), parent.end(), 0); }
  int find(int x) { return parent[x] == x ? x : parent[x] = find(parent[x]); }
  void join(int a, int b) { parent[find(b)] = find(a); }
};

std::string surface(const std::string& text, const Candidate& c) {
  return text.substr(c.start, c.end - c.start);
}

// Mention spans by start, to ask "is this span taken?" without a scan of
// every mention (hostile input with many mentions stays near linear).
struct SpanIndex {
  std::multimap<uint32_t, std::pair<uint32_t, int>> by_start;  // start -> (end, mention)
  uint32_t longest = 0;
  void add(uint32_t b, uint32_t e, int i) {
    by_start.emplace(b, std::make_pair(e, i));
    longest = std::max(longest, e - b);
  }
  explicit SpanIndex(const std::vector<Candidate>& ms) {
    for (size_t i = 0; i < ms.size(); ++i) add(ms[i].start, ms[i].end, static_cast<int>(i));
  }
  // The mention with exactly this span, or -1; *overlap: any mention overlaps.
  int find(uint32_t b, uint32_t e, bool* overlap) const {
    *overlap = false;
    int exact = -1;
    for (auto it = by_start.lower_bound(b > longest ? b - longest : 0);
         it != by_start.end() && it->first < e; ++it) {
      if (it->second.first <= b) continue;
      *overlap = true;
      if (it->first == b && it->second.first == e) exact = it->second.second;
    }
    return exact;
  }
};

// The key under which mentions of one entity meet.
std::string key_of(const std::string& text, const Candidate& c) {
  std::string name = c.gazetteer ? c.canonical : surface(text, c);
  std::string label(to_string(c.label));
  switch (c.label) {
    case Label::kCountry:
      if (auto it = c.props.find("iso2"); it != c.props.end()) return label + "|" + it->second;
      break;
    case Label::kPlace: {
      static const RE2 suffix(
          R"((.+?)\s+(?:Province|City|Municipality|Prefecture|District|County)$)");
      std::string base;
      if (RE2::FullMatch(name, suffix, &base)) name = base;
      break;
    }
    case Label::kEvent: {
      static const RE2 launch(
          R"((?i)(?:inaugural|inauguration|launch|launching ceremony|launch ceremony|opening ceremony)\s+of\s+(?:the\s+)?(.+))");
      static const RE2 year(R"((?:19|20)\d\d\s+(.+))");
      std::string rest;
      if (RE2::FullMatch(name, launch, &rest)) return label + "|launch|" + normalize_name(rest);
      if (RE2::FullMatch(name, year, &rest)) name = rest;
      if (name.size() > 1 && name.back() == 's') name.pop_back();
      break;
    }
    case Label::kInstitution: {
      static const RE2 company(
          R"((.+?)[\s,]*(?:Co\.?,?\s*Ltd\.?|Company Limited|Co\.?,?\s*Limited))");
      std::string base;
      if (RE2::FullMatch(name, company, &base)) name = base;
      break;
    }
    case Label::kInitiative:
      if (name.size() > 1 && name.back() == 's') name.pop_back();
      break;
    default:
      break;
  }
  return label + "|" + normalize_name(name);
}

// True when text[start, end) is "<base> of (the) ", as before the place or
// country that closes "Department of Education of Guangxi"; sets `base`.
bool before_of(const std::string& text, size_t start, size_t end, std::string* base) {
  static const RE2 of_tail(R"((.+?)\s+of\s+(?:the\s+)?)");
  return RE2::FullMatch(re2::StringPiece(text.data() + start, end - start), of_tail, base);
}

// "Luban Workshop in Thailand", "Thailand Luban Workshop" and "Thai Luban
// Workshop" are one workshop: the key is the country's code and the name
// without the country.
std::string workshop_key(const std::string& text, const std::vector<Candidate>& ms, size_t i) {
  const Candidate& w = ms[i];
  for (size_t j = i + 1; j < ms.size() && ms[j].start < w.end; ++j) {
    const Candidate& c = ms[j];
    auto iso = c.props.find("iso2");
    if (c.label != Label::kCountry || iso == c.props.end() || c.end > w.end) continue;
    std::string base;
    if (c.start == w.start) {
      base = text.substr(c.end, w.end - c.end);
    } else if (c.end == w.end) {
      static const RE2 in_tail(R"((.+?)\s+in\s+(?:the\s+)?)");
      if (!RE2::FullMatch(text.substr(w.start, c.start - w.start), in_tail, &base)) continue;
    } else {
      continue;
    }
    return std::string(to_string(Label::kWorkshop)) + "|" + iso->second + "|" +
           normalize_name(base);
  }
  return key_of(text, w);
}

// Where the long form of `acr` starts when it ends at `end`: Schwartz and
// Hearst's match, right to left, of every letter of the acronym to a letter
// of the text, its first letter to the start of a word ("SEAMEO":
// "Southeast Asian Ministers of Education Organization"). Looks back at most
// twice as many words as the acronym has letters, over title-case words and
// the small words of names; npos when there is no such long form.
size_t long_form_start(const std::string& text, size_t end, const std::string& acr) {
  static const std::set<std::string, std::less<>> small = {"of", "and", "the", "for", "on", "&"};
  size_t words = 0, from = end;
  while (from > 0 && words < 2 * acr.size()) {
    size_t e = from;
    while (e > 0 && text[e - 1] == ' ') --e;
    size_t b = e;
    while (b > 0 && text[b - 1] != ' ' && text[b - 1] != '\n') --b;
    std::string_view w(text.data() + b, e - b);
    bool title = !w.empty() && std::isupper(static_cast<unsigned char>(w[0]));
    if (w.empty() || (!title && !small.count(w))) break;
    from = b;
    ++words;
  }
  auto lower = [](char ch) {
    return static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  };
  long l = static_cast<long>(end) - 1;
  for (long a = static_cast<long>(acr.size()) - 1; a >= 0; --a) {
    char want = lower(acr[a]);
    if (!std::isalnum(static_cast<unsigned char>(want))) continue;
    while (
        l >= static_cast<long>(from) &&
        (lower(text[l]) != want || (a == 0 && l > static_cast<long>(from) && text[l - 1] != ' ')))
      --l;
    if (l < static_cast<long>(from)) return std::string::npos;
    --l;
  }
  return static_cast<size_t>(l + 1);
}

// Acronyms defined right after a name: "... Exchange (CEAIE)". When the
// acronym spells more words than the name holds, the name is widened to
// them ("Education Organization (SEAMEO)" is the end of "Southeast Asian
// Ministers of Education Organization").
void add_acronyms(const std::string& text, std::vector<Candidate>& ms,
                  std::vector<std::pair<int, int>>& links) {
  static const RE2 def(R"(^\s*\(([A-Z][A-Za-z&]{1,11})\))");
  std::map<std::string, int> defined;
  size_t n = ms.size();
  for (size_t i = 0; i < n; ++i) {
    const Candidate& c = ms[i];
    if (c.anaphor || c.label == Label::kPerson || c.label == Label::kCountry) continue;
    re2::StringPiece rest(text.data() + c.end, text.size() - c.end);
    std::string acr;
    if (!RE2::PartialMatch(rest, def, &acr)) continue;
    if (std::count_if(acr.begin(), acr.end(), [](char ch) { return ch >= 'A' && ch <= 'Z'; }) < 2)
      continue;
    if (size_t start = long_form_start(text, c.end, acr);
        !c.gazetteer && start != std::string::npos && start < c.start) {
      bool free = std::none_of(ms.begin(), ms.begin() + n, [&](const Candidate& o) {
        return &o != &c && o.start < c.start && o.end > start;  // nothing crosses the widening
      });
      if (free) ms[i].start = static_cast<uint32_t>(start);
    }
    defined.emplace(acr, static_cast<int>(i));
  }
  SpanIndex spans(ms);
  for (const auto& [acr, owner] : defined) {
    size_t pos = 0;
    while ((pos = text.find(acr, pos)) != std::string::npos) {
      size_t end = pos + acr.size();
      bool word = (pos == 0 || !std::isalnum(static_cast<unsigned char>(text[pos - 1]))) &&
                  (end == text.size() || !std::isalnum(static_cast<unsigned char>(text[end])));
      if (word) {
        bool overlap = false;
        int same = spans.find(static_cast<uint32_t>(pos), static_cast<uint32_t>(end), &overlap);
        if (same < 0) {
          Candidate c = ms[owner];
          c.start = static_cast<uint32_t>(pos);
          c.end = static_cast<uint32_t>(end);
          c.rule = "alias.acronym";
          c.gazetteer = false;
          c.anaphor = false;
          ms.push_back(c);
          same = static_cast<int>(ms.size() - 1);
          spans.add(c.start, c.end, same);
        }
        links.push_back({owner, same});
      }
      pos = end;
    }
  }
}

// A person named once beside a title is a mention wherever the full name
// recurs ("Chen Hao said ..."), which the title patterns cannot see.
void add_repeated_people(const std::string& text, std::vector<Candidate>& ms,
                         std::vector<std::pair<int, int>>& links) {
  std::map<std::string, int> people;
  for (size_t i = 0; i < ms.size(); ++i)
    if (ms[i].label == Label::kPerson && !ms[i].anaphor)
      people.emplace(surface(text, ms[i]), static_cast<int>(i));
  SpanIndex spans(ms);
  for (const auto& [name, owner] : people) {
    for (size_t pos = 0; (pos = text.find(name, pos)) != std::string::npos; pos += name.size()) {
      size_t end = pos + name.size();
      bool word = (pos == 0 || !std::isalnum(static_cast<unsigned char>(text[pos - 1]))) &&
                  (end == text.size() || !std::isalnum(static_cast<unsigned char>(text[end])));
      bool taken = false;
      spans.find(static_cast<uint32_t>(pos), static_cast<uint32_t>(end), &taken);
      if (!word || taken) continue;
      Candidate c = ms[owner];
      c.start = static_cast<uint32_t>(pos);
      c.end = static_cast<uint32_t>(end);
      c.rule = "person.repeated";
      ms.push_back(c);
      spans.add(c.start, c.end, static_cast<int>(ms.size() - 1));
      links.push_back({owner, static_cast<int>(ms.size() - 1)});
    }
  }
}

}  // namespace

ResolvedMentions resolve_mentions(const std::string& text, std::vector<Candidate> found) {
  std::vector<std::pair<int, int>> links;
  add_acronyms(text, found, links);
  add_repeated_people(text, found, links);
  // Keep links valid across the sort by sorting an index.
  std::vector<int> order(found.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
    return found[a].start != found[b].start ? found[a].start < found[b].start
                                            : found[a].end > found[b].end;
  });
  std::vector<int> pos_of(found.size());
  std::vector<Candidate> ms;
  ms.reserve(order.size());
  for (size_t i = 0; i < order.size(); ++i) {
    pos_of[order[i]] = static_cast<int>(i);
    ms.push_back(std::move(found[order[i]]));
  }
  UnionFind uf(ms.size());
  for (auto [a, b] : links) uf.join(pos_of[a], pos_of[b]);

  std::vector<bool> dropped(ms.size(), false);
  std::map<std::string, int> by_key;
  std::vector<std::string> keys(ms.size());
  for (size_t i = 0; i < ms.size(); ++i) {
    Candidate& c = ms[i];
    if (c.anaphor) {
      // Nearest earlier entity of the label (with the same head word).
      std::string head = lower_ascii(surface(text, c));
      bool any = c.props["anaphor"] == "any";
      int target = -1;
      // Look back a bounded number of mentions: short forms refer to
      // something recent, and hostile input stays linear.
      int stop = std::max(0, static_cast<int>(i) - 500);
      for (int j = static_cast<int>(i) - 1; j >= stop && target < 0; --j) {
        if (dropped[j] || ms[j].anaphor || ms[j].label != c.label) continue;
        if (any || lower_ascii(surface(text, ms[j])).find(head) != std::string::npos) target = j;
      }
      if (target < 0) {
        dropped[i] = true;
      } else {
        uf.join(target, static_cast<int>(i));
      }
      continue;
    }
    keys[i] = c.label == Label::kWorkshop ? workshop_key(text, ms, i) : key_of(text, c);
    auto [it, fresh] = by_key.emplace(keys[i], static_cast<int>(i));
    if (!fresh) uf.join(it->second, static_cast<int>(i));
  }
  // "Department of Education of Guangxi ..." also answers to "Department of
  // Education" when a Place closes the name.
  for (size_t i = 0; i < ms.size(); ++i) {
    if (dropped[i] || ms[i].label != Label::kInstitution) continue;
    for (size_t j = i + 1; j < ms.size() && ms[j].start < ms[i].end; ++j) {
      if (ms[j].label != Label::kPlace || ms[j].end != ms[i].end) continue;
      std::string base;
      if (!before_of(text, ms[i].start, ms[j].start, &base)) continue;
      auto it =
          by_key.find(std::string(to_string(Label::kInstitution)) + "|" + normalize_name(base));
      if (it != by_key.end()) uf.join(static_cast<int>(i), it->second);
    }
  }

  // A government body named with its country either way is one body:
  // "Tajik Ministry of Education and Science" and "Ministry of Education
  // and Science of Tajikistan", keyed by the country's code and the rest.
  std::map<std::string, std::pair<int, int>> by_country_form;  // -> prefix form, suffix form
  for (size_t i = 0; i < ms.size(); ++i) {
    const Candidate& c = ms[i];
    if (dropped[i] || c.anaphor || c.label != Label::kInstitution) continue;
    if (auto k = c.props.find("kind"); k == c.props.end() || k->second != "government") continue;
    for (size_t j = i + 1; j < ms.size() && ms[j].start < c.end; ++j) {
      const Candidate& in = ms[j];
      auto iso = in.props.find("iso2");
      if (in.label != Label::kCountry || iso == in.props.end() || in.end > c.end) continue;
      std::string base;
      bool prefix = in.start == c.start && in.end < c.end && text[in.end] == ' ';
      if (prefix) {
        base = text.substr(in.end + 1, c.end - in.end - 1);
      } else if (in.end == c.end && in.start > c.start) {
        if (!before_of(text, c.start, in.start, &base)) continue;
      } else {
        continue;
      }
      auto& forms = by_country_form.try_emplace(iso->second + "|" + normalize_name(base), -1, -1)
                        .first->second;
      int& mine = prefix ? forms.first : forms.second;
      if (mine < 0) mine = static_cast<int>(i);
      if (forms.first >= 0 && forms.second >= 0) uf.join(forms.first, forms.second);
      break;
    }
  }

  ResolvedMentions out;
  std::map<int, int> entity_of_root;
  for (size_t i = 0; i < ms.size(); ++i) {
    if (dropped[i]) continue;
    int root = uf.find(static_cast<int>(i));
    auto [it, fresh] = entity_of_root.emplace(root, static_cast<int>(out.entities.size()));
    if (fresh) {
      FragmentEntity e;
      e.id = "e" + std::to_string(out.entities.size() + 1);
      e.type = ms[i].label;
      out.entities.push_back(std::move(e));
    }
    out.mentions.push_back(std::move(ms[i]));  // ms is not read again
    out.entity_of.push_back(it->second);
  }
  // Names, aliases and properties.
  std::vector<int> best_priority(out.entities.size(), -1);
  for (size_t k = 0; k < out.mentions.size(); ++k) {
    const Candidate& c = out.mentions[k];
    FragmentEntity& e = out.entities[out.entity_of[k]];
    e.mentions.push_back(Mention{c.start, c.end, c.rule});
    for (const auto& [key, v] : c.props)
      if (key != "anaphor" && !e.props.get(key)) e.props.set(key, v);
    if (c.anaphor || c.rule == "alias.acronym") continue;
    // A country is named by its gazetteer entry, and so is a place that a
    // dateline spells in capitals ("BANGKOK" is Bangkok).
    std::string surf = surface(text, c);
    bool capitals =
        std::none_of(surf.begin(), surf.end(), [](char ch) { return ch >= 'a' && ch <= 'z'; });
    std::string name = c.label == Label::kCountry || (c.gazetteer && capitals) ? c.canonical : surf;
    bool better = c.label == Label::kCountry ? c.priority > best_priority[out.entity_of[k]]
                                             : name.size() > e.name.size();
    if (e.name.empty() || better) {
      e.name = name;
      best_priority[out.entity_of[k]] = c.priority;
    }
  }
  for (size_t k = 0; k < out.mentions.size(); ++k) {
    const Candidate& c = out.mentions[k];
    FragmentEntity& e = out.entities[out.entity_of[k]];
    std::string s = surface(text, c);
    if (c.anaphor) {
      if (s.empty() || !std::isupper(static_cast<unsigned char>(s[0]))) continue;
      s = "the " + s;
    }
    if (e.name.empty()) e.name = s;
    // A gazetteer's canonical name is an alias too ("Xinjiang" for "Xinjiang
    // Uygur Autonomous Region"), so that every article names it alike.
    for (const std::string& form : {s, c.gazetteer ? c.canonical : s})
      if (form != e.name && std::find(e.aliases.begin(), e.aliases.end(), form) == e.aliases.end())
        e.aliases.push_back(form);
  }
  return out;
}

}  // namespace kg
