// Private to graph/: the compact tables behind Graph's string pool and name
// index. A graph of a million nodes keeps one entry per name and alias and a
// string per distinct document id, rule id and sentence, so both tables avoid
// a heap node per entry:
//
// - StringPool stores the text in 1 MiB arena blocks that never move (a
//   string_view from str() stays valid for the graph's life), a view per Sym,
//   and an open-addressing table of Syms tagged with 32 bits of their hash.
// - NameTable maps a (label, normalised name) key to node ids as 8-byte slots
//   holding 32 bits of the key's hash and the NodeId, never the key text: the
//   caller confirms each candidate against the node's own names. Linear
//   probing; the slot comes from the tag alone, so growing needs no rehash of
//   the text.
#pragma once

#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "graph/graph.h"

namespace kg::detail {

// A 64-bit hash of a byte string (libstdc++'s murmur-based std::hash).
uint64_t hash_bytes(std::string_view s);

class StringPool {
 public:
  StringPool() = default;
  StringPool(const StringPool&) = delete;
  StringPool& operator=(const StringPool&) = delete;

  Sym intern(std::string_view s);
  std::string_view str(Sym s) const { return views_[s]; }
  size_t size() const { return views_.size(); }
  void reserve(size_t strings);

 private:
  std::string_view store(std::string_view s);
  void grow_to(size_t capacity);

  std::vector<std::unique_ptr<char[]>> blocks_;
  char* cur_ = nullptr;  // free space in the last short-string block
  size_t left_ = 0;
  int shift_ = 64;
  std::vector<std::string_view> views_;  // Sym -> text
  std::vector<uint64_t> table_;          // tag << 32 | Sym; kEmpty when free
};

class NameTable {
 public:
  // A key's hash: the label and the normalised text.
  static uint32_t key_tag(Label label, std::string_view normalized);

  void insert(uint32_t tag, NodeId id);
  // Calls f(id) for each id stored under `tag` (several keys can share a
  // tag, and a key can hold several nodes; f must check).
  template <class F>
  void for_each(uint32_t tag, F&& f) const {
    if (slots_.empty()) return;
    for (size_t i = slot_of(tag);; i = (i + 1) & mask()) {
      uint64_t s = slots_[i];
      if (s == kEmpty) return;
      if (s != kTombstone && static_cast<uint32_t>(s >> 32) == tag) f(static_cast<NodeId>(s));
    }
  }
  // Removes every entry of `id` (a scan of the whole table).
  void erase_node(NodeId id);
  void clear();
  void reserve(size_t entries);

 private:
  static constexpr uint64_t kEmpty = ~uint64_t{0};
  static constexpr uint64_t kTombstone = ~uint64_t{0} - 1;
  size_t mask() const { return slots_.size() - 1; }
  size_t slot_of(uint32_t tag) const {
    return static_cast<size_t>((uint64_t{tag} * 0x9E3779B97F4A7C15ull) >> shift_);
  }
  void rehash(size_t capacity);

  std::vector<uint64_t> slots_;
  int shift_ = 64;
  size_t used_ = 0, tombstones_ = 0;
};

}  // namespace kg::detail
