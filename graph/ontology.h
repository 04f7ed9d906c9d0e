// The node labels and relation types of ../shared/ONTOLOGY.md. Kinds are
// enums: one switch for dispatch, strings only at the edges (files, queries).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

namespace kg {

enum class Label : uint8_t {
  kCountry,
  kPlace,
  kInstitution,
  kAlliance,
  kWorkshop,
  kInitiative,
  kEvent,
  kPerson,
};
inline constexpr int kLabelCount = 8;
inline constexpr std::array<Label, kLabelCount> kAllLabels = {
    Label::kCountry,    Label::kPlace, Label::kInstitution, Label::kAlliance,
    Label::kWorkshop, Label::kInitiative, Label::kEvent,   Label::kPerson};

enum class RelType : uint8_t {
  kSigned,
  kPartnersWith,
  kHosted,
  kAttended,
  kHeldIn,
  kEstablished,
  kMemberOf,
  kLocatedIn,
  kAffiliatedWith,
};
inline constexpr int kRelTypeCount = 9;
inline constexpr std::array<RelType, kRelTypeCount> kAllRelTypes = {
    RelType::kSigned,      RelType::kPartnersWith, RelType::kHosted,
    RelType::kAttended,    RelType::kHeldIn,       RelType::kEstablished,
    RelType::kMemberOf,    RelType::kLocatedIn,    RelType::kAffiliatedWith};

// "Country", "Institution", ... exactly as the ontology spells them.
std::string_view to_string(Label label);
// "SIGNED", "PARTNERS_WITH", ...
std::string_view to_string(RelType type);

// Exact, case-sensitive parses of the spellings above; nullopt otherwise.
std::optional<Label> parse_label(std::string_view text);
std::optional<RelType> parse_rel_type(std::string_view text);

// SIGNED and PARTNERS_WITH have no direction: (a, b) and (b, a) are one edge.
inline bool is_symmetric(RelType type) {
  return type == RelType::kSigned || type == RelType::kPartnersWith;
}

}  // namespace kg
