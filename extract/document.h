// The hand-off between the two halves of extraction: readers and cleaning
// produce Documents; the rule engine turns a Document into a Fragment.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace kg {

// A sentence as byte offsets [start, end) into Document::text.
struct SentenceSpan {
  uint32_t start = 0;
  uint32_t end = 0;
};

// One article after reading and cleaning: valid UTF-8, NFKC-normalised,
// page furniture dropped, glued words repaired. All offsets anywhere
// downstream (mentions, evidence) index `text`.
struct Document {
  std::string id;     // file name, or "FILE#N" for the N-th article of a file
  std::string title;  // may be empty
  std::string date;   // ISO 8601 as precise as the text allows; may be empty
  std::string url;    // may be empty
  std::string lang;   // "en", "zh", ... when known; may be empty
  std::string text;
  std::vector<SentenceSpan> sentences;  // in order, non-overlapping, within text
};

}  // namespace kg
