// Query results as people and programs read them: an aligned table for a
// terminal, JSON ({"columns": [...], "rows": [[...], ...]}), CSV or TSV.
#pragma once

#include <ostream>
#include <string_view>

#include "query/engine.h"

namespace kg::query {

enum class ResultFormat : uint8_t { kTable, kJson, kCsv, kTsv };

// Throws UsageError for an unknown name.
ResultFormat parse_result_format(std::string_view name);

// JSON: nodes are {"id", "label", "name", "props"}, relationships
// {"id", "type", "source", "target", "props"}, paths {"nodes", "relationships"}.
// CSV/TSV cells hold the table's text of each value.
void write_result(std::ostream& out, const QueryResult& r, const Graph& g, ResultFormat format);

}  // namespace kg::query
