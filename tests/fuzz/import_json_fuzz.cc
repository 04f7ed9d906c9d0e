// Fuzz target: kg import of node-link JSON (graph/import.h).
#include <cstddef>
#include <cstdint>

#include "graph/error.h"
#include "graph/import.h"
#include "tests/fuzz/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string path = kg::fuzz::write_scratch("graph.json", kg::fuzz::as_view(data, size));
  try {
    kg::ImportOptions o;
    o.format = kg::ImportFormat::kJson;
    (void)kg::import_graph(path, o);
  } catch (const kg::Error&) {
  }
  return 0;
}
