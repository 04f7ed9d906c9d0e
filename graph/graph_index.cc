#include "graph/graph_index.h"

#include <bit>
#include <cstring>
#include <functional>

namespace kg::detail {

namespace {

constexpr uint64_t kFree = ~uint64_t{0};
constexpr size_t kBlock = size_t{1} << 20;

// Fibonacci hashing of a 32-bit tag into a table of 2^(64 - shift) slots.
size_t slot_for(uint32_t tag, int shift) {
  return static_cast<size_t>((uint64_t{tag} * 0x9E3779B97F4A7C15ull) >> shift);
}

uint32_t tag_of(uint64_t hash) { return static_cast<uint32_t>(hash >> 32); }

}  // namespace

uint64_t hash_bytes(std::string_view s) { return std::hash<std::string_view>{}(s); }

// --- StringPool ---------------------------------------------------------

std::string_view StringPool::store(std::string_view s) {
  if (s.empty()) return {};
  char* p;
  if (s.size() > kBlock / 4) {
    // A long string gets a block of its own, so blocks are never mostly empty.
    blocks_.emplace_back(new char[s.size()]);
    p = blocks_.back().get();
  } else {
    if (left_ < s.size()) {
      blocks_.emplace_back(new char[kBlock]);
      cur_ = blocks_.back().get();
      left_ = kBlock;
    }
    p = cur_;
    cur_ += s.size();
    left_ -= s.size();
  }
  std::memcpy(p, s.data(), s.size());
  return {p, s.size()};
}

void StringPool::reserve(size_t strings) {
  views_.reserve(strings);
  size_t want = std::bit_ceil(strings * 2 + 16);
  if (want > table_.size()) grow_to(want);
}

void StringPool::grow_to(size_t capacity) {
  std::vector<uint64_t> old = std::move(table_);
  table_.assign(capacity, kFree);
  shift_ = 64 - std::countr_zero(capacity);
  for (uint64_t s : old) {
    if (s == kFree) continue;
    size_t i = slot_for(static_cast<uint32_t>(s >> 32), shift_);
    while (table_[i] != kFree) i = (i + 1) & (capacity - 1);
    table_[i] = s;
  }
}

Sym StringPool::intern(std::string_view s) {
  // Load factor at most 1/2: probes stay short and a miss ends quickly.
  if ((views_.size() + 1) * 2 > table_.size()) grow_to(std::max<size_t>(64, table_.size() * 2));
  const uint32_t tag = tag_of(hash_bytes(s));
  const size_t mask = table_.size() - 1;
  size_t i = slot_for(tag, shift_);
  for (;; i = (i + 1) & mask) {
    uint64_t e = table_[i];
    if (e == kFree) break;
    if (static_cast<uint32_t>(e >> 32) == tag && views_[static_cast<Sym>(e)] == s)
      return static_cast<Sym>(e);
  }
  Sym sym = static_cast<Sym>(views_.size());
  views_.push_back(store(s));
  table_[i] = (uint64_t{tag} << 32) | sym;
  return sym;
}

// --- NameTable -----------------------------------------------------------

uint32_t NameTable::key_tag(Label label, std::string_view normalized) {
  uint64_t h = hash_bytes(normalized) ^ (static_cast<uint64_t>(label) + 1) * 0xC2B2AE3D27D4EB4Full;
  h ^= h >> 29;
  h *= 0xBF58476D1CE4E5B9ull;
  return static_cast<uint32_t>(h ^ (h >> 32));
}

void NameTable::rehash(size_t capacity) {
  std::vector<uint64_t> old = std::move(slots_);
  slots_.assign(capacity, kEmpty);
  shift_ = 64 - std::countr_zero(capacity);
  tombstones_ = 0;
  for (uint64_t s : old) {
    if (s == kEmpty || s == kTombstone) continue;
    size_t i = slot_of(static_cast<uint32_t>(s >> 32));
    while (slots_[i] != kEmpty) i = (i + 1) & mask();
    slots_[i] = s;
  }
}

void NameTable::reserve(size_t entries) {
  size_t want = std::bit_ceil(entries + entries / 3 + 16);
  if (want > slots_.size()) rehash(want);
}

void NameTable::insert(uint32_t tag, NodeId id) {
  // Load factor at most 3/4 counting tombstones (linear probing stays short).
  if ((used_ + tombstones_ + 1) * 4 > slots_.size() * 3)
    rehash(std::max<size_t>(64, (used_ + 1) * 4 > slots_.size() * 2 ? slots_.size() * 2
                                                                      : slots_.size()));
  size_t i = slot_of(tag);
  while (slots_[i] != kEmpty && slots_[i] != kTombstone) i = (i + 1) & mask();
  if (slots_[i] == kTombstone) --tombstones_;
  slots_[i] = (uint64_t{tag} << 32) | id;
  ++used_;
}

void NameTable::erase_node(NodeId id) {
  for (uint64_t& s : slots_) {
    if (s != kEmpty && s != kTombstone && static_cast<NodeId>(s) == id) {
      s = kTombstone;
      --used_;
      ++tombstones_;
    }
  }
}

void NameTable::clear() {
  slots_.clear();
  shift_ = 64;
  used_ = tombstones_ = 0;
}

}  // namespace kg::detail
