#include "graph/atomic_file.h"

#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>

#include "graph/error.h"

namespace kg {

namespace {
std::atomic<long> g_fault_countdown{0};
std::atomic<unsigned> g_tmp_counter{0};

// One low-level write, where the injected fault strikes.
bool raw_write(std::FILE* f, const char* data, size_t size) {
  long left = g_fault_countdown.load();
  if (left > 0) {
    if (g_fault_countdown.fetch_sub(1) == 1) {
      errno = ENOSPC;
      return false;
    }
  }
  return std::fwrite(data, 1, size, f) == size;
}

std::string errno_text() { return std::strerror(errno); }
}  // namespace

void set_write_fault_for_testing(long nth) { g_fault_countdown.store(nth); }

AtomicFile::AtomicFile(std::string path) : path_(std::move(path)) {
  if (path_ == "-") {
    is_stdout_ = true;
    file_ = stdout;
    return;
  }
  tmp_path_ = path_ + ".tmp." + std::to_string(::getpid()) + "." +
              std::to_string(g_tmp_counter.fetch_add(1));
  file_ = std::fopen(tmp_path_.c_str(), "wb");
  if (file_ == nullptr) throw IoError(path_ + ": cannot create file: " + errno_text());
  static constexpr size_t kBuffer = 1 << 20;
  std::setvbuf(file_, nullptr, _IOFBF, kBuffer);
}

AtomicFile::~AtomicFile() {
  if (is_stdout_ || committed_) return;
  if (file_ != nullptr) std::fclose(file_);
  std::remove(tmp_path_.c_str());
}

void AtomicFile::write(std::string_view bytes) {
  if (bytes.empty()) return;
  if (!raw_write(file_, bytes.data(), bytes.size()))
    throw IoError(path_ + ": write failed: " + errno_text());
}

void AtomicFile::commit() {
  if (is_stdout_) {
    if (std::fflush(stdout) != 0) throw IoError("<stdout>: write failed: " + errno_text());
    committed_ = true;
    return;
  }
  bool ok = std::fflush(file_) == 0 && ::fsync(::fileno(file_)) == 0;
  int saved = errno;
  ok = (std::fclose(file_) == 0) && ok;
  file_ = nullptr;
  if (!ok) {
    errno = saved;
    std::string why = errno_text();
    std::remove(tmp_path_.c_str());
    committed_ = true;  // nothing left to clean up
    throw IoError(path_ + ": write failed: " + why);
  }
  if (std::rename(tmp_path_.c_str(), path_.c_str()) != 0) {
    std::string why = errno_text();
    std::remove(tmp_path_.c_str());
    committed_ = true;
    throw IoError(path_ + ": cannot replace file: " + why);
  }
  committed_ = true;
}

void write_file_atomically(const std::string& path, std::string_view bytes) {
  AtomicFile f(path);
  f.write(bytes);
  f.commit();
}

}  // namespace kg
