// Fuzz target: the rule-pack loader (extract/rule_pack.h), parsing and macro
// expansion, then the matchers built from what it loaded, which compile every
// pattern with re2 and build the prefilters. The input is one .rules file in
// a directory of its own.
#include <cstddef>
#include <cstdint>

#include "extract/entity_rules.h"
#include "extract/relation_rules.h"
#include "extract/rule_pack.h"
#include "graph/error.h"
#include "tests/fuzz/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const std::string dir = [] {
    std::string d = kg::fuzz::scratch_dir() + "/rules";
    std::filesystem::create_directories(d);
    return d;
  }();
  kg::fuzz::write_scratch("rules/fuzz.rules", kg::fuzz::as_view(data, size));
  try {
    kg::rules::RuleSet set = kg::rules::load_rule_packs({dir});
    for (const auto& list : set.lists) (void)kg::rules::list_alternation(list);
    kg::EntityMatcher entities(set);
    kg::RelationMatcher relations(set);
  } catch (const kg::Error&) {
  }
  return 0;
}
