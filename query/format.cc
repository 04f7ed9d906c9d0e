#include "query/format.h"

#include <rapidjson/ostreamwrapper.h>
#include <rapidjson/writer.h>

#include <cmath>

#include "graph/error.h"
#include "query/functions.h"

namespace kg::query {

ResultFormat parse_result_format(std::string_view name) {
  if (name == "table") return ResultFormat::kTable;
  if (name == "json") return ResultFormat::kJson;
  if (name == "csv") return ResultFormat::kCsv;
  if (name == "tsv") return ResultFormat::kTsv;
  throw UsageError("unknown result format '" + std::string(name) + "' (table, json, csv, tsv)");
}

namespace {

using Writer = rapidjson::Writer<rapidjson::OStreamWrapper>;

void write_json(Writer& w, const QValue& v, const Graph& g);

void write_map(Writer& w, const Map& m, const Graph& g) {
  w.StartObject();
  for (const auto& [k, e] : m) {
    w.Key(k.data(), static_cast<rapidjson::SizeType>(k.size()));
    write_json(w, e, g);
  }
  w.EndObject();
}

void write_string(Writer& w, std::string_view s) { w.String(s.data(), static_cast<rapidjson::SizeType>(s.size())); }

void write_node(Writer& w, NodeId id, const Graph& g) {
  const Node& n = g.node(id);
  w.StartObject();
  w.Key("id");
  w.Uint(id);
  w.Key("label");
  write_string(w, to_string(n.label));
  w.Key("name");
  write_string(w, n.name);
  w.Key("props");
  write_map(w, node_properties(g, id), g);
  w.EndObject();
}

void write_rel(Writer& w, EdgeId id, const Graph& g) {
  const Edge& e = g.edge(id);
  w.StartObject();
  w.Key("id");
  w.Uint(id);
  w.Key("type");
  write_string(w, to_string(e.type));
  w.Key("source");
  w.Uint(e.source);
  w.Key("target");
  w.Uint(e.target);
  w.Key("props");
  write_map(w, rel_properties(g, id), g);
  w.EndObject();
}

void write_json(Writer& w, const QValue& v, const Graph& g) {
  using K = QValue::Kind;
  switch (v.kind()) {
    case K::kNull: w.Null(); break;
    case K::kBool: w.Bool(v.as_bool()); break;
    case K::kInt: w.Int64(v.as_int()); break;
    case K::kFloat: {
      double d = v.as_double();
      if (std::isfinite(d)) w.Double(d);
      else w.Null();  // JSON has no NaN or Infinity
      break;
    }
    case K::kString: write_string(w, v.as_string()); break;
    case K::kList:
      w.StartArray();
      for (const auto& e : v.as_list()) write_json(w, e, g);
      w.EndArray();
      break;
    case K::kMap: write_map(w, v.as_map(), g); break;
    case K::kNode: write_node(w, v.as_node(), g); break;
    case K::kRel: write_rel(w, v.as_rel(), g); break;
    case K::kPath:
      w.StartObject();
      w.Key("nodes");
      w.StartArray();
      for (NodeId n : v.as_path().nodes) write_node(w, n, g);
      w.EndArray();
      w.Key("relationships");
      w.StartArray();
      for (EdgeId r : v.as_path().rels) write_rel(w, r, g);
      w.EndArray();
      w.EndObject();
      break;
  }
}

// Display width of UTF-8 text: CJK characters take two columns.
size_t width(std::string_view s) {
  size_t w = 0;
  for (size_t i = 0; i < s.size();) {
    unsigned char c = s[i];
    uint32_t cp = c;
    int len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : 4;
    if (len > 1 && i + len <= s.size()) {
      cp = c & (0x3F >> (len - 1));
      for (int k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    }
    w += (cp >= 0x1100 && (cp <= 0x115F || (cp >= 0x2E80 && cp <= 0xA4CF) || (cp >= 0xAC00 && cp <= 0xD7A3) ||
                           (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFF00 && cp <= 0xFF60) ||
                           (cp >= 0x20000 && cp <= 0x3FFFD)))
             ? 2
             : 1;
    i += len;
  }
  return w;
}

std::string cell_text(const QValue& v, const Graph& g) {
  std::string s = to_text(v, g);
  for (char& c : s)
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  return s;
}

void write_table(std::ostream& out, const QueryResult& r, const Graph& g) {
  std::vector<std::vector<std::string>> cells;
  std::vector<size_t> w(r.columns.size());
  for (size_t c = 0; c < r.columns.size(); ++c) w[c] = width(r.columns[c]);
  for (const auto& row : r.rows) {
    std::vector<std::string> line;
    for (size_t c = 0; c < row.size(); ++c) {
      line.push_back(cell_text(row[c], g));
      w[c] = std::max(w[c], width(line.back()));
    }
    cells.push_back(std::move(line));
  }
  auto rule = [&] {
    out << '+';
    for (size_t c = 0; c < w.size(); ++c) out << std::string(w[c] + 2, '-') << '+';
    out << '\n';
  };
  auto line = [&](const std::vector<std::string>& xs) {
    out << '|';
    for (size_t c = 0; c < xs.size(); ++c) out << ' ' << xs[c] << std::string(w[c] - width(xs[c]), ' ') << " |";
    out << '\n';
  };
  rule();
  line(r.columns);
  rule();
  for (const auto& l : cells) line(l);
  rule();
  out << r.rows.size() << (r.rows.size() == 1 ? " row\n" : " rows\n");
}

void write_delimited(std::ostream& out, const QueryResult& r, const Graph& g, char sep) {
  auto field = [&](std::string_view s) {
    if (sep == '\t') {
      for (char c : s) out << (c == '\t' || c == '\n' || c == '\r' ? ' ' : c);
      return;
    }
    if (s.find_first_of(",\"\n\r") == std::string_view::npos) {
      out << s;
      return;
    }
    out << '"';
    for (char c : s) {
      if (c == '"') out << '"';
      out << c;
    }
    out << '"';
  };
  for (size_t c = 0; c < r.columns.size(); ++c) {
    if (c) out << sep;
    field(r.columns[c]);
  }
  out << '\n';
  for (const auto& row : r.rows) {
    for (size_t c = 0; c < row.size(); ++c) {
      if (c) out << sep;
      if (!row[c].is_null()) field(to_text(row[c], g));
    }
    out << '\n';
  }
}

}  // namespace

void write_result(std::ostream& out, const QueryResult& r, const Graph& g, ResultFormat format) {
  switch (format) {
    case ResultFormat::kTable: write_table(out, r, g); break;
    case ResultFormat::kCsv: write_delimited(out, r, g, ','); break;
    case ResultFormat::kTsv: write_delimited(out, r, g, '\t'); break;
    case ResultFormat::kJson: {
      rapidjson::OStreamWrapper os(out);
      Writer w(os);
      w.StartObject();
      w.Key("columns");
      w.StartArray();
      for (const auto& c : r.columns) write_string(w, c);
      w.EndArray();
      w.Key("rows");
      w.StartArray();
      for (const auto& row : r.rows) {
        w.StartArray();
        for (const auto& v : row) write_json(w, v, g);
        w.EndArray();
      }
      w.EndArray();
      w.EndObject();
      out << '\n';
      break;
    }
  }
}

}  // namespace kg::query
