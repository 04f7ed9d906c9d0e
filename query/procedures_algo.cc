// algo.* procedures: the analytics of graph/analytics.h as query rows, so
// their results can be filtered, ordered and joined like any other.
//
//   CALL algo.pagerank({view: 'partners', types: ['SIGNED'], damping: 0.85}) YIELD node, score
//
// The optional map selects the graph (graph/analytics.h's Subgraph):
//   view: 'stored' (default) or 'partners'; level: 'party' (default) or
//   'country'; labels: [...]; types: [...]; since / until: 'YYYY[-MM[-DD]]'
//   (default: kg query's --since / --until); undirected: bool (stored view);
//   weighted: bool; and for PageRank damping and iterations.
#include <algorithm>

#include "graph/analytics.h"
#include "graph/error.h"
#include "query/procedures.h"

namespace kg::query {

namespace {

struct AlgoArgs {
  Subgraph sub;
  bool weighted = false;
  double damping = 0.85;
  int iterations = 0;  // 0: until converged
};

std::string want_text(const QValue& v, std::string_view key, const ProcContext& ctx) {
  if (v.kind() != QValue::Kind::kString)
    throw QueryError("algo option `" + std::string(key) + "` expects a string", ctx.pos);
  return std::string(v.as_string());
}

AlgoArgs read_config(const QValue* config, const ProcContext& ctx) {
  AlgoArgs a;
  a.sub.since = std::string(ctx.since);
  a.sub.until = std::string(ctx.until);
  if (!config || config->is_null()) return a;
  if (config->kind() != QValue::Kind::kMap)
    throw QueryError("algo procedures take a map of options, as {view: 'partners'}", ctx.pos);
  for (const auto& [key, v] : config->as_map()) {
    if (key == "view") {
      std::string s = want_text(v, key, ctx);
      if (s == "stored") a.sub.view = ViewKind::kStored;
      else if (s == "partners") a.sub.view = ViewKind::kPartners;
      else throw QueryError("view must be 'stored' or 'partners', got '" + s + "'", ctx.pos);
    } else if (key == "level") {
      std::string s = want_text(v, key, ctx);
      if (s == "party") a.sub.level = ViewLevel::kParty;
      else if (s == "country") a.sub.level = ViewLevel::kCountry;
      else throw QueryError("level must be 'party' or 'country', got '" + s + "'", ctx.pos);
    } else if (key == "labels" || key == "types") {
      if (v.kind() != QValue::Kind::kList) throw QueryError("`" + key + "` expects a list of names", ctx.pos);
      for (const auto& e : v.as_list()) {
        std::string s = want_text(e, key, ctx);
        if (key == "labels") {
          auto l = parse_label(s);
          if (!l) throw QueryError("unknown label `" + s + "` in labels", ctx.pos);
          a.sub.labels.push_back(*l);
        } else {
          auto t = parse_rel_type(s);
          if (!t) throw QueryError("unknown relationship type `" + s + "` in types", ctx.pos);
          a.sub.types.push_back(*t);
        }
      }
    } else if (key == "since") {
      a.sub.since = want_text(v, key, ctx);
    } else if (key == "until") {
      a.sub.until = want_text(v, key, ctx);
    } else if (key == "undirected" || key == "weighted") {
      if (v.kind() != QValue::Kind::kBool) throw QueryError("`" + key + "` expects true or false", ctx.pos);
      (key == "weighted" ? a.weighted : a.sub.undirected) = v.as_bool();
    } else if (key == "damping") {
      if (!v.is_number()) throw QueryError("`damping` expects a number", ctx.pos);
      a.damping = v.as_double();
    } else if (key == "iterations") {
      if (v.kind() != QValue::Kind::kInt || v.as_int() < 1) throw QueryError("`iterations` expects a positive integer", ctx.pos);
      a.iterations = static_cast<int>(v.as_int());
    } else {
      throw QueryError("unknown algo option `" + key +
                           "` (view, level, labels, types, since, until, undirected, weighted, damping, iterations)",
                       ctx.pos);
    }
  }
  try {
    check_subgraph(a.sub);
  } catch (const Error& e) {
    throw QueryError(e.what(), ctx.pos);
  }
  return a;
}

const QValue* config_arg(std::span<const QValue> args, size_t index) {
  return args.size() > index ? &args[index] : nullptr;
}

template <class T>
void node_rows(const View& v, const std::vector<T>& values, ProcRows& out) {
  for (size_t i = 0; i < v.nodes().size(); ++i)
    out.push_back({QValue(NodeRef{v.nodes()[i]}), QValue(values[i])});
}

void scores(std::span<const QValue> args, const ProcContext& ctx, ProcRows& out,
            std::vector<double> (*fn)(const View&, const AlgoArgs&)) {
  AlgoArgs a = read_config(config_arg(args, 0), ctx);
  View v = make_view(ctx.graph, a.sub);
  node_rows(v, fn(v, a), out);
}

std::optional<uint32_t> vertex_of(const View& v, const QValue& x, const ProcContext& ctx) {
  NodeId id;
  if (x.kind() == QValue::Kind::kNode) {
    id = x.as_node();
  } else if (x.kind() == QValue::Kind::kString) {
    auto ids = ctx.graph.find_any(x.as_string());
    if (ids.empty()) return std::nullopt;
    id = ids[0];
  } else {
    throw QueryError("algo.shortestPath expects nodes or names", ctx.pos);
  }
  return v.vertex(id);
}

}  // namespace

void register_algo_procedures() {
  auto value_cols = [](const char* name) {
    return std::vector<ProcColumn>{{"node", VarKind::kNode}, {name, VarKind::kValue}};
  };
  register_procedure({"algo.pagerank", value_cols("score"), 0, 1, "algo.pagerank([options]) :: (node, score)",
                      [](auto args, const auto& ctx, auto& out) {
                        scores(args, ctx, out, [](const View& v, const AlgoArgs& a) {
                          if (a.iterations) return pagerank_iterations(v, a.iterations, a.damping);
                          PageRankOptions o;
                          o.damping = a.damping;
                          o.weighted = a.weighted;
                          return pagerank(v, o);
                        });
                      }});
  register_procedure({"algo.betweenness", value_cols("score"), 0, 1, "algo.betweenness([options]) :: (node, score)",
                      [](auto args, const auto& ctx, auto& out) {
                        scores(args, ctx, out, [](const View& v, const AlgoArgs& a) { return betweenness(v, a.weighted); });
                      }});
  register_procedure({"algo.closeness", value_cols("score"), 0, 1, "algo.closeness([options]) :: (node, score)",
                      [](auto args, const auto& ctx, auto& out) {
                        scores(args, ctx, out, [](const View& v, const AlgoArgs& a) { return closeness(v, a.weighted); });
                      }});
  register_procedure({"algo.degree", value_cols("score"), 0, 1, "algo.degree([options]) :: (node, score)",
                      [](auto args, const auto& ctx, auto& out) {
                        scores(args, ctx, out, [](const View& v, const AlgoArgs& a) { return degree(v, a.weighted); });
                      }});
  register_procedure({"algo.components", value_cols("component"), 0, 1,
                      "algo.components([options]) :: (node, component)", [](auto args, const auto& ctx, auto& out) {
                        AlgoArgs a = read_config(config_arg(args, 0), ctx);
                        View v = make_view(ctx.graph, a.sub);
                        std::vector<int64_t> c;
                        for (uint32_t x : components(v)) c.push_back(x);
                        node_rows(v, c, out);
                      }});
  register_procedure({"algo.communities",
                      {{"node", VarKind::kNode}, {"community", VarKind::kValue}, {"modularity", VarKind::kValue}},
                      0, 1, "algo.communities([options]) :: (node, community, modularity)",
                      [](auto args, const auto& ctx, auto& out) {
                        AlgoArgs a = read_config(config_arg(args, 0), ctx);
                        View v = make_view(ctx.graph, a.sub);
                        Communities c = communities(v, a.weighted);
                        for (size_t i = 0; i < v.nodes().size(); ++i)
                          out.push_back({QValue(NodeRef{v.nodes()[i]}), QValue(static_cast<int64_t>(c.community[i])),
                                         QValue(c.modularity)});
                      }});
  register_procedure({"algo.shortestPath",
                      {{"nodes", VarKind::kValue}, {"hops", VarKind::kValue}, {"length", VarKind::kValue}}, 2, 3,
                      "algo.shortestPath(from, to[, options]) :: (nodes, hops, length)",
                      [](auto args, const auto& ctx, auto& out) {
                        if (args[0].is_null() || args[1].is_null()) return;
                        AlgoArgs a = read_config(config_arg(args, 2), ctx);
                        View v = make_view(ctx.graph, a.sub);
                        auto from = vertex_of(v, args[0], ctx), to = vertex_of(v, args[1], ctx);
                        if (!from || !to) return;
                        kg::Path p = shortest_path(v, *from, *to, a.weighted);
                        if (p.vertices.empty()) return;
                        List nodes;
                        for (uint32_t x : p.vertices) nodes.push_back(QValue(NodeRef{v.nodes()[x]}));
                        out.push_back({QValue(std::move(nodes)), QValue(static_cast<int64_t>(p.vertices.size() - 1)),
                                       QValue(p.length)});
                      }});
}

}  // namespace kg::query
