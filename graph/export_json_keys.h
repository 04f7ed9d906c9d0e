// Private to graph/: the fixed keys of the node-link JSON (export_json.cc)
// that properties must not shadow, shared with import_json.cc.
#pragma once

#include <string_view>

namespace kg::detail {

inline bool is_reserved_json_key(std::string_view key, bool is_edge) {
  if (key.starts_with("prop.")) return true;
  if (is_edge)
    return key == "source" || key == "target" || key == "key" || key == "type" || key == "count" ||
           key == "docs" || key == "evidence";
  return key == "id" || key == "label" || key == "name" || key == "aliases" || key == "mentions";
}

}  // namespace kg::detail
