// Reads node-link JSON (export_json.cc's layout, or any NetworkX
// node_link_data output whose nodes carry a kg "label" and links a kg
// "type") into a Graph. Nodes are numbered in file order, links appended in
// file order, so a kg export comes back with the same ids.
//
// Read with RapidJSON's SAX reader as graph_file_load.cc reads graph files:
// the Graph is built while the file (mapped, not copied) streams past, so
// no DOM of it is ever held (a DOM of a 5M-edge export is several GiB, and
// zeroing its pages was most of the import's time). The
// handler keeps a stack of frames, one per open object or array, each
// knowing what it holds.
//
// Errors keep their precedence: nesting deeper than kMaxJsonDepth and JSON
// syntax errors are reported before any problem with a record. So a bad
// record is remembered and the parse goes on to the end, only checking
// depth, and its error is thrown if the JSON itself was fine.
#include <limits>
#include <cmath>
#include <charconv>
#include <rapidjson/error/en.h>
#include <rapidjson/reader.h>

#include <exception>
#include <optional>
#include <unordered_map>

#include "graph/error.h"
#include "graph/import_parts.h"
#include "graph/input_limits.h"

namespace kg {

namespace {

// One scalar JSON value as the reader reported it, typed as the DOM would.
struct Scalar {
  enum Kind { kNull, kBool, kInt, kUint, kInt64, kUint64, kDouble, kString } kind;
  bool b = false;
  int64_t i = 0;
  uint64_t u = 0;
  double d = 0;
  std::string_view s;

  bool is_string() const { return kind == kString; }
  // RapidJSON reports a non-negative number below 2^32 through Uint().
  bool is_uint() const { return kind == kUint; }
  bool is_int64() const {
    return kind == kInt || kind == kUint || kind == kInt64 || (kind == kUint64 && u <= INT64_MAX);
  }
  int64_t as_int64() const {
    return (kind == kInt || kind == kInt64) ? i : static_cast<int64_t>(u);
  }
  bool is_number() const { return kind >= kInt && kind <= kDouble; }
  double as_double() const {
    switch (kind) {
      case kInt:
      case kInt64:
        return static_cast<double>(i);
      case kDouble:
        return d;
      default:
        return static_cast<double>(u);
    }
  }
};

// A node id as written: an integer or a string.
struct RawId {
  bool is_int = true;
  int64_t i = 0;
  std::string s;
  std::string text() const { return is_int ? std::to_string(i) : s; }
};

bool to_raw_id(const Scalar& v, RawId& out) {
  if (v.is_int64()) {
    out.is_int = true;
    out.i = v.as_int64();
    return true;
  }
  if (!v.is_string()) return false;
  out.is_int = false;
  out.s.assign(v.s);
  return true;
}

// Node ids as NetworkX writes them: integers or strings. kg's own exports
// number nodes 0, 1, 2, ... in order, which needs no map at all.
class IdMap {
 public:
  // False when the id is taken.
  bool add(const RawId& v, NodeId id) {
    if (v.is_int && identity_ && v.i == static_cast<int64_t>(id)) return true;
    if (identity_) {  // leave the fast path: fill the map with 0..id-1
      for (NodeId k = 0; k < id; ++k) ints_.emplace(k, k);
      identity_ = false;
    }
    if (v.is_int) return ints_.emplace(v.i, id).second;
    return strings_.emplace(v.s, id).second;
  }
  std::optional<NodeId> find(const RawId& v, size_t count) const {
    if (v.is_int) {
      if (identity_) {
        if (v.i >= 0 && static_cast<size_t>(v.i) < count) return static_cast<NodeId>(v.i);
        return std::nullopt;
      }
      auto it = ints_.find(v.i);
      if (it != ints_.end()) return it->second;
      return std::nullopt;
    }
    auto it = strings_.find(v.s);
    if (it != strings_.end()) return it->second;
    return std::nullopt;
  }

 private:
  bool identity_ = true;
  std::unordered_map<int64_t, NodeId> ints_;
  std::unordered_map<std::string, NodeId> strings_;
};

std::string prop_key(std::string_view key) {
  if (key.starts_with("prop.")) key.remove_prefix(5);
  return std::string(key);
}

// The member names the importer looks for, told apart once per key rather
// than by a chain of string compares per value.
enum class Known : uint8_t {
  kOther,
  kNodes,
  kLinks,
  kEdges,  // root
  kId,
  kLabel,
  kName,
  kAliases,
  kMentions,  // node
  kSource,
  kTarget,
  kType,
  kEvidence,
  kKey,
  kCount,
  kDocs,  // link
  kDoc,
  kStart,
  kEnd,
  kText,
  kRule,  // provenance
};

Known classify(std::string_view k) {
  auto is = [&](std::string_view name, Known known) { return k == name ? known : Known::kOther; };
  switch (k.size()) {
    case 2:
      return is("id", Known::kId);
    case 3:
      return k[0] == 'e'   ? is("end", Known::kEnd)
             : k[0] == 'k' ? is("key", Known::kKey)
                           : is("doc", Known::kDoc);
    case 4:
      switch (k[0]) {
        case 'n':
          return is("name", Known::kName);
        case 't':
          return k[1] == 'y' ? is("type", Known::kType) : is("text", Known::kText);
        case 'd':
          return is("docs", Known::kDocs);
        default:
          return is("rule", Known::kRule);
      }
    case 5:
      switch (k[0]) {
        case 'l':
          return k[1] == 'a' ? is("label", Known::kLabel) : is("links", Known::kLinks);
        case 'n':
          return is("nodes", Known::kNodes);
        case 'e':
          return is("edges", Known::kEdges);
        case 's':
          return is("start", Known::kStart);
        default:
          return is("count", Known::kCount);
      }
    case 6:
      return k[0] == 's' ? is("source", Known::kSource) : is("target", Known::kTarget);
    case 7:
      return is("aliases", Known::kAliases);
    case 8:
      return k[0] == 'm' ? is("mentions", Known::kMentions) : is("evidence", Known::kEvidence);
    default:
      return Known::kOther;
  }
}

// What an open object or array holds.
enum class Frame : uint8_t {
  kRoot,      // {"nodes", "links" or "edges", anything else skipped}
  kNodes,     // [node, ...]
  kNode,      // {"id", "label", "name", "aliases", "mentions", properties}
  kLinks,     // [link, ...]
  kLink,      // {"source", "target", "type", "evidence", properties}
  kStrings,   // [string, ...]: aliases or a list-valued property
  kProvList,  // [mention, ...] or [evidence, ...]
  kProv,      // {"doc", "start", "end", ["text",] "rule"}
  kSkip,      // a value nobody reads
};

// A link read before the nodes were all known: resolved at the end.
struct PendingLink {
  size_t index;
  RawId source, target;
  Edge edge;
};

class Importer : public rapidjson::BaseReaderHandler<rapidjson::UTF8<>, Importer> {
 public:
  Importer(const std::string& path, const rapidjson::StringStream& in) : path_(path), in_(in) {}

  // --- rapidjson SAX events -------------------------------------------
  bool Null() { return scalar({Scalar::kNull}); }
  bool Bool(bool b) { return scalar({.kind = Scalar::kBool, .b = b}); }
  bool Int(int i) { return scalar({.kind = Scalar::kInt, .i = i}); }
  bool Uint(unsigned u) { return scalar({.kind = Scalar::kUint, .u = u}); }
  bool Int64(int64_t i) { return scalar({.kind = Scalar::kInt64, .i = i}); }
  bool Uint64(uint64_t u) { return scalar({.kind = Scalar::kUint64, .u = u}); }
  bool Double(double d) { return scalar({.kind = Scalar::kDouble, .d = d}); }
  // Numbers arrive as their text (kParseNumbersAsStringsFlag) and are
  // converted by number(): RapidJSON 1.1.0's full-precision strtod reads
  // before its buffer on some inputs (found by fuzz_import_json; the input is
  // in tests/fuzz/regressions/import_json/), and std::from_chars rounds
  // correctly, so exported doubles still read back bit for bit.
  bool RawNumber(const char* s, rapidjson::SizeType n, bool) {
    Scalar v{Scalar::kNull};
    if (!guarded([&] { v = number(std::string_view(s, n)); })) return false;
    return error_ ? true : scalar(v);
  }
  bool String(const char* s, rapidjson::SizeType n, bool) {
    return scalar({.kind = Scalar::kString, .s = std::string_view(s, n)});
  }
  bool Key(const char* s, rapidjson::SizeType n, bool) {
    if (error_) return true;
    key_.assign(s, n);
    known_ = classify(key_);
    return true;
  }
  bool StartObject() { return start(true); }
  bool EndObject(rapidjson::SizeType) { return end(); }
  bool StartArray() { return start(false); }
  bool EndArray(rapidjson::SizeType) { return end(); }

  bool too_deep() const { return too_deep_; }
  size_t too_deep_at() const { return too_deep_at_; }
  // After a complete parse: the graph, or the first record error thrown.
  Graph finish();

 private:
  // Runs a step; a kg error it throws is kept, and from then on the parse
  // only checks depth (see the file comment).
  template <class F>
  bool guarded(F&& step) {
    if (error_) return true;
    try {
      step();
    } catch (const Error&) {
      error_ = std::current_exception();
    }
    return true;
  }
  detail::Where where() const {
    return in_links_ ? detail::Where{path_, "links", link_index_}
                     : detail::Where{path_, "nodes", node_index_};
  }
  std::string prov_field() const {
    return std::string(prov_is_evidence_ ? "evidence" : "mentions") + "[" +
           std::to_string(prov_index_) + "]";
  }

  bool start(bool object);
  bool end();
  bool scalar(const Scalar& v);
  Scalar number(std::string_view text) const;
  void open(bool object);
  void close();
  void value(const Scalar& v);
  void node_value(const Scalar& v);
  void link_value(const Scalar& v);
  void prov_value(const Scalar& v);
  void end_node();
  void end_link();
  void end_prov();
  NodeId resolve(std::string_view field, const RawId& id);

  const std::string& path_;
  const rapidjson::StringStream& in_;
  Graph g_;
  IdMap ids_;
  std::exception_ptr error_;
  bool too_deep_ = false;
  size_t too_deep_at_ = 0;

  size_t depth_ = 0;             // every open bracket, for the depth limit
  std::vector<Frame> stack_;     // frames up to the first kSkip
  size_t skip_depth_ = 0;        // brackets open inside a kSkip
  std::string key_;              // the member whose value comes next
  Known known_ = Known::kOther;  // which one it is
  bool root_seen_ = false, have_nodes_ = false, have_links_ = false, nodes_done_ = false;
  bool in_links_ = false;

  // The record being read.
  size_t node_index_ = 0, link_index_ = 0;
  Node node_;
  RawId id_;
  bool has_id_ = false, has_label_ = false, has_name_ = false;
  Edge edge_;
  RawId source_, target_;
  bool has_source_ = false, has_target_ = false, has_type_ = false;
  // A list of strings being read: aliases or the property list_key_.
  std::vector<std::string> list_;
  std::string list_key_;
  bool list_is_aliases_ = false;
  // A mention or evidence entry.
  bool prov_is_evidence_ = false;
  size_t prov_index_ = 0;
  Sym prov_doc_ = 0, prov_text_ = 0, prov_rule_ = 0;
  uint32_t prov_start_ = 0, prov_end_ = 0;
  uint32_t prov_seen_ = 0;
  std::vector<PendingLink> pending_;
};

bool Importer::start(bool object) {
  if (++depth_ > kMaxJsonDepth) {
    too_deep_ = true;
    too_deep_at_ = in_.Tell() - 1;  // the bracket itself
    return false;
  }
  return guarded([&] { open(object); });
}

bool Importer::end() {
  --depth_;
  return guarded([&] { close(); });
}

bool Importer::scalar(const Scalar& v) {
  return guarded([&] { value(v); });
}

void Importer::open(bool object) {
  if (skip_depth_ > 0) {
    ++skip_depth_;
    return;
  }
  auto skip = [&] { skip_depth_ = 1; };
  if (stack_.empty()) {
    if (root_seen_ || !object) throw InputError(path_ + ": not a node-link JSON object");
    root_seen_ = true;
    stack_.push_back(Frame::kRoot);
    return;
  }
  switch (stack_.back()) {
    case Frame::kRoot:
      if (known_ == Known::kNodes) {
        if (object || have_nodes_) throw InputError(path_ + ": no \"nodes\" array");
        have_nodes_ = true;
        stack_.push_back(Frame::kNodes);
      } else if (known_ == Known::kLinks || known_ == Known::kEdges) {
        if (have_links_) {
          if (known_ == Known::kLinks) throw InputError(path_ + ": both \"edges\" and \"links\"");
          return skip();  // "links" wins, as NetworkX reads it
        }
        if (object) throw InputError(path_ + ": \"links\" must be an array");
        have_links_ = true;
        in_links_ = true;
        stack_.push_back(Frame::kLinks);
      } else {
        skip();
      }
      return;
    case Frame::kNodes:
      if (!object) where().fail("", "must be an object");
      node_ = Node{};
      has_id_ = has_label_ = has_name_ = false;
      stack_.push_back(Frame::kNode);
      return;
    case Frame::kLinks:
      if (!object) where().fail("", "must be an object");
      edge_ = Edge{};
      has_source_ = has_target_ = has_type_ = false;
      stack_.push_back(Frame::kLink);
      return;
    case Frame::kNode:
    case Frame::kLink: {
      const bool node = stack_.back() == Frame::kNode;
      if (node && known_ == Known::kId) where().fail("id", "must be a string or an integer");
      if (node && known_ == Known::kLabel)
        where().fail("label", "must be a kg label (Country, ...)");
      if (node && known_ == Known::kName) where().fail("name", "must be a string");
      if (!node && (known_ == Known::kSource || known_ == Known::kTarget))
        where().fail(key_, "must be a string or an integer");
      if (!node && known_ == Known::kType) where().fail("type", "must be a kg relationship type");
      if (!node && (known_ == Known::kKey || known_ == Known::kCount || known_ == Known::kDocs))
        return skip();
      if ((node && known_ == Known::kMentions) || (!node && known_ == Known::kEvidence)) {
        if (object) where().fail(key_, "must be an array");
        prov_is_evidence_ = !node;
        prov_index_ = 0;
        if (node)
          node_.mentions.clear();
        else
          edge_.evidence.clear();
        stack_.push_back(Frame::kProvList);
        return;
      }
      list_is_aliases_ = node && known_ == Known::kAliases;
      if (object) {
        if (list_is_aliases_) where().fail("aliases", "must be an array of strings");
        where().fail(key_,
                     "a property value must be a string, number, boolean or array of strings");
      }
      list_key_ = key_;
      list_.clear();
      stack_.push_back(Frame::kStrings);
      return;
    }
    case Frame::kStrings:
      where().fail(list_is_aliases_ ? "aliases" : list_key_, "must be an array of strings");
    case Frame::kProvList:
      if (!object) where().fail(prov_field(), "must be an object");
      prov_seen_ = 0;
      stack_.push_back(Frame::kProv);
      return;
    case Frame::kProv:
      return skip();  // an unknown member of a mention or evidence entry
    case Frame::kSkip:
      return;
  }
}

void Importer::close() {
  if (skip_depth_ > 0) {
    --skip_depth_;
    return;
  }
  Frame f = stack_.back();
  stack_.pop_back();
  switch (f) {
    case Frame::kRoot:
      if (!have_nodes_) throw InputError(path_ + ": no \"nodes\" array");
      return;
    case Frame::kNodes:
      nodes_done_ = true;
      return;
    case Frame::kLinks:
      in_links_ = false;
      return;
    case Frame::kNode:
      end_node();
      ++node_index_;
      return;
    case Frame::kLink:
      end_link();
      ++link_index_;
      return;
    case Frame::kStrings:
      if (list_is_aliases_) {
        node_.aliases = std::move(list_);
      } else {
        Props& props = stack_.back() == Frame::kNode ? node_.props : edge_.props;
        props.set(prop_key(list_key_), std::move(list_));
      }
      list_ = {};
      return;
    case Frame::kProvList:
      return;
    case Frame::kProv:
      end_prov();
      ++prov_index_;
      return;
    case Frame::kSkip:
      return;
  }
}

void Importer::value(const Scalar& v) {
  if (skip_depth_ > 0) return;
  if (stack_.empty()) throw InputError(path_ + ": not a node-link JSON object");
  switch (stack_.back()) {
    case Frame::kRoot:
      if (known_ == Known::kNodes) throw InputError(path_ + ": no \"nodes\" array");
      if ((known_ == Known::kLinks || known_ == Known::kEdges) && !have_links_)
        throw InputError(path_ + ": \"links\" must be an array");
      return;
    case Frame::kNodes:
    case Frame::kLinks:
      where().fail("", "must be an object");
    case Frame::kNode:
      return node_value(v);
    case Frame::kLink:
      return link_value(v);
    case Frame::kStrings:
      if (!v.is_string())
        where().fail(list_is_aliases_ ? "aliases" : list_key_, "must be an array of strings");
      list_.emplace_back(v.s);
      return;
    case Frame::kProvList:
      where().fail(prov_field(), "must be an object");
    case Frame::kProv:
      return prov_value(v);
    case Frame::kSkip:
      return;
  }
}

// A property value: strings, integers, doubles, booleans (arrays of strings
// come through kStrings); null is no property.
void set_prop(Props& props, const std::string& key, const Scalar& v) {
  switch (v.kind) {
    case Scalar::kNull:
      return;
    case Scalar::kString:
      props.set(prop_key(key), std::string(v.s));
      return;
    case Scalar::kBool:
      props.set(prop_key(key), v.b);
      return;
    default:
      if (v.is_int64())
        props.set(prop_key(key), v.as_int64());
      else
        props.set(prop_key(key), v.as_double());
  }
}

void Importer::node_value(const Scalar& v) {
  if (known_ == Known::kId) {
    if (!to_raw_id(v, id_)) where().fail("id", "must be a string or an integer");
    has_id_ = true;
  } else if (known_ == Known::kLabel) {
    auto label = v.is_string() ? parse_label(v.s) : std::nullopt;
    if (!label) where().fail("label", "must be a kg label (Country, ...)");
    node_.label = *label;
    has_label_ = true;
  } else if (known_ == Known::kName) {
    if (!v.is_string()) where().fail("name", "must be a string");
    node_.name.assign(v.s);
    has_name_ = true;
  } else if (known_ == Known::kAliases) {
    where().fail("aliases", "must be an array of strings");
  } else if (known_ == Known::kMentions) {
    where().fail("mentions", "must be an array");
  } else {
    set_prop(node_.props, key_, v);
  }
}

void Importer::link_value(const Scalar& v) {
  if (known_ == Known::kSource || known_ == Known::kTarget) {
    const bool source = known_ == Known::kSource;
    if (!to_raw_id(v, source ? source_ : target_))
      where().fail(key_, "must be a string or an integer");
    (source ? has_source_ : has_target_) = true;
  } else if (known_ == Known::kType) {
    auto type = v.is_string() ? parse_rel_type(v.s) : std::nullopt;
    if (!type) where().fail("type", "must be a kg relationship type");
    edge_.type = *type;
    has_type_ = true;
  } else if (known_ == Known::kEvidence) {
    where().fail("evidence", "must be an array");
  } else if (known_ == Known::kKey || known_ == Known::kCount || known_ == Known::kDocs) {
    // NetworkX's multigraph key and the derived count/docs.
  } else {
    set_prop(edge_.props, key_, v);
  }
}

enum ProvBit : uint32_t { kDoc = 1, kStart = 2, kEnd = 4, kText = 8, kRule = 16 };

void Importer::prov_value(const Scalar& v) {
  auto str = [&](uint32_t bit, Sym& out) {
    if (!v.is_string()) where().fail(prov_field(), "\"" + key_ + "\" must be a string");
    out = g_.intern(v.s);
    prov_seen_ |= bit;
  };
  auto u32 = [&](uint32_t bit, uint32_t& out) {
    if (!v.is_uint())
      where().fail(prov_field(), "\"" + key_ + "\" must be a non-negative integer below 2^32");
    out = static_cast<uint32_t>(v.u);
    prov_seen_ |= bit;
  };
  if (known_ == Known::kDoc) {
    str(kDoc, prov_doc_);
  } else if (known_ == Known::kStart) {
    u32(kStart, prov_start_);
  } else if (known_ == Known::kEnd) {
    u32(kEnd, prov_end_);
  } else if (known_ == Known::kRule) {
    str(kRule, prov_rule_);
  } else if (known_ == Known::kText && prov_is_evidence_) {
    str(kText, prov_text_);
  }
}

void Importer::end_prov() {
  static constexpr std::pair<uint32_t, const char*> kFields[] = {
      {kDoc, "\"doc\" must be a string"},
      {kStart, "\"start\" must be a non-negative integer below 2^32"},
      {kEnd, "\"end\" must be a non-negative integer below 2^32"},
      {kText, "\"text\" must be a string"},
      {kRule, "\"rule\" must be a string"}};
  for (const auto& [bit, what] : kFields) {
    if (bit == kText && !prov_is_evidence_) continue;
    if (!(prov_seen_ & bit)) where().fail(prov_field(), what);
  }
  if (prov_is_evidence_)
    edge_.evidence.push_back({prov_doc_, prov_start_, prov_end_, prov_text_, prov_rule_});
  else
    node_.mentions.push_back({prov_doc_, prov_start_, prov_end_, prov_rule_});
}

void Importer::end_node() {
  if (!has_id_) where().fail("id", "must be a string or an integer");
  if (!has_label_) where().fail("", "no \"label\"");
  if (!has_name_) node_.name = id_.text();
  if (!ids_.add(id_, static_cast<NodeId>(g_.node_count())))
    where().fail("id", "duplicate node id " + id_.text());
  g_.add_node(std::move(node_));
}

NodeId Importer::resolve(std::string_view field, const RawId& id) {
  auto found = ids_.find(id, g_.node_count());
  if (!found) where().fail(field, id.text() + " is not a node");
  return *found;
}

void Importer::end_link() {
  if (!has_type_ || !has_source_ || !has_target_)
    where().fail("", "needs \"source\", \"target\" and \"type\"");
  if (!nodes_done_) {  // links before nodes: resolved in finish()
    pending_.push_back({link_index_, std::move(source_), std::move(target_), std::move(edge_)});
    return;
  }
  edge_.source = resolve("source", source_);
  edge_.target = resolve("target", target_);
  g_.add_edge(std::move(edge_));
}

Graph Importer::finish() {
  if (error_) std::rethrow_exception(error_);
  for (auto& p : pending_) {
    link_index_ = p.index;
    in_links_ = true;
    p.edge.source = resolve("source", p.source);
    p.edge.target = resolve("target", p.target);
    g_.add_edge(std::move(p.edge));
  }
  return std::move(g_);
}

}  // namespace

Scalar Importer::number(std::string_view t) const {
  const char* end = t.data() + t.size();
  if (t == "NaN") return {.kind = Scalar::kDouble, .d = std::numeric_limits<double>::quiet_NaN()};
  if (t == "Infinity" || t == "-Infinity")
    return {.kind = Scalar::kDouble, .d = (t[0] == '-' ? -1 : 1) * std::numeric_limits<double>::infinity()};
  // Integers get the kinds RapidJSON's own events would give them.
  if (t.find_first_of(".eE") == std::string_view::npos) {
    if (t[0] == '-') {
      int64_t i;
      if (auto r = std::from_chars(t.data(), end, i); r.ec == std::errc() && r.ptr == end)
        return {.kind = i >= INT32_MIN ? Scalar::kInt : Scalar::kInt64, .i = i};
    } else {
      uint64_t u;
      if (auto r = std::from_chars(t.data(), end, u); r.ec == std::errc() && r.ptr == end)
        return {.kind = u <= UINT32_MAX ? Scalar::kUint : Scalar::kUint64, .u = u};
    }
  }
  double d;
  auto r = std::from_chars(t.data(), end, d);
  if (r.ec == std::errc::result_out_of_range) {
    // Underflow reads as zero, as JSON parsers do; overflow is refused.
    d = std::strtod(std::string(t).c_str(), nullptr);
    if (std::isinf(d))
      throw InputError::at_offset(path_, in_.Tell(), "number too big for a double: " + std::string(t.substr(0, 40)));
  } else if (r.ec != std::errc() || r.ptr != end) {
    throw InputError::at_offset(path_, in_.Tell(), "bad number: " + std::string(t.substr(0, 40)));
  }
  return {.kind = Scalar::kDouble, .d = d};
}

Graph import_json(const std::string& path) {
  // The file mapped with a '\0' after it, read by RapidJSON's plain string
  // stream: its byte-at-a-time Peek/Take are a pointer each, where a
  // FileReadStream checks its buffer on every byte.
  detail::FileText text(path, /*terminated=*/true);
  rapidjson::StringStream in(text.view().data());
  Importer importer(path, in);
  rapidjson::Reader reader;
  rapidjson::ParseResult ok =
      reader.Parse<rapidjson::kParseNumbersAsStringsFlag | rapidjson::kParseNanAndInfFlag>(in, importer);
  if (importer.too_deep())
    throw LimitError(path + ": byte " + std::to_string(importer.too_deep_at()) +
                     ": JSON nested deeper than " + std::to_string(kMaxJsonDepth) + " levels");
  // The stream ends at the first NUL byte: one inside the file stops the
  // parse there, with an error or after a complete value.
  const size_t at = in.Tell();
  if (at < text.view().size() && text.view()[at] == '\0')
    throw InputError::at_offset(path, at, "a NUL byte (binary data), not JSON");
  if (!ok) throw InputError::at_offset(path, ok.Offset(), rapidjson::GetParseError_En(ok.Code()));
  return importer.finish();
}

}  // namespace kg
