#include "graph/spill_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>

#include "graph/error.h"

namespace kg {

namespace {

constexpr size_t kBuffer = 1 << 20;

std::string spill_dir(const std::string& dir) {
  if (!dir.empty()) return dir;
  const char* tmp = std::getenv("TMPDIR");
  return tmp != nullptr && *tmp != '\0' ? tmp : "/tmp";
}

[[noreturn]] void fail(const std::string& dir, const char* what) {
  throw IoError(dir + ": spill file: " + what + ": " + std::strerror(errno));
}

}  // namespace

SpillFile::SpillFile(const std::string& dir) : dir_(spill_dir(dir)) {
  // O_TMPFILE: a file with no name, gone when closed. Where the file system
  // lacks it, a named file unlinked at once does the same.
  fd_ = open(dir_.c_str(), O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
  if (fd_ < 0) {
    std::string path = dir_ + "/kg-spill-XXXXXX";
    fd_ = mkostemp(path.data(), O_CLOEXEC);
    if (fd_ < 0) fail(dir_, "cannot create");
    unlink(path.c_str());
  }
  buffer_.reserve(kBuffer);
}

SpillFile::~SpillFile() {
  if (fd_ >= 0) close(fd_);
}

SpillFile::SpillFile(SpillFile&& o) noexcept
    : fd_(o.fd_), dir_(std::move(o.dir_)), flushed_(o.flushed_), buffer_(std::move(o.buffer_)) {
  o.fd_ = -1;
}

void SpillFile::append(std::string_view bytes) {
  if (buffer_.size() + bytes.size() > kBuffer) flush();
  if (bytes.size() >= kBuffer) {
    buffer_.append(bytes);
    flush();
    return;
  }
  buffer_.append(bytes);
}

void SpillFile::flush() {
  size_t done = 0;
  while (done < buffer_.size()) {
    ssize_t n = pwrite(fd_, buffer_.data() + done, buffer_.size() - done,
                       static_cast<off_t>(flushed_ + done));
    if (n < 0) {
      if (errno == EINTR) continue;
      fail(dir_, "cannot write");
    }
    done += static_cast<size_t>(n);
  }
  flushed_ += buffer_.size();
  buffer_.clear();
}

void SpillFile::read_exact(uint64_t offset, char* data, size_t size) {
  size_t done = 0;
  while (done < size) {
    ssize_t n = pread(fd_, data + done, size - done, static_cast<off_t>(offset + done));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) fail(dir_, "cannot read back");
    done += static_cast<size_t>(n);
  }
}

void SpillFile::read_at(uint64_t offset, std::string& out) {
  const size_t size = out.size();
  if (offset >= flushed_) {
    std::memcpy(out.data(), buffer_.data() + (offset - flushed_), size);
    return;
  }
  const size_t from_file = static_cast<size_t>(std::min<uint64_t>(size, flushed_ - offset));
  read_exact(offset, out.data(), from_file);
  if (from_file < size) std::memcpy(out.data() + from_file, buffer_.data(), size - from_file);
}

std::string SpillFile::read_all() {
  flush();
  std::string out(flushed_, '\0');
  read_exact(0, out.data(), out.size());
  return out;
}

bool SpillFile::read_chunk(uint64_t& position, std::string& out, size_t chunk) {
  if (position == 0) flush();
  if (position >= flushed_) return false;
  out.resize(static_cast<size_t>(std::min<uint64_t>(chunk, flushed_ - position)));
  read_exact(position, out.data(), out.size());
  position += out.size();
  return true;
}

void SpillFile::append_record(std::string_view bytes) {
  const auto size = static_cast<uint32_t>(bytes.size());
  char head[4];
  std::memcpy(head, &size, 4);
  append(std::string_view(head, 4));
  append(bytes);
}

bool RecordReader::fill(size_t n) {
  if (buf_.size() - pos_ >= n) return true;
  buf_.erase(0, pos_);
  pos_ = 0;
  const uint64_t left = file_.size() - file_pos_;
  if (buf_.size() + left < n) return false;
  const size_t want = static_cast<size_t>(std::min<uint64_t>(left, std::max<size_t>(n, 4 << 20)));
  std::string more(want, '\0');
  file_.read_at(file_pos_, more);
  file_pos_ += want;
  buf_ += more;
  return true;
}

bool RecordReader::next(std::string_view& record) {
  if (!fill(4)) return false;
  uint32_t size;
  std::memcpy(&size, buf_.data() + pos_, 4);
  if (!fill(4 + size)) throw IoError("spill file: a record is cut short");
  record = std::string_view(buf_.data() + pos_ + 4, size);
  pos_ += 4 + size;
  return true;
}

void SpillFile::clear() {
  buffer_.clear();
  flushed_ = 0;
  if (ftruncate(fd_, 0) != 0) fail(dir_, "cannot truncate");
}

}  // namespace kg
