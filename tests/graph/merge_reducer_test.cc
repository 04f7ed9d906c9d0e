// kg merge as a reducer and combiner (README "Corpus scale"): fragments
// split into shards, each shard merged on its own, and the partial graphs
// merged again -- through standard input, in another order, in a tree --
// give the same graph file byte for byte as one merge of everything. Also
// kg build --jobs 1 against --jobs 2, and build against extract | merge.
// Run on the seeds and on a corpus from tools/gen-corpus; and tools/dask-build
// on a local Dask cluster against kg build.
#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "graph/graph_file.h"
#include "graph/merge.h"
#include "tests/extract/extract_support.h"

namespace fs = std::filesystem;
using kg::test::read_all;
using kg::test::run_kg;

namespace {

fs::path temp_dir(const std::string& name) {
  fs::path dir = fs::temp_directory_path() / ("kg_reducer_" + name + "_" + std::to_string(getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

void write_file(const fs::path& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line + "\n");
  return out;
}

// Merges `fragments` (a JSON Lines file of n >= 3 fragments) once, then as
// three round-robin shards combined in several ways; every result must be the
// single merge's file.
void check_merge_of_merges(const fs::path& dir, const fs::path& fragments) {
  std::string all = (dir / "all.kggraph").string();
  REQUIRE(run_kg("merge -o " + all + " " + fragments.string()).code == 0);
  const std::string single = read_all(all);
  REQUIRE(kg::load_graph(all).node_count() > 0);

  auto lines = lines_of(read_all(fragments.string()));
  REQUIRE(lines.size() >= 3);
  std::vector<std::string> shard_text(3);
  for (size_t i = 0; i < lines.size(); ++i) shard_text[i % 3] += lines[i];
  std::vector<std::string> partial;  // one-line graph files, from stdout
  for (int s = 0; s < 3; ++s) {
    fs::path shard = dir / ("shard" + std::to_string(s) + ".jsonl");
    write_file(shard, shard_text[s]);
    auto r = run_kg("merge -o - - < " + shard.string());
    REQUIRE(r.code == 0);
    REQUIRE(std::count(r.out.begin(), r.out.end(), '\n') == 1);
    partial.push_back(r.out);
  }
  CHECK(partial[0] != single);  // a shard alone is not the whole graph

  // The partial graphs in another order on stdin, each line with the tab
  // Hadoop Streaming appends to a key without a value.
  fs::path reduce_in = dir / "reduce_in.txt";
  std::string tabbed;
  for (int s : {2, 0, 1}) tabbed += partial[s].substr(0, partial[s].size() - 1) + "\t\n";
  write_file(reduce_in, tabbed);
  auto reduced = run_kg("merge -o - - < " + reduce_in.string());
  REQUIRE(reduced.code == 0);
  CHECK(reduced.out == single);

  // A tree: (shard 0 + shard 1 fragments, raw) -> graph; that graph as a
  // file plus shard 2's graph on stdin.
  fs::path g01 = dir / "g01.kggraph";
  REQUIRE(run_kg("merge -o " + g01.string() + " " + (dir / "shard1.jsonl").string() + " " +
                 (dir / "shard0.jsonl").string())
              .code == 0);
  fs::path g2 = dir / "g2.line";
  write_file(g2, partial[2]);
  auto tree = run_kg("merge -o - " + g01.string() + " - < " + g2.string());
  REQUIRE(tree.code == 0);
  CHECK(tree.out == single);

  // Fragments and graph lines mixed on one stream (a combiner's output
  // beside raw mapper output), through the library.
  kg::Merger merger;
  std::istringstream mixed(shard_text[1] + partial[0] + shard_text[2]);
  kg::add_lines(merger, mixed, "mixed");
  fs::path lib = dir / "lib.kggraph";
  kg::save_graph(merger.finish(), lib.string());
  CHECK(read_all(lib.string()) == single);

  // The external merge's file, with buckets so small that every node and
  // edge is a bucket of its own, and of a few KiB: the same bytes, from
  // fragments and from graph lines alike.
  for (uint64_t bucket : {uint64_t{1}, uint64_t{4096}}) {
    kg::Merger small({dir.string(), bucket});
    std::istringstream in(shard_text[0] + partial[1] + partial[2]);
    kg::add_lines(small, in, "small");
    fs::path streamed = dir / ("streamed" + std::to_string(bucket) + ".kggraph");
    small.finish_to_file(streamed.string());
    CHECK(read_all(streamed.string()) == single);
  }
}

// kg build with 1 and 2 jobs, and extract | merge, give one graph file.
void check_build_matches(const fs::path& dir, const std::string& inputs,
                         const fs::path& fragments) {
  std::string one = (dir / "one.kggraph").string(), two = (dir / "two.kggraph").string();
  std::string deflt = (dir / "default.kggraph").string();
  REQUIRE(run_kg("build --jobs 1 -o " + one + " " + inputs).code == 0);
  REQUIRE(run_kg("build --jobs 2 -o " + two + " " + inputs).code == 0);
  REQUIRE(run_kg("build -o " + deflt + " " + inputs).code == 0);  // all cores
  CHECK(read_all(one) == read_all(two));
  CHECK(read_all(one) == read_all(deflt));
  std::string merged = (dir / "merged.kggraph").string();
  REQUIRE(run_kg("merge -o " + merged + " " + fragments.string()).code == 0);
  CHECK(read_all(one) == read_all(merged));
}

}  // namespace

TEST_CASE("merge of shard merges equals the single merge on the seeds", "[reducer]") {
  fs::path dir = temp_dir("seeds");
  fs::path frags = dir / "seeds.jsonl";
  REQUIRE(run_kg("extract --jobs 2 -o " + frags.string() + " " + kg::test::seeds_dir()).code == 0);
  check_merge_of_merges(dir, frags);
  check_build_matches(dir, kg::test::seeds_dir(), frags);
  fs::remove_all(dir);
}

namespace {

// tools/gen-corpus into dir/corpus: JSON Lines shards and, in a
// subdirectory, plain-text articles; returns the articles' directory.
std::string generate(const fs::path& dir, int articles) {
  std::string gen = std::string("/usr/bin/python3 ") + KG_SOURCE_DIR + "/tools/gen-corpus";
  fs::path corpus = dir / "corpus";
  std::string cmd = gen + " -o " + corpus.string() + " --articles " +
                    std::to_string(articles) + " --seed 11 --shard-mb 0.05 2>/dev/null && " +
                    gen + " -o " + (dir / "txt").string() +
                    " --articles 8 --seed 12 --format txt 2>/dev/null";
  REQUIRE(std::system(cmd.c_str()) == 0);
  fs::rename(dir / "txt" / "articles", corpus / "articles" / "txt");
  return (corpus / "articles").string();
}

}  // namespace

TEST_CASE("merge of shard merges equals the single merge on a generated corpus", "[reducer]") {
  fs::path dir = temp_dir("generated");
  std::string articles = generate(dir, 60);
  fs::path frags = dir / "generated.jsonl";
  REQUIRE(run_kg("extract -o " + frags.string() + " " + articles).code == 0);
  CHECK(lines_of(read_all(frags.string())).size() == 68);
  // The fragments themselves, not only the graphs, are the same for any
  // number of jobs.
  auto one = run_kg("extract --with-text --jobs 1 " + articles);
  auto two = run_kg("extract --with-text --jobs 2 " + articles);
  REQUIRE(one.code == 0);
  REQUIRE(two.code == 0);
  CHECK(one.out == two.out);
  CHECK(one.out.size() > read_all(frags.string()).size());  // with the text
  check_merge_of_merges(dir, frags);
  check_build_matches(dir, articles, frags);
  // The generator's gold is what the text states; extraction must find
  // nearly all of it (a low score means the generator or the rules are wrong).
  // (The JSON Lines part: its gold is corpus/gold.)
  fs::path scored = dir / "scored.jsonl";
  REQUIRE(run_kg("extract -o " + scored.string() + " " + articles + "/part-*.jsonl").code == 0);
  auto eval = run_kg("eval --json --gold " + (dir / "corpus" / "gold").string() + " " +
                     scored.string());
  REQUIRE(eval.code == 0);
  auto f1 = [&](const std::string& part) {
    size_t at = eval.out.find("\"overall\"", eval.out.find("\"" + part + "\""));
    return std::stod(eval.out.substr(eval.out.find("\"f1\": ", at) + 6));
  };
  CHECK(f1("entities") > 0.95);
  CHECK(f1("relations") > 0.95);
  fs::remove_all(dir);
}

TEST_CASE("tools/dask-build on a local cluster writes the kg build graph", "[dask]") {
  fs::path dir = temp_dir("dask");
  std::string articles = generate(dir, 40);
  fs::copy(kg::test::seeds_dir(), fs::path(articles) / "seeds");
  std::string ref = (dir / "build.kggraph").string(), out = (dir / "dask.kggraph").string();
  REQUIRE(run_kg("build -o " + ref + " " + articles).code == 0);
  // Small partitions and a fan-in of 2: several extraction tasks, JSON Lines
  // files cut at line boundaries, and a merge tree three levels deep.
  std::string cmd = std::string("/usr/bin/python3 ") + KG_SOURCE_DIR +
                    "/tools/dask-build --kg " + KG_BINARY +
                    " --partition-mb 0.03 --fan-in 2 -o " + out + " " + articles + " 2>/dev/null";
  REQUIRE(std::system(cmd.c_str()) == 0);
  CHECK(read_all(out) == read_all(ref));
  CHECK(kg::load_graph(out).node_count() > 100);
  fs::remove_all(dir);
}
