// A scratch file for data too large to hold in memory (the external merge,
// graph/merge.h): appended to through a buffer, then read back in order or
// at an offset. It is created unlinked in its directory, so it leaves nothing
// behind however the process ends. Private to graph/.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace kg {

class SpillFile {
 public:
  // Creates the file in `dir` ("" for $TMPDIR, else /tmp). Throws IoError.
  explicit SpillFile(const std::string& dir);
  ~SpillFile();
  SpillFile(SpillFile&& other) noexcept;
  SpillFile& operator=(SpillFile&&) = delete;
  SpillFile(const SpillFile&) = delete;
  SpillFile& operator=(const SpillFile&) = delete;

  void append(std::string_view bytes);
  // Bytes appended so far (flushed or not).
  uint64_t size() const { return flushed_ + buffer_.size(); }
  void flush();

  // Copies [offset, offset + out.size()) into `out`, from the buffer or the
  // file. REQUIRES: the range is within size().
  void read_at(uint64_t offset, std::string& out);
  // The whole file in one string (for a bucket that fits the memory budget).
  std::string read_all();

  // Sequential reading from the start, in chunks of about `chunk` bytes;
  // returns false at the end. Flushes first.
  bool read_chunk(uint64_t& position, std::string& out, size_t chunk = 1 << 22);

  // Empties the file and frees its blocks.
  void clear();

  // Framed records: a 4-byte length, then the bytes (RecordReader reads them).
  void append_record(std::string_view bytes);

 private:
  void read_exact(uint64_t offset, char* data, size_t size);
  int fd_ = -1;
  std::string dir_;
  uint64_t flushed_ = 0;
  std::string buffer_;
};

// Reads a SpillFile's framed records back in the order they were appended,
// a few MiB at a time. The view next() gives stays valid until the next call.
class RecordReader {
 public:
  explicit RecordReader(SpillFile& file) : file_(file) {}
  bool next(std::string_view& record);

 private:
  // Makes at least `n` unread bytes available; false at the end of the file.
  bool fill(size_t n);
  SpillFile& file_;
  uint64_t file_pos_ = 0;
  std::string buf_;
  size_t pos_ = 0;
};

}  // namespace kg
