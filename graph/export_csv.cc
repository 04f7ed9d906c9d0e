// The csv export: a directory that Kuzu and neo4j-admin import load.
//
//   <Label>.csv                one table per node label:
//       id:ID(<Label>),name:string,aliases:string,<prop>:<type>...,mentions:string
//   <TYPE>.<From>.<To>.csv     one table per relationship type and endpoint
//                              label pair (Kuzu copies each pair separately):
//       :START_ID(<From>),:END_ID(<To>),key:long,<prop>:<type>...,count:long,docs:string,evidence:string
//   load.cypher                Kuzu: CREATE NODE/REL TABLE and one COPY per file
//   import.args                neo4j-admin database import full @import.args
//
// Headers follow neo4j-admin's name:type convention; Kuzu matches columns by
// position and skips the header. `id` is kg's node id (unique over all
// labels), `key` the edge id, so import restores the original order.
// aliases, mentions, docs, evidence and list-valued properties hold JSON
// arrays as text. A missing property is an empty cell; an empty string is "".
// Text cells carry the formula guard of graph/csv.h.
#include <algorithm>
#include <atomic>
#include <filesystem>
#include <functional>
#include <mutex>
#include <thread>

#include "graph/csv.h"
#include "graph/error.h"
#include "graph/export_table_schema.h"
#include "graph/export_text.h"
#include "graph/export_writers.h"

namespace kg::detail {

namespace {
void append_value_cell(std::string& s, const Value* v, ColumnType type) {
  if (v == nullptr) return;  // missing: an empty, unquoted cell
  switch (type) {
    case ColumnType::kInt:
    case ColumnType::kDouble:
    case ColumnType::kBool:
      s += value_text(*v);
      break;
    default:
      csv::append_cell(s, value_text(*v), true);
  }
}

void append_header(std::string& s, const TableSchema& t) {
  for (const Column& c : t.columns) {
    s += ',';
    csv::append_cell(s, c.name + ":" + std::string(neo4j_type(c.type)), false);
  }
}

void write_nodes(const Graph& g, const std::string& dir, Label label, const TableSchema& t) {
  std::string ls(to_string(label));
  AtomicFile file(dir + "/" + ls + ".csv");
  OutBuffer out(file);
  std::string& s = out.raw();
  s += "id:ID(" + ls + "),name:string,aliases:string";
  append_header(s, t);
  s += ",mentions:string\n";
  std::string json;
  for (NodeId id : g.nodes_with_label(label)) {
    const Node& n = g.node(id);
    out << id;
    s += ',';
    csv::append_cell(s, n.name, true);
    s += ',';
    csv::append_cell(s, json_value(n.aliases), true);
    for (const Column& c : t.columns) {
      s += ',';
      append_value_cell(s, n.props.get(c.key), c.type);
    }
    json.clear();
    append_mentions_json(json, g, n);
    s += ',';
    csv::append_cell(s, json, true);
    out << "\n";
  }
  out.flush();
  file.commit();
}

void write_rels(const Graph& g, const std::string& path, std::pair<Label, Label> pair,
                const TableSchema& t, const std::vector<EdgeId>& edges) {
  AtomicFile file(path);
  OutBuffer out(file);
  std::string& s = out.raw();
  s += ":START_ID(" + std::string(to_string(pair.first)) + "),:END_ID(" +
       std::string(to_string(pair.second)) + "),key:long";
  append_header(s, t);
  s += ",count:long,docs:string,evidence:string\n";
  std::string json;
  std::vector<std::string_view> docs;
  for (EdgeId id : edges) {
    const Edge& e = g.edge(id);
    out << e.source;
    s += ',';
    out << e.target;
    s += ',';
    out << id;
    for (const Column& c : t.columns) {
      s += ',';
      append_value_cell(s, e.props.get(c.key), c.type);
    }
    edge_docs_into(g, id, docs);
    s += ',';
    out << static_cast<uint64_t>(docs.size());
    json.clear();
    append_docs_json(json, docs);
    s += ',';
    csv::append_cell(s, json, true);
    json.clear();
    append_evidence_json(json, g, e);
    s += ',';
    csv::append_cell(s, json, true);
    out << "\n";
  }
  out.flush();
  file.commit();
}

std::string cypher_string(std::string_view path) {
  std::string s = "'";
  for (char c : path) {
    if (c == '\'' || c == '\\') s.push_back('\\');
    s.push_back(c);
  }
  return s + "'";
}
}  // namespace

namespace {
// The tables are independent files: write them on up to hardware_concurrency
// threads (the graph is only read). The first error is rethrown.
void run_parallel(const std::vector<std::function<void()>>& tasks) {
  std::atomic<size_t> next{0};
  std::exception_ptr error;
  std::mutex error_mutex;
  auto worker = [&] {
    for (size_t i; (i = next++) < tasks.size();) {
      try {
        tasks[i]();
      } catch (...) {
        std::lock_guard<std::mutex> lock(error_mutex);
        if (!error) error = std::current_exception();
      }
    }
  };
  size_t n = std::clamp<size_t>(std::thread::hardware_concurrency(), 1, 8);
  std::vector<std::thread> threads;
  for (size_t i = 1; i < std::min(n, tasks.size()); ++i) threads.emplace_back(worker);
  worker();
  for (auto& t : threads) t.join();
  if (error) std::rethrow_exception(error);
}
}  // namespace

void write_csv_dir(const Graph& g, const std::string& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) throw IoError(dir + ": cannot create the directory: " + ec.message());
  g.freeze();
  GraphSchema schema = graph_schema(g);
  std::vector<std::function<void()>> tasks;
  std::string load =
      "// Kuzu: creates the schema and loads the tables of this directory.\n"
      "// Run from this directory (COPY paths are relative to it).\n" +
      kuzu_ddl(schema);
  std::string copies;
  std::string args = "--id-type=STRING\n";
  for (Label label : kAllLabels) {
    int li = static_cast<int>(label);
    if (!schema.has_label[li]) continue;
    std::string ls(to_string(label));
    tasks.push_back(
        [&g, &dir, label, &schema, li] { write_nodes(g, dir, label, schema.labels[li]); });
    copies += "COPY " + backticked(ls) + " FROM " + cypher_string(ls + ".csv") +
              " (HEADER=true, PARALLEL=false);\n";
    args += "--nodes=" + ls + "=" + ls + ".csv\n";
  }
  // Edge ids grouped by (type, source label, target label), in id order.
  // The labels come from a table of their own: two bytes per edge read,
  // not two node records.
  std::vector<uint8_t> labels(g.node_count());
  for (NodeId i = 0; i < g.node_count(); ++i) labels[i] = static_cast<uint8_t>(g.node(i).label);
  std::vector<std::vector<EdgeId>> groups(kRelTypeCount * kLabelCount * kLabelCount);
  for (EdgeId id = 0; id < g.edge_count(); ++id) {
    const Edge& e = g.edge(id);
    size_t slot = (static_cast<int>(e.type) * kLabelCount + labels[e.source]) * kLabelCount +
                  labels[e.target];
    groups[slot].push_back(id);
  }
  for (RelType type : kAllRelTypes) {
    int ti = static_cast<int>(type);
    if (schema.pairs[ti].empty()) continue;
    std::string ts(to_string(type));
    for (auto pair : schema.pairs[ti]) {
      std::string from(to_string(pair.first)), to(to_string(pair.second));
      std::string file = ts + "." + from + "." + to + ".csv";
      size_t slot = (ti * kLabelCount + static_cast<int>(pair.first)) * kLabelCount +
                    static_cast<int>(pair.second);
      tasks.push_back([&g, path = dir + "/" + file, pair, &schema, ti, &groups, slot] {
        write_rels(g, path, pair, schema.types[ti], groups[slot]);
      });
      copies += "COPY " + backticked(ts) + " FROM " + cypher_string(file) +
                " (from=" + cypher_string(from) + ", to=" + cypher_string(to) +
                ", HEADER=true, PARALLEL=false);\n";
      args += "--relationships=" + ts + "=" + file + "\n";
    }
  }
  run_parallel(tasks);
  write_file_atomically(dir + "/load.cypher", load + copies);
  write_file_atomically(dir + "/import.args", args);
}

}  // namespace kg::detail
