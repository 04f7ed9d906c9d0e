#include "graph/import.h"

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "graph/error.h"
#include "graph/import_parts.h"

namespace kg {

Graph import_json(const std::string& path);
Graph import_csv(const std::string& dir);

std::optional<ImportFormat> parse_import_format(std::string_view name) {
  if (name == "csv") return ImportFormat::kCsv;
  if (name == "json") return ImportFormat::kJson;
  return std::nullopt;
}

Graph import_graph(const std::string& path, const ImportOptions& options) {
  switch (options.format) {
    case ImportFormat::kCsv:
      return import_csv(path);
    case ImportFormat::kJson:
      break;
  }
  return import_json(path);
}

namespace detail {

std::string read_whole_file(const std::string& path) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) throw IoError(path + ": cannot open: " + std::strerror(errno));
  std::string data;
  char buf[1 << 16];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) data.append(buf, n);
  bool bad = std::ferror(f);
  std::fclose(f);
  if (bad) throw IoError(path + ": read failed");
  return data;
}

namespace {
[[noreturn]] void fail(const std::string& where, const std::string& what) {
  throw InputError(where + ": " + what);
}

std::string_view get_str(const rapidjson::Value& o, const char* key, const std::string& where) {
  auto it = o.FindMember(key);
  if (it == o.MemberEnd() || !it->value.IsString())
    fail(where, std::string("\"") + key + "\" must be a string");
  return {it->value.GetString(), it->value.GetStringLength()};
}

uint32_t get_u32(const rapidjson::Value& o, const char* key, const std::string& where) {
  auto it = o.FindMember(key);
  if (it == o.MemberEnd() || !it->value.IsUint())
    fail(where, std::string("\"") + key + "\" must be a non-negative integer below 2^32");
  return it->value.GetUint();
}
}  // namespace

std::vector<NodeMention> parse_mentions(const rapidjson::Value& v, Graph& g,
                                        const std::string& where) {
  if (!v.IsArray()) fail(where, "\"mentions\" must be an array");
  std::vector<NodeMention> out;
  out.reserve(v.Size());
  for (rapidjson::SizeType i = 0; i < v.Size(); ++i) {
    std::string w = where + ": mentions[" + std::to_string(i) + "]";
    const auto& m = v[i];
    if (!m.IsObject()) fail(w, "must be an object");
    NodeMention nm;
    nm.doc = g.intern(get_str(m, "doc", w));
    nm.start = get_u32(m, "start", w);
    nm.end = get_u32(m, "end", w);
    nm.rule = g.intern(get_str(m, "rule", w));
    out.push_back(nm);
  }
  return out;
}

std::vector<EdgeEvidence> parse_evidence(const rapidjson::Value& v, Graph& g,
                                         const std::string& where) {
  if (!v.IsArray()) fail(where, "\"evidence\" must be an array");
  std::vector<EdgeEvidence> out;
  out.reserve(v.Size());
  for (rapidjson::SizeType i = 0; i < v.Size(); ++i) {
    std::string w = where + ": evidence[" + std::to_string(i) + "]";
    const auto& m = v[i];
    if (!m.IsObject()) fail(w, "must be an object");
    EdgeEvidence ev;
    ev.doc = g.intern(get_str(m, "doc", w));
    ev.start = get_u32(m, "start", w);
    ev.end = get_u32(m, "end", w);
    ev.text = g.intern(get_str(m, "text", w));
    ev.rule = g.intern(get_str(m, "rule", w));
    out.push_back(ev);
  }
  return out;
}

std::vector<std::string> parse_string_list(const rapidjson::Value& v, const std::string& where) {
  if (!v.IsArray()) fail(where, "must be an array of strings");
  std::vector<std::string> out;
  out.reserve(v.Size());
  for (const auto& s : v.GetArray()) {
    if (!s.IsString()) fail(where, "must be an array of strings");
    out.emplace_back(s.GetString(), s.GetStringLength());
  }
  return out;
}

bool parse_value(const rapidjson::Value& v, Value& out, const std::string& where) {
  if (v.IsNull()) return false;
  if (v.IsString()) {
    out = std::string(v.GetString(), v.GetStringLength());
  } else if (v.IsBool()) {
    out = v.GetBool();
  } else if (v.IsInt64()) {
    out = v.GetInt64();
  } else if (v.IsNumber()) {
    out = v.GetDouble();
  } else if (v.IsArray()) {
    out = parse_string_list(v, where);
  } else {
    fail(where, "a property value must be a string, number, boolean or array of strings");
  }
  return true;
}

void parse_json_text(rapidjson::Document& doc, std::string_view text, const std::string& where) {
  doc.Parse<rapidjson::kParseFullPrecisionFlag | rapidjson::kParseNanAndInfFlag>(text.data(),
                                                                                 text.size());
  if (doc.HasParseError())
    fail(where, "bad JSON at character " + std::to_string(doc.GetErrorOffset()));
}

}  // namespace detail
}  // namespace kg
