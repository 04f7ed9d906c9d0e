// The small fixture graph the query tests run against: tests/query/
// fixture.jsonl (three hand-written documents in kg's fragment format, every
// label and relationship type), merged as kg merge would.
#pragma once

#include <fstream>
#include <stdexcept>
#include <string>

#include "graph/merge.h"

namespace kg::testing {

inline const Graph& query_fixture() {
  static const Graph g = [] {
    std::string path = std::string(KG_SOURCE_DIR) + "/tests/query/fixture.jsonl";
    std::ifstream in(path);
    if (!in) throw std::runtime_error("cannot open " + path);
    Merger m;
    add_lines(m, in, path);
    return m.finish();
  }();
  return g;
}

}  // namespace kg::testing
