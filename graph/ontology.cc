#include "graph/ontology.h"

namespace kg {

std::string_view to_string(Label label) {
  switch (label) {
    case Label::kCountry: return "Country";
    case Label::kPlace: return "Place";
    case Label::kInstitution: return "Institution";
    case Label::kAlliance: return "Alliance";
    case Label::kWorkshop: return "Workshop";
    case Label::kInitiative: return "Initiative";
    case Label::kEvent: return "Event";
    case Label::kPerson: return "Person";
  }
  return "?";
}

std::string_view to_string(RelType type) {
  switch (type) {
    case RelType::kSigned: return "SIGNED";
    case RelType::kPartnersWith: return "PARTNERS_WITH";
    case RelType::kHosted: return "HOSTED";
    case RelType::kAttended: return "ATTENDED";
    case RelType::kHeldIn: return "HELD_IN";
    case RelType::kEstablished: return "ESTABLISHED";
    case RelType::kMemberOf: return "MEMBER_OF";
    case RelType::kLocatedIn: return "LOCATED_IN";
    case RelType::kAffiliatedWith: return "AFFILIATED_WITH";
  }
  return "?";
}

std::optional<Label> parse_label(std::string_view text) {
  for (Label l : kAllLabels)
    if (to_string(l) == text) return l;
  return std::nullopt;
}

std::optional<RelType> parse_rel_type(std::string_view text) {
  for (RelType t : kAllRelTypes)
    if (to_string(t) == text) return t;
  return std::nullopt;
}

}  // namespace kg
