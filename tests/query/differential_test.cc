// Differential tests against Kuzu, a real Cypher engine: every query of
// differential/queries.txt runs in kg and in Kuzu (npm `kuzu`, loaded from
// kg's own CSV export) on two graphs, the graph built from the seed
// articles and a generated power-law graph, and the answers must agree as
// multisets (as lists where the query says "-- ordered"). Queries marked
// "-- differs" show a documented semantic difference and must disagree.
// Kuzu is installed by tools/install-deps --test; a missing Kuzu fails.
#include <catch2/catch.hpp>
#include <rapidjson/document.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "graph/error.h"
#include "graph/graph_file.h"
#include "query/engine.h"
#include "tools/bench/partnership_graph_gen.h"

namespace kg::query {
namespace {

namespace fs = std::filesystem;

struct DiffQuery {
  std::string name, kg, kuzu;
  bool ordered = false;
  std::string differs;
};

std::vector<DiffQuery> read_queries() {
  std::ifstream in(std::string(KG_SOURCE_DIR) + "/tests/query/differential/queries.txt");
  std::vector<DiffQuery> out;
  std::string line;
  enum { kNone, kKg, kKuzu } state = kNone;
  while (std::getline(in, line)) {
    if (line.rfind("#", 0) == 0) continue;
    if (line.rfind("-- q: ", 0) == 0) {
      out.push_back({line.substr(6), "", "", false, ""});
      state = kKg;
    } else if (line == "-- kuzu") {
      state = kKuzu;
    } else if (line == "-- ordered") {
      out.back().ordered = true;
    } else if (line.rfind("-- differs: ", 0) == 0) {
      out.back().differs = line.substr(12);
    } else if (!line.empty() && state == kKg) {
      out.back().kg += (out.back().kg.empty() ? "" : "\n") + line;
    } else if (!line.empty() && state == kKuzu) {
      out.back().kuzu += (out.back().kuzu.empty() ? "" : "\n") + line;
    }
  }
  return out;
}

// kg's spelling -> Kuzu's (see the head of queries.txt).
std::string to_kuzu(std::string q) {
  q = std::regex_replace(q, std::regex(R"(labels\((\w+)\)\[0\])"), "label($1)");
  q = std::regex_replace(q, std::regex(R"(\btype\()"), "label(");
  q = std::regex_replace(q, std::regex(R"(\bid\((\w+)\))"), "$1.id");
  q = std::regex_replace(q, std::regex(R"(\*(\d+)\.\.(\d+)\])"), "* TRAIL $1..$2]");
  q = std::regex_replace(q, std::regex(R"(\*\.\.(\d+)\])"), "* TRAIL 1..$1]");
  q = std::regex_replace(q, std::regex(R"(\*(\d+)\])"), "* TRAIL $1..$1]");
  return q;
}

std::string substitute(std::string q, const std::string& name, const std::string& name2) {
  q = std::regex_replace(q, std::regex(R"(\$NAME2)"), name2);
  return std::regex_replace(q, std::regex(R"(\$NAME)"), name);
}

std::string number_text(double d) {
  char buf[40];
  snprintf(buf, sizeof buf, "%.10g", d);
  return buf;
}

std::string quoted(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

std::string canon(const QValue& v) {
  switch (v.kind()) {
    case QValue::Kind::kNull: return "null";
    case QValue::Kind::kBool: return v.as_bool() ? "true" : "false";
    case QValue::Kind::kInt:
    case QValue::Kind::kFloat: return number_text(v.as_double());
    case QValue::Kind::kString: return quoted(v.as_string());
    case QValue::Kind::kList: {
      std::string out = "[";
      for (const auto& e : v.as_list()) out += canon(e) + ",";
      return out + "]";
    }
    default: return "<" + std::string(kind_name(v.kind())) + ">";
  }
}

std::string canon(const rapidjson::Value& v) {
  if (v.IsNull()) return "null";
  if (v.IsBool()) return v.GetBool() ? "true" : "false";
  if (v.IsNumber()) return number_text(v.GetDouble());
  if (v.IsString()) return quoted(std::string_view(v.GetString(), v.GetStringLength()));
  if (v.IsArray()) {
    std::string out = "[";
    for (const auto& e : v.GetArray()) out += canon(e) + ",";
    return out + "]";
  }
  return "<object>";
}

struct Answer {
  bool error = false;
  std::string message;
  std::vector<std::string> rows;
};

void normalise(Answer& a, bool ordered) {
  if (!ordered) std::sort(a.rows.begin(), a.rows.end());
}

std::string run_command(const std::string& cmd) {
  std::string out;
  FILE* p = popen(cmd.c_str(), "r");
  REQUIRE(p != nullptr);
  char buf[65536];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  int status = pclose(p);
  INFO(cmd << "\n" << out);
  REQUIRE(status == 0);
  return out;
}

// The two institutions with the most relationships (ties by name).
std::pair<std::string, std::string> top_two(const Graph& g) {
  std::vector<std::pair<size_t, std::string>> deg;
  for (NodeId id : g.nodes_with_label(Label::kInstitution))
    deg.emplace_back(g.out(id).size() + g.in(id).size(), g.node(id).name);
  std::sort(deg.begin(), deg.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first > b.first : a.second < b.second;
  });
  REQUIRE(deg.size() >= 2);
  return {deg[0].second, deg[1].second};
}

void differential(const std::string& graph_path, const fs::path& dir) {
  const auto queries = read_queries();
  REQUIRE(queries.size() >= 60);
  Graph g = load_graph(graph_path);
  auto [name, name2] = top_two(g);
  // Names go into the query text: keep the test honest about quoting.
  REQUIRE(name.find('\'') == std::string::npos);
  REQUIRE(name2.find('\'') == std::string::npos);

  fs::path csv = dir / "csv", db = dir / "kuzu.db", list = dir / "queries.json";
  run_command(std::string(KG_BINARY) + " export '" + graph_path + "' --format csv -o '" + csv.string() + "' 2>&1");
  {
    std::ofstream out(list);
    out << "[";
    for (size_t i = 0; i < queries.size(); ++i) {
      const auto& q = queries[i];
      std::string k = substitute(q.kuzu.empty() ? to_kuzu(q.kg) : q.kuzu, name, name2);
      out << (i ? "," : "") << quoted(k);
    }
    out << "]";
  }
  std::string lines = run_command("node '" + std::string(KG_SOURCE_DIR) + "/tests/query/kuzu_queries.js' '" +
                                  csv.string() + "' '" + db.string() + "' '" + list.string() + "'");
  std::istringstream in(lines);
  Engine engine(g);
  size_t agreed = 0, differed = 0;
  for (const auto& q : queries) {
    std::string line;
    REQUIRE(std::getline(in, line));
    rapidjson::Document d;
    d.Parse(line.c_str());
    REQUIRE(!d.HasParseError());
    Answer kuzu;
    if (d.HasMember("error")) {
      kuzu.error = true;
      kuzu.message = d["error"].GetString();
    } else {
      for (const auto& row : d["rows"].GetArray()) {
        std::string r;
        for (const auto& v : row.GetArray()) r += canon(v) + "|";
        kuzu.rows.push_back(r);
      }
    }
    Answer mine;
    std::string text = substitute(q.kg, name, name2);
    try {
      QueryResult res = engine.run(text, {});
      for (const auto& row : res.rows) {
        std::string r;
        for (const auto& v : row) r += canon(v) + "|";
        mine.rows.push_back(r);
      }
    } catch (const Error& e) {
      mine.error = true;
      mine.message = e.what();
    }
    normalise(kuzu, q.ordered);
    normalise(mine, q.ordered);
    INFO(graph_path << ": " << q.name << "\nkg:   " << text << "\nkuzu: "
                    << substitute(q.kuzu.empty() ? to_kuzu(q.kg) : q.kuzu, name, name2));
    INFO("kuzu " << (kuzu.error ? "error: " + kuzu.message : std::to_string(kuzu.rows.size()) + " rows"));
    INFO("kg   " << (mine.error ? "error: " + mine.message : std::to_string(mine.rows.size()) + " rows"));
    CHECK_FALSE(mine.error);
    bool same = !kuzu.error && kuzu.rows == mine.rows;
    if (q.differs.empty()) {
      if (!same) {
        std::string detail;
        for (size_t i = 0; i < std::max(kuzu.rows.size(), mine.rows.size()) && i < 5; ++i)
          detail += "  kuzu " + (i < kuzu.rows.size() ? kuzu.rows[i] : "-") + "\n  kg   " +
                    (i < mine.rows.size() ? mine.rows[i] : "-") + "\n";
        INFO(detail);
        CHECK(same);
      }
      agreed += same;
    } else {
      INFO("documented difference: " << q.differs);
      CHECK_FALSE(same);
      differed += !same;
    }
  }
  INFO(agreed << " agreed, " << differed << " differed as documented");
  CHECK(agreed + differed == queries.size());
}

fs::path scratch(const std::string& what) {
  fs::path dir = fs::temp_directory_path() / ("kg-diff-" + std::to_string(getpid()) + "-" + what);
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

TEST_CASE("kg and Kuzu agree on the seed graph", "[query][kuzu]") {
  fs::path dir = scratch("seeds");
  std::string graph = (dir / "seeds.kg").string();
  run_command(std::string(KG_BINARY) + " build '" + KG_SHARED_DIR + "/corpus/seeds' -o '" + graph + "' 2>&1");
  differential(graph, dir);
  fs::remove_all(dir);
}

TEST_CASE("kg and Kuzu agree on a generated power-law graph", "[query][kuzu]") {
  fs::path dir = scratch("generated");
  std::string graph = (dir / "generated.kg").string();
  save_graph(bench::generate_partnership_graph({3000, 15000, 11}), graph);
  differential(graph, dir);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace kg::query
