// kg eval's scoring (extract/eval.h) on hand-made cases, and on the gold
// graphs turned into fragments, which must score exactly 1.0.
#include "extract/eval.h"

#include <catch2/catch.hpp>

#include "tests/extract/extract_support.h"

namespace {

kg::GoldFile gold_one() {
  kg::GoldFile g;
  g.doc = "a.txt";
  g.entities = {
      {"Institution", "China Education Association for International Exchange", {"CEAIE"}},
      {"Country", "China", {"Chinese"}},
      {"Country", "United States", {"U.S."}}};
  g.relations = {{"PARTNERS_WITH", "China", "United States"},
                 {"HOSTED", "China Education Association for International Exchange", "China"}};
  return g;
}

kg::FragmentEntity ent(const std::string& id, kg::Label type, const std::string& name) {
  kg::FragmentEntity e;
  e.id = id;
  e.type = type;
  e.name = name;
  return e;
}

kg::FragmentRelation rel(kg::RelType type, const std::string& s, const std::string& t) {
  kg::FragmentRelation r;
  r.type = type;
  r.source = s;
  r.target = t;
  return r;
}

// A fragment holding exactly the gold of `g`, entities by their names.
kg::Fragment gold_as_fragment(const kg::GoldFile& g, const std::string& doc) {
  kg::Fragment f;
  f.doc = doc;
  std::map<std::string, std::string> ids;
  for (const auto& e : g.entities) {
    std::string id = "e" + std::to_string(f.entities.size() + 1);
    ids[e.name] = id;
    f.entities.push_back(ent(id, *kg::parse_label(e.type), e.name));
  }
  for (const auto& r : g.relations)
    f.relations.push_back(rel(*kg::parse_rel_type(r.type), ids.at(r.source), ids.at(r.target)));
  return f;
}

}  // namespace

TEST_CASE("eval: a perfect prediction scores 1.0", "[eval]") {
  kg::Evaluator ev({gold_one()});
  ev.add(gold_as_fragment(gold_one(), "a.txt"));
  kg::EvalReport r = ev.finish();
  CHECK(r.entities.f1() == 1.0);
  CHECK(r.relations.f1() == 1.0);
  CHECK(r.misses.empty());
}

TEST_CASE("eval: aliases, duplicates, symmetric order, FILE#N grouping", "[eval]") {
  kg::Fragment f1;
  f1.doc = "a.txt#1";
  f1.entities = {ent("e1", kg::Label::kInstitution, "CEAIE"),  // alias match
                 ent("e2", kg::Label::kCountry, "the U.S."),   // alias, leading "the"
                 ent("e3", kg::Label::kCountry, "CHINA")};     // case folded
  // Symmetric: either order matches.
  f1.relations = {rel(kg::RelType::kPartnersWith, "e2", "e3")};
  kg::Fragment f2;
  f2.doc = "a.txt#2";
  f2.entities = {ent("e1", kg::Label::kCountry, "China"),      // duplicate -> FP
                 ent("e2", kg::Label::kInstitution, "China"),  // wrong type -> FP
                 ent("e3", kg::Label::kInstitution, "CEAIE")};
  f2.relations = {rel(kg::RelType::kPartnersWith, "e1", "e1"),  // wrong endpoints
                  rel(kg::RelType::kHosted, "e1", "e3")};       // HOSTED is directed: reversed
  kg::Evaluator ev({gold_one()});
  ev.add(f1);
  ev.add(f2);
  kg::EvalReport r = ev.finish();
  CHECK(r.entities.tp == 3);
  CHECK(r.entities.fp == 3);
  CHECK(r.entities.fn == 0);
  CHECK(r.relations.tp == 1);
  CHECK(r.relations.fp == 2);
  CHECK(r.relations.fn == 1);
  CHECK(r.relation_types["HOSTED"].fn == 1);
  CHECK(r.relation_types["PARTNERS_WITH"].tp == 1);
  CHECK(r.entities.precision() == Approx(0.5));
  CHECK(r.relations.recall() == Approx(0.5));
}

TEST_CASE("eval: predictions for a file without gold are false positives", "[eval]") {
  kg::Fragment f;
  f.doc = "other.txt";
  f.entities = {ent("e1", kg::Label::kCountry, "China")};
  kg::Evaluator ev({gold_one()});
  ev.add(f);
  kg::EvalReport r = ev.finish();
  CHECK(r.entities.fp == 1);
  CHECK(r.entities.fn == 3);
  CHECK(r.entities.tp == 0);
}

TEST_CASE("eval: the seed gold graphs as fragments score F1 = 1.0", "[eval]") {
  auto gold = kg::load_gold_dir(kg::test::gold_dir());
  REQUIRE(gold.size() >= 5);
  kg::Evaluator ev(gold);
  for (const auto& g : gold) ev.add(gold_as_fragment(g, g.doc));
  kg::EvalReport r = ev.finish();
  CHECK(r.entities.f1() == 1.0);
  CHECK(r.relations.f1() == 1.0);
  CHECK(r.entities.tp > 100);
}
