// Scoring fragments against gold graphs, exactly as ../shared/ONTOLOGY.md's
// "Scoring" section says: documents FILE#N grouped by FILE; names normalised
// by graph/normalize.h; a predicted entity matches a gold entity of the same
// type by name or alias, each gold entity at most once per file (further
// matches are false positives); a relation matches when its type agrees and
// both endpoints match (either order for SIGNED and PARTNERS_WITH); micro
// P/R/F1 over all files, overall and per type.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "graph/fragment.h"

namespace kg {

struct GoldEntity {
  std::string type, name;
  std::vector<std::string> aliases;
};
struct GoldRelation {
  std::string type, source, target;  // endpoints by entity name
};
struct GoldFile {
  std::string doc;
  std::vector<GoldEntity> entities;
  std::vector<GoldRelation> relations;
};

// One gold file; all *.json of a directory (sorted). Throws InputError.
GoldFile load_gold_file(const std::string& path);
std::vector<GoldFile> load_gold_dir(const std::string& dir);

struct Score {
  uint64_t tp = 0, fp = 0, fn = 0;
  double precision() const { return tp + fp ? double(tp) / double(tp + fp) : 0.0; }
  double recall() const { return tp + fn ? double(tp) / double(tp + fn) : 0.0; }
  double f1() const {
    double p = precision(), r = recall();
    return p + r > 0 ? 2 * p * r / (p + r) : 0.0;
  }
};

// A false positive or false negative, for --misses.
struct Miss {
  std::string file;
  bool false_positive = false;
  bool relation = false;
  std::string type, text;  // "name" or "source -> target"
};

struct EvalReport {
  Score entities, relations;
  std::map<std::string, Score> entity_types, relation_types;
  std::vector<Miss> misses;
};

// Accumulates predictions, then scores them against the gold. Files with
// predictions but no gold file count as all false positives; gold files
// without predictions as all false negatives.
class Evaluator {
 public:
  explicit Evaluator(std::vector<GoldFile> gold);
  void add(const Fragment& fragment);
  EvalReport finish() const;

 private:
  std::vector<GoldFile> gold_;
  // By source file: its documents' entities and relations (type, names).
  struct Predicted {
    std::vector<std::pair<std::string, std::string>> entities;  // type, name
    struct Rel {
      std::string type, source_type, source, target_type, target;
    };
    std::vector<Rel> relations;
  };
  std::map<std::string, Predicted> predicted_;
};

// The file a document id belongs to: "FILE#3" -> "FILE".
std::string source_file(const std::string& doc);

}  // namespace kg
