// The date window of --since/--until, one rule for every command: a
// relation's `date` ("YYYY-MM-DD" or a prefix) is compared with each bound on
// their common prefix, so "2024" admits any date in 2024; bounds are
// inclusive; an undated relation falls outside any window that is set.
#pragma once

#include <string_view>

#include "graph/graph.h"

namespace kg {

// True for any date when both bounds are empty.
bool date_in_window(std::string_view date, std::string_view since, std::string_view until);
// Drops the relationships outside the window (kg query --since/--until);
// nodes stay.
void keep_date_window(Graph& g, std::string_view since, std::string_view until);

}  // namespace kg
