// See relation_dates.h. The sentence patterns are the ones the extractor
// uses for event dates (extractor.cc), so an event and the relations stated
// in the same sentence agree.
#include "extract/relation_dates.h"

#include <re2/re2.h>

#include <cstdio>
#include <cstdlib>
#include <map>
#include <string_view>
#include <unordered_map>

namespace kg {

std::string sentence_date(std::string_view sentence, const std::string& year) {
  static const RE2 month_day(
      R"(\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+(\d{1,2})\b(?:,?\s+((?:19|20)\d\d))?)");
  static const RE2 iso(R"(\b((?:19|20)\d\d)-(\d\d)-(\d\d)\b)");
  static const char* months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                 "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  re2::StringPiece text(sentence.data(), sentence.size());
  std::string mon, day, y, mm, dd;
  if (RE2::PartialMatch(text, iso, &y, &mm, &dd)) return y + "-" + mm + "-" + dd;
  if (!RE2::PartialMatch(text, month_day, &mon, &day, &y)) return "";
  if (y.empty()) y = year;
  int n = 0;
  while (n < 12 && mon.rfind(months[n], 0) != 0) ++n;
  int d = std::atoi(day.c_str());
  if (y.size() != 4 || n == 12 || d < 1 || d > 31) return "";
  char buf[16];
  std::snprintf(buf, sizeof buf, "%s-%02d-%02d", y.c_str(), n + 1, d);
  return buf;
}

void fill_relation_dates(const Document& doc, Fragment& f) {
  std::map<std::string, const FragmentEntity*> by_id;
  for (const auto& e : f.entities) by_id[e.id] = &e;
  const std::string year = doc.date.size() >= 4 ? doc.date.substr(0, 4) : "";
  auto event_date = [&](const std::string& id) -> std::string {
    auto it = by_id.find(id);
    if (it == by_id.end() || it->second->type != Label::kEvent) return "";
    return std::string(it->second->props.get_string("date"));
  };
  // Keyed by the sentence's text, which the relations hold unchanged below.
  std::unordered_map<std::string_view, std::string> sentence_dates;
  for (auto& r : f.relations) {
    if (r.props.get("date")) {
      if (!r.props.get("date_source")) r.props.set("date_source", std::string("text"));
      continue;
    }
    std::string date, source;
    if (r.type == RelType::kHosted || r.type == RelType::kAttended || r.type == RelType::kHeldIn) {
      date = event_date(r.type == RelType::kHeldIn ? r.source : r.target);
      source = "event";
    }
    for (size_t i = 0; date.empty() && i < r.evidence.size(); ++i) {
      // Relations of one sentence share it: read each sentence once.
      const EvidenceSpan& ev = r.evidence[i];
      auto [it, fresh] = sentence_dates.try_emplace(ev.text);
      if (fresh) it->second = sentence_date(ev.text, year);
      date = it->second;
      source = "text";
    }
    if (date.empty() && !doc.date.empty()) {
      date = doc.date.substr(0, 10);  // the day, without a time
      source = "article";
    }
    if (date.empty()) continue;
    r.props.set("date", date);
    r.props.set("date_source", source);
  }
}

}  // namespace kg
