// The graph file, version 1 (README "Graph file format"):
//   {"format": "kg-graph", "version": 1,
//    "counts": {"strings": S, "nodes": N, "edges": M},   sizes, so a reader can reserve
//    "strings": [...],                       interned strings, indexed from 0
//    "nodes": [{"label", "name", "aliases": [...], "props": {...},
//               "mentions": [[doc, start, end, rule], ...]}],   doc/rule: string indexes
//    "edges": [{"type", "source", "target", "props": {...},
//               "evidence": [[doc, start, end, text, rule], ...]}]}
//    optional in nodes: "sources": [[doc, [names], {props}], ...], in edges:
//    "sources": [[doc, {props}], ...]: what each document contributed
// Node ids are positions in "nodes". Writing streams through rapidjson::Writer
// into an AtomicFile in 1 MiB chunks. Reading is graph/graph_file_load.cc.
#include "graph/graph_file.h"

#include <rapidjson/writer.h>

#include <fstream>
#include <memory>

#include "graph/atomic_file.h"
#include "graph/error.h"
#include "graph/graph_file_json.h"
#include "graph/version.h"

namespace kg {

namespace {

// A rapidjson output stream that hands full chunks to an AtomicFile. The
// writer reserves room before each value (PutReserve below) and then stores
// bytes unchecked, so writing a byte is one store.
class ChunkStream {
 public:
  using Ch = char;
  explicit ChunkStream(AtomicFile& file) : file_(file) { resize(kChunk); }
  void Put(char c) {
    if (cur_ == end_) Flush();
    *cur_++ = c;
  }
  void PutUnchecked(char c) { *cur_++ = c; }
  void Reserve(size_t n) {
    if (static_cast<size_t>(end_ - cur_) >= n) return;
    Flush();
    if (n > static_cast<size_t>(end_ - cur_)) resize(n);  // a value longer than a chunk
  }
  void Flush() {
    file_.write(buf_.get(), static_cast<size_t>(cur_ - buf_.get()));
    cur_ = buf_.get();
  }

 private:
  static constexpr size_t kChunk = 1 << 20;
  void resize(size_t n) {
    buf_.reset(new char[n]);
    cur_ = buf_.get();
    end_ = cur_ + n;
  }
  AtomicFile& file_;
  std::unique_ptr<char[]> buf_;
  char* cur_ = nullptr;
  char* end_ = nullptr;
};

}  // namespace
}  // namespace kg

namespace rapidjson {
template <>
inline void PutReserve(kg::ChunkStream& stream, size_t count) {
  stream.Reserve(count);
}
template <>
inline void PutUnsafe(kg::ChunkStream& stream, char c) {
  stream.PutUnchecked(c);
}
}  // namespace rapidjson

namespace kg {
namespace {

using Writer = rapidjson::Writer<ChunkStream>;

void str(Writer& w, std::string_view s) { graph_json::str(w, s); }

}  // namespace

void save_graph(const Graph& g, const std::string& path) {
  AtomicFile file(path);
  ChunkStream out(file);
  Writer w(out);
  w.StartObject();
  w.Key("format"); str(w, kGraphFormatName);
  w.Key("version"); w.Int(kGraphFormatVersion);
  // Strings are renumbered in first-use order, so equal graphs give equal files.
  std::vector<uint32_t> renum;
  std::vector<Sym> order;
  auto id = [&](Sym s) {
    if (s >= renum.size()) renum.resize(s + 1, UINT32_MAX);
    if (renum[s] == UINT32_MAX) {
      renum[s] = static_cast<uint32_t>(order.size());
      order.push_back(s);
    }
    return renum[s];
  };
  for (NodeId i = 0; i < g.node_count(); ++i) {
    for (const auto& m : g.node(i).mentions) id(m.doc), id(m.rule);
    for (const auto& src : g.node_sources(i)) id(src.doc);
  }
  for (EdgeId i = 0; i < g.edge_count(); ++i) {
    for (const auto& e : g.edge(i).evidence) id(e.doc), id(e.text), id(e.rule);
    for (const auto& src : g.edge_sources(i)) id(src.doc);
  }
  // Sizes first, so a reader can reserve exactly instead of growing.
  w.Key("counts");
  w.StartObject();
  w.Key("strings"); w.Uint64(order.size());
  w.Key("nodes"); w.Uint64(g.node_count());
  w.Key("edges"); w.Uint64(g.edge_count());
  w.EndObject();
  w.Key("strings");
  w.StartArray();
  for (Sym s : order) str(w, g.str(s));
  w.EndArray();
  auto file_id = [&](Sym s) { return renum[s]; };
  w.Key("nodes");
  w.StartArray();
  for (NodeId i = 0; i < g.node_count(); ++i)
    graph_json::node(w, g.node(i), g.node_sources(i), file_id);
  w.EndArray();
  w.Key("edges");
  w.StartArray();
  for (EdgeId i = 0; i < g.edge_count(); ++i)
    graph_json::edge(w, g.edge(i), g.edge_sources(i), file_id);
  w.EndArray();
  w.EndObject();
  out.Put('\n');
  out.Flush();
  file.commit();
}

bool looks_like_graph_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  char buf[256] = {};
  in.read(buf, sizeof(buf) - 1);
  std::string_view head(buf, static_cast<size_t>(in.gcount()));
  return head.find("\"format\":\"kg-graph\"") != std::string_view::npos ||
         head.find("\"format\": \"kg-graph\"") != std::string_view::npos;
}

}  // namespace kg
