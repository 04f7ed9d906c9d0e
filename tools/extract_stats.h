// kg extract/build --stats FILE: the run's summary as JSON, written atomically.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "extract/pipeline.h"

namespace kg::cli {

// `more_stages` (name, seconds) join "stages": kg build's "merge" and "save",
// which run after extraction; "seconds" is then the whole command's time.
void write_stats(const std::string& path, const ExtractStats& s,
                 const std::vector<std::pair<std::string, double>>& more_stages = {});

}  // namespace kg::cli
