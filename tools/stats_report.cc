// kg stats: gather the figures into a Report once, then print it in one of
// three formats, so the formats cannot disagree.
#include "tools/stats_report.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>

#include "graph/error.h"
#include "graph/export_text.h"

namespace kg::cli {
namespace {

struct Ranked {
  NodeId node;
  double score;
  double documents;
};

struct CountryPair {
  NodeId a, b;
  size_t partnerships = 0;
  size_t documents = 0;
};

struct Group {
  size_t size;
  std::vector<NodeId> largest;  // members by decreasing partner count
};

struct Year {
  std::string year;
  size_t relations = 0, documents = 0, parties = 0, partner_links = 0;
  std::vector<Ranked> top;  // by partners
};

// A workshop or initiative, where the text puts it and who established it.
struct Workshop {
  NodeId node;
  std::string country, established_by;
  double degree;
  size_t facts;  // establishers, plus one for a known country: the sort key
};

struct Report {
  size_t nodes = 0, relations = 0, documents = 0;
  std::vector<Ranked> hubs_degree, hubs_pagerank;  // the stored graph
  std::vector<Workshop> workshops;
  std::vector<std::pair<std::string, size_t>> labels, types;
  size_t parties = 0, partner_links = 0;
  std::vector<Ranked> by_degree, by_pagerank;
  std::vector<CountryPair> country_pairs;
  std::vector<Group> components, communities;
  size_t component_count = 0, community_count = 0;
  double modularity = 0;
  std::vector<Year> years;
};

bool in_window(std::string_view date, const std::string& since, const std::string& until) {
  if (since.empty() && until.empty()) return true;
  if (date.empty()) return false;
  auto cmp = [&](const std::string& b) {
    size_t k = std::min(date.size(), b.size());
    return date.substr(0, k).compare(std::string_view(b).substr(0, k));
  };
  return (since.empty() || cmp(since) >= 0) && (until.empty() || cmp(until) <= 0);
}

// Relations and documents in the window.
void count_relations(const Graph& g, const std::string& since, const std::string& until,
                     size_t* relations, size_t* documents, size_t types[kRelTypeCount]) {
  std::set<Sym> docs;
  *relations = 0;
  for (EdgeId e = 0; e < g.edge_count(); ++e) {
    const Edge& edge = g.edge(e);
    if (!in_window(edge.props.get_string("date"), since, until)) continue;
    ++*relations;
    if (types) ++types[static_cast<int>(edge.type)];
    for (const auto& ev : edge.evidence) docs.insert(ev.doc);
  }
  *documents = docs.size();
}

std::vector<Ranked> top_of(const View& v, const std::vector<double>& score,
                           const std::vector<double>& docs, const Graph& g, size_t k) {
  std::vector<Ranked> all;
  for (uint32_t i = 0; i < v.nodes().size(); ++i) all.push_back({v.nodes()[i], score[i], docs[i]});
  std::sort(all.begin(), all.end(), [&](const Ranked& x, const Ranked& y) {
    if (x.score != y.score) return x.score > y.score;
    if (x.documents != y.documents) return x.documents > y.documents;
    return g.node(x.node).name < g.node(y.node).name;
  });
  if (all.size() > k) all.resize(k);
  return all;
}

// Groups (components or communities) by decreasing size with their largest
// members; `group` is numbered by decreasing size already.
std::vector<Group> groups_of(const View& v, const std::vector<uint32_t>& group,
                             const std::vector<double>& deg, size_t k, size_t* count) {
  uint32_t n = 0;
  for (uint32_t c : group) n = std::max(n, c + 1);
  *count = n;
  std::vector<std::vector<uint32_t>> members(n);
  for (uint32_t i = 0; i < group.size(); ++i) members[group[i]].push_back(i);
  std::vector<Group> out;
  for (uint32_t c = 0; c < n && c < k; ++c) {
    auto& m = members[c];
    std::stable_sort(m.begin(), m.end(), [&](uint32_t a, uint32_t b) { return deg[a] > deg[b]; });
    Group gr{m.size(), {}};
    for (size_t i = 0; i < m.size() && i < 5; ++i) gr.largest.push_back(v.nodes()[m[i]]);
    out.push_back(std::move(gr));
  }
  return out;
}

Report gather(const Graph& g, const StatsOptions& o) {
  Report r;
  r.nodes = g.node_count();
  size_t labels[kLabelCount] = {}, types[kRelTypeCount] = {};
  for (NodeId i = 0; i < g.node_count(); ++i) ++labels[static_cast<int>(g.node(i).label)];
  for (Label l : kAllLabels)
    if (labels[static_cast<int>(l)])
      r.labels.emplace_back(to_string(l), labels[static_cast<int>(l)]);
  count_relations(g, o.since, o.until, &r.relations, &r.documents, types);
  // Without a window, every document that contributed anything (mentions too).
  if (o.since.empty() && o.until.empty()) r.documents = g.documents().size();
  for (RelType t : kAllRelTypes)
    if (types[static_cast<int>(t)]) r.types.emplace_back(to_string(t), types[static_cast<int>(t)]);

  // Hubs of the whole graph as stored (directed), in the window.
  Subgraph whole;
  whole.since = o.since;
  whole.until = o.until;
  {
    View w = make_view(g, whole);
    auto wdeg = degree(w), wdocs = degree(w, true);
    r.hubs_degree = top_of(w, wdeg, wdocs, g, o.top);
    r.hubs_pagerank = top_of(w, pagerank(w), wdocs, g, o.top);
    for (uint32_t i = 0; i < w.nodes().size(); ++i) {
      NodeId id = w.nodes()[i];
      const Node& n = g.node(id);
      if (n.label != Label::kWorkshop && n.label != Label::kInitiative) continue;
      Workshop ws{id, std::string(n.props.get_string("country")), "", wdeg[i], 0};
      ws.facts = ws.country.empty() ? 0 : 1;
      for (const Adj& a : g.in(id)) {
        const Edge& e = g.edge(a.edge);
        if (e.type != RelType::kEstablished ||
            !in_window(e.props.get_string("date"), o.since, o.until))
          continue;
        const Node& by = g.node(a.other);
        auto c = country_of(g, a.other);
        ws.established_by += (ws.facts++ && !ws.established_by.empty() ? ", " : "") + by.name;
        if (c && *c != a.other) ws.established_by += " (" + g.node(*c).name + ")";
      }
      if (ws.facts > 0 || ws.degree > 0) r.workshops.push_back(std::move(ws));
    }
    std::stable_sort(r.workshops.begin(), r.workshops.end(),
                     [](const Workshop& a, const Workshop& b) {
                       if (a.facts != b.facts) return a.facts > b.facts;
                       return a.degree > b.degree;
                     });
    if (r.workshops.size() > o.top) r.workshops.resize(o.top);
  }

  Subgraph s;
  s.view = ViewKind::kPartners;
  s.level = o.level;
  s.since = o.since;
  s.until = o.until;
  View v = make_view(g, s);
  r.parties = v.nodes().size();
  r.partner_links = v.links().size();
  auto deg = degree(v), docs = degree(v, true);
  r.by_degree = top_of(v, deg, docs, g, o.top);
  r.by_pagerank = top_of(v, pagerank(v), docs, g, o.top);
  r.components = groups_of(v, components(v), deg, o.top, &r.component_count);
  Communities c = communities(v);
  r.modularity = c.modularity;
  r.communities = groups_of(v, c.community, deg, o.top, &r.community_count);

  // Country pairs from the party-level links.
  View parties = o.level == ViewLevel::kParty ? View(std::move(v)) : [&] {
    Subgraph p = s;
    p.level = ViewLevel::kParty;
    return make_view(g, p);
  }();
  std::map<std::pair<NodeId, NodeId>, CountryPair> pairs;
  for (const auto& l : parties.links()) {
    auto a = country_of(g, parties.nodes()[l.source]), b = country_of(g, parties.nodes()[l.target]);
    if (!a || !b || *a == *b) continue;
    auto key = std::minmax(*a, *b);
    auto& p = pairs[{key.first, key.second}];
    p.a = key.first;
    p.b = key.second;
    ++p.partnerships;
    p.documents += static_cast<size_t>(l.weight);
  }
  for (auto& [k, p] : pairs) r.country_pairs.push_back(p);
  std::sort(r.country_pairs.begin(), r.country_pairs.end(), [&](const auto& x, const auto& y) {
    if (x.partnerships != y.partnerships) return x.partnerships > y.partnerships;
    if (x.documents != y.documents) return x.documents > y.documents;
    return std::tie(g.node(x.a).name, g.node(x.b).name) <
           std::tie(g.node(y.a).name, g.node(y.b).name);
  });
  if (r.country_pairs.size() > o.top) r.country_pairs.resize(o.top);

  if (o.by_year) {
    std::set<std::string> years;
    for (EdgeId e = 0; e < g.edge_count(); ++e) {
      auto d = g.edge(e).props.get_string("date");
      if (d.size() >= 4 && in_window(d, o.since, o.until))
        years.insert(std::string(d.substr(0, 4)));
    }
    for (const auto& y : years) {
      Year yr{y};
      count_relations(g, y, y, &yr.relations, &yr.documents, nullptr);
      Subgraph ys = s;
      ys.since = ys.until = y;
      View yv = make_view(g, ys);
      yr.parties = yv.nodes().size();
      yr.partner_links = yv.links().size();
      yr.top = top_of(yv, degree(yv), degree(yv, true), g, 5);
      r.years.push_back(std::move(yr));
    }
  }
  return r;
}

std::string num(double x) {
  char buf[32];
  std::snprintf(buf, sizeof buf, x == static_cast<long long>(x) ? "%.0f" : "%.4f", x);
  return buf;
}

std::string names(const Graph& g, const std::vector<NodeId>& ids) {
  std::string s;
  for (size_t i = 0; i < ids.size(); ++i) s += (i ? ", " : "") + g.node(ids[i]).name;
  return s;
}

std::string window(const StatsOptions& o) {
  if (o.since.empty() && o.until.empty()) return "";
  return " (relations dated " + (o.since.empty() ? std::string("...") : o.since) + " to " +
         (o.until.empty() ? std::string("...") : o.until) + ")";
}

std::string text(const Graph& g, const Report& r, const StatsOptions& o, bool md) {
  std::string s;
  auto line = [&](const std::string& l) { s += l + "\n"; };
  auto heading = [&](const std::string& h) { line(md ? "\n## " + h + "\n" : "\n" + h + ":"); };
  const char* level = o.level == ViewLevel::kParty ? "party" : "country";
  line((md ? "# " : "") + o.title + ": " + std::to_string(r.nodes) + " nodes, " +
       std::to_string(r.relations) + " relations, " + std::to_string(r.documents) + " documents" +
       window(o));
  auto counts = [&](const std::string& h, const auto& rows) {
    heading(h);
    if (md) line("| | count |\n|---|---|");
    for (const auto& [k, n] : rows)
      line(md ? "| " + k + " | " + std::to_string(n) + " |" : "  " + k + ": " + std::to_string(n));
  };
  counts("Nodes by label", r.labels);
  counts("Relations by type", r.types);
  auto ranking = [&](const std::string& h, const std::vector<Ranked>& rows, const char* what) {
    heading(h);
    if (md)
      line(std::string("| # | name | label | ") + what + " | documents |\n|---|---|---|---|---|");
    for (size_t i = 0; i < rows.size(); ++i) {
      const Node& n = g.node(rows[i].node);
      std::string label(to_string(n.label));
      if (md)
        line("| " + std::to_string(i + 1) + " | " + n.name + " | " + label + " | " +
             num(rows[i].score) + " | " + num(rows[i].documents) + " |");
      else
        line("  " + std::to_string(i + 1) + ". " + n.name + " (" + label + ")  " + what + " " +
             num(rows[i].score) + ", documents " + num(rows[i].documents));
    }
  };
  const std::string top = std::to_string(o.top);
  ranking("Top " + top + " nodes by degree (whole graph)", r.hubs_degree, "degree");
  ranking("Top " + top + " nodes by PageRank (whole graph, directed)", r.hubs_pagerank, "pagerank");
  heading("Workshops and initiatives");
  if (md) line("| name | label | country | established by | degree |\n|---|---|---|---|---|");
  for (const auto& w : r.workshops) {
    const Node& n = g.node(w.node);
    std::string label(to_string(n.label));
    line(md ? "| " + n.name + " | " + label + " | " + w.country + " | " + w.established_by + " | " +
                  num(w.degree) + " |"
            : "  " + n.name + " (" + label + ")" +
                  (w.country.empty() ? "" : "  country " + w.country) +
                  (w.established_by.empty() ? "" : "  established by " + w.established_by) +
                  ", degree " + num(w.degree));
  }
  line("\nPartnership view (" + std::string(level) + " level): " + std::to_string(r.parties) +
       " parties, " + std::to_string(r.partner_links) + " partner links");
  ranking("Top " + std::to_string(o.top) + " parties by degree", r.by_degree, "partners");
  ranking("Top " + std::to_string(o.top) + " parties by PageRank", r.by_pagerank, "pagerank");
  heading("Top " + std::to_string(o.top) + " country pairs by partnerships");
  if (md) line("| # | countries | partnerships | documents |\n|---|---|---|---|");
  for (size_t i = 0; i < r.country_pairs.size(); ++i) {
    const auto& p = r.country_pairs[i];
    std::string pair = g.node(p.a).name + " - " + g.node(p.b).name;
    if (md)
      line("| " + std::to_string(i + 1) + " | " + pair + " | " + std::to_string(p.partnerships) +
           " | " + std::to_string(p.documents) + " |");
    else
      line("  " + std::to_string(i + 1) + ". " + pair + "  partnerships " +
           std::to_string(p.partnerships) + ", documents " + std::to_string(p.documents));
  }
  auto groups = [&](const std::string& h, const std::vector<Group>& rows) {
    heading(h);
    if (md) line("| # | size | largest members |\n|---|---|---|");
    for (size_t i = 0; i < rows.size(); ++i)
      line(md ? "| " + std::to_string(i + 1) + " | " + std::to_string(rows[i].size) + " | " +
                    names(g, rows[i].largest) + " |"
              : "  " + std::to_string(i + 1) + ". " + std::to_string(rows[i].size) +
                    " members: " + names(g, rows[i].largest));
  };
  groups("Components: " + std::to_string(r.component_count), r.components);
  groups("Communities (Louvain): " + std::to_string(r.community_count) + ", modularity " +
             num(r.modularity),
         r.communities);
  if (o.by_year) {
    heading("By year");
    if (md)
      line(
          "| year | relations | documents | parties | partner links | top partners "
          "|\n|---|---|---|---|---|---|");
    for (const auto& y : r.years) {
      std::string top;
      for (size_t i = 0; i < y.top.size(); ++i)
        top += (i ? ", " : "") + g.node(y.top[i].node).name + " (" + num(y.top[i].score) + ")";
      if (md)
        line("| " + y.year + " | " + std::to_string(y.relations) + " | " +
             std::to_string(y.documents) + " | " + std::to_string(y.parties) + " | " +
             std::to_string(y.partner_links) + " | " + top + " |");
      else
        line("  " + y.year + ": " + std::to_string(y.relations) + " relations, " +
             std::to_string(y.documents) + " documents, " + std::to_string(y.parties) +
             " parties, " + std::to_string(y.partner_links) +
             " partner links; top partners: " + (top.empty() ? "-" : top));
    }
  }
  return s;
}

std::string json(const Graph& g, const Report& r, const StatsOptions& o) {
  using detail::append_json_string;
  std::string s = "{\"graph\":";
  append_json_string(s, o.title);
  s += ",\"since\":";
  append_json_string(s, o.since);
  s += ",\"until\":";
  append_json_string(s, o.until);
  s += std::string(",\"level\":\"") + (o.level == ViewLevel::kParty ? "party" : "country") + "\"";
  s += ",\"nodes\":" + std::to_string(r.nodes) + ",\"relations\":" + std::to_string(r.relations) +
       ",\"documents\":" + std::to_string(r.documents);
  auto counts = [&](const char* key, const auto& rows) {
    s += std::string(",\"") + key + "\":{";
    for (size_t i = 0; i < rows.size(); ++i) {
      if (i) s += ',';
      append_json_string(s, rows[i].first);
      s += ":" + std::to_string(rows[i].second);
    }
    s += "}";
  };
  counts("labels", r.labels);
  counts("types", r.types);
  s += ",\"parties\":" + std::to_string(r.parties) +
       ",\"partner_links\":" + std::to_string(r.partner_links);
  auto node = [&](NodeId id) {
    s += "{\"id\":" + std::to_string(id) + ",\"name\":";
    append_json_string(s, g.node(id).name);
    s += ",\"label\":";
    append_json_string(s, to_string(g.node(id).label));
  };
  auto ranking = [&](const char* key, const std::vector<Ranked>& rows, const char* what) {
    s += std::string(",\"") + key + "\":[";
    for (size_t i = 0; i < rows.size(); ++i) {
      if (i) s += ',';
      node(rows[i].node);
      s += std::string(",\"") + what + "\":" + num(rows[i].score) +
           ",\"documents\":" + num(rows[i].documents) + "}";
    }
    s += "]";
  };
  ranking("hubs_degree", r.hubs_degree, "degree");
  ranking("hubs_pagerank", r.hubs_pagerank, "pagerank");
  s += ",\"workshops\":[";
  for (size_t i = 0; i < r.workshops.size(); ++i) {
    if (i) s += ',';
    node(r.workshops[i].node);
    s += ",\"country\":";
    append_json_string(s, r.workshops[i].country);
    s += ",\"established_by\":";
    append_json_string(s, r.workshops[i].established_by);
    s += ",\"degree\":" + num(r.workshops[i].degree) + "}";
  }
  s += "]";
  ranking("top_degree", r.by_degree, "partners");
  ranking("top_pagerank", r.by_pagerank, "pagerank");
  s += ",\"country_pairs\":[";
  for (size_t i = 0; i < r.country_pairs.size(); ++i) {
    const auto& p = r.country_pairs[i];
    s += i ? ",{\"countries\":[" : "{\"countries\":[";
    append_json_string(s, g.node(p.a).name);
    s += ",";
    append_json_string(s, g.node(p.b).name);
    s += "],\"partnerships\":" + std::to_string(p.partnerships) +
         ",\"documents\":" + std::to_string(p.documents) + "}";
  }
  s += "]";
  auto groups = [&](const char* key, size_t count, const std::vector<Group>& rows) {
    s += std::string(",\"") + key + "\":{\"count\":" + std::to_string(count) + ",\"largest\":[";
    for (size_t i = 0; i < rows.size(); ++i) {
      s += (i ? ",{\"size\":" : "{\"size\":") + std::to_string(rows[i].size) + ",\"members\":[";
      for (size_t k = 0; k < rows[i].largest.size(); ++k) {
        if (k) s += ',';
        append_json_string(s, g.node(rows[i].largest[k]).name);
      }
      s += "]}";
    }
    s += "]";
  };
  groups("components", r.component_count, r.components);
  s += "}";
  groups("communities", r.community_count, r.communities);
  s += ",\"modularity\":" + num(r.modularity) + "}";
  if (o.by_year) {
    s += ",\"by_year\":[";
    for (size_t i = 0; i < r.years.size(); ++i) {
      const auto& y = r.years[i];
      s += (i ? "," : "") + std::string("{\"year\":\"") + y.year +
           "\",\"relations\":" + std::to_string(y.relations) +
           ",\"documents\":" + std::to_string(y.documents) +
           ",\"parties\":" + std::to_string(y.parties) +
           ",\"partner_links\":" + std::to_string(y.partner_links);
      ranking("top_partners", y.top, "partners");
      s += "}";
    }
    s += "]";
  }
  return s + "}\n";
}

}  // namespace

std::string stats_report(const Graph& g, const StatsOptions& o, StatsFormat format) {
  Subgraph check;
  check.since = o.since;
  check.until = o.until;
  check_subgraph(check);
  Report r = gather(g, o);
  switch (format) {
    case StatsFormat::kText:
      return text(g, r, o, false);
    case StatsFormat::kMarkdown:
      return text(g, r, o, true);
    case StatsFormat::kJson:
      return json(g, r, o);
  }
  return "";
}

}  // namespace kg::cli
