// The extraction pipeline, kg extract's library half: inputs -> readers ->
// cleaning -> Extractor -> fragments handed to a sink in input order.
//
// Reading happens on the calling thread; cleaning and extraction on `jobs`
// worker threads; the sink is called on one thread at a time, in input
// order, so the output of --jobs N is byte-identical to --jobs 1. At most a
// bounded number of articles (4 per job) is in flight: memory does not grow
// with the corpus.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "extract/document.h"
#include "extract/extractor.h"
#include "graph/fragment.h"

namespace kg {

struct ExtractOptions {
  // Worker threads for cleaning and extraction. Default 1; 0 means one per
  // hardware thread.
  unsigned jobs = 1;
  // Bad input (unreadable article, invalid UTF-8 -> U+FFFD, broken JSON
  // line, empty or oversized article, an article that fails to clean) is a
  // warning on stderr and the run goes on. Default off: the first error stops
  // the run with exit code 1 and nothing half written.
  bool lenient = false;
  // Put the cleaned text into every fragment (kg extract --with-text), so the
  // evidence offsets can be checked. Default off.
  bool with_text = false;
  // Keep every candidate match, also the losing ones (--explain). Default off.
  bool explain = false;
  // Rule pack directories added to the built-in packs (--rules). Default none.
  std::vector<std::string> rule_dirs;
  // Largest article in bytes (--max-article-bytes). Default 16 MiB.
  uint64_t max_article_bytes = 16ull << 20;
  // Word list for glued-word repair. Default Debian's wamerican list.
  std::string word_list = "/usr/share/dict/american-english";
};

// What a run did; seconds are wall-clock, per stage summed over threads.
struct ExtractStats {
  uint64_t articles = 0, documents = 0, bytes = 0, entities = 0, relations = 0;
  uint64_t errors = 0;          // articles skipped (lenient)
  uint64_t replaced_bytes = 0;  // invalid UTF-8 bytes replaced (lenient)
  double seconds = 0, read_seconds = 0, clean_seconds = 0, extract_seconds = 0, write_seconds = 0;
};

// Called in input order, never concurrently.
using FragmentSink = std::function<void(const Document&, const Fragment&)>;
// Called now and then from the reading thread: bytes read, bytes in total
// (0 when unknown), documents done.
using ProgressFn = std::function<void(uint64_t read, uint64_t total, uint64_t documents)>;

// Runs the pipeline over `inputs` (files, directories, "-"). Throws the first
// error when not lenient, after the threads have stopped; the sink has then
// seen only whole fragments of the articles before it.
ExtractStats run_extraction(const std::vector<std::string>& inputs, const ExtractOptions& options,
                            const Extractor& extractor, const FragmentSink& sink,
                            const ProgressFn& progress = nullptr);

// The same with the Extractor loaded from options.rule_dirs / explain.
ExtractStats run_extraction(const std::vector<std::string>& inputs, const ExtractOptions& options,
                            const FragmentSink& sink, const ProgressFn& progress = nullptr);

}  // namespace kg
