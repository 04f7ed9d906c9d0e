#include "graph/fragment_io.h"

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <fstream>
#include <iostream>

#include "graph/error.h"
#include "graph/input_limits.h"

namespace kg {

namespace {

using Writer = rapidjson::Writer<rapidjson::StringBuffer>;

void write_string(Writer& w, std::string_view s) {
  w.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
}

void write_value(Writer& w, const Value& v) {
  switch (v.index()) {
    case 0: write_string(w, std::get<std::string>(v)); break;
    case 1: w.Int64(std::get<int64_t>(v)); break;
    case 2: w.Double(std::get<double>(v)); break;
    case 3: w.Bool(std::get<bool>(v)); break;
    default:
      w.StartArray();
      for (const auto& s : std::get<std::vector<std::string>>(v)) write_string(w, s);
      w.EndArray();
  }
}

void write_props(Writer& w, const Props& props) {
  w.StartObject();
  for (const auto& [key, value] : props) {
    write_string(w, key);
    write_value(w, value);
  }
  w.EndObject();
}

[[noreturn]] void fail(const std::string& path, uint64_t line_no, const std::string& what) {
  throw InputError::at_line(path, line_no, what);
}

std::string get_string(const rapidjson::Value& obj, const char* key, bool required,
                       const std::string& path, uint64_t line_no) {
  auto it = obj.FindMember(key);
  if (it == obj.MemberEnd() || it->value.IsNull()) {
    if (required) fail(path, line_no, std::string("missing \"") + key + "\"");
    return {};
  }
  if (!it->value.IsString()) fail(path, line_no, std::string("\"") + key + "\" must be a string");
  return std::string(it->value.GetString(), it->value.GetStringLength());
}

Props read_props(const rapidjson::Value& obj, const std::string& path, uint64_t line_no) {
  Props props;
  auto it = obj.FindMember("props");
  if (it == obj.MemberEnd() || it->value.IsNull()) return props;
  if (!it->value.IsObject()) fail(path, line_no, "\"props\" must be an object");
  for (const auto& m : it->value.GetObject()) {
    std::string key(m.name.GetString(), m.name.GetStringLength());
    const auto& v = m.value;
    if (v.IsString()) {
      props.set(key, std::string(v.GetString(), v.GetStringLength()));
    } else if (v.IsBool()) {
      props.set(key, v.GetBool());
    } else if (v.IsInt64()) {
      props.set(key, v.GetInt64());
    } else if (v.IsNumber()) {
      props.set(key, v.GetDouble());
    } else if (v.IsArray()) {
      std::vector<std::string> list;
      for (const auto& e : v.GetArray()) {
        if (!e.IsString()) fail(path, line_no, "property \"" + key + "\": lists hold strings only");
        list.emplace_back(e.GetString(), e.GetStringLength());
      }
      props.set(key, std::move(list));
    } else if (!v.IsNull()) {
      fail(path, line_no, "property \"" + key + "\" has an unsupported type");
    }
  }
  return props;
}

uint32_t get_offset(const rapidjson::Value& obj, const char* key, const std::string& path,
                    uint64_t line_no) {
  auto it = obj.FindMember(key);
  if (it == obj.MemberEnd() || !it->value.IsUint())
    fail(path, line_no, std::string("\"") + key + "\" must be a non-negative integer");
  return it->value.GetUint();
}

const rapidjson::Value& get_array(const rapidjson::Value& obj, const char* key,
                                  const std::string& path, uint64_t line_no) {
  static const rapidjson::Value empty(rapidjson::kArrayType);
  auto it = obj.FindMember(key);
  if (it == obj.MemberEnd() || it->value.IsNull()) return empty;
  if (!it->value.IsArray()) fail(path, line_no, std::string("\"") + key + "\" must be an array");
  return it->value;
}

}  // namespace

std::string fragment_to_json(const Fragment& f, bool with_text) {
  rapidjson::StringBuffer buf;
  Writer w(buf);
  w.StartObject();
  w.Key("doc");
  write_string(w, f.doc);
  if (!f.title.empty()) { w.Key("title"); write_string(w, f.title); }
  if (!f.date.empty()) { w.Key("date"); write_string(w, f.date); }
  if (!f.url.empty()) { w.Key("url"); write_string(w, f.url); }
  if (with_text) { w.Key("text"); write_string(w, f.text); }
  w.Key("entities");
  w.StartArray();
  for (const auto& e : f.entities) {
    w.StartObject();
    w.Key("id"); write_string(w, e.id);
    w.Key("type"); write_string(w, to_string(e.type));
    w.Key("name"); write_string(w, e.name);
    w.Key("aliases");
    w.StartArray();
    for (const auto& a : e.aliases) write_string(w, a);
    w.EndArray();
    w.Key("props"); write_props(w, e.props);
    w.Key("mentions");
    w.StartArray();
    for (const auto& m : e.mentions) {
      w.StartObject();
      w.Key("start"); w.Uint(m.start);
      w.Key("end"); w.Uint(m.end);
      w.Key("rule"); write_string(w, m.rule);
      w.EndObject();
    }
    w.EndArray();
    w.EndObject();
  }
  w.EndArray();
  w.Key("relations");
  w.StartArray();
  for (const auto& r : f.relations) {
    w.StartObject();
    w.Key("type"); write_string(w, to_string(r.type));
    w.Key("source"); write_string(w, r.source);
    w.Key("target"); write_string(w, r.target);
    w.Key("props"); write_props(w, r.props);
    w.Key("evidence");
    w.StartArray();
    for (const auto& ev : r.evidence) {
      w.StartObject();
      w.Key("start"); w.Uint(ev.start);
      w.Key("end"); w.Uint(ev.end);
      w.Key("text"); write_string(w, ev.text);
      w.Key("rule"); write_string(w, ev.rule);
      w.EndObject();
    }
    w.EndArray();
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  return std::string(buf.GetString(), buf.GetSize());
}

Fragment fragment_from_json(std::string_view line, const std::string& path, uint64_t line_no) {
  // RapidJSON's parser recurses per level: refuse hostile nesting first.
  if (size_t deep = find_json_too_deep(line); deep != std::string_view::npos)
    throw LimitError(path + ":" + std::to_string(line_no) + ": byte " + std::to_string(deep) +
                     ": JSON nested deeper than " + std::to_string(kMaxJsonDepth) + " levels");
  rapidjson::Document d;
  // kParseStopWhenDoneFlag is not set: trailing garbage on a line is an error.
  d.Parse<rapidjson::kParseDefaultFlags>(line.data(), line.size());
  if (d.HasParseError()) {
    fail(path, line_no,
         "byte " + std::to_string(d.GetErrorOffset()) + ": " + rapidjson::GetParseError_En(d.GetParseError()));
  }
  if (!d.IsObject()) fail(path, line_no, "a fragment must be a JSON object");
  Fragment f;
  f.doc = get_string(d, "doc", true, path, line_no);
  f.title = get_string(d, "title", false, path, line_no);
  f.date = get_string(d, "date", false, path, line_no);
  f.url = get_string(d, "url", false, path, line_no);
  f.text = get_string(d, "text", false, path, line_no);
  for (const auto& je : get_array(d, "entities", path, line_no).GetArray()) {
    if (!je.IsObject()) fail(path, line_no, "an entity must be an object");
    FragmentEntity e;
    e.id = get_string(je, "id", true, path, line_no);
    std::string type = get_string(je, "type", true, path, line_no);
    auto label = parse_label(type);
    if (!label) fail(path, line_no, "entity " + e.id + ": unknown type \"" + type + "\"");
    e.type = *label;
    e.name = get_string(je, "name", true, path, line_no);
    for (const auto& a : get_array(je, "aliases", path, line_no).GetArray()) {
      if (!a.IsString()) fail(path, line_no, "entity " + e.id + ": aliases must be strings");
      e.aliases.emplace_back(a.GetString(), a.GetStringLength());
    }
    e.props = read_props(je, path, line_no);
    for (const auto& jm : get_array(je, "mentions", path, line_no).GetArray()) {
      if (!jm.IsObject()) fail(path, line_no, "a mention must be an object");
      Mention m;
      m.start = get_offset(jm, "start", path, line_no);
      m.end = get_offset(jm, "end", path, line_no);
      m.rule = get_string(jm, "rule", false, path, line_no);
      e.mentions.push_back(std::move(m));
    }
    f.entities.push_back(std::move(e));
  }
  for (const auto& jr : get_array(d, "relations", path, line_no).GetArray()) {
    if (!jr.IsObject()) fail(path, line_no, "a relation must be an object");
    FragmentRelation r;
    std::string type = get_string(jr, "type", true, path, line_no);
    auto rel = parse_rel_type(type);
    if (!rel) fail(path, line_no, "unknown relation type \"" + type + "\"");
    r.type = *rel;
    r.source = get_string(jr, "source", true, path, line_no);
    r.target = get_string(jr, "target", true, path, line_no);
    bool have_source = false, have_target = false;
    for (const auto& e : f.entities) {
      have_source |= e.id == r.source;
      have_target |= e.id == r.target;
    }
    if (!have_source || !have_target)
      fail(path, line_no, type + " relation names an entity id that the fragment does not define");
    r.props = read_props(jr, path, line_no);
    for (const auto& jv : get_array(jr, "evidence", path, line_no).GetArray()) {
      if (!jv.IsObject()) fail(path, line_no, "evidence must be an object");
      EvidenceSpan ev;
      ev.start = get_offset(jv, "start", path, line_no);
      ev.end = get_offset(jv, "end", path, line_no);
      ev.text = get_string(jv, "text", false, path, line_no);
      ev.rule = get_string(jv, "rule", false, path, line_no);
      r.evidence.push_back(std::move(ev));
    }
    f.relations.push_back(std::move(r));
  }
  return f;
}

FragmentReader::FragmentReader(const std::string& path) : path_(path) {
  if (path == "-") {
    in_ = &std::cin;
    owned_ = false;
    path_ = "<stdin>";
  } else {
    auto* file = new std::ifstream(path, std::ios::binary);
    if (!*file) {
      delete file;
      throw IoError(path + ": cannot open for reading");
    }
    in_ = file;
    owned_ = true;
  }
}

FragmentReader::~FragmentReader() {
  if (owned_) delete in_;
}

bool FragmentReader::next(Fragment& out) {
  uint64_t line_bytes = 0;
  // Bounded, so a file without newlines cannot take all memory.
  for (LineStatus status;
       (status = read_bounded_line(*in_, line_, kMaxFragmentLineBytes, line_bytes)) !=
       LineStatus::kEnd;) {
    ++line_no_;
    if (status == LineStatus::kTooLong)
      throw LimitError(path_ + ":" + std::to_string(line_no_) + ": a line of more than " +
                       std::to_string(kMaxFragmentLineBytes) + " bytes, not a fragment");
    if (line_.find_first_not_of(" \t\r") == std::string::npos) continue;
    out = fragment_from_json(line_, path_, line_no_);
    return true;
  }
  if (in_->bad()) throw IoError(path_ + ": read error");
  return false;
}

}  // namespace kg
