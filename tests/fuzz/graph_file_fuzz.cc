// Fuzz target: the graph-file loader (graph/graph_file.h). Any bytes must
// either load or give a kg::Error; a graph that loads must be internally
// consistent (edges name existing nodes), which load_graph promises.
#include <cstddef>
#include <cstdint>

#include "graph/error.h"
#include "graph/graph_file.h"
#include "tests/fuzz/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string path = kg::fuzz::write_scratch("input.kg.json", kg::fuzz::as_view(data, size));
  try {
    kg::Graph g = kg::load_graph(path);
    (void)kg::looks_like_graph_file(path);
  } catch (const kg::Error&) {
    // A clean refusal is the expected outcome for most inputs.
  }
  return 0;
}
