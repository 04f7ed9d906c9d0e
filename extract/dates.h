// Article dates written in the text, as ISO 8601.
#pragma once

#include <string>
#include <string_view>

namespace kg {

// The first date in `text` in one of the forms news pages use: "May 27,
// 2024" (also after "Date:"), "December 11, 2025", "15 July 2015",
// "2025-08-29 08:29" (with the time: "2025-08-29T08:29"), "2024-05-27",
// "2024/05/27". Returns "" when there is none.
std::string find_date(std::string_view text);

// A date given as metadata (<meta>, JSON "date") in ISO form when it is one
// of the forms above or already ISO; otherwise "" (never a guess).
std::string normalize_date(std::string_view text);

}  // namespace kg
