// Relations between resolved entities. Each sentence is rewritten with its
// outermost entity mentions replaced by tokens ⟪X<n>⟫ (X: C Country, P Place,
// I Institution, A Alliance, W Workshop, N iNitiative, E Event, H Person; n
// numbers the mentions of the sentence), so that a relation pattern reads
// like the sentence's shape: "hosted by (?P<src>{LIST})". The prefilter
// (rules_prefilter.h) says which relation patterns may apply to that text;
// only those run, with submatches. Every entity token inside the `src`, `dst` or `pair` group is
// a party, so lists and coordination give one relation per party. A rule
// without `dst` for an event relation targets the nearest event token before
// the match in the sentence, else the article's main event (the event with
// the most mentions); option target=main_event forces the latter, which is
// how the article-level ATTENDED ruling is written. Relations a name states
// by itself ("Guangxi Transport ... College" -> Guangxi, "Luban Workshop in
// Nicaragua" -> Nicaragua) come from the mentions nested in that name.
#pragma once

#include <memory>
#include <vector>

#include "extract/coref.h"
#include "extract/document.h"
#include "extract/rule_pack.h"
#include "graph/fragment.h"

namespace kg {

class RelationMatcher {
 public:
  explicit RelationMatcher(const rules::RuleSet& rules);
  ~RelationMatcher();
  RelationMatcher(const RelationMatcher&) = delete;
  RelationMatcher& operator=(const RelationMatcher&) = delete;

  std::vector<FragmentRelation> find(const Document& doc, const ResolvedMentions& resolved) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace kg
