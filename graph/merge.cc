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

struct EntityRec {
  Label label;
  std::vector<std::string> names;  // name first, then aliases
  Props props;
  std::vector<MentionRec> mentions;
};

struct RelationRec {
  RelType type;
  size_t source, target;  // EntityRec indexes
  Props props;
  std::vector<EvidenceRec> evidence;
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

  Str intern(std::string_view s) { return &*pool.emplace(s).first; }
};

Merger::Merger() : state_(std::make_unique<State>()) {}
Merger::~Merger() = default;

void Merger::add(const Fragment& f) {
  std::unordered_map<std::string, size_t> index;
  for (const auto& e : f.entities) {
    EntityRec r{e.type, {e.name}, e.props, {}};
    r.names.insert(r.names.end(), e.aliases.begin(), e.aliases.end());
    for (const auto& m : e.mentions)
      r.mentions.push_back({state_->intern(f.doc), m.start, m.end, state_->intern(m.rule)});
    index[e.id] = state_->entities.size();
    state_->entities.push_back(std::move(r));
  }
  for (const auto& rel : f.relations) {
    RelationRec r{rel.type, index.at(rel.source), index.at(rel.target), rel.props, {}};
    for (const auto& ev : rel.evidence)
      r.evidence.push_back({state_->intern(f.doc), ev.start, ev.end, state_->intern(ev.text),
                            state_->intern(ev.rule)});
    state_->relations.push_back(std::move(r));
  }
}

void Merger::add(const Graph& g) {
  size_t base = state_->entities.size();
  for (NodeId i = 0; i < g.node_count(); ++i) {
    const Node& n = g.node(i);
    EntityRec r{n.label, {n.name}, n.props, {}};
    r.names.insert(r.names.end(), n.aliases.begin(), n.aliases.end());
    for (const auto& m : n.mentions)
      r.mentions.push_back(
          {state_->intern(g.str(m.doc)), m.start, m.end, state_->intern(g.str(m.rule))});
    state_->entities.push_back(std::move(r));
  }
  for (EdgeId i = 0; i < g.edge_count(); ++i) {
    const Edge& e = g.edge(i);
    RelationRec r{e.type, base + e.source, base + e.target, e.props, {}};
    for (const auto& ev : e.evidence)
      r.evidence.push_back({state_->intern(g.str(ev.doc)), ev.start, ev.end,
                            state_->intern(g.str(ev.text)), state_->intern(g.str(ev.rule))});
    state_->relations.push_back(std::move(r));
  }
}

Graph Merger::finish() {
  auto& ents = state_->entities;
  std::vector<size_t> parent(ents.size());
  std::iota(parent.begin(), parent.end(), 0);
  std::unordered_map<std::string, size_t> owner;
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
    outs.push_back(std::move(o));
  }
  std::sort(outs.begin(), outs.end(), [](const Out& a, const Out& b) {
    return std::tie(a.node.label, a.norm, a.node.name) < std::tie(b.node.label, b.norm, b.node.name);
  });
  Graph g;
  std::unordered_map<size_t, NodeId> node_of_root;
  for (auto& o : outs) {
    for (const auto& m : o.mentions)
      o.node.mentions.push_back({g.intern(*m.doc), m.start, m.end, g.intern(*m.rule)});
    o.mentions = {};
    node_of_root[o.root] = g.add_node(std::move(o.node));
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
  }
  for (auto& [key, r] : edges) {
    sort_unique(r.evidence);
    Edge e{r.type, std::get<1>(key), std::get<2>(key), std::move(r.props), {}};
    for (const auto& ev : r.evidence)
      e.evidence.push_back(
          {g.intern(*ev.doc), ev.start, ev.end, g.intern(*ev.text), g.intern(*ev.rule)});
    r.evidence = {};
    g.add_edge(std::move(e));
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
  std::set<std::string_view> gone(docs.begin(), docs.end());
  Graph copy = graph.clone();
  std::vector<bool> drop_nodes(copy.node_count()), drop_edges(copy.edge_count());
  for (NodeId i = 0; i < copy.node_count(); ++i) {
    auto& ms = copy.mutable_node(i).mentions;
    if (ms.empty()) continue;
    std::erase_if(ms, [&](const NodeMention& m) { return gone.count(copy.str(m.doc)) > 0; });
    drop_nodes[i] = ms.empty();
  }
  for (EdgeId i = 0; i < copy.edge_count(); ++i) {
    auto& evs = copy.mutable_edge(i).evidence;
    if (evs.empty()) continue;
    std::erase_if(evs, [&](const EdgeEvidence& e) { return gone.count(copy.str(e.doc)) > 0; });
    drop_edges[i] = evs.empty();
  }
  copy.erase(drop_nodes, drop_edges);
  // Aliases that only the removed documents contributed cannot be told apart
  // from the others in a merged node; they stay (see README "Merge").
  Merger m;
  m.add(copy);
  return m.finish();
}

}  // namespace kg
