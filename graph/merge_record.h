// The records of the external merge (graph/merge.cc), as they are spilled to
// disk: one document's entity or relation, with every string spelled out, so
// that records from any input compare by value. Decoded records are views
// into the bytes they were read from. Private to graph/.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "graph/value.h"

namespace kg::merge_record {

struct MentionRef {
  std::string_view doc;
  uint32_t start, end;
  std::string_view rule;
  auto operator<=>(const MentionRef&) const = default;
};

struct EvidenceRef {
  std::string_view doc;
  uint32_t start, end;
  std::string_view text, rule;
  auto operator<=>(const EvidenceRef&) const = default;
};

// `doc` is "" for the part of a graph's record that no document accounts for.
struct Entity {
  std::string_view doc;
  std::vector<std::string_view> names;  // name first, then aliases
  Props props;
  std::vector<MentionRef> mentions;
  // Whether names[0] is the name this record gives the entity (a fragment's
  // name, a document's name for a graph node). False when every name is an
  // alias: the part of a graph node whose name a document gave. The node's
  // name is chosen among given names first (merge.cc's better_choice).
  bool named = true;
};

struct Relation {
  std::string_view doc;
  Props props;
  std::vector<EvidenceRef> evidence;
};

// Append the encoding to `out`.
void encode(const Entity& entity, std::string& out);
void encode(const Relation& relation, std::string& out);

// REQUIRES: `bytes` is what encode wrote. The views point into `bytes`.
Entity decode_entity(std::string_view bytes);
Relation decode_relation(std::string_view bytes);

}  // namespace kg::merge_record
