// Name normalisation, exactly as ../shared/ONTOLOGY.md's scoring section
// defines it: Unicode NFKC, case folding, "&" -> "and", every run of
// characters that are not letters or digits -> one space, trim, then a
// leading "the " dropped. Entity resolution (merge) and scoring (eval) both
// use this one function, so they can never disagree.
#pragma once

#include <string>
#include <string_view>

namespace kg {

// `text` must be valid UTF-8 (invalid bytes are treated as separators).
std::string normalize_name(std::string_view text);

// `text` with its ASCII capitals in lower case and every other byte as it
// is: for comparing rule-pack words, which are ASCII, without ICU.
std::string lower_ascii(std::string_view text);

}  // namespace kg
