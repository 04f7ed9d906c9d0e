// A generated graph shaped like kg's (labels in the proportions news gives,
// names, aliases, kind/country/date properties, one mention per node, one
// evidence sentence per edge from a pool of documents), of any size, for the
// export benchmark. Deterministic for a given seed.
#pragma once

#include <random>
#include <string>

#include "graph/graph.h"

namespace kg::bench {

inline Graph generate_graph(size_t nodes, size_t edges, uint32_t seed = 42) {
  Graph g;
  std::mt19937_64 rng(seed);
  const Label labels[] = {Label::kInstitution, Label::kInstitution, Label::kInstitution,
                          Label::kInstitution, Label::kPerson,      Label::kPerson,
                          Label::kPlace,       Label::kEvent,       Label::kAlliance,
                          Label::kWorkshop,    Label::kInitiative,  Label::kCountry};
  const char* kinds[] = {"university", "college", "school", "government", "company"};
  const char* countries[] = {"China", "Vietnam", "United States", "Thailand", "Laos"};
  std::vector<Sym> docs, sentences;
  for (int i = 0; i < 10000; ++i) docs.push_back(g.intern("doc_" + std::to_string(i) + ".txt"));
  for (int i = 0; i < 2000; ++i)
    sentences.push_back(g.intern("On the same day, party " + std::to_string(i) +
                                 " signed a \"cooperation agreement\" with its partner, "
                                 "and both sides agreed to set up a workshop."));
  Sym rule = g.intern("org.head_noun"), erule = g.intern("signed.jointly_signed");
  for (size_t i = 0; i < nodes; ++i) {
    Node n;
    n.label = labels[rng() % std::size(labels)];
    n.name = std::string(to_string(n.label)) + " " + std::to_string(i);
    if (i % 3 == 0) n.aliases.push_back("N" + std::to_string(i));
    if (n.label == Label::kInstitution) n.props.set("kind", std::string(kinds[rng() % 5]));
    if (n.label != Label::kPerson && n.label != Label::kEvent)
      n.props.set("country", std::string(countries[rng() % 5]));
    if (n.label == Label::kEvent) n.props.set("date", std::string("2024-05-27"));
    n.mentions.push_back({docs[rng() % docs.size()], 100, 140, rule});
    g.add_node(std::move(n));
  }
  const RelType types[] = {RelType::kSigned,    RelType::kPartnersWith,   RelType::kMemberOf,
                           RelType::kLocatedIn, RelType::kAffiliatedWith, RelType::kAttended};
  for (size_t i = 0; i < edges; ++i) {
    Edge e;
    e.type = types[rng() % std::size(types)];
    e.source = static_cast<NodeId>(rng() % nodes);
    e.target = static_cast<NodeId>(rng() % nodes);
    if (e.type == RelType::kSigned) e.props.set("agreement", std::string("MoU"));
    e.evidence.push_back(
        {docs[rng() % docs.size()], 500, 620, sentences[rng() % sentences.size()], erule});
    g.add_edge(std::move(e));
  }
  return g;
}

}  // namespace kg::bench
