// Column copies of node fields for scans: a query that reads one field of
// every node of a label (a name filter, a group-by on country) streams
// through one contiguous array instead of visiting each Node record and its
// heap blocks, which costs a cache miss or two per node on large graphs.
// Graph builds them on first use after a change (Graph::name_column,
// Graph::string_column); they are derived data and never saved.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "graph/value.h"

namespace kg {

using NodeId = uint32_t;

// Every node's canonical name, in node-id order, in one buffer.
class NameColumn {
 public:
  std::string_view operator[](NodeId id) const {
    return std::string_view(text_).substr(start_[id], start_[id + 1] - start_[id]);
  }
  // For the builder.
  void append(std::string_view name) {
    if (start_.empty()) start_.push_back(0);
    text_.append(name);
    start_.push_back(text_.size());
  }
  void reserve(size_t nodes, size_t bytes) {
    start_.reserve(nodes + 1);
    text_.reserve(bytes);
  }

 private:
  std::string text_;
  std::vector<uint64_t> start_;  // name i is text_[start_[i], start_[i+1])
};

// One node property's string values as dictionary codes, one per node. Values
// that are not strings (a number, a list) are left to the node record.
struct StringColumn {
  static constexpr uint32_t kAbsent = 0;
  static constexpr uint32_t kNotString = UINT32_MAX;
  std::vector<uint32_t> codes;          // per node: kAbsent, kNotString, or 1 + an index into values
  std::vector<std::string_view> values;  // distinct values, views into the node records
};

}  // namespace kg
