// Dates on relations, so that analyses can ask what happened when (kg stats
// --by year, --since/--until, algo.* windows).
#pragma once

#include "extract/document.h"
#include "graph/fragment.h"

namespace kg {

// Gives every relation of `f` a `date` (ISO 8601, as precise as known) and a
// `date_source` that says where it came from, first that applies:
//   "event"    the date of the Event the relation goes to or comes from
//              (HOSTED, ATTENDED, HELD_IN): hosting or attending happens then;
//   "text"     a date in the relation's evidence sentence ("signed on May 27,
//              2024"; a month and day without a year take the article's year);
//   "article"  the article's own date (a fallback: the relation was reported
//              then, and happened then or before).
// A relation that already has a `date` keeps it (source "text"). Nothing is
// added when none of these is known. REQUIRES: entity ids of `f` resolve.
void fill_relation_dates(const Document& doc, Fragment& f);

// The first date in `sentence`: "2024-05-27", or "May 27[, 2024]" with
// `year` ("YYYY") when the sentence gives none. "" when there is none.
std::string sentence_date(std::string_view sentence, const std::string& year);

}  // namespace kg
