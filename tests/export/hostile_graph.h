// A small graph built in code whose names and values are as hostile as the
// formats allow: quotes, <, >, &, backslashes, newlines, tabs, commas,
// formula starters, Chinese, empty strings, every value type, parallel edges
// of different types, provenance with the same characters. Every export must
// carry it through its reader exactly.
#pragma once

#include <string>

#include "graph/graph.h"

namespace kg::testing {

inline Graph hostile_graph() {
  Graph g;
  auto node = [&](Label label, std::string name, std::vector<std::string> aliases, Props props,
                  std::string doc) {
    Node n;
    n.label = label;
    n.name = std::move(name);
    n.aliases = std::move(aliases);
    n.props = std::move(props);
    if (!doc.empty()) n.mentions.push_back({g.intern(doc), 10, 20, g.intern("org.head_noun")});
    return g.add_node(std::move(n));
  };
  Props cn;
  cn.set("iso2", std::string("CN"));
  NodeId china = node(Label::kCountry, "China", {"PRC", "中国"}, cn, "a.txt");
  Props us;
  us.set("iso2", std::string("US"));
  NodeId usa = node(Label::kCountry, "United States", {"US", "U.S."}, us, "b.txt");
  Props inst;
  inst.set("kind", std::string("college"));
  inst.set("country", std::string("China"));
  inst.set("rank", int64_t{-7});
  inst.set("score", 2.5);
  inst.set("public", true);
  inst.set("tags", std::vector<std::string>{"a,b", "\"q\"", ""});
  NodeId q = node(Label::kInstitution, "The \"Quoted\" <College> & Sons \\ Co.\nLine two",
                  {"=SUM(A1)", "'apostrophe", "-minus"}, inst, "c \"doc\".txt");
  Props inst2;
  inst2.set("kind", std::string("=cmd|' /C calc'!A0"));
  inst2.set("country", std::string("United States"));
  inst2.set("rank", int64_t{3});
  inst2.set("score", 1.0);
  inst2.set("public", false);
  inst2.set("name", std::string("a property called name"));
  NodeId w = node(Label::kInstitution, "天津职业技术师范大学, Tianjin", {}, inst2, "b.txt");
  NodeId empty_alias = node(Label::kPerson, "@handle\tTabbed", {""}, Props{}, "");
  Props ev;
  ev.set("date", std::string("2024-05"));
  NodeId event = node(Label::kEvent, "2024 Forum <Vocational> 'Education'", {}, ev, "a.txt");
  Props place;
  place.set("country", std::string("China"));
  place.set("kind", std::string("city"));
  NodeId tianjin = node(Label::kPlace, "Tianjin", {}, place, "a.txt");

  auto edge = [&](RelType t, NodeId s, NodeId d, Props props, std::vector<std::string> docs) {
    Edge e;
    e.type = t;
    e.source = s;
    e.target = d;
    e.props = std::move(props);
    for (const auto& doc : docs)
      e.evidence.push_back({g.intern(doc), 100, 180, g.intern("They signed, \"really\".\n<b>&</b>"),
                            g.intern("signed.jointly_signed")});
    return g.add_edge(std::move(e));
  };
  Props sig;
  sig.set("agreement", std::string("MoU on \"Luban\" <Workshop> & more\\"));
  sig.set("date", std::string("2023-11-02"));
  edge(RelType::kSigned, q, w, sig, {"a.txt", "b.txt"});
  edge(RelType::kPartnersWith, q, w, Props{}, {"c \"doc\".txt"});  // parallel, other type
  edge(RelType::kPartnersWith, china, usa, Props{}, {"a.txt", "b.txt", "c \"doc\".txt"});
  Props role;
  role.set("role", std::string("host"));
  edge(RelType::kHosted, q, event, role, {"a.txt"});
  edge(RelType::kHeldIn, event, tianjin, Props{}, {"a.txt"});
  edge(RelType::kLocatedIn, q, tianjin, Props{}, {});  // no evidence: count 0
  Props aff;
  aff.set("role", std::string("-President"));
  edge(RelType::kAffiliatedWith, empty_alias, w, aff, {"b.txt"});
  edge(RelType::kLocatedIn, w, usa, Props{}, {"b.txt"});
  return g;
}

}  // namespace kg::testing
