// The Merger's state between add() and finish() (graph/merge.h): in memory
// only what entity resolution needs -- a union-find over entity records and
// the table of (label, normalised name) keys -- and per relation its ends
// and type; every record's contents go to a spill file on disk. Private to
// graph/: merge.cc adds records, merge_finish.cc turns them into the graph.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "graph/graph_sink.h"
#include "graph/merge.h"
#include "graph/merge_record.h"
#include "graph/spill_file.h"

namespace kg {

struct Merger::State {
  explicit State(MergeOptions o)
      : options(std::move(o)), entity_spill(options.spill_dir), relation_spill(options.spill_dir) {}

  // Returns the record's id, for add_relation and link.
  uint32_t add_entity(Label label, const merge_record::Entity& entity);
  void add_relation(RelType type, uint32_t source, uint32_t target,
                    const merge_record::Relation& relation);
  // Records that are one node whatever their names say (a graph node's parts).
  void link(uint32_t a, uint32_t b);
  uint32_t find(uint32_t record);

  // Writes the canonical graph to `sink` and leaves the state empty.
  void finish(GraphSink& sink);

  MergeOptions options;
  // Per entity record: its union-find parent, label and spilled size.
  std::vector<uint32_t> parent;
  std::vector<Label> labels;
  std::vector<uint32_t> entity_bytes;
  SpillFile entity_spill;
  // Label byte + normalised name -> the first record with it, and the best
  // surface form of that key so far (merge.cc's better_choice), and whether
  // some record gave it as its name.
  struct Key {
    uint32_t record;
    std::string best;
    bool best_named = false;
  };
  std::unordered_map<std::string, Key> keys;
  struct Relation {
    uint32_t source, target;  // entity records
    uint32_t bytes;
    RelType type;
  };
  std::vector<Relation> relations;
  SpillFile relation_spill;
  std::string scratch;  // encoding buffer
};

// Whether the names records give as a name decide a node's name: for
// countries, whose fragments name them by the gazetteer's canonical name
// ("China") and give demonyms and other forms ("Chinese", "Sino") as
// aliases. Other nodes take the best of all their surface forms.
inline bool named_by_records(Label label) { return label == Label::kCountry; }

// Whether `entity`, a record of a node labelled `label`, gives its names[0]
// as the node's name in that sense.
inline bool gives_name(Label label, const merge_record::Entity& entity) {
  return entity.named && !entity.names.empty() && named_by_records(label);
}

// The canonical choices both halves share (merge.cc).
bool better_name(std::string_view a, std::string_view b);
bool better_choice(bool a_named, std::string_view a, bool b_named, std::string_view b);
void merge_props(Props& into, const Props& from);

}  // namespace kg
