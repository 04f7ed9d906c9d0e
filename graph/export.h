// Exports: the graph in the formats other tools read. One format per file
// (graph/export_<format>.cc); this header is the whole public surface.
//
// | format    | what reads it                                   | file            |
// |-----------|-------------------------------------------------|-----------------|
// | json      | NetworkX node_link_graph (node-link JSON)       | export_json.cc  |
// | graphml   | NetworkX read_graphml, igraph, Gephi            | export_graphml.cc |
// | gexf      | Gephi (timeline), NetworkX read_gexf            | export_gexf.cc  |
// | csv       | Kuzu COPY FROM (load.cypher), neo4j-admin import | export_csv.cc   |
// | ntriples  | any RDF store (rdflib, Jena, ...)               | export_rdf.cc   |
// | turtle    | the same, readable                              | export_rdf.cc   |
// | cypher    | Kuzu and Neo4j: CREATE statements               | export_cypher.cc |
// | dot       | Graphviz                                        | export_dot.cc   |
//
// Every format keeps every node and edge property; json and csv also keep
// the provenance (mentions and evidence) so that graph/import.h reads them
// back into a Graph equal to the original (operator==). The formats' layouts
// are documented in README "Exports".
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "graph/graph.h"

namespace kg {

enum class ExportFormat { kJson, kGraphml, kGexf, kCsv, kNtriples, kTurtle, kCypher, kDot };

// "json", "graphml", ... as above; nullopt for anything else.
std::optional<ExportFormat> parse_export_format(std::string_view name);
std::string_view to_string(ExportFormat format);
// Every format name, comma-separated, for help texts and errors.
std::string export_format_names();

struct ExportOptions {
  ExportFormat format = ExportFormat::kJson;
  // json: the key of the edge list. "links" (NetworkX < 3.6, the default) or
  // "edges" (NetworkX >= 3.6 renamed it).
  std::string links_key = "links";
  // ntriples/turtle: the namespace of nodes, classes and properties. Nodes
  // are <base>n/<id>, classes <base>c/<Label>, relationship and property
  // predicates <base>r/<TYPE> and <base>p/<key>, reified relationships
  // <base>e/<id> (graph/export_rdf.cc).
  std::string base_iri = "urn:kg:";
  // cypher: begin with Kuzu's CREATE NODE/REL TABLE statements (Kuzu needs a
  // schema; Neo4j rejects them, so pass false for Neo4j).
  bool cypher_schema = true;
};

// Writes `graph` to `path` in options.format: a file for every format but
// csv, which writes a directory (created if missing) of tables and
// load.cypher. "-" writes to standard output (not for csv). Files are
// written atomically (graph/atomic_file.h). Throws IoError or UsageError.
void export_graph(const Graph& graph, const std::string& path, const ExportOptions& options);

}  // namespace kg
