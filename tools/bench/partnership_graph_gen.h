// A generated partnership graph with a power-law degree distribution and
// kg's schema (every edge joins the labels ONTOLOGY.md allows), for the
// query benchmark and the differential tests against Kuzu. Deterministic for
// a seed (std::mt19937_64 and our own integer arithmetic, no std
// distributions, so every standard library gives the same graph).
//
// Popular endpoints are drawn with index = n * u^3 for u uniform in [0, 1):
// low indexes are chosen far more often, so a few institutions collect most
// partnerships, as in the real news, and degrees follow a power law.
#pragma once

#include <cmath>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "graph/graph.h"

namespace kg::bench {

struct PartnershipGraphSpec {
  size_t nodes = 10000;
  size_t edges = 50000;
  uint64_t seed = 7;
};

inline Graph generate_partnership_graph(const PartnershipGraphSpec& spec) {
  std::mt19937_64 rng(spec.seed);
  auto uniform = [&](size_t n) { return static_cast<size_t>(rng() % n); };
  auto skewed = [&](size_t n) {
    double u = static_cast<double>(rng() >> 11) / 9007199254740992.0;  // [0, 1)
    return std::min(n - 1, static_cast<size_t>(static_cast<double>(n) * u * u * u));
  };
  Graph g;
  const size_t countries = std::max<size_t>(2, std::min<size_t>(200, spec.nodes / 50));
  std::vector<NodeId> by_label[kLabelCount];
  const char* kinds[] = {"university", "college", "school", "polytechnic", "company"};
  std::vector<Sym> docs;
  for (int i = 0; i < 5000; ++i) docs.push_back(g.intern("doc_" + std::to_string(i) + ".txt"));
  Sym rule = g.intern("generated"), sentence = g.intern("A generated sentence.");
  auto add = [&](Label label, std::string name, Props props) {
    Node n;
    n.label = label;
    n.name = std::move(name);
    n.props = std::move(props);
    n.mentions.push_back({docs[uniform(docs.size())], 0, 10, rule});
    NodeId id = g.add_node(std::move(n));
    by_label[static_cast<int>(label)].push_back(id);
  };
  for (size_t i = 0; i < countries; ++i) add(Label::kCountry, "Country " + std::to_string(i), {});
  for (size_t i = countries; i < spec.nodes; ++i) {
    size_t r = uniform(100);
    if (r < 70) {
      Props p;
      p.set("kind", std::string(kinds[uniform(5)]));
      p.set("country", "Country " + std::to_string(skewed(countries)));
      add(Label::kInstitution, "Institution " + std::to_string(i), std::move(p));
    } else if (r < 80) {
      Props p;
      p.set("date", std::to_string(2015 + uniform(10)) + "-0" + std::to_string(1 + uniform(9)) + "-1" +
                        std::to_string(uniform(10)));
      add(Label::kEvent, "Event " + std::to_string(i), std::move(p));
    } else if (r < 88) {
      add(Label::kPerson, "Person " + std::to_string(i), {});
    } else if (r < 95) {
      add(Label::kWorkshop, "Workshop " + std::to_string(i), {});
    } else {
      add(Label::kAlliance, "Alliance " + std::to_string(i), {});
    }
  }
  auto pick = [&](Label l, bool popular) -> std::optional<NodeId> {
    const auto& ids = by_label[static_cast<int>(l)];
    if (ids.empty()) return std::nullopt;
    return ids[popular ? skewed(ids.size()) : uniform(ids.size())];
  };
  struct Shape {
    RelType type;
    Label from, to;
    int weight;
  };
  const Shape shapes[] = {
      {RelType::kSigned, Label::kInstitution, Label::kInstitution, 40},
      {RelType::kPartnersWith, Label::kInstitution, Label::kInstitution, 10},
      {RelType::kHosted, Label::kInstitution, Label::kEvent, 10},
      {RelType::kAttended, Label::kInstitution, Label::kEvent, 15},
      {RelType::kMemberOf, Label::kInstitution, Label::kAlliance, 10},
      {RelType::kEstablished, Label::kInstitution, Label::kWorkshop, 5},
      {RelType::kAffiliatedWith, Label::kPerson, Label::kInstitution, 5},
      {RelType::kLocatedIn, Label::kWorkshop, Label::kCountry, 5},
  };
  for (size_t i = 0; i < spec.edges; ++i) {
    int r = static_cast<int>(uniform(100));
    const Shape* s = &shapes[0];
    for (const Shape& x : shapes) {
      if (r < x.weight) {
        s = &x;
        break;
      }
      r -= x.weight;
    }
    auto a = pick(s->from, s->type == RelType::kSigned || s->type == RelType::kPartnersWith);
    auto b = pick(s->to, true);
    if (!a || !b || *a == *b) continue;
    Edge e;
    e.type = s->type;
    e.source = *a;
    e.target = *b;
    if (e.type == RelType::kSigned) e.props.set("agreement", std::string(i % 2 ? "MoU" : "contract"));
    e.evidence.push_back({docs[uniform(docs.size())], 0, 20, sentence, rule});
    g.add_edge(std::move(e));
  }
  return g;
}

}  // namespace kg::bench
