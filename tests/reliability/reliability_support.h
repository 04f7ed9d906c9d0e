// Helpers of the reliability tests (issue 7): a scratch directory per test,
// files written byte for byte, the kg binary run through the shell, and the
// checks every bad-input row shares (nothing half written, no temporaries
// left behind).
#pragma once

#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace kg::test {

namespace fs = std::filesystem;

// A fresh, empty directory; removed when the Scratch goes.
class Scratch {
 public:
  explicit Scratch(const std::string& name) {
    static std::atomic<int> counter{0};
    dir_ = fs::temp_directory_path() /
           ("kg-rel-" + name + "-" + std::to_string(getpid()) + "-" + std::to_string(counter++));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  ~Scratch() {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  std::string path(const std::string& name) const { return (dir_ / name).string(); }
  std::string write(const std::string& name, const std::string& bytes) const {
    std::string p = path(name);
    fs::create_directories(fs::path(p).parent_path());
    std::ofstream out(p, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    return p;
  }
  // Files whose name has ".tmp." in it: what an interrupted AtomicFile leaves.
  std::vector<std::string> temporaries() const {
    std::vector<std::string> found;
    for (const auto& e : fs::recursive_directory_iterator(dir_))
      if (e.path().filename().string().find(".tmp.") != std::string::npos)
        found.push_back(e.path().string());
    return found;
  }
  const fs::path& dir() const { return dir_; }

 private:
  fs::path dir_;
};

struct Run {
  int code = -1;
  std::string out;  // stdout and stderr together
};

// Runs kg with `args` (shell syntax) and merged output.
inline Run run_kg(const std::string& args) {
  Run r;
  std::string cmd = std::string(KG_BINARY) + " " + args + " 2>&1";
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) return r;
  std::array<char, 65536> buf;
  size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) r.out.append(buf.data(), n);
  int status = pclose(p);
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return r;
}

inline std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// For the shell: single quotes, each ' inside written as '\''.
inline std::string quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

inline std::string samples_dir() { return std::string(KG_SOURCE_DIR) + "/samples/articles"; }
inline std::string seeds_dir() { return std::string(KG_SHARED_DIR) + "/corpus/seeds"; }

}  // namespace kg::test
