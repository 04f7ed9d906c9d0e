// Graph analytics: which parties are hubs of cooperation, which groups form,
// how two parties are connected. Every algorithm runs on a View: a simple
// graph (no parallel edges, no self-loops) selected from a Graph by a
// Subgraph, built once and shared by as many algorithms as the caller likes.
// Results are vectors parallel to View::nodes(). Boost.Graph does the work
// inside graph/ (graph/analytics_*.cc); no Boost type crosses this header.
//
// What each default means (Subgraph{}):
//   - view kStored: every node, every edge as stored, DIRECTED source ->
//     target; SIGNED and PARTNERS_WITH, which have no direction, count in both
//     directions. Parallel edges between the same ordered pair collapse to
//     one link whose weight is the number of distinct supporting documents
//     (at least 1 per edge, so imported edges without evidence count).
//     Self-loops are dropped. `undirected` turns it into the undirected graph
//     (unordered pairs), the one components are always computed on (weak).
//   - view kPartners: the partnership graph, always undirected, over parties
//     (Institution, Country, Alliance, Place) with at least one partner.
//     Two parties are partners for one or more reasons:
//       signed       a SIGNED edge between them
//       partners     a PARTNERS_WITH edge between them
//       established  both ESTABLISHED the same Workshop or Alliance
//       hosted       both HOSTED the same Event
//       member       both MEMBER_OF the same Alliance
//     A link keeps the reasons and, per reason, the distinct documents that
//     support it (a co-relation is supported by the documents of both edges,
//     united); its weight is the distinct documents over all its reasons.
//     Level kCountry lifts each party to its Country: a Country node is
//     itself, any other party counts for the Country node named by its
//     `country` property (parties without one, or whose country has no
//     node, drop out); links within one country are dropped.
//   - algorithms are unweighted unless `weighted` is set: then PageRank and
//     degree use the link weight, and distances (betweenness, closeness,
//     shortest paths) use 1 / weight, so well-documented links are short.
//
// Time window: `since` and `until` ("YYYY-MM-DD", or a shorter prefix such as
// "2024"; inclusive, empty = open) keep only edges whose `date` property
// falls in the window (compared on the common prefix, so "2024" admits any
// date in 2024). An edge without a date is dropped once a window is set.
// Extraction dates relations with the date the text gives for the signing
// or event, else the article's date (then `date_source` is "article").
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "graph/date_window.h"
#include "graph/graph.h"

namespace kg {

enum class ViewKind : uint8_t { kStored, kPartners };
enum class ViewLevel : uint8_t { kParty, kCountry };

// The reasons two parties are partners, in this order (bit i = reason i).
enum class PartnerReason : uint8_t { kSigned, kPartners, kEstablished, kHosted, kMember };
inline constexpr int kPartnerReasonCount = 5;
// "signed", "partners", "established", "hosted", "member".
const char* to_string(PartnerReason r);

// Which graph an algorithm sees. Defaults: the whole graph as stored.
struct Subgraph {
  ViewKind view = ViewKind::kStored;
  ViewLevel level = ViewLevel::kParty;  // kPartners only
  // Only nodes with these labels (empty: all; for kPartners: the four party
  // labels). Edges need both ends kept.
  std::vector<Label> labels;
  // Only edges of these types (empty: all). For kPartners this selects the
  // reasons: SIGNED, PARTNERS_WITH, ESTABLISHED, HOSTED, MEMBER_OF.
  std::vector<RelType> types;
  std::string since, until;  // see the time window above
  bool undirected = false;   // kStored only; kPartners is always undirected
};

// REQUIRES: since/until are empty or a prefix of the form YYYY-MM-DD.
// Throws UsageError for a malformed date or a filter that makes no sense
// (level kCountry with view kStored).
void check_subgraph(const Subgraph& s);

class View {
 public:
  struct Link {
    uint32_t source, target;  // vertex indexes (into nodes()); source < target when undirected
    double weight;            // distinct documents, at least 1
    uint8_t reasons = 0;      // kPartners: bit set of PartnerReason
    std::array<uint32_t, kPartnerReasonCount> reason_docs{};  // kPartners: documents per reason
  };

  View(View&&) noexcept;
  View& operator=(View&&) noexcept;
  View(const View&) = delete;
  View& operator=(const View&) = delete;
  ~View();

  bool directed() const { return directed_; }
  // Vertex i is the graph node nodes()[i]; ascending node ids.
  const std::vector<NodeId>& nodes() const { return nodes_; }
  // Sorted by (source, target); one link per pair.
  const std::vector<Link>& links() const { return links_; }
  // The vertex of a graph node, if it is in the view.
  std::optional<uint32_t> vertex(NodeId node) const;

  struct Impl;  // the Boost.Graph form, private to graph/
  const Impl& impl() const { return *impl_; }

 private:
  friend View make_view(const Graph& g, const Subgraph& s);
  View();
  bool directed_ = true;
  std::vector<NodeId> nodes_;
  std::vector<Link> links_;
  std::unique_ptr<Impl> impl_;
};

// Builds the selected graph (and its Boost.Graph form). O(E log E).
View make_view(const Graph& g, const Subgraph& s);

// The Country node a node counts for at level kCountry: itself if it is a
// Country, else the Country node its `country` property names (Graph::find,
// so aliases count); nullopt when there is none.
std::optional<NodeId> country_of(const Graph& g, NodeId node);

// --- algorithms: results are parallel to view.nodes() -----------------------
// Costs (n vertices, m links): degree, components O(n + m); PageRank
// O(m) per iteration; distances and paths O(m) (BFS) or O(m log n)
// (Dijkstra); betweenness and closeness O(n m), so seconds at 10,000
// vertices and hours at a million; Louvain about O(m) per level.

// In + out degree as NetworkX's G.degree: links, or with `weighted` the sum of
// link weights.
std::vector<double> degree(const View& v, bool weighted = false);

struct PageRankOptions {
  double damping = 0.85;
  int max_iterations = 100;
  // Stops when the L1 change of an iteration falls below n * tolerance
  // (NetworkX's rule; its default tolerance is 1e-6).
  double tolerance = 1e-10;
  bool weighted = false;
};
// NetworkX's pagerank: power iteration from 1/n; a dangling vertex (no
// out-links) spreads its rank evenly over all vertices; scores sum to 1.
// Follows link directions on a directed view.
std::vector<double> pagerank(const View& v, const PageRankOptions& o = {});
// The same with exactly `iterations` iterations (the benchmark's fixed count).
std::vector<double> pagerank_iterations(const View& v, int iterations, double damping = 0.85);

// Brandes betweenness (boost::brandes_betweenness_centrality), normalised as
// NetworkX's betweenness_centrality(normalized=True): divided by (n-1)(n-2)
// (pairs counted in both directions on undirected views), 0 when n <= 2.
std::vector<double> betweenness(const View& v, bool weighted = false);

// NetworkX's closeness_centrality with wf_improved=True: for vertex u,
// (r-1)/sum(d) * (r-1)/(n-1), r = vertices that reach u (u included), 0 if
// none. Directed views use distances TO u (NetworkX reverses the graph).
std::vector<double> closeness(const View& v, bool weighted = false);

// Weakly connected components: a component number per vertex, numbered 0,
// 1, ... by decreasing size (ties: lowest vertex first).
std::vector<uint32_t> components(const View& v);

// Distances from `source` (a vertex index): BFS hops, or with `weighted`
// Dijkstra over 1 / weight. Unreachable vertices get +infinity. Follows
// directions on a directed view.
std::vector<double> distances(const View& v, uint32_t source, bool weighted = false);
// One shortest path from `from` to `to` (vertex indexes, both ends
// included), empty when `to` is unreachable. Ties: the first found.
struct Path {
  std::vector<uint32_t> vertices;
  double length = 0;  // hops, or the sum of 1/weight
};
Path shortest_path(const View& v, uint32_t from, uint32_t to, bool weighted = false);

// Louvain community detection (graph/analytics_louvain.cc), on the view as
// undirected, weighted by link weight with `weighted` else 1 per link.
// Communities are numbered 0, 1, ... by decreasing size.
struct Communities {
  std::vector<uint32_t> community;  // per vertex
  double modularity = 0;            // Newman's Q at resolution 1, same weights
};
Communities communities(const View& v, bool weighted = false);

// Newman's modularity of a partition of the view (as undirected), as
// NetworkX's community.modularity.
double modularity(const View& v, const std::vector<uint32_t>& community, bool weighted = false);

}  // namespace kg
