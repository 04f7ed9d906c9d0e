// From mentions to entities: acronyms defined in parentheses become aliases
// and their later uses mentions; short forms ("the Alliance", "the Forum",
// "the city") resolve to the nearest earlier entity of their label whose
// name holds the same head word; mentions with the same key (ISO code for a
// country, the name without year for an event, without "Co., Ltd" for a
// company, without "Province" for a place, ...) form one entity; "X of
// <Place>" also answers to "X". The canonical name is the longest surface
// form the text gives; the others are aliases.
#pragma once

#include <string>
#include <vector>

#include "extract/entity_rules.h"
#include "graph/fragment.h"

namespace kg {

struct ResolvedMentions {
  std::vector<Candidate> mentions;  // in text order, anaphors resolved
  std::vector<int> entity_of;       // per mention: index into entities
  std::vector<FragmentEntity> entities;
};

// `found` are the winning candidates of EntityMatcher::find, in text order.
ResolvedMentions resolve_mentions(const std::string& text, std::vector<Candidate> found);

}  // namespace kg
