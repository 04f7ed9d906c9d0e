// Private to graph/: the one entry point of each export format, called by
// export.cc's dispatch. Each writes a complete file (or directory for csv).
#pragma once

#include <string>

#include "graph/atomic_file.h"
#include "graph/export.h"
#include "graph/graph.h"

namespace kg::detail {

void write_json(const Graph& g, AtomicFile& out, const ExportOptions& options);
void write_graphml(const Graph& g, AtomicFile& out);
void write_gexf(const Graph& g, AtomicFile& out);
void write_csv_dir(const Graph& g, const std::string& dir);
void write_ntriples(const Graph& g, AtomicFile& out, const ExportOptions& options);
void write_turtle(const Graph& g, AtomicFile& out, const ExportOptions& options);
void write_cypher(const Graph& g, AtomicFile& out, const ExportOptions& options);
void write_dot(const Graph& g, AtomicFile& out);

}  // namespace kg::detail
