// Reads node-link JSON (export_json.cc's layout, or any NetworkX
// node_link_data output whose nodes carry a kg "label" and links a kg
// "type") into a Graph. Nodes are numbered in file order, links appended in
// file order, so a kg export comes back with the same ids.
#include <rapidjson/error/en.h>

#include <unordered_map>

#include "graph/error.h"
#include "graph/export_json_keys.h"
#include "graph/import_parts.h"

namespace kg {

namespace {
using detail::parse_value;

// The text of a node id as a map key: numbers and strings are both allowed
// (NetworkX writes whatever the nodes were).
bool id_key(const rapidjson::Value& v, std::string& key) {
  if (v.IsString()) {
    key.assign("s").append(v.GetString(), v.GetStringLength());
  } else if (v.IsInt64()) {
    key = "i" + std::to_string(v.GetInt64());
  } else {
    return false;
  }
  return true;
}

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
  std::unordered_map<std::string, NodeId> ids;
  std::string key;
  rapidjson::SizeType i = 0;
  for (const auto& jn : nodes_it->value.GetArray()) {
    std::string where = path + ": nodes[" + std::to_string(i++) + "]";
    if (!jn.IsObject()) throw InputError(where + ": must be an object");
    auto id = jn.FindMember("id");
    if (id == jn.MemberEnd() || !id_key(id->value, key))
      throw InputError(where + ": \"id\" must be a string or an integer");
    Node n;
    bool has_label = false, has_name = false;
    for (const auto& m : jn.GetObject()) {
      std::string_view k(m.name.GetString(), m.name.GetStringLength());
      if (k == "id") continue;
      if (k == "label") {
        auto label = m.value.IsString() ? parse_label(m.value.GetString()) : std::nullopt;
        if (!label) throw InputError(where + ": \"label\" must be a kg label (Country, ...)");
        n.label = *label;
        has_label = true;
      } else if (k == "name") {
        if (!m.value.IsString()) throw InputError(where + ": \"name\" must be a string");
        n.name.assign(m.value.GetString(), m.value.GetStringLength());
        has_name = true;
      } else if (k == "aliases") {
        n.aliases = detail::parse_string_list(m.value, where + ": aliases");
      } else if (k == "mentions") {
        n.mentions = detail::parse_mentions(m.value, g, where);
      } else {
        Value v;
        if (parse_value(m.value, v, where + ": " + std::string(k))) n.props.set(prop_key(k), v);
      }
    }
    if (!has_label) throw InputError(where + ": no \"label\"");
    if (!has_name) n.name = id_text(id->value);
    if (!ids.emplace(key, static_cast<NodeId>(g.node_count())).second)
      throw InputError(where + ": duplicate node id " + id_text(id->value));
    g.add_node(std::move(n));
  }
  if (links_it == doc.MemberEnd()) return g;
  i = 0;
  for (const auto& jl : links_it->value.GetArray()) {
    std::string where = path + ": links[" + std::to_string(i++) + "]";
    if (!jl.IsObject()) throw InputError(where + ": must be an object");
    Edge e;
    bool has_type = false, has_source = false, has_target = false;
    for (const auto& m : jl.GetObject()) {
      std::string_view k(m.name.GetString(), m.name.GetStringLength());
      if (k == "source" || k == "target") {
        if (!id_key(m.value, key)) throw InputError(where + ": bad \"" + std::string(k) + "\"");
        auto it = ids.find(key);
        if (it == ids.end())
          throw InputError(where + ": " + std::string(k) + " " + id_text(m.value) +
                           " is not a node");
        (k == "source" ? e.source : e.target) = it->second;
        (k == "source" ? has_source : has_target) = true;
      } else if (k == "type") {
        auto type = m.value.IsString() ? parse_rel_type(m.value.GetString()) : std::nullopt;
        if (!type) throw InputError(where + ": \"type\" must be a kg relationship type");
        e.type = *type;
        has_type = true;
      } else if (k == "evidence") {
        e.evidence = detail::parse_evidence(m.value, g, where);
      } else if (k == "key" || k == "count" || k == "docs") {
        // NetworkX's multigraph key and the derived count/docs.
      } else {
        Value v;
        if (parse_value(m.value, v, where + ": " + std::string(k))) e.props.set(prop_key(k), v);
      }
    }
    if (!has_type || !has_source || !has_target)
      throw InputError(where + ": needs \"source\", \"target\" and \"type\"");
    g.add_edge(std::move(e));
  }
  return g;
}

}  // namespace kg
