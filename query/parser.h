// A recursive-descent parser for kg's read-only subset of openCypher (the
// grammar is in the README's "Query language" section). Nesting is bounded
// (kMaxDepth) so a hostile query cannot exhaust the stack.
#pragma once

#include <string_view>

#include "query/ast.h"

namespace kg::query {

inline constexpr int kMaxDepth = 200;
inline constexpr size_t kMaxQueryBytes = 1 << 20;

// Throws QueryError with the byte offset of the first token that does not
// fit, and a message saying what was expected there.
Query parse(std::string_view query);

}  // namespace kg::query
