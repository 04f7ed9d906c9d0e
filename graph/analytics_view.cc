// Views for the analytics: the stored graph or the partnership graph,
// selected by label, type and date, collapsed to a simple graph, and put in
// a Boost CSR once so that every algorithm after it walks the same arrays.
//
// Both views are built the same way: every supporting fact becomes a row
// (source vertex, target vertex, reason, document key); sorting the rows
// groups them by pair, and the distinct document keys of a group are its
// weight (and, per reason, the reason's count). A document key is the
// evidence's document, or for an edge with no evidence (imported) a key of
// its own, so every edge counts at least once.
#include <algorithm>
#include <tuple>

#include "graph/analytics_impl.h"
#include "graph/error.h"

namespace kg {
namespace {

constexpr uint32_t kNone = UINT32_MAX;

struct Row {
  uint32_t a, b;  // graph node ids until the vertices are numbered
  uint8_t reason;
  uint64_t doc;
  auto key() const { return std::tie(a, b, reason, doc); }
};

bool valid_date_prefix(const std::string& d) {
  // YYYY, YYYY-MM or YYYY-MM-DD.
  static const char kShape[] = "9999-99-99";
  if (d.size() != 4 && d.size() != 7 && d.size() != 10) return false;
  for (size_t i = 0; i < d.size(); ++i) {
    bool digit = d[i] >= '0' && d[i] <= '9';
    if (kShape[i] == '9' ? !digit : d[i] != '-') return false;
  }
  return true;
}

bool in_window(std::string_view date, const Subgraph& s) { return date_in_window(date, s.since, s.until); }

// Appends the edge's document keys.
void edge_doc_keys(const Graph& g, EdgeId e, std::vector<uint64_t>& out) {
  const Edge& edge = g.edge(e);
  if (edge.evidence.empty()) {
    out.push_back((uint64_t{1} << 32) | e);
    return;
  }
  for (const auto& ev : edge.evidence) out.push_back(ev.doc);
}

bool keep_type(const Subgraph& s, RelType t) {
  return s.types.empty() || std::find(s.types.begin(), s.types.end(), t) != s.types.end();
}

std::vector<bool> kept_labels(const Subgraph& s) {
  std::vector<bool> keep(kLabelCount, s.labels.empty());
  if (s.view == ViewKind::kPartners && s.labels.empty())
    for (Label l : {Label::kInstitution, Label::kCountry, Label::kAlliance, Label::kPlace})
      keep[static_cast<int>(l)] = true;
  for (Label l : s.labels) keep[static_cast<int>(l)] = true;
  return keep;
}

void stored_rows(const Graph& g, const Subgraph& s, std::vector<Row>& rows) {
  auto keep = kept_labels(s);
  std::vector<uint64_t> docs;
  for (EdgeId e = 0; e < g.edge_count(); ++e) {
    const Edge& edge = g.edge(e);
    if (edge.source == edge.target || !keep_type(s, edge.type)) continue;
    if (!keep[static_cast<int>(g.node(edge.source).label)] ||
        !keep[static_cast<int>(g.node(edge.target).label)])
      continue;
    if (!in_window(edge.props.get_string("date"), s)) continue;
    docs.clear();
    edge_doc_keys(g, e, docs);
    uint32_t a = edge.source, b = edge.target;
    if (s.undirected && a > b) std::swap(a, b);
    for (uint64_t d : docs) {
      rows.push_back({a, b, 0, d});
      if (!s.undirected && is_symmetric(edge.type)) rows.push_back({b, a, 0, d});
    }
  }
}

// The partnership rows at party level, then lifted to countries.
void partner_rows(const Graph& g, const Subgraph& s, std::vector<Row>& rows) {
  auto keep = kept_labels(s);
  bool reason_on[kPartnerReasonCount];
  const RelType kReasonType[] = {RelType::kSigned, RelType::kPartnersWith, RelType::kEstablished,
                                 RelType::kHosted, RelType::kMemberOf};
  for (int r = 0; r < kPartnerReasonCount; ++r) reason_on[r] = keep_type(s, kReasonType[r]);

  // The vertex a party counts as: itself, or at country level its Country.
  std::vector<uint32_t> rep(g.node_count(), kNone - 1);  // kNone - 1: not computed
  auto lift = [&](NodeId n) -> uint32_t {
    if (rep[n] != kNone - 1) return rep[n];
    const Node& node = g.node(n);
    uint32_t r = kNone;
    if (keep[static_cast<int>(node.label)]) {
      if (s.level == ViewLevel::kParty) {
        r = n;
      } else if (auto c = country_of(g, n)) {
        r = *c;
      }
    }
    return rep[n] = r;
  };
  auto add = [&](uint32_t a, uint32_t b, int reason, const std::vector<uint64_t>& docs) {
    if (a == kNone || b == kNone || a == b) return;
    if (a > b) std::swap(a, b);
    for (uint64_t d : docs) rows.push_back({a, b, static_cast<uint8_t>(reason), d});
  };

  // Co-relations: the parties with an edge of the reason's type into the same
  // target, grouped by target.
  struct Into {
    NodeId target;
    int reason;
    NodeId party;
    EdgeId edge;
  };
  std::vector<Into> into;
  std::vector<uint64_t> docs;
  for (EdgeId e = 0; e < g.edge_count(); ++e) {
    const Edge& edge = g.edge(e);
    if (!in_window(edge.props.get_string("date"), s)) continue;
    Label tl = g.node(edge.target).label;
    int reason = -1;
    switch (edge.type) {
      case RelType::kSigned:
      case RelType::kPartnersWith:
        reason = edge.type == RelType::kSigned ? 0 : 1;
        if (!reason_on[reason]) break;
        docs.clear();
        edge_doc_keys(g, e, docs);
        add(lift(edge.source), lift(edge.target), reason, docs);
        break;
      case RelType::kEstablished:
        if (tl == Label::kWorkshop || tl == Label::kAlliance) reason = 2;
        break;
      case RelType::kHosted:
        if (tl == Label::kEvent) reason = 3;
        break;
      case RelType::kMemberOf:
        if (tl == Label::kAlliance) reason = 4;
        break;
      default:
        break;
    }
    if (reason >= 2 && reason_on[reason] && lift(edge.source) != kNone)
      into.push_back({edge.target, reason, edge.source, e});
  }
  std::sort(into.begin(), into.end(), [](const Into& x, const Into& y) {
    return std::tie(x.target, x.reason, x.party, x.edge) <
           std::tie(y.target, y.reason, y.party, y.edge);
  });
  for (size_t i = 0; i < into.size();) {
    size_t j = i;
    while (j < into.size() && into[j].target == into[i].target && into[j].reason == into[i].reason)
      ++j;
    for (size_t x = i; x < j; ++x)
      for (size_t y = x + 1; y < j; ++y) {
        if (into[x].party == into[y].party) continue;
        docs.clear();
        edge_doc_keys(g, into[x].edge, docs);
        edge_doc_keys(g, into[y].edge, docs);
        add(lift(into[x].party), lift(into[y].party), into[i].reason, docs);
      }
    i = j;
  }
}

}  // namespace

const char* to_string(PartnerReason r) {
  switch (r) {
    case PartnerReason::kSigned:
      return "signed";
    case PartnerReason::kPartners:
      return "partners";
    case PartnerReason::kEstablished:
      return "established";
    case PartnerReason::kHosted:
      return "hosted";
    case PartnerReason::kMember:
      return "member";
  }
  return "?";
}

std::optional<NodeId> country_of(const Graph& g, NodeId node) {
  const Node& n = g.node(node);
  if (n.label == Label::kCountry) return node;
  auto c = n.props.get_string("country");
  if (c.empty()) return std::nullopt;
  return g.find(Label::kCountry, c);
}

void check_subgraph(const Subgraph& s) {
  for (const std::string* d : {&s.since, &s.until})
    if (!d->empty() && !valid_date_prefix(*d))
      throw UsageError("date '" + *d + "' is not YYYY, YYYY-MM or YYYY-MM-DD");
  if (s.view == ViewKind::kStored && s.level == ViewLevel::kCountry)
    throw UsageError("level 'country' needs view 'partners'");
  if (s.view == ViewKind::kPartners)
    for (RelType t : s.types)
      if (t != RelType::kSigned && t != RelType::kPartnersWith && t != RelType::kEstablished &&
          t != RelType::kHosted && t != RelType::kMemberOf)
        throw UsageError("relationship type " + std::string(to_string(t)) +
                         " is not a partnership reason (SIGNED, PARTNERS_WITH, ESTABLISHED, "
                         "HOSTED, MEMBER_OF)");
}

View::View() = default;
View::View(View&&) noexcept = default;
View& View::operator=(View&&) noexcept = default;
View::~View() = default;

std::optional<uint32_t> View::vertex(NodeId node) const {
  auto it = std::lower_bound(nodes_.begin(), nodes_.end(), node);
  if (it == nodes_.end() || *it != node) return std::nullopt;
  return static_cast<uint32_t>(it - nodes_.begin());
}

View make_view(const Graph& g, const Subgraph& s) {
  check_subgraph(s);
  View v;
  std::vector<Row> rows;
  if (s.view == ViewKind::kStored) {
    v.directed_ = !s.undirected;
    stored_rows(g, s, rows);
    auto keep = kept_labels(s);
    for (NodeId n = 0; n < g.node_count(); ++n)
      if (keep[static_cast<int>(g.node(n).label)]) v.nodes_.push_back(n);
  } else {
    v.directed_ = false;
    partner_rows(g, s, rows);
    for (const Row& r : rows) {
      v.nodes_.push_back(r.a);
      v.nodes_.push_back(r.b);
    }
    std::sort(v.nodes_.begin(), v.nodes_.end());
    v.nodes_.erase(std::unique(v.nodes_.begin(), v.nodes_.end()), v.nodes_.end());
  }
  std::sort(rows.begin(), rows.end(), [](const Row& x, const Row& y) { return x.key() < y.key(); });

  // Node ids to vertex indexes (both ascending, so pair order is kept).
  std::vector<uint32_t> vertex_of(g.node_count(), kNone);
  for (uint32_t i = 0; i < v.nodes_.size(); ++i) vertex_of[v.nodes_[i]] = i;

  std::vector<uint64_t> pair_docs;
  for (size_t i = 0; i < rows.size();) {
    View::Link link{vertex_of[rows[i].a], vertex_of[rows[i].b], 0};
    pair_docs.clear();
    size_t j = i;
    for (; j < rows.size() && rows[j].a == rows[i].a && rows[j].b == rows[i].b; ++j) {
      pair_docs.push_back(rows[j].doc);
      bool new_reason = j == i || rows[j].reason != rows[j - 1].reason;
      if (new_reason || rows[j].doc != rows[j - 1].doc) ++link.reason_docs[rows[j].reason];
      link.reasons |= static_cast<uint8_t>(1u << rows[j].reason);
    }
    std::sort(pair_docs.begin(), pair_docs.end());
    link.weight =
        static_cast<double>(std::unique(pair_docs.begin(), pair_docs.end()) - pair_docs.begin());
    if (s.view == ViewKind::kStored) {
      link.reasons = 0;
      link.reason_docs = {};
    }
    v.links_.push_back(link);
    i = j;
  }
  v.impl_ = build_view_impl(v.nodes_.size(), v.links_, v.directed_);
  return v;
}

std::unique_ptr<View::Impl> build_view_impl(size_t n, const std::vector<View::Link>& links,
                                            bool directed) {
  std::vector<std::pair<uint32_t, uint32_t>> pairs;
  std::vector<double> weights;
  pairs.reserve(links.size() * (directed ? 1 : 2));
  weights.reserve(pairs.capacity());
  for (const auto& l : links) {
    pairs.emplace_back(l.source, l.target);
    weights.push_back(l.weight);
    if (!directed) {
      pairs.emplace_back(l.target, l.source);
      weights.push_back(l.weight);
    }
  }
  auto impl = std::make_unique<View::Impl>();
  impl->graph = ViewGraph(boost::edges_are_unsorted_multi_pass, pairs.begin(), pairs.end(),
                          weights.begin(), static_cast<uint32_t>(n));
  impl->out_weight.assign(n, 0.0);
  for (size_t i = 0; i < pairs.size(); ++i) impl->out_weight[pairs[i].first] += weights[i];
  return impl;
}

// Compared on the common prefix, so a year-only date or bound admits the
// whole year.
bool date_in_window(std::string_view date, std::string_view since, std::string_view until) {
  if (since.empty() && until.empty()) return true;
  if (date.empty()) return false;
  auto cut = [&](std::string_view bound) {
    size_t k = std::min(date.size(), bound.size());
    return date.substr(0, k).compare(bound.substr(0, k));
  };
  if (!since.empty() && cut(since) < 0) return false;
  if (!until.empty() && cut(until) > 0) return false;
  return true;
}

void keep_date_window(Graph& g, std::string_view since, std::string_view until) {
  if (since.empty() && until.empty()) return;
  std::vector<bool> drop_nodes(g.node_count(), false), drop_edges(g.edge_count(), false);
  for (EdgeId e = 0; e < g.edge_count(); ++e)
    drop_edges[e] = !date_in_window(g.edge(e).props.get_string("date"), since, until);
  g.erase(drop_nodes, drop_edges);
}

}  // namespace kg
