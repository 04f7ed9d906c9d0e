// Fuzz target: an article through the whole of extraction -- reader (text,
// HTML or JSON Lines, picked by the first byte), cleaning, sentence
// splitting and the rule engine with the built-in packs. The reader runs
// both strict and lenient, since lenient mode takes other paths (U+FFFD
// repair, skipping broken lines).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>

#include "extract/clean.h"
#include "extract/extractor.h"
#include "extract/reader.h"
#include "graph/error.h"
#include "tests/fuzz/fuzz_support.h"

namespace {

struct Engine {
  std::unique_ptr<kg::Extractor> extractor = kg::Extractor::load({});
  kg::Cleaner cleaner{extractor->vocabulary()};
};

void run(const Engine& engine, const std::string& path, bool lenient) {
  kg::ReadOptions ro;
  ro.lenient = lenient;
  // Small enough that the fuzzer reaches the limit, too.
  ro.max_article_bytes = 64 << 10;
  try {
    kg::ArticleReader reader({path}, ro, [](const std::string&) {});
    kg::RawArticle raw;
    while (reader.next(raw)) {
      try {
        for (const kg::Document& doc : engine.cleaner.clean(raw)) {
          for (const auto& s : doc.sentences)
            if (s.start > s.end || s.end > doc.text.size()) std::abort();
          (void)engine.extractor->extract(doc);
        }
      } catch (const kg::InputError&) {
        // Nothing left after cleaning: an error the pipeline records.
      }
    }
  } catch (const kg::Error&) {
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const Engine engine;
  if (size == 0) return 0;
  static const char* const kNames[] = {"article.txt", "article.html", "articles.jsonl"};
  const char* name = kNames[data[0] % 3];
  std::string path = kg::fuzz::write_scratch(name, kg::fuzz::as_view(data + 1, size - 1));
  run(engine, path, false);
  run(engine, path, true);
  return 0;
}
