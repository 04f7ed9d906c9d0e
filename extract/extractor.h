// The rule engine: compiled rule packs that turn a cleaned Document into a
// Fragment of entities and relations with provenance. Rule packs are data
// (extract/rules/ in the source tree, plus --rules DIR overrides); see README
// "Rule packs".
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "extract/document.h"
#include "graph/fragment.h"

namespace kg {

struct ExtractorOptions {
  // Directories of rule packs, later ones adding to or overriding earlier
  // ones rule by rule (same id replaces). Empty: the built-in packs only.
  std::vector<std::string> rule_dirs;
  // Keep every candidate match (also the ones that lost to a higher priority
  // or longer match) in the fragment, marked as such: kg extract --explain.
  bool explain = false;
};

class Extractor {
 public:
  // Loads and compiles the packs once. Throws InputError naming the file, the
  // rule id and what is wrong (for a pattern, re2's message).
  static std::unique_ptr<Extractor> load(const ExtractorOptions& options);
  virtual ~Extractor() = default;

  // Thread-safe: one Extractor serves every worker thread.
  virtual Fragment extract(const Document& doc) const = 0;

  // Words and names the packs know (gazetteer entries, head words), so that
  // cleaning can repair words glued together by broken pages.
  virtual const std::vector<std::string>& vocabulary() const = 0;
};

}  // namespace kg
