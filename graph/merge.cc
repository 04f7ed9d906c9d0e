// Merging, part one: taking records in (part two, the graph out, is
// merge_finish.cc).
//
// Every input -- a fragment's entities or a graph's nodes -- becomes a flat
// record with its strings spelled out, spilled to disk (graph/merge_record.h),
// so records from any source compare by value. Records that share a (label,
// normalised name or alias) key are united as they arrive; each class becomes
// one node. Because classes depend only on the set of keys, and every choice
// (display name, property values, ordering) is a function of the class's
// contents, the result does not depend on input order or grouping: merge is
// commutative and associative.
//
// Canonical choices:
// - display name: the surface form with the most capitals, then the
//   longest, then the byte-wise smallest; the others become aliases. For a
//   country only the names records gave as its name compete (the
//   fragments' canonical "China", not the alias "Chinese"), while there are
//   any: named_by_records.
// - a property set to different values: the byte-wise smallest value's text.
// - nodes sorted by (label, normalised name, name); edges by (type, source,
//   target); symmetric edges stored with source <= target.
#include "graph/merge.h"

#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <deque>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>
#include <stdexcept>

#include "graph/error.h"
#include "graph/fragment_io.h"
#include "graph/graph_file.h"
#include "graph/graph_sink.h"
#include "graph/merge_state.h"
#include "graph/normalize.h"

namespace kg {

using merge_record::EvidenceRef;
using merge_record::MentionRef;

namespace {

// Orders values by their text form so conflicts resolve the same way always.
std::string value_text(const Value& v) {
  switch (v.index()) {
    case 0: return "s" + std::get<std::string>(v);
    case 1: return "i" + std::to_string(std::get<int64_t>(v));
    case 2: return "f" + std::to_string(std::get<double>(v));
    case 3: return std::get<bool>(v) ? "btrue" : "bfalse";
    default: {
      std::string s = "l";
      for (const auto& e : std::get<std::vector<std::string>>(v)) s += e + '\x1f';
      return s;
    }
  }
}

int capitals(std::string_view s) {
  int n = 0;
  for (unsigned char c : s) n += (c >= 'A' && c <= 'Z');
  return n;
}

uint32_t checked_id(size_t n) {
  if (n >= UINT32_MAX) throw std::length_error("merge: more than 4 billion records");
  return static_cast<uint32_t>(n);
}

}  // namespace

void merge_props(Props& into, const Props& from) {
  for (const auto& [k, v] : from) {
    const Value* have = into.get(k);
    if (have == nullptr || value_text(v) < value_text(*have)) into.set(k, v);
  }
}

bool better_name(std::string_view a, std::string_view b) {
  if (capitals(a) != capitals(b)) return capitals(a) > capitals(b);
  if (a.size() != b.size()) return a.size() > b.size();
  return a < b;
}

bool better_choice(bool a_named, std::string_view a, bool b_named, std::string_view b) {
  if (a_named != b_named) return a_named;
  return better_name(a, b);
}

uint32_t Merger::State::find(uint32_t x) {
  while (parent[x] != x) x = parent[x] = parent[parent[x]];
  return x;
}

void Merger::State::link(uint32_t a, uint32_t b) { parent[find(a)] = find(b); }

uint32_t Merger::State::add_entity(Label label, const merge_record::Entity& e) {
  const uint32_t id = checked_id(parent.size());
  scratch.clear();
  merge_record::encode(e, scratch);
  entity_spill.append_record(scratch);
  parent.push_back(id);
  labels.push_back(label);
  entity_bytes.push_back(checked_id(scratch.size()));
  const bool given = gives_name(label, e);
  for (size_t i = 0; i < e.names.size(); ++i) {
    const std::string_view name = e.names[i];
    const bool named = given && i == 0;
    std::string key(1, static_cast<char>(label));
    key += normalize_name(name);
    auto [it, fresh] = keys.try_emplace(std::move(key), Key{id, std::string(name), named});
    if (fresh) continue;
    link(id, it->second.record);
    Key& k = it->second;
    if (better_choice(named, name, k.best_named, k.best)) k.best = name, k.best_named = named;
  }
  return id;
}

void Merger::State::add_relation(RelType type, uint32_t source, uint32_t target,
                                 const merge_record::Relation& r) {
  scratch.clear();
  merge_record::encode(r, scratch);
  relation_spill.append_record(scratch);
  checked_id(relations.size());
  relations.push_back({source, target, checked_id(scratch.size()), type});
}

Merger::Merger(MergeOptions options)
    : options_(std::move(options)), state_(std::make_unique<State>(options_)) {}
Merger::~Merger() = default;

void Merger::add(const Fragment& f) {
  std::unordered_map<std::string_view, uint32_t> index;
  merge_record::Entity rec;
  rec.doc = f.doc;
  for (const auto& e : f.entities) {
    rec.names.assign({e.name});
    rec.names.insert(rec.names.end(), e.aliases.begin(), e.aliases.end());
    rec.props = e.props;
    rec.mentions.clear();
    for (const auto& m : e.mentions) rec.mentions.push_back({f.doc, m.start, m.end, m.rule});
    index[e.id] = state_->add_entity(e.type, rec);
  }
  merge_record::Relation rel;
  rel.doc = f.doc;
  for (const auto& r : f.relations) {
    rel.props = r.props;
    rel.evidence.clear();
    for (const auto& ev : r.evidence)
      rel.evidence.push_back({f.doc, ev.start, ev.end, ev.text, ev.rule});
    state_->add_relation(r.type, index.at(r.source), index.at(r.target), rel);
  }
}

void Merger::add(const Graph& g) { add_without(g, {}); }

namespace {

// Whether every entry comes from one document. Such a record's sources are
// not stored: its one document gave everything (see merge_finish.cc).
template <class T>
bool single_doc(const std::vector<T>& entries) {
  if (entries.empty()) return false;
  for (const auto& x : entries)
    if (x.doc != entries[0].doc) return false;
  return true;
}

// Whether some source gave property `key` the value `v`.
bool sourced_value(std::span<const Source> sources, const std::string& key, const Value& v) {
  for (const Source& src : sources)
    if (const Value* have = src.props.get(key); have != nullptr && *have == v) return true;
  return false;
}

// A graph's node becomes one record per source document (its names, values
// and mentions) plus one for the rest: what no source accounts for, such as
// an imported node's names or mentions of documents without a source. So a
// removed document takes its names and values with it, and the rest stays
// unless it lived only on mentions that are now gone. Edges likewise, with
// the evidence grouped by document so each part hangs on that document's
// part of its end nodes.
//
// GraphFolder does this one record at a time, nodes in id order and then
// edges, so a graph file can be folded in as it streams past (add_graph_file)
// as well as a Graph in memory (add_without). `Strings` resolves the graph's
// Syms: a Graph, or the string table of a streamed file. Within one graph a
// Sym names one string and a string has one Sym, so documents compare by
// Sym: a country node can have a source and mentions in every document, and
// comparing their text pairwise was quadratic.
template <class Strings>
class GraphFolder {
 public:
  GraphFolder(Merger::State& state, const Strings& strings, std::span<const std::string> docs)
      : state_(state), strings_(strings), gone_(docs.begin(), docs.end()) {}

  void node(const Node& n, std::span<const Source> sources);
  void edge(const Edge& e, std::span<const Source> sources);

 private:
  static constexpr uint32_t kNone = UINT32_MAX;
  static uint64_t part_key(NodeId n, Sym doc) { return uint64_t{n} << 32 | doc; }
  std::string_view str(Sym s) const { return strings_.str(s); }

  Merger::State& state_;
  const Strings& strings_;
  const std::set<std::string_view> gone_;
  std::vector<uint32_t> first_;                 // node -> its first kept record
  std::unordered_map<uint64_t, uint32_t> part_;  // (node, doc) -> record
  std::unordered_map<Sym, std::vector<const NodeMention*>> mentions_of_;  // scratch
};

template <class Strings>
void GraphFolder<Strings>::node(const Node& n, std::span<const Source> sources) {
  const NodeId i = static_cast<NodeId>(first_.size());
  std::vector<Source> implicit;
  if (sources.empty() && single_doc(n.mentions)) {
    implicit.push_back({n.mentions[0].doc, {n.name}, n.props});
    implicit[0].names.insert(implicit[0].names.end(), n.aliases.begin(), n.aliases.end());
    sources = implicit;
  }
  mentions_of_.clear();
  for (const auto& m : n.mentions) mentions_of_[m.doc].push_back(&m);
  uint32_t begin = kNone;
  std::unordered_set<Sym> sourced_docs;
  std::set<std::string_view> sourced_names;
  for (const Source& src : sources) {
    std::string_view doc = str(src.doc);
    sourced_docs.insert(src.doc);
    sourced_names.insert(src.names.begin(), src.names.end());
    if (gone_.count(doc)) continue;
    merge_record::Entity r{doc, {src.names.begin(), src.names.end()}, src.props, {}};
    if (auto it = mentions_of_.find(src.doc); it != mentions_of_.end())
      for (const NodeMention* m : it->second)
        r.mentions.push_back({doc, m->start, m->end, str(m->rule)});
    const uint32_t id = state_.add_entity(n.label, r);
    part_[part_key(i, src.doc)] = id;
    if (begin == kNone) begin = id;
  }
  // The rest gives the node's name when no document did. Where records'
  // names decide (named_by_records), a document gives it only as its first
  // name, so a name that won as some record's name survives merging again.
  const bool name_given =
      named_by_records(n.label)
          ? std::any_of(sources.begin(), sources.end(),
                        [&](const Source& src) { return !src.names.empty() && src.names[0] == n.name; })
          : sourced_names.count(n.name) > 0;
  merge_record::Entity rest;
  rest.named = !name_given;
  if (!name_given) rest.names.push_back(n.name);
  for (const auto& a : n.aliases)
    if (!sourced_names.count(a)) rest.names.push_back(a);
  for (const auto& [k, v] : n.props)
    if (!sourced_value(sources, k, v)) rest.props.set(k, v);
  size_t had = 0;
  for (const auto& m : n.mentions) {
    if (sourced_docs.count(m.doc)) continue;
    std::string_view doc = str(m.doc);
    ++had;
    if (!gone_.count(doc)) rest.mentions.push_back({doc, m.start, m.end, str(m.rule)});
  }
  // A record that never had mentions (imported) stays; one whose mentions
  // were all removed goes. A rest without names needs a part to hang on.
  const bool alive = had == 0 || !rest.mentions.empty();
  const bool needed = !rest.names.empty() || !rest.props.empty() || !rest.mentions.empty();
  if (alive && needed && (!rest.names.empty() || begin != kNone)) {
    const uint32_t id = state_.add_entity(n.label, rest);
    if (begin != kNone) state_.link(begin, id);
    else begin = id;
  }
  first_.push_back(begin);
}

template <class Strings>
void GraphFolder<Strings>::edge(const Edge& e, std::span<const Source> sources) {
  if (first_[e.source] == kNone || first_[e.target] == kNone) return;  // an end is gone
  auto end_for = [&](NodeId n, Sym doc) {
    auto it = part_.find(part_key(n, doc));
    return it != part_.end() ? it->second : first_[n];
  };
  std::vector<Source> implicit;
  if (sources.empty() && !e.props.empty() && single_doc(e.evidence)) {
    implicit.push_back({e.evidence[0].doc, {}, e.props});
    sources = implicit;
  }
  std::map<std::string_view, std::pair<Sym, merge_record::Relation>> by_doc;
  auto rec = [&](Sym sym) -> merge_record::Relation& {
    const std::string_view doc = str(sym);
    auto [it, fresh] = by_doc.try_emplace(doc);
    if (fresh) it->second = {sym, {}}, it->second.second.doc = doc;
    return it->second.second;
  };
  for (const Source& src : sources)
    if (!gone_.count(str(src.doc))) rec(src.doc).props = src.props;
  size_t kept = 0;
  for (const auto& ev : e.evidence) {
    std::string_view doc = str(ev.doc);
    if (gone_.count(doc)) continue;
    ++kept;
    rec(ev.doc).evidence.push_back({doc, ev.start, ev.end, str(ev.text), str(ev.rule)});
  }
  for (auto& [doc, part_of_doc] : by_doc) {
    const auto& [sym, r] = part_of_doc;
    state_.add_relation(e.type, end_for(e.source, sym), end_for(e.target, sym), r);
  }
  // The rest: values no source gave; an edge that never had evidence stays.
  merge_record::Relation rest;
  for (const auto& [k, v] : e.props)
    if (!sourced_value(sources, k, v)) rest.props.set(k, v);
  if ((e.evidence.empty() && by_doc.empty()) ||
      (!rest.props.empty() && (e.evidence.empty() || kept > 0)))
    state_.add_relation(e.type, first_[e.source], first_[e.target], rest);
}

// The strings of a graph file being streamed: the one part of it held whole
// (records refer to them by index from anywhere in the file).
class StringTable {
 public:
  Sym intern(std::string_view s) {
    if (auto it = index_.find(s); it != index_.end()) return it->second;
    const Sym sym = static_cast<Sym>(strings_.size());
    strings_.emplace_back(s);
    index_.emplace(strings_.back(), sym);  // a deque never moves its elements
    return sym;
  }
  std::string_view str(Sym s) const { return strings_[s]; }

 private:
  std::deque<std::string> strings_;
  std::unordered_map<std::string_view, Sym> index_;
};

// A graph file folded into the merge as the loader reads it.
class StreamedGraph final : public GraphSink {
 public:
  explicit StreamedGraph(Merger::State& state) : fold_(state, strings_, {}) {}
  Sym intern(std::string_view s) override { return strings_.intern(s); }
  void add_node(Node&& node, std::vector<Source>&& sources) override { fold_.node(node, sources); }
  void add_edge(Edge&& edge, std::vector<Source>&& sources) override { fold_.edge(edge, sources); }

 private:
  StringTable strings_;
  GraphFolder<StringTable> fold_;
};

}  // namespace

void Merger::add_without(const Graph& g, const std::vector<std::string>& docs) {
  GraphFolder<Graph> fold(*state_, g, docs);
  for (NodeId i = 0; i < g.node_count(); ++i) fold.node(g.node(i), g.node_sources(i));
  for (EdgeId i = 0; i < g.edge_count(); ++i) fold.edge(g.edge(i), g.edge_sources(i));
}

void Merger::add_graph_file(const std::string& path) {
  StreamedGraph sink(*state_);
  load_graph_into(path, sink);
}

namespace {

// Where a graph file starts: the header save_graph writes first.
bool is_graph_line(std::string_view line) {
  std::string_view head = line.substr(0, 256);
  return head.find("\"format\":\"kg-graph\"") != std::string_view::npos ||
         head.find("\"format\": \"kg-graph\"") != std::string_view::npos;
}

// A graph file that arrived as one line of a stream goes through the one
// graph loader (it reads a path) by way of an anonymous in-memory file, so
// there is a single parser to trust; the line is freed once copied, so the
// graph is held once, as text. Errors name `place`.
void add_graph_line(Merger& merger, std::string& line, const std::string& place) {
  int fd = memfd_create("kg-graph-line", MFD_CLOEXEC);
  if (fd < 0) throw IoError(place + ": cannot create an in-memory file");
  struct Closer {
    int fd;
    ~Closer() { close(fd); }
  } closer{fd};
  for (size_t done = 0; done < line.size();) {
    ssize_t n = write(fd, line.data() + done, line.size() - done);
    if (n < 0) throw IoError(place + ": cannot write an in-memory file");
    done += static_cast<size_t>(n);
  }
  std::string().swap(line);
  const std::string path = "/proc/self/fd/" + std::to_string(fd);
  try {
    merger.add_graph_file(path);
  } catch (const InputError& e) {
    std::string what = e.what();
    if (what.rfind(path, 0) == 0) what = place + what.substr(path.size());
    throw InputError(what);
  }
}

}  // namespace

void add_lines(Merger& merger, std::istream& in, const std::string& name) {
  std::string line;
  uint64_t line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    if (is_graph_line(line))
      add_graph_line(merger, line, name + ":" + std::to_string(line_no));
    else
      merger.add(fragment_from_json(line, name, line_no));
  }
  if (in.bad()) throw IoError(name + ": read error");
}

Graph remove_documents(const Graph& graph, const std::vector<std::string>& docs) {
  Merger m;
  m.add_without(graph, docs);
  return m.finish();
}

}  // namespace kg
