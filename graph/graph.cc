#include "graph/graph.h"

#include <algorithm>
#include <atomic>
#include <map>
#include <mutex>
#include <unordered_map>

#include "graph/graph_index.h"
#include "graph/normalize.h"
#include "graph/topology.h"

namespace kg {

// The string pool and the two node indexes (graph/graph_index.h).
struct Graph::Index {
  detail::StringPool strings;
  std::vector<NodeId> by_label[kLabelCount];
  // (label, normalised name or alias) -> node ids, as hash tags: a hit is
  // confirmed against the node's names (has_name below).
  detail::NameTable by_name;
  // Provenance by record id; shorter than the record tables (or empty) when
  // the last records have none, so graphs without it pay nothing.
  std::vector<std::vector<Source>> node_sources, edge_sources;
  std::mutex topology_mutex, columns_mutex;
  // Set once the topology or the name column is built, so readers after that
  // skip the lock (out()/in() run in every inner loop of a query).
  std::atomic<const Topology*> topology_ready{nullptr};
  std::atomic<const NameColumn*> names_ready{nullptr};
};

struct Graph::Columns {
  std::unique_ptr<NameColumn> names;
  std::map<std::string, std::unique_ptr<StringColumn>, std::less<>> strings;
};

void Graph::changed() {
  topology_.reset();
  columns_.reset();
  index_->topology_ready.store(nullptr, std::memory_order_release);
  index_->names_ready.store(nullptr, std::memory_order_release);
}

namespace {

// Whether `n` has a name or alias whose normalised form is `normalized`.
bool has_name(const Node& n, Label label, std::string_view normalized) {
  if (n.label != label) return false;
  if (normalize_name(n.name) == normalized) return true;
  for (const auto& alias : n.aliases)
    if (normalize_name(alias) == normalized) return true;
  return false;
}

}  // namespace

Graph::Graph() : index_(std::make_unique<Index>()) { intern(""); }
Graph::~Graph() = default;
Graph::Graph(Graph&&) noexcept = default;
Graph& Graph::operator=(Graph&&) noexcept = default;

Graph Graph::clone() const {
  // The records are copied as they are; the indexes hold only ids, so they
  // are copied too instead of normalising every name again.
  Graph g;
  g.index_->strings.reserve(index_->strings.size());
  for (Sym s = 1; s < index_->strings.size(); ++s) g.intern(index_->strings.str(s));
  g.nodes_ = nodes_;
  g.edges_ = edges_;
  for (int l = 0; l < kLabelCount; ++l) g.index_->by_label[l] = index_->by_label[l];
  g.index_->by_name = index_->by_name;
  g.index_->node_sources = index_->node_sources;
  g.index_->edge_sources = index_->edge_sources;
  return g;
}

Sym Graph::intern(std::string_view s) { return index_->strings.intern(s); }

std::string_view Graph::str(Sym s) const { return index_->strings.str(s); }

void Graph::index_node(NodeId id) {
  const Node& n = nodes_[id];
  std::string key = normalize_name(n.name);
  index_->by_name.insert(detail::NameTable::key_tag(n.label, key), id);
  // One entry per distinct key of the node: aliases often normalise alike.
  std::vector<std::string> seen;
  for (const auto& alias : n.aliases) {
    std::string akey = normalize_name(alias);
    if (akey == key || std::find(seen.begin(), seen.end(), akey) != seen.end()) continue;
    index_->by_name.insert(detail::NameTable::key_tag(n.label, akey), id);
    seen.push_back(std::move(akey));
  }
}

NodeId Graph::add_node(Node node) {
  NodeId id = static_cast<NodeId>(nodes_.size());
  index_->by_label[static_cast<int>(node.label)].push_back(id);
  nodes_.push_back(std::move(node));
  index_node(id);
  changed();
  return id;
}

EdgeId Graph::add_edge(Edge edge) {
  EdgeId id = static_cast<EdgeId>(edges_.size());
  edges_.push_back(std::move(edge));
  changed();
  return id;
}

void Graph::reserve(size_t nodes, size_t edges) {
  nodes_.reserve(nodes_.size() + nodes);
  edges_.reserve(edges_.size() + edges);
  // About one name per node, plus aliases; the table grows past this if needed.
  index_->by_name.reserve(nodes_.size() + nodes + nodes / 4);
}

Node& Graph::mutable_node(NodeId id) {
  changed();
  return nodes_[id];
}

void Graph::reindex_node(NodeId id) {
  // Entries hold no text to find them by; drop every entry of this node.
  index_->by_name.erase_node(id);
  index_node(id);
}

Edge& Graph::mutable_edge(EdgeId id) {
  changed();
  return edges_[id];
}

void Graph::erase(const std::vector<bool>& drop_nodes, const std::vector<bool>& drop_edges) {
  std::vector<NodeId> new_id(nodes_.size(), UINT32_MAX);
  std::vector<Node> nodes;
  auto& ns = index_->node_sources;
  auto& es = index_->edge_sources;
  std::vector<std::vector<Source>> node_sources, edge_sources;
  for (NodeId i = 0; i < nodes_.size(); ++i) {
    if (i < drop_nodes.size() && drop_nodes[i]) continue;
    new_id[i] = static_cast<NodeId>(nodes.size());
    nodes.push_back(std::move(nodes_[i]));
    if (i < ns.size()) {
      node_sources.resize(nodes.size());
      node_sources.back() = std::move(ns[i]);
    }
  }
  std::vector<Edge> edges;
  for (EdgeId i = 0; i < edges_.size(); ++i) {
    Edge& e = edges_[i];
    if ((i < drop_edges.size() && drop_edges[i]) || new_id[e.source] == UINT32_MAX ||
        new_id[e.target] == UINT32_MAX)
      continue;
    e.source = new_id[e.source];
    e.target = new_id[e.target];
    edges.push_back(std::move(e));
    if (i < es.size()) {
      edge_sources.resize(edges.size());
      edge_sources.back() = std::move(es[i]);
    }
  }
  ns = std::move(node_sources);
  es = std::move(edge_sources);
  nodes_.clear();
  edges_ = std::move(edges);
  for (auto& l : index_->by_label) l.clear();
  index_->by_name.clear();
  reserve(nodes.size(), 0);
  for (auto& n : nodes) add_node(std::move(n));
  changed();
}

void Graph::freeze() const { topology(); }

std::span<const NodeId> Graph::nodes_with_label(Label label) const {
  return index_->by_label[static_cast<int>(label)];
}

std::optional<NodeId> Graph::find(Label label, std::string_view name) const {
  const std::string norm = normalize_name(name);
  std::optional<NodeId> best;
  index_->by_name.for_each(detail::NameTable::key_tag(label, norm), [&](NodeId id) {
    if ((!best || id < *best) && has_name(nodes_[id], label, norm)) best = id;
  });
  return best;
}

std::vector<NodeId> Graph::find_any(std::string_view name) const {
  const std::string norm = normalize_name(name);
  std::vector<NodeId> out;
  for (Label label : kAllLabels) {
    std::vector<NodeId> ids;
    index_->by_name.for_each(detail::NameTable::key_tag(label, norm), [&](NodeId id) {
      if (has_name(nodes_[id], label, norm)) ids.push_back(id);
    });
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    out.insert(out.end(), ids.begin(), ids.end());
  }
  return out;
}

const Graph::Topology& Graph::topology() const {
  if (const Topology* ready = index_->topology_ready.load(std::memory_order_acquire)) return *ready;
  std::lock_guard<std::mutex> lock(index_->topology_mutex);
  if (topology_) return *topology_;
  auto t = std::make_unique<Topology>();
  const size_t n = nodes_.size();
  t->out_start.assign(n + 1, 0);
  t->in_start.assign(n + 1, 0);
  for (const Edge& e : edges_) {
    ++t->out_start[e.source + 1];
    ++t->in_start[e.target + 1];
  }
  for (size_t i = 0; i < n; ++i) {
    t->out_start[i + 1] += t->out_start[i];
    t->in_start[i + 1] += t->in_start[i];
  }
  t->out_adj.resize(edges_.size());
  t->in_adj.resize(edges_.size());
  std::vector<uint32_t> out_fill(t->out_start.begin(), t->out_start.end() - 1);
  std::vector<uint32_t> in_fill(t->in_start.begin(), t->in_start.end() - 1);
  // Edges are visited in id order, so each node's lists come out sorted by id.
  for (EdgeId id = 0; id < edges_.size(); ++id) {
    const Edge& e = edges_[id];
    t->out_adj[out_fill[e.source]++] = Adj{id, e.target, e.type};
    t->in_adj[in_fill[e.target]++] = Adj{id, e.source, e.type};
  }
  topology_ = std::move(t);
  index_->topology_ready.store(topology_.get(), std::memory_order_release);
  return *topology_;
}

const NameColumn& Graph::name_column() const {
  if (const NameColumn* ready = index_->names_ready.load(std::memory_order_acquire)) return *ready;
  std::lock_guard<std::mutex> lock(index_->columns_mutex);
  if (!columns_) columns_ = std::make_unique<Columns>();
  if (!columns_->names) {
    auto c = std::make_unique<NameColumn>();
    size_t bytes = 0;
    for (const Node& n : nodes_) bytes += n.name.size();
    c->reserve(nodes_.size(), bytes);
    for (const Node& n : nodes_) c->append(n.name);
    columns_->names = std::move(c);
  }
  index_->names_ready.store(columns_->names.get(), std::memory_order_release);
  return *columns_->names;
}

const StringColumn& Graph::string_column(std::string_view key) const {
  std::lock_guard<std::mutex> lock(index_->columns_mutex);
  if (!columns_) columns_ = std::make_unique<Columns>();
  auto it = columns_->strings.find(key);
  if (it != columns_->strings.end()) return *it->second;
  auto c = std::make_unique<StringColumn>();
  c->codes.assign(nodes_.size(), StringColumn::kAbsent);
  // Few distinct values per key (countries, kinds): a small map of views.
  std::unordered_map<std::string_view, uint32_t> code_of;
  for (NodeId id = 0; id < nodes_.size(); ++id) {
    const Value* v = nodes_[id].props.get(key);
    if (!v) continue;
    const auto* text = std::get_if<std::string>(v);
    if (!text) {
      c->codes[id] = StringColumn::kNotString;
      continue;
    }
    auto [at, added] = code_of.emplace(*text, static_cast<uint32_t>(c->values.size() + 1));
    if (added) c->values.push_back(*text);
    c->codes[id] = at->second;
  }
  return *columns_->strings.emplace(std::string(key), std::move(c)).first->second;
}

const Graph::Topology& topology_of(const Graph& g) { return g.topology(); }

const BoostGraph& boost_graph(const Graph& g) {
  const auto& t = topology_of(g);  // (the type is private to Graph)
  // Built on first use only: out()/in() do not need it, and it costs about
  // as much memory as the adjacency lists.
  std::call_once(t.boost_once, [&] {
    // From the out-lists: grouped by source, each in edge-id order.
    std::vector<std::pair<uint32_t, uint32_t>> pairs;
    std::vector<EdgeId> ids;
    pairs.reserve(t.out_adj.size());
    ids.reserve(t.out_adj.size());
    for (NodeId v = 0; v + 1 < t.out_start.size(); ++v)
      for (uint32_t i = t.out_start[v]; i < t.out_start[v + 1]; ++i) {
        pairs.emplace_back(v, t.out_adj[i].other);
        ids.push_back(t.out_adj[i].edge);
      }
    t.boost = std::make_unique<BoostGraph>(boost::edges_are_unsorted_multi_pass, pairs.begin(),
                                           pairs.end(), ids.begin(), static_cast<uint32_t>(t.out_start.size() - 1));
  });
  return *t.boost;
}

std::span<const Adj> Graph::out(NodeId id) const {
  const Topology& t = topology();
  return {t.out_adj.data() + t.out_start[id], t.out_start[id + 1] - t.out_start[id]};
}

std::span<const Adj> Graph::in(NodeId id) const {
  const Topology& t = topology();
  return {t.in_adj.data() + t.in_start[id], t.in_start[id + 1] - t.in_start[id]};
}

std::vector<std::string_view> Graph::edge_docs(EdgeId id) const {
  std::vector<std::string_view> docs;
  for (const auto& ev : edges_[id].evidence) docs.push_back(str(ev.doc));
  std::sort(docs.begin(), docs.end());
  docs.erase(std::unique(docs.begin(), docs.end()), docs.end());
  return docs;
}

Props Graph::edge_properties(EdgeId id) const {
  Props p = edges_[id].props;
  auto docs = edge_docs(id);
  p.set("count", static_cast<int64_t>(docs.size()));
  p.set("docs", std::vector<std::string>(docs.begin(), docs.end()));
  return p;
}

std::vector<std::string_view> Graph::documents() const {
  std::vector<Sym> syms;
  for (const auto& n : nodes_)
    for (const auto& m : n.mentions) syms.push_back(m.doc);
  for (const auto& e : edges_)
    for (const auto& ev : e.evidence) syms.push_back(ev.doc);
  std::sort(syms.begin(), syms.end());
  syms.erase(std::unique(syms.begin(), syms.end()), syms.end());
  std::vector<std::string_view> docs;
  for (Sym s : syms) docs.push_back(str(s));
  std::sort(docs.begin(), docs.end());
  return docs;
}

std::span<const Source> Graph::node_sources(NodeId id) const {
  const auto& s = index_->node_sources;
  return id < s.size() ? std::span<const Source>(s[id]) : std::span<const Source>();
}

std::span<const Source> Graph::edge_sources(EdgeId id) const {
  const auto& s = index_->edge_sources;
  return id < s.size() ? std::span<const Source>(s[id]) : std::span<const Source>();
}

void Graph::set_node_sources(NodeId id, std::vector<Source> sources) {
  auto& s = index_->node_sources;
  if (sources.empty() && id >= s.size()) return;
  if (id >= s.size()) s.resize(id + 1);
  s[id] = std::move(sources);
}

void Graph::set_edge_sources(EdgeId id, std::vector<Source> sources) {
  auto& s = index_->edge_sources;
  if (sources.empty() && id >= s.size()) return;
  if (id >= s.size()) s.resize(id + 1);
  s[id] = std::move(sources);
}

bool operator==(const Graph& a, const Graph& b) {
  if (a.nodes_.size() != b.nodes_.size() || a.edges_.size() != b.edges_.size()) return false;
  auto same_sources = [&](std::span<const Source> x, std::span<const Source> y) {
    return std::equal(x.begin(), x.end(), y.begin(), y.end(), [&](const Source& p, const Source& q) {
      return a.str(p.doc) == b.str(q.doc) && p.names == q.names && p.props == q.props;
    });
  };
  for (NodeId i = 0; i < a.nodes_.size(); ++i)
    if (!same_sources(a.node_sources(i), b.node_sources(i))) return false;
  for (EdgeId i = 0; i < a.edges_.size(); ++i)
    if (!same_sources(a.edge_sources(i), b.edge_sources(i))) return false;
  auto same_mention = [&](const NodeMention& x, const NodeMention& y) {
    return x.start == y.start && x.end == y.end && a.str(x.doc) == b.str(y.doc) &&
           a.str(x.rule) == b.str(y.rule);
  };
  auto same_evidence = [&](const EdgeEvidence& x, const EdgeEvidence& y) {
    return x.start == y.start && x.end == y.end && a.str(x.doc) == b.str(y.doc) &&
           a.str(x.rule) == b.str(y.rule) && a.str(x.text) == b.str(y.text);
  };
  for (size_t i = 0; i < a.nodes_.size(); ++i) {
    const Node& x = a.nodes_[i];
    const Node& y = b.nodes_[i];
    if (x.label != y.label || x.name != y.name || x.aliases != y.aliases || !(x.props == y.props) ||
        !std::equal(x.mentions.begin(), x.mentions.end(), y.mentions.begin(), y.mentions.end(),
                    same_mention))
      return false;
  }
  for (size_t i = 0; i < a.edges_.size(); ++i) {
    const Edge& x = a.edges_[i];
    const Edge& y = b.edges_[i];
    if (x.type != y.type || x.source != y.source || x.target != y.target ||
        !(x.props == y.props) ||
        !std::equal(x.evidence.begin(), x.evidence.end(), y.evidence.begin(), y.evidence.end(),
                    same_evidence))
      return false;
  }
  return true;
}

}  // namespace kg
