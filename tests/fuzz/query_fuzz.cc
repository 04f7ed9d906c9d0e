// Fuzz target: the query lexer and parser (query/lexer.h, query/parser.h).
// Any text must lex and parse or give a QueryError whose offset lies inside
// the query (tools point a caret at it); token spans must lie inside too.
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "graph/error.h"
#include "query/lexer.h"
#include "query/parser.h"
#include "tests/fuzz/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view query = kg::fuzz::as_view(data, size);
  try {
    for (const auto& t : kg::query::lex(query))
      if (t.pos > query.size() || t.end > query.size()) std::abort();
  } catch (const kg::QueryError& e) {
    if (e.offset() > query.size()) std::abort();
  } catch (const kg::Error&) {
  }
  try {
    (void)kg::query::parse(query);
  } catch (const kg::QueryError& e) {
    if (e.offset() > query.size()) std::abort();
  } catch (const kg::Error&) {
  }
  return 0;
}
