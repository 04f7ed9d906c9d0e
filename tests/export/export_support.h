// Helpers of the export tests: a scratch directory, running the real tools
// (python3 with NetworkX and rdflib, Graphviz's dot, node with Kuzu) and the
// expectation file check_export.py compares their readings with.
#pragma once

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <string>

#include "graph/export_text.h"
#include "graph/graph.h"

namespace kg::testing {

inline std::string scratch_dir(const std::string& name) {
  auto dir = std::filesystem::temp_directory_path() /
             ("kg-export-" + std::to_string(getpid()) + "-" + name);
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir.string();
}

struct RunResult {
  int rc;
  std::string output;
};

// Runs a shell command, stdout and stderr together.
inline RunResult run(const std::string& cmd) {
  RunResult r{-1, ""};
  std::FILE* p = popen((cmd + " 2>&1").c_str(), "r");
  if (p == nullptr) return r;
  char buf[4096];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) r.output.append(buf, n);
  int status = pclose(p);
  r.rc = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

inline std::string shell_quoted(const std::string& s) { return "'" + s + "'"; }

inline std::string script(const std::string& name) {
  return std::string(KG_SOURCE_DIR) + "/tests/export/" + name;
}

// What kg says the graph holds, for check_export.py.
inline std::string expectation(const Graph& g, const std::vector<std::string>& view_names = {}) {
  using detail::append_json_string;
  using detail::append_json_value;
  std::string s = "{\"nodes\":[";
  for (NodeId id = 0; id < g.node_count(); ++id) {
    const Node& n = g.node(id);
    if (id) s += ',';
    s += "{\"id\":" + std::to_string(id) + ",\"label\":";
    append_json_string(s, to_string(n.label));
    s += ",\"name\":";
    append_json_string(s, n.name);
    s += ",\"aliases\":";
    append_json_value(s, n.aliases);
    s += ",\"props\":{";
    bool first = true;
    for (const auto& [k, v] : n.props) {
      if (!first) s += ',';
      first = false;
      append_json_string(s, k);
      s += ':';
      append_json_value(s, v);
    }
    s += "}}";
  }
  s += "],\"edges\":[";
  for (EdgeId id = 0; id < g.edge_count(); ++id) {
    const Edge& e = g.edge(id);
    if (id) s += ',';
    s += "{\"id\":" + std::to_string(id) + ",\"source\":" + std::to_string(e.source) +
         ",\"target\":" + std::to_string(e.target) + ",\"type\":";
    append_json_string(s, to_string(e.type));
    auto docs = g.edge_docs(id);
    s += ",\"count\":" + std::to_string(docs.size()) + ",\"docs\":";
    append_json_value(s, std::vector<std::string>(docs.begin(), docs.end()));
    s += ",\"props\":{";
    bool first = true;
    for (const auto& [k, v] : e.props) {
      if (!first) s += ',';
      first = false;
      append_json_string(s, k);
      s += ':';
      append_json_value(s, v);
    }
    s += "}}";
  }
  s += "],\"view\":";
  append_json_value(s, view_names);
  return s + "}";
}

}  // namespace kg::testing
