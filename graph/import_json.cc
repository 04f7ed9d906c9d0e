// Reads node-link JSON (export_json.cc's layout, or any NetworkX
// node_link_data output whose nodes carry a kg "label" and links a kg
// "type") into a Graph. Nodes are numbered in file order, links appended in
// file order, so a kg export comes back with the same ids.
#include <rapidjson/error/en.h>

#include <optional>
#include <unordered_map>

#include "graph/error.h"
#include "graph/export_json_keys.h"
#include "graph/import_parts.h"
#include "graph/input_limits.h"

namespace kg {

namespace {
using detail::parse_value;

// Node ids as NetworkX writes them: integers or strings. kg's own exports
// number nodes 0, 1, 2, ... in order, which needs no map at all.
class IdMap {
 public:
  // False when the id is taken.
  bool add(const rapidjson::Value& v, NodeId id) {
    if (v.IsInt64()) {
      int64_t i = v.GetInt64();
      if (identity_ && i == static_cast<int64_t>(id)) return true;
      if (identity_) {  // leave the fast path: fill the maps with 0..id-1
        for (NodeId k = 0; k < id; ++k) ints_.emplace(k, k);
        identity_ = false;
      }
      return ints_.emplace(i, id).second;
    }
    if (identity_) {
      for (NodeId k = 0; k < id; ++k) ints_.emplace(k, k);
      identity_ = false;
    }
    return strings_.emplace(std::string(v.GetString(), v.GetStringLength()), id).second;
  }
  std::optional<NodeId> find(const rapidjson::Value& v, size_t count) const {
    if (v.IsInt64()) {
      int64_t i = v.GetInt64();
      if (identity_) {
        if (i >= 0 && static_cast<size_t>(i) < count) return static_cast<NodeId>(i);
        return std::nullopt;
      }
      auto it = ints_.find(i);
      if (it != ints_.end()) return it->second;
      return std::nullopt;
    }
    if (!v.IsString()) return std::nullopt;
    auto it = strings_.find(std::string(v.GetString(), v.GetStringLength()));
    if (it != strings_.end()) return it->second;
    return std::nullopt;
  }

 private:
  bool identity_ = true;
  std::unordered_map<int64_t, NodeId> ints_;
  std::unordered_map<std::string, NodeId> strings_;
};

bool valid_id(const rapidjson::Value& v) { return v.IsString() || v.IsInt64(); }

std::string id_text(const rapidjson::Value& v) {
  return v.IsString() ? std::string(v.GetString(), v.GetStringLength())
                      : std::to_string(v.GetInt64());
}

std::string prop_key(std::string_view key) {
  if (key.starts_with("prop.")) key.remove_prefix(5);
  return std::string(key);
}
}  // namespace

Graph import_json(const std::string& path) {
  std::string text = detail::read_whole_file(path);
  // RapidJSON's parser recurses per level: refuse hostile nesting first.
  if (size_t deep = find_json_too_deep(text); deep != std::string::npos)
    throw LimitError(path + ": byte " + std::to_string(deep) + ": JSON nested deeper than " +
                     std::to_string(kMaxJsonDepth) + " levels");
  rapidjson::Document doc;
  doc.ParseInsitu<rapidjson::kParseFullPrecisionFlag | rapidjson::kParseNanAndInfFlag>(text.data());
  if (doc.HasParseError())
    throw InputError::at_offset(path, doc.GetErrorOffset(),
                                rapidjson::GetParseError_En(doc.GetParseError()));
  if (!doc.IsObject()) throw InputError(path + ": not a node-link JSON object");
  auto nodes_it = doc.FindMember("nodes");
  if (nodes_it == doc.MemberEnd() || !nodes_it->value.IsArray())
    throw InputError(path + ": no \"nodes\" array");
  auto links_it = doc.FindMember("links");
  if (links_it == doc.MemberEnd()) links_it = doc.FindMember("edges");
  if (links_it != doc.MemberEnd() && !links_it->value.IsArray())
    throw InputError(path + ": \"links\" must be an array");

  Graph g;
  IdMap ids;
  rapidjson::SizeType i = 0;
  for (const auto& jn : nodes_it->value.GetArray()) {
    detail::Where where{path, "nodes", i++};
    if (!jn.IsObject()) where.fail("", "must be an object");
    auto id = jn.FindMember("id");
    if (id == jn.MemberEnd() || !valid_id(id->value))
      where.fail("id", "must be a string or an integer");
    Node n;
    bool has_label = false, has_name = false;
    for (const auto& m : jn.GetObject()) {
      std::string_view k(m.name.GetString(), m.name.GetStringLength());
      if (k == "id") continue;
      if (k == "label") {
        auto label = m.value.IsString() ? parse_label(m.value.GetString()) : std::nullopt;
        if (!label) where.fail("label", "must be a kg label (Country, ...)");
        n.label = *label;
        has_label = true;
      } else if (k == "name") {
        if (!m.value.IsString()) where.fail("name", "must be a string");
        n.name.assign(m.value.GetString(), m.value.GetStringLength());
        has_name = true;
      } else if (k == "aliases") {
        n.aliases = detail::parse_string_list(m.value, where, "aliases");
      } else if (k == "mentions") {
        n.mentions = detail::parse_mentions(m.value, g, where);
      } else {
        Value v;
        if (parse_value(m.value, v, where, k)) n.props.set(prop_key(k), std::move(v));
      }
    }
    if (!has_label) where.fail("", "no \"label\"");
    if (!has_name) n.name = id_text(id->value);
    if (!ids.add(id->value, static_cast<NodeId>(g.node_count())))
      where.fail("id", "duplicate node id " + id_text(id->value));
    g.add_node(std::move(n));
  }
  if (links_it == doc.MemberEnd()) return g;
  i = 0;
  for (const auto& jl : links_it->value.GetArray()) {
    detail::Where where{path, "links", i++};
    if (!jl.IsObject()) where.fail("", "must be an object");
    Edge e;
    bool has_type = false, has_source = false, has_target = false;
    for (const auto& m : jl.GetObject()) {
      std::string_view k(m.name.GetString(), m.name.GetStringLength());
      if (k == "source" || k == "target") {
        if (!valid_id(m.value)) where.fail(k, "must be a string or an integer");
        auto found = ids.find(m.value, g.node_count());
        if (!found) where.fail(k, id_text(m.value) + " is not a node");
        (k == "source" ? e.source : e.target) = *found;
        (k == "source" ? has_source : has_target) = true;
      } else if (k == "type") {
        auto type = m.value.IsString() ? parse_rel_type(m.value.GetString()) : std::nullopt;
        if (!type) where.fail("type", "must be a kg relationship type");
        e.type = *type;
        has_type = true;
      } else if (k == "evidence") {
        e.evidence = detail::parse_evidence(m.value, g, where);
      } else if (k == "key" || k == "count" || k == "docs") {
        // NetworkX's multigraph key and the derived count/docs.
      } else {
        Value v;
        if (parse_value(m.value, v, where, k)) e.props.set(prop_key(k), std::move(v));
      }
    }
    if (!has_type || !has_source || !has_target)
      where.fail("", "needs \"source\", \"target\" and \"type\"");
    g.add_edge(std::move(e));
  }
  return g;
}

}  // namespace kg
