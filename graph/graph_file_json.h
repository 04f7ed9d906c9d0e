// How one node and one edge are spelled in the graph file (graph_file.cc's
// format comment), shared by save_graph and the streaming writer of the
// external merge (graph/graph_file_stream.h), so both write the same bytes.
// `id` maps a record's Sym to its index in the file's string table.
// Private to graph/.
#pragma once

#include <span>
#include <string_view>

#include "graph/graph.h"

namespace kg::graph_json {

template <class W>
void str(W& w, std::string_view s) {
  w.String(s.data(), static_cast<unsigned>(s.size()));
}

template <class W>
void props(W& w, const Props& props) {
  w.StartObject();
  for (const auto& [key, v] : props) {
    str(w, key);
    switch (v.index()) {
      case 0: str(w, std::get<std::string>(v)); break;
      case 1: w.Int64(std::get<int64_t>(v)); break;
      case 2: w.Double(std::get<double>(v)); break;
      case 3: w.Bool(std::get<bool>(v)); break;
      default:
        w.StartArray();
        for (const auto& s : std::get<std::vector<std::string>>(v)) str(w, s);
        w.EndArray();
    }
  }
  w.EndObject();
}

template <class W, class Id>
void node(W& w, const Node& n, std::span<const Source> sources, Id id) {
  w.StartObject();
  w.Key("label"); str(w, to_string(n.label));
  w.Key("name"); str(w, n.name);
  w.Key("aliases");
  w.StartArray();
  for (const auto& a : n.aliases) str(w, a);
  w.EndArray();
  w.Key("props"); props(w, n.props);
  w.Key("mentions");
  w.StartArray();
  for (const auto& m : n.mentions) {
    w.StartArray();
    w.Uint(id(m.doc)); w.Uint(m.start); w.Uint(m.end); w.Uint(id(m.rule));
    w.EndArray();
  }
  w.EndArray();
  if (!sources.empty()) {
    w.Key("sources");
    w.StartArray();
    for (const auto& src : sources) {
      w.StartArray();
      w.Uint(id(src.doc));
      w.StartArray();
      for (const auto& name : src.names) str(w, name);
      w.EndArray();
      props(w, src.props);
      w.EndArray();
    }
    w.EndArray();
  }
  w.EndObject();
}

template <class W, class Id>
void edge(W& w, const Edge& e, std::span<const Source> sources, Id id) {
  w.StartObject();
  w.Key("type"); str(w, to_string(e.type));
  w.Key("source"); w.Uint(e.source);
  w.Key("target"); w.Uint(e.target);
  w.Key("props"); props(w, e.props);
  w.Key("evidence");
  w.StartArray();
  for (const auto& ev : e.evidence) {
    w.StartArray();
    w.Uint(id(ev.doc)); w.Uint(ev.start); w.Uint(ev.end); w.Uint(id(ev.text)); w.Uint(id(ev.rule));
    w.EndArray();
  }
  w.EndArray();
  if (!sources.empty()) {
    w.Key("sources");
    w.StartArray();
    for (const auto& src : sources) {
      w.StartArray();
      w.Uint(id(src.doc));
      props(w, src.props);
      w.EndArray();
    }
    w.EndArray();
  }
  w.EndObject();
}

}  // namespace kg::graph_json
