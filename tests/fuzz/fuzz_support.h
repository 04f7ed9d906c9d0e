// Helpers shared by the libFuzzer targets (tests/fuzz/*_fuzz.cc).
//
// Several kg readers take a path, not bytes (they stream, or pick the
// format by the file's extension), so a target writes its input to a
// scratch file first. The scratch directory is per process (libFuzzer's
// -fork/-jobs run several) and on tmpfs when there is one, so the writes
// cost little.
#pragma once

#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

namespace kg::fuzz {

// A directory only this process uses; created on first use.
inline const std::string& scratch_dir() {
  static const std::string dir = [] {
    std::filesystem::path base =
        std::filesystem::is_directory("/dev/shm") ? "/dev/shm" : std::filesystem::temp_directory_path();
    auto d = base / ("kg-fuzz-" + std::to_string(getpid()));
    std::filesystem::create_directories(d);
    return d.string();
  }();
  return dir;
}

// Writes `bytes` to `name` in the scratch directory and returns its path.
inline std::string write_scratch(const std::string& name, std::string_view bytes) {
  std::string path = scratch_dir() + "/" + name;
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  return path;
}

inline std::string_view as_view(const uint8_t* data, size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

}  // namespace kg::fuzz
