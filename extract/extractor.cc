// The rule engine behind Extractor: load the packs, then per document find
// entity candidates, resolve them to entities, find relations, and fill the
// properties that follow from relations (an institution's country, an
// event's place).
#include "extract/extractor.h"

#include <re2/re2.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <map>

#include "extract/coref.h"
#include "extract/entity_rules.h"
#include "extract/relation_dates.h"
#include "extract/relation_rules.h"
#include "extract/rule_pack.h"

#ifndef KG_RULES_DIR
#error "KG_RULES_DIR must name the built-in rule packs (extract/CMakeLists.txt)"
#endif

namespace kg {
namespace {

class RuleExtractor final : public Extractor {
 public:
  explicit RuleExtractor(const ExtractorOptions& options)
      : options_(options),
        rules_(rules::load_rule_packs(dirs(options))),
        entities_(rules_),
        relations_(rules_) {}

  Fragment extract(const Document& doc) const override {
    Fragment f;
    f.doc = doc.id;
    f.title = doc.title;
    f.date = doc.date;
    f.url = doc.url;
    f.text = doc.text;
    std::vector<Candidate> losers;
    ResolvedMentions rm = resolve_mentions(
        doc.text, entities_.find(doc.text, doc.sentences, options_.explain ? &losers : nullptr));
    f.relations = relations_.find(doc, rm);
    f.entities = std::move(rm.entities);
    fill_props(f);
    fill_event_dates(doc, f);
    fill_relation_dates(doc, f);
    for (const auto& c : losers) {
      FragmentEntity e;
      e.id = "x" + std::to_string(f.entities.size() + 1);
      e.type = c.label;
      e.name = doc.text.substr(c.start, c.end - c.start);
      e.props.set("candidate", std::string("lost"));
      e.props.set("lost_to", c.lost_to);
      e.mentions.push_back(Mention{c.start, c.end, c.rule});
      f.entities.push_back(std::move(e));
    }
    return f;
  }

  const std::vector<std::string>& vocabulary() const override { return entities_.vocabulary(); }

 private:
  static std::vector<std::string> dirs(const ExtractorOptions& options) {
    std::vector<std::string> d{KG_RULES_DIR};
#ifdef KG_GENERATED_RULES_DIR
    d.push_back(KG_GENERATED_RULES_DIR);
#endif
    d.insert(d.end(), options.rule_dirs.begin(), options.rule_dirs.end());
    return d;
  }

  // An institution's or workshop's country follows from where it is
  // located, a workshop's host from who built it, an event's place from
  // where it was held.
  static void fill_props(Fragment& f) {
    std::map<std::string, FragmentEntity*> by_id;
    for (auto& e : f.entities) by_id[e.id] = &e;
    for (const auto& r : f.relations) {
      FragmentEntity* src = by_id[r.source];
      FragmentEntity* dst = by_id[r.target];
      if (r.type == RelType::kEstablished && dst->type == Label::kWorkshop &&
          !dst->props.get("host"))
        dst->props.set("host", src->name);
      if (r.type == RelType::kLocatedIn && !src->props.get("country")) {
        if (dst->type == Label::kCountry)
          src->props.set("country", dst->name);
        else if (auto c = dst->props.get_string("country"); !c.empty())
          src->props.set("country", std::string(c));
      }
      if (r.type == RelType::kHeldIn && !src->props.get("place"))
        src->props.set("place", dst->name);
    }
  }

  // An event's date, as precise as its sentences allow: "On May 22, the
  // 2024 Forum ..." gives 2024-05-22; the year comes from the name, the
  // sentence or the article's date.
  static void fill_event_dates(const Document& doc, Fragment& f) {
    static const RE2 month_day(
        R"(\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+(\d{1,2})\b(?:,?\s+((?:19|20)\d\d))?)");
    static const RE2 iso(R"(\b((?:19|20)\d\d)-(\d\d)-(\d\d)\b)");
    static const char* months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                   "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    for (auto& e : f.entities) {
      if (e.type != Label::kEvent || e.mentions.empty()) continue;
      std::string year(e.props.get_string("date"));
      if (year.empty() && doc.date.size() >= 4) year = doc.date.substr(0, 4);
      for (const auto& m : e.mentions) {
        auto it = std::upper_bound(doc.sentences.begin(), doc.sentences.end(), m.start,
                                   [](uint32_t p, const SentenceSpan& s) { return p < s.end; });
        if (it == doc.sentences.end() || it->start > m.start) continue;
        re2::StringPiece sentence(doc.text.data() + it->start, it->end - it->start);
        std::string mon, day, y, mm, dd;
        if (RE2::PartialMatch(sentence, iso, &y, &mm, &dd)) {
          e.props.set("date", y + "-" + mm + "-" + dd);
          break;
        }
        if (RE2::PartialMatch(sentence, month_day, &mon, &day, &y)) {
          if (y.empty()) y = year;
          int n = 0;
          while (n < 12 && mon.rfind(months[n], 0) != 0) ++n;
          if (y.empty() || n == 12) continue;
          char buf[16];
          std::snprintf(buf, sizeof buf, "%s-%02d-%02d", y.c_str(), n + 1, std::atoi(day.c_str()));
          e.props.set("date", std::string(buf));
          break;
        }
      }
    }
  }

  ExtractorOptions options_;
  rules::RuleSet rules_;
  EntityMatcher entities_;
  RelationMatcher relations_;
};

}  // namespace

std::unique_ptr<Extractor> Extractor::load(const ExtractorOptions& options) {
  return std::make_unique<RuleExtractor>(options);
}

}  // namespace kg
