// A graph file written record by record, for graphs larger than memory (the
// external merge, graph/merge.h): the bytes save_graph would write for the
// same nodes and edges, without a Graph. Strings are numbered in first-use
// order as they are interned; the string table, the nodes and the edges are
// held in three spill files (graph/spill_file.h) and put together in order
// by commit(), atomically. Memory: about 30 bytes per distinct string, plus
// the strings of up to 64 bytes themselves (document and rule ids); longer
// ones (sentences) stay on disk. Private to graph/.
#pragma once

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <string>

#include "graph/graph_sink.h"
#include "graph/spill_file.h"

namespace kg {

class GraphFileStream final : public GraphSink {
 public:
  // Nothing is written to `path` before commit(). `spill_dir` as SpillFile.
  GraphFileStream(std::string path, const std::string& spill_dir);

  Sym intern(std::string_view s) override;
  void add_node(Node&& node, std::vector<Source>&& sources) override;
  void add_edge(Edge&& edge, std::vector<Source>&& sources) override;

  // Writes the graph file atomically (graph/atomic_file.h). Throws IoError.
  void commit();

 private:
  // A distinct string: where its bytes are (memory for short ones, the
  // `long_` spill for the rest), so a hash hit can be checked byte for byte.
  struct Entry {
    uint64_t offset;
    uint32_t size;
  };
  struct Slot {
    uint64_t hash;
    uint32_t id_plus_1;  // 0: empty
  };
  bool equals(const Entry& entry, std::string_view s);
  void grow();
  // The JSON of the value now in buffer_, appended to `file` after a comma.
  void append_json(SpillFile& file, uint64_t count);

  std::string path_;
  std::vector<Entry> entries_;  // by file string id
  std::vector<Slot> table_;     // open addressing, at most half full
  std::string short_;           // the bytes of short strings
  SpillFile long_, strings_, nodes_, edges_;
  uint64_t node_count_ = 0, edge_count_ = 0;
  std::string compare_;
  rapidjson::StringBuffer buffer_;
  rapidjson::Writer<rapidjson::StringBuffer> writer_;
};

}  // namespace kg
