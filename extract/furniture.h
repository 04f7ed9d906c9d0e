// Page furniture: the lines of a news page that are not the article --
// navigation and breadcrumbs, language menus, "Date: ... Click:" lines,
// photo captions and credits, bylines, source and translator lines,
// copyright and registration footers, dates on a line of their own, a
// trailing list of related headlines, and (in a page that is mostly Latin
// script) lines without any Latin letter, such as a Chinese headline over an
// English summary. Aggregator rubric tags ("Core Viewpoint - ", "Group 2: ...
// - ", "[3]") are taken out of the lines that carry them.
#pragma once

#include <string>
#include <vector>

namespace kg {

// The article's lines (trimmed) without the furniture; empty lines dropped.
std::vector<std::string> drop_furniture(const std::vector<std::string>& lines);

// The headline among the first lines of cleaned text: a first line of at most
// 30 words holding a single sentence, followed by more text. "" if none.
std::string headline_of(const std::vector<std::string>& lines);

}  // namespace kg
