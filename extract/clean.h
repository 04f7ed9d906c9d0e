// Cleaning and segmentation: a RawArticle becomes one Document, or several
// when the file holds several articles (seed 004: FILE#1, FILE#2, ...).
//
// Steps, in order: NFKC (ICU); lines trimmed; article boundaries found
// (a headline line followed by a "source · date" line, seen at least twice);
// page furniture dropped line by line (navigation and breadcrumbs, language
// menus, "Date:/Click:" lines, photo captions and credits, bylines, source
// and translator lines, copyright and registration footers, a trailing list
// of related headlines, lines without any Latin letter); glued words
// repaired (glue.h); the date and the headline found; sentences split.
#pragma once

#include <string>
#include <vector>

#include "extract/document.h"
#include "extract/glue.h"
#include "extract/reader.h"

namespace kg {

// Debian's wamerican list, used for glued-word repair.
inline constexpr const char* kDefaultWordList = "/usr/share/dict/american-english";

class Cleaner {
 public:
  // `vocabulary`: Extractor::vocabulary(), names that are never split.
  explicit Cleaner(const std::vector<std::string>& vocabulary,
                   const std::string& word_list = kDefaultWordList);

  // Thread-safe. Throws InputError (naming article.source) when nothing of
  // the article is left after cleaning.
  std::vector<Document> clean(const RawArticle& article) const;

  const GlueRepair& glue() const { return glue_; }

 private:
  GlueRepair glue_;
};

// NFKC through ICU.
std::string nfkc(const std::string& text);

}  // namespace kg
