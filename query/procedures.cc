// The procedure registry and kg's own procedures: kg.find, kg.partners,
// kg.evidence. (algo.* live in procedures_algo.cc.)
#include "query/procedures.h"

#include <algorithm>
#include <map>
#include <mutex>
#include <set>

#include "graph/error.h"
#include "query/lexer.h"

namespace kg::query {

namespace {

std::vector<ProcedureDef>& registry() {
  static std::vector<ProcedureDef> r;
  return r;
}

std::string_view want_string(const ProcContext& ctx, std::string_view proc, const QValue& v) {
  if (v.kind() != QValue::Kind::kString)
    throw QueryError(std::string(proc) + " expects a name (a string), got " + std::string(kind_name(v.kind())), ctx.pos);
  return v.as_string();
}

// kg.find(name): nodes whose name or alias normalises to the same key.
void kg_find(std::span<const QValue> args, const ProcContext& ctx, ProcRows& out) {
  if (args[0].is_null()) return;
  for (NodeId id : ctx.graph.find_any(want_string(ctx, "kg.find", args[0])))
    out.push_back({QValue(NodeRef{id})});
}

// kg.partners(name): who partners with the named party, and through what.
// Direct: SIGNED and PARTNERS_WITH either way. Shared: two parties that both
// ESTABLISHED the same workshop or alliance, both HOSTED the same event, or
// are both MEMBER_OF the same alliance. One row per (partner, via), with the
// number of distinct documents behind the link.
void kg_partners(std::span<const QValue> args, const ProcContext& ctx, ProcRows& out) {
  const Graph& g = ctx.graph;
  std::vector<NodeId> starts;
  if (args[0].kind() == QValue::Kind::kNode) starts.push_back(args[0].as_node());
  else if (!args[0].is_null()) starts = g.find_any(want_string(ctx, "kg.partners", args[0]));
  std::map<std::pair<NodeId, std::string_view>, std::set<std::string_view>> links;
  auto add_docs = [&](NodeId partner, std::string_view via, EdgeId e) {
    auto& docs = links[{partner, via}];
    for (auto d : g.edge_docs(e)) docs.insert(d);
  };
  for (NodeId s : starts) {
    for (int dir = 0; dir < 2; ++dir) {
      for (const Adj& a : dir == 0 ? g.out(s) : g.in(s)) {
        const Edge& e = g.edge(a.edge);
        if (a.other == s) continue;
        if (e.type == RelType::kSigned || e.type == RelType::kPartnersWith) {
          add_docs(a.other, to_string(e.type), a.edge);
        } else if (dir == 0 && (e.type == RelType::kEstablished || e.type == RelType::kHosted ||
                                e.type == RelType::kMemberOf)) {
          // the shared thing: who else points at it with the same type?
          for (const Adj& b : g.in(a.other)) {
            const Edge& f = g.edge(b.edge);
            if (f.type != e.type || b.other == s) continue;
            add_docs(b.other, to_string(e.type), a.edge);
            add_docs(b.other, to_string(e.type), b.edge);
          }
        }
      }
    }
  }
  for (const auto& [key, docs] : links)
    out.push_back({QValue(NodeRef{key.first}), QValue::view(key.second), QValue(static_cast<int64_t>(docs.size()))});
}

// kg.evidence(r): the sentences behind a relationship (or the mentions of a node).
void kg_evidence(std::span<const QValue> args, const ProcContext& ctx, ProcRows& out) {
  const Graph& g = ctx.graph;
  if (args[0].kind() == QValue::Kind::kRel) {
    for (const auto& ev : g.edge(args[0].as_rel()).evidence)
      out.push_back({QValue::view(g.str(ev.doc)), QValue::view(g.str(ev.text)), QValue::view(g.str(ev.rule))});
  } else if (args[0].kind() == QValue::Kind::kNode) {
    for (const auto& m : g.node(args[0].as_node()).mentions)
      out.push_back({QValue::view(g.str(m.doc)), QValue(), QValue::view(g.str(m.rule))});
  } else if (!args[0].is_null()) {
    throw QueryError("kg.evidence expects a relationship or a node, got " + std::string(kind_name(args[0].kind())), ctx.pos);
  }
}

void register_builtins() {
  register_procedure({"kg.find", {{"node", VarKind::kNode}}, 1, 1, "kg.find(name) :: (node)", kg_find});
  register_procedure({"kg.partners",
                      {{"partner", VarKind::kNode}, {"via", VarKind::kValue}, {"count", VarKind::kValue}},
                      1, 1, "kg.partners(name or node) :: (partner, via, count)", kg_partners});
  register_procedure({"kg.evidence",
                      {{"doc", VarKind::kValue}, {"sentence", VarKind::kValue}, {"rule", VarKind::kValue}},
                      1, 1, "kg.evidence(relationship or node) :: (doc, sentence, rule)", kg_evidence});
}

void ensure_registered();

}  // namespace

void register_procedure(ProcedureDef def) { registry().push_back(std::move(def)); }

void register_algo_procedures();  // procedures_algo.cc

namespace {
void ensure_registered() {
  static std::once_flag once;
  std::call_once(once, [] {
    register_builtins();
    register_algo_procedures();
  });
}
}  // namespace

const ProcedureDef* find_procedure(std::string_view name) {
  ensure_registered();
  for (const auto& p : registry())
    if (iequals(p.name, name)) return &p;
  return nullptr;
}

std::vector<const ProcedureDef*> all_procedures() {
  ensure_registered();
  std::vector<const ProcedureDef*> out;
  for (const auto& p : registry()) out.push_back(&p);
  return out;
}

}  // namespace kg::query
