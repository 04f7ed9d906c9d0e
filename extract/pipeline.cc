#include "extract/pipeline.h"

#include <chrono>
#include <condition_variable>
#include <deque>
#include <exception>
#include <iostream>
#include <map>
#include <mutex>
#include <optional>
#include <thread>

#include "extract/clean.h"
#include "extract/reader.h"
#include "graph/error.h"

namespace kg {

namespace {

using Clock = std::chrono::steady_clock;
double since(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}

struct Task {
  uint64_t seq;
  RawArticle article;
};

// What a worker made of one article: documents with their fragments, or the
// error that stopped it.
struct Result {
  std::vector<std::pair<Document, Fragment>> docs;
  std::string error;
  std::exception_ptr exception;
  double clean_seconds = 0, extract_seconds = 0;
};

class Run {
 public:
  Run(const ExtractOptions& o, const Extractor& x, const FragmentSink& sink)
      : options_(o), extractor_(x), sink_(sink), cleaner_(x.vocabulary(), o.word_list) {
    window_ = 4 * static_cast<uint64_t>(o.jobs);
  }

  ExtractStats run(const std::vector<std::string>& inputs, const ProgressFn& progress) {
    auto start = Clock::now();
    ReadOptions ro;
    ro.lenient = options_.lenient;
    ro.max_article_bytes = options_.max_article_bytes;
    std::vector<std::thread> workers;
    for (unsigned i = 0; i < options_.jobs; ++i) workers.emplace_back([this] { work(); });
    std::exception_ptr failure;
    try {
      ArticleReader reader(inputs, ro,
                           [](const std::string& w) { std::cerr << "kg: warning: " << w << "\n"; });
      uint64_t seq = 0;
      for (;;) {
        auto t = Clock::now();
        RawArticle a;
        if (!reader.next(a)) break;
        stats_.read_seconds += since(t);
        std::unique_lock lock(mutex_);
        // Bounded: wait until the article `window_` places back was written.
        space_.wait(lock, [&] { return stop_ || seq - emitted_ < window_; });
        if (stop_) break;
        queue_.push_back({seq++, std::move(a)});
        ready_.notify_one();
        stats_.bytes = reader.bytes_read();
        if (progress) progress(reader.bytes_read(), reader.total_bytes(), stats_.documents);
      }
      stats_.replaced_bytes = reader.replaced_bytes();
      stats_.bytes = reader.bytes_read();
    } catch (...) {
      failure = std::current_exception();
    }
    {
      std::lock_guard lock(mutex_);
      done_reading_ = true;
      if (failure) stop_ = true;
    }
    ready_.notify_all();
    for (auto& w : workers) w.join();
    if (!failure) failure = first_error_;
    if (failure) std::rethrow_exception(failure);
    stats_.seconds = since(start);
    return stats_;
  }

 private:
  void work() {
    for (;;) {
      Task task;
      {
        std::unique_lock lock(mutex_);
        ready_.wait(lock, [&] { return stop_ || done_reading_ || !queue_.empty(); });
        if (stop_ || queue_.empty()) return;
        task = std::move(queue_.front());
        queue_.pop_front();
      }
      Result r = process(task.article);
      std::unique_lock lock(mutex_);
      results_.emplace(task.seq, std::move(r));
      emit(lock);
    }
  }

  Result process(const RawArticle& a) {
    Result r;
    try {
      auto t = Clock::now();
      std::vector<Document> docs = cleaner_.clean(a);
      r.clean_seconds = since(t);
      t = Clock::now();
      for (auto& d : docs) {
        Fragment f = extractor_.extract(d);
        f.doc = d.id;
        f.title = d.title;
        f.date = d.date;
        f.url = d.url;
        if (options_.with_text)
          f.text = d.text;
        else
          f.text.clear();
        r.docs.emplace_back(std::move(d), std::move(f));
      }
      r.extract_seconds = since(t);
    } catch (const Error& e) {
      r.error = e.what();
      r.exception = std::current_exception();
    } catch (const std::exception& e) {
      // Anything else (ICU, allocation) is still this article's failure.
      r.error = a.source + ": " + e.what();
      r.exception = std::make_exception_ptr(Error(r.error));
    }
    return r;
  }

  // Writes the results that are next in input order. Only the thread that
  // holds `emitting_` writes, so the sink is never called concurrently; the
  // mutex is released while the sink runs.
  void emit(std::unique_lock<std::mutex>& lock) {
    if (emitting_) return;
    emitting_ = true;
    for (auto it = results_.find(emitted_); it != results_.end() && !stop_;
         it = results_.find(emitted_)) {
      Result r = std::move(it->second);
      results_.erase(it);
      lock.unlock();
      auto t = Clock::now();
      bool failed = false;
      if (!r.error.empty()) {
        if (options_.lenient)
          std::cerr << "kg: warning: " << r.error << " (skipped)\n";
        else
          failed = true;
      } else {
        try {
          for (const auto& [doc, frag] : r.docs) sink_(doc, frag);
        } catch (...) {
          r.exception = std::current_exception();
          failed = true;
        }
      }
      double write = since(t);
      lock.lock();
      stats_.clean_seconds += r.clean_seconds;
      stats_.extract_seconds += r.extract_seconds;
      stats_.write_seconds += write;
      ++stats_.articles;
      if (!r.error.empty()) ++stats_.errors;
      for (const auto& [doc, frag] : r.docs) {
        ++stats_.documents;
        stats_.entities += frag.entities.size();
        stats_.relations += frag.relations.size();
      }
      if (failed) {
        if (!first_error_) first_error_ = r.exception;
        stop_ = true;
        ready_.notify_all();
      }
      ++emitted_;
      space_.notify_all();
    }
    emitting_ = false;
  }

  const ExtractOptions& options_;
  const Extractor& extractor_;
  const FragmentSink& sink_;
  Cleaner cleaner_;
  uint64_t window_;

  std::mutex mutex_;
  std::condition_variable ready_, space_;
  std::deque<Task> queue_;
  std::map<uint64_t, Result> results_;
  uint64_t emitted_ = 0;
  bool emitting_ = false, done_reading_ = false, stop_ = false;
  std::exception_ptr first_error_;
  ExtractStats stats_;
};

}  // namespace

ExtractStats run_extraction(const std::vector<std::string>& inputs, const ExtractOptions& options,
                            const Extractor& extractor, const FragmentSink& sink,
                            const ProgressFn& progress) {
  ExtractOptions o = options;
  if (o.jobs == 0) o.jobs = std::max(1u, std::thread::hardware_concurrency());
  Run run(o, extractor, sink);
  return run.run(inputs, progress);
}

ExtractStats run_extraction(const std::vector<std::string>& inputs, const ExtractOptions& options,
                            const FragmentSink& sink, const ProgressFn& progress) {
  ExtractorOptions xo;
  xo.rule_dirs = options.rule_dirs;
  xo.explain = options.explain;
  auto extractor = Extractor::load(xo);
  return run_extraction(inputs, options, *extractor, sink, progress);
}

}  // namespace kg
