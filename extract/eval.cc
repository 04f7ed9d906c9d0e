#include "extract/eval.h"

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "graph/error.h"
#include "graph/normalize.h"
#include "graph/ontology.h"

namespace kg {

namespace {

std::string str(const rapidjson::Value& v, const char* key, const std::string& where) {
  auto it = v.FindMember(key);
  if (it == v.MemberEnd() || !it->value.IsString())
    throw InputError(where + ": \"" + key + "\" missing or not a string");
  return it->value.GetString();
}

bool symmetric(const std::string& type) {
  auto t = parse_rel_type(type);
  return t && is_symmetric(*t);
}

// A gold entity as the set of normalised names it answers to.
struct GoldKey {
  std::string type;
  std::set<std::string> names;
  bool has(const std::string& t, const std::string& n) const {
    return (type.empty() || t == type) && names.count(n);
  }
};

}  // namespace

std::string source_file(const std::string& doc) {
  size_t hash = doc.rfind('#');
  if (hash == std::string::npos || hash + 1 == doc.size()) return doc;
  for (size_t i = hash + 1; i < doc.size(); ++i)
    if (doc[i] < '0' || doc[i] > '9') return doc;
  return doc.substr(0, hash);
}

GoldFile load_gold_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw IoError(path + ": cannot open");
  std::stringstream ss;
  ss << in.rdbuf();
  std::string data = ss.str();
  rapidjson::Document d;
  d.Parse(data.data(), data.size());
  if (d.HasParseError())
    throw InputError::at_offset(path, d.GetErrorOffset(),
                                rapidjson::GetParseError_En(d.GetParseError()));
  if (!d.IsObject()) throw InputError(path + ": not a JSON object");
  GoldFile g;
  g.doc = str(d, "doc", path);
  if (d.HasMember("entities") && d["entities"].IsArray())
    for (const auto& e : d["entities"].GetArray()) {
      GoldEntity ge{str(e, "type", path), str(e, "name", path), {}};
      if (e.HasMember("aliases") && e["aliases"].IsArray())
        for (const auto& a : e["aliases"].GetArray())
          if (a.IsString()) ge.aliases.emplace_back(a.GetString());
      g.entities.push_back(std::move(ge));
    }
  if (d.HasMember("relations") && d["relations"].IsArray())
    for (const auto& r : d["relations"].GetArray())
      g.relations.push_back({str(r, "type", path), str(r, "source", path), str(r, "target", path)});
  return g;
}

std::vector<GoldFile> load_gold_dir(const std::string& dir) {
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) throw IoError(dir + ": not a directory");
  std::vector<std::string> paths;
  for (const auto& e : std::filesystem::directory_iterator(dir))
    if (e.path().extension() == ".json") paths.push_back(e.path().string());
  std::sort(paths.begin(), paths.end());
  std::vector<GoldFile> out;
  for (const auto& p : paths) out.push_back(load_gold_file(p));
  return out;
}

Evaluator::Evaluator(std::vector<GoldFile> gold) : gold_(std::move(gold)) {}

void Evaluator::add(const Fragment& f) {
  Predicted& p = predicted_[source_file(f.doc)];
  std::map<std::string, const FragmentEntity*> by_id;
  for (const auto& e : f.entities) {
    by_id[e.id] = &e;
    p.entities.emplace_back(std::string(to_string(e.type)), e.name);
  }
  for (const auto& r : f.relations) {
    auto s = by_id.find(r.source), t = by_id.find(r.target);
    if (s == by_id.end() || t == by_id.end()) continue;
    p.relations.push_back({std::string(to_string(r.type)), std::string(to_string(s->second->type)),
                           s->second->name, std::string(to_string(t->second->type)),
                           t->second->name});
  }
}

EvalReport Evaluator::finish() const {
  EvalReport rep;
  std::map<std::string, const GoldFile*> gold_by_file;
  for (const auto& g : gold_) gold_by_file[g.doc] = &g;
  std::set<std::string> files;
  for (const auto& g : gold_) files.insert(g.doc);
  for (const auto& [file, p] : predicted_) files.insert(file);
  static const Predicted kNone;
  static const GoldFile kNoGold;
  for (const auto& file : files) {
    auto pit = predicted_.find(file);
    const Predicted& pred = pit == predicted_.end() ? kNone : pit->second;
    auto git = gold_by_file.find(file);
    const GoldFile& gold = git == gold_by_file.end() ? kNoGold : *git->second;

    std::vector<GoldKey> keys;
    std::map<std::string, size_t> by_name;
    for (const auto& e : gold.entities) {
      GoldKey k{e.type, {normalize_name(e.name)}};
      for (const auto& a : e.aliases) k.names.insert(normalize_name(a));
      by_name.emplace(e.name, keys.size());
      keys.push_back(std::move(k));
    }
    // Entities: an unmatched gold entity first; a second match is a FP.
    std::vector<bool> matched(keys.size(), false);
    for (const auto& [type, name] : pred.entities) {
      std::string n = normalize_name(name);
      bool tp = false;
      for (size_t i = 0; i < keys.size() && !tp; ++i)
        if (!matched[i] && keys[i].has(type, n)) matched[i] = tp = true;
      Score& s = rep.entity_types[type];
      if (tp)
        ++s.tp, ++rep.entities.tp;
      else
        ++s.fp, ++rep.entities.fp, rep.misses.push_back({file, true, false, type, name});
    }
    for (size_t i = 0; i < keys.size(); ++i)
      if (!matched[i]) {
        ++rep.entity_types[keys[i].type].fn, ++rep.entities.fn;
        rep.misses.push_back({file, false, false, keys[i].type, gold.entities[i].name});
      }
    // Relations: endpoints by type and name, as entities match.
    auto endpoint = [&](const std::string& name) {
      auto it = by_name.find(name);
      return it == by_name.end() ? GoldKey{"", {normalize_name(name)}} : keys[it->second];
    };
    std::vector<std::pair<GoldKey, GoldKey>> ends;
    for (const auto& r : gold.relations) ends.emplace_back(endpoint(r.source), endpoint(r.target));
    std::vector<bool> rmatched(gold.relations.size(), false);
    for (const auto& r : pred.relations) {
      std::string s = normalize_name(r.source), t = normalize_name(r.target);
      bool tp = false;
      for (size_t i = 0; i < gold.relations.size() && !tp; ++i) {
        if (rmatched[i] || gold.relations[i].type != r.type) continue;
        const auto& [gs, gt] = ends[i];
        bool forward = gs.has(r.source_type, s) && gt.has(r.target_type, t);
        bool backward = symmetric(r.type) && gs.has(r.target_type, t) && gt.has(r.source_type, s);
        if (forward || backward) rmatched[i] = tp = true;
      }
      Score& sc = rep.relation_types[r.type];
      if (tp)
        ++sc.tp, ++rep.relations.tp;
      else
        ++sc.fp, ++rep.relations.fp,
            rep.misses.push_back({file, true, true, r.type, r.source + " -> " + r.target});
    }
    for (size_t i = 0; i < gold.relations.size(); ++i)
      if (!rmatched[i]) {
        const auto& g = gold.relations[i];
        ++rep.relation_types[g.type].fn, ++rep.relations.fn;
        rep.misses.push_back({file, false, true, g.type, g.source + " -> " + g.target});
      }
  }
  return rep;
}

}  // namespace kg
