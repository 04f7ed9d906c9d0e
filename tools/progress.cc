#include "tools/progress.h"

#include <unistd.h>

#include <cstdio>

namespace kg::cli {

Progress::Progress()
    : enabled_(isatty(STDERR_FILENO) == 1),
      start_(std::chrono::steady_clock::now()),
      last_(start_) {}

Progress::~Progress() {
  if (drawn_) std::fputs("\n", stderr);
}

void Progress::update(uint64_t bytes, uint64_t total, uint64_t documents) {
  if (!enabled_) return;
  auto now = std::chrono::steady_clock::now();
  if (now - last_ < std::chrono::milliseconds(200)) return;
  last_ = now;
  double secs = std::chrono::duration<double>(now - start_).count();
  double mb = bytes / 1e6, rate = secs > 0 ? mb / secs : 0;
  char eta[32] = "";
  if (total > 0 && rate > 0 && bytes <= total)
    std::snprintf(eta, sizeof eta, " ETA %.0fs", (total - bytes) / 1e6 / rate);
  int pct = total > 0 ? static_cast<int>(100.0 * bytes / total) : 0;
  char bar[21];
  for (int i = 0; i < 20; ++i) bar[i] = i < pct / 5 ? '#' : '.';
  bar[20] = 0;
  std::fprintf(stderr, "\r[%s] %3d%% %llu docs %.1f MB %.1f MB/s%s   ", bar, pct,
               static_cast<unsigned long long>(documents), mb, rate, eta);
  drawn_ = true;
}

}  // namespace kg::cli
