// Typed property values and property maps, shared by fragments, the graph,
// the query engine and the exporters.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace kg {

// A property value: string, integer, float, bool, or list of strings.
// (The query engine has its own richer runtime value; this is what is stored.)
using Value = std::variant<std::string, int64_t, double, bool, std::vector<std::string>>;

// Properties are few per node or edge (kind, country, title, date, role,
// ...), so a vector sorted by key beats a map in memory and speed.
class Props {
 public:
  using Entry = std::pair<std::string, Value>;

  // nullptr when absent.
  const Value* get(std::string_view key) const;
  // The string value of `key`, or "" when absent or not a string.
  std::string_view get_string(std::string_view key) const;
  // Inserts or replaces.
  void set(std::string key, Value value);
  bool erase(std::string_view key);

  bool empty() const { return entries_.empty(); }
  size_t size() const { return entries_.size(); }
  // Sorted by key.
  auto begin() const { return entries_.begin(); }
  auto end() const { return entries_.end(); }

  friend bool operator==(const Props&, const Props&) = default;

 private:
  std::vector<Entry> entries_;
};

// The type's name as it appears in graph files and schemas:
// "string", "int", "float", "bool", "list".
std::string_view value_type_name(const Value& v);

}  // namespace kg
