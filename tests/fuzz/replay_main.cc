// A plain main() for the fuzz targets, so that every build (also the normal
// and the sanitizer one, with gcc) replays the seed corpus and every past
// crash in tests/fuzz/regressions/ through ctest. Arguments are files or
// directories (read in sorted order); a missing one is an error, so a
// renamed corpus cannot silently test nothing.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

int main(int argc, char** argv) {
  namespace fs = std::filesystem;
  std::vector<fs::path> files;
  for (int i = 1; i < argc; ++i) {
    fs::path p = argv[i];
    if (fs::is_directory(p)) {
      for (const auto& e : fs::directory_iterator(p))
        if (e.is_regular_file()) files.push_back(e.path());
    } else if (fs::is_regular_file(p)) {
      files.push_back(p);
    } else {
      std::cerr << "replay: " << p.string() << ": no such file or directory\n";
      return 2;
    }
  }
  std::sort(files.begin(), files.end());
  for (const auto& f : files) {
    std::ifstream in(f, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    std::string bytes = std::move(ss).str();
    // A copy of exactly `size` bytes, as libFuzzer passes, so ASan sees
    // reads past the end.
    std::vector<uint8_t> buf(bytes.begin(), bytes.end());
    LLVMFuzzerTestOneInput(buf.data(), buf.size());
  }
  std::cout << "replay: " << files.size() << " inputs\n";
  return files.empty() ? 1 : 0;
}
