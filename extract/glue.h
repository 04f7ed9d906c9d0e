// Repairs words that a broken page glued together ("theCenterfor" -> "the
// Center for", "washeld" -> "was held"), only where a dictionary makes the
// split certain: every piece is a known word, and the split is at a change
// of case or involves a closed-class word ("of", "and", "was", ...). Known
// words and names (the rule packs' vocabulary) are never split.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
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
  // `after_name`: the word before is capitalised, so this one may be a
  // surname ("Joseph Langat" is not "Joseph Lang at").
  std::string repair_word(std::string_view word, bool after_name) const;
  bool split_lower(std::string_view word, std::vector<std::string_view>& pieces) const;

  void build(const std::vector<std::string>& lower_words);
  bool contains(std::string_view lower_word) const;

  // Dictionary words and the vocabulary's words, lower case: known() asks
  // for either, so one table answers with one probe. known() runs for every
  // word of every article, so the table is flat: open addressing over
  // 12-byte slots (a hash tag, and where the word sits in one buffer), a
  // probe touching one slot and, on a tag match, the word.
  struct Slot {
    uint32_t offset = 0;
    uint32_t size = 0;  // 0: an empty slot (no word is empty)
    uint32_t tag = 0;
  };
  std::string arena_;
  std::vector<Slot> slots_;  // a power of two, at most half full
  size_t mask_ = 0;
};

}  // namespace kg
