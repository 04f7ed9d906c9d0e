// The operators, one class per plan node kind (see plan.h for what each
// does). Each produce() pulls from its child until it can write one more row.
#include <algorithm>
#include <deque>
#include <optional>
#include <unordered_map>
#include <unordered_set>

#include "graph/error.h"
#include "query/exec.h"
#include "query/functions.h"

namespace kg::query {

namespace {

bool type_ok(const PlanOp& p, RelType t) {
  return p.types.empty() || std::find(p.types.begin(), p.types.end(), t) != p.types.end();
}

bool labels_ok(const std::vector<Label>& labels, Label l) {
  for (Label x : labels)
    if (x != l) return false;
  return true;
}

// Calls f(adj) for each step from `n` over a relationship of the pattern's
// types in direction `d`; an undirected step meets a self-loop once.
template <class F>
void for_each_step(const Graph& g, const PlanOp& p, NodeId n, Direction d, F&& f) {
  if (d != Direction::kIn)
    for (const Adj& a : g.out(n))
      if (type_ok(p, a.type)) f(a);
  if (d != Direction::kOut)
    for (const Adj& a : g.in(n))
      if (type_ok(p, a.type) && !(d == Direction::kBoth && a.other == n)) f(a);
}

// Trail semantics: a relationship appears once in a MATCH's bindings.
bool rel_free(const PlanOp& p, const Row& row, EdgeId e) {
  for (int s : p.unique_rels)
    if (row[s].kind() == QValue::Kind::kRel && row[s].as_rel() == e) return false;
  for (int s : p.unique_lists) {
    if (row[s].kind() != QValue::Kind::kList) continue;
    for (const auto& r : row[s].as_list())
      if (r.as_rel() == e) return false;
  }
  return true;
}

class StartOp : public Operator {
 public:
  using Operator::Operator;
  void reset() override { done_ = false; }
  bool produce(Row&) override {
    if (done_) return false;
    done_ = true;
    return true;
  }

 private:
  bool done_ = false;
};

// One scan filter (PlanOp::scan_filters) prepared for a run: the column it
// reads and, for a dictionary column, which codes pass.
struct ScanTest {
  const Expr* expr = nullptr;
  BinOp op = BinOp::kEq;
  bool general = false;  // the value is not a string: evaluate the conjunct per row
  std::string value;
  const NameColumn* names = nullptr;
  const StringColumn* column = nullptr;
  std::vector<bool> code_passes;  // by dictionary code; [0] (absent) is false: null fails

  bool text_passes(std::string_view s) const { return op == BinOp::kEq ? s == value : string_predicate(op, s, value); }
};

class NodeScanOp : public Operator {
 public:
  using Operator::Operator;
  void reset() override {
    Operator::reset();
    active_ = false;
  }
  bool produce(Row& row) override {
    const Graph& g = x_.graph();
    for (;;) {
      if (!active_) {
        if (!child_->next(row)) return false;
        if (plan_.match_nothing) continue;
        active_ = true;
        i_ = 0;
        prepare_tests(row);
      }
      if (plan_.labels.empty()) {
        size_t n = g.node_count();
        while (i_ < n) {
          NodeId id = static_cast<NodeId>(i_++);
          x_.tick();
          if (!tests_.empty() && !passes(id, row)) continue;
          row[plan_.slot] = QValue(NodeRef{id});
          return true;
        }
      } else {
        auto ids = g.nodes_with_label(plan_.labels[0]);
        while (i_ < ids.size()) {
          NodeId id = ids[i_++];
          x_.tick();
          if (plan_.labels.size() > 1 && !labels_ok(plan_.labels, g.node(id).label)) continue;
          if (!tests_.empty() && !passes(id, row)) continue;
          row[plan_.slot] = QValue(NodeRef{id});
          return true;
        }
      }
      active_ = false;
    }
  }

 private:
  // The value side is a literal or a parameter: one value for the whole scan.
  void prepare_tests(const Row& row) {
    tests_.clear();
    const Graph& g = x_.graph();
    for (const Expr* e : plan_.scan_filters) {
      ScanTest t;
      t.expr = e;
      t.op = e->op;
      int side = e->args[0]->kind == ExprKind::kProperty ? 0 : 1;  // the planner put the node's property on one side
      const std::string& key = e->args[side]->name;
      QValue v = eval(*e->args[1 - side], row, x_.ctx());
      if (v.kind() != QValue::Kind::kString) {
        t.general = true;
      } else {
        t.value = std::string(v.as_string());
        if (key == "name") {
          t.names = &g.name_column();
        } else {
          t.column = &g.string_column(key);
          t.code_passes.assign(t.column->values.size() + 1, false);
          for (size_t c = 0; c < t.column->values.size(); ++c) t.code_passes[c + 1] = t.text_passes(t.column->values[c]);
        }
      }
      tests_.push_back(std::move(t));
    }
  }

  bool passes(NodeId id, Row& row) {
    for (const ScanTest& t : tests_) {
      if (t.names) {
        if (!t.text_passes((*t.names)[id])) return false;
        continue;
      }
      if (!t.general) {
        uint32_t code = t.column->codes[id];
        if (code != StringColumn::kNotString) {
          if (!t.code_passes[code]) return false;
          continue;
        }
      }
      // A value that is not a string on either side: Cypher's rules, by eval.
      row[plan_.slot] = QValue(NodeRef{id});
      if (!is_true(eval(*t.expr, row, x_.ctx()))) return false;
    }
    return true;
  }

  bool active_ = false;
  size_t i_ = 0;
  std::vector<ScanTest> tests_;
};

class NodeSeekOp : public Operator {
 public:
  using Operator::Operator;
  void reset() override {
    Operator::reset();
    ids_.clear();
    i_ = 0;
  }
  bool produce(Row& row) override {
    const Graph& g = x_.graph();
    for (;;) {
      if (i_ < ids_.size()) {
        row[plan_.slot] = QValue(NodeRef{ids_[i_++]});
        return true;
      }
      if (!child_->next(row)) return false;
      ids_.clear();
      i_ = 0;
      if (plan_.match_nothing) continue;
      QValue name = eval(*plan_.expr, row, x_.ctx());
      if (name.kind() != QValue::Kind::kString) continue;
      for (NodeId id : g.find_any(name.as_string()))
        if (labels_ok(plan_.labels, g.node(id).label)) ids_.push_back(id);
    }
  }

 private:
  std::vector<NodeId> ids_;
  size_t i_ = 0;
};

class ExpandOp : public Operator {
 public:
  using Operator::Operator;
  void reset() override {
    Operator::reset();
    active_ = false;
  }
  bool produce(Row& row) override {
    const Graph& g = x_.graph();
    for (;;) {
      if (!active_) {
        if (!child_->next(row)) return false;
        if (plan_.match_nothing || row[plan_.from].kind() != QValue::Kind::kNode) continue;
        if (plan_.to_bound && row[plan_.to].kind() != QValue::Kind::kNode) continue;
        from_ = row[plan_.from].as_node();
        phase_ = plan_.dir == Direction::kIn ? 1 : 0;
        i_ = 0;
        active_ = true;
      }
      while (phase_ < 2) {
        auto adj = phase_ == 0 ? g.out(from_) : g.in(from_);
        while (i_ < adj.size()) {
          const Adj& a = adj[i_++];
          x_.tick();
          if (!type_ok(plan_, a.type)) continue;
          // An undirected pattern meets a self-loop in both lists: take it once.
          if (phase_ == 1 && plan_.dir == Direction::kBoth && a.other == from_) continue;
          if (!plan_.labels.empty() && !labels_ok(plan_.labels, g.node(a.other).label)) continue;
          if (plan_.to_bound && row[plan_.to].as_node() != a.other) continue;
          if (!rel_free(plan_, row, a.edge)) continue;
          row[plan_.rel] = QValue(RelRef{a.edge});
          if (!plan_.to_bound) row[plan_.to] = QValue(NodeRef{a.other});
          return true;
        }
        i_ = 0;
        phase_ = (phase_ == 0 && plan_.dir == Direction::kBoth) ? 1 : 2;
      }
      active_ = false;
    }
  }

 private:
  bool active_ = false;
  NodeId from_ = 0;
  int phase_ = 0;
  size_t i_ = 0;
};

// Depth-first enumeration of trails of min..max hops, with an explicit stack.
class VarExpandOp : public Operator {
 public:
  using Operator::Operator;
  void reset() override {
    Operator::reset();
    stack_.clear();
    active_ = false;
  }
  bool produce(Row& row) override {
    for (;;) {
      if (!active_) {
        if (!child_->next(row)) return false;
        if (plan_.match_nothing || row[plan_.from].kind() != QValue::Kind::kNode) continue;
        if (plan_.to_bound && row[plan_.to].kind() != QValue::Kind::kNode) continue;
        NodeId start = row[plan_.from].as_node();
        if (plan_.distinct_ends) {
          reachable(start);
          active_ = true;
          end_i_ = 0;
        } else {
          stack_.assign(1, Frame{start, first_phase(), 0});
        }
        path_.clear();
        active_ = true;
        if (!plan_.distinct_ends && plan_.min_hops == 0 && emit(row, start)) return true;
      }
      if (plan_.distinct_ends) {
        while (end_i_ < ends_.size()) {
          NodeId end = ends_[end_i_++];
          path_.clear();
          if (emit(row, end)) return true;
        }
        active_ = false;
        continue;
      }
      while (!stack_.empty()) {
        Frame& f = stack_.back();
        if (static_cast<int>(path_.size()) >= plan_.max_hops) {
          pop();
          continue;
        }
        auto step = advance(f, row);
        if (!step) {
          pop();
          continue;
        }
        x_.count_expansion();
        path_.push_back(step->edge);
        stack_.push_back(Frame{step->other, first_phase(), 0});
        if (static_cast<int>(path_.size()) >= plan_.min_hops && emit(row, step->other)) return true;
      }
      active_ = false;
    }
  }

 private:
  struct Frame {
    NodeId node;
    int phase;
    size_t i;
  };
  int first_phase() const { return plan_.dir == Direction::kIn ? 1 : 0; }

  void pop() {
    stack_.pop_back();
    if (!stack_.empty()) path_.pop_back();
  }

  std::optional<Adj> advance(Frame& f, const Row& row) {
    const Graph& g = x_.graph();
    while (f.phase < 2) {
      auto adj = f.phase == 0 ? g.out(f.node) : g.in(f.node);
      while (f.i < adj.size()) {
        const Adj& a = adj[f.i++];
        if (!type_ok(plan_, a.type)) continue;
        if (f.phase == 1 && plan_.dir == Direction::kBoth && a.other == f.node) continue;
        if (std::find(path_.begin(), path_.end(), a.edge) != path_.end()) continue;
        if (!rel_free(plan_, row, a.edge)) continue;
        return a;
      }
      f.i = 0;
      f.phase = (f.phase == 0 && plan_.dir == Direction::kBoth) ? 1 : 2;
    }
    return std::nullopt;
  }

  bool emit(Row& row, NodeId end) {
    const Graph& g = x_.graph();
    if (!plan_.labels.empty() && !labels_ok(plan_.labels, g.node(end).label)) return false;
    if (plan_.to_bound && row[plan_.to].as_node() != end) return false;
    List rels;
    rels.reserve(path_.size());
    for (EdgeId e : path_) rels.push_back(QValue(RelRef{e}));
    if (plan_.reverse_list) std::reverse(rels.begin(), rels.end());
    row[plan_.rel] = QValue(std::move(rels));
    if (!plan_.to_bound) row[plan_.to] = QValue(NodeRef{end});
    return true;
  }

  // The ends of every trail of min_hops (0 or 1) to max_hops relationships
  // from `start`, each once. A node other than the start ends such a trail
  // exactly when its BFS distance is 1..max (a shortest walk repeats no
  // relationship). The start ends one when min_hops is 0, or when a closed
  // trail of at most max_hops passes through it: a relationship back into it
  // from a node at distance <= max-1 (directed), or one joining two BFS
  // branches, or a second relationship to a first-hop node (undirected).
  void reachable(NodeId start) {
    const Graph& g = x_.graph();
    if (dist_.size() != g.node_count()) {
      dist_.assign(g.node_count(), -1);
      branch_.assign(g.node_count(), 0);
      via_.assign(g.node_count(), 0);
    }
    for (NodeId n : seen_) dist_[n] = -1;
    seen_.clear();
    ends_.clear();
    dist_[start] = 0;
    seen_.push_back(start);
    bool closed = plan_.min_hops == 0;
    for (size_t head = 0; head < seen_.size(); ++head) {
      NodeId n = seen_[head];
      int d = dist_[n];
      // Nodes at the last distance reach nothing new and close no trail.
      if (d >= plan_.max_hops) continue;
      for_each_step(g, plan_, n, plan_.dir, [&](const Adj& a) {
        x_.count_expansion();
        NodeId m = a.other;
        if (dist_[m] < 0) {
          dist_[m] = d + 1;
          branch_[m] = d == 0 ? a.edge : branch_[n];
          via_[m] = a.edge;
          seen_.push_back(m);
          ends_.push_back(m);
          return;
        }
        if (closed) return;
        if (plan_.dir != Direction::kBoth) {
          if (m == start && d + 1 <= plan_.max_hops) closed = true;
          return;
        }
        if (a.edge == via_[m] || a.edge == via_[n]) return;  // a tree edge
        if (m == start || n == start) {
          NodeId other = m == start ? n : m;
          if (dist_[other] + 1 <= plan_.max_hops) closed = true;
        } else if (branch_[m] != branch_[n] && d + dist_[m] + 1 <= plan_.max_hops) {
          closed = true;
        }
      });
    }
    if (closed) ends_.push_back(start);
  }

  std::vector<Frame> stack_;
  std::vector<EdgeId> path_;
  bool active_ = false;
  std::vector<int> dist_;
  std::vector<EdgeId> branch_, via_;
  std::vector<NodeId> seen_, ends_;
  size_t end_i_ = 0;
};

// Breadth-first search between two bound nodes. One shortest path: a
// bidirectional BFS that grows the smaller frontier, meeting in the middle.
// All shortest paths: a BFS from the start that keeps every predecessor on a
// shortest path, then enumerates them.
class ShortestPathOp : public Operator {
 public:
  using Operator::Operator;
  void reset() override {
    Operator::reset();
    results_.clear();
    i_ = 0;
  }
  bool produce(Row& row) override {
    for (;;) {
      if (i_ < results_.size()) {
        const Path& p = results_[i_++];
        if (plan_.slot >= 0) row[plan_.slot] = QValue(p);
        if (!plan_.path_rel_is_list.empty() && plan_.path_rel_is_list[0]) {
          List rels;
          for (EdgeId e : p.rels) rels.push_back(QValue(RelRef{e}));
          row[plan_.rel] = QValue(std::move(rels));
        } else {
          row[plan_.rel] = QValue(RelRef{p.rels[0]});
        }
        return true;
      }
      if (!child_->next(row)) return false;
      results_.clear();
      i_ = 0;
      if (plan_.match_nothing) continue;
      if (row[plan_.from].kind() != QValue::Kind::kNode || row[plan_.to].kind() != QValue::Kind::kNode) continue;
      NodeId a = row[plan_.from].as_node(), b = row[plan_.to].as_node();
      if (a == b) continue;  // a path of length zero is not a relationship pattern's answer
      if (plan_.all_shortest) all_shortest(a, b);
      else one_shortest(a, b);
    }
  }

 private:
  // Steps from `n` following the pattern's direction (or against it).
  template <class F>
  void neighbours(NodeId n, bool backward, F&& f) {
    Direction d = plan_.dir;
    if (backward) d = d == Direction::kOut ? Direction::kIn : d == Direction::kIn ? Direction::kOut : d;
    for_each_step(x_.graph(), plan_, n, d, f);
  }

  void one_shortest(NodeId a, NodeId b) {
    // parent edge per side; the start has a sentinel
    std::unordered_map<NodeId, std::pair<NodeId, EdgeId>> pa, pb;
    constexpr EdgeId kNone = ~EdgeId{0};
    pa[a] = {a, kNone};
    pb[b] = {b, kNone};
    std::vector<NodeId> fa{a}, fb{b};
    int da = 0, db = 0;
    while (!fa.empty() && !fb.empty() && da + db < plan_.max_hops) {
      bool grow_a = fa.size() <= fb.size();
      auto& frontier = grow_a ? fa : fb;
      auto& mine = grow_a ? pa : pb;
      auto& theirs = grow_a ? pb : pa;
      std::vector<NodeId> next;
      std::optional<NodeId> meet;
      for (NodeId n : frontier) {
        neighbours(n, !grow_a, [&](const Adj& adj) {
          x_.count_expansion();
          if (meet || mine.count(adj.other)) return;
          mine[adj.other] = {n, adj.edge};
          if (theirs.count(adj.other)) meet = adj.other;
          next.push_back(adj.other);
        });
        if (meet) break;
      }
      (grow_a ? da : db)++;
      if (meet) {
        Path p;
        for (NodeId n = *meet; n != a; n = pa[n].first) {
          p.nodes.push_back(n);
          p.rels.push_back(pa[n].second);
        }
        p.nodes.push_back(a);
        std::reverse(p.nodes.begin(), p.nodes.end());
        std::reverse(p.rels.begin(), p.rels.end());
        for (NodeId n = *meet; n != b; n = pb[n].first) {
          p.rels.push_back(pb[n].second);
          p.nodes.push_back(pb[n].first);
        }
        if (static_cast<int>(p.rels.size()) >= plan_.min_hops) results_.push_back(std::move(p));
        return;
      }
      frontier = std::move(next);
    }
  }

  void all_shortest(NodeId a, NodeId b) {
    std::unordered_map<NodeId, int> dist{{a, 0}};
    std::unordered_map<NodeId, std::vector<std::pair<NodeId, EdgeId>>> preds;
    std::vector<NodeId> frontier{a};
    bool found = false;
    for (int d = 0; d < plan_.max_hops && !frontier.empty() && !found; ++d) {
      std::vector<NodeId> next;
      for (NodeId n : frontier) {
        neighbours(n, false, [&](const Adj& adj) {
          x_.count_expansion();
          auto it = dist.find(adj.other);
          if (it == dist.end()) {
            dist[adj.other] = d + 1;
            next.push_back(adj.other);
            preds[adj.other].push_back({n, adj.edge});
          } else if (it->second == d + 1) {
            preds[adj.other].push_back({n, adj.edge});
          }
          if (adj.other == b) found = true;
        });
      }
      frontier = std::move(next);
    }
    if (!found) return;
    // Enumerate paths backwards from b.
    std::vector<NodeId> nodes{b};
    std::vector<EdgeId> rels;
    std::function<void(NodeId)> walk = [&](NodeId n) {
      if (n == a) {
        Path p;
        p.nodes.assign(nodes.rbegin(), nodes.rend());
        p.rels.assign(rels.rbegin(), rels.rend());
        results_.push_back(std::move(p));
        if (results_.size() > x_.options().max_rows)
          throw LimitError("allShortestPaths found more than " + std::to_string(x_.options().max_rows) + " paths");
        return;
      }
      for (auto [p, e] : preds[n]) {
        nodes.push_back(p);
        rels.push_back(e);
        walk(p);
        nodes.pop_back();
        rels.pop_back();
      }
    };
    walk(b);
    std::sort(results_.begin(), results_.end(), [](const Path& x, const Path& y) { return x.rels < y.rels; });
  }

  std::vector<Path> results_;
  size_t i_ = 0;
};

class BuildPathOp : public Operator {
 public:
  using Operator::Operator;
  bool produce(Row& row) override {
    if (!child_->next(row)) return false;
    const Graph& g = x_.graph();
    Path p;
    NodeId cur = row[plan_.path_nodes[0]].as_node();
    p.nodes.push_back(cur);
    for (size_t i = 0; i < plan_.path_rels.size(); ++i) {
      const QValue& r = row[plan_.path_rels[i]];
      auto step = [&](EdgeId e) {
        const Edge& edge = g.edge(e);
        cur = edge.source == cur ? edge.target : edge.source;
        p.rels.push_back(e);
        p.nodes.push_back(cur);
      };
      if (plan_.path_rel_is_list[i]) {
        for (const auto& e : r.as_list()) step(e.as_rel());
      } else {
        step(r.as_rel());
      }
      cur = row[plan_.path_nodes[i + 1]].as_node();
      p.nodes.back() = cur;
    }
    row[plan_.slot] = QValue(std::move(p));
    return true;
  }
};

class FilterOp : public Operator {
 public:
  using Operator::Operator;
  bool produce(Row& row) override {
    while (child_->next(row))
      if (is_true(eval(*plan_.expr, row, x_.ctx()))) return true;
    return false;
  }
};

class LabelFilterOp : public Operator {
 public:
  using Operator::Operator;
  bool produce(Row& row) override {
    while (child_->next(row)) {
      if (plan_.match_nothing || row[plan_.slot].kind() != QValue::Kind::kNode) continue;
      if (labels_ok(plan_.labels, x_.graph().node(row[plan_.slot].as_node()).label)) return true;
    }
    return false;
  }
};

class OptionalOp : public Operator {
 public:
  using Operator::Operator;
  void reset() override {
    Operator::reset();
    in_sub_ = false;
  }
  bool produce(Row& row) override {
    for (;;) {
      if (!in_sub_) {
        if (!child_->next(row)) return false;
        sub_->reset();
        in_sub_ = true;
        any_ = false;
      }
      if (sub_->next(row)) {
        any_ = true;
        return true;
      }
      in_sub_ = false;
      if (!any_) {
        for (int s : plan_.slots) row[s] = QValue();
        return true;
      }
    }
  }

 private:
  bool in_sub_ = false, any_ = false;
};

class ProjectOp : public Operator {
 public:
  using Operator::Operator;
  bool produce(Row& row) override {
    if (!child_->next(row)) return false;
    // Evaluate every item before writing any: WITH b AS a, a AS b swaps.
    values_.clear();
    for (const Expr* e : plan_.exprs) values_.push_back(eval(*e, row, x_.ctx()));
    for (size_t i = 0; i < values_.size(); ++i) row[plan_.slots[i]] = std::move(values_[i]);
    return true;
  }

 private:
  std::vector<QValue> values_;
};

// One aggregate's running state.
struct Accumulator {
  int64_t count = 0;
  int64_t isum = 0;
  double fsum = 0;
  bool is_float = false;
  QValue best;
  List items;
  std::unordered_set<std::vector<QValue>, RowHash, RowEq> seen;
};

class AggregateOp : public Operator {
 public:
  AggregateOp(const PlanOp& p, Executor& x) : Operator(p, x) {
    for (size_t i = 0; i < p.exprs.size(); ++i)
      if (!p.is_aggregate[i]) keys_.push_back(static_cast<int>(i));
  }
  void reset() override {
    Operator::reset();
    done_ = false;
    groups_.clear();
    index_.clear();
    out_ = 0;
  }
  bool produce(Row& row) override {
    if (!done_) consume(row);
    if (out_ >= groups_.size()) return false;
    Group& grp = groups_[out_++];
    row = std::move(grp.row);
    std::vector<QValue> agg_values(x_.plan().bound.agg_count);
    for (size_t a = 0; a < plan_.aggregates.size(); ++a)
      agg_values[plan_.aggregates[a]->agg] = result(*plan_.aggregates[a], grp.accs[a]);
    EvalContext& ctx = x_.ctx();
    ctx.agg_values = &agg_values;
    std::vector<QValue> values;
    for (size_t i = 0; i < plan_.exprs.size(); ++i)
      values.push_back(plan_.is_aggregate[i] ? eval(*plan_.exprs[i], row, ctx) : grp.key[key_pos(i)]);
    ctx.agg_values = nullptr;
    for (size_t i = 0; i < values.size(); ++i) row[plan_.slots[i]] = std::move(values[i]);
    return true;
  }

 private:
  struct Group {
    std::vector<QValue> key;
    Row row;  // the group's first row: aggregate items may read its grouping variables
    std::vector<Accumulator> accs;
  };

  size_t key_pos(size_t item) const {
    return std::find(keys_.begin(), keys_.end(), static_cast<int>(item)) - keys_.begin();
  }

  // Grouping by dictionary codes: when every key is a node property with a
  // string column (`i.country`), a row's group is found from the column's
  // integer codes, not by hashing and comparing the strings. One or two such
  // keys; a row whose value is not a column string goes the general way.
  struct CodedKey {
    int slot;
    const StringColumn* column;
  };
  std::vector<CodedKey> coded_keys() const {
    std::vector<CodedKey> out;
    if (keys_.empty() || keys_.size() > 2) return {};
    for (int k : keys_) {
      const Expr& e = *plan_.exprs[k];
      if (e.kind != ExprKind::kProperty || e.args[0]->kind != ExprKind::kVar || e.name == "name" ||
          e.name == "aliases")
        return {};
      out.push_back({e.args[0]->slot, &x_.graph().string_column(e.name)});
    }
    return out;
  }
  // The row's packed codes, or nullopt when it must be grouped the general way.
  static std::optional<uint64_t> coded(const std::vector<CodedKey>& keys, const Row& row) {
    uint64_t packed = 0;
    for (size_t i = 0; i < keys.size(); ++i) {
      const QValue& v = row[keys[i].slot];
      uint32_t code = StringColumn::kAbsent;  // the property of null is null
      if (v.kind() == QValue::Kind::kNode) code = keys[i].column->codes[v.as_node()];
      else if (!v.is_null()) return std::nullopt;
      if (code == StringColumn::kNotString) return std::nullopt;
      packed |= static_cast<uint64_t>(code) << (32 * i);
    }
    return packed;
  }
  QValue code_value(const CodedKey& k, uint64_t packed, size_t i) const {
    uint32_t code = static_cast<uint32_t>(packed >> (32 * i));
    return code == StringColumn::kAbsent ? QValue() : QValue::view(k.column->values[code - 1]);
  }

  size_t new_group(std::vector<QValue> key, const Row& row) {
    groups_.push_back(Group{std::move(key), row, std::vector<Accumulator>(plan_.aggregates.size())});
    return groups_.size() - 1;
  }

  void consume(Row& row) {
    done_ = true;
    std::vector<QValue> key;
    const std::vector<CodedKey> coded_keys = this->coded_keys();
    std::unordered_map<uint64_t, size_t> by_code;
    while (child_->next(row)) {
      x_.tick();
      size_t g;
      std::optional<uint64_t> packed;
      if (!coded_keys.empty()) packed = coded(coded_keys, row);
      if (packed) {
        auto it = by_code.find(*packed);
        if (it == by_code.end()) {
          // A general row may have made the group already (the same text).
          key.clear();
          for (size_t i = 0; i < coded_keys.size(); ++i) key.push_back(code_value(coded_keys[i], *packed, i));
          auto general = index_.find(key);
          if (general == index_.end()) general = index_.emplace(key, new_group(key, row)).first;
          it = by_code.emplace(*packed, general->second).first;
        }
        g = it->second;
      } else {
        key.clear();
        for (int k : keys_) key.push_back(eval(*plan_.exprs[k], row, x_.ctx()));
        auto it = index_.find(key);
        if (it == index_.end()) {
          g = new_group(key, row);
          index_.emplace(key, g);
        } else {
          g = it->second;
        }
      }
      for (size_t a = 0; a < plan_.aggregates.size(); ++a) update(*plan_.aggregates[a], groups_[g].accs[a], row);
    }
    // No grouping keys: one row even when no row came in (count(*) = 0).
    if (groups_.empty() && keys_.empty())
      groups_.push_back(Group{{}, Row(x_.slot_count()), std::vector<Accumulator>(plan_.aggregates.size())});
  }

  void update(const Expr& e, Accumulator& acc, const Row& row) {
    if (e.kind == ExprKind::kCountStar) {
      ++acc.count;
      return;
    }
    QValue v = eval(*e.args[0], row, x_.ctx());
    if (v.is_null()) return;
    if (e.distinct && !acc.seen.insert({v}).second) return;
    std::string_view fn = function(e.function).name;
    if (fn == "count") {
      ++acc.count;
    } else if (fn == "collect") {
      acc.items.push_back(std::move(v));
    } else if (fn == "min" || fn == "max") {
      int c = acc.best.is_null() ? 0 : order(v, acc.best);
      if (acc.best.is_null() || (fn == "min" ? c < 0 : c > 0)) acc.best = std::move(v);
    } else {  // sum, avg
      if (!v.is_number())
        throw QueryError(std::string(fn) + "() expects numbers, got " + std::string(kind_name(v.kind())), e.pos);
      ++acc.count;
      if (v.kind() == QValue::Kind::kFloat) acc.is_float = true;
      acc.fsum += v.as_double();
      if (v.kind() == QValue::Kind::kInt && __builtin_add_overflow(acc.isum, v.as_int(), &acc.isum))
        throw QueryError("integer overflow in sum()", e.pos);
    }
  }

  QValue result(const Expr& e, Accumulator& acc) {
    if (e.kind == ExprKind::kCountStar) return QValue(acc.count);
    std::string_view fn = function(e.function).name;
    if (fn == "count") return QValue(acc.count);
    if (fn == "collect") return QValue(std::move(acc.items));
    if (fn == "min" || fn == "max") return acc.best;
    if (fn == "sum") return acc.is_float ? QValue(acc.fsum) : QValue(acc.isum);
    return acc.count ? QValue(acc.fsum / static_cast<double>(acc.count)) : QValue();  // avg
  }

  std::vector<int> keys_;
  bool done_ = false;
  std::vector<Group> groups_;
  std::unordered_map<std::vector<QValue>, size_t, RowHash, RowEq> index_;
  size_t out_ = 0;
};

class DistinctOp : public Operator {
 public:
  using Operator::Operator;
  void reset() override {
    Operator::reset();
    seen_.clear();
  }
  bool produce(Row& row) override {
    while (child_->next(row)) {
      std::vector<QValue> key;
      for (int s : plan_.slots) key.push_back(row[s]);
      if (seen_.insert(std::move(key)).second) return true;
    }
    return false;
  }

 private:
  std::unordered_set<std::vector<QValue>, RowHash, RowEq> seen_;
};

class SortOp : public Operator {
 public:
  using Operator::Operator;
  void reset() override {
    Operator::reset();
    done_ = false;
    rows_.clear();
    i_ = 0;
  }
  bool produce(Row& row) override {
    if (!done_) {
      done_ = true;
      while (child_->next(row)) {
        x_.tick();
        std::vector<QValue> keys;
        for (const Expr* e : plan_.exprs) keys.push_back(eval(*e, row, x_.ctx()));
        rows_.push_back({std::move(keys), row});
      }
      std::stable_sort(rows_.begin(), rows_.end(), [&](const auto& a, const auto& b) {
        for (size_t k = 0; k < a.first.size(); ++k) {
          int c = order(a.first[k], b.first[k]);
          if (c) return plan_.descending[k] ? c > 0 : c < 0;
        }
        return false;
      });
    }
    if (i_ >= rows_.size()) return false;
    row = std::move(rows_[i_++].second);
    return true;
  }

 private:
  bool done_ = false;
  std::vector<std::pair<std::vector<QValue>, Row>> rows_;
  size_t i_ = 0;
};

int64_t count_value(const PlanOp& p, Executor& x, std::string_view what) {
  Row empty(x.slot_count());
  QValue v = eval(*p.expr, empty, x.ctx());
  if (v.kind() != QValue::Kind::kInt || v.as_int() < 0)
    throw QueryError(std::string(what) + " expects a non-negative integer", p.expr->pos);
  return v.as_int();
}

class SkipOp : public Operator {
 public:
  using Operator::Operator;
  void reset() override {
    Operator::reset();
    skipped_ = false;
  }
  bool produce(Row& row) override {
    if (!skipped_) {
      skipped_ = true;
      for (int64_t n = count_value(plan_, x_, "SKIP"); n > 0; --n)
        if (!child_->next(row)) return false;
    }
    return child_->next(row);
  }

 private:
  bool skipped_ = false;
};

class LimitOp : public Operator {
 public:
  using Operator::Operator;
  void reset() override {
    Operator::reset();
    left_ = -1;
  }
  bool produce(Row& row) override {
    if (left_ < 0) left_ = count_value(plan_, x_, "LIMIT");
    if (left_ == 0) return false;
    if (!child_->next(row)) return false;
    --left_;
    return true;
  }

 private:
  int64_t left_ = -1;
};

class UnwindOp : public Operator {
 public:
  using Operator::Operator;
  void reset() override {
    Operator::reset();
    list_ = QValue();
    i_ = n_ = 0;
  }
  bool produce(Row& row) override {
    for (;;) {
      if (i_ < n_) {
        row[plan_.slot] = list_.as_list()[i_++];
        return true;
      }
      if (!child_->next(row)) return false;
      QValue v = eval(*plan_.expr, row, x_.ctx());
      if (v.is_null()) continue;
      if (v.kind() != QValue::Kind::kList) {
        row[plan_.slot] = std::move(v);
        i_ = n_ = 0;
        return true;
      }
      list_ = std::move(v);
      i_ = 0;
      n_ = list_.as_list().size();
    }
  }

 private:
  QValue list_;
  size_t i_ = 0, n_ = 0;
};

class CallOp : public Operator {
 public:
  CallOp(const PlanOp& p, Executor& x) : Operator(p, x), def_(find_procedure(p.procedure)) {}
  void reset() override {
    Operator::reset();
    rows_.clear();
    i_ = 0;
  }
  bool produce(Row& row) override {
    for (;;) {
      if (i_ < rows_.size()) {
        auto& r = rows_[i_++];
        for (size_t k = 0; k < plan_.slots.size(); ++k) row[plan_.slots[k]] = r[plan_.yield_columns[k]];
        return true;
      }
      if (!child_->next(row)) return false;
      std::vector<QValue> args;
      for (const Expr* e : plan_.exprs) args.push_back(eval(*e, row, x_.ctx()));
      rows_.clear();
      i_ = 0;
      ProcContext pc{x_.graph(), plan_.pos, x_.options().since, x_.options().until};
      def_->fn(args, pc, rows_);
    }
  }

 private:
  const ProcedureDef* def_;
  ProcRows rows_;
  size_t i_ = 0;
};

}  // namespace

std::unique_ptr<Operator> make_operator(const PlanOp& op, Executor& x) {
  switch (op.kind) {
    case OpKind::kStart:
    case OpKind::kArgument: return std::make_unique<StartOp>(op, x);
    case OpKind::kNodeScan: return std::make_unique<NodeScanOp>(op, x);
    case OpKind::kNodeSeek: return std::make_unique<NodeSeekOp>(op, x);
    case OpKind::kExpand: return std::make_unique<ExpandOp>(op, x);
    case OpKind::kVarExpand: return std::make_unique<VarExpandOp>(op, x);
    case OpKind::kShortestPath: return std::make_unique<ShortestPathOp>(op, x);
    case OpKind::kBuildPath: return std::make_unique<BuildPathOp>(op, x);
    case OpKind::kFilter: return std::make_unique<FilterOp>(op, x);
    case OpKind::kLabelFilter: return std::make_unique<LabelFilterOp>(op, x);
    case OpKind::kOptional: return std::make_unique<OptionalOp>(op, x);
    case OpKind::kProject: return std::make_unique<ProjectOp>(op, x);
    case OpKind::kAggregate: return std::make_unique<AggregateOp>(op, x);
    case OpKind::kDistinct: return std::make_unique<DistinctOp>(op, x);
    case OpKind::kSort: return std::make_unique<SortOp>(op, x);
    case OpKind::kSkip: return std::make_unique<SkipOp>(op, x);
    case OpKind::kLimit: return std::make_unique<LimitOp>(op, x);
    case OpKind::kUnwind: return std::make_unique<UnwindOp>(op, x);
    case OpKind::kCall: return std::make_unique<CallOp>(op, x);
  }
  return nullptr;
}

}  // namespace kg::query
