// The graph file: one JSON document holding the whole graph, written and read
// with RapidJSON's streaming (SAX) interfaces. The format is specified in
// README "Graph file format"; its name and version are in graph/version.h.
#pragma once

#include <string>

#include "graph/graph.h"

namespace kg {

// Writes atomically (graph/atomic_file.h). Throws IoError.
void save_graph(const Graph& graph, const std::string& path);

// Throws InputError naming `path` and the byte offset of the problem for a
// malformed file, a wrong format name or version, or edges that point at
// missing nodes; IoError when the file cannot be read. Never crashes.
Graph load_graph(const std::string& path);

// True when the file at `path` starts like a graph file rather than JSON
// Lines fragments (kg merge accepts both).
bool looks_like_graph_file(const std::string& path);

}  // namespace kg
