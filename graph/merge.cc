// Merging by union-find over (label, normalised name or alias).
//
// Every input -- a fragment's entities or a graph's nodes -- becomes a flat
// record with its strings spelled out (no interned ids), so records from any
// source compare by value. Records that share a (label, normalised name or
// alias) key are united; each class becomes one node. Because classes depend
// only on the set of keys, and every choice below (display name, property
// values, ordering) is a function of the class's contents, the result does
// not depend on input order or grouping: merge is commutative and associative.
//
// Canonical choices:
// - display name: among all surface forms, the one with the most capitals,
//   then the longest, then the byte-wise smallest; the others become aliases.
// - a property set to different values: the byte-wise smallest value's text.
// - nodes sorted by (label, normalised name, name); edges by (type, source,
//   target); symmetric edges stored with source <= target.
#include "graph/merge.h"

#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <iterator>
#include <map>
#include <numeric>
#include <set>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

#include "graph/error.h"
#include "graph/fragment_io.h"
#include "graph/graph_file.h"
#include "graph/normalize.h"

namespace kg {

namespace {

// Strings of mentions and evidence (document ids, rule ids, sentences) are
// held once each in the Merger's pool and pointed to: a corpus repeats them
// in every record, and the pointers still order by the text.
using Str = const std::string*;

struct MentionRec {
  Str doc;
  uint32_t start, end;
  Str rule;
  auto key() const { return std::tie(*doc, start, end, *rule); }
  bool operator<(const MentionRec& o) const { return key() < o.key(); }
  bool operator==(const MentionRec& o) const { return key() == o.key(); }
};

struct EvidenceRec {
  Str doc;
  uint32_t start, end;
  Str text, rule;
  auto key() const { return std::tie(*doc, start, end, *text, *rule); }
  bool operator<(const EvidenceRec& o) const { return key() < o.key(); }
  bool operator==(const EvidenceRec& o) const { return key() == o.key(); }
};

// What one document gave a merged record (Graph's Source, with the text).
struct SourceRec {
  std::vector<std::string> names;
  Props props;
};

// One document's entity, or the part of a graph's node that no source
// accounts for (doc ""). A merged class also collects its sources by document.
struct EntityRec {
  Label label;
  std::vector<std::string> names;  // name first, then aliases
  Props props;
  std::vector<MentionRec> mentions;
  std::string doc;
  std::map<std::string, SourceRec> sources;  // merged classes only
};

struct RelationRec {
  RelType type;
  size_t source, target;  // EntityRec indexes
  Props props;
  std::vector<EvidenceRec> evidence;
  std::string doc;
  std::map<std::string, SourceRec> sources;  // merged edges only
};

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

void merge_props(Props& into, const Props& from) {
  for (const auto& [k, v] : from) {
    const Value* have = into.get(k);
    if (have == nullptr || value_text(v) < value_text(*have)) into.set(k, v);
  }
}

int capitals(const std::string& s) {
  int n = 0;
  for (unsigned char c : s) n += (c >= 'A' && c <= 'Z');
  return n;
}

bool better_name(const std::string& a, const std::string& b) {
  if (capitals(a) != capitals(b)) return capitals(a) > capitals(b);
  if (a.size() != b.size()) return a.size() > b.size();
  return a < b;
}

template <class T>
void sort_unique(std::vector<T>& v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
}

size_t find_root(std::vector<size_t>& parent, size_t x) {
  while (parent[x] != x) x = parent[x] = parent[parent[x]];
  return x;
}

}  // namespace

struct Merger::State {
  std::unordered_set<std::string> pool;  // node-based: the pointers stay valid
  std::vector<EntityRec> entities;
  std::vector<RelationRec> relations;
  // Records that are one node whatever their names say (a graph node's parts).
  std::vector<std::pair<size_t, size_t>> links;

  Str intern(std::string_view s) { return &*pool.emplace(s).first; }
};

Merger::Merger() : state_(std::make_unique<State>()) {}
Merger::~Merger() = default;

void Merger::add(const Fragment& f) {
  std::unordered_map<std::string, size_t> index;
  for (const auto& e : f.entities) {
    EntityRec r{e.type, {e.name}, e.props, {}, f.doc, {}};
    r.names.insert(r.names.end(), e.aliases.begin(), e.aliases.end());
    for (const auto& m : e.mentions)
      r.mentions.push_back({state_->intern(f.doc), m.start, m.end, state_->intern(m.rule)});
    index[e.id] = state_->entities.size();
    state_->entities.push_back(std::move(r));
  }
  for (const auto& rel : f.relations) {
    RelationRec r{rel.type, index.at(rel.source), index.at(rel.target), rel.props, {}, f.doc, {}};
    for (const auto& ev : rel.evidence)
      r.evidence.push_back({state_->intern(f.doc), ev.start, ev.end, state_->intern(ev.text),
                            state_->intern(ev.rule)});
    state_->relations.push_back(std::move(r));
  }
}

void Merger::add(const Graph& g) { add_without(g, {}); }

namespace {

// Whether every entry comes from one document. Such a record's sources are
// not stored: its one document gave everything (see Merger::finish).
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

}  // namespace

// A graph's node becomes one record per source document (its names, values
// and mentions) plus one for the rest: what no source accounts for, such as
// an imported node's names or mentions of documents without a source. So a
// removed document takes its names and values with it, and the rest stays
// unless it lived only on mentions that are now gone. Edges likewise, with
// the evidence grouped by document so each part hangs on that document's
// part of its end nodes.
void Merger::add_without(const Graph& g, const std::vector<std::string>& docs) {
  const std::set<std::string_view> gone(docs.begin(), docs.end());
  auto& ents = state_->entities;
  std::vector<size_t> first(g.node_count(), SIZE_MAX);  // a node's first kept record
  std::map<std::pair<NodeId, std::string_view>, size_t> part;  // (node, doc) -> record
  for (NodeId i = 0; i < g.node_count(); ++i) {
    const Node& n = g.node(i);
    std::vector<Source> implicit;
    std::span<const Source> sources = g.node_sources(i);
    if (sources.empty() && single_doc(n.mentions)) {
      implicit.push_back({n.mentions[0].doc, {n.name}, n.props});
      implicit[0].names.insert(implicit[0].names.end(), n.aliases.begin(), n.aliases.end());
      sources = implicit;
    }
    const size_t begin = ents.size();
    std::set<std::string_view> sourced_docs;
    std::set<std::string_view> sourced_names;
    for (const Source& src : sources) {
      std::string_view doc = g.str(src.doc);
      sourced_docs.insert(doc);
      sourced_names.insert(src.names.begin(), src.names.end());
      if (gone.count(doc)) continue;
      EntityRec r{n.label, src.names, src.props, {}, std::string(doc), {}};
      for (const auto& m : n.mentions)
        if (g.str(m.doc) == doc)
          r.mentions.push_back({state_->intern(doc), m.start, m.end, state_->intern(g.str(m.rule))});
      part[{i, doc}] = ents.size();
      ents.push_back(std::move(r));
    }
    EntityRec rest{n.label, {}, {}, {}, "", {}};
    if (!sourced_names.count(n.name)) rest.names.push_back(n.name);
    for (const auto& a : n.aliases)
      if (!sourced_names.count(a)) rest.names.push_back(a);
    for (const auto& [k, v] : n.props)
      if (!sourced_value(sources, k, v)) rest.props.set(k, v);
    size_t had = 0;
    for (const auto& m : n.mentions) {
      std::string_view doc = g.str(m.doc);
      if (sourced_docs.count(doc)) continue;
      ++had;
      if (!gone.count(doc))
        rest.mentions.push_back({state_->intern(doc), m.start, m.end, state_->intern(g.str(m.rule))});
    }
    // A record that never had mentions (imported) stays; one whose mentions
    // were all removed goes. A rest without names needs a part to hang on.
    const bool alive = had == 0 || !rest.mentions.empty();
    const bool needed = !rest.names.empty() || !rest.props.empty() || !rest.mentions.empty();
    if (alive && needed && (!rest.names.empty() || ents.size() > begin)) {
      if (ents.size() > begin) state_->links.emplace_back(begin, ents.size());
      ents.push_back(std::move(rest));
    }
    if (ents.size() > begin) first[i] = begin;
  }
  for (EdgeId i = 0; i < g.edge_count(); ++i) {
    const Edge& e = g.edge(i);
    if (first[e.source] == SIZE_MAX || first[e.target] == SIZE_MAX) continue;  // an end is gone
    auto end_for = [&](NodeId n, std::string_view doc) {
      auto it = part.find({n, doc});
      return it != part.end() ? it->second : first[n];
    };
    std::vector<Source> implicit;
    std::span<const Source> sources = g.edge_sources(i);
    if (sources.empty() && !e.props.empty() && single_doc(e.evidence)) {
      implicit.push_back({e.evidence[0].doc, {}, e.props});
      sources = implicit;
    }
    std::map<std::string_view, RelationRec> by_doc;
    auto rec = [&](std::string_view doc) -> RelationRec& {
      auto [it, fresh] = by_doc.try_emplace(doc);
      if (fresh)
        it->second = RelationRec{e.type, end_for(e.source, doc), end_for(e.target, doc), {}, {},
                                 std::string(doc), {}};
      return it->second;
    };
    for (const Source& src : sources) {
      std::string_view doc = g.str(src.doc);
      if (!gone.count(doc)) rec(doc).props = src.props;
    }
    size_t kept = 0;
    for (const auto& ev : e.evidence) {
      std::string_view doc = g.str(ev.doc);
      if (gone.count(doc)) continue;
      ++kept;
      rec(doc).evidence.push_back({state_->intern(doc), ev.start, ev.end,
                                   state_->intern(g.str(ev.text)), state_->intern(g.str(ev.rule))});
    }
    for (auto& [doc, r] : by_doc) state_->relations.push_back(std::move(r));
    // The rest: values no source gave; an edge that never had evidence stays.
    RelationRec rest{e.type, first[e.source], first[e.target], {}, {}, "", {}};
    for (const auto& [k, v] : e.props)
      if (!sourced_value(sources, k, v)) rest.props.set(k, v);
    if ((e.evidence.empty() && by_doc.empty()) ||
        (!rest.props.empty() && (e.evidence.empty() || kept > 0)))
      state_->relations.push_back(std::move(rest));
  }
}

Graph Merger::finish() {
  auto& ents = state_->entities;
  std::vector<size_t> parent(ents.size());
  std::iota(parent.begin(), parent.end(), 0);
  std::unordered_map<std::string, size_t> owner;
  for (auto [a, b] : state_->links) parent[find_root(parent, a)] = find_root(parent, b);
  for (size_t i = 0; i < ents.size(); ++i) {
    for (const auto& name : ents[i].names) {
      std::string key(1, static_cast<char>(ents[i].label));
      key += normalize_name(name);
      auto [it, fresh] = owner.emplace(std::move(key), i);
      if (!fresh) parent[find_root(parent, i)] = find_root(parent, it->second);
    }
  }
  // One merged record per class.
  std::map<size_t, EntityRec> classes;
  for (size_t i = 0; i < ents.size(); ++i) {
    size_t root = find_root(parent, i);
    auto [it, fresh] = classes.try_emplace(root);
    EntityRec& c = it->second;
    if (fresh) c.label = ents[i].label;
    if (!ents[i].doc.empty()) {
      SourceRec& src = c.sources[ents[i].doc];
      src.names.insert(src.names.end(), ents[i].names.begin(), ents[i].names.end());
      merge_props(src.props, ents[i].props);
    }
    c.names.insert(c.names.end(), std::make_move_iterator(ents[i].names.begin()),
                   std::make_move_iterator(ents[i].names.end()));
    merge_props(c.props, ents[i].props);
    c.mentions.insert(c.mentions.end(), ents[i].mentions.begin(), ents[i].mentions.end());
    ents[i] = EntityRec{};  // moved into its class: peak memory is one copy
  }
  struct Out {
    std::string norm;
    Node node;
    std::vector<MentionRec> mentions;
    size_t root;
    std::map<std::string, SourceRec> sources;
  };
  std::vector<Out> outs;
  for (auto& [root, c] : classes) {
    sort_unique(c.names);
    std::string best = *std::min_element(c.names.begin(), c.names.end(), better_name);
    Out o;
    o.norm = normalize_name(best);
    o.node.label = c.label;
    o.node.name = best;
    for (auto& n : c.names)
      if (n != best) o.node.aliases.push_back(n);
    o.node.props = std::move(c.props);
    sort_unique(c.mentions);
    o.mentions = std::move(c.mentions);
    o.root = root;
    o.sources = std::move(c.sources);
    outs.push_back(std::move(o));
  }
  std::sort(outs.begin(), outs.end(), [](const Out& a, const Out& b) {
    return std::tie(a.node.label, a.norm, a.node.name) < std::tie(b.node.label, b.norm, b.node.name);
  });
  Graph g;
  std::unordered_map<size_t, NodeId> node_of_root;
  for (auto& o : outs) {
    // One document that gave every name, value and mention: nothing to
    // store, add_without infers it (most records of a corpus have one).
    bool implied = false;
    if (o.sources.size() == 1) {
      auto& [doc, src] = *o.sources.begin();
      sort_unique(src.names);
      std::vector<std::string> all = o.node.aliases;
      all.push_back(o.node.name);
      sort_unique(all);
      implied = src.names == all && src.props == o.node.props && !o.mentions.empty() &&
                std::all_of(o.mentions.begin(), o.mentions.end(),
                            [&d = doc](const MentionRec& m) { return *m.doc == d; });
    }
    for (const auto& m : o.mentions)
      o.node.mentions.push_back({g.intern(*m.doc), m.start, m.end, g.intern(*m.rule)});
    o.mentions = {};
    NodeId id = g.add_node(std::move(o.node));
    node_of_root[o.root] = id;
    if (implied) continue;
    std::vector<Source> sources;
    for (auto& [doc, src] : o.sources) {
      sort_unique(src.names);
      sources.push_back({g.intern(doc), std::move(src.names), std::move(src.props)});
    }
    g.set_node_sources(id, std::move(sources));
  }
  // Edges: one per (type, source, target), symmetric ones with source <= target.
  std::map<std::tuple<RelType, NodeId, NodeId>, RelationRec> edges;
  for (auto& r : state_->relations) {
    NodeId s = node_of_root.at(find_root(parent, r.source));
    NodeId t = node_of_root.at(find_root(parent, r.target));
    if (is_symmetric(r.type) && t < s) std::swap(s, t);
    auto [it, fresh] = edges.try_emplace({r.type, s, t});
    RelationRec& e = it->second;
    if (fresh) e.type = r.type;
    merge_props(e.props, r.props);
    e.evidence.insert(e.evidence.end(), r.evidence.begin(), r.evidence.end());
    r.evidence = {};
    if (!r.doc.empty() && !r.props.empty()) merge_props(e.sources[r.doc].props, r.props);
  }
  for (auto& [key, r] : edges) {
    sort_unique(r.evidence);
    Edge e{r.type, std::get<1>(key), std::get<2>(key), std::move(r.props), {}};
    const bool implied = r.sources.size() == 1 && r.sources.begin()->second.props == e.props &&
                         !r.evidence.empty() &&
                         std::all_of(r.evidence.begin(), r.evidence.end(),
                                     [&rec = r](const EvidenceRec& ev) {
                                       return *ev.doc == rec.sources.begin()->first;
                                     });
    for (const auto& ev : r.evidence)
      e.evidence.push_back(
          {g.intern(*ev.doc), ev.start, ev.end, g.intern(*ev.text), g.intern(*ev.rule)});
    r.evidence = {};
    EdgeId id = g.add_edge(std::move(e));
    if (implied) continue;
    std::vector<Source> sources;
    for (auto& [doc, src] : r.sources) sources.push_back({g.intern(doc), {}, std::move(src.props)});
    g.set_edge_sources(id, std::move(sources));
  }
  state_ = std::make_unique<State>();
  return g;
}

namespace {

// Where a graph file starts: the header save_graph writes first.
bool is_graph_line(std::string_view line) {
  std::string_view head = line.substr(0, 256);
  return head.find("\"format\":\"kg-graph\"") != std::string_view::npos ||
         head.find("\"format\": \"kg-graph\"") != std::string_view::npos;
}

// A graph file that arrived as one line of a stream goes through the one
// graph loader (load_graph reads a path) by way of an anonymous in-memory
// file, so there is a single parser to trust. Errors name `place`.
Graph graph_from_line(const std::string& line, const std::string& place) {
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
  const std::string path = "/proc/self/fd/" + std::to_string(fd);
  try {
    return load_graph(path);
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
      merger.add(graph_from_line(line, name + ":" + std::to_string(line_no)));
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
