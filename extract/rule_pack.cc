// Reading rule packs. The format is line based so that a pack reads like a
// table and a diff shows one rule per line:
//
//   pack <name> <version>
//   define <NAME> <regex>                      macro, used as {NAME}
//   list <id> <priority> [Label] [k=v ...]     then indented entries
//   gazetteer <id> <priority> <Label> [k=v ...] then indented entries
//     Canonical | alias | alias ; k=v ; k=v
//   entity <id> <priority> <Label> [k=v ...] : <regex>
//   relation <id> <priority> <TYPE> [k=v ...] : <regex>
//   skip <id> <priority> : <regex>
//
// Macros ({NAME}, {list:id}) are expanded after every directory is read, so
// an override of a define or a list reaches every pattern that uses it.
#include "extract/rule_pack.h"

#include <re2/re2.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "graph/error.h"

namespace kg::rules {
namespace {

constexpr int kMaxMacroDepth = 16;
// Macros may each use another several times, so expansion can grow
// exponentially with the depth (8 uses over 15 levels: 10^13 bytes). No real
// pattern comes near this; re2 would refuse it anyway (the matchers' 64 MiB
// bound on a compiled pattern).
constexpr size_t kMaxExpandedBytes = 1 << 20;

struct Define {
  std::string value;
  Origin origin;
};

struct Loader {
  RuleSet set;
  std::map<std::string, Define> defines;
  // id -> directory index it was loaded from, for duplicate detection.
  std::map<std::string, int> seen;
  int dir_index = 0;

  [[noreturn]] void fail(const Origin& o, const std::string& id, const std::string& what) {
    throw rule_error(o, id, what);
  }

  // Registers `id`; returns true when it replaces a rule of an earlier dir.
  bool claim(const std::string& id, const Origin& o) {
    auto it = seen.find(id);
    if (it == seen.end()) {
      seen[id] = dir_index;
      return false;
    }
    if (it->second == dir_index) fail(o, id, "duplicate rule id");
    it->second = dir_index;
    return true;
  }

  template <typename T>
  void put(std::vector<T>& rules, T rule, bool replaces) {
    if (replaces) {
      // An override may change the kind of rule; drop the id everywhere.
      auto drop = [&](auto& v) {
        v.erase(std::remove_if(v.begin(), v.end(), [&](const auto& r) { return r.id == rule.id; }),
                v.end());
      };
      drop(set.lists);
      drop(set.entities);
      drop(set.relations);
      drop(set.skips);
    }
    rules.push_back(std::move(rule));
  }

  void parse(const std::string& text, const std::string& file);
  void expand_all();
  std::string expand(const std::string& pattern, const Origin& o, const std::string& id, int depth);
};

std::string trim(std::string s) {
  size_t b = s.find_first_not_of(" \t\r");
  if (b == std::string::npos) return "";
  size_t e = s.find_last_not_of(" \t\r");
  return s.substr(b, e - b + 1);
}

std::vector<std::string> words(const std::string& s) {
  std::istringstream in(s);
  std::vector<std::string> out;
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : s) {
    if (c == sep) {
      out.push_back(trim(cur));
      cur.clear();
    } else {
      cur += c;
    }
  }
  out.push_back(trim(cur));
  return out;
}

void Loader::parse(const std::string& text, const std::string& file) {
  std::istringstream in(text);
  std::string line;
  int line_no = 0;
  bool have_pack = false;
  ListRule* open_list = nullptr;
  while (std::getline(in, line)) {
    ++line_no;
    Origin o{file, line_no};
    if (!line.empty() && line.back() == '\r') line.pop_back();
    std::string t = trim(line);
    if (t.empty() || t[0] == '#') continue;
    bool indented = line[0] == ' ' || line[0] == '\t';
    if (indented) {
      if (open_list == nullptr) fail(o, "", "entry outside a list or gazetteer");
      auto parts = split(t, ';');
      ListEntry entry;
      for (auto& n : split(parts[0], '|'))
        if (!n.empty()) entry.names.push_back(n);
      if (entry.names.empty()) fail(o, open_list->id, "entry without a name");
      for (size_t i = 1; i < parts.size(); ++i) {
        auto eq = parts[i].find('=');
        if (eq == std::string::npos)
          fail(o, open_list->id, "entry property without '=': " + parts[i]);
        entry.props[trim(parts[i].substr(0, eq))] = trim(parts[i].substr(eq + 1));
      }
      open_list->entries.push_back(std::move(entry));
      continue;
    }
    open_list = nullptr;
    // Head and pattern are separated by " : " (patterns may contain ':').
    std::string head = t, pattern;
    auto colon = t.find(" : ");
    if (colon != std::string::npos) {
      head = t.substr(0, colon);
      pattern = trim(t.substr(colon + 3));
    }
    auto w = words(head);
    // trim() keeps \v and \f, words() splits on them: such a line is blank.
    if (w.empty()) {
      if (pattern.empty()) continue;
      fail(o, "", "a pattern without a rule head");
    }
    const std::string& kind = w[0];
    if (kind == "pack") {
      if (w.size() != 3) fail(o, "", "expected 'pack <name> <version>'");
      have_pack = true;
      continue;
    }
    if (!have_pack) fail(o, "", "a pack must start with 'pack <name> <version>'");
    if (kind == "define") {
      auto ws = words(t);
      if (ws.size() < 3) fail(o, "", "expected 'define <NAME> <regex>'");
      std::string value = trim(t.substr(t.find(ws[1]) + ws[1].size()));
      defines[ws[1]] = Define{value, o};
      continue;
    }
    if (w.size() < 3)
      fail(o, w.size() > 1 ? w[1] : "", "expected '" + kind + " <id> <priority> ...'");
    const std::string& id = w[1];
    int priority = 0;
    try {
      size_t used = 0;
      priority = std::stoi(w[2], &used);
      if (used != w[2].size()) throw std::invalid_argument("");
    } catch (const std::exception&) {
      fail(o, id, "priority is not an integer: " + w[2]);
    }
    Options opts;
    std::vector<std::string> positional;
    for (size_t i = 3; i < w.size(); ++i) {
      auto eq = w[i].find('=');
      if (eq == std::string::npos)
        positional.push_back(w[i]);
      else
        opts[w[i].substr(0, eq)] = w[i].substr(eq + 1);
    }
    auto need_pattern = [&] {
      if (pattern.empty()) fail(o, id, "missing ' : <pattern>'");
    };
    if (kind == "list" || kind == "gazetteer") {
      ListRule r{id, priority, kind == "gazetteer", std::nullopt, opts, {}, o};
      if (!positional.empty()) {
        r.label = parse_label(positional[0]);
        if (!r.label) fail(o, id, "unknown label '" + positional[0] + "'");
      } else if (r.gazetteer) {
        fail(o, id, "a gazetteer needs a label");
      }
      bool replaces = claim(id, o);
      put(set.lists, std::move(r), replaces);
      open_list = &set.lists.back();
    } else if (kind == "entity") {
      need_pattern();
      if (positional.empty()) fail(o, id, "missing label");
      auto label = parse_label(positional[0]);
      if (!label) fail(o, id, "unknown label '" + positional[0] + "'");
      bool replaces = claim(id, o);
      put(set.entities, EntityRule{id, priority, *label, opts, pattern, o}, replaces);
    } else if (kind == "relation") {
      need_pattern();
      if (positional.empty()) fail(o, id, "missing relation type");
      auto type = parse_rel_type(positional[0]);
      if (!type) fail(o, id, "unknown relation type '" + positional[0] + "'");
      bool replaces = claim(id, o);
      put(set.relations, RelationRule{id, priority, *type, opts, pattern, o}, replaces);
    } else if (kind == "skip") {
      need_pattern();
      bool replaces = claim(id, o);
      put(set.skips, SkipRule{id, priority, pattern, o}, replaces);
    } else {
      fail(o, id, "unknown directive '" + kind + "'");
    }
  }
}

std::string Loader::expand(const std::string& p, const Origin& o, const std::string& id,
                           int depth) {
  if (depth > kMaxMacroDepth) fail(o, id, "macros nested too deeply");
  std::string out;
  for (size_t i = 0; i < p.size(); ++i) {
    if (p[i] == '\\' && i + 1 < p.size()) {
      // \p{Lu}: a Unicode class, not a macro.
      if ((p[i + 1] == 'p' || p[i + 1] == 'P') && i + 2 < p.size() && p[i + 2] == '{') {
        size_t close = p.find('}', i);
        if (close != std::string::npos) {
          out += p.substr(i, close - i + 1);
          i = close;
          continue;
        }
      }
      out += p.substr(i, 2);
      ++i;
      continue;
    }
    if (p[i] == '{') {
      size_t close = p.find('}', i);
      std::string name = close == std::string::npos ? "" : p.substr(i + 1, close - i - 1);
      bool is_macro =
          !name.empty() && (std::isalpha(static_cast<unsigned char>(name[0])) || name[0] == '_');
      if (is_macro) {
        if (name.rfind("list:", 0) == 0) {
          const ListRule* list = set.find_list(name.substr(5));
          if (list == nullptr) fail(o, id, "unknown list '" + name.substr(5) + "'");
          out += "(?:" + list_alternation(*list) + ")";
        } else {
          auto it = defines.find(name);
          if (it == defines.end()) fail(o, id, "unknown macro '{" + name + "}'");
          out += "(?:" + expand(it->second.value, o, id, depth + 1) + ")";
        }
        if (out.size() > kMaxExpandedBytes)
          fail(o, id,
               "pattern longer than " + std::to_string(kMaxExpandedBytes) +
                   " bytes after macro expansion");
        i = close;
        continue;
      }
    }
    out += p[i];
  }
  return out;
}

void Loader::expand_all() {
  for (auto& r : set.entities) {
    r.pattern = expand(r.pattern, r.origin, r.id, 0);
    if (auto it = r.options.find("heads");
        it != r.options.end() && set.find_list(it->second) == nullptr)
      fail(r.origin, r.id, "heads= names unknown list '" + it->second + "'");
  }
  // Label filters of relation rules must name labels.
  for (const auto& r : set.relations)
    for (const char* key : {"src", "dst", "pair"}) {
      auto it = r.options.find(key);
      if (it == r.options.end()) continue;
      for (const auto& l : split(it->second, ','))
        if (!parse_label(l)) fail(r.origin, r.id, "unknown label '" + l + "' in " + key + "=");
    }
  for (auto& r : set.relations) {
    r.pattern = expand(r.pattern, r.origin, r.id, 0);
  }
  for (auto& r : set.skips) {
    r.pattern = expand(r.pattern, r.origin, r.id, 0);
  }
}

}  // namespace

const ListRule* RuleSet::find_list(const std::string& id) const {
  for (const auto& l : lists)
    if (l.id == id) return &l;
  return nullptr;
}

std::string list_alternation(const ListRule& list) {
  std::vector<std::string> names;
  for (const auto& e : list.entries)
    for (const auto& n : e.names) names.push_back(n);
  std::sort(names.begin(), names.end(), [](const std::string& a, const std::string& b) {
    return a.size() != b.size() ? a.size() > b.size() : a < b;
  });
  names.erase(std::unique(names.begin(), names.end()), names.end());
  std::string out;
  for (const auto& n : names) {
    if (!out.empty()) out += '|';
    out += RE2::QuoteMeta(n);
  }
  return out.empty() ? "[^\\x00-\\x{10FFFF}]" : out;
}

InputError rule_error(const Origin& o, const std::string& id, const std::string& what) {
  std::string msg = o.file + ":" + std::to_string(o.line) + ": ";
  if (!id.empty()) msg += "rule " + id + ": ";
  return InputError(msg + what);
}

RuleSet load_rule_packs(const std::vector<std::string>& dirs) {
  namespace fs = std::filesystem;
  Loader loader;
  for (const auto& dir : dirs) {
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) throw InputError(dir + ": not a directory of rule packs");
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(dir))
      if (entry.path().extension() == ".rules") files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    for (const auto& f : files) {
      std::ifstream in(f, std::ios::binary);
      if (!in) throw IoError(f.string() + ": cannot open");
      std::stringstream buf;
      buf << in.rdbuf();
      loader.parse(buf.str(), f.string());
    }
    ++loader.dir_index;
  }
  loader.expand_all();
  return std::move(loader.set);
}

}  // namespace kg::rules
