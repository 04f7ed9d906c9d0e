#include "graph/value.h"

#include <algorithm>

namespace kg {

namespace {
auto lower(const std::vector<Props::Entry>& entries, std::string_view key) {
  return std::lower_bound(entries.begin(), entries.end(), key,
                          [](const Props::Entry& e, std::string_view k) { return e.first < k; });
}
}  // namespace

const Value* Props::get(std::string_view key) const {
  auto it = lower(entries_, key);
  return (it != entries_.end() && it->first == key) ? &it->second : nullptr;
}

std::string_view Props::get_string(std::string_view key) const {
  const Value* v = get(key);
  if (v == nullptr) return {};
  const auto* s = std::get_if<std::string>(v);
  return s ? std::string_view(*s) : std::string_view();
}

void Props::set(std::string key, Value value) {
  auto it = lower(entries_, key);
  if (it != entries_.end() && it->first == key) {
    entries_[it - entries_.begin()].second = std::move(value);
  } else {
    entries_.emplace(it, std::move(key), std::move(value));
  }
}

bool Props::erase(std::string_view key) {
  auto it = lower(entries_, key);
  if (it == entries_.end() || it->first != key) return false;
  entries_.erase(it);
  return true;
}

std::string_view value_type_name(const Value& v) {
  switch (v.index()) {
    case 0: return "string";
    case 1: return "int";
    case 2: return "float";
    case 3: return "bool";
    default: return "list";
  }
}

}  // namespace kg
