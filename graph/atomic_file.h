// Every file kg writes goes through here: the bytes go to a temporary file
// beside the target, are flushed and fsync'ed, and the temporary is renamed
// over the target only when all of it was written. A crash, a full disk or a
// failed write leaves the previous file intact.
//
// This is also the one seam for fault injection: tests make the N-th write
// fail (as a full disk would) with set_write_fault_for_testing().
#pragma once

#include <cstddef>
#include <cstdio>
#include <string>
#include <string_view>

namespace kg {

class AtomicFile {
 public:
  // Creates "<path>.tmp.<pid>.<n>" beside `path`. "-" writes to standard
  // output directly (nothing to protect there). Throws IoError.
  explicit AtomicFile(std::string path);
  // Without commit(), the temporary is removed and the target untouched.
  ~AtomicFile();
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  // Buffered; throws IoError naming the path on failure.
  void write(std::string_view bytes);
  void write(const char* data, size_t size) { write(std::string_view(data, size)); }
  // Flushes, fsyncs and renames over the target. Throws IoError.
  void commit();

  const std::string& path() const { return path_; }

 private:
  std::string path_;
  std::string tmp_path_;
  std::FILE* file_ = nullptr;
  bool is_stdout_ = false;
  bool committed_ = false;
};

// Writes `bytes` to `path` atomically.
void write_file_atomically(const std::string& path, std::string_view bytes);

// Test seam: the `nth` low-level write from now on (1 = the next one) fails
// with ENOSPC; 0 disables. Counts writes in every AtomicFile.
void set_write_fault_for_testing(long nth);

}  // namespace kg
