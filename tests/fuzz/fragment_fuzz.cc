// Fuzz target: the fragment JSON Lines reader (graph/fragment_io.h), both
// one line at a time and as a stream. A fragment that parses must survive a
// write/read round trip unchanged: fragment_to_json(fragment_from_json(x))
// parses again to the same JSON.
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "graph/error.h"
#include "graph/fragment_io.h"
#include "tests/fuzz/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes = kg::fuzz::as_view(data, size);
  // One line, directly.
  try {
    kg::Fragment f = kg::fragment_from_json(bytes, "fuzz", 1);
    std::string once = kg::fragment_to_json(f, true);
    std::string twice = kg::fragment_to_json(kg::fragment_from_json(once, "again", 1), true);
    if (once != twice) std::abort();  // the writer and reader disagree
  } catch (const kg::Error&) {
  }
  // The same bytes as a JSON Lines file.
  std::string path = kg::fuzz::write_scratch("input.jsonl", bytes);
  try {
    kg::FragmentReader reader(path);
    kg::Fragment f;
    while (reader.next(f)) {
    }
  } catch (const kg::Error&) {
  }
  return 0;
}
