// The graph file, version 1 (README "Graph file format"):
//   {"format": "kg-graph", "version": 1,
//    "strings": [...],                       interned strings, indexed from 0
//    "nodes": [{"label", "name", "aliases": [...], "props": {...},
//               "mentions": [[doc, start, end, rule], ...]}],   doc/rule: string indexes
//    "edges": [{"type", "source", "target", "props": {...},
//               "evidence": [[doc, start, end, text, rule], ...]}]}
// Node ids are positions in "nodes". Writing streams through rapidjson::Writer
// into an AtomicFile in 1 MiB chunks; reading parses the whole file with the
// iterative parser (hostile nesting cannot overflow the stack) and checks
// every field: a parse error names its byte offset, a bad record its index.
#include "graph/graph_file.h"

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <rapidjson/writer.h>

#include <fstream>
#include <sstream>

#include "graph/atomic_file.h"
#include "graph/error.h"
#include "graph/version.h"

namespace kg {

namespace {

// A rapidjson output stream that hands full chunks to an AtomicFile.
class ChunkStream {
 public:
  using Ch = char;
  explicit ChunkStream(AtomicFile& file) : file_(file) { buf_.reserve(kChunk + 64); }
  void Put(char c) {
    buf_ += c;
    if (buf_.size() >= kChunk) Flush();
  }
  void Flush() {
    file_.write(buf_);
    buf_.clear();
  }

 private:
  static constexpr size_t kChunk = 1 << 20;
  AtomicFile& file_;
  std::string buf_;
};

using Writer = rapidjson::Writer<ChunkStream>;

void str(Writer& w, std::string_view s) { w.String(s.data(), static_cast<rapidjson::SizeType>(s.size())); }

void write_props(Writer& w, const Props& props) {
  w.StartObject();
  for (const auto& [key, v] : props) {
    str(w, key);
    switch (v.index()) {
      case 0: str(w, std::get<std::string>(v)); break;
      case 1: w.Int64(std::get<int64_t>(v)); break;
      case 2: w.Double(std::get<double>(v)); break;
      case 3: w.Bool(std::get<bool>(v)); break;
      default:
        w.StartArray();
        for (const auto& s : std::get<std::vector<std::string>>(v)) str(w, s);
        w.EndArray();
    }
  }
  w.EndObject();
}

struct Reader {
  const std::string& path;
  size_t offset = 0;   // byte offset of a parse error
  std::string record;  // "node 12", "edge 7": where a well-formed file is wrong

  [[noreturn]] void fail(const std::string& what) const {
    if (!record.empty()) throw InputError(path + ": " + record + ": " + what);
    throw InputError::at_offset(path, offset, what);
  }

  const rapidjson::Value& member(const rapidjson::Value& obj, const char* key) const {
    if (!obj.IsObject()) fail("expected an object");
    auto it = obj.FindMember(key);
    if (it == obj.MemberEnd()) fail(std::string("missing \"") + key + "\"");
    return it->value;
  }
  std::string string(const rapidjson::Value& v, const char* what) const {
    if (!v.IsString()) fail(std::string(what) + " must be a string");
    return std::string(v.GetString(), v.GetStringLength());
  }
  uint32_t uint(const rapidjson::Value& v, const char* what) const {
    if (!v.IsUint()) fail(std::string(what) + " must be a non-negative integer");
    return v.GetUint();
  }
  Sym sym(const rapidjson::Value& v, size_t strings) const {
    uint32_t s = uint(v, "a string index");
    if (s >= strings) fail("string index " + std::to_string(s) + " out of range");
    return s;
  }
  Props props(const rapidjson::Value& obj) const {
    Props p;
    if (!obj.IsObject()) fail("\"props\" must be an object");
    for (const auto& m : obj.GetObject()) {
      std::string key(m.name.GetString(), m.name.GetStringLength());
      const auto& v = m.value;
      if (v.IsString()) p.set(key, std::string(v.GetString(), v.GetStringLength()));
      else if (v.IsBool()) p.set(key, v.GetBool());
      else if (v.IsInt64()) p.set(key, v.GetInt64());
      else if (v.IsNumber()) p.set(key, v.GetDouble());
      else if (v.IsArray()) {
        std::vector<std::string> list;
        for (const auto& e : v.GetArray()) list.push_back(string(e, "a list element"));
        p.set(key, std::move(list));
      } else fail("property \"" + key + "\" has an unsupported type");
    }
    return p;
  }
};

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
  for (NodeId i = 0; i < g.node_count(); ++i)
    for (const auto& m : g.node(i).mentions) id(m.doc), id(m.rule);
  for (EdgeId i = 0; i < g.edge_count(); ++i)
    for (const auto& e : g.edge(i).evidence) id(e.doc), id(e.text), id(e.rule);
  w.Key("strings");
  w.StartArray();
  for (Sym s : order) str(w, g.str(s));
  w.EndArray();
  w.Key("nodes");
  w.StartArray();
  for (NodeId i = 0; i < g.node_count(); ++i) {
    const Node& n = g.node(i);
    w.StartObject();
    w.Key("label"); str(w, to_string(n.label));
    w.Key("name"); str(w, n.name);
    w.Key("aliases");
    w.StartArray();
    for (const auto& a : n.aliases) str(w, a);
    w.EndArray();
    w.Key("props"); write_props(w, n.props);
    w.Key("mentions");
    w.StartArray();
    for (const auto& m : n.mentions) {
      w.StartArray();
      w.Uint(renum[m.doc]); w.Uint(m.start); w.Uint(m.end); w.Uint(renum[m.rule]);
      w.EndArray();
    }
    w.EndArray();
    w.EndObject();
  }
  w.EndArray();
  w.Key("edges");
  w.StartArray();
  for (EdgeId i = 0; i < g.edge_count(); ++i) {
    const Edge& e = g.edge(i);
    w.StartObject();
    w.Key("type"); str(w, to_string(e.type));
    w.Key("source"); w.Uint(e.source);
    w.Key("target"); w.Uint(e.target);
    w.Key("props"); write_props(w, e.props);
    w.Key("evidence");
    w.StartArray();
    for (const auto& ev : e.evidence) {
      w.StartArray();
      w.Uint(renum[ev.doc]); w.Uint(ev.start); w.Uint(ev.end); w.Uint(renum[ev.text]);
      w.Uint(renum[ev.rule]);
      w.EndArray();
    }
    w.EndArray();
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  out.Put('\n');
  out.Flush();
  file.commit();
}

Graph load_graph(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw IoError(path + ": cannot open for reading");
  std::stringstream ss;
  ss << in.rdbuf();
  std::string text = std::move(ss).str();
  Reader r{path};
  if (text.find_first_not_of(" \t\r\n") == std::string::npos) r.fail("empty file, not a kg graph file");
  rapidjson::Document d;
  d.Parse<rapidjson::kParseIterativeFlag>(text.data(), text.size());
  if (d.HasParseError()) {
    r.offset = d.GetErrorOffset();
    r.fail(std::string(rapidjson::GetParseError_En(d.GetParseError())) +
           (r.offset >= text.size() ? " (the file is truncated)" : ""));
  }
  if (!d.IsObject() || !d.HasMember("format") || !d["format"].IsString() ||
      std::string_view(d["format"].GetString()) != kGraphFormatName)
    r.fail(std::string("not a kg graph file (no \"format\": \"") + kGraphFormatName + "\")");
  const auto& version = r.member(d, "version");
  if (!version.IsInt() || version.GetInt() != kGraphFormatVersion)
    r.fail("unsupported graph file version (this kg reads version " +
           std::to_string(kGraphFormatVersion) + ")");
  Graph g;
  std::vector<Sym> syms;
  const auto& strings = r.member(d, "strings");
  if (!strings.IsArray()) r.fail("\"strings\" must be an array");
  for (const auto& s : strings.GetArray()) syms.push_back(g.intern(r.string(s, "a string")));
  auto sym = [&](const rapidjson::Value& v) { return syms[r.sym(v, syms.size())]; };
  const auto& nodes = r.member(d, "nodes");
  const auto& edges = r.member(d, "edges");
  if (!nodes.IsArray() || !edges.IsArray()) r.fail("\"nodes\" and \"edges\" must be arrays");
  size_t index = 0;
  for (const auto& jn : nodes.GetArray()) {
    r.record = "node " + std::to_string(index++);
    Node n;
    std::string label = r.string(r.member(jn, "label"), "\"label\"");
    auto l = parse_label(label);
    if (!l) r.fail("unknown label \"" + label + "\"");
    n.label = *l;
    n.name = r.string(r.member(jn, "name"), "\"name\"");
    const auto& aliases = r.member(jn, "aliases");
    if (!aliases.IsArray()) r.fail("\"aliases\" must be an array");
    for (const auto& a : aliases.GetArray()) n.aliases.push_back(r.string(a, "an alias"));
    n.props = r.props(r.member(jn, "props"));
    const auto& mentions = r.member(jn, "mentions");
    if (!mentions.IsArray()) r.fail("\"mentions\" must be an array");
    for (const auto& m : mentions.GetArray()) {
      if (!m.IsArray() || m.Size() != 4) r.fail("a mention is [doc, start, end, rule]");
      n.mentions.push_back({sym(m[0]), r.uint(m[1], "start"), r.uint(m[2], "end"), sym(m[3])});
    }
    g.add_node(std::move(n));
  }
  index = 0;
  for (const auto& je : edges.GetArray()) {
    r.record = "edge " + std::to_string(index++);
    Edge e;
    std::string type = r.string(r.member(je, "type"), "\"type\"");
    auto t = parse_rel_type(type);
    if (!t) r.fail("unknown type \"" + type + "\"");
    e.type = *t;
    e.source = r.uint(r.member(je, "source"), "\"source\"");
    e.target = r.uint(r.member(je, "target"), "\"target\"");
    if (e.source >= g.node_count() || e.target >= g.node_count())
      r.fail("points at a missing node");
    e.props = r.props(r.member(je, "props"));
    const auto& evidence = r.member(je, "evidence");
    if (!evidence.IsArray()) r.fail("\"evidence\" must be an array");
    for (const auto& v : evidence.GetArray()) {
      if (!v.IsArray() || v.Size() != 5) r.fail("evidence is [doc, start, end, text, rule]");
      e.evidence.push_back(
          {sym(v[0]), r.uint(v[1], "start"), r.uint(v[2], "end"), sym(v[3]), sym(v[4])});
    }
    g.add_edge(std::move(e));
  }
  return g;
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
