// bench_query: kg's query latency on a generated power-law graph, for
// tools/bench-query, which runs Kuzu on the same graph in the same run.
//
//   bench_query DIR [--nodes N] [--edges M] [--runs R] [--only q3,q6]
//
// --only runs just the listed queries and skips the CSV export: kg alone, for
// profiling (perf record) one query at a time.
//
// Generates the graph (tools/bench/partnership_graph_gen.h), exports it as
// CSV for Kuzu into DIR/csv, picks the named institutions, runs each of the
// six queries R times through kg's engine (parse, plan and execute; the
// graph is loaded once, as in `kg shell`), and writes DIR/queries.json (the
// Kuzu text of each query) and DIR/kg.json (median milliseconds, answers).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "graph/export.h"
#include "query/engine.h"
#include "tools/bench/partnership_graph_gen.h"

namespace {

using namespace kg;

struct BenchQuery {
  const char* id;
  const char* what;
  std::string kg, kuzu;
};

std::string replace_all(std::string s, const std::string& from, const std::string& to) {
  for (size_t at = 0; (at = s.find(from, at)) != std::string::npos; at += to.size()) s.replace(at, from.size(), to);
  return s;
}

std::string json_string(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out + "\"";
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: bench_query DIR [--nodes N] [--edges M] [--runs R]\n");
    return 2;
  }
  std::string dir = argv[1];
  bench::PartnershipGraphSpec spec{1'000'000, 5'000'000, 7};
  int runs = 11;
  std::string only;
  for (int i = 2; i + 1 < argc; i += 2) {
    if (!std::strcmp(argv[i], "--nodes")) spec.nodes = std::stoull(argv[i + 1]);
    else if (!std::strcmp(argv[i], "--edges")) spec.edges = std::stoull(argv[i + 1]);
    else if (!std::strcmp(argv[i], "--runs")) runs = std::stoi(argv[i + 1]);
    else if (!std::strcmp(argv[i], "--only")) only = "," + std::string(argv[i + 1]) + ",";
  }
  std::filesystem::create_directories(dir);
  auto t0 = std::chrono::steady_clock::now();
  Graph g = bench::generate_partnership_graph(spec);
  g.freeze();
  double gen = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::fprintf(stderr, "generated %zu nodes, %zu edges in %.1f s\n", g.node_count(), g.edge_count(), gen);
  if (only.empty()) {
    ExportOptions csv;
    csv.format = ExportFormat::kCsv;
    export_graph(g, dir + "/csv", csv);
  }

  // A: an institution of typical-to-high activity (the 100th by degree); B:
  // the 1000th. The hub itself is a poor "one named institution": it holds
  // a large share of all edges in a power-law graph.
  std::vector<std::pair<size_t, NodeId>> deg;
  for (NodeId id : g.nodes_with_label(Label::kInstitution)) deg.emplace_back(g.out(id).size() + g.in(id).size(), id);
  std::sort(deg.begin(), deg.end(), [](auto& a, auto& b) { return a.first != b.first ? a.first > b.first : a.second < b.second; });
  std::string a = g.node(deg[std::min<size_t>(99, deg.size() - 1)].second).name;
  std::string b = g.node(deg[std::min<size_t>(999, deg.size() - 1)].second).name;
  std::fprintf(stderr, "A = %s (degree %zu), B = %s (degree %zu)\n", a.c_str(), deg[std::min<size_t>(99, deg.size() - 1)].first,
               b.c_str(), deg[std::min<size_t>(999, deg.size() - 1)].first);

  std::vector<BenchQuery> qs = {
      {"q1", "distinct SIGNED partners of A",
       "MATCH (a:Institution {name: 'A'})-[:SIGNED]-(b) RETURN count(DISTINCT b)",
       "MATCH (a:Institution {name: 'A'})-[:SIGNED]-(b) RETURN count(DISTINCT b)"},
      {"q2", "institutions attending events A hosted",
       "MATCH (h:Institution {name: 'A'})-[:HOSTED]->(e:Event)<-[:ATTENDED]-(i:Institution) RETURN count(DISTINCT i)",
       "MATCH (h:Institution {name: 'A'})-[:HOSTED]->(e:Event)<-[:ATTENDED]-(i:Institution) RETURN count(DISTINCT i)"},
      {"q3", "institutions per country, top 10",
       "MATCH (i:Institution) RETURN i.country AS c, count(*) AS n ORDER BY n DESC, c LIMIT 10",
       "MATCH (i:Institution) RETURN i.country AS c, count(*) AS n ORDER BY n DESC, c LIMIT 10"},
      // Other than A itself, the ends of trails (kg) and of walks (Kuzu's
      // default, far faster than its TRAIL here) are the same nodes.
      {"q4", "distinct institutions within 1..3 SIGNED hops of A",
       "MATCH (a:Institution {name: 'A'})-[:SIGNED*1..3]-(b:Institution) WHERE b <> a RETURN count(DISTINCT b)",
       "MATCH (a:Institution {name: 'A'})-[:SIGNED*1..3]-(b:Institution) WHERE b <> a RETURN count(DISTINCT b)"},
      {"q5", "shortest SIGNED path length from A to B",
       "MATCH (a:Institution {name: 'A'}), (b:Institution {name: 'B'}) MATCH p = shortestPath((a)-[:SIGNED*..10]-(b)) RETURN length(p)",
       "MATCH (a:Institution {name: 'A'}), (b:Institution {name: 'B'}) MATCH p = (a)-[:SIGNED* SHORTEST 1..10]-(b) RETURN length(p)"},
      {"q6", "institutions whose name contains a substring",
       "MATCH (i:Institution) WHERE i.name CONTAINS '4242' RETURN count(*)",
       "MATCH (i:Institution) WHERE i.name CONTAINS '4242' RETURN count(*)"},
  };
  query::Engine engine(g);
  std::ofstream qj(dir + "/queries.json"), kj(dir + "/kg.json");
  qj << "[";
  kj << "{";
  int written = 0;
  for (size_t i = 0; i < qs.size(); ++i) {
    if (!only.empty() && only.find("," + std::string(qs[i].id) + ",") == std::string::npos) continue;
    auto sub = [&](const std::string& q) { return replace_all(replace_all(q, "'A'", "'" + a + "'"), "'B'", "'" + b + "'"); };
    std::string kgq = sub(qs[i].kg), kuq = sub(qs[i].kuzu);
    std::vector<double> ms;
    std::string answer;
    for (int r = 0; r < runs; ++r) {
      auto s = std::chrono::steady_clock::now();
      query::QueryResult res = engine.run(kgq, {});
      ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - s).count());
      answer.clear();
      for (const auto& row : res.rows) {
        for (const auto& v : row) answer += query::to_text(v, g) + " ";
        answer += ";";
      }
    }
    std::sort(ms.begin(), ms.end());
    double median = ms[ms.size() / 2];
    std::fprintf(stderr, "kg %s %.3f ms  %s\n", qs[i].id, median, answer.substr(0, 80).c_str());
    qj << (written ? "," : "") << "{\"id\":\"" << qs[i].id << "\",\"what\":" << json_string(qs[i].what)
       << ",\"kg\":" << json_string(kgq) << ",\"kuzu\":" << json_string(kuq) << "}";
    kj << (written++ ? "," : "") << "\"" << qs[i].id << "\":{\"ms\":" << median << ",\"answer\":" << json_string(answer) << "}";
  }
  qj << "]\n";
  kj << "}\n";
  return 0;
}
