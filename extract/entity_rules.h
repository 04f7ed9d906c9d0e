// Finding entity mentions: the gazetteers (one re2 alternation of every
// name) and the entity patterns produce candidates. Patterns are filtered
// with re2's FilteredRE2: one pass of a literal alternation finds the
// "atoms" (head words, titles, ...) each pattern needs, and a pattern runs
// only over the sentences that hold its atoms. Candidates then pass
// filters that drop what the packs say is not an entity; the overlap policy picks
// the winners. Policy, as README "Rule packs" documents it: when two
// candidates overlap, the higher rule priority wins, then the longer match,
// then the earlier one. A candidate wholly inside another survives ("names
// inside names") when its label differs or it comes from a gazetteer, unless
// its rule says nest=no.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "extract/document.h"
#include "extract/rule_pack.h"
#include "graph/ontology.h"

namespace kg {

struct Candidate {
  uint32_t start = 0;
  uint32_t end = 0;
  Label label = Label::kInstitution;
  std::string rule;
  int priority = 0;
  std::string canonical;  // gazetteer canonical name, else the surface
  rules::Options props;   // kind, country, iso2, title, date, ...
  bool gazetteer = false;
  bool anaphor = false;  // "the Alliance": resolved to an earlier entity
  bool nest = true;      // may sit inside another candidate
  bool surname = false;  // from a gazetteer of names that are also surnames
  std::string lost_to;   // set when the overlap policy dropped it
};

class EntityMatcher {
 public:
  // Compiles the gazetteers and entity patterns of `rules` once.
  explicit EntityMatcher(const rules::RuleSet& rules);
  ~EntityMatcher();
  EntityMatcher(const EntityMatcher&) = delete;
  EntityMatcher& operator=(const EntityMatcher&) = delete;

  // Winning candidates in text order; with `losers`, the dropped ones are
  // appended to it with lost_to set (kg extract --explain).
  // Names never cross a sentence; no sentences means one of the whole text.
  std::vector<Candidate> find(const std::string& text, const std::vector<SentenceSpan>& sentences,
                              std::vector<Candidate>* losers) const;

  // Every gazetteer name and list word, for glued-word repair.
  const std::vector<std::string>& vocabulary() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace kg
