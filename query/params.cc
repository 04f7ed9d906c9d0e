#include "query/params.h"

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "graph/error.h"

namespace kg::query {

namespace {

QValue from_json(const rapidjson::Value& v) {
  if (v.IsNull()) return {};
  if (v.IsBool()) return QValue(v.GetBool());
  if (v.IsInt64()) return QValue(v.GetInt64());
  if (v.IsNumber()) return QValue(v.GetDouble());
  if (v.IsString()) return QValue(std::string(v.GetString(), v.GetStringLength()));
  if (v.IsArray()) {
    List l;
    for (const auto& e : v.GetArray()) l.push_back(from_json(e));
    return QValue(std::move(l));
  }
  Map m;
  for (const auto& [k, e] : v.GetObject()) m.emplace_back(std::string(k.GetString(), k.GetStringLength()), from_json(e));
  std::sort(m.begin(), m.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  return QValue(std::move(m));
}

}  // namespace

QValue parse_param_value(const std::string& text) {
  rapidjson::Document d;
  d.Parse<rapidjson::kParseIterativeFlag>(text.c_str(), text.size());
  if (!d.HasParseError()) return from_json(d);
  return QValue(text);
}

void read_params_file(const std::string& path, Params& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw IoError(path + ": cannot open");
  std::stringstream ss;
  ss << in.rdbuf();
  std::string text = ss.str();
  rapidjson::Document d;
  d.Parse<rapidjson::kParseIterativeFlag>(text.c_str(), text.size());
  if (d.HasParseError())
    throw InputError::at_offset(path, d.GetErrorOffset(), rapidjson::GetParseError_En(d.GetParseError()));
  if (!d.IsObject()) throw InputError(path + ": expected a JSON object of parameters");
  for (const auto& [k, v] : d.GetObject()) out[std::string(k.GetString(), k.GetStringLength())] = from_json(v);
}

}  // namespace kg::query
