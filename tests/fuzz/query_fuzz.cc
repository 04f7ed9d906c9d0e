// Fuzz target: the query engine end to end (query/lexer.h, query/parser.h,
// then query/engine.h: binder, planner and executor on the fixed small graph
// of tests/query/fixture.jsonl). Any text must lex and parse or give a
// QueryError whose offset lies inside the query (tools point a caret at it);
// token spans must lie inside too. A query that parses is run with small
// limits (rows, time, expansions), half the inputs with the planner's
// rewrites off, so both plans and every operator meet hostile queries.
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "graph/error.h"
#include "query/engine.h"
#include "query/lexer.h"
#include "query/parser.h"
#include "tests/fuzz/fuzz_support.h"
#include "tests/query/query_fixture.h"

namespace {

void check_offset(const kg::QueryError& e, std::string_view query) {
  if (e.offset() > query.size()) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view query = kg::fuzz::as_view(data, size);
  try {
    for (const auto& t : kg::query::lex(query))
      if (t.pos > query.size() || t.end > query.size()) std::abort();
  } catch (const kg::QueryError& e) {
    check_offset(e, query);
  } catch (const kg::Error&) {
  }
  try {
    (void)kg::query::parse(query);
  } catch (const kg::QueryError& e) {
    check_offset(e, query);
    return 0;
  } catch (const kg::Error&) {
    return 0;
  }
  static const kg::query::Engine engine(kg::testing::query_fixture());
  kg::query::QueryOptions options;
  options.max_rows = 1000;
  options.timeout_seconds = 0.25;
  options.max_expansions = 100'000;
  options.max_hops = 5;
  options.optimize = size % 2 == 0;
  try {
    (void)engine.run(query, options);
  } catch (const kg::QueryError& e) {
    check_offset(e, query);
  } catch (const kg::Error&) {
  }
  return 0;
}
