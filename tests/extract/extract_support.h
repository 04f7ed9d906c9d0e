// Helpers of the extraction tests: running the real kg binary and reading
// the seed articles.
#pragma once

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

namespace kg::test {

struct RunResult {
  int code = -1;
  std::string out;  // stdout, and stderr when merged
};

// Runs `args` with the kg binary through the shell; "2>&1" in args merges.
inline RunResult run_kg(const std::string& args) {
  RunResult r;
  std::string cmd = std::string(KG_BINARY) + " " + args;
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) return r;
  std::array<char, 65536> buf;
  size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) r.out.append(buf.data(), n);
  int status = pclose(p);
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

inline std::string read_all(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

inline std::string seeds_dir() { return std::string(KG_SHARED_DIR) + "/corpus/seeds"; }
inline std::string gold_dir() { return std::string(KG_SHARED_DIR) + "/gold"; }

}  // namespace kg::test
