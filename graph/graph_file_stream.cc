#include "graph/graph_file_stream.h"

#include <functional>

#include "graph/atomic_file.h"
#include "graph/graph_file_json.h"
#include "graph/version.h"

namespace kg {

namespace {

// Strings up to this size (document and rule ids) are kept in memory; the
// longer ones are evidence sentences, most of a corpus's bytes.
constexpr size_t kShort = 64;

uint64_t hash_of(std::string_view s) { return std::hash<std::string_view>{}(s); }

// The file's ids are the Syms this sink hands out.
auto same_id = [](Sym s) { return s; };

}  // namespace

GraphFileStream::GraphFileStream(std::string path, const std::string& spill_dir)
    : path_(std::move(path)),
      table_(1024, Slot{0, 0}),
      long_(spill_dir),
      strings_(spill_dir),
      nodes_(spill_dir),
      edges_(spill_dir),
      writer_(buffer_) {}

bool GraphFileStream::equals(const Entry& e, std::string_view s) {
  if (e.size != s.size()) return false;
  if (e.size <= kShort) return std::string_view(short_.data() + e.offset, e.size) == s;
  compare_.resize(e.size);
  long_.read_at(e.offset, compare_);
  return compare_ == s;
}

void GraphFileStream::grow() {
  std::vector<Slot> old(table_.size() * 2, Slot{0, 0});
  old.swap(table_);
  const size_t mask = table_.size() - 1;
  for (const Slot& slot : old) {
    if (slot.id_plus_1 == 0) continue;
    size_t i = slot.hash & mask;
    while (table_[i].id_plus_1 != 0) i = (i + 1) & mask;
    table_[i] = slot;
  }
}

Sym GraphFileStream::intern(std::string_view s) {
  const uint64_t h = hash_of(s);
  const size_t mask = table_.size() - 1;
  size_t i = h & mask;
  for (; table_[i].id_plus_1 != 0; i = (i + 1) & mask)
    if (table_[i].hash == h && equals(entries_[table_[i].id_plus_1 - 1], s))
      return table_[i].id_plus_1 - 1;
  const auto id = static_cast<Sym>(entries_.size());
  if (s.size() <= kShort) {
    entries_.push_back({short_.size(), static_cast<uint32_t>(s.size())});
    short_.append(s);
  } else {
    entries_.push_back({long_.size(), static_cast<uint32_t>(s.size())});
    long_.append(s);
  }
  table_[i] = Slot{h, id + 1};
  if (entries_.size() * 2 > table_.size()) grow();
  buffer_.Clear();
  writer_.Reset(buffer_);
  graph_json::str(writer_, s);
  append_json(strings_, id);
  return id;
}

void GraphFileStream::append_json(SpillFile& file, uint64_t count) {
  if (count > 0) file.append(",");
  file.append(std::string_view(buffer_.GetString(), buffer_.GetSize()));
}

void GraphFileStream::add_node(Node&& node, std::vector<Source>&& sources) {
  buffer_.Clear();
  writer_.Reset(buffer_);
  graph_json::node(writer_, node, sources, same_id);
  append_json(nodes_, node_count_++);
}

void GraphFileStream::add_edge(Edge&& edge, std::vector<Source>&& sources) {
  buffer_.Clear();
  writer_.Reset(buffer_);
  graph_json::edge(writer_, edge, sources, same_id);
  append_json(edges_, edge_count_++);
}

void GraphFileStream::commit() {
  AtomicFile file(path_);
  // save_graph's header, byte for byte (rapidjson writes no spaces).
  file.write(std::string("{\"format\":\"") + kGraphFormatName + "\",\"version\":" +
             std::to_string(kGraphFormatVersion) + ",\"counts\":{\"strings\":" +
             std::to_string(entries_.size()) + ",\"nodes\":" + std::to_string(node_count_) +
             ",\"edges\":" + std::to_string(edge_count_) + "},\"strings\":[");
  std::string chunk;
  auto copy = [&](SpillFile& spill) {
    for (uint64_t pos = 0; spill.read_chunk(pos, chunk);) file.write(chunk);
    spill.clear();
  };
  copy(strings_);
  file.write("],\"nodes\":[");
  copy(nodes_);
  file.write("],\"edges\":[");
  copy(edges_);
  file.write("]}\n");
  file.commit();
}

}  // namespace kg
