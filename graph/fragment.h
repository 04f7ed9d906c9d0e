// The fragment format of ../shared/ONTOLOGY.md: what `kg extract` writes, one
// object per document, and what `kg merge` reads. Plain types; the JSON
// reading and writing is in graph/fragment_io.h.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "graph/ontology.h"
#include "graph/value.h"

namespace kg {

// Where an entity was mentioned: byte offsets into the document's cleaned
// UTF-8 text, and the rule that found it.
struct Mention {
  uint32_t start = 0;
  uint32_t end = 0;
  std::string rule;
  friend bool operator==(const Mention&, const Mention&) = default;
};

// Why a relation holds: the sentence (offsets and text) and the rule.
struct EvidenceSpan {
  uint32_t start = 0;
  uint32_t end = 0;
  std::string text;
  std::string rule;
  friend bool operator==(const EvidenceSpan&, const EvidenceSpan&) = default;
};

struct FragmentEntity {
  std::string id;  // unique within the fragment: "e1", "e2", ...
  Label type = Label::kInstitution;
  std::string name;
  std::vector<std::string> aliases;
  Props props;
  std::vector<Mention> mentions;
  friend bool operator==(const FragmentEntity&, const FragmentEntity&) = default;
};

struct FragmentRelation {
  RelType type = RelType::kPartnersWith;
  std::string source;  // FragmentEntity::id
  std::string target;
  Props props;
  std::vector<EvidenceSpan> evidence;
  friend bool operator==(const FragmentRelation&, const FragmentRelation&) = default;
};

struct Fragment {
  std::string doc;    // "FILE" or "FILE#N" for the N-th article of a file
  std::string title;  // may be empty
  std::string date;   // ISO 8601 as precise as the text allows; may be empty
  std::string url;    // may be empty
  std::string text;   // the cleaned text; written only with --with-text
  std::vector<FragmentEntity> entities;
  std::vector<FragmentRelation> relations;
  friend bool operator==(const Fragment&, const Fragment&) = default;
};

}  // namespace kg
