// Sentence segmentation with ICU's sentence break iterator, corrected for
// the abbreviations news text uses ("Co. Ltd", "U.S.", "Dec. 5", "No. 2",
// "Mr.") which must not end a sentence. A line break always ends one: after
// cleaning, lines are paragraphs, headlines or list items.
#pragma once

#include <string>
#include <vector>

#include "extract/document.h"

namespace kg {

// Spans into `text` (valid UTF-8), in order, without leading or trailing
// whitespace; empty sentences are left out.
std::vector<SentenceSpan> split_sentences(const std::string& text);

}  // namespace kg
