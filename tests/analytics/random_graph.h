// A random graph that follows the ontology (parties sign, partner, host
// events, join and found alliances and workshops; institutions have a
// country that names a Country node), with dated edges, several documents
// per edge and a few edges without evidence (as imports make). Endpoints are
// drawn by preferential attachment, so degrees are skewed like a news graph's
// and betweenness has hubs to find. Deterministic for a seed.
#pragma once

#include <random>
#include <string>
#include <vector>

#include "graph/graph.h"

namespace kg::testing {

inline Graph random_kg_graph(size_t nodes, size_t edges, uint32_t seed) {
  Graph g;
  std::mt19937 rng(seed);
  auto pick = [&](size_t n) { return static_cast<size_t>(rng() % n); };
  std::vector<NodeId> by_label[kLabelCount];
  const size_t countries = 25;
  for (size_t i = 0; i < nodes; ++i) {
    Node n;
    if (i < countries) {
      n.label = Label::kCountry;
    } else {
      const Label mix[] = {Label::kInstitution, Label::kInstitution, Label::kInstitution,
                           Label::kInstitution, Label::kInstitution, Label::kPlace,
                           Label::kAlliance,    Label::kWorkshop,    Label::kEvent,
                           Label::kEvent,       Label::kPerson};
      n.label = mix[pick(std::size(mix))];
    }
    n.name = std::string(to_string(n.label)) + " " + std::to_string(i);
    if (n.label != Label::kCountry && n.label != Label::kEvent && n.label != Label::kPerson &&
        pick(10) != 0)
      n.props.set("country", std::string("Country ") + std::to_string(pick(countries)));
    by_label[static_cast<int>(n.label)].push_back(g.add_node(std::move(n)));
  }
  std::vector<Sym> docs;
  for (int i = 0; i < 400; ++i) docs.push_back(g.intern("doc" + std::to_string(i) + ".txt"));
  Sym text = g.intern("a sentence"), rule = g.intern("test.rule");

  // Preferential attachment: an endpoint is a uniform node of the label, or
  // half the time the end of an earlier edge with that label.
  std::vector<NodeId> seen[kLabelCount];
  auto endpoint = [&](std::initializer_list<Label> labels) {
    Label l = labels.begin()[pick(labels.size())];
    auto& pool = by_label[static_cast<int>(l)];
    auto& hot = seen[static_cast<int>(l)];
    NodeId id = (!hot.empty() && pick(2)) ? hot[pick(hot.size())] : pool[pick(pool.size())];
    hot.push_back(id);
    return id;
  };
  const std::initializer_list<Label> parties = {Label::kInstitution, Label::kInstitution,
                                                Label::kInstitution, Label::kCountry,
                                                Label::kAlliance,    Label::kPlace};
  for (size_t i = 0; i < edges; ++i) {
    Edge e;
    switch (pick(8)) {
      case 0:
      case 1:
        e.type = RelType::kSigned;
        e.source = endpoint(parties);
        e.target = endpoint(parties);
        break;
      case 2:
        e.type = RelType::kPartnersWith;
        e.source = endpoint(parties);
        e.target = endpoint(parties);
        break;
      case 3:
        e.type = RelType::kHosted;
        e.source = endpoint(parties);
        e.target = endpoint({Label::kEvent});
        break;
      case 4:
        e.type = RelType::kMemberOf;
        e.source = endpoint({Label::kInstitution, Label::kCountry});
        e.target = endpoint({Label::kAlliance});
        break;
      case 5:
        e.type = RelType::kEstablished;
        e.source = endpoint(parties);
        e.target = endpoint({Label::kWorkshop, Label::kAlliance});
        break;
      case 6:
        e.type = RelType::kAttended;
        e.source = endpoint({Label::kPerson, Label::kInstitution, Label::kCountry});
        e.target = endpoint({Label::kEvent});
        break;
      default:
        e.type = RelType::kLocatedIn;
        e.source = endpoint({Label::kInstitution, Label::kWorkshop});
        e.target = endpoint({Label::kPlace, Label::kCountry});
        break;
    }
    if (pick(20) != 0) {
      char date[16];
      std::snprintf(date, sizeof date, "%04zu-%02zu-%02zu", 2015 + pick(11), 1 + pick(12),
                    1 + pick(28));
      e.props.set("date", std::string(date));
    }
    size_t evidence = pick(25) == 0 ? 0 : 1 + pick(3);
    for (size_t k = 0; k < evidence; ++k)
      e.evidence.push_back({docs[pick(docs.size())], 0, 10, text, rule});
    g.add_edge(std::move(e));
  }
  return g;
}

}  // namespace kg::testing
