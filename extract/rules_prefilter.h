// Running many patterns over many sentences without trying each pattern on
// each sentence. re2's FilteredRE2 reduces every pattern to the literal
// "atoms" it cannot match without ("hosted", "university", ...); one
// RE2::Set of those literals tells which atoms a sentence holds, and only the
// patterns whose atoms are all there (by the pattern's AND/OR tree) run.
// Patterns without atoms always run. The prefilter owns the one compiled
// RE2 of each pattern, which the caller matches with: compiling a pattern is
// most of loading the packs, so it happens once.
#pragma once

#include <re2/filtered_re2.h>
#include <re2/re2.h>
#include <re2/set.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace kg {

class RulesPrefilter {
 public:
  RulesPrefilter();

  // Compiles `pattern`; the i-th successful add() is pattern number i in
  // potentials(). Returns the compiled pattern, alive as long as the
  // prefilter, or null with re2's message in `error` (nothing is added).
  const RE2* add(const std::string& pattern, const RE2::Options& options, std::string* error);
  void compile();
  // Numbers of the patterns that may match in `text`, ascending.
  void potentials(re2::StringPiece text, std::vector<int>* out) const;

 private:
  re2::FilteredRE2 filter_{3};
  std::unique_ptr<RE2::Set> atoms_;
  bool empty_ = true;
  int count_ = 0;
  // Names this prefilter in the per-thread memo of potentials(), which a
  // later prefilter at the same address must not read.
  uint64_t id_;
};

}  // namespace kg
