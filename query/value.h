// The query engine's runtime value: what an expression evaluates to and what
// a result cell holds. Richer than the stored kg::Value: it adds null, maps,
// and references to the graph's nodes, relationships and paths.
//
// Copies are cheap (lists, maps and paths are shared, immutable; strings read
// from the graph are views into it), because rows are copied often. A value
// holding a view is valid only while the graph it came from lives.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "graph/graph.h"

namespace kg::query {

struct NodeRef {
  NodeId id;
};
struct RelRef {
  EdgeId id;
};
class QValue;
using List = std::vector<QValue>;
using Map = std::vector<std::pair<std::string, QValue>>;  // sorted by key
struct Path {
  std::vector<NodeId> nodes;  // nodes.size() == rels.size() + 1
  std::vector<EdgeId> rels;
};

class QValue {
 public:
  enum class Kind : uint8_t { kNull, kBool, kInt, kFloat, kString, kList, kMap, kNode, kRel, kPath };

  QValue() = default;
  QValue(bool b) : v_(b) {}
  QValue(int64_t i) : v_(i) {}
  QValue(int i) : v_(int64_t{i}) {}
  QValue(double d) : v_(d) {}
  QValue(std::string s) : v_(std::move(s)) {}
  QValue(const char* s) : v_(std::string(s)) {}
  // A view into storage that outlives the value (the graph's strings).
  static QValue view(std::string_view s) {
    QValue q;
    q.v_ = s;
    return q;
  }
  QValue(List l) : v_(std::make_shared<const List>(std::move(l))) {}
  QValue(Map m) : v_(std::make_shared<const Map>(std::move(m))) {}
  QValue(NodeRef n) : v_(n) {}
  QValue(RelRef r) : v_(r) {}
  QValue(Path p) : v_(std::make_shared<const Path>(std::move(p))) {}

  Kind kind() const;
  bool is_null() const { return v_.index() == 0; }
  bool is_number() const { return kind() == Kind::kInt || kind() == Kind::kFloat; }

  // REQUIRES: kind() is the kind asked for.
  bool as_bool() const { return std::get<bool>(v_); }
  int64_t as_int() const { return std::get<int64_t>(v_); }
  double as_double() const;  // ints convert
  std::string_view as_string() const;
  const List& as_list() const { return *std::get<std::shared_ptr<const List>>(v_); }
  const Map& as_map() const { return *std::get<std::shared_ptr<const Map>>(v_); }
  NodeId as_node() const { return std::get<NodeRef>(v_).id; }
  EdgeId as_rel() const { return std::get<RelRef>(v_).id; }
  const Path& as_path() const { return *std::get<std::shared_ptr<const Path>>(v_); }

  // A value found under `key` in a map value; null when absent.
  QValue map_get(std::string_view key) const;

 private:
  std::variant<std::monostate, bool, int64_t, double, std::string, std::string_view,
               std::shared_ptr<const List>, std::shared_ptr<const Map>, NodeRef, RelRef,
               std::shared_ptr<const Path>>
      v_;
};

// Cypher's `=`: true, false, or null (unknown) when either side is null or
// a list holds nulls that decide it. 1 = 1.0 is true.
std::optional<bool> equals(const QValue& a, const QValue& b);
// Cypher's `<`: -1, 0, 1, or nullopt when the two are not comparable
// (different kinds, or null).
std::optional<int> compare(const QValue& a, const QValue& b);
// The total order of ORDER BY, min and max (Cypher's orderability): maps,
// nodes, relationships, lists, paths, strings, booleans, numbers, then null.
int order(const QValue& a, const QValue& b);
// Equivalence for DISTINCT and grouping: like `=` but null is equivalent to
// null, and never unknown.
bool equivalent(const QValue& a, const QValue& b);
size_t hash(const QValue& v);

struct RowHash {
  size_t operator()(const std::vector<QValue>& row) const;
};
struct RowEq {
  bool operator()(const std::vector<QValue>& a, const std::vector<QValue>& b) const;
};

// Converts a stored property value.
QValue from_stored(const kg::Value& v);
// Cypher's text for the value (as toString and the table printer show it);
// nodes and relationships print as (id:Label {name}) and [id:TYPE].
std::string to_text(const QValue& v, const Graph& g);
std::string_view kind_name(QValue::Kind kind);

}  // namespace kg::query
