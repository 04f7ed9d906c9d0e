// Repairs words that a broken page glued together ("theCenterfor" -> "the
// Center for", "washeld" -> "was held"), only where a dictionary makes the
// split certain: every piece is a known word, and the split is at a change
// of case or involves a closed-class word ("of", "and", "was", ...). Known
// words and names (the rule packs' vocabulary) are never split.
#pragma once

#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace kg {

class GlueRepair {
 public:
  // `word_list`: one word a line (Debian's wamerican); a missing file leaves
  // only `vocabulary`. Vocabulary entries of several words add each word.
  GlueRepair(const std::string& word_list, const std::vector<std::string>& vocabulary);

  // `line` with glued words split and a space added after a comma or
  // semicolon glued between two words ("Trung,Consul").
  std::string repair(std::string_view line) const;

  bool known(std::string_view word) const;  // case-insensitive

 private:
  std::string repair_word(std::string_view word) const;
  bool split_lower(std::string_view word, std::vector<std::string_view>& pieces) const;

  // Looked up by std::string_view, so that a lookup allocates nothing.
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  // Dictionary words and the vocabulary's words, lower case: known() asks
  // for either, so one set answers with one probe.
  std::unordered_set<std::string, Hash, std::equal_to<>> known_;
};

}  // namespace kg
