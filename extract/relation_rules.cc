// Relation patterns over sentences rewritten as entity tokens; see the
// header for the scheme.
#include "extract/relation_rules.h"

#include <re2/re2.h>

#include <algorithm>
#include <map>
#include <set>

#include "extract/rules_prefilter.h"
#include "graph/error.h"
#include "graph/normalize.h"

namespace kg {
namespace {

constexpr int64_t kMaxMem = 64 << 20;
constexpr size_t kLookBack = 500;               // mentions target=previous looks back over
constexpr const char* kOpen = "\xE2\x9F\xAA";   // ⟪
constexpr const char* kClose = "\xE2\x9F\xAB";  // ⟫

char letter(Label l) {
  switch (l) {
    case Label::kCountry:
      return 'C';
    case Label::kPlace:
      return 'P';
    case Label::kInstitution:
      return 'I';
    case Label::kAlliance:
      return 'A';
    case Label::kWorkshop:
      return 'W';
    case Label::kInitiative:
      return 'N';
    case Label::kEvent:
      return 'E';
    case Label::kPerson:
      return 'H';
  }
  return '?';
}

// The ontology's source and target labels per relation type.
bool allowed(RelType t, Label src, Label dst) {
  auto party = [](Label l) {
    return l == Label::kInstitution || l == Label::kCountry || l == Label::kAlliance ||
           l == Label::kPlace;
  };
  switch (t) {
    case RelType::kSigned:
    case RelType::kPartnersWith:
      return party(src) && party(dst);
    case RelType::kHosted:
      return party(src) && dst == Label::kEvent;
    case RelType::kAttended:
      return (src == Label::kPerson || src == Label::kInstitution || src == Label::kCountry) &&
             dst == Label::kEvent;
    case RelType::kHeldIn:
      return src == Label::kEvent && (dst == Label::kPlace || dst == Label::kCountry);
    case RelType::kEstablished:
      return party(src) && (dst == Label::kWorkshop || dst == Label::kAlliance ||
                            dst == Label::kInstitution || dst == Label::kInitiative);
    case RelType::kMemberOf:
      return (src == Label::kInstitution || src == Label::kCountry) && dst == Label::kAlliance;
    case RelType::kLocatedIn:
      return (src == Label::kInstitution || src == Label::kWorkshop) &&
             (dst == Label::kPlace || dst == Label::kCountry);
    case RelType::kAffiliatedWith:
      return src == Label::kPerson && party(dst);
  }
  return false;
}

bool label_in(const rules::Options& o, const char* key, Label l) {
  auto it = o.find(key);
  if (it == o.end()) return true;
  std::string labels = "," + it->second + ",";
  return labels.find("," + std::string(to_string(l)) + ",") != std::string::npos;
}

struct Sentence {
  std::string shape;         // text with mentions as tokens
  std::vector<int> mention;  // token n -> index into resolved.mentions
  std::vector<size_t> at;    // token n -> byte offset of the token in shape
};

// True when token n is a possessor of the next token, "⟪C0⟫'s ⟪I1⟫"
// (Nicaragua's National Technological Institute): the party is the
// possessed name, not the country.
bool possessor(const Sentence& s, size_t n) {
  if (n + 1 >= s.at.size()) return false;
  size_t end = s.shape.find(kClose, s.at[n]);
  if (end == std::string::npos) return false;
  std::string_view rest = std::string_view(s.shape).substr(end + 3, s.at[n + 1] - end - 3);
  return rest == "'s " || rest == "\xE2\x80\x99s ";  // 's, ’s
}

// Token numbers inside shape[b, e), but for a possessor whose possessed
// token is inside too (a group "⟪C0⟫'s ⟪I1⟫" names one party, ⟪I1⟫).
std::vector<int> tokens_in(const Sentence& s, size_t b, size_t e) {
  std::vector<int> out;
  auto inside = [&](size_t n) { return s.at[n] >= b && s.at[n] < e; };
  for (size_t n = 0; n < s.at.size(); ++n)
    if (inside(n) && !(possessor(s, n) && inside(n + 1))) out.push_back(static_cast<int>(n));
  return out;
}

}  // namespace

struct RelationMatcher::Impl {
  struct Pattern {
    const rules::RelationRule* rule;
    const RE2* re;  // owned by the prefilter
    std::map<std::string, int> groups;
    // Where the parties, sources and target come from when no group names
    // them (pairs=, sources=, target=), read once from the rule's options.
    // last_two: "the two sides signed ...", whose parties were named before;
    // such a pattern also runs on sentences without entity tokens.
    enum class From { kGroup, kSentence, kLastTwo };
    enum class Target { kNearestEvent, kMainEvent, kPrevious };
    From pairs = From::kGroup, sources = From::kGroup;
    Target target = Target::kNearestEvent;
    int count = -1;           // count=N: exactly N parties, or no relation
    std::vector<int> vetoes;  // groups named veto, veto2, ...
    bool last_two() const { return pairs == From::kLastTwo || sources == From::kLastTwo; }
  };
  rules::RuleSet rules;
  std::vector<Pattern> patterns;
  bool any_last_two = false;
  RulesPrefilter prefilter;
  std::vector<std::string> sent_abroad;  // list sent_abroad: "Embassy", ...
};

RelationMatcher::RelationMatcher(const rules::RuleSet& rs) : impl_(std::make_unique<Impl>()) {
  Impl& m = *impl_;
  m.rules = rs;
  RE2::Options o;
  o.set_max_mem(kMaxMem);
  o.set_log_errors(false);
  for (const auto& r : m.rules.relations) {
    std::string error;
    Impl::Pattern p{&r, m.prefilter.add(r.pattern, o, &error), {}};
    if (!p.re) throw rules::rule_error(r.origin, r.id, "bad pattern: " + error);
    for (const auto& [name, idx] : p.re->NamedCapturingGroups()) {
      p.groups[name] = idx;
      if (name.rfind("veto", 0) == 0) p.vetoes.push_back(idx);
    }
    auto from = [&](const char* key) {
      auto it = r.options.find(key);
      if (it == r.options.end()) return Impl::Pattern::From::kGroup;
      if (it->second == "sentence") return Impl::Pattern::From::kSentence;
      if (it->second == "last_two") return Impl::Pattern::From::kLastTwo;
      return Impl::Pattern::From::kGroup;
    };
    p.pairs = from("pairs");
    p.sources = from("sources");
    if (auto it = r.options.find("target"); it != r.options.end())
      p.target = it->second == "main_event" ? Impl::Pattern::Target::kMainEvent
                 : it->second == "previous" ? Impl::Pattern::Target::kPrevious
                                            : Impl::Pattern::Target::kNearestEvent;
    if (auto it = r.options.find("count"); it != r.options.end()) {
      if (it->second.empty() || it->second.size() > 3 ||
          !std::all_of(it->second.begin(), it->second.end(), ::isdigit))
        throw rules::rule_error(r.origin, r.id,
                                "count=" + it->second + " is not a number of parties");
      p.count = std::stoi(it->second);
    }
    m.any_last_two |= p.last_two();
    m.patterns.push_back(std::move(p));
  }
  m.prefilter.compile();
  if (const auto* l = m.rules.find_list("sent_abroad"))
    for (const auto& e : l->entries)
      for (const auto& n : e.names) m.sent_abroad.push_back(n);
}

RelationMatcher::~RelationMatcher() = default;

std::vector<FragmentRelation> RelationMatcher::find(const Document& doc,
                                                    const ResolvedMentions& rm) const {
  const Impl& m = *impl_;
  const auto& ms = rm.mentions;
  const auto& ents = rm.entities;

  // The article's main event: the one mentioned most, the earliest on ties.
  int main_event = -1;
  for (size_t e = 0; e < ents.size(); ++e)
    if (ents[e].type == Label::kEvent &&
        (main_event < 0 || ents[e].mentions.size() > ents[main_event].mentions.size()))
      main_event = static_cast<int>(e);

  std::vector<FragmentRelation> out;
  std::map<std::tuple<RelType, int, int>, size_t> index;
  auto add = [&](RelType type, int src, int dst, const rules::Options& props,
                 const SentenceSpan& span, const std::string& rule) {
    if (src < 0 || dst < 0 || src == dst || span.end <= span.start)
      return;  // no sentence, no evidence
    if (!allowed(type, ents[src].type, ents[dst].type)) return;
    int a = src, b = dst;
    if (is_symmetric(type) && a > b) std::swap(a, b);
    auto key = std::make_tuple(type, a, b);
    auto it = index.find(key);
    if (it == index.end()) {
      FragmentRelation r;
      r.type = type;
      r.source = ents[src].id;
      r.target = ents[dst].id;
      for (const auto& [k, v] : props) r.props.set(k, v);
      it = index.emplace(key, out.size()).first;
      out.push_back(std::move(r));
    }
    EvidenceSpan ev{span.start, span.end, doc.text.substr(span.start, span.end - span.start), rule};
    auto& evs = out[it->second].evidence;
    if (std::find(evs.begin(), evs.end(), ev) == evs.end()) evs.push_back(std::move(ev));
  };
  auto sentence_of = [&](uint32_t pos) -> SentenceSpan {
    auto it = std::upper_bound(doc.sentences.begin(), doc.sentences.end(), pos,
                               [](uint32_t p, const SentenceSpan& s) { return p < s.end; });
    if (it != doc.sentences.end() && it->start <= pos) return *it;
    return SentenceSpan{pos, pos};
  };

  // Relations stated by a name itself.
  for (size_t i = 0; i < ms.size(); ++i) {
    const Candidate& outer = ms[i];
    if (outer.anaphor || outer.rule == "alias.acronym") continue;
    if (outer.label != Label::kInstitution && outer.label != Label::kWorkshop) continue;
    // Mentions are ordered by start, the longer first: those inside follow.
    for (size_t j = i + 1; j < ms.size() && ms[j].start < outer.end; ++j) {
      const Candidate& in = ms[j];
      if (in.end > outer.end) continue;
      if (in.label != Label::kPlace && in.label != Label::kCountry) continue;
      if (in.start == outer.start && in.end < outer.end && doc.text[in.end] == ' ') {
        if (outer.label == Label::kWorkshop && in.label != Label::kCountry) continue;
        std::string_view name(doc.text.data() + outer.start, outer.end - outer.start);
        if (std::any_of(m.sent_abroad.begin(), m.sent_abroad.end(), [&](const std::string& w) {
              size_t at = name.find(w);
              return at != std::string_view::npos && at > 0 && name[at - 1] == ' ';
            }))
          continue;  // "Chinese Embassy in Tajikistan" is not in China
        add(RelType::kLocatedIn, rm.entity_of[i], rm.entity_of[j], {}, sentence_of(outer.start),
            "located_in.name_prefix");
      } else if (in.end == outer.end && in.start > outer.start) {
        // "X of <Place>", also as other languages write it ("Universidad
        // Nacional de Asunción").
        std::string before = doc.text.substr(outer.start, in.start - outer.start);
        static const RE2 tail(R"(.*\s(?:of|in|de|del|di|do|da|du|des)\s+(?:the\s+)?)");
        if (RE2::FullMatch(before, tail))
          add(RelType::kLocatedIn, rm.entity_of[i], rm.entity_of[j], {}, sentence_of(outer.start),
              "located_in.name_suffix");
      }
    }
  }

  std::vector<int> hits;
  size_t first = 0;  // mentions and sentences are both in text order
  for (const auto& span : doc.sentences) {
    Sentence s;
    uint32_t pos = span.start, last_end = span.start;
    while (first < ms.size() && ms[first].start < span.start) ++first;
    for (size_t i = first; i < ms.size() && ms[i].start < span.end; ++i) {
      const Candidate& c = ms[i];
      if (c.end > span.end || c.start < last_end) continue;
      s.shape.append(doc.text, pos, c.start - pos);
      s.at.push_back(s.shape.size());
      s.mention.push_back(static_cast<int>(i));
      s.shape += kOpen;
      s.shape += letter(c.label);
      s.shape += std::to_string(s.mention.size() - 1);
      s.shape += kClose;
      pos = last_end = c.end;
    }
    // A relation needs two different entities, at least one of them a token
    // of this sentence (in a group, or any for sources= and pairs=sentence):
    // without a token, the nearest or main event would be both ends or
    // neither. So a sentence without tokens is matched only by the
    // last_two patterns, whose parties were named before it.
    if (s.mention.empty() && !m.any_last_two) continue;
    s.shape.append(doc.text, pos, span.end - pos);
    m.prefilter.potentials(s.shape, &hits);
    for (int h : hits) {
      const auto& p = m.patterns[h];
      if (s.mention.empty() && !p.last_two()) continue;
      const auto& opt = p.rule->options;
      int n = p.re->NumberOfCapturingGroups() + 1;
      std::vector<re2::StringPiece> g(n);
      re2::StringPiece input(s.shape);
      size_t at = 0;
      while (at <= s.shape.size() &&
             p.re->Match(input, at, s.shape.size(), RE2::UNANCHORED, g.data(), n)) {
        size_t mb = g[0].data() - s.shape.data(), me = mb + g[0].size();
        at = me > mb ? me : mb + 1;
        auto group = [&](const char* name, const char* filter) {
          std::vector<int> ents_in;
          auto it = p.groups.find(name);
          if (it == p.groups.end() || g[it->second].data() == nullptr) return ents_in;
          size_t b = g[it->second].data() - s.shape.data();
          for (int t : tokens_in(s, b, b + g[it->second].size())) {
            int e = rm.entity_of[s.mention[t]];
            if (label_in(opt, filter, ents[e].type) &&
                std::find(ents_in.begin(), ents_in.end(), e) == ents_in.end())
              ents_in.push_back(e);
          }
          return ents_in;
        };
        auto text_group = [&](const char* name) -> std::string {
          auto it = p.groups.find(name);
          if (it == p.groups.end() || g[it->second].data() == nullptr) return "";
          return std::string(g[it->second]);
        };
        // The last `n` different entities named before the match whose label
        // the `filter` option allows, in this sentence or an earlier one,
        // looking back a bounded number of mentions as coreference does;
        // fewer when there are fewer. target=previous takes one ("Its
        // members include ..." after the alliance was named), last_two two
        // ("The two sides signed ...").
        auto earlier = [&](const char* filter, size_t n) {
          std::vector<int> found;
          auto take = [&](int e) {
            if (found.size() < n && label_in(opt, filter, ents[e].type) &&
                std::find(found.begin(), found.end(), e) == found.end())
              found.push_back(e);
          };
          for (size_t t = s.at.size(); t-- > 0;)
            if (s.at[t] < mb) take(rm.entity_of[s.mention[t]]);
          // Earlier sentences: their outermost mentions, as their tokens
          // were ("Luban Workshop in Tajikistan", not the "Luban Workshop"
          // in it). Mentions come by start, the longer first, so one that
          // holds mention i comes shortly before it.
          auto nested = [&](size_t i) {
            for (size_t k = i; k-- > 0 && i - k <= 8;)
              if (ms[k].start <= ms[i].start && ms[k].end >= ms[i].end) return true;
            return false;
          };
          size_t stop = first > kLookBack ? first - kLookBack : 0;
          for (size_t i = first; i-- > stop && found.size() < n;)
            if (!nested(i)) take(rm.entity_of[i]);
          return found;
        };
        auto previous = [&]() {
          auto one = earlier("dst", 1);
          return one.empty() ? -1 : one[0];
        };
        // A `veto` group (or `veto2`, ...) that took part cancels the match
        // ("SCO countries").
        if (std::any_of(p.vetoes.begin(), p.vetoes.end(),
                        [&](int v) { return g[v].data() != nullptr; }))
          continue;
        rules::Options props;
        if (auto it = opt.find("role"); it != opt.end()) props["role"] = it->second;
        if (std::string role = text_group("role"); !role.empty()) props["role"] = role;
        if (std::string agr = text_group("agreement"); !agr.empty()) props["agreement"] = agr;
        using From = Impl::Pattern::From;
        using Target = Impl::Pattern::Target;
        if (p.pairs == From::kLastTwo) {
          auto parties = earlier("pair", 2);
          if (parties.size() == 2)
            add(p.rule->type, parties[0], parties[1], props, span, p.rule->id);
          continue;
        }
        if (p.groups.count("pair") || p.pairs == From::kSentence) {
          auto parties = group("pair", "pair");
          // pairs=sentence: the parties are every entity of the sentence.
          if (p.pairs == From::kSentence)
            for (size_t t = 0; t < s.mention.size(); ++t) {
              int e = rm.entity_of[s.mention[t]];
              if (label_in(opt, "pair", ents[e].type) &&
                  std::find(parties.begin(), parties.end(), e) == parties.end())
                parties.push_back(e);
            }
          if (p.count >= 0 && parties.size() != static_cast<size_t>(p.count)) continue;
          for (size_t a = 0; a < parties.size(); ++a)
            for (size_t b = a + 1; b < parties.size(); ++b)
              add(p.rule->type, parties[a], parties[b], props, span, p.rule->id);
          continue;
        }
        auto srcs = group("src", "src");
        if (p.sources == From::kLastTwo) {
          srcs = earlier("src", 2);
          if (srcs.size() != 2) continue;
        }
        // sources=sentence: every entity of the sentence is a source, which
        // spares a capture of the whole sentence (an NFA run) per match.
        if (p.sources == From::kSentence)
          for (size_t t = 0; t < s.mention.size(); ++t) {
            int e = rm.entity_of[s.mention[t]];
            if (label_in(opt, "src", ents[e].type) &&
                std::find(srcs.begin(), srcs.end(), e) == srcs.end())
              srcs.push_back(e);
          }
        auto nearest_event = [&]() {
          int target = -1;
          if (p.target != Target::kMainEvent)
            for (size_t t = 0; t < s.at.size() && s.at[t] < mb; ++t)
              if (ents[rm.entity_of[s.mention[t]]].type == Label::kEvent)
                target = rm.entity_of[s.mention[t]];
          return target >= 0 ? target : main_event;
        };
        if (!p.groups.count("src") && nearest_event() >= 0) srcs.push_back(nearest_event());
        std::vector<int> dsts = group("dst", "dst");
        if (!p.groups.count("dst")) {
          int target = p.target == Target::kPrevious ? previous() : nearest_event();
          if (target >= 0) dsts.push_back(target);
        }
        for (int a : srcs)
          for (int b : dsts) add(p.rule->type, a, b, props, span, p.rule->id);
      }
    }
  }

  // "Mohamed Abdel Latif, Minister of Education and Technical Education":
  // a minister's title names the ministry, which the article may name too
  // ("Ministry of Education and Technical Education"); then the post is
  // there, with the sentence that gave the title as evidence.
  static const RE2 minister(
      R"(\s*,\s*(?:the\s+)?(?:former\s+)?((?:(?:Vice|Deputy|Assistant)\s+)?Minister)\s+(of\s+[^,.;()]+))");
  std::map<std::string, int> ministries;  // normalised "ministry of ..." -> entity, when needed
  auto ministry = [&](const std::string& of) {
    if (ministries.empty())
      for (size_t e = 0; e < ents.size(); ++e) {
        if (ents[e].type != Label::kInstitution) continue;
        ministries.emplace(normalize_name(ents[e].name), static_cast<int>(e));
        for (const auto& a : ents[e].aliases)
          ministries.emplace(normalize_name(a), static_cast<int>(e));
      }
    auto it = ministries.find(normalize_name("Ministry " + of));
    // "Minister of Labour and Skills of Ethiopia" holds the Ministry of
    // Labour and Skills that the article names without its country.
    if (size_t at = of.rfind(" of "); it == ministries.end() && at != std::string::npos && at > 0)
      it = ministries.find(normalize_name("Ministry " + of.substr(0, at)));
    return it == ministries.end() ? -1 : it->second;
  };
  for (size_t e = 0; e < ents.size(); ++e) {
    if (ents[e].type != Label::kPerson) continue;
    for (const auto& m : ents[e].mentions) {
      std::string role, of;
      re2::StringPiece after(doc.text.data() + m.end, doc.text.size() - m.end);
      if (!RE2::Consume(&after, minister, &role, &of)) continue;
      if (int body = ministry(of); body >= 0) {
        add(RelType::kAffiliatedWith, static_cast<int>(e), body, {{"role", role}},
            sentence_of(m.start), "affiliated.minister_of");
        break;
      }
    }
  }

  // SIGNED wins over PARTNERS_WITH for the same pair.
  std::set<std::pair<std::string, std::string>> signed_pairs;
  for (const auto& r : out)
    if (r.type == RelType::kSigned) {
      signed_pairs.insert({r.source, r.target});
      signed_pairs.insert({r.target, r.source});
    }
  out.erase(
      std::remove_if(
          out.begin(), out.end(),
          [&](const FragmentRelation& r) {
            return r.type == RelType::kPartnersWith && signed_pairs.count({r.source, r.target});
          }),
      out.end());
  return out;
}

}  // namespace kg
