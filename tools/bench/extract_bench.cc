// Extraction throughput (README "Benchmarks"): kg's whole pipeline (read,
// clean, extract) on one thread over >= 100 MB of article text -- the seeds
// and samples repeated, as JSON Lines -- and, in the same run over the same
// text, the reference: one re2 pass with a single word-bounded alternation
// of every ISO 3166-1 country name (name, common_name, official_name).
// Prints both rates, their ratio (target >= 0.25) and the --jobs 2 scaling.
#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>
#include <re2/re2.h>
#include <sys/resource.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "extract/pipeline.h"
#include "extract/reader.h"

namespace {

double now() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

// CPU seconds of the whole process (every thread): on a shared machine the
// wall clock also counts the time other jobs held the cores.
double cpu_now() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_utime.tv_sec + u.ru_stime.tv_sec + (u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

std::string json_line(const std::string& id, const std::string& text) {
  rapidjson::StringBuffer buf;
  rapidjson::Writer<rapidjson::StringBuffer> w(buf);
  w.StartObject();
  w.Key("id");
  w.String(id.c_str(), id.size());
  w.Key("text");
  w.String(text.c_str(), text.size());
  w.EndObject();
  return std::string(buf.GetString(), buf.GetSize()) + "\n";
}

std::string country_alternation(const std::string& iso_json) {
  std::ifstream in(iso_json);
  std::stringstream ss;
  ss << in.rdbuf();
  rapidjson::Document d;
  d.Parse(ss.str().c_str());
  std::string alt;
  for (const auto& c : d["3166-1"].GetArray())
    for (const char* key : {"name", "common_name", "official_name"})
      if (c.HasMember(key)) alt += (alt.empty() ? "" : "|") + RE2::QuoteMeta(c[key].GetString());
  return "\\b(?:" + alt + ")\\b";
}

}  // namespace

int main(int argc, char** argv) {
  double target_mb = argc > 1 ? std::atof(argv[1]) : 100.0;
  std::string src = KG_SOURCE_DIR;
  std::vector<std::string> texts;
  kg::ArticleReader reader({src + "/../shared/corpus/seeds", src + "/samples/articles"}, {},
                           [](const std::string&) {});
  kg::RawArticle a;
  while (reader.next(a)) texts.push_back(a.text);
  std::string path = std::filesystem::temp_directory_path() /
                     ("kg_bench_extract_" + std::to_string(getpid()) + ".jsonl");
  uint64_t text_bytes = 0;
  std::string all_text;  // the same article text for the reference pass
  {
    std::ofstream out(path, std::ios::binary);
    for (uint64_t rep = 0; text_bytes < target_mb * 1e6; ++rep)
      for (size_t i = 0; i < texts.size(); ++i) {
        out << json_line("a" + std::to_string(rep) + "_" + std::to_string(i), texts[i]);
        text_bytes += texts[i].size();
        all_text += texts[i];
        all_text += '\n';
      }
  }
  std::printf("corpus: %.1f MB of article text (%zu distinct articles repeated), %s\n",
              text_bytes / 1e6, texts.size(), path.c_str());

  RE2::Options ro;
  ro.set_max_mem(256 << 20);
  RE2 countries(country_alternation("/usr/share/iso-codes/json/iso_3166-1.json"), ro);
  if (!countries.ok()) return std::fprintf(stderr, "re2: %s\n", countries.error().c_str()), 1;
  double t = now(), cpu = cpu_now();
  re2::StringPiece in(all_text);
  uint64_t hits = 0;
  while (RE2::FindAndConsume(&in, countries)) ++hits;
  double ref_secs = now() - t, ref_cpu = cpu_now() - cpu;
  double ref_rate = text_bytes / 1e6 / ref_secs;
  std::printf(
      "reference: re2 country alternation  %8.1f MB/s  (%llu matches, %.2f s, %.2f s CPU)\n",
      ref_rate, (unsigned long long)hits, ref_secs, ref_cpu);

  auto extractor = kg::Extractor::load({});
  double rates[3] = {0, 0, 0}, cpu_rate = 0;
  for (unsigned jobs : {1u, 2u}) {
    kg::ExtractOptions o;
    o.jobs = jobs;
    uint64_t docs = 0, entities = 0;
    t = now();
    cpu = cpu_now();
    auto stats =
        kg::run_extraction({path}, o, *extractor, [&](const kg::Document&, const kg::Fragment& f) {
          ++docs;
          entities += f.entities.size();
        });
    double secs = now() - t, cpu_secs = cpu_now() - cpu;
    rates[jobs] = text_bytes / 1e6 / secs;
    std::printf(
        "kg extract --jobs %u                 %8.1f MB/s  (%llu documents, %llu entities, "
        "%.2f s, %.2f s CPU; clean %.2f s, extract %.2f s)\n",
        jobs, rates[jobs], (unsigned long long)docs, (unsigned long long)entities, secs, cpu_secs,
        stats.clean_seconds, stats.extract_seconds);
    if (jobs == 1) cpu_rate = text_bytes / 1e6 / cpu_secs;
  }
  std::printf("ratio (jobs 1 / reference): %.3f (target >= 0.25)\n", rates[1] / ref_rate);
  std::printf("ratio by CPU time:          %.3f (%.1f MB per CPU second against %.1f)\n",
              cpu_rate / (text_bytes / 1e6 / ref_cpu), cpu_rate, text_bytes / 1e6 / ref_cpu);
  std::printf("scaling (jobs 2 / jobs 1):  %.2fx\n", rates[2] / rates[1]);
  std::filesystem::remove(path);
  return 0;
}
