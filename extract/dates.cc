#include "extract/dates.h"

#include <re2/re2.h>

#include <cstdio>

namespace kg {

namespace {

int month_number(std::string_view name) {
  static const char* const kMonths[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                        "jul", "aug", "sep", "oct", "nov", "dec"};
  if (name.size() < 3) return 0;
  char m[4] = {static_cast<char>(std::tolower(static_cast<unsigned char>(name[0]))),
               static_cast<char>(std::tolower(static_cast<unsigned char>(name[1]))),
               static_cast<char>(std::tolower(static_cast<unsigned char>(name[2]))), 0};
  for (int i = 0; i < 12; ++i)
    if (std::string_view(m) == kMonths[i]) return i + 1;
  return 0;
}

std::string iso(int y, int m, int d) {
  if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1 || d > 31) return "";
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  return buf;
}

constexpr const char* kMonth =
    "(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    "Sep(?:t|tember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\\.?";

}  // namespace

std::string find_date(std::string_view text) {
  // One pass finds the earliest date of any form: the alternatives are tried
  // at each position, so "15 July 2015" before "May 27, 2024" wins.
  static const RE2 re(std::string("\\b(?:") +
                      "(\\d{4})[-/](\\d{1,2})[-/](\\d{1,2})(?:[ T](\\d{2}):(\\d{2}))?" + "|" +
                      kMonth + " (\\d{1,2}),? (\\d{4})" + "|" + "(\\d{1,2}) " + kMonth +
                      ",? (\\d{4})" + ")\\b");
  re2::StringPiece in(text.data(), text.size());
  std::string y1, m1, d1, hh, mm, mon2, d2, y2, d3, mon3, y3;
  while (RE2::FindAndConsume(&in, re, &y1, &m1, &d1, &hh, &mm, &mon2, &d2, &y2, &d3, &mon3, &y3)) {
    std::string out;
    if (!y1.empty()) {
      out = iso(std::stoi(y1), std::stoi(m1), std::stoi(d1));
      if (!out.empty() && !hh.empty()) out += "T" + hh + ":" + mm;
    } else if (!mon2.empty()) {
      out = iso(std::stoi(y2), month_number(mon2), std::stoi(d2));
    } else {
      out = iso(std::stoi(y3), month_number(mon3), std::stoi(d3));
    }
    if (!out.empty()) return out;
  }
  return "";
}

std::string normalize_date(std::string_view text) {
  static const RE2 full_iso("(\\d{4}-\\d{2}-\\d{2}(?:T\\d{2}:\\d{2}(?::\\d{2})?)?)\\S*");
  std::string s;
  if (RE2::FullMatch(re2::StringPiece(text.data(), text.size()), full_iso, &s)) return s;
  return find_date(text);
}

}  // namespace kg
