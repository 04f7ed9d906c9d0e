// A one-line progress bar on stderr for long runs: documents, MB, rate and
// an estimate of the time left. Silent unless stderr is a terminal, so logs
// and pipes never see it.
#pragma once

#include <chrono>
#include <cstdint>

namespace kg::cli {

class Progress {
 public:
  Progress();
  ~Progress();  // ends the line it drew, if any
  // Redraws at most a few times a second. `total` 0: no ETA.
  void update(uint64_t bytes, uint64_t total, uint64_t documents);

 private:
  bool enabled_;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point start_, last_;
};

}  // namespace kg::cli
