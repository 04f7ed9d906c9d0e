// kg extract/build --stats FILE: the run's summary as JSON, written atomically.
#pragma once

#include <string>

#include "extract/pipeline.h"

namespace kg::cli {

void write_stats(const std::string& path, const ExtractStats& s);

}  // namespace kg::cli
