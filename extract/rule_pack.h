// Rule packs: the data half of the rule engine. A pack is a line-based text
// file (extract/rules/*.rules; format in README "Rule packs") holding macro
// definitions, word lists, gazetteers, entity patterns and relation
// patterns, each rule with an id and a priority. Packs are read from several
// directories in order; a rule whose id was already loaded from an earlier
// directory replaces it (an override), while a repeated id within one
// directory is an error. Patterns are returned with macros expanded; they are
// compiled once, by the matchers that run them (EntityMatcher,
// RelationMatcher), which report a pattern re2 refuses as this loader reports
// its own errors.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "graph/error.h"
#include "graph/ontology.h"

namespace kg::rules {

using Options = std::map<std::string, std::string>;  // key=value words

// Where a rule came from, for error messages.
struct Origin {
  std::string file;
  int line = 0;
};

// One entry of a list or gazetteer: names[0] is the canonical name.
struct ListEntry {
  std::vector<std::string> names;
  Options props;
};

// `list` (words used by patterns and filters) or `gazetteer` (names found in
// the text as entities of `label`).
struct ListRule {
  std::string id;
  int priority = 0;
  bool gazetteer = false;
  std::optional<Label> label;
  Options options;
  std::vector<ListEntry> entries;
  Origin origin;
};

struct EntityRule {
  std::string id;
  int priority = 0;
  Label label = Label::kInstitution;
  Options options;      // kind=..., nest=no, anaphor=yes, ...
  std::string pattern;  // macros expanded; group `name` is the mention
  Origin origin;
};

struct RelationRule {
  std::string id;
  int priority = 0;
  RelType type = RelType::kPartnersWith;
  Options options;      // role=..., target=main_event, src=Person, ...
  std::string pattern;  // over the sentence with entities as ⟪X<n>⟫ tokens
  Origin origin;
};

// `skip`: text regions that are not the article (bylines, rubric tags).
struct SkipRule {
  std::string id;
  int priority = 0;
  std::string pattern;
  Origin origin;
};

struct RuleSet {
  std::vector<ListRule> lists;  // lists and gazetteers
  std::vector<EntityRule> entities;
  std::vector<RelationRule> relations;
  std::vector<SkipRule> skips;

  const ListRule* find_list(const std::string& id) const;
};

// The error for rule `id` (may be empty) at `o`: "FILE:LINE: rule ID: WHAT".
// The loader and the matchers that compile the patterns report alike.
InputError rule_error(const Origin& o, const std::string& id, const std::string& what);

// Loads every *.rules file of each directory (sorted by name), later
// directories overriding earlier ones rule by rule. Throws InputError naming
// the file, line, rule id and the problem.
RuleSet load_rule_packs(const std::vector<std::string>& dirs);

// The regex alternation of a list's names, longest first, each escaped.
std::string list_alternation(const ListRule& list);

}  // namespace kg::rules
