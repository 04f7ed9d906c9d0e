// The one error family of kg. Errors are thrown where they are found and
// caught in tools/ (one line on stderr, an exit code) or in the per-article
// extraction loop (recorded, and the run goes on). Library statuses
// (RapidJSON parse results, re2's ok(), a NULL from cgraph) are turned into
// these inside the one .cc that wraps that library.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>

namespace kg {

class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
  // The process exit code a tool should use for this error.
  virtual int exit_code() const { return 1; }
};

// Bad input data: a file, a line, a byte offset. what() already names the
// place: "<path>:<line>: ..." or "<path>: byte <offset>: ...".
class InputError : public Error {
 public:
  using Error::Error;
  static InputError at_offset(const std::string& path, uint64_t offset, const std::string& what) {
    return InputError(path + ": byte " + std::to_string(offset) + ": " + what);
  }
  static InputError at_line(const std::string& path, uint64_t line, const std::string& what) {
    return InputError(path + ":" + std::to_string(line) + ": " + what);
  }
};

// A query that does not lex, parse or bind. `offset` is the byte offset into
// the query text; tools render it as line:col with a caret.
class QueryError : public Error {
 public:
  QueryError(const std::string& what, size_t offset) : Error(what), offset_(offset) {}
  size_t offset() const { return offset_; }

 private:
  size_t offset_;
};

// The file system said no: open, write, flush, rename.
class IoError : public Error {
 public:
  using Error::Error;
};

// A limit that protects against hostile input was hit (query depth, path
// expansion, article size, ...). The message names the limit and its option.
class LimitError : public Error {
 public:
  using Error::Error;
};

// The command line was used wrongly; exit code 2.
class UsageError : public Error {
 public:
  using Error::Error;
  int exit_code() const override { return 2; }
};

}  // namespace kg
