// kg build killed with SIGKILL midway through a large input: the graph file
// it was going to replace must still be the previous one, whole, and load.
// "Midway" is measured, not timed: the kill comes once the process has read
// half of its input (/proc/PID/io rchar), and in a second run once its
// temporary output file exists (it is saving).
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <thread>

#include "graph/graph_file.h"
#include "tests/reliability/reliability_support.h"

using kg::test::quote;
using kg::test::Scratch;
using kg::test::slurp;

namespace {

// Many copies of the seed articles as one JSON Lines file (each copy a
// distinct document id), about `target_bytes` long.
std::string big_jsonl(const Scratch& s, size_t target_bytes) {
  std::vector<std::string> lines;
  for (const auto& e : std::filesystem::directory_iterator(kg::test::seeds_dir())) {
    std::string text = slurp(e.path().string()), escaped;
    for (unsigned char c : text) {
      if (c == '"' || c == '\\') escaped += '\\', escaped += static_cast<char>(c);
      else if (c == '\n') escaped += "\\n";
      else if (c == '\r' || c == '\t') escaped += ' ';
      else if (c < 0x20) continue;
      else escaped += static_cast<char>(c);
    }
    lines.push_back("\",\"text\":\"" + escaped + "\"}\n");
  }
  REQUIRE_FALSE(lines.empty());
  std::string path = s.path("big.jsonl");
  std::ofstream out(path, std::ios::binary);
  size_t written = 0;
  for (size_t i = 0; written < target_bytes; ++i) {
    std::string line = "{\"id\":\"copy" + std::to_string(i) + lines[i % lines.size()];
    out << line;
    written += line.size();
  }
  return path;
}

uint64_t bytes_read(pid_t pid) {
  std::ifstream io("/proc/" + std::to_string(pid) + "/io");
  std::string key;
  uint64_t value = 0;
  while (io >> key >> value)
    if (key == "rchar:") return value;
  return 0;
}

bool exited(pid_t pid, int& status) { return waitpid(pid, &status, WNOHANG) == pid; }

// Starts `kg build INPUT -o GRAPH` and kills it when `when()` says so.
// Returns true if it was killed (false: it finished first).
template <typename When>
bool build_and_kill(const std::string& input, const std::string& graph, When when) {
  pid_t pid = fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    if (!freopen("/dev/null", "w", stderr)) _exit(126);
    execl(KG_BINARY, KG_BINARY, "build", input.c_str(), "-o", graph.c_str(), "--jobs", "2",
          static_cast<char*>(nullptr));
    _exit(127);
  }
  int status = 0;
  for (;;) {
    if (exited(pid, status)) return false;
    if (when(pid)) break;
    std::this_thread::sleep_for(std::chrono::microseconds(200));
  }
  kill(pid, SIGKILL);
  waitpid(pid, &status, 0);
  return WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
}

}  // namespace

TEST_CASE("kill: kg build killed midway keeps the previous graph file", "[kill]") {
  Scratch s("kill");
  std::string graph = s.path("g.kggraph");
  auto first = kg::test::run_kg("build " + quote(kg::test::samples_dir()) + " -o " + quote(graph));
  REQUIRE(first.code == 0);
  const std::string before = slurp(graph);
  const kg::Graph previous = kg::load_graph(graph);
  REQUIRE(previous.node_count() > 0);

  std::string input = big_jsonl(s, 12u << 20);
  uint64_t size = std::filesystem::file_size(input);

  SECTION("killed while reading its input") {
    bool killed = build_and_kill(input, graph, [&](pid_t pid) { return bytes_read(pid) > size / 2; });
    CHECK(killed);
  }
  SECTION("killed while saving (or after, if saving was too quick to catch)") {
    build_and_kill(input, graph, [&](pid_t) { return !s.temporaries().empty(); });
  }
  // Either way the file at `graph` is a whole graph file: the previous one,
  // or (only if the kill came after the rename) the new one, which loads.
  std::string now = slurp(graph);
  if (now == before) {
    CHECK(kg::load_graph(graph) == previous);
  } else {
    CHECK_NOTHROW(kg::load_graph(graph));
  }
  CHECK(s.temporaries().size() <= 1);  // the killed process's, if it was saving
}
