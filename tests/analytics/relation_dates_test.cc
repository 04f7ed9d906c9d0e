// extract/relation_dates.h: which date a relation gets, and from where.
#include "extract/relation_dates.h"

#include <catch2/catch.hpp>

namespace kg {
namespace {

FragmentEntity entity(std::string id, Label type, std::string date = "") {
  FragmentEntity e;
  e.id = std::move(id);
  e.type = type;
  e.name = e.id;
  if (!date.empty()) e.props.set("date", std::move(date));
  return e;
}

FragmentRelation relation(RelType type, std::string source, std::string target,
                          std::string sentence) {
  FragmentRelation r;
  r.type = type;
  r.source = std::move(source);
  r.target = std::move(target);
  r.evidence.push_back({0, static_cast<uint32_t>(sentence.size()), sentence, "test"});
  return r;
}

TEST_CASE("sentence dates", "[dates]") {
  CHECK(sentence_date("On May 27, 2024, the two colleges signed an MoU.", "2020") == "2024-05-27");
  CHECK(sentence_date("On December 3 the two colleges signed an MoU.", "2023") == "2023-12-03");
  CHECK(sentence_date("The agreement (2019-11-05) was renewed.", "2023") == "2019-11-05");
  CHECK(sentence_date("The colleges may 5 times meet.", "2023") == "");
  CHECK(sentence_date("In May 2024 they met.", "2023") == "");
  CHECK(sentence_date("On May 27 they met.", "") == "");
}

TEST_CASE("relation dates: event, sentence, then the article", "[dates]") {
  Document doc;
  doc.date = "2024-06-01T08:00";
  Fragment f;
  f.entities = {entity("a", Label::kInstitution), entity("b", Label::kInstitution),
                entity("ev", Label::kEvent, "2024-05-22"), entity("p", Label::kPlace)};
  f.relations = {relation(RelType::kHosted, "a", "ev", "A hosted the Forum on May 30."),
                 relation(RelType::kHeldIn, "ev", "p", "The Forum was held in P."),
                 relation(RelType::kSigned, "a", "b", "On May 30, A and B signed an MoU."),
                 relation(RelType::kPartnersWith, "a", "b", "A cooperates with B.")};
  FragmentRelation dated = relation(RelType::kSigned, "b", "a", "B signed with A.");
  dated.props.set("date", std::string("2021"));
  f.relations.push_back(dated);
  fill_relation_dates(doc, f);
  auto check = [&](size_t i, const char* date, const char* source) {
    INFO(i);
    CHECK(f.relations[i].props.get_string("date") == date);
    CHECK(f.relations[i].props.get_string("date_source") == source);
  };
  check(0, "2024-05-22", "event");  // the event's date beats the sentence's
  check(1, "2024-05-22", "event");
  check(2, "2024-05-30", "text");
  check(3, "2024-06-01", "article");
  check(4, "2021", "text");

  // No article date and nothing in the text: no date at all.
  Document undated;
  Fragment g;
  g.entities = {entity("a", Label::kInstitution), entity("b", Label::kInstitution)};
  g.relations = {relation(RelType::kPartnersWith, "a", "b", "A cooperates with B.")};
  fill_relation_dates(undated, g);
  CHECK(g.relations[0].props.get("date") == nullptr);
  CHECK(g.relations[0].props.get("date_source") == nullptr);
}

}  // namespace
}  // namespace kg
